/*
 * xml.c - JSON to XML by the Spark convention, and text escaping (xml.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xml.h"

#define XML_DEPTH_MAX	16

static int
xml_char_ok(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xFFFE && cp != 0xFFFF;
}

enum yw_err
yw_xml_text(struct yw_buf *b, const char *s, size_t n)
{
	uint32_t	cp;
	size_t		i, k;
	enum yw_err	rc;

	rc = YW_OK;
	for (i = 0; i < n && rc == YW_OK; i += k) {
		k = yw_utf8_decode(s + i, n - i, &cp);
		if (cp == YW_UTF8_INVALID) {
			rc = yw_buf_appends(b, "\xEF\xBF\xBD");
			continue;
		}
		if (!xml_char_ok(cp))
			continue;
		if (k == 1)
			rc = yw_buf_append_html(b, s + i, 1);
		else
			rc = yw_buf_append(b, s + i, k);
	}
	return rc;
}

/* A name of [A-Za-z_][A-Za-z0-9_.-]*: enough for the keys we write. */
static int
name_ok(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || (s[0] >= '0' && s[0] <= '9') ||
	    s[0] == '-' || s[0] == '.')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return 0;
	return 1;
}

static const char *
item_name(const struct yw_xml_names *names, const char *list)
{
	size_t i;

	for (i = 0; names != NULL && names[i].list != NULL; i++)
		if (strcmp(names[i].list, list) == 0)
			return names[i].item;
	return "item";
}

static enum yw_err	element(struct yw_buf *, const char *, json_t *,
			    const struct yw_xml_names *, int);

static enum yw_err
content(struct yw_buf *b, const char *name, json_t *v,
    const struct yw_xml_names *names, int depth)
{
	const char	*k;
	json_t		*e;
	size_t		 i;
	enum yw_err	 rc;

	rc = YW_OK;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_object_foreach(v, k, e) {
			rc = element(b, k, e, names, depth + 1);
			if (rc != YW_OK)
				break;
		}
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, e) {
			rc = element(b, item_name(names, name), e, names,
			    depth + 1);
			if (rc != YW_OK)
				break;
		}
		break;
	case JSON_STRING:
		rc = yw_xml_text(b, json_string_value(v),
		    json_string_length(v));
		break;
	case JSON_INTEGER:
		rc = yw_buf_appendf(b, "%lld",
		    (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		rc = yw_buf_appendf(b, "%.12g", json_real_value(v));
		break;
	case JSON_TRUE:
		rc = yw_buf_appends(b, "true");
		break;
	case JSON_FALSE:
		rc = yw_buf_appends(b, "false");
		break;
	case JSON_NULL:
		break;
	}
	return rc;
}

static enum yw_err
element(struct yw_buf *b, const char *name, json_t *v,
    const struct yw_xml_names *names, int depth)
{
	enum yw_err rc;

	if (!name_ok(name) || depth > XML_DEPTH_MAX)
		return YW_EINVAL;
	rc = yw_buf_appendf(b, "<%s>", name);
	if (rc == YW_OK)
		rc = content(b, name, v, names, depth);
	if (rc == YW_OK)
		rc = yw_buf_appendf(b, "</%s>", name);
	return rc;
}

enum yw_err
yw_xml_from_json(struct yw_buf *b, const char *root, json_t *v,
    const struct yw_xml_names *names)
{
	enum yw_err rc;

	rc = yw_buf_appends(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	if (rc == YW_OK)
		rc = element(b, root, v, names, 0);
	if (rc == YW_OK)
		rc = yw_buf_appendc(b, '\n');
	return rc;
}
