/*
 * workday.h - working-day (工作日) arithmetic over a holiday calendar:
 * deadlines "N working days from acceptance", counts between two days,
 * clock pauses (补正) and the share of a time limit used. Pure functions
 * over caller-owned sorted arrays; binary search, no allocation, no
 * database. Needs only libc and core/timeutil (day numbers).
 *
 * Days are day numbers: days since 1970-01-01 (yw_time_days_from_civil,
 * yw_time_local_days), within YW_WORKDAY_DAY_MIN..YW_WORKDAY_DAY_MAX
 * (0001-01-01..9999-12-31).
 *
 * A day is a working day when it is an adjusted working day (调休上班,
 * even on a weekend), or else when it is Monday to Friday and not a
 * holiday. A day in both lists is therefore a working day.
 *
 * The counting rule (行政许可法 art. 82 counts time limits in working
 * days; 民法典 art. 201: the day on which a period starts is not counted):
 * "受理之日起N个工作日" ends on the Nth working day after the day of
 * acceptance. The day of acceptance never counts, whatever it is; when it
 * is a weekend or a holiday, the first working day after it is day 1. N = 0
 * ends on the day of acceptance itself. Where a rule deems a non-working-
 * day submission accepted on the next working day, the caller passes that
 * day as the start: first working day on or after d = add(d - 1, 1).
 *
 * Coverage: the calendar states which spans of days its lists are complete
 * for (normally whole years). Outside them days count by weekday rules
 * only; every calculation reports through *uncovered (may be NULL) whether
 * a day it depended on lay outside, so callers can warn that a year's
 * calendar is missing.
 */
#ifndef YW_WORKDAY_H
#define YW_WORKDAY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define YW_WORKDAY_DAY_MIN	(-719162)	/* 0001-01-01 */
#define YW_WORKDAY_DAY_MAX	2932896		/* 9999-12-31 */
#define YW_WORKDAY_N_MAX	100000		/* working days in one limit */

/* An inclusive span of days, from <= to. */
struct yw_workday_span {
	int32_t	from;
	int32_t	to;
};

/*
 * A calendar. Every array is borrowed (the calendar owns nothing) and must
 * stay alive and unchanged while in use. holidays and workdays (the
 * adjusted working days) are strictly ascending; covered is ascending by
 * from, without overlaps (touching spans are fine and read as one). A
 * zeroed struct is the empty calendar: weekday rules everywhere, nothing
 * covered. yw_workday_cal_check tells whether a calendar keeps these
 * rules; the other functions assume it does.
 */
struct yw_workday_cal {
	const int32_t			*holidays;
	size_t				 nholidays;
	const int32_t			*workdays;
	size_t				 nworkdays;
	const struct yw_workday_span	*covered;
	size_t				 ncovered;
};

/* The traffic light of a time limit (红黄绿灯). */
enum yw_workday_light {
	YW_WORKDAY_GREEN,	/* in time */
	YW_WORKDAY_YELLOW,	/* the warning share of the limit is used */
	YW_WORKDAY_RED		/* past the due day */
};

/*
 * YW_OK if cal keeps the rules above: arrays non-NULL when their count is
 * not 0, strictly ascending, every day inside YW_WORKDAY_DAY_MIN..MAX, and
 * spans with from <= to, ascending and not overlapping. YW_EINVAL
 * otherwise. Holiday and workday entries outside the covered spans are
 * allowed (and honoured), though a well-built calendar has none.
 */
enum yw_err	yw_workday_cal_check(const struct yw_workday_cal *cal);

/* 0 = Monday .. 6 = Sunday, for any day number. */
int		yw_workday_weekday(int32_t day);

/* 1 if day is a working day in cal, else 0 (see the rule above). */
int		yw_workday_is(const struct yw_workday_cal *cal, int32_t day);

/* 1 if every day in (from, to] lies inside cal's covered spans (also when
 * the range is empty, to <= from); else 0. */
int		yw_workday_covers(const struct yw_workday_cal *cal,
		    int32_t from, int32_t to);

/*
 * *due = the nth working day after start (start itself never counts);
 * n = 0 gives start. YW_EINVAL for n outside 0..YW_WORKDAY_N_MAX, a start
 * outside the day range, or a due day past YW_WORKDAY_DAY_MAX; *due is
 * then start. *uncovered: whether any day in (start, *due] is uncovered.
 */
enum yw_err	yw_workday_add(const struct yw_workday_cal *cal, int32_t start,
		    int n, int32_t *due, int *uncovered);

/*
 * *n = the working days in (from, to]: so count(s, add(s, k)) == k. When
 * to < from, *n = -count(to, from) (a signed difference: count(a, b) +
 * count(b, c) == count(a, c)). YW_EINVAL for a day outside the day range
 * (*n is then 0). *uncovered: any day between them uncovered.
 */
enum yw_err	yw_workday_count(const struct yw_workday_cal *cal,
		    int32_t from, int32_t to, int *n, int *uncovered);

/*
 * As yw_workday_add, while the clock stops on each pause: days inside a
 * pause (from and to included) do not count, working or not. pauses
 * (borrowed; NULL when npauses is 0) are sorted by from and may overlap or
 * touch; days of a pause on or before start change nothing. YW_EINVAL also
 * for a pause with from > to, or out of order. A pause still running has
 * no due day yet: pass it ending today to get the due day as of today.
 * *uncovered covers (start, *due], pauses included.
 */
enum yw_err	yw_workday_due_with_pauses(const struct yw_workday_cal *cal,
		    int32_t start, int n, const struct yw_workday_span *pauses,
		    size_t npauses, int32_t *due, int *uncovered);

/*
 * How much of the limit (start, due] is used on today, pauses excluded
 * from both: *total = the working days in (start, due] outside pauses,
 * *used = the same count over (start, today], 0 when today <= start, and
 * more than *total once today is past due. Pauses as for
 * yw_workday_due_with_pauses. YW_EINVAL when due < start, for a day
 * outside the day range, or for bad pauses (*used and *total are then 0).
 * *uncovered covers (start, max(due, today)].
 */
enum yw_err	yw_workday_progress(const struct yw_workday_cal *cal,
		    int32_t start, int32_t due, int32_t today,
		    const struct yw_workday_span *pauses, size_t npauses,
		    int *used, int *total, int *uncovered);

/*
 * A due day after a calendar change: a limit that had n working days left
 * after today under before keeps n under after, so *moved = the nth
 * working day after today under after. Days up to today are spent and
 * stay as they were: a due day on or before today is kept. YW_EINVAL for
 * a day outside the day range (*moved is then due).
 */
enum yw_err	yw_workday_follow(const struct yw_workday_cal *before,
		    const struct yw_workday_cal *after, int32_t today,
		    int32_t due, int32_t *moved);

/*
 * The light on today for a limit due on due with used of total working
 * days used (from yw_workday_progress): RED once today > due (the due day
 * itself is still in time); YELLOW when used * 100 >= warn_percent *
 * total (so always on the due day of a zero-day limit; warn_percent above
 * 100 never warns, 0 always does); GREEN otherwise.
 */
enum yw_workday_light yw_workday_light_for(int32_t due, int32_t today,
		    int used, int total, int warn_percent);

#endif
