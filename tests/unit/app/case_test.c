/*
 * Cases end to end in the domain: applying (forms, tracking numbers,
 * idempotency), the task life cycle with working-day deadlines that pause
 * for 补正, permissions, bundles with parallel tasks, ratings and
 * rectification, progress lookup, the audit chain.
 */
#include "testdb.h"

#include "app/audit/audit.h"
#include "app/service/case.h"
#include "core/timeutil.h"

static int32_t holidays[] = { 0, 0, 0, 0, 0, 0, 0 };	/* 2026-10-01..07 */
static int32_t workdays[] = { 0 };			/* 2026-10-10 */
static struct yw_workday_span covered[] = { { 0, 0 } };
static struct yw_workday_cal cal = { holidays, 7, workdays, 1, covered, 1 };

static struct yw_actor citizen, other_citizen, gaj, rsj, gaj_viewer;
static int64_t dept_gaj, dept_rsj;

static int64_t
day(int y, int m, int d)
{
	return yw_time_days_from_civil(y, m, d);
}

/* Noon in Beijing on that day. */
static int64_t
at(int y, int m, int d)
{
	return day(y, m, d) * 86400 + 4 * 3600;
}

static int64_t
seed_account(const char *kind, const char *login, int64_t dept)
{
	return q_int("INSERT INTO account (kind, login, display_name, "
	    "password_hash, department_id, created_at, updated_at) VALUES "
	    "(?, ?, ?, 'x', ?, 0, 0) RETURNING id",
	    json_pack("[ssso]", kind, login, login, dept != 0 ?
	    json_integer((json_int_t)dept) : json_null()));
}

static const char *form =
    "{\"fields\": [{\"name\": \"child_name\", \"type\": \"text\","
    " \"required\": true, \"label\": {\"zh\": \"姓名\"}},"
    " {\"name\": \"phone\", \"type\": \"phone\", \"label\": {\"zh\": \"电话\"}}]}";

static void
seed_item(const char *code, int64_t dept, int64_t seq, const char *status)
{
	json_decref(q("INSERT INTO service_item (code, seq, name, item_type, "
	    "department_id, region_code, statutory_days, promised_days, "
	    "status, completeness, created_at, updated_at, form_def) VALUES "
	    "(?, ?, ?, 'permit', ?, '350100000000', 20, 5, ?, 100, 0, 0, ?) "
	    "RETURNING id", json_pack("[sIsIss]", code, (json_int_t)seq, code,
	    (json_int_t)dept, status, form)));
}

