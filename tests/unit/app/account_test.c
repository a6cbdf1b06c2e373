/*
 * Tests for src/app/account/account.c: registration and its field errors,
 * the unified social credit code, the three-step login with throttling, the
 * account view and password changes. Runs on an in-memory SQLite database,
 * or on PostgreSQL when YW_TEST_PG_URL is set (the public schema is dropped
 * first). Argon2id is slow under the sanitizers: only the tests that must
 * hash or verify do, and most accounts are inserted with a placeholder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "app/account/account.h"
#include "app/account/password.h"
#include "app/account/session.h"
#include "app/actor.h"
#include "core/timeutil.h"
#include "store/db.h"
#include "testdb.h"

/* 2026-11-28T07:37:00Z. */
#define NOW	INT64_C(1795851420)
#define MIN	60
#define IP	"192.0.2.7"
#define UA	"Mozilla/5.0 (X11; Linux x86_64)"
#define PW	"Secret123"

/* Checks that errors has exactly one entry, field -> code, and frees it. */
static void
expect_error(json_t *errors, const char *field, const char *code)
{
	assert_non_null(errors);
	assert_int_equal(json_object_size(errors), 1);
	assert_non_null(json_object_get(errors, field));
	assert_string_equal(json_string_value(json_object_get(errors, field)),
	    code);
	json_decref(errors);
}

/* A registration form; fields given as NULL are left out. */
static json_t *
form(const char *kind, const char *login, const char *name,
    const char *pw, const char *pw2)
{
	json_t	*in = json_object();

	assert_non_null(in);
	if (kind != NULL)
		json_object_set_new(in, "kind", json_string(kind));
	if (login != NULL)
		json_object_set_new(in, "login", json_string(login));
	if (name != NULL)
		json_object_set_new(in, "display_name",
		    json_string_nocheck(name));
	if (pw != NULL)
		json_object_set_new(in, "password", json_string(pw));
	if (pw2 != NULL)
		json_object_set_new(in, "password2", json_string(pw2));
	return in;
}

/* Registration of in (stolen) that must succeed; returns the new id. */
static int64_t
reg_ok(json_t *in)
{
	json_t	*errors = NULL;
	int64_t	 id = 0;

	assert_int_equal(yw_account_register(db, in, IP, &id, &errors),
	    YW_OK);
	assert_null(errors);
	assert_true(id > 0);
	json_decref(in);
	return id;
}

/* Registration that must fail on field with code; no hashing happens. */
static void
reg_fails(json_t *in, const char *field, const char *code)
{
	json_t	*errors = NULL;
	int64_t	 id = -1;

	assert_int_equal(yw_account_register(db, in, IP, &id, &errors),
	    YW_EINVAL);
	assert_int_equal(id, 0);
	expect_error(errors, field, code);
	json_decref(in);
}

/* A password change of in (borrowed) that must fail on field with code. */
static void
change_fails(const struct yw_actor *a, json_t *in, const char *keep,
    const char *field, const char *code)
{
	json_t *errors = NULL;

	assert_int_equal(yw_account_change_password(db, a, in, keep,
	    &errors), YW_EINVAL);
	expect_error(errors, field, code);
}

/* Inserts an account with a placeholder hash; returns its id. */
static int64_t
account(const char *kind, const char *login, const char *hash)
{
	json_t	*rows;
	int64_t	 id;

	rows = q("INSERT INTO account (kind, login, phone, display_name, "
	    "password_hash, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    json_pack("[sssssII]", kind, login,
	    strcmp(kind, "staff") == 0 ? "13900139000" : "", "张三", hash,
	    (json_int_t)NOW, (json_int_t)NOW));
	id = (int64_t)json_integer_value(json_object_get(json_array_get(rows,
	    0), "id"));
	json_decref(rows);
	assert_true(id > 0);
	return id;
}

/*
 * An independent credit code check: weights 3^i mod 31 by repeated
 * multiplication, values by position in the GB 32100-2015 character set.
 */
static char
credit_check(const char *d)
{
	const char	*set = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int		 i, w = 1, sum = 0;

	for (i = 0; i < 17; i++) {
		sum += (int)(strchr(set, d[i]) - set) * w;
		w = w * 3 % 31;
	}
	return set[(31 - sum % 31) % 31];
}

