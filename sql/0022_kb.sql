-- The consultation knowledge base (咨询知识库): answers that department
-- staff keep for the questions citizens ask most. Together with the
-- published replies of the consultation channel they are indexed in the
-- search index (kinds kb_answer and kb_letter, src/app/interact/kb.c) and
-- suggested while a citizen writes a consultation.
CREATE TABLE kb_answer (
	id		@ID@,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	category	TEXT NOT NULL,		-- a letter category
	question	TEXT NOT NULL,
	answer		TEXT NOT NULL,
	published	INTEGER NOT NULL DEFAULT 0,
	created_by	BIGINT REFERENCES account(id),
	updated_by	BIGINT REFERENCES account(id),
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	UNIQUE (department_id, question)
);
CREATE INDEX kb_answer_published ON kb_answer(published, updated_at);
