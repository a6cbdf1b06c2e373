/*
 * sqlite.c - the SQLite backend of db.h: one sqlite3 handle in WAL mode,
 * synchronous=FULL, foreign keys on, 5 s busy timeout with short waits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "store/backend.h"
#include "store/fts.h"

#define BUSY_TIMEOUT_MS	5000

struct sq_db {
	struct yw_db	 base;
	sqlite3		*h;
	int		 reading;	/* a read scope's BEGIN is open */
	uint64_t	 commits;	/* write transactions committed */
	sqlite3_stmt	*tx[4];		/* enum sq_tx, compiled once */
};

/* The transaction statements every request runs, compiled once per
 * connection instead of by sqlite3_exec on every call. */
enum sq_tx {
	SQ_BEGIN,
	SQ_BEGIN_IMMEDIATE,
	SQ_COMMIT,
	SQ_ROLLBACK
};

static const char *const sq_tx_sql[] = {
	"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"
};

struct sq_stmt {
	struct yw_stmt	 base;
	sqlite3_stmt	*s;
	int64_t		 changes;
};

/*
 * Waits for another connection's write lock. SQLite's own busy timeout
 * sleeps 1, 2, 5, 10, ... 100 ms between tries; writers here hold the lock
 * for well under a millisecond, so a worker slept for ten times longer
 * than it needed to while its whole event loop stood still. Measured with
 * two kore workers submitting applications: they managed less than a
 * third of what one worker alone did. Tries every 50 µs for the first
 * millisecond, then every 250 µs, then every millisecond, giving up (so
 * the statement fails with SQLITE_BUSY) after about BUSY_TIMEOUT_MS.
 */
static int
sq_busy(void *arg, int n)
{
	struct timespec	ts;
	long		us;

	(void)arg;
	if (n < 20)
		us = 50;
	else if (n < 100)
		us = 250;
	else if (n < 100 + BUSY_TIMEOUT_MS)
		us = 1000;
	else
		return 0;
	ts.tv_sec = 0;
	ts.tv_nsec = us * 1000;
	(void)nanosleep(&ts, NULL);
	return 1;
}

static struct sq_db *
sq_db(struct yw_db *db)
{
	return (struct sq_db *)db;
}

static struct sq_stmt *
sq_stmt(struct yw_stmt *st)
{
	return (struct sq_stmt *)st;
}

static sqlite3 *
sq_handle(struct yw_stmt *st)
{
	return sq_db(st->db)->h;
}

/* Turns the handle's last error into an enum yw_err and the error text. */
static enum yw_err
sq_fail(struct yw_db *db)
{
	sqlite3	*h = sq_db(db)->h;
	int	 ext = sqlite3_extended_errcode(h);

	yw_db_seterr(db, "%s", sqlite3_errmsg(h));
	switch (ext) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return YW_ECONFLICT;
	case SQLITE_NOMEM:
		return YW_ENOMEM;
	case SQLITE_RANGE:
		return YW_EINVAL;
	default:
		return YW_EDB;
	}
}

/* Runs a PRAGMA at open; want, when set, is the answer it must give. */
static enum yw_err
sq_pragma(struct sq_db *db, const char *sql, const char *want)
{
	sqlite3_stmt	*s = NULL;
	const char	*got = NULL;
	enum yw_err	 rc = YW_EDB;
	int		 r;

	r = sqlite3_prepare_v2(db->h, sql, -1, &s, NULL);
	if (r == SQLITE_OK)
		r = sqlite3_step(s);
	if (r != SQLITE_ROW && r != SQLITE_DONE) {
		fprintf(stderr, "sqlite: %s: %s\n", sql, sqlite3_errmsg(db->h));
		goto out;
	}
	if (r == SQLITE_ROW)
		got = (const char *)sqlite3_column_text(s, 0);
	if (want != NULL && (got == NULL || strcmp(got, want) != 0)) {
		fprintf(stderr, "sqlite: %s gave %s, not %s\n", sql,
		    got != NULL ? got : "nothing", want);
		goto out;
	}
	rc = YW_OK;
out:
	sqlite3_finalize(s);
	return rc;
}

/* Counts the write transactions (the hook runs for those only). */
static int
sq_commit_hook(void *arg)
{
	((struct sq_db *)arg)->commits++;
	return 0;
}

