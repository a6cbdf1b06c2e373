/*
 * Tests for src/core/netaddr.c: who a request is counted as, directly and
 * behind trusted proxies, and that a client cannot pick that address by
 * sending its own X-Forwarded-For.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/netaddr.h"

static const char *
client(const char *peer, const char *xff, const char *trusted)
{
	static char	out[YW_NETADDR_MAX];

	yw_netaddr_client(peer, xff, trusted, out, sizeof(out));
	return out;
}

static void
test_direct(void **state)
{
	(void)state;
	assert_string_equal(client("203.0.113.7", NULL, NULL), "203.0.113.7");
	/* No proxy is trusted: the header is the client's word, ignored. */
	assert_string_equal(client("203.0.113.7", "198.51.100.1", NULL),
	    "203.0.113.7");
	assert_string_equal(client("203.0.113.7", "198.51.100.1",
	    "127.0.0.1"), "203.0.113.7");
	assert_string_equal(client("0:0::1", NULL, ""), "::1");
	assert_string_equal(client("not an address", NULL, NULL), "");
	assert_string_equal(client(NULL, NULL, NULL), "");
}

static void
test_behind_proxy(void **state)
{
	(void)state;
	assert_string_equal(client("127.0.0.1", "198.51.100.1", "127.0.0.1"),
	    "198.51.100.1");
	/* The client sent a forged first hop; nginx appended the real one. */
	assert_string_equal(client("127.0.0.1", "10.9.9.9, 198.51.100.1",
	    "127.0.0.1"), "198.51.100.1");
	/* Two proxies in a row, both trusted, compared by value. */
	assert_string_equal(client("::1", "2001:db8::5 , 192.0.2.10",
	    "0:0:0:0:0:0:0:1, 192.0.2.10"), "2001:db8::5");
	assert_string_equal(client("127.0.0.1", "2001:DB8:0::5",
	    "127.0.0.1"), "2001:db8::5");
	/* No header, or nothing but trusted hops: the proxy itself. */
	assert_string_equal(client("127.0.0.1", NULL, "127.0.0.1"),
	    "127.0.0.1");
	assert_string_equal(client("127.0.0.1", "", "127.0.0.1"), "127.0.0.1");
	assert_string_equal(client("127.0.0.1", "127.0.0.1", "127.0.0.1"),
	    "127.0.0.1");
}

static void
test_malformed(void **state)
{
	(void)state;
	/* A malformed rightmost hop is not believed, nor anything left of it. */
	assert_string_equal(client("127.0.0.1", "198.51.100.1, evil",
	    "127.0.0.1"), "127.0.0.1");
	assert_string_equal(client("127.0.0.1", "198.51.100.1,",
	    "127.0.0.1"), "127.0.0.1");
	assert_string_equal(client("127.0.0.1",
	    "198.51.100.1:8080", "127.0.0.1"), "127.0.0.1");
	assert_string_equal(client("127.0.0.1",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "127.0.0.1"), "127.0.0.1");
	/* A malformed entry in the trusted list trusts nothing extra. */
	assert_string_equal(client("127.0.0.1", "198.51.100.1", "localhost"),
	    "127.0.0.1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_direct),
		cmocka_unit_test(test_behind_proxy),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
