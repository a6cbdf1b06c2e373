/*
 * exchange_store.c - SQL of the exchange.
 */
#include <stdio.h>
#include <string.h>

#include "app/data/exchange_store.h"

#define ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"

enum yw_err
yw_exchange_store_key_insert(struct yw_db *db, int64_t department_id,
    const char *name, const char *prefix, const char *hash,
    int64_t created_by, int64_t now, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO exchange_key"
	    " (department_id, name, prefix, hash, created_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?) RETURNING id", "isssoi",
	    department_id, name, prefix, hash, created_by, now);
}

enum yw_err
yw_exchange_store_key_find(struct yw_db *db, const char *hash, json_t **row)
{
	return yw_db_row(db, "SELECT id, department_id, prefix, revoked_at,"
	    " last_used_at FROM exchange_key WHERE hash = ?", json_pack("[s]", hash), row);
}

enum yw_err
yw_exchange_store_key_list(struct yw_db *db, int64_t department_id,
    json_t **rows)
{
	return yw_db_rows(db, "SELECT k.id, k.department_id, d.name AS"
	    " department_name, d.name_en AS department_name_en, k.name,"
	    " k.prefix, k.created_at, k.revoked_at, k.last_used_at"
	    " FROM exchange_key k JOIN department d ON d.id = k.department_id"
	    " WHERE k.department_id = ? OR ? = 0 ORDER BY k.id DESC",
	    json_pack("[I, I]", (json_int_t)department_id,
	    (json_int_t)department_id), rows);
}

enum yw_err
yw_exchange_store_key_get(struct yw_db *db, int64_t id, json_t **row)
{
	return yw_db_row(db, "SELECT id, department_id, name, prefix,"
	    " revoked_at FROM exchange_key WHERE id = ?",
	    json_pack("[I]", (json_int_t)id), row);
}

enum yw_err
yw_exchange_store_key_revoke(struct yw_db *db, int64_t id, int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE exchange_key SET revoked_at = ?"
	    " WHERE id = ? AND revoked_at IS NULL", "ii", now, id);
}

enum yw_err
yw_exchange_store_key_used(struct yw_db *db, int64_t id, int64_t now)
{
	/* At most once a minute, so a busy key is not a write per call. */
	return yw_db_run(db, NULL, "UPDATE exchange_key SET last_used_at = ?"
	    " WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
	    "iii", now, id, now - 60);
}

enum yw_err
yw_exchange_store_record_put(struct yw_db *db, int64_t resource_id,
    const char *rkey, const char *data, int64_t now, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO exchange_record"
	    " (resource_id, rkey, data, updated_at) VALUES (?, ?, ?, ?)"
	    " ON CONFLICT (resource_id, rkey) DO UPDATE SET"
	    " data = excluded.data, updated_at = excluded.updated_at"
	    " RETURNING id", "issi", resource_id, rkey, data, now);
}

/*
 * A batch's filter values in two statements whatever its size: the JSON
 * text is taken apart by the database (json_each / jsonb_array_elements),
 * so the SQL is fixed (one cached statement each) and a batch of 1,000
 * records is not 10,000 statements (nor, on PostgreSQL, round trips).
 */
static const char values_del_sqlite[] = "DELETE FROM exchange_value WHERE"
    " record_id IN (SELECT value FROM json_each(?))";
static const char values_del_pgsql[] = "DELETE FROM exchange_value WHERE"
    " record_id IN (SELECT CAST(x AS BIGINT) FROM"
    " jsonb_array_elements_text(CAST(? AS jsonb)) x)";
static const char values_ins_sqlite[] = "INSERT INTO exchange_value"
    " (record_id, resource_id, item, value) SELECT json_extract(value,"
    " '$[0]'), ?, json_extract(value, '$[1]'), json_extract(value, '$[2]')"
    " FROM json_each(?)";
static const char values_ins_pgsql[] = "INSERT INTO exchange_value"
    " (record_id, resource_id, item, value) SELECT CAST(e->>0 AS BIGINT),"
    " CAST(? AS BIGINT), e->>1, e->>2 FROM jsonb_array_elements(CAST(? AS"
    " jsonb)) e";

