/*
 * Surveys in the domain: answer validation (required, invalid option,
 * rating range, duplicates, text limits), the builder's checks and who
 * may build, publishing, one answer per account, closed and not-yet-open
 * surveys, results with shares and masked free text for staff only, and
 * the CSV export (byte order mark, formula neutralisation). Audited.
 */
#include "testdb.h"

#include "app/interact/survey.h"
#include "core/timeutil.h"

static struct yw_actor citizen, other, rsj_admin, rsj_handler, gaj_admin;
static int64_t d_rsj, d_gaj;
static const int64_t NOW = INT64_C(1795000000);	/* 2026-11-18 */

static int64_t
account(const char *kind, const char *login, int64_t dept, const char *role)
{
	int64_t id;

	id = q_int("INSERT INTO account (kind, login, display_name, "
	    "password_hash, department_id, created_at, updated_at) VALUES "
	    "(?, ?, ?, 'x', ?, 0, 0) RETURNING id", json_pack("[ssso]", kind,
	    login, login, dept != 0 ? json_integer(dept) : json_null()));
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
	actor(&other, "citizen", "13900139000", 0, 0, NULL);
	actor(&rsj_admin, "staff", "rsj_admin", d_rsj, YW_ROLE_DEPT_ADMIN,
	    "dept_admin");
	actor(&rsj_handler, "staff", "rsj_handler", d_rsj,
	    YW_ROLE_CASE_HANDLER, "case_handler");
	actor(&gaj_admin, "staff", "gaj_admin", d_gaj, YW_ROLE_DEPT_ADMIN,
	    "dept_admin");
	return 0;
}

/* Questions as get gives them: 1 single (required), 2 multi, 3 rating
 * (required), 4 text. */
static json_t *
questions(void)
{
	return json_pack("[{s:i, s:s, s:b, s:[{s:i, s:s}, {s:i, s:s}]}, "
	    "{s:i, s:s, s:b, s:[{s:i, s:s}, {s:i, s:s}, {s:i, s:s}]}, "
	    "{s:i, s:s, s:b, s:[]}, {s:i, s:s, s:b, s:[]}]",
	    "id", 11, "kind", "single", "required", 1, "options", "id", 1,
	    "label", "是", "id", 2, "label", "否",
	    "id", 12, "kind", "multi", "required", 0, "options", "id", 1,
	    "label", "甲", "id", 2, "label", "乙", "id", 3, "label", "丙",
	    "id", 13, "kind", "rating", "required", 1, "options",
	    "id", 14, "kind", "text", "required", 0, "options");
}

static const char *
err(json_t *errors, const char *k)
{
	return json_string_value(json_object_get(errors, k));
}

