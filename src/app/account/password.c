#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/account/password.h"

enum yw_err
yw_password_hash(const char *pw, size_t len, char *out, size_t outsz)
{
	if (outsz < crypto_pwhash_STRBYTES)
		return YW_EINVAL;
	if (sodium_init() < 0)
		return YW_EINTERNAL;
	if (crypto_pwhash_str_alg(out, pw, len,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return YW_ENOMEM;
	return YW_OK;
}

enum yw_err
yw_password_verify(const char *hash, const char *pw, size_t len)
{
	if (strncmp(hash, "$argon2id$", 10) != 0)
		return YW_EINVAL;
	if (crypto_pwhash_str_verify(hash, pw, len) != 0)
		return YW_EAUTH;
	return YW_OK;
}

const char *
yw_password_dummy_hash(void)
{
	static char	hash[crypto_pwhash_STRBYTES];
	unsigned char	rnd[16];
	char		hex[33];

	if (hash[0] == '\0') {
		randombytes_buf(rnd, sizeof(rnd));
		sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
		if (yw_password_hash(hex, strlen(hex), hash, sizeof(hash)) !=
		    YW_OK)
			(void)snprintf(hash, sizeof(hash), "%s", "$argon2id$");
	}
	return hash;
}
