/*
 * workcal.c - the working-day calendar each worker counts deadlines with.
 * Loading it reads every maintained year, so a worker keeps it and loads
 * again only when an audit entry about a calendar year has been appended
 * since: calendar changes are staff actions and always audited. Other
 * entries (every letter submitted writes one) leave it alone; one read
 * per call tells both.
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

	changed = 1;
	if (yw_web->calendar != NULL && yw_web->calendar_epoch >= 0)
		rc = yw_audit_since(yw_web->db, yw_web->calendar_epoch,
		    "calendar_year", &epoch, &changed);
	else
		rc = yw_audit_epoch(yw_web->db, &epoch);
	if (rc != YW_OK)
		epoch = -1;
	if (yw_web->calendar == NULL || changed || epoch == -1) {
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
	}
	yw_web->calendar_epoch = epoch;
	return yw_calendar_workcal(yw_web->calendar);
}