static int
setup(void **state)
{
	int64_t bundle;
	int i;

	if (testdb_setup(state) != 0)
		return -1;
	for (i = 0; i < 7; i++)
		holidays[i] = (int32_t)day(2026, 10, 1 + i);
	workdays[0] = (int32_t)day(2026, 10, 10);
	covered[0].from = (int32_t)day(2026, 1, 1);
	covered[0].to = (int32_t)day(2026, 12, 31);
	json_decref(q("INSERT INTO region (code, name, level, path) VALUES "
	    "('350000000000', '福建省', 1, '/350000000000/'), "
	    "('350100000000', '福州市', 2, '/350000000000/350100000000/')",
	    json_array()));
	json_decref(q("UPDATE region SET parent_code = '350000000000' WHERE "
	    "code = '350100000000'", json_array()));
	dept_gaj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('gaj', '公安局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	dept_rsj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('rsj', '人社局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	memset(&citizen, 0, sizeof(citizen));
	citizen.id = seed_account("citizen", "13800138000", 0);
	(void)snprintf(citizen.kind, sizeof(citizen.kind), "citizen");
	(void)snprintf(citizen.login, sizeof(citizen.login), "13800138000");
	other_citizen = citizen;
	other_citizen.id = seed_account("citizen", "13900139000", 0);
	memset(&gaj, 0, sizeof(gaj));
	gaj.id = seed_account("staff", "gaj_handler", dept_gaj);
	(void)snprintf(gaj.kind, sizeof(gaj.kind), "staff");
	(void)snprintf(gaj.login, sizeof(gaj.login), "gaj_handler");
	(void)snprintf(gaj.region_path, sizeof(gaj.region_path),
	    "/350000000000/350100000000/");
	gaj.department_id = dept_gaj;
	gaj.roles = YW_ROLE_CASE_HANDLER;
	rsj = gaj;
	rsj.id = seed_account("staff", "rsj_handler", dept_rsj);
	rsj.department_id = dept_rsj;
	gaj_viewer = gaj;
	gaj_viewer.id = seed_account("staff", "gaj_pub", dept_gaj);
	gaj_viewer.roles = YW_ROLE_PUBLISHER;
	seed_item("350100-gaj-01-0001", dept_gaj, 1, "published");
	seed_item("350100-rsj-01-0001", dept_rsj, 1, "published");
	seed_item("350100-gaj-01-0002", dept_gaj, 2, "draft");
	bundle = q_int("INSERT INTO service_bundle (code, name, event, "
	    "region_code, created_at, updated_at) VALUES ('birth', '新生儿出生"
	    "一件事', 'birth', '350100000000', 0, 0) RETURNING id",
	    json_array());
	json_decref(q("INSERT INTO service_bundle_item (bundle_id, item_id, "
	    "stage) SELECT ?, id, 1 FROM service_item WHERE status = "
	    "'published'", json_pack("[I]", (json_int_t)bundle)));
	return 0;
}

static int64_t
apply_item(const char *code, const char *key, int64_t now, char *tracking)
{
	struct yw_case_input	 in = { code, NULL, NULL, key, NULL, 0, NULL, NULL, 0 };
	json_t			*errors;
	int64_t			 id;
	char			 tr[40];

	in.values = json_pack("{s:s, s:s}", "child_name", "王小明", "phone",
	    "13800138000");
	assert_int_equal(yw_case_apply(db, &citizen, &in, now, &errors, &id,
	    tr), YW_OK);
	assert_null(errors);
	json_decref(in.values);
	if (tracking != NULL)
		(void)snprintf(tracking, 40, "%s", tr);
	return id;
}

static int64_t
task_of(int64_t case_id, int64_t dept)
{
	return q_int("SELECT id FROM case_task WHERE case_id = ? AND "
	    "department_id = ?", json_pack("[II]", (json_int_t)case_id,
	    (json_int_t)dept));
}

static void
act_ok(const struct yw_actor *a, int64_t task, const char *ev,
    const char *note, int64_t now)
{
	json_t *errors;

	assert_int_equal(yw_case_act(db, a, &cal, task, ev, note, now,
	    &errors), YW_OK);
	assert_null(errors);
}

static json_t *
get(const struct yw_actor *a, int64_t id, int64_t now)
{
	json_t *out;

	assert_int_equal(yw_case_get(db, a, &cal, id, now, &out), YW_OK);
	return out;
}

static void
test_apply_tracking_and_idempotency(void **state)
{
	struct yw_case_input	 in = { "350100-gaj-01-0001", NULL, NULL, NULL, NULL, 0, NULL, NULL, 0 };
	json_t			*errors;
	int64_t			 a, b, c, id;
	char			 t1[40], t2[40], tr[40];

	(void)state;
	a = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 28), t1);
	b = apply_item("350100-gaj-01-0001", "key-1", at(2026, 11, 28), t2);
	assert_string_equal(t1, "350100-20261128-000001");
	assert_string_equal(t2, "350100-20261128-000002");
	/* A retried submit with the same key creates nothing new. */
	c = apply_item("350100-gaj-01-0001", "key-1", at(2026, 11, 28), tr);
	assert_int_equal(b, c);
	assert_string_equal(tr, t2);
	assert_true(a != b);
	assert_int_equal(q_int("SELECT COUNT(*) FROM service_case",
	    json_array()), 2);
	/* Bad values: a message per field, nothing stored. */
	in.values = json_pack("{s:s, s:s}", "child_name", "", "phone", "123");
	assert_int_equal(yw_case_apply(db, &citizen, &in, at(2026, 11, 28),
	    &errors, &id, tr), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "child_name")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "phone")), "phone");
	json_decref(errors);
	json_decref(in.values);
	in.values = json_pack("{s:s}", "child_name", "x");
	in.item_code = "350100-gaj-01-0002";	/* a draft */
	assert_int_equal(yw_case_apply(db, &citizen, &in, at(2026, 11, 28),
	    &errors, &id, tr), YW_ENOTFOUND);
	in.item_code = "350100-gaj-01-0001";
	assert_int_equal(yw_case_apply(db, &gaj_viewer, &in, at(2026, 11, 28),
	    &errors, &id, tr), YW_OK);
	memset(&other_citizen.id, 0, sizeof(other_citizen.id));
	assert_int_equal(yw_case_apply(db, &other_citizen, &in,
	    at(2026, 11, 28), &errors, &id, tr), YW_EAUTH);
	json_decref(in.values);
}

