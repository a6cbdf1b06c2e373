/*
 * Tests for src/app/notify/notify.c: enqueueing inside the caller's
 * transaction with dedup keys, the message checks, leases (a leased
 * message is nobody else's until the lease runs out), the backoff schedule
 * up to failure, the fence that stops a drainer whose lease was taken
 * over, the inbox with read/unread and paging, a drain round with a fake
 * sender, and two processes claiming at once. Runs on an in-memory SQLite
 * database, or on PostgreSQL when YW_TEST_PG_URL is set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <sodium.h>

#include "app/notify/notify.h"
#include "store/db.h"
#include "store/migrate.h"
#include "testdb.h"

#define T0	INT64_C(1767225600)	/* 2026-01-01T00:00:00Z */
#define LEASE	300

static int64_t
new_account(const char *login)
{
	return q_int("INSERT INTO account (kind, login, display_name,"
	    " password_hash, created_at, updated_at)"
	    " VALUES ('citizen', ?, ?, 'x', 0, 0) RETURNING id",
	    json_pack("[s, s]", login, login));
}

static int64_t
enqueue_email(const char *key, int64_t at)
{
	struct yw_notify_msg	m = { .channel = "email",
		.recipient = "zhang@example.com", .subject = "您的申请已受理",
		.body = "受理编号 350100-0001。\n请留意办理进度。",
		.dedup_key = key };
	int64_t			id = 0;

	assert_int_equal(yw_notify_enqueue(db, &m, at, &id), YW_OK);
	assert_true(id > 0);
	return id;
}

static int64_t
enqueue_inbox(int64_t account, const char *subject, int64_t at)
{
	struct yw_notify_msg	 m = { .channel = "inbox",
		.account_id = account, .subject = subject, .body = "正文" };
	int64_t			 id = 0;

	m.payload = json_pack("{s:s}", "case", "350100-0001");
	assert_int_equal(yw_notify_enqueue(db, &m, at, &id), YW_OK);
	json_decref(m.payload);
	return id;
}

/* The outbox row id; caller decrefs. */
static json_t *
row(int64_t id)
{
	json_t *rows, *r;

	rows = q("SELECT status, attempts, next_attempt_at, lease_until,"
	    " last_error, sent_at, read_at FROM outbox WHERE id = ?",
	    json_pack("[I]", (json_int_t)id));
	r = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	assert_non_null(r);
	return r;
}

static const char *
s_of(json_t *r, const char *k)
{
	return json_string_value(json_object_get(r, k));
}

static int64_t
i_of(json_t *r, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(r, k));
}

static int64_t
outbox_count(void)
{
	return q_int("SELECT COUNT(*) AS n FROM outbox", json_array());
}

/* Claims email at now and checks how many came back; returns the batch. */
static json_t *
claim(int64_t now, int max, size_t expect)
{
	json_t *batch = NULL;

	assert_int_equal(yw_notify_claim(db, "email", now, LEASE, max, &batch),
	    YW_OK);
	assert_non_null(batch);
	assert_int_equal(json_array_size(batch), expect);
	return batch;
}

static int64_t
claimed_id(json_t *batch, size_t i)
{
	return i_of(json_array_get(batch, i), "id");
}

static void
test_enqueue_and_dedup(void **state)
{
	int64_t	a, b, c;
	json_t	*r;

	(void)state;
	a = enqueue_email("case/1/accepted/email", T0);
	b = enqueue_email("case/1/accepted/email", T0 + 5);
	c = enqueue_email("case/1/approved/email", T0);
	assert_int_equal(a, b);
	assert_true(c != a);
	assert_int_equal(outbox_count(), 2);
	r = row(a);
	assert_string_equal(s_of(r, "status"), "pending");
	assert_int_equal(i_of(r, "attempts"), 0);
	assert_int_equal(i_of(r, "next_attempt_at"), T0);
	json_decref(r);
	/* Messages without a key are never merged. */
	enqueue_email(NULL, T0);
	enqueue_email(NULL, T0);
	assert_int_equal(outbox_count(), 4);
}

