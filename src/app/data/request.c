/*
 * request.c - sharing requests with clocks (request.h): permissions, the
 * two steps and their working-day deadlines, grants, escalation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/data/request.h"
#include "app/data/request_store.h"
#include "app/data/schema.h"
#include "app/notify/notify.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "core/utf8.h"

static int
is_staff(const struct yw_actor *a)
{
	return a != NULL && strcmp(a->kind, "staff") == 0;
}

static int
is_office(const struct yw_actor *a)
{
	return is_staff(a) && (a->roles & YW_ROLE_PLATFORM_ADMIN);
}

/* A steward or department administrator of department_id. */
static int
is_dept(const struct yw_actor *a, int64_t department_id)
{
	return is_staff(a) && department_id != 0 &&
	    a->department_id == department_id &&
	    (a->roles & (YW_ROLE_DATA_STEWARD | YW_ROLE_DEPT_ADMIN));
}

static int
may_see(const struct yw_actor *a, json_t *q)
{
	return is_office(a) || is_dept(a, yw_jint(q, "consumer_id")) ||
	    is_dept(a, yw_jint(q, "provider_id"));
}

static void
set_day(json_t *o, const char *k, int32_t day)
{
	char	buf[16];
	int	y, m, d;

	yw_time_civil_from_days(day, &y, &m, &d);
	(void)snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	json_object_set_new(o, k, json_string(buf));
}

/* The text columns become JSON; open steps get due, days_left, light. */
static void
decorate(json_t *q, const struct yw_workday_cal *cal, int64_t now)
{
	enum yw_workday_light	 light;
	json_t			*v;
	char			 buf[32];
	int32_t			 today, due;
	int			 used = 0, total = 0, left = 0;

	v = json_loads(yw_jstr(q, "items"), 0, NULL);
	json_object_set_new(q, "items", v != NULL ? v : json_array());
	v = json_loads(yw_jstr(q, "granted_items"), 0, NULL);
	json_object_set_new(q, "granted_items", v != NULL ? v : json_array());
	json_object_del(q, "resource_items");
	if (yw_time_fmt_local(yw_jint(q, "created_at"), buf, sizeof(buf), 1) ==
	    YW_OK)
		json_object_set_new(q, "created_at_local", json_string(buf));
	if (!json_is_integer(json_object_get(q, "due_day")))
		return;
	today = (int32_t)yw_time_local_days(now);
	due = (int32_t)yw_jint(q, "due_day");
	set_day(q, "due", due);
	(void)yw_workday_progress(cal, (int32_t)yw_jint(q, "step_day"), due,
	    today, NULL, 0, &used, &total, NULL);
	(void)yw_workday_count(cal, today, due, &left, NULL);
	light = yw_workday_light_for(due, today, used, total,
	    YW_DATA_REQUEST_WARN);
	json_object_set_new(q, "days_left", json_integer(left));
	json_object_set_new(q, "light", json_string(light == YW_WORKDAY_RED ?
	    "red" : light == YW_WORKDAY_YELLOW ? "yellow" : "green"));
	json_object_set_new(q, "overdue", json_boolean(light ==
	    YW_WORKDAY_RED));
}

static void
err(json_t *errors, const char *field, const char *code)
{
	if (json_object_get(errors, field) == NULL)
		json_object_set_new(errors, field, json_string(code));
}

/* Checks free text s of at most max code points; "" when bad. */
static const char *
text(json_t *errors, const char *field, const char *s, size_t max,
    int required)
{
	if (!yw_utf8_valid(s, strlen(s))) {
		err(errors, field, "utf8");
		return "";
	}
	if (yw_utf8_has_control(s, strlen(s), 1)) {
		err(errors, field, "control");
		return "";
	}
	if (required && s[0] == '\0')
		err(errors, field, "required");
	else if (yw_utf8_count(s, strlen(s)) > max)
		err(errors, field, "too_long");
	return s;
}

/* The names in list (borrowed) that are all in allowed (an array of item
 * objects when objects, else of names): a new array, or NULL when one is
 * not (then errors gets field "invalid"; "required" when list is empty). */
