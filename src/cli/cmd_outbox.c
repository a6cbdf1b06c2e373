/*
 * cmd_outbox.c - `yiwang outbox`: the drainer that sends queued e-mail and
 * webhook messages (the senders run here, never in kore workers, so a slow
 * relay stalls no page), and the operator's enqueue, list and retry.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "app/notify/notify.h"
#include "app/notify/send_smtp.h"
#include "app/notify/send_webhook.h"
#include "cli/cli.h"
#include "core/timeutil.h"

#define BATCH_DEFAULT		10
#define INTERVAL_DEFAULT	5
/* Per message of a batch: the sender's whole-message timeout and room. */
#define LEASE_PER_MESSAGE	(YW_SMTP_TIMEOUT + 15)

/* Set by SIGTERM/SIGINT; a signal handler can reach nothing else. */
static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: yiwang [--db URL] outbox drain [--once] [--smtp URL] "
	    "[--from ADDR]\n"
	    "                 [--webhook-secret S] [--interval SEC] "
	    "[--batch N]\n"
	    "       yiwang [--db URL] outbox enqueue --channel email|webhook|"
	    "inbox\n"
	    "                 [--to ADDR|URL] [--account ID] --subject S "
	    "[--body B]\n"
	    "                 [--payload JSON] [--key DEDUP_KEY]\n"
	    "       yiwang [--db URL] outbox list [--status pending|sending|"
	    "sent|failed]\n"
	    "                 [--limit N]\n"
	    "       yiwang [--db URL] outbox retry ID\n\n"
	    "drain    sends due messages: e-mail through the SMTP relay at "
	    "--smtp\n"
	    "         (smtp://host:port, STARTTLS when offered; smtps:// for "
	    "TLS;\n"
	    "         user:password@host to log in) from --from, webhooks "
	    "signed with\n"
	    "         --webhook-secret (X-Yiwang-Signature: sha256=HMAC of "
	    "the body).\n"
	    "         A channel without settings is left queued. Failed "
	    "sends are\n"
	    "         retried after 1 min, 5 min, 30 min and 2 h, then "
	    "marked failed.\n"
	    "         --once drains what is due and exits; otherwise it "
	    "polls every\n"
	    "         --interval seconds (default %d) until SIGTERM or "
	    "SIGINT.\n"
	    "         Settings may come from YIWANG_SMTP_URL, "
	    "YIWANG_MAIL_FROM and\n"
	    "         YIWANG_WEBHOOK_SECRET (better than the command line, "
	    "which\n"
	    "         other users can see).\n"
	    "enqueue  queues one message and prints its id; a --key already "
	    "used\n"
	    "         queues nothing and prints the existing id.\n"
	    "list     prints outbox messages (not inbox ones) as JSON, "
	    "newest first.\n"
	    "retry    queues a failed message again.\n", INTERVAL_DEFAULT);
}

/* Parses s as a whole decimal number in min..max. */
static int
parse_num(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || s[0] == '\0')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return 0;
	*out = v;
	return 1;
}

static const char *
opt_env(const struct yw_cli *c, const char *name, const char *env)
{
	const char *v;

	v = cli_opt(c, name);
	if (v == NULL)
		v = getenv(env);
	return v != NULL && v[0] != '\0' ? v : NULL;
}

static void
add_stats(struct yw_notify_stats *sum, const struct yw_notify_stats *st)
{
	sum->claimed += st->claimed;
	sum->sent += st->sent;
	sum->retried += st->retried;
	sum->failed += st->failed;
	sum->released += st->released;
	sum->lost += st->lost;
}

/* One pass over the senders; *progress is set when any claimed. */
static enum yw_err
drain_pass(struct yw_db *db, const struct yw_sender *s, size_t n, int batch,
    struct yw_notify_stats *sum, int *progress)
{
	struct yw_notify_stats	st;
	size_t			i;
	enum yw_err		rc;

	*progress = 0;
	for (i = 0; i < n && !stopping; i++) {
		rc = yw_notify_drain(db, &s[i], NULL,
		    batch * LEASE_PER_MESSAGE, batch, &stopping, stdout, &st);
		add_stats(sum, &st);
		(void)fflush(stdout);
		if (rc != YW_OK) {
			fprintf(stderr, "yiwang outbox drain: %s: %s\n",
			    s[i].channel, rc == YW_EDB ? yw_db_errmsg(db) :
			    yw_err_code(rc));
			return rc;
		}
		if (st.claimed > 0)
			*progress = 1;
	}
	return YW_OK;
}

