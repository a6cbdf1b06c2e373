#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/attach/attach_store.h"

enum yw_err
yw_attach_store_put(struct yw_db *db, const char *sha256, const char *type,
    const void *p, size_t n, int64_t now)
{
	struct yw_stmt	*st;
	enum yw_err	 rc;
	int		 row;

	rc = yw_db_prepare(db, "INSERT INTO attachment (sha256, type, size, "
	    "data, created_at) VALUES (?, ?, ?, ?, ?) "
	    "ON CONFLICT (sha256) DO NOTHING", &st);
	if (rc != YW_OK)
		return rc;
	rc = yw_stmt_bind_text(st, 1, sha256, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 2, type, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 3, (int64_t)n);
	if (rc == YW_OK)
		rc = yw_stmt_bind_blob(st, 4, p, n);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 5, now);
	if (rc == YW_OK)
		rc = yw_stmt_step(st, &row);
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_attach_store_get(struct yw_db *db, const char *sha256, void **data,
    size_t *n, char type[8])
{
	struct yw_stmt	*st;
	const void	*p;
	size_t		 len;
	enum yw_err	 rc;

	rc = yw_db_first(db, &st, "SELECT type, data FROM attachment "
	    "WHERE sha256 = ?", "s", sha256);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(type, 8, "%s", yw_stmt_col_text(st, 0) != NULL ?
	    yw_stmt_col_text(st, 0) : "");
	p = yw_stmt_col_blob(st, 1, &len);
	*data = malloc(len > 0 ? len : 1);
	if (*data == NULL) {
		rc = YW_ENOMEM;
	} else {
		if (len > 0)
			memcpy(*data, p, len);
		*n = len;
	}
	yw_stmt_done(st);
	return rc;
}
