/*
 * exchange.c - keys, pushes, reads and the signed log (exchange.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/account/session_store.h"
#include "app/audit/audit.h"
#include "app/data/data_store.h"
#include "app/data/exchange.h"
#include "app/data/exchange_cache.h"
#include "app/data/exchange_parse.h"
#include "app/data/exchange_store.h"
#include "app/data/schema.h"
#include "core/apikey.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#define REPORT_ROWS_MAX	100	/* bad rows listed in a refusal */

/* Who is calling, once the key checked out. */
struct caller {
	int64_t		key_id;
	int64_t		department_id;
	int64_t		last_used;	/* the key's last_used_at */
	char		prefix[16];
};

/* What the log entry of a call says. */
struct call {
	struct caller	 who;
	const char	*code;
	int64_t		 provider_id;
	const char	*operation;
	const char	*query;		/* NULL reads as "" */
	char		*query_buf;	/* malloc'd: what query points at */
	int64_t		 rows;
	const char	*result;
	const char	*reason;
	int64_t		 seq;		/* set when logged */
	char		 hash[65];	/* set when logged */
	int		 in_txn;	/* the caller's transaction is open */
	json_t		*calls;		/* in_txn: where the call is noted */
	struct yw_exchange_queue *queue;	/* an allowed read's entry */
	struct yw_exchange_pending *pending;	/* goes there, as this */
	struct yw_xcache *xc;		/* the worker's lookups, or NULL */
	json_t		*items;		/* with xc: the resource's, parsed */
};

/* A read's entry waiting for yw_exchange_flush. */
struct yw_exchange_pending {
	struct yw_exchange_pending *next;
	struct call	 c;		/* code and query are its own */
	char		*code_buf;
	enum yw_err	 rc;		/* the flush's */
	int		 flushed;
};

struct yw_exchange_queue {
	struct yw_exchange_pending *head, **tail;	/* to write */
	struct yw_exchange_pending *done;		/* written */
	size_t		 n;
	struct yw_xcache *xc;		/* the same worker's lookups */
};

static int
is_staff_role(const struct yw_actor *a, unsigned roles)
{
	return a != NULL && strcmp(a->kind, "staff") == 0 &&
	    (a->roles & roles) != 0;
}

enum yw_err
yw_exchange_key_create(struct yw_db *db, const struct yw_actor *a,
    const char *name, char token[YW_EXCHANGE_TOKEN_MAX], json_t **errors)
{
	char		 hash[YW_APIKEY_HASH_LEN], prefix[YW_APIKEY_PREFIX_LEN];
	json_t		*detail;
	int64_t		 id;
	size_t		 n;
	enum yw_err	 rc;

	*errors = NULL;
	token[0] = '\0';
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	if (!is_staff_role(a, YW_ROLE_DEPT_ADMIN | YW_ROLE_DATA_STEWARD |
	    YW_ROLE_PLATFORM_ADMIN) || a->department_id == 0)
		return YW_EFORBIDDEN;
	n = name != NULL ? strlen(name) : 0;
	if (n == 0 || !yw_utf8_valid(name, n) ||
	    yw_utf8_count(name, n) > YW_EXCHANGE_KEY_NAME_MAX) {
		*errors = json_pack("{s:s}", "name", n == 0 ? "required" :
		    "too_long");
		return YW_EINVAL;
	}
	rc = yw_apikey_new("ywk_", token, hash, prefix);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_exchange_store_key_insert(db, a->department_id, name, prefix,
	    hash, a->id, yw_time_now(), &id);
	if (rc == YW_OK) {
		char sid[24];

		(void)snprintf(sid, sizeof(sid), "%lld", (long long)id);
		detail = json_pack("{s:s, s:s}", "name", name, "prefix",
		    prefix);
		rc = yw_audit_append(db, a, "exchange_key.create",
		    "exchange_key", sid, detail);
		json_decref(detail);
	}
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	if (rc != YW_OK)
		token[0] = '\0';
	return rc;
}

enum yw_err
yw_exchange_key_revoke(struct yw_db *db, const struct yw_actor *a,
    int64_t id)
{
	json_t		*row = NULL;
	char		 sid[24];
	enum yw_err	 rc;

	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	if (!is_staff_role(a, YW_ROLE_DEPT_ADMIN | YW_ROLE_DATA_STEWARD |
	    YW_ROLE_PLATFORM_ADMIN))
		return YW_EFORBIDDEN;
	rc = yw_exchange_store_key_get(db, id, &row);
	if (rc != YW_OK)
		return rc;
	if (!(a->roles & YW_ROLE_PLATFORM_ADMIN) && json_integer_value(
	    json_object_get(row, "department_id")) != a->department_id) {
		json_decref(row);
		return YW_ENOTFOUND;
	}
	json_decref(row);
	(void)snprintf(sid, sizeof(sid), "%lld", (long long)id);
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_exchange_store_key_revoke(db, id, yw_time_now());
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "exchange_key.revoke",
		    "exchange_key", sid, NULL);
	if (rc == YW_OK)
		return yw_db_commit(db);
	(void)yw_db_rollback(db);
	return rc;
}

enum yw_err
yw_exchange_key_list(struct yw_db *db, const struct yw_actor *a,
    json_t **out)
{
	*out = NULL;
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	if (!is_staff_role(a, YW_ROLE_DEPT_ADMIN | YW_ROLE_DATA_STEWARD |
	    YW_ROLE_PLATFORM_ADMIN))
		return YW_EFORBIDDEN;
	return yw_exchange_store_key_list(db, (a->roles &
	    YW_ROLE_PLATFORM_ADMIN) ? 0 : a->department_id, out);
}

/* Checks token; fills who or says why not. */
static enum yw_err
authenticate(struct yw_db *db, struct yw_xcache *xc, const char *token,
    struct caller *who, const char **reason)
{
	json_t		*row = NULL;
	char		 hash[65];
	enum yw_err	 rc;

	memset(who, 0, sizeof(*who));
	if (token == NULL || token[0] == '\0') {
		*reason = "key_missing";
		return YW_EAUTH;
	}
	/* What the log shows of an unknown key: its first characters. */
	yw_apikey_prefix(token, who->prefix);
	yw_apikey_hash(token, hash);
	rc = yw_xcache_key(xc, db, hash, &row);
	if (rc == YW_ENOTFOUND) {
		*reason = "key_unknown";
		return YW_EAUTH;
	}
	if (rc != YW_OK)
		return rc;
	who->key_id = json_integer_value(json_object_get(row, "id"));
	who->department_id = json_integer_value(json_object_get(row,
	    "department_id"));
	who->last_used = json_integer_value(json_object_get(row,
	    "last_used_at"));
	if (!json_is_null(json_object_get(row, "revoked_at"))) {
		*reason = "key_revoked";
		rc = YW_EAUTH;
	}
	json_decref(row);
	return rc;
}

/* The chain department's secret key, created on first use; from the
 * worker's cache (receipt.h) once opened. */
