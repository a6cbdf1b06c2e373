/*
 * Online interviews in the domain: the phase from the clock, the close
 * rule, who may run an interview, questions (a retried submit is one
 * question), moderation, answers only while live and in order, and the
 * close that turns each approved, unanswered question into exactly one
 * letter due in 5 working days.
 */
#include "testdb.h"

#include "app/interact/interview.h"
#include "app/interact/letter.h"
#include "core/timeutil.h"

static struct yw_workday_cal cal;	/* weekday rules */
static struct yw_actor asker, other, pub, handler, foreign;
static int64_t d_rsj, d_gaj;

/* A local (Beijing) time as UTC seconds. */
static int64_t
local(int y, int m, int d, int hh, int mm)
{
	return yw_time_days_from_civil(y, m, d) * 86400 + hh * 3600 +
	    mm * 60 - YW_TIME_LOCAL_OFFSET;
}

static void
person(struct yw_actor *a, const char *kind, const char *login,
    const char *name, int64_t dept, unsigned roles)
{
	memset(a, 0, sizeof(*a));
	a->id = q_int("INSERT INTO account (kind, login, display_name, "
	    "password_hash, department_id, created_at, updated_at) VALUES "
	    "(?, ?, ?, 'x', ?, 0, 0) RETURNING id", json_pack("[ssso]", kind,
	    login, name, dept != 0 ? json_integer(dept) : json_null()));
	(void)snprintf(a->kind, sizeof(a->kind), "%s", kind);
	(void)snprintf(a->login, sizeof(a->login), "%s", login);
	(void)snprintf(a->display_name, sizeof(a->display_name), "%s", name);
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
	person(&asker, "citizen", "13800138000", "张三丰", 0, 0);
	person(&other, "citizen", "13900139000", "李四", 0, 0);
	person(&pub, "staff", "rsj_pub", "发布员", d_rsj, YW_ROLE_PUBLISHER);
	person(&handler, "staff", "rsj_handler", "经办人", d_rsj,
	    YW_ROLE_CASE_HANDLER);
	person(&foreign, "staff", "gaj_admin", "公安管理员", d_gaj,
	    YW_ROLE_DEPT_ADMIN);
	return 0;
}

static void
test_phase(void **state)
{
	int64_t s = local(2026, 11, 30, 10, 0), e = local(2026, 11, 30, 12, 0);

	(void)state;
	assert_int_equal(yw_interview_phase_at(s, e, 0, s - 1),
	    YW_INTERVIEW_UPCOMING);
	assert_int_equal(yw_interview_phase_at(s, e, 0, s),
	    YW_INTERVIEW_LIVE);
	assert_int_equal(yw_interview_phase_at(s, e, 0, e - 1),
	    YW_INTERVIEW_LIVE);
	assert_int_equal(yw_interview_phase_at(s, e, 0, e),
	    YW_INTERVIEW_ENDED);
	/* Ended early by staff: ended from then on, not before. */
	assert_int_equal(yw_interview_phase_at(s, e, s + 60, s + 59),
	    YW_INTERVIEW_LIVE);
	assert_int_equal(yw_interview_phase_at(s, e, s + 60, s + 60),
	    YW_INTERVIEW_ENDED);
	assert_string_equal(yw_interview_phase_name(YW_INTERVIEW_LIVE),
	    "live");
	assert_string_equal(yw_interview_phase_name(YW_INTERVIEW_ENDED),
	    "ended");
}

static void
test_close_rule(void **state)
{
	(void)state;
	assert_true(yw_interview_leftover(YW_INTERVIEW_ENDED, "approved", 0));
	assert_false(yw_interview_leftover(YW_INTERVIEW_ENDED, "approved",
	    7));
	assert_false(yw_interview_leftover(YW_INTERVIEW_LIVE, "approved", 0));
	assert_false(yw_interview_leftover(YW_INTERVIEW_UPCOMING, "approved",
	    0));
	assert_false(yw_interview_leftover(YW_INTERVIEW_ENDED, "answered",
	    0));
	assert_false(yw_interview_leftover(YW_INTERVIEW_ENDED, "pending", 0));
	assert_false(yw_interview_leftover(YW_INTERVIEW_ENDED, "rejected",
	    0));
}

