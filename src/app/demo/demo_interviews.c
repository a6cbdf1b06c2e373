/*
 * demo_interviews.c - the demo city's online interviews
 * (demo_interviews.h).
 */
#include <stdio.h>
#include <string.h>

#include "app/account/account_store.h"
#include "app/calendar/calendar.h"
#include "app/demo/demo_interviews.h"
#include "app/interact/interview.h"
#include "app/org/org.h"
#include "core/timeutil.h"

struct demo_question {
	const char	*login;		/* asker */
	const char	*body;
	const char	*fate;		/* "answer" (guest 0/1), "approve",
					 * "reject", "" (pending) */
	int		 guest;
	const char	*answer;
};

static const struct demo_question past_questions[] = {
	{ "13800138001", "高校毕业生到中小微企业就业，有哪些补贴政策？",
	  "answer", 1, "对吸纳高校毕业生就业并缴纳社会保险的中小微企业，按规定给予"
	  "一次性吸纳就业补贴；毕业生本人可申请求职创业补贴，具体标准可在本平台"
	  "“办事服务”中查询。" },
	{ "13800138002", "灵活就业人员怎样参加养老保险？缴费基数怎么选？",
	  "answer", 0, "灵活就业人员可持身份证通过本平台或社保经办窗口办理参保"
	  "登记，缴费基数可在上年度全省平均工资的60%至300%之间自选。" },
	{ "13800138003", "失业后多久可以申领失业保险金？需要准备什么材料？",
	  "answer", 1, "非本人意愿中断就业、已办理失业登记并有求职要求的，可在"
	  "失业后60日内申领，只需身份证和社会保障卡，其余信息由部门共享获取。" },
	{ "13800138004", "创业担保贷款的额度和贴息政策是怎样的？", "approve", 0,
	  NULL },
	{ "13800138005", "楼下商铺卖什么最赚钱？", "reject", 0, NULL },
};

static const struct demo_question upcoming_questions[] = {
	{ "13800138001", "社保卡可以在哪些场景“一卡通”使用？", "approve", 0, NULL },
	{ "13800138002", "异地就医能直接用社保卡结算吗？", "approve", 0, NULL },
	{ "13800138003", "社保卡丢了怎么补办，要多久？", "", 0, NULL },
};

static const struct {
	const char			*title, *topic;
	int				 day, hour, minutes;
	const struct demo_question	*questions;
	size_t				 nquestions;
} interviews[] = {
	{ "稳就业促创业政策在线访谈", "围绕高校毕业生就业、灵活就业参保、失业保险"
	  "和创业扶持等政策，解答网友关心的问题。", -14, 10, 90, past_questions,
	  sizeof(past_questions) / sizeof(past_questions[0]) },
	{ "社会保障卡“一卡通”服务在线访谈", "介绍社会保障卡在就医、交通、文旅等"
	  "场景的“一卡通”应用，解答办卡、补卡和异地使用问题。", 7, 15, 90,
	  upcoming_questions, sizeof(upcoming_questions) /
	  sizeof(upcoming_questions[0]) },
};

static enum yw_err
actor(struct yw_db *db, const char *login, struct yw_actor *a)
{
	struct yw_account_store_auth	auth;
	enum yw_err			rc;

	memset(a, 0, sizeof(*a));
	rc = yw_account_store_auth_by_login(db, login, &auth);
	if (rc == YW_OK)
		rc = yw_org_actor_load(db, auth.id, a);
	return rc;
}

/* 1 when an interview with title exists. */
static int
exists(struct yw_db *db, const char *title, int64_t now)
{
	static const char *const phases[] = { "upcoming", "live", "past" };
	json_t	*all, *iv;
	size_t	 i, p;
	int	 found;

	if (yw_interview_list(db, 0, now, &all) != YW_OK)
		return 0;
	found = 0;
	for (p = 0; p < 3; p++)
		json_array_foreach(json_object_get(all, phases[p]), i, iv)
			if (strcmp(json_string_value(json_object_get(iv,
			    "title")), title) == 0)
				found = 1;
	json_decref(all);
	return found;
}

