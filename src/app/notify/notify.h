/*
 * notify.h - the message centre. Domain code enqueues a message about a
 * status change inside its own transaction, so the change and its message
 * commit or roll back together. 'inbox' messages are delivered by being
 * stored (the citizen's "my messages", read/unread); 'email' and 'webhook'
 * messages wait in the outbox until a drainer (`yiwang outbox drain`, never
 * a kore worker) leases the due ones, hands each to the sender for its
 * channel and records the outcome, retrying on a backoff schedule.
 * Delivery is at least once: a drainer that dies after sending but before
 * recording sends that message again once its lease runs out.
 * Needs store/db.h and jansson; the senders (send_smtp.h, send_webhook.h)
 * need libcurl.
 */
#ifndef YW_NOTIFY_H
#define YW_NOTIFY_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Attempts before a message is given up ('failed'); the waits after the
 * 1st..4th failed attempt are 1 min, 5 min, 30 min and 2 h. */
#define YW_NOTIFY_MAX_ATTEMPTS	5
#define YW_NOTIFY_SUBJECT_MAX	200		/* code points */
#define YW_NOTIFY_BODY_MAX	(64 * 1024)	/* bytes */
#define YW_NOTIFY_PAYLOAD_MAX	(64 * 1024)	/* bytes, compact JSON */
#define YW_NOTIFY_RECIPIENT_MAX	2048		/* bytes */
#define YW_NOTIFY_KEY_MAX	200		/* bytes */
#define YW_NOTIFY_ERROR_MAX	500		/* bytes kept of last_error */
#define YW_NOTIFY_INBOX_PAGE	50
#define YW_NOTIFY_LIST_MAX	1000

/*
 * A message to enqueue; every pointer is borrowed for the call.
 *   channel    "inbox", "email" or "webhook"
 *   account_id the account it concerns (0 = none); required for "inbox",
 *              whose messages only that account sees
 *   recipient  "email": an address (yw_valid_email); "webhook": an http://
 *              or https:// URL; "inbox": ignored (NULL)
 *   subject    one line of UTF-8 text, required
 *   body       UTF-8 text, newlines allowed; required for "email"
 *   payload    a JSON object or array (NULL = {}): a webhook's body, and
 *              for the inbox data such as the case it is about
 *   dedup_key  NULL or a key naming this one delivery, unique over every
 *              channel: include the channel and the recipient when one
 *              event sends several ("case/42/accepted/email")
 */
struct yw_notify_msg {
	const char	*channel;
	int64_t		 account_id;
	const char	*recipient;
	const char	*subject;
	const char	*body;
	json_t		*payload;
	const char	*dedup_key;
};

/*
 * Checks m as yw_notify_enqueue does, without a database. YW_EINVAL with
 * *field (may be NULL; a static string) naming the first bad member:
 * "channel", "account_id", "recipient", "subject", "body", "payload" or
 * "dedup_key" (missing, too long, not UTF-8, control characters, or not
 * the shape the channel needs).
 */
enum yw_err	yw_notify_check(const struct yw_notify_msg *m,
		    const char **field);

/*
 * Adds m to the outbox at time now (unix seconds), due at once. Runs one
 * statement and opens no transaction: inside the caller's transaction it
 * commits or rolls back with it. When a message with m->dedup_key exists
 * nothing is added and its id is given instead. *id (may be NULL) receives
 * the message id. YW_EINVAL as yw_notify_check; YW_ECONFLICT when
 * account_id names no account (on PostgreSQL the caller's transaction is
 * then aborted: roll it back); YW_EDB.
 */
enum yw_err	yw_notify_enqueue(struct yw_db *db,
		    const struct yw_notify_msg *m, int64_t now, int64_t *id);

/*
 * "My messages" for account_id, newest first, YW_NOTIFY_INBOX_PAGE at a
 * time; before_id 0 for the first page, else the previous page's
 * next_before_id. *out (caller owns) = {messages: [{id, created_at,
 * created_at_local ("2026-11-28 15:37", Asia/Shanghai), subject, body,
 * payload (object or array), read (true/false)}], unread (count over all
 * pages), next_before_id (or null on the last page)}.
 */
enum yw_err	yw_notify_inbox(struct yw_db *db, int64_t account_id,
		    int64_t before_id, json_t **out);

/* Unread inbox messages of account_id, for a badge. */
enum yw_err	yw_notify_unread(struct yw_db *db, int64_t account_id,
		    int64_t *n);

/*
 * Marks inbox message id of account_id read at now; id 0 marks all of
 * them. Marking a read message again keeps its first read time.
 * YW_ENOTFOUND when id is not one of account_id's inbox messages.
 */
