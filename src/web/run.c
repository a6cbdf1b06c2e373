/*
 * run.c - one request from cookies to response: session, language, CSRF,
 * the view, then HTML through a template or the same view model as JSON.
 */
#include <arpa/inet.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <sodium.h>

#include "app/account/session.h"
#include "app/account/session_store.h"
#include "app/audit/audit.h"
#include "app/notify/notify.h"
#include "core/gzip.h"
#include "core/mustache.h"
#include "core/netaddr.h"
#include "core/timeutil.h"
#include "web/cache.h"
#include "web/group.h"
#include "web/web.h"

#define YW_SESSION_MAXAGE	(12 * 3600)
/* run()'s cacheable: the anonymous page cache, or a user's answers. */
#define RUN_PUBLIC		1
#define RUN_PRIVATE		2

static void	req_cookies(struct yw_req *r);
static void	req_set_cookie(struct yw_req *r, const char *name,
		    const char *value, long maxage);
static void	json_response(struct yw_req *r, int status, const char *body,
	    size_t len);
static void	html_response(struct yw_req *r, int status, const char *body,
	    size_t len);
static void	render_json(struct yw_req *r, int status, json_t *body);
static void	render_page(struct yw_req *r, int status, const char *tpl,
		    json_t *vm);
static void	render_error(struct yw_req *r, enum yw_err rc, json_t *vm);
static json_t  *field_messages(struct yw_req *r, json_t **list);

/* The client's address: the connection's, or behind a proxy named in
 * YIWANG_TRUSTED_PROXIES the one it forwarded (core/netaddr.h). */
static void
req_ip(struct http_request *req, char *out, size_t outsz)
{
	const void	*a;
	const char	*xff;
	char		 peer[YW_NETADDR_MAX];

	out[0] = '\0';
	if (req->owner->family == AF_INET)
		a = &req->owner->addr.ipv4.sin_addr;
	else if (req->owner->family == AF_INET6)
		a = &req->owner->addr.ipv6.sin6_addr;
	else
		return;
	if (inet_ntop(req->owner->family, a, peer, sizeof(peer)) == NULL)
		return;
	if (yw_web->trusted_proxies == NULL ||
	    !http_request_header(req, "x-forwarded-for", &xff))
		xff = NULL;
	yw_netaddr_client(peer, xff, yw_web->trusted_proxies, out, outsz);
}

int
yw_http_status(enum yw_err e)
{
	switch (e) {
	case YW_OK:
		return 200;
	case YW_EINVAL:
		return 422;
	case YW_ENOTFOUND:
		return 404;
	case YW_EFORBIDDEN:
		return 403;
	case YW_EAUTH:
		return 401;
	case YW_ECONFLICT:
		return 409;
	case YW_ETOOMANY:
		return 429;
	case YW_ETOOBIG:
		return 413;
	case YW_EMETHOD:
		return 405;
	case YW_ENOMEM:
	case YW_EDB:
	case YW_EIO:
	case YW_EINTERNAL:
		break;
	}
	return 500;
}

void
yw_web_headers(struct http_request *req)
{
	http_response_header(req, "content-security-policy",
	    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
	    "script-src 'self'; object-src 'none'; base-uri 'none'; "
	    "form-action 'self'; frame-ancestors 'none'");
	http_response_header(req, "x-content-type-options", "nosniff");
	http_response_header(req, "referrer-policy", "same-origin");
	http_response_header(req, "x-frame-options", "DENY");
	http_response_header(req, "cross-origin-opener-policy", "same-origin");
	http_response_header(req, "permissions-policy",
	    "camera=(), microphone=(), geolocation=()");
}

void
yw_web_base_url(struct http_request *req, char *buf, size_t sz)
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

json_t *
yw_req_keep(struct yw_req *r, json_t *v)
{
	if (v == NULL)
		return NULL;
	if (yw_arena_defer(r->arena, (void (*)(void *))json_decref, v) !=
	    YW_OK) {
		json_decref(v);
		return NULL;
	}
	return v;
}

int
yw_req_is_post(const struct yw_req *r)
{
	return r->http->method == HTTP_METHOD_POST;
}

