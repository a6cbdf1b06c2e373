/*
 * solicit_clock.c - the phase and feedback deadline of a solicitation
 * (solicit_clock.h).
 */
#include <string.h>

#include "app/interact/solicit_clock.h"
#include "core/timeutil.h"

static const char *const names[] = {
	"draft", "upcoming", "open", "closed", "answered",
};

const char *
yw_solicit_phase_name(enum yw_solicit_phase p)
{
	if ((unsigned)p >= sizeof(names) / sizeof(names[0]))
		return NULL;
	return names[p];
}

int
yw_solicit_editable(enum yw_solicit_phase p)
{
	return p == YW_SOLICIT_DRAFT || p == YW_SOLICIT_UPCOMING;
}

enum yw_err
yw_solicit_clock(const struct yw_workday_cal *cal, int published,
    int32_t open_day, int32_t close_day, int feedback_days,
    int64_t feedback_at, int64_t now, struct yw_solicit_clock *out)
{
	int32_t		today;
	int		left;
	enum yw_err	rc;

	memset(out, 0, sizeof(*out));
	if (open_day > close_day || feedback_days < 1 ||
	    feedback_days > YW_SOLICIT_FEEDBACK_DAYS_MAX)
		return YW_EINVAL;
	rc = yw_workday_add(cal, close_day, feedback_days, &out->feedback_due,
	    NULL);
	if (rc != YW_OK)
		return rc;
	today = (int32_t)yw_time_local_days(now);
	if (!published)
		out->phase = YW_SOLICIT_DRAFT;
	else if (today < open_day)
		out->phase = YW_SOLICIT_UPCOMING;
	else if (today <= close_day) {
		out->phase = YW_SOLICIT_OPEN;
		out->days_left = close_day - today;
	} else if (feedback_at != 0) {
		out->phase = YW_SOLICIT_ANSWERED;
		out->late = yw_time_local_days(feedback_at) >
		    out->feedback_due;
	} else {
		out->phase = YW_SOLICIT_CLOSED;
		out->overdue = today > out->feedback_due;
		left = 0;
		(void)yw_workday_count(cal, today, out->feedback_due, &left,
		    NULL);
		out->days_left = left;
	}
	return YW_OK;
}
