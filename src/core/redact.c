/*
 * redact.c - masking personal data in free text (redact.h). The text is
 * made valid UTF-8 first and decoded to code points; e-mail local parts
 * and known names are marked, then one walk copies the text, reading digit
 * runs as groups and masking the ones that are numbers about a person.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/redact.h"
#include "core/utf8.h"
#include "core/valid.h"

#define GROUPS_MAX	64	/* digit groups read together at most */
#define MARK_SKIP	(-1)	/* hidden: part of a masked e-mail or name */
#define MARK_EMAIL	1	/* first character of an e-mail local part */
#define MARK_NAME	10	/* + name index: a name starts here */

struct text {
	const char	*s;	/* valid UTF-8 */
	uint32_t	*cp;
	size_t		*off;	/* byte offset of each code point; off[n] */
	int		*mark;
	size_t		 n;
};

struct group {
	size_t	start, end;	/* code point indexes, end exclusive */
	size_t	ndigits;	/* digits, a trailing X included */
	int	has_x;
};

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static uint32_t
digit_value(uint32_t c)
{
	return c >= 0xFF10 ? c - 0xFF10 : c - '0';
}

static int
is_x(uint32_t c)
{
	return c == 'X' || c == 'x' || c == 0xFF38 || c == 0xFF58;
}

static int
is_sep(uint32_t c)
{
	return c == ' ' || c == '-' || c == 0x3000 || c == 0xFF0D;
}

static int
is_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static int
is_local(uint32_t c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	    c == '-';
}

static int
is_domain(uint32_t c)
{
	return is_alnum(c) || c == '.' || c == '-';
}

/* Copies s with each ill-formed subpart replaced by U+FFFD. */
static enum yw_err
sanitize(const char *s, size_t len, struct yw_buf *b)
{
	uint32_t	c;
	size_t		i, k;
	enum yw_err	rc;

	rc = yw_buf_reserve(b, len + 1);
	for (i = 0; rc == YW_OK && i < len; i += k) {
		k = yw_utf8_decode(s + i, len - i, &c);
		rc = c == YW_UTF8_INVALID ? yw_buf_appends(b, YW_UTF8_REPL) :
		    yw_buf_append(b, s + i, k);
	}
	if (rc == YW_OK && b->data == NULL)
		rc = yw_buf_appends(b, "");
	return rc;
}

static enum yw_err
decode(struct text *t, const char *s, size_t len)
{
	size_t i, k;

	t->s = s;
	t->n = 0;
	t->cp = calloc(len + 1, sizeof(*t->cp));
	t->off = calloc(len + 1, sizeof(*t->off));
	t->mark = calloc(len + 1, sizeof(*t->mark));
	if (t->cp == NULL || t->off == NULL || t->mark == NULL)
		return YW_ENOMEM;
	for (i = 0; i < len; i += k) {
		k = yw_utf8_decode(s + i, len - i, &t->cp[t->n]);
		t->off[t->n++] = i;
	}
	t->off[t->n] = len;
	return YW_OK;
}

/* Marks the local part of every e-mail address: "a.b@x.cn". */
static void
mark_emails(struct text *t)
{
	size_t	k, s, e, i;
	int	dot;

	for (k = 1; k < t->n; k++) {
		if (t->cp[k] != '@')
			continue;
		s = k;
		while (s > 0 && is_local(t->cp[s - 1]) && t->mark[s - 1] == 0)
			s--;
		e = k + 1;
		while (e < t->n && is_domain(t->cp[e]))
			e++;
		while (e > k + 1 && (t->cp[e - 1] == '.' ||
		    t->cp[e - 1] == '-'))
			e--;
		dot = 0;
		for (i = k + 2; i + 1 < e; i++)
			if (t->cp[i] == '.' && is_alnum(t->cp[i - 1]) &&
			    is_alnum(t->cp[i + 1]))
				dot = 1;
		if (s == k || !dot)
			continue;
		t->mark[s] = MARK_EMAIL;
		for (i = s + 1; i < k; i++)
			t->mark[i] = MARK_SKIP;
	}
}

/* Marks each occurrence of name number idx (valid UTF-8). */
static void
mark_name(struct text *t, const char *name, int idx)
{
	uint32_t	nc[64];
	size_t		m, i, j, k, len;

	len = strlen(name);
	for (m = 0, i = 0; i < len && m < 64; i += k)
		k = yw_utf8_decode(name + i, len - i, &nc[m++]);
	if (m < 2 || i < len)
		return;
	/* Digits are no part of a name, and a kept first digit could join
	 * the digits before it into an unmasked number. */
	for (j = 0; j < m; j++)
		if (is_digit(nc[j]))
			return;
	for (i = 0; i + m <= t->n; i++) {
		for (j = 0; j < m; j++)
			if (t->cp[i + j] != nc[j] || t->mark[i + j] != 0)
				break;
		if (j < m)
			continue;
		t->mark[i] = MARK_NAME + idx;
		for (j = 1; j < m; j++)
			t->mark[i + j] = MARK_SKIP;
		i += m - 1;
	}
}

static enum yw_err
put_cp(const struct text *t, size_t i, struct yw_buf *out)
{
	return yw_buf_append(out, t->s + t->off[i], t->off[i + 1] -
	    t->off[i]);
}

/* Writes code points [from, to) with all but the first keep_first and
 * last keep_last of its total digits as '*'. */
static enum yw_err
put_masked(const struct text *t, size_t from, size_t to, size_t total,
    struct yw_buf *out)
{
	size_t		i, d, kf, kl;
	enum yw_err	rc;

