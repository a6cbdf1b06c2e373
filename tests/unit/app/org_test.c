/*
 * Tests for src/app/org: the region tree and its code rules, departments,
 * staff, the permission rules of org.h, actor loading, and that every
 * change leaves a verifiable audit entry. Runs on an in-memory SQLite
 * database, or on PostgreSQL when YW_TEST_PG_URL is set (the public schema
 * is dropped first). Each test starts from a province/city/county/township
 * chain and two departments made through the API; staff accounts the tests
 * only act as are inserted directly, so that Argon2id (slow under ASan)
 * runs only where a test creates an account or resets a password.
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

#include "app/account/password.h"
#include "app/actor.h"
#include "app/audit/audit.h"
#include "app/org/org.h"
#include "store/db.h"
#include "testdb.h"

#define PROVINCE	"350000000000"
#define CITY		"350100000000"
#define COUNTY		"350102000000"
#define TOWNSHIP	"350102001000"

static struct yw_actor	 root;		/* platform administrator (CLI) */
static int64_t		 gaj, rsj;	/* county and city departments */

static int64_t
audit_count(void)
{
	return q_int("SELECT COUNT(*) AS n FROM audit_log", json_array());
}

/* The newest audit entry's action; asserts the chain still verifies. */
static json_t *
last_audit(void)
{
	json_t	*rows, *r;
	int64_t	 count, bad;

	assert_int_equal(yw_audit_verify(db, &count, &bad), YW_OK);
	rows = q("SELECT action, object_type, object_id, detail, actor_login"
	    " FROM audit_log ORDER BY id DESC LIMIT 1", json_array());
	r = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	assert_non_null(r);
	return r;
}

static void
expect_last_action(const char *action)
{
	json_t *r;

	r = last_audit();
	assert_string_equal(json_string_value(json_object_get(r, "action")),
	    action);
	json_decref(r);
}

static const char *
s(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void
expect_field(json_t *errors, const char *field, const char *code)
{
	assert_non_null(errors);
	if (s(errors, field) == NULL || strcmp(s(errors, field), code) != 0) {
		char *d = json_dumps(errors, 0);

		fail_msg("want %s=%s, got %s", field, code, d);
		free(d);
	}
}

static void
region(const char *code, const char *name, int level, const char *parent)
{
	json_t	*in, *errors = NULL;

	in = json_pack("{s:s, s:s, s:i, s:s?}", "code", code, "name", name,
	    "level", level, "parent_code", parent);
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors), YW_OK);
	assert_null(errors);
	json_decref(in);
}

static int64_t
department(const char *code, const char *name, const char *region_code)
{
	json_t	*in, *errors = NULL;
	int64_t	 id = 0;

	in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", code, "name", name,
	    "region_code", region_code, "phone", "0591-87111111", "address",
	    "福州市鼓楼区");
	assert_int_equal(yw_org_department_save(db, &root, 0, in, &id,
	    &errors), YW_OK);
	assert_null(errors);
	assert_true(id > 0);
	json_decref(in);
	return id;
}

/* Inserts a staff account with roles (a comma list) and no usable
 * password, and returns its id. */
static int64_t
staff_row(const char *login, int64_t dept, const char *roles)
{
	json_t		*rows;
	int64_t		 id;
	char		 buf[128], *tok, *save;

	json_decref(q("INSERT INTO account (kind, login, phone, display_name,"
	    " password_hash, department_id, created_at, updated_at)"
	    " VALUES ('staff', ?, '13812345678', ?, 'x', ?, 0, 0)",
	    json_pack("[ssI]", login, login, (json_int_t)dept)));
	rows = q("SELECT id FROM account WHERE login = ?",
	    json_pack("[s]", login));
	id = json_integer_value(json_object_get(json_array_get(rows, 0),
	    "id"));
	json_decref(rows);
	(void)snprintf(buf, sizeof(buf), "%s", roles);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		json_decref(q("INSERT INTO staff_role (account_id, role)"
		    " VALUES (?, ?)", json_pack("[Is]", (json_int_t)id, tok)));
	return id;
}

static void
load(int64_t id, struct yw_actor *a)
{
	memset(a, 0, sizeof(*a));
	(void)snprintf(a->source_ip, sizeof(a->source_ip), "%s", "192.0.2.9");
	assert_int_equal(yw_org_actor_load(db, id, a), YW_OK);
}

static int
setup(void **state)
{
	if (testdb_setup(state) != 0)
		return -1;
	yw_actor_cli(&root, "cli");
	region(PROVINCE, "福建省", 1, NULL);
	region(CITY, "福州市", 2, PROVINCE);
	region(COUNTY, "鼓楼区", 3, CITY);
	region(TOWNSHIP, "鼓东街道", 4, COUNTY);
	gaj = department("gl-gaj", "鼓楼区公安分局", COUNTY);
	rsj = department("fz-rsj", "福州市人力资源和社会保障局", CITY);
	return 0;
}

/* ---- regions -------------------------------------------------------- */

