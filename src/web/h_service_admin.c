/*
 * h_service_admin.c - the staff side of the service catalogue: the list of
 * items in the actor's scope with their completeness, and the create/edit
 * form. Lists are edited without JavaScript: life events as check boxes,
 * steps one per line, materials as numbered rows (blank rows are ignored).
 * Every rule is checked again in app/service/catalog.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/data.h"
#include "app/org/org.h"
#include "app/org/org_input.h"
#include "app/service/catalog.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_admin_services(struct http_request *);
int	api_admin_services(struct http_request *);
int	page_admin_service(struct http_request *);
int	api_admin_service(struct http_request *);

/* The material rows the form offers: those filled, two blank ones, and at
 * least three. */
#define MIN_ROWS	3
#define SPARE_ROWS	2

static const char *const material_fields[] = {
	"name", "description", "copies", "form", "shared_department_id",
	"name_en", "description_en", "fetch_resource",
};
#define NMATF	(sizeof(material_fields) / sizeof(material_fields[0]))

static enum yw_err
need_editor(const struct yw_req *r)
{
	if (r->actor.id == 0)
		return YW_EAUTH;
	return yw_catalog_may_edit(&r->actor) ? YW_OK : YW_EFORBIDDEN;
}

static json_t *
tr(struct yw_req *r, const char *a, const char *b)
{
	json_t *t;

	t = json_object_get(json_object_get(yw_web->locales, r->lang), a);
	return b != NULL ? json_object_get(t, b) : t;
}

