/*
 * catalog_save.c - yw_catalog_save: reading an item's fields, the checks
 * of catalog.h, the item code, and the audited write.
 */
#include <stdio.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/data/data.h"
#include "app/org/org.h"
#include "app/org/org_input.h"
#include "app/service/catalog.h"
#include "app/service/catalog_store.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

/* The fields compared for the audit detail, in form order. */
static const char *const item_keys[] = {
	"name", "name_en", "item_type", "department_id", "region_code",
	"events", "legal_basis", "conditions", "materials", "steps",
	"statutory_days", "promised_days", "fee_kind", "fee_text", "visits",
	"online_depth", "consult_phone", "complaint_phone", "status",
	"legal_basis_en", "conditions_en", "steps_en", "fee_text_en",
};

/* One save: the input, the item as it will be (next), as it was (cur,
 * NULL on create), and the input position of each material in next. */
struct save {
	struct yw_db		*db;
	const struct yw_actor	*a;
	struct yw_org_input	 x;
	json_t			*next;
	json_t			*cur;
	json_t			*mat_pos;
	json_t			*dept;	/* the implementing department */
	int			 create;
};

static json_t *
blank_item(void)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:n, s:n, s:s,"
	    " s:s, s:n, s:s, s:s, s:s, s:s, s:[], s:[], s:[], s:s, s:s, s:s,"
	    " s:[]}",
	    "name", "", "name_en", "", "item_type", "", "department_id",
	    (json_int_t)0, "region_code", "", "legal_basis", "",
	    "conditions", "", "statutory_days", "promised_days", "fee_kind",
	    "", "fee_text", "", "visits", "online_depth", "",
	    "consult_phone", "", "complaint_phone", "", "status", "draft",
	    "events", "materials", "steps", "legal_basis_en", "",
	    "conditions_en", "", "fee_text_en", "", "steps_en");
}

static const char *
str(json_t *o, const char *k)
{
	return yw_org_input_str(o, k);
}

static void
put(struct save *s, const char *k, json_t *v)
{
	if (yw_org_input_set(s->next, k, v) != 0)
		s->x.oom = 1;
}

static void
fail(struct save *s, const char *k, const char *code)
{
	yw_org_input_fail(&s->x, k, code);
}

static int
failed(struct save *s, const char *k)
{
	return yw_org_input_failed(&s->x, k);
}

/* s[0..*len) without surrounding ASCII white space. */
static const char *
trim(const char *p, size_t *len)
{
	while (*len > 0 && yw_org_input_is_space(p[0])) {
		p++;
		(*len)--;
	}
	while (*len > 0 && yw_org_input_is_space(p[*len - 1]))
		(*len)--;
	return p;
}

/* 1 if v is JSON null or a string of white space only. */
static int
is_blank(json_t *v)
{
	size_t len;

	if (json_is_null(v))
		return 1;
	if (!json_is_string(v))
		return 0;
	len = json_string_length(v);
	(void)trim(json_string_value(v), &len);
	return len == 0;
}

static void
read_text(struct save *s, const char *k, size_t max, int flags)
{
	const char *v;

	v = yw_org_input_text(&s->x, k, max, flags);
	if (v != NULL)
		put(s, k, json_string(v));
}

/* A count 0..max; "" or null means "not filled" (JSON null). */
static void
read_number(struct save *s, const char *k, int64_t max)
{
	json_t	*j;
	int64_t	 v;

	j = json_object_get(s->x.in, k);
	if (j == NULL)
		return;
	if (is_blank(j)) {
		put(s, k, json_null());
		return;
	}
	if (yw_org_input_num(&s->x, k, &v) != 1)
		return;
	if (v > max) {
		fail(s, k, "invalid");
		return;
	}
	put(s, k, json_integer((json_int_t)v));
}

/* An optional enumerated value ("" allowed) of which. */
static void
read_enum(struct save *s, const char *k, enum yw_catalog_enum which)
{
	const char *v;

	v = yw_org_input_text(&s->x, k, 32, 0);
	if (v == NULL)
		return;
	if (v[0] != '\0' && !yw_catalog_value_ok(which, v))
		fail(s, k, "invalid");
	else
		put(s, k, json_string(v));
}

