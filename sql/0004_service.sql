-- The service catalogue (政务服务事项): items with the standard fields of
-- GB/T 39554.1-2020, their required materials, steps and life events.
-- Later migrations attach forms, bundles and cases to service_item(id).
-- Times are unix seconds in UTC; time limits are working days. A column
-- that may be "not filled yet" (a draft) is NULL or '' until it is; the
-- domain (src/app/service/catalog.h) refuses to publish such an item.

CREATE TABLE service_item (
	id		@ID@,
	-- <region6>-<department code>-<type code>-<seq, 4 digits>, assigned
	-- once at creation, e.g. 350100-gaj-07-0001 (see catalog.h)
	code		TEXT NOT NULL UNIQUE,
	seq		INTEGER NOT NULL,
	name		TEXT NOT NULL,
	name_en		TEXT NOT NULL DEFAULT '',
	item_type	TEXT NOT NULL CHECK (item_type IN ('permit', 'payment',
			    'confirmation', 'reward', 'adjudication', 'other',
			    'public_service')),
	department_id	BIGINT NOT NULL REFERENCES department(id),
	region_code	TEXT NOT NULL REFERENCES region(code),
	legal_basis	TEXT NOT NULL DEFAULT '',	-- 设定依据
	conditions	TEXT NOT NULL DEFAULT '',	-- 受理条件
	statutory_days	INTEGER CHECK (statutory_days >= 0),	-- 法定办结时限
	promised_days	INTEGER CHECK (promised_days >= 0),	-- 承诺办结时限
	fee_kind	TEXT NOT NULL DEFAULT '' CHECK (fee_kind IN ('', 'free',
			    'charged')),
	fee_text	TEXT NOT NULL DEFAULT '',
	visits		INTEGER CHECK (visits >= 0),		-- 跑动次数
	online_depth	TEXT NOT NULL DEFAULT '' CHECK (online_depth IN ('',
			    'full_online', 'precheck', 'window')),
	consult_phone	TEXT NOT NULL DEFAULT '',
	complaint_phone	TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',
			    'published', 'withdrawn')),
	completeness	INTEGER NOT NULL DEFAULT 0,		-- 0..100
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	CHECK (promised_days IS NULL OR statutory_days IS NULL OR
	    promised_days <= statutory_days)
);
CREATE UNIQUE INDEX service_item_seq ON service_item(department_id,
    region_code, item_type, seq);
CREATE INDEX service_item_status ON service_item(status, code);
CREATE INDEX service_item_region ON service_item(region_code);

-- 申请材料, in the order the guide lists them.
CREATE TABLE service_material (
	item_id		BIGINT NOT NULL REFERENCES service_item(id)
			    ON DELETE CASCADE,
	seq		INTEGER NOT NULL,
	name		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	copies		INTEGER NOT NULL DEFAULT 1 CHECK (copies >= 1),
	form		TEXT NOT NULL CHECK (form IN ('original', 'copy', 'both',
			    'electronic')),
	-- set when the material can be obtained from this department's data
	-- instead of from the applicant (可由部门共享获取)
	shared_department_id BIGINT REFERENCES department(id),
	PRIMARY KEY (item_id, seq)
);

-- 办理流程, one row per step.
CREATE TABLE service_step (
	item_id		BIGINT NOT NULL REFERENCES service_item(id)
			    ON DELETE CASCADE,
	seq		INTEGER NOT NULL,
	text		TEXT NOT NULL,
	PRIMARY KEY (item_id, seq)
);

-- The life events an item belongs to (a fixed list of slugs, catalog.c).
CREATE TABLE service_event (
	item_id		BIGINT NOT NULL REFERENCES service_item(id)
			    ON DELETE CASCADE,
	event		TEXT NOT NULL CHECK (event IN ('birth', 'school',
			    'employment', 'marriage', 'housing',
			    'social-security', 'medical', 'retirement', 'death',
			    'business-start', 'business-operate',
			    'business-change', 'business-close')),
	PRIMARY KEY (item_id, event)
);
CREATE INDEX service_event_event ON service_event(event, item_id);
