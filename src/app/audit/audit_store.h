/*
 * audit_store.h - the SQL behind audit.c (internal to src/app/audit).
 * Rows are passed as struct yw_audit_row whose strings are borrowed from
 * the caller or, in a walk, from the current database row.
 */
#ifndef YW_AUDIT_STORE_H
#define YW_AUDIT_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "app/audit/audit.h"
#include "core/err.h"
#include "store/db.h"

struct yw_audit_row {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;	/* 0 = NULL */
	int64_t		 department_id;	/* 0 = NULL */
	const char	*actor_login;
	const char	*action;
	const char	*object_type;
	const char	*object_id;
	const char	*detail;
	const char	*source_ip;
	const char	*prev_hash;
	const char	*hash;
};

/*
 * Reads the head into *last_id and last_hash (NUL-terminated). On
 * PostgreSQL the row is locked (FOR UPDATE) until the caller's transaction
 * ends; on SQLite the caller's BEGIN IMMEDIATE already holds the write lock.
 * YW_EINTERNAL when the head row is missing or malformed.
 */
enum yw_err	yw_audit_store_head(struct yw_db *db, int64_t *last_id,
		    char last_hash[YW_AUDIT_HASH_HEX + 1]);

/* Inserts r (borrowed). A clashing id gives YW_ECONFLICT. */
enum yw_err	yw_audit_store_insert(struct yw_db *db,
		    const struct yw_audit_row *r);

/* Moves the head from old_id to (new_id, hash); YW_ECONFLICT when the head
 * no longer is at old_id. */
enum yw_err	yw_audit_store_move_head(struct yw_db *db, int64_t old_id,
		    int64_t new_id, const char *hash);

/*
 * Calls visit for every row in id order, with r borrowed for the call. The
 * head is read in the same statement and given to *head_id and head_hash
 * before the first visit. A visit that returns anything but YW_OK stops the
 * walk and that code is returned.
 */
typedef enum yw_err (*yw_audit_store_visit)(void *ctx,
		    const struct yw_audit_row *r);
enum yw_err	yw_audit_store_walk(struct yw_db *db, int64_t *head_id,
		    char head_hash[YW_AUDIT_HASH_HEX + 1],
		    yw_audit_store_visit visit, void *ctx);

/*
 * Scope of a listing: all, or (when !all) the entries whose department's
 * region path starts with region_path, plus those without a department
 * when with_null_dept.
 */
struct yw_audit_scope {
	int		 all;
	const char	*region_path;
	int		 with_null_dept;
};

/*
 * Up to limit rows matching f (borrowed, non-NULL) within scope, newest
 * first, as a new array (caller owns) of {id, at, actor_login,
 * department_id, department_name, action, object_type, object_id, detail,
 * source_ip, hash}.
 */
enum yw_err	yw_audit_store_list(struct yw_db *db,
		    const struct yw_audit_scope *scope,
		    const struct yw_audit_filter *f, int limit, json_t **rows);

/* The head's last_id without locking (see yw_audit_epoch). */
enum yw_err	yw_audit_store_epoch(struct yw_db *db, int64_t *epoch);
/* The head's last_id, and whether an entry after since is about
 * object_type (see yw_audit_since). */
enum yw_err	yw_audit_store_since(struct yw_db *db, int64_t since,
		    const char *object_type, int64_t *epoch, int *changed);

#endif
