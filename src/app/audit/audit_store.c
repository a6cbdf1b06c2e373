#include <stdio.h>
#include <string.h>

#include "app/audit/audit_store.h"

static const char *
col_str(struct yw_stmt *st, int i)
{
	const char *s;

	s = yw_stmt_col_text(st, i);
	return s != NULL ? s : "";
}

/* Copies a stored hash; anything not exactly 64 characters becomes "" so
 * that it compares unequal to every real hash. */
static void
copy_hash(char dst[YW_AUDIT_HASH_HEX + 1], const char *s)
{
	if (s == NULL || strlen(s) != YW_AUDIT_HASH_HEX) {
		dst[0] = '\0';
		return;
	}
	memcpy(dst, s, YW_AUDIT_HASH_HEX + 1);
}

enum yw_err
yw_audit_store_head(struct yw_db *db, int64_t *last_id,
    char last_hash[YW_AUDIT_HASH_HEX + 1])
{
	struct yw_stmt	*st;
	const char	*sql;
	enum yw_err	 rc;

	/* SQLite has no FOR UPDATE; there BEGIN IMMEDIATE already serialises
	 * writers. On PostgreSQL the row lock makes a second appender wait
	 * and then read the head the first one committed. */
	if (yw_db_kind(db) == YW_DB_PGSQL)
		sql = "SELECT last_id, last_hash FROM audit_head"
		    " WHERE one = 1 FOR UPDATE";
	else
		sql = "SELECT last_id, last_hash FROM audit_head WHERE one = 1";
	rc = yw_db_first(db, &st, sql, "");
	if (rc != YW_OK)
		return rc == YW_ENOTFOUND ? YW_EINTERNAL : rc;
	*last_id = yw_stmt_col_int64(st, 0);
	copy_hash(last_hash, yw_stmt_col_text(st, 1));
	if (last_hash[0] == '\0')
		rc = YW_EINTERNAL;
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_audit_store_insert(struct yw_db *db, const struct yw_audit_row *r)
{
	return yw_db_run(db, NULL,
	    "INSERT INTO audit_log (id, at, actor_id, actor_login,"
	    " department_id, action, object_type, object_id, detail,"
	    " source_ip, prev_hash, hash)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiososssssss",
	    r->id, r->at, r->actor_id, r->actor_login, r->department_id,
	    r->action, r->object_type, r->object_id, r->detail, r->source_ip,
	    r->prev_hash, r->hash);
}

enum yw_err
yw_audit_store_move_head(struct yw_db *db, int64_t old_id, int64_t new_id,
    const char *hash)
{
	int64_t		changes;
	enum yw_err	rc;

	rc = yw_db_run(db, &changes,
	    "UPDATE audit_head SET last_id = ?, last_hash = ?"
	    " WHERE one = 1 AND last_id = ?", "isi", new_id, hash, old_id);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_audit_store_walk(struct yw_db *db, int64_t *head_id,
    char head_hash[YW_AUDIT_HASH_HEX + 1], yw_audit_store_visit visit,
    void *ctx)
{
	struct yw_audit_row	 r;
	struct yw_stmt		*st = NULL;
	enum yw_err		 rc;
	int			 row, first = 1;

	*head_id = -1;
	head_hash[0] = '\0';
	/*
	 * One statement, so the head and the rows come from one snapshot
	 * (a statement is atomic on both backends). The head sorts first
	 * (kind 0); a missing head leaves *head_id at -1.
	 */
	rc = yw_db_prepare(db,
	    "SELECT 0 AS kind, last_id AS id, NULL AS at, NULL AS actor_id,"
	    " NULL AS actor_login, NULL AS department_id, NULL AS action,"
	    " NULL AS object_type, NULL AS object_id, NULL AS detail,"
	    " NULL AS source_ip, NULL AS prev_hash, last_hash AS hash"
	    " FROM audit_head WHERE one = 1"
	    " UNION ALL"
	    " SELECT 1, id, at, actor_id, actor_login, department_id, action,"
	    " object_type, object_id, detail, source_ip, prev_hash, hash"
	    " FROM audit_log"
	    " ORDER BY kind, id", &st);
	if (rc != YW_OK)
		goto out;
	for (;;) {
		rc = yw_stmt_step(st, &row);
		if (rc != YW_OK || !row)
			break;
		if (first && yw_stmt_col_int64(st, 0) == 0) {
			first = 0;
			*head_id = yw_stmt_col_int64(st, 1);
			copy_hash(head_hash, yw_stmt_col_text(st, 12));
			continue;
		}
		first = 0;
		r.id = yw_stmt_col_int64(st, 1);
		r.at = yw_stmt_col_int64(st, 2);
		r.actor_id = yw_stmt_col_isnull(st, 3) ? 0 :
		    yw_stmt_col_int64(st, 3);
		r.actor_login = col_str(st, 4);
		r.department_id = yw_stmt_col_isnull(st, 5) ? 0 :
		    yw_stmt_col_int64(st, 5);
		r.action = col_str(st, 6);
		r.object_type = col_str(st, 7);
		r.object_id = col_str(st, 8);
		r.detail = col_str(st, 9);
		r.source_ip = col_str(st, 10);
		r.prev_hash = col_str(st, 11);
		r.hash = col_str(st, 12);
		rc = visit(ctx, &r);
		if (rc != YW_OK)
			break;
	}
out:
	if (st != NULL)
		yw_stmt_done(st);
	return rc;
}

static enum yw_err
push(json_t *a, json_t *v)
{
	if (v == NULL || json_array_append_new(a, v) != 0)
		return YW_ENOMEM;
	return YW_OK;
}

static enum yw_err
push_text2(json_t *a, const char *s)
{
	enum yw_err rc;

	if (s == NULL)
		s = "";
	rc = push(a, json_string(s));
	if (rc == YW_OK)
		rc = push(a, json_string(s));
	return rc;
}

static enum yw_err
push_int2(json_t *a, int64_t v)
{
	enum yw_err rc;

	rc = push(a, json_integer(v));
	if (rc == YW_OK)
		rc = push(a, json_integer(v));
	return rc;
}

enum yw_err
yw_audit_store_list(struct yw_db *db, const struct yw_audit_scope *scope,
    const struct yw_audit_filter *f, int limit, json_t **rows)
{
	json_t		*p;
	enum yw_err	 rc;
	const char	*path;

	*rows = NULL;
	p = json_array();
	if (p == NULL)
		return YW_ENOMEM;
	path = scope->region_path != NULL ? scope->region_path : "";
	/* Optional filters are "? = neutral OR column = ?" so that one SQL
	 * text (one cached statement) serves every combination; the casts
	 * give PostgreSQL the parameter types it cannot infer. */
	rc = push(p, json_integer(scope->all ? 1 : 0));
	if (rc == YW_OK)
		rc = push_text2(p, path);
	if (rc == YW_OK)
		rc = push(p, json_integer(scope->with_null_dept ? 1 : 0));
	if (rc == YW_OK)
		rc = push_text2(p, f->actor_login);
	if (rc == YW_OK)
		rc = push_text2(p, f->action);
	if (rc == YW_OK)
		rc = push_text2(p, f->object_type);
	if (rc == YW_OK)
		rc = push_int2(p, f->department_id);
	if (rc == YW_OK)
		rc = push_int2(p, f->from);
	if (rc == YW_OK)
		rc = push_int2(p, f->to);
	if (rc == YW_OK)
		rc = push_int2(p, f->before_id);
	if (rc == YW_OK)
		rc = push(p, json_integer(limit));
	if (rc != YW_OK)
		goto out;
	rc = yw_db_query_json(db,
	    "SELECT l.id, l.at, l.actor_login, l.department_id,"
	    " d.name AS department_name, l.action, l.object_type,"
	    " l.object_id, l.detail, l.source_ip, l.hash"
	    " FROM audit_log l"
	    " LEFT JOIN department d ON d.id = l.department_id"
	    " LEFT JOIN region r ON r.code = d.region_code"
	    " WHERE (CAST(? AS BIGINT) = 1"
	    "  OR substr(r.path, 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT)"
	    "  OR (l.department_id IS NULL AND CAST(? AS BIGINT) = 1))"
	    " AND (CAST(? AS TEXT) = '' OR l.actor_login = ?)"
	    " AND (CAST(? AS TEXT) = '' OR l.action = ?)"
	    " AND (CAST(? AS TEXT) = '' OR l.object_type = ?)"
	    " AND (CAST(? AS BIGINT) = 0 OR l.department_id = ?)"
	    " AND (CAST(? AS BIGINT) = 0 OR l.at >= ?)"
	    " AND (CAST(? AS BIGINT) = 0 OR l.at < ?)"
	    " AND (CAST(? AS BIGINT) = 0 OR l.id < ?)"
	    " ORDER BY l.id DESC LIMIT ?", p, rows);
out:
	json_decref(p);
	return rc;
}

enum yw_err
yw_audit_store_epoch(struct yw_db *db, int64_t *epoch)
{
	enum yw_err rc;

	rc = yw_db_one_int64(db, epoch,
	    "SELECT last_id FROM audit_head WHERE one = 1", "");
	return rc == YW_ENOTFOUND ? YW_EINTERNAL : rc;
}

enum yw_err
yw_audit_store_since(struct yw_db *db, int64_t since, const char *object_type,
    int64_t *epoch, int *changed)
{
	struct yw_stmt	*st;
	enum yw_err	 rc;

	*epoch = 0;
	*changed = 0;
	rc = yw_db_first(db, &st, "SELECT h.last_id, (SELECT COUNT(*) FROM"
	    " audit_log l WHERE l.id > ? AND l.object_type = ?) AS n"
	    " FROM audit_head h WHERE h.one = 1", "is", since, object_type);
	if (rc != YW_OK)
		return rc == YW_ENOTFOUND ? YW_EINTERNAL : rc;
	*epoch = yw_stmt_col_int64(st, 0);
	*changed = yw_stmt_col_int64(st, 1) > 0;
	yw_stmt_done(st);
	return YW_OK;
}
