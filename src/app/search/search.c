/*
 * search.c - the search index's rules: what a document may hold, how a
 * query becomes each backend's match expression, the bounded candidate
 * set and its facet counts, ranking and paging, and each hit's marked
 * title and snippet (core/highlight.h).
 */
#include <stdlib.h>
#include <string.h>

#include "app/search/search.h"
#include "app/search/search_store.h"
#include "core/buf.h"
#include "core/highlight.h"
#include "core/timeutil.h"
#include "core/tokenize.h"
#include "core/utf8.h"
#include "store/fts.h"

#define DEFAULT_LANG	"zh"

/* Queries that match any one term (yw_search_q.any). */
static const struct yw_tok_syntax fts5_any = {
	.quote = '"', .escape_backslash = 0, .join_phrase = " OR ",
	.join_group = " OR ",
};
static const struct yw_tok_syntax tsquery_any = {
	.quote = '\'', .escape_backslash = 1, .join_phrase = " | ",
	.join_group = " | ",
};
/* Its terms apart, so that the highlighter marks each one found. */
static const struct yw_tok_syntax marks_any = {
	.quote = '"', .escape_backslash = 0, .join_phrase = " ",
	.join_group = " ",
};
#define SNIPPET_CHARS	80	/* characters of body shown in a hit */

struct cand {
	int64_t	id;
	double	rank;
};

struct collect {
	struct cand	*v;
	size_t		 n;
	size_t		 cap;
	json_t		*facets;
};

struct page {
	const struct yw_highlight	*hl;
	json_t				*hits;
	double				 rank;
};

static int
valid_kind(const char *s)
{
	size_t i, n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n == 0 || n > YW_SEARCH_KIND_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if ((s[i] < 'a' || s[i] > 'z') && s[i] != '_')
			return 0;
	}
	return 1;
}

static int
valid_facet_name(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > YW_SEARCH_FACET_NAME_MAX || strcmp(s, "kind") == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if ((s[i] < 'a' || s[i] > 'z') && (s[i] < '0' || s[i] > '9') &&
		    s[i] != '_')
			return 0;
	}
	return 1;
}

static int
valid_lang(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > YW_SEARCH_LANG_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if ((s[i] < 'a' || s[i] > 'z') && (s[i] < 'A' || s[i] > 'Z') &&
		    (s[i] < '0' || s[i] > '9') && s[i] != '-')
			return 0;
	}
	return 1;
}

/* UTF-8 text of min..max bytes without control characters. */
static int
valid_line(const char *s, size_t min, size_t max)
{
	size_t n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	return n >= min && n <= max && yw_utf8_valid(s, n) &&
	    !yw_utf8_has_control(s, n, 0);
}

