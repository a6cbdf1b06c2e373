/*
 * solicit_store.c - SQL of opinion solicitations (solicit_store.h).
 */
#include "app/interact/solicit_store.h"

static const char *
s_(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t
i_(json_t *o, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(o, k));
}

/* A time or 0 for NULL. */
static int64_t
t_(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

enum yw_err
yw_solicit_store_insert(struct yw_db *db, json_t *s, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO solicitation "
	    "(department_id, title, summary, clauses, open_day, close_day, "
	    "feedback_days, created_by, idem_key, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "isssiiiosii",
	    i_(s, "department_id"), s_(s, "title"), s_(s, "summary"),
	    s_(s, "clauses"), i_(s, "open_day"), i_(s, "close_day"),
	    i_(s, "feedback_days"), i_(s, "created_by"), s_(s, "idem_key"),
	    i_(s, "created_at"), i_(s, "created_at"));
}

enum yw_err
yw_solicit_store_by_key(struct yw_db *db, int64_t created_by,
    const char *key, int64_t *id)
{
	return yw_db_one_int64(db, id, "SELECT id FROM solicitation WHERE "
	    "created_by = ? AND idem_key = ?", "is", created_by, key);
}

#define SOLICIT_COLS "s.id, s.department_id, d.name AS department_name, " \
	"d.name_en AS department_name_en, s.title, s.summary, s.open_day, " \
	"s.close_day, s.feedback_days, s.published_at, s.feedback_at, " \
	"s.version, s.created_at, s.updated_at"

enum yw_err
yw_solicit_store_get(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, "SELECT " SOLICIT_COLS ", s.clauses, "
	    "s.feedback, s.outcomes FROM solicitation s JOIN department d ON "
	    "d.id = s.department_id WHERE s.id = ?", json_pack("[I]",
	    (json_int_t)id), out);
}

enum yw_err
yw_solicit_store_update(struct yw_db *db, json_t *s, int64_t version,
    int64_t now)
{
	int64_t		n;
	enum yw_err	rc;

	rc = yw_db_run(db, &n, "UPDATE solicitation SET title = ?, summary = "
	    "?, clauses = ?, open_day = ?, close_day = ?, feedback_days = ?, "
	    "published_at = ?, feedback = ?, outcomes = ?, feedback_at = ?, "
	    "version = version + 1, updated_at = ? WHERE id = ? AND version = "
	    "?", "sssiiiossoiii", s_(s, "title"), s_(s, "summary"),
	    s_(s, "clauses"), i_(s, "open_day"), i_(s, "close_day"),
	    i_(s, "feedback_days"), t_(s, "published_at"), s_(s, "feedback"),
	    s_(s, "outcomes"), t_(s, "feedback_at"), now, i_(s, "id"),
	    version);
	return rc == YW_OK && n == 0 ? YW_ECONFLICT : rc;
}

enum yw_err
yw_solicit_store_list(struct yw_db *db, int64_t department_id,
    int published_only, json_t **out)
{
	return yw_db_rows(db, "SELECT " SOLICIT_COLS ", (SELECT COUNT(*) "
	    "FROM solicit_comment c WHERE c.solicitation_id = s.id AND "
	    "c.state = 'approved') AS approved, (SELECT COUNT(*) FROM "
	    "solicit_comment c WHERE c.solicitation_id = s.id AND c.state = "
	    "'pending') AS pending FROM solicitation s JOIN department d ON "
	    "d.id = s.department_id WHERE (? = 0 OR s.department_id = ?) AND "
	    "(? = 0 OR s.published_at IS NOT NULL) ORDER BY s.open_day DESC, "
	    "s.id DESC", json_pack("[IIi]", (json_int_t)department_id,
	    (json_int_t)department_id, published_only != 0), out);
}

enum yw_err
yw_solicit_store_comment_insert(struct yw_db *db, json_t *c, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO solicit_comment "
	    "(solicitation_id, clause_no, account_id, writer_name, body, "
	    "idem_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "iiisssi", i_(c, "solicitation_id"), i_(c, "clause_no"),
	    i_(c, "account_id"), s_(c, "writer_name"), s_(c, "body"),
	    s_(c, "idem_key"), i_(c, "created_at"));
}

enum yw_err
yw_solicit_store_comment_by_key(struct yw_db *db, int64_t account_id,
    const char *key, int64_t *id)
{
	return yw_db_one_int64(db, id, "SELECT id FROM solicit_comment WHERE "
	    "account_id = ? AND idem_key = ?", "is", account_id, key);
}

#define COMMENT_COLS "id, solicitation_id, clause_no, account_id, " \
	"writer_name, body, state, reason, moderated_at, created_at"

enum yw_err
yw_solicit_store_comment_get(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, "SELECT " COMMENT_COLS " FROM solicit_comment "
	    "WHERE id = ?", json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_solicit_store_comments(struct yw_db *db, int64_t solicitation_id,
    const char *state, json_t **out)
{
	return yw_db_rows(db, "SELECT " COMMENT_COLS " FROM solicit_comment "
	    "WHERE solicitation_id = ? AND (CAST(? AS TEXT) = '' OR state = ?) "
	    "ORDER BY clause_no, id", json_pack("[Iss]",
	    (json_int_t)solicitation_id, state != NULL ? state : "",
	    state != NULL ? state : ""), out);
}

enum yw_err
yw_solicit_store_moderate(struct yw_db *db, int64_t id, const char *state,
    const char *reason, int64_t by, int64_t now)
{
	int64_t		n;
	enum yw_err	rc;

	rc = yw_db_run(db, &n, "UPDATE solicit_comment SET state = ?, reason "
	    "= ?, moderated_by = ?, moderated_at = ? WHERE id = ? AND state = "
	    "'pending'", "ssiii", state, reason, by, now, id);
	return rc == YW_OK && n == 0 ? YW_ECONFLICT : rc;
}
