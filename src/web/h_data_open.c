/*
 * h_data_open.c - the open data portal: /data (search with facets),
 * /data/{code} (a data set: metadata, fields, preview, downloads),
 * /data/{code}.csv, /data/plan (the opening plan), /data/requests (the
 * public's requests and the departments' replies), and the same view
 * models under /api/v1/open/.
 *
 * Caching: /data and its JSON are served through yw_web_run_public, whose
 * cache is keyed by the audit epoch; they show only summaries, which
 * change through audited catalogue edits. Exchange pushes are not audited,
 * so everything they change (record count, last update, preview) and the
 * use counts are on the data set page and the record API, which are never
 * cached (yw_web_run). Plan and requests change through citizens' posts
 * too, so they are not cached either.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/data.h"
#include "app/data/open.h"
#include "app/data/open_plan.h"
#include "app/org/org.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_open(struct http_request *);
int	api_open_datasets(struct http_request *);
int	page_open_dataset(struct http_request *);
int	api_open_dataset(struct http_request *);
int	page_open_csv(struct http_request *);
int	api_open_records(struct http_request *);
int	page_open_plan(struct http_request *);
int	api_open_plan(struct http_request *);
int	page_open_requests(struct http_request *);
int	api_open_requests(struct http_request *);
int	page_open_request(struct http_request *);

static json_t *
tr(struct yw_req *r, const char *a)
{
	return json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "open"), a);
}

static const char *
qtext(json_t *q, const char *k)
{
	const char *s = json_string_value(json_object_get(q, k));

	return s != NULL && s[0] != '\0' ? s : NULL;
}

static int64_t
qnum(json_t *q, const char *k)
{
	const char *s = qtext(q, k);

	return s != NULL ? yw_web_id(s) : 0;
}

/* o[k + "_label"] = t.open.<section>[o[k]] on pages. */
static void
label(struct yw_req *r, json_t *o, const char *k, const char *section)
{
	char	key[48];
	json_t	*l;

	l = json_object_get(tr(r, section), json_string_value(
	    json_object_get(o, k)) != NULL ? json_string_value(
	    json_object_get(o, k)) : "");
	(void)snprintf(key, sizeof(key), "%s_label", k);
	if (l != NULL)
		json_object_set(o, key, l);
}

static void
date_label(json_t *o, const char *k)
{
	json_t	*v = json_object_get(o, k);
	char	 buf[24], key[48];

	if (!json_is_integer(v))
		return;
	if (yw_time_fmt_local(json_integer_value(v), buf, sizeof(buf), 1) !=
	    YW_OK)
		return;
	(void)snprintf(key, sizeof(key), "%s_text", k);
	json_object_set_new(o, key, json_string(buf));
}

static void
dataset_labels(struct yw_req *r, json_t *d)
{
	if (r->kind != YW_PAGE)
		return;
	label(r, d, "classification", "topic");
	label(r, d, "format", "format");
	label(r, d, "update_cycle", "cycle");
	label(r, d, "open_attr", "open_attr");
	json_object_set_new(d, "conditional", json_boolean(strcmp(
	    json_string_value(json_object_get(d, "open_attr")),
	    "conditional") == 0));
	date_label(d, "records_updated_at");
	json_object_set_new(d, "has_keywords", json_boolean(json_array_size(
	    json_object_get(d, "keywords")) > 0));
	json_object_set_new(json_object_get(d, "preview"), "has_rows",
	    json_boolean(json_array_size(json_object_get(json_object_get(d,
	    "preview"), "rows")) > 0));
}

/* {value, count, label, selected} for the facet lists of a page. */
static void
facet_labels(struct yw_req *r, json_t *facets, json_t *q)
{
	static const char *const names[] = { "department", "topic",
	    "format" };
	json_t		*list, *e;
	const char	*cur;
	size_t		 i, j;

	for (i = 0; i < 3; i++) {
		list = json_object_get(facets, names[i]);
		cur = qtext(q, names[i]);
		json_array_foreach(list, j, e) {
			if (i == 0)
				json_object_set(e, "label", json_object_get(e,
				    strcmp(r->lang, "en") == 0 &&
				    json_string_length(json_object_get(e,
				    "name_en")) > 0 ? "name_en" : "name"));
			else
				json_object_set(e, "label", json_object_get(
				    tr(r, names[i]), json_string_value(
				    json_object_get(e, "value"))));
			json_object_set_new(e, "selected", json_boolean(cur !=
			    NULL && strcmp(cur, json_string_value(
			    json_object_get(e, "value"))) == 0));
		}
	}
}

