/*
 * case_store.h - SQL of the case module (internal to src/app/service).
 * Functions returning json_t ** give a new reference (caller owns).
 */
#ifndef YW_CASE_STORE_H
#define YW_CASE_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* A published item by code: {id, region_code, department_id,
 * promised_days, statutory_days, form_def, name, name_en}. */
enum yw_err	yw_case_store_item(struct yw_db *db, const char *code,
		    json_t **out);
/* A published bundle by code: {id, region_code, name, name_en} and its
 * items as above plus stage, in stage order. */
enum yw_err	yw_case_store_bundle(struct yw_db *db, const char *code,
		    json_t **bundle, json_t **items);
int		yw_case_store_region_exists(struct yw_db *db,
		    const char *code);
/* The case an applicant made with this idempotency key, if any. */
enum yw_err	yw_case_store_by_key(struct yw_db *db, int64_t applicant,
		    const char *key, int64_t *id, char tracking[40]);
/* The next sequence number for a tracking-number prefix. */
enum yw_err	yw_case_store_next_seq(struct yw_db *db, const char *prefix,
		    int64_t *seq);
enum yw_err	yw_case_store_insert(struct yw_db *db, const char *tracking,
		    int64_t item_id, int64_t bundle_id, int64_t applicant,
		    const char *phone, const char *region, const char *values,
		    const char *key, int64_t now, int64_t *id);
enum yw_err	yw_case_store_add_task(struct yw_db *db, int64_t case_id,
		    int64_t item_id, int64_t department_id, int64_t stage,
		    int active, int64_t promised_days, int64_t now);
enum yw_err	yw_case_store_event(struct yw_db *db, int64_t case_id,
		    int64_t task_id, int64_t actor_id, const char *role,
		    const char *event, const char *state, const char *note,
		    int internal, int64_t now);

/* The case row {id, tracking_no, item_id, bundle_id, applicant_id,
 * applicant_phone, region_code, form_values, status, submitted_at,
 * completed_at, title, title_en, item_code, bundle_code}. */
enum yw_err	yw_case_store_case(struct yw_db *db, int64_t id, json_t **out);
enum yw_err	yw_case_store_case_by_tracking(struct yw_db *db,
		    const char *tracking, json_t **out);
/* The tasks of a case with item and department names, in stage order. */
enum yw_err	yw_case_store_tasks(struct yw_db *db, int64_t case_id,
		    json_t **out);
/* One task with its case's applicant and status. */
enum yw_err	yw_case_store_task(struct yw_db *db, int64_t id, json_t **out);
enum yw_err	yw_case_store_timeline(struct yw_db *db, int64_t case_id,
		    int with_internal, json_t **out);
enum yw_err	yw_case_store_rating(struct yw_db *db, int64_t case_id,
		    json_t **out);
enum yw_err	yw_case_store_mine(struct yw_db *db, int64_t applicant,
		    json_t **out);
/* Open, active tasks of a department (assignee filter when not 0). */
enum yw_err	yw_case_store_queue(struct yw_db *db, int64_t department_id,
		    int64_t assignee, json_t **out);

/* Writes a task's new state; YW_ECONFLICT when version moved on. */
enum yw_err	yw_case_store_task_update(struct yw_db *db, int64_t id,
		    int64_t version, const char *state, int64_t accepted_day,
		    int64_t due_day, int64_t pause_from, const char *pauses,
		    const char *reason, int64_t now);
enum yw_err	yw_case_store_task_assign(struct yw_db *db, int64_t id,
		    int64_t assignee, int64_t now);
enum yw_err	yw_case_store_task_move(struct yw_db *db, int64_t id,
		    int64_t version, int64_t department_id, int64_t now);
/* Activates the tasks of the lowest stage that has not begun, when every
 * active task has ended; *n receives how many began. */
enum yw_err	yw_case_store_next_stage(struct yw_db *db, int64_t case_id,
		    int64_t now, int64_t *n);
enum yw_err	yw_case_store_set_status(struct yw_db *db, int64_t case_id,
		    const char *status, int64_t now);

enum yw_err	yw_case_store_rate(struct yw_db *db, int64_t case_id,
		    int64_t grade, const char *comment, int64_t dept,
		    int64_t due_day, int64_t now);
enum yw_err	yw_case_store_rectify(struct yw_db *db, int64_t case_id,
		    const char *note, int64_t now);
/* Per department: open tasks with due days, for supervision. */
enum yw_err	yw_case_store_open_tasks(struct yw_db *db,
		    const char *region_path, json_t **out);

/* Open rectifications per department: {department_id, department_name,
 * department_name_en, n}. */
enum yw_err	yw_case_store_rectify_open(struct yw_db *db,
		    const char *region_path, json_t **out);

/* Open clocks due after day after, for a calendar change
 * (app/deadlines.h): [{id, due_day}] of the tasks in the queue and of the
 * open rectifications (id = case_id); set_*_due moves one. */
enum yw_err	yw_case_store_dues_after(struct yw_db *db, int64_t after,
		    json_t **out);
enum yw_err	yw_case_store_set_due(struct yw_db *db, int64_t id,
		    int64_t due, int64_t now);
enum yw_err	yw_case_store_rectify_dues_after(struct yw_db *db,
		    int64_t after, json_t **out);
enum yw_err	yw_case_store_set_rectify_due(struct yw_db *db, int64_t id,
		    int64_t due, int64_t now);

#endif
