#include <stdio.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/org/org.h"
#include "app/org/org_input.h"
#include "app/org/org_store.h"
#include "core/buf.h"
#include "core/timeutil.h"

/* Where each level's own segment of a 12-digit code ends. */
static const int seg_end[] = { 0, 2, 4, 6, 9, 12 };

/* 1 if s is n bytes, each a digit. */
static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* An office phone: 3..32 of digits, spaces and "+-()", at least 3 digits. */
static int
office_phone_ok(const char *s)
{
	size_t n = 0, digits = 0;

	for (; *s != '\0'; s++, n++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s != ' ' && *s != '+' && *s != '-' && *s != '(' &&
		    *s != ')')
			return 0;
	}
	return n <= 32 && digits >= 3;
}

static int
code_shape(const char *code, int level)
{
	int i;

	if (code == NULL || strlen(code) != 12 || !all_digits(code, 12))
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
		prefix = yw_org_input_str(root, "path");
		base = segments(prefix);
	}
	rc = yw_org_store_regions(db, prefix, &rows);
	if (rc != YW_OK)
		goto out;
	json_array_foreach(rows, i, r) {
		path = yw_org_input_str(r, "path");
		(void)snprintf(code6, sizeof(code6), "%s", yw_org_input_str(r, "code"));
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
	(void)snprintf(code6, sizeof(code6), "%s", yw_org_input_str(row, "code"));
	if (json_object_set_new(row, "code6", json_string(code6)) != 0) {
		json_decref(row);
		return YW_ENOMEM;
	}
	*out = row;
	return YW_OK;
}

enum yw_err
yw_org_region_save(struct yw_db *db, const struct yw_actor *a, int create,
    json_t *in, json_t **errors)
{
	struct yw_org_input	 x;
	struct yw_buf	 path;
	json_t		*cur = NULL, *parent = NULL, *detail = NULL;
	const char	*code, *name, *name_en, *pcode;
	int64_t		 level = 0;
	int		 has_level;
	enum yw_err	 rc;

	*errors = NULL;
	if (!yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN))
		return YW_EFORBIDDEN;
	rc = yw_org_input_init(&x, in);
	if (rc != YW_OK)
		return rc;
	yw_buf_init(&path);
	code = yw_org_input_text(&x, "code", 12, YW_ORG_REQUIRED);
	if (code != NULL && (strlen(code) != 12 || !all_digits(code, 12)))
		yw_org_input_fail(&x, "code", "invalid");
	name = yw_org_input_text(&x, "name", YW_ORG_NAME_MAX,
	    create ? YW_ORG_REQUIRED : YW_ORG_NONEMPTY);
	name_en = yw_org_input_text(&x, "name_en", YW_ORG_NAME_EN_MAX, 0);
	pcode = yw_org_input_text(&x, "parent_code", 12, 0);
	has_level = yw_org_input_num(&x, "level", &level);
	if (has_level > 0 &&
	    (level < YW_REGION_PROVINCE || level > YW_REGION_VILLAGE))
		yw_org_input_fail(&x, "level", "invalid");
	if (create && has_level == 0)
		yw_org_input_fail(&x, "level", "required");

	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (create) {
		if (code != NULL && !yw_org_input_failed(&x, "code")) {
			rc = yw_org_store_region_get(db, code, &cur);
			if (rc == YW_OK)
				yw_org_input_fail(&x, "code", "taken");
			else if (rc != YW_ENOTFOUND)
				goto txn;
		}
		if (!yw_org_input_failed(&x, "level") && level > YW_REGION_PROVINCE) {
			if (pcode == NULL || pcode[0] == '\0') {
				if (!yw_org_input_failed(&x, "parent_code"))
					yw_org_input_fail(&x, "parent_code", "required");
			} else {
				rc = yw_org_store_region_get(db, pcode,
				    &parent);
				if (rc == YW_ENOTFOUND)
					yw_org_input_fail(&x, "parent_code", "not_found");
				else if (rc != YW_OK)
					goto txn;
				else if (yw_org_input_int(parent, "level") != level - 1)
					yw_org_input_fail(&x, "parent_code", "invalid");
			}
		} else if (level == YW_REGION_PROVINCE && pcode != NULL &&
		    pcode[0] != '\0') {
			yw_org_input_fail(&x, "parent_code", "invalid");
		}
		if (code != NULL && !yw_org_input_failed(&x, "code") &&
		    !yw_org_input_failed(&x, "level") && !yw_org_input_failed(&x, "parent_code") &&
		    !yw_org_region_code_valid(code, (int)level,
		    parent != NULL ? yw_org_input_str(parent, "code") : NULL))
			yw_org_input_fail(&x, "code", "invalid");
	} else if (code != NULL && !yw_org_input_failed(&x, "code")) {
		rc = yw_org_store_region_get(db, code, &cur);
		if (rc != YW_OK)
			goto txn;
		if (has_level > 0 && level != yw_org_input_int(cur, "level"))
			yw_org_input_fail(&x, "level", "invalid");
		if (pcode != NULL && strcmp(pcode, yw_org_input_str(cur, "parent_code")))
			yw_org_input_fail(&x, "parent_code", "invalid");
	}
	rc = yw_org_input_done(&x, errors);
	if (rc != YW_OK)
		goto txn;
	if (name_en == NULL)
		name_en = create ? "" : yw_org_input_str(cur, "name_en");
	detail = json_object();
	if (detail == NULL) {
		rc = YW_ENOMEM;
		goto txn;
	}
	if (create) {
		rc = yw_buf_appendf(&path, "%s%s/",
		    parent != NULL ? yw_org_input_str(parent, "path") : "/", code);
		if (rc != YW_OK)
			goto txn;
		rc = yw_org_store_region_insert(db, code, name, name_en, level,
		    parent != NULL ? pcode : NULL, path.data);
		if (rc == YW_ECONFLICT) {
			yw_org_input_fail(&x, "code", "taken");
			rc = yw_org_input_done(&x, errors);
		}
		if (rc != YW_OK)
			goto txn;
		json_decref(detail);
		detail = json_pack("{s:s, s:s, s:s, s:I, s:s?}", "code", code,
		    "name", name, "name_en", name_en, "level",
		    (json_int_t)level, "parent_code",
		    parent != NULL ? pcode : NULL);
		if (detail == NULL) {
			rc = YW_ENOMEM;
			goto txn;
		}
		rc = yw_audit_append(db, a, "region.create", "region", code,
		    detail);
	} else {
		if (name == NULL)
			name = yw_org_input_str(cur, "name");
		if (yw_org_input_diff_str(detail, "name", yw_org_input_str(cur, "name"), name) != 0 ||
		    yw_org_input_diff_str(detail, "name_en", yw_org_input_str(cur, "name_en"),
		    name_en) != 0) {
			rc = YW_ENOMEM;
			goto txn;
		}
		if (json_object_size(detail) == 0)
			goto txn;
		rc = yw_org_store_region_update(db, code, name, name_en);
		if (rc == YW_OK)
			rc = yw_audit_append(db, a, "region.update", "region",
			    code, detail);
	}
