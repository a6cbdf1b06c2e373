/*
 * interview.c - online interviews: creating them, questions, moderation,
 * answers, and leftover questions becoming letters (interview.h). SQL
 * lives in interview_store.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/interact/interview.h"
#include "app/interact/interview_store.h"
#include "app/interact/letter.h"
#include "app/org/org.h"
#include "app/org/org_input.h"
#include "core/redact.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

#define jstr	yw_org_input_str
#define jint	yw_org_input_int

enum yw_interview_phase
yw_interview_phase_at(int64_t starts_at, int64_t ends_at, int64_t ended_at,
    int64_t now)
{
	if (ended_at > 0 && ended_at <= now)
		return YW_INTERVIEW_ENDED;
	if (now < starts_at)
		return YW_INTERVIEW_UPCOMING;
	if (now < ends_at)
		return YW_INTERVIEW_LIVE;
	return YW_INTERVIEW_ENDED;
}

const char *
yw_interview_phase_name(enum yw_interview_phase p)
{
	switch (p) {
	case YW_INTERVIEW_UPCOMING:
		return "upcoming";
	case YW_INTERVIEW_LIVE:
		return "live";
	case YW_INTERVIEW_ENDED:
		break;
	}
	return "ended";
}

int
yw_interview_leftover(enum yw_interview_phase p, const char *state,
    int64_t letter_id)
{
	return p == YW_INTERVIEW_ENDED && state != NULL &&
	    strcmp(state, "approved") == 0 && letter_id == 0;
}

static enum yw_interview_phase
phase_of(json_t *iv, int64_t now)
{
	return yw_interview_phase_at(jint(iv, "starts_at"), jint(iv,
	    "ends_at"), jint(iv, "ended_at"), now);
}

/* Staff who run interviews of dept: its dept_admins and publishers. */
static int
is_manager(const struct yw_actor *a, int64_t dept)
{
	if (yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN))
		return 1;
	return yw_org_input_is_staff(a) && a->department_id == dept &&
	    (a->roles & (YW_ROLE_DEPT_ADMIN | YW_ROLE_PUBLISHER)) != 0;
}

/* A staff change to interview iv (borrowed): YW_ENOTFOUND outside a's
 * department, YW_EFORBIDDEN inside it without a managing role. */
static enum yw_err
may_manage(const struct yw_actor *a, json_t *iv)
{
	int64_t dept = jint(iv, "department_id");

	if (a->id == 0)
		return YW_EAUTH;
	if (!yw_org_input_is_staff(a) || (a->department_id != dept &&
	    !yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN)))
		return YW_ENOTFOUND;
	return is_manager(a, dept) ? YW_OK : YW_EFORBIDDEN;
}

static enum yw_err
audit(struct yw_db *db, const struct yw_actor *a, const char *action,
    int64_t id, json_t *detail)
{
	return yw_audit_append_id(db, a, action, "interview", id, detail);
}

/* The audit entry of a change to question qid of interview iv. */
static enum yw_err
audit_question(struct yw_db *db, const struct yw_actor *a,
    const char *action, json_t *iv, int64_t qid, int64_t guest_id)
{
	json_t *d;

	d = json_pack("{s:I, s:I}", "question_id", (json_int_t)qid,
	    "department_id", (json_int_t)jint(iv, "department_id"));
	if (d != NULL && guest_id != 0)
		json_object_set_new(d, "guest_id", json_integer(guest_id));
	return audit(db, a, action, jint(iv, "id"), d);
}

/*
 * Starts x over one text field k = v (NULL reads as ""), checked against
 * max code points and flags: *text the checked value (living as long as
 * x) or NULL with the error recorded. x is always safe to free.
 */
static enum yw_err
one_text(struct yw_org_input *x, const char *k, const char *v, size_t max,
    int flags, const char **text)
{
	json_t		*in;
	enum yw_err	 rc;

	memset(x, 0, sizeof(*x));
	*text = NULL;
	in = json_pack("{s:s}", k, v != NULL ? v : "");
	if (in == NULL)
		return YW_ENOMEM;
	rc = yw_org_input_init(x, in);
	if (rc != YW_OK) {
		memset(x, 0, sizeof(*x));
		json_decref(in);
		return rc;
	}
	*text = yw_org_input_text(x, k, max, flags);
	x->in = NULL;
	json_decref(in);
	return YW_OK;
}

