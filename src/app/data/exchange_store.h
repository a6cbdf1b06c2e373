/*
 * exchange_store.h - SQL of the exchange (exchange.h): API keys, records
 * and their value index, department key pairs and the chained log.
 * Parameters are borrowed; rows come back as new jansson values.
 */
#ifndef YW_EXCHANGE_STORE_H
#define YW_EXCHANGE_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

enum yw_err	yw_exchange_store_key_insert(struct yw_db *db,
		    int64_t department_id, const char *name, const char *prefix,
		    const char *hash, int64_t created_by, int64_t now,
		    int64_t *id);
/* {id, department_id, prefix, revoked_at} of the key with this hash. */
enum yw_err	yw_exchange_store_key_find(struct yw_db *db, const char *hash,
		    json_t **row);
/* Keys of a department (0 = all), newest first, with department names. */
enum yw_err	yw_exchange_store_key_list(struct yw_db *db,
		    int64_t department_id, json_t **rows);
enum yw_err	yw_exchange_store_key_get(struct yw_db *db, int64_t id,
		    json_t **row);
enum yw_err	yw_exchange_store_key_revoke(struct yw_db *db, int64_t id,
		    int64_t now);
enum yw_err	yw_exchange_store_key_used(struct yw_db *db, int64_t id,
		    int64_t now);

/* Inserts or (same resource and rkey) replaces a record; *id its id. */
enum yw_err	yw_exchange_store_record_put(struct yw_db *db,
		    int64_t resource_id, const char *rkey, const char *data,
		    int64_t now, int64_t *id);
/* Replaces the indexed values of the records whose ids are in ids (JSON
 * text: [id, ...]) by rows (JSON text: [[record_id, item, value], ...]),
 * in two statements. */
enum yw_err	yw_exchange_store_values_put(struct yw_db *db,
		    int64_t resource_id, const char *ids, const char *rows);
enum yw_err	yw_exchange_store_touch(struct yw_db *db, int64_t resource_id,
		    int64_t now);
/*
 * Up to limit records {id, rkey, data, updated_at} of a resource with id >
 * after, updated_at >= since, each filter (an array of [item, value]
 * pairs, at most 3) matching, skipping offset rows; ordered by id.
 */
enum yw_err	yw_exchange_store_records(struct yw_db *db,
		    int64_t resource_id, json_t *filters, int64_t since,
		    int64_t after, int64_t offset, int64_t limit,
		    json_t **rows);

enum yw_err	yw_exchange_store_dept_key(struct yw_db *db,
		    int64_t department_id, json_t **row);
enum yw_err	yw_exchange_store_dept_key_put(struct yw_db *db,
		    int64_t department_id, const char *pk, const char *sealed,
		    int64_t now);
/* Every department's public key {department_id, department_code,
 * public_key}. */
enum yw_err	yw_exchange_store_dept_keys(struct yw_db *db, json_t **rows);
/* Locks (PostgreSQL) and reads a chain's head, creating it if needed. */
enum yw_err	yw_exchange_store_chain_head(struct yw_db *db,
		    int64_t department_id, int64_t *seq, char hash[65]);
/* Appends entry (an object with every column) and moves the head. */
enum yw_err	yw_exchange_store_log_put(struct yw_db *db, json_t *entry);
/* A chain's head without locking; seq 0 when there is none. */
enum yw_err	yw_exchange_store_chain_peek(struct yw_db *db,
		    int64_t department_id, int64_t *seq, char hash[65]);
/* Entries of a chain with seq > since, up to limit, in seq order. */
enum yw_err	yw_exchange_store_log_list(struct yw_db *db,
		    int64_t department_id, int64_t since, int64_t limit,
		    json_t **rows);

#endif
