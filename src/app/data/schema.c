/*
 * schema.c - data item definitions and record checks (schema.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/data/schema.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

const char *const yw_schema_types[] = {
	"string", "integer", "decimal", "date", "datetime", "boolean", NULL
};

static int
known_type(const char *t)
{
	size_t i;

	for (i = 0; t != NULL && yw_schema_types[i] != NULL; i++)
		if (strcmp(t, yw_schema_types[i]) == 0)
			return 1;
	return 0;
}

static int
valid_name(const char *s)
{
	size_t i, n;

	n = strlen(s);
	if (n == 0 || n > YW_SCHEMA_NAME_MAX || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* A form's check box ("1", "on", "true") or a JSON boolean. */
static int
truthy(json_t *v)
{
	const char *s;

	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	s = json_string_value(v);
	return s != NULL && (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
	    strcmp(s, "true") == 0);
}

static void
item_err(json_t *errors, size_t n, const char *field, const char *code)
{
	char key[48];

	(void)snprintf(key, sizeof(key), "item_%zu_%s", n, field);
	if (json_object_get(errors, key) == NULL)
		json_object_set_new(errors, key, json_string(code));
}

static const char *
trimmed(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/* length: a JSON integer or a digit string; -1 when malformed. */
static long
item_length(json_t *v)
{
	const char	*s;
	char		*end;
	long		 n;

	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_integer(v))
		n = (long)json_integer_value(v);
	else {
		s = json_string_value(v);
		if (s == NULL)
			return -1;
		if (s[0] == '\0')
			return 0;
		n = strtol(s, &end, 10);
		if (*end != '\0' || s[0] < '0' || s[0] > '9')
			return -1;
	}
	return n < 0 || n > YW_SCHEMA_LENGTH_MAX ? -1 : n;
}

enum yw_err
yw_schema_items_clean(json_t *in, json_t *errors, json_t **out)
{
	json_t		*res, *it, *o;
	const char	*name, *label, *type;
	size_t		 i, before, n;
	long		 len;

	*out = NULL;
	before = json_object_size(errors);
	n = json_array_size(in);
	if (n == 0) {
		json_object_set_new(errors, "items", json_string("required"));
		return YW_EINVAL;
	}
	if (n > YW_SCHEMA_MAX_ITEMS) {
		json_object_set_new(errors, "items", json_string("too_many"));
		return YW_EINVAL;
	}
	res = json_array();
	if (res == NULL)
		return YW_ENOMEM;
	json_array_foreach(in, i, it) {
		name = trimmed(it, "name");
		label = trimmed(it, "label");
		type = trimmed(it, "type");
		if (name[0] == '\0')
			item_err(errors, i + 1, "name", "required");
		else if (!valid_name(name))
			item_err(errors, i + 1, "name", "invalid");
		else if (yw_schema_item(res, name) != NULL)
			item_err(errors, i + 1, "name", "duplicate");
		if (label[0] == '\0')
			item_err(errors, i + 1, "label", "required");
		else if (yw_utf8_count(label, strlen(label)) >
		    YW_SCHEMA_LABEL_MAX || !yw_utf8_valid(label, strlen(label)))
			item_err(errors, i + 1, "label", "too_long");
		if (type[0] == '\0')
			item_err(errors, i + 1, "type", "required");
		else if (!known_type(type))
			item_err(errors, i + 1, "type", "invalid");
		len = item_length(json_object_get(it, "length"));
		if (len < 0)
			item_err(errors, i + 1, "length", "invalid");
		else if (len == 0 && strcmp(type, "string") == 0)
			item_err(errors, i + 1, "length", "required");
		o = json_pack("{s:s, s:s, s:s, s:I, s:b, s:b}", "name", name,
		    "label", label, "type", type, "length", (json_int_t)len,
		    "required", truthy(json_object_get(it, "required")),
		    "personal", truthy(json_object_get(it, "personal")));
		if (o == NULL || json_array_append_new(res, o) != 0) {
			json_decref(res);
			return YW_ENOMEM;
		}
	}
	if (json_object_size(errors) > before) {
		json_decref(res);
		return YW_EINVAL;
	}
	*out = res;
	return YW_OK;
}

