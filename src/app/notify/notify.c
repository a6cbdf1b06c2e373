#include <stdlib.h>
#include <string.h>

#include "app/notify/notify.h"
#include "app/notify/notify_store.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

#define CLAIM_MAX	100

/* Waits after the 1st..4th failed attempt; the 5th failure gives up. */
static const int64_t backoff[] = { 60, 5 * 60, 30 * 60, 2 * 60 * 60 };
_Static_assert(sizeof(backoff) / sizeof(backoff[0]) ==
    YW_NOTIFY_MAX_ATTEMPTS - 1, "one wait between each two attempts");

static const char *const statuses[] = { "pending", "sending", "sent",
	"failed" };

/* 1 if s is UTF-8 of at most maxbytes bytes (and max_cp code points when
 * max_cp > 0) without control characters (newlines when allowed). */
static int
text_ok(const char *s, size_t maxbytes, size_t max_cp, int newlines)
{
	size_t len;

	len = strlen(s);
	if (len > maxbytes || !yw_utf8_valid(s, len) ||
	    yw_utf8_has_control(s, len, newlines))
		return 0;
	return max_cp == 0 || yw_utf8_count(s, len) <= max_cp;
}

/* An absolute http(s) URL of printable ASCII, no spaces, with a host. */
static int
url_ok(const char *s)
{
	size_t		i, len, skip;

	len = strlen(s);
	if (strncmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return 0;
	if (len <= skip || len > YW_NOTIFY_RECIPIENT_MAX || s[skip] == '/')
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f)
			return 0;
	return 1;
}

