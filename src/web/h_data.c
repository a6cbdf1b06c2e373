/*
 * h_data.c - the resource catalogue for staff: /staff/data/resources (own
 * department's entries and the others' shareable ones, filters, figures),
 * /staff/data/resources/{code}, the new and edit forms with the data-item
 * table, and the same view models at /api/v1/data/resources[/{code}].
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/data/catalogue.h"
#include "app/data/data.h"
#include "app/data/schema.h"
#include "core/timeutil.h"
#include "web/web.h"

int	api_data_resources(struct http_request *);
int	api_data_resource(struct http_request *);
int	page_staff_data_resources(struct http_request *);
int	page_staff_data_resource(struct http_request *);
int	page_staff_data_resource_new(struct http_request *);
int	page_staff_data_resource_edit(struct http_request *);

#define SPARE_ROWS	2
#define MIN_ROWS	3

static const char *const item_cols[] = {
	"name", "label", "type", "length", "required", "personal", "remove"
};

static json_t *
tr(struct yw_req *r, const char *section)
{
	return json_object_get(json_object_get(yw_web->locales, r->lang),
	    section);
}

static const char *
fstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/* Labels of an entry's enumerated fields, for pages. */
static void
entry_labels(struct yw_req *r, json_t *res)
{
	json_object_set(res, "classification_name", json_object_get(tr(r,
	    "data_class"), fstr(res, "classification")));
	json_object_set(res, "format_name", json_object_get(tr(r,
	    "data_format"), fstr(res, "format")));
	json_object_set(res, "sharing_name", json_object_get(tr(r,
	    "data_sharing"), fstr(res, "sharing")));
	json_object_set(res, "open_name", json_object_get(tr(r,
	    "data_open"), fstr(res, "open_attr")));
	json_object_set(res, "cycle_name", json_object_get(tr(r,
	    "data_cycle"), fstr(res, "update_cycle")));
	json_object_set_new(res, "is_open", json_boolean(strcmp(fstr(res,
	    "open_attr"), "none") != 0 && fstr(res, "open_attr")[0] != '\0'));
}

static enum yw_err
view_resources(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "scope", 8, 0 },
		{ "sharing", 16, 0 },
		{ "update_cycle", 16, 0 },
		{ "late", 1, 0 },
	};
	json_t		*q = NULL, *out = NULL, *errors = NULL;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_req_query_checked(r, spec, sizeof(spec) / sizeof(spec[0]), &q);
	if (rc != YW_OK)
		return rc;
	rc = yw_data_catalogue_list(yw_web->db, &r->actor, yw_web_workcal(),
	    q, yw_time_now(), &out, &errors);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, errors);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, out);
	json_decref(out);
	json_object_set(vm, "filters", q);
	if (r->kind == YW_PAGE) {
		json_t	*e;
		size_t	 i;

		json_array_foreach(json_object_get(vm, "resources"), i, e)
			entry_labels(r, e);
		json_object_set_new(vm, "sharing_choices", yw_web_choices(tr(r,
		    "data_sharing"), yw_data_sharing, 8, q, "sharing"));
		json_object_set_new(vm, "cycle_choices", yw_web_choices(tr(r,
		    "data_cycle"), yw_data_cycles, 8, q, "update_cycle"));
		json_object_set_new(vm, "scope_mine", json_boolean(strcmp(fstr(
		    q, "scope"), "mine") == 0));
		json_object_set_new(vm, "late_only", json_boolean(strcmp(fstr(
		    q, "late"), "1") == 0));
	}
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
	rc = yw_data_catalogue_fresh(yw_web->db, res, yw_time_now());
	if (rc != YW_OK) {
		json_decref(res);
		return rc;
	}
	/* Another department's steward or admin may ask for it. */
	json_object_set_new(res, "may_request", json_boolean(strcmp(fstr(res,
	    "sharing"), "conditional") == 0 && r->actor.department_id != 0 &&
	    json_integer_value(json_object_get(res, "department_id")) !=
	    r->actor.department_id && (r->actor.roles &
	    (YW_ROLE_DATA_STEWARD | YW_ROLE_DEPT_ADMIN))));
	if (r->kind == YW_PAGE)
		entry_labels(r, res);
	json_object_set_new(vm, "resource", res);
	return YW_OK;
}

