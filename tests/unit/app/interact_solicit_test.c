/*
 * Opinion solicitations in the domain: clauses split from blocks of text,
 * drafts checked field by field, who may publish, see and moderate,
 * comments only while open and once per form token, only approved ones
 * public and masked, feedback needing an outcome and a reason per clause
 * with comments and no comment left pending.
 */
#include "testdb.h"

#include "app/interact/solicit.h"
#include "core/timeutil.h"

static struct yw_workday_cal cal;	/* weekday rules */
static struct yw_actor citizen, admin, handler, other;
static int64_t d_rsj, d_gaj;

/* 10:00 in Beijing on 2026-m-d. */
static int64_t
at(int m, int d)
{
	return yw_time_days_from_civil(2026, m, d) * 86400 + 2 * 3600;
}

static int64_t
account(const char *kind, const char *login, int64_t dept, const char *role)
{
	int64_t id;

	id = q_int("INSERT INTO account (kind, login, display_name, "
	    "password_hash, department_id, created_at, updated_at) VALUES "
	    "(?, ?, ?, 'x', ?, 0, 0) RETURNING id", json_pack("[ssso]", kind,
	    login, strcmp(kind, "citizen") == 0 ? "张三丰" : login,
	    dept != 0 ? json_integer(dept) : json_null()));
	if (role != NULL)
		json_decref(q("INSERT INTO staff_role (account_id, role) VALUES "
		    "(?, ?)", json_pack("[Is]", (json_int_t)id, role)));
	return id;
}

static void
actor(struct yw_actor *a, const char *kind, const char *login, int64_t dept,
    unsigned roles, const char *role)
{
	memset(a, 0, sizeof(*a));
	a->id = account(kind, login, dept, role);
	(void)snprintf(a->kind, sizeof(a->kind), "%s", kind);
	(void)snprintf(a->login, sizeof(a->login), "%s", login);
	(void)snprintf(a->display_name, sizeof(a->display_name), "%s",
	    strcmp(kind, "citizen") == 0 ? "张三丰" : login);
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
	actor(&citizen, "citizen", "13800138000", 0, 0, NULL);
	actor(&admin, "staff", "rsj_admin", d_rsj, YW_ROLE_DEPT_ADMIN,
	    "dept_admin");
	actor(&handler, "staff", "rsj_handler", d_rsj, YW_ROLE_CASE_HANDLER,
	    "case_handler");
	actor(&other, "staff", "gaj_admin", d_gaj, YW_ROLE_DEPT_ADMIN,
	    "dept_admin");
	return 0;
}

/* A published draft open 03-02..03-13 with two clauses. */
static int64_t
published(const char *key)
{
	struct yw_solicit_input	 in = { "办法（征求意见稿）", "说明",
	    "第一条。\n\n第二条，\n  续行。\n", "2026-03-02", "2026-03-13", "",
	    key };
	json_t			*errors = NULL;
	int64_t			 id;

	assert_int_equal(yw_solicit_save(db, &admin, &cal, 0, &in, at(2, 27),
	    &errors, &id), YW_OK);
	assert_int_equal(yw_solicit_publish(db, &admin, &cal, id, at(2, 27),
	    &errors), YW_OK);
	assert_null(errors);
	return id;
}

static void
test_split(void **state)
{
	json_t *c;

	(void)state;
	c = yw_solicit_split("\n\n 一 \r\n二\r\n\r\n\t\n三\n");
	assert_int_equal(json_array_size(c), 2);
	assert_string_equal(json_string_value(json_array_get(c, 0)),
	    " 一\n二");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "三");
	json_decref(c);
	assert_null(yw_solicit_split(" \n\n\t"));
	assert_null(yw_solicit_split(NULL));
}

static void
test_draft_checks_and_permissions(void **state)
{
	struct yw_solicit_input	 in = { "", "说明", "", "2026-03-10",
	    "2026-03-01", "61", "k1" };
	json_t			*errors = NULL, *v = NULL;
	int64_t			 id;

	(void)state;
	assert_int_equal(yw_solicit_save(db, &admin, &cal, 0, &in, at(2, 27),
	    &errors, &id), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "title")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "clauses")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "closes_on")), "before_open");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "feedback_days")), "invalid");
	json_decref(errors);
	in.title = "标题";
	in.clauses = "一条";
	in.closes_on = "2026-03-20";
	in.feedback_days = "";
	assert_int_equal(yw_solicit_save(db, &handler, &cal, 0, &in, at(2, 27),
	    &errors, &id), YW_EFORBIDDEN);
	assert_int_equal(yw_solicit_save(db, &citizen, &cal, 0, &in, at(2, 27),
	    &errors, &id), YW_ENOTFOUND);
	id = published("k2");
	/* Other departments see nothing; the public sees it published. */
	assert_int_equal(yw_solicit_get(db, &other, &cal, id, 1, at(3, 1), &v),
	    YW_ENOTFOUND);
	assert_int_equal(yw_solicit_get(db, &handler, &cal, id, 1, at(3, 1),
	    &v), YW_OK);
	json_decref(v);
	/* Open on 03-02: no more edits. */
	assert_int_equal(yw_solicit_save(db, &admin, &cal, id, &in, at(3, 2),
	    &errors, &id), YW_ECONFLICT);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log WHERE "
	    "action IN ('solicit.create', 'solicit.publish')", json_array()), 2);
}

