/*
 * db.h - the storage interface: one connection to SQLite or PostgreSQL.
 * SQL text is written once, with '?' placeholders, in the common subset of
 * both dialects; the PostgreSQL backend renumbers the placeholders ($1..).
 * Every value reaches the database as a bound parameter, never by splicing.
 * A connection belongs to one process and one thread: open it after fork.
 *
 * Dialect traps for SQL authors (SQLite 3.40 / PostgreSQL 15):
 * - Bare '?' only (no $1, ?NNN, :name). A '?' inside a string, a quoted
 *   identifier or a comment is left alone; PostgreSQL's jsonb operators
 *   ? ?| ?& therefore cannot be written (use jsonb_exists()).
 * - PostgreSQL infers each '?' type from its context. Where it cannot
 *   (? IS NULL, COALESCE(?, ?)) it fails; SELECT ? gives text, and ? + 1
 *   is a 32-bit int. Write CAST(? AS BIGINT) / CAST(? AS TEXT) there.
 * - Integers are BIGINT (@ID@ ids are 64-bit: reference them as BIGINT).
 *   SUM and AVG give numeric on PostgreSQL, a string in JSON: cast them.
 *   No BOOLEAN columns: INTEGER 0/1 and "WHERE flag = 1". (Comparison
 *   results such as "a > b" read as 0/1 on both backends.)
 * - Alias computed columns (COUNT(*) AS n): the two backends name them
 *   differently, and the name is the JSON key. PostgreSQL folds unquoted
 *   names to lower case: use lower_snake_case.
 * - An error inside a PostgreSQL transaction aborts it: after YW_ECONFLICT
 *   between begin and commit, roll back (commit would fail anyway). To
 *   expect duplicates use INSERT ... ON CONFLICT (col) DO NOTHING or
 *   DO UPDATE SET x = excluded.x (both), never INSERT OR IGNORE/REPLACE.
 * - yw_db_exec of several statements is atomic on PostgreSQL only; wrap
 *   it in begin/commit when it must be.
 * - PostgreSQL runs READ COMMITTED while SQLite serialises writers: for
 *   read-modify-write use UPDATE ... WHERE version = ? + yw_stmt_changes.
 * - NULLs sort first on SQLite, last on PostgreSQL: say NULLS FIRST/LAST.
 *   LIKE ignores ASCII case on SQLite only. SQLite-only: IFNULL, GLOB,
 *   strftime, datetime; PostgreSQL-only: ILIKE, ::, now(). Bind times
 *   from C (UTC seconds in BIGINT).
 * - PostgreSQL wants every non-aggregated column in GROUP BY.
 * - Avoid SELECT * in prepared SQL: a PostgreSQL statement whose table
 *   changed shape must be prepared again (done once, outside transactions).
 */
#ifndef YW_DB_H
#define YW_DB_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"

enum yw_db_kind {
	YW_DB_SQLITE,
	YW_DB_PGSQL
};

struct yw_db;
struct yw_stmt;

/*
 * Opens url: "postgresql://..." or "postgres://..." for PostgreSQL (the
 * backend adds gssencmode=disable unless the URL sets it), anything else is
 * a SQLite file path (":memory:" works). SQLite is put in WAL mode with
 * synchronous=FULL, foreign_keys=ON and a busy timeout. Caller owns *out and
 * frees it with yw_db_close. On failure *out is NULL and the reason goes to
 * stderr (YW_EDB: cannot connect or open; YW_EINVAL: malformed URL).
 * PostgreSQL: a lost connection is re-opened by the next call made outside
 * a transaction (inside one, calls fail until rollback); settings made with
 * SET are lost then, so put them in the URL (?options=-csearch_path%3Dx).
 */
enum yw_err	 yw_db_open(const char *url, struct yw_db **out);
void		 yw_db_close(struct yw_db *db);
enum yw_db_kind	 yw_db_kind(const struct yw_db *db);
/* Text of the last error on db; borrowed, valid until the next call. */
const char	*yw_db_errmsg(const struct yw_db *db);

/* Runs one or more ';'-separated statements without parameters. */
enum yw_err	 yw_db_exec(struct yw_db *db, const char *sql);

