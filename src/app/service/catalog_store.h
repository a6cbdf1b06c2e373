/*
 * catalog_store.h - the SQL behind catalog.c (internal to src/app/service).
 * Reads return new JSON values (caller owns) shaped by their column names;
 * strings passed in are borrowed. None of these opens a transaction.
 */
#ifndef YW_CATALOG_STORE_H
#define YW_CATALOG_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* A listing's filter after validation: "" and 0 mean "any"; path_prefix
 * is the region's path ("" for all). */
struct yw_catalog_store_filter {
	const char	*event;
	int64_t		 department_id;
	const char	*path_prefix;
	int64_t		 level;
	const char	*type;
	int64_t		 limit;
	int64_t		 offset;
};

/* Published items matching f, ordered by code: [{id, code, name, name_en,
 * item_type, department_id, department_name, department_name_en,
 * region_code, region_name, level, statutory_days, promised_days, visits,
 * online_depth}]. */
enum yw_err	yw_catalog_store_list(struct yw_db *db,
		    const struct yw_catalog_store_filter *f, json_t **rows);
/* How many published items match f (limit and offset ignored). */
enum yw_err	yw_catalog_store_count(struct yw_db *db,
		    const struct yw_catalog_store_filter *f, int64_t *n);
/* [{event, n}]: published items per life event. */
enum yw_err	yw_catalog_store_event_counts(struct yw_db *db, json_t **rows);

/* Items of one department (0 = all), any status, ordered by code: the
 * list fields plus status, completeness, updated_at. */
enum yw_err	yw_catalog_store_admin_list(struct yw_db *db,
		    int64_t department_id, json_t **rows);

/* One item by id (code NULL) or by code (id 0): every column of
 * service_item plus department_code, department_name, department_name_en,
 * department_phone, department_address, region_name, region_name_en,
 * region_level, region_path; YW_ENOTFOUND when there is none. */
enum yw_err	yw_catalog_store_get(struct yw_db *db, int64_t id,
		    const char *code, json_t **row);
/* The item's materials [{seq, name, description, copies, form,
 * shared_department_id, shared_department_name,
 * shared_department_name_en, fetch_resource ('' = none)}], steps [{seq, text}] and events [{event}],
 * each in order. */
enum yw_err	yw_catalog_store_materials(struct yw_db *db, int64_t id,
		    json_t **rows);
enum yw_err	yw_catalog_store_steps(struct yw_db *db, int64_t id,
		    json_t **rows);
enum yw_err	yw_catalog_store_events(struct yw_db *db, int64_t id,
		    json_t **rows);

/* The next free sequence number for the code prefix. */
enum yw_err	yw_catalog_store_next_seq(struct yw_db *db,
		    int64_t department_id, const char *region_code,
		    const char *item_type, int64_t *seq);

/*
 * Inserts or updates the item's columns from item (borrowed; the keys of
 * service_item, integers or null for the optional numbers); insert also
 * takes code and seq from item and sets *id_out. YW_ECONFLICT when the
 * code is taken.
 */
enum yw_err	yw_catalog_store_insert(struct yw_db *db, json_t *item,
		    int64_t now, int64_t *id_out);
enum yw_err	yw_catalog_store_update(struct yw_db *db, int64_t id,
		    json_t *item, int64_t now);

/* Replace the item's materials ([{name, description, name_en,
 * description_en, copies, form, shared_department_id (0 or null = none),
 * fetch_resource (missing = '')}];
 * a missing English text is stored as ''), steps (["text"], with
 * steps_en[i] (may be NULL or shorter) the English of step i) and events
 * (["slug"]); lists borrowed. */
enum yw_err	yw_catalog_store_set_materials(struct yw_db *db, int64_t id,
		    json_t *materials);
enum yw_err	yw_catalog_store_set_steps(struct yw_db *db, int64_t id,
		    json_t *steps, json_t *steps_en);
enum yw_err	yw_catalog_store_set_events(struct yw_db *db, int64_t id,
		    json_t *events);

#endif
