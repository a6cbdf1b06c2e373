/*
 * open_plan.c - the opening plan and the public's data set requests
 * (open_plan.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/data/open_plan.h"
#include "app/data/open_store.h"
#include "app/org/org.h"
#include "core/timeutil.h"
#include "core/utf8.h"

static int
may_manage(const struct yw_actor *a, int64_t dept)
{
	if (a == NULL || strcmp(a->kind, "staff") != 0)
		return 0;
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	return (a->roles & (YW_ROLE_DATA_STEWARD | YW_ROLE_DEPT_ADMIN)) &&
	    a->department_id != 0 && a->department_id == dept;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/* A text field: required or not, at most max code points. */
static void
text_check(json_t *in, const char *k, size_t max, int required,
    json_t *errors)
{
	const char *s = str(in, k);

	if (s[0] == '\0') {
		if (required)
			json_object_set_new(errors, k, json_string(
			    "required"));
		return;
	}
	if (yw_utf8_count(s, strlen(s)) > max)
		json_object_set_new(errors, k, json_string("too_long"));
	else if (yw_utf8_has_control(s, strlen(s), 1))
		json_object_set_new(errors, k, json_string("control"));
}

/* An integer field given as a number or digits, within lo..hi; 0 if not. */
static int64_t
num(json_t *in, const char *k, int64_t lo, int64_t hi)
{
	json_t		*v = json_object_get(in, k);
	const char	*s;
	char		*end;
	long long	 n;

	if (json_is_integer(v))
		n = json_integer_value(v);
	else {
		s = json_string_value(v);
		if (s == NULL || s[0] < '0' || s[0] > '9' || strlen(s) > 15)
			return 0;
		n = strtoll(s, &end, 10);
		if (*end != '\0')
			return 0;
	}
	return n >= lo && n <= hi ? (int64_t)n : 0;
}

enum yw_err
yw_open_plan_list(struct yw_db *db, int64_t year, json_t **out)
{
	json_t		*rows = NULL;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_open_store_plan_list(db, year, &rows);
	if (rc != YW_OK)
		return rc;
	*out = json_pack("{s:I, s:o}", "year", (json_int_t)year, "entries",
	    rows);
	return YW_OK;
}

/* The department of a form: a platform_admin names it, others own it. */
static int64_t
form_dept(struct yw_db *db, const struct yw_actor *a, json_t *in,
    json_t *errors)
{
	json_t	*d = NULL;
	int64_t	 id;

	if (!(a->roles & YW_ROLE_PLATFORM_ADMIN) && strcmp(a->kind,
	    "staff") == 0)
		return a->department_id;
	id = num(in, "department_id", 1, INT64_MAX);
	if (id == 0) {
		json_object_set_new(errors, "department_id", json_string(
		    str(in, "department_id")[0] == '\0' ? "required" :
		    "invalid"));
		return 0;
	}
	if (yw_org_department_get(db, id, &d) != YW_OK) {
		json_object_set_new(errors, "department_id", json_string(
		    "not_found"));
		return 0;
	}
	json_decref(d);
	return id;
}

enum yw_err
yw_open_plan_add(struct yw_db *db, const struct yw_actor *a, json_t *in,
    int64_t *id, json_t **errors)
{
	json_t		*detail;
	int64_t		 dept, year, quarter;
	enum yw_err	 rc;
	char		 ids[24];

	*errors = NULL;
	*id = 0;
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	if (strcmp(a->kind, "staff") != 0 || !(a->roles &
	    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_DATA_STEWARD |
	    YW_ROLE_DEPT_ADMIN)))
		return YW_EFORBIDDEN;
	*errors = json_object();
	dept = form_dept(db, a, in, *errors);
	year = num(in, "year", 2000, 2100);
	if (year == 0)
		json_object_set_new(*errors, "year", json_string(str(in,
		    "year")[0] == '\0' ? "required" : "invalid"));
	quarter = num(in, "quarter", 1, 4);
	if (quarter == 0)
		json_object_set_new(*errors, "quarter", json_string(str(in,
		    "quarter")[0] == '\0' ? "required" : "invalid"));
	text_check(in, "name", YW_OPEN_PLAN_NAME_MAX, 1, *errors);
	text_check(in, "description", YW_OPEN_PLAN_DESC_MAX, 0, *errors);
	if (json_object_size(*errors) > 0)
		return YW_EINVAL;
	json_decref(*errors);
	*errors = NULL;
	if (!may_manage(a, dept))
		return YW_EFORBIDDEN;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_open_store_plan_insert(db, dept, year, quarter, str(in,
	    "name"), str(in, "description"), a->id, yw_time_now(), id);
	(void)snprintf(ids, sizeof(ids), "%lld", (long long)*id);
	detail = json_pack("{s:I, s:I, s:I, s:s}", "department_id",
	    (json_int_t)dept, "year", (json_int_t)year, "quarter",
	    (json_int_t)quarter, "name", str(in, "name"));
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "open_plan.create", "open_plan",
		    ids, detail);
	json_decref(detail);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	return rc;
}

