/*
 * data.h - the government information resource catalogue (政务信息资源目录,
 * GB/T 21063) and the grants that let a department read a conditional
 * resource. Needs store/db.h, audit, org and schema.h.
 *
 * Who may do what:
 *   any staff member        list and read every catalogue entry
 *   data_steward            create entries for their own department and
 *                           edit its entries
 *   dept_admin, data_steward of the provider
 *                           grant or revoke another department's access
 *   platform_admin          everything, for any department
 *   everyone else           YW_EFORBIDDEN (reads: YW_EAUTH when anonymous)
 *
 * An entry: {code, name, name_en, summary, department_id, classification
 * (base | theme | department), items (schema.h), key_item, format,
 * sharing (unconditional | conditional | none), sharing_conditions,
 * open_attr (unconditional | conditional | none), open_conditions,
 * update_cycle (realtime | daily | weekly | monthly | quarterly | yearly),
 * published_on (YYYY-MM-DD)}. The code, <department code>-<4 digits>, is
 * assigned at creation and never changes.
 */
#ifndef YW_DATA_H
#define YW_DATA_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

#define YW_DATA_CODE_MAX	48
#define YW_DATA_NAME_MAX	100	/* code points */
#define YW_DATA_NAME_EN_MAX	200
#define YW_DATA_SUMMARY_MAX	1000
#define YW_DATA_CONDITIONS_MAX	500

/* The allowed values of the enumerated fields, NULL-terminated; static. */
extern const char *const yw_data_classifications[];
extern const char *const yw_data_formats[];
extern const char *const yw_data_sharing[];
extern const char *const yw_data_cycles[];

/*
 * Catalogue entries as a new array (caller owns) ordered by code, each
 * {code, name, name_en, department_id, department_name, department_name_en,
 * classification, format, sharing, open_attr, update_cycle, published_on,
 * item_count, editable}. department_id 0 lists all departments. Any staff
 * member; others YW_EFORBIDDEN (YW_EAUTH when a is anonymous).
 */
enum yw_err	yw_data_resource_list(struct yw_db *db, const struct yw_actor *a,
		    int64_t department_id, json_t **out);

/*
 * One entry as a new object (caller owns): every field above plus id,
 * department_name, department_code, editable (a may edit it), grants
 * ([{department_id, department_name, items, status}]), record_count and
 * updated_at. YW_ENOTFOUND for an unknown code. Staff only, as above.
 */
enum yw_err	yw_data_resource_get(struct yw_db *db, const struct yw_actor *a,
		    const char *code, json_t **out);

/*
 * Creates (code NULL) or updates an entry from in (borrowed; strings as a
 * form sends them, items an array of item objects, see schema.h). Every
 * standard field is required: name, summary, classification, format,
 * sharing, open_attr, update_cycle, published_on and at least one item;
 * sharing_conditions unless sharing is unconditional, open_conditions
 * unless open_attr is unconditional. key_item, when given, names a
 * required item. department_id is taken from a (a platform_admin names it
 * in in). On YW_EINVAL *errors (caller owns) maps fields to codes
 * ("required", "invalid", "too_long", "not_found", and schema.h's item
 * codes). On YW_OK code_out receives the code. Audited as
 * "data_resource.create" / "data_resource.update".
 */
enum yw_err	yw_data_resource_save(struct yw_db *db,
		    const struct yw_actor *a, const char *code, json_t *in,
		    char code_out[YW_DATA_CODE_MAX], json_t **errors);

/*
 * The resource code as a source a catalogue material may be fetched from
 * (service/case_fetch.h): *out (caller owns) = {id, code, name, name_en,
 * department_id, department_name, department_name_en, sharing, items
 * (array)}. YW_ENOTFOUND for an unknown or retired code, YW_EFORBIDDEN
 * (with *out set) when its sharing attribute is "none". No actor: the
 * catalogue's existence and attributes are not secret to the platform.
 */
enum yw_err	yw_data_resource_source(struct yw_db *db, const char *code,
		    json_t **out);

/*
 * What department_id may read through the exchange at now (the rules of
 * exchange.h: its own resources, unconditional ones, conditional ones it
 * holds an unexpired grant for; never a "none" one): *out (caller owns) =
 * [{code, name, name_en, department_name, department_name_en}] by code,
 * only code's when code is not NULL (empty when it may not read it).
 */
enum yw_err	yw_data_readable(struct yw_db *db, int64_t department_id,
		    const char *code, int64_t now, json_t **out);

/*
 * The items of department_id's grant on the resource with id resource_id
 * that is active and not expired at now, as a new array of item names
 * (caller owns; empty when there is no such grant).
 */
enum yw_err	yw_data_grant_items(struct yw_db *db, int64_t resource_id,
		    int64_t department_id, int64_t now, json_t **out);

/*
 * Grants department_id read access to the conditional resource code for
 * the item names in items (borrowed array; each must be an item of the
 * resource, "invalid" otherwise), replacing an earlier grant; purpose is
 * free text. For the provider's dept_admin or data_steward and
 * platform_admin. Audited as "data_grant.save".
 */
enum yw_err	yw_data_grant_save(struct yw_db *db, const struct yw_actor *a,
		    const char *code, int64_t department_id, json_t *items,
		    const char *purpose, json_t **errors);

#endif
