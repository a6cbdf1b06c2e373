/*
 * h_data_ckan.c - the CKAN Action API subset at /api/3/action/{name} (and
 * /api/action/{name}): parameters from the query string (GET, answered
 * from the public page cache while the audit epoch stands) or a JSON
 * object body (POST, no session); the work is in app/data/ckan.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/ckan.h"
#include "web/web.h"

int	ckan_action(struct http_request *);

/* Every parameter the subset reads; others are dropped. */
static const struct yw_form_field params_spec[] = {
	{ "q", 256, 0 }, { "fq", 512, 0 }, { "fq_list", 1024, 0 },
	{ "rows", 20, 0 }, { "start", 20, 0 }, { "sort", 200, 0 },
	{ "facet", 8, 0 }, { "facet.field", 512, 0 },
	{ "facet.limit", 20, 0 }, { "facet.mincount", 20, 0 },
	{ "include_private", 8, 0 }, { "include_drafts", 8, 0 },
	{ "include_deleted", 8, 0 }, { "id", 100, 0 }, { "limit", 20, 0 },
	{ "offset", 20, 0 }, { "all_fields", 8, 0 },
	{ "organizations", 1024, 0 }, { "include_datasets", 8, 0 },
	{ "include_dataset_count", 8, 0 }, { "query", 100, 0 },
	{ "vocabulary_id", 100, 0 }, { "use_default_schema", 8, 0 },
	{ "include_plugin_data", 8, 0 }, { "type", 32, 0 },
};

/* The action name: the path's last segment (the route checked it). */
static const char *
action_of(struct http_request *req)
{
	const char *p = strrchr(req->path, '/');

	return p != NULL ? p + 1 : "";
}

/* "http(s)://<Host>" for this request (arena-owned). */
static const char *
base_url(struct yw_req *r)
{
	char buf[256];

	yw_web_base_url(r->http, buf, sizeof(buf));
	return yw_arena_printf(r->arena, "%s", buf);
}

static enum yw_err
call(struct yw_req *r, json_t *vm, json_t *params, int post)
{
	json_t		*env = NULL;
	int		 status = 200;
	enum yw_err	 rc;

	rc = yw_ckan_call(yw_web->db, base_url(r), yw_web->site,
	    action_of(r->http), params, post, &status, &env);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, env);
	json_decref(env);
	r->status = status;
	return YW_OK;
}

static enum yw_err
view_get(struct yw_req *r, json_t *vm)
{
	json_t *q;

	q = yw_req_query(r, params_spec, sizeof(params_spec) /
	    sizeof(params_spec[0]));
	return call(r, vm, q, 0);
}

static enum yw_err
view_post(struct yw_req *r, json_t *vm)
{
	const char	*body;
	size_t		 len;
	json_t		*params;
	enum yw_err	 rc;

	rc = yw_req_body(r, 1024 * 1024, &body, &len);
	if (rc != YW_OK)
		return rc;
	params = len == 0 ? json_object() : json_loadb(body, len, 0, NULL);
	if (!json_is_object(params)) {
		/* CKAN answers a bare string here; we keep the envelope. */
		json_decref(params);
		json_object_set_new(vm, "help", json_string(""));
		json_object_set_new(vm, "success", json_false());
		json_object_set_new(vm, "error", json_pack("{s:s, s:s}",
		    "__type", "Validation Error", "message", "Bad request:"
		    " JSON Error: the body is not a JSON object"));
		r->status = 400;
		return YW_OK;
	}
	yw_req_keep(r, params);
	return call(r, vm, params, 1);
}

/* A bare JSON string with status 400, as CKAN answers these. */
static int
bare(struct http_request *req, const char *msg)
{
	json_t	*s = json_string(msg);
	char	*text = json_dumps(s, JSON_ENCODE_ANY);

	yw_web_headers(req);
	http_response_header(req, "content-type",
	    "application/json; charset=utf-8");
	http_response_header(req, "cache-control", "no-store");
	http_response(req, 400, text, text != NULL ? strlen(text) : 0);
	free(text);
	json_decref(s);
	return KORE_RESULT_OK;
}

int
ckan_action(struct http_request *req)
{
	char		 msg[160];
	const char	*name = action_of(req);
	int		 known = yw_ckan_known(name);

	if (known == 0) {
		(void)snprintf(msg, sizeof(msg),
		    "Bad request: Action name not known: %s", name);
		return bare(req, msg);
	}
	if (req->method == HTTP_METHOD_POST)
		return yw_web_run_key(req, view_post);
	if (known == 2)
		return bare(req, "Bad request: JSON Error: Invalid request."
		    " Please use POST method for your request");
	return yw_web_run_public(req, YW_API, NULL, view_get);
}
