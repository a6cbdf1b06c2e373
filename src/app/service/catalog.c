#include <stdio.h>
#include <string.h>

#include "app/data/data.h"
#include "app/org/org.h"
#include "app/org/org_input.h"
#include "app/service/catalog.h"
#include "app/service/catalog_store.h"
#include "core/timeutil.h"

static const struct yw_life_event life_events[] = {
	{ "birth", "individual" },		/* 出生 */
	{ "school", "individual" },		/* 上学 */
	{ "employment", "individual" },		/* 就业 */
	{ "marriage", "individual" },		/* 婚育 */
	{ "housing", "individual" },		/* 住房 */
	{ "social-security", "individual" },	/* 社保 */
	{ "medical", "individual" },		/* 医疗 */
	{ "retirement", "individual" },		/* 退休 */
	{ "death", "individual" },		/* 身后事 */
	{ "business-start", "business" },	/* 开办 */
	{ "business-operate", "business" },	/* 经营 */
	{ "business-change", "business" },	/* 变更 */
	{ "business-close", "business" },	/* 注销 */
};

static const char *const types[] = { "permit", "payment", "confirmation",
    "reward", "adjudication", "other", "public_service", NULL };
static const char *const type_codes[] = { "01", "05", "07", "08", "09",
    "10", "20" };
static const char *const statuses[] = { "draft", "published", "withdrawn",
    NULL };
static const char *const depths[] = { "full_online", "precheck", "window",
    NULL };
static const char *const fees[] = { "free", "charged", NULL };
static const char *const forms[] = { "original", "copy", "both",
    "electronic", NULL };

const struct yw_life_event *
yw_catalog_life_events(size_t *n)
{
	*n = sizeof(life_events) / sizeof(life_events[0]);
	return life_events;
}

const struct yw_life_event *
yw_catalog_life_event(const char *slug)
{
	size_t i;

	if (slug == NULL)
		return NULL;
	for (i = 0; i < sizeof(life_events) / sizeof(life_events[0]); i++)
		if (strcmp(life_events[i].slug, slug) == 0)
			return &life_events[i];
	return NULL;
}

const char *const *
yw_catalog_values(enum yw_catalog_enum which)
{
	switch (which) {
	case YW_CATALOG_TYPE:
		return types;
	case YW_CATALOG_STATUS:
		return statuses;
	case YW_CATALOG_DEPTH:
		return depths;
	case YW_CATALOG_FEE:
		return fees;
	case YW_CATALOG_FORM:
		return forms;
	}
	return NULL;
}

int
yw_catalog_value_ok(enum yw_catalog_enum which, const char *value)
{
	const char *const	*v;

	if (value == NULL)
		return 0;
	for (v = yw_catalog_values(which); v != NULL && *v != NULL; v++)
		if (strcmp(*v, value) == 0)
			return 1;
	return 0;
}

const char *
yw_catalog_type_code(const char *type)
{
	size_t i;

	if (type == NULL)
		return NULL;
	for (i = 0; types[i] != NULL; i++)
		if (strcmp(types[i], type) == 0)
			return type_codes[i];
	return NULL;
}

enum yw_err
yw_catalog_code(const char *region_code, const char *dept_code,
    const char *type, int64_t seq, char *out, size_t outsz)
{
	const char	*tc;
	size_t		 i;
	int		 n;

	if (outsz > 0)
		out[0] = '\0';
	tc = yw_catalog_type_code(type);
	if (region_code == NULL || strlen(region_code) != 12 ||
	    dept_code == NULL || dept_code[0] == '\0' ||
	    strlen(dept_code) > 32 || !yw_org_input_name_chars(dept_code, 1) ||
	    tc == NULL || seq < 1 || seq > 9999)
		return YW_EINVAL;
	for (i = 0; i < 12; i++)
		if (region_code[i] < '0' || region_code[i] > '9')
			return YW_EINVAL;
	n = snprintf(out, outsz, "%.6s-%s-%s-%04lld", region_code, dept_code,
	    tc, (long long)seq);
	if (n < 0 || (size_t)n >= outsz) {
		if (outsz > 0)
			out[0] = '\0';
		return YW_ETOOBIG;
	}
	return YW_OK;
}

/* 1 if item[k] is a non-empty string, a non-empty array, or an integer
 * (ids must also be positive). */
