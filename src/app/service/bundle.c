/*
 * bundle.c - bundles as the public reads them, their definition, and the
 * application forms of items. SQL lives in bundle_store.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/service/bundle.h"
#include "app/service/bundle_store.h"
#include "app/service/catalog.h"
#include "app/service/formdef.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "core/utf8.h"

static void
field_error(json_t **errors, const char *field, const char *code)
{
	if (*errors == NULL)
		*errors = json_object();
	json_object_set_new(*errors, field, json_string(code));
}

/* Hangs each item row on its bundle and counts departments and stages. */
static void
attach_items(json_t *bundles, json_t *items)
{
	json_t		*b, *it, *list, *seen;
	char		 key[24];
	size_t		 i, j;
	int64_t		 stages;

	json_array_foreach(bundles, i, b) {
		list = json_array();
		seen = json_object();
		stages = 0;
		json_array_foreach(items, j, it) {
			if (yw_jint(it, "bundle_id") != yw_jint(b, "id"))
				continue;
			json_array_append(list, it);
			(void)snprintf(key, sizeof(key), "%lld",
			    (long long)yw_jint(it, "department_id"));
			json_object_set_new(seen, key, json_true());
			if (yw_jint(it, "stage") > stages)
				stages = yw_jint(it, "stage");
		}
		json_array_foreach(list, j, it)
			json_object_del(it, "bundle_id");
		json_object_set_new(b, "items", list);
		json_object_set_new(b, "departments", json_integer(
		    (json_int_t)json_object_size(seen)));
		json_object_set_new(b, "stages", json_integer(stages));
		json_object_del(b, "id");
		json_decref(seen);
	}
}

enum yw_err
yw_bundle_list(struct yw_db *db, const char *event, json_t **out)
{
	json_t		*items;
	enum yw_err	 rc;

	rc = yw_bundle_store_list(db, event, NULL, out);
	if (rc != YW_OK)
		return rc;
	rc = yw_bundle_store_items(db, NULL, &items);
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	attach_items(*out, items);
	json_decref(items);
	return YW_OK;
}

enum yw_err
yw_bundle_get(struct yw_db *db, const char *code, json_t **out)
{
	json_t		*list, *items;
	enum yw_err	 rc;

	*out = NULL;
	if (code == NULL || code[0] == '\0')
		return YW_ENOTFOUND;
	rc = yw_bundle_store_list(db, NULL, code, &list);
	if (rc != YW_OK)
		return rc;
	if (json_array_size(list) == 0) {
		json_decref(list);
		return YW_ENOTFOUND;
	}
	rc = yw_bundle_store_items(db, code, &items);
	if (rc == YW_OK) {
		attach_items(list, items);
		json_decref(items);
		*out = json_incref(json_array_get(list, 0));
	}
	json_decref(list);
	return rc;
}

static int
text_ok(json_t *in, const char *k, size_t max, int required, json_t **errors)
{
	const char	*s = yw_jstr(in, k);
	size_t		 n = strlen(s);

	if (required && n == 0) {
		field_error(errors, k, "required");
		return 0;
	}
	if (!yw_utf8_valid(s, n) || yw_utf8_has_control(s, n, 0)) {
		field_error(errors, k, "invalid");
		return 0;
	}
	if (yw_utf8_count(s, n) > max) {
		field_error(errors, k, "too_long");
		return 0;
	}
	return 1;
}

/* Checks in's items; fills ids (item id, stage pairs) and merges their
 * forms to prove the bundle can be applied for with one form. */
