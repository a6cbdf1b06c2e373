/*
 * base64.h - decoding standard base64 (RFC 4648, padded), as files sent
 * inline in API bodies arrive. Accepts what libsodium's
 * sodium_base642bin(..., "\r\n", ..., sodium_base64_VARIANT_ORIGINAL) does
 * when the whole input must be consumed (but for bytes above 0x7f, which
 * libsodium misreads as digits), at a tenth of its cost: libsodium decodes
 * in constant time, which secrets need and file bytes do not (a 50 KB
 * file took 0.45 ms).
 * Needs only libc; borrows its input and allocates nothing.
 */
#ifndef YW_BASE64_H
#define YW_BASE64_H

#include <stddef.h>

/* Bytes that decoding len characters can give at most. */
#define YW_BASE64_MAX(len)	((len) / 4 * 3 + 3)

/*
 * Decodes s[0..len) into out (room for max bytes) and sets *n. CR and LF
 * are skipped anywhere; padding ('=') is required and only at the end, and
 * unused bits of the last character must be zero. Returns 0, or -1 for
 * input that is not base64 or does not fit (then *n is 0).
 */
int	yw_base64_decode(const char *s, size_t len, unsigned char *out,
	    size_t max, size_t *n);

#endif