static void
test_enqueue_joins_callers_transaction(void **state)
{
	(void)state;
	assert_int_equal(yw_db_begin(db), YW_OK);
	enqueue_email("rolled-back", T0);
	enqueue_inbox(new_account("13800000001"), "已受理", T0);
	assert_int_equal(yw_db_rollback(db), YW_OK);
	assert_int_equal(outbox_count(), 0);

	assert_int_equal(yw_db_begin(db), YW_OK);
	enqueue_email("committed", T0);
	assert_int_equal(yw_db_commit(db), YW_OK);
	assert_int_equal(outbox_count(), 1);
	/* The rolled-back key is free again. */
	enqueue_email("rolled-back", T0);
	assert_int_equal(outbox_count(), 2);
}

static void
expect_bad(const struct yw_notify_msg *m, const char *field)
{
	const char	*got = NULL;
	int64_t		 id = 7;

	assert_int_equal(yw_notify_check(m, &got), YW_EINVAL);
	assert_non_null(got);
	assert_string_equal(got, field);
	assert_int_equal(yw_notify_enqueue(db, m, T0, &id), YW_EINVAL);
	assert_int_equal(id, 0);
}

static void
test_bad_messages_refused_naming_the_field(void **state)
{
	struct yw_notify_msg	 ok = { .channel = "email",
		.recipient = "li@example.com", .subject = "主题", .body = "正文" };
	struct yw_notify_msg	 m;
	json_t			*arr, *str;
	char			 big[YW_NOTIFY_SUBJECT_MAX + 2];
	int64_t			 id = 0;

	(void)state;
	assert_int_equal(yw_notify_check(&ok, NULL), YW_OK);
	m = ok;
	m.channel = "sms";
	expect_bad(&m, "channel");
	m = ok;
	m.channel = "inbox";
	expect_bad(&m, "account_id");
	m = ok;
	m.recipient = "not-an-address";
	expect_bad(&m, "recipient");
	m = ok;
	m.subject = "";
	expect_bad(&m, "subject");
	m = ok;
	m.subject = "两行\r\nBcc: x@example.com";
	expect_bad(&m, "subject");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	m = ok;
	m.subject = big;
	expect_bad(&m, "subject");
	m = ok;
	m.body = NULL;
	expect_bad(&m, "body");
	m = ok;
	m.body = "bad \xff byte";
	expect_bad(&m, "body");
	m = ok;
	m.dedup_key = "";
	expect_bad(&m, "dedup_key");
	m = ok;
	m.channel = "webhook";
	m.recipient = "https://hooks.example.org/yiwang";
	expect_bad(&m, "payload");
	str = json_string("x");
	m.payload = str;
	expect_bad(&m, "payload");
	arr = json_pack("[i]", 1);
	m.payload = arr;
	assert_int_equal(yw_notify_check(&m, NULL), YW_OK);
	m.recipient = "ftp://hooks.example.org/x";
	expect_bad(&m, "recipient");
	m.recipient = "https:///nohost";
	expect_bad(&m, "recipient");
	m.recipient = "https://example.org/a b";
	expect_bad(&m, "recipient");
	json_decref(arr);
	json_decref(str);
	assert_int_equal(outbox_count(), 0);
	/* An account that does not exist is a conflict, not a crash. */
	m = ok;
	m.account_id = 999999;
	assert_int_equal(yw_notify_enqueue(db, &m, T0, &id), YW_ECONFLICT);
}

