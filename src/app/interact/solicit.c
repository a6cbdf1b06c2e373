/*
 * solicit.c - opinion solicitations: drafts and publication, comments and
 * their moderation, feedback (solicit.h). SQL lives in solicit_store.c,
 * the clock in solicit_clock.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/interact/interact.h"
#include "app/interact/solicit.h"
#include "app/interact/solicit_clock.h"
#include "app/interact/solicit_store.h"
#include "app/search/search.h"
#include "core/buf.h"
#include "core/jsonx.h"
#include "core/redact.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

const char *const yw_solicit_outcomes[] = {
	"adopted", "partly", "not_adopted", NULL,
};

static int
is_staff(const struct yw_actor *a)
{
	return a->id != 0 && strcmp(a->kind, "staff") == 0;
}

/* Staff who see the department's solicitations with every comment. */
static int
may_see(const struct yw_actor *a, int64_t dept)
{
	return is_staff(a) && ((a->roles & YW_ROLE_PLATFORM_ADMIN) ||
	    a->department_id == dept);
}

/* Staff who create, publish, moderate and answer them. */
static int
may_act(const struct yw_actor *a, int64_t dept)
{
	if (!is_staff(a))
		return 0;
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	return a->department_id == dept &&
	    (a->roles & (YW_ROLE_DEPT_ADMIN | YW_ROLE_PUBLISHER)) != 0;
}

static void
set_time(json_t *o, const char *from, const char *to, int with_time)
{
	char buf[32];

	if (json_is_integer(json_object_get(o, from)) &&
	    yw_time_fmt_local(yw_jint(o, from), buf, sizeof(buf), with_time) ==
	    YW_OK)
		json_object_set_new(o, to, json_string(buf));
}

static enum yw_err
clock_of(json_t *s, const struct yw_workday_cal *cal, int64_t now,
    struct yw_solicit_clock *clk)
{
	return yw_solicit_clock(cal, json_is_integer(json_object_get(s,
	    "published_at")), (int32_t)yw_jint(s, "open_day"),
	    (int32_t)yw_jint(s, "close_day"), (int)yw_jint(s, "feedback_days"),
	    json_is_integer(json_object_get(s, "feedback_at")) ?
	    yw_jint(s, "feedback_at") : 0, now, clk);
}

/* The clock's facts as of now on row s: days as dates, phase, flags. */
static void
decorate(json_t *s, const struct yw_workday_cal *cal, int64_t now,
    struct yw_solicit_clock *clk)
{
	char buf[16];

	if (clock_of(s, cal, now, clk) != YW_OK)
		memset(clk, 0, sizeof(*clk));
	yw_interact_day_text(yw_jint(s, "open_day"), buf);
	json_object_set_new(s, "opens_on", json_string(buf));
	yw_interact_day_text(yw_jint(s, "close_day"), buf);
	json_object_set_new(s, "closes_on", json_string(buf));
	yw_interact_day_text(clk->feedback_due, buf);
	json_object_set_new(s, "feedback_due", json_string(buf));
	json_object_set_new(s, "phase", json_string(
	    yw_solicit_phase_name(clk->phase)));
	json_object_set_new(s, "overdue", json_boolean(clk->overdue));
	json_object_set_new(s, "late", json_boolean(clk->late));
	json_object_set_new(s, "days_left", json_integer(clk->days_left));
	set_time(s, "published_at", "published_on", 0);
	set_time(s, "feedback_at", "feedback_on", 0);
	json_object_del(s, "version");
	json_object_del(s, "open_day");
	json_object_del(s, "close_day");
}

/* The audit entry of solicitation id (interact.h). */
static enum yw_err
audit(struct yw_db *db, const struct yw_actor *a, const char *action,
    int64_t id, json_t *detail)
{
	return yw_interact_audit(db, a, action, "solicitation", id, detail);
}

