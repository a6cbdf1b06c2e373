/*
 * h_data_dcat.c - /catalog.ttl and /catalog.jsonld: the open data
 * catalogue in DCAT-AP 3 (app/data/dcat.c). Built per request from the
 * catalogue summaries (a few dozen rows); public, no session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/dcat.h"
#include "core/buf.h"
#include "web/web.h"

int	dcat_turtle(struct http_request *);
int	dcat_jsonld(struct http_request *);

static int
serve(struct http_request *req, int turtle)
{
	json_t		*graph = NULL, *doc;
	struct yw_buf	 b;
	char		 base[256], *text = NULL;
	enum yw_err	 rc;

	yw_web_headers(req);
	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		http_response(req, 405, NULL, 0);
		return KORE_RESULT_OK;
	}
	yw_web_base_url(req, base, sizeof(base));
	rc = yw_dcat_graph(yw_web->db, base, yw_web->site, &graph);
	if (rc != YW_OK) {
		http_response(req, yw_http_status(rc), NULL, 0);
		return KORE_RESULT_OK;
	}
	yw_buf_init(&b);
	if (turtle)
		rc = yw_dcat_turtle(graph, &b);
	else {
		doc = yw_dcat_jsonld(graph);
		text = json_dumps(doc, JSON_INDENT(1));
		json_decref(doc);
		rc = text != NULL ? yw_buf_appends(&b, text) : YW_ENOMEM;
		free(text);
	}
	json_decref(graph);
	if (rc != YW_OK) {
		yw_buf_free(&b);
		http_response(req, 500, NULL, 0);
		return KORE_RESULT_OK;
	}
	http_response_header(req, "content-type", turtle ?
	    "text/turtle; charset=utf-8" : "application/ld+json");
	http_response(req, 200, b.data, b.len);
	yw_buf_free(&b);
	return KORE_RESULT_OK;
}

int
dcat_turtle(struct http_request *req)
{
	return serve(req, 1);
}

int
dcat_jsonld(struct http_request *req)
{
	return serve(req, 0);
}
