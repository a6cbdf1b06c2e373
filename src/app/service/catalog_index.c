/*
 * catalog_index.c - the catalogue in the search index (app/search): a
 * published item is one document of kind "service", put whenever it is
 * saved and deleted when it stops being published; and the catalogue's
 * search, which reads the index back with the catalogue's filters.
 *
 * The document: ref_id the item id, region the item's region, lang "zh",
 * title the name; body the English name, conditions, materials (name and
 * description), steps and legal basis, one per line, then the English
 * versions of those texts where given (so "birth certificate" finds an
 * item as well as 出生医学证明). Facets: department
 * (the department code), level ("1".."5", the region level), type (the
 * item type) and one "event_<slug>" = "1" per life event the item is in
 * ("-" in a slug written "_"), so that one event is an exact filter and
 * the facet counts give the count per event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/org/org_input.h"
#include "app/search/search.h"
#include "app/service/catalog.h"
#include "app/service/catalog_store.h"
#include "core/buf.h"

#define KIND		"service"
#define PER_PAGE	10

/* The facet name of life event slug: "event_" + slug with '-' -> '_'. */
static void
event_facet(const char *slug, char *out, size_t outsz)
{
	size_t i;

	(void)snprintf(out, outsz, "event_%s", slug);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '-')
			out[i] = '_';
}

static enum yw_err
line(struct yw_buf *b, const char *s)
{
	enum yw_err rc;

	if (s == NULL || s[0] == '\0')
		return YW_OK;
	rc = yw_buf_appends(b, s);
	if (rc == YW_OK)
		rc = yw_buf_appends(b, "\n");
	return rc;
}

/* The body and facets of the item row (store_get) with its lists. */
static enum yw_err
document(struct yw_db *db, json_t *row, int64_t id, struct yw_buf *body,
    json_t **facets)
{
	json_t		*mats = NULL, *steps = NULL, *evs = NULL, *v, *f;
	char		 name[YW_SEARCH_FACET_NAME_MAX + 8], num[24];
	size_t		 i;
	enum yw_err	 rc;

	*facets = NULL;
	rc = yw_catalog_store_materials(db, id, &mats);
	if (rc == YW_OK)
		rc = yw_catalog_store_steps(db, id, &steps);
	if (rc == YW_OK)
		rc = yw_catalog_store_events(db, id, &evs);
	if (rc != YW_OK)
		goto out;
	rc = line(body, yw_org_input_str(row, "name_en"));
	if (rc == YW_OK)
		rc = line(body, yw_org_input_str(row, "conditions"));
	json_array_foreach(mats, i, v) {
		if (rc == YW_OK)
			rc = line(body, yw_org_input_str(v, "name"));
		if (rc == YW_OK)
			rc = line(body, yw_org_input_str(v, "description"));
	}
	json_array_foreach(steps, i, v)
		if (rc == YW_OK)
			rc = line(body, yw_org_input_str(v, "text"));
	if (rc == YW_OK)
		rc = line(body, yw_org_input_str(row, "legal_basis"));
	if (rc == YW_OK)
		rc = line(body, yw_org_input_str(row, "conditions_en"));
	json_array_foreach(mats, i, v) {
		if (rc == YW_OK)
			rc = line(body, yw_org_input_str(v, "name_en"));
		if (rc == YW_OK)
			rc = line(body, yw_org_input_str(v, "description_en"));
	}
	json_array_foreach(steps, i, v)
		if (rc == YW_OK)
			rc = line(body, yw_org_input_str(v, "text_en"));
	if (rc == YW_OK)
		rc = line(body, yw_org_input_str(row, "legal_basis_en"));
	if (rc != YW_OK)
		goto out;
	(void)snprintf(num, sizeof(num), "%lld",
	    (long long)yw_org_input_int(row, "region_level"));
	f = json_pack("{s:s, s:s, s:s}", "department", yw_org_input_str(row,
	    "department_code"), "level", num, "type", yw_org_input_str(row,
	    "item_type"));
	rc = f == NULL ? YW_ENOMEM : YW_OK;
	/* 13 events at most: with the three above within the 16 facets. */
	json_array_foreach(evs, i, v) {
		if (rc != YW_OK ||
		    yw_catalog_life_event(yw_org_input_str(v, "event")) == NULL)
			continue;
		event_facet(yw_org_input_str(v, "event"), name, sizeof(name));
		if (json_object_set_new(f, name, json_string("1")) != 0)
			rc = YW_ENOMEM;
	}
	if (rc == YW_OK)
		*facets = f;
	else
		json_decref(f);
out:
	json_decref(mats);
	json_decref(steps);
	json_decref(evs);
	return rc;
}

