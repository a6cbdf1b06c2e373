/*
 * h_case.c - a case as its applicant follows it: "my applications", the
 * case page (timeline, each department's task with its deadline light,
 * 补正 and withdrawal when a task waits for them, the rating after
 * completion and the department's answer to a bad one), progress lookup
 * by tracking number and phone, and the case's files. The case view is
 * shared with the staff pages (h_staff.c). Permissions are app/service's:
 * a case someone may not see reads as not found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/attach/attach.h"
#include "app/service/case.h"
#include "app/service/case_state.h"
#include "app/service/draft.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_my_cases(struct http_request *);
int	api_my_cases(struct http_request *);
int	page_case(struct http_request *);
int	api_case(struct http_request *);
int	page_case_file(struct http_request *);
int	page_track(struct http_request *);
int	api_track(struct http_request *);

/* t.case.<section>.<value> in the visitor's language, or NULL. */
static json_t *
case_text(struct yw_req *r, const char *section, const char *value)
{
	return json_object_get(json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "case"), section), value);
}

/* o[out] = t.case.<section>.<o[key]>, for pages. */
static void
name_it(struct yw_req *r, json_t *o, const char *key, const char *section,
    const char *out)
{
	json_t *l;

	l = case_text(r, section, yw_jstr(o, key));
	if (l != NULL)
		json_object_set(o, out, l);
}

/* Labels and flags a task row needs on a page: its state, light and
 * whether it is waiting for its stage. */
void
yw_web_task_labels(struct yw_req *r, json_t *t)
{
	const char *light;

	if (r->kind != YW_PAGE)
		return;
	name_it(r, t, "state", "state", "state_label");
	/* An ended task's deadline no longer matters. */
	json_object_set_new(t, "closed", json_boolean(
	    strcmp(yw_jstr(t, "state"), "completed") == 0 ||
	    strcmp(yw_jstr(t, "state"), "refused") == 0 ||
	    strcmp(yw_jstr(t, "state"), "withdrawn") == 0));
	light = yw_jstr(t, "light");
	if (light[0] != '\0') {
		name_it(r, t, "light", "light", "light_label");
		json_object_set_new(t, "is_red", json_boolean(strcmp(light,
		    "red") == 0));
		json_object_set_new(t, "is_yellow", json_boolean(strcmp(light,
		    "yellow") == 0));
		json_object_set_new(t, "is_green", json_boolean(strcmp(light,
		    "green") == 0));
	}
	if (json_is_integer(json_object_get(t, "active")))
		json_object_set_new(t, "waiting", json_boolean(
		    json_integer_value(json_object_get(t, "active")) == 0));
}

/* The form definition the case was made with, for labels; {} when the
 * item or bundle is no longer published. */
static json_t *
case_def(json_t *c)
{
	json_t		*f, *def;
	const char	*item, *bundle;

	item = json_string_value(json_object_get(c, "item_code"));
	bundle = json_string_value(json_object_get(c, "bundle_code"));
	if (yw_case_form(yw_web->db, item, item == NULL ? bundle : NULL,
	    &f) != YW_OK)
		return json_object();
	def = json_incref(json_object_get(f, "form"));
	json_decref(f);
	return def != NULL ? def : json_object();
}

/* 1 when the applicant may send event e now (some task waits for it). */
static int
applicant_may(json_t *tasks, enum yw_case_event e)
{
	enum yw_case_state	 s, next;
	json_t			*t;
	size_t			 i;

	json_array_foreach(tasks, i, t)
		if (yw_case_state_parse(yw_jstr(t, "state"), &s) == YW_OK &&
		    yw_case_next(s, e, YW_CASE_BY_APPLICANT, 1, &next) == YW_OK)
			return 1;
	return 0;
}

