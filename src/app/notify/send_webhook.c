#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "app/notify/send_webhook.h"

struct webhook_ctx {
	CURL	*curl;
	char	*secret;
	char	 errbuf[CURL_ERROR_SIZE];
};

void
yw_send_webhook_sign(const char *secret, const void *body, size_t len,
    char sig[YW_WEBHOOK_SIG_SIZE])
{
	crypto_auth_hmacsha256_state	st;
	unsigned char			mac[crypto_auth_hmacsha256_BYTES];

	/* HMAC takes a key of any length (RFC 2104), so the configured
	 * secret is used as given rather than forced into 32 bytes. */
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	memcpy(sig, "sha256=", 7);
	sodium_bin2hex(sig + 7, YW_WEBHOOK_SIG_SIZE - 7, mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
}

/* The answer's body is of no use to us; reading it keeps the connection
 * reusable. */
static size_t
discard_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	(void)p;
	(void)arg;
	return size * nmemb;
}

static int
url_ok(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static enum yw_err
webhook_send(void *arg, json_t *msg, char *err, size_t errsz)
{
	struct webhook_ctx	*c = arg;
	struct curl_slist	*h = NULL, *tmp;
	const char		*url, *body;
	char			 sig[YW_WEBHOOK_SIG_SIZE], line[128];
	const char		*fixed[] = { "Content-Type: application/json",
				    "Expect:", NULL };
	long			 status = 0;
	size_t			 i;
	CURLcode		 cc;
	enum yw_err		 rc = YW_OK;

	url = json_string_value(json_object_get(msg, "recipient"));
	body = json_string_value(json_object_get(msg, "payload"));
	if (url == NULL || !url_ok(url) || body == NULL) {
		(void)snprintf(err, errsz, "webhook: no http(s) URL or payload");
		return YW_EINVAL;
	}
	yw_send_webhook_sign(c->secret, body, strlen(body), sig);
	/* "Expect:" turns off curl's 100-continue round trip. */
	for (i = 0; fixed[i] != NULL; i++) {
		tmp = curl_slist_append(h, fixed[i]);
		if (tmp == NULL)
			goto nomem;
		h = tmp;
	}
	(void)snprintf(line, sizeof(line), "X-Yiwang-Signature: %s", sig);
	tmp = curl_slist_append(h, line);
	if (tmp == NULL)
		goto nomem;
	h = tmp;
	(void)snprintf(line, sizeof(line), "X-Yiwang-Message-Id: %lld",
	    (long long)json_integer_value(json_object_get(msg, "id")));
	tmp = curl_slist_append(h, line);
	if (tmp == NULL)
		goto nomem;
	h = tmp;
	c->errbuf[0] = '\0';
	curl_easy_reset(c->curl);
	(void)curl_easy_setopt(c->curl, CURLOPT_URL, url);
	/* Only http(s), and no redirects: a receiver that moved is retried
	 * until someone fixes its URL, rather than followed anywhere. */
	(void)curl_easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	(void)curl_easy_setopt(c->curl, CURLOPT_FOLLOWLOCATION, 0L);
	(void)curl_easy_setopt(c->curl, CURLOPT_POST, 1L);
	(void)curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body);
	(void)curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)strlen(body));
	(void)curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
	(void)curl_easy_setopt(c->curl, CURLOPT_USERAGENT, "yiwang-outbox");
	(void)curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, discard_cb);
	(void)curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT,
	    (long)YW_WEBHOOK_CONNECT_TIMEOUT);
	(void)curl_easy_setopt(c->curl, CURLOPT_TIMEOUT,
	    (long)YW_WEBHOOK_TIMEOUT);
	(void)curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
	(void)curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->errbuf);
	cc = curl_easy_perform(c->curl);
	if (cc != CURLE_OK) {
		(void)snprintf(err, errsz, "webhook: %s", c->errbuf[0] != '\0' ?
		    c->errbuf : curl_easy_strerror(cc));
		rc = YW_EIO;
	} else {
		(void)curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE,
		    &status);
		if (status < 200 || status > 299) {
			(void)snprintf(err, errsz, "webhook: HTTP %ld", status);
			rc = YW_EIO;
		}
	}
	curl_slist_free_all(h);
	return rc;
nomem:
	curl_slist_free_all(h);
	(void)snprintf(err, errsz, "webhook: out of memory");
	return YW_ENOMEM;
}

static void
ctx_free(struct webhook_ctx *c)
{
	if (c == NULL)
		return;
	if (c->curl != NULL)
		curl_easy_cleanup(c->curl);
	if (c->secret != NULL) {
		sodium_memzero(c->secret, strlen(c->secret));
		free(c->secret);
	}
	free(c);
	curl_global_cleanup();
}

enum yw_err
yw_send_webhook_create(const struct yw_webhook_conf *conf,
    struct yw_sender *out)
{
	struct webhook_ctx *c;

	memset(out, 0, sizeof(*out));
	if (conf->secret == NULL || conf->secret[0] == '\0')
		return YW_EINVAL;
	/* Reference-counted: one init per sender, undone by ctx_free. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return YW_EINTERNAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		curl_global_cleanup();
		return YW_ENOMEM;
	}
	c->secret = strdup(conf->secret);
	c->curl = curl_easy_init();
	if (c->secret == NULL || c->curl == NULL) {
		ctx_free(c);
		return YW_ENOMEM;
	}
	out->channel = "webhook";
	out->send = webhook_send;
	out->ctx = c;
	return YW_OK;
}

void
yw_send_webhook_destroy(struct yw_sender *s)
{
	ctx_free(s->ctx);
	s->ctx = NULL;
}
