/*
 * Tests for src/core/workday.c: deadlines over the 2026 statutory
 * calendar (国庆节, 春节 and their adjusted Saturdays), the year boundary
 * into an uncovered 2027, starts on non-working days, pauses (补正) that
 * overlap holidays and each other, the traffic light, and a property test
 * against a day-by-day reference written here, over random calendars.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/timeutil.h"
#include "core/workday.h"

static int32_t
D(int y, int m, int d)
{
	return (int32_t)yw_time_days_from_civil(y, m, d);
}

/*
 * The 2026 calendar, written out here from the State Council notice
 * rather than read from data/ (the app test checks that file).
 */
static int32_t	hol2026[64];
static size_t	nhol2026;
static int32_t	work2026[8];
static size_t	nwork2026;
static struct yw_workday_span	span2026[1];

static void
add_range(int32_t from, int32_t to)
{
	int32_t d;

	for (d = from; d <= to; d++)
		hol2026[nhol2026++] = d;
}

static struct yw_workday_cal
cal2026(void)
{
	struct yw_workday_cal c;

	if (nhol2026 == 0) {
		add_range(D(2026, 1, 1), D(2026, 1, 3));	/* 元旦 */
		add_range(D(2026, 2, 15), D(2026, 2, 23));	/* 春节 */
		add_range(D(2026, 4, 4), D(2026, 4, 6));	/* 清明节 */
		add_range(D(2026, 5, 1), D(2026, 5, 5));	/* 劳动节 */
		add_range(D(2026, 6, 19), D(2026, 6, 21));	/* 端午节 */
		add_range(D(2026, 9, 25), D(2026, 9, 27));	/* 中秋节 */
		add_range(D(2026, 10, 1), D(2026, 10, 7));	/* 国庆节 */
		work2026[nwork2026++] = D(2026, 1, 4);
		work2026[nwork2026++] = D(2026, 2, 14);
		work2026[nwork2026++] = D(2026, 2, 28);
		work2026[nwork2026++] = D(2026, 5, 9);
		work2026[nwork2026++] = D(2026, 9, 20);
		work2026[nwork2026++] = D(2026, 10, 10);
		span2026[0].from = D(2026, 1, 1);
		span2026[0].to = D(2026, 12, 31);
	}
	memset(&c, 0, sizeof(c));
	c.holidays = hol2026;
	c.nholidays = nhol2026;
	c.workdays = work2026;
	c.nworkdays = nwork2026;
	c.covered = span2026;
	c.ncovered = 1;
	return c;
}

/* add() that must succeed; returns the due day, *unc the flag. */
static int32_t
due_of(const struct yw_workday_cal *c, int32_t start, int n, int *unc)
{
	int32_t	due = -1;
	int	u = -1;

	assert_int_equal(yw_workday_add(c, start, n, &due, &u), YW_OK);
	assert_true(u == 0 || u == 1);
	if (unc != NULL)
		*unc = u;
	return due;
}

static int
count_of(const struct yw_workday_cal *c, int32_t from, int32_t to, int *unc)
{
	int n = -1, u = -1;

	assert_int_equal(yw_workday_count(c, from, to, &n, &u), YW_OK);
	if (unc != NULL)
		*unc = u;
	return n;
}

static int32_t
paused_due(const struct yw_workday_cal *c, int32_t start, int n,
    const struct yw_workday_span *p, size_t np)
{
	int32_t due = -1;

	assert_int_equal(yw_workday_due_with_pauses(c, start, n, p, np, &due,
	    NULL), YW_OK);
	return due;
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(yw_workday_weekday(0), 3);		/* Thursday */
	assert_int_equal(yw_workday_weekday(D(1969, 12, 29)), 0);
	assert_int_equal(yw_workday_weekday(D(1969, 12, 28)), 6);
	assert_int_equal(yw_workday_weekday(D(2026, 10, 10)), 5);
	assert_int_equal(yw_workday_weekday(D(2026, 2, 15)), 6);
	assert_int_equal(yw_workday_weekday(YW_WORKDAY_DAY_MIN), 0);
	assert_int_equal(YW_WORKDAY_DAY_MIN, D(1, 1, 1));
	assert_int_equal(YW_WORKDAY_DAY_MAX, D(9999, 12, 31));
}

