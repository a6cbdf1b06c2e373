-- The working-day calendar: statutory holidays (法定节假日) and adjusted
-- working days (调休上班), maintained a year at a time by a platform
-- administrator (src/app/calendar). A year counts as covered once it has a
-- calendar_year row; deadlines in a year without one fall back to weekday
-- rules and are flagged.
--
-- Days are TEXT 'YYYY-MM-DD', not day numbers or DATE: the same type and
-- the same comparisons on SQLite and PostgreSQL, correct order as text,
-- and readable as they stand in sqlite3, psql and backups. C turns them
-- into day numbers once, when the calendar is loaded.
--
-- updated_at 0 marks a year row that the transaction holding it has just
-- created (see calendar_store.h, claim_year); committed rows never have it.

CREATE TABLE calendar_year (
	year		INTEGER PRIMARY KEY CHECK (year BETWEEN 1970 AND 9999),
	source		TEXT NOT NULL DEFAULT '',	-- the notice followed
	updated_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL DEFAULT ''	-- the last editor
);

CREATE TABLE calendar_day (
	day		TEXT PRIMARY KEY CHECK (length(day) = 10),
	year		INTEGER NOT NULL REFERENCES calendar_year(year)
			    ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
	name		TEXT NOT NULL DEFAULT '',	-- '' for workdays
	CHECK (substr(day, 1, 4) = CAST(year AS TEXT))
);
CREATE INDEX calendar_day_year ON calendar_day(year, day);