static void
read_phone(struct save *s, const char *k)
{
	const char *v;

	v = yw_org_input_text(&s->x, k, YW_CATALOG_PHONE_MAX, 0);
	if (v == NULL)
		return;
	if (v[0] != '\0' && !yw_valid_office_phone(v, strlen(v)))
		fail(s, k, "invalid");
	else
		put(s, k, json_string(v));
}

static void
read_events(struct save *s)
{
	const struct yw_life_event	*all;
	json_t				*j, *v, *out;
	size_t				 i, k, n;

	j = json_object_get(s->x.in, "events");
	if (j == NULL)
		return;
	if (!json_is_array(j)) {
		fail(s, "events", "invalid");
		return;
	}
	json_array_foreach(j, i, v)
		if (yw_catalog_life_event(json_string_value(v)) == NULL) {
			fail(s, "events", "invalid");
			return;
		}
	/* Stored in the fixed order, each once. */
	out = json_array();
	all = yw_catalog_life_events(&n);
	for (k = 0; out != NULL && k < n; k++)
		json_array_foreach(j, i, v)
			if (strcmp(json_string_value(v), all[k].slug) == 0) {
				json_array_append_new(out,
				    json_string(all[k].slug));
				break;
			}
	put(s, "events", out);
}

static void
read_steps(struct save *s)
{
	json_t		*j, *v, *out;
	const char	*p;
	size_t		 i, len;

	j = json_object_get(s->x.in, "steps");
	if (j == NULL)
		return;
	if (!json_is_array(j)) {
		fail(s, "steps", "invalid");
		return;
	}
	out = json_array();
	json_array_foreach(j, i, v) {
		if (!json_is_string(v)) {
			fail(s, "steps", "invalid");
			break;
		}
		len = json_string_length(v);
		p = trim(json_string_value(v), &len);
		if (!yw_utf8_valid(p, len) || yw_utf8_has_control(p, len, 0)) {
			fail(s, "steps", "invalid");
			break;
		}
		if (len == 0)
			continue;
		if (yw_utf8_count(p, len) > YW_CATALOG_STEP_MAX) {
			fail(s, "steps", "too_long");
			break;
		}
		json_array_append_new(out, json_stringn(p, len));
	}
	if (json_array_size(out) > YW_CATALOG_STEPS_MAX)
		fail(s, "steps", "too_many");
	put(s, "steps", out);
}

/* The English of each step, by position: a blank entry is a step not
 * translated; blanks at the end are dropped, and there may not be more
 * entries than steps. Absent from the input, the stored list is kept,
 * cut to the steps there are. */
static void
read_steps_en(struct save *s)
{
	json_t		*j, *v, *out;
	const char	*p;
	size_t		 i, len, nsteps;

	nsteps = json_array_size(json_object_get(s->next, "steps"));
	j = json_object_get(s->x.in, "steps_en");
	if (j == NULL) {
		out = json_deep_copy(json_object_get(s->next, "steps_en"));
		while (json_array_size(out) > nsteps)
			json_array_remove(out, json_array_size(out) - 1);
		put(s, "steps_en", out);
		return;
	}
	if (!json_is_array(j)) {
		fail(s, "steps_en", "invalid");
		return;
	}
	out = json_array();
	json_array_foreach(j, i, v) {
		if (!json_is_string(v) && !json_is_null(v)) {
			fail(s, "steps_en", "invalid");
			break;
		}
		p = json_is_string(v) ? json_string_value(v) : "";
		len = strlen(p);
		p = trim(p, &len);
		if (!yw_utf8_valid(p, len) || yw_utf8_has_control(p, len, 0)) {
			fail(s, "steps_en", "invalid");
			break;
		}
		if (yw_utf8_count(p, len) > YW_CATALOG_STEP_MAX) {
			fail(s, "steps_en", "too_long");
			break;
		}
		json_array_append_new(out, json_stringn(p, len));
	}
	while (json_array_size(out) > 0 && json_string_length(json_array_get(
	    out, json_array_size(out) - 1)) == 0)
		json_array_remove(out, json_array_size(out) - 1);
	if (json_array_size(out) > nsteps && !failed(s, "steps"))
		fail(s, "steps_en", "too_many");
	put(s, "steps_en", out);
}

/* copies of material mx: 1..99, 1 when not given. */
static int64_t
material_copies(struct yw_org_input *mx)
{
	json_t	*j;
	int64_t	 v;

	j = json_object_get(mx->in, "copies");
	if (j == NULL || is_blank(j))
		return 1;
	if (yw_org_input_num(mx, "copies", &v) != 1)
		return 1;
	if (v < 1 || v > YW_CATALOG_COPIES_MAX)
		yw_org_input_fail(mx, "copies", "invalid");
	return v;
}

