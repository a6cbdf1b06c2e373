/*
 * open311_store.c - SQL of Open311 (open311_store.h).
 */
#include <stdio.h>
#include <string.h>

#include "app/interact/open311_store.h"

enum yw_err
yw_open311_store_client_insert(struct yw_db *db, const char *name,
    const char *prefix, const char *hash, int64_t now, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO open311_client (name, "
	    "prefix, hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
	    "sssi", name, prefix, hash, now);
}

enum yw_err
yw_open311_store_client_find(struct yw_db *db, const char *hash,
    json_t **row)
{
	return yw_db_row(db, "SELECT id, name, revoked_at FROM open311_client "
	    "WHERE hash = ?", json_pack("[s]", hash), row);
}

enum yw_err
yw_open311_store_client_revoke(struct yw_db *db, int64_t id, int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE open311_client SET revoked_at = ? "
	    "WHERE id = ?", "ii", now, id);
}

enum yw_err
yw_open311_store_client_used(struct yw_db *db, int64_t id, int64_t now)
{
	/* At most once a minute, so a busy client is not a write per call. */
	return yw_db_run(db, NULL, "UPDATE open311_client SET last_used_at = "
	    "? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
	    "iii", now, id, now - 60);
}

enum yw_err
yw_open311_store_clients(struct yw_db *db, json_t **rows)
{
	return yw_db_rows(db, "SELECT id, name, prefix, created_at, "
	    "revoked_at, last_used_at FROM open311_client ORDER BY id DESC",
	    json_array(), rows);
}

enum yw_err
yw_open311_store_client_get(struct yw_db *db, int64_t id, json_t **row)
{
	return yw_db_row(db, "SELECT id, name, prefix, revoked_at FROM "
	    "open311_client WHERE id = ?", json_pack("[I]", (json_int_t)id),
	    row);
}

enum yw_err
yw_open311_store_top_region(struct yw_db *db, char code[32])
{
	json_t		*row = NULL;
	enum yw_err	 rc;

	rc = yw_db_row(db, "SELECT code FROM region ORDER BY level, code "
	    "LIMIT 1", json_array(), &row);
	if (rc == YW_OK)
		(void)snprintf(code, 32, "%s", json_string_value(
		    json_object_get(row, "code")));
	json_decref(row);
	return rc;
}

enum yw_err
yw_open311_store_regions(struct yw_db *db, int64_t max_level, json_t **rows)
{
	return yw_db_rows(db, "SELECT code, name FROM region WHERE level <= ? "
	    "ORDER BY path", json_pack("[I]", (json_int_t)max_level), rows);
}

/* A request as the public may see it: Open311 letters at once, other
 * published ones when answered. */
#define REQUEST_SELECT \
	"SELECT l.letter_no, l.channel, l.category, l.state, l.body, " \
	"l.reply, l.writer_name, l.address, l.lat, l.lon, l.created_at, " \
	"l.updated_at, l.due_day, d.name AS department_name FROM letter l " \
	"JOIN department d ON d.id = l.department_id WHERE l.channel IN " \
	"('complaint', 'suggest') AND l.publish_ok = 1 AND (l.source = " \
	"'open311' OR l.state IN ('replied', 'closed')) "

enum yw_err
yw_open311_store_requests(struct yw_db *db, int64_t start, int64_t end,
    const char *codes, const char *status, int64_t limit, json_t **rows)
{
	return yw_db_rows(db, REQUEST_SELECT "AND l.created_at >= ? AND "
	    "l.created_at < ? AND (? = '' OR ? LIKE ('%,' || l.channel || "
	    "'-' || l.category || ',%')) AND (? = '' OR (CASE WHEN l.state IN "
	    "('replied', 'closed') THEN 'closed' ELSE 'open' END) = ?) ORDER "
	    "BY l.created_at DESC, l.id DESC LIMIT ?", json_pack("[IIssssI]",
	    (json_int_t)start, (json_int_t)end, codes, codes, status, status,
	    (json_int_t)limit), rows);
}

enum yw_err
yw_open311_store_request(struct yw_db *db, const char *letter_no,
    json_t **rows)
{
	return yw_db_rows(db, REQUEST_SELECT "AND l.letter_no = ?",
	    json_pack("[s]", letter_no), rows);
}
