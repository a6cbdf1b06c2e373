/*
 * h_staff.c - the case handler's side: the department's work queue by
 * deadline with its red/yellow/green lights, one task with the whole case
 * (form values, files, internal comments) and the buttons for what its
 * state allows now, and the supervision view (电子监察) for platform
 * admins and auditors. Every action is app/service's to allow; the page
 * only offers what the life cycle table says is possible.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/org/org.h"
#include "app/service/case.h"
#include "app/service/case_state.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_staff_queue(struct http_request *);
int	api_staff_queue(struct http_request *);
int	page_staff_task(struct http_request *);
int	page_staff_supervision(struct http_request *);
int	page_staff_result(struct http_request *);
int	api_staff_assign(struct http_request *);
int	page_staff_overdue(struct http_request *);
int	api_staff_overdue(struct http_request *);

static json_t *
case_text(struct yw_req *r, const char *section, const char *value)
{
	return json_object_get(json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "case"), section), value);
}

static enum yw_err
view_queue(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "mine", 1, 0 },
	};
	json_t		*q, *list, *t;
	size_t		 i;
	int		 mine;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_req_query_checked(r, spec, 1, &q);
	if (rc != YW_OK)
		return rc;
	mine = strcmp(yw_jstr(q, "mine"), "1") == 0;
	rc = yw_case_queue(yw_web->db, &r->actor, yw_web_workcal(), mine,
	    yw_time_now(), &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, t)
		yw_web_task_labels(r, t);
	json_object_set_new(vm, "tasks", list);
	json_object_set(vm, "filter", q);
	json_object_set_new(vm, "only_mine", json_boolean(mine));
	return YW_OK;
}

/* 1 when a may act on tasks of department dept (case.c's rule, so the
 * page offers no button the domain would refuse). */
static int
handles(const struct yw_actor *a, int64_t dept)
{
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	return a->department_id == dept &&
	    (a->roles & (YW_ROLE_CASE_HANDLER | YW_ROLE_DEPT_ADMIN)) != 0;
}

/* The buttons of the events task's state allows from a handler. */
static json_t *
task_events(struct yw_req *r, json_t *task)
{
	static const enum yw_case_event events[] = {
		YW_CASE_EV_ACCEPT, YW_CASE_EV_REVIEW, YW_CASE_EV_APPROVE,
		YW_CASE_EV_COMPLETE, YW_CASE_EV_REQUEST_SUPPLEMENT,
		YW_CASE_EV_REFUSE, YW_CASE_EV_DENY,
	};
	enum yw_case_state	 s, next;
	json_t			*out;
	const char		*name;
	size_t			 i;

	out = json_array();
	if (yw_case_state_parse(yw_jstr(task, "state"), &s) != YW_OK)
		return out;
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		if (yw_case_next(s, events[i], YW_CASE_BY_HANDLER, 1, &next) !=
		    YW_OK)
			continue;
		name = yw_case_event_name(events[i]);
		json_array_append_new(out, json_pack("{s:s, s:O?, s:b}",
		    "event", name, "label", case_text(r, "do", name),
		    "needs_reason", yw_case_event_needs_reason(events[i])));
	}
	return out;
}

