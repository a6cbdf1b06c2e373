/*
 * libFuzzer target for src/core/csv.c: arbitrary bytes must never crash or
 * leak, and an accepted text must give records of equal width whose
 * fields are valid UTF-8, with increasing start lines.
 * Run: make fuzz-build && build/fuzz/csv_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/csv.h"
#include "core/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yw_csv_error	 err;
	json_t			*recs, *lines, *r, *f;
	size_t			 i, j, width;
	json_int_t		 prev = 0;

	if (yw_csv_parse((const char *)data, size, 1000, &recs, &lines,
	    &err) != YW_OK) {
		if (err.code == NULL || err.line < 1)
			abort();
		return 0;
	}
	width = json_array_size(json_array_get(recs, 0));
	if (json_array_size(recs) != json_array_size(lines) || width == 0)
		abort();
	json_array_foreach(recs, i, r) {
		if (json_array_size(r) != width)
			abort();
		if (json_integer_value(json_array_get(lines, i)) <= prev)
			abort();
		prev = json_integer_value(json_array_get(lines, i));
		json_array_foreach(r, j, f)
			if (!yw_utf8_valid(json_string_value(f),
			    json_string_length(f)))
				abort();
	}
	json_decref(recs);
	json_decref(lines);
	return 0;
}