/* A caller that has read the target (yw_case_target) and looked the key
 * up passes both: the same case as without, the form still checked, and
 * a twin with the same key still answered with the first case. */
static void
test_apply_with_target_read_once(void **state)
{
	struct yw_case_input	 in = { "350100-gaj-01-0001", NULL, NULL, "k-t",
	    NULL, 0, NULL, NULL, 1 };
	json_t			*errors, *t;
	int64_t			 id, again;
	char			 tr[40];

	(void)state;
	assert_int_equal(yw_case_target(db, in.item_code, NULL, &t), YW_OK);
	assert_non_null(json_object_get(json_object_get(t, "form"),
	    "fields"));
	assert_string_equal(json_string_value(json_object_get(t,
	    "region_code")), "350100000000");
	assert_int_equal(json_array_size(json_object_get(t, "tasks")), 1);
	in.target = t;
	in.values = json_pack("{s:s, s:s}", "child_name", "", "phone", "1");
	assert_int_equal(yw_case_apply(db, &citizen, &in, at(2026, 11, 28),
	    &errors, &id, tr), YW_EINVAL);
	assert_non_null(json_object_get(errors, "child_name"));
	json_decref(errors);
	json_decref(in.values);
	in.values = json_pack("{s:s, s:s}", "child_name", "王小明", "phone",
	    "13800138000");
	assert_int_equal(yw_case_apply(db, &citizen, &in, at(2026, 11, 28),
	    &errors, &id, tr), YW_OK);
	assert_string_equal(tr, "350100-20261128-000001");
	assert_int_equal(yw_case_apply(db, &citizen, &in, at(2026, 11, 28),
	    &errors, &again, tr), YW_OK);
	assert_int_equal(again, id);
	assert_int_equal(q_int("SELECT COUNT(*) FROM service_case",
	    json_array()), 1);
	json_decref(in.values);
	json_decref(t);
}

static void
test_life_cycle_with_holidays_and_pause(void **state)
{
	json_t	*v, *task, *errors;
	int64_t	 id, t;

	(void)state;
	id = apply_item("350100-gaj-01-0001", NULL, at(2026, 9, 29), NULL);
	t = task_of(id, dept_gaj);
	/* Illegal moves and strangers are refused. */
	assert_int_equal(yw_case_act(db, &gaj, &cal, t, "approve", NULL,
	    at(2026, 9, 30), &errors), YW_ECONFLICT);
	assert_int_equal(yw_case_act(db, &gaj, &cal, t, "refuse", "",
	    at(2026, 9, 30), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors, "note")),
	    "required");
	json_decref(errors);
	assert_int_equal(yw_case_act(db, &rsj, &cal, t, "accept", NULL,
	    at(2026, 9, 30), &errors), YW_ENOTFOUND);
	assert_int_equal(yw_case_act(db, &gaj_viewer, &cal, t, "accept", NULL,
	    at(2026, 9, 30), &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_case_act(db, &citizen, &cal, t, "accept", NULL,
	    at(2026, 9, 30), &errors), YW_ENOTFOUND);
	assert_int_equal(yw_case_act(db, &gaj, &cal, t, "fly", NULL,
	    at(2026, 9, 30), &errors), YW_EINVAL);
	json_decref(errors);

	/* Accepted Wed 30 Sep, 5 working days: 1-7 Oct are holidays, Sat 10
	 * Oct works: 8, 9, 10, 12, 13 -> due 13 Oct. */
	act_ok(&gaj, t, "accept", NULL, at(2026, 9, 30));
	v = get(&citizen, id, at(2026, 9, 30));
	task = json_array_get(json_object_get(v, "tasks"), 0);
	assert_string_equal(json_string_value(json_object_get(task, "due")),
	    "2026-10-13");
	json_decref(v);
	act_ok(&gaj, t, "review", NULL, at(2026, 10, 8));
	act_ok(&gaj, t, "request_supplement", "请补充户口簿首页",
	    at(2026, 10, 8));
	/* The applicant answers on Mon 12 Oct: 8-12 Oct do not count, so the
	 * five days are 13, 14, 15, 16, 19 Oct. */
	assert_int_equal(yw_case_applicant_act(db, &citizen, &cal, id,
	    "supplement", "已上传", at(2026, 10, 12), &errors), YW_OK);
	v = get(&gaj, id, at(2026, 10, 12));
	task = json_array_get(json_object_get(v, "tasks"), 0);
	assert_string_equal(json_string_value(json_object_get(task, "due")),
	    "2026-10-19");
	assert_string_equal(json_string_value(json_object_get(task, "state")),
	    "under_review");
	json_decref(v);
	/* On 16 Oct, 4 of 5 days are used: yellow; on 20 Oct: red. */
	v = get(&gaj, id, at(2026, 10, 16));
	task = json_array_get(json_object_get(v, "tasks"), 0);
	assert_string_equal(json_string_value(json_object_get(task, "light")),
	    "yellow");
	json_decref(v);
	v = get(&gaj, id, at(2026, 10, 20));
	task = json_array_get(json_object_get(v, "tasks"), 0);
	assert_string_equal(json_string_value(json_object_get(task, "light")),
	    "red");
	json_decref(v);
	act_ok(&gaj, t, "approve", NULL, at(2026, 10, 14));
	act_ok(&gaj, t, "complete", NULL, at(2026, 10, 14));
	assert_int_equal(yw_case_act(db, &gaj, &cal, t, "complete", NULL,
	    at(2026, 10, 14), &errors), YW_ECONFLICT);
	v = get(&citizen, id, at(2026, 10, 14));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "case"), "status")), "completed");
	assert_int_equal(json_array_size(json_object_get(v, "timeline")), 7);
	json_decref(v);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action "
	    "LIKE 'case.%'", json_array()), 5);
	/* Each staff move reached the applicant's message centre once. */
	assert_int_equal(q_int("SELECT COUNT(*) FROM outbox WHERE channel = "
	    "'inbox' AND account_id = ?", json_pack("[I]",
	    (json_int_t)citizen.id)), 5);
	assert_int_equal(yw_audit_verify(db, &id, &t), YW_OK);
}

