/*
 * h_letter_staff.c - letters as staff answer them: the department's queue
 * by deadline with its lights (overdue first, filtered by channel and
 * state), one letter with the actions its state allows (reasons where the
 * life cycle wants them; transfer offers the other departments), and the
 * settings: each department's responsible officers (its dept_admins), the
 * reply limits, routing rows and supervising office (platform admins).
 * app/interact decides who may do what; the pages offer what it allows.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/interact/letter.h"
#include "app/org/org.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/letterview.h"
#include "web/web.h"

int	page_staff_letters(struct http_request *);
int	api_staff_letters(struct http_request *);
int	page_staff_letter(struct http_request *);
int	page_letter_settings(struct http_request *);

static const char *const open_states[] = {
	"received", "assigned", "in_progress", NULL,
};

static enum yw_err
view_queue(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "channel", 16, 0 },
		{ "state", 16, 0 },
		{ "overdue", 1, 0 },
	};
	json_t		*q, *list, *keep, *l, *e;
	const char	*channel, *state;
	size_t		 i;
	int		 overdue;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_req_query_checked(r, spec, 3, &q);
	if (rc != YW_OK)
		return rc;
	channel = yw_jstr(q, "channel");
	state = yw_jstr(q, "state");
	e = json_object();
	if (channel[0] != '\0' && !yw_in_list(yw_letter_channels, channel))
		json_object_set_new(e, "channel", json_string("invalid"));
	if (state[0] != '\0' && !yw_in_list(open_states, state))
		json_object_set_new(e, "state", json_string("invalid"));
	if (json_object_size(e) > 0) {
		r->errors = yw_req_keep(r, e);
		return YW_EINVAL;
	}
	json_decref(e);
	overdue = strcmp(yw_jstr(q, "overdue"), "1") == 0;
	rc = yw_letter_queue(yw_web->db, &r->actor, yw_web_workcal(), overdue,
	    yw_time_now(), &list);
	if (rc != YW_OK)
		return rc;
	/* The earliest deadline first, so overdue letters lead. */
	keep = json_array();
	json_array_foreach(list, i, l) {
		if ((channel[0] != '\0' && strcmp(yw_jstr(l, "channel"),
		    channel) != 0) || (state[0] != '\0' &&
		    strcmp(yw_jstr(l, "state"), state) != 0))
			continue;
		yw_web_letter_labels(r, l);
		json_array_append(keep, l);
	}
	json_decref(list);
	json_object_set_new(vm, "letters", keep);
	json_object_set(vm, "filter", q);
	if (r->kind != YW_PAGE)
		return YW_OK;
	json_object_set_new(vm, "channels", yw_web_letter_choices(r,
	    "channel", yw_letter_channels, q, "channel"));
	json_object_set_new(vm, "states", yw_web_letter_choices(r, "state",
	    open_states, q, "state"));
	json_object_set_new(vm, "only_overdue", json_boolean(overdue));
	json_object_set_new(vm, "may_settings", json_boolean(r->actor.roles &
	    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN)));
	return YW_OK;
}

/* The letter page for staff: the letter and what they may do. */
static enum yw_err
letter_page(struct yw_req *r, json_t *vm, int64_t id)
{
	json_t		*v, *l, *can, *deps, *d, *keep;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_letter_get(yw_web->db, &r->actor, yw_web_workcal(), id,
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	yw_web_letter_view_labels(r, vm);
	r->labels = json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "interact"), "field");
	l = json_object_get(vm, "letter");
	can = json_object_get(l, "can");
	/* The writer's own page is elsewhere; this one is for staff. */
	if (strcmp(r->actor.kind, "staff") != 0)
		return YW_ENOTFOUND;
	if (r->kind == YW_PAGE && json_is_true(json_object_get(can,
	    "assign_to"))) {
		rc = yw_letter_colleagues(yw_web->db, &r->actor, id, &keep);
		if (rc != YW_OK)
			return rc;
		json_array_foreach(keep, i, d)
			json_object_set_new(d, "selected", json_boolean(
			    yw_jint(d, "id") == (json_is_string(json_object_get(
			    r->form, "assignee_id"))
			    ? yw_web_id(yw_jstr(r->form,
			    "assignee_id")) : yw_jint(l, "assignee_id"))));
		json_object_set_new(vm, "colleagues", keep);
	}
	if (r->kind != YW_PAGE || !json_is_true(json_object_get(can,
	    "transfer")))
		return YW_OK;
	rc = yw_org_departments(yw_web->db, NULL, &deps);
	if (rc != YW_OK)
		return rc;
	keep = json_array();
	json_array_foreach(deps, i, d)
		if (yw_jint(d, "id") != yw_jint(l, "department_id"))
			json_array_append(keep, d);
	json_decref(deps);
	yw_web_mark_selected(keep, "id", r->form, "department_id");
	json_object_set_new(vm, "departments", keep);
	return YW_OK;
}

