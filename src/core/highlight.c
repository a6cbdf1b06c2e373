/*
 * highlight.c - finds the query's groups in a text with the index's own
 * tokenizer and renders the text with marks. Matching works on token
 * positions, so a CJK phrase is marked only where its bigrams follow one
 * another, exactly as FTS5 and tsquery's <-> match it.
 */
#include <stdlib.h>
#include <string.h>

#include "core/highlight.h"
#include "core/tokenize.h"
#include "core/utf8.h"

#define ELLIPSIS	"\xE2\x80\xA6"	/* … */

struct yw_highlight {
	char		text[YW_TOK_QUERY_TERMS_MAX][YW_TOK_WORD_MAX];
	size_t		len[YW_TOK_QUERY_TERMS_MAX];
	uint32_t	run[YW_TOK_QUERY_TERMS_MAX];
	size_t		n;
};

/* A query term found in the text: at token position pos, bytes
 * [start, end). */
struct found {
	uint32_t	pos;
	size_t		term;
	size_t		start;
	size_t		end;
};

struct span {
	size_t	start;
	size_t	end;
};

struct finder {
	const struct yw_highlight	*h;
	struct found			*v;
	size_t				 n;
	size_t				 cap;
};

static enum yw_err
term_cb(void *ctx, const struct yw_token *t)
{
	struct yw_highlight *h = ctx;

	/* The same cut as yw_tokenize_expr makes: the terms searched. */
	if (h->n == YW_TOK_QUERY_TERMS_MAX)
		return YW_OK;
	memcpy(h->text[h->n], t->text, t->len);
	h->len[h->n] = t->len;
	h->run[h->n] = t->run;
	h->n++;
	return YW_OK;
}

enum yw_err
yw_highlight_create(const char *query, size_t len, struct yw_highlight **out)
{
	struct yw_highlight	*h;
	enum yw_err		 rc;

	*out = NULL;
	h = calloc(1, sizeof(*h));
	if (h == NULL)
		return YW_ENOMEM;
	rc = yw_tokenize(query, len, YW_TOK_QUERY, term_cb, h);
	if (rc != YW_OK) {
		free(h);
		return rc;
	}
	*out = h;
	return YW_OK;
}

void
yw_highlight_destroy(struct yw_highlight *h)
{
	free(h);
}

static enum yw_err
find_cb(void *ctx, const struct yw_token *t)
{
	struct finder	*f = ctx;
	struct found	*nv;
	size_t		 i, ncap;

	for (i = 0; i < f->h->n; i++) {
		if (f->h->len[i] != t->len ||
		    memcmp(f->h->text[i], t->text, t->len) != 0)
			continue;
		if (f->n == f->cap) {
			ncap = f->cap ? f->cap * 2 : 64;
			nv = realloc(f->v, ncap * sizeof(*nv));
			if (nv == NULL)
				return YW_ENOMEM;
			f->v = nv;
			f->cap = ncap;
		}
		f->v[f->n].pos = t->pos;
		f->v[f->n].term = i;
		f->v[f->n].start = t->start;
		f->v[f->n].end = t->end;
		f->n++;
	}
	return YW_OK;
}

/* The entry for term at pos, or NULL; tokens, so f->v, come in position
 * order. */
static const struct found *
found_at(const struct finder *f, uint32_t pos, size_t term)
{
	size_t lo = 0, hi = f->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->v[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < f->n && f->v[lo].pos == pos; lo++) {
		if (f->v[lo].term == term)
			return &f->v[lo];
	}
	return NULL;
}

static int
cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

/* The byte spans of text where a group of h matches, sorted and merged;
 * *spans is the caller's to free. */
static enum yw_err
find_spans(const struct yw_highlight *h, const char *text, size_t len,
    struct span **spans, size_t *nspans)
{
	struct finder		 f;
	const struct found	*last;
	struct span		*v = NULL;
	size_t			 i, j, k, n = 0;
	enum yw_err		 rc;

	*spans = NULL;
	*nspans = 0;
	memset(&f, 0, sizeof(f));
	f.h = h;
	rc = yw_tokenize(text, len, YW_TOK_DOCUMENT, find_cb, &f);
	if (rc != YW_OK || f.n == 0)
		goto out;
	v = malloc(f.n * sizeof(*v));
	if (v == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	for (i = 0; i < f.n; i++) {
		k = f.v[i].term;
		/* A group is tried from its first term only. */
		if (k > 0 && h->run[k - 1] == h->run[k])
			continue;
		last = &f.v[i];
		for (j = k + 1; j < h->n && h->run[j] == h->run[k] &&
		    last != NULL; j++)
			last = found_at(&f, f.v[i].pos + (uint32_t)(j - k), j);
		if (last == NULL)
			continue;
		v[n].start = f.v[i].start;
		v[n].end = last->end;
		n++;
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_span);
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && v[i].start <= v[j - 1].end) {
			if (v[i].end > v[j - 1].end)
				v[j - 1].end = v[i].end;
			continue;
		}
		v[j++] = v[i];
	}
	*spans = v;
	*nspans = j;
	v = NULL;
