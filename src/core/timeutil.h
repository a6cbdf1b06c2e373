/*
 * timeutil.h - calendar arithmetic for times stored as UTC unix seconds and
 * shown in Asia/Shanghai (UTC+8, no daylight saving since 1991). Does not
 * touch localtime(3) or TZ: workers run sandboxed without zoneinfo, and the
 * offset is fixed, so the arithmetic is done here. Proleptic Gregorian
 * calendar throughout. Needs only libc; nothing allocates.
 */
#ifndef YW_TIMEUTIL_H
#define YW_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Asia/Shanghai's offset from UTC, in seconds. */
#define YW_TIME_LOCAL_OFFSET	(8 * 3600)

/* Current UTC time in unix seconds. */
int64_t		yw_time_now(void);

/* 1 if y is a Gregorian leap year. */
int		yw_time_is_leap(int y);

/* Days in month m (1..12) of year y; 0 when m is out of range. */
int		yw_time_days_in_month(int y, int m);

/*
 * Days from 1970-01-01 to y-m-d (negative before). m and d must form a real
 * date (see yw_time_parse_date); any int year is fine.
 */
int64_t		yw_time_days_from_civil(int y, int m, int d);

/*
 * Inverse of yw_time_days_from_civil. Exact for |days| < 2^40, which covers
 * every year an int can hold; outside that the result is unspecified.
 */
void		yw_time_civil_from_days(int64_t days, int *y, int *m, int *d);

/* The Asia/Shanghai calendar day containing t, as days since 1970-01-01. */
int64_t		yw_time_local_days(int64_t t);

/*
 * Writes t as Asia/Shanghai wall time, "2026-11-28 15:37" when with_time,
 * else "2026-11-28", NUL-terminated into out (borrowed, outsz bytes; 17
 * and 11 bytes suffice). YW_EINVAL if the local year is outside 0..9999,
 * YW_ETOOBIG if out is too small; on error out holds "" when outsz > 0.
 */
enum yw_err	yw_time_fmt_local(int64_t t, char *out, size_t outsz,
		    int with_time);

/*
 * Writes t in UTC as ISO 8601, "2026-11-28T07:37:00Z" (21 bytes with the
 * NUL). Same errors as yw_time_fmt_local.
 */
enum yw_err	yw_time_fmt_iso(int64_t t, char *out, size_t outsz);

/*
 * Parses exactly "YYYY-MM-DD" (len bytes, no NUL needed, nothing around it)
 * naming a real date in years 0001..9999. Returns 1 and fills *y *m *d, or
 * returns 0 and leaves them untouched.
 */
int		yw_time_parse_date(const char *s, size_t len, int *y, int *m,
		    int *d);

/* Writes t as W3C date and time in Asia/Shanghai with its offset,
 * "2026-11-28T15:37:00+08:00" (26 bytes with the NUL). Errors as
 * yw_time_fmt_local. */
enum yw_err	yw_time_fmt_w3c_local(int64_t t, char *out, size_t outsz);

/*
 * Parses a W3C date and time (len bytes): "YYYY-MM-DDThh:mm[:ss[.f]]"
 * followed by "Z" or "+hh:mm"/"-hh:mm" (a time without its zone is
 * refused), or a bare "YYYY-MM-DD", read as midnight in Asia/Shanghai.
 * Returns 1 with *t (UTC seconds), else 0.
 */
int		yw_time_parse_w3c(const char *s, size_t len, int64_t *t);

#endif
