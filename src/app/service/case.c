/*
 * case.c - applying, the life cycle of tasks with working-day deadlines,
 * the applicant's side and ratings. SQL lives in case_store.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account/account.h"
#include "app/audit/audit.h"
#include "app/data/exchange.h"
#include "app/notify/notify.h"
#include "app/service/case.h"
#include "app/service/case_state.h"
#include "app/service/case_int.h"
#include "app/service/case_result_store.h"
#include "app/service/case_store.h"
#include "app/service/case_fetch.h"
#include "app/service/formdef.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

int
yw_case_is_handler(const struct yw_actor *a, int64_t department_id)
{
	if (strcmp(a->kind, "staff") != 0)
		return 0;
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	return a->department_id == department_id &&
	    (a->roles & (YW_ROLE_CASE_HANDLER | YW_ROLE_DEPT_ADMIN)) != 0;
}

/* Staff of the department (any role) may see its tasks. */
int
yw_case_is_staff_of(const struct yw_actor *a, int64_t department_id)
{
	return strcmp(a->kind, "staff") == 0 &&
	    ((a->roles & YW_ROLE_PLATFORM_ADMIN) ||
	    a->department_id == department_id);
}

int64_t
yw_case_jint(json_t *o, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(o, k));
}

const char *
yw_case_jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

void
yw_case_field_error(json_t **errors, const char *field, const char *code)
{
	if (*errors == NULL)
		*errors = json_object();
	json_object_set_new(*errors, field, json_string(code));
}

/* A note or reason: optional, clean text up to YW_CASE_NOTE_MAX. */
int
yw_case_note_ok(const char *s, json_t **errors, const char *field)
{
	size_t n;

	if (s == NULL)
		return 1;
	n = strlen(s);
	if (!yw_utf8_valid(s, n) || yw_utf8_has_control(s, n, 1)) {
		yw_case_field_error(errors, field, "invalid");
		return 0;
	}
	if (yw_utf8_count(s, n) > YW_CASE_NOTE_MAX) {
		yw_case_field_error(errors, field, "too_long");
		return 0;
	}
	return 1;
}

static int
region_ok(void *arg, const char *code)
{
	return yw_case_store_region_exists(arg, code);
}

json_t *
yw_case_parse_json(const char *s)
{
	json_t *j;

	j = json_loads(s != NULL ? s : "", 0, NULL);
	return j != NULL ? j : json_object();
}

enum yw_err
yw_case_find_key(struct yw_db *db, const struct yw_actor *a, const char *key,
    int64_t *case_id, char tracking[40])
{
	*case_id = 0;
	tracking[0] = '\0';
	if (a->id == 0 || key == NULL)
		return YW_ENOTFOUND;
	return yw_case_store_by_key(db, a->id, key, case_id, tracking);
}

/* What an application needs to know about its target, added to the form
 * object (form_of): {region_code, bundle_id, tasks: [{id,
 * department_id, stage, promised_days}]}; the form's "items" keep the
 * rows as stored. */
static enum yw_err
apply_facts(json_t *out, json_t *target, json_t *items)
{
	json_t	*tasks, *item;
	size_t	 i;

	json_object_set(out, "region_code", json_object_get(target,
	    "region_code"));
	if (items == NULL) {
		item = json_copy(target);
		if (item == NULL)
			return YW_ENOMEM;
		json_object_set_new(item, "stage", json_integer(1));
		return json_object_set_new(out, "tasks", json_pack("[o]",
		    item)) == 0 ? YW_OK : YW_ENOMEM;
	}
	json_object_set(out, "bundle_id", json_object_get(target, "id"));
	tasks = json_deep_copy(items);
	if (tasks == NULL)
		return YW_ENOMEM;
	json_array_foreach(tasks, i, item)
		if (!json_is_integer(json_object_get(item, "promised_days")))
			json_object_set(item, "promised_days",
			    json_object_get(item, "statutory_days"));
	return json_object_set_new(out, "tasks", tasks) == 0 ? YW_OK :
	    YW_ENOMEM;
}

/*
 * The form of an item or bundle (yw_case_form's object) from one read of
 * its rows; with apply, also what applying needs of it (apply_facts).
 */
