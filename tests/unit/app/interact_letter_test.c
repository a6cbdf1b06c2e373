/*
 * Letters end to end in the domain: routing by channel, category and
 * region; working-day deadlines and lights; anonymous query codes;
 * idempotent submits; staff moves, transfer limits and reasons; who may
 * see and act; ratings (reopen once, not twice); escalation that runs
 * once; published replies with personal data masked; figures.
 */
#include "testdb.h"

#include "app/audit/audit.h"
#include "app/deadlines.h"
#include "app/interact/kb.h"
#include "app/interact/letter.h"
#include "app/notify/notify.h"
#include "core/timeutil.h"

static struct yw_workday_cal cal;	/* weekday rules */
static struct yw_actor citizen, other, gaj, rsj, gaj_pub, xfj_admin;
static int64_t d_gaj, d_rsj, d_xfj;

/* Noon in Beijing on a day. */
static int64_t
at(int y, int m, int d)
{
	return yw_time_days_from_civil(y, m, d) * 86400 + 4 * 3600;
}

static int64_t
account(const char *kind, const char *login, const char *name, int64_t dept,
    const char *role)
{
	int64_t id;

	id = q_int("INSERT INTO account (kind, login, display_name, "
	    "password_hash, department_id, created_at, updated_at) VALUES "
	    "(?, ?, ?, 'x', ?, 0, 0) RETURNING id", json_pack("[ssso]", kind,
	    login, name, dept != 0 ? json_integer(dept) : json_null()));
	if (role != NULL)
		json_decref(q("INSERT INTO staff_role (account_id, role) VALUES "
		    "(?, ?)", json_pack("[Is]", (json_int_t)id, role)));
	return id;
}

