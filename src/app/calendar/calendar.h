/*
 * calendar.h - the working-day calendar as data: statutory holidays and
 * adjusted working days (调休上班) per year, kept in the database, edited
 * by platform administrators a whole year at a time (audited), and loaded
 * into a core/workday calendar for deadline arithmetic. Needs store/db.h,
 * audit, core/workday and jansson.
 *
 * Who may do what: anyone reads (the holiday schedule is public); only a
 * platform_admin changes it.
 *
 * The year document, read by yw_calendar_year and taken by
 * yw_calendar_set_year and yw_calendar_import_file (data/holidays/
 * YYYY.json is one):
 *   {"year": 2026, "source": "国务院办公厅关于…的通知",
 *    "holidays": [{"name": "国庆节", "from": "2026-10-01",
 *                  "to": "2026-10-07"}, ...],
 *    "adjusted_workdays": ["2026-10-10", ...]}
 * Keys other than these are ignored, so what yw_calendar_year returns can
 * be sent back as it is.
 *
 * Field errors: on YW_EINVAL *errors receives a new object (caller owns)
 * mapping a field to a code. Fields are "year", "source", "holidays",
 * "holidays[i]", "holidays[i].name", "holidays[i].from", "holidays[i].to",
 * "adjusted_workdays", "adjusted_workdays[j]" (0-based) and, for files,
 * "file". Codes: "required", "invalid" (wrong type or not a real
 * YYYY-MM-DD date), "too_long", "wrong_year" (a date outside the year),
 * "before_from" (to earlier than from), "overlap" (two holidays share a
 * day), "duplicate", "not_weekend" (an adjusted working day must fall on
 * a Saturday or Sunday), "conflict" (an adjusted working day inside a
 * holiday). On any other result *errors is NULL.
 */
#ifndef YW_CALENDAR_H
#define YW_CALENDAR_H

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

#define YW_CALENDAR_YEAR_MIN	1970
#define YW_CALENDAR_YEAR_MAX	9999
#define YW_CALENDAR_NAME_MAX	32	/* code points of a holiday's name */
#define YW_CALENDAR_SOURCE_MAX	200	/* code points */
#define YW_CALENDAR_SPAN_MAX	31	/* days in one holiday */
#define YW_CALENDAR_LIST_MAX	64	/* holidays, or adjusted workdays, a
					 * year */
#define YW_CALENDAR_FILE_MAX	(256 * 1024)	/* bytes of an import file */

struct yw_calendar;

/*
 * Loads every maintained year into a new calendar (caller frees with
 * yw_calendar_free). Each year with a row counts as covered from 1 January
 * to 31 December, so a deadline running into a year nobody has entered is
 * flagged by core/workday. YW_EINTERNAL if stored data breaks the
 * calendar's rules.
 */
enum yw_err	yw_calendar_load(struct yw_db *db, struct yw_calendar **out);
void		yw_calendar_free(struct yw_calendar *c);

/* The calendar to count with; borrowed, valid until yw_calendar_free. */
const struct yw_workday_cal *yw_calendar_workcal(const struct yw_calendar *c);

/*
 * The maintained years, oldest first, as a new array (caller owns) of
 * {year, source, updated_at (unix seconds), updated_by (login),
 * holiday_days, adjusted_workdays (counts of days)}.
 */
enum yw_err	yw_calendar_years(struct yw_db *db, json_t **out);

/*
 * One year as a new object (caller owns): the year document with
 * holidays in date order, each also carrying days (its length), plus
 * updated_at, updated_at_local ("2026-11-28 15:37", Asia/Shanghai) and
 * updated_by. Consecutive holiday days of one name read as one holiday.
 * YW_ENOTFOUND for a year nobody has entered.
 */
enum yw_err	yw_calendar_year(struct yw_db *db, int year, json_t **out);

/*
 * Replaces year with the document in (borrowed) in one transaction;
 * platform_admin only (YW_EFORBIDDEN otherwise, before anything is read).
 * Checks: year within YW_CALENDAR_YEAR_MIN..MAX and equal to in's "year"
 * when that is given; source up to YW_CALENDAR_SOURCE_MAX code points;
 * holidays a non-empty array of at most YW_CALENDAR_LIST_MAX, each with a
 * name of 1..YW_CALENDAR_NAME_MAX code points (white space around it
 * trimmed) and from <= to inside the year, at most YW_CALENDAR_SPAN_MAX
 * days, sharing no day with another; adjusted_workdays (may be absent) at
 * most YW_CALENDAR_LIST_MAX distinct weekend days of the year outside
 * every holiday. Nothing is written when a check fails.
 *
 * When the result equals what is stored (same days, kinds, names and
 * source) nothing is written and no audit entry appears, so importing one
 * file twice is harmless. Otherwise the year's days are replaced and
 * "calendar.set_year" is audited for object calendar_year/<year> with
 * {year, created (the year was new), source, holidays, holiday_days,
 * adjusted_workdays (counts), added, removed, changed (lists of days whose
 * row appeared, went, or changed kind or name), previous_source (when an
 * existing year's source changed)}.
 */
enum yw_err	yw_calendar_set_year(struct yw_db *db, const struct yw_actor *a,
		    int year, json_t *in, json_t **errors);

/*
 * What else follows a change of the calendar, inside the transaction that
 * made it: called with the calendars before and after (borrowed) once a
 * year's days have changed (not when nothing changed); an error rolls the
 * change back. app/deadlines.h's yw_deadlines_follow moves the open
 * clocks. The calendar itself knows none of those domains.
 */
typedef enum yw_err (*yw_calendar_follow_fn)(struct yw_db *db,
		    const struct yw_actor *a, int year,
		    const struct yw_workday_cal *before,
		    const struct yw_workday_cal *after, int64_t now);

/* yw_calendar_set_year and yw_calendar_import with a follower (NULL for
 * none). */
enum yw_err	yw_calendar_set_year_then(struct yw_db *db,
		    const struct yw_actor *a, int year, json_t *in,
		    yw_calendar_follow_fn follow, json_t **errors);
enum yw_err	yw_calendar_import_then(struct yw_db *db,
		    const struct yw_actor *a, json_t *doc,
		    yw_calendar_follow_fn follow, json_t **errors);

/*
 * yw_calendar_set_year with the document in the JSON file at path
 * (borrowed), whose "year" names the year; platform_admin only, checked
 * before the file is opened. YW_EIO when the file cannot be read,
 * YW_ETOOBIG above YW_CALENDAR_FILE_MAX, YW_EINVAL with {"file":
 * "invalid"} when it is not a JSON object (duplicate keys included) and
 * {"year": "required" | "invalid"} when it names no year.
 */
enum yw_err	yw_calendar_import_file(struct yw_db *db,
		    const struct yw_actor *a, const char *path,
		    json_t **errors);

/*
 * The same for a document already read (an uploaded file): doc is
 * borrowed and may be NULL (a file that was not JSON), which gives
 * {"file": "invalid"}; platform_admin only.
 */
enum yw_err	yw_calendar_import(struct yw_db *db, const struct yw_actor *a,
		    json_t *doc, json_t **errors);

#endif
