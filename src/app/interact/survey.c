/*
 * survey.c - building, answering and counting surveys (survey.h). SQL
 * lives in survey_store.c; the CSV download in survey_export.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/interact/survey.h"
#include "app/interact/survey_store.h"
#include "core/jsonx.h"
#include "core/redact.h"
#include "core/svgchart.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#define TZ_OFFSET	(8 * 3600)	/* Asia/Shanghai, no summer time */

const char *const yw_survey_kinds[] = {
	"single", "multi", "rating", "text", NULL,
};

/* 1 when s is text of at most max code points (an empty s is "required"
 * when req); else the field's error. */
static int
text_ok(const char *s, size_t max, int req, int multiline, json_t **errors,
    const char *field)
{
	size_t n = strlen(s);

	if (n == 0) {
		if (req)
			yw_jerror(errors, field, "required");
		return !req;
	}
	if (!yw_utf8_valid(s, n) || yw_utf8_has_control(s, n, multiline)) {
		yw_jerror(errors, field, "control");
		return 0;
	}
	if (yw_utf8_count(s, n) > max) {
		yw_jerror(errors, field, "too_long");
		return 0;
	}
	return 1;
}

int
yw_survey_may_build(const struct yw_actor *a, int64_t dept)
{
	if (strcmp(a->kind, "staff") != 0)
		return 0;
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	return dept != 0 && a->department_id == dept &&
	    (a->roles & (YW_ROLE_DEPT_ADMIN | YW_ROLE_PUBLISHER)) != 0;
}

static enum yw_err
audit(struct yw_db *db, const struct yw_actor *a, const char *action,
    int64_t id, json_t *detail)
{
	char		oid[24];
	enum yw_err	rc;

	(void)snprintf(oid, sizeof(oid), "%lld", (long long)id);
	rc = yw_audit_append(db, a, action, "survey", oid, detail);
	json_decref(detail);
	return rc;
}

static enum yw_err
finish(struct yw_db *db, enum yw_err rc)
{
	if (rc == YW_OK)
		return yw_db_commit(db);
	(void)yw_db_rollback(db);
	return rc;
}

/* "YYYY-MM-DD" of the local day holding t. */
static json_t *
day_json(int64_t t)
{
	char	buf[16];
	int	y, m, d;

	yw_time_civil_from_days(yw_time_local_days(t), &y, &m, &d);
	(void)snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	return json_string(buf);
}

/* The UTC second a local day starts, from "YYYY-MM-DD" (0: malformed). */
static int64_t
day_start(const char *s)
{
	int y, m, d;

	if (!yw_time_parse_date(s, strlen(s), &y, &m, &d))
		return 0;
	return yw_time_days_from_civil(y, m, d) * 86400 - TZ_OFFSET;
}

static const char *
status_of(json_t *s, int64_t now)
{
	if (strcmp(yw_jstr(s, "state"), "published") != 0)
		return "draft";
	if (now < yw_jint(s, "opens_at"))
		return "upcoming";
	if (now >= yw_jint(s, "closes_at"))
		return "closed";
	return "open";
}

/* Adds the derived fields to a survey row (borrowed). */
static void
decorate(json_t *s, const struct yw_actor *a, int64_t now)
{
	const char *st = status_of(s, now);

	json_object_set_new(s, "opens", day_json(yw_jint(s, "opens_at")));
	json_object_set_new(s, "closes", day_json(yw_jint(s, "closes_at") - 1));
	json_object_set_new(s, "status", json_string(st));
	json_object_set_new(s, "results_public", json_boolean(
	    strcmp(st, "closed") == 0 || (strcmp(st, "draft") != 0 &&
	    strcmp(yw_jstr(s, "results"), "always") == 0)));
	json_object_set_new(s, "frozen", json_boolean(yw_jint(s, "responses") >
	    0));
	json_object_set_new(s, "may_build", json_boolean(a != NULL &&
	    yw_survey_may_build(a, yw_jint(s, "department_id"))));
}