enum yw_err
yw_web_case_view(struct yw_req *r, json_t *vm, int64_t case_id)
{
	json_t		*v, *c, *t, *def, *rating;
	char		 base[64], day[16];
	size_t		 i;
	int		 y, m, d;
	enum yw_err	 rc;

	rc = yw_case_get(yw_web->db, &r->actor, yw_web_workcal(), case_id,
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	if (r->kind != YW_PAGE)
		return YW_OK;
	c = json_object_get(vm, "case");
	name_it(r, c, "status", "status", "status_label");
	json_object_set_new(c, "is_completed", json_boolean(strcmp(yw_jstr(c,
	    "status"), "completed") == 0));
	json_array_foreach(json_object_get(vm, "tasks"), i, t)
		yw_web_task_labels(r, t);
	json_array_foreach(json_object_get(vm, "timeline"), i, t) {
		name_it(r, t, "event", "event", "event_label");
		name_it(r, t, "state", "state", "state_label");
		json_object_set_new(t, "is_internal", json_boolean(
		    json_integer_value(json_object_get(t, "internal")) != 0));
	}
	(void)snprintf(base, sizeof(base), "/cases/%lld/files",
	    (long long)case_id);
	json_array_foreach(json_object_get(vm, "results"), i, t) {
		def = yw_web_file_link(t, base);
		json_object_update(t, def);
		json_decref(def);
	}
	if (json_is_object(json_object_get(c, "form_values"))) {
		def = case_def(c);
		json_object_set_new(vm, "values", yw_web_form_values(r, def,
		    json_object_get(c, "form_values"), base));
		json_decref(def);
	}
	rating = json_object_get(vm, "rating");
	if (json_is_object(rating)) {
		json_object_set_new(rating, "rectify_open", json_boolean(
		    strcmp(yw_jstr(rating, "rectify_state"), "open") == 0));
		json_object_set_new(rating, "rectify_done", json_boolean(
		    strcmp(yw_jstr(rating, "rectify_state"), "done") == 0));
		if (json_is_integer(json_object_get(rating,
		    "rectify_due_day"))) {
			yw_time_civil_from_days(json_integer_value(
			    json_object_get(rating, "rectify_due_day")), &y, &m,
			    &d);
			(void)snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m,
			    d);
			json_object_set_new(rating, "rectify_due",
			    json_string(day));
		}
	}
	return YW_OK;
}

static enum yw_err
view_my_cases(struct yw_req *r, json_t *vm)
{
	json_t		*list, *c;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_mine(yw_web->db, &r->actor, &list);
	if (rc != YW_OK)
		return rc;
	if (r->kind == YW_PAGE)
		json_array_foreach(list, i, c)
			name_it(r, c, "status", "status", "status_label");
	json_object_set_new(vm, "cases", list);
	rc = yw_draft_mine(yw_web->db, &r->actor, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "drafts", list);
	return YW_OK;
}

static enum yw_err	case_page(struct yw_req *r, json_t *vm, int64_t id);

/* The applicant's actions on the case page: 补正, withdraw, rate. */
static enum yw_err
case_post(struct yw_req *r, json_t *vm, int64_t id)
{
	static const struct yw_form_field spec[] = {
		{ "op", 16, YW_FORM_REQUIRED },
		{ "note", YW_CASE_NOTE_MAX, YW_FORM_MULTILINE },
		{ "grade", 1, 0 },
		{ "comment", YW_CASE_NOTE_MAX, YW_FORM_MULTILINE },
	};
	const struct yw_workday_cal	*cal;
	json_t				*errors;
	const char			*op, *grade;
	enum yw_err			 rc;

	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc == YW_EINVAL)
		(void)case_page(r, vm, id);
	if (rc != YW_OK)
		return rc;
	op = yw_jstr(r->form, "op");
	cal = yw_web_workcal();
	errors = NULL;
	if (strcmp(op, "supplement") == 0 || strcmp(op, "withdraw") == 0)
		rc = yw_case_applicant_act(yw_web->db, &r->actor, cal, id, op,
		    yw_jstr(r->form, "note"), yw_time_now(), &errors);
	else if (strcmp(op, "rate") == 0) {
		grade = yw_jstr(r->form, "grade");
		if (grade[0] == '\0') {
			r->errors = yw_req_keep(r, json_pack("{s:s}", "grade",
			    "required"));
			(void)case_page(r, vm, id);
			return YW_EINVAL;
		}
		rc = yw_case_rate(yw_web->db, &r->actor, cal, id,
		    grade[0] >= '1' && grade[0] <= '5' && grade[1] == '\0' ?
		    grade[0] - '0' : 0, yw_jstr(r->form, "comment"),
		    yw_time_now(), &errors);
	} else
		return YW_ENOTFOUND;
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc == YW_EINVAL) {
		(void)case_page(r, vm, id);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena, "/cases/%lld?done=%s",
	    (long long)id, op);
	return YW_OK;
}

/* The case page: the case, and what its applicant may do now. */
static enum yw_err
case_page(struct yw_req *r, json_t *vm, int64_t id)
{
	static const char *const grades[] = { "5", "4", "3", "2", "1" };
	json_t		*tasks, *c, *list;
	size_t		 i;
	int		 mine;
	enum yw_err	 rc;

	rc = yw_web_case_view(r, vm, id);
	if (rc != YW_OK || r->kind != YW_PAGE)
		return rc;
	c = json_object_get(vm, "case");
	tasks = json_object_get(vm, "tasks");
	mine = json_integer_value(json_object_get(c, "applicant_id")) ==
	    r->actor.id;
	json_object_set_new(vm, "can_supplement", json_boolean(mine &&
	    applicant_may(tasks, YW_CASE_EV_SUPPLEMENT)));
	json_object_set_new(vm, "can_withdraw", json_boolean(mine &&
	    applicant_may(tasks, YW_CASE_EV_WITHDRAW)));
	json_object_set_new(vm, "can_rate", json_boolean(mine &&
	    strcmp(yw_jstr(c, "status"), "completed") == 0 &&
	    !json_is_object(json_object_get(vm, "rating"))));
	list = json_array();
	for (i = 0; i < sizeof(grades) / sizeof(grades[0]); i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:O?, s:b}",
		    "value", grades[i], "id", i == 0 ? "f-grade" :
		    yw_arena_printf(r->arena, "f-grade-%s", grades[i]), "label",
		    case_text(r, "grade", grades[i]), "checked", r->form != NULL &&
		    strcmp(yw_jstr(r->form, "grade"), grades[i]) == 0));
	json_object_set_new(vm, "grades", list);
	return YW_OK;
}

