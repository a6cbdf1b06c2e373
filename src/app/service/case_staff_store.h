/*
 * case_staff_store.h - SQL of the staff side of cases that case_store.c
 * does not hold: who may be assigned a task, and the open tasks of a
 * region or department for the overdue list (internal to src/app/service).
 * Functions returning json_t ** give a new reference (caller owns).
 */
#ifndef YW_CASE_STAFF_STORE_H
#define YW_CASE_STAFF_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* The active staff of department_id with the case_handler role, by
 * login: [{id, login, display_name}]; account_id not 0 keeps only that
 * account (an empty array when it is not one of them). */
enum yw_err	yw_case_staff_store_handlers(struct yw_db *db,
		    int64_t department_id, int64_t account_id, json_t **out);

/* Open, active tasks with a deadline of the departments under
 * region_path (a path prefix), or of department_id when not 0, the
 * oldest deadline first: [{id, case_id, tracking_no, state, due_day,
 * accepted_day, pause_from, pauses, item_name, item_name_en,
 * department_id, department_name, department_name_en, region_code,
 * region_name, region_name_en, assignee_name}]. */
enum yw_err	yw_case_staff_store_open(struct yw_db *db,
		    const char *region_path, int64_t department_id,
		    json_t **out);

#endif