const char *
yw_req_tail(struct yw_req *r)
{
	const char *slash;

	/* kore 4.1 compiles route regexes with REG_NOSUB, so captures are not
	 * available; every route that carries an id carries it last. */
	slash = strrchr(r->http->path, '/');
	if (slash == NULL || slash[1] == '\0')
		return NULL;
	return slash + 1;
}

enum yw_err
yw_req_need_login(const struct yw_req *r)
{
	return r->actor.id == 0 ? YW_EAUTH : YW_OK;
}

static void
req_set_cookie(struct yw_req *r, const char *name, const char *value,
    long maxage)
{
	const char *c;

	if (r->ncookies == (int)(sizeof(r->cookies) / sizeof(r->cookies[0])))
		return;
	c = yw_arena_printf(r->arena,
	    "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s", name,
	    value, maxage, yw_web->secure ? "; Secure" : "");
	if (c != NULL)
		r->cookies[r->ncookies++] = c;
}

void
yw_req_set_session(struct yw_req *r, const char *token, const char *csrf)
{
	req_set_cookie(r, YW_SESSION_COOKIE, token, YW_SESSION_MAXAGE);
	(void)snprintf(r->token, sizeof(r->token), "%s", token);
	(void)snprintf(r->csrf, sizeof(r->csrf), "%s", csrf);
	r->csrf_new = 0;
}

void
yw_req_clear_session(struct yw_req *r)
{
	req_set_cookie(r, YW_SESSION_COOKIE, "", 0);
	r->token[0] = '\0';
	memset(&r->actor, 0, sizeof(r->actor));
}

