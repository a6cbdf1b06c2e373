/*
 * Tests for src/store/db.c, sqlite.c and pgsql.c: the same cases run on
 * SQLite in memory, on a SQLite file and, when YW_TEST_PG_URL is set, on
 * PostgreSQL (in schema ywt_db, dropped first, so reruns are clean).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <jansson.h>

#include "store/db.h"
#define TESTDB_BACKENDS
#include "testdb.h"

static struct yw_db *
db_of(void **state)
{
	return ((struct testdb_backend *)*state)->db;
}

static int
is_pg(struct yw_db *db)
{
	return yw_db_kind(db) == YW_DB_PGSQL;
}

static void
exec_ok(struct yw_db *db, const char *sql)
{
	enum yw_err rc;

	rc = yw_db_exec(db, sql);
	if (rc != YW_OK)
		fail_msg("exec %s: %s", sql, yw_db_errmsg(db));
}

/* Runs DDL after replacing @ID@ and @BLOB@ (as migrate.h does). */
static void
exec_ddl(struct yw_db *db, const char *tmpl)
{
	char		 sql[1024];
	const char	*p, *rep;
	size_t		 n = 0, k;

	for (p = tmpl; *p != '\0';) {
		rep = NULL;
		if (strncmp(p, "@ID@", 4) == 0) {
			rep = is_pg(db) ? "BIGSERIAL PRIMARY KEY" :
			    "INTEGER PRIMARY KEY";
			p += 4;
		} else if (strncmp(p, "@BLOB@", 6) == 0) {
			rep = is_pg(db) ? "BYTEA" : "BLOB";
			p += 6;
		}
		k = rep != NULL ? strlen(rep) : 1;
		assert_true(n + k < sizeof(sql));
		memcpy(sql + n, rep != NULL ? rep : p++, k);
		n += k;
	}
	sql[n] = '\0';
	exec_ok(db, sql);
}

static const char	 quoted[] = "It's \"quoted\" -- 中文 ? 'x'; 🙂";
static const unsigned char blob[] = { 0, 1, 0, 0xff, 0, '\\', 'x' };

static void
test_roundtrip_every_accessor(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st;
	const void	*p1;
	json_t		*j;
	int64_t		 id;
	size_t		 n;
	int		 row;

	exec_ddl(db, "DROP TABLE IF EXISTS t_all; CREATE TABLE t_all ("
	    "id @ID@, name TEXT, big BIGINT, small BIGINT, missing TEXT, "
	    "data @BLOB@, empty @BLOB@, numtext TEXT)");
	assert_int_equal(yw_db_prepare(db, "INSERT INTO t_all (name, big, "
	    "small, missing, data, empty, numtext) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 1, quoted, -1), YW_OK);
	assert_int_equal(yw_stmt_bind_int64(st, 2, INT64_MAX), YW_OK);
	assert_int_equal(yw_stmt_bind_int64(st, 3, INT64_MIN), YW_OK);
	assert_int_equal(yw_stmt_bind_null(st, 4), YW_OK);
	assert_int_equal(yw_stmt_bind_blob(st, 5, blob, sizeof(blob)), YW_OK);
	assert_int_equal(yw_stmt_bind_blob(st, 6, NULL, 0), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 7, "42xyz", 2), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 1);
	id = yw_stmt_col_int64(st, 0);
	assert_true(id > 0);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 0);
	assert_int_equal(yw_stmt_changes(st), 1);
	/* Stepping past the end does not insert again. */
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 0);
	yw_stmt_done(st);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_all"), 1);

	assert_int_equal(yw_db_prepare(db, "SELECT id, name, big, small, "
	    "missing, data, empty, numtext FROM t_all WHERE id = ?", &st),
	    YW_OK);
	assert_int_equal(yw_stmt_bind_int64(st, 1, id), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 1);
	assert_int_equal(yw_stmt_col_count(st), 8);
	assert_string_equal(yw_stmt_col_name(st, 1), "name");
	assert_string_equal(yw_stmt_col_name(st, 7), "numtext");
	assert_null(yw_stmt_col_name(st, 8));
	assert_string_equal(yw_stmt_col_text(st, 1), quoted);
	assert_int_equal(yw_stmt_col_len(st, 1), strlen(quoted));
	assert_false(yw_stmt_col_isnull(st, 1));
	assert_int_equal(yw_stmt_col_int64(st, 2), INT64_MAX);
	assert_int_equal(yw_stmt_col_int64(st, 3), INT64_MIN);
	assert_string_equal(yw_stmt_col_text(st, 2), "9223372036854775807");
	assert_true(yw_stmt_col_isnull(st, 4));
	assert_null(yw_stmt_col_text(st, 4));
	assert_int_equal(yw_stmt_col_int64(st, 4), 0);
	p1 = yw_stmt_col_blob(st, 5, &n);
	assert_int_equal(n, sizeof(blob));
	assert_memory_equal(p1, blob, sizeof(blob));
	assert_false(yw_stmt_col_isnull(st, 6));
	n = 99;
	(void)yw_stmt_col_blob(st, 6, &n);
	assert_int_equal(n, 0);
	/* The first blob stays valid while the row is current. */
	assert_memory_equal(p1, blob, sizeof(blob));
	assert_int_equal(yw_stmt_col_int64(st, 7), 42);
	/* Out of range columns are harmless. */
	assert_null(yw_stmt_col_text(st, 99));
	assert_true(yw_stmt_col_isnull(st, -1));

	j = yw_stmt_row_json(st);
	assert_non_null(j);
	assert_true(json_is_integer(json_object_get(j, "id")));
	assert_int_equal(json_integer_value(json_object_get(j, "id")), id);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
	    quoted);
	assert_int_equal(json_integer_value(json_object_get(j, "big")),
	    INT64_MAX);
	assert_int_equal(json_integer_value(json_object_get(j, "small")),
	    INT64_MIN);
	assert_true(json_is_null(json_object_get(j, "missing")));
	assert_string_equal(json_string_value(json_object_get(j, "data")),
	    "000100ff005c78");
	assert_string_equal(json_string_value(json_object_get(j, "empty")),
	    "");
	assert_string_equal(json_string_value(json_object_get(j, "numtext")),
	    "42");
	json_decref(j);

	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 0);
	assert_null(yw_stmt_col_text(st, 1));
	assert_null(yw_stmt_row_json(st));
	assert_int_equal(yw_stmt_changes(st), 0);
	yw_stmt_done(st);
}

