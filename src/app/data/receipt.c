/*
 * receipt.c - key ring, entry hashes and signatures, offline verification
 * of receipts files (receipt.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/data/receipt.h"

#define KDF_CONTEXT	"ywxchg01"	/* crypto_kdf_CONTEXTBYTES = 8 */
#define KDF_SIGN	1
#define KDF_BOX		2

enum yw_err
yw_keyring_from_hex(const char *hex, struct yw_keyring *k)
{
	unsigned char	master[crypto_kdf_KEYBYTES];
	unsigned char	seed[crypto_sign_SEEDBYTES];
	size_t		got;

	memset(k, 0, sizeof(*k));
	if (sodium_init() < 0)
		return YW_EINTERNAL;
	if (hex == NULL || strlen(hex) != 2 * sizeof(master) ||
	    sodium_hex2bin(master, sizeof(master), hex, strlen(hex), NULL,
	    &got, NULL) != 0 || got != sizeof(master))
		return YW_EINVAL;
	crypto_kdf_derive_from_key(seed, sizeof(seed), KDF_SIGN, KDF_CONTEXT,
	    master);
	crypto_sign_seed_keypair(k->sign_pk, k->sign_sk, seed);
	crypto_kdf_derive_from_key(k->box, sizeof(k->box), KDF_BOX,
	    KDF_CONTEXT, master);
	sodium_memzero(master, sizeof(master));
	sodium_memzero(seed, sizeof(seed));
	k->ready = 1;
	return YW_OK;
}

void
yw_keyring_public_hex(const struct yw_keyring *k,
    char out[2 * crypto_sign_PUBLICKEYBYTES + 1])
{
	sodium_bin2hex(out, 2 * crypto_sign_PUBLICKEYBYTES + 1, k->sign_pk,
	    sizeof(k->sign_pk));
}

void
yw_keyring_wipe(struct yw_keyring *k)
{
	yw_keycache_destroy(k);
	sodium_memzero(k, sizeof(*k));
}

static char *
hex_new(const unsigned char *p, size_t n)
{
	char *s;

	s = malloc(2 * n + 1);
	if (s != NULL)
		sodium_bin2hex(s, 2 * n + 1, p, n);
	return s;
}

enum yw_err
yw_keyring_dept_new(const struct yw_keyring *k, char **pk_hex,
    char **sealed_hex)
{
	unsigned char	pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char	sk[crypto_sign_SECRETKEYBYTES];
	unsigned char	sealed[crypto_secretbox_NONCEBYTES +
			    crypto_secretbox_MACBYTES + sizeof(sk)];

	*pk_hex = NULL;
	*sealed_hex = NULL;
	if (!k->ready)
		return YW_EINTERNAL;
	crypto_sign_keypair(pk, sk);
	randombytes_buf(sealed, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(sealed + crypto_secretbox_NONCEBYTES, sk,
	    sizeof(sk), sealed, k->box);
	sodium_memzero(sk, sizeof(sk));
	*pk_hex = hex_new(pk, sizeof(pk));
	*sealed_hex = hex_new(sealed, sizeof(sealed));
	if (*pk_hex == NULL || *sealed_hex == NULL) {
		free(*pk_hex);
		free(*sealed_hex);
		*pk_hex = NULL;
		*sealed_hex = NULL;
		return YW_ENOMEM;
	}
	return YW_OK;
}

enum yw_err
yw_keyring_dept_open(const struct yw_keyring *k, const char *sealed_hex,
    unsigned char sk[crypto_sign_SECRETKEYBYTES])
{
	unsigned char	sealed[crypto_secretbox_NONCEBYTES +
			    crypto_secretbox_MACBYTES + crypto_sign_SECRETKEYBYTES];
	size_t		got;

	if (!k->ready || sealed_hex == NULL ||
	    strlen(sealed_hex) != 2 * sizeof(sealed) ||
	    sodium_hex2bin(sealed, sizeof(sealed), sealed_hex,
	    strlen(sealed_hex), NULL, &got, NULL) != 0 || got != sizeof(sealed))
		return YW_EINVAL;
	if (crypto_secretbox_open_easy(sk, sealed + crypto_secretbox_NONCEBYTES,
	    sizeof(sealed) - crypto_secretbox_NONCEBYTES, sealed, k->box) != 0)
		return YW_EINVAL;
	return YW_OK;
}

struct yw_keycache_entry {
	int64_t		dept;
	unsigned char	sk[crypto_sign_SECRETKEYBYTES];
	char		pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
};

struct yw_keycache {
	size_t				n;
	struct yw_keycache_entry	e[YW_KEYCACHE_MAX];
};

enum yw_err
yw_keycache_create(struct yw_keyring *k)
{
	if (k->cache != NULL)
		return YW_OK;
	if (sodium_init() < 0)
		return YW_EINTERNAL;
	/* sodium_malloc mlocks the pages and fences them with guard pages;
	 * its memory is filled with garbage, so clear the count. */
	k->cache = sodium_malloc(sizeof(*k->cache));
	if (k->cache == NULL)
		return YW_ENOMEM;
	sodium_memzero(k->cache, sizeof(*k->cache));
	return YW_OK;
}

void
yw_keycache_destroy(struct yw_keyring *k)
{
	if (k->cache == NULL)
		return;
	sodium_memzero(k->cache, sizeof(*k->cache));
	sodium_free(k->cache);	/* zeroes again and unlocks */
	k->cache = NULL;
}

int
yw_keycache_get(const struct yw_keyring *k, int64_t dept,
    unsigned char sk[crypto_sign_SECRETKEYBYTES],
    char pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1])
{
	size_t i;

	if (k->cache == NULL)
		return 0;
	for (i = 0; i < k->cache->n; i++) {
		if (k->cache->e[i].dept != dept)
			continue;
		memcpy(sk, k->cache->e[i].sk, crypto_sign_SECRETKEYBYTES);
		memcpy(pk_hex, k->cache->e[i].pk_hex,
		    sizeof(k->cache->e[i].pk_hex));
		return 1;
	}
	return 0;
}

