/*
 * h_data_exchange.c - the exchange API for department systems, authenticated
 * by API key (yw_web_run_key): push and read records, download receipts,
 * and the published public keys.
 */
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/exchange.h"
#include "core/buf.h"
#include "web/group.h"
#include "web/web.h"

int	api_exchange_records(struct http_request *);
int	api_exchange_receipts(struct http_request *);
int	api_exchange_public_key(struct http_request *);

/* "/api/v1/exchange/resources/<code>/records": the code. */
static const char *
resource_code(struct yw_req *r)
{
	static const char	 pre[] = "/api/v1/exchange/resources/";
	const char		*p, *end;

	p = r->http->path + sizeof(pre) - 1;
	end = strchr(p, '/');
	if (end == NULL)
		return NULL;
	return yw_arena_strndup(r->arena, p, (size_t)(end - p));
}

/* A refusal's report goes out with the error; its row and CSV details
 * name the fields themselves. */
static enum yw_err
refused(struct yw_req *r, enum yw_err rc, json_t *report)
{
	json_t *fields;

	if (report == NULL)
		return rc;
	yw_req_keep(r, report);
	fields = json_object_get(report, "fields");
	if (rc == YW_EINVAL && fields != NULL) {
		r->errors = yw_req_keep(r, json_incref(fields));
		json_object_del(report, "fields");
	}
	r->error_extra = report;
	return rc;
}

static int64_t
num(json_t *q, const char *k, int *bad)
{
	const char	*s;
	char		*end;
	long long	 v;

	s = json_string_value(json_object_get(q, k));
	if (s == NULL || s[0] == '\0')
		return 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v < 0 || (s[0] < '0' || s[0] > '9'))
		*bad = 1;
	return v;
}

/* The query string: reserved names, and item=value filters. */
static enum yw_err
read_query(struct yw_req *r, struct yw_exchange_query *q)
{
	const char	*qs, *p, *amp, *eq;
	json_t		*o, *e;
	char		*name;
	int		 bad;
	enum yw_err	 rc;

	memset(q, 0, sizeof(*q));
	qs = r->http->query_string != NULL ? r->http->query_string : "";
	q->filters = yw_req_keep(r, json_object());
	r->errors = yw_req_keep(r, json_object());
	for (p = qs; *p != '\0'; p = *amp != '\0' ? amp + 1 : amp) {
		struct yw_form_field f = { NULL, 256, 0 };

		amp = strchr(p, '&');
		if (amp == NULL)
			amp = p + strlen(p);
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == NULL || eq == p)
			continue;
		name = yw_arena_strndup(r->arena, p, (size_t)(eq - p));
		if (name == NULL)
			return YW_ENOMEM;
		f.name = name;
		rc = yw_form_decode_query(p, (size_t)(amp - p), &f, 1, &o, &e);
		if (rc != YW_OK)
			return rc;
		yw_req_keep(r, o);
		yw_req_keep(r, e);
		json_object_update(r->errors, e);
		if (strcmp(name, "limit") == 0 || strcmp(name, "offset") == 0 ||
		    strcmp(name, "cursor") == 0 ||
		    strcmp(name, "updated_since") == 0)
			continue;
		if (json_object_get(o, name) != NULL)
			json_object_set(q->filters, name,
			    json_object_get(o, name));
	}
	{
		static const struct yw_form_field spec[] = {
			{ "limit", 6, 0 }, { "offset", 12, 0 },
			{ "cursor", 20, 0 }, { "updated_since", 20, 0 },
		};
		json_t *v;

		rc = yw_req_query_checked(r, spec, 4, &v);
		if (rc == YW_EINVAL)
			return rc;
		bad = 0;
		q->limit = num(v, "limit", &bad);
		if (bad)
			json_object_set_new(r->errors, "limit",
			    json_string("invalid"));
		bad = 0;
		q->offset = num(v, "offset", &bad);
		if (bad)
			json_object_set_new(r->errors, "offset",
			    json_string("invalid"));
		bad = 0;
		q->after = num(v, "cursor", &bad);
		if (bad)
			json_object_set_new(r->errors, "cursor",
			    json_string("invalid"));
		bad = 0;
		q->updated_since = num(v, "updated_since", &bad);
		if (bad)
			json_object_set_new(r->errors, "updated_since",
			    json_string("invalid"));
	}
	return json_object_size(r->errors) > 0 ? YW_EINVAL : YW_OK;
}

/* This worker's reads whose log entries wait for the group's sync. */
static struct yw_exchange_queue	*queue;

static enum yw_err
queue_flush(void *arg)
{
	(void)arg;
	return yw_exchange_flush(yw_web->db, &yw_web->keyring, queue);
}

static void
queue_done(void *arg)
{
	(void)arg;
	yw_exchange_queue_done(queue);
}