/* "YYYY-MM-DD HH:MM" (or a 'T' between) in Asia/Shanghai: 1 and *t. */
static int
parse_local(const char *s, int64_t *t)
{
	int y, m, d, hh, mm;

	if (s == NULL || strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T') ||
	    s[13] != ':' || !yw_time_parse_date(s, 10, &y, &m, &d))
		return 0;
	if (s[11] < '0' || s[11] > '9' || s[12] < '0' || s[12] > '9' ||
	    s[14] < '0' || s[14] > '9' || s[15] < '0' || s[15] > '9')
		return 0;
	hh = (s[11] - '0') * 10 + (s[12] - '0');
	mm = (s[14] - '0') * 10 + (s[15] - '0');
	if (hh > 23 || mm > 59)
		return 0;
	*t = yw_time_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 -
	    YW_TIME_LOCAL_OFFSET;
	return 1;
}

/* The guests of in: non-blank rows, each with a name and a position. */
static json_t *
check_guests(struct yw_org_input *x)
{
	struct yw_org_input	 g;
	json_t			*rows, *row, *out;
	const char		*name, *title;
	char			 kn[48], kt[48];
	size_t			 i;

	out = json_array();
	rows = json_object_get(x->in, "guests");
	json_array_foreach(rows, i, row) {
		if (i >= YW_INTERVIEW_GUESTS_MAX || yw_org_input_init(&g, row) !=
		    YW_OK)
			break;
		(void)snprintf(kn, sizeof(kn), "guest_name_%zu", i + 1);
		(void)snprintf(kt, sizeof(kt), "guest_title_%zu", i + 1);
		name = yw_org_input_text(&g, "name", YW_INTERVIEW_GUEST_MAX, 0);
		title = yw_org_input_text(&g, "title", YW_INTERVIEW_GUEST_MAX,
		    0);
		if (yw_org_input_failed(&g, "name"))
			yw_org_input_fail(x, kn, json_string_value(
			    json_object_get(g.errors, "name")));
		if (yw_org_input_failed(&g, "title"))
			yw_org_input_fail(x, kt, json_string_value(
			    json_object_get(g.errors, "title")));
		if (name != NULL && title != NULL && (name[0] != '\0' ||
		    title[0] != '\0')) {
			if (name[0] == '\0')
				yw_org_input_fail(x, kn, "required");
			else if (title[0] == '\0')
				yw_org_input_fail(x, kt, "required");
			else
				json_array_append_new(out, json_pack(
				    "{s:s, s:s}", "name", name, "title",
				    title));
		}
		yw_org_input_free(&g);
	}
	if (json_array_size(out) == 0 && !yw_org_input_failed(x,
	    "guest_name_1") && !yw_org_input_failed(x, "guest_title_1"))
		yw_org_input_fail(x, "guest_name_1", "required");
	return out;
}

/* The times of in, checked: *starts, *ends. */
static void
check_times(struct yw_org_input *x, int64_t *starts, int64_t *ends)
{
	const char *s, *e;

	*starts = *ends = 0;
	s = yw_org_input_text(x, "starts", 16, YW_ORG_REQUIRED);
	e = yw_org_input_text(x, "ends", 16, YW_ORG_REQUIRED);
	if (s != NULL && !parse_local(s, starts))
		yw_org_input_fail(x, "starts", "invalid");
	if (e != NULL && !parse_local(e, ends))
		yw_org_input_fail(x, "ends", "invalid");
	if (*starts == 0 || *ends == 0)
		return;
	if (*ends <= *starts)
		yw_org_input_fail(x, "ends", "before_start");
	else if (*ends - *starts > YW_INTERVIEW_HOURS_MAX * 3600)
		yw_org_input_fail(x, "ends", "too_long_session");
}