static enum yw_err
check_items(struct yw_db *db, json_t *in, int64_t *ids, size_t *n,
    json_t **errors)
{
	json_t		*items, *it, *row, *defs[YW_BUNDLE_ITEMS_MAX], *merged,
			*uerr;
	char		 key[32];
	size_t		 i, j;
	enum yw_err	 rc;

	*n = 0;
	items = json_object_get(in, "items");
	if (!json_is_array(items) || json_array_size(items) == 0 ||
	    json_array_size(items) > YW_BUNDLE_ITEMS_MAX) {
		field_error(errors, "items", "required");
		return YW_EINVAL;
	}
	json_array_foreach(items, i, it) {
		(void)snprintf(key, sizeof(key), "items[%zu]", i);
		if (!json_is_integer(json_object_get(it, "stage")) ||
		    yw_jint(it, "stage") < 1 || yw_jint(it, "stage") > 9) {
			field_error(errors, key, "invalid");
			continue;
		}
		rc = yw_bundle_store_item(db, yw_jstr(it, "code"), &row);
		if (rc == YW_ENOTFOUND) {
			field_error(errors, key, "not_found");
			continue;
		}
		if (rc != YW_OK)
			goto fail;
		ids[2 * *n] = yw_jint(row, "id");
		ids[2 * *n + 1] = yw_jint(it, "stage");
		defs[*n] = json_loads(yw_jstr(row, "form_def"), 0, NULL);
		if (defs[*n] == NULL)
			defs[*n] = json_object();
		json_decref(row);
		for (j = 0; j < *n; j++)
			if (ids[2 * j] == ids[2 * *n])
				field_error(errors, key, "duplicate");
		(*n)++;
	}
	rc = YW_OK;
	if (*errors == NULL) {
		uerr = NULL;
		rc = yw_formdef_union(defs, *n, &merged, &uerr);
		json_decref(merged);
		json_decref(uerr);
		if (rc == YW_ECONFLICT) {
			field_error(errors, "items", "conflict");
			rc = YW_OK;
		}
	}
fail:
	for (j = 0; j < *n; j++)
		json_decref(defs[j]);
	if (rc != YW_OK)
		return rc;
	return *errors != NULL ? YW_EINVAL : YW_OK;
}

/* The stored shape of in, for telling whether anything changes. */
static json_t *
wanted(json_t *in)
{
	json_t	*list, *it, *sorted;
	char	 buf[48];
	size_t	 i;

	list = json_array();
	json_array_foreach(json_object_get(in, "items"), i, it) {
		(void)snprintf(buf, sizeof(buf), "%s:%lld", yw_jstr(it, "code"),
		    (long long)yw_jint(it, "stage"));
		json_array_append_new(list, json_string(buf));
	}
	/* The store lists them by code: sort the same way (few items). */
	sorted = json_array();
	while (json_array_size(list) > 0) {
		size_t min = 0;

		json_array_foreach(list, i, it)
			if (strcmp(json_string_value(it), json_string_value(
			    json_array_get(list, min))) < 0)
				min = i;
		json_array_append(sorted, json_array_get(list, min));
		json_array_remove(list, min);
	}
	json_decref(list);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
	    "code", yw_jstr(in, "code"), "name", yw_jstr(in, "name"), "name_en",
	    yw_jstr(in, "name_en"), "event", yw_jstr(in, "event"), "summary",
	    yw_jstr(in, "summary"), "summary_en", yw_jstr(in, "summary_en"),
	    "region_code", yw_jstr(in, "region_code"), "status", "published",
	    "items", sorted);
}

