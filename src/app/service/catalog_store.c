#include <string.h>

#include "app/service/catalog_store.h"

/* The filter's parameters, in the order of FILTER_SQL. */
static json_t *
filter_params(const struct yw_catalog_store_filter *f)
{
	return json_pack("[ssIIssIIss]", f->event, f->event,
	    (json_int_t)f->department_id, (json_int_t)f->department_id,
	    f->path_prefix, f->path_prefix, (json_int_t)f->level,
	    (json_int_t)f->level, f->type, f->type);
}

#define FILTER_SQL \
	" FROM service_item s" \
	" JOIN department d ON d.id = s.department_id" \
	" JOIN region r ON r.code = s.region_code" \
	" WHERE s.status = 'published'" \
	" AND (CAST(? AS TEXT) = '' OR EXISTS (SELECT 1 FROM service_event e" \
	"  WHERE e.item_id = s.id AND e.event = ?))" \
	" AND (CAST(? AS BIGINT) = 0 OR s.department_id = ?)" \
	" AND substr(r.path, 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT)" \
	" AND (CAST(? AS BIGINT) = 0 OR r.level = ?)" \
	" AND (CAST(? AS TEXT) = '' OR s.item_type = ?)"

#define LIST_COLUMNS \
	"SELECT s.id, s.code, s.name, s.name_en, s.item_type," \
	" s.department_id, d.name AS department_name," \
	" d.name_en AS department_name_en, s.region_code," \
	" r.name AS region_name, r.level, s.statutory_days," \
	" s.promised_days, s.visits, s.online_depth"

enum yw_err
yw_catalog_store_list(struct yw_db *db,
    const struct yw_catalog_store_filter *f, json_t **rows)
{
	json_t *p;

	p = filter_params(f);
	if (p != NULL && (json_array_append_new(p,
	    json_integer((json_int_t)f->limit)) != 0 ||
	    json_array_append_new(p, json_integer((json_int_t)f->offset)) !=
	    0)) {
		json_decref(p);
		p = NULL;
	}
	return yw_db_rows(db, LIST_COLUMNS FILTER_SQL
	    " ORDER BY s.code LIMIT ? OFFSET ?", p, rows);
}

enum yw_err
yw_catalog_store_count(struct yw_db *db,
    const struct yw_catalog_store_filter *f, int64_t *n)
{
	json_t		*rows;
	enum yw_err	 rc;

	*n = 0;
	rc = yw_db_rows(db, "SELECT COUNT(*) AS n" FILTER_SQL, filter_params(f),
	    &rows);
	if (rc != YW_OK)
		return rc;
	*n = json_integer_value(json_object_get(json_array_get(rows, 0),
	    "n"));
	json_decref(rows);
	return YW_OK;
}

enum yw_err
yw_catalog_store_event_counts(struct yw_db *db, json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT e.event, COUNT(*) AS n"
	    " FROM service_event e JOIN service_item s ON s.id = e.item_id"
	    " WHERE s.status = 'published'"
	    " GROUP BY e.event",
	    json_array(), rows);
}

enum yw_err
yw_catalog_store_admin_list(struct yw_db *db, int64_t department_id,
    json_t **rows)
{
	return yw_db_rows(db, LIST_COLUMNS ", s.status, s.completeness,"
	    " s.updated_at"
	    " FROM service_item s"
	    " JOIN department d ON d.id = s.department_id"
	    " JOIN region r ON r.code = s.region_code"
	    " WHERE CAST(? AS BIGINT) = 0 OR s.department_id = ?"
	    " ORDER BY s.code",
	    json_pack("[II]", (json_int_t)department_id,
	    (json_int_t)department_id), rows);
}

