/*
 * formdef.h - application forms as data. Each service item carries its
 * form as a JSON definition; this module checks a definition (for the admin
 * who writes it), validates what an applicant submitted against it, and
 * merges the forms of a bundle's items into one form that asks each thing
 * once. Pure: no storage, no HTTP.
 *
 * A definition: {"fields": [field, ...]} where a field is
 *   {"name": "child_name",            [a-z][a-z0-9_]{0,31}, unique
 *    "type": "text",                  text textarea number date choice
 *                                     idnum phone email region attachment
 *                                     consent
 *    "label": {"zh": "…", "en": "…"}, zh required
 *    "hint": {"zh": "…", "en": "…"},  optional
 *    "required": true,
 *    "max": 200,                      text/textarea: code points (1–2000)
 *    "min": 0, "max": 100, "integer": true,      number
 *    "past": true | "future": true,   date: not after / not before today
 *    "options": [{"value": "m", "label": {"zh": "男", "en": "Male"}}],
 *    "accept": ["pdf", "jpeg"], "max_bytes": 5242880,   attachment
 *    "material": "出生医学证明",       attachment: the catalogue material
 *                                     it provides (service/case_fetch.h)
 *    "upload": "birth_record"}        consent: a checkbox, value "yes";
 *                                     when given, the attachment field
 *                                     it names is no longer required
 */
#ifndef YW_FORMDEF_H
#define YW_FORMDEF_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"

#define YW_FORMDEF_MAX_FIELDS	100
#define YW_FORMDEF_MAX_BYTES	(20 * 1024 * 1024)

struct yw_formdef_ctx {
	int64_t	  now;		/* unix time: "today" for dates and ID numbers */
	/* Is code a region the platform knows? NULL accepts any 12 digits. */
	int	(*region_ok)(void *arg, const char *code);
	void	 *arg;
};

/*
 * Checks a definition. YW_OK, or YW_EINVAL with *errors (new object, caller
 * owns) mapping "fields[3].name" style paths to codes: "required",
 * "invalid", "duplicate", "too_many".
 */
enum yw_err	yw_formdef_check(json_t *def, json_t **errors);

/*
 * Validates submitted values (borrowed object: field name -> string, or for
 * attachments -> {"name", "type", "size", "sha256"} as stored) against def.
 * On YW_OK *clean (new object) holds each present field normalised: numbers
 * as JSON numbers, ID numbers upper-case, phones as 11 digits; unknown names
 * are left out. On YW_EINVAL *errors maps field name -> code: "required",
 * "too_long", "invalid", "out_of_range", "date", "future", "past", "idnum",
 * "phone", "email", "region", "type", "too_big". Both outputs are set (one
 * of them NULL) on YW_OK/YW_EINVAL.
 */
enum yw_err	yw_formdef_validate(json_t *def, json_t *values,
		    const struct yw_formdef_ctx *ctx, json_t **clean,
		    json_t **errors);

/*
 * Merges the definitions defs[0..n) (borrowed) into one (*out, new): a
 * field asked by several items is asked once, required if any requires it,
 * with the tightest limits (smallest max, intersection of accepted types).
 * Fields with the same name but a different type, different choices, or no
 * common attachment type cannot be merged: YW_ECONFLICT with *errors naming
 * them ("conflict").
 */
enum yw_err	yw_formdef_union(json_t *const *defs, size_t n, json_t **out,
		    json_t **errors);

#endif
