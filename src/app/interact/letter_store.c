#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/interact/letter_store.h"

enum yw_err
yw_letter_store_channel(struct yw_db *db, const char *code, json_t **out)
{
	return yw_db_row(db, "SELECT code, reply_days, anonymous FROM "
	    "letter_channel WHERE code = ?", json_pack("[s]", code), out);
}

enum yw_err
yw_letter_store_channels(struct yw_db *db, json_t **out)
{
	return yw_db_rows(db, "SELECT code, reply_days, anonymous FROM "
	    "letter_channel ORDER BY sort, code", json_array(), out);
}

enum yw_err
yw_letter_store_set_days(struct yw_db *db, const char *code, int64_t days,
    int64_t now)
{
	int64_t		n;
	enum yw_err	rc;

	rc = yw_db_run(db, &n, "UPDATE letter_channel SET reply_days = ?, "
	    "updated_at = ? WHERE code = ?", "iis", days, now, code);
	return rc == YW_OK && n == 0 ? YW_ENOTFOUND : rc;
}

enum yw_err
yw_letter_store_route(struct yw_db *db, const char *channel,
    const char *category, const char *region_code, int64_t *department_id)
{
	return yw_db_one_int64(db, department_id, "SELECT r.department_id "
	    "FROM letter_route r LEFT JOIN region g ON g.code = r.region_code "
	    "WHERE r.channel = ? AND (r.category = ? OR r.category = '') AND "
	    "(r.region_code = '' OR (SELECT path FROM region WHERE code = ?) "
	    "LIKE g.path || '%') ORDER BY (r.category <> '') DESC, "
	    "LENGTH(COALESCE(g.path, '')) DESC LIMIT 1", "sss", channel,
	    category, region_code);
}

enum yw_err
yw_letter_store_routes(struct yw_db *db, json_t **out)
{
	return yw_db_rows(db, "SELECT r.id, r.channel, r.category, "
	    "r.region_code, r.department_id, d.name AS department_name, "
	    "d.name_en AS department_name_en FROM letter_route r JOIN "
	    "department d ON d.id = r.department_id ORDER BY r.channel, "
	    "r.category, r.region_code", json_array(), out);
}

enum yw_err
yw_letter_store_route_put(struct yw_db *db, const char *channel,
    const char *category, const char *region_code, int64_t department_id)
{
	return yw_db_run(db, NULL, "INSERT INTO letter_route (channel, "
	    "category, region_code, department_id) VALUES (?, ?, ?, ?) ON "
	    "CONFLICT (channel, category, region_code) DO UPDATE SET "
	    "department_id = excluded.department_id", "sssi", channel,
	    category, region_code, department_id);
}

int
yw_letter_store_region_exists(struct yw_db *db, const char *code)
{
	int64_t n;

	return yw_db_one_int64(db, &n, "SELECT COUNT(*) FROM region WHERE "
	    "code = ?", "s", code) == YW_OK && n > 0;
}

int
yw_letter_store_department_exists(struct yw_db *db, int64_t id)
{
	int64_t n;

	return yw_db_one_int64(db, &n, "SELECT COUNT(*) FROM department "
	    "WHERE id = ?", "i", id) == YW_OK && n > 0;
}

int64_t
yw_letter_store_setting(struct yw_db *db, const char *key)
{
	struct yw_stmt	*st;
	int64_t		 v;

	if (yw_db_first(db, &st, "SELECT value FROM letter_setting WHERE "
	    "key = ?", "s", key) != YW_OK)
		return 0;
	v = strtoll(yw_stmt_col_text(st, 0), NULL, 10);
	yw_stmt_done(st);
	return v;
}

enum yw_err
yw_letter_store_set_setting(struct yw_db *db, const char *key,
    const char *value)
{
	return yw_db_run(db, NULL, "INSERT INTO letter_setting (key, value) "
	    "VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
	    "excluded.value", "ss", key, value);
}

enum yw_err
yw_letter_store_officers(struct yw_db *db, int64_t department_id,
    json_t **out)
{
	return yw_db_rows(db, "SELECT o.department_id, o.channel, o.title, "
	    "o.account_id, a.display_name AS name, d.name AS department_name, "
	    "d.name_en AS department_name_en FROM letter_officer o JOIN "
	    "account a ON a.id = o.account_id JOIN department d ON d.id = "
	    "o.department_id JOIN letter_channel c ON c.code = o.channel "
	    "WHERE (? = 0 OR o.department_id = ?) ORDER BY d.code, c.sort",
	    json_pack("[II]", (json_int_t)department_id,
	    (json_int_t)department_id), out);
}

