#include <stdint.h>

#include "core/base64.h"

/* Character to its 6-bit value plus one; 0 for anything else. */
static const unsigned char dec[256] = {
	['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6,
	['G'] = 7, ['H'] = 8, ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12,
	['M'] = 13, ['N'] = 14, ['O'] = 15, ['P'] = 16, ['Q'] = 17, ['R'] = 18,
	['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22, ['W'] = 23, ['X'] = 24,
	['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29, ['d'] = 30,
	['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36,
	['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42,
	['q'] = 43, ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48,
	['w'] = 49, ['x'] = 50, ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54,
	['2'] = 55, ['3'] = 56, ['4'] = 57, ['5'] = 58, ['6'] = 59, ['7'] = 60,
	['8'] = 61, ['9'] = 62, ['+'] = 63, ['/'] = 64
};

/* The 6-bit value of c, or UINT32_MAX. */
static uint32_t
value(unsigned char c)
{
	return (uint32_t)dec[c] - 1;
}

static int
skipped(char c)
{
	return c == '\r' || c == '\n';
}

int
yw_base64_decode(const char *s, size_t len, unsigned char *out, size_t max,
    size_t *n)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 acc, a, b, c, d;
	size_t			 i, o, bits, pad;

	*n = 0;
	i = o = 0;
	/* Whole groups of four characters, the common case. */
	while (i + 4 <= len && o + 3 <= max) {
		a = value(p[i]);
		b = value(p[i + 1]);
		c = value(p[i + 2]);
		d = value(p[i + 3]);
		if ((a | b | c | d) > 63)
			break;
		acc = a << 18 | b << 12 | c << 6 | d;
		out[o++] = (unsigned char)(acc >> 16);
		out[o++] = (unsigned char)(acc >> 8);
		out[o++] = (unsigned char)acc;
		i += 4;
	}
	/* The rest one character at a time: line breaks, the last group
	 * and its padding, and anything wrong. */
	acc = 0;
	bits = 0;
	for (; i < len; i++) {
		a = value(p[i]);
		if (a > 63) {
			if (skipped(s[i]))
				continue;
			break;
		}
		acc = (acc << 6 | a) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= max)
				return -1;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	if (bits > 4 || (acc & ((1U << bits) - 1)) != 0)
		return -1;
	for (pad = bits / 2; pad > 0; i++) {
		if (i >= len)
			return -1;
		if (s[i] == '=')
			pad--;
		else if (!skipped(s[i]))
			return -1;
	}
	while (i < len && skipped(s[i]))
		i++;
	if (i != len)
		return -1;
	*n = o;
	return 0;
}
