#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/account/password.h"
#include "app/audit/audit.h"
#include "app/org/org.h"
#include "app/org/org_input.h"
#include "app/org/org_store.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

/* Roles a dept_admin may grant and revoke. */
#define GRANTABLE (YW_ROLE_CASE_HANDLER | YW_ROLE_PUBLISHER | \
	YW_ROLE_DATA_STEWARD | YW_ROLE_AUDITOR)

static const char *
str(json_t *o, const char *k)
{
	return yw_org_input_str(o, k);
}

static int
set(json_t *o, const char *k, json_t *v)
{
	return yw_org_input_set(o, k, v);
}

static json_t *
opt_id(int64_t v)
{
	return v != 0 ? json_integer(v) : json_null();
}

static json_t *
roles_json(unsigned roles)
{
	json_t		*arr;
	unsigned	 bit;
	const char	*name;

	arr = json_array();
	if (arr == NULL)
		return NULL;
	for (bit = 1; bit != 0 && bit <= roles; bit <<= 1) {
		if ((roles & bit) == 0)
			continue;
		name = yw_role_name((enum yw_role)bit);
		if (name != NULL &&
		    json_array_append_new(arr, json_string(name)) != 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* Masked forms for lists and the audit log; "" for empty or odd values. */
static void
mask_phone(const char *s, char *out, size_t outsz)
{
	if (s[0] == '\0' || yw_mask_phone(s, strlen(s), out, outsz) != YW_OK)
		out[0] = '\0';
}

static void
mask_email(const char *s, char *out, size_t outsz)
{
	if (s[0] == '\0' || yw_mask_email(s, strlen(s), out, outsz) != YW_OK)
		out[0] = '\0';
}

/*
 * The department whose staff a may see: -1 for all (platform admin), the
 * own department for a dept_admin, 0 for none.
 */
static int64_t
staff_scope(const struct yw_actor *a)
{
	if (yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN))
		return -1;
	if (yw_org_input_has_role(a, YW_ROLE_DEPT_ADMIN) &&
	    a->department_id > 0)
		return a->department_id;
	return 0;
}

enum yw_err
yw_org_staff_list(struct yw_db *db, const struct yw_actor *a,
    int64_t department_id, json_t **out)
{
	json_t		*rows = NULL, *roles = NULL, *byid = NULL, *r, *arr;
	char		 key[24], masked[32];
	int64_t		 scope;
	unsigned	 bits;
	enum yw_err	 rc;
	size_t		 i;

	*out = NULL;
	scope = staff_scope(a);
	if (scope == 0)
		return YW_EFORBIDDEN;
	if (scope > 0) {
		if (department_id != 0 && department_id != scope)
			return YW_EFORBIDDEN;
		department_id = scope;
	}
	rc = yw_org_store_staff_list(db, department_id, &rows);
	if (rc != YW_OK)
		goto out;
	rc = yw_org_store_staff_roles(db, department_id, &roles);
	if (rc != YW_OK)
		goto out;
	/* Role bits per account id, then one pass over the accounts. */
	rc = YW_ENOMEM;
	byid = json_object();
	if (byid == NULL)
		goto out;
	json_array_foreach(roles, i, r) {
		(void)snprintf(key, sizeof(key), "%lld",
		    (long long)yw_org_input_int(r, "account_id"));
		bits = (unsigned)json_integer_value(json_object_get(byid, key));
		bits |= (unsigned)yw_role_from_name(str(r, "role"));
		if (json_object_set_new(byid, key, json_integer(bits)) != 0)
			goto out;
	}
	json_array_foreach(rows, i, r) {
		(void)snprintf(key, sizeof(key), "%lld",
		    (long long)yw_org_input_int(r, "id"));
		bits = (unsigned)json_integer_value(json_object_get(byid, key));
		mask_phone(str(r, "phone"), masked, sizeof(masked));
		arr = roles_json(bits);
		if (arr == NULL || json_object_set_new(r, "roles", arr) != 0 ||
		    json_object_set_new(r, "phone_masked",
		    json_string(masked)) != 0)
			goto out;
		(void)json_object_del(r, "phone");
	}
	*out = rows;
	rows = NULL;
	rc = YW_OK;
out:
	json_decref(rows);
	json_decref(roles);
	json_decref(byid);
	return rc;
}

/* Loads staff account id into *row with its role bits if a may see it. */
static enum yw_err
staff_visible(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **row, unsigned *roles)
{
	int64_t		scope;
	enum yw_err	rc;

	*row = NULL;
	*roles = 0;
	scope = staff_scope(a);
	if (id <= 0 || (scope == 0 && !(yw_org_input_is_staff(a) &&
	    a->id == id)))
		return YW_ENOTFOUND;
	rc = yw_org_store_staff_get(db, id, row);
	if (rc != YW_OK)
		return rc;
	if (scope > 0 && yw_org_input_int(*row, "department_id") != scope &&
	    a->id != id) {
		json_decref(*row);
		*row = NULL;
		return YW_ENOTFOUND;
	}
	rc = yw_org_store_roles(db, id, roles);
	if (rc != YW_OK) {
		json_decref(*row);
		*row = NULL;
	}
	return rc;
}

enum yw_err
yw_org_staff_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **out)
{
	json_t		*row;
	char		 masked[32];
	unsigned	 roles;
	enum yw_err	 rc;

	*out = NULL;
	rc = staff_visible(db, a, id, &row, &roles);
	if (rc != YW_OK)
		return rc;
	mask_phone(str(row, "phone"), masked, sizeof(masked));
	if (json_object_set_new(row, "roles", roles_json(roles)) != 0 ||
	    json_object_set_new(row, "phone_masked", json_string(masked))) {
		json_decref(row);
		return YW_ENOMEM;
	}
	*out = row;
	return YW_OK;
}

/*
 * Role names from an array or a comma-separated string. Returns 1 with
 * *bits when present (null and "" give none), 0 when absent, -1 when a
 * name is unknown or the value is neither (error recorded).
 */
static int
parse_roles(struct yw_org_input *x, unsigned *bits)
{
	json_t		*v, *e;
	const char	*s, *end;
	char		 name[32];
	size_t		 i, n;
	enum yw_role	 r;

	*bits = 0;
	v = json_object_get(x->in, "roles");
	if (v == NULL)
		return 0;
	if (json_is_null(v))
		return 1;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e) {
			s = json_string_value(e);
			r = s != NULL ? yw_role_from_name(s) : 0;
			if (r == 0)
				goto bad;
			*bits |= (unsigned)r;
		}
		return 1;
	}
	if (!json_is_string(v))
		goto bad;
	s = json_string_value(v);
	while (*s != '\0') {
		end = strchr(s, ',');
		if (end == NULL)
			end = s + strlen(s);
		while (s < end && yw_org_input_is_space(*s))
			s++;
		n = (size_t)(end - s);
		while (n > 0 && yw_org_input_is_space(s[n - 1]))
			n--;
		if (n >= sizeof(name))
			goto bad;
		if (n > 0) {
			memcpy(name, s, n);
			name[n] = '\0';
			r = yw_role_from_name(name);
			if (r == 0)
				goto bad;
			*bits |= (unsigned)r;
		}
		s = *end == ',' ? end + 1 : end;
	}
	return 1;
