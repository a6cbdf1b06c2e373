/*
 * h_interview_staff.c - online interviews as a department runs them: its
 * list, the form that creates one (guests as numbered rows, blank rows
 * ignored; times in Beijing time), and one interview's desk: questions to
 * approve or reject (with a reason), approved ones to answer in the name
 * of a guest while it is live, and the button that ends it (leftover
 * questions then become letters). Each question has its own small form;
 * a refused one comes back with the message by its field and what was
 * typed. app/interact decides who may do what.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/interact/interview.h"
#include "app/org/org.h"
#include "app/org/org_input.h"
#include "core/timeutil.h"
#include "web/interviewview.h"
#include "web/web.h"

int	page_staff_interviews(struct http_request *);
int	page_staff_interview_new(struct http_request *);
int	page_staff_interview(struct http_request *);

#define jstr	yw_org_input_str

static int
may_run(const struct yw_req *r)
{
	return strcmp(r->actor.kind, "staff") == 0 && (r->actor.roles &
	    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN |
	    YW_ROLE_PUBLISHER)) != 0;
}

static enum yw_err
need_staff(const struct yw_req *r)
{
	enum yw_err rc = yw_req_need_login(r);

	if (rc != YW_OK)
		return rc;
	return strcmp(r->actor.kind, "staff") == 0 ? YW_OK : YW_EFORBIDDEN;
}

static enum yw_err
view_list(struct yw_req *r, json_t *vm)
{
	json_t		*v;
	int64_t		 dept;
	enum yw_err	 rc;

	rc = need_staff(r);
	if (rc != YW_OK)
		return rc;
	dept = (r->actor.roles & YW_ROLE_PLATFORM_ADMIN) ? 0 :
	    r->actor.department_id;
	rc = yw_interview_list(yw_web->db, dept, yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	yw_web_interview_list_labels(r, vm);
	json_object_set_new(vm, "may_create", json_boolean(may_run(r)));
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* Creating an interview. */

static const struct yw_form_field new_spec[] = {
	{ "department_id", 15, 0 },
	{ "title", YW_INTERVIEW_TITLE_MAX, 0 },
	{ "topic", YW_INTERVIEW_TOPIC_MAX, YW_FORM_MULTILINE },
	{ "starts", 16, 0 },
	{ "ends", 16, 0 },
	{ "guest_name_1", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_title_1", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_name_2", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_title_2", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_name_3", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_title_3", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_name_4", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_title_4", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_name_5", YW_INTERVIEW_GUEST_MAX, 0 },
	{ "guest_title_5", YW_INTERVIEW_GUEST_MAX, 0 },
};
#define NNEW	(sizeof(new_spec) / sizeof(new_spec[0]))

/* The form's guest rows [{n, name, title}] from form (may be NULL). */
static json_t *
guest_rows(json_t *form)
{
	json_t	*rows;
	char	 kn[32], kt[32];
	int	 i;

	rows = json_array();
	for (i = 1; i <= YW_INTERVIEW_GUESTS_MAX; i++) {
		(void)snprintf(kn, sizeof(kn), "guest_name_%d", i);
		(void)snprintf(kt, sizeof(kt), "guest_title_%d", i);
		json_array_append_new(rows, json_pack("{s:i, s:s, s:s}", "n",
		    i, "name", jstr(form, kn), "title", jstr(form, kt)));
	}
	return rows;
}

