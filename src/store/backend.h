/*
 * backend.h - what db.c expects from a storage backend (sqlite.c, pgsql.c).
 * Internal to src/store: db.c owns the statement cache, argument checks and
 * the error text; a backend only talks to its library. Backend structs embed
 * struct yw_db / struct yw_stmt as their first member.
 */
#ifndef YW_STORE_BACKEND_H
#define YW_STORE_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "store/db.h"

#define YW_DB_CACHE_BUCKETS	64
/* Past this many cached statements the least recently used idle one goes:
 * the cache only grows without bound when callers prepare built SQL. */
#define YW_DB_CACHE_MAX		256
/* Slots of the address memo in front of the statement cache. */
#define YW_DB_MEMO_SLOTS	256

enum yw_db_vtype {
	YW_DB_VNULL,
	YW_DB_VINT,
	YW_DB_VTEXT,
	YW_DB_VBLOB
};

/* A value to bind; p and len are borrowed for the duration of the call. */
struct yw_db_val {
	enum yw_db_vtype	 type;
	int64_t			 i;
	const void		*p;
	size_t			 len;
};

struct yw_db_ops {
	enum yw_db_kind	 kind;
	/* The backend allocates its own struct and returns the embedded base;
	 * on failure it prints why to stderr (there is no db to hold it). */
	enum yw_err	(*open)(const char *url, struct yw_db **out);
	void		(*close)(struct yw_db *db);
	enum yw_err	(*exec)(struct yw_db *db, const char *sql);
	enum yw_err	(*begin)(struct yw_db *db);
	enum yw_err	(*commit)(struct yw_db *db);
	enum yw_err	(*rollback)(struct yw_db *db);
	/* A read scope (db.h); NULL where it would not pay. */
	enum yw_err	(*read_begin)(struct yw_db *db);
	void		(*read_end)(struct yw_db *db);
	/* Deferred sync (db.h); NULL where every commit is durable. */
	enum yw_err	(*defer_sync)(struct yw_db *db);
	uint64_t	(*commits)(struct yw_db *db);
	enum yw_err	(*sync)(struct yw_db *db);
	/* Compiles one statement; db.c fills in the base fields. */
	enum yw_err	(*prepare)(struct yw_db *db, const char *sql,
			    struct yw_stmt **out);
	void		(*finalize)(struct yw_stmt *st);
	/* idx is 1-based and not yet range-checked. */
	enum yw_err	(*bind)(struct yw_stmt *st, int idx,
			    const struct yw_db_val *v);
	enum yw_err	(*step)(struct yw_stmt *st, int *row);
	/* Column functions get a valid i and a current row. */
	int		(*col_count)(struct yw_stmt *st);
	const char     *(*col_name)(struct yw_stmt *st, int i);
	enum yw_db_vtype (*col_type)(struct yw_stmt *st, int i);
	const char     *(*col_text)(struct yw_stmt *st, int i);
	size_t		(*col_len)(struct yw_stmt *st, int i);
	int64_t		(*col_int64)(struct yw_stmt *st, int i);
	const void     *(*col_blob)(struct yw_stmt *st, int i, size_t *len);
	int64_t		(*changes)(struct yw_stmt *st);
	/* Drops results and bindings so the statement can run again. */
	void		(*reset)(struct yw_stmt *st);
};

struct yw_db {
	const struct yw_db_ops	*ops;
	struct yw_buf		 err;
	struct yw_stmt		*cache[YW_DB_CACHE_BUCKETS];
	size_t			 ncached;
	uint64_t		 tick;
	int			 closing;	/* finalize need not tidy up */
	/* The text hash of the SQL last prepared from an address: callers
	 * pass literals, so a hit skips hashing the text (db.c). */
	struct {
		const char	*sql;
		uint32_t	 hash;
	}			 memo[YW_DB_MEMO_SLOTS];
};

struct yw_stmt {
	struct yw_db		*db;
	struct yw_stmt		*next;		/* cache bucket chain */
	char			*sql;		/* own copy, the cache key */
	uint32_t		 hash;
	uint64_t		 used;		/* db->tick at last prepare */
	int			 busy;		/* handed out, not yet done */
	int			 stepped;	/* executed since last done */
	int			 finished;	/* step reported no more rows */
	int			 has_row;
};

extern const struct yw_db_ops yw_sqlite_ops;
extern const struct yw_db_ops yw_pgsql_ops;

/* Replaces db's error text. */
void	yw_db_seterr(struct yw_db *db, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
