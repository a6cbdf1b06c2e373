/*
 * h_interview.c - online interviews as the public sees them: the list
 * (upcoming, live, past), one interview with its guests and the answered
 * questions in order, the questions still waiting, and the form to ask
 * (logged in; a retried submit makes one question). While an interview is
 * live its page refreshes itself: without scripts by a meta refresh
 * inside <noscript> (only while live; ?refresh=off stops it), with
 * scripts static/interview.js polls the JSON of the same view. After the
 * end the same page is the transcript. Permissions are app/interact's.
 */
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <sodium.h>

#include "app/interact/interview.h"
#include "core/timeutil.h"
#include "web/interviewview.h"
#include "web/web.h"

int	page_interviews(struct http_request *);
int	api_interviews(struct http_request *);
int	page_interview(struct http_request *);
int	api_interview(struct http_request *);

#define INTERVIEW_REFRESH	30	/* seconds between refreshes */

static enum yw_err
view_interviews(struct yw_req *r, json_t *vm)
{
	json_t		*v;
	enum yw_err	 rc;

	rc = yw_interview_list(yw_web->db, 0, yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	yw_web_interview_list_labels(r, vm);
	return YW_OK;
}

/* A fresh form token: the idempotency key of one question. */
static json_t *
new_token(void)
{
	unsigned char	raw[16];
	char		hex[33];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	return json_string(hex);
}

static const struct yw_form_field ask_spec[] = {
	{ "token", YW_INTERVIEW_KEY_MAX, 0 },
	{ "body", YW_INTERVIEW_QUESTION_MAX, YW_FORM_MULTILINE },
};

/* POST: the question; a redirect to the page on success. */
static enum yw_err
ask(struct yw_req *r, int64_t id)
{
	json_t		*errors;
	int64_t		 qid;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_req_form(r, ask_spec, sizeof(ask_spec) / sizeof(ask_spec[0]));
	if (rc != YW_OK)
		return rc;
	errors = NULL;
	rc = yw_interview_ask(yw_web->db, &r->actor, id, json_string_value(
	    json_object_get(r->form, "body")), json_string_value(
	    json_object_get(r->form, "token")), yw_time_now(), &qid, &errors);
	if (rc == YW_ECONFLICT) {
		errors = json_pack("{s:s}", "body", "interview_ended");
		rc = YW_EINVAL;
	}
	/* A form without its token: a new one, the message by the text. */
	if (json_object_get(errors, "token") != NULL) {
		json_object_set_new(errors, "body", json_string("malformed"));
		json_object_del(errors, "token");
		json_object_set_new(r->form, "token", new_token());
	}
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena,
	    "/interact/interviews/%lld?done=interview_asked#mine",
	    (long long)id);
	return YW_OK;
}

/* The page's extras: phase flags, the refresh, the form and labels. */
static void
page_extras(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "refresh", 3, 0 },
	};
	json_t		*form;
	const char	*refresh;

	yw_web_interview_labels(r, vm);
	refresh = json_string_value(json_object_get(yw_req_query(r, spec, 1),
	    "refresh"));
	if (json_is_true(json_object_get(vm, "is_live"))) {
		if (refresh != NULL && strcmp(refresh, "off") == 0)
			json_object_set_new(vm, "refresh_stopped", json_true());
		else
			json_object_set_new(vm, "refresh_seconds",
			    json_integer(INTERVIEW_REFRESH));
	}
	form = r->form != NULL ? r->form : yw_req_keep(r, json_object());
	if (json_string_length(json_object_get(form, "token")) == 0)
		json_object_set_new(form, "token", new_token());
	json_object_set(vm, "form", form);
	json_object_set_new(vm, "logged_in", json_boolean(r->actor.id != 0));
	r->labels = json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "interview"), "field");
}

static enum yw_err
view_interview(struct yw_req *r, json_t *vm)
{
	json_t		*v;
	int64_t		 id;
	enum yw_err	 rc, posted;

	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	posted = YW_OK;
	if (r->kind == YW_PAGE && yw_req_is_post(r)) {
		posted = ask(r, id);
		if (posted != YW_EINVAL)
			return posted;
	}
	rc = yw_interview_get(yw_web->db, &r->actor, id, yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	if (r->kind == YW_PAGE)
		page_extras(r, vm);
	return posted;
}

int
page_interviews(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/interviews",
	    view_interviews);
}

int
api_interviews(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_interviews);
}

int
page_interview(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/interview", view_interview);
}

int
api_interview(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_interview);
}
