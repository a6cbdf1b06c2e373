/*
 * h_calendar.c - the working-day calendar: the public page and API of each
 * year's statutory holidays and adjusted working days (调休上班), and the
 * platform admin's pages that keep it, a year at a time, through a form
 * that works without JavaScript or by uploading a year file (the format of
 * data/holidays/YYYY.json). Every rule is app/calendar's; this file only
 * maps the domain's field names and codes to the form's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/calendar/calendar.h"
#include "app/deadlines.h"
#include "core/timeutil.h"
#include "core/workday.h"
#include "web/web.h"

int	page_calendar(struct http_request *);
int	api_calendar(struct http_request *);
int	page_calendar_year(struct http_request *);
int	api_calendar_year(struct http_request *);
int	page_admin_calendar(struct http_request *);
int	page_admin_calendar_year(struct http_request *);
int	page_admin_calendar_upload(struct http_request *);

/* The form's rows: those filled, SPARE_ROWS blank ones, at least
 * MIN_ROWS, at most the domain's limit. */
#define SPARE_ROWS	3
#define MIN_ROWS	4
#define MAX_ROWS	YW_CALENDAR_LIST_MAX
#define KEY_LEN		32

static const char *const holiday_cols[] = { "name", "from", "to" };

/* The catalogue entry t.<a>.<b> (b may be NULL), borrowed. */
static json_t *
tr(struct yw_req *r, const char *a, const char *b)
{
	json_t *t;

	t = json_object_get(json_object_get(yw_web->locales, r->lang), a);
	return b != NULL ? json_object_get(t, b) : t;
}

static const char *
tr_str(struct yw_req *r, const char *a, const char *b)
{
	const char *s;

	s = json_string_value(tr(r, a, b));
	return s != NULL ? s : b;
}

/* The 4-digit year at the end of the path; 0 when it is none. */
static int
path_year(struct yw_req *r)
{
	int64_t y;

	y = yw_web_id(yw_req_tail(r));
	if (y < YW_CALENDAR_YEAR_MIN || y > YW_CALENDAR_YEAR_MAX)
		return 0;
	return (int)y;
}

/* Pages only: each adjusted working day with its weekday's name, so a
 * reader sees that it is a Saturday or Sunday. */
static void
year_labels(struct yw_req *r, json_t *doc)
{
	json_t		*rows, *v;
	const char	*s;
	char		 key[16];
	size_t		 i;
	int		 y, m, d;

	if (r->kind != YW_PAGE)
		return;
	rows = json_array();
	json_array_foreach(json_object_get(doc, "adjusted_workdays"), i, v) {
		s = json_string_value(v);
		key[0] = '\0';
		if (s != NULL && yw_time_parse_date(s, strlen(s), &y, &m, &d))
			(void)snprintf(key, sizeof(key), "weekday_%d",
			    yw_workday_weekday((int32_t)
			    yw_time_days_from_civil(y, m, d)));
		json_array_append_new(rows, json_pack("{s:O, s:O?}", "day", v,
		    "weekday", tr(r, "calendar", key)));
	}
	json_object_set_new(doc, "has_workdays", json_boolean(
	    json_array_size(rows) > 0));
	json_object_set_new(doc, "workday_rows", rows);
}

/* GET /calendar, /api/v1/calendar: every maintained year's document. */
static enum yw_err
view_calendar(struct yw_req *r, json_t *vm)
{
	json_t		*years, *y, *doc, *list;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_calendar_years(yw_web->db, &years);
	if (rc != YW_OK)
		return rc;
	list = json_array();
	json_object_set_new(vm, "years", list);
	json_array_foreach(years, i, y) {
		rc = yw_calendar_year(yw_web->db, (int)json_integer_value(
		    json_object_get(y, "year")), &doc);
		if (rc != YW_OK)
			break;
		year_labels(r, doc);
		json_array_append_new(list, doc);
	}
	json_decref(years);
	return rc;
}

