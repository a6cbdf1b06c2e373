-- Online interviews (在线访谈): a department's officials answer the
-- public's questions at a set time. Whether an interview is upcoming, live
-- or ended follows from the clock (src/app/interact/interview.h), so no
-- job has to move it; staff may end one early (ended_at). Questions are
-- moderated before anyone sees them; answers are numbered in the order
-- they were given; an approved question left unanswered at the end
-- becomes a letter to the department (letter_id), once.

CREATE TABLE interview (
	id		@ID@,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	title		TEXT NOT NULL,
	topic		TEXT NOT NULL,
	starts_at	BIGINT NOT NULL,	-- UTC seconds
	ends_at		BIGINT NOT NULL,
	ended_at	BIGINT,			-- ended early by staff
	created_by	BIGINT REFERENCES account(id),
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	CHECK (ends_at > starts_at)
);
CREATE INDEX interview_time ON interview(starts_at);
CREATE INDEX interview_department ON interview(department_id, starts_at);

-- The officials who answer (name and position), in display order.
CREATE TABLE interview_guest (
	id		@ID@,
	interview_id	BIGINT NOT NULL REFERENCES interview(id),
	name		TEXT NOT NULL,
	title		TEXT NOT NULL,
	sort		INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX interview_guest_interview ON interview_guest(interview_id, sort);

CREATE TABLE interview_question (
	id		@ID@,
	interview_id	BIGINT NOT NULL REFERENCES interview(id),
	asker_id	BIGINT NOT NULL REFERENCES account(id),
	asker_name	TEXT NOT NULL,
	asker_phone	TEXT NOT NULL DEFAULT '',	-- for the letter
	body		TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'pending' CHECK (state IN
			    ('pending', 'approved', 'rejected', 'answered')),
	reason		TEXT NOT NULL DEFAULT '',	-- why it was rejected
	answer		TEXT NOT NULL DEFAULT '',
	guest_id	BIGINT REFERENCES interview_guest(id),
	answer_seq	INTEGER,		-- 1, 2, ... within the interview
	answered_at	BIGINT,
	moderated_by	BIGINT REFERENCES account(id),
	letter_id	BIGINT REFERENCES letter(id),
	idem_key	TEXT NOT NULL,		-- form token: a retry adds nothing
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	UNIQUE (interview_id, asker_id, idem_key),
	UNIQUE (interview_id, answer_seq)
);
CREATE INDEX interview_question_list ON interview_question(interview_id,
    state, id);
CREATE INDEX interview_question_asker ON interview_question(asker_id);
-- What `yiwang interviews close` looks for.
CREATE INDEX interview_question_leftover ON interview_question(interview_id)
    WHERE state = 'approved' AND letter_id IS NULL;
