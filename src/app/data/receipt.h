/*
 * receipt.h - the signatures of the exchange log (exchange.h): the platform
 * key ring derived from the configured platform key, department key pairs
 * sealed under it, the hash and signatures of one log entry, and the
 * offline check of a downloaded receipts file. libsodium and jansson only;
 * no database, so `yiwang exchange verify` needs nothing else.
 *
 * One platform key (32 random bytes, 64 hex characters in the
 * configuration) gives, by crypto_kdf: the platform's Ed25519 signing key
 * (its public key is published) and the crypto_secretbox key that seals
 * each department's Ed25519 secret key in the database.
 *
 * An entry's hash is hex(BLAKE2b-256(prev_hash || canonical)) where
 * canonical is the compact, key-sorted JSON of {seq, department_id, at,
 * key_id, key_prefix, resource_code, provider_id, operation, query,
 * row_count, result, reason}; signature is the platform's Ed25519
 * signature of the 64 hash characters (hex), dept_signature the chain
 * department's. A file's head is signed as
 * "yiwang-receipts-head:<department_id>:<seq>:<hash>:<department key>".
 */
#ifndef YW_RECEIPT_H
#define YW_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <sodium.h>

#include "core/err.h"

#define YW_RECEIPT_FORMAT	"yiwang-receipts/1"
#define YW_RECEIPT_HASH_HEX	64
#define YW_RECEIPT_ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"

struct yw_keycache;

struct yw_keyring {
	unsigned char		 sign_pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char		 sign_sk[crypto_sign_SECRETKEYBYTES];
	unsigned char		 box[crypto_secretbox_KEYBYTES];
	int			 ready;
	struct yw_keycache	*cache;	/* unsealed department keys, or NULL */
};

/* Derives the ring from 64 hex characters; YW_EINVAL when malformed. */
enum yw_err	yw_keyring_from_hex(const char *hex, struct yw_keyring *k);
/* The platform public key as 64 hex characters into out. */
void		yw_keyring_public_hex(const struct yw_keyring *k,
		    char out[2 * crypto_sign_PUBLICKEYBYTES + 1]);
/* Wipes the secrets. */
void		yw_keyring_wipe(struct yw_keyring *k);

/*
 * A new department key pair: pk_hex the public key, sealed_hex the secret
 * key sealed with the ring's box key (nonce || box, hex). Both new strings
 * (caller frees with free()).
 */
enum yw_err	yw_keyring_dept_new(const struct yw_keyring *k, char **pk_hex,
		    char **sealed_hex);
/* Opens sealed_hex into sk; YW_EINVAL when it does not open. */
enum yw_err	yw_keyring_dept_open(const struct yw_keyring *k,
		    const char *sealed_hex,
		    unsigned char sk[crypto_sign_SECRETKEYBYTES]);

/*
 * The per-process cache of unsealed department secret keys, so a call
 * does not open the sealed key from the database each time. Its memory
 * comes from sodium_malloc (guard pages, mlock'd so it is never swapped,
 * excluded from core dumps where the system allows); entries are never
 * evicted (one per department, YW_KEYCACHE_MAX of them; beyond that keys
 * are opened per call). Destroy zeroes it. A cache belongs to one process:
 * create it after fork. NULL-safe: a ring without a cache opens per call.
 */
#define YW_KEYCACHE_MAX	256
enum yw_err	yw_keycache_create(struct yw_keyring *k);
void		yw_keycache_destroy(struct yw_keyring *k);
/* The cached secret key and public key (hex) of department dept: 1 and
 * copies into sk/pk_hex when cached, 0 otherwise. */
int		yw_keycache_get(const struct yw_keyring *k, int64_t dept,
		    unsigned char sk[crypto_sign_SECRETKEYBYTES],
		    char pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1]);
/* Remembers dept's keys (copied); silently does nothing when full. */
void		yw_keycache_put(const struct yw_keyring *k, int64_t dept,
		    const unsigned char sk[crypto_sign_SECRETKEYBYTES],
		    const char *pk_hex);

/* entry (borrowed) with prev_hash set: hash into out. YW_EINVAL when a
 * field is missing or of the wrong type. */
enum yw_err	yw_receipt_hash(json_t *entry,
		    char out[YW_RECEIPT_HASH_HEX + 1]);
/* Detached Ed25519 signature of msg with sk, as 128 hex into out. */
void		yw_receipt_sign(const unsigned char *sk, const char *msg,
		    char out[2 * crypto_sign_BYTES + 1]);
/* The head message (see above) into out; YW_ETOOBIG if it does not fit. */
enum yw_err	yw_receipt_head_msg(int64_t department_id, int64_t seq,
		    const char *hash, const char *dept_pk_hex, char *out,
		    size_t outsz);

/*
 * Checks a receipts file (borrowed): format, every entry's seq (from
 * since + 1, no gaps), prev_hash link (the first entry's against the
 * file's anchor when since > 0, 64 zeros otherwise), hash, platform
 * signature and department signature, and the signed head (which catches
 * entries cut from the end). platform_pk_hex (borrowed) is the published
 * key to check against; NULL uses the file's own (which only shows the
 * file is consistent). YW_OK with *count entries; YW_ECONFLICT with
 * *bad_seq (the first bad entry's seq, or the seq where one is missing)
 * and *why (static: "format", "sequence", "link", "hash", "signature",
 * "department_signature", "head", "key") naming what failed.
 */
enum yw_err	yw_receipt_verify(json_t *file, const char *platform_pk_hex,
		    int64_t *count, int64_t *bad_seq, const char **why);

#endif