static int
run_drain(struct yw_cli *c)
{
	struct yw_smtp_conf	 smtp;
	struct yw_webhook_conf	 hook;
	struct yw_sender	 s[2];
	struct yw_notify_stats	 sum;
	struct sigaction	 sa;
	struct yw_db		*db = NULL;
	long long		 interval = INTERVAL_DEFAULT, batch;
	size_t			 n = 0, i;
	int			 once, progress, status = 1;
	enum yw_err		 rc;

	once = cli_flag(c, "once");
	batch = BATCH_DEFAULT;
	if ((cli_opt(c, "interval") != NULL && !parse_num(cli_opt(c,
	    "interval"), 1, 3600, &interval)) || (cli_opt(c, "batch") !=
	    NULL && !parse_num(cli_opt(c, "batch"), 1, 100, &batch))) {
		fprintf(stderr, "yiwang outbox drain: --interval takes 1..3600 "
		    "seconds, --batch 1..100\n");
		return 2;
	}
	smtp.url = opt_env(c, "smtp", "YIWANG_SMTP_URL");
	smtp.from = opt_env(c, "from", "YIWANG_MAIL_FROM");
	hook.secret = opt_env(c, "webhook-secret", "YIWANG_WEBHOOK_SECRET");
	if (smtp.url == NULL && hook.secret == NULL) {
		fprintf(stderr, "yiwang outbox drain: nothing to send with: "
		    "give --smtp and --from, or --webhook-secret\n");
		return 2;
	}
	if (smtp.url != NULL) {
		rc = yw_send_smtp_create(&smtp, &s[n]);
		if (rc != YW_OK) {
			fprintf(stderr, "yiwang outbox drain: %s\n",
			    rc == YW_EINVAL ? "--smtp must be smtp://HOST:PORT "
			    "or smtps://HOST:PORT and --from an e-mail address" :
			    yw_err_code(rc));
			return 2;
		}
		n++;
	} else
		printf("outbox: no --smtp: e-mail messages stay queued\n");
	if (hook.secret != NULL) {
		rc = yw_send_webhook_create(&hook, &s[n]);
		if (rc != YW_OK) {
			fprintf(stderr, "yiwang outbox drain: webhook sender: "
			    "%s\n", yw_err_code(rc));
			goto out;
		}
		n++;
	} else
		printf("outbox: no --webhook-secret: webhook messages stay "
		    "queued\n");
	if (cli_open(c, &db) != YW_OK)
		goto out;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	(void)sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGTERM, &sa, NULL);
	(void)sigaction(SIGINT, &sa, NULL);
	memset(&sum, 0, sizeof(sum));
	status = 0;
	while (!stopping) {
		rc = drain_pass(db, s, n, (int)batch, &sum, &progress);
		if (rc != YW_OK && once) {
			status = 1;
			break;
		}
		/* A full batch may mean more is due: go again at once. */
		if (rc == YW_OK && progress)
			continue;
		if (once)
			break;
		/* sleep returns early when a signal arrives. */
		(void)sleep((unsigned)interval);
	}
	printf("outbox: %d sent, %d to retry, %d failed, %d handed back\n",
	    sum.sent, sum.retried, sum.failed, sum.released);
out:
	for (i = 0; i < n; i++) {
		if (strcmp(s[i].channel, "email") == 0)
			yw_send_smtp_destroy(&s[i]);
		else
			yw_send_webhook_destroy(&s[i]);
	}
	yw_db_close(db);
	return status;
}