static int64_t
create(const struct yw_actor *a, enum yw_err want, json_t **errors)
{
	json_t	*in;
	int64_t	 id;

	in = json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s}, {s:s, s:s}]}",
	    "title", "就业政策在线访谈", "topic", "稳就业政策解读",
	    "starts", "2026-11-30 10:00", "ends", "2026-11-30T12:00",
	    "guests", "name", "王局长", "title", "局长", "name", "",
	    "title", "");
	assert_int_equal(yw_interview_create(db, a, in,
	    local(2026, 11, 28, 9, 0), &id, errors), want);
	json_decref(in);
	return id;
}

static void
test_create_permissions_and_input(void **state)
{
	json_t	*errors, *in, *v;
	int64_t	 id;

	(void)state;
	create(&handler, YW_EFORBIDDEN, &errors);
	create(&asker, YW_EFORBIDDEN, &errors);
	id = create(&pub, YW_OK, &errors);
	assert_null(errors);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log WHERE "
	    "action = 'interview.create'", json_array()), 1);
	in = json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s}]}", "title", "",
	    "topic", "x", "starts", "2026-11-30 10:00", "ends",
	    "2026-11-30 09:00", "guests", "name", "王局长", "title", "");
	assert_int_equal(yw_interview_create(db, &pub, in, 0, &id, &errors),
	    YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "title")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "ends")), "before_start");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "guest_title_1")), "required");
	json_decref(errors);
	json_decref(in);
	/* The staff view: other departments see no such interview. */
	assert_int_equal(yw_interview_get(db, &pub, 1, 0, &v), YW_OK);
	assert_true(json_is_true(json_object_get(json_object_get(
	    json_object_get(v, "interview"), "can"), "manage")));
	assert_non_null(json_object_get(v, "pending"));
	json_decref(v);
	assert_int_equal(yw_interview_get(db, &foreign, 1, 0, &v), YW_OK);
	assert_null(json_object_get(v, "pending"));
	json_decref(v);
}

static int64_t
ask(const struct yw_actor *a, int64_t id, const char *body, const char *key,
    int64_t now)
{
	json_t	*errors;
	int64_t	 qid;

	assert_int_equal(yw_interview_ask(db, a, id, body, key, now, &qid,
	    &errors), YW_OK);
	assert_null(errors);
	return qid;
}

