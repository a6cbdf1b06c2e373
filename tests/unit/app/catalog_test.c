/*
 * Tests for src/app/service/catalog: the item code, the completeness
 * score, validation of every field, publishing rules, the permission rules
 * of catalog.h, public reads and filters, and that every change leaves an
 * audit entry. Runs on an in-memory SQLite database, or on PostgreSQL when
 * YW_TEST_PG_URL is set. Each test starts from a city and a district, a
 * city department (gaj), a second city department (wjw) and a district
 * department (gl); the actors are built in memory.
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

#include "app/actor.h"
#include "app/audit/audit.h"
#include "app/org/org.h"
#include "app/service/catalog.h"
#include "store/db.h"
#include "testdb.h"

#define PROVINCE	"350000000000"
#define CITY		"350100000000"
#define COUNTY		"350102000000"
#define OTHER_COUNTY	"350103000000"

static struct yw_actor	 root;
static int64_t		 gaj, wjw, gl;

static const char *
s(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t
n(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void
region(const char *code, const char *name, int level, const char *parent)
{
	json_t	*in, *errors = NULL;

	in = json_pack("{s:s, s:s, s:i, s:s?}", "code", code, "name", name,
	    "level", level, "parent_code", parent);
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors), YW_OK);
	json_decref(in);
}

static int64_t
department(const char *code, const char *name, const char *region_code)
{
	json_t	*in, *errors = NULL;
	int64_t	 id = 0;

	in = json_pack("{s:s, s:s, s:s, s:s}", "code", code, "name", name,
	    "region_code", region_code, "phone", "0591-87000110");
	assert_int_equal(yw_org_department_save(db, &root, 0, in, &id,
	    &errors), YW_OK);
	json_decref(in);
	return id;
}

static void
staff(struct yw_actor *a, const char *login, int64_t dept, unsigned roles)
{
	memset(a, 0, sizeof(*a));
	(void)snprintf(a->kind, sizeof(a->kind), "staff");
	(void)snprintf(a->login, sizeof(a->login), "%s", login);
	a->id = 1000 + (int64_t)roles;
	a->department_id = dept;
	a->roles = roles;
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
	region(OTHER_COUNTY, "台江区", 3, CITY);
	gaj = department("gaj", "福州市公安局", CITY);
	wjw = department("wjw", "福州市卫生健康委员会", CITY);
	gl = department("gl-zwfw", "鼓楼区政务服务中心", COUNTY);
	return 0;
}

/* Every standard field filled, for department dept. */
static json_t *
full(int64_t dept, const char *status)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:[{s:s, s:s, s:i,"
	    " s:s, s:I}, {s:s, s:s}], s:[s, s, s], s:i, s:i, s:s, s:s, s:i,"
	    " s:s, s:s, s:s, s:[s, s], s:s}",
	    "name", "出生登记", "name_en", "Birth registration",
	    "item_type", "confirmation", "department_id", (json_int_t)dept,
	    "legal_basis", "《中华人民共和国户口登记条例》第七条",
	    "conditions", "婴儿出生后一个月以内\n由父母申报",
	    "materials",
	    "name", "出生医学证明", "description", "医院签发", "copies", 1,
	    "form", "original", "shared_department_id", (json_int_t)wjw,
	    "name", "居民户口簿", "form", "both",
	    "steps", "申请", "受理", "办结",
	    "statutory_days", 20, "promised_days", 1, "fee_kind", "free",
	    "fee_text", "", "visits", 0, "online_depth", "full_online",
	    "consult_phone", "0591-87000110", "complaint_phone", "12345",
	    "events", "medical", "birth", "status", status);
}

static int64_t
save_ok(const struct yw_actor *a, int64_t id, json_t *in)
{
	json_t	*errors = NULL;
	int64_t	 out = 0;
	char	*d;

	if (yw_catalog_save(db, a, id, in, &out, &errors) != YW_OK) {
		d = json_dumps(errors, 0);
		fail_msg("save refused: %s", d != NULL ? d : "(no errors)");
	}
	json_decref(in);
	assert_true(out > 0);
	return out;
}

