/*
 * send_webhook.h - the 'webhook' sender: POSTs each message's payload
 * (the stored JSON text, byte for byte) to its recipient URL with libcurl,
 * signed so that the receiver can tell it came from this platform:
 *   Content-Type: application/json
 *   X-Yiwang-Signature: sha256=<hex HMAC-SHA256 of the body, keyed by the
 *                       shared secret>
 *   X-Yiwang-Message-Id: <outbox id>  (delivery is at least once: the
 *                       receiver drops an id it has seen)
 * A 2xx answer is delivery; anything else, a redirect included, is retried.
 * Runs in the CLI's drainer only. Needs libcurl, libsodium and jansson.
 */
#ifndef YW_SEND_WEBHOOK_H
#define YW_SEND_WEBHOOK_H

#include <stddef.h>

#include "app/notify/notify.h"
#include "core/err.h"

#define YW_WEBHOOK_CONNECT_TIMEOUT	5	/* seconds */
#define YW_WEBHOOK_TIMEOUT		15	/* seconds, the whole request */
/* "sha256=" and 64 hex digits, with the NUL. */
#define YW_WEBHOOK_SIG_SIZE		72

/* secret: the HMAC key shared with every receiver; borrowed (copied). */
struct yw_webhook_conf {
	const char	*secret;
};

/*
 * Fills *out with the sender for channel "webhook"; its ctx is owned by
 * *out until yw_send_webhook_destroy. YW_EINVAL for an empty secret;
 * YW_ENOMEM, YW_EINTERNAL when libcurl cannot start. A recipient that is
 * not an http(s) URL gives YW_EINVAL when sending (never retried).
 */
enum yw_err	yw_send_webhook_create(const struct yw_webhook_conf *conf,
		    struct yw_sender *out);
void		yw_send_webhook_destroy(struct yw_sender *s);

/* Writes "sha256=<hex HMAC-SHA256(secret, body)>" into sig. */
void		yw_send_webhook_sign(const char *secret, const void *body,
		    size_t len, char sig[YW_WEBHOOK_SIG_SIZE]);

#endif
