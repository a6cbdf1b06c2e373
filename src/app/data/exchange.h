/*
 * exchange.h - data exchange between department systems: API keys, pushes
 * of records checked against a resource's items (applied whole or not at
 * all), reads limited by sharing attribute and grants with personal items
 * masked, and for every call, allowed or denied, an entry in its
 * department's signed, hash-chained log (receipt.h) that the department can
 * download as receipts. Needs store/db.h, audit, data.h, schema.h, csv.
 *
 * Keys: a department's dept_admin or data_steward (a platform_admin for
 * their own department) creates, lists and revokes its keys. The secret,
 * "ywk_" + 43 base64url characters, is shown once; only its BLAKE2b-256 is
 * stored. Calls present it as `Authorization: Bearer <key>`.
 *
 * Reads: the provider reads everything; an unconditional resource is
 * readable by every department, a conditional one by departments with a
 * grant, a "none" one by nobody else. Items shown: all for the provider;
 * personal items are masked unless the reader's grant lists them; for a
 * conditional resource items outside the grant are left out. A filter on
 * an item the reader cannot see unmasked is refused.
 *
 * Every call returns, besides its result, *report (caller owns; may be
 * NULL on YW_OK): {"reason": code} for a refusal and, for a refused push,
 * "rows": [{row, line (CSV), fields: {item: code}}] or "csv": {code, line}.
 * Reasons: key_missing, key_unknown, key_revoked (YW_EAUTH); not_found
 * (YW_ENOTFOUND); not_provider, not_shared, no_grant, item_outside_grant
 * (YW_EFORBIDDEN); body, csv, rows, filter, limit (YW_EINVAL); too_big.
 */
#ifndef YW_EXCHANGE_H
#define YW_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "app/data/receipt.h"
#include "core/apikey.h"
#include "core/err.h"
#include "store/db.h"

#define YW_EXCHANGE_TOKEN_MAX	YW_APIKEY_MAX
#define YW_EXCHANGE_BATCH_MAX	5000	/* records per push */
#define YW_EXCHANGE_BODY_MAX	(16u * 1024 * 1024)
#define YW_EXCHANGE_PAGE_DEFAULT 20
#define YW_EXCHANGE_PAGE_MAX	100
#define YW_EXCHANGE_FILTERS_MAX	3
#define YW_EXCHANGE_RECEIPTS_MAX 10000	/* entries per download */
#define YW_EXCHANGE_KEY_NAME_MAX 64

/*
 * Creates a key named name for a's department; token receives the secret
 * (shown once). YW_EINVAL with *errors {"name": code}; YW_EFORBIDDEN for
 * actors without the role. Audited as "exchange_key.create".
 */
enum yw_err	yw_exchange_key_create(struct yw_db *db,
		    const struct yw_actor *a, const char *name,
		    char token[YW_EXCHANGE_TOKEN_MAX], json_t **errors);
/* Revokes key id of a's department (YW_ENOTFOUND outside it). Audited as
 * "exchange_key.revoke". */
enum yw_err	yw_exchange_key_revoke(struct yw_db *db,
		    const struct yw_actor *a, int64_t id);
/* Keys of a's department (all for a platform_admin), newest first: a new
 * array of {id, department_id, department_name, name, prefix, created_at,
 * revoked_at, last_used_at}. */
enum yw_err	yw_exchange_key_list(struct yw_db *db,
		    const struct yw_actor *a, json_t **out);

/*
 * Pushes body (len bytes, borrowed): csv 0 = JSON {"records": [...]}, 1 =
 * CSV with a header row of item names. Records with the resource's key
 * item replace the record with the same key. On YW_OK *out (caller owns) =
 * {resource, accepted, receipt: {department_id, seq}}.
 */
enum yw_err	yw_exchange_push(struct yw_db *db, const struct yw_keyring *k,
		    const char *token, const char *code, int csv,
		    const char *body, size_t len, json_t **out,
		    json_t **report);

/*
 * Loads records into code without a key or a receipt (the demo, bulk
 * loads by an operator): checked as a push is, YW_EINVAL for any bad row.
 */
enum yw_err	yw_exchange_load(struct yw_db *db, const char *code,
		    json_t *records);

/* A read's query; filters (borrowed) maps item -> text. */
struct yw_exchange_query {
	json_t		*filters;
	int64_t		 updated_since;
	int64_t		 after;		/* cursor: records with id > after */
	int64_t		 offset;
	int64_t		 limit;		/* 0 = default */
};

struct yw_buf;

/*
 * Reads records of code: appends to out (borrowed) the compact JSON text of
 * {resource, records: [{id, key, updated_at, data}], masked: [items],
 * omitted: [items], next_cursor (or null), receipt: {department_id, seq,
 * hash}}, keys in that order. Written as text, not built as jansson
 * values, because most of it is the records' stored text as it is.
 */
enum yw_err	yw_exchange_read(struct yw_db *db, const struct yw_keyring *k,
		    const char *token, const struct yw_exchange_query *q,
		    const char *code, struct yw_buf *out, json_t **report);