/* Transactions; begin is BEGIN IMMEDIATE on SQLite. Not nestable. */
enum yw_err	 yw_db_begin(struct yw_db *db);
enum yw_err	 yw_db_commit(struct yw_db *db);
enum yw_err	 yw_db_rollback(struct yw_db *db);
/* Ends the transaction by rc: commits on YW_OK (returning the commit's
 * result), else rolls back and returns rc unchanged. */
enum yw_err	 yw_db_end(struct yw_db *db, enum yw_err rc);

/*
 * A read scope around the reads of one request: they see one snapshot and
 * take the database's locks once. On SQLite it is a deferred transaction,
 * so a page of a dozen SELECTs makes two lock calls instead of a dozen
 * pairs (each a system call). A write inside the scope (yw_db_begin,
 * yw_db_exec, or stepping a statement that changes something) ends it
 * first and runs as it would outside, so GETs that write now and then
 * (a session touch, a throttle counter) need not care. No-op when a
 * transaction is open, and on PostgreSQL (BEGIN and COMMIT would be two
 * more round trips). read_end commits what the scope read; it is safe to
 * call when the scope has already ended.
 */
enum yw_err	 yw_db_read_begin(struct yw_db *db);
void		 yw_db_read_end(struct yw_db *db);

/*
 * Group commit by deferred sync (SQLite): after yw_db_defer_sync a commit
 * on this connection returns once its changes are written to the
 * write-ahead log, before they are on disk; yw_db_commits counts the
 * write transactions committed so far, and yw_db_sync makes every one of
 * them durable with one fdatasync (which also covers what other
 * connections to the same file committed before it). A caller must not
 * acknowledge a commit until a yw_db_sync begun after it has returned
 * YW_OK: many requests then share one disk flush (web/group.h). The
 * database stays consistent whatever happens; only unsynced commits can
 * be lost. defer_sync returns 1 when commits are deferred from now on, 0
 * when they stay durable one by one (PostgreSQL, where every commit is
 * durable: commits stays 0 and sync does nothing).
 */
int		 yw_db_defer_sync(struct yw_db *db);
uint64_t	 yw_db_commits(struct yw_db *db);
enum yw_err	 yw_db_sync(struct yw_db *db);

/*
 * Prepares sql (one statement, '?' placeholders). Prepared statements are
 * cached per connection by their SQL text, so the hot path prepares once.
 * The statement is borrowed from the connection: hand it back with
 * yw_stmt_done. Preparing the same SQL while it is still in use gives a
 * second statement (nested loops work). sql is copied, but use string
 * literals: built SQL fills the cache (it keeps at most 256, LRU).
 * A cached statement may report a missing table only at its first step.
 */
enum yw_err	 yw_db_prepare(struct yw_db *db, const char *sql,
		     struct yw_stmt **out);

/* Binds parameter idx (1-based) before the first step. Values are copied.
 * len -1 = strlen. YW_EINVAL for an index out of range or text holding a
 * NUL byte (PostgreSQL cannot store one); a NULL s binds NULL. */
enum yw_err	 yw_stmt_bind_text(struct yw_stmt *st, int idx, const char *s,
		     long len);
enum yw_err	 yw_stmt_bind_int64(struct yw_stmt *st, int idx, int64_t v);
enum yw_err	 yw_stmt_bind_null(struct yw_stmt *st, int idx);
enum yw_err	 yw_stmt_bind_blob(struct yw_stmt *st, int idx, const void *p,
		     size_t len);

/*
 * Executes on the first call, then advances one row per call. *row is 1
 * while a row is available, 0 when done. A unique or foreign-key violation
 * returns YW_ECONFLICT; other failures YW_EDB (see yw_db_errmsg).
 */
enum yw_err	 yw_stmt_step(struct yw_stmt *st, int *row);

/* Column access for the current row; i is 0-based. Pointers are borrowed
 * and valid until the next step or done. NULL text reads as NULL; with no
 * current row or a bad i, accessors return NULL/0 and isnull 1. col_len is
 * the byte length of col_text; col_count is known after the first step.
 * Read bytea/blob columns with col_blob (col_text of a PostgreSQL bytea is
 * its \x... escape). */
