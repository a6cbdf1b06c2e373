/*
 * data.c - the resource catalogue and grants: permissions, validation of
 * the GB/T 21063 fields, audited saves (data.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/data/data.h"
#include "app/data/data_store.h"
#include "app/data/open.h"
#include "app/data/schema.h"
#include "app/org/org.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "core/utf8.h"

const char *const yw_data_classifications[] = {
	"base", "theme", "department", NULL
};
const char *const yw_data_formats[] = {
	"database", "spreadsheet", "document", "image", "stream", "api", NULL
};
const char *const yw_data_sharing[] = {
	"unconditional", "conditional", "none", NULL
};
const char *const yw_data_cycles[] = {
	"realtime", "daily", "weekly", "monthly", "quarterly", "yearly", NULL
};

/* The text fields: name, max code points, required. */
static const struct {
	const char	*name;
	size_t		 max;
	int		 required;
} text_fields[] = {
	{ "name", YW_DATA_NAME_MAX, 1 },
	{ "name_en", YW_DATA_NAME_EN_MAX, 0 },
	{ "summary", YW_DATA_SUMMARY_MAX, 1 },
	{ "sharing_conditions", YW_DATA_CONDITIONS_MAX, 0 },
	{ "open_conditions", YW_DATA_CONDITIONS_MAX, 0 },
};

static const struct {
	const char		*name;
	const char *const	*values;
} enum_fields[] = {
	{ "classification", yw_data_classifications },
	{ "format", yw_data_formats },
	{ "sharing", yw_data_sharing },
	{ "open_attr", yw_data_sharing },
	{ "update_cycle", yw_data_cycles },
};

static int
is_staff(const struct yw_actor *a)
{
	return a != NULL && strcmp(a->kind, "staff") == 0;
}

static enum yw_err
need_staff(const struct yw_actor *a)
{
	/* The command line's actor is staff without an account id. */
	if (a == NULL || (a->id == 0 && !is_staff(a)))
		return YW_EAUTH;
	return is_staff(a) ? YW_OK : YW_EFORBIDDEN;
}

static int
may_edit(const struct yw_actor *a, int64_t department_id)
{
	if (!is_staff(a))
		return 0;
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	return (a->roles & YW_ROLE_DATA_STEWARD) && a->department_id != 0 &&
	    a->department_id == department_id;
}

static int
may_grant(const struct yw_actor *a, int64_t department_id)
{
	if (may_edit(a, department_id))
		return 1;
	return is_staff(a) && (a->roles & YW_ROLE_DEPT_ADMIN) &&
	    a->department_id == department_id;
}

enum yw_err
yw_data_resource_list(struct yw_db *db, const struct yw_actor *a,
    int64_t department_id, json_t **out)
{
	json_t		*rows, *r;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	rc = need_staff(a);
	if (rc != YW_OK)
		return rc;
	rc = yw_data_store_list(db, department_id, &rows);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(rows, i, r) {
		json_t *items = json_loads(json_string_value(
		    json_object_get(r, "items")), 0, NULL);

		json_object_set_new(r, "item_count", json_integer(
		    (json_int_t)json_array_size(items)));
		json_decref(items);
		json_object_del(r, "items");
		json_object_set_new(r, "editable", json_boolean(may_edit(a,
		    json_integer_value(json_object_get(r, "department_id")))));
	}
	*out = rows;
	return YW_OK;
}

/* Replaces the text column "items" (or a grant's) by its JSON value. */
static void
parse_items(json_t *row)
{
	json_t *v;

	v = json_loads(json_string_value(json_object_get(row, "items")), 0,
	    NULL);
	json_object_set_new(row, "items", v != NULL ? v : json_array());
}

