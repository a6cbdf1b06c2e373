/*
 * migrate.h - numbered schema migrations from sql/NNNN_name.sql.
 * Files are applied in order, each in its own transaction, and recorded in
 * schema_migrations. The SQL is shared by both backends; a few tokens are
 * rewritten per dialect before execution:
 *   @ID@    INTEGER PRIMARY KEY AUTOINCREMENT | BIGSERIAL PRIMARY KEY
 *   @BLOB@  BLOB | BYTEA
 */
#ifndef YW_MIGRATE_H
#define YW_MIGRATE_H

#include "core/err.h"
#include "store/db.h"

/* Applies every migration in dir not yet recorded. *applied (may be NULL)
 * receives how many ran. On error a message goes to stderr naming the file. */
enum yw_err	yw_migrate(struct yw_db *db, const char *dir, int *applied);

#endif