static enum yw_err
dept_secret(struct yw_db *db, const struct yw_keyring *k, int64_t dept,
    unsigned char sk[crypto_sign_SECRETKEYBYTES], char pk_hex[65])
{
	json_t		*row = NULL;
	char		*pk = NULL, *sealed = NULL;
	int		 created = 0;
	enum yw_err	 rc;

	if (yw_keycache_get(k, dept, sk, pk_hex))
		return YW_OK;
	rc = yw_exchange_store_dept_key(db, dept, &row);
	if (rc == YW_ENOTFOUND) {
		created = 1;
		rc = yw_keyring_dept_new(k, &pk, &sealed);
		if (rc == YW_OK)
			rc = yw_exchange_store_dept_key_put(db, dept, pk,
			    sealed, yw_time_now());
		free(pk);
		free(sealed);
		if (rc == YW_OK)
			rc = yw_exchange_store_dept_key(db, dept, &row);
	}
	if (rc != YW_OK)
		return rc;
	(void)snprintf(pk_hex, 65, "%s", json_string_value(json_object_get(
	    row, "public_key")));
	rc = yw_keyring_dept_open(k, json_string_value(json_object_get(row,
	    "sealed_secret")), sk);
	json_decref(row);
	/* A key created in this transaction is not cached: were it rolled
	 * back, the cache would sign with a key the database never kept. The
	 * next call reads it back, committed, and caches it then. */
	if (rc == YW_OK && !created)
		yw_keycache_put(k, dept, sk, pk_hex);
	return rc;
}

static json_t *
opt_int(int64_t v)
{
	return v == 0 ? json_null() : json_integer(v);
}

/* Writes the call's entry after the chain head seq/prev of its department
 * (read in this transaction) and, if move, moves the head to it; c->seq
 * and c->hash become the entry's. */
static enum yw_err
log_entry(struct yw_db *db, const struct yw_keyring *k, struct call *c,
    int64_t seq, const char *prev, int move)
{
	unsigned char	 sk[crypto_sign_SECRETKEYBYTES];
	char		 hash[65], pk[65];
	char		 sig[2 * crypto_sign_BYTES + 1];
	char		 dsig[2 * crypto_sign_BYTES + 1];
	json_t		*e;
	enum yw_err	 rc;

	e = json_pack("{s:I, s:I, s:I, s:o, s:s, s:s, s:o, s:s, s:s, s:I,"
	    " s:s, s:s, s:s}", "seq", (json_int_t)(seq + 1), "department_id",
	    (json_int_t)c->who.department_id, "at", (json_int_t)yw_time_now(),
	    "key_id", opt_int(c->who.key_id), "key_prefix", c->who.prefix,
	    "resource_code", c->code != NULL ? c->code : "", "provider_id",
	    opt_int(c->provider_id), "operation", c->operation, "query",
	    c->query != NULL ? c->query : "", "row_count",
	    (json_int_t)c->rows, "result", c->result, "reason",
	    c->reason != NULL ? c->reason : "", "prev_hash", prev);
	if (e == NULL)
		return YW_ENOMEM;
	rc = yw_receipt_hash(e, hash);
	if (rc != YW_OK)
		goto out;
	yw_receipt_sign(k->sign_sk, hash, sig);
	dsig[0] = '\0';
	if (c->who.department_id != 0) {
		rc = dept_secret(db, k, c->who.department_id, sk, pk);
		if (rc != YW_OK)
			goto out;
		yw_receipt_sign(sk, hash, dsig);
		sodium_memzero(sk, sizeof(sk));
	}
	json_object_set_new(e, "hash", json_string(hash));
	json_object_set_new(e, "signature", json_string(sig));
	json_object_set_new(e, "dept_signature", json_string(dsig));
	rc = move ? yw_exchange_store_log_put(db, e) :
	    yw_exchange_store_log_insert(db, e);
	/* last_used_at moves at most once a minute (the store's rule too):
	 * checked here first, a busy key costs no statement per call. */
	if (rc == YW_OK && c->who.key_id != 0 &&
	    c->who.last_used < yw_time_now() - 60)
		rc = yw_exchange_store_key_used(db, c->who.key_id,
		    yw_time_now());
	if (rc == YW_OK) {
		c->seq = seq + 1;
		(void)snprintf(c->hash, sizeof(c->hash), "%s", hash);
	}
out:
	json_decref(e);
	return rc;
}

/* Appends the call's entry to its department's chain; inside a
 * transaction the caller opened. */
static enum yw_err
log_append(struct yw_db *db, const struct yw_keyring *k, struct call *c)
{
	char		 prev[65];
	int64_t		 seq;
	enum yw_err	 rc;

	if (!k->ready)
		return YW_EINTERNAL;
	rc = yw_exchange_store_chain_head(db, c->who.department_id, &seq,
	    prev);
	if (rc != YW_OK)
		return rc;
	return log_entry(db, k, c, seq, prev, 1);
}

/* Appends the call's entry in a transaction of its own. */
static enum yw_err
log_alone(struct yw_db *db, const struct yw_keyring *k, struct call *c)
{
	enum yw_err rc;

	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	return yw_db_end(db, log_append(db, k, c));
}

/* Notes the call c in c->calls (if any) for yw_exchange_log_calls;
 * logged says whether its entry was written in the caller's
 * transaction. */
static void
note_call(const struct call *c, int logged)
{
	if (c->calls == NULL)
		return;
	json_array_append_new(c->calls, json_pack("{s:I, s:s, s:s, s:I, s:s,"
	    " s:s, s:I, s:s, s:s, s:b}", "department_id",
	    (json_int_t)c->who.department_id, "key_prefix", c->who.prefix,
	    "resource_code", c->code != NULL ? c->code : "", "provider_id",
	    (json_int_t)c->provider_id, "operation", c->operation, "query",
	    c->query != NULL ? c->query : "", "row_count", (json_int_t)c->rows,
	    "result", c->result, "reason", c->reason != NULL ? c->reason : "",
	    "logged", logged));
}

/* A refused call is logged in a transaction of its own; rc is returned
 * unchanged unless the log itself fails. */
static enum yw_err
refuse(struct yw_db *db, const struct yw_keyring *k, struct call *c,
    enum yw_err rc, json_t **report)
{
	enum yw_err lrc;

	c->result = rc == YW_EINVAL || rc == YW_ETOOBIG ? "invalid" :
	    "denied";
	if (*report == NULL)
		*report = json_object();
	json_object_set_new(*report, "reason", json_string(c->reason));
	/* Inside the caller's transaction (a platform fetch for a case) the
	 * refusal is noted for the caller, which rolls back and then logs it
	 * (yw_exchange_log_calls). */
	if (c->in_txn) {
		note_call(c, 0);
		return rc;
	}
	lrc = log_alone(db, k, c);
	return lrc != YW_OK ? lrc : rc;
}

/* Authenticates and finds the resource; on failure logs the refusal. */
static enum yw_err
begin_call(struct yw_db *db, const struct yw_keyring *k, const char *token,
    struct call *c, json_t **res, json_t **report)
{
	enum yw_err rc;

