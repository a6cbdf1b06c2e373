/*
 * case_int.h - helpers shared by case.c and case_staff.c (internal to
 * src/app/service). JSON getters return 0 / "" for missing keys.
 */
#ifndef YW_CASE_INT_H
#define YW_CASE_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

int64_t		 yw_case_jint(json_t *o, const char *k);
const char	*yw_case_jstr(json_t *o, const char *k);
/* Staff of the department with a handler role (or a platform admin). */
int		 yw_case_is_handler(const struct yw_actor *a, int64_t dept);
/* Staff of the department with any role (or a platform admin). */
int		 yw_case_is_staff_of(const struct yw_actor *a, int64_t dept);
/* Sets (*errors)[field] = code, creating the object. */
void		 yw_case_field_error(json_t **errors, const char *field,
		     const char *code);
/* 1 when s (may be NULL) is clean text of at most YW_CASE_NOTE_MAX. */
int		 yw_case_note_ok(const char *s, json_t **errors,
		     const char *field);
/* Parses JSON text; an empty object when it is not JSON. New reference. */
json_t		*yw_case_parse_json(const char *s);
/* Adds due, days_left and light to a task row as of today. */
void		 yw_case_decorate_task(json_t *t,
		     const struct yw_workday_cal *cal, int32_t today);
/* The task's pauses as spans (the running one ending today). */
size_t		 yw_case_pauses_of(json_t *t, int32_t today,
		     struct yw_workday_span *out, size_t max);
/* Adds "<key>_local" (Beijing time) to each row with an integer key. */
void		 yw_case_local_times(json_t *list, const char *key);
/* Loads a task for a staff action by a (see case.c). */
enum yw_err	 yw_case_staff_task(struct yw_db *db, const struct yw_actor *a,
		     int64_t task_id, json_t **t);
/* Settles case_id (when not 0) and commits on YW_OK; else rolls back. */
enum yw_err	 yw_case_commit_or_rollback(struct yw_db *db, enum yw_err rc,
		     int64_t case_id, int64_t now);
/* Starts the next stage or closes the case after a task moved. */
enum yw_err	 yw_case_settle(struct yw_db *db, int64_t case_id, int64_t now);

#endif
