/*
 * kb.c - the consultation knowledge base (kb.h): staff answers with their
 * permissions and audit, the index documents of answers and published
 * consultation replies, and the public search and suggestions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/interact/kb.h"
#include "app/interact/kb_store.h"
#include "app/interact/letter.h"
#include "app/search/search.h"
#include "core/buf.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#define KIND_ANSWER	"kb_answer"
#define KIND_LETTER	"kb_letter"
#define LIST_MAX	20	/* newest answers shown for an empty search */

static const char *const kinds[] = { KIND_ANSWER, KIND_LETTER };

int
yw_kb_may_edit(const struct yw_actor *a, int64_t department_id)
{
	/* Command-line operators are platform admins without an account. */
	if (strcmp(a->kind, "staff") != 0)
		return 0;
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	return a->department_id == department_id && (a->roles &
	    (YW_ROLE_DEPT_ADMIN | YW_ROLE_PUBLISHER |
	    YW_ROLE_CASE_HANDLER)) != 0;
}

/* YW_OK when a may edit some department's answers. */
static enum yw_err
may_edit_any(const struct yw_actor *a)
{
	if (strcmp(a->kind, "staff") != 0)
		return a->id == 0 ? YW_EAUTH : YW_EFORBIDDEN;
	return yw_kb_may_edit(a, a->department_id) ? YW_OK : YW_EFORBIDDEN;
}

int
yw_kb_parse_id(const char *id, char *source, int64_t *n)
{
	int64_t	v = 0;
	size_t	i;

	*n = 0;
	if (id == NULL || (id[0] != 'a' && id[0] != 'l') || id[1] == '\0')
		return 0;
	for (i = 1; id[i] != '\0'; i++) {
		if (id[i] < '0' || id[i] > '9' || i > 15)
			return 0;
		v = v * 10 + (id[i] - '0');
	}
	if (v <= 0)
		return 0;
	*source = id[0];
	*n = v;
	return 1;
}

static void
set_date(json_t *e, const char *key, int64_t t)
{
	char buf[32];

	if (t > 0 && yw_time_fmt_local(t, buf, sizeof(buf), 0) == YW_OK)
		json_object_set_new(e, key, json_string(buf));
}

/* The entry of an answer row (borrowed). */
static json_t *
answer_entry(json_t *row)
{
	json_t	*e;
	char	 id[YW_KB_ID_MAX];

	(void)snprintf(id, sizeof(id), "a%lld", (long long)yw_jint(row, "id"));
	e = json_pack("{s:s, s:s, s:O, s:s, s:O, s:O, s:O, s:O, s:O?, s:o}",
	    "id", id, "source", "answer", "question", json_object_get(row,
	    "question"), "body", "", "answer", json_object_get(row, "answer"),
	    "category", json_object_get(row, "category"), "department_id",
	    json_object_get(row, "department_id"), "department_name",
	    json_object_get(row, "department_name"), "department_name_en",
	    json_object_get(row, "department_name_en"), "url", json_sprintf(
	    "/interact/knowledge/%s", id));
	if (e != NULL)
		set_date(e, "updated_on", yw_jint(row, "updated_at"));
	return e;
}

/* The entry of a published letter as yw_letter_public_get masks it. */
static json_t *
letter_entry(json_t *l)
{
	char	 id[YW_KB_ID_MAX];
	(void)snprintf(id, sizeof(id), "l%lld", (long long)yw_jint(l, "id"));
	return json_pack("{s:s, s:s, s:O, s:O, s:O, s:O, s:O, s:O, s:O?, "
	    "s:O?, s:o}", "id", id, "source", "letter", "question",
	    json_object_get(l, "title"), "body", json_object_get(l, "body"),
	    "answer", json_object_get(l, "reply"), "category",
	    json_object_get(l, "category"), "department_id",
	    json_object_get(l, "department_id"), "department_name",
	    json_object_get(l, "department_name"), "department_name_en",
	    json_object_get(l, "department_name_en"), "updated_on",
	    json_object_get(l, "replied_on"), "url", json_sprintf(
	    "/interact/knowledge/%s", id));
}

