/*
 * h_open311.c - Open311 GeoReport v2 at /open311/v2/: discovery, services,
 * service definitions, requests (GET and POST), one request and tokens,
 * each as JSON or XML by the resource's extension (.json, .xml). The work
 * is in app/interact/open311.c; here are the names and messages from the
 * catalogue, the two renderings and the spec's error shape
 * ([{code, description}] with 400, 403 or 404). GETs need no key and are
 * answered from the per-worker cache while the audit epoch stands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/audit/audit.h"
#include "app/interact/open311.h"
#include "core/gzip.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "core/xml.h"
#include "web/cache.h"
#include "web/group.h"
#include "web/letterview.h"
#include "web/web.h"

int	open311_discovery(struct http_request *);
int	open311_services(struct http_request *);
int	open311_service(struct http_request *);
int	open311_requests(struct http_request *);
int	open311_request(struct http_request *);
int	open311_token(struct http_request *);

#define SPEC_URL	"http://wiki.open311.org/GeoReport_v2"
#define CHANGESET	"2026-11-28T00:00:00+08:00"	/* of this API */

static const struct yw_xml_names xml_names[] = {
	{ "services", "service" }, { "service_requests", "request" },
	{ "attributes", "attribute" }, { "values", "value" },
	{ "errors", "error" }, { "endpoints", "endpoint" },
	{ "formats", "format" }, { NULL, NULL },
};

/* One call: what a view fills in besides the yw_req it runs with. */
struct call {
	struct yw_req	 r;
	int		 xml;		/* .xml, else .json */
	const char	*root;		/* XML root element */
	json_t		*body;		/* the answer (owned) */
	const char	*why;		/* a refusal's reason */
	json_t		*errors;	/* field -> code (owned) */
	int		 status;
};

typedef enum yw_err (*call_fn)(struct call *c);

static const char *
text(struct call *c, const char *key)
{
	json_t *t = json_object_get(json_object_get(yw_web->locales,
	    c->r.lang), "open311");

	return yw_jstr(t, key);
}

/* The path segment before the extension: "42" of /requests/42.json. */
static const char *
tail_id(struct call *c)
{
	const char	*t = yw_req_tail(&c->r);
	const char	*dot;

	if (t == NULL)
		return "";
	dot = strrchr(t, '.');
	return yw_arena_strndup(c->r.arena, t, dot != NULL ?
	    (size_t)(dot - t) : strlen(t));
}

/* tmpl with each {name} replaced by its value (arena-owned). */
static const char *
fill(struct call *c, const char *tmpl, const char *const *kv, size_t n)
{
	struct yw_buf	 b;
	const char	*p, *e, *out;
	size_t		 i, len;

	yw_buf_init(&b);
	for (p = tmpl; *p != '\0'; p++) {
		e = *p == '{' ? strchr(p, '}') : NULL;
		for (i = 0; e != NULL && i + 1 < n; i += 2) {
			len = strlen(kv[i]);
			if ((size_t)(e - p - 1) == len &&
			    strncmp(p + 1, kv[i], len) == 0)
				break;
		}
		if (e != NULL && i + 1 < n) {
			(void)yw_buf_appends(&b, kv[i + 1]);
			p = e;
		} else
			(void)yw_buf_appendc(&b, *p);
	}
	out = yw_arena_strndup(c->r.arena, b.data != NULL ? b.data : "",
	    b.len);
	yw_buf_free(&b);
	return out;
}

/* "投诉：市场监管" for a channel and category. */
static const char *
service_name(struct call *c, const char *channel, const char *category)
{
	const char *kv[4];

	kv[0] = "channel";
	kv[1] = json_string_value(yw_web_letter_text(&c->r, "channel",
	    channel));
	kv[2] = "category";
	kv[3] = json_string_value(yw_web_letter_text(&c->r, "category",
	    category));
	if (kv[1] == NULL || kv[3] == NULL)
		return "";
	return fill(c, text(c, "service_name"), kv, 4);
}