/*
 * Reads whose log entries are written together: a worker queues each
 * read's entry (yw_exchange_read_queued) and, once per event-loop pass,
 * writes every queued entry in one transaction (yw_exchange_flush): the
 * chain head of each department is read once, the entries are appended
 * in the order queued, each signed as yw_exchange_read's is. Only then
 * are the reads' answers completed (yw_exchange_pending_tail) and, once
 * the commit is on disk, sent. A queue belongs to one process.
 */
struct yw_exchange_queue;
struct yw_exchange_pending;

/* The longest receipt tail yw_exchange_pending_tail writes. */
#define YW_EXCHANGE_TAIL_MAX	160

/* A new, empty queue (NULL when out of memory); free with _destroy. */
struct yw_exchange_queue *yw_exchange_queue_new(void);
void		yw_exchange_queue_destroy(struct yw_exchange_queue *xq);
/* Entries queued and not yet flushed. */
size_t		yw_exchange_queue_len(const struct yw_exchange_queue *xq);

/*
 * yw_exchange_read, except that an allowed read's entry is queued in xq
 * instead of written: out then ends before the receipt (`,"receipt":...}`
 * is what yw_exchange_pending_tail adds) and *pend (owned by xq, valid
 * until yw_exchange_queue_done) is its entry. A refused read is logged at
 * once, as yw_exchange_read logs it, and *pend stays NULL.
 */
enum yw_err	yw_exchange_read_queued(struct yw_db *db,
		    const struct yw_keyring *k, const char *token,
		    const struct yw_exchange_query *q, const char *code,
		    struct yw_buf *out, json_t **report,
		    struct yw_exchange_queue *xq,
		    struct yw_exchange_pending **pend);

/*
 * Writes every entry queued in xq (and not yet flushed) in one
 * transaction of its own (call it outside any); each entry remembers the
 * result. The commit may be deferred (store/db.h): sync before answering.
 */
enum yw_err	yw_exchange_flush(struct yw_db *db, const struct yw_keyring *k,
		    struct yw_exchange_queue *xq);

/*
 * Once p was flushed: writes its receipt tail to out (room for
 * YW_EXCHANGE_TAIL_MAX bytes and a NUL) and its length to *len. The
 * flush's error when its entry could not be written; YW_EINTERNAL when p
 * was never flushed.
 */
enum yw_err	yw_exchange_pending_tail(const struct yw_exchange_pending *p,
		    char *out, size_t *len);
/* The receipt seq and hash of p once flushed (0 and "" before). */
int64_t		yw_exchange_pending_seq(const struct yw_exchange_pending *p,
		    const char **hash);

/* Frees every flushed entry of xq (and so their pendings). */
void		yw_exchange_queue_done(struct yw_exchange_queue *xq);

/*
 * A read by the platform itself on behalf of department_id, which has no
 * key in this (a case fetching a material with the applicant's consent,
 * service/case_fetch.h): the records of code whose filter_item equals
 * value (at most one), exactly as yw_exchange_read would show them to that
 * department: the same grant rules, masking and refusals (a filter on an
 * item the department cannot see unmasked is item_outside_grant). Must be
 * called inside a transaction the caller opened: on YW_OK the receipt is
 * appended to department_id's chain in it (operation "fetch", key_id null,
 * key_prefix "platform", query {filters, purpose}), so it commits or rolls
 * back with the caller's work; purpose (borrowed) says for what, e.g.
 * "case 350100-20260101-000001". *out as yw_exchange_read's, its receipt
 * also carrying the entry's hash.
 *
 * Every call, allowed or refused, is noted in calls (borrowed array, may
 * be NULL) with "logged" true when its entry was written in the caller's
 * transaction; a refusal's entry is not written there. After the caller
 * commits or rolls back, it passes calls to yw_exchange_log_calls, so a
 * refused fetch, or one whose case was rolled back, is still in the log.
 */
enum yw_err	yw_exchange_fetch_for(struct yw_db *db,
		    const struct yw_keyring *k, int64_t department_id,
		    const char *code, const char *filter_item,
		    const char *value, const char *purpose, json_t *calls,
		    json_t **out, json_t **report);

/*
 * Writes the entries of calls noted by yw_exchange_fetch_for, in one
 * transaction of its own (call it outside any): all 1 every one (after
 * the caller rolled back), 0 only those not written in the caller's
 * committed transaction.
 */
enum yw_err	yw_exchange_log_calls(struct yw_db *db,
		    const struct yw_keyring *k, json_t *calls, int all);

/*
 * The receipts of the key's department with seq > since (up to
 * YW_EXCHANGE_RECEIPTS_MAX): a receipts file (receipt.h) as *out.
 */
enum yw_err	yw_exchange_receipts(struct yw_db *db,
		    const struct yw_keyring *k, const char *token,
		    int64_t since, json_t **out, json_t **report);

/* {algorithm, platform_public_key, departments: [{department_id,
 * public_key}]}: what receipts are checked against. */
enum yw_err	yw_exchange_public_keys(struct yw_db *db,
		    const struct yw_keyring *k, json_t **out);

#endif