/* "YYYY-MM-DD HH:MM" of a local day and minute of the day. */
static void
local_text(int64_t day, int minute, char out[24])
{
	int y, m, d;

	yw_time_civil_from_days(day, &y, &m, &d);
	(void)snprintf(out, 24, "%04d-%02d-%02d %02d:%02d", y, m, d,
	    minute / 60 % 24, minute % 60);
}

/* One question's life: asked two days before the start, then moderated
 * and answered during the interview (minute k of it). */
static enum yw_err
question(struct yw_db *db, const struct yw_actor *host, int64_t id,
    const struct demo_question *q, json_t *guests, int64_t start, size_t k)
{
	struct yw_actor	 asker;
	json_t		*errors;
	char		 key[32];
	int64_t		 qid, at;
	enum yw_err	 rc;

	rc = actor(db, q->login, &asker);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(key, sizeof(key), "demo-%zu", k);
	errors = NULL;
	rc = yw_interview_ask(db, &asker, id, q->body, key, start - 2 * 86400 +
	    (int64_t)k * 600, &qid, &errors);
	at = start + 300 + (int64_t)k * 600;
	if (rc == YW_OK && q->fate[0] != '\0')
		rc = yw_interview_moderate(db, host, id, qid, strcmp(q->fate,
		    "reject") == 0 ? "reject" : "approve", "与访谈主题无关",
		    at < start ? start : at - 60, &errors);
	if (rc == YW_OK && strcmp(q->fate, "answer") == 0)
		rc = yw_interview_answer(db, host, id, qid, json_integer_value(
		    json_object_get(json_array_get(guests, (size_t)q->guest),
		    "id")), q->answer, at, &errors);
	json_decref(errors);
	return rc;
}

static enum yw_err
one(struct yw_db *db, const struct yw_actor *host, size_t n, int64_t now)
{
	json_t		*in, *errors, *v;
	char		 starts[24], ends[24];
	int64_t		 id, today, start;
	size_t		 k;
	enum yw_err	 rc;

	today = yw_time_local_days(now) + interviews[n].day;
	local_text(today, interviews[n].hour * 60, starts);
	local_text(today, interviews[n].hour * 60 + interviews[n].minutes,
	    ends);
	start = today * 86400 + interviews[n].hour * 3600 -
	    YW_TIME_LOCAL_OFFSET;
	in = json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s}, {s:s, s:s}]}",
	    "title", interviews[n].title, "topic", interviews[n].topic,
	    "starts", starts, "ends", ends, "guests", "name", "王建华",
	    "title", "市人社局局长", "name", "刘敏", "title", "就业促进科科长");
	errors = NULL;
	rc = yw_interview_create(db, host, in, start - 10 * 86400, &id,
	    &errors);
	json_decref(in);
	json_decref(errors);
	if (rc == YW_OK)
		rc = yw_interview_get(db, host, id, now, &v);
	if (rc != YW_OK)
		return rc;
	for (k = 0; rc == YW_OK && k < interviews[n].nquestions; k++)
		rc = question(db, host, id, &interviews[n].questions[k],
		    json_object_get(json_object_get(v, "interview"), "guests"),
		    start, k);
	json_decref(v);
	return rc;
}

enum yw_err
yw_demo_interviews(struct yw_db *db, FILE *log)
{
	struct yw_calendar	*cal;
	struct yw_actor		 host;
	int64_t			 now;
	size_t			 n;
	int			 made, letters;
	enum yw_err		 rc;

	now = yw_time_now();
	if (actor(db, "rsj_admin", &host) != YW_OK)
		return YW_OK;	/* no 人社局 in this city */
	made = 0;
	rc = YW_OK;
	for (n = 0; rc == YW_OK && n < sizeof(interviews) /
	    sizeof(interviews[0]); n++) {
		if (exists(db, interviews[n].title, now))
			continue;
		rc = one(db, &host, n, now);
		made++;
	}
	letters = 0;
	if (rc == YW_OK)
		rc = yw_calendar_load(db, &cal);
	if (rc == YW_OK) {
		rc = yw_interview_close(db, yw_calendar_workcal(cal), now,
		    &letters);
		yw_calendar_free(cal);
	}
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo interviews: %d added, %d question(s) became "
		    "letters\n", made, letters);
	return rc;
}
