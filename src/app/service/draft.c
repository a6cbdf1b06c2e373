/*
 * draft.c - application drafts: kept as typed, checked only for size and
 * clean text until they are submitted through case.c. SQL lives in
 * draft_store.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/attach/attach.h"
#include "app/service/case.h"
#include "app/service/draft.h"
#include "app/service/draft_store.h"
#include "core/jsonx.h"
#include "core/magic.h"
#include "core/timeutil.h"
#include "core/utf8.h"

/* The default of formdef.c for an attachment field without max_bytes. */
#define DRAFT_ATTACH_DEFAULT	(5 * 1024 * 1024)

static void
field_error(json_t **errors, const char *field, const char *code)
{
	if (*errors == NULL)
		*errors = json_object();
	json_object_set_new(*errors, field, json_string(code));
}

static int
kind_ok(const char *kind)
{
	return kind != NULL && (strcmp(kind, "item") == 0 ||
	    strcmp(kind, "bundle") == 0);
}

/* The form of a target as yw_case_form gives it. */
static enum yw_err
target_form(struct yw_db *db, const char *kind, const char *code,
    json_t **out)
{
	int item;

	*out = NULL;
	if (!kind_ok(kind) || code == NULL)
		return YW_EINVAL;
	item = strcmp(kind, "item") == 0;
	return yw_case_form(db, item ? code : NULL, item ? NULL : code, out);
}

/* The field of form target named name, or NULL. */
static json_t *
form_field(json_t *target, const char *name)
{
	json_t	*f;
	size_t	 i;

	json_array_foreach(json_object_get(json_object_get(target, "form"),
	    "fields"), i, f)
		if (strcmp(yw_jstr(f, "name"), name) == 0)
			return f;
	return NULL;
}

/* Loads draft id of applicant a; YW_ENOTFOUND for anyone else's. */
static enum yw_err
owned(struct yw_db *db, const struct yw_actor *a, int64_t id, json_t **row)
{
	enum yw_err rc;

	*row = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_draft_store_get(db, id, row);
	if (rc != YW_OK)
		return rc;
	if (json_integer_value(json_object_get(*row, "applicant_id")) !=
	    a->id) {
		json_decref(*row);
		*row = NULL;
		return YW_ENOTFOUND;
	}
	return YW_OK;
}

static json_t *
stored_values(json_t *row)
{
	json_t *v;

	v = json_loads(yw_jstr(row, "form_values"), 0, NULL);
	if (!json_is_object(v)) {
		json_decref(v);
		v = json_object();
	}
	return v;
}

/*
 * Merges the text values of in into values for the fields of target's
 * form (attachments excluded). YW_EINVAL with *errors when a value is not
 * clean text or too long; values is then partly changed, so callers pass a
 * copy they drop on error.
 */
static enum yw_err
merge_text(json_t *target, json_t *values, json_t *in, json_t **errors)
{
	json_t		*f;
	const char	*name, *type, *s;
	size_t		 i, n;

	json_array_foreach(json_object_get(json_object_get(target, "form"),
	    "fields"), i, f) {
		name = yw_jstr(f, "name");
		type = yw_jstr(f, "type");
		if (strcmp(type, "attachment") == 0)
			continue;
		s = json_string_value(json_object_get(in, name));
		if (s == NULL)
			continue;
		n = strlen(s);
		if (n == 0) {
			json_object_del(values, name);
			continue;
		}
		if (!yw_utf8_valid(s, n) || yw_utf8_has_control(s, n,
		    strcmp(type, "textarea") == 0)) {
			field_error(errors, name, "invalid");
			continue;
		}
		if (yw_utf8_count(s, n) > YW_DRAFT_VALUE_MAX) {
			field_error(errors, name, "too_long");
			continue;
		}
		json_object_set_new(values, name, json_string(s));
	}
	return *errors != NULL ? YW_EINVAL : YW_OK;
}

/* values as stored text (caller frees); YW_ETOOBIG past the limit. */
static enum yw_err
dump_values(json_t *values, char **out)
{
	*out = json_dumps(values, JSON_COMPACT | JSON_SORT_KEYS);
	if (*out == NULL)
		return YW_ENOMEM;
	if (strlen(*out) > YW_DRAFT_VALUES_MAX) {
		free(*out);
		*out = NULL;
		return YW_ETOOBIG;
	}
	return YW_OK;
}

enum yw_err
yw_draft_find(struct yw_db *db, const struct yw_actor *a, const char *kind,
    const char *code, int64_t *id)
{
	*id = 0;
	if (a->id == 0)
		return YW_EAUTH;
	if (!kind_ok(kind) || code == NULL)
		return YW_EINVAL;
	return yw_draft_store_find(db, a->id, kind, code, id);
}

