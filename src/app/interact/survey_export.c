/*
 * survey_export.c - the responses of a survey as CSV for its builders
 * (yw_survey_export in survey.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/interact/survey.h"
#include "app/interact/survey_store.h"
#include "core/csv.h"
#include "core/jsonx.h"
#include "core/redact.h"
#include "core/timeutil.h"

#define EXPORT_PAGE	500	/* responses read at a time */

/* The label of option oid of question q, or "". */
static const char *
label_of(json_t *q, int64_t oid)
{
	json_t	*o;
	size_t	 i;

	json_array_foreach(json_object_get(q, "options"), i, o)
		if (yw_jint(o, "id") == oid)
			return yw_jstr(o, "label");
	return "";
}

/* One response's cells (an array per question, borrowed) as a line. */
static enum yw_err
line(struct yw_buf *out, int64_t rid, int64_t at, json_t *cells)
{
	struct yw_buf	 cell;
	json_t		*c, *parts;
	char		 when[20];
	size_t		 i, j;
	enum yw_err	 rc;

	if (yw_time_fmt_local(at, when, sizeof(when), 1) != YW_OK)
		when[0] = '\0';
	rc = yw_buf_appendf(out, "%lld,%s", (long long)rid, when);
	yw_buf_init(&cell);
	json_array_foreach(cells, i, parts) {
		yw_buf_reset(&cell);
		json_array_foreach(parts, j, c)
			if (rc == YW_OK)
				rc = yw_buf_appendf(&cell, "%s%s", j > 0 ? "; " :
				    "", json_string_value(c));
		if (rc == YW_OK)
			rc = yw_buf_appendc(out, ',');
		if (rc == YW_OK)
			rc = yw_csv_write_field(out, cell.len > 0 ? cell.data : "");
	}
	yw_buf_free(&cell);
	return rc == YW_OK ? yw_buf_appends(out, "\r\n") : rc;
}

/* The cell value of one answer row for its question. */
static json_t *
value_of(json_t *q, json_t *r)
{
	char	*m;
	json_t	*v;

	if (strcmp(yw_jstr(q, "kind"), "text") == 0) {
		m = yw_redact_dup(yw_jstr(r, "text"), NULL, 0);
		v = json_string(m != NULL ? m : "");
		free(m);
		return v;
	}
	if (strcmp(yw_jstr(q, "kind"), "rating") == 0)
		return json_sprintf("%lld", (long long)yw_jint(r, "option_id"));
	return json_string(label_of(q, yw_jint(r, "option_id")));
}

/* The lines of one page of rows (grouped by response, in order); *last
 * becomes the last response's id (unchanged for an empty page). */
static enum yw_err
page(struct yw_buf *out, json_t *qs, json_t *rows, int64_t *last)
{
	json_t		*r, *cells = NULL, *q;
	int64_t		 rid = *last, at = 0;
	size_t		 i, k;
	enum yw_err	 rc = YW_OK;

	json_array_foreach(rows, i, r) {
		if (yw_jint(r, "response_id") != rid) {
			if (cells != NULL)
				rc = line(out, rid, at, cells);
			json_decref(cells);
			cells = json_array();
			for (k = 0; k < json_array_size(qs); k++)
				json_array_append_new(cells, json_array());
			rid = yw_jint(r, "response_id");
			at = yw_jint(r, "created_at");
		}
		json_array_foreach(qs, k, q)
			if (yw_jint(q, "id") == yw_jint(r, "question_id"))
				json_array_append_new(json_array_get(cells, k),
				    value_of(q, r));
		if (rc != YW_OK)
			break;
	}
	if (rc == YW_OK && cells != NULL)
		rc = line(out, rid, at, cells);
	json_decref(cells);
	*last = rid;
	return rc;
}

enum yw_err
yw_survey_export(struct yw_db *db, const struct yw_actor *a, int64_t id,
    const char *no_label, const char *time_label, struct yw_buf *out)
{
	json_t		*v = NULL, *qs, *q, *rows;
	int64_t		 after = 0, last;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_survey_get(db, a, id, yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	rc = YW_ENOTFOUND;
	if (!json_is_true(json_object_get(json_object_get(v, "survey"),
	    "may_build")))
		goto out;
	qs = json_object_get(v, "questions");
	rc = yw_buf_appends(out, "\xEF\xBB\xBF");
	if (rc == YW_OK)
		rc = yw_csv_write_field(out, no_label);
	if (rc == YW_OK)
		rc = yw_buf_appendc(out, ',');
	if (rc == YW_OK)
		rc = yw_csv_write_field(out, time_label);
	json_array_foreach(qs, i, q) {
		if (rc == YW_OK)
			rc = yw_buf_appendc(out, ',');
		if (rc == YW_OK)
			rc = yw_csv_write_field(out, yw_jstr(q, "text"));
	}
	if (rc == YW_OK)
		rc = yw_buf_appends(out, "\r\n");
	while (rc == YW_OK) {
		rc = yw_survey_store_export_page(db, id, after, EXPORT_PAGE,
		    &rows);
		if (rc != YW_OK)
			break;
		last = after;
		rc = page(out, qs, rows, &last);
		json_decref(rows);
		if (last == after)
			break;
		after = last;
	}
out:
	json_decref(v);
	return rc;
}
