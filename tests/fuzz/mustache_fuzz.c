/*
 * mustache_fuzz.c - libFuzzer target for core/mustache.
 * The input up to its first NUL byte is template "t", the rest template
 * "p"; both may name each other, so partials, parents and recursion get
 * exercised. Whatever parses is rendered against a small fixed context.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/mustache.h"

static const char ctx_text[] =
    "{\"a\":true,\"b\":false,\"n\":null,\"i\":42,\"r\":1.21,\"z\":0,"
    "\"s\":\"<&'\\\">\",\"e\":\"\",\"t\":\"t\",\"p\":\"p\","
    "\"l\":[1,\"x\",{\"a\":{\"b\":\"c\"}},[2,3],[]],\"o\":{\"a\":{\"b\":"
    "{\"c\":\"deep\"}},\"t\":\"p\"},\"empty\":[]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t		*ctx;
	struct yw_tpl_set	*set = NULL;
	struct yw_tpl_error	 err;
	struct yw_buf		 out;
	const char		*src = (const char *)data, *nul;
	size_t			 tlen;

	/* Parsed once: the context is read-only input, not under test. */
	if (ctx == NULL) {
		ctx = json_loads(ctx_text, 0, NULL);
		if (ctx == NULL)
			abort();
	}
	if (yw_tpl_set_create(&set) != YW_OK)
		return 0;
	/* Small caps keep exponential templates fast to reject. */
	yw_tpl_set_limits(set, 1 << 16, 20000);
	nul = size > 0 ? memchr(src, '\0', size) : NULL;
	tlen = nul != NULL ? (size_t)(nul - src) : size;
	(void)yw_tpl_set_add(set, "t", src, tlen, &err);
	if (nul != NULL)
		(void)yw_tpl_set_add(set, "p", nul + 1, size - tlen - 1, &err);
	yw_buf_init(&out);
	if (yw_tpl_set_has(set, "t"))
		(void)yw_tpl_render(set, "t", ctx, &out);
	if (yw_tpl_set_has(set, "p"))
		(void)yw_tpl_render(set, "p", ctx, &out);
	yw_buf_free(&out);
	yw_tpl_set_destroy(set);
	return 0;
}