static void
test_plain_weeks(void **state)
{
	struct yw_workday_cal	c;
	int			u;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(yw_workday_cal_check(&c), YW_OK);
	/* 2025-03-03 is a Monday. */
	assert_int_equal(due_of(&c, D(2025, 3, 3), 1, &u), D(2025, 3, 4));
	assert_int_equal(u, 1);		/* an empty calendar covers nothing */
	assert_int_equal(due_of(&c, D(2025, 3, 3), 5, NULL), D(2025, 3, 10));
	assert_int_equal(due_of(&c, D(2025, 3, 7), 1, NULL), D(2025, 3, 10));
	assert_int_equal(due_of(&c, D(2025, 3, 8), 1, NULL), D(2025, 3, 10));
	assert_int_equal(due_of(&c, D(2025, 3, 9), 5, NULL), D(2025, 3, 14));
	assert_int_equal(due_of(&c, D(2025, 3, 5), 10, NULL), D(2025, 3, 19));
	assert_int_equal(due_of(&c, D(2025, 3, 5), 20, NULL), D(2025, 4, 2));
	assert_int_equal(count_of(&c, D(2025, 3, 3), D(2025, 3, 10), NULL), 5);
	assert_int_equal(count_of(&c, D(2025, 3, 7), D(2025, 3, 9), NULL), 0);
	assert_int_equal(count_of(&c, D(2025, 3, 1), D(2025, 3, 31), NULL),
	    21);
	assert_true(yw_workday_is(&c, D(2025, 3, 7)));
	assert_false(yw_workday_is(&c, D(2025, 3, 8)));
	/* Days before 1970 follow the same weeks. */
	assert_int_equal(due_of(&c, D(1969, 12, 26), 1, NULL),
	    D(1969, 12, 29));
}

static void
test_national_day_2026(void **state)
{
	struct yw_workday_cal	c = cal2026();
	int			u;

	(void)state;
	assert_int_equal(yw_workday_cal_check(&c), YW_OK);
	assert_false(yw_workday_is(&c, D(2026, 10, 1)));	/* Thursday */
	assert_false(yw_workday_is(&c, D(2026, 10, 7)));	/* Wednesday */
	assert_true(yw_workday_is(&c, D(2026, 10, 10)));	/* Saturday */
	assert_false(yw_workday_is(&c, D(2026, 10, 11)));	/* Sunday */
	assert_int_equal(due_of(&c, D(2026, 9, 30), 1, &u), D(2026, 10, 8));
	assert_int_equal(u, 0);
	assert_int_equal(due_of(&c, D(2026, 9, 30), 3, NULL), D(2026, 10, 10));
	assert_int_equal(due_of(&c, D(2026, 9, 30), 4, NULL), D(2026, 10, 12));
	/* Accepted Monday 28 September: 5 working days end on Saturday
	 * 10 October (29, 30 September; 8, 9, 10 October). */
	assert_int_equal(due_of(&c, D(2026, 9, 28), 5, NULL), D(2026, 10, 10));
	assert_int_equal(count_of(&c, D(2026, 9, 30), D(2026, 10, 12), NULL),
	    4);
	/* 中秋节 right before: Sunday 20 September is worked. */
	assert_int_equal(due_of(&c, D(2026, 9, 18), 1, NULL), D(2026, 9, 20));
	assert_int_equal(due_of(&c, D(2026, 9, 18), 2, NULL), D(2026, 9, 21));
	assert_int_equal(due_of(&c, D(2026, 9, 24), 1, NULL), D(2026, 9, 28));
	/* September 2026: 22 weekdays, less 中秋 Friday 25, plus Sunday 20. */
	assert_int_equal(count_of(&c, D(2026, 8, 31), D(2026, 9, 30), NULL),
	    22);
}

static void
test_spring_festival_2026(void **state)
{
	struct yw_workday_cal c = cal2026();

	(void)state;
	assert_true(yw_workday_is(&c, D(2026, 2, 14)));	/* Saturday */
	assert_true(yw_workday_is(&c, D(2026, 2, 28)));	/* Saturday */
	assert_false(yw_workday_is(&c, D(2026, 2, 23)));	/* Monday */
	assert_true(yw_workday_is(&c, D(2026, 2, 24)));
	assert_int_equal(due_of(&c, D(2026, 2, 13), 1, NULL), D(2026, 2, 14));
	assert_int_equal(due_of(&c, D(2026, 2, 13), 2, NULL), D(2026, 2, 24));
	assert_int_equal(due_of(&c, D(2026, 2, 12), 5, NULL), D(2026, 2, 26));
	assert_int_equal(due_of(&c, D(2026, 2, 26), 2, NULL), D(2026, 2, 28));
	assert_int_equal(due_of(&c, D(2026, 2, 26), 3, NULL), D(2026, 3, 2));
	/* A 20-day limit from Tuesday 10 February ends on 16 March. */
	assert_int_equal(due_of(&c, D(2026, 2, 10), 20, NULL), D(2026, 3, 16));
	assert_int_equal(count_of(&c, D(2026, 2, 10), D(2026, 3, 16), NULL),
	    20);
	/* February 2026: 20 weekdays, 6 of them holidays, 2 Saturdays. */
	assert_int_equal(count_of(&c, D(2026, 1, 31), D(2026, 2, 28), NULL),
	    16);
}