static void
test_credit_code(void **state)
{
	/* Codes of real companies, as printed on their business licences,
	 * and the example in GB 32100-2015. */
	static const char *const good[] = {
		"914403001922038216",	/* Huawei Technologies */
		"9144030071526726XG",	/* Tencent (Shenzhen) */
		"91330100716105852F",	/* Alibaba (China) */
		"91350100M000100Y43",	/* the standard's example */
	};
	const char	*set = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char		 code[19];
	size_t		 i;
	unsigned	 seed = 12345;
	int		 k;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_true(yw_account_credit_code_valid(good[i], 18));
		assert_int_equal(credit_check(good[i]), good[i][17]);
	}
	/* Pseudo-random codes: both routines agree. */
	for (i = 0; i < 2000; i++) {
		for (k = 0; k < 17; k++) {
			seed = seed * 1103515245u + 12345u;
			code[k] = set[(seed >> 16) % 31];
		}
		code[17] = credit_check(code);
		code[18] = '\0';
		assert_int_equal(yw_account_credit_code_check(code), code[17]);
		assert_true(yw_account_credit_code_valid(code, 18));
		code[17] = code[17] == '0' ? '1' : '0';
		assert_false(yw_account_credit_code_valid(code, 18));
	}
	assert_false(yw_account_credit_code_valid("91350100M000100Y4", 17));
	assert_false(yw_account_credit_code_valid("91350100M000100Y433", 19));
	/* I, O, S, V and Z are not in the set; neither is lower case. */
	assert_false(yw_account_credit_code_valid("91350100I000100Y43", 18));
	assert_false(yw_account_credit_code_valid("91350100m000100Y43", 18));
	assert_int_equal(yw_account_credit_code_check("91350100O000100Y4"),
	    '\0');
}

static void
test_normalise(void **state)
{
	char	out[128];

	(void)state;
	assert_int_equal(yw_account_login_normalise(
	    " +86 138-0013-8000 ", 19, out, sizeof(out)), YW_OK);
	assert_string_equal(out, "13800138000");
	assert_int_equal(yw_account_login_normalise("13800138000", 11, out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "13800138000");
	assert_int_equal(yw_account_login_normalise("Zhang.San@Example.COM",
	    21, out, sizeof(out)), YW_OK);
	assert_string_equal(out, "zhang.san@example.com");
	assert_int_equal(yw_account_login_normalise("Admin", 5, out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "admin");
	/* Not a mobile number: kept as text. */
	assert_int_equal(yw_account_login_normalise("12800138000", 11, out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "12800138000");
	assert_int_equal(yw_account_login_normalise("  ", 2, out,
	    sizeof(out)), YW_EINVAL);
	assert_int_equal(yw_account_login_normalise("a\x01", 2, out,
	    sizeof(out)), YW_EINVAL);
	assert_int_equal(yw_account_login_normalise("a\xC3", 2, out,
	    sizeof(out)), YW_EINVAL);
	assert_int_equal(yw_account_login_normalise("abcdef", 6, out, 4),
	    YW_ETOOBIG);
}

static void
test_register_phone_and_email(void **state)
{
	json_t		*rows, *r;
	int64_t		 id, id2;

	(void)state;
	id = reg_ok(form("citizen", "+86 138 0013 8000", " 张三 ", PW, PW));
	id2 = reg_ok(form("citizen", "Li.Si@Example.COM", "李四",
	    "密码password1", "密码password1"));
	assert_true(id2 > id);

	rows = q("SELECT id, kind, login, phone, email, display_name, "
	    "org_name, credit_code, status, password_hash FROM account "
	    "ORDER BY id", json_pack("[]"));
	assert_int_equal(json_array_size(rows), 2);
	r = json_array_get(rows, 0);
	assert_int_equal(json_integer_value(json_object_get(r, "id")), id);
	assert_string_equal(json_string_value(json_object_get(r, "kind")),
	    "citizen");
	assert_string_equal(json_string_value(json_object_get(r, "login")),
	    "13800138000");
	assert_string_equal(json_string_value(json_object_get(r, "phone")),
	    "13800138000");
	assert_string_equal(json_string_value(json_object_get(r, "email")),
	    "");
	assert_string_equal(json_string_value(json_object_get(r,
	    "display_name")), "张三");
	assert_string_equal(json_string_value(json_object_get(r, "status")),
	    "active");
	assert_int_equal(yw_password_verify(json_string_value(
	    json_object_get(r, "password_hash")), PW, strlen(PW)), YW_OK);
	r = json_array_get(rows, 1);
	assert_string_equal(json_string_value(json_object_get(r, "login")),
	    "li.si@example.com");
	assert_string_equal(json_string_value(json_object_get(r, "email")),
	    "li.si@example.com");
	assert_string_equal(json_string_value(json_object_get(r, "phone")),
	    "");
	json_decref(rows);

	/* The same numbers written differently are the same login. */
	reg_fails(form("citizen", "138-0013-8000", "王五", PW, PW), "login",
	    "taken");
	reg_fails(form("citizen", "LI.SI@example.com", "王五", PW, PW),
	    "login", "taken");
	/* A successful registration counts against the address. */
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM login_failure "
	    "WHERE scope_key = ?", json_pack("[s]", "register:" IP)), 2);
}

static void
test_register_business(void **state)
{
	json_t	*errors = NULL, *in, *rows;
	int64_t	 id = 0;

	(void)state;
	in = form("business", "hr@example.com", "赵六", PW, PW);
	json_object_set_new(in, "org_name",
	    json_string("福州某某科技有限公司"));
	json_object_set_new(in, "credit_code",
	    json_string("91350100M000100Y42"));
	assert_int_equal(yw_account_register(db, in, IP, &id, &errors),
	    YW_EINVAL);
	expect_error(errors, "credit_code", "invalid");
	errors = NULL;

	/* Lower case and spaces as typed are fine. */
	json_object_set_new(in, "credit_code",
	    json_string("91350100m000 100y43"));
	id = reg_ok(in);
	rows = q("SELECT kind, org_name, credit_code FROM account WHERE id = ?",
	    json_pack("[I]", (json_int_t)id));
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "kind")), "business");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "org_name")), "福州某某科技有限公司");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "credit_code")), "91350100M000100Y43");
	json_decref(rows);

	/* A business needs both fields. */
	in = form("business", "hr2@example.com", "赵六", PW, PW);
	assert_int_equal(yw_account_register(db, in, IP, &id, &errors),
	    YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "org_name")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "credit_code")), "required");
	json_decref(errors);
	json_decref(in);
}

