/*
 * data_store.h - SQL of the resource catalogue and grants (data.h). Rows
 * come back as jansson objects (caller owns); parameters are borrowed.
 */
#ifndef YW_DATA_STORE_H
#define YW_DATA_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

enum yw_err	yw_data_store_list(struct yw_db *db, int64_t department_id,
		    json_t **rows);
/* The entry with its department's name, name_en and code; items is text. */
enum yw_err	yw_data_store_get(struct yw_db *db, const char *code,
		    json_t **row);
/* Next sequence number of a department's entries (call in a transaction). */
enum yw_err	yw_data_store_next_seq(struct yw_db *db, int64_t department_id,
		    int64_t *seq);
/* r holds every column of data_resource but id (items as text). */
enum yw_err	yw_data_store_insert(struct yw_db *db, json_t *r, int64_t now);
/* Also marks rkey_mixed (exchange_store.h) when key_item changes while the
 * resource has records. */
enum yw_err	yw_data_store_update(struct yw_db *db, json_t *r, int64_t now);
enum yw_err	yw_data_store_grants(struct yw_db *db, int64_t resource_id,
		    json_t **rows);
/* The active grant of department_id on resource_id that has not expired
 * at now (expires_at NULL or later): its items (text) and expires_at;
 * YW_ENOTFOUND otherwise, so an expired grant reads as no grant. */
enum yw_err	yw_data_store_grant_get(struct yw_db *db, int64_t resource_id,
		    int64_t department_id, int64_t now, json_t **row);
/* Active, shared resources department_id may read at now (its own, the
 * unconditional ones, those of an unexpired grant), code's only unless
 * code is NULL: [{code, name, name_en, department_name,
 * department_name_en}] by code. */
enum yw_err	yw_data_store_readable(struct yw_db *db,
		    int64_t department_id, int64_t now, const char *code,
		    json_t **rows);
enum yw_err	yw_data_store_grant_put(struct yw_db *db, int64_t resource_id,
		    int64_t department_id, const char *items,
		    const char *purpose, int64_t now);
enum yw_err	yw_data_store_record_count(struct yw_db *db,
		    int64_t resource_id, int64_t *n);

#endif