enum yw_err
yw_letter_store_officer_put(struct yw_db *db, int64_t department_id,
    const char *channel, int64_t account_id, const char *title, int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO letter_officer (department_id, "
	    "channel, account_id, title, updated_at) VALUES (?, ?, ?, ?, ?) "
	    "ON CONFLICT (department_id, channel) DO UPDATE SET account_id = "
	    "excluded.account_id, title = excluded.title, updated_at = "
	    "excluded.updated_at", "isisi", department_id, channel,
	    account_id, title, now);
}

int
yw_letter_store_is_staff(struct yw_db *db, int64_t account_id,
    int64_t department_id)
{
	int64_t n;

	return yw_db_one_int64(db, &n, "SELECT COUNT(*) FROM account WHERE "
	    "id = ? AND kind = 'staff' AND status = 'active' AND "
	    "department_id = ?", "ii", account_id, department_id) == YW_OK &&
	    n > 0;
}

enum yw_err
yw_letter_store_next_no(struct yw_db *db, const char *day, int64_t *seq)
{
	return yw_db_one_int64(db, seq, "INSERT INTO letter_seq (day, last) "
	    "VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = "
	    "letter_seq.last + 1 RETURNING last", "s", day);
}

enum yw_err
yw_letter_store_by_key(struct yw_db *db, const char *scope, const char *key,
    int64_t *id, char letter_no[24])
{
	struct yw_stmt	*st;
	enum yw_err	 rc;

	rc = yw_db_first(db, &st, "SELECT id, letter_no FROM letter WHERE "
	    "idem_scope = ? AND idem_key = ?", "ss", scope, key);
	if (rc != YW_OK)
		return rc;
	*id = yw_stmt_col_int64(st, 0);
	(void)snprintf(letter_no, 24, "%s", yw_stmt_col_text(st, 1));
	yw_stmt_done(st);
	return YW_OK;
}

static const char *
s_(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* A text column that is "" rather than NULL when absent. */
static const char *
e_(json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));

	return v != NULL ? v : "";
}

static int64_t
i_(json_t *o, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(o, k));
}

/* An optional count: -1 for null. */
static int64_t
opt(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
}

enum yw_err
yw_letter_store_insert(struct yw_db *db, json_t *l, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO letter (letter_no, "
	    "channel, category, region_code, title, body, writer_id, "
	    "writer_name, writer_phone, query_hash, publish_ok, details, "
	    "files, source, department_id, state, received_day, due_day, "
	    "idem_scope, idem_key, created_at, updated_at, address, "
	    "writer_email, service_code, lat, lon, client_id) VALUES (?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE "
	    "PRECISION), ?) RETURNING id", "ssssssosssisssiiissiissssso",
	    s_(l, "letter_no"),
	    s_(l, "channel"), s_(l, "category"), s_(l, "region_code"),
	    s_(l, "title"), s_(l, "body"), i_(l, "writer_id"),
	    s_(l, "writer_name"), s_(l, "writer_phone"), s_(l, "query_hash"),
	    i_(l, "publish_ok"), s_(l, "details"), s_(l, "files"),
	    s_(l, "source"), i_(l, "department_id"), i_(l, "received_day"),
	    i_(l, "due_day"), s_(l, "idem_scope"), s_(l, "idem_key"),
	    i_(l, "created_at"), i_(l, "created_at"), e_(l, "address"),
	    e_(l, "writer_email"), s_(l, "service_code"), s_(l, "lat"),
	    s_(l, "lon"), i_(l, "client_id"));
}

#define LETTER_COLUMNS \
	"SELECT l.id, l.letter_no, l.channel, l.category, l.region_code, " \
	"g.name AS region_name, g.name_en AS region_name_en, l.title, " \
	"l.body, l.writer_id, l.writer_name, l.writer_phone, l.publish_ok, " \
	"l.details, l.files, l.source, l.department_id, d.name AS " \
	"department_name, d.name_en AS department_name_en, l.state, " \
	"l.assignee_id, s.display_name AS assignee_name, l.received_day, " \
	"l.due_day, l.transfers, l.reopened, l.reply, l.replied_at, " \
	"l.reply_days, l.on_time, l.rating, l.rating_comment, " \
	"l.escalated_at, l.version, l.created_at, l.updated_at, " \
	"l.address, l.writer_email, l.service_code, l.lat, l.lon, " \
	"l.client_id " \
	"FROM letter l JOIN department d ON d.id = l.department_id " \
	"JOIN region g ON g.code = l.region_code " \
	"LEFT JOIN account s ON s.id = l.assignee_id "