static void
staff(struct yw_actor *a, const char *login, int64_t dept, unsigned roles,
    const char *role)
{
	memset(a, 0, sizeof(*a));
	a->id = account("staff", login, login, dept, role);
	(void)snprintf(a->kind, sizeof(a->kind), "staff");
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
	    "('350100000000', '福州市', 1, '/350100000000/'), "
	    "('350102000000', '鼓楼区', 2, '/350100000000/350102000000/')",
	    json_array()));
	d_gaj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('gaj', '公安局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	d_rsj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('rsj', '人社局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	d_xfj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('xfj', '信访局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	memset(&citizen, 0, sizeof(citizen));
	citizen.id = account("citizen", "13800138000", "张三丰", 0, NULL);
	(void)snprintf(citizen.kind, sizeof(citizen.kind), "citizen");
	(void)snprintf(citizen.login, sizeof(citizen.login), "13800138000");
	(void)snprintf(citizen.display_name, sizeof(citizen.display_name),
	    "张三丰");
	other = citizen;
	other.id = account("citizen", "13900139000", "李四", 0, NULL);
	staff(&gaj, "gaj_handler", d_gaj, YW_ROLE_CASE_HANDLER,
	    "case_handler");
	staff(&rsj, "rsj_handler", d_rsj, YW_ROLE_CASE_HANDLER,
	    "case_handler");
	staff(&gaj_pub, "gaj_pub", d_gaj, YW_ROLE_PUBLISHER, "publisher");
	staff(&xfj_admin, "xfj_admin", d_xfj, YW_ROLE_DEPT_ADMIN,
	    "dept_admin");
	/* Complaints go to 人社局, about social security in 鼓楼区 to 公安局
	 * (odd, but it shows the most specific row winning). */
	json_decref(q("INSERT INTO letter_route (channel, category, "
	    "region_code, department_id) VALUES ('complaint', '', '', ?), "
	    "('complaint', 'social_security', '350102000000', ?), "
	    "('consult', '', '', ?), ('mailbox', '', '', ?)",
	    json_pack("[IIII]", (json_int_t)d_rsj, (json_int_t)d_gaj,
	    (json_int_t)d_gaj, (json_int_t)d_gaj)));
	json_decref(q("INSERT INTO letter_setting (key, value) VALUES "
	    "('supervisor_department_id', ?)", json_pack("[s]", "3")));
	return 0;
}

static int64_t
submit(const struct yw_actor *a, const char *channel, const char *category,
    const char *region, const char *key, int64_t now, char *code)
{
	struct yw_letter_input	 in;
	json_t			*errors;
	int64_t			 id;
	char			 no[24], c[YW_LETTER_CODE_LEN + 1];

	memset(&in, 0, sizeof(in));
	in.channel = channel;
	in.category = category;
	in.region_code = region;
	in.title = "小区门口路灯坏了";
	in.body = "我是张三丰，电话 138 0013 8000，身份证350102199003071234。";
	in.publish_ok = 1;
	in.idem_key = key;
	assert_int_equal(yw_letter_submit(db, a, &cal, &in, now, &errors, &id,
	    no, c), YW_OK);
	assert_null(errors);
	if (code != NULL)
		(void)snprintf(code, YW_LETTER_CODE_LEN + 1, "%s", c);
	return id;
}

static json_t *
get(const struct yw_actor *a, int64_t id, int64_t now)
{
	json_t *v = NULL;

	assert_int_equal(yw_letter_get(db, a, &cal, id, now, &v), YW_OK);
	return v;
}

static const char *
lstr(json_t *v, const char *k)
{
	return json_string_value(json_object_get(json_object_get(v, "letter"),
	    k));
}

static void
test_routing_deadline_and_idempotency(void **state)
{
	int64_t		 dept, id, id2;
	json_t		*v;

	(void)state;
	assert_int_equal(yw_letter_route(db, "complaint", "health",
	    "350102000000", &dept), YW_OK);
	assert_int_equal(dept, d_rsj);
	assert_int_equal(yw_letter_route(db, "complaint", "social_security",
	    "350102000000", &dept), YW_OK);
	assert_int_equal(dept, d_gaj);
	assert_int_equal(yw_letter_route(db, "complaint", "social_security",
	    "350100000000", &dept), YW_OK);
	assert_int_equal(dept, d_rsj);
	assert_int_equal(yw_letter_route(db, "report", "general",
	    "350100000000", &dept), YW_ENOTFOUND);
	/* Friday 2026-11-27: complaint, 10 working days -> 2026-12-11. */
	id = submit(&citizen, "complaint", "health", "350102000000", "k1",
	    at(2026, 11, 27), NULL);
	id2 = submit(&citizen, "complaint", "health", "350102000000", "k1",
	    at(2026, 11, 27), NULL);
	assert_int_equal(id, id2);
	assert_int_equal(q_int("SELECT COUNT(*) FROM letter", json_array()), 1);
	v = get(&citizen, id, at(2026, 11, 27));
	assert_string_equal(lstr(v, "due"), "2026-12-11");
	assert_string_equal(lstr(v, "light"), "green");
	assert_string_equal(lstr(v, "state"), "received");
	json_decref(v);
	/* On the due day yellow, the day after red. */
	v = get(&rsj, id, at(2026, 12, 11));
	assert_string_equal(lstr(v, "light"), "yellow");
	json_decref(v);
	v = get(&rsj, id, at(2026, 12, 14));
	assert_string_equal(lstr(v, "light"), "red");
	json_decref(v);
}

static void
test_bad_input(void **state)
{
	struct yw_letter_input	 in;
	struct yw_actor		 anon;
	json_t			*errors;
	int64_t			 id;
	char			 no[24], code[YW_LETTER_CODE_LEN + 1];
	char			 big[YW_LETTER_BODY_MAX * 3 + 8];

	(void)state;
	memset(&in, 0, sizeof(in));
	in.channel = "complaint";
	in.category = "nope";
	in.region_code = "999999999999";
	in.title = "";
	memset(big, 'a', YW_LETTER_BODY_MAX + 1);
	big[YW_LETTER_BODY_MAX + 1] = '\0';
	in.body = big;
	assert_int_equal(yw_letter_submit(db, &citizen, &cal, &in,
	    at(2026, 11, 27), &errors, &id, no, code), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "category")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "region_code")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "title")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "body")), "too_long");
	json_decref(errors);
	/* Legal aid asks its eligibility questions. */
	in.channel = "legal_aid";
	in.category = "legal";
	in.region_code = "350100000000";
	in.title = "t";
	in.body = "b";
	assert_int_equal(yw_letter_submit(db, &citizen, &cal, &in,
	    at(2026, 11, 27), &errors, &id, no, code), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "matter")), "required");
	json_decref(errors);
	/* The mailbox takes no anonymous letters. */
	memset(&anon, 0, sizeof(anon));
	in.channel = "mailbox";
	in.category = "general";
	in.idem_key = "anon-1";
	assert_int_equal(yw_letter_submit(db, &anon, &cal, &in,
	    at(2026, 11, 27), &errors, &id, no, code), YW_EAUTH);
	json_decref(errors);
}