static void
test_comments_and_moderation(void **state)
{
	json_t	*errors = NULL, *v = NULL, *c;
	int64_t	 id, cid, again;

	(void)state;
	id = published("k3");
	/* Before opening and after closing: refused on the text. */
	assert_int_equal(yw_solicit_comment(db, &citizen, &cal, id, 1, "早了",
	    "t0", at(3, 1), &errors, &cid), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors, "body")),
	    "not_open");
	json_decref(errors);
	assert_int_equal(yw_solicit_comment(db, &citizen, &cal, id, 1, "晚了",
	    "t0", at(3, 14), &errors, &cid), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors, "body")),
	    "closed");
	json_decref(errors);
	assert_int_equal(yw_solicit_comment(db, &citizen, &cal, id, 3, "无此条",
	    "t0", at(3, 13), &errors, &cid), YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_solicit_comment(db, &admin, &cal, id, 1, "工作人员",
	    "t0", at(3, 13), &errors, &cid), YW_EFORBIDDEN);
	/* The last day still counts; the same token twice is one comment. */
	assert_int_equal(yw_solicit_comment(db, &citizen, &cal, id, 2,
	    "<b>电话13912345678</b>", "t1", at(3, 13), &errors, &cid), YW_OK);
	assert_int_equal(yw_solicit_comment(db, &citizen, &cal, id, 2, "再来",
	    "t1", at(3, 13), &errors, &again), YW_OK);
	assert_int_equal(again, cid);
	/* Who may moderate. */
	assert_int_equal(yw_solicit_moderate(db, &other, id, cid, 1, NULL,
	    at(3, 13), &errors), YW_ENOTFOUND);
	assert_int_equal(yw_solicit_moderate(db, &citizen, id, cid, 1, NULL,
	    at(3, 13), &errors), YW_ENOTFOUND);
	assert_int_equal(yw_solicit_moderate(db, &handler, id, cid, 1, NULL,
	    at(3, 13), &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_solicit_moderate(db, &admin, id, cid, 0, "",
	    at(3, 13), &errors), YW_EINVAL);
	json_decref(errors);
	/* Pending: not public, and it blocks the feedback. */
	assert_int_equal(yw_solicit_get(db, &citizen, &cal, id, 0, at(3, 14),
	    &v), YW_OK);
	assert_int_equal(json_array_size(json_object_get(json_array_get(
	    json_object_get(json_object_get(v, "solicitation"), "clauses"), 1),
	    "comments")), 0);
	json_decref(v);
	assert_int_equal(yw_solicit_feedback(db, &admin, &cal, id, "总结",
	    NULL, at(3, 14), &errors), YW_EINVAL);
	assert_non_null(json_object_get(errors, "comments"));
	json_decref(errors);
	assert_int_equal(yw_solicit_moderate(db, &admin, id, cid, 1, NULL,
	    at(3, 14), &errors), YW_OK);
	assert_int_equal(yw_solicit_get(db, &citizen,
	    &cal, id, 0, at(3, 14), &v), YW_OK);
	c = json_array_get(json_object_get(json_array_get(json_object_get(
	    json_object_get(v, "solicitation"), "clauses"), 1), "comments"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "writer")),
	    "张**");
	assert_non_null(strstr(json_string_value(json_object_get(c, "body")),
	    "139****5678"));
	json_decref(v);
	/* Feedback: clause 2 needs its outcome and reason. */
	assert_int_equal(yw_solicit_feedback(db, &admin, &cal, id, "总结",
	    NULL, at(3, 14), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "outcome_2")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "reason_2")), "required");
	json_decref(errors);
	v = json_pack("{s:{s:s, s:s}}", "2", "outcome", "partly", "reason",
	    "部分采纳");
	assert_int_equal(yw_solicit_feedback(db, &admin, &cal, id, "总结", v,
	    at(3, 14), &errors), YW_OK);
	assert_int_equal(yw_solicit_feedback(db, &admin, &cal, id, "总结", v,
	    at(3, 14), &errors), YW_ECONFLICT);
	json_decref(v);
	assert_int_equal(yw_solicit_get(db, &citizen, &cal, id, 0, at(3, 15),
	    &v), YW_OK);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "solicitation"), "phase")), "answered");
	json_decref(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test_setup_teardown(
		    test_draft_checks_and_permissions, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_comments_and_moderation,
		    setup, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
