-- Search: one index over the documents of every domain (services, content,
-- Q&A, datasets, ...), kept by src/app/search. A domain puts a document
-- when its object changes and deletes it when the object goes.
--
-- id is renewed by every put, so id order is the order of last change: a
-- query ranks only the newest matches, read straight off the index in id
-- order (see YW_SEARCH_CANDIDATES in src/app/search/search.h). Rebuilding
-- the index should therefore put documents oldest first.
--
-- SQLite: an FTS5 table over title and body with the project's tokenizer
-- 'yw' (src/store/fts.h), as an external-content table: the text is stored
-- once, in search_doc, and the index can be rebuilt from it with
--   INSERT INTO search_fts(search_fts) VALUES ('rebuild');
-- which a contentless table could not do, and a tokenizer change needs.
-- Triggers keep it in step inside the writing statement.
-- PostgreSQL: the same tokens as a tsvector column (title weighted A) with
-- a GIN index, filled by the application, which alone can tokenize.

CREATE TABLE search_doc (
	id		@ID@,
	kind		TEXT NOT NULL,		-- 'service', 'content', 'qa', 'dataset', ...
	ref_id		TEXT NOT NULL,		-- the object's key in its own domain
	region_code	TEXT NOT NULL DEFAULT '',	-- '' = the whole platform
	lang		TEXT NOT NULL DEFAULT 'zh',
	facets		TEXT NOT NULL DEFAULT '{}',	-- compact JSON, sorted keys
	updated_at	BIGINT NOT NULL,
	-- Last, so that reading a candidate's kind and facets does not walk
	-- the overflow pages of a long body.
	title		TEXT NOT NULL,
	body		TEXT NOT NULL DEFAULT '',
	UNIQUE (kind, ref_id, lang)
);

-- @sqlite
CREATE VIRTUAL TABLE search_fts USING fts5(title, body,
    content='search_doc', content_rowid='id', tokenize='yw');
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
	INSERT INTO search_fts (rowid, title, body)
	    VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
	INSERT INTO search_fts (search_fts, rowid, title, body)
	    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
	INSERT INTO search_fts (search_fts, rowid, title, body)
	    VALUES ('delete', old.id, old.title, old.body);
	INSERT INTO search_fts (rowid, title, body)
	    VALUES (new.id, new.title, new.body);
END;

-- @pgsql
ALTER TABLE search_doc ADD COLUMN tsv tsvector NOT NULL DEFAULT '';
CREATE INDEX search_doc_tsv ON search_doc USING GIN (tsv);