static void
test_check_answers(void **state)
{
	json_t	*qs, *a, *errors, *rows;
	char	 big[YW_SURVEY_ANSWER_MAX + 2];

	(void)state;
	qs = questions();
	/* Required ones missing; optional ones may be left out. */
	a = json_object();
	assert_int_equal(yw_survey_check_answers(qs, a, &errors, &rows),
	    YW_EINVAL);
	assert_null(rows);
	assert_string_equal(err(errors, "q11"), "required");
	assert_string_equal(err(errors, "q13"), "required");
	assert_null(json_object_get(errors, "q12"));
	assert_null(json_object_get(errors, "q14"));
	json_decref(errors);
	json_decref(a);
	/* An option the question does not have; a grade out of range; an
	 * option of another question. */
	a = json_pack("{s:s, s:[s, s], s:s}", "11", "3", "12", "1", "9", "13",
	    "6");
	assert_int_equal(yw_survey_check_answers(qs, a, &errors, &rows),
	    YW_EINVAL);
	assert_string_equal(err(errors, "q11"), "survey_option");
	assert_string_equal(err(errors, "q12"), "survey_option");
	assert_string_equal(err(errors, "q13"), "survey_rating");
	json_decref(errors);
	json_decref(a);
	a = json_pack("{s:s, s:s}", "11", "1x", "13", "0");
	assert_int_equal(yw_survey_check_answers(qs, a, &errors, &rows),
	    YW_EINVAL);
	assert_string_equal(err(errors, "q11"), "survey_option");
	assert_string_equal(err(errors, "q13"), "survey_rating");
	json_decref(errors);
	json_decref(a);
	/* Text too long, or with control characters. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	a = json_pack("{s:s, s:s, s:s}", "11", "1", "13", "5", "14", big);
	assert_int_equal(yw_survey_check_answers(qs, a, &errors, &rows),
	    YW_EINVAL);
	assert_string_equal(err(errors, "q14"), "too_long");
	json_decref(errors);
	json_decref(a);
	a = json_pack("{s:s, s:s, s:s}", "11", "1", "13", "5", "14", "a\x01");
	assert_int_equal(yw_survey_check_answers(qs, a, &errors, &rows),
	    YW_EINVAL);
	assert_string_equal(err(errors, "q14"), "control");
	json_decref(errors);
	json_decref(a);
	/* A good answer: one row per choice, a repeated choice once. */
	a = json_pack("{s:s, s:[s, s, s], s:s, s:s}", "11", "2", "12", "1",
	    "3", "1", "13", "4", "14", "多行\n文字");
	assert_int_equal(yw_survey_check_answers(qs, a, &errors, &rows),
	    YW_OK);
	assert_null(errors);
	assert_int_equal(json_array_size(rows), 5);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    rows, 0), "option_id")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    rows, 3), "option_id")), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    rows, 4), "text")), "多行\n文字");
	json_decref(rows);
	json_decref(a);
	json_decref(qs);
}

/* A survey of rsj open from the day of NOW for 10 days. */
static json_t *
input(void)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:b, "
	    "s:[s, s]}, {s:s, s:s, s:b}, {s:s, s:s, s:b}]}", "title",
	    "满意度调查", "description", "", "opens", "2026-11-18", "closes",
	    "2026-11-28", "results", "closed", "questions",
	    "text", "办理方式", "kind", "single", "required", 1, "options",
	    "网上", "窗口",
	    "text", "总体评价", "kind", "rating", "required", 1,
	    "text", "建议", "kind", "text", "required", 0);
}

static int64_t
make(void)
{
	json_t		*errors, *in = input();
	int64_t		 id;

	assert_int_equal(yw_survey_save(db, &rsj_admin, 0, in, NOW, &errors,
	    &id), YW_OK);
	assert_null(errors);
	json_decref(in);
	return id;
}

