/*
 * The text is scanned once for string tokens (memchr for quotes and
 * backslashes), as jansson's lexer would find them: outside a string a
 * quote always opens one, inside a backslash escapes the next byte. A
 * lifted string is replaced by "\u0000<index>", which a client cannot send
 * (jansson refuses \u0000 unless JSON_ALLOW_NUL; a text that holds one is
 * parsed without lifting, so it is refused as before). Every lifted string
 * was itself a valid string token of plain ASCII, so the new text parses
 * exactly when the old one did, into the same tree but for the
 * placeholders.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonlift.h"

/* Room for "\u0000" and an index in quotes. */
#define PLACEHOLDER_MAX	32

static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return p;
}

/* 1 when p[0..n) holds only printable ASCII (no control bytes, no
 * bytes of multibyte UTF-8): jansson would keep it as it is. Eight bytes
 * at a time: a byte below 0x20 borrows when 0x20 is subtracted. */
static int
plain(const char *p, size_t n)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 high = 0x8080808080808080ULL;
	const unsigned char *u = (const unsigned char *)p;
	uint64_t	 x, bad = 0;
	size_t		 i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&x, u + i, 8);
		bad |= x | ((x - ones * 0x20) & ~x);
	}
	for (; i < n; i++)
		bad |= (uint64_t)((u[i] < 0x20) << 7 | (u[i] & 0x80));
	return (bad & high) == 0;
}

/*
 * The end of the string whose contents start at s (the closing quote),
 * or NULL when it is not closed or holds \u0000 (*nul set). *escaped is
 * set when it holds a backslash.
 */
static const char *
string_end(const char *s, const char *end, int *escaped, int *nul)
{
	const char *q, *b;

	*escaped = 0;
	for (;;) {
		q = memchr(s, '"', (size_t)(end - s));
		if (q == NULL)
			return NULL;
		b = memchr(s, '\\', (size_t)(q - s));
		if (b == NULL)
			return q;
		*escaped = 1;
		if (end - b >= 6 && memcmp(b + 1, "u0000", 5) == 0) {
			*nul = 1;
			return NULL;
		}
		if (end - b < 2)
			return NULL;
		s = b + 2;
	}
}

/* Appends p[0..n) to the buffer at *o. */
static void
put(char **o, const char *p, size_t n)
{
	memcpy(*o, p, n);
	*o += n;
}

json_t *
yw_jlift_load(const char *text, size_t len, const char *key,
    struct yw_jlift *lifts, size_t max, size_t *n)
{
	const char	*p, *end, *q, *close, *from, *t;
	char		*buf, *o, ph[PLACEHOLDER_MAX];
	size_t		 klen;
	int		 escaped, nul, value_of_key, k;
	json_t		*j;

	*n = 0;
	klen = strlen(key);
	buf = o = NULL;
	p = from = text;
	end = text + len;
	value_of_key = nul = 0;
	while (p < end && (q = memchr(p, '"', (size_t)(end - p))) != NULL) {
		close = string_end(q + 1, end, &escaped, &nul);
		if (close == NULL)
			break;
		if (value_of_key && !escaped && *n < max &&
		    (size_t)(close - q - 1) >= YW_JLIFT_MIN &&
		    plain(q + 1, (size_t)(close - q - 1))) {
			if (buf == NULL) {
				if ((buf = malloc(len + 1)) == NULL)
					return NULL;
				o = buf;
			}
			put(&o, from, (size_t)(q - from));
			k = snprintf(ph, sizeof(ph), "\"\\u0000%zu\"", *n);
			put(&o, ph, (size_t)k);
			lifts[*n].p = q + 1;
			lifts[*n].len = (size_t)(close - q - 1);
			(*n)++;
			from = close + 1;
		}
		value_of_key = 0;
		p = close + 1;
		if (escaped || (size_t)(close - q - 1) != klen ||
		    memcmp(q + 1, key, klen) != 0)
			continue;
		t = skip_ws(p, end);
		if (t < end && *t == ':') {
			t = skip_ws(t + 1, end);
			value_of_key = t < end && *t == '"';
		}
	}
	if (nul || *n == 0) {
		free(buf);
		*n = 0;
		return json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	}
	put(&o, from, (size_t)(end - from));
	j = json_loadb(buf, (size_t)(o - buf), JSON_REJECT_DUPLICATES |
	    JSON_ALLOW_NUL, NULL);
	free(buf);
	if (j == NULL)
		*n = 0;
	return j;
}

int
yw_jlift_get(json_t *v, const struct yw_jlift *lifts, size_t n,
    struct yw_jlift *out)
{
	const char	*s;
	size_t		 len, i, k;

	if (!json_is_string(v))
		return 0;
	s = json_string_value(v);
	len = json_string_length(v);
	if (len < 2 || len > 21 || s[0] != '\0')
		return 0;
	k = 0;
	for (i = 1; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		k = k * 10 + (size_t)(s[i] - '0');
	}
	if (k >= n)
		return 0;
	*out = lifts[k];
	return 1;
}

json_t *
yw_jlift_resolve(json_t *v, const struct yw_jlift *lifts, size_t n)
{
	struct yw_jlift	 span;
	json_t		*out, *x;
	const char	*k;
	size_t		 i;

	if (yw_jlift_get(v, lifts, n, &span))
		return json_stringn(span.p, span.len);
	if (json_is_object(v)) {
		out = json_object();
		json_object_foreach(v, k, x)
			json_object_set_new(out, k, yw_jlift_resolve(x, lifts,
			    n));
		return out;
	}
	if (json_is_array(v)) {
		out = json_array();
		json_array_foreach(v, i, x)
			json_array_append_new(out, yw_jlift_resolve(x, lifts,
			    n));
		return out;
	}
	return json_incref(v);
}