enum yw_err
yw_data_resource_get(struct yw_db *db, const struct yw_actor *a,
    const char *code, json_t **out)
{
	json_t		*row = NULL, *grants = NULL, *g;
	int64_t		 id, n;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	rc = need_staff(a);
	if (rc != YW_OK)
		return rc;
	rc = yw_data_store_get(db, code, &row);
	if (rc != YW_OK)
		return rc;
	parse_items(row);
	id = json_integer_value(json_object_get(row, "id"));
	rc = yw_data_store_grants(db, id, &grants);
	if (rc != YW_OK)
		goto out;
	json_array_foreach(grants, i, g)
		parse_items(g);
	rc = yw_data_store_record_count(db, id, &n);
	if (rc != YW_OK)
		goto out;
	json_object_set_new(row, "grants", grants);
	grants = NULL;
	json_object_set_new(row, "record_count", json_integer(n));
	json_object_set_new(row, "editable", json_boolean(may_edit(a,
	    json_integer_value(json_object_get(row, "department_id")))));
	*out = row;
	row = NULL;
out:
	json_decref(row);
	json_decref(grants);
	return rc;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static void
err(json_t *errors, const char *field, const char *code)
{
	if (json_object_get(errors, field) == NULL)
		json_object_set_new(errors, field, json_string(code));
}

/* Validates in into r (the row to store, without code/department). */
static enum yw_err
check_fields(json_t *in, json_t *r, json_t *errors)
{
	json_t		*items = NULL;
	const char	*s, *key;
	json_t		*ki;
	size_t		 i;
	int		 y, m, d;
	enum yw_err	 rc;

	for (i = 0; i < sizeof(text_fields) / sizeof(text_fields[0]); i++) {
		s = str(in, text_fields[i].name);
		if (!yw_utf8_valid(s, strlen(s)))
			err(errors, text_fields[i].name, "utf8");
		else if (text_fields[i].required && s[0] == '\0')
			err(errors, text_fields[i].name, "required");
		else if (yw_utf8_count(s, strlen(s)) > text_fields[i].max)
			err(errors, text_fields[i].name, "too_long");
		json_object_set_new(r, text_fields[i].name, json_string(
		    yw_utf8_valid(s, strlen(s)) ? s : ""));
	}
	for (i = 0; i < sizeof(enum_fields) / sizeof(enum_fields[0]); i++) {
		s = str(in, enum_fields[i].name);
		if (s[0] == '\0')
			err(errors, enum_fields[i].name, "required");
		else if (!yw_in_list(enum_fields[i].values, s))
			err(errors, enum_fields[i].name, "invalid");
		json_object_set_new(r, enum_fields[i].name, json_string(
		    yw_in_list(enum_fields[i].values, s) ? s : ""));
	}
	if (strcmp(str(r, "sharing"), "unconditional") != 0 &&
	    str(r, "sharing")[0] != '\0' && str(r, "sharing_conditions")[0] ==
	    '\0')
		err(errors, "sharing_conditions", "required");
	if (strcmp(str(r, "open_attr"), "unconditional") != 0 &&
	    str(r, "open_attr")[0] != '\0' && str(r, "open_conditions")[0] ==
	    '\0')
		err(errors, "open_conditions", "required");
	s = str(in, "published_on");
	if (s[0] == '\0')
		err(errors, "published_on", "required");
	else if (!yw_time_parse_date(s, strlen(s), &y, &m, &d))
		err(errors, "published_on", "date");
	json_object_set_new(r, "published_on", json_string(
	    yw_utf8_valid(s, strlen(s)) ? s : ""));
	rc = yw_schema_items_clean(json_object_get(in, "items"), errors,
	    &items);
	if (rc == YW_ENOMEM)
		return rc;
	key = str(in, "key_item");
	if (key[0] != '\0' && items != NULL) {
		ki = yw_schema_item(items, key);
		if (ki == NULL || !json_is_true(json_object_get(ki,
		    "required")))
			err(errors, "key_item", "invalid");
	}
	json_object_set_new(r, "key_item", json_string(
	    yw_utf8_valid(key, strlen(key)) ? key : ""));
	if (items != NULL)
		json_object_set_new(r, "items_json", items);
	return json_object_size(errors) > 0 ? YW_EINVAL : YW_OK;
}

/* The fields whose stored value differs from r, for the audit entry. */
static json_t *
changed(json_t *old, json_t *r)
{
	static const char *const keys[] = { "name", "name_en", "summary",
	    "classification", "items", "key_item", "format", "sharing",
	    "sharing_conditions", "open_attr", "open_conditions",
	    "update_cycle", "published_on" };
	json_t		*list;
	size_t		 i;

	list = json_array();
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (old == NULL || !json_equal(json_object_get(old, keys[i]),
		    json_object_get(r, keys[i])))
			json_array_append_new(list, json_string(keys[i]));
	return list;
}

enum yw_err
yw_data_resource_save(struct yw_db *db, const struct yw_actor *a,
    const char *code, json_t *in, char code_out[YW_DATA_CODE_MAX],
    json_t **errors)
{
	json_t		*r = NULL, *old = NULL, *dept = NULL, *errs, *detail;
	char		*items_text = NULL;
	int64_t		 dept_id, seq;
	enum yw_err	 rc;
	int		 began = 0;

	*errors = NULL;
	code_out[0] = '\0';
	rc = need_staff(a);
	if (rc != YW_OK)
		return rc;
	errs = json_object();
	r = json_object();
	if (errs == NULL || r == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	if (code != NULL) {
		rc = yw_data_store_get(db, code, &old);
		if (rc != YW_OK)
			goto out;
		dept_id = json_integer_value(json_object_get(old,
		    "department_id"));
		if (!may_edit(a, dept_id)) {
			rc = YW_EFORBIDDEN;
			goto out;
		}
	} else if (a->roles & YW_ROLE_PLATFORM_ADMIN) {
		json_t *v = json_object_get(in, "department_id");

		dept_id = json_is_integer(v) ? json_integer_value(v) :
		    strtoll(str(in, "department_id"), NULL, 10);
		if (dept_id <= 0)
			dept_id = a->department_id;
	} else {
		dept_id = a->department_id;
		if (!may_edit(a, dept_id)) {
			rc = YW_EFORBIDDEN;
			goto out;
		}
	}
	if (code == NULL) {
		rc = yw_org_department_get(db, dept_id, &dept);
		if (rc == YW_ENOTFOUND) {
			err(errs, "department_id", dept_id == 0 ? "required" :
			    "not_found");
			rc = YW_OK;
		}
		if (rc != YW_OK)
			goto out;
	}
	rc = check_fields(in, r, errs);
	if (rc != YW_OK)
		goto out;
	if (json_object_size(errs) > 0) {
		rc = YW_EINVAL;
		goto out;
	}
	items_text = json_dumps(json_object_get(r, "items_json"),
	    JSON_COMPACT);
	if (items_text == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	json_object_set_new(r, "items", json_string(items_text));
	json_object_set_new(r, "department_id", json_integer(dept_id));
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	began = 1;
	if (code == NULL) {
		rc = yw_data_store_next_seq(db, dept_id, &seq);
		if (rc != YW_OK)
			goto out;
		(void)snprintf(code_out, YW_DATA_CODE_MAX, "%s-%04lld",
		    str(dept, "code"), (long long)seq);
		json_object_set_new(r, "code", json_string(code_out));
		rc = yw_data_store_insert(db, r, yw_time_now());
	} else {
		(void)snprintf(code_out, YW_DATA_CODE_MAX, "%s", code);
		json_object_set_new(r, "code", json_string(code));
		rc = yw_data_store_update(db, r, yw_time_now());
	}
	if (rc != YW_OK)
		goto out;
	/* The open data portal's search document follows the entry. */
	rc = yw_open_index(db, code_out);
	if (rc != YW_OK)
		goto out;
	detail = json_pack("{s:o}", "changed", changed(old, r));
	rc = yw_audit_append(db, a, code == NULL ? "data_resource.create" :
	    "data_resource.update", "data_resource", code_out, detail);
	json_decref(detail);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_commit(db);
	began = 0;
out:
	if (began)
		(void)yw_db_rollback(db);
	if (rc == YW_EINVAL) {
		*errors = errs;
		errs = NULL;
		code_out[0] = '\0';
	}
	free(items_text);
	json_decref(errs);
	json_decref(r);
	json_decref(old);
	json_decref(dept);
	return rc;
}

enum yw_err
yw_data_grant_save(struct yw_db *db, const struct yw_actor *a,
    const char *code, int64_t department_id, json_t *items,
    const char *purpose, json_t **errors)
{
	json_t		*res = NULL, *dept = NULL, *ritems = NULL, *it, *detail;
	char		*text = NULL;
	size_t		 i;
	int64_t		 rid;
	enum yw_err	 rc;
	int		 began = 0;

	*errors = NULL;
	rc = need_staff(a);
	if (rc != YW_OK)
		return rc;
	rc = yw_data_store_get(db, code, &res);
	if (rc != YW_OK)
		return rc;
	if (!may_grant(a, json_integer_value(json_object_get(res,
	    "department_id")))) {
		rc = YW_EFORBIDDEN;
		goto out;
	}
	rc = yw_org_department_get(db, department_id, &dept);
	if (rc == YW_ENOTFOUND) {
		*errors = json_pack("{s:s}", "department_id", "not_found");
		rc = YW_EINVAL;
	}
	if (rc != YW_OK)
		goto out;
	ritems = json_loads(str(res, "items"), 0, NULL);
	json_array_foreach(items, i, it)
		if (!json_is_string(it) || yw_schema_item(ritems,
		    json_string_value(it)) == NULL) {
			*errors = json_pack("{s:s}", "items", "invalid");
			rc = YW_EINVAL;
			goto out;
		}
	text = json_dumps(items, JSON_COMPACT);
	if (text == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rid = json_integer_value(json_object_get(res, "id"));
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	began = 1;
	rc = yw_data_store_grant_put(db, rid, department_id, text,
	    purpose != NULL ? purpose : "", yw_time_now());
	if (rc != YW_OK)
		goto out;
	detail = json_pack("{s:I, s:O}", "department_id",
	    (json_int_t)department_id, "items", items);
	rc = yw_audit_append(db, a, "data_grant.save", "data_resource", code,
	    detail);
	json_decref(detail);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_commit(db);
	began = 0;
out:
	if (began)
		(void)yw_db_rollback(db);
	free(text);
	json_decref(res);
	json_decref(dept);
	json_decref(ritems);
	return rc;
}

enum yw_err
yw_data_readable(struct yw_db *db, int64_t department_id, const char *code,
    int64_t now, json_t **out)
{
	return yw_data_store_readable(db, department_id, now, code, out);
}

enum yw_err
yw_data_resource_source(struct yw_db *db, const char *code, json_t **out)
{
	json_t		*row = NULL, *items;
	const char	*sharing;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_data_store_get(db, code, &row);
	if (rc != YW_OK)
		return rc;
	if (strcmp(json_string_value(json_object_get(row, "status")),
	    "active") != 0) {
		json_decref(row);
		return YW_ENOTFOUND;
	}
	items = json_loads(json_string_value(json_object_get(row, "items")), 0,
	    NULL);
	sharing = json_string_value(json_object_get(row, "sharing"));
	*out = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:o}",
	    "id", json_object_get(row, "id"), "code", json_object_get(row,
	    "code"), "name", json_object_get(row, "name"), "name_en",
	    json_object_get(row, "name_en"), "department_id",
	    json_object_get(row, "department_id"), "department_name",
	    json_object_get(row, "department_name"), "department_name_en",
	    json_object_get(row, "department_name_en"), "sharing",
	    json_object_get(row, "sharing"), "items", items != NULL ? items :
	    json_array());
	rc = *out == NULL ? YW_ENOMEM : sharing != NULL && strcmp(sharing,
	    "none") == 0 ? YW_EFORBIDDEN : YW_OK;
	json_decref(row);
	return rc;
}

enum yw_err
yw_data_grant_items(struct yw_db *db, int64_t resource_id,
    int64_t department_id, int64_t now, json_t **out)
{
	json_t		*g = NULL;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_data_store_grant_get(db, resource_id, department_id, now, &g);
	if (rc == YW_OK)
		*out = json_loads(json_string_value(json_object_get(g,
		    "items")), 0, NULL);
	json_decref(g);
	if (rc != YW_OK && rc != YW_ENOTFOUND)
		return rc;
	if (!json_is_array(*out)) {
		json_decref(*out);
		*out = json_array();
	}
	return *out != NULL ? YW_OK : YW_ENOMEM;
}