/* The form field name of column col of item row n. */
static void
cell(char *out, size_t outsz, size_t n, const char *col)
{
	(void)snprintf(out, outsz, "item_%zu_%s", n, col);
}

/* The resource res (borrowed, items parsed) as the form's values. */
static json_t *
form_of(json_t *res)
{
	static const char *const keys[] = { "name", "name_en", "summary",
	    "classification", "format", "sharing", "sharing_conditions",
	    "open_attr", "open_conditions", "update_cycle", "published_on",
	    "key_item" };
	json_t	*f, *it;
	char	 k[48], num[24];
	size_t	 i;

	f = json_object();
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_set_new(f, keys[i], json_string(fstr(res,
		    keys[i])));
	json_array_foreach(json_object_get(res, "items"), i, it) {
		cell(k, sizeof(k), i + 1, "name");
		json_object_set_new(f, k, json_string(fstr(it, "name")));
		cell(k, sizeof(k), i + 1, "label");
		json_object_set_new(f, k, json_string(fstr(it, "label")));
		cell(k, sizeof(k), i + 1, "type");
		json_object_set_new(f, k, json_string(fstr(it, "type")));
		cell(k, sizeof(k), i + 1, "length");
		(void)snprintf(num, sizeof(num), "%lld", (long long)
		    json_integer_value(json_object_get(it, "length")));
		json_object_set_new(f, k, json_string(num));
		if (json_is_true(json_object_get(it, "required"))) {
			cell(k, sizeof(k), i + 1, "required");
			json_object_set_new(f, k, json_string("1"));
		}
		if (json_is_true(json_object_get(it, "personal"))) {
			cell(k, sizeof(k), i + 1, "personal");
			json_object_set_new(f, k, json_string("1"));
		}
	}
	return f;
}

static int
row_used(json_t *form, size_t n)
{
	char	k[48];
	size_t	i;

	for (i = 0; i < 4; i++) {
		cell(k, sizeof(k), n, item_cols[i]);
		if (fstr(form, k)[0] != '\0' && (i != 2))
			return 1;
	}
	return 0;
}

/*
 * The domain's input from the form: items from the used rows not marked
 * for removal. rows receives, for each item, its row number, so that the
 * domain's "item_<k>_<field>" codes can name the row the user sees.
 */
static json_t *
input_of(json_t *form, size_t *rows, size_t max)
{
	json_t	*in, *items, *it;
	char	 k[48];
	size_t	 n, c, used = 0;

	in = json_deep_copy(form);
	items = json_array();
	for (n = 1; n <= YW_SCHEMA_MAX_ITEMS + SPARE_ROWS && used < max; n++) {
		cell(k, sizeof(k), n, "remove");
		if (!row_used(form, n) || fstr(form, k)[0] != '\0')
			continue;
		it = json_object();
		for (c = 0; c < 6; c++) {
			cell(k, sizeof(k), n, item_cols[c]);
			json_object_set_new(it, item_cols[c], json_string(
			    fstr(form, k)));
		}
		json_array_append_new(items, it);
		rows[used++] = n;
	}
	json_object_set_new(in, "items", items);
	return in;
}

/* Renames item_<k>_<field> codes of errors to the form's row numbers. */
static json_t *
remap(json_t *errors, const size_t *rows, size_t nrows)
{
	json_t		*out, *v;
	const char	*k;
	char		 name[64];
	unsigned long	 idx;
	int		 used;

	out = json_object();
	json_object_foreach(errors, k, v) {
		used = 0;
		if (sscanf(k, "item_%lu_%n", &idx, &used) == 1 && used > 0 &&
		    idx >= 1 && idx <= nrows) {
			(void)snprintf(name, sizeof(name), "item_%zu_%s",
			    rows[idx - 1], k + used);
			json_object_set(out, name, v);
		} else
			json_object_set(out, k, v);
	}
	return out;
}

