/*
 * h_data_requests.c - sharing requests: /staff/data/requests (mine, to
 * review, to answer, with lights), /staff/data/requests/{id} (timeline and
 * the step's form), /staff/data/resources/{code}/request (the request
 * form), and the same at /api/v1/data/requests[/{id}] with JSON writes at
 * /api/v1/data/resources/{code}/requests and
 * /api/v1/data/requests/{id}/actions.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/data.h"
#include "app/data/request.h"
#include "app/data/schema.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_staff_data_requests(struct http_request *);
int	page_staff_data_request(struct http_request *);
int	page_staff_data_request_new(struct http_request *);
int	api_data_requests(struct http_request *);
int	api_data_request(struct http_request *);
int	api_data_request_create(struct http_request *);
int	api_data_request_act(struct http_request *);

#define BODY_MAX	(16 * 1024)
#define WANT(n)	{ "want_" #n, YW_SCHEMA_NAME_MAX, 0 }
#define WANTS \
	WANT(1), WANT(2), WANT(3), WANT(4), WANT(5), WANT(6), WANT(7), \
	WANT(8), WANT(9), WANT(10), WANT(11), WANT(12), WANT(13), WANT(14), \
	WANT(15), WANT(16), WANT(17), WANT(18), WANT(19), WANT(20), WANT(21), \
	WANT(22), WANT(23), WANT(24), WANT(25), WANT(26), WANT(27), WANT(28), \
	WANT(29), WANT(30), WANT(31), WANT(32), WANT(33), WANT(34), WANT(35), \
	WANT(36), WANT(37), WANT(38), WANT(39), WANT(40)

static json_t *
tr(struct yw_req *r, const char *section)
{
	return json_object_get(json_object_get(yw_web->locales, r->lang),
	    section);
}

static const char *
fstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/* The checked want_<n> boxes as an array of item names (new). */
static json_t *
wanted(json_t *form)
{
	json_t	*list;
	char	 k[16];
	int	 n;

	list = json_array();
	for (n = 1; n <= YW_SCHEMA_MAX_ITEMS; n++) {
		(void)snprintf(k, sizeof(k), "want_%d", n);
		if (fstr(form, k)[0] != '\0')
			json_array_append_new(list, json_string(fstr(form, k)));
	}
	return list;
}

/* Check boxes for items (borrowed: item objects or names), checked when
 * in chosen (borrowed names; NULL checks all). */
static json_t *
boxes(json_t *items, json_t *chosen)
{
	json_t		*out, *it, *c;
	const char	*name;
	char		 k[32];
	size_t		 i, j;
	int		 on;

	out = json_array();
	json_array_foreach(items, i, it) {
		name = json_is_string(it) ? json_string_value(it) :
		    fstr(it, "name");
		on = chosen == NULL;
		json_array_foreach(chosen, j, c)
			if (strcmp(json_string_value(c), name) == 0)
				on = 1;
		(void)snprintf(k, sizeof(k), "want_%zu", i + 1);
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:b, s:b}",
		    "name", name, "field", k, "label", json_is_string(it) ?
		    name : fstr(it, "label"), "checked", on, "personal",
		    json_is_true(json_object_get(it, "personal"))));
	}
	return out;
}

/* Light and state labels of one request (pages). */
static void
labels(struct yw_req *r, json_t *q)
{
	const char *light = fstr(q, "light");

	json_object_set_new(q, "has_granted", json_boolean(json_array_size(
	    json_object_get(q, "granted_items")) > 0));
	json_object_set(q, "state_name", json_object_get(tr(r,
	    "data_request_state"), fstr(q, "state")));
	if (light[0] != '\0') {
		json_object_set(q, "light_label", json_object_get(json_object_get(
		    tr(r, "case"), "light"), light));
		json_object_set_new(q, "is_red", json_boolean(strcmp(light,
		    "red") == 0));
		json_object_set_new(q, "is_yellow", json_boolean(strcmp(light,
		    "yellow") == 0));
		json_object_set_new(q, "is_green", json_boolean(strcmp(light,
		    "green") == 0));
	}
}

static enum yw_err
view_requests(struct yw_req *r, json_t *vm)
{
	json_t		*out = NULL, *q;
	const char	*k;
	json_t		*list;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_data_request_lists(yw_web->db, &r->actor, yw_web_workcal(),
	    yw_time_now(), &out);
	if (rc != YW_OK)
		return rc;
	if (r->kind == YW_PAGE)
		json_object_foreach(out, k, list)
			json_array_foreach(list, i, q)
				labels(r, q);
	json_object_update(vm, out);
	json_decref(out);
	return YW_OK;
}

static enum yw_err
load_request(struct yw_req *r, json_t *vm, int64_t id)
{
	json_t		*q = NULL, *e;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_data_request_get(yw_web->db, &r->actor, yw_web_workcal(), id,
	    yw_time_now(), &q);
	if (rc != YW_OK)
		return rc;
	if (r->kind == YW_PAGE) {
		labels(r, q);
		json_array_foreach(json_object_get(q, "timeline"), i, e)
			json_object_set(e, "event_name", json_object_get(tr(r,
			    "data_request_event"), fstr(e, "event")));
		json_object_set_new(q, "item_boxes", boxes(json_object_get(q,
		    "items"), NULL));
		json_array_foreach(json_object_get(q, "may"), i, e)
			json_object_set_new(q, yw_arena_printf(r->arena,
			    "may_%s", json_string_value(e)), json_true());
	}
	json_object_set_new(vm, "request", q);
	return YW_OK;
}