/* ------------------------------------------------------------------ */
/* The resources. */

static enum yw_err
do_discovery(struct call *c)
{
	char base[256], url[300];

	yw_web_base_url(c->r.http, base, sizeof(base));
	(void)snprintf(url, sizeof(url), "%s/open311/v2", base);
	c->root = "discovery";
	c->body = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, "
	    "s:[s, s]}]}", "changeset", CHANGESET, "contact", text(c,
	    "contact"), "key_service", text(c, "key_service"), "endpoints",
	    "specification", SPEC_URL, "url", url, "changeset", CHANGESET,
	    "type", "production", "formats", "text/xml", "application/json");
	return c->body != NULL ? YW_OK : YW_ENOMEM;
}

static enum yw_err
do_services(struct call *c)
{
	json_t		*list, *s;
	const char	*ch, *cat, *group, *label;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_open311_services(&list);
	if (rc != YW_OK)
		return rc;
	c->root = "services";
	c->body = json_array();
	json_array_foreach(list, i, s) {
		ch = yw_jstr(s, "channel");
		cat = yw_jstr(s, "category");
		group = json_string_value(yw_web_letter_text(&c->r, "channel",
		    ch));
		label = json_string_value(yw_web_letter_text(&c->r,
		    "category", cat));
		json_array_append_new(c->body, json_pack("{s:O, s:s, s:O, "
		    "s:O, s:O, s:s, s:s}", "service_code", json_object_get(s,
		    "service_code"), "service_name", service_name(c, ch, cat),
		    "description", yw_web_letter_text(&c->r, "channel_intro",
		    ch), "metadata", json_object_get(s, "metadata"), "type",
		    json_object_get(s, "type"), "keywords", yw_arena_printf(
		    c->r.arena, "%s,%s,%s", label, group, cat), "group",
		    group));
	}
	json_decref(list);
	return YW_OK;
}

static enum yw_err
do_service(struct call *c)
{
	json_t		*a;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_open311_service_def(yw_web->db, tail_id(c), &c->body,
	    &c->why);
	if (rc != YW_OK)
		return rc;
	c->root = "service_definition";
	json_array_foreach(json_object_get(c->body, "attributes"), i, a)
		json_object_set_new(a, "description", json_string(text(c,
		    strcmp(yw_jstr(a, "code"), "region") == 0 ? "attr_region" :
		    "attr_title")));
	return YW_OK;
}

/* service_name of each request, from its code. */
static void
name_requests(struct call *c)
{
	const char	*ch, *cat;
	json_t		*q;
	size_t		 i;

	json_array_foreach(c->body, i, q)
		if (yw_open311_service_parse(yw_jstr(q, "service_code"), &ch,
		    &cat) == YW_OK)
			json_object_set_new(q, "service_name", json_string(
			    service_name(c, ch, cat)));
}

static const struct yw_form_field query_spec[] = {
	{ "service_request_id", 1300, 0 }, { "service_code", 600, 0 },
	{ "start_date", 40, 0 }, { "end_date", 40, 0 }, { "status", 20, 0 },
	{ "jurisdiction_id", 200, 0 },
};

static const struct yw_form_field post_spec[] = {
	{ "api_key", YW_APIKEY_MAX, 0 }, { "jurisdiction_id", 200, 0 },
	{ "service_code", 64, 0 }, { "lat", 32, 0 }, { "long", 32, 0 },
	{ "address_string", 200, 0 }, { "address_id", 200, 0 },
	{ "email", 100, 0 }, { "device_id", 200, 0 },
	{ "account_id", 200, 0 }, { "first_name", 50, 0 },
	{ "last_name", 50, 0 }, { "phone", 30, 0 },
	{ "description", YW_OPEN311_DESC_MAX, YW_FORM_MULTILINE },
	{ "media_url", 2000, 0 }, { "attribute[region]", 32, 0 },
	{ "attribute[title]", 100, 0 },
};

