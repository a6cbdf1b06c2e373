/*
 * h_solicit_staff.c - opinion solicitations as the owning department's
 * staff run them: the department's list (overdue feedback flagged), the
 * draft form (new, and edit until opening), publication, moderation of
 * pending comments (a rejection needs a reason, never published) and the
 * feedback form (an outcome and a reason for each clause with approved
 * comments, and a summary). app/interact decides who may do what; the
 * pages offer what it allows.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/interact/solicit.h"
#include "app/interact/solicit_clock.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/letterview.h"
#include "web/solicitview.h"
#include "web/web.h"

int	page_staff_solicitations(struct http_request *);
int	page_staff_solicitation_new(struct http_request *);
int	page_staff_solicitation(struct http_request *);
int	page_staff_solicitation_edit(struct http_request *);

/* Clause numbers the feedback form may carry: 0 (the whole draft) up to
 * YW_SOLICIT_CLAUSES_MAX, an outcome and a reason each. */
#define FEEDBACK_GROUPS		(YW_SOLICIT_CLAUSES_MAX + 1)

static json_t *
locale(struct yw_req *r, const char *section)
{
	return json_object_get(json_object_get(yw_web->locales, r->lang),
	    section);
}

/* The message for r->errors[field], or NULL. */
static json_t *
error_text(struct yw_req *r, const char *field)
{
	const char *code;

	code = json_string_value(json_object_get(r->errors, field));
	if (code == NULL)
		return NULL;
	return json_object_get(locale(r, "error"), code);
}

