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

#include "app/account/session.h"
#include "app/actor.h"
#include "app/data/receipt.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/form.h"
#include "store/db.h"

struct http_request;
struct yw_tpl_set;
struct yw_calendar;
struct yw_workday_cal;
struct yw_jlift;

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
	struct yw_calendar	*calendar;	/* working days (workcal.c) */
	int64_t			 calendar_epoch;
	struct yw_keyring	 keyring;	/* exchange receipts (app/data) */
	const char		*trusted_proxies; /* YIWANG_TRUSTED_PROXIES */
	struct yw_session_cache	*sessions;	/* this worker's lookups */
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
	const char		*private_key;	/* set when the answer to this
						 * user may be cached */
	int64_t			 private_ver[3];
	json_t			*labels;	/* field -> label for messages,
						 * before t.field (forms as data) */
	json_t			*anchors;	/* field -> element id the error
						 * summary links to; else f-<field> */
	const void		*file;		/* set by a view: send these bytes */
	size_t			 file_len;	/* as a download instead of the */
	const char		*file_type;	/* view model (content type) */
	const char		*file_name;	/* Content-Disposition name */
	const char		*api_key;	/* Bearer key of an exchange call */
	const char		*json_text;	/* set by a JSON view: its body, */
	size_t			 json_len;	/* already written, sent instead
						 * of the view model */
	json_t			*error_extra;	/* merged into an API error */
	enum yw_err		(*finish)(void *, char *, size_t *);
	void			*finish_arg;	/* set by a JSON view whose */
	size_t			 finish_room;	/* json_text is completed at the
						 * group's sync (group.h) */
};

/* A view fills vm (borrowed) for r; the same function serves the page and
 * the JSON route. YW_EINVAL with r->errors set re-shows the form. */
typedef enum yw_err (*yw_view_fn)(struct yw_req *r, json_t *vm);

/* Runs one request through view fn and renders it; returns a kore result. */
int		yw_web_run(struct http_request *req, enum yw_kind kind,
		    const char *tpl, yw_view_fn fn);

/*
 * yw_web_run for an API read whose answer depends only on who asks, the
 * URL and the database (a user's own case or letter): a signed-in user's
 * answer is kept per worker and served again while the database has not
 * changed at all, within the same second (web/cache.h). SQLite only.
 */
int		yw_web_run_private(struct http_request *req, yw_view_fn fn);

/*
 * The same for an API route that changes something (POST only): the
 * caller must be logged in (401) and send the session's CSRF token in an
 * X-CSRF-Token header (403), checked before fn runs; fn reads the body
 * with yw_req_json.
 */
int		yw_web_run_api_write(struct http_request *req, yw_view_fn fn);

/*
 * The same for a department system's exchange call (GET, HEAD or POST):
 * no session and no CSRF token (the request carries no cookie); the key
 * from `Authorization: Bearer <key>` is in r->api_key ("" when none) for
 * fn to check. Always JSON.
 */
int		yw_web_run_key(struct http_request *req, yw_view_fn fn);
/* The worker's queue of exchange reads' log entries, written at each
 * group sync (group.h; h_data_exchange.c): at worker start and end. */
void		yw_web_exchange_init(void);
void		yw_web_exchange_fini(void);

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
/* The raw body of at most max bytes (arena-owned, NUL-terminated):
 * YW_ETOOBIG above it. */
enum yw_err	yw_req_body(struct yw_req *r, size_t max, const char **body,
		    size_t *len);
/* The JSON object of a POST body of at most max bytes (arena-owned):
 * YW_ETOOBIG above it, YW_EINVAL (r->errors {"body": "invalid"}) when it
 * is not a JSON object. */
enum yw_err	yw_req_json(struct yw_req *r, size_t max, json_t **out);
/* yw_req_json for a body with files inline: the long string values of
 * members named key stay in the arena-owned body text, lifted into
 * lifts[0..*nlifts) (see core/jsonlift.h: resolve every placeholder or
 * refuse the body). */
enum yw_err	yw_req_json_lifted(struct yw_req *r, size_t max, const char *key,
		    struct yw_jlift *lifts, size_t maxlifts, size_t *nlifts,
		    json_t **out);
#define YW_IDEM_KEY_MAX	100	/* characters of an Idempotency-Key */
/* The request's Idempotency-Key header (borrowed from the request), or
 * NULL with errors["idempotency_key"] set to "required" (absent or empty)
 * or "invalid" (longer than YW_IDEM_KEY_MAX or not printable ASCII). */
const char     *yw_req_idem_key(struct yw_req *r, json_t *errors);
/*
 * A multipart/form-data POST (file uploads): the text fields names[0..n)
 * (each declared with a validator in routes.conf, or kore drops it) go to
 * r->form, and the file part named file is read into *data (arena-owned,
 * *len bytes, NULL when none was sent) with the name it was sent as in
 * *filename. The form must carry the CSRF token in a field "csrf" (also
 * declared): YW_EFORBIDDEN otherwise.
 */
enum yw_err	yw_req_multipart(struct yw_req *r, const char *const *names,
		    size_t n, const char *file, const void **data, size_t *len,
		    const char **filename);
