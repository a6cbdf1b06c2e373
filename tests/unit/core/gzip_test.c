/*
 * Tests for src/core/gzip.c: which Accept-Encoding values take gzip
 * (RFC 9110 section 12.5.3: tokens are case-insensitive, q=0 means "not
 * acceptable", "*" stands for codings not named), and that a compressed
 * body inflates back to the same bytes and carries the gzip header.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "core/gzip.h"

static void
test_accepted(void **state)
{
	(void)state;
	assert_int_equal(yw_gzip_accepted("gzip"), 1);
	assert_int_equal(yw_gzip_accepted("gzip, deflate, br"), 1);
	assert_int_equal(yw_gzip_accepted("br, GZip"), 1);
	assert_int_equal(yw_gzip_accepted("deflate, gzip;q=1.0, *;q=0.5"), 1);
	assert_int_equal(yw_gzip_accepted(" gzip ; q=0.001"), 1);
	assert_int_equal(yw_gzip_accepted("x-gzip"), 1);
	assert_int_equal(yw_gzip_accepted("*"), 1);
	assert_int_equal(yw_gzip_accepted("br;q=1, *;q=0.2"), 1);
}

static void
test_refused(void **state)
{
	(void)state;
	assert_int_equal(yw_gzip_accepted(NULL), 0);
	assert_int_equal(yw_gzip_accepted(""), 0);
	assert_int_equal(yw_gzip_accepted("identity"), 0);
	assert_int_equal(yw_gzip_accepted("deflate, br"), 0);
	assert_int_equal(yw_gzip_accepted("gzip;q=0"), 0);
	assert_int_equal(yw_gzip_accepted("gzip;Q=0.000"), 0);
	assert_int_equal(yw_gzip_accepted("br, gzip;q=0, *"), 0);
	assert_int_equal(yw_gzip_accepted("*;q=0"), 0);
	assert_int_equal(yw_gzip_accepted("gzipper, gzi"), 0);
	/* Malformed weights make the element count for nothing. */
	assert_int_equal(yw_gzip_accepted("gzip;q=2"), 0);
	assert_int_equal(yw_gzip_accepted("gzip;q=1.5"), 0);
	assert_int_equal(yw_gzip_accepted("gzip;q=0.0001"), 0);
	assert_int_equal(yw_gzip_accepted("gzip;level=9"), 0);
	assert_int_equal(yw_gzip_accepted("gzip;"), 0);
	assert_int_equal(yw_gzip_accepted(",,,"), 0);
}

/* Inflates a gzip stream (windowBits 15 + 16 takes only gzip). */
static size_t
inflated(const struct yw_buf *z, unsigned char *out, size_t max)
{
	z_stream s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
	s.next_in = (unsigned char *)z->data;
	s.avail_in = (unsigned)z->len;
	s.next_out = out;
	s.avail_out = (unsigned)max;
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	assert_int_equal(s.avail_in, 0);
	inflateEnd(&s);
	return s.total_out;
}

static void
test_round_trip(void **state)
{
	static const size_t sizes[] = { 0, 1, 7, 1000, 1000, 40000, 40000,
	    117649, 200000, 200000 };
	struct yw_gzip	*gz;
	struct yw_buf	 z;
	unsigned char	*in, *out;
	size_t		 len, i, n;

	(void)state;
	len = 200000;
	in = malloc(len);
	out = malloc(len + 1);
	assert_non_null(in);
	assert_non_null(out);
	/* JSON-like text, and random bytes that do not compress. */
	for (i = 0; i < len / 2; i++)
		in[i] = (unsigned char)("{\"status\":\"open\"},"[i % 18]);
	for (; i < len; i++)
		in[i] = (unsigned char)(rand() & 0xff);
	/* One compressor reused, and none (made for the call). */
	gz = yw_gzip_new();
	assert_non_null(gz);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		n = sizes[i];
		yw_buf_init(&z);
		assert_int_equal(yw_gzip(i % 2 ? gz : NULL, in, n, &z), YW_OK);
		assert_true(z.len >= 18);
		assert_int_equal((unsigned char)z.data[0], 0x1f);
		assert_int_equal((unsigned char)z.data[1], 0x8b);
		assert_int_equal(inflated(&z, out, len + 1), n);
		assert_memory_equal(out, in, n);
		yw_buf_free(&z);
	}
	/* Appends after what the buffer holds. */
	yw_buf_init(&z);
	assert_int_equal(yw_buf_appends(&z, "ab"), YW_OK);
	assert_int_equal(yw_gzip(gz, in, 1000, &z), YW_OK);
	assert_memory_equal(z.data, "ab", 2);
	assert_int_equal((unsigned char)z.data[2], 0x1f);
	assert_true(z.len < 2 + 200);
	yw_buf_free(&z);
	yw_gzip_free(gz);
	free(in);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
