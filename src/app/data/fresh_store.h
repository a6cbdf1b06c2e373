/*
 * fresh_store.h - SQL of the freshness checks (fresh.h).
 */
#ifndef YW_DATA_FRESH_STORE_H
#define YW_DATA_FRESH_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Active resources: [{id, code, name, department_id, update_cycle,
 * records_updated_at, created_at}] (caller owns). */
enum yw_err	yw_data_fresh_store_resources(struct yw_db *db, json_t **rows);
/* The freshness columns of every active resource by code:
 * {"<code>": {records_updated_at, created_at}} (caller owns). */
enum yw_err	yw_data_fresh_store_times(struct yw_db *db, json_t **out);

#endif