	*res = NULL;
	rc = authenticate(db, c->xc, token, &c->who, &c->reason);
	if (rc != YW_OK) {
		if (rc == YW_EAUTH)
			c->who.key_id = 0;
		if (rc == YW_EAUTH && strcmp(c->reason, "key_revoked") != 0)
			c->who.department_id = 0;
		return rc == YW_EAUTH ? refuse(db, k, c, rc, report) : rc;
	}
	rc = yw_xcache_resource(c->xc, db, c->code, res, c->xc != NULL ?
	    &c->items : NULL);
	if (rc == YW_ENOTFOUND) {
		c->reason = "not_found";
		return refuse(db, k, c, rc, report);
	}
	if (rc != YW_OK)
		return rc;
	c->provider_id = json_integer_value(json_object_get(*res,
	    "department_id"));
	return YW_OK;
}

static json_t *
items_of(json_t *res)
{
	json_t *items;

	items = json_loads(json_string_value(json_object_get(res, "items")), 0,
	    NULL);
	return items != NULL ? items : json_array();
}

/* JSON or CSV body into an array of records (and CSV lines). */
static enum yw_err
parse_body(json_t *items, int csv, const char *body, size_t len,
    json_t **records, json_t **lines, json_t *report, const char **reason)
{
	struct yw_csv_error	 ce;
	json_t			*j, *rows = NULL, *ln = NULL;
	size_t			 col;
	const char		*code;
	enum yw_err		 rc;

	*records = NULL;
	*lines = NULL;
	if (!csv) {
		j = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
		if (!json_is_object(j) || !json_is_array(json_object_get(j,
		    "records"))) {
			json_decref(j);
			*reason = "body";
			json_object_set_new(report, "fields", json_pack("{s:s}",
			    "records", "required"));
			return YW_EINVAL;
		}
		*records = json_incref(json_object_get(j, "records"));
		json_decref(j);
		if (json_array_size(*records) > YW_EXCHANGE_BATCH_MAX) {
			*reason = "too_big";
			return YW_ETOOBIG;
		}
		return YW_OK;
	}
	rc = yw_csv_parse(body, len, YW_EXCHANGE_BATCH_MAX + 1, &rows, &ln,
	    &ce);
	if (rc == YW_EINVAL) {
		*reason = "csv";
		json_object_set_new(report, "csv", json_pack("{s:s, s:I}",
		    "code", ce.code, "line", (json_int_t)ce.line));
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	rc = yw_schema_from_csv(items, rows, records, &col, &code);
	if (rc == YW_EINVAL) {
		*reason = "csv";
		json_object_set_new(report, "csv", json_pack("{s:s, s:I,"
		    " s:I}", "code", code, "line", (json_int_t)1, "column",
		    (json_int_t)col));
	}
	json_decref(rows);
	if (rc == YW_OK) {
		/* The header is not a record. */
		json_array_remove(ln, 0);
		*lines = ln;
		ln = NULL;
	}
	json_decref(ln);
	return rc;
}

/* A bad row's field codes into bad (see check_records). */
static enum yw_err
note_bad(json_t *items, json_t *rec, json_t *lines, size_t i, json_t *bad)
{
	json_t		*clean = NULL, *errs = NULL, *kv;
	enum yw_err	 rc;

	rc = yw_schema_check(items, rec, &clean, NULL, &errs);
	json_decref(clean);
	if (rc == YW_ENOMEM)
		return rc;
	if (errs == NULL)	/* cannot be: yw_schema_encode refused it */
		errs = json_pack("{s:s}", "record", "wrong_type");
	kv = json_pack("{s:I, s:o}", "row", (json_int_t)(i + 1), "fields",
	    errs);
	if (kv == NULL)
		return YW_ENOMEM;
	if (lines != NULL)
		json_object_set(kv, "line", json_array_get(lines, i));
	json_array_append_new(bad, kv);
	return YW_OK;
}

/*
 * A JSON body read by the scanner (exchange_parse.h) when it takes it:
 * then *fast is set and ck holds every record, all good. Otherwise ck is
 * empty and the body goes through parse_body and check_records, which
 * give the same records or the report of what is wrong.
 */
static enum yw_err
parse_fast(json_t *items, const char *key_item, const char *body,
    size_t len, struct yw_exchange_batch *ck, int *fast)
{
	struct yw_schema_plan	plan;
	enum yw_err		rc;

	*fast = 0;
	if (yw_schema_plan_make(items, key_item, &plan) != YW_OK)
		return YW_OK;
	rc = yw_exchange_parse(&plan, body, len, YW_EXCHANGE_BATCH_MAX, ck);
	if (rc == YW_EINVAL)
		return YW_OK;
	*fast = rc == YW_OK;
	return rc;
}

/*
 * Checks every record once, keeping what apply_records writes. A bad row
 * goes into bad (borrowed, may be NULL: stop at the first) as {row, line,
 * fields}, at most REPORT_ROWS_MAX of them; *nbad counts them all.
 */
static enum yw_err
check_records(json_t *items, const char *key_item, json_t *records,
    json_t *lines, json_t *bad, size_t *nbad, struct yw_exchange_batch *ck)
{
	struct yw_schema_plan	 plan;
	json_t			*rec;
	size_t			 i, n, off, key;
	enum yw_err		 rc;

	*nbad = 0;
	memset(ck, 0, sizeof(*ck));
	yw_buf_init(&ck->buf);
	rc = yw_schema_plan_make(items, key_item, &plan);
	if (rc != YW_OK)
		return rc;
	n = json_array_size(records);
	ck->data_off = calloc(n + 1, sizeof(*ck->data_off));
	ck->key_off = calloc(n + 1, sizeof(*ck->key_off));
	ck->cap = n + 1;
	/* About what a record takes, so the buffer grows once or twice. */
	if (ck->data_off == NULL || ck->key_off == NULL ||
	    yw_buf_reserve(&ck->buf, n * 384) != YW_OK)
		return YW_ENOMEM;
	json_array_foreach(records, i, rec) {
		off = ck->buf.len;
		rc = yw_schema_encode(&plan, rec, &ck->buf, &key);
		if (rc == YW_ENOMEM)
			return rc;
		if (rc == YW_OK) {
			ck->data_off[ck->n] = off;
			ck->key_off[ck->n++] = key;
			continue;
		}
		if (bad == NULL) {
			*nbad = 1;
			return YW_OK;
		}
		if ((*nbad)++ < REPORT_ROWS_MAX) {
			rc = note_bad(items, rec, lines, i, bad);
			if (rc != YW_OK)
				return rc;
		}
	}
	return YW_OK;
}

/* Writes checked records (inside the caller's transaction) in one call of
 * the store: each record's data once, no per-value rows. */
static enum yw_err
apply_records(struct yw_db *db, int64_t rid,
    const struct yw_exchange_batch *ck, int64_t now)
{
	json_t		*at = NULL, *slot;
	char		**rkeys, **datas, *key;
	size_t		 i, m = 0;
	enum yw_err	 rc = YW_ENOMEM;

	rkeys = calloc(ck->n + 1, sizeof(*rkeys));
	datas = calloc(ck->n + 1, sizeof(*datas));
	at = json_object();
	if (rkeys == NULL || datas == NULL || at == NULL)
		goto out;
	for (i = 0; i < ck->n; i++) {
		key = ck->key_off[i] == (size_t)-1 ? NULL :
		    ck->buf.data + ck->key_off[i];
		/* A key given twice in a batch is one record, where it
		 * first appeared: its last values win. */
		slot = key != NULL ? json_object_get(at, key) : NULL;
		if (slot != NULL) {
			datas[json_integer_value(slot)] = ck->buf.data +
			    ck->data_off[i];
			continue;
		}
		if (key != NULL && json_object_set_new(at, key,
		    json_integer((json_int_t)m)) != 0)
			goto out;
		rkeys[m] = key;
		datas[m++] = ck->buf.data + ck->data_off[i];
	}
	rc = yw_exchange_store_records_put(db, rid, rkeys, datas, m, now);
out:
	free(rkeys);
	free(datas);
	json_decref(at);
	return rc;
}

enum yw_err
yw_exchange_push(struct yw_db *db, const struct yw_keyring *k,
    const char *token, const char *code, int csv, const char *body,
    size_t len, json_t **out, json_t **report)
{
	struct call			 c;
	struct yw_exchange_batch	 ck;
	json_t				*res = NULL, *items = NULL;
	json_t				*records = NULL, *lines = NULL, *bad;
	const char			*key_item;
	char				 q[48];
	int64_t				 rid, now;
	size_t				 nbad = 0;
	enum yw_err			 rc;
	int				 began = 0, fast = 0;

	*out = NULL;
	*report = NULL;
	memset(&c, 0, sizeof(c));
	memset(&ck, 0, sizeof(ck));
	c.code = code;
	c.operation = "push";
	rc = begin_call(db, k, token, &c, &res, report);
	if (rc != YW_OK)
		return rc;
	if (c.provider_id != c.who.department_id) {
		c.reason = "not_provider";
		rc = refuse(db, k, &c, YW_EFORBIDDEN, report);
		goto out;
	}
	items = items_of(res);
	*report = json_object();
	key_item = json_string_value(json_object_get(res, "key_item"));
	if (!csv) {
		rc = parse_fast(items, key_item, body, len, &ck, &fast);
		if (rc != YW_OK)
			goto out;
	}
	if (!fast) {
		rc = parse_body(items, csv, body, len, &records, &lines,
		    *report, &c.reason);
		if (rc == YW_EINVAL || rc == YW_ETOOBIG) {
			rc = refuse(db, k, &c, rc, report);
			goto out;
		}
		if (rc != YW_OK)
			goto out;
	}
	c.rows = fast ? (int64_t)ck.n : (int64_t)json_array_size(records);
	(void)snprintf(q, sizeof(q), "%s; rows=%lld", csv ? "csv" : "json",
	    (long long)c.rows);
	c.query = c.query_buf = strdup(q);
	if (!fast) {
		/* Whole batch checked before anything is written. */
		bad = json_array();
		json_object_set_new(*report, "rows", bad);
		rc = check_records(items, key_item, records, lines, bad, &nbad,
		    &ck);
		if (rc != YW_OK)
			goto out;
		if (nbad > 0) {
			json_object_set_new(*report, "bad_rows", json_integer(
			    (json_int_t)nbad));
			c.reason = "rows";
			rc = refuse(db, k, &c, YW_EINVAL, report);
			goto out;
		}
		json_object_del(*report, "rows");
	}
	rid = json_integer_value(json_object_get(res, "id"));
	now = yw_time_now();
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	began = 1;
	rc = apply_records(db, rid, &ck, now);
	if (rc != YW_OK)
		goto out;
	rc = yw_exchange_store_touch(db, rid, now);
	if (rc != YW_OK)
		goto out;
	c.result = "ok";
	c.reason = "";
	rc = log_append(db, k, &c);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_commit(db);
	began = 0;
	if (rc != YW_OK)
		goto out;
	json_decref(*report);
	*report = NULL;
	*out = json_pack("{s:s, s:I, s:{s:I, s:I}}", "resource", code,
	    "accepted", (json_int_t)c.rows, "receipt", "department_id",
	    (json_int_t)c.who.department_id, "seq", (json_int_t)c.seq);
out:
	if (began)
		(void)yw_db_rollback(db);
	yw_exchange_batch_free(&ck);
	free(c.query_buf);
	json_decref(res);
	json_decref(items);
	json_decref(records);
	json_decref(lines);
	return rc;
}

static int
in_array(json_t *arr, const char *s)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

/* Visible: 'a' all, 'm' masked, 'o' omitted, per item of the reader. */
static char
visibility(json_t *item, int provider, int conditional, json_t *granted)
{
	const char *name = json_string_value(json_object_get(item, "name"));

	if (provider || in_array(granted, name))
		return 'a';
	if (conditional && !json_is_true(json_object_get(item, "personal")))
		return 'o';
	if (json_is_true(json_object_get(item, "personal")))
		return 'm';
	return 'a';
}

/* The resource's key item when filters name it and the records' rkeys are
 * its values (then the store looks the key up), else NULL. */
static enum yw_err
key_filter(struct yw_db *db, json_t *res, json_t *filters,
    const char **key_item)
{
	const char	*k = json_string_value(json_object_get(res, "key_item"));
	int64_t		 mixed = 1;
	enum yw_err	 rc;

	*key_item = NULL;
	if (k == NULL || k[0] == '\0' || json_object_get(filters, k) == NULL)
		return YW_OK;
	rc = yw_exchange_store_rkey_mixed(db, json_integer_value(
	    json_object_get(res, "id")), &mixed);
	if (rc == YW_OK && mixed == 0)
		*key_item = k;
	return rc;
}

/* A JSON value as jansson writes it, appended to b. */
static enum yw_err
append_json(struct yw_buf *b, json_t *v, size_t flags)
{
	char		*s;
	enum yw_err	 rc;

	s = json_dumps(v, flags | JSON_COMPACT | JSON_ENCODE_ANY);
	if (s == NULL)
		return YW_ENOMEM;
	rc = yw_buf_appends(b, s);
	free(s);
	return rc;
}

/* A page of records being gathered, as jansson values (list) or, for
 * the API, straight as JSON text (text). */
struct page {
	json_t		*masked;
	json_t		*omitted;
	json_t		*list;		/* or NULL */
	struct yw_buf	*text;		/* or NULL */
	size_t		 n;
	int64_t		 last_id;
};

/* A record's data as the reader sees it (new), from its stored text. */
static json_t *
shown_data(const struct page *pg, const char *text, size_t len)
{
	json_t		*data, *shown, *v;
	const char	*name;

	data = json_loadb(text, len, 0, NULL);
	shown = json_object();
	if (data == NULL || shown == NULL) {
		json_decref(data);
		json_decref(shown);
		return NULL;
	}
	json_object_foreach(data, name, v) {
		if (in_array(pg->omitted, name))
			continue;
		json_object_set_new(shown, name, in_array(pg->masked, name) ?
		    yw_schema_mask(v) : json_incref(v));
	}
	json_decref(data);
	return shown;
}

/* s as a JSON string, as jansson writes it: text with nothing to escape
 * (no quote, backslash or control character) goes out as it is. */
static enum yw_err
append_str(struct yw_buf *b, const char *s)
{
	const unsigned char	*p;
	json_t			*v;
	enum yw_err		 rc;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == '"' || *p == '\\')
			break;
	if (*p == '\0') {
		rc = yw_buf_appendc(b, '"');
		if (rc == YW_OK)
			rc = yw_buf_append(b, s, (size_t)(p -
			    (const unsigned char *)s));
		if (rc == YW_OK)
			rc = yw_buf_appendc(b, '"');
		return rc;
	}
	v = json_string(s);
	if (v == NULL)
		return YW_ENOMEM;
	rc = append_json(b, v, 0);
	json_decref(v);
	return rc;
}

