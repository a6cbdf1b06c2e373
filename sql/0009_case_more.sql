-- More of the one-stop case: result documents, the unread badge of the
-- message centre, and the overdue list.

-- Result documents (办理结果/证照) a task issues: several per task, each a
-- stored attachment (PDF, JPEG or PNG). The applicant and the case's
-- departments may read them through the case (src/app/service/case.h).
-- case_task.result_sha256 (0007) held one document and stays unused.
CREATE TABLE case_result (
	id		@ID@,
	case_id		BIGINT NOT NULL REFERENCES service_case(id),
	task_id		BIGINT NOT NULL REFERENCES case_task(id),
	sha256		TEXT NOT NULL REFERENCES attachment(sha256),
	name		TEXT NOT NULL,
	type		TEXT NOT NULL,
	size		BIGINT NOT NULL,
	issued_by	BIGINT NOT NULL REFERENCES account(id),
	issued_at	BIGINT NOT NULL,
	UNIQUE (task_id, sha256)
);
CREATE INDEX case_result_case ON case_result(case_id, id);

-- The unread badge is counted on every logged-in page: an index of only
-- the unread inbox rows keeps it one short index range per page view.
CREATE INDEX outbox_unread ON outbox(account_id)
    WHERE channel = 'inbox' AND read_at IS NULL;

-- The overdue list of a region subtree reads the open tasks by deadline.
CREATE INDEX case_task_due ON case_task(active, due_day);