static void
test_register_field_errors(void **state)
{
	char	 name[65 * 3 + 1];
	json_t	*errors = NULL, *in;
	int64_t	 id;
	int	 i;

	(void)state;
	reg_fails(form("citizen", "13800138000", "张三", "password",
	    "password"), "password", "weak");
	reg_fails(form("citizen", "13800138000", "张三", "12345678",
	    "12345678"), "password", "weak");
	reg_fails(form("citizen", "13800138000", "张三", "abc123", "abc123"),
	    "password", "weak");
	reg_fails(form("citizen", "a1b2c3d4@example.com", "张三",
	    "A1B2C3D4@example.com", "A1B2C3D4@example.com"), "password",
	    "weak");
	reg_fails(form("citizen", "13800138000", "张三", PW, "Secret124"),
	    "password2", "mismatch");
	reg_fails(form("citizen", "13800138000", "张三", PW, NULL),
	    "password2", "required");
	reg_fails(form("citizen", "13800138000", "张\xE4\xB8", PW, PW),
	    "display_name", "invalid");
	reg_fails(form("citizen", "13800138000", "张\n三", PW, PW),
	    "display_name", "invalid");
	reg_fails(form("citizen", "13800138000", "   ", PW, PW),
	    "display_name", "required");
	for (i = 0; i < 65; i++)
		memcpy(name + i * 3, "\xE5\xBC\xA0", 3);	/* 张 */
	name[65 * 3] = '\0';
	reg_fails(form("citizen", "13800138000", name, PW, PW),
	    "display_name", "too_long");
	name[64 * 3] = '\0';	/* 64 characters are fine */
	reg_fails(form("citizen", "13800138000", name, PW, "x"), "password2",
	    "mismatch");
	reg_fails(form("citizen", "12800138000", "张三", PW, PW), "login",
	    "invalid");
	reg_fails(form("citizen", "zhang@", "张三", PW, PW), "login",
	    "invalid");
	reg_fails(form("citizen", "", "张三", PW, PW), "login", "required");
	reg_fails(form("staff", "13800138000", "张三", PW, PW), "kind",
	    "invalid");
	reg_fails(form(NULL, "13800138000", "张三", PW, PW), "kind",
	    "required");

	/* Several problems are reported together. */
	in = form("citizen", "nope", NULL, "short", "short");
	assert_int_equal(yw_account_register(db, in, IP, &id, &errors),
	    YW_EINVAL);
	assert_int_equal(json_object_size(errors), 3);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "login")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "display_name")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "password")), "weak");
	json_decref(errors);
	json_decref(in);

	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM account",
	    json_pack("[]")), 0);
}