/* A decimal number without printf. */
static enum yw_err
append_int(struct yw_buf *b, int64_t v)
{
	char		 buf[24], *p = buf + sizeof(buf);
	uint64_t	 u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	return yw_buf_append(b, p, (size_t)(buf + sizeof(buf) - p));
}

/* One record into the page. With nothing masked or left out, the text
 * mode copies the stored text (compact, keys sorted: what dumping the
 * parsed record gives) instead of parsing and writing it again. */
static enum yw_err
page_row(void *arg, const struct yw_exchange_row *row)
{
	struct page	*pg = arg;
	struct yw_buf	*t = pg->text;
	json_t		*shown = NULL;
	enum yw_err	 rc;

	pg->n++;
	pg->last_id = row->id;
	if (t == NULL || json_array_size(pg->masked) > 0 ||
	    json_array_size(pg->omitted) > 0) {
		shown = shown_data(pg, row->data, row->data_len);
		if (shown == NULL)
			return YW_ENOMEM;
	}
	if (t == NULL)
		return json_array_append_new(pg->list, json_pack("{s:I, s:s?,"
		    " s:I, s:o}", "id", (json_int_t)row->id, "key", row->rkey,
		    "updated_at", (json_int_t)row->updated_at, "data",
		    shown)) == 0 ? YW_OK : YW_ENOMEM;
	rc = yw_buf_appends(t, pg->n > 1 ? ",{\"id\":" : "{\"id\":");
	if (rc == YW_OK)
		rc = append_int(t, row->id);
	if (rc == YW_OK)
		rc = yw_buf_appends(t, ",\"key\":");
	if (rc == YW_OK)
		rc = row->rkey != NULL ? append_str(t, row->rkey) :
		    yw_buf_appends(t, "null");
	if (rc == YW_OK)
		rc = yw_buf_appends(t, ",\"updated_at\":");
	if (rc == YW_OK)
		rc = append_int(t, row->updated_at);
	if (rc == YW_OK)
		rc = yw_buf_appends(t, ",\"data\":");
	if (rc == YW_OK)
		rc = shown != NULL ? append_json(t, shown, 0) :
		    yw_buf_append(t, row->data, row->data_len);
	if (rc == YW_OK)
		rc = yw_buf_appendc(t, '}');
	json_decref(shown);
	return rc;
}