bad:
	yw_org_input_fail(x, "roles", "invalid");
	return -1;
}

/* 8..128 code points holding at least one letter and one digit. */
static int
password_ok(const char *pw)
{
	const char	*p;
	int		 letter = 0, digit = 0;

	if (yw_utf8_count(pw, strlen(pw)) < YW_ORG_PASSWORD_MIN)
		return 0;
	for (p = pw; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digit = 1;
		else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (unsigned char)*p >= 0x80)
			letter = 1;
	}
	return letter && digit;
}

/* The audit detail of a staff change: every field on create, the changed
 * ones on update; phone and e-mail masked, never the password. */
static int
staff_detail(json_t *d, json_t *cur, const struct yw_org_staff_fields *f,
    unsigned old_roles, unsigned new_roles)
{
	char	op[32], np[32], oe[300], ne[300];
	int	bad = 0;

	mask_phone(f->phone, np, sizeof(np));
	mask_email(f->email, ne, sizeof(ne));
	if (cur == NULL) {
		bad |= set(d, "login", json_string(f->login));
		bad |= set(d, "display_name", json_string(f->display_name));
		bad |= set(d, "department_id", opt_id(f->department_id));
		bad |= set(d, "roles", roles_json(new_roles));
		bad |= set(d, "status", json_string(f->status));
		bad |= set(d, "phone", json_string(np));
		bad |= set(d, "email", json_string(ne));
		return bad ? -1 : 0;
	}
	mask_phone(str(cur, "phone"), op, sizeof(op));
	mask_email(str(cur, "email"), oe, sizeof(oe));
	bad |= yw_org_input_diff_str(d, "display_name",
	    str(cur, "display_name"), f->display_name);
	/* Compare the raw values: two numbers can share a mask. */
	if (strcmp(str(cur, "phone"), f->phone) != 0)
		bad |= set(d, "phone", json_pack("{ssss}", "old", op, "new",
		    np));
	if (strcmp(str(cur, "email"), f->email) != 0)
		bad |= set(d, "email", json_pack("{ssss}", "old", oe, "new",
		    ne));
	bad |= yw_org_input_diff(d, "department_id",
	    opt_id(yw_org_input_int(cur, "department_id")),
	    opt_id(f->department_id));
	bad |= yw_org_input_diff_str(d, "status", str(cur, "status"),
	    f->status);
	if (old_roles != new_roles)
		bad |= yw_org_input_diff(d, "roles", roles_json(old_roles),
		    roles_json(new_roles));
	return bad ? -1 : 0;
}