static enum yw_err
view_admin_services(struct yw_req *r, json_t *vm)
{
	json_t		*list, *s;
	size_t		 i;
	enum yw_err	 rc;

	rc = need_editor(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_catalog_admin_list(yw_web->db, &r->actor, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "services", list);
	if (r->kind != YW_PAGE)
		return YW_OK;
	json_array_foreach(list, i, s) {
		yw_web_service_labels(r, s);
		json_object_set_new(s, "complete", json_boolean(
		    json_integer_value(json_object_get(s, "completeness")) ==
		    100));
		json_object_set_new(s, "published", json_boolean(strcmp(
		    json_string_value(json_object_get(s, "status")),
		    "published") == 0));
	}
	return YW_OK;
}

/* n as text, "" for null. */
static json_t *
num_text(json_t *v)
{
	char buf[24];

	if (!json_is_integer(v))
		return json_string("");
	(void)snprintf(buf, sizeof(buf), "%lld",
	    (long long)json_integer_value(v));
	return json_string(buf);
}

/* The form's values for a stored item (the edit page's GET). */
static json_t *
item_form(json_t *item)
{
	static const char *const texts[] = {
		"name", "name_en", "item_type", "region_code", "legal_basis",
		"conditions", "fee_kind", "fee_text", "online_depth",
		"consult_phone", "complaint_phone", "legal_basis_en",
		"conditions_en", "fee_text_en",
	};
	json_t		*form, *v, *m;
	struct yw_buf	 steps;
	size_t		 last;
	char		 key[64];
	size_t		 i, j;

	form = json_object();
	if (form == NULL)
		return NULL;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		json_object_set(form, texts[i], json_object_get(item,
		    texts[i]));
	json_object_set(form, "department_id", json_object_get(item,
	    "department_id"));
	json_object_set(form, "item_status", json_object_get(item, "status"));
	json_object_set_new(form, "statutory_days", num_text(json_object_get(
	    item, "statutory_days")));
	json_object_set_new(form, "promised_days", num_text(json_object_get(
	    item, "promised_days")));
	json_object_set_new(form, "visits", num_text(json_object_get(item,
	    "visits")));
	yw_buf_init(&steps);
	json_array_foreach(json_object_get(item, "steps"), i, v)
		(void)yw_buf_appendf(&steps, "%s%s", i > 0 ? "\n" : "",
		    json_string_value(json_object_get(v, "text")));
	json_object_set_new(form, "steps", json_string(steps.data != NULL ?
	    steps.data : ""));
	yw_buf_free(&steps);
	/* The English a line a step, a blank line for one not translated. */
	last = 0;
	json_array_foreach(json_object_get(item, "steps"), i, v)
		if (json_string_length(json_object_get(v, "text_en")) > 0)
			last = i + 1;
	yw_buf_init(&steps);
	json_array_foreach(json_object_get(item, "steps"), i, v)
		if (i < last)
			(void)yw_buf_appendf(&steps, "%s%s", i > 0 ? "\n" : "",
			    json_string_value(json_object_get(v, "text_en")));
	json_object_set_new(form, "steps_en", json_string(steps.data != NULL ?
	    steps.data : ""));
	yw_buf_free(&steps);
	json_array_foreach(json_object_get(item, "events"), i, v) {
		(void)snprintf(key, sizeof(key), "event_%s",
		    json_string_value(json_object_get(v, "slug")));
		json_object_set_new(form, key, json_string("1"));
	}
	json_array_foreach(json_object_get(item, "materials"), i, m) {
		for (j = 0; j < NMATF; j++) {
			(void)snprintf(key, sizeof(key), "material_%zu_%s",
			    i + 1, material_fields[j]);
			v = json_object_get(m, material_fields[j]);
			json_object_set_new(form, key, json_is_string(v) ?
			    json_incref(v) : num_text(v));
		}
	}
	return form;
}

/* to[tk] = from[fk] when from has it. */
static void
copy(json_t *to, const char *tk, json_t *from, const char *fk)
{
	json_t *v;

	v = json_object_get(from, fk);
	if (v != NULL)
		json_object_set(to, tk, v);
}

/* The domain's input from the posted form. The lists are taken only from
 * a form that shows them (the hidden field "lists"), since unticked
 * boxes are not sent at all. */
static json_t *
form_input(json_t *form, int create)
{
	static const char *const texts[] = {
		"name", "name_en", "legal_basis", "conditions", "fee_text",
		"statutory_days", "promised_days", "visits", "fee_kind",
		"online_depth", "consult_phone", "complaint_phone",
		"legal_basis_en", "conditions_en", "fee_text_en",
	};
	static const char *const fixed[] = {
		"department_id", "region_code", "item_type",
	};
	const struct yw_life_event	*ev;
	json_t				*in, *list, *m;
	const char			*s, *nl;
	char				 key[64];
	size_t				 i, j, n;

	in = json_object();
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		copy(in, texts[i], form, texts[i]);
	for (i = 0; create && i < sizeof(fixed) / sizeof(fixed[0]); i++)
		copy(in, fixed[i], form, fixed[i]);
	copy(in, "status", form, "item_status");
	if (json_object_get(form, "lists") == NULL)
		return in;
	list = json_array();
	ev = yw_catalog_life_events(&n);
	for (i = 0; i < n; i++) {
		(void)snprintf(key, sizeof(key), "event_%s", ev[i].slug);
		if (json_object_get(form, key) != NULL)
			json_array_append_new(list, json_string(ev[i].slug));
	}
	json_object_set_new(in, "events", list);
	list = json_array();
	s = json_string_value(json_object_get(form, "steps"));
	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (n > 0 && s[n - 1] == '\r')
			json_array_append_new(list, json_stringn(s, n - 1));
		else
			json_array_append_new(list, json_stringn(s, n));
		s = nl != NULL ? nl + 1 : NULL;
	}
	json_object_set_new(in, "steps", list);
	/* English steps by position: blank lines are kept (not translated). */
	list = json_array();
	s = json_string_value(json_object_get(form, "steps_en"));
	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		json_array_append_new(list, json_stringn(s, n));
		s = nl != NULL ? nl + 1 : NULL;
	}
	json_object_set_new(in, "steps_en", list);
	list = json_array();
	for (i = 1; i <= YW_CATALOG_MATERIALS_MAX; i++) {
		m = json_object();
		for (j = 0; j < NMATF; j++) {
			(void)snprintf(key, sizeof(key), "material_%zu_%s", i,
			    material_fields[j]);
			copy(m, material_fields[j], form, key);
		}
		json_array_append_new(list, m);
	}
	json_object_set_new(in, "materials", list);
	return in;
}

/* The domain says "status"; the form's field is item_status, so that its
 * label is the item's, not an account's. */
static void
merge_errors(struct yw_req *r, json_t *errors)
{
	json_t *v;

	if (errors == NULL)
		return;
	v = json_object_get(errors, "status");
	if (v != NULL) {
		json_object_set(errors, "item_status", v);
		json_object_del(errors, "status");
	}
	if (r->errors == NULL)
		r->errors = yw_req_keep(r, json_object());
	json_object_update(r->errors, errors);
	json_decref(errors);
}