static void
test_regions_public_tree(void **state)
{
	json_t *l, *r;

	(void)state;
	assert_int_equal(yw_org_regions(db, NULL, &l), YW_OK);
	assert_int_equal(json_array_size(l), 4);
	r = json_array_get(l, 0);
	assert_string_equal(s(r, "code"), PROVINCE);
	assert_string_equal(s(r, "code6"), "350000");
	assert_int_equal(json_integer_value(json_object_get(r, "depth")), 0);
	assert_true(json_is_null(json_object_get(r, "parent_code")));
	r = json_array_get(l, 3);
	assert_string_equal(s(r, "code"), TOWNSHIP);
	assert_string_equal(s(r, "parent_code"), COUNTY);
	assert_int_equal(json_integer_value(json_object_get(r, "level")), 4);
	assert_int_equal(json_integer_value(json_object_get(r, "depth")), 3);
	json_decref(l);

	/* A subtree, with depth counted from its root. */
	assert_int_equal(yw_org_regions(db, CITY, &l), YW_OK);
	assert_int_equal(json_array_size(l), 3);
	assert_string_equal(s(json_array_get(l, 0), "code"), CITY);
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(l, 2), "depth")), 2);
	json_decref(l);
	assert_int_equal(yw_org_regions(db, "359900000000", &l),
	    YW_ENOTFOUND);

	assert_int_equal(yw_org_region_get(db, COUNTY, &r), YW_OK);
	assert_string_equal(s(r, "name"), "鼓楼区");
	assert_string_equal(s(r, "parent_name"), "福州市");
	assert_string_equal(s(r, "code6"), "350102");
	assert_string_equal(s(r, "path"),
	    "/350000000000/350100000000/350102000000/");
	json_decref(r);
	assert_int_equal(yw_org_region_get(db, "350102009000", &r),
	    YW_ENOTFOUND);
}

static void
test_region_code_shapes(void **state)
{
	(void)state;
	assert_true(yw_org_region_code_valid(PROVINCE, 1, NULL));
	assert_true(yw_org_region_code_valid(CITY, 2, PROVINCE));
	assert_true(yw_org_region_code_valid(COUNTY, 3, CITY));
	assert_true(yw_org_region_code_valid(TOWNSHIP, 4, COUNTY));
	assert_true(yw_org_region_code_valid("350102001001", 5, TOWNSHIP));
	/* Digits past the level's segment, or an all-zero segment. */
	assert_false(yw_org_region_code_valid("350100000000", 1, NULL));
	assert_false(yw_org_region_code_valid("350102000000", 2, PROVINCE));
	assert_false(yw_org_region_code_valid("350000000000", 2, PROVINCE));
	assert_false(yw_org_region_code_valid("350100000000", 3, CITY));
	assert_false(yw_org_region_code_valid("350102000001", 4, COUNTY));
	assert_false(yw_org_region_code_valid("350102001000", 5, TOWNSHIP));
	assert_false(yw_org_region_code_valid("000000000000", 1, NULL));
	/* Not under the parent, or the parent of the wrong level. */
	assert_false(yw_org_region_code_valid("360100000000", 2, PROVINCE));
	assert_false(yw_org_region_code_valid("350202000000", 3, CITY));
	assert_false(yw_org_region_code_valid(COUNTY, 3, PROVINCE));
	assert_false(yw_org_region_code_valid(CITY, 2, NULL));
	assert_false(yw_org_region_code_valid(PROVINCE, 1, PROVINCE));
	/* Shape. */
	assert_false(yw_org_region_code_valid("35010200000", 3, CITY));
	assert_false(yw_org_region_code_valid("35010200000a", 3, CITY));
	assert_false(yw_org_region_code_valid(COUNTY, 6, CITY));
	assert_false(yw_org_region_code_valid(COUNTY, 0, CITY));
}

/* Tries to create a region and expects field error field=code. */
static void
bad_region(const char *code, json_t *level, const char *parent,
    const char *field, const char *code_want)
{
	json_t	*in, *errors = NULL;
	int64_t	 before;

	before = audit_count();
	in = json_pack("{s:s, s:s, s:o, s:s?}", "code", code, "name", "某地",
	    "level", level, "parent_code", parent);
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors),
	    YW_EINVAL);
	expect_field(errors, field, code_want);
	json_decref(errors);
	json_decref(in);
	assert_int_equal(audit_count(), before);
}