/*
 * One material (input position n, 1-based) into out, its field errors as
 * material_<n>_<field>; a row with nothing in it is skipped.
 */
static void
read_material(struct save *s, json_t *m, size_t n, json_t *out)
{
	struct yw_org_input	 mx;
	const char		*name, *desc, *form, *k, *name_en, *desc_en;
	const char		*fetch;
	json_t			*code;
	int64_t			 shared, copies;
	char			 key[64];

	if (yw_org_input_init(&mx, m) != YW_OK) {
		s->x.oom = 1;
		return;
	}
	name = yw_org_input_text(&mx, "name", YW_CATALOG_MATERIAL_NAME_MAX, 0);
	desc = yw_org_input_text(&mx, "description",
	    YW_CATALOG_MATERIAL_DESC_MAX, 0);
	name_en = yw_org_input_text(&mx, "name_en",
	    YW_CATALOG_MATERIAL_NAME_MAX, 0);
	desc_en = yw_org_input_text(&mx, "description_en",
	    YW_CATALOG_MATERIAL_DESC_MAX, 0);
	fetch = yw_org_input_text(&mx, "fetch_resource", YW_DATA_CODE_MAX - 1,
	    0);
	shared = 0;
	if (!is_blank(json_object_get(m, "shared_department_id")))
		(void)yw_org_input_num(&mx, "shared_department_id", &shared);
	if ((name == NULL || name[0] == '\0') && (desc == NULL ||
	    desc[0] == '\0') && (name_en == NULL || name_en[0] == '\0') &&
	    (desc_en == NULL || desc_en[0] == '\0') && shared == 0 &&
	    (fetch == NULL || fetch[0] == '\0') &&
	    json_object_size(mx.errors) == 0)
		goto out;
	if (name == NULL ? !yw_org_input_failed(&mx, "name") :
	    name[0] == '\0')
		yw_org_input_fail(&mx, "name", "required");
	copies = material_copies(&mx);
	form = yw_org_input_text(&mx, "form", 16, 0);
	if (form == NULL || form[0] == '\0')
		form = "original";
	else if (!yw_catalog_value_ok(YW_CATALOG_FORM, form))
		yw_org_input_fail(&mx, "form", "invalid");
	json_object_foreach(mx.errors, k, code) {
		(void)snprintf(key, sizeof(key), "material_%zu_%s", n, k);
		fail(s, key, json_string_value(code));
	}
	if (json_array_append_new(out, json_pack("{s:s, s:s, s:I, s:s, s:o,"
	    " s:s, s:s, s:s}", "name", name != NULL ? name : "", "description",
	    desc != NULL ? desc : "", "copies", (json_int_t)copies, "form",
	    form, "shared_department_id", shared > 0 ?
	    json_integer((json_int_t)shared) : json_null(), "name_en",
	    name_en != NULL ? name_en : "", "description_en",
	    desc_en != NULL ? desc_en : "", "fetch_resource", fetch != NULL ?
	    fetch : "")) != 0 ||
	    json_array_append_new(s->mat_pos, json_integer((json_int_t)n)) !=
	    0)
		s->x.oom = 1;
out:
	if (mx.oom)
		s->x.oom = 1;
	yw_org_input_free(&mx);
}

static void
read_materials(struct save *s)
{
	json_t	*j, *m, *out;
	size_t	 i;

	j = json_object_get(s->x.in, "materials");
	if (j == NULL)
		return;
	if (!json_is_array(j)) {
		fail(s, "materials", "invalid");
		return;
	}
	out = json_array();
	if (out == NULL) {
		s->x.oom = 1;
		return;
	}
	json_array_foreach(j, i, m) {
		if (!json_is_object(m)) {
			fail(s, "materials", "invalid");
			continue;
		}
		read_material(s, m, i + 1, out);
	}
	if (json_array_size(out) > YW_CATALOG_MATERIALS_MAX)
		fail(s, "materials", "too_many");
	put(s, "materials", out);
}

