#include <stdio.h>

#include <jansson.h>

#include "app/audit/audit.h"
#include "app/data/request_store.h"
#include "app/deadlines.h"
#include "app/interact/letter_store.h"
#include "app/service/case_store.h"
#include "core/timeutil.h"

/* Moves listed in the audit entry, at most. */
#define SHOWN_MAX	20

struct clock {
	const char	*kind;
	enum yw_err	(*list)(struct yw_db *, int64_t, json_t **);
	enum yw_err	(*set)(struct yw_db *, int64_t, int64_t, int64_t);
};

static const struct clock clocks[] = {
	{ "case_task", yw_case_store_dues_after, yw_case_store_set_due },
	{ "case_rectify", yw_case_store_rectify_dues_after,
	    yw_case_store_set_rectify_due },
	{ "letter", yw_letter_store_dues_after, yw_letter_store_set_due },
	{ "data_request", yw_data_request_store_dues_after,
	    yw_data_request_store_set_due },
};

/* One clock's open limits; counts into counts, moves into shown. */
static enum yw_err
follow_clock(struct yw_db *db, const struct clock *c,
    const struct yw_workday_cal *before, const struct yw_workday_cal *after,
    int32_t today, int64_t now, json_t *counts, json_t *shown)
{
	json_t		*rows = NULL, *row;
	json_int_t	 moved = 0;
	int32_t		 due, to;
	size_t		 i;
	enum yw_err	 rc;

	rc = c->list(db, today, &rows);
	json_array_foreach(rows, i, row) {
		if (rc != YW_OK)
			break;
		due = (int32_t)json_integer_value(json_object_get(row,
		    "due_day"));
		rc = yw_workday_follow(before, after, today, due, &to);
		if (rc != YW_OK || to == due)
			continue;
		rc = c->set(db, json_integer_value(json_object_get(row, "id")),
		    to, now);
		moved++;
		if (rc == YW_OK && json_array_size(shown) < SHOWN_MAX)
			json_array_append_new(shown, json_pack("{s:s, s:O, "
			    "s:i, s:i}", "kind", c->kind, "id", json_object_get(
			    row, "id"), "from", due, "to", to));
	}
	json_decref(rows);
	if (rc == YW_OK && moved > 0)
		json_object_set_new(counts, c->kind, json_integer(moved));
	return rc;
}

enum yw_err
yw_deadlines_follow(struct yw_db *db, const struct yw_actor *a, int year,
    const struct yw_workday_cal *before, const struct yw_workday_cal *after,
    int64_t now)
{
	json_t		*counts, *shown, *detail;
	char		 oid[16];
	int32_t		 today;
	size_t		 i;
	enum yw_err	 rc = YW_OK;

	counts = json_object();
	shown = json_array();
	if (counts == NULL || shown == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	today = (int32_t)yw_time_local_days(now);
	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]) && rc == YW_OK; i++)
		rc = follow_clock(db, &clocks[i], before, after, today, now,
		    counts, shown);
	if (rc != YW_OK || json_object_size(counts) == 0)
		goto out;
	(void)snprintf(oid, sizeof(oid), "%d", year);
	detail = json_pack("{s:i, s:O, s:O}", "today", today, "moved", counts,
	    "first", shown);
	rc = detail == NULL ? YW_ENOMEM : yw_audit_append(db, a,
	    "calendar.deadlines_moved", "calendar_year", oid, detail);
	json_decref(detail);
out:
	json_decref(counts);
	json_decref(shown);
	return rc;
}