/* Compact JSON with sorted keys of a valid facets object; caller frees. */
static enum yw_err
canonical_facets(json_t *facets, char **out)
{
	const char	*name;
	json_t		*v;

	*out = NULL;
	if (facets == NULL) {
		*out = strdup("{}");
		return *out != NULL ? YW_OK : YW_ENOMEM;
	}
	if (!json_is_object(facets) ||
	    json_object_size(facets) > YW_SEARCH_FACETS_MAX)
		return YW_EINVAL;
	json_object_foreach(facets, name, v) {
		if (!valid_facet_name(name) || !json_is_string(v) ||
		    !valid_line(json_string_value(v), 1,
		    YW_SEARCH_FACET_VALUE_MAX) ||
		    strlen(json_string_value(v)) != json_string_length(v))
			return YW_EINVAL;
	}
	*out = json_dumps(facets, JSON_COMPACT | JSON_SORT_KEYS);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

/* The tsvector literal of a document: title at weight A, then the body
 * after a one-position gap so that no phrase spans the two. */
static enum yw_err
doc_tsvector(const char *title, const char *body, size_t body_len,
    struct yw_buf *out)
{
	uint32_t	pos = 1;
	enum yw_err	rc;

	rc = yw_fts_tsvector(title, strlen(title), 'A', &pos, out);
	pos++;
	if (rc == YW_OK)
		rc = yw_fts_tsvector(body, body_len, 'D', &pos, out);
	if (rc == YW_OK)
		rc = yw_buf_appends(out, "");
	return rc;
}

enum yw_err
yw_search_put(struct yw_db *db, const char *kind, const char *ref_id,
    const char *region, const char *lang, const char *title,
    const char *body, json_t *facets)
{
	struct yw_search_doc	 d;
	struct yw_buf		 tsv;
	char			*canon = NULL;
	size_t			 n;
	enum yw_err		 rc = YW_EINVAL;

	yw_buf_init(&tsv);
	region = region != NULL ? region : "";
	lang = lang != NULL ? lang : DEFAULT_LANG;
	body = body != NULL ? body : "";
	n = strlen(body);
	if (!valid_kind(kind) || !valid_line(ref_id, 1, YW_SEARCH_REF_MAX) ||
	    !valid_line(region, 0, YW_SEARCH_REGION_MAX) || !valid_lang(lang) ||
	    !valid_line(title, 1, YW_SEARCH_TITLE_MAX) ||
	    !yw_utf8_valid(body, n))
		goto out;
	/* Valid UTF-8, so stepping back over continuation bytes lands on
	 * the start of a character. */
	if (n > YW_SEARCH_BODY_MAX) {
		n = YW_SEARCH_BODY_MAX;
		while (n > 0 && ((unsigned char)body[n] & 0xC0) == 0x80)
			n--;
	}
	rc = canonical_facets(facets, &canon);
	if (rc != YW_OK)
		goto out;
	memset(&d, 0, sizeof(d));
	d.kind = kind;
	d.ref_id = ref_id;
	d.region = region;
	d.lang = lang;
	d.title = title;
	d.body = body;
	d.body_len = n;
	d.facets = canon;
	d.updated_at = yw_time_now();
	if (yw_db_kind(db) == YW_DB_PGSQL) {
		rc = doc_tsvector(title, body, n, &tsv);
		if (rc != YW_OK)
			goto out;
		d.tsv = tsv.data;
	}
	rc = yw_search_store_put(db, &d);
out:
	free(canon);
	yw_buf_free(&tsv);
	return rc;
}

enum yw_err
yw_search_delete(struct yw_db *db, const char *kind, const char *ref_id,
    const char *lang)
{
	int64_t		n;
	enum yw_err	rc;

	if (!valid_kind(kind) || !valid_line(ref_id, 1, YW_SEARCH_REF_MAX) ||
	    (lang != NULL && !valid_lang(lang)))
		return YW_EINVAL;
	rc = yw_search_store_delete(db, kind, ref_id, lang, &n);
	if (rc == YW_OK && n == 0)
		rc = YW_ENOTFOUND;
	return rc;
}

/* Sets key of obj to the NUL-terminated text of b (empty if none). */
static enum yw_err
set_buf(json_t *obj, const char *key, struct yw_buf *b)
{
	json_t *s;

	s = json_stringn(b->data != NULL ? b->data : "", b->len);
	if (s == NULL || json_object_set_new(obj, key, s) != 0)
		return YW_ENOMEM;
	return YW_OK;
}

static enum yw_err
hit_cb(void *ctx, const struct yw_search_store_row *r)
{
	struct page	*p = ctx;
	struct yw_buf	 th, sn;
	json_t		*hit;
	enum yw_err	 rc;

	yw_buf_init(&th);
	yw_buf_init(&sn);
	hit = json_pack("{s:s, s:s, s:s%, s:f, s:s, s:s, s:I}", "kind", r->kind,
	    "ref_id", r->ref_id, "title", r->title, r->title_len, "rank",
	    p->rank, "region_code", r->region, "lang", r->lang, "updated_at",
	    (json_int_t)r->updated_at);
	if (hit == NULL || json_array_append_new(p->hits, hit) != 0) {
		rc = YW_ENOMEM;
		goto out;
	}
	rc = yw_highlight_html(p->hl, r->title, r->title_len, &th);
	if (rc == YW_OK)
		rc = yw_highlight_snippet(p->hl, r->body, r->body_len,
		    SNIPPET_CHARS, &sn);
	if (rc == YW_OK)
		rc = set_buf(hit, "title_html", &th);
	if (rc == YW_OK)
		rc = set_buf(hit, "snippet", &sn);
out:
	yw_buf_free(&th);
	yw_buf_free(&sn);
	return rc;
}

/* counts[name][value] += 1 */
static enum yw_err
bump(json_t *counts, const char *name, const char *value)
{
	json_t	*by, *n;

	by = json_object_get(counts, name);
	if (by == NULL) {
		by = json_object();
		if (by == NULL || json_object_set_new(counts, name, by) != 0)
			return YW_ENOMEM;
	}
	n = json_object_get(by, value);
	if (n != NULL)
		return json_integer_set(n, json_integer_value(n) + 1) == 0 ?
		    YW_OK : YW_EINTERNAL;
	return json_object_set_new(by, value, json_integer(1)) == 0 ? YW_OK :
	    YW_ENOMEM;
}

static enum yw_err
cand_cb(void *ctx, const struct yw_search_store_cand *c)
{
	struct collect	*k = ctx;
	struct cand	*nv;
	const char	*name;
	json_t		*f, *v;
	size_t		 ncap;
	enum yw_err	 rc;

	if (k->n == k->cap) {
		ncap = k->cap ? k->cap * 2 : 64;
		nv = realloc(k->v, ncap * sizeof(*nv));
		if (nv == NULL)
			return YW_ENOMEM;
		k->v = nv;
		k->cap = ncap;
	}
	k->v[k->n].id = c->id;
	k->v[k->n].rank = c->rank;
	k->n++;
	rc = bump(k->facets, "kind", c->kind);
	/* Stored by yw_search_put, so an object of strings; a row edited
	 * by hand into something else only loses its facet counts. */
	f = json_loadb(c->facets, c->facets_len, 0, NULL);
	json_object_foreach(f, name, v) {
		if (rc == YW_OK && json_is_string(v))
			rc = bump(k->facets, name, json_string_value(v));
	}
	json_decref(f);
	return rc;
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	return (x->id < y->id) - (x->id > y->id);
}

/* '"name":"value"' as the stored canonical JSON writes it. */
static enum yw_err
facet_fragment(const struct yw_search_facet *f, struct yw_buf *out)
{
	json_t		*n, *v;
	char		*ns = NULL, *vs = NULL;
	enum yw_err	 rc = YW_ENOMEM;

	n = json_string(f->name);
	v = json_string(f->value);
	if (n != NULL && v != NULL) {
		ns = json_dumps(n, JSON_ENCODE_ANY | JSON_COMPACT);
		vs = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	}
	if (ns != NULL && vs != NULL)
		rc = yw_buf_appendf(out, "%s:%s", ns, vs);
	free(ns);
	free(vs);
	json_decref(n);
	json_decref(v);
	return rc;
}

static enum yw_err
check_q(const struct yw_search_q *q)
{
	size_t i;

	if (q->text != NULL && strlen(q->text) > YW_SEARCH_TEXT_MAX)
		return YW_EINVAL;
	if (q->nkinds > YW_SEARCH_KINDS_MAX || (q->nkinds > 0 &&
	    q->kinds == NULL) || q->nfacets > YW_SEARCH_FILTERS_MAX ||
	    (q->nfacets > 0 && q->facets == NULL) || q->limit < 0 ||
	    q->offset < 0)
		return YW_EINVAL;
	for (i = 0; i < q->nkinds; i++) {
		if (!valid_kind(q->kinds[i]))
			return YW_EINVAL;
	}
	for (i = 0; i < q->nfacets; i++) {
		if (q->facets[i].name == NULL ||
		    !valid_facet_name(q->facets[i].name) ||
		    !valid_line(q->facets[i].value, 1,
		    YW_SEARCH_FACET_VALUE_MAX))
			return YW_EINVAL;
	}
	if (q->region != NULL && !valid_line(q->region, 0,
	    YW_SEARCH_REGION_MAX))
		return YW_EINVAL;
	if (q->lang != NULL && q->lang[0] != '\0' && !valid_lang(q->lang))
		return YW_EINVAL;
	return YW_OK;
}

enum yw_err
yw_search_query(struct yw_db *db, const struct yw_search_q *q, json_t **out)
{
	struct yw_search_store_q	 sq;
	struct collect			 k;
	struct yw_highlight		*hl = NULL;
	struct page			 p;
	struct yw_buf			 match, kinds, marks;
	struct yw_buf			 frag[YW_SEARCH_FILTERS_MAX];
	const char			*text;
	json_t				*res = NULL;
	size_t				 i, limit, end;
	enum yw_err			 rc;

	*out = NULL;
	memset(&k, 0, sizeof(k));
	yw_buf_init(&match);
	yw_buf_init(&kinds);
	yw_buf_init(&marks);
	for (i = 0; i < YW_SEARCH_FILTERS_MAX; i++)
		yw_buf_init(&frag[i]);
	rc = check_q(q);
	if (rc != YW_OK)
		goto out;
	text = q->text != NULL ? q->text : "";
	limit = q->limit == 0 ? YW_SEARCH_LIMIT_DEFAULT :
	    q->limit > YW_SEARCH_LIMIT_MAX ? YW_SEARCH_LIMIT_MAX :
	    (size_t)q->limit;

	if (q->any)
		rc = yw_tokenize_expr(text, strlen(text), yw_db_kind(db) ==
		    YW_DB_PGSQL ? &tsquery_any : &fts5_any, &match);
	else
		rc = yw_db_kind(db) == YW_DB_PGSQL ?
		    yw_fts_tsquery(text, strlen(text), &match) :
		    yw_tokenize_fts_query(text, strlen(text), &match);
	if (rc == YW_OK)
		rc = yw_buf_appends(&kinds, q->nkinds > 0 ? "," : "");
	for (i = 0; rc == YW_OK && i < q->nkinds; i++)
		rc = yw_buf_appendf(&kinds, "%s,", q->kinds[i]);
	for (i = 0; rc == YW_OK && i < YW_SEARCH_FILTERS_MAX; i++)
		rc = i < q->nfacets ? facet_fragment(&q->facets[i], &frag[i]) :
		    yw_buf_appends(&frag[i], "");
	if (rc != YW_OK)
		goto out;

	k.facets = json_object();
	res = json_pack("{s:I, s:b, s:I, s:I, s:[], s:o}", "total",
	    (json_int_t)0, "capped", 0, "offset", (json_int_t)q->offset,
	    "limit", (json_int_t)limit, "hits", "facets", k.facets);
	if (k.facets == NULL || res == NULL ||
	    json_object_set_new(k.facets, "kind", json_object()) != 0) {
		rc = YW_ENOMEM;
		goto out;
	}
	/* Nothing to look for: no hits rather than every document. */
	if (match.len == 0)
		goto done;

	memset(&sq, 0, sizeof(sq));
	sq.match = match.data;
	sq.kinds = kinds.data;
	for (i = 0; i < YW_SEARCH_FILTERS_MAX; i++)
		sq.facet[i] = frag[i].data;
	sq.region = q->region != NULL ? q->region : "";
	sq.lang = q->lang != NULL ? q->lang : "";
	sq.limit = YW_SEARCH_CANDIDATES;
	rc = yw_search_store_candidates(db, &sq, cand_cb, &k);
	if (rc != YW_OK)
		goto out;
	if (k.n > 0)
		qsort(k.v, k.n, sizeof(*k.v), cmp_cand);
	if (json_object_set_new(res, "total", json_integer((json_int_t)k.n)) ||
	    json_object_set_new(res, "capped",
	    json_boolean(k.n == YW_SEARCH_CANDIDATES))) {
		rc = YW_ENOMEM;
		goto out;
	}

	if (q->any) {
		rc = yw_tokenize_expr(text, strlen(text), &marks_any, &marks);
		if (rc == YW_OK)
			rc = yw_highlight_create(marks.data, marks.len, &hl);
	} else
		rc = yw_highlight_create(text, strlen(text), &hl);
	if (rc != YW_OK)
		goto out;
	p.hl = hl;
	p.hits = json_object_get(res, "hits");
	end = (size_t)q->offset + limit;
	for (i = (size_t)q->offset; i < k.n && i < end; i++) {
		p.rank = k.v[i].rank;
		rc = yw_search_store_get(db, k.v[i].id, hit_cb, &p);
		/* Deleted since the candidates were read: skip it. */
		if (rc == YW_ENOTFOUND)
			rc = YW_OK;
		if (rc != YW_OK)
			goto out;
	}
done:
	*out = res;
	res = NULL;
out:
	json_decref(res);
	free(k.v);
	yw_highlight_destroy(hl);
	yw_buf_free(&match);
	yw_buf_free(&kinds);
	yw_buf_free(&marks);
	for (i = 0; i < YW_SEARCH_FILTERS_MAX; i++)
		yw_buf_free(&frag[i]);
	return rc;
}