/*
 * Deferred sync (db.h): synchronous=NORMAL, under which a WAL commit
 * writes its frames and returns; the WAL is still synced before every
 * checkpoint and when it is reused, so the database stays consistent,
 * and sq_sync makes the commits so far durable.
 */
static enum yw_err
sq_defer_sync(struct yw_db *db)
{
	return sq_pragma(sq_db(db), "PRAGMA synchronous=NORMAL", NULL);
}

static uint64_t
sq_commits(struct yw_db *db)
{
	return sq_db(db)->commits;
}

/*
 * fdatasync of the WAL through SQLite's own handle of it. The WAL is one
 * file shared by every connection, so this also makes durable what the
 * other workers committed before it. No WAL open yet: nothing to sync.
 */
static enum yw_err
sq_sync(struct yw_db *db)
{
	sqlite3_file	*f = NULL;
	int		 r;

	r = sqlite3_file_control(sq_db(db)->h, "main",
	    SQLITE_FCNTL_JOURNAL_POINTER, &f);
	if (r != SQLITE_OK || f == NULL || f->pMethods == NULL)
		return YW_OK;
	r = f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
	if (r != SQLITE_OK) {
		yw_db_seterr(db, "sync of the write-ahead log: %s",
		    sqlite3_errstr(r));
		return YW_EDB;
	}
	return YW_OK;
}

static enum yw_err
sq_open(const char *path, struct yw_db **out)
{
	struct sq_db	*db;
	int		 memory, flags;
	enum yw_err	 rc = YW_EDB;

	db = calloc(1, sizeof(*db));
	if (db == NULL)
		return YW_ENOMEM;
	yw_buf_init(&db->base.err);
	/* A multi-row write inside a transaction keeps a statement journal;
	 * past 64 KiB (the default) SQLite moves it to a temporary file for
	 * the rest of the transaction, which a 64-row insert of exchange
	 * records (about 30 pages) would do on every push. -1 keeps it in
	 * memory always (it holds the pages one statement changes, not the
	 * transaction's). A 1 MiB threshold was tried and made a 100,000-case
	 * transaction (bench/queue_seed.c) fail with "database or disk is
	 * full" once the journal spilled, with SQLite 3.40. Takes effect only
	 * before SQLite is first initialised, i.e. at the process's first
	 * open; later calls are refused. */
	(void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, -1);
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite: open %s: %s\n", path,
		    db->h != NULL ? sqlite3_errmsg(db->h) : "out of memory");
		goto out;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, sq_busy, NULL);
	(void)sqlite3_commit_hook(db->h, sq_commit_hook, db);

	/* A file that cannot do WAL (network file system, read-only folder)
	 * is refused: the durability and concurrency promises depend on it. */
	memory = strcmp(path, ":memory:") == 0 || path[0] == '\0';
	rc = sq_pragma(db, "PRAGMA journal_mode=WAL", memory ? NULL : "wal");
	if (rc == YW_OK)
		rc = sq_pragma(db, "PRAGMA synchronous=FULL", NULL);
	if (rc == YW_OK)
		rc = sq_pragma(db, "PRAGMA foreign_keys=ON", NULL);
	if (rc == YW_OK)
		rc = sq_pragma(db, "PRAGMA foreign_keys", "1");
	if (rc == YW_OK)	/* search tables use tokenize='yw' */
		rc = yw_fts_sqlite_register(db->h);
	if (rc != YW_OK)
		goto out;
	*out = &db->base;
	db = NULL;
out:
	if (db != NULL) {
		sqlite3_close_v2(db->h);
		free(db);
	}
	return rc;
}

static void
sq_close(struct yw_db *db)
{
	size_t i;

	for (i = 0; i < sizeof(sq_db(db)->tx) / sizeof(sq_db(db)->tx[0]); i++)
		sqlite3_finalize(sq_db(db)->tx[i]);
	sqlite3_close_v2(sq_db(db)->h);
	free(db);
}

/* Runs transaction statement t; SQLITE_OK or the step's error code. */
static int
sq_tx(struct sq_db *d, enum sq_tx t)
{
	int r;

	if (d->tx[t] == NULL && sqlite3_prepare_v3(d->h, sq_tx_sql[t], -1,
	    SQLITE_PREPARE_PERSISTENT, &d->tx[t], NULL) != SQLITE_OK)
		return sqlite3_errcode(d->h);
	r = sqlite3_step(d->tx[t]);
	(void)sqlite3_reset(d->tx[t]);
	return r == SQLITE_DONE ? SQLITE_OK : r;
}