/* Saves in (taken) expecting YW_EINVAL; returns the errors. */
static json_t *
save_bad(const struct yw_actor *a, int64_t id, json_t *in)
{
	json_t	*errors = NULL;

	assert_int_equal(yw_catalog_save(db, a, id, in, NULL, &errors),
	    YW_EINVAL);
	json_decref(in);
	assert_non_null(errors);
	return errors;
}

static void
expect_field(json_t *errors, const char *field, const char *code)
{
	if (s(errors, field) == NULL || strcmp(s(errors, field), code) != 0) {
		char *d = json_dumps(errors, 0);

		fail_msg("want %s=%s, got %s", field, code, d);
	}
}

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
	return r;
}

/* ---- codes and the score ------------------------------------------- */

static void
test_code_scheme(void **state)
{
	char buf[YW_CATALOG_CODE_MAX];

	(void)state;
	assert_int_equal(yw_catalog_code(CITY, "gaj", "confirmation", 1, buf,
	    sizeof(buf)), YW_OK);
	assert_string_equal(buf, "350100-gaj-07-0001");
	assert_int_equal(yw_catalog_code(COUNTY, "gl-zwfw", "public_service",
	    123, buf, sizeof(buf)), YW_OK);
	assert_string_equal(buf, "350102-gl-zwfw-20-0123");
	assert_int_equal(yw_catalog_code(CITY, "gaj", "permit", 10000, buf,
	    sizeof(buf)), YW_EINVAL);
	assert_int_equal(yw_catalog_code("3501", "gaj", "permit", 1, buf,
	    sizeof(buf)), YW_EINVAL);
	assert_int_equal(yw_catalog_code(CITY, "ga j", "permit", 1, buf,
	    sizeof(buf)), YW_EINVAL);
	assert_int_equal(yw_catalog_code(CITY, "gaj", "penalty", 1, buf,
	    sizeof(buf)), YW_EINVAL);
	assert_int_equal(yw_catalog_code(CITY, "gaj", "permit", 1, buf, 8),
	    YW_ETOOBIG);
	assert_string_equal(buf, "");
	assert_string_equal(yw_catalog_type_code("permit"), "01");
	assert_null(yw_catalog_type_code("nope"));
}

static void
test_completeness_score(void **state)
{
	json_t	*item, *missing;

	(void)state;
	item = full(gaj, "draft");
	json_object_set_new(item, "region_code", json_string(CITY));
	assert_int_equal(yw_catalog_completeness(item, &missing), 100);
	assert_int_equal(json_array_size(missing), 0);
	json_decref(missing);

	/* One of sixteen missing: 94; a charged fee needs its text. */
	json_object_set_new(item, "fee_kind", json_string("charged"));
	assert_int_equal(yw_catalog_completeness(item, &missing), 94);
	assert_int_equal(json_array_size(missing), 1);
	assert_string_equal(json_string_value(json_array_get(missing, 0)),
	    "fee_text");
	json_decref(missing);
	json_object_set_new(item, "fee_text", json_string("工本费 20 元"));
	assert_int_equal(yw_catalog_completeness(item, NULL), 100);

	/* Empty lists, null numbers and empty strings do not count; zero
	 * days and zero visits do. */
	json_object_set_new(item, "materials", json_array());
	json_object_set_new(item, "visits", json_null());
	json_object_set_new(item, "legal_basis", json_string(""));
	json_object_set_new(item, "promised_days", json_integer(0));
	assert_int_equal(yw_catalog_completeness(item, &missing), 81);
	assert_int_equal(json_array_size(missing), 3);
	assert_string_equal(json_string_value(json_array_get(missing, 0)),
	    "legal_basis");
	assert_string_equal(json_string_value(json_array_get(missing, 1)),
	    "materials");
	assert_string_equal(json_string_value(json_array_get(missing, 2)),
	    "visits");
	json_decref(missing);
	json_decref(item);

	/* Nothing at all, and only the four fields a draft needs. */
	item = json_object();
	assert_int_equal(yw_catalog_completeness(item, &missing), 0);
	assert_int_equal(json_array_size(missing), 16);
	json_decref(missing);
	json_object_set_new(item, "name", json_string("x"));
	json_object_set_new(item, "item_type", json_string("permit"));
	json_object_set_new(item, "department_id", json_integer(gaj));
	json_object_set_new(item, "region_code", json_string(CITY));
	assert_int_equal(yw_catalog_completeness(item, NULL), 25);
	json_decref(item);
}

