/*
 * case_staff.c - what staff do around the life cycle: claiming, internal
 * comments, transfers, answering a bad rating, and supervision; and the
 * applicant's rating itself. The moves of the life cycle are in case.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/service/case.h"
#include "app/service/case_int.h"
#include "app/org/org.h"
#include "app/service/case_staff_store.h"
#include "app/service/case_store.h"
#include "core/timeutil.h"

enum yw_err
yw_case_claim(struct yw_db *db, const struct yw_actor *a, int64_t task_id,
    int64_t now)
{
	json_t		*t;
	char		 oid[24];
	enum yw_err	 rc;

	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_staff_task(db, a, task_id, &t);
	if (rc == YW_OK)
		rc = yw_case_store_task_assign(db, task_id, a->id, now);
	if (rc == YW_OK)
		rc = yw_case_store_event(db, yw_case_jint(t, "case_id"), task_id, a->id,
		    "handler", "claim", yw_case_jstr(t, "state"), "", 1, now);
	(void)snprintf(oid, sizeof(oid), "%lld", (long long)task_id);
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "case.claim", "case_task", oid,
		    NULL);
	json_decref(t);
	return yw_case_commit_or_rollback(db, rc, 0, now);
}

enum yw_err
yw_case_comment(struct yw_db *db, const struct yw_actor *a, int64_t task_id,
    const char *note, int64_t now, json_t **errors)
{
	json_t		*t;
	char		 oid[24];
	enum yw_err	 rc;

	*errors = NULL;
	if (note == NULL || note[0] == '\0') {
		yw_case_field_error(errors, "note", "required");
		return YW_EINVAL;
	}
	if (!yw_case_note_ok(note, errors, "note"))
		return YW_EINVAL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_staff_task(db, a, task_id, &t);
	if (rc == YW_OK)
		rc = yw_case_store_event(db, yw_case_jint(t, "case_id"), task_id, a->id,
		    "handler", "comment", yw_case_jstr(t, "state"), note, 1, now);
	(void)snprintf(oid, sizeof(oid), "%lld", (long long)task_id);
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "case.comment", "case_task", oid,
		    NULL);
	json_decref(t);
	return yw_case_commit_or_rollback(db, rc, 0, now);
}

enum yw_err
yw_case_transfer(struct yw_db *db, const struct yw_actor *a, int64_t task_id,
    int64_t department_id, const char *reason, int64_t now, json_t **errors)
{
	json_t		*t, *detail;
	char		 oid[24];
	int64_t		 exists;
	enum yw_err	 rc;

	*errors = NULL;
	if (reason == NULL || reason[0] == '\0')
		yw_case_field_error(errors, "reason", "required");
	else
		(void)yw_case_note_ok(reason, errors, "reason");
	if (department_id <= 0 || yw_db_one_int64(db, &exists, "SELECT COUNT(*) "
	    "FROM department WHERE id = ?", "i", department_id) != YW_OK ||
	    exists == 0)
		yw_case_field_error(errors, "department_id", "not_found");
	if (*errors != NULL)
		return YW_EINVAL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_staff_task(db, a, task_id, &t);
	if (rc == YW_OK && (strcmp(yw_case_jstr(t, "state"), "submitted") != 0 ||
	    yw_case_jint(t, "transfers") >= YW_CASE_TRANSFER_MAX ||
	    yw_case_jint(t, "department_id") == department_id))
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = yw_case_store_task_move(db, task_id, yw_case_jint(t, "version"),
		    department_id, now);
	if (rc == YW_OK)
		rc = yw_case_store_event(db, yw_case_jint(t, "case_id"), task_id, a->id,
		    "handler", "transfer", "submitted", reason, 0, now);
	(void)snprintf(oid, sizeof(oid), "%lld", (long long)task_id);
	detail = json_pack("{s:I, s:I, s:s}", "from", (json_int_t)(t != NULL ?
	    yw_case_jint(t, "department_id") : 0), "to", (json_int_t)department_id,
	    "reason", reason);
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "case.transfer", "case_task", oid,
		    detail);
	json_decref(detail);
	json_decref(t);
	return yw_case_commit_or_rollback(db, rc, 0, now);
}

enum yw_err
yw_case_rate(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t case_id, int grade,
    const char *comment, int64_t now, json_t **errors)
{
	json_t		*c, *tasks;
	int64_t		 dept;
	int32_t		 due;
	enum yw_err	 rc;

	*errors = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (grade < 1 || grade > 5)
		yw_case_field_error(errors, "grade", "invalid");
	(void)yw_case_note_ok(comment, errors, "comment");
	if (*errors != NULL)
		return YW_EINVAL;
	rc = yw_case_store_case(db, case_id, &c);
	if (rc != YW_OK)
		return rc;
	if (yw_case_jint(c, "applicant_id") != a->id)
		rc = YW_ENOTFOUND;
	else if (strcmp(yw_case_jstr(c, "status"), "completed") != 0)
		rc = YW_ECONFLICT;
	json_decref(c);
	if (rc != YW_OK)
		return rc;
	dept = 0;
	due = 0;
	if (grade <= 2) {
		rc = yw_case_store_tasks(db, case_id, &tasks);
		if (rc != YW_OK)
			return rc;
		dept = yw_case_jint(json_array_get(tasks, 0), "department_id");
		json_decref(tasks);
		rc = yw_workday_add(cal, (int32_t)yw_time_local_days(now),
		    YW_CASE_RECTIFY_DAYS, &due, NULL);
		if (rc != YW_OK)
			return rc;
	}
	rc = yw_case_store_rate(db, case_id, grade, comment != NULL ?
	    comment : "", dept, due, now);
	if (rc == YW_ECONFLICT) {
		yw_case_field_error(errors, "grade", "already");
		return YW_EINVAL;
	}
	return rc;
}

enum yw_err
yw_case_rectify(struct yw_db *db, const struct yw_actor *a, int64_t case_id,
    const char *note, int64_t now, json_t **errors)
{
	json_t		*r;
	char		 oid[24];
	enum yw_err	 rc;

	*errors = NULL;
	if (note == NULL || note[0] == '\0')
		yw_case_field_error(errors, "note", "required");
	else
		(void)yw_case_note_ok(note, errors, "note");
	if (*errors != NULL)
		return YW_EINVAL;
	rc = yw_case_store_rating(db, case_id, &r);
	if (rc != YW_OK)
		return rc;
	if (!yw_case_is_staff_of(a, yw_case_jint(r, "rectify_department_id")) ||
	    yw_case_jint(r, "rectify_department_id") == 0)
		rc = YW_ENOTFOUND;
	else if (!yw_case_is_handler(a, yw_case_jint(r, "rectify_department_id")))
		rc = YW_EFORBIDDEN;
	json_decref(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_store_rectify(db, case_id, note, now);
	if (rc == YW_OK)
		rc = yw_case_store_event(db, case_id, 0, a->id, "handler",
		    "rectify", "", note, 0, now);
	(void)snprintf(oid, sizeof(oid), "%lld", (long long)case_id);
	if (rc == YW_OK)
		rc = yw_audit_append(db, a, "case.rectify", "service_case", oid,
		    NULL);
	return yw_case_commit_or_rollback(db, rc, 0, now);
}

/* The supervision row of t's department in byd, made on first use. */
static json_t *
sup_row(json_t *byd, const char *id, json_t *t)
{
	json_t *row;

	row = json_object_get(byd, id);
	if (row != NULL)
		return row;
	row = json_pack("{s:O, s:O, s:O, s:i, s:i, s:i, s:i}", "department_id",
	    json_object_get(t, "department_id"), "department_name",
	    json_object_get(t, "department_name"), "department_name_en",
	    json_object_get(t, "department_name_en"), "open", 0, "yellow", 0,
	    "red", 0, "rectify_open", 0);
	json_object_set_new(byd, id, row);
	return row;
}