static void
test_anonymous_code(void **state)
{
	struct yw_actor	 anon;
	json_t		*v, *errors, *rows;
	int64_t		 id, got;
	char		 code[YW_LETTER_CODE_LEN + 1], code2[24], no[24];

	(void)state;
	memset(&anon, 0, sizeof(anon));
	id = submit(&anon, "consult", "general", "350100000000", "tok-1",
	    at(2026, 11, 27), code);
	assert_int_equal(strlen(code), YW_LETTER_CODE_LEN);
	/* A retry shows the same letter and code. */
	assert_int_equal(submit(&anon, "consult", "general", "350100000000",
	    "tok-1", at(2026, 11, 27), code2), id);
	assert_string_equal(code, code2);
	/* Only a hash is stored. */
	assert_int_equal(q_int("SELECT COUNT(*) FROM letter WHERE query_hash "
	    "= ?", json_pack("[s]", code)), 0);
	rows = q("SELECT letter_no FROM letter", json_array());
	(void)snprintf(no, sizeof(no), "%s", json_string_value(json_object_get(
	    json_array_get(rows, 0), "letter_no")));
	json_decref(rows);
	assert_int_equal(yw_letter_track(db, &cal, no, code, at(2026, 11, 27),
	    &got, &v), YW_OK);
	assert_int_equal(got, id);
	json_decref(v);
	code[0] = code[0] == 'A' ? 'B' : 'A';
	assert_int_equal(yw_letter_track(db, &cal, no, code, at(2026, 11, 27),
	    &got, &v), YW_ENOTFOUND);
	assert_int_equal(yw_letter_track(db, &cal, no, "nonsense",
	    at(2026, 11, 27), &got, &v), YW_ENOTFOUND);
	/* Adding to it needs the code. */
	assert_int_equal(yw_letter_writer_act(db, &anon, &cal, id, code,
	    "supplement", "more", NULL, at(2026, 11, 27), &errors),
	    YW_ENOTFOUND);
	assert_int_equal(yw_letter_writer_act(db, &anon, &cal, id, code2,
	    "supplement", "more", NULL, at(2026, 11, 27), &errors), YW_OK);
}