static int
filled(json_t *item, const char *k)
{
	json_t *v;

	v = json_object_get(item, k);
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_integer(v))
		return strcmp(k, "department_id") != 0 ||
		    json_integer_value(v) > 0;
	return 0;
}

int
yw_catalog_completeness(json_t *item, json_t **missing)
{
	static const char *const fields[] = {
		"name", "name_en", "item_type", "department_id",
		"region_code", "events", "legal_basis", "conditions",
		"materials", "steps", "statutory_days", "promised_days", "fee",
		"visits", "consult_phone", "complaint_phone",
	};
	const char	*kind, *absent;
	size_t		 i;
	int		 have = 0;

	if (missing != NULL)
		*missing = json_array();
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		absent = NULL;
		if (strcmp(fields[i], "fee") == 0) {
			kind = json_string_value(json_object_get(item,
			    "fee_kind"));
			if (kind == NULL || kind[0] == '\0')
				absent = "fee_kind";
			else if (strcmp(kind, "charged") == 0 &&
			    !filled(item, "fee_text"))
				absent = "fee_text";
		} else if (!filled(item, fields[i])) {
			absent = fields[i];
		}
		if (absent == NULL)
			have++;
		else if (missing != NULL && *missing != NULL)
			json_array_append_new(*missing, json_string(absent));
	}
	return (have * 100 + YW_CATALOG_STANDARD_FIELDS / 2) /
	    YW_CATALOG_STANDARD_FIELDS;
}

int
yw_catalog_may_edit(const struct yw_actor *a)
{
	if (yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN))
		return 1;
	return a != NULL && a->department_id > 0 &&
	    yw_org_input_has_role(a, YW_ROLE_DEPT_ADMIN | YW_ROLE_PUBLISHER);
}

/* The department whose items a edits: 0 for all (platform admin). */
static int64_t
scope(const struct yw_actor *a)
{
	return yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN) ? 0 :
	    a->department_id;
}

/* Adds updated_local next to the row's updated_at. */
static int
local_time(json_t *row)
{
	char buf[24];

	if (yw_time_fmt_local(json_integer_value(json_object_get(row,
	    "updated_at")), buf, sizeof(buf), 1) != YW_OK)
		buf[0] = '\0';
	return json_object_set_new(row, "updated_local", json_string(buf));
}

static void
pages(json_t *paging, int64_t page, int64_t per, int64_t total)
{
	int64_t n, prev;

	n = (total + per - 1) / per;
	/* Past the end, "previous" is the last page there is. */
	prev = page - 1 > n ? (n > 0 ? n : 1) : page - 1;
	json_object_set_new(paging, "pages", json_integer((json_int_t)n));
	json_object_set_new(paging, "prev_page", page > 1 ?
	    json_integer((json_int_t)prev) : json_null());
	json_object_set_new(paging, "next_page", page < n ?
	    json_integer((json_int_t)(page + 1)) : json_null());
}

/* The filter's checks that need no database; errors collects field codes. */
static void
filter_check(const struct yw_catalog_filter *f, json_t *errors)
{
	if (f->event != NULL && f->event[0] != '\0' &&
	    yw_catalog_life_event(f->event) == NULL)
		json_object_set_new(errors, "event", json_string("invalid"));
	if (f->type != NULL && f->type[0] != '\0' &&
	    !yw_catalog_value_ok(YW_CATALOG_TYPE, f->type))
		json_object_set_new(errors, "type", json_string("invalid"));
	if (f->level < 0 || f->level > 5)
		json_object_set_new(errors, "level", json_string("invalid"));
	if (f->page < 0)
		json_object_set_new(errors, "page", json_string("invalid"));
	if (f->per_page < 0 || f->per_page > YW_CATALOG_PER_PAGE_MAX)
		json_object_set_new(errors, "per_page",
		    json_string("invalid"));
}

