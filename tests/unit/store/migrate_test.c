/*
 * Tests for src/store/migrate.c on SQLite (memory and file) and, when
 * YW_TEST_PG_URL is set, on PostgreSQL in schema ywt_migrate (dropped
 * first, so reruns against the same database are clean).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/migrate.h"
#define TESTDB_BACKENDS
#include "testdb.h"

static const char create_sql[] =
    "-- two tables, one token each way\n"
    "CREATE TABLE ywt_a (id @ID@, name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE ywt_b (\n"
    "    id @ID@,\n"
    "    a_id BIGINT NOT NULL REFERENCES ywt_a(id),\n"
    "    data @BLOB@ NOT NULL\n"
    ");\n";
static const char data_sql[] =
    "INSERT INTO ywt_a (name) VALUES ('first; with a semicolon');\n"
    "CREATE INDEX ywt_b_a ON ywt_b (a_id);\n";
static const char broken_sql[] =
    "CREATE TABLE ywt_c (id @ID@);\n"
    "INSERT INTO ywt_c_missing VALUES (1);\n";
static const char fixed_sql[] =
    "CREATE TABLE ywt_c (id @ID@);\n";

static void
write_file(struct testdb_backend *fx, const char *name, const char *text)
{
	char	 path[256];
	FILE	*f;

	(void)snprintf(path, sizeof(path), "%s/%s", fx->tmp, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void
remove_file(struct testdb_backend *fx, const char *name)
{
	char path[256];

	(void)snprintf(path, sizeof(path), "%s/%s", fx->tmp, name);
	(void)unlink(path);
}

/* sql reads the table; a cached statement only fails when stepped. */
static int
table_exists(struct yw_db *db, const char *sql)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;
	int		 row;

	rc = yw_db_prepare(db, sql, &st);
	if (rc == YW_OK)
		rc = yw_stmt_step(st, &row);
	yw_stmt_done(st);
	return rc == YW_OK;
}

/* Empty migration folder, no tables: every test starts from nothing. The
 * folder is fx->tmp, which also holds the SQLite file: yw_migrate passes
 * over files that are not NNNN_name.sql. */
static void
reset(struct testdb_backend *fx)
{
	static const char *const files[] = { "0001_create.sql",
	    "0002_data.sql", "0003_broken.sql", "3_bad.sql", "0003_a.sql",
	    "0003_b.sql", "README" };
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		remove_file(fx, files[i]);
	assert_int_equal(yw_db_exec(fx->db, "DROP TABLE IF EXISTS ywt_b;"
	    "DROP TABLE IF EXISTS ywt_a; DROP TABLE IF EXISTS ywt_c;"
	    "DROP TABLE IF EXISTS schema_migrations"), YW_OK);
}

/* Runs yw_migrate on dir with stderr captured into err. */
static enum yw_err
migrate_quiet_dir(struct testdb_backend *fx, const char *dir, int *applied,
    char *err, size_t errsz)
{
	char		 path[256];
	enum yw_err	 rc;
	ssize_t		 n;
	int		 fd, saved;

	(void)snprintf(path, sizeof(path), "%s/stderr", fx->tmp);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_true(dup2(fd, 2) >= 0);
	rc = yw_migrate(fx->db, dir, applied);
	fflush(stderr);
	assert_true(dup2(saved, 2) >= 0);
	close(saved);
	n = pread(fd, err, errsz - 1, 0);
	err[n > 0 ? n : 0] = '\0';
	close(fd);
	(void)unlink(path);
	return rc;
}

static enum yw_err
migrate_quiet(struct testdb_backend *fx, int *applied, char *err, size_t errsz)
{
	return migrate_quiet_dir(fx, fx->tmp, applied, err, errsz);
}

