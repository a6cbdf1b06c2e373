/*
 * Tests for src/app/account/session.c: creation, lookup with idle and
 * absolute expiry, logout, "log out everywhere", the device list and the
 * purge. Runs on an in-memory SQLite database, or on PostgreSQL when
 * YW_TEST_PG_URL is set (the public schema is dropped first). Accounts are
 * inserted directly with a placeholder hash: nothing here runs Argon2id.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "app/account/session.h"
#include "app/actor.h"
#include "store/db.h"
#include "testdb.h"

/* 2026-11-28T07:37:00Z. */
#define NOW	INT64_C(1795851420)
#define MIN	60

/* Inserts an account and returns its id. */
static int64_t
account(const char *kind, const char *login, const char *status)
{
	json_t	*rows;
	int64_t	 id;

	json_decref(q("INSERT INTO account (kind, login, display_name, "
	    "password_hash, status, created_at, updated_at) "
	    "VALUES (?, ?, ?, 'x', ?, ?, ?)",
	    json_pack("[ssssII]", kind, login, login, status,
	    (json_int_t)NOW, (json_int_t)NOW)));
	rows = q("SELECT id FROM account WHERE login = ?",
	    json_pack("[s]", login));
	id = (int64_t)json_integer_value(
	    json_object_get(json_array_get(rows, 0), "id"));
	json_decref(rows);
	assert_true(id > 0);
	return id;
}

static void
actor_for(struct yw_actor *a, int64_t id, const char *kind,
    const char *login)
{
	memset(a, 0, sizeof(*a));
	a->id = id;
	(void)snprintf(a->kind, sizeof(a->kind), "%s", kind);
	(void)snprintf(a->login, sizeof(a->login), "%s", login);
	(void)snprintf(a->source_ip, sizeof(a->source_ip), "%s", "192.0.2.1");
}

static int64_t
sessions_of(int64_t id)
{
	return q_int("SELECT COUNT(*) AS n FROM session WHERE account_id = ?",
	    json_pack("[I]", (json_int_t)id));
}

static void
new_session(int64_t id, const char *ua, int64_t now, char token[64],
    char csrf[64])
{
	assert_int_equal(yw_session_create(db, id, "192.0.2.1", ua, now,
	    token, csrf), YW_OK);
	assert_int_equal(strlen(token), YW_SESSION_TOKEN_LEN);
	assert_int_equal(strlen(csrf), YW_SESSION_TOKEN_LEN);
}

static void
test_create_and_lookup(void **state)
{
	struct yw_actor	 a;
	char		 token[64], csrf[64], seen[64];
	int64_t		 id = account("citizen", "13800138000", "active");
	json_t		*rows;
	const char	*h;

	(void)state;
	new_session(id, "Mozilla/5.0", NOW, token, csrf);
	assert_string_not_equal(token, csrf);
	assert_null(strpbrk(token, "+/="));

	/* Only a 64-hex hash of the token is stored, never the token. */
	rows = q("SELECT token_hash, csrf FROM session", json_pack("[]"));
	assert_int_equal(json_array_size(rows), 1);
	h = json_string_value(json_object_get(json_array_get(rows, 0),
	    "token_hash"));
	assert_int_equal(strlen(h), 64);
	assert_int_equal(strspn(h, "0123456789abcdef"), 64);
	assert_string_not_equal(h, token);
	json_decref(rows);

	memset(&a, 0, sizeof(a));
	(void)snprintf(a.source_ip, sizeof(a.source_ip), "%s", "203.0.113.9");
	assert_int_equal(yw_session_lookup(db, token, NOW + 5, &a, seen),
	    YW_OK);
	assert_int_equal(a.id, id);
	assert_string_equal(a.kind, "citizen");
	assert_string_equal(a.login, "13800138000");
	assert_string_equal(a.source_ip, "203.0.113.9");
	assert_string_equal(seen, csrf);

	/* Unknown and malformed tokens. */
	assert_int_equal(yw_session_lookup(db,
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NOW, &a, seen),
	    YW_EAUTH);
	assert_int_equal(a.id, 0);
	assert_string_equal(a.source_ip, "203.0.113.9");
	assert_string_equal(seen, "");
	assert_int_equal(yw_session_lookup(db, "", NOW, &a, seen), YW_EAUTH);
	assert_int_equal(yw_session_lookup(db, NULL, NOW, &a, seen),
	    YW_EAUTH);
	token[10] = '%';
	assert_int_equal(yw_session_lookup(db, token, NOW, &a, seen),
	    YW_EAUTH);
}

