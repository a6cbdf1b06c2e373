/*
 * redact.h - masks personal data inside free text before it is shown to
 * the public: phone numbers, ID numbers (GB 11643) and other long digit
 * runs, e-mail addresses, and names the caller knows (the writer's own).
 * Needs only libc and core/buf, core/utf8.
 *
 * Rules, over code points (never bytes, so no code point is split):
 * - digits are ASCII 0-9 and full-width ０-９; X/x/Ｘ right after digits
 *   counts as the check digit of an ID number;
 * - a group is a maximal run of digits; groups joined by one separator
 *   (space, '-', U+3000, '－') are read together when each has at least 3
 *   digits and together they make a mobile number (11 digits, leading 1),
 *   an old ID (15) or an ID (18): "138 0013 8000", "138-0013-8000";
 * - otherwise a single group of 7 or more digits is masked alone; shorter
 *   groups (dates, amounts, years) are left as they are;
 * - masking keeps the first 3 and last 4 digits of 11 or more (an ID keeps
 *   6 and 4, as yw_mask_idnum), the first and last 2 of 7..10; the others
 *   become '*', separators stay;
 * - the local part of an e-mail address becomes its first character and
 *   "***" (as yw_mask_email; a digit first character is hidden too); its
 *   domain goes through the digit rules;
 * - each name of two or more code points, without digits, becomes its
 *   yw_mask_name form.
 * Ill-formed UTF-8 is replaced by U+FFFD, so the output is always valid.
 */
#ifndef YW_REDACT_H
#define YW_REDACT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

#define YW_REDACT_NAMES_MAX	8

/*
 * Appends s[0..len) with personal data masked to out. names (borrowed,
 * NUL-terminated UTF-8; may be NULL when nnames is 0; at most
 * YW_REDACT_NAMES_MAX are used, empty or invalid ones are skipped).
 * YW_ENOMEM when out cannot grow; out then holds a prefix.
 */
enum yw_err	yw_redact(const char *s, size_t len,
		    const char *const *names, size_t nnames,
		    struct yw_buf *out);

/* The same into a new string (caller frees); NULL on allocation failure.
 * s NULL reads as "". */
char	       *yw_redact_dup(const char *s, const char *const *names,
		    size_t nnames);

#endif
