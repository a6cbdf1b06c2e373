/*
 * demo_surveys.c - the demo city's surveys (demo_surveys.h). The surveys
 * are built and published through app/interact (audited); the responses
 * of the closed one are written with survey_store in one transaction,
 * row for row what answering would have stored, by respondent accounts
 * that share the demo citizen's password hash (hashing each anew would
 * cost a second apiece).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account/account_store.h"
#include "app/demo/demo_surveys.h"
#include "app/interact/survey.h"
#include "app/interact/survey_store.h"
#include "core/timeutil.h"

#define RESPONDENTS	320
#define DAY		86400

static int64_t
dept_id(struct yw_db *db, const char *code)
{
	int64_t id;

	if (yw_db_one_int64(db, &id, "SELECT id FROM department WHERE code = "
	    "?", "s", code) != YW_OK)
		return 0;
	return id;
}

static int
exists(struct yw_db *db, const char *title)
{
	int64_t n;

	return yw_db_one_int64(db, &n, "SELECT COUNT(*) FROM survey WHERE "
	    "title = ?", "s", title) == YW_OK && n > 0;
}

/* "YYYY-MM-DD" of the local day days from now's. */
static void
day(int64_t now, int days, char out[16])
{
	int y, m, d;

	yw_time_civil_from_days(yw_time_local_days(now) + days, &y, &m, &d);
	(void)snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

static enum yw_err
build(struct yw_db *db, const struct yw_actor *a, const char *dept,
    json_t *in, int64_t now, int64_t *id)
{
	json_t		*errors = NULL;
	char		*e;
	enum yw_err	 rc;

	json_object_set_new(in, "department_id", json_integer(dept_id(db,
	    dept)));
	rc = yw_survey_save(db, a, 0, in, now, &errors, id);
	if (rc == YW_OK)
		rc = yw_survey_publish(db, a, *id, now, &errors);
	if (rc != YW_OK) {
		e = errors != NULL ? json_dumps(errors, 0) : NULL;
		fprintf(stderr, "demo survey: %s %s\n", yw_err_code(rc),
		    e != NULL ? e : "");
		free(e);
	}
	json_decref(errors);
	json_decref(in);
	return rc;
}

/* The respondent accounts, made once: 1990000NNNN. */
static enum yw_err
respondents(struct yw_db *db, int64_t now, int64_t *ids)
{
	struct yw_account_store_auth	a, who;
	struct yw_account_store_new	n;
	char				login[24], name[32];
	int				i;
	enum yw_err			rc;

	rc = yw_account_store_auth_by_login(db, "13800138000", &a);
	for (i = 0; rc == YW_OK && i < RESPONDENTS; i++) {
		(void)snprintf(login, sizeof(login), "1990000%04d", i + 1);
		if (yw_account_store_auth_by_login(db, login, &who) == YW_OK) {
			ids[i] = who.id;
			continue;
		}
		(void)snprintf(name, sizeof(name), "市民%04d", i + 1);
		memset(&n, 0, sizeof(n));
		n.kind = "citizen";
		n.login = login;
		n.phone = login;
		n.email = "";
		n.display_name = name;
		n.org_name = "";
		n.credit_code = "";
		n.password_hash = a.hash;
		n.now = now;
		rc = yw_account_store_insert(db, &n, &ids[i]);
	}
	return rc;
}

static const char *const remarks[] = {
	"希望窗口午休时间也能办理。",
	"网上办理很方便，点赞！",
	"材料还是有点多，能否再精简？我的电话13912345678，欢迎回访。",
	"=建议增加夜间自助服务",
	"咨询电话经常占线。",
};

/* The answers of respondent i: a fixed mix, so every run is the same. */
static json_t *
answers(json_t *qs, int i)
{
	static const int way[] = { 1, 1, 1, 2, 2, 3, 3, 4, 1, 2 };
	static const int grade[] = { 5, 4, 4, 5, 3, 4, 2, 5, 4, 1, 5, 3 };
	json_t	*rows;
	int64_t	 q[4];
	size_t	 k;

	for (k = 0; k < 4; k++)
		q[k] = json_integer_value(json_object_get(json_array_get(qs, k),
		    "id"));
	rows = json_array();
	json_array_append_new(rows, json_pack("{s:I, s:I, s:s}",
	    "question_id", (json_int_t)q[0], "option_id", (json_int_t)way[i %
	    10], "text", ""));
	json_array_append_new(rows, json_pack("{s:I, s:I, s:s}",
	    "question_id", (json_int_t)q[1], "option_id", (json_int_t)grade[i %
	    12], "text", ""));
	for (k = 1; k <= 5; k++)
		if ((i * 7 + (int)k * 3) % 5 < (k == 1 ? 3 : 2))
			json_array_append_new(rows, json_pack("{s:I, s:I, s:s}",
			    "question_id", (json_int_t)q[2], "option_id",
			    (json_int_t)k, "text", ""));
	if (i % 9 == 0)
		json_array_append_new(rows, json_pack("{s:I, s:n, s:s}",
		    "question_id", (json_int_t)q[3], "option_id", "text",
		    remarks[(i / 9) % 5]));
	return rows;
}

/* The closed survey's responses, then its dates moved into the past. */
static enum yw_err
respond(struct yw_db *db, int64_t id, int64_t now)
{
	json_t		*qs = NULL, *rows, *s = NULL;
	int64_t		*ids, rid;
	int		 i;
	enum yw_err	 rc;

	ids = calloc(RESPONDENTS, sizeof(*ids));
	if (ids == NULL)
		return YW_ENOMEM;
	rc = yw_survey_store_questions(db, id, &qs);
	if (rc == YW_OK)
		rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = respondents(db, now, ids);
	for (i = 0; rc == YW_OK && i < RESPONDENTS; i++) {
		rows = answers(qs, i);
		rc = yw_survey_store_respond(db, id, ids[i], rows, now - 40 *
		    DAY + i * 600, &rid);
		json_decref(rows);
	}
	if (rc == YW_OK)
		rc = yw_survey_store_get(db, id, &s);
	if (rc == YW_OK) {
		json_object_set_new(s, "opens_at", json_integer(json_integer_value(
		    json_object_get(s, "opens_at")) - 45 * DAY));
		json_object_set_new(s, "closes_at", json_integer(
		    json_integer_value(json_object_get(s, "opens_at")) + 30 *
		    DAY));
		rc = yw_survey_store_update(db, id, s, now);
	}
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
out:
	json_decref(s);
	json_decref(qs);
	free(ids);
	return rc;
}

#define CLOSED_TITLE	"社保经办服务满意度调查"
#define OPEN_TITLE	"2027 年民生实事项目征集调查"

enum yw_err
yw_demo_surveys(struct yw_db *db, const struct yw_actor *a, FILE *log)
{
	char		 d0[16], d1[16];
	int64_t		 now, id;
	int		 made = 0;
	enum yw_err	 rc = YW_OK;

	now = yw_time_now();
	day(now, 0, d0);
	day(now, 30, d1);
	if (!exists(db, CLOSED_TITLE)) {
		rc = build(db, a, "rsj", json_pack("{s:s, s:s, s:s, s:s, s:s, "
		    "s:[{s:s, s:s, s:b, s:[s, s, s, s]}, {s:s, s:s, s:b}, "
		    "{s:s, s:s, s:b, s:[s, s, s, s, s]}, {s:s, s:s, s:b}]}",
		    "title", CLOSED_TITLE, "description",
		    "为改进社保经办服务，请您根据最近一次办理社保业务的体验填写。",
		    "opens", d0, "closes", d1, "results", "closed",
		    "questions",
		    "text", "您最近一次办理社保业务的方式", "kind", "single",
		    "required", 1, "options", "网上办理", "手机 App",
		    "窗口办理", "自助终端",
		    "text", "您对办理效率的总体评价", "kind", "rating",
		    "required", 1,
		    "text", "您希望优先改进哪些方面", "kind", "multi",
		    "required", 1, "options", "精简申请材料", "缩短办理时限",
		    "延长窗口服务时间", "完善线上办事指引", "畅通咨询电话",
		    "text", "其他意见和建议", "kind", "text", "required", 0),
		    now, &id);
		if (rc == YW_OK)
			rc = respond(db, id, now);
		made += rc == YW_OK;
	}
	if (rc == YW_OK && !exists(db, OPEN_TITLE)) {
		rc = build(db, a, "xfj", json_pack("{s:s, s:s, s:s, s:s, s:s, "
		    "s:[{s:s, s:s, s:b, s:[s, s, s, s, s]}, {s:s, s:s, s:b}, "
		    "{s:s, s:s, s:b}]}",
		    "title", OPEN_TITLE, "description",
		    "明年的民生实事项目向社会公开征集，请告诉我们您最关心的事。",
		    "opens", d0, "closes", d1, "results", "closed",
		    "questions",
		    "text", "您最关注的民生领域", "kind", "single",
		    "required", 1, "options", "教育", "医疗", "养老", "交通",
		    "住房",
		    "text", "您对本市公共服务的总体满意度", "kind", "rating",
		    "required", 1,
		    "text", "您的具体建议", "kind", "text", "required", 0),
		    now, &id);
		made += rc == YW_OK;
	}
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo surveys: %d survey(s) added\n", made);
	return rc;
}