static json_t *
blank_form(struct yw_req *r)
{
	return json_pack("{s:I, s:s, s:s}", "department_id",
	    (json_int_t)r->actor.department_id, "item_status", "draft",
	    "lists", "1");
}

static enum yw_err
view_admin_service_inner(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
#define MAT(n) \
		{ "material_" #n "_name", YW_CATALOG_MATERIAL_NAME_MAX, 0 }, \
		{ "material_" #n "_description", \
		    YW_CATALOG_MATERIAL_DESC_MAX, 0 }, \
		{ "material_" #n "_copies", 3, 0 }, \
		{ "material_" #n "_form", 16, 0 }, \
		{ "material_" #n "_shared_department_id", 15, 0 }, \
		{ "material_" #n "_name_en", YW_CATALOG_MATERIAL_NAME_MAX, 0 }, \
		{ "material_" #n "_description_en", \
		    YW_CATALOG_MATERIAL_DESC_MAX, 0 }, \
		{ "material_" #n "_fetch_resource", YW_DATA_CODE_MAX - 1, 0 }
#define EV(s) { "event_" s, 1, 0 }
		{ "name", YW_CATALOG_NAME_MAX, 0 },
		{ "name_en", YW_CATALOG_NAME_EN_MAX, 0 },
		{ "department_id", 15, 0 },
		{ "region_code", 12, 0 },
		{ "item_type", 32, 0 },
		{ "legal_basis", YW_CATALOG_TEXT_MAX, YW_FORM_MULTILINE },
		{ "conditions", YW_CATALOG_TEXT_MAX, YW_FORM_MULTILINE },
		{ "legal_basis_en", YW_CATALOG_TEXT_MAX, YW_FORM_MULTILINE },
		{ "conditions_en", YW_CATALOG_TEXT_MAX, YW_FORM_MULTILINE },
		/* Untrimmed: a leading blank line is an untranslated step. */
		{ "steps_en", (YW_CATALOG_STEP_MAX + 2) * YW_CATALOG_STEPS_MAX,
		    YW_FORM_MULTILINE | YW_FORM_NOTRIM },
		{ "fee_text_en", YW_CATALOG_FEE_MAX, YW_FORM_MULTILINE },
		{ "steps", (YW_CATALOG_STEP_MAX + 2) * YW_CATALOG_STEPS_MAX,
		    YW_FORM_MULTILINE },
		{ "statutory_days", 6, 0 },
		{ "promised_days", 6, 0 },
		{ "visits", 3, 0 },
		{ "fee_kind", 16, 0 },
		{ "fee_text", YW_CATALOG_FEE_MAX, YW_FORM_MULTILINE },
		{ "online_depth", 32, 0 },
		{ "consult_phone", YW_CATALOG_PHONE_MAX, 0 },
		{ "complaint_phone", YW_CATALOG_PHONE_MAX, 0 },
		{ "item_status", 16, 0 },
		{ "lists", 1, 0 },
		EV("birth"), EV("school"), EV("employment"), EV("marriage"),
		EV("housing"), EV("social-security"), EV("medical"),
		EV("retirement"), EV("death"), EV("business-start"),
		EV("business-operate"), EV("business-change"),
		EV("business-close"),
		MAT(1), MAT(2), MAT(3), MAT(4), MAT(5), MAT(6), MAT(7), MAT(8),
		MAT(9), MAT(10), MAT(11), MAT(12), MAT(13), MAT(14), MAT(15),
#undef EV
#undef MAT
	};
	const char	*key, *loc;
	json_t		*item = NULL, *in, *errors;
	int64_t		 id = 0;
	int		 create;
	enum yw_err	 rc;

	rc = need_editor(r);
	if (rc != YW_OK)
		return rc;
	key = yw_req_tail(r);
	create = key == NULL || strcmp(key, "new") == 0;
	json_object_set_new(vm, "create", json_boolean(create));
	if (!create) {
		id = yw_web_id(key);
		rc = yw_catalog_admin_get(yw_web->db, &r->actor, id, &item);
		if (rc != YW_OK)
			return rc;
		json_object_set_new(vm, "service", item);
	}
	if (!yw_req_is_post(r)) {
		if (r->kind == YW_PAGE)
			json_object_set_new(vm, "form", create ? blank_form(r) :
			    item_form(item));
		return YW_OK;
	}
	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc != YW_OK)
		return rc;
	in = form_input(r->form, create);
	errors = NULL;
	rc = yw_catalog_save(yw_web->db, &r->actor, id, in, &id, &errors);
	json_decref(in);
	merge_errors(r, errors);
	if (rc != YW_OK)
		return rc;
	loc = yw_arena_printf(r->arena, "/admin/services/%lld?saved=1",
	    (long long)id);
	r->redirect = loc != NULL ? loc : "/admin/services";
	return YW_OK;
}

/* The resources a material may be fetched from (readable, borrowed): a
 * copy, plus the one chosen (current) when it is not among them (a grant
 * that expired), so that it shows and its error is given on save rather
 * than the choice silently dropped. */
static json_t *
fetch_choices(json_t *readable, const char *current)
{
	json_t	*list, *d;
	size_t	 i;

	list = json_deep_copy(readable);
	if (list == NULL || current == NULL || current[0] == '\0')
		return list;
	json_array_foreach(list, i, d)
		if (strcmp(json_string_value(json_object_get(d, "code")),
		    current) == 0)
			return list;
	json_array_append_new(list, json_pack("{s:s, s:s}", "code", current,
	    "name", current));
	return list;
}

/* A material row of the form: its values, its selects and its errors. */
static json_t *
material_row(struct yw_req *r, json_t *form, json_t *depts,
    json_t *readable, size_t n)
{
	json_t		*row, *sel, *shared, *code, *errors, *v, *fetch;
	const char	*msg;
	char		 key[64];
	size_t		 j;

	row = json_pack("{s:I}", "n", (json_int_t)n);
	sel = json_object();
	errors = json_object();
	for (j = 0; row != NULL && j < NMATF; j++) {
		(void)snprintf(key, sizeof(key), "material_%zu_%s", n,
		    material_fields[j]);
		v = json_object_get(form, key);
		json_object_set_new(row, material_fields[j], v != NULL ?
		    json_incref(v) : json_string(""));
		if (v != NULL)
			json_object_set(sel, material_fields[j], v);
		code = json_object_get(r->errors, key);
		if (code == NULL)
			continue;
		msg = json_string_value(json_object_get(tr(r, "error", NULL),
		    json_string_value(code)));
		json_object_set_new(errors, material_fields[j],
		    json_string(msg != NULL ? msg : json_string_value(code)));
	}
	if (json_object_get(sel, "copies") == NULL)
		json_object_set_new(row, "copies", json_string("1"));
	json_object_set_new(row, "forms", yw_web_choices(tr(r, "service",
	    "form"), yw_catalog_values(YW_CATALOG_FORM), 8, sel, "form"));
	shared = json_deep_copy(depts);
	yw_web_mark_selected(shared, "id", sel, "shared_department_id");
	json_object_set_new(row, "shared", shared);
	fetch = fetch_choices(readable, json_string_value(json_object_get(sel,
	    "fetch_resource")));
	yw_web_mark_selected(fetch, "code", sel, "fetch_resource");
	json_object_set_new(row, "fetch", fetch);
	if (json_object_size(errors) > 0)
		json_object_set(row, "row_errors", errors);
	json_decref(errors);
	json_decref(sel);
	return row;
}

/* 1 if field key of form has a non-empty value or an error. */
static int
row_used(struct yw_req *r, json_t *form, size_t n)
{
	const char	*v;
	char		 key[64];
	size_t		 j;

	for (j = 0; j < NMATF; j++) {
		(void)snprintf(key, sizeof(key), "material_%zu_%s", n,
		    material_fields[j]);
		if (json_object_get(r->errors, key) != NULL)
			return 1;
		/* copies and form have defaults; they alone fill nothing. */
		if (j == 2 || j == 3)
			continue;
		v = json_string_value(json_object_get(form, key));
		if (v != NULL && v[0] != '\0')
			return 1;
	}
	return 0;
}

/* The form's selects, check boxes and rows (pages only, every outcome). */
static void
decorate(struct yw_req *r, json_t *vm)
{
	const struct yw_life_event	*ev;
	json_t				*form, *depts, *own, *d, *list, *e;
	json_t				*groups, *missing, *m, *readable;
	char				 key[64];
	int64_t				 dept;
	size_t				 i, n, rows, used;

	yw_web_service_labels(r, json_object_get(vm, "service"));
	missing = json_object_get(json_object_get(vm, "service"), "missing");
	if (missing != NULL) {
		list = json_array();
		json_array_foreach(missing, i, m)
			json_array_append_new(list, json_pack("{s:O, s:O?}",
			    "field", m, "label", json_object_get(tr(r, "field",
			    NULL), json_string_value(m))));
		json_object_set_new(vm, "missing_fields", list);
		json_object_set_new(json_object_get(vm, "service"), "complete",
		    json_boolean(json_array_size(missing) == 0));
	}
	form = r->form != NULL ? r->form : json_object_get(vm, "form");
	if (form == NULL)
		return;
	json_object_set(vm, "form", form);
	if (yw_org_departments(yw_web->db, NULL, &depts) != YW_OK)
		return;
	/* Only a platform admin may pick another department. Copies: the
	 * marks of this select must not reach the rows' selects. */
	own = json_array();
	json_array_foreach(depts, i, d)
		if ((r->actor.roles & YW_ROLE_PLATFORM_ADMIN) ||
		    json_integer_value(json_object_get(d, "id")) ==
		    r->actor.department_id)
			json_array_append_new(own, json_deep_copy(d));
	yw_web_mark_selected(own, "id", form, "department_id");
	json_object_set_new(vm, "departments", own);
	if (yw_org_regions(yw_web->db, NULL, &list) == YW_OK) {
		yw_web_mark_selected(list, "code", form, "region_code");
		json_object_set_new(vm, "regions", list);
	}
	json_object_set_new(vm, "types", yw_web_choices(tr(r, "service",
	    "type"), yw_catalog_values(YW_CATALOG_TYPE), 32, form,
	    "item_type"));
	json_object_set_new(vm, "statuses", yw_web_choices(tr(r, "service",
	    "status"), yw_catalog_values(YW_CATALOG_STATUS), 8, form,
	    "item_status"));
	json_object_set_new(vm, "depths", yw_web_choices(tr(r, "service",
	    "depth"), yw_catalog_values(YW_CATALOG_DEPTH), 8, form,
	    "online_depth"));
	json_object_set_new(vm, "fee_kinds", yw_web_choices(tr(r, "service",
	    "fee"), yw_catalog_values(YW_CATALOG_FEE), 8, form, "fee_kind"));
	groups = json_pack("{s:[], s:[]}", "individual", "business");
	ev = yw_catalog_life_events(&n);
	for (i = 0; groups != NULL && i < n; i++) {
		(void)snprintf(key, sizeof(key), "event_%s", ev[i].slug);
		e = json_pack("{s:s, s:s, s:O?, s:b}", "slug", ev[i].slug,
		    "field", key, "name", json_object_get(tr(r, "life",
		    "name"), ev[i].slug), "checked",
		    json_object_get(form, key) != NULL);
		json_array_append_new(json_object_get(groups, ev[i].audience),
		    e);
	}
	json_object_set_new(vm, "event_groups", groups);
	used = 0;
	for (i = 1; i <= YW_CATALOG_MATERIALS_MAX; i++)
		if (row_used(r, form, i))
			used = i;
	rows = used + SPARE_ROWS < MIN_ROWS ? MIN_ROWS : used + SPARE_ROWS;
	if (rows > YW_CATALOG_MATERIALS_MAX)
		rows = YW_CATALOG_MATERIALS_MAX;
	/* What the item's department may fetch from: it reads the record. */
	dept = yw_org_input_int(form, "department_id");
	if (yw_data_readable(yw_web->db, dept != 0 ? dept :
	    r->actor.department_id, NULL, yw_time_now(), &readable) != YW_OK)
		readable = json_array();
	list = json_array();
	for (i = 1; i <= rows; i++)
		json_array_append_new(list, material_row(r, form, depts,
		    readable, i));
	json_object_set_new(vm, "material_rows", list);
	json_decref(readable);
	json_decref(depts);
}

static enum yw_err
view_admin_service(struct yw_req *r, json_t *vm)
{
	enum yw_err rc;

	rc = view_admin_service_inner(r, vm);
	if (r->kind == YW_PAGE && r->redirect == NULL)
		decorate(r, vm);
	return rc;
}

int
page_admin_services(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "service/admin_list",
	    view_admin_services);
}

int
api_admin_services(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_admin_services);
}

int
page_admin_service(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "service/admin_edit",
	    view_admin_service);
}

int
api_admin_service(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_admin_service);
}
