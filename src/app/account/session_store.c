#include <string.h>

#include "app/account/session_store.h"

enum yw_err
yw_session_store_insert(struct yw_db *db, const char *hash,
    int64_t account_id, const char *csrf, int64_t now, int64_t expires_at,
    const char *source_ip, const char *user_agent)
{
	return yw_db_run(db, NULL,
	    "INSERT INTO session (token_hash, account_id, csrf, created_at, "
	    "last_seen, expires_at, source_ip, user_agent) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "sisiiiss", hash, account_id,
	    csrf, now, now, expires_at, source_ip, user_agent);
}

enum yw_err
yw_session_store_find(struct yw_db *db, const char *hash,
    struct yw_session_store_row *out)
{
	struct yw_stmt	*st;
	const char	*s;
	size_t		 n;
	enum yw_err	 rc;

	rc = yw_db_first(db, &st,
	    "SELECT s.account_id, s.csrf, s.created_at, s.last_seen, "
	    "s.expires_at, a.status FROM session s "
	    "JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?",
	    "s", hash);
	if (rc != YW_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	out->account_id = yw_stmt_col_int64(st, 0);
	s = yw_stmt_col_text(st, 1);
	n = yw_stmt_col_len(st, 1);
	if (s == NULL || n >= sizeof(out->csrf)) {
		rc = YW_EINTERNAL;
		goto out;
	}
	memcpy(out->csrf, s, n);
	out->csrf[n] = '\0';
	out->created_at = yw_stmt_col_int64(st, 2);
	out->last_seen = yw_stmt_col_int64(st, 3);
	out->expires_at = yw_stmt_col_int64(st, 4);
	s = yw_stmt_col_text(st, 5);
	out->account_active = s != NULL && strcmp(s, "active") == 0;
out:
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_session_store_touch(struct yw_db *db, const char *hash, int64_t now)
{
	return yw_db_run(db, NULL,
	    "UPDATE session SET last_seen = ? WHERE token_hash = ?", "is",
	    now, hash);
}

enum yw_err
yw_session_store_delete(struct yw_db *db, const char *hash)
{
	return yw_db_run(db, NULL, "DELETE FROM session WHERE token_hash = ?",
	    "s", hash);
}

enum yw_err
yw_session_store_delete_account(struct yw_db *db, int64_t account_id,
    const char *keep_hash, int64_t *n)
{
	/* An empty keep_hash matches no row (hashes are 64 characters). */
	return yw_db_run(db, n,
	    "DELETE FROM session WHERE account_id = ? AND token_hash <> ?",
	    "is", account_id, keep_hash != NULL ? keep_hash : "");
}

enum yw_err
yw_session_store_list(struct yw_db *db, int64_t account_id, int64_t now,
    int64_t idle_before, json_t **rows)
{
	json_t		*params;
	enum yw_err	 rc;

	*rows = NULL;
	params = json_pack("[III]", (json_int_t)account_id, (json_int_t)now,
	    (json_int_t)idle_before);
	if (params == NULL)
		return YW_ENOMEM;
	/* token_hash last: a stable order for sessions of the same second. */
	rc = yw_db_query_json(db,
	    "SELECT token_hash, created_at, last_seen, source_ip, user_agent "
	    "FROM session WHERE account_id = ? AND expires_at > ? "
	    "AND last_seen >= ? "
	    "ORDER BY last_seen DESC, created_at DESC, token_hash",
	    params, rows);
	json_decref(params);
	return rc;
}

enum yw_err
yw_session_store_purge(struct yw_db *db, int64_t now,
    int64_t idle_before)
{
	return yw_db_run(db, NULL,
	    "DELETE FROM session WHERE expires_at <= ? OR last_seen < ?", "ii",
	    now, idle_before);
}

enum yw_err
yw_session_store_version(struct yw_db *db, int64_t v[2])
{
	enum yw_err rc;

	if (yw_db_kind(db) != YW_DB_SQLITE)
		return YW_ENOTFOUND;
	/* Two cached statements: pragma_data_version() in a SELECT would
	 * compile the pragma again on every call. The pragma opens a read
	 * transaction, so it sees what this request's snapshot sees. */
	rc = yw_db_one_int64(db, &v[0], "PRAGMA data_version", "");
	if (rc == YW_OK)
		rc = yw_db_one_int64(db, &v[1], "SELECT total_changes()", "");
	return rc;
}