static enum yw_err
view_request(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "action", 16, YW_FORM_REQUIRED },
		{ "reason", YW_DATA_REASON_MAX, YW_FORM_MULTILINE },
		WANTS,
	};
	json_t		*in, *errors = NULL;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_web_id(yw_req_tail(r));
	rc = load_request(r, vm, id);
	if (rc != YW_OK || !yw_req_is_post(r))
		return rc;
	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc != YW_OK)
		return rc;
	in = json_pack("{s:s, s:o}", "reason", fstr(r->form, "reason"),
	    "items", wanted(r->form));
	rc = yw_data_request_act(yw_web->db, &r->actor, yw_web_workcal(), id,
	    fstr(r->form, "action"), in, yw_time_now(), &errors);
	json_decref(in);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, errors);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena,
	    "/staff/data/requests/%lld?saved=1", (long long)id);
	return YW_OK;
}

static enum yw_err
view_request_new(struct yw_req *r, json_t *vm)
{
	static const char prefix[] = "/staff/data/resources/";
	static const struct yw_form_field spec[] = {
		{ "purpose", YW_DATA_PURPOSE_MAX, YW_FORM_MULTILINE },
		{ "expires_on", 10, 0 },
		WANTS,
	};
	char		 code[YW_DATA_CODE_MAX];
	const char	*p = r->http->path, *end;
	json_t		*res = NULL, *in, *errors = NULL, *chosen;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (strncmp(p, prefix, sizeof(prefix) - 1) != 0)
		return YW_ENOTFOUND;
	p += sizeof(prefix) - 1;
	end = strchr(p, '/');
	if (end == NULL || (size_t)(end - p) >= sizeof(code))
		return YW_ENOTFOUND;
	memcpy(code, p, (size_t)(end - p));
	code[end - p] = '\0';
	rc = yw_data_resource_get(yw_web->db, &r->actor, code, &res);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "resource", json_pack("{s:O, s:O, s:O?}",
	    "code", json_object_get(res, "code"), "name", json_object_get(res,
	    "name"), "department_name", json_object_get(res,
	    "department_name")));
	if (!yw_req_is_post(r)) {
		json_object_set_new(vm, "item_boxes", boxes(json_object_get(res,
		    "items"), json_array()));
		json_object_set_new(vm, "form", json_object());
		json_decref(res);
		return YW_OK;
	}
	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc != YW_OK && rc != YW_EINVAL)
		goto out;
	chosen = wanted(r->form);
	json_object_set_new(vm, "item_boxes", boxes(json_object_get(res,
	    "items"), chosen));
	if (rc == YW_EINVAL) {
		json_decref(chosen);
		goto out;
	}
	in = json_pack("{s:s, s:s, s:o}", "purpose", fstr(r->form, "purpose"),
	    "expires_on", fstr(r->form, "expires_on"), "items", chosen);
	rc = yw_data_request_create(yw_web->db, &r->actor, yw_web_workcal(),
	    code, in, yw_time_now(), &id, &errors);
	json_decref(in);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, errors);
		goto out;
	}
	if (rc == YW_OK)
		r->redirect = yw_arena_printf(r->arena,
		    "/staff/data/requests/%lld?saved=1", (long long)id);
out:
	json_decref(res);
	return rc;
}

static enum yw_err
view_api_create(struct yw_req *r, json_t *vm)
{
	static const char prefix[] = "/api/v1/data/resources/";
	char		 code[YW_DATA_CODE_MAX];
	const char	*p = r->http->path, *end;
	json_t		*body = NULL, *errors = NULL;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_json(r, BODY_MAX, &body);
	if (rc != YW_OK)
		return rc;
	if (strncmp(p, prefix, sizeof(prefix) - 1) != 0)
		return YW_ENOTFOUND;
	p += sizeof(prefix) - 1;
	end = strchr(p, '/');
	if (end == NULL || (size_t)(end - p) >= sizeof(code))
		return YW_ENOTFOUND;
	memcpy(code, p, (size_t)(end - p));
	code[end - p] = '\0';
	rc = yw_data_request_create(yw_web->db, &r->actor, yw_web_workcal(),
	    code, body, yw_time_now(), &id, &errors);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, errors);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	r->status = 201;
	return load_request(r, vm, id);
}

static enum yw_err
view_api_act(struct yw_req *r, json_t *vm)
{
	json_t		*body = NULL, *errors = NULL;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_json(r, BODY_MAX, &body);
	if (rc != YW_OK)
		return rc;
	id = yw_req_path_id(r, 4);
	rc = yw_data_request_act(yw_web->db, &r->actor, yw_web_workcal(), id,
	    fstr(body, "action"), body, yw_time_now(), &errors);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, errors);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	return load_request(r, vm, id);
}

int
page_staff_data_requests(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/requests", view_requests);
}

int
page_staff_data_request(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/request", view_request);
}

int
page_staff_data_request_new(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/request_new", view_request_new);
}

int
api_data_requests(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_requests);
}

int
api_data_request(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_request);
}

int
api_data_request_create(struct http_request *req)
{
	return yw_web_run_api_write(req, view_api_create);
}

int
api_data_request_act(struct http_request *req)
{
	return yw_web_run_api_write(req, view_api_act);
}