void
yw_keycache_put(const struct yw_keyring *k, int64_t dept,
    const unsigned char sk[crypto_sign_SECRETKEYBYTES], const char *pk_hex)
{
	struct yw_keycache_entry *e;

	if (k->cache == NULL || k->cache->n >= YW_KEYCACHE_MAX ||
	    pk_hex == NULL || strlen(pk_hex) != 2 * crypto_sign_PUBLICKEYBYTES)
		return;
	e = &k->cache->e[k->cache->n++];
	e->dept = dept;
	memcpy(e->sk, sk, crypto_sign_SECRETKEYBYTES);
	memcpy(e->pk_hex, pk_hex, sizeof(e->pk_hex));
}

static const char *const canon_ints[] = {
	"seq", "department_id", "at", "key_id", "provider_id", "row_count"
};
static const char *const canon_strs[] = {
	"key_prefix", "resource_code", "operation", "query", "result", "reason"
};

enum yw_err
yw_receipt_hash(json_t *entry, char out[YW_RECEIPT_HASH_HEX + 1])
{
	crypto_generichash_state	 h;
	unsigned char			 bin[32];
	json_t				*o, *v;
	const char			*prev;
	char				*canon;
	size_t				 i;

	prev = json_string_value(json_object_get(entry, "prev_hash"));
	if (prev == NULL || strlen(prev) != YW_RECEIPT_HASH_HEX)
		return YW_EINVAL;
	o = json_object();
	if (o == NULL)
		return YW_ENOMEM;
	for (i = 0; i < sizeof(canon_ints) / sizeof(canon_ints[0]); i++) {
		v = json_object_get(entry, canon_ints[i]);
		if (!json_is_integer(v) && !json_is_null(v)) {
			json_decref(o);
			return YW_EINVAL;
		}
		json_object_set(o, canon_ints[i], v);
	}
	for (i = 0; i < sizeof(canon_strs) / sizeof(canon_strs[0]); i++) {
		v = json_object_get(entry, canon_strs[i]);
		if (!json_is_string(v)) {
			json_decref(o);
			return YW_EINVAL;
		}
		json_object_set(o, canon_strs[i], v);
	}
	canon = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	if (canon == NULL)
		return YW_ENOMEM;
	crypto_generichash_init(&h, NULL, 0, sizeof(bin));
	crypto_generichash_update(&h, (const unsigned char *)prev,
	    strlen(prev));
	crypto_generichash_update(&h, (const unsigned char *)canon,
	    strlen(canon));
	crypto_generichash_final(&h, bin, sizeof(bin));
	free(canon);
	sodium_bin2hex(out, YW_RECEIPT_HASH_HEX + 1, bin, sizeof(bin));
	return YW_OK;
}

void
yw_receipt_sign(const unsigned char *sk, const char *msg,
    char out[2 * crypto_sign_BYTES + 1])
{
	unsigned char sig[crypto_sign_BYTES];

	crypto_sign_detached(sig, NULL, (const unsigned char *)msg,
	    strlen(msg), sk);
	sodium_bin2hex(out, 2 * crypto_sign_BYTES + 1, sig, sizeof(sig));
}

enum yw_err
yw_receipt_head_msg(int64_t department_id, int64_t seq, const char *hash,
    const char *dept_pk_hex, char *out, size_t outsz)
{
	int n;

	n = snprintf(out, outsz, "yiwang-receipts-head:%lld:%lld:%s:%s",
	    (long long)department_id, (long long)seq, hash,
	    dept_pk_hex != NULL ? dept_pk_hex : "");
	return n < 0 || (size_t)n >= outsz ? YW_ETOOBIG : YW_OK;
}

/* 1 if sig_hex is pk's signature of msg. */
static int
sig_ok(const unsigned char *pk, const char *msg, const char *sig_hex)
{
	unsigned char	sig[crypto_sign_BYTES];
	size_t		got;

	if (sig_hex == NULL || strlen(sig_hex) != 2 * sizeof(sig) ||
	    sodium_hex2bin(sig, sizeof(sig), sig_hex, strlen(sig_hex), NULL,
	    &got, NULL) != 0 || got != sizeof(sig))
		return 0;
	return crypto_sign_verify_detached(sig, (const unsigned char *)msg,
	    strlen(msg), pk) == 0;
}

