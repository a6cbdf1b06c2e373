/*
 * demo_letters.c - the demo city's letters (demo_letters.h). Settings go
 * through app/interact (audited); the letters themselves are written with
 * letter_store in one transaction, row for row what the domain would have
 * written for the same actions, because going through the domain one
 * audited transaction per step would make `yiwang demo` slow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/account/account_store.h"
#include "app/account/password.h"
#include "app/audit/audit.h"
#include "app/calendar/calendar.h"
#include "app/demo/demo.h"
#include "app/demo/demo_letters.h"
#include "app/interact/letter.h"
#include "app/interact/letter_store.h"
#include "app/interact/open311.h"
#include "app/org/org.h"
#include "core/timeutil.h"
#include "core/workday.h"

#define DEMO_LETTERS	280

static const struct {
	const char *login, *name, *dept, *roles;
} staff[] = {
	{ "xfj_admin", "信访局管理员", "xfj", "dept_admin" },
	{ "sfj_admin", "司法局管理员", "sfj", "dept_admin" },
};

/* Who answers what: channel, category ("" any), department, officer. */
static const struct {
	const char *channel, *category, *dept, *officer, *title;
} routes[] = {
	{ "mailbox", "", "xfj", "xfj_admin", "信访局局长" },
	{ "consult", "", "xfj", "xfj_admin", "信访局局长" },
	{ "consult", "social_security", "rsj", "rsj_admin", "政策法规科科长" },
	{ "consult", "health", "ybj", "ybj_handler", "待遇保障科科员" },
	{ "complaint", "", "xfj", "xfj_admin", "信访局局长" },
	{ "complaint", "market", "scjg", "scjg_handler", "消费者权益保护科科员" },
	{ "complaint", "public_security", "gaj", "gaj_admin", "法制支队支队长" },
	{ "complaint", "housing", "zjj", "zjj_handler", "房地产市场监管科科员" },
	{ "suggest", "", "xfj", "xfj_admin", "信访局局长" },
	{ "report", "", "xfj", "xfj_admin", "信访局局长" },
	{ "report", "environment", "sthj", "sthj_steward", "执法支队队员" },
	{ "legal_aid", "", "sfj", "sfj_admin", "法律援助中心主任" },
	{ "site_error", "", "sjj", "admin", "网站运维负责人" },
};

/* Per channel: the categories its demo letters use. */
static const char *const cats[][3] = {
	{ "general", "transport", "education" },	/* mailbox */
	{ "social_security", "health", "general" },	/* consult */
	{ "market", "public_security", "housing" },	/* complaint */
	{ "transport", "environment", "general" },	/* suggest */
	{ "environment", "market", "general" },		/* report */
	{ "legal", "legal", "legal" },			/* legal_aid */
	{ "website", "website", "website" },		/* site_error */
};

static const struct {
	const char *title, *body, *reply;
} texts[] = {
	{ "小区门口道路坑洼积水", "住在五四路附近，小区门口道路坑洼，下雨天积水严重，"
	  "老人孩子出行不便，请尽快修复。",
	  "您好！经现场核查，该路段已列入本月维修计划，施工单位将于两周内完成修补。" },
	{ "咨询灵活就业人员参保缴费", "目前灵活就业，想了解养老保险如何参保、缴费基数怎么选。",
	  "您好！灵活就业人员可持身份证到社保经办窗口或通过本平台办理参保登记，"
	  "缴费基数可在规定范围内自选。" },
	{ "商家拒绝履行七日无理由退货", "在某商场购买的电器未拆封，商家拒绝七日无理由退货，请予处理。",
	  "您好！经调解，商家已同意办理退货并退还货款。" },
	{ "建议增加公交夜班线路", "建议在鼓楼区至火车站之间增开夜班公交，方便夜间下班的市民。",
	  "您好！感谢建议。公交集团已完成客流调查，拟于下季度试开夜班线路，"
	  "具体线路将向社会公示。" },
	{ "工地夜间施工噪声扰民", "附近工地连续多日夜间施工，噪声很大，影响休息。",
	  "您好！执法人员已到现场检查，责令施工单位停止夜间施工并立案调查。" },
	{ "申请法律援助追索工资", "在一家装修公司工作三个月，被拖欠工资一万余元，"
	  "家庭经济困难，申请法律援助。",
	  "您好！经审查，您符合法律援助条件，已指派律师为您提供代理。" },
	{ "办事指南页面链接打不开", "“新生儿出生一件事”页面中的一个链接打不开，显示找不到页面。",
	  "您好！感谢纠错，错误链接已修复。" },
};

