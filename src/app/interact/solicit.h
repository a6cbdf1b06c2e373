/*
 * solicit.h - opinion solicitation on drafts (意见征集): a department puts
 * a draft, split into numbered clauses, up for public comment between an
 * opening and a closing day; citizens comment on the whole draft or on
 * one clause; the department approves or rejects each comment (only
 * approved ones are shown, writer names masked); after closing it
 * publishes the feedback (采纳情况): an outcome (adopted, partly, not
 * adopted) with a reason for each clause that drew approved comments, and
 * an overall summary. Phases and the feedback deadline are computed from
 * the time (solicit_clock.h).
 *
 * Permissions are checked here. Staff of the owning department see its
 * solicitations with every comment; its dept_admins and publishers
 * (信息发布员, who publish the department's information) create, edit,
 * publish, moderate and answer them; platform admins act on all. Staff of
 * other departments, and the public for drafts, get YW_ENOTFOUND; other
 * staff of the department YW_EFORBIDDEN. Comments come from logged-in
 * citizens and businesses (staff: YW_EFORBIDDEN). Every change is one
 * transaction with its audit entry.
 *
 * Functions take the working-day calendar (borrowed) and the time now.
 */
#ifndef YW_SOLICIT_H
#define YW_SOLICIT_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

#define YW_SOLICIT_TITLE_MAX	100	/* code points */
#define YW_SOLICIT_SUMMARY_MAX	2000
#define YW_SOLICIT_CLAUSE_MAX	3000	/* one clause */
#define YW_SOLICIT_CLAUSES_MAX	60	/* clauses in a draft */
#define YW_SOLICIT_TEXT_MAX	60000	/* the clauses as typed */
#define YW_SOLICIT_COMMENT_MAX	2000
#define YW_SOLICIT_REASON_MAX	500	/* a rejection or an outcome */
#define YW_SOLICIT_FEEDBACK_MAX	5000	/* the overall summary */
#define YW_SOLICIT_SPAN_MAX	366	/* days from opening to closing */

/* The outcomes of feedback, in display order (NULL-terminated). */
extern const char *const yw_solicit_outcomes[];

struct yw_solicit_input {
	const char	*title;
	const char	*summary;
	const char	*clauses;	/* one clause per block, blocks apart
					 * by blank lines */
	const char	*opens_on;	/* "YYYY-MM-DD", Asia/Shanghai */
	const char	*closes_on;
	const char	*feedback_days;	/* "" for the default */
	const char	*idem_key;	/* creating: the form token */
};

/*
 * Creates (id 0) or changes solicitation id from in, as a draft of a's
 * department. Field errors (YW_EINVAL, *errors new): title, summary,
 * clauses ("required", "too_long", "invalid", "too_many"), opens_on,
 * closes_on ("required", "invalid", "before_open", "span_too_long"),
 * feedback_days ("invalid"). A published solicitation changes only
 * before it opens (YW_ECONFLICT after). *out_id: the id. Creating
 * again with the same idem_key (required when creating: token
 * "malformed") creates nothing and gives the first id.
 */
enum yw_err	yw_solicit_save(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id,
		    const struct yw_solicit_input *in, int64_t now,
		    json_t **errors, int64_t *out_id);

/* Publishes a draft: YW_ECONFLICT unless a draft; closes_on "past" when
 * its closing day has gone. Put into the search index. */
enum yw_err	yw_solicit_publish(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id, int64_t now,
		    json_t **errors);

/*
 * The public lists: {open: [...], upcoming: [...], closed: [...]} (closed
 * holds closed and answered ones, newest first), each row {id, title,
 * department_id, department_name, opens_on, closes_on, feedback_due,
 * phase, overdue, late, days_left, approved}.
 */
enum yw_err	yw_solicit_public_list(struct yw_db *db,
		    const struct yw_workday_cal *cal, int64_t now,
		    json_t **out);

/* The solicitations of a's department (platform admins: all), drafts
 * too, rows as above with pending counts: {solicitations: [...]}. */
enum yw_err	yw_solicit_staff_list(struct yw_db *db,
		    const struct yw_actor *a, const struct yw_workday_cal *cal,
		    int64_t now, json_t **out);

/*
 * One solicitation: {solicitation: {..., clauses: [{no, text, comments,
 * outcome}], general: {comments, outcome}, feedback, outcomes, can}}.
 * staff 0: the public view (published only; approved comments with the
 * writer's name masked and personal data in the text masked; can.comment
 * for a logged-in citizen while open). staff 1: a's department's view
 * (every comment with its state, writer and reason; pending: the pending
 * ones; can: edit, publish, moderate, feedback).
 */
enum yw_err	yw_solicit_get(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id, int staff,
		    int64_t now, json_t **out);

/*
 * A comment by a (logged in: YW_EAUTH; staff: YW_EFORBIDDEN) on clause
 * clause_no (0: the whole draft) of an open solicitation. Field errors:
 * body ("required", "too_long", "invalid", "closed" after the closing
 * day, "not_open" before the opening), clause ("invalid"). A second call
 * with the same idem_key by the same writer creates nothing and gives the
 * first comment's id.
 */
enum yw_err	yw_solicit_comment(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id,
		    int64_t clause_no, const char *body, const char *idem_key,
		    int64_t now, json_t **errors, int64_t *comment_id);

/* Approves (approve 1) or rejects comment_id of solicitation id; a
 * rejection needs reason (errors: reason "required", "too_long").
 * YW_ECONFLICT when it is no longer pending. */
enum yw_err	yw_solicit_moderate(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, int64_t comment_id, int approve,
		    const char *reason, int64_t now, json_t **errors);

/*
 * Publishes the feedback of a closed solicitation: summary (errors:
 * summary "required", "too_long"), and in outcomes (borrowed: {"<clause
 * no>": {outcome, reason}}) an outcome from yw_solicit_outcomes with a
 * reason for every clause (0: the whole draft) that has approved
 * comments (errors: outcome_<n>, reason_<n> "required", "invalid",
 * "too_long"). Errors: comments "pending" while any comment awaits
 * moderation. YW_ECONFLICT unless closed and not yet answered.
 */
enum yw_err	yw_solicit_feedback(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id,
		    const char *summary, json_t *outcomes, int64_t now,
		    json_t **errors);

/* The clauses of text as yw_solicit_save splits them: a new array of
 * strings (caller owns); NULL for none. */
json_t	       *yw_solicit_split(const char *text);

/* Puts every published solicitation into the search index again (for
 * `yiwang search reindex`); *n = how many. */
enum yw_err	yw_solicit_reindex(struct yw_db *db, size_t *n);

#endif