static void
test_claim_leases(void **state)
{
	json_t	*b1, *b2, *b3, *r;
	int64_t	 a, b, c;

	(void)state;
	a = enqueue_email(NULL, T0);
	b = enqueue_email(NULL, T0 + 1);
	c = enqueue_email(NULL, T0 + 2);
	/* Not yet due. */
	json_decref(claim(T0 - 1, 10, 0));
	b1 = claim(T0 + 10, 2, 2);
	assert_int_equal(claimed_id(b1, 0) + claimed_id(b1, 1), a + b);
	assert_int_equal(i_of(json_array_get(b1, 0), "attempts"), 1);
	assert_string_equal(s_of(json_array_get(b1, 0), "recipient"),
	    "zhang@example.com");
	r = row(a);
	assert_string_equal(s_of(r, "status"), "sending");
	assert_int_equal(i_of(r, "lease_until"), T0 + 10 + LEASE);
	json_decref(r);
	/* A second claim gets only what is not leased... */
	b2 = claim(T0 + 20, 10, 1);
	assert_int_equal(claimed_id(b2, 0), c);
	/* ...nothing while the leases hold... */
	json_decref(claim(T0 + 10 + LEASE - 1, 10, 0));
	/* ...and the expired ones once they run out (c's runs 10 s longer),
	 * counting an attempt. */
	b3 = claim(T0 + 10 + LEASE, 10, 2);
	assert_int_equal(claimed_id(b3, 0) + claimed_id(b3, 1), a + b);
	assert_int_equal(i_of(json_array_get(b3, 0), "attempts"), 2);
	/* Other channels are not touched. */
	assert_int_equal(yw_notify_claim(db, "inbox", T0, LEASE, 10, &r),
	    YW_EINVAL);
	assert_int_equal(yw_notify_claim(db, "email", T0, LEASE, 0, &r),
	    YW_EINVAL);
	json_decref(b1);
	json_decref(b2);
	json_decref(b3);
}

static void
test_backoff_schedule_then_failed(void **state)
{
	static const int64_t	 waits[] = { 60, 300, 1800, 7200 };
	json_t			*b, *r;
	int64_t			 id, now = T0;
	int			 i;

	(void)state;
	id = enqueue_email(NULL, T0);
	for (i = 1; i <= YW_NOTIFY_MAX_ATTEMPTS; i++) {
		b = claim(now, 10, 1);
		assert_int_equal(i_of(json_array_get(b, 0), "attempts"), i);
		json_decref(b);
		assert_int_equal(yw_notify_done(db, id, i, YW_EIO,
		    "smtp: 451 try later", now + 3), YW_OK);
		r = row(id);
		assert_string_equal(s_of(r, "last_error"),
		    "smtp: 451 try later");
		assert_true(json_is_null(json_object_get(r, "lease_until")));
		if (i < YW_NOTIFY_MAX_ATTEMPTS) {
			assert_int_equal(yw_notify_backoff(i), waits[i - 1]);
			assert_string_equal(s_of(r, "status"), "pending");
			assert_int_equal(i_of(r, "next_attempt_at"),
			    now + 3 + waits[i - 1]);
			/* Not due a second early. */
			json_decref(claim(now + 3 + waits[i - 1] - 1, 10, 0));
			now += 3 + waits[i - 1];
		} else {
			assert_string_equal(s_of(r, "status"), "failed");
		}
		json_decref(r);
	}
	assert_int_equal(yw_notify_backoff(YW_NOTIFY_MAX_ATTEMPTS), 0);
	/* A failed message is never claimed again. */
	json_decref(claim(now + 100000, 10, 0));
	/* An operator can queue it again. */
	assert_int_equal(yw_notify_retry(db, id, now + 100000), YW_OK);
	b = claim(now + 100000, 10, 1);
	assert_int_equal(i_of(json_array_get(b, 0), "attempts"), 1);
	json_decref(b);
	assert_int_equal(yw_notify_retry(db, id, now), YW_ENOTFOUND);
}

static void
test_sent_and_rejected_outcomes(void **state)
{
	json_t	*b, *r;
	int64_t	 ok, bad;

	(void)state;
	ok = enqueue_email(NULL, T0);
	bad = enqueue_email(NULL, T0 + 1);
	b = claim(T0 + 5, 10, 2);
	json_decref(b);
	assert_int_equal(yw_notify_done(db, ok, 1, YW_OK, NULL, T0 + 6),
	    YW_OK);
	r = row(ok);
	assert_string_equal(s_of(r, "status"), "sent");
	assert_int_equal(i_of(r, "sent_at"), T0 + 6);
	json_decref(r);
	/* A message that can never be delivered fails at once. */
	assert_int_equal(yw_notify_done(db, bad, 1, YW_EINVAL,
	    "bad recipient", T0 + 6), YW_OK);
	r = row(bad);
	assert_string_equal(s_of(r, "status"), "failed");
	assert_int_equal(i_of(r, "attempts"), 1);
	json_decref(r);
	/* Recording twice is refused: the lease is gone. */
	assert_int_equal(yw_notify_done(db, ok, 1, YW_OK, NULL, T0 + 7),
	    YW_ECONFLICT);
	json_decref(claim(T0 + 100000, 10, 0));
}