/* What the task page offers r's actor for task (borrowed, in vm). */
static void
task_offers(struct yw_req *r, json_t *vm, json_t *task)
{
	enum yw_case_state	 s;
	json_t			*deps, *d, *keep, *rating;
	size_t			 i;
	int			 can, open;

	can = handles(&r->actor, yw_jint(task, "department_id")) &&
	    yw_jint(task, "active") == 1;
	open = yw_case_state_parse(yw_jstr(task, "state"), &s) == YW_OK &&
	    !yw_case_terminal(s);
	json_object_set_new(vm, "can_act", json_boolean(can && open));
	json_object_set_new(vm, "events", can ? task_events(r, task) :
	    json_array());
	json_object_set_new(vm, "can_claim", json_boolean(can && open &&
	    yw_jint(task, "assignee_id") != r->actor.id));
	json_object_set_new(vm, "can_comment", json_boolean(can));
	json_object_set_new(vm, "can_transfer", json_boolean(can &&
	    strcmp(yw_jstr(task, "state"), "submitted") == 0 &&
	    yw_jint(task, "transfers") < YW_CASE_TRANSFER_MAX));
	if (can && yw_org_departments(yw_web->db, NULL, &deps) == YW_OK) {
		keep = json_array();
		json_array_foreach(deps, i, d)
			if (yw_jint(d, "id") != yw_jint(task, "department_id"))
				json_array_append(keep, d);
		json_decref(deps);
		yw_web_mark_selected(keep, "id", r->form, "department_id");
		json_object_set_new(vm, "departments", keep);
	}
	/* Whom the task may go to; empty when r's actor may not assign it. */
	if (yw_case_assignees(yw_web->db, &r->actor, yw_jint(task, "id"),
	    &deps) == YW_OK) {
		json_array_foreach(deps, i, d)
			json_object_set_new(d, "current",
			    json_boolean(yw_jint(d,
			    "id") == yw_jint(task, "assignee_id")));
		yw_web_mark_selected(deps, "id", r->form, "assignee");
		json_object_set_new(vm, "can_assign", json_boolean(
		    json_array_size(deps) > 0));
		json_object_set_new(vm, "assignees", deps);
	}
	json_object_set_new(vm, "can_result", json_boolean(can &&
	    (strcmp(yw_jstr(task, "state"), "accepted") == 0 ||
	    strcmp(yw_jstr(task, "state"), "under_review") == 0 ||
	    strcmp(yw_jstr(task, "state"), "approved") == 0 ||
	    strcmp(yw_jstr(task, "state"), "denied") == 0)));
	rating = json_object_get(vm, "rating");
	json_object_set_new(vm, "can_rectify", json_boolean(
	    json_is_object(rating) && strcmp(yw_jstr(rating, "rectify_state"),
	    "open") == 0 && handles(&r->actor, yw_jint(rating,
	    "rectify_department_id"))));
}

/* The task page's view: the case, then this task picked out. */
static enum yw_err
task_view(struct yw_req *r, json_t *vm, int64_t task_id, int64_t case_id)
{
	json_t		*t, *task;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_web_case_view(r, vm, case_id);
	if (rc != YW_OK)
		return rc;
	task = NULL;
	json_array_foreach(json_object_get(vm, "tasks"), i, t) {
		if (yw_jint(t, "id") == task_id) {
			task = t;
			json_object_set_new(t, "is_this", json_true());
		}
	}
	if (task == NULL)
		return YW_ENOTFOUND;
	json_object_set(vm, "task", task);
	if (r->kind == YW_PAGE)
		task_offers(r, vm, task);
	return YW_OK;
}

/* A domain error on a shared name ("note") under the form's own field. */
static void
rename_error(json_t *errors, const char *from, const char *to)
{
	json_t *v;

	v = json_object_get(errors, from);
	if (v == NULL)
		return;
	json_object_set(errors, to, v);
	json_object_del(errors, from);
}