/* ---- saving -------------------------------------------------------- */

static void
test_create_publish_and_read(void **state)
{
	json_t	*got, *m, *list, *errors = NULL;
	int64_t	 id, entries;

	(void)state;
	id = save_ok(&root, 0, full(gaj, "published"));
	assert_int_equal(yw_catalog_get(db, "350100-gaj-07-0001", &got),
	    YW_OK);
	assert_int_equal(n(got, "id"), id);
	assert_string_equal(s(got, "name_en"), "Birth registration");
	assert_string_equal(s(json_object_get(got, "department"), "name"),
	    "福州市公安局");
	assert_int_equal(n(json_object_get(got, "region"), "level"), 2);
	assert_string_equal(s(got, "conditions"), "婴儿出生后一个月以内\n"
	    "由父母申报");
	m = json_array_get(json_object_get(got, "materials"), 0);
	assert_true(json_is_true(json_object_get(m, "shared")));
	assert_string_equal(s(m, "shared_department_name"),
	    "福州市卫生健康委员会");
	m = json_array_get(json_object_get(got, "materials"), 1);
	assert_true(json_is_false(json_object_get(m, "shared")));
	assert_int_equal(n(m, "copies"), 1);
	assert_string_equal(s(m, "form"), "both");
	assert_int_equal(json_array_size(json_object_get(got, "steps")), 3);
	assert_string_equal(s(json_array_get(json_object_get(got, "steps"), 2),
	    "text"), "办结");
	/* Events come back in the fixed order, not the input's. */
	list = json_object_get(got, "events");
	assert_string_equal(s(json_array_get(list, 0), "slug"), "birth");
	assert_string_equal(s(json_array_get(list, 1), "slug"), "medical");
	assert_null(json_object_get(got, "completeness"));
	assert_int_equal((int)strlen(s(got, "updated_local")), 16);
	json_decref(got);

	/* The next item of the same prefix takes the next sequence. */
	save_ok(&root, 0, full(gaj, "draft"));
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM service_item"
	    " WHERE code = '350100-gaj-07-0002'", json_array()), 1);
	/* A draft is not public. */
	assert_int_equal(yw_catalog_get(db, "350100-gaj-07-0002", &got),
	    YW_ENOTFOUND);
	assert_int_equal(yw_catalog_get(db, "nope", &got), YW_ENOTFOUND);

	/* Nothing changed: no audit entry. */
	entries = q_int("SELECT COUNT(*) AS n FROM audit_log", json_array());
	got = full(gaj, "published");
	json_object_del(got, "department_id");
	json_object_del(got, "item_type");
	assert_int_equal(yw_catalog_save(db, &root, id, got, NULL, &errors),
	    YW_OK);
	json_decref(got);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log",
	    json_array()), entries);
}

