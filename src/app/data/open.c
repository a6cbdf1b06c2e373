/*
 * open.c - open data sets: summaries, faceted search over the search
 * index, the data set page's live parts, record pages, CSV files, counts
 * and the index documents (open.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/data/data.h"
#include "app/data/exchange_store.h"
#include "app/data/open.h"
#include "app/data/open_store.h"
#include "app/search/search.h"
#include "core/csv.h"
#include "core/jsonx.h"
#include "core/utf8.h"

/* The catalogue columns a summary carries, as open_store gives them. */
static const char *const summary_keys[] = {
	"code", "name", "name_en", "summary", "department_id",
	"department_code", "department_name", "department_name_en",
	"classification", "format", "open_attr", "open_conditions",
	"update_cycle", "published_on", "created_at", "updated_at", NULL
};

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/* "a, b,c" -> ["a", "b", "c"] (empty parts dropped). */
static json_t *
keyword_list(const char *s)
{
	json_t		*out = json_array();
	const char	*p = s, *e, *b;

	while (*p != '\0') {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		b = p;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		if (e > b)
			json_array_append_new(out, json_stringn(b,
			    (size_t)(e - b)));
		p = strchr(b, ',');
		if (p == NULL)
			break;
		p++;
	}
	return out;
}

static json_t *
summary(json_t *row)
{
	json_t	*s = json_object();
	size_t	 i;

	for (i = 0; summary_keys[i] != NULL; i++)
		json_object_set(s, summary_keys[i], json_object_get(row,
		    summary_keys[i]));
	json_object_set_new(s, "keywords", keyword_list(str(row,
	    "keywords")));
	json_object_set_new(s, "downloadable", json_boolean(strcmp(str(row,
	    "open_attr"), "unconditional") == 0));
	return s;
}

/* The items of a row that open data may show: non-personal ones. */
static json_t *
open_items(json_t *row, size_t *withheld)
{
	json_t	*all, *out, *it;
	size_t	 i;

	out = json_array();
	if (withheld != NULL)
		*withheld = 0;
	all = json_loads(str(row, "items"), 0, NULL);
	json_array_foreach(all, i, it) {
		if (json_is_true(json_object_get(it, "personal"))) {
			if (withheld != NULL)
				(*withheld)++;
			continue;
		}
		json_array_append_new(out, json_pack("{s:O, s:O, s:O}",
		    "name", json_object_get(it, "name"), "label",
		    json_object_get(it, "label"), "type",
		    json_object_get(it, "type")));
	}
	json_decref(all);
	return out;
}

/* Up to YW_SEARCH_CANDIDATES codes the index finds for text, best first. */
static enum yw_err
search_codes(struct yw_db *db, const char *text, json_t **codes)
{
	static const char *const kinds[] = { YW_OPEN_KIND };
	struct yw_search_q	 q;
	json_t			*res, *hits, *h;
	size_t			 i;
	enum yw_err		 rc;

	*codes = json_array();
	memset(&q, 0, sizeof(q));
	q.text = text;
	q.kinds = kinds;
	q.nkinds = 1;
	q.limit = YW_SEARCH_LIMIT_MAX;
	for (;;) {
		rc = yw_search_query(db, &q, &res);
		if (rc != YW_OK)
			return rc;
		hits = json_object_get(res, "hits");
		json_array_foreach(hits, i, h)
			json_array_append(*codes, json_object_get(h, "ref_id"));
		i = json_array_size(hits);
		q.offset += (int)i;
		json_decref(res);
		if (i < (size_t)q.limit || q.offset >= YW_SEARCH_CANDIDATES)
			break;
	}
	return YW_OK;
}

enum yw_err
yw_open_datasets(struct yw_db *db, const char *text, json_t **out)
{
	json_t		*rows = NULL, *codes = NULL, *byc, *row, *c;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_open_store_list(db, &rows);
	if (rc != YW_OK)
		return rc;
	*out = json_array();
	if (text == NULL || text[0] == '\0') {
		json_array_foreach(rows, i, row)
			json_array_append_new(*out, summary(row));
		goto out;
	}
	rc = search_codes(db, text, &codes);
	if (rc != YW_OK)
		goto out;
	byc = json_object();
	json_array_foreach(rows, i, row)
		json_object_set(byc, str(row, "code"), row);
	json_array_foreach(codes, i, c) {
		row = json_object_get(byc, json_string_value(c));
		if (row != NULL)
			json_array_append_new(*out, summary(row));
	}
	json_decref(byc);
out:
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
	}
	json_decref(codes);
	json_decref(rows);
	return rc;
}

