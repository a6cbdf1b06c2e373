#include <string.h>

#include "app/actor.h"
#include "app/org/org_store.h"

/* The first row's first column as an integer id; 0 when there is none. */
static enum yw_err
query_id(struct yw_db *db, const char *sql, json_t *params, int64_t *id)
{
	json_t		*row;
	enum yw_err	 rc;

	*id = 0;
	rc = yw_db_row(db, sql, params, &row);
	if (rc == YW_ENOTFOUND)
		return YW_OK;
	if (rc != YW_OK)
		return rc;
	*id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	return *id > 0 ? YW_OK : YW_EINTERNAL;
}

static json_t *
opt_id(int64_t v)
{
	return v == 0 ? json_null() : json_integer(v);
}

enum yw_err
yw_org_store_regions(struct yw_db *db, const char *path_prefix, json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT code, name, name_en, level, parent_code, path"
	    " FROM region"
	    " WHERE substr(path, 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT)"
	    " ORDER BY path",
	    json_pack("[ss]", path_prefix, path_prefix), rows);
}

enum yw_err
yw_org_store_region_get(struct yw_db *db, const char *code, json_t **row)
{
	return yw_db_row(db,
	    "SELECT r.code, r.name, r.name_en, r.level, r.parent_code,"
	    " p.name AS parent_name, r.path"
	    " FROM region r LEFT JOIN region p ON p.code = r.parent_code"
	    " WHERE r.code = ?",
	    json_pack("[s]", code), row);
}

enum yw_err
yw_org_store_region_insert(struct yw_db *db, const char *code,
    const char *name, const char *name_en, int64_t level,
    const char *parent_code, const char *path)
{
	return yw_db_rows(db,
	    "INSERT INTO region (code, name, name_en, level, parent_code, path)"
	    " VALUES (?, ?, ?, ?, ?, ?)",
	    json_pack("[sssIs?s]", code, name, name_en, (json_int_t)level,
	    parent_code, path), NULL);
}

enum yw_err
yw_org_store_region_update(struct yw_db *db, const char *code,
    const char *name, const char *name_en)
{
	return yw_db_rows(db,
	    "UPDATE region SET name = ?, name_en = ? WHERE code = ?",
	    json_pack("[sss]", name, name_en, code), NULL);
}

enum yw_err
yw_org_store_departments(struct yw_db *db, const char *path_prefix,
    json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT d.id, d.code, d.name, d.name_en, d.region_code,"
	    " r.name AS region_name, d.phone, d.address"
	    " FROM department d JOIN region r ON r.code = d.region_code"
	    " WHERE substr(r.path, 1, length(CAST(? AS TEXT)))"
	    " = CAST(? AS TEXT)"
	    " ORDER BY r.path, d.code",
	    json_pack("[ss]", path_prefix, path_prefix), rows);
}

enum yw_err
yw_org_store_department_get(struct yw_db *db, int64_t id, json_t **row)
{
	return yw_db_row(db,
	    "SELECT d.id, d.code, d.name, d.name_en, d.region_code,"
	    " r.name AS region_name, d.phone, d.address,"
	    " r.path AS region_path"
	    " FROM department d JOIN region r ON r.code = d.region_code"
	    " WHERE d.id = ?",
	    json_pack("[I]", (json_int_t)id), row);
}

enum yw_err
yw_org_store_department_by_code(struct yw_db *db, const char *code,
    int64_t *id_out)
{
	return query_id(db, "SELECT id FROM department WHERE code = ?",
	    json_pack("[s]", code), id_out);
}

enum yw_err
yw_org_store_department_insert(struct yw_db *db,
    const struct yw_org_dept_fields *f, int64_t now, int64_t *id_out)
{
	return query_id(db,
	    "INSERT INTO department (code, name, name_en, region_code, phone,"
	    " address, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    json_pack("[ssssssII]", f->code, f->name, f->name_en,
	    f->region_code, f->phone, f->address, (json_int_t)now,
	    (json_int_t)now), id_out);
}

enum yw_err
yw_org_store_department_update(struct yw_db *db, int64_t id,
    const struct yw_org_dept_fields *f, int64_t now)
{
	return yw_db_rows(db,
	    "UPDATE department SET code = ?, name = ?, name_en = ?,"
	    " region_code = ?, phone = ?, address = ?, updated_at = ?"
	    " WHERE id = ?",
	    json_pack("[ssssssII]", f->code, f->name, f->name_en,
	    f->region_code, f->phone, f->address, (json_int_t)now,
	    (json_int_t)id), NULL);
}

enum yw_err
yw_org_store_staff_list(struct yw_db *db, int64_t department_id,
    json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT a.id, a.login, a.display_name, a.department_id,"
	    " d.name AS department_name, a.status, a.phone"
	    " FROM account a LEFT JOIN department d ON d.id = a.department_id"
	    " WHERE a.kind = 'staff'"
	    " AND (CAST(? AS BIGINT) = 0 OR a.department_id = ?)"
	    " ORDER BY COALESCE(d.code, ''), a.login",
	    json_pack("[II]", (json_int_t)department_id,
	    (json_int_t)department_id), rows);
}

