/*
 * send_smtp.h - the 'email' sender: each message goes to an SMTP relay
 * with libcurl as one RFC 5322 message (UTF-8 subject as RFC 2047
 * encoded-words, a text/plain UTF-8 body in base64). Runs in the CLI's
 * drainer only: it blocks for up to YW_SMTP_TIMEOUT seconds a message.
 * Needs libcurl, libsodium (random Message-ID, base64) and jansson.
 */
#ifndef YW_SEND_SMTP_H
#define YW_SEND_SMTP_H

#include <stdint.h>

#include <jansson.h>

#include "app/notify/notify.h"
#include "core/buf.h"
#include "core/err.h"

#define YW_SMTP_CONNECT_TIMEOUT	5	/* seconds */
#define YW_SMTP_TIMEOUT		15	/* seconds, the whole message */

/*
 * url: "smtp://host:port" (STARTTLS when the relay offers it, with the
 * certificate checked) or "smtps://host:port" (TLS from the start);
 * "user:password@" before the host logs in. from: the address for MAIL
 * FROM and the From: header. Both borrowed for the call (copied).
 */
struct yw_smtp_conf {
	const char	*url;
	const char	*from;
};

/*
 * Fills *out with the sender for channel "email"; its ctx is owned by *out
 * until yw_send_smtp_destroy. YW_EINVAL when url is not smtp:// or
 * smtps:// or from is not an e-mail address (yw_valid_email); YW_ENOMEM,
 * YW_EINTERNAL when libcurl cannot start. Sending a message whose recipient
 * is not an e-mail address gives YW_EINVAL (never retried); a relay that
 * cannot be reached or refuses the message gives YW_EIO (retried).
 */
enum yw_err	yw_send_smtp_create(const struct yw_smtp_conf *conf,
		    struct yw_sender *out);
void		yw_send_smtp_destroy(struct yw_sender *s);

/*
 * Appends to out the message for msg (borrowed; {id, recipient, subject,
 * body} as claimed) from from, dated now (unix seconds): CRLF line ends;
 * the subject's encoded-words and the base64 body lines fit in 78
 * columns (the addresses' lines may be longer). Exposed for tests. YW_EINVAL when from or
 * the recipient is not an e-mail address or a text is not UTF-8.
 */
enum yw_err	yw_send_smtp_format(const char *from, json_t *msg,
		    int64_t now, struct yw_buf *out);

#endif
