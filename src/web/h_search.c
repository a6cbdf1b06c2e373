/*
 * h_search.c - the search page and GET /api/v1/search: the catalogue's
 * published items found in the search index (yw_catalog_search), with
 * highlighted snippets and facet counts by life event, department, level
 * and type whose links keep the query. One view for both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/org/org.h"
#include "app/service/catalog.h"
#include "core/buf.h"
#include "web/web.h"

int	page_search(struct http_request *);
int	api_search(struct http_request *);

/* Longest query in code points: 80 CJK characters fit the index's
 * YW_SEARCH_TEXT_MAX bytes (checked too, for longer characters). */
#define Q_MAX	80

/* The filters a link carries, in this order. */
static const char *const keys[] = {
	"q", "event", "department", "level", "type"
};

static json_t *
tr(struct yw_req *r, const char *a, const char *b)
{
	json_t *t;

	t = json_object_get(json_object_get(yw_web->locales, r->lang), a);
	return b != NULL ? json_object_get(t, b) : t;
}

static const char *
qtext(json_t *q, const char *key)
{
	const char *s;

	s = json_string_value(json_object_get(q, key));
	return s != NULL && s[0] != '\0' ? s : NULL;
}

static void
url_escape(struct yw_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-_.~", c) != NULL)
			(void)yw_buf_appendf(b, "%c", c);
		else
			(void)yw_buf_appendf(b, "%%%c%c", hex[c >> 4],
			    hex[c & 15]);
	}
}

/* "/search?..." with the current filters q, key set to value (NULL:
 * dropped), as a new string. */
static json_t *
search_link(json_t *q, const char *key, const char *value)
{
	struct yw_buf	 b;
	const char	*v;
	json_t		*s;
	size_t		 i;
	int		 first = 1;

	yw_buf_init(&b);
	(void)yw_buf_appends(&b, "/search");
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		v = strcmp(keys[i], key) == 0 ? value : qtext(q, keys[i]);
		if (v == NULL)
			continue;
		(void)yw_buf_appendf(&b, "%c%s=", first ? '?' : '&', keys[i]);
		url_escape(&b, v);
		first = 0;
	}
	s = json_stringn(b.data != NULL ? b.data : "", b.len);
	yw_buf_free(&b);
	return s;
}

/* Labels, links and the selected mark of one facet list (pages only). */
static void
facet_links(json_t *q, json_t *list, const char *key, const char *id,
    json_t *labels)
{
	const char	*v, *cur;
	json_t		*e;
	size_t		 i;

	cur = qtext(q, key);
	json_array_foreach(list, i, e) {
		v = json_string_value(json_object_get(e, id));
		if (v == NULL)
			continue;
		if (labels != NULL && json_object_get(labels, v) != NULL)
			json_object_set(e, "label", json_object_get(labels,
			    v));
		else if (json_object_get(e, "label") == NULL)
			json_object_set_new(e, "label", json_string(v));
		json_object_set_new(e, "href", search_link(q, key, v));
		json_object_set_new(e, "selected", json_boolean(cur != NULL &&
		    strcmp(cur, v) == 0));
	}
}

/* Department names on the department facet and the hits. */
static void
department_names(struct yw_req *r, json_t *vm)
{
	json_t		*depts, *d, *e;
	const char	*code;
	size_t		 i, j;

	if (yw_org_departments(yw_web->db, NULL, &depts) != YW_OK)
		return;
	json_array_foreach(json_object_get(vm, "departments"), i, e) {
		code = json_string_value(json_object_get(e, "code"));
		json_array_foreach(depts, j, d)
			if (code != NULL && strcmp(code, json_string_value(
			    json_object_get(d, "code"))) == 0) {
				json_object_set(e, "label", json_object_get(d,
				    r->lang[0] == 'e' && json_string_length(
				    json_object_get(d, "name_en")) > 0 ?
				    "name_en" : "name"));
				break;
			}
	}
	json_decref(depts);
}