enum yw_err
yw_draft_open(struct yw_db *db, const struct yw_actor *a, const char *kind,
    const char *code, json_t *values, int64_t now, int64_t *id)
{
	json_t		*target, *merged, *errors;
	char		*text;
	int64_t		 open;
	enum yw_err	 rc;

	*id = 0;
	if (a->id == 0)
		return YW_EAUTH;
	rc = target_form(db, kind, code, &target);
	if (rc != YW_OK)
		return rc;
	rc = yw_draft_store_find(db, a->id, kind, code, id);
	if (rc == YW_OK) {
		json_decref(target);
		errors = NULL;
		rc = yw_draft_save(db, a, *id, values, now, &errors);
		json_decref(errors);
		return rc == YW_EINVAL ? YW_OK : rc;
	}
	if (rc != YW_ENOTFOUND)
		goto out;
	rc = yw_draft_store_count_open(db, a->id, &open);
	if (rc != YW_OK)
		goto out;
	if (open >= YW_DRAFT_OPEN_MAX) {
		rc = YW_ETOOMANY;
		goto out;
	}
	merged = json_object();
	errors = NULL;
	/* Bad text is left out here; the form shows it again from the
	 * request, and the next save reports it. */
	(void)merge_text(target, merged, values, &errors);
	json_decref(errors);
	rc = dump_values(merged, &text);
	json_decref(merged);
	if (rc != YW_OK)
		goto out;
	rc = yw_draft_store_insert(db, a->id, kind, code, text, now, id);
	free(text);
out:
	json_decref(target);
	return rc;
}

