/*
 * case_fetch_store.h - SQL of case_fetch.c: the fetchable materials of an
 * item and the records fetched for a case. Parameters are borrowed; rows
 * come back as new jansson values (caller owns).
 */
#ifndef YW_CASE_FETCH_STORE_H
#define YW_CASE_FETCH_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Materials of item_id with a fetch_resource: [{seq, name, name_en,
 * fetch_resource}] in order. */
enum yw_err	yw_case_fetch_store_materials(struct yw_db *db,
		    int64_t item_id, json_t **rows);
enum yw_err	yw_case_fetch_store_insert(struct yw_db *db, int64_t case_id,
		    const char *material, const char *resource_code,
		    int64_t department_id, int64_t receipt_seq,
		    const char *receipt_hash, const char *values, int64_t now);
/* The records of a case: [{material, resource_code, department_id,
 * department_name, department_name_en, receipt_seq, receipt_hash,
 * record_values (text), fetched_at}] in the order fetched. */
enum yw_err	yw_case_fetch_store_list(struct yw_db *db, int64_t case_id,
		    json_t **rows);

#endif
