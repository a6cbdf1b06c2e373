-- Attachments live in the database, addressed by the SHA-256 of their
-- bytes, so every node sees the same files and a file sent twice is stored
-- once (DESIGN.md, "Data rules"). Who may read one is decided by the
-- object that refers to it (a case, a letter), never by knowing the hash.
CREATE TABLE attachment (
	sha256		TEXT PRIMARY KEY,
	type		TEXT NOT NULL,		-- from the bytes: pdf, png, jpeg ...
	size		BIGINT NOT NULL,
	data		@BLOB@ NOT NULL,
	created_at	BIGINT NOT NULL
);