json_t *
yw_schema_item(json_t *items, const char *name)
{
	json_t	*it;
	size_t	 i;

	json_array_foreach(items, i, it)
		if (strcmp(trimmed(it, "name"), name) == 0)
			return it;
	return NULL;
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* "-?d+(.d+)?": returns the number of digits, 0 when malformed. */
static size_t
decimal_digits(const char *s)
{
	const char	*dot;
	size_t		 n;

	if (*s == '-')
		s++;
	n = strlen(s);
	dot = strchr(s, '.');
	if (dot == NULL)
		return digits(s, n) ? n : 0;
	if (!digits(s, (size_t)(dot - s)) || !digits(dot + 1, strlen(dot + 1)))
		return 0;
	return n - 1;
}

static int
valid_datetime(const char *s)
{
	int	y, m, d;
	size_t	n;

	n = strlen(s);
	if (n < 19 || !yw_time_parse_date(s, 10, &y, &m, &d) || s[10] != 'T' ||
	    !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) ||
	    s[16] != ':' || !digits(s + 17, 2))
		return 0;
	if ((s[11] - '0') * 10 + (s[12] - '0') > 23 ||
	    (s[14] - '0') * 10 + (s[15] - '0') > 59 ||
	    (s[17] - '0') * 10 + (s[18] - '0') > 59)
		return 0;
	if (n == 19)
		return 1;
	if (n == 20)
		return s[19] == 'Z';
	return n == 25 && (s[19] == '+' || s[19] == '-') && digits(s + 20, 2) &&
	    s[22] == ':' && digits(s + 23, 2);
}

/* What a checked value is stored as. */
enum vkind {
	V_SAME,		/* the value itself (text, date, datetime) */
	V_INT,		/* ll, canonical text in buf */
	V_TEXT,		/* buf, as a string (decimals) */
	V_BOOL		/* y */
};

struct val {
	enum vkind	kind;
	long long	ll;
	int		y;
	char		buf[64];
};

enum { T_STRING, T_INTEGER, T_DECIMAL, T_DATE, T_DATETIME, T_BOOLEAN };

static int
type_index(const char *t)
{
	int i;

	for (i = 0; t != NULL && yw_schema_types[i] != NULL; i++)
		if (strcmp(t, yw_schema_types[i]) == 0)
			return i;
	return T_DATETIME;	/* what check_value did for an unknown one */
}

static void
field_of(json_t *item, struct yw_schema_field *f)
{
	f->name = trimmed(item, "name");
	f->type = type_index(trimmed(item, "type"));
	f->length = json_integer_value(json_object_get(item, "length"));
	f->required = json_is_true(json_object_get(item, "required"));
}

/*
 * One value against its item, without allocating: *o says how it is
 * stored, or a code comes back. Strings as CSV gives them are accepted for
 * integers, decimals and booleans.
 */
static const char *
value_check(const struct yw_schema_field *f, const struct yw_schema_value *v,
    struct val *o)
{
	const char	*s;
	char		*end;
	int		 m, d;

	s = v->type == YW_SV_STRING ? v->s : NULL;
	o->kind = V_SAME;
	switch (f->type) {
	case T_STRING:
		if (s == NULL)
			return "wrong_type";
		if (f->length > 0 && yw_utf8_count(s, v->len) >
		    (size_t)f->length)
			return "too_long";
		return NULL;
	case T_INTEGER:
		if (v->type == YW_SV_INTEGER) {
			o->ll = v->ll;
		} else if (s != NULL && digits(s[0] == '-' ? s + 1 : s,
		    strlen(s[0] == '-' ? s + 1 : s)) && strlen(s) <= 19) {
			o->ll = strtoll(s, &end, 10);
		} else {
			return "wrong_type";
		}
		(void)snprintf(o->buf, sizeof(o->buf), "%lld", o->ll);
		if (f->length > 0 && strlen(o->buf) - (o->ll < 0) >
		    (size_t)f->length)
			return "too_long";
		o->kind = V_INT;
		return NULL;
	case T_DECIMAL:
		if (v->type == YW_SV_INTEGER)
			(void)snprintf(o->buf, sizeof(o->buf), "%lld", v->ll);
		else if (v->type == YW_SV_REAL)
			(void)snprintf(o->buf, sizeof(o->buf), "%.15g", v->d);
		else if (s != NULL && strlen(s) < sizeof(o->buf))
			(void)snprintf(o->buf, sizeof(o->buf), "%s", s);
		else
			return "wrong_type";
		if (decimal_digits(o->buf) == 0)
			return "wrong_type";
		if (f->length > 0 && decimal_digits(o->buf) > (size_t)f->length)
			return "too_long";
		o->kind = V_TEXT;
		return NULL;
	case T_BOOLEAN:
		if (v->type == YW_SV_BOOL)
			o->y = v->y;
		else if (s != NULL && (strcmp(s, "true") == 0 ||
		    strcmp(s, "1") == 0))
			o->y = 1;
		else if (s != NULL && (strcmp(s, "false") == 0 ||
		    strcmp(s, "0") == 0))
			o->y = 0;
		else
			return "wrong_type";
		o->kind = V_BOOL;
		return NULL;
	default:
		break;
	}
	if (s == NULL)
		return "wrong_type";
	if (f->type == T_DATE) {
		if (!yw_time_parse_date(s, v->len, &o->y, &m, &d))
			return "bad_date";
	} else if (!valid_datetime(s)) {
		return "bad_datetime";
	}
	return NULL;
}