/* The fields every save may change (not the fixed ones). */
static void
read_fields(struct save *s)
{
	const char *st;

	read_text(s, "name", YW_CATALOG_NAME_MAX,
	    s->create ? YW_ORG_REQUIRED : YW_ORG_NONEMPTY);
	read_text(s, "name_en", YW_CATALOG_NAME_EN_MAX, 0);
	read_text(s, "legal_basis", YW_CATALOG_TEXT_MAX, YW_ORG_MULTILINE);
	read_text(s, "conditions", YW_CATALOG_TEXT_MAX, YW_ORG_MULTILINE);
	read_text(s, "fee_text", YW_CATALOG_FEE_MAX, YW_ORG_MULTILINE);
	/* English versions: optional, the same limits. */
	read_text(s, "legal_basis_en", YW_CATALOG_TEXT_MAX, YW_ORG_MULTILINE);
	read_text(s, "conditions_en", YW_CATALOG_TEXT_MAX, YW_ORG_MULTILINE);
	read_text(s, "fee_text_en", YW_CATALOG_FEE_MAX, YW_ORG_MULTILINE);
	read_number(s, "statutory_days", YW_CATALOG_DAYS_MAX);
	read_number(s, "promised_days", YW_CATALOG_DAYS_MAX);
	read_number(s, "visits", YW_CATALOG_VISITS_MAX);
	read_enum(s, "fee_kind", YW_CATALOG_FEE);
	read_enum(s, "online_depth", YW_CATALOG_DEPTH);
	read_phone(s, "consult_phone");
	read_phone(s, "complaint_phone");
	read_events(s);
	read_steps(s);
	read_steps_en(s);
	read_materials(s);
	st = yw_org_input_text(&s->x, "status", 16, 0);
	if (st == NULL || st[0] == '\0')
		return;
	if (!yw_catalog_value_ok(YW_CATALOG_STATUS, st) ||
	    (s->create && strcmp(st, "withdrawn") == 0))
		fail(s, "status", "invalid");
	else
		put(s, "status", json_string(st));
}

/* Loads the department of next into s->dept and checks a may use it. */
static enum yw_err
check_department(struct save *s, int64_t id)
{
	enum yw_err rc;

	rc = yw_org_department_get(s->db, id, &s->dept);
	if (rc == YW_ENOTFOUND) {
		fail(s, "department_id", "not_found");
		return YW_OK;
	}
	if (rc != YW_OK)
		return rc;
	if (!yw_org_input_has_role(s->a, YW_ROLE_PLATFORM_ADMIN) &&
	    id != s->a->department_id)
		fail(s, "department_id", "forbidden");
	return YW_OK;
}

/* region_code: the department's region or one below it. */
static enum yw_err
check_region(struct save *s, const char *code)
{
	json_t		*region;
	const char	*dp;
	enum yw_err	 rc;

	if (s->dept == NULL)
		return YW_OK;
	if (code == NULL || code[0] == '\0') {
		put(s, "region_code", json_string(str(s->dept,
		    "region_code")));
		return YW_OK;
	}
	rc = yw_org_region_get(s->db, code, &region);
	if (rc == YW_ENOTFOUND) {
		fail(s, "region_code", "not_found");
		return YW_OK;
	}
	if (rc != YW_OK)
		return rc;
	dp = str(s->dept, "region_path");
	if (strncmp(str(region, "path"), dp, strlen(dp)) != 0)
		fail(s, "region_code", "invalid");
	else
		put(s, "region_code", json_string(code));
	json_decref(region);
	return YW_OK;
}

/*
 * department_id, region_code and item_type: chosen on create, "fixed"
 * afterwards (the item code is made of them).
 */
static enum yw_err
read_fixed(struct save *s)
{
	const char	*type, *region;
	int64_t		 dept;
	int		 has;
	enum yw_err	 rc;

	has = yw_org_input_num(&s->x, "department_id", &dept);
	type = yw_org_input_text(&s->x, "item_type", 32,
	    s->create ? YW_ORG_REQUIRED : 0);
	region = yw_org_input_text(&s->x, "region_code", 12, 0);
	if (!s->create) {
		if (has == 1 && dept != 0 &&
		    dept != yw_org_input_int(s->cur, "department_id"))
			fail(s, "department_id", "fixed");
		if (type != NULL && type[0] != '\0' &&
		    strcmp(type, str(s->cur, "item_type")) != 0)
			fail(s, "item_type", "fixed");
		if (region != NULL && region[0] != '\0' &&
		    strcmp(region, str(s->cur, "region_code")) != 0)
			fail(s, "region_code", "fixed");
		return YW_OK;
	}
	if (type != NULL && !yw_catalog_value_ok(YW_CATALOG_TYPE, type))
		fail(s, "item_type", "invalid");
	else if (type != NULL)
		put(s, "item_type", json_string(type));
	if (has < 0)
		return YW_OK;
	if (dept == 0 && !yw_org_input_has_role(s->a, YW_ROLE_PLATFORM_ADMIN))
		dept = s->a->department_id;
	if (dept == 0) {
		fail(s, "department_id", "required");
		return YW_OK;
	}
	put(s, "department_id", json_integer((json_int_t)dept));
	rc = check_department(s, dept);
	if (rc != YW_OK || failed(s, "region_code"))
		return rc;
	return check_region(s, region);
}

