#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/service/formdef.h"
#include "core/magic.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

enum ftype {
	FT_TEXT, FT_TEXTAREA, FT_NUMBER, FT_DATE, FT_CHOICE, FT_IDNUM,
	FT_PHONE, FT_EMAIL, FT_REGION, FT_ATTACHMENT, FT_CONSENT, FT_UNKNOWN
};

static const char *const type_names[] = {
	"text", "textarea", "number", "date", "choice", "idnum", "phone",
	"email", "region", "attachment", "consent",
};

static enum ftype
ftype(json_t *field)
{
	const char	*t;
	size_t		 i;

	t = json_string_value(json_object_get(field, "type"));
	if (t == NULL)
		return FT_UNKNOWN;
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(t, type_names[i]) == 0)
			return (enum ftype)i;
	return FT_UNKNOWN;
}

static int
name_ok(const char *s)
{
	size_t i;

	if (s == NULL || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (i >= 32 || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

static int
label_ok(json_t *label, int need)
{
	const char *zh;

	if (label == NULL)
		return !need;
	zh = json_string_value(json_object_get(label, "zh"));
	return json_is_object(label) && zh != NULL && zh[0] != '\0' &&
	    yw_utf8_count(zh, strlen(zh)) <= 100;
}

static void
def_error(json_t *errors, size_t i, const char *what, const char *code)
{
	char key[64];

	(void)snprintf(key, sizeof(key), "fields[%zu].%s", i, what);
	json_object_set_new(errors, key, json_string(code));
}

static void
check_field(json_t *f, size_t i, json_t *seen, json_t *errors)
{
	const char	*name;
	json_t		*v, *opt;
	enum ftype	 t;
	size_t		 j;

	name = json_string_value(json_object_get(f, "name"));
	if (!name_ok(name))
		def_error(errors, i, "name", name == NULL ? "required" :
		    "invalid");
	else if (json_object_get(seen, name) != NULL)
		def_error(errors, i, "name", "duplicate");
	else
		json_object_set_new(seen, name, json_true());
	t = ftype(f);
	if (t == FT_UNKNOWN)
		def_error(errors, i, "type", json_object_get(f, "type") ==
		    NULL ? "required" : "invalid");
	if (!label_ok(json_object_get(f, "label"), 1))
		def_error(errors, i, "label", "required");
	if (!label_ok(json_object_get(f, "hint"), 0))
		def_error(errors, i, "hint", "invalid");
	v = json_object_get(f, "required");
	if (v != NULL && !json_is_boolean(v))
		def_error(errors, i, "required", "invalid");
	v = json_object_get(f, "max");
	if ((t == FT_TEXT || t == FT_TEXTAREA) && v != NULL &&
	    (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > 2000))
		def_error(errors, i, "max", "invalid");
	if (t == FT_NUMBER) {
		if (json_object_get(f, "min") != NULL &&
		    !json_is_number(json_object_get(f, "min")))
			def_error(errors, i, "min", "invalid");
		if (v != NULL && !json_is_number(v))
			def_error(errors, i, "max", "invalid");
		if (json_is_number(v) && json_is_number(json_object_get(f,
		    "min")) && json_number_value(v) < json_number_value(
		    json_object_get(f, "min")))
			def_error(errors, i, "max", "invalid");
	}
	if (t == FT_DATE && json_is_true(json_object_get(f, "past")) &&
	    json_is_true(json_object_get(f, "future")))
		def_error(errors, i, "future", "invalid");
	if (t == FT_CHOICE) {
		v = json_object_get(f, "options");
		if (!json_is_array(v) || json_array_size(v) == 0 ||
		    json_array_size(v) > 50)
			def_error(errors, i, "options", "invalid");
		json_array_foreach(v, j, opt)
			if (json_string_value(json_object_get(opt, "value")) ==
			    NULL || !label_ok(json_object_get(opt, "label"), 1))
				def_error(errors, i, "options", "invalid");
	}
	if (t == FT_ATTACHMENT) {
		v = json_object_get(f, "accept");
		if (!json_is_array(v) || json_array_size(v) == 0)
			def_error(errors, i, "accept", "required");
		json_array_foreach(v, j, opt)
			if (yw_magic_claimed(json_string_value(opt)) == NULL)
				def_error(errors, i, "accept", "invalid");
		v = json_object_get(f, "max_bytes");
		if (v != NULL && (!json_is_integer(v) ||
		    json_integer_value(v) < 1 ||
		    json_integer_value(v) > YW_FORMDEF_MAX_BYTES))
			def_error(errors, i, "max_bytes", "invalid");
	}
}

enum yw_err
yw_formdef_check(json_t *def, json_t **errors)
{
	json_t	*fields, *f, *seen;
	size_t	 i;

	*errors = json_object();
	if (*errors == NULL)
		return YW_ENOMEM;
	fields = json_object_get(def, "fields");
	if (!json_is_array(fields)) {
		json_object_set_new(*errors, "fields", json_string("required"));
		return YW_EINVAL;
	}
	if (json_array_size(fields) > YW_FORMDEF_MAX_FIELDS) {
		json_object_set_new(*errors, "fields",
		    json_string("too_many"));
		return YW_EINVAL;
	}
	seen = json_object();
	json_array_foreach(fields, i, f) {
		if (!json_is_object(f)) {
			def_error(*errors, i, "type", "invalid");
			continue;
		}
		check_field(f, i, seen, *errors);
	}
	json_decref(seen);
	if (json_object_size(*errors) == 0) {
		json_decref(*errors);
		*errors = NULL;
		return YW_OK;
	}
	return YW_EINVAL;
}

/* A decimal number as people type it: optional sign, digits, one point. */
static int
parse_number(const char *s, double *out, int *integral)
{
	size_t	i, digits, points;
	char	*end;

	digits = points = 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.')
			points++;
		else if (!(i == 0 && (s[i] == '-' || s[i] == '+')))
			return 0;
	}
	if (digits == 0 || points > 1 || i > 30)
		return 0;
	errno = 0;
	*out = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(*out))
		return 0;
	*integral = points == 0;
	return 1;
}

static const char *
check_number(json_t *f, const char *s, json_t **clean_v)
{
	double	v;
	int	integral;
	json_t	*lim;

	if (!parse_number(s, &v, &integral))
		return "invalid";
	if (json_is_true(json_object_get(f, "integer")) && !integral)
		return "invalid";
	lim = json_object_get(f, "min");
	if (json_is_number(lim) && v < json_number_value(lim))
		return "out_of_range";
	lim = json_object_get(f, "max");
	if (json_is_number(lim) && v > json_number_value(lim))
		return "out_of_range";
	if (integral && fabs(v) < 9007199254740992.0)
		*clean_v = json_integer((json_int_t)v);
	else
		*clean_v = json_real(v);
	return NULL;
}

static const char *
check_date(json_t *f, const char *s, int64_t now, json_t **clean_v)
{
	int	y, m, d;
	int64_t	day, today;

	if (!yw_time_parse_date(s, strlen(s), &y, &m, &d))
		return "date";
	day = yw_time_days_from_civil(y, m, d);
	today = yw_time_local_days(now);
	if (json_is_true(json_object_get(f, "past")) && day > today)
		return "future";
	if (json_is_true(json_object_get(f, "future")) && day < today)
		return "past";
	*clean_v = json_string(s);
	return NULL;
}

static const char *
check_choice(json_t *f, const char *s, json_t **clean_v)
{
	json_t	*opt;
	size_t	 i;

	json_array_foreach(json_object_get(f, "options"), i, opt) {
		if (strcmp(json_string_value(json_object_get(opt, "value")),
		    s) == 0) {
			*clean_v = json_string(s);
			return NULL;
		}
	}
	return "invalid";
}

static const char *
check_attachment(json_t *f, json_t *v, json_t **clean_v)
{
	const char	*type, *sha;
	json_t		*acc, *max;
	size_t		 i;
	int		 ok;

	type = json_string_value(json_object_get(v, "type"));
	sha = json_string_value(json_object_get(v, "sha256"));
	if (!json_is_object(v) || type == NULL || sha == NULL ||
	    strlen(sha) != 64 || !json_is_integer(json_object_get(v, "size")))
		return "invalid";
	ok = 0;
	json_array_foreach(json_object_get(f, "accept"), i, acc) {
		const char *want = yw_magic_claimed(json_string_value(acc));

		if (want != NULL && strcmp(want, type) == 0)
			ok = 1;
	}
	if (!ok)
		return "type";
	max = json_object_get(f, "max_bytes");
	if (json_integer_value(json_object_get(v, "size")) >
	    (json_is_integer(max) ? json_integer_value(max) : 5 * 1024 * 1024))
		return "too_big";
	*clean_v = json_deep_copy(v);
	return NULL;
}

/* Digits of a phone as people write it: "+86 138-0013-8000". */
static int
phone_digits(const char *s, char *out, size_t outsz)
{
	size_t i, n;

	n = 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == ' ' || s[i] == '-')
			continue;
		if (n + 1 >= outsz)
			return 0;
		out[n++] = s[i];
	}
	out[n] = '\0';
	if (!yw_valid_phone(out, n))
		return 0;
	if (n == 14)
		memmove(out, out + 3, 12);
	return 1;
}

