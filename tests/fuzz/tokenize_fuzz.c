/*
 * libFuzzer target for src/core/tokenize.c: arbitrary bytes must never
 * crash, and the promises the index relies on must hold: offsets inside
 * the input and in order, positions that never go back, token text that
 * is valid UTF-8, and query terms that tokenize to themselves (FTS5
 * tokenizes each quoted term of the expression again). The FTS5
 * expression keeps its quotes balanced, so no input escapes them.
 * Run: make fuzz-build && build/fuzz/tokenize_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/tokenize.h"
#include "core/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct state {
	size_t		 size;
	const char	*input;
	enum yw_tok_mode mode;
	uint32_t	 pos;
	size_t		 start;
	size_t		 count;
};

struct one {
	const struct yw_token	*want;
	size_t			 n;
};

static enum yw_err
same_cb(void *ctx, const struct yw_token *t)
{
	struct one *o = ctx;

	if (o->n++ > 0 || t->len != o->want->len ||
	    memcmp(t->text, o->want->text, t->len) != 0)
		abort();
	return YW_OK;
}

static enum yw_err
check_cb(void *ctx, const struct yw_token *t)
{
	struct state	*s = ctx;
	struct one	 o;

	if (t->len == 0 || t->start >= t->end || t->end > s->size)
		abort();
	if (t->pos < s->pos || t->start < s->start)
		abort();
	if (!yw_utf8_valid(t->text, t->len))
		abort();
	if (t->cjk && (t->len != t->end - t->start ||
	    memcmp(t->text, s->input + t->start, t->len) != 0))
		abort();
	if (!t->cjk && t->len > YW_TOK_WORD_MAX)
		abort();
	if (t->cjk && t->len > 8)
		abort();
	if (s->mode == YW_TOK_QUERY) {
		o.want = t;
		o.n = 0;
		if (yw_tokenize(t->text, t->len, YW_TOK_QUERY, same_cb, &o) !=
		    YW_OK || o.n != 1)
			abort();
	}
	s->pos = t->pos;
	s->start = t->start;
	s->count++;
	return YW_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*in = (const char *)data;
	struct state	 s;
	struct yw_buf	 b;
	size_t		 i, quotes = 0;

	memset(&s, 0, sizeof(s));
	s.size = size;
	s.input = in;
	s.mode = YW_TOK_DOCUMENT;
	if (yw_tokenize(in, size, YW_TOK_DOCUMENT, check_cb, &s) != YW_OK)
		abort();
	memset(&s, 0, sizeof(s));
	s.size = size;
	s.input = in;
	s.mode = YW_TOK_QUERY;
	if (yw_tokenize(in, size, YW_TOK_QUERY, check_cb, &s) != YW_OK)
		abort();

	yw_buf_init(&b);
	if (yw_tokenize_fts_query(in, size, &b) != YW_OK)
		abort();
	if (b.len > 0 && (b.data[0] != '"' || b.data[b.len - 1] != '"'))
		abort();
	for (i = 0; i < b.len; i++)
		quotes += b.data[i] == '"';
	if (quotes % 2 != 0 || quotes / 2 > YW_TOK_QUERY_TERMS_MAX ||
	    (quotes == 0) != (s.count == 0))
		abort();
	if (b.len > 0 && !yw_utf8_valid(b.data, b.len))
		abort();
	yw_buf_free(&b);
	return 0;
}
