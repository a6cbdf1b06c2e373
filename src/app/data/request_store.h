/*
 * request_store.h - SQL of sharing requests, their timeline and the grants
 * they produce (request.h). Rows come back as jansson objects (caller
 * owns); parameters are borrowed.
 */
#ifndef YW_DATA_REQUEST_STORE_H
#define YW_DATA_REQUEST_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* r: {resource_id, consumer_id, provider_id, requested_by, purpose, items
 * (text), expires_on, step_day, due_day}; state review. */
enum yw_err	yw_data_request_store_insert(struct yw_db *db, json_t *r,
		    int64_t now, int64_t *id);
/* One request with its resource's code, names and items (text) and the
 * department and requester names. */
enum yw_err	yw_data_request_store_get(struct yw_db *db, int64_t id,
		    json_t **row);
/* Requests, newest first, up to 200: by consumer (consumer_id > 0), or
 * those in state (non-NULL) of provider_id (0 = any provider). */
enum yw_err	yw_data_request_store_list(struct yw_db *db,
		    int64_t consumer_id, const char *state, int64_t provider_id,
		    json_t **rows);
/* Open (review or answer) requests of consumer_id for resource_id. */
enum yw_err	yw_data_request_store_open_count(struct yw_db *db,
		    int64_t resource_id, int64_t consumer_id, int64_t *n);
/* Moves request id from state from to state to; step_day and due_day 0
 * store NULL. YW_ECONFLICT when it was no longer in from. */
enum yw_err	yw_data_request_store_move(struct yw_db *db, int64_t id,
		    const char *from, const char *to, int64_t step_day,
		    int64_t due_day, const char *reason,
		    const char *granted_items, int64_t now);
enum yw_err	yw_data_request_store_event(struct yw_db *db, int64_t id,
		    int64_t at, int64_t account_id, const char *actor_name,
		    const char *event, const char *note);
enum yw_err	yw_data_request_store_events(struct yw_db *db, int64_t id,
		    json_t **rows);
/* Events named event with note note on request id (escalation guard). */
enum yw_err	yw_data_request_store_event_count(struct yw_db *db,
		    int64_t id, const char *event, const char *note,
		    int64_t *n);
/* Writes the grant of a request (replacing an earlier one of the same
 * resource and department); expires_at 0 stores NULL. */
enum yw_err	yw_data_request_store_grant(struct yw_db *db,
		    int64_t resource_id, int64_t department_id,
		    const char *items, const char *purpose, int64_t request_id,
		    int64_t expires_at, int64_t now);
/* Open requests: [{id, provider_id, state, step_day, due_day}]. */
enum yw_err	yw_data_request_store_open(struct yw_db *db, json_t **rows);
/* Active staff accounts [{id}] holding role, of department_id (0 = of
 * any department). */
enum yw_err	yw_data_request_store_staff(struct yw_db *db,
		    int64_t department_id, const char *role, json_t **rows);

/* Open requests whose step is due after day after, [{id, due_day}], and
 * moving one's due day (a calendar change, app/deadlines.h). */
enum yw_err	yw_data_request_store_dues_after(struct yw_db *db,
		    int64_t after, json_t **rows);
enum yw_err	yw_data_request_store_set_due(struct yw_db *db, int64_t id,
		    int64_t due, int64_t now);

#endif