/* A jansson value as the checks see it. */
static void
value_of(json_t *v, struct yw_schema_value *sv)
{
	memset(sv, 0, sizeof(*sv));
	sv->json = v;
	if (v == NULL) {
		sv->type = YW_SV_ABSENT;
		return;
	}
	switch (json_typeof(v)) {
	case JSON_STRING:
		sv->type = YW_SV_STRING;
		sv->s = json_string_value(v);
		sv->len = json_string_length(v);
		break;
	case JSON_INTEGER:
		sv->type = YW_SV_INTEGER;
		sv->ll = json_integer_value(v);
		break;
	case JSON_REAL:
		sv->type = YW_SV_REAL;
		sv->d = json_real_value(v);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		sv->type = YW_SV_BOOL;
		sv->y = json_is_true(v);
		break;
	case JSON_NULL:
		sv->type = YW_SV_ABSENT;
		break;
	default:
		sv->type = YW_SV_OTHER;
		break;
	}
}

/* One value: *stored (new) and *canon (new string) or a code. */
static const char *
check_value(json_t *item, json_t *v, json_t **stored, json_t **canon)
{
	struct yw_schema_field	 f;
	struct yw_schema_value	 sv;
	struct val		 o;
	const char		*code;

	*stored = NULL;
	*canon = NULL;
	field_of(item, &f);
	value_of(v, &sv);
	code = value_check(&f, &sv, &o);
	if (code != NULL)
		return code;
	switch (o.kind) {
	case V_INT:
		*stored = json_integer(o.ll);
		*canon = json_string(o.buf);
		break;
	case V_TEXT:
		*stored = json_string(o.buf);
		*canon = json_string(o.buf);
		break;
	case V_BOOL:
		*stored = json_boolean(o.y);
		*canon = json_string(o.y ? "true" : "false");
		break;
	default:
		*stored = json_incref(v);
		*canon = json_incref(v);
		break;
	}
	return NULL;
}

static int
absent(json_t *v)
{
	return v == NULL || json_is_null(v) || (json_is_string(v) &&
	    json_string_length(v) == 0);
}

enum yw_err
yw_schema_check(json_t *items, json_t *record, json_t **clean,
    json_t *values, json_t **errors)
{
	json_t		*res, *errs, *it, *v, *stored, *canon;
	const char	*key, *code;
	size_t		 i;

	*clean = NULL;
	*errors = NULL;
	res = json_object();
	errs = json_object();
	if (res == NULL || errs == NULL)
		goto nomem;
	if (!json_is_object(record)) {
		json_object_set_new(errs, "record", json_string("wrong_type"));
		goto invalid;
	}
	json_object_foreach(record, key, v)
		if (yw_schema_item(items, key) == NULL)
			json_object_set_new(errs, key,
			    json_string("unknown_field"));
	json_array_foreach(items, i, it) {
		key = trimmed(it, "name");
		v = json_object_get(record, key);
		if (absent(v)) {
			if (json_is_true(json_object_get(it, "required")))
				json_object_set_new(errs, key,
				    json_string("required"));
			continue;
		}
		code = check_value(it, v, &stored, &canon);
		if (code != NULL) {
			json_object_set_new(errs, key, json_string(code));
			continue;
		}
		json_object_set_new(res, key, stored);
		if (values != NULL)
			json_object_set_new(values, key, canon);
		else
			json_decref(canon);
	}
	if (json_object_size(errs) > 0)
		goto invalid;
	json_decref(errs);
	*clean = res;
	return YW_OK;
invalid:
	json_decref(res);
	*errors = errs;
	return YW_EINVAL;
nomem:
	json_decref(res);
	json_decref(errs);
	return YW_ENOMEM;
}

