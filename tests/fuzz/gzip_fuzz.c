/*
 * libFuzzer target for src/core/gzip.c. The bytes, as an Accept-Encoding
 * value, give 0 or 1, and naming other codings around it changes nothing
 * (only gzip, x-gzip and "*" count). The same bytes, compressed by one
 * reused compressor, inflate back to themselves.
 * Run: make fuzz-build && build/fuzz/gzip_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "core/buf.h"
#include "core/gzip.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct yw_gzip *gz;

static void
check_header(const uint8_t *data, size_t size)
{
	char	*h, *wrapped;
	int	 a;

	if ((h = malloc(size + 1)) == NULL ||
	    (wrapped = malloc(size + 32)) == NULL)
		abort();
	memcpy(h, data, size);
	h[size] = '\0';
	a = yw_gzip_accepted(h);
	if (a != 0 && a != 1)
		abort();
	/* A comma ends an element: others named before and after it do not
	 * change the answer (unless the input ends inside an element that
	 * the suffix would complete, hence the leading comma). */
	memcpy(wrapped, "identity, br;q=0.5,", 19);
	memcpy(wrapped + 19, h, strlen(h));
	memcpy(wrapped + 19 + strlen(h), ", deflate", 10);
	if (yw_gzip_accepted(wrapped) != a)
		abort();
	free(wrapped);
	free(h);
}

static void
check_round_trip(const uint8_t *data, size_t size)
{
	struct yw_buf	 out;
	z_stream	 s;
	unsigned char	*back;

	yw_buf_init(&out);
	if (yw_gzip(gz, data, size, &out) != YW_OK)
		abort();
	if ((back = malloc(size + 1)) == NULL)
		abort();
	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, 15 + 16) != Z_OK)
		abort();
	s.next_in = (unsigned char *)out.data;
	s.avail_in = (unsigned)out.len;
	s.next_out = back;
	s.avail_out = (unsigned)size + 1;
	if (inflate(&s, Z_FINISH) != Z_STREAM_END || s.total_out != size ||
	    s.avail_in != 0 || (size > 0 && memcmp(back, data, size) != 0))
		abort();
	inflateEnd(&s);
	free(back);
	yw_buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (gz == NULL && (gz = yw_gzip_new()) == NULL)
		abort();
	if (memchr(data, '\0', size) == NULL)
		check_header(data, size);
	check_round_trip(data, size);
	return 0;
}