static void
test_year_boundary(void **state)
{
	struct yw_workday_cal	c = cal2026();
	struct yw_workday_span	two[2];
	int			u;

	(void)state;
	/* Into 2026 from an uncovered 2025: 元旦 then the worked Sunday. */
	assert_int_equal(due_of(&c, D(2025, 12, 31), 1, &u), D(2026, 1, 4));
	assert_int_equal(u, 0);		/* only days after the start matter */
	assert_int_equal(due_of(&c, D(2025, 12, 30), 1, &u), D(2025, 12, 31));
	assert_int_equal(u, 1);
	assert_int_equal(due_of(&c, D(2025, 12, 30), 2, &u), D(2026, 1, 4));
	assert_int_equal(u, 1);
	/* Out of 2026 with no 2027 calendar: Friday 1 January 2027 counts by
	 * weekday rules, and the caller learns the calendar is missing. */
	assert_int_equal(due_of(&c, D(2026, 12, 28), 3, &u), D(2026, 12, 31));
	assert_int_equal(u, 0);
	assert_int_equal(due_of(&c, D(2026, 12, 30), 2, &u), D(2027, 1, 1));
	assert_int_equal(u, 1);
	assert_int_equal(due_of(&c, D(2026, 12, 30), 3, &u), D(2027, 1, 4));
	assert_int_equal(u, 1);
	assert_int_equal(count_of(&c, D(2026, 12, 31), D(2027, 1, 8), &u), 6);
	assert_int_equal(u, 1);
	assert_int_equal(count_of(&c, D(2026, 11, 30), D(2026, 12, 31), &u),
	    23);
	assert_int_equal(u, 0);
	assert_true(yw_workday_covers(&c, D(2025, 12, 31), D(2026, 12, 31)));
	assert_false(yw_workday_covers(&c, D(2025, 12, 30), D(2026, 12, 31)));
	assert_false(yw_workday_covers(&c, D(2025, 12, 31), D(2027, 1, 1)));
	assert_true(yw_workday_covers(&c, D(2027, 1, 1), D(2027, 1, 1)));
	/* Years loaded side by side read as one span. */
	two[0] = span2026[0];
	two[1].from = D(2027, 1, 1);
	two[1].to = D(2027, 12, 31);
	c.covered = two;
	c.ncovered = 2;
	assert_int_equal(yw_workday_cal_check(&c), YW_OK);
	assert_true(yw_workday_covers(&c, D(2026, 6, 1), D(2027, 6, 1)));
	assert_int_equal(due_of(&c, D(2026, 12, 30), 3, &u), D(2027, 1, 4));
	assert_int_equal(u, 0);
	/* A gap year is reported. */
	two[1].from = D(2028, 1, 1);
	two[1].to = D(2028, 12, 31);
	assert_false(yw_workday_covers(&c, D(2026, 6, 1), D(2028, 6, 1)));
	assert_true(yw_workday_covers(&c, D(2027, 12, 31), D(2028, 6, 1)));
}

static void
test_start_not_working(void **state)
{
	struct yw_workday_cal c = cal2026();

	(void)state;
	/* On a holiday: the next working day is day 1. */
	assert_int_equal(due_of(&c, D(2026, 10, 3), 1, NULL), D(2026, 10, 8));
	assert_int_equal(due_of(&c, D(2026, 2, 15), 1, NULL), D(2026, 2, 24));
	/* On a weekend. */
	assert_int_equal(due_of(&c, D(2026, 3, 7), 1, NULL), D(2026, 3, 9));
	assert_int_equal(due_of(&c, D(2026, 3, 8), 5, NULL), D(2026, 3, 13));
	/* On a worked Saturday: it is still the day of acceptance. */
	assert_int_equal(due_of(&c, D(2026, 10, 10), 1, NULL), D(2026, 10, 12));
	/* The first working day on or after d is add(d - 1, 1). */
	assert_int_equal(due_of(&c, D(2026, 10, 3) - 1, 1, NULL),
	    D(2026, 10, 8));
	assert_int_equal(due_of(&c, D(2026, 10, 8) - 1, 1, NULL),
	    D(2026, 10, 8));
}