static void
test_statement_cache(void **state)
{
	static const char	*sql = "SELECT CAST(? AS TEXT) AS v";
	struct yw_db		*db = db_of(state);
	struct yw_stmt		*a, *b, *c;
	char			 copy[64];
	int			 row, i;

	assert_int_equal(yw_db_prepare(db, sql, &a), YW_OK);
	assert_int_equal(yw_stmt_bind_text(a, 1, "x", -1), YW_OK);
	assert_int_equal(yw_stmt_step(a, &row), YW_OK);
	assert_int_equal(row, 1);
	assert_string_equal(yw_stmt_col_text(a, 0), "x");
	/* Binding into a running statement is refused. */
	assert_int_equal(yw_stmt_bind_text(a, 1, "y", -1), YW_EINTERNAL);
	yw_stmt_done(a);

	/* Same text, other pointer: the cache compares contents. */
	(void)snprintf(copy, sizeof(copy), "%s", sql);
	assert_int_equal(yw_db_prepare(db, copy, &b), YW_OK);
	assert_ptr_equal(a, b);
	/* done cleared the binding: the parameter reads as NULL. */
	assert_int_equal(yw_stmt_step(b, &row), YW_OK);
	assert_int_equal(row, 1);
	assert_true(yw_stmt_col_isnull(b, 0));

	/* While b is in use, the same SQL gives a second statement. */
	assert_int_equal(yw_db_prepare(db, sql, &c), YW_OK);
	assert_ptr_not_equal(b, c);
	assert_int_equal(yw_stmt_bind_text(c, 1, "z", -1), YW_OK);
	assert_int_equal(yw_stmt_step(c, &row), YW_OK);
	assert_string_equal(yw_stmt_col_text(c, 0), "z");
	yw_stmt_done(c);
	yw_stmt_done(b);
	yw_stmt_done(NULL);

	/* One buffer holding two texts in turn (the cache remembers the
	 * address of the last text): each text gets its own statement. */
	for (i = 0; i < 4; i++) {
		(void)snprintf(copy, sizeof(copy), "SELECT %d AS n", i % 2);
		assert_int_equal(yw_db_prepare(db, copy, &a), YW_OK);
		assert_int_equal(yw_stmt_step(a, &row), YW_OK);
		assert_int_equal(yw_stmt_col_int64(a, 0), i % 2);
		yw_stmt_done(a);
	}
}