int		 yw_stmt_col_count(struct yw_stmt *st);
const char	*yw_stmt_col_name(struct yw_stmt *st, int i);
int		 yw_stmt_col_isnull(struct yw_stmt *st, int i);
const char	*yw_stmt_col_text(struct yw_stmt *st, int i);
size_t		 yw_stmt_col_len(struct yw_stmt *st, int i);
int64_t		 yw_stmt_col_int64(struct yw_stmt *st, int i);
/* Blob bytes; *len receives the size (an empty blob may give NULL). */
const void	*yw_stmt_col_blob(struct yw_stmt *st, int i, size_t *len);
/*
 * The current row as a new JSON object (caller owns the reference):
 * integer columns as integers, NULL as null, blobs as lowercase hex
 * strings, everything else as strings. NULL when there is no row, on
 * allocation failure, or for text that is not UTF-8.
 */
json_t		*yw_stmt_row_json(struct yw_stmt *st);

/* Rows changed by this INSERT/UPDATE/DELETE once yw_stmt_step has
 * reported no more rows (with RETURNING, SQLite counts only then); 0 for
 * a SELECT. */
int64_t		 yw_stmt_changes(struct yw_stmt *st);

/* Resets bindings and results and returns st to the connection's cache. */
void		 yw_stmt_done(struct yw_stmt *st);

/*
 * Convenience: runs sql with the given JSON array of parameters (strings,
 * integers, true/false as 1/0, null; params may be NULL) and returns all
 * rows as a new JSON array of objects (see yw_stmt_row_json). Caller owns
 * *rows; NULL on error. For small result sets (view models, admin lists).
 */
enum yw_err	 yw_db_query_json(struct yw_db *db, const char *sql,
		     json_t *params, json_t **rows);

/*
 * yw_db_query_json that takes ownership of params (a new reference, as
 * json_pack returns; NULL, a failed json_pack, gives YW_ENOMEM). rows may
 * be NULL to discard the result (statements run for their effect).
 */
enum yw_err	 yw_db_rows(struct yw_db *db, const char *sql, json_t *params,
		     json_t **rows);

/* As yw_db_rows, for the first row only: *row (caller owns) or
 * YW_ENOTFOUND when there is none. */
enum yw_err	 yw_db_row(struct yw_db *db, const char *sql, json_t *params,
		     json_t **row);

/*
 * Convenience for one statement with typed parameters: prepares sql, binds
 * one parameter per letter of fmt from the arguments that follow, runs the
 * statement to its end and hands it back. Letters: 's' const char *
 * (borrowed; NULL binds NULL), 'i' int64_t, 'o' int64_t id where 0 binds
 * NULL, 'n' NULL (takes no argument); "" for no parameters. Pass int64_t
 * exactly (INT64_C(1), not 1): the arguments are read as fmt says.
 * *changes (may be NULL) is set to the rows changed on success, to 0
 * otherwise. Errors are those of yw_db_prepare, the binds (YW_EINVAL also
 * for an unknown letter) and yw_stmt_step (YW_ECONFLICT, YW_EDB).
 */
enum yw_err	 yw_db_run(struct yw_db *db, int64_t *changes, const char *sql,
		     const char *fmt, ...);

/*
 * As yw_db_run up to the first row: on YW_OK *st is at that row; read its
 * columns, then hand it back with yw_stmt_done. YW_ENOTFOUND when there is
 * no row; on any error *st is NULL (nothing to hand back). For SELECTs:
 * the rest of the rows are never read.
 */
enum yw_err	 yw_db_first(struct yw_db *db, struct yw_stmt **st,
		     const char *sql, const char *fmt, ...);

/*
 * As yw_db_run, and *out receives the first column of the first row as an
 * integer (NULL reads as 0); the rest of the rows are stepped over, so an
 * INSERT ... RETURNING completes. YW_ENOTFOUND when there is no row. *out
 * is 0 unless YW_OK.
 */
enum yw_err	 yw_db_one_int64(struct yw_db *db, int64_t *out,
		     const char *sql, const char *fmt, ...);

#endif
