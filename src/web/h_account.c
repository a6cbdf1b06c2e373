/*
 * h_account.c - login (Argon2id verified in a kore task, off the event
 * loop), registration, logout, "my account", logout everywhere.
 */
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/tasks.h>
#include <sodium.h>

#include "app/account/account.h"
#include "app/account/password.h"
#include "app/account/session.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_login(struct http_request *);
int	page_register(struct http_request *);
int	page_logout(struct http_request *);
int	page_my(struct http_request *);
int	api_me(struct http_request *);
int	page_logout_all(struct http_request *);
int	page_password(struct http_request *);

struct login_state {
	struct kore_task	task;	/* first: the task entry casts back */
	struct yw_login		l;
	char			pw[512];
	size_t			pwlen;
	int			ok;
	char			next[401];
};

static const struct yw_form_field login_spec[] = {
	{ "login", 128, YW_FORM_REQUIRED },
	{ "password", 128, YW_FORM_REQUIRED | YW_FORM_NOTRIM },
	{ "next", 400, 0 },
};

static int
login_task(struct kore_task *t)
{
	struct login_state *st = (struct login_state *)t;

	st->ok = yw_password_verify(st->l.hash, st->pw, st->pwlen) == YW_OK;
	sodium_memzero(st->pw, sizeof(st->pw));
	return KORE_RESULT_OK;
}

static void
login_state_free(struct http_request *req)
{
	struct login_state *st;

	st = http_state_get(req);
	if (st == NULL)
		return;
	if (st->task.state != 0)
		kore_task_destroy(&st->task);
	sodium_memzero(st, sizeof(*st));
}

static const char *
safe_next(const char *n)
{
	size_t i;

	if (n == NULL || n[0] != '/' || n[1] == '/' || n[1] == '\\')
		return "/my";
	for (i = 0; n[i] != '\0'; i++)
		if ((unsigned char)n[i] < 0x21 || n[i] == '\\')
			return "/my";
	return n;
}

static enum yw_err
login_finish(struct yw_req *r, struct login_state *st, json_t *vm)
{
	char		 token[64], csrf[64];
	const char	*ua;
	enum yw_err	 rc;

	if (!http_request_header(r->http, "user-agent", &ua))
		ua = "";
	rc = yw_account_login_finish(yw_web->db, &st->l, st->ok,
	    r->actor.source_ip, ua, yw_time_now(), token, csrf);
	if (rc == YW_EAUTH) {
		r->form = yw_req_keep(r, json_pack("{s:s, s:s}", "login",
		    st->l.login, "next", st->next));
		r->errors = yw_req_keep(r, json_pack("{s:s}", "password",
		    "bad_login"));
		json_object_set(vm, "form", r->form);
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	yw_req_set_session(r, token, csrf);
	r->redirect = yw_arena_strndup(r->arena, safe_next(st->next),
	    strlen(safe_next(st->next)));
	return YW_OK;
}

static enum yw_err
view_login(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field next_spec[] = {
		{ "next", 400, 0 },
	};
	struct login_state	*st;
	const char		*login, *pw, *next;
	json_t			*q;
	enum yw_err		 rc;

	if (!yw_req_is_post(r)) {
		q = yw_req_query(r, next_spec, 1);
		json_object_set_new(vm, "form", json_pack("{s:O?}", "next",
		    json_object_get(q, "next")));
		return YW_OK;
	}
	if (http_state_exists(r->http)) {
		st = http_state_get(r->http);
		if (kore_task_state(&st->task) != KORE_TASK_STATE_FINISHED) {
			r->retry = 1;
			return YW_OK;
		}
		return login_finish(r, st, vm);
	}
	rc = yw_req_form(r, login_spec, 3);
	if (rc != YW_OK) {
		if (r->form != NULL)
			json_object_del(r->form, "password");
		return rc;
	}
	login = json_string_value(json_object_get(r->form, "login"));
	pw = json_string_value(json_object_get(r->form, "password"));
	next = json_string_value(json_object_get(r->form, "next"));
	st = http_state_create(r->http, sizeof(*st), login_state_free);
	memset(st, 0, sizeof(*st));
	st->pwlen = strlen(pw);
	if (st->pwlen >= sizeof(st->pw))
		st->pwlen = sizeof(st->pw) - 1;
	memcpy(st->pw, pw, st->pwlen);
	json_object_del(r->form, "password");
	rc = yw_account_login_begin(yw_web->db, login, r->actor.source_ip,
	    yw_time_now(), &st->l);
	if (rc == YW_ETOOMANY) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "login",
		    "throttled"));
		r->status = 429;
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	(void)snprintf(st->next, sizeof(st->next), "%s",
	    next != NULL ? next : "");
	kore_task_create(&st->task, login_task);
	kore_task_bind_request(&st->task, r->http);
	kore_task_run(&st->task);
	r->retry = 1;
	return YW_OK;
}