enum yw_err
yw_kb_entry(struct yw_db *db, const char *id, json_t **out)
{
	json_t		*row;
	char		 source;
	int64_t		 n;
	enum yw_err	 rc;

	*out = NULL;
	if (!yw_kb_parse_id(id, &source, &n))
		return YW_ENOTFOUND;
	if (source == 'l') {
		rc = yw_letter_public_get(db, n, &row);
		if (rc == YW_OK && strcmp(yw_jstr(row, "channel"), "consult")
		    != 0)
			rc = YW_ENOTFOUND;
		if (rc == YW_OK)
			*out = letter_entry(row);
	} else {
		rc = yw_kb_store_get(db, n, &row);
		if (rc == YW_OK && yw_jint(row, "published") == 0)
			rc = YW_ENOTFOUND;
		if (rc == YW_OK)
			*out = answer_entry(row);
	}
	if (rc != YW_OK)
		return rc;
	json_decref(row);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* The index. */

static enum yw_err
unindex(struct yw_db *db, const char *kind, int64_t id)
{
	char		ref[24];
	enum yw_err	rc;

	(void)snprintf(ref, sizeof(ref), "%lld", (long long)id);
	rc = yw_search_delete(db, kind, ref, NULL);
	return rc == YW_ENOTFOUND ? YW_OK : rc;
}

static enum yw_err
index_entry(struct yw_db *db, const char *kind, int64_t id, json_t *e)
{
	struct yw_buf	 body;
	json_t		*facets;
	char		 ref[24], dept[24];
	enum yw_err	 rc;

	(void)snprintf(ref, sizeof(ref), "%lld", (long long)id);
	(void)snprintf(dept, sizeof(dept), "%lld", (long long)yw_jint(e,
	    "department_id"));
	yw_buf_init(&body);
	rc = yw_jstr(e, "body")[0] != '\0' ? yw_buf_appendf(&body, "%s\n%s",
	    yw_jstr(e, "body"), yw_jstr(e, "answer")) : yw_buf_appends(&body,
	    yw_jstr(e, "answer"));
	facets = json_pack("{s:s, s:s}", "department", dept, "category",
	    yw_jstr(e, "category"));
	if (rc == YW_OK)
		rc = yw_search_put(db, kind, ref, NULL, NULL, yw_jstr(e,
		    "question"), body.data, facets);
	json_decref(facets);
	yw_buf_free(&body);
	return rc;
}

static enum yw_err
index_answer(struct yw_db *db, int64_t id)
{
	json_t		*row, *e;
	enum yw_err	 rc;

	rc = yw_kb_store_get(db, id, &row);
	if (rc == YW_ENOTFOUND || (rc == YW_OK && yw_jint(row, "published") ==
	    0)) {
		json_decref(row);
		return unindex(db, KIND_ANSWER, id);
	}
	if (rc != YW_OK)
		return rc;
	e = answer_entry(row);
	rc = e != NULL ? index_entry(db, KIND_ANSWER, id, e) : YW_ENOMEM;
	json_decref(e);
	json_decref(row);
	return rc;
}

enum yw_err
yw_kb_letter_sync(struct yw_db *db, int64_t letter_id)
{
	json_t		*l, *e;
	enum yw_err	 rc;

	rc = yw_letter_public_get(db, letter_id, &l);
	if (rc == YW_ENOTFOUND || (rc == YW_OK && strcmp(yw_jstr(l, "channel"),
	    "consult") != 0)) {
		json_decref(l);
		return unindex(db, KIND_LETTER, letter_id);
	}
	if (rc != YW_OK)
		return rc;
	e = letter_entry(l);
	rc = e != NULL ? index_entry(db, KIND_LETTER, letter_id, e) :
	    YW_ENOMEM;
	json_decref(e);
	json_decref(l);
	return rc;
}

enum yw_err
yw_kb_reindex(struct yw_db *db, size_t *n)
{
	json_t		*answers = NULL, *letters = NULL, *r;
	size_t		 i;
	enum yw_err	 rc;

	if (n != NULL)
		*n = 0;
	rc = yw_kb_store_list(db, 0, 0, 0, &answers);
	if (rc == YW_OK)
		rc = yw_kb_store_letter_ids(db, &letters);
	if (rc == YW_OK)
		rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	json_array_foreach(answers, i, r)
		if (rc == YW_OK)
			rc = index_answer(db, yw_jint(r, "id"));
	json_array_foreach(letters, i, r)
		if (rc == YW_OK)
			rc = yw_kb_letter_sync(db, yw_jint(r, "id"));
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	if (rc == YW_OK && n != NULL)
		*n = json_array_size(letters);
	json_array_foreach(answers, i, r)
		if (rc == YW_OK && n != NULL && yw_jint(r, "published") != 0)
			(*n)++;
out:
	json_decref(answers);
	json_decref(letters);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Staff answers. */

enum yw_err
yw_kb_staff_list(struct yw_db *db, const struct yw_actor *a, json_t **out)
{
	enum yw_err rc;

	*out = NULL;
	rc = may_edit_any(a);
	if (rc != YW_OK)
		return rc;
	return yw_kb_store_list(db, (a->roles & YW_ROLE_PLATFORM_ADMIN) ? 0 :
	    a->department_id, 0, 0, out);
}

enum yw_err
yw_kb_staff_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **out)
{
	enum yw_err rc;

	*out = NULL;
	rc = may_edit_any(a);
	if (rc != YW_OK)
		return rc;
	rc = yw_kb_store_get(db, id, out);
	if (rc == YW_OK && !yw_kb_may_edit(a, yw_jint(*out, "department_id"))) {
		json_decref(*out);
		*out = NULL;
		rc = YW_ENOTFOUND;
	}
	return rc;
}

/* Text of 1..max code points; multiline allows line breaks. */
static void
check_text(json_t *errors, const char *field, const char *s, size_t max,
    int multiline)
{
	size_t n = strlen(s);

	if (n == 0)
		yw_jerror(&errors, field, "required");
	else if (!yw_utf8_valid(s, n) || yw_utf8_has_control(s, n, multiline))
		yw_jerror(&errors, field, "invalid");
	else if (yw_utf8_count(s, n) > max)
		yw_jerror(&errors, field, "too_long");
}

/* The row to write from in, checked; NULL with errors filled. */
static json_t *
checked(struct yw_db *db, const struct yw_actor *a, json_t *in,
    json_t *errors)
{
	json_t		*pub, *dummy;
	const char	*cat;
	int64_t		 dept;

	dept = a->department_id;
	if (a->roles & YW_ROLE_PLATFORM_ADMIN) {
		dept = yw_jint(in, "department_id");
		if (json_is_string(json_object_get(in, "department_id")))
			dept = strtoll(yw_jstr(in, "department_id"), NULL, 10);
		if (dept <= 0 || yw_db_row(db, "SELECT id FROM department "
		    "WHERE id = ?", json_pack("[I]", (json_int_t)dept),
		    &dummy) != YW_OK)
			yw_jerror(&errors, "department_id", "not_found");
		else
			json_decref(dummy);
	}
	cat = yw_jstr(in, "category");
	if (cat[0] == '\0')
		yw_jerror(&errors, "category", "required");
	else if (!yw_in_list(yw_letter_categories, cat))
		yw_jerror(&errors, "category", "invalid");
	check_text(errors, "question", yw_jstr(in, "question"),
	    YW_KB_QUESTION_MAX, 0);
	check_text(errors, "answer", yw_jstr(in, "answer"), YW_KB_ANSWER_MAX,
	    1);
	if (json_object_size(errors) > 0)
		return NULL;
	pub = json_object_get(in, "published");
	return json_pack("{s:I, s:s, s:s, s:s, s:I}", "department_id",
	    (json_int_t)dept, "category", cat, "question", yw_jstr(in,
	    "question"), "answer", yw_jstr(in, "answer"), "published",
	    (json_int_t)(json_is_true(pub) || strcmp(yw_jstr(in, "published"),
	    "1") == 0));
}

static enum yw_err
audit(struct yw_db *db, const struct yw_actor *a, const char *action,
    int64_t id, json_t *detail)
{
	char		oid[24];
	enum yw_err	rc;

	(void)snprintf(oid, sizeof(oid), "%lld", (long long)id);
	rc = yw_audit_append(db, a, action, "kb_answer", oid, detail);
	json_decref(detail);
	return rc;
}

enum yw_err
yw_kb_save(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *in, int64_t now, int64_t *out_id, json_t **errors)
{
	json_t		*row = NULL, *old = NULL;
	enum yw_err	 rc;

	*errors = NULL;
	if (out_id != NULL)
		*out_id = 0;
	rc = may_edit_any(a);
	if (rc != YW_OK)
		return rc;
	if (id != 0) {
		rc = yw_kb_staff_get(db, a, id, &old);
		if (rc != YW_OK)
			return rc;
		json_decref(old);
	}
	*errors = json_object();
	row = checked(db, a, in, *errors);
	if (row == NULL)
		return YW_EINVAL;
	json_decref(*errors);
	*errors = NULL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (id == 0)
		rc = yw_kb_store_insert(db, row, a->id, now, &id);
	else
		rc = yw_kb_store_update(db, id, row, a->id, now);
	if (rc == YW_OK)
		rc = index_answer(db, id);
	if (rc == YW_OK)
		rc = audit(db, a, old == NULL ? "kb.create" : "kb.update", id,
		    json_pack("{s:O, s:O}", "department_id", json_object_get(
		    row, "department_id"), "published", json_object_get(row,
		    "published")));
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	if (rc == YW_ECONFLICT) {
		*errors = json_pack("{s:s}", "question", "duplicate");
		rc = YW_EINVAL;
	}
	if (rc == YW_OK && out_id != NULL)
		*out_id = id;
out:
	json_decref(row);
	return rc;
}

enum yw_err
yw_kb_delete(struct yw_db *db, const struct yw_actor *a, int64_t id)
{
	json_t		*old;
	enum yw_err	 rc;

	rc = yw_kb_staff_get(db, a, id, &old);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_begin(db);
	if (rc == YW_OK)
		rc = yw_kb_store_delete(db, id);
	if (rc == YW_OK)
		rc = unindex(db, KIND_ANSWER, id);
	if (rc == YW_OK)
		rc = audit(db, a, "kb.delete", id, json_pack("{s:O}",
		    "question", json_object_get(old, "question")));
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	else
		(void)yw_db_rollback(db);
	json_decref(old);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Searching. */

/* The entry id of a hit: its kind's letter and its ref_id. */
static const char *
hit_id(json_t *h, char id[YW_KB_ID_MAX])
{
	(void)snprintf(id, YW_KB_ID_MAX, "%c%s", strcmp(yw_jstr(h, "kind"),
	    KIND_LETTER) == 0 ? 'l' : 'a', yw_jstr(h, "ref_id"));
	return id;
}

/* Runs one index query and turns its hits into entries. */
static enum yw_err
query(struct yw_db *db, const char *text, int any, int limit, int offset,
    json_t **entries, int64_t *total)
{
	struct yw_search_q	 q;
	json_t			*res, *h, *e;
	char			 id[YW_KB_ID_MAX];
	size_t			 i;
	enum yw_err		 rc;

	memset(&q, 0, sizeof(q));
	q.text = text;
	q.kinds = kinds;
	q.nkinds = sizeof(kinds) / sizeof(kinds[0]);
	q.limit = limit;
	q.offset = offset;
	q.any = any;
	rc = yw_search_query(db, &q, &res);
	if (rc != YW_OK)
		return rc;
	*total = yw_jint(res, "total");
	*entries = json_array();
	json_array_foreach(json_object_get(res, "hits"), i, h) {
		rc = yw_kb_entry(db, hit_id(h, id), &e);
		if (rc == YW_ENOTFOUND) {	/* gone since indexed */
			rc = YW_OK;
			continue;
		}
		if (rc != YW_OK)
			break;
		json_object_set(e, "title_html", json_object_get(h,
		    "title_html"));
		json_object_set(e, "snippet", json_object_get(h, "snippet"));
		json_array_append_new(*entries, e);
	}
	json_decref(res);
	if (rc != YW_OK) {
		json_decref(*entries);
		*entries = NULL;
	}
	return rc;
}

/* Strict first; a sentence that no entry holds whole, loosely. */
static enum yw_err
lookup(struct yw_db *db, const char *text, int limit, int offset,
    json_t **entries, int64_t *total, int *loose)
{
	enum yw_err rc;

	*loose = 0;
	rc = query(db, text, 0, limit, offset, entries, total);
	if (rc != YW_OK || *total > 0)
		return rc;
	json_decref(*entries);
	*loose = 1;
	return query(db, text, 1, limit, offset, entries, total);
}

enum yw_err
yw_kb_search(struct yw_db *db, const char *text, int64_t page, json_t **out)
{
	json_t		*entries, *rows, *r;
	int64_t		 total;
	size_t		 i;
	int		 loose;
	enum yw_err	 rc;

	*out = NULL;
	if (page < 1)
		page = 1;
	if (text == NULL || text[0] == '\0') {
		rc = yw_kb_store_list(db, 0, 1, LIST_MAX, &rows);
		if (rc != YW_OK)
			return rc;
		entries = json_array();
		json_array_foreach(rows, i, r)
			json_array_append_new(entries, answer_entry(r));
		json_decref(rows);
		total = (int64_t)json_array_size(entries);
		page = 1;
		loose = 0;
	} else {
		if (page > YW_SEARCH_CANDIDATES / YW_KB_PAGE)
			return YW_ENOTFOUND;
		rc = lookup(db, text, YW_KB_PAGE, (int)((page - 1) *
		    YW_KB_PAGE), &entries, &total, &loose);
		if (rc != YW_OK)
			return rc;
	}
	*out = json_pack("{s:o, s:I, s:I, s:I, s:b}", "entries", entries,
	    "total", (json_int_t)total, "page", (json_int_t)page, "pages",
	    (json_int_t)(text == NULL || text[0] == '\0' ? 1 :
	    (total + YW_KB_PAGE - 1) / YW_KB_PAGE), "loose", loose);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_kb_suggest(struct yw_db *db, const char *text, json_t **out)
{
	json_t		*entries;
	int64_t		 total;
	int		 loose;
	enum yw_err	 rc;

	*out = NULL;
	if (text == NULL || text[0] == '\0')
		entries = json_array();
	else {
		rc = lookup(db, text, YW_KB_SUGGEST, 0, &entries, &total,
		    &loose);
		if (rc != YW_OK)
			return rc;
	}
	*out = json_pack("{s:o}", "entries", entries);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}
