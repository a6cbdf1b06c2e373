#include <stdio.h>
#include <string.h>

#include "app/service/draft_store.h"

enum yw_err
yw_draft_store_find(struct yw_db *db, int64_t applicant, const char *kind,
    const char *code, int64_t *id)
{
	return yw_db_one_int64(db, id, "SELECT id FROM application_draft "
	    "WHERE applicant_id = ? AND target_kind = ? AND target_code = ? "
	    "AND submitted_case_id IS NULL ORDER BY id DESC LIMIT 1", "iss",
	    applicant, kind, code);
}

enum yw_err
yw_draft_store_count_open(struct yw_db *db, int64_t applicant, int64_t *n)
{
	return yw_db_one_int64(db, n, "SELECT COUNT(*) FROM application_draft "
	    "WHERE applicant_id = ? AND submitted_case_id IS NULL", "i",
	    applicant);
}

enum yw_err
yw_draft_store_insert(struct yw_db *db, int64_t applicant, const char *kind,
    const char *code, const char *values, int64_t now, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO application_draft "
	    "(applicant_id, target_kind, target_code, form_values, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", "isssii",
	    applicant, kind, code, values, now, now);
}

enum yw_err
yw_draft_store_get(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, "SELECT id, applicant_id, target_kind AS "
	    "kind, target_code AS code, form_values, submitted_case_id, "
	    "updated_at FROM application_draft WHERE id = ?",
	    json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_draft_store_set_values(struct yw_db *db, int64_t id, const char *values,
    int64_t now)
{
	int64_t		changes;
	enum yw_err	rc;

	rc = yw_db_run(db, &changes, "UPDATE application_draft SET "
	    "form_values = ?, updated_at = ? WHERE id = ? AND "
	    "submitted_case_id IS NULL", "sii", values, now, id);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_draft_store_submitted(struct yw_db *db, int64_t id, int64_t case_id,
    int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE application_draft SET "
	    "submitted_case_id = ?, updated_at = ? WHERE id = ?", "iii",
	    case_id, now, id);
}

enum yw_err
yw_draft_store_mine(struct yw_db *db, int64_t applicant, json_t **out)
{
	return yw_db_rows(db, "SELECT d.id, d.target_kind AS kind, "
	    "d.target_code AS code, d.updated_at, "
	    "COALESCE(i.name, b.name, d.target_code) AS title, "
	    "COALESCE(i.name_en, b.name_en, '') AS title_en "
	    "FROM application_draft d "
	    "LEFT JOIN service_item i ON d.target_kind = 'item' AND "
	    "i.code = d.target_code "
	    "LEFT JOIN service_bundle b ON d.target_kind = 'bundle' AND "
	    "b.code = d.target_code "
	    "WHERE d.applicant_id = ? AND d.submitted_case_id IS NULL "
	    "ORDER BY d.updated_at DESC, d.id DESC LIMIT 100",
	    json_pack("[I]", (json_int_t)applicant), out);
}