/* A staff form after the checks that need no database. */
struct staff_in {
	const char	*login;
	const char	*display_name;
	const char	*phone;
	const char	*email;
	const char	*status;	/* NULL: keep, or "active" on create */
	const char	*password;	/* NULL: keep */
	int64_t		 department_id;
	int		 has_dept;
	unsigned	 roles;
	int		 has_roles;
};

static void
staff_read(struct yw_org_input *x, int create, struct staff_in *s)
{
	int req;

	req = create ? YW_ORG_REQUIRED : YW_ORG_NONEMPTY;
	memset(s, 0, sizeof(*s));
	s->login = yw_org_input_text(x, "login", YW_ORG_LOGIN_MAX, req);
	if (s->login != NULL && (strlen(s->login) < YW_ORG_LOGIN_MIN ||
	    !yw_org_input_name_chars(s->login, 0)))
		yw_org_input_fail(x, "login", "invalid");
	s->display_name = yw_org_input_text(x, "display_name",
	    YW_ORG_NAME_MAX, req);
	s->phone = yw_org_input_text(x, "phone", 32, 0);
	if (s->phone != NULL && s->phone[0] != '\0' &&
	    !yw_valid_phone(s->phone, strlen(s->phone)))
		yw_org_input_fail(x, "phone", "invalid");
	s->email = yw_org_input_text(x, "email", 254, 0);
	if (s->email != NULL && s->email[0] != '\0' &&
	    !yw_valid_email(s->email, strlen(s->email)))
		yw_org_input_fail(x, "email", "invalid");
	s->status = yw_org_input_text(x, "status", 16, 0);
	if (s->status != NULL && s->status[0] == '\0')
		s->status = NULL;
	if (s->status != NULL && strcmp(s->status, "active") != 0 &&
	    strcmp(s->status, "disabled") != 0)
		yw_org_input_fail(x, "status", "invalid");
	s->has_dept = yw_org_input_num(x, "department_id", &s->department_id);
	s->has_roles = parse_roles(x, &s->roles);
	s->password = yw_org_input_text(x, "password", YW_ORG_PASSWORD_MAX,
	    YW_ORG_NOTRIM | (create ? YW_ORG_REQUIRED : 0));
	if (s->password != NULL && s->password[0] == '\0')
		s->password = NULL;
	if (s->password != NULL && !password_ok(s->password))
		yw_org_input_fail(x, "password", "invalid");
}

/*
 * Loads the account being updated into *cur with its roles, applying the
 * scope rules: outside a's department it does not exist for a dept_admin,
 * and one holding platform_admin is out of a dept_admin's reach.
 */
static enum yw_err
staff_load(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **cur, unsigned *roles)
{
	int		admin;
	enum yw_err	rc;

	admin = yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN);
	rc = staff_visible(db, a, id, cur, roles);
	if (rc != YW_OK)
		return rc;
	if (!admin &&
	    yw_org_input_int(*cur, "department_id") != a->department_id)
		rc = YW_ENOTFOUND;
	else if (!admin && (*roles & YW_ROLE_PLATFORM_ADMIN) != 0)
		rc = YW_EFORBIDDEN;
	if (rc != YW_OK) {
		json_decref(*cur);
		*cur = NULL;
	}
	return rc;
}