/* Queues the read c's entry in c->queue: a copy, c->pending. */
static enum yw_err
queue_push(struct call *c)
{
	struct yw_exchange_queue	*xq = c->queue;
	struct yw_exchange_pending	*p;

	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return YW_ENOMEM;
	p->c = *c;
	p->c.queue = NULL;
	p->c.xc = NULL;
	p->c.items = NULL;
	p->c.query_buf = strdup(c->query != NULL ? c->query : "");
	p->c.query = p->c.query_buf;
	p->code_buf = strdup(c->code != NULL ? c->code : "");
	p->c.code = p->code_buf;
	if (p->c.query_buf == NULL || p->code_buf == NULL) {
		free(p->c.query_buf);
		free(p->code_buf);
		free(p);
		return YW_ENOMEM;
	}
	*xq->tail = p;
	xq->tail = &p->next;
	xq->n++;
	c->pending = p;
	return YW_OK;
}

/* The receipt's log entry, in the caller's transaction, one of its own,
 * or queued for the next flush. */
static enum yw_err
log_read(struct yw_db *db, const struct yw_keyring *k, struct call *c)
{
	enum yw_err rc;

	if (c->queue != NULL)
		return queue_push(c);
	if (c->in_txn) {
		rc = log_append(db, k, c);
		if (rc == YW_OK)
			note_call(c, 1);
		return rc;
	}
	return log_alone(db, k, c);
}

/* What closes a page's JSON text: `,"receipt":{...}}` into out; its
 * length. */
static size_t
receipt_tail(const struct call *c, char out[YW_EXCHANGE_TAIL_MAX + 1])
{
	int n;

	n = snprintf(out, YW_EXCHANGE_TAIL_MAX + 1, ",\"receipt\":{"
	    "\"department_id\":%lld,\"seq\":%lld,\"hash\":\"%s\"}}",
	    (long long)c->who.department_id, (long long)c->seq, c->hash);
	return n < 0 ? 0 : (size_t)n;
}

/* The page's JSON text (see yw_exchange_read) before its records. */
static enum yw_err
page_head(struct yw_buf *out, const char *code)
{
	json_t		*s;
	enum yw_err	 rc;

	s = json_string(code);
	if (s == NULL)
		return YW_ENOMEM;
	rc = yw_buf_appends(out, "{\"resource\":");
	if (rc == YW_OK)
		rc = append_json(out, s, 0);
	json_decref(s);
	if (rc == YW_OK)
		rc = yw_buf_appends(out, ",\"records\":[");
	return rc;
}

/* The page's JSON text after its records, up to the receipt. */
static enum yw_err
page_tail(struct yw_buf *out, const struct page *pg, int64_t limit)
{
	enum yw_err rc;

	rc = yw_buf_appends(out, "],\"masked\":");
	if (rc == YW_OK)
		rc = append_json(out, pg->masked, 0);
	if (rc == YW_OK)
		rc = yw_buf_appends(out, ",\"omitted\":");
	if (rc == YW_OK)
		rc = append_json(out, pg->omitted, 0);
	if (rc == YW_OK && (int64_t)pg->n == limit)
		rc = yw_buf_appendf(out, ",\"next_cursor\":%lld",
		    (long long)pg->last_id);
	else if (rc == YW_OK)
		rc = yw_buf_appends(out, ",\"next_cursor\":null");
	return rc;
}

/*
 * The page's JSON text up to its receipt, appended to text: as the
 * worker's cache kept it while nothing changed (exchange_cache.h), else
 * read and kept. c->rows becomes the number of records in it.
 */
static enum yw_err
text_page(struct yw_db *db, struct call *c, json_t *res,
    const struct yw_exchange_query *q, json_t *filters, struct page *pg)
{
	struct yw_buf	*text = pg->text;
	char		 key[1024];
	const char	*key_item;
	size_t		 start = text->len;
	int		 n;
	enum yw_err	 rc;

	n = snprintf(key, sizeof(key), "%lld|%s|%s",
	    (long long)c->who.department_id, c->code, c->query != NULL ?
	    c->query : "");
	if (n < 0 || (size_t)n >= sizeof(key))
		key[0] = '\0';
	if (key[0] != '\0' && yw_xcache_page_get(c->xc, key, text, &c->rows))
		return YW_OK;
	rc = key_filter(db, res, q->filters, &key_item);
	if (rc == YW_OK)
		rc = page_head(text, c->code);
	if (rc == YW_OK)
		rc = yw_exchange_store_records_each(db, json_integer_value(
		    json_object_get(res, "id")), key_item, filters,
		    q->updated_since, q->after, q->offset, q->limit, page_row,
		    pg);
	if (rc == YW_OK)
		rc = page_tail(text, pg, q->limit);
	if (rc != YW_OK) {
		text->len = start;
		if (text->data != NULL)
			text->data[start] = '\0';
		return rc;
	}
	c->rows = (int64_t)pg->n;
	if (key[0] != '\0')
		yw_xcache_page_put(c->xc, key, text->data + start,
		    text->len - start, c->rows);
	return YW_OK;
}