static int
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* counts[value] += 1, keeping the first object seen as the facet entry. */
static void
facet_add(json_t *facet, const char *value, json_t *extra)
{
	json_t *e;

	e = json_object_get(facet, value);
	if (e == NULL) {
		e = json_pack("{s:s, s:i}", "value", value, "count", 0);
		if (extra != NULL)
			json_object_update(e, extra);
		json_object_set_new(facet, value, e);
	}
	json_object_set_new(e, "count", json_integer(json_integer_value(
	    json_object_get(e, "count")) + 1));
}

static json_t *
facet_array(json_t *facet)
{
	json_t		*out = json_array(), *v;
	const char	*k;

	json_object_foreach(facet, k, v)
		json_array_append(out, v);
	return out;
}

enum yw_err
yw_open_search(struct yw_db *db, const struct yw_open_q *q, json_t **out,
    json_t **errors)
{
	json_t		*all = NULL, *hits, *fd, *ft, *ff, *d, *extra;
	int64_t		 page, pages, total;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	*errors = json_object();
	if (!empty(q->text) && strlen(q->text) > YW_SEARCH_TEXT_MAX)
		json_object_set_new(*errors, "q", json_string("too_long"));
	if (!empty(q->topic) && !yw_in_list(yw_data_classifications, q->topic))
		json_object_set_new(*errors, "topic", json_string("invalid"));
	if (!empty(q->format) && !yw_in_list(yw_data_formats, q->format))
		json_object_set_new(*errors, "format", json_string("invalid"));
	if (json_object_size(*errors) > 0)
		return YW_EINVAL;
	json_decref(*errors);
	*errors = NULL;
	rc = yw_open_datasets(db, q->text, &all);
	if (rc != YW_OK)
		return rc;
	hits = json_array();
	fd = json_object();
	ft = json_object();
	ff = json_object();
	json_array_foreach(all, i, d) {
		extra = json_pack("{s:O, s:O}", "name", json_object_get(d,
		    "department_name"), "name_en", json_object_get(d,
		    "department_name_en"));
		facet_add(fd, str(d, "department_code"), extra);
		json_decref(extra);
		facet_add(ft, str(d, "classification"), NULL);
		facet_add(ff, str(d, "format"), NULL);
		if ((!empty(q->department) && strcmp(q->department, str(d,
		    "department_code")) != 0) || (!empty(q->topic) &&
		    strcmp(q->topic, str(d, "classification")) != 0) ||
		    (!empty(q->format) && strcmp(q->format, str(d,
		    "format")) != 0))
			continue;
		json_array_append(hits, d);
	}
	total = (int64_t)json_array_size(hits);
	pages = (total + YW_OPEN_PER_PAGE - 1) / YW_OPEN_PER_PAGE;
	page = q->page < 1 ? 1 : q->page;
	*out = json_pack("{s:[], s:I, s:I, s:I, s:{s:o, s:o, s:o}}",
	    "datasets", "total", (json_int_t)total, "page", (json_int_t)page,
	    "pages", (json_int_t)pages, "facets", "department",
	    facet_array(fd), "topic", facet_array(ft), "format",
	    facet_array(ff));
	for (i = (size_t)((page - 1) * YW_OPEN_PER_PAGE); i < (size_t)total &&
	    i < (size_t)(page * YW_OPEN_PER_PAGE); i++)
		json_array_append(json_object_get(*out, "datasets"),
		    json_array_get(hits, i));
	json_decref(fd);
	json_decref(ft);
	json_decref(ff);
	json_decref(hits);
	json_decref(all);
	return YW_OK;
}

/* A stored value as text for a table cell or a CSV field. */
static const char *
cell(json_t *v, char *num, size_t numsz)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		(void)snprintf(num, numsz, "%lld",
		    (long long)json_integer_value(v));
		return num;
	}
	if (json_is_real(v)) {
		(void)snprintf(num, numsz, "%g", json_real_value(v));
		return num;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	return "";
}

/* The open data set row of code, its open items; downloadable checked. */
static enum yw_err
open_row(struct yw_db *db, const char *code, int need_data, json_t **row,
    json_t **items)
{
	enum yw_err rc;

	*items = NULL;
	rc = yw_open_store_get(db, code, row);
	if (rc != YW_OK)
		return rc;
	if (need_data && strcmp(str(*row, "open_attr"), "unconditional") !=
	    0) {
		json_decref(*row);
		*row = NULL;
		return YW_EFORBIDDEN;
	}
	*items = open_items(*row, NULL);
	return YW_OK;
}