static void
test_zero_days(void **state)
{
	struct yw_workday_cal	c = cal2026();
	int			u;

	(void)state;
	assert_int_equal(due_of(&c, D(2026, 10, 3), 0, &u), D(2026, 10, 3));
	assert_int_equal(u, 0);
	assert_int_equal(due_of(&c, D(2026, 10, 9), 0, NULL), D(2026, 10, 9));
	assert_int_equal(due_of(&c, D(2030, 1, 5), 0, &u), D(2030, 1, 5));
	assert_int_equal(u, 0);		/* no day was needed */
	assert_int_equal(count_of(&c, D(2026, 10, 3), D(2026, 10, 3), NULL),
	    0);
}

static void
test_pauses(void **state)
{
	struct yw_workday_cal	c = cal2026();
	struct yw_workday_span	p[2];
	int32_t			due;
	int			u;

	(void)state;
	/* 补正 from 30 September to 9 October, across 国庆节. */
	p[0].from = D(2026, 9, 30);
	p[0].to = D(2026, 10, 9);
	assert_int_equal(paused_due(&c, D(2026, 9, 28), 5, p, 1),
	    D(2026, 10, 14));
	/* Two overlapping pauses, and two touching ones, act as their union. */
	p[0].to = D(2026, 10, 5);
	p[1].from = D(2026, 10, 3);
	p[1].to = D(2026, 10, 9);
	assert_int_equal(paused_due(&c, D(2026, 9, 28), 5, p, 2),
	    D(2026, 10, 14));
	p[0].to = D(2026, 10, 4);
	p[1].from = D(2026, 10, 5);
	assert_int_equal(paused_due(&c, D(2026, 9, 28), 5, p, 2),
	    D(2026, 10, 14));
	/* Overlapping on working days (30 September, 8 and 9 October):
	 * each is taken out once; 13 to 16 and 19 October count. */
	p[0].from = D(2026, 9, 29);
	p[0].to = D(2026, 10, 9);
	p[1].from = D(2026, 9, 30);
	p[1].to = D(2026, 10, 12);
	assert_int_equal(paused_due(&c, D(2026, 9, 28), 5, p, 2),
	    D(2026, 10, 19));
	/* A pause inside the holiday changes nothing. */
	p[0].from = D(2026, 10, 2);
	p[0].to = D(2026, 10, 6);
	assert_int_equal(paused_due(&c, D(2026, 9, 28), 5, p, 1),
	    D(2026, 10, 10));
	/* Nor does one ending on the day of acceptance. */
	p[0].from = D(2026, 9, 1);
	p[0].to = D(2026, 9, 28);
	assert_int_equal(paused_due(&c, D(2026, 9, 28), 5, p, 1),
	    D(2026, 10, 10));
	/* One that takes the day after acceptance moves day 1 on. */
	p[0].from = D(2026, 9, 27);
	p[0].to = D(2026, 9, 29);
	assert_int_equal(paused_due(&c, D(2026, 9, 28), 5, p, 1),
	    D(2026, 10, 12));
	/* A pause covering the due day pushes past it. */
	p[0].from = D(2026, 10, 10);
	p[0].to = D(2026, 10, 10);
	assert_int_equal(paused_due(&c, D(2026, 9, 28), 5, p, 1),
	    D(2026, 10, 12));
	/* n = 0 stays on the start, paused or not. */
	assert_int_equal(paused_due(&c, D(2026, 10, 10), 0, p, 1),
	    D(2026, 10, 10));
	/* Out of order, reversed, or missing pauses are refused. */
	p[0].from = D(2026, 10, 5);
	p[0].to = D(2026, 10, 9);
	p[1].from = D(2026, 9, 30);
	p[1].to = D(2026, 10, 1);
	assert_int_equal(yw_workday_due_with_pauses(&c, D(2026, 9, 28), 5, p,
	    2, &due, &u), YW_EINVAL);
	assert_int_equal(due, D(2026, 9, 28));
	p[0].from = D(2026, 10, 9);
	p[0].to = D(2026, 10, 5);
	assert_int_equal(yw_workday_due_with_pauses(&c, D(2026, 9, 28), 5, p,
	    1, &due, &u), YW_EINVAL);
	assert_int_equal(yw_workday_due_with_pauses(&c, D(2026, 9, 28), 5,
	    NULL, 1, &due, &u), YW_EINVAL);
	/* A pause running to the end of time leaves no due day. */
	p[0].from = D(2026, 10, 1);
	p[0].to = YW_WORKDAY_DAY_MAX;
	assert_int_equal(yw_workday_due_with_pauses(&c, D(2026, 9, 28), 5, p,
	    1, &due, &u), YW_EINVAL);
}

