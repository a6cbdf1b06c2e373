/*
 * request_store.c - SQL of sharing requests (request_store.h).
 */
#include "app/data/request_store.h"

#define REQ_COLS \
	"q.id, q.resource_id, q.consumer_id, q.provider_id, q.requested_by," \
	" q.purpose, q.items, q.granted_items, q.expires_on, q.state," \
	" q.step_day, q.due_day, q.reason, q.created_at, q.updated_at," \
	" r.code AS resource_code, r.name AS resource_name," \
	" r.name_en AS resource_name_en, r.items AS resource_items," \
	" c.name AS consumer_name, c.name_en AS consumer_name_en," \
	" p.name AS provider_name, p.name_en AS provider_name_en," \
	" a.display_name AS requested_by_name"
#define REQ_FROM \
	" FROM data_request q JOIN data_resource r ON r.id = q.resource_id" \
	" JOIN department c ON c.id = q.consumer_id" \
	" JOIN department p ON p.id = q.provider_id" \
	" JOIN account a ON a.id = q.requested_by"

enum yw_err
yw_data_request_store_insert(struct yw_db *db, json_t *r, int64_t now,
    int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO data_request (resource_id,"
	    " consumer_id, provider_id, requested_by, purpose, items,"
	    " expires_on, state, step_day, due_day, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, 'review', ?, ?, ?, ?) RETURNING id",
	    "iiiisssiiii",
	    (int64_t)json_integer_value(json_object_get(r, "resource_id")),
	    (int64_t)json_integer_value(json_object_get(r, "consumer_id")),
	    (int64_t)json_integer_value(json_object_get(r, "provider_id")),
	    (int64_t)json_integer_value(json_object_get(r, "requested_by")),
	    json_string_value(json_object_get(r, "purpose")),
	    json_string_value(json_object_get(r, "items")),
	    json_string_value(json_object_get(r, "expires_on")),
	    (int64_t)json_integer_value(json_object_get(r, "step_day")),
	    (int64_t)json_integer_value(json_object_get(r, "due_day")), now,
	    now);
}

enum yw_err
yw_data_request_store_get(struct yw_db *db, int64_t id, json_t **row)
{
	return yw_db_row(db, "SELECT " REQ_COLS REQ_FROM " WHERE q.id = ?",
	    json_pack("[I]", (json_int_t)id), row);
}

enum yw_err
yw_data_request_store_list(struct yw_db *db, int64_t consumer_id,
    const char *state, int64_t provider_id, json_t **rows)
{
	if (consumer_id > 0)
		return yw_db_rows(db, "SELECT " REQ_COLS REQ_FROM
		    " WHERE q.consumer_id = ? ORDER BY q.id DESC LIMIT 200",
		    json_pack("[I]", (json_int_t)consumer_id), rows);
	return yw_db_rows(db, "SELECT " REQ_COLS REQ_FROM
	    " WHERE q.state = ? AND (q.provider_id = ? OR ? = 0)"
	    " ORDER BY q.id DESC LIMIT 200", json_pack("[s, I, I]",
	    state != NULL ? state : "", (json_int_t)provider_id,
	    (json_int_t)provider_id), rows);
}

enum yw_err
yw_data_request_store_open_count(struct yw_db *db, int64_t resource_id,
    int64_t consumer_id, int64_t *n)
{
	return yw_db_one_int64(db, n, "SELECT COUNT(*) FROM data_request"
	    " WHERE resource_id = ? AND consumer_id = ? AND state IN"
	    " ('review', 'answer')", "ii", resource_id, consumer_id);
}

enum yw_err
yw_data_request_store_move(struct yw_db *db, int64_t id, const char *from,
    const char *to, int64_t step_day, int64_t due_day, const char *reason,
    const char *granted_items, int64_t now)
{
	int64_t		changes = 0;
	enum yw_err	rc;

	rc = yw_db_run(db, &changes, "UPDATE data_request SET state = ?,"
	    " step_day = ?, due_day = ?, reason = ?, granted_items = ?,"
	    " updated_at = ? WHERE id = ? AND state = ?", "soossiis", to,
	    step_day, due_day, reason, granted_items, now, id, from);
	if (rc == YW_OK && changes == 0)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_data_request_store_event(struct yw_db *db, int64_t id, int64_t at,
    int64_t account_id, const char *actor_name, const char *event,
    const char *note)
{
	return yw_db_run(db, NULL, "INSERT INTO data_request_event"
	    " (request_id, at, account_id, actor_name, event, note) VALUES"
	    " (?, ?, ?, ?, ?, ?)", "iiosss", id, at, account_id, actor_name,
	    event, note);
}

enum yw_err
yw_data_request_store_events(struct yw_db *db, int64_t id, json_t **rows)
{
	return yw_db_rows(db, "SELECT at, actor_name, event, note FROM"
	    " data_request_event WHERE request_id = ? ORDER BY id",
	    json_pack("[I]", (json_int_t)id), rows);
}

enum yw_err
yw_data_request_store_event_count(struct yw_db *db, int64_t id,
    const char *event, const char *note, int64_t *n)
{
	return yw_db_one_int64(db, n, "SELECT COUNT(*) FROM data_request_event"
	    " WHERE request_id = ? AND event = ? AND note = ?", "iss", id,
	    event, note);
}

enum yw_err
yw_data_request_store_grant(struct yw_db *db, int64_t resource_id,
    int64_t department_id, const char *items, const char *purpose,
    int64_t request_id, int64_t expires_at, int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO data_grant (resource_id,"
	    " department_id, items, purpose, request_id, status, expires_at,"
	    " created_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?) ON CONFLICT"
	    " (resource_id, department_id) DO UPDATE SET items ="
	    " excluded.items, purpose = excluded.purpose, request_id ="
	    " excluded.request_id, expires_at = excluded.expires_at,"
	    " status = 'active'", "iissioi", resource_id, department_id, items,
	    purpose, request_id, expires_at, now);
}

enum yw_err
yw_data_request_store_open(struct yw_db *db, json_t **rows)
{
	return yw_db_rows(db, "SELECT id, provider_id, state, step_day,"
	    " due_day FROM data_request WHERE state IN ('review', 'answer')"
	    " ORDER BY id", json_array(), rows);
}

enum yw_err
yw_data_request_store_staff(struct yw_db *db, int64_t department_id,
    const char *role, json_t **rows)
{
	return yw_db_rows(db, "SELECT a.id FROM account a JOIN staff_role s"
	    " ON s.account_id = a.id WHERE s.role = ? AND a.status = 'active'"
	    " AND (a.department_id = ? OR ? = 0) ORDER BY a.id",
	    json_pack("[s, I, I]", role, (json_int_t)department_id,
	    (json_int_t)department_id), rows);
}

enum yw_err
yw_data_request_store_dues_after(struct yw_db *db, int64_t after,
    json_t **rows)
{
	return yw_db_rows(db, "SELECT id, due_day FROM data_request WHERE "
	    "state IN ('review', 'answer') AND due_day > ? ORDER BY id",
	    json_pack("[I]", (json_int_t)after), rows);
}

enum yw_err
yw_data_request_store_set_due(struct yw_db *db, int64_t id, int64_t due,
    int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE data_request SET due_day = ?, "
	    "updated_at = ? WHERE id = ?", "iii", due, now, id);
}
