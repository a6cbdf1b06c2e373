/*
 * Tests for src/app/audit/audit.c: appending in the caller's transaction,
 * the documented hash formula, verification catching each kind of
 * tampering with the right entry id, and the scoped listing. Runs on an
 * in-memory SQLite database, or on PostgreSQL when YW_TEST_PG_URL is set
 * (the public schema is dropped first). Regions, departments and accounts
 * are inserted directly so that this test needs nothing from org.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <sodium.h>

#include "app/actor.h"
#include "app/audit/audit.h"
#include "store/db.h"
#include "store/migrate.h"
#include "testdb.h"

static void
x(const char *sql, json_t *params)
{
	json_decref(q(sql, params));
}

static void
staff_actor(struct yw_actor *a, int64_t id, const char *login, int64_t dept,
    const char *path, unsigned roles)
{
	memset(a, 0, sizeof(*a));
	a->id = id;
	(void)snprintf(a->kind, sizeof(a->kind), "%s", "staff");
	(void)snprintf(a->login, sizeof(a->login), "%s", login);
	(void)snprintf(a->display_name, sizeof(a->display_name), "%s", login);
	(void)snprintf(a->region_path, sizeof(a->region_path), "%s", path);
	(void)snprintf(a->source_ip, sizeof(a->source_ip), "%s", "192.0.2.7");
	a->department_id = dept;
	a->roles = roles;
}

/* Appends one entry in its own transaction, as domain code does. */
static void
append(const struct yw_actor *a, const char *action, int i)
{
	json_t	*detail;
	char	 oid[16];

	detail = json_pack("{s:i, s:s}", "i", i, "note", "变更说明");
	(void)snprintf(oid, sizeof(oid), "%d", i);
	assert_int_equal(yw_db_begin(db), YW_OK);
	assert_int_equal(yw_audit_append(db, a, action, "thing", oid, detail),
	    YW_OK);
	assert_int_equal(yw_db_commit(db), YW_OK);
	json_decref(detail);
}

static void
append_n(int n)
{
	struct yw_actor	a;
	int		i;

	yw_actor_cli(&a, "cli");
	for (i = 1; i <= n; i++)
		append(&a, "test.action", i);
}

static void
expect_bad(int64_t want)
{
	int64_t count = -1, bad = -1;

	assert_int_equal(yw_audit_verify(db, &count, &bad), YW_ECONFLICT);
	assert_int_equal(bad, want);
}

static void
expect_ok(int64_t want)
{
	int64_t count = -1, bad = -1;

	assert_int_equal(yw_audit_verify(db, &count, &bad), YW_OK);
	assert_int_equal(count, want);
	assert_int_equal(bad, 0);
}

static json_t *
row(int64_t id)
{
	json_t *rows, *r;

	rows = q("SELECT id, at, actor_id, actor_login, department_id, action,"
	    " object_type, object_id, detail, source_ip, prev_hash, hash"
	    " FROM audit_log WHERE id = ?", json_pack("[I]", (json_int_t)id));
	r = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	assert_non_null(r);
	return r;
}

/*
 * The formula documented in audit.h, computed independently:
 * hex(BLAKE2b-256(prev_hash || canonical JSON with sorted keys)).
 */
static void
hash_of(json_t *r, const char *prev, char out[65])
{
	unsigned char	 bin[32];
	json_t		*c;
	char		*canon, *buf;
	size_t		 n;
	const char	*keys[] = { "id", "at", "actor_id", "actor_login",
	    "department_id", "action", "object_type", "object_id", "detail",
	    "source_ip" };
	size_t		 i;

	c = json_object();
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_set(c, keys[i], json_object_get(r, keys[i]));
	canon = json_dumps(c, JSON_SORT_KEYS | JSON_COMPACT);
	assert_non_null(canon);
	n = strlen(prev) + strlen(canon);
	buf = malloc(n + 1);
	assert_non_null(buf);
	memcpy(buf, prev, strlen(prev));
	memcpy(buf + strlen(prev), canon, strlen(canon) + 1);
	crypto_generichash(bin, sizeof(bin), (unsigned char *)buf, n, NULL, 0);
	sodium_bin2hex(out, 65, bin, sizeof(bin));
	free(buf);
	free(canon);
	json_decref(c);
}

