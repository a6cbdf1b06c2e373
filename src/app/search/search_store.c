/*
 * search_store.c - the SQL of the search index. Writes are one statement
 * each. The candidate query is the one place the two backends differ:
 * both read the newest matches off the index in id order and stop at the
 * limit, so a term found in a third of all documents costs the same as a
 * rare one; only those candidates are ranked.
 */
#include <stdlib.h>
#include <string.h>

#include "app/search/search_store.h"

/* On conflict the row takes a new id, larger than any: MAX(id) is one
 * b-tree step, and AUTOINCREMENT keeps counting past it. The update
 * trigger moves the FTS entry to the new id. */
static const char put_sqlite[] =
    "INSERT INTO search_doc (kind, ref_id, region_code, lang, title, body, "
    "facets, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (kind, ref_id, lang) DO UPDATE SET "
    "id = (SELECT MAX(id) + 1 FROM search_doc), "
    "region_code = excluded.region_code, title = excluded.title, "
    "body = excluded.body, facets = excluded.facets, "
    "updated_at = excluded.updated_at";

/* excluded.id is the proposed row's id, already drawn from the sequence. */
static const char put_pgsql[] =
    "INSERT INTO search_doc (kind, ref_id, region_code, lang, title, body, "
    "facets, updated_at, tsv) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
    "CAST(? AS tsvector)) "
    "ON CONFLICT (kind, ref_id, lang) DO UPDATE SET id = excluded.id, "
    "region_code = excluded.region_code, title = excluded.title, "
    "body = excluded.body, facets = excluded.facets, "
    "updated_at = excluded.updated_at, tsv = excluded.tsv";

/*
 * FTS5 walks the phrase's matches in descending rowid order (no sort) and
 * the LIMIT stops it; bm25 is computed for those rows only. Title counts
 * five times the body. bm25 is negative, better when smaller: negated.
 * Unused facet slots are '' (instr finds '' everywhere).
 */
static const char cand_sqlite[] =
    "SELECT d.id, d.kind, d.facets, -bm25(search_fts, 5.0, 1.0) AS score "
    "FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid "
    "WHERE search_fts MATCH ? "
    "AND (? = '' OR instr(?, ',' || d.kind || ',') > 0) "
    "AND instr(d.facets, ?) > 0 AND instr(d.facets, ?) > 0 "
    "AND instr(d.facets, ?) > 0 AND instr(d.facets, ?) > 0 "
    "AND (? = '' OR d.region_code = ?) AND (? = '' OR d.lang = ?) "
    "ORDER BY search_fts.rowid DESC LIMIT ?";

/*
 * The planner picks the GIN index for rare terms (then sorts the few
 * rows) or walks the primary key backwards for common ones; either way
 * the rank runs on at most LIMIT rows. ts_rank_cd (cover density), not
 * ts_rank: a query is a phrase of bigrams, and ts_rank scores a phrase by
 * its terms' frequencies alone, so a body that repeats 出生 and 医学 far
 * apart outranked the item named 出生医学证明; cover density scores the
 * phrase's occurrences, weighted by position class (title A). Normalisation
 * 1 divides by the log of the document length, so long bodies do not win
 * by size.
 */
static const char cand_pgsql[] =
    "SELECT d.id, d.kind, d.facets, "
    "ts_rank_cd(d.tsv, CAST(? AS tsquery), 1) AS score "
    "FROM search_doc d "
    "WHERE d.tsv @@ CAST(? AS tsquery) "
    "AND (CAST(? AS TEXT) = '' OR strpos(?, ',' || d.kind || ',') > 0) "
    "AND strpos(d.facets, ?) > 0 AND strpos(d.facets, ?) > 0 "
    "AND strpos(d.facets, ?) > 0 AND strpos(d.facets, ?) > 0 "
    "AND (CAST(? AS TEXT) = '' OR d.region_code = ?) "
    "AND (CAST(? AS TEXT) = '' OR d.lang = ?) "
    "ORDER BY d.id DESC LIMIT ?";