static void
test_validation(void **state)
{
	json_t	*in, *errors;
	char	 longname[YW_CATALOG_NAME_MAX * 3 + 8];
	char	 longstep[YW_CATALOG_STEP_MAX * 3 + 8];
	int	 i;

	(void)state;
	/* Promised beyond statutory. */
	in = full(gaj, "draft");
	json_object_set_new(in, "promised_days", json_integer(30));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "promised_days", "exceeds_statutory");
	json_decref(errors);

	/* Non-numeric, negative and out-of-range numbers. */
	in = full(gaj, "draft");
	json_object_set_new(in, "statutory_days", json_string("二十"));
	json_object_set_new(in, "visits", json_integer(-1));
	json_object_set_new(in, "promised_days", json_string("1000"));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "statutory_days", "invalid");
	expect_field(errors, "visits", "invalid");
	expect_field(errors, "promised_days", "invalid");
	json_decref(errors);

	/* Unknown life event, type, depth, fee kind and status. */
	in = full(gaj, "draft");
	json_object_set_new(in, "events", json_pack("[s, s]", "birth",
	    "travel"));
	json_object_set_new(in, "item_type", json_string("penalty"));
	json_object_set_new(in, "online_depth", json_string("half"));
	json_object_set_new(in, "fee_kind", json_string("maybe"));
	json_object_set_new(in, "status", json_string("withdrawn"));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "events", "invalid");
	expect_field(errors, "item_type", "invalid");
	expect_field(errors, "online_depth", "invalid");
	expect_field(errors, "fee_kind", "invalid");
	expect_field(errors, "status", "invalid");
	json_decref(errors);

	/* Over-long, invalid UTF-8, control characters, bad phones. */
	for (i = 0; i <= YW_CATALOG_NAME_MAX; i++)
		memcpy(longname + i * 3, "事", 3);
	longname[(YW_CATALOG_NAME_MAX + 1) * 3] = '\0';
	in = full(gaj, "draft");
	json_object_set_new(in, "name", json_string(longname));
	json_object_set_new(in, "name_en", json_stringn_nocheck("a\xff", 2));
	json_object_set_new(in, "legal_basis", json_string("ok\x01"));
	json_object_set_new(in, "consult_phone", json_string("call us"));
	json_object_set_new(in, "complaint_phone", json_string("12"));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "name", "too_long");
	expect_field(errors, "name_en", "invalid");
	expect_field(errors, "legal_basis", "invalid");
	expect_field(errors, "consult_phone", "invalid");
	expect_field(errors, "complaint_phone", "invalid");
	json_decref(errors);

	/* Materials: named by position; blank rows skipped. */
	in = full(gaj, "draft");
	json_object_set_new(in, "materials", json_pack("[{s:s}, {s:s, s:s},"
	    " {s:s, s:s}, {s:s, s:I}, {s:s, s:s}]",
	    "name", "",
	    "name", "身份证", "copies", "abc",
	    "description", "no name", "form", "original",
	    "name", "证明", "shared_department_id", (json_int_t)99999,
	    "name", "户口簿", "form", "scanned"));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "material_2_copies", "invalid");
	expect_field(errors, "material_3_name", "required");
	expect_field(errors, "material_4_shared_department_id", "not_found");
	expect_field(errors, "material_5_form", "invalid");
	assert_null(json_object_get(errors, "material_1_name"));
	json_decref(errors);

	/* Steps: too long a line, too many lines. */
	for (i = 0; i <= YW_CATALOG_STEP_MAX; i++)
		memcpy(longstep + i * 3, "步", 3);
	longstep[(YW_CATALOG_STEP_MAX + 1) * 3] = '\0';
	in = full(gaj, "draft");
	json_object_set_new(in, "steps", json_pack("[s]", longstep));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "steps", "too_long");
	json_decref(errors);
	in = full(gaj, "draft");
	json_object_set_new(in, "steps", json_array());
	for (i = 0; i <= YW_CATALOG_STEPS_MAX; i++)
		json_array_append_new(json_object_get(in, "steps"),
		    json_string("步骤"));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "steps", "too_many");
	json_decref(errors);

	/* Required on create; region below the department only. */
	in = json_pack("{s:s, s:s}", "region_code", COUNTY, "status", "draft");
	errors = save_bad(&root, 0, in);
	expect_field(errors, "name", "required");
	expect_field(errors, "item_type", "required");
	expect_field(errors, "department_id", "required");
	json_decref(errors);
	in = full(gl, "draft");
	json_object_set_new(in, "region_code", json_string(CITY));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "region_code", "invalid");
	json_decref(errors);
	in = full(gaj, "draft");
	json_object_set_new(in, "region_code", json_string("350199000000"));
	errors = save_bad(&root, 0, in);
	expect_field(errors, "region_code", "not_found");
	json_decref(errors);
	in = full(99999, "draft");
	errors = save_bad(&root, 0, in);
	expect_field(errors, "department_id", "not_found");
	json_decref(errors);

	/* A city department may implement an item at district level. */
	in = full(gaj, "draft");
	json_object_set_new(in, "region_code", json_string(COUNTY));
	save_ok(&root, 0, in);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM service_item"
	    " WHERE code = '350102-gaj-07-0001'", json_array()), 1);
	/* Nothing was written by the refused saves. */
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM service_item",
	    json_array()), 1);
}

