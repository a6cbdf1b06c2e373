-- Data sharing and exchange (issue 4, first part): the information resource
-- catalogue (GB/T 21063), grants, department API keys, records pushed
-- through the exchange, department key pairs and the signed, chained
-- exchange log (receipts). See src/app/data/data.h and exchange.h.

-- One catalogue entry. items is the data item schema as JSON text
-- ([{name, label, type, length, required, personal}], schema.h); key_item
-- names the item whose value identifies a record for upserts ('' = none).
CREATE TABLE data_resource (
	id		@ID@,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	name_en		TEXT NOT NULL DEFAULT '',
	summary		TEXT NOT NULL,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	classification	TEXT NOT NULL CHECK (classification IN ('base',
			    'theme', 'department')),
	items		TEXT NOT NULL,
	key_item	TEXT NOT NULL DEFAULT '',
	format		TEXT NOT NULL,
	sharing		TEXT NOT NULL CHECK (sharing IN ('unconditional',
			    'conditional', 'none')),
	sharing_conditions TEXT NOT NULL DEFAULT '',
	open_attr	TEXT NOT NULL CHECK (open_attr IN ('unconditional',
			    'conditional', 'none')),
	open_conditions	TEXT NOT NULL DEFAULT '',
	update_cycle	TEXT NOT NULL,
	published_on	TEXT NOT NULL,		-- YYYY-MM-DD
	status		TEXT NOT NULL DEFAULT 'active'
			    CHECK (status IN ('active', 'withdrawn')),
	records_updated_at BIGINT,		-- for freshness checks (later)
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX data_resource_department ON data_resource(department_id);
CREATE TABLE data_resource_seq (
	department_id	BIGINT PRIMARY KEY REFERENCES department(id),
	last		BIGINT NOT NULL
);

-- A consumer department's right to read a conditional resource; items
-- lists the covered item names (JSON array). request_id will name the
-- sharing request that produced it (later).
CREATE TABLE data_grant (
	id		@ID@,
	resource_id	BIGINT NOT NULL REFERENCES data_resource(id),
	department_id	BIGINT NOT NULL REFERENCES department(id),
	items		TEXT NOT NULL,
	purpose		TEXT NOT NULL DEFAULT '',
	request_id	BIGINT,
	status		TEXT NOT NULL DEFAULT 'active'
			    CHECK (status IN ('active', 'revoked')),
	expires_at	BIGINT,
	created_at	BIGINT NOT NULL,
	UNIQUE (resource_id, department_id)
);

-- API keys of department systems: only a BLAKE2b-256 of the secret is
-- kept; prefix is the first characters, for people to tell keys apart.
CREATE TABLE exchange_key (
	id		@ID@,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	name		TEXT NOT NULL,
	prefix		TEXT NOT NULL,
	hash		TEXT NOT NULL UNIQUE,
	created_by	BIGINT REFERENCES account(id),
	created_at	BIGINT NOT NULL,
	revoked_at	BIGINT,
	last_used_at	BIGINT
);
CREATE INDEX exchange_key_department ON exchange_key(department_id);

-- Records of a resource, stored generically: the values as one JSON
-- object, rkey the key item's value (NULL when the resource has none).
CREATE TABLE exchange_record (
	id		@ID@,
	resource_id	BIGINT NOT NULL REFERENCES data_resource(id),
	rkey		TEXT,
	data		TEXT NOT NULL,
	updated_at	BIGINT NOT NULL,
	UNIQUE (resource_id, rkey)
);
CREATE INDEX exchange_record_updated ON exchange_record(resource_id,
    updated_at, id);
-- One row per (record, item) holding the value's canonical text, so an
-- equality filter is an index range read on either database.
CREATE TABLE exchange_value (
	record_id	BIGINT NOT NULL REFERENCES exchange_record(id)
			    ON DELETE CASCADE,
	resource_id	BIGINT NOT NULL,
	item		TEXT NOT NULL,
	value		TEXT NOT NULL,
	PRIMARY KEY (record_id, item)
);
CREATE INDEX exchange_value_lookup ON exchange_value(resource_id, item,
    value, record_id);

-- Each department's Ed25519 key pair; the secret key is sealed with
-- crypto_secretbox under the platform key (nonce || box, hex).
CREATE TABLE data_dept_key (
	department_id	BIGINT PRIMARY KEY REFERENCES department(id),
	public_key	TEXT NOT NULL,
	sealed_secret	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);

-- The exchange log: one chain per calling department (0 = a caller whose
-- key was not recognised), seq 1, 2, ...; hash = BLAKE2b-256(prev_hash ||
-- canonical entry), signed by the platform and by the department.
CREATE TABLE exchange_log (
	id		@ID@,
	department_id	BIGINT NOT NULL,
	seq		BIGINT NOT NULL,
	at		BIGINT NOT NULL,
	key_id		BIGINT,
	key_prefix	TEXT NOT NULL,
	resource_code	TEXT NOT NULL,
	provider_id	BIGINT,
	operation	TEXT NOT NULL,
	query		TEXT NOT NULL,
	row_count	BIGINT NOT NULL,
	result		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL,
	signature	TEXT NOT NULL,
	dept_signature	TEXT NOT NULL,
	UNIQUE (department_id, seq)
);
CREATE TABLE exchange_chain (
	department_id	BIGINT PRIMARY KEY,
	last_seq	BIGINT NOT NULL,
	last_hash	TEXT NOT NULL
);
