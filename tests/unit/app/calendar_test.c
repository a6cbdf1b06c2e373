/*
 * Tests for src/app/calendar/calendar.c: importing data/holidays/2026.json,
 * loading it into a working-day calendar, the year document's round trip,
 * permissions, each validation error naming its field, idempotent
 * re-import, replacing a year with an exact audit entry, and the demo
 * loader importing the calendar once. Runs on an in-memory SQLite
 * database, or on PostgreSQL when YW_TEST_PG_URL is set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "app/actor.h"
#include "app/audit/audit.h"
#include "app/calendar/calendar.h"
#include "app/demo/demo.h"
#include "core/timeutil.h"
#include "core/workday.h"
#include "testdb.h"

#define FILE_2026	"data/holidays/2026.json"

static int32_t
D(int y, int m, int d)
{
	return (int32_t)yw_time_days_from_civil(y, m, d);
}

static struct yw_actor admin;

static void
staff_actor(struct yw_actor *a, const char *kind, unsigned roles)
{
	memset(a, 0, sizeof(*a));
	a->id = 7;
	(void)snprintf(a->kind, sizeof(a->kind), "%s", kind);
	(void)snprintf(a->login, sizeof(a->login), "%s", "someone");
	a->department_id = 1;
	a->roles = roles;
}

static int
setup(void **state)
{
	yw_actor_cli(&admin, "cli");
	return testdb_setup(state);
}

static int64_t
audit_count(void)
{
	return q_int("SELECT COUNT(*) AS n FROM audit_log", json_array());
}

static int64_t
day_count(void)
{
	return q_int("SELECT COUNT(*) AS n FROM calendar_day", json_array());
}

static int64_t
year_count(void)
{
	return q_int("SELECT COUNT(*) AS n FROM calendar_year", json_array());
}

static void
import_2026(void)
{
	json_t *errors = (json_t *)1;

	assert_int_equal(yw_calendar_import_file(db, &admin, FILE_2026,
	    &errors), YW_OK);
	assert_null(errors);
}

static void
verify_audit(int64_t want)
{
	int64_t count = -1, bad = -1;

	assert_int_equal(yw_audit_verify(db, &count, &bad), YW_OK);
	assert_int_equal(count, want);
}

/* The newest audit entry's detail, parsed (caller frees). */
static json_t *
last_detail(const char *action)
{
	json_t		*rows, *detail;
	const char	*text;

	rows = q("SELECT action, object_type, object_id, detail FROM audit_log"
	    " ORDER BY id DESC LIMIT 1", json_array());
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "action")), action);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "object_type")), "calendar_year");
	text = json_string_value(json_object_get(json_array_get(rows, 0),
	    "detail"));
	assert_non_null(text);
	detail = json_loads(text, 0, NULL);
	assert_non_null(detail);
	json_decref(rows);
	return detail;
}

static json_t *
doc(const char *text)
{
	json_t *d = json_loads(text, 0, NULL);

	assert_non_null(d);
	return d;
}

static void
test_import_and_load(void **state)
{
	struct yw_calendar		*cal;
	const struct yw_workday_cal	*w;
	json_t				*detail;
	int32_t				 due;
	int				 u;

	(void)state;
	import_2026();
	assert_int_equal(year_count(), 1);
	assert_int_equal(day_count(), 39);
	assert_int_equal(yw_calendar_load(db, &cal), YW_OK);
	w = yw_calendar_workcal(cal);
	assert_int_equal(w->nholidays, 33);
	assert_int_equal(w->nworkdays, 6);
	assert_int_equal(w->ncovered, 1);
	assert_int_equal(w->covered[0].from, D(2026, 1, 1));
	assert_int_equal(w->covered[0].to, D(2026, 12, 31));
	assert_false(yw_workday_is(w, D(2026, 10, 1)));
	assert_true(yw_workday_is(w, D(2026, 10, 10)));
	assert_true(yw_workday_is(w, D(2026, 2, 14)));
	assert_false(yw_workday_is(w, D(2026, 2, 23)));
	assert_int_equal(yw_workday_add(w, D(2026, 9, 30), 1, &due, &u), YW_OK);
	assert_int_equal(due, D(2026, 10, 8));
	assert_int_equal(u, 0);
	assert_int_equal(yw_workday_add(w, D(2026, 12, 30), 3, &due, &u),
	    YW_OK);
	assert_int_equal(due, D(2027, 1, 4));
	assert_int_equal(u, 1);		/* 2027 has no calendar yet */
	yw_calendar_free(cal);

	detail = last_detail("calendar.set_year");
	assert_int_equal(json_integer_value(json_object_get(detail, "year")),
	    2026);
	assert_true(json_is_true(json_object_get(detail, "created")));
	assert_int_equal(json_integer_value(json_object_get(detail,
	    "holidays")), 7);
	assert_int_equal(json_integer_value(json_object_get(detail,
	    "holiday_days")), 33);
	assert_int_equal(json_integer_value(json_object_get(detail,
	    "adjusted_workdays")), 6);
	assert_int_equal(json_array_size(json_object_get(detail, "added")),
	    39);
	assert_int_equal(json_array_size(json_object_get(detail, "removed")),
	    0);
	assert_null(json_object_get(detail, "previous_source"));
	json_decref(detail);
	verify_audit(1);
}