static const char *
check_value(json_t *f, json_t *v, const struct yw_formdef_ctx *ctx,
    json_t **clean_v)
{
	const char	*s;
	json_t		*max;
	char		 buf[40];
	size_t		 i, len;
	enum ftype	 t;

	t = ftype(f);
	if (t == FT_ATTACHMENT)
		return check_attachment(f, v, clean_v);
	s = json_string_value(v);
	if (s == NULL)
		return "invalid";
	len = strlen(s);
	if (!yw_utf8_valid(s, len) || yw_utf8_has_control(s, len,
	    t == FT_TEXTAREA))
		return "invalid";
	switch (t) {
	case FT_TEXT:
	case FT_TEXTAREA:
		max = json_object_get(f, "max");
		if (yw_utf8_count(s, len) > (size_t)(json_is_integer(max) ?
		    json_integer_value(max) : t == FT_TEXT ? 200 : 2000))
			return "too_long";
		*clean_v = json_string(s);
		return NULL;
	case FT_NUMBER:
		return check_number(f, s, clean_v);
	case FT_DATE:
		return check_date(f, s, ctx->now, clean_v);
	case FT_CHOICE:
		return check_choice(f, s, clean_v);
	case FT_IDNUM:
		if (len != 18 || !yw_valid_idnum(s, len, ctx->now))
			return "idnum";
		(void)snprintf(buf, sizeof(buf), "%s", s);
		buf[17] = (char)toupper((unsigned char)buf[17]);
		*clean_v = json_string(buf);
		return NULL;
	case FT_PHONE:
		if (!phone_digits(s, buf, sizeof(buf)))
			return "phone";
		*clean_v = json_string(buf);
		return NULL;
	case FT_EMAIL:
		if (!yw_valid_email(s, len))
			return "email";
		*clean_v = json_string(s);
		return NULL;
	case FT_REGION:
		for (i = 0; i < len; i++)
			if (s[i] < '0' || s[i] > '9')
				return "region";
		if (len != 12 || (ctx->region_ok != NULL &&
		    !ctx->region_ok(ctx->arg, s)))
			return "region";
		*clean_v = json_string(s);
		return NULL;
	case FT_CONSENT:
		if (strcmp(s, "yes") != 0)
			return "invalid";
		*clean_v = json_string(s);
		return NULL;
	case FT_ATTACHMENT:
	case FT_UNKNOWN:
		break;
	}
	return "invalid";
}