static void
test_cache_eviction(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st;
	char		 sql[64];
	int		 i, row;

	/* More distinct texts than the cache holds; each still works. */
	for (i = 0; i < 400; i++) {
		(void)snprintf(sql, sizeof(sql), "SELECT %d AS n", i);
		assert_int_equal(yw_db_prepare(db, sql, &st), YW_OK);
		assert_int_equal(yw_stmt_step(st, &row), YW_OK);
		assert_int_equal(yw_stmt_col_int64(st, 0), i);
		yw_stmt_done(st);
	}
	assert_int_equal(yw_db_prepare(db, "SELECT 0 AS n", &st), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(yw_stmt_col_int64(st, 0), 0);
	yw_stmt_done(st);
	if (is_pg(db))
		assert_true(scalar(db, "SELECT COUNT(*) FROM "
		    "pg_prepared_statements") <= 260);
}

static void
test_conflicts(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st;
	int		 row;

	exec_ok(db, "DROP TABLE IF EXISTS t_child; DROP TABLE IF EXISTS t_u;"
	    "CREATE TABLE t_u (k TEXT PRIMARY KEY, v TEXT UNIQUE, "
	    "n TEXT NOT NULL DEFAULT '');"
	    "CREATE TABLE t_child (k TEXT NOT NULL REFERENCES t_u(k))");
	exec_ok(db, "INSERT INTO t_u (k, v) VALUES ('a', '1')");

	assert_int_equal(yw_db_prepare(db, "INSERT INTO t_u (k, v) "
	    "VALUES (?, ?)", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 1, "a", -1), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 2, "2", -1), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_ECONFLICT);
	assert_int_equal(row, 0);
	assert_true(strlen(yw_db_errmsg(db)) > 0);
	yw_stmt_done(st);

	/* Same statement again, after done: the unique column this time. */
	assert_int_equal(yw_db_prepare(db, "INSERT INTO t_u (k, v) "
	    "VALUES (?, ?)", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 1, "b", -1), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 2, "1", -1), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_ECONFLICT);
	yw_stmt_done(st);

	assert_int_equal(yw_db_prepare(db, "INSERT INTO t_child (k) "
	    "VALUES (?)", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 1, "nope", -1), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_ECONFLICT);
	yw_stmt_done(st);

	assert_int_equal(yw_db_exec(db, "INSERT INTO t_u (k, v) "
	    "VALUES ('a', '9')"), YW_ECONFLICT);
	/* Other constraints are plain database errors. */
	assert_int_equal(yw_db_exec(db, "INSERT INTO t_u (k, v, n) "
	    "VALUES ('c', '3', NULL)"), YW_EDB);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_u"), 1);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_child"), 0);
}

