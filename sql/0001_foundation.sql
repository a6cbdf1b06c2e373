-- Foundation: regions, departments, accounts, staff roles, sessions,
-- login throttling, site settings and the hash-chained audit log.
-- Times are unix seconds in UTC. Shared by SQLite and PostgreSQL
-- (see src/store/migrate.h for the @ID@ and @BLOB@ tokens).

CREATE TABLE region (
	code		TEXT PRIMARY KEY,	-- 12-digit statistical code
	name		TEXT NOT NULL,
	name_en		TEXT NOT NULL DEFAULT '',
	level		INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
	parent_code	TEXT REFERENCES region(code),
	path		TEXT NOT NULL UNIQUE	-- '/350000000000/350100000000/'
);
CREATE INDEX region_parent ON region(parent_code);

CREATE TABLE department (
	id		@ID@,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	name_en		TEXT NOT NULL DEFAULT '',
	region_code	TEXT NOT NULL REFERENCES region(code),
	phone		TEXT NOT NULL DEFAULT '',
	address		TEXT NOT NULL DEFAULT '',
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX department_region ON department(region_code);

CREATE TABLE account (
	id		@ID@,
	kind		TEXT NOT NULL CHECK (kind IN ('citizen', 'business', 'staff')),
	login		TEXT NOT NULL UNIQUE,	-- phone, lower-case e-mail or staff user name
	phone		TEXT NOT NULL DEFAULT '',
	email		TEXT NOT NULL DEFAULT '',
	display_name	TEXT NOT NULL,
	org_name	TEXT NOT NULL DEFAULT '',	-- businesses
	credit_code	TEXT NOT NULL DEFAULT '',	-- unified social credit code
	password_hash	TEXT NOT NULL,
	department_id	BIGINT REFERENCES department(id),
	status		TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX account_department ON account(department_id);

CREATE TABLE staff_role (
	account_id	BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	role		TEXT NOT NULL CHECK (role IN ('platform_admin', 'dept_admin',
			    'case_handler', 'publisher', 'data_steward', 'auditor')),
	PRIMARY KEY (account_id, role)
);

CREATE TABLE session (
	token_hash	TEXT PRIMARY KEY,	-- hex BLAKE2b-256 of the cookie token
	account_id	BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	csrf		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	last_seen	BIGINT NOT NULL,
	expires_at	BIGINT NOT NULL,	-- absolute expiry
	source_ip	TEXT NOT NULL DEFAULT '',
	user_agent	TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_account ON session(account_id);

CREATE TABLE login_failure (
	id		@ID@,
	scope_key	TEXT NOT NULL,		-- 'login:<login>' or 'ip:<address>'
	at		BIGINT NOT NULL
);
CREATE INDEX login_failure_key ON login_failure(scope_key, at);

CREATE TABLE site_setting (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
);

-- The audit log is append-only: each row's hash covers the previous row's
-- hash and this row's canonical content; audit_head holds the tip so that
-- deleting the newest rows is detected too.
CREATE TABLE audit_log (
	id		BIGINT PRIMARY KEY,
	at		BIGINT NOT NULL,
	actor_id	BIGINT,
	actor_login	TEXT NOT NULL DEFAULT '',
	department_id	BIGINT,
	action		TEXT NOT NULL,
	object_type	TEXT NOT NULL DEFAULT '',
	object_id	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '{}',
	source_ip	TEXT NOT NULL DEFAULT '',
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_dept ON audit_log(department_id, id);

CREATE TABLE audit_head (
	one		INTEGER PRIMARY KEY CHECK (one = 1),
	last_id		BIGINT NOT NULL,
	last_hash	TEXT NOT NULL
);
INSERT INTO audit_head (one, last_id, last_hash) VALUES
    (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