static enum yw_err
view_open(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "q", 80, 0 },
		{ "department", 32, 0 },
		{ "topic", 16, 0 },
		{ "format", 16, 0 },
		{ "page", 6, 0 },
	};
	struct yw_open_q	 q;
	json_t			*query, *out = NULL, *errors = NULL, *d;
	size_t			 i;
	enum yw_err		 rc;

	rc = yw_req_query_checked(r, spec, sizeof(spec) / sizeof(spec[0]),
	    &query);
	if (rc != YW_OK && rc != YW_EINVAL)
		return rc;
	json_object_set(vm, "filter", query);
	memset(&q, 0, sizeof(q));
	q.text = qtext(query, "q");
	q.department = qtext(query, "department");
	q.topic = qtext(query, "topic");
	q.format = qtext(query, "format");
	q.page = qnum(query, "page");
	rc = yw_open_search(yw_web->db, &q, &out, &errors);
	if (rc == YW_EINVAL) {
		json_object_update(r->errors, errors);
		json_decref(errors);
	}
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
	json_array_foreach(json_object_get(vm, "datasets"), i, d)
		dataset_labels(r, d);
	facet_labels(r, json_object_get(vm, "facets"), query);
	json_object_set_new(vm, "filtered", json_boolean(q.text != NULL ||
	    q.department != NULL || q.topic != NULL || q.format != NULL));
	json_object_set_new(vm, "has_prev", json_boolean(json_integer_value(
	    json_object_get(vm, "page")) > 1));
	json_object_set_new(vm, "prev_page", json_integer(json_integer_value(
	    json_object_get(vm, "page")) - 1));
	json_object_set_new(vm, "has_next", json_boolean(json_integer_value(
	    json_object_get(vm, "page")) < json_integer_value(
	    json_object_get(vm, "pages"))));
	json_object_set_new(vm, "next_page", json_integer(json_integer_value(
	    json_object_get(vm, "page")) + 1));
	return YW_OK;
}

/* The code of /data/<code>[.csv] or /api/v1/open/datasets/<code>[/...]:
 * the path segment after the prefix, arena-owned. */
static const char *
path_code(struct yw_req *r, const char *prefix)
{
	const char	*p = r->http->path;
	size_t		 n;

	if (strncmp(p, prefix, strlen(prefix)) != 0)
		return NULL;
	p += strlen(prefix);
	n = strcspn(p, "/.");
	if (n == 0 || n >= YW_DATA_CODE_MAX)
		return NULL;
	return yw_arena_printf(r->arena, "%.*s", (int)n, p);
}

static enum yw_err
view_dataset(struct yw_req *r, json_t *vm)
{
	json_t		*d = NULL;
	const char	*code;
	enum yw_err	 rc;

	code = path_code(r, r->kind == YW_PAGE ? "/data/" :
	    "/api/v1/open/datasets/");
	if (code == NULL)
		return YW_ENOTFOUND;
	rc = yw_open_get(yw_web->db, code, &d);
	if (rc != YW_OK)
		return rc;
	dataset_labels(r, d);
	json_object_set_new(vm, "dataset", d);
	return YW_OK;
}

static enum yw_err
view_csv(struct yw_req *r, json_t *vm)
{
	struct yw_buf	 b;
	const char	*code;
	char		*copy;
	enum yw_err	 rc;

	(void)vm;
	code = path_code(r, "/data/");
	if (code == NULL)
		return YW_ENOTFOUND;
	yw_buf_init(&b);
	rc = yw_open_csv(yw_web->db, code, &b);
	if (rc == YW_OK)
		rc = yw_open_count(yw_web->db, code, 0);
	if (rc == YW_OK) {
		copy = yw_arena_alloc(r->arena, b.len + 1);
		if (copy == NULL)
			rc = YW_ENOMEM;
		else {
			memcpy(copy, b.data, b.len);
			r->file = copy;
			r->file_len = b.len;
			r->file_type = "text/csv; charset=utf-8";
			r->file_name = yw_arena_printf(r->arena, "%s.csv",
			    code);
		}
	}
	yw_buf_free(&b);
	return rc;
}

