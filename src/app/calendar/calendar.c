#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/calendar/calendar.h"
#include "app/calendar/calendar_store.h"
#include "core/timeutil.h"
#include "core/utf8.h"

struct yw_calendar {
	struct yw_workday_cal	 cal;
	int32_t			*holidays;
	int32_t			*workdays;
	struct yw_workday_span	*covered;
};

#define DAY_LEN		11	/* "2026-10-01" and the NUL */
#define FIELD_LEN	48	/* "adjusted_workdays[63]" and the like */
#define NAME_BYTES	(YW_CALENDAR_NAME_MAX * 4 + 1)	/* UTF-8 and NUL */

static int
is_admin(const struct yw_actor *a)
{
	return a != NULL && strcmp(a->kind, "staff") == 0 &&
	    (a->roles & YW_ROLE_PLATFORM_ADMIN) != 0;
}

/* Writes day as "YYYY-MM-DD"; YW_EINTERNAL outside years 0..9999. */
static enum yw_err
fmt_day(int32_t day, char out[DAY_LEN])
{
	int y, m, d, n;

	yw_time_civil_from_days(day, &y, &m, &d);
	n = snprintf(out, DAY_LEN, "%04d-%02d-%02d", y, m, d);
	return n == DAY_LEN - 1 ? YW_OK : YW_EINTERNAL;
}

/* The day number of a stored 'YYYY-MM-DD'; YW_EINTERNAL if it is not one. */
static enum yw_err
parse_stored_day(json_t *row, int32_t *day)
{
	json_t	*v = json_object_get(row, "day");
	int	 y, m, d;

	if (!json_is_string(v) || !yw_time_parse_date(json_string_value(v),
	    json_string_length(v), &y, &m, &d))
		return YW_EINTERNAL;
	*day = (int32_t)yw_time_days_from_civil(y, m, d);
	return YW_OK;
}

static const char *
row_str(json_t *row, const char *k)
{
	const char *s = json_string_value(json_object_get(row, k));

	return s != NULL ? s : "";
}

void
yw_calendar_free(struct yw_calendar *c)
{
	if (c == NULL)
		return;
	free(c->holidays);
	free(c->workdays);
	free(c->covered);
	free(c);
}

const struct yw_workday_cal *
yw_calendar_workcal(const struct yw_calendar *c)
{
	return &c->cal;
}

/* calloc for n elements, never asking for 0 bytes. */
static void *
alloc_n(size_t n, size_t size)
{
	return calloc(n > 0 ? n : 1, size);
}

