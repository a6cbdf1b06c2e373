/*
 * h_kb.c - the consultation knowledge base (app/interact/kb.h): the public
 * search page and each entry's page with their JSON, the suggestions that
 * the consultation form shows (h_letter.c calls yw_web_kb_suggest), and
 * the staff pages where a department keeps its answers.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/interact/kb.h"
#include "app/interact/letter.h"
#include "app/org/org.h"
#include "app/search/search.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/letterview.h"
#include "web/web.h"

int	page_kb(struct http_request *);
int	api_kb(struct http_request *);
int	page_kb_entry(struct http_request *);
int	api_kb_entry(struct http_request *);
int	page_staff_kb(struct http_request *);
int	page_staff_kb_edit(struct http_request *);

#define KB_QUERY_MAX	80	/* characters of a search (< 256 bytes) */

/* Category and source names for pages. */
static void
label(struct yw_req *r, json_t *e)
{
	if (r->kind != YW_PAGE)
		return;
	json_object_set(e, "category_label", yw_web_letter_text(r, "category",
	    yw_jstr(e, "category")));
	json_object_set_new(e, "from_letter", json_boolean(strcmp(yw_jstr(e,
	    "source"), "letter") == 0));
}

static void
label_all(struct yw_req *r, json_t *entries)
{
	json_t	*e;
	size_t	 i;

	json_array_foreach(entries, i, e)
		label(r, e);
}

/* A copy of s (borrowed) cut to at most max bytes at a character
 * boundary (arena-owned). */
static const char *
cut(struct yw_req *r, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return s;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return yw_arena_strndup(r->arena, s, n);
}

enum yw_err
yw_web_kb_suggest(struct yw_req *r, const char *text, json_t *vm)
{
	json_t		*v;
	enum yw_err	 rc;

	rc = yw_kb_suggest(yw_web->db, cut(r, text, YW_SEARCH_TEXT_MAX),
	    &v);
	if (rc != YW_OK)
		return rc;
	label_all(r, json_object_get(v, "entries"));
	json_object_set(vm, "suggestions", json_object_get(v, "entries"));
	json_object_set_new(vm, "has_suggestions", json_boolean(
	    json_array_size(json_object_get(v, "entries")) > 0));
	json_decref(v);
	return YW_OK;
}

/* GET /interact/knowledge?q=&page= and its JSON. */
static enum yw_err
view_kb(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "q", KB_QUERY_MAX, 0 },
		{ "page", 6, 0 },
	};
	json_t		*q, *v;
	const char	*text, *p;
	int64_t		 page;
	enum yw_err	 rc;

	rc = yw_req_query_checked(r, spec, 2, &q);
	if (rc != YW_OK)
		return rc;
	text = yw_jstr(q, "q");
	p = yw_jstr(q, "page");
	page = p[0] != '\0' ? yw_web_id(p) : 1;
	if (page < 1) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "page",
		    "invalid"));
		return YW_EINVAL;
	}
	/* 80 characters of four bytes would pass the index's limit. */
	rc = yw_kb_search(yw_web->db, cut(r, text, YW_SEARCH_TEXT_MAX), page,
	    &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	json_object_set_new(vm, "q", json_string(text));
	if (r->kind != YW_PAGE)
		return YW_OK;
	label_all(r, json_object_get(vm, "entries"));
	json_object_set_new(vm, "asked", json_boolean(text[0] != '\0'));
	json_object_set_new(vm, "has_entries", json_boolean(json_array_size(
	    json_object_get(vm, "entries")) > 0));
	if (page > 1)
		json_object_set_new(vm, "prev_page", json_integer(page - 1));
	if (page < yw_jint(vm, "pages"))
		json_object_set_new(vm, "next_page", json_integer(page + 1));
	return YW_OK;
}

