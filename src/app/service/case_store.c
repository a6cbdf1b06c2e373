#include <stdio.h>
#include <string.h>

#include "app/service/case_store.h"

enum yw_err
yw_case_store_item(struct yw_db *db, const char *code, json_t **out)
{
	return yw_db_row(db, "SELECT id, region_code, department_id, "
	    "promised_days, statutory_days, form_def, name, name_en "
	    "FROM service_item WHERE code = ? AND status = 'published'",
	    json_pack("[s]", code), out);
}

enum yw_err
yw_case_store_bundle(struct yw_db *db, const char *code, json_t **bundle,
    json_t **items)
{
	enum yw_err rc;

	*items = NULL;
	rc = yw_db_row(db, "SELECT id, region_code, name, name_en FROM "
	    "service_bundle WHERE code = ? AND status = 'published'",
	    json_pack("[s]", code), bundle);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_rows(db, "SELECT i.id, i.region_code, i.department_id, "
	    "i.promised_days, i.statutory_days, i.form_def, i.name, "
	    "i.name_en, b.stage FROM service_bundle_item b JOIN service_item "
	    "i ON i.id = b.item_id WHERE b.bundle_id = ? AND "
	    "i.status = 'published' ORDER BY b.stage, i.id",
	    json_pack("[O]", json_object_get(*bundle, "id")), items);
	if (rc != YW_OK) {
		json_decref(*bundle);
		*bundle = NULL;
	}
	return rc;
}

int
yw_case_store_region_exists(struct yw_db *db, const char *code)
{
	int64_t n;

	return yw_db_one_int64(db, &n, "SELECT COUNT(*) FROM region "
	    "WHERE code = ?", "s", code) == YW_OK && n > 0;
}

enum yw_err
yw_case_store_by_key(struct yw_db *db, int64_t applicant, const char *key,
    int64_t *id, char tracking[40])
{
	struct yw_stmt	*st;
	enum yw_err	 rc;

	rc = yw_db_first(db, &st, "SELECT id, tracking_no FROM service_case "
	    "WHERE applicant_id = ? AND idem_key = ?", "is", applicant, key);
	if (rc != YW_OK)
		return rc;
	*id = yw_stmt_col_int64(st, 0);
	(void)snprintf(tracking, 40, "%s", yw_stmt_col_text(st, 1));
	yw_stmt_done(st);
	return YW_OK;
}

enum yw_err
yw_case_store_next_seq(struct yw_db *db, const char *prefix, int64_t *seq)
{
	return yw_db_one_int64(db, seq, "INSERT INTO tracking_seq (prefix, "
	    "last) VALUES (?, 1) ON CONFLICT (prefix) DO UPDATE SET last = "
	    "tracking_seq.last + 1 RETURNING last", "s", prefix);
}

enum yw_err
yw_case_store_insert(struct yw_db *db, const char *tracking, int64_t item_id,
    int64_t bundle_id, int64_t applicant, const char *phone,
    const char *region, const char *values, const char *key, int64_t now,
    int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO service_case (tracking_no, "
	    "item_id, bundle_id, applicant_id, applicant_phone, region_code, "
	    "form_values, status, idem_key, submitted_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id", "sooissssii",
	    tracking, item_id, bundle_id, applicant, phone, region, values,
	    key, now, now);
}

enum yw_err
yw_case_store_add_task(struct yw_db *db, int64_t case_id, int64_t item_id,
    int64_t department_id, int64_t stage, int active, int64_t promised_days,
    int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO case_task (case_id, item_id, "
	    "department_id, stage, active, state, promised_days, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?)", "iiiiiii", case_id,
	    item_id, department_id, stage, (int64_t)active, promised_days,
	    now);
}

enum yw_err
yw_case_store_event(struct yw_db *db, int64_t case_id, int64_t task_id,
    int64_t actor_id, const char *role, const char *event, const char *state,
    const char *note, int internal, int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO case_event (case_id, task_id, "
	    "at, actor_id, actor_role, event, state, note, internal) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?)", "ioiossssi", case_id, task_id,
	    now, actor_id, role, event, state, note, (int64_t)internal);
}

