/*
 * survey_store.h - the SQL of surveys (survey.c calls it). Rows come back
 * as new JSON objects or arrays (caller owns); nothing here checks
 * permissions.
 */
#ifndef YW_SURVEY_STORE_H
#define YW_SURVEY_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* A survey row with department_name(_en); YW_ENOTFOUND. */
enum yw_err	yw_survey_store_get(struct yw_db *db, int64_t id,
		    json_t **out);
/* Published surveys, the latest opening first. */
enum yw_err	yw_survey_store_published(struct yw_db *db, json_t **out);
/* A department's surveys (0: all), newest first. */
enum yw_err	yw_survey_store_of(struct yw_db *db, int64_t department_id,
		    json_t **out);
/* Inserts s (title, description, opens_at, closes_at, results,
 * department_id, created_by) and returns its id. */
enum yw_err	yw_survey_store_insert(struct yw_db *db, json_t *s,
		    int64_t now, int64_t *id);
/* Writes title, description, opens_at, closes_at, results of s. */
enum yw_err	yw_survey_store_update(struct yw_db *db, int64_t id, json_t *s,
		    int64_t now);
enum yw_err	yw_survey_store_publish(struct yw_db *db, int64_t id,
		    int64_t now);
enum yw_err	yw_survey_store_set_closes(struct yw_db *db, int64_t id,
		    int64_t closes_at, int64_t now);

/* Questions in order, options parsed into an array. */
enum yw_err	yw_survey_store_questions(struct yw_db *db, int64_t survey_id,
		    json_t **out);
/* Replaces the questions with qs [{kind, text, required, options}]
 * (options: [{id, label}]), only while the survey has no response
 * (YW_ECONFLICT otherwise). */
enum yw_err	yw_survey_store_set_questions(struct yw_db *db,
		    int64_t survey_id, json_t *qs);

/* 1 when account_id has answered survey_id. */
int		yw_survey_store_answered(struct yw_db *db, int64_t survey_id,
		    int64_t account_id);
/* A response and its answer rows [{question_id, option_id, text}];
 * YW_ECONFLICT when the account has answered already. */
enum yw_err	yw_survey_store_respond(struct yw_db *db, int64_t survey_id,
		    int64_t account_id, json_t *rows, int64_t now,
		    int64_t *response_id);

/* [{question_id, option_id, n}] over chosen options and ratings. */
enum yw_err	yw_survey_store_counts(struct yw_db *db, int64_t survey_id,
		    json_t **out);
/* [{question_id, n}]: responses that answered each question. */
enum yw_err	yw_survey_store_answered_counts(struct yw_db *db,
		    int64_t survey_id, json_t **out);
/* Free-text answers [{question_id, text}], at most limit per survey
 * question, oldest first. */
enum yw_err	yw_survey_store_texts(struct yw_db *db, int64_t survey_id,
		    int64_t limit, json_t **out);
/* Every response's rows in response order, a page at a time after
 * response after_id: [{response_id, created_at, question_id, option_id,
 * text}] for up to limit responses. */
enum yw_err	yw_survey_store_export_page(struct yw_db *db,
		    int64_t survey_id, int64_t after_id, int64_t limit,
		    json_t **out);

#endif
