/*
 * tokenize.c - the search tokenizer: classifies code points into CJK,
 * word and separator with two small range tables (no ICU in core), folds
 * case for the scripts most text on the platform uses, and cuts CJK runs
 * into bigrams and unigrams.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/tokenize.h"
#include "core/utf8.h"

enum cls {
	CLS_SEP,
	CLS_WORD,
	CLS_CJK
};

struct range {
	uint32_t	lo;
	uint32_t	hi;
};

/* Scripts written without spaces between words, where bigrams stand in
 * for a dictionary: Han (with 々〆〇 and the Hangzhou numerals), kana
 * with their sound marks and the prolonged sound mark, Bopomofo and
 * Hangul. */
static const struct range cjk[] = {
	{ 0x1100, 0x11FF },	/* Hangul Jamo */
	{ 0x2E80, 0x2FDF },	/* CJK and Kangxi radicals */
	{ 0x3005, 0x3007 },
	{ 0x3021, 0x3029 },
	{ 0x3031, 0x3035 },
	{ 0x3038, 0x303C },
	{ 0x3041, 0x3096 },	/* Hiragana */
	{ 0x3099, 0x309F },
	{ 0x30A1, 0x30FA },	/* Katakana, without the middle dot */
	{ 0x30FC, 0x30FF },
	{ 0x3105, 0x312F },	/* Bopomofo */
	{ 0x3131, 0x318E },	/* Hangul compatibility Jamo */
	{ 0x31A0, 0x31BF },
	{ 0x31F0, 0x31FF },
	{ 0x3400, 0x4DBF },	/* Extension A */
	{ 0x4E00, 0x9FFF },	/* Unified Ideographs */
	{ 0xA960, 0xA97F },
	{ 0xAC00, 0xD7A3 },	/* Hangul syllables */
	{ 0xD7B0, 0xD7FF },
	{ 0xF900, 0xFAFF },	/* compatibility ideographs */
	{ 0xFF66, 0xFF9F },	/* halfwidth Katakana */
	{ 0xFFA0, 0xFFDC },	/* halfwidth Hangul */
	{ 0x1B000, 0x1B16F },	/* Kana supplement and extensions */
	{ 0x20000, 0x323AF },	/* Extensions B to H */
};

/* Above ASCII, what is neither a letter nor a digit: punctuation,
 * spaces, symbols, emoji, format and private-use characters. Checked
 * after the CJK table, which wins where they overlap (U+3000 block).
 * Anything in neither table is part of a word. */
static const struct range sep[] = {
	{ 0x0080, 0x00A9 },
	{ 0x00AB, 0x00B4 },
	{ 0x00B6, 0x00B9 },
	{ 0x00BB, 0x00BF },
	{ 0x00D7, 0x00D7 },
	{ 0x00F7, 0x00F7 },
	{ 0x037E, 0x037E },
	{ 0x0387, 0x0387 },
	{ 0x055A, 0x055F },
	{ 0x0589, 0x058A },
	{ 0x060C, 0x060D },
	{ 0x061B, 0x061F },
	{ 0x066A, 0x066D },
	{ 0x06D4, 0x06D4 },
	{ 0x0964, 0x0965 },
	{ 0x0970, 0x0970 },
	{ 0x0E3F, 0x0E3F },
	{ 0x0E4F, 0x0E4F },
	{ 0x0E5A, 0x0E5B },
	{ 0x10FB, 0x10FB },
	{ 0x1680, 0x1680 },
	{ 0x180E, 0x180E },
	{ 0x2000, 0x2BFF },	/* punctuation, symbols, arrows, shapes */
	{ 0x2E00, 0x2E7F },
	{ 0x2FF0, 0x2FFF },
	{ 0x3000, 0x303F },	/* CJK punctuation and spaces */
	{ 0x30A0, 0x30A0 },
	{ 0x30FB, 0x30FB },
	{ 0x3190, 0x319F },
	{ 0x31C0, 0x31EF },
	{ 0x3200, 0x33FF },	/* enclosed and compatibility signs */
	{ 0x4DC0, 0x4DFF },
	{ 0xD800, 0xDFFF },
	{ 0xE000, 0xF8FF },	/* private use */
	{ 0xFD3E, 0xFD3F },
	{ 0xFE00, 0xFE6F },	/* selectors, vertical and small forms */
	{ 0xFEFF, 0xFEFF },
	{ 0xFF00, 0xFF0F },	/* fullwidth punctuation */
	{ 0xFF1A, 0xFF20 },
	{ 0xFF3B, 0xFF40 },
	{ 0xFF5B, 0xFF65 },
	{ 0xFFE0, 0xFFFF },
	{ 0x1F000, 0x1FBFF },	/* emoji and pictographs */
	{ 0xE0000, 0xE0FFF },	/* tags, selectors */
	{ 0xF0000, 0x10FFFF },	/* private use */
};

