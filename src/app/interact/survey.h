/*
 * survey.h - online surveys (网上调查). Staff of a department build a
 * survey as a draft: a title, a description, the first and last day it
 * is open (Asia/Shanghai days), when the public may see its results, and
 * questions of four kinds (single choice, multiple choice, a 1-5 rating,
 * free text), each required or not. Publishing opens it for its window;
 * a citizen or business account answers once. Questions can change until
 * the first answer arrives, after that only the title, description,
 * dates and results setting. Results count each option, with shares that
 * add up to 100% for single choices and ratings; free-text answers are
 * for the department's staff only, with personal data masked.
 *
 * Who builds: a department's dept_admin or publisher (the roles that
 * speak for the department in public), platform admins for any
 * department. Other staff, and staff of other departments, see a draft
 * as YW_ENOTFOUND. Every staff change is audited in its transaction.
 * Needs store/db.h and jansson; times are UTC seconds.
 */
#ifndef YW_SURVEY_H
#define YW_SURVEY_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/db.h"

#define YW_SURVEY_TITLE_MAX	100	/* code points */
#define YW_SURVEY_DESC_MAX	2000
#define YW_SURVEY_QUESTION_MAX	200	/* a question's text */
#define YW_SURVEY_OPTION_MAX	60	/* an option's label */
#define YW_SURVEY_ANSWER_MAX	1000	/* a free-text answer */
#define YW_SURVEY_QUESTIONS	30	/* questions in a survey */
#define YW_SURVEY_OPTIONS	12	/* options of a choice question */
#define YW_SURVEY_TEXTS		200	/* free-text answers shown */

/* "single", "multi", "rating", "text" (NULL-terminated). */
extern const char *const yw_survey_kinds[];

/* 1 when a may build surveys for department dept. */
int		yw_survey_may_build(const struct yw_actor *a, int64_t dept);

/*
 * Creates (id 0) or changes survey id from in (borrowed): {title,
 * description, opens, closes ("YYYY-MM-DD"), results ("closed" |
 * "always"), department_id (platform admins; others build for their
 * own), questions: [{text, kind, required (true/false), options:
 * ["label", ...]}]}. Field errors (YW_EINVAL, *errors new): title,
 * description, opens, closes ("before_opens"), results, and per question
 * at position n from 1: qn_text, qn_kind, qn_options ("required" for a
 * choice question with fewer than two, "too_many", "too_long",
 * "duplicate"), and "questions" ("too_many"). Once the survey has an
 * answer its questions are kept and in's are ignored. *out_id: the id.
 */
enum yw_err	yw_survey_save(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t *in, int64_t now, json_t **errors,
		    int64_t *out_id);

/* Publishes a draft: YW_EINVAL with errors "questions" ("required") when
 * it has none, "closes" ("past") when its last day has gone; YW_ECONFLICT
 * when already published. */
enum yw_err	yw_survey_publish(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, int64_t now, json_t **errors);
/* Ends a published survey now (its closing time becomes now). */
enum yw_err	yw_survey_close(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, int64_t now);

/*
 * A survey as a may see it: {survey: {id, title, description,
 * department_id, department_name, opens, closes (days, "YYYY-MM-DD"),
 * opens_at, closes_at, state, status ("draft", "upcoming", "open",
 * "closed"), results, results_public, responses, frozen, may_build},
 * questions: [{id, pos, kind, text, required, options: [{id, label}]}],
 * answered (a has answered)}. A draft is YW_ENOTFOUND to all but its
 * builders. *out new.
 */
enum yw_err	yw_survey_get(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, int64_t now, json_t **out);
/* Published surveys, the latest opening first, each as get's survey
 * object: {surveys: [...]}. */
enum yw_err	yw_survey_list(struct yw_db *db, int64_t now, json_t **out);
/* The surveys a may build (platform admins: all), newest first. */
enum yw_err	yw_survey_staff_list(struct yw_db *db,
		    const struct yw_actor *a, int64_t now, json_t **out);

/*
 * Checks answers (borrowed: question id as a decimal string -> a string,
 * or for multiple choice an array of strings: option ids; a rating is
 * "1".."5") against questions (borrowed, as get gives them). Errors
 * (*errors new, keyed "q<question id>"): "required", "invalid" (an option
 * the question does not have, a rating outside 1..5, two answers to a
 * single choice), "too_long", "text" (control characters or bad UTF-8).
 * On YW_OK *rows is a new array of {question_id, option_id (0 for text),
 * text} to store; on YW_EINVAL it is NULL.
 */
enum yw_err	yw_survey_check_answers(json_t *questions, json_t *answers,
		    json_t **errors, json_t **rows);

/*
 * a answers survey id: YW_EAUTH when anonymous, YW_EFORBIDDEN for staff,
 * YW_EINVAL with *errors from check_answers, YW_ECONFLICT with *errors
 * {"survey": "not_open" | "closed" | "already"} (one answer per account:
 * a retry or a second answer stores nothing). *response_id: the new one.
 */
enum yw_err	yw_survey_respond(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t *answers, int64_t now, json_t **errors,
		    int64_t *response_id);

/*
 * Results: {survey, total, questions: [{id, pos, kind, text, answered,
 * options: [{id, label, count, tenths (share of answered in tenths of a
 * percent)}], average (ratings, tenths), texts: [masked answers, staff
 * only, at most YW_SURVEY_TEXTS]}], staff}. Builders see
 * them any time; the public once the survey is published and its
 * results are public (closed, or "always"): else YW_EFORBIDDEN for a
 * published survey, YW_ENOTFOUND for a draft.
 */
enum yw_err	yw_survey_results(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, int64_t now, json_t **out);

/*
 * The responses as CSV for the survey's builders (else YW_ENOTFOUND):
 * UTF-8 with a byte order mark, a header row, then one row per response
 * (number, time in Asia/Shanghai, one column per question: option
 * labels joined by "; ", the grade, or the text with personal data
 * masked); no_label and time_label (borrowed) head the first two
 * columns. Cells that a spreadsheet would run as a formula get a
 * leading apostrophe (core/csv.h). Appended to out.
 */
enum yw_err	yw_survey_export(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, const char *no_label, const char *time_label,
		    struct yw_buf *out);

#endif