enum yw_err
yw_bundle_define(struct yw_db *db, const struct yw_actor *a, json_t *in,
    int64_t *id, json_t **errors)
{
	json_t		*have, *want, *detail;
	int64_t		 ids[2 * YW_BUNDLE_ITEMS_MAX], bid, n64;
	size_t		 n, i;
	int64_t		 now;
	enum yw_err	 rc;

	*errors = NULL;
	if (id != NULL)
		*id = 0;
	if (strcmp(a->kind, "staff") != 0 ||
	    (a->roles & YW_ROLE_PLATFORM_ADMIN) == 0)
		return YW_EFORBIDDEN;
	(void)text_ok(in, "code", 32, 1, errors);
	(void)text_ok(in, "name", YW_CATALOG_NAME_MAX, 1, errors);
	(void)text_ok(in, "name_en", YW_CATALOG_NAME_EN_MAX, 0, errors);
	(void)text_ok(in, "summary", YW_CATALOG_TEXT_MAX, 0, errors);
	(void)text_ok(in, "summary_en", YW_CATALOG_TEXT_MAX, 0, errors);
	if (yw_catalog_life_event(yw_jstr(in, "event")) == NULL)
		field_error(errors, "event", "invalid");
	if (yw_db_one_int64(db, &n64, "SELECT COUNT(*) FROM region WHERE "
	    "code = ?", "s", yw_jstr(in, "region_code")) != YW_OK || n64 == 0)
		field_error(errors, "region_code", "not_found");
	rc = check_items(db, in, ids, &n, errors);
	if (rc != YW_OK && rc != YW_EINVAL)
		return rc;
	if (*errors != NULL)
		return YW_EINVAL;
	want = wanted(in);
	rc = yw_bundle_store_any(db, yw_jstr(in, "code"), &have);
	if (rc == YW_OK) {
		bid = yw_jint(have, "id");
		json_object_del(have, "id");
		if (json_equal(have, want)) {
			json_decref(have);
			json_decref(want);
			if (id != NULL)
				*id = bid;
			return YW_OK;
		}
		json_decref(have);
	} else if (rc != YW_ENOTFOUND) {
		json_decref(want);
		return rc;
	} else
		bid = 0;
	now = yw_time_now();
	rc = yw_db_begin(db);
	if (rc != YW_OK) {
		json_decref(want);
		return rc;
	}
	if (bid == 0)
		rc = yw_bundle_store_insert(db, in, now, &bid);
	else
		rc = yw_bundle_store_update(db, bid, in, now);
	if (rc == YW_OK)
		rc = yw_bundle_store_clear_items(db, bid);
	for (i = 0; rc == YW_OK && i < n; i++)
		rc = yw_bundle_store_add_item(db, bid, ids[2 * i],
		    ids[2 * i + 1]);
	if (rc == YW_OK) {
		detail = json_pack("{s:O}", "items", json_object_get(want,
		    "items"));
		rc = yw_audit_append(db, a, "bundle.define", "service_bundle",
		    yw_jstr(in, "code"), detail);
		json_decref(detail);
	}
	json_decref(want);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	if (rc == YW_OK && id != NULL)
		*id = bid;
	return rc;
}

enum yw_err
yw_bundle_set_form(struct yw_db *db, const struct yw_actor *a,
    const char *item_code, json_t *def, json_t **errors)
{
	json_t		*item, *have;
	char		*text;
	enum yw_err	 rc;

	*errors = NULL;
	if (strcmp(a->kind, "staff") != 0 || (a->roles &
	    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN)) == 0)
		return YW_EFORBIDDEN;
	rc = yw_bundle_store_item(db, item_code != NULL ? item_code : "",
	    &item);
	if (rc != YW_OK)
		return rc;
	if ((a->roles & YW_ROLE_PLATFORM_ADMIN) == 0 &&
	    yw_jint(item, "department_id") != a->department_id) {
		json_decref(item);
		return YW_ENOTFOUND;
	}
	rc = yw_formdef_check(def, errors);
	if (rc != YW_OK) {
		json_decref(item);
		return rc;
	}
	have = json_loads(yw_jstr(item, "form_def"), 0, NULL);
	if (have != NULL && json_equal(have, def)) {
		json_decref(have);
		json_decref(item);
		return YW_OK;
	}
	json_decref(have);
	text = json_dumps(def, JSON_COMPACT);
	if (text == NULL) {
		json_decref(item);
		return YW_ENOMEM;
	}
	rc = yw_db_begin(db);
	if (rc == YW_OK)
		rc = yw_bundle_store_set_form(db, yw_jint(item, "id"), text,
		    yw_time_now());
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "service.form", "service_item",
		    item_code, NULL);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	free(text);
	json_decref(item);
	return rc;
}