static void
test_empty_load(void **state)
{
	struct yw_calendar		*cal;
	const struct yw_workday_cal	*w;
	int32_t				 due;
	int				 u;

	(void)state;
	assert_int_equal(yw_calendar_load(db, &cal), YW_OK);
	w = yw_calendar_workcal(cal);
	assert_int_equal(w->nholidays, 0);
	assert_int_equal(w->ncovered, 0);
	assert_int_equal(yw_workday_add(w, D(2026, 9, 30), 1, &due, &u), YW_OK);
	assert_int_equal(due, D(2026, 10, 1));
	assert_int_equal(u, 1);
	yw_calendar_free(cal);
	yw_calendar_free(NULL);
}

static void
test_year_round_trip(void **state)
{
	json_t	*y, *file, *h, *errors = NULL, *list;
	size_t	 i;

	(void)state;
	assert_int_equal(yw_calendar_year(db, 2026, &y), YW_ENOTFOUND);
	assert_null(y);
	import_2026();
	assert_int_equal(yw_calendar_year(db, 2026, &y), YW_OK);
	file = json_load_file(FILE_2026, 0, NULL);
	assert_non_null(file);
	assert_int_equal(json_integer_value(json_object_get(y, "year")), 2026);
	assert_true(json_equal(json_object_get(y, "source"),
	    json_object_get(file, "source")));
	assert_true(json_equal(json_object_get(y, "adjusted_workdays"),
	    json_object_get(file, "adjusted_workdays")));
	assert_string_equal(json_string_value(json_object_get(y,
	    "updated_by")), "cli");
	assert_int_equal(strlen(json_string_value(json_object_get(y,
	    "updated_at_local"))), 16);
	list = json_object_get(y, "holidays");
	assert_int_equal(json_array_size(list), 7);
	json_array_foreach(list, i, h) {
		json_t *want = json_array_get(json_object_get(file, "holidays"),
		    i);

		assert_true(json_equal(json_object_get(h, "name"),
		    json_object_get(want, "name")));
		assert_true(json_equal(json_object_get(h, "from"),
		    json_object_get(want, "from")));
		assert_true(json_equal(json_object_get(h, "to"),
		    json_object_get(want, "to")));
	}
	h = json_array_get(list, 1);
	assert_string_equal(json_string_value(json_object_get(h, "name")),
	    "春节");
	assert_int_equal(json_integer_value(json_object_get(h, "days")), 9);
	/* What the page shows can be saved back unchanged: no write. */
	assert_int_equal(yw_calendar_set_year(db, &admin, 2026, y, &errors),
	    YW_OK);
	assert_null(errors);
	assert_int_equal(audit_count(), 1);
	json_decref(y);
	json_decref(file);

	assert_int_equal(yw_calendar_years(db, &list), YW_OK);
	assert_int_equal(json_array_size(list), 1);
	h = json_array_get(list, 0);
	assert_int_equal(json_integer_value(json_object_get(h, "year")), 2026);
	assert_int_equal(json_integer_value(json_object_get(h,
	    "holiday_days")), 33);
	assert_int_equal(json_integer_value(json_object_get(h,
	    "adjusted_workdays")), 6);
	json_decref(list);
}