static void
test_visibility_and_lookup(void **state)
{
	json_t	*v, *errors;
	int64_t	 id, t;
	char	 tracking[40];

	(void)state;
	id = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 2), tracking);
	t = task_of(id, dept_gaj);
	assert_int_equal(yw_case_comment(db, &gaj, t, "内部：核对户籍",
	    at(2026, 11, 2), &errors), YW_OK);
	v = get(&gaj, id, at(2026, 11, 2));
	assert_int_equal(json_array_size(json_object_get(v, "timeline")), 2);
	json_decref(v);
	v = get(&citizen, id, at(2026, 11, 2));
	assert_int_equal(json_array_size(json_object_get(v, "timeline")), 1);
	json_decref(v);
	assert_int_equal(yw_case_get(db, &other_citizen, &cal, id,
	    at(2026, 11, 2), &v), YW_ENOTFOUND);
	assert_int_equal(yw_case_get(db, &rsj, &cal, id, at(2026, 11, 2),
	    &v), YW_ENOTFOUND);
	assert_int_equal(yw_case_lookup(db, &cal, tracking, "138-0013-8000", NULL,
	    at(2026, 11, 2), &v), YW_OK);
	assert_null(json_object_get(json_object_get(v, "case"),
	    "form_values"));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "case"), "applicant_phone")), "138****8000");
	assert_int_equal(json_array_size(json_object_get(v, "timeline")), 1);
	json_decref(v);
	assert_int_equal(yw_case_lookup(db, &cal, tracking, "13900139000", NULL,
	    at(2026, 11, 2), &v), YW_ENOTFOUND);
	assert_int_equal(yw_case_lookup(db, &cal, "nope", "13800138000", NULL,
	    at(2026, 11, 2), &v), YW_ENOTFOUND);
	/* The queue shows the department's own tasks only. */
	assert_int_equal(yw_case_queue(db, &gaj, &cal, 0, at(2026, 11, 2),
	    &v), YW_OK);
	assert_int_equal(json_array_size(v), 1);
	json_decref(v);
	assert_int_equal(yw_case_queue(db, &rsj, &cal, 0, at(2026, 11, 2),
	    &v), YW_OK);
	assert_int_equal(json_array_size(v), 0);
	json_decref(v);
	assert_int_equal(yw_case_queue(db, &citizen, &cal, 0, at(2026, 11, 2),
	    &v), YW_EFORBIDDEN);
}

