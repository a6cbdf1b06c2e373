/*
 * letter.h - letters (诉求) of every interaction channel: 领导信箱 mailbox,
 * 咨询 consult, 投诉 complaint, 建议 suggest, 举报 report, 法律援助
 * legal_aid and 网站纠错 site_error. A letter is routed to a department by
 * channel, category and region, answered against a working-day deadline
 * per channel, transferred (转办, counted, at most YW_LETTER_TRANSFER_MAX)
 * or returned (退回) with a reason, escalated when overdue, rated by its
 * writer, and published with personal data masked when the writer allows.
 *
 * Permissions are checked here: a writer sees their own letters (an
 * anonymous writer through the letter number and the query code); staff of
 * the letter's department see it, and case_handler or dept_admin act on it;
 * the supervising office's staff see every letter; platform admins act on
 * all. Anything else reads as YW_ENOTFOUND. Every change is one
 * transaction with its timeline entry and its audit entry (writers'
 * changes too, so public pages cached by audit epoch stay right).
 *
 * Functions take the working-day calendar (borrowed) and the time now.
 */
#ifndef YW_LETTER_H
#define YW_LETTER_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

#define YW_LETTER_TITLE_MAX	100	/* code points */
#define YW_LETTER_BODY_MAX	5000
#define YW_LETTER_NOTE_MAX	2000	/* a reply, reason or addition */
#define YW_LETTER_TRANSFER_MAX	3
#define YW_LETTER_WARN_PERCENT	75	/* yellow light at this share used */
#define YW_LETTER_FILES_MAX	5
#define YW_LETTER_CODE_LEN	19	/* "ABCD-EFGH-JKMN-PQRS" */
#define YW_LETTER_ADDRESS_MAX	200
/* Anonymous letters (no account, no Open311 client) from one network
 * address within an hour, at most; the next is refused (YW_ETOOMANY,
 * errors {"throttle": "anon_letters"}) so a script cannot flood a
 * department's queue. Signed-in writers and Open311 clients (who carry
 * their own key) are not counted. */
#define YW_LETTER_ANON_MAX	30
#define YW_LETTER_ANON_WINDOW	3600

/* The channels and categories, in display order (NULL-terminated). */
extern const char *const yw_letter_channels[];
extern const char *const yw_letter_categories[];
extern const char *const yw_letter_legal_matters[];

struct yw_letter_input {
	const char	*channel;
	const char	*category;
	const char	*region_code;
	const char	*title;
	const char	*body;
	const char	*name;		/* anonymous: how to address them */
	int		 publish_ok;
	json_t		*details;	/* borrowed: legal_aid answers */
	const char	*idem_key;	/* form token or Idempotency-Key */
	const char	*source;	/* "web", "api", "open311" */
	const char	*address;	/* where it happened (optional) */
	int		 has_position;	/* lat, lon (WGS84) were given */
	double		 lat, lon;
	/* A request posted by an Open311 client (open311.h) for someone:
	 * written anonymously, but the client answers for it, so channels
	 * that need a login take it. Contact details are never published. */
	int64_t		 client_id;	/* 0: not through a client */
	const char	*service_code;
	const char	*email;
	const char	*phone;
	/* the caller has just looked idem_key up (yw_letter_find_key) and
	 * found nothing: submit does not read it again (a twin that races
	 * is still caught by the unique key and answered with its letter) */
	int		 key_checked;
};

/*
 * Writes a letter as a (logged in, or anonymous where the channel allows
 * or a client posts it: else YW_EAUTH). Field errors (YW_EINVAL, *errors
 * new): channel, category, region_code, title, body ("required",
 * "too_long", "invalid"), address, email, phone ("too_long", "invalid"),
 * lat, long ("invalid": out of range), details fields for legal_aid. A second call with the same idem_key by the same
 * writer (anonymous: the same key; a client: the same client and key)
 * creates nothing and gives the first letter. An anonymous writer over
 * YW_LETTER_ANON_MAX gets YW_ETOOMANY (errors "throttle"). Routed to a department (YW_EINVAL channel "not_routed" when no
 * route fits). An anonymous writer gets the query code in code (derived
 * from idem_key, so a retry shows the same code; only its hash is kept);
 * code is "" otherwise.
 */
