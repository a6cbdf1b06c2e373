/*
 * case_fetch.c - materials fetched from department data with the
 * applicant's consent (case_fetch.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/data/data.h"
#include "app/data/exchange.h"
#include "app/data/schema.h"
#include "app/service/case_fetch.h"
#include "app/service/case_fetch_store.h"
#include "core/jsonx.h"
#include "core/timeutil.h"

/* The attachment field of form that says it provides material, or "". */
static const char *
upload_for(json_t *form, const char *material)
{
	json_t	*f;
	size_t	 i;

	json_array_foreach(json_object_get(form, "fields"), i, f)
		if (strcmp(yw_jstr(f, "type"), "attachment") == 0 &&
		    strcmp(yw_jstr(f, "material"), material) == 0)
			return yw_jstr(f, "name");
	return "";
}

static int
asked(json_t *fields, const char *material, const char *resource)
{
	json_t	*f;
	size_t	 i;

	json_array_foreach(fields, i, f)
		if (strcmp(yw_jstr(f, "type"), "consent") == 0 &&
		    strcmp(yw_jstr(f, "material"), material) == 0 &&
		    strcmp(yw_jstr(f, "resource"), resource) == 0)
			return 1;
	return 0;
}

enum yw_err
yw_case_fetch_fields(struct yw_db *db, json_t *tasks, json_t *form)
{
	json_t		*fields, *t, *rows, *m, *src, *f;
	const char	*name, *up;
	char		 fname[32];
	size_t		 i, j, n = 0;
	enum yw_err	 rc;

	fields = json_object_get(form, "fields");
	if (!json_is_array(fields))
		return YW_OK;
	json_array_foreach(tasks, i, t) {
		rc = yw_case_fetch_store_materials(db, json_integer_value(
		    json_object_get(t, "id")), &rows);
		if (rc != YW_OK)
			return rc;
		json_array_foreach(rows, j, m) {
			name = yw_jstr(m, "name");
			if (asked(fields, name, yw_jstr(m, "fetch_resource")))
				continue;
			src = NULL;
			rc = yw_data_resource_source(db, yw_jstr(m,
			    "fetch_resource"), &src);
			if (rc != YW_OK) {
				json_decref(src);
				if (rc == YW_ENOTFOUND || rc == YW_EFORBIDDEN)
					continue;
				json_decref(rows);
				return rc;
			}
			(void)snprintf(fname, sizeof(fname), "fetch_%zu", ++n);
			f = json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:O,"
			    " s:O, s:O}", "name", fname, "type", "consent",
			    "label", "zh", name, "en", yw_jstr(m,
			    "name_en")[0] !=
			    '\0' ? yw_jstr(m, "name_en") : name, "material",
			    name,
			    "resource", yw_jstr(m, "fetch_resource"),
			    "reader_department_id", json_object_get(t,
			    "department_id"), "provider_name",
			    json_object_get(src, "department_name"),
			    "provider_name_en", json_object_get(src,
			    "department_name_en"));
			json_decref(src);
			if (f == NULL) {
				json_decref(rows);
				return YW_ENOMEM;
			}
			up = upload_for(form, name);
			if (up[0] != '\0')
				json_object_set_new(f, "upload",
				    json_string(up));
			json_array_append_new(fields, f);
		}
		json_decref(rows);
	}
	return YW_OK;
}

/* The applicant's ID number in clean: see case_fetch.h. */
static const char *
applicant_idnum(json_t *form, json_t *clean)
{
	json_t	*f;
	size_t	 i;

	if (json_is_string(json_object_get(clean, "applicant_idnum")))
		return yw_jstr(clean, "applicant_idnum");
	json_array_foreach(json_object_get(form, "fields"), i, f)
		if (strcmp(yw_jstr(f, "type"), "idnum") == 0 &&
		    json_is_string(json_object_get(clean, yw_jstr(f, "name"))))
			return yw_jstr(clean, yw_jstr(f, "name"));
	return NULL;
}

