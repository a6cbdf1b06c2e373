/*
 * survey_store.c - the SQL of surveys (survey_store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/interact/survey_store.h"

#define SURVEY_COLS "s.id, s.department_id, d.name AS department_name, " \
	"d.name_en AS department_name_en, s.title, s.description, " \
	"s.opens_at, s.closes_at, s.state, s.results, s.responses, " \
	"s.created_at, s.updated_at, s.published_at FROM survey s JOIN " \
	"department d ON d.id = s.department_id "

enum yw_err
yw_survey_store_get(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, "SELECT " SURVEY_COLS "WHERE s.id = ?",
	    json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_survey_store_published(struct yw_db *db, json_t **out)
{
	return yw_db_rows(db, "SELECT " SURVEY_COLS "WHERE s.state = "
	    "'published' ORDER BY s.opens_at DESC, s.id DESC LIMIT 200",
	    json_array(), out);
}

enum yw_err
yw_survey_store_of(struct yw_db *db, int64_t department_id, json_t **out)
{
	return yw_db_rows(db, "SELECT " SURVEY_COLS "WHERE (? = 0 OR "
	    "s.department_id = ?) ORDER BY s.created_at DESC, s.id DESC "
	    "LIMIT 500", json_pack("[II]", (json_int_t)department_id,
	    (json_int_t)department_id), out);
}

enum yw_err
yw_survey_store_insert(struct yw_db *db, json_t *s, int64_t now,
    int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO survey (department_id, "
	    "title, description, opens_at, closes_at, results, created_by, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id", "issiisoii",
	    (int64_t)json_integer_value(json_object_get(s, "department_id")),
	    json_string_value(json_object_get(s, "title")),
	    json_string_value(json_object_get(s, "description")),
	    (int64_t)json_integer_value(json_object_get(s, "opens_at")),
	    (int64_t)json_integer_value(json_object_get(s, "closes_at")),
	    json_string_value(json_object_get(s, "results")),
	    (int64_t)json_integer_value(json_object_get(s, "created_by")),
	    now, now);
}

enum yw_err
yw_survey_store_update(struct yw_db *db, int64_t id, json_t *s, int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE survey SET title = ?, description "
	    "= ?, opens_at = ?, closes_at = ?, results = ?, updated_at = ? "
	    "WHERE id = ?", "ssiisii",
	    json_string_value(json_object_get(s, "title")),
	    json_string_value(json_object_get(s, "description")),
	    (int64_t)json_integer_value(json_object_get(s, "opens_at")),
	    (int64_t)json_integer_value(json_object_get(s, "closes_at")),
	    json_string_value(json_object_get(s, "results")), now, id);
}

enum yw_err
yw_survey_store_publish(struct yw_db *db, int64_t id, int64_t now)
{
	int64_t		n;
	enum yw_err	rc;

	rc = yw_db_run(db, &n, "UPDATE survey SET state = 'published', "
	    "published_at = ?, updated_at = ? WHERE id = ? AND state = "
	    "'draft'", "iii", now, now, id);
	return rc == YW_OK && n == 0 ? YW_ECONFLICT : rc;
}

enum yw_err
yw_survey_store_set_closes(struct yw_db *db, int64_t id, int64_t closes_at,
    int64_t now)
{
	return yw_db_run(db, NULL, "UPDATE survey SET closes_at = ?, "
	    "updated_at = ? WHERE id = ?", "iii", closes_at, now, id);
}

enum yw_err
yw_survey_store_questions(struct yw_db *db, int64_t survey_id, json_t **out)
{
	json_t		*q, *opts;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_db_rows(db, "SELECT id, pos, kind, text, required, options "
	    "FROM survey_question WHERE survey_id = ? ORDER BY pos",
	    json_pack("[I]", (json_int_t)survey_id), out);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(*out, i, q) {
		opts = json_loads(json_string_value(json_object_get(q,
		    "options")), 0, NULL);
		json_object_set_new(q, "options", json_is_array(opts) ? opts :
		    json_array());
		if (!json_is_array(opts))
			json_decref(opts);
		json_object_set_new(q, "required", json_boolean(
		    json_integer_value(json_object_get(q, "required"))));
	}
	return YW_OK;
}

enum yw_err
yw_survey_store_set_questions(struct yw_db *db, int64_t survey_id,
    json_t *qs)
{
	json_t		*q;
	char		*opts;
	int64_t		 n;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_db_one_int64(db, &n, "SELECT responses FROM survey WHERE id "
	    "= ?", "i", survey_id);
	if (rc == YW_OK && n > 0)
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = yw_db_run(db, NULL, "DELETE FROM survey_question WHERE "
		    "survey_id = ?", "i", survey_id);
	json_array_foreach(qs, i, q) {
		if (rc != YW_OK)
			break;
		opts = json_dumps(json_object_get(q, "options"),
		    JSON_COMPACT);
		if (opts == NULL)
			return YW_ENOMEM;
		rc = yw_db_run(db, NULL, "INSERT INTO survey_question "
		    "(survey_id, pos, kind, text, required, options) VALUES "
		    "(?, ?, ?, ?, ?, ?)", "iissis", survey_id, (int64_t)i + 1,
		    json_string_value(json_object_get(q, "kind")),
		    json_string_value(json_object_get(q, "text")),
		    (int64_t)json_is_true(json_object_get(q, "required")),
		    opts);
		free(opts);
	}
	return rc;
}

int
yw_survey_store_answered(struct yw_db *db, int64_t survey_id,
    int64_t account_id)
{
	int64_t n;

	return yw_db_one_int64(db, &n, "SELECT COUNT(*) FROM survey_response "
	    "WHERE survey_id = ? AND account_id = ?", "ii", survey_id,
	    account_id) == YW_OK && n > 0;
}

enum yw_err
yw_survey_store_respond(struct yw_db *db, int64_t survey_id,
    int64_t account_id, json_t *rows, int64_t now, int64_t *response_id)
{
	json_t		*r;
	int64_t		 opt;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_db_one_int64(db, response_id, "INSERT INTO survey_response "
	    "(survey_id, account_id, created_at) VALUES (?, ?, ?) RETURNING "
	    "id", "iii", survey_id, account_id, now);
	json_array_foreach(rows, i, r) {
		if (rc != YW_OK)
			break;
		opt = (int64_t)json_integer_value(json_object_get(r,
		    "option_id"));
		rc = yw_db_run(db, NULL, "INSERT INTO survey_answer "
		    "(response_id, survey_id, question_id, option_id, text) "
		    "VALUES (?, ?, ?, ?, ?)", "iiios", *response_id, survey_id,
		    (int64_t)json_integer_value(json_object_get(r,
		    "question_id")), opt, json_string_value(json_object_get(r,
		    "text")));
	}
	if (rc == YW_OK)
		rc = yw_db_run(db, NULL, "UPDATE survey SET responses = "
		    "responses + 1 WHERE id = ?", "i", survey_id);
	return rc;
}

enum yw_err
yw_survey_store_counts(struct yw_db *db, int64_t survey_id, json_t **out)
{
	return yw_db_rows(db, "SELECT question_id, option_id, COUNT(*) AS n "
	    "FROM survey_answer WHERE survey_id = ? AND option_id IS NOT NULL "
	    "GROUP BY question_id, option_id", json_pack("[I]",
	    (json_int_t)survey_id), out);
}

enum yw_err
yw_survey_store_answered_counts(struct yw_db *db, int64_t survey_id,
    json_t **out)
{
	return yw_db_rows(db, "SELECT question_id, COUNT(DISTINCT "
	    "response_id) AS n FROM survey_answer WHERE survey_id = ? GROUP BY "
	    "question_id", json_pack("[I]", (json_int_t)survey_id), out);
}

enum yw_err
yw_survey_store_texts(struct yw_db *db, int64_t survey_id, int64_t limit,
    json_t **out)
{
	return yw_db_rows(db, "SELECT question_id, text FROM (SELECT "
	    "question_id, text, id, ROW_NUMBER() OVER (PARTITION BY "
	    "question_id ORDER BY id) AS k FROM survey_answer WHERE survey_id "
	    "= ? AND option_id IS NULL) t WHERE k <= ? ORDER BY question_id, "
	    "id", json_pack("[II]", (json_int_t)survey_id, (json_int_t)limit),
	    out);
}

enum yw_err
yw_survey_store_export_page(struct yw_db *db, int64_t survey_id,
    int64_t after_id, int64_t limit, json_t **out)
{
	return yw_db_rows(db, "SELECT r.id AS response_id, r.created_at, "
	    "a.question_id, a.option_id, a.text FROM (SELECT id, created_at "
	    "FROM survey_response WHERE survey_id = ? AND id > ? ORDER BY id "
	    "LIMIT ?) r LEFT JOIN survey_answer a ON a.response_id = r.id "
	    "ORDER BY r.id, a.id", json_pack("[III]", (json_int_t)survey_id,
	    (json_int_t)after_id, (json_int_t)limit), out);
}