static enum yw_err
task_post(struct yw_req *r, json_t *vm, int64_t task_id, int64_t case_id)
{
	static const struct yw_form_field spec[] = {
		{ "op", 16, YW_FORM_REQUIRED },
		{ "event", 32, 0 },
		{ "note", YW_CASE_NOTE_MAX, YW_FORM_MULTILINE },
		{ "comment", YW_CASE_NOTE_MAX, YW_FORM_MULTILINE },
		{ "reason", YW_CASE_NOTE_MAX, YW_FORM_MULTILINE },
		{ "department_id", 15, 0 },
		{ "rectify_note", YW_CASE_NOTE_MAX, YW_FORM_MULTILINE },
		{ "assignee", 15, 0 },
	};
	json_t		*errors;
	const char	*op, *done;
	enum yw_err	 rc;

	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc == YW_EINVAL)
		(void)task_view(r, vm, task_id, case_id);
	if (rc != YW_OK)
		return rc;
	op = yw_jstr(r->form, "op");
	done = op;
	errors = NULL;
	if (strcmp(op, "act") == 0) {
		done = yw_jstr(r->form, "event");
		rc = yw_case_act(yw_web->db, &r->actor, yw_web_workcal(),
		    task_id, done, yw_jstr(r->form, "note"), yw_time_now(),
		    &errors);
	} else if (strcmp(op, "claim") == 0)
		rc = yw_case_claim(yw_web->db, &r->actor, task_id,
		    yw_time_now());
	else if (strcmp(op, "comment") == 0) {
		rc = yw_case_comment(yw_web->db, &r->actor, task_id,
		    yw_jstr(r->form, "comment"), yw_time_now(), &errors);
		rename_error(errors, "note", "comment");
	} else if (strcmp(op, "transfer") == 0)
		rc = yw_case_transfer(yw_web->db, &r->actor, task_id,
		    yw_web_id(yw_jstr(r->form, "department_id")),
		    yw_jstr(r->form, "reason"), yw_time_now(), &errors);
	else if (strcmp(op, "assign") == 0)
		rc = yw_case_assign(yw_web->db, &r->actor, task_id,
		    yw_web_id(yw_jstr(r->form, "assignee")), yw_time_now(),
		    &errors);
	else if (strcmp(op, "rectify") == 0) {
		rc = yw_case_rectify(yw_web->db, &r->actor, case_id,
		    yw_jstr(r->form, "rectify_note"), yw_time_now(), &errors);
		rename_error(errors, "note", "rectify_note");
	} else
		return YW_ENOTFOUND;
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc == YW_EINVAL) {
		(void)task_view(r, vm, task_id, case_id);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	/* A task sent elsewhere is no longer this department's to see. */
	if (strcmp(op, "transfer") == 0)
		r->redirect = "/staff/queue?done=transfer";
	else
		r->redirect = yw_arena_printf(r->arena,
		    "/staff/tasks/%lld?done=%s", (long long)task_id, done);
	return YW_OK;
}

static enum yw_err
view_task(struct yw_req *r, json_t *vm)
{
	int64_t		 task_id, case_id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (strcmp(r->actor.kind, "staff") != 0)
		return YW_EFORBIDDEN;
	task_id = yw_web_id(yw_req_tail(r));
	rc = yw_case_task_case(yw_web->db, &r->actor, task_id, &case_id);
	if (rc != YW_OK)
		return rc;
	if (yw_req_is_post(r))
		return task_post(r, vm, task_id, case_id);
	return task_view(r, vm, task_id, case_id);
}

static enum yw_err
view_supervision(struct yw_req *r, json_t *vm)
{
	json_t		*rows;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_supervision(yw_web->db, &r->actor, yw_web_workcal(),
	    yw_time_now(), &rows);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "departments", rows);
	return YW_OK;
}

/* POST /staff/tasks/<id>/results: one result document (multipart). */
static enum yw_err
view_result(struct yw_req *r, json_t *vm)
{
	const void	*data;
	const char	*filename;
	json_t		*errors;
	size_t		 len;
	int64_t		 task_id, case_id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (strcmp(r->actor.kind, "staff") != 0)
		return YW_EFORBIDDEN;
	if (!yw_req_is_post(r))
		return YW_ENOTFOUND;
	task_id = yw_req_path_id(r, 2);
	rc = yw_case_task_case(yw_web->db, &r->actor, task_id, &case_id);
	if (rc != YW_OK)
		return rc;
	rc = yw_req_multipart(r, NULL, 0, "file", &data, &len, &filename);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_result_add(yw_web->db, &r->actor, task_id, filename,
	    data, len, yw_time_now(), &errors, NULL);
	yw_req_keep(r, errors);
	if (rc == YW_EINVAL) {
		r->errors = errors;
		r->form = NULL;
		rc = task_view(r, vm, task_id, case_id);
		return rc != YW_OK ? rc : YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena, "/staff/tasks/%lld?done=result",
	    (long long)task_id);
	return YW_OK;
}

