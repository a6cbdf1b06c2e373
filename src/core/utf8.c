#include "core/utf8.h"

/*
 * Table 3-7 of the Unicode standard: the lead byte fixes the length and the
 * allowed range of the first continuation byte; that range is what rules out
 * overlongs (E0, F0), surrogates (ED) and code points past U+10FFFF (F4).
 */
size_t
yw_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		 lo, hi;
	size_t			 need, i;
	uint32_t		 c;

	if (len == 0) {
		*cp = YW_UTF8_INVALID;
		return 0;
	}
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	lo = 0x80;
	hi = 0xBF;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		need = 1;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		need = 2;
		c = p[0] & 0x0F;
		if (p[0] == 0xE0)
			lo = 0xA0;
		else if (p[0] == 0xED)
			hi = 0x9F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		need = 3;
		c = p[0] & 0x07;
		if (p[0] == 0xF0)
			lo = 0x90;
		else if (p[0] == 0xF4)
			hi = 0x8F;
	} else {
		/* Stray continuation, C0/C1 (always overlong) or F5..FF. */
		*cp = YW_UTF8_INVALID;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || p[i] < lo || p[i] > hi) {
			*cp = YW_UTF8_INVALID;
			return i;
		}
		c = (c << 6) | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return need + 1;
}

int
yw_utf8_valid(const char *s, size_t len)
{
	size_t		i, n;
	uint32_t	cp;

	i = 0;
	while (i < len) {
		/* ASCII fast path: most form input is ASCII. */
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = yw_utf8_decode(s + i, len - i, &cp);
		if (cp == YW_UTF8_INVALID)
			return 0;
		i += n;
	}
	return 1;
}

size_t
yw_utf8_count(const char *s, size_t len)
{
	size_t		i, count;
	uint32_t	cp;

	count = 0;
	i = 0;
	while (i < len) {
		i += yw_utf8_decode(s + i, len - i, &cp);
		count++;
	}
	return count;
}

int
yw_utf8_is_control(uint32_t cp, int allow_newlines)
{
	if (cp == '\t')
		return 0;
	if ((cp == '\r' || cp == '\n') && allow_newlines)
		return 0;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

int
yw_utf8_has_control(const char *s, size_t len, int allow_newlines)
{
	size_t		i;
	uint32_t	cp;

	i = 0;
	while (i < len) {
		i += yw_utf8_decode(s + i, len - i, &cp);
		if (cp != YW_UTF8_INVALID &&
		    yw_utf8_is_control(cp, allow_newlines))
			return 1;
	}
	return 0;
}