static void
test_life_cycle_and_permissions(void **state)
{
	json_t		*v, *errors, *rows;
	int64_t		 id;
	int		 i;

	(void)state;
	id = submit(&citizen, "mailbox", "general", "350100000000", "m1",
	    at(2026, 11, 27), NULL);
	/* Others do not see it; a publisher of the department sees it but
	 * may not act. */
	assert_int_equal(yw_letter_get(db, &other, &cal, id, at(2026, 11, 27),
	    &v), YW_ENOTFOUND);
	assert_int_equal(yw_letter_get(db, &rsj, &cal, id, at(2026, 11, 27),
	    &v), YW_ENOTFOUND);
	assert_int_equal(yw_letter_act(db, &rsj, &cal, id, "assign", NULL, 0,
	    at(2026, 11, 27), &errors), YW_ENOTFOUND);
	assert_int_equal(yw_letter_act(db, &gaj_pub, &cal, id, "assign", NULL,
	    0, at(2026, 11, 27), &errors), YW_EFORBIDDEN);
	/* The supervising office sees every letter. */
	json_decref(get(&xfj_admin, id, at(2026, 11, 27)));
	assert_int_equal(yw_letter_act(db, &gaj, &cal, id, "assign", NULL, 0,
	    at(2026, 11, 27), &errors), YW_OK);
	/* Transfer needs a reason and a department. */
	assert_int_equal(yw_letter_act(db, &gaj, &cal, id, "transfer", "", d_rsj,
	    at(2026, 11, 27), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors, "note")),
	    "required");
	json_decref(errors);
	assert_int_equal(yw_letter_act(db, &gaj, &cal, id, "transfer", "管辖",
	    0, at(2026, 11, 27), &errors), YW_EINVAL);
	json_decref(errors);
	/* Bounce it: three transfers, then the limit. */
	for (i = 0; i < YW_LETTER_TRANSFER_MAX; i++) {
		assert_int_equal(yw_letter_act(db, i % 2 ? &rsj : &gaj, &cal, id,
		    "transfer", "不属本部门职责", i % 2 ? d_gaj : d_rsj,
		    at(2026, 11, 27), &errors), YW_OK);
	}
	/* Now at rsj after 3 transfers. */
	assert_int_equal(yw_letter_act(db, &rsj, &cal, id, "transfer", "再转",
	    d_gaj, at(2026, 11, 27), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "department_id")), "transfer_limit");
	json_decref(errors);
	/* Return goes to the routing office. */
	assert_int_equal(yw_letter_act(db, &rsj, &cal, id, "return", "应由信访局分办",
	    0, at(2026, 11, 27), &errors), YW_OK);
	assert_int_equal(q_int("SELECT department_id FROM letter WHERE id = ?",
	    json_pack("[I]", (json_int_t)id)), d_xfj);
	assert_int_equal(yw_letter_act(db, &xfj_admin, &cal, id, "reply",
	    "已处理。联系电话13800138000。", 0, at(2026, 11, 30), &errors), YW_OK);
	/* Replying again is a conflict. */
	assert_int_equal(yw_letter_act(db, &xfj_admin, &cal, id, "reply", "x",
	    0, at(2026, 11, 30), &errors), YW_ECONFLICT);
	/* Ratings: unsatisfied reopens once, then closes. */
	assert_int_equal(yw_letter_writer_act(db, &other, &cal, id, NULL,
	    "rate", "", "satisfied", at(2026, 11, 30), &errors), YW_ENOTFOUND);
	assert_int_equal(yw_letter_writer_act(db, &citizen, &cal, id, NULL,
	    "rate", "", "meh", at(2026, 11, 30), &errors), YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_letter_writer_act(db, &citizen, &cal, id, NULL,
	    "rate", "没解决", "unsatisfied", at(2026, 11, 30), &errors), YW_OK);
	v = get(&citizen, id, at(2026, 11, 30));
	assert_string_equal(lstr(v, "state"), "in_progress");
	json_decref(v);
	assert_int_equal(yw_letter_act(db, &xfj_admin, &cal, id, "reply",
	    "再次答复", 0, at(2026, 12, 1), &errors), YW_OK);
	assert_int_equal(yw_letter_writer_act(db, &citizen, &cal, id, NULL,
	    "rate", "", "unsatisfied", at(2026, 12, 1), &errors), YW_OK);
	v = get(&citizen, id, at(2026, 12, 1));
	assert_string_equal(lstr(v, "state"), "closed");
	json_decref(v);
	assert_int_equal(yw_letter_writer_act(db, &citizen, &cal, id, NULL,
	    "rate", "", "satisfied", at(2026, 12, 1), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "rating")), "already");
	json_decref(errors);
	/* The writer was told, the chain holds, first reply on time. */
	assert_true(q_int("SELECT COUNT(*) FROM outbox WHERE "
	    "account_id = ?", json_pack("[I]", (json_int_t)citizen.id)) >= 6);
	assert_int_equal(yw_audit_verify(db, NULL, NULL), YW_OK);
	rows = q("SELECT on_time, reply_days FROM letter WHERE id = ?",
	    json_pack("[I]", (json_int_t)id));
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    rows, 0), "on_time")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    rows, 0), "reply_days")), 1);
	json_decref(rows);
}

