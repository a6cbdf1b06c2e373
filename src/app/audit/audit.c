#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/audit/audit.h"
#include "app/audit/audit_store.h"
#include "core/timeutil.h"

#define ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"

static json_t *
opt_id(int64_t v)
{
	return v == 0 ? json_null() : json_integer(v);
}

static int
set(json_t *o, const char *k, json_t *v)
{
	return v == NULL || json_object_set_new(o, k, v) != 0;
}

/*
 * hex(BLAKE2b-256(prev_hash || canonical(r))) into out. YW_EINVAL when a
 * text field is not UTF-8 (jansson refuses it), which for a stored row
 * means it cannot be the row that was hashed.
 */
static enum yw_err
entry_hash(const struct yw_audit_row *r, char out[YW_AUDIT_HASH_HEX + 1])
{
	crypto_generichash_state	 h;
	unsigned char			 bin[32];
	json_t				*o;
	char				*canon = NULL;
	enum yw_err			 rc = YW_ENOMEM;
	int				 bad = 0;

	o = json_object();
	if (o == NULL)
		return YW_ENOMEM;
	bad |= set(o, "id", json_integer(r->id));
	bad |= set(o, "at", json_integer(r->at));
	bad |= set(o, "actor_id", opt_id(r->actor_id));
	bad |= set(o, "actor_login", json_string(r->actor_login));
	bad |= set(o, "department_id", opt_id(r->department_id));
	bad |= set(o, "action", json_string(r->action));
	bad |= set(o, "object_type", json_string(r->object_type));
	bad |= set(o, "object_id", json_string(r->object_id));
	bad |= set(o, "detail", json_string(r->detail));
	bad |= set(o, "source_ip", json_string(r->source_ip));
	if (bad) {
		rc = YW_EINVAL;
		goto out;
	}
	canon = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	if (canon == NULL)
		goto out;
	if (sodium_init() < 0) {
		rc = YW_EINTERNAL;
		goto out;
	}
	crypto_generichash_init(&h, NULL, 0, sizeof(bin));
	crypto_generichash_update(&h, (const unsigned char *)r->prev_hash,
	    strlen(r->prev_hash));
	crypto_generichash_update(&h, (const unsigned char *)canon,
	    strlen(canon));
	crypto_generichash_final(&h, bin, sizeof(bin));
	sodium_bin2hex(out, YW_AUDIT_HASH_HEX + 1, bin, sizeof(bin));
	rc = YW_OK;
out:
	free(canon);
	json_decref(o);
	return rc;
}

