/*
 * libFuzzer target for src/core/highlight.c: a query and a text from
 * arbitrary bytes (the first byte says how long the query is). The output
 * must be valid UTF-8 whose only markup is balanced, unnested <mark> tags
 * and the five entities, and, with the markup taken away, it must be the
 * text itself (ill-formed parts as U+FFFD); a snippet must be a piece of
 * it between optional ellipses.
 * Run: make fuzz-build && build/fuzz/highlight_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/highlight.h"
#include "core/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
	const char	*entity;
	char		 c;
} entities[] = {
	{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
	{ "&quot;", '"' }, { "&#39;", '\'' },
};

/* Strips the markup of out into plain, checking it as it goes. */
static void
unmark(const struct yw_buf *out, struct yw_buf *plain)
{
	const char	*s = out->data;
	size_t		 i = 0, k, n = out->len;
	int		 open = 0, ok;

	while (i < n) {
		if (s[i] == '<') {
			if (!open && n - i >= 6 && memcmp(s + i, "<mark>", 6)
			    == 0) {
				open = 1;
				i += 6;
			} else if (open && n - i >= 7 &&
			    memcmp(s + i, "</mark>", 7) == 0) {
				open = 0;
				i += 7;
			} else {
				abort();
			}
			continue;
		}
		if (s[i] == '>' || s[i] == '"' || s[i] == '\'')
			abort();
		if (s[i] == '&') {
			ok = 0;
			for (k = 0; k < sizeof(entities) / sizeof(entities[0]);
			    k++) {
				size_t m = strlen(entities[k].entity);

				if (n - i >= m &&
				    memcmp(s + i, entities[k].entity, m) == 0) {
					(void)yw_buf_appendc(plain,
					    entities[k].c);
					i += m;
					ok = 1;
					break;
				}
			}
			if (!ok)
				abort();
			continue;
		}
		(void)yw_buf_appendc(plain, s[i++]);
	}
	if (open)
		abort();
	(void)yw_buf_appends(plain, "");
}

/* text with each ill-formed subpart replaced by U+FFFD. */
static void
repair(const char *t, size_t n, struct yw_buf *out)
{
	size_t		i, k;
	uint32_t	c;

	for (i = 0; i < n; i += k) {
		k = yw_utf8_decode(t + i, n - i, &c);
		if (c == YW_UTF8_INVALID)
			(void)yw_buf_appends(out, YW_UTF8_REPL);
		else
			(void)yw_buf_append(out, t + i, k);
	}
	(void)yw_buf_appends(out, "");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yw_highlight	*h;
	struct yw_buf		 out, plain, fixed;
	const char		*q, *t, *p;
	size_t			 qn, tn, pn;

	if (size == 0)
		return 0;
	qn = data[0] % 32;
	if (qn > size - 1)
		qn = size - 1;
	q = (const char *)data + 1;
	t = q + qn;
	tn = size - 1 - qn;
	yw_buf_init(&out);
	yw_buf_init(&plain);
	yw_buf_init(&fixed);
	if (yw_highlight_create(q, qn, &h) != YW_OK)
		abort();
	repair(t, tn, &fixed);

	if (yw_highlight_html(h, t, tn, &out) != YW_OK ||
	    !yw_utf8_valid(out.data, out.len))
		abort();
	unmark(&out, &plain);
	if (plain.len != fixed.len || memcmp(plain.data, fixed.data,
	    plain.len) != 0)
		abort();

	yw_buf_reset(&out);
	yw_buf_reset(&plain);
	if (yw_highlight_snippet(h, t, tn, 1 + data[0] % 50, &out) != YW_OK ||
	    !yw_utf8_valid(out.data, out.len))
		abort();
	unmark(&out, &plain);
	p = plain.data;
	pn = plain.len;
	if (pn >= 3 && memcmp(p, "\xE2\x80\xA6", 3) == 0 &&
	    memmem(fixed.data, fixed.len, p, pn) == NULL) {
		p += 3;
		pn -= 3;
	}
	if (pn >= 3 && memcmp(p + pn - 3, "\xE2\x80\xA6", 3) == 0 &&
	    memmem(fixed.data, fixed.len, p, pn) == NULL)
		pn -= 3;
	if (pn > 0 && memmem(fixed.data, fixed.len, p, pn) == NULL)
		abort();

	yw_highlight_destroy(h);
	yw_buf_free(&out);
	yw_buf_free(&plain);
	yw_buf_free(&fixed);
	return 0;
}