static void
test_escalation_once(void **state)
{
	json_t	*errors;
	int64_t	 id;
	int	 n;

	(void)state;
	json_decref(q("INSERT INTO staff_role (account_id, role) SELECT id, "
	    "'dept_admin' FROM account WHERE login = 'gaj_handler'",
	    json_array()));
	/* Consultation, 3 working days from Friday: due Wednesday. */
	id = submit(&citizen, "consult", "general", "350100000000", "c1",
	    at(2026, 11, 27), NULL);
	assert_int_equal(yw_letter_escalate(db, &cal, at(2026, 12, 2), &n),
	    YW_OK);
	assert_int_equal(n, 0);
	assert_int_equal(yw_letter_escalate(db, &cal, at(2026, 12, 3), &n),
	    YW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(yw_letter_escalate(db, &cal, at(2026, 12, 4), &n),
	    YW_OK);
	assert_int_equal(n, 0);
	/* One message to the head of 公安局, one to the supervising office. */
	assert_int_equal(q_int("SELECT COUNT(*) FROM outbox WHERE "
	    "dedup_key LIKE 'letter/%/escalate/%'", json_array()), 2);
	assert_int_equal(yw_letter_act(db, &gaj, &cal, id, "note", "催办", 0,
	    at(2026, 12, 4), &errors), YW_OK);
	assert_int_equal(yw_audit_verify(db, NULL, NULL), YW_OK);
}

static void
test_publication_masked(void **state)
{
	json_t		*list, *l, *errors, *fig;
	const char	*text;
	int64_t		 id, hidden;

	(void)state;
	id = submit(&citizen, "consult", "general", "350100000000", "p1",
	    at(2026, 11, 27), NULL);
	hidden = submit(&citizen, "consult", "general", "350100000000", "p2",
	    at(2026, 11, 27), NULL);
	json_decref(q("UPDATE letter SET publish_ok = 0 WHERE id = ?",
	    json_pack("[I]", (json_int_t)hidden)));
	assert_int_equal(yw_letter_public_get(db, id, &l), YW_ENOTFOUND);
	assert_int_equal(yw_letter_act(db, &gaj, &cal, id, "reply",
	    "张三丰您好，请拨打 138-0013-8000 或写信至 zhang@example.com。", 0,
	    at(2026, 11, 30), &errors), YW_OK);
	assert_int_equal(yw_letter_act(db, &gaj, &cal, hidden, "reply", "好",
	    0, at(2026, 11, 30), &errors), YW_OK);
	assert_int_equal(yw_letter_public_list(db, "consult", 1, &list), YW_OK);
	assert_int_equal(json_array_size(json_object_get(list, "letters")), 1);
	l = json_array_get(json_object_get(list, "letters"), 0);
	text = json_string_value(json_object_get(l, "body"));
	assert_non_null(strstr(text, "张**"));
	assert_non_null(strstr(text, "138 **** 8000"));
	assert_non_null(strstr(text, "350102********1234"));
	assert_null(strstr(text, "张三丰"));
	text = json_string_value(json_object_get(l, "reply"));
	assert_non_null(strstr(text, "138-****-8000"));
	assert_non_null(strstr(text, "z***@example.com"));
	assert_string_equal(json_string_value(json_object_get(l, "writer")),
	    "张**");
	assert_null(json_object_get(l, "writer_name"));
	json_decref(list);
	assert_int_equal(yw_letter_public_get(db, hidden, &l), YW_ENOTFOUND);
	assert_int_equal(yw_letter_figures(db, d_gaj, &fig), YW_OK);
	l = json_array_get(fig, 0);
	assert_int_equal(json_integer_value(json_object_get(l, "received")), 2);
	assert_int_equal(json_integer_value(json_object_get(l, "on_time")), 2);
	assert_true(json_real_value(json_object_get(l, "median_days")) == 1.0);
	json_decref(fig);
}

static void
test_officer(void **state)
{
	json_t *errors, *list;

	(void)state;
	assert_int_equal(yw_letter_set_officer(db, &gaj, d_gaj, "mailbox",
	    gaj.id, "副局长", at(2026, 11, 27), &errors), YW_EFORBIDDEN);
	gaj.roles |= YW_ROLE_DEPT_ADMIN;
	assert_int_equal(yw_letter_set_officer(db, &gaj, d_rsj, "mailbox",
	    rsj.id, "副局长", at(2026, 11, 27), &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_letter_set_officer(db, &gaj, d_gaj, "mailbox",
	    rsj.id, "副局长", at(2026, 11, 27), &errors), YW_EINVAL);
	json_decref(errors);
	assert_int_equal(yw_letter_set_officer(db, &gaj, d_gaj, "mailbox",
	    gaj.id, "副局长", at(2026, 11, 27), &errors), YW_OK);
	gaj.roles = YW_ROLE_CASE_HANDLER;
	assert_int_equal(yw_letter_channel_list(db, &list), YW_OK);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(json_array_get(list, 0), "officers"), 0),
	    "title")), "副局长");
	json_decref(list);
}

