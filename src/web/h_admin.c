/*
 * h_admin.c - administration of regions, departments and staff, and the
 * auditor's view of the audit log. The pages only gate what is shown; every
 * permission that matters is checked again in app/org and app/audit.
 */
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/audit/audit.h"
#include "app/org/org.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_admin(struct http_request *);
int	page_admin_regions(struct http_request *);
int	page_admin_region(struct http_request *);
int	page_admin_departments(struct http_request *);
int	page_admin_department(struct http_request *);
int	page_admin_staff_list(struct http_request *);
int	api_admin_staff_list(struct http_request *);
int	page_admin_staff(struct http_request *);
int	api_admin_staff(struct http_request *);
int	page_audit(struct http_request *);
int	api_audit(struct http_request *);

static const char *const role_names[] = {
	"platform_admin", "dept_admin", "case_handler", "publisher",
	"data_steward", "auditor",
};

static enum yw_err
need_admin(const struct yw_req *r)
{
	if (r->actor.id == 0)
		return YW_EAUTH;
	if ((r->actor.roles & (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN)) ==
	    0)
		return YW_EFORBIDDEN;
	return YW_OK;
}

/* Merges domain field errors into the request's, so the form re-shows. */
static void
merge_errors(struct yw_req *r, json_t *errors)
{
	if (errors == NULL)
		return;
	if (r->errors == NULL)
		r->errors = yw_req_keep(r, json_object());
	json_object_update(r->errors, errors);
	json_decref(errors);
}

/* A select's options labelled from catalogue section. */
static json_t *
choices(struct yw_req *r, const char *section, const char *const *values,
    size_t n, json_t *form, const char *field)
{
	return yw_web_choices(json_object_get(json_object_get(yw_web->locales,
	    r->lang), section), values, n, form, field);
}

/* Runs after the view on every outcome, so a re-shown form keeps its
 * selections too. */
static enum yw_err
with_selects(struct yw_req *r, json_t *vm, enum yw_err rc)
{
	static const char *const levels[] = { "1", "2", "3", "4", "5" };
	static const char *const statuses[] = { "active", "disabled" };
	json_t *form;

	form = r->form != NULL ? r->form : json_object_get(vm, "form");
	if (form == NULL)
		return rc;
	if (json_object_get(vm, "parents") != NULL) {
		yw_web_mark_selected(json_object_get(vm, "parents"), "code",
		    form, "parent_code");
		json_object_set_new(vm, "levels", choices(r, "level", levels,
		    5, form, "level"));
	}
	if (json_object_get(vm, "regions") != NULL)
		yw_web_mark_selected(json_object_get(vm, "regions"), "code",
		    form, "region_code");
	if (json_object_get(vm, "departments") != NULL) {
		yw_web_mark_selected(json_object_get(vm, "departments"), "id",
		    form, "department_id");
		json_object_set_new(vm, "statuses", choices(r, "staff_status",
		    statuses, 2, form, "status"));
	}
	return rc;
}

static enum yw_err
view_admin(struct yw_req *r, json_t *vm)
{
	(void)vm;
	return need_admin(r);
}