enum yw_err	yw_letter_submit(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal,
		    const struct yw_letter_input *in, int64_t now,
		    json_t **errors, int64_t *id, char letter_no[24],
		    char code[YW_LETTER_CODE_LEN + 1]);

/*
 * Inside a transaction the caller opened: numbers letter l (borrowed; the
 * columns yw_letter_submit fills, letter_no is set here) for the day of
 * now, stores it with its "submit" timeline entry by its writer, and
 * gives its id and number. The caller audits. For letters made by other
 * parts of the domain (interview questions left unanswered).
 */
enum yw_err	yw_letter_insert_tx(struct yw_db *db, json_t *l, int64_t now,
		    int64_t *id, char letter_no[24]);

/* The letter a wrote with idempotency key key: YW_OK with *id. */
enum yw_err	yw_letter_find_key(struct yw_db *db, const struct yw_actor *a,
		    const char *key, int64_t *id, char letter_no[24]);

/*
 * A letter as a may see it: {letter: {..., due, light, days_left, can:
 * {act, reply, transfer, return, close, assign, start, supplement, rate}},
 * timeline: [...]} (staff get internal notes, writers not).
 */
enum yw_err	yw_letter_get(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id, int64_t now,
		    json_t **out);
/* Anonymous follow-up by letter number and query code (both must match,
 * else YW_ENOTFOUND): the writer's view; *id receives the letter. */
enum yw_err	yw_letter_track(struct yw_db *db,
		    const struct yw_workday_cal *cal, const char *letter_no,
		    const char *code, int64_t now, int64_t *id, json_t **out);
/* a's letters, newest first. */
enum yw_err	yw_letter_mine(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t now,
		    json_t **out);
/* Open letters of a's department (platform admins and the supervising
 * office: all), the earliest deadline first, each with its light;
 * overdue keeps the red ones. */
enum yw_err	yw_letter_queue(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int overdue, int64_t now,
		    json_t **out);

/*
 * A staff action: event "assign" (a takes the letter; yw_letter_assign
 * hands it to a colleague), "start", "reply" (note: the reply), "transfer" (note: the
 * reason, department_id: where to), "return" (note: the reason), "close",
 * or "note" (an internal note). Errors: note "required"/"too_long",
 * department_id "required"/"not_found"/"same"/"transfer_limit".
 * YW_ECONFLICT when the state does not allow it; YW_EFORBIDDEN for staff
 * of the department without a handling role.
 */
enum yw_err	yw_letter_act(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_workday_cal *cal, int64_t id,
		    const char *event, const char *note, int64_t department_id,
		    int64_t now, json_t **errors);

/*
 * Hands open letter id to assignee_id, an active case_handler or
 * dept_admin of the letter's department (a received letter becomes
 * assigned; an assigned or in-progress one keeps its state). For the
 * department's dept_admins, the responsible officer of the letter's
 * channel in that department, and platform admins; other staff of the
 * department get YW_EFORBIDDEN, anyone else YW_ENOTFOUND. Errors:
 * assignee_id "required", "not_colleague" (not active staff of the
 * department), "cannot_handle" (no handling role). YW_ECONFLICT once
 * replied or closed. Audited with the previous assignee.
 */
enum yw_err	yw_letter_assign(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, int64_t assignee_id, int64_t now,
		    json_t **errors);
/* The colleagues a may hand letter id to ([{id, display_name}]): the
 * same permission as yw_letter_assign. yw_letter_get's can.assign_to
 * says whether a may (open letters only). */
enum yw_err	yw_letter_colleagues(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, json_t **out);