/* The record rows (store) as objects of the open items only. */
static json_t *
open_records(json_t *rows, json_t *items)
{
	json_t	*out = json_array(), *r, *data, *o, *it, *v;
	size_t	 i, j;

	json_array_foreach(rows, i, r) {
		data = json_loads(str(r, "data"), 0, NULL);
		o = json_object();
		json_array_foreach(items, j, it) {
			v = json_object_get(data, str(it, "name"));
			if (v != NULL && !json_is_null(v))
				json_object_set(o, str(it, "name"), v);
		}
		json_array_append_new(out, o);
		json_decref(data);
	}
	return out;
}

enum yw_err
yw_open_get(struct yw_db *db, const char *code, json_t **out)
{
	json_t		*row = NULL, *items, *recs = NULL, *rows, *r, *it, *line;
	json_t		*cols, *prev;
	int64_t		 n = 0;
	size_t		 withheld, i, j;
	char		 num[32];
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_open_store_get(db, code, &row);
	if (rc != YW_OK)
		return rc;
	items = open_items(row, &withheld);
	rc = yw_open_store_record_count(db, json_integer_value(
	    json_object_get(row, "id")), &n);
	if (rc != YW_OK)
		goto out;
	*out = summary(row);
	json_object_set(*out, "items", items);
	json_object_set_new(*out, "withheld", json_integer((json_int_t)
	    withheld));
	json_object_set_new(*out, "record_count", json_integer(n));
	json_object_set(*out, "records_updated_at", json_object_get(row,
	    "records_updated_at"));
	json_object_set(*out, "downloads", json_object_get(row,
	    "downloads"));
	json_object_set(*out, "api_calls", json_object_get(row,
	    "api_calls"));
	if (strcmp(str(row, "open_attr"), "unconditional") != 0)
		goto out;
	rc = yw_exchange_store_records(db, json_integer_value(
	    json_object_get(row, "id")), NULL, NULL, 0, 0, 0,
	    YW_OPEN_PREVIEW_ROWS, &recs);
	if (rc != YW_OK)
		goto out;
	rows = open_records(recs, items);
	cols = json_array();
	json_array_foreach(items, j, it)
		json_array_append(cols, json_object_get(it, "label"));
	prev = json_pack("{s:o, s:[]}", "columns", cols, "rows");
	json_array_foreach(rows, i, r) {
		line = json_array();
		json_array_foreach(items, j, it)
			json_array_append_new(line, json_string(cell(
			    json_object_get(r, str(it, "name")), num,
			    sizeof(num))));
		json_array_append_new(json_object_get(prev, "rows"), line);
	}
	json_decref(rows);
	json_object_set_new(*out, "preview", prev);
out:
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
	}
	json_decref(recs);
	json_decref(items);
	json_decref(row);
	return rc;
}

enum yw_err
yw_open_records(struct yw_db *db, const char *code, int64_t after,
    int64_t limit, json_t **out)
{
	json_t		*row = NULL, *items = NULL, *recs = NULL, *last;
	int64_t		 next = 0;
	enum yw_err	 rc;

	*out = NULL;
	if (limit == 0)
		limit = YW_OPEN_PAGE_DEFAULT;
	if (limit < 1 || limit > YW_OPEN_PAGE_MAX || after < 0)
		return YW_EINVAL;
	rc = open_row(db, code, 1, &row, &items);
	if (rc != YW_OK)
		return rc;
	rc = yw_exchange_store_records(db, json_integer_value(
	    json_object_get(row, "id")), NULL, NULL, 0, after, 0, limit,
	    &recs);
	if (rc != YW_OK)
		goto out;
	if ((int64_t)json_array_size(recs) == limit) {
		last = json_array_get(recs, json_array_size(recs) - 1);
		next = json_integer_value(json_object_get(last, "id"));
	}
	*out = json_pack("{s:s, s:o, s:o}", "dataset", code, "records",
	    open_records(recs, items), "next_after", next > 0 ?
	    json_integer(next) : json_null());
out:
	json_decref(recs);
	json_decref(items);
	json_decref(row);
	return rc;
}