static void
test_region_create_validation(void **state)
{
	json_t	*in, *errors = NULL, *l;

	(void)state;
	/* Code shape per level and parent. */
	bad_region("350200000000", json_integer(3), CITY, "code", "invalid");
	bad_region("350103000001", json_integer(3), CITY, "code", "invalid");
	bad_region("360100000000", json_integer(2), PROVINCE, "code",
	    "invalid");
	bad_region("350102002001", json_integer(4), COUNTY, "code",
	    "invalid");
	bad_region("35010200100X", json_integer(5), TOWNSHIP, "code",
	    "invalid");
	bad_region("3501", json_integer(2), PROVINCE, "code", "invalid");
	/* Levels: skipping one, out of range, missing or wrong parent. */
	bad_region("350103000000", json_integer(3), PROVINCE, "parent_code",
	    "invalid");
	bad_region("350103000000", json_integer(6), CITY, "level", "invalid");
	bad_region("350103000000", json_string("三"), CITY, "level",
	    "invalid");
	bad_region("350103000000", json_integer(3), NULL, "parent_code",
	    "required");
	bad_region("350103000000", json_integer(3), "350199000000",
	    "parent_code", "not_found");
	bad_region("360000000000", json_integer(1), PROVINCE, "parent_code",
	    "invalid");
	bad_region(COUNTY, json_integer(3), CITY, "code", "taken");

	/* Name rules. */
	in = json_pack("{s:s, s:s, s:i, s:s}", "code", "350103000000", "name",
	    "  ", "level", 3, "parent_code", CITY);
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors),
	    YW_EINVAL);
	expect_field(errors, "name", "required");
	json_decref(errors);
	json_decref(in);
	in = json_pack("{s:s, s:s, s:i, s:s}", "code", "350103000000", "name",
	    "台江\x01区", "level", 3, "parent_code", CITY);
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors),
	    YW_EINVAL);
	expect_field(errors, "name", "invalid");
	json_decref(errors);
	json_decref(in);

	/* The level may come as a numeric string (forms); the name is
	 * trimmed; a village completes the chain. */
	in = json_pack("{s:s, s:s, s:s, s:s}", "code", "350102001001", "name",
	    " 鼓东社区 ", "level", "5", "parent_code", TOWNSHIP);
	errors = NULL;
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors), YW_OK);
	assert_null(errors);
	json_decref(in);
	expect_last_action("region.create");
	assert_int_equal(yw_org_regions(db, TOWNSHIP, &l), YW_OK);
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(s(json_array_get(l, 1), "name"), "鼓东社区");
	json_decref(l);
}

static void
test_region_update(void **state)
{
	struct yw_actor	 a;
	json_t		*in, *errors = NULL, *r, *detail;
	int64_t		 before;

	(void)state;
	in = json_pack("{s:s, s:s, s:s}", "code", COUNTY, "name", "鼓楼区",
	    "name_en", "Gulou District");
	assert_int_equal(yw_org_region_save(db, &root, 0, in, &errors), YW_OK);
	json_decref(in);
	r = last_audit();
	assert_string_equal(s(r, "action"), "region.update");
	assert_string_equal(s(r, "object_id"), COUNTY);
	/* Only the changed field is recorded. */
	detail = json_loads(s(r, "detail"), 0, NULL);
	assert_non_null(detail);
	assert_int_equal(json_object_size(detail), 1);
	assert_string_equal(s(json_object_get(detail, "name_en"), "new"),
	    "Gulou District");
	json_decref(detail);
	json_decref(r);

	/* Saving the same values again changes and audits nothing. */
	before = audit_count();
	in = json_pack("{s:s, s:s}", "code", COUNTY, "name_en",
	    "Gulou District");
	assert_int_equal(yw_org_region_save(db, &root, 0, in, &errors), YW_OK);
	json_decref(in);
	assert_int_equal(audit_count(), before);

	/* Structure cannot change; unknown codes are not found. */
	in = json_pack("{s:s, s:i}", "code", COUNTY, "level", 2);
	assert_int_equal(yw_org_region_save(db, &root, 0, in, &errors),
	    YW_EINVAL);
	expect_field(errors, "level", "invalid");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	in = json_pack("{s:s, s:s}", "code", "350103000000", "name", "台江区");
	assert_int_equal(yw_org_region_save(db, &root, 0, in, &errors),
	    YW_ENOTFOUND);
	assert_null(errors);

	/* Only a platform administrator edits regions. */
	load(staff_row("gaj_admin", gaj, "dept_admin"), &a);
	assert_int_equal(yw_org_region_save(db, &a, 0, in, &errors),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_org_region_save(db, NULL, 1, in, &errors),
	    YW_EFORBIDDEN);
	assert_null(errors);
	json_decref(in);
}

/* ---- departments ---------------------------------------------------- */

static void
test_departments_public_list(void **state)
{
	json_t *l, *d;

	(void)state;
	/* Ordered by region path: the city's bureau before the county's. */
	assert_int_equal(yw_org_departments(db, NULL, &l), YW_OK);
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(s(json_array_get(l, 0), "code"), "fz-rsj");
	assert_string_equal(s(json_array_get(l, 1), "region_name"), "鼓楼区");
	json_decref(l);
	assert_int_equal(yw_org_departments(db, COUNTY, &l), YW_OK);
	assert_int_equal(json_array_size(l), 1);
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(l, 0), "id")), gaj);
	json_decref(l);
	assert_int_equal(yw_org_departments(db, TOWNSHIP, &l), YW_OK);
	assert_int_equal(json_array_size(l), 0);
	json_decref(l);
	assert_int_equal(yw_org_departments(db, "359900000000", &l),
	    YW_ENOTFOUND);

	assert_int_equal(yw_org_department_get(db, gaj, &d), YW_OK);
	assert_string_equal(s(d, "name"), "鼓楼区公安分局");
	assert_string_equal(s(d, "phone"), "0591-87111111");
	assert_string_equal(s(d, "region_code"), COUNTY);
	json_decref(d);
	assert_int_equal(yw_org_department_get(db, 9999, &d), YW_ENOTFOUND);
}