enum yw_err
yw_draft_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **out)
{
	json_t		*row, *target;
	char		 when[32];
	enum yw_err	 rc;

	*out = NULL;
	rc = owned(db, a, id, &row);
	if (rc != YW_OK)
		return rc;
	if (target_form(db, yw_jstr(row, "kind"), yw_jstr(row, "code"),
	    &target) !=
	    YW_OK)
		target = json_null();
	if (yw_time_fmt_local(json_integer_value(json_object_get(row,
	    "updated_at")), when, sizeof(when), 1) != YW_OK)
		when[0] = '\0';
	*out = json_pack("{s:O, s:O, s:O, s:o, s:O, s:O, s:s, s:o}", "id",
	    json_object_get(row, "id"), "kind", json_object_get(row, "kind"),
	    "code", json_object_get(row, "code"), "values",
	    stored_values(row), "submitted_case_id", json_object_get(row,
	    "submitted_case_id"), "updated_at", json_object_get(row,
	    "updated_at"), "updated_at_local", when, "target", target);
	json_decref(row);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_draft_save(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *values, int64_t now, json_t **errors)
{
	json_t		*row, *target, *merged;
	char		*text;
	enum yw_err	 rc;

	*errors = NULL;
	rc = owned(db, a, id, &row);
	if (rc != YW_OK)
		return rc;
	target = NULL;
	merged = NULL;
	if (json_is_integer(json_object_get(row, "submitted_case_id"))) {
		rc = YW_ECONFLICT;
		goto out;
	}
	rc = target_form(db, yw_jstr(row, "kind"), yw_jstr(row, "code"),
	    &target);
	if (rc != YW_OK)
		goto out;
	merged = stored_values(row);
	rc = merge_text(target, merged, values, errors);
	if (rc != YW_OK)
		goto out;
	rc = dump_values(merged, &text);
	if (rc != YW_OK)
		goto out;
	rc = yw_draft_store_set_values(db, id, text, now);
	free(text);
out:
	json_decref(merged);
	json_decref(target);
	json_decref(row);
	return rc;
}

/* 1 when the file name claims a type that field accepts. */
static int
accepts(json_t *field, const char *name)
{
	const char	*claimed, *want;
	json_t		*acc;
	size_t		 i;

	claimed = yw_magic_claimed(name);
	if (claimed == NULL)
		return 0;
	json_array_foreach(json_object_get(field, "accept"), i, acc) {
		want = yw_magic_claimed(json_string_value(acc));
		if (want != NULL && strcmp(want, claimed) == 0)
			return 1;
	}
	return 0;
}

enum yw_err
yw_draft_upload(struct yw_db *db, const struct yw_actor *a, int64_t id,
    const char *field, const char *name, const void *p, size_t n,
    int64_t now, json_t **errors)
{
	struct yw_attach	 att;
	json_t			*row, *target, *f, *values, *max;
	char			*text;
	size_t			 limit;
	enum yw_err		 rc;

	*errors = NULL;
	rc = owned(db, a, id, &row);
	if (rc != YW_OK)
		return rc;
	target = values = NULL;
	if (json_is_integer(json_object_get(row, "submitted_case_id"))) {
		rc = YW_ECONFLICT;
		goto out;
	}
	rc = target_form(db, yw_jstr(row, "kind"), yw_jstr(row, "code"),
	    &target);
	if (rc != YW_OK)
		goto out;
	f = field != NULL ? form_field(target, field) : NULL;
	if (f == NULL || strcmp(yw_jstr(f, "type"), "attachment") != 0) {
		field_error(errors, "field", "invalid");
		rc = YW_EINVAL;
		goto out;
	}
	max = json_object_get(f, "max_bytes");
	limit = json_is_integer(max) ? (size_t)json_integer_value(max) :
	    DRAFT_ATTACH_DEFAULT;
	if (p == NULL || n == 0)
		field_error(errors, field, "required");
	else if (name == NULL || !accepts(f, name))
		field_error(errors, field, "type");
	else if (n > limit)
		field_error(errors, field, "too_big");
	if (*errors != NULL) {
		rc = YW_EINVAL;
		goto out;
	}
	rc = yw_attach_put(db, p, n, name, limit, now, &att);
	if (rc == YW_EINVAL || rc == YW_ETOOBIG) {
		field_error(errors, field, rc == YW_EINVAL ? "type" :
		    "too_big");
		rc = YW_EINVAL;
	}
	if (rc != YW_OK)
		goto out;
	values = stored_values(row);
	json_object_set_new(values, field, yw_attach_json(&att));
	rc = dump_values(values, &text);
	if (rc != YW_OK)
		goto out;
	rc = yw_draft_store_set_values(db, id, text, now);
	free(text);
out:
	json_decref(values);
	json_decref(target);
	json_decref(row);
	return rc;
}

enum yw_err
yw_draft_detach(struct yw_db *db, const struct yw_actor *a, int64_t id,
    const char *field, int64_t now)
{
	json_t		*row, *values;
	char		*text;
	enum yw_err	 rc;

	rc = owned(db, a, id, &row);
	if (rc != YW_OK)
		return rc;
	values = NULL;
	if (json_is_integer(json_object_get(row, "submitted_case_id"))) {
		rc = YW_ECONFLICT;
		goto out;
	}
	values = stored_values(row);
	if (field == NULL || !json_is_object(json_object_get(values, field)))
		goto out;
	json_object_del(values, field);
	rc = dump_values(values, &text);
	if (rc != YW_OK)
		goto out;
	rc = yw_draft_store_set_values(db, id, text, now);
	free(text);
out:
	json_decref(values);
	json_decref(row);
	return rc;
}

enum yw_err
yw_draft_submit(struct yw_db *db, const struct yw_actor *a,
    const struct yw_keyring *k, int64_t id, int64_t now, json_t **errors, int64_t *case_id, char tracking[40])
{
	struct yw_case_input	 in;
	json_t			*row;
	char			 key[48];
	int			 item;
	enum yw_err		 rc;

	*errors = NULL;
	*case_id = 0;
	tracking[0] = '\0';
	rc = owned(db, a, id, &row);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(key, sizeof(key), "%s%lld", YW_DRAFT_KEY_PREFIX,
	    (long long)id);
	item = strcmp(yw_jstr(row, "kind"), "item") == 0;
	memset(&in, 0, sizeof(in));
	in.item_code = item ? yw_jstr(row, "code") : NULL;
	in.bundle_code = item ? NULL : yw_jstr(row, "code");
	in.values = stored_values(row);
	in.idem_key = key;
	in.keyring = k;
	rc = yw_case_apply(db, a, &in, now, errors, case_id, tracking);
	json_decref(in.values);
	if (rc == YW_OK && !json_is_integer(json_object_get(row,
	    "submitted_case_id")))
		rc = yw_draft_store_submitted(db, id, *case_id, now);
	json_decref(row);
	return rc;
}

enum yw_err
yw_draft_mine(struct yw_db *db, const struct yw_actor *a, json_t **out)
{
	json_t		*d;
	char		 when[32];
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_draft_store_mine(db, a->id, out);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(*out, i, d)
		if (yw_time_fmt_local(json_integer_value(json_object_get(d,
		    "updated_at")), when, sizeof(when), 1) == YW_OK)
			json_object_set_new(d, "updated_at_local",
			    json_string(when));
	return YW_OK;
}
