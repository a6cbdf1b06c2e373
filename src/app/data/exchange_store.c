/*
 * exchange_store.c - SQL of the exchange.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/data/exchange_store.h"
#include "app/data/schema.h"

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

/*
 * SQLite steps cached multi-row statements (binding is cheaper than
 * taking apart a JSON text); PostgreSQL gets the batch as one JSON text
 * taken apart by jsonb_array_elements, one round trip for 1,000 records.
 * rkeys are distinct (the caller merged repeats), so one statement never
 * touches a row twice, which PostgreSQL refuses.
 */
#define REC_UPSERT " ON CONFLICT (resource_id, rkey) DO UPDATE SET" \
	" data = excluded.data, updated_at = excluded.updated_at"

static enum yw_err
records_put_pgsql(struct yw_db *db, int64_t resource_id, char *const *rkeys,
    char *const *datas, size_t n, int64_t now)
{
	json_t		*all;
	char		*text;
	size_t		 i;
	enum yw_err	 rc;

	all = json_array();
	if (all == NULL)
		return YW_ENOMEM;
	for (i = 0; i < n; i++)
		if (json_array_append_new(all, json_pack("[s?, s]", rkeys[i],
		    datas[i])) != 0) {
			json_decref(all);
			return YW_ENOMEM;
		}
	text = json_dumps(all, JSON_COMPACT);
	json_decref(all);
	if (text == NULL)
		return YW_ENOMEM;
	rc = yw_db_run(db, NULL, "INSERT INTO exchange_record (resource_id,"
	    " rkey, data, updated_at) SELECT CAST(? AS BIGINT), e->>0, e->>1,"
	    " CAST(? AS BIGINT) FROM jsonb_array_elements(CAST(? AS jsonb))"
	    " WITH ORDINALITY AS t(e, n) ORDER BY n" REC_UPSERT, "iis",
	    resource_id, now, text);
	free(text);
	return rc;
}

/*
 * SQLite: rows go in several at a time, one statement per chunk of 64
 * (or 32, 16, ... 1 for the rest), which saves most of a statement's
 * fixed cost per row. The SQL of each size is a literal, so each is
 * prepared once and cached.
 */
#define REC_INSERT "INSERT INTO exchange_record (resource_id, rkey, data," \
	" updated_at) VALUES (?, ?, ?, ?)"
#define REC_V1	",(?, ?, ?, ?)"
#define REC_V2	REC_V1 REC_V1
#define REC_V4	REC_V2 REC_V2
#define REC_V8	REC_V4 REC_V4
#define REC_V16	REC_V8 REC_V8
#define REC_V32	REC_V16 REC_V16

static const struct {
	size_t		 rows;
	const char	*sql;
} rec_chunks[] = {
	{ 64, REC_INSERT REC_V32 REC_V16 REC_V8 REC_V4 REC_V2 REC_V1
	    REC_UPSERT },
	{ 32, REC_INSERT REC_V16 REC_V8 REC_V4 REC_V2 REC_V1 REC_UPSERT },
	{ 16, REC_INSERT REC_V8 REC_V4 REC_V2 REC_V1 REC_UPSERT },
	{ 8, REC_INSERT REC_V4 REC_V2 REC_V1 REC_UPSERT },
	{ 4, REC_INSERT REC_V2 REC_V1 REC_UPSERT },
	{ 2, REC_INSERT REC_V1 REC_UPSERT },
	{ 1, REC_INSERT REC_UPSERT },
};

