/*
 * h_portal.c - the public face: home page of the region (with the life
 * events of the service catalogue), the directory of regions and
 * departments (each with its published service items), and the not-found
 * page.
 */
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/org/org.h"
#include "web/web.h"

int	page_home(struct http_request *);
int	api_home(struct http_request *);
int	page_regions(struct http_request *);
int	api_regions(struct http_request *);
int	page_departments(struct http_request *);
int	api_departments(struct http_request *);
int	page_department(struct http_request *);
int	api_department(struct http_request *);
int	page_notfound(struct http_request *);

static enum yw_err
view_home(struct yw_req *r, json_t *vm)
{
	json_t		*deps, *region, *children;
	const char	*code;
	enum yw_err	 rc;

	code = json_string_value(json_object_get(yw_web->site,
	    "region_code"));
	if (code == NULL)
		return YW_ENOTFOUND;
	rc = yw_org_region_get(yw_web->db, code, &region);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "region", region);
	rc = yw_org_departments(yw_web->db, NULL, &deps);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "departments", deps);
	json_object_set_new(vm, "department_count",
	    json_integer((json_int_t)json_array_size(deps)));
	rc = yw_org_regions(yw_web->db, code, &children);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "region_count",
	    json_integer((json_int_t)json_array_size(children)));
	json_decref(children);
	rc = yw_web_life_events(r, &children);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "life_events", children);
	return YW_OK;
}

static enum yw_err
view_regions(struct yw_req *r, json_t *vm)
{
	json_t		*list;
	enum yw_err	 rc;

	(void)r;
	rc = yw_org_regions(yw_web->db, NULL, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "regions", list);
	return YW_OK;
}

static enum yw_err
view_departments(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "region", 12, 0 },
	};
	json_t		*q, *list;
	const char	*region;
	enum yw_err	 rc;

	q = yw_req_query(r, spec, 1);
	region = json_string_value(json_object_get(q, "region"));
	if (region != NULL && region[0] == '\0')
		region = NULL;
	rc = yw_org_departments(yw_web->db, region, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "departments", list);
	return YW_OK;
}

int64_t
yw_web_id(const char *s)
{
	int64_t	v;
	size_t	i;

	if (s == NULL || s[0] == '\0' || strlen(s) > 15)
		return 0;
	v = 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static enum yw_err
view_department(struct yw_req *r, json_t *vm)
{
	json_t		*d;
	int64_t		 id;
	enum yw_err	 rc;

	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	rc = yw_org_department_get(yw_web->db, id, &d);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "department", d);
	rc = yw_web_department_services(r, id, &d);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "services", d);
	if (r->kind == YW_PAGE)
		json_object_set_new(vm, "has_services",
		    json_boolean(json_array_size(d) > 0));
	return YW_OK;
}

static enum yw_err
view_notfound(struct yw_req *r, json_t *vm)
{
	(void)r;
	(void)vm;
	return YW_ENOTFOUND;
}

int
page_home(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "portal/home", view_home);
}

int
api_home(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_home);
}

int
page_regions(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "portal/regions",
	    view_regions);
}

int
api_regions(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_regions);
}

int
page_departments(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "portal/departments",
	    view_departments);
}

int
api_departments(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL,
	    view_departments);
}

int
page_department(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "portal/department",
	    view_department);
}

int
api_department(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_department);
}

int
page_notfound(struct http_request *req)
{
	return yw_web_run(req, strncmp(req->path, "/api/", 5) == 0 ? YW_API :
	    YW_PAGE, NULL, view_notfound);
}