static void
test_department_admin_rules(void **state)
{
	json_t	*in, *errors = NULL, *d, *r;
	int64_t	 id = 0, before;

	(void)state;
	expect_last_action("department.create");

	/* Validation. */
	in = json_pack("{s:s, s:s, s:s, s:s}", "code", "gl-gaj", "name",
	    "重复", "region_code", COUNTY, "phone", "call us");
	assert_int_equal(yw_org_department_save(db, &root, 0, in, &id,
	    &errors), YW_EINVAL);
	expect_field(errors, "code", "taken");
	expect_field(errors, "phone", "invalid");
	assert_int_equal(id, 0);
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	in = json_pack("{s:s, s:s, s:s}", "code", "bad code", "name", "某局",
	    "region_code", "350199000000");
	assert_int_equal(yw_org_department_save(db, &root, 0, in, &id,
	    &errors), YW_EINVAL);
	expect_field(errors, "code", "invalid");
	expect_field(errors, "region_code", "not_found");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	in = json_pack("{s:s}", "code", "x");
	assert_int_equal(yw_org_department_save(db, &root, 0, in, &id,
	    &errors), YW_EINVAL);
	expect_field(errors, "name", "required");
	expect_field(errors, "region_code", "required");
	json_decref(errors);
	errors = NULL;
	json_decref(in);

	/* A platform administrator may move a department and recode it. */
	before = audit_count();
	in = json_pack("{s:s, s:s}", "code", "fz-gaj", "region_code", CITY);
	assert_int_equal(yw_org_department_save(db, &root, gaj, in, &id,
	    &errors), YW_OK);
	assert_int_equal(id, gaj);
	json_decref(in);
	assert_int_equal(audit_count(), before + 1);
	r = last_audit();
	assert_string_equal(s(r, "action"), "department.update");
	assert_non_null(strstr(s(r, "detail"), "fz-gaj"));
	assert_null(strstr(s(r, "detail"), "address"));
	json_decref(r);
	assert_int_equal(yw_org_department_get(db, gaj, &d), YW_OK);
	assert_string_equal(s(d, "code"), "fz-gaj");
	assert_string_equal(s(d, "name"), "鼓楼区公安分局");	/* kept */
	json_decref(d);
	in = json_pack("{s:s}", "name", "某局");
	assert_int_equal(yw_org_department_save(db, &root, 9999, in, &id,
	    &errors), YW_ENOTFOUND);
	json_decref(in);
}