static void
test_life_cycle_and_close(void **state)
{
	json_t	*errors, *v, *answers, *letters, *l;
	int64_t	 id, q1, q2, q3, q4, guest, before, during, after;
	int	 n;

	(void)state;
	id = create(&pub, YW_OK, &errors);
	guest = q_int("SELECT id FROM interview_guest WHERE interview_id = ?",
	    json_pack("[I]", (json_int_t)id));
	before = local(2026, 11, 29, 20, 0);
	during = local(2026, 11, 30, 10, 30);
	after = local(2026, 12, 4, 14, 0);	/* a Friday */
	q1 = ask(&asker, id, "<b>灵活就业</b>如何参保？电话13812345678", "k1",
	    before);
	/* A retried submit is the same question. */
	assert_int_equal(ask(&asker, id, "灵活就业如何参保？", "k1", before), q1);
	q2 = ask(&other, id, "失业金怎么领？", "k1", before);
	q3 = ask(&other, id, "培训补贴？", "k2", during);
	q4 = ask(&asker, id, "广告", "k3", during);
	assert_int_equal(yw_interview_ask(db, &pub, id, "x", "k9", during,
	    &q1, &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_interview_ask(db, &asker, id, "", "k8", during,
	    &q1, &errors), YW_EINVAL);
	json_decref(errors);
	/* Moderation: staff of the department with a managing role. */
	assert_int_equal(yw_interview_moderate(db, &foreign, id, q1,
	    "approve", NULL, during, &errors), YW_ENOTFOUND);
	assert_int_equal(yw_interview_moderate(db, &handler, id, q1,
	    "approve", NULL, during, &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_interview_moderate(db, &pub, id, q4, "reject", "",
	    during, &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "reason")), "required");
	json_decref(errors);
	assert_int_equal(yw_interview_moderate(db, &pub, id, q4, "reject",
	    "与主题无关", during, &errors), YW_OK);
	q1 = q_int("SELECT id FROM interview_question WHERE idem_key = 'k1' "
	    "AND asker_id = ?", json_pack("[I]", (json_int_t)asker.id));
	assert_int_equal(yw_interview_moderate(db, &pub, id, q1, "approve",
	    NULL, during, &errors), YW_OK);
	assert_int_equal(yw_interview_moderate(db, &pub, id, q2, "approve",
	    NULL, during, &errors), YW_OK);
	assert_int_equal(yw_interview_moderate(db, &pub, id, q2, "approve",
	    NULL, during, &errors), YW_ECONFLICT);
	/* Answers: only while live, by a guest, in order. */
	assert_int_equal(yw_interview_answer(db, &pub, id, q2, guest, "可以领。",
	    before, &errors), YW_ECONFLICT);
	assert_int_equal(yw_interview_answer(db, &asker, id, q2, guest, "x",
	    during, &errors), YW_ENOTFOUND);
	assert_int_equal(yw_interview_answer(db, &pub, id, q2, 0, "",
	    during, &errors), YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_interview_answer(db, &pub, id, q3, guest, "x",
	    during, &errors), YW_ECONFLICT);	/* still pending */
	assert_int_equal(yw_interview_answer(db, &pub, id, q2, guest,
	    "符合条件的可以领取。", during, &errors), YW_OK);
	assert_int_equal(yw_interview_get(db, &asker, id, during, &v), YW_OK);
	answers = json_object_get(v, "answers");
	assert_int_equal(json_array_size(answers), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    answers, 0), "asker")), "李*");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    answers, 0), "guest_name")), "王局长");
	/* The waiting question: asker masked, the phone redacted. */
	l = json_array_get(json_object_get(v, "waiting"), 0);
	assert_string_equal(json_string_value(json_object_get(l, "asker")),
	    "张**");
	assert_non_null(strstr(json_string_value(json_object_get(l, "body")),
	    "138****5678"));
	assert_int_equal(json_array_size(json_object_get(v, "mine")), 2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "interview"), "phase")), "live");
	json_decref(v);
	/* Not ended yet: nothing to close. */
	assert_int_equal(yw_interview_close(db, &cal, during, &n), YW_OK);
	assert_int_equal(n, 0);
	/* After the end: q1 (approved, unanswered) becomes one letter;
	 * q2 (answered), q3 (pending) and q4 (rejected) do not. */
	assert_int_equal(yw_interview_close(db, &cal, after, &n), YW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(yw_interview_close(db, &cal, after + 60, &n), YW_OK);
	assert_int_equal(n, 0);
	letters = q("SELECT l.writer_id, l.department_id, l.channel, "
	    "l.due_day, l.received_day, l.source, l.body, q.letter_id, l.id "
	    "FROM letter l JOIN interview_question q ON q.letter_id = l.id",
	    json_array());
	assert_int_equal(json_array_size(letters), 1);
	l = json_array_get(letters, 0);
	assert_int_equal(json_integer_value(json_object_get(l, "writer_id")),
	    asker.id);
	assert_int_equal(json_integer_value(json_object_get(l,
	    "department_id")), d_rsj);
	assert_string_equal(json_string_value(json_object_get(l, "channel")),
	    "consult");
	assert_string_equal(json_string_value(json_object_get(l, "source")),
	    "interview");
	/* Friday 4 December + 5 working days = Friday 11 December. */
	assert_int_equal(json_integer_value(json_object_get(l, "due_day")),
	    yw_time_days_from_civil(2026, 12, 11));
	json_decref(letters);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM letter",
	    json_array()), 1);
	/* The asker sees it among their letters. */
	assert_int_equal(yw_letter_mine(db, &asker, &cal, after, &v), YW_OK);
	assert_int_equal(json_array_size(v), 1);
	json_decref(v);
	assert_int_equal(yw_interview_ask(db, &asker, id, "迟到的问题", "k7",
	    after, &q1, &errors), YW_ECONFLICT);
}

static void
test_end_early_closes(void **state)
{
	json_t	*errors;
	int64_t	 id, qid, during;
	int	 n;

	(void)state;
	id = create(&pub, YW_OK, &errors);
	during = local(2026, 11, 30, 10, 30);
	qid = ask(&asker, id, "问题", "k1", during);
	assert_int_equal(yw_interview_moderate(db, &pub, id, qid, "approve",
	    NULL, during, &errors), YW_OK);
	assert_int_equal(yw_interview_end(db, &handler, &cal, id, during, &n),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_interview_end(db, &pub, &cal, id, during, &n),
	    YW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(yw_interview_end(db, &pub, &cal, id, during + 1, &n),
	    YW_ECONFLICT);
	assert_int_equal(yw_interview_close(db, &cal, during + 2, &n), YW_OK);
	assert_int_equal(n, 0);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log WHERE "
	    "action IN ('interview.end', 'interview.letter')", json_array()),
	    2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phase),
		cmocka_unit_test(test_close_rule),
		cmocka_unit_test_setup_teardown(
		    test_create_permissions_and_input, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_life_cycle_and_close,
		    setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_end_early_closes, setup,
		    testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