static int
token_shape_ok(const char *s)
{
	size_t i, n;

	n = strlen(s);
	if (n < 16 || n > 60)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

static void
req_cookies(struct yw_req *r)
{
	char		*v;

	http_populate_cookies(r->http);
	r->lang = "zh-CN";
	if (http_request_cookie(r->http, YW_LANG_COOKIE, &v) &&
	    strcmp(v, "en") == 0)
		r->lang = "en";

	if (http_request_cookie(r->http, YW_SESSION_COOKIE, &v) &&
	    token_shape_ok(v)) {
		if (yw_session_lookup_cached(yw_web->db, yw_web->sessions, v,
		    yw_time_now(), &r->actor, r->csrf) == YW_OK)
			(void)snprintf(r->token, sizeof(r->token), "%s", v);
		else
			yw_req_clear_session(r);
	}
	if (r->token[0] != '\0')
		return;
	if (http_request_cookie(r->http, YW_CSRF_COOKIE, &v) &&
	    token_shape_ok(v))
		(void)snprintf(r->csrf, sizeof(r->csrf), "%s", v);
}

/* An anonymous visitor without a token gets one, for the forms to echo;
 * public cached pages carry no form and skip this (and its cookie). */
static void
req_new_csrf(struct yw_req *r)
{
	unsigned char rnd[32];

	if (r->csrf[0] != '\0')
		return;
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2base64(r->csrf, sizeof(r->csrf), rnd, sizeof(rnd),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	r->csrf_new = 1;
	req_set_cookie(r, YW_CSRF_COOKIE, r->csrf, 7 * 86400);
}

static json_t *
locale(struct yw_req *r)
{
	return json_object_get(yw_web->locales, r->lang);
}

/* Field codes become sentences naming the field, for people and clients. */
static json_t *
field_messages(struct yw_req *r, json_t **list)
{
	json_t		*t, *fields, *codes, *out, *item;
	const char	*name, *label, *msg, *anchor;
	json_t		*code;

	t = locale(r);
	fields = json_object_get(t, "field");
	codes = json_object_get(t, "error");
	out = json_object();
	*list = json_array();
	json_object_foreach(r->errors, name, code) {
		label = json_string_value(json_object_get(r->labels, name));
		if (label == NULL)
			label = json_string_value(json_object_get(fields,
			    name));
		msg = json_string_value(json_object_get(codes,
		    json_string_value(code)));
		if (label == NULL)
			label = name;
		if (msg == NULL)
			msg = json_string_value(code);
		anchor = json_string_value(json_object_get(r->anchors, name));
		item = json_pack("{s:s, s:s, s:s, s:s, s:o}", "field", name,
		    "label", label, "message", msg, "code",
		    json_string_value(code), "anchor", anchor != NULL ?
		    json_string(anchor) : json_sprintf("f-%s", name));
		json_array_append_new(*list, item);
		json_object_set_new(out, name, json_string(msg));
	}
	return out;
}

/* Every response leaves through here, so headers are added exactly once
 * even when a handler ran several times (kore tasks). */
static void
respond(struct yw_req *r, int status, const char *body, size_t len)
{
	int i;

	yw_web_headers(r->http);
	for (i = 0; i < r->ncookies; i++)
		http_response_header(r->http, "set-cookie", r->cookies[i]);
	if (r->finish != NULL && body == r->json_text) {
		yw_group_park_finish(r->http, status, body, len,
		    r->finish_room, r->finish, r->finish_arg);
		return;
	}
	if (yw_group_park(r->http, status, body, len))
		return;
	http_response(r->http, status, body, len);
}

static void
html_response(struct yw_req *r, int status, const char *body, size_t len)
{
	http_response_header(r->http, "content-type",
	    "text/html; charset=utf-8");
	http_response_header(r->http, "cache-control",
	    r->actor.id != 0 ? "no-store" : "no-cache");
	respond(r, status, body, len);
}

static void
json_response(struct yw_req *r, int status, const char *body, size_t len)
{
	http_response_header(r->http, "content-type",
	    "application/json; charset=utf-8");
	http_response_header(r->http, "cache-control", "no-store");
	respond(r, status, body, len);
}

static int	send_cached(struct yw_req *);

static void
render_json(struct yw_req *r, int status, json_t *body)
{
	char	*s;

	if (r->json_text != NULL) {
		json_response(r, status, r->json_text, r->json_len);
		return;
	}
	s = json_dumps(body, JSON_COMPACT);
	if (s == NULL) {
		respond(r, 500, NULL, 0);
		return;
	}
	if (r->cache_key != NULL && status == 200) {
		yw_cache_put(r->cache_key, r->cache_epoch, s, strlen(s));
		if (send_cached(r)) {
			free(s);
			return;
		}
	}
	if (r->private_key != NULL && status == 200)
		yw_cache_private_put(r->private_key, r->private_ver, s,
		    strlen(s));
	json_response(r, status, s, strlen(s));
	free(s);
}

/*
 * Presentation labels that Mustache cannot look up by value: every object
 * in a page's view model with an integer "level" gets "level_name", with a
 * string "status" gets "status_name", and an empty "name_en" is removed so
 * English pages fall back to the Chinese name. Pages only; the API keeps
 * the raw values.
 */
static void
labels(json_t *v, json_t *t, int depth)
{
	json_t		*child, *lv;
	const char	*key, *st;
	char		 num[24];
	size_t		 i;

	if (depth > 8)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			labels(child, t, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	lv = json_object_get(v, "level");
	if (json_is_integer(lv)) {
		(void)snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(lv));
		json_object_set(v, "level_name", json_object_get(
		    json_object_get(t, "level"), num));
	}
	st = json_string_value(json_object_get(v, "status"));
	if (st != NULL)
		json_object_set(v, "status_name", json_object_get(
		    json_object_get(t, "staff_status"), st));
	if (json_string_length(json_object_get(v, "name_en")) == 0 &&
	    json_is_string(json_object_get(v, "name_en")))
		json_object_del(v, "name_en");
	json_object_foreach(v, key, child)
		if (strcmp(key, "t") != 0 && strcmp(key, "site") != 0)
			labels(child, t, depth + 1);
}

/* The query flags a redirect leaves (?saved=1 ...) become a notice. */
static void
notice(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "saved", 1, 0 },
		{ "registered", 1, 0 },
		{ "ended", 1, 0 },
		{ "password", 1, 0 },
		{ "done", 32, 0 },
	};
	json_t		*q, *n;
	const char	*done;

	if (r->http->query_string == NULL)
		return;
	q = yw_req_query(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (json_object_size(q) == 0)
		return;
	n = json_object();
	json_object_update(n, q);
	/* ?done=<what> names what just happened: t.done.<what>. */
	done = json_string_value(json_object_get(q, "done"));
	json_object_del(n, "done");
	if (done != NULL)
		json_object_set(n, "done_text", json_object_get(
		    json_object_get(locale(r), "done"), done));
	json_object_set_new(vm, "notice", n);
}

/* has_<name> for each list of the view model, so a template can wrap a
 * table around its rows (Mustache has no test for "not empty"). */
static void
list_flags(json_t *vm)
{
	json_t		*v, *flags;
	const char	*k;
	char		 key[64];

	flags = json_object();
	json_object_foreach(vm, k, v) {
		if (!json_is_array(v) || strlen(k) > sizeof(key) - 5)
			continue;
		(void)snprintf(key, sizeof(key), "has_%s", k);
		json_object_set_new(flags, key, json_boolean(
		    json_array_size(v) > 0));
	}
	json_object_update_missing(vm, flags);
	json_decref(flags);
}

static void
layout(struct yw_req *r, json_t *vm)
{
	json_t		*user, *roles;
	unsigned	 bit;
	const char	*name;
	int64_t		 unread;

	json_object_set(vm, "t", locale(r));
	json_object_set(vm, "site", yw_web->site);
	json_object_set_new(vm, "lang", json_string(r->lang));
	json_object_set_new(vm, "is_en", json_boolean(strcmp(r->lang,
	    "en") == 0));
	json_object_set_new(vm, "csrf", json_string(r->csrf));
	json_object_set_new(vm, "path", json_string(r->http->path));
	notice(r, vm);
	list_flags(vm);
	labels(vm, locale(r), 0);
	if (r->actor.id == 0)
		return;
	user = json_pack("{s:I, s:s, s:s, s:b}", "id",
	    (json_int_t)r->actor.id, "display_name", r->actor.display_name,
	    "kind", r->actor.kind, "is_staff",
	    strcmp(r->actor.kind, "staff") == 0);
	roles = json_object();
	for (bit = 1; bit <= YW_ROLE_AUDITOR; bit <<= 1) {
		name = yw_role_name((enum yw_role)bit);
		if (name != NULL && (r->actor.roles & bit))
			json_object_set_new(roles, name, json_true());
	}
	json_object_set_new(user, "roles", roles);
	json_object_set_new(user, "is_admin", json_boolean(r->actor.roles &
	    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN)));
	json_object_set_new(user, "is_auditor", json_boolean(r->actor.roles &
	    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_AUDITOR)));
	/* The unread badge: one count over a partial index (sql/0009). */
	if (yw_notify_unread(yw_web->db, r->actor.id, &unread) == YW_OK &&
	    unread > 0)
		json_object_set_new(user, "unread", json_integer(unread));
	json_object_set_new(vm, "user", user);
}