enum yw_err
yw_calendar_load(struct yw_db *db, struct yw_calendar **out)
{
	struct yw_calendar	*c = NULL;
	json_t			*years = NULL, *days = NULL, *r;
	size_t			 i, nh = 0, nw = 0;
	int32_t			 day;
	json_int_t		 y;
	enum yw_err		 rc;

	*out = NULL;
	rc = yw_calendar_store_years(db, &years);
	if (rc != YW_OK)
		goto out;
	rc = yw_calendar_store_days(db, 0, &days);
	if (rc != YW_OK)
		goto out;
	json_array_foreach(days, i, r) {
		if (strcmp(row_str(r, "kind"), "holiday") == 0)
			nh++;
		else
			nw++;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	c->holidays = alloc_n(nh, sizeof(*c->holidays));
	c->workdays = alloc_n(nw, sizeof(*c->workdays));
	c->covered = alloc_n(json_array_size(years), sizeof(*c->covered));
	if (c->holidays == NULL || c->workdays == NULL || c->covered == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	/* Rows come in day order, so each list is ascending as required. */
	json_array_foreach(days, i, r) {
		rc = parse_stored_day(r, &day);
		if (rc != YW_OK)
			goto out;
		if (strcmp(row_str(r, "kind"), "holiday") == 0)
			c->holidays[c->cal.nholidays++] = day;
		else
			c->workdays[c->cal.nworkdays++] = day;
	}
	json_array_foreach(years, i, r) {
		y = json_integer_value(json_object_get(r, "year"));
		if (y < YW_CALENDAR_YEAR_MIN || y > YW_CALENDAR_YEAR_MAX) {
			rc = YW_EINTERNAL;
			goto out;
		}
		c->covered[i].from = (int32_t)yw_time_days_from_civil((int)y,
		    1, 1);
		c->covered[i].to = (int32_t)yw_time_days_from_civil((int)y, 12,
		    31);
	}
	c->cal.holidays = c->holidays;
	c->cal.workdays = c->workdays;
	c->cal.covered = c->covered;
	c->cal.ncovered = json_array_size(years);
	if (yw_workday_cal_check(&c->cal) != YW_OK) {
		rc = YW_EINTERNAL;
		goto out;
	}
	*out = c;
	c = NULL;
out:
	yw_calendar_free(c);
	json_decref(years);
	json_decref(days);
	return rc;
}

enum yw_err
yw_calendar_years(struct yw_db *db, json_t **out)
{
	return yw_calendar_store_years(db, out);
}

/* Appends day (a stored row) to the holidays list, extending the last
 * holiday when day follows it under the same name. */
static enum yw_err
add_holiday_day(json_t *list, json_t *row, int32_t day, int32_t *last)
{
	json_t		*h = json_array_get(list, json_array_size(list) - 1);
	const char	*name = row_str(row, "name");
	json_t		*dv = json_object_get(row, "day");

	if (h != NULL && *last + 1 == day &&
	    strcmp(row_str(h, "name"), name) == 0) {
		*last = day;
		if (json_object_set(h, "to", dv) != 0 ||
		    json_object_set_new(h, "days", json_integer(
		    json_integer_value(json_object_get(h, "days")) + 1)) != 0)
			return YW_ENOMEM;
		return YW_OK;
	}
	*last = day;
	h = json_pack("{s:s, s:O, s:O, s:i}", "name", name, "from", dv, "to",
	    dv, "days", 1);
	if (h == NULL || json_array_append_new(list, h) != 0)
		return YW_ENOMEM;
	return YW_OK;
}

enum yw_err
yw_calendar_year(struct yw_db *db, int year, json_t **out)
{
	json_t		*row = NULL, *days = NULL, *hol = NULL, *work = NULL;
	json_t		*r, *doc = NULL;
	char		 local[32];
	size_t		 i;
	int32_t		 day, last = 0;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_calendar_store_year(db, year, &row);
	if (rc != YW_OK)
		goto out;
	rc = yw_calendar_store_days(db, year, &days);
	if (rc != YW_OK)
		goto out;
	hol = json_array();
	work = json_array();
	if (hol == NULL || work == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	json_array_foreach(days, i, r) {
		if (strcmp(row_str(r, "kind"), "holiday") != 0) {
			if (json_array_append(work,
			    json_object_get(r, "day")) != 0)
				rc = YW_ENOMEM;
		} else {
			rc = parse_stored_day(r, &day);
			if (rc == YW_OK)
				rc = add_holiday_day(hol, r, day, &last);
		}
		if (rc != YW_OK)
			goto out;
	}
	rc = yw_time_fmt_local(json_integer_value(json_object_get(row,
	    "updated_at")), local, sizeof(local), 1);
	if (rc != YW_OK)
		goto out;
	doc = json_pack("{s:i, s:s, s:O, s:O, s:O, s:s, s:s}", "year", year,
	    "source", row_str(row, "source"), "holidays", hol,
	    "adjusted_workdays", work, "updated_at",
	    json_object_get(row, "updated_at"), "updated_at_local", local,
	    "updated_by", row_str(row, "updated_by"));
	if (doc == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	*out = doc;
out:
	json_decref(row);
	json_decref(days);
	json_decref(hol);
	json_decref(work);
	return rc;
}

/*
 * A year document after the checks: for each day of the year its kind
 * ('h', 'w' or 0) and, for holidays, the index of its name. Big enough
 * (10 KB) to live on the heap.
 */
struct cal_doc {
	int		 year;
	int32_t		 jan1;
	int		 ndays;
	char		 kind[366];
	unsigned char	 hol[366];
	char		 names[YW_CALENDAR_LIST_MAX][NAME_BYTES];
	int		 nholidays;
	int		 holiday_days;
	int		 workdays;
	char		 source[YW_CALENDAR_SOURCE_MAX * 4 + 1];
	json_t		*errors;
	int		 oom;
};

/* Records code for the field named by fmt unless it already has one. */
static void
doc_fail(struct cal_doc *x, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
doc_fail(struct cal_doc *x, const char *code, const char *fmt, ...)
{
	char	field[FIELD_LEN];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(field, sizeof(field), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(field)) {
		x->oom = 1;
		return;
	}
	if (json_object_get(x->errors, field) != NULL)
		return;
	if (json_object_set_new(x->errors, field, json_string(code)) != 0)
		x->oom = 1;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/*
 * Copies the string v, trimmed, into out (max code points; out holds
 * max * 4 + 1 bytes). Returns NULL, or the error code; a missing or null v
 * reads as "".
 */
static const char *
read_text(json_t *v, size_t max, char *out)
{
	const char	*s = "";
	size_t		 len = 0;

	out[0] = '\0';
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_string(v))
			return "invalid";
		s = json_string_value(v);
		len = json_string_length(v);
	}
	if (memchr(s, '\0', len) != NULL)
		return "invalid";
	while (len > 0 && is_space(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	if (len == 0)
		return "required";
	if (!yw_utf8_valid(s, len) || yw_utf8_has_control(s, len, 0))
		return "invalid";
	if (yw_utf8_count(s, len) > max || len > max * 4)
		return "too_long";
	memcpy(out, s, len);
	out[len] = '\0';
	return NULL;
}

/* Reads a date of x's year as its index in the year; NULL or a code. */
static const char *
read_date(const struct cal_doc *x, json_t *v, int *idx)
{
	int y, m, d;

	if (v == NULL || json_is_null(v))
		return "required";
	if (!json_is_string(v) || !yw_time_parse_date(json_string_value(v),
	    json_string_length(v), &y, &m, &d))
		return "invalid";
	if (y != x->year)
		return "wrong_year";
	*idx = (int)(yw_time_days_from_civil(y, m, d) - x->jan1);
	return NULL;
}

/* Checks one holiday and marks its days. */
static void
doc_holiday(struct cal_doc *x, size_t i, json_t *h)
{
	const char	*code, *cf, *ct;
	int		 from = 0, to = 0, d;

	if (!json_is_object(h)) {
		doc_fail(x, "invalid", "holidays[%zu]", i);
		return;
	}
	code = read_text(json_object_get(h, "name"), YW_CALENDAR_NAME_MAX,
	    x->names[i]);
	if (code != NULL)
		doc_fail(x, code, "holidays[%zu].name", i);
	cf = read_date(x, json_object_get(h, "from"), &from);
	if (cf != NULL)
		doc_fail(x, cf, "holidays[%zu].from", i);
	ct = read_date(x, json_object_get(h, "to"), &to);
	if (ct != NULL)
		doc_fail(x, ct, "holidays[%zu].to", i);
	if (cf != NULL || ct != NULL)
		return;
	if (to < from) {
		doc_fail(x, "before_from", "holidays[%zu].to", i);
		return;
	}
	if (to - from + 1 > YW_CALENDAR_SPAN_MAX) {
		doc_fail(x, "too_long", "holidays[%zu].to", i);
		return;
	}
	for (d = from; d <= to; d++) {
		if (x->kind[d] != 0) {
			doc_fail(x, "overlap", "holidays[%zu]", i);
			return;
		}
	}
	for (d = from; d <= to; d++) {
		x->kind[d] = 'h';
		x->hol[d] = (unsigned char)i;
	}
	x->holiday_days += to - from + 1;
}

static void
doc_workday(struct cal_doc *x, size_t j, json_t *v)
{
	const char	*code;
	int		 d = 0;

	code = read_date(x, v, &d);
	if (code == NULL && yw_workday_weekday(x->jan1 + d) < 5)
		code = "not_weekend";
	else if (code == NULL && x->kind[d] == 'w')
		code = "duplicate";
	else if (code == NULL && x->kind[d] == 'h')
		code = "conflict";
	if (code != NULL) {
		doc_fail(x, code, "adjusted_workdays[%zu]", j);
		return;
	}
	x->kind[d] = 'w';
	x->workdays++;
}

/* "year" in the document, when given, must be the year being set. */
static void
doc_year(struct cal_doc *x, json_t *v)
{
	const char	*s;
	char		*end;
	long		 n;

	if (v == NULL || json_is_null(v))
		return;
	if (json_is_integer(v) && json_integer_value(v) == x->year)
		return;
	if (json_is_string(v)) {
		s = json_string_value(v);
		n = strtol(s, &end, 10);
		if (end != s && *end == '\0' && n == x->year)
			return;
	}
	doc_fail(x, "invalid", "%s", "year");
}

/* Runs every check of in; YW_EINVAL with *errors when one fails. */
static enum yw_err
doc_parse(struct cal_doc *x, int year, json_t *in, json_t **errors)
{
	json_t		*list, *v;
	const char	*code;
	size_t		 i;

	x->year = year;
	x->errors = json_object();
	if (x->errors == NULL)
		return YW_ENOMEM;
	if (year < YW_CALENDAR_YEAR_MIN || year > YW_CALENDAR_YEAR_MAX) {
		doc_fail(x, "invalid", "%s", "year");
		goto done;
	}
	x->jan1 = (int32_t)yw_time_days_from_civil(year, 1, 1);
	x->ndays = yw_time_is_leap(year) ? 366 : 365;
	doc_year(x, json_object_get(in, "year"));
	code = read_text(json_object_get(in, "source"),
	    YW_CALENDAR_SOURCE_MAX, x->source);
	if (code != NULL && strcmp(code, "required") != 0)
		doc_fail(x, code, "%s", "source");
	list = json_object_get(in, "holidays");
	if (list == NULL || json_is_null(list) ||
	    (json_is_array(list) && json_array_size(list) == 0))
		doc_fail(x, "required", "%s", "holidays");
	else if (!json_is_array(list))
		doc_fail(x, "invalid", "%s", "holidays");
	else if (json_array_size(list) > YW_CALENDAR_LIST_MAX)
		doc_fail(x, "too_long", "%s", "holidays");
	else {
		json_array_foreach(list, i, v)
			doc_holiday(x, i, v);
	}
	x->nholidays = (int)json_array_size(list);
	list = json_object_get(in, "adjusted_workdays");
	if (list == NULL || json_is_null(list))
		goto done;
	if (!json_is_array(list))
		doc_fail(x, "invalid", "%s", "adjusted_workdays");
	else if (json_array_size(list) > YW_CALENDAR_LIST_MAX)
		doc_fail(x, "too_long", "%s", "adjusted_workdays");
	else {
		json_array_foreach(list, i, v)
			doc_workday(x, i, v);
	}
done:
	if (x->oom)
		return YW_ENOMEM;
	if (json_object_size(x->errors) == 0)
		return YW_OK;
	*errors = x->errors;
	x->errors = NULL;
	return YW_EINVAL;
}

/* The document as the rows the store returns: [{day, kind, name}]. */
static enum yw_err
doc_rows(const struct cal_doc *x, json_t **out)
{
	json_t		*rows, *r;
	char		 day[DAY_LEN];
	int		 i;
	enum yw_err	 rc = YW_OK;

	*out = NULL;
	rows = json_array();
	if (rows == NULL)
		return YW_ENOMEM;
	for (i = 0; i < x->ndays && rc == YW_OK; i++) {
		if (x->kind[i] == 0)
			continue;
		rc = fmt_day(x->jan1 + i, day);
		if (rc != YW_OK)
			break;
		r = json_pack("{s:s, s:s, s:s}", "day", day, "kind",
		    x->kind[i] == 'h' ? "holiday" : "workday", "name",
		    x->kind[i] == 'h' ? x->names[x->hol[i]] : "");
		if (r == NULL || json_array_append_new(rows, r) != 0)
			rc = YW_ENOMEM;
	}
	if (rc != YW_OK) {
		json_decref(rows);
		return rc;
	}
	*out = rows;
	return YW_OK;
}

/* Adds added, removed and changed (days, by a merge of two day-ordered
 * row lists) to the audit detail d. */
static enum yw_err
diff_rows(json_t *old, json_t *new, json_t *d)
{
	json_t	*added, *removed, *changed, *o, *n;
	size_t	 i = 0, j = 0;
	int	 cmp, bad = 0;

	added = json_array();
	removed = json_array();
	changed = json_array();
	if (json_object_set_new(d, "added", added) != 0 ||
	    json_object_set_new(d, "removed", removed) != 0 ||
	    json_object_set_new(d, "changed", changed) != 0)
		return YW_ENOMEM;
	while (i < json_array_size(old) || j < json_array_size(new)) {
		o = json_array_get(old, i);
		n = json_array_get(new, j);
		if (o == NULL)
			cmp = 1;
		else if (n == NULL)
			cmp = -1;
		else
			cmp = strcmp(row_str(o, "day"), row_str(n, "day"));
		if (cmp < 0) {
			bad |= json_array_append(removed,
			    json_object_get(o, "day"));
			i++;
		} else if (cmp > 0) {
			bad |= json_array_append(added,
			    json_object_get(n, "day"));
			j++;
		} else {
			if (!json_equal(o, n))
				bad |= json_array_append(changed,
				    json_object_get(n, "day"));
			i++;
			j++;
		}
	}
	return bad ? YW_ENOMEM : YW_OK;
}

/* The audit detail; yr is the year's row as it was (updated_at 0 for a
 * year created by this change). */
static enum yw_err
audit_detail(const struct cal_doc *x, json_t *old, json_t *new, json_t *yr,
    json_t **out)
{
	json_t		*d;
	const char	*old_source = row_str(yr, "source");
	int		 created;
	enum yw_err	 rc;

	*out = NULL;
	created = json_integer_value(json_object_get(yr, "updated_at")) == 0;
	d = json_pack("{s:i, s:b, s:s, s:i, s:i, s:i}", "year", x->year,
	    "created", created, "source", x->source, "holidays",
	    x->nholidays, "holiday_days", x->holiday_days,
	    "adjusted_workdays", x->workdays);
	if (d == NULL)
		return YW_ENOMEM;
	rc = diff_rows(old, new, d);
	if (rc == YW_OK && !created && strcmp(old_source, x->source) != 0 &&
	    json_object_set_new(d, "previous_source",
	    json_string(old_source)) != 0)
		rc = YW_ENOMEM;
	if (rc != YW_OK) {
		json_decref(d);
		return rc;
	}
	*out = d;
	return YW_OK;
}

/* Inside the caller's transaction: replaces the year unless it is
 * unchanged (*changed 0). */
static enum yw_err
replace_year(struct yw_db *db, const struct yw_actor *a,
    const struct cal_doc *x, json_t *rows, int *changed)
{
	json_t		*yr = NULL, *cur = NULL, *detail = NULL, *r;
	char		 oid[16];
	int64_t		 now = yw_time_now();
	size_t		 i;
	enum yw_err	 rc;

	*changed = 0;
	rc = yw_calendar_store_claim_year(db, x->year);
	if (rc == YW_OK)
		rc = yw_calendar_store_year(db, x->year, &yr);
	if (rc == YW_OK)
		rc = yw_calendar_store_days(db, x->year, &cur);
	if (rc != YW_OK)
		goto out;
	if (json_equal(cur, rows) &&
	    strcmp(row_str(yr, "source"), x->source) == 0)
		goto out;
	*changed = 1;
	rc = audit_detail(x, cur, rows, yr, &detail);
	if (rc == YW_OK)
		rc = yw_calendar_store_update_year(db, x->year, x->source, now,
		    a->login);
	if (rc == YW_OK)
		rc = yw_calendar_store_clear_days(db, x->year);
	json_array_foreach(rows, i, r) {
		if (rc != YW_OK)
			break;
		rc = yw_calendar_store_add_day(db, x->year, row_str(r, "day"),
		    row_str(r, "kind"), row_str(r, "name"));
	}
	if (rc != YW_OK)
		goto out;
	(void)snprintf(oid, sizeof(oid), "%d", x->year);
	rc = yw_audit_append(db, a, "calendar.set_year", "calendar_year", oid,
	    detail);
out:
	json_decref(yr);
	json_decref(cur);
	json_decref(detail);
	return rc;
}

/* The follower's call: the calendar before (loaded before the change)
 * and after it, both read inside the transaction. */
static enum yw_err
follow_change(struct yw_db *db, const struct yw_actor *a, int year,
    struct yw_calendar *before, yw_calendar_follow_fn follow)
{
	struct yw_calendar	*after = NULL;
	enum yw_err		 rc;

	rc = yw_calendar_load(db, &after);
	if (rc == YW_OK)
		rc = follow(db, a, year, yw_calendar_workcal(before),
		    yw_calendar_workcal(after), yw_time_now());
	yw_calendar_free(after);
	return rc;
}

enum yw_err
yw_calendar_set_year(struct yw_db *db, const struct yw_actor *a, int year,
    json_t *in, json_t **errors)
{
	return yw_calendar_set_year_then(db, a, year, in, NULL, errors);
}

enum yw_err
yw_calendar_set_year_then(struct yw_db *db, const struct yw_actor *a,
    int year, json_t *in, yw_calendar_follow_fn follow, json_t **errors)
{
	struct yw_calendar	*before = NULL;
	struct cal_doc		*x;
	json_t			*rows = NULL;
	int			 changed = 0;
	enum yw_err		 rc;

	*errors = NULL;
	if (!is_admin(a))
		return YW_EFORBIDDEN;
	x = calloc(1, sizeof(*x));
	if (x == NULL)
		return YW_ENOMEM;
	rc = doc_parse(x, year, in, errors);
	if (rc == YW_OK)
		rc = doc_rows(x, &rows);
	if (rc != YW_OK)
		goto out;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	if (follow != NULL)
		rc = yw_calendar_load(db, &before);
	if (rc == YW_OK)
		rc = replace_year(db, a, x, rows, &changed);
	if (rc == YW_OK && changed && follow != NULL)
		rc = follow_change(db, a, year, before, follow);
	/* Unchanged: roll back, which also drops a row claim_year made. */
	if (rc == YW_OK && changed)
		rc = yw_db_commit(db);
	if (rc != YW_OK || !changed)
		(void)yw_db_rollback(db);
out:
	yw_calendar_free(before);
	json_decref(rows);
	json_decref(x->errors);
	free(x);
	return rc;
}

/* The year document in doc (borrowed), checked for a "year" first. */
static enum yw_err
import_doc(struct yw_db *db, const struct yw_actor *a, json_t *doc,
    yw_calendar_follow_fn follow, json_t **errors)
{
	json_t		*y;
	const char	*field = NULL, *code = NULL;

	y = json_object_get(doc, "year");
	if (!json_is_object(doc)) {
		field = "file";
		code = "invalid";
	} else if (y == NULL || json_is_null(y)) {
		field = "year";
		code = "required";
	} else if (!json_is_integer(y) ||
	    json_integer_value(y) < YW_CALENDAR_YEAR_MIN ||
	    json_integer_value(y) > YW_CALENDAR_YEAR_MAX) {
		field = "year";
		code = "invalid";
	}
	if (field == NULL)
		return yw_calendar_set_year_then(db, a, (int)json_integer_value(
		    y), doc, follow, errors);
	*errors = json_pack("{s:s}", field, code);
	return *errors != NULL ? YW_EINVAL : YW_ENOMEM;
}

enum yw_err
yw_calendar_import_file(struct yw_db *db, const struct yw_actor *a,
    const char *path, json_t **errors)
{
	struct stat	 sb;
	json_error_t	 jerr;
	json_t		*doc = NULL;
	FILE		*f;
	enum yw_err	 rc = YW_OK;

	*errors = NULL;
	if (!is_admin(a))
		return YW_EFORBIDDEN;
	f = fopen(path, "rb");
	if (f == NULL)
		return YW_EIO;
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode))
		rc = YW_EIO;
	else if (sb.st_size > YW_CALENDAR_FILE_MAX)
		rc = YW_ETOOBIG;
	else
		doc = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	(void)fclose(f);
	if (rc != YW_OK)
		return rc;
	rc = import_doc(db, a, doc, NULL, errors);
	json_decref(doc);
	return rc;
}

enum yw_err
yw_calendar_import(struct yw_db *db, const struct yw_actor *a, json_t *doc,
    json_t **errors)
{
	return yw_calendar_import_then(db, a, doc, NULL, errors);
}

enum yw_err
yw_calendar_import_then(struct yw_db *db, const struct yw_actor *a,
    json_t *doc, yw_calendar_follow_fn follow, json_t **errors)
{
	*errors = NULL;
	if (!is_admin(a))
		return YW_EFORBIDDEN;
	return import_doc(db, a, doc, follow, errors);
}