static void
test_progress_and_light(void **state)
{
	struct yw_workday_cal	c = cal2026();
	struct yw_workday_span	p[1];
	int32_t			start = D(2026, 9, 28), due = D(2026, 10, 10);
	int			used, total, u;

	(void)state;
	assert_int_equal(yw_workday_progress(&c, start, due, D(2026, 9, 20),
	    NULL, 0, &used, &total, &u), YW_OK);
	assert_int_equal(used, 0);
	assert_int_equal(total, 5);
	assert_int_equal(u, 0);
	assert_int_equal(yw_workday_progress(&c, start, due, D(2026, 10, 5),
	    NULL, 0, &used, &total, &u), YW_OK);
	assert_int_equal(used, 2);
	assert_int_equal(yw_workday_light_for(due, D(2026, 10, 5), used, total,
	    80), YW_WORKDAY_GREEN);
	assert_int_equal(yw_workday_progress(&c, start, due, D(2026, 10, 8),
	    NULL, 0, &used, &total, &u), YW_OK);
	assert_int_equal(used, 3);
	assert_int_equal(yw_workday_light_for(due, D(2026, 10, 8), used, total,
	    80), YW_WORKDAY_GREEN);
	assert_int_equal(yw_workday_progress(&c, start, due, D(2026, 10, 9),
	    NULL, 0, &used, &total, &u), YW_OK);
	assert_int_equal(used, 4);
	assert_int_equal(yw_workday_light_for(due, D(2026, 10, 9), used, total,
	    80), YW_WORKDAY_YELLOW);
	assert_int_equal(yw_workday_light_for(due, D(2026, 10, 9), used, total,
	    81), YW_WORKDAY_GREEN);
	assert_int_equal(yw_workday_light_for(due, due, 5, 5, 100),
	    YW_WORKDAY_YELLOW);
	assert_int_equal(yw_workday_light_for(due, due, 5, 5, 101),
	    YW_WORKDAY_GREEN);
	assert_int_equal(yw_workday_progress(&c, start, due, D(2026, 10, 13),
	    NULL, 0, &used, &total, &u), YW_OK);
	assert_int_equal(used, 7);
	assert_int_equal(yw_workday_light_for(due, D(2026, 10, 13), used, total,
	    80), YW_WORKDAY_RED);
	/* Due on a Friday, and on Saturday the limit is blown although no
	 * working day has passed. */
	assert_int_equal(yw_workday_progress(&c, D(2026, 3, 2), D(2026, 3, 6),
	    D(2026, 3, 7), NULL, 0, &used, &total, &u), YW_OK);
	assert_int_equal(used, total);
	assert_int_equal(yw_workday_light_for(D(2026, 3, 6), D(2026, 3, 7),
	    used, total, 80), YW_WORKDAY_RED);
	/* A zero-day limit warns on its day. */
	assert_int_equal(yw_workday_light_for(start, start, 0, 0, 80),
	    YW_WORKDAY_YELLOW);
	/* Paused days count in neither. */
	p[0].from = D(2026, 9, 30);
	p[0].to = D(2026, 10, 9);
	assert_int_equal(yw_workday_progress(&c, start, D(2026, 10, 14),
	    D(2026, 10, 9), p, 1, &used, &total, &u), YW_OK);
	assert_int_equal(used, 1);
	assert_int_equal(total, 5);
	/* Today in an uncovered year is reported. */
	assert_int_equal(yw_workday_progress(&c, start, due, D(2027, 1, 4),
	    NULL, 0, &used, &total, &u), YW_OK);
	assert_int_equal(u, 1);
	assert_int_equal(yw_workday_progress(&c, start, start - 1, start,
	    NULL, 0, &used, &total, &u), YW_EINVAL);
	assert_int_equal(used, 0);
	assert_int_equal(total, 0);
}

static void
test_limits(void **state)
{
	struct yw_workday_cal	c = cal2026();
	int32_t			due;
	int			n;

	(void)state;
	assert_int_equal(yw_workday_add(&c, D(2026, 1, 5), -1, &due, NULL),
	    YW_EINVAL);
	assert_int_equal(due, D(2026, 1, 5));
	assert_int_equal(yw_workday_add(&c, D(2026, 1, 5), YW_WORKDAY_N_MAX + 1,
	    &due, NULL), YW_EINVAL);
	assert_int_equal(yw_workday_add(&c, D(2026, 1, 5), YW_WORKDAY_N_MAX,
	    &due, NULL), YW_OK);
	assert_int_equal(count_of(&c, D(2026, 1, 5), due, NULL),
	    YW_WORKDAY_N_MAX);
	assert_int_equal(yw_workday_add(&c, YW_WORKDAY_DAY_MAX + 1, 0, &due,
	    NULL), YW_EINVAL);
	assert_int_equal(yw_workday_add(&c, YW_WORKDAY_DAY_MIN - 1, 0, &due,
	    NULL), YW_EINVAL);
	/* 9999-12-31 is a Friday: one working day is left, not two. */
	assert_int_equal(yw_workday_add(&c, D(9999, 12, 29), 2, &due, NULL),
	    YW_OK);
	assert_int_equal(due, D(9999, 12, 31));
	assert_int_equal(yw_workday_add(&c, D(9999, 12, 29), 3, &due, NULL),
	    YW_EINVAL);
	assert_int_equal(yw_workday_add(&c, YW_WORKDAY_DAY_MIN, 1, &due, NULL),
	    YW_OK);
	assert_int_equal(due, YW_WORKDAY_DAY_MIN + 1);
	assert_int_equal(yw_workday_count(&c, 0, YW_WORKDAY_DAY_MAX + 1, &n,
	    NULL), YW_EINVAL);
	assert_int_equal(n, 0);
	/* The whole range in one count. */
	assert_int_equal(yw_workday_count(&c, YW_WORKDAY_DAY_MIN,
	    YW_WORKDAY_DAY_MAX, &n, NULL), YW_OK);
	assert_true(n > 2600000 && n < 2620000);
}