/* One CSV line of the open items' values (or labels when rec is NULL). */
static enum yw_err
csv_line(struct yw_buf *out, json_t *items, json_t *rec)
{
	json_t		*it;
	size_t		 j;
	char		 num[32];
	enum yw_err	 rc = YW_OK;

	json_array_foreach(items, j, it) {
		if (j > 0)
			rc = yw_buf_appendc(out, ',');
		if (rc == YW_OK)
			rc = yw_csv_write_field(out, rec == NULL ? str(it,
			    "label") : cell(json_object_get(rec, str(it,
			    "name")), num, sizeof(num)));
		if (rc != YW_OK)
			return rc;
	}
	return yw_buf_appends(out, "\r\n");
}

enum yw_err
yw_open_csv(struct yw_db *db, const char *code, struct yw_buf *out)
{
	json_t		*row = NULL, *items = NULL, *recs, *open, *r, *last;
	int64_t		 rid, after = 0;
	size_t		 i, n;
	enum yw_err	 rc;

	rc = open_row(db, code, 1, &row, &items);
	if (rc != YW_OK)
		return rc;
	rid = json_integer_value(json_object_get(row, "id"));
	rc = yw_buf_appends(out, "\xEF\xBB\xBF");
	if (rc == YW_OK)
		rc = csv_line(out, items, NULL);
	while (rc == YW_OK) {
		rc = yw_exchange_store_records(db, rid, NULL, NULL, 0, after,
		    0, YW_OPEN_PAGE_MAX, &recs);
		if (rc != YW_OK)
			break;
		open = open_records(recs, items);
		json_array_foreach(open, i, r)
			if (rc == YW_OK)
				rc = csv_line(out, items, r);
		json_decref(open);
		n = json_array_size(recs);
		last = json_array_get(recs, n - 1);
		after = n > 0 ? json_integer_value(json_object_get(last,
		    "id")) : after;
		json_decref(recs);
		if (n < YW_OPEN_PAGE_MAX)
			break;
	}
	json_decref(items);
	json_decref(row);
	return rc;
}

enum yw_err
yw_open_count(struct yw_db *db, const char *code, int api)
{
	json_t		*row = NULL;
	enum yw_err	 rc;

	rc = yw_open_store_get(db, code, &row);
	if (rc == YW_OK)
		rc = yw_open_store_count(db, json_integer_value(
		    json_object_get(row, "id")), api);
	json_decref(row);
	return rc;
}

enum yw_err
yw_open_index(struct yw_db *db, const char *code)
{
	json_t		*row = NULL, *items, *it, *facets;
	struct yw_buf	 body;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_open_store_get(db, code, &row);
	if (rc == YW_ENOTFOUND) {
		rc = yw_search_delete(db, YW_OPEN_KIND, code, NULL);
		return rc == YW_ENOTFOUND ? YW_OK : rc;
	}
	if (rc != YW_OK)
		return rc;
	yw_buf_init(&body);
	rc = yw_buf_appendf(&body, "%s\n%s\n%s\n%s\n%s\n", str(row,
	    "name_en"), str(row, "summary"), str(row, "department_name"),
	    str(row, "department_name_en"), str(row, "keywords"));
	items = open_items(row, NULL);
	json_array_foreach(items, i, it)
		if (rc == YW_OK)
			rc = yw_buf_appendf(&body, "%s\n", str(it, "label"));
	json_decref(items);
	facets = json_pack("{s:s, s:s, s:s, s:s}", "department", str(row,
	    "department_code"), "topic", str(row, "classification"),
	    "format", str(row, "format"), "open", str(row, "open_attr"));
	if (rc == YW_OK)
		rc = yw_buf_appendc(&body, '\0');
	if (rc == YW_OK)
		rc = yw_search_put(db, YW_OPEN_KIND, code, NULL, NULL,
		    str(row, "name"), body.data, facets);
	json_decref(facets);
	yw_buf_free(&body);
	json_decref(row);
	return rc;
}

enum yw_err
yw_open_reindex(struct yw_db *db, size_t *n)
{
	json_t		*rows = NULL, *r;
	size_t		 i;
	enum yw_err	 rc;

	if (n != NULL)
		*n = 0;
	rc = yw_open_store_list(db, &rows);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_begin(db);
	json_array_foreach(rows, i, r)
		if (rc == YW_OK)
			rc = yw_open_index(db, str(r, "code"));
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	if (rc == YW_OK && n != NULL)
		*n = json_array_size(rows);
	json_decref(rows);
	return rc;
}