enum yw_err
yw_interview_create(struct yw_db *db, const struct yw_actor *a, json_t *in,
    int64_t now, int64_t *id, json_t **errors)
{
	struct yw_org_input	 x;
	json_t			*guests, *g;
	const char		*title, *topic;
	int64_t			 dept, starts, ends;
	size_t			 i;
	enum yw_err		 rc;

	*errors = NULL;
	*id = 0;
	if (a->id == 0)
		return YW_EAUTH;
	dept = a->department_id;
	if (yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN) &&
	    jint(in, "department_id") != 0)
		dept = jint(in, "department_id");
	if (dept == 0 || !is_manager(a, dept))
		return YW_EFORBIDDEN;
	rc = yw_org_input_init(&x, in);
	if (rc != YW_OK)
		return rc;
	if (dept != a->department_id && yw_org_department_get(db, dept,
	    &guests) != YW_OK)
		yw_org_input_fail(&x, "department_id", "not_found");
	else if (dept != a->department_id)
		json_decref(guests);
	title = yw_org_input_text(&x, "title", YW_INTERVIEW_TITLE_MAX,
	    YW_ORG_REQUIRED);
	topic = yw_org_input_text(&x, "topic", YW_INTERVIEW_TOPIC_MAX,
	    YW_ORG_REQUIRED | YW_ORG_MULTILINE);
	check_times(&x, &starts, &ends);
	guests = check_guests(&x);
	rc = yw_org_input_done(&x, errors);
	if (rc == YW_OK)
		rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = yw_interview_store_insert(db, dept, title, topic, starts, ends,
	    a->id, now, id);
	json_array_foreach(guests, i, g)
		if (rc == YW_OK)
			rc = yw_interview_store_guest_add(db, *id, jstr(g,
			    "name"), jstr(g, "title"), (int64_t)i);
	if (rc == YW_OK)
		rc = audit(db, a, "interview.create", *id, json_pack(
		    "{s:I, s:s, s:I, s:I}", "department_id", (json_int_t)dept,
		    "title", title, "starts_at", (json_int_t)starts, "ends_at",
		    (json_int_t)ends));
	rc = yw_org_input_finish(db, rc);
out:
	if (rc != YW_OK)
		*id = 0;
	json_decref(guests);
	yw_org_input_free(&x);
	return rc;
}

/* Adds phase, local times and guests to interview row iv. */
static enum yw_err
decorate(struct yw_db *db, json_t *iv, int64_t now)
{
	json_t		*guests;
	char		 buf[24];
	enum yw_err	 rc;

	json_object_set_new(iv, "phase", json_string(yw_interview_phase_name(
	    phase_of(iv, now))));
	if (yw_time_fmt_local(jint(iv, "starts_at"), buf, sizeof(buf), 1) ==
	    YW_OK)
		json_object_set_new(iv, "starts_local", json_string(buf));
	if (yw_time_fmt_local(jint(iv, "ends_at"), buf, sizeof(buf), 1) ==
	    YW_OK)
		json_object_set_new(iv, "ends_local", json_string(buf));
	json_object_del(iv, "region_code");
	rc = yw_interview_store_guests(db, jint(iv, "id"), &guests);
	if (rc == YW_OK)
		json_object_set_new(iv, "guests", guests);
	return rc;
}

enum yw_err
yw_interview_list(struct yw_db *db, int64_t department_id, int64_t now,
    json_t **out)
{
	json_t		*rows, *iv, *up, *live, *past;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_interview_store_list(db, department_id, &rows);
	if (rc != YW_OK)
		return rc;
	up = json_array();
	live = json_array();
	past = json_array();
	/* Rows come newest first; upcoming ones are shown soonest first. */
	json_array_foreach(rows, i, iv) {
		json_object_del(iv, "topic");
		if (rc == YW_OK)
			rc = decorate(db, iv, now);
		switch (phase_of(iv, now)) {
		case YW_INTERVIEW_UPCOMING:
			json_array_insert(up, 0, iv);
			break;
		case YW_INTERVIEW_LIVE:
			json_array_append(live, iv);
			break;
		case YW_INTERVIEW_ENDED:
			if (json_array_size(past) < 50)
				json_array_append(past, iv);
			break;
		}
	}
	json_decref(rows);
	*out = json_pack("{s:o, s:o, s:o}", "upcoming", up, "live", live,
	    "past", past);
	if (rc != YW_OK || *out == NULL) {
		json_decref(*out);
		*out = NULL;
		return rc != YW_OK ? rc : YW_ENOMEM;
	}
	return YW_OK;
}

