/*
 * case_fetch_store.c - SQL of the materials fetched for cases.
 */
#include "app/service/case_fetch_store.h"

enum yw_err
yw_case_fetch_store_materials(struct yw_db *db, int64_t item_id,
    json_t **rows)
{
	return yw_db_rows(db, "SELECT seq, name, name_en, fetch_resource"
	    " FROM service_material WHERE item_id = ? AND fetch_resource <> ''"
	    " ORDER BY seq", json_pack("[I]", (json_int_t)item_id), rows);
}

enum yw_err
yw_case_fetch_store_insert(struct yw_db *db, int64_t case_id,
    const char *material, const char *resource_code, int64_t department_id,
    int64_t receipt_seq, const char *receipt_hash, const char *values,
    int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO case_fetch (case_id, material,"
	    " resource_code, department_id, receipt_seq, receipt_hash,"
	    " record_values, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "issiissi", case_id, material, resource_code, department_id,
	    receipt_seq, receipt_hash, values, now);
}

enum yw_err
yw_case_fetch_store_list(struct yw_db *db, int64_t case_id, json_t **rows)
{
	return yw_db_rows(db, "SELECT f.material, f.resource_code,"
	    " f.department_id, d.name AS department_name, d.name_en AS"
	    " department_name_en, f.receipt_seq, f.receipt_hash,"
	    " f.record_values, f.fetched_at FROM case_fetch f JOIN department"
	    " d ON d.id = f.department_id WHERE f.case_id = ? ORDER BY f.id",
	    json_pack("[I]", (json_int_t)case_id), rows);
}
