#include "app/service/case_result_store.h"

enum yw_err
yw_case_result_store_add(struct yw_db *db, int64_t case_id, int64_t task_id,
    const char *sha256, const char *name, const char *type, int64_t size,
    int64_t by, int64_t now, int64_t *added)
{
	return yw_db_run(db, added, "INSERT INTO case_result (case_id, "
	    "task_id, sha256, name, type, size, issued_by, issued_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (task_id, sha256) DO NOTHING",
	    "iisssiii", case_id, task_id, sha256, name, type, size, by, now);
}

enum yw_err
yw_case_result_store_list(struct yw_db *db, int64_t case_id, json_t **out)
{
	return yw_db_rows(db, "SELECT r.id, r.task_id, r.sha256, r.name, "
	    "r.type, r.size, r.issued_at, d.name AS department_name, "
	    "d.name_en AS department_name_en FROM case_result r "
	    "JOIN case_task t ON t.id = r.task_id "
	    "JOIN department d ON d.id = t.department_id "
	    "WHERE r.case_id = ? ORDER BY r.id",
	    json_pack("[I]", (json_int_t)case_id), out);
}
