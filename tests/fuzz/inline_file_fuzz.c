/*
 * libFuzzer target for the path of a file sent inline in a JSON body:
 * src/core/jsonlift.c must give json_loadb's tree once its placeholders
 * are replaced by their spans (and fail exactly when json_loadb fails),
 * and src/core/base64.c must agree with libsodium on ASCII input.
 * Run: make fuzz-build && build/fuzz/inline_file_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/base64.h"
#include "core/jsonlift.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
lift(const char *text, size_t len)
{
	struct yw_jlift	 l[4];
	json_t		*a, *b, *r;
	size_t		 n;

	a = yw_jlift_load(text, len, "content_base64", l, 4, &n);
	b = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if ((a == NULL) != (b == NULL))
		abort();
	if (a != NULL) {
		r = yw_jlift_resolve(a, l, n);
		if (!json_equal(r, b))
			abort();
		json_decref(r);
	}
	json_decref(a);
	json_decref(b);
}

static void
decode(const char *s, size_t len)
{
	unsigned char	*x, *y;
	const char	*end;
	size_t		 i, nx, ny, max;
	int		 rx, ry;

	/* libsodium misreads bytes above 0x7f as digits and skips NUL
	 * (strchr finds it in every ignore list); neither can reach the
	 * decoder from a JSON string. */
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] > 0x7f || s[i] == '\0')
			return;
	max = YW_BASE64_MAX(len);
	x = malloc(max);
	y = malloc(max);
	if (x == NULL || y == NULL)
		abort();
	rx = sodium_base642bin(x, max, s, len, "\r\n", &nx, &end,
	    sodium_base64_VARIANT_ORIGINAL) == 0 && end == s + len ? 0 : -1;
	ry = yw_base64_decode(s, len, y, max, &ny);
	if (rx != ry || (rx == 0 && (nx != ny || memcmp(x, y, nx) != 0)))
		abort();
	free(x);
	free(y);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lift((const char *)data, size);
	decode((const char *)data, size);
	return 0;
}
