#include <stdio.h>
#include <string.h>

#include "app/account/account_store.h"

static enum yw_err
copy_col(struct yw_stmt *st, int i, char *out, size_t outsz)
{
	const char	*s = yw_stmt_col_text(st, i);
	size_t		 n = yw_stmt_col_len(st, i);

	if (s == NULL)
		n = 0;
	if (n >= outsz)
		return YW_EINTERNAL;
	if (n > 0)
		memcpy(out, s, n);
	out[n] = '\0';
	return YW_OK;
}

static enum yw_err
auth_row(struct yw_db *db, const char *sql, const char *login, int64_t id,
    struct yw_account_store_auth *out)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;
	int		 row;

	rc = yw_db_prepare(db, sql, &st);
	if (rc != YW_OK)
		return rc;
	if (login != NULL)
		rc = yw_stmt_bind_text(st, 1, login, -1);
	else
		rc = yw_stmt_bind_int64(st, 1, id);
	if (rc != YW_OK)
		goto out;
	rc = yw_stmt_step(st, &row);
	if (rc != YW_OK)
		goto out;
	if (!row) {
		rc = YW_ENOTFOUND;
		goto out;
	}
	memset(out, 0, sizeof(*out));
	out->id = yw_stmt_col_int64(st, 0);
	rc = copy_col(st, 1, out->kind, sizeof(out->kind));
	if (rc != YW_OK)
		goto out;
	out->active = yw_stmt_col_text(st, 2) != NULL &&
	    strcmp(yw_stmt_col_text(st, 2), "active") == 0;
	rc = copy_col(st, 3, out->hash, sizeof(out->hash));
out:
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_account_store_auth_by_login(struct yw_db *db, const char *login,
    struct yw_account_store_auth *out)
{
	return auth_row(db,
	    "SELECT id, kind, status, password_hash FROM account "
	    "WHERE login = ?", login, 0, out);
}

enum yw_err
yw_account_store_auth_by_id(struct yw_db *db, int64_t id,
    struct yw_account_store_auth *out)
{
	return auth_row(db,
	    "SELECT id, kind, status, password_hash FROM account "
	    "WHERE id = ?", NULL, id, out);
}

enum yw_err
yw_account_store_insert(struct yw_db *db,
    const struct yw_account_store_new *n, int64_t *id)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;
	int		 row;

	rc = yw_db_prepare(db,
	    "INSERT INTO account (kind, login, phone, email, display_name, "
	    "org_name, credit_code, password_hash, status, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) "
	    "RETURNING id", &st);
	if (rc != YW_OK)
		return rc;
	rc = yw_stmt_bind_text(st, 1, n->kind, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 2, n->login, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 3, n->phone, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 4, n->email, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 5, n->display_name, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 6, n->org_name, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 7, n->credit_code, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 8, n->password_hash, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 9, n->now);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 10, n->now);
	if (rc != YW_OK)
		goto out;
	rc = yw_stmt_step(st, &row);
	if (rc != YW_OK)
		goto out;
	if (!row) {
		rc = YW_EINTERNAL;
		goto out;
	}
	if (id != NULL)
		*id = yw_stmt_col_int64(st, 0);
	/* Finish the statement so the insert is complete on every backend. */
	rc = yw_stmt_step(st, &row);
out:
	yw_stmt_done(st);
	return rc;
}

/* Runs sql with one text and one integer parameter; a parameter index of
 * 0 leaves that one out. */
static enum yw_err
run(struct yw_db *db, const char *sql, const char *t1, int ti, int64_t v,
    int vi)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;
	int		 row;

	rc = yw_db_prepare(db, sql, &st);
	if (rc != YW_OK)
		return rc;
	if (ti > 0) {
		rc = yw_stmt_bind_text(st, ti, t1, -1);
		if (rc != YW_OK)
			goto out;
	}
	if (vi > 0) {
		rc = yw_stmt_bind_int64(st, vi, v);
		if (rc != YW_OK)
			goto out;
	}
	rc = yw_stmt_step(st, &row);
out:
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_account_store_set_password(struct yw_db *db, int64_t id,
    const char *hash, int64_t now)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;
	int		 row;

	rc = yw_db_prepare(db,
	    "UPDATE account SET password_hash = ?, updated_at = ? "
	    "WHERE id = ?", &st);
	if (rc != YW_OK)
		return rc;
	rc = yw_stmt_bind_text(st, 1, hash, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 2, now);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 3, id);
	if (rc != YW_OK)
		goto out;
	rc = yw_stmt_step(st, &row);
	if (rc != YW_OK)
		goto out;
	if (yw_stmt_changes(st) != 1)
		rc = YW_ENOTFOUND;
out:
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_account_store_profile(struct yw_db *db, int64_t id, json_t **out)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;
	int		 row;

	*out = NULL;
	rc = yw_db_prepare(db,
	    "SELECT a.id, a.kind, a.login, a.phone, a.email, a.display_name, "
	    "a.org_name, a.credit_code, a.created_at, "
	    "COALESCE(d.name, '') AS department_name "
	    "FROM account a LEFT JOIN department d ON d.id = a.department_id "
	    "WHERE a.id = ?", &st);
	if (rc != YW_OK)
		return rc;
	rc = yw_stmt_bind_int64(st, 1, id);
	if (rc != YW_OK)
		goto out;
	rc = yw_stmt_step(st, &row);
	if (rc != YW_OK)
		goto out;
	if (!row) {
		rc = YW_ENOTFOUND;
		goto out;
	}
	*out = yw_stmt_row_json(st);
	if (*out == NULL)
		rc = YW_ENOMEM;
out:
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_account_store_failure_count(struct yw_db *db, const char *key,
    int64_t since, int64_t *n)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;
	int		 row;

	*n = 0;
	rc = yw_db_prepare(db,
	    "SELECT COUNT(*) FROM login_failure WHERE scope_key = ? AND at > ?",
	    &st);
	if (rc != YW_OK)
		return rc;
	rc = yw_stmt_bind_text(st, 1, key, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 2, since);
	if (rc != YW_OK)
		goto out;
	rc = yw_stmt_step(st, &row);
	if (rc != YW_OK)
		goto out;
	if (row)
		*n = yw_stmt_col_int64(st, 0);
out:
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_account_store_failure_add(struct yw_db *db, const char *key,
    int64_t at)
{
	return run(db,
	    "INSERT INTO login_failure (scope_key, at) VALUES (?, ?)",
	    key, 1, at, 2);
}

enum yw_err
yw_account_store_failure_clear(struct yw_db *db, const char *key)
{
	return run(db, "DELETE FROM login_failure WHERE scope_key = ?",
	    key, 1, 0, 0);
}

enum yw_err
yw_account_store_failure_purge(struct yw_db *db, int64_t before)
{
	return run(db, "DELETE FROM login_failure WHERE at < ?",
	    NULL, 0, before, 1);
}
