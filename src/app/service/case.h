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
#include "app/data/receipt.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

#define YW_CASE_NOTE_MAX	500	/* code points in a reason or comment */
#define YW_CASE_TRANSFER_MAX	3	/* a task moves at most this often */
#define YW_CASE_WARN_PERCENT	75	/* yellow light at this share used */
#define YW_CASE_RECTIFY_DAYS	15	/* working days to answer a bad rating */
#define YW_CASE_TRACK_WINDOW	(15 * 60) /* seconds failed lookups count */
#define YW_CASE_TRACK_MAX	10	/* failed lookups per address in it */
#define YW_CASE_RESULT_MAX	(10 * 1024 * 1024) /* bytes per result */

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
	/* borrowed; signs the receipts of materials fetched with consent
	 * (case_fetch.h); NULL refuses every consent as "not_found" */
	const struct yw_keyring *keyring;
	/* borrowed, optional: yw_case_target's object for item_code or
	 * bundle_code, when the caller has read it already (to check the
	 * files against the form); NULL reads it here */
	json_t		*target;
	/* the caller has just looked idem_key up (yw_case_find_key) and
	 * found nothing: apply does not read it again (a twin that races
	 * is still caught by the unique key and answered with its case) */
	int		 key_checked;
};

/*
 * Applies as actor a (logged in; else YW_EAUTH). The item or bundle must be
 * published (else YW_ENOTFOUND). The values are checked against the form
 * (a bundle's forms merged): YW_EINVAL with *errors (new, field -> code).
 * A second call with the same idem_key by the same applicant creates
 * nothing and returns the first case. The files are stored in the
 * case's transaction (one durable commit per application), and so are the
 * materials fetched with the applicant's consent (case_fetch.h; a fetch
 * that finds nothing is YW_EINVAL naming the consent field, nothing
 * kept). The form (yw_case_form) carries a consent field per fetchable
 * material. On YW_OK, *case_id and tracking
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
/* yw_case_form's object with what applying needs of the target, read
 * once: {..., region_code, bundle_id, tasks} (new object); pass it to
 * yw_case_apply as yw_case_input.target. */
enum yw_err	yw_case_target(struct yw_db *db, const char *item_code,
		    const char *bundle_code, json_t **out);

/*
 * A case as its applicant (public timeline) or its departments' staff
 * (with internal notes and form values) see it: {case: {...}, fetched
 * (yw_case_fetch_view), tasks:
 * [{..., due, light, days_left}], timeline: [...], rating, results:
 * [{id, task_id, sha256, name, type, size, issued_at, issued_at_local,
 * department_name, department_name_en}]}. YW_ENOTFOUND when a may not
 * see it.
 */
enum yw_err	yw_case_get(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t case_id,
		    int64_t now, json_t **out);

/* The case task_id belongs to, for staff of the task's department (any
 * role) and platform admins; YW_ENOTFOUND for anyone else. */
enum yw_err	yw_case_task_case(struct yw_db *db, const struct yw_actor *a,
		    int64_t task_id, int64_t *case_id);

/*
 * Progress lookup without an account: the tracking number and the phone
 * given when applying must both match (else YW_ENOTFOUND). Public view
 * only; no form values, personal data masked. A lookup that finds nothing
 * counts against source_ip (borrowed; NULL or "" counts nothing), and
 * once an address has YW_CASE_TRACK_MAX of them within
 * YW_CASE_TRACK_WINDOW seconds, its lookups give YW_ETOOMANY, right or
 * wrong, so guessing phones is slow; other addresses are not affected.
 * The counters are account.h's, in the database.
 */
enum yw_err	yw_case_lookup(struct yw_db *db,
		    const struct yw_workday_cal *cal, const char *tracking,
		    const char *phone, const char *source_ip, int64_t now,
		    json_t **out);

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
 * Assigns (分派) task_id to staff member assignee_id. A department admin
 * of the task's department (or a platform admin) may assign any open task
 * of it; a case handler only a task they hold. The assignee must be an
 * active staff member of the task's department with the case_handler role
 * (errors: assignee -> "not_found"). YW_ENOTFOUND for a task outside a's
 * department, YW_EFORBIDDEN for anyone else, YW_ECONFLICT for a task that
 * has ended or whose stage has not begun. Audited ("case.assign") and an
 * internal timeline entry ("assign", the applicant does not see it).
 */
enum yw_err	yw_case_assign(struct yw_db *db, const struct yw_actor *a,
		    int64_t task_id, int64_t assignee_id, int64_t now,
		    json_t **errors);
/* Whom a may assign task_id to (the rule above), a new array of {id,
 * login, display_name}; an empty array when a may not assign it. */
enum yw_err	yw_case_assignees(struct yw_db *db, const struct yw_actor *a,
		    int64_t task_id, json_t **out);

/*
 * A result document (办理结果/证照) of task_id, issued by staff who may act
 * on it (as yw_case_act) while it is being handled or once decided
 * (accepted, under review, approved, denied; else YW_ECONFLICT). The n
 * bytes at p, sent as name, must be a PDF, JPEG or PNG by their bytes and
 * name, of at most YW_CASE_RESULT_MAX bytes (errors: file -> "required",
 * "type", "too_big"). Issuing the same bytes twice adds nothing. Audited
 * ("case.result"), in the public timeline ("result") and the applicant's
 * messages. *sha256 (may be NULL) receives the hash.
 */
enum yw_err	yw_case_result_add(struct yw_db *db, const struct yw_actor *a,
		    int64_t task_id, const char *name, const void *p, size_t n,
		    int64_t now, json_t **errors, char sha256[65]);

/*
 * The overdue list (超期办件): open tasks whose light is red (past the
 * deadline) or yellow (YW_CASE_WARN_PERCENT used), the oldest deadline
 * first: {tasks: [{id, case_id, tracking_no, item_name, item_name_en,
 * department_id, department_name, department_name_en, region_code,
 * region_name, region_name_en, state, assignee_name, due, days_left,
 * days_over (working days past the deadline, 0 when yellow), light,
 * can_open}], scope: "department" | "region"}. Staff of a department see
 * their department (filters must be empty or theirs); platform admins
 * and auditors see their region subtree, narrowed by region_code (a
 * region in it) and department_id (a department in it), each NULL / 0 for
 * all (errors: region / department -> "not_found"). Citizens get
 * YW_EFORBIDDEN. can_open: a may open the task (yw_case_task_case).
 */
enum yw_err	yw_case_overdue(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, const char *region_code,
		    int64_t department_id, int64_t now, json_t **out,
		    json_t **errors);

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