enum yw_err
yw_letter_store_get(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, LETTER_COLUMNS "WHERE l.id = ?",
	    json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_letter_store_by_code(struct yw_db *db, const char *letter_no,
    const char *query_hash, json_t **out)
{
	return yw_db_row(db, LETTER_COLUMNS "WHERE l.letter_no = ? AND "
	    "l.query_hash = ?", json_pack("[ss]", letter_no, query_hash), out);
}

enum yw_err
yw_letter_store_update(struct yw_db *db, json_t *l, int64_t version,
    int64_t now)
{
	int64_t		n;
	enum yw_err	rc;

	rc = yw_db_run(db, &n, "UPDATE letter SET state = ?, department_id = "
	    "?, assignee_id = ?, transfers = ?, reopened = ?, reply = ?, "
	    "replied_at = ?, reply_days = CASE WHEN CAST(? AS BIGINT) < 0 "
	    "THEN NULL ELSE CAST(? AS BIGINT) END, on_time = CASE WHEN "
	    "CAST(? AS BIGINT) < 0 THEN NULL ELSE CAST(? AS BIGINT) END, "
	    "rating = ?, rating_comment = ?, due_day = ?, escalated_at = ?, "
	    "files = ?, version = version + 1, updated_at = ? WHERE id = ? AND "
	    "version = ?", "sioiisoiiiissiosiii", s_(l, "state"),
	    i_(l, "department_id"), i_(l, "assignee_id"), i_(l, "transfers"),
	    i_(l, "reopened"), s_(l, "reply"), i_(l, "replied_at"),
	    opt(l, "reply_days"), opt(l, "reply_days"), opt(l, "on_time"),
	    opt(l, "on_time"), s_(l, "rating"), s_(l, "rating_comment"),
	    i_(l, "due_day"), i_(l, "escalated_at"), s_(l, "files"), now,
	    i_(l, "id"), version);
	if (rc == YW_OK && n == 0)
		rc = YW_ECONFLICT;
	return rc;
}

enum yw_err
yw_letter_store_event(struct yw_db *db, int64_t letter_id, int64_t actor_id,
    const char *role, const char *event, const char *state,
    int64_t department_id, const char *note, int internal, int64_t now)
{
	return yw_db_run(db, NULL, "INSERT INTO letter_event (letter_id, at, "
	    "actor_id, actor_role, event, state, department_id, note, "
	    "internal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiosssosi",
	    letter_id, now, actor_id, role, event, state, department_id,
	    note != NULL ? note : "", (int64_t)internal);
}

enum yw_err
yw_letter_store_events(struct yw_db *db, int64_t letter_id,
    int with_internal, json_t **out)
{
	return yw_db_rows(db, "SELECT e.id, e.at, e.actor_role, e.event, "
	    "e.state, e.note, e.internal, e.department_id, d.name AS "
	    "department_name, d.name_en AS department_name_en FROM "
	    "letter_event e LEFT JOIN department d ON d.id = e.department_id "
	    "WHERE e.letter_id = ? AND (? = 1 OR e.internal = 0) ORDER BY "
	    "e.id", json_pack("[II]", (json_int_t)letter_id,
	    (json_int_t)with_internal), out);
}

enum yw_err
yw_letter_store_mine(struct yw_db *db, int64_t writer_id, json_t **out)
{
	return yw_db_rows(db, "SELECT l.id, l.letter_no, l.channel, l.title, "
	    "l.state, l.due_day, l.received_day, l.created_at, d.name AS "
	    "department_name, d.name_en AS department_name_en FROM letter l "
	    "JOIN department d ON d.id = l.department_id WHERE l.writer_id = ? "
	    "ORDER BY l.created_at DESC, l.id DESC LIMIT 200",
	    json_pack("[I]", (json_int_t)writer_id), out);
}

enum yw_err
yw_letter_store_queue(struct yw_db *db, int64_t department_id,
    int64_t overdue_before, json_t **out)
{
	return yw_db_rows(db, "SELECT l.id, l.letter_no, l.channel, "
	    "l.category, l.title, l.state, l.received_day, l.due_day, "
	    "l.transfers, l.escalated_at, l.assignee_id, l.department_id, "
	    "d.name AS department_name, d.name_en AS department_name_en, "
	    "s.display_name AS assignee_name FROM letter l JOIN department d "
	    "ON d.id = l.department_id LEFT JOIN account s ON s.id = "
	    "l.assignee_id WHERE l.state IN ('received', 'assigned', "
	    "'in_progress') AND (? = 0 OR l.department_id = ?) AND (? = 0 OR "
	    "l.due_day < ?) ORDER BY l.due_day, l.id LIMIT 500",
	    json_pack("[IIII]", (json_int_t)department_id,
	    (json_int_t)department_id, (json_int_t)overdue_before,
	    (json_int_t)overdue_before), out);
}

enum yw_err
yw_letter_store_overdue_new(struct yw_db *db, int64_t today, json_t **out)
{
	return yw_db_rows(db, "SELECT id, letter_no, title, department_id, "
	    "due_day, version FROM letter WHERE state IN ('received', "
	    "'assigned', 'in_progress') AND due_day < ? AND escalated_at IS "
	    "NULL ORDER BY id LIMIT 1000", json_pack("[I]", (json_int_t)today),
	    out);
}

enum yw_err
yw_letter_store_role_holders(struct yw_db *db, int64_t department_id,
    const char *role, json_t **out)
{
	return yw_db_rows(db, "SELECT a.id FROM account a JOIN staff_role r ON "
	    "r.account_id = a.id WHERE a.department_id = ? AND a.status = "
	    "'active' AND r.role = ? ORDER BY a.id", json_pack("[Is]",
	    (json_int_t)department_id, role), out);
}

enum yw_err
yw_letter_store_handlers(struct yw_db *db, int64_t department_id,
    json_t **out)
{
	return yw_db_rows(db, "SELECT a.id, a.display_name FROM account a "
	    "WHERE a.department_id = ? AND a.status = 'active' AND a.kind = "
	    "'staff' AND EXISTS (SELECT 1 FROM staff_role r WHERE "
	    "r.account_id = a.id AND r.role IN ('case_handler', "
	    "'dept_admin')) ORDER BY a.display_name, a.id", json_pack("[I]",
	    (json_int_t)department_id), out);
}

enum yw_err
yw_letter_store_public(struct yw_db *db, const char *channel,
    int64_t department_id, int64_t limit, int64_t offset, json_t **out)
{
	return yw_db_rows(db, "SELECT l.id, l.letter_no, l.channel, "
	    "l.category, l.title, l.body, l.reply, l.writer_name, "
	    "l.created_at, l.replied_at, l.department_id, d.name AS "
	    "department_name, d.name_en AS department_name_en, l.region_code, "
	    "g.name AS region_name, g.name_en AS region_name_en FROM letter l "
	    "JOIN department d ON d.id = l.department_id JOIN region g ON "
	    "g.code = l.region_code WHERE l.publish_ok = 1 AND l.state IN "
	    "('replied', 'closed') AND (? = '' OR l.channel = ?) AND (? = 0 OR "
	    "l.id = ?) ORDER BY l.replied_at DESC, l.id DESC LIMIT ? OFFSET ?",
	    json_pack("[ssIIII]", channel, channel, (json_int_t)department_id,
	    (json_int_t)department_id, (json_int_t)limit, (json_int_t)offset),
	    out);
}

enum yw_err
yw_letter_store_public_count(struct yw_db *db, const char *channel,
    int64_t *n)
{
	return yw_db_one_int64(db, n, "SELECT COUNT(*) FROM letter WHERE "
	    "publish_ok = 1 AND state IN ('replied', 'closed') AND (? = '' OR "
	    "channel = ?)", "ss", channel, channel);
}

enum yw_err
yw_letter_store_figures(struct yw_db *db, json_t **out)
{
	return yw_db_rows(db, "SELECT d.id AS department_id, d.code, d.name, "
	    "d.name_en, CAST(COUNT(l.id) AS BIGINT) AS received, "
	    "CAST(SUM(CASE WHEN l.replied_at IS NOT NULL THEN 1 ELSE 0 END) AS "
	    "BIGINT) AS replied, CAST(SUM(CASE WHEN l.on_time = 1 THEN 1 ELSE "
	    "0 END) AS BIGINT) AS on_time, CAST(SUM(CASE WHEN l.rating IS NOT "
	    "NULL THEN 1 ELSE 0 END) AS BIGINT) AS rated, CAST(SUM(CASE WHEN "
	    "l.rating IN ('satisfied', 'basic') THEN 1 ELSE 0 END) AS BIGINT) "
	    "AS satisfied FROM department d JOIN letter l ON l.department_id = "
	    "d.id GROUP BY d.id, d.code, d.name, d.name_en ORDER BY d.code",
	    json_array(), out);
}

enum yw_err
yw_letter_store_reply_days(struct yw_db *db, json_t **out)
{
	return yw_db_rows(db, "SELECT department_id, reply_days FROM letter "
	    "WHERE reply_days IS NOT NULL ORDER BY department_id, reply_days",
	    json_array(), out);
}

enum yw_err
yw_letter_store_dues_after(struct yw_db *db, int64_t after, json_t **out)
{
	return yw_db_rows(db, "SELECT id, due_day FROM letter WHERE state IN "
	    "('received', 'assigned', 'in_progress') AND due_day > ? "
	    "ORDER BY id", json_pack("[I]", (json_int_t)after), out);
}

enum yw_err
yw_letter_store_set_due(struct yw_db *db, int64_t id, int64_t due,
    int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE letter SET due_day = ?, version = "
	    "version + 1, updated_at = ? WHERE id = ?", "iii", due, now, id);
}
