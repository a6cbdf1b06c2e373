/*
 * open_store.h - SQL of open data (open.h, open_plan.h): the open
 * catalogue entries, their keywords and counts, the opening plan and the
 * public's requests. Parameters are borrowed; rows come back as new
 * jansson values (caller owns).
 */
#ifndef YW_OPEN_STORE_H
#define YW_OPEN_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Active entries whose open_attr is not 'none', by code, each with the
 * catalogue columns, department name/name_en/code, keywords, downloads,
 * api_calls and records_updated_at. */
enum yw_err	yw_open_store_list(struct yw_db *db, json_t **rows);
/* One such entry by code (YW_ENOTFOUND when it is not open). */
enum yw_err	yw_open_store_get(struct yw_db *db, const char *code,
		    json_t **row);
enum yw_err	yw_open_store_keywords(struct yw_db *db, int64_t resource_id,
		    const char *keywords);
/* Adds one to column "downloads" or "api_calls" (one row write). */
enum yw_err	yw_open_store_count(struct yw_db *db, int64_t resource_id,
		    int api);
enum yw_err	yw_open_store_record_count(struct yw_db *db,
		    int64_t resource_id, int64_t *n);

enum yw_err	yw_open_store_plan_list(struct yw_db *db, int64_t year,
		    json_t **rows);
enum yw_err	yw_open_store_plan_insert(struct yw_db *db, int64_t dept,
		    int64_t year, int64_t quarter, const char *name,
		    const char *description, int64_t by, int64_t now,
		    int64_t *id);
enum yw_err	yw_open_store_plan_get(struct yw_db *db, int64_t id,
		    json_t **row);
enum yw_err	yw_open_store_plan_delete(struct yw_db *db, int64_t id);

enum yw_err	yw_open_store_request_list(struct yw_db *db, int64_t offset,
		    int64_t limit, json_t **rows);
enum yw_err	yw_open_store_request_total(struct yw_db *db, int64_t *n);
enum yw_err	yw_open_store_request_get(struct yw_db *db, int64_t id,
		    json_t **row);
enum yw_err	yw_open_store_request_insert(struct yw_db *db,
		    int64_t account_id, int64_t dept, const char *title,
		    const char *body, int64_t now, int64_t *id);
/* Answers an open request; *changes 0 when it was answered already. */
enum yw_err	yw_open_store_request_reply(struct yw_db *db, int64_t id,
		    const char *reply, int64_t by, int64_t now,
		    int64_t *changes);

#endif
