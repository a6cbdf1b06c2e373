/*
 * search.h - one full-text index over the documents of every domain
 * (services, content, Q&A, datasets, ...): domains put a document when
 * their object changes and delete it when it goes; the search page and API
 * query it. Chinese is matched by character bigrams (core/tokenize.h), so
 * any Chinese substring finds the documents holding it; other scripts by
 * case-folded words. SQLite: FTS5 ranked by bm25; PostgreSQL: a tsvector
 * with a GIN index ranked by ts_rank_cd. Needs store/db.h and jansson.
 */
#ifndef YW_SEARCH_H
#define YW_SEARCH_H

#include <stddef.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

#define YW_SEARCH_KIND_MAX	32	/* bytes of a kind: [a-z_] */
#define YW_SEARCH_REF_MAX	64	/* bytes of a ref_id */
#define YW_SEARCH_REGION_MAX	32
#define YW_SEARCH_LANG_MAX	16	/* [A-Za-z0-9-], "zh", "en" */
#define YW_SEARCH_TITLE_MAX	1024
/* A body is indexed up to this many bytes (cut at a character): 16k CJK
 * characters, the positions a PostgreSQL tsvector can tell apart. */
#define YW_SEARCH_BODY_MAX	49152
#define YW_SEARCH_FACETS_MAX	16	/* facet names per document */
#define YW_SEARCH_FACET_NAME_MAX	32	/* bytes: [a-z0-9_] */
#define YW_SEARCH_FACET_VALUE_MAX	128
#define YW_SEARCH_TEXT_MAX	256	/* bytes of a query */
#define YW_SEARCH_KINDS_MAX	8	/* kinds in one query's filter */
#define YW_SEARCH_FILTERS_MAX	4	/* facet filters in one query */
#define YW_SEARCH_LIMIT_DEFAULT	10
#define YW_SEARCH_LIMIT_MAX	50
/*
 * A query ranks only the newest this many matching documents (newest =
 * put last). Ranking every match does not scale: a bigram found in a
 * third of a million documents took 250 ms to rank in full (DESIGN.md);
 * reading the newest matches off the index and ranking those stays flat.
 * total, the facet counts and paging are over these candidates;
 * "capped" says when there may be more.
 */
#define YW_SEARCH_CANDIDATES	1000

/*
 * Puts a document into the index, replacing the one with the same kind,
 * ref_id and lang. All arguments are borrowed:
 *   kind    1..YW_SEARCH_KIND_MAX bytes of [a-z_]
 *   ref_id  the object's key in its domain, 1..YW_SEARCH_REF_MAX bytes
 *   region  region code, NULL or "" for the whole platform
 *   lang    NULL for "zh"
 *   title   1..YW_SEARCH_TITLE_MAX bytes, no control characters
 *   body    NULL for ""; longer than YW_SEARCH_BODY_MAX is cut
 *   facets  NULL or a flat object of names ([a-z0-9_], not "kind") to
 *           non-empty strings without control characters, at most
 *           YW_SEARCH_FACETS_MAX: {"dept": "公安局", "topic": "户籍"}
 * Text must be UTF-8. YW_EINVAL for anything else; YW_EDB. One
 * statement: call it inside the domain's transaction to commit the
 * document with the change it reflects.
 */
enum yw_err	yw_search_put(struct yw_db *db, const char *kind,
		    const char *ref_id, const char *region, const char *lang,
		    const char *title, const char *body, json_t *facets);

/* Removes (kind, ref_id) in lang, or in every language when lang is
 * NULL. YW_ENOTFOUND when there was nothing to remove. */
enum yw_err	yw_search_delete(struct yw_db *db, const char *kind,
		    const char *ref_id, const char *lang);

/* A facet filter: documents whose facet name has exactly this value. */
struct yw_search_facet {
	const char	*name;
	const char	*value;
};

/*
 * A query; everything borrowed. Documents must hold every group of text
 * (a word, or a run of Chinese characters as a phrase); with any set,
 * one term of it is enough (a word or a bigram), so that a question
 * typed as a sentence finds documents sharing some of its words, the
 * ones sharing more and rarer ones ranked first. kinds (nkinds,
 * up to YW_SEARCH_KINDS_MAX; 0 = any) keeps documents of those kinds;
 * facets (up to YW_SEARCH_FILTERS_MAX) must all hold; region and lang
 * (NULL or "" = any) must equal the document's. limit 0 means
 * YW_SEARCH_LIMIT_DEFAULT, more than YW_SEARCH_LIMIT_MAX is clamped.
 */
struct yw_search_q {
	const char			*text;
	const char *const		*kinds;
	size_t				 nkinds;
	const struct yw_search_facet	*facets;
	size_t				 nfacets;
	const char			*region;
	const char			*lang;
	int				 limit;
	int				 offset;
	int				 any;
};

/*
 * Runs q. *out (caller owns) = {total, capped, offset, limit, hits: [{kind,
 * ref_id, title, title_html, snippet, rank, region_code, lang,
 * updated_at}], facets: {kind: {"service": 3, ...}, <facet name>:
 * {<value>: count, ...}}}. Hits are in rank order (larger rank is
 * better: -bm25 on SQLite, ts_rank_cd on PostgreSQL, so not comparable
 * across backends), newest first on ties. title_html and snippet are
 * HTML-escaped text with <mark>...</mark> around every match (snippet: a
 * window of the body around the first match, "…" where cut). A text with
 * no words (punctuation only, "") gives no hits. YW_EINVAL for a text
 * over YW_SEARCH_TEXT_MAX bytes, a bad kind or facet, too many filters, a
 * negative limit or offset; YW_EDB.
 */
enum yw_err	yw_search_query(struct yw_db *db, const struct yw_search_q *q,
		    json_t **out);

#endif