static void
test_cal_check(void **state)
{
	struct yw_workday_cal	c = cal2026(), bad;
	int32_t			twice[2] = { 5, 5 }, down[2] = { 6, 5 };
	int32_t			huge[1] = { YW_WORKDAY_DAY_MAX + 1 };
	struct yw_workday_span	s[2] = { { 10, 20 }, { 20, 30 } };

	(void)state;
	assert_int_equal(yw_workday_cal_check(&c), YW_OK);
	bad = c;
	bad.holidays = twice;
	bad.nholidays = 2;
	assert_int_equal(yw_workday_cal_check(&bad), YW_EINVAL);
	bad.holidays = down;
	assert_int_equal(yw_workday_cal_check(&bad), YW_EINVAL);
	bad = c;
	bad.workdays = huge;
	bad.nworkdays = 1;
	assert_int_equal(yw_workday_cal_check(&bad), YW_EINVAL);
	bad = c;
	bad.workdays = NULL;
	assert_int_equal(yw_workday_cal_check(&bad), YW_EINVAL);
	bad = c;
	bad.covered = s;
	bad.ncovered = 2;		/* overlap on day 20 */
	assert_int_equal(yw_workday_cal_check(&bad), YW_EINVAL);
	s[1].from = 21;
	assert_int_equal(yw_workday_cal_check(&bad), YW_OK);
	s[0].to = 9;			/* reversed */
	assert_int_equal(yw_workday_cal_check(&bad), YW_EINVAL);
}

/*
 * The reference: a straight reading of the rule, one day at a time, over
 * a calendar given as plain unsorted-search arrays.
 */
static int
ref_in(const int32_t *a, size_t n, int32_t d)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] == d)
			return 1;
	return 0;
}

static int
ref_is(const struct yw_workday_cal *c, int32_t d)
{
	int wd;

	if (ref_in(c->workdays, c->nworkdays, d))
		return 1;
	wd = (int)(((int64_t)d % 7 + 7 + 3) % 7);
	return wd < 5 && !ref_in(c->holidays, c->nholidays, d);
}

static int
ref_paused(const struct yw_workday_span *p, size_t np, int32_t d)
{
	size_t i;

	for (i = 0; i < np; i++)
		if (d >= p[i].from && d <= p[i].to)
			return 1;
	return 0;
}

static int
ref_counts(const struct yw_workday_cal *c, int32_t d,
    const struct yw_workday_span *p, size_t np)
{
	return ref_is(c, d) && !ref_paused(p, np, d);
}

static int
ref_covered(const struct yw_workday_cal *c, int32_t from, int32_t to)
{
	int32_t	d;
	size_t	i;
	int	in;

	for (d = from + 1; d <= to; d++) {
		in = 0;
		for (i = 0; i < c->ncovered; i++)
			if (d >= c->covered[i].from && d <= c->covered[i].to)
				in = 1;
		if (!in)
			return 0;
	}
	return 1;
}

static int32_t
ref_due(const struct yw_workday_cal *c, int32_t start, int n,
    const struct yw_workday_span *p, size_t np)
{
	int32_t	d = start;
	int	k = 0;

	while (k < n) {
		d++;
		k += ref_counts(c, d, p, np);
	}
	return d;
}

static int
ref_count(const struct yw_workday_cal *c, int32_t from, int32_t to,
    const struct yw_workday_span *p, size_t np)
{
	int32_t	d;
	int	k = 0;

	for (d = from + 1; d <= to; d++)
		k += ref_counts(c, d, p, np);
	return k;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t
rnd(uint32_t bound)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % bound);
}

#define R_DAYS	900