static void
test_builder(void **state)
{
	json_t	*in, *errors, *v;
	int64_t	 id, n;

	(void)state;
	in = input();
	/* Only the department's dept_admins and publishers build. */
	assert_int_equal(yw_survey_save(db, &rsj_handler, 0, in, NOW, &errors,
	    &id), YW_ENOTFOUND);
	assert_int_equal(yw_survey_save(db, &citizen, 0, in, NOW, &errors,
	    &id), YW_ENOTFOUND);
	/* Every field named. */
	json_object_set_new(in, "title", json_string(""));
	json_object_set_new(in, "closes", json_string("2026-11-01"));
	json_object_set_new(in, "results", json_string("never"));
	json_array_append_new(json_object_get(in, "questions"), json_pack(
	    "{s:s, s:s, s:[s, s]}", "text", "多选", "kind", "multi", "options",
	    "一", "一"));
	json_array_append_new(json_object_get(in, "questions"), json_pack(
	    "{s:s, s:s, s:[s]}", "text", "", "kind", "single", "options",
	    "唯一"));
	json_array_append_new(json_object_get(in, "questions"), json_pack(
	    "{s:s, s:s}", "text", "题", "kind", "essay"));
	assert_int_equal(yw_survey_save(db, &rsj_admin, 0, in, NOW, &errors,
	    &id), YW_EINVAL);
	assert_string_equal(err(errors, "title"), "required");
	assert_string_equal(err(errors, "closes"), "survey_before_opens");
	assert_string_equal(err(errors, "results"), "invalid");
	assert_string_equal(err(errors, "q4_options"), "duplicate");
	assert_string_equal(err(errors, "q5_text"), "required");
	assert_string_equal(err(errors, "q5_options"), "survey_too_few");
	assert_string_equal(err(errors, "q6_kind"), "invalid");
	json_decref(errors);
	json_decref(in);
	assert_int_equal(q_int("SELECT COUNT(*) FROM survey", json_array()),
	    0);

	id = make();
	/* A draft: its builders see it, nobody else. */
	assert_int_equal(yw_survey_get(db, &citizen, id, NOW, &v),
	    YW_ENOTFOUND);
	assert_int_equal(yw_survey_get(db, &gaj_admin, id, NOW, &v),
	    YW_ENOTFOUND);
	assert_int_equal(yw_survey_publish(db, &gaj_admin, id, NOW, &errors),
	    YW_ENOTFOUND);
	assert_int_equal(yw_survey_get(db, &rsj_admin, id, NOW, &v), YW_OK);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "survey"), "status")), "draft");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "survey"), "closes")), "2026-11-28");
	assert_int_equal(json_array_size(json_object_get(v, "questions")), 3);
	json_decref(v);
	assert_int_equal(yw_survey_publish(db, &rsj_admin, id, NOW, &errors),
	    YW_OK);
	assert_int_equal(yw_survey_publish(db, &rsj_admin, id, NOW, &errors),
	    YW_ECONFLICT);
	assert_int_equal(yw_survey_get(db, &citizen, id, NOW, &v), YW_OK);
	json_decref(v);
	n = q_int("SELECT COUNT(*) FROM audit_log WHERE object_type = "
	    "'survey'", json_array());
	assert_int_equal(n, 2);
}

static void
test_answer_once_and_windows(void **state)
{
	json_t	*errors, *a, *v;
	int64_t	 id, rid;

	(void)state;
	id = make();
	a = json_pack("{s:s, s:s, s:s}", "1", "1", "2", "4", "3",
	    "电话13912345678请回访");
	assert_int_equal(yw_survey_respond(db, &citizen, id, a, NOW, &errors,
	    &rid), YW_ENOTFOUND);	/* a draft */
	assert_int_equal(yw_survey_publish(db, &rsj_admin, id, NOW, &errors),
	    YW_OK);
	assert_int_equal(yw_survey_respond(db, &rsj_handler, id, a, NOW,
	    &errors, &rid), YW_EFORBIDDEN);
	/* Before the first day: not open. */
	assert_int_equal(yw_survey_respond(db, &citizen, id, a, NOW - 86400,
	    &errors, &rid), YW_ECONFLICT);
	assert_string_equal(err(errors, "survey"), "not_open");
	json_decref(errors);
	assert_int_equal(yw_survey_respond(db, &citizen, id, a, NOW, &errors,
	    &rid), YW_OK);
	assert_true(rid > 0);
	/* A second answer from the same account is refused. */
	assert_int_equal(yw_survey_respond(db, &citizen, id, a, NOW, &errors,
	    &rid), YW_ECONFLICT);
	assert_string_equal(err(errors, "survey"), "already");
	json_decref(errors);
	/* Questions are frozen once answered; the title may still change. */
	v = input();
	json_object_set_new(v, "title", json_string("新标题"));
	json_object_set_new(v, "questions", json_array());
	assert_int_equal(yw_survey_save(db, &rsj_admin, id, v, NOW, &errors,
	    &rid), YW_OK);
	json_decref(v);
	assert_int_equal(q_int("SELECT COUNT(*) FROM survey_question WHERE "
	    "survey_id = ?", json_pack("[I]", (json_int_t)id)), 3);
	/* Results are not public while it runs. */
	assert_int_equal(yw_survey_results(db, &other, id, NOW, &v),
	    YW_EFORBIDDEN);
	/* After the last day: closed, and the results are public. */
	assert_int_equal(yw_survey_respond(db, &other, id, a, NOW + 11 * 86400,
	    &errors, &rid), YW_ECONFLICT);
	assert_string_equal(err(errors, "survey"), "closed");
	json_decref(errors);
	json_decref(a);
	assert_int_equal(yw_survey_results(db, &other, id, NOW + 11 * 86400,
	    &v), YW_OK);
	json_decref(v);
}