static void
test_idempotent_import(void **state)
{
	int64_t	at;

	(void)state;
	import_2026();
	at = q_int("SELECT updated_at FROM calendar_year WHERE year = 2026",
	    json_array());
	import_2026();
	import_2026();
	assert_int_equal(audit_count(), 1);
	assert_int_equal(day_count(), 39);
	assert_int_equal(year_count(), 1);
	assert_int_equal(q_int("SELECT updated_at FROM calendar_year"
	    " WHERE year = 2026", json_array()), at);
	verify_audit(1);
}

static void
test_replace_year(void **state)
{
	struct yw_calendar		*cal;
	const struct yw_workday_cal	*w;
	json_t				*in, *errors = NULL, *detail, *y;

	(void)state;
	import_2026();
	/* 国庆节 a day longer, Saturday 10 October no longer worked,
	 * 元旦 renamed, a new source. */
	in = doc("{\"year\": 2026, \"source\": \"第二版\", \"holidays\": ["
	    "{\"name\": \" 新年 \", \"from\": \"2026-01-01\","
	    " \"to\": \"2026-01-03\"},"
	    "{\"name\": \"国庆节\", \"from\": \"2026-10-01\","
	    " \"to\": \"2026-10-08\"}],"
	    " \"adjusted_workdays\": [\"2026-01-04\"]}");
	assert_int_equal(yw_calendar_set_year(db, &admin, 2026, in, &errors),
	    YW_OK);
	assert_null(errors);
	json_decref(in);
	assert_int_equal(day_count(), 3 + 8 + 1);
	assert_int_equal(yw_calendar_load(db, &cal), YW_OK);
	w = yw_calendar_workcal(cal);
	assert_false(yw_workday_is(w, D(2026, 10, 8)));
	assert_false(yw_workday_is(w, D(2026, 10, 10)));
	assert_true(yw_workday_is(w, D(2026, 2, 16)));	/* 春节 gone */
	assert_true(yw_workday_is(w, D(2026, 1, 4)));
	yw_calendar_free(cal);

	detail = last_detail("calendar.set_year");
	assert_false(json_is_true(json_object_get(detail, "created")));
	assert_string_equal(json_string_value(json_object_get(detail,
	    "source")), "第二版");
	assert_string_equal(json_string_value(json_object_get(detail,
	    "previous_source")), "国务院办公厅关于2026年部分节假日安排的通知"
	    "（2025年11月4日）");
	in = doc("[\"2026-01-01\", \"2026-01-02\", \"2026-01-03\"]");
	assert_true(json_equal(json_object_get(detail, "changed"), in));
	json_decref(in);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(detail, "added"), 0)), "2026-10-08");
	assert_int_equal(json_array_size(json_object_get(detail, "added")),
	    1);
	/* 33 + 6 before; 3 + 7 of those stay. */
	assert_int_equal(json_array_size(json_object_get(detail, "removed")),
	    39 - 11);
	json_decref(detail);
	assert_int_equal(yw_calendar_year(db, 2026, &y), YW_OK);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(json_object_get(y, "holidays"), 0), "name")),
	    "新年");
	json_decref(y);
	verify_audit(2);
}

