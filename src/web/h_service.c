/*
 * h_service.c - the public service catalogue: browsing by life event (the
 * primary view), by department, region, level and type, and the service
 * guide of one item; each page and its /api/v1 JSON share a view. Also
 * the catalogue pieces that the home and department pages show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/org/org.h"
#include "app/service/catalog.h"
#include "web/web.h"

int	page_services(struct http_request *);
int	api_services(struct http_request *);
int	page_service(struct http_request *);
int	api_service(struct http_request *);
int	page_life(struct http_request *);
int	api_life(struct http_request *);
int	api_life_events(struct http_request *);

/* The visitor's catalogue section t.<a>.<b> (b may be NULL). */
static json_t *
tr(struct yw_req *r, const char *a, const char *b)
{
	json_t *t;

	t = json_object_get(json_object_get(yw_web->locales, r->lang), a);
	return b != NULL ? json_object_get(t, b) : t;
}

/* o[out] = labels[o[key]] when there is such a label. */
static void
label(json_t *o, const char *key, json_t *labels, const char *out)
{
	const char	*v;
	json_t		*l;

	v = json_string_value(json_object_get(o, key));
	if (v == NULL || v[0] == '\0')
		return;
	l = json_object_get(labels, v);
	if (l != NULL)
		json_object_set(o, out, l);
}

/* Names and descriptions of life events [{slug, ...}] (pages only). */
static void
event_names(struct yw_req *r, json_t *list)
{
	json_t	*e;
	size_t	 i;

	json_array_foreach(list, i, e) {
		label(e, "slug", tr(r, "life", "name"), "name");
		label(e, "slug", tr(r, "life", "desc"), "desc");
	}
}

/* Mustache takes "" for true: empty texts are dropped from pages. */
static void
drop_empty(json_t *o)
{
	const char	*k;
	json_t		*v;
	void		*tmp;

	json_object_foreach_safe(o, tmp, k, v)
		if (json_is_string(v) && json_string_length(v) == 0)
			json_object_del(o, k);
}

/* item[prefix] and item[prefix_en] from item[obj].name and .name_en. */
static void
flatten(json_t *item, const char *obj, const char *prefix)
{
	json_t	*o;
	char	 key[64];

	o = json_object_get(item, obj);
	if (o == NULL)
		return;
	json_object_set(item, prefix, json_object_get(o, "name"));
	(void)snprintf(key, sizeof(key), "%s_en", prefix);
	json_object_set(item, key, json_object_get(o, "name_en"));
}

void
yw_web_service_labels(struct yw_req *r, json_t *item)
{
	json_t	*v, *m;
	char	 num[24];
	size_t	 i;

	if (r->kind != YW_PAGE || item == NULL)
		return;
	label(item, "item_type", tr(r, "service", "type"), "type_name");
	label(item, "online_depth", tr(r, "service", "depth"), "depth_name");
	label(item, "status", tr(r, "service", "status"), "status_label");
	/* Mustache cannot compare: say which numbers are zero. */
	v = json_object_get(item, "statutory_days");
	json_object_set_new(item, "statutory_now", json_boolean(
	    json_is_integer(v) && json_integer_value(v) == 0));
	v = json_object_get(item, "promised_days");
	json_object_set_new(item, "promised_now", json_boolean(
	    json_is_integer(v) && json_integer_value(v) == 0));
	json_object_set_new(item, "fee_free", json_boolean(strcmp(
	    json_string_value(json_object_get(item, "fee_kind")) != NULL ?
	    json_string_value(json_object_get(item, "fee_kind")) : "",
	    "free") == 0));
	event_names(r, json_object_get(item, "events"));
	json_array_foreach(json_object_get(item, "materials"), i, m) {
		label(m, "form", tr(r, "service", "form"), "form_name");
		drop_empty(m);
	}
	/* Flat names, so that a missing English name never falls back to an
	 * outer object's in Mustache's context stack. */
	flatten(item, "department", "department_name");
	flatten(item, "region", "region_name");
	v = json_object_get(json_object_get(item, "region"), "level");
	if (v == NULL)
		v = json_object_get(item, "level");
	if (json_is_integer(v)) {
		(void)snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(v));
		json_object_set(item, "region_level_name", json_object_get(
		    tr(r, "level", NULL), num));
	}
	drop_empty(item);
}

enum yw_err
yw_web_life_events(struct yw_req *r, json_t **out)
{
	enum yw_err rc;

	rc = yw_catalog_event_counts(yw_web->db, out);
	if (rc != YW_OK || r->kind != YW_PAGE)
		return rc;
	event_names(r, json_object_get(*out, "individual"));
	event_names(r, json_object_get(*out, "business"));
	return YW_OK;
}