/* Each material's sharing department must exist; a resource it is
 * fetched from must exist and be shared (data.h). */
static enum yw_err
check_shared(struct save *s)
{
	json_t		*m, *d;
	const char	*fetch;
	int64_t		 id;
	size_t		 i;
	char		 key[64];
	enum yw_err	 rc;

	json_array_foreach(json_object_get(s->next, "materials"), i, m) {
		fetch = json_string_value(json_object_get(m, "fetch_resource"));
		if (fetch != NULL && fetch[0] != '\0') {
			d = NULL;
			rc = yw_data_resource_source(s->db, fetch, &d);
			json_decref(d);
			if (rc != YW_OK && rc != YW_ENOTFOUND &&
			    rc != YW_EFORBIDDEN)
				return rc;
			(void)snprintf(key, sizeof(key),
			    "material_%lld_fetch_resource", (long long)
			    json_integer_value(json_array_get(s->mat_pos, i)));
			if (rc == YW_ENOTFOUND)
				fail(s, key, "not_found");
			else if (rc == YW_EFORBIDDEN)
				fail(s, key, "not_shared");
			else {
				/* The item's department reads the record
				 * when it fetches: it must be allowed to. */
				rc = yw_data_readable(s->db,
				    yw_org_input_int(s->next, "department_id"),
				    fetch, yw_time_now(), &d);
				if (rc != YW_OK)
					return rc;
				if (json_array_size(d) == 0)
					fail(s, key, "not_readable");
				json_decref(d);
			}
		}
		id = yw_org_input_int(m, "shared_department_id");
		if (id == 0)
			continue;
		rc = yw_org_department_get(s->db, id, &d);
		json_decref(d);
		if (rc == YW_OK)
			continue;
		if (rc != YW_ENOTFOUND)
			return rc;
		(void)snprintf(key, sizeof(key),
		    "material_%lld_shared_department_id",
		    (long long)json_integer_value(json_array_get(s->mat_pos,
		    i)));
		fail(s, key, "not_found");
	}
	return YW_OK;
}

/* The checks across fields, on the item as it will be. */
static void
check_item(struct save *s)
{
	json_t	*st, *pr, *missing, *f;
	size_t	 i;

	st = json_object_get(s->next, "statutory_days");
	pr = json_object_get(s->next, "promised_days");
	if (json_is_integer(st) && json_is_integer(pr) &&
	    json_integer_value(pr) > json_integer_value(st) &&
	    !failed(s, "statutory_days"))
		fail(s, "promised_days", "exceeds_statutory");
	if (strcmp(str(s->next, "status"), "published") != 0)
		return;
	/* Publishing needs every standard field. */
	(void)yw_catalog_completeness(s->next, &missing);
	if (missing == NULL) {
		s->x.oom = 1;
		return;
	}
	json_array_foreach(missing, i, f)
		fail(s, json_string_value(f), "required");
	json_decref(missing);
}

/* The item as catalog_store_get and the lists read it, in the shape of
 * blank_item(); NULL when out of memory. */
