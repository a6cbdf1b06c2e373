#include <sys/stat.h>

#include <stdio.h>

#include <sqlite3.h>

#include "store/backup.h"

enum yw_err
yw_backup_sqlite(const char *src, const char *dst)
{
	sqlite3		*from, *to;
	sqlite3_backup	*b;
	struct stat	 st;
	enum yw_err	 rc;
	int		 s;

	if (stat(dst, &st) == 0)
		return YW_ECONFLICT;
	from = NULL;
	to = NULL;
	rc = YW_EDB;
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		goto out;
	if (sqlite3_open_v2(dst, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		goto out;
	b = sqlite3_backup_init(to, "main", from, "main");
	if (b == NULL)
		goto out;
	/* Small steps let the server keep writing between them. */
	do {
		s = sqlite3_backup_step(b, 256);
		if (s == SQLITE_BUSY || s == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (s == SQLITE_OK || s == SQLITE_BUSY || s == SQLITE_LOCKED);
	if (sqlite3_backup_finish(b) == SQLITE_OK && s == SQLITE_DONE)
		rc = YW_OK;
out:
	if (rc != YW_OK)
		fprintf(stderr, "backup: %s\n", to != NULL ? sqlite3_errmsg(to) :
		    from != NULL ? sqlite3_errmsg(from) : "cannot open");
	sqlite3_close(from);
	sqlite3_close(to);
	return rc;
}