enum yw_err
yw_search_store_put(struct yw_db *db, const struct yw_search_doc *d)
{
	struct yw_stmt	*st = NULL;
	int		 pg = yw_db_kind(db) == YW_DB_PGSQL, row;
	enum yw_err	 rc;

	rc = yw_db_prepare(db, pg ? put_pgsql : put_sqlite, &st);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 1, d->kind, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 2, d->ref_id, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 3, d->region, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 4, d->lang, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 5, d->title, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 6, d->body, (long)d->body_len);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 7, d->facets, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 8, d->updated_at);
	if (rc == YW_OK && pg)
		rc = yw_stmt_bind_text(st, 9, d->tsv, -1);
	if (rc == YW_OK)
		rc = yw_stmt_step(st, &row);
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_search_store_delete(struct yw_db *db, const char *kind,
    const char *ref_id, const char *lang, int64_t *changes)
{
	if (lang == NULL)
		return yw_db_run(db, changes, "DELETE FROM search_doc "
		    "WHERE kind = ? AND ref_id = ?", "ss", kind, ref_id);
	return yw_db_run(db, changes, "DELETE FROM search_doc "
	    "WHERE kind = ? AND ref_id = ? AND lang = ?", "sss", kind, ref_id,
	    lang);
}

enum yw_err
yw_search_store_candidates(struct yw_db *db,
    const struct yw_search_store_q *q, yw_search_store_visit visit,
    void *ctx)
{
	struct yw_search_store_cand	 c;
	struct yw_stmt			*st = NULL;
	const char			*s;
	int				 pg = yw_db_kind(db) == YW_DB_PGSQL;
	int				 i, idx = 1, row;
	enum yw_err			 rc;

	rc = yw_db_prepare(db, pg ? cand_pgsql : cand_sqlite, &st);
	if (rc != YW_OK)
		goto out;
	if (pg)
		rc = yw_stmt_bind_text(st, idx++, q->match, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, idx++, q->match, -1);
	for (i = 0; rc == YW_OK && i < 2; i++)
		rc = yw_stmt_bind_text(st, idx++, q->kinds, -1);
	for (i = 0; rc == YW_OK && i < YW_SEARCH_FILTERS_MAX; i++)
		rc = yw_stmt_bind_text(st, idx++, q->facet[i], -1);
	for (i = 0; rc == YW_OK && i < 2; i++)
		rc = yw_stmt_bind_text(st, idx++, q->region, -1);
	for (i = 0; rc == YW_OK && i < 2; i++)
		rc = yw_stmt_bind_text(st, idx++, q->lang, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, idx, q->limit);
	while (rc == YW_OK) {
		rc = yw_stmt_step(st, &row);
		if (rc != YW_OK || !row)
			break;
		c.id = yw_stmt_col_int64(st, 0);
		c.kind = yw_stmt_col_text(st, 1);
		c.facets = yw_stmt_col_text(st, 2);
		c.facets_len = yw_stmt_col_len(st, 2);
		/* Neither db.h backend reads doubles; both give the text. */
		s = yw_stmt_col_text(st, 3);
		c.rank = s != NULL ? strtod(s, NULL) : 0.0;
		if (c.kind == NULL || c.facets == NULL) {
			rc = YW_EINTERNAL;
			break;
		}
		rc = visit(ctx, &c);
	}
out:
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_search_store_get(struct yw_db *db, int64_t id,
    yw_search_store_row_visit visit, void *ctx)
{
	struct yw_search_store_row	 r;
	struct yw_stmt			*st;
	enum yw_err			 rc;

	rc = yw_db_first(db, &st, "SELECT kind, ref_id, region_code, lang, "
	    "title, body, updated_at FROM search_doc WHERE id = ?", "i", id);
	if (rc != YW_OK)
		return rc;
	r.kind = yw_stmt_col_text(st, 0);
	r.ref_id = yw_stmt_col_text(st, 1);
	r.region = yw_stmt_col_text(st, 2);
	r.lang = yw_stmt_col_text(st, 3);
	r.title = yw_stmt_col_text(st, 4);
	r.title_len = yw_stmt_col_len(st, 4);
	r.body = yw_stmt_col_text(st, 5);
	r.body_len = yw_stmt_col_len(st, 5);
	r.updated_at = yw_stmt_col_int64(st, 6);
	if (r.kind == NULL || r.ref_id == NULL || r.region == NULL ||
	    r.lang == NULL || r.title == NULL || r.body == NULL)
		rc = YW_EINTERNAL;
	else
		rc = visit(ctx, &r);
	yw_stmt_done(st);
	return rc;
}
