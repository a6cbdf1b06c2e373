/*
 * kb_store.c - the SQL behind kb.c (kb_store.h).
 */
#include <string.h>

#include "app/interact/kb_store.h"

#define ANSWER_COLUMNS \
	"SELECT k.id, k.department_id, d.name AS department_name, " \
	"d.name_en AS department_name_en, d.code AS department_code, " \
	"k.category, k.question, k.answer, k.published, k.created_at, " \
	"k.updated_at, u.display_name AS updated_by_name FROM kb_answer k " \
	"JOIN department d ON d.id = k.department_id " \
	"LEFT JOIN account u ON u.id = k.updated_by "

static const char *
s_(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static int64_t
i_(json_t *o, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(o, k));
}

enum yw_err
yw_kb_store_get(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, ANSWER_COLUMNS "WHERE k.id = ?",
	    json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_kb_store_list(struct yw_db *db, int64_t department_id,
    int published_only, int64_t limit, json_t **out)
{
	return yw_db_rows(db, ANSWER_COLUMNS "WHERE (? = 0 OR "
	    "k.department_id = ?) AND (? = 0 OR k.published = 1) ORDER BY "
	    "k.updated_at DESC, k.id DESC LIMIT ?", json_pack("[IIII]",
	    (json_int_t)department_id, (json_int_t)department_id,
	    (json_int_t)(published_only != 0), (json_int_t)(limit > 0 ?
	    limit : INT64_MAX)), out);
}

enum yw_err
yw_kb_store_insert(struct yw_db *db, json_t *in, int64_t actor_id,
    int64_t now, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO kb_answer "
	    "(department_id, category, question, answer, published, "
	    "created_by, updated_by, created_at, updated_at) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, ?, ?) RETURNING id", "isssiooii",
	    i_(in, "department_id"), s_(in, "category"), s_(in, "question"),
	    s_(in, "answer"), i_(in, "published"), actor_id, actor_id, now,
	    now);
}

enum yw_err
yw_kb_store_update(struct yw_db *db, int64_t id, json_t *in,
    int64_t actor_id, int64_t now)
{
	int64_t		n;
	enum yw_err	rc;

	rc = yw_db_run(db, &n, "UPDATE kb_answer SET department_id = ?, "
	    "category = ?, question = ?, answer = ?, published = ?, "
	    "updated_by = ?, updated_at = ? WHERE id = ?", "isssioii",
	    i_(in, "department_id"), s_(in, "category"), s_(in, "question"),
	    s_(in, "answer"), i_(in, "published"), actor_id, now, id);
	if (rc == YW_OK && n == 0)
		rc = YW_ENOTFOUND;
	return rc;
}

enum yw_err
yw_kb_store_delete(struct yw_db *db, int64_t id)
{
	int64_t		n;
	enum yw_err	rc;

	rc = yw_db_run(db, &n, "DELETE FROM kb_answer WHERE id = ?", "i", id);
	if (rc == YW_OK && n == 0)
		rc = YW_ENOTFOUND;
	return rc;
}

enum yw_err
yw_kb_store_letter_ids(struct yw_db *db, json_t **out)
{
	return yw_db_rows(db, "SELECT id FROM letter WHERE channel = "
	    "'consult' AND publish_ok = 1 AND state IN ('replied', 'closed') "
	    "ORDER BY replied_at, id", json_array(), out);
}
