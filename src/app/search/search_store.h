/*
 * search_store.h - the SQL behind search.c (internal to src/app/search):
 * search_doc rows, and the candidate query in each backend's dialect
 * (FTS5 MATCH and bm25 on SQLite, tsvector @@ tsquery and ts_rank_cd on
 * PostgreSQL). Strings are borrowed from the caller or, in a visit, from
 * the current database row.
 */
#ifndef YW_SEARCH_STORE_H
#define YW_SEARCH_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "app/search/search.h"
#include "core/err.h"
#include "store/db.h"

/* One document as stored. All strings borrowed and validated. */
struct yw_search_doc {
	const char	*kind;
	const char	*ref_id;
	const char	*region;
	const char	*lang;
	const char	*title;
	const char	*body;
	size_t		 body_len;	/* body need not end there */
	const char	*facets;	/* canonical JSON */
	int64_t		 updated_at;
	const char	*tsv;		/* PostgreSQL: the tsvector literal */
};

/* Inserts d, or replaces the row with its (kind, ref_id, lang) and gives
 * it a new, larger id. One statement: atomic with or without the
 * caller's transaction. */
enum yw_err	yw_search_store_put(struct yw_db *db,
		    const struct yw_search_doc *d);

/* Deletes (kind, ref_id) in lang, or in every language when lang is
 * NULL; *changes (may be NULL) the rows deleted. */
enum yw_err	yw_search_store_delete(struct yw_db *db, const char *kind,
		    const char *ref_id, const char *lang, int64_t *changes);

/* A candidate query. Strings are never NULL; "" means no filter. */
struct yw_search_store_q {
	const char	*match;		/* FTS5 MATCH string / tsquery */
	const char	*kinds;		/* ",service,qa," */
	const char	*facet[YW_SEARCH_FILTERS_MAX];	/* '"k":"v"' */
	const char	*region;
	const char	*lang;
	int64_t		 limit;
};

/* One candidate, borrowed for the visit. rank: larger is better. */
struct yw_search_store_cand {
	int64_t		 id;
	const char	*kind;
	const char	*facets;
	size_t		 facets_len;
	double		 rank;
};

typedef enum yw_err (*yw_search_store_visit)(void *ctx,
		    const struct yw_search_store_cand *c);

/* Visits the newest q->limit documents (largest id first) that match
 * and pass the filters. A visit's non-OK code stops and is returned. */
enum yw_err	yw_search_store_candidates(struct yw_db *db,
		    const struct yw_search_store_q *q,
		    yw_search_store_visit visit, void *ctx);

/* One stored document, borrowed for the visit. */
struct yw_search_store_row {
	const char	*kind;
	const char	*ref_id;
	const char	*region;
	const char	*lang;
	const char	*title;
	size_t		 title_len;
	const char	*body;
	size_t		 body_len;
	int64_t		 updated_at;
};

typedef enum yw_err (*yw_search_store_row_visit)(void *ctx,
		    const struct yw_search_store_row *r);

/* Visits the document with this id; YW_ENOTFOUND when it is gone. */
enum yw_err	yw_search_store_get(struct yw_db *db, int64_t id,
		    yw_search_store_row_visit visit, void *ctx);

#endif
