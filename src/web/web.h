/*
 * web.h - the kore glue: per-worker state, the request context, and the one
 * way a handler runs (parse -> call the domain -> render as HTML or JSON).
 * Only this layer includes kore; domains never see an http_request.
 */
#ifndef YW_WEB_H
#define YW_WEB_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/form.h"
#include "store/db.h"

struct http_request;
struct yw_tpl_set;

#define YW_SESSION_COOKIE	"yw_session"
#define YW_CSRF_COOKIE		"yw_csrf"
#define YW_LANG_COOKIE		"yw_lang"

struct yw_static {
	char		 path[128];	/* "/static/app.css" */
	const char	*type;
	char		*data;
	size_t		 len;
	char		 etag[24];
};

/* Per-worker state: kore's workers are processes, so this is the one
 * global the house style allows (STYLE.md rule 7). */
struct yw_web {
	struct yw_db		*db;
	struct yw_tpl_set	*tpl;
	json_t			*locales;	/* {"zh-CN": {...}, "en": {...}} */
	json_t			*site;		/* site_setting rows as an object */
	struct yw_static	*files;
	size_t			 nfiles;
	int			 secure;	/* cookies get Secure (TLS) */
};
extern struct yw_web	*yw_web;

enum yw_kind {
	YW_PAGE,	/* render the view model with a template */
	YW_API		/* return the view model as JSON */
};

struct yw_req {
	struct http_request	*http;
	struct yw_arena		*arena;
	enum yw_kind		 kind;
	struct yw_actor		 actor;
	char			 token[64];	/* session cookie, "" when none */
	char			 csrf[64];	/* the token forms must carry */
	int			 csrf_new;	/* anonymous token to set */
	const char		*lang;		/* "zh-CN" or "en" */
	const char		*tpl;		/* template to render */
	int			 status;	/* 0 = 200 */
	const char		*redirect;	/* set by a view: 303 to here */
	json_t			*form;		/* decoded POST values */
	json_t			*errors;	/* field -> code */
	const char		*cookies[4];	/* Set-Cookie values to send */
	int			 ncookies;
	int			 retry;		/* a task runs: call again */
	const char		*cache_key;	/* set when the page may be cached */
	int64_t			 cache_epoch;
};

/* A view fills vm (borrowed) for r; the same function serves the page and
 * the JSON route. YW_EINVAL with r->errors set re-shows the form. */
typedef enum yw_err (*yw_view_fn)(struct yw_req *r, json_t *vm);

/* Runs one request through view fn and renders it; returns a kore result. */
int		yw_web_run(struct http_request *req, enum yw_kind kind,
		    const char *tpl, yw_view_fn fn);

/* The same for public data: anonymous GETs are answered from the
 * per-worker cache while public data is unchanged (web/cache.h). */
int		yw_web_run_public(struct http_request *req, enum yw_kind kind,
		    const char *tpl, yw_view_fn fn);

/* Decodes the POST body against spec into r->form / r->errors and checks
 * the CSRF token. YW_EFORBIDDEN on a bad token; YW_EINVAL when a field is
 * wrong (r->errors lists them); YW_ETOOBIG for an oversized body. */
enum yw_err	yw_req_form(struct yw_req *r,
		    const struct yw_form_field *spec, size_t n);
/* The same, but a field that fails its rule is an error: YW_EINVAL with
 * r->errors naming it (used where a bad filter must not be ignored). */
enum yw_err	yw_req_query_checked(struct yw_req *r,
		    const struct yw_form_field *spec, size_t n, json_t **q);
/* Decodes the query string against spec into a new object (arena-owned);
 * fields that break their rules are dropped. */
json_t	       *yw_req_query(struct yw_req *r,
		    const struct yw_form_field *spec, size_t n);
int		yw_req_is_post(const struct yw_req *r);
/* The last segment of the path ("42" of /departments/42), borrowed from
 * the request; NULL when the path ends in '/'. The route's regex has
 * already checked its shape. */
const char     *yw_req_tail(struct yw_req *r);
/* Requires a logged-in actor (YW_EAUTH otherwise). */
enum yw_err	yw_req_need_login(const struct yw_req *r);
/* Starts a new session for the response (after login). */
void		yw_req_set_session(struct yw_req *r, const char *token,
		    const char *csrf);
void		yw_req_clear_session(struct yw_req *r);
/* A JSON value that dies with the request (arena defers the decref). */
json_t	       *yw_req_keep(struct yw_req *r, json_t *v);

/* Parses a positive decimal id (a route capture); 0 when malformed. */
int64_t		yw_web_id(const char *s);

/* Exactly one mapping from the error enum to an HTTP status. */
int		yw_http_status(enum yw_err e);

/* Security headers every response carries. */
void		yw_web_headers(struct http_request *req);

#endif
