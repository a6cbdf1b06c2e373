/*
 * h_data_keys.c - /staff/data/keys: a department's exchange API keys
 * (create: the secret is shown once; revoke).
 */
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/exchange.h"
#include "web/web.h"

int	page_staff_data_keys(struct http_request *);

static const struct yw_form_field key_form[] = {
	{ "action", 16, YW_FORM_REQUIRED },
	{ "name", YW_EXCHANGE_KEY_NAME_MAX, 0 },
	{ "id", 20, 0 },
};

static enum yw_err
view_keys(struct yw_req *r, json_t *vm)
{
	char		 token[YW_EXCHANGE_TOKEN_MAX];
	const char	*action;
	json_t		*list = NULL, *errors = NULL;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_exchange_key_list(yw_web->db, &r->actor, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "keys", list);
	if (!yw_req_is_post(r))
		return YW_OK;
	rc = yw_req_form(r, key_form, sizeof(key_form) / sizeof(key_form[0]));
	if (rc != YW_OK)
		return rc;
	action = json_string_value(json_object_get(r->form, "action"));
	if (strcmp(action, "revoke") == 0) {
		rc = yw_exchange_key_revoke(yw_web->db, &r->actor, yw_web_id(
		    json_string_value(json_object_get(r->form, "id"))));
		if (rc == YW_OK)
			r->redirect = "/staff/data/keys?saved=1";
		return rc;
	}
	rc = yw_exchange_key_create(yw_web->db, &r->actor, json_string_value(
	    json_object_get(r->form, "name")), token, &errors);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, errors);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	/* Shown once: the page is answered, not redirected to. */
	json_object_set_new(vm, "new_key", json_string(token));
	rc = yw_exchange_key_list(yw_web->db, &r->actor, &list);
	if (rc == YW_OK)
		json_object_set_new(vm, "keys", list);
	return rc;
}

int
page_staff_data_keys(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/keys", view_keys);
}
