/*
 * interview.h - online interviews (在线访谈): a department's officials
 * (guests) answer the public's questions during a set time. Whether an
 * interview is upcoming, live or ended follows from the clock, so nothing
 * has to move it; staff may end it early. Logged-in citizens and
 * businesses ask questions before and during it; staff approve or reject
 * each (with a reason) and only approved ones are shown, the asker's name
 * masked and personal data in the text redacted. While it is live staff
 * answer approved questions, each answer attributed to a guest and
 * numbered in the order given. After the end every approved question left
 * unanswered becomes a letter (channel consult) to the interview's
 * department, written by the asker and due in YW_INTERVIEW_REPLY_DAYS
 * working days (DOMAIN.md: unanswered interview questions get replies
 * within 5 working days), once per question.
 *
 * Who may do what: anyone reads the list and an interview's public view;
 * staff of the department holding dept_admin or publisher (and platform
 * admins) create interviews, moderate, answer and end them — the people
 * who run a department's public-facing content; other staff of the same
 * department get YW_EFORBIDDEN, staff of other departments YW_ENOTFOUND
 * for the staff view. Every staff change is one transaction with its
 * audit entry. Needs store/db.h, app/audit, app/interact/letter and the
 * working-day calendar (borrowed).
 */
#ifndef YW_INTERVIEW_H
#define YW_INTERVIEW_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

#define YW_INTERVIEW_TITLE_MAX		100	/* code points */
#define YW_INTERVIEW_TOPIC_MAX		2000
#define YW_INTERVIEW_GUESTS_MAX		5
#define YW_INTERVIEW_GUEST_MAX		50	/* a name or a position */
#define YW_INTERVIEW_QUESTION_MAX	500
#define YW_INTERVIEW_ANSWER_MAX		3000
#define YW_INTERVIEW_REASON_MAX		200
#define YW_INTERVIEW_KEY_MAX		100	/* bytes of a form token */
#define YW_INTERVIEW_HOURS_MAX		12	/* longest session */
#define YW_INTERVIEW_REPLY_DAYS		5	/* working days for leftovers */

enum yw_interview_phase {
	YW_INTERVIEW_UPCOMING,
	YW_INTERVIEW_LIVE,
	YW_INTERVIEW_ENDED
};

/*
 * The phase at now of an interview from starts_at to ends_at (UTC
 * seconds, start inclusive, end exclusive) that staff ended at ended_at
 * (0: not ended early). Pure.
 */
enum yw_interview_phase yw_interview_phase_at(int64_t starts_at,
		    int64_t ends_at, int64_t ended_at, int64_t now);
/* "upcoming", "live", "ended". */
const char	*yw_interview_phase_name(enum yw_interview_phase p);

/*
 * The close rule, pure: 1 when a question in state (borrowed) that has
 * become letter letter_id (0: none) must become a letter now, i.e. the
 * interview has ended and the question was approved and never answered
 * nor turned into a letter.
 */
int		 yw_interview_leftover(enum yw_interview_phase p,
		    const char *state, int64_t letter_id);

/*
 * Creates an interview for a's department (a platform admin names one in
 * in.department_id). in (borrowed) = {title, topic, starts, ends (local
 * Asia/Shanghai "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM"), guests: [{name,
 * title}] (blank rows ignored)}. Field errors (YW_EINVAL, *errors new):
 * title, topic, starts, ends ("required", "too_long", "invalid",
 * "before_start", "too_long_session"), guest_name_N / guest_title_N (N
 * from 1), guests ("required" when none), department_id. Audited as
 * "interview.create".
 */
enum yw_err	yw_interview_create(struct yw_db *db, const struct yw_actor *a,
		    json_t *in, int64_t now, int64_t *id, json_t **errors);

/*
 * The public list as a new object {upcoming: [...] (soonest first), live:
 * [...], past: [...] (newest first, at most 50)}, each {id, title,
 * department_id, department_name, department_name_en, starts_at, ends_at,
 * starts_local, ends_local, phase, guests: [{id, name, title}]}.
 * department_id > 0 limits it to one department (the staff list).
 */
enum yw_err	yw_interview_list(struct yw_db *db, int64_t department_id,
		    int64_t now, json_t **out);

/*
 * One interview as a sees it, a new object: {interview: {the list fields,
 * topic, can: {ask, manage, answer, end}}, answers: [answered questions in
 * answer order: {id, seq, asker, body, answer, guest_id, guest_name,
 * guest_title, answered_local}], waiting: [approved, unanswered: {id,
 * asker, body, letter (1 once it became a letter)}]}; for a logged-in
 * asker also mine: [{id, body, state, reason}]; for staff who manage it
 * also pending: [{id, asker, body, created_local}] and rejected. Public
 * texts are redacted and askers masked; YW_ENOTFOUND for no interview.
 */
enum yw_err	yw_interview_get(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, int64_t now, json_t **out);

/* The same for the staff page: YW_EAUTH anonymous, YW_ENOTFOUND for
 * anyone but staff of its department, YW_EFORBIDDEN for those of them
 * who may not manage it. */
enum yw_err	yw_interview_staff_get(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, int64_t now,
		    json_t **out);

/*
 * A logged-in citizen or business asks (staff: YW_EFORBIDDEN; anonymous:
 * YW_EAUTH) while the interview is upcoming or live (else YW_ECONFLICT).
 * body 1..YW_INTERVIEW_QUESTION_MAX code points (errors body "required",
 * "too_long", "invalid"); key the form token: the same key from the same
 * asker gives the first question and adds nothing. *qid the question.
 */
enum yw_err	yw_interview_ask(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, const char *body, const char *key, int64_t now,
		    int64_t *qid, json_t **errors);

/*
 * Moderates question qid of interview id: op "approve" or "reject"
 * (reason required for reject: errors reason "required", "too_long").
 * Only a pending question (else YW_ECONFLICT). Audited.
 */
enum yw_err	yw_interview_moderate(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, int64_t qid,
		    const char *op, const char *reason, int64_t now,
		    json_t **errors);

/*
 * Answers approved question qid while the interview is live (else
 * YW_ECONFLICT), as guest guest_id of the interview (errors guest_id
 * "required", "not_found"; answer "required", "too_long"). The answer
 * gets the next number. Audited.
 */
enum yw_err	yw_interview_answer(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, int64_t qid,
		    int64_t guest_id, const char *answer, int64_t now,
		    json_t **errors);

/*
 * Ends a live or upcoming interview now (YW_ECONFLICT when it has ended)
 * and closes it: its leftover questions become letters. Audited.
 * *letters (may be NULL) = letters made.
 */
enum yw_err	yw_interview_end(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id, int64_t now,
		    int *letters);

/*
 * Turns every leftover question of every ended interview into a letter
 * (one transaction each, audited as the system). Idempotent: a question
 * becomes one letter however often this runs and on however many nodes.
 * *letters (may be NULL) = letters made now. For `yiwang interviews
 * close` from cron.
 */
enum yw_err	yw_interview_close(struct yw_db *db,
		    const struct yw_workday_cal *cal, int64_t now,
		    int *letters);

#endif
