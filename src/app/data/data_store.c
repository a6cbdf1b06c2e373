/*
 * data_store.c - SQL of the resource catalogue and grants.
 */
#include "app/data/data_store.h"

#define RES_COLS \
	"r.id, r.code, r.name, r.name_en, r.summary, r.department_id," \
	" r.classification, r.items, r.key_item, r.format, r.sharing," \
	" r.sharing_conditions, r.open_attr, r.open_conditions," \
	" r.update_cycle, r.published_on, r.status, r.created_at," \
	" r.updated_at, d.name AS department_name," \
	" d.name_en AS department_name_en, d.code AS department_code"

enum yw_err
yw_data_store_list(struct yw_db *db, int64_t department_id, json_t **rows)
{
	return yw_db_rows(db, "SELECT " RES_COLS " FROM data_resource r"
	    " JOIN department d ON d.id = r.department_id"
	    " WHERE (r.department_id = ? OR ? = 0) AND r.status = 'active'"
	    " ORDER BY r.code", json_pack("[I, I]",
	    (json_int_t)department_id, (json_int_t)department_id), rows);
}

enum yw_err
yw_data_store_get(struct yw_db *db, const char *code, json_t **row)
{
	return yw_db_row(db, "SELECT " RES_COLS " FROM data_resource r"
	    " JOIN department d ON d.id = r.department_id WHERE r.code = ?",
	    json_pack("[s]", code), row);
}

enum yw_err
yw_data_store_next_seq(struct yw_db *db, int64_t department_id, int64_t *seq)
{
	return yw_db_one_int64(db, seq, "INSERT INTO data_resource_seq"
	    " (department_id, last) VALUES (?, 1) ON CONFLICT (department_id)"
	    " DO UPDATE SET last = data_resource_seq.last + 1 RETURNING last",
	    "i", department_id);
}

enum yw_err
yw_data_store_insert(struct yw_db *db, json_t *r, int64_t now)
{
	return yw_db_rows(db, "INSERT INTO data_resource (code, name, name_en,"
	    " summary, department_id, classification, items, key_item, format,"
	    " sharing, sharing_conditions, open_attr, open_conditions,"
	    " update_cycle, published_on, created_at, updated_at) VALUES"
	    " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    json_pack("[O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, I, I]",
	    json_object_get(r, "code"), json_object_get(r, "name"),
	    json_object_get(r, "name_en"), json_object_get(r, "summary"),
	    json_object_get(r, "department_id"),
	    json_object_get(r, "classification"), json_object_get(r, "items"),
	    json_object_get(r, "key_item"), json_object_get(r, "format"),
	    json_object_get(r, "sharing"),
	    json_object_get(r, "sharing_conditions"),
	    json_object_get(r, "open_attr"),
	    json_object_get(r, "open_conditions"),
	    json_object_get(r, "update_cycle"),
	    json_object_get(r, "published_on"), (json_int_t)now,
	    (json_int_t)now), NULL);
}

enum yw_err
yw_data_store_update(struct yw_db *db, json_t *r, int64_t now)
{
	return yw_db_rows(db, "UPDATE data_resource SET name = ?, name_en = ?,"
	    " summary = ?, classification = ?, items = ?, key_item = ?,"
	    " format = ?, sharing = ?, sharing_conditions = ?, open_attr = ?,"
	    " open_conditions = ?, update_cycle = ?, published_on = ?,"
	    " updated_at = ?, rkey_mixed = CASE WHEN key_item <> ? AND EXISTS"
	    " (SELECT 1 FROM exchange_record e WHERE e.resource_id ="
	    " data_resource.id) THEN 1 ELSE rkey_mixed END WHERE code = ?",
	    json_pack("[O, O, O, O, O, O, O, O, O, O, O, O, O, I, O, O]",
	    json_object_get(r, "name"), json_object_get(r, "name_en"),
	    json_object_get(r, "summary"),
	    json_object_get(r, "classification"), json_object_get(r, "items"),
	    json_object_get(r, "key_item"), json_object_get(r, "format"),
	    json_object_get(r, "sharing"),
	    json_object_get(r, "sharing_conditions"),
	    json_object_get(r, "open_attr"),
	    json_object_get(r, "open_conditions"),
	    json_object_get(r, "update_cycle"),
	    json_object_get(r, "published_on"), (json_int_t)now,
	    json_object_get(r, "key_item"), json_object_get(r, "code")), NULL);
}

enum yw_err
yw_data_store_grants(struct yw_db *db, int64_t resource_id, json_t **rows)
{
	return yw_db_rows(db, "SELECT g.department_id, d.name AS"
	    " department_name, d.name_en AS department_name_en, g.items,"
	    " g.purpose, g.status FROM data_grant g JOIN department d"
	    " ON d.id = g.department_id WHERE g.resource_id = ?"
	    " ORDER BY d.code", json_pack("[I]", (json_int_t)resource_id),
	    rows);
}

enum yw_err
yw_data_store_grant_get(struct yw_db *db, int64_t resource_id,
    int64_t department_id, int64_t now, json_t **row)
{
	return yw_db_row(db, "SELECT items, expires_at FROM data_grant WHERE"
	    " resource_id = ? AND department_id = ? AND status = 'active'"
	    " AND (expires_at IS NULL OR expires_at > ?)",
	    json_pack("[I, I, I]", (json_int_t)resource_id,
	    (json_int_t)department_id, (json_int_t)now), row);
}

enum yw_err
yw_data_store_grant_put(struct yw_db *db, int64_t resource_id,
    int64_t department_id, const char *items, const char *purpose,
    int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO data_grant (resource_id,"
	    " department_id, items, purpose, status, created_at) VALUES"
	    " (?, ?, ?, ?, 'active', ?) ON CONFLICT (resource_id,"
	    " department_id) DO UPDATE SET items = excluded.items,"
	    " purpose = excluded.purpose, status = 'active'", "iissi",
	    resource_id, department_id, items, purpose, now);
}

enum yw_err
yw_data_store_record_count(struct yw_db *db, int64_t resource_id, int64_t *n)
{
	return yw_db_one_int64(db, n, "SELECT COUNT(*) AS n FROM"
	    " exchange_record WHERE resource_id = ?", "i", resource_id);
}

enum yw_err
yw_data_store_readable(struct yw_db *db, int64_t department_id, int64_t now,
    const char *code, json_t **rows)
{
	return yw_db_rows(db, "SELECT r.code, r.name, r.name_en,"
	    " d.name AS department_name, d.name_en AS department_name_en"
	    " FROM data_resource r JOIN department d ON d.id = r.department_id"
	    " WHERE r.status = 'active' AND r.sharing <> 'none'"
	    " AND (CAST(? AS TEXT) = '' OR r.code = ?)"
	    " AND (r.department_id = ? OR r.sharing = 'unconditional'"
	    " OR EXISTS (SELECT 1 FROM data_grant g WHERE g.resource_id = r.id"
	    " AND g.department_id = ? AND g.status = 'active'"
	    " AND (g.expires_at IS NULL OR g.expires_at > ?)))"
	    " ORDER BY r.code", json_pack("[s, s, I, I, I]", code != NULL ?
	    code : "", code != NULL ? code : "", (json_int_t)department_id,
	    (json_int_t)department_id, (json_int_t)now), rows);
}