static int
nonempty(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* Checks m; on YW_OK and with payload non-NULL, *payload receives the
 * compact JSON text (caller frees). */
static enum yw_err
check(const struct yw_notify_msg *m, const char **field, char **payload)
{
	const char	*bad = NULL, *ch = m->channel;
	char		*text = NULL;
	int		 inbox, email, webhook;

	inbox = ch != NULL && strcmp(ch, "inbox") == 0;
	email = ch != NULL && strcmp(ch, "email") == 0;
	webhook = ch != NULL && strcmp(ch, "webhook") == 0;
	if (!inbox && !email && !webhook)
		bad = "channel";
	else if (m->account_id < 0 || (inbox && m->account_id == 0))
		bad = "account_id";
	else if ((email && (!nonempty(m->recipient) ||
	    !yw_valid_email(m->recipient, strlen(m->recipient)))) ||
	    (webhook && (!nonempty(m->recipient) || !url_ok(m->recipient))))
		bad = "recipient";
	else if (!nonempty(m->subject) || !text_ok(m->subject,
	    YW_NOTIFY_SUBJECT_MAX * 4, YW_NOTIFY_SUBJECT_MAX, 0))
		bad = "subject";
	else if ((email && !nonempty(m->body)) || (m->body != NULL &&
	    !text_ok(m->body, YW_NOTIFY_BODY_MAX, 0, 1)))
		bad = "body";
	else if (m->dedup_key != NULL && (m->dedup_key[0] == '\0' ||
	    !text_ok(m->dedup_key, YW_NOTIFY_KEY_MAX, 0, 0)))
		bad = "dedup_key";
	else if ((webhook && m->payload == NULL) || (m->payload != NULL &&
	    !json_is_object(m->payload) && !json_is_array(m->payload)))
		bad = "payload";
	if (bad == NULL) {
		text = m->payload != NULL ? json_dumps(m->payload,
		    JSON_COMPACT | JSON_SORT_KEYS) : strdup("{}");
		if (text == NULL)
			return YW_ENOMEM;
		if (strlen(text) > YW_NOTIFY_PAYLOAD_MAX)
			bad = "payload";
	}
	if (field != NULL)
		*field = bad;
	if (bad != NULL || payload == NULL)
		free(text);
	else
		*payload = text;
	return bad != NULL ? YW_EINVAL : YW_OK;
}

enum yw_err
yw_notify_check(const struct yw_notify_msg *m, const char **field)
{
	return check(m, field, NULL);
}

enum yw_err
yw_notify_enqueue(struct yw_db *db, const struct yw_notify_msg *m,
    int64_t now, int64_t *id)
{
	struct yw_notify_store_row	 r;
	char				*payload = NULL;
	int64_t				 got = 0;
	enum yw_err			 rc;
	int				 inbox;

	rc = check(m, NULL, &payload);
	if (rc != YW_OK)
		goto out;
	inbox = strcmp(m->channel, "inbox") == 0;
	memset(&r, 0, sizeof(r));
	r.created_at = now;
	r.account_id = m->account_id;
	r.channel = m->channel;
	r.recipient = inbox || m->recipient == NULL ? "" : m->recipient;
	r.subject = m->subject;
	r.body = m->body != NULL ? m->body : "";
	r.payload = payload;
	/* Storing an inbox message is its delivery. */
	r.status = inbox ? "sent" : "pending";
	r.sent_at = inbox ? now : 0;
	r.dedup_key = m->dedup_key;
	rc = yw_notify_store_insert(db, &r, &got);
out:
	free(payload);
	if (id != NULL)
		*id = rc == YW_OK ? got : 0;
	return rc;
}

enum yw_err
yw_notify_inbox(struct yw_db *db, int64_t account_id, int64_t before_id,
    json_t **out)
{
	json_t		*rows = NULL, *row, *msgs, *payload;
	int64_t		 unread = 0, at;
	size_t		 i, n;
	char		 local[20];
	enum yw_err	 rc;

	*out = NULL;
	if (account_id <= 0 || before_id < 0)
		return YW_EINVAL;
	/* One row past the page says whether another page follows. */
	rc = yw_notify_store_inbox(db, account_id, before_id,
	    YW_NOTIFY_INBOX_PAGE + 1, &rows);
	if (rc == YW_OK)
		rc = yw_notify_store_unread(db, account_id, &unread);
	if (rc != YW_OK)
		goto out;
	msgs = json_array();
	*out = json_pack("{s:o, s:I, s:n}", "messages", msgs, "unread",
	    (json_int_t)unread, "next_before_id");
	if (msgs == NULL || *out == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	n = json_array_size(rows);
	for (i = 0; i < n && i < YW_NOTIFY_INBOX_PAGE; i++) {
		row = json_array_get(rows, i);
		at = json_integer_value(json_object_get(row, "created_at"));
		if (yw_time_fmt_local(at, local, sizeof(local), 1) != YW_OK)
			local[0] = '\0';
		payload = json_loads(json_string_value(json_object_get(row,
		    "payload")), 0, NULL);
		if (payload == NULL)
			payload = json_object();
		if (json_object_set_new(row, "created_at_local",
		    json_string(local)) != 0 ||
		    json_object_set_new(row, "payload", payload) != 0 ||
		    json_object_set_new(row, "read", json_boolean(
		    !json_is_null(json_object_get(row, "read_at")))) != 0 ||
		    json_object_del(row, "read_at") != 0 ||
		    json_array_append(msgs, row) != 0) {
			rc = YW_ENOMEM;
			goto out;
		}
	}
	if (n > YW_NOTIFY_INBOX_PAGE && json_object_set_new(*out,
	    "next_before_id", json_integer(json_integer_value(json_object_get(
	    json_array_get(rows, YW_NOTIFY_INBOX_PAGE - 1), "id")))) != 0)
		rc = YW_ENOMEM;
out:
	json_decref(rows);
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum yw_err
yw_notify_unread(struct yw_db *db, int64_t account_id, int64_t *n)
{
	*n = 0;
	if (account_id <= 0)
		return YW_EINVAL;
	return yw_notify_store_unread(db, account_id, n);
}

enum yw_err
yw_notify_mark_read(struct yw_db *db, int64_t account_id, int64_t id,
    int64_t now)
{
	int64_t		matched = 0;
	enum yw_err	rc;

	if (account_id <= 0 || id < 0)
		return YW_EINVAL;
	rc = yw_notify_store_mark_read(db, account_id, id, now, &matched);
	if (rc == YW_OK && id != 0 && matched == 0)
		rc = YW_ENOTFOUND;
	return rc;
}

static int
drained_channel(const char *channel)
{
	return channel != NULL && (strcmp(channel, "email") == 0 ||
	    strcmp(channel, "webhook") == 0);
}

enum yw_err
yw_notify_claim(struct yw_db *db, const char *channel, int64_t now,
    int lease_seconds, int max, json_t **batch)
{
	*batch = NULL;
	if (!drained_channel(channel) || lease_seconds < 1 || max < 1 ||
	    max > CLAIM_MAX)
		return YW_EINVAL;
	return yw_notify_store_claim(db, channel, now, now + lease_seconds,
	    max, YW_NOTIFY_MAX_ATTEMPTS,
	    "lease ran out on the last attempt (drainer stopped mid-send?)",
	    batch);
}

int64_t
yw_notify_backoff(int64_t attempts)
{
	if (attempts >= YW_NOTIFY_MAX_ATTEMPTS)
		return 0;
	if (attempts < 1)
		attempts = 1;
	return backoff[attempts - 1];
}

/* Copies at most YW_NOTIFY_ERROR_MAX bytes of in, whole characters only,
 * with ill-formed bytes and control characters as '?'. */
static void
clean_error(const char *in, char out[YW_NOTIFY_ERROR_MAX + 1])
{
	size_t		i = 0, o = 0, len, n;
	uint32_t	cp;

	len = in != NULL ? strlen(in) : 0;
	while (i < len) {
		n = yw_utf8_decode(in + i, len - i, &cp);
		if (cp == YW_UTF8_INVALID || yw_utf8_is_control(cp, 0)) {
			if (o + 1 > YW_NOTIFY_ERROR_MAX)
				break;
			out[o++] = '?';
		} else {
			if (o + n > YW_NOTIFY_ERROR_MAX)
				break;
			memcpy(out + o, in + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
}

enum yw_err
yw_notify_done(struct yw_db *db, int64_t id, int64_t attempt,
    enum yw_err result, const char *error, int64_t now)
{
	char	e[YW_NOTIFY_ERROR_MAX + 1];
	int64_t	wait;

	if (id <= 0 || attempt < 1)
		return YW_EINVAL;
	if (result == YW_OK)
		return yw_notify_store_finish(db, id, attempt, "sent", now, now,
		    "");
	clean_error(error != NULL && error[0] != '\0' ? error :
	    yw_err_code(result), e);
	wait = yw_notify_backoff(attempt);
	if (result == YW_EINVAL || wait == 0)
		return yw_notify_store_finish(db, id, attempt, "failed", now, 0,
		    e);
	return yw_notify_store_finish(db, id, attempt, "pending", now + wait, 0,
	    e);
}

enum yw_err
yw_notify_release(struct yw_db *db, int64_t id, int64_t attempt)
{
	if (id <= 0 || attempt < 1)
		return YW_EINVAL;
	return yw_notify_store_release(db, id, attempt);
}

enum yw_err
yw_notify_retry(struct yw_db *db, int64_t id, int64_t now)
{
	int64_t		changes = 0;
	enum yw_err	rc;

	if (id <= 0)
		return YW_ENOTFOUND;
	rc = yw_notify_store_requeue(db, id, now, &changes);
	if (rc == YW_OK && changes != 1)
		rc = YW_ENOTFOUND;
	return rc;
}

enum yw_err
yw_notify_list(struct yw_db *db, const char *status, int limit, json_t **out)
{
	size_t i;

	*out = NULL;
	if (status != NULL) {
		for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
			if (strcmp(status, statuses[i]) == 0)
				break;
		if (i == sizeof(statuses) / sizeof(statuses[0]))
			return YW_EINVAL;
	}
	if (limit < 1 || limit > YW_NOTIFY_LIST_MAX)
		return YW_EINVAL;
	return yw_notify_store_list(db, status, limit, out);
}

static int64_t
msg_int(json_t *msg, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(msg, key));
}

/* Sends one claimed message and records the outcome in st. */
static enum yw_err
deliver(struct yw_db *db, const struct yw_sender *s, json_t *msg,
    int64_t (*now_fn)(void), FILE *log, struct yw_notify_stats *st)
{
	char		err[YW_NOTIFY_ERROR_MAX + 1];
	int64_t		id, attempt, wait;
	enum yw_err	result, rc;

	id = msg_int(msg, "id");
	attempt = msg_int(msg, "attempts");
	err[0] = '\0';
	result = s->send(s->ctx, msg, err, sizeof(err));
	rc = yw_notify_done(db, id, attempt, result, err, now_fn());
	if (rc == YW_ECONFLICT) {
		st->lost++;
		if (log != NULL)
			fprintf(log, "outbox: %lld %s: lease lost before the "
			    "outcome was kept\n", (long long)id, s->channel);
		return YW_OK;
	}
	if (rc != YW_OK)
		return rc;
	wait = yw_notify_backoff(attempt);
	if (result == YW_OK) {
		st->sent++;
		if (log != NULL)
			fprintf(log, "outbox: %lld %s sent\n", (long long)id,
			    s->channel);
	} else if (result == YW_EINVAL || wait == 0) {
		st->failed++;
		if (log != NULL)
			fprintf(log, "outbox: %lld %s failed after %lld "
			    "attempt(s): %s\n", (long long)id, s->channel,
			    (long long)attempt, err);
	} else {
		st->retried++;
		if (log != NULL)
			fprintf(log, "outbox: %lld %s attempt %lld/%d failed, "
			    "retry in %lld s: %s\n", (long long)id, s->channel,
			    (long long)attempt, YW_NOTIFY_MAX_ATTEMPTS,
			    (long long)wait, err);
	}
	return YW_OK;
}

enum yw_err
yw_notify_drain(struct yw_db *db, const struct yw_sender *s,
    int64_t (*now_fn)(void), int lease_seconds, int max,
    const volatile sig_atomic_t *stop, FILE *log, struct yw_notify_stats *st)
{
	json_t		*batch = NULL, *msg;
	size_t		 i;
	enum yw_err	 rc;

	memset(st, 0, sizeof(*st));
	if (now_fn == NULL)
		now_fn = yw_time_now;
	rc = yw_notify_claim(db, s->channel, now_fn(), lease_seconds, max,
	    &batch);
	if (rc != YW_OK)
		return rc;
	st->claimed = (int)json_array_size(batch);
	json_array_foreach(batch, i, msg) {
		if (stop != NULL && *stop) {
			rc = yw_notify_release(db, msg_int(msg, "id"),
			    msg_int(msg, "attempts"));
			if (rc == YW_OK)
				st->released++;
			else if (rc == YW_ECONFLICT)
				st->lost++;
			else
				break;
			rc = YW_OK;
			continue;
		}
		rc = deliver(db, s, msg, now_fn, log, st);
		if (rc != YW_OK)
			break;
	}
	json_decref(batch);
	return rc;
}
