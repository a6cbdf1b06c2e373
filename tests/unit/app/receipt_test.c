/*
 * Tests for src/app/data/receipt.c: a receipts file built with the
 * platform's keys verifies, and an edited, deleted, inserted or cut entry,
 * or a file checked against another key, is caught and named.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/data/receipt.h"

#define KEY "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static struct yw_keyring kr;
static unsigned char dsk[crypto_sign_SECRETKEYBYTES];
static char *dpk;

static json_t *
chain(int n)
{
	json_t	*list, *e;
	char	 prev[65], hash[65], sig[129], dsig[129], msg[300], ppk[65];
	int	 i;

	list = json_array();
	(void)snprintf(prev, sizeof(prev), "%s", YW_RECEIPT_ZERO_HASH);
	for (i = 1; i <= n; i++) {
		e = json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:n, s:s, s:s,"
		    " s:i, s:s, s:s, s:s}", "seq", i, "department_id", 7, "at",
		    1700000000 + i, "key_id", 3, "key_prefix", "ywk_abcdefgh",
		    "resource_code", "wjw-0001", "provider_id", "operation",
		    "read", "query", "{}", "row_count", i, "result", "ok",
		    "reason", "", "prev_hash", prev);
		assert_int_equal(yw_receipt_hash(e, hash), YW_OK);
		yw_receipt_sign(kr.sign_sk, hash, sig);
		yw_receipt_sign(dsk, hash, dsig);
		json_object_set_new(e, "hash", json_string(hash));
		json_object_set_new(e, "signature", json_string(sig));
		json_object_set_new(e, "dept_signature", json_string(dsig));
		json_array_append_new(list, e);
		(void)snprintf(prev, sizeof(prev), "%s", hash);
	}
	assert_int_equal(yw_receipt_head_msg(7, n, prev, dpk, msg,
	    sizeof(msg)), YW_OK);
	yw_receipt_sign(kr.sign_sk, msg, sig);
	yw_keyring_public_hex(&kr, ppk);
	return json_pack("{s:s, s:i, s:i, s:s, s:s, s:o, s:{s:i, s:s, s:s}}",
	    "format", YW_RECEIPT_FORMAT, "department_id", 7, "since", 0,
	    "platform_public_key", ppk, "department_public_key", dpk,
	    "receipts", list, "head", "seq", n, "hash", prev, "signature", sig);
}

static void
expect_bad(json_t *f, int64_t seq, const char *why)
{
	int64_t		 count, bad;
	const char	*w;
	char		 ppk[65];

	yw_keyring_public_hex(&kr, ppk);
	assert_int_equal(yw_receipt_verify(f, ppk, &count, &bad, &w),
	    YW_ECONFLICT);
	assert_int_equal(bad, seq);
	assert_string_equal(w, why);
	json_decref(f);
}

static void
test_receipts(void **state)
{
	json_t		*f, *list;
	int64_t		 count, bad;
	const char	*why;
	char		 ppk[65], *sealed;

	(void)state;
	assert_int_equal(yw_keyring_from_hex(KEY, &kr), YW_OK);
	assert_int_equal(yw_keyring_from_hex("00", &kr), YW_EINVAL);
	assert_int_equal(yw_keyring_from_hex(KEY, &kr), YW_OK);
	assert_int_equal(yw_keyring_dept_new(&kr, &dpk, &sealed), YW_OK);
	assert_int_equal(yw_keyring_dept_open(&kr, sealed, dsk), YW_OK);
	sealed[10] = sealed[10] == 'a' ? 'b' : 'a';
	{
		unsigned char junk[crypto_sign_SECRETKEYBYTES];

		assert_int_equal(yw_keyring_dept_open(&kr, sealed, junk),
		    YW_EINVAL);
	}
	free(sealed);
	yw_keyring_public_hex(&kr, ppk);

	f = chain(4);
	assert_int_equal(yw_receipt_verify(f, ppk, &count, &bad, &why), YW_OK);
	assert_int_equal(count, 4);
	json_decref(f);

	f = chain(4);	/* edited */
	json_object_set_new(json_array_get(json_object_get(f, "receipts"), 2),
	    "row_count", json_integer(99));
	expect_bad(f, 3, "hash");

	f = chain(4);	/* deleted from the middle */
	json_array_remove(json_object_get(f, "receipts"), 1);
	expect_bad(f, 2, "sequence");

	f = chain(4);	/* inserted */
	list = json_object_get(f, "receipts");
	json_array_insert_new(list, 1, json_deep_copy(json_array_get(list, 0)));
	expect_bad(f, 2, "sequence");

	f = chain(4);	/* cut from the end */
	json_array_remove(json_object_get(f, "receipts"), 3);
	expect_bad(f, 4, "head");

	f = chain(2);	/* re-signed by someone else's key */
	assert_int_equal(yw_receipt_verify(f, "11" "11111111111111111111111111"
	    "111111111111111111111111111111111111", &count, &bad, &why),
	    YW_ECONFLICT);
	json_decref(f);
	free(dpk);
}

/* The worker cache gives back what was put, per department, and nothing
 * once destroyed; a ring without a cache caches nothing. */
static void
test_key_cache(void **state)
{
	struct yw_keyring	 k;
	unsigned char		 sk[crypto_sign_SECRETKEYBYTES];
	unsigned char		 got[crypto_sign_SECRETKEYBYTES];
	char			 pk[65], gpk[65];

	(void)state;
	assert_int_equal(yw_keyring_from_hex(KEY, &k), YW_OK);
	memset(sk, 0x5a, sizeof(sk));
	memset(pk, 'a', 64);
	pk[64] = '\0';
	yw_keycache_put(&k, 7, sk, pk);
	assert_int_equal(yw_keycache_get(&k, 7, got, gpk), 0);
	assert_int_equal(yw_keycache_create(&k), YW_OK);
	assert_int_equal(yw_keycache_get(&k, 7, got, gpk), 0);
	yw_keycache_put(&k, 7, sk, pk);
	yw_keycache_put(&k, 8, sk, "short");	/* not a public key: ignored */
	assert_int_equal(yw_keycache_get(&k, 7, got, gpk), 1);
	assert_memory_equal(got, sk, sizeof(sk));
	assert_string_equal(gpk, pk);
	assert_int_equal(yw_keycache_get(&k, 8, got, gpk), 0);
	yw_keyring_wipe(&k);
	assert_null(k.cache);
	assert_int_equal(k.ready, 0);
	assert_int_equal(yw_keycache_get(&k, 7, got, gpk), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_receipts),
		cmocka_unit_test(test_key_cache),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
