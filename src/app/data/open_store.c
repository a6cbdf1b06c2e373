/*
 * open_store.c - SQL of open data sets, the opening plan and requests.
 */
#include "app/data/open_store.h"

#define OPEN_COLS \
	"r.id, r.code, r.name, r.name_en, r.summary, r.department_id," \
	" r.classification, r.items, r.format, r.open_attr," \
	" r.open_conditions, r.update_cycle, r.published_on," \
	" r.records_updated_at, r.created_at, r.updated_at," \
	" d.name AS department_name, d.name_en AS department_name_en," \
	" d.code AS department_code, COALESCE(o.keywords, '') AS keywords," \
	" COALESCE(o.downloads, 0) AS downloads," \
	" COALESCE(o.api_calls, 0) AS api_calls"
#define OPEN_FROM \
	" FROM data_resource r JOIN department d ON d.id = r.department_id" \
	" LEFT JOIN open_dataset o ON o.resource_id = r.id" \
	" WHERE r.status = 'active' AND r.open_attr <> 'none'"

enum yw_err
yw_open_store_list(struct yw_db *db, json_t **rows)
{
	return yw_db_rows(db, "SELECT " OPEN_COLS OPEN_FROM
	    " ORDER BY r.code", json_array(), rows);
}

enum yw_err
yw_open_store_get(struct yw_db *db, const char *code, json_t **row)
{
	return yw_db_row(db, "SELECT " OPEN_COLS OPEN_FROM
	    " AND r.code = ?", json_pack("[s]", code), row);
}

enum yw_err
yw_open_store_keywords(struct yw_db *db, int64_t resource_id,
    const char *keywords)
{
	return yw_db_run(db, NULL, "INSERT INTO open_dataset (resource_id,"
	    " keywords) VALUES (?, ?) ON CONFLICT (resource_id) DO UPDATE"
	    " SET keywords = excluded.keywords", "is", resource_id, keywords);
}

enum yw_err
yw_open_store_count(struct yw_db *db, int64_t resource_id, int api)
{
	if (api)
		return yw_db_run(db, NULL, "INSERT INTO open_dataset"
		    " (resource_id, api_calls) VALUES (?, 1) ON CONFLICT"
		    " (resource_id) DO UPDATE SET api_calls ="
		    " open_dataset.api_calls + 1", "i", resource_id);
	return yw_db_run(db, NULL, "INSERT INTO open_dataset (resource_id,"
	    " downloads) VALUES (?, 1) ON CONFLICT (resource_id) DO UPDATE"
	    " SET downloads = open_dataset.downloads + 1", "i", resource_id);
}

enum yw_err
yw_open_store_record_count(struct yw_db *db, int64_t resource_id,
    int64_t *n)
{
	return yw_db_one_int64(db, n, "SELECT COUNT(*) AS n FROM"
	    " exchange_record WHERE resource_id = ?", "i", resource_id);
}

enum yw_err
yw_open_store_plan_list(struct yw_db *db, int64_t year, json_t **rows)
{
	return yw_db_rows(db, "SELECT p.id, p.department_id, p.year,"
	    " p.quarter, p.name, p.description, p.created_at,"
	    " d.name AS department_name, d.name_en AS department_name_en,"
	    " d.code AS department_code FROM open_plan p JOIN department d"
	    " ON d.id = p.department_id WHERE p.year = ? ORDER BY d.code,"
	    " p.quarter, p.id", json_pack("[I]", (json_int_t)year), rows);
}

enum yw_err
yw_open_store_plan_insert(struct yw_db *db, int64_t dept, int64_t year,
    int64_t quarter, const char *name, const char *description, int64_t by,
    int64_t now, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO open_plan (department_id,"
	    " year, quarter, name, description, created_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", "iiissoi", dept,
	    year, quarter, name, description, by, now);
}

enum yw_err
yw_open_store_plan_get(struct yw_db *db, int64_t id, json_t **row)
{
	return yw_db_row(db, "SELECT id, department_id, year, quarter, name"
	    " FROM open_plan WHERE id = ?", json_pack("[I]", (json_int_t)id),
	    row);
}

enum yw_err
yw_open_store_plan_delete(struct yw_db *db, int64_t id)
{
	return yw_db_run(db, NULL, "DELETE FROM open_plan WHERE id = ?", "i",
	    id);
}

#define REQ_COLS \
	"q.id, q.department_id, q.title, q.body, q.status, q.reply," \
	" q.replied_at, q.created_at, d.name AS department_name," \
	" d.name_en AS department_name_en, d.code AS department_code"

enum yw_err
yw_open_store_request_list(struct yw_db *db, int64_t offset, int64_t limit,
    json_t **rows)
{
	return yw_db_rows(db, "SELECT " REQ_COLS " FROM open_request q JOIN"
	    " department d ON d.id = q.department_id ORDER BY q.created_at"
	    " DESC, q.id DESC LIMIT ? OFFSET ?", json_pack("[I, I]",
	    (json_int_t)limit, (json_int_t)offset), rows);
}

enum yw_err
yw_open_store_request_total(struct yw_db *db, int64_t *n)
{
	return yw_db_one_int64(db, n, "SELECT COUNT(*) AS n FROM"
	    " open_request", "");
}

enum yw_err
yw_open_store_request_get(struct yw_db *db, int64_t id, json_t **row)
{
	return yw_db_row(db, "SELECT " REQ_COLS " FROM open_request q JOIN"
	    " department d ON d.id = q.department_id WHERE q.id = ?",
	    json_pack("[I]", (json_int_t)id), row);
}

enum yw_err
yw_open_store_request_insert(struct yw_db *db, int64_t account_id,
    int64_t dept, const char *title, const char *body, int64_t now,
    int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO open_request (account_id,"
	    " department_id, title, body, created_at) VALUES (?, ?, ?, ?, ?)"
	    " RETURNING id", "iissi", account_id, dept, title, body, now);
}

enum yw_err
yw_open_store_request_reply(struct yw_db *db, int64_t id, const char *reply,
    int64_t by, int64_t now, int64_t *changes)
{
	return yw_db_run(db, changes, "UPDATE open_request SET status ="
	    " 'answered', reply = ?, replied_by = ?, replied_at = ? WHERE"
	    " id = ? AND status = 'open'", "soii", reply, by, now, id);
}
