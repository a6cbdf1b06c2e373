#include "core/workday.h"

/*
 * Counting is arithmetic, not a walk: the weekdays in (a, b] come from a
 * closed formula, then each holiday and adjusted working day inside the
 * range (found by binary search) corrects the count by one. A deadline is
 * the smallest day whose count reaches n, found by binary search over the
 * count, which is monotone. Everything is done in int64_t so that no
 * intermediate sum can overflow inside the day range.
 */

static int
day_ok(int64_t d)
{
	return d >= YW_WORKDAY_DAY_MIN && d <= YW_WORKDAY_DAY_MAX;
}

static int64_t
floor_div7(int64_t x)
{
	return x >= 0 ? x / 7 : -((-x + 6) / 7);
}

int
yw_workday_weekday(int32_t day)
{
	int64_t m = (int64_t)day + 3;	/* 1970-01-01 was a Thursday */

	return (int)(m - 7 * floor_div7(m));
}

static int
is_weekend(int64_t day)
{
	return yw_workday_weekday((int32_t)day) >= 5;
}

/*
 * A running total of Monday-to-Friday days; only differences mean
 * anything: weekdays_upto(b) - weekdays_upto(a) = weekdays in (a, b].
 * Weeks start on Monday, day -3 (1969-12-29).
 */
static int64_t
weekdays_upto(int64_t x)
{
	int64_t	m = x + 3, w, r;

	w = floor_div7(m);
	r = m - 7 * w;
	return 5 * w + (r < 5 ? r + 1 : 5);
}

