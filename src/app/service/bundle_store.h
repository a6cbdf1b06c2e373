/*
 * bundle_store.h - SQL of the bundle module (internal to src/app/service).
 * Functions returning json_t ** give a new reference (caller owns).
 */
#ifndef YW_BUNDLE_STORE_H
#define YW_BUNDLE_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Published bundles (of one event when event is not NULL), by code:
 * {id, code, name, name_en, event, summary, summary_en, region_code}. */
enum yw_err	yw_bundle_store_list(struct yw_db *db, const char *event,
		    const char *code, json_t **out);
/* The published items of published bundles (of one bundle when code is
 * not NULL): {bundle_id, code, name, name_en, stage, department_id,
 * department_name, department_name_en, promised_days}, by stage. */
enum yw_err	yw_bundle_store_items(struct yw_db *db, const char *code,
		    json_t **out);
/* A bundle of any status as {id, code, name, name_en, event, summary,
 * summary_en, region_code, status, items: "code:stage,..."}. */
enum yw_err	yw_bundle_store_any(struct yw_db *db, const char *code,
		    json_t **out);
/* An item of any status: {id, code, department_id, form_def}. */
enum yw_err	yw_bundle_store_item(struct yw_db *db, const char *code,
		    json_t **out);
enum yw_err	yw_bundle_store_insert(struct yw_db *db, json_t *in,
		    int64_t now, int64_t *id);
enum yw_err	yw_bundle_store_update(struct yw_db *db, int64_t id,
		    json_t *in, int64_t now);
enum yw_err	yw_bundle_store_clear_items(struct yw_db *db, int64_t id);
enum yw_err	yw_bundle_store_add_item(struct yw_db *db, int64_t bundle,
		    int64_t item, int64_t stage);
enum yw_err	yw_bundle_store_set_form(struct yw_db *db, int64_t item,
		    const char *def, int64_t now);

#endif