static json_t *
normalise(json_t *row, json_t *mats, json_t *steps, json_t *evs)
{
	const struct yw_life_event	*all;
	json_t				*o, *m, *list, *v;
	size_t				 i, j, n;

	o = blank_item();
	if (o == NULL)
		return NULL;
	for (i = 0; i < sizeof(item_keys) / sizeof(item_keys[0]); i++) {
		v = json_object_get(row, item_keys[i]);
		if (v != NULL && json_object_set(o, item_keys[i], v) != 0)
			goto fail;
	}
	list = json_object_get(o, "materials");
	json_array_foreach(mats, i, m)
		if (json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:O,"
		    " s:O, s:O, s:O}", "name", json_object_get(m, "name"),
		    "description", json_object_get(m, "description"), "copies",
		    json_object_get(m, "copies"), "form", json_object_get(m,
		    "form"), "shared_department_id", json_object_get(m,
		    "shared_department_id"), "name_en", json_object_get(m,
		    "name_en"), "description_en", json_object_get(m,
		    "description_en"))) != 0 || json_object_set(json_array_get(
		    list, json_array_size(list) - 1), "fetch_resource",
		    json_object_get(m, "fetch_resource")) != 0)
			goto fail;
	list = json_object_get(o, "steps");
	json_array_foreach(steps, i, m)
		if (json_array_append(list, json_object_get(m, "text")) != 0)
			goto fail;
	/* As read_steps_en reads it: by position, no blanks at the end. */
	list = json_object_get(o, "steps_en");
	json_array_foreach(steps, i, m)
		if (json_array_append(list, json_object_get(m, "text_en")) != 0)
			goto fail;
	while (json_array_size(list) > 0 && json_string_length(json_array_get(
	    list, json_array_size(list) - 1)) == 0)
		json_array_remove(list, json_array_size(list) - 1);
	list = json_object_get(o, "events");
	all = yw_catalog_life_events(&n);
	for (j = 0; j < n; j++)
		json_array_foreach(evs, i, m)
			if (strcmp(str(m, "event"), all[j].slug) == 0 &&
			    json_array_append_new(list,
			    json_string(all[j].slug)) != 0)
				goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

/* Loads item id as s->cur (and a copy as s->next) if it is in scope. */
static enum yw_err
load(struct save *s, int64_t id)
{
	json_t		*row = NULL, *mats = NULL, *steps = NULL, *evs = NULL;
	enum yw_err	 rc;

	rc = yw_catalog_store_get(s->db, id, NULL, &row);
	if (rc != YW_OK)
		goto out;
	if (!yw_org_input_has_role(s->a, YW_ROLE_PLATFORM_ADMIN) &&
	    yw_org_input_int(row, "department_id") != s->a->department_id) {
		rc = YW_ENOTFOUND;
		goto out;
	}
	rc = yw_catalog_store_materials(s->db, id, &mats);
	if (rc == YW_OK)
		rc = yw_catalog_store_steps(s->db, id, &steps);
	if (rc == YW_OK)
		rc = yw_catalog_store_events(s->db, id, &evs);
	if (rc != YW_OK)
		goto out;
	s->cur = normalise(row, mats, steps, evs);
	s->next = json_deep_copy(s->cur);
	if (s->cur == NULL || s->next == NULL)
		rc = YW_ENOMEM;
out:
	json_decref(row);
	json_decref(mats);
	json_decref(steps);
	json_decref(evs);
	return rc;
}

/* The audit action for a change from cur to next. */
static const char *
action(struct save *s)
{
	const char *from, *to;

	if (s->cur == NULL)
		return "service.create";
	from = str(s->cur, "status");
	to = str(s->next, "status");
	if (strcmp(from, to) == 0)
		return "service.update";
	if (strcmp(to, "published") == 0)
		return "service.publish";
	if (strcmp(to, "withdrawn") == 0)
		return "service.withdraw";
	return "service.unpublish";
}

/* The changed fields as {field: {old, new}}; on create the item's
 * identity. NULL when out of memory. */
static json_t *
detail(struct save *s)
{
	json_t	*d;
	size_t	 i;

	if (s->cur == NULL)
		return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "code",
		    json_object_get(s->next, "code"), "name",
		    json_object_get(s->next, "name"), "item_type",
		    json_object_get(s->next, "item_type"), "department_id",
		    json_object_get(s->next, "department_id"), "region_code",
		    json_object_get(s->next, "region_code"), "status",
		    json_object_get(s->next, "status"), "completeness",
		    json_object_get(s->next, "completeness"));
	d = json_object();
	for (i = 0; d != NULL && i < sizeof(item_keys) / sizeof(item_keys[0]);
	    i++)
		if (yw_org_input_diff(d, item_keys[i], json_incref(
		    json_object_get(s->cur, item_keys[i])), json_incref(
		    json_object_get(s->next, item_keys[i]))) != 0) {
			json_decref(d);
			return NULL;
		}
	return d;
}