static void
test_assign_colleague(void **state)
{
	struct yw_actor	 gaj2, gaj_admin;
	json_t		*errors, *v, *list;
	int64_t		 id;

	(void)state;
	staff(&gaj2, "gaj_handler2", d_gaj, YW_ROLE_CASE_HANDLER,
	    "case_handler");
	staff(&gaj_admin, "gaj_admin", d_gaj, YW_ROLE_DEPT_ADMIN,
	    "dept_admin");
	id = submit(&citizen, "mailbox", "general", "350100000000", "as1",
	    at(2026, 11, 27), NULL);
	/* A handler of the department is not its admin nor the officer. */
	assert_int_equal(yw_letter_assign(db, &gaj, id, gaj2.id,
	    at(2026, 11, 27), &errors), YW_EFORBIDDEN);
	/* Another department's staff do not see the letter at all. */
	assert_int_equal(yw_letter_assign(db, &xfj_admin, id, gaj2.id,
	    at(2026, 11, 27), &errors), YW_ENOTFOUND);
	/* Only a colleague who may handle letters. */
	assert_int_equal(yw_letter_assign(db, &gaj_admin, id, rsj.id,
	    at(2026, 11, 27), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "assignee_id")), "not_colleague");
	json_decref(errors);
	assert_int_equal(yw_letter_assign(db, &gaj_admin, id, gaj_pub.id,
	    at(2026, 11, 27), &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "assignee_id")), "cannot_handle");
	json_decref(errors);
	assert_int_equal(yw_letter_colleagues(db, &gaj_admin, id, &list),
	    YW_OK);
	assert_int_equal(json_array_size(list), 3);	/* gaj, gaj2, admin */
	json_decref(list);
	assert_int_equal(yw_letter_assign(db, &gaj_admin, id, gaj2.id,
	    at(2026, 11, 27), &errors), YW_OK);
	v = get(&gaj2, id, at(2026, 11, 27));
	assert_string_equal(lstr(v, "state"), "assigned");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(v,
	    "letter"), "assignee_id")), gaj2.id);
	json_decref(v);
	/* The channel's responsible officer may hand it on; the state stays. */
	assert_int_equal(yw_letter_act(db, &gaj2, &cal, id, "start", "", 0,
	    at(2026, 11, 27), &errors), YW_OK);
	gaj_admin.roles = YW_ROLE_DEPT_ADMIN;
	assert_int_equal(yw_letter_set_officer(db, &gaj_admin, d_gaj,
	    "mailbox", gaj.id, "科长", at(2026, 11, 27), &errors), YW_OK);
	assert_int_equal(yw_letter_assign(db, &gaj, id, gaj.id,
	    at(2026, 11, 28), &errors), YW_OK);
	v = get(&gaj, id, at(2026, 11, 28));
	assert_string_equal(lstr(v, "state"), "in_progress");
	assert_true(json_is_true(json_object_get(json_object_get(
	    json_object_get(v, "letter"), "can"), "assign_to")));
	json_decref(v);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'letter.assign'", json_array()), 2);
	/* Once replied, no more hand-overs. */
	assert_int_equal(yw_letter_act(db, &gaj, &cal, id, "reply", "已办", 0,
	    at(2026, 11, 28), &errors), YW_OK);
	assert_int_equal(yw_letter_assign(db, &gaj_admin, id, gaj2.id,
	    at(2026, 11, 28), &errors), YW_ECONFLICT);
}

