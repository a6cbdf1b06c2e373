/*
 * data_test.c - the resource catalogue's save validation (data.c): every
 * GB/T 21063 field is required and a missing one is refused naming it;
 * conditions follow the attributes; stewards edit only their own
 * department's entries; a save is audited. Also the freshness rules
 * (fresh.c).
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

#include "app/data/data.h"
#include "app/data/fresh.h"
#include "app/org/org.h"
#include "testdb.h"

static struct yw_actor	root;
static int64_t		wjw, gaj;

static int64_t
department(const char *code, const char *name)
{
	json_t	*in, *errors = NULL;
	int64_t	 id = 0;

	in = json_pack("{s:s, s:s, s:s, s:s}", "code", code, "name", name,
	    "region_code", "350100000000", "phone", "0591-87000110");
	assert_int_equal(yw_org_department_save(db, &root, 0, in, &id,
	    &errors), YW_OK);
	json_decref(in);
	return id;
}

static void
steward(struct yw_actor *a, int64_t dept)
{
	memset(a, 0, sizeof(*a));
	(void)snprintf(a->kind, sizeof(a->kind), "staff");
	(void)snprintf(a->login, sizeof(a->login), "steward%lld",
	    (long long)dept);
	a->id = 0;
	a->department_id = dept;
	a->roles = YW_ROLE_DATA_STEWARD;
}

static int
setup(void **state)
{
	json_t *in, *errors = NULL;

	if (testdb_setup(state) != 0)
		return -1;
	yw_actor_cli(&root, "cli");
	in = json_pack("{s:s, s:s, s:i}", "code", "350000000000", "name",
	    "福建省", "level", 1);
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors), YW_OK);
	json_decref(in);
	in = json_pack("{s:s, s:s, s:i, s:s}", "code", "350100000000", "name",
	    "福州市", "level", 2, "parent_code", "350000000000");
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors), YW_OK);
	json_decref(in);
	wjw = department("wjw", "福州市卫生健康委员会");
	gaj = department("gaj", "福州市公安局");
	return 0;
}

static json_t *
full(void)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:[{s:s, s:s, s:s, s:i, s:b, s:b}]}",
	    "name", "出生医学证明", "summary", "新生儿出生医学证明信息",
	    "classification", "base", "format", "database", "sharing",
	    "conditional", "sharing_conditions", "仅限办理出生登记",
	    "open_attr", "none", "open_conditions", "涉及个人隐私",
	    "update_cycle", "daily", "published_on", "2026-01-15", "items",
	    "name", "cert_no", "label", "证明编号", "type", "string",
	    "length", 10, "required", 1, "personal", 0);
}

static void
test_each_field_missing_is_named(void **state)
{
	static const char *const fields[] = { "name", "summary",
	    "classification", "format", "sharing", "sharing_conditions",
	    "open_attr", "open_conditions", "update_cycle", "published_on",
	    "items" };
	struct yw_actor	 a;
	char		 code[YW_DATA_CODE_MAX];
	json_t		*in, *errors;
	size_t		 i;

	(void)state;
	steward(&a, wjw);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		in = full();
		if (strcmp(fields[i], "items") == 0)
			json_object_set_new(in, "items", json_array());
		else
			json_object_set_new(in, fields[i], json_string(""));
		errors = NULL;
		assert_int_equal(yw_data_resource_save(db, &a, NULL, in, code,
		    &errors), YW_EINVAL);
		assert_non_null(errors);
		assert_string_equal(json_string_value(json_object_get(errors,
		    fields[i])), "required");
		assert_string_equal(code, "");
		json_decref(errors);
		json_decref(in);
	}
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM data_resource",
	    json_array()), 0);
}

static void
test_bad_values_and_conditions(void **state)
{
	struct yw_actor	 a;
	char		 code[YW_DATA_CODE_MAX];
	json_t		*in, *errors = NULL;

	(void)state;
	steward(&a, wjw);
	in = full();
	json_object_set_new(in, "update_cycle", json_string("hourly"));
	json_object_set_new(in, "published_on", json_string("2026-02-30"));
	json_object_set_new(in, "key_item", json_string("nope"));
	assert_int_equal(yw_data_resource_save(db, &a, NULL, in, code,
	    &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "update_cycle")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "published_on")), "date");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "key_item")), "invalid");
	json_decref(errors);
	json_decref(in);
	/* Unconditional sharing and opening need no conditions. */
	in = full();
	json_object_set_new(in, "sharing", json_string("unconditional"));
	json_object_set_new(in, "sharing_conditions", json_string(""));
	json_object_set_new(in, "open_attr", json_string("unconditional"));
	json_object_set_new(in, "open_conditions", json_string(""));
	errors = NULL;
	assert_int_equal(yw_data_resource_save(db, &a, NULL, in, code,
	    &errors), YW_OK);
	assert_string_equal(code, "wjw-0001");
	json_decref(in);
}

static void
test_only_own_department_and_audited(void **state)
{
	struct yw_actor	 a, other;
	char		 code[YW_DATA_CODE_MAX];
	json_t		*in, *errors = NULL;

	(void)state;
	steward(&a, wjw);
	steward(&other, gaj);
	in = full();
	assert_int_equal(yw_data_resource_save(db, &a, NULL, in, code,
	    &errors), YW_OK);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log WHERE"
	    " action = 'data_resource.create' AND object_id = 'wjw-0001'",
	    json_array()), 1);
	assert_int_equal(yw_data_resource_save(db, &other, "wjw-0001", in,
	    code, &errors), YW_EFORBIDDEN);
	json_object_set_new(in, "name", json_string("出生医学证明信息"));
	assert_int_equal(yw_data_resource_save(db, &a, "wjw-0001", in, code,
	    &errors), YW_OK);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log WHERE"
	    " action = 'data_resource.update'", json_array()), 1);
	json_decref(in);
}

static void
test_freshness_limits(void **state)
{
	int64_t now = 1800000000;

	(void)state;
	assert_false(yw_data_fresh_late("daily", now - 86400, now));
	assert_false(yw_data_fresh_late("daily", now - 2 * 86400, now));
	assert_true(yw_data_fresh_late("daily", now - 2 * 86400 - 1, now));
	assert_true(yw_data_fresh_late("realtime", now - 3601, now));
	assert_false(yw_data_fresh_late("realtime", now - 3600, now));
	assert_false(yw_data_fresh_late("yearly", now - 366 * 86400, now));
	assert_true(yw_data_fresh_late("monthly", now - 33 * 86400, now));
	assert_false(yw_data_fresh_late("weekly", now - 8 * 86400, now));
	assert_true(yw_data_fresh_late("quarterly", now - 94 * 86400, now));
	assert_false(yw_data_fresh_late("sometimes", 0, now));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, testdb_teardown)
		T(test_each_field_missing_is_named),
		T(test_bad_values_and_conditions),
		T(test_only_own_department_and_audited),
		T(test_freshness_limits),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