/* A random calendar over [base, base + R_DAYS): holidays on any day,
 * adjusted workdays mostly on weekends, some days in both lists, and
 * three covered spans of which two touch. */
static void
random_cal(struct yw_workday_cal *c, int32_t base, int32_t *hol,
    int32_t *work, struct yw_workday_span *spans)
{
	int32_t	d;
	int	wd;

	memset(c, 0, sizeof(*c));
	for (d = base; d < base + R_DAYS; d++) {
		wd = yw_workday_weekday(d);
		if (rnd(100) < 12)
			hol[c->nholidays++] = d;
		if (rnd(100) < (wd >= 5 ? 10 : 2))
			work[c->nworkdays++] = d;
	}
	spans[0].from = base + 100;
	spans[0].to = base + 400;
	spans[1].from = base + 401;
	spans[1].to = base + 600;
	spans[2].from = base + 700;
	spans[2].to = base + 800;
	c->holidays = hol;
	c->workdays = work;
	c->covered = spans;
	c->ncovered = 3;
}

static void
test_property_random(void **state)
{
	static int32_t		hol[R_DAYS], work[R_DAYS];
	struct yw_workday_span	spans[3], p[4];
	struct yw_workday_cal	c;
	int32_t			base, start, due, today, d;
	size_t			np, i;
	int			round, iter, n, k, u, used, total;

	(void)state;
	for (round = 0; round < 8; round++) {
		base = D(2020, 1, 1) + (int32_t)rnd(4000) - 2000;
		random_cal(&c, base, hol, work, spans);
		assert_int_equal(yw_workday_cal_check(&c), YW_OK);
		for (d = base - 10; d < base + R_DAYS + 10; d++)
			assert_int_equal(yw_workday_is(&c, d), ref_is(&c, d));
		for (iter = 0; iter < 400; iter++) {
			start = base - 20 + (int32_t)rnd(R_DAYS - 100);
			n = (int)rnd(iter % 10 == 0 ? 200 : 40);
			/* add and count agree with the reference and with
			 * each other. */
			assert_int_equal(yw_workday_add(&c, start, n, &due, &u),
			    YW_OK);
			assert_int_equal(due, ref_due(&c, start, n, NULL, 0));
			assert_int_equal(u, !ref_covered(&c, start, due));
			assert_int_equal(count_of(&c, start, due, NULL), n);
			assert_int_equal(count_of(&c, due, start, NULL), -n);
			if (n > 0) {
				assert_true(yw_workday_is(&c, due));
				assert_int_equal(count_of(&c, start, due - 1,
				    NULL), n - 1);
			}
			d = start + (int32_t)rnd(300) - 50;
			assert_int_equal(count_of(&c, start, d, &u),
			    d >= start ? ref_count(&c, start, d, NULL, 0) :
			    -ref_count(&c, d, start, NULL, 0));
			assert_int_equal(u, d >= start ?
			    !ref_covered(&c, start, d) :
			    !ref_covered(&c, d, start));
			/* Up to four sorted pauses, overlapping at times. */
			np = rnd(5);
			for (i = 0; i < np; i++) {
				p[i].from = start - 5 + (int32_t)rnd(60) +
				    (i > 0 ? p[i - 1].from - start + 5 : 0);
				p[i].to = p[i].from + (int32_t)rnd(15);
			}
			assert_int_equal(yw_workday_due_with_pauses(&c, start,
			    n, p, np, &due, &u), YW_OK);
			assert_int_equal(due, ref_due(&c, start, n, p, np));
			assert_int_equal(u, !ref_covered(&c, start, due));
			today = start + (int32_t)rnd(120) - 10;
			assert_int_equal(yw_workday_progress(&c, start, due,
			    today, p, np, &used, &total, &u), YW_OK);
			assert_int_equal(total, n);
			k = today > start ? ref_count(&c, start, today, p, np) :
			    0;
			assert_int_equal(used, k);
			assert_int_equal(u, !ref_covered(&c, start,
			    today > due ? today : due));
		}
	}
}

/* Long limits over the real calendar, and count additivity. */
static void
test_long_and_additive(void **state)
{
	struct yw_workday_cal	c = cal2026();
	int32_t			start, due, a, b, m;
	int			n;

	(void)state;
	for (start = D(2025, 12, 1); start <= D(2026, 12, 31); start += 7) {
		for (n = 0; n <= 300; n += 37) {
			due = due_of(&c, start, n, NULL);
			assert_int_equal(due, ref_due(&c, start, n, NULL, 0));
			assert_int_equal(count_of(&c, start, due, NULL), n);
		}
	}
	for (a = D(2026, 1, 1); a < D(2026, 12, 31); a += 13) {
		b = a + 40;
		m = a + 17;
		assert_int_equal(count_of(&c, a, m, NULL) +
		    count_of(&c, m, b, NULL), count_of(&c, a, b, NULL));
	}
	/* 2026 has 261 weekdays; 元旦 Thu-Fri, 春节 Mon-Fri + Mon, 清明 Mon,
	 * 劳动节 Fri-Tue (3), 端午 Fri, 中秋 Fri and 国庆 Thu-Wed (5) take
	 * 19, and the six adjusted weekend days add 6. */
	assert_int_equal(count_of(&c, D(2025, 12, 31), D(2026, 12, 31), NULL),
	    248);
}