/* The read itself, once the caller (c->who) and the resource (res,
 * borrowed) are known: grants, filters, masking and the log entry. The
 * result goes to *out, or as JSON text to text when it is not NULL. */
static enum yw_err
read_records(struct yw_db *db, const struct yw_keyring *k, struct call *c,
    json_t *res, const struct yw_exchange_query *qin, json_t **out,
    struct yw_buf *text, json_t **report)
{
	struct yw_exchange_query q;
	struct page	 pg;
	json_t		*items = NULL, *granted = NULL, *g = NULL;
	json_t		*filters = NULL, *it, *v, *canon;
	const char	*sharing, *name, *why, *code = c->code, *key_item;
	size_t		 i;
	int		 provider, conditional;
	enum yw_err	 rc;

	memset(&pg, 0, sizeof(pg));
	q = *qin;
	items = c->items != NULL ? json_incref(c->items) : items_of(res);
	provider = c->provider_id == c->who.department_id;
	sharing = json_string_value(json_object_get(res, "sharing"));
	conditional = strcmp(sharing, "unconditional") != 0;
	rc = yw_xcache_grant(c->xc, db, json_integer_value(json_object_get(
	    res, "id")), c->who.department_id, yw_time_now(), &g, &granted);
	if (rc != YW_OK && rc != YW_ENOTFOUND)
		goto out;
	if (!provider && strcmp(sharing, "none") == 0) {
		c->reason = "not_shared";
		rc = refuse(db, k, c, YW_EFORBIDDEN, report);
		goto out;
	}
	if (!provider && conditional && g == NULL) {
		c->reason = "no_grant";
		rc = refuse(db, k, c, YW_EFORBIDDEN, report);
		goto out;
	}
	if (q.limit == 0)
		q.limit = YW_EXCHANGE_PAGE_DEFAULT;
	if (q.limit < 0 || q.limit > YW_EXCHANGE_PAGE_MAX || q.offset < 0 ||
	    q.after < 0) {
		c->reason = "limit";
		*report = json_pack("{s:{s:s}}", "fields", q.limit < 0 ||
		    q.limit > YW_EXCHANGE_PAGE_MAX ? "limit" : q.offset < 0 ?
		    "offset" : "cursor", "out_of_range");
		rc = refuse(db, k, c, YW_EINVAL, report);
		goto out;
	}
	filters = json_array();
	if (json_object_size(q.filters) > YW_EXCHANGE_FILTERS_MAX) {
		c->reason = "filter";
		*report = json_pack("{s:{s:s}}", "fields", "filters",
		    "too_many");
		rc = refuse(db, k, c, YW_EINVAL, report);
		goto out;
	}
	json_object_foreach(q.filters, name, v) {
		it = yw_schema_item(items, name);
		if (it == NULL) {
			c->reason = "filter";
			*report = json_pack("{s:{s:s}}", "fields", name,
			    "unknown_field");
			rc = refuse(db, k, c, YW_EINVAL, report);
			goto out;
		}
		if (visibility(it, provider, conditional, granted) != 'a') {
			c->reason = "item_outside_grant";
			*report = json_pack("{s:s}", "item", name);
			rc = refuse(db, k, c, YW_EFORBIDDEN, report);
			goto out;
		}
		rc = yw_schema_filter_value(it, json_string_value(v), &canon,
		    &why);
		if (rc == YW_EINVAL) {
			c->reason = "filter";
			*report = json_pack("{s:{s:s}}", "fields", name, why);
			rc = refuse(db, k, c, YW_EINVAL, report);
			goto out;
		}
		if (rc != YW_OK)
			goto out;
		json_array_append_new(filters, json_pack("[s, o]", name,
		    canon));
	}
	pg.masked = json_array();
	pg.omitted = json_array();
	if (text != NULL)
		pg.text = text;
	else
		pg.list = json_array();
	json_array_foreach(items, i, it) {
		switch (visibility(it, provider, conditional, granted)) {
		case 'm':
			json_array_append(pg.masked, json_object_get(it,
			    "name"));
			break;
		case 'o':
			json_array_append(pg.omitted, json_object_get(it,
			    "name"));
			break;
		default:
			break;
		}
	}
	if (text != NULL) {
		rc = text_page(db, c, res, &q, filters, &pg);
	} else {
		rc = key_filter(db, res, q.filters, &key_item);
		if (rc == YW_OK)
			rc = yw_exchange_store_records_each(db,
			    json_integer_value(json_object_get(res, "id")),
			    key_item, filters, q.updated_since, q.after,
			    q.offset, q.limit, page_row, &pg);
		c->rows = (int64_t)pg.n;
	}
	if (rc != YW_OK)
		goto out;
	c->result = "ok";
	c->reason = "";
	rc = log_read(db, k, c);
	if (rc != YW_OK)
		goto out;
	/* A queued read's receipt is added once it is written. */
	if (text != NULL && c->pending == NULL) {
		char tail[YW_EXCHANGE_TAIL_MAX + 1];

		rc = yw_buf_append(text, tail, receipt_tail(c, tail));
	}
	if (text != NULL)
		goto out;
	*out = json_pack("{s:s, s:O, s:O, s:O, s:o, s:{s:I, s:I, s:s}}",
	    "resource", code, "records", pg.list, "masked", pg.masked,
	    "omitted", pg.omitted, "next_cursor", (int64_t)pg.n == q.limit ?
	    json_integer(pg.last_id) : json_null(), "receipt",
	    "department_id", (json_int_t)c->who.department_id, "seq",
	    (json_int_t)c->seq, "hash", c->hash);
	if (*out == NULL)
		rc = YW_ENOMEM;
out:
	json_decref(pg.list);
	json_decref(pg.masked);
	json_decref(pg.omitted);
	json_decref(items);
	json_decref(granted);
	json_decref(g);
	json_decref(filters);
	return rc;
}

/* yw_exchange_read, its entry queued in xq when that is not NULL. */
static enum yw_err
read_call(struct yw_db *db, const struct yw_keyring *k, const char *token,
    const struct yw_exchange_query *q, const char *code, struct yw_buf *out,
    json_t **report, struct yw_exchange_queue *xq,
    struct yw_exchange_pending **pend)
{
	struct call	 c;
	json_t		*res = NULL, *qj, *none = NULL;
	enum yw_err	 rc;

