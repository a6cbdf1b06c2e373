#include "app/calendar/calendar_store.h"

enum yw_err
yw_calendar_store_years(struct yw_db *db, json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT y.year, y.source, y.updated_at, y.updated_by,"
	    " (SELECT COUNT(*) FROM calendar_day d WHERE d.year = y.year"
	    "  AND d.kind = 'holiday') AS holiday_days,"
	    " (SELECT COUNT(*) FROM calendar_day d WHERE d.year = y.year"
	    "  AND d.kind = 'workday') AS adjusted_workdays"
	    " FROM calendar_year y ORDER BY y.year",
	    json_array(), rows);
}

enum yw_err
yw_calendar_store_year(struct yw_db *db, int64_t year, json_t **row)
{
	json_t		*rows;
	enum yw_err	 rc;

	*row = NULL;
	rc = yw_db_rows(db,
	    "SELECT year, source, updated_at, updated_by FROM calendar_year"
	    " WHERE year = ?",
	    json_pack("[I]", (json_int_t)year), &rows);
	if (rc != YW_OK)
		return rc;
	if (json_array_size(rows) == 0)
		rc = YW_ENOTFOUND;
	else
		*row = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return rc;
}

enum yw_err
yw_calendar_store_days(struct yw_db *db, int64_t year, json_t **rows)
{
	if (year == 0)
		return yw_db_rows(db,
		    "SELECT day, kind, name FROM calendar_day ORDER BY day",
		    json_array(), rows);
	return yw_db_rows(db,
	    "SELECT day, kind, name FROM calendar_day WHERE year = ?"
	    " ORDER BY day",
	    json_pack("[I]", (json_int_t)year), rows);
}

enum yw_err
yw_calendar_store_claim_year(struct yw_db *db, int64_t year)
{
	/* The no-op update is what takes PostgreSQL's row lock. */
	return yw_db_run(db, NULL,
	    "INSERT INTO calendar_year (year, source, updated_at, updated_by)"
	    " VALUES (?, '', 0, '')"
	    " ON CONFLICT (year) DO UPDATE SET year = excluded.year",
	    "i", year);
}

enum yw_err
yw_calendar_store_update_year(struct yw_db *db, int64_t year,
    const char *source, int64_t now, const char *login)
{
	return yw_db_run(db, NULL,
	    "UPDATE calendar_year SET source = ?, updated_at = ?,"
	    " updated_by = ? WHERE year = ?",
	    "sisi", source, now, login, year);
}

enum yw_err
yw_calendar_store_clear_days(struct yw_db *db, int64_t year)
{
	return yw_db_run(db, NULL, "DELETE FROM calendar_day WHERE year = ?",
	    "i", year);
}

enum yw_err
yw_calendar_store_add_day(struct yw_db *db, int64_t year, const char *day,
    const char *kind, const char *name)
{
	return yw_db_run(db, NULL,
	    "INSERT INTO calendar_day (day, year, kind, name)"
	    " VALUES (?, ?, ?, ?)",
	    "siss", day, year, kind, name);
}