static enum yw_err
view_list(struct yw_req *r, json_t *vm)
{
	json_t		*v, *s;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_solicit_staff_list(yw_web->db, &r->actor, yw_web_workcal(),
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	json_array_foreach(json_object_get(vm, "solicitations"), i, s)
		yw_web_solicit_labels(r, s);
	if (r->kind == YW_PAGE)
		json_object_set_new(vm, "staff_view", json_true());
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* The draft form. */

static const struct yw_form_field draft_spec[] = {
	{ "token", 100, 0 },
	{ "title", YW_SOLICIT_TITLE_MAX, 0 },
	{ "summary", YW_SOLICIT_SUMMARY_MAX, YW_FORM_MULTILINE },
	{ "clauses", YW_SOLICIT_TEXT_MAX, YW_FORM_MULTILINE },
	{ "opens_on", 10, 0 },
	{ "closes_on", 10, 0 },
	{ "feedback_days", 2, 0 },
};
#define NDRAFT	(sizeof(draft_spec) / sizeof(draft_spec[0]))

static void
draft_form(struct yw_req *r, json_t *vm, json_t *form, int64_t id)
{
	json_object_set(vm, "form", form);
	json_object_set_new(vm, "id", json_integer(id));
	json_object_set_new(vm, "is_new", json_boolean(id == 0));
	json_object_set_new(vm, "action", json_string(id == 0 ?
	    "/staff/solicitations/new" : yw_arena_printf(r->arena,
	    "/staff/solicitations/%lld/edit", (long long)id)));
	r->labels = json_object_get(locale(r, "solicit"), "field");
}

/* POST of the draft form: saves and goes to the solicitation. */
static enum yw_err
draft_post(struct yw_req *r, json_t *vm, int64_t id)
{
	struct yw_solicit_input	 in;
	json_t			*errors;
	int64_t			 out;
	enum yw_err		 rc;

	rc = yw_req_form(r, draft_spec, NDRAFT);
	if (rc == YW_OK) {
		memset(&in, 0, sizeof(in));
		in.title = yw_jstr(r->form, "title");
		in.summary = yw_jstr(r->form, "summary");
		in.clauses = yw_jstr(r->form, "clauses");
		in.opens_on = yw_jstr(r->form, "opens_on");
		in.closes_on = yw_jstr(r->form, "closes_on");
		in.feedback_days = yw_jstr(r->form, "feedback_days");
		in.idem_key = yw_jstr(r->form, "token");
		errors = NULL;
		rc = yw_solicit_save(yw_web->db, &r->actor, yw_web_workcal(),
		    id, &in, yw_time_now(), &errors, &out);
		if (errors != NULL)
			r->errors = yw_req_keep(r, errors);
	}
	if (rc == YW_EINVAL) {
		if (json_object_get(r->errors, "token") != NULL)
			json_object_set_new(r->form, "token", json_string(
			    yw_web_form_token(r)));
		draft_form(r, vm, r->form, id);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena, "/staff/solicitations/%lld"
	    "?done=solicit_saved", (long long)out);
	return YW_OK;
}

static enum yw_err
view_new(struct yw_req *r, json_t *vm)
{
	json_t		*form;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (strcmp(r->actor.kind, "staff") != 0)
		return YW_ENOTFOUND;
	if (!(r->actor.roles & (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN |
	    YW_ROLE_PUBLISHER)))
		return YW_EFORBIDDEN;
	if (yw_req_is_post(r))
		return draft_post(r, vm, 0);
	form = yw_req_keep(r, json_pack("{s:s, s:s}", "token",
	    yw_web_form_token(r), "feedback_days", "15"));
	if (form == NULL)
		return YW_ENOMEM;
	draft_form(r, vm, form, 0);
	return YW_OK;
}

static enum yw_err
view_edit(struct yw_req *r, json_t *vm)
{
	json_t		*v, *s, *form;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_req_path_id(r, 2);
	if (id == 0)
		return YW_ENOTFOUND;
	rc = yw_solicit_get(yw_web->db, &r->actor, yw_web_workcal(), id, 1,
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, v);
	s = json_object_get(v, "solicitation");
	if (!json_is_true(json_object_get(json_object_get(s, "can"), "edit")))
		return YW_ECONFLICT;
	json_object_set(vm, "solicitation", s);
	if (yw_req_is_post(r))
		return draft_post(r, vm, id);
	form = yw_req_keep(r, json_pack("{s:O, s:O, s:O, s:O, s:O, s:s}",
	    "title", json_object_get(s, "title"), "summary",
	    json_object_get(s, "summary"), "clauses", json_object_get(s,
	    "clauses_text"), "opens_on", json_object_get(s, "opens_on"),
	    "closes_on", json_object_get(s, "closes_on"), "feedback_days",
	    yw_arena_printf(r->arena, "%lld", (long long)yw_jint(s,
	    "feedback_days"))));
	if (form == NULL)
		return YW_ENOMEM;
	draft_form(r, vm, form, id);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* One solicitation: publication, moderation, feedback. */

/* "第3条" or "整体意见" in r's language, arena-owned. */
static const char *
group_name(struct yw_req *r, int64_t no)
{
	json_t *t = locale(r, "solicit");

	if (no == 0)
		return yw_jstr(t, "whole");
	return yw_arena_printf(r->arena, "%s%lld%s", yw_jstr(t,
	    "clause_before"),
	    (long long)no, yw_jstr(t, "clause_after"));
}

/* The feedback form's row for clause group g (borrowed) when it has
 * approved comments, else NULL. */
static json_t *
feedback_row(struct yw_req *r, json_t *g, json_t *labels)
{
	json_t		*c, *row, *choices;
	char		 of[32], rf[32];
	size_t		 i, approved;
	int64_t		 no;

	approved = 0;
	json_array_foreach(json_object_get(g, "comments"), i, c)
		approved += strcmp(yw_jstr(c, "state"), "approved") == 0;
	if (approved == 0)
		return NULL;
	no = yw_jint(g, "no");
	(void)snprintf(of, sizeof(of), "outcome_%lld", (long long)no);
	(void)snprintf(rf, sizeof(rf), "reason_%lld", (long long)no);
	json_object_set_new(labels, of, json_string(yw_arena_printf(r->arena,
	    "%s %s", group_name(r, no), yw_jstr(json_object_get(locale(r,
	    "solicit"), "field"), "outcome"))));
	json_object_set_new(labels, rf, json_string(yw_arena_printf(r->arena,
	    "%s %s", group_name(r, no), yw_jstr(json_object_get(locale(r,
	    "solicit"), "field"), "outcome_reason"))));
	choices = yw_web_choices(json_object_get(locale(r, "solicit"),
	    "outcome"), yw_solicit_outcomes, (size_t)-1, r->form, of);
	row = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:I}", "no",
	    (json_int_t)no, "name", group_name(r, no), "outcome_field", of,
	    "reason_field", rf, "outcomes", choices, "reason",
	    yw_jstr(r->form, rf), "approved", (json_int_t)approved);
	json_object_set(row, "outcome_error", error_text(r, of));
	json_object_set(row, "reason_error", error_text(r, rf));
	return row;
}

/* The page's lists: pending comments with their reject forms, and the
 * feedback rows; labels of the dynamic fields for the error summary. */
static void
staff_lists(struct yw_req *r, json_t *vm, json_t *s)
{
	json_t		*labels, *pending, *rows, *row, *g, *c, *groups;
	const char	*field;
	size_t		 i, j;

	labels = json_deep_copy(json_object_get(locale(r, "solicit"),
	    "field"));
	/* The feedback's summary, not the draft's note, on this page. */
	json_object_set(labels, "summary", json_object_get(labels,
	    "feedback_summary"));
	pending = json_array();
	rows = json_array();
	groups = json_array();
	json_array_append(groups, json_object_get(s, "general"));
	json_array_extend(groups, json_object_get(s, "clauses"));
	json_array_foreach(groups, i, g) {
		json_array_foreach(json_object_get(g, "comments"), j, c) {
			json_object_set_new(c, "clause_name", json_string(
			    group_name(r, yw_jint(c, "clause_no"))));
			if (strcmp(yw_jstr(c, "state"), "pending") != 0)
				continue;
			field = yw_arena_printf(r->arena, "reject_%lld",
			    (long long)yw_jint(c, "id"));
			json_object_set_new(labels, field, json_string(
			    yw_jstr(json_object_get(locale(r, "solicit"),
			    "field"), "reject_reason")));
			json_object_set_new(c, "reject_field",
			    json_string(field));
			json_object_set(c, "reject_error", error_text(r,
			    field));
			if (yw_web_id(yw_jstr(r->form, "comment_id")) ==
			    yw_jint(c, "id"))
				json_object_set(c, "reason_value",
				    json_object_get(r->form, "reason"));
			json_array_append(pending, c);
		}
		row = feedback_row(r, g, labels);
		if (row != NULL)
			json_array_append_new(rows, row);
	}
	json_decref(groups);
	json_object_set_new(vm, "pending_comments", pending);
	json_object_set_new(vm, "feedback_rows", rows);
	json_object_set_new(vm, "comments_error", json_boolean(
	    json_object_get(r->errors, "comments") != NULL));
	r->labels = yw_req_keep(r, labels);
}

static enum yw_err
staff_page(struct yw_req *r, json_t *vm, int64_t id)
{
	json_t		*v, *s;
	enum yw_err	 rc;

	rc = yw_solicit_get(yw_web->db, &r->actor, yw_web_workcal(), id, 1,
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	s = json_object_get(vm, "solicitation");
	yw_web_solicit_labels(r, s);
	staff_lists(r, vm, s);
	return YW_OK;
}

/* The POST spec of the staff page (arena-owned): the fixed fields, then
 * outcome_<n> and reason_<n> for every clause number. */
static struct yw_form_field *
staff_spec(struct yw_req *r, size_t *n)
{
	struct yw_form_field	*spec;
	size_t			 i;

	spec = yw_arena_alloc(r->arena,
	    sizeof(*spec) * (4 + 2 * FEEDBACK_GROUPS));
	if (spec == NULL)
		return NULL;
	spec[0] = (struct yw_form_field){ "op", 16, YW_FORM_REQUIRED };
	spec[1] = (struct yw_form_field){ "comment_id", 15, 0 };
	spec[2] = (struct yw_form_field){ "reason", YW_SOLICIT_REASON_MAX,
	    YW_FORM_MULTILINE };
	spec[3] = (struct yw_form_field){ "summary", YW_SOLICIT_FEEDBACK_MAX,
	    YW_FORM_MULTILINE };
	for (i = 0; i < FEEDBACK_GROUPS; i++) {
		spec[4 + 2 * i] = (struct yw_form_field){ yw_arena_printf(
		    r->arena, "outcome_%zu", i), 16, 0 };
		spec[5 + 2 * i] = (struct yw_form_field){ yw_arena_printf(
		    r->arena, "reason_%zu", i), YW_SOLICIT_REASON_MAX,
		    YW_FORM_MULTILINE };
	}
	*n = 4 + 2 * FEEDBACK_GROUPS;
	return spec;
}

/* The outcomes the feedback form sent: {"<n>": {outcome, reason}}. */
static json_t *
posted_outcomes(struct yw_req *r)
{
	json_t	*out;
	char	 k[8];
	size_t	 i;

	out = json_object();
	for (i = 0; i < FEEDBACK_GROUPS; i++) {
		(void)snprintf(k, sizeof(k), "%zu", i);
		json_object_set_new(out, k, json_pack("{s:s, s:s}", "outcome",
		    yw_jstr(r->form, yw_arena_printf(r->arena, "outcome_%zu",
		    i)),
		    "reason", yw_jstr(r->form, yw_arena_printf(r->arena,
		    "reason_%zu", i))));
	}
	return yw_req_keep(r, out);
}

static enum yw_err
staff_post(struct yw_req *r, int64_t id, const char **op)
{
	struct yw_form_field	*spec;
	json_t			*errors;
	const char		*field;
	int64_t			 cid;
	size_t			 n;
	enum yw_err		 rc;

	spec = staff_spec(r, &n);
	if (spec == NULL)
		return YW_ENOMEM;
	rc = yw_req_form(r, spec, n);
	if (rc != YW_OK)
		return rc;
	*op = yw_jstr(r->form, "op");
	errors = NULL;
	cid = yw_web_id(yw_jstr(r->form, "comment_id"));
	if (strcmp(*op, "publish") == 0)
		rc = yw_solicit_publish(yw_web->db, &r->actor, yw_web_workcal(),
		    id, yw_time_now(), &errors);
	else if (strcmp(*op, "approve") == 0 || strcmp(*op, "reject") == 0) {
		rc = yw_solicit_moderate(yw_web->db, &r->actor, id, cid,
		    strcmp(*op, "approve") == 0, yw_jstr(r->form, "reason"),
		    yw_time_now(), &errors);
		/* Each pending comment has its own reason field. */
		if (errors != NULL && json_object_get(errors, "reason")) {
			field = yw_arena_printf(r->arena, "reject_%lld",
			    (long long)cid);
			json_object_set(errors, field, json_object_get(errors,
			    "reason"));
			json_object_del(errors, "reason");
		}
	} else if (strcmp(*op, "feedback") == 0)
		rc = yw_solicit_feedback(yw_web->db, &r->actor,
		    yw_web_workcal(), id, yw_jstr(r->form, "summary"),
		    posted_outcomes(r), yw_time_now(), &errors);
	else
		rc = YW_ENOTFOUND;
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	return rc;
}

static enum yw_err
view_one(struct yw_req *r, json_t *vm)
{
	const char	*op;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	if (!yw_req_is_post(r))
		return staff_page(r, vm, id);
	op = "";
	rc = staff_post(r, id, &op);
	if (rc == YW_EINVAL) {
		(void)staff_page(r, vm, id);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena, "/staff/solicitations/%lld"
	    "?done=solicit_%s", (long long)id, op);
	return YW_OK;
}

int
page_staff_solicitations(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_solicits", view_list);
}

int
page_staff_solicitation_new(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/solicit_form", view_new);
}

int
page_staff_solicitation(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_solicit", view_one);
}

int
page_staff_solicitation_edit(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/solicit_form", view_edit);
}