static void
test_results_and_export(void **state)
{
	json_t		*errors, *a, *v, *q, *o;
	struct yw_buf	 b;
	int64_t		 id, rid;
	const char	*grades[] = { "5", "4", "4" };
	struct yw_actor	*who[] = { &citizen, &other, &rsj_handler };
	int		 i;

	(void)state;
	id = make();
	assert_int_equal(yw_survey_publish(db, &rsj_admin, id, NOW, &errors),
	    YW_OK);
	rsj_handler.roles = 0;
	(void)snprintf(rsj_handler.kind, sizeof(rsj_handler.kind), "citizen");
	for (i = 0; i < 3; i++) {
		a = json_pack("{s:s, s:s, s:s}", "1", i == 2 ? "2" : "1", "2",
		    grades[i], "3", i == 0 ? "=HYPERLINK(\"x\") 13912345678" :
		    "");
		assert_int_equal(yw_survey_respond(db, who[i], id, a, NOW,
		    &errors, &rid), YW_OK);
		json_decref(a);
	}
	assert_int_equal(yw_survey_results(db, &rsj_admin, id, NOW, &v), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 3);
	q = json_array_get(json_object_get(v, "questions"), 0);
	o = json_array_get(json_object_get(q, "options"), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 2);
	assert_int_equal(json_integer_value(json_object_get(o, "tenths")), 667);
	o = json_array_get(json_object_get(q, "options"), 1);
	assert_int_equal(json_integer_value(json_object_get(o, "tenths")), 333);
	q = json_array_get(json_object_get(v, "questions"), 1);
	assert_int_equal(json_array_size(json_object_get(q, "options")), 5);
	assert_int_equal(json_integer_value(json_object_get(q, "average")), 43);
	/* Free text for staff, masked. */
	q = json_array_get(json_object_get(v, "questions"), 2);
	assert_int_equal(json_integer_value(json_object_get(q, "answered")), 1);
	assert_non_null(strstr(json_string_value(json_array_get(
	    json_object_get(q, "texts"), 0)), "139****5678"));
	json_decref(v);
	/* Another department's staff: no export, no texts. */
	yw_buf_init(&b);
	assert_int_equal(yw_survey_export(db, &gaj_admin, id, "编号", "时间",
	    &b), YW_ENOTFOUND);
	assert_int_equal(yw_survey_export(db, &rsj_admin, id, "编号", "时间",
	    &b), YW_OK);
	assert_int_equal(yw_buf_appendc(&b, '\0'), YW_OK);
	assert_memory_equal(b.data, "\xEF\xBB\xBF编号,时间,办理方式,总体评价,建议\r\n",
	    strlen("\xEF\xBB\xBF编号,时间,办理方式,总体评价,建议\r\n"));
	assert_non_null(strstr(b.data, ",网上,5,\"'=HYPERLINK(\"\"x\"\") "
	    "139****5678\"\r\n"));
	assert_non_null(strstr(b.data, ",窗口,4,\r\n"));
	assert_int_equal(q_int("SELECT COUNT(*) FROM survey_response",
	    json_array()), 3);
	yw_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_answers),
		cmocka_unit_test_setup_teardown(test_builder, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_answer_once_and_windows,
		    setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_results_and_export, setup,
		    testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