/* A consultation's reply joins the knowledge base when its writer allowed
 * publication, masked; other channels and unpublished letters do not. */
static void
test_consult_reply_in_kb(void **state)
{
	json_t	*errors, *r, *e;
	int64_t	 id, mail;

	(void)state;
	id = submit(&citizen, "consult", "general", "350100000000", "kb1",
	    at(2026, 11, 27), NULL);
	mail = submit(&citizen, "mailbox", "general", "350100000000", "kb2",
	    at(2026, 11, 27), NULL);
	assert_int_equal(yw_kb_search(db, "路灯", 1, &r), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(r, "total")), 0);
	json_decref(r);
	assert_int_equal(yw_letter_act(db, &gaj, &cal, id, "reply",
	    "已通知维修，联系电话 138 0013 8000。", 0, at(2026, 11, 28), &errors),
	    YW_OK);
	assert_int_equal(yw_letter_act(db, &gaj, &cal, mail, "reply", "已修",
	    0, at(2026, 11, 28), &errors), YW_OK);
	assert_int_equal(yw_kb_search(db, "路灯", 1, &r), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(r, "total")), 1);
	e = json_array_get(json_object_get(r, "entries"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "source")),
	    "letter");
	assert_null(strstr(json_string_value(json_object_get(e, "answer")),
	    "138 0013 8000"));
	assert_null(strstr(json_string_value(json_object_get(e, "snippet")),
	    "张三丰"));
	assert_non_null(strstr(json_string_value(json_object_get(e,
	    "title_html")), "<mark>路灯</mark>"));
	json_decref(r);
	/* An unsatisfied rating reopens it: out of the knowledge base. */
	assert_int_equal(yw_letter_writer_act(db, &citizen, &cal, id, NULL,
	    "rate", "", "unsatisfied", at(2026, 11, 29), &errors), YW_OK);
	assert_int_equal(yw_kb_search(db, "路灯", 1, &r), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(r, "total")), 0);
	json_decref(r);
}

/* A holiday added on 12-01 (app/deadlines.h) moves an open letter due
 * 12-11 to 12-14, as of 11-27; a letter already replied keeps its day;
 * the move is audited once, and nothing moves when nothing changed. */
static void
test_deadline_follows_calendar(void **state)
{
	struct yw_workday_cal	 after;
	int32_t			 extra[1];
	int64_t			 id, done;
	json_t			*v;

	(void)state;
	id = submit(&citizen, "complaint", "health", "350102000000", "f1",
	    at(2026, 11, 27), NULL);
	done = submit(&citizen, "complaint", "health", "350102000000", "f2",
	    at(2026, 11, 27), NULL);
	json_decref(q("UPDATE letter SET state = 'replied' WHERE id = ?",
	    json_pack("[I]", (json_int_t)done)));
	memset(&after, 0, sizeof(after));
	extra[0] = (int32_t)yw_time_days_from_civil(2026, 12, 1);
	after.holidays = extra;
	after.nholidays = 1;
	assert_int_equal(yw_deadlines_follow(db, &xfj_admin, 2026, &cal,
	    &after, at(2026, 11, 27)), YW_OK);
	v = get(&citizen, id, at(2026, 11, 27));
	assert_string_equal(lstr(v, "due"), "2026-12-14");
	json_decref(v);
	assert_int_equal(q_int("SELECT due_day FROM letter WHERE id = ?",
	    json_pack("[I]", (json_int_t)done)),
	    yw_time_days_from_civil(2026, 12, 11));
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'calendar.deadlines_moved' AND actor_id = ?", json_pack("[I]",
	    (json_int_t)xfj_admin.id)), 1);
	assert_int_equal(yw_deadlines_follow(db, &xfj_admin, 2026, &after,
	    &after, at(2026, 11, 27)), YW_OK);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'calendar.deadlines_moved'", json_array()), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_routing_deadline_and_idempotency, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_anonymous_code, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_life_cycle_and_permissions,
		    setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_escalation_once, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_publication_masked, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_officer, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_assign_colleague, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_deadline_follows_calendar,
		    setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_consult_reply_in_kb, setup,
		    testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