static enum yw_err
view_letter(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "op", 16, YW_FORM_REQUIRED },
		{ "note", YW_LETTER_NOTE_MAX, YW_FORM_MULTILINE },
		{ "department_id", 15, 0 },
		{ "assignee_id", 15, 0 },
	};
	json_t		*errors;
	const char	*op;
	int64_t		 id;
	enum yw_err	 rc;

	op = "";
	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	if (!yw_req_is_post(r))
		return letter_page(r, vm, id);
	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc == YW_OK) {
		op = yw_jstr(r->form, "op");
		errors = NULL;
		if (strcmp(op, "assign_to") == 0)
			rc = yw_letter_assign(yw_web->db, &r->actor, id,
			    yw_web_id(yw_jstr(r->form, "assignee_id")),
			    yw_time_now(), &errors);
		else
			rc = yw_letter_act(yw_web->db, &r->actor,
			    yw_web_workcal(), id, op, yw_jstr(r->form, "note"),
			    yw_web_id(yw_jstr(r->form, "department_id")),
			    yw_time_now(), &errors);
		if (errors != NULL)
			r->errors = yw_req_keep(r, errors);
		/* Each form has its own text field; name the one sent. */
		if (errors != NULL && json_object_get(errors, "note") != NULL &&
		    strcmp(op, "reply") != 0) {
			json_object_set(errors, strcmp(op, "transfer") == 0 ?
			    "reason" : strcmp(op, "return") == 0 ?
			    "return_reason" : "internal_note",
			    json_object_get(errors, "note"));
			json_object_del(errors, "note");
		}
	}
	if (rc == YW_EINVAL) {
		(void)letter_page(r, vm, id);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	/* A transferred or returned letter has left this department. */
	if (strcmp(op, "transfer") == 0 || strcmp(op, "return") == 0)
		r->redirect = yw_arena_printf(r->arena,
		    "/staff/letters?done=letter_%s", op);
	else
		r->redirect = yw_arena_printf(r->arena,
		    "/staff/letters/%lld?done=letter_%s", (long long)id, op);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* Settings. */

/* The department whose officers the page shows: a dept_admin's own; a
 * platform admin's choice (?department= or the form's). */
static int64_t
settings_department(struct yw_req *r, json_t *q)
{
	int64_t d;

	if (!(r->actor.roles & YW_ROLE_PLATFORM_ADMIN))
		return r->actor.department_id;
	d = yw_web_id(yw_jstr(q, "department"));
	return d != 0 ? d : r->actor.department_id;
}

static enum yw_err
settings_view(struct yw_req *r, json_t *vm, int64_t dept)
{
	json_t		*officers, *staff, *rows, *c, *o, *deps, *list;
	size_t		 i, j;
	int		 admin;
	enum yw_err	 rc;

	admin = (r->actor.roles & YW_ROLE_PLATFORM_ADMIN) != 0;
	json_object_set_new(vm, "department_id", json_integer(dept));
	json_object_set_new(vm, "is_platform_admin", json_boolean(admin));
	rc = yw_letter_officers(yw_web->db, dept, &officers);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, officers);
	rc = yw_org_staff_list(yw_web->db, &r->actor, dept, &staff);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, staff);
	/* One row per channel: its officer now, and the choice of staff. */
	rows = json_array();
	for (i = 0; yw_letter_channels[i] != NULL; i++) {
		c = json_pack("{s:s, s:O?}", "channel", yw_letter_channels[i],
		    "label", yw_web_letter_text(r, "channel",
		    yw_letter_channels[i]));
		json_array_foreach(officers, j, o)
			if (strcmp(yw_jstr(o, "channel"),
			    yw_letter_channels[i]) ==
			    0) {
				json_object_set(c, "title", json_object_get(o,
				    "title"));
				json_object_set(c, "name", json_object_get(o,
				    "name"));
				json_object_set(c, "account_id",
				    json_object_get(o, "account_id"));
			}
		list = json_array();
		json_array_foreach(staff, j, o)
			json_array_append_new(list, json_pack("{s:O, s:O, s:b}",
			    "id", json_object_get(o, "id"), "display_name",
			    json_object_get(o, "display_name"), "selected",
			    yw_jint(o, "id") == yw_jint(c, "account_id")));
		json_object_set_new(c, "staff", list);
		json_array_append_new(rows, c);
	}
	json_object_set_new(vm, "officer_rows", rows);
	if (!admin)
		return YW_OK;
	rc = yw_org_departments(yw_web->db, NULL, &deps);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(deps, i, o)
		json_object_set_new(o, "selected", json_boolean(yw_jint(o,
		    "id") ==
		    dept));
	json_object_set_new(vm, "departments", deps);
	rc = yw_letter_channel_list(yw_web->db, &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, c) {
		json_object_del(c, "officers");
		json_object_set(c, "label", yw_web_letter_text(r, "channel",
		    yw_jstr(c, "code")));
	}
	json_object_set_new(vm, "channels", list);
	rc = yw_letter_routes(yw_web->db, &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, c)
		yw_web_letter_labels(r, c);
	json_object_set_new(vm, "routes", list);
	json_object_set_new(vm, "route_channels", yw_web_letter_choices(r,
	    "channel", yw_letter_channels, r->form, "channel"));
	json_object_set_new(vm, "route_categories", yw_web_letter_choices(r,
	    "category", yw_letter_categories, r->form, "category"));
	rc = yw_org_regions(yw_web->db, NULL, &list);
	if (rc != YW_OK)
		return rc;
	yw_web_mark_selected(list, "code", r->form, "region_code");
	json_object_set_new(vm, "regions", list);
	return YW_OK;
}

