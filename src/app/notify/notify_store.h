/*
 * notify_store.h - the SQL behind notify.c (internal to src/app/notify):
 * the outbox table and the inbox view of sql/0005_notify.sql. Strings are
 * borrowed; values are checked by notify.c before they get here. Opens no
 * transactions except where a function says so.
 */
#ifndef YW_NOTIFY_STORE_H
#define YW_NOTIFY_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* A row to insert; sent_at 0 = NULL, account_id 0 = NULL. */
struct yw_notify_store_row {
	int64_t		 created_at;
	int64_t		 account_id;
	const char	*channel;
	const char	*recipient;
	const char	*subject;
	const char	*body;
	const char	*payload;
	const char	*status;
	int64_t		 sent_at;
	const char	*dedup_key;	/* NULL = none */
};

/* Inserts r unless its dedup_key exists; *id receives the new or the
 * existing row's id. */
enum yw_err	yw_notify_store_insert(struct yw_db *db,
		    const struct yw_notify_store_row *r, int64_t *id);

/*
 * In one transaction: marks failed (with error) the leased rows whose
 * lease ended by now and that used max_attempts, then leases up to max
 * due rows of channel until lease_until, raising their attempts. *rows
 * (caller owns) as yw_notify_claim's batch.
 */
enum yw_err	yw_notify_store_claim(struct yw_db *db, const char *channel,
		    int64_t now, int64_t lease_until, int max,
		    int64_t max_attempts, const char *error, json_t **rows);

/* Ends the lease of row id held with attempt: status "sent", "pending" or
 * "failed", due next_at, sent_at (0 = NULL), last_error error.
 * YW_ECONFLICT when the row is not leased with attempt. */
enum yw_err	yw_notify_store_finish(struct yw_db *db, int64_t id,
		    int64_t attempt, const char *status, int64_t next_at,
		    int64_t sent_at, const char *error);

/* Hands a leased row back: pending, the attempt uncounted. */
enum yw_err	yw_notify_store_release(struct yw_db *db, int64_t id,
		    int64_t attempt);

/* failed -> pending at now with attempts 0; *changes = rows changed. */
enum yw_err	yw_notify_store_requeue(struct yw_db *db, int64_t id,
		    int64_t now, int64_t *changes);

/* Up to limit inbox rows of account_id with id < before_id (0 = any),
 * newest first: [{id, created_at, subject, body, payload, read_at}]. */
enum yw_err	yw_notify_store_inbox(struct yw_db *db, int64_t account_id,
		    int64_t before_id, int limit, json_t **rows);

enum yw_err	yw_notify_store_unread(struct yw_db *db, int64_t account_id,
		    int64_t *n);

/* Sets read_at = now where unset, for inbox row id of account_id (id 0:
 * all of them); *matched = the rows that matched, read or not. */
enum yw_err	yw_notify_store_mark_read(struct yw_db *db, int64_t account_id,
		    int64_t id, int64_t now, int64_t *matched);

/* Non-inbox rows with status (NULL = any), newest first, as in
 * yw_notify_list. */
enum yw_err	yw_notify_store_list(struct yw_db *db, const char *status,
		    int limit, json_t **rows);

#endif