static enum yw_err
form_of(struct yw_db *db, const char *item_code, const char *bundle_code,
    int apply, json_t **out)
{
	json_t		*target, *items, *item, *errors, *form, *tasks;
	json_t		**defs;
	size_t		 i, n;
	enum yw_err	 rc;

	*out = NULL;
	items = NULL;
	if (item_code != NULL) {
		rc = yw_case_store_item(db, item_code, &target);
		if (rc != YW_OK)
			return rc;
		form = yw_case_parse_json(yw_case_jstr(target, "form_def"));
	} else if (bundle_code != NULL) {
		rc = yw_case_store_bundle(db, bundle_code, &target, &items);
		if (rc != YW_OK)
			return rc;
		n = json_array_size(items);
		if (n == 0) {
			json_decref(target);
			json_decref(items);
			return YW_ENOTFOUND;
		}
		defs = calloc(n, sizeof(*defs));
		if (defs == NULL) {
			json_decref(target);
			json_decref(items);
			return YW_ENOMEM;
		}
		json_array_foreach(items, i, item)
			defs[i] = yw_case_parse_json(yw_case_jstr(item, "form_def"));
		errors = NULL;
		rc = yw_formdef_union(defs, n, &form, &errors);
		for (i = 0; i < n; i++)
			json_decref(defs[i]);
		free(defs);
		json_decref(errors);
		if (rc != YW_OK) {
			json_decref(target);
			json_decref(items);
			return rc == YW_ECONFLICT ? YW_EINTERNAL : rc;
		}
	} else
		return YW_EINVAL;
	tasks = items != NULL ? json_incref(items) : json_pack("[O]", target);
	rc = tasks != NULL ? yw_case_fetch_fields(db, tasks, form) : YW_ENOMEM;
	json_decref(tasks);
	if (rc != YW_OK) {
		json_decref(form);
		json_decref(target);
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:s, s:s, s:O, s:O, s:o, s:o}", "kind",
	    item_code != NULL ? "item" : "bundle", "code", item_code != NULL ?
	    item_code : bundle_code, "name", json_object_get(target, "name"),
	    "name_en", json_object_get(target, "name_en"), "form", form,
	    "items", items != NULL ? items : json_array());
	if (*out != NULL && apply)
		rc = apply_facts(*out, target, items);
	json_decref(target);
	if (*out == NULL)
		return YW_ENOMEM;
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum yw_err
yw_case_form(struct yw_db *db, const char *item_code, const char *bundle_code,
    json_t **out)
{
	return form_of(db, item_code, bundle_code, 0, out);
}

enum yw_err
yw_case_target(struct yw_db *db, const char *item_code,
    const char *bundle_code, json_t **out)
{
	return form_of(db, item_code, bundle_code, 1, out);
}

/* The phone to find the case by later: the form's, else a phone login. */
static void
applicant_phone(const struct yw_actor *a, json_t *clean, char out[16])
{
	const char *p;

	p = json_string_value(json_object_get(clean, "phone"));
	if (p == NULL && yw_valid_phone(a->login, strlen(a->login)))
		p = a->login;
	if (p == NULL || strlen(p) > 15)
		p = "";
	(void)snprintf(out, 16, "%.15s", p);
}

