/*
 * h_survey_staff.c - surveys as their department's staff build them: the
 * department's list, and one form that holds the whole survey (its
 * fields and every question) and works without JavaScript: "add a
 * question", "move up", "move down" and "delete" are submit buttons that
 * post the form and show it again changed (nothing lost, nothing saved
 * until "save"); "save", "publish" and "close" act. Once the first answer
 * has arrived the questions are shown, not edited. The responses as CSV.
 * app/interact decides who may do what.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/interact/survey.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/surveyview.h"
#include "web/web.h"

int	page_staff_surveys(struct http_request *);
int	page_staff_survey(struct http_request *);
int	page_staff_survey_export(struct http_request *);

#define ROWS_MAX	(YW_SURVEY_QUESTIONS + 1)	/* one over: an error */
#define OPTIONS_CHARS	(YW_SURVEY_OPTIONS * (YW_SURVEY_OPTION_MAX + 2))

static enum yw_err
view_list(struct yw_req *r, json_t *vm)
{
	json_t		*v;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_survey_staff_list(yw_web->db, &r->actor, yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	yw_web_survey_list(r, vm, v);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* The builder form. */

static const char *
row_field(struct yw_req *r, size_t n, const char *what)
{
	return yw_arena_printf(r->arena, "q%zu_%s", n, what);
}

/* The form's allow-list (arena-owned): the survey's fields and ROWS_MAX
 * rows of question fields. */
static struct yw_form_field *
builder_spec(struct yw_req *r, size_t *n)
{
	static const struct yw_form_field head[] = {
		{ "title", YW_SURVEY_TITLE_MAX, 0 },
		{ "description", YW_SURVEY_DESC_MAX, YW_FORM_MULTILINE },
		{ "opens", 10, 0 },
		{ "closes", 10, 0 },
		{ "results", 8, 0 },
		{ "op", 16, 0 },
	};
	struct yw_form_field	*spec;
	size_t			 i, k, nh;

	nh = sizeof(head) / sizeof(head[0]);
	spec = yw_arena_zalloc(r->arena, (nh + 4 * ROWS_MAX) * sizeof(*spec));
	if (spec == NULL)
		return NULL;
	memcpy(spec, head, sizeof(head));
	k = nh;
	for (i = 1; i <= ROWS_MAX; i++) {
		spec[k++] = (struct yw_form_field){ row_field(r, i, "text"),
		    YW_SURVEY_QUESTION_MAX, 0 };
		spec[k++] = (struct yw_form_field){ row_field(r, i, "kind"),
		    8, 0 };
		spec[k++] = (struct yw_form_field){ row_field(r, i,
		    "required"), 1, 0 };
		spec[k++] = (struct yw_form_field){ row_field(r, i, "options"),
		    OPTIONS_CHARS, YW_FORM_MULTILINE };
	}
	*n = k;
	return spec;
}

/* The question rows of the posted form, in order. */
static json_t *
posted_rows(struct yw_req *r)
{
	json_t	*rows;
	size_t	 i;

	rows = yw_req_keep(r, json_array());
	for (i = 1; i <= ROWS_MAX; i++) {
		if (json_object_get(r->form, row_field(r, i, "kind")) == NULL)
			continue;
		json_array_append_new(rows, json_pack("{s:s, s:s, s:b, s:s}",
		    "text", yw_jstr(r->form, row_field(r, i, "text")), "kind",
		    yw_jstr(r->form, row_field(r, i, "kind")), "required",
		    strcmp(yw_jstr(r->form, row_field(r, i, "required")),
		    "1") == 0, "options", yw_jstr(r->form, row_field(r, i,
		    "options"))));
	}
	return rows;
}

/* The stored questions as form rows (options one per line). */
static json_t *
stored_rows(struct yw_req *r, json_t *qs)
{
	struct yw_buf	 b;
	json_t		*rows, *q, *o;
	size_t		 i, j;

	rows = yw_req_keep(r, json_array());
	yw_buf_init(&b);
	json_array_foreach(qs, i, q) {
		yw_buf_reset(&b);
		json_array_foreach(json_object_get(q, "options"), j, o)
			(void)yw_buf_appendf(&b, "%s%s", j > 0 ? "\n" : "",
			    yw_jstr(o, "label"));
		json_array_append_new(rows, json_pack("{s:O, s:O, s:O, s:s}",
		    "text", json_object_get(q, "text"), "kind",
		    json_object_get(q, "kind"), "required", json_object_get(q,
		    "required"), "options", b.len > 0 ? b.data : ""));
	}
	yw_buf_free(&b);
	return rows;
}

/* Applies a row button ("add", "del_N", "up_N", "down_N") to rows; 0
 * when op is not one. */
static int
row_op(json_t *rows, const char *op)
{
	json_t	*row;
	size_t	 n, k;
	long	 v;
	char	*end;
	int	 up, down, del;

	n = json_array_size(rows);
	if (strcmp(op, "add") == 0) {
		if (n < YW_SURVEY_QUESTIONS)
			json_array_append_new(rows, json_pack("{s:s, s:s, s:b, "
			    "s:s}", "text", "", "kind", "single", "required",
			    0, "options", ""));
		return 1;
	}
	up = strncmp(op, "up_", 3) == 0;
	down = strncmp(op, "down_", 5) == 0;
	del = strncmp(op, "del_", 4) == 0;
	if (!up && !down && !del)
		return 0;
	v = strtol(strchr(op, '_') + 1, &end, 10);
	if (*end != '\0' || v < 1 || (size_t)v > n)
		return 1;
	k = (size_t)v - 1;
	if (del)
		json_array_remove(rows, k);
	else if ((up && k > 0) || (down && k + 1 < n)) {
		row = json_incref(json_array_get(rows, k));
		json_array_remove(rows, k);
		json_array_insert_new(rows, up ? k - 1 : k + 1, row);
	}
	return 1;
}

/* The domain's input from the posted form and rows. */
static json_t *
survey_input(struct yw_req *r, json_t *rows)
{
	json_t		*in, *qs, *row, *opts;
	const char	*p, *nl;
	char		*line;
	size_t		 i, len;

	qs = json_array();
	json_array_foreach(rows, i, row) {
		opts = json_array();
		for (p = yw_jstr(row, "options"); *p != '\0'; p = nl) {
			nl = strchr(p, '\n');
			if (nl == NULL)
				nl = p + strlen(p);
			len = (size_t)(nl - p);
			while (len > 0 && (p[len - 1] == '\r' ||
			    p[len - 1] == ' '))
				len--;
			while (len > 0 && *p == ' ') {
				p++;
				len--;
			}
			line = yw_arena_strndup(r->arena, p, len);
			if (line != NULL && len > 0)
				json_array_append_new(opts, json_string(line));
			if (*nl == '\n')
				nl++;
		}
		json_array_append_new(qs, json_pack("{s:O, s:O, s:O, s:o}",
		    "text", json_object_get(row, "text"), "kind",
		    json_object_get(row, "kind"), "required",
		    json_object_get(row, "required"), "options", opts));
	}
	in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "title",
	    yw_jstr(r->form, "title"), "description", yw_jstr(r->form,
	    "description"), "opens", yw_jstr(r->form, "opens"), "closes",
	    yw_jstr(r->form, "closes"), "results", yw_jstr(r->form, "results"),
	    "questions", qs);
	return yw_req_keep(r, in);
}

/* Fills vm with the builder form: form (the survey's fields), rows (the
 * questions), errors (codes, may be NULL) beside the fields they name. */
static void
builder_form(struct yw_req *r, json_t *vm, json_t *form, json_t *rows,
    json_t *errors)
{
	static const char *const kinds[] = { "single", "multi", "rating",
	    "text" };
	static const char *const what[] = { "text", "kind", "options" };
	json_t		*row, *labels, *list;
	const char	*f, *code;
	size_t		 i, k, n;
	char		 key[32];

	labels = yw_req_keep(r, json_deep_copy(json_object_get(
	    json_object_get(json_object_get(yw_web->locales, r->lang),
	    "survey"), "field")));
	n = json_array_size(rows);
	json_array_foreach(rows, i, row) {
		json_object_set_new(row, "n", json_integer((json_int_t)i + 1));
		json_object_set_new(row, "is_first", json_boolean(i == 0));
		json_object_set_new(row, "is_last", json_boolean(i + 1 == n));
		list = json_array();
		for (k = 0; k < 4; k++) {
			(void)snprintf(key, sizeof(key), "kind_%s", kinds[k]);
			json_array_append_new(list, json_pack("{s:s, s:s, "
			    "s:b}", "value", kinds[k], "label",
			    yw_web_survey_word(r, key), "selected", strcmp(
			    yw_jstr(row, "kind"), kinds[k]) == 0));
		}
		json_object_set_new(row, "kinds", list);
		for (k = 0; k < 3; k++) {
			f = row_field(r, i + 1, what[k]);
			(void)snprintf(key, sizeof(key), "q_%s", what[k]);
			json_object_set_new(labels, f, json_string(
			    yw_arena_printf(r->arena, "%s %zu %s",
			    yw_web_survey_word(r, "question_word"), i + 1,
			    yw_web_survey_word(r, key))));
			code = json_string_value(json_object_get(errors, f));
			(void)snprintf(key, sizeof(key), "%s_error", what[k]);
			if (code != NULL)
				json_object_set_new(row, key, json_string(
				    yw_web_error_text(r, code)));
		}
	}
	json_object_set(vm, "rows", rows);
	json_object_set(vm, "form", form);
	json_object_set_new(vm, "results_always", json_boolean(strcmp(yw_jstr(
	    form, "results"), "always") == 0));
	json_object_set_new(vm, "may_add", json_boolean(n <
	    YW_SURVEY_QUESTIONS));
	r->labels = labels;
}

/* Re-shows the form with errors (codes) for the posted values. */
static enum yw_err
again(struct yw_req *r, json_t *vm, json_t *rows, json_t *errors)
{
	r->errors = errors;
	builder_form(r, vm, r->form, rows, errors);
	return YW_EINVAL;
}

static enum yw_err
builder_post(struct yw_req *r, json_t *vm, int64_t id, int frozen)
{
	struct yw_form_field	*spec;
	json_t			*rows, *errors;
	const char		*op, *done;
	int64_t			 saved;
	size_t			 n;
	enum yw_err		 rc;

	spec = builder_spec(r, &n);
	if (spec == NULL)
		return YW_ENOMEM;
	rc = yw_req_form(r, spec, n);
	rows = posted_rows(r);
	if (rc == YW_EINVAL)
		return again(r, vm, rows, r->errors);
	if (rc != YW_OK)
		return rc;
	op = yw_jstr(r->form, "op");
	if (strcmp(op, "close") == 0) {
		rc = yw_survey_close(yw_web->db, &r->actor, id, yw_time_now());
		done = "survey_closed";
		saved = id;
		goto out;
	}
	if (!frozen && row_op(rows, op)) {
		builder_form(r, vm, r->form, rows, NULL);
		return YW_OK;
	}
	if (strcmp(op, "save") != 0 && strcmp(op, "publish") != 0)
		return YW_EINVAL;
	errors = NULL;
	rc = yw_survey_save(yw_web->db, &r->actor, id, survey_input(r, rows),
	    yw_time_now(), &errors, &saved);
	yw_req_keep(r, errors);
	if (rc == YW_EINVAL)
		return again(r, vm, rows, errors);
	done = "survey_saved";
	if (rc == YW_OK && strcmp(op, "publish") == 0) {
		rc = yw_survey_publish(yw_web->db, &r->actor, saved,
		    yw_time_now(), &errors);
		yw_req_keep(r, errors);
		done = "survey_published";
		if (rc == YW_EINVAL) {
			/* Saved, not published: the form of the saved one. */
			json_object_set_new(vm, "action", json_string(
			    yw_arena_printf(r->arena, "/staff/surveys/%lld",
			    (long long)saved)));
			return again(r, vm, rows, errors);
		}
	}
out:
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena, "/staff/surveys/%lld?done=%s",
	    (long long)saved, done);
	return YW_OK;
}