static void
test_apply_then_noop(void **state)
{
	struct testdb_backend	*fx = *state;
	struct yw_db		*db = fx->db;
	struct yw_stmt		*st;
	static const unsigned char blob[] = { 0, 0xfe, 0 };
	const void		*p;
	size_t			 n;
	int64_t			 id1, id2;
	int			 applied = -1, row;

	reset(fx);
	write_file(fx, "0002_data.sql", data_sql);
	write_file(fx, "0001_create.sql", create_sql);
	write_file(fx, "README", "not a migration");
	assert_int_equal(yw_migrate(db, fx->tmp, &applied), YW_OK);
	assert_int_equal(applied, 2);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM schema_migrations"),
	    2);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM schema_migrations "
	    "WHERE version IN ('0001_create', '0002_data') AND applied_at > "
	    "1600000000"), 2);
	/* Applied in name order: the row of 0002 went into 0001's table. */
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM ywt_a"), 1);

	/* @ID@ counts by itself and @BLOB@ keeps zero bytes. */
	id1 = scalar(db, "SELECT id FROM ywt_a");
	assert_int_equal(yw_db_prepare(db, "INSERT INTO ywt_a (name) "
	    "VALUES (?) RETURNING id", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_text(st, 1, "second", -1), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 1);
	id2 = yw_stmt_col_int64(st, 0);
	yw_stmt_done(st);
	assert_int_equal(id2, id1 + 1);
	assert_int_equal(yw_db_prepare(db, "INSERT INTO ywt_b (a_id, data) "
	    "VALUES (?, ?) RETURNING data", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_int64(st, 1, id2), YW_OK);
	assert_int_equal(yw_stmt_bind_blob(st, 2, blob, sizeof(blob)), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_OK);
	assert_int_equal(row, 1);
	p = yw_stmt_col_blob(st, 0, &n);
	assert_int_equal(n, sizeof(blob));
	assert_memory_equal(p, blob, sizeof(blob));
	yw_stmt_done(st);
	/* The foreign key from the migration holds. */
	assert_int_equal(yw_db_prepare(db, "INSERT INTO ywt_b (a_id, data) "
	    "VALUES (?, ?) RETURNING data", &st), YW_OK);
	assert_int_equal(yw_stmt_bind_int64(st, 1, 999), YW_OK);
	assert_int_equal(yw_stmt_bind_blob(st, 2, blob, sizeof(blob)), YW_OK);
	assert_int_equal(yw_stmt_step(st, &row), YW_ECONFLICT);
	yw_stmt_done(st);

	applied = -1;
	assert_int_equal(yw_migrate(db, fx->tmp, &applied), YW_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(yw_migrate(db, fx->tmp, NULL), YW_OK);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM schema_migrations"),
	    2);
}

static void
test_broken_rolls_back(void **state)
{
	struct testdb_backend	*fx = *state;
	struct yw_db		*db = fx->db;
	char			 err[4096];
	int			 applied = -1;

	reset(fx);
	write_file(fx, "0001_create.sql", create_sql);
	write_file(fx, "0002_data.sql", data_sql);
	write_file(fx, "0003_broken.sql", broken_sql);
	assert_int_equal(migrate_quiet(fx, &applied, err, sizeof(err)),
	    YW_EDB);
	/* The two good ones went in before; the broken one did not. */
	assert_int_equal(applied, 2);
	if (strstr(err, "migration 0003_broken.sql failed: ") == NULL ||
	    strstr(err, "ywt_c_missing") == NULL)
		fail_msg("stderr was: %s", err);
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM schema_migrations"),
	    2);
	/* Its first statement was rolled back with it. */
	assert_false(table_exists(db, "SELECT COUNT(*) FROM ywt_c"));
	assert_true(table_exists(db, "SELECT COUNT(*) FROM ywt_b"));
	/* Failing again changes nothing. */
	assert_int_equal(migrate_quiet(fx, &applied, err, sizeof(err)),
	    YW_EDB);
	assert_int_equal(applied, 0);

	/* Once fixed it applies, alone. */
	write_file(fx, "0003_broken.sql", fixed_sql);
	assert_int_equal(yw_migrate(db, fx->tmp, &applied), YW_OK);
	assert_int_equal(applied, 1);
	assert_true(table_exists(db, "SELECT COUNT(*) FROM ywt_c"));
	assert_int_equal(scalar(db, "SELECT COUNT(*) FROM schema_migrations"),
	    3);
}