static const struct {
	const char *login, *name;
} writers[] = {
	{ "13800138000", "张三" }, { "13800138001", "李明" },
	{ "13800138002", "王芳" }, { "13800138003", "陈建国" },
	{ "13800138004", "林小红" }, { "13800138005", "黄伟" },
};

static const char *const regions[] = {
	"350102001001", "350102002001", "350102000000", "350103000000",
	"350100000000",
};

static int64_t
account_id(struct yw_db *db, const char *login)
{
	struct yw_account_store_auth a;

	if (yw_account_store_auth_by_login(db, login, &a) != YW_OK)
		return 0;
	return a.id;
}

/* Says on stderr why a demo object was refused; frees errors. */
static void
report(const char *what, enum yw_err rc, json_t *errors)
{
	char *e;

	if (rc != YW_OK) {
		e = errors != NULL ? json_dumps(errors, 0) : NULL;
		fprintf(stderr, "demo letters %s: %s %s\n", what,
		    yw_err_code(rc), e != NULL ? e : "");
		free(e);
	}
	json_decref(errors);
}

static enum yw_err
load_staff(struct yw_db *db, const struct yw_actor *a, json_t *deps,
    char *pwhash)
{
	json_t		*in, *errors;
	int64_t		 id;
	size_t		 i;
	enum yw_err	 rc;

	for (i = 0; i < sizeof(staff) / sizeof(staff[0]); i++) {
		if (account_id(db, staff[i].login) != 0)
			continue;
		in = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "login",
		    staff[i].login, "display_name", staff[i].name,
		    "department_id", (json_int_t)yw_demo_dept_id(deps,
		    staff[i].dept), "roles", staff[i].roles, "password",
		    YW_DEMO_PASSWORD, "status", "active");
		errors = NULL;
		rc = yw_demo_staff_hash(pwhash, YW_PASSWORD_HASH_MAX);
		if (rc == YW_OK)
			rc = yw_org_staff_save_hashed(db, a, 0, in, pwhash, &id,
			    &errors);
		json_decref(in);
		report(staff[i].login, rc, errors);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

/* More demo citizens to write letters, with the demo citizen's password
 * (its hash reused: hashing each anew would cost a second apiece). */
static enum yw_err
load_writers(struct yw_db *db, int64_t now)
{
	struct yw_account_store_auth	a;
	struct yw_account_store_new	n;
	int64_t				id;
	size_t				i;
	enum yw_err			rc;

	rc = yw_account_store_auth_by_login(db, writers[0].login, &a);
	if (rc != YW_OK)
		return rc;
	for (i = 1; i < sizeof(writers) / sizeof(writers[0]); i++) {
		if (account_id(db, writers[i].login) != 0)
			continue;
		memset(&n, 0, sizeof(n));
		n.kind = "citizen";
		n.login = writers[i].login;
		n.phone = writers[i].login;
		n.email = "";
		n.display_name = writers[i].name;
		n.org_name = "";
		n.credit_code = "";
		n.password_hash = a.hash;
		n.now = now;
		rc = yw_account_store_insert(db, &n, &id);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

static enum yw_err
load_settings(struct yw_db *db, const struct yw_actor *a, json_t *deps,
    int64_t now)
{
	json_t		*errors;
	int64_t		 dept;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_letter_set_supervisor(db, a, yw_demo_dept_id(deps, "xfj"));
	for (i = 0; rc == YW_OK && i < sizeof(routes) / sizeof(routes[0]);
	    i++) {
		dept = yw_demo_dept_id(deps, routes[i].dept);
		errors = NULL;
		rc = yw_letter_set_route(db, a, routes[i].channel,
		    routes[i].category, "", dept, &errors);
		report(routes[i].channel, rc, errors);
		errors = NULL;
		if (rc == YW_OK)
			rc = yw_letter_set_officer(db, a, dept,
			    routes[i].channel, account_id(db,
			    routes[i].officer), routes[i].title, now, &errors);
		report(routes[i].officer, rc, errors);
	}
	return rc;
}

/* Complaints and suggestions happened somewhere in 福州 (Open311 shows
 * them on a map): a spot near the old town and its street. */
static enum yw_err
place(json_t *l, int i, const char *channel, const char *category)
{
	static const char *const streets[] = { "鼓楼区五四路",
	    "鼓楼区东街口", "台江区江滨中大道", "仓山区上渡路",
	    "晋安区福马路", "鼓楼区湖东路" };
	char lat[16], lon[16], code[YW_OPEN311_CODE_MAX];

	(void)snprintf(lat, sizeof(lat), "%.6f", 26.05 + (i * 13 % 60) *
	    0.001);
	(void)snprintf(lon, sizeof(lon), "%.6f", 119.27 + (i * 29 % 60) *
	    0.001);
	(void)yw_open311_code(channel, category, code);
	return json_object_update_new(l, json_pack("{s:s, s:s, s:s, s:s}",
	    "lat", lat, "lon", lon, "address", streets[i % 6],
	    "service_code", code)) == 0 ? YW_OK : YW_ENOMEM;
}

/* Letter i: its row and timeline, as the domain would have left them. */
static enum yw_err
one_letter(struct yw_db *db, const struct yw_workday_cal *cal,
    json_t *deps, int i, int64_t now)
{
	static const char *const rating[] = { "satisfied", "basic",
	    "satisfied", "unsatisfied" };
	json_t		*l, *ch;
	const char	*channel, *category, *state;
	char		 day[16], no[24], title[160], body[1024], reply[1024];
	char		 phone[16], hash[65], key[32], seed[32];
	unsigned char	 h[32];
	int64_t		 dept, from, id, seq, writer, at, officer, route;
	int32_t		 received, due, replied_day;
	int		 c, age, y, m, d, anon, kind, n, late;
	size_t		 k;
	enum yw_err	 rc;

	c = i % 7;
	channel = yw_letter_channels[c];
	category = cats[c][(i / 7) % 3];
	route = 0;
	for (k = 0; k < sizeof(routes) / sizeof(routes[0]); k++)
		if (strcmp(routes[k].channel, channel) == 0 &&
		    (routes[k].category[0] == '\0' ||
		    strcmp(routes[k].category, category) == 0))
			route = (int64_t)k;	/* the specific row is later */
	dept = yw_demo_dept_id(deps, routes[route].dept);
	officer = account_id(db, routes[route].officer);
	rc = yw_letter_store_channel(db, channel, &ch);
	if (rc != YW_OK)
		return rc;
	age = 1 + (i * 37) % 75;
	received = (int32_t)yw_time_local_days(now) - age;
	rc = yw_workday_add(cal, received, (int)json_integer_value(
	    json_object_get(ch, "reply_days")), &due, NULL);
	anon = json_integer_value(json_object_get(ch, "anonymous")) != 0 &&
	    i % 3 == 1;
	json_decref(ch);
	if (rc != YW_OK)
		return rc;
	k = (size_t)(i / 7) % (sizeof(writers) / sizeof(writers[0]));
	writer = anon ? 0 : account_id(db, writers[k].login);
	(void)snprintf(phone, sizeof(phone), "139%08d", 5910000 + i);
	(void)snprintf(title, sizeof(title), "%s", texts[c].title);
	/* Names and phone numbers in the text show the masking. */
	(void)snprintf(body, sizeof(body), "我是%s，%s联系电话%s。", anon ?
	    "一位市民" : writers[k].name, texts[c].body, phone);
	(void)snprintf(reply, sizeof(reply), "%s已与您电话联系（%s），"
	    "如有疑问请致电承办人 13905910001。", texts[c].reply, phone);
	/* Open, assigned, in progress, replied, closed (rated or not). */
	kind = (i * 7) % 10;
	state = kind < 2 ? "received" : kind == 2 ? "assigned" : kind == 3 ?
	    "in_progress" : kind < 7 ? "replied" : "closed";
	yw_time_civil_from_days(received, &y, &m, &d);
	(void)snprintf(day, sizeof(day), "%04d%02d%02d", y, m, d);
	rc = yw_letter_store_next_no(db, day, &seq);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(no, sizeof(no), "L%s%05lld", day, (long long)seq);
	(void)snprintf(key, sizeof(key), "demo-%04d", i);
	(void)snprintf(seed, sizeof(seed), "yiwang-demo-letter-%d", i);
	crypto_generichash(h, sizeof(h), (unsigned char *)seed, strlen(seed),
	    NULL, 0);
	sodium_bin2hex(hash, sizeof(hash), h, sizeof(h));
	at = (int64_t)received * 86400 - 8 * 3600 + 9 * 3600 + (i % 480) * 60;
	/* A few letters first went to the supervising office. */
	from = i % 11 == 0 && dept != yw_demo_dept_id(deps, "xfj") ?
	    yw_demo_dept_id(deps, "xfj") : dept;
	l = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s?, "
	    "s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:s, s:I}", "letter_no",
	    no, "channel", channel, "category", category, "region_code",
	    regions[i % 5], "title", title, "body", body, "writer_id",
	    (json_int_t)writer, "writer_name", anon ? "" : writers[k].name,
	    "writer_phone", anon ? "" : writers[k].login, "query_hash",
	    anon ? hash : NULL, "publish_ok", (json_int_t)(i % 5 != 4),
	    "details", c == 5 ? "{\"eligible\":true,\"income_low\":\"yes\","
	    "\"matter\":\"wages\"}" : "{}", "files", "[]", "source", "web",
	    "department_id", (json_int_t)from, "received_day",
	    (json_int_t)received, "due_day", (json_int_t)due, "idem_scope",
	    anon ? "anon" : "demo", "idem_key", key, "created_at",
	    (json_int_t)at);
	if (l == NULL)
		return YW_ENOMEM;
	if ((strcmp(channel, "complaint") == 0 || strcmp(channel, "suggest") ==
	    0) && place(l, i, channel, category) != YW_OK) {
		json_decref(l);
		return YW_ENOMEM;
	}
	rc = yw_letter_store_insert(db, l, &id);
	if (rc == YW_OK)
		rc = yw_letter_store_event(db, id, writer, "writer", "submit",
		    "received", from, "", 0, at);
	if (rc == YW_OK && from != dept)
		rc = yw_letter_store_event(db, id, account_id(db, "xfj_admin"),
		    "staff", "transfer", "received", dept,
		    "属于职能部门职责，转交承办。", 0, at + 3600);
	json_object_set_new(l, "id", json_integer(id));
	json_object_set_new(l, "reply", json_string(""));
	json_object_set_new(l, "rating_comment", json_string(""));
	json_object_set_new(l, "department_id", json_integer(dept));
	json_object_set_new(l, "transfers", json_integer(from != dept));
	json_object_set_new(l, "state", json_string(state));
	json_object_set_new(l, "assignee_id", json_integer(kind >= 2 ?
	    officer : 0));
	if (rc == YW_OK && kind >= 2)
		rc = yw_letter_store_event(db, id, officer, "staff", "assign",
		    "assigned", dept, "", 0, at + 7200);
	if (rc == YW_OK && kind >= 3)
		rc = yw_letter_store_event(db, id, officer, "staff", "start",
		    "in_progress", dept, "", 0, at + 10800);
	if (rc == YW_OK && kind >= 4) {
		/* Most replies in time, some late. */
		late = i % 6 == 0;
		replied_day = late ? due + 3 : received + 1 + (i % 9);
		if (replied_day >= (int32_t)yw_time_local_days(now))
			replied_day = (int32_t)yw_time_local_days(now) - 1;
		if (replied_day < received)
			replied_day = received;
		n = 0;
		(void)yw_workday_count(cal, received, replied_day, &n, NULL);
		at = (int64_t)replied_day * 86400 + 2 * 3600 + (i % 300) * 60;
		json_object_set_new(l, "reply", json_string(reply));
		json_object_set_new(l, "replied_at", json_integer(at));
		json_object_set_new(l, "reply_days", json_integer(n));
		json_object_set_new(l, "on_time", json_integer(replied_day <=
		    due));
		rc = yw_letter_store_event(db, id, officer, "staff", "reply",
		    "replied", dept, reply, 0, at);
	}
	if (rc == YW_OK && kind >= 7 && writer != 0 && kind != 9) {
		json_object_set_new(l, "rating", json_string(rating[i % 4 == 3 ?
		    0 : i % 4]));
		rc = yw_letter_store_event(db, id, writer, "writer", "rate",
		    "closed", dept, "", 0, at + 86400);
	} else if (rc == YW_OK && kind >= 7)
		rc = yw_letter_store_event(db, id, officer, "staff", "close",
		    "closed", dept, "", 0, at + 86400);
	if (rc == YW_OK)
		rc = yw_letter_store_update(db, l, 0, at);
	json_decref(l);
	return rc;
}

enum yw_err
yw_demo_letters(struct yw_db *db, const struct yw_actor *a, char *pwhash,
    FILE *log)
{
	struct yw_calendar	*cal;
	struct yw_actor		 admin;
	json_t			*deps;
	int64_t			 id, now;
	char			 no[24];
	int			 i;
	enum yw_err		 rc;

	now = yw_time_now();
	if (yw_letter_store_by_key(db, "demo", "demo-0000", &id, no) == YW_OK)
		return YW_OK;
	rc = yw_org_departments(db, NULL, &deps);
	if (rc != YW_OK)
		return rc;
	if (yw_demo_dept_id(deps, "xfj") == 0 || yw_demo_dept_id(deps, "sfj") == 0) {
		json_decref(deps);
		return YW_OK;
	}
	rc = load_staff(db, a, deps, pwhash);
	/* Settings are made by a platform administrator's account (the
	 * loader keeps the source address it is given). */
	yw_actor_cli(&admin, "demo");
	if (rc == YW_OK)
		rc = yw_org_actor_load(db, account_id(db, "admin"), &admin);
	if (rc == YW_OK)
		rc = load_settings(db, &admin, deps, now);
	if (rc != YW_OK) {
		json_decref(deps);
		return rc;
	}
	rc = yw_calendar_load(db, &cal);
	if (rc != YW_OK) {
		json_decref(deps);
		return rc;
	}
	rc = yw_db_begin(db);
	if (rc == YW_OK)
		rc = load_writers(db, now);
	for (i = 0; rc == YW_OK && i < DEMO_LETTERS; i++)
		rc = one_letter(db, yw_calendar_workcal(cal), deps, i, now);
	/* One entry for the lot, which also moves the audit epoch so cached
	 * public pages show the letters. */
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "letter.demo", "letter", "demo",
		    NULL);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	yw_calendar_free(cal);
	json_decref(deps);
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo letters: %d letters, %zu routes\n",
		    DEMO_LETTERS, sizeof(routes) / sizeof(routes[0]));
	return rc;
}

void
yw_demo_letters_staff(FILE *out)
{
	size_t i;

	for (i = 0; i < sizeof(staff) / sizeof(staff[0]); i++)
		fprintf(out, "  %-14s %-10s %s\n", staff[i].login,
		    staff[i].roles, staff[i].name);
}

void
yw_demo_letters_citizens(FILE *out, const char *password)
{
	size_t i;

	for (i = 1; i < sizeof(writers) / sizeof(writers[0]); i++)
		fprintf(out, "  citizen: %s / %s\n", writers[i].login,
		    password);
}
