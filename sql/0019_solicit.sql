-- Opinion solicitation on drafts (意见征集): a department publishes a draft
-- split into numbered clauses for public comment between an opening and a
-- closing day (Asia/Shanghai), moderates the comments, and publishes how
-- it took them (采纳情况) within a number of working days after closing.
-- Open, closed and overdue are computed from the days and the time
-- (src/app/interact/solicit_clock.h): no job has to move a state.

CREATE TABLE solicitation (
	id		@ID@,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	title		TEXT NOT NULL,
	summary		TEXT NOT NULL,
	clauses		TEXT NOT NULL DEFAULT '[]',	-- JSON array of texts
	open_day	INTEGER NOT NULL,	-- day numbers (core/timeutil),
	close_day	INTEGER NOT NULL,	-- both days included
	feedback_days	INTEGER NOT NULL DEFAULT 15
			    CHECK (feedback_days BETWEEN 1 AND 60),
	published_at	BIGINT,			-- NULL: a draft
	feedback	TEXT NOT NULL DEFAULT '',	-- the overall summary
	outcomes	TEXT NOT NULL DEFAULT '[]',	-- [{clause_no, outcome,
							-- reason}]
	feedback_at	BIGINT,			-- NULL: not yet published
	created_by	BIGINT REFERENCES account(id),
	idem_key	TEXT,			-- the create form's token
	version		INTEGER NOT NULL DEFAULT 0,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	UNIQUE (created_by, idem_key)
);
CREATE INDEX solicitation_public ON solicitation(published_at, close_day);
CREATE INDEX solicitation_department ON solicitation(department_id, id);

-- Comments on the whole draft (clause_no 0) or one clause; shown only
-- once approved. One per writer and form token (a retried submit).
CREATE TABLE solicit_comment (
	id		@ID@,
	solicitation_id	BIGINT NOT NULL REFERENCES solicitation(id),
	clause_no	INTEGER NOT NULL DEFAULT 0,
	account_id	BIGINT NOT NULL REFERENCES account(id),
	writer_name	TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'pending' CHECK (state IN
			    ('pending', 'approved', 'rejected')),
	reason		TEXT NOT NULL DEFAULT '',	-- why rejected (staff)
	moderated_by	BIGINT REFERENCES account(id),
	moderated_at	BIGINT,
	idem_key	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	UNIQUE (account_id, idem_key)
);
CREATE INDEX solicit_comment_list ON solicit_comment(solicitation_id, state,
    clause_no, id);