	*report = NULL;
	memset(&c, 0, sizeof(c));
	c.code = code;
	c.operation = "read";
	c.queue = xq;
	if (xq != NULL) {
		c.xc = xq->xc;
		yw_xcache_begin(c.xc, db);
	}
	qj = json_pack("{s:o, s:I, s:I, s:I, s:I}", "filters", q->filters !=
	    NULL ? json_incref(q->filters) : json_object(), "updated_since",
	    (json_int_t)q->updated_since, "after", (json_int_t)q->after,
	    "offset", (json_int_t)q->offset, "limit", (json_int_t)q->limit);
	c.query = c.query_buf = json_dumps(qj, JSON_COMPACT |
	    JSON_SORT_KEYS);
	json_decref(qj);
	rc = begin_call(db, k, token, &c, &res, report);
	if (rc == YW_OK)
		rc = read_records(db, k, &c, res, q, &none, out, report);
	if (pend != NULL)
		*pend = rc == YW_OK ? c.pending : NULL;
	json_decref(c.items);
	free(c.query_buf);
	json_decref(res);
	json_decref(none);	/* stays NULL: the page went to out */
	return rc;
}

enum yw_err
yw_exchange_read(struct yw_db *db, const struct yw_keyring *k,
    const char *token, const struct yw_exchange_query *q,
    const char *code, struct yw_buf *out, json_t **report)
{
	return read_call(db, k, token, q, code, out, report, NULL, NULL);
}

enum yw_err
yw_exchange_read_queued(struct yw_db *db, const struct yw_keyring *k,
    const char *token, const struct yw_exchange_query *q, const char *code,
    struct yw_buf *out, json_t **report, struct yw_exchange_queue *xq,
    struct yw_exchange_pending **pend)
{
	return read_call(db, k, token, q, code, out, report, xq, pend);
}

struct yw_exchange_queue *
yw_exchange_queue_new(void)
{
	struct yw_exchange_queue *xq;

	xq = calloc(1, sizeof(*xq));
	if (xq == NULL)
		return NULL;
	xq->tail = &xq->head;
	xq->xc = yw_xcache_new();
	if (xq->xc == NULL) {
		free(xq);
		return NULL;
	}
	return xq;
}

static void
pending_free(struct yw_exchange_pending *p)
{
	struct yw_exchange_pending *next;

	for (; p != NULL; p = next) {
		next = p->next;
		free(p->c.query_buf);
		free(p->code_buf);
		free(p);
	}
}

void
yw_exchange_queue_destroy(struct yw_exchange_queue *xq)
{
	if (xq == NULL)
		return;
	pending_free(xq->head);
	pending_free(xq->done);
	yw_xcache_free(xq->xc);
	free(xq);
}

size_t
yw_exchange_queue_len(const struct yw_exchange_queue *xq)
{
	return xq->n;
}

/* A department's chain head as a flush moves it along. */
struct head {
	int64_t		dept;
	int64_t		from;		/* where it stood */
	int64_t		seq;
	char		hash[65];
};

#define FLUSH_HEADS	16	/* departments whose heads a flush keeps */

/* Writes p's entry after its department's head, read once per flush
 * (beyond FLUSH_HEADS departments, for each entry). */
static enum yw_err
flush_one(struct yw_db *db, const struct yw_keyring *k,
    struct yw_exchange_pending *p, struct head *h, size_t *nh)
{
	struct call	*c = &p->c;
	size_t		 i;
	enum yw_err	 rc;

	for (i = 0; i < *nh && h[i].dept != c->who.department_id; i++)
		continue;
	if (i == *nh) {
		if (*nh == FLUSH_HEADS)
			return log_append(db, k, c);
		h[i].dept = c->who.department_id;
		rc = yw_exchange_store_chain_head(db, h[i].dept, &h[i].seq,
		    h[i].hash);
		if (rc != YW_OK)
			return rc;
		h[i].from = h[i].seq;
		(*nh)++;
	}
	rc = log_entry(db, k, c, h[i].seq, h[i].hash, 0);
	if (rc == YW_OK) {
		h[i].seq = c->seq;
		memcpy(h[i].hash, c->hash, sizeof(h[i].hash));
	}
	return rc;
}

enum yw_err
yw_exchange_flush(struct yw_db *db, const struct yw_keyring *k,
    struct yw_exchange_queue *xq)
{
	struct yw_exchange_pending	*p, *last = NULL;
	struct head			 h[FLUSH_HEADS];
	int64_t				 before[2], after[2];
	size_t				 nh = 0, i;
	int				 known;
	enum yw_err			 rc;

	if (xq->head == NULL)
		return YW_OK;
	/* The cache's entries outlive this write when nobody else wrote
	 * meanwhile (data_version stood still): it changes only the log. */
	known = yw_session_store_version(db, before) == YW_OK;
	rc = k->ready ? yw_db_begin(db) : YW_EINTERNAL;
	if (rc == YW_OK) {
		for (p = xq->head; rc == YW_OK && p != NULL; p = p->next)
			rc = flush_one(db, k, p, h, &nh);
		/* Each head moves once, past all its new entries. */
		for (i = 0; rc == YW_OK && i < nh; i++)
			rc = yw_exchange_store_chain_move(db, h[i].dept,
			    h[i].from, h[i].seq, h[i].hash);
		rc = yw_db_end(db, rc);
	}
	if (rc == YW_OK && known && yw_session_store_version(db, after) ==
	    YW_OK && after[0] == before[0])
		yw_xcache_own_write(xq->xc, before, after);
	for (p = xq->head; p != NULL; p = p->next) {
		p->rc = rc;
		p->flushed = 1;
		if (rc != YW_OK) {
			p->c.seq = 0;
			p->c.hash[0] = '\0';
		}
		last = p;
	}
	/* Written (or failed) entries wait on the done list until the
	 * answers that show them are complete. */
	last->next = xq->done;
	xq->done = xq->head;
	xq->head = NULL;
	xq->tail = &xq->head;
	xq->n = 0;
	return rc;
}

enum yw_err
yw_exchange_pending_tail(const struct yw_exchange_pending *p, char *out,
    size_t *len)
{
	*len = 0;
	if (!p->flushed)
		return YW_EINTERNAL;
	if (p->rc != YW_OK)
		return p->rc;
	*len = receipt_tail(&p->c, out);
	return YW_OK;
}

int64_t
yw_exchange_pending_seq(const struct yw_exchange_pending *p,
    const char **hash)
{
	*hash = p->c.hash;
	return p->c.seq;
}

void
yw_exchange_queue_done(struct yw_exchange_queue *xq)
{
	pending_free(xq->done);
	xq->done = NULL;
}

