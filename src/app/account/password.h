/*
 * password.h - Argon2id password hashing (libsodium crypto_pwhash).
 * Hashes are self-describing strings ($argon2id$v=19$m=...), so the cost can
 * be raised later without a migration. Both calls take ~60 ms at the
 * interactive limits: keep them off a server's event loop.
 */
#ifndef YW_PASSWORD_H
#define YW_PASSWORD_H

#include <stddef.h>

#include "core/err.h"

#define YW_PASSWORD_HASH_MAX	128	/* crypto_pwhash_STRBYTES */

/* Hashes pw into out (size >= YW_PASSWORD_HASH_MAX). */
enum yw_err	yw_password_hash(const char *pw, size_t len, char *out,
		    size_t outsz);
/* YW_OK when pw matches hash, YW_EAUTH when not, YW_EINVAL for a bad hash. */
enum yw_err	yw_password_verify(const char *hash, const char *pw, size_t len);
/* A hash of a random password: lets a login for an unknown account spend
 * the same time as a real one. Static storage; computed once. */
const char     *yw_password_dummy_hash(void);

#endif
