/*
 * request.h - sharing requests for conditional resources (有条件共享) with
 * working-day clocks: a consumer department asks, the data office reviews
 * within YW_DATA_REVIEW_DAYS working days, the provider answers within
 * YW_DATA_ANSWER_DAYS; a grant (data.h's table, request_id set) makes the
 * exchange read at once. Overdue steps are escalated once per step. Needs
 * store/db.h, core/workday.h, audit, notify and data_store.h.
 *
 * Who may do what:
 *   consumer  data_steward or dept_admin of a department other than the
 *             provider: files a request, follows it
 *   data office (数据主管部门) platform_admin: reviews (approve / refuse)
 *   provider  data_steward or dept_admin of the resource's department:
 *             answers (grant with items / refuse)
 * A request reads as YW_ENOTFOUND to anyone who is none of these for it;
 * acting on a step that is not one's own is YW_EFORBIDDEN, acting on a
 * closed or moved-on step YW_ECONFLICT.
 *
 * A request as a view: {id, resource_code, resource_name, resource_name_en,
 * consumer_id, consumer_name, consumer_name_en, provider_id, provider_name,
 * provider_name_en, requested_by_name, purpose, items [names],
 * granted_items [names], expires_on, state (review | answer | granted |
 * refused), reason, created_at, created_at_local, and while open: due
 * (YYYY-MM-DD), days_left, light (green | yellow | red), overdue (bool)}.
 */
#ifndef YW_DATA_REQUEST_H
#define YW_DATA_REQUEST_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

#define YW_DATA_REVIEW_DAYS	2	/* working days for the data office */
#define YW_DATA_ANSWER_DAYS	5	/* working days for the provider */
#define YW_DATA_REQUEST_WARN	50	/* yellow light at this share used */
#define YW_DATA_PURPOSE_MAX	500	/* code points */
#define YW_DATA_REASON_MAX	500	/* code points */

/*
 * Files a request for the conditional resource code. in (borrowed):
 * {purpose, items (array of item names), expires_on ("" or YYYY-MM-DD
 * after today)}. Field codes in *errors (caller owns) on YW_EINVAL:
 * resource "invalid" (not conditional, or a's own department's) or
 * "duplicate" (an open request exists), purpose "required"/"too_long",
 * items "required"/"invalid", expires_on "date"/"past". *id receives the
 * new request. Audited as "data_request.create".
 */
enum yw_err	yw_data_request_create(struct yw_db *db,
		    const struct yw_actor *a, const struct yw_workday_cal *cal,
		    const char *code, json_t *in, int64_t now, int64_t *id,
		    json_t **errors);

/*
 * One step on request id: action "approve" or "refuse" (data office, state
 * review), "grant" or "refuse" (provider, state answer). in (borrowed):
 * {reason, items}; a refusal needs a reason (reason "required"); a grant
 * needs items, each one the request asked for (items "required" /
 * "invalid"). A grant writes the data_grant row (request_id, purpose,
 * expires_at from expires_on) in the same transaction. Audited as
 * "data_request.<action>"; the requester gets an inbox message.
 */
enum yw_err	yw_data_request_act(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id,
		    const char *action, json_t *in, int64_t now,
		    json_t **errors);

/* Request id as a view (above) plus timeline [{at_local, event,
 * actor_name, note}] and may ["approve", "refuse", "grant"]: *out new. */
enum yw_err	yw_data_request_get(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id, int64_t now,
		    json_t **out);

/*
 * The three lists of a's requests: *out (new) = {mine (as consumer),
 * to_review (data office, open at review), to_answer (provider, open at
 * answer)}, each of views, newest first (at most 200 each).
 */
enum yw_err	yw_data_request_lists(struct yw_db *db,
		    const struct yw_actor *a, const struct yw_workday_cal *cal,
		    int64_t now, json_t **out);

/*
 * Per provider department: open requests and overdue ones, as a new
 * object {"<department_id>": {pending, overdue}} (no permission check: the
 * figures name no one).
 */
enum yw_err	yw_data_request_figures(struct yw_db *db,
		    const struct yw_workday_cal *cal, int64_t now,
		    json_t **out);

/*
 * The escalation job: every open step past its due day that has not been
 * escalated yet gets a timeline event "escalated" and an inbox message to
 * the staff responsible for the step and to the data office, in one
 * transaction per request. Running it again does nothing new. *count
 * receives the steps escalated now.
 */
enum yw_err	yw_data_request_escalate(struct yw_db *db,
		    const struct yw_workday_cal *cal, int64_t now, int *count);

#endif