enum yw_err
yw_web_department_services(struct yw_req *r, int64_t department_id,
    json_t **out)
{
	struct yw_catalog_filter	 f;
	json_t				*list, *errors, *s;
	size_t				 i;
	enum yw_err			 rc;

	*out = NULL;
	memset(&f, 0, sizeof(f));
	f.department_id = department_id;
	f.per_page = YW_CATALOG_PER_PAGE_MAX;
	rc = yw_catalog_list(yw_web->db, &f, &list, &errors);
	json_decref(errors);
	if (rc != YW_OK)
		return rc;
	*out = json_incref(json_object_get(list, "services"));
	json_decref(list);
	json_array_foreach(*out, i, s)
		yw_web_service_labels(r, s);
	return YW_OK;
}

/* An optional number lo..hi from the query; a malformed one is an error
 * naming the field. */
static int64_t
query_num(struct yw_req *r, json_t *q, const char *key, int64_t lo,
    int64_t hi)
{
	const char	*s;
	int64_t		 v;

	s = json_string_value(json_object_get(q, key));
	if (s == NULL || s[0] == '\0')
		return 0;
	v = yw_web_id(s);
	if (v < lo || v > hi) {
		json_object_set_new(r->errors, key, json_string("invalid"));
		return 0;
	}
	return v;
}

static const char *
query_text(json_t *q, const char *key)
{
	const char *s;

	s = json_string_value(json_object_get(q, key));
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/* The selects of the filter form, marked with the current filter. */
static void
filter_choices(struct yw_req *r, json_t *vm)
{
	static const char *const levels[] = { "1", "2", "3", "4", "5" };
	json_t	*q, *list;

	q = json_object_get(vm, "filter");
	if (yw_org_departments(yw_web->db, NULL, &list) == YW_OK) {
		yw_web_mark_selected(list, "id", q, "department");
		json_object_set_new(vm, "departments", list);
	}
	if (yw_org_regions(yw_web->db, NULL, &list) == YW_OK) {
		yw_web_mark_selected(list, "code", q, "region");
		json_object_set_new(vm, "regions", list);
	}
	json_object_set_new(vm, "types", yw_web_choices(tr(r, "service",
	    "type"), yw_catalog_values(YW_CATALOG_TYPE), 32, q, "type"));
	json_object_set_new(vm, "levels", yw_web_choices(tr(r, "level", NULL),
	    levels, 5, q, "level"));
}

/*
 * One listing: the published items matching the query (and event, when
 * the path names one), paged, with the life events and their counts.
 */
static enum yw_err
list(struct yw_req *r, json_t *vm, const char *event)
{
	static const struct yw_form_field spec[] = {
		{ "event", 32, 0 },
		{ "department", 15, 0 },
		{ "region", 12, 0 },
		{ "level", 1, 0 },
		{ "type", 32, 0 },
		{ "page", 6, 0 },
		{ "per_page", 3, 0 },
	};
	struct yw_catalog_filter	 f;
	json_t				*q, *out, *errors, *s;
	size_t				 i;
	enum yw_err			 rc;

	/* The life page takes its event from the path, not the query. */
	rc = yw_req_query_checked(r, event != NULL ? spec + 1 : spec,
	    event != NULL ? 6 : 7, &q);
	if (rc != YW_OK && rc != YW_EINVAL)
		return rc;
	json_object_set(vm, "filter", q);
	if (r->kind == YW_PAGE)
		drop_empty(q);
	rc = yw_web_life_events(r, &out);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "life_events", out);
	memset(&f, 0, sizeof(f));
	f.event = event != NULL ? event : query_text(q, "event");
	f.type = query_text(q, "type");
	f.region_code = query_text(q, "region");
	f.department_id = query_num(r, q, "department", 1, INT64_MAX);
	f.level = query_num(r, q, "level", 1, 5);
	f.page = query_num(r, q, "page", 1, 999999);
	f.per_page = query_num(r, q, "per_page", 1, YW_CATALOG_PER_PAGE_MAX);
	rc = yw_catalog_list(yw_web->db, &f, &out, &errors);
	if (rc == YW_EINVAL) {
		json_object_update(r->errors, errors);
		json_decref(errors);
	}
	/* Every malformed filter is named, the query's and the domain's. */
	if (json_object_size(r->errors) > 0) {
		json_decref(out);
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, out);
	json_decref(out);
	if (r->kind != YW_PAGE)
		return YW_OK;
	json_array_foreach(json_object_get(vm, "services"), i, s)
		yw_web_service_labels(r, s);
	json_object_set_new(vm, "has_services", json_boolean(json_array_size(
	    json_object_get(vm, "services")) > 0));
	s = json_object_get(vm, "paging");
	json_object_set_new(s, "many", json_boolean(json_integer_value(
	    json_object_get(s, "pages")) > 1));
	return YW_OK;
}

