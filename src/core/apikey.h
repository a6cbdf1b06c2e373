/*
 * apikey.h - secrets that systems present instead of a session: a kind
 * prefix ("ywk_" exchange keys, "ywo_" Open311 clients) and 43 base64url
 * characters of randomness. The secret is shown once; only its BLAKE2b-256
 * (hex) is stored, and a short prefix to tell keys apart in lists and
 * logs. Needs libsodium.
 */
#ifndef YW_APIKEY_H
#define YW_APIKEY_H

#include "core/err.h"

#define YW_APIKEY_MAX		64	/* secret with its NUL */
#define YW_APIKEY_HASH_LEN	65	/* hex digest with its NUL */
#define YW_APIKEY_PREFIX_LEN	16	/* shown part with its NUL */

/*
 * A new secret kind + randomness into token, its hash and its first 12
 * characters into prefix. kind (borrowed) is at most 8 characters.
 * YW_EINTERNAL when libsodium cannot start.
 */
enum yw_err	yw_apikey_new(const char *kind, char token[YW_APIKEY_MAX],
		    char hash[YW_APIKEY_HASH_LEN],
		    char prefix[YW_APIKEY_PREFIX_LEN]);
/* The stored form of token (borrowed, NUL-terminated). */
void		yw_apikey_hash(const char *token,
		    char hash[YW_APIKEY_HASH_LEN]);
/* What a log may show of a presented token: its first 12 characters, or
 * "?" when they are not printable UTF-8. */
void		yw_apikey_prefix(const char *token,
		    char prefix[YW_APIKEY_PREFIX_LEN]);

#endif