/*
 * The writer's actions (an anonymous writer passes the code; a logged-in
 * one NULL): "supplement" (补充, note) while the letter is open; "rate"
 * (rating "satisfied", "basic" or "unsatisfied", note the comment) once
 * replied. The first unsatisfied rating reopens the letter for review
 * with a new deadline; after that a rating closes it. Errors: note,
 * rating "required"/"invalid"/"already" (rated and closed).
 */
enum yw_err	yw_letter_writer_act(struct yw_db *db,
		    const struct yw_actor *a, const struct yw_workday_cal *cal,
		    int64_t id, const char *code, const char *event,
		    const char *note, const char *rating, int64_t now,
		    json_t **errors);

/* Adds a stored file reference (attach.h's json, borrowed) to an open
 * letter of a's (YW_ECONFLICT when closed or YW_LETTER_FILES_MAX is
 * reached). */
enum yw_err	yw_letter_add_file(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t *file, int64_t now);

/*
 * Escalates every open letter past its due day not yet escalated: flags
 * it, notes it in the timeline and sends an inbox message to the
 * department's dept_admins and the supervising office's. Idempotent;
 * *n (may be NULL) = letters escalated now.
 */
enum yw_err	yw_letter_escalate(struct yw_db *db,
		    const struct yw_workday_cal *cal, int64_t now, int *n);

/* --- public side and settings (letter_public.c) --- */

/* [{code, reply_days, anonymous, officers: [{department_id,
 * department_name, title, name}]}] */
enum yw_err	yw_letter_channel_list(struct yw_db *db, json_t **out);
/* The responsible officers of one department (0: all). */
enum yw_err	yw_letter_officers(struct yw_db *db, int64_t department_id,
		    json_t **out);
/* Names the responsible officer of channel in department_id: a
 * dept_admin of it or a platform admin. account_id must be active staff
 * of the department (errors account_id "not_found"), title 1..50 code
 * points. Audited. */
enum yw_err	yw_letter_set_officer(struct yw_db *db,
		    const struct yw_actor *a, int64_t department_id,
		    const char *channel, int64_t account_id, const char *title,
		    int64_t now, json_t **errors);
/* Platform admins: a channel's reply limit (1..60 working days), a
 * routing row, the supervising office. Audited. */
enum yw_err	yw_letter_set_days(struct yw_db *db, const struct yw_actor *a,
		    const char *channel, int64_t days, int64_t now,
		    json_t **errors);
enum yw_err	yw_letter_set_route(struct yw_db *db, const struct yw_actor *a,
		    const char *channel, const char *category,
		    const char *region_code, int64_t department_id,
		    json_t **errors);
enum yw_err	yw_letter_set_supervisor(struct yw_db *db,
		    const struct yw_actor *a, int64_t department_id);
enum yw_err	yw_letter_routes(struct yw_db *db, json_t **out);

/* The department for a letter (routing only, for tests and admins). */
enum yw_err	yw_letter_route(struct yw_db *db, const char *channel,
		    const char *category, const char *region_code,
		    int64_t *department_id);

/*
 * Published replies, newest first, personal data masked in every field
 * and in the text (core/redact.h): {letters: [...], total, page,
 * pages}; channel "" for all. page from 1, YW_LETTER_PAGE per page.
 */
#define YW_LETTER_PAGE	20
enum yw_err	yw_letter_public_list(struct yw_db *db, const char *channel,
		    int64_t page, json_t **out);
/* One published letter the same way; YW_ENOTFOUND unless published. */
enum yw_err	yw_letter_public_get(struct yw_db *db, int64_t id,
		    json_t **out);
/*
 * Figures per department: [{department_id, name, received, replied,
 * on_time, on_time_percent, median_days (working days from receipt to
 * reply), rated, satisfied_percent}]; department_id 0 for all.
 */
enum yw_err	yw_letter_figures(struct yw_db *db, int64_t department_id,
		    json_t **out);

#endif
