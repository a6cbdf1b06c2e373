/*
 * cache.h - per-worker cache of public pages as anonymous visitors see
 * them, keyed by language and URL and valid for one audit epoch (every
 * change to public data is an audited staff action, see yw_audit_epoch).
 * Bounded: a fixed number of entries, replaced round-robin.
 */
#ifndef YW_WEB_CACHE_H
#define YW_WEB_CACHE_H

#include <stddef.h>
#include <stdint.h>

/*
 * The cached body for key at epoch, or NULL. Borrowed until the next put.
 * When gzip is set (the request accepts it, core/gzip.h) and the body is
 * long enough, its gzip form instead, made on the first such request and
 * kept with the entry; *gzipped says which was given. Public pages carry
 * no secret (no CSRF token: render_page keeps those out), so compressing
 * them leaks nothing to a BREACH-style attack.
 */
const char	*yw_cache_get(const char *key, int64_t epoch, int gzip,
		     size_t *len, int *gzipped);
/* Stores a copy of body; silently skips what does not fit. */
void		 yw_cache_put(const char *key, int64_t epoch, const char *body,
		     size_t len);

/*
 * A second cache, of answers to one signed-in user (their case, their
 * letter), with three validators instead of the epoch: the database's
 * change counters (yw_session_store_version) and the second it was made,
 * so an entry serves only while nothing at all has been written and for
 * at most a second (views that show time, such as deadline lights).
 * Kept apart so these answers never push public pages out.
 */
const char	*yw_cache_private_get(const char *key, const int64_t ver[3],
		     size_t *len);
void		 yw_cache_private_put(const char *key, const int64_t ver[3],
		     const char *body, size_t len);

#endif
