/*
 * migrate.h - numbered schema migrations from sql/NNNN_name.sql.
 * Files are applied in order, each in its own transaction, and recorded in
 * schema_migrations. The SQL is shared by both backends; a few tokens are
 * rewritten per dialect before execution:
 *   @ID@    INTEGER PRIMARY KEY AUTOINCREMENT | BIGSERIAL PRIMARY KEY
 *   @BLOB@  BLOB | BYTEA
 * (tokens are replaced everywhere, string literals included). Where the
 * two need different statements, a line that is exactly "-- @sqlite" or
 * "-- @pgsql" starts a section run on that backend only, and "-- @all"
 * goes back to shared SQL; the file starts shared. A file must not
 * contain BEGIN/COMMIT (a trigger's BEGIN ... END is fine), nor
 * statements that refuse to run inside a transaction (VACUUM, CREATE
 * INDEX CONCURRENTLY). Its version is the name without ".sql"; two files
 * may not share a number. Nodes migrating at once are serialised (an
 * advisory lock on PostgreSQL).
 */
#ifndef YW_MIGRATE_H
#define YW_MIGRATE_H

#include "core/err.h"
#include "store/db.h"

/* Applies every migration in dir not yet recorded. *applied (may be NULL)
 * receives how many ran. On error a message goes to stderr naming the file:
 * YW_EDB for a failed migration (rolled back, not recorded, later files not
 * tried), YW_EINVAL for a badly named file, YW_EIO for an unreadable one. */
enum yw_err	yw_migrate(struct yw_db *db, const char *dir, int *applied);

#endif
