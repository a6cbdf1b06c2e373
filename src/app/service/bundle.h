/*
 * bundle.h - "one thing, one application" bundles (一件事一次办) as the
 * public sees them, and the data applying works from: which items a bundle
 * joins, in which stages, and each item's application form (formdef.h).
 * Applying itself is case.h. Needs store/db.h, audit and formdef.
 *
 * Who may do what: anyone reads published bundles; a platform_admin
 * defines bundles and sets any item's form; a dept_admin sets the forms
 * of their own department's items. Changes are audited (bundle.define,
 * service.form), so pages cached by the audit epoch see them.
 */
#ifndef YW_BUNDLE_H
#define YW_BUNDLE_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

#define YW_BUNDLE_ITEMS_MAX	20

/*
 * Published bundles, ordered by code, as a new array (caller owns) of
 * {code, name, name_en, event, summary, summary_en, region_code,
 * departments (how many), items: [{code, name, name_en, stage,
 * department_id, department_name, department_name_en, promised_days}]}.
 * event (borrowed; NULL or "" for all) keeps one life event's bundles.
 */
enum yw_err	yw_bundle_list(struct yw_db *db, const char *event,
		    json_t **out);

/* One published bundle by code, shaped as a list entry plus stages (the
 * number of stages); YW_ENOTFOUND otherwise. */
enum yw_err	yw_bundle_get(struct yw_db *db, const char *code,
		    json_t **out);

/*
 * Creates or replaces (by code) a bundle, platform_admin only. in
 * (borrowed) = {code, name, name_en, event, summary, summary_en,
 * region_code, items: [{code, stage}]}. The items must exist (each item
 * once, 1..YW_BUNDLE_ITEMS_MAX of them, stage >= 1); a bundle whose
 * items' forms cannot be merged is refused. YW_EINVAL with *errors (new)
 * naming the field ("code", "name", "event", "region_code", "items",
 * "items[i]": "required", "invalid", "not_found", "conflict"). On YW_OK
 * *id (may be NULL) is the bundle. Audited as bundle.define unless
 * nothing changed.
 */
enum yw_err	yw_bundle_define(struct yw_db *db, const struct yw_actor *a,
		    json_t *in, int64_t *id, json_t **errors);

/*
 * Sets the application form of the item with code to def (borrowed),
 * after yw_formdef_check (YW_EINVAL with its *errors). YW_ENOTFOUND for an
 * unknown item or one outside a's department; YW_EFORBIDDEN for actors
 * who may not. Audited as service.form unless nothing changed.
 */
enum yw_err	yw_bundle_set_form(struct yw_db *db, const struct yw_actor *a,
		    const char *item_code, json_t *def, json_t **errors);

#endif