enum yw_err
yw_audit_append(struct yw_db *db, const struct yw_actor *a,
    const char *action, const char *object_type, const char *object_id,
    json_t *detail)
{
	struct yw_audit_row	 r;
	char			 prev[YW_AUDIT_HASH_HEX + 1];
	char			 hash[YW_AUDIT_HASH_HEX + 1];
	char			*dtext = NULL;
	int64_t			 last_id;
	enum yw_err		 rc;

	if (action == NULL || action[0] == '\0')
		return YW_EINVAL;
	if (detail != NULL)
		dtext = json_dumps(detail, JSON_SORT_KEYS | JSON_COMPACT |
		    JSON_ENCODE_ANY);
	else
		dtext = strdup("{}");
	if (dtext == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rc = yw_audit_store_head(db, &last_id, prev);
	if (rc != YW_OK)
		goto out;
	memset(&r, 0, sizeof(r));
	r.id = last_id + 1;
	r.at = yw_time_now();
	r.actor_id = a != NULL ? a->id : 0;
	r.actor_login = a != NULL ? a->login : "";
	r.department_id = a != NULL ? a->department_id : 0;
	r.action = action;
	r.object_type = object_type != NULL ? object_type : "";
	r.object_id = object_id != NULL ? object_id : "";
	r.detail = dtext;
	r.source_ip = a != NULL ? a->source_ip : "";
	r.prev_hash = prev;
	rc = entry_hash(&r, hash);
	if (rc != YW_OK)
		goto out;
	r.hash = hash;
	rc = yw_audit_store_insert(db, &r);
	if (rc != YW_OK)
		goto out;
	rc = yw_audit_store_move_head(db, last_id, r.id, hash);
out:
	free(dtext);
	return rc;
}

struct verify {
	int64_t	next_id;	/* the id the next row must have */
	int64_t	bad_id;		/* 0 while intact */
	char	prev[YW_AUDIT_HASH_HEX + 1];
};

static enum yw_err
verify_row(void *ctx, const struct yw_audit_row *r)
{
	struct verify	*v = ctx;
	char		 hash[YW_AUDIT_HASH_HEX + 1];
	enum yw_err	 rc;

	if (r->id != v->next_id) {
		/* Ids sort ascending and are unique, so a larger id means
		 * next_id is missing; a smaller one (ids <= 0) is forged. */
		v->bad_id = r->id > v->next_id ? v->next_id : r->id;
		return YW_ECONFLICT;
	}
	if (strcmp(r->prev_hash, v->prev) != 0) {
		v->bad_id = r->id;
		return YW_ECONFLICT;
	}
	rc = entry_hash(r, hash);
	if (rc == YW_EINVAL || (rc == YW_OK && strcmp(hash, r->hash) != 0)) {
		v->bad_id = r->id;
		return YW_ECONFLICT;
	}
	if (rc != YW_OK)
		return rc;
	memcpy(v->prev, r->hash, YW_AUDIT_HASH_HEX + 1);
	v->next_id++;
	return YW_OK;
}

enum yw_err
yw_audit_verify(struct yw_db *db, int64_t *count, int64_t *bad_id)
{
	struct verify	 v;
	char		 head_hash[YW_AUDIT_HASH_HEX + 1];
	int64_t		 head_id, n;
	enum yw_err	 rc;

	if (count != NULL)
		*count = 0;
	if (bad_id != NULL)
		*bad_id = 0;
	memset(&v, 0, sizeof(v));
	v.next_id = 1;
	memcpy(v.prev, ZERO_HASH, sizeof(v.prev));
	rc = yw_audit_store_walk(db, &head_id, head_hash, verify_row, &v);
	if (rc != YW_OK && rc != YW_ECONFLICT)
		return rc;
	n = v.next_id - 1;
	if (rc == YW_OK) {
		if (head_id < 0 || head_hash[0] == '\0') {
			/* The head row itself is gone or garbled: the tail
			 * can no longer be vouched for. */
			v.bad_id = n + 1;
		} else if (head_id > n) {
			/* rows deleted from the tail */
			v.bad_id = n + 1;
		} else if (head_id < n) {
			/* rows appended past the head */
			v.bad_id = head_id + 1;
		} else if (strcmp(head_hash, v.prev) != 0) {
			v.bad_id = n == 0 ? 1 : n;
		}
	}
	if (v.bad_id != 0) {
		if (bad_id != NULL)
			*bad_id = v.bad_id;
		return YW_ECONFLICT;
	}
	if (count != NULL)
		*count = n;
	return YW_OK;
}

static int
has_role(const struct yw_actor *a, unsigned role)
{
	return a != NULL && strcmp(a->kind, "staff") == 0 &&
	    (a->roles & role) != 0;
}

/* A top-level region's path has one segment: "/350000000000/". */
static int
is_top_level(const char *path)
{
	const char	*p;
	int		 slashes = 0;

	for (p = path; *p != '\0'; p++)
		if (*p == '/')
			slashes++;
	return slashes == 2;
}

static enum yw_err
entry_view(json_t *row, json_t **out)
{
	json_t		*e;
	const char	*hash;
	char		 local[32], shorth[13];
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_time_fmt_local(json_integer_value(json_object_get(row, "at")),
	    local, sizeof(local), 1);
	if (rc != YW_OK)
		local[0] = '\0';
	hash = json_string_value(json_object_get(row, "hash"));
	(void)snprintf(shorth, sizeof(shorth), "%s", hash != NULL ? hash : "");
	e = json_deep_copy(row);
	if (e == NULL)
		return YW_ENOMEM;
	if (json_object_set_new(e, "at_local", json_string(local)) != 0 ||
	    json_object_set_new(e, "hash", json_string(shorth)) != 0) {
		json_decref(e);
		return YW_ENOMEM;
	}
	*out = e;
	return YW_OK;
}

enum yw_err
yw_audit_list(struct yw_db *db, const struct yw_actor *a,
    const struct yw_audit_filter *f, json_t **out)
{
	static const struct yw_audit_filter none;
	struct yw_audit_scope	 scope;
	json_t			*rows = NULL, *res = NULL, *entries, *e, *row;
	enum yw_err		 rc;
	size_t			 i, n;
	int			 limit;

	*out = NULL;
	if (f == NULL)
		f = &none;
	memset(&scope, 0, sizeof(scope));
	if (has_role(a, YW_ROLE_PLATFORM_ADMIN)) {
		scope.all = 1;
	} else if (has_role(a, YW_ROLE_AUDITOR) && a->region_path[0] == '/') {
		scope.region_path = a->region_path;
		scope.with_null_dept = is_top_level(a->region_path);
	} else {
		return YW_EFORBIDDEN;
	}
	limit = f->limit;
	if (limit <= 0)
		limit = YW_AUDIT_LIST_DEFAULT;
	if (limit > YW_AUDIT_LIST_MAX)
		limit = YW_AUDIT_LIST_MAX;
	/* One row more than asked tells whether another page exists. */
	rc = yw_audit_store_list(db, &scope, f, limit + 1, &rows);
	if (rc != YW_OK)
		goto out;
	res = json_object();
	entries = json_array();
	if (res == NULL || entries == NULL ||
	    json_object_set_new(res, "entries", entries) != 0) {
		json_decref(entries);
		rc = YW_ENOMEM;
		goto out;
	}
	n = json_array_size(rows);
	for (i = 0; i < n && i < (size_t)limit; i++) {
		rc = entry_view(json_array_get(rows, i), &e);
		if (rc != YW_OK)
			goto out;
		if (json_array_append_new(entries, e) != 0) {
			rc = YW_ENOMEM;
			goto out;
		}
	}
	if (n > (size_t)limit) {
		row = json_array_get(rows, (size_t)limit - 1);
		e = json_incref(json_object_get(row, "id"));
	} else {
		e = json_null();
	}
	if (json_object_set_new(res, "next_before_id", e) != 0) {
		rc = YW_ENOMEM;
		goto out;
	}
	*out = res;
	res = NULL;
out:
	json_decref(rows);
	json_decref(res);
	return rc;
}

enum yw_err
yw_audit_epoch(struct yw_db *db, int64_t *epoch)
{
	return yw_audit_store_epoch(db, epoch);
}

enum yw_err
yw_audit_since(struct yw_db *db, int64_t since, const char *object_type,
    int64_t *epoch, int *changed)
{
	return yw_audit_store_since(db, since, object_type, epoch, changed);
}

enum yw_err
yw_audit_append_id(struct yw_db *db, const struct yw_actor *a,
    const char *action, const char *object_type, int64_t id, json_t *detail)
{
	char		oid[24];
	enum yw_err	rc;

	(void)snprintf(oid, sizeof(oid), "%lld", (long long)id);
	rc = yw_audit_append(db, a, action, object_type, oid, detail);
	json_decref(detail);
	return rc;
}
