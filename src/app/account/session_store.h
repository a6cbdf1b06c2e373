/*
 * session_store.h - SQL for the session table; internal to the account
 * domain (session.c and account.c). Tokens reach this module only as their
 * hex BLAKE2b-256 hashes. Opens no transactions.
 */
#ifndef YW_SESSION_STORE_H
#define YW_SESSION_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

#define YW_SESSION_STORE_HASH_LEN	64	/* hex characters */

struct yw_session_store_row {
	int64_t	account_id;
	char	csrf[64];
	int64_t	created_at;
	int64_t	last_seen;
	int64_t	expires_at;
	int	account_active;	/* the account's status is 'active' */
};

/* Inserts a session; all strings borrowed, never NULL. */
enum yw_err	yw_session_store_insert(struct yw_db *db, const char *hash,
		    int64_t account_id, const char *csrf, int64_t now,
		    int64_t expires_at, const char *source_ip,
		    const char *user_agent);
/* The session with token hash, YW_ENOTFOUND when none. */
enum yw_err	yw_session_store_find(struct yw_db *db, const char *hash,
		    struct yw_session_store_row *out);
enum yw_err	yw_session_store_touch(struct yw_db *db, const char *hash,
		    int64_t now);
enum yw_err	yw_session_store_delete(struct yw_db *db, const char *hash);
/* Deletes account_id's sessions except keep_hash's (may be NULL); *n (may
 * be NULL) receives how many went. */
enum yw_err	yw_session_store_delete_account(struct yw_db *db,
		    int64_t account_id, const char *keep_hash, int64_t *n);
/* account_id's sessions still alive at now (idle cut-off idle_before),
 * newest use first, as a new array of {token_hash, created_at, last_seen,
 * source_ip, user_agent}; caller owns *rows. */
enum yw_err	yw_session_store_list(struct yw_db *db, int64_t account_id,
		    int64_t now, int64_t idle_before, json_t **rows);
/*
 * A value that changes whenever the database may have changed since the
 * last call on this connection, by any connection (v[0]: SQLite's
 * data_version, others' commits; v[1]: total_changes(), this connection's
 * own writes). YW_ENOTFOUND where the backend has no such cheap value
 * (PostgreSQL): callers must not cache then.
 */
enum yw_err	yw_session_store_version(struct yw_db *db, int64_t v[2]);
/* Deletes sessions past expires_at at now or last seen before
 * idle_before. */
enum yw_err	yw_session_store_purge(struct yw_db *db, int64_t now,
		    int64_t idle_before);

#endif
