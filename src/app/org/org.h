/*
 * org.h - the organisation: the five-level region tree, departments, staff
 * accounts and their roles, and the permission rules over them. Every
 * change is checked here (the web layer only renders), made in its own
 * transaction and audited in it. Needs store/db.h, audit and password.
 *
 * Who may do what:
 *   anyone (even anonymous)  read regions and departments (public directory)
 *   platform_admin           everything
 *   dept_admin               edit their own department's name and contact
 *                            fields; list, view, create and edit the staff
 *                            of their own department; grant and revoke
 *                            case_handler, publisher, data_steward, auditor
 *                            only; never move staff elsewhere; never edit
 *                            an account holding platform_admin
 *   any staff member         view their own staff record
 *   everyone else            YW_EFORBIDDEN for changes; a staff record
 *                            outside the actor's scope reads YW_ENOTFOUND
 *
 * Field errors: on YW_EINVAL *errors receives a new object (caller owns)
 * mapping field -> code: "required", "too_long", "invalid", "taken",
 * "not_found", "forbidden". On any other result *errors is NULL. Inputs
 * `in` are borrowed JSON objects whose values are strings (numbers may
 * also be JSON integers); surrounding ASCII white space is trimmed. On
 * update, a field absent from `in` keeps its stored value.
 */
#ifndef YW_ORG_H
#define YW_ORG_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

enum yw_region_level {
	YW_REGION_PROVINCE = 1,	/* 省 */
	YW_REGION_CITY,		/* 市 */
	YW_REGION_COUNTY,	/* 县/区 */
	YW_REGION_TOWNSHIP,	/* 乡镇/街道 */
	YW_REGION_VILLAGE	/* 村/社区 */
};

#define YW_ORG_NAME_MAX		64	/* code points: names, display names */
#define YW_ORG_NAME_EN_MAX	128	/* code points */
#define YW_ORG_ADDRESS_MAX	200	/* code points */
#define YW_ORG_DEPT_CODE_MAX	32	/* bytes of [A-Za-z0-9_.-] */
#define YW_ORG_LOGIN_MIN	3
#define YW_ORG_LOGIN_MAX	32	/* bytes of [a-z0-9_.-] */
#define YW_ORG_PASSWORD_MIN	8	/* code points; letters and digits */
#define YW_ORG_PASSWORD_MAX	128

/*
 * 1 if code is a 12-digit statistical code of the given level: the
 * digits of the level's own segment (2, 4, 6, 9, 12 digits long in all)
 * not all zero and everything after them zero. parent_code (borrowed, may
 * be NULL for level 1) must be of level - 1 and its prefix must start code.
 */
int		yw_org_region_code_valid(const char *code, int level,
		    const char *parent_code);

/*
 * Regions ordered by path (a parent before its children) as a new array
 * (caller owns *out) of {code, code6 (GB/T 2260), name, name_en, level,
 * parent_code (or null), depth (0 for root_code, or level - 1 when all)}.
 * root_code (borrowed) limits the list to that region and its subtree;
 * NULL or "" lists all. YW_ENOTFOUND for an unknown root_code.
 */
enum yw_err	yw_org_regions(struct yw_db *db, const char *root_code,
		    json_t **out);

/* One region as a new object {code, code6, name, name_en, level,
 * parent_code, parent_name, path}; YW_ENOTFOUND when there is none. */
enum yw_err	yw_org_region_get(struct yw_db *db, const char *code,
		    json_t **out);

/*
 * Creates (create = 1) or renames a region; platform_admin only. in =
 * {code, name, name_en, level (integer or numeric string), parent_code}.
 * Creating needs all but name_en; a level-1 region has no parent; others
 * name an existing parent one level up ("not_found" / "invalid"). The code
 * must fit its level and parent ("invalid") and be new ("taken"). Updating
 * finds the region by code (YW_ENOTFOUND) and changes name and name_en;
 * level and parent_code cannot change ("invalid" if given differently).
 * Audited as "region.create" / "region.update".
 */
enum yw_err	yw_org_region_save(struct yw_db *db, const struct yw_actor *a,
		    int create, json_t *in, json_t **errors);

/*
 * Departments ordered by region path, then code, as a new array (caller
 * owns) of {id, code, name, name_en, region_code, region_name, phone,
 * address}. region_code (borrowed; NULL or "" = all) limits the list to
 * departments in that region's subtree; YW_ENOTFOUND if it is unknown.
 */
enum yw_err	yw_org_departments(struct yw_db *db, const char *region_code,
		    json_t **out);

