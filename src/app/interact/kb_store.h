/*
 * kb_store.h - the SQL of the knowledge base (kb.c calls it): the
 * kb_answer rows staff keep. Rows come back as new JSON objects or
 * arrays (caller owns); nothing here checks permissions.
 */
#ifndef YW_KB_STORE_H
#define YW_KB_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* {id, department_id, department_name, department_name_en,
 * department_code, category, question, answer, published, updated_at,
 * updated_by_name}; YW_ENOTFOUND. */
enum yw_err	yw_kb_store_get(struct yw_db *db, int64_t id, json_t **out);
/* The answers of a department (0: all), newest change first; only
 * published ones when published_only. limit 0: all. */
enum yw_err	yw_kb_store_list(struct yw_db *db, int64_t department_id,
		    int published_only, int64_t limit, json_t **out);
/* Inserts ({department_id, category, question, answer, published}) and
 * gives the new id; YW_ECONFLICT when the department already has that
 * question. */
enum yw_err	yw_kb_store_insert(struct yw_db *db, json_t *in,
		    int64_t actor_id, int64_t now, int64_t *id);
/* Writes the same fields over row id; YW_ENOTFOUND, YW_ECONFLICT. */
enum yw_err	yw_kb_store_update(struct yw_db *db, int64_t id, json_t *in,
		    int64_t actor_id, int64_t now);
enum yw_err	yw_kb_store_delete(struct yw_db *db, int64_t id);
/* The ids of published consultation letters (for a reindex). */
enum yw_err	yw_kb_store_letter_ids(struct yw_db *db, json_t **out);

#endif
