/*
 * Tests for src/app/notify/send_webhook.c: the signature receivers check
 * (HMAC-SHA256 against RFC 4231's published vectors, long keys included)
 * and the sender's settings. Delivery itself is tested against a real
 * HTTP server in tests/http/notify.test.mjs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "app/notify/send_webhook.h"

static void
test_signature_matches_rfc4231(void **state)
{
	char		sig[YW_WEBHOOK_SIG_SIZE];
	char		key[132];
	const char	*data = "Test Using Larger Than Block-Size Key - Hash "
	    "Key First";

	(void)state;
	/* RFC 4231 test case 2. */
	yw_send_webhook_sign("Jefe", "what do ya want for nothing?", 28, sig);
	assert_string_equal(sig, "sha256=5bdcc146bf60754e6a042426089575c7"
	    "5a003f089d2739839dec58b964ec3843");
	/* Test case 6: a key longer than the block is hashed first. */
	memset(key, 0xaa, 131);
	key[131] = '\0';
	yw_send_webhook_sign(key, data, strlen(data), sig);
	assert_string_equal(sig, "sha256=60e431591ee0b67f0d8a26aacbf5b77f"
	    "8e0bc6213728c5140546040f0ee37f54");
}

static void
test_create_needs_a_secret(void **state)
{
	struct yw_webhook_conf	c = { .secret = "" };
	struct yw_sender	s;

	(void)state;
	assert_int_equal(yw_send_webhook_create(&c, &s), YW_EINVAL);
	c.secret = NULL;
	assert_int_equal(yw_send_webhook_create(&c, &s), YW_EINVAL);
	c.secret = "s3cret";
	assert_int_equal(yw_send_webhook_create(&c, &s), YW_OK);
	assert_string_equal(s.channel, "webhook");
	yw_send_webhook_destroy(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signature_matches_rfc4231),
		cmocka_unit_test(test_create_needs_a_secret),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