static void
test_idle_expiry(void **state)
{
	struct yw_actor	a;
	char		token[64], csrf[64], seen[64];
	int64_t		id = account("citizen", "13800138001", "active");

	(void)state;
	new_session(id, NULL, NOW, token, csrf);
	memset(&a, 0, sizeof(a));
	/* Within the touch interval nothing is written. */
	assert_int_equal(yw_session_lookup(db, token, NOW + 30, &a, seen),
	    YW_OK);
	assert_int_equal(q_int("SELECT last_seen FROM session",
	    json_pack("[]")), NOW);
	/* Activity slides the idle window: 29 + 29 minutes is fine. */
	assert_int_equal(yw_session_lookup(db, token, NOW + 29 * MIN, &a,
	    seen), YW_OK);
	assert_int_equal(q_int("SELECT last_seen FROM session",
	    json_pack("[]")), NOW + 29 * MIN);
	assert_int_equal(yw_session_lookup(db, token, NOW + 58 * MIN, &a,
	    seen), YW_OK);
	/* 31 idle minutes end it, and the row goes. */
	assert_int_equal(yw_session_lookup(db, token, NOW + 89 * MIN, &a,
	    seen), YW_EAUTH);
	assert_int_equal(sessions_of(id), 0);
	assert_int_equal(yw_session_lookup(db, token, NOW + 58 * MIN, &a,
	    seen), YW_EAUTH);
}

static void
test_idle_expiry_simple(void **state)
{
	struct yw_actor	a;
	char		token[64], csrf[64], seen[64];
	int64_t		id = account("citizen", "13800138002", "active");

	(void)state;
	new_session(id, NULL, NOW, token, csrf);
	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_lookup(db, token, NOW + 31 * MIN, &a,
	    seen), YW_EAUTH);
	assert_int_equal(sessions_of(id), 0);
}

static void
test_absolute_expiry(void **state)
{
	struct yw_actor	a;
	char		token[64], csrf[64], seen[64];
	int64_t		id = account("citizen", "13800138003", "active");
	int64_t		t;

	(void)state;
	new_session(id, NULL, NOW, token, csrf);
	memset(&a, 0, sizeof(a));
	/* Busy all day: never idle, still ends after 12 hours. */
	for (t = NOW; t < NOW + YW_SESSION_ABSOLUTE; t += 20 * MIN)
		assert_int_equal(yw_session_lookup(db, token, t, &a, seen),
		    YW_OK);
	assert_int_equal(yw_session_lookup(db, token,
	    NOW + YW_SESSION_ABSOLUTE - 1, &a, seen), YW_OK);
	assert_int_equal(yw_session_lookup(db, token,
	    NOW + YW_SESSION_ABSOLUTE, &a, seen), YW_EAUTH);
	assert_int_equal(sessions_of(id), 0);
}

static void
test_disabled_account(void **state)
{
	struct yw_actor	a;
	char		token[64], csrf[64], seen[64];
	int64_t		id = account("business", "x@example.com", "active");

	(void)state;
	new_session(id, NULL, NOW, token, csrf);
	json_decref(q("UPDATE account SET status = 'disabled' WHERE id = ?",
	    json_pack("[I]", (json_int_t)id)));
	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_lookup(db, token, NOW + 1, &a, seen),
	    YW_EAUTH);
	assert_int_equal(a.id, 0);
	assert_int_equal(sessions_of(id), 0);
}