enum yw_err
yw_catalog_index(struct yw_db *db, int64_t id)
{
	struct yw_buf	 body;
	json_t		*row = NULL, *facets = NULL;
	char		 ref[24];
	enum yw_err	 rc;

	(void)snprintf(ref, sizeof(ref), "%lld", (long long)id);
	rc = yw_catalog_store_get(db, id, NULL, &row);
	if (rc == YW_ENOTFOUND ||
	    (rc == YW_OK && strcmp(yw_org_input_str(row, "status"),
	    "published") != 0)) {
		json_decref(row);
		rc = yw_search_delete(db, KIND, ref, NULL);
		return rc == YW_ENOTFOUND ? YW_OK : rc;
	}
	if (rc != YW_OK)
		return rc;
	yw_buf_init(&body);
	rc = document(db, row, id, &body, &facets);
	if (rc == YW_OK)
		rc = yw_search_put(db, KIND, ref, yw_org_input_str(row,
		    "region_code"), "zh", yw_org_input_str(row, "name"),
		    body.data != NULL ? body.data : "", facets);
	yw_buf_free(&body);
	json_decref(facets);
	json_decref(row);
	return rc;
}

enum yw_err
yw_catalog_reindex(struct yw_db *db, size_t *n)
{
	json_t		*rows = NULL, *r;
	size_t		 i;
	enum yw_err	 rc;

	if (n != NULL)
		*n = 0;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_catalog_store_admin_list(db, 0, &rows);
	json_array_foreach(rows, i, r) {
		if (rc != YW_OK)
			break;
		rc = yw_catalog_index(db, yw_org_input_int(r, "id"));
		if (rc == YW_OK && n != NULL &&
		    strcmp(yw_org_input_str(r, "status"), "published") == 0)
			(*n)++;
	}
	json_decref(rows);
	if (rc == YW_OK)
		return yw_db_commit(db);
	(void)yw_db_rollback(db);
	return rc;
}

static int
valid_code(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= 32 || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || strchr("_.-", s[i]) != NULL))
			return 0;
	return i > 0;
}

/* The facet counts of the index as the catalogue's lists, in place. */
static enum yw_err
facet_lists(json_t *res)
{
	const struct yw_life_event	*all;
	json_t				*f, *by, *list, *v, *e;
	const char			*k;
	json_int_t			 c;
	char				 name[YW_SEARCH_FACET_NAME_MAX + 8];
	char				 num[4];
	size_t				 i, n;

	f = json_object_get(res, "facets");
	list = json_array();
	if (list == NULL || json_object_set_new(res, "events", list) != 0)
		return YW_ENOMEM;
	all = yw_catalog_life_events(&n);
	for (i = 0; i < n; i++) {
		event_facet(all[i].slug, name, sizeof(name));
		v = json_object_get(json_object_get(f, name), "1");
		if (v != NULL && json_array_append_new(list, json_pack(
		    "{s:s, s:s, s:O}", "slug", all[i].slug, "audience",
		    all[i].audience, "count", v)) != 0)
			return YW_ENOMEM;
	}
	list = json_array();
	if (list == NULL || json_object_set_new(res, "levels", list) != 0)
		return YW_ENOMEM;
	for (i = 1; i <= 5; i++) {
		(void)snprintf(num, sizeof(num), "%zu", i);
		v = json_object_get(json_object_get(f, "level"), num);
		if (v != NULL && json_array_append_new(list, json_pack(
		    "{s:s, s:O}", "level", num, "count", v)) != 0)
			return YW_ENOMEM;
	}
	list = json_array();
	if (list == NULL || json_object_set_new(res, "types", list) != 0)
		return YW_ENOMEM;
	for (i = 0; yw_catalog_values(YW_CATALOG_TYPE)[i] != NULL; i++) {
		k = yw_catalog_values(YW_CATALOG_TYPE)[i];
		v = json_object_get(json_object_get(f, "type"), k);
		if (v != NULL && json_array_append_new(list, json_pack(
		    "{s:s, s:O}", "type", k, "count", v)) != 0)
			return YW_ENOMEM;
	}
	list = json_array();
	if (list == NULL || json_object_set_new(res, "departments", list) != 0)
		return YW_ENOMEM;
	by = json_object_get(f, "department");
	json_object_foreach(by, k, v) {
		/* Most items first, then by code: insert in place. */
		for (i = 0; i < json_array_size(list); i++) {
			e = json_array_get(list, i);
			c = json_integer_value(json_object_get(e, "count"));
			if (json_integer_value(v) > c || (json_integer_value(v) ==
			    c && strcmp(k, json_string_value(json_object_get(e,
			    "code"))) < 0))
				break;
		}
		if (json_array_insert_new(list, i, json_pack("{s:s, s:O}",
		    "code", k, "count", v)) != 0)
			return YW_ENOMEM;
	}
	(void)json_object_del(res, "facets");
	return YW_OK;
}

