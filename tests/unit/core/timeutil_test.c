/*
 * Tests for src/core/timeutil.c: the calendar arithmetic replaces
 * localtime(3), so it is checked against known dates, against itself over
 * a wide range, and at the Asia/Shanghai midnight boundary.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/timeutil.h"

#define S(lit)	(lit), (sizeof(lit) - 1)

/* 2026-11-28T07:37:00Z, 15:37 in Shanghai. */
#define T_SAMPLE	INT64_C(1795851420)

static void
test_days_from_civil_known(void **state)
{
	(void)state;
	assert_int_equal(yw_time_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(yw_time_days_from_civil(1970, 1, 2), 1);
	assert_int_equal(yw_time_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(yw_time_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(yw_time_days_from_civil(1, 1, 1), -719162);
	assert_int_equal(yw_time_days_from_civil(9999, 12, 31), 2932896);
	assert_int_equal(yw_time_days_from_civil(2026, 11, 28),
	    T_SAMPLE / 86400);
}

/*
 * Walks day by day over ~11000 years and checks that each day is the
 * calendar successor of the one before; the successor rule is written here
 * independently of the era arithmetic under test.
 */
static void
test_civil_round_trip(void **state)
{
	int64_t	days;
	int	y, m, d, py, pm, pd;

	(void)state;
	yw_time_civil_from_days(-800000, &py, &pm, &pd);
	for (days = -799999; days <= 3200000; days++) {
		yw_time_civil_from_days(days, &y, &m, &d);
		if (pd < yw_time_days_in_month(py, pm)) {
			assert_true(y == py && m == pm && d == pd + 1);
		} else if (pm < 12) {
			assert_true(y == py && m == pm + 1 && d == 1);
		} else {
			assert_true(y == py + 1 && m == 1 && d == 1);
		}
		assert_int_equal(yw_time_days_from_civil(y, m, d), days);
		py = y;
		pm = m;
		pd = d;
	}
}

static void
test_leap_and_month_lengths(void **state)
{
	(void)state;
	assert_true(yw_time_is_leap(2000));
	assert_true(yw_time_is_leap(2024));
	assert_false(yw_time_is_leap(1900));
	assert_false(yw_time_is_leap(2026));
	assert_int_equal(yw_time_days_in_month(2024, 2), 29);
	assert_int_equal(yw_time_days_in_month(1900, 2), 28);
	assert_int_equal(yw_time_days_in_month(2026, 4), 30);
	assert_int_equal(yw_time_days_in_month(2026, 12), 31);
	assert_int_equal(yw_time_days_in_month(2026, 0), 0);
	assert_int_equal(yw_time_days_in_month(2026, 13), 0);
}

static void
test_fmt_local(void **state)
{
	char	out[32];

	(void)state;
	assert_int_equal(yw_time_fmt_local(T_SAMPLE, out, sizeof(out), 1),
	    YW_OK);
	assert_string_equal(out, "2026-11-28 15:37");
	assert_int_equal(yw_time_fmt_local(T_SAMPLE, out, sizeof(out), 0),
	    YW_OK);
	assert_string_equal(out, "2026-11-28");
	/* 16:30Z is already the next day in Shanghai. */
	assert_int_equal(yw_time_fmt_local(T_SAMPLE + 8 * 3600 + 53 * 60, out,
	    sizeof(out), 1), YW_OK);
	assert_string_equal(out, "2026-11-29 00:30");
	assert_int_equal(yw_time_fmt_local(0, out, sizeof(out), 1), YW_OK);
	assert_string_equal(out, "1970-01-01 08:00");
	/* Before the epoch the day must round down, not toward zero. */
	assert_int_equal(yw_time_fmt_local(-8 * 3600 - 1, out, sizeof(out), 1),
	    YW_OK);
	assert_string_equal(out, "1969-12-31 23:59");
}

static void
test_fmt_iso(void **state)
{
	char	out[32];

	(void)state;
	assert_int_equal(yw_time_fmt_iso(T_SAMPLE, out, sizeof(out)), YW_OK);
	assert_string_equal(out, "2026-11-28T07:37:00Z");
	assert_int_equal(yw_time_fmt_iso(-1, out, sizeof(out)), YW_OK);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	assert_int_equal(yw_time_fmt_iso(INT64_C(-62167219200), out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "0000-01-01T00:00:00Z");
	assert_int_equal(yw_time_fmt_iso(INT64_C(253402300799), out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "9999-12-31T23:59:59Z");
}

static void
test_fmt_limits(void **state)
{
	char	out[32];

	(void)state;
	/* Exactly enough room, then one byte short. */
	assert_int_equal(yw_time_fmt_local(T_SAMPLE, out, 17, 1), YW_OK);
	assert_int_equal(yw_time_fmt_local(T_SAMPLE, out, 16, 1), YW_ETOOBIG);
	assert_string_equal(out, "");
	assert_int_equal(yw_time_fmt_local(T_SAMPLE, out, 11, 0), YW_OK);
	assert_int_equal(yw_time_fmt_local(T_SAMPLE, out, 10, 0), YW_ETOOBIG);
	assert_int_equal(yw_time_fmt_iso(T_SAMPLE, out, 21), YW_OK);
	assert_int_equal(yw_time_fmt_iso(T_SAMPLE, out, 20), YW_ETOOBIG);
	assert_string_equal(out, "");
	assert_int_equal(yw_time_fmt_iso(T_SAMPLE, NULL, 0), YW_ETOOBIG);
	/* Years that do not fit four digits, and the int64 extremes. */
	memcpy(out, "junk", 5);
	assert_int_equal(yw_time_fmt_iso(INT64_C(253402300800), out,
	    sizeof(out)), YW_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(yw_time_fmt_iso(INT64_C(-62167219201), out,
	    sizeof(out)), YW_EINVAL);
	/* 9999-12-31T16:00Z is year 10000 in Shanghai. */
	assert_int_equal(yw_time_fmt_local(INT64_C(253402272000), out,
	    sizeof(out), 1), YW_EINVAL);
	assert_int_equal(yw_time_fmt_local(INT64_MAX, out, sizeof(out), 1),
	    YW_EINVAL);
	assert_int_equal(yw_time_fmt_local(INT64_MIN, out, sizeof(out), 1),
	    YW_EINVAL);
	assert_int_equal(yw_time_fmt_iso(INT64_MAX, out, sizeof(out)),
	    YW_EINVAL);
	assert_int_equal(yw_time_fmt_iso(INT64_MIN, out, sizeof(out)),
	    YW_EINVAL);
}

static void
test_local_days(void **state)
{
	(void)state;
	/* Shanghai midnight of 2026-11-28 is 2026-11-27T16:00:00Z. */
	assert_int_equal(yw_time_local_days(INT64_C(1795795200)),
	    yw_time_days_from_civil(2026, 11, 28));
	assert_int_equal(yw_time_local_days(INT64_C(1795795199)),
	    yw_time_days_from_civil(2026, 11, 27));
	assert_int_equal(yw_time_local_days(-8 * 3600 - 1), -1);
	/* Extremes clamp instead of overflowing. */
	assert_true(yw_time_local_days(INT64_MAX) > 0);
	assert_true(yw_time_local_days(INT64_MIN) < 0);
}

static void
test_parse_date(void **state)
{
	int	y, m, d;

	(void)state;
	assert_true(yw_time_parse_date(S("2026-11-28"), &y, &m, &d));
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	assert_int_equal(d, 28);
	assert_true(yw_time_parse_date(S("2000-02-29"), &y, &m, &d));
	assert_int_equal(d, 29);
	assert_true(yw_time_parse_date(S("0001-01-01"), &y, &m, &d));
	assert_true(yw_time_parse_date(S("9999-12-31"), &y, &m, &d));
	/* Length carries the string: trailing bytes beyond len are ignored. */
	assert_true(yw_time_parse_date("2026-01-05xyz", 10, &y, &m, &d));
}

static void
test_parse_date_rejects(void **state)
{
	static const char *const bad[] = {
		"1900-02-29", "2026-02-29", "2026-04-31", "2026-00-10",
		"2026-13-01", "2026-01-00", "2026-01-32", "0000-01-01",
		"2026-1-01", "2026/01/01", "26-01-01", "2026-01-1",
		"+026-01-01", "2026-0a-01", "2026-01-01 ", " 2026-01-01",
		"20260101", "", "2026-01-01T00:00", "２０２６-01-01",
	};
	size_t	i;
	int	y, m, d;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		y = m = d = -7;
		if (yw_time_parse_date(bad[i], strlen(bad[i]), &y, &m, &d))
			fail_msg("accepted \"%s\"", bad[i]);
		/* Outputs are left alone on failure. */
		assert_true(y == -7 && m == -7 && d == -7);
	}
	assert_false(yw_time_parse_date(NULL, 10, &y, &m, &d));
}

static void
test_now(void **state)
{
	int64_t	before, now;

	(void)state;
	before = (int64_t)time(NULL);
	now = yw_time_now();
	/* Later than 2024-01-01 and agrees with the system clock. */
	assert_true(now > INT64_C(1704067200));
	assert_true(now >= before && now - before < 5);
}

/* Open311 dates: every zone form, a bare date as Shanghai midnight, and
 * what must be refused (a time without its zone, impossible values). */
static void
test_w3c(void **state)
{
	char	out[32];
	int64_t	t;

	(void)state;
	assert_true(yw_time_parse_w3c("2026-11-28T07:37:00Z", 20, &t));
	assert_int_equal(t, 1795851420);
	assert_true(yw_time_parse_w3c("2026-11-28T15:37:00+08:00", 25, &t));
	assert_int_equal(t, 1795851420);
	assert_true(yw_time_parse_w3c("2026-11-28T02:37-05:00", 22, &t));
	assert_int_equal(t, 1795851420);
	assert_true(yw_time_parse_w3c("2026-11-28T07:37:00.250Z", 24, &t));
	assert_int_equal(t, 1795851420);
	assert_true(yw_time_parse_w3c("2026-11-28", 10, &t));
	assert_int_equal(t, 1795824000 - 8 * 3600);
	assert_false(yw_time_parse_w3c("2026-11-28T07:37:00", 19, &t));
	assert_false(yw_time_parse_w3c("2026-11-28T24:00:00Z", 20, &t));
	assert_false(yw_time_parse_w3c("2026-02-30T00:00:00Z", 20, &t));
	assert_false(yw_time_parse_w3c("2026-11-28T07:37:00.Z", 21, &t));
	assert_false(yw_time_parse_w3c("2026-11-28T07:37:00+0800", 24, &t));
	assert_false(yw_time_parse_w3c("2026-11-28 07:37:00Z", 20, &t));
	assert_false(yw_time_parse_w3c("yesterday", 9, &t));
	assert_int_equal(yw_time_fmt_w3c_local(1795851420, out, sizeof(out)),
	    YW_OK);
	assert_string_equal(out, "2026-11-28T15:37:00+08:00");
	assert_int_equal(yw_time_fmt_w3c_local(1795851420, out, 20),
	    YW_ETOOBIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_from_civil_known),
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_leap_and_month_lengths),
		cmocka_unit_test(test_fmt_local),
		cmocka_unit_test(test_fmt_iso),
		cmocka_unit_test(test_fmt_limits),
		cmocka_unit_test(test_local_days),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_parse_date_rejects),
		cmocka_unit_test(test_now),
		cmocka_unit_test(test_w3c),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