/* The settings page has one form per channel and per task, so a field
 * name alone names no element: the error summary links to the field of
 * the form that was sent (ids as in interact/settings.mustache). */
static void
settings_anchors(struct yw_req *r, const char *op)
{
	const char	*ch = yw_jstr(r->form, "channel");
	json_t		*a;

	if (strcmp(op, "officer") == 0)
		a = json_pack("{s:o, s:o, s:o, s:o}", "account_id",
		    json_sprintf("f-account_id-%s", ch), "title",
		    json_sprintf("f-title-%s", ch), "channel", json_sprintf(
		    "f-account_id-%s", ch), "department_id", json_sprintf(
		    "f-account_id-%s", ch));
	else if (strcmp(op, "days") == 0)
		a = json_pack("{s:o, s:o}", "reply_days", json_sprintf(
		    "f-reply_days-%s", ch), "channel", json_sprintf(
		    "f-reply_days-%s", ch));
	else if (strcmp(op, "supervisor") == 0)
		a = json_pack("{s:s}", "department_id", "f-supervisor");
	else
		return;
	r->anchors = yw_req_keep(r, a);
}

static enum yw_err
settings_post(struct yw_req *r, int64_t *dept)
{
	static const struct yw_form_field spec[] = {
		{ "op", 16, YW_FORM_REQUIRED },
		{ "channel", 16, 0 },
		{ "account_id", 15, 0 },
		{ "title", 50, 0 },
		{ "reply_days", 3, 0 },
		{ "category", 32, 0 },
		{ "region_code", 12, 0 },
		{ "department_id", 15, 0 },
	};
	json_t		*errors;
	const char	*op;
	enum yw_err	 rc;

	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc == YW_EINVAL)
		settings_anchors(r, yw_jstr(r->form, "op"));
	if (rc != YW_OK)
		return rc;
	op = yw_jstr(r->form, "op");
	errors = NULL;
	if (r->actor.roles & YW_ROLE_PLATFORM_ADMIN &&
	    yw_jstr(r->form, "department_id")[0] != '\0' &&
	    strcmp(op, "officer") == 0)
		*dept = yw_web_id(yw_jstr(r->form, "department_id"));
	if (strcmp(op, "officer") == 0)
		rc = yw_letter_set_officer(yw_web->db, &r->actor, *dept,
		    yw_jstr(r->form, "channel"), yw_web_id(yw_jstr(r->form,
		    "account_id")), yw_jstr(r->form, "title"), yw_time_now(),
		    &errors);
	else if (strcmp(op, "days") == 0)
		rc = yw_letter_set_days(yw_web->db, &r->actor,
		    yw_jstr(r->form, "channel"), yw_web_id(yw_jstr(r->form,
		    "reply_days")), yw_time_now(), &errors);
	else if (strcmp(op, "route") == 0)
		rc = yw_letter_set_route(yw_web->db, &r->actor,
		    yw_jstr(r->form, "channel"), yw_jstr(r->form, "category"),
		    yw_jstr(r->form, "region_code"), yw_web_id(yw_jstr(r->form,
		    "department_id")), &errors);
	else if (strcmp(op, "supervisor") == 0) {
		rc = yw_letter_set_supervisor(yw_web->db, &r->actor,
		    yw_web_id(yw_jstr(r->form, "department_id")));
		if (rc == YW_ENOTFOUND) {
			errors = json_pack("{s:s}", "department_id",
			    "not_found");
			rc = YW_EINVAL;
		}
	} else
		rc = YW_ENOTFOUND;
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	settings_anchors(r, op);
	return rc;
}

static enum yw_err
view_settings(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "department", 15, 0 },
	};
	json_t		*q;
	int64_t		 dept;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (!(r->actor.roles & (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN)))
		return YW_EFORBIDDEN;
	q = yw_req_query(r, spec, 1);
	dept = settings_department(r, q);
	if (yw_req_is_post(r)) {
		rc = settings_post(r, &dept);
		if (rc == YW_EINVAL)
			(void)settings_view(r, vm, dept);
		if (rc != YW_OK)
			return rc;
		r->redirect = yw_arena_printf(r->arena,
		    "/staff/letters/settings?department=%lld&done=letter_"
		    "settings", (long long)dept);
		return YW_OK;
	}
	return settings_view(r, vm, dept);
}

int
page_staff_letters(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_queue", view_queue);
}

int
api_staff_letters(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_queue);
}

int
page_staff_letter(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_letter", view_letter);
}

int
page_letter_settings(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/settings", view_settings);
}