/* A due day after a calendar change keeps the working days left after
 * today; what is spent stays spent. */
static void
test_follow(void **state)
{
	struct yw_workday_cal	 before, after;
	int32_t			 extra[1], moved;

	(void)state;
	before = cal2026();
	/* Plain weekends only: 2026-12-01 (Tue) becomes a holiday. */
	memset(&after, 0, sizeof(after));
	extra[0] = D(2026, 12, 1);
	after.holidays = extra;
	after.nholidays = 1;
	memset(&before, 0, sizeof(before));
	/* Today Fri 11-27, due Thu 12-03 (4 working days left): 12-04. */
	assert_int_equal(yw_workday_follow(&before, &after, D(2026, 11, 27),
	    D(2026, 12, 3), &moved), YW_OK);
	assert_int_equal(moved, D(2026, 12, 4));
	/* The due day itself becomes a holiday: the next working day. */
	extra[0] = D(2026, 12, 3);
	assert_int_equal(yw_workday_follow(&before, &after, D(2026, 11, 27),
	    D(2026, 12, 3), &moved), YW_OK);
	assert_int_equal(moved, D(2026, 12, 4));
	/* A holiday after the due day changes nothing. */
	extra[0] = D(2026, 12, 8);
	assert_int_equal(yw_workday_follow(&before, &after, D(2026, 11, 27),
	    D(2026, 12, 3), &moved), YW_OK);
	assert_int_equal(moved, D(2026, 12, 3));
	/* A holiday taken away gives the day back: due earlier. */
	extra[0] = D(2026, 12, 1);
	assert_int_equal(yw_workday_follow(&after, &before, D(2026, 11, 27),
	    D(2026, 12, 4), &moved), YW_OK);
	assert_int_equal(moved, D(2026, 12, 3));
	/* Due today or before: spent, kept, even across the change. */
	assert_int_equal(yw_workday_follow(&before, &after, D(2026, 12, 3),
	    D(2026, 12, 3), &moved), YW_OK);
	assert_int_equal(moved, D(2026, 12, 3));
	assert_int_equal(yw_workday_follow(&before, &after, D(2026, 12, 5),
	    D(2026, 11, 30), &moved), YW_OK);
	assert_int_equal(moved, D(2026, 11, 30));
	/* Only days after today count: a past day that became a holiday
	 * moves nothing. */
	extra[0] = D(2026, 11, 25);
	assert_int_equal(yw_workday_follow(&before, &after, D(2026, 11, 27),
	    D(2026, 12, 3), &moved), YW_OK);
	assert_int_equal(moved, D(2026, 12, 3));
	/* The 2026 calendar against plain weeks: 10-01..07 and the 10-10
	 * Saturday worked. Today 09-30, due under plain weeks 10-05 (3 days
	 * left) becomes the third working day after 09-30 in 2026: 10-09
	 * (10-08 Thu, 10-09 Fri, 10-10 Sat worked) -> 10-10. */
	after = cal2026();
	assert_int_equal(yw_workday_follow(&before, &after, D(2026, 9, 30),
	    D(2026, 10, 5), &moved), YW_OK);
	assert_int_equal(moved, D(2026, 10, 10));
	assert_int_equal(moved, due_of(&after, D(2026, 9, 30), 3, NULL));
	assert_int_equal(yw_workday_follow(&before, &after,
	    YW_WORKDAY_DAY_MAX + 1, D(2026, 10, 5), &moved), YW_EINVAL);
	assert_int_equal(moved, D(2026, 10, 5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_plain_weeks),
		cmocka_unit_test(test_national_day_2026),
		cmocka_unit_test(test_spring_festival_2026),
		cmocka_unit_test(test_year_boundary),
		cmocka_unit_test(test_start_not_working),
		cmocka_unit_test(test_zero_days),
		cmocka_unit_test(test_pauses),
		cmocka_unit_test(test_progress_and_light),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_cal_check),
		cmocka_unit_test(test_property_random),
		cmocka_unit_test(test_long_and_additive),
		cmocka_unit_test(test_follow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