enum yw_err
yw_exchange_store_values_put(struct yw_db *db, int64_t resource_id,
    const char *ids, const char *rows)
{
	int		pg = yw_db_kind(db) == YW_DB_PGSQL;
	enum yw_err	rc;

	rc = yw_db_run(db, NULL, pg ? values_del_pgsql : values_del_sqlite,
	    "s", ids);
	if (rc != YW_OK)
		return rc;
	return yw_db_run(db, NULL, pg ? values_ins_pgsql : values_ins_sqlite,
	    "is", resource_id, rows);
}

enum yw_err
yw_exchange_store_touch(struct yw_db *db, int64_t resource_id, int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE data_resource SET"
	    " records_updated_at = ? WHERE id = ?", "ii", now, resource_id);
}

/*
 * One statement per number of filters, so the prepared-statement cache
 * holds four shapes. The first filter drives the read through
 * exchange_value_lookup in record order; the others are probes of the
 * primary key (record_id, item).
 */
#define REC_SEL "SELECT r.id, r.rkey, r.data, r.updated_at FROM"
#define REC_TAIL " AND r.updated_at >= ? AND r.id > ? ORDER BY r.id" \
	" LIMIT ? OFFSET ?"
/* With a filter, the order is f.record_id's (equal to r.id), which the
 * index already gives: ordered by r.id, SQLite sorted every match. */
#define REC_FTAIL " AND r.updated_at >= ? AND f.record_id > ? ORDER BY" \
	" f.record_id LIMIT ? OFFSET ?"
#define REC_AND " AND EXISTS (SELECT 1 FROM exchange_value v WHERE" \
	" v.record_id = r.id AND v.item = ? AND v.value = ?)"
static const char *const rec_sql[] = {
	REC_SEL " exchange_record r WHERE r.resource_id = ?" REC_TAIL,
	REC_SEL " exchange_value f JOIN exchange_record r ON r.id ="
	    " f.record_id WHERE f.resource_id = ? AND f.item = ? AND"
	    " f.value = ?" REC_FTAIL,
	REC_SEL " exchange_value f JOIN exchange_record r ON r.id ="
	    " f.record_id WHERE f.resource_id = ? AND f.item = ? AND"
	    " f.value = ?" REC_AND REC_FTAIL,
	REC_SEL " exchange_value f JOIN exchange_record r ON r.id ="
	    " f.record_id WHERE f.resource_id = ? AND f.item = ? AND"
	    " f.value = ?" REC_AND REC_AND REC_FTAIL,
};

enum yw_err
yw_exchange_store_records(struct yw_db *db, int64_t resource_id,
    json_t *filters, int64_t since, int64_t after, int64_t offset,
    int64_t limit, json_t **rows)
{
	json_t	*params, *f;
	size_t	 i, n;

	*rows = NULL;
	n = json_array_size(filters);
	if (n >= sizeof(rec_sql) / sizeof(rec_sql[0]))
		return YW_EINVAL;
	params = json_pack("[I]", (json_int_t)resource_id);
	json_array_foreach(filters, i, f) {
		json_array_append(params, json_array_get(f, 0));
		json_array_append(params, json_array_get(f, 1));
	}
	json_array_append_new(params, json_integer(since));
	json_array_append_new(params, json_integer(after));
	json_array_append_new(params, json_integer(limit));
	json_array_append_new(params, json_integer(offset));
	return yw_db_rows(db, rec_sql[n], params, rows);
}

enum yw_err
yw_exchange_store_dept_key(struct yw_db *db, int64_t department_id,
    json_t **row)
{
	return yw_db_row(db, "SELECT public_key, sealed_secret FROM"
	    " data_dept_key WHERE department_id = ?",
	    json_pack("[I]", (json_int_t)department_id), row);
}

enum yw_err
yw_exchange_store_dept_key_put(struct yw_db *db, int64_t department_id,
    const char *pk, const char *sealed, int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO data_dept_key (department_id,"
	    " public_key, sealed_secret, created_at) VALUES (?, ?, ?, ?)"
	    " ON CONFLICT (department_id) DO NOTHING", "issi", department_id,
	    pk, sealed, now);
}

static enum yw_err
head_read(struct yw_db *db, const char *sql, int64_t department_id,
    int64_t *seq, char hash[65])
{
	struct yw_stmt	*st;
	enum yw_err	 rc;

	rc = yw_db_first(db, &st, sql, "i", department_id);
	if (rc != YW_OK)
		return rc;
	*seq = yw_stmt_col_int64(st, 0);
	(void)snprintf(hash, 65, "%s", yw_stmt_col_text(st, 1) != NULL ?
	    yw_stmt_col_text(st, 1) : "");
	yw_stmt_done(st);
	return YW_OK;
}

