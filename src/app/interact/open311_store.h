/*
 * open311_store.h - the SQL of Open311 (open311.h): posting clients and
 * the public letter rows behind requests. Parameters are borrowed; rows
 * come back as new jansson values; nothing here checks permissions.
 */
#ifndef YW_OPEN311_STORE_H
#define YW_OPEN311_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

enum yw_err	yw_open311_store_client_insert(struct yw_db *db,
		    const char *name, const char *prefix, const char *hash,
		    int64_t now, int64_t *id);
/* {id, name, revoked_at} of the client with this key hash. */
enum yw_err	yw_open311_store_client_find(struct yw_db *db,
		    const char *hash, json_t **row);
enum yw_err	yw_open311_store_client_revoke(struct yw_db *db, int64_t id,
		    int64_t now);
enum yw_err	yw_open311_store_client_used(struct yw_db *db, int64_t id,
		    int64_t now);
enum yw_err	yw_open311_store_clients(struct yw_db *db, json_t **rows);
enum yw_err	yw_open311_store_client_get(struct yw_db *db, int64_t id,
		    json_t **row);

/* The code of the top region (the shallowest, then the smallest code). */
enum yw_err	yw_open311_store_top_region(struct yw_db *db, char code[32]);
/* Regions of level <= max_level as {code, name}, by path. */
enum yw_err	yw_open311_store_regions(struct yw_db *db, int64_t max_level,
		    json_t **rows);

/*
 * Public request rows {letter_no, channel, category, state, body, reply,
 * writer_name, address, lat, lon, created_at, updated_at, due_day,
 * department_name}, newest first: created in [start, end), service codes
 * a ",code,code," list ("" any), status "open", "closed" or "" any.
 */
enum yw_err	yw_open311_store_requests(struct yw_db *db, int64_t start,
		    int64_t end, const char *codes, const char *status,
		    int64_t limit, json_t **rows);
/* The same row of one letter number (an empty array when none). */
enum yw_err	yw_open311_store_request(struct yw_db *db,
		    const char *letter_no, json_t **rows);

#endif
