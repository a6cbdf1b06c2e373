/*
 * catalogue.h - the stewards' view of the resource catalogue: their own
 * department's entries and, read-only, every department's shareable ones,
 * with freshness flags and per-department figures. Needs data.h, fresh.h
 * and request.h.
 */
#ifndef YW_DATA_CATALOGUE_H
#define YW_DATA_CATALOGUE_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

/*
 * *out (new) = {resources: [rows of yw_data_resource_list plus late,
 * last_update, own], figures: [{department_id, department_name,
 * department_name_en, entries, late, pending, overdue}], can_create}.
 * filters (borrowed, may be NULL): scope "mine" (own department only),
 * sharing, update_cycle (values of data.h; YW_EINVAL with *errors naming
 * the filter otherwise), late "1". A platform_admin sees every entry;
 * other staff their department's and the others' whose sharing is not
 * "none". Staff only (YW_EAUTH anonymous, YW_EFORBIDDEN others).
 */
enum yw_err	yw_data_catalogue_list(struct yw_db *db,
		    const struct yw_actor *a, const struct yw_workday_cal *cal,
		    json_t *filters, int64_t now, json_t **out,
		    json_t **errors);

/* Adds late and last_update (fresh.h) to one entry res (borrowed). */
enum yw_err	yw_data_catalogue_fresh(struct yw_db *db, json_t *res,
		    int64_t now);

#endif