static void
test_department_dept_admin_rules(void **state)
{
	struct yw_actor	 a;
	json_t		*in, *errors = NULL, *d;
	int64_t		 id = 0;

	(void)state;
	load(staff_row("gaj_admin", gaj, "dept_admin"), &a);

	/* Own department: contact fields and name. */
	in = json_pack("{s:s, s:s, s:s}", "name", "鼓楼区公安分局（新）",
	    "phone", "0591 8711 2222", "address", "鼓楼区某路1号");
	assert_int_equal(yw_org_department_save(db, &a, gaj, in, &id,
	    &errors), YW_OK);
	assert_null(errors);
	json_decref(in);
	expect_last_action("department.update");
	assert_int_equal(yw_org_department_get(db, gaj, &d), YW_OK);
	assert_string_equal(s(d, "phone"), "0591 8711 2222");
	json_decref(d);

	/* Not its code or region. */
	in = json_pack("{s:s, s:s}", "code", "other", "region_code", CITY);
	assert_int_equal(yw_org_department_save(db, &a, gaj, in, &id,
	    &errors), YW_EINVAL);
	expect_field(errors, "code", "forbidden");
	expect_field(errors, "region_code", "forbidden");
	json_decref(errors);
	errors = NULL;
	json_decref(in);

	/* Not another department, and no new ones. */
	in = json_pack("{s:s}", "phone", "0591-80000000");
	assert_int_equal(yw_org_department_save(db, &a, rsj, in, &id,
	    &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_org_department_save(db, &a, 0, in, &id, &errors),
	    YW_EFORBIDDEN);
	assert_null(errors);

	/* Other staff and citizens change nothing. */
	load(staff_row("gaj_handler", gaj, "case_handler,auditor"), &a);
	assert_int_equal(yw_org_department_save(db, &a, gaj, in, &id,
	    &errors), YW_EFORBIDDEN);
	memset(&a, 0, sizeof(a));
	(void)snprintf(a.kind, sizeof(a.kind), "%s", "citizen");
	a.id = 77;
	a.roles = YW_ROLE_PLATFORM_ADMIN;	/* roles mean nothing here */
	assert_int_equal(yw_org_department_save(db, &a, gaj, in, &id,
	    &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_org_department_save(db, NULL, 0, in, &id,
	    &errors), YW_EFORBIDDEN);
	json_decref(in);
}

/* ---- staff ---------------------------------------------------------- */

static json_t *
staff_by_login(json_t *list, const char *login)
{
	json_t	*e;
	size_t	 i;

	json_array_foreach(list, i, e)
		if (strcmp(s(e, "login"), login) == 0)
			return e;
	return NULL;
}

/* A bulk load gives two accounts one precomputed hash; each logs in with
 * the password, and the password is still checked as on any save. */
static void
test_staff_save_hashed(void **state)
{
	json_t	*in, *errors = NULL, *l;
	char	 h[YW_PASSWORD_HASH_MAX];
	int64_t	 a = 0, b = 0;

	(void)state;
	assert_int_equal(yw_password_hash("Shared2026pw", 12, h, sizeof(h)),
	    YW_OK);
	in = json_pack("{s:s, s:s, s:I, s:s, s:s}", "login", "bulk.one",
	    "display_name", "甲", "department_id", (json_int_t)gaj, "roles",
	    "case_handler", "password", "Shared2026pw");
	assert_int_equal(yw_org_staff_save_hashed(db, &root, 0, in, h, &a,
	    &errors), YW_OK);
	json_object_set_new(in, "login", json_string("bulk.two"));
	assert_int_equal(yw_org_staff_save_hashed(db, &root, 0, in, h, &b,
	    &errors), YW_OK);
	l = q("SELECT password_hash FROM account WHERE id IN (?, ?)",
	    json_pack("[II]", (json_int_t)a, (json_int_t)b));
	assert_int_equal(json_array_size(l), 2);
	assert_int_equal(yw_password_verify(s(json_array_get(l, 0),
	    "password_hash"), "Shared2026pw", 12), YW_OK);
	assert_int_equal(yw_password_verify(s(json_array_get(l, 1),
	    "password_hash"), "Shared2026pw", 12), YW_OK);
	json_decref(l);
	/* A weak password is refused even with a hash supplied. */
	json_object_set_new(in, "login", json_string("bulk.three"));
	json_object_set_new(in, "password", json_string("short"));
	assert_int_equal(yw_org_staff_save_hashed(db, &root, 0, in, h, NULL,
	    &errors), YW_EINVAL);
	assert_non_null(json_object_get(errors, "password"));
	json_decref(errors);
	json_decref(in);
}

static void
test_staff_platform_admin_creates_and_updates(void **state)
{
	json_t	*in, *errors = NULL, *st, *r, *l;
	int64_t	 id = 0, n;

	(void)state;
	in = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "login",
	    "wang.li", "display_name", "王丽", "phone", "13912345678", "email",
	    "wang.li@example.gov.cn", "department_id", (json_int_t)gaj,
	    "roles", "case_handler, publisher", "password", "Secret2026pw");
	assert_int_equal(yw_org_staff_save(db, &root, 0, in, &id, &errors),
	    YW_OK);
	assert_null(errors);
	assert_true(id > 0);
	json_decref(in);

	/* The audit entry names the change but never the password, and
	 * shows contact data masked. */
	r = last_audit();
	assert_string_equal(s(r, "action"), "staff.create");
	assert_null(strstr(s(r, "detail"), "Secret2026pw"));
	assert_null(strstr(s(r, "detail"), "password"));
	assert_null(strstr(s(r, "detail"), "13912345678"));
	assert_non_null(strstr(s(r, "detail"), "139****5678"));
	json_decref(r);
	/* The stored password is an Argon2id hash of it. */
	l = q("SELECT password_hash FROM account WHERE id = ?",
	    json_pack("[I]", (json_int_t)id));
	assert_int_equal(yw_password_verify(s(json_array_get(l, 0),
	    "password_hash"), "Secret2026pw", 12), YW_OK);
	json_decref(l);

	assert_int_equal(yw_org_staff_get(db, &root, id, &st), YW_OK);
	assert_string_equal(s(st, "login"), "wang.li");
	assert_string_equal(s(st, "phone_masked"), "139****5678");
	assert_string_equal(s(st, "department_name"), "鼓楼区公安分局");
	assert_string_equal(s(st, "status"), "active");
	assert_int_equal(json_array_size(json_object_get(st, "roles")), 2);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(st, "roles"), 0)), "case_handler");
	json_decref(st);

	/* Update: move to another department, change roles, disable. */
	json_decref(q("INSERT INTO session (token_hash, account_id, csrf,"
	    " created_at, last_seen, expires_at) VALUES ('t1', ?, 'c', 0, 0,"
	    " 9999999999)", json_pack("[I]", (json_int_t)id)));
	in = json_pack("{s:I, s:[s], s:s}", "department_id", (json_int_t)rsj,
	    "roles", "dept_admin", "status", "disabled");
	assert_int_equal(yw_org_staff_save(db, &root, id, in, NULL, &errors),
	    YW_OK);
	json_decref(in);
	r = last_audit();
	assert_string_equal(s(r, "action"), "staff.update");
	assert_non_null(strstr(s(r, "detail"), "dept_admin"));
	assert_non_null(strstr(s(r, "detail"), "disabled"));
	json_decref(r);
	n = q_int("SELECT COUNT(*) AS n FROM session WHERE account_id = ?",
	    json_pack("[I]", (json_int_t)id));
	assert_int_equal(n, 0);	/* disabling ends the sessions */
	assert_int_equal(yw_org_staff_list(db, &root, rsj, &l), YW_OK);
	assert_int_equal(json_array_size(l), 1);
	st = staff_by_login(l, "wang.li");
	assert_non_null(st);
	assert_string_equal(s(st, "status"), "disabled");
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(st, "roles"), 0)), "dept_admin");
	assert_null(json_object_get(st, "phone"));
	json_decref(l);

	/* The login is fixed; unknown roles and bad contacts are refused. */
	in = json_pack("{s:s, s:s, s:s, s:s}", "login", "wang.li2", "roles",
	    "case_handler,boss", "phone", "12345", "email", "nobody");
	assert_int_equal(yw_org_staff_save(db, &root, id, in, NULL, &errors),
	    YW_EINVAL);
	expect_field(errors, "login", "invalid");
	expect_field(errors, "roles", "invalid");
	expect_field(errors, "phone", "invalid");
	expect_field(errors, "email", "invalid");
	json_decref(errors);
	json_decref(in);
}

