/*
 * org_store.h - the SQL behind org.c (internal to src/app/org). Reads
 * return new JSON values (caller owns) shaped by their column names;
 * strings passed in are borrowed. None of these opens a transaction.
 */
#ifndef YW_ORG_STORE_H
#define YW_ORG_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Regions whose path starts with path_prefix ("" = all), ordered by path:
 * [{code, name, name_en, level, parent_code, path}]. */
enum yw_err	yw_org_store_regions(struct yw_db *db, const char *path_prefix,
		    json_t **rows);
/* {code, name, name_en, level, parent_code, parent_name, path} or
 * YW_ENOTFOUND. */
enum yw_err	yw_org_store_region_get(struct yw_db *db, const char *code,
		    json_t **row);
enum yw_err	yw_org_store_region_insert(struct yw_db *db, const char *code,
		    const char *name, const char *name_en, int64_t level,
		    const char *parent_code, const char *path);
enum yw_err	yw_org_store_region_update(struct yw_db *db, const char *code,
		    const char *name, const char *name_en);

struct yw_org_dept_fields {
	const char	*code;
	const char	*name;
	const char	*name_en;
	const char	*region_code;
	const char	*phone;
	const char	*address;
};

/* Departments whose region path starts with path_prefix ("" = all),
 * ordered by region path then code: [{id, code, name, name_en,
 * region_code, region_name, phone, address}]. */
enum yw_err	yw_org_store_departments(struct yw_db *db,
		    const char *path_prefix, json_t **rows);
/* The list fields plus region_path, or YW_ENOTFOUND. */
enum yw_err	yw_org_store_department_get(struct yw_db *db, int64_t id,
		    json_t **row);
/* *id_out = the department with this code, 0 when none. */
enum yw_err	yw_org_store_department_by_code(struct yw_db *db,
		    const char *code, int64_t *id_out);
enum yw_err	yw_org_store_department_insert(struct yw_db *db,
		    const struct yw_org_dept_fields *f, int64_t now,
		    int64_t *id_out);
enum yw_err	yw_org_store_department_update(struct yw_db *db, int64_t id,
		    const struct yw_org_dept_fields *f, int64_t now);

struct yw_org_staff_fields {
	const char	*login;
	const char	*display_name;
	const char	*phone;
	const char	*email;
	const char	*status;
	int64_t		 department_id;	/* 0 = NULL */
};

/* Staff accounts (all, or of one department when department_id != 0),
 * ordered by department code then login: [{id, login, display_name,
 * department_id, department_name, status, phone}]. */
enum yw_err	yw_org_store_staff_list(struct yw_db *db,
		    int64_t department_id, json_t **rows);
/* The roles of the same accounts: [{account_id, role}]. */
enum yw_err	yw_org_store_staff_roles(struct yw_db *db,
		    int64_t department_id, json_t **rows);
/* One staff account {id, login, display_name, phone, email,
 * department_id, department_name, status, created_at, updated_at}, or
 * YW_ENOTFOUND (also for an account that is not staff). */
enum yw_err	yw_org_store_staff_get(struct yw_db *db, int64_t id,
		    json_t **row);
/* *roles = the role bits of account_id (0 when it has none). */
enum yw_err	yw_org_store_roles(struct yw_db *db, int64_t account_id,
		    unsigned *roles);
/* *id_out = the account (any kind) with this login, 0 when none. */
enum yw_err	yw_org_store_login_owner(struct yw_db *db, const char *login,
		    int64_t *id_out);
enum yw_err	yw_org_store_staff_insert(struct yw_db *db,
		    const struct yw_org_staff_fields *f, const char *pwhash,
		    int64_t now, int64_t *id_out);
/* Updates everything in f but login. */
enum yw_err	yw_org_store_staff_update(struct yw_db *db, int64_t id,
		    const struct yw_org_staff_fields *f, int64_t now);
enum yw_err	yw_org_store_set_password(struct yw_db *db, int64_t id,
		    const char *pwhash, int64_t now);
/* Replaces the account's roles with the bits in roles. */
enum yw_err	yw_org_store_set_roles(struct yw_db *db, int64_t id,
		    unsigned roles);
/* Ends every session of the account. */
enum yw_err	yw_org_store_end_sessions(struct yw_db *db, int64_t id);

/* {id, kind, login, display_name, department_id, status, region_path}
 * for any account kind, or YW_ENOTFOUND. */
enum yw_err	yw_org_store_actor(struct yw_db *db, int64_t id, json_t **row);

#endif