static void
test_bundle_parallel_tasks(void **state)
{
	struct yw_case_input	 in = { NULL, "birth", NULL, "b-1", NULL, 0, NULL, NULL, 0 };
	json_t			*errors, *v;
	int64_t			 id;
	char			 tr[40];

	(void)state;
	in.values = json_pack("{s:s}", "child_name", "王小明");
	assert_int_equal(yw_case_apply(db, &citizen, &in, at(2026, 11, 2),
	    &errors, &id, tr), YW_OK);
	json_decref(in.values);
	assert_int_equal(q_int("SELECT COUNT(*) FROM case_task WHERE "
	    "case_id = ? AND active = 1", json_pack("[I]", (json_int_t)id)),
	    2);
	act_ok(&gaj, task_of(id, dept_gaj), "accept", NULL, at(2026, 11, 2));
	act_ok(&rsj, task_of(id, dept_rsj), "accept", NULL, at(2026, 11, 2));
	act_ok(&gaj, task_of(id, dept_gaj), "review", NULL, at(2026, 11, 3));
	act_ok(&gaj, task_of(id, dept_gaj), "approve", NULL, at(2026, 11, 3));
	act_ok(&gaj, task_of(id, dept_gaj), "complete", NULL, at(2026, 11, 3));
	v = get(&citizen, id, at(2026, 11, 3));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "case"), "status")), "open");
	json_decref(v);
	act_ok(&rsj, task_of(id, dept_rsj), "review", NULL, at(2026, 11, 4));
	act_ok(&rsj, task_of(id, dept_rsj), "deny", "不符合条件",
	    at(2026, 11, 4));
	act_ok(&rsj, task_of(id, dept_rsj), "complete", NULL, at(2026, 11, 4));
	v = get(&citizen, id, at(2026, 11, 4));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "case"), "status")), "completed");
	json_decref(v);
}

/* Withdrawing a bundle whose later stage has not begun ends the case: the
 * withdrawn task of stage 2 does not start its stage. */
static void
test_withdraw_before_later_stage(void **state)
{
	struct yw_case_input	 in = { NULL, "birth", NULL, NULL, NULL, 0, NULL, NULL, 0 };
	json_t			*errors, *v;
	int64_t			 id;
	char			 tr[40];

	(void)state;
	json_decref(q("UPDATE service_bundle_item SET stage = 2 WHERE item_id "
	    "= (SELECT id FROM service_item WHERE code = ?)",
	    json_pack("[s]", "350100-rsj-01-0001")));
	in.values = json_pack("{s:s}", "child_name", "王小明");
	assert_int_equal(yw_case_apply(db, &citizen, &in, at(2026, 11, 2),
	    &errors, &id, tr), YW_OK);
	json_decref(in.values);
	assert_int_equal(q_int("SELECT active FROM case_task WHERE id = ?",
	    json_pack("[I]", (json_int_t)task_of(id, dept_rsj))), 0);
	assert_int_equal(yw_case_applicant_act(db, &citizen, &cal, id,
	    "withdraw", NULL, at(2026, 11, 2), &errors), YW_OK);
	v = get(&citizen, id, at(2026, 11, 2));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "case"), "status")), "withdrawn");
	json_decref(v);
	assert_int_equal(q_int("SELECT active FROM case_task WHERE id = ?",
	    json_pack("[I]", (json_int_t)task_of(id, dept_rsj))), 0);
}

static void
test_rating_and_rectification(void **state)
{
	json_t	*errors, *v;
	int64_t	 id, t;

	(void)state;
	id = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 2), NULL);
	t = task_of(id, dept_gaj);
	assert_int_equal(yw_case_rate(db, &citizen, &cal, id, 5, "", at(2026,
	    11, 2), &errors), YW_ECONFLICT);
	act_ok(&gaj, t, "accept", NULL, at(2026, 11, 2));
	act_ok(&gaj, t, "review", NULL, at(2026, 11, 2));
	act_ok(&gaj, t, "approve", NULL, at(2026, 11, 2));
	act_ok(&gaj, t, "complete", NULL, at(2026, 11, 2));
	assert_int_equal(yw_case_rate(db, &citizen, &cal, id, 9, "", at(2026,
	    11, 2), &errors), YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_case_rate(db, &other_citizen, &cal, id, 1, "",
	    at(2026, 11, 2), &errors), YW_ENOTFOUND);
	assert_int_equal(yw_case_rate(db, &citizen, &cal, id, 1, "太慢了",
	    at(2026, 11, 2), &errors), YW_OK);
	assert_int_equal(yw_case_rate(db, &citizen, &cal, id, 5, "",
	    at(2026, 11, 2), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "grade")), "already");
	json_decref(errors);
	/* Rectification due 15 working days after Mon 2 Nov: 23 Nov. */
	assert_int_equal(q_int("SELECT rectify_due_day FROM case_rating WHERE "
	    "case_id = ?", json_pack("[I]", (json_int_t)id)),
	    day(2026, 11, 23));
	assert_int_equal(yw_case_rectify(db, &rsj, id, "x", at(2026, 11, 3),
	    &errors), YW_ENOTFOUND);
	assert_int_equal(yw_case_rectify(db, &gaj, id, "已约谈窗口人员，改进流程",
	    at(2026, 11, 3), &errors), YW_OK);
	v = get(&citizen, id, at(2026, 11, 3));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "rating"), "rectify_state")), "done");
	json_decref(v);
}