static void
test_register_throttled(void **state)
{
	json_t	*errors = NULL, *in;
	int64_t	 id, now = yw_time_now();
	int	 i;

	(void)state;
	for (i = 0; i < YW_REGISTER_MAX_PER_ADDR; i++)
		json_decref(q("INSERT INTO login_failure (scope_key, at) "
		    "VALUES (?, ?)", json_pack("[sI]", "register:" IP,
		    (json_int_t)(now - i))));
	in = form("citizen", "13800138000", "张三", PW, PW);
	assert_int_equal(yw_account_register(db, in, IP, &id, &errors),
	    YW_ETOOMANY);
	assert_null(errors);
	json_decref(in);
}

/* Runs step 1 and 3 with the verification outcome given. */
static enum yw_err
login(const char *name, const char *ip, int ok, int64_t now,
    char token[64], char csrf[64])
{
	struct yw_login	l;
	enum yw_err	rc;

	rc = yw_account_login_begin(db, name, ip, now, &l);
	if (rc != YW_OK)
		return rc;
	return yw_account_login_finish(db, &l, ok, ip, UA, now, token, csrf);
}

static void
test_login_end_to_end(void **state)
{
	struct yw_login	 l;
	struct yw_actor	 a;
	char		 token[64], csrf[64], seen[64];
	int64_t		 id;

	(void)state;
	id = reg_ok(form("citizen", "13800138000", "张三", PW, PW));

	/* Wrong password: EAUTH, one failure for the login and the address. */
	assert_int_equal(yw_account_login_begin(db, "138 0013 8000", IP, NOW,
	    &l), YW_OK);
	assert_int_equal(l.account_id, id);
	assert_string_equal(l.login, "13800138000");
	assert_int_equal(yw_password_verify(l.hash, "Secret124", 9), YW_EAUTH);
	assert_int_equal(yw_account_login_finish(db, &l, 0, IP, UA, NOW,
	    token, csrf), YW_EAUTH);
	assert_string_equal(token, "");
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM login_failure "
	    "WHERE scope_key IN (?, ?)", json_pack("[ss]",
	    "login:13800138000", "ip:" IP)), 2);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM session",
	    json_pack("[]")), 0);

	/* Right password: a session the lookup accepts; failures cleared. */
	assert_int_equal(yw_account_login_begin(db, "+8613800138000", IP, NOW,
	    &l), YW_OK);
	assert_int_equal(yw_password_verify(l.hash, PW, strlen(PW)), YW_OK);
	assert_int_equal(yw_account_login_finish(db, &l, 1, IP, UA, NOW,
	    token, csrf), YW_OK);
	assert_int_equal(strlen(token), 43);
	assert_int_equal(strlen(csrf), 43);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM login_failure "
	    "WHERE scope_key = ?", json_pack("[s]", "login:13800138000")), 0);
	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_lookup(db, token, NOW + MIN, &a, seen),
	    YW_OK);
	assert_int_equal(a.id, id);
	assert_string_equal(a.kind, "citizen");
	assert_string_equal(a.display_name, "张三");
	assert_string_equal(seen, csrf);
	/* Citizens' logins are not audited. */
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log",
	    json_pack("[]")), 0);
}

