/*
 * h_survey.c - online surveys as the public sees them: the list, the
 * answer form (logged-in citizens and businesses, once each; a missing
 * required answer re-shows the form with every answer kept), and the
 * results with a bar chart per question drawn as inline SVG on the
 * server next to a table of the same numbers. The JSON API serves the
 * same view models. Permissions are app/interact's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/interact/survey.h"
#include "core/jsonx.h"
#include "core/svgchart.h"
#include "core/timeutil.h"
#include "web/surveyview.h"
#include "web/web.h"

int	page_surveys(struct http_request *);
int	api_surveys(struct http_request *);
int	page_survey(struct http_request *);
int	api_survey(struct http_request *);
int	page_survey_results(struct http_request *);
int	api_survey_results(struct http_request *);

static int
is_kind(json_t *q, const char *kind)
{
	return strcmp(yw_jstr(q, "kind"), kind) == 0;
}

/* The survey id of /interact/surveys/<id>[/results] or the API's. */
static int64_t
survey_id(struct yw_req *r)
{
	return yw_req_path_id(r, r->kind == YW_API ? 4 : 2);
}

static enum yw_err
view_list(struct yw_req *r, json_t *vm)
{
	json_t		*v;
	enum yw_err	 rc;

	rc = yw_survey_list(yw_web->db, yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	yw_web_survey_list(r, vm, v);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* The answer form. */

/* The form field names of question q: "q<id>", or for a multiple
 * choice one check box per option, "q<id>_<option id>". */
static const char *
field_name(struct yw_req *r, json_t *q, json_t *o)
{
	if (o == NULL)
		return yw_arena_printf(r->arena, "q%lld", (long long)yw_jint(q,
		    "id"));
	return yw_arena_printf(r->arena, "q%lld_%lld", (long long)yw_jint(q,
	    "id"), (long long)yw_jint(o, "id"));
}

/* The choices of a question for the form: radios or check boxes, the
 * first one's id the question's f-q<id> (the error summary links
 * there). */
static json_t *
choices(struct yw_req *r, json_t *q, json_t *form)
{
	static const char *const grades[] = { "1", "2", "3", "4", "5" };
	json_t		*list, *opts, *o;
	const char	*name, *value;
	size_t		 i;
	int		 multi;

	multi = is_kind(q, "multi");
	opts = json_object_get(q, "options");
	list = json_array();
	if (is_kind(q, "rating")) {
		opts = json_array();
		for (i = 0; i < 5; i++)
			json_array_append_new(opts, json_pack("{s:I, s:s}",
			    "id", (json_int_t)i + 1, "label", grades[i]));
		yw_req_keep(r, opts);
	}
	json_array_foreach(opts, i, o) {
		name = multi ? field_name(r, q, o) : field_name(r, q, NULL);
		value = yw_arena_printf(r->arena, "%lld", (long long)yw_jint(o,
		    "id"));
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:O, "
		    "s:b}", "iid", i == 0 ? yw_arena_printf(r->arena, "f-q%lld",
		    (long long)yw_jint(q, "id")) : yw_arena_printf(r->arena,
		    "f-q%lld-%lld", (long long)yw_jint(q, "id"), (long long)yw_jint(o,
		    "id")), "name", name, "value", multi ? "1" : value,
		    "label", json_object_get(o, "label"), "checked", multi ?
		    strcmp(yw_jstr(form, name), "1") == 0 : strcmp(yw_jstr(form,
		    name), value) == 0));
	}
	return list;
}

/* Questions ready for the form, with the answers in form and the
 * errors (codes) beside each; r->labels names them by their text. */
static void
form_questions(struct yw_req *r, json_t *vm, json_t *form, json_t *errors)
{
	json_t		*q, *labels;
	const char	*name, *code;
	size_t		 i;

	labels = yw_req_keep(r, json_object());
	json_array_foreach(json_object_get(vm, "questions"), i, q) {
		name = field_name(r, q, NULL);
		json_object_set(labels, name, json_object_get(q, "text"));
		json_object_set_new(q, "name", json_string(name));
		json_object_set_new(q, yw_arena_printf(r->arena, "is_%s",
		    yw_jstr(q, "kind")), json_true());
		json_object_set_new(q, "value", json_string(yw_jstr(form, name)));
		code = json_string_value(json_object_get(errors, name));
		if (code != NULL)
			json_object_set_new(q, "error", json_string(
			    yw_web_error_text(r, code)));
		if (!is_kind(q, "text"))
			json_object_set_new(q, "choices", choices(r, q, form));
	}
	r->labels = labels;
}