const struct yw_tok_syntax yw_tok_fts5 = {
	.quote = '"',
	.escape_backslash = 0,
	.join_phrase = " + ",
	.join_group = " AND ",
};

static int
in_ranges(const struct range *r, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static enum cls
classify(uint32_t c)
{
	if (c < 0x80) {
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			return CLS_WORD;
		return CLS_SEP;
	}
	if (c == YW_UTF8_INVALID)
		return CLS_SEP;
	if (in_ranges(cjk, sizeof(cjk) / sizeof(cjk[0]), c))
		return CLS_CJK;
	if (in_ranges(sep, sizeof(sep) / sizeof(sep[0]), c))
		return CLS_SEP;
	return CLS_WORD;
}

/* Simple (one to one) lower-casing of word characters; others as is. */
static uint32_t
fold(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c >= 0x100 && c <= 0x17F) {
		if (c == 0x130)
			return 'i';
		if (c == 0x178)
			return 0xFF;
		/* Latin Extended-A pairs upper/lower, mostly even/odd. */
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
			return (c & 1) ? c + 1 : c;
		if (c <= 0x137 || (c >= 0x14A && c <= 0x177))
			return (c & 1) ? c : c + 1;
		return c;
	}
	if (c >= 0x386 && c <= 0x3A9) {
		if (c == 0x386)
			return 0x3AC;
		if (c >= 0x388 && c <= 0x38A)
			return c + 37;
		if (c == 0x38C)
			return 0x3CC;
		if (c == 0x38E || c == 0x38F)
			return c + 63;
		if (c >= 0x391 && c != 0x3A2)
			return c + 32;
		return c;
	}
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0xFF10 && c <= 0xFF19)
		return c - 0xFF10 + '0';
	if (c >= 0xFF21 && c <= 0xFF3A)
		return c - 0xFF21 + 'a';
	if (c >= 0xFF41 && c <= 0xFF5A)
		return c - 0xFF41 + 'a';
	return c;
}