static void
test_login_throttle_per_login(void **state)
{
	struct yw_login	l;
	char		token[64], csrf[64];
	int64_t		id = account("citizen", "13800138000", "$argon2id$x");
	int		i;

	(void)state;
	/* Four failures, then a success: the count starts again. */
	for (i = 0; i < 4; i++)
		assert_int_equal(login("13800138000", IP, 0, NOW, token, csrf),
		    YW_EAUTH);
	assert_int_equal(login("13800138000", IP, 1, NOW, token, csrf),
	    YW_OK);
	for (i = 0; i < 4; i++)
		assert_int_equal(login("13800138000", IP, 0, NOW, token, csrf),
		    YW_EAUTH);
	assert_int_equal(login("13800138000", IP, 1, NOW, token, csrf),
	    YW_OK);

	/* Five failures, from different addresses: the right password is
	 * refused before it is checked. */
	for (i = 0; i < 5; i++)
		assert_int_equal(login("13800138000", i % 2 ? IP : "192.0.2.8",
		    0, NOW + i, token, csrf), YW_EAUTH);
	assert_int_equal(yw_account_login_begin(db, "13800138000", IP,
	    NOW + 10, &l), YW_ETOOMANY);
	assert_int_equal(yw_account_login_begin(db, "138-0013-8000",
	    "198.51.100.1", NOW + 10, &l), YW_ETOOMANY);
	/* Other accounts are not affected. */
	(void)account("citizen", "13800138001", "$argon2id$x");
	assert_int_equal(yw_account_login_begin(db, "13800138001", IP,
	    NOW + 10, &l), YW_OK);
	/* The window slides: 15 minutes after the first failure one has
	 * dropped out. */
	assert_int_equal(yw_account_login_begin(db, "13800138000", IP,
	    NOW + YW_LOGIN_WINDOW, &l), YW_OK);
	assert_int_equal(l.account_id, id);
}

static void
test_login_throttle_per_addr(void **state)
{
	struct yw_login	l;
	char		token[64], csrf[64], name[32];
	int		i;

	(void)state;
	(void)account("citizen", "13800138000", "$argon2id$x");
	for (i = 0; i < YW_LOGIN_MAX_PER_ADDR; i++) {
		(void)snprintf(name, sizeof(name), "user%d@example.com", i);
		assert_int_equal(login(name, IP, 0, NOW, token, csrf),
		    YW_EAUTH);
	}
	assert_int_equal(yw_account_login_begin(db, "13800138000", IP, NOW,
	    &l), YW_ETOOMANY);
	assert_int_equal(yw_account_login_begin(db, "13800138000",
	    "192.0.2.99", NOW, &l), YW_OK);
	assert_true(l.account_id > 0);
}

static void
test_login_unknown_and_disabled(void **state)
{
	struct yw_login	 l;
	char		 token[64], csrf[64];
	const char	*dummy = yw_password_dummy_hash();
	int64_t		 id;

	(void)state;
	assert_int_equal(strncmp(dummy, "$argon2id$", 10), 0);
	assert_int_equal(yw_account_login_begin(db, "nobody@example.com", IP,
	    NOW, &l), YW_OK);
	assert_int_equal(l.account_id, 0);
	assert_string_equal(l.hash, dummy);
	/* Even a claimed success fails for the dummy. */
	assert_int_equal(yw_account_login_finish(db, &l, 1, IP, UA, NOW,
	    token, csrf), YW_EAUTH);
	assert_string_equal(token, "");
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM login_failure "
	    "WHERE scope_key = ?", json_pack("[s]",
	    "login:nobody@example.com")), 1);

	id = account("citizen", "13800138000", "$argon2id$real");
	json_decref(q("UPDATE account SET status = 'disabled' WHERE id = ?",
	    json_pack("[I]", (json_int_t)id)));
	assert_int_equal(yw_account_login_begin(db, "13800138000", IP, NOW,
	    &l), YW_OK);
	assert_int_equal(l.account_id, 0);
	assert_string_equal(l.hash, dummy);

	/* Disabled between begin and finish. */
	json_decref(q("UPDATE account SET status = 'active' WHERE id = ?",
	    json_pack("[I]", (json_int_t)id)));
	assert_int_equal(yw_account_login_begin(db, "13800138000", IP, NOW,
	    &l), YW_OK);
	assert_int_equal(l.account_id, id);
	json_decref(q("UPDATE account SET status = 'disabled' WHERE id = ?",
	    json_pack("[I]", (json_int_t)id)));
	assert_int_equal(yw_account_login_finish(db, &l, 1, IP, UA, NOW,
	    token, csrf), YW_EAUTH);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM session",
	    json_pack("[]")), 0);

	assert_int_equal(yw_account_login_begin(db, "", IP, NOW, &l),
	    YW_EINVAL);
	assert_int_equal(yw_account_login_begin(db, NULL, IP, NOW, &l),
	    YW_EINVAL);
}