static void
test_publish_needs_every_field(void **state)
{
	json_t	*in, *errors, *got;
	int64_t	 id;

	(void)state;
	in = json_pack("{s:s, s:s, s:I, s:s}", "name", "草稿事项",
	    "item_type", "permit", "department_id", (json_int_t)gaj,
	    "status", "published");
	errors = save_bad(&root, 0, in);
	expect_field(errors, "name_en", "required");
	expect_field(errors, "events", "required");
	expect_field(errors, "materials", "required");
	expect_field(errors, "steps", "required");
	expect_field(errors, "legal_basis", "required");
	expect_field(errors, "fee_kind", "required");
	expect_field(errors, "visits", "required");
	expect_field(errors, "complaint_phone", "required");
	assert_null(json_object_get(errors, "name"));
	assert_null(json_object_get(errors, "online_depth"));
	json_decref(errors);

	/* As a draft it saves, scored; filled in, it publishes. */
	in = json_pack("{s:s, s:s, s:I}", "name", "草稿事项", "item_type",
	    "permit", "department_id", (json_int_t)gaj);
	id = save_ok(&root, 0, in);
	assert_int_equal(yw_catalog_admin_get(db, &root, id, &got), YW_OK);
	assert_int_equal(n(got, "completeness"), 25);
	assert_string_equal(s(got, "status"), "draft");
	assert_int_equal(json_array_size(json_object_get(got, "missing")), 12);
	json_decref(got);
	assert_int_equal(q_int("SELECT completeness FROM service_item"
	    " WHERE id = ?", json_pack("[I]", (json_int_t)id)), 25);

	in = full(gaj, "published");
	json_object_set_new(in, "fee_kind", json_string("charged"));
	errors = save_bad(&root, id, in);
	expect_field(errors, "fee_text", "required");
	json_decref(errors);
	in = full(gaj, "published");
	json_object_set_new(in, "item_type", json_string("permit"));
	save_ok(&root, id, in);
	got = last_audit();
	assert_string_equal(s(got, "action"), "service.publish");
	assert_non_null(strstr(s(got, "detail"), "\"materials\""));
	json_decref(got);

	/* Emptying a published item's field is refused while it stays
	 * published; withdrawing is fine and hides it. */
	in = json_pack("{s:s}", "legal_basis", "");
	errors = save_bad(&root, id, in);
	expect_field(errors, "legal_basis", "required");
	json_decref(errors);
	save_ok(&root, id, json_pack("{s:s}", "status", "withdrawn"));
	got = last_audit();
	assert_string_equal(s(got, "action"), "service.withdraw");
	json_decref(got);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM service_item"
	    " WHERE status = 'published'", json_array()), 0);
}

static void
test_fixed_after_create(void **state)
{
	json_t	*in, *errors;
	int64_t	 id;

	(void)state;
	id = save_ok(&root, 0, full(gaj, "draft"));
	in = json_pack("{s:I, s:s, s:s}", "department_id", (json_int_t)wjw,
	    "item_type", "permit", "region_code", COUNTY);
	errors = save_bad(&root, id, in);
	expect_field(errors, "department_id", "fixed");
	expect_field(errors, "item_type", "fixed");
	expect_field(errors, "region_code", "fixed");
	json_decref(errors);
	/* Unchanged values may be sent back as they are. */
	in = full(gaj, "draft");
	json_object_set_new(in, "region_code", json_string(CITY));
	json_object_set_new(in, "name", json_string("出生登记（新生儿）"));
	save_ok(&root, id, in);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM service_item"
	    " WHERE code = '350100-gaj-07-0001' AND name = ?",
	    json_pack("[s]", "出生登记（新生儿）")), 1);
}

/* ---- permissions --------------------------------------------------- */

