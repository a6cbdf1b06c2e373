/*
 * org_input.h - internals shared by org.c and org_staff.c: reading and
 * checking fields of a JSON input, collecting field errors, recording
 * changes for the audit log, and the actor's role tests. Shared by the
 * domains under src/app (org, service); needs jansson and core/utf8.
 */
#ifndef YW_ORG_INPUT_H
#define YW_ORG_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/*
 * One call's input: the borrowed object, the field errors found so far,
 * and the normalised (trimmed) strings, kept alive in vals until the call
 * ends. oom records a failed allocation so that a lost error can never
 * pass for valid input.
 */
struct yw_org_input {
	json_t	*in;
	json_t	*errors;
	json_t	*vals;
	int	 oom;
};

enum {
	YW_ORG_REQUIRED = 1,	/* absent or empty: "required" */
	YW_ORG_NONEMPTY = 2,	/* empty: "required"; absent is fine */
	YW_ORG_NOTRIM = 4,	/* keep surrounding white space (passwords) */
	YW_ORG_MULTILINE = 8	/* CR and LF are allowed (long texts) */
};

/* 1 if a is a staff actor; 1 if a is staff holding role. a may be NULL. */
int		yw_org_input_is_staff(const struct yw_actor *a);
int		yw_org_input_has_role(const struct yw_actor *a, unsigned role);

/* Starts reading in (borrowed; a non-object reads as empty). */
enum yw_err	yw_org_input_init(struct yw_org_input *x, json_t *in);
void		yw_org_input_free(struct yw_org_input *x);
/* Records code as field k's error unless k already has one. */
void		yw_org_input_fail(struct yw_org_input *x, const char *k,
		    const char *code);
int		yw_org_input_failed(const struct yw_org_input *x,
		    const char *k);
int		yw_org_input_is_space(char c);

/*
 * The trimmed, checked text of field k (YW_ORG_* flags; max in code
 * points), or NULL when it is absent or wrong (an error is then recorded
 * if one applies). JSON null reads as "". Valid UTF-8 without control
 * characters is required. The string lives as long as x.
 */
const char     *yw_org_input_text(struct yw_org_input *x, const char *k,
		    size_t max, int flags);

/*
 * An integer field given as a JSON integer or a string of digits. Returns
 * 1 with *v set when present ("" and null read as 0), 0 when absent, -1
 * when malformed (error recorded).
 */
int		yw_org_input_num(struct yw_org_input *x, const char *k,
		    int64_t *v);

/* 1 if every byte of s is in [a-z0-9_.-] (and [A-Z] when upper). */
int		yw_org_input_name_chars(const char *s, int upper);

/*
 * YW_OK when no field failed; YW_EINVAL handing the errors object to
 * *errors (caller owns); YW_ENOMEM when an error could not be recorded.
 */
enum yw_err	yw_org_input_done(struct yw_org_input *x, json_t **errors);

/* The field's new value on save: given (non-NULL), else cur[k] (cur may be
 * NULL), else "". Borrowed from either. */
const char     *yw_org_input_keep(const char *given, json_t *cur,
		    const char *k);

/* o[k] as a string ("" when missing) or an integer (0 when missing). */
const char     *yw_org_input_str(json_t *o, const char *k);
int64_t		yw_org_input_int(json_t *o, const char *k);

/* Sets o[k] = v, taking v; -1 when v is NULL or the set fails. */
int		yw_org_input_set(json_t *o, const char *k, json_t *v);
/* Adds k: {old, new} to d when they differ; takes both references
 * (either may be NULL, which is a failure: -1). */
int		yw_org_input_diff(json_t *d, const char *k, json_t *old,
		    json_t *new);
int		yw_org_input_diff_str(json_t *d, const char *k,
		    const char *old, const char *new);

/* Ends the caller's transaction: commits when rc is YW_OK (returning the
 * commit's result), else rolls back and returns rc. */
enum yw_err	yw_org_input_finish(struct yw_db *db, enum yw_err rc);

#endif
