#include <stdio.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/org/org.h"
#include "app/org/org_input.h"
#include "app/org/org_store.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/valid.h"

/* Where each level's own segment of a 12-digit code ends. */
static const int seg_end[] = { 0, 2, 4, 6, 9, 12 };

/* 1 if s is all ASCII digits. */
static int
all_digits(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static const char *
str(json_t *o, const char *k)
{
	return yw_org_input_str(o, k);
}

static int
code_shape(const char *code, int level)
{
	int i;

	if (code == NULL || strlen(code) != 12 || !all_digits(code))
		return 0;
	if (level < YW_REGION_PROVINCE || level > YW_REGION_VILLAGE)
		return 0;
	for (i = seg_end[level]; i < 12; i++)
		if (code[i] != '0')
			return 0;
	for (i = seg_end[level - 1]; i < seg_end[level]; i++)
		if (code[i] != '0')
			return 1;
	return 0;
}

int
yw_org_region_code_valid(const char *code, int level, const char *parent_code)
{
	if (!code_shape(code, level))
		return 0;
	if (level == YW_REGION_PROVINCE)
		return parent_code == NULL || parent_code[0] == '\0';
	return code_shape(parent_code, level - 1) &&
	    memcmp(code, parent_code, (size_t)seg_end[level - 1]) == 0;
}

static int
segments(const char *path)
{
	int n = 0;

	for (; *path != '\0'; path++)
		if (*path == '/')
			n++;
	return n > 0 ? n - 1 : 0;
}

enum yw_err
yw_org_regions(struct yw_db *db, const char *root_code, json_t **out)
{
	json_t		*root = NULL, *rows = NULL, *r;
	const char	*prefix = "", *path;
	char		 code6[7];
	enum yw_err	 rc;
	size_t		 i;
	int		 base = 1;

	*out = NULL;
	if (root_code != NULL && root_code[0] != '\0') {
		rc = yw_org_store_region_get(db, root_code, &root);
		if (rc != YW_OK)
			goto out;
		prefix = str(root, "path");
		base = segments(prefix);
	}
	rc = yw_org_store_regions(db, prefix, &rows);
	if (rc != YW_OK)
		goto out;
	json_array_foreach(rows, i, r) {
		path = str(r, "path");
		(void)snprintf(code6, sizeof(code6), "%s", str(r, "code"));
		if (json_object_set_new(r, "code6", json_string(code6)) != 0 ||
		    json_object_set_new(r, "depth",
		    json_integer(segments(path) - base)) != 0) {
			rc = YW_ENOMEM;
			goto out;
		}
		(void)json_object_del(r, "path");
	}
	*out = rows;
	rows = NULL;
out:
	json_decref(root);
	json_decref(rows);
	return rc;
}

enum yw_err
yw_org_region_get(struct yw_db *db, const char *code, json_t **out)
{
	json_t		*row;
	char		 code6[7];
	enum yw_err	 rc;

	*out = NULL;
	if (code == NULL)
		return YW_ENOTFOUND;
	rc = yw_org_store_region_get(db, code, &row);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(code6, sizeof(code6), "%s", str(row, "code"));
	if (json_object_set_new(row, "code6", json_string(code6)) != 0) {
		json_decref(row);
		return YW_ENOMEM;
	}
	*out = row;
	return YW_OK;
}

/* A region form after the checks that need no database. */
struct region_in {
	const char	*code;
	const char	*name;
	const char	*name_en;
	const char	*parent_code;
	int64_t		 level;
	int		 has_level;
};

/* The parent checks of a new region; loads *parent when there is one. */
static enum yw_err
region_parent(struct yw_db *db, struct yw_org_input *x,
    const struct region_in *r, json_t **parent)
{
	const char	*pc = r->parent_code;
	enum yw_err	 rc;

	*parent = NULL;
	if (yw_org_input_failed(x, "level") || yw_org_input_failed(x,
	    "parent_code"))
		return YW_OK;
	if (r->level == YW_REGION_PROVINCE) {
		if (pc != NULL && pc[0] != '\0')
			yw_org_input_fail(x, "parent_code", "invalid");
		return YW_OK;
	}
	if (pc == NULL || pc[0] == '\0') {
		yw_org_input_fail(x, "parent_code", "required");
		return YW_OK;
	}
	rc = yw_org_store_region_get(db, pc, parent);
	if (rc == YW_ENOTFOUND) {
		yw_org_input_fail(x, "parent_code", "not_found");
		return YW_OK;
	}
	if (rc != YW_OK)
		return rc;
	if (yw_org_input_int(*parent, "level") != r->level - 1)
		yw_org_input_fail(x, "parent_code", "invalid");
	return YW_OK;
}

static enum yw_err
region_create(struct yw_db *db, const struct yw_actor *a,
    struct yw_org_input *x, const struct region_in *r, json_t **errors)
{
	struct yw_buf	 path;
	json_t		*cur = NULL, *parent = NULL, *detail = NULL;
	const char	*name_en;
	enum yw_err	 rc;

	yw_buf_init(&path);
	if (r->code != NULL && !yw_org_input_failed(x, "code")) {
		rc = yw_org_store_region_get(db, r->code, &cur);
		if (rc == YW_OK)
			yw_org_input_fail(x, "code", "taken");
		else if (rc != YW_ENOTFOUND)
			goto out;
	}
	rc = region_parent(db, x, r, &parent);
	if (rc != YW_OK)
		goto out;
	if (r->code != NULL && !yw_org_input_failed(x, "code") &&
	    !yw_org_input_failed(x, "level") &&
	    !yw_org_input_failed(x, "parent_code") &&
	    !yw_org_region_code_valid(r->code, (int)r->level,
	    parent != NULL ? str(parent, "code") : NULL))
		yw_org_input_fail(x, "code", "invalid");
	rc = yw_org_input_done(x, errors);
	if (rc != YW_OK)
		goto out;
	name_en = r->name_en != NULL ? r->name_en : "";
	rc = yw_buf_appendf(&path, "%s%s/",
	    parent != NULL ? str(parent, "path") : "/", r->code);
	if (rc != YW_OK)
		goto out;
	rc = yw_org_store_region_insert(db, r->code, r->name, name_en,
	    r->level, parent != NULL ? r->parent_code : NULL, path.data);
	if (rc == YW_ECONFLICT) {
		yw_org_input_fail(x, "code", "taken");
		rc = yw_org_input_done(x, errors);
	}
	if (rc != YW_OK)
		goto out;
	detail = json_pack("{s:s, s:s, s:s, s:I, s:s?}", "code", r->code,
	    "name", r->name, "name_en", name_en, "level", (json_int_t)r->level,
	    "parent_code", parent != NULL ? r->parent_code : NULL);
	if (detail == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rc = yw_audit_append(db, a, "region.create", "region", r->code, detail);
out:
	yw_buf_free(&path);
	json_decref(cur);
	json_decref(parent);
	json_decref(detail);
	return rc;
}

static enum yw_err
region_update(struct yw_db *db, const struct yw_actor *a,
    struct yw_org_input *x, const struct region_in *r, json_t **errors)
{
	json_t		*cur = NULL, *detail = NULL;
	const char	*name, *name_en;
	enum yw_err	 rc;

	rc = yw_org_input_done(x, errors);
	if (rc != YW_OK)
		return rc;
	rc = yw_org_store_region_get(db, r->code, &cur);
	if (rc != YW_OK)
		return rc;
	/* Moving a region would rewrite every path below it: not offered. */
	if (r->has_level > 0 && r->level != yw_org_input_int(cur, "level"))
		yw_org_input_fail(x, "level", "invalid");
	if (r->parent_code != NULL &&
	    strcmp(r->parent_code, str(cur, "parent_code")) != 0)
		yw_org_input_fail(x, "parent_code", "invalid");
	rc = yw_org_input_done(x, errors);
	if (rc != YW_OK)
		goto out;
	name = yw_org_input_keep(r->name, cur, "name");
	name_en = yw_org_input_keep(r->name_en, cur, "name_en");
	detail = json_object();
	if (detail == NULL ||
	    yw_org_input_diff_str(detail, "name", str(cur, "name"), name) ||
	    yw_org_input_diff_str(detail, "name_en", str(cur, "name_en"),
	    name_en)) {
		rc = YW_ENOMEM;
		goto out;
	}
	if (json_object_size(detail) == 0)
		goto out;
	rc = yw_org_store_region_update(db, r->code, name, name_en);
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "region.update", "region", r->code,
		    detail);
out:
	json_decref(cur);
	json_decref(detail);
	return rc;
}

enum yw_err
yw_org_region_save(struct yw_db *db, const struct yw_actor *a, int create,
    json_t *in, json_t **errors)
{
	struct yw_org_input	 x;
	struct region_in	 r;
	enum yw_err		 rc;

	*errors = NULL;
	if (!yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN))
		return YW_EFORBIDDEN;
	rc = yw_org_input_init(&x, in);
	if (rc != YW_OK)
		return rc;
	memset(&r, 0, sizeof(r));
	r.code = yw_org_input_text(&x, "code", 12, YW_ORG_REQUIRED);
	if (r.code != NULL && (strlen(r.code) != 12 || !all_digits(r.code)))
		yw_org_input_fail(&x, "code", "invalid");
	r.name = yw_org_input_text(&x, "name", YW_ORG_NAME_MAX,
	    create ? YW_ORG_REQUIRED : YW_ORG_NONEMPTY);
	r.name_en = yw_org_input_text(&x, "name_en", YW_ORG_NAME_EN_MAX, 0);
	r.parent_code = yw_org_input_text(&x, "parent_code", 12, 0);
	r.has_level = yw_org_input_num(&x, "level", &r.level);
	if (r.has_level > 0 &&
	    (r.level < YW_REGION_PROVINCE || r.level > YW_REGION_VILLAGE))
		yw_org_input_fail(&x, "level", "invalid");
	if (create && r.has_level == 0)
		yw_org_input_fail(&x, "level", "required");
	if (!create && r.code == NULL) {
		rc = yw_org_input_done(&x, errors);
		goto out;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (create)
		rc = region_create(db, a, &x, &r, errors);
	else
		rc = region_update(db, a, &x, &r, errors);
	rc = yw_org_input_finish(db, rc);
out:
	yw_org_input_free(&x);
	return rc;
}

enum yw_err
yw_org_departments(struct yw_db *db, const char *region_code, json_t **out)
{
	json_t		*region = NULL;
	const char	*prefix = "";
	enum yw_err	 rc;

	*out = NULL;
	if (region_code != NULL && region_code[0] != '\0') {
		rc = yw_org_store_region_get(db, region_code, &region);
		if (rc != YW_OK)
			return rc;
		prefix = str(region, "path");
	}
	rc = yw_org_store_departments(db, prefix, out);
	json_decref(region);
	return rc;
}

enum yw_err
yw_org_department_get(struct yw_db *db, int64_t id, json_t **out)
{
	*out = NULL;
	if (id <= 0)
		return YW_ENOTFOUND;
	return yw_org_store_department_get(db, id, out);
}

/* The audit detail: every field on create, the changed ones on update. */
static int
dept_detail(json_t *d, json_t *cur, const struct yw_org_dept_fields *f)
{
	static const char *const keys[] = { "code", "name", "name_en",
	    "region_code", "phone", "address" };
	const char	*vals[6];
	size_t		 i;

	vals[0] = f->code;
	vals[1] = f->name;
	vals[2] = f->name_en;
	vals[3] = f->region_code;
	vals[4] = f->phone;
	vals[5] = f->address;
	for (i = 0; i < 6; i++) {
		if (cur == NULL) {
			if (yw_org_input_set(d, keys[i], json_string(vals[i])))
				return -1;
		} else if (yw_org_input_diff_str(d, keys[i], str(cur, keys[i]),
		    vals[i]) != 0) {
			return -1;
		}
	}
	return 0;
}

/* Reads a department form: the checks that need no database. */
static void
dept_read(struct yw_org_input *x, int create, struct yw_org_dept_fields *f)
{
	int req;

	req = create ? YW_ORG_REQUIRED : YW_ORG_NONEMPTY;
	memset(f, 0, sizeof(*f));
	f->code = yw_org_input_text(x, "code", YW_ORG_DEPT_CODE_MAX, req);
	if (f->code != NULL && !yw_org_input_name_chars(f->code, 1))
		yw_org_input_fail(x, "code", "invalid");
	f->name = yw_org_input_text(x, "name", YW_ORG_NAME_MAX, req);
	f->name_en = yw_org_input_text(x, "name_en", YW_ORG_NAME_EN_MAX, 0);
	f->region_code = yw_org_input_text(x, "region_code", 12, req);
	f->phone = yw_org_input_text(x, "phone", 32, 0);
	if (f->phone != NULL && f->phone[0] != '\0' &&
	    !yw_valid_office_phone(f->phone, strlen(f->phone)))
		yw_org_input_fail(x, "phone", "invalid");
	f->address = yw_org_input_text(x, "address", YW_ORG_ADDRESS_MAX, 0);
}

/* The checks of a department save that need the database or the stored
 * row cur (NULL on create); fills the fields not given from cur. */
static enum yw_err
dept_check(struct yw_db *db, struct yw_org_input *x, int admin, int64_t id,
    json_t *cur, struct yw_org_dept_fields *f)
{
	json_t		*region = NULL;
	int64_t		 other;
	enum yw_err	 rc;

	if (cur != NULL && !admin) {
		if (f->code != NULL && strcmp(f->code, str(cur, "code")) != 0)
			yw_org_input_fail(x, "code", "forbidden");
		if (f->region_code != NULL &&
		    strcmp(f->region_code, str(cur, "region_code")) != 0)
			yw_org_input_fail(x, "region_code", "forbidden");
	}
	f->code = yw_org_input_keep(f->code, cur, "code");
	f->name = yw_org_input_keep(f->name, cur, "name");
	f->name_en = yw_org_input_keep(f->name_en, cur, "name_en");
	f->region_code = yw_org_input_keep(f->region_code, cur, "region_code");
	f->phone = yw_org_input_keep(f->phone, cur, "phone");
	f->address = yw_org_input_keep(f->address, cur, "address");
	if (!yw_org_input_failed(x, "region_code")) {
		rc = yw_org_store_region_get(db, f->region_code, &region);
		json_decref(region);
		if (rc == YW_ENOTFOUND)
			yw_org_input_fail(x, "region_code", "not_found");
		else if (rc != YW_OK)
			return rc;
	}
	if (!yw_org_input_failed(x, "code")) {
		rc = yw_org_store_department_by_code(db, f->code, &other);
		if (rc != YW_OK)
			return rc;
		if (other != 0 && other != id)
			yw_org_input_fail(x, "code", "taken");
	}
	return YW_OK;
}

enum yw_err
yw_org_department_save(struct yw_db *db, const struct yw_actor *a,
    int64_t id, json_t *in, int64_t *id_out, json_t **errors)
{
	struct yw_org_dept_fields	 f;
	struct yw_org_input		 x;
	json_t				*cur = NULL, *detail = NULL;
	char				 idtext[24];
	int				 admin;
	enum yw_err			 rc;

	*errors = NULL;
	if (id_out != NULL)
		*id_out = 0;
	admin = yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN);
	if (!admin && !(yw_org_input_has_role(a, YW_ROLE_DEPT_ADMIN) &&
	    id != 0 && id == a->department_id))
		return YW_EFORBIDDEN;
	rc = yw_org_input_init(&x, in);
	if (rc != YW_OK)
		return rc;
	dept_read(&x, id == 0, &f);
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (id != 0) {
		rc = yw_org_store_department_get(db, id, &cur);
		if (rc != YW_OK)
			goto txn;
	}
	rc = dept_check(db, &x, admin, id, cur, &f);
	if (rc == YW_OK)
		rc = yw_org_input_done(&x, errors);
	if (rc != YW_OK)
		goto txn;
	detail = json_object();
	if (detail == NULL || dept_detail(detail, cur, &f) != 0) {
		rc = YW_ENOMEM;
		goto txn;
	}
	if (cur != NULL && json_object_size(detail) == 0)
		goto txn;	/* nothing changed, nothing to audit */
	if (cur == NULL)
		rc = yw_org_store_department_insert(db, &f, yw_time_now(), &id);
	else
		rc = yw_org_store_department_update(db, id, &f, yw_time_now());
	if (rc == YW_ECONFLICT) {
		yw_org_input_fail(&x, "code", "taken");
		rc = yw_org_input_done(&x, errors);
	}
	if (rc != YW_OK)
		goto txn;
	(void)snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	rc = yw_audit_append(db, a, cur == NULL ? "department.create" :
	    "department.update", "department", idtext, detail);
txn:
	rc = yw_org_input_finish(db, rc);
	if (rc == YW_OK && id_out != NULL)
		*id_out = id;
out:
	json_decref(cur);
	json_decref(detail);
	yw_org_input_free(&x);
	return rc;
}