/* The first index i with a[i] >= v, or n. */
static size_t
lower_bound(const int32_t *a, size_t n, int64_t v)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (a[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
contains(const int32_t *a, size_t n, int64_t v)
{
	size_t i = lower_bound(a, n, v);

	return i < n && a[i] == v;
}

/* Working days in (a, b], a <= b, pauses not considered. */
static int64_t
count_plain(const struct yw_workday_cal *cal, int64_t a, int64_t b)
{
	int64_t	c, d;
	size_t	i;

	c = weekdays_upto(b) - weekdays_upto(a);
	for (i = lower_bound(cal->holidays, cal->nholidays, a + 1);
	    i < cal->nholidays && cal->holidays[i] <= b; i++) {
		d = cal->holidays[i];
		if (!is_weekend(d) &&
		    !contains(cal->workdays, cal->nworkdays, d))
			c--;
	}
	for (i = lower_bound(cal->workdays, cal->nworkdays, a + 1);
	    i < cal->nworkdays && cal->workdays[i] <= b; i++)
		if (is_weekend(cal->workdays[i]))
			c++;
	return c;
}

/*
 * Working days in (a, b], a <= b, outside the pauses. The pauses are
 * sorted by from, so their union is walked with one cursor: done is the
 * last day already taken out.
 */
static int64_t
count_paused(const struct yw_workday_cal *cal, int64_t a, int64_t b,
    const struct yw_workday_span *p, size_t np)
{
	int64_t	c, done, lo, hi;
	size_t	i;

	c = count_plain(cal, a, b);
	done = a;
	for (i = 0; i < np && p[i].from <= b; i++) {
		lo = (int64_t)p[i].from - 1;
		if (lo < done)
			lo = done;
		hi = p[i].to < b ? p[i].to : b;
		if (hi > lo) {
			c -= count_plain(cal, lo, hi);
			done = hi;
		}
	}
	return c;
}

static enum yw_err
pauses_check(const struct yw_workday_span *p, size_t np)
{
	size_t i;

	if (np > 0 && p == NULL)
		return YW_EINVAL;
	for (i = 0; i < np; i++) {
		if (p[i].from > p[i].to || !day_ok(p[i].from) ||
		    !day_ok(p[i].to))
			return YW_EINVAL;
		if (i > 0 && p[i].from < p[i - 1].from)
			return YW_EINVAL;
	}
	return YW_OK;
}

static enum yw_err
days_check(const int32_t *a, size_t n)
{
	size_t i;

	if (n > 0 && a == NULL)
		return YW_EINVAL;
	for (i = 0; i < n; i++)
		if (!day_ok(a[i]) || (i > 0 && a[i] <= a[i - 1]))
			return YW_EINVAL;
	return YW_OK;
}

enum yw_err
yw_workday_cal_check(const struct yw_workday_cal *cal)
{
	const struct yw_workday_span	*s = cal->covered;
	size_t				 i;

	if (days_check(cal->holidays, cal->nholidays) != YW_OK ||
	    days_check(cal->workdays, cal->nworkdays) != YW_OK)
		return YW_EINVAL;
	if (cal->ncovered > 0 && s == NULL)
		return YW_EINVAL;
	for (i = 0; i < cal->ncovered; i++) {
		if (s[i].from > s[i].to || !day_ok(s[i].from) ||
		    !day_ok(s[i].to))
			return YW_EINVAL;
		if (i > 0 && s[i].from <= s[i - 1].to)
			return YW_EINVAL;
	}
	return YW_OK;
}

int
yw_workday_is(const struct yw_workday_cal *cal, int32_t day)
{
	if (contains(cal->workdays, cal->nworkdays, day))
		return 1;
	if (is_weekend(day))
		return 0;
	return !contains(cal->holidays, cal->nholidays, day);
}

int
yw_workday_covers(const struct yw_workday_cal *cal, int32_t from, int32_t to)
{
	const struct yw_workday_span	*s = cal->covered;
	size_t				 lo = 0, hi = cal->ncovered, mid;
	int64_t				 first = (int64_t)from + 1, end;

	if (to <= from)
		return 1;
	/* The last span starting on or before the first day. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s[mid].from <= first)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	/* Walk on through touching spans; a gap ends the covered run. */
	end = s[lo - 1].to;
	for (; lo < cal->ncovered && end < to && s[lo].from == end + 1; lo++)
		end = s[lo].to;
	return end >= to;
}

static void
set_flag(int *flag, int v)
{
	if (flag != NULL)
		*flag = v;
}

enum yw_err
yw_workday_due_with_pauses(const struct yw_workday_cal *cal, int32_t start,
    int n, const struct yw_workday_span *pauses, size_t npauses,
    int32_t *due, int *uncovered)
{
	int64_t	lo, hi, mid, paused;
	size_t	i;

	*due = start;
	set_flag(uncovered, 0);
	if (n < 0 || n > YW_WORKDAY_N_MAX || !day_ok(start) ||
	    pauses_check(pauses, npauses) != YW_OK)
		return YW_EINVAL;
	if (n == 0)
		return YW_OK;
	/*
	 * Any 7 days hold 5 weekdays, and each holiday or paused day takes
	 * at most one away, so 7 * ceil((n + holidays + paused) / 5) days
	 * after start are enough.
	 */
	paused = 0;
	for (i = 0; i < npauses; i++)
		if (pauses[i].to > start)
			paused += (int64_t)pauses[i].to - pauses[i].from + 1;
	hi = (int64_t)n + (int64_t)cal->nholidays + paused;
	hi = start + 7 * ((hi + 4) / 5);
	if (hi > YW_WORKDAY_DAY_MAX)
		hi = YW_WORKDAY_DAY_MAX;
	if (count_paused(cal, start, hi, pauses, npauses) < n)
		return YW_EINVAL;
	/* count(start, lo) < n <= count(start, hi) */
	lo = start;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (count_paused(cal, start, mid, pauses, npauses) >= n)
			hi = mid;
		else
			lo = mid;
	}
	*due = (int32_t)hi;
	set_flag(uncovered, !yw_workday_covers(cal, start, *due));
	return YW_OK;
}

enum yw_err
yw_workday_add(const struct yw_workday_cal *cal, int32_t start, int n,
    int32_t *due, int *uncovered)
{
	return yw_workday_due_with_pauses(cal, start, n, NULL, 0, due,
	    uncovered);
}

enum yw_err
yw_workday_count(const struct yw_workday_cal *cal, int32_t from, int32_t to,
    int *n, int *uncovered)
{
	*n = 0;
	set_flag(uncovered, 0);
	if (!day_ok(from) || !day_ok(to))
		return YW_EINVAL;
	if (from <= to) {
		*n = (int)count_plain(cal, from, to);
		set_flag(uncovered, !yw_workday_covers(cal, from, to));
	} else {
		*n = -(int)count_plain(cal, to, from);
		set_flag(uncovered, !yw_workday_covers(cal, to, from));
	}
	return YW_OK;
}

enum yw_err
yw_workday_progress(const struct yw_workday_cal *cal, int32_t start,
    int32_t due, int32_t today, const struct yw_workday_span *pauses,
    size_t npauses, int *used, int *total, int *uncovered)
{
	*used = *total = 0;
	set_flag(uncovered, 0);
	if (!day_ok(start) || !day_ok(due) || !day_ok(today) || due < start ||
	    pauses_check(pauses, npauses) != YW_OK)
		return YW_EINVAL;
	*total = (int)count_paused(cal, start, due, pauses, npauses);
	if (today > start)
		*used = (int)count_paused(cal, start, today, pauses, npauses);
	set_flag(uncovered, !yw_workday_covers(cal, start,
	    today > due ? today : due));
	return YW_OK;
}

enum yw_err
yw_workday_follow(const struct yw_workday_cal *before,
    const struct yw_workday_cal *after, int32_t today, int32_t due,
    int32_t *moved)
{
	enum yw_err	rc;
	int		n;

	*moved = due;
	if (!day_ok(today) || !day_ok(due))
		return YW_EINVAL;
	if (due <= today)
		return YW_OK;
	rc = yw_workday_count(before, today, due, &n, NULL);
	if (rc == YW_OK)
		rc = yw_workday_add(after, today, n, moved, NULL);
	if (rc != YW_OK)
		*moved = due;
	return rc;
}

enum yw_workday_light
yw_workday_light_for(int32_t due, int32_t today, int used, int total,
    int warn_percent)
{
	if (today > due)
		return YW_WORKDAY_RED;
	if ((int64_t)used * 100 >= (int64_t)warn_percent * total)
		return YW_WORKDAY_YELLOW;
	return YW_WORKDAY_GREEN;
}
