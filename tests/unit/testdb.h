/*
 * testdb.h - the databases the unit tests run on. Each test is built from
 * one .c file that includes this, so everything here is static (inline,
 * so that a test need not use all of it). YW_TEST_PG_URL names a
 * PostgreSQL database to run on; unset or empty, PostgreSQL is skipped.
 *
 * App tests (the default) get `db`, opened for each test by testdb_setup
 * and closed by testdb_teardown: SQLite in memory or, with the URL,
 * PostgreSQL with its public schema dropped first; migrated from sql/.
 * q() and q_int() query it.
 *
 * Store tests define TESTDB_BACKENDS before including this and get
 * testdb_each_backend: their tests run on SQLite in memory, on a SQLite
 * file and on PostgreSQL, each in a fresh folder and schema of their own.
 */
#ifndef YW_TESTDB_H
#define YW_TESTDB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "store/db.h"
#include "store/migrate.h"

/* The PostgreSQL URL to test on, or NULL. */
static inline const char *
testdb_pg_url(void)
{
	const char *pg = getenv("YW_TEST_PG_URL");

	return pg != NULL && pg[0] != '\0' ? pg : NULL;
}

#ifndef TESTDB_BACKENDS

static struct yw_db *db;

/* cmocka per-test setup: opens and migrates db. */
static inline int
testdb_setup(void **state)
{
	const char *pg = testdb_pg_url();

	(void)state;
	if (pg != NULL) {
		if (yw_db_open(pg, &db) != YW_OK)
			return -1;
		if (yw_db_exec(db, "DROP SCHEMA public CASCADE; "
		    "CREATE SCHEMA public;") != YW_OK)
			return -1;
	} else if (yw_db_open(":memory:", &db) != YW_OK) {
		return -1;
	}
	return yw_migrate(db, "sql", NULL) == YW_OK ? 0 : -1;
}

static inline int
testdb_teardown(void **state)
{
	(void)state;
	yw_db_close(db);
	db = NULL;
	return 0;
}

/* Runs sql with params (a JSON array, stolen) and returns the rows. */
static inline json_t *
q(const char *sql, json_t *params)
{
	json_t *rows = NULL;

	assert_non_null(params);
	assert_int_equal(yw_db_query_json(db, sql, params, &rows), YW_OK);
	json_decref(params);
	assert_non_null(rows);
	return rows;
}

/* The integer in the first column of the first row, which must exist. */
static inline int64_t
q_int(const char *sql, json_t *params)
{
	json_t		*rows = q(sql, params), *row, *v;
	const char	*k;
	int64_t		 n = -1;

	row = json_array_get(rows, 0);
	assert_non_null(row);
	json_object_foreach(row, k, v) {
		n = (int64_t)json_integer_value(v);
		break;
	}
	json_decref(rows);
	return n;
}

#else /* TESTDB_BACKENDS */

/* One backend a store test runs on; *state of its tests. */
struct testdb_backend {
	const char	*name;		/* also the cmocka group's name */
	int		 file;		/* a SQLite file, not :memory: */
	const char	*schema;	/* PostgreSQL: the tests' own schema */
	char		 url[1024];
	char		 tmp[64];	/* fresh per group; holds the
					 * SQLite file */
	struct yw_db	*db;
};

/* Runs the test's group once: name, setup and teardown for cmocka. */
typedef int (*testdb_group)(const char *name, CMFixtureFunction setup,
    CMFixtureFunction teardown);

/* cmocka group state starts out NULL: the backend comes through here. */
static struct testdb_backend *testdb_next;

static inline int
testdb_group_setup(void **state)
{
	struct testdb_backend	*b = testdb_next;
	char			 sql[256];
	enum yw_err		 rc;

	*state = b;
	if ((size_t)snprintf(b->tmp, sizeof(b->tmp), "/tmp/%s.XXXXXX",
	    b->schema) >= sizeof(b->tmp) || mkdtemp(b->tmp) == NULL)
		return -1;
	if (b->file && (size_t)snprintf(b->url, sizeof(b->url), "%s/test.db",
	    b->tmp) >= sizeof(b->url))
		return -1;
	rc = yw_db_open(b->url, &b->db);
	if (rc != YW_OK) {
		fprintf(stderr, "%s: open failed: %s\n", b->name,
		    yw_err_code(rc));
		return -1;
	}
	if (yw_db_kind(b->db) != YW_DB_PGSQL)
		return 0;
	(void)snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE; "
	    "CREATE SCHEMA %s", b->schema, b->schema);
	if (yw_db_exec(b->db, sql) != YW_OK) {
		fprintf(stderr, "schema: %s\n", yw_db_errmsg(b->db));
		return -1;
	}
	return 0;
}

static inline int
testdb_group_teardown(void **state)
{
	struct testdb_backend	*b = *state;
	char			 cmd[128];

	yw_db_close(b->db);
	b->db = NULL;
	/* Only our mkdtemp folder, whose name has no shell specials. */
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", b->tmp);
	return system(cmd) == 0 ? 0 : -1;
}

/*
 * Runs the group on each backend; PostgreSQL in schema (a plain name),
 * set through the URL so that a reconnect keeps it, or a SKIPPED line
 * when there is no URL. Returns the number of failed tests.
 */
static inline int
testdb_each_backend(const char *schema, testdb_group run)
{
	static struct testdb_backend	 memory = {
		.name = "sqlite :memory:", .url = ":memory:" };
	static struct testdb_backend	 file = {
		.name = "sqlite file", .file = 1 };
	static struct testdb_backend	 pg = { .name = "postgresql" };
	const char			*url = testdb_pg_url();
	int				 failed;

	memory.schema = file.schema = pg.schema = schema;
	testdb_next = &memory;
	failed = run(memory.name, testdb_group_setup, testdb_group_teardown);
	testdb_next = &file;
	failed += run(file.name, testdb_group_setup, testdb_group_teardown);
	if (url == NULL) {
		printf("SKIPPED: PostgreSQL (YW_TEST_PG_URL unset)\n");
		return failed;
	}
	if ((size_t)snprintf(pg.url, sizeof(pg.url),
	    "%s%soptions=-csearch_path%%3D%s", url,
	    strchr(url, '?') != NULL ? "&" : "?", schema) >= sizeof(pg.url)) {
		printf("postgresql: YW_TEST_PG_URL too long\n");
		return failed + 1;
	}
	testdb_next = &pg;
	return failed + run(pg.name, testdb_group_setup,
	    testdb_group_teardown);
}

/* The integer in the first column of sql's first row, which must exist. */
static inline int64_t
scalar(struct yw_db *db, const char *sql)
{
	struct yw_stmt	*st;
	int64_t		 v;
	int		 row;

	assert_int_equal(yw_db_prepare(db, sql, &st), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 1);
	v = yw_stmt_col_int64(st, 0);
	yw_stmt_done(st);
	return v;
}

#endif /* TESTDB_BACKENDS */

#endif