/* ------------------------------------------------------------------ */
/* Building. */

/* The options of question n (labels in in, borrowed) as [{id, label}]. */
static json_t *
check_options(json_t *labels, const char *field, json_t **errors)
{
	json_t		*out, *l, *o;
	const char	*s;
	size_t		 i, j;

	out = json_array();
	json_array_foreach(labels, i, l) {
		s = json_string_value(l);
		if (s == NULL || !text_ok(s, YW_SURVEY_OPTION_MAX, 1, 0,
		    errors, field))
			continue;
		json_array_foreach(out, j, o)
			if (strcmp(yw_jstr(o, "label"), s) == 0)
				yw_jerror(errors, field, "duplicate");
		json_array_append_new(out, json_pack("{s:I, s:s}", "id",
		    (json_int_t)json_array_size(out) + 1, "label", s));
	}
	if (json_array_size(out) < 2)
		yw_jerror(errors, field, "survey_too_few");
	if (json_array_size(out) > YW_SURVEY_OPTIONS)
		yw_jerror(errors, field, "too_many");
	return out;
}

/* The questions of in as rows to store, or errors. */
static json_t *
check_questions(json_t *in, json_t **errors)
{
	json_t		*qs, *q, *out, *opts;
	const char	*kind;
	char		 f[32];
	size_t		 i, n;

	qs = json_object_get(in, "questions");
	out = json_array();
	if (json_array_size(qs) > YW_SURVEY_QUESTIONS)
		yw_jerror(errors, "questions", "too_many");
	json_array_foreach(qs, i, q) {
		n = i + 1;
		(void)snprintf(f, sizeof(f), "q%zu_text", n);
		(void)text_ok(yw_jstr(q, "text"), YW_SURVEY_QUESTION_MAX, 1, 0,
		    errors, f);
		kind = yw_jstr(q, "kind");
		(void)snprintf(f, sizeof(f), "q%zu_kind", n);
		if (!yw_in_list(yw_survey_kinds, kind))
			yw_jerror(errors, f, kind[0] == '\0' ? "required" :
			    "invalid");
		(void)snprintf(f, sizeof(f), "q%zu_options", n);
		if (strcmp(kind, "single") == 0 || strcmp(kind, "multi") == 0)
			opts = check_options(json_object_get(q, "options"), f,
			    errors);
		else
			opts = json_array();
		json_array_append_new(out, json_pack("{s:s, s:s, s:b, s:o}",
		    "kind", kind, "text", yw_jstr(q, "text"), "required",
		    json_is_true(json_object_get(q, "required")), "options",
		    opts));
	}
	return out;
}

/* The survey fields of in as a row, or errors. */
static json_t *
check_survey(json_t *in, json_t **errors)
{
	const char	*results;
	int64_t		 opens, closes;

	(void)text_ok(yw_jstr(in, "title"), YW_SURVEY_TITLE_MAX, 1, 0, errors,
	    "title");
	(void)text_ok(yw_jstr(in, "description"), YW_SURVEY_DESC_MAX, 0, 1,
	    errors, "description");
	opens = day_start(yw_jstr(in, "opens"));
	closes = day_start(yw_jstr(in, "closes"));
	if (opens == 0)
		yw_jerror(errors, "opens", yw_jstr(in, "opens")[0] == '\0' ?
		    "required" : "date");
	if (closes == 0)
		yw_jerror(errors, "closes", yw_jstr(in, "closes")[0] == '\0' ?
		    "required" : "date");
	else if (opens != 0 && closes < opens)
		yw_jerror(errors, "closes", "survey_before_opens");
	results = yw_jstr(in, "results");
	if (strcmp(results, "closed") != 0 && strcmp(results, "always") != 0)
		yw_jerror(errors, "results", "invalid");
	return json_pack("{s:s, s:s, s:I, s:I, s:s}", "title", yw_jstr(in,
	    "title"), "description", yw_jstr(in, "description"), "opens_at",
	    (json_int_t)opens, "closes_at", (json_int_t)(closes + 86400),
	    "results", results);
}

