/*
 * db.c - the storage interface: picks a backend, keeps the per-connection
 * statement cache, checks arguments once for both backends, and builds JSON
 * from rows.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"
#include "store/db.h"

static int
is_pg_url(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0;
}

enum yw_err
yw_db_open(const char *url, struct yw_db **out)
{
	const struct yw_db_ops	*ops;
	enum yw_err		 rc;

	*out = NULL;
	if (url == NULL)
		return YW_EINVAL;
	ops = is_pg_url(url) ? &yw_pgsql_ops : &yw_sqlite_ops;
	rc = ops->open(url, out);
	if (rc != YW_OK)
		return rc;
	(*out)->ops = ops;
	return YW_OK;
}

static void
cache_evict(struct yw_db *db, struct yw_stmt *victim)
{
	struct yw_stmt **pp;

	pp = &db->cache[victim->hash % YW_DB_CACHE_BUCKETS];
	while (*pp != victim)
		pp = &(*pp)->next;
	*pp = victim->next;
	db->ncached--;
	free(victim->sql);
	db->ops->finalize(victim);
}

void
yw_db_close(struct yw_db *db)
{
	size_t i;

	if (db == NULL)
		return;
	db->closing = 1;
	for (i = 0; i < YW_DB_CACHE_BUCKETS; i++) {
		while (db->cache[i] != NULL)
			cache_evict(db, db->cache[i]);
	}
	yw_buf_free(&db->err);
	db->ops->close(db);
}

enum yw_db_kind
yw_db_kind(const struct yw_db *db)
{
	return db->ops->kind;
}

const char *
yw_db_errmsg(const struct yw_db *db)
{
	if (db->err.data == NULL)
		return "";
	return db->err.data;
}

void
yw_db_seterr(struct yw_db *db, const char *fmt, ...)
{
	va_list ap;

	yw_buf_reset(&db->err);
	va_start(ap, fmt);
	/* Out of memory leaves the text empty; the return code still tells. */
	(void)yw_buf_vappendf(&db->err, fmt, ap);
	va_end(ap);
}

