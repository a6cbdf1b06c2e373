/*
 * libFuzzer target for the push scanner (src/app/data/exchange_parse.c):
 * whatever body it takes, the jansson path (json_loadb, then
 * yw_schema_encode of each record) must accept and store byte for byte
 * the same; what it does not take is left whole to that path. The first
 * byte picks the key item and whether the rest is the whole body or the
 * inside of its records array.
 * Run: make fuzz-build && build/fuzz/exchange_parse_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/app/exchange_parse_ref.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const keys[] = { "cert_no", "n", "ok", "" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t		*it;
	struct yw_schema_plan	 plan;
	char			*body;
	size_t			 len;
	int			 taken;

	if (size == 0)
		return 0;
	if (it == NULL)
		it = ref_items(5);
	if (it == NULL)
		abort();
	if (yw_schema_plan_make(it, keys[data[0] & 3], &plan) != YW_OK)
		abort();
	body = malloc(size + 16);
	if (body == NULL)
		abort();
	if (data[0] & 4) {
		memcpy(body, "{\"records\":[", 12);
		memcpy(body + 12, data + 1, size - 1);
		memcpy(body + 11 + size, "]}", 2);
		len = size + 13;
	} else {
		memcpy(body, data + 1, size - 1);
		len = size - 1;
	}
	if (!parse_agrees(&plan, body, len, 1 + (data[0] >> 4), &taken))
		abort();
	free(body);
	return 0;
}