static void
test_transactions(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st;
	int		 row;

	exec_ok(db, "DROP TABLE IF EXISTS t_tx;"
	    "CREATE TABLE t_tx (v BIGINT PRIMARY KEY)");

	assert_int_equal(yw_db_begin(db), YW_OK);
	exec_ok(db, "INSERT INTO t_tx VALUES (1)");
	assert_int_equal(yw_db_prepare(db, "INSERT INTO t_tx VALUES (?)", &st),
	    YW_OK);
	assert_int_equal(yw_stmt_bind_int64(st, 1, 2), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	yw_stmt_done(st);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_tx"), 2);
	assert_int_equal(yw_db_rollback(db), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_tx"), 0);

	assert_int_equal(yw_db_begin(db), YW_OK);
	exec_ok(db, "INSERT INTO t_tx VALUES (3)");
	assert_int_equal(yw_db_commit(db), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_tx"), 1);

	/* A failed statement, then rollback: nothing of it stays and the
	 * connection goes on working. */
	assert_int_equal(yw_db_begin(db), YW_OK);
	exec_ok(db, "INSERT INTO t_tx VALUES (4)");
	assert_int_equal(yw_db_exec(db, "INSERT INTO t_tx VALUES (3)"),
	    YW_ECONFLICT);
	assert_int_equal(yw_db_rollback(db), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_tx"), 1);
	/* Rolling back twice is harmless; nesting and a stray commit are
	 * caller bugs on both backends. */
	assert_int_equal(yw_db_rollback(db), YW_OK);
	assert_int_equal(yw_db_commit(db), YW_EINTERNAL);
	assert_int_equal(yw_db_begin(db), YW_OK);
	assert_int_equal(yw_db_begin(db), YW_EINTERNAL);
	assert_int_equal(yw_db_rollback(db), YW_OK);

	/* yw_db_end: an error rolls back and is passed up, OK commits. */
	assert_int_equal(yw_db_begin(db), YW_OK);
	exec_ok(db, "INSERT INTO t_tx VALUES (6)");
	assert_int_equal(yw_db_end(db, YW_EINVAL), YW_EINVAL);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_tx"), 1);
	assert_int_equal(yw_db_begin(db), YW_OK);
	exec_ok(db, "INSERT INTO t_tx VALUES (7)");
	assert_int_equal(yw_db_end(db, YW_OK), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_tx"), 2);
	exec_ok(db, "DELETE FROM t_tx WHERE v = 7");

	if (is_pg(db)) {
		/* PostgreSQL turns COMMIT after an error into ROLLBACK; the
		 * caller must hear about it. */
		assert_int_equal(yw_db_begin(db), YW_OK);
		exec_ok(db, "INSERT INTO t_tx VALUES (5)");
		assert_int_equal(yw_db_exec(db, "INSERT INTO t_tx VALUES (3)"),
		    YW_ECONFLICT);
		assert_int_equal(yw_db_commit(db), YW_EDB);
		assert_int_equal(yw_db_rollback(db), YW_OK);
		assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_tx"), 1);
	}
}

static void
test_placeholders_in_literals(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st;
	int		 row;

	assert_int_equal(yw_db_prepare(db, "SELECT 'why?' AS q, 'it''s ?' AS r,"
	    " /* ? */ CAST(? AS BIGINT) AS \"n?\" -- is this ?\n", &st), YW_OK);
	/* Only one real placeholder. */
	assert_int_equal(yw_stmt_bind_int64(st, 2, 1), YW_EINVAL);
	assert_int_equal(yw_stmt_bind_int64(st, 0, 1), YW_EINVAL);
	assert_int_equal(yw_stmt_bind_int64(st, 1, 7), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 1);
	assert_string_equal(yw_stmt_col_text(st, 0), "why?");
	assert_string_equal(yw_stmt_col_text(st, 1), "it's ?");
	assert_string_equal(yw_stmt_col_name(st, 2), "n?");
	assert_int_equal(yw_stmt_col_int64(st, 2), 7);
	yw_stmt_done(st);

	if (!is_pg(db))
		return;
	/* PostgreSQL-only quoting: E'' escapes and dollar quotes. */
	assert_int_equal(yw_db_prepare(db, "SELECT E'a\\'?' AS e, $$?$$ AS d, "
	    "$x$ '? $x$ AS x, CAST(? AS TEXT) AS t", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 2, "no", -1), YW_EINVAL);
	assert_int_equal(yw_stmt_bind_text(st, 1, "yes", -1), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 1);
	assert_string_equal(yw_stmt_col_text(st, 0), "a'?");
	assert_string_equal(yw_stmt_col_text(st, 1), "?");
	assert_string_equal(yw_stmt_col_text(st, 2), " '? ");
	assert_string_equal(yw_stmt_col_text(st, 3), "yes");
	yw_stmt_done(st);
}

static void
test_returning_and_changes(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st;
	int64_t		 first = 0, id;
	int		 i, row;

	exec_ddl(db, "DROP TABLE IF EXISTS t_r; CREATE TABLE t_r (id @ID@, "
	    "name TEXT NOT NULL)");
	for (i = 0; i < 3; i++) {
		assert_int_equal(yw_db_prepare(db, "INSERT INTO t_r (name) "
		    "VALUES (?) RETURNING id, name", &st), YW_OK);
		assert_int_equal(yw_stmt_bind_text(st, 1, "n", -1), YW_OK);
		assert_int_equal(yw_stmt_step(st, &row), YW_OK);
		assert_int_equal(row, 1);
		id = yw_stmt_col_int64(st, 0);
		assert_string_equal(yw_stmt_col_text(st, 1), "n");
		if (i == 0)
			first = id;
		else
			assert_int_equal(id, first + i);
		assert_int_equal(yw_stmt_step(st, &row), YW_OK);
		assert_int_equal(row, 0);
		assert_int_equal(yw_stmt_changes(st), 1);
		yw_stmt_done(st);
	}

	assert_int_equal(yw_db_prepare(db, "UPDATE t_r SET name = ? "
	    "WHERE id > ?", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 1, "m", -1), YW_OK);
	assert_int_equal(yw_stmt_bind_int64(st, 2, first), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 0);
	assert_int_equal(yw_stmt_changes(st), 2);
	yw_stmt_done(st);

	assert_int_equal(yw_db_prepare(db, "DELETE FROM t_r WHERE name = ?",
	    &st), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 1, "nobody", -1), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(yw_stmt_changes(st), 0);
	yw_stmt_done(st);
}

static void
test_query_json(void **state)
{
	struct yw_db	*db = db_of(state);
	json_t		*params, *rows = NULL, *r;

	exec_ddl(db, "DROP TABLE IF EXISTS t_q; CREATE TABLE t_q (id @ID@, "
	    "name TEXT, n BIGINT);"
	    "INSERT INTO t_q (name, n) VALUES ('甲', 5);"
	    "INSERT INTO t_q (name, n) VALUES ('乙', NULL);"
	    "INSERT INTO t_q (name, n) VALUES ('丙', 1)");

	params = json_pack("[is]", 5, "乙");
	assert_int_equal(yw_db_query_json(db, "SELECT name, n, n > 2 AS big "
	    "FROM t_q WHERE n >= ? OR name = ? ORDER BY id", params, &rows),
	    YW_OK);
	json_decref(params);
	assert_int_equal(json_array_size(rows), 2);
	r = json_array_get(rows, 0);
	assert_string_equal(json_string_value(json_object_get(r, "name")),
	    "甲");
	assert_int_equal(json_integer_value(json_object_get(r, "n")), 5);
	/* A comparison reads as 0/1 on both backends. */
	assert_true(json_is_integer(json_object_get(r, "big")));
	assert_int_equal(json_integer_value(json_object_get(r, "big")), 1);
	r = json_array_get(rows, 1);
	assert_true(json_is_null(json_object_get(r, "n")));
	assert_true(json_is_null(json_object_get(r, "big")));
	json_decref(rows);

	/* No parameters; an aggregate alias; a typed NULL parameter. */
	params = json_pack("[n]");
	assert_int_equal(yw_db_query_json(db, "SELECT COUNT(*) AS c FROM t_q "
	    "WHERE CAST(? AS TEXT) IS NULL", params, &rows), YW_OK);
	json_decref(params);
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(rows, 0), "c")), 3);
	json_decref(rows);
	assert_int_equal(yw_db_query_json(db, "SELECT name FROM t_q WHERE "
	    "n = 99", NULL, &rows), YW_OK);
	assert_int_equal(json_array_size(rows), 0);
	json_decref(rows);

	/* Booleans bind as 1/0. */
	params = json_pack("[b]", 1);
	assert_int_equal(yw_db_query_json(db, "SELECT name FROM t_q WHERE "
	    "n = ?", params, &rows), YW_OK);
	json_decref(params);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "name")), "丙");
	json_decref(rows);

	params = json_pack("[f]", 1.5);
	assert_int_equal(yw_db_query_json(db, "SELECT name FROM t_q WHERE "
	    "n = ?", params, &rows), YW_EINVAL);
	assert_null(rows);
	json_decref(params);
	params = json_pack("{}");
	assert_int_equal(yw_db_query_json(db, "SELECT 1 AS x", params, &rows),
	    YW_EINVAL);
	json_decref(params);
	assert_int_equal(yw_db_query_json(db, "SELECT nope FROM t_q", NULL,
	    &rows), YW_EDB);
	assert_null(rows);
	assert_true(strlen(yw_db_errmsg(db)) > 0);
}

