/*
 * h_message.c - the message centre (我的消息): the logged-in account's
 * inbox, newest first and paged, unread ones marked and each linked to
 * its case where it has one; marking one or all as read (a form, and
 * POST /api/v1/my/messages/read). The messages are app/notify's; another
 * account's message reads as not found.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/notify/notify.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_my_messages(struct http_request *);
int	api_my_messages(struct http_request *);
int	api_my_messages_read(struct http_request *);

/* The inbox page of r's account into vm; before is the query's. */
static enum yw_err
messages(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "before", 15, 0 },
	};
	json_t		*q, *box, *m, *cid;
	int64_t		 before;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_query_checked(r, spec, 1, &q);
	if (rc != YW_OK)
		return rc;
	before = 0;
	if (yw_jstr(q, "before")[0] != '\0') {
		before = yw_web_id(yw_jstr(q, "before"));
		if (before == 0) {
			r->errors = yw_req_keep(r, json_pack("{s:s}", "before",
			    "invalid"));
			return YW_EINVAL;
		}
	}
	rc = yw_notify_inbox(yw_web->db, r->actor.id, before, &box);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(json_object_get(box, "messages"), i, m) {
		/* A message about a case links to it. */
		cid = json_object_get(json_object_get(m, "payload"), "case_id");
		if (r->kind == YW_PAGE && json_is_integer(cid))
			json_object_set_new(m, "href", json_string(
			    yw_arena_printf(r->arena, "/cases/%lld",
			    (long long)json_integer_value(cid))));
	}
	json_object_update(vm, box);
	json_decref(box);
	if (r->kind == YW_PAGE && json_integer_value(json_object_get(vm,
	    "unread")) == 0)
		json_object_del(vm, "unread");
	return YW_OK;
}

/* POST /my/messages: op "read" with an id, or "read_all". */
static enum yw_err
messages_post(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "op", 16, YW_FORM_REQUIRED },
		{ "id", 15, 0 },
	};
	const char	*op;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc != YW_OK) {
		if (rc == YW_EINVAL)
			(void)messages(r, vm);
		return rc;
	}
	op = yw_jstr(r->form, "op");
	if (strcmp(op, "read_all") == 0)
		id = 0;
	else if (strcmp(op, "read") == 0) {
		id = yw_web_id(yw_jstr(r->form, "id"));
		if (id == 0) {
			r->errors = yw_req_keep(r, json_pack("{s:s}", "id",
			    yw_jstr(r->form, "id")[0] == '\0' ? "required" :
			    "invalid"));
			(void)messages(r, vm);
			return YW_EINVAL;
		}
	} else
		return YW_ENOTFOUND;
	rc = yw_notify_mark_read(yw_web->db, r->actor.id, id, yw_time_now());
	if (rc != YW_OK)
		return rc;
	r->redirect = "/my/messages?done=read";
	return YW_OK;
}

static enum yw_err
view_messages(struct yw_req *r, json_t *vm)
{
	enum yw_err rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (yw_req_is_post(r) && r->kind == YW_PAGE)
		return messages_post(r, vm);
	return messages(r, vm);
}

/* POST /api/v1/my/messages/read {"id": n} or {"all": true}: {unread}. */
static enum yw_err
view_messages_read(struct yw_req *r, json_t *vm)
{
	json_t		*body, *id, *all;
	int64_t		 n;
	enum yw_err	 rc;

	rc = yw_req_json(r, 4096, &body);
	if (rc != YW_OK)
		return rc;
	id = json_object_get(body, "id");
	all = json_object_get(body, "all");
	if (json_is_true(all) && id == NULL)
		n = 0;
	else if (json_is_integer(id) && json_integer_value(id) > 0 &&
	    all == NULL)
		n = json_integer_value(id);
	else {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "id",
		    id == NULL && all == NULL ? "required" : "invalid"));
		return YW_EINVAL;
	}
	rc = yw_notify_mark_read(yw_web->db, r->actor.id, n, yw_time_now());
	if (rc == YW_OK)
		rc = yw_notify_unread(yw_web->db, r->actor.id, &n);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "unread", json_integer(n));
	return YW_OK;
}

int
page_my_messages(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "message/index", view_messages);
}

int
api_my_messages(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_messages);
}

int
api_my_messages_read(struct http_request *req)
{
	return yw_web_run_api_write(req, view_messages_read);
}