enum yw_err
yw_schema_filter_value(json_t *item, const char *text, json_t **out,
    const char **code)
{
	json_t		*v, *stored, *canon;
	const char	*c;

	*out = NULL;
	*code = NULL;
	v = json_string(text);
	if (v == NULL) {
		*code = "utf8";
		return YW_EINVAL;
	}
	c = check_value(item, v, &stored, &canon);
	json_decref(v);
	if (c != NULL) {
		/* A filter on a short field is never too long for it: no
		 * record could hold a longer value, so say it plainly. */
		*code = c;
		return YW_EINVAL;
	}
	json_decref(stored);
	*out = canon;
	return YW_OK;
}

enum yw_err
yw_schema_from_csv(json_t *items, json_t *csv, json_t **out,
    size_t *bad_column, const char **code)
{
	json_t		*header, *res, *row, *rec, *cell;
	const char	*name;
	size_t		 i, j;

	*out = NULL;
	*bad_column = 0;
	*code = NULL;
	header = json_array_get(csv, 0);
	json_array_foreach(header, j, cell) {
		name = json_string_value(cell);
		if (name == NULL || yw_schema_item(items, name) == NULL) {
			*bad_column = j + 1;
			*code = "unknown_field";
			return YW_EINVAL;
		}
		for (i = 0; i < j; i++)
			if (strcmp(name, json_string_value(json_array_get(
			    header, i))) == 0) {
				*bad_column = j + 1;
				*code = "duplicate";
				return YW_EINVAL;
			}
	}
	res = json_array();
	if (res == NULL)
		return YW_ENOMEM;
	for (i = 1; i < json_array_size(csv); i++) {
		row = json_array_get(csv, i);
		rec = json_object();
		if (rec == NULL || json_array_append_new(res, rec) != 0) {
			json_decref(res);
			return YW_ENOMEM;
		}
		json_array_foreach(row, j, cell) {
			if (json_string_length(cell) == 0)
				continue;
			json_object_set(rec, json_string_value(
			    json_array_get(header, j)), cell);
		}
	}
	*out = res;
	return YW_OK;
}

json_t *
yw_schema_mask(json_t *value)
{
	const char	*s;
	size_t		 n, k;
	char		 buf[64];
	uint32_t	 cp;

	s = json_string_value(value);
	if (s == NULL)
		return json_string("***");
	n = json_string_length(value);
	if (n == 18 && yw_mask_idnum(s, n, buf, sizeof(buf)) == YW_OK)
		return json_string(buf);
	if (n == 11 && digits(s, n) && yw_mask_phone(s, n, buf, sizeof(buf)) ==
	    YW_OK)
		return json_string(buf);
	if (n == 10 && s[4] == '-' && s[7] == '-')
		return json_string("****-**-**");
	if (n == 0)
		return json_string("");
	k = yw_utf8_decode(s, n, &cp);
	if (cp == YW_UTF8_INVALID || k >= sizeof(buf) - 4)
		return json_string("***");
	memcpy(buf, s, k);
	memcpy(buf + k, "***", 4);
	return json_string(buf);
}

static int
field_cmp(const void *a, const void *b)
{
	return strcmp(((const struct yw_schema_field *)a)->name,
	    ((const struct yw_schema_field *)b)->name);
}

enum yw_err
yw_schema_plan_make(json_t *items, const char *key_item,
    struct yw_schema_plan *p)
{
	json_t	*it;
	size_t	 i;

	memset(p, 0, sizeof(*p));
	p->key = -1;
	if (json_array_size(items) > YW_SCHEMA_MAX_ITEMS)
		return YW_EINVAL;
	json_array_foreach(items, i, it)
		field_of(it, &p->f[p->n++]);
	/* The stored text lists the values by name (JSON_SORT_KEYS). */
	qsort(p->f, p->n, sizeof(p->f[0]), field_cmp);
	for (i = 0; key_item != NULL && i < p->n; i++)
		if (strcmp(p->f[i].name, key_item) == 0)
			p->key = (int)i;
	return YW_OK;
}

static const struct yw_schema_field *
plan_field(const struct yw_schema_plan *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->f[i].name, name) == 0)
			return &p->f[i];
	return NULL;
}

/* A JSON value as jansson writes it, straight into b. */
static enum yw_err
append_json(struct yw_buf *b, json_t *v)
{
	size_t		need, room;
	enum yw_err	rc;

	room = 6 * json_string_length(v) + 32;
	for (;;) {
		rc = yw_buf_reserve(b, room + 1);
		if (rc != YW_OK)
			return rc;
		need = json_dumpb(v, b->data + b->len, room, JSON_ENCODE_ANY);
		if (need == 0)
			return YW_EINVAL;
		if (need <= room)
			break;
		room = need;
	}
	b->len += need;
	b->data[b->len] = '\0';
	return YW_OK;
}