static enum yw_err
view_register(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "kind", 16, YW_FORM_REQUIRED },
		{ "login", 128, YW_FORM_REQUIRED },
		{ "display_name", 64, YW_FORM_REQUIRED },
		{ "org_name", 128, 0 },
		{ "credit_code", 18, 0 },
		{ "password", 128, YW_FORM_REQUIRED | YW_FORM_NOTRIM },
		{ "password2", 128, YW_FORM_REQUIRED | YW_FORM_NOTRIM },
	};
	json_t		*errors;
	int64_t		 id;
	enum yw_err	 rc;

	if (!yw_req_is_post(r)) {
		json_object_set_new(vm, "form", json_pack("{s:s}", "kind",
		    "citizen"));
		return YW_OK;
	}
	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc == YW_OK) {
		errors = NULL;
		rc = yw_account_register(yw_web->db, r->form,
		    r->actor.source_ip, &id, &errors);
		if (errors != NULL) {
			json_object_update(r->errors, errors);
			json_decref(errors);
		}
	}
	if (r->form != NULL) {
		json_object_del(r->form, "password");
		json_object_del(r->form, "password2");
		json_object_set_new(r->form, "is_business", json_boolean(
		    strcmp(json_string_value(json_object_get(r->form,
		    "kind")) ? json_string_value(json_object_get(r->form,
		    "kind")) : "", "business") == 0));
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = "/login?registered=1";
	r->status = 201;
	json_object_set_new(vm, "id", json_integer((json_int_t)id));
	return YW_OK;
}

static enum yw_err
view_logout(struct yw_req *r, json_t *vm)
{
	enum yw_err rc;

	(void)vm;
	if (!yw_req_is_post(r))
		return YW_ENOTFOUND;
	rc = yw_req_form(r, NULL, 0);
	if (rc != YW_OK)
		return rc;
	if (r->token[0] != '\0') {
		rc = yw_session_logout(yw_web->db, r->token);
		if (rc != YW_OK)
			return rc;
	}
	yw_req_clear_session(r);
	r->redirect = "/";
	return YW_OK;
}

static enum yw_err
view_my(struct yw_req *r, json_t *vm)
{
	json_t		*me, *sessions;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_account_me(yw_web->db, &r->actor, &me);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(me, "is_business", json_boolean(strcmp(
	    r->actor.kind, "business") == 0));
	json_object_set_new(vm, "me", me);
	rc = yw_session_list(yw_web->db, &r->actor, r->token, yw_time_now(),
	    &sessions);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "sessions", sessions);
	return YW_OK;
}

static enum yw_err
view_logout_all(struct yw_req *r, json_t *vm)
{
	enum yw_err rc;

	(void)vm;
	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (!yw_req_is_post(r))
		return YW_ENOTFOUND;
	rc = yw_req_form(r, NULL, 0);
	if (rc != YW_OK)
		return rc;
	rc = yw_session_logout_all(yw_web->db, &r->actor);
	if (rc != YW_OK)
		return rc;
	yw_req_clear_session(r);
	r->redirect = "/login?ended=1";
	return YW_OK;
}

static enum yw_err
view_password(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "current", 128, YW_FORM_REQUIRED | YW_FORM_NOTRIM },
		{ "password", 128, YW_FORM_REQUIRED | YW_FORM_NOTRIM },
		{ "password2", 128, YW_FORM_REQUIRED | YW_FORM_NOTRIM },
	};
	json_t		*errors;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (!yw_req_is_post(r))
		return YW_OK;
	rc = yw_req_form(r, spec, 3);
	if (rc == YW_OK) {
		errors = NULL;
		rc = yw_account_change_password(yw_web->db, &r->actor,
		    r->form, r->token, &errors);
		if (errors != NULL) {
			json_object_update(r->errors, errors);
			json_decref(errors);
		}
	}
	if (r->form != NULL)
		json_object_clear(r->form);
	if (rc != YW_OK)
		return rc;
	(void)vm;
	r->redirect = "/my?password=1";
	return YW_OK;
}

int
page_login(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "account/login", view_login);
}

int
page_register(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "account/register", view_register);
}

int
page_logout(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, NULL, view_logout);
}

int
page_my(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "account/my", view_my);
}

int
api_me(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_my);
}

int
page_logout_all(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, NULL, view_logout_all);
}

int
page_password(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "account/password", view_password);
}
