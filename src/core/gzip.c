#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "core/gzip.h"

#define OWS(c)	((c) == ' ' || (c) == '\t')

/*
 * The weight of one Accept-Encoding element s[0..n): 1 when acceptable,
 * 0 when "q=0", -1 when malformed. *name and *nlen get its coding.
 */
static int
element(const char *s, size_t n, const char **name, size_t *nlen)
{
	size_t	i, j;
	int	zero;

	while (n > 0 && OWS(s[0])) {
		s++;
		n--;
	}
	while (n > 0 && OWS(s[n - 1]))
		n--;
	for (i = 0; i < n && s[i] != ';' && !OWS(s[i]); i++)
		;
	*name = s;
	*nlen = i;
	if (i == 0)
		return -1;
	while (i < n && OWS(s[i]))
		i++;
	if (i == n)
		return 1;
	if (s[i++] != ';')
		return -1;
	while (i < n && OWS(s[i]))
		i++;
	if (n - i < 3 || (s[i] != 'q' && s[i] != 'Q') || s[i + 1] != '=')
		return -1;
	i += 2;
	/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) */
	if (s[i] != '0' && s[i] != '1')
		return -1;
	zero = s[i++] == '0';
	if (i < n && s[i] == '.') {
		for (j = ++i; i < n && i - j < 3 && s[i] >= '0' && s[i] <= '9';
		    i++) {
			if (s[i] != '0' && !zero)
				return -1;
			if (s[i] != '0')
				zero = 0;
		}
	}
	return i == n ? !zero : -1;
}

int
yw_gzip_accepted(const char *h)
{
	const char	*end, *name;
	size_t		 nlen;
	int		 gzip = -1, star = -1, w;

	if (h == NULL)
		return 0;
	for (;;) {
		end = strchr(h, ',');
		if (end == NULL)
			end = h + strlen(h);
		w = element(h, (size_t)(end - h), &name, &nlen);
		if (w >= 0 && ((nlen == 4 && strncasecmp(name, "gzip", 4) ==
		    0) || (nlen == 6 && strncasecmp(name, "x-gzip", 6) == 0)))
			gzip = gzip < 0 ? w : gzip && w;
		else if (w >= 0 && nlen == 1 && name[0] == '*')
			star = w;
		if (*end == '\0')
			break;
		h = end + 1;
	}
	if (gzip >= 0)
		return gzip;
	return star > 0;
}

enum yw_err
yw_gzip(const void *in, size_t len, struct yw_buf *out)
{
	z_stream	 z;
	enum yw_err	 rc;
	uLong		 bound;
	int		 zr;

	if (len > UINT_MAX / 2)
		return YW_ETOOBIG;
	memset(&z, 0, sizeof(z));
	/* 15 window bits + 16: a gzip header and trailer; level 6 is zlib's
	 * default, memory level 8 its default too. */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return YW_ENOMEM;
	bound = deflateBound(&z, (uLong)len);
	rc = yw_buf_reserve(out, bound);
	if (rc != YW_OK)
		goto out;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data + out->len;
	z.avail_out = (uInt)bound;
	zr = deflate(&z, Z_FINISH);
	if (zr != Z_STREAM_END) {
		rc = YW_EINTERNAL;
		goto out;
	}
	out->len += z.total_out;
out:
	deflateEnd(&z);
	return rc;
}
