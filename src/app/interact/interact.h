/*
 * interact.h - what the interaction modules (letters, solicitations)
 * share: text checks that set field errors (core/jsonx's yw_jerror),
 * dates of day numbers and the audit entry of an object by id. Needs
 * jansson, store/db and app/audit.
 */
#ifndef YW_INTERACT_H
#define YW_INTERACT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/*
 * 1 when s is fine as a text of at most max code points: valid UTF-8
 * without control characters (CR and LF allowed when multiline). An empty
 * or NULL s is fine unless req. Otherwise 0 with errors[field] set to
 * "required", "invalid" or "too_long".
 */
int		yw_interact_text_ok(const char *s, size_t max, int req,
		    int multiline, json_t **errors, const char *field);

/* Writes day number day as "YYYY-MM-DD" into out. */
void		yw_interact_day_text(int64_t day, char out[16]);

/* Appends the audit entry of object type id by a (NULL or anonymous: the
 * system), taking ownership of detail (may be NULL). */
enum yw_err	yw_interact_audit(struct yw_db *db, const struct yw_actor *a,
		    const char *action, const char *type, int64_t id,
		    json_t *detail);

#endif
