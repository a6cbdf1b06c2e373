/*
 * valid.h - checks and display masks for personal data: resident ID numbers
 * (GB 11643-1999), mainland mobile numbers, e-mail addresses and names.
 * The checks give the domain a yes/no; the masks are what pages and logs
 * show instead of the full value. Needs only libc; nothing allocates, every
 * input is borrowed and carries its length (no NUL needed).
 */
#ifndef YW_VALID_H
#define YW_VALID_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/*
 * 1 if s is an 18-character resident ID number: 17 digits, the first 1..9,
 * then the ISO 7064 MOD 11-2 check character (0..9, X or x). The birth date
 * in characters 7..14 must be a real date from 1800-01-01 up to today in
 * Asia/Shanghai, where today is taken from now (unix seconds) so callers and
 * tests decide the clock.
 */
int	yw_valid_idnum(const char *s, size_t len, int64_t now);

/*
 * The check character (one of "0123456789X") for the 17 digits at d
 * (borrowed; reading stops at the first non-digit); '\0' if one is not a
 * digit. Exposed for tests and for tools that generate sample data.
 */
char	yw_valid_idnum_check(const char *d);

/*
 * 1 if s is an 11-digit mainland mobile number 1[3-9]xxxxxxxxx, optionally
 * preceded by "+86".
 */
int	yw_valid_phone(const char *s, size_t len);

/*
 * 1 if s is an office or hotline number as departments publish them
 * ("0591-87000110", "12345", "+86 591 8700 0110"): up to 32 of digits,
 * spaces and "+-()", with at least 3 digits.
 */
int	yw_valid_office_phone(const char *s, size_t len);

/*
 * 1 if s is a plausible e-mail address: one '@'; a local part of 1..64
 * characters from the RFC 5322 dot-atom set without leading, trailing or
 * doubled dots; a domain of at least two dot-separated labels of 1..63
 * [A-Za-z0-9-] not starting or ending with '-', the last not all digits;
 * 254 characters at most. Quoted local parts and non-ASCII addresses are
 * refused: nobody registers with them and they complicate every consumer.
 */
int	yw_valid_email(const char *s, size_t len);

/*
 * The masks write a NUL-terminated display form into out (borrowed, outsz
 * bytes). They return YW_ETOOBIG when out is too small and YW_EINVAL when the
 * input is not the kind of value named; on error out holds "" if outsz > 0.
 * A mask never shows more than it promises even for odd input: values too
 * short to keep both ends are masked entirely.
 */

/*
 * "350102199001011234" -> "350102********1234" (first 6 and last 4 kept).
 * The input must be printable ASCII.
 */
enum yw_err	yw_mask_idnum(const char *s, size_t len, char *out,
		    size_t outsz);

/*
 * "13812345678" -> "138****5678" (first 3 and last 4 kept); a leading "+86"
 * is kept as is. The input must be printable ASCII.
 */
enum yw_err	yw_mask_phone(const char *s, size_t len, char *out,
		    size_t outsz);

/*
 * "zhang@example.com" -> "z***@example.com": the first character of the
 * local part (UTF-8 aware), always three stars so the length stays hidden,
 * then the last '@' and the domain. The input must be valid UTF-8 with an
 * '@' that has something before it.
 */
enum yw_err	yw_mask_email(const char *s, size_t len, char *out,
		    size_t outsz);

/*
 * "张三丰" -> "张**", "张三" -> "张*": the first character, then one star per
 * further character. A one-character name becomes "*", since keeping its
 * first character would show it whole. The input must be valid UTF-8.
 */
enum yw_err	yw_mask_name(const char *s, size_t len, char *out,
		    size_t outsz);

#endif