/* The record to store: what was given, else what is stored (cur may be
 * NULL), else the defaults of a new account. */
static void
staff_merge(const struct yw_actor *a, const struct staff_in *s, json_t *cur,
    struct yw_org_staff_fields *f)
{
	memset(f, 0, sizeof(*f));
	f->login = cur != NULL ? str(cur, "login") : s->login;
	f->display_name = yw_org_input_keep(s->display_name, cur,
	    "display_name");
	f->phone = yw_org_input_keep(s->phone, cur, "phone");
	f->email = yw_org_input_keep(s->email, cur, "email");
	if (s->status != NULL)
		f->status = s->status;
	else
		f->status = cur != NULL ? str(cur, "status") : "active";
	if (s->has_dept > 0)
		f->department_id = s->department_id;
	else if (cur != NULL)
		f->department_id = yw_org_input_int(cur, "department_id");
	else if (!yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN))
		f->department_id = a->department_id;
}

/*
 * The checks that need the database or the stored record (cur, NULL on
 * create); records field errors in x.
 */
static enum yw_err
staff_check(struct yw_db *db, const struct yw_actor *a,
    struct yw_org_input *x, const struct staff_in *s, json_t *cur,
    const struct yw_org_staff_fields *f, unsigned old_roles,
    unsigned new_roles)
{
	json_t		*dept = NULL;
	int64_t		 owner;
	enum yw_err	 rc;

	if (cur != NULL && s->login != NULL &&
	    strcmp(s->login, str(cur, "login")) != 0)
		yw_org_input_fail(x, "login", "invalid");
	if (!yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN)) {
		if (f->department_id != a->department_id)
			yw_org_input_fail(x, "department_id", "forbidden");
		if (((old_roles ^ new_roles) & ~(unsigned)GRANTABLE) != 0)
			yw_org_input_fail(x, "roles", "forbidden");
	}
	/* Nobody locks themselves out. */
	if (cur != NULL && yw_org_input_int(cur, "id") == a->id) {
		if (strcmp(f->status, "disabled") == 0 &&
		    strcmp(str(cur, "status"), "disabled") != 0)
			yw_org_input_fail(x, "status", "forbidden");
		if ((old_roles & ~new_roles &
		    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DEPT_ADMIN)) != 0)
			yw_org_input_fail(x, "roles", "forbidden");
	}
	if (!yw_org_input_failed(x, "department_id") &&
	    f->department_id != 0) {
		rc = yw_org_store_department_get(db, f->department_id, &dept);
		json_decref(dept);
		if (rc == YW_ENOTFOUND)
			yw_org_input_fail(x, "department_id", "not_found");
		else if (rc != YW_OK)
			return rc;
	} else if (f->department_id == 0 &&
	    (new_roles & YW_ROLE_PLATFORM_ADMIN) == 0) {
		yw_org_input_fail(x, "department_id", "required");
	}
	if (cur == NULL && f->login != NULL &&
	    !yw_org_input_failed(x, "login")) {
		rc = yw_org_store_login_owner(db, f->login, &owner);
		if (rc != YW_OK)
			return rc;
		if (owner != 0)
			yw_org_input_fail(x, "login", "taken");
	}
	return YW_OK;
}

static enum yw_err
staff_create(struct yw_db *db, const struct yw_actor *a,
    struct yw_org_input *x, const struct yw_org_staff_fields *f,
    unsigned roles, const char *pwhash, json_t *detail, int64_t *id,
    json_t **errors)
{
	char		idtext[24];
	enum yw_err	rc;

	rc = yw_org_store_staff_insert(db, f, pwhash, yw_time_now(), id);
	if (rc == YW_ECONFLICT) {
		/* Lost a race for the login since the check. */
		yw_org_input_fail(x, "login", "taken");
		rc = yw_org_input_done(x, errors);
	}
	if (rc != YW_OK)
		return rc;
	rc = yw_org_store_set_roles(db, *id, roles);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(idtext, sizeof(idtext), "%lld", (long long)*id);
	return yw_audit_append(db, a, "staff.create", "staff", idtext,
	    detail);
}