enum yw_err
yw_db_exec(struct yw_db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

enum yw_err
yw_db_begin(struct yw_db *db)
{
	return db->ops->begin(db);
}

enum yw_err
yw_db_commit(struct yw_db *db)
{
	return db->ops->commit(db);
}

enum yw_err
yw_db_rollback(struct yw_db *db)
{
	return db->ops->rollback(db);
}

enum yw_err
yw_db_end(struct yw_db *db, enum yw_err rc)
{
	if (rc == YW_OK)
		return yw_db_commit(db);
	(void)yw_db_rollback(db);
	return rc;
}

enum yw_err
yw_db_read_begin(struct yw_db *db)
{
	if (db->ops->read_begin == NULL)
		return YW_OK;
	return db->ops->read_begin(db);
}

void
yw_db_read_end(struct yw_db *db)
{
	if (db->ops->read_end != NULL)
		db->ops->read_end(db);
}

int
yw_db_defer_sync(struct yw_db *db)
{
	return db->ops->defer_sync != NULL && db->ops->defer_sync(db) == YW_OK;
}

uint64_t
yw_db_commits(struct yw_db *db)
{
	return db->ops->commits != NULL ? db->ops->commits(db) : 0;
}

enum yw_err
yw_db_sync(struct yw_db *db)
{
	return db->ops->sync != NULL ? db->ops->sync(db) : YW_OK;
}

/* FNV-1a: the keys are short SQL texts; any decent spread will do. */
static uint32_t
sql_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

static void
cache_trim(struct yw_db *db)
{
	struct yw_stmt	*st, *oldest;
	size_t		 i;

	oldest = NULL;
	for (i = 0; i < YW_DB_CACHE_BUCKETS; i++) {
		for (st = db->cache[i]; st != NULL; st = st->next) {
			if (st->busy)
				continue;
			if (oldest == NULL || st->used < oldest->used)
				oldest = st;
		}
	}
	if (oldest != NULL)
		cache_evict(db, oldest);
}

static struct yw_stmt *
cache_find(struct yw_db *db, uint32_t h, const char *sql)
{
	struct yw_stmt *st;

	for (st = db->cache[h % YW_DB_CACHE_BUCKETS]; st != NULL;
	    st = st->next) {
		if (st->hash == h && !st->busy && strcmp(st->sql, sql) == 0)
			return st;
	}
	return NULL;
}

enum yw_err
yw_db_prepare(struct yw_db *db, const char *sql, struct yw_stmt **out)
{
	struct yw_stmt	*st;
	uint32_t	 h;
	size_t		 slot;
	char		*copy;
	enum yw_err	 rc;

	*out = NULL;
	if (sql == NULL)
		return YW_EINVAL;
	/* The memo only picks the bucket; strcmp still decides, so a buffer
	 * reused for other SQL falls through to the text hash. */
	slot = ((uintptr_t)sql >> 3) % YW_DB_MEMO_SLOTS;
	if (db->memo[slot].sql == sql) {
		st = cache_find(db, db->memo[slot].hash, sql);
		if (st != NULL)
			goto found;
	}
	h = sql_hash(sql);
	db->memo[slot].sql = sql;
	db->memo[slot].hash = h;
	st = cache_find(db, h, sql);
	if (st != NULL)
		goto found;

	copy = strdup(sql);
	if (copy == NULL)
		return YW_ENOMEM;
	rc = db->ops->prepare(db, sql, &st);
	if (rc != YW_OK) {
		free(copy);
		return rc;
	}
	st->db = db;
	st->sql = copy;
	st->hash = h;
	st->next = db->cache[h % YW_DB_CACHE_BUCKETS];
	db->cache[h % YW_DB_CACHE_BUCKETS] = st;
	db->ncached++;
	if (db->ncached > YW_DB_CACHE_MAX) {
		st->busy = 1;	/* not the one to evict */
		cache_trim(db);
	}

found:
	st->busy = 1;
	st->stepped = 0;
	st->finished = 0;
	st->has_row = 0;
	st->used = ++db->tick;
	*out = st;
	return YW_OK;
}

static enum yw_err
stmt_bind(struct yw_stmt *st, int idx, const struct yw_db_val *v)
{
	/* Binding into a running statement is a caller bug on both backends;
	 * SQLite would refuse, PostgreSQL would silently ignore it. */
	if (st->stepped) {
		yw_db_seterr(st->db, "bind after step without yw_stmt_done");
		return YW_EINTERNAL;
	}
	if (idx < 1) {
		yw_db_seterr(st->db, "parameter index %d out of range", idx);
		return YW_EINVAL;
	}
	return st->db->ops->bind(st, idx, v);
}

enum yw_err
yw_stmt_bind_text(struct yw_stmt *st, int idx, const char *s, long len)
{
	struct yw_db_val v = { .type = YW_DB_VTEXT };

	if (s == NULL)
		return yw_stmt_bind_null(st, idx);
	v.p = s;
	v.len = len < 0 ? strlen(s) : (size_t)len;
	/* PostgreSQL text cannot hold NUL; refuse it on both backends. */
	if (memchr(s, '\0', v.len) != NULL) {
		yw_db_seterr(st->db, "parameter %d: text contains NUL", idx);
		return YW_EINVAL;
	}
	return stmt_bind(st, idx, &v);
}

enum yw_err
yw_stmt_bind_int64(struct yw_stmt *st, int idx, int64_t i)
{
	struct yw_db_val v = { .type = YW_DB_VINT };

	v.i = i;
	return stmt_bind(st, idx, &v);
}

enum yw_err
yw_stmt_bind_null(struct yw_stmt *st, int idx)
{
	struct yw_db_val v = { .type = YW_DB_VNULL };

	return stmt_bind(st, idx, &v);
}

enum yw_err
yw_stmt_bind_blob(struct yw_stmt *st, int idx, const void *p, size_t len)
{
	struct yw_db_val v = { .type = YW_DB_VBLOB };

	/* An empty blob is not NULL: give backends a valid pointer. */
	v.p = p != NULL ? p : "";
	v.len = p != NULL ? len : 0;
	return stmt_bind(st, idx, &v);
}

enum yw_err
yw_stmt_step(struct yw_stmt *st, int *row)
{
	enum yw_err rc;

	*row = 0;
	st->has_row = 0;
	/* Stepping past the end must not run the statement again (SQLite
	 * would re-execute an INSERT). */
	if (st->finished)
		return YW_OK;
	st->stepped = 1;
	rc = st->db->ops->step(st, row);
	if (rc != YW_OK || *row == 0) {
		st->finished = 1;
		*row = 0;
		return rc;
	}
	st->has_row = 1;
	return YW_OK;
}

int
yw_stmt_col_count(struct yw_stmt *st)
{
	return st->db->ops->col_count(st);
}

static int
col_ok(struct yw_stmt *st, int i)
{
	return st->has_row && i >= 0 && i < st->db->ops->col_count(st);
}

const char *
yw_stmt_col_name(struct yw_stmt *st, int i)
{
	if (i < 0 || i >= st->db->ops->col_count(st))
		return NULL;
	return st->db->ops->col_name(st, i);
}

int
yw_stmt_col_isnull(struct yw_stmt *st, int i)
{
	if (!col_ok(st, i))
		return 1;
	return st->db->ops->col_type(st, i) == YW_DB_VNULL;
}

const char *
yw_stmt_col_text(struct yw_stmt *st, int i)
{
	if (!col_ok(st, i))
		return NULL;
	return st->db->ops->col_text(st, i);
}

size_t
yw_stmt_col_len(struct yw_stmt *st, int i)
{
	if (!col_ok(st, i))
		return 0;
	return st->db->ops->col_len(st, i);
}

int64_t
yw_stmt_col_int64(struct yw_stmt *st, int i)
{
	if (!col_ok(st, i))
		return 0;
	return st->db->ops->col_int64(st, i);
}

const void *
yw_stmt_col_blob(struct yw_stmt *st, int i, size_t *len)
{
	*len = 0;
	if (!col_ok(st, i))
		return NULL;
	return st->db->ops->col_blob(st, i, len);
}

static json_t *
blob_hex(const unsigned char *p, size_t n)
{
	static const char	 digits[] = "0123456789abcdef";
	json_t			*j;
	char			*s;
	size_t			 k;

	s = malloc(n * 2 + 1);
	if (s == NULL)
		return NULL;
	for (k = 0; k < n; k++) {
		s[2 * k] = digits[p[k] >> 4];
		s[2 * k + 1] = digits[p[k] & 15];
	}
	j = json_stringn(s, n * 2);
	free(s);
	return j;
}

static json_t *
col_json(struct yw_stmt *st, int i)
{
	const struct yw_db_ops	*ops = st->db->ops;
	const void		*p;
	size_t			 n;

	switch (ops->col_type(st, i)) {
	case YW_DB_VNULL:
		return json_null();
	case YW_DB_VINT:
		return json_integer(ops->col_int64(st, i));
	case YW_DB_VBLOB:
		p = ops->col_blob(st, i, &n);
		return blob_hex(p, n);
	case YW_DB_VTEXT:
		break;
	}
	return json_stringn(ops->col_text(st, i), ops->col_len(st, i));
}

json_t *
yw_stmt_row_json(struct yw_stmt *st)
{
	json_t	*obj, *v;
	int	 i, n;

	if (!st->has_row)
		return NULL;
	obj = json_object();
	if (obj == NULL)
		return NULL;
	n = st->db->ops->col_count(st);
	for (i = 0; i < n; i++) {
		v = col_json(st, i);
		if (v == NULL) {
			/* Allocation failure, or text that is not UTF-8. */
			yw_db_seterr(st->db, "column %s cannot be made JSON",
			    st->db->ops->col_name(st, i));
			json_decref(obj);
			return NULL;
		}
		if (json_object_set_new(obj, st->db->ops->col_name(st, i),
		    v) != 0) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

int64_t
yw_stmt_changes(struct yw_stmt *st)
{
	return st->db->ops->changes(st);
}

void
yw_stmt_done(struct yw_stmt *st)
{
	if (st == NULL)
		return;
	st->db->ops->reset(st);
	st->busy = 0;
	st->stepped = 0;
	st->finished = 0;
	st->has_row = 0;
}

static enum yw_err
bind_json(struct yw_stmt *st, int idx, json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return yw_stmt_bind_text(st, idx, json_string_value(v),
		    (long)json_string_length(v));
	case JSON_INTEGER:
		return yw_stmt_bind_int64(st, idx, json_integer_value(v));
	case JSON_TRUE:
		return yw_stmt_bind_int64(st, idx, 1);
	case JSON_FALSE:
		return yw_stmt_bind_int64(st, idx, 0);
	case JSON_NULL:
		return yw_stmt_bind_null(st, idx);
	default:
		yw_db_seterr(st->db, "parameter %d: unsupported JSON type",
		    idx);
		return YW_EINVAL;
	}
}

/* Prepares sql into *st and binds ap as fmt says (see yw_db_run). *st is
 * set whenever the prepare succeeded: the caller hands it back. */
static enum yw_err
prepare_fmt(struct yw_db *db, struct yw_stmt **st, const char *sql,
    const char *fmt, va_list ap)
{
	enum yw_err	rc;
	int64_t		v;
	int		idx;

	rc = yw_db_prepare(db, sql, st);
	for (idx = 1; rc == YW_OK && fmt[idx - 1] != '\0'; idx++) {
		switch (fmt[idx - 1]) {
		case 's':
			rc = yw_stmt_bind_text(*st, idx,
			    va_arg(ap, const char *), -1);
			break;
		case 'i':
			rc = yw_stmt_bind_int64(*st, idx, va_arg(ap, int64_t));
			break;
		case 'o':
			v = va_arg(ap, int64_t);
			rc = v == 0 ? yw_stmt_bind_null(*st, idx) :
			    yw_stmt_bind_int64(*st, idx, v);
			break;
		case 'n':
			rc = yw_stmt_bind_null(*st, idx);
			break;
		default:
			yw_db_seterr(db, "parameter %d: unknown type '%c'",
			    idx, fmt[idx - 1]);
			rc = YW_EINVAL;
			break;
		}
	}
	return rc;
}

/* Steps st until it reports no more rows. */
static enum yw_err
step_to_end(struct yw_stmt *st)
{
	enum yw_err	rc;
	int		row;

	do {
		rc = yw_stmt_step(st, &row);
	} while (rc == YW_OK && row);
	return rc;
}

enum yw_err
yw_db_run(struct yw_db *db, int64_t *changes, const char *sql,
    const char *fmt, ...)
{
	struct yw_stmt	*st = NULL;
	va_list		 ap;
	enum yw_err	 rc;

	if (changes != NULL)
		*changes = 0;
	va_start(ap, fmt);
	rc = prepare_fmt(db, &st, sql, fmt, ap);
	va_end(ap);
	if (rc != YW_OK)
		goto out;
	rc = step_to_end(st);
	if (rc == YW_OK && changes != NULL)
		*changes = yw_stmt_changes(st);
out:
	yw_stmt_done(st);
	return rc;
}

/* yw_db_first with the parameters in ap. */
static enum yw_err
first_row(struct yw_db *db, struct yw_stmt **st, const char *sql,
    const char *fmt, va_list ap)
{
	enum yw_err	rc;
	int		row;

	rc = prepare_fmt(db, st, sql, fmt, ap);
	if (rc == YW_OK)
		rc = yw_stmt_step(*st, &row);
	if (rc == YW_OK && !row)
		rc = YW_ENOTFOUND;
	if (rc != YW_OK) {
		yw_stmt_done(*st);
		*st = NULL;
	}
	return rc;
}

enum yw_err
yw_db_first(struct yw_db *db, struct yw_stmt **st, const char *sql,
    const char *fmt, ...)
{
	va_list		ap;
	enum yw_err	rc;

	va_start(ap, fmt);
	rc = first_row(db, st, sql, fmt, ap);
	va_end(ap);
	return rc;
}

enum yw_err
yw_db_one_int64(struct yw_db *db, int64_t *out, const char *sql,
    const char *fmt, ...)
{
	struct yw_stmt	*st;
	va_list		 ap;
	int64_t		 v;
	enum yw_err	 rc;

	*out = 0;
	va_start(ap, fmt);
	rc = first_row(db, &st, sql, fmt, ap);
	va_end(ap);
	if (rc != YW_OK)
		return rc;
	v = yw_stmt_col_int64(st, 0);
	rc = step_to_end(st);
	if (rc == YW_OK)
		*out = v;
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_db_query_json(struct yw_db *db, const char *sql, json_t *params,
    json_t **rows)
{
	struct yw_stmt	*st = NULL;
	json_t		*arr = NULL, *obj;
	size_t		 i;
	int		 row;
	enum yw_err	 rc;

	*rows = NULL;
	if (params != NULL && !json_is_array(params)) {
		yw_db_seterr(db, "parameters must be a JSON array");
		return YW_EINVAL;
	}
	arr = json_array();
	if (arr == NULL)
		return YW_ENOMEM;
	rc = yw_db_prepare(db, sql, &st);
	if (rc != YW_OK)
		goto out;
	for (i = 0; params != NULL && i < json_array_size(params); i++) {
		rc = bind_json(st, (int)i + 1, json_array_get(params, i));
		if (rc != YW_OK)
			goto out;
	}
	for (;;) {
		rc = yw_stmt_step(st, &row);
		if (rc != YW_OK || row == 0)
			break;
		obj = yw_stmt_row_json(st);
		if (obj == NULL) {
			rc = YW_EDB;
			goto out;
		}
		if (json_array_append_new(arr, obj) != 0) {
			rc = YW_ENOMEM;
			goto out;
		}
	}
	if (rc != YW_OK)
		goto out;
	*rows = arr;
	arr = NULL;
out:
	yw_stmt_done(st);
	json_decref(arr);
	return rc;
}

enum yw_err
yw_db_rows(struct yw_db *db, const char *sql, json_t *params, json_t **rows)
{
	json_t		*got;
	enum yw_err	 rc;

	if (rows != NULL)
		*rows = NULL;
	if (params == NULL)
		return YW_ENOMEM;
	rc = yw_db_query_json(db, sql, params, &got);
	json_decref(params);
	if (rc == YW_OK && rows != NULL)
		*rows = got;
	else
		json_decref(got);
	return rc;
}

enum yw_err
yw_db_row(struct yw_db *db, const char *sql, json_t *params, json_t **row)
{
	json_t		*rows;
	enum yw_err	 rc;

	*row = NULL;
	rc = yw_db_rows(db, sql, params, &rows);
	if (rc != YW_OK)
		return rc;
	if (json_array_size(rows) == 0)
		rc = YW_ENOTFOUND;
	else
		*row = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return rc;
}