/* The resource's ID number item: named idnum or ending in _idnum. */
static const char *
idnum_item(json_t *items)
{
	json_t		*it;
	const char	*n;
	size_t		 i, len;

	json_array_foreach(items, i, it) {
		n = yw_jstr(it, "name");
		len = strlen(n);
		if (strcmp(n, "idnum") == 0 || (len > 6 && strcmp(n + len - 6,
		    "_idnum") == 0))
			return n;
	}
	return NULL;
}

/* One consent: the read, the stored record and the audit entry. A
 * refusal sets *why. */
static enum yw_err
fetch_one(struct yw_db *db, const struct yw_keyring *k,
    const struct yw_actor *a, json_t *f, const char *idnum, int64_t case_id,
    const char *tracking, int64_t now, json_t *calls, const char **why)
{
	json_t		*src = NULL, *out = NULL, *report = NULL, *rec, *detail;
	const char	*item;
	char		 purpose[64], *values = NULL;
	int64_t		 seq;
	enum yw_err	 rc;

	*why = "not_found";
	rc = yw_data_resource_source(db, yw_jstr(f, "resource"), &src);
	if (rc == YW_ENOTFOUND || rc == YW_EFORBIDDEN) {
		rc = YW_OK;
		goto out;
	}
	if (rc != YW_OK)
		goto out;
	item = idnum_item(json_object_get(src, "items"));
	if (item == NULL || idnum == NULL || k == NULL || !k->ready)
		goto out;
	(void)snprintf(purpose, sizeof(purpose), "case %s", tracking);
	rc = yw_exchange_fetch_for(db, k, json_integer_value(json_object_get(f,
	    "reader_department_id")), yw_jstr(f, "resource"), item, idnum,
	    purpose, calls, &out, &report);
	if (rc == YW_EFORBIDDEN || rc == YW_ENOTFOUND || rc == YW_EINVAL) {
		rc = YW_OK;
		goto out;
	}
	if (rc != YW_OK)
		goto out;
	rec = json_array_get(json_object_get(out, "records"), 0);
	if (rec == NULL)
		goto out;
	values = json_dumps(json_object_get(rec, "data"), JSON_COMPACT |
	    JSON_SORT_KEYS);
	if (values == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	seq = json_integer_value(json_object_get(json_object_get(out,
	    "receipt"), "seq"));
	rc = yw_case_fetch_store_insert(db, case_id, yw_jstr(f, "material"),
	    yw_jstr(f, "resource"), json_integer_value(json_object_get(f,
	    "reader_department_id")), seq, yw_jstr(json_object_get(out,
	    "receipt"), "hash"), values, now);
	if (rc != YW_OK)
		goto out;
	detail = json_pack("{s:s, s:s, s:O, s:I}", "material", yw_jstr(f,
	    "material"), "resource", yw_jstr(f, "resource"), "department_id",
	    json_object_get(f, "reader_department_id"), "receipt_seq",
	    (json_int_t)seq);
	rc = yw_audit_append(db, a, "case.fetch", "case", tracking, detail);
	json_decref(detail);
	if (rc == YW_OK)
		*why = NULL;
out:
	free(values);
	json_decref(src);
	json_decref(out);
	json_decref(report);
	return rc;
}

enum yw_err
yw_case_fetch_run(struct yw_db *db, const struct yw_keyring *k,
    const struct yw_actor *a, json_t *form, json_t *clean, int64_t case_id,
    const char *tracking, int64_t now, json_t *calls, json_t **errors)
{
	json_t		*f;
	const char	*why;
	size_t		 i;
	enum yw_err	 rc;

	*errors = NULL;
	json_array_foreach(json_object_get(form, "fields"), i, f) {
		if (strcmp(yw_jstr(f, "type"), "consent") != 0 ||
		    strcmp(yw_jstr(clean, yw_jstr(f, "name")), "yes") != 0)
			continue;
		rc = fetch_one(db, k, a, f, applicant_idnum(form, clean),
		    case_id, tracking, now, calls, &why);
		if (rc != YW_OK) {
			json_decref(*errors);
			*errors = NULL;
			return rc;
		}
		if (why == NULL)
			continue;
		if (*errors == NULL)
			*errors = json_object();
		json_object_set_new(*errors, yw_jstr(f, "name"),
		    json_string(why));
	}
	return *errors != NULL ? YW_EINVAL : YW_OK;
}

/* The rows of one record as viewer_dept sees it. */
static json_t *
record_rows(struct yw_db *db, json_t *row, const struct yw_actor *a,
    int64_t now)
{
	json_t		*src = NULL, *values, *granted = NULL, *out, *it, *v;
	const char	*name;
	size_t		 i;
	int		 all;

	out = json_array();
	values = json_loads(yw_jstr(row, "record_values"), 0, NULL);
	if (yw_data_resource_source(db, yw_jstr(row, "resource_code"), &src) !=
	    YW_OK && src == NULL)
		src = json_pack("{s:[]}", "items");
	all = (a->roles & YW_ROLE_PLATFORM_ADMIN) || a->department_id ==
	    json_integer_value(json_object_get(row, "department_id")) ||
	    a->department_id == json_integer_value(json_object_get(src,
	    "department_id"));
	if (!all && yw_data_grant_items(db, json_integer_value(
	    json_object_get(src, "id")), a->department_id, now, &granted) !=
	    YW_OK)
		granted = json_array();
	json_array_foreach(json_object_get(src, "items"), i, it) {
		name = yw_jstr(it, "name");
		v = json_object_get(values, name);
		if (v == NULL)
			continue;
		if (!all && json_is_true(json_object_get(it, "personal"))) {
			json_t	*g;
			size_t	 j;
			int	 ok = 0;

			json_array_foreach(granted, j, g)
				if (strcmp(json_string_value(g), name) == 0)
					ok = 1;
			if (!ok) {
				json_array_append_new(out, json_pack("{s:s,"
				    " s:s, s:o, s:b}", "item", name, "label",
				    yw_jstr(it, "label"), "value",
				    yw_schema_mask(v), "masked", 1));
				continue;
			}
		}
		json_array_append_new(out, json_pack("{s:s, s:s, s:O, s:b}",
		    "item", name, "label", yw_jstr(it, "label"), "value", v,
		    "masked", 0));
	}
	json_decref(granted);
	json_decref(values);
	json_decref(src);
	return out;
}

enum yw_err
yw_case_fetch_view(struct yw_db *db, const struct yw_actor *a,
    int64_t case_id, int staff, int64_t now, json_t **out)
{
	json_t		*rows = NULL, *row, *src, *o;
	char		 when[32];
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_case_fetch_store_list(db, case_id, &rows);
	if (rc != YW_OK)
		return rc;
	*out = json_array();
	json_array_foreach(rows, i, row) {
		src = NULL;
		(void)yw_data_resource_source(db, yw_jstr(row, "resource_code"),
		    &src);
		when[0] = '\0';
		(void)yw_time_fmt_local(json_integer_value(json_object_get(row,
		    "fetched_at")), when, sizeof(when), 1);
		o = json_pack("{s:O, s:O, s:s, s:s, s:O, s:O, s:O, s:s}",
		    "material", json_object_get(row, "material"),
		    "resource_code", json_object_get(row, "resource_code"),
		    "provider_name", yw_jstr(src, "department_name"),
		    "provider_name_en", yw_jstr(src, "department_name_en"),
		    "department_name", json_object_get(row, "department_name"),
		    "department_name_en", json_object_get(row,
		    "department_name_en"), "fetched_at", json_object_get(row,
		    "fetched_at"), "fetched_at_local", when);
		json_decref(src);
		if (o == NULL) {
			rc = YW_ENOMEM;
			break;
		}
		if (staff) {
			json_object_set(o, "receipt_seq", json_object_get(row,
			    "receipt_seq"));
			json_object_set(o, "receipt_hash", json_object_get(row,
			    "receipt_hash"));
			json_object_set_new(o, "rows", record_rows(db, row, a,
			    now));
		}
		json_array_append_new(*out, o);
	}
	json_decref(rows);
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
