/*
 * attach.h - files people send with applications and letters. A file is
 * accepted only when its bytes are of the type its name claims and it is
 * within the size limit; it is stored once per content (SHA-256). Reading
 * one is the business of the object that refers to it: this module checks
 * no permissions, so only domain code that has checked them calls
 * yw_attach_get.
 */
#ifndef YW_ATTACH_H
#define YW_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

#define YW_ATTACH_MAX	(20 * 1024 * 1024)

struct yw_attach {
	char	sha256[65];	/* hex */
	char	type[8];	/* "pdf", "png", "jpeg", ... (core/magic.h) */
	char	name[256];	/* the file name as sent, for display */
	int64_t	size;
};

/*
 * Stores the n bytes at p, sent as file name (borrowed). YW_EINVAL when
 * the bytes are not of the type the name claims (or of no known type),
 * YW_ETOOBIG over max bytes (0 = YW_ATTACH_MAX), YW_EINVAL for an empty
 * file. Storing the same bytes again is not an error. Fills *out.
 */
enum yw_err	yw_attach_put(struct yw_db *db, const void *p, size_t n,
		    const char *name, size_t max, int64_t now,
		    struct yw_attach *out);

/*
 * Checks a file for field (borrowed; an attachment field of a form
 * definition, app/service/formdef.h: "accept" and "max_bytes", 5 MiB when
 * absent) and fills *out; stores nothing, so the caller stores it with
 * yw_attach_save in the transaction that refers to it. The type is judged
 * from the bytes; name (borrowed, may be NULL: "file.<type>" is used) must
 * not claim another type. On YW_EINVAL, *why is the field's error code:
 * "required" (empty), "type" (bytes of no accepted type, or not the type
 * the name claims), "too_big".
 */
enum yw_err	yw_attach_check_field(json_t *field, const void *p, size_t n,
		    const char *name, struct yw_attach *out, const char **why);

/* Stores the bytes at p that a (filled by yw_attach_check_field)
 * describes; storing the same bytes again is not an error. */
enum yw_err	yw_attach_save(struct yw_db *db, const struct yw_attach *a,
		    const void *p, int64_t now);

/* The size limit of an attachment field (see yw_attach_put_field). */
size_t		yw_attach_field_max(json_t *field);

/* Reads a stored file: *data (caller frees with free) and its type.
 * YW_ENOTFOUND when no such file; YW_EINVAL for a malformed hash. */
enum yw_err	yw_attach_get(struct yw_db *db, const char *sha256,
		    void **data, size_t *n, char type[8]);

/* The reference kept in form values and cases: {"name", "type", "size",
 * "sha256"} (new reference). */
json_t	       *yw_attach_json(const struct yw_attach *a);

#endif