enum yw_err
yw_open_plan_delete(struct yw_db *db, const struct yw_actor *a, int64_t id)
{
	json_t		*row = NULL;
	enum yw_err	 rc;
	char		 ids[24];

	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	rc = yw_open_store_plan_get(db, id, &row);
	if (rc != YW_OK)
		return rc;
	if (!may_manage(a, json_integer_value(json_object_get(row,
	    "department_id")))) {
		rc = YW_EFORBIDDEN;
		goto out;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	(void)snprintf(ids, sizeof(ids), "%lld", (long long)id);
	rc = yw_open_store_plan_delete(db, id);
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "open_plan.delete", "open_plan",
		    ids, row);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
out:
	json_decref(row);
	return rc;
}

enum yw_err
yw_open_request_list(struct yw_db *db, int64_t page, json_t **out)
{
	json_t		*rows = NULL;
	int64_t		 total = 0;
	enum yw_err	 rc;

	*out = NULL;
	if (page < 1)
		page = 1;
	rc = yw_open_store_request_total(db, &total);
	if (rc == YW_OK)
		rc = yw_open_store_request_list(db, (page - 1) *
		    YW_OPEN_REQ_PER_PAGE, YW_OPEN_REQ_PER_PAGE, &rows);
	if (rc != YW_OK)
		return rc;
	*out = json_pack("{s:o, s:I, s:I, s:I}", "requests", rows, "total",
	    (json_int_t)total, "page", (json_int_t)page, "pages",
	    (json_int_t)((total + YW_OPEN_REQ_PER_PAGE - 1) /
	    YW_OPEN_REQ_PER_PAGE));
	return YW_OK;
}

enum yw_err
yw_open_request_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **out)
{
	enum yw_err rc;

	rc = yw_open_store_request_get(db, id, out);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(*out, "may_reply", json_boolean(strcmp(str(*out,
	    "status"), "open") == 0 && may_manage(a, json_integer_value(
	    json_object_get(*out, "department_id")))));
	return YW_OK;
}

enum yw_err
yw_open_request_add(struct yw_db *db, const struct yw_actor *a, json_t *in,
    int64_t *id, json_t **errors)
{
	json_t	*d = NULL;
	int64_t	 dept;

	*errors = NULL;
	*id = 0;
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	*errors = json_object();
	dept = num(in, "department_id", 1, INT64_MAX);
	if (dept == 0)
		json_object_set_new(*errors, "department_id", json_string(
		    str(in, "department_id")[0] == '\0' ? "required" :
		    "invalid"));
	else if (yw_org_department_get(db, dept, &d) != YW_OK)
		json_object_set_new(*errors, "department_id", json_string(
		    "not_found"));
	json_decref(d);
	text_check(in, "title", YW_OPEN_REQ_TITLE_MAX, 1, *errors);
	text_check(in, "body", YW_OPEN_REQ_BODY_MAX, 1, *errors);
	if (json_object_size(*errors) > 0)
		return YW_EINVAL;
	json_decref(*errors);
	*errors = NULL;
	return yw_open_store_request_insert(db, a->id, dept, str(in, "title"),
	    str(in, "body"), yw_time_now(), id);
}

enum yw_err
yw_open_request_reply(struct yw_db *db, const struct yw_actor *a, int64_t id,
    const char *reply, json_t **errors)
{
	json_t		*row = NULL, *in, *detail;
	int64_t		 changes = 0;
	enum yw_err	 rc;
	char		 ids[24];

	*errors = NULL;
	if (a == NULL || a->id == 0)
		return YW_EAUTH;
	rc = yw_open_store_request_get(db, id, &row);
	if (rc != YW_OK)
		return rc;
	if (!may_manage(a, json_integer_value(json_object_get(row,
	    "department_id")))) {
		rc = YW_EFORBIDDEN;
		goto out;
	}
	*errors = json_object();
	in = json_pack("{s:s}", "reply", reply != NULL ? reply : "");
	text_check(in, "reply", YW_OPEN_REPLY_MAX, 1, *errors);
	json_decref(in);
	if (json_object_size(*errors) > 0) {
		rc = YW_EINVAL;
		goto out;
	}
	json_decref(*errors);
	*errors = NULL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = yw_open_store_request_reply(db, id, reply, a->id, yw_time_now(),
	    &changes);
	if (rc == YW_OK && changes == 0)
		rc = YW_ECONFLICT;
	(void)snprintf(ids, sizeof(ids), "%lld", (long long)id);
	detail = json_pack("{s:s}", "reply", reply);
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "open_request.reply",
		    "open_request", ids, detail);
	json_decref(detail);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
out:
	json_decref(row);
	return rc;
}