out:
	free(v);
	free(f.v);
	return rc;
}

/* HTML-escapes s[0..n), replacing each ill-formed subpart by U+FFFD. */
static enum yw_err
append_text(struct yw_buf *out, const char *s, size_t n)
{
	size_t		i = 0, from = 0, k;
	uint32_t	c;
	enum yw_err	rc = YW_OK;

	while (i < n && rc == YW_OK) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = yw_utf8_decode(s + i, n - i, &c);
		if (c != YW_UTF8_INVALID) {
			i += k;
			continue;
		}
		rc = yw_buf_append_html(out, s + from, i - from);
		if (rc == YW_OK)
			rc = yw_buf_appends(out, YW_UTF8_REPL);
		i += k;
		from = i;
	}
	if (rc == YW_OK)
		rc = yw_buf_append_html(out, s + from, n - from);
	return rc;
}

/* Appends text[from, to) with <mark> around the parts of spans in it. */
static enum yw_err
render(struct yw_buf *out, const char *text, size_t from, size_t to,
    const struct span *spans, size_t nspans)
{
	size_t		i, a, b, at = from;
	enum yw_err	rc = YW_OK;

	for (i = 0; i < nspans && rc == YW_OK; i++) {
		if (spans[i].end <= from)
			continue;
		if (spans[i].start >= to)
			break;
		a = spans[i].start > from ? spans[i].start : from;
		b = spans[i].end < to ? spans[i].end : to;
		rc = append_text(out, text + at, a - at);
		if (rc == YW_OK)
			rc = yw_buf_appends(out, "<mark>");
		if (rc == YW_OK)
			rc = append_text(out, text + a, b - a);
		if (rc == YW_OK)
			rc = yw_buf_appends(out, "</mark>");
		at = b;
	}
	if (rc == YW_OK)
		rc = append_text(out, text + at, to - at);
	return rc;
}

enum yw_err
yw_highlight_html(const struct yw_highlight *h, const char *text,
    size_t len, struct yw_buf *out)
{
	struct span	*spans;
	size_t		 n;
	enum yw_err	 rc;

	rc = find_spans(h, text, len, &spans, &n);
	if (rc == YW_OK)
		rc = render(out, text, 0, len, spans, n);
	if (rc == YW_OK)
		rc = yw_buf_appends(out, "");	/* data set even when empty */
	free(spans);
	return rc;
}

/* i moved back n characters. In ill-formed text it may stop inside a
 * sequence; rendering then shows that remnant as U+FFFD. */
static size_t
back_chars(const char *s, size_t i, size_t n)
{
	for (; n > 0 && i > 0; n--) {
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
	}
	return i;
}

static size_t
fwd_chars(const char *s, size_t len, size_t i, size_t n)
{
	uint32_t c;

	for (; n > 0 && i < len; n--)
		i += yw_utf8_decode(s + i, len - i, &c);
	return i;
}

enum yw_err
yw_highlight_snippet(const struct yw_highlight *h, const char *text,
    size_t len, size_t chars, struct yw_buf *out)
{
	struct span	*spans;
	size_t		 n, from = 0, to, i, alt;
	enum yw_err	 rc;

	rc = find_spans(h, text, len, &spans, &n);
	if (rc != YW_OK)
		goto out;
	/* A fifth of the window before the match gives it context. */
	if (n > 0)
		from = back_chars(text, spans[0].start, chars / 5);
	to = fwd_chars(text, len, from, chars);
	if (to == len && from > 0) {
		alt = back_chars(text, len, chars);
		if (alt < from)
			from = alt;
	}
	for (i = 0; i < n; i++) {
		if (spans[i].start < to && spans[i].end > to)
			to = spans[i].end;
	}
	if (from > 0)
		rc = yw_buf_appends(out, ELLIPSIS);
	if (rc == YW_OK)
		rc = render(out, text, from, to, spans, n);
	if (rc == YW_OK && to < len)
		rc = yw_buf_appends(out, ELLIPSIS);
	if (rc == YW_OK)
		rc = yw_buf_appends(out, "");
out:
	free(spans);
	return rc;
}