static enum yw_err
view_services(struct yw_req *r, json_t *vm)
{
	enum yw_err	 rc;
	json_t		*q;

	rc = list(r, vm, NULL);
	if (r->kind != YW_PAGE)
		return rc;
	filter_choices(r, vm);
	q = json_object_get(vm, "filter");
	json_object_set_new(vm, "filtered", json_boolean(
	    query_text(q, "event") != NULL || query_text(q, "type") != NULL ||
	    query_text(q, "department") != NULL || query_text(q, "region") !=
	    NULL || query_text(q, "level") != NULL));
	return rc;
}

static enum yw_err
view_life(struct yw_req *r, json_t *vm)
{
	const struct yw_life_event	*e;
	json_t				*ev;
	enum yw_err			 rc;

	e = yw_catalog_life_event(yw_req_tail(r));
	if (e == NULL)
		return YW_ENOTFOUND;
	ev = json_pack("{s:s, s:s}", "slug", e->slug, "audience", e->audience);
	if (ev == NULL)
		return YW_ENOMEM;
	json_object_set_new(vm, "event", ev);
	rc = list(r, vm, e->slug);
	/* The bundles of this life event come first on the page: one form
	 * for several departments (一件事一次办). */
	if (rc == YW_OK && yw_web_life_bundles(r, e->slug, &ev) == YW_OK)
		json_object_set_new(vm, "bundles", ev);
	if (r->kind == YW_PAGE) {
		ev = json_object_get(vm, "event");
		label(ev, "slug", tr(r, "life", "name"), "name");
		label(ev, "slug", tr(r, "life", "desc"), "desc");
		json_object_set_new(ev, "is_business", json_boolean(strcmp(
		    e->audience, "business") == 0));
	}
	return rc;
}

static enum yw_err
view_life_events(struct yw_req *r, json_t *vm)
{
	json_t		*out;
	enum yw_err	 rc;

	rc = yw_web_life_events(r, &out);
	if (rc == YW_OK)
		json_object_set_new(vm, "life_events", out);
	return rc;
}

/* Drops o[k] when it is an empty string, so that the guide falls back
 * to the Chinese text; 1 if it did. */
static int
drop_blank(json_t *o, const char *k)
{
	json_t *v;

	v = json_object_get(o, k);
	if (v != NULL && (!json_is_string(v) || json_string_length(v) > 0))
		return 0;
	(void)json_object_del(o, k);
	return 1;
}

/*
 * Pages only: the guide's English texts that are not given are dropped,
 * so the template shows the Chinese one marked lang="zh-CN" instead; on
 * English pages zh_fallback says that some text is in Chinese only.
 */
static void
guide_texts(struct yw_req *r, json_t *item)
{
	static const char *const texts[][2] = {
		{ "legal_basis", "legal_basis_en" },
		{ "conditions", "conditions_en" },
		{ "fee_text", "fee_text_en" },
	};
	json_t	*v;
	size_t	 i;
	int	 missing = 0;

	if (r->kind != YW_PAGE)
		return;
	/* Missing counts only where there is a Chinese text to fall to. */
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (drop_blank(item, texts[i][1]) && json_string_length(
		    json_object_get(item, texts[i][0])) > 0)
			missing = 1;
	/* material_en, not name_en: Mustache would find the item's own
	 * name_en in the enclosing context where a material has none. */
	json_array_foreach(json_object_get(item, "materials"), i, v) {
		if (drop_blank(v, "name_en"))
			missing = 1;
		else
			json_object_set(v, "material_en", json_object_get(v,
			    "name_en"));
		(void)drop_blank(v, "description_en");
		if (json_string_length(json_object_get(v, "description")) > 0 &&
		    json_object_get(v, "description_en") == NULL)
			missing = 1;
	}
	json_array_foreach(json_object_get(item, "steps"), i, v)
		missing |= drop_blank(v, "text_en");
	json_object_set_new(item, "zh_fallback", json_boolean(missing &&
	    strcmp(r->lang, "en") == 0));
}

static enum yw_err
view_service(struct yw_req *r, json_t *vm)
{
	json_t		*item;
	enum yw_err	 rc;

	rc = yw_catalog_get(yw_web->db, yw_req_tail(r), &item);
	if (rc != YW_OK)
		return rc;
	yw_web_service_labels(r, item);
	guide_texts(r, item);
	json_object_set_new(vm, "service", item);
	return YW_OK;
}

int
page_services(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "service/catalog",
	    view_services);
}

int
api_services(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_services);
}

int
page_life(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "service/life", view_life);
}

int
api_life(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_life);
}

int
api_life_events(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_life_events);
}

int
page_service(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "service/guide", view_service);
}

int
api_service(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_service);
}