enum yw_err
yw_exchange_store_chain_head(struct yw_db *db, int64_t department_id,
    int64_t *seq, char hash[65])
{
	/* SQLite's BEGIN IMMEDIATE already serialises writers. */
	const char	*sql = yw_db_kind(db) == YW_DB_PGSQL ?
	    "SELECT last_seq, last_hash FROM exchange_chain WHERE"
	    " department_id = ? FOR UPDATE" :
	    "SELECT last_seq, last_hash FROM exchange_chain WHERE"
	    " department_id = ?";
	enum yw_err	 rc;

	/* The row exists after a department's first call: read it, and
	 * write the starting row only when it is missing. */
	rc = head_read(db, sql, department_id, seq, hash);
	if (rc != YW_ENOTFOUND)
		return rc;
	rc = yw_db_run(db, NULL, "INSERT INTO exchange_chain (department_id,"
	    " last_seq, last_hash) VALUES (?, 0, ?) ON CONFLICT"
	    " (department_id) DO NOTHING", "is", department_id, ZERO_HASH);
	if (rc != YW_OK)
		return rc;
	return head_read(db, sql, department_id, seq, hash);
}

enum yw_err
yw_exchange_store_chain_peek(struct yw_db *db, int64_t department_id,
    int64_t *seq, char hash[65])
{
	enum yw_err rc;

	rc = head_read(db, "SELECT last_seq, last_hash FROM exchange_chain"
	    " WHERE department_id = ?", department_id, seq, hash);
	if (rc == YW_ENOTFOUND) {
		*seq = 0;
		(void)snprintf(hash, 65, "%s", ZERO_HASH);
		return YW_OK;
	}
	return rc;
}

enum yw_err
yw_exchange_store_log_put(struct yw_db *db, json_t *e)
{
	enum yw_err	rc;
	int64_t		changes;

	rc = yw_db_rows(db, "INSERT INTO exchange_log (department_id, seq, at,"
	    " key_id, key_prefix, resource_code, provider_id, operation,"
	    " query, row_count, result, reason, prev_hash, hash, signature,"
	    " dept_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?)", json_pack("[O, O, O, O, O, O, O, O, O, O, O, O, O, O,"
	    " O, O]", json_object_get(e, "department_id"),
	    json_object_get(e, "seq"), json_object_get(e, "at"),
	    json_object_get(e, "key_id"), json_object_get(e, "key_prefix"),
	    json_object_get(e, "resource_code"),
	    json_object_get(e, "provider_id"), json_object_get(e, "operation"),
	    json_object_get(e, "query"), json_object_get(e, "row_count"),
	    json_object_get(e, "result"), json_object_get(e, "reason"),
	    json_object_get(e, "prev_hash"), json_object_get(e, "hash"),
	    json_object_get(e, "signature"),
	    json_object_get(e, "dept_signature")), NULL);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_run(db, &changes, "UPDATE exchange_chain SET last_seq = ?,"
	    " last_hash = ? WHERE department_id = ? AND last_seq = ?", "isii",
	    (int64_t)json_integer_value(json_object_get(e, "seq")),
	    json_string_value(json_object_get(e, "hash")),
	    (int64_t)json_integer_value(json_object_get(e, "department_id")),
	    (int64_t)json_integer_value(json_object_get(e, "seq")) - 1);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_exchange_store_log_list(struct yw_db *db, int64_t department_id,
    int64_t since, int64_t limit, json_t **rows)
{
	return yw_db_rows(db, "SELECT seq, department_id, at, key_id,"
	    " key_prefix, resource_code, provider_id, operation, query,"
	    " row_count, result, reason, prev_hash, hash, signature,"
	    " dept_signature FROM exchange_log WHERE department_id = ?"
	    " AND seq > ? ORDER BY seq LIMIT ?", json_pack("[I, I, I]",
	    (json_int_t)department_id, (json_int_t)since, (json_int_t)limit),
	    rows);
}

enum yw_err
yw_exchange_store_dept_keys(struct yw_db *db, json_t **rows)
{
	return yw_db_rows(db, "SELECT k.department_id, d.code AS"
	    " department_code, k.public_key FROM data_dept_key k JOIN"
	    " department d ON d.id = k.department_id ORDER BY d.code", json_array(),
	    rows);
}
