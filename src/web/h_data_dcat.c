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

/* "http(s)://<Host>" into buf; the Host header only when it looks like
 * one. */
static void
base_url(struct http_request *req, char *buf, size_t sz)
{
	const char	*h = NULL;
	size_t		 i;

	if (!http_request_header(req, "host", &h) || h == NULL ||
	    h[0] == '\0' || strlen(h) > 200)
		h = "localhost";
	for (i = 0; h[i] != '\0'; i++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789.-:[]", h[i]) == NULL) {
			h = "localhost";
			break;
		}
	(void)snprintf(buf, sz, "%s://%s", yw_web->secure ? "https" : "http",
	    h);
}

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
	base_url(req, base, sizeof(base));
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
