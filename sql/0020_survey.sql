-- Online surveys (网上调查, issue 5): a department's staff build a survey
-- as a draft, publish it for a window of time, and citizens answer it once
-- per account. See src/app/interact/survey.h for the rules.

-- results: 'closed' shows results to the public once the survey has
-- closed, 'always' while it runs too. responses counts the answers, so
-- the builder knows when questions are frozen (after the first).
CREATE TABLE survey (
	id		@ID@,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	title		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	opens_at	BIGINT NOT NULL,	-- UTC seconds
	closes_at	BIGINT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'draft'
			    CHECK (state IN ('draft', 'published')),
	results		TEXT NOT NULL DEFAULT 'closed'
			    CHECK (results IN ('closed', 'always')),
	responses	BIGINT NOT NULL DEFAULT 0,
	created_by	BIGINT REFERENCES account(id),
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	published_at	BIGINT
);
CREATE INDEX survey_public ON survey(state, closes_at);
CREATE INDEX survey_department ON survey(department_id, created_at);

-- Questions in order (pos from 1). options is a JSON array of
-- {"id": n, "label": "..."} for choice questions (ids from 1, stable for
-- the question's life), "[]" otherwise.
CREATE TABLE survey_question (
	id		@ID@,
	survey_id	BIGINT NOT NULL REFERENCES survey(id),
	pos		INTEGER NOT NULL,
	kind		TEXT NOT NULL
			    CHECK (kind IN ('single', 'multi', 'rating', 'text')),
	text		TEXT NOT NULL,
	required	INTEGER NOT NULL DEFAULT 0,
	options		TEXT NOT NULL DEFAULT '[]',
	UNIQUE (survey_id, pos)
);

-- One response per account and survey.
CREATE TABLE survey_response (
	id		@ID@,
	survey_id	BIGINT NOT NULL REFERENCES survey(id),
	account_id	BIGINT NOT NULL REFERENCES account(id),
	created_at	BIGINT NOT NULL,
	UNIQUE (survey_id, account_id)
);

-- One row per chosen option (single, multi), per rating (option_id is the
-- grade 1..5) or per free-text answer (text).
CREATE TABLE survey_answer (
	id		@ID@,
	response_id	BIGINT NOT NULL REFERENCES survey_response(id),
	survey_id	BIGINT NOT NULL REFERENCES survey(id),
	question_id	BIGINT NOT NULL REFERENCES survey_question(id),
	option_id	BIGINT,
	text		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_answer_question ON survey_answer(survey_id,
    question_id, option_id);
CREATE INDEX survey_answer_response ON survey_answer(response_id);
