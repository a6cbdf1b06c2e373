#include <string.h>

#include "core/buf.h"
#include "core/form.h"
#include "core/utf8.h"

static int
form_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Appends the decoded form of s to out. A bad escape is copied literally and
 * flagged, so the user sees what they typed when the form comes back.
 */
static enum yw_err
form_unescape(const char *s, size_t len, struct yw_buf *out, int *malformed)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, start;
	int			 hi, lo;
	char			 c;
	enum yw_err		 rc;

	*malformed = 0;
	rc = yw_buf_reserve(out, len);
	if (rc != YW_OK)
		return rc;
	start = 0;
	for (i = 0; i < len; i++) {
		if (s[i] != '+' && s[i] != '%')
			continue;
		rc = yw_buf_append(out, s + start, i - start);
		if (rc != YW_OK)
			return rc;
		start = i + 1;
		if (s[i] == '+') {
			c = ' ';
		} else {
			hi = i + 2 < len ? form_hex(u[i + 1]) : -1;
			lo = i + 2 < len ? form_hex(u[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				*malformed = 1;
				c = '%';
			} else {
				c = (char)(hi << 4 | lo);
				i += 2;
				start = i + 1;
			}
		}
		rc = yw_buf_appendc(out, c);
		if (rc != YW_OK)
			return rc;
	}
	return yw_buf_append(out, s + start, len - start);
}

static int
form_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static const struct yw_form_field *
form_lookup(const struct yw_form_field *spec, size_t nspec, const char *name,
    size_t len)
{
	size_t	i;

	for (i = 0; i < nspec; i++) {
		if (strlen(spec[i].name) != len)
			continue;
		if (len == 0 || memcmp(spec[i].name, name, len) == 0)
			return &spec[i];
	}
	return NULL;
}

/*
 * Decodes one declared field's raw value into *values and, if it is wrong,
 * its error code into *errors. raw and kept are scratch buffers reused
 * across fields.
 */
static enum yw_err
form_field(const struct yw_form_field *f, const char *s, size_t len,
    struct yw_buf *raw, struct yw_buf *kept, json_t *values, json_t *errors)
{
	const char	*v, *code;
	size_t		 n, i, step, count;
	uint32_t	 cp;
	int		 malformed, bad_utf8, control, allow_nl;
	enum yw_err	 rc;

	yw_buf_reset(raw);
	yw_buf_reset(kept);
	rc = form_unescape(s, len, raw, &malformed);
	if (rc != YW_OK)
		return rc;
	v = raw->len > 0 ? raw->data : "";
	n = raw->len;
	if (!(f->flags & YW_FORM_NOTRIM)) {
		/* ASCII whitespace never occurs inside a multibyte sequence. */
		while (n > 0 && form_is_space(v[0])) {
			v++;
			n--;
		}
		while (n > 0 && form_is_space(v[n - 1]))
			n--;
	}

	allow_nl = (f->flags & YW_FORM_MULTILINE) != 0;
	bad_utf8 = control = 0;
	count = 0;
	for (i = 0; i < n; i += step) {
		step = yw_utf8_decode(v + i, n - i, &cp);
		count++;
		if (cp == YW_UTF8_INVALID)
			bad_utf8 = 1;
		else if (yw_utf8_is_control(cp, allow_nl))
			control = 1;
		else {
			rc = yw_buf_append(kept, v + i, step);
			if (rc != YW_OK)
				return rc;
			continue;
		}
		rc = yw_buf_append(kept, YW_UTF8_REPL,
		    sizeof(YW_UTF8_REPL) - 1);
		if (rc != YW_OK)
			return rc;
	}

	code = NULL;
	if (malformed)
		code = "malformed";
	else if (bad_utf8)
		code = "utf8";
	else if (control)
		code = "control";
	else if (count > f->max_chars)
		code = "too_long";
	else if (count == 0 && (f->flags & YW_FORM_REQUIRED))
		code = "required";

	/* kept is valid UTF-8 by construction: skip jansson's second check. */
	if (json_object_set_new(values, f->name,
	    json_stringn_nocheck(kept->len > 0 ? kept->data : "",
	    kept->len)) != 0)
		return YW_ENOMEM;
	if (code != NULL &&
	    json_object_set_new(errors, f->name, json_string(code)) != 0)
		return YW_ENOMEM;
	return YW_OK;
}

enum yw_err
yw_form_decode(const char *body, size_t len, const struct yw_form_field *spec,
    size_t nspec, json_t **values, json_t **errors)
{
	const struct yw_form_field	*f;
	const char			*amp, *eq;
	json_t				*vals, *errs;
	struct yw_buf			 name, raw, kept;
	size_t				 pos, end, vstart, npairs, i;
	int				 malformed;
	enum yw_err			 rc;

	*values = NULL;
	*errors = NULL;
	vals = errs = NULL;
	yw_buf_init(&name);
	yw_buf_init(&raw);
	yw_buf_init(&kept);
	if (len > YW_FORM_MAX_BODY) {
		rc = YW_ETOOBIG;
		goto out;
	}
	if (body == NULL && len > 0) {
		rc = YW_EINVAL;
		goto out;
	}
	vals = json_object();
	errs = json_object();
	if (vals == NULL || errs == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}

	npairs = 0;
	for (pos = 0; pos < len; pos = end + 1) {
		amp = memchr(body + pos, '&', len - pos);
		end = amp != NULL ? (size_t)(amp - body) : len;
		if (end == pos)
			continue;
		if (++npairs > YW_FORM_MAX_PAIRS) {
			rc = YW_ETOOBIG;
			goto out;
		}
		eq = memchr(body + pos, '=', end - pos);
		if (eq == NULL)
			eq = body + end;
		yw_buf_reset(&name);
		rc = form_unescape(body + pos, (size_t)(eq - body) - pos, &name,
		    &malformed);
		if (rc != YW_OK)
			goto out;
		/* A name that does not decode cannot be a declared one. */
		if (malformed)
			continue;
		f = form_lookup(spec, nspec, name.data, name.len);
		if (f == NULL || json_object_get(vals, f->name) != NULL)
			continue;
		vstart = eq == body + end ? end : (size_t)(eq - body) + 1;
		rc = form_field(f, body + vstart, end - vstart, &raw, &kept,
		    vals, errs);
		if (rc != YW_OK)
			goto out;
	}

	for (i = 0; i < nspec; i++) {
		if (!(spec[i].flags & YW_FORM_REQUIRED) ||
		    json_object_get(vals, spec[i].name) != NULL)
			continue;
		if (json_object_set_new(errs, spec[i].name,
		    json_string("required")) != 0) {
			rc = YW_ENOMEM;
			goto out;
		}
	}

	*values = vals;
	*errors = errs;
	vals = errs = NULL;
	rc = YW_OK;
out:
	json_decref(vals);
	json_decref(errs);
	yw_buf_free(&name);
	yw_buf_free(&raw);
	yw_buf_free(&kept);
	return rc;
}

enum yw_err
yw_form_decode_query(const char *query, size_t len,
    const struct yw_form_field *spec, size_t nspec, json_t **values,
    json_t **errors)
{
	return yw_form_decode(query, len, spec, nspec, values, errors);
}