static enum yw_err
view_admin_regions(struct yw_req *r, json_t *vm)
{
	json_t		*list;
	enum yw_err	 rc;

	rc = need_admin(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_org_regions(yw_web->db, NULL, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "regions", list);
	json_object_set_new(vm, "can_edit", json_boolean(r->actor.roles &
	    YW_ROLE_PLATFORM_ADMIN));
	return YW_OK;
}

/*
 * One driver for the three edit pages: GET shows the object (or a blank
 * form for "new"), POST decodes the form, lets the domain validate and
 * save, and redirects to the saved object; a refusal re-shows the form.
 */
struct editor {
	const struct yw_form_field	*spec;
	size_t				 nspec;
	int				 numeric_key;	/* ids, not codes */
	const char			*choices_name;	/* a select's options */
	enum yw_err			(*choices)(json_t **out);
	json_t			       *(*blank)(struct yw_req *r);
	enum yw_err			(*load)(struct yw_req *r,
					    const char *key, json_t **out);
	enum yw_err			(*save)(struct yw_req *r,
					    const char *key, json_t **errors,
					    const char **redirect);
};

static enum yw_err
edit(struct yw_req *r, json_t *vm, const struct editor *e)
{
	const char	*key;
	json_t		*obj, *errors;
	int		 create;
	enum yw_err	 rc;

	rc = need_admin(r);
	if (rc != YW_OK)
		return rc;
	key = yw_req_tail(r);
	create = key == NULL || strcmp(key, "new") == 0;
	if (!create && e->numeric_key && yw_web_id(key) == 0)
		return YW_ENOTFOUND;
	json_object_set_new(vm, "create", json_boolean(create));
	rc = e->choices(&obj);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, e->choices_name, obj);
	if (!yw_req_is_post(r)) {
		if (create) {
			json_object_set_new(vm, "form", e->blank(r));
			return YW_OK;
		}
		rc = e->load(r, key, &obj);
		if (rc != YW_OK)
			return rc;
		json_object_set_new(vm, "form", obj);
		return YW_OK;
	}
	rc = yw_req_form(r, e->spec, e->nspec);
	if (rc == YW_OK) {
		errors = NULL;
		rc = e->save(r, create ? NULL : key, &errors, &r->redirect);
		merge_errors(r, errors);
	}
	if (r->form != NULL)
		json_object_del(r->form, "password");
	return rc;
}

static json_t *
blank(struct yw_req *r)
{
	(void)r;
	return json_object();
}

static enum yw_err
all_regions(json_t **out)
{
	return yw_org_regions(yw_web->db, NULL, out);
}

static enum yw_err
all_departments(json_t **out)
{
	return yw_org_departments(yw_web->db, NULL, out);
}

/* "/admin/<what>/<id>?saved=1" in the arena, for the redirect. */
static const char *
saved_at(struct yw_req *r, const char *what, int64_t id)
{
	const char *loc;

	loc = yw_arena_printf(r->arena, "/admin/%s/%lld?saved=1", what,
	    (long long)id);
	return loc != NULL ? loc : "/admin";
}

static enum yw_err
region_load(struct yw_req *r, const char *code, json_t **out)
{
	(void)r;
	return yw_org_region_get(yw_web->db, code, out);
}

static enum yw_err
region_save(struct yw_req *r, const char *code, json_t **errors,
    const char **redirect)
{
	enum yw_err rc;

	if (code != NULL)
		json_object_set_new(r->form, "code", json_string(code));
	rc = yw_org_region_save(yw_web->db, &r->actor, code == NULL, r->form,
	    errors);
	if (rc == YW_OK)
		*redirect = "/admin/regions?saved=1";
	return rc;
}

static enum yw_err
view_admin_region_inner(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "code", 12, YW_FORM_REQUIRED },
		{ "name", 64, YW_FORM_REQUIRED },
		{ "name_en", 128, 0 },
		{ "level", 1, YW_FORM_REQUIRED },
		{ "parent_code", 12, 0 },
	};
	static const struct editor e = {
		spec, sizeof(spec) / sizeof(spec[0]), 0, "parents",
		all_regions, blank, region_load, region_save,
	};

	return edit(r, vm, &e);
}

