/*
 * gzip.h - HTTP response compression: whether a request's Accept-Encoding
 * takes gzip (RFC 9110 section 12.5.3), and the gzip form of a body (RFC
 * 1952, by zlib). Used for public pages that are cached once and sent
 * many times, so a body is compressed once per cache entry, not per send.
 */
#ifndef YW_GZIP_H
#define YW_GZIP_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* Bodies shorter than this are sent as they are: the saving is smaller
 * than a packet. */
#define YW_GZIP_MIN	1024

/*
 * 1 when the Accept-Encoding value h accepts gzip: "gzip" (or "x-gzip",
 * or "*" when gzip is not named) with a weight other than 0. NULL or
 * anything malformed is 0, so the body goes out as it is.
 */
int		yw_gzip_accepted(const char *h);

/*
 * A compressor kept for reuse: setting zlib up (about 270 KB of tables)
 * costs more than compressing a 40 KB page, so a caller that compresses
 * often keeps one and each call only resets it.
 */
struct yw_gzip;

struct yw_gzip	*yw_gzip_new(void);
void		 yw_gzip_free(struct yw_gzip *z);

/* Appends the gzip form of in[0..len) to out; z may be NULL (a compressor
 * is made and freed for this call). */
enum yw_err	yw_gzip(struct yw_gzip *z, const void *in, size_t len,
		    struct yw_buf *out);

#endif