static enum yw_err
get_requests(struct call *c)
{
	struct yw_open311_query	 q;
	json_t			*p;

	p = yw_req_query(&c->r, query_spec, sizeof(query_spec) /
	    sizeof(query_spec[0]));
	memset(&q, 0, sizeof(q));
	q.ids = yw_jstr(p, "service_request_id");
	q.service_codes = yw_jstr(p, "service_code");
	q.start_date = yw_jstr(p, "start_date");
	q.end_date = yw_jstr(p, "end_date");
	q.status = yw_jstr(p, "status");
	c->root = "service_requests";
	return yw_open311_requests(yw_web->db, yw_web_workcal(), &q,
	    yw_time_now(), &c->body, &c->why);
}

/* A form field the decoder refused: the reason clients are told. */
static enum yw_err
form_refusal(struct call *c, json_t *errors)
{
	const char	*name;
	json_t		*code;

	json_object_foreach(errors, name, code) {
		if (strcmp(name, "description") == 0 &&
		    strcmp(json_string_value(code), "too_long") == 0)
			c->why = "description_too_long";
		else {
			c->why = "field";
			c->errors = json_incref(errors);
		}
		break;
	}
	return YW_EINVAL;
}

static enum yw_err
post_request(struct call *c)
{
	json_t		*fe, *out = NULL, *errors = NULL, *idem_err;
	const char	*body, *idem, *kv[6];
	size_t		 len;
	int64_t		 client;
	enum yw_err	 rc;

	c->root = "service_requests";
	rc = yw_req_body(&c->r, YW_FORM_MAX_BODY, &body, &len);
	if (rc == YW_OK)
		rc = yw_form_decode(body, len, post_spec, sizeof(post_spec) /
		    sizeof(post_spec[0]), &c->r.form, &fe);
	if (rc != YW_OK) {
		c->why = "body";
		return YW_EINVAL;
	}
	yw_req_keep(&c->r, c->r.form);
	yw_req_keep(&c->r, fe);
	idem_err = yw_req_keep(&c->r, json_object());
	idem = yw_req_idem_key(&c->r, idem_err);
	if (strcmp(yw_jstr(idem_err, "idempotency_key"), "invalid") == 0) {
		c->why = "idempotency_key";
		return YW_EINVAL;
	}
	/* The key first: without it nothing else is told. */
	if (json_object_size(fe) > 0) {
		rc = yw_open311_client(yw_web->db, yw_jstr(c->r.form,
		    "api_key"),
		    yw_time_now(), &client, &c->why);
		return rc != YW_OK ? rc : form_refusal(c, fe);
	}
	rc = yw_open311_submit(yw_web->db, yw_web_workcal(), c->r.form,
	    yw_jstr(c->r.form, "api_key"), idem, yw_time_now(), &out, &errors,
	    &c->why);
	c->errors = errors;
	if (rc != YW_OK)
		return rc;
	kv[0] = "no";
	kv[1] = yw_jstr(out, "service_request_id");
	kv[2] = "due";
	kv[3] = yw_jstr(out, "due");
	kv[4] = "code";
	kv[5] = yw_jstr(out, "code");
	c->body = json_pack("[{s:O, s:s, s:n}]", "service_request_id",
	    json_object_get(out, "service_request_id"), "service_notice",
	    fill(c, text(c, "notice"), kv, 6), "account_id");
	json_decref(out);
	return c->body != NULL ? YW_OK : YW_ENOMEM;
}

static enum yw_err
do_requests(struct call *c)
{
	enum yw_err rc;

	rc = c->r.http->method == HTTP_METHOD_POST ? post_request(c) :
	    get_requests(c);
	if (rc == YW_OK)
		name_requests(c);
	return rc;
}

