/*
 * apikey.c - system secrets and their stored hashes (apikey.h).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/apikey.h"
#include "core/utf8.h"

void
yw_apikey_hash(const char *token, char hash[YW_APIKEY_HASH_LEN])
{
	unsigned char bin[32];

	crypto_generichash(bin, sizeof(bin), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(hash, YW_APIKEY_HASH_LEN, bin, sizeof(bin));
}

void
yw_apikey_prefix(const char *token, char prefix[YW_APIKEY_PREFIX_LEN])
{
	size_t n;

	(void)snprintf(prefix, YW_APIKEY_PREFIX_LEN, "%.12s", token);
	n = strlen(prefix);
	if (!yw_utf8_valid(prefix, n) || yw_utf8_has_control(prefix, n, 0))
		(void)snprintf(prefix, YW_APIKEY_PREFIX_LEN, "?");
}

enum yw_err
yw_apikey_new(const char *kind, char token[YW_APIKEY_MAX],
    char hash[YW_APIKEY_HASH_LEN], char prefix[YW_APIKEY_PREFIX_LEN])
{
	unsigned char	rnd[32];
	size_t		k;

	token[0] = hash[0] = prefix[0] = '\0';
	k = strlen(kind);
	if (k > 8)
		return YW_EINVAL;
	if (sodium_init() < 0)
		return YW_EINTERNAL;
	randombytes_buf(rnd, sizeof(rnd));
	memcpy(token, kind, k);
	sodium_bin2base64(token + k, YW_APIKEY_MAX - k, rnd, sizeof(rnd),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(rnd, sizeof(rnd));
	yw_apikey_hash(token, hash);
	(void)snprintf(prefix, YW_APIKEY_PREFIX_LEN, "%.12s", token);
	return YW_OK;
}