static int
run_enqueue(struct yw_cli *c)
{
	struct yw_notify_msg	 m;
	struct yw_db		*db;
	json_error_t		 jerr;
	const char		*field = NULL, *payload;
	long long		 account = 0;
	int64_t			 id = 0;
	int			 status = 1;
	enum yw_err		 rc;

	memset(&m, 0, sizeof(m));
	m.channel = cli_opt(c, "channel");
	m.recipient = cli_opt(c, "to");
	m.subject = cli_opt(c, "subject");
	m.body = cli_opt(c, "body");
	m.dedup_key = cli_opt(c, "key");
	if (cli_opt(c, "account") != NULL && !parse_num(cli_opt(c, "account"),
	    1, LLONG_MAX, &account)) {
		fprintf(stderr, "yiwang outbox enqueue: --account: not an "
		    "account id\n");
		return 2;
	}
	m.account_id = account;
	payload = cli_opt(c, "payload");
	if (payload != NULL) {
		m.payload = json_loads(payload, JSON_REJECT_DUPLICATES, &jerr);
		if (m.payload == NULL) {
			fprintf(stderr, "yiwang outbox enqueue: --payload: %s\n",
			    jerr.text);
			return 2;
		}
	}
	if (yw_notify_check(&m, &field) != YW_OK) {
		fprintf(stderr, "yiwang outbox enqueue: --%s is missing or not "
		    "valid for channel %s\n", strcmp(field, "recipient") == 0 ?
		    "to" : strcmp(field, "account_id") == 0 ? "account" :
		    strcmp(field, "dedup_key") == 0 ? "key" : field,
		    m.channel != NULL ? m.channel : "(none)");
		json_decref(m.payload);
		return 2;
	}
	if (cli_open(c, &db) != YW_OK) {
		json_decref(m.payload);
		return 1;
	}
	rc = yw_notify_enqueue(db, &m, yw_time_now(), &id);
	if (rc == YW_OK) {
		printf("%lld\n", (long long)id);
		status = 0;
	} else if (rc == YW_ECONFLICT)
		fprintf(stderr, "yiwang outbox enqueue: --account: no such "
		    "account\n");
	else
		fprintf(stderr, "yiwang outbox enqueue: %s\n", rc == YW_EDB ?
		    yw_db_errmsg(db) : yw_err_code(rc));
	json_decref(m.payload);
	yw_db_close(db);
	return status;
}

static int
run_list(struct yw_cli *c)
{
	struct yw_db	*db;
	json_t		*rows = NULL;
	long long	 limit = 100;
	enum yw_err	 rc;

	if (cli_opt(c, "limit") != NULL && !parse_num(cli_opt(c, "limit"), 1,
	    YW_NOTIFY_LIST_MAX, &limit)) {
		fprintf(stderr, "yiwang outbox list: --limit takes 1..%d\n",
		    YW_NOTIFY_LIST_MAX);
		return 2;
	}
	if (cli_open(c, &db) != YW_OK)
		return 1;
	rc = yw_notify_list(db, cli_opt(c, "status"), (int)limit, &rows);
	yw_db_close(db);
	if (rc != YW_OK) {
		fprintf(stderr, "yiwang outbox list: %s\n", rc == YW_EINVAL ?
		    "--status takes pending, sending, sent or failed" :
		    yw_err_code(rc));
		return rc == YW_EINVAL ? 2 : 1;
	}
	(void)json_dumpf(rows, stdout, JSON_INDENT(1));
	printf("\n");
	json_decref(rows);
	return 0;
}

static int
run_retry(struct yw_cli *c)
{
	struct yw_db	*db;
	long long	 id;
	enum yw_err	 rc;

	if (c->argc < 2 || !parse_num(c->argv[1], 1, LLONG_MAX, &id)) {
		fprintf(stderr, "yiwang outbox retry: give the message id\n");
		return 2;
	}
	if (cli_open(c, &db) != YW_OK)
		return 1;
	rc = yw_notify_retry(db, id, yw_time_now());
	yw_db_close(db);
	if (rc == YW_ENOTFOUND) {
		fprintf(stderr, "yiwang outbox retry: %lld is not a failed "
		    "message\n", id);
		return 1;
	}
	if (rc != YW_OK) {
		fprintf(stderr, "yiwang outbox retry: %s\n", yw_err_code(rc));
		return 1;
	}
	printf("message %lld queued again\n", id);
	return 0;
}

int
cmd_outbox(struct yw_cli *c)
{
	const char *sub;

	if (cli_flag(c, "help")) {
		usage(stdout);
		return 0;
	}
	sub = c->argc > 0 ? c->argv[0] : "";
	if (strcmp(sub, "drain") == 0)
		return run_drain(c);
	if (strcmp(sub, "enqueue") == 0)
		return run_enqueue(c);
	if (strcmp(sub, "list") == 0)
		return run_list(c);
	if (strcmp(sub, "retry") == 0)
		return run_retry(c);
	usage(stderr);
	return 2;
}