/* The allow-list of the answer form: one field per question, one per
 * option of a multiple choice (arena-owned). */
static struct yw_form_field *
answer_spec(struct yw_req *r, json_t *qs, size_t *n)
{
	struct yw_form_field	*spec;
	json_t			*q, *o;
	size_t			 i, j, k;

	k = 0;
	json_array_foreach(qs, i, q)
		k += 1 + json_array_size(json_object_get(q, "options"));
	spec = yw_arena_zalloc(r->arena, (k + 1) * sizeof(*spec));
	if (spec == NULL)
		return NULL;
	k = 0;
	json_array_foreach(qs, i, q) {
		if (is_kind(q, "multi")) {
			json_array_foreach(json_object_get(q, "options"), j, o)
				spec[k++] = (struct yw_form_field){
				    field_name(r, q, o), 1, 0 };
			continue;
		}
		spec[k++] = (struct yw_form_field){ field_name(r, q, NULL),
		    is_kind(q, "text") ? YW_SURVEY_ANSWER_MAX : 8,
		    is_kind(q, "text") ? YW_FORM_MULTILINE : 0 };
	}
	*n = k;
	return spec;
}

/* The form's values as answers for app/interact: question id -> value,
 * or for a multiple choice the array of ticked option ids. */
static json_t *
answers_of(struct yw_req *r, json_t *qs, json_t *form)
{
	json_t	*out, *q, *o, *ticked;
	char	 key[24];
	size_t	 i, j;

	out = yw_req_keep(r, json_object());
	json_array_foreach(qs, i, q) {
		(void)snprintf(key, sizeof(key), "%lld", (long long)yw_jint(q,
		    "id"));
		if (!is_kind(q, "multi")) {
			json_object_set_new(out, key, json_string(yw_jstr(form,
			    field_name(r, q, NULL))));
			continue;
		}
		ticked = json_array();
		json_array_foreach(json_object_get(q, "options"), j, o)
			if (strcmp(yw_jstr(form, field_name(r, q, o)), "1") == 0)
				json_array_append_new(ticked, json_sprintf(
				    "%lld", (long long)yw_jint(o, "id")));
		json_object_set_new(out, key, ticked);
	}
	return out;
}

/* A refusal ("not_open", "closed", "already") shown on the page. */
static void
refuse(struct yw_req *r, json_t *vm, const char *why)
{
	char key[32];

	(void)snprintf(key, sizeof(key), "refuse_%s", why);
	json_object_set_new(vm, "refused", json_string(yw_web_survey_word(r,
	    key)));
	json_object_set_new(vm, "may_answer", json_false());
	r->status = 409;
}