/* GET /calendar/<year>, /api/v1/calendar/<year>: the year document. */
static enum yw_err
view_calendar_year(struct yw_req *r, json_t *vm)
{
	json_t		*doc;
	int		 year;
	enum yw_err	 rc;

	year = path_year(r);
	if (year == 0)
		return YW_ENOTFOUND;
	rc = yw_calendar_year(yw_web->db, year, &doc);
	if (rc != YW_OK)
		return rc;
	year_labels(r, doc);
	json_object_update(vm, doc);
	json_decref(doc);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* Administration */

static enum yw_err
need_platform_admin(const struct yw_req *r)
{
	if (r->actor.id == 0)
		return YW_EAUTH;
	if (strcmp(r->actor.kind, "staff") != 0 ||
	    (r->actor.roles & YW_ROLE_PLATFORM_ADMIN) == 0)
		return YW_EFORBIDDEN;
	return YW_OK;
}

/* The year after the newest maintained one, or this year. */
static int
next_year(json_t *years)
{
	json_int_t	 y, max = 0;
	json_t		*v;
	size_t		 i;
	int		 cy, cm, cd;

	json_array_foreach(years, i, v) {
		y = json_integer_value(json_object_get(v, "year"));
		if (y > max)
			max = y;
	}
	if (max > 0 && max < YW_CALENDAR_YEAR_MAX)
		return (int)max + 1;
	yw_time_civil_from_days(yw_time_local_days(yw_time_now()), &cy, &cm,
	    &cd);
	return cy;
}

/* The list page's data: the maintained years and the next one to add. */
static enum yw_err
admin_years(struct yw_req *r, json_t *vm)
{
	json_t		*years;
	enum yw_err	 rc;

	(void)r;
	rc = yw_calendar_years(yw_web->db, &years);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "next_year", json_integer(next_year(years)));
	json_object_set_new(vm, "years", years);
	return YW_OK;
}

/* GET /admin/calendar */
static enum yw_err
view_admin_calendar(struct yw_req *r, json_t *vm)
{
	enum yw_err rc;

	rc = need_platform_admin(r);
	if (rc != YW_OK)
		return rc;
	return admin_years(r, vm);
}

/* v as form text: strings as they are, numbers written out, anything
 * else (a malformed upload) as its JSON. New reference. */
static json_t *
as_text(json_t *v)
{
	json_t	*s;
	char	*dump;

	if (v == NULL || json_is_null(v))
		return json_string("");
	if (json_is_string(v))
		return json_incref(v);
	dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	s = json_string(dump != NULL ? dump : "");
	free(dump);
	return s != NULL ? s : json_string("");
}

/* The form's values for a year document (stored, or an uploaded file):
 * holiday n (1-based) as h<n>_name/from/to, working day n as w<n>. */
static json_t *
doc_form(json_t *doc, int year)
{
	json_t	*form, *h, *v, *list;
	char	 key[KEY_LEN];
	size_t	 i, j;

	form = json_object();
	if (form == NULL)
		return NULL;
	(void)snprintf(key, sizeof(key), "%d", year);
	json_object_set_new(form, "year", json_string(key));
	json_object_set_new(form, "source", as_text(json_object_get(doc,
	    "source")));
	list = json_object_get(doc, "holidays");
	json_array_foreach(list, i, h) {
		if (i >= MAX_ROWS)
			break;
		for (j = 0; j < 3; j++) {
			(void)snprintf(key, sizeof(key), "h%zu_%s", i + 1,
			    holiday_cols[j]);
			json_object_set_new(form, key, as_text(json_is_object(h) ?
			    json_object_get(h, holiday_cols[j]) : NULL));
		}
	}
	list = json_object_get(doc, "adjusted_workdays");
	json_array_foreach(list, i, v) {
		if (i >= MAX_ROWS)
			break;
		(void)snprintf(key, sizeof(key), "w%zu", i + 1);
		json_object_set_new(form, key, as_text(v));
	}
	return form;
}

/* form[key] as a string, "" when absent. */
static const char *
fstr(json_t *form, const char *key)
{
	const char *s;

	s = json_string_value(json_object_get(form, key));
	return s != NULL ? s : "";
}

/* A form value for the domain: empty reads as absent (null). */
static json_t *
fval(json_t *form, const char *key)
{
	const char *s;

	s = fstr(form, key);
	return s[0] != '\0' ? json_string(s) : json_null();
}

/*
 * The year document from the posted form. Blank rows are skipped; hmap[i]
 * and wmap[i] receive the form row of the document's i-th holiday and
 * working day, so the domain's errors can be put back on their rows.
 */