enum yw_err
yw_case_supervision(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t now, json_t **out)
{
	json_t		*tasks, *rect, *byd, *row, *t;
	const char	*key;
	char		 id[24];
	size_t		 i;
	int32_t		 today;
	enum yw_err	 rc;

	*out = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (strcmp(a->kind, "staff") != 0 || (a->roles &
	    (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_AUDITOR)) == 0)
		return YW_EFORBIDDEN;
	key = (a->roles & YW_ROLE_PLATFORM_ADMIN) ? "/" : a->region_path;
	rc = yw_case_store_open_tasks(db, key, &tasks);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_store_rectify_open(db, key, &rect);
	if (rc != YW_OK) {
		json_decref(tasks);
		return rc;
	}
	today = (int32_t)yw_time_local_days(now);
	byd = json_object();
	json_array_foreach(tasks, i, t) {
		(void)snprintf(id, sizeof(id), "%lld",
		    (long long)yw_case_jint(t, "department_id"));
		row = sup_row(byd, id, t);
		yw_case_decorate_task(t, cal, today);
		json_object_set_new(row, "open", json_integer(yw_case_jint(row,
		    "open") + 1));
		key = yw_case_jstr(t, "light");
		if (strcmp(key, "red") == 0 || strcmp(key, "yellow") == 0)
			json_object_set_new(row, key, json_integer(yw_case_jint(row,
			    key) + 1));
	}
	json_array_foreach(rect, i, t) {
		(void)snprintf(id, sizeof(id), "%lld",
		    (long long)yw_case_jint(t, "department_id"));
		row = sup_row(byd, id, t);
		json_object_set(row, "rectify_open", json_object_get(t, "n"));
	}
	json_decref(tasks);
	json_decref(rect);
	*out = json_array();
	json_object_foreach(byd, key, row)
		json_array_append(*out, row);
	json_decref(byd);
	return YW_OK;
}

