#include <string.h>

#include "app/org/org_input.h"
#include "core/utf8.h"

int
yw_org_input_is_staff(const struct yw_actor *a)
{
	return a != NULL && strcmp(a->kind, "staff") == 0;
}

int
yw_org_input_has_role(const struct yw_actor *a, unsigned role)
{
	return yw_org_input_is_staff(a) && (a->roles & role) != 0;
}

enum yw_err
yw_org_input_init(struct yw_org_input *x, json_t *in)
{
	x->in = in;
	x->errors = json_object();
	x->vals = json_object();
	x->oom = 0;
	if (x->errors == NULL || x->vals == NULL) {
		json_decref(x->errors);
		json_decref(x->vals);
		return YW_ENOMEM;
	}
	return YW_OK;
}

void
yw_org_input_free(struct yw_org_input *x)
{
	json_decref(x->errors);
	json_decref(x->vals);
}

/* Records the first error for field k. */
void
yw_org_input_fail(struct yw_org_input *x, const char *k, const char *code)
{
	if (json_object_get(x->errors, k) != NULL)
		return;
	if (json_object_set_new(x->errors, k, json_string(code)) != 0)
		x->oom = 1;
}

int
yw_org_input_failed(const struct yw_org_input *x, const char *k)
{
	return json_object_get(x->errors, k) != NULL;
}

int
yw_org_input_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/*
 * The trimmed, checked text of field k, or NULL when it is absent or
 * wrong (then an error is recorded if one applies). JSON null reads as "".
 * max is in code points.
 */
const char *
yw_org_input_text(struct yw_org_input *x, const char *k, size_t max, int flags)
{
	json_t		*v;
	const char	*s;
	size_t		 len;

	v = json_object_get(x->in, k);
	if (v == NULL) {
		if (flags & YW_ORG_REQUIRED)
			yw_org_input_fail(x, k, "required");
		return NULL;
	}
	if (json_is_null(v)) {
		s = "";
		len = 0;
	} else if (json_is_string(v)) {
		s = json_string_value(v);
		len = json_string_length(v);
	} else {
		yw_org_input_fail(x, k, "invalid");
		return NULL;
	}
	if (!(flags & YW_ORG_NOTRIM)) {
		while (len > 0 && yw_org_input_is_space(s[0])) {
			s++;
			len--;
		}
		while (len > 0 && yw_org_input_is_space(s[len - 1]))
			len--;
	}
	if (!yw_utf8_valid(s, len) || yw_utf8_has_control(s, len,
	    (flags & YW_ORG_MULTILINE) != 0)) {
		yw_org_input_fail(x, k, "invalid");
		return NULL;
	}
	if (len == 0 && (flags & (YW_ORG_REQUIRED | YW_ORG_NONEMPTY))) {
		yw_org_input_fail(x, k, "required");
		return NULL;
	}
	if (yw_utf8_count(s, len) > max) {
		yw_org_input_fail(x, k, "too_long");
		return NULL;
	}
	if (json_object_set_new(x->vals, k, json_stringn(s, len)) != 0) {
		x->oom = 1;
		return NULL;
	}
	return json_string_value(json_object_get(x->vals, k));
}

/*
 * An integer field given as a JSON integer or a string of digits. Returns
 * 1 with *v set when present ("" and null read as 0), 0 when absent, -1
 * when malformed (error recorded).
 */
int
yw_org_input_num(struct yw_org_input *x, const char *k, int64_t *v)
{
	json_t		*j;
	const char	*s;
	size_t		 len, i;
	int64_t		 n = 0;

	*v = 0;
	j = json_object_get(x->in, k);
	if (j == NULL)
		return 0;
	if (json_is_null(j))
		return 1;
	if (json_is_integer(j)) {
		if (json_integer_value(j) < 0)
			goto bad;
		*v = json_integer_value(j);
		return 1;
	}
	if (!json_is_string(j))
		goto bad;
	s = json_string_value(j);
	len = json_string_length(j);
	while (len > 0 && yw_org_input_is_space(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && yw_org_input_is_space(s[len - 1]))
		len--;
	if (len > 18)
		goto bad;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto bad;
		n = n * 10 + (s[i] - '0');
	}
	*v = n;
	return 1;
bad:
	yw_org_input_fail(x, k, "invalid");
	return -1;
}

/* 1 if every byte of s is in [a-z0-9_.-] (and [A-Z] when upper). */
int
yw_org_input_name_chars(const char *s, int upper)
{
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_' || *s == '.' || *s == '-')
			continue;
		if (upper && *s >= 'A' && *s <= 'Z')
			continue;
		return 0;
	}
	return 1;
}

const char *
yw_org_input_str(json_t *o, const char *k)
{
	const char *s;

	s = json_string_value(json_object_get(o, k));
	return s != NULL ? s : "";
}

int64_t
yw_org_input_int(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* Sets o[k] = v (taking v); -1 when v is NULL or the set fails. */
int
yw_org_input_set(json_t *o, const char *k, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_object_set_new(o, k, v) != 0 ? -1 : 0;
}

/* Adds k: {old, new} to d when the values differ. */
int
yw_org_input_diff(json_t *d, const char *k, json_t *old, json_t *new)
{
	json_t	*o;
	int	 rc = 0;

	if (old == NULL || new == NULL) {
		rc = -1;
		goto out;
	}
	if (json_equal(old, new))
		goto out;
	o = json_pack("{sOsO}", "old", old, "new", new);
	if (o == NULL || json_object_set_new(d, k, o) != 0)
		rc = -1;
out:
	json_decref(old);
	json_decref(new);
	return rc;
}

int
yw_org_input_diff_str(json_t *d, const char *k, const char *old,
    const char *new)
{
	return yw_org_input_diff(d, k, json_string(old), json_string(new));
}

/* Ends the transaction: commit when rc is YW_OK, else roll back. */
enum yw_err
yw_org_input_finish(struct yw_db *db, enum yw_err rc)
{
	if (rc == YW_OK)
		return yw_db_commit(db);
	(void)yw_db_rollback(db);
	return rc;
}

/* Hands back the field errors on YW_EINVAL, or maps OOM. */
enum yw_err
yw_org_input_done(struct yw_org_input *x, json_t **errors)
{
	if (x->oom)
		return YW_ENOMEM;
	if (json_object_size(x->errors) == 0)
		return YW_OK;
	*errors = x->errors;
	x->errors = NULL;
	return YW_EINVAL;
}

/* The field's new value: given, else the stored one, else "". */
const char *
yw_org_input_keep(const char *given, json_t *cur, const char *k)
{
	if (given != NULL)
		return given;
	return cur != NULL ? yw_org_input_str(cur, k) : "";
}