static void
test_logout(void **state)
{
	struct yw_actor	a;
	char		t1[64], t2[64], csrf[64], seen[64];
	int64_t		id = account("citizen", "13800138004", "active");

	(void)state;
	new_session(id, NULL, NOW, t1, csrf);
	new_session(id, NULL, NOW, t2, csrf);
	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_logout(db, t1), YW_OK);
	assert_int_equal(yw_session_lookup(db, t1, NOW, &a, seen), YW_EAUTH);
	/* The other session is untouched. */
	assert_int_equal(yw_session_lookup(db, t2, NOW, &a, seen), YW_OK);
	/* Logging out twice, or with garbage, is harmless. */
	assert_int_equal(yw_session_logout(db, t1), YW_OK);
	assert_int_equal(yw_session_logout(db, "garbage"), YW_OK);
	assert_int_equal(yw_session_logout(db, NULL), YW_OK);
	assert_int_equal(sessions_of(id), 1);
}

static void
test_logout_all(void **state)
{
	struct yw_actor	a, me, anon;
	char		t[3][64], other[64], csrf[64], seen[64];
	int64_t		id = account("citizen", "13800138005", "active");
	int64_t		id2 = account("citizen", "13800138006", "active");
	int		i;

	(void)state;
	for (i = 0; i < 3; i++)
		new_session(id, NULL, NOW, t[i], csrf);
	new_session(id2, NULL, NOW, other, csrf);
	actor_for(&me, id, "citizen", "13800138005");
	memset(&anon, 0, sizeof(anon));
	assert_int_equal(yw_session_logout_all(db, &anon), YW_EAUTH);
	assert_int_equal(yw_session_logout_all(db, &me), YW_OK);
	memset(&a, 0, sizeof(a));
	for (i = 0; i < 3; i++)
		assert_int_equal(yw_session_lookup(db, t[i], NOW, &a, seen),
		    YW_EAUTH);
	assert_int_equal(sessions_of(id), 0);
	assert_int_equal(yw_session_lookup(db, other, NOW, &a, seen), YW_OK);
	assert_int_equal(a.id, id2);
	/* Citizens are not audited. */
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log",
	    json_pack("[]")), 0);
}

static void
test_logout_all_staff_audited(void **state)
{
	struct yw_actor	me;
	char		t[64], csrf[64];
	int64_t		id = account("staff", "wang.wu", "active");
	json_t		*rows;

	(void)state;
	new_session(id, NULL, NOW, t, csrf);
	new_session(id, NULL, NOW, t, csrf);
	actor_for(&me, id, "staff", "wang.wu");
	assert_int_equal(yw_session_logout_all(db, &me), YW_OK);
	assert_int_equal(sessions_of(id), 0);
	rows = q("SELECT action, actor_login, object_id, detail, source_ip "
	    "FROM audit_log", json_pack("[]"));
	assert_int_equal(json_array_size(rows), 1);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "action")), "session.logout_all");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "actor_login")), "wang.wu");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "source_ip")), "192.0.2.1");
	assert_non_null(strstr(json_string_value(json_object_get(
	    json_array_get(rows, 0), "detail")), "\"sessions\":2"));
	json_decref(rows);
}

static void
test_end_others(void **state)
{
	struct yw_actor	a;
	char		keep[64], t[64], csrf[64], seen[64];
	int64_t		id = account("citizen", "13800138007", "active");
	int64_t		n = -1;

	(void)state;
	new_session(id, NULL, NOW, keep, csrf);
	new_session(id, NULL, NOW, t, csrf);
	new_session(id, NULL, NOW, t, csrf);
	assert_int_equal(yw_session_end_others(db, id, keep, &n), YW_OK);
	assert_int_equal(n, 2);
	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_lookup(db, keep, NOW, &a, seen), YW_OK);
	assert_int_equal(yw_session_lookup(db, t, NOW, &a, seen), YW_EAUTH);
	assert_int_equal(yw_session_end_others(db, id, NULL, &n), YW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(sessions_of(id), 0);
}