static enum yw_err
view_records(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "after", 18, 0 },
		{ "limit", 6, 0 },
	};
	json_t		*q, *out = NULL;
	const char	*code, *s;
	int64_t		 after = 0, limit = 0;
	enum yw_err	 rc;

	code = path_code(r, "/api/v1/open/datasets/");
	if (code == NULL)
		return YW_ENOTFOUND;
	rc = yw_req_query_checked(r, spec, 2, &q);
	if (rc != YW_OK)
		return rc;
	s = qtext(q, "after");
	if (s != NULL && (after = yw_web_id(s)) == 0 && strcmp(s, "0") != 0)
		json_object_set_new(r->errors, "after", json_string(
		    "invalid"));
	s = qtext(q, "limit");
	if (s != NULL && ((limit = yw_web_id(s)) == 0 || limit >
	    YW_OPEN_PAGE_MAX))
		json_object_set_new(r->errors, "limit", json_string(
		    "out_of_range"));
	if (json_object_size(r->errors) > 0)
		return YW_EINVAL;
	rc = yw_open_records(yw_web->db, code, after, limit, &out);
	if (rc == YW_OK)
		rc = yw_open_count(yw_web->db, code, 1);
	if (rc != YW_OK) {
		json_decref(out);
		return rc;
	}
	json_object_update(vm, out);
	json_decref(out);
	return YW_OK;
}

/* The current year in Asia/Shanghai. */
static int64_t
this_year(void)
{
	char buf[16];

	if (yw_time_fmt_local(yw_time_now(), buf, sizeof(buf), 0) != YW_OK)
		return 2026;
	buf[4] = '\0';
	return yw_web_id(buf);
}

static int
is_steward(struct yw_req *r)
{
	return strcmp(r->actor.kind, "staff") == 0 && (r->actor.roles &
	    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DATA_STEWARD |
	    YW_ROLE_DEPT_ADMIN));
}

static enum yw_err
departments(struct yw_req *r, json_t *vm)
{
	json_t		*list = NULL;
	enum yw_err	 rc;

	rc = yw_org_departments(yw_web->db, NULL, &list);
	if (rc != YW_OK)
		return rc;
	yw_web_mark_selected(list, "id", r->form, "department_id");
	json_object_set_new(vm, "departments", list);
	return YW_OK;
}

static enum yw_err
view_plan(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field get_spec[] = {
		{ "year", 4, 0 },
	};
	static const struct yw_form_field form[] = {
		{ "action", 16, YW_FORM_REQUIRED },
		{ "id", 20, 0 },
		{ "department_id", 20, 0 },
		{ "year", 4, 0 },
		{ "quarter", 1, 0 },
		{ "name", YW_OPEN_PLAN_NAME_MAX, 0 },
		{ "description", YW_OPEN_PLAN_DESC_MAX, YW_FORM_MULTILINE },
	};
	json_t		*q, *out = NULL, *errors = NULL, *e;
	int64_t		 year, id;
	size_t		 i;
	enum yw_err	 rc;
	const char	*action;

	q = yw_req_query(r, get_spec, 1);
	year = qnum(q, "year");
	if (year < 2000 || year > 2100)
		year = this_year();
	if (r->kind == YW_PAGE && yw_req_is_post(r)) {
		rc = yw_req_form(r, form, sizeof(form) / sizeof(form[0]));
		if (rc != YW_OK && rc != YW_EINVAL)
			return rc;
		action = json_string_value(json_object_get(r->form,
		    "action"));
		if (rc == YW_OK && action != NULL && strcmp(action,
		    "delete") == 0) {
			rc = yw_open_plan_delete(yw_web->db, &r->actor,
			    yw_web_id(json_string_value(json_object_get(
			    r->form, "id"))));
		} else if (rc == YW_OK) {
			rc = yw_open_plan_add(yw_web->db, &r->actor, r->form,
			    &id, &errors);
			if (rc == YW_EINVAL)
				r->errors = yw_req_keep(r, errors);
		}
		if (rc == YW_OK) {
			r->redirect = yw_arena_printf(r->arena,
			    "/data/plan?year=%lld&saved=1", (long long)year);
			return YW_OK;
		}
		if (rc != YW_EINVAL)
			return rc;
	}
	rc = yw_open_plan_list(yw_web->db, year, &out);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, out);
	json_decref(out);
	if (r->kind != YW_PAGE)
		return r->errors != NULL && json_object_size(r->errors) > 0 ?
		    YW_EINVAL : YW_OK;
	json_array_foreach(json_object_get(vm, "entries"), i, e)
		json_object_set_new(e, "may_delete", json_boolean(is_steward(r) &&
		    ((r->actor.roles & YW_ROLE_PLATFORM_ADMIN) ||
		    json_integer_value(json_object_get(e, "department_id")) ==
		    r->actor.department_id)));
	json_object_set_new(vm, "may_edit", json_boolean(is_steward(r)));
	json_object_set_new(vm, "pick_department", json_boolean(
	    r->actor.roles & YW_ROLE_PLATFORM_ADMIN));
	json_object_set_new(vm, "prev_year", json_integer(year - 1));
	json_object_set_new(vm, "next_year", json_integer(year + 1));
	if (json_object_get(vm, "form") == NULL)
		json_object_set_new(vm, "form", json_pack("{s:I}", "year",
		    (json_int_t)year));
	rc = departments(r, vm);
	if (rc != YW_OK)
		return rc;
	return r->errors != NULL && json_object_size(r->errors) > 0 ?
	    YW_EINVAL : YW_OK;
}

