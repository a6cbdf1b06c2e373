-- Government-public interaction (政民互动): one letter model (诉求) for
-- every channel. The life cycle is src/app/interact/letter_state.h;
-- reply deadlines count working days (src/core/workday.h) from the day a
-- letter is received. Later channels fit the same rows: Open311 requests
-- are complaint or suggestion letters with a service code, a position and
-- the posting client; leftover interview questions become letters.

-- Channels and their reply limits in working days (admins change them).
CREATE TABLE letter_channel (
	code		TEXT PRIMARY KEY,
	reply_days	INTEGER NOT NULL CHECK (reply_days BETWEEN 1 AND 60),
	anonymous	INTEGER NOT NULL DEFAULT 0,	-- may be written anonymously
	sort		INTEGER NOT NULL DEFAULT 0,
	updated_at	BIGINT NOT NULL DEFAULT 0
);
INSERT INTO letter_channel (code, reply_days, anonymous, sort) VALUES
    ('mailbox', 15, 0, 1), ('consult', 3, 1, 2), ('complaint', 10, 0, 3),
    ('suggest', 10, 1, 4), ('report', 15, 1, 5), ('legal_aid', 5, 0, 6),
    ('site_error', 3, 1, 7);

-- Platform-wide settings of the module (the supervising office, which is
-- also where returned letters go to be routed again).
CREATE TABLE letter_setting (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
);

-- Routing: the most specific row wins (category before any, a deeper
-- region before a shallower one; '' means any).
CREATE TABLE letter_route (
	id		@ID@,
	channel		TEXT NOT NULL REFERENCES letter_channel(code),
	category	TEXT NOT NULL DEFAULT '',
	region_code	TEXT NOT NULL DEFAULT '',
	department_id	BIGINT NOT NULL REFERENCES department(id),
	UNIQUE (channel, category, region_code)
);

-- The responsible officer of each channel in each department (shown
-- publicly by role and name).
CREATE TABLE letter_officer (
	department_id	BIGINT NOT NULL REFERENCES department(id),
	channel		TEXT NOT NULL REFERENCES letter_channel(code),
	account_id	BIGINT NOT NULL REFERENCES account(id),
	title		TEXT NOT NULL,
	updated_at	BIGINT NOT NULL,
	PRIMARY KEY (department_id, channel)
);

-- Letter numbers: L<yyyymmdd><sequence of that day>.
CREATE TABLE letter_seq (
	day		TEXT PRIMARY KEY,
	last		BIGINT NOT NULL
);

CREATE TABLE letter (
	id		@ID@,
	letter_no	TEXT NOT NULL UNIQUE,
	channel		TEXT NOT NULL REFERENCES letter_channel(code),
	category	TEXT NOT NULL,
	region_code	TEXT NOT NULL REFERENCES region(code),
	title		TEXT NOT NULL,
	body		TEXT NOT NULL,
	writer_id	BIGINT REFERENCES account(id),	-- NULL: anonymous
	writer_name	TEXT NOT NULL DEFAULT '',
	writer_phone	TEXT NOT NULL DEFAULT '',
	query_hash	TEXT UNIQUE,		-- anonymous: BLAKE2b of the code
	publish_ok	INTEGER NOT NULL DEFAULT 0,
	details		TEXT NOT NULL DEFAULT '{}',	-- channel questions
	files		TEXT NOT NULL DEFAULT '[]',	-- attach references
	source		TEXT NOT NULL DEFAULT 'web',	-- web, api, open311, ...
	service_code	TEXT,			-- Open311 (later)
	lat		DOUBLE PRECISION,
	lon		DOUBLE PRECISION,
	client_id	BIGINT,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	state		TEXT NOT NULL DEFAULT 'received',
	assignee_id	BIGINT REFERENCES account(id),
	received_day	INTEGER NOT NULL,	-- day numbers (core/timeutil)
	due_day		INTEGER NOT NULL,
	transfers	INTEGER NOT NULL DEFAULT 0,
	reopened	INTEGER NOT NULL DEFAULT 0,
	reply		TEXT NOT NULL DEFAULT '',
	replied_at	BIGINT,
	reply_days	INTEGER,		-- working days it took
	on_time		INTEGER,
	rating		TEXT CHECK (rating IN ('satisfied', 'basic',
			    'unsatisfied')),
	rating_comment	TEXT NOT NULL DEFAULT '',
	escalated_at	BIGINT,
	idem_scope	TEXT NOT NULL,		-- "a<account id>" or "anon"
	idem_key	TEXT,
	version		INTEGER NOT NULL DEFAULT 0,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	UNIQUE (idem_scope, idem_key)
);
CREATE INDEX letter_queue ON letter(department_id, state, due_day);
CREATE INDEX letter_writer ON letter(writer_id, created_at);
CREATE INDEX letter_public ON letter(channel, publish_ok, state, replied_at);

-- The timeline; internal notes are for staff only.
CREATE TABLE letter_event (
	id		@ID@,
	letter_id	BIGINT NOT NULL REFERENCES letter(id),
	at		BIGINT NOT NULL,
	actor_id	BIGINT,
	actor_role	TEXT NOT NULL,		-- writer, staff, system
	event		TEXT NOT NULL,
	state		TEXT NOT NULL,
	department_id	BIGINT,
	note		TEXT NOT NULL DEFAULT '',
	internal	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX letter_event_letter ON letter_event(letter_id, id);