static void
test_list(void **state)
{
	struct yw_actor	 me, anon, a;
	char		 t1[64], t2[64], t3[64], csrf[64], seen[64];
	char		 ua[200];
	int64_t		 id = account("citizen", "13800138008", "active");
	json_t		*list = NULL, *e;
	const char	*s;
	size_t		 i;
	int		 current = 0;

	(void)state;
	/* 90 characters, 30 of them Chinese (3 bytes each). */
	memset(ua, 0, sizeof(ua));
	for (i = 0; i < 30; i++)
		memcpy(ua + i * 3, "\xE6\xB5\x8F", 3);	/* 浏 */
	memset(ua + 90, 'a', 60);
	new_session(id, ua, NOW, t1, csrf);
	new_session(id, "Bad \xC3\x28 agent", NOW + 5 * MIN, t2, csrf);
	new_session(id, "old", NOW - 40 * MIN, t3, csrf);
	actor_for(&me, id, "citizen", "13800138008");
	memset(&anon, 0, sizeof(anon));
	assert_int_equal(yw_session_list(db, &anon, t1, NOW, &list),
	    YW_EAUTH);
	assert_null(list);

	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_lookup(db, t2, NOW + 6 * MIN, &a, seen),
	    YW_OK);
	assert_int_equal(yw_session_list(db, &me, t1, NOW + 6 * MIN, &list),
	    YW_OK);
	/* The idle one (t3) is not listed; the newest use comes first. */
	assert_int_equal(json_array_size(list), 2);
	json_array_foreach(list, i, e) {
		assert_true(json_is_boolean(json_object_get(e, "current")));
		if (json_is_true(json_object_get(e, "current")))
			current++;
		assert_string_equal(json_string_value(json_object_get(e,
		    "source_ip")), "192.0.2.1");
	}
	assert_int_equal(current, 1);
	e = json_array_get(list, 0);
	assert_true(json_is_false(json_object_get(e, "current")));
	/* Not UTF-8: not kept. */
	assert_string_equal(json_string_value(json_object_get(e,
	    "user_agent")), "");
	assert_string_equal(json_string_value(json_object_get(e,
	    "created_at_local")), "2026-11-28 15:42");
	assert_string_equal(json_string_value(json_object_get(e,
	    "last_seen_local")), "2026-11-28 15:43");
	e = json_array_get(list, 1);
	assert_true(json_is_true(json_object_get(e, "current")));
	s = json_string_value(json_object_get(e, "user_agent"));
	/* 79 characters and an ellipsis: 30 * 3 + 49 + 3 bytes. */
	assert_int_equal(strlen(s), 90 + 49 + 3);
	assert_memory_equal(s, ua, 90 + 49);
	assert_string_equal(s + 90 + 49, "\xE2\x80\xA6");
	assert_string_equal(json_string_value(json_object_get(e,
	    "created_at_local")), "2026-11-28 15:37");
	json_decref(list);

	/* Without a current token nothing is marked. */
	assert_int_equal(yw_session_list(db, &me, NULL, NOW + 6 * MIN, &list),
	    YW_OK);
	json_array_foreach(list, i, e)
		assert_true(json_is_false(json_object_get(e, "current")));
	json_decref(list);
}

static void
test_purge(void **state)
{
	char	t[64], csrf[64];
	int64_t	id = account("citizen", "13800138009", "active");
	int64_t	now = NOW + 13 * 60 * MIN;

	(void)state;
	new_session(id, NULL, NOW, t, csrf);			/* absolute */
	new_session(id, NULL, now - 31 * MIN, t, csrf);		/* idle */
	new_session(id, NULL, now - 5 * MIN, t, csrf);		/* alive */
	json_decref(q("INSERT INTO login_failure (scope_key, at) VALUES "
	    "('login:a', ?), ('ip:b', ?)", json_pack("[II]",
	    (json_int_t)(now - 2 * 60 * MIN), (json_int_t)(now - MIN))));
	assert_int_equal(yw_session_purge(db, now), YW_OK);
	assert_int_equal(sessions_of(id), 1);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM login_failure",
	    json_pack("[]")), 1);
}

/* Two connections stand for two kore workers, each with its own cache:
 * what one of them ends, the other stops accepting at its next lookup. */
