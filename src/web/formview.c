/*
 * formview.c - application forms as data (app/service/formdef.h) turned
 * into what the templates show: each field with its label in the
 * visitor's language, input type, current value, choices and message; and
 * a submitted case's values as label/value pairs with file links.
 * Mustache cannot branch on a value, so every type gets a flag.
 */
#include <stdio.h>
#include <string.h>

#include "core/jsonx.h"
#include "app/org/org.h"
#include "web/web.h"

static int
is_en(const struct yw_req *r)
{
	return strcmp(r->lang, "en") == 0;
}

/* {"zh": ..., "en": ...} in the visitor's language, Chinese when no
 * English is given. */
static const char *
text_of(const struct yw_req *r, json_t *l)
{
	const char *en;

	en = json_string_value(json_object_get(l, "en"));
	if (is_en(r) && en != NULL && en[0] != '\0')
		return en;
	return yw_jstr(l, "zh");
}

/* 1 when an English page shows the Chinese text of l (no English). */
static int
zh_only(const struct yw_req *r, json_t *l)
{
	return is_en(r) && strlen(yw_jstr(l, "en")) == 0;
}

static void
size_text(int64_t n, char *out, size_t outsz)
{
	if (n >= 1024 * 1024)
		(void)snprintf(out, outsz, "%.1f MB", (double)n /
		    (1024.0 * 1024.0));
	else if (n >= 1024)
		(void)snprintf(out, outsz, "%lld KB", (long long)((n + 1023) /
		    1024));
	else
		(void)snprintf(out, outsz, "%lld B", (long long)n);
}

static json_t *
file_view(json_t *v, const char *files_base)
{
	char	 size[32], href[160];
	json_t	*f;

	size_text((int64_t)json_integer_value(json_object_get(v, "size")),
	    size, sizeof(size));
	f = json_pack("{s:s, s:s, s:s}", "name", yw_jstr(v, "name"), "type",
	    yw_jstr(v, "type"), "size_text", size);
	if (files_base != NULL) {
		(void)snprintf(href, sizeof(href), "%s/%s", files_base,
		    yw_jstr(v, "sha256"));
		json_object_set_new(f, "href", json_string(href));
	}
	return f;
}

json_t *
yw_web_file_link(json_t *v, const char *files_base)
{
	return file_view(v, files_base);
}

/* The regions as options, the chosen one marked. */
static json_t *
region_options(struct yw_req *r, const char *chosen)
{
	json_t	*list, *out, *reg;
	size_t	 i;

	out = json_array();
	if (yw_org_regions(yw_web->db, NULL, &list) != YW_OK)
		return out;
	json_array_foreach(list, i, reg) {
		const char *name = yw_jstr(reg, "name");

		if (is_en(r) && strlen(yw_jstr(reg, "name_en")) > 0)
			name = yw_jstr(reg, "name_en");
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "code",
		    yw_jstr(reg, "code"), "name", name, "selected",
		    strcmp(chosen, yw_jstr(reg, "code")) == 0));
	}
	json_decref(list);
	return out;
}

static void
attachment_view(json_t *f, json_t *v, json_t *def)
{
	json_t	*acc, *max;
	char	 accept[128], kinds[128], mx[32];
	size_t	 i, a, k;

	accept[0] = kinds[0] = '\0';
	a = k = 0;
	json_array_foreach(json_object_get(def, "accept"), i, acc) {
		const char	*t = json_string_value(acc);
		int		 n;

		if (t == NULL)
			continue;
		n = snprintf(accept + a, sizeof(accept) - a, "%s.%s",
		    a > 0 ? "," : "", strcmp(t, "jpeg") == 0 ? "jpg,.jpeg" : t);
		if (n > 0 && (size_t)n < sizeof(accept) - a)
			a += (size_t)n;
		n = snprintf(kinds + k, sizeof(kinds) - k, "%s%s",
		    k > 0 ? ", " : "", t);
		if (n > 0 && (size_t)n < sizeof(kinds) - k)
			k += (size_t)n;
	}
	for (i = 0; kinds[i] != '\0'; i++)
		if (kinds[i] >= 'a' && kinds[i] <= 'z')
			kinds[i] = (char)(kinds[i] - 'a' + 'A');
	max = json_object_get(def, "max_bytes");
	size_text(json_is_integer(max) ? (int64_t)json_integer_value(max) :
	    5 * 1024 * 1024, mx, sizeof(mx));
	json_object_set_new(f, "accept", json_string(accept));
	json_object_set_new(f, "accept_text", json_string(kinds));
	json_object_set_new(f, "max_text", json_string(mx));
	if (json_is_object(v))
		json_object_set_new(f, "file", file_view(v, NULL));
}