/* The public form of question q (in place): asker masked, personal data
 * in the texts redacted, the internals removed. */
static void
public_question(json_t *q)
{
	static const char *const fields[] = { "body", "answer" };
	const char	*names[1];
	char		 buf[256], *text;
	size_t		 i;

	names[0] = jstr(q, "asker_name");
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		text = yw_redact_dup(jstr(q, fields[i]), names, 1);
		json_object_set_new(q, fields[i], json_string(text != NULL ?
		    text : ""));
		free(text);
	}
	if (yw_mask_name(names[0], strlen(names[0]), buf, sizeof(buf)) !=
	    YW_OK)
		(void)snprintf(buf, sizeof(buf), "*");
	json_object_set_new(q, "asker", json_string(buf));
	if (jint(q, "answered_at") != 0 && yw_time_fmt_local(jint(q,
	    "answered_at"), buf, sizeof(buf), 1) == YW_OK)
		json_object_set_new(q, "answered_local", json_string(buf));
	json_object_set_new(q, "letter", json_boolean(jint(q, "letter_id") !=
	    0));
	json_object_del(q, "asker_name");
	json_object_del(q, "asker_id");
	json_object_del(q, "letter_id");
	json_object_del(q, "reason");
	json_object_del(q, "interview_id");
}

/* Sorts the questions (borrowed) into the lists of view v. */
static void
sort_questions(json_t *v, json_t *qs, const struct yw_actor *a, int manage)
{
	json_t		*answers, *waiting, *pending, *rejected, *mine, *q;
	const char	*state;
	char		 buf[24];
	size_t		 i, j;

	answers = json_array();
	waiting = json_array();
	pending = json_array();
	rejected = json_array();
	mine = json_array();
	json_array_foreach(qs, i, q) {
		state = jstr(q, "state");
		if (a->id != 0 && jint(q, "asker_id") == a->id)
			json_array_append_new(mine, json_pack("{s:O, s:O, s:O,"
			    " s:O}", "id", json_object_get(q, "id"), "body",
			    json_object_get(q, "body"), "state",
			    json_object_get(q, "state"), "reason",
			    json_object_get(q, "reason")));
		if (manage && yw_time_fmt_local(jint(q, "created_at"), buf,
		    sizeof(buf), 1) == YW_OK)
			json_object_set_new(q, "created_local",
			    json_string(buf));
		if (manage && strcmp(state, "pending") == 0)
			json_array_append(pending, q);
		else if (manage && strcmp(state, "rejected") == 0)
			json_array_append(rejected, q);
		else if (strcmp(state, "approved") == 0)
			json_array_append(waiting, q);
		else if (strcmp(state, "answered") == 0) {
			/* In the order answered (a few hundred at most). */
			for (j = 0; j < json_array_size(answers); j++)
				if (jint(json_array_get(answers, j), "seq") >
				    jint(q, "seq"))
					break;
			json_array_insert(answers, j, q);
		}
	}
	json_array_foreach(answers, i, q)
		public_question(q);
	json_array_foreach(waiting, i, q)
		public_question(q);
	json_object_set_new(v, "answers", answers);
	json_object_set_new(v, "waiting", waiting);
	if (manage) {
		json_object_set_new(v, "pending", pending);
		json_object_set_new(v, "rejected", rejected);
	} else {
		json_decref(pending);
		json_decref(rejected);
	}
	if (a->id != 0)
		json_object_set_new(v, "mine", mine);
	else
		json_decref(mine);
}

