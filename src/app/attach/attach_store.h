/*
 * attach_store.h - SQL of the attach module (internal).
 */
#ifndef YW_ATTACH_STORE_H
#define YW_ATTACH_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* Inserts the bytes under sha256 unless that content is there already. */
enum yw_err	yw_attach_store_put(struct yw_db *db, const char *sha256,
		    const char *type, const void *p, size_t n, int64_t now);
/* Copies the bytes into *data (caller frees); YW_ENOTFOUND if absent. */
enum yw_err	yw_attach_store_get(struct yw_db *db, const char *sha256,
		    void **data, size_t *n, char type[8]);

#endif