/* 1 when a may hand task t (yw_case_staff_task) to someone: an admin of
 * its department (or of the platform), or the handler holding it. */
static int
may_assign(const struct yw_actor *a, json_t *t)
{
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	if (a->department_id == yw_case_jint(t, "department_id") &&
	    (a->roles & YW_ROLE_DEPT_ADMIN))
		return 1;
	return yw_case_jint(t, "assignee_id") == a->id;
}

/* 1 when the task has not ended. */
static int
task_open(json_t *t)
{
	const char *s = yw_case_jstr(t, "state");

	return strcmp(s, "completed") != 0 && strcmp(s, "refused") != 0 &&
	    strcmp(s, "withdrawn") != 0;
}

enum yw_err
yw_case_assign(struct yw_db *db, const struct yw_actor *a, int64_t task_id,
    int64_t assignee_id, int64_t now, json_t **errors)
{
	json_t		*t, *who, *detail;
	char		 oid[24];
	enum yw_err	 rc;

	*errors = NULL;
	who = detail = NULL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_staff_task(db, a, task_id, &t);
	if (rc == YW_OK && !may_assign(a, t))
		rc = YW_EFORBIDDEN;
	else if (rc == YW_OK && !task_open(t))
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = yw_case_staff_store_handlers(db, yw_case_jint(t,
		    "department_id"), assignee_id > 0 ? assignee_id : -1, &who);
	if (rc == YW_OK && json_array_size(who) != 1) {
		yw_case_field_error(errors, "assignee", "not_found");
		rc = YW_EINVAL;
	}
	if (rc == YW_OK)
		rc = yw_case_store_task_assign(db, task_id, assignee_id, now);
	if (rc == YW_OK)
		rc = yw_case_store_event(db, yw_case_jint(t, "case_id"), task_id,
		    a->id, "handler", "assign", yw_case_jstr(t, "state"),
		    yw_case_jstr(json_array_get(who, 0), "display_name"), 1, now);
	(void)snprintf(oid, sizeof(oid), "%lld", (long long)task_id);
	if (rc == YW_OK) {
		detail = json_pack("{s:I, s:I}", "from", (json_int_t)
		    yw_case_jint(t, "assignee_id"), "to", (json_int_t)assignee_id);
		rc = yw_audit_append(db, a, "case.assign", "case_task", oid,
		    detail);
	}
	json_decref(detail);
	json_decref(who);
	json_decref(t);
	return yw_case_commit_or_rollback(db, rc, 0, now);
}

enum yw_err
yw_case_assignees(struct yw_db *db, const struct yw_actor *a, int64_t task_id,
    json_t **out)
{
	json_t		*t;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_case_staff_task(db, a, task_id, &t);
	if (rc == YW_EFORBIDDEN || rc == YW_ECONFLICT ||
	    (rc == YW_OK && (!may_assign(a, t) || !task_open(t)))) {
		json_decref(t);
		*out = json_array();
		return YW_OK;
	}
	if (rc != YW_OK)
		return rc;
	rc = yw_case_staff_store_handlers(db, yw_case_jint(t, "department_id"),
	    0, out);
	json_decref(t);
	return rc;
}