static void
request_labels(struct yw_req *r, json_t *q)
{
	if (r->kind != YW_PAGE)
		return;
	date_label(q, "created_at");
	date_label(q, "replied_at");
	json_object_set_new(q, "answered", json_boolean(strcmp(
	    json_string_value(json_object_get(q, "status")), "answered") ==
	    0));
}

static enum yw_err
view_requests(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field get_spec[] = {
		{ "page", 6, 0 },
	};
	static const struct yw_form_field form[] = {
		{ "department_id", 20, 0 },
		{ "title", YW_OPEN_REQ_TITLE_MAX, 0 },
		{ "body", YW_OPEN_REQ_BODY_MAX, YW_FORM_MULTILINE },
	};
	json_t		*q, *out = NULL, *errors = NULL, *e;
	int64_t		 id;
	size_t		 i;
	enum yw_err	 rc = YW_OK;

	if (r->kind == YW_PAGE && yw_req_is_post(r)) {
		rc = yw_req_need_login(r);
		if (rc != YW_OK)
			return rc;
		rc = yw_req_form(r, form, sizeof(form) / sizeof(form[0]));
		if (rc != YW_OK && rc != YW_EINVAL)
			return rc;
		if (rc == YW_OK) {
			rc = yw_open_request_add(yw_web->db, &r->actor,
			    r->form, &id, &errors);
			if (rc == YW_EINVAL)
				r->errors = yw_req_keep(r, errors);
			if (rc == YW_OK) {
				r->redirect = yw_arena_printf(r->arena,
				    "/data/requests/%lld", (long long)id);
				return YW_OK;
			}
			if (rc != YW_EINVAL)
				return rc;
		}
	}
	q = yw_req_query(r, get_spec, 1);
	rc = yw_open_request_list(yw_web->db, qnum(q, "page"), &out);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, out);
	json_decref(out);
	if (r->kind != YW_PAGE)
		return YW_OK;
	json_array_foreach(json_object_get(vm, "requests"), i, e)
		request_labels(r, e);
	json_object_set_new(vm, "logged_in", json_boolean(r->actor.id != 0));
	rc = departments(r, vm);
	if (rc != YW_OK)
		return rc;
	return r->errors != NULL && json_object_size(r->errors) > 0 ?
	    YW_EINVAL : YW_OK;
}

static enum yw_err
view_request(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field form[] = {
		{ "reply", YW_OPEN_REPLY_MAX, YW_FORM_MULTILINE },
	};
	json_t		*q = NULL, *errors = NULL;
	int64_t		 id;
	enum yw_err	 rc;

	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	if (yw_req_is_post(r)) {
		rc = yw_req_need_login(r);
		if (rc != YW_OK)
			return rc;
		rc = yw_req_form(r, form, 1);
		if (rc != YW_OK && rc != YW_EINVAL)
			return rc;
		if (rc == YW_OK) {
			rc = yw_open_request_reply(yw_web->db, &r->actor, id,
			    json_string_value(json_object_get(r->form,
			    "reply")), &errors);
			if (rc == YW_EINVAL)
				r->errors = yw_req_keep(r, errors);
			if (rc == YW_OK) {
				r->redirect = yw_arena_printf(r->arena,
				    "/data/requests/%lld?saved=1",
				    (long long)id);
				return YW_OK;
			}
			if (rc != YW_EINVAL)
				return rc;
		}
	}
	rc = yw_open_request_get(yw_web->db, &r->actor, id, &q);
	if (rc != YW_OK)
		return rc;
	request_labels(r, q);
	json_object_set_new(vm, "request", q);
	return r->errors != NULL && json_object_size(r->errors) > 0 ?
	    YW_EINVAL : YW_OK;
}

int
page_open(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "open/index", view_open);
}

int
api_open_datasets(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_open);
}

int
page_open_dataset(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "open/dataset", view_dataset);
}

int
api_open_dataset(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_dataset);
}

int
page_open_csv(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, NULL, view_csv);
}

int
api_open_records(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_records);
}

int
page_open_plan(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "open/plan", view_plan);
}

int
api_open_plan(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_plan);
}

int
page_open_requests(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "open/requests", view_requests);
}

int
api_open_requests(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_requests);
}

int
page_open_request(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "open/request", view_request);
}