static enum yw_err
answer_post(struct yw_req *r, json_t *vm, int64_t id)
{
	struct yw_form_field	*spec;
	json_t			*qs, *errors;
	int64_t			 rid;
	size_t			 n;
	enum yw_err		 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	qs = json_object_get(vm, "questions");
	spec = answer_spec(r, qs, &n);
	if (spec == NULL)
		return YW_ENOMEM;
	rc = yw_req_form(r, spec, n);
	if (rc == YW_EINVAL) {
		form_questions(r, vm, r->form, r->errors);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	errors = NULL;
	rc = yw_survey_respond(yw_web->db, &r->actor, id, answers_of(r, qs,
	    r->form), yw_time_now(), &errors, &rid);
	yw_req_keep(r, errors);
	if (rc == YW_EINVAL) {
		r->errors = errors;
		form_questions(r, vm, r->form, errors);
		return rc;
	}
	if (rc == YW_ECONFLICT) {
		refuse(r, vm, yw_jstr(errors, "survey"));
		form_questions(r, vm, r->form, NULL);
		return YW_OK;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = yw_arena_printf(r->arena, "/interact/surveys/%lld"
	    "?done=survey_answered", (long long)id);
	return YW_OK;
}

static enum yw_err
view_survey(struct yw_req *r, json_t *vm)
{
	json_t		*v, *s;
	const char	*st;
	int64_t		 id;
	enum yw_err	 rc;

	id = survey_id(r);
	rc = yw_survey_get(yw_web->db, &r->actor, id, yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	if (r->kind != YW_PAGE)
		return YW_OK;
	s = json_object_get(vm, "survey");
	yw_web_survey_labels(r, s);
	st = yw_jstr(s, "status");
	json_object_set_new(vm, "is_citizen", json_boolean(r->actor.id != 0 &&
	    strcmp(r->actor.kind, "staff") != 0));
	json_object_set_new(vm, "may_answer", json_boolean(strcmp(st,
	    "open") == 0 && strcmp(r->actor.kind, "staff") != 0 &&
	    !json_is_true(json_object_get(vm, "answered"))));
	json_object_set_new(vm, "login_next", json_string(r->http->path));
	if (yw_req_is_post(r))
		return answer_post(r, vm, id);
	form_questions(r, vm, NULL, NULL);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* Results. */

/* The chart of question q (borrowed) as inline SVG (arena-owned). */
static const char *
chart(struct yw_req *r, json_t *q)
{
	struct yw_chart_bar	 bars[YW_SURVEY_OPTIONS + 5];
	struct yw_buf		 b;
	json_t			*o;
	const char		*summary, *svg;
	size_t			 i, n;

	n = 0;
	json_array_foreach(json_object_get(q, "options"), i, o) {
		if (n == sizeof(bars) / sizeof(bars[0]))
			break;
		bars[n].label = yw_jstr(o, "label");
		bars[n++].count = yw_jint(o, "count");
	}
	summary = yw_arena_printf(r->arena, "%s%lld%s", yw_web_survey_word(r,
	    "chart_answered"), (long long)yw_jint(q, "answered"),
	    yw_web_survey_word(r, "chart_answered_after"));
	yw_buf_init(&b);
	svg = NULL;
	if (yw_chart_bars_svg(&b, yw_arena_printf(r->arena, "chart-%lld",
	    (long long)yw_jint(q, "id")), yw_jstr(q, "text"), summary, bars, n,
	    yw_jint(q, "answered")) == YW_OK)
		svg = yw_arena_strndup(r->arena, b.data, b.len);
	yw_buf_free(&b);
	return svg;
}

static enum yw_err
view_results(struct yw_req *r, json_t *vm)
{
	json_t		*v, *q, *o;
	const char	*svg;
	size_t		 i, j;
	enum yw_err	 rc;

	rc = yw_survey_results(yw_web->db, &r->actor, survey_id(r),
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	json_array_foreach(json_object_get(vm, "questions"), i, q) {
		json_array_foreach(json_object_get(q, "options"), j, o)
			json_object_set_new(o, "percent", json_real((double)
			    yw_jint(o, "tenths") / 10.0));
		if (r->kind != YW_PAGE)
			continue;
		json_object_set_new(q, yw_arena_printf(r->arena, "is_%s",
		    yw_jstr(q, "kind")), json_true());
		json_array_foreach(json_object_get(q, "options"), j, o)
			json_object_set_new(o, "percent_text", json_string(
			    yw_web_percent(r, yw_jint(o, "tenths"))));
		if (is_kind(q, "rating"))
			json_object_set_new(q, "average_text", json_string(
			    yw_arena_printf(r->arena, "%lld.%lld", (long long)
			    (yw_jint(q, "average") / 10), (long long)(yw_jint(q,
			    "average") % 10))));
		json_object_set_new(q, "has_texts", json_boolean(
		    json_array_size(json_object_get(q, "texts")) > 0));
		svg = is_kind(q, "text") ? NULL : chart(r, q);
		if (svg != NULL)
			json_object_set_new(q, "chart_svg", json_string(svg));
	}
	yw_web_survey_labels(r, json_object_get(vm, "survey"));
	return YW_OK;
}

int
page_surveys(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/surveys", view_list);
}

int
api_surveys(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_list);
}

int
page_survey(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/survey", view_survey);
}

int
api_survey(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_survey);
}

int
page_survey_results(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/survey_results",
	    view_results);
}

int
api_survey_results(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_results);
}