/* Rows [0, rows) of rkeys and datas by the statement sql of that many. */
static enum yw_err
records_put_chunk(struct yw_db *db, const char *sql, size_t rows,
    int64_t resource_id, char *const *rkeys, char *const *datas, int64_t now)
{
	struct yw_stmt	*st;
	size_t		 i;
	int		 p, row;
	enum yw_err	 rc;

	rc = yw_db_prepare(db, sql, &st);
	if (rc != YW_OK)
		return rc;
	for (i = 0; i < rows && rc == YW_OK; i++) {
		p = 4 * (int)i;
		rc = yw_stmt_bind_int64(st, p + 1, resource_id);
		if (rc == YW_OK)
			rc = yw_stmt_bind_text(st, p + 2, rkeys[i], -1);
		if (rc == YW_OK)
			rc = yw_stmt_bind_text(st, p + 3, datas[i], -1);
		if (rc == YW_OK)
			rc = yw_stmt_bind_int64(st, p + 4, now);
	}
	if (rc == YW_OK)
		rc = yw_stmt_step(st, &row);
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_exchange_store_records_put(struct yw_db *db, int64_t resource_id,
    char *const *rkeys, char *const *datas, size_t n, int64_t now)
{
	size_t		i, k = 0;
	enum yw_err	rc = YW_OK;

	if (n == 0)
		return YW_OK;
	if (yw_db_kind(db) == YW_DB_PGSQL)
		return records_put_pgsql(db, resource_id, rkeys, datas, n, now);
	/* The largest chunk that fits first, so a batch of 1,000 is 15
	 * statements and any size at most 6 more. */
	for (i = 0; i < n && rc == YW_OK; i += rec_chunks[k].rows) {
		for (k = 0; rec_chunks[k].rows > n - i; k++)
			;
		rc = records_put_chunk(db, rec_chunks[k].sql,
		    rec_chunks[k].rows, resource_id, rkeys + i, datas + i,
		    now);
	}
	return rc;
}

enum yw_err
yw_exchange_store_touch(struct yw_db *db, int64_t resource_id, int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE data_resource SET"
	    " records_updated_at = ? WHERE id = ?", "ii", now, resource_id);
}

enum yw_err
yw_exchange_store_rkey_mixed(struct yw_db *db, int64_t resource_id,
    int64_t *mixed)
{
	return yw_db_one_int64(db, mixed, "SELECT rkey_mixed FROM data_resource"
	    " WHERE id = ?", "i", resource_id);
}

/*
 * A filter on another item is a test of the stored text, read in id order
 * through exchange_record_order, so a page stops once it is full. The
 * text is jansson's compact output of an object whose keys are item names
 * (yw_schema_encode, and json_dumps before it), so a quote followed by
 * `item":` opens that key, and a record's value has the canonical text v
 * (what yw_schema_check gives) exactly when the text holds "item":"v"
 * (text, decimals, dates: v escaped as jansson escapes it) or "item":v
 * followed by ',' or '}' (integers, booleans). No JSON is taken apart.
 * PostgreSQL tests with strpos and pages in SQL (so only the page crosses
 * the wire); SQLite hands every row to C, whose memmem is several times
 * quicker than SQLite's instr, and C counts offset and limit.
 */
#define MATCH_PGSQL " AND (strpos(r.data, ?) > 0 OR strpos(r.data, ?) > 0" \
	" OR strpos(r.data, ?) > 0)"
#define MATCH_PATTERNS 3

/* The patterns of item = value into p. */
static enum yw_err
match_patterns(json_t *p, const char *item, const char *value)
{
	json_t		*v;
	char		*quoted;
	enum yw_err	 rc = YW_ENOMEM;

	v = json_string(value);
	quoted = v != NULL ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
	if (quoted != NULL &&
	    json_array_append_new(p, json_sprintf("\"%s\":%s", item,
	    quoted)) == 0 &&
	    json_array_append_new(p, json_sprintf("\"%s\":%s,", item,
	    value)) == 0 &&
	    json_array_append_new(p, json_sprintf("\"%s\":%s}", item,
	    value)) == 0)
		rc = YW_OK;
	free(quoted);
	json_decref(v);
	return rc;
}

/* Whether data holds, for each filter, one of its patterns (pats). */
static int
row_matches(json_t *pats, const char *data, size_t len)
{
	json_t	*pt;
	size_t	 i;
	int	 hit = 0;

	json_array_foreach(pats, i, pt) {
		if (i % MATCH_PATTERNS == 0) {
			if (i > 0 && !hit)
				return 0;
			hit = 0;
		}
		if (!hit && memmem(data, len, json_string_value(pt),
		    json_string_length(pt)) != NULL)
			hit = 1;
	}
	return json_array_size(pats) == 0 || hit;
}

/* A page's SELECT. */
struct page_sql {
	char	 sql[1024];
	json_t	*params;
	json_t	*pats;		/* tested in C (SQLite), or empty */
};

/* The SELECT of a page into ps; YW_ENOTFOUND when a filter value is too
 * long to match anything. */
