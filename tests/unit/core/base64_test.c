/*
 * Tests for src/core/base64.c: it replaces libsodium's decoder for files
 * sent inline, so it must accept and refuse exactly what libsodium did
 * (checked on fixed cases and on many random strings of the characters
 * that matter) and give the same bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/base64.h"

/* libsodium's answer as the handler used it: -1 or the byte count. */
static long
sodium_len(const char *s, size_t len, unsigned char *out, size_t max)
{
	const char	*end;
	size_t		 n;

	if (sodium_base642bin(out, max, s, len, "\r\n", &n, &end,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || end != s + len)
		return -1;
	return (long)n;
}

static long
ours_len(const char *s, size_t len, unsigned char *out, size_t max)
{
	size_t n;

	if (yw_base64_decode(s, len, out, max, &n) != 0)
		return -1;
	return (long)n;
}

/* Both decoders agree on s, with room for max bytes. */
static void
same(const char *s, size_t len, size_t max)
{
	unsigned char	a[512], b[512];
	long		na, nb;

	assert_true(max <= sizeof(a));
	na = sodium_len(s, len, a, max);
	nb = ours_len(s, len, b, max);
	if (na != nb)
		fail_msg("\"%.*s\" (max %zu): sodium %ld, ours %ld", (int)len,
		    s, max, na, nb);
	if (na > 0)
		assert_memory_equal(a, b, (size_t)na);
}

static void
test_decodes(void **state)
{
	unsigned char	out[64];
	size_t		n;

	(void)state;
	assert_int_equal(yw_base64_decode("SGVsbG8=", 8, out, 64, &n), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(out, "Hello", 5);
	assert_int_equal(yw_base64_decode("SGVs\r\nbG8=\n", 11, out, 64, &n),
	    0);
	assert_int_equal(n, 5);
	assert_int_equal(yw_base64_decode("", 0, out, 64, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yw_base64_decode("+/+/", 4, out, 64, &n), 0);
	assert_memory_equal(out, "\xfb\xff\xbf", 3);
}

static void
test_refuses(void **state)
{
	static const char *const bad[] = {
		"SGVsbG8", "SGVsbG8==", "SGVsbG9=", "SGV=sbG8", "SGVsbG8=x",
		"S", "SG", "SGV", "====", "SGVs bG8=", "SGVs-G8=", "SGVs_G8=",
		"SGVsbG8=\t", "=SGVsbG8",
	};
	unsigned char	out[64];
	size_t		i, n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(yw_base64_decode(bad[i], strlen(bad[i]), out,
		    64, &n), -1);
		assert_int_equal(n, 0);
		same(bad[i], strlen(bad[i]), 64);
	}
	/* libsodium reads bytes above 0x7f as digits (a signed char in its
	 * constant-time mapping); they are no base64. */
	assert_int_equal(yw_base64_decode("QU\xc3\x80", 4, out, 64, &n), -1);
	assert_int_equal(yw_base64_decode("Q\x80JD", 4, out, 64, &n), -1);
	/* No room: refused, never written past max. */
	assert_int_equal(yw_base64_decode("SGVsbG8=", 8, out, 4, &n), -1);
}

static void
test_same_as_sodium(void **state)
{
	static const char chars[] = "ABCDQgw+/09z=\r\n=a- \t*";
	char		s[64];
	size_t		i, k, len;
	unsigned	seed = 2026;

	(void)state;
	for (i = 0; i < 200000; i++) {
		len = (size_t)rand_r(&seed) % 24;
		for (k = 0; k < len; k++)
			s[k] = chars[(size_t)rand_r(&seed) % (sizeof(chars) -
			    1)];
		same(s, len, (size_t)rand_r(&seed) % 24);
	}
	/* Valid encodings of random bytes, some with line breaks. */
	for (i = 0; i < 2000; i++) {
		unsigned char	bin[200];
		char		b64[300];

		len = (size_t)rand_r(&seed) % sizeof(bin);
		for (k = 0; k < len; k++)
			bin[k] = (unsigned char)rand_r(&seed);
		sodium_bin2base64(b64, sizeof(b64), bin, len,
		    sodium_base64_VARIANT_ORIGINAL);
		if (i % 3 == 0 && strlen(b64) > 10)
			memcpy(b64 + 5, "\r\n", 2);
		same(b64, strlen(b64), 300);
		same(b64, strlen(b64), len);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decodes),
		cmocka_unit_test(test_refuses),
		cmocka_unit_test(test_same_as_sodium),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
