/*
 * The clock of an opinion solicitation: when it opens and closes on
 * Asia/Shanghai days, when its feedback is due in working days of the
 * holiday calendar, and when it counts as overdue or late.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/interact/solicit_clock.h"
#include "core/timeutil.h"

/* A time in Beijing. */
static int64_t
bj(int y, int m, int d, int hh, int mm)
{
	return yw_time_days_from_civil(y, m, d) * 86400 + hh * 3600 +
	    mm * 60 - YW_TIME_LOCAL_OFFSET;
}

static int32_t
day(int y, int m, int d)
{
	return (int32_t)yw_time_days_from_civil(y, m, d);
}

/* A week of holidays from Thursday 2026-10-01, and Saturday 10-10 worked
 * instead (调休上班). */
static int32_t hol[7];
static int32_t work[1];
static struct yw_workday_span cover[1];

static struct yw_workday_cal
national_day(void)
{
	struct yw_workday_cal	c = { 0 };
	int			i;

	for (i = 0; i < 7; i++)
		hol[i] = day(2026, 10, 1 + i);
	work[0] = day(2026, 10, 10);
	cover[0].from = day(2026, 1, 1);
	cover[0].to = day(2026, 12, 31);
	c.holidays = hol;
	c.nholidays = 7;
	c.workdays = work;
	c.nworkdays = 1;
	c.covered = cover;
	c.ncovered = 1;
	return c;
}

static struct yw_solicit_clock
at(const struct yw_workday_cal *cal, int published, int64_t feedback_at,
    int64_t now)
{
	struct yw_solicit_clock c;

	assert_int_equal(yw_solicit_clock(cal, published, day(2026, 9, 1),
	    day(2026, 9, 24), 15, feedback_at, now, &c), YW_OK);
	return c;
}

static void
test_open_and_close_on_local_days(void **state)
{
	struct yw_workday_cal	cal = national_day();
	struct yw_solicit_clock	c;

	(void)state;
	assert_int_equal(at(&cal, 0, 0, bj(2026, 9, 10, 12, 0)).phase,
	    YW_SOLICIT_DRAFT);
	/* 23:59 the evening before opening; UTC is already 15:59 that day. */
	assert_int_equal(at(&cal, 1, 0, bj(2026, 8, 31, 23, 59)).phase,
	    YW_SOLICIT_UPCOMING);
	c = at(&cal, 1, 0, bj(2026, 9, 1, 0, 0));
	assert_int_equal(c.phase, YW_SOLICIT_OPEN);
	assert_int_equal(c.days_left, 23);
	/* The closing day counts in full, to midnight in Beijing. */
	c = at(&cal, 1, 0, bj(2026, 9, 24, 23, 59));
	assert_int_equal(c.phase, YW_SOLICIT_OPEN);
	assert_int_equal(c.days_left, 0);
	c = at(&cal, 1, 0, bj(2026, 9, 25, 0, 0));
	assert_int_equal(c.phase, YW_SOLICIT_CLOSED);
	assert_false(c.overdue);
	assert_false(yw_solicit_editable(YW_SOLICIT_OPEN));
	assert_true(yw_solicit_editable(YW_SOLICIT_UPCOMING));
	assert_true(yw_solicit_editable(YW_SOLICIT_DRAFT));
	assert_false(yw_solicit_editable(YW_SOLICIT_CLOSED));
}

static void
test_feedback_due_in_working_days(void **state)
{
	struct yw_workday_cal	cal = national_day(), plain = { 0 };
	struct yw_solicit_clock	c;

	(void)state;
	/* 15 working days after Thursday 09-24: the holiday week does not
	 * count and the adjusted Saturday does. */
	c = at(&cal, 1, 0, bj(2026, 9, 25, 9, 0));
	assert_int_equal(c.feedback_due, day(2026, 10, 21));
	assert_int_equal(c.days_left, 14);
	c = at(&plain, 1, 0, bj(2026, 9, 25, 9, 0));
	assert_int_equal(c.feedback_due, day(2026, 10, 15));
	/* On the due day it is still in time; the day after it is overdue. */
	c = at(&cal, 1, 0, bj(2026, 10, 21, 23, 59));
	assert_int_equal(c.phase, YW_SOLICIT_CLOSED);
	assert_false(c.overdue);
	assert_int_equal(c.days_left, 0);
	c = at(&cal, 1, 0, bj(2026, 10, 22, 0, 0));
	assert_true(c.overdue);
	assert_int_equal(c.days_left, -1);
	/* Feedback published: answered; late only when after the due day. */
	c = at(&cal, 1, bj(2026, 10, 21, 18, 0), bj(2026, 11, 30, 0, 0));
	assert_int_equal(c.phase, YW_SOLICIT_ANSWERED);
	assert_false(c.overdue);
	assert_false(c.late);
	c = at(&cal, 1, bj(2026, 10, 22, 8, 0), bj(2026, 11, 30, 0, 0));
	assert_true(c.late);
	/* A custom limit. */
	assert_int_equal(yw_solicit_clock(&cal, 1, day(2026, 9, 1),
	    day(2026, 9, 24), 5, 0, bj(2026, 9, 25, 0, 0), &c), YW_OK);
	assert_int_equal(c.feedback_due, day(2026, 10, 8));
}

static void
test_bad_input(void **state)
{
	struct yw_workday_cal	cal = { 0 };
	struct yw_solicit_clock	c;

	(void)state;
	assert_int_equal(yw_solicit_clock(&cal, 1, day(2026, 9, 2),
	    day(2026, 9, 1), 15, 0, 0, &c), YW_EINVAL);
	assert_int_equal(yw_solicit_clock(&cal, 1, day(2026, 9, 1),
	    day(2026, 9, 1), 0, 0, 0, &c), YW_EINVAL);
	assert_int_equal(yw_solicit_clock(&cal, 1, day(2026, 9, 1),
	    day(2026, 9, 1), YW_SOLICIT_FEEDBACK_DAYS_MAX + 1, 0, 0, &c),
	    YW_EINVAL);
	assert_string_equal(yw_solicit_phase_name(YW_SOLICIT_ANSWERED),
	    "answered");
	assert_null(yw_solicit_phase_name((enum yw_solicit_phase)9));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_and_close_on_local_days),
		cmocka_unit_test(test_feedback_due_in_working_days),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
