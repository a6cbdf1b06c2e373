/*
 * interact.c - helpers of the interaction modules (interact.h).
 */
#include <stdio.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/interact/interact.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "core/utf8.h"

int
yw_interact_text_ok(const char *s, size_t max, int req, int multiline,
    json_t **errors, const char *field)
{
	size_t n;

	n = s != NULL ? strlen(s) : 0;
	if (n == 0) {
		if (req)
			yw_jerror(errors, field, "required");
		return !req;
	}
	if (!yw_utf8_valid(s, n) || yw_utf8_has_control(s, n, multiline)) {
		yw_jerror(errors, field, "invalid");
		return 0;
	}
	if (yw_utf8_count(s, n) > max) {
		yw_jerror(errors, field, "too_long");
		return 0;
	}
	return 1;
}

void
yw_interact_day_text(int64_t day, char out[16])
{
	int y, m, d;

	yw_time_civil_from_days(day, &y, &m, &d);
	(void)snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

enum yw_err
yw_interact_audit(struct yw_db *db, const struct yw_actor *a,
    const char *action, const char *type, int64_t id, json_t *detail)
{
	return yw_audit_append_id(db, a != NULL && a->id != 0 ? a : NULL,
	    action, type, id, detail);
}