/* Seeds a case_handler role for account id. */
static void
grant_handler(int64_t id)
{
	json_decref(q("INSERT INTO staff_role (account_id, role) VALUES "
	    "(?, 'case_handler')", json_pack("[I]", (json_int_t)id)));
}

static void
test_assign_permissions(void **state)
{
	struct yw_actor	 gaj2, admin_gaj;
	json_t		*errors, *v;
	int64_t		 id, t;

	(void)state;
	gaj2 = gaj;
	gaj2.id = seed_account("staff", "gaj_handler2", dept_gaj);
	grant_handler(gaj2.id);
	grant_handler(gaj.id);
	grant_handler(rsj.id);
	admin_gaj = gaj;
	admin_gaj.id = seed_account("staff", "gaj_admin", dept_gaj);
	admin_gaj.roles = YW_ROLE_DEPT_ADMIN;
	id = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 2), NULL);
	t = task_of(id, dept_gaj);
	/* A handler who does not hold it may not; one who does may. */
	assert_int_equal(yw_case_assign(db, &gaj, t, gaj2.id, at(2026, 11, 2),
	    &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_case_claim(db, &gaj, t, at(2026, 11, 2)), YW_OK);
	assert_int_equal(yw_case_assign(db, &gaj, t, gaj2.id, at(2026, 11, 2),
	    &errors), YW_OK);
	assert_int_equal(q_int("SELECT assignee_id FROM case_task WHERE id = ?",
	    json_pack("[I]", (json_int_t)t)), gaj2.id);
	assert_int_equal(yw_case_queue(db, &gaj2, &cal, 1, at(2026, 11, 2),
	    &v), YW_OK);
	assert_int_equal(json_array_size(v), 1);
	json_decref(v);
	/* The department admin may; the assignee must be a handler of the
	 * department. */
	assert_int_equal(yw_case_assign(db, &admin_gaj, t, rsj.id,
	    at(2026, 11, 2), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "assignee")), "not_found");
	json_decref(errors);
	assert_int_equal(yw_case_assign(db, &admin_gaj, t, admin_gaj.id,
	    at(2026, 11, 2), &errors), YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_case_assign(db, &admin_gaj, t, gaj.id,
	    at(2026, 11, 2), &errors), YW_OK);
	assert_int_equal(yw_case_assign(db, &rsj, t, rsj.id, at(2026, 11, 2),
	    &errors), YW_ENOTFOUND);
	assert_int_equal(yw_case_assign(db, &gaj_viewer, t, gaj.id,
	    at(2026, 11, 2), &errors), YW_EFORBIDDEN);
	/* Internal to staff, audited. */
	v = get(&citizen, id, at(2026, 11, 2));
	assert_int_equal(json_array_size(json_object_get(v, "timeline")), 1);
	json_decref(v);
	assert_int_equal(q_int("SELECT COUNT(*) FROM case_event WHERE event = "
	    "'assign' AND internal = 1", json_array()), 2);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'case.assign'", json_array()), 2);
}

static const unsigned char pdf[] = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
    '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0 };