static enum yw_err
do_request(struct call *c)
{
	enum yw_err rc;

	c->root = "service_requests";
	rc = yw_open311_request(yw_web->db, yw_web_workcal(), tail_id(c),
	    &c->body);
	if (rc == YW_ENOTFOUND)
		c->why = "not_found";
	if (rc == YW_OK)
		name_requests(c);
	return rc;
}

/* Every request gets its id at once (type realtime): no token exists. */
static enum yw_err
do_token(struct call *c)
{
	c->root = "service_requests";
	c->why = "token_not_found";
	return YW_ENOTFOUND;
}

/* ------------------------------------------------------------------ */
/* Rendering. */

/* The spec's statuses: 403 for keys, 404 for what is not there, 400 for
 * everything else a client can get wrong; 500 stays ours. */
static int
status_of(enum yw_err rc)
{
	switch (rc) {
	case YW_EFORBIDDEN:
	case YW_EAUTH:
		return 403;
	case YW_ENOTFOUND:
		return 404;
	case YW_EMETHOD:
		return 405;
	case YW_EINVAL:
	case YW_ETOOBIG:
	case YW_ECONFLICT:
		return 400;
	default:
		return yw_http_status(rc);
	}
}

/* The field errors of a letter as one sentence: "请求有误：标题: 太长". */
static const char *
field_text(struct call *c)
{
	json_t		*t, *code;
	const char	*name, *label, *msg, *out, *sep;

	t = json_object_get(yw_web->locales, c->r.lang);
	out = yw_jstr(json_object_get(json_object_get(t, "open311"), "error"),
	    "field");
	sep = "";
	json_object_foreach(c->errors, name, code) {
		label = json_string_value(yw_web_letter_text(&c->r, "field",
		    name));
		msg = json_string_value(json_object_get(json_object_get(t,
		    "error"), json_string_value(code)));
		out = yw_arena_printf(c->r.arena, "%s%s%s: %s", out, sep,
		    label != NULL ? label : name, msg != NULL ? msg :
		    json_string_value(code));
		sep = "; ";
	}
	return out;
}

static void
error_body(struct call *c, enum yw_err rc)
{
	json_t		*errs;
	const char	*desc, *why;

	c->status = status_of(rc);
	why = c->why != NULL ? c->why : rc == YW_EMETHOD ? "method" :
	    rc == YW_ENOTFOUND ? "not_found" : "general";
	errs = json_object_get(json_object_get(json_object_get(
	    yw_web->locales, c->r.lang), "open311"), "error");
	desc = strcmp(why, "field") == 0 && c->errors != NULL ?
	    field_text(c) : yw_jstr(errs, why);
	json_decref(c->body);
	c->root = "errors";
	c->body = json_pack("[{s:i, s:s}]", "code", c->status, "description",
	    desc[0] != '\0' ? desc : why);
}

static void
send_body(struct call *c, const char *body, size_t len)
{
	yw_web_headers(c->r.http);
	http_response_header(c->r.http, "content-type", c->xml ?
	    "text/xml; charset=utf-8" : "application/json; charset=utf-8");
	http_response_header(c->r.http, "cache-control", "no-cache");
	http_response_header(c->r.http, "access-control-allow-origin", "*");
	if (yw_group_park(c->r.http, c->status, body, len))
		return;
	http_response(c->r.http, c->status, body, len);
}

/* The cached answer for key, gzipped when the client takes it (cache.h);
 * 0 when there is none. */
static int
send_cached(struct call *c, const char *key, int64_t epoch)
{
	const char	*body, *h;
	size_t		 len;
	int		 gz;

	body = yw_cache_get(key, epoch, http_request_header(c->r.http,
	    "accept-encoding", &h) && yw_gzip_accepted(h), &len, &gz);
	if (body == NULL)
		return 0;
	http_response_header(c->r.http, "vary", "accept-encoding");
	if (gz)
		http_response_header(c->r.http, "content-encoding", "gzip");
	send_body(c, body, len);
	return 1;
}