/* The files sent with the application, in its transaction. */
static enum yw_err
store_files(struct yw_db *db, const struct yw_case_input *in, int64_t now)
{
	size_t		i;
	enum yw_err	rc;

	for (i = 0; i < in->nfiles; i++) {
		rc = yw_attach_save(db, &in->files[i].att, in->files[i].data,
		    now);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

static enum yw_err
insert_case(struct yw_db *db, const struct yw_actor *a,
    const struct yw_case_input *in, json_t *form, json_t *clean,
    int64_t now, int64_t *case_id, char tracking[40])
{
	json_t		*tasks, *t;
	char		 prefix[32], phone[16], *values;
	const char	*region;
	int64_t		 seq, first_stage, item_id, bundle_id;
	int		 y, m, d;
	size_t		 i;
	enum yw_err	 rc;

	rc = store_files(db, in, now);
	if (rc != YW_OK)
		return rc;
	region = yw_case_jstr(form, "region_code");
	yw_time_civil_from_days(yw_time_local_days(now), &y, &m, &d);
	(void)snprintf(prefix, sizeof(prefix), "%.6s-%04d%02d%02d", region, y,
	    m, d);
	rc = yw_case_store_next_seq(db, prefix, &seq);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(tracking, 40, "%s-%06lld", prefix, (long long)seq);
	applicant_phone(a, clean, phone);
	values = json_dumps(clean, JSON_COMPACT | JSON_SORT_KEYS);
	if (values == NULL)
		return YW_ENOMEM;
	tasks = json_object_get(form, "tasks");
	item_id = in->item_code != NULL ? yw_case_jint(json_array_get(tasks, 0),
	    "id") : 0;
	bundle_id = in->bundle_code != NULL ? yw_case_jint(form, "bundle_id") : 0;
	rc = yw_case_store_insert(db, tracking, item_id, bundle_id, a->id,
	    phone, region, values, in->idem_key, now, case_id);
	free(values);
	if (rc != YW_OK)
		return rc;
	first_stage = yw_case_jint(json_array_get(tasks, 0), "stage");
	json_array_foreach(tasks, i, t) {
		rc = yw_case_store_add_task(db, *case_id, yw_case_jint(t, "id"),
		    yw_case_jint(t, "department_id"), yw_case_jint(t, "stage"),
		    yw_case_jint(t, "stage") == first_stage, yw_case_jint(t, "promised_days"),
		    now);
		if (rc != YW_OK)
			return rc;
	}
	return yw_case_store_event(db, *case_id, 0, a->id, "applicant",
	    "submit", "submitted", "", 0, now);
}

enum yw_err
yw_case_apply(struct yw_db *db, const struct yw_actor *a,
    const struct yw_case_input *in, int64_t now, json_t **errors,
    int64_t *case_id, char tracking[40])
{
	struct yw_formdef_ctx	 ctx;
	json_t			*t, *clean, *calls = NULL;
	enum yw_err		 rc, lrc;
	int			 rolled;

	*errors = NULL;
	*case_id = 0;
	tracking[0] = '\0';
	clean = NULL;
	t = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (in->idem_key != NULL && (in->idem_key[0] == '\0' ||
	    strlen(in->idem_key) > 100)) {
		yw_case_field_error(errors, "idempotency_key", "invalid");
		return YW_EINVAL;
	}
	if (in->idem_key != NULL && !in->key_checked &&
	    yw_case_store_by_key(db, a->id, in->idem_key, case_id,
	    tracking) == YW_OK)
		return YW_OK;
	if (in->target != NULL)
		t = json_incref(in->target);
	else {
		rc = yw_case_target(db, in->item_code, in->bundle_code, &t);
		if (rc != YW_OK)
			return rc;
	}
	ctx.now = now;
	ctx.region_ok = region_ok;
	ctx.arg = db;
	rc = yw_formdef_validate(json_object_get(t, "form"), in->values, &ctx,
	    &clean, errors);
	if (rc != YW_OK)
		goto out;
	calls = json_array();
	if (calls == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = insert_case(db, a, in, t, clean, now, case_id, tracking);
	if (rc == YW_OK)
		rc = yw_case_fetch_run(db, in->keyring, a, json_object_get(t,
		    "form"), clean, *case_id, tracking, now, calls, errors);
	rolled = rc != YW_OK;
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else {
		(void)yw_db_rollback(db);
		if (rc == YW_EINVAL) {
			*case_id = 0;
			tracking[0] = '\0';
		}
	}
	/* The exchange calls of the fetches: those the rollback took back
	 * (a refused or empty read, or every read of a refused case) are
	 * logged now, each still a signed entry of its chain. */
	if (in->keyring != NULL && json_array_size(calls) > 0) {
		lrc = yw_exchange_log_calls(db, in->keyring, calls, rolled);
		if (lrc != YW_OK)
			rc = lrc;
	}
	/* A twin request that won the race on the same key: that case. */
	if (rc == YW_ECONFLICT && in->idem_key != NULL &&
	    yw_case_store_by_key(db, a->id, in->idem_key, case_id,
	    tracking) == YW_OK)
		rc = YW_OK;
out:
	json_decref(calls);
	json_decref(clean);
	json_decref(t);
	return rc;
}

/* Deadline facts of a task as of today: due date, light, days left. */
void
yw_case_decorate_task(json_t *t, const struct yw_workday_cal *cal, int32_t today)
{
	struct yw_workday_span	 spans[32];
	enum yw_workday_light	 light;
	char			 buf[16];
	int			 y, m, d, used, total, left;
	int32_t			 due;
	size_t			 n;

	if (!json_is_integer(json_object_get(t, "due_day")))
		return;
	due = (int32_t)yw_case_jint(t, "due_day");
	yw_time_civil_from_days(due, &y, &m, &d);
	(void)snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	json_object_set_new(t, "due", json_string(buf));
	n = yw_case_pauses_of(t, today, spans, 32);
	used = total = left = 0;
	(void)yw_workday_progress(cal, (int32_t)yw_case_jint(t, "accepted_day"), due,
	    today, spans, n, &used, &total, NULL);
	(void)yw_workday_count(cal, today, due, &left, NULL);
	json_object_set_new(t, "days_left", json_integer(left));
	light = yw_workday_light_for(due, today, used, total,
	    YW_CASE_WARN_PERCENT);
	json_object_set_new(t, "light", json_string(light == YW_WORKDAY_RED ?
	    "red" : light == YW_WORKDAY_YELLOW ? "yellow" : "green"));
}

void
yw_case_local_times(json_t *list, const char *key)
{
	json_t	*item;
	char	 buf[32];
	size_t	 i;

	json_array_foreach(list, i, item) {
		if (!json_is_integer(json_object_get(item, key)))
			continue;
		if (yw_time_fmt_local(yw_case_jint(item, key), buf, sizeof(buf), 1) ==
		    YW_OK) {
			char k[48];

			(void)snprintf(k, sizeof(k), "%s_local", key);
			json_object_set_new(item, k, json_string(buf));
		}
	}
}

/* Who a is to this case: 2 staff of one of its departments, 1 its
 * applicant, 0 nobody. */
static int
relation(const struct yw_actor *a, json_t *c, json_t *tasks)
{
	json_t	*t;
	size_t	 i;

	json_array_foreach(tasks, i, t)
		if (yw_case_is_staff_of(a, yw_case_jint(t, "department_id")))
			return 2;
	if (a->id != 0 && a->id == yw_case_jint(c, "applicant_id"))
		return 1;
	return 0;
}

/* c's view for rel; takes tasks (c's, as yw_case_store_tasks lists them). */
static enum yw_err
view(struct yw_db *db, const struct yw_workday_cal *cal, json_t *c,
    json_t *tasks, int rel, int64_t now, json_t **out)
{
	json_t		*timeline, *rating, *t, *rows, *results;
	char		 masked[32];
	size_t		 i;
	int32_t		 today;
	enum yw_err	 rc;

	today = (int32_t)yw_time_local_days(now);
	json_array_foreach(tasks, i, t)
		yw_case_decorate_task(t, cal, today);
	rc = yw_case_store_timeline(db, yw_case_jint(c, "id"), rel == 2, &timeline);
	if (rc != YW_OK) {
		json_decref(tasks);
		return rc;
	}
	yw_case_local_times(timeline, "at");
	if (yw_case_store_rating(db, yw_case_jint(c, "id"), &rating) != YW_OK)
		rating = json_null();
	rows = json_pack("[O]", c);
	yw_case_local_times(rows, "submitted_at");
	yw_case_local_times(rows, "completed_at");
	json_decref(rows);
	if (rel != 2) {
		/* The applicant and the public never see internal data;
		 * the public sees no form values and a masked phone. */
		if (rel == 0)
			json_object_del(c, "form_values");
		if (yw_mask_phone(yw_case_jstr(c, "applicant_phone"),
		    strlen(yw_case_jstr(c, "applicant_phone")), masked,
		    sizeof(masked)) == YW_OK)
			json_object_set_new(c, "applicant_phone",
			    json_string(masked));
		json_array_foreach(tasks, i, t) {
			json_object_del(t, "assignee_id");
			json_object_del(t, "version");
		}
	}
	if (json_is_string(json_object_get(c, "form_values")))
		json_object_set_new(c, "form_values", yw_case_parse_json(yw_case_jstr(c,
		    "form_values")));
	/* Result documents are the applicant's and the departments'; the
	 * lookup without an account does not list them. */
	if (rel == 0)
		results = json_array();
	else if (yw_case_result_store_list(db, yw_case_jint(c, "id"),
	    &results) != YW_OK) {
		json_decref(tasks);
		json_decref(timeline);
		json_decref(rating);
		return YW_EDB;
	}
	yw_case_local_times(results, "issued_at");
	*out = json_pack("{s:O, s:o, s:o, s:o, s:o, s:b}", "case", c, "tasks",
	    tasks, "timeline", timeline, "rating", rating, "results", results,
	    "is_staff", rel == 2);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_case_get(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t case_id, int64_t now,
    json_t **out)
{
	json_t		*c, *tasks;
	int		 rel;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_case_store_case(db, case_id, &c);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_store_tasks(db, case_id, &tasks);
	if (rc != YW_OK) {
		json_decref(c);
		return rc;
	}
	rel = relation(a, c, tasks);
	if (rel == 0) {
		json_decref(tasks);
		rc = YW_ENOTFOUND;
	} else
		rc = view(db, cal, c, tasks, rel, now, out);
	json_decref(c);
	if (rc == YW_OK) {
		json_t *fetched = NULL;

		rc = yw_case_fetch_view(db, a, case_id, rel == 2, now,
		    &fetched);
		if (rc == YW_OK) {
			json_object_set_new(*out, "has_fetched", json_boolean(
			    json_array_size(fetched) > 0));
			json_object_set_new(*out, "fetched", fetched);
		}
		else {
			json_decref(*out);
			*out = NULL;
		}
	}
	return rc;
}

enum yw_err
yw_case_task_case(struct yw_db *db, const struct yw_actor *a, int64_t task_id,
    int64_t *case_id)
{
	json_t		*t;
	enum yw_err	 rc;

	*case_id = 0;
	rc = yw_case_store_task(db, task_id, &t);
	if (rc != YW_OK)
		return rc;
	if (yw_case_is_staff_of(a, yw_case_jint(t, "department_id")))
		*case_id = yw_case_jint(t, "case_id");
	else
		rc = YW_ENOTFOUND;
	json_decref(t);
	return rc;
}

/* The lookup itself, unthrottled. */
static enum yw_err
lookup(struct yw_db *db, const struct yw_workday_cal *cal,
    const char *tracking, const char *phone, int64_t now, json_t **out)
{
	json_t		*c, *tasks;
	char		 digits[24];
	size_t		 i, n;
	enum yw_err	 rc;

	if (tracking == NULL || phone == NULL || strlen(tracking) > 39)
		return YW_ENOTFOUND;
	n = 0;
	for (i = 0; phone[i] != '\0' && n + 1 < sizeof(digits); i++)
		if (phone[i] >= '0' && phone[i] <= '9')
			digits[n++] = phone[i];
	digits[n] = '\0';
	if (n > 11)
		memmove(digits, digits + n - 11, 12);	/* drop 86 */
	rc = yw_case_store_case_by_tracking(db, tracking, &c);
	if (rc != YW_OK)
		return rc;
	if (digits[0] == '\0' || strcmp(digits, yw_case_jstr(c,
	    "applicant_phone")) != 0) {
		json_decref(c);
		return YW_ENOTFOUND;
	}
	rc = yw_case_store_tasks(db, yw_case_jint(c, "id"), &tasks);
	if (rc == YW_OK)
		rc = view(db, cal, c, tasks, 0, now, out);
	json_decref(c);
	return rc;
}

enum yw_err
yw_case_lookup(struct yw_db *db, const struct yw_workday_cal *cal,
    const char *tracking, const char *phone, const char *source_ip,
    int64_t now, json_t **out)
{
	enum yw_err rc;

	*out = NULL;
	if (source_ip != NULL && source_ip[0] != '\0') {
		rc = yw_account_throttle_check(db, "track", source_ip,
		    YW_CASE_TRACK_WINDOW, YW_CASE_TRACK_MAX, now);
		/* Only a forged address is too long for a counter key. */
		if (rc != YW_OK)
			return rc == YW_EINVAL ? YW_ETOOMANY : rc;
	}
	rc = lookup(db, cal, tracking, phone, now, out);
	if (rc == YW_ENOTFOUND && source_ip != NULL && source_ip[0] != '\0') {
		if (yw_account_throttle_fail(db, "track", source_ip, now) !=
		    YW_OK)
			return YW_EDB;
	}
	return rc;
}

enum yw_err
yw_case_mine(struct yw_db *db, const struct yw_actor *a, json_t **out)
{
	enum yw_err rc;

	*out = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_case_store_mine(db, a->id, out);
	if (rc == YW_OK)
		yw_case_local_times(*out, "submitted_at");
	return rc;
}

enum yw_err
yw_case_queue(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int only_mine, int64_t now,
    json_t **out)
{
	json_t		*t;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (strcmp(a->kind, "staff") != 0 || a->department_id == 0)
		return YW_EFORBIDDEN;
	rc = yw_case_store_queue(db, a->department_id, only_mine ? a->id : 0,
	    out);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(*out, i, t)
		yw_case_decorate_task(t, cal, (int32_t)yw_time_local_days(now));
	yw_case_local_times(*out, "submitted_at");
	return YW_OK;
}

/* After a task moved: start the next stage, close the case when all is
 * done. */
enum yw_err
yw_case_settle(struct yw_db *db, int64_t case_id, int64_t now)
{
	json_t		*tasks, *t;
	size_t		 i;
	int64_t		 begun;
	int		 open, completed, withdrawn;
	enum yw_err	 rc;

	rc = yw_case_store_next_stage(db, case_id, now, &begun);
	if (rc != YW_OK || begun > 0)
		return rc;
	rc = yw_case_store_tasks(db, case_id, &tasks);
	if (rc != YW_OK)
		return rc;
	open = completed = withdrawn = 0;
	json_array_foreach(tasks, i, t) {
		if (strcmp(yw_case_jstr(t, "state"), "completed") == 0)
			completed++;
		else if (strcmp(yw_case_jstr(t, "state"), "withdrawn") == 0)
			withdrawn++;
		else if (strcmp(yw_case_jstr(t, "state"), "refused") != 0)
			open++;
	}
	json_decref(tasks);
	if (open > 0)
		return YW_OK;
	return yw_case_store_set_status(db, case_id, completed > 0 ?
	    "completed" : withdrawn > 0 ? "withdrawn" : "refused", now);
}

/* The pauses of a task as spans, the running one ending today. */
size_t
yw_case_pauses_of(json_t *t, int32_t today, struct yw_workday_span *out, size_t max)
{
	json_t	*list, *p;
	size_t	 i, n;

	list = yw_case_parse_json(yw_case_jstr(t, "pauses"));
	n = 0;
	json_array_foreach(list, i, p) {
		if (n == max)
			break;
		out[n].from = (int32_t)json_integer_value(json_array_get(p, 0));
		out[n].to = (int32_t)json_integer_value(json_array_get(p, 1));
		n++;
	}
	json_decref(list);
	if (json_is_integer(json_object_get(t, "pause_from")) && n < max) {
		out[n].from = (int32_t)yw_case_jint(t, "pause_from");
		out[n].to = today;
		n++;
	}
	return n;
}

/*
 * Every staff move reaches the applicant's message centre (我的消息), in
 * the same transaction. The payload carries the facts for any language;
 * subject and body are the zh-CN text for channels without templates.
 */
static enum yw_err
notify_applicant(struct yw_db *db, json_t *t, enum yw_case_event e,
    enum yw_case_state to, const char *note, int64_t now)
{
	static const char *const zh[YW_CASE_NSTATES] = {
		"已提交", "已受理", "不予受理", "审查中", "需补正材料",
		"已批准", "未予批准", "已办结", "已撤回",
	};
	struct yw_notify_msg	 m;
	char			 subject[160], body[2200], key[96];
	enum yw_err		 rc;

	(void)snprintf(subject, sizeof(subject), "办件 %s 有新进展",
	    yw_case_jstr(t, "tracking_no"));
	(void)snprintf(body, sizeof(body), "%s：%s%s%s",
	    yw_case_jstr(t, "item_name"), zh[to], note != NULL &&
	    note[0] != '\0' ? "。" : "", note != NULL ? note : "");
	(void)snprintf(key, sizeof(key), "case-task/%lld/%lld/%s",
	    (long long)yw_case_jint(t, "id"),
	    (long long)yw_case_jint(t, "version"), yw_case_event_name(e));
	memset(&m, 0, sizeof(m));
	m.channel = "inbox";
	m.account_id = yw_case_jint(t, "applicant_id");
	m.subject = subject;
	m.body = body;
	m.dedup_key = key;
	m.payload = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s}", "case_id",
	    (json_int_t)yw_case_jint(t, "case_id"), "tracking_no",
	    yw_case_jstr(t, "tracking_no"), "task_id",
	    (json_int_t)yw_case_jint(t, "id"), "event", yw_case_event_name(e),
	    "state", yw_case_state_name(to), "item_name",
	    yw_case_jstr(t, "item_name"));
	rc = yw_notify_enqueue(db, &m, now, NULL);
	json_decref(m.payload);
	return rc;
}

/* Applies event e to task t (a row of yw_case_store_task) in the open
 * transaction. */
static enum yw_err
move(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, json_t *t, enum yw_case_event e,
    enum yw_case_party p, const char *note, int64_t now, json_t **errors)
{
	struct yw_workday_span	 spans[32];
	enum yw_case_state	 from, to;
	json_t			*pauses;
	char			*ptext;
	int64_t			 accepted, due, pause_from;
	int32_t			 today, d;
	size_t			 n;
	enum yw_err		 rc;

	if (yw_case_state_parse(yw_case_jstr(t, "state"), &from) != YW_OK)
		return YW_EINTERNAL;
	rc = yw_case_next(from, e, p, note != NULL && note[0] != '\0', &to);
	if (rc == YW_EINVAL)
		yw_case_field_error(errors, "note", "required");
	if (rc != YW_OK)
		return rc;
	today = (int32_t)yw_time_local_days(now);
	accepted = yw_case_jint(t, "accepted_day");
	due = yw_case_jint(t, "due_day");
	pause_from = yw_case_jint(t, "pause_from");
	pauses = yw_case_parse_json(yw_case_jstr(t, "pauses"));
	if (e == YW_CASE_EV_ACCEPT) {
		accepted = today;
		rc = yw_workday_add(cal, today, (int)yw_case_jint(t, "promised_days"),
		    &d, NULL);
		due = d;
	} else if (e == YW_CASE_EV_REQUEST_SUPPLEMENT) {
		pause_from = today;
	} else if (e == YW_CASE_EV_SUPPLEMENT && pause_from != 0) {
		json_array_append_new(pauses, json_pack("[II]",
		    (json_int_t)pause_from, (json_int_t)today));
		json_object_set_new(t, "pause_from", json_null());
		pause_from = 0;
		ptext = json_dumps(pauses, JSON_COMPACT);
		json_object_set_new(t, "pauses", json_string(ptext ? ptext :
		    "[]"));
		free(ptext);
		n = yw_case_pauses_of(t, today, spans, 32);
		rc = yw_workday_due_with_pauses(cal, (int32_t)accepted,
		    (int)yw_case_jint(t, "promised_days"), spans, n, &d, NULL);
		due = d;
	} else if (e == YW_CASE_EV_WITHDRAW) {
		pause_from = 0;
	}
	if (rc != YW_OK) {
		json_decref(pauses);
		return rc;
	}
	ptext = json_dumps(pauses, JSON_COMPACT);
	json_decref(pauses);
	if (ptext == NULL)
		return YW_ENOMEM;
	rc = yw_case_store_task_update(db, yw_case_jint(t, "id"), yw_case_jint(t, "version"),
	    yw_case_state_name(to), accepted, due, pause_from, ptext,
	    yw_case_event_needs_reason(e) ? note : yw_case_jstr(t, "reason"), now);
	free(ptext);
	if (rc == YW_OK)
		rc = yw_case_store_event(db, yw_case_jint(t, "case_id"), yw_case_jint(t, "id"),
		    a->id, p == YW_CASE_BY_HANDLER ? "handler" : "applicant",
		    yw_case_event_name(e), yw_case_state_name(to),
		    note != NULL ? note : "", 0, now);
	if (rc == YW_OK && p == YW_CASE_BY_HANDLER) {
		json_t *detail = json_pack("{s:I, s:s, s:s, s:s}", "case_id",
		    (json_int_t)yw_case_jint(t, "case_id"), "tracking_no",
		    yw_case_jstr(t, "tracking_no"), "from", yw_case_state_name(from),
		    "to", yw_case_state_name(to));
		char action[48], oid[24];

		(void)snprintf(action, sizeof(action), "case.%s",
		    yw_case_event_name(e));
		(void)snprintf(oid, sizeof(oid), "%lld",
		    (long long)yw_case_jint(t, "id"));
		rc = yw_audit_append(db, a, action, "case_task", oid, detail);
		json_decref(detail);
	}
	if (rc == YW_OK && p == YW_CASE_BY_HANDLER)
		rc = notify_applicant(db, t, e, to, note, now);
	return rc;
}

/* Loads task_id for staff action by a: YW_ENOTFOUND unless a is staff of
 * its department; YW_EFORBIDDEN without a handler role. */
enum yw_err
yw_case_staff_task(struct yw_db *db, const struct yw_actor *a, int64_t task_id,
    json_t **t)
{
	enum yw_err rc;

	*t = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_case_store_task(db, task_id, t);
	if (rc != YW_OK)
		return rc;
	if (!yw_case_is_staff_of(a, yw_case_jint(*t, "department_id")))
		rc = YW_ENOTFOUND;
	else if (!yw_case_is_handler(a, yw_case_jint(*t, "department_id")))
		rc = YW_EFORBIDDEN;
	else if (yw_case_jint(*t, "active") == 0)
		rc = YW_ECONFLICT;	/* its stage has not begun */
	if (rc != YW_OK) {
		json_decref(*t);
		*t = NULL;
	}
	return rc;
}

/* Runs fn inside one transaction and settles the case afterwards. */
enum yw_err
yw_case_commit_or_rollback(struct yw_db *db, enum yw_err rc, int64_t case_id,
    int64_t now)
{
	if (rc == YW_OK && case_id != 0)
		rc = yw_case_settle(db, case_id, now);
	if (rc == YW_OK)
		return yw_db_commit(db);
	(void)yw_db_rollback(db);
	return rc;
}

enum yw_err
yw_case_act(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t task_id, const char *event,
    const char *note, int64_t now, json_t **errors)
{
	enum yw_case_event	 e;
	json_t			*t;
	enum yw_err		 rc;

	*errors = NULL;
	if (event == NULL || yw_case_event_parse(event, &e) != YW_OK ||
	    e == YW_CASE_EV_SUPPLEMENT || e == YW_CASE_EV_WITHDRAW) {
		yw_case_field_error(errors, "event", "invalid");
		return YW_EINVAL;
	}
	if (!yw_case_note_ok(note, errors, "note"))
		return YW_EINVAL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_staff_task(db, a, task_id, &t);
	if (rc == YW_OK)
		rc = move(db, a, cal, t, e, YW_CASE_BY_HANDLER, note, now,
		    errors);
	rc = yw_case_commit_or_rollback(db, rc, t != NULL ? yw_case_jint(t, "case_id") : 0,
	    now);
	json_decref(t);
	return rc;
}

enum yw_err
yw_case_applicant_act(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t case_id, const char *event,
    const char *note, int64_t now, json_t **errors)
{
	enum yw_case_event	 e;
	json_t			*c, *tasks, *t;
	size_t			 i;
	int			 moved;
	enum yw_err		 rc;

	*errors = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (event == NULL || yw_case_event_parse(event, &e) != YW_OK ||
	    (e != YW_CASE_EV_SUPPLEMENT && e != YW_CASE_EV_WITHDRAW)) {
		yw_case_field_error(errors, "event", "invalid");
		return YW_EINVAL;
	}
	if (!yw_case_note_ok(note, errors, "note"))
		return YW_EINVAL;
	rc = yw_case_store_case(db, case_id, &c);
	if (rc != YW_OK)
		return rc;
	if (yw_case_jint(c, "applicant_id") != a->id) {
		json_decref(c);
		return YW_ENOTFOUND;
	}
	json_decref(c);
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_store_tasks(db, case_id, &tasks);
	moved = 0;
	json_array_foreach(tasks, i, t) {
		enum yw_case_state s, next;
		json_t *full;

		if (rc != YW_OK)
			break;
		if (yw_case_state_parse(yw_case_jstr(t, "state"), &s) != YW_OK ||
		    yw_case_next(s, e, YW_CASE_BY_APPLICANT, 1, &next) !=
		    YW_OK)
			continue;
		rc = yw_case_store_task(db, yw_case_jint(t, "id"), &full);
		if (rc == YW_OK) {
			rc = move(db, a, cal, full, e, YW_CASE_BY_APPLICANT,
			    note, now, errors);
			json_decref(full);
			moved++;
		}
	}
	json_decref(tasks);
	if (rc == YW_OK && moved == 0)
		rc = YW_ECONFLICT;	/* nothing waits for this */
	return yw_case_commit_or_rollback(db, rc, case_id, now);
}