/* UTF-8 of c (a scalar value) into out; returns its length (1..4). */
static size_t
encode(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

struct walk {
	const char		*text;
	enum yw_tok_mode	 mode;
	yw_tok_cb		 cb;
	void			*ctx;
	uint32_t		 pos;
	uint32_t		 nruns;
	/* The word being read. */
	int			 inword;
	int			 wfull;
	char			 w[YW_TOK_WORD_MAX];
	size_t			 wlen;
	size_t			 wstart;
	size_t			 wend;
	/* The CJK run being read: its length and last character. */
	size_t			 rlen;
	uint32_t		 rnum;
	size_t			 pstart;
	size_t			 pend;
};

static enum yw_err
emit(struct walk *k, const char *s, size_t n, size_t start, size_t end,
    uint32_t pos, uint32_t run, int is_cjk)
{
	struct yw_token t;

	t.text = s;
	t.len = n;
	t.start = start;
	t.end = end;
	t.pos = pos;
	t.run = run;
	t.cjk = is_cjk;
	return k->cb(k->ctx, &t);
}

static enum yw_err
word_end(struct walk *k)
{
	if (!k->inword)
		return YW_OK;
	k->inword = 0;
	return emit(k, k->w, k->wlen, k->wstart, k->wend, k->pos++,
	    k->nruns++, 0);
}

static void
word_add(struct walk *k, uint32_t c, size_t start, size_t end)
{
	char	b[4];
	size_t	n;

	if (!k->inword) {
		k->inword = 1;
		k->wfull = 0;
		k->wlen = 0;
		k->wstart = start;
	}
	k->wend = end;
	if (k->wfull)
		return;
	n = encode(fold(c), b);
	/* Cut at a character, and never resume: the kept prefix is what a
	 * query for the same word keeps too. */
	if (k->wlen + n > sizeof(k->w)) {
		k->wfull = 1;
		return;
	}
	memcpy(k->w + k->wlen, b, n);
	k->wlen += n;
}

static enum yw_err
run_end(struct walk *k)
{
	enum yw_err rc = YW_OK;

	if (k->rlen == 0)
		return YW_OK;
	/* A query of one character looks for its unigram. */
	if (k->mode == YW_TOK_QUERY && k->rlen == 1)
		rc = emit(k, k->text + k->pstart, k->pend - k->pstart,
		    k->pstart, k->pend, k->pos++, k->rnum, 1);
	k->rlen = 0;
	return rc;
}

/* CJK characters are not normalised, so a bigram is the input bytes of
 * two neighbours, which are adjacent. */
static enum yw_err
run_add(struct walk *k, size_t start, size_t end)
{
	enum yw_err rc = YW_OK;

	if (k->rlen == 0)
		k->rnum = k->nruns++;
	if (k->mode == YW_TOK_DOCUMENT) {
		/* The bigram belongs to the previous character's position,
		 * whose unigram went out when it was read. */
		if (k->rlen > 0)
			rc = emit(k, k->text + k->pstart, end - k->pstart,
			    k->pstart, end, k->pos - 1, k->rnum, 1);
		if (rc == YW_OK)
			rc = emit(k, k->text + start, end - start, start, end,
			    k->pos++, k->rnum, 1);
	} else if (k->rlen > 0) {
		rc = emit(k, k->text + k->pstart, end - k->pstart, k->pstart,
		    end, k->pos++, k->rnum, 1);
	}
	k->rlen++;
	k->pstart = start;
	k->pend = end;
	return rc;
}

enum yw_err
yw_tokenize(const char *text, size_t len, enum yw_tok_mode mode,
    yw_tok_cb cb, void *ctx)
{
	struct walk	 k;
	uint32_t	 c;
	size_t		 i, n;
	enum cls	 cl;
	enum yw_err	 rc = YW_OK;

	memset(&k, 0, sizeof(k));
	k.text = text;
	k.mode = mode;
	k.cb = cb;
	k.ctx = ctx;
	for (i = 0; i < len && rc == YW_OK; i += n) {
		if ((unsigned char)text[i] < 0x80) {
			c = (unsigned char)text[i];
			n = 1;
		} else {
			n = yw_utf8_decode(text + i, len - i, &c);
		}
		cl = classify(c);
		if (cl != CLS_WORD)
			rc = word_end(&k);
		if (rc == YW_OK && cl != CLS_CJK)
			rc = run_end(&k);
		if (rc != YW_OK)
			break;
		if (cl == CLS_WORD)
			word_add(&k, c, i, i + n);
		else if (cl == CLS_CJK)
			rc = run_add(&k, i, i + n);
	}
	if (rc == YW_OK)
		rc = word_end(&k);
	if (rc == YW_OK)
		rc = run_end(&k);
	return rc;
}

struct expr {
	const struct yw_tok_syntax	*syn;
	struct yw_buf			*out;
	size_t				 terms;
	uint32_t			 run;
	int				 full;
};

static enum yw_err
expr_term(void *ctx, const struct yw_token *t)
{
	struct expr	*e = ctx;
	size_t		 i, from;
	enum yw_err	 rc = YW_OK;
	char		 q = e->syn->quote;

	/* Stops the walk; the caller gets the expression so far. */
	if (e->terms == YW_TOK_QUERY_TERMS_MAX) {
		e->full = 1;
		return YW_ETOOBIG;
	}
	if (e->terms > 0)
		rc = yw_buf_appends(e->out, t->run == e->run ?
		    e->syn->join_phrase : e->syn->join_group);
	if (rc == YW_OK)
		rc = yw_buf_appendc(e->out, q);
	/* Tokens hold only letters, digits and CJK, so this escaping never
	 * fires today; it keeps the quoting safe if the classes change. */
	for (from = 0, i = 0; rc == YW_OK && i < t->len; i++) {
		if (t->text[i] != q &&
		    !(e->syn->escape_backslash && t->text[i] == '\\'))
			continue;
		rc = yw_buf_append(e->out, t->text + from, i + 1 - from);
		if (rc == YW_OK)
			rc = yw_buf_appendc(e->out, t->text[i]);
		from = i + 1;
	}
	if (rc == YW_OK)
		rc = yw_buf_append(e->out, t->text + from, t->len - from);
	if (rc == YW_OK)
		rc = yw_buf_appendc(e->out, q);
	e->terms++;
	e->run = t->run;
	return rc;
}

enum yw_err
yw_tokenize_expr(const char *text, size_t len,
    const struct yw_tok_syntax *syn, struct yw_buf *out)
{
	struct expr	e;
	enum yw_err	rc;

	e.syn = syn;
	e.out = out;
	e.terms = 0;
	e.run = 0;
	e.full = 0;
	rc = yw_tokenize(text, len, YW_TOK_QUERY, expr_term, &e);
	if (rc == YW_ETOOBIG && e.full)
		rc = YW_OK;
	return rc;
}

enum yw_err
yw_tokenize_fts_query(const char *text, size_t len, struct yw_buf *out)
{
	return yw_tokenize_expr(text, len, &yw_tok_fts5, out);
}