static void
test_login_staff_audited(void **state)
{
	struct yw_actor	 a;
	char		 token[64], csrf[64], seen[64];
	int64_t		 id = account("staff", "wang.wu", "$argon2id$x");
	json_t		*rows, *r;

	(void)state;
	json_decref(q("INSERT INTO staff_role (account_id, role) VALUES (?, ?)",
	    json_pack("[Is]", (json_int_t)id, "auditor")));
	assert_int_equal(login("Wang.Wu", IP, 1, NOW, token, csrf), YW_OK);
	rows = q("SELECT action, actor_login, object_type, object_id, "
	    "source_ip FROM audit_log", json_pack("[]"));
	assert_int_equal(json_array_size(rows), 1);
	r = json_array_get(rows, 0);
	assert_string_equal(json_string_value(json_object_get(r, "action")),
	    "session.login");
	assert_string_equal(json_string_value(json_object_get(r,
	    "actor_login")), "wang.wu");
	assert_string_equal(json_string_value(json_object_get(r,
	    "object_type")), "account");
	assert_int_equal(atoll(json_string_value(json_object_get(r,
	    "object_id"))), id);
	assert_string_equal(json_string_value(json_object_get(r,
	    "source_ip")), IP);
	json_decref(rows);
	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_lookup(db, token, NOW, &a, seen), YW_OK);
	assert_string_equal(a.kind, "staff");
	assert_int_equal(a.roles, YW_ROLE_AUDITOR);
	/* A failed staff login is not an action; it is only throttled. */
	assert_int_equal(login("wang.wu", IP, 0, NOW, token, csrf), YW_EAUTH);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log",
	    json_pack("[]")), 1);
}

static void
test_me(void **state)
{
	struct yw_actor	 a, anon;
	json_t		*me = NULL, *in;
	int64_t		 id, sid;
	char		 token[64], csrf[64], seen[64];

	(void)state;
	memset(&anon, 0, sizeof(anon));
	assert_int_equal(yw_account_me(db, &anon, &me), YW_EAUTH);
	assert_null(me);

	json_decref(q("INSERT INTO region (code, name, level, path) VALUES "
	    "('350000000000', '福建省', 1, '/350000000000/')",
	    json_pack("[]")));
	json_decref(q("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('fj-dsj', '福建省大数据局', "
	    "'350000000000', 0, 0)", json_pack("[]")));
	sid = account("staff", "wang.wu", "$argon2id$x");
	json_decref(q("UPDATE account SET department_id = (SELECT id FROM "
	    "department WHERE code = 'fj-dsj') WHERE id = ?",
	    json_pack("[I]", (json_int_t)sid)));
	json_decref(q("INSERT INTO staff_role (account_id, role) VALUES "
	    "(?, 'publisher'), (?, 'dept_admin')", json_pack("[II]",
	    (json_int_t)sid, (json_int_t)sid)));

	/* A business registered by e-mail (the registration hashes once). */
	in = form("business", "Boss@Example.com", "赵六", PW, PW);
	json_object_set_new(in, "org_name", json_string("某某公司"));
	json_object_set_new(in, "credit_code",
	    json_string("914403001922038216"));
	id = reg_ok(in);
	assert_int_equal(login("boss@example.com", IP, 1, NOW, token, csrf),
	    YW_OK);
	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_lookup(db, token, NOW, &a, seen), YW_OK);
	assert_int_equal(yw_account_me(db, &a, &me), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(me, "id")), id);
	assert_string_equal(json_string_value(json_object_get(me, "kind")),
	    "business");
	assert_string_equal(json_string_value(json_object_get(me,
	    "login_masked")), "b***@example.com");
	assert_string_equal(json_string_value(json_object_get(me,
	    "email_masked")), "b***@example.com");
	assert_string_equal(json_string_value(json_object_get(me,
	    "phone_masked")), "");
	assert_string_equal(json_string_value(json_object_get(me,
	    "org_name")), "某某公司");
	assert_string_equal(json_string_value(json_object_get(me,
	    "credit_code")), "914403001922038216");
	assert_int_equal(strlen(json_string_value(json_object_get(me,
	    "created_at_local"))), 16);
	assert_null(json_object_get(me, "roles"));
	assert_null(json_object_get(me, "department_name"));
	/* Nothing unmasked leaks into the view. */
	assert_null(json_object_get(me, "login"));
	assert_null(json_object_get(me, "email"));
	json_decref(me);

	assert_int_equal(login("wang.wu", IP, 1, NOW, token, csrf), YW_OK);
	assert_int_equal(yw_session_lookup(db, token, NOW, &a, seen), YW_OK);
	assert_int_equal(yw_account_me(db, &a, &me), YW_OK);
	assert_string_equal(json_string_value(json_object_get(me,
	    "login_masked")), "wang.wu");
	assert_string_equal(json_string_value(json_object_get(me,
	    "phone_masked")), "139****9000");
	assert_string_equal(json_string_value(json_object_get(me,
	    "department_name")), "福建省大数据局");
	assert_int_equal(json_array_size(json_object_get(me, "roles")), 2);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(me, "roles"), 0)), "dept_admin");
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(me, "roles"), 1)), "publisher");
	json_decref(me);
}