static json_t *
pick(json_t *errors, const char *field, json_t *list, json_t *allowed,
    int objects)
{
	json_t	*out, *v, *w;
	size_t	 i, j;
	int	 found;

	if (!json_is_array(list) || json_array_size(list) == 0) {
		err(errors, field, "required");
		return NULL;
	}
	out = json_array();
	json_array_foreach(list, i, v) {
		found = 0;
		if (json_is_string(v) && objects)
			found = yw_schema_item(allowed, json_string_value(v)) !=
			    NULL;
		else if (json_is_string(v))
			json_array_foreach(allowed, j, w)
				if (json_equal(v, w))
					found = 1;
		if (!found) {
			err(errors, field, "invalid");
			json_decref(out);
			return NULL;
		}
		json_array_foreach(out, j, w)
			if (json_equal(v, w))
				found = 0;
		if (found)
			json_array_append(out, v);
	}
	return out;
}

/* Inbox messages to every account in ids (borrowed rows of {id}). */
static enum yw_err
tell(struct yw_db *db, json_t *ids, const char *subject, const char *key,
    json_t *payload, int64_t now)
{
	struct yw_notify_msg	 m;
	char			 dedup[YW_NOTIFY_KEY_MAX];
	json_t			*row;
	size_t			 i;
	enum yw_err		 rc;

	json_array_foreach(ids, i, row) {
		memset(&m, 0, sizeof(m));
		(void)snprintf(dedup, sizeof(dedup), "%s/inbox/%lld", key,
		    (long long)yw_jint(row, "id"));
		m.channel = "inbox";
		m.account_id = yw_jint(row, "id");
		m.subject = subject;
		m.payload = payload;
		m.dedup_key = dedup;
		rc = yw_notify_enqueue(db, &m, now, NULL);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

enum yw_err
yw_data_request_create(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, const char *code, json_t *in,
    int64_t now, int64_t *id, json_t **errors)
{
	json_t		*res = NULL, *items = NULL, *errs, *r = NULL, *want;
	json_t		*detail;
	char		*text_items = NULL;
	const char	*purpose, *exp;
	int64_t		 n, provider;
	int32_t		 today, due;
	int		 y, m, d, began = 0;
	char		 idtext[24];
	enum yw_err	 rc;

	*id = 0;
	*errors = NULL;
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	if (!is_dept(a, a->department_id))
		return YW_EFORBIDDEN;
	errs = json_object();
	rc = yw_db_row(db, "SELECT id, department_id, items, sharing FROM"
	    " data_resource WHERE code = ? AND status = 'active'",
	    json_pack("[s]", code), &res);
	if (rc != YW_OK)
		goto out;
	provider = yw_jint(res, "department_id");
	items = json_loads(yw_jstr(res, "items"), 0, NULL);
	if (strcmp(yw_jstr(res, "sharing"), "conditional") != 0 ||
	    provider == a->department_id)
		err(errs, "resource", "invalid");
	else {
		rc = yw_data_request_store_open_count(db, yw_jint(res, "id"),
		    a->department_id, &n);
		if (rc != YW_OK)
			goto out;
		if (n > 0)
			err(errs, "resource", "duplicate");
	}
	purpose = text(errs, "purpose", yw_jstr(in, "purpose"),
	    YW_DATA_PURPOSE_MAX, 1);
	want = pick(errs, "items", json_object_get(in, "items"), items, 1);
	exp = yw_jstr(in, "expires_on");
	today = (int32_t)yw_time_local_days(now);
	if (exp[0] != '\0') {
		if (!yw_time_parse_date(exp, strlen(exp), &y, &m, &d))
			err(errs, "expires_on", "date");
		else if (yw_time_days_from_civil(y, m, d) <= today)
			err(errs, "expires_on", "past");
	}
	if (json_object_size(errs) > 0) {
		json_decref(want);
		rc = YW_EINVAL;
		goto out;
	}
	text_items = json_dumps(want, JSON_COMPACT);
	json_decref(want);
	rc = yw_workday_add(cal, today, YW_DATA_REVIEW_DAYS, &due, NULL);
	if (rc != YW_OK)
		goto out;
	r = json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:I, s:I}",
	    "resource_id", (json_int_t)yw_jint(res, "id"), "consumer_id",
	    (json_int_t)a->department_id, "provider_id", (json_int_t)provider,
	    "requested_by", (json_int_t)a->id, "purpose", purpose, "items",
	    text_items != NULL ? text_items : "[]", "expires_on", exp,
	    "step_day", (json_int_t)today, "due_day", (json_int_t)due);
	if (r == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	began = 1;
	rc = yw_data_request_store_insert(db, r, now, id);
	if (rc == YW_OK)
		rc = yw_data_request_store_event(db, *id, now, a->id,
		    a->display_name, "submitted", purpose);
	if (rc != YW_OK)
		goto out;
	(void)snprintf(idtext, sizeof(idtext), "%lld", (long long)*id);
	detail = json_pack("{s:s, s:I}", "resource", code, "consumer_id",
	    (json_int_t)a->department_id);
	rc = yw_audit_append(db, a, "data_request.create", "data_request",
	    idtext, detail);
	json_decref(detail);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_commit(db);
	began = 0;
out:
	if (began)
		(void)yw_db_rollback(db);
	if (rc == YW_EINVAL) {
		*errors = errs;
		errs = NULL;
	}
	if (rc != YW_OK)
		*id = 0;
	free(text_items);
	json_decref(errs);
	json_decref(res);
	json_decref(items);
	json_decref(r);
	return rc;
}

/* The end of local day YYYY-MM-DD as unix seconds; 0 for "". */
static int64_t
end_of_day(const char *s)
{
	int y, m, d;

	if (s[0] == '\0' || !yw_time_parse_date(s, strlen(s), &y, &m, &d))
		return 0;
	return (yw_time_days_from_civil(y, m, d) + 1) * 86400 -
	    YW_TIME_LOCAL_OFFSET;
}

enum yw_err
yw_data_request_act(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, const char *action,
    json_t *in, int64_t now, json_t **errors)
{
	json_t		*q = NULL, *errs, *granted = NULL, *detail, *asked;
	json_t		*who = NULL, *payload = NULL, *empty;
	char		*gtext = NULL, idtext[24], key[64], subject[200];
	const char	*state, *reason, *to, *event;
	int32_t		 today, due = 0;
	int		 began = 0, review;
	enum yw_err	 rc;

	*errors = NULL;
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	errs = json_object();
	rc = yw_data_request_store_get(db, id, &q);
	if (rc != YW_OK)
		goto out;
	if (!may_see(a, q)) {
		rc = YW_ENOTFOUND;
		goto out;
	}
	state = yw_jstr(q, "state");
	review = strcmp(state, "review") == 0;
	if (!review && strcmp(state, "answer") != 0) {
		rc = YW_ECONFLICT;
		goto out;
	}
	/* A step already taken by someone else is a conflict, not a
	 * permission question. */
	if ((strcmp(action, "approve") == 0 && !review) ||
	    (strcmp(action, "grant") == 0 && review)) {
		rc = YW_ECONFLICT;
		goto out;
	}
	if (review ? !is_office(a) : !is_dept(a, yw_jint(q, "provider_id"))) {
		rc = YW_EFORBIDDEN;
		goto out;
	}
	if (strcmp(action, "refuse") != 0 && strcmp(action, review ?
	    "approve" : "grant") != 0) {
		err(errs, "action", "invalid");
		rc = YW_EINVAL;
		goto out;
	}
	reason = text(errs, "reason", yw_jstr(in, "reason"), YW_DATA_REASON_MAX,
	    strcmp(action, "refuse") == 0);
	if (strcmp(action, "grant") == 0) {
		asked = json_loads(yw_jstr(q, "items"), 0, NULL);
		granted = pick(errs, "items", json_object_get(in, "items"),
		    asked, 0);
		json_decref(asked);
	}
	if (json_object_size(errs) > 0) {
		rc = YW_EINVAL;
		goto out;
	}
	today = (int32_t)yw_time_local_days(now);
	if (strcmp(action, "approve") == 0) {
		rc = yw_workday_add(cal, today, YW_DATA_ANSWER_DAYS, &due,
		    NULL);
		if (rc != YW_OK)
			goto out;
		to = "answer";
		event = "approved";
	} else if (strcmp(action, "grant") == 0) {
		to = "granted";
		event = "granted";
	} else {
		to = "refused";
		event = review ? "refused_review" : "refused";
	}
	empty = json_array();
	gtext = json_dumps(granted != NULL ? granted : empty, JSON_COMPACT);
	json_decref(empty);
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	began = 1;
	rc = yw_data_request_store_move(db, id, state, to, due != 0 ? today :
	    0, due, reason, gtext != NULL ? gtext : "[]", now);
	if (rc == YW_OK)
		rc = yw_data_request_store_event(db, id, now, a->id,
		    a->display_name, event, reason);
	if (rc == YW_OK && granted != NULL)
		rc = yw_data_request_store_grant(db, yw_jint(q, "resource_id"),
		    yw_jint(q, "consumer_id"), gtext, yw_jstr(q, "purpose"), id,
		    end_of_day(yw_jstr(q, "expires_on")), now);
	if (rc != YW_OK)
		goto out;
	(void)snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	detail = json_pack("{s:s, s:s, s:O?}", "from", state, "reason", reason,
	    "items", granted);
	(void)snprintf(key, sizeof(key), "data_request.%s", action);
	rc = yw_audit_append(db, a, key, "data_request", idtext, detail);
	json_decref(detail);
	if (rc != YW_OK)
		goto out;
	who = json_pack("[{s:I}]", "id", (json_int_t)yw_jint(q,
	    "requested_by"));
	payload = json_pack("{s:I, s:s}", "data_request", (json_int_t)id,
	    "state", to);
	(void)snprintf(key, sizeof(key), "data_request/%lld/%s", (long long)id,
	    event);
	/* zh-CN text, as the case messages: the inbox has no templates. */
	(void)snprintf(subject, sizeof(subject), "数据共享申请（%s）%s",
	    yw_jstr(q, "resource_name"), strcmp(to, "answer") == 0 ?
	    "已通过审核，待提供部门答复" : strcmp(to, "granted") == 0 ?
	    "已获授权" : "未获同意");
	rc = tell(db, who, subject, key, payload, now);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_commit(db);
	began = 0;
out:
	if (began)
		(void)yw_db_rollback(db);
	if (rc == YW_EINVAL) {
		*errors = errs;
		errs = NULL;
	}
	free(gtext);
	json_decref(errs);
	json_decref(q);
	json_decref(granted);
	json_decref(who);
	json_decref(payload);
	return rc;
}

enum yw_err
yw_data_request_get(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, int64_t now, json_t **out)
{
	json_t		*q = NULL, *events = NULL, *e, *may;
	char		 buf[32];
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	rc = yw_data_request_store_get(db, id, &q);
	if (rc != YW_OK)
		return rc;
	if (!may_see(a, q)) {
		json_decref(q);
		return YW_ENOTFOUND;
	}
	rc = yw_data_request_store_events(db, id, &events);
	if (rc != YW_OK) {
		json_decref(q);
		return rc;
	}
	json_array_foreach(events, i, e)
		if (yw_time_fmt_local(yw_jint(e, "at"), buf, sizeof(buf), 1) ==
		    YW_OK)
			json_object_set_new(e, "at_local", json_string(buf));
	decorate(q, cal, now);
	may = json_array();
	if (strcmp(yw_jstr(q, "state"), "review") == 0 && is_office(a)) {
		json_array_append_new(may, json_string("approve"));
		json_array_append_new(may, json_string("refuse"));
	} else if (strcmp(yw_jstr(q, "state"), "answer") == 0 &&
	    is_dept(a, yw_jint(q, "provider_id"))) {
		json_array_append_new(may, json_string("grant"));
		json_array_append_new(may, json_string("refuse"));
	}
	json_object_set_new(q, "timeline", events);
	json_object_set_new(q, "may", may);
	*out = q;
	return YW_OK;
}

static enum yw_err
list_into(json_t *out, const char *key, enum yw_err rc, json_t *rows,
    const struct yw_workday_cal *cal, int64_t now)
{
	json_t	*q;
	size_t	 i;

	if (rc != YW_OK)
		return rc;
	json_array_foreach(rows, i, q)
		decorate(q, cal, now);
	json_object_set_new(out, key, rows);
	return YW_OK;
}

enum yw_err
yw_data_request_lists(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t now, json_t **out)
{
	json_t		*o, *rows = NULL;
	enum yw_err	 rc = YW_OK;

	*out = NULL;
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	if (!is_staff(a))
		return YW_EFORBIDDEN;
	o = json_pack("{s:[], s:[], s:[]}", "mine", "to_review",
	    "to_answer");
	if (is_dept(a, a->department_id)) {
		rc = yw_data_request_store_list(db, a->department_id, NULL, 0,
		    &rows);
		rc = list_into(o, "mine", rc, rows, cal, now);
		if (rc == YW_OK) {
			rc = yw_data_request_store_list(db, 0, "answer",
			    a->department_id, &rows);
			rc = list_into(o, "to_answer", rc, rows, cal, now);
		}
	}
	if (rc == YW_OK && is_office(a)) {
		rc = yw_data_request_store_list(db, 0, "review", 0, &rows);
		rc = list_into(o, "to_review", rc, rows, cal, now);
	}
	if (rc != YW_OK) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return YW_OK;
}

enum yw_err
yw_data_request_figures(struct yw_db *db, const struct yw_workday_cal *cal,
    int64_t now, json_t **out)
{
	json_t		*rows = NULL, *q, *o, *f;
	char		 key[24];
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_data_request_store_open(db, &rows);
	if (rc != YW_OK)
		return rc;
	o = json_object();
	json_array_foreach(rows, i, q) {
		decorate(q, cal, now);
		(void)snprintf(key, sizeof(key), "%lld",
		    (long long)yw_jint(q, "provider_id"));
		f = json_object_get(o, key);
		if (f == NULL) {
			f = json_pack("{s:i, s:i}", "pending", 0, "overdue", 0);
			json_object_set_new(o, key, f);
		}
		json_object_set_new(f, "pending", json_integer(
		    json_integer_value(json_object_get(f, "pending")) + 1));
		if (json_is_true(json_object_get(q, "overdue")))
			json_object_set_new(f, "overdue", json_integer(
			    json_integer_value(json_object_get(f, "overdue")) +
			    1));
	}
	json_decref(rows);
	*out = o;
	return YW_OK;
}

/* Escalates one overdue step of q (a row of the open list). */
static enum yw_err
escalate_one(struct yw_db *db, json_t *q, int64_t now, int *count)
{
	struct yw_actor	 cli;
	json_t		*full = NULL, *who = NULL, *more = NULL, *payload = NULL;
	json_t		*detail;
	const char	*state = yw_jstr(q, "state");
	char		 key[96], subject[240], idtext[24];
	int64_t		 id = yw_jint(q, "id"), n;
	int		 review = strcmp(state, "review") == 0;
	enum yw_err	 rc;

	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_data_request_store_event_count(db, id, "escalated", state, &n);
	if (rc != YW_OK || n > 0)
		goto out;
	rc = yw_data_request_store_get(db, id, &full);
	if (rc != YW_OK)
		goto out;
	/* The data office always; for the answer step the provider too. */
	rc = yw_data_request_store_staff(db, 0, "platform_admin", &who);
	if (rc == YW_OK && !review) {
		rc = yw_data_request_store_staff(db, yw_jint(q, "provider_id"),
		    "data_steward", &more);
		if (rc == YW_OK)
			json_array_extend(who, more);
		json_decref(more);
		more = NULL;
		if (rc == YW_OK)
			rc = yw_data_request_store_staff(db, yw_jint(q,
			    "provider_id"), "dept_admin", &more);
		if (rc == YW_OK)
			json_array_extend(who, more);
	}
	if (rc != YW_OK)
		goto out;
	rc = yw_data_request_store_event(db, id, now, 0, "", "escalated",
	    state);
	if (rc != YW_OK)
		goto out;
	(void)snprintf(subject, sizeof(subject), "数据共享申请（%s，%s）%s已超期",
	    yw_jstr(full, "resource_name"), yw_jstr(full, "consumer_name"),
	    review ?
	    "审核" : "答复");
	(void)snprintf(key, sizeof(key), "data_request/%lld/escalated/%s",
	    (long long)id, state);
	payload = json_pack("{s:I, s:s}", "data_request", (json_int_t)id,
	    "state", state);
	rc = tell(db, who, subject, key, payload, now);
	if (rc != YW_OK)
		goto out;
	yw_actor_cli(&cli, "data-escalate");
	(void)snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	detail = json_pack("{s:s, s:I}", "step", state, "recipients",
	    (json_int_t)json_array_size(who));
	rc = yw_audit_append(db, &cli, "data_request.escalate",
	    "data_request", idtext, detail);
	json_decref(detail);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_commit(db);
	if (rc == YW_OK)
		(*count)++;
	json_decref(full);
	json_decref(who);
	json_decref(more);
	json_decref(payload);
	return rc;
out:
	(void)yw_db_rollback(db);
	json_decref(full);
	json_decref(who);
	json_decref(more);
	json_decref(payload);
	return rc;
}

enum yw_err
yw_data_request_escalate(struct yw_db *db, const struct yw_workday_cal *cal,
    int64_t now, int *count)
{
	json_t		*rows = NULL, *q;
	size_t		 i;
	enum yw_err	 rc;

	*count = 0;
	rc = yw_data_request_store_open(db, &rows);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(rows, i, q) {
		decorate(q, cal, now);
		if (!json_is_true(json_object_get(q, "overdue")))
			continue;
		rc = escalate_one(db, q, now, count);
		if (rc != YW_OK)
			break;
	}
	json_decref(rows);
	return rc;
}
