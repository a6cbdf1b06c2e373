/*
 * open_keywords.c - editing an open data set's keywords (open_keywords.h).
 */
#include <string.h>

#include "app/audit/audit.h"
#include "app/data/open.h"
#include "app/data/open_keywords.h"
#include "app/data/open_store.h"
#include "core/buf.h"
#include "core/utf8.h"

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static int
is_separator(uint32_t cp)
{
	return cp == ',' || cp == ';' || cp == '\n' || cp == '\r' ||
	    cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B;
}

static int
is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000;
}

/* Appends s[b, e) trimmed to list unless empty or already there. */
static void
add_keyword(json_t *list, const char *s, size_t b, size_t e)
{
	json_t		*v;
	uint32_t	 cp;
	size_t		 n, i;

	while (b < e && (n = yw_utf8_decode(s + b, e - b, &cp)) > 0 &&
	    is_blank(cp))
		b += n;
	/* Trailing blanks: walk back over UTF-8 continuation bytes. */
	while (e > b) {
		i = e - 1;
		while (i > b && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		if (yw_utf8_decode(s + i, e - i, &cp) == 0 || !is_blank(cp))
			break;
		e = i;
	}
	if (e == b)
		return;
	json_array_foreach(list, i, v)
		if (json_string_length(v) == e - b &&
		    memcmp(json_string_value(v), s + b, e - b) == 0)
			return;
	json_array_append_new(list, json_stringn(s + b, e - b));
}

/* text -> [keyword, ...]; NULL with *why on a bad one. */
static json_t *
split(const char *text, const char **why)
{
	json_t		*list, *v;
	uint32_t	 cp;
	size_t		 len = strlen(text), p = 0, b = 0, n, i;

	*why = NULL;
	if (!yw_utf8_valid(text, len) || yw_utf8_has_control(text, len, 1)) {
		*why = "control";
		return NULL;
	}
	list = json_array();
	while (list != NULL && p <= len) {
		n = p < len ? yw_utf8_decode(text + p, len - p, &cp) : 0;
		if (p == len || is_separator(cp)) {
			add_keyword(list, text, b, p);
			if (p == len)
				break;
			b = p + n;
		}
		p += n;
	}
	json_array_foreach(list, i, v)
		if (yw_utf8_count(json_string_value(v), json_string_length(v)) >
		    YW_OPEN_KEYWORD_MAX)
			*why = "keyword_too_long";
	if (*why == NULL && json_array_size(list) > YW_OPEN_KEYWORDS_COUNT)
		*why = "too_many";
	if (*why != NULL) {
		json_decref(list);
		return NULL;
	}
	return list;
}

/* Appends the keywords of list to b separated by sep. */
static enum yw_err
join(json_t *list, const char *sep, struct yw_buf *b)
{
	json_t		*v;
	size_t		 i;
	enum yw_err	 rc = YW_OK;

	json_array_foreach(list, i, v) {
		if (i > 0)
			rc = yw_buf_appends(b, sep);
		if (rc == YW_OK)
			rc = yw_buf_appends(b, json_string_value(v));
		if (rc != YW_OK)
			break;
	}
	return rc;
}

/* code's open row, if a may edit its keywords. */
static enum yw_err
editable(struct yw_db *db, const struct yw_actor *a, const char *code,
    json_t **row)
{
	enum yw_err rc;

	*row = NULL;
	/* The demo loader acts as a platform admin without an account. */
	if (a == NULL || a->kind[0] == '\0')
		return YW_EAUTH;
	if (strcmp(a->kind, "staff") != 0 || !(a->roles &
	    (YW_ROLE_DATA_STEWARD | YW_ROLE_PLATFORM_ADMIN)))
		return YW_EFORBIDDEN;
	rc = yw_open_store_get(db, code, row);
	if (rc != YW_OK)
		return rc;
	if (!(a->roles & YW_ROLE_PLATFORM_ADMIN) && a->department_id !=
	    json_integer_value(json_object_get(*row, "department_id"))) {
		json_decref(*row);
		*row = NULL;
		return YW_ENOTFOUND;
	}
	return YW_OK;
}

enum yw_err
yw_open_keywords_get(struct yw_db *db, const struct yw_actor *a,
    const char *code, json_t **out)
{
	struct yw_buf	 b;
	json_t		*row = NULL, *list;
	const char	*why;
	enum yw_err	 rc;

	*out = NULL;
	rc = editable(db, a, code, &row);
	if (rc != YW_OK)
		return rc;
	list = split(str(row, "keywords"), &why);
	if (list == NULL)
		list = json_array();
	*out = json_pack("{s:{s:O, s:O, s:O, s:O, s:O, s:O, s:o}, s:s}",
	    "dataset", "code", json_object_get(row, "code"), "name",
	    json_object_get(row, "name"), "name_en", json_object_get(row,
	    "name_en"), "department_name", json_object_get(row,
	    "department_name"), "department_name_en", json_object_get(row,
	    "department_name_en"), "open_attr", json_object_get(row,
	    "open_attr"), "keywords", list, "keywords_text", "");
	json_decref(row);
	if (*out == NULL)
		return YW_ENOMEM;
	yw_buf_init(&b);
	rc = join(json_object_get(json_object_get(*out, "dataset"),
	    "keywords"), ", ", &b);
	if (rc == YW_OK)
		json_object_set_new(*out, "keywords_text", json_string(b.data !=
		    NULL ? b.data : ""));
	yw_buf_free(&b);
	return rc;
}

enum yw_err
yw_open_keywords_set(struct yw_db *db, const struct yw_actor *a,
    const char *code, const char *text, json_t **errors)
{
	struct yw_buf	 b;
	json_t		*row = NULL, *list = NULL, *detail;
	const char	*why;
	enum yw_err	 rc;

	*errors = NULL;
	yw_buf_init(&b);
	rc = editable(db, a, code, &row);
	if (rc != YW_OK)
		return rc;
	list = split(text != NULL ? text : "", &why);
	if (list == NULL) {
		*errors = json_pack("{s:s}", "keywords", why);
		rc = YW_EINVAL;
		goto out;
	}
	rc = join(list, ",", &b);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = yw_open_store_keywords(db, json_integer_value(json_object_get(
	    row, "id")), b.data != NULL ? b.data : "");
	if (rc == YW_OK)
		rc = yw_open_index(db, code);
	detail = json_pack("{s:O}", "keywords", list);
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "open_dataset.keywords",
		    "data_resource", code, detail);
	json_decref(detail);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
out:
	yw_buf_free(&b);
	json_decref(list);
	json_decref(row);
	return rc;
}
