/*
 * exchange_cache.h - one worker's cache of the lookups an exchange read
 * makes: its key, the resource (with its items parsed) and the reader's
 * grant (with its items parsed), and the page a read gave (its JSON text
 * up to the receipt, which is the call's own). An entry serves only while the
 * database's change counters (yw_session_store_version: any commit by
 * another connection, any write by this one) stand where they stood when
 * it was read, so a revoked key or a changed grant or resource counts from
 * the very next call on, on every worker. A grant past its expiry is read
 * again. On PostgreSQL, which has no such counter, every lookup goes to
 * the database. Every lookup works with a NULL cache too (straight to the
 * database).
 */
#ifndef YW_EXCHANGE_CACHE_H
#define YW_EXCHANGE_CACHE_H

#include <stdint.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "store/db.h"

struct yw_xcache;

/* A new, empty cache (NULL when out of memory); free with _free. */
struct yw_xcache *yw_xcache_new(void);
void		yw_xcache_free(struct yw_xcache *xc);

/* At the start of a call, in its read scope: reads the counters the
 * call's lookups are checked against. */
void		yw_xcache_begin(struct yw_xcache *xc, struct yw_db *db);

/*
 * After this connection's own write from counters before to after, when
 * the write touched none of what the cache keeps but keys (the exchange
 * log, a chain head, a key's last use): what was current at before is
 * current at after. Keys are read again.
 */
void		yw_xcache_own_write(struct yw_xcache *xc,
		    const int64_t before[2], const int64_t after[2]);

/* yw_exchange_store_key_find (unknown keys are not kept). */
enum yw_err	yw_xcache_key(struct yw_xcache *xc, struct yw_db *db,
		    const char *hash, json_t **row);
/* yw_data_store_get; *items (when items is not NULL) the resource's
 * items parsed, an empty array when they do not parse. New references. */
enum yw_err	yw_xcache_resource(struct yw_xcache *xc, struct yw_db *db,
		    const char *code, json_t **row, json_t **items);
/* yw_data_store_grant_get at now; *items the grant's items parsed (an
 * empty array when there is no grant). New references; *row NULL with
 * YW_ENOTFOUND. */
enum yw_err	yw_xcache_grant(struct yw_xcache *xc, struct yw_db *db,
		    int64_t resource_id, int64_t department_id, int64_t now,
		    json_t **row, json_t **items);

/* The page kept for key (the reader's department, the resource and the
 * whole query): 1 with its text appended to out and its row count in
 * *rows, else 0 (nothing appended; also when out of memory). */
int		yw_xcache_page_get(struct yw_xcache *xc, const char *key,
		    struct yw_buf *out, int64_t *rows);
/* Keeps the page text (len bytes, copied) for key. */
void		yw_xcache_page_put(struct yw_xcache *xc, const char *key,
		    const char *text, size_t len, int64_t rows);

#endif
