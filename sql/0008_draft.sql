-- Application drafts: what an applicant has typed and uploaded for an item
-- or a bundle before submitting (src/app/service/draft.h). Nothing entered
-- is lost on a failed submit or a closed browser; submitting applies with
-- the draft as idempotency key, so the case is made once, and the draft
-- remembers it.
CREATE TABLE application_draft (
	id		@ID@,
	applicant_id	BIGINT NOT NULL REFERENCES account(id),
	target_kind	TEXT NOT NULL CHECK (target_kind IN ('item', 'bundle')),
	target_code	TEXT NOT NULL,
	form_values	TEXT NOT NULL DEFAULT '{}',	-- field -> value (formdef.h)
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	submitted_case_id BIGINT REFERENCES service_case(id)
);
CREATE INDEX application_draft_applicant ON application_draft(applicant_id,
    target_kind, target_code);
