/*
 * open_plan.h - the annual opening plan (开放计划: data sets a department
 * intends to open, by target quarter) and the public's requests for new
 * data sets (数据开放需求), answered by the department in public. Needs
 * store/db.h, audit and org.
 *
 * Who may do what:
 *   anyone                  read the plan and every request with its reply
 *   a logged-in account     ask (citizen, business or staff)
 *   data_steward, dept_admin of the department; platform_admin
 *                           add or delete plan entries, answer requests
 */
#ifndef YW_OPEN_PLAN_H
#define YW_OPEN_PLAN_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

#define YW_OPEN_PLAN_NAME_MAX	100	/* code points */
#define YW_OPEN_PLAN_DESC_MAX	500
#define YW_OPEN_REQ_TITLE_MAX	100
#define YW_OPEN_REQ_BODY_MAX	2000
#define YW_OPEN_REPLY_MAX	2000
#define YW_OPEN_REQ_PER_PAGE	20

/*
 * The plan of year as a new object (caller owns): {year, entries: [{id,
 * department_id, department_code, department_name, department_name_en,
 * quarter, name, description}]} by department and quarter.
 */
enum yw_err	yw_open_plan_list(struct yw_db *db, int64_t year,
		    json_t **out);

/*
 * Adds a plan entry from in (borrowed; strings as a form sends them):
 * year (2000..2100), quarter (1..4), name, description (optional) and,
 * for a platform_admin, department_id (others: their own department).
 * YW_EINVAL with *errors (caller owns) field -> "required" | "invalid" |
 * "too_long"; *id the new entry. Audited as "open_plan.create".
 */
enum yw_err	yw_open_plan_add(struct yw_db *db, const struct yw_actor *a,
		    json_t *in, int64_t *id, json_t **errors);
/* Deletes entry id (YW_ENOTFOUND; YW_EFORBIDDEN outside a's department).
 * Audited as "open_plan.delete". */
enum yw_err	yw_open_plan_delete(struct yw_db *db,
		    const struct yw_actor *a, int64_t id);

/* Requests, newest first, page 1-based: {requests: [{id, department_id,
 * department_code, department_name, department_name_en, title, body,
 * status, reply, replied_at, created_at}], total, page, pages}. The asker
 * is never shown. */
enum yw_err	yw_open_request_list(struct yw_db *db, int64_t page,
		    json_t **out);
/* One request as above plus may_reply (a may answer it). */
enum yw_err	yw_open_request_get(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, json_t **out);
/*
 * Asks: in = {department_id, title, body}. YW_EAUTH when anonymous;
 * YW_EINVAL with *errors as above ("not_found" for an unknown
 * department). *id the new request.
 */
enum yw_err	yw_open_request_add(struct yw_db *db, const struct yw_actor *a,
		    json_t *in, int64_t *id, json_t **errors);
/*
 * Answers request id with reply (borrowed). YW_EINVAL with *errors
 * {"reply": code}; YW_ECONFLICT when already answered; YW_EFORBIDDEN for
 * others than the department's steward or admin. Audited as
 * "open_request.reply".
 */
enum yw_err	yw_open_request_reply(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, const char *reply,
		    json_t **errors);

#endif
