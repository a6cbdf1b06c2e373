/*
 * libFuzzer target for src/core/xml.c and the W3C date reader of
 * src/core/timeutil.c (both face what Open311 clients send). Escaped text
 * must be valid UTF-8 holding no markup character and no character XML
 * 1.0 forbids; a date that parses must format again.
 * Run: make fuzz-build && build/fuzz/xml_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/xml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yw_buf	 out;
	char		 when[32];
	int64_t		 t;
	size_t		 i;

	yw_buf_init(&out);
	if (yw_xml_text(&out, (const char *)data, size) != YW_OK)
		abort();
	if (out.len > 0 && !yw_utf8_valid(out.data, out.len))
		abort();
	for (i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.data[i];

		if (c == '<' || c == '>' || c == '"' || c == '\'' ||
		    (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			abort();
		if (c == '&' && strncmp(out.data + i, "&amp;", 5) != 0 &&
		    strncmp(out.data + i, "&lt;", 4) != 0 &&
		    strncmp(out.data + i, "&gt;", 4) != 0 &&
		    strncmp(out.data + i, "&quot;", 6) != 0 &&
		    strncmp(out.data + i, "&#39;", 5) != 0)
			abort();
	}
	yw_buf_free(&out);
	if (yw_time_parse_w3c((const char *)data, size, &t) &&
	    yw_time_fmt_w3c_local(t, when, sizeof(when)) != YW_OK)
		abort();
	return 0;
}