enum yw_err
yw_interview_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t now, json_t **out)
{
	enum yw_interview_phase	 p;
	json_t			*iv, *qs;
	int			 manage, asker;
	enum yw_err		 rc;

	*out = NULL;
	rc = yw_interview_store_get(db, id, &iv);
	if (rc != YW_OK)
		return rc;
	rc = decorate(db, iv, now);
	if (rc == YW_OK)
		rc = yw_interview_store_questions(db, id, &qs);
	if (rc != YW_OK) {
		json_decref(iv);
		return rc;
	}
	p = phase_of(iv, now);
	manage = may_manage(a, iv) == YW_OK;
	asker = a->id != 0 && !yw_org_input_is_staff(a);
	json_object_set_new(iv, "can", json_pack("{s:b, s:b, s:b, s:b}",
	    "ask", asker && p != YW_INTERVIEW_ENDED, "manage", manage,
	    "answer", manage && p == YW_INTERVIEW_LIVE, "end", manage &&
	    p != YW_INTERVIEW_ENDED));
	*out = json_pack("{s:o}", "interview", iv);
	if (*out == NULL) {
		json_decref(qs);
		return YW_ENOMEM;
	}
	sort_questions(*out, qs, a, manage);
	json_decref(qs);
	return YW_OK;
}

enum yw_err
yw_interview_staff_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t now, json_t **out)
{
	json_t		*iv;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_interview_store_get(db, id, &iv);
	if (rc != YW_OK)
		return rc;
	rc = may_manage(a, iv);
	json_decref(iv);
	if (rc != YW_OK)
		return rc;
	return yw_interview_get(db, a, id, now, out);
}

enum yw_err
yw_interview_ask(struct yw_db *db, const struct yw_actor *a, int64_t id,
    const char *body, const char *key, int64_t now, int64_t *qid,
    json_t **errors)
{
	struct yw_org_input	 x;
	json_t			*iv;
	const char		*text, *phone;
	enum yw_err		 rc;

	*errors = NULL;
	*qid = 0;
	if (a->id == 0)
		return YW_EAUTH;
	if (yw_org_input_is_staff(a))
		return YW_EFORBIDDEN;
	if (key == NULL || key[0] == '\0' || strlen(key) >
	    YW_INTERVIEW_KEY_MAX) {
		*errors = json_pack("{s:s}", "token", "malformed");
		return YW_EINVAL;
	}
	if (yw_interview_store_by_key(db, id, a->id, key, qid) == YW_OK)
		return YW_OK;
	rc = yw_interview_store_get(db, id, &iv);
	if (rc != YW_OK)
		return rc;
	if (phase_of(iv, now) == YW_INTERVIEW_ENDED) {
		json_decref(iv);
		return YW_ECONFLICT;
	}
	json_decref(iv);
	rc = one_text(&x, "body", body, YW_INTERVIEW_QUESTION_MAX,
	    YW_ORG_REQUIRED | YW_ORG_MULTILINE, &text);
	if (rc == YW_OK)
		rc = yw_org_input_done(&x, errors);
	phone = strlen(a->login) == 11 && a->login[0] == '1' ? a->login : "";
	if (rc == YW_OK)
		rc = yw_interview_store_ask(db, id, a->id, a->display_name,
		    phone, text, key, now, qid);
	/* A twin request that won the race on the same key. */
	if (rc == YW_ECONFLICT && yw_interview_store_by_key(db, id, a->id,
	    key, qid) == YW_OK)
		rc = YW_OK;
	yw_org_input_free(&x);
	return rc;
}

/* Opens a transaction on interview id for a staff change by a: *iv
 * (caller frees) once a may manage it. */
static enum yw_err
begin_manage(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **iv)
{
	enum yw_err rc;

	*iv = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_interview_store_get(db, id, iv);
	if (rc == YW_OK)
		rc = may_manage(a, *iv);
	if (rc != YW_OK) {
		(void)yw_db_rollback(db);
		json_decref(*iv);
		*iv = NULL;
	}
	return rc;
}