static enum yw_err
records_sql(struct yw_db *db, int64_t resource_id, const char *key_item,
    json_t *filters, int64_t since, int64_t after, int64_t offset,
    int64_t limit, struct page_sql *ps)
{
	json_t		*f, *p;
	const char	*item, *value;
	size_t		 i, n, size = sizeof(ps->sql);
	char		*sql = ps->sql;
	int		 pg = yw_db_kind(db) == YW_DB_PGSQL;

	ps->params = NULL;
	ps->pats = NULL;
	if (json_array_size(filters) > YW_EXCHANGE_STORE_FILTERS_MAX)
		return YW_EINVAL;
	/* Values longer than this were never filterable (the former value
	 * index left them out): such a filter matches nothing. */
	json_array_foreach(filters, i, f)
		if (json_string_length(json_array_get(f, 1)) >
		    YW_SCHEMA_VALUE_INDEX_MAX)
			return YW_ENOTFOUND;
	p = json_pack("[I, I]", (json_int_t)resource_id, (json_int_t)after);
	ps->pats = json_array();
	if (p == NULL || ps->pats == NULL)
		goto nomem;
	n = (size_t)snprintf(sql, size, "SELECT r.id, r.rkey, r.data,"
	    " r.updated_at FROM exchange_record r WHERE r.resource_id = ? AND"
	    " r.id > ?");
	/* Left out when 0 (every record matches): the planner then walks
	 * exchange_record_order instead of sorting the resource by id. */
	if (since > 0) {
		n += (size_t)snprintf(sql + n, size - n,
		    " AND r.updated_at >= ?");
		json_array_append_new(p, json_integer(since));
	}
	json_array_foreach(filters, i, f) {
		item = json_string_value(json_array_get(f, 0));
		value = json_string_value(json_array_get(f, 1));
		if (item == NULL || value == NULL || n >= size)
			goto bad;
		if (key_item != NULL && strcmp(item, key_item) == 0) {
			n += (size_t)snprintf(sql + n, size - n,
			    " AND r.rkey = ?");
			json_array_append_new(p, json_string(value));
			continue;
		}
		if (pg)
			n += (size_t)snprintf(sql + n, size - n, "%s",
			    MATCH_PGSQL);
		if (match_patterns(pg ? p : ps->pats, item, value) != YW_OK)
			goto nomem;
	}
	n += (size_t)snprintf(sql + n, size - n, " ORDER BY r.id%s",
	    json_array_size(ps->pats) > 0 ? "" : " LIMIT ? OFFSET ?");
	if (n >= size)
		goto bad;
	if (json_array_size(ps->pats) == 0) {
		json_array_append_new(p, json_integer(limit));
		json_array_append_new(p, json_integer(offset));
	}
	ps->params = p;
	return YW_OK;
bad:
	json_decref(p);
	json_decref(ps->pats);
	ps->pats = NULL;
	return YW_EINVAL;
nomem:
	json_decref(p);
	json_decref(ps->pats);
	ps->pats = NULL;
	return YW_ENOMEM;
}

/* yw_exchange_store_records's rows, as jansson objects. */
static enum yw_err
row_json(void *arg, const struct yw_exchange_row *row)
{
	json_t *rows = arg;

	return json_array_append_new(rows, json_pack("{s:I, s:s?, s:s, s:I}",
	    "id", (json_int_t)row->id, "rkey", row->rkey, "data", row->data,
	    "updated_at", (json_int_t)row->updated_at)) == 0 ? YW_OK :
	    YW_ENOMEM;
}

enum yw_err
yw_exchange_store_records(struct yw_db *db, int64_t resource_id,
    const char *key_item, json_t *filters, int64_t since, int64_t after,
    int64_t offset, int64_t limit, json_t **rows)
{
	enum yw_err rc;

	*rows = json_array();
	if (*rows == NULL)
		return YW_ENOMEM;
	rc = yw_exchange_store_records_each(db, resource_id, key_item,
	    filters, since, after, offset, limit, row_json, *rows);
	if (rc != YW_OK) {
		json_decref(*rows);
		*rows = NULL;
	}
	return rc;
}