static void
test_result_visibility(void **state)
{
	json_t	*errors, *v;
	int64_t	 id, t;
	char	 sha[65], tracking[40];

	(void)state;
	id = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 2), tracking);
	t = task_of(id, dept_gaj);
	assert_int_equal(yw_case_result_add(db, &gaj, t, "r.pdf", pdf,
	    sizeof(pdf) - 1, at(2026, 11, 2), &errors, sha), YW_ECONFLICT);
	act_ok(&gaj, t, "accept", "", at(2026, 11, 2));
	assert_int_equal(yw_case_result_add(db, &gaj, t, "r.pdf", png,
	    sizeof(png), at(2026, 11, 2), &errors, sha), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "file")), "type");
	json_decref(errors);
	assert_int_equal(yw_case_result_add(db, &gaj, t, "a.txt",
	    (const unsigned char *)"hello", 5, at(2026, 11, 2), &errors, sha),
	    YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_case_result_add(db, &rsj, t, "r.pdf", pdf,
	    sizeof(pdf) - 1, at(2026, 11, 2), &errors, sha), YW_ENOTFOUND);
	assert_int_equal(yw_case_result_add(db, &gaj_viewer, t, "r.pdf", pdf,
	    sizeof(pdf) - 1, at(2026, 11, 2), &errors, sha), YW_EFORBIDDEN);
	assert_int_equal(yw_case_result_add(db, &gaj, t, "证照.pdf", pdf,
	    sizeof(pdf) - 1, at(2026, 11, 2), &errors, sha), YW_OK);
	/* The same bytes again add nothing. */
	assert_int_equal(yw_case_result_add(db, &gaj, t, "证照.pdf", pdf,
	    sizeof(pdf) - 1, at(2026, 11, 2), &errors, NULL), YW_OK);
	v = get(&citizen, id, at(2026, 11, 2));
	assert_int_equal(json_array_size(json_object_get(v, "results")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(v, "results"), 0), "sha256")), sha);
	json_decref(v);
	v = get(&gaj, id, at(2026, 11, 2));
	assert_int_equal(json_array_size(json_object_get(v, "results")), 1);
	json_decref(v);
	/* Not for others, nor in the lookup without an account. */
	assert_int_equal(yw_case_get(db, &other_citizen, &cal, id,
	    at(2026, 11, 2), &v), YW_ENOTFOUND);
	assert_int_equal(yw_case_lookup(db, &cal, tracking, "13800138000",
	    NULL, at(2026, 11, 2), &v), YW_OK);
	assert_int_equal(json_array_size(json_object_get(v, "results")), 0);
	json_decref(v);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'case.result'", json_array()), 1);
	assert_int_equal(q_int("SELECT COUNT(*) FROM case_event WHERE event = "
	    "'result' AND internal = 0", json_array()), 1);
}

static void
test_overdue_selection(void **state)
{
	struct yw_actor	 auditor;
	json_t		*v, *errors, *row;
	int64_t		 a, b, c, ta, tb;

	(void)state;
	/* Accepted Mon 2 Nov with 5 working days: due Mon 9 Nov. */
	a = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 2), NULL);
	b = apply_item("350100-rsj-01-0001", NULL, at(2026, 11, 2), NULL);
	c = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 2), NULL);
	ta = task_of(a, dept_gaj);
	tb = task_of(b, dept_rsj);
	act_ok(&gaj, ta, "accept", "", at(2026, 11, 2));
	act_ok(&rsj, tb, "accept", "", at(2026, 11, 5));	/* due 12 Nov */
	(void)c;	/* not accepted: no deadline, never listed */
	/* On Wed 11 Nov: a is 2 working days over, b is yellow. */
	assert_int_equal(yw_case_overdue(db, &gaj, &cal, NULL, 0,
	    at(2026, 11, 11), &v, &errors), YW_OK);
	assert_int_equal(json_array_size(json_object_get(v, "tasks")), 1);
	row = json_array_get(json_object_get(v, "tasks"), 0);
	assert_int_equal(json_integer_value(json_object_get(row, "id")), ta);
	assert_string_equal(json_string_value(json_object_get(row, "light")),
	    "red");
	assert_int_equal(json_integer_value(json_object_get(row, "days_over")),
	    2);
	json_decref(v);
	memset(&auditor, 0, sizeof(auditor));
	auditor = gaj;
	auditor.id = seed_account("staff", "auditor", dept_rsj);
	auditor.department_id = dept_rsj;
	auditor.roles = YW_ROLE_AUDITOR;
	assert_int_equal(yw_case_overdue(db, &auditor, &cal, NULL, 0,
	    at(2026, 11, 11), &v, &errors), YW_OK);
	assert_int_equal(json_array_size(json_object_get(v, "tasks")), 2);
	row = json_array_get(json_object_get(v, "tasks"), 1);
	assert_int_equal(json_integer_value(json_object_get(row, "id")), tb);
	assert_string_equal(json_string_value(json_object_get(row, "light")),
	    "yellow");
	assert_false(json_is_true(json_object_get(json_array_get(
	    json_object_get(v, "tasks"), 0), "can_open")));
	json_decref(v);
	assert_int_equal(yw_case_overdue(db, &auditor, &cal, NULL, dept_rsj,
	    at(2026, 11, 11), &v, &errors), YW_OK);
	assert_int_equal(json_array_size(json_object_get(v, "tasks")), 1);
	json_decref(v);
	/* Filters outside the scope, and a department's staff asking for
	 * another department. */
	assert_int_equal(yw_case_overdue(db, &auditor, &cal, "999999999999", 0,
	    at(2026, 11, 11), &v, &errors), YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_case_overdue(db, &gaj, &cal, NULL, dept_rsj,
	    at(2026, 11, 11), &v, &errors), YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_case_overdue(db, &citizen, &cal, NULL, 0,
	    at(2026, 11, 11), &v, &errors), YW_EFORBIDDEN);
}

