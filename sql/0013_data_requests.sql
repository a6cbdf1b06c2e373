-- Data sharing, second part (issue 4): sharing requests for conditional
-- resources (有条件共享) with working-day clocks. See
-- src/app/data/request.h. Escalations and freshness messages need no table
-- of their own: the outbox's dedup keys make each of them happen once.

-- One request. state: review (the data office reviews), answer (the
-- provider answers), granted, refused. step_day is the day the current
-- step began and due_day its last day (day numbers, as case tasks keep
-- them); both are NULL once the request is closed.
CREATE TABLE data_request (
	id		@ID@,
	resource_id	BIGINT NOT NULL REFERENCES data_resource(id),
	consumer_id	BIGINT NOT NULL REFERENCES department(id),
	provider_id	BIGINT NOT NULL REFERENCES department(id),
	requested_by	BIGINT NOT NULL REFERENCES account(id),
	purpose		TEXT NOT NULL,
	items		TEXT NOT NULL,		-- JSON array of item names
	granted_items	TEXT NOT NULL DEFAULT '[]',
	expires_on	TEXT NOT NULL DEFAULT '',	-- YYYY-MM-DD or ''
	state		TEXT NOT NULL CHECK (state IN ('review', 'answer',
			    'granted', 'refused')),
	step_day	BIGINT,
	due_day		BIGINT,
	reason		TEXT NOT NULL DEFAULT '',
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX data_request_consumer ON data_request(consumer_id, state);
CREATE INDEX data_request_provider ON data_request(provider_id, state);
CREATE INDEX data_request_state ON data_request(state, due_day);

-- The timeline: submitted, approved, refused_review, granted, refused,
-- escalated.
CREATE TABLE data_request_event (
	id		@ID@,
	request_id	BIGINT NOT NULL REFERENCES data_request(id),
	at		BIGINT NOT NULL,
	account_id	BIGINT REFERENCES account(id),
	actor_name	TEXT NOT NULL DEFAULT '',
	event		TEXT NOT NULL,
	note		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX data_request_event_request ON data_request_event(request_id,
    id);