static void
test_lost_lease_cannot_record(void **state)
{
	json_t	*b, *r;
	int64_t	 id;

	(void)state;
	id = enqueue_email(NULL, T0);
	json_decref(claim(T0, 10, 1));
	/* Drainer 1 stalls past its lease; drainer 2 takes the message. */
	b = claim(T0 + LEASE, 10, 1);
	assert_int_equal(i_of(json_array_get(b, 0), "attempts"), 2);
	json_decref(b);
	assert_int_equal(yw_notify_done(db, id, 1, YW_EIO, "late", T0 + LEASE),
	    YW_ECONFLICT);
	assert_int_equal(yw_notify_release(db, id, 1), YW_ECONFLICT);
	assert_int_equal(yw_notify_done(db, id, 2, YW_OK, NULL, T0 + LEASE),
	    YW_OK);
	r = row(id);
	assert_string_equal(s_of(r, "status"), "sent");
	json_decref(r);
}

static void
test_expired_last_attempt_fails(void **state)
{
	json_t	*r;
	int64_t	 id, now = T0;
	int	 i;

	(void)state;
	id = enqueue_email(NULL, T0);
	/* A message whose drainer dies every time (a poison message) is
	 * given up after the last attempt instead of looping forever. */
	for (i = 1; i <= YW_NOTIFY_MAX_ATTEMPTS; i++) {
		json_decref(claim(now, 10, 1));
		now += LEASE;
	}
	json_decref(claim(now, 10, 0));
	r = row(id);
	assert_string_equal(s_of(r, "status"), "failed");
	assert_int_equal(i_of(r, "attempts"), YW_NOTIFY_MAX_ATTEMPTS);
	assert_non_null(strstr(s_of(r, "last_error"), "lease"));
	json_decref(r);
}

static void
test_release_hands_back_uncounted(void **state)
{
	json_t	*r;
	int64_t	 id;

	(void)state;
	id = enqueue_email(NULL, T0);
	json_decref(claim(T0, 10, 1));
	assert_int_equal(yw_notify_release(db, id, 1), YW_OK);
	r = row(id);
	assert_string_equal(s_of(r, "status"), "pending");
	assert_int_equal(i_of(r, "attempts"), 0);
	json_decref(r);
	json_decref(claim(T0, 10, 1));
}

static void
test_error_text_cleaned_and_cut(void **state)
{
	char	 err[2 * YW_NOTIFY_ERROR_MAX];
	json_t	*r;
	int64_t	 id;
	size_t	 i;

	(void)state;
	id = enqueue_email(NULL, T0);
	json_decref(claim(T0, 10, 1));
	/* A relay's reply: a bad byte, a control character, then Chinese
	 * text running past the limit. */
	(void)snprintf(err, sizeof(err), "550 \xff\x01 ");
	for (i = strlen(err); i + 3 < sizeof(err); i += 3)
		memcpy(err + i, "错", 3);
	err[i] = '\0';
	assert_int_equal(yw_notify_done(db, id, 1, YW_EIO, err, T0), YW_OK);
	r = row(id);
	assert_memory_equal(s_of(r, "last_error"), "550 ?? \xe9\x94\x99", 10);
	assert_true(strlen(s_of(r, "last_error")) <= YW_NOTIFY_ERROR_MAX);
	assert_true(strlen(s_of(r, "last_error")) > YW_NOTIFY_ERROR_MAX - 3);
	json_decref(r);
}