/* Selects, rows with their errors and labels (pages, every outcome). */
static void
decorate_form(struct yw_req *r, json_t *vm, json_t *form)
{
	json_t		*rows, *row, *types, *msgs, *flabels, *labels;
	const char	*code;
	char		 k[48], lbl[160];
	size_t		 n, c, used = 0, total;

	json_object_set(vm, "form", form);
	json_object_set_new(vm, "class_choices", yw_web_choices(tr(r,
	    "data_class"), yw_data_classifications, 8, form,
	    "classification"));
	json_object_set_new(vm, "format_choices", yw_web_choices(tr(r,
	    "data_format"), yw_data_formats, 8, form, "format"));
	json_object_set_new(vm, "sharing_choices", yw_web_choices(tr(r,
	    "data_sharing"), yw_data_sharing, 8, form, "sharing"));
	json_object_set_new(vm, "open_choices", yw_web_choices(tr(r,
	    "data_open"), yw_data_sharing, 8, form, "open_attr"));
	json_object_set_new(vm, "cycle_choices", yw_web_choices(tr(r,
	    "data_cycle"), yw_data_cycles, 8, form, "update_cycle"));
	for (n = 1; n <= YW_SCHEMA_MAX_ITEMS; n++)
		if (row_used(form, n))
			used = n;
	total = used + SPARE_ROWS < MIN_ROWS ? MIN_ROWS : used + SPARE_ROWS;
	if (total > YW_SCHEMA_MAX_ITEMS)
		total = YW_SCHEMA_MAX_ITEMS;
	msgs = tr(r, "error");
	flabels = tr(r, "data_item");
	labels = json_object();
	rows = json_array();
	for (n = 1; n <= total; n++) {
		row = json_pack("{s:I}", "n", (json_int_t)n);
		for (c = 0; c < 7; c++) {
			cell(k, sizeof(k), n, item_cols[c]);
			json_object_set_new(row, item_cols[c], json_string(
			    fstr(form, k)));
			(void)snprintf(lbl, sizeof(lbl), "%s %zu %s",
			    fstr(flabels, "row"), n, fstr(flabels,
			    item_cols[c]));
			json_object_set_new(labels, k, json_string(lbl));
			code = json_string_value(json_object_get(r->errors,
			    k));
			if (code != NULL) {
				char ek[48];

				(void)snprintf(ek, sizeof(ek), "error_%s",
				    item_cols[c]);
				json_object_set_new(row, ek, json_string(
				    json_string_value(json_object_get(msgs,
				    code)) != NULL ? json_string_value(
				    json_object_get(msgs, code)) : code));
			}
		}
		cell(k, sizeof(k), n, "type");
		types = yw_web_choices(tr(r, "data_type"), yw_schema_types, 16,
		    form, k);
		json_object_set_new(row, "types", types);
		json_array_append_new(rows, row);
	}
	json_object_set_new(vm, "item_rows", rows);
	r->labels = yw_req_keep(r, labels);
}

