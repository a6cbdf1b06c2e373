/*
 * utf8.h - strict UTF-8 checks for text that reaches storage and templates.
 * Strict means RFC 3629: no overlong forms, no surrogates (U+D800..U+DFFF),
 * nothing above U+10FFFF. Needs only libc; every function borrows its input
 * and allocates nothing. Inputs carry a length and need no NUL.
 */
#ifndef YW_UTF8_H
#define YW_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Stored in *cp by yw_utf8_decode for an ill-formed sequence. */
#define YW_UTF8_INVALID	((uint32_t)0x110000)
/* U+FFFD REPLACEMENT CHARACTER, the three bytes that stand in for bad input. */
#define YW_UTF8_REPL	"\xEF\xBF\xBD"

/*
 * Decodes the sequence at s (len > 0). Returns the bytes it covers (1..4)
 * and sets *cp to the code point, or to YW_UTF8_INVALID when the bytes are
 * ill-formed; then the return value is the length of the maximal ill-formed
 * subpart (Unicode 15, section 3.9), so replacing each with one U+FFFD gives
 * the same result as browsers do. Returns 0 only when len == 0.
 */
size_t	yw_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* 1 if s[0..len) is strict UTF-8 (the empty string is), else 0. */
int	yw_utf8_valid(const char *s, size_t len);

/*
 * Code points in s[0..len). Meant for valid text; an ill-formed subpart
 * counts as one, as it would once replaced by U+FFFD.
 */
size_t	yw_utf8_count(const char *s, size_t len);

/*
 * 1 if s holds a control character: C0 (U+0000..U+001F) except TAB, and
 * except CR and LF when allow_newlines; DEL (U+007F); C1 (U+0080..U+009F).
 * Ill-formed bytes are not controls here; check yw_utf8_valid separately.
 */
int	yw_utf8_has_control(const char *s, size_t len, int allow_newlines);

/* 1 if code point cp is a control in the sense of yw_utf8_has_control. */
int	yw_utf8_is_control(uint32_t cp, int allow_newlines);

#endif