static void
test_run_first_one_int64(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st;
	int64_t		 n = -1, id = 0, v = -1;

	exec_ddl(db, "DROP TABLE IF EXISTS t_run; CREATE TABLE t_run ("
	    "id @ID@, name TEXT UNIQUE, big BIGINT, ref BIGINT, note TEXT)");
	/* Each letter binds its type; NULL text, 'n' and a 0 'o' bind NULL. */
	assert_int_equal(yw_db_run(db, &n, "INSERT INTO t_run (name, big, "
	    "ref, note) VALUES (?, ?, ?, ?)", "sion", quoted, INT64_MIN,
	    INT64_C(0)), YW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(yw_db_run(db, NULL, "INSERT INTO t_run (name, big, "
	    "ref, note) VALUES (?, ?, ?, ?)", "sios", NULL, INT64_MAX,
	    INT64_C(7), "b"), YW_OK);
	assert_int_equal(yw_db_one_int64(db, &v, "SELECT big FROM t_run "
	    "WHERE name = ? AND ref IS NULL AND note IS NULL", "s", quoted),
	    YW_OK);
	assert_int_equal(v, INT64_MIN);
	assert_int_equal(yw_db_one_int64(db, &v, "SELECT ref FROM t_run "
	    "WHERE name IS NULL AND big = ? AND note = ?", "is", INT64_MAX,
	    "b"), YW_OK);
	assert_int_equal(v, 7);

	/* RETURNING: the first row's value, and the insert is complete. */
	assert_int_equal(yw_db_one_int64(db, &id, "INSERT INTO t_run (name) "
	    "VALUES (?) RETURNING id", "s", "c"), YW_OK);
	assert_true(id > 0);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_run"), 3);
	/* A NULL value reads as 0; no row is YW_ENOTFOUND with 0. */
	assert_int_equal(yw_db_one_int64(db, &v, "SELECT big FROM t_run "
	    "WHERE id = ?", "i", id), YW_OK);
	assert_int_equal(v, 0);
	v = -1;
	assert_int_equal(yw_db_one_int64(db, &v, "SELECT id FROM t_run "
	    "WHERE name = ?", "s", "nobody"), YW_ENOTFOUND);
	assert_int_equal(v, 0);
	/* first: the statement stays at the first row for its caller. */
	assert_int_equal(yw_db_first(db, &st, "SELECT name, ref FROM t_run "
	    "WHERE big = ? OR name = ? ORDER BY id", "is", INT64_MAX, "c"),
	    YW_OK);
	assert_non_null(st);
	assert_null(yw_stmt_col_text(st, 0));
	assert_int_equal(yw_stmt_col_int64(st, 1), 7);
	yw_stmt_done(st);
	st = (void *)1;
	assert_int_equal(yw_db_first(db, &st, "SELECT name FROM t_run "
	    "WHERE id = ?", "i", INT64_C(-1)), YW_ENOTFOUND);
	assert_null(st);
	st = (void *)1;
	assert_int_equal(yw_db_first(db, &st, "SELECT name FROM t_run "
	    "WHERE id = ?", "x"), YW_EINVAL);
	assert_null(st);
	/* Several rows: the first, and the statement is run to its end. */
	assert_int_equal(yw_db_one_int64(db, &v, "SELECT COUNT(*) AS c FROM "
	    "t_run GROUP BY name IS NULL ORDER BY c DESC", ""), YW_OK);
	assert_int_equal(v, 2);

	/* Changes counts what an UPDATE or DELETE touched, 0 for none. */
	assert_int_equal(yw_db_run(db, &n, "UPDATE t_run SET note = ? "
	    "WHERE id <> ?", "si", "u", id), YW_OK);
	assert_int_equal(n, 2);
	assert_int_equal(yw_db_run(db, &n, "DELETE FROM t_run WHERE name = ?",
	    "s", "nobody"), YW_OK);
	assert_int_equal(n, 0);

	/* Errors come back as the layer below gives them; *changes is 0. */
	n = -1;
	assert_int_equal(yw_db_run(db, &n, "INSERT INTO t_run (name) "
	    "VALUES (?)", "s", "c"), YW_ECONFLICT);
	assert_int_equal(n, 0);
	assert_int_equal(yw_db_run(db, &n, "INSERT INTO t_run (name) "
	    "VALUES (?)", "x", "d"), YW_EINVAL);
	assert_true(strlen(yw_db_errmsg(db)) > 0);
	assert_int_equal(yw_db_run(db, &n, "INSERT INTO t_run (name) "
	    "VALUES (?)", "ss", "d", "e"), YW_EINVAL);
	assert_int_equal(yw_db_run(db, NULL, "INSERT INTO t_nope (name) "
	    "VALUES (?)", "s", "d"), YW_EDB);
	v = -1;
	assert_int_equal(yw_db_one_int64(db, &v, "SELECT nope FROM t_run",
	    ""), YW_EDB);
	assert_int_equal(v, 0);
	/* Every statement went back to the cache: the same SQL runs again. */
	assert_int_equal(yw_db_run(db, &n, "INSERT INTO t_run (name) "
	    "VALUES (?)", "s", "d"), YW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_run"), 4);
}

static void
test_exec_and_errors(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st = NULL;

	exec_ok(db, "DROP TABLE IF EXISTS t_e; CREATE TABLE t_e (v TEXT);"
	    "INSERT INTO t_e VALUES ('a'); INSERT INTO t_e VALUES ('b;c');");
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_e"), 2);
	assert_int_equal(yw_db_exec(db, "SELEKT 1"), YW_EDB);
	assert_true(strlen(yw_db_errmsg(db)) > 0);
	assert_int_equal(yw_db_prepare(db, "SELECT * FROM no_such_table", &st),
	    YW_EDB);
	assert_null(st);
	assert_int_equal(yw_db_prepare(db, "SELECT 1; SELECT 2", &st),
	    is_pg(db) ? YW_EDB : YW_EINVAL);
	assert_null(st);
	/* A trailing comment is not a second statement. */
	assert_int_equal(yw_db_prepare(db, "SELECT 1 AS one; -- done", &st),
	    YW_OK);
	yw_stmt_done(st);

	/* PostgreSQL text cannot hold NUL: refused on both. */
	assert_int_equal(yw_db_prepare(db, "INSERT INTO t_e VALUES (?)", &st),
	    YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 1, "a\0b", 3), YW_EINVAL);
	yw_stmt_done(st);
}

/* Another node adds a column while this one has SELECT * cached. */
static void
test_table_changes_shape(void **state)
{
	struct yw_db	*db = db_of(state);
	struct yw_stmt	*st;
	int		 row;

	exec_ok(db, "DROP TABLE IF EXISTS t_shape;"
	    "CREATE TABLE t_shape (a BIGINT); INSERT INTO t_shape VALUES (1)");
	assert_int_equal(yw_db_prepare(db, "SELECT * FROM t_shape", &st),
	    YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(yw_stmt_col_count(st), 1);
	yw_stmt_done(st);
	exec_ok(db, "ALTER TABLE t_shape ADD COLUMN b TEXT DEFAULT 'x'");
	assert_int_equal(yw_db_prepare(db, "SELECT * FROM t_shape", &st),
	    YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 1);
	assert_int_equal(yw_stmt_col_count(st), 2);
	assert_string_equal(yw_stmt_col_text(st, 1), "x");
	yw_stmt_done(st);
}

/* A writer finding another connection's write lock waits for it (about
 * 5 s, in short steps: sqlite.c sq_busy) rather than failing at once. */
static void
busy_wait(const char *url)
{
	struct yw_db	*a, *b;
	struct timespec	 t0, t1;
	double		 secs;

	assert_int_equal(yw_db_open(url, &a), YW_OK);
	assert_int_equal(yw_db_open(url, &b), YW_OK);
	assert_int_equal(yw_db_begin(b), YW_OK);
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_not_equal(yw_db_begin(a), YW_OK);
	(void)clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs > 4.5 && secs < 9.0);
	/* Once the lock is free, the same call goes through. */
	assert_int_equal(yw_db_rollback(b), YW_OK);
	assert_int_equal(yw_db_begin(a), YW_OK);
	assert_int_equal(yw_db_rollback(a), YW_OK);
	yw_db_close(a);
	yw_db_close(b);
}

static void
test_sqlite_settings(void **state)
{
	struct testdb_backend	*fx = *state;
	struct yw_db		*db = db_of(state);
	struct yw_stmt		*st;
	int			 row;

	if (is_pg(db)) {
		assert_int_equal(yw_db_kind(db), YW_DB_PGSQL);
		return;
	}
	assert_int_equal(yw_db_kind(db), YW_DB_SQLITE);
	assert_int_equal(yw_db_prepare(db, "PRAGMA journal_mode", &st), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_string_equal(yw_stmt_col_text(st, 0),
	    fx->file ? "wal" : "memory");
	yw_stmt_done(st);
	assert_int_equal(scalar(db, "PRAGMA synchronous"), 2);
	assert_int_equal(scalar(db, "PRAGMA foreign_keys"), 1);
	if (fx->file)
		busy_wait(fx->url);
}

/*
 * A read scope sees one snapshot; a write inside it, after another
 * connection has committed, goes through instead of failing on the old
 * snapshot (SQLITE_BUSY_SNAPSHOT), and so does a transaction begun in it.
 * On PostgreSQL the scope is a no-op and each statement sees the latest.
 */
static void
test_read_scope(void **state)
{
	struct testdb_backend	*fx = *state;
	struct yw_db		*db = fx->db, *other;

	exec_ok(db, "DROP TABLE IF EXISTS t_rs");
	exec_ok(db, "CREATE TABLE t_rs (v BIGINT)");
	exec_ok(db, "INSERT INTO t_rs VALUES (1)");
	if (!is_pg(db) && !fx->file) {
		assert_int_equal(yw_db_read_begin(db), YW_OK);
		assert_int_equal(yw_db_begin(db), YW_OK);
		assert_int_equal(yw_db_commit(db), YW_OK);
		yw_db_read_end(db);
		return;
	}
	assert_int_equal(yw_db_open(fx->url, &other), YW_OK);
	assert_int_equal(yw_db_read_begin(db), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_rs"), 1);
	exec_ok(other, "INSERT INTO t_rs VALUES (2)");
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_rs"),
	    is_pg(db) ? 2 : 1);
	exec_ok(db, "INSERT INTO t_rs VALUES (3)");
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_rs"), 3);
	yw_db_read_end(db);

	assert_int_equal(yw_db_read_begin(db), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_rs"), 3);
	exec_ok(other, "INSERT INTO t_rs VALUES (4)");
	assert_int_equal(yw_db_begin(db), YW_OK);
	exec_ok(db, "INSERT INTO t_rs VALUES (5)");
	assert_int_equal(yw_db_commit(db), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_rs"), 5);
	yw_db_read_end(db);
	yw_db_read_end(db);
	assert_int_equal(scalar(other, "SELECT COUNT(*) FROM t_rs"), 5);
	yw_db_close(other);
}

/*
 * Deferred sync (group commit): on SQLite commits stop waiting for the
 * disk (synchronous=NORMAL), the write transactions are counted (not the
 * read scopes, not the rollbacks) and a sync succeeds; the data is there
 * for another connection at once. On PostgreSQL nothing is deferred.
 */
static void
test_deferred_sync(void **state)
{
	struct testdb_backend	*fx = *state;
	struct yw_db		*db = fx->db, *other;
	uint64_t		 n;

	exec_ok(db, "DROP TABLE IF EXISTS t_ds");
	exec_ok(db, "CREATE TABLE t_ds (v BIGINT)");
	if (is_pg(db)) {
		assert_int_equal(yw_db_defer_sync(db), 0);
		exec_ok(db, "INSERT INTO t_ds VALUES (1)");
		assert_int_equal(yw_db_commits(db), 0);
		assert_int_equal(yw_db_sync(db), YW_OK);
		return;
	}
	assert_int_equal(yw_db_defer_sync(db), 1);
	assert_int_equal(scalar(db, "PRAGMA synchronous"), 1);
	n = yw_db_commits(db);
	assert_int_equal(yw_db_read_begin(db), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_ds"), 0);
	yw_db_read_end(db);
	assert_int_equal(yw_db_commits(db), n);
	exec_ok(db, "INSERT INTO t_ds VALUES (1)");
	assert_int_equal(yw_db_commits(db), n + 1);
	assert_int_equal(yw_db_begin(db), YW_OK);
	exec_ok(db, "INSERT INTO t_ds VALUES (2)");
	exec_ok(db, "INSERT INTO t_ds VALUES (3)");
	assert_int_equal(yw_db_commit(db), YW_OK);
	assert_int_equal(yw_db_commits(db), n + 2);
	assert_int_equal(yw_db_begin(db), YW_OK);
	exec_ok(db, "INSERT INTO t_ds VALUES (4)");
	assert_int_equal(yw_db_rollback(db), YW_OK);
	assert_int_equal(yw_db_commits(db), n + 2);
	assert_int_equal(yw_db_sync(db), YW_OK);
	if (fx->file) {
		assert_int_equal(yw_db_open(fx->url, &other), YW_OK);
		assert_int_equal(scalar(other, "SELECT COUNT(*) FROM t_ds"), 3);
		yw_db_close(other);
	}
	exec_ok(db, "PRAGMA synchronous=FULL");
}

/* A server restart or a killed backend: the next call outside a
 * transaction reconnects; inside one, the transaction fails as a whole. */
static void
test_pg_reconnect(void **state)
{
	struct testdb_backend	*fx = *state;
	struct yw_db		*db = fx->db, *other;
	struct yw_stmt		*st;
	int64_t			 pid;
	int			 row, i, ok;
	enum yw_err		 rc;

	if (!is_pg(db))
		return;
	assert_int_equal(yw_db_open(fx->url, &other), YW_OK);
	exec_ok(db, "DROP TABLE IF EXISTS t_rc; CREATE TABLE t_rc (v BIGINT)");

	for (i = 0; i < 2; i++) {
		pid = scalar(db, "SELECT pg_backend_pid()");
		if (i == 1) {
			assert_int_equal(yw_db_begin(db), YW_OK);
			exec_ok(db, "INSERT INTO t_rc VALUES (1)");
		}
		assert_int_equal(yw_db_prepare(other, "SELECT "
		    "pg_terminate_backend(?, 5000)", &st), YW_OK);
		assert_int_equal(yw_stmt_bind_int64(st, 1, pid), YW_OK);
		assert_int_equal(yw_stmt_step(st, &row), YW_OK);
		assert_int_equal(yw_stmt_col_int64(st, 0), 1);
		yw_stmt_done(st);

		rc = yw_db_exec(db, "INSERT INTO t_rc VALUES (2)");
		assert_int_equal(rc, YW_EDB);
		if (i == 1) {
			/* No silent reconnect inside the transaction. */
			assert_int_equal(yw_db_exec(db, "INSERT INTO t_rc "
			    "VALUES (3)"), YW_EDB);
			assert_int_equal(yw_db_rollback(db), YW_OK);
		}
		/* The cached statement is prepared again on the new
		 * connection. */
		ok = scalar(db, "SELECT pg_backend_pid()") != pid;
		assert_true(ok);
	}
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM t_rc"), 0);
	yw_db_close(other);
}

static void
test_open_failures(void **state)
{
	struct yw_db *db = (void *)1;

	(void)state;
	fprintf(stderr, "(the next three failures are expected)\n");
	assert_int_equal(yw_db_open("/nonexistent/dir/x.db", &db), YW_EDB);
	assert_null(db);
	assert_int_equal(yw_db_open("postgresql://postgres@127.0.0.1:1/x",
	    &db), YW_EDB);
	assert_null(db);
	assert_int_equal(yw_db_open("postgresql://[bad", &db), YW_EINVAL);
	assert_null(db);
	assert_int_equal(yw_db_open(NULL, &db), YW_EINVAL);
	yw_db_close(NULL);
}

static const struct CMUnitTest backend_tests[] = {
	cmocka_unit_test(test_roundtrip_every_accessor),
	cmocka_unit_test(test_statement_cache),
	cmocka_unit_test(test_cache_eviction),
	cmocka_unit_test(test_conflicts),
	cmocka_unit_test(test_transactions),
	cmocka_unit_test(test_placeholders_in_literals),
	cmocka_unit_test(test_returning_and_changes),
	cmocka_unit_test(test_query_json),
	cmocka_unit_test(test_run_first_one_int64),
	cmocka_unit_test(test_exec_and_errors),
	cmocka_unit_test(test_table_changes_shape),
	cmocka_unit_test(test_sqlite_settings),
	cmocka_unit_test(test_read_scope),
	cmocka_unit_test(test_deferred_sync),
	cmocka_unit_test(test_pg_reconnect),
};

static const struct CMUnitTest other_tests[] = {
	cmocka_unit_test(test_open_failures),
};

static int
run_group(const char *name, CMFixtureFunction setup,
    CMFixtureFunction teardown)
{
	return cmocka_run_group_tests_name(name, backend_tests, setup,
	    teardown);
}

int
main(void)
{
	int failed;

	failed = cmocka_run_group_tests_name("db", other_tests, NULL, NULL);
	/* Its own schema on PostgreSQL, so reruns are clean. */
	failed += testdb_each_backend("ywt_db", run_group);
	return failed != 0;
}