static void
test_change_password(void **state)
{
	struct yw_actor	 a, anon;
	json_t		*in, *errors = NULL;
	char		 keep[64], other[64], csrf[64], seen[64];
	struct yw_login	 l;

	(void)state;
	(void)reg_ok(form("citizen", "13800138000", "张三", PW, PW));
	assert_int_equal(login("13800138000", IP, 1, NOW, keep, csrf), YW_OK);
	assert_int_equal(login("13800138000", IP, 1, NOW, other, csrf), YW_OK);
	memset(&a, 0, sizeof(a));
	assert_int_equal(yw_session_lookup(db, keep, NOW, &a, seen), YW_OK);

	memset(&anon, 0, sizeof(anon));
	in = json_pack("{ssssss}", "current", PW, "password", "NewSecret9",
	    "password2", "NewSecret9");
	assert_int_equal(yw_account_change_password(db, &anon, in, keep,
	    &errors), YW_EAUTH);
	assert_null(errors);

	/* Rule violations are found before any hashing. */
	json_object_set_new(in, "password", json_string("13800138000a"));
	json_object_set_new(in, "password2", json_string("13800138000a"));
	json_object_set_new(in, "current", json_string(""));
	change_fails(&a, in, keep, "current", "required");
	json_object_set_new(in, "current", json_string("wrong-one1"));
	json_object_set_new(in, "password2", json_string("other"));
	change_fails(&a, in, keep, "password2", "mismatch");

	/* A wrong current password is a counted failure. */
	json_object_set_new(in, "password", json_string("NewSecret9"));
	json_object_set_new(in, "password2", json_string("NewSecret9"));
	change_fails(&a, in, keep, "current", "invalid");
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM login_failure "
	    "WHERE scope_key = ?", json_pack("[s]", "login:13800138000")), 1);

	json_object_set_new(in, "current", json_string(PW));
	assert_int_equal(yw_account_change_password(db, &a, in, keep,
	    &errors), YW_OK);
	assert_null(errors);
	json_decref(in);
	/* This session stays, the other one ended. */
	assert_int_equal(yw_session_lookup(db, keep, NOW, &a, seen), YW_OK);
	assert_int_equal(yw_session_lookup(db, other, NOW, &a, seen),
	    YW_EAUTH);
	assert_int_equal(yw_account_login_begin(db, "13800138000", IP, NOW,
	    &l), YW_OK);
	assert_int_equal(yw_password_verify(l.hash, "NewSecret9", 10), YW_OK);
}

static void
test_change_password_throttled(void **state)
{
	struct yw_actor	 a;
	json_t		*in, *errors = NULL;
	char		 token[64], csrf[64];
	int64_t		 id = account("citizen", "13800138000", "$argon2id$x");
	int		 i;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.id = id;
	(void)snprintf(a.kind, sizeof(a.kind), "citizen");
	(void)snprintf(a.login, sizeof(a.login), "13800138000");
	for (i = 0; i < YW_LOGIN_MAX_PER_LOGIN; i++)
		assert_int_equal(login("13800138000", IP, 0, yw_time_now(),
		    token, csrf), YW_EAUTH);
	in = json_pack("{ssssss}", "current", PW, "password", "NewSecret9",
	    "password2", "NewSecret9");
	assert_int_equal(yw_account_change_password(db, &a, in, NULL,
	    &errors), YW_ETOOMANY);
	assert_null(errors);
	json_decref(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_credit_code),
		cmocka_unit_test(test_normalise),
#define T(fn) cmocka_unit_test_setup_teardown(fn, testdb_setup, \
    testdb_teardown)
		T(test_register_phone_and_email),
		T(test_register_business),
		T(test_register_field_errors),
		T(test_register_throttled),
		T(test_login_end_to_end),
		T(test_login_throttle_per_login),
		T(test_login_throttle_per_addr),
		T(test_login_unknown_and_disabled),
		T(test_login_staff_audited),
		T(test_me),
		T(test_change_password),
		T(test_change_password_throttled),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