void
yw_web_exchange_init(void)
{
	queue = yw_exchange_queue_new();
	if (queue == NULL)
		fatal("cannot allocate the exchange queue");
	yw_group_flusher(queue_flush, queue_done, NULL);
}

void
yw_web_exchange_fini(void)
{
	if (queue == NULL)
		return;
	(void)queue_flush(NULL);
	yw_exchange_queue_destroy(queue);
	queue = NULL;
	yw_group_flusher(NULL, NULL, NULL);
}

/* The answer of a queued read: its receipt, once written. */
static enum yw_err
finish_read(void *arg, char *end, size_t *n)
{
	return yw_exchange_pending_tail(arg, end, n);
}

/* A read's page goes out as the JSON text the domain wrote, from a
 * buffer the worker keeps for it: the answer is sent or copied (parked)
 * before the handler returns, so the next read may write it again, and a
 * page of some 30 KB is not grown from nothing on every read. With group
 * commit its log entry is written with the others of this pass, and the
 * answer waits for it (yw_exchange_read_queued). */
static enum yw_err
read_records(struct yw_req *r, const struct yw_exchange_query *q,
    const char *code)
{
	static struct yw_buf		 text;
	struct yw_exchange_pending	*pend = NULL;
	json_t				*report = NULL;
	enum yw_err			 rc;

	yw_buf_reset(&text);
	(void)yw_db_read_begin(yw_web->db);
	if (queue != NULL && yw_group_can_hold(r->http))
		rc = yw_exchange_read_queued(yw_web->db, &yw_web->keyring,
		    r->api_key, q, code, &text, &report, queue, &pend);
	else
		rc = yw_exchange_read(yw_web->db, &yw_web->keyring,
		    r->api_key, q, code, &text, &report);
	yw_db_read_end(yw_web->db);
	if (rc != YW_OK)
		return refused(r, rc, report);
	if (pend != NULL) {
		r->finish = finish_read;
		r->finish_arg = pend;
		r->finish_room = YW_EXCHANGE_TAIL_MAX + 1;
	}
	r->json_text = text.data;
	r->json_len = text.len;
	return YW_OK;
}

static enum yw_err
view_records(struct yw_req *r, json_t *vm)
{
	struct yw_exchange_query	 q;
	const char			*code, *body, *ctype;
	json_t				*out = NULL, *report = NULL;
	size_t				 len;
	enum yw_err			 rc;
	int				 csv;

	code = resource_code(r);
	if (code == NULL)
		return YW_ENOTFOUND;
	if (yw_req_is_post(r)) {
		rc = yw_req_body(r, YW_EXCHANGE_BODY_MAX, &body, &len);
		if (rc != YW_OK)
			return rc;
		csv = http_request_header(r->http, "content-type", &ctype) &&
		    strncmp(ctype, "text/csv", 8) == 0;
		rc = yw_exchange_push(yw_web->db, &yw_web->keyring, r->api_key,
		    code, csv, body, len, &out, &report);
		if (rc == YW_OK)
			r->status = 201;
	} else {
		rc = read_query(r, &q);
		if (rc != YW_OK)
			return rc;
		return read_records(r, &q, code);
	}
	if (rc != YW_OK)
		return refused(r, rc, report);
	json_object_update(vm, out);
	json_decref(out);
	return YW_OK;
}

int
api_exchange_records(struct http_request *req)
{
	return yw_web_run_key(req, view_records);
}

static enum yw_err
view_receipts(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = { { "since", 20, 0 } };
	json_t		*q, *out = NULL, *report = NULL;
	int		 bad = 0;
	int64_t		 since;
	enum yw_err	 rc;

	if (yw_req_is_post(r))
		return YW_EMETHOD;
	rc = yw_req_query_checked(r, spec, 1, &q);
	if (rc != YW_OK)
		return rc;
	since = num(q, "since", &bad);
	if (bad) {
		json_object_set_new(r->errors, "since", json_string("invalid"));
		return YW_EINVAL;
	}
	rc = yw_exchange_receipts(yw_web->db, &yw_web->keyring, r->api_key,
	    since, &out, &report);
	if (rc != YW_OK)
		return refused(r, rc, report);
	json_object_update(vm, out);
	json_decref(out);
	return YW_OK;
}

int
api_exchange_receipts(struct http_request *req)
{
	return yw_web_run_key(req, view_receipts);
}

static enum yw_err
view_public_key(struct yw_req *r, json_t *vm)
{
	json_t		*out = NULL;
	enum yw_err	 rc;

	if (yw_req_is_post(r))
		return YW_EMETHOD;
	rc = yw_exchange_public_keys(yw_web->db, &yw_web->keyring, &out);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, out);
	json_decref(out);
	return YW_OK;
}

int
api_exchange_public_key(struct http_request *req)
{
	return yw_web_run_key(req, view_public_key);
}