enum yw_err
yw_exchange_fetch_for(struct yw_db *db, const struct yw_keyring *k,
    int64_t department_id, const char *code, const char *filter_item,
    const char *value, const char *purpose, json_t *calls, json_t **out,
    json_t **report)
{
	struct yw_exchange_query q;
	struct call	 c;
	json_t		*res = NULL, *qj;
	enum yw_err	 rc;

	*out = NULL;
	*report = NULL;
	if (!k->ready || department_id == 0)
		return YW_EINTERNAL;
	memset(&c, 0, sizeof(c));
	memset(&q, 0, sizeof(q));
	c.code = code;
	c.operation = "fetch";
	c.in_txn = 1;
	c.calls = calls;
	c.who.department_id = department_id;
	(void)snprintf(c.who.prefix, sizeof(c.who.prefix), "platform");
	q.filters = json_pack("{s:s}", filter_item, value);
	q.limit = 1;
	qj = json_pack("{s:O, s:s}", "filters", q.filters, "purpose",
	    purpose != NULL ? purpose : "");
	c.query = c.query_buf = qj != NULL ? json_dumps(qj, JSON_COMPACT |
	    JSON_SORT_KEYS) : NULL;
	json_decref(qj);
	if (q.filters == NULL || c.query == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rc = yw_data_store_get(db, code, &res);
	if (rc == YW_ENOTFOUND) {
		c.reason = "not_found";
		rc = refuse(db, k, &c, rc, report);
		goto out;
	}
	if (rc != YW_OK)
		goto out;
	c.provider_id = json_integer_value(json_object_get(res,
	    "department_id"));
	rc = read_records(db, k, &c, res, &q, out, NULL, report);
out:
	free(c.query_buf);
	json_decref(q.filters);
	json_decref(res);
	return rc;
}

enum yw_err
yw_exchange_log_calls(struct yw_db *db, const struct yw_keyring *k,
    json_t *calls, int all)
{
	struct call	 c;
	json_t		*e;
	size_t		 i;
	enum yw_err	 rc = YW_OK;
	int		 began = 0;

	json_array_foreach(calls, i, e) {
		if (!all && json_is_true(json_object_get(e, "logged")))
			continue;
		if (!began) {
			rc = yw_db_begin(db);
			if (rc != YW_OK)
				return rc;
			began = 1;
		}
		memset(&c, 0, sizeof(c));
		c.who.department_id = json_integer_value(json_object_get(e,
		    "department_id"));
		(void)snprintf(c.who.prefix, sizeof(c.who.prefix), "%s",
		    json_string_value(json_object_get(e, "key_prefix")));
		c.code = json_string_value(json_object_get(e, "resource_code"));
		c.provider_id = json_integer_value(json_object_get(e,
		    "provider_id"));
		c.operation = json_string_value(json_object_get(e,
		    "operation"));
		c.query = json_string_value(json_object_get(e, "query"));
		c.rows = json_integer_value(json_object_get(e, "row_count"));
		c.result = json_string_value(json_object_get(e, "result"));
		c.reason = json_string_value(json_object_get(e, "reason"));
		if (c.operation == NULL || c.result == NULL) {
			rc = YW_EINVAL;
			break;
		}
		rc = log_append(db, k, &c);
		if (rc != YW_OK)
			break;
	}
	if (!began)
		return rc;
	if (rc == YW_OK)
		return yw_db_commit(db);
	(void)yw_db_rollback(db);
	return rc;
}

enum yw_err
yw_exchange_receipts(struct yw_db *db, const struct yw_keyring *k,
    const char *token, int64_t since, json_t **out, json_t **report)
{
	struct caller	 who;
	const char	*reason = NULL;
	json_t		*rows = NULL, *dk = NULL;
	char		 head_hash[65], msg[300], sig[2 * crypto_sign_BYTES + 1];
	char		 pk[65];
	int64_t		 head_seq, last;
	enum yw_err	 rc;

	*out = NULL;
	*report = NULL;
	if (!k->ready)
		return YW_EINTERNAL;
	rc = authenticate(db, NULL, token, &who, &reason);
	if (rc == YW_EAUTH)
		*report = json_pack("{s:s}", "reason", reason);
	if (rc != YW_OK)
		return rc;
	if (since < 0)
		since = 0;
	/* The head first: entries appended meanwhile are left for the next
	 * download instead of making the file disagree with its head. */
	rc = yw_exchange_store_chain_peek(db, who.department_id, &head_seq,
	    head_hash);
	if (rc != YW_OK)
		return rc;
	last = head_seq;
	if (last - since > YW_EXCHANGE_RECEIPTS_MAX)
		last = since + YW_EXCHANGE_RECEIPTS_MAX;
	rc = yw_exchange_store_log_list(db, who.department_id, since,
	    last > since ? last - since : 0, &rows);
	if (rc != YW_OK)
		return rc;
	if (last != head_seq || since > head_seq) {
		/* A partial download: its head is its own last entry. */
		json_t *e = json_array_get(rows, json_array_size(rows) - 1);

		last = e != NULL ? json_integer_value(json_object_get(e,
		    "seq")) : since;
		(void)snprintf(head_hash, sizeof(head_hash), "%s", e != NULL ?
		    json_string_value(json_object_get(e, "hash")) :
		    YW_RECEIPT_ZERO_HASH);
	}
	pk[0] = '\0';
	rc = yw_exchange_store_dept_key(db, who.department_id, &dk);
	if (rc == YW_OK)
		(void)snprintf(pk, sizeof(pk), "%s", json_string_value(
		    json_object_get(dk, "public_key")));
	else if (rc != YW_ENOTFOUND)
		goto out;
	rc = yw_receipt_head_msg(who.department_id, last, head_hash, pk, msg,
	    sizeof(msg));
	if (rc != YW_OK)
		goto out;
	yw_receipt_sign(k->sign_sk, msg, sig);
	{
		char ppk[65];

		yw_keyring_public_hex(k, ppk);
		*out = json_pack("{s:s, s:I, s:I, s:s, s:s, s:O, s:{s:I, s:s,"
		    " s:s}}", "format", YW_RECEIPT_FORMAT, "department_id",
		    (json_int_t)who.department_id, "since", (json_int_t)since,
		    "platform_public_key", ppk, "department_public_key", pk,
		    "receipts", rows, "head", "seq", (json_int_t)last, "hash",
		    head_hash, "signature", sig);
	}
	rc = *out != NULL ? YW_OK : YW_ENOMEM;
out:
	json_decref(rows);
	json_decref(dk);
	return rc;
}

enum yw_err
yw_exchange_public_keys(struct yw_db *db, const struct yw_keyring *k,
    json_t **out)
{
	json_t		*rows = NULL;
	char		 ppk[65];
	enum yw_err	 rc;

	*out = NULL;
	if (!k->ready)
		return YW_EINTERNAL;
	rc = yw_exchange_store_dept_keys(db, &rows);
	if (rc != YW_OK)
		return rc;
	yw_keyring_public_hex(k, ppk);
	*out = json_pack("{s:s, s:s, s:o}", "algorithm", "Ed25519",
	    "platform_public_key", ppk, "departments", rows);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_exchange_load(struct yw_db *db, const char *code, json_t *records)
{
	struct yw_exchange_batch	 ck;
	json_t				*res = NULL, *items = NULL;
	int64_t				 rid;
	size_t				 nbad;
	enum yw_err			 rc;

	memset(&ck, 0, sizeof(ck));
	rc = yw_data_store_get(db, code, &res);
	if (rc != YW_OK)
		return rc;
	items = items_of(res);
	rc = check_records(items, json_string_value(json_object_get(res,
	    "key_item")), records, NULL, NULL, &nbad, &ck);
	if (rc == YW_OK && nbad > 0)
		rc = YW_EINVAL;
	if (rc != YW_OK)
		goto out;
	rid = json_integer_value(json_object_get(res, "id"));
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = apply_records(db, rid, &ck, yw_time_now());
	if (rc == YW_OK)
		rc = yw_exchange_store_touch(db, rid, yw_time_now());
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
out:
	yw_exchange_batch_free(&ck);
	json_decref(res);
	json_decref(items);
	return rc;
}