static void
page_extras(struct yw_req *r, json_t *vm, json_t *q)
{
	json_t		*h, *groups, *g;
	const char	*lv;
	char		 num[24];
	size_t		 i;
	static const struct {
		const char	*list, *key, *id, *title;
	} facets[] = {
		{ "events", "event", "slug", "facet_event" },
		{ "departments", "department", "code", "facet_department" },
		{ "levels", "level", "level", "facet_level" },
		{ "types", "type", "type", "facet_type" },
	};

	department_names(r, vm);
	facet_links(q, json_object_get(vm, "events"), "event", "slug",
	    tr(r, "life", "name"));
	facet_links(q, json_object_get(vm, "departments"), "department",
	    "code", NULL);
	facet_links(q, json_object_get(vm, "levels"), "level", "level",
	    tr(r, "level", NULL));
	facet_links(q, json_object_get(vm, "types"), "type", "type",
	    tr(r, "service", "type"));
	/* The groups in display order, each with its "any" link. */
	groups = json_array();
	for (i = 0; i < sizeof(facets) / sizeof(facets[0]); i++) {
		g = json_pack("{s:s, s:o, s:O, s:O, s:b}", "key",
		    facets[i].key, "any_href", search_link(q, facets[i].key, NULL),
		    "title", json_object_get(tr(r, "search", NULL),
		    facets[i].title), "values", json_object_get(vm,
		    facets[i].list), "filtered", qtext(q, facets[i].key) !=
		    NULL);
		if (g != NULL && json_array_size(json_object_get(g, "values")) >
		    0)
			json_array_append(groups, g);
		json_decref(g);
	}
	json_object_set_new(vm, "facet_groups", groups);
	json_object_set_new(vm, "has_facets", json_boolean(json_array_size(
	    groups) > 0));
	json_array_foreach(json_object_get(vm, "hits"), i, h) {
		lv = NULL;
		if (json_is_integer(json_object_get(h, "level"))) {
			(void)snprintf(num, sizeof(num), "%lld", (long long)
			    json_integer_value(json_object_get(h, "level")));
			lv = num;
		}
		if (lv != NULL)
			json_object_set(h, "level_name", json_object_get(
			    tr(r, "level", NULL), lv));
		json_object_set(h, "type_name", json_object_get(tr(r,
		    "service", "type"), json_string_value(json_object_get(h,
		    "item_type"))));
		if (json_string_length(json_object_get(h, "name_en")) == 0)
			json_object_del(h, "name_en");
		if (json_string_length(json_object_get(h,
		    "department_name_en")) == 0)
			json_object_del(h, "department_name_en");
	}
	json_object_set_new(vm, "has_hits", json_boolean(json_array_size(
	    json_object_get(vm, "hits")) > 0));
	h = json_object_get(vm, "paging");
	json_object_set_new(h, "many", json_boolean(json_integer_value(
	    json_object_get(h, "pages")) > 1));
	if (json_is_integer(json_object_get(h, "prev_page"))) {
		(void)snprintf(num, sizeof(num), "%lld", (long long)
		    json_integer_value(json_object_get(h, "prev_page")));
		json_object_set_new(h, "prev_href", json_pack("s++", json_string_value(
		    json_object_get(vm, "self")), "&page=", num));
	}
	if (json_is_integer(json_object_get(h, "next_page"))) {
		(void)snprintf(num, sizeof(num), "%lld", (long long)
		    json_integer_value(json_object_get(h, "next_page")));
		json_object_set_new(h, "next_href", json_pack("s++", json_string_value(
		    json_object_get(vm, "self")), "&page=", num));
	}
}

static enum yw_err
view_search(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "q", Q_MAX, 0 },
		{ "event", 32, 0 },
		{ "department", 32, 0 },
		{ "level", 1, 0 },
		{ "type", 32, 0 },
		{ "page", 3, 0 },
	};
	struct yw_catalog_search_q	 cq;
	json_t				*q, *out = NULL, *errors = NULL;
	const char			*s;
	enum yw_err			 rc;

	rc = yw_req_query_checked(r, spec, sizeof(spec) / sizeof(spec[0]),
	    &q);
	if (rc != YW_OK && rc != YW_EINVAL)
		return rc;
	json_object_set(vm, "filter", q);
	json_object_set_new(vm, "query", json_string(qtext(q, "q") != NULL ?
	    qtext(q, "q") : ""));
	memset(&cq, 0, sizeof(cq));
	cq.text = qtext(q, "q");
	cq.event = qtext(q, "event");
	cq.department = qtext(q, "department");
	cq.type = qtext(q, "type");
	s = qtext(q, "level");
	if (s != NULL && (cq.level = yw_web_id(s)) == 0)
		json_object_set_new(r->errors, "level", json_string("invalid"));
	s = qtext(q, "page");
	if (s != NULL && (cq.page = yw_web_id(s)) == 0)
		json_object_set_new(r->errors, "page", json_string("invalid"));
	if (json_object_size(r->errors) > 0)
		return YW_EINVAL;
	rc = yw_catalog_search(yw_web->db, &cq, &out, &errors);
	if (rc == YW_EINVAL) {
		json_object_update(r->errors, errors);
		json_decref(errors);
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, out);
	json_decref(out);
	/* Without q: the box and a hint; the result is empty. */
	json_object_set_new(vm, "asked", json_boolean(cq.text != NULL));
	if (r->kind != YW_PAGE)
		return YW_OK;
	json_object_set_new(vm, "self", search_link(q, "page", NULL));
	page_extras(r, vm, q);
	return YW_OK;
}

int
page_search(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "search/index", view_search);
}

int
api_search(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_search);
}