enum yw_err
yw_catalog_store_get(struct yw_db *db, int64_t id, const char *code,
    json_t **row)
{
	json_t		*rows;
	enum yw_err	 rc;

	*row = NULL;
	rc = yw_db_rows(db,
	    "SELECT s.id, s.code, s.seq, s.name, s.name_en, s.item_type,"
	    " s.department_id, s.region_code, s.legal_basis, s.conditions,"
	    " s.legal_basis_en, s.conditions_en, s.fee_text_en,"
	    " s.statutory_days, s.promised_days, s.fee_kind, s.fee_text,"
	    " s.visits, s.online_depth, s.consult_phone, s.complaint_phone,"
	    " s.status, s.completeness, s.created_at, s.updated_at,"
	    " d.code AS department_code, d.name AS department_name,"
	    " d.name_en AS department_name_en, d.phone AS department_phone,"
	    " d.address AS department_address, r.name AS region_name,"
	    " r.name_en AS region_name_en, r.level AS region_level,"
	    " r.path AS region_path"
	    " FROM service_item s"
	    " JOIN department d ON d.id = s.department_id"
	    " JOIN region r ON r.code = s.region_code"
	    " WHERE s.id = ? OR s.code = ?",
	    json_pack("[Is]", (json_int_t)id, code != NULL ? code : ""),
	    &rows);
	if (rc != YW_OK)
		return rc;
	if (json_array_size(rows) == 0)
		rc = YW_ENOTFOUND;
	else
		*row = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return rc;
}

enum yw_err
yw_catalog_store_materials(struct yw_db *db, int64_t id, json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT m.seq, m.name, m.description, m.name_en,"
	    " m.description_en, m.copies, m.form,"
	    " m.shared_department_id, d.name AS shared_department_name,"
	    " d.name_en AS shared_department_name_en, m.fetch_resource"
	    " FROM service_material m"
	    " LEFT JOIN department d ON d.id = m.shared_department_id"
	    " WHERE m.item_id = ? ORDER BY m.seq",
	    json_pack("[I]", (json_int_t)id), rows);
}

enum yw_err
yw_catalog_store_steps(struct yw_db *db, int64_t id, json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT seq, text, text_en FROM service_step WHERE item_id = ?"
	    " ORDER BY seq",
	    json_pack("[I]", (json_int_t)id), rows);
}

enum yw_err
yw_catalog_store_events(struct yw_db *db, int64_t id, json_t **rows)
{
	return yw_db_rows(db,
	    "SELECT event FROM service_event WHERE item_id = ?",
	    json_pack("[I]", (json_int_t)id), rows);
}

enum yw_err
yw_catalog_store_next_seq(struct yw_db *db, int64_t department_id,
    const char *region_code, const char *item_type, int64_t *seq)
{
	return yw_db_one_int64(db, seq,
	    "SELECT COALESCE(MAX(seq), 0) + 1 FROM service_item"
	    " WHERE department_id = ? AND region_code = ? AND item_type = ?",
	    "iss", department_id, region_code, item_type);
}

/* item[k], borrowed; JSON null when absent. */
static json_t *
col(json_t *item, const char *k)
{
	json_t *v;

	v = json_object_get(item, k);
	return v != NULL ? v : json_null();
}

/* The columns both insert and update write, in this order. */
static json_t *
item_params(json_t *item, int64_t now)
{
	static const char *const keys[] = {
		"name", "name_en", "legal_basis", "conditions",
		"statutory_days", "promised_days", "fee_kind", "fee_text",
		"visits", "online_depth", "consult_phone", "complaint_phone",
		"status", "completeness", "legal_basis_en", "conditions_en",
		"fee_text_en",
	};
	json_t	*p;
	size_t	 i;

	p = json_array();
	if (p == NULL)
		return NULL;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (json_array_append(p, col(item, keys[i])) != 0)
			goto fail;
	if (json_array_append_new(p, json_integer((json_int_t)now)) != 0)
		goto fail;
	return p;
fail:
	json_decref(p);
	return NULL;
}

