/*
 * h_data_keywords.c - /staff/data/resources/{code}/keywords and its JSON
 * twin: the keywords of an open data set, edited by its department's data
 * stewards (app/data/open_keywords.h).
 */
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/data.h"
#include "app/data/open_keywords.h"
#include "web/web.h"

int	page_staff_data_keywords(struct http_request *);
int	api_data_keywords(struct http_request *);

#define KEYWORDS_TEXT_MAX	2000	/* bytes of the entered text */

/* The code of ".../resources/<code>/keywords". */
static const char *
code_of(struct yw_req *r)
{
	const char *p, *end;

	p = strstr(r->http->path, "/resources/");
	if (p == NULL)
		return NULL;
	p += strlen("/resources/");
	end = strchr(p, '/');
	if (end == NULL || end == p || (size_t)(end - p) >= YW_DATA_CODE_MAX)
		return NULL;
	return yw_arena_strndup(r->arena, p, (size_t)(end - p));
}

/* The view: the data set and its keywords; on POST, the change. */
static enum yw_err
view_keywords(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "keywords", KEYWORDS_TEXT_MAX, YW_FORM_MULTILINE },
	};
	const char	*code, *text;
	json_t		*out = NULL, *errors = NULL, *body, *v;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	code = code_of(r);
	if (code == NULL)
		return YW_ENOTFOUND;
	rc = yw_open_keywords_get(yw_web->db, &r->actor, code, &out);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, out);
	json_decref(out);
	if (!yw_req_is_post(r))
		return YW_OK;
	if (r->kind == YW_API) {
		rc = yw_req_json(r, KEYWORDS_TEXT_MAX * 2, &body);
		if (rc != YW_OK)
			return rc;
		v = json_object_get(body, "keywords");
		text = json_string_value(v);
		if (text == NULL) {
			r->errors = yw_req_keep(r, json_pack("{s:s}",
			    "keywords", "required"));
			return YW_EINVAL;
		}
	} else {
		rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
		if (rc != YW_OK)
			return rc;
		text = json_string_value(json_object_get(r->form,
		    "keywords"));
	}
	rc = yw_open_keywords_set(yw_web->db, &r->actor, code,
	    text != NULL ? text : "", &errors);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, errors);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	if (r->kind == YW_API) {
		rc = yw_open_keywords_get(yw_web->db, &r->actor, code, &out);
		if (rc == YW_OK)
			json_object_update(vm, out);
		json_decref(out);
		return rc;
	}
	r->redirect = yw_arena_printf(r->arena,
	    "/staff/data/resources/%s/keywords?saved=1", code);
	return YW_OK;
}

int
page_staff_data_keywords(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/open_keywords", view_keywords);
}

int
api_data_keywords(struct http_request *req)
{
	if (req->method == HTTP_METHOD_POST)
		return yw_web_run_api_write(req, view_keywords);
	return yw_web_run(req, YW_API, NULL, view_keywords);
}