/* t.title.<template with '/' as '_'> names the page in <title>. */
static void
page_title(struct yw_req *r, const char *tpl, json_t *vm)
{
	char	key[64];
	size_t	i;

	(void)snprintf(key, sizeof(key), "%s", tpl);
	for (i = 0; key[i] != '\0'; i++)
		if (key[i] == '/')
			key[i] = '_';
	json_object_set(vm, "page_title", json_object_get(json_object_get(
	    locale(r), "title"), key));
}

static void
render_page(struct yw_req *r, int status, const char *tpl, json_t *vm)
{
	struct yw_buf	 out;
	enum yw_err	 rc;

	layout(r, vm);
	page_title(r, tpl, vm);
	yw_buf_init(&out);
	rc = yw_tpl_render(yw_web->tpl, tpl, vm, &out);
	if (rc != YW_OK) {
		kore_log(LOG_ERR, "template %s failed: %s", tpl,
		    yw_err_code(rc));
		yw_buf_free(&out);
		http_response_header(r->http, "content-type",
		    "text/plain; charset=utf-8");
		respond(r, 500, "internal error\n", 15);
		return;
	}
	/* A page that carries this visitor's CSRF token is theirs alone. */
	if (r->cache_key != NULL && status == 200 && (r->csrf[0] == '\0' ||
	    memmem(out.data, out.len, r->csrf, strlen(r->csrf)) == NULL)) {
		yw_cache_put(r->cache_key, r->cache_epoch, out.data, out.len);
		if (send_cached(r)) {
			yw_buf_free(&out);
			return;
		}
	}
	html_response(r, status, out.data, out.len);
	yw_buf_free(&out);
}