static enum yw_err
render(struct call *c, struct yw_buf *b)
{
	char *s;

	if (c->xml)
		return yw_xml_from_json(b, c->root, c->body, xml_names);
	s = json_dumps(c->body, JSON_COMPACT | JSON_REAL_PRECISION(12));
	if (s == NULL)
		return YW_ENOMEM;
	(void)yw_buf_appends(b, s);
	free(s);
	return YW_OK;
}

static int	serve_call(struct http_request *, call_fn, int);

/* An answer that reports a commit waits for the group's sync (group.h). */
static int
serve(struct http_request *req, call_fn fn, int may_post)
{
	if (yw_group_start(req))
		return KORE_RESULT_OK;
	(void)serve_call(req, fn, may_post);
	return yw_group_parked(req) ? KORE_RESULT_RETRY : KORE_RESULT_OK;
}

static int
serve_call(struct http_request *req, call_fn fn, int may_post)
{
	struct call	 c;
	struct yw_buf	 b;
	const char	*lang, *key, *qs;
	int64_t		 epoch;
	enum yw_err	 rc;

	memset(&c, 0, sizeof(c));
	c.r.http = req;
	c.r.kind = YW_API;
	c.r.lang = "zh-CN";
	c.r.arena = yw_arena_create();
	c.status = 200;
	c.xml = strlen(req->path) > 4 &&
	    strcmp(req->path + strlen(req->path) - 4, ".xml") == 0;
	if (c.r.arena == NULL) {
		http_response(req, 503, NULL, 0);
		return KORE_RESULT_OK;
	}
	if (http_request_header(req, "accept-language", &lang) &&
	    strncmp(lang, "en", 2) == 0)
		c.r.lang = "en";
	key = NULL;
	epoch = 0;
	if (req->method == HTTP_METHOD_GET &&
	    yw_audit_epoch(yw_web->db, &epoch) == YW_OK) {
		/* Per day too: the default window moves with the date. */
		qs = req->query_string != NULL ? req->query_string : "";
		key = yw_arena_printf(c.r.arena, "o311 %s %lld %s?%s",
		    c.r.lang, (long long)yw_time_local_days(yw_time_now()),
		    req->path, qs);
		if (key != NULL && send_cached(&c, key, epoch))
			goto out;
	}
	if (req->method == HTTP_METHOD_GET || req->method == HTTP_METHOD_HEAD ||
	    (may_post && req->method == HTTP_METHOD_POST))
		rc = fn(&c);
	else {
		http_response_header(req, "allow", may_post ?
		    "GET, HEAD, POST" : "GET, HEAD");
		rc = YW_EMETHOD;
	}
	if (rc != YW_OK)
		error_body(&c, rc);
	yw_buf_init(&b);
	if (c.body == NULL || render(&c, &b) != YW_OK) {
		c.status = 500;
		yw_buf_reset(&b);
	}
	if (key != NULL && c.status == 200)
		yw_cache_put(key, epoch, b.data != NULL ? b.data : "", b.len);
	if (key == NULL || c.status != 200 || !send_cached(&c, key, epoch))
		send_body(&c, b.data, b.len);
	yw_buf_free(&b);
out:
	json_decref(c.body);
	json_decref(c.errors);
	yw_arena_destroy(c.r.arena);
	return KORE_RESULT_OK;
}

int
open311_discovery(struct http_request *req)
{
	return serve(req, do_discovery, 0);
}

int
open311_services(struct http_request *req)
{
	return serve(req, do_services, 0);
}

int
open311_service(struct http_request *req)
{
	return serve(req, do_service, 0);
}

int
open311_requests(struct http_request *req)
{
	return serve(req, do_requests, 1);
}

int
open311_request(struct http_request *req)
{
	return serve(req, do_request, 0);
}

int
open311_token(struct http_request *req)
{
	return serve(req, do_token, 0);
}