static void
test_cache_follows_other_connections(void **state)
{
	const char		*pg = testdb_pg_url();
	char			 path[] = "/tmp/yw_session_cache_XXXXXX", side[64];
	struct yw_db		*w1, *w2;
	struct yw_session_cache	*c1, *c2;
	struct yw_actor		 a, fresh;
	char			 t1[64], t2[64], csrf[64], seen[64];
	int64_t			 id;
	int			 fd, i;

	(void)state;
	if (pg == NULL) {
		fd = mkstemp(path);
		assert_true(fd >= 0);
		close(fd);
		yw_db_close(db);
		assert_int_equal(yw_db_open(path, &db), YW_OK);
		assert_int_equal(yw_migrate(db, "sql", NULL), YW_OK);
	}
	assert_int_equal(yw_db_open(pg != NULL ? pg : path, &w1), YW_OK);
	assert_int_equal(yw_db_open(pg != NULL ? pg : path, &w2), YW_OK);
	c1 = yw_session_cache_create();
	c2 = yw_session_cache_create();
	assert_non_null(c1);
	assert_non_null(c2);
	id = account("citizen", "13800138000", "active");
	new_session(id, "ua", NOW, t1, csrf);
	new_session(id, "ua", NOW, t2, seen);

	/* Filled, then answered again: the same actor and token either way. */
	for (i = 0; i < 3; i++) {
		memset(&a, 0, sizeof(a));
		(void)snprintf(a.source_ip, sizeof(a.source_ip), "192.0.2.%d", i);
		assert_int_equal(yw_session_lookup_cached(w2, c2, t1, NOW + i,
		    &a, seen), YW_OK);
		assert_int_equal(a.id, id);
		assert_string_equal(a.login, "13800138000");
		assert_string_equal(seen, csrf);
		assert_string_equal(a.source_ip, i == 0 ? "192.0.2.0" :
		    i == 1 ? "192.0.2.1" : "192.0.2.2");
		assert_int_equal(yw_session_lookup_cached(w1, c1, t1, NOW + i,
		    &a, seen), YW_OK);
		assert_int_equal(yw_session_lookup_cached(w2, c2, t2, NOW + i,
		    &a, seen), YW_OK);
	}
	/* The idle rule still holds on a cached entry. */
	assert_int_equal(yw_session_lookup_cached(w2, c2, t2,
	    NOW + YW_SESSION_IDLE + 1, &a, seen), YW_EAUTH);
	assert_int_equal(a.id, 0);

	/* A logout through worker 1 ends t1 on worker 2 at once. */
	assert_int_equal(yw_session_logout(w1, t1), YW_OK);
	assert_int_equal(yw_session_lookup_cached(w2, c2, t1, NOW + 3, &a,
	    seen), YW_EAUTH);
	assert_int_equal(a.id, 0);
	assert_string_equal(seen, "");
	assert_int_equal(yw_session_lookup_cached(w1, c1, t1, NOW + 3, &a,
	    seen), YW_EAUTH);

	/* A disabled account, changed by a third connection. */
	new_session(id, "ua", NOW, t1, csrf);
	assert_int_equal(yw_session_lookup_cached(w1, c1, t1, NOW + 4, &a,
	    seen), YW_OK);
	assert_int_equal(yw_session_lookup_cached(w2, c2, t1, NOW + 4, &a,
	    seen), YW_OK);
	json_decref(q("UPDATE account SET status = 'disabled' WHERE id = ?",
	    json_pack("[I]", (json_int_t)id)));
	assert_int_equal(yw_session_lookup_cached(w1, c1, t1, NOW + 5, &a,
	    seen), YW_EAUTH);
	assert_int_equal(yw_session_lookup_cached(w2, c2, t1, NOW + 5, &fresh,
	    seen), YW_EAUTH);

	yw_session_cache_destroy(c1);
	yw_session_cache_destroy(c2);
	yw_db_close(w1);
	yw_db_close(w2);
	if (pg == NULL) {
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
		T(test_create_and_lookup),
		T(test_idle_expiry),
		T(test_idle_expiry_simple),
		T(test_absolute_expiry),
		T(test_disabled_account),
		T(test_logout),
		T(test_logout_all),
		T(test_logout_all_staff_audited),
		T(test_end_others),
		T(test_list),
		T(test_purge),
		T(test_cache_follows_other_connections),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