static json_t *
form_doc(json_t *form, int year, int hmap[MAX_ROWS], int wmap[MAX_ROWS])
{
	json_t	*doc, *hol, *work;
	char	 kn[KEY_LEN], kf[KEY_LEN], kt[KEY_LEN];
	size_t	 nh = 0, nw = 0;
	int	 n;

	doc = json_pack("{s:i, s:s, s:[], s:[]}", "year", year, "source",
	    fstr(form, "source"), "holidays", "adjusted_workdays");
	if (doc == NULL)
		return NULL;
	hol = json_object_get(doc, "holidays");
	work = json_object_get(doc, "adjusted_workdays");
	for (n = 1; n <= MAX_ROWS; n++) {
		(void)snprintf(kn, sizeof(kn), "h%d_name", n);
		(void)snprintf(kf, sizeof(kf), "h%d_from", n);
		(void)snprintf(kt, sizeof(kt), "h%d_to", n);
		if (fstr(form, kn)[0] == '\0' && fstr(form, kf)[0] == '\0' &&
		    fstr(form, kt)[0] == '\0')
			continue;
		hmap[nh++] = n;
		json_array_append_new(hol, json_pack("{s:o, s:o, s:o}", "name",
		    fval(form, kn), "from", fval(form, kf), "to",
		    fval(form, kt)));
	}
	for (n = 1; n <= MAX_ROWS; n++) {
		(void)snprintf(kn, sizeof(kn), "w%d", n);
		if (fstr(form, kn)[0] == '\0')
			continue;
		wmap[nw++] = n;
		json_array_append_new(work, json_string(fstr(form, kn)));
	}
	return doc;
}

/* The code shown for the domain's code on field (calendar.h), so that
 * each reason reads clearly next to its field (t.error). */
static const char *
map_code(const char *field, const char *code)
{
	static const char *const own[][2] = {
		{ "overlap", "cal_overlap" },
		{ "not_weekend", "cal_not_weekend" },
		{ "conflict", "cal_conflict" },
		{ "wrong_year", "cal_wrong_year" },
		{ "before_from", "cal_before_from" },
		{ "duplicate", "cal_duplicate" },
	};
	size_t	i, n;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strcmp(code, own[i][0]) == 0)
			return own[i][1];
	n = strlen(field);
	if (strcmp(code, "too_long") == 0 && n > 3 &&
	    strcmp(field + n - 3, ".to") == 0)
		return "cal_span";
	if (strcmp(code, "too_long") == 0 && (strcmp(field, "holidays") == 0 ||
	    strcmp(field, "adjusted_workdays") == 0))
		return "too_many";
	if (strcmp(code, "invalid") == 0 && (strchr(field, '[') != NULL &&
	    strstr(field, ".name") == NULL))
		return "date";
	return code;
}

/* The form field for the domain's field (calendar.h); NULL for none. */
static const char *
map_field(struct yw_req *r, const char *field, const int *hmap, size_t nh,
    const int *wmap, size_t nw)
{
	const char	*p;
	char		*end;
	unsigned long	 i;

	if (strncmp(field, "holidays[", 9) == 0) {
		i = strtoul(field + 9, &end, 10);
		if (end == field + 9 || *end != ']' || i >= nh)
			return NULL;
		p = end + 1;
		if (*p == '.')
			return yw_arena_printf(r->arena, "h%d_%s", hmap[i],
			    p + 1);
		/* The row as a whole (an overlap): shown at its first day. */
		return yw_arena_printf(r->arena, "h%d_from", hmap[i]);
	}
	if (strncmp(field, "adjusted_workdays[", 18) == 0) {
		i = strtoul(field + 18, &end, 10);
		if (end == field + 18 || *end != ']' || i >= nw)
			return NULL;
		return yw_arena_printf(r->arena, "w%d", wmap[i]);
	}
	return field;
}

/* The label of form field name in the error summary (r->labels). */
static const char *
field_label(struct yw_req *r, const char *name)
{
	int n;
	char col[8];

	if (sscanf(name, "h%d_%7s", &n, col) == 2)
		return yw_arena_printf(r->arena, "%s %d%s%s",
		    tr_str(r, "calendar", "holiday_row"), n,
		    tr_str(r, "common", "colon"), tr_str(r, "calendar",
		    strcmp(col, "name") == 0 ? "col_name" :
		    strcmp(col, "from") == 0 ? "col_from" : "col_to"));
	if (sscanf(name, "w%d", &n) == 1)
		return yw_arena_printf(r->arena, "%s %d",
		    tr_str(r, "calendar", "workday_row"), n);
	if (strcmp(name, "holidays") == 0)
		return tr_str(r, "calendar", "holidays_title");
	if (strcmp(name, "adjusted_workdays") == 0)
		return tr_str(r, "calendar", "workdays_title");
	if (strcmp(name, "source") == 0 || strcmp(name, "year") == 0 ||
	    strcmp(name, "file") == 0)
		return tr_str(r, "calendar", name);
	return NULL;
}