static int
value_absent(const struct yw_schema_value *v)
{
	return v->type == YW_SV_ABSENT || (v->type == YW_SV_STRING &&
	    v->len == 0);
}

/* yw_buf_append, inline while the buffer has room: a record is written
 * in many small pieces. */
static enum yw_err
put(struct yw_buf *b, const char *p, size_t n)
{
	if (b->data == NULL || n >= b->cap - b->len)
		return yw_buf_append(b, p, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return YW_OK;
}

/* A value kept as it came (a string) as jansson writes it. */
static enum yw_err
append_same(struct yw_buf *b, const struct yw_schema_value *v)
{
	enum yw_err rc;

	if (v->json != NULL)
		return append_json(b, v->json);
	rc = put(b, "\"", 1);
	if (rc == YW_OK)
		rc = put(b, v->s, v->len);
	if (rc == YW_OK)
		rc = put(b, "\"", 1);
	return rc;
}

/* The key's canonical text, then a NUL. */
static enum yw_err
append_key(struct yw_buf *b, const struct yw_schema_value *v,
    const struct val *o)
{
	const char	*t;
	enum yw_err	 rc;

	t = o->kind == V_SAME ? v->s : o->kind == V_BOOL ? (o->y ? "true" :
	    "false") : o->buf;
	rc = put(b, t, o->kind == V_SAME ? v->len : strlen(t));
	return rc == YW_OK ? put(b, "", 1) : rc;
}

enum yw_err
yw_schema_encode_values(const struct yw_schema_plan *p,
    const struct yw_schema_value *vals, struct yw_buf *out, size_t *key_off)
{
	const struct yw_schema_field	*f;
	const struct yw_schema_value	*v;
	struct val			 o;
	size_t				 i, start = out->len;
	int				 first = 1;
	enum yw_err			 rc;

	*key_off = (size_t)-1;
	rc = put(out, "{", 1);
	for (i = 0; i < p->n && rc == YW_OK; i++) {
		f = &p->f[i];
		v = &vals[i];
		if (value_absent(v)) {
			if (f->required)
				rc = YW_EINVAL;
			continue;
		}
		if (value_check(f, v, &o) != NULL) {
			rc = YW_EINVAL;
			break;
		}
		rc = first ? put(out, "\"", 1) : put(out, ",\"", 2);
		first = 0;
		if (rc == YW_OK)
			rc = put(out, f->name, strlen(f->name));
		if (rc == YW_OK)
			rc = put(out, "\":", 2);
		if (rc != YW_OK)
			break;
		switch (o.kind) {
		case V_INT:
			rc = put(out, o.buf, strlen(o.buf));
			break;
		case V_TEXT:
			rc = put(out, "\"", 1);
			if (rc == YW_OK)
				rc = put(out, o.buf, strlen(o.buf));
			if (rc == YW_OK)
				rc = put(out, "\"", 1);
			break;
		case V_BOOL:
			rc = put(out, o.y ? "true" : "false", o.y ? 4 : 5);
			break;
		default:
			rc = append_same(out, v);
			break;
		}
	}
	if (rc == YW_OK)
		rc = put(out, "}", 2);	/* with its NUL */
	if (rc == YW_OK && p->key >= 0 && !value_absent(&vals[p->key])) {
		*key_off = out->len;
		(void)value_check(&p->f[p->key], &vals[p->key], &o);
		rc = append_key(out, &vals[p->key], &o);
	}
	if (rc != YW_OK) {
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
		*key_off = (size_t)-1;
	}
	return rc;
}

enum yw_err
yw_schema_encode(const struct yw_schema_plan *p, json_t *record,
    struct yw_buf *out, size_t *key_off)
{
	struct yw_schema_value	 vals[YW_SCHEMA_MAX_ITEMS];
	json_t			*v;
	const char		*key;
	size_t			 i;

	*key_off = (size_t)-1;
	if (!json_is_object(record))
		return YW_EINVAL;
	json_object_foreach(record, key, v)
		if (plan_field(p, key) == NULL)
			return YW_EINVAL;
	for (i = 0; i < p->n; i++)
		value_of(json_object_get(record, p->f[i].name), &vals[i]);
	return yw_schema_encode_values(p, vals, out, key_off);
}