static void
test_staff_create_validation(void **state)
{
	json_t	*in, *errors = NULL;
	int64_t	 id = 0, before;

	(void)state;
	staff_row("zhang.san", gaj, "case_handler");
	before = audit_count();
	/* Shape errors: no hashing, nothing stored. */
	in = json_pack("{s:s, s:s, s:I, s:s}", "login", "Zhang San",
	    "display_name", "", "department_id", (json_int_t)gaj, "password",
	    "short1");
	assert_int_equal(yw_org_staff_save(db, &root, 0, in, &id, &errors),
	    YW_EINVAL);
	expect_field(errors, "login", "invalid");
	expect_field(errors, "display_name", "required");
	expect_field(errors, "password", "invalid");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	in = json_pack("{s:s, s:s, s:s}", "login", "li.si", "display_name",
	    "李四", "password", "lettersonly");
	assert_int_equal(yw_org_staff_save(db, &root, 0, in, &id, &errors),
	    YW_EINVAL);
	expect_field(errors, "password", "invalid");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	in = json_pack("{s:s, s:s}", "login", "li.si", "display_name", "李四");
	assert_int_equal(yw_org_staff_save(db, &root, 0, in, &id, &errors),
	    YW_EINVAL);
	expect_field(errors, "password", "required");
	json_decref(errors);
	errors = NULL;
	json_decref(in);

	/* Database checks: a taken login, an unknown department. */
	in = json_pack("{s:s, s:s, s:i, s:s}", "login", "zhang.san",
	    "display_name", "张三", "department_id", 9999, "password",
	    "Passw0rdOK");
	assert_int_equal(yw_org_staff_save(db, &root, 0, in, &id, &errors),
	    YW_EINVAL);
	expect_field(errors, "login", "taken");
	expect_field(errors, "department_id", "not_found");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	assert_int_equal(id, 0);
	assert_int_equal(audit_count(), before);
}

