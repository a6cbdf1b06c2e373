/*
 * h_solicit.c - opinion solicitations (意见征集) as the public sees them:
 * the open, upcoming and closed lists, one solicitation with its clauses,
 * the approved comments (writer names masked) and, once published, the
 * feedback; and the comment form for a logged-in citizen (the whole draft
 * or a chosen clause; a retried submit makes one comment; a comment after
 * closing is refused with the text kept). The JSON API serves the same
 * view models. Pages are never cached: the phase moves with the clock,
 * not with an audited change. Permissions are app/interact's.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/interact/solicit.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/letterview.h"
#include "web/solicitview.h"
#include "web/web.h"

int	page_solicitations(struct http_request *);
int	api_solicitations(struct http_request *);
int	page_solicitation(struct http_request *);
int	api_solicitation(struct http_request *);

static enum yw_err
view_list(struct yw_req *r, json_t *vm)
{
	static const char *const lists[] = { "open", "upcoming", "closed" };
	json_t		*v, *s;
	size_t		 i, j;
	enum yw_err	 rc;

	rc = yw_solicit_public_list(yw_web->db, yw_web_workcal(),
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		json_array_foreach(json_object_get(vm, lists[i]), j, s)
			yw_web_solicit_labels(r, s);
	return YW_OK;
}

/* The page of solicitation id; the comment form with form's values
 * (borrowed, NULL for a fresh form) where the visitor may comment. */
static enum yw_err
solicitation_page(struct yw_req *r, json_t *vm, int64_t id, json_t *form)
{
	static const struct yw_form_field spec[] = {
		{ "clause", 3, 0 },
	};
	json_t		*v, *s, *q;
	enum yw_err	 rc;

	rc = yw_solicit_get(yw_web->db, &r->actor, yw_web_workcal(), id, 0,
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	s = json_object_get(vm, "solicitation");
	yw_web_solicit_labels(r, s);
	if (r->kind != YW_PAGE)
		return YW_OK;
	r->labels = json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "solicit"), "field");
	json_object_set_new(vm, "login_next", json_string(yw_arena_printf(
	    r->arena, "/login?next=/interact/solicitations/%lld",
	    (long long)id)));
	/* The form shows while the visitor may comment, and again with
	 * what they typed when a comment was refused. */
	json_object_set_new(vm, "show_form", json_boolean(form != NULL ||
	    json_is_true(json_object_get(json_object_get(s, "can"),
	    "comment"))));
	if (form == NULL) {
		q = yw_req_query(r, spec, 1);
		form = yw_req_keep(r, json_pack("{s:s, s:s}", "token",
		    yw_web_form_token(r), "clause", yw_jstr(q, "clause")));
		if (form == NULL)
			return YW_ENOMEM;
	}
	json_object_set(vm, "form", form);
	json_object_set_new(vm, "clause_choices", yw_web_solicit_clauses(s,
	    yw_jstr(form, "clause")));
	return YW_OK;
}

/* POST /interact/solicitations/<id>: a comment. */
static enum yw_err
comment_post(struct yw_req *r, json_t *vm, int64_t id)
{
	static const struct yw_form_field spec[] = {
		{ "token", 100, 0 },
		{ "clause", 3, 0 },
		{ "body", YW_SOLICIT_COMMENT_MAX, YW_FORM_MULTILINE },
	};
	json_t		*errors;
	const char	*clause;
	int64_t		 cid, no;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc == YW_OK) {
		clause = yw_jstr(r->form, "clause");
		no = clause[0] == '\0' || strcmp(clause, "0") == 0 ? 0 :
		    yw_web_id(clause);
		if (no == 0 && clause[0] != '\0' && strcmp(clause, "0") != 0)
			no = -1;
		errors = NULL;
		rc = yw_solicit_comment(yw_web->db, &r->actor,
		    yw_web_workcal(), id, no, yw_jstr(r->form, "body"),
		    yw_jstr(r->form, "token"), yw_time_now(), &errors, &cid);
		if (errors != NULL)
			r->errors = yw_req_keep(r, errors);
	}
	if (rc == YW_EINVAL) {
		/* A form without its token gets a new one: nothing was
		 * written under the old. */
		if (json_object_get(r->errors, "token") != NULL)
			json_object_set_new(r->form, "token", json_string(
			    yw_web_form_token(r)));
		(void)solicitation_page(r, vm, id, r->form);
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena, "/interact/solicitations/%lld"
	    "?done=solicit_comment#comments", (long long)id);
	return YW_OK;
}

static enum yw_err
view_solicitation(struct yw_req *r, json_t *vm)
{
	int64_t id;

	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	if (r->kind == YW_PAGE && yw_req_is_post(r))
		return comment_post(r, vm, id);
	return solicitation_page(r, vm, id, NULL);
}

int
page_solicitations(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/solicit_list", view_list);
}

int
api_solicitations(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_list);
}

int
page_solicitation(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/solicit", view_solicitation);
}

int
api_solicitation(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_solicitation);
}