/* The scope of the overdue list for a: a region path (and a department
 * for department staff); the filters checked against it. */
static enum yw_err
overdue_scope(struct yw_db *db, const struct yw_actor *a,
    const char *region_code, int64_t department_id, char *path,
    size_t pathsz, int64_t *dept, json_t **errors)
{
	json_t		*o;
	const char	*base;
	enum yw_err	 rc;

	*dept = 0;
	o = NULL;
	if ((a->roles & (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_AUDITOR)) == 0) {
		/* Department staff: their department, whatever they ask. */
		if (a->department_id == 0)
			return YW_EFORBIDDEN;
		if (region_code != NULL && region_code[0] != '\0')
			yw_case_field_error(errors, "region", "not_found");
		if (department_id != 0 && department_id != a->department_id)
			yw_case_field_error(errors, "department", "not_found");
		*dept = a->department_id;
		(void)snprintf(path, pathsz, "/");
		return *errors != NULL ? YW_EINVAL : YW_OK;
	}
	base = (a->roles & YW_ROLE_PLATFORM_ADMIN) ? "/" : a->region_path;
	(void)snprintf(path, pathsz, "%s", base);
	if (region_code != NULL && region_code[0] != '\0') {
		rc = yw_org_region_get(db, region_code, &o);
		if (rc == YW_OK && strncmp(yw_case_jstr(o, "path"), base,
		    strlen(base)) == 0)
			(void)snprintf(path, pathsz, "%s", yw_case_jstr(o,
			    "path"));
		else if (rc == YW_OK || rc == YW_ENOTFOUND)
			yw_case_field_error(errors, "region", "not_found");
		json_decref(o);
		o = NULL;
		if (rc != YW_OK && rc != YW_ENOTFOUND)
			return rc;
	}
	if (department_id != 0) {
		rc = yw_org_department_get(db, department_id, &o);
		if (rc == YW_OK && strncmp(yw_case_jstr(o, "region_path"), base,
		    strlen(base)) == 0)
			*dept = department_id;
		else if (rc == YW_OK || rc == YW_ENOTFOUND)
			yw_case_field_error(errors, "department", "not_found");
		json_decref(o);
		if (rc != YW_OK && rc != YW_ENOTFOUND)
			return rc;
	}
	return *errors != NULL ? YW_EINVAL : YW_OK;
}

enum yw_err
yw_case_overdue(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, const char *region_code,
    int64_t department_id, int64_t now, json_t **out, json_t **errors)
{
	json_t		*rows, *keep, *t;
	char		 path[192];
	const char	*light;
	int64_t		 dept;
	int32_t		 today;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	*errors = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (strcmp(a->kind, "staff") != 0)
		return YW_EFORBIDDEN;
	rc = overdue_scope(db, a, region_code, department_id, path,
	    sizeof(path), &dept, errors);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_staff_store_open(db, path, dept, &rows);
	if (rc != YW_OK)
		return rc;
	today = (int32_t)yw_time_local_days(now);
	keep = json_array();
	json_array_foreach(rows, i, t) {
		yw_case_decorate_task(t, cal, today);
		light = yw_case_jstr(t, "light");
		if (strcmp(light, "red") != 0 && strcmp(light, "yellow") != 0)
			continue;
		json_object_set_new(t, "days_over", json_integer(strcmp(light,
		    "red") == 0 ? -yw_case_jint(t, "days_left") : 0));
		json_object_set_new(t, "can_open", json_boolean(
		    yw_case_is_staff_of(a, yw_case_jint(t, "department_id"))));
		json_object_del(t, "pauses");
		json_object_del(t, "pause_from");
		json_object_del(t, "accepted_day");
		json_array_append(keep, t);
	}
	json_decref(rows);
	*out = json_pack("{s:o, s:s}", "tasks", keep, "scope", dept != 0 &&
	    (a->roles & (YW_ROLE_PLATFORM_ADMIN | YW_ROLE_AUDITOR)) == 0 ?
	    "department" : "region");
	return *out != NULL ? YW_OK : YW_ENOMEM;
}