static enum yw_err
view_case(struct yw_req *r, json_t *vm)
{
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	if (yw_req_is_post(r) && r->kind == YW_PAGE)
		return case_post(r, vm, id);
	return case_page(r, vm, id);
}

/* GET /cases/<id>/files/<sha256>: a file of the case's form or one of
 * its result documents, for whoever may see the case's form values (the
 * applicant, its departments' staff; yw_case_get lists results only for
 * them); a hash the case does not name is not found, whoever asks. */
static enum yw_err
view_case_file(struct yw_req *r, json_t *vm)
{
	json_t		*c, *v;
	const char	*sha, *k, *name;
	size_t		 n;
	enum yw_err	 rc;

	(void)vm;
	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_get(yw_web->db, &r->actor, yw_web_workcal(),
	    yw_req_path_id(r, 1), yw_time_now(), &c);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, c);
	sha = yw_req_tail(r);
	name = NULL;
	json_object_foreach(json_object_get(json_object_get(c, "case"),
	    "form_values"), k, v)
		if (json_is_object(v) && strcmp(yw_jstr(v, "sha256"), sha) == 0)
			name = yw_jstr(v, "name");
	json_array_foreach(json_object_get(c, "results"), n, v)
		if (name == NULL && strcmp(yw_jstr(v, "sha256"), sha) == 0)
			name = yw_jstr(v, "name");
	if (name == NULL)
		return YW_ENOTFOUND;
	return yw_web_attachment(r, sha, name);
}

/*
 * Progress lookup without an account. Both an unknown tracking number and
 * a phone that does not match give the same answer, so the page tells
 * nobody which tracking numbers exist.
 */
static enum yw_err
view_track(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "tracking", 39, 0 },
		{ "phone", 20, 0 },
	};
	json_t		*q, *v, *t;
	const char	*tracking, *phone;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_query_checked(r, spec, 2, &q);
	if (rc != YW_OK)
		return rc;
	json_object_set(vm, "form", q);
	tracking = yw_jstr(q, "tracking");
	phone = yw_jstr(q, "phone");
	if (tracking[0] == '\0' && phone[0] == '\0' && r->kind == YW_PAGE)
		return YW_OK;
	if (tracking[0] == '\0' || phone[0] == '\0') {
		r->errors = yw_req_keep(r, json_object());
		if (tracking[0] == '\0')
			json_object_set_new(r->errors, "tracking",
			    json_string("required"));
		if (phone[0] == '\0')
			json_object_set_new(r->errors, "phone",
			    json_string("required"));
		return YW_EINVAL;
	}
	rc = yw_case_lookup(yw_web->db, yw_web_workcal(), tracking, phone,
	    r->actor.source_ip, yw_time_now(), &v);
	if (rc == YW_ENOTFOUND && r->kind == YW_PAGE) {
		json_object_set_new(vm, "not_found", json_true());
		r->status = 404;
		return YW_OK;
	}
	/* Too many failed lookups from this address: the page says so next
	 * to the form; the API answers 429 with the error shape. */
	if (rc == YW_ETOOMANY && r->kind == YW_PAGE) {
		json_object_set_new(vm, "too_many", json_true());
		r->status = 429;
		return YW_OK;
	}
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	if (r->kind != YW_PAGE)
		return YW_OK;
	name_it(r, json_object_get(vm, "case"), "status", "status",
	    "status_label");
	json_array_foreach(json_object_get(vm, "tasks"), i, t)
		yw_web_task_labels(r, t);
	json_array_foreach(json_object_get(vm, "timeline"), i, t) {
		name_it(r, t, "event", "event", "event_label");
		name_it(r, t, "state", "state", "state_label");
	}
	json_object_set_new(vm, "found", json_true());
	return YW_OK;
}

int
page_my_cases(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "case/mine", view_my_cases);
}

int
api_my_cases(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_my_cases);
}

int
page_case(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "case/case", view_case);
}

int
api_case(struct http_request *req)
{
	return yw_web_run_private(req, view_case);
}

int
page_case_file(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, NULL, view_case_file);
}

int
page_track(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "case/track", view_track);
}

int
api_track(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_track);
}