static void
test_inbox_read_unread(void **state)
{
	json_t		*box, *msgs, *m;
	int64_t		 me, other, m1, m2, m3, theirs, n = -1;

	(void)state;
	me = new_account("13800000001");
	other = new_account("13800000002");
	m1 = enqueue_inbox(me, "已提交", T0);
	m2 = enqueue_inbox(me, "已受理", T0 + 60);
	m3 = enqueue_inbox(me, "已办结", T0 + 120);
	theirs = enqueue_inbox(other, "别人的消息", T0);
	/* Inbox messages are delivered by being stored: nothing to drain. */
	json_decref(claim(T0 + 1000, 10, 0));

	assert_int_equal(yw_notify_inbox(db, me, 0, &box), YW_OK);
	msgs = json_object_get(box, "messages");
	assert_int_equal(json_array_size(msgs), 3);
	assert_int_equal(i_of(box, "unread"), 3);
	assert_true(json_is_null(json_object_get(box, "next_before_id")));
	m = json_array_get(msgs, 0);
	assert_int_equal(i_of(m, "id"), m3);
	assert_string_equal(s_of(m, "subject"), "已办结");
	assert_string_equal(s_of(m, "body"), "正文");
	assert_string_equal(s_of(m, "created_at_local"), "2026-01-01 08:02");
	assert_true(json_is_false(json_object_get(m, "read")));
	assert_string_equal(s_of(json_object_get(m, "payload"), "case"),
	    "350100-0001");
	json_decref(box);

	assert_int_equal(yw_notify_mark_read(db, me, m2, T0 + 500), YW_OK);
	/* Again: still read, first read time kept. */
	assert_int_equal(yw_notify_mark_read(db, me, m2, T0 + 900), YW_OK);
	m = row(m2);
	assert_int_equal(i_of(m, "read_at"), T0 + 500);
	json_decref(m);
	assert_int_equal(yw_notify_unread(db, me, &n), YW_OK);
	assert_int_equal(n, 2);
	assert_int_equal(yw_notify_inbox(db, me, 0, &box), YW_OK);
	m = json_array_get(json_object_get(box, "messages"), 1);
	assert_int_equal(i_of(m, "id"), m2);
	assert_true(json_is_true(json_object_get(m, "read")));
	json_decref(box);

	/* Someone else's message is not found, and stays unread. */
	assert_int_equal(yw_notify_mark_read(db, me, theirs, T0),
	    YW_ENOTFOUND);
	assert_int_equal(yw_notify_unread(db, other, &n), YW_OK);
	assert_int_equal(n, 1);
	/* An e-mail is not an inbox message. */
	assert_int_equal(yw_notify_mark_read(db, me, enqueue_email(NULL, T0),
	    T0), YW_ENOTFOUND);

	assert_int_equal(yw_notify_mark_read(db, me, 0, T0 + 600), YW_OK);
	assert_int_equal(yw_notify_unread(db, me, &n), YW_OK);
	assert_int_equal(n, 0);
	assert_int_equal(yw_notify_unread(db, other, &n), YW_OK);
	assert_int_equal(n, 1);
	m = row(m1);
	assert_int_equal(i_of(m, "read_at"), T0 + 600);
	json_decref(m);
}

static void
test_inbox_pages(void **state)
{
	json_t	*box, *msgs;
	int64_t	 me, next, ids[YW_NOTIFY_INBOX_PAGE + 5];
	size_t	 i, n = YW_NOTIFY_INBOX_PAGE + 5;

	(void)state;
	me = new_account("13800000001");
	for (i = 0; i < n; i++)
		ids[i] = enqueue_inbox(me, "进度", T0 + (int64_t)i);
	assert_int_equal(yw_notify_inbox(db, me, 0, &box), YW_OK);
	msgs = json_object_get(box, "messages");
	assert_int_equal(json_array_size(msgs), YW_NOTIFY_INBOX_PAGE);
	assert_int_equal(i_of(json_array_get(msgs, 0), "id"), ids[n - 1]);
	next = i_of(box, "next_before_id");
	assert_int_equal(next, ids[n - YW_NOTIFY_INBOX_PAGE]);
	assert_int_equal(i_of(box, "unread"), n);
	json_decref(box);
	assert_int_equal(yw_notify_inbox(db, me, next, &box), YW_OK);
	msgs = json_object_get(box, "messages");
	assert_int_equal(json_array_size(msgs), 5);
	assert_int_equal(i_of(json_array_get(msgs, 4), "id"), ids[0]);
	assert_true(json_is_null(json_object_get(box, "next_before_id")));
	json_decref(box);
}

