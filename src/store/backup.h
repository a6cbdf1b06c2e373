/*
 * backup.h - online backup of a SQLite database to a file (the
 * sqlite3_backup API: consistent while the server keeps writing).
 * PostgreSQL deployments use pg_dump instead.
 */
#ifndef YW_BACKUP_H
#define YW_BACKUP_H

#include "core/err.h"

/* Copies the SQLite database at src into the new file dst (refuses to
 * overwrite an existing file: YW_ECONFLICT). */
enum yw_err	yw_backup_sqlite(const char *src, const char *dst);

#endif
