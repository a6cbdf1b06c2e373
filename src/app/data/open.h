/*
 * open.h - open data (政务数据开放): the catalogue entries whose open
 * attribute is 无条件开放 (unconditional: metadata, preview and downloads
 * for anyone) or 有条件开放 (conditional: metadata and how to apply; no
 * data), their full-text documents in the search index (kind "dataset"),
 * faceted search, paged record reads, CSV files and use counts. Personal
 * items (schema.h) are never part of open data: they are left out of
 * every preview, record page and file. Needs store/db.h, search, data.h.
 *
 * A data set summary: {code, name, name_en, summary, department_id,
 * department_code, department_name, department_name_en, classification,
 * format, open_attr, open_conditions, update_cycle, published_on,
 * created_at, updated_at, keywords: [..], downloadable}. It holds only
 * what changes through audited catalogue edits, so pages made of
 * summaries may be cached by the audit epoch; the live parts (record
 * count, last record update, use counts, preview) are in yw_open_get.
 */
#ifndef YW_OPEN_H
#define YW_OPEN_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/db.h"

#define YW_OPEN_KIND		"dataset"	/* search index kind */
#define YW_OPEN_PREVIEW_ROWS	20
#define YW_OPEN_PAGE_DEFAULT	100
#define YW_OPEN_PAGE_MAX	1000	/* records per JSON page */
#define YW_OPEN_PER_PAGE	10	/* data sets per portal page */

/*
 * Every open data set as a new array (caller owns) of summaries: by code,
 * or, when text is not NULL or "", only those the search index finds for
 * it, best first. YW_EINVAL for a text the index refuses (too long).
 */
enum yw_err	yw_open_datasets(struct yw_db *db, const char *text,
		    json_t **out);

/* A portal search; every string borrowed, NULL or "" = any. */
struct yw_open_q {
	const char	*text;
	const char	*department;	/* department code */
	const char	*topic;		/* classification */
	const char	*format;	/* the catalogue format */
	int64_t		 page;		/* 1-based; 0 = 1 */
};

/*
 * Runs q: *out (caller owns) = {datasets: [summaries of the page], total,
 * page, pages, facets: {department: [{value, name, name_en, count}],
 * topic: [{value, count}], format: [{value, count}]}}, the facet counts
 * over the text's matches before the facet filters. YW_EINVAL with
 * *errors (caller owns) {"q": "too_long"} or {"topic"|"format": "invalid"}.
 */
enum yw_err	yw_open_search(struct yw_db *db, const struct yw_open_q *q,
		    json_t **out, json_t **errors);

/*
 * One data set: its summary plus items [{name, label, type}] (personal
 * ones left out), withheld (how many personal items were left out),
 * record_count, records_updated_at (or null), downloads, api_calls and,
 * when downloadable, preview {columns: [labels], rows: [[text, ...]]} of
 * the first YW_OPEN_PREVIEW_ROWS records. YW_ENOTFOUND unless open.
 */
enum yw_err	yw_open_get(struct yw_db *db, const char *code, json_t **out);

/*
 * A page of records of code: *out = {dataset, records: [{item: value}],
 * next_after (the id to pass as after for the next page, or null)}, up to
 * limit (0 = YW_OPEN_PAGE_DEFAULT, at most YW_OPEN_PAGE_MAX) records with
 * id > after. YW_ENOTFOUND unless open; YW_EFORBIDDEN for a conditional
 * data set; YW_EINVAL for a limit or after out of range.
 */
enum yw_err	yw_open_records(struct yw_db *db, const char *code,
		    int64_t after, int64_t limit, json_t **out);

/*
 * The whole data set as CSV into out (borrowed, appended to): UTF-8 with a
 * byte order mark, a header of item labels, RFC 4180 quoting, CRLF line
 * ends; read from the database a page at a time. Same errors as
 * yw_open_records.
 */
enum yw_err	yw_open_csv(struct yw_db *db, const char *code,
		    struct yw_buf *out);


/* Adds one to the data set's downloads (api 0) or API calls (api 1): one
 * single-row write. YW_ENOTFOUND unless open. */
enum yw_err	yw_open_count(struct yw_db *db, const char *code, int api);

/*
 * Puts code's document into the search index when it is open and active,
 * removes it otherwise. One statement each: call it in the transaction of
 * the change. The document: title the name; body the English name,
 * summary, department, item labels and keywords; facets department
 * (code), topic (classification), format and open (open_attr).
 */
enum yw_err	yw_open_index(struct yw_db *db, const char *code);
/* Indexes every catalogue entry again; *n (may be NULL) gets the number
 * of open ones. */
enum yw_err	yw_open_reindex(struct yw_db *db, size_t *n);

#endif
