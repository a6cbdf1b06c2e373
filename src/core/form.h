/*
 * form.h - application/x-www-form-urlencoded decoding against an allow-list.
 * Every POST handler (and every query string) goes through here so that each
 * declared field arrives trimmed, valid UTF-8, free of control characters
 * and within its length, or with a per-field error code the page can show
 * next to the field. Needs jansson.
 */
#ifndef YW_FORM_H
#define YW_FORM_H

#include <stddef.h>

#include <jansson.h>

#include "core/err.h"

/* Bodies larger than this are refused outright. */
#define YW_FORM_MAX_BODY	(1024u * 1024)
/* So are bodies with more name=value pairs than this (empty ones excluded). */
#define YW_FORM_MAX_PAIRS	256

enum {
	YW_FORM_REQUIRED = 1,	/* absent or empty (after trim) is an error */
	YW_FORM_MULTILINE = 2,	/* CR and LF are allowed (textarea) */
	YW_FORM_NOTRIM = 4	/* keep surrounding whitespace (passwords) */
};

struct yw_form_field {
	const char	*name;		/* ASCII; matched exactly, decoded */
	size_t		 max_chars;	/* in code points; 0 allows "" only */
	int		 flags;		/* YW_FORM_* */
};

/*
 * Decodes body (len bytes, borrowed, no NUL needed) against spec (borrowed,
 * nspec entries). Pairs are split on '&'; empty pairs ("&&") are skipped; a
 * pair without '=' has an empty value. In names and values '+' is a space
 * and %XX a byte. Undeclared names are dropped; a name given twice keeps
 * its first value and ignores the rest.
 *
 * Each declared field present gets a string in *values: the decoded value,
 * trimmed of ASCII whitespace unless YW_FORM_NOTRIM, with each ill-formed
 * UTF-8 sequence and each disallowed control character replaced by U+FFFD
 * (so the value can be shown again in the form and never holds a NUL), and
 * a malformed escape kept literally. At most one error code per field goes
 * into *errors, the first that applies of:
 *   "malformed"  a '%' not followed by two hex digits
 *   "utf8"       the decoded bytes are not valid UTF-8
 *   "control"    a control character (see yw_utf8_has_control); CR and LF
 *                only count without YW_FORM_MULTILINE
 *   "too_long"   more than max_chars code points
 *   "required"   YW_FORM_REQUIRED and absent or empty
 * A field in *values holds a usable value only when it is not in *errors.
 *
 * Returns YW_OK with *values and *errors new objects (caller frees both with
 * json_decref; *errors is empty when every field is fine). Returns
 * YW_ETOOBIG when len > YW_FORM_MAX_BODY or there are more than
 * YW_FORM_MAX_PAIRS pairs, YW_EINVAL when body is NULL with len > 0,
 * YW_ENOMEM; then *values and *errors are NULL.
 */
enum yw_err	yw_form_decode(const char *body, size_t len,
		    const struct yw_form_field *spec, size_t nspec,
		    json_t **values, json_t **errors);

/*
 * The same for a URL query string (without the '?'): browsers encode GET
 * forms exactly like POST bodies, so the rules and limits are identical.
 */
enum yw_err	yw_form_decode_query(const char *query, size_t len,
		    const struct yw_form_field *spec, size_t nspec,
		    json_t **values, json_t **errors);

#endif
