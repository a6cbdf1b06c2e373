-- Applications and cases (办件): one case per application, one task per
-- department's item in it; bundles (一件事一次办) join several items. The
-- life cycle of a task is src/app/service/case_state.h; deadlines count
-- working days (src/core/workday.h) from acceptance, pausing during 补正.

-- Each item's application form as data (src/app/service/formdef.h).
ALTER TABLE service_item ADD COLUMN form_def TEXT NOT NULL
    DEFAULT '{"fields":[]}';

CREATE TABLE service_bundle (
	id		@ID@,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	name_en		TEXT NOT NULL DEFAULT '',
	event		TEXT NOT NULL,		-- life event slug (catalog.c)
	summary		TEXT NOT NULL DEFAULT '',
	summary_en	TEXT NOT NULL DEFAULT '',
	region_code	TEXT NOT NULL REFERENCES region(code),
	status		TEXT NOT NULL DEFAULT 'published'
			    CHECK (status IN ('draft', 'published', 'withdrawn')),
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);

-- Items of a bundle; tasks of one stage run in parallel, a later stage
-- starts when every task of the earlier ones has ended.
CREATE TABLE service_bundle_item (
	bundle_id	BIGINT NOT NULL REFERENCES service_bundle(id)
			    ON DELETE CASCADE,
	item_id		BIGINT NOT NULL REFERENCES service_item(id),
	stage		INTEGER NOT NULL DEFAULT 1 CHECK (stage >= 1),
	PRIMARY KEY (bundle_id, item_id)
);

-- Tracking numbers: <region6>-<yyyymmdd>-<sequence of that day>.
CREATE TABLE tracking_seq (
	prefix		TEXT PRIMARY KEY,
	last		BIGINT NOT NULL
);

CREATE TABLE service_case (
	id		@ID@,
	tracking_no	TEXT NOT NULL UNIQUE,
	item_id		BIGINT REFERENCES service_item(id),
	bundle_id	BIGINT REFERENCES service_bundle(id),
	applicant_id	BIGINT NOT NULL REFERENCES account(id),
	applicant_phone	TEXT NOT NULL DEFAULT '',
	region_code	TEXT NOT NULL REFERENCES region(code),
	form_values	TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',
			    'completed', 'refused', 'withdrawn')),
	idem_key	TEXT,
	submitted_at	BIGINT NOT NULL,
	completed_at	BIGINT,
	updated_at	BIGINT NOT NULL,
	CHECK ((item_id IS NULL) <> (bundle_id IS NULL)),
	UNIQUE (applicant_id, idem_key)
);
CREATE INDEX service_case_applicant ON service_case(applicant_id,
    submitted_at);

CREATE TABLE case_task (
	id		@ID@,
	case_id		BIGINT NOT NULL REFERENCES service_case(id),
	item_id		BIGINT NOT NULL REFERENCES service_item(id),
	department_id	BIGINT NOT NULL REFERENCES department(id),
	stage		INTEGER NOT NULL DEFAULT 1,
	active		INTEGER NOT NULL DEFAULT 1,	-- its stage has begun
	state		TEXT NOT NULL DEFAULT 'submitted',
	assignee_id	BIGINT REFERENCES account(id),
	promised_days	INTEGER NOT NULL,
	accepted_day	INTEGER,		-- day numbers (core/timeutil)
	due_day		INTEGER,
	pause_from	INTEGER,		-- the running 补正 pause
	pauses		TEXT NOT NULL DEFAULT '[]',	-- ended pauses [[from,to]]
	transfers	INTEGER NOT NULL DEFAULT 0,
	reason		TEXT NOT NULL DEFAULT '',
	result_sha256	TEXT,
	version		INTEGER NOT NULL DEFAULT 0,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX case_task_queue ON case_task(department_id, active, state,
    due_day);
CREATE INDEX case_task_case ON case_task(case_id);

-- The timeline; internal notes are for staff only.
CREATE TABLE case_event (
	id		@ID@,
	case_id		BIGINT NOT NULL REFERENCES service_case(id),
	task_id		BIGINT REFERENCES case_task(id),
	at		BIGINT NOT NULL,
	actor_id	BIGINT,
	actor_role	TEXT NOT NULL,		-- applicant, handler, system
	event		TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT '',
	note		TEXT NOT NULL DEFAULT '',
	internal	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_event_case ON case_event(case_id, id);

-- 好差评: one rating per completed case; a bad one (grade <= 2) opens a
-- rectification task for the department, due in 15 working days.
CREATE TABLE case_rating (
	case_id		BIGINT PRIMARY KEY REFERENCES service_case(id),
	grade		INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
	comment		TEXT NOT NULL DEFAULT '',
	at		BIGINT NOT NULL,
	rectify_department_id BIGINT REFERENCES department(id),
	rectify_due_day	INTEGER,
	rectify_state	TEXT CHECK (rectify_state IN ('open', 'done')),
	rectify_note	TEXT NOT NULL DEFAULT '',
	rectified_at	BIGINT
);
