/*
 * libFuzzer target for src/core/redact.c: a name and a text from
 * arbitrary bytes (the first byte says how long the name is). The output
 * must be valid UTF-8 and hold no run of 7 digits (ASCII or full-width),
 * since every such run is a number that gets masked.
 * Run: make fuzz-build && build/fuzz/redact_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/redact.h"
#include "core/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yw_buf	 out;
	char		 name[64];
	const char	*names[1];
	size_t		 nl, i, k, run;
	uint32_t	 c;

	if (size == 0)
		return 0;
	nl = data[0] % sizeof(name);
	if (nl > size - 1)
		nl = size - 1;
	memcpy(name, data + 1, nl);
	name[nl] = '\0';
	names[0] = name;
	yw_buf_init(&out);
	if (yw_redact((const char *)data + 1 + nl, size - 1 - nl, names,
	    strlen(name) == nl ? 1 : 0, &out) != YW_OK)
		abort();
	if (!yw_utf8_valid(out.data, out.len))
		abort();
	for (i = 0, run = 0; i < out.len; i += k) {
		k = yw_utf8_decode(out.data + i, out.len - i, &c);
		run = (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) ?
		    run + 1 : 0;
		if (run >= 7)
			abort();
	}
	yw_buf_free(&out);
	return 0;
}
