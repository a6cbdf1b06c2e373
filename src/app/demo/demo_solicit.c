/*
 * demo_solicit.c - the demo city's solicitations (demo_solicit.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account/account_store.h"
#include "app/calendar/calendar.h"
#include "app/demo/demo_solicit.h"
#include "app/interact/solicit.h"
#include "app/interact/solicit_store.h"
#include "app/org/org.h"
#include "core/timeutil.h"

/* Each draft: days from today it opens and closes, whether its feedback
 * is published, and its clauses. */
static const struct {
	const char	*key, *title, *summary, *clauses;
	int		 open, close, answered;
} drafts[] = {
	{ "demo-solicit-open", "福州市灵活就业人员参加社会保险办法（征求意见稿）",
	  "为规范灵活就业人员参加企业职工基本养老保险、医疗保险，依据《社会保险法》"
	  "起草本办法，现向社会公开征求意见。",
	  "本市户籍和持有本市居住证的灵活就业人员，可以个人身份参加企业职工"
	  "基本养老保险和职工基本医疗保险。\n\n"
	  "缴费基数在上年度全省全口径城镇单位就业人员月平均工资的60%至300%"
	  "之间自行选择，每年可以调整一次。\n\n"
	  "参保人员可以按月、按季度或者按年缴费，通过本平台或者社保经办窗口"
	  "办理。\n\n"
	  "本办法自2027年1月1日起施行。", -10, 20, 0 },
	{ "demo-solicit-answered", "福州市公共就业服务管理办法（征求意见稿）",
	  "为提升公共就业服务水平，起草本办法，广泛听取社会各界意见。",
	  "各级公共就业服务机构免费提供职业介绍、职业指导和就业政策咨询。\n\n"
	  "街道（乡镇）设立就业服务站，配备专职工作人员。\n\n"
	  "用人单位招用人员，可以通过本平台免费发布招聘信息。", -60, -40,
	  1 },
	{ "demo-solicit-overdue", "福州市职业技能培训补贴管理办法（征求意见稿）",
	  "为规范职业技能培训补贴的申领和发放，起草本办法。",
	  "参加职业技能培训并取得证书的劳动者，可以申领培训补贴。\n\n"
	  "补贴标准按证书等级确定，具体标准另行公布。", -90, -60, 0 },
};

/* Who comments on what: draft, clause (0: the whole draft), writer,
 * text, approved. */
static const struct {
	int		 draft, clause;
	const char	*login, *text;
	int		 approve;
} comments[] = {
	{ 0, 2, "13800138001", "建议把缴费基数下限降到50%，减轻低收入灵活就业人员"
	  "的负担。", 1 },
	{ 0, 3, "13800138002", "希望支持按月自动扣款，避免忘记缴费断缴。", 1 },
	{ 0, 0, "13800138003", "整体很好，建议配套出台办事指南，讲清楚办理流程。", 1 },
	{ 0, 1, "13800138004", "外地户籍没有居住证的人员能否参保？我的电话"
	  "13800138004，请联系我。", 0 },
	{ 1, 1, "13800138001", "建议就业指导增加线上预约。", 1 },
	{ 1, 2, "13800138002", "就业服务站最好延长周末开放时间。", 1 },
	{ 2, 1, "13800138003", "建议放宽证书范围，把专项职业能力证书也纳入补贴。",
	  1 },
};

static int64_t
account_id(struct yw_db *db, const char *login)
{
	struct yw_account_store_auth a;

	if (yw_account_store_auth_by_login(db, login, &a) != YW_OK)
		return 0;
	return a.id;
}

/* 10:00 in Beijing on today + d. */
static int64_t
at(int64_t today, int d)
{
	return (today + d) * 86400 + 2 * 3600;
}

