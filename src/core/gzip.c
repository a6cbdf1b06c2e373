#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
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

struct yw_gzip {
	z_stream	s;
};

struct yw_gzip *
yw_gzip_new(void)
{
	struct yw_gzip *z;

	if ((z = calloc(1, sizeof(*z))) == NULL)
		return NULL;
	/* 15 window bits + 16: a gzip header and trailer; level 6 and memory
	 * level 8 are zlib's defaults. */
	if (deflateInit2(&z->s, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		free(z);
		return NULL;
	}
	return z;
}

void
yw_gzip_free(struct yw_gzip *z)
{
	if (z == NULL)
		return;
	deflateEnd(&z->s);
	free(z);
}

enum yw_err
yw_gzip(struct yw_gzip *z, const void *in, size_t len, struct yw_buf *out)
{
	struct yw_gzip	*own = NULL;
	enum yw_err	 rc;
	uLong		 bound;

	if (len > UINT_MAX / 2)
		return YW_ETOOBIG;
	if (z == NULL && (z = own = yw_gzip_new()) == NULL)
		return YW_ENOMEM;
	if (deflateReset(&z->s) != Z_OK) {
		rc = YW_EINTERNAL;
		goto out;
	}
	bound = deflateBound(&z->s, (uLong)len);
	rc = yw_buf_reserve(out, bound);
	if (rc != YW_OK)
		goto out;
	z->s.next_in = (Bytef *)(uintptr_t)in;
	z->s.avail_in = (uInt)len;
	z->s.next_out = (Bytef *)out->data + out->len;
	z->s.avail_out = (uInt)bound;
	if (deflate(&z->s, Z_FINISH) != Z_STREAM_END) {
		rc = YW_EINTERNAL;
		goto out;
	}
	out->len += z->s.total_out;
out:
	yw_gzip_free(own);
	return rc;
}
