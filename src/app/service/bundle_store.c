#include <stdio.h>
#include <string.h>

#include "core/jsonx.h"
#include "app/service/bundle_store.h"

enum yw_err
yw_bundle_store_list(struct yw_db *db, const char *event, const char *code,
    json_t **out)
{
	return yw_db_rows(db, "SELECT id, code, name, name_en, event, "
	    "summary, summary_en, region_code FROM service_bundle "
	    "WHERE status = 'published' AND (? = '' OR event = ?) "
	    "AND (? = '' OR code = ?) ORDER BY code LIMIT 500",
	    json_pack("[ssss]", event != NULL ? event : "", event != NULL ?
	    event : "", code != NULL ? code : "", code != NULL ? code : ""),
	    out);
}

enum yw_err
yw_bundle_store_items(struct yw_db *db, const char *code, json_t **out)
{
	return yw_db_rows(db, "SELECT bi.bundle_id, i.code, i.name, "
	    "i.name_en, bi.stage, i.department_id, d.name AS "
	    "department_name, d.name_en AS department_name_en, "
	    "i.promised_days FROM service_bundle_item bi "
	    "JOIN service_bundle b ON b.id = bi.bundle_id "
	    "JOIN service_item i ON i.id = bi.item_id "
	    "JOIN department d ON d.id = i.department_id "
	    "WHERE b.status = 'published' AND i.status = 'published' "
	    "AND (? = '' OR b.code = ?) ORDER BY bi.bundle_id, bi.stage, i.id",
	    json_pack("[ss]", code != NULL ? code : "", code != NULL ? code :
	    ""), out);
}

enum yw_err
yw_bundle_store_any(struct yw_db *db, const char *code, json_t **out)
{
	json_t		*items, *it;
	char		 buf[48];
	size_t		 i;
	enum yw_err	 rc;
	json_t		*list;

	rc = yw_db_row(db, "SELECT id, code, name, name_en, event, summary, "
	    "summary_en, region_code, status FROM service_bundle "
	    "WHERE code = ?", json_pack("[s]", code), out);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_rows(db, "SELECT i.code, bi.stage FROM "
	    "service_bundle_item bi JOIN service_item i ON i.id = bi.item_id "
	    "WHERE bi.bundle_id = ? ORDER BY i.code", json_pack("[O]",
	    json_object_get(*out, "id")), &items);
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	list = json_array();
	json_array_foreach(items, i, it) {
		(void)snprintf(buf, sizeof(buf), "%s:%lld", yw_jstr(it, "code"),
		    (long long)json_integer_value(json_object_get(it,
		    "stage")));
		json_array_append_new(list, json_string(buf));
	}
	json_decref(items);
	json_object_set_new(*out, "items", list);
	return YW_OK;
}

enum yw_err
yw_bundle_store_item(struct yw_db *db, const char *code, json_t **out)
{
	return yw_db_row(db, "SELECT id, code, department_id, form_def FROM "
	    "service_item WHERE code = ?", json_pack("[s]", code), out);
}

enum yw_err
yw_bundle_store_insert(struct yw_db *db, json_t *in, int64_t now,
    int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO service_bundle (code, "
	    "name, name_en, event, summary, summary_en, region_code, status, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "'published', ?, ?) RETURNING id", "sssssssii", yw_jstr(in, "code"),
	    yw_jstr(in, "name"), yw_jstr(in, "name_en"), yw_jstr(in, "event"),
	    yw_jstr(in, "summary"), yw_jstr(in, "summary_en"),
	    yw_jstr(in, "region_code"), now, now);
}

enum yw_err
yw_bundle_store_update(struct yw_db *db, int64_t id, json_t *in, int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE service_bundle SET name = ?, "
	    "name_en = ?, event = ?, summary = ?, summary_en = ?, "
	    "region_code = ?, status = 'published', updated_at = ? "
	    "WHERE id = ?", "ssssssii", yw_jstr(in, "name"), yw_jstr(in,
	    "name_en"),
	    yw_jstr(in, "event"), yw_jstr(in, "summary"), yw_jstr(in,
	    "summary_en"),
	    yw_jstr(in, "region_code"), now, id);
}

enum yw_err
yw_bundle_store_clear_items(struct yw_db *db, int64_t id)
{
	return yw_db_run(db, NULL, "DELETE FROM service_bundle_item WHERE "
	    "bundle_id = ?", "i", id);
}

enum yw_err
yw_bundle_store_add_item(struct yw_db *db, int64_t bundle, int64_t item,
    int64_t stage)
{
	return yw_db_run(db, NULL, "INSERT INTO service_bundle_item "
	    "(bundle_id, item_id, stage) VALUES (?, ?, ?)", "iii", bundle,
	    item, stage);
}

enum yw_err
yw_bundle_store_set_form(struct yw_db *db, int64_t item, const char *def,
    int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE service_item SET form_def = ?, "
	    "updated_at = ? WHERE id = ?", "sii", def, now, item);
}
