/*
 * fresh_store.c - SQL of the freshness checks (fresh_store.h).
 */
#include "app/data/fresh_store.h"

enum yw_err
yw_data_fresh_store_resources(struct yw_db *db, json_t **rows)
{
	return yw_db_rows(db, "SELECT id, code, name, department_id,"
	    " update_cycle, records_updated_at, created_at FROM data_resource"
	    " WHERE status = 'active' ORDER BY id", json_array(), rows);
}

enum yw_err
yw_data_fresh_store_times(struct yw_db *db, json_t **out)
{
	json_t		*rows = NULL, *r;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_db_rows(db, "SELECT code, records_updated_at, created_at"
	    " FROM data_resource WHERE status = 'active'", json_array(),
	    &rows);
	if (rc != YW_OK)
		return rc;
	*out = json_object();
	json_array_foreach(rows, i, r)
		json_object_set(*out, json_string_value(json_object_get(r,
		    "code")), r);
	json_decref(rows);
	return YW_OK;
}