	if (total == 18 || total == 15) {
		kf = 6;
		kl = total == 18 ? 4 : 3;
	} else if (total >= 11) {
		kf = 3;
		kl = 4;
	} else {
		kf = 2;
		kl = 2;
	}
	rc = YW_OK;
	for (i = from, d = 0; rc == YW_OK && i < to; i++) {
		if (!is_digit(t->cp[i]) && !is_x(t->cp[i])) {
			rc = put_cp(t, i, out);
			continue;
		}
		rc = d < kf || d + kl >= total ? put_cp(t, i, out) :
		    yw_buf_appendc(out, '*');
		d++;
	}
	return rc;
}

/* Reads the groups of the digit run at i; returns how many. */
static size_t
read_groups(const struct text *t, size_t i, struct group *g)
{
	size_t ng, j;

	ng = 0;
	j = i;
	for (;;) {
		g[ng].start = j;
		g[ng].has_x = 0;
		while (j < t->n && t->mark[j] == 0 && is_digit(t->cp[j]))
			j++;
		if (j < t->n && t->mark[j] == 0 && is_x(t->cp[j])) {
			g[ng].has_x = 1;
			j++;
		}
		g[ng].end = j;
		g[ng].ndigits = j - g[ng].start;
		ng++;
		if (g[ng - 1].has_x || ng == GROUPS_MAX || j + 1 >= t->n ||
		    t->mark[j] != 0 || !is_sep(t->cp[j]) ||
		    t->mark[j + 1] != 0 || !is_digit(t->cp[j + 1]))
			break;
		j++;
	}
	return ng;
}

/* The last group of a number read across groups from g, or -1. */
static long
combo(const struct text *t, const struct group *gr, size_t ng, size_t g)
{
	size_t	h, total;

	if (gr[g].ndigits < 3)
		return -1;
	total = gr[g].ndigits;
	for (h = g + 1; h < ng; h++) {
		if (gr[h].ndigits < 3)
			return -1;
		total += gr[h].ndigits;
		if ((total == 11 && !gr[h].has_x &&
		    digit_value(t->cp[gr[g].start]) == 1) || total == 15 ||
		    total == 18)
			return (long)h;
		if (total > 18)
			return -1;
	}
	return -1;
}

/* Writes the digit run at i; returns the index after it in *next. */
static enum yw_err
put_run(const struct text *t, size_t i, struct yw_buf *out, size_t *next)
{
	struct group	gr[GROUPS_MAX];
	size_t		ng, g, k, total;
	long		h;
	enum yw_err	rc;

	ng = read_groups(t, i, gr);
	rc = YW_OK;
	for (g = 0; rc == YW_OK && g < ng; g++) {
		/* The separator before this group. */
		if (g > 0)
			rc = put_cp(t, gr[g - 1].end, out);
		if (rc != YW_OK)
			break;
		h = combo(t, gr, ng, g);
		if (h >= 0) {
			for (total = 0, k = g; k <= (size_t)h; k++)
				total += gr[k].ndigits;
			rc = put_masked(t, gr[g].start, gr[h].end, total, out);
			g = (size_t)h;
		} else if (gr[g].ndigits >= 7)
			rc = put_masked(t, gr[g].start, gr[g].end,
			    gr[g].ndigits, out);
		else
			for (k = gr[g].start; rc == YW_OK && k < gr[g].end;
			    k++)
				rc = put_cp(t, k, out);
	}
	*next = gr[ng - 1].end;
	return rc;
}

enum yw_err
yw_redact(const char *s, size_t len, const char *const *names,
    size_t nnames, struct yw_buf *out)
{
	struct yw_buf	 clean;
	struct text	 t;
	char		 masked[64 * 4 + 1];
	size_t		 i, j, next, nlen;
	enum yw_err	 rc;

	yw_buf_init(&clean);
	memset(&t, 0, sizeof(t));
	rc = sanitize(s != NULL ? s : "", s != NULL ? len : 0, &clean);
	if (rc == YW_OK)
		rc = decode(&t, clean.data, clean.len);
	if (rc != YW_OK)
		goto out;
	mark_emails(&t);
	if (nnames > YW_REDACT_NAMES_MAX)
		nnames = YW_REDACT_NAMES_MAX;
	for (j = 0; j < nnames; j++)
		if (names[j] != NULL && yw_utf8_valid(names[j],
		    strlen(names[j])))
			mark_name(&t, names[j], (int)j);
	rc = yw_buf_reserve(out, clean.len + 1);
	for (i = 0; rc == YW_OK && i < t.n; i++) {
		if (t.mark[i] == MARK_SKIP)
			continue;
		if (t.mark[i] == MARK_EMAIL) {
			/* A leading digit is hidden too (13800138000@qq.com). */
			rc = is_digit(t.cp[i]) ? YW_OK : put_cp(&t, i, out);
			if (rc == YW_OK)
				rc = yw_buf_appends(out, "***");
		} else if (t.mark[i] >= MARK_NAME) {
			nlen = strlen(names[t.mark[i] - MARK_NAME]);
			rc = yw_mask_name(names[t.mark[i] - MARK_NAME], nlen,
			    masked, sizeof(masked));
			if (rc == YW_OK)
				rc = yw_buf_appends(out, masked);
		} else if (is_digit(t.cp[i])) {
			rc = put_run(&t, i, out, &next);
			i = next - 1;
		} else
			rc = put_cp(&t, i, out);
	}
out:
	free(t.cp);
	free(t.off);
	free(t.mark);
	yw_buf_free(&clean);
	return rc;
}

char *
yw_redact_dup(const char *s, const char *const *names, size_t nnames)
{
	struct yw_buf b;

	yw_buf_init(&b);
	if (yw_redact(s, s != NULL ? strlen(s) : 0, names, nnames, &b) !=
	    YW_OK || yw_buf_appends(&b, "") != YW_OK) {
		yw_buf_free(&b);
		return NULL;
	}
	return yw_buf_steal(&b);
}