/* Adds code for form field name to r->errors (unless it has one) and its
 * label to r->labels. */
static void
add_error(struct yw_req *r, const char *name, const char *code)
{
	const char *label;

	if (r->errors == NULL)
		r->errors = yw_req_keep(r, json_object());
	if (r->labels == NULL)
		r->labels = yw_req_keep(r, json_object());
	if (name == NULL || json_object_get(r->errors, name) != NULL)
		return;
	json_object_set_new(r->errors, name, json_string(code));
	label = field_label(r, name);
	if (label != NULL)
		json_object_set_new(r->labels, name, json_string(label));
}

/* The domain's errors (taken) on the form's fields. */
static void
map_errors(struct yw_req *r, json_t *errors, const int *hmap, size_t nh,
    const int *wmap, size_t nw)
{
	const char	*k, *name;
	json_t		*v;

	json_object_foreach(errors, k, v) {
		name = map_field(r, k, hmap, nh, wmap, nw);
		if (name == NULL)
			name = k[0] == 'h' ? "holidays" : "adjusted_workdays";
		add_error(r, name, map_code(k, json_string_value(v)));
	}
	json_decref(errors);
}

/* Labels for errors the form decoder found (they name form fields). */
static void
label_errors(struct yw_req *r)
{
	const char	*k, *label;
	json_t		*v;

	if (r->labels == NULL)
		r->labels = yw_req_keep(r, json_object());
	json_object_foreach(r->errors, k, v) {
		label = field_label(r, k);
		if (label != NULL)
			json_object_set_new(r->labels, k, json_string(label));
	}
}

/* The form's fields (arena-owned): year, source and every row's. */
static struct yw_form_field *
form_spec(struct yw_req *r, size_t *n)
{
	struct yw_form_field	*spec;
	size_t			 i = 0, j;
	int			 k;

	spec = yw_arena_zalloc(r->arena, sizeof(*spec) * (2 + MAX_ROWS * 4));
	if (spec == NULL)
		return NULL;
	spec[i++] = (struct yw_form_field){ "year", 4, 0 };
	spec[i++] = (struct yw_form_field){ "source", YW_CALENDAR_SOURCE_MAX,
	    0 };
	for (k = 1; k <= MAX_ROWS; k++) {
		for (j = 0; j < 3; j++) {
			spec[i].name = yw_arena_printf(r->arena, "h%d_%s", k,
			    holiday_cols[j]);
			spec[i++].max_chars = j == 0 ? YW_CALENDAR_NAME_MAX :
			    10;
		}
		spec[i].name = yw_arena_printf(r->arena, "w%d", k);
		spec[i++].max_chars = 10;
	}
	for (j = 0; j < i; j++)
		if (spec[j].name == NULL)
			return NULL;
	*n = i;
	return spec;
}

/* The year a "new" form names: 4 digits in range, not yet maintained. */
static enum yw_err
new_year(struct yw_req *r, int *year)
{
	json_t		*doc;
	const char	*s;
	char		*end;
	long		 y;
	enum yw_err	 rc;

	*year = 0;
	s = fstr(r->form, "year");
	y = strtol(s, &end, 10);
	if (s[0] == '\0') {
		add_error(r, "year", "required");
		return YW_EINVAL;
	}
	if (*end != '\0' || y < YW_CALENDAR_YEAR_MIN ||
	    y > YW_CALENDAR_YEAR_MAX) {
		add_error(r, "year", "cal_year");
		return YW_EINVAL;
	}
	rc = yw_calendar_year(yw_web->db, (int)y, &doc);
	json_decref(doc);
	if (rc == YW_OK) {
		add_error(r, "year", "cal_year_exists");
		return YW_EINVAL;
	}
	if (rc != YW_ENOTFOUND)
		return rc;
	*year = (int)y;
	return YW_OK;
}

/* The redirect after a save: the year's page with a notice. */
static const char *
saved_at(struct yw_req *r, int year)
{
	const char *loc;

	loc = yw_arena_printf(r->arena, "/admin/calendar/%d?saved=1", year);
	return loc != NULL ? loc : "/admin/calendar";
}

