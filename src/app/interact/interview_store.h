/*
 * interview_store.h - the SQL of online interviews (interview.c calls
 * it). Rows come back as new JSON objects or arrays (caller owns);
 * nothing here checks permissions.
 */
#ifndef YW_INTERVIEW_STORE_H
#define YW_INTERVIEW_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

enum yw_err	yw_interview_store_insert(struct yw_db *db, int64_t dept,
		    const char *title, const char *topic, int64_t starts_at,
		    int64_t ends_at, int64_t by, int64_t now, int64_t *id);
enum yw_err	yw_interview_store_guest_add(struct yw_db *db,
		    int64_t interview_id, const char *name, const char *title,
		    int64_t sort);
/* The newest 200 interviews of a department (0: all), the latest
 * start first, with the department's names. */
enum yw_err	yw_interview_store_list(struct yw_db *db, int64_t dept,
		    json_t **out);
enum yw_err	yw_interview_store_get(struct yw_db *db, int64_t id,
		    json_t **out);
enum yw_err	yw_interview_store_guests(struct yw_db *db,
		    int64_t interview_id, json_t **out);
/* Sets ended_at unless it is set; *changes 1 when it was set now. */
enum yw_err	yw_interview_store_end(struct yw_db *db, int64_t id,
		    int64_t now, int64_t *changes);

enum yw_err	yw_interview_store_by_key(struct yw_db *db, int64_t id,
		    int64_t asker, const char *key, int64_t *qid);
enum yw_err	yw_interview_store_ask(struct yw_db *db, int64_t id,
		    int64_t asker, const char *name, const char *phone,
		    const char *body, const char *key, int64_t now,
		    int64_t *qid);
/* Every question of an interview, in the order asked. */
enum yw_err	yw_interview_store_questions(struct yw_db *db, int64_t id,
		    json_t **out);
enum yw_err	yw_interview_store_question(struct yw_db *db, int64_t id,
		    int64_t qid, json_t **out);
/* pending -> approved / rejected; *changes 0 when it was not pending. */
enum yw_err	yw_interview_store_moderate(struct yw_db *db, int64_t qid,
		    const char *state, const char *reason, int64_t by,
		    int64_t now, int64_t *changes);
/* approved -> answered with the next number of the interview. */
enum yw_err	yw_interview_store_answer(struct yw_db *db, int64_t id,
		    int64_t qid, int64_t guest_id, const char *answer,
		    int64_t by, int64_t now, int64_t *changes);
/* Approved questions without a letter of interviews ended by now
 * (interview_id 0: all), with the interview's title, department and its
 * region: [{id, interview_id, asker_id, asker_name, asker_phone, body,
 * title, department_id, region_code}]. */
enum yw_err	yw_interview_store_leftovers(struct yw_db *db,
		    int64_t interview_id, int64_t now, json_t **out);
/* Links question qid to letter_id unless it has a letter already. */
enum yw_err	yw_interview_store_set_letter(struct yw_db *db, int64_t qid,
		    int64_t letter_id, int64_t now, int64_t *changes);

#endif