static void
render_error(struct yw_req *r, enum yw_err rc, json_t *vm)
{
	json_t		*t, *body, *fields, *list;
	const char	*msg;
	int		 status;
	char		 key[48];

	status = r->status ? r->status : yw_http_status(rc);
	t = json_object_get(locale(r), "status");
	(void)snprintf(key, sizeof(key), "%d", status);
	msg = json_string_value(json_object_get(t, key));
	if (msg == NULL)
		msg = yw_err_code(rc);

	if (r->kind == YW_API) {
		body = json_pack("{s:{s:s, s:s}}", "error", "code",
		    yw_err_code(rc), "message", msg);
		if (rc == YW_EINVAL && r->errors != NULL) {
			fields = field_messages(r, &list);
			json_decref(list);
			json_object_set_new(json_object_get(body, "error"),
			    "fields", fields);
		}
		if (r->error_extra != NULL)
			json_object_update_missing(json_object_get(body,
			    "error"), r->error_extra);
		render_json(r, status, body);
		json_decref(body);
		return;
	}
	if (rc == YW_EINVAL && r->errors != NULL && r->tpl != NULL) {
		fields = field_messages(r, &list);
		json_object_set_new(vm, "errors", fields);
		json_object_set_new(vm, "error_list", list);
		if (r->form != NULL)
			json_object_set(vm, "form", r->form);
		render_page(r, status, r->tpl, vm);
		return;
	}
	json_object_set_new(vm, "status", json_integer(status));
	json_object_set_new(vm, "message", json_string(msg));
	render_page(r, status, "error", vm);
}

/*
 * Public pages seen by anonymous visitors are served from the per-worker
 * cache while the audit epoch is unchanged: one single-row read instead of
 * the view's queries and the template.
 */
static int
cached(struct yw_req *r)
{
	const char	*qs;

	if (r->actor.id != 0 || r->http->method != HTTP_METHOD_GET)
		return 0;
	if (yw_audit_epoch(yw_web->db, &r->cache_epoch) != YW_OK)
		return 0;
	qs = r->http->query_string != NULL ? r->http->query_string : "";
	r->cache_key = yw_arena_printf(r->arena, "%s %s?%s",
	    r->kind == YW_API ? "json" : r->lang, r->http->path, qs);
	if (r->cache_key == NULL)
		return 0;
	/* The answer may come gzipped (cache.h): say so to shared caches. */
	http_response_header(r->http, "vary", "accept-encoding");
	return send_cached(r);
}

/* The cached page for r->cache_key, gzipped when the client takes it;
 * 0 when there is none. */
static int
send_cached(struct yw_req *r)
{
	const char	*body, *h;
	size_t		 len;
	int		 gz;

	body = yw_cache_get(r->cache_key, r->cache_epoch,
	    http_request_header(r->http, "accept-encoding", &h) &&
	    yw_gzip_accepted(h), &len, &gz);
	if (body == NULL)
		return 0;
	if (gz)
		http_response_header(r->http, "content-encoding", "gzip");
	if (r->kind == YW_API)
		json_response(r, 200, body, len);
	else
		html_response(r, 200, body, len);
	return 1;
}

/*
 * A signed-in user's API answer from the private cache (web/cache.h),
 * keyed by who asks, language and URL; else notes the key and the
 * database's version before the view runs, for render_json to store.
 */
static int
private_cached(struct yw_req *r)
{
	const char	*body, *qs;
	size_t		 len;
	int64_t		 v[3];

	if (r->actor.id == 0 || r->http->method != HTTP_METHOD_GET ||
	    yw_session_store_version(yw_web->db, v) != YW_OK)
		return 0;
	v[2] = yw_time_now();
	qs = r->http->query_string != NULL ? r->http->query_string : "";
	r->private_key = yw_arena_printf(r->arena, "%lld %s %s?%s",
	    (long long)r->actor.id, r->lang, r->http->path, qs);
	if (r->private_key == NULL)
		return 0;
	memcpy(r->private_ver, v, sizeof(v));
	body = yw_cache_private_get(r->private_key, v, &len);
	if (body == NULL)
		return 0;
	json_response(r, 200, body, len);
	return 1;
}

