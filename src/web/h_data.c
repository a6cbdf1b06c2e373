/*
 * h_data.c - the resource catalogue for staff: GET /api/v1/data/resources
 * and /api/v1/data/resources/{code} (same view models the staff pages
 * will render).
 */
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/data.h"
#include "web/web.h"

int	api_data_resources(struct http_request *);
int	api_data_resource(struct http_request *);

static enum yw_err
view_resources(struct yw_req *r, json_t *vm)
{
	json_t		*list = NULL;
	enum yw_err	 rc;

	rc = yw_data_resource_list(yw_web->db, &r->actor, 0, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "resources", list);
	return YW_OK;
}

static enum yw_err
view_resource(struct yw_req *r, json_t *vm)
{
	json_t		*res = NULL;
	const char	*code;
	enum yw_err	 rc;

	code = yw_req_tail(r);
	if (code == NULL)
		return YW_ENOTFOUND;
	rc = yw_data_resource_get(yw_web->db, &r->actor, code, &res);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "resource", res);
	return YW_OK;
}

int
api_data_resources(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_resources);
}

int
api_data_resource(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_resource);
}