/* A sender that delivers messages whose body says so and fails others. */
static enum yw_err
fake_send(void *ctx, json_t *msg, char *err, size_t errsz)
{
	int *calls = ctx;

	(*calls)++;
	if (strcmp(s_of(msg, "subject"), "ok") == 0)
		return YW_OK;
	(void)snprintf(err, errsz, "fake: %s", s_of(msg, "subject"));
	return strcmp(s_of(msg, "subject"), "never") == 0 ? YW_EINVAL :
	    YW_EIO;
}

static int64_t fake_clock = T0;

static int64_t
fake_now(void)
{
	return fake_clock;
}

static int64_t
enqueue_subject(const char *subject)
{
	struct yw_notify_msg	m = { .channel = "email",
		.recipient = "wang@example.com", .subject = subject,
		.body = "b" };
	int64_t			id = 0;

	assert_int_equal(yw_notify_enqueue(db, &m, T0, &id), YW_OK);
	return id;
}

static void
test_drain_round_with_fake_sender(void **state)
{
	struct yw_notify_stats	 st;
	struct yw_sender	 s;
	sig_atomic_t		 stop = 0;
	int			 calls = 0;
	json_t			*r;
	int64_t			 ok, again, never, later;

	(void)state;
	s.channel = "email";
	s.send = fake_send;
	s.ctx = &calls;
	ok = enqueue_subject("ok");
	again = enqueue_subject("again");
	never = enqueue_subject("never");
	fake_clock = T0 + 10;
	assert_int_equal(yw_notify_drain(db, &s, fake_now, LEASE, 10, &stop,
	    NULL, &st), YW_OK);
	assert_int_equal(st.claimed, 3);
	assert_int_equal(st.sent, 1);
	assert_int_equal(st.retried, 1);
	assert_int_equal(st.failed, 1);
	assert_int_equal(calls, 3);
	r = row(ok);
	assert_string_equal(s_of(r, "status"), "sent");
	json_decref(r);
	r = row(again);
	assert_string_equal(s_of(r, "status"), "pending");
	assert_int_equal(i_of(r, "next_attempt_at"), T0 + 10 + 60);
	assert_string_equal(s_of(r, "last_error"), "fake: again");
	json_decref(r);
	r = row(never);
	assert_string_equal(s_of(r, "status"), "failed");
	json_decref(r);
	/* Nothing due now: an empty round. */
	assert_int_equal(yw_notify_drain(db, &s, fake_now, LEASE, 10, &stop,
	    NULL, &st), YW_OK);
	assert_int_equal(st.claimed, 0);
	assert_int_equal(calls, 3);
	/* Stopping hands claimed messages back unsent. */
	later = enqueue_subject("ok");
	stop = 1;
	assert_int_equal(yw_notify_drain(db, &s, fake_now, LEASE, 10, &stop,
	    NULL, &st), YW_OK);
	assert_int_equal(st.claimed, 1);
	assert_int_equal(st.released, 1);
	assert_int_equal(calls, 3);
	r = row(later);
	assert_string_equal(s_of(r, "status"), "pending");
	assert_int_equal(i_of(r, "attempts"), 0);
	json_decref(r);
}

static void
test_list_for_operators(void **state)
{
	json_t	*rows;
	int64_t	 a;

	(void)state;
	a = enqueue_email(NULL, T0);
	enqueue_email(NULL, T0);
	enqueue_inbox(new_account("13800000001"), "站内", T0);
	json_decref(claim(T0, 1, 1));
	assert_int_equal(yw_notify_list(db, NULL, 100, &rows), YW_OK);
	assert_int_equal(json_array_size(rows), 2);
	json_decref(rows);
	assert_int_equal(yw_notify_list(db, "sending", 100, &rows), YW_OK);
	assert_int_equal(json_array_size(rows), 1);
	assert_int_equal(i_of(json_array_get(rows, 0), "id"), a);
	json_decref(rows);
	assert_int_equal(yw_notify_list(db, "bogus", 100, &rows), YW_EINVAL);
	assert_int_equal(yw_notify_list(db, NULL, 0, &rows), YW_EINVAL);
}

