/*
 * The consultation knowledge base in the domain: who may keep which
 * department's answers, field errors, the audit entry, what the index
 * finds (a two-character Chinese word; a sentence loosely), unpublished
 * and deleted answers gone from it, and entry ids.
 */
#include "testdb.h"

#include "app/interact/kb.h"

static struct yw_actor rsj_admin, rsj_pub, rsj_steward, gaj_admin, citizen;
static int64_t d_rsj, d_gaj;

static void
actor(struct yw_actor *a, const char *kind, const char *login, int64_t dept,
    unsigned roles)
{
	memset(a, 0, sizeof(*a));
	a->id = q_int("INSERT INTO account (kind, login, display_name, "
	    "password_hash, department_id, created_at, updated_at) VALUES "
	    "(?, ?, ?, 'x', ?, 0, 0) RETURNING id", json_pack("[ssso]", kind,
	    login, login, dept != 0 ? json_integer(dept) : json_null()));
	(void)snprintf(a->kind, sizeof(a->kind), "%s", kind);
	(void)snprintf(a->login, sizeof(a->login), "%s", login);
	a->department_id = dept;
	a->roles = roles;
}

static int
setup(void **state)
{
	if (testdb_setup(state) != 0)
		return -1;
	json_decref(q("INSERT INTO region (code, name, level, path) VALUES "
	    "('350100000000', '福州市', 1, '/350100000000/')", json_array()));
	d_rsj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('rsj', '人社局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	d_gaj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('gaj', '公安局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	actor(&rsj_admin, "staff", "rsj_admin", d_rsj, YW_ROLE_DEPT_ADMIN);
	actor(&rsj_pub, "staff", "rsj_pub", d_rsj, YW_ROLE_PUBLISHER);
	actor(&rsj_steward, "staff", "rsj_steward", d_rsj,
	    YW_ROLE_DATA_STEWARD);
	actor(&gaj_admin, "staff", "gaj_admin", d_gaj, YW_ROLE_DEPT_ADMIN);
	actor(&citizen, "citizen", "13800138000", 0, 0);
	return 0;
}

static int64_t
save(const struct yw_actor *a, int64_t id, const char *question,
    const char *answer, int published, enum yw_err want)
{
	json_t		*in, *errors = NULL;
	int64_t		 out = 0;

	in = json_pack("{s:s, s:s, s:s, s:b}", "category", "social_security",
	    "question", question, "answer", answer, "published", published);
	assert_int_equal(yw_kb_save(db, a, id, in, 1000, &out, &errors),
	    want);
	json_decref(in);
	json_decref(errors);
	return out;
}

static int64_t
found(const char *text)
{
	json_t	*r;
	int64_t	 n;

	assert_int_equal(yw_kb_search(db, text, 1, &r), YW_OK);
	n = json_integer_value(json_object_get(r, "total"));
	json_decref(r);
	return n;
}

static void
test_answers(void **state)
{
	json_t	*in, *errors, *e, *list;
	int64_t	 id;

	(void)state;
	in = json_pack("{s:s, s:s, s:s}", "category", "nope", "question", "",
	    "answer", "a\001b");
	assert_int_equal(yw_kb_save(db, &rsj_admin, 0, in, 1000, &id,
	    &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "category")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "question")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "answer")), "invalid");
	json_decref(errors);
	json_decref(in);
	id = save(&rsj_pub, 0, "社保卡丢了怎么补办？", "到网点挂失补办。", 1,
	    YW_OK);
	assert_true(id > 0);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'kb.create'", json_array()), 1);
	/* The department already has that question. */
	save(&rsj_admin, 0, "社保卡丢了怎么补办？", "又一个", 1, YW_EINVAL);
	/* A two-character word finds it, a longer sentence loosely. */
	assert_int_equal(found("社保"), 1);
	assert_int_equal(found("补办"), 1);
	assert_int_equal(found("公积金"), 0);
	assert_int_equal(yw_kb_suggest(db, "我的社保卡找不到了", &list), YW_OK);
	assert_int_equal(json_array_size(json_object_get(list, "entries")), 1);
	json_decref(list);
	assert_int_equal(yw_kb_entry(db, "a999", &e), YW_ENOTFOUND);
	assert_int_equal(yw_kb_entry(db, "x1", &e), YW_ENOTFOUND);
	/* Unpublished: gone from the index and from the public entry. */
	save(&rsj_admin, id, "社保卡丢了怎么补办？", "到网点挂失补办。", 0,
	    YW_OK);
	assert_int_equal(found("社保"), 0);
	assert_int_equal(yw_kb_staff_get(db, &rsj_pub, id, &e), YW_OK);
	json_decref(e);
	save(&rsj_admin, id, "社保卡丢了怎么补办？", "新答复：可在线申请。", 1,
	    YW_OK);
	assert_int_equal(found("在线申请"), 1);
	assert_int_equal(yw_kb_delete(db, &rsj_admin, id), YW_OK);
	assert_int_equal(found("社保"), 0);
}

static void
test_permissions(void **state)
{
	json_t	*e, *list;
	int64_t	 id;

	(void)state;
	id = save(&rsj_admin, 0, "失业保险金怎么申领？", "在线申领。", 1, YW_OK);
	/* Another department's answer does not exist for them. */
	assert_int_equal(yw_kb_staff_get(db, &gaj_admin, id, &e),
	    YW_ENOTFOUND);
	save(&gaj_admin, id, "改", "改", 1, YW_ENOTFOUND);
	assert_int_equal(yw_kb_delete(db, &gaj_admin, id), YW_ENOTFOUND);
	assert_int_equal(yw_kb_staff_list(db, &gaj_admin, &list), YW_OK);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	/* Staff without an answering role, citizens, nobody. */
	save(&rsj_steward, 0, "问", "答", 1, YW_EFORBIDDEN);
	save(&citizen, 0, "问", "答", 1, YW_EFORBIDDEN);
	assert_int_equal(yw_kb_staff_list(db, &citizen, &list),
	    YW_EFORBIDDEN);
	/* A department admin's answer is in its own department. */
	assert_int_equal(yw_kb_entry(db, "a1", &e), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(e,
	    "department_id")), d_rsj);
	assert_string_equal(json_string_value(json_object_get(e, "url")),
	    "/interact/knowledge/a1");
	json_decref(e);
}

static void
test_parse_id(void **state)
{
	char	s;
	int64_t	n;

	(void)state;
	assert_true(yw_kb_parse_id("a12", &s, &n));
	assert_int_equal(s, 'a');
	assert_int_equal(n, 12);
	assert_true(yw_kb_parse_id("l7", &s, &n));
	assert_int_equal(s, 'l');
	assert_false(yw_kb_parse_id("a0", &s, &n));
	assert_false(yw_kb_parse_id("a", &s, &n));
	assert_false(yw_kb_parse_id("b1", &s, &n));
	assert_false(yw_kb_parse_id("a1x", &s, &n));
	assert_false(yw_kb_parse_id("a1234567890123456", &s, &n));
	assert_false(yw_kb_parse_id(NULL, &s, &n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_answers, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_permissions, setup,
		    testdb_teardown),
		cmocka_unit_test(test_parse_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