/* One department as a new object: the list fields plus region_path;
 * YW_ENOTFOUND when there is none. */
enum yw_err	yw_org_department_get(struct yw_db *db, int64_t id,
		    json_t **out);

/*
 * Creates (id 0; platform_admin only) or updates a department. in =
 * {code, name, name_en, region_code, phone, address}. code is 1..32 of
 * [A-Za-z0-9_.-] and unique ("taken"); region_code must exist
 * ("not_found"); phone is an office number: up to 32 of digits, spaces
 * and "+-()" with at least 3 digits; address up to YW_ORG_ADDRESS_MAX code
 * points. A dept_admin may
 * update only their own department (else YW_EFORBIDDEN) and only name,
 * name_en, phone and address (a changed code or region_code is
 * "forbidden"). An unknown id gives YW_ENOTFOUND. On YW_OK *id_out (may be
 * NULL) receives the id. Audited as "department.create" /
 * "department.update" with the changed fields.
 */
enum yw_err	yw_org_department_save(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, json_t *in,
		    int64_t *id_out, json_t **errors);

/*
 * Staff in a's scope as a new array (caller owns) of {id, login,
 * display_name, department_id, department_name, roles: [name...], status,
 * phone_masked}, ordered by department then login. department_id 0 means
 * everything in scope: all staff for a platform_admin, the own department
 * for a dept_admin. A dept_admin naming another department, and anyone
 * else, gets YW_EFORBIDDEN.
 */
enum yw_err	yw_org_staff_list(struct yw_db *db, const struct yw_actor *a,
		    int64_t department_id, json_t **out);

/*
 * One staff record as a new object {id, login, display_name, phone,
 * phone_masked, email, department_id, department_name, roles, status,
 * created_at, updated_at}. YW_ENOTFOUND when it does not exist, is not a
 * staff account, or lies outside a's scope (see the table above).
 */
enum yw_err	yw_org_staff_get(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t **out);

/*
 * Creates (id 0) or updates a staff account. in = {login, display_name,
 * phone, email, department_id, roles (array of names or a comma-separated
 * string), status ("active" | "disabled"), password}. login is 3..32 of
 * [a-z0-9_.-], unique ("taken") and fixed once created ("invalid" if given
 * differently); display_name 1..64 code points; phone a mainland mobile
 * number (optional); email optional; department_id must exist
 * ("not_found") and is required unless the roles include platform_admin;
 * unknown role names are "invalid", roles the actor may not grant or revoke
 * "forbidden". password: 8..128 code points with a letter and a digit,
 * required on create; on update it resets the password (audited as
 * "staff.password_reset") and ends the account's sessions, as disabling
 * does. Nobody can disable themselves or drop their own platform_admin or
 * dept_admin role ("forbidden"). Permissions as in the table above;
 * updating an account outside a's scope gives YW_ENOTFOUND, one holding
 * platform_admin by a dept_admin YW_EFORBIDDEN. On YW_OK *id_out (may be
 * NULL) receives the id. Audited as "staff.create" / "staff.update" with
 * the changed fields (phone and e-mail masked, never the password). Runs
 * Argon2id (~60 ms) when a password is given: keep it off the event loop.
 */
enum yw_err	yw_org_staff_save(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t *in, int64_t *id_out, json_t **errors);
/*
 * As yw_org_staff_save, but a password in `in` (still required and checked
 * as there) is stored as pwhash, which the caller computed with
 * yw_password_hash from that same password (borrowed; nothing here can
 * check that it matches). For bulk loads that give many accounts one
 * password, such as the demo, where Argon2id per account was most of the
 * time `yiwang demo` took. Never for input from a request.
 */
enum yw_err	yw_org_staff_save_hashed(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, json_t *in,
		    const char *pwhash, int64_t *id_out, json_t **errors);

/*
 * Fills out for account_id: id, kind, login, display_name, department_id
 * (0 when none), region_path (its department's region, "" when none) and
 * roles (staff only; 0 otherwise). out->source_ip is kept; everything else
 * is overwritten. A display name longer than the field is cut at a
 * character boundary. YW_ENOTFOUND for no such account, YW_EAUTH for a
 * disabled one (out is then cleared but for source_ip).
 */
enum yw_err	yw_org_actor_load(struct yw_db *db, int64_t account_id,
		    struct yw_actor *out);

/*
 * 1 if a's region (the region of its department) is region_path or lies
 * below it, i.e. a->region_path starts with region_path; 0 otherwise and
 * whenever either path is empty. Borrowed arguments.
 */
int		yw_org_actor_in_region(const struct yw_actor *a,
		    const char *region_path);

#endif