/* An absent value: a missing key, JSON null, or text that is only blank. */
static int
empty(json_t *v)
{
	const char *s;

	if (v == NULL || json_is_null(v))
		return 1;
	s = json_string_value(v);
	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s == '\0';
}

/* 1 if a consent field of def that stands in for upload field name is
 * given ("yes") in values. */
static int
consented(json_t *def, json_t *values, const char *name)
{
	json_t		*f;
	const char	*up;
	size_t		 i;

	json_array_foreach(json_object_get(def, "fields"), i, f) {
		up = json_string_value(json_object_get(f, "upload"));
		if (ftype(f) == FT_CONSENT && up != NULL && strcmp(up,
		    name) == 0 && json_is_string(json_object_get(values,
		    json_string_value(json_object_get(f, "name")))) &&
		    strcmp(json_string_value(json_object_get(values,
		    json_string_value(json_object_get(f, "name")))),
		    "yes") == 0)
			return 1;
	}
	return 0;
}

enum yw_err
yw_formdef_validate(json_t *def, json_t *values,
    const struct yw_formdef_ctx *ctx, json_t **clean, json_t **errors)
{
	json_t		*f, *v, *cv;
	const char	*name, *code;
	size_t		 i;

	*clean = json_object();
	*errors = json_object();
	if (*clean == NULL || *errors == NULL) {
		json_decref(*clean);
		json_decref(*errors);
		*clean = *errors = NULL;
		return YW_ENOMEM;
	}
	json_array_foreach(json_object_get(def, "fields"), i, f) {
		name = json_string_value(json_object_get(f, "name"));
		if (name == NULL)
			continue;
		v = json_object_get(values, name);
		if (empty(v)) {
			if (json_is_true(json_object_get(f, "required")) &&
			    !(ftype(f) == FT_ATTACHMENT && consented(def,
			    values, name)))
				json_object_set_new(*errors, name,
				    json_string("required"));
			continue;
		}
		cv = NULL;
		code = check_value(f, v, ctx, &cv);
		if (code != NULL) {
			json_decref(cv);
			json_object_set_new(*errors, name, json_string(code));
		} else
			json_object_set_new(*clean, name, cv);
	}
	if (json_object_size(*errors) > 0) {
		json_decref(*clean);
		*clean = NULL;
		return YW_EINVAL;
	}
	json_decref(*errors);
	*errors = NULL;
	return YW_OK;
}