enum yw_err
yw_org_store_staff_roles(struct yw_db *db, int64_t department_id,
    json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT s.account_id, s.role"
	    " FROM staff_role s JOIN account a ON a.id = s.account_id"
	    " WHERE a.kind = 'staff'"
	    " AND (CAST(? AS BIGINT) = 0 OR a.department_id = ?)",
	    json_pack("[II]", (json_int_t)department_id,
	    (json_int_t)department_id), rows);
}

enum yw_err
yw_org_store_staff_get(struct yw_db *db, int64_t id, json_t **row)
{
	return yw_db_row(db,
	    "SELECT a.id, a.login, a.display_name, a.phone, a.email,"
	    " a.department_id, d.name AS department_name, a.status,"
	    " a.created_at, a.updated_at"
	    " FROM account a LEFT JOIN department d ON d.id = a.department_id"
	    " WHERE a.id = ? AND a.kind = 'staff'",
	    json_pack("[I]", (json_int_t)id), row);
}

enum yw_err
yw_org_store_roles(struct yw_db *db, int64_t account_id, unsigned *roles)
{
	json_t		*rows;
	enum yw_err	 rc;
	size_t		 i;
	const char	*name;

	*roles = 0;
	rc = yw_db_rows(db, "SELECT role FROM staff_role WHERE account_id = ?",
	    json_pack("[I]", (json_int_t)account_id), &rows);
	if (rc != YW_OK)
		return rc;
	for (i = 0; i < json_array_size(rows); i++) {
		name = json_string_value(json_object_get(json_array_get(rows,
		    i), "role"));
		if (name != NULL)
			*roles |= (unsigned)yw_role_from_name(name);
	}
	json_decref(rows);
	return YW_OK;
}

enum yw_err
yw_org_store_login_owner(struct yw_db *db, const char *login, int64_t *id_out)
{
	return query_id(db, "SELECT id FROM account WHERE login = ?",
	    json_pack("[s]", login), id_out);
}

enum yw_err
yw_org_store_staff_insert(struct yw_db *db,
    const struct yw_org_staff_fields *f, const char *pwhash, int64_t now,
    int64_t *id_out)
{
	return query_id(db,
	    "INSERT INTO account (kind, login, phone, email, display_name,"
	    " password_hash, department_id, status, created_at, updated_at)"
	    " VALUES ('staff', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    json_pack("[sssssosII]", f->login, f->phone, f->email,
	    f->display_name, pwhash, opt_id(f->department_id), f->status,
	    (json_int_t)now, (json_int_t)now), id_out);
}

enum yw_err
yw_org_store_staff_update(struct yw_db *db, int64_t id,
    const struct yw_org_staff_fields *f, int64_t now)
{
	return yw_db_rows(db,
	    "UPDATE account SET phone = ?, email = ?, display_name = ?,"
	    " department_id = ?, status = ?, updated_at = ?"
	    " WHERE id = ? AND kind = 'staff'",
	    json_pack("[sssosII]", f->phone, f->email, f->display_name,
	    opt_id(f->department_id), f->status, (json_int_t)now,
	    (json_int_t)id), NULL);
}

enum yw_err
yw_org_store_set_password(struct yw_db *db, int64_t id, const char *pwhash,
    int64_t now)
{
	return yw_db_rows(db,
	    "UPDATE account SET password_hash = ?, updated_at = ? WHERE id = ?",
	    json_pack("[sII]", pwhash, (json_int_t)now, (json_int_t)id), NULL);
}

enum yw_err
yw_org_store_set_roles(struct yw_db *db, int64_t id, unsigned roles)
{
	enum yw_err	 rc;
	unsigned	 bit;
	const char	*name;

	rc = yw_db_rows(db, "DELETE FROM staff_role WHERE account_id = ?",
	    json_pack("[I]", (json_int_t)id), NULL);
	for (bit = 1; rc == YW_OK && bit != 0 && bit <= roles; bit <<= 1) {
		if ((roles & bit) == 0)
			continue;
		name = yw_role_name((enum yw_role)bit);
		if (name == NULL)
			return YW_EINTERNAL;
		rc = yw_db_rows(db,
		    "INSERT INTO staff_role (account_id, role) VALUES (?, ?)",
		    json_pack("[Is]", (json_int_t)id, name), NULL);
	}
	return rc;
}

enum yw_err
yw_org_store_end_sessions(struct yw_db *db, int64_t id)
{
	return yw_db_rows(db, "DELETE FROM session WHERE account_id = ?",
	    json_pack("[I]", (json_int_t)id), NULL);
}

enum yw_err
yw_org_store_actor(struct yw_db *db, int64_t id, json_t **row)
{
	return yw_db_row(db,
	    "SELECT a.id, a.kind, a.login, a.display_name, a.department_id,"
	    " a.status, r.path AS region_path"
	    " FROM account a"
	    " LEFT JOIN department d ON d.id = a.department_id"
	    " LEFT JOIN region r ON r.code = d.region_code"
	    " WHERE a.id = ?",
	    json_pack("[I]", (json_int_t)id), row);
}