enum yw_err
yw_interview_moderate(struct yw_db *db, const struct yw_actor *a,
    int64_t id, int64_t qid, const char *op, const char *reason,
    int64_t now, json_t **errors)
{
	struct yw_org_input	 x;
	json_t			*iv, *q;
	const char		*why;
	int64_t			 changes;
	int			 reject;
	enum yw_err		 rc;

	*errors = NULL;
	if (op == NULL || (strcmp(op, "approve") != 0 &&
	    strcmp(op, "reject") != 0))
		return YW_ENOTFOUND;
	reject = strcmp(op, "reject") == 0;
	iv = q = NULL;
	rc = one_text(&x, "reason", reason, YW_INTERVIEW_REASON_MAX, reject ?
	    YW_ORG_REQUIRED | YW_ORG_MULTILINE : YW_ORG_MULTILINE, &why);
	if (rc == YW_OK)
		rc = begin_manage(db, a, id, &iv);
	if (rc != YW_OK)
		goto out;
	rc = yw_interview_store_question(db, id, qid, &q);
	if (rc == YW_OK)
		rc = yw_org_input_done(&x, errors);
	if (rc == YW_OK)
		rc = yw_interview_store_moderate(db, qid, reject ? "rejected" :
		    "approved", reject ? why : "", a->id, now, &changes);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = audit_question(db, a, reject ? "interview.reject" :
		    "interview.approve", iv, qid, 0);
	rc = yw_org_input_finish(db, rc);
out:
	json_decref(q);
	json_decref(iv);
	yw_org_input_free(&x);
	return rc;
}

/* 1 when guest_id is one of the interview's guests. */
static int
has_guest(struct yw_db *db, int64_t id, int64_t guest_id)
{
	json_t	*guests, *g;
	size_t	 i;
	int	 found;

	if (yw_interview_store_guests(db, id, &guests) != YW_OK)
		return 0;
	found = 0;
	json_array_foreach(guests, i, g)
		if (jint(g, "id") == guest_id)
			found = 1;
	json_decref(guests);
	return found;
}

enum yw_err
yw_interview_answer(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t qid, int64_t guest_id, const char *answer, int64_t now,
    json_t **errors)
{
	struct yw_org_input	 x;
	json_t			*iv, *q;
	const char		*text;
	int64_t			 changes;
	enum yw_err		 rc;

	*errors = NULL;
	iv = q = NULL;
	rc = one_text(&x, "answer", answer, YW_INTERVIEW_ANSWER_MAX,
	    YW_ORG_REQUIRED | YW_ORG_MULTILINE, &text);
	if (guest_id == 0)
		yw_org_input_fail(&x, "guest_id", "required");
	else if (!has_guest(db, id, guest_id))
		yw_org_input_fail(&x, "guest_id", "not_found");
	if (rc == YW_OK)
		rc = begin_manage(db, a, id, &iv);
	if (rc != YW_OK)
		goto out;
	rc = yw_interview_store_question(db, id, qid, &q);
	if (rc == YW_OK && phase_of(iv, now) != YW_INTERVIEW_LIVE)
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = yw_org_input_done(&x, errors);
	if (rc == YW_OK)
		rc = yw_interview_store_answer(db, id, qid, guest_id, text,
		    a->id, now, &changes);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = audit_question(db, a, "interview.answer", iv, qid,
		    guest_id);
	rc = yw_org_input_finish(db, rc);
out:
	json_decref(q);
	json_decref(iv);
	yw_org_input_free(&x);
	return rc;
}

/* Turns leftover question q (borrowed) into a letter inside the open
 * transaction: *made 1 when it did, 0 when another run did first. */