static enum yw_err
view_admin_departments(struct yw_req *r, json_t *vm)
{
	json_t		*list;
	enum yw_err	 rc;

	rc = need_admin(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_org_departments(yw_web->db, NULL, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "departments", list);
	json_object_set_new(vm, "can_create", json_boolean(r->actor.roles &
	    YW_ROLE_PLATFORM_ADMIN));
	return YW_OK;
}

static enum yw_err
department_load(struct yw_req *r, const char *id, json_t **out)
{
	(void)r;
	return yw_org_department_get(yw_web->db, yw_web_id(id), out);
}

static enum yw_err
department_save(struct yw_req *r, const char *id, json_t **errors,
    const char **redirect)
{
	int64_t		newid;
	enum yw_err	rc;

	rc = yw_org_department_save(yw_web->db, &r->actor,
	    id != NULL ? yw_web_id(id) : 0, r->form, &newid, errors);
	if (rc == YW_OK)
		*redirect = saved_at(r, "departments", newid);
	return rc;
}

static enum yw_err
view_admin_department_inner(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "code", 32, YW_FORM_REQUIRED },
		{ "name", 64, YW_FORM_REQUIRED },
		{ "name_en", 128, 0 },
		{ "region_code", 12, YW_FORM_REQUIRED },
		{ "phone", 32, 0 },
		{ "address", 128, 0 },
	};
	static const struct editor e = {
		spec, sizeof(spec) / sizeof(spec[0]), 1, "regions",
		all_regions, blank, department_load, department_save,
	};

	return edit(r, vm, &e);
}

static enum yw_err
view_admin_staff_list(struct yw_req *r, json_t *vm)
{
	json_t		*list;
	enum yw_err	 rc;

	rc = need_admin(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_org_staff_list(yw_web->db, &r->actor, 0, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "staff", list);
	return YW_OK;
}

/* Role checkboxes arrive as role_<name>=1; the domain wants a list. */
static json_t *
form_roles(json_t *form)
{
	json_t	*roles;
	char	 key[40];
	size_t	 i;

	roles = json_array();
	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++) {
		(void)snprintf(key, sizeof(key), "role_%s", role_names[i]);
		if (json_object_get(form, key) != NULL)
			json_array_append_new(roles,
			    json_string(role_names[i]));
	}
	return roles;
}

/* The checkbox view of a staff member's role list, for the form. */
static void
roles_to_form(json_t *form)
{
	json_t	*roles, *v;
	char	 key[40];
	size_t	 i;

	roles = json_object_get(form, "roles");
	json_array_foreach(roles, i, v) {
		(void)snprintf(key, sizeof(key), "role_%s",
		    json_string_value(v));
		json_object_set_new(form, key, json_true());
	}
}

static json_t *
staff_blank(struct yw_req *r)
{
	return json_pack("{s:I}", "department_id",
	    (json_int_t)r->actor.department_id);
}

static enum yw_err
staff_load(struct yw_req *r, const char *id, json_t **out)
{
	enum yw_err rc;

	rc = yw_org_staff_get(yw_web->db, &r->actor, yw_web_id(id), out);
	if (rc == YW_OK)
		roles_to_form(*out);
	return rc;
}

static enum yw_err
staff_save(struct yw_req *r, const char *id, json_t **errors,
    const char **redirect)
{
	json_t		*in;
	int64_t		 newid;
	enum yw_err	 rc;

	in = json_deep_copy(r->form);
	if (in == NULL)
		return YW_ENOMEM;
	json_object_set_new(in, "roles", form_roles(r->form));
	json_object_set_new(in, "department_id", json_integer((json_int_t)
	    yw_web_id(json_string_value(json_object_get(r->form,
	    "department_id")))));
	if (json_string_length(json_object_get(in, "password")) == 0)
		json_object_del(in, "password");
	rc = yw_org_staff_save(yw_web->db, &r->actor,
	    id != NULL ? yw_web_id(id) : 0, in, &newid, errors);
	json_decref(in);
	if (rc == YW_OK)
		*redirect = saved_at(r, "staff", newid);
	return rc;
}

static enum yw_err
view_admin_staff_inner(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "login", 32, YW_FORM_REQUIRED },
		{ "display_name", 64, YW_FORM_REQUIRED },
		{ "phone", 32, 0 },
		{ "email", 128, 0 },
		{ "department_id", 15, YW_FORM_REQUIRED },
		{ "status", 16, 0 },
		{ "password", 128, YW_FORM_NOTRIM },
		{ "role_platform_admin", 1, 0 },
		{ "role_dept_admin", 1, 0 },
		{ "role_case_handler", 1, 0 },
		{ "role_publisher", 1, 0 },
		{ "role_data_steward", 1, 0 },
		{ "role_auditor", 1, 0 },
	};
	static const struct editor e = {
		spec, sizeof(spec) / sizeof(spec[0]), 1, "departments",
		all_departments, staff_blank, staff_load, staff_save,
	};

	return edit(r, vm, &e);
}