static void
test_permissions(void **state)
{
	struct yw_actor	 admin, publisher, other_pub, handler, anon;
	json_t		*in, *errors = NULL, *got;
	int64_t		 id, other;

	(void)state;
	staff(&admin, "gaj_admin", gaj, YW_ROLE_DEPT_ADMIN);
	staff(&publisher, "gaj_pub", gaj, YW_ROLE_PUBLISHER);
	staff(&other_pub, "wjw_pub", wjw, YW_ROLE_PUBLISHER);
	staff(&handler, "gaj_handler", gaj, YW_ROLE_CASE_HANDLER);
	memset(&anon, 0, sizeof(anon));

	/* A department admin creates for their own department, which is
	 * the default. */
	in = full(gaj, "draft");
	json_object_del(in, "department_id");
	id = save_ok(&admin, 0, in);
	assert_int_equal(q_int("SELECT department_id FROM service_item"
	    " WHERE id = ?", json_pack("[I]", (json_int_t)id)), gaj);
	/* ... and edits it; so does a publisher of the department. */
	save_ok(&admin, id, json_pack("{s:s}", "status", "published"));
	save_ok(&publisher, id, json_pack("{s:s}", "name_en", "Birth"));
	got = last_audit();
	assert_string_equal(s(got, "actor_login"), "gaj_pub");
	assert_string_equal(s(got, "action"), "service.update");
	json_decref(got);

	/* Another department's publisher: not found, nothing changes. */
	in = json_pack("{s:s}", "name", "hijack");
	assert_int_equal(yw_catalog_save(db, &other_pub, id, in, NULL,
	    &errors), YW_ENOTFOUND);
	json_decref(in);
	assert_null(errors);
	assert_int_equal(yw_catalog_admin_get(db, &other_pub, id, &got),
	    YW_ENOTFOUND);
	errors = save_bad(&other_pub, 0, full(gaj, "draft"));
	expect_field(errors, "department_id", "forbidden");
	json_decref(errors);
	other = save_ok(&other_pub, 0, full(wjw, "draft"));
	assert_int_equal(yw_catalog_admin_list(db, &other_pub, &got), YW_OK);
	assert_int_equal(json_array_size(got), 1);
	assert_int_equal(n(json_array_get(got, 0), "id"), other);
	json_decref(got);
	assert_int_equal(yw_catalog_admin_list(db, &root, &got), YW_OK);
	assert_int_equal(json_array_size(got), 2);
	json_decref(got);

	/* Roles without catalogue rights, and nobody. */
	in = full(gaj, "draft");
	assert_int_equal(yw_catalog_save(db, &handler, 0, in, NULL, &errors),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_catalog_save(db, &anon, 0, in, NULL, &errors),
	    YW_EFORBIDDEN);
	json_decref(in);
	assert_int_equal(yw_catalog_admin_list(db, &handler, &got),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_catalog_admin_get(db, &anon, id, &got),
	    YW_EFORBIDDEN);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM service_item"
	    " WHERE name = 'hijack'", json_array()), 0);
	assert_false(yw_catalog_may_edit(&handler));
	assert_true(yw_catalog_may_edit(&publisher));
}

/* ---- public reads -------------------------------------------------- */

