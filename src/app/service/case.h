/*
 * case.h - applications and cases (办件): a citizen or business applies for
 * a service item or a bundle (一件事一次办) with one form; the case gets a
 * tracking number and a task per department's item; staff move each task
 * through its life cycle (case_state.h) against a working-day deadline
 * (core/workday.h) that pauses during 补正; the applicant follows the
 * timeline, answers requests for material, and rates the result (好差评).
 *
 * Permissions are checked here: the applicant sees their own cases; staff
 * see the tasks of their own department (case_handler or dept_admin act on
 * them); platform admins see all. Anything else reads as YW_ENOTFOUND.
 * Every staff action is in the audit log and in the case's timeline;
 * internal comments stay out of what the applicant sees.
 *
 * Every function takes the working-day calendar it counts with (borrowed)
 * and the current time (unix seconds), so callers load the calendar once
 * and tests can fix the clock.
 */
#ifndef YW_CASE_H
#define YW_CASE_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "app/attach/attach.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

#define YW_CASE_NOTE_MAX	500	/* code points in a reason or comment */
#define YW_CASE_TRANSFER_MAX	3	/* a task moves at most this often */
#define YW_CASE_WARN_PERCENT	75	/* yellow light at this share used */
#define YW_CASE_RECTIFY_DAYS	15	/* working days to answer a bad rating */

/* A file sent with the application, checked (yw_attach_check_field) but
 * not yet stored; values refers to it by att. */
struct yw_case_file {
	struct yw_attach	 att;
	const void		*data;	/* borrowed: att.size bytes */
};

struct yw_case_input {
	const char	*item_code;	/* one of item_code, bundle_code */
	const char	*bundle_code;
	json_t		*values;	/* borrowed: field -> value (formdef.h) */
	const char	*idem_key;	/* Idempotency-Key or form token; NULL */
	const struct yw_case_file *files; /* borrowed; stored with the case */
	size_t		 nfiles;
};

/*
 * Applies as actor a (logged in; else YW_EAUTH). The item or bundle must be
 * published (else YW_ENOTFOUND). The values are checked against the form
 * (a bundle's forms merged): YW_EINVAL with *errors (new, field -> code).
 * A second call with the same idem_key by the same applicant creates
 * nothing and returns the first case. The files are stored in the
 * case's transaction (one durable commit per application). On YW_OK, *case_id and tracking
 * ("350100-20261128-000001").
 */
enum yw_err	yw_case_apply(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_case_input *in, int64_t now,
		    json_t **errors, int64_t *case_id, char tracking[40]);

/* The case applicant a made with idempotency key key, if any: YW_OK with
 * *case_id and tracking, YW_ENOTFOUND otherwise. Lets a caller tell a
 * retried request (same key) from a new one. */
enum yw_err	yw_case_find_key(struct yw_db *db, const struct yw_actor *a,
		    const char *key, int64_t *case_id, char tracking[40]);

/* The form an applicant fills for an item or bundle code (new object:
 * {kind, code, name, name_en, form: {fields: [...]}}); YW_ENOTFOUND unless
 * published. */
enum yw_err	yw_case_form(struct yw_db *db, const char *item_code,
		    const char *bundle_code, json_t **out);

/*
 * A case as its applicant (public timeline) or its departments' staff
 * (with internal notes and form values) see it: {case: {...}, tasks:
 * [{..., due, light, days_left}], timeline: [...], rating}. YW_ENOTFOUND
 * when a may not see it.
 */
enum yw_err	yw_case_get(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t case_id,
		    int64_t now, json_t **out);

/* The case task_id belongs to, for staff of the task's department (any
 * role) and platform admins; YW_ENOTFOUND for anyone else. */
enum yw_err	yw_case_task_case(struct yw_db *db, const struct yw_actor *a,
		    int64_t task_id, int64_t *case_id);

/* Progress lookup without an account: the tracking number and the phone
 * given when applying must both match (else YW_ENOTFOUND). Public view
 * only; no form values, personal data masked. */
enum yw_err	yw_case_lookup(struct yw_db *db,
		    const struct yw_workday_cal *cal, const char *tracking,
		    const char *phone, int64_t now, json_t **out);

/* The applicant's cases, newest first: [{id, tracking_no, title, status,
 * submitted_at_local}]. */
enum yw_err	yw_case_mine(struct yw_db *db, const struct yw_actor *a,
		    json_t **out);

/* The work queue of a's department: open tasks, the oldest deadline first,
 * each with its light; only_mine keeps the tasks a has claimed. */
enum yw_err	yw_case_queue(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int only_mine,
		    int64_t now, json_t **out);

/*
 * A staff action on a task: event is a case_state event name ("accept",
 * "refuse", "review", "request_supplement", "approve", "deny",
 * "complete"); note is the reason where one is needed (errors: note ->
 * "required"). YW_ECONFLICT for a move the task's state does not allow,
 * YW_EFORBIDDEN for staff of the department without a handler role.
 */
enum yw_err	yw_case_act(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t task_id,
		    const char *event, const char *note, int64_t now,
		    json_t **errors);

/* The applicant answers a request for material ("supplement", restarting
 * the clocks of the tasks waiting for it) or withdraws ("withdraw"). */
enum yw_err	yw_case_applicant_act(struct yw_db *db,
		    const struct yw_actor *a, const struct yw_workday_cal *cal,
		    int64_t case_id, const char *event, const char *note,
		    int64_t now, json_t **errors);

/* Staff: take a task (claim), leave an internal comment, or send it to
 * another department with a reason (counted; at most YW_CASE_TRANSFER_MAX,
 * then YW_ECONFLICT; only before acceptance). */
enum yw_err	yw_case_claim(struct yw_db *db, const struct yw_actor *a,
		    int64_t task_id, int64_t now);
enum yw_err	yw_case_comment(struct yw_db *db, const struct yw_actor *a,
		    int64_t task_id, const char *note, int64_t now,
		    json_t **errors);
enum yw_err	yw_case_transfer(struct yw_db *db, const struct yw_actor *a,
		    int64_t task_id, int64_t department_id, const char *reason,
		    int64_t now, json_t **errors);

/*
 * The applicant rates a completed case once: grade 1-5 and a comment
 * (errors: grade -> "invalid", "already"; YW_ECONFLICT before completion).
 * A grade of 2 or less opens a rectification for the department, due in
 * YW_CASE_RECTIFY_DAYS working days; staff of that department answer it
 * with yw_case_rectify, which the applicant then sees.
 */
enum yw_err	yw_case_rate(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t case_id,
		    int grade, const char *comment, int64_t now,
		    json_t **errors);
enum yw_err	yw_case_rectify(struct yw_db *db, const struct yw_actor *a,
		    int64_t case_id, const char *note, int64_t now,
		    json_t **errors);

/* Supervision (电子监察) for platform admins and auditors (their region
 * subtree): per department, open tasks, yellow, red (overdue), and open
 * rectifications. */
enum yw_err	yw_case_supervision(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t now,
		    json_t **out);

#endif
