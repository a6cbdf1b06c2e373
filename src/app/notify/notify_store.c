#include <stddef.h>

#include "app/notify/notify_store.h"

enum yw_err
yw_notify_store_insert(struct yw_db *db, const struct yw_notify_store_row *r,
    int64_t *id)
{
	enum yw_err rc;

	/* ON CONFLICT DO NOTHING rather than catching the duplicate: on
	 * PostgreSQL a failed statement would abort the caller's
	 * transaction, the one this insert is meant to join. */
	rc = yw_db_one_int64(db, id,
	    "INSERT INTO outbox (created_at, account_id, channel, recipient,"
	    " subject, body, payload, status, attempts, next_attempt_at,"
	    " sent_at, dedup_key)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"
	    " ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
	    "iossssssios", r->created_at, r->account_id, r->channel,
	    r->recipient, r->subject, r->body, r->payload, r->status,
	    r->created_at, r->sent_at, r->dedup_key);
	if (rc != YW_ENOTFOUND || r->dedup_key == NULL)
		return rc;
	return yw_db_one_int64(db, id,
	    "SELECT id FROM outbox WHERE dedup_key = ?", "s", r->dedup_key);
}

/* The due rows are picked in a materialised CTE and then updated by id;
 * PostgreSQL locks them while picking and skips rows another drainer has
 * locked, so two claims running at once get disjoint batches. */
#define CLAIM_DUE							\
	"WITH due AS MATERIALIZED (SELECT id FROM outbox"		\
	" WHERE channel = ? AND status IN ('pending', 'sending')"	\
	" AND ((status = 'pending' AND next_attempt_at <= ?)"		\
	" OR (status = 'sending' AND lease_until <= ?))"		\
	" ORDER BY next_attempt_at, id LIMIT ?"
#define CLAIM_UPDATE							\
	") UPDATE outbox SET status = 'sending',"			\
	" attempts = attempts + 1, lease_until = ?"			\
	" WHERE id IN (SELECT id FROM due)"				\
	" RETURNING id, channel, account_id, recipient, subject, body,"	\
	" payload, attempts, created_at"

enum yw_err
yw_notify_store_claim(struct yw_db *db, const char *channel, int64_t now,
    int64_t lease_until, int max, int64_t max_attempts, const char *error,
    json_t **rows)
{
	json_t		*p;
	const char	*sql;
	enum yw_err	 rc;

	*rows = NULL;
	p = json_pack("[s, I, I, i, I]", channel, (json_int_t)now,
	    (json_int_t)now, max, (json_int_t)lease_until);
	if (p == NULL)
		return YW_ENOMEM;
	if (yw_db_kind(db) == YW_DB_PGSQL)
		sql = CLAIM_DUE " FOR UPDATE SKIP LOCKED" CLAIM_UPDATE;
	else
		sql = CLAIM_DUE CLAIM_UPDATE;
	/* BEGIN IMMEDIATE on SQLite: the one writer of the database picks
	 * and leases as one step. */
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_run(db, NULL,
	    "UPDATE outbox SET status = 'failed', lease_until = NULL,"
	    " last_error = ? WHERE channel = ? AND status = 'sending'"
	    " AND lease_until <= ? AND attempts >= ?", "ssii", error, channel,
	    now, max_attempts);
	if (rc == YW_OK)
		rc = yw_db_query_json(db, sql, p, rows);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	if (rc != YW_OK) {
		(void)yw_db_rollback(db);
		json_decref(*rows);
		*rows = NULL;
	}
out:
	json_decref(p);
	return rc;
}

enum yw_err
yw_notify_store_finish(struct yw_db *db, int64_t id, int64_t attempt,
    const char *status, int64_t next_at, int64_t sent_at, const char *error)
{
	int64_t		changes;
	enum yw_err	rc;

	rc = yw_db_run(db, &changes,
	    "UPDATE outbox SET status = ?, next_attempt_at = ?, sent_at = ?,"
	    " last_error = ?, lease_until = NULL"
	    " WHERE id = ? AND status = 'sending' AND attempts = ?", "siosii",
	    status, next_at, sent_at, error, id, attempt);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_notify_store_release(struct yw_db *db, int64_t id, int64_t attempt)
{
	int64_t		changes;
	enum yw_err	rc;

	rc = yw_db_run(db, &changes,
	    "UPDATE outbox SET status = 'pending', attempts = attempts - 1,"
	    " lease_until = NULL"
	    " WHERE id = ? AND status = 'sending' AND attempts = ?", "ii", id,
	    attempt);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_notify_store_requeue(struct yw_db *db, int64_t id, int64_t now,
    int64_t *changes)
{
	return yw_db_run(db, changes,
	    "UPDATE outbox SET status = 'pending', attempts = 0,"
	    " next_attempt_at = ? WHERE id = ? AND status = 'failed'"
	    " AND channel <> 'inbox'", "ii", now, id);
}

enum yw_err
yw_notify_store_inbox(struct yw_db *db, int64_t account_id, int64_t before_id,
    int limit, json_t **rows)
{
	json_t		*p;
	enum yw_err	 rc;

	*rows = NULL;
	p = json_pack("[I, I, I, i]", (json_int_t)account_id,
	    (json_int_t)before_id, (json_int_t)before_id, limit);
	if (p == NULL)
		return YW_ENOMEM;
	rc = yw_db_query_json(db,
	    "SELECT id, created_at, subject, body, payload, read_at"
	    " FROM inbox WHERE account_id = ?"
	    " AND (CAST(? AS BIGINT) = 0 OR id < ?)"
	    " ORDER BY id DESC LIMIT ?", p, rows);
	json_decref(p);
	return rc;
}

enum yw_err
yw_notify_store_unread(struct yw_db *db, int64_t account_id, int64_t *n)
{
	return yw_db_one_int64(db, n,
	    "SELECT COUNT(*) AS n FROM inbox"
	    " WHERE account_id = ? AND read_at IS NULL", "i", account_id);
}

enum yw_err
yw_notify_store_mark_read(struct yw_db *db, int64_t account_id, int64_t id,
    int64_t now, int64_t *matched)
{
	if (id == 0)
		return yw_db_run(db, matched,
		    "UPDATE outbox SET read_at = ? WHERE account_id = ?"
		    " AND channel = 'inbox' AND read_at IS NULL", "ii", now,
		    account_id);
	/* Matching read rows too tells "already read" from "not yours". */
	return yw_db_run(db, matched,
	    "UPDATE outbox SET read_at = COALESCE(read_at, CAST(? AS BIGINT))"
	    " WHERE id = ? AND account_id = ? AND channel = 'inbox'", "iii",
	    now, id, account_id);
}

enum yw_err
yw_notify_store_list(struct yw_db *db, const char *status, int limit,
    json_t **rows)
{
	json_t		*p;
	enum yw_err	 rc;

	*rows = NULL;
	p = json_pack("[s?, s?, i]", status, status, limit);
	if (p == NULL)
		return YW_ENOMEM;
	rc = yw_db_query_json(db,
	    "SELECT id, created_at, channel, recipient, subject, status,"
	    " attempts, next_attempt_at, lease_until, sent_at, last_error"
	    " FROM outbox WHERE channel <> 'inbox'"
	    " AND (CAST(? AS TEXT) IS NULL OR status = ?)"
	    " ORDER BY id DESC LIMIT ?", p, rows);
	json_decref(p);
	return rc;
}