/* The create form in vm, with the values of r->form. */
static enum yw_err
new_form(struct yw_req *r, json_t *vm)
{
	json_t		*deps, *labels, *rows, *row, *t;
	char		 key[48];
	size_t		 i;
	enum yw_err	 rc;

	rows = guest_rows(r->form);
	t = json_object_get(json_object_get(json_object_get(yw_web->locales,
	    r->lang), "interview"), "field");
	labels = yw_req_keep(r, json_deep_copy(t));
	json_array_foreach(rows, i, row) {
		(void)snprintf(key, sizeof(key), "guest_name_%zu", i + 1);
		json_object_set(labels, key, json_object_get(t, "guest_name"));
		(void)snprintf(key, sizeof(key), "guest_title_%zu", i + 1);
		json_object_set(labels, key, json_object_get(t,
		    "guest_title"));
	}
	r->labels = labels;
	json_object_set_new(vm, "guest_rows", rows);
	if (r->form != NULL)
		json_object_set(vm, "form", r->form);
	if (!(r->actor.roles & YW_ROLE_PLATFORM_ADMIN))
		return YW_OK;
	rc = yw_org_departments(yw_web->db, NULL, &deps);
	if (rc != YW_OK)
		return rc;
	yw_web_mark_selected(deps, "id", r->form, "department_id");
	json_object_set_new(vm, "departments", deps);
	return YW_OK;
}

/* The form's fields as the domain's input (arena-owned). */
static json_t *
new_input(struct yw_req *r)
{
	json_t	*in, *rows, *row;
	size_t	 i;

	rows = guest_rows(r->form);
	json_array_foreach(rows, i, row)
		json_object_del(row, "n");
	in = json_pack("{s:s, s:s, s:s, s:s, s:o, s:I}", "title",
	    jstr(r->form, "title"), "topic", jstr(r->form, "topic"), "starts",
	    jstr(r->form, "starts"), "ends", jstr(r->form, "ends"), "guests",
	    rows, "department_id", (json_int_t)yw_web_id(jstr(r->form,
	    "department_id")));
	return yw_req_keep(r, in);
}