/* The X-CSRF-Token header of an API write equals the session's token. */
static int
csrf_header_ok(struct yw_req *r)
{
	const char *v;

	if (!http_request_header(r->http, "x-csrf-token", &v))
		return 0;
	return r->csrf[0] != '\0' && strlen(v) == strlen(r->csrf) &&
	    sodium_memcmp(v, r->csrf, strlen(v)) == 0;
}

/* A view's file (r->file) as a download: never rendered by the browser
 * (attachment, nosniff), and private to whoever may read it. */
static void
file_response(struct yw_req *r)
{
	const char	*name;
	char		*disp, *p;
	size_t		 i;
	static const char hex[] = "0123456789ABCDEF";

	name = r->file_name != NULL ? r->file_name : "file";
	/* RFC 6266/5987: an ASCII fallback and the UTF-8 name escaped. */
	disp = yw_arena_alloc(r->arena, strlen(name) * 3 + 64);
	if (disp == NULL) {
		respond(r, 503, NULL, 0);
		return;
	}
	p = disp + snprintf(disp, 64, "attachment; filename=\"download\"; "
	    "filename*=UTF-8''");
	for (i = 0; name[i] != '\0'; i++) {
		unsigned char c = (unsigned char)name[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')
			*p++ = (char)c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	http_response_header(r->http, "content-type", r->file_type != NULL ?
	    r->file_type : "application/octet-stream");
	http_response_header(r->http, "content-disposition", disp);
	http_response_header(r->http, "cache-control", "private, no-store");
	respond(r, 200, r->file, r->file_len);
}

/* The key of `Authorization: Bearer <key>`, "" when there is none. */
static const char *
bearer(struct yw_req *r)
{
	const char *v;

	if (!http_request_header(r->http, "authorization", &v) ||
	    strncmp(v, "Bearer ", 7) != 0)
		return "";
	return v + 7;
}

/* An exchange call: a key instead of a session, so no cookie is read
 * and no CSRF token is needed (a browser cannot send the header for a
 * cross-site form). */
static int
run_key(struct http_request *req, yw_view_fn fn)
{
	struct yw_req	 r;
	json_t		*vm;
	const char	*lang;
	enum yw_err	 rc;

	memset(&r, 0, sizeof(r));
	r.http = req;
	r.kind = YW_API;
	r.lang = "zh-CN";
	r.arena = yw_arena_create();
	vm = json_object();
	if (r.arena == NULL || vm == NULL) {
		yw_web_headers(req);
		http_response(req, 503, NULL, 0);
		goto out;
	}
	req_ip(req, r.actor.source_ip, sizeof(r.actor.source_ip));
	if (http_request_header(req, "accept-language", &lang) &&
	    strncmp(lang, "en", 2) == 0)
		r.lang = "en";
	if (!(req->method == HTTP_METHOD_GET ||
	    req->method == HTTP_METHOD_HEAD ||
	    req->method == HTTP_METHOD_POST)) {
		http_response_header(req, "allow", "GET, HEAD, POST");
		render_error(&r, YW_EMETHOD, vm);
		goto out;
	}
	r.api_key = bearer(&r);
	rc = fn(&r, vm);
	if (rc != YW_OK) {
		if (rc == YW_EAUTH)
			http_response_header(req, "www-authenticate",
			    "Bearer realm=\"exchange\"");
		render_error(&r, rc, vm);
		goto out;
	}
	if (r.file != NULL) {
		file_response(&r);
		goto out;
	}
	render_json(&r, r.status ? r.status : 200, vm);
out:
	json_decref(vm);
	if (r.arena != NULL)
		yw_arena_destroy(r.arena);
	return KORE_RESULT_OK;
}

int
yw_web_run_key(struct http_request *req, yw_view_fn fn)
{
	if (yw_group_start(req))
		return KORE_RESULT_OK;
	run_key(req, fn);
	return yw_group_parked(req) ? KORE_RESULT_RETRY : KORE_RESULT_OK;
}

static int	run_view(struct http_request *, enum yw_kind, const char *,
		    yw_view_fn, int, int);

/* An answer that reports a commit waits for the group's sync (group.h). */
static int
run(struct http_request *req, enum yw_kind kind, const char *tpl,
    yw_view_fn fn, int cacheable, int write)
{
	int rv;

	if (yw_group_start(req))
		return KORE_RESULT_OK;
	rv = run_view(req, kind, tpl, fn, cacheable, write);
	return yw_group_parked(req) ? KORE_RESULT_RETRY : rv;
}

static int
run_view(struct http_request *req, enum yw_kind kind, const char *tpl,
    yw_view_fn fn, int cacheable, int write)
{
	struct yw_req	 r;
	json_t		*vm;
	enum yw_err	 rc;
	char		 loc[600];

	memset(&r, 0, sizeof(r));
	r.http = req;
	r.kind = kind;
	r.tpl = tpl;
	r.arena = yw_arena_create();
	vm = json_object();
	if (r.arena == NULL || vm == NULL) {
		yw_web_headers(req);
		http_response(req, 503, NULL, 0);
		goto out;
	}
	req_ip(req, r.actor.source_ip, sizeof(r.actor.source_ip));
	/* The request's reads, from the session to the rendered page, in
	 * one read scope (db.h): one snapshot, the locks taken once. A write
	 * (a form, an API write, the session touch) ends it first. */
	(void)yw_db_read_begin(yw_web->db);
	req_cookies(&r);
	/* An API write takes POST from a session that shows its token. */
	if (write) {
		if (req->method != HTTP_METHOD_POST) {
			http_response_header(req, "allow", "POST");
			render_error(&r, YW_EMETHOD, vm);
			goto out;
		}
		if (r.actor.id == 0 || !csrf_header_ok(&r)) {
			render_error(&r, r.actor.id == 0 ? YW_EAUTH :
			    YW_EFORBIDDEN, vm);
			goto out;
		}
	} else if (!(req->method == HTTP_METHOD_GET ||
	    req->method == HTTP_METHOD_HEAD ||
	    (kind == YW_PAGE && req->method == HTTP_METHOD_POST))) {
		/* The API reads; pages read and take forms. */
		http_response_header(req, "allow", kind == YW_API ? "GET, HEAD" :
		    "GET, HEAD, POST");
		render_error(&r, YW_EMETHOD, vm);
		goto out;
	}
	if (cacheable == RUN_PUBLIC && r.actor.id == 0) {
		if (cached(&r))
			goto out;
	} else if (!write)
		req_new_csrf(&r);
	if (cacheable == RUN_PRIVATE && kind == YW_API && private_cached(&r))
		goto out;

	rc = fn(&r, vm);
	if (rc == YW_EAUTH && kind == YW_PAGE) {
		(void)snprintf(loc, sizeof(loc), "/login?next=%s", req->path);
		http_response_header(req, "location", loc);
		respond(&r, 303, NULL, 0);
		goto out;
	}
	if (rc == YW_OK && r.retry) {
		yw_db_read_end(yw_web->db);
		json_decref(vm);
		yw_arena_destroy(r.arena);
		return KORE_RESULT_RETRY;
	}
	if (rc != YW_OK) {
		render_error(&r, rc, vm);
		goto out;
	}
	if (r.file != NULL) {
		file_response(&r);
		goto out;
	}
	if (r.redirect != NULL && kind == YW_PAGE) {
		http_response_header(req, "location", r.redirect);
		respond(&r, 303, NULL, 0);
		goto out;
	}
	if (kind == YW_API)
		render_json(&r, r.status ? r.status : 200, vm);
	else
		render_page(&r, r.status ? r.status : 200, r.tpl, vm);
out:
	yw_db_read_end(yw_web->db);
	json_decref(vm);
	if (r.arena != NULL)
		yw_arena_destroy(r.arena);
	return KORE_RESULT_OK;
}

int
yw_web_run(struct http_request *req, enum yw_kind kind, const char *tpl,
    yw_view_fn fn)
{
	return run(req, kind, tpl, fn, 0, 0);
}

int
yw_web_run_api_write(struct http_request *req, yw_view_fn fn)
{
	return run(req, YW_API, NULL, fn, 0, 1);
}

int
yw_web_run_public(struct http_request *req, enum yw_kind kind,
    const char *tpl, yw_view_fn fn)
{
	return run(req, kind, tpl, fn, RUN_PUBLIC, 0);
}

int
yw_web_run_private(struct http_request *req, yw_view_fn fn)
{
	return run(req, YW_API, NULL, fn, RUN_PRIVATE, 0);
}