enum yw_err
yw_catalog_store_insert(struct yw_db *db, json_t *item, int64_t now,
    int64_t *id_out)
{
	json_t		*p, *rows;
	enum yw_err	 rc;

	*id_out = 0;
	p = item_params(item, now);
	if (p != NULL && (json_array_append(p, col(item, "code")) != 0 ||
	    json_array_append(p, col(item, "seq")) != 0 ||
	    json_array_append(p, col(item, "item_type")) != 0 ||
	    json_array_append(p, col(item, "department_id")) != 0 ||
	    json_array_append(p, col(item, "region_code")) != 0 ||
	    json_array_append_new(p, json_integer((json_int_t)now)) != 0)) {
		json_decref(p);
		p = NULL;
	}
	rc = yw_db_rows(db,
	    "INSERT INTO service_item (name, name_en, legal_basis, conditions,"
	    " statutory_days, promised_days, fee_kind, fee_text, visits,"
	    " online_depth, consult_phone, complaint_phone, status,"
	    " completeness, legal_basis_en, conditions_en, fee_text_en,"
	    " updated_at, code, seq, item_type, department_id,"
	    " region_code, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?, ?, ?) RETURNING id",
	    p, &rows);
	if (rc != YW_OK)
		return rc;
	*id_out = json_integer_value(json_object_get(json_array_get(rows, 0),
	    "id"));
	json_decref(rows);
	return *id_out > 0 ? YW_OK : YW_EINTERNAL;
}

enum yw_err
yw_catalog_store_update(struct yw_db *db, int64_t id, json_t *item,
    int64_t now)
{
	json_t *p;

	p = item_params(item, now);
	if (p != NULL && json_array_append_new(p,
	    json_integer((json_int_t)id)) != 0) {
		json_decref(p);
		p = NULL;
	}
	return yw_db_rows(db,
	    "UPDATE service_item SET name = ?, name_en = ?, legal_basis = ?,"
	    " conditions = ?, statutory_days = ?, promised_days = ?,"
	    " fee_kind = ?, fee_text = ?, visits = ?, online_depth = ?,"
	    " consult_phone = ?, complaint_phone = ?, status = ?,"
	    " completeness = ?, legal_basis_en = ?, conditions_en = ?,"
	    " fee_text_en = ?, updated_at = ?"
	    " WHERE id = ?",
	    p, NULL);
}

/* The string v, or "" when it is none (an optional translation). */
static const char *
text_or_empty(json_t *v)
{
	const char *s;

	s = json_string_value(v);
	return s != NULL ? s : "";
}

enum yw_err
yw_catalog_store_set_materials(struct yw_db *db, int64_t id,
    json_t *materials)
{
	json_t		*m;
	int64_t		 shared;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_db_run(db, NULL,
	    "DELETE FROM service_material WHERE item_id = ?", "i", id);
	json_array_foreach(materials, i, m) {
		if (rc != YW_OK)
			break;
		shared = json_integer_value(json_object_get(m,
		    "shared_department_id"));
		rc = yw_db_run(db, NULL,
		    "INSERT INTO service_material (item_id, seq, name,"
		    " description, copies, form, shared_department_id,"
		    " name_en, description_en, fetch_resource)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "iissisosss", id, (int64_t)i + 1,
		    json_string_value(json_object_get(m, "name")),
		    json_string_value(json_object_get(m, "description")),
		    (int64_t)json_integer_value(json_object_get(m, "copies")),
		    json_string_value(json_object_get(m, "form")), shared,
		    text_or_empty(json_object_get(m, "name_en")),
		    text_or_empty(json_object_get(m, "description_en")),
		    text_or_empty(json_object_get(m, "fetch_resource")));
	}
	return rc;
}

enum yw_err
yw_catalog_store_set_steps(struct yw_db *db, int64_t id, json_t *steps,
    json_t *steps_en)
{
	json_t		*s;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_db_run(db, NULL, "DELETE FROM service_step WHERE item_id = ?",
	    "i", id);
	json_array_foreach(steps, i, s) {
		if (rc != YW_OK)
			break;
		rc = yw_db_run(db, NULL,
		    "INSERT INTO service_step (item_id, seq, text, text_en)"
		    " VALUES (?, ?, ?, ?)",
		    "iiss", id, (int64_t)i + 1, json_string_value(s),
		    text_or_empty(json_array_get(steps_en, i)));
	}
	return rc;
}

enum yw_err
yw_catalog_store_set_events(struct yw_db *db, int64_t id, json_t *events)
{
	json_t		*e;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_db_run(db, NULL, "DELETE FROM service_event WHERE item_id = ?",
	    "i", id);
	json_array_foreach(events, i, e) {
		if (rc != YW_OK)
			break;
		rc = yw_db_run(db, NULL,
		    "INSERT INTO service_event (item_id, event) VALUES (?, ?)",
		    "is", id, json_string_value(e));
	}
	return rc;
}