static enum yw_err
view_builder(struct yw_req *r, json_t *vm)
{
	json_t		*v, *s, *form, *q;
	const char	*tail;
	int64_t		 id;
	size_t		 i;
	int		 frozen;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	tail = yw_req_tail(r);
	id = tail != NULL && strcmp(tail, "new") == 0 ? 0 : yw_req_path_id(r,
	    2);
	frozen = 0;
	if (id == 0) {
		if (!yw_survey_may_build(&r->actor, r->actor.department_id))
			return strcmp(r->actor.kind, "staff") == 0 ?
			    YW_EFORBIDDEN : YW_ENOTFOUND;
		form = json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", "",
		    "description", "", "opens", "", "closes", "", "results",
		    "closed");
		json_object_set_new(vm, "action", json_string(
		    "/staff/surveys/new"));
	} else {
		rc = yw_survey_get(yw_web->db, &r->actor, id, yw_time_now(),
		    &v);
		if (rc != YW_OK)
			return rc;
		json_object_update(vm, v);
		json_decref(v);
		s = json_object_get(vm, "survey");
		if (!json_is_true(json_object_get(s, "may_build")))
			return YW_ENOTFOUND;
		yw_web_survey_labels(r, s);
		frozen = json_is_true(json_object_get(s, "frozen"));
		json_object_set_new(vm, "may_publish", json_boolean(strcmp(
		    yw_jstr(s, "state"), "draft") == 0));
		json_object_set_new(vm, "may_close", json_boolean(strcmp(
		    yw_jstr(s, "status"), "open") == 0 || strcmp(yw_jstr(s,
		    "status"), "upcoming") == 0));
		json_object_set_new(vm, "action", json_string(yw_arena_printf(
		    r->arena, "/staff/surveys/%lld", (long long)id)));
		form = json_pack("{s:O, s:O, s:O, s:O, s:O}", "title",
		    json_object_get(s, "title"), "description",
		    json_object_get(s, "description"), "opens",
		    json_object_get(s, "opens"), "closes", json_object_get(s,
		    "closes"), "results", json_object_get(s, "results"));
	}
	yw_req_keep(r, form);
	json_array_foreach(json_object_get(vm, "questions"), i, q)
		json_object_set_new(q, "has_options", json_boolean(
		    json_array_size(json_object_get(q, "options")) > 0));
	json_object_set_new(vm, "frozen", json_boolean(frozen));
	json_object_set_new(vm, "is_new", json_boolean(id == 0));
	if (yw_req_is_post(r))
		return builder_post(r, vm, id, frozen);
	builder_form(r, vm, form, frozen ? yw_req_keep(r, json_array()) :
	    stored_rows(r, json_object_get(vm, "questions")), NULL);
	return YW_OK;
}

static enum yw_err
view_export(struct yw_req *r, json_t *vm)
{
	struct yw_buf	 b;
	char		*copy;
	int64_t		 id;
	enum yw_err	 rc;

	(void)vm;
	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_req_path_id(r, 2);
	yw_buf_init(&b);
	rc = yw_survey_export(yw_web->db, &r->actor, id, yw_web_survey_word(r,
	    "csv_no"), yw_web_survey_word(r, "csv_time"), &b);
	if (rc == YW_OK) {
		copy = yw_arena_alloc(r->arena, b.len + 1);
		if (copy == NULL)
			rc = YW_ENOMEM;
		else {
			memcpy(copy, b.data, b.len);
			r->file = copy;
			r->file_len = b.len;
			r->file_type = "text/csv; charset=utf-8";
			r->file_name = yw_arena_printf(r->arena,
			    "survey-%lld.csv", (long long)id);
		}
	}
	yw_buf_free(&b);
	return rc;
}

int
page_staff_surveys(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_surveys", view_list);
}

int
page_staff_survey(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/staff_survey",
	    view_builder);
}

int
page_staff_survey_export(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, NULL, view_export);
}