#define RACE_MESSAGES	200
#define RACE_KIDS	4

/* A child: claims small batches until none is left, writing each claimed
 * id to fd. */
static int
claimer(const char *url, int fd)
{
	struct yw_db	*mine;
	json_t		*batch, *m;
	size_t		 i;
	int64_t		 id;

	if (yw_db_open(url, &mine) != YW_OK)
		return 1;
	for (;;) {
		if (yw_notify_claim(mine, "email", T0, LEASE, 2, &batch) !=
		    YW_OK)
			return 2;
		if (json_array_size(batch) == 0)
			break;
		json_array_foreach(batch, i, m) {
			id = i_of(m, "id");
			if (write(fd, &id, sizeof(id)) != sizeof(id))
				return 3;
		}
		json_decref(batch);
	}
	json_decref(batch);
	yw_db_close(mine);
	return 0;
}

static void
test_concurrent_claims_are_disjoint(void **state)
{
	const char	*pg = testdb_pg_url();
	char		 path[] = "/tmp/yw_notify_race_XXXXXX", side[64];
	const char	*url;
	struct yw_db	*keep = db;
	unsigned char	 seen[RACE_MESSAGES + 1];
	pid_t		 kids[RACE_KIDS];
	int		 fd, i, st, p[2];
	int64_t		 id, first = 0;
	ssize_t		 n;

	(void)state;
	/* Processes cannot share an in-memory database: use a file. */
	if (pg != NULL) {
		url = pg;
	} else {
		fd = mkstemp(path);
		assert_true(fd >= 0);
		close(fd);
		url = path;
		assert_int_equal(yw_db_open(url, &db), YW_OK);
		assert_int_equal(yw_migrate(db, "sql", NULL), YW_OK);
	}
	for (i = 0; i < RACE_MESSAGES; i++) {
		id = enqueue_email(NULL, T0);
		if (first == 0)
			first = id;
	}
	assert_int_equal(pipe(p), 0);
	for (i = 0; i < RACE_KIDS; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			close(p[0]);
			_exit(claimer(url, p[1]));
		}
	}
	close(p[1]);
	memset(seen, 0, sizeof(seen));
	while ((n = read(p[0], &id, sizeof(id))) == sizeof(id)) {
		assert_true(id >= first && id < first + RACE_MESSAGES);
		/* Claimed twice would be sent twice. */
		assert_int_equal(seen[id - first], 0);
		seen[id - first] = 1;
	}
	close(p[0]);
	for (i = 0; i < RACE_KIDS; i++) {
		assert_int_equal(waitpid(kids[i], &st, 0), kids[i]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	for (i = 0; i < RACE_MESSAGES; i++)
		assert_int_equal(seen[i], 1);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM outbox"
	    " WHERE status = 'sending' AND attempts = 1", json_array()),
	    RACE_MESSAGES);
	if (db != keep) {
		yw_db_close(db);
		db = keep;
		(void)unlink(path);
		(void)snprintf(side, sizeof(side), "%s-wal", path);
		(void)unlink(side);
		(void)snprintf(side, sizeof(side), "%s-shm", path);
		(void)unlink(side);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, testdb_setup, \
    testdb_teardown)
		T(test_enqueue_and_dedup),
		T(test_enqueue_joins_callers_transaction),
		T(test_bad_messages_refused_naming_the_field),
		T(test_claim_leases),
		T(test_backoff_schedule_then_failed),
		T(test_sent_and_rejected_outcomes),
		T(test_lost_lease_cannot_record),
		T(test_expired_last_attempt_fails),
		T(test_release_hands_back_uncounted),
		T(test_error_text_cleaned_and_cut),
		T(test_inbox_read_unread),
		T(test_inbox_pages),
		T(test_drain_round_with_fake_sender),
		T(test_list_for_operators),
		T(test_concurrent_claims_are_disjoint),
#undef T
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