static enum yw_err
sq_tx_run(struct yw_db *db, enum sq_tx t)
{
	if (sq_tx(sq_db(db), t) != SQLITE_OK)
		return sq_fail(db);
	return YW_OK;
}

static void
sq_read_end(struct yw_db *db)
{
	struct sq_db *d = sq_db(db);

	if (!d->reading)
		return;
	d->reading = 0;
	if (sqlite3_get_autocommit(d->h))
		return;
	/* A read-only transaction commits unless a write is pending; then
	 * roll back rather than leave it open. */
	if (sq_tx(d, SQ_COMMIT) != SQLITE_OK)
		(void)sq_tx(d, SQ_ROLLBACK);
}

static enum yw_err
sq_read_begin(struct yw_db *db)
{
	struct sq_db *d = sq_db(db);

	if (d->reading || !sqlite3_get_autocommit(d->h))
		return YW_OK;
	if (sq_tx(d, SQ_BEGIN) != SQLITE_OK)
		return sq_fail(db);
	d->reading = 1;
	return YW_OK;
}

static enum yw_err
sq_exec(struct yw_db *db, const char *sql)
{
	sq_read_end(db);
	if (sqlite3_exec(sq_db(db)->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(db);
	return YW_OK;
}

static enum yw_err
sq_begin(struct yw_db *db)
{
	sq_read_end(db);
	if (!sqlite3_get_autocommit(sq_db(db)->h)) {
		yw_db_seterr(db, "begin inside a transaction");
		return YW_EINTERNAL;
	}
	/* IMMEDIATE takes the write lock now, so a read-then-write
	 * transaction never fails half-way with SQLITE_BUSY. */
	return sq_tx_run(db, SQ_BEGIN_IMMEDIATE);
}

static enum yw_err
sq_commit(struct yw_db *db)
{
	if (sqlite3_get_autocommit(sq_db(db)->h)) {
		yw_db_seterr(db, "commit outside a transaction");
		return YW_EINTERNAL;
	}
	return sq_tx_run(db, SQ_COMMIT);
}

static enum yw_err
sq_rollback(struct yw_db *db)
{
	/* SQLite may already have rolled back on its own (SQLITE_FULL,
	 * IOERR...); a ROLLBACK then would only report an error. */
	if (sqlite3_get_autocommit(sq_db(db)->h))
		return YW_OK;
	return sq_tx_run(db, SQ_ROLLBACK);
}

static enum yw_err
sq_prepare(struct yw_db *db, const char *sql, struct yw_stmt **out)
{
	struct sq_stmt	*st;
	sqlite3_stmt	*s = NULL, *more = NULL;
	sqlite3		*h = sq_db(db)->h;
	const char	*tail = NULL;
	enum yw_err	 rc;

	if (sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    &tail) != SQLITE_OK)
		return sq_fail(db);
	if (s == NULL) {
		yw_db_seterr(db, "no statement in SQL text");
		return YW_EINVAL;
	}
	/* What follows the statement may only be blanks and comments. */
	if (tail != NULL && *tail != '\0') {
		if (sqlite3_prepare_v2(h, tail, -1, &more, NULL) != SQLITE_OK) {
			rc = sq_fail(db);
			sqlite3_finalize(s);
			return rc;
		}
		if (more != NULL) {
			sqlite3_finalize(more);
			sqlite3_finalize(s);
			yw_db_seterr(db, "more than one statement in SQL text");
			return YW_EINVAL;
		}
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		sqlite3_finalize(s);
		return YW_ENOMEM;
	}
	st->s = s;
	*out = &st->base;
	return YW_OK;
}

static void
sq_finalize(struct yw_stmt *st)
{
	sqlite3_finalize(sq_stmt(st)->s);
	free(st);
}

static enum yw_err
sq_bind(struct yw_stmt *st, int idx, const struct yw_db_val *v)
{
	sqlite3_stmt	*s = sq_stmt(st)->s;
	int		 r;

	if (idx > sqlite3_bind_parameter_count(s)) {
		yw_db_seterr(st->db, "parameter index %d out of range", idx);
		return YW_EINVAL;
	}
	switch (v->type) {
	case YW_DB_VINT:
		r = sqlite3_bind_int64(s, idx, v->i);
		break;
	case YW_DB_VTEXT:
		r = sqlite3_bind_text64(s, idx, v->p, v->len, SQLITE_TRANSIENT,
		    SQLITE_UTF8);
		break;
	case YW_DB_VBLOB:
		r = sqlite3_bind_blob64(s, idx, v->p, v->len,
		    SQLITE_TRANSIENT);
		break;
	case YW_DB_VNULL:
	default:
		r = sqlite3_bind_null(s, idx);
		break;
	}
	if (r != SQLITE_OK)
		return sq_fail(st->db);
	return YW_OK;
}

static enum yw_err
sq_step(struct yw_stmt *st, int *row)
{
	struct sq_stmt	*ss = sq_stmt(st);
	int		 r;

	/* A write ends the read scope: it must not upgrade that snapshot
	 * (SQLITE_BUSY_SNAPSHOT, no busy handler) but wait for the lock. */
	if (sq_db(st->db)->reading && !sqlite3_stmt_busy(ss->s) &&
	    !sqlite3_stmt_readonly(ss->s))
		sq_read_end(st->db);
	r = sqlite3_step(ss->s);
	if (r == SQLITE_ROW) {
		*row = 1;
		return YW_OK;
	}
	*row = 0;
	if (r == SQLITE_DONE) {
		/* For RETURNING statements the count is only final here. */
		ss->changes = sqlite3_stmt_readonly(ss->s) ? 0 :
		    sqlite3_changes64(sq_handle(st));
		return YW_OK;
	}
	return sq_fail(st->db);
}

static int
sq_col_count(struct yw_stmt *st)
{
	return sqlite3_column_count(sq_stmt(st)->s);
}

static const char *
sq_col_name(struct yw_stmt *st, int i)
{
	return sqlite3_column_name(sq_stmt(st)->s, i);
}

static enum yw_db_vtype
sq_col_type(struct yw_stmt *st, int i)
{
	switch (sqlite3_column_type(sq_stmt(st)->s, i)) {
	case SQLITE_NULL:
		return YW_DB_VNULL;
	case SQLITE_INTEGER:
		return YW_DB_VINT;
	case SQLITE_BLOB:
		return YW_DB_VBLOB;
	default:
		return YW_DB_VTEXT;
	}
}

static const char *
sq_col_text(struct yw_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(sq_stmt(st)->s, i);
}

static size_t
sq_col_len(struct yw_stmt *st, int i)
{
	/* Numbers are measured as the text col_text would give. */
	return (size_t)sqlite3_column_bytes(sq_stmt(st)->s, i);
}

static int64_t
sq_col_int64(struct yw_stmt *st, int i)
{
	return sqlite3_column_int64(sq_stmt(st)->s, i);
}

static const void *
sq_col_blob(struct yw_stmt *st, int i, size_t *len)
{
	const void *p;

	p = sqlite3_column_blob(sq_stmt(st)->s, i);
	*len = (size_t)sqlite3_column_bytes(sq_stmt(st)->s, i);
	return p;
}

static int64_t
sq_changes(struct yw_stmt *st)
{
	return sq_stmt(st)->changes;
}

static void
sq_reset(struct yw_stmt *st)
{
	struct sq_stmt *ss = sq_stmt(st);

	/* reset repeats the last step's error; it was reported then. */
	(void)sqlite3_reset(ss->s);
	(void)sqlite3_clear_bindings(ss->s);
	ss->changes = 0;
}

const struct yw_db_ops yw_sqlite_ops = {
	.kind = YW_DB_SQLITE,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.defer_sync = sq_defer_sync,
	.commits = sq_commits,
	.sync = sq_sync,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind = sq_bind,
	.step = sq_step,
	.col_count = sq_col_count,
	.col_name = sq_col_name,
	.col_type = sq_col_type,
	.col_text = sq_col_text,
	.col_len = sq_col_len,
	.col_int64 = sq_col_int64,
	.col_blob = sq_col_blob,
	.changes = sq_changes,
	.reset = sq_reset,
};
