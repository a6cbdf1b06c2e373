#include <stdio.h>
#include <time.h>

#include "core/timeutil.h"

/*
 * Beyond this many seconds either way the day count no longer fits the
 * range yw_time_civil_from_days is exact for, and adding the local offset
 * could overflow; such times are far outside 0..9999 anyway.
 */
#define TIME_ABS_MAX	((int64_t)1 << 52)

int64_t
yw_time_now(void)
{
	return (int64_t)time(NULL);
}

int
yw_time_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
yw_time_days_in_month(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && yw_time_is_leap(y))
		return 29;
	return mdays[m - 1];
}

/*
 * Howard Hinnant's days_from_civil: counts in 400-year eras starting on
 * March 1st, so the leap day falls at the end of the shifted year.
 */
int64_t
yw_time_days_from_civil(int y, int m, int d)
{
	int64_t	yy, era, yoe, doy, doe;

	yy = (int64_t)y - (m <= 2);
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
yw_time_civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t	z, era, doe, yoe, doy, mp, yy;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* Floor division by 86400 so that times before 1970 land on the right day. */
static int64_t
time_floor_days(int64_t t, int64_t *secs)
{
	int64_t	days, rem;

	days = t / 86400;
	rem = t % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	if (secs != NULL)
		*secs = rem;
	return days;
}

int64_t
yw_time_local_days(int64_t t)
{
	if (t > TIME_ABS_MAX)
		t = TIME_ABS_MAX;
	else if (t < -TIME_ABS_MAX)
		t = -TIME_ABS_MAX;
	return time_floor_days(t + YW_TIME_LOCAL_OFFSET, NULL);
}

enum time_style {
	TIME_DATE,	/* 2026-11-28 */
	TIME_MINUTES,	/* 2026-11-28 15:37 */
	TIME_ISO,	/* 2026-11-28T07:37:00Z */
	TIME_W3C_LOCAL	/* 2026-11-28T15:37:00+08:00 */
};

/* Shared by both formatters: t is already shifted to the wanted zone. */
static enum yw_err
time_fmt(int64_t t, char *out, size_t outsz, enum time_style style)
{
	int64_t	days, secs;
	int	y, m, d, hh, mm, ss, n;

	if (outsz > 0)
		out[0] = '\0';
	if (t > TIME_ABS_MAX || t < -TIME_ABS_MAX)
		return YW_EINVAL;
	days = time_floor_days(t, &secs);
	yw_time_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		return YW_EINVAL;
	hh = (int)(secs / 3600);
	mm = (int)(secs / 60 % 60);
	ss = (int)(secs % 60);
	switch (style) {
	case TIME_DATE:
		n = snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
		break;
	case TIME_MINUTES:
		n = snprintf(out, outsz, "%04d-%02d-%02d %02d:%02d", y, m, d,
		    hh, mm);
		break;
	case TIME_W3C_LOCAL:
		n = snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02d+08:00",
		    y, m, d, hh, mm, ss);
		break;
	case TIME_ISO:
	default:
		n = snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02dZ", y,
		    m, d, hh, mm, ss);
		break;
	}
	if (n < 0)
		return YW_EINTERNAL;
	if ((size_t)n >= outsz) {
		if (outsz > 0)
			out[0] = '\0';
		return YW_ETOOBIG;
	}
	return YW_OK;
}

enum yw_err
yw_time_fmt_local(int64_t t, char *out, size_t outsz, int with_time)
{
	if (t > TIME_ABS_MAX || t < -TIME_ABS_MAX) {
		if (outsz > 0)
			out[0] = '\0';
		return YW_EINVAL;
	}
	return time_fmt(t + YW_TIME_LOCAL_OFFSET, out, outsz,
	    with_time ? TIME_MINUTES : TIME_DATE);
}

enum yw_err
yw_time_fmt_iso(int64_t t, char *out, size_t outsz)
{
	return time_fmt(t, out, outsz, TIME_ISO);
}

/* Reads n ASCII digits; -1 if any is not a digit. */
static int
time_digits(const char *s, size_t n)
{
	size_t	i;
	int	v;

	v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
yw_time_parse_date(const char *s, size_t len, int *y, int *m, int *d)
{
	int	yy, mm, dd;

	if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	yy = time_digits(s, 4);
	mm = time_digits(s + 5, 2);
	dd = time_digits(s + 8, 2);
	if (yy < 1 || mm < 1 || mm > 12 || dd < 1 ||
	    dd > yw_time_days_in_month(yy, mm))
		return 0;
	*y = yy;
	*m = mm;
	*d = dd;
	return 1;
}

enum yw_err
yw_time_fmt_w3c_local(int64_t t, char *out, size_t outsz)
{
	if (t > TIME_ABS_MAX || t < -TIME_ABS_MAX) {
		if (outsz > 0)
			out[0] = '\0';
		return YW_EINVAL;
	}
	return time_fmt(t + YW_TIME_LOCAL_OFFSET, out, outsz, TIME_W3C_LOCAL);
}

/* "+hh:mm", "-hh:mm" or "Z" at s (exactly n bytes): seconds east. */
static int
time_zone(const char *s, size_t n, int64_t *east)
{
	int hh, mm;

	if (n == 1 && (s[0] == 'Z' || s[0] == 'z')) {
		*east = 0;
		return 1;
	}
	if (n != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return 0;
	hh = time_digits(s + 1, 2);
	mm = time_digits(s + 4, 2);
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
		return 0;
	*east = (int64_t)(hh * 3600 + mm * 60) * (s[0] == '-' ? -1 : 1);
	return 1;
}

int
yw_time_parse_w3c(const char *s, size_t len, int64_t *t)
{
	int	y, m, d, hh, mi, ss;
	size_t	i;
	int64_t	east;

	if (s == NULL || len < 10 || !yw_time_parse_date(s, 10, &y, &m, &d))
		return 0;
	if (len == 10) {
		*t = yw_time_days_from_civil(y, m, d) * 86400 -
		    YW_TIME_LOCAL_OFFSET;
		return 1;
	}
	if (len < 17 || (s[10] != 'T' && s[10] != 't') || s[13] != ':')
		return 0;
	hh = time_digits(s + 11, 2);
	mi = time_digits(s + 14, 2);
	ss = 0;
	i = 16;
	if (s[i] == ':') {
		if (len < i + 3 || (ss = time_digits(s + i + 1, 2)) < 0)
			return 0;
		i += 3;
		/* Fractions of a second are read and dropped. */
		if (i < len && s[i] == '.') {
			for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
				;
			if (s[i - 1] == '.')
				return 0;
		}
	}
	if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59 ||
	    !time_zone(s + i, len - i, &east))
		return 0;
	*t = yw_time_days_from_civil(y, m, d) * 86400 + hh * 3600 + mi * 60 +
	    ss - east;
	return 1;
}