enum yw_err
yw_catalog_list(struct yw_db *db, const struct yw_catalog_filter *f,
    json_t **out, json_t **errors)
{
	struct yw_catalog_store_filter	 sf;
	json_t				*err, *region = NULL, *dept = NULL;
	json_t				*rows = NULL;
	int64_t				 page, per, total;
	enum yw_err			 rc;

	*out = NULL;
	*errors = NULL;
	err = json_object();
	if (err == NULL)
		return YW_ENOMEM;
	filter_check(f, err);
	if (json_object_size(err) > 0) {
		*errors = err;
		return YW_EINVAL;
	}
	json_decref(err);
	memset(&sf, 0, sizeof(sf));
	sf.event = f->event != NULL ? f->event : "";
	sf.type = f->type != NULL ? f->type : "";
	sf.path_prefix = "";
	sf.level = f->level;
	if (f->department_id != 0) {
		rc = yw_org_department_get(db, f->department_id, &dept);
		if (rc != YW_OK)
			goto out;
		sf.department_id = f->department_id;
	}
	if (f->region_code != NULL && f->region_code[0] != '\0') {
		rc = yw_org_region_get(db, f->region_code, &region);
		if (rc != YW_OK)
			goto out;
		sf.path_prefix = yw_org_input_str(region, "path");
	}
	page = f->page > 0 ? f->page : 1;
	per = f->per_page > 0 ? f->per_page : YW_CATALOG_PER_PAGE;
	sf.limit = per;
	sf.offset = (page - 1) * per;
	rc = yw_catalog_store_count(db, &sf, &total);
	if (rc == YW_OK)
		rc = yw_catalog_store_list(db, &sf, &rows);
	if (rc != YW_OK)
		goto out;
	*out = json_pack("{s:O, s:{s:I, s:I, s:I}}", "services", rows,
	    "paging", "page", (json_int_t)page, "per_page", (json_int_t)per,
	    "total", (json_int_t)total);
	if (*out == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	pages(json_object_get(*out, "paging"), page, per, total);
out:
	json_decref(rows);
	json_decref(region);
	json_decref(dept);
	return rc;
}

enum yw_err
yw_catalog_event_counts(struct yw_db *db, json_t **out)
{
	json_t		*rows, *r, *o, *list;
	int64_t		 n;
	size_t		 i, j;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_catalog_store_event_counts(db, &rows);
	if (rc != YW_OK)
		return rc;
	o = json_pack("{s:[], s:[]}", "individual", "business");
	if (o == NULL) {
		json_decref(rows);
		return YW_ENOMEM;
	}
	for (i = 0; i < sizeof(life_events) / sizeof(life_events[0]); i++) {
		n = 0;
		json_array_foreach(rows, j, r)
			if (strcmp(yw_org_input_str(r, "event"),
			    life_events[i].slug) == 0)
				n = yw_org_input_int(r, "n");
		list = json_object_get(o, life_events[i].audience);
		if (json_array_append_new(list, json_pack("{s:s, s:s, s:I}",
		    "slug", life_events[i].slug, "audience",
		    life_events[i].audience, "count", (json_int_t)n)) != 0) {
			rc = YW_ENOMEM;
			break;
		}
	}
	json_decref(rows);
	if (rc != YW_OK)
		json_decref(o);
	else
		*out = o;
	return rc;
}

/* The item's events [{slug, audience}] in the fixed order. */
static json_t *
events_json(json_t *rows)
{
	json_t	*out, *r;
	size_t	 i, j;

	out = json_array();
	for (i = 0; out != NULL &&
	    i < sizeof(life_events) / sizeof(life_events[0]); i++)
		json_array_foreach(rows, j, r)
			if (strcmp(yw_org_input_str(r, "event"),
			    life_events[i].slug) == 0)
				json_array_append_new(out, json_pack(
				    "{s:s, s:s}", "slug", life_events[i].slug,
				    "audience", life_events[i].audience));
	return out;
}

/* Moves row[from] to o[to] (o takes the reference). */
static int
move(json_t *row, const char *from, json_t *o, const char *to)
{
	json_t *v;

	v = json_object_get(row, from);
	if (v == NULL)
		return -1;
	if (json_object_set(o, to, v) != 0)
		return -1;
	return json_object_del(row, from);
}

/* Turns a store row into the full item of yw_catalog_get (in place). */
static enum yw_err
item_full(struct yw_db *db, json_t *row)
{
	json_t		*dept, *region, *m, *list;
	json_t		*mats = NULL, *steps = NULL, *evs = NULL;
	int64_t		 id;
	size_t		 i;
	enum yw_err	 rc;

	id = yw_org_input_int(row, "id");
	rc = yw_catalog_store_materials(db, id, &mats);
	if (rc == YW_OK)
		rc = yw_catalog_store_steps(db, id, &steps);
	if (rc == YW_OK)
		rc = yw_catalog_store_events(db, id, &evs);
	if (rc != YW_OK)
		goto out;
	rc = YW_ENOMEM;
	json_array_foreach(mats, i, m) {
		json_t *src = NULL;

		if (json_object_set_new(m, "shared", json_boolean(
		    !json_is_null(json_object_get(m,
		    "shared_department_id")))) != 0)
			goto out;
		/* Fetchable only while its resource exists and is shared. */
		if (json_string_length(json_object_get(m, "fetch_resource")) >
		    0 && yw_data_resource_source(db, json_string_value(
		    json_object_get(m, "fetch_resource")), &src) == YW_OK)
			json_object_set_new(m, "fetch", json_pack("{s:O, s:O}",
			    "department_name", json_object_get(src,
			    "department_name"), "department_name_en",
			    json_object_get(src, "department_name_en")));
		json_decref(src);
	}
	dept = json_pack("{s:O}", "id", json_object_get(row,
	    "department_id"));
	region = json_pack("{s:O}", "code", json_object_get(row,
	    "region_code"));
	list = events_json(evs);
	if (json_object_set_new(row, "department", dept) != 0 ||
	    json_object_set_new(row, "region", region) != 0 ||
	    json_object_set_new(row, "events", list) != 0 ||
	    json_object_set(row, "materials", mats) != 0 ||
	    json_object_set(row, "steps", steps) != 0 ||
	    move(row, "department_code", dept, "code") != 0 ||
	    move(row, "department_name", dept, "name") != 0 ||
	    move(row, "department_name_en", dept, "name_en") != 0 ||
	    move(row, "department_phone", dept, "phone") != 0 ||
	    move(row, "department_address", dept, "address") != 0 ||
	    move(row, "region_name", region, "name") != 0 ||
	    move(row, "region_name_en", region, "name_en") != 0 ||
	    move(row, "region_level", region, "level") != 0 ||
	    local_time(row) != 0)
		goto out;
	(void)json_object_del(row, "region_path");
	(void)json_object_del(row, "seq");
	(void)json_object_del(row, "created_at");
	rc = YW_OK;
out:
	json_decref(mats);
	json_decref(steps);
	json_decref(evs);
	return rc;
}

enum yw_err
yw_catalog_get(struct yw_db *db, const char *code, json_t **out)
{
	json_t		*row;
	enum yw_err	 rc;

	*out = NULL;
	if (code == NULL || code[0] == '\0')
		return YW_ENOTFOUND;
	rc = yw_catalog_store_get(db, 0, code, &row);
	if (rc != YW_OK)
		return rc;
	if (strcmp(yw_org_input_str(row, "status"), "published") != 0) {
		json_decref(row);
		return YW_ENOTFOUND;
	}
	rc = item_full(db, row);
	if (rc == YW_OK) {
		(void)json_object_del(row, "completeness");
		*out = row;
	} else {
		json_decref(row);
	}
	return rc;
}

enum yw_err
yw_catalog_admin_list(struct yw_db *db, const struct yw_actor *a,
    json_t **out)
{
	json_t		*rows, *r;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	if (!yw_catalog_may_edit(a))
		return YW_EFORBIDDEN;
	rc = yw_catalog_store_admin_list(db, scope(a), &rows);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(rows, i, r)
		if (local_time(r) != 0) {
			json_decref(rows);
			return YW_ENOMEM;
		}
	*out = rows;
	return YW_OK;
}

enum yw_err
yw_catalog_admin_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **out)
{
	json_t		*row, *missing;
	int		 score;
	enum yw_err	 rc;

	*out = NULL;
	if (!yw_catalog_may_edit(a))
		return YW_EFORBIDDEN;
	if (id <= 0)
		return YW_ENOTFOUND;
	rc = yw_catalog_store_get(db, id, NULL, &row);
	if (rc != YW_OK)
		return rc;
	if (scope(a) != 0 && yw_org_input_int(row, "department_id") !=
	    scope(a)) {
		json_decref(row);
		return YW_ENOTFOUND;
	}
	rc = item_full(db, row);
	if (rc != YW_OK) {
		json_decref(row);
		return rc;
	}
	score = yw_catalog_completeness(row, &missing);
	if (missing == NULL ||
	    json_object_set_new(row, "completeness", json_integer(score)) ||
	    json_object_set_new(row, "missing", missing) != 0) {
		json_decref(row);
		return YW_ENOMEM;
	}
	*out = row;
	return YW_OK;
}