static void
test_permissions(void **state)
{
	struct yw_actor	 a;
	json_t		*in, *errors;
	size_t		 i;
	static const struct {
		const char	*kind;
		unsigned	 roles;
	} who[] = {
		{ "staff", YW_ROLE_DEPT_ADMIN },
		{ "staff", YW_ROLE_CASE_HANDLER | YW_ROLE_AUDITOR },
		{ "staff", YW_ROLE_DATA_STEWARD | YW_ROLE_PUBLISHER },
		{ "citizen", 0 },
		{ "citizen", YW_ROLE_PLATFORM_ADMIN },	/* not staff */
		{ "", 0 },
	};

	(void)state;
	in = json_load_file(FILE_2026, 0, NULL);
	assert_non_null(in);
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		staff_actor(&a, who[i].kind, who[i].roles);
		errors = (json_t *)1;
		assert_int_equal(yw_calendar_set_year(db, &a, 2026, in,
		    &errors), YW_EFORBIDDEN);
		assert_null(errors);
		errors = (json_t *)1;
		/* Refused before the file is even looked at. */
		assert_int_equal(yw_calendar_import_file(db, &a,
		    "/nonexistent.json", &errors), YW_EFORBIDDEN);
		assert_null(errors);
	}
	assert_int_equal(yw_calendar_set_year(db, NULL, 2026, in, &errors),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_calendar_import_file(db, NULL, FILE_2026, &errors),
	    YW_EFORBIDDEN);
	assert_int_equal(year_count(), 0);
	assert_int_equal(audit_count(), 0);
	/* A platform administrator who is a real staff member may. */
	staff_actor(&a, "staff", YW_ROLE_PLATFORM_ADMIN);
	assert_int_equal(yw_calendar_set_year(db, &a, 2026, in, &errors),
	    YW_OK);
	json_decref(in);
	assert_int_equal(year_count(), 1);
	verify_audit(1);
}

/* Sets year from text and expects YW_EINVAL with field -> code. */
static void
expect_error(int year, const char *text, const char *field, const char *code)
{
	json_t	*in = doc(text), *errors = NULL;
	char	*dump;

	assert_int_equal(yw_calendar_set_year(db, &admin, year, in, &errors),
	    YW_EINVAL);
	assert_non_null(errors);
	if (!json_is_string(json_object_get(errors, field)) ||
	    strcmp(json_string_value(json_object_get(errors, field)),
	    code) != 0) {
		dump = json_dumps(errors, 0);
		fail_msg("%s: want %s=%s, got %s", text, field, code, dump);
	}
	json_decref(errors);
	json_decref(in);
}

#define H(x)	"{\"holidays\": [" x "]}"
#define OK_H	"{\"name\": \"国庆节\", \"from\": \"2026-10-01\", " \
		    "\"to\": \"2026-10-07\"}"
#define W(x)	"{\"holidays\": [" OK_H "], \"adjusted_workdays\": [" x "]}"

