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
	struct yw_stmt	*st;
	enum yw_err	 rc;

	if (login != NULL)
		rc = yw_db_first(db, &st, sql, "s", login);
	else
		rc = yw_db_first(db, &st, sql, "i", id);
	if (rc != YW_OK)
		return rc;
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
	int64_t		v;
	enum yw_err	rc;

	rc = yw_db_one_int64(db, &v,
	    "INSERT INTO account (kind, login, phone, email, display_name, "
	    "org_name, credit_code, password_hash, status, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) "
	    "RETURNING id", "ssssssssii", n->kind, n->login, n->phone,
	    n->email, n->display_name, n->org_name, n->credit_code,
	    n->password_hash, n->now, n->now);
	/* RETURNING always gives the row: its absence is a broken invariant. */
	if (rc == YW_ENOTFOUND)
		rc = YW_EINTERNAL;
	if (rc == YW_OK && id != NULL)
		*id = v;
	return rc;
}

enum yw_err
yw_account_store_set_password(struct yw_db *db, int64_t id,
    const char *hash, int64_t now)
{
	int64_t		changes;
	enum yw_err	rc;

	rc = yw_db_run(db, &changes,
	    "UPDATE account SET password_hash = ?, updated_at = ? "
	    "WHERE id = ?", "sii", hash, now, id);
	if (rc == YW_OK && changes != 1)
		rc = YW_ENOTFOUND;
	return rc;
}

enum yw_err
yw_account_store_profile(struct yw_db *db, int64_t id, json_t **out)
{
	struct yw_stmt	*st;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_db_first(db, &st,
	    "SELECT a.id, a.kind, a.login, a.phone, a.email, a.display_name, "
	    "a.org_name, a.credit_code, a.created_at, "
	    "COALESCE(d.name, '') AS department_name "
	    "FROM account a LEFT JOIN department d ON d.id = a.department_id "
	    "WHERE a.id = ?", "i", id);
	if (rc != YW_OK)
		return rc;
	*out = yw_stmt_row_json(st);
	if (*out == NULL)
		rc = YW_ENOMEM;
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_account_store_failure_count(struct yw_db *db, const char *key,
    int64_t since, int64_t *n)
{
	enum yw_err rc;

	rc = yw_db_one_int64(db, n,
	    "SELECT COUNT(*) FROM login_failure WHERE scope_key = ? AND at > ?",
	    "si", key, since);
	/* COUNT(*) gives a row; none would mean no failures. */
	return rc == YW_ENOTFOUND ? YW_OK : rc;
}

enum yw_err
yw_account_store_failure_add(struct yw_db *db, const char *key,
    int64_t at)
{
	return yw_db_run(db, NULL,
	    "INSERT INTO login_failure (scope_key, at) VALUES (?, ?)",
	    "si", key, at);
}

enum yw_err
yw_account_store_failure_clear(struct yw_db *db, const char *key)
{
	return yw_db_run(db, NULL,
	    "DELETE FROM login_failure WHERE scope_key = ?", "s", key);
}

enum yw_err
yw_account_store_failure_purge(struct yw_db *db, int64_t before)
{
	return yw_db_run(db, NULL, "DELETE FROM login_failure WHERE at < ?",
	    "i", before);
}
