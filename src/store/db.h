/*
 * db.h - the storage interface: one connection to SQLite or PostgreSQL.
 * SQL text is written once, with '?' placeholders, in the common subset of
 * both dialects; the PostgreSQL backend renumbers the placeholders ($1..).
 * Every value reaches the database as a bound parameter, never by splicing.
 * A connection belongs to one process and one thread: open it after fork.
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
 * frees it with yw_db_close.
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

/*
 * Prepares sql (one statement, '?' placeholders). Prepared statements are
 * cached per connection by their SQL text, so the hot path prepares once.
 * The statement is borrowed from the connection: hand it back with
 * yw_stmt_done before preparing the same SQL again. The sql text must stay
 * valid for the life of the connection (use string literals).
 */
enum yw_err	 yw_db_prepare(struct yw_db *db, const char *sql,
		     struct yw_stmt **out);

/* Binds parameter idx (1-based). Values are copied. len -1 = strlen. */
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
 * and valid until the next step or done. NULL text reads as NULL. */
int		 yw_stmt_col_count(struct yw_stmt *st);
const char	*yw_stmt_col_name(struct yw_stmt *st, int i);
int		 yw_stmt_col_isnull(struct yw_stmt *st, int i);
const char	*yw_stmt_col_text(struct yw_stmt *st, int i);
size_t		 yw_stmt_col_len(struct yw_stmt *st, int i);
int64_t		 yw_stmt_col_int64(struct yw_stmt *st, int i);
/* Blob bytes; *len receives the size. */
const void	*yw_stmt_col_blob(struct yw_stmt *st, int i, size_t *len);
/*
 * The current row as a new JSON object (caller owns the reference):
 * integer columns as integers, NULL as null, everything else as strings.
 */
json_t		*yw_stmt_row_json(struct yw_stmt *st);

/* Number of rows changed by the last completed INSERT/UPDATE/DELETE. */
int64_t		 yw_stmt_changes(struct yw_stmt *st);

/* Resets bindings and results and returns st to the connection's cache. */
void		 yw_stmt_done(struct yw_stmt *st);

/*
 * Convenience: runs sql with the given JSON array of parameters (strings,
 * integers, null) and returns all rows as a new JSON array of objects.
 * Caller owns *rows. For small result sets (view models, admin lists).
 */
enum yw_err	 yw_db_query_json(struct yw_db *db, const char *sql,
		     json_t *params, json_t **rows);

#endif