static void
test_validation(void **state)
{
	char	big[8192], name[256];
	size_t	i, n;

	(void)state;
	expect_error(1969, H(OK_H), "year", "invalid");
	expect_error(10000, H(OK_H), "year", "invalid");
	expect_error(2026, "{\"year\": 2027, \"holidays\": [" OK_H "]}",
	    "year", "invalid");
	expect_error(2026, "{}", "holidays", "required");
	expect_error(2026, "[]", "holidays", "required");
	expect_error(2026, H(""), "holidays", "required");
	expect_error(2026, "{\"holidays\": \"国庆节\"}", "holidays", "invalid");
	expect_error(2026, H("\"x\""), "holidays[0]", "invalid");
	expect_error(2026, H(OK_H ", 5"), "holidays[1]", "invalid");
	/* Names. */
	expect_error(2026, H("{\"from\": \"2026-10-01\", \"to\": "
	    "\"2026-10-07\"}"), "holidays[0].name", "required");
	expect_error(2026, H("{\"name\": \"  \", \"from\": \"2026-10-01\", "
	    "\"to\": \"2026-10-07\"}"), "holidays[0].name", "required");
	expect_error(2026, H("{\"name\": 7, \"from\": \"2026-10-01\", "
	    "\"to\": \"2026-10-07\"}"), "holidays[0].name", "invalid");
	expect_error(2026, H("{\"name\": \"a\\u0001b\", \"from\": "
	    "\"2026-10-01\", \"to\": \"2026-10-07\"}"), "holidays[0].name",
	    "invalid");
	n = 0;
	for (i = 0; i < 33; i++)
		n += (size_t)snprintf(name + n, sizeof(name) - n, "节");
	(void)snprintf(big, sizeof(big), H("{\"name\": \"%s\", \"from\": "
	    "\"2026-10-01\", \"to\": \"2026-10-07\"}"), name);
	expect_error(2026, big, "holidays[0].name", "too_long");
	/* Dates. */
	expect_error(2026, H("{\"name\": \"x\", \"from\": \"2026-02-29\", "
	    "\"to\": \"2026-03-01\"}"), "holidays[0].from", "invalid");
	expect_error(2026, H("{\"name\": \"x\", \"from\": \"2026/10/01\", "
	    "\"to\": \"2026-10-07\"}"), "holidays[0].from", "invalid");
	expect_error(2026, H("{\"name\": \"x\", \"from\": \"2025-12-31\", "
	    "\"to\": \"2026-01-01\"}"), "holidays[0].from", "wrong_year");
	expect_error(2026, H("{\"name\": \"x\", \"from\": \"2026-12-31\", "
	    "\"to\": \"2027-01-01\"}"), "holidays[0].to", "wrong_year");
	expect_error(2026, H("{\"name\": \"x\", \"from\": \"2026-10-01\"}"),
	    "holidays[0].to", "required");
	expect_error(2026, H("{\"name\": \"x\", \"from\": \"2026-10-07\", "
	    "\"to\": \"2026-10-01\"}"), "holidays[0].to", "before_from");
	expect_error(2026, H("{\"name\": \"x\", \"from\": \"2026-07-01\", "
	    "\"to\": \"2026-08-01\"}"), "holidays[0].to", "too_long");
	expect_error(2026, H(OK_H ", {\"name\": \"y\", \"from\": "
	    "\"2026-10-07\", \"to\": \"2026-10-09\"}"), "holidays[1]",
	    "overlap");
	n = (size_t)snprintf(big, sizeof(big), "{\"holidays\": [");
	for (i = 0; i < 65; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%s{\"name\": "
		    "\"d\", \"from\": \"2026-01-%02zu\", \"to\": "
		    "\"2026-01-%02zu\"}", i ? "," : "", i % 28 + 1, i % 28 + 1);
	(void)snprintf(big + n, sizeof(big) - n, "]}");
	assert_true(strlen(big) < sizeof(big) - 1);
	expect_error(2026, big, "holidays", "too_long");
	/* Adjusted working days. */
	expect_error(2026, "{\"holidays\": [" OK_H "], \"adjusted_workdays\": "
	    "\"2026-10-10\"}", "adjusted_workdays", "invalid");
	expect_error(2026, W("\"2026-10-12\""), "adjusted_workdays[0]",
	    "not_weekend");
	expect_error(2026, W("\"2026-10-10\", \"2026-10-10\""),
	    "adjusted_workdays[1]", "duplicate");
	expect_error(2026, W("\"2026-10-03\""), "adjusted_workdays[0]",
	    "conflict");
	expect_error(2026, W("\"2027-01-02\""), "adjusted_workdays[0]",
	    "wrong_year");
	expect_error(2026, W("\"2026-13-01\""), "adjusted_workdays[0]",
	    "invalid");
	expect_error(2026, W("20261010"), "adjusted_workdays[0]", "invalid");
	n = (size_t)snprintf(big, sizeof(big), "{\"holidays\": [" OK_H "], "
	    "\"adjusted_workdays\": [");
	for (i = 0; i < 65; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n,
		    "%s\"2026-01-03\"", i ? "," : "");
	(void)snprintf(big + n, sizeof(big) - n, "]}");
	expect_error(2026, big, "adjusted_workdays", "too_long");
	/* Source. */
	expect_error(2026, "{\"source\": 5, \"holidays\": [" OK_H "]}",
	    "source", "invalid");
	n = (size_t)snprintf(big, sizeof(big), "{\"source\": \"");
	for (i = 0; i < 201; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "a");
	(void)snprintf(big + n, sizeof(big) - n, "\", \"holidays\": ["
	    OK_H "]}");
	expect_error(2026, big, "source", "too_long");
	/* Several at once are all named. */
	expect_error(2026, "{\"holidays\": [{\"name\": \"\", \"from\": "
	    "\"2026-10-01\", \"to\": \"2026-10-07\"}], "
	    "\"adjusted_workdays\": [\"2026-10-05\"]}", "holidays[0].name",
	    "required");
	expect_error(2026, "{\"holidays\": [{\"name\": \"\", \"from\": "
	    "\"2026-10-01\", \"to\": \"2026-10-07\"}], "
	    "\"adjusted_workdays\": [\"2026-10-04\"]}",
	    "adjusted_workdays[0]", "conflict");
	/* Nothing was written by any of them. */
	assert_int_equal(year_count(), 0);
	assert_int_equal(audit_count(), 0);
}

static void
test_limits_accepted(void **state)
{
	json_t	*in, *errors = NULL;
	char	 text[1024], name[256];
	size_t	 i, n = 0;

	(void)state;
	/* A 32-character name, a 31-day holiday, a year key given as text,
	 * no adjusted days and unknown keys are all fine. */
	for (i = 0; i < 32; i++)
		n += (size_t)snprintf(name + n, sizeof(name) - n, "节");
	(void)snprintf(text, sizeof(text), "{\"year\": \"2026\", \"note\": 1, "
	    "\"holidays\": [{\"name\": \"%s\", \"from\": \"2026-07-01\", "
	    "\"to\": \"2026-07-31\", \"days\": 31}]}", name);
	in = doc(text);
	assert_int_equal(yw_calendar_set_year(db, &admin, 2026, in, &errors),
	    YW_OK);
	assert_null(errors);
	json_decref(in);
	assert_int_equal(day_count(), 31);
	/* A failed replacement leaves the year as it was. */
	in = doc(H("{\"name\": \"x\", \"from\": \"2026-10-07\", "
	    "\"to\": \"2026-10-01\"}"));
	assert_int_equal(yw_calendar_set_year(db, &admin, 2026, in, &errors),
	    YW_EINVAL);
	json_decref(errors);
	json_decref(in);
	assert_int_equal(day_count(), 31);
	verify_audit(1);
}

static void
test_several_years(void **state)
{
	struct yw_calendar		*cal;
	const struct yw_workday_cal	*w;
	json_t				*in, *errors = NULL, *list;
	int32_t				 due;
	int				 u;

	(void)state;
	import_2026();
	/* Test data, not the real 2027 schedule. */
	in = doc("{\"holidays\": [{\"name\": \"测试假日\", \"from\": "
	    "\"2027-01-01\", \"to\": \"2027-01-01\"}]}");
	assert_int_equal(yw_calendar_set_year(db, &admin, 2027, in, &errors),
	    YW_OK);
	json_decref(in);
	assert_int_equal(yw_calendar_load(db, &cal), YW_OK);
	w = yw_calendar_workcal(cal);
	assert_int_equal(w->ncovered, 2);
	assert_int_equal(yw_workday_add(w, D(2026, 12, 30), 2, &due, &u),
	    YW_OK);
	assert_int_equal(due, D(2027, 1, 4));
	assert_int_equal(u, 0);
	yw_calendar_free(cal);
	/* 2029 without 2028: a limit through 2028 is flagged. */
	in = doc("{\"holidays\": [{\"name\": \"测试假日\", \"from\": "
	    "\"2029-01-01\", \"to\": \"2029-01-01\"}]}");
	assert_int_equal(yw_calendar_set_year(db, &admin, 2029, in, &errors),
	    YW_OK);
	json_decref(in);
	assert_int_equal(yw_calendar_load(db, &cal), YW_OK);
	w = yw_calendar_workcal(cal);
	assert_int_equal(w->ncovered, 3);
	assert_int_equal(yw_workday_add(w, D(2027, 12, 30), 2, &due, &u),
	    YW_OK);
	assert_int_equal(due, D(2028, 1, 3));
	assert_int_equal(u, 1);
	assert_true(yw_workday_covers(w, D(2028, 12, 31), D(2029, 6, 1)));
	yw_calendar_free(cal);
	assert_int_equal(yw_calendar_years(db, &list), YW_OK);
	assert_int_equal(json_array_size(list), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    list, 2), "year")), 2029);
	json_decref(list);
	verify_audit(3);
}