static void
choice_view(struct yw_req *r, json_t *f, json_t *def, const char *value)
{
	json_t	*opts, *opt, *list;
	char	 id[64];
	size_t	 i;

	opts = json_object_get(def, "options");
	list = json_array();
	json_array_foreach(opts, i, opt) {
		/* The first is the field's own id, for the error summary. */
		if (i == 0)
			(void)snprintf(id, sizeof(id), "f-%s", yw_jstr(def,
			    "name"));
		else
			(void)snprintf(id, sizeof(id), "f-%s-%zu", yw_jstr(def,
			    "name"), i);
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}",
		    "value", yw_jstr(opt, "value"), "label", text_of(r,
		    json_object_get(opt, "label")), "id", id, "checked",
		    strcmp(value, yw_jstr(opt, "value")) == 0));
	}
	json_object_set_new(f, "options", list);
	/* Few choices read best as radio buttons, many in a list. */
	json_object_set_new(f, json_array_size(opts) > 5 ? "is_select" :
	    "is_radio", json_true());
}

/* The input attributes of the text-like types. */
static void
input_view(json_t *f, const char *type, json_t *def)
{
	static const struct {
		const char	*type, *input, *mode, *complete;
		int		 max;
	} kinds[] = {
		{ "text", "text", NULL, NULL, 200 },
		{ "number", "text", "decimal", NULL, 30 },
		{ "date", "date", NULL, NULL, 10 },
		{ "idnum", "text", NULL, "off", 18 },
		{ "phone", "tel", "tel", "tel", 20 },
		{ "email", "email", "email", "email", 254 },
	};
	json_t	*max;
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(kinds[i].type, type) != 0)
			continue;
		json_object_set_new(f, "input_type",
		    json_string(kinds[i].input));
		if (kinds[i].mode != NULL)
			json_object_set_new(f, "inputmode",
			    json_string(kinds[i].mode));
		if (kinds[i].complete != NULL)
			json_object_set_new(f, "autocomplete",
			    json_string(kinds[i].complete));
		max = json_object_get(def, "max");
		json_object_set_new(f, "maxlength", json_integer(
		    strcmp(type, "text") == 0 && json_is_integer(max) ?
		    json_integer_value(max) : kinds[i].max));
		json_object_set_new(f, "is_input", json_true());
		return;
	}
}

/* aria-describedby: the hint and the message, when there are any. */
static void
describe(json_t *f, const char *name, int hint, int error)
{
	char buf[80];

	if (!hint && !error)
		return;
	(void)snprintf(buf, sizeof(buf), "%s%s%s%s%s", hint ? "h-" : "",
	    hint ? name : "", hint && error ? " " : "", error ? "e-" : "",
	    error ? name : "");
	json_object_set_new(f, "describedby", json_string(buf));
}

json_t *
yw_web_form_fields(struct yw_req *r, json_t *def, json_t *values,
    json_t *errors)
{
	json_t		*out, *d, *f, *v, *t;
	const char	*name, *type, *value, *code, *msg;
	char		 flag[32];
	size_t		 i;

	out = json_array();
	t = json_object_get(json_object_get(yw_web->locales, r->lang),
	    "error");
	json_array_foreach(json_object_get(def, "fields"), i, d) {
		name = yw_jstr(d, "name");
		type = yw_jstr(d, "type");
		v = json_object_get(values, name);
		value = json_is_string(v) ? json_string_value(v) : "";
		f = json_pack("{s:s, s:s, s:s, s:b, s:b, s:s}", "name", name,
		    "type", type, "label", text_of(r, json_object_get(d,
		    "label")), "label_zh", zh_only(r, json_object_get(d,
		    "label")), "required", json_is_true(json_object_get(d,
		    "required")), "value", value);
		if (json_object_get(d, "hint") != NULL)
			json_object_set_new(f, "hint", json_string(text_of(r,
			    json_object_get(d, "hint"))));
		(void)snprintf(flag, sizeof(flag), "is_%s", type);
		json_object_set_new(f, flag, json_true());
		code = json_string_value(json_object_get(errors, name));
		if (code != NULL) {
			msg = json_string_value(json_object_get(t, code));
			json_object_set_new(f, "error", json_string(msg != NULL ?
			    msg : code));
		}
		describe(f, name, json_object_get(d, "hint") != NULL,
		    code != NULL);
		if (strcmp(type, "choice") == 0)
			choice_view(r, f, d, value);
		else if (strcmp(type, "region") == 0)
			json_object_set_new(f, "regions", region_options(r,
			    value));
		else if (strcmp(type, "attachment") == 0)
			attachment_view(f, v, d);
		else if (strcmp(type, "consent") == 0) {
			json_t *p = json_pack("{s:s, s:s}", "zh", yw_jstr(d,
			    "provider_name"), "en", yw_jstr(d,
			    "provider_name_en"));

			json_object_set_new(f, "checked", json_boolean(
			    strcmp(value, "yes") == 0));
			json_object_set_new(f, "provider", json_string(
			    text_of(r, p)));
			json_decref(p);
		}
		else
			input_view(f, type, d);
		json_array_append_new(out, f);
	}
	return out;
}