static void
date_text(int64_t day, char out[16])
{
	int y, m, d;

	yw_time_civil_from_days(day, &y, &m, &d);
	(void)snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

static void
report(const char *what, enum yw_err rc, json_t *errors)
{
	char *e;

	e = errors != NULL ? json_dumps(errors, JSON_COMPACT) : NULL;
	fprintf(stderr, "demo solicitation %s: %s %s\n", what,
	    yw_err_code(rc), e != NULL ? e : "");
	free(e);
	json_decref(errors);
}

/* Creates and publishes draft i; *id receives it. */
static enum yw_err
one_draft(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, size_t i, int64_t today, int64_t *id)
{
	struct yw_solicit_input	 in;
	json_t			*errors;
	char			 open[16], close[16];
	int64_t			 then;
	enum yw_err		 rc;

	date_text(today + drafts[i].open, open);
	date_text(today + drafts[i].close, close);
	memset(&in, 0, sizeof(in));
	in.title = drafts[i].title;
	in.summary = drafts[i].summary;
	in.clauses = drafts[i].clauses;
	in.opens_on = open;
	in.closes_on = close;
	in.feedback_days = "";
	in.idem_key = drafts[i].key;
	then = at(today, drafts[i].open - 1);
	errors = NULL;
	rc = yw_solicit_save(db, a, cal, 0, &in, then, &errors, id);
	if (rc == YW_OK)
		rc = yw_solicit_publish(db, a, cal, *id, then, &errors);
	if (rc != YW_OK)
		report(drafts[i].key, rc, errors);
	else
		json_decref(errors);
	return rc;
}

static enum yw_err
one_comment(struct yw_db *db, const struct yw_actor *staff,
    const struct yw_workday_cal *cal, size_t i, int64_t sid, int64_t today)
{
	struct yw_actor	 w;
	json_t		*errors;
	char		 key[32];
	int64_t		 cid, then;
	enum yw_err	 rc;

	memset(&w, 0, sizeof(w));
	rc = yw_org_actor_load(db, account_id(db, comments[i].login), &w);
	if (rc != YW_OK)
		return YW_OK;	/* a writer the demo lacks: skipped */
	(void)snprintf(key, sizeof(key), "demo-comment-%zu", i);
	then = at(today, drafts[comments[i].draft].open + 1);
	errors = NULL;
	rc = yw_solicit_comment(db, &w, cal, sid, comments[i].clause,
	    comments[i].text, key, then, &errors, &cid);
	if (rc == YW_OK && comments[i].approve)
		rc = yw_solicit_moderate(db, staff, sid, cid, 1, NULL,
		    then + 3600, &errors);
	if (rc != YW_OK)
		report(key, rc, errors);
	else
		json_decref(errors);
	return rc;
}

static enum yw_err
feedback(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t sid, int64_t today)
{
	json_t		*outcomes, *errors;
	enum yw_err	 rc;

	outcomes = json_pack("{s:{s:s, s:s}, s:{s:s, s:s}}", "1", "outcome",
	    "adopted", "reason", "已增加线上预约就业指导，写入第一条。", "2",
	    "outcome", "partly", "reason", "就业服务站周六上午开放，周日暂不具备"
	    "条件。");
	errors = NULL;
	rc = yw_solicit_feedback(db, a, cal, sid, "共收到意见 2 条，采纳 1 条，部分"
	    "采纳 1 条。感谢社会各界的关心和支持。", outcomes, at(today,
	    drafts[1].close + 5), &errors);
	json_decref(outcomes);
	if (rc != YW_OK)
		report("feedback", rc, errors);
	else
		json_decref(errors);
	return rc;
}

enum yw_err
yw_demo_solicit(struct yw_db *db, FILE *log)
{
	struct yw_calendar	*cal;
	struct yw_actor		 staff;
	int64_t			 today, ids[3], existing;
	size_t			 i;
	enum yw_err		 rc;

	memset(&staff, 0, sizeof(staff));
	if (yw_org_actor_load(db, account_id(db, "rsj_admin"), &staff) !=
	    YW_OK)
		return YW_OK;
	if (yw_solicit_store_by_key(db, staff.id, drafts[0].key, &existing) ==
	    YW_OK)
		return YW_OK;
	rc = yw_calendar_load(db, &cal);
	if (rc != YW_OK)
		return rc;
	today = yw_time_local_days(yw_time_now());
	for (i = 0; rc == YW_OK && i < 3; i++)
		rc = one_draft(db, &staff, yw_calendar_workcal(cal), i, today,
		    &ids[i]);
	for (i = 0; rc == YW_OK && i < sizeof(comments) /
	    sizeof(comments[0]); i++)
		rc = one_comment(db, &staff, yw_calendar_workcal(cal), i,
		    ids[comments[i].draft], today);
	if (rc == YW_OK)
		rc = feedback(db, &staff, yw_calendar_workcal(cal), ids[1],
		    today);
	yw_calendar_free(cal);
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo solicitations: 3 added\n");
	return rc;
}