/* Gives a new item its sequence and code. */
static enum yw_err
assign_code(struct save *s)
{
	char		 code[YW_CATALOG_CODE_MAX];
	int64_t		 seq;
	enum yw_err	 rc;

	rc = yw_catalog_store_next_seq(s->db, yw_org_input_int(s->next,
	    "department_id"), str(s->next, "region_code"), str(s->next,
	    "item_type"), &seq);
	if (rc != YW_OK)
		return rc;
	rc = yw_catalog_code(str(s->next, "region_code"), str(s->dept, "code"),
	    str(s->next, "item_type"), seq, code, sizeof(code));
	if (rc != YW_OK)
		return seq > 9999 ? YW_ECONFLICT : YW_EINTERNAL;
	put(s, "code", json_string(code));
	put(s, "seq", json_integer((json_int_t)seq));
	return s->x.oom ? YW_ENOMEM : YW_OK;
}

/* Writes next: the row, the lists that changed, the audit entry. */
static enum yw_err
store_item(struct save *s, int64_t *id)
{
	json_t		*d;
	char		 idtext[24];
	enum yw_err	 rc;
	size_t		 i;
	static const char *const lists[] = { "materials", "steps", "events" };

	d = detail(s);
	if (d == NULL)
		return YW_ENOMEM;
	if (s->cur != NULL && json_object_size(d) == 0) {
		json_decref(d);
		return YW_OK;	/* nothing changed, nothing to audit */
	}
	if (s->cur == NULL)
		rc = yw_catalog_store_insert(s->db, s->next, yw_time_now(), id);
	else
		rc = yw_catalog_store_update(s->db, *id, s->next,
		    yw_time_now());
	for (i = 0; rc == YW_OK && i < 3; i++) {
		if (s->cur != NULL && json_object_get(d, lists[i]) == NULL &&
		    (i != 1 || json_object_get(d, "steps_en") == NULL))
			continue;
		if (i == 0)
			rc = yw_catalog_store_set_materials(s->db, *id,
			    json_object_get(s->next, lists[i]));
		else if (i == 1)
			rc = yw_catalog_store_set_steps(s->db, *id,
			    json_object_get(s->next, lists[i]),
			    json_object_get(s->next, "steps_en"));
		else
			rc = yw_catalog_store_set_events(s->db, *id,
			    json_object_get(s->next, lists[i]));
	}
	if (rc == YW_OK) {
		(void)snprintf(idtext, sizeof(idtext), "%lld", (long long)*id);
		rc = yw_audit_append(s->db, s->a, action(s), "service", idtext,
		    d);
	}
	/* The search index follows the item in the same transaction. */
	if (rc == YW_OK)
		rc = yw_catalog_index(s->db, *id);
	json_decref(d);
	return rc;
}

enum yw_err
yw_catalog_save(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *in, int64_t *id_out, json_t **errors)
{
	struct save	s;
	enum yw_err	rc;

	*errors = NULL;
	if (id_out != NULL)
		*id_out = 0;
	if (!yw_catalog_may_edit(a))
		return YW_EFORBIDDEN;
	if (id < 0)
		return YW_ENOTFOUND;
	memset(&s, 0, sizeof(s));
	s.db = db;
	s.a = a;
	s.create = id == 0;
	rc = yw_org_input_init(&s.x, in);
	if (rc != YW_OK)
		return rc;
	s.mat_pos = json_array();
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (s.create)
		s.next = blank_item();
	else
		rc = load(&s, id);
	if (rc == YW_OK && (s.next == NULL || s.mat_pos == NULL))
		rc = YW_ENOMEM;
	if (rc != YW_OK)
		goto txn;
	rc = read_fixed(&s);
	if (rc != YW_OK)
		goto txn;
	read_fields(&s);
	rc = check_shared(&s);
	if (rc != YW_OK)
		goto txn;
	check_item(&s);
	put(&s, "completeness", json_integer(yw_catalog_completeness(s.next,
	    NULL)));
	rc = yw_org_input_done(&s.x, errors);
	if (rc == YW_OK && s.create)
		rc = assign_code(&s);
	if (rc == YW_OK)
		rc = store_item(&s, &id);
txn:
	rc = yw_org_input_finish(db, rc);
	if (rc == YW_OK && id_out != NULL)
		*id_out = id;
out:
	json_decref(s.next);
	json_decref(s.cur);
	json_decref(s.mat_pos);
	json_decref(s.dept);
	yw_org_input_free(&s.x);
	return rc;
}
