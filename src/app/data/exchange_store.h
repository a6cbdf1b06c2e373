/*
 * exchange_store.h - SQL of the exchange (exchange.h): API keys, records,
 * department key pairs and the chained log.
 * Parameters are borrowed; rows come back as new jansson values.
 */
#ifndef YW_EXCHANGE_STORE_H
#define YW_EXCHANGE_STORE_H

#include <stddef.h>
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

/*
 * Inserts the records datas[i] (JSON text) of a resource, each replacing
 * the record with the same rkey (rkeys[i]; NULL = no key); the n rkeys are
 * distinct. Ids are given in array order.
 */
enum yw_err	yw_exchange_store_records_put(struct yw_db *db,
		    int64_t resource_id, char *const *rkeys,
		    char *const *datas, size_t n, int64_t now);
enum yw_err	yw_exchange_store_touch(struct yw_db *db, int64_t resource_id,
		    int64_t now);
/* 1 when some record's rkey is not its value of the resource's current
 * key item (data_resource.rkey_mixed). */
enum yw_err	yw_exchange_store_rkey_mixed(struct yw_db *db,
		    int64_t resource_id, int64_t *mixed);
/*
 * Up to limit records {id, rkey, data, updated_at} of a resource with id >
 * after, updated_at >= since, each filter (an array of [item, canonical
 * value] pairs, at most YW_EXCHANGE_STORE_FILTERS_MAX) matching, skipping
 * offset rows; ordered by id. A filter on key_item (may be NULL; pass it
 * only when rkeys are its values) is a lookup of rkey; the others compare
 * each record's value, so they cost a read of the records up to the page's
 * end. A value longer than YW_SCHEMA_VALUE_INDEX_MAX matches nothing.
 */
#define YW_EXCHANGE_STORE_FILTERS_MAX 3
enum yw_err	yw_exchange_store_records(struct yw_db *db,
		    int64_t resource_id, const char *key_item, json_t *filters,
		    int64_t since, int64_t after, int64_t offset, int64_t limit,
		    json_t **rows);
/* One record of yw_exchange_store_records_each; its strings are borrowed
 * until the callback returns. */
struct yw_exchange_row {
	int64_t		 id;
	const char	*rkey;		/* NULL when the record has none */
	const char	*data;		/* JSON text */
	size_t		 data_len;
	int64_t		 updated_at;
};
typedef enum yw_err (*yw_exchange_row_fn)(void *arg,
		    const struct yw_exchange_row *row);
/* The same records as yw_exchange_store_records, handed to fn one by one
 * without building jansson values; fn's error stops and is returned. */
enum yw_err	yw_exchange_store_records_each(struct yw_db *db,
		    int64_t resource_id, const char *key_item, json_t *filters,
		    int64_t since, int64_t after, int64_t offset, int64_t limit,
		    yw_exchange_row_fn fn, void *arg);

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
/* Appends entry without moving the head: a batch of entries moves it
 * once, at its end, with chain_move. */
enum yw_err	yw_exchange_store_log_insert(struct yw_db *db, json_t *entry);
/* Moves a chain's head from seq from to seq/hash; YW_ECONFLICT when the
 * head was not at from. */
enum yw_err	yw_exchange_store_chain_move(struct yw_db *db,
		    int64_t department_id, int64_t from, int64_t seq,
		    const char *hash);
/* A chain's head without locking; seq 0 when there is none. */
enum yw_err	yw_exchange_store_chain_peek(struct yw_db *db,
		    int64_t department_id, int64_t *seq, char hash[65]);
/* Entries of a chain with seq > since, up to limit, in seq order. */
enum yw_err	yw_exchange_store_log_list(struct yw_db *db,
		    int64_t department_id, int64_t since, int64_t limit,
		    json_t **rows);

#endif