static enum yw_err
view_form(struct yw_req *r, json_t *vm, const char *code)
{
	static const struct yw_form_field spec[] = {
#define ROW(n) \
		{ "item_" #n "_name", YW_SCHEMA_NAME_MAX, 0 }, \
		{ "item_" #n "_label", YW_SCHEMA_LABEL_MAX, 0 }, \
		{ "item_" #n "_type", 16, 0 }, \
		{ "item_" #n "_length", 6, 0 }, \
		{ "item_" #n "_required", 1, 0 }, \
		{ "item_" #n "_personal", 1, 0 }, \
		{ "item_" #n "_remove", 1, 0 }
		{ "name", YW_DATA_NAME_MAX, 0 },
		{ "name_en", YW_DATA_NAME_EN_MAX, 0 },
		{ "summary", YW_DATA_SUMMARY_MAX, YW_FORM_MULTILINE },
		{ "classification", 16, 0 },
		{ "format", 16, 0 },
		{ "sharing", 16, 0 },
		{ "sharing_conditions", YW_DATA_CONDITIONS_MAX,
		    YW_FORM_MULTILINE },
		{ "open_attr", 16, 0 },
		{ "open_conditions", YW_DATA_CONDITIONS_MAX,
		    YW_FORM_MULTILINE },
		{ "update_cycle", 16, 0 },
		{ "published_on", 10, 0 },
		{ "key_item", YW_SCHEMA_NAME_MAX, 0 },
		{ "department_id", 15, 0 },
		ROW(1), ROW(2), ROW(3), ROW(4), ROW(5), ROW(6), ROW(7), ROW(8),
		ROW(9), ROW(10), ROW(11), ROW(12), ROW(13), ROW(14), ROW(15),
		ROW(16), ROW(17), ROW(18), ROW(19), ROW(20), ROW(21), ROW(22),
		ROW(23), ROW(24), ROW(25), ROW(26), ROW(27), ROW(28), ROW(29),
		ROW(30), ROW(31), ROW(32), ROW(33), ROW(34), ROW(35), ROW(36),
		ROW(37), ROW(38), ROW(39), ROW(40),
#undef ROW
	};
	size_t		 rows[YW_SCHEMA_MAX_ITEMS];
	char		 out[YW_DATA_CODE_MAX];
	json_t		*res = NULL, *in, *errors = NULL, *form;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (code != NULL) {
		rc = yw_data_resource_get(yw_web->db, &r->actor, code, &res);
		if (rc != YW_OK)
			return rc;
		if (!json_is_true(json_object_get(res, "editable"))) {
			json_decref(res);
			return YW_EFORBIDDEN;
		}
		json_object_set_new(vm, "code", json_string(code));
	} else if (!(r->actor.roles & (YW_ROLE_DATA_STEWARD |
	    YW_ROLE_PLATFORM_ADMIN)))
		return YW_EFORBIDDEN;
	if (!yw_req_is_post(r)) {
		form = res != NULL ? form_of(res) : json_pack("{s:s}",
		    "published_on", "");
		json_decref(res);
		decorate_form(r, vm, form);
		json_decref(form);
		return YW_OK;
	}
	json_decref(res);
	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc == YW_EINVAL) {
		decorate_form(r, vm, r->form);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	in = input_of(r->form, rows, YW_SCHEMA_MAX_ITEMS);
	rc = yw_data_resource_save(yw_web->db, &r->actor, code, in, out,
	    &errors);
	json_decref(in);
	if (rc == YW_EINVAL) {
		r->errors = yw_req_keep(r, remap(errors,
		    rows, YW_SCHEMA_MAX_ITEMS));
		json_decref(errors);
		decorate_form(r, vm, r->form);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena,
	    "/staff/data/resources/%s?saved=1", out);
	return YW_OK;
}

static enum yw_err
view_new(struct yw_req *r, json_t *vm)
{
	return view_form(r, vm, NULL);
}

static enum yw_err
view_edit(struct yw_req *r, json_t *vm)
{
	static const char prefix[] = "/staff/data/resources/";
	char		 code[YW_DATA_CODE_MAX];
	const char	*p = r->http->path, *end;

	if (strncmp(p, prefix, sizeof(prefix) - 1) != 0)
		return YW_ENOTFOUND;
	p += sizeof(prefix) - 1;
	end = strchr(p, '/');
	if (end == NULL || (size_t)(end - p) >= sizeof(code))
		return YW_ENOTFOUND;
	memcpy(code, p, (size_t)(end - p));
	code[end - p] = '\0';
	return view_form(r, vm, code);
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

int
page_staff_data_resources(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/resources", view_resources);
}

int
page_staff_data_resource(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/resource", view_resource);
}

int
page_staff_data_resource_new(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/resource_form", view_new);
}

int
page_staff_data_resource_edit(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "data/resource_form", view_edit);
}