/* ------------------------------------------------------------------ */
/* Drafts. */

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Appends block b (its lines joined by '\n') to out when not empty. */
static void
end_block(json_t *out, struct yw_buf *b)
{
	if (b->len > 0)
		json_array_append_new(out, json_stringn(b->data, b->len));
	yw_buf_free(b);
	yw_buf_init(b);
}

json_t *
yw_solicit_split(const char *text)
{
	struct yw_buf	 b;
	json_t		*out;
	const char	*p, *nl;
	size_t		 n;

	out = json_array();
	yw_buf_init(&b);
	for (p = text != NULL ? text : ""; *p != '\0'; p = nl + (*nl != '\0')) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		n = (size_t)(nl - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' ||
		    p[n - 1] == '\t'))
			n--;
		if (blank(p, n)) {
			end_block(out, &b);
			continue;
		}
		if (b.len > 0)
			(void)yw_buf_appends(&b, "\n");
		(void)yw_buf_append(&b, p, n);
	}
	end_block(out, &b);
	if (json_array_size(out) == 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static int
parse_day(const char *s, json_t **errors, const char *field, int32_t *day)
{
	int y, m, d;

	if (s == NULL || s[0] == '\0') {
		yw_jerror(errors, field, "required");
		return 0;
	}
	if (!yw_time_parse_date(s, strlen(s), &y, &m, &d)) {
		yw_jerror(errors, field, "invalid");
		return 0;
	}
	*day = (int32_t)yw_time_days_from_civil(y, m, d);
	return 1;
}

/* Checks in into row s (title, summary, clauses, days). */
static enum yw_err
check_input(const struct yw_solicit_input *in, json_t *s, json_t **errors)
{
	json_t		*list, *c;
	char		*text;
	size_t		 i;
	int32_t		 open, close;
	int64_t		 days;
	int		 ok_open, ok_close;

	(void)yw_interact_text_ok(in->title, YW_SOLICIT_TITLE_MAX, 1, 0, errors,
	    "title");
	(void)yw_interact_text_ok(in->summary, YW_SOLICIT_SUMMARY_MAX, 1, 1,
	    errors,
	    "summary");
	list = NULL;
	if (yw_interact_text_ok(in->clauses, YW_SOLICIT_TEXT_MAX, 1, 1, errors,
	    "clauses")) {
		list = yw_solicit_split(in->clauses);
		if (list == NULL)
			yw_jerror(errors, "clauses", "required");
		else if (json_array_size(list) > YW_SOLICIT_CLAUSES_MAX)
			yw_jerror(errors, "clauses", "too_many");
		json_array_foreach(list, i, c)
			if (yw_utf8_count(json_string_value(c),
			    json_string_length(c)) > YW_SOLICIT_CLAUSE_MAX)
				yw_jerror(errors, "clauses",
				    "clause_too_long");
	}
	ok_open = parse_day(in->opens_on, errors, "opens_on", &open);
	ok_close = parse_day(in->closes_on, errors, "closes_on", &close);
	if (ok_open && ok_close && close < open)
		yw_jerror(errors, "closes_on", "before_open");
	else if (ok_open && ok_close && close - open > YW_SOLICIT_SPAN_MAX)
		yw_jerror(errors, "closes_on", "span_too_long");
	days = YW_SOLICIT_FEEDBACK_DAYS;
	if (in->feedback_days != NULL && in->feedback_days[0] != '\0') {
		days = strspn(in->feedback_days, "0123456789") ==
		    strlen(in->feedback_days) &&
		    strlen(in->feedback_days) <= 2 ?
		    strtoll(in->feedback_days, NULL, 10) : 0;
		if (days < 1 || days > YW_SOLICIT_FEEDBACK_DAYS_MAX)
			yw_jerror(errors, "feedback_days",
			    "invalid");
	}
	if (*errors != NULL) {
		json_decref(list);
		return YW_EINVAL;
	}
	text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	if (text == NULL)
		return YW_ENOMEM;
	json_object_set_new(s, "title", json_string(in->title));
	json_object_set_new(s, "summary", json_string(in->summary));
	json_object_set_new(s, "clauses", json_string(text));
	free(text);
	json_object_set_new(s, "open_day", json_integer(open));
	json_object_set_new(s, "close_day", json_integer(close));
	json_object_set_new(s, "feedback_days", json_integer(days));
	return YW_OK;
}

/* The search document of a published solicitation. */
static enum yw_err
index_put(struct yw_db *db, json_t *s)
{
	struct yw_buf	 b;
	json_t		*list, *c, *facets;
	char		 ref[24];
	size_t		 i;
	enum yw_err	 rc;

	yw_buf_init(&b);
	(void)yw_buf_appends(&b, yw_jstr(s, "summary"));
	list = json_loads(yw_jstr(s, "clauses"), 0, NULL);
	json_array_foreach(list, i, c) {
		(void)yw_buf_appends(&b, "\n");
		(void)yw_buf_appends(&b, json_string_value(c));
	}
	json_decref(list);
	(void)snprintf(ref, sizeof(ref), "%lld", (long long)yw_jint(s, "id"));
	facets = json_pack("{s:s}", "dept", yw_jstr(s, "department_name"));
	rc = yw_buf_appends(&b, "");
	if (rc == YW_OK)
		rc = yw_search_put(db, "solicitation", ref, NULL, NULL,
		    yw_jstr(s, "title"), b.data != NULL ? b.data : "", facets);
	json_decref(facets);
	yw_buf_free(&b);
	return rc;
}

enum yw_err
yw_solicit_save(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id,
    const struct yw_solicit_input *in, int64_t now, json_t **errors,
    int64_t *out_id)
{
	struct yw_solicit_clock	 clk;
	json_t			*s;
	enum yw_err		 rc;

	*errors = NULL;
	*out_id = id;
	if (a->id == 0)
		return YW_EAUTH;
	if (id == 0 && !may_act(a, a->department_id))
		return is_staff(a) ? YW_EFORBIDDEN : YW_ENOTFOUND;
	if (id == 0 && (in->idem_key == NULL || in->idem_key[0] == '\0' ||
	    strlen(in->idem_key) > 100)) {
		yw_jerror(errors, "token", "malformed");
		return YW_EINVAL;
	}
	if (id == 0 && yw_solicit_store_by_key(db, a->id, in->idem_key,
	    out_id) == YW_OK)
		return YW_OK;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	s = NULL;
	if (id != 0) {
		rc = yw_solicit_store_get(db, id, &s);
		if (rc == YW_OK && !may_see(a, yw_jint(s, "department_id")))
			rc = YW_ENOTFOUND;
		if (rc == YW_OK && !may_act(a, yw_jint(s, "department_id")))
			rc = YW_EFORBIDDEN;
		if (rc == YW_OK)
			rc = clock_of(s, cal, now, &clk);
		if (rc == YW_OK && !yw_solicit_editable(clk.phase))
			rc = YW_ECONFLICT;
	} else
		s = json_pack("{s:I, s:I, s:s, s:I}", "department_id",
		    (json_int_t)a->department_id, "created_by",
		    (json_int_t)a->id, "idem_key", in->idem_key, "created_at",
		    (json_int_t)now);
	if (rc == YW_OK && s == NULL)
		rc = YW_ENOMEM;
	if (rc == YW_OK)
		rc = check_input(in, s, errors);
	if (rc == YW_OK && id == 0)
		rc = yw_solicit_store_insert(db, s, out_id);
	else if (rc == YW_OK)
		rc = yw_solicit_store_update(db, s, yw_jint(s, "version"), now);
	if (rc == YW_OK && id != 0 && json_is_integer(json_object_get(s,
	    "published_at")))
		rc = index_put(db, s);
	if (rc == YW_OK)
		rc = audit(db, a, id == 0 ? "solicit.create" : "solicit.update",
		    *out_id, json_pack("{s:I}", "department_id",
		    (json_int_t)yw_jint(s, "department_id")));
	json_decref(s);
	rc = yw_db_end(db, rc);
	/* A twin request that won the race on the same token. */
	if (rc == YW_ECONFLICT && id == 0 && yw_solicit_store_by_key(db, a->id,
	    in->idem_key, out_id) == YW_OK)
		rc = YW_OK;
	return rc;
}

/* Loads solicitation id for a change by a inside a transaction: the row
 * and its clock. */
static enum yw_err
load_for_act(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, int64_t now, json_t **s,
    struct yw_solicit_clock *clk)
{
	enum yw_err rc;

	*s = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_solicit_store_get(db, id, s);
	if (rc == YW_OK && !may_see(a, yw_jint(*s, "department_id")))
		rc = YW_ENOTFOUND;
	if (rc == YW_OK && !may_act(a, yw_jint(*s, "department_id")))
		rc = YW_EFORBIDDEN;
	if (rc == YW_OK)
		rc = clock_of(*s, cal, now, clk);
	return rc;
}

enum yw_err
yw_solicit_publish(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, int64_t now,
    json_t **errors)
{
	struct yw_solicit_clock	 clk;
	json_t			*s;
	enum yw_err		 rc;

	*errors = NULL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = load_for_act(db, a, cal, id, now, &s, &clk);
	if (rc == YW_OK && clk.phase != YW_SOLICIT_DRAFT)
		rc = YW_ECONFLICT;
	if (rc == YW_OK && yw_jint(s, "close_day") < yw_time_local_days(now)) {
		yw_jerror(errors, "closes_on", "past");
		rc = YW_EINVAL;
	}
	if (rc == YW_OK) {
		json_object_set_new(s, "published_at", json_integer(now));
		rc = yw_solicit_store_update(db, s, yw_jint(s, "version"), now);
	}
	if (rc == YW_OK)
		rc = index_put(db, s);
	if (rc == YW_OK)
		rc = audit(db, a, "solicit.publish", id, json_pack("{s:I}",
		    "department_id", (json_int_t)yw_jint(s, "department_id")));
	json_decref(s);
	return yw_db_end(db, rc);
}

/* ------------------------------------------------------------------ */
/* Lists. */

enum yw_err
yw_solicit_public_list(struct yw_db *db, const struct yw_workday_cal *cal,
    int64_t now, json_t **out)
{
	struct yw_solicit_clock	 clk;
	json_t			*rows, *s, *open, *upcoming, *closed;
	size_t			 i;
	enum yw_err		 rc;

	*out = NULL;
	rc = yw_solicit_store_list(db, 0, 1, &rows);
	if (rc != YW_OK)
		return rc;
	open = json_array();
	upcoming = json_array();
	closed = json_array();
	json_array_foreach(rows, i, s) {
		json_object_del(s, "pending");
		decorate(s, cal, now, &clk);
		json_array_append(clk.phase == YW_SOLICIT_OPEN ? open :
		    clk.phase == YW_SOLICIT_UPCOMING ? upcoming : closed, s);
	}
	json_decref(rows);
	*out = json_pack("{s:o, s:o, s:o}", "open", open, "upcoming",
	    upcoming, "closed", closed);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_solicit_staff_list(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t now, json_t **out)
{
	struct yw_solicit_clock	 clk;
	json_t			*rows, *s;
	size_t			 i;
	enum yw_err		 rc;

	*out = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (!is_staff(a))
		return YW_EFORBIDDEN;
	rc = yw_solicit_store_list(db, (a->roles & YW_ROLE_PLATFORM_ADMIN) ?
	    0 : a->department_id, 0, &rows);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(rows, i, s)
		decorate(s, cal, now, &clk);
	*out = json_pack("{s:o, s:b}", "solicitations", rows, "may_create",
	    may_act(a, a->department_id));
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* One solicitation. */

/* A comment as the public sees it: name masked, personal data in the
 * text masked, nothing about moderation. */
static json_t *
public_comment(json_t *c)
{
	const char	*names[1];
	char		 masked[256], *text;
	json_t		*out;

	names[0] = yw_jstr(c, "writer_name");
	text = yw_redact_dup(yw_jstr(c, "body"), names, 1);
	if (names[0][0] == '\0' || yw_mask_name(names[0], strlen(names[0]),
	    masked, sizeof(masked)) != YW_OK)
		(void)snprintf(masked, sizeof(masked), "*");
	out = json_pack("{s:O, s:O, s:s, s:s}", "id", json_object_get(c, "id"),
	    "clause_no", json_object_get(c, "clause_no"), "writer", masked,
	    "body", text != NULL ? text : "");
	free(text);
	set_time(c, "created_at", "created_on", 0);
	json_object_set(out, "created_on", json_object_get(c, "created_on"));
	return out;
}

/* The outcome of clause no in the outcomes array (borrowed), or NULL. */
static json_t *
outcome_of(json_t *outcomes, int64_t no)
{
	json_t *o;
	size_t	i;

	json_array_foreach(outcomes, i, o)
		if (yw_jint(o, "clause_no") == no)
			return o;
	return NULL;
}

/* Groups comments (borrowed) and outcomes by clause into s. */
static void
group(json_t *s, json_t *clauses, json_t *comments, json_t *outcomes,
    int staff)
{
	json_t	*list, *c, *t, *g, *general, *o;
	size_t	 i;
	int64_t	 no;

	list = json_array();
	json_array_foreach(clauses, i, t)
		json_array_append_new(list, json_pack("{s:I, s:O, s:[]}", "no",
		    (json_int_t)(i + 1), "text", t, "comments"));
	general = json_pack("{s:i, s:[]}", "no", 0, "comments");
	json_array_foreach(comments, i, c) {
		no = yw_jint(c, "clause_no");
		g = no == 0 ? general : json_array_get(list, (size_t)no - 1);
		if (g == NULL)
			continue;
		if (staff) {
			set_time(c, "created_at", "created_at_local", 1);
			json_array_append(json_object_get(g, "comments"), c);
		} else
			json_array_append_new(json_object_get(g, "comments"),
			    public_comment(c));
	}
	json_array_foreach(list, i, g) {
		json_object_set_new(g, "comment_count", json_integer(
		    (json_int_t)json_array_size(json_object_get(g,
		    "comments"))));
		o = outcome_of(outcomes, (int64_t)i + 1);
		if (o != NULL)
			json_object_set(g, "outcome", o);
	}
	json_object_set_new(general, "comment_count", json_integer(
	    (json_int_t)json_array_size(json_object_get(general,
	    "comments"))));
	if ((o = outcome_of(outcomes, 0)) != NULL)
		json_object_set(general, "outcome", o);
	json_object_set_new(s, "clauses", list);
	json_object_set_new(s, "general", general);
}

/* The clauses (borrowed) as the edit form shows them: blank lines
 * between. */
static json_t *
joined(json_t *clauses)
{
	struct yw_buf	 b;
	json_t		*c, *out;
	size_t		 i;

	yw_buf_init(&b);
	json_array_foreach(clauses, i, c) {
		if (i > 0)
			(void)yw_buf_appends(&b, "\n\n");
		(void)yw_buf_appends(&b, json_string_value(c));
	}
	out = json_stringn(b.data != NULL ? b.data : "", b.len);
	yw_buf_free(&b);
	return out;
}

enum yw_err
yw_solicit_get(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, int staff, int64_t now,
    json_t **out)
{
	struct yw_solicit_clock	 clk;
	json_t			*s, *clauses, *comments, *outcomes, *can;
	json_t			*text;
	size_t			 i, pending, approved;
	int			 act;
	enum yw_err		 rc;

	*out = NULL;
	comments = NULL;
	rc = yw_solicit_store_get(db, id, &s);
	if (rc != YW_OK)
		return rc;
	if (staff && !may_see(a, yw_jint(s, "department_id")))
		rc = YW_ENOTFOUND;
	else if (!staff && !json_is_integer(json_object_get(s,
	    "published_at")))
		rc = YW_ENOTFOUND;
	if (rc == YW_OK)
		rc = yw_solicit_store_comments(db, id, staff ? NULL :
		    "approved", &comments);
	if (rc != YW_OK) {
		json_decref(s);
		return rc;
	}
	decorate(s, cal, now, &clk);
	clauses = json_loads(yw_jstr(s, "clauses"), 0, NULL);
	outcomes = json_loads(yw_jstr(s, "outcomes"), 0, NULL);
	if (clk.phase != YW_SOLICIT_ANSWERED && !staff) {
		json_decref(outcomes);
		outcomes = json_array();
		json_object_set_new(s, "feedback", json_string(""));
	}
	if (staff)
		json_object_set_new(s, "clauses_text", joined(clauses));
	group(s, clauses, comments, outcomes, staff);
	json_object_set_new(s, "outcomes", json_is_array(outcomes) ?
	    outcomes : json_array());
	pending = approved = 0;
	json_array_foreach(comments, i, text) {
		pending += strcmp(yw_jstr(text, "state"), "pending") == 0;
		approved += strcmp(yw_jstr(text, "state"), "approved") == 0;
	}
	json_object_set_new(s, "approved", json_integer((json_int_t)approved));
	json_object_set_new(s, "comment_count", json_integer(
	    (json_int_t)json_array_size(comments)));
	act = may_act(a, yw_jint(s, "department_id"));
	if (staff) {
		json_object_set_new(s, "pending", json_integer(
		    (json_int_t)pending));
		can = json_pack("{s:b, s:b, s:b, s:b}", "edit", act &&
		    yw_solicit_editable(clk.phase), "publish", act &&
		    clk.phase == YW_SOLICIT_DRAFT, "moderate", act &&
		    pending > 0 && clk.phase != YW_SOLICIT_ANSWERED,
		    "feedback", act && clk.phase == YW_SOLICIT_CLOSED);
	} else
		can = json_pack("{s:b, s:b}", "comment", clk.phase ==
		    YW_SOLICIT_OPEN && a->id != 0 && !is_staff(a),
		    "login_to_comment", clk.phase == YW_SOLICIT_OPEN &&
		    a->id == 0);
	json_object_set_new(s, "can", can);
	json_decref(clauses);
	json_decref(comments);
	json_object_del(s, "created_by");
	*out = json_pack("{s:o}", "solicitation", s);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Comments. */

enum yw_err
yw_solicit_comment(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, int64_t clause_no,
    const char *body, const char *idem_key, int64_t now, json_t **errors,
    int64_t *comment_id)
{
	struct yw_solicit_clock	 clk;
	json_t			*s, *clauses, *c;
	enum yw_err		 rc;

	*errors = NULL;
	*comment_id = 0;
	if (a->id == 0)
		return YW_EAUTH;
	if (is_staff(a))
		return YW_EFORBIDDEN;
	if (idem_key == NULL || idem_key[0] == '\0' ||
	    strlen(idem_key) > 100) {
		yw_jerror(errors, "token", "malformed");
		return YW_EINVAL;
	}
	if (yw_solicit_store_comment_by_key(db, a->id, idem_key,
	    comment_id) == YW_OK)
		return YW_OK;
	rc = yw_solicit_store_get(db, id, &s);
	if (rc != YW_OK)
		return rc;
	c = clauses = NULL;
	if (!json_is_integer(json_object_get(s, "published_at"))) {
		rc = YW_ENOTFOUND;
		goto out;
	}
	rc = clock_of(s, cal, now, &clk);
	if (rc != YW_OK)
		goto out;
	clauses = json_loads(yw_jstr(s, "clauses"), 0, NULL);
	if (clause_no < 0 || (size_t)clause_no > json_array_size(clauses))
		yw_jerror(errors, "clause", "invalid");
	(void)yw_interact_text_ok(body, YW_SOLICIT_COMMENT_MAX, 1, 1, errors,
	    "body");
	/* Said on the text, which the form keeps, so nothing typed is lost
	 * and the reason is next to it. */
	if (clk.phase == YW_SOLICIT_UPCOMING)
		yw_jerror(errors, "body", "not_open");
	else if (clk.phase != YW_SOLICIT_OPEN)
		yw_jerror(errors, "body", "closed");
	if (*errors != NULL) {
		rc = YW_EINVAL;
		goto out;
	}
	c = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:I}", "solicitation_id",
	    (json_int_t)id, "clause_no", (json_int_t)clause_no, "account_id",
	    (json_int_t)a->id, "writer_name", a->display_name, "body", body,
	    "idem_key", idem_key, "created_at", (json_int_t)now);
	if (c == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = yw_solicit_store_comment_insert(db, c, comment_id);
	if (rc == YW_OK)
		rc = audit(db, a, "solicit.comment", id, json_pack("{s:I, s:I}",
		    "comment_id", (json_int_t)*comment_id, "clause_no",
		    (json_int_t)clause_no));
	rc = yw_db_end(db, rc);
	/* A twin request that won the race on the same token. */
	if (rc == YW_ECONFLICT && yw_solicit_store_comment_by_key(db, a->id,
	    idem_key, comment_id) == YW_OK)
		rc = YW_OK;
out:
	if (rc != YW_OK)
		*comment_id = 0;
	json_decref(c);
	json_decref(clauses);
	json_decref(s);
	return rc;
}

enum yw_err
yw_solicit_moderate(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t comment_id, int approve, const char *reason, int64_t now,
    json_t **errors)
{
	json_t		*s, *c;
	enum yw_err	 rc;

	*errors = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (!approve && !yw_interact_text_ok(reason, YW_SOLICIT_REASON_MAX, 1,
	    1, errors,
	    "reason"))
		return YW_EINVAL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	s = c = NULL;
	rc = yw_solicit_store_get(db, id, &s);
	if (rc == YW_OK && !may_see(a, yw_jint(s, "department_id")))
		rc = YW_ENOTFOUND;
	if (rc == YW_OK && !may_act(a, yw_jint(s, "department_id")))
		rc = YW_EFORBIDDEN;
	if (rc == YW_OK)
		rc = yw_solicit_store_comment_get(db, comment_id, &c);
	if (rc == YW_OK && yw_jint(c, "solicitation_id") != id)
		rc = YW_ENOTFOUND;
	if (rc == YW_OK && json_is_integer(json_object_get(s, "feedback_at")))
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = yw_solicit_store_moderate(db, comment_id, approve ?
		    "approved" : "rejected", approve ? "" : reason, a->id, now);
	if (rc == YW_OK)
		rc = audit(db, a, approve ? "solicit.approve" :
		    "solicit.reject",
		    id, json_pack("{s:I}", "comment_id",
		    (json_int_t)comment_id));
	json_decref(s);
	json_decref(c);
	return yw_db_end(db, rc);
}

/* ------------------------------------------------------------------ */
/* Feedback. */

static int
is_outcome(const char *s)
{
	size_t i;

	for (i = 0; yw_solicit_outcomes[i] != NULL; i++)
		if (strcmp(yw_solicit_outcomes[i], s) == 0)
			return 1;
	return 0;
}

/* The outcome rows for the clauses that drew approved comments (borrowed
 * comments), checked against in; a new array. */
static json_t *
outcome_rows(json_t *comments, json_t *in, json_t **errors)
{
	json_t		*rows, *c, *o;
	const char	*outcome, *reason;
	char		 key[24], field[32];
	size_t		 i;
	int64_t		 no, last;

	rows = json_array();
	last = -1;
	json_array_foreach(comments, i, c) {
		no = yw_jint(c, "clause_no");
		if (no == last)
			continue;
		last = no;
		(void)snprintf(key, sizeof(key), "%lld", (long long)no);
		o = json_object_get(in, key);
		outcome = yw_jstr(o, "outcome");
		reason = yw_jstr(o, "reason");
		(void)snprintf(field, sizeof(field), "outcome_%lld",
		    (long long)no);
		if (outcome[0] == '\0')
			yw_jerror(errors, field, "required");
		else if (!is_outcome(outcome))
			yw_jerror(errors, field, "invalid");
		(void)snprintf(field, sizeof(field), "reason_%lld",
		    (long long)no);
		(void)yw_interact_text_ok(reason, YW_SOLICIT_REASON_MAX, 1, 1,
		    errors,
		    field);
		json_array_append_new(rows, json_pack("{s:I, s:s, s:s}",
		    "clause_no", (json_int_t)no, "outcome", outcome, "reason",
		    reason));
	}
	return rows;
}

enum yw_err
yw_solicit_feedback(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, const char *summary,
    json_t *outcomes, int64_t now, json_t **errors)
{
	struct yw_solicit_clock	 clk;
	json_t			*s, *comments, *rows;
	char			*text;
	int64_t			 pending;
	enum yw_err		 rc;

	*errors = NULL;
	comments = rows = NULL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = load_for_act(db, a, cal, id, now, &s, &clk);
	if (rc == YW_OK && clk.phase != YW_SOLICIT_CLOSED)
		rc = YW_ECONFLICT;
	if (rc == YW_OK)
		rc = yw_db_one_int64(db, &pending, "SELECT COUNT(*) FROM "
		    "solicit_comment WHERE solicitation_id = ? AND state = "
		    "'pending'", "i", id);
	if (rc == YW_OK)
		rc = yw_solicit_store_comments(db, id, "approved", &comments);
	if (rc != YW_OK)
		goto out;
	if (pending > 0)
		yw_jerror(errors, "comments", "pending");
	(void)yw_interact_text_ok(summary, YW_SOLICIT_FEEDBACK_MAX, 1, 1,
	    errors,
	    "summary");
	rows = outcome_rows(comments, outcomes, errors);
	if (*errors != NULL) {
		rc = YW_EINVAL;
		goto out;
	}
	text = json_dumps(rows, JSON_COMPACT);
	if (text == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	json_object_set_new(s, "outcomes", json_string(text));
	free(text);
	json_object_set_new(s, "feedback", json_string(summary));
	json_object_set_new(s, "feedback_at", json_integer(now));
	rc = yw_solicit_store_update(db, s, yw_jint(s, "version"), now);
	if (rc == YW_OK)
		rc = audit(db, a, "solicit.feedback", id, json_pack(
		    "{s:I, s:b}", "outcomes", (json_int_t)json_array_size(rows),
		    "late", yw_time_local_days(now) > clk.feedback_due));
out:
	json_decref(s);
	json_decref(comments);
	json_decref(rows);
	return yw_db_end(db, rc);
}

enum yw_err
yw_solicit_reindex(struct yw_db *db, size_t *n)
{
	json_t		*list = NULL, *r, *s;
	size_t		 i;
	enum yw_err	 rc;

	*n = 0;
	rc = yw_solicit_store_list(db, 0, 1, &list);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	json_array_foreach(list, i, r) {
		if (rc != YW_OK)
			break;
		rc = yw_solicit_store_get(db, yw_jint(r, "id"), &s);
		if (rc == YW_OK) {
			rc = index_put(db, s);
			json_decref(s);
		}
	}
	rc = yw_db_end(db, rc);
	if (rc == YW_OK)
		*n = json_array_size(list);
out:
	json_decref(list);
	return rc;
}
