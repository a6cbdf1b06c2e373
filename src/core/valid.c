#include <string.h>

#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

/*
 * Earliest birth year accepted. The standard sets none; this only refuses
 * dates no living resident can have, which are typing errors.
 */
#define IDNUM_MIN_YEAR	1800

/* Bounded writer for the masks: remembers overflow instead of writing. */
struct mask_out {
	char	*p;
	size_t	 sz;
	size_t	 len;
	int	 full;
};

static void
mask_put(struct mask_out *o, const char *s, size_t n)
{
	if (o->full || n >= o->sz - o->len) {
		o->full = 1;
		return;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

static void
mask_stars(struct mask_out *o, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		mask_put(o, "*", 1);
}

/* Begins a mask; out must be able to hold at least the NUL. */
static enum yw_err
mask_begin(struct mask_out *o, char *out, size_t outsz)
{
	o->p = out;
	o->sz = outsz;
	o->len = 0;
	o->full = 0;
	if (outsz == 0)
		return YW_ETOOBIG;
	out[0] = '\0';
	return YW_OK;
}

static enum yw_err
mask_end(struct mask_out *o)
{
	if (o->full) {
		o->p[0] = '\0';
		return YW_ETOOBIG;
	}
	o->p[o->len] = '\0';
	return YW_OK;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_printable_ascii(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
			return 0;
	return 1;
}

char
yw_valid_idnum_check(const char *d)
{
	/* Weight of position i is 2^(17-i) mod 11 (ISO 7064 MOD 11-2). */
	static const int	 w[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	static const char	 chk[] = "10X98765432";
	int			 i, sum;

	sum = 0;
	for (i = 0; i < 17; i++) {
		if (!is_digit(d[i]))
			return '\0';
		sum += (d[i] - '0') * w[i];
	}
	return chk[sum % 11];
}

static int
digits_value(const char *s, size_t n)
{
	size_t	i;
	int	v;

	v = 0;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int
yw_valid_idnum(const char *s, size_t len, int64_t now)
{
	char	want, got;
	int	y, m, d;

	if (s == NULL || len != 18)
		return 0;
	if (s[0] < '1' || s[0] > '9')
		return 0;
	want = yw_valid_idnum_check(s);
	if (want == '\0')
		return 0;
	got = s[17] == 'x' ? 'X' : s[17];
	if (got != want)
		return 0;
	y = digits_value(s + 6, 4);
	m = digits_value(s + 10, 2);
	d = digits_value(s + 12, 2);
	if (y < IDNUM_MIN_YEAR || m < 1 || m > 12 || d < 1 ||
	    d > yw_time_days_in_month(y, m))
		return 0;
	return yw_time_days_from_civil(y, m, d) <= yw_time_local_days(now);
}

int
yw_valid_phone(const char *s, size_t len)
{
	size_t	i;

	if (s == NULL)
		return 0;
	if (len >= 3 && memcmp(s, "+86", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (len != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
		return 0;
	for (i = 2; i < len; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

int
yw_valid_office_phone(const char *s, size_t len)
{
	size_t	i, digits = 0;

	if (s == NULL || len > 32)
		return 0;
	for (i = 0; i < len; i++) {
		if (is_digit(s[i]))
			digits++;
		else if (s[i] != ' ' && s[i] != '+' && s[i] != '-' &&
		    s[i] != '(' && s[i] != ')')
			return 0;
	}
	return digits >= 3;
}

static int
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* RFC 5322 atext: what a dot-atom local part may hold besides dots. */
static int
is_atext(char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~-", c));
}

static int
email_local_ok(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 64 || s[0] == '.' || s[len - 1] == '.')
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return 0;
		} else if (!is_atext(s[i]))
			return 0;
	}
	return 1;
}

static int
email_domain_ok(const char *s, size_t len)
{
	size_t	i, start, labels;
	int	all_digits;

	labels = 0;
	start = 0;
	all_digits = 1;
	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (i == start || i - start > 63 || s[start] == '-' ||
			    s[i - 1] == '-')
				return 0;
			labels++;
			if (i == len)
				break;
			start = i + 1;
			all_digits = 1;
			continue;
		}
		if (!is_alnum(s[i]) && s[i] != '-')
			return 0;
		if (!is_digit(s[i]))
			all_digits = 0;
	}
	/* An all-digit last label is an IP address or a typo, not a TLD. */
	return labels >= 2 && !all_digits;
}

int
yw_valid_email(const char *s, size_t len)
{
	const char	*at;

	if (s == NULL || len == 0 || len > 254)
		return 0;
	at = memchr(s, '@', len);
	if (at == NULL || memchr(at + 1, '@', len - (size_t)(at - s) - 1))
		return 0;
	return email_local_ok(s, (size_t)(at - s)) &&
	    email_domain_ok(at + 1, len - (size_t)(at - s) - 1);
}

/* Keeps head and tail characters of an ASCII value; all stars if too short. */
static enum yw_err
mask_ends(const char *s, size_t len, size_t head, size_t tail, char *out,
    size_t outsz)
{
	struct mask_out	o;
	enum yw_err	rc;

	rc = mask_begin(&o, out, outsz);
	if (rc != YW_OK)
		return rc;
	if (len > 0 && (s == NULL || !is_printable_ascii(s, len)))
		return YW_EINVAL;
	if (len <= head + tail) {
		mask_stars(&o, len);
	} else {
		mask_put(&o, s, head);
		mask_stars(&o, len - head - tail);
		mask_put(&o, s + len - tail, tail);
	}
	return mask_end(&o);
}

enum yw_err
yw_mask_idnum(const char *s, size_t len, char *out, size_t outsz)
{
	return mask_ends(s, len, 6, 4, out, outsz);
}

enum yw_err
yw_mask_phone(const char *s, size_t len, char *out, size_t outsz)
{
	struct mask_out	o;
	enum yw_err	rc;

	if (s != NULL && len >= 3 && memcmp(s, "+86", 3) == 0) {
		rc = mask_begin(&o, out, outsz);
		if (rc != YW_OK)
			return rc;
		mask_put(&o, s, 3);
		if (o.full)
			return mask_end(&o);
		rc = mask_ends(s + 3, len - 3, 3, 4, out + 3, outsz - 3);
		if (rc != YW_OK)
			out[0] = '\0';
		return rc;
	}
	return mask_ends(s, len, 3, 4, out, outsz);
}

enum yw_err
yw_mask_email(const char *s, size_t len, char *out, size_t outsz)
{
	struct mask_out	 o;
	const char	*at;
	size_t		 first, i;
	uint32_t	 cp;
	enum yw_err	 rc;

	rc = mask_begin(&o, out, outsz);
	if (rc != YW_OK)
		return rc;
	if (s == NULL || !yw_utf8_valid(s, len))
		return YW_EINVAL;
	/* The last '@': whatever precedes it is local part and stays hidden. */
	at = NULL;
	for (i = len; i > 0; i--) {
		if (s[i - 1] == '@') {
			at = s + i - 1;
			break;
		}
	}
	if (at == NULL || at == s)
		return YW_EINVAL;
	first = yw_utf8_decode(s, (size_t)(at - s), &cp);
	mask_put(&o, s, first);
	mask_stars(&o, 3);
	mask_put(&o, at, len - (size_t)(at - s));
	return mask_end(&o);
}

enum yw_err
yw_mask_name(const char *s, size_t len, char *out, size_t outsz)
{
	struct mask_out	o;
	size_t		first, count;
	uint32_t	cp;
	enum yw_err	rc;

	rc = mask_begin(&o, out, outsz);
	if (rc != YW_OK)
		return rc;
	if (len == 0)
		return YW_OK;
	if (s == NULL || !yw_utf8_valid(s, len))
		return YW_EINVAL;
	count = yw_utf8_count(s, len);
	if (count == 1) {
		mask_put(&o, "*", 1);
		return mask_end(&o);
	}
	first = yw_utf8_decode(s, len, &cp);
	mask_put(&o, s, first);
	mask_stars(&o, count - 1);
	return mask_end(&o);
}
