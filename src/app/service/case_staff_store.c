#include "app/service/case_staff_store.h"

enum yw_err
yw_case_staff_store_handlers(struct yw_db *db, int64_t department_id,
    int64_t account_id, json_t **out)
{
	return yw_db_rows(db, "SELECT a.id, a.login, a.display_name "
	    "FROM account a JOIN staff_role r ON r.account_id = a.id AND "
	    "r.role = 'case_handler' WHERE a.kind = 'staff' AND "
	    "a.status = 'active' AND a.department_id = ? AND "
	    "(? = 0 OR a.id = ?) ORDER BY a.login",
	    json_pack("[III]", (json_int_t)department_id,
	    (json_int_t)account_id, (json_int_t)account_id), out);
}

enum yw_err
yw_case_staff_store_open(struct yw_db *db, const char *region_path,
    int64_t department_id, json_t **out)
{
	return yw_db_rows(db, "SELECT t.id, t.case_id, c.tracking_no, "
	    "t.state, t.due_day, t.accepted_day, t.pause_from, t.pauses, "
	    "i.name AS item_name, i.name_en AS item_name_en, "
	    "t.department_id, d.name AS department_name, "
	    "d.name_en AS department_name_en, r.code AS region_code, "
	    "r.name AS region_name, r.name_en AS region_name_en, "
	    "a.display_name AS assignee_name "
	    "FROM case_task t JOIN service_case c ON c.id = t.case_id "
	    "JOIN service_item i ON i.id = t.item_id "
	    "JOIN department d ON d.id = t.department_id "
	    "JOIN region r ON r.code = d.region_code "
	    "LEFT JOIN account a ON a.id = t.assignee_id "
	    "WHERE t.active = 1 AND t.due_day IS NOT NULL AND t.state IN "
	    "('accepted', 'under_review', 'supplement_requested', "
	    "'approved', 'denied') AND r.path LIKE ? AND "
	    "(? = 0 OR t.department_id = ?) "
	    "ORDER BY t.due_day, t.id LIMIT 2000",
	    json_pack("[s+II]", region_path, "%", (json_int_t)department_id,
	    (json_int_t)department_id), out);
}