enum yw_err
yw_survey_save(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *in, int64_t now, json_t **errors, int64_t *out_id)
{
	json_t		*old = NULL, *row = NULL, *qs = NULL;
	int64_t		 dept;
	int		 frozen;
	enum yw_err	 rc;

	*errors = NULL;
	*out_id = 0;
	if (id != 0) {
		rc = yw_survey_store_get(db, id, &old);
		if (rc != YW_OK)
			return rc;
		dept = yw_jint(old, "department_id");
	} else if (a->roles & YW_ROLE_PLATFORM_ADMIN &&
	    yw_jint(in, "department_id") != 0)
		dept = yw_jint(in, "department_id");
	else
		dept = a->department_id;
	rc = YW_ENOTFOUND;
	if (!yw_survey_may_build(a, dept))
		goto out;
	frozen = old != NULL && yw_jint(old, "responses") > 0;
	row = check_survey(in, errors);
	qs = frozen ? json_array() : check_questions(in, errors);
	rc = YW_EINVAL;
	if (*errors != NULL)
		goto out;
	json_object_set_new(row, "department_id", json_integer(dept));
	json_object_set_new(row, "created_by", json_integer(a->id));
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (id == 0)
		rc = yw_survey_store_insert(db, row, now, &id);
	else
		rc = yw_survey_store_update(db, id, row, now);
	if (rc == YW_OK && !frozen)
		rc = yw_survey_store_set_questions(db, id, qs);
	if (rc == YW_OK)
		rc = audit(db, a, old == NULL ? "survey.create" :
		    "survey.update", id, json_pack("{s:s, s:I, s:b}", "title",
		    yw_jstr(row, "title"), "questions", (json_int_t)
		    json_array_size(qs), "questions_kept", frozen));
	rc = finish(db, rc);
	if (rc == YW_OK)
		*out_id = id;
out:
	json_decref(old);
	json_decref(row);
	json_decref(qs);
	return rc;
}

/* Loads survey id for a builder: YW_ENOTFOUND for anyone else. */
static enum yw_err
builder_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **s)
{
	enum yw_err rc;

	rc = yw_survey_store_get(db, id, s);
	if (rc == YW_OK && !yw_survey_may_build(a, yw_jint(*s,
	    "department_id"))) {
		json_decref(*s);
		*s = NULL;
		rc = YW_ENOTFOUND;
	}
	return rc;
}

enum yw_err
yw_survey_publish(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t now, json_t **errors)
{
	json_t		*s = NULL, *qs = NULL;
	enum yw_err	 rc;

	*errors = NULL;
	rc = builder_get(db, a, id, &s);
	if (rc != YW_OK)
		return rc;
	rc = YW_ECONFLICT;
	if (strcmp(yw_jstr(s, "state"), "draft") != 0)
		goto out;
	rc = yw_survey_store_questions(db, id, &qs);
	if (rc != YW_OK)
		goto out;
	if (json_array_size(qs) == 0)
		yw_jerror(errors, "questions", "required");
	if (yw_jint(s, "closes_at") <= now)
		yw_jerror(errors, "closes", "past");
	rc = YW_EINVAL;
	if (*errors != NULL)
		goto out;
	rc = yw_db_begin(db);
	if (rc == YW_OK) {
		rc = yw_survey_store_publish(db, id, now);
		if (rc == YW_OK)
			rc = audit(db, a, "survey.publish", id, json_pack(
			    "{s:s}", "title", yw_jstr(s, "title")));
		rc = finish(db, rc);
	}
out:
	json_decref(s);
	json_decref(qs);
	return rc;
}