/* Each hit as the catalogue's listing entry plus title_html and snippet. */
static enum yw_err
hits(struct yw_db *db, json_t *res)
{
	json_t		*list, *h, *row, *o;
	size_t		 i;
	enum yw_err	 rc;

	list = json_array();
	if (list == NULL)
		return YW_ENOMEM;
	json_array_foreach(json_object_get(res, "hits"), i, h) {
		rc = yw_catalog_store_get(db, strtoll(json_string_value(
		    json_object_get(h, "ref_id")), NULL, 10), NULL, &row);
		if (rc == YW_ENOTFOUND)
			continue;
		if (rc == YW_OK && strcmp(yw_org_input_str(row, "status"),
		    "published") != 0) {
			json_decref(row);
			continue;
		}
		if (rc != YW_OK) {
			json_decref(list);
			return rc;
		}
		o = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O,"
		    " s:O, s:O, s:O, s:O}", "id", json_object_get(row, "id"),
		    "code", json_object_get(row, "code"), "name",
		    json_object_get(row, "name"), "name_en",
		    json_object_get(row, "name_en"), "item_type",
		    json_object_get(row, "item_type"), "department_code",
		    json_object_get(row, "department_code"), "department_name",
		    json_object_get(row, "department_name"),
		    "department_name_en", json_object_get(row,
		    "department_name_en"), "region_name", json_object_get(row,
		    "region_name"), "region_name_en", json_object_get(row,
		    "region_name_en"), "level", json_object_get(row,
		    "region_level"), "title_html", json_object_get(h,
		    "title_html"), "snippet", json_object_get(h, "snippet"));
		json_decref(row);
		if (o == NULL || json_array_append_new(list, o) != 0) {
			json_decref(list);
			return YW_ENOMEM;
		}
	}
	return json_object_set_new(res, "hits", list) == 0 ? YW_OK :
	    YW_ENOMEM;
}

enum yw_err
yw_catalog_search(struct yw_db *db, const struct yw_catalog_search_q *cq,
    json_t **out, json_t **errors)
{
	static const char *const kinds[] = { KIND };
	struct yw_search_facet	 f[YW_SEARCH_FILTERS_MAX];
	struct yw_search_q	 q;
	char			 ev[YW_SEARCH_FACET_NAME_MAX + 8], lv[24];
	json_t			*res = NULL;
	int64_t			 page, total, pages;
	enum yw_err		 rc;

	*out = NULL;
	*errors = json_object();
	if (*errors == NULL)
		return YW_ENOMEM;
	memset(&q, 0, sizeof(q));
	if (cq->event != NULL && cq->event[0] != '\0') {
		if (yw_catalog_life_event(cq->event) == NULL)
			json_object_set_new(*errors, "event",
			    json_string("invalid"));
		event_facet(cq->event, ev, sizeof(ev));
		f[q.nfacets].name = ev;
		f[q.nfacets++].value = "1";
	}
	if (cq->department != NULL && cq->department[0] != '\0') {
		if (!valid_code(cq->department))
			json_object_set_new(*errors, "department",
			    json_string("invalid"));
		f[q.nfacets].name = "department";
		f[q.nfacets++].value = cq->department;
	}
	if (cq->level != 0) {
		if (cq->level < 1 || cq->level > 5)
			json_object_set_new(*errors, "level",
			    json_string("invalid"));
		(void)snprintf(lv, sizeof(lv), "%lld", (long long)cq->level);
		f[q.nfacets].name = "level";
		f[q.nfacets++].value = lv;
	}
	if (cq->type != NULL && cq->type[0] != '\0') {
		if (!yw_catalog_value_ok(YW_CATALOG_TYPE, cq->type))
			json_object_set_new(*errors, "type",
			    json_string("invalid"));
		f[q.nfacets].name = "type";
		f[q.nfacets++].value = cq->type;
	}
	page = cq->page == 0 ? 1 : cq->page;
	if (page < 1 || page > YW_SEARCH_CANDIDATES / PER_PAGE)
		json_object_set_new(*errors, "page", json_string("invalid"));
	if (cq->text != NULL && strlen(cq->text) > YW_SEARCH_TEXT_MAX)
		json_object_set_new(*errors, "q", json_string("too_long"));
	if (json_object_size(*errors) > 0)
		return YW_EINVAL;
	json_decref(*errors);
	*errors = NULL;

	q.text = cq->text;
	q.kinds = kinds;
	q.nkinds = 1;
	q.facets = f;
	q.limit = PER_PAGE;
	q.offset = (int)((page - 1) * PER_PAGE);
	rc = yw_search_query(db, &q, &res);
	if (rc == YW_OK)
		rc = hits(db, res);
	if (rc == YW_OK)
		rc = facet_lists(res);
	if (rc != YW_OK) {
		json_decref(res);
		return rc;
	}
	total = json_integer_value(json_object_get(res, "total"));
	pages = (total + PER_PAGE - 1) / PER_PAGE;
	(void)json_object_del(res, "offset");
	(void)json_object_del(res, "limit");
	if (json_object_set_new(res, "paging", json_pack("{s:I, s:I, s:I,"
	    " s:I, s:o, s:o}", "page", (json_int_t)page, "per_page",
	    (json_int_t)PER_PAGE, "total", (json_int_t)total, "pages",
	    (json_int_t)pages, "prev_page", page > 1 ? json_integer(page - 1) :
	    json_null(), "next_page", page < pages ? json_integer(page + 1) :
	    json_null())) != 0) {
		json_decref(res);
		return YW_ENOMEM;
	}
	*out = res;
	return YW_OK;
}