static void
test_list_filters_and_counts(void **state)
{
	struct yw_catalog_filter	 f;
	json_t				*out, *errors, *in, *ev;
	size_t				 i;

	(void)state;
	save_ok(&root, 0, full(gaj, "published"));	/* birth, medical */
	in = full(wjw, "published");
	json_object_set_new(in, "events", json_pack("[s]", "birth"));
	json_object_set_new(in, "item_type", json_string("public_service"));
	save_ok(&root, 0, in);
	in = full(gl, "published");
	json_object_set_new(in, "events", json_pack("[s]", "business-start"));
	save_ok(&root, 0, in);
	save_ok(&root, 0, full(gaj, "draft"));			/* not public */

	memset(&f, 0, sizeof(f));
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors), YW_OK);
	assert_int_equal(n(json_object_get(out, "paging"), "total"), 3);
	assert_int_equal(json_array_size(json_object_get(out, "services")), 3);
	json_decref(out);

	f.event = "birth";
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors), YW_OK);
	assert_int_equal(n(json_object_get(out, "paging"), "total"), 2);
	json_decref(out);
	f.type = "public_service";
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors), YW_OK);
	assert_int_equal(n(json_object_get(out, "paging"), "total"), 1);
	assert_string_equal(s(json_array_get(json_object_get(out, "services"),
	    0), "department_name"), "福州市卫生健康委员会");
	json_decref(out);

	memset(&f, 0, sizeof(f));
	f.region_code = COUNTY;
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors), YW_OK);
	assert_int_equal(n(json_object_get(out, "paging"), "total"), 1);
	json_decref(out);
	f.region_code = NULL;
	f.level = 2;
	f.department_id = gaj;
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors), YW_OK);
	assert_int_equal(n(json_object_get(out, "paging"), "total"), 1);
	json_decref(out);

	/* Paging. */
	memset(&f, 0, sizeof(f));
	f.per_page = 2;
	f.page = 2;
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors), YW_OK);
	assert_int_equal(json_array_size(json_object_get(out, "services")), 1);
	assert_int_equal(n(json_object_get(out, "paging"), "pages"), 2);
	assert_int_equal(n(json_object_get(out, "paging"), "prev_page"), 1);
	assert_true(json_is_null(json_object_get(json_object_get(out,
	    "paging"), "next_page")));
	json_decref(out);

	/* Bad filters name their field; unknown objects are not found. */
	memset(&f, 0, sizeof(f));
	f.event = "travel";
	f.type = "penalty";
	f.level = 7;
	f.per_page = 101;
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors), YW_EINVAL);
	expect_field(errors, "event", "invalid");
	expect_field(errors, "type", "invalid");
	expect_field(errors, "level", "invalid");
	expect_field(errors, "per_page", "invalid");
	json_decref(errors);
	memset(&f, 0, sizeof(f));
	f.department_id = 99999;
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors),
	    YW_ENOTFOUND);
	f.department_id = 0;
	f.region_code = "350199000000";
	assert_int_equal(yw_catalog_list(db, &f, &out, &errors),
	    YW_ENOTFOUND);

	assert_int_equal(yw_catalog_event_counts(db, &out), YW_OK);
	assert_int_equal(json_array_size(json_object_get(out, "individual")),
	    9);
	assert_int_equal(json_array_size(json_object_get(out, "business")), 4);
	json_array_foreach(json_object_get(out, "individual"), i, ev) {
		if (strcmp(s(ev, "slug"), "birth") == 0)
			assert_int_equal(n(ev, "count"), 2);
		else if (strcmp(s(ev, "slug"), "medical") == 0)
			assert_int_equal(n(ev, "count"), 1);
		else
			assert_int_equal(n(ev, "count"), 0);
	}
	ev = json_array_get(json_object_get(out, "business"), 0);
	assert_string_equal(s(ev, "slug"), "business-start");
	assert_int_equal(n(ev, "count"), 1);
	json_decref(out);
}

static void
test_every_change_audited(void **state)
{
	int64_t	 id, before;
	json_t	*r;

	(void)state;
	before = q_int("SELECT COUNT(*) AS n FROM audit_log", json_array());
	id = save_ok(&root, 0, full(gaj, "draft"));
	r = last_audit();
	assert_string_equal(s(r, "action"), "service.create");
	assert_string_equal(s(r, "object_type"), "service");
	assert_int_equal(atoll(s(r, "object_id")), id);
	assert_non_null(strstr(s(r, "detail"), "350100-gaj-07-0001"));
	json_decref(r);
	save_ok(&root, id, json_pack("{s:s}", "status", "published"));
	save_ok(&root, id, json_pack("{s:s}", "status", "draft"));
	r = last_audit();
	assert_string_equal(s(r, "action"), "service.unpublish");
	json_decref(r);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log",
	    json_array()), before + 3);
}

/* The guide's optional English texts: saved, read back, limited like
 * the Chinese ones, never needed to publish, audited when changed. */
