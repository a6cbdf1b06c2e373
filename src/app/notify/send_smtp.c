#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "app/notify/send_smtp.h"
#include "core/utf8.h"
#include "core/valid.h"

/* Bytes of subject per encoded-word: 52 base64 characters, so that
 * "Subject: =?UTF-8?B?...?=" stays within 78 columns. */
#define WORD_BYTES	39
/* Raw ASCII subjects up to this length need no encoding. */
#define RAW_SUBJECT_MAX	68
#define B64_LINE	76

struct smtp_ctx {
	CURL	*curl;
	char	*url;
	char	*from;
	char	 errbuf[CURL_ERROR_SIZE];
};

struct reader {
	const char	*p;
	size_t		 left;
};

static const char *
str(json_t *msg, const char *key)
{
	const char *s;

	s = json_string_value(json_object_get(msg, key));
	return s != NULL ? s : "";
}

static int
email_ok(const char *s)
{
	return s != NULL && yw_valid_email(s, strlen(s));
}

/* Appends bin as base64 (RFC 4648, padded), in lines of at most line
 * characters joined by CRLF when line > 0. */
static enum yw_err
append_b64(struct yw_buf *out, const void *bin, size_t len, size_t line)
{
	char		*b64;
	size_t		 n, i, k;
	enum yw_err	 rc = YW_OK;

	n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	b64 = malloc(n);
	if (b64 == NULL)
		return YW_ENOMEM;
	sodium_bin2base64(b64, n, bin, len, sodium_base64_VARIANT_ORIGINAL);
	n = strlen(b64);
	for (i = 0; i < n && rc == YW_OK; i += k) {
		k = line > 0 && n - i > line ? line : n - i;
		rc = yw_buf_append(out, b64 + i, k);
		if (rc == YW_OK && line > 0)
			rc = yw_buf_appends(out, "\r\n");
	}
	free(b64);
	return rc;
}

static int
raw_subject_ok(const char *s)
{
	size_t i, len;

	len = strlen(s);
	if (len > RAW_SUBJECT_MAX || strstr(s, "=?") != NULL)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return 0;
	return 1;
}

/* "Subject: ..." with non-ASCII text as RFC 2047 B encoded-words, each
 * holding whole characters, on folded lines. */
static enum yw_err
append_subject(struct yw_buf *out, const char *s)
{
	size_t		i, n, k, len;
	uint32_t	cp;
	enum yw_err	rc;

	rc = yw_buf_appends(out, "Subject: ");
	if (rc != YW_OK || raw_subject_ok(s)) {
		if (rc == YW_OK)
			rc = yw_buf_appendf(out, "%s\r\n", s);
		return rc;
	}
	len = strlen(s);
	for (i = 0; i < len && rc == YW_OK; i += n) {
		/* Whole characters up to WORD_BYTES (at least one). */
		for (n = 0; i + n < len; n += k) {
			k = yw_utf8_decode(s + i + n, len - i - n, &cp);
			if (n > 0 && n + k > WORD_BYTES)
				break;
		}
		rc = yw_buf_appends(out, i > 0 ? "\r\n =?UTF-8?B?" :
		    "=?UTF-8?B?");
		if (rc == YW_OK)
			rc = append_b64(out, s + i, n, 0);
		if (rc == YW_OK)
			rc = yw_buf_appends(out, "?=");
	}
	if (rc == YW_OK)
		rc = yw_buf_appends(out, "\r\n");
	return rc;
}

/* The body with every line end as CRLF (the canonical form of text
 * before base64, RFC 2045), then encoded. */
static enum yw_err
append_body(struct yw_buf *out, const char *s)
{
	struct yw_buf	crlf;
	size_t		i;
	enum yw_err	rc = YW_OK;

	yw_buf_init(&crlf);
	for (i = 0; s[i] != '\0' && rc == YW_OK; i++) {
		if (s[i] == '\r' || s[i] == '\n') {
			if (s[i] == '\r' && s[i + 1] == '\n')
				i++;
			rc = yw_buf_appends(&crlf, "\r\n");
		} else
			rc = yw_buf_appendc(&crlf, s[i]);
	}
	if (rc == YW_OK)
		rc = append_b64(out, crlf.data != NULL ? crlf.data : "",
		    crlf.len, B64_LINE);
	yw_buf_free(&crlf);
	return rc;
}

enum yw_err
yw_send_smtp_format(const char *from, json_t *msg, int64_t now,
    struct yw_buf *out)
{
	const char	*to, *subject, *body, *domain;
	unsigned char	 rnd[8];
	char		 hex[sizeof(rnd) * 2 + 1], date[64];
	struct tm	 tm;
	time_t		 t = (time_t)now;
	enum yw_err	 rc;