/* GET and POST /admin/calendar/<year | new> */
static enum yw_err
view_admin_year_inner(struct yw_req *r, json_t *vm)
{
	struct yw_form_field	*spec;
	json_t			*doc = NULL, *in, *errors = NULL;
	const char		*key;
	int			 hmap[MAX_ROWS], wmap[MAX_ROWS];
	int			 create, year = 0;
	size_t			 n, nh, nw;
	enum yw_err		 rc;

	rc = need_platform_admin(r);
	if (rc != YW_OK)
		return rc;
	key = yw_req_tail(r);
	create = key == NULL || strcmp(key, "new") == 0;
	if (!create) {
		year = path_year(r);
		if (year == 0)
			return YW_ENOTFOUND;
		json_object_set_new(vm, "year", json_integer(year));
		rc = yw_calendar_year(yw_web->db, year, &doc);
		if (rc != YW_OK && rc != YW_ENOTFOUND)
			return rc;
		if (doc != NULL)
			json_object_set_new(vm, "stored", doc);
	}
	json_object_set_new(vm, "create", json_boolean(create));
	if (!yw_req_is_post(r)) {
		if (r->kind != YW_PAGE)
			return YW_OK;
		if (create) {
			rc = admin_years(r, vm);
			if (rc != YW_OK)
				return rc;
			year = (int)json_integer_value(json_object_get(vm,
			    "next_year"));
			json_object_del(vm, "years");
		}
		json_object_set_new(vm, "form", doc_form(doc, year));
		return YW_OK;
	}
	spec = form_spec(r, &n);
	if (spec == NULL)
		return YW_ENOMEM;
	rc = yw_req_form(r, spec, n);
	if (rc == YW_EINVAL)
		label_errors(r);
	if (rc != YW_OK)
		return rc;
	if (create) {
		rc = new_year(r, &year);
		if (rc != YW_OK)
			return rc;
	}
	in = form_doc(r->form, year, hmap, wmap);
	if (in == NULL)
		return YW_ENOMEM;
	nh = json_array_size(json_object_get(in, "holidays"));
	nw = json_array_size(json_object_get(in, "adjusted_workdays"));
	/* Open time limits follow the new working days (app/deadlines.h). */
	rc = yw_calendar_set_year_then(yw_web->db, &r->actor, year, in,
	    yw_deadlines_follow, &errors);
	json_decref(in);
	if (rc == YW_EINVAL)
		map_errors(r, errors, hmap, nh, wmap, nw);
	if (rc != YW_OK)
		return rc;
	r->redirect = saved_at(r, year);
	return YW_OK;
}

/* A message for code from t.error; the code itself when there is none. */
static json_t *
message(struct yw_req *r, json_t *code)
{
	json_t *m;

	m = json_object_get(tr(r, "error", NULL), json_string_value(code));
	return json_incref(m != NULL ? m : code);
}

/* The rows of the edit form from form, with each field's reason. */
static void
decorate(struct yw_req *r, json_t *vm)
{
	json_t	*form, *rows, *row, *e;
	char	 key[KEY_LEN];
	int	 n, j, used = 0, nrows;

	form = r->form != NULL ? r->form : json_object_get(vm, "form");
	if (form == NULL)
		return;
	json_object_set(vm, "form", form);
	for (n = 1; n <= MAX_ROWS; n++)
		for (j = 0; j < 3; j++) {
			(void)snprintf(key, sizeof(key), "h%d_%s", n,
			    holiday_cols[j]);
			if (fstr(form, key)[0] != '\0' ||
			    json_object_get(r->errors, key) != NULL)
				used = n;
		}
	nrows = used + SPARE_ROWS < MIN_ROWS ? MIN_ROWS : used + SPARE_ROWS;
	nrows = nrows > MAX_ROWS ? MAX_ROWS : nrows;
	rows = json_array();
	for (n = 1; n <= nrows; n++) {
		row = json_pack("{s:i}", "n", n);
		for (j = 0; row != NULL && j < 3; j++) {
			(void)snprintf(key, sizeof(key), "h%d_%s", n,
			    holiday_cols[j]);
			json_object_set_new(row, holiday_cols[j],
			    json_string(fstr(form, key)));
			e = json_object_get(r->errors, key);
			if (e == NULL)
				continue;
			(void)snprintf(key, sizeof(key), "e_%s",
			    holiday_cols[j]);
			json_object_set_new(row, key, message(r, e));
			json_object_set_new(row, "has_error", json_true());
		}
		json_array_append_new(rows, row);
	}
	json_object_set_new(vm, "holiday_rows", rows);
	used = 0;
	for (n = 1; n <= MAX_ROWS; n++) {
		(void)snprintf(key, sizeof(key), "w%d", n);
		if (fstr(form, key)[0] != '\0' ||
		    json_object_get(r->errors, key) != NULL)
			used = n;
	}
	nrows = used + SPARE_ROWS < MIN_ROWS ? MIN_ROWS : used + SPARE_ROWS;
	nrows = nrows > MAX_ROWS ? MAX_ROWS : nrows;
	rows = json_array();
	for (n = 1; n <= nrows; n++) {
		(void)snprintf(key, sizeof(key), "w%d", n);
		row = json_pack("{s:i, s:s}", "n", n, "value", fstr(form, key));
		e = json_object_get(r->errors, key);
		if (row != NULL && e != NULL)
			json_object_set_new(row, "error", message(r, e));
		json_array_append_new(rows, row);
	}
	json_object_set_new(vm, "workday_rows", rows);
}