static void
test_staff_dept_admin_scope(void **state)
{
	struct yw_actor	 a;
	json_t		*l, *st = NULL, *in, *errors = NULL;
	int64_t		 own, other, boss, id = 0, before, n;

	(void)state;
	load(staff_row("gaj_admin", gaj, "dept_admin"), &a);
	own = staff_row("gaj_handler", gaj, "case_handler");
	other = staff_row("rsj_handler", rsj, "case_handler");
	boss = staff_row("gaj_boss", gaj, "platform_admin");

	/* The list holds the own department only. */
	assert_int_equal(yw_org_staff_list(db, &a, 0, &l), YW_OK);
	assert_int_equal(json_array_size(l), 3);
	assert_non_null(staff_by_login(l, "gaj_handler"));
	assert_null(staff_by_login(l, "rsj_handler"));
	assert_string_equal(s(staff_by_login(l, "gaj_handler"),
	    "phone_masked"), "138****5678");
	json_decref(l);
	assert_int_equal(yw_org_staff_list(db, &a, rsj, &l), YW_EFORBIDDEN);

	/* Other departments' staff do not exist for it. */
	assert_int_equal(yw_org_staff_get(db, &a, own, &st), YW_OK);
	json_decref(st);
	assert_int_equal(yw_org_staff_get(db, &a, other, &st), YW_ENOTFOUND);
	assert_null(st);
	in = json_pack("{s:s}", "display_name", "改名");
	assert_int_equal(yw_org_staff_save(db, &a, other, in, NULL, &errors),
	    YW_ENOTFOUND);
	/* Platform admins are out of reach even in the own department. */
	assert_int_equal(yw_org_staff_save(db, &a, boss, in, NULL, &errors),
	    YW_EFORBIDDEN);
	assert_null(errors);
	json_decref(in);

	/* Grants: never platform_admin or dept_admin, never elsewhere. */
	before = audit_count();
	in = json_pack("{s:[ss]}", "roles", "case_handler", "platform_admin");
	assert_int_equal(yw_org_staff_save(db, &a, own, in, NULL, &errors),
	    YW_EINVAL);
	expect_field(errors, "roles", "forbidden");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	in = json_pack("{s:s}", "roles", "dept_admin");
	assert_int_equal(yw_org_staff_save(db, &a, own, in, NULL, &errors),
	    YW_EINVAL);
	expect_field(errors, "roles", "forbidden");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	in = json_pack("{s:I}", "department_id", (json_int_t)rsj);
	assert_int_equal(yw_org_staff_save(db, &a, own, in, NULL, &errors),
	    YW_EINVAL);
	expect_field(errors, "department_id", "forbidden");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	/* Nor may it drop its own dept_admin role or disable itself. */
	in = json_pack("{s:s, s:s}", "roles", "case_handler", "status",
	    "disabled");
	assert_int_equal(yw_org_staff_save(db, &a, a.id, in, NULL, &errors),
	    YW_EINVAL);
	expect_field(errors, "roles", "forbidden");
	expect_field(errors, "status", "forbidden");
	json_decref(errors);
	errors = NULL;
	json_decref(in);
	assert_int_equal(audit_count(), before);

	/* What it may do: grant the working roles... */
	in = json_pack("{s:[ss]}", "roles", "case_handler", "publisher");
	assert_int_equal(yw_org_staff_save(db, &a, own, in, NULL, &errors),
	    YW_OK);
	json_decref(in);
	expect_last_action("staff.update");
	/* ...reset a password, which ends the account's sessions... */
	json_decref(q("INSERT INTO session (token_hash, account_id, csrf,"
	    " created_at, last_seen, expires_at) VALUES ('t2', ?, 'c', 0, 0,"
	    " 9999999999)", json_pack("[I]", (json_int_t)own)));
	in = json_pack("{s:s}", "password", "NewPassw0rd");
	assert_int_equal(yw_org_staff_save(db, &a, own, in, NULL, &errors),
	    YW_OK);
	json_decref(in);
	expect_last_action("staff.password_reset");
	n = q_int("SELECT COUNT(*) AS n FROM session WHERE account_id = ?",
	    json_pack("[I]", (json_int_t)own));
	assert_int_equal(n, 0);
	/* ...and create staff, who land in its own department. */
	in = json_pack("{s:s, s:s, s:s, s:s}", "login", "gaj_new",
	    "display_name", "新同事", "roles", "data_steward", "password",
	    "Welcome2026");
	assert_int_equal(yw_org_staff_save(db, &a, 0, in, &id, &errors),
	    YW_OK);
	json_decref(in);
	assert_int_equal(yw_org_staff_get(db, &a, id, &st), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(st,
	    "department_id")), gaj);
	json_decref(st);
	expect_last_action("staff.create");
}

static void
test_staff_others_forbidden(void **state)
{
	struct yw_actor	 a;
	json_t		*l = NULL, *st = NULL, *in;
	json_t		*errors = NULL;
	int64_t		 me, colleague;

	(void)state;
	me = staff_row("gaj_handler", gaj, "case_handler,auditor");
	colleague = staff_row("gaj_other", gaj, "case_handler");
	load(me, &a);
	assert_int_equal(yw_org_staff_list(db, &a, 0, &l), YW_EFORBIDDEN);
	/* Staff see themselves, and nobody else. */
	assert_int_equal(yw_org_staff_get(db, &a, me, &st), YW_OK);
	json_decref(st);
	st = NULL;
	assert_int_equal(yw_org_staff_get(db, &a, colleague, &st),
	    YW_ENOTFOUND);
	in = json_pack("{s:s}", "display_name", "改名");
	assert_int_equal(yw_org_staff_save(db, &a, me, in, NULL, &errors),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_org_staff_save(db, &a, 0, in, NULL, &errors),
	    YW_EFORBIDDEN);

	/* Citizens and anonymous visitors: nothing at all. */
	memset(&a, 0, sizeof(a));
	(void)snprintf(a.kind, sizeof(a.kind), "%s", "citizen");
	a.id = me;	/* even with a colliding id */
	a.roles = YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN;
	assert_int_equal(yw_org_staff_list(db, &a, 0, &l), YW_EFORBIDDEN);
	assert_int_equal(yw_org_staff_get(db, &a, me, &st), YW_ENOTFOUND);
	assert_int_equal(yw_org_staff_save(db, &a, me, in, NULL, &errors),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_org_staff_list(db, NULL, 0, &l), YW_EFORBIDDEN);
	assert_int_equal(yw_org_staff_get(db, NULL, me, &st), YW_ENOTFOUND);
	assert_int_equal(yw_org_staff_save(db, NULL, 0, in, NULL, &errors),
	    YW_EFORBIDDEN);
	assert_null(l);
	assert_null(st);
	assert_null(errors);
	json_decref(in);
}