/* POST /api/v1/staff/tasks/<id>/assign {"assignee": id}: the task. */
static enum yw_err
view_assign_api(struct yw_req *r, json_t *vm)
{
	json_t		*body, *who, *errors;
	int64_t		 task_id, case_id;
	enum yw_err	 rc;

	if (strcmp(r->actor.kind, "staff") != 0)
		return YW_EFORBIDDEN;
	task_id = yw_req_path_id(r, 4);
	rc = yw_case_task_case(yw_web->db, &r->actor, task_id, &case_id);
	if (rc != YW_OK)
		return rc;
	rc = yw_req_json(r, 4096, &body);
	if (rc != YW_OK)
		return rc;
	who = json_object_get(body, "assignee");
	if (!json_is_integer(who) || json_integer_value(who) <= 0) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "assignee",
		    who == NULL ? "required" : "invalid"));
		return YW_EINVAL;
	}
	rc = yw_case_assign(yw_web->db, &r->actor, task_id,
	    json_integer_value(who), yw_time_now(), &errors);
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc != YW_OK)
		return rc;
	return task_view(r, vm, task_id, case_id);
}

/* The regions and departments an admin or auditor may filter by. */
static void
overdue_filters(struct yw_req *r, json_t *vm, json_t *q)
{
	json_t		*list;
	const char	*root;

	if ((r->actor.roles & (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_AUDITOR)) == 0)
		return;
	/* The last code of the actor's region path is its region. */
	root = NULL;
	if ((r->actor.roles & YW_ROLE_PLATFORM_ADMIN) == 0) {
		size_t n = strlen(r->actor.region_path);

		if (n >= 14)
			root = yw_arena_strndup(r->arena, r->actor.region_path +
			    n - 13, 12);
	}
	if (yw_org_regions(yw_web->db, root, &list) == YW_OK) {
		yw_web_mark_selected(list, "code", q, "region");
		json_object_set_new(vm, "regions", list);
	}
	if (yw_org_departments(yw_web->db, root, &list) == YW_OK) {
		yw_web_mark_selected(list, "id", q, "department");
		json_object_set_new(vm, "departments", list);
	}
	json_object_set_new(vm, "can_filter", json_true());
}

static enum yw_err
view_overdue(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "region", 12, 0 },
		{ "department", 15, 0 },
	};
	json_t		*q, *out, *errors, *t;
	const char	*dept;
	int64_t		 dept_id;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_req_query_checked(r, spec, 2, &q);
	if (rc != YW_OK)
		return rc;
	json_object_set(vm, "filter", q);
	dept = yw_jstr(q, "department");
	dept_id = 0;
	if (dept[0] != '\0') {
		dept_id = yw_web_id(dept);
		if (dept_id == 0) {
			r->errors = yw_req_keep(r, json_pack("{s:s}",
			    "department", "invalid"));
			return YW_EINVAL;
		}
	}
	rc = yw_case_overdue(yw_web->db, &r->actor, yw_web_workcal(),
	    yw_jstr(q, "region"), dept_id, yw_time_now(), &out, &errors);
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc == YW_EINVAL && r->kind == YW_PAGE) {
		r->form = q;
		overdue_filters(r, vm, q);
	}
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, out);
	json_decref(out);
	if (r->kind != YW_PAGE)
		return YW_OK;
	json_array_foreach(json_object_get(vm, "tasks"), i, t)
		yw_web_task_labels(r, t);
	r->form = q;
	overdue_filters(r, vm, q);
	return YW_OK;
}

int
page_staff_result(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "staff/task", view_result);
}

int
api_staff_assign(struct http_request *req)
{
	return yw_web_run_api_write(req, view_assign_api);
}

int
page_staff_overdue(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "staff/overdue", view_overdue);
}

int
api_staff_overdue(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_overdue);
}

int
page_staff_queue(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "staff/queue", view_queue);
}

int
api_staff_queue(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_queue);
}

int
page_staff_task(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "staff/task", view_task);
}

int
page_staff_supervision(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "staff/supervision", view_supervision);
}