/* Writes text to dir/name and returns the path (static buffer). */
static const char *
write_file(const char *dir, const char *name, const char *text)
{
	static char	 path[256];
	FILE		*f;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
expect_file_error(const char *path, enum yw_err want, const char *field,
    const char *code)
{
	json_t *errors = NULL;

	assert_int_equal(yw_calendar_import_file(db, &admin, path, &errors),
	    want);
	if (field == NULL) {
		assert_null(errors);
		return;
	}
	assert_non_null(errors);
	assert_string_equal(json_string_value(json_object_get(errors, field)),
	    code);
	json_decref(errors);
}

static void
test_import_file_errors(void **state)
{
	char	 dir[] = "/tmp/yw-calendar.XXXXXX", cmd[64];
	char	*bigtext;
	size_t	 n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	expect_file_error("/nonexistent/2026.json", YW_EIO, NULL, NULL);
	expect_file_error(dir, YW_EIO, NULL, NULL);
	expect_file_error(write_file(dir, "a.json", "{\"year\": 2026,"),
	    YW_EINVAL, "file", "invalid");
	expect_file_error(write_file(dir, "b.json", "[1, 2]"), YW_EINVAL,
	    "file", "invalid");
	expect_file_error(write_file(dir, "c.json", "{\"year\": 2026, "
	    "\"year\": 2027}"), YW_EINVAL, "file", "invalid");
	expect_file_error(write_file(dir, "d.json", "{\"holidays\": []}"),
	    YW_EINVAL, "year", "required");
	expect_file_error(write_file(dir, "e.json", "{\"year\": \"2026\"}"),
	    YW_EINVAL, "year", "invalid");
	expect_file_error(write_file(dir, "f.json", "{\"year\": 99999999999}"),
	    YW_EINVAL, "year", "invalid");
	expect_file_error(write_file(dir, "g.json", "{\"year\": 2026, "
	    "\"holidays\": [{\"name\": \"x\", \"from\": \"2026-10-01\", "
	    "\"to\": \"2026-09-01\"}]}"), YW_EINVAL, "holidays[0].to",
	    "before_from");
	n = YW_CALENDAR_FILE_MAX + 1;
	bigtext = malloc(n + 1);
	assert_non_null(bigtext);
	memset(bigtext, ' ', n);
	bigtext[n] = '\0';
	expect_file_error(write_file(dir, "h.json", bigtext), YW_ETOOBIG, NULL,
	    NULL);
	free(bigtext);
	assert_int_equal(year_count(), 0);
	assert_int_equal(audit_count(), 0);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The demo imports the shipped calendar once; a second run changes
 * nothing. */
static void
test_demo_imports_once(void **state)
{
	int64_t entries;

	(void)state;
	assert_int_equal(yw_demo_load(db, ".", NULL), YW_OK);
	assert_int_equal(day_count(), 39);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log WHERE"
	    " action = 'calendar.set_year'", json_array()), 1);
	entries = audit_count();
	assert_int_equal(yw_demo_load(db, ".", NULL), YW_OK);
	assert_int_equal(audit_count(), entries);
	assert_int_equal(day_count(), 39);
	verify_audit(entries);
}