static enum yw_err
make_letter(struct yw_db *db, const struct yw_workday_cal *cal, json_t *q,
    int64_t now, int *made)
{
	json_t		*l;
	char		 title[400], no[24], scope[32], key[48], details[96];
	int64_t		 lid, changes;
	int32_t		 today, due;
	enum yw_err	 rc;

	*made = 0;
	today = (int32_t)yw_time_local_days(now);
	rc = yw_workday_add(cal, today, YW_INTERVIEW_REPLY_DAYS, &due, NULL);
	if (rc != YW_OK)
		return rc;
	/* Titles are at most 100 code points; the interview's title is. */
	(void)snprintf(title, sizeof(title), "在线访谈留言：%s", jstr(q,
	    "title"));
	if (yw_utf8_count(title, strlen(title)) > YW_LETTER_TITLE_MAX)
		(void)snprintf(title, sizeof(title), "在线访谈留言");
	(void)snprintf(scope, sizeof(scope), "a%lld", (long long)jint(q,
	    "asker_id"));
	(void)snprintf(key, sizeof(key), "interview-question-%lld",
	    (long long)jint(q, "id"));
	(void)snprintf(details, sizeof(details), "{\"interview_id\":%lld,"
	    "\"question_id\":%lld}", (long long)jint(q, "interview_id"),
	    (long long)jint(q, "id"));
	l = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I, s:s,"
	    " s:s, s:s, s:I, s:I, s:I, s:s, s:s, s:I}", "channel", "consult",
	    "category", "general", "region_code", jstr(q, "region_code"),
	    "title", title, "body", jstr(q, "body"), "writer_id",
	    (json_int_t)jint(q, "asker_id"), "writer_name", jstr(q,
	    "asker_name"), "writer_phone", jstr(q, "asker_phone"),
	    "publish_ok", (json_int_t)0, "details", details, "files", "[]",
	    "source", "interview", "department_id", (json_int_t)jint(q,
	    "department_id"), "received_day", (json_int_t)today, "due_day",
	    (json_int_t)due, "idem_scope", scope, "idem_key", key,
	    "created_at", (json_int_t)now);
	if (l == NULL)
		return YW_ENOMEM;
	rc = yw_letter_insert_tx(db, l, now, &lid, no);
	json_decref(l);
	if (rc == YW_OK)
		rc = yw_interview_store_set_letter(db, jint(q, "id"), lid, now,
		    &changes);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = audit(db, NULL, "interview.letter", jint(q,
		    "interview_id"), json_pack("{s:I, s:I, s:s}", "question_id",
		    (json_int_t)jint(q, "id"), "letter_id", (json_int_t)lid,
		    "letter_no", no));
	if (rc == YW_OK)
		*made = 1;
	return rc;
}

/* Leftovers of interview id (0: all) become letters, each in its own
 * transaction; a question another run took first is skipped. */
static enum yw_err
close_leftovers(struct yw_db *db, const struct yw_workday_cal *cal,
    int64_t id, int64_t now, int *letters)
{
	json_t		*list, *q;
	size_t		 i;
	int		 made;
	enum yw_err	 rc;

	rc = yw_interview_store_leftovers(db, id, now, &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, q) {
		rc = yw_db_begin(db);
		if (rc != YW_OK)
			break;
		rc = make_letter(db, cal, q, now, &made);
		rc = yw_org_input_finish(db, rc);
		if (rc == YW_ECONFLICT)
			rc = YW_OK;
		if (rc != YW_OK)
			break;
		if (letters != NULL)
			*letters += made;
	}
	json_decref(list);
	return rc;
}

enum yw_err
yw_interview_end(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, int64_t now, int *letters)
{
	json_t		*iv;
	int64_t		 changes;
	enum yw_err	 rc;

	if (letters != NULL)
		*letters = 0;
	rc = begin_manage(db, a, id, &iv);
	if (rc != YW_OK)
		return rc;
	if (phase_of(iv, now) == YW_INTERVIEW_ENDED)
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = yw_interview_store_end(db, id, now, &changes);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = audit(db, a, "interview.end", id, json_pack("{s:I}",
		    "department_id", (json_int_t)jint(iv, "department_id")));
	json_decref(iv);
	rc = yw_org_input_finish(db, rc);
	if (rc != YW_OK)
		return rc;
	return close_leftovers(db, cal, id, now, letters);
}

enum yw_err
yw_interview_close(struct yw_db *db, const struct yw_workday_cal *cal,
    int64_t now, int *letters)
{
	if (letters != NULL)
		*letters = 0;
	return close_leftovers(db, cal, 0, now, letters);
}