	to = str(msg, "recipient");
	subject = str(msg, "subject");
	body = str(msg, "body");
	if (!email_ok(from) || !email_ok(to) ||
	    !yw_utf8_valid(subject, strlen(subject)) ||
	    yw_utf8_has_control(subject, strlen(subject), 0) ||
	    !yw_utf8_valid(body, strlen(body)))
		return YW_EINVAL;
	if (gmtime_r(&t, &tm) == NULL || strftime(date, sizeof(date),
	    "%a, %d %b %Y %H:%M:%S +0000", &tm) == 0)
		return YW_EINVAL;
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	domain = strrchr(from, '@') + 1;
	/* Auto-Submitted keeps vacation responders from answering. */
	rc = yw_buf_appendf(out,
	    "Date: %s\r\n"
	    "From: %s\r\n"
	    "To: %s\r\n"
	    "Message-ID: <yiwang.%lld.%s@%s>\r\n", date, from, to,
	    (long long)json_integer_value(json_object_get(msg, "id")), hex,
	    domain);
	if (rc == YW_OK)
		rc = append_subject(out, subject);
	if (rc == YW_OK)
		rc = yw_buf_appends(out,
		    "MIME-Version: 1.0\r\n"
		    "Content-Type: text/plain; charset=UTF-8\r\n"
		    "Content-Transfer-Encoding: base64\r\n"
		    "Auto-Submitted: auto-generated\r\n"
		    "\r\n");
	if (rc == YW_OK)
		rc = append_body(out, body);
	return rc;
}

static size_t
read_cb(char *buf, size_t size, size_t nitems, void *arg)
{
	struct reader	*r = arg;
	size_t		 n;

	n = size * nitems;
	if (n > r->left)
		n = r->left;
	memcpy(buf, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

static enum yw_err
smtp_send(void *arg, json_t *msg, char *err, size_t errsz)
{
	struct smtp_ctx		*c = arg;
	struct curl_slist	*rcpt = NULL, *tmp;
	struct reader		 r;
	struct yw_buf		 m, addr;
	long			 reply = 0;
	CURLcode		 cc;
	enum yw_err		 rc;

	yw_buf_init(&m);
	yw_buf_init(&addr);
	rc = yw_send_smtp_format(c->from, msg, (int64_t)time(NULL), &m);
	if (rc != YW_OK) {
		(void)snprintf(err, errsz, "smtp: cannot build the message "
		    "(%s)", yw_err_code(rc));
		goto out;
	}
	rc = yw_buf_appendf(&addr, "<%s>", str(msg, "recipient"));
	if (rc != YW_OK)
		goto out;
	tmp = curl_slist_append(rcpt, addr.data);
	if (tmp == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rcpt = tmp;
	yw_buf_reset(&addr);
	rc = yw_buf_appendf(&addr, "<%s>", c->from);
	if (rc != YW_OK)
		goto out;
	r.p = m.data;
	r.left = m.len;
	c->errbuf[0] = '\0';
	/* reset keeps the connection cache: the next message reuses the
	 * session when the relay keeps it open. */
	curl_easy_reset(c->curl);
	(void)curl_easy_setopt(c->curl, CURLOPT_URL, c->url);
	(void)curl_easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	(void)curl_easy_setopt(c->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	(void)curl_easy_setopt(c->curl, CURLOPT_MAIL_FROM, addr.data);
	(void)curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, rcpt);
	(void)curl_easy_setopt(c->curl, CURLOPT_UPLOAD, 1L);
	(void)curl_easy_setopt(c->curl, CURLOPT_READFUNCTION, read_cb);
	(void)curl_easy_setopt(c->curl, CURLOPT_READDATA, &r);
	(void)curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT,
	    (long)YW_SMTP_CONNECT_TIMEOUT);
	(void)curl_easy_setopt(c->curl, CURLOPT_TIMEOUT,
	    (long)YW_SMTP_TIMEOUT);
	(void)curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
	(void)curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->errbuf);
	cc = curl_easy_perform(c->curl);
	if (cc != CURLE_OK) {
		(void)curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE,
		    &reply);
		/* The relay's last reply code, when it got that far. */
		if (reply > 0)
			(void)snprintf(err, errsz, "smtp: %s (reply %ld)",
			    c->errbuf[0] != '\0' ? c->errbuf :
			    curl_easy_strerror(cc), reply);
		else
			(void)snprintf(err, errsz, "smtp: %s",
			    c->errbuf[0] != '\0' ? c->errbuf :
			    curl_easy_strerror(cc));
		rc = YW_EIO;
	}
out:
	curl_slist_free_all(rcpt);
	yw_buf_free(&m);
	yw_buf_free(&addr);
	return rc;
}

static void
ctx_free(struct smtp_ctx *c)
{
	if (c == NULL)
		return;
	if (c->curl != NULL)
		curl_easy_cleanup(c->curl);
	free(c->url);
	free(c->from);
	free(c);
	curl_global_cleanup();
}

enum yw_err
yw_send_smtp_create(const struct yw_smtp_conf *conf, struct yw_sender *out)
{
	struct smtp_ctx	*c;

	memset(out, 0, sizeof(*out));
	if (conf->url == NULL || (strncmp(conf->url, "smtp://", 7) != 0 &&
	    strncmp(conf->url, "smtps://", 8) != 0) || !email_ok(conf->from))
		return YW_EINVAL;
	/* Reference-counted: one init per sender, undone by ctx_free. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return YW_EINTERNAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		curl_global_cleanup();
		return YW_ENOMEM;
	}
	c->url = strdup(conf->url);
	c->from = strdup(conf->from);
	c->curl = curl_easy_init();
	if (c->url == NULL || c->from == NULL || c->curl == NULL) {
		ctx_free(c);
		return YW_ENOMEM;
	}
	out->channel = "email";
	out->send = smtp_send;
	out->ctx = c;
	return YW_OK;
}

void
yw_send_smtp_destroy(struct yw_sender *s)
{
	ctx_free(s->ctx);
	s->ctx = NULL;
}