static void
test_bad_folders(void **state)
{
	struct testdb_backend	*fx = *state;
	char			 err[4096], none[128];
	int			 applied = -1;

	reset(fx);
	write_file(fx, "0001_create.sql", create_sql);
	write_file(fx, "3_bad.sql", fixed_sql);
	assert_int_equal(migrate_quiet(fx, &applied, err, sizeof(err)),
	    YW_EINVAL);
	assert_int_equal(applied, 0);
	assert_non_null(strstr(err, "3_bad.sql"));
	/* Nothing at all ran: the folder is checked first. */
	assert_false(table_exists(fx->db, "SELECT COUNT(*) FROM ywt_a"));
	remove_file(fx, "3_bad.sql");

	write_file(fx, "0003_a.sql", fixed_sql);
	write_file(fx, "0003_b.sql", fixed_sql);
	assert_int_equal(migrate_quiet(fx, &applied, err, sizeof(err)),
	    YW_EINVAL);
	assert_non_null(strstr(err, "0003_a.sql and 0003_b.sql"));
	remove_file(fx, "0003_a.sql");
	remove_file(fx, "0003_b.sql");

	(void)snprintf(none, sizeof(none), "%s/none", fx->tmp);
	assert_int_equal(migrate_quiet_dir(fx, none, &applied, err,
	    sizeof(err)), YW_EIO);
	assert_non_null(strstr(err, "none"));
	assert_int_equal(applied, 0);
}

/* Two processes (two nodes) migrate at once: each file runs exactly once
 * and neither fails. Not for :memory:, which is private to a process. */
static void
test_concurrent_nodes(void **state)
{
	struct testdb_backend	*fx = *state;
	struct yw_db		*mine;
	pid_t			 pid;
	int			 status, applied = -1, child;
	enum yw_err		 rc;

	if (strcmp(fx->url, ":memory:") == 0)
		return;
	reset(fx);
	write_file(fx, "0001_create.sql", create_sql);
	write_file(fx, "0002_data.sql", data_sql);
	write_file(fx, "0003_broken.sql", fixed_sql);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* A connection opened after fork, as every worker does. */
		if (yw_db_open(fx->url, &mine) != YW_OK)
			_exit(100);
		rc = yw_migrate(mine, fx->tmp, &applied);
		yw_db_close(mine);
		_exit(rc == YW_OK ? applied : 101);
	}
	assert_int_equal(yw_db_open(fx->url, &mine), YW_OK);
	rc = yw_migrate(mine, fx->tmp, &applied);
	yw_db_close(mine);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	child = WEXITSTATUS(status);
	assert_int_equal(rc, YW_OK);
	assert_true(child <= 3);
	assert_int_equal(applied + child, 3);
	assert_int_equal(scalar(fx->db, "SELECT COUNT(*) FROM "
	    "schema_migrations"), 3);
}

/* -- @sqlite / -- @pgsql / -- @all sections: each backend runs the shared
 * lines and its own, and tokens still work inside a section. */
static const char sections_sql[] =
    "CREATE TABLE ywt_a (id @ID@, name TEXT NOT NULL UNIQUE);\n"
    "-- @sqlite\n"
    "CREATE TABLE ywt_c (id BIGINT, only_sqlite @BLOB@);\n"
    "-- @pgsql   \r\n"
    "CREATE TABLE ywt_c (id BIGINT, only_pgsql @BLOB@);\n"
    "-- @all\n"
    "-- @sqlite is only a marker alone on its line\n"
    "INSERT INTO ywt_c (id) VALUES (7);\n"
    "-- @pgsql";

static void
test_dialect_sections(void **state)
{
	struct testdb_backend	*fx = *state;
	struct yw_db		*db = fx->db;
	int			 pg = yw_db_kind(db) == YW_DB_PGSQL, applied;

	reset(fx);
	write_file(fx, "0001_create.sql", sections_sql);
	assert_int_equal(yw_migrate(db, fx->tmp, &applied), YW_OK);
	assert_int_equal(applied, 1);
	assert_int_equal(scalar(db, "SELECT id FROM ywt_c"), 7);
	assert_true(table_exists(db, "SELECT id, name FROM ywt_a"));
	assert_int_equal(table_exists(db,
	    "SELECT COUNT(only_sqlite) FROM ywt_c"), !pg);
	assert_int_equal(table_exists(db,
	    "SELECT COUNT(only_pgsql) FROM ywt_c"), pg);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_apply_then_noop),
	cmocka_unit_test(test_broken_rolls_back),
	cmocka_unit_test(test_concurrent_nodes),
	cmocka_unit_test(test_bad_folders),
	cmocka_unit_test(test_dialect_sections),
};

static int
run_group(const char *name, CMFixtureFunction setup,
    CMFixtureFunction teardown)
{
	return cmocka_run_group_tests_name(name, tests, setup, teardown);
}

int
main(void)
{
	return testdb_each_backend("ywt_migrate", run_group) != 0;
}