static enum yw_err
view_kb_entry(struct yw_req *r, json_t *vm)
{
	json_t		*e;
	enum yw_err	 rc;

	rc = yw_kb_entry(yw_web->db, yw_req_tail(r), &e);
	if (rc != YW_OK)
		return rc;
	label(r, e);
	json_object_set_new(vm, "entry", e);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* Staff: a department's answers. */

static enum yw_err
view_staff_kb(struct yw_req *r, json_t *vm)
{
	json_t		*list, *row;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_kb_staff_list(yw_web->db, &r->actor, &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, row) {
		label(r, row);
		json_object_set_new(row, "is_published", json_boolean(
		    yw_jint(row, "published") != 0));
	}
	json_object_set_new(vm, "has_answers", json_boolean(
	    json_array_size(list) > 0));
	json_object_set_new(vm, "answers", list);
	json_object_set_new(vm, "is_platform_admin", json_boolean(
	    r->actor.roles & YW_ROLE_PLATFORM_ADMIN));
	return YW_OK;
}

/* The edit form for row (borrowed; the form's values win). */
static enum yw_err
edit_form(struct yw_req *r, json_t *vm, json_t *row)
{
	json_t		*form, *deps;
	enum yw_err	 rc;

	form = r->form;
	if (form == NULL) {
		form = yw_req_keep(r, json_object());
		if (row != NULL) {
			json_object_set(form, "category", json_object_get(row,
			    "category"));
			json_object_set(form, "question", json_object_get(row,
			    "question"));
			json_object_set(form, "answer", json_object_get(row,
			    "answer"));
			json_object_set_new(form, "department_id",
			    json_sprintf("%lld", (long long)yw_jint(row,
			    "department_id")));
			json_object_set_new(form, "published", json_string(
			    yw_jint(row, "published") ? "1" : ""));
		} else
			json_object_set_new(form, "published",
			    json_string("1"));
	}
	json_object_set(vm, "form", form);
	json_object_set_new(vm, "published_checked", json_boolean(
	    strcmp(yw_jstr(form, "published"), "1") == 0));
	json_object_set_new(vm, "categories", yw_web_letter_choices(r,
	    "category", yw_letter_categories, form, "category"));
	if (row != NULL)
		json_object_set(vm, "answer", row);
	r->labels = json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "kb"), "field");
	if (!(r->actor.roles & YW_ROLE_PLATFORM_ADMIN))
		return YW_OK;
	rc = yw_org_departments(yw_web->db, NULL, &deps);
	if (rc != YW_OK)
		return rc;
	yw_web_mark_selected(deps, "id", form, "department_id");
	json_object_set_new(vm, "departments", deps);
	json_object_set_new(vm, "choose_department", json_true());
	return YW_OK;
}

static enum yw_err
view_staff_kb_edit(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "op", 16, YW_FORM_REQUIRED },
		{ "department_id", 15, 0 },
		{ "category", 32, 0 },
		{ "question", YW_KB_QUESTION_MAX, 0 },
		{ "answer", YW_KB_ANSWER_MAX, YW_FORM_MULTILINE },
		{ "published", 1, 0 },
	};
	json_t		*row = NULL, *errors;
	const char	*tail;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	tail = yw_req_tail(r);
	id = strcmp(tail, "new") == 0 ? 0 : yw_web_id(tail);
	if (id == 0 && strcmp(tail, "new") != 0)
		return YW_ENOTFOUND;
	/* Outside the actor's department, the answer does not exist. */
	if (id != 0) {
		rc = yw_kb_staff_get(yw_web->db, &r->actor, id, &row);
		if (rc != YW_OK)
			return rc;
		yw_req_keep(r, row);
	} else if (!yw_kb_may_edit(&r->actor, r->actor.department_id))
		return YW_EFORBIDDEN;
	json_object_set_new(vm, "is_new", json_boolean(id == 0));
	if (!yw_req_is_post(r))
		return edit_form(r, vm, row);
	rc = yw_req_form(r, spec, sizeof(spec) / sizeof(spec[0]));
	if (rc != YW_OK)
		return rc;
	if (strcmp(yw_jstr(r->form, "op"), "delete") == 0 && id != 0) {
		rc = yw_kb_delete(yw_web->db, &r->actor, id);
		if (rc == YW_OK)
			r->redirect = "/staff/knowledge?done=kb_delete";
		return rc;
	}
	errors = NULL;
	rc = yw_kb_save(yw_web->db, &r->actor, id, r->form, yw_time_now(),
	    &id, &errors);
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc == YW_EINVAL) {
		(void)edit_form(r, vm, row);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena,
	    "/staff/knowledge/%lld?done=kb_saved", (long long)id);
	return YW_OK;
}

int
page_kb(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "interact/knowledge", view_kb);
}

int
api_kb(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_kb);
}

int
page_kb_entry(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "interact/knowledge_entry",
	    view_kb_entry);
}

int
api_kb_entry(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_kb_entry);
}

int
page_staff_kb(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_knowledge",
	    view_staff_kb);
}

int
page_staff_kb_edit(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_knowledge_edit",
	    view_staff_kb_edit);
}
