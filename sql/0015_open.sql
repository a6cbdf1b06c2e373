-- Open data (issue 4, second part): per-data-set open metadata and counts,
-- the annual opening plan and the public's requests for new data sets. A
-- data set is a catalogue entry (data_resource) whose open_attr is not
-- 'none'; see src/app/data/open.h and open_plan.h.

-- One row per open catalogue entry that has keywords or has been used:
-- keywords is a comma-separated list (CKAN tags, dcat:keyword); downloads
-- counts CSV files served, api_calls JSON record pages served.
CREATE TABLE open_dataset (
	resource_id	BIGINT PRIMARY KEY REFERENCES data_resource(id),
	keywords	TEXT NOT NULL DEFAULT '',
	downloads	BIGINT NOT NULL DEFAULT 0,
	api_calls	BIGINT NOT NULL DEFAULT 0
);

-- The annual opening plan: data sets a department intends to open, by
-- target quarter of a year.
CREATE TABLE open_plan (
	id		@ID@,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	year		BIGINT NOT NULL,
	quarter		BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
	name		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	created_by	BIGINT REFERENCES account(id),
	created_at	BIGINT NOT NULL
);
CREATE INDEX open_plan_year ON open_plan(year, department_id);

-- A member of the public asks for a data set; the department answers in
-- public.
CREATE TABLE open_request (
	id		@ID@,
	account_id	BIGINT NOT NULL REFERENCES account(id),
	department_id	BIGINT NOT NULL REFERENCES department(id),
	title		TEXT NOT NULL,
	body		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'open'
			    CHECK (status IN ('open', 'answered')),
	reply		TEXT NOT NULL DEFAULT '',
	replied_by	BIGINT REFERENCES account(id),
	replied_at	BIGINT,
	created_at	BIGINT NOT NULL
);
CREATE INDEX open_request_created ON open_request(created_at, id);