#define CASE_COLUMNS \
	"SELECT c.id, c.tracking_no, c.item_id, c.bundle_id, " \
	"c.applicant_id, c.applicant_phone, c.region_code, c.form_values, " \
	"c.status, c.submitted_at, c.completed_at, " \
	"COALESCE(i.name, b.name) AS title, " \
	"COALESCE(i.name_en, b.name_en) AS title_en, " \
	"i.code AS item_code, b.code AS bundle_code " \
	"FROM service_case c LEFT JOIN service_item i ON i.id = c.item_id " \
	"LEFT JOIN service_bundle b ON b.id = c.bundle_id "

enum yw_err
yw_case_store_case(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, CASE_COLUMNS "WHERE c.id = ?",
	    json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_case_store_case_by_tracking(struct yw_db *db, const char *tracking,
    json_t **out)
{
	return yw_db_row(db, CASE_COLUMNS "WHERE c.tracking_no = ?",
	    json_pack("[s]", tracking), out);
}

#define TASK_COLUMNS \
	"SELECT t.id, t.case_id, t.item_id, t.department_id, t.stage, " \
	"t.active, t.state, t.assignee_id, t.promised_days, t.accepted_day, " \
	"t.due_day, t.pause_from, t.pauses, t.transfers, t.reason, " \
	"t.version, i.name AS item_name, i.name_en AS item_name_en, " \
	"d.name AS department_name, d.name_en AS department_name_en, " \
	"a.display_name AS assignee_name "

enum yw_err
yw_case_store_tasks(struct yw_db *db, int64_t case_id, json_t **out)
{
	return yw_db_rows(db, TASK_COLUMNS "FROM case_task t "
	    "JOIN service_item i ON i.id = t.item_id "
	    "JOIN department d ON d.id = t.department_id "
	    "LEFT JOIN account a ON a.id = t.assignee_id "
	    "WHERE t.case_id = ? ORDER BY t.stage, t.id",
	    json_pack("[I]", (json_int_t)case_id), out);
}

enum yw_err
yw_case_store_task(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, TASK_COLUMNS ", c.applicant_id, c.status AS "
	    "case_status, c.tracking_no, r.path AS region_path "
	    "FROM case_task t "
	    "JOIN service_case c ON c.id = t.case_id "
	    "JOIN service_item i ON i.id = t.item_id "
	    "JOIN department d ON d.id = t.department_id "
	    "JOIN region r ON r.code = d.region_code "
	    "LEFT JOIN account a ON a.id = t.assignee_id WHERE t.id = ?",
	    json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_case_store_timeline(struct yw_db *db, int64_t case_id, int with_internal,
    json_t **out)
{
	return yw_db_rows(db, "SELECT e.id, e.task_id, e.at, e.actor_role, e.event, "
	    "e.state, e.note, e.internal, d.name AS department_name, "
	    "d.name_en AS department_name_en FROM case_event e "
	    "LEFT JOIN case_task t ON t.id = e.task_id "
	    "LEFT JOIN department d ON d.id = t.department_id "
	    "WHERE e.case_id = ? AND (e.internal = 0 OR ? = 1) ORDER BY e.id",
	    json_pack("[II]", (json_int_t)case_id, (json_int_t)with_internal),
	    out);
}

enum yw_err
yw_case_store_rating(struct yw_db *db, int64_t case_id, json_t **out)
{
	enum yw_err rc;

	rc = yw_db_row(db, "SELECT grade, comment, at, rectify_department_id, "
	    "rectify_due_day, rectify_state, rectify_note, rectified_at "
	    "FROM case_rating WHERE case_id = ?",
	    json_pack("[I]", (json_int_t)case_id), out);
	return rc;
}

enum yw_err
yw_case_store_mine(struct yw_db *db, int64_t applicant, json_t **out)
{
	return yw_db_rows(db, "SELECT c.id, c.tracking_no, c.status, "
	    "c.submitted_at, COALESCE(i.name, b.name) AS title, "
	    "COALESCE(i.name_en, b.name_en) AS title_en "
	    "FROM service_case c LEFT JOIN service_item i ON i.id = c.item_id "
	    "LEFT JOIN service_bundle b ON b.id = c.bundle_id "
	    "WHERE c.applicant_id = ? ORDER BY c.submitted_at DESC, c.id DESC "
	    "LIMIT 200", json_pack("[I]", (json_int_t)applicant), out);
}

#define QUEUE_COLUMNS \
	"SELECT t.id, t.case_id, t.state, t.due_day, t.accepted_day, " \
	"t.promised_days, t.pause_from, t.pauses, t.assignee_id, " \
	"a.display_name AS assignee_name, c.tracking_no, c.submitted_at, " \
	"i.name AS item_name, i.name_en AS item_name_en " \
	"FROM case_task t JOIN service_case c ON c.id = t.case_id " \
	"JOIN service_item i ON i.id = t.item_id " \
	"LEFT JOIN account a ON a.id = t.assignee_id "

/* The terms of the partial indexes case_task_open and case_task_mine
 * (sql/0011_case_perf.sql), word for word: SQLite uses a partial index
 * only when the query repeats its WHERE terms. */
#define QUEUE_OPEN \
	"t.active = 1 AND t.state IN ('submitted', 'accepted', " \
	"'under_review', 'supplement_requested', 'approved', 'denied') "

enum yw_err
yw_case_store_queue(struct yw_db *db, int64_t department_id, int64_t assignee,
    json_t **out)
{
	/*
	 * Not yet accepted first (no deadline yet, 受理 is due now), then by
	 * deadline, then in order of submission: task ids grow with it, as
	 * every task is made in its case's submit. The index walks in this
	 * order, so the first page costs 200 rows however long the queue is
	 * (sorting the whole queue cost 0.7 s at 100,000 open cases).
	 */
	if (assignee != 0)
		return yw_db_rows(db, QUEUE_COLUMNS "WHERE t.assignee_id = ? "
		    "AND " QUEUE_OPEN "AND t.department_id = ? "
		    "ORDER BY t.due_day NULLS FIRST, t.id LIMIT 200",
		    json_pack("[II]", (json_int_t)assignee,
		    (json_int_t)department_id), out);
	return yw_db_rows(db, QUEUE_COLUMNS "WHERE t.department_id = ? AND "
	    QUEUE_OPEN "ORDER BY t.due_day NULLS FIRST, t.id LIMIT 200",
	    json_pack("[I]", (json_int_t)department_id), out);
}

enum yw_err
yw_case_store_task_update(struct yw_db *db, int64_t id, int64_t version,
    const char *state, int64_t accepted_day, int64_t due_day,
    int64_t pause_from, const char *pauses, const char *reason, int64_t now)
{
	int64_t		changes;
	enum yw_err	rc;

	/* Day 0 (1970-01-01) never occurs in a case, so 0 stands for none
	 * and binds NULL ('o'). */
	rc = yw_db_run(db, &changes, "UPDATE case_task SET state = ?, "
	    "accepted_day = ?, due_day = ?, pause_from = ?, pauses = ?, "
	    "reason = ?, version = version + 1, updated_at = ? "
	    "WHERE id = ? AND version = ?", "sooossiii", state,
	    accepted_day, due_day, pause_from, pauses, reason, now, id,
	    version);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_case_store_task_assign(struct yw_db *db, int64_t id, int64_t assignee,
    int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE case_task SET assignee_id = ?, "
	    "updated_at = ? WHERE id = ?", "iii", assignee, now, id);
}

enum yw_err
yw_case_store_task_move(struct yw_db *db, int64_t id, int64_t version,
    int64_t department_id, int64_t now)
{
	int64_t		changes;
	enum yw_err	rc;

	rc = yw_db_run(db, &changes, "UPDATE case_task SET department_id = ?, "
	    "assignee_id = NULL, transfers = transfers + 1, version = "
	    "version + 1, updated_at = ? WHERE id = ? AND version = ?", "iiii",
	    department_id, now, id, version);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_case_store_next_stage(struct yw_db *db, int64_t case_id, int64_t now,
    int64_t *n)
{
	int64_t		running, stage;
	enum yw_err	rc;

	*n = 0;
	rc = yw_db_one_int64(db, &running, "SELECT COUNT(*) FROM case_task "
	    "WHERE case_id = ? AND active = 1 AND state NOT IN ('completed', "
	    "'refused', 'withdrawn')", "i", case_id);
	if (rc != YW_OK || running > 0)
		return rc;
	/* A task that ended before its stage began (withdrawn with the
	 * whole case) does not start a stage. */
	rc = yw_db_one_int64(db, &stage, "SELECT COALESCE(MIN(stage), 0) FROM "
	    "case_task WHERE case_id = ? AND active = 0 AND state NOT IN "
	    "('completed', 'refused', 'withdrawn')", "i", case_id);
	if (rc != YW_OK || stage == 0)
		return rc;
	return yw_db_run(db, n, "UPDATE case_task SET active = 1, "
	    "updated_at = ? WHERE case_id = ? AND active = 0 AND stage = ? AND "
	    "state NOT IN ('completed', 'refused', 'withdrawn')", "iii", now,
	    case_id, stage);
}

enum yw_err
yw_case_store_set_status(struct yw_db *db, int64_t case_id,
    const char *status, int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE service_case SET status = ?, "
	    "completed_at = CASE WHEN ? = 'open' THEN NULL ELSE "
	    "CAST(? AS BIGINT) END, updated_at = ? WHERE id = ?", "ssiii",
	    status, status, now, now, case_id);
}

enum yw_err
yw_case_store_rate(struct yw_db *db, int64_t case_id, int64_t grade,
    const char *comment, int64_t dept, int64_t due_day, int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO case_rating (case_id, grade, "
	    "comment, at, rectify_department_id, rectify_due_day, "
	    "rectify_state) VALUES (?, ?, ?, ?, ?, ?, ?)", "iisioos",
	    case_id, grade, comment, now, dept, due_day,
	    dept != 0 ? "open" : NULL);
}

enum yw_err
yw_case_store_rectify(struct yw_db *db, int64_t case_id, const char *note,
    int64_t now)
{
	int64_t		changes;
	enum yw_err	rc;

	rc = yw_db_run(db, &changes, "UPDATE case_rating SET rectify_state = "
	    "'done', rectify_note = ?, rectified_at = ? WHERE case_id = ? AND "
	    "rectify_state = 'open'", "sii", note, now, case_id);
	if (rc == YW_OK && changes != 1)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_case_store_open_tasks(struct yw_db *db, const char *region_path,
    json_t **out)
{
	return yw_db_rows(db, "SELECT t.id, t.department_id, t.state, t.due_day, "
	    "d.name AS department_name, d.name_en AS department_name_en "
	    "FROM case_task t JOIN department d ON d.id = t.department_id "
	    "JOIN region r ON r.code = d.region_code "
	    "WHERE t.active = 1 AND t.state IN ('submitted', 'accepted', "
	    "'under_review', 'supplement_requested', 'approved', 'denied') "
	    "AND r.path LIKE ? ORDER BY d.id",
	    json_pack("[s+]", region_path, "%"), out);
}

enum yw_err
yw_case_store_rectify_open(struct yw_db *db, const char *region_path,
    json_t **out)
{
	return yw_db_rows(db, "SELECT g.rectify_department_id AS department_id, "
	    "d.name AS department_name, d.name_en AS department_name_en, "
	    "COUNT(*) AS n FROM case_rating g JOIN department d ON "
	    "d.id = g.rectify_department_id JOIN region r ON "
	    "r.code = d.region_code WHERE g.rectify_state = 'open' AND "
	    "r.path LIKE ? GROUP BY g.rectify_department_id, d.name, "
	    "d.name_en", json_pack("[s+]", region_path, "%"), out);
}

enum yw_err
yw_case_store_dues_after(struct yw_db *db, int64_t after, json_t **out)
{
	return yw_db_rows(db, "SELECT t.id, t.due_day FROM case_task t WHERE "
	    QUEUE_OPEN "AND t.due_day > ? ORDER BY t.id",
	    json_pack("[I]", (json_int_t)after), out);
}

/* The version moves too: a handler's form read before the move is
 * refused and shows the new due day. */
enum yw_err
yw_case_store_set_due(struct yw_db *db, int64_t id, int64_t due, int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE case_task SET due_day = ?, "
	    "version = version + 1, updated_at = ? WHERE id = ?", "iii", due,
	    now, id);
}

enum yw_err
yw_case_store_rectify_dues_after(struct yw_db *db, int64_t after,
    json_t **out)
{
	return yw_db_rows(db, "SELECT case_id AS id, rectify_due_day AS "
	    "due_day FROM case_rating WHERE rectify_state = 'open' AND "
	    "rectify_due_day > ? ORDER BY case_id",
	    json_pack("[I]", (json_int_t)after), out);
}

enum yw_err
yw_case_store_set_rectify_due(struct yw_db *db, int64_t id, int64_t due,
    int64_t now)
{
	(void)now;
	return yw_db_run(db, NULL, "UPDATE case_rating SET rectify_due_day = ? "
	    "WHERE case_id = ?", "ii", due, id);
}
