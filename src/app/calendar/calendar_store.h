/*
 * calendar_store.h - the SQL behind calendar.c (internal to
 * src/app/calendar). Reads return new JSON values (caller owns) shaped by
 * their column names; strings passed in are borrowed. None of these opens
 * a transaction. Days are 'YYYY-MM-DD' text (see sql/0002_calendar.sql).
 */
#ifndef YW_CALENDAR_STORE_H
#define YW_CALENDAR_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Every maintained year, by year: [{year, source, updated_at, updated_by,
 * holiday_days, adjusted_workdays}] (the last two are counts of days). */
enum yw_err	yw_calendar_store_years(struct yw_db *db, json_t **rows);

/* {year, source, updated_at, updated_by}, or YW_ENOTFOUND. */
enum yw_err	yw_calendar_store_year(struct yw_db *db, int64_t year,
		    json_t **row);

/* The days of year, or of every year when year is 0, ordered by day:
 * [{day, kind, name}]. */
enum yw_err	yw_calendar_store_days(struct yw_db *db, int64_t year,
		    json_t **rows);

/*
 * Makes sure year has its row, creating a placeholder (source "",
 * updated_at 0, which no real update writes) when it has none, and
 * changes nothing otherwise. On PostgreSQL the row stays locked until the
 * caller's transaction ends, so two administrators replacing one year take
 * turns (SQLite's BEGIN IMMEDIATE already serialises writers).
 */
enum yw_err	yw_calendar_store_claim_year(struct yw_db *db, int64_t year);

enum yw_err	yw_calendar_store_update_year(struct yw_db *db, int64_t year,
		    const char *source, int64_t now, const char *login);

/* Removes every day of year. */
enum yw_err	yw_calendar_store_clear_days(struct yw_db *db, int64_t year);

/* kind is "holiday" or "workday". */
enum yw_err	yw_calendar_store_add_day(struct yw_db *db, int64_t year,
		    const char *day, const char *kind, const char *name);

#endif