static enum yw_err
staff_update(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *cur, const struct yw_org_staff_fields *f, unsigned old_roles,
    unsigned new_roles, const char *pwhash, json_t *detail)
{
	char		idtext[24];
	int64_t		now;
	int		disabling;
	enum yw_err	rc = YW_OK;

	now = yw_time_now();
	(void)snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (json_object_size(detail) != 0) {
		rc = yw_org_store_staff_update(db, id, f, now);
		if (rc == YW_OK && old_roles != new_roles)
			rc = yw_org_store_set_roles(db, id, new_roles);
		if (rc == YW_OK)
			rc = yw_audit_append(db, a, "staff.update", "staff",
			    idtext, detail);
		if (rc != YW_OK)
			return rc;
	}
	if (pwhash != NULL) {
		rc = yw_org_store_set_password(db, id, pwhash, now);
		if (rc == YW_OK)
			rc = yw_audit_append(db, a, "staff.password_reset",
			    "staff", idtext, NULL);
		if (rc != YW_OK)
			return rc;
	}
	/* A reset password or a disabled account ends its sessions now,
	 * not when they next time out. */
	disabling = strcmp(f->status, "disabled") == 0 &&
	    strcmp(str(cur, "status"), "disabled") != 0;
	if (pwhash != NULL || disabling)
		rc = yw_org_store_end_sessions(db, id);
	return rc;
}

/* yw_org_staff_save; prehash (may be NULL) stands for Argon2id of the
 * given password (yw_org_staff_save_hashed). */
static enum yw_err
staff_save(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *in, const char *prehash, int64_t *id_out, json_t **errors)
{
	struct yw_org_staff_fields	 f;
	struct yw_org_input		 x;
	struct staff_in			 s;
	json_t				*cur = NULL, *detail = NULL;
	char				 pwhash[YW_PASSWORD_HASH_MAX] = "";
	unsigned			 old_roles = 0, new_roles;
	enum yw_err			 rc;

	*errors = NULL;
	if (id_out != NULL)
		*id_out = 0;
	if (staff_scope(a) == 0)
		return YW_EFORBIDDEN;
	rc = yw_org_input_init(&x, in);
	if (rc != YW_OK)
		return rc;
	staff_read(&x, id == 0, &s);
	/* Argon2id before the transaction, so no lock is held meanwhile;
	 * skipped when the input is refused anyway. */
	if (s.password != NULL && json_object_size(x.errors) == 0) {
		if (prehash != NULL) {
			if (strlen(prehash) >= sizeof(pwhash)) {
				rc = YW_EINVAL;
				goto out;
			}
			memcpy(pwhash, prehash, strlen(prehash) + 1);
		} else
			rc = yw_password_hash(s.password, strlen(s.password),
			    pwhash, sizeof(pwhash));
		if (rc != YW_OK)
			goto out;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (id != 0)
		rc = staff_load(db, a, id, &cur, &old_roles);
	if (rc != YW_OK)
		goto txn;
	staff_merge(a, &s, cur, &f);
	new_roles = s.has_roles > 0 ? s.roles : old_roles;
	rc = staff_check(db, a, &x, &s, cur, &f, old_roles, new_roles);
	if (rc == YW_OK)
		rc = yw_org_input_done(&x, errors);
	if (rc != YW_OK)
		goto txn;
	detail = json_object();
	if (detail == NULL ||
	    staff_detail(detail, cur, &f, old_roles, new_roles) != 0) {
		rc = YW_ENOMEM;
		goto txn;
	}
	if (cur == NULL)
		rc = staff_create(db, a, &x, &f, new_roles, pwhash, detail,
		    &id, errors);
	else
		rc = staff_update(db, a, id, cur, &f, old_roles, new_roles,
		    s.password != NULL ? pwhash : NULL, detail);
txn:
	rc = yw_org_input_finish(db, rc);
	if (rc == YW_OK && id_out != NULL)
		*id_out = id;
out:
	sodium_memzero(pwhash, sizeof(pwhash));
	json_decref(cur);
	json_decref(detail);
	yw_org_input_free(&x);
	return rc;
}

enum yw_err
yw_org_staff_save(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *in, int64_t *id_out, json_t **errors)
{
	return staff_save(db, a, id, in, NULL, id_out, errors);
}

enum yw_err
yw_org_staff_save_hashed(struct yw_db *db, const struct yw_actor *a,
    int64_t id, json_t *in, const char *pwhash, int64_t *id_out,
    json_t **errors)
{
	return staff_save(db, a, id, in, pwhash, id_out, errors);
}
