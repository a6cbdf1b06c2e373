/*
 * h_open311_keys.c - /admin/open311/keys: the keys Open311 client
 * applications post requests with (create: the secret is shown once;
 * revoke). Platform admins only; the domain checks it and audits each
 * change (app/interact/open311.h). The console has `yiwang open311 key`.
 */
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/interact/open311.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_admin_open311_keys(struct http_request *);

static const struct yw_form_field key_form[] = {
	{ "action", 16, YW_FORM_REQUIRED },
	{ "name", YW_OPEN311_NAME_MAX * 4, 0 },
	{ "id", 20, 0 },
};

static enum yw_err
keys_into(struct yw_req *r, json_t *vm)
{
	json_t		*list;
	enum yw_err	 rc;

	rc = yw_open311_key_list(yw_web->db, &r->actor, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "has_keys", json_boolean(json_array_size(
	    list) > 0));
	json_object_set_new(vm, "keys", list);
	return YW_OK;
}

static enum yw_err
view_keys(struct yw_req *r, json_t *vm)
{
	char		 token[YW_APIKEY_MAX];
	const char	*action, *why;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc == YW_OK)
		rc = keys_into(r, vm);
	if (rc != YW_OK || !yw_req_is_post(r))
		return rc;
	rc = yw_req_form(r, key_form, sizeof(key_form) / sizeof(key_form[0]));
	if (rc != YW_OK)
		return rc;
	action = json_string_value(json_object_get(r->form, "action"));
	if (strcmp(action, "revoke") == 0) {
		rc = yw_open311_key_revoke(yw_web->db, &r->actor, yw_web_id(
		    json_string_value(json_object_get(r->form, "id"))),
		    yw_time_now());
		if (rc == YW_OK || rc == YW_ECONFLICT)
			r->redirect = "/admin/open311/keys?saved=1";
		return rc == YW_ECONFLICT ? YW_OK : rc;
	}
	rc = yw_open311_key_add(yw_web->db, &r->actor, json_string_value(
	    json_object_get(r->form, "name")), yw_time_now(), token, &id,
	    &why);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "name", why));
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	/* Shown once: the page is answered, not redirected to. */
	json_object_set_new(vm, "new_key", json_string(token));
	return keys_into(r, vm);
}

int
page_admin_open311_keys(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "admin/open311_keys", view_keys);
}
