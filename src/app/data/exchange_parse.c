/*
 * exchange_parse.c - a pushed JSON batch read in one pass (exchange_parse.h).
 *
 * The scanner takes the grammar jansson's parser takes, narrowed: the body
 * is one object whose only member is "records", an array of flat objects
 * whose keys are item names, each at most once, and whose values are
 * strings without escapes or control bytes (strict UTF-8, as jansson
 * checks), integers of at most 18 digits (so strtoll cannot overflow),
 * true, false or null. Whitespace is jansson's four bytes. Each record's
 * values go to yw_schema_encode_values, the code yw_schema_encode runs for
 * a jansson record, so what is stored cannot differ; a string needing no
 * escape is written by jansson as its bytes in quotes, which is what the
 * scanner hands on. Whatever falls outside, or fails a check, makes the
 * whole body go back to the caller's jansson path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/data/exchange_parse.h"
#include "core/utf8.h"

/* The scan of one body. */
struct scan {
	const char			*p, *end;
	const struct yw_schema_plan	*plan;
	uint64_t			 text;	/* items of type string */
	struct yw_buf			 tmp;	/* a record's other strings,
						 * each NUL-terminated */
	size_t				 off[YW_SCHEMA_MAX_ITEMS];
	struct yw_schema_value		 vals[YW_SCHEMA_MAX_ITEMS];
};

void
yw_exchange_batch_free(struct yw_exchange_batch *b)
{
	yw_buf_free(&b->buf);
	free(b->data_off);
	free(b->key_off);
	memset(b, 0, sizeof(*b));
}

enum yw_err
yw_exchange_batch_add(struct yw_exchange_batch *b, size_t data_off,
    size_t key_off)
{
	size_t	 cap, *d, *k;

	if (b->n == b->cap) {
		cap = b->cap < 64 ? 64 : 2 * b->cap;
		d = realloc(b->data_off, cap * sizeof(*d));
		if (d == NULL)
			return YW_ENOMEM;
		b->data_off = d;
		k = realloc(b->key_off, cap * sizeof(*k));
		if (k == NULL)
			return YW_ENOMEM;
		b->key_off = k;
		b->cap = cap;
	}
	b->data_off[b->n] = data_off;
	b->key_off[b->n++] = key_off;
	return YW_OK;
}

static void
skip_ws(struct scan *sc)
{
	while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' ||
	    *sc->p == '\n' || *sc->p == '\r'))
		sc->p++;
}

/* Skips whitespace, then takes c; 0 when another byte (or none) is next. */
static int
take(struct scan *sc, char c)
{
	skip_ws(sc);
	if (sc->p >= sc->end || *sc->p != c)
		return 0;
	sc->p++;
	return 1;
}

/* Skips whitespace; 1 when c is next (not taken). */
static int
next_is(struct scan *sc, char c)
{
	skip_ws(sc);
	return sc->p < sc->end && *sc->p == c;
}

/*
 * A string token at sc->p with no backslash and no byte below 0x20, of
 * strict UTF-8: its contents into *s, *n. 0 for anything else.
 */
static int
plain_string(struct scan *sc, const char **s, size_t *n)
{
	const unsigned char	*q, *end = (const unsigned char *)sc->end;
	unsigned		 high = 0;

	if (sc->p >= sc->end || *sc->p != '"')
		return 0;
	for (q = (const unsigned char *)sc->p + 1; q < end && *q != '"'; q++) {
		if (*q == '\\' || *q < 0x20)
			return 0;
		high |= *q;
	}
	if (q >= end)
		return 0;
	*s = sc->p + 1;
	*n = (size_t)((const char *)q - *s);
	if ((high & 0x80) && !yw_utf8_valid(*s, *n))
		return 0;
	sc->p = (const char *)q + 1;
	return 1;
}

/* An integer token of at most 18 digits, as jansson reads one (no
 * leading zero, no fraction or exponent). */
static int
small_integer(struct scan *sc, long long *ll)
{
	const char	*p = sc->p, *end = sc->end;
	long long	 v = 0;
	size_t		 nd = 0;
	int		 neg = 0;

	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	if (p >= end || *p < '0' || *p > '9')
		return 0;
	if (*p == '0')
		p++;
	else
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			if (++nd > 18)
				return 0;
			v = v * 10 + (*p - '0');
		}
	if (p < end && ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' ||
	    *p == 'E'))
		return 0;
	*ll = neg ? -v : v;
	sc->p = p;
	return 1;
}

static int
literal(struct scan *sc, const char *word, size_t n)
{
	if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0)
		return 0;
	sc->p += n;
	return 1;
}

/* The plan's field named s[0..n), or -1. */
static int
field_index(const struct yw_schema_plan *p, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->f[i].name[0] == s[0] && strncmp(p->f[i].name, s, n) ==
		    0 && p->f[i].name[n] == '\0')
			return (int)i;
	return -1;
}

/*
 * The value of item f at sc->p into sc->vals[f]; 0 when not taken. A
 * string stays in the body for an item of type string (its checks take a
 * length); for other types it is copied to sc->tmp with a NUL, its offset
 * kept in sc->off[f] (-1 for none).
 */