/* Merges field b into a (same name). Returns 0 when they cannot merge. */
static int
merge_field(json_t *a, json_t *b)
{
	json_t	*ma, *mb, *acc, *keep, *x, *y;
	size_t	 i, j;

	if (ftype(a) != ftype(b))
		return 0;
	if (json_is_true(json_object_get(b, "required")))
		json_object_set_new(a, "required", json_true());
	ma = json_object_get(a, "max");
	mb = json_object_get(b, "max");
	if (json_is_number(mb) && (!json_is_number(ma) ||
	    json_number_value(mb) < json_number_value(ma)))
		json_object_set(a, "max", mb);
	ma = json_object_get(a, "min");
	mb = json_object_get(b, "min");
	if (json_is_number(mb) && (!json_is_number(ma) ||
	    json_number_value(mb) > json_number_value(ma)))
		json_object_set(a, "min", mb);
	if (json_is_true(json_object_get(b, "past")))
		json_object_set_new(a, "past", json_true());
	if (json_is_true(json_object_get(b, "future")))
		json_object_set_new(a, "future", json_true());
	if (ftype(a) == FT_CHOICE && !json_equal(json_object_get(a,
	    "options"), json_object_get(b, "options")))
		return 0;
	if (ftype(a) != FT_ATTACHMENT)
		return 1;
	keep = json_array();
	acc = json_object_get(a, "accept");
	json_array_foreach(acc, i, x)
		json_array_foreach(json_object_get(b, "accept"), j, y)
			if (json_equal(x, y))
				json_array_append(keep, x);
	json_object_set_new(a, "accept", keep);
	return json_array_size(keep) > 0;
}

enum yw_err
yw_formdef_union(json_t *const *defs, size_t n, json_t **out, json_t **errors)
{
	json_t		*fields, *byname, *f, *have;
	const char	*name;
	size_t		 k, i;

	*out = NULL;
	*errors = json_object();
	fields = json_array();
	byname = json_object();
	if (*errors == NULL || fields == NULL || byname == NULL)
		goto nomem;
	for (k = 0; k < n; k++) {
		json_array_foreach(json_object_get(defs[k], "fields"), i, f) {
			name = json_string_value(json_object_get(f, "name"));
			if (name == NULL)
				continue;
			have = json_object_get(byname, name);
			if (have == NULL) {
				have = json_deep_copy(f);
				json_array_append_new(fields, have);
				json_object_set(byname, name, have);
			} else if (!merge_field(have, f))
				json_object_set_new(*errors, name,
				    json_string("conflict"));
		}
	}
	json_decref(byname);
	if (json_object_size(*errors) > 0) {
		json_decref(fields);
		return YW_ECONFLICT;
	}
	json_decref(*errors);
	*errors = NULL;
	*out = json_pack("{s:o}", "fields", fields);
	return *out != NULL ? YW_OK : YW_ENOMEM;
nomem:
	json_decref(*errors);
	json_decref(fields);
	json_decref(byname);
	*errors = NULL;
	return YW_ENOMEM;
}
