/*
 * case_result.c - result documents (办理结果/证照): staff handling a task
 * issue one or more files (PDF, JPEG, PNG), which the applicant then
 * downloads from the case. The files are attachments (app/attach); who
 * may read them is decided by the case (yw_case_get lists them only for
 * its applicant and its departments' staff).
 */
#include <stdio.h>
#include <string.h>

#include "app/attach/attach.h"
#include "app/audit/audit.h"
#include "app/notify/notify.h"
#include "app/service/case.h"
#include "app/service/case_int.h"
#include "app/service/case_result_store.h"
#include "app/service/case_store.h"
#include "core/magic.h"

/* States in which a task may issue a result: while it is handled, and
 * once decided, before or when it is completed. */
static int
state_issues(const char *s)
{
	return strcmp(s, "accepted") == 0 || strcmp(s, "under_review") == 0 ||
	    strcmp(s, "approved") == 0 || strcmp(s, "denied") == 0;
}

/* The types a result may be, judged from the bytes. */
static int
type_ok(const void *p, size_t n)
{
	const char *type = yw_magic_type(p, n);

	return type != NULL && (strcmp(type, "pdf") == 0 ||
	    strcmp(type, "jpeg") == 0 || strcmp(type, "png") == 0);
}

/* The applicant's message: a result was issued for their case. */
static enum yw_err
notify_result(struct yw_db *db, json_t *t, const struct yw_attach *att,
    int64_t now)
{
	struct yw_notify_msg	 m;
	char			 subject[160], body[600], key[128];
	enum yw_err		 rc;

	(void)snprintf(subject, sizeof(subject), "办件 %s 已出具办理结果",
	    yw_case_jstr(t, "tracking_no"));
	(void)snprintf(body, sizeof(body), "%s：%s", yw_case_jstr(t,
	    "item_name"), att->name);
	(void)snprintf(key, sizeof(key), "case-result/%lld/%s",
	    (long long)yw_case_jint(t, "id"), att->sha256);
	memset(&m, 0, sizeof(m));
	m.channel = "inbox";
	m.account_id = yw_case_jint(t, "applicant_id");
	m.subject = subject;
	m.body = body;
	m.dedup_key = key;
	m.payload = json_pack("{s:I, s:s, s:I, s:s, s:s}", "case_id",
	    (json_int_t)yw_case_jint(t, "case_id"), "tracking_no",
	    yw_case_jstr(t, "tracking_no"), "task_id",
	    (json_int_t)yw_case_jint(t, "id"), "event", "result", "sha256",
	    att->sha256);
	rc = yw_notify_enqueue(db, &m, now, NULL);
	json_decref(m.payload);
	return rc;
}

enum yw_err
yw_case_result_add(struct yw_db *db, const struct yw_actor *a,
    int64_t task_id, const char *name, const void *p, size_t n, int64_t now,
    json_t **errors, char sha256[65])
{
	struct yw_attach	 att;
	json_t			*t, *detail;
	char			 oid[24];
	int64_t			 added;
	enum yw_err		 rc;

	*errors = NULL;
	if (sha256 != NULL)
		sha256[0] = '\0';
	t = detail = NULL;
	memset(&att, 0, sizeof(att));
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_case_staff_task(db, a, task_id, &t);
	if (rc == YW_OK && !state_issues(yw_case_jstr(t, "state")))
		rc = YW_ECONFLICT;
	if (rc != YW_OK)
		goto out;
	if (p == NULL || n == 0)
		yw_case_field_error(errors, "file", "required");
	else if (n > YW_CASE_RESULT_MAX)
		yw_case_field_error(errors, "file", "too_big");
	else if (name == NULL || !type_ok(p, n))
		yw_case_field_error(errors, "file", "type");
	if (*errors != NULL) {
		rc = YW_EINVAL;
		goto out;
	}
	rc = yw_attach_put(db, p, n, name, YW_CASE_RESULT_MAX, now, &att);
	if (rc == YW_EINVAL || rc == YW_ETOOBIG) {
		/* The name claims another type than the bytes have. */
		yw_case_field_error(errors, "file", rc == YW_EINVAL ? "type" :
		    "too_big");
		rc = YW_EINVAL;
	}
	if (rc != YW_OK)
		goto out;
	rc = yw_case_result_store_add(db, yw_case_jint(t, "case_id"), task_id,
	    att.sha256, att.name, att.type, att.size, a->id, now, &added);
	if (rc != YW_OK || added == 0)
		goto out;
	rc = yw_case_store_event(db, yw_case_jint(t, "case_id"), task_id,
	    a->id, "handler", "result", yw_case_jstr(t, "state"), att.name, 0,
	    now);
	if (rc != YW_OK)
		goto out;
	(void)snprintf(oid, sizeof(oid), "%lld", (long long)task_id);
	detail = json_pack("{s:I, s:s, s:s, s:s, s:I}", "case_id",
	    (json_int_t)yw_case_jint(t, "case_id"), "sha256", att.sha256,
	    "name", att.name, "type", att.type, "size", (json_int_t)att.size);
	rc = yw_audit_append(db, a, "case.result", "case_task", oid, detail);
	if (rc == YW_OK)
		rc = notify_result(db, t, &att, now);
out:
	if (rc == YW_OK && sha256 != NULL)
		(void)snprintf(sha256, 65, "%s", att.sha256);
	json_decref(detail);
	json_decref(t);
	return yw_case_commit_or_rollback(db, rc, 0, now);
}