/* A file part of a multipart body (yw_req_multipart_json). */
struct yw_req_file {
	const char	*name;		/* the part's name; borrowed */
	const char	*filename;	/* as sent; borrowed, may be NULL */
	const void	*data;		/* arena-owned, len bytes */
	size_t		 len;
};
/*
 * A multipart/form-data API write (files without base64): the JSON object
 * in the text part field (declared in routes.conf) as *out, arena-kept;
 * YW_EINVAL with r->errors {field: "required" or "invalid"} when it is
 * missing or not a JSON object. Every file part goes to *files
 * (arena-owned, *nfiles of them, in the order sent). The CSRF token is
 * the X-CSRF-Token header's, checked before the view runs.
 */
enum yw_err	yw_req_multipart_json(struct yw_req *r, const char *field,
		    json_t **out, struct yw_req_file **files, size_t *nfiles);
/* Whether the request's body is multipart/form-data. */
int		yw_req_is_multipart(struct yw_req *r);
/* The id in path segment n (0-based: 1 of /cases/42/files/x is 42); 0
 * when absent or malformed. */
int64_t		yw_req_path_id(struct yw_req *r, int n);
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

/*
 * Marks the entries of list (borrowed) whose key equals form[field] with
 * "selected": true, so a select or check box shows the current choice.
 */
void		yw_web_mark_selected(json_t *list, const char *key,
		    json_t *form, const char *field);
/* A new array (caller owns) of {value, label, selected} for the first n
 * of values (or up to a NULL), labelled from the catalogue section labels
 * (borrowed); form[field] is marked. */
json_t	       *yw_web_choices(json_t *labels, const char *const *values,
		    size_t n, json_t *form, const char *field);

/*
 * The service catalogue's pieces that other pages show (h_service.c). For
 * pages (r->kind YW_PAGE), labels adds to an item (borrowed) the names of
 * its type, online depth, status, events and material forms from the
 * visitor's catalogue, and flags for zero time limits and a free service;
 * for the API it does nothing. life_events gives the life events with
 * their item counts (yw_catalog_event_counts, named on pages);
 * department_services the published items of one department (up to
 * YW_CATALOG_PER_PAGE_MAX). *out is new (caller owns).
 */
void		yw_web_service_labels(struct yw_req *r, json_t *item);
enum yw_err	yw_web_life_events(struct yw_req *r, json_t **out);
enum yw_err	yw_web_department_services(struct yw_req *r,
		    int64_t department_id, json_t **out);

/*
 * The working-day calendar for deadlines (workcal.c): loaded once per
 * worker and again whenever a calendar year's audit entry has been
 * appended since (calendar changes are audited). Borrowed; valid until the next call. Never NULL: when the
 * calendar cannot be read, weekday rules (logged).
 */
const struct yw_workday_cal *yw_web_workcal(void);

/*
 * Application forms as data (formview.c). fields gives the fields of
 * def (borrowed, formdef.h) ready for templates/case/form_fields, in the
 * visitor's language, each with its value from values (borrowed; strings
 * or attachment references) and the message for its code in errors
 * (borrowed, may be NULL): a new array. values gives a case's submitted
 * values as [{name, label, text | file: {name, size_text, href}}] in the
 * order of def (fields def does not know follow, by name); file links are
 * files_base/<sha256>. labels maps field names to their labels (for
 * r->labels). All new (caller owns).
 */
json_t	       *yw_web_form_fields(struct yw_req *r, json_t *def,
		    json_t *values, json_t *errors);
json_t	       *yw_web_form_values(struct yw_req *r, json_t *def,
		    json_t *values, const char *files_base);
json_t	       *yw_web_form_labels(struct yw_req *r, json_t *def);
/* An attachment reference v (borrowed: {name, type, size, sha256}) for a
 * page: a new {name, type, size_text, href: files_base/<sha256>}. */
json_t	       *yw_web_file_link(json_t *v, const char *files_base);

/*
 * The published bundles (一件事一次办) of a life event (all for NULL) for
 * a page of it (h_apply.c): a new array (caller owns) as yw_bundle_list
 * gives it, with the event's name on pages. A life-event page shows them
 * with {{>case/life_bundles}} over "bundles".
 */
enum yw_err	yw_web_life_bundles(struct yw_req *r, const char *event,
		    json_t **out);

/*
 * A case as r's actor may see it (h_case.c), merged into vm: the view of
 * yw_case_get, and for pages the labels of states, lights and timeline
 * events, the form values with their labels and file links, and the
 * rating's rectification. task_labels does the labels of one task row.
 */
enum yw_err	yw_web_case_view(struct yw_req *r, json_t *vm,
		    int64_t case_id);
void		yw_web_task_labels(struct yw_req *r, json_t *task);

/* Sends the stored attachment sha (borrowed) as r's file named name
 * (download.c); the caller has checked that r's actor may read it.
 * YW_ENOTFOUND for an unknown or malformed hash. */
enum yw_err	yw_web_attachment(struct yw_req *r, const char *sha,
		    const char *name);

/* Exactly one mapping from the error enum to an HTTP status. */
int		yw_http_status(enum yw_err e);

/* "http(s)://<Host>" of req into buf (sz bytes; 256 suffice): the Host
 * header only when it looks like one, else localhost. */
void		yw_web_base_url(struct http_request *req, char *buf,
		    size_t sz);

/* Security headers every response carries. */
void		yw_web_headers(struct http_request *req);

#endif