static int
pk_from_hex(const char *hex, unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	size_t got;

	return hex != NULL && strlen(hex) == 2 * crypto_sign_PUBLICKEYBYTES &&
	    sodium_hex2bin(pk, crypto_sign_PUBLICKEYBYTES, hex, strlen(hex),
	    NULL, &got, NULL) == 0 && got == crypto_sign_PUBLICKEYBYTES;
}

enum yw_err
yw_receipt_verify(json_t *file, const char *platform_pk_hex, int64_t *count,
    int64_t *bad_seq, const char **why)
{
	unsigned char	 ppk[crypto_sign_PUBLICKEYBYTES];
	unsigned char	 dpk[crypto_sign_PUBLICKEYBYTES];
	json_t		*list, *e, *head;
	const char	*dpk_hex, *prev, *hash;
	char		 want[YW_RECEIPT_HASH_HEX + 1], msg[300];
	char		 last[YW_RECEIPT_HASH_HEX + 1];
	int64_t		 next, dept, since;
	size_t		 i;
	int		 has_dpk;

	*count = 0;
	*bad_seq = 0;
	*why = "format";
	if (sodium_init() < 0)
		return YW_EINTERNAL;
	list = json_object_get(file, "receipts");
	head = json_object_get(file, "head");
	if (!json_is_object(file) || strcmp(json_string_value(json_object_get(
	    file, "format")) != NULL ? json_string_value(json_object_get(file,
	    "format")) : "", YW_RECEIPT_FORMAT) != 0 || !json_is_array(list) ||
	    !json_is_object(head) || !json_is_integer(json_object_get(file,
	    "department_id")))
		return YW_ECONFLICT;
	*why = "key";
	if (platform_pk_hex == NULL)
		platform_pk_hex = json_string_value(json_object_get(file,
		    "platform_public_key"));
	if (!pk_from_hex(platform_pk_hex, ppk))
		return YW_ECONFLICT;
	dpk_hex = json_string_value(json_object_get(file,
	    "department_public_key"));
	has_dpk = dpk_hex != NULL && dpk_hex[0] != '\0';
	if (has_dpk && !pk_from_hex(dpk_hex, dpk))
		return YW_ECONFLICT;
	dept = json_integer_value(json_object_get(file, "department_id"));
	since = json_integer_value(json_object_get(file, "since"));
	next = since + 1;
	(void)snprintf(last, sizeof(last), "%s", YW_RECEIPT_ZERO_HASH);
	json_array_foreach(list, i, e) {
		*bad_seq = next;
		*why = "sequence";
		if (!json_is_integer(json_object_get(e, "seq")) ||
		    json_integer_value(json_object_get(e, "seq")) != next ||
		    json_integer_value(json_object_get(e, "department_id")) !=
		    dept)
			return YW_ECONFLICT;
		prev = json_string_value(json_object_get(e, "prev_hash"));
		hash = json_string_value(json_object_get(e, "hash"));
		*why = "link";
		if (prev == NULL || hash == NULL || (i == 0 && since == 0 &&
		    strcmp(prev, YW_RECEIPT_ZERO_HASH) != 0) || (i > 0 &&
		    strcmp(prev, last) != 0))
			return YW_ECONFLICT;
		*why = "hash";
		if (yw_receipt_hash(e, want) != YW_OK || strcmp(want, hash) != 0)
			return YW_ECONFLICT;
		*why = "signature";
		if (!sig_ok(ppk, hash, json_string_value(json_object_get(e,
		    "signature"))))
			return YW_ECONFLICT;
		*why = "department_signature";
		if (has_dpk && !sig_ok(dpk, hash, json_string_value(
		    json_object_get(e, "dept_signature"))))
			return YW_ECONFLICT;
		(void)snprintf(last, sizeof(last), "%s", hash);
		next++;
	}
	/* The head names the newest entry at download: entries cut from the
	 * end, or a forged file, fail here. */
	*bad_seq = next;
	*why = "head";
	hash = json_string_value(json_object_get(head, "hash"));
	if (!json_is_integer(json_object_get(head, "seq")) || hash == NULL)
		return YW_ECONFLICT;
	if (json_integer_value(json_object_get(head, "seq")) != next - 1 ||
	    (json_array_size(list) > 0 && strcmp(hash, last) != 0))
		return YW_ECONFLICT;
	if (yw_receipt_head_msg(dept, next - 1, hash, has_dpk ? dpk_hex : "",
	    msg, sizeof(msg)) != YW_OK || !sig_ok(ppk, msg,
	    json_string_value(json_object_get(head, "signature"))))
		return YW_ECONFLICT;
	*bad_seq = 0;
	*why = NULL;
	*count = (int64_t)json_array_size(list);
	return YW_OK;
}