static const char *
s(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void
test_empty_chain_verifies(void **state)
{
	(void)state;
	expect_ok(0);
}

static void
test_append_and_verify(void **state)
{
	json_t	*r1, *r2;
	char	 h[65];

	(void)state;
	append_n(5);
	expect_ok(5);
	/* The stored rows follow the documented formula exactly. */
	r1 = row(1);
	r2 = row(2);
	assert_string_equal(s(r1, "prev_hash"), "0000000000000000000000000000"
	    "000000000000000000000000000000000000");
	hash_of(r1, s(r1, "prev_hash"), h);
	assert_string_equal(h, s(r1, "hash"));
	assert_string_equal(s(r2, "prev_hash"), s(r1, "hash"));
	hash_of(r2, s(r1, "hash"), h);
	assert_string_equal(h, s(r2, "hash"));
	/* The CLI actor has no account id and no department. */
	assert_true(json_is_null(json_object_get(r1, "actor_id")));
	assert_true(json_is_null(json_object_get(r1, "department_id")));
	assert_string_equal(s(r1, "actor_login"), "cli");
	assert_string_equal(s(r1, "source_ip"), "cli");
	assert_string_equal(s(r1, "detail"), "{\"i\":1,\"note\":\"变更说明\"}");
	json_decref(r1);
	json_decref(r2);
}

/* The epoch and whether entries after a point are about one object type:
 * what the working-day calendar's cache checks on every request. */
static void
test_since_tells_one_object_type(void **state)
{
	struct yw_actor	a;
	json_t		*d;
	int64_t		epoch, e0;
	int		changed;

	(void)state;
	yw_actor_cli(&a, "cli");
	assert_int_equal(yw_audit_since(db, 0, "calendar_year", &epoch,
	    &changed), YW_OK);
	assert_int_equal(epoch, 0);
	assert_false(changed);
	append_n(3);	/* about "thing" */
	assert_int_equal(yw_audit_since(db, 0, "calendar_year", &e0,
	    &changed), YW_OK);
	assert_int_equal(e0, 3);
	assert_false(changed);
	assert_int_equal(yw_audit_since(db, 0, "thing", &epoch, &changed),
	    YW_OK);
	assert_true(changed);
	d = json_object();
	assert_int_equal(yw_db_begin(db), YW_OK);
	assert_int_equal(yw_audit_append(db, &a, "calendar.set_year",
	    "calendar_year", "2027", d), YW_OK);
	assert_int_equal(yw_db_commit(db), YW_OK);
	json_decref(d);
	append(&a, "test.action", 5);
	assert_int_equal(yw_audit_since(db, e0, "calendar_year", &epoch,
	    &changed), YW_OK);
	assert_int_equal(epoch, 5);
	assert_true(changed);
	/* Only entries after since count. */
	assert_int_equal(yw_audit_since(db, 4, "calendar_year", &epoch,
	    &changed), YW_OK);
	assert_false(changed);
	assert_int_equal(yw_audit_epoch(db, &epoch), YW_OK);
	assert_int_equal(epoch, 5);
}

static void
test_rolled_back_append_leaves_no_trace(void **state)
{
	struct yw_actor a;

	(void)state;
	append_n(2);
	yw_actor_cli(&a, "cli");
	assert_int_equal(yw_db_begin(db), YW_OK);
	assert_int_equal(yw_audit_append(db, &a, "x.y", NULL, NULL, NULL),
	    YW_OK);
	assert_int_equal(yw_db_rollback(db), YW_OK);
	expect_ok(2);
	append_n(1);
	expect_ok(3);
}

static void
test_append_refuses_empty_action(void **state)
{
	struct yw_actor a;

	(void)state;
	yw_actor_cli(&a, "cli");
	assert_int_equal(yw_db_begin(db), YW_OK);
	assert_int_equal(yw_audit_append(db, &a, "", "t", "1", NULL),
	    YW_EINVAL);
	assert_int_equal(yw_audit_append(db, &a, NULL, "t", "1", NULL),
	    YW_EINVAL);
	assert_int_equal(yw_db_rollback(db), YW_OK);
	expect_ok(0);
}

static void
test_edited_detail_detected(void **state)
{
	(void)state;
	append_n(5);
	x("UPDATE audit_log SET detail = '{\"i\":99}' WHERE id = ?",
	    json_pack("[i]", 3));
	expect_bad(3);
}

static void
test_edited_actor_detected(void **state)
{
	(void)state;
	append_n(4);
	x("UPDATE audit_log SET actor_login = 'someone' WHERE id = ?",
	    json_pack("[i]", 2));
	expect_bad(2);
}

static void
test_deleted_middle_detected(void **state)
{
	(void)state;
	append_n(5);
	x("DELETE FROM audit_log WHERE id = ?", json_pack("[i]", 3));
	expect_bad(3);
}

static void
test_deleted_tail_detected(void **state)
{
	(void)state;
	append_n(5);
	x("DELETE FROM audit_log WHERE id = ?", json_pack("[i]", 5));
	expect_bad(5);
	x("DELETE FROM audit_log WHERE id >= ?", json_pack("[i]", 3));
	expect_bad(3);
}

static void
test_forged_tail_row_detected(void **state)
{
	json_t	*r5, *forged;
	char	 h[65];

	(void)state;
	append_n(5);
	/* A well-formed sixth row: right id, right link, right hash; only
	 * the head does not know it. */
	r5 = row(5);
	forged = json_pack("{s:i, s:i, s:n, s:s, s:n, s:s, s:s, s:s, s:s,"
	    " s:s}", "id", 6, "at", 1795851420, "actor_id", "actor_login",
	    "cli", "department_id", "action", "test.action", "object_type",
	    "thing", "object_id", "6", "detail", "{}", "source_ip", "cli");
	hash_of(forged, s(r5, "hash"), h);
	x("INSERT INTO audit_log (id, at, actor_login, action, object_type,"
	    " object_id, detail, source_ip, prev_hash, hash)"
	    " VALUES (6, 1795851420, 'cli', 'test.action', 'thing', '6', '{}',"
	    " 'cli', ?, ?)", json_pack("[ss]", s(r5, "hash"), h));
	expect_bad(6);
	json_decref(r5);
	json_decref(forged);
}

static void
test_forged_replacement_row_detected(void **state)
{
	json_t *r3;

	(void)state;
	append_n(5);
	/* Row 3 replaced by one with the same id and the same hashes but
	 * other content. */
	r3 = row(3);
	x("DELETE FROM audit_log WHERE id = ?", json_pack("[i]", 3));
	x("INSERT INTO audit_log (id, at, actor_login, action, object_type,"
	    " object_id, detail, source_ip, prev_hash, hash)"
	    " VALUES (3, ?, 'cli', 'test.action', 'thing', '3',"
	    " '{\"i\":3,\"note\":\"forged\"}', 'cli', ?, ?)",
	    json_pack("[Iss]", json_integer_value(json_object_get(r3, "at")),
	    s(r3, "prev_hash"), s(r3, "hash")));
	expect_bad(3);
	json_decref(r3);
}

static void
test_rehashed_row_breaks_next_link(void **state)
{
	json_t	*r3;
	char	 h[65];

	(void)state;
	append_n(5);
	/* Row 3 edited and its hash recomputed consistently: row 3 checks
	 * out on its own, but row 4 still points at the old hash. */
	x("UPDATE audit_log SET detail = '{\"i\":333}' WHERE id = ?",
	    json_pack("[i]", 3));
	r3 = row(3);
	hash_of(r3, s(r3, "prev_hash"), h);
	x("UPDATE audit_log SET hash = ? WHERE id = ?",
	    json_pack("[si]", h, 3));
	expect_bad(4);
	json_decref(r3);
}

static void
test_relinked_row_detected(void **state)
{
	json_t		*r3;
	char		 h[65];
	const char	*fake = "1111111111111111111111111111111111111111111111"
	    "111111111111111111";

	(void)state;
	append_n(5);
	/* prev_hash and hash of row 3 changed consistently with each other
	 * but not with row 2 (nor row 4). */
	r3 = row(3);
	hash_of(r3, fake, h);
	x("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
	    json_pack("[ssi]", fake, h, 3));
	expect_bad(3);
	json_decref(r3);
}

static void
test_edited_head_detected(void **state)
{
	(void)state;
	append_n(3);
	x("UPDATE audit_head SET last_hash = ? WHERE one = 1",
	    json_pack("[s]", "2222222222222222222222222222222222222222222222"
	    "222222222222222222"));
	expect_bad(3);
}

/*
 * Two counties under one city under a province; a department in each
 * county; entries by the staff of each, and one by the CLI (no
 * department).
 */
static void
seed_scoped(void)
{
	struct yw_actor	a;

	x("INSERT INTO region (code, name, level, parent_code, path) VALUES"
	    " ('350000000000', '福建省', 1, NULL, '/350000000000/'),"
	    " ('350100000000', '福州市', 2, '350000000000',"
	    "  '/350000000000/350100000000/'),"
	    " ('350102000000', '鼓楼区', 3, '350100000000',"
	    "  '/350000000000/350100000000/350102000000/'),"
	    " ('350103000000', '台江区', 3, '350100000000',"
	    "  '/350000000000/350100000000/350103000000/')", json_array());
	x("INSERT INTO department (id, code, name, region_code, created_at,"
	    " updated_at) VALUES"
	    " (1, 'gl', '鼓楼区政务服务中心', '350102000000',"
	    " 0, 0), (2, 'tj', '台江区政务服务中心', '350103000000', 0, 0)",
	    json_array());
	staff_actor(&a, 11, "gl_admin", 1,
	    "/350000000000/350100000000/350102000000/", YW_ROLE_DEPT_ADMIN);
	append(&a, "staff.update", 1);
	append(&a, "staff.create", 2);
	staff_actor(&a, 12, "tj_admin", 2,
	    "/350000000000/350100000000/350103000000/", YW_ROLE_DEPT_ADMIN);
	append(&a, "staff.update", 3);
	yw_actor_cli(&a, "cli");
	append(&a, "region.create", 4);
}

static json_t *
list(const struct yw_actor *a, const struct yw_audit_filter *f)
{
	json_t *out = NULL;

	assert_int_equal(yw_audit_list(db, a, f, &out), YW_OK);
	assert_non_null(out);
	return out;
}

static size_t
n_entries(json_t *l)
{
	return json_array_size(json_object_get(l, "entries"));
}

static json_t *
entry(json_t *l, size_t i)
{
	return json_array_get(json_object_get(l, "entries"), i);
}

static void
test_list_scoped_to_auditor_subtree(void **state)
{
	struct yw_actor	 a;
	json_t		*l;
	size_t		 i;

	(void)state;
	seed_scoped();
	/* A county auditor sees that county's department only. */
	staff_actor(&a, 20, "gl_auditor", 1,
	    "/350000000000/350100000000/350102000000/", YW_ROLE_AUDITOR);
	l = list(&a, NULL);
	assert_int_equal(n_entries(l), 2);
	for (i = 0; i < n_entries(l); i++) {
		assert_int_equal(json_integer_value(json_object_get(entry(l,
		    i), "department_id")), 1);
		assert_string_equal(s(entry(l, i), "department_name"),
		    "鼓楼区政务服务中心");
	}
	/* Newest first. */
	assert_string_equal(s(entry(l, 0), "action"), "staff.create");
	json_decref(l);

	/* A city auditor sees both counties but not entries without a
	 * department. */
	staff_actor(&a, 21, "fz_auditor", 1, "/350000000000/350100000000/",
	    YW_ROLE_AUDITOR);
	l = list(&a, NULL);
	assert_int_equal(n_entries(l), 3);
	json_decref(l);

	/* A province auditor sees everything. */
	staff_actor(&a, 22, "fj_auditor", 1, "/350000000000/",
	    YW_ROLE_AUDITOR);
	l = list(&a, NULL);
	assert_int_equal(n_entries(l), 4);
	assert_true(json_is_null(json_object_get(entry(l, 0),
	    "department_id")));
	json_decref(l);

	/* So does a platform administrator. */
	yw_actor_cli(&a, "cli");
	l = list(&a, NULL);
	assert_int_equal(n_entries(l), 4);
	json_decref(l);
}

static void
test_list_forbidden_to_others(void **state)
{
	struct yw_actor	 a;
	json_t		*out = NULL;

	(void)state;
	seed_scoped();
	staff_actor(&a, 11, "gl_admin", 1,
	    "/350000000000/350100000000/350102000000/",
	    YW_ROLE_DEPT_ADMIN | YW_ROLE_CASE_HANDLER);
	assert_int_equal(yw_audit_list(db, &a, NULL, &out), YW_EFORBIDDEN);
	assert_null(out);
	/* An auditor role on a citizen account counts for nothing. */
	staff_actor(&a, 30, "13800138000", 0, "", YW_ROLE_AUDITOR);
	(void)snprintf(a.kind, sizeof(a.kind), "%s", "citizen");
	assert_int_equal(yw_audit_list(db, &a, NULL, &out), YW_EFORBIDDEN);
	/* An auditor without a region would otherwise match every path. */
	staff_actor(&a, 31, "lost", 0, "", YW_ROLE_AUDITOR);
	assert_int_equal(yw_audit_list(db, &a, NULL, &out), YW_EFORBIDDEN);
	assert_int_equal(yw_audit_list(db, NULL, NULL, &out), YW_EFORBIDDEN);
}

static void
test_list_filters_and_pages(void **state)
{
	struct yw_audit_filter	 f;
	struct yw_actor		 a;
	json_t			*l, *e, *next;
	int64_t			 before;

	(void)state;
	seed_scoped();
	yw_actor_cli(&a, "cli");

	memset(&f, 0, sizeof(f));
	f.action = "staff.update";
	l = list(&a, &f);
	assert_int_equal(n_entries(l), 2);
	json_decref(l);

	memset(&f, 0, sizeof(f));
	f.actor_login = "gl_admin";
	f.object_type = "thing";
	l = list(&a, &f);
	assert_int_equal(n_entries(l), 2);
	json_decref(l);

	memset(&f, 0, sizeof(f));
	f.department_id = 2;
	l = list(&a, &f);
	assert_int_equal(n_entries(l), 1);
	json_decref(l);

	memset(&f, 0, sizeof(f));
	f.from = 1;
	f.to = 2;	/* nothing was written in the first second of 1970 */
	l = list(&a, &f);
	assert_int_equal(n_entries(l), 0);
	assert_true(json_is_null(json_object_get(l, "next_before_id")));
	json_decref(l);

	/* Pages of three, newest first. */
	memset(&f, 0, sizeof(f));
	f.limit = 3;
	l = list(&a, &f);
	assert_int_equal(n_entries(l), 3);
	assert_int_equal(json_integer_value(json_object_get(entry(l, 0),
	    "id")), 4);
	next = json_object_get(l, "next_before_id");
	assert_true(json_is_integer(next));
	before = json_integer_value(next);
	assert_int_equal(before, 2);
	e = entry(l, 0);
	assert_int_equal(strlen(s(e, "hash")), 12);
	assert_int_equal(strlen(s(e, "at_local")), 16);	/* 2026-11-28 15:37 */
	assert_string_equal(s(e, "detail"), "{\"i\":4,\"note\":\"变更说明\"}");
	json_decref(l);
	f.before_id = before;
	l = list(&a, &f);
	assert_int_equal(n_entries(l), 1);
	assert_int_equal(json_integer_value(json_object_get(entry(l, 0),
	    "id")), 1);
	assert_true(json_is_null(json_object_get(l, "next_before_id")));
	json_decref(l);
}

/*
 * Appends n entries through its own connection to url; returns 0 when all
 * went in. Runs in a child process.
 */
static int
appender(const char *url, const char *login, int n)
{
	struct yw_actor	 a;
	struct yw_db	*own;
	int		 i, bad = 0;

	if (yw_db_open(url, &own) != YW_OK)
		return 1;
	yw_actor_cli(&a, login);
	for (i = 0; i < n && !bad; i++) {
		bad = yw_db_begin(own) != YW_OK;
		if (!bad && yw_audit_append(own, &a, "race.append", "thing",
		    login, NULL) != YW_OK)
			bad = 1;
		if (!bad)
			bad = yw_db_commit(own) != YW_OK;
		else
			(void)yw_db_rollback(own);
	}
	yw_db_close(own);
	return bad;
}

static void
test_concurrent_appenders_keep_one_chain(void **state)
{
	const char	*pg = testdb_pg_url();
	char		 path[] = "/tmp/yw_audit_race_XXXXXX", side[64];
	const char	*url;
	struct yw_db	*mine = db;
	pid_t		 kids[3];
	int		 fd, i, st;
	int64_t		 count = 0, bad = -1;

	(void)state;
	/* Processes cannot share an in-memory database: use a file. */
	if (pg != NULL) {
		url = pg;
	} else {
		fd = mkstemp(path);
		assert_true(fd >= 0);
		close(fd);
		url = path;
		assert_int_equal(yw_db_open(url, &mine), YW_OK);
		assert_int_equal(yw_migrate(mine, "sql", NULL), YW_OK);
	}
	for (i = 0; i < 3; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0)
			_exit(appender(url, i == 0 ? "a" : i == 1 ? "b" : "c",
			    40));
	}
	for (i = 0; i < 3; i++) {
		assert_int_equal(waitpid(kids[i], &st, 0), kids[i]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	assert_int_equal(yw_audit_verify(mine, &count, &bad), YW_OK);
	assert_int_equal(count, 120);
	if (mine != db) {
		yw_db_close(mine);
		(void)unlink(path);
		(void)snprintf(side, sizeof(side), "%s-wal", path);
		(void)unlink(side);
		(void)snprintf(side, sizeof(side), "%s-shm", path);
		(void)unlink(side);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, testdb_setup, \
    testdb_teardown)
		T(test_empty_chain_verifies),
		T(test_append_and_verify),
		T(test_since_tells_one_object_type),
		T(test_rolled_back_append_leaves_no_trace),
		T(test_append_refuses_empty_action),
		T(test_edited_detail_detected),
		T(test_edited_actor_detected),
		T(test_deleted_middle_detected),
		T(test_deleted_tail_detected),
		T(test_forged_tail_row_detected),
		T(test_forged_replacement_row_detected),
		T(test_rehashed_row_breaks_next_link),
		T(test_relinked_row_detected),
		T(test_edited_head_detected),
		T(test_list_scoped_to_auditor_subtree),
		T(test_list_forbidden_to_others),
		T(test_list_filters_and_pages),
		T(test_concurrent_appenders_keep_one_chain),
#undef T
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
