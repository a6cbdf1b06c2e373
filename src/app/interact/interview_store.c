/*
 * interview_store.c - SQL of online interviews (interview_store.h).
 */
#include "app/interact/interview_store.h"

enum yw_err
yw_interview_store_insert(struct yw_db *db, int64_t dept, const char *title,
    const char *topic, int64_t starts_at, int64_t ends_at, int64_t by,
    int64_t now, int64_t *id)
{
	return yw_db_one_int64(db, id, "INSERT INTO interview (department_id,"
	    " title, topic, starts_at, ends_at, created_by, created_at,"
	    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "issiioii", dept, title, topic, starts_at, ends_at, by, now, now);
}

enum yw_err
yw_interview_store_guest_add(struct yw_db *db, int64_t interview_id,
    const char *name, const char *title, int64_t sort)
{
	return yw_db_run(db, NULL, "INSERT INTO interview_guest"
	    " (interview_id, name, title, sort) VALUES (?, ?, ?, ?)", "issi",
	    interview_id, name, title, sort);
}

#define IV_COLS \
	"i.id, i.department_id, i.title, i.topic, i.starts_at, i.ends_at," \
	" COALESCE(i.ended_at, 0) AS ended_at, d.name AS department_name," \
	" d.name_en AS department_name_en, d.region_code AS region_code" \
	" FROM interview i JOIN department d ON d.id = i.department_id"

enum yw_err
yw_interview_store_list(struct yw_db *db, int64_t dept, json_t **out)
{
	return yw_db_rows(db, "SELECT " IV_COLS " WHERE (? = 0 OR"
	    " i.department_id = ?) ORDER BY i.starts_at DESC, i.id DESC"
	    " LIMIT 200", json_pack("[II]", (json_int_t)dept,
	    (json_int_t)dept), out);
}

enum yw_err
yw_interview_store_get(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_row(db, "SELECT " IV_COLS " WHERE i.id = ?",
	    json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_interview_store_guests(struct yw_db *db, int64_t interview_id,
    json_t **out)
{
	return yw_db_rows(db, "SELECT id, name, title FROM interview_guest"
	    " WHERE interview_id = ? ORDER BY sort, id", json_pack("[I]",
	    (json_int_t)interview_id), out);
}

enum yw_err
yw_interview_store_end(struct yw_db *db, int64_t id, int64_t now,
    int64_t *changes)
{
	return yw_db_run(db, changes, "UPDATE interview SET ended_at = ?,"
	    " updated_at = ? WHERE id = ? AND ended_at IS NULL", "iii", now,
	    now, id);
}

enum yw_err
yw_interview_store_by_key(struct yw_db *db, int64_t id, int64_t asker,
    const char *key, int64_t *qid)
{
	return yw_db_one_int64(db, qid, "SELECT id FROM interview_question"
	    " WHERE interview_id = ? AND asker_id = ? AND idem_key = ?", "iis",
	    id, asker, key);
}

enum yw_err
yw_interview_store_ask(struct yw_db *db, int64_t id, int64_t asker,
    const char *name, const char *phone, const char *body, const char *key,
    int64_t now, int64_t *qid)
{
	return yw_db_one_int64(db, qid, "INSERT INTO interview_question"
	    " (interview_id, asker_id, asker_name, asker_phone, body,"
	    " idem_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
	    " ?) RETURNING id", "iissssii", id, asker, name, phone, body, key,
	    now, now);
}

#define Q_COLS \
	"q.id, q.interview_id, q.asker_id, q.asker_name, q.body, q.state," \
	" q.reason, q.answer, COALESCE(q.guest_id, 0) AS guest_id," \
	" COALESCE(q.answer_seq, 0) AS seq, COALESCE(q.answered_at, 0) AS" \
	" answered_at, COALESCE(q.letter_id, 0) AS letter_id, q.created_at," \
	" COALESCE(g.name, '') AS guest_name, COALESCE(g.title, '') AS" \
	" guest_title FROM interview_question q LEFT JOIN interview_guest g" \
	" ON g.id = q.guest_id"

enum yw_err
yw_interview_store_questions(struct yw_db *db, int64_t id, json_t **out)
{
	return yw_db_rows(db, "SELECT " Q_COLS " WHERE q.interview_id = ?"
	    " ORDER BY q.id", json_pack("[I]", (json_int_t)id), out);
}

enum yw_err
yw_interview_store_question(struct yw_db *db, int64_t id, int64_t qid,
    json_t **out)
{
	return yw_db_row(db, "SELECT " Q_COLS " WHERE q.interview_id = ? AND"
	    " q.id = ?", json_pack("[II]", (json_int_t)id, (json_int_t)qid),
	    out);
}

enum yw_err
yw_interview_store_moderate(struct yw_db *db, int64_t qid, const char *state,
    const char *reason, int64_t by, int64_t now, int64_t *changes)
{
	return yw_db_run(db, changes, "UPDATE interview_question SET state ="
	    " ?, reason = ?, moderated_by = ?, updated_at = ? WHERE id = ? AND"
	    " state = 'pending'", "ssiii", state, reason, by, now, qid);
}

enum yw_err
yw_interview_store_answer(struct yw_db *db, int64_t id, int64_t qid,
    int64_t guest_id, const char *answer, int64_t by, int64_t now,
    int64_t *changes)
{
	int64_t		seq;
	enum yw_err	rc;

	rc = yw_db_one_int64(db, &seq, "SELECT COALESCE(MAX(answer_seq), 0)"
	    " AS n FROM interview_question WHERE interview_id = ?", "i", id);
	if (rc != YW_OK)
		return rc;
	return yw_db_run(db, changes, "UPDATE interview_question SET state ="
	    " 'answered', answer = ?, guest_id = ?, answer_seq = ?,"
	    " answered_at = ?, moderated_by = COALESCE(moderated_by, ?),"
	    " updated_at = ? WHERE id = ? AND interview_id = ? AND state ="
	    " 'approved'", "siiiiiii", answer, guest_id, seq + 1, now, by, now,
	    qid, id);
}

enum yw_err
yw_interview_store_leftovers(struct yw_db *db, int64_t interview_id,
    int64_t now, json_t **out)
{
	return yw_db_rows(db, "SELECT q.id, q.interview_id, q.asker_id,"
	    " q.asker_name, q.asker_phone, q.body, i.title, i.department_id,"
	    " d.region_code FROM interview_question q JOIN interview i ON"
	    " i.id = q.interview_id JOIN department d ON d.id ="
	    " i.department_id WHERE q.state = 'approved' AND q.letter_id IS"
	    " NULL AND (? = 0 OR q.interview_id = ?) AND (i.ends_at <= ? OR"
	    " i.ended_at <= ?) ORDER BY q.id", json_pack("[IIII]",
	    (json_int_t)interview_id, (json_int_t)interview_id,
	    (json_int_t)now, (json_int_t)now), out);
}

enum yw_err
yw_interview_store_set_letter(struct yw_db *db, int64_t qid,
    int64_t letter_id, int64_t now, int64_t *changes)
{
	return yw_db_run(db, changes, "UPDATE interview_question SET"
	    " letter_id = ?, updated_at = ? WHERE id = ? AND letter_id IS NULL"
	    " AND state = 'approved'", "iii", letter_id, now, qid);
}