static enum yw_err
view_admin_year(struct yw_req *r, json_t *vm)
{
	enum yw_err rc;

	rc = view_admin_year_inner(r, vm);
	if (r->kind == YW_PAGE && r->redirect == NULL)
		decorate(r, vm);
	return rc;
}

/*
 * POST /admin/calendar/upload: a year file. A file that is no year
 * document comes back on the list page with the reason at the file
 * field; a year document the calendar refuses opens that year's form
 * with the file's contents and each reason next to its field, so the
 * admin can correct it there or fix the file.
 */
static enum yw_err
view_admin_upload(struct yw_req *r, json_t *vm)
{
	json_error_t	 jerr;
	json_t		*doc, *errors = NULL, *y;
	const void	*data;
	const char	*filename;
	size_t		 len;
	int		 hmap[MAX_ROWS], wmap[MAX_ROWS], year, i;
	enum yw_err	 rc;

	rc = need_platform_admin(r);
	if (rc != YW_OK)
		return rc;
	if (!yw_req_is_post(r)) {
		r->redirect = "/admin/calendar";
		return YW_OK;
	}
	rc = yw_req_multipart(r, NULL, 0, "file", &data, &len, &filename);
	if (rc != YW_OK)
		return rc;
	if (data == NULL || len == 0)
		add_error(r, "file", "required");
	else if (len > YW_CALENDAR_FILE_MAX)
		add_error(r, "file", "too_big");
	if (json_object_size(r->errors) > 0) {
		rc = admin_years(r, vm);
		return rc != YW_OK ? rc : YW_EINVAL;
	}
	doc = yw_req_keep(r, json_loadb(data, len, JSON_REJECT_DUPLICATES,
	    &jerr));
	rc = yw_calendar_import_then(yw_web->db, &r->actor, doc,
	    yw_deadlines_follow, &errors);
	y = json_object_get(doc, "year");
	year = json_is_integer(y) ? (int)json_integer_value(y) : 0;
	if (rc == YW_OK) {
		r->redirect = saved_at(r, year);
		return YW_OK;
	}
	if (rc != YW_EINVAL)
		return rc;
	if (json_object_get(errors, "file") != NULL ||
	    json_object_get(errors, "year") != NULL) {
		add_error(r, "file", json_object_get(errors, "file") != NULL ?
		    "cal_file_json" : "cal_file_year");
		json_decref(errors);
		rc = admin_years(r, vm);
		return rc != YW_OK ? rc : YW_EINVAL;
	}
	/* The file's rows are the form's rows, one for one. */
	for (i = 0; i < MAX_ROWS; i++)
		hmap[i] = wmap[i] = i + 1;
	r->tpl = "calendar/admin_edit";
	r->form = yw_req_keep(r, doc_form(doc, year));
	json_object_set_new(vm, "year", json_integer(year));
	json_object_set_new(vm, "create", json_false());
	json_object_set_new(vm, "uploaded", json_string(filename != NULL ?
	    filename : ""));
	map_errors(r, errors, hmap, MAX_ROWS, wmap, MAX_ROWS);
	decorate(r, vm);
	return YW_EINVAL;
}

int
page_calendar(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "calendar/index",
	    view_calendar);
}

int
api_calendar(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_calendar);
}

int
page_calendar_year(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "calendar/year",
	    view_calendar_year);
}

int
api_calendar_year(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_calendar_year);
}

int
page_admin_calendar(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "calendar/admin_list",
	    view_admin_calendar);
}

int
page_admin_calendar_year(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "calendar/admin_edit",
	    view_admin_year);
}

int
page_admin_calendar_upload(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "calendar/admin_list",
	    view_admin_upload);
}