/* A non-empty text filter, or NULL. */
static const char *
opt_text(json_t *q, const char *key)
{
	const char *s;

	s = json_string_value(json_object_get(q, key));
	return s != NULL && *s != '\0' ? s : NULL;
}

/* An optional id filter; a malformed one is an error naming the field. */
static void
opt_id(struct yw_req *r, json_t *q, const char *key, int64_t *out)
{
	const char *s;

	s = opt_text(q, key);
	if (s == NULL)
		return;
	*out = yw_web_id(s);
	if (*out == 0)
		json_object_set_new(r->errors, key, json_string("invalid"));
}

/* An optional YYYY-MM-DD date as the UTC time its Shanghai day starts
 * (plus days); a malformed one is an error naming the field. */
static void
opt_date(struct yw_req *r, json_t *q, const char *key, int days,
    int64_t *out)
{
	const char	*s;
	int		 y, m, d;

	s = opt_text(q, key);
	if (s == NULL)
		return;
	if (!yw_time_parse_date(s, strlen(s), &y, &m, &d)) {
		json_object_set_new(r->errors, key, json_string("date"));
		return;
	}
	*out = (yw_time_days_from_civil(y, m, d) + days) * 86400 -
	    YW_TIME_LOCAL_OFFSET;
}

static enum yw_err
view_audit(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "actor", 128, 0 },
		{ "action", 64, 0 },
		{ "object_type", 64, 0 },
		{ "department_id", 15, 0 },
		{ "from", 10, 0 },
		{ "to", 10, 0 },
		{ "before", 15, 0 },
	};
	struct yw_audit_filter	 f;
	json_t			*q, *list;
	enum yw_err		 rc;

	if (r->actor.id == 0)
		return YW_EAUTH;
	rc = yw_req_query_checked(r, spec, sizeof(spec) / sizeof(spec[0]), &q);
	if (rc != YW_OK && rc != YW_EINVAL)
		return rc;
	json_object_set(vm, "filter", q);
	memset(&f, 0, sizeof(f));
	f.actor_login = opt_text(q, "actor");
	f.action = opt_text(q, "action");
	f.object_type = opt_text(q, "object_type");
	opt_id(r, q, "department_id", &f.department_id);
	opt_id(r, q, "before", &f.before_id);
	opt_date(r, q, "from", 0, &f.from);
	opt_date(r, q, "to", 1, &f.to);
	if (json_object_size(r->errors) > 0)
		return YW_EINVAL;
	f.limit = 50;
	rc = yw_audit_list(yw_web->db, &r->actor, &f, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "audit", list);
	return YW_OK;
}

int
page_admin(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "admin/index", view_admin);
}

int
page_admin_regions(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "admin/regions", view_admin_regions);
}

static enum yw_err
view_admin_region(struct yw_req *r, json_t *vm)
{
	return with_selects(r, vm, view_admin_region_inner(r, vm));
}

int
page_admin_region(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "admin/region", view_admin_region);
}

int
page_admin_departments(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "admin/departments",
	    view_admin_departments);
}

static enum yw_err
view_admin_department(struct yw_req *r, json_t *vm)
{
	return with_selects(r, vm, view_admin_department_inner(r, vm));
}

int
page_admin_department(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "admin/department",
	    view_admin_department);
}

int
page_admin_staff_list(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "admin/staff_list",
	    view_admin_staff_list);
}

int
api_admin_staff_list(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_admin_staff_list);
}

static enum yw_err
view_admin_staff(struct yw_req *r, json_t *vm)
{
	return with_selects(r, vm, view_admin_staff_inner(r, vm));
}

int
page_admin_staff(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "admin/staff", view_admin_staff);
}

int
api_admin_staff(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_admin_staff);
}

int
page_audit(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "audit/index", view_audit);
}

int
api_audit(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_audit);
}