static void
test_track_throttle(void **state)
{
	json_t	*v;
	int64_t	 id;
	int	 i;
	char	 tracking[40];

	(void)state;
	id = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 2), tracking);
	(void)id;
	for (i = 0; i < YW_CASE_TRACK_MAX; i++)
		assert_int_equal(yw_case_lookup(db, &cal, tracking,
		    "13900139000", "10.0.0.1", at(2026, 11, 2) + i, &v),
		    YW_ENOTFOUND);
	/* The address is blocked, right or wrong; another one is not. */
	assert_int_equal(yw_case_lookup(db, &cal, tracking, "13800138000",
	    "10.0.0.1", at(2026, 11, 2) + 20, &v), YW_ETOOMANY);
	assert_int_equal(yw_case_lookup(db, &cal, tracking, "13800138000",
	    "10.0.0.2", at(2026, 11, 2) + 20, &v), YW_OK);
	json_decref(v);
	/* Successes are not counted; the window passes. */
	assert_int_equal(q_int("SELECT COUNT(*) FROM login_failure",
	    json_array()), YW_CASE_TRACK_MAX);
	assert_int_equal(yw_case_lookup(db, &cal, tracking, "13800138000",
	    "10.0.0.1", at(2026, 11, 2) + YW_CASE_TRACK_WINDOW + 10, &v),
	    YW_OK);
	json_decref(v);
}

/* The queue: tasks waiting for acceptance first (oldest first), then by
 * deadline; "mine" keeps the handler's claimed tasks. Served by the
 * partial indexes of sql/0011_case_perf.sql on both databases. */
static void
test_queue_order(void **state)
{
	json_t	*v, *errors;
	int64_t	 a, b, c, ta, tb, tc;

	(void)state;
	a = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 2), NULL);
	b = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 3), NULL);
	c = apply_item("350100-gaj-01-0001", NULL, at(2026, 11, 4), NULL);
	ta = task_of(a, dept_gaj);
	tb = task_of(b, dept_gaj);
	tc = task_of(c, dept_gaj);
	errors = NULL;
	assert_int_equal(yw_case_act(db, &gaj, &cal, ta, "accept", NULL,
	    at(2026, 11, 5), &errors), YW_OK);
	assert_int_equal(yw_case_claim(db, &gaj, tc, at(2026, 11, 5)), YW_OK);
	assert_int_equal(yw_case_queue(db, &gaj, &cal, 0, at(2026, 11, 5),
	    &v), YW_OK);
	assert_int_equal(json_array_size(v), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(v,
	    0), "id")), tb);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(v,
	    1), "id")), tc);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(v,
	    2), "id")), ta);
	json_decref(v);
	assert_int_equal(yw_case_queue(db, &gaj, &cal, 1, at(2026, 11, 5),
	    &v), YW_OK);
	assert_int_equal(json_array_size(v), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(v,
	    0), "id")), tc);
	json_decref(v);
	/* A finished task leaves the queue. */
	assert_int_equal(yw_case_act(db, &gaj, &cal, tb, "refuse", "材料不全",
	    at(2026, 11, 5), &errors), YW_OK);
	assert_int_equal(yw_case_queue(db, &gaj, &cal, 0, at(2026, 11, 5),
	    &v), YW_OK);
	assert_int_equal(json_array_size(v), 2);
	json_decref(v);
	json_decref(errors);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_apply_tracking_and_idempotency, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(
		    test_apply_with_target_read_once, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(
		    test_life_cycle_with_holidays_and_pause, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_visibility_and_lookup,
		    setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_bundle_parallel_tasks,
		    setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(
		    test_withdraw_before_later_stage, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_rating_and_rectification,
		    setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_assign_permissions, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_result_visibility, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_overdue_selection, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_track_throttle, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_queue_order, setup,
		    testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