static int
value(struct scan *sc, int f)
{
	struct yw_schema_value	*v = &sc->vals[f];
	const char		*s;
	size_t			 n;

	sc->off[f] = (size_t)-1;
	skip_ws(sc);
	if (sc->p >= sc->end)
		return 0;
	switch (*sc->p) {
	case '"':
		if (!plain_string(sc, &s, &n))
			return 0;
		v->type = YW_SV_STRING;
		v->s = s;
		v->len = n;
		if (sc->text & (UINT64_C(1) << f))
			return 1;
		sc->off[f] = sc->tmp.len;
		return yw_buf_append(&sc->tmp, s, n) == YW_OK &&
		    yw_buf_appendc(&sc->tmp, '\0') == YW_OK;
	case 't':
		v->type = YW_SV_BOOL;
		v->y = 1;
		return literal(sc, "true", 4);
	case 'f':
		v->type = YW_SV_BOOL;
		v->y = 0;
		return literal(sc, "false", 5);
	case 'n':
		v->type = YW_SV_ABSENT;
		return literal(sc, "null", 4);
	default:
		v->type = YW_SV_INTEGER;
		return small_integer(sc, &v->ll);
	}
}

/* The members of a record whose '{' was taken, into sc->vals. */
static int
members(struct scan *sc)
{
	const struct yw_schema_plan	*p = sc->plan;
	const char			*s;
	size_t				 i, n;
	uint64_t			 seen = 0;
	int				 f;

	memset(sc->vals, 0, p->n * sizeof(sc->vals[0]));
	yw_buf_reset(&sc->tmp);
	if (take(sc, '}'))
		return 1;
	do {
		skip_ws(sc);
		if (!plain_string(sc, &s, &n) || n == 0)
			return 0;
		f = field_index(p, s, n);
		if (f < 0 || (seen & (UINT64_C(1) << f)) != 0)
			return 0;
		seen |= UINT64_C(1) << f;
		if (!take(sc, ':') || !value(sc, f))
			return 0;
	} while (take(sc, ','));
	if (!take(sc, '}'))
		return 0;
	for (i = 0; i < p->n; i++)
		if ((seen & (UINT64_C(1) << i)) != 0 &&
		    sc->off[i] != (size_t)-1)
			sc->vals[i].s = sc->tmp.data + sc->off[i];
	return 1;
}

/* One record at sc->p into b; YW_EINVAL when not taken. */
static enum yw_err
record(struct scan *sc, struct yw_exchange_batch *b)
{
	size_t		off, key;
	enum yw_err	rc;

	if (!take(sc, '{') || !members(sc))
		return YW_EINVAL;
	off = b->buf.len;
	rc = yw_schema_encode_values(sc->plan, sc->vals, &b->buf, &key);
	if (rc != YW_OK)
		return rc;
	return yw_exchange_batch_add(b, off, key);
}

static enum yw_err
records(struct scan *sc, size_t max, struct yw_exchange_batch *b)
{
	const char	*s;
	size_t		 n;
	enum yw_err	 rc;

	skip_ws(sc);
	if (!take(sc, '{') || !next_is(sc, '"') || !plain_string(sc, &s, &n) ||
	    n != 7 || memcmp(s, "records", 7) != 0 || !take(sc, ':') ||
	    !take(sc, '['))
		return YW_EINVAL;
	if (!take(sc, ']')) {
		do {
			if (b->n == max)
				return YW_EINVAL;
			rc = record(sc, b);
			if (rc != YW_OK)
				return rc;
		} while (take(sc, ','));
		if (!take(sc, ']'))
			return YW_EINVAL;
	}
	if (!take(sc, '}'))
		return YW_EINVAL;
	skip_ws(sc);
	return sc->p == sc->end ? YW_OK : YW_EINVAL;
}

enum yw_err
yw_exchange_parse(const struct yw_schema_plan *p, const char *body,
    size_t len, size_t max, struct yw_exchange_batch *b)
{
	struct scan	*sc;
	size_t		 i;
	enum yw_err	 rc;

	memset(b, 0, sizeof(*b));
	if (p->n > 64 || body == NULL)
		return YW_EINVAL;
	sc = malloc(sizeof(*sc));
	if (sc == NULL)
		return YW_ENOMEM;
	sc->p = body;
	sc->end = body + len;
	sc->plan = p;
	sc->text = 0;
	for (i = 0; i < p->n; i++)
		if (strcmp(yw_schema_types[p->f[i].type], "string") == 0)
			sc->text |= UINT64_C(1) << i;
	yw_buf_init(&sc->tmp);
	/* About what a stored record takes, so the buffer grows once or
	 * twice. */
	rc = yw_buf_reserve(&b->buf, len + len / 8);
	if (rc == YW_OK)
		rc = records(sc, max, b);
	if (rc != YW_OK)
		yw_exchange_batch_free(b);
	yw_buf_free(&sc->tmp);
	free(sc);
	return rc == YW_ETOOBIG ? YW_EINVAL : rc;
}