/* Copies s into dst (size n), cut at a UTF-8 character boundary. */
static void
copy_cut(char *dst, size_t n, const char *s)
{
	size_t len;

	len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

static int
copy_exact(char *dst, size_t n, const char *s)
{
	size_t len;

	len = strlen(s);
	if (len >= n)
		return -1;
	memcpy(dst, s, len + 1);
	return 0;
}

enum yw_err
yw_org_actor_load(struct yw_db *db, int64_t account_id, struct yw_actor *out)
{
	struct yw_actor	 t;
	json_t		*row = NULL;
	enum yw_err	 rc;

	memset(&t, 0, sizeof(t));
	memcpy(t.source_ip, out->source_ip, sizeof(t.source_ip));
	t.source_ip[sizeof(t.source_ip) - 1] = '\0';
	rc = account_id > 0 ? yw_org_store_actor(db, account_id, &row) :
	    YW_ENOTFOUND;
	if (rc != YW_OK)
		goto out;
	if (strcmp(str(row, "status"), "active") != 0) {
		rc = YW_EAUTH;
		goto out;
	}
	t.id = yw_org_input_int(row, "id");
	t.department_id = yw_org_input_int(row, "department_id");
	if (copy_exact(t.kind, sizeof(t.kind), str(row, "kind")) != 0 ||
	    copy_exact(t.login, sizeof(t.login), str(row, "login")) != 0 ||
	    copy_exact(t.region_path, sizeof(t.region_path),
	    str(row, "region_path")) != 0) {
		rc = YW_EINTERNAL;
		goto out;
	}
	copy_cut(t.display_name, sizeof(t.display_name),
	    str(row, "display_name"));
	if (strcmp(t.kind, "staff") == 0)
		rc = yw_org_store_roles(db, t.id, &t.roles);
out:
	if (rc != YW_OK) {
		memset(&t, 0, sizeof(t));
		memcpy(t.source_ip, out->source_ip, sizeof(t.source_ip));
		t.source_ip[sizeof(t.source_ip) - 1] = '\0';
	}
	*out = t;
	json_decref(row);
	return rc;
}

int
yw_org_actor_in_region(const struct yw_actor *a, const char *region_path)
{
	size_t n;

	if (a == NULL || region_path == NULL || region_path[0] == '\0' ||
	    a->region_path[0] == '\0')
		return 0;
	n = strlen(region_path);
	return strncmp(a->region_path, region_path, n) == 0;
}

