/*
 * workcal.c - the working-day calendar each worker counts deadlines with.
 * Loading it reads every maintained year, so a worker keeps it. Calendar
 * changes are staff actions and always audited (object type
 * "calendar_year", in the same transaction), so the calendar is current
 * while the audit epoch stands; when the epoch has moved, only an entry
 * about the calendar since the last check loads it again (a letter or an
 * application submit moves the epoch too, and must not cost a reload).
 */
#include <kore/kore.h>

#include "app/audit/audit.h"
#include "app/calendar/calendar.h"
#include "web/web.h"

const struct yw_workday_cal *
yw_web_workcal(void)
{
	static const struct yw_workday_cal	 weekdays;
	struct yw_calendar			*c;
	int64_t					 epoch;
	int					 changed;
	enum yw_err				 rc;

	if (yw_audit_epoch(yw_web->db, &epoch) != YW_OK)
		epoch = -1;
	changed = 1;
	if (yw_web->calendar != NULL && epoch != -1 &&
	    yw_web->calendar_epoch != -1) {
		changed = 0;
		if (epoch != yw_web->calendar_epoch &&
		    yw_audit_changed_since(yw_web->db, yw_web->calendar_epoch,
		    "calendar_year", &changed) == YW_OK && !changed)
			yw_web->calendar_epoch = epoch;
	}
	if (changed) {
		rc = yw_calendar_load(yw_web->db, &c);
		if (rc != YW_OK) {
			kore_log(LOG_ERR, "working-day calendar: %s",
			    yw_err_code(rc));
			return yw_web->calendar != NULL ?
			    yw_calendar_workcal(yw_web->calendar) : &weekdays;
		}
		if (yw_web->calendar != NULL)
			yw_calendar_free(yw_web->calendar);
		yw_web->calendar = c;
		yw_web->calendar_epoch = epoch;
	}
	return yw_calendar_workcal(yw_web->calendar);
}