/* An uploaded document: the same checks as a file, admin only. */
static void
test_import_doc(void **state)
{
	struct yw_actor	 a;
	json_t		*doc, *errors = (json_t *)1;

	(void)state;
	doc = json_load_file(FILE_2026, 0, NULL);
	assert_non_null(doc);
	staff_actor(&a, "staff", YW_ROLE_DEPT_ADMIN);
	assert_int_equal(yw_calendar_import(db, &a, doc, &errors),
	    YW_EFORBIDDEN);
	assert_null(errors);
	assert_int_equal(yw_calendar_import(db, &admin, NULL, &errors),
	    YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "file")), "invalid");
	json_decref(errors);
	json_object_del(doc, "year");
	assert_int_equal(yw_calendar_import(db, &admin, doc, &errors),
	    YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "year")), "required");
	json_decref(errors);
	assert_int_equal(year_count(), 0);
	json_object_set_new(doc, "year", json_integer(2026));
	assert_int_equal(yw_calendar_import(db, &admin, doc, &errors),
	    YW_OK);
	assert_null(errors);
	assert_int_equal(year_count(), 1);
	verify_audit(1);
	json_decref(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_and_load, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_empty_load, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_year_round_trip, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_idempotent_import, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_replace_year, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_permissions, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_validation, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_limits_accepted, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_several_years, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_import_file_errors, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_demo_imports_once, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_import_doc, setup,
		    testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