static void
test_english_guide(void **state)
{
	json_t	*in, *got, *m, *errors, *steps, *a;
	int64_t	 id, entries;
	char	 big[YW_CATALOG_TEXT_MAX + 2];

	(void)state;
	id = save_ok(&root, 0, full(gaj, "published"));
	assert_int_equal(yw_catalog_get(db, "350100-gaj-07-0001", &got),
	    YW_OK);
	assert_string_equal(s(got, "conditions_en"), "");
	assert_string_equal(s(json_array_get(json_object_get(got, "steps"), 0),
	    "text_en"), "");
	json_decref(got);

	in = json_pack("{s:s, s:s, s:s, s:[s, s], s:[{s:s, s:s, s:s, s:I,"
	    " s:s}, {s:s, s:s, s:s}], s:[s, s, s]}",
	    "conditions_en", "  Within a month of the birth\nby a parent ",
	    "legal_basis_en", "Household Registration Regulations, Art. 7",
	    "fee_text_en", "",
	    "steps_en", "", "Accept",
	    "materials",
	    "name", "出生医学证明", "name_en", "Birth medical certificate",
	    "description_en", "Issued by the hospital", "shared_department_id",
	    (json_int_t)wjw, "form", "original",
	    "name", "居民户口簿", "form", "both", "name_en", "",
	    "steps", "申请", "受理", "办结");
	save_ok(&root, id, in);
	assert_int_equal(yw_catalog_get(db, "350100-gaj-07-0001", &got),
	    YW_OK);
	assert_string_equal(s(got, "conditions_en"), "Within a month of the "
	    "birth\nby a parent");
	assert_string_equal(s(got, "legal_basis_en"),
	    "Household Registration Regulations, Art. 7");
	assert_string_equal(s(got, "conditions"), "婴儿出生后一个月以内\n"
	    "由父母申报");
	steps = json_object_get(got, "steps");
	assert_string_equal(s(json_array_get(steps, 0), "text_en"), "");
	assert_string_equal(s(json_array_get(steps, 1), "text_en"), "Accept");
	assert_string_equal(s(json_array_get(steps, 2), "text_en"), "");
	m = json_array_get(json_object_get(got, "materials"), 0);
	assert_string_equal(s(m, "name_en"), "Birth medical certificate");
	assert_string_equal(s(m, "description_en"), "Issued by the hospital");
	assert_string_equal(s(json_array_get(json_object_get(got,
	    "materials"), 1), "name_en"), "");
	json_decref(got);
	a = last_audit();
	assert_string_equal(s(a, "action"), "service.update");
	assert_non_null(strstr(s(a, "detail"), "conditions_en"));
	assert_non_null(strstr(s(a, "detail"), "steps_en"));
	json_decref(a);

	/* Saving the same again changes nothing and audits nothing. */
	entries = q_int("SELECT COUNT(*) AS n FROM audit_log", json_array());
	in = json_pack("{s:[s, s]}", "steps_en", "", "Accept");
	save_ok(&root, id, in);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log",
	    json_array()), entries);

	/* The same limits as the Chinese texts; more English steps than
	 * steps is refused; nothing is saved. */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	in = json_pack("{s:s, s:[s, s, s, s], s:[{s:s, s:s}]}",
	    "conditions_en", big, "steps_en", "a", "b", "c", "d",
	    "materials", "name", "材料", "name_en",
	    "x" "\x01" "y");
	errors = save_bad(&root, id, in);
	expect_field(errors, "conditions_en", "too_long");
	expect_field(errors, "steps_en", "too_many");
	expect_field(errors, "material_1_name_en", "invalid");
	json_decref(errors);
	assert_int_equal(yw_catalog_get(db, "350100-gaj-07-0001", &got),
	    YW_OK);
	assert_string_equal(s(got, "conditions_en"), "Within a month of the "
	    "birth\nby a parent");
	json_decref(got);

	/* Fewer Chinese steps cut the stored English ones to match. */
	in = json_pack("{s:[s]}", "steps", "申请");
	save_ok(&root, id, in);
	assert_int_equal(yw_catalog_get(db, "350100-gaj-07-0001", &got),
	    YW_OK);
	assert_int_equal(json_array_size(json_object_get(got, "steps")), 1);
	json_decref(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, testdb_teardown)
		T(test_code_scheme),
		T(test_completeness_score),
		T(test_create_publish_and_read),
		T(test_validation),
		T(test_publish_needs_every_field),
		T(test_fixed_after_create),
		T(test_permissions),
		T(test_list_filters_and_counts),
		T(test_every_change_audited),
		T(test_english_guide),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