static enum yw_err
bind_all(struct yw_stmt *st, json_t *params)
{
	json_t		*v;
	size_t		 i;
	enum yw_err	 rc = YW_OK;

	json_array_foreach(params, i, v) {
		rc = json_is_integer(v) ? yw_stmt_bind_int64(st, (int)i + 1,
		    json_integer_value(v)) : yw_stmt_bind_text(st, (int)i + 1,
		    json_string_value(v), (long)json_string_length(v));
		if (rc != YW_OK)
			break;
	}
	return rc;
}

enum yw_err
yw_exchange_store_records_each(struct yw_db *db, int64_t resource_id,
    const char *key_item, json_t *filters, int64_t since, int64_t after,
    int64_t offset, int64_t limit, yw_exchange_row_fn fn, void *arg)
{
	struct yw_exchange_row	 row;
	struct page_sql		 ps;
	struct yw_stmt		*st = NULL;
	int64_t			 skipped = 0, given = 0;
	int			 more;
	enum yw_err		 rc;

	rc = records_sql(db, resource_id, key_item, filters, since, after,
	    offset, limit, &ps);
	if (rc == YW_ENOTFOUND)
		return YW_OK;
	if (rc != YW_OK)
		return rc;
	rc = yw_db_prepare(db, ps.sql, &st);
	if (rc == YW_OK)
		rc = bind_all(st, ps.params);
	while (rc == YW_OK && given < limit) {
		rc = yw_stmt_step(st, &more);
		if (rc != YW_OK || !more)
			break;
		row.id = yw_stmt_col_int64(st, 0);
		row.rkey = yw_stmt_col_text(st, 1);
		row.data = yw_stmt_col_text(st, 2);
		row.data_len = yw_stmt_col_len(st, 2);
		row.updated_at = yw_stmt_col_int64(st, 3);
		if (row.data == NULL) {
			rc = YW_EDB;
			break;
		}
		/* Filters tested here page here too. */
		if (json_array_size(ps.pats) > 0 && (!row_matches(ps.pats,
		    row.data, row.data_len) || skipped++ < offset))
			continue;
		given++;
		rc = fn(arg, &row);
	}
	if (st != NULL)
		yw_stmt_done(st);
	json_decref(ps.params);
	json_decref(ps.pats);
	return rc;
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

static int64_t
int_of(json_t *e, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(e, k));
}

static const char *
str_of(json_t *e, const char *k)
{
	return json_string_value(json_object_get(e, k));
}

enum yw_err
yw_exchange_store_log_put(struct yw_db *db, json_t *e)
{
	enum yw_err rc;

	rc = yw_exchange_store_log_insert(db, e);
	if (rc != YW_OK)
		return rc;
	return yw_exchange_store_chain_move(db, int_of(e, "department_id"),
	    int_of(e, "seq") - 1, int_of(e, "seq"), str_of(e, "hash"));
}

enum yw_err
yw_exchange_store_chain_move(struct yw_db *db, int64_t department_id,
    int64_t from, int64_t seq, const char *hash)
{
	enum yw_err	rc;
	int64_t		changes;

	rc = yw_db_run(db, &changes, "UPDATE exchange_chain SET last_seq = ?,"
	    " last_hash = ? WHERE department_id = ? AND last_seq = ?", "isii",
	    seq, hash, department_id, from);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_exchange_store_log_insert(struct yw_db *db, json_t *e)
{
	/* Typed binds: every read writes one entry, so no parameter array
	 * is built for it. key_id and provider_id are null when absent. */
	return yw_db_run(db, NULL, "INSERT INTO exchange_log (department_id, seq,"
	    " at, key_id, key_prefix, resource_code, provider_id, operation,"
	    " query, row_count, result, reason, prev_hash, hash, signature,"
	    " dept_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?)", "iiiossossissssss", int_of(e, "department_id"),
	    int_of(e, "seq"), int_of(e, "at"), int_of(e, "key_id"),
	    str_of(e, "key_prefix"), str_of(e, "resource_code"),
	    int_of(e, "provider_id"), str_of(e, "operation"),
	    str_of(e, "query"), int_of(e, "row_count"), str_of(e, "result"),
	    str_of(e, "reason"), str_of(e, "prev_hash"), str_of(e, "hash"),
	    str_of(e, "signature"), str_of(e, "dept_signature"));
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