/* ---- actors --------------------------------------------------------- */

static void
test_actor_load(void **state)
{
	struct yw_actor	a;
	int64_t		id, cid;

	(void)state;
	id = staff_row("gaj_admin", gaj, "dept_admin,auditor");
	load(id, &a);
	assert_int_equal(a.id, id);
	assert_string_equal(a.kind, "staff");
	assert_string_equal(a.login, "gaj_admin");
	assert_int_equal(a.department_id, gaj);
	assert_string_equal(a.region_path,
	    "/350000000000/350100000000/350102000000/");
	assert_int_equal(a.roles, YW_ROLE_DEPT_ADMIN | YW_ROLE_AUDITOR);
	assert_string_equal(a.source_ip, "192.0.2.9");	/* kept */

	/* In its region and every region above; not below or beside. */
	assert_true(yw_org_actor_in_region(&a,
	    "/350000000000/350100000000/350102000000/"));
	assert_true(yw_org_actor_in_region(&a, "/350000000000/"));
	assert_false(yw_org_actor_in_region(&a,
	    "/350000000000/350100000000/350102000000/350102001000/"));
	assert_false(yw_org_actor_in_region(&a,
	    "/350000000000/350100000000/350103000000/"));
	assert_false(yw_org_actor_in_region(&a, ""));
	assert_false(yw_org_actor_in_region(NULL, "/350000000000/"));

	/* A citizen has no department, region or roles. */
	json_decref(q("INSERT INTO account (kind, login, display_name,"
	    " password_hash, created_at, updated_at) VALUES ('citizen',"
	    " '13800138000', '张三', 'x', 0, 0)", json_array()));
	cid = q_int("SELECT id FROM account WHERE login = '13800138000'",
	    json_array());
	json_decref(q("INSERT INTO staff_role (account_id, role)"
	    " VALUES (?, 'platform_admin')",
	    json_pack("[I]", (json_int_t)cid)));
	load(cid, &a);
	assert_string_equal(a.kind, "citizen");
	assert_int_equal(a.department_id, 0);
	assert_string_equal(a.region_path, "");
	assert_int_equal(a.roles, 0);
	assert_false(yw_org_actor_in_region(&a, "/350000000000/"));

	/* Disabled and missing accounts load as nobody. */
	json_decref(q("UPDATE account SET status = 'disabled' WHERE id = ?",
	    json_pack("[I]", (json_int_t)id)));
	assert_int_equal(yw_org_actor_load(db, id, &a), YW_EAUTH);
	assert_int_equal(a.id, 0);
	assert_int_equal(a.roles, 0);
	assert_string_equal(a.source_ip, "192.0.2.9");
	assert_int_equal(yw_org_actor_load(db, 424242, &a), YW_ENOTFOUND);
	assert_int_equal(a.id, 0);
}

static void
test_actor_load_cuts_long_names_whole(void **state)
{
	struct yw_actor	 a;
	char		 name[100 * 3 + 1];
	int64_t		 id;
	size_t		 i;

	(void)state;
	/* The longest valid name, 64 CJK characters, fits whole. */
	for (i = 0; i < 100; i++)
		memcpy(name + i * 3, "名", 3);
	name[64 * 3] = '\0';
	id = staff_row("long_name", gaj, "case_handler");
	json_decref(q("UPDATE account SET display_name = ? WHERE id = ?",
	    json_pack("[sI]", name, (json_int_t)id)));
	load(id, &a);
	assert_string_equal(a.display_name, name);
	/* 100 (written behind the domain's back) do not fit display_name[256]
	 * and are cut at a character boundary, never inside one. */
	memcpy(name + 64 * 3, "名", 3);
	name[100 * 3] = '\0';
	json_decref(q("UPDATE account SET display_name = ? WHERE id = ?",
	    json_pack("[sI]", name, (json_int_t)id)));
	load(id, &a);
	assert_int_equal(strlen(a.display_name), 85 * 3);
	assert_memory_equal(a.display_name, name, 85 * 3);
}

static void
test_every_change_audited(void **state)
{
	int64_t count = 0, bad = -1;

	(void)state;
	/* setup made 4 regions and 2 departments through the API. */
	assert_int_equal(yw_audit_verify(db, &count, &bad), YW_OK);
	assert_int_equal(count, 6);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log"
	    " WHERE action = 'region.create' AND actor_login = 'cli'",
	    json_array()), 4);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log"
	    " WHERE action = 'department.create'", json_array()), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, testdb_teardown)
		T(test_regions_public_tree),
		T(test_region_code_shapes),
		T(test_region_create_validation),
		T(test_region_update),
		T(test_departments_public_list),
		T(test_department_admin_rules),
		T(test_department_dept_admin_rules),
		T(test_staff_platform_admin_creates_and_updates),
		T(test_staff_save_hashed),
		T(test_staff_create_validation),
		T(test_staff_dept_admin_scope),
		T(test_staff_others_forbidden),
		T(test_actor_load),
		T(test_actor_load_cuts_long_names_whole),
		T(test_every_change_audited),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