enum yw_err
yw_survey_close(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t now)
{
	json_t		*s = NULL;
	enum yw_err	 rc;

	rc = builder_get(db, a, id, &s);
	if (rc != YW_OK)
		return rc;
	rc = YW_ECONFLICT;
	if (strcmp(status_of(s, now), "open") == 0 ||
	    strcmp(status_of(s, now), "upcoming") == 0) {
		rc = yw_db_begin(db);
		if (rc == YW_OK) {
			rc = yw_survey_store_set_closes(db, id, now, now);
			if (rc == YW_OK)
				rc = audit(db, a, "survey.close", id, NULL);
			rc = finish(db, rc);
		}
	}
	json_decref(s);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Reading. */

/* The survey row for a: builders see drafts, everyone published ones. */
static enum yw_err
visible(struct yw_db *db, const struct yw_actor *a, int64_t id, json_t **s)
{
	enum yw_err rc;

	rc = yw_survey_store_get(db, id, s);
	if (rc != YW_OK)
		return rc;
	if (strcmp(yw_jstr(*s, "state"), "published") == 0 ||
	    yw_survey_may_build(a, yw_jint(*s, "department_id")))
		return YW_OK;
	json_decref(*s);
	*s = NULL;
	return YW_ENOTFOUND;
}

enum yw_err
yw_survey_get(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t now, json_t **out)
{
	json_t		*s = NULL, *qs = NULL;
	enum yw_err	 rc;

	*out = NULL;
	rc = visible(db, a, id, &s);
	if (rc == YW_OK)
		rc = yw_survey_store_questions(db, id, &qs);
	if (rc != YW_OK) {
		json_decref(s);
		return rc;
	}
	decorate(s, a, now);
	*out = json_pack("{s:o, s:o, s:b}", "survey", s, "questions", qs,
	    "answered", a->id != 0 && yw_survey_store_answered(db, id,
	    a->id));
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_survey_list(struct yw_db *db, int64_t now, json_t **out)
{
	json_t		*list, *s;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_survey_store_published(db, &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, s)
		decorate(s, NULL, now);
	*out = json_pack("{s:o}", "surveys", list);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_survey_staff_list(struct yw_db *db, const struct yw_actor *a,
    int64_t now, json_t **out)
{
	json_t		*list, *s;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	if (strcmp(a->kind, "staff") != 0)
		return YW_ENOTFOUND;
	if (!(a->roles & YW_ROLE_PLATFORM_ADMIN) &&
	    !yw_survey_may_build(a, a->department_id))
		return YW_EFORBIDDEN;
	rc = yw_survey_store_of(db, a->roles & YW_ROLE_PLATFORM_ADMIN ? 0 :
	    a->department_id, &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, s)
		decorate(s, a, now);
	*out = json_pack("{s:o}", "surveys", list);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Answering. */

/* The option of q (borrowed) with the id written in s, or NULL. */
static json_t *
option_of(json_t *q, const char *s)
{
	json_t	*o;
	size_t	 i;
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || v <= 0)
		return NULL;
	json_array_foreach(json_object_get(q, "options"), i, o)
		if (yw_jint(o, "id") == v)
			return o;
	return NULL;
}

static void
add_row(json_t *rows, json_t *q, int64_t option, const char *text)
{
	json_array_append_new(rows, json_pack("{s:I, s:I, s:s}",
	    "question_id", (json_int_t)yw_jint(q, "id"), "option_id",
	    (json_int_t)option, "text", text));
}

static int
has_row(json_t *rows, json_t *q, int64_t option)
{
	json_t	*r;
	size_t	 i;

	json_array_foreach(rows, i, r)
		if (yw_jint(r, "question_id") == yw_jint(q, "id") &&
		    yw_jint(r, "option_id") == option)
			return 1;
	return 0;
}

/* One question's answer v (borrowed, may be NULL) into rows. */
static void
check_answer(json_t *q, json_t *v, const char *f, json_t *rows,
    json_t **errors)
{
	const char	*kind, *s;
	json_t		*o, *e;
	size_t		 i, n;

	kind = yw_jstr(q, "kind");
	n = json_is_array(v) ? json_array_size(v) : json_is_string(v) &&
	    json_string_length(v) > 0 ? 1 : 0;
	if (n == 0) {
		if (json_is_true(json_object_get(q, "required")))
			yw_jerror(errors, f, "required");
		return;
	}
	if (strcmp(kind, "multi") == 0) {
		json_array_foreach(v, i, e) {
			o = option_of(q, json_is_string(e) ?
			    json_string_value(e) : "");
			if (o == NULL) {
				yw_jerror(errors, f, "survey_option");
				return;
			}
			if (!has_row(rows, q, yw_jint(o, "id")))
				add_row(rows, q, yw_jint(o, "id"), "");
		}
		return;
	}
	s = json_is_string(v) ? json_string_value(v) : NULL;
	if (s == NULL) {
		yw_jerror(errors, f, "survey_option");
		return;
	}
	if (strcmp(kind, "text") == 0) {
		if (text_ok(s, YW_SURVEY_ANSWER_MAX, 0, 1, errors, f))
			add_row(rows, q, 0, s);
	} else if (strcmp(kind, "rating") == 0) {
		if (strlen(s) == 1 && s[0] >= '1' && s[0] <= '5')
			add_row(rows, q, s[0] - '0', "");
		else
			yw_jerror(errors, f, "survey_rating");
	} else if ((o = option_of(q, s)) != NULL)
		add_row(rows, q, yw_jint(o, "id"), "");
	else
		yw_jerror(errors, f, "survey_option");
}

enum yw_err
yw_survey_check_answers(json_t *questions, json_t *answers,
    json_t **errors, json_t **rows)
{
	json_t	*q, *v;
	char	 key[24], f[32];
	size_t	 i;

	*errors = NULL;
	*rows = json_array();
	json_array_foreach(questions, i, q) {
		(void)snprintf(key, sizeof(key), "%lld", (long long)yw_jint(q,
		    "id"));
		(void)snprintf(f, sizeof(f), "q%s", key);
		v = json_object_get(answers, key);
		/* A multi answer given as one string: the same as [s]. */
		if (strcmp(yw_jstr(q, "kind"), "multi") == 0 &&
		    json_is_string(v) && json_string_length(v) > 0) {
			v = json_pack("[O]", v);
			check_answer(q, v, f, *rows, errors);
			json_decref(v);
		} else
			check_answer(q, v, f, *rows, errors);
	}
	if (*errors == NULL)
		return YW_OK;
	json_decref(*rows);
	*rows = NULL;
	return YW_EINVAL;
}

enum yw_err
yw_survey_respond(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *answers, int64_t now, json_t **errors, int64_t *response_id)
{
	json_t		*v = NULL, *rows = NULL;
	const char	*st;
	enum yw_err	 rc;

	*errors = NULL;
	*response_id = 0;
	if (a->id == 0)
		return YW_EAUTH;
	if (strcmp(a->kind, "staff") == 0)
		return YW_EFORBIDDEN;
	rc = yw_survey_get(db, a, id, now, &v);
	if (rc != YW_OK)
		return rc;
	st = yw_jstr(json_object_get(v, "survey"), "status");
	rc = YW_ECONFLICT;
	if (strcmp(st, "upcoming") == 0)
		yw_jerror(errors, "survey", "not_open");
	else if (strcmp(st, "open") != 0)
		yw_jerror(errors, "survey", "closed");
	else if (json_is_true(json_object_get(v, "answered")))
		yw_jerror(errors, "survey", "already");
	else
		rc = yw_survey_check_answers(json_object_get(v, "questions"),
		    answers, errors, &rows);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_begin(db);
	if (rc == YW_OK) {
		rc = yw_survey_store_respond(db, id, a->id, rows, now,
		    response_id);
		rc = finish(db, rc);
	}
	/* A twin submit that won the race: this one stores nothing. */
	if (rc == YW_ECONFLICT)
		yw_jerror(errors, "survey", "already");
out:
	json_decref(v);
	json_decref(rows);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Results. */

static int64_t
count_of(json_t *rows, int64_t qid, int64_t oid)
{
	json_t	*r;
	size_t	 i;

	json_array_foreach(rows, i, r)
		if (yw_jint(r, "question_id") == qid && (oid < 0 ||
		    yw_jint(r, "option_id") == oid))
			return yw_jint(r, "n");
	return 0;
}

/* Fills q's options with counts and shares (ratings get five). */
static void
tally(json_t *q, json_t *counts, int64_t answered)
{
	json_t		*opts, *o;
	int64_t		 c[YW_SURVEY_OPTIONS + 5], sum;
	int		 t[YW_SURVEY_OPTIONS + 5];
	size_t		 i, n;
	char		 label[2];

	opts = json_object_get(q, "options");
	if (strcmp(yw_jstr(q, "kind"), "rating") == 0) {
		for (i = 1; i <= 5; i++) {
			label[0] = (char)('0' + i);
			label[1] = '\0';
			json_array_append_new(opts, json_pack("{s:I, s:s}",
			    "id", (json_int_t)i, "label", label));
		}
	}
	n = json_array_size(opts);
	if (n > YW_SURVEY_OPTIONS + 5)
		n = YW_SURVEY_OPTIONS + 5;
	sum = 0;
	for (i = 0; i < n; i++) {
		o = json_array_get(opts, i);
		c[i] = count_of(counts, yw_jint(q, "id"), yw_jint(o, "id"));
		sum += c[i] * yw_jint(o, "id");
	}
	yw_chart_shares(c, n, answered, t);
	for (i = 0; i < n; i++) {
		o = json_array_get(opts, i);
		json_object_set_new(o, "count", json_integer(c[i]));
		json_object_set_new(o, "tenths", json_integer(t[i]));
	}
	if (strcmp(yw_jstr(q, "kind"), "rating") == 0)
		json_object_set_new(q, "average", json_integer(answered > 0 ?
		    (sum * 20 + answered) / (2 * answered) : 0));
}

/* The free-text answers of q from texts (borrowed), masked. */
static void
texts_of(json_t *q, json_t *texts)
{
	json_t	*list, *t;
	char	*m;
	size_t	 i;

	list = json_array();
	json_array_foreach(texts, i, t) {
		if (yw_jint(t, "question_id") != yw_jint(q, "id"))
			continue;
		m = yw_redact_dup(yw_jstr(t, "text"), NULL, 0);
		if (m != NULL)
			json_array_append_new(list, json_string(m));
		free(m);
	}
	json_object_set_new(q, "texts", list);
}

enum yw_err
yw_survey_results(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t now, json_t **out)
{
	json_t		*v = NULL, *s, *counts = NULL, *ans = NULL, *texts = NULL,
			*q;
	int64_t		 answered;
	size_t		 i;
	int		 staff;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_survey_get(db, a, id, now, &v);
	if (rc != YW_OK)
		return rc;
	s = json_object_get(v, "survey");
	staff = json_is_true(json_object_get(s, "may_build"));
	rc = YW_EFORBIDDEN;
	if (!staff && !json_is_true(json_object_get(s, "results_public")))
		goto out;
	rc = yw_survey_store_counts(db, id, &counts);
	if (rc == YW_OK)
		rc = yw_survey_store_answered_counts(db, id, &ans);
	if (rc == YW_OK && staff)
		rc = yw_survey_store_texts(db, id, YW_SURVEY_TEXTS, &texts);
	if (rc != YW_OK)
		goto out;
	json_array_foreach(json_object_get(v, "questions"), i, q) {
		answered = count_of(ans, yw_jint(q, "id"), -1);
		json_object_set_new(q, "answered", json_integer(answered));
		if (strcmp(yw_jstr(q, "kind"), "text") != 0)
			tally(q, counts, answered);
		else if (staff)
			texts_of(q, texts);
	}
	json_object_set_new(v, "total", json_integer(yw_jint(s, "responses")));
	json_object_set_new(v, "staff", json_boolean(staff));
	json_object_del(v, "answered");
	*out = v;
	v = NULL;
out:
	json_decref(v);
	json_decref(counts);
	json_decref(ans);
	json_decref(texts);
	return rc;
}