static enum yw_err
view_new(struct yw_req *r, json_t *vm)
{
	json_t		*errors;
	int64_t		 id;
	enum yw_err	 rc;

	rc = need_staff(r);
	if (rc != YW_OK)
		return rc;
	if (!may_run(r))
		return YW_EFORBIDDEN;
	if (!yw_req_is_post(r))
		return new_form(r, vm);
	rc = yw_req_form(r, new_spec, NNEW);
	if (rc == YW_OK) {
		errors = NULL;
		rc = yw_interview_create(yw_web->db, &r->actor, new_input(r),
		    yw_time_now(), &id, &errors);
		if (errors != NULL)
			r->errors = yw_req_keep(r, errors);
	}
	if (rc == YW_EINVAL) {
		(void)new_form(r, vm);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena,
	    "/staff/interviews/%lld?done=interview_created", (long long)id);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* One interview's desk. */

static const struct yw_form_field desk_spec[] = {
	{ "op", 16, YW_FORM_REQUIRED },
	{ "question_id", 15, 0 },
	{ "reason", YW_INTERVIEW_REASON_MAX, YW_FORM_MULTILINE },
	{ "answer", YW_INTERVIEW_ANSWER_MAX, YW_FORM_MULTILINE },
	{ "guest_id", 15, 0 },
};
#define NDESK	(sizeof(desk_spec) / sizeof(desk_spec[0]))

/* Carries the posted question's errors (field -> code) into the page: on
 * the question qid in list, err_<field> is the message and val_<field>
 * what was typed; the error summary links to f-<field>_<qid>. */
static void
question_errors(struct yw_req *r, json_t *vm, int64_t qid)
{
	json_t		*t, *errs, *labels, *q, *code, *list;
	const char	*field, *name;
	char		 key[48];
	size_t		 i, l;

	static const char *const lists[] = { "pending", "waiting" };

	t = json_object_get(yw_web->locales, r->lang);
	errs = json_object();
	labels = yw_req_keep(r, json_object());
	for (l = 0; l < 2; l++) {
		list = json_object_get(vm, lists[l]);
		json_array_foreach(list, i, q) {
			if (json_integer_value(json_object_get(q, "id")) != qid)
				continue;
			json_object_foreach(r->errors, field, code) {
				(void)snprintf(key, sizeof(key), "err_%s",
				    field);
				json_object_set(q, key, json_object_get(
				    json_object_get(t, "error"),
				    json_string_value(code)));
				name = yw_arena_printf(r->arena, "%s_%lld",
				    field, (long long)qid);
				json_object_set(errs, name, code);
				json_object_set(labels, name, json_object_get(
				    json_object_get(json_object_get(t,
				    "interview"), "field"), field));
			}
			json_object_set(q, "val_reason", json_object_get(
			    r->form, "reason"));
			json_object_set(q, "val_answer", json_object_get(
			    r->form, "answer"));
			json_object_set(q, "val_guest_id", json_object_get(
			    r->form, "guest_id"));
		}
	}
	r->errors = yw_req_keep(r, errs);
	r->labels = labels;
}

/* Each waiting question gets the guests to choose from (the posted
 * one selected again). */
static void
guest_choices(struct yw_req *r, json_t *vm)
{
	json_t	*guests, *q, *copy;
	size_t	 i;

	guests = json_object_get(json_object_get(vm, "interview"), "guests");
	json_array_foreach(json_object_get(vm, "waiting"), i, q) {
		copy = json_deep_copy(guests);
		if (json_object_get(q, "val_guest_id") != NULL)
			yw_web_mark_selected(copy, "id", r->form, "guest_id");
		json_object_set_new(q, "guest_choices", copy);
	}
}

static enum yw_err
desk_page(struct yw_req *r, json_t *vm, int64_t id, int64_t qid)
{
	json_t		*v;
	enum yw_err	 rc;

	rc = yw_interview_staff_get(yw_web->db, &r->actor, id, yw_time_now(),
	    &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	yw_web_interview_labels(r, vm);
	if (r->errors != NULL && qid != 0)
		question_errors(r, vm, qid);
	guest_choices(r, vm);
	return YW_OK;
}

static enum yw_err
desk_post(struct yw_req *r, int64_t id, int64_t *qid)
{
	json_t		*errors;
	const char	*op;
	int		 letters;
	enum yw_err	 rc;

	rc = yw_req_form(r, desk_spec, NDESK);
	/* A field refused by its shape is still shown by its question. */
	*qid = yw_web_id(jstr(r->form, "question_id"));
	if (rc != YW_OK)
		return rc;
	op = jstr(r->form, "op");
	errors = NULL;
	if (strcmp(op, "end") == 0) {
		rc = yw_interview_end(yw_web->db, &r->actor, yw_web_workcal(),
		    id, yw_time_now(), &letters);
		if (rc == YW_OK)
			r->redirect = yw_arena_printf(r->arena,
			    "/staff/interviews/%lld?done=interview_ended",
			    (long long)id);
		return rc;
	}
	if (strcmp(op, "answer") == 0)
		rc = yw_interview_answer(yw_web->db, &r->actor, id, *qid,
		    yw_web_id(jstr(r->form, "guest_id")), jstr(r->form,
		    "answer"), yw_time_now(), &errors);
	else
		rc = yw_interview_moderate(yw_web->db, &r->actor, id, *qid, op,
		    jstr(r->form, "reason"), yw_time_now(), &errors);
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc == YW_OK)
		r->redirect = yw_arena_printf(r->arena,
		    "/staff/interviews/%lld?done=interview_%s", (long long)id,
		    op);
	return rc;
}

static enum yw_err
view_desk(struct yw_req *r, json_t *vm)
{
	int64_t		 id, qid;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	qid = 0;
	if (yw_req_is_post(r)) {
		rc = desk_post(r, id, &qid);
		if (rc != YW_EINVAL)
			return rc;
		(void)desk_page(r, vm, id, qid);
		return rc;
	}
	return desk_page(r, vm, id, 0);
}

int
page_staff_interviews(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_interviews",
	    view_list);
}

int
page_staff_interview_new(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_interview_new",
	    view_new);
}

int
page_staff_interview(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_interview",
	    view_desk);
}
