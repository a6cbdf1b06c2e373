/*
 * case_result_store.h - SQL of result documents (case_result, sql/0009;
 * internal to src/app/service). Functions returning json_t ** give a new
 * reference (caller owns).
 */
#ifndef YW_CASE_RESULT_STORE_H
#define YW_CASE_RESULT_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Records a stored attachment as a result of task_id; *added = 0 when
 * the task already had these bytes. */
enum yw_err	yw_case_result_store_add(struct yw_db *db, int64_t case_id,
		    int64_t task_id, const char *sha256, const char *name,
		    const char *type, int64_t size, int64_t by, int64_t now,
		    int64_t *added);

/* The results of a case in the order issued: [{id, task_id, sha256,
 * name, type, size, issued_at, department_name, department_name_en}]. */
enum yw_err	yw_case_result_store_list(struct yw_db *db, int64_t case_id,
		    json_t **out);

#endif
