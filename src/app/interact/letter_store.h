/*
 * letter_store.h - the SQL of the interact domain (letter.c, letter_public.c
 * call it). Rows come back as new JSON objects or arrays (caller owns);
 * nothing here checks permissions.
 */
#ifndef YW_LETTER_STORE_H
#define YW_LETTER_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* {code, reply_days, anonymous} of a channel; YW_ENOTFOUND. */
enum yw_err	yw_letter_store_channel(struct yw_db *db, const char *code,
		    json_t **out);
enum yw_err	yw_letter_store_channels(struct yw_db *db, json_t **out);
enum yw_err	yw_letter_store_set_days(struct yw_db *db, const char *code,
		    int64_t days, int64_t now);
/* The department of the most specific route, YW_ENOTFOUND for none. */
enum yw_err	yw_letter_store_route(struct yw_db *db, const char *channel,
		    const char *category, const char *region_code,
		    int64_t *department_id);
enum yw_err	yw_letter_store_routes(struct yw_db *db, json_t **out);
enum yw_err	yw_letter_store_route_put(struct yw_db *db,
		    const char *channel, const char *category,
		    const char *region_code, int64_t department_id);
int		yw_letter_store_region_exists(struct yw_db *db,
		    const char *code);
int		yw_letter_store_department_exists(struct yw_db *db,
		    int64_t id);
/* letter_setting value as an integer, 0 when unset. */
int64_t		yw_letter_store_setting(struct yw_db *db, const char *key);
enum yw_err	yw_letter_store_set_setting(struct yw_db *db, const char *key,
		    const char *value);

enum yw_err	yw_letter_store_officers(struct yw_db *db,
		    int64_t department_id, json_t **out);
enum yw_err	yw_letter_store_officer_put(struct yw_db *db,
		    int64_t department_id, const char *channel,
		    int64_t account_id, const char *title, int64_t now);
/* 1 when account_id is active staff of department_id. */
int		yw_letter_store_is_staff(struct yw_db *db, int64_t account_id,
		    int64_t department_id);

enum yw_err	yw_letter_store_next_no(struct yw_db *db, const char *day,
		    int64_t *seq);
enum yw_err	yw_letter_store_by_key(struct yw_db *db, const char *scope,
		    const char *key, int64_t *id, char letter_no[24]);
/* Inserts the letter row l (the columns by name) and returns its id. */
enum yw_err	yw_letter_store_insert(struct yw_db *db, json_t *l,
		    int64_t *id);
enum yw_err	yw_letter_store_get(struct yw_db *db, int64_t id,
		    json_t **out);
enum yw_err	yw_letter_store_by_code(struct yw_db *db,
		    const char *letter_no, const char *query_hash,
		    json_t **out);
/* Writes the changed fields of l (state, department_id, assignee_id,
 * transfers, reopened, reply, replied_at, reply_days, on_time, rating,
 * rating_comment, due_day, escalated_at, files) if its version is still
 * version; YW_ECONFLICT when someone else changed it first. */
enum yw_err	yw_letter_store_update(struct yw_db *db, json_t *l,
		    int64_t version, int64_t now);
enum yw_err	yw_letter_store_event(struct yw_db *db, int64_t letter_id,
		    int64_t actor_id, const char *role, const char *event,
		    const char *state, int64_t department_id, const char *note,
		    int internal, int64_t now);
enum yw_err	yw_letter_store_events(struct yw_db *db, int64_t letter_id,
		    int with_internal, json_t **out);
enum yw_err	yw_letter_store_mine(struct yw_db *db, int64_t writer_id,
		    json_t **out);
/* Open letters of a department (0: all), the earliest deadline first;
 * overdue_before > 0 keeps those due before that day. */
enum yw_err	yw_letter_store_queue(struct yw_db *db, int64_t department_id,
		    int64_t overdue_before, json_t **out);
/* Open letters due before today not yet escalated. */
enum yw_err	yw_letter_store_overdue_new(struct yw_db *db, int64_t today,
		    json_t **out);
/* Active staff accounts holding role in department_id. */
enum yw_err	yw_letter_store_role_holders(struct yw_db *db,
		    int64_t department_id, const char *role, json_t **out);
/* [{id, display_name}] of active staff of department_id holding
 * case_handler or dept_admin, by name. */
enum yw_err	yw_letter_store_handlers(struct yw_db *db,
		    int64_t department_id, json_t **out);
enum yw_err	yw_letter_store_public(struct yw_db *db, const char *channel,
		    int64_t department_id, int64_t limit, int64_t offset,
		    json_t **out);
enum yw_err	yw_letter_store_public_count(struct yw_db *db,
		    const char *channel, int64_t *n);
enum yw_err	yw_letter_store_figures(struct yw_db *db, json_t **out);
enum yw_err	yw_letter_store_reply_days(struct yw_db *db, json_t **out);

/* Open letters due after day after, [{id, due_day}], and moving one's
 * due day (a calendar change, app/deadlines.h). */
enum yw_err	yw_letter_store_dues_after(struct yw_db *db, int64_t after,
		    json_t **out);
enum yw_err	yw_letter_store_set_due(struct yw_db *db, int64_t id,
		    int64_t due, int64_t now);

#endif