txn:
	rc = yw_org_input_finish(db, rc);
out:
	yw_buf_free(&path);
	json_decref(cur);
	json_decref(parent);
	json_decref(detail);
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
		prefix = yw_org_input_str(region, "path");
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
			if (json_object_set_new(d, keys[i],
			    json_string(vals[i])) != 0)
				return -1;
		} else if (yw_org_input_diff_str(d, keys[i], yw_org_input_str(cur, keys[i]),
		    vals[i]) != 0) {
			return -1;
		}
	}
	return 0;
}

enum yw_err
yw_org_department_save(struct yw_db *db, const struct yw_actor *a,
    int64_t id, json_t *in, int64_t *id_out, json_t **errors)
{
	struct yw_org_dept_fields	 f;
	struct yw_org_input			 x;
	json_t				*cur = NULL, *region = NULL;
	json_t				*detail = NULL;
	char				 idtext[24];
	int64_t				 other;
	int				 admin, req;
	enum yw_err			 rc;

	*errors = NULL;
	if (id_out != NULL)
		*id_out = 0;
	admin = yw_org_input_has_role(a, YW_ROLE_PLATFORM_ADMIN);
	if (!admin && !(yw_org_input_has_role(a, YW_ROLE_DEPT_ADMIN) && id != 0 &&
	    id == a->department_id))
		return YW_EFORBIDDEN;
	rc = yw_org_input_init(&x, in);
	if (rc != YW_OK)
		return rc;
	req = id == 0 ? YW_ORG_REQUIRED : YW_ORG_NONEMPTY;
	memset(&f, 0, sizeof(f));
	f.code = yw_org_input_text(&x, "code", YW_ORG_DEPT_CODE_MAX, req);
	if (f.code != NULL && !yw_org_input_name_chars(f.code, 1))
		yw_org_input_fail(&x, "code", "invalid");
	f.name = yw_org_input_text(&x, "name", YW_ORG_NAME_MAX, req);
	f.name_en = yw_org_input_text(&x, "name_en", YW_ORG_NAME_EN_MAX, 0);
	f.region_code = yw_org_input_text(&x, "region_code", 12, req);
	f.phone = yw_org_input_text(&x, "phone", 32, 0);
	if (f.phone != NULL && f.phone[0] != '\0' && !office_phone_ok(f.phone))
		yw_org_input_fail(&x, "phone", "invalid");
	f.address = yw_org_input_text(&x, "address", YW_ORG_ADDRESS_MAX, 0);

	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (id != 0) {
		rc = yw_org_store_department_get(db, id, &cur);
		if (rc != YW_OK)
			goto txn;
		if (!admin) {
			if (f.code != NULL && strcmp(f.code, yw_org_input_str(cur, "code")))
				yw_org_input_fail(&x, "code", "forbidden");
			if (f.region_code != NULL &&
			    strcmp(f.region_code, yw_org_input_str(cur, "region_code")))
				yw_org_input_fail(&x, "region_code", "forbidden");
		}
	}
	f.code = yw_org_input_keep(f.code, cur, "code");
	f.name = yw_org_input_keep(f.name, cur, "name");
	f.name_en = yw_org_input_keep(f.name_en, cur, "name_en");
	f.region_code = yw_org_input_keep(f.region_code, cur, "region_code");
	f.phone = yw_org_input_keep(f.phone, cur, "phone");
	f.address = yw_org_input_keep(f.address, cur, "address");
	if (!yw_org_input_failed(&x, "region_code")) {
		rc = yw_org_store_region_get(db, f.region_code, &region);
		if (rc == YW_ENOTFOUND)
			yw_org_input_fail(&x, "region_code", "not_found");
		else if (rc != YW_OK)
			goto txn;
	}
	if (!yw_org_input_failed(&x, "code")) {
		rc = yw_org_store_department_by_code(db, f.code, &other);
		if (rc != YW_OK)
			goto txn;
		if (other != 0 && other != id)
			yw_org_input_fail(&x, "code", "taken");
	}
	rc = yw_org_input_done(&x, errors);
	if (rc != YW_OK)
		goto txn;
	detail = json_object();
	if (detail == NULL || dept_detail(detail, cur, &f) != 0) {
		rc = YW_ENOMEM;
		goto txn;
	}
	if (id == 0) {
		rc = yw_org_store_department_insert(db, &f, yw_time_now(), &id);
	} else {
		if (json_object_size(detail) == 0)
			goto done;
		rc = yw_org_store_department_update(db, id, &f,
		    yw_time_now());
	}
	if (rc == YW_ECONFLICT) {
		yw_org_input_fail(&x, "code", "taken");
		rc = yw_org_input_done(&x, errors);
	}
	if (rc != YW_OK)
		goto txn;
	(void)snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	rc = yw_audit_append(db, a, cur == NULL ? "department.create" :
	    "department.update", "department", idtext, detail);
done:
	if (rc == YW_OK && id_out != NULL)
		*id_out = id;
txn:
	rc = yw_org_input_finish(db, rc);
	if (rc != YW_OK && id_out != NULL)
		*id_out = 0;
out:
	json_decref(cur);
	json_decref(region);
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
	if (strcmp(yw_org_input_str(row, "status"), "active") != 0) {
		rc = YW_EAUTH;
		goto out;
	}
	t.id = yw_org_input_int(row, "id");
	t.department_id = yw_org_input_int(row, "department_id");
	if (copy_exact(t.kind, sizeof(t.kind), yw_org_input_str(row, "kind")) != 0 ||
	    copy_exact(t.login, sizeof(t.login), yw_org_input_str(row, "login")) != 0 ||
	    copy_exact(t.region_path, sizeof(t.region_path),
	    yw_org_input_str(row, "region_path")) != 0) {
		rc = YW_EINTERNAL;
		goto out;
	}
	copy_cut(t.display_name, sizeof(t.display_name),
	    yw_org_input_str(row, "display_name"));
	if (strcmp(t.kind, "staff") == 0)
		rc = yw_org_store_roles(db, t.id, &t.roles);
out:
	if (rc != YW_OK) {
		memcpy(out->source_ip, t.source_ip, sizeof(t.source_ip));
		memset(&t, 0, sizeof(t));
		memcpy(t.source_ip, out->source_ip, sizeof(t.source_ip));
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