enum yw_err	yw_notify_mark_read(struct yw_db *db, int64_t account_id,
		    int64_t id, int64_t now);

/*
 * Leases up to max (1..100) due messages of channel ("email" or
 * "webhook") until now + lease_seconds, in a transaction of its own (do
 * not call it inside one). Due: pending with next_attempt_at <= now, or
 * leased with lease_until <= now (its drainer died); a leased message that
 * has used up YW_NOTIFY_MAX_ATTEMPTS is marked failed instead. Each
 * claimed message has attempts raised by one. Two drainers never claim the
 * same message: SQLite serialises them with BEGIN IMMEDIATE, PostgreSQL
 * with FOR UPDATE SKIP LOCKED. *batch (caller owns; empty when nothing is
 * due) = [{id, channel, account_id, recipient, subject, body, payload
 * (the stored JSON text), attempts, created_at}]. Keep the lease longer
 * than sending the whole batch can take.
 */
enum yw_err	yw_notify_claim(struct yw_db *db, const char *channel,
		    int64_t now, int lease_seconds, int max, json_t **batch);

/* Seconds to wait after the attempts-th failed attempt; 0 when the
 * message is to be given up instead. */
int64_t		yw_notify_backoff(int64_t attempts);

/*
 * Records the outcome of sending message id, whose claim gave attempts =
 * attempt (the fence: a drainer whose lease was taken over cannot record
 * over the new holder). result YW_OK: sent at now. YW_EINVAL: it can never
 * be sent as it is; failed now. Anything else: pending again, due at now +
 * yw_notify_backoff(attempt), or failed when that is 0. error (may be
 * NULL) is kept in last_error, cut to YW_NOTIFY_ERROR_MAX bytes with bad
 * UTF-8 and control characters replaced. YW_ECONFLICT when the message is
 * no longer leased with that attempt.
 */
enum yw_err	yw_notify_done(struct yw_db *db, int64_t id, int64_t attempt,
		    enum yw_err result, const char *error, int64_t now);

/* Hands a claimed message back unsent (a drainer stopping): pending, due
 * as before, the attempt not counted. YW_ECONFLICT as yw_notify_done. */
enum yw_err	yw_notify_release(struct yw_db *db, int64_t id,
		    int64_t attempt);

/* An operator's retry of a failed message: pending, due at now, attempts
 * back to 0. YW_ENOTFOUND when id is not a failed message. */
enum yw_err	yw_notify_retry(struct yw_db *db, int64_t id, int64_t now);

/*
 * Outbox messages for an operator, newest first: status NULL for all but
 * the inbox, else "pending", "sending", "sent" or "failed" (YW_EINVAL for
 * anything else); limit 1..YW_NOTIFY_LIST_MAX. *out (caller owns) = [{id,
 * created_at, channel, recipient, subject, status, attempts,
 * next_attempt_at, lease_until, sent_at, last_error}].
 */
enum yw_err	yw_notify_list(struct yw_db *db, const char *status, int limit,
		    json_t **out);

/*
 * A sender delivers the messages of one channel. send gets ctx and a
 * claimed message (borrowed, as in yw_notify_claim's batch) and returns
 * YW_OK when delivered, YW_EINVAL when the message can never be delivered
 * as it is, anything else for a failure worth retrying; on failure it
 * writes a NUL-terminated reason into err (errsz bytes).
 */
struct yw_sender {
	const char	*channel;
	enum yw_err	(*send)(void *ctx, json_t *msg, char *err,
			    size_t errsz);
	void		*ctx;
};

/* What one yw_notify_drain call did. */
struct yw_notify_stats {
	int	claimed;
	int	sent;
	int	retried;	/* pending again, due later */
	int	failed;		/* given up */
	int	released;	/* handed back unsent: stop was set */
	int	lost;		/* lease taken over before the outcome was kept */
};

/*
 * One round for sender s (borrowed): claims up to max due messages of
 * s->channel (see yw_notify_claim), sends each and records the outcome
 * with time now_fn() (NULL = yw_time_now). When *stop (may be NULL)
 * becomes non-zero between two messages, the rest are released. One line
 * per message goes to log (may be NULL). *st is overwritten; claimed 0
 * means nothing was due. Failed sends are outcomes, not errors: the
 * return value is YW_OK unless the database failed.
 */
enum yw_err	yw_notify_drain(struct yw_db *db, const struct yw_sender *s,
		    int64_t (*now_fn)(void), int lease_seconds, int max,
		    const volatile sig_atomic_t *stop, FILE *log,
		    struct yw_notify_stats *st);

#endif