json_t *
yw_web_form_labels(struct yw_req *r, json_t *def)
{
	json_t	*out, *d;
	size_t	 i;

	out = json_object();
	json_array_foreach(json_object_get(def, "fields"), i, d)
		json_object_set_new(out, yw_jstr(d, "name"), json_string(
		    text_of(r, json_object_get(d, "label"))));
	return out;
}

/* The text a value shows as: a choice's label, a region's name. */
static const char *
shown(struct yw_req *r, json_t *d, const char *value, json_t **regions)
{
	json_t	*opt, *reg;
	size_t	 i;

	if (strcmp(yw_jstr(d, "type"), "choice") == 0) {
		json_array_foreach(json_object_get(d, "options"), i, opt)
			if (strcmp(yw_jstr(opt, "value"), value) == 0)
				return text_of(r, json_object_get(opt,
				    "label"));
	}
	if (strcmp(yw_jstr(d, "type"), "region") == 0) {
		if (*regions == NULL && yw_org_regions(yw_web->db, NULL,
		    regions) != YW_OK)
			*regions = json_array();
		json_array_foreach(*regions, i, reg)
			if (strcmp(yw_jstr(reg, "code"), value) == 0)
				return is_en(r) && strlen(yw_jstr(reg,
				    "name_en")) > 0 ? yw_jstr(reg, "name_en") :
				    yw_jstr(reg, "name");
	}
	return value;
}

static json_t *
value_view(struct yw_req *r, json_t *d, const char *name, json_t *v,
    const char *files_base, json_t **regions)
{
	json_t	*row;
	char	 num[48];

	row = json_pack("{s:s, s:s}", "name", name, "label", d != NULL ?
	    text_of(r, json_object_get(d, "label")) : name);
	if (json_is_object(v))
		json_object_set_new(row, "file", file_view(v, files_base));
	else if (json_is_string(v))
		json_object_set_new(row, "text", json_string(d != NULL ?
		    shown(r, d, json_string_value(v), regions) :
		    json_string_value(v)));
	else if (json_is_integer(v) || json_is_real(v)) {
		if (json_is_integer(v))
			(void)snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(v));
		else
			(void)snprintf(num, sizeof(num), "%g",
			    json_real_value(v));
		json_object_set_new(row, "text", json_string(num));
	}
	return row;
}

json_t *
yw_web_form_values(struct yw_req *r, json_t *def, json_t *values,
    const char *files_base)
{
	json_t		*out, *d, *v, *seen, *regions;
	const char	*name;
	size_t		 i;

	out = json_array();
	seen = json_object();
	regions = NULL;
	json_array_foreach(json_object_get(def, "fields"), i, d) {
		name = yw_jstr(d, "name");
		v = json_object_get(values, name);
		json_object_set_new(seen, name, json_true());
		if (v == NULL)
			continue;
		json_array_append_new(out, value_view(r, d, name, v,
		    files_base, &regions));
	}
	json_object_foreach(values, name, v)
		if (json_object_get(seen, name) == NULL)
			json_array_append_new(out, value_view(r, NULL, name, v,
			    files_base, &regions));
	json_decref(seen);
	json_decref(regions);
	return out;
}
