/*
 * demo_services.c - loads the demo catalogue from data/demo/services.json.
 * Each item names its department by code; its consultation phone is the
 * department's and its complaint phone the city's 12345 hotline. Lists are
 * one entry a line: materials as "name|copies|form|sharing department
 * code|notes" and optionally "|<data resource code>" it can be fetched
 * from (case_fetch.h), steps as plain lines. The English versions are optional:
 * legal_basis_en, conditions_en, fee_text_en, steps_en (a line a step, in
 * the same order, every step translated) and materials_en (a line "name|notes" a material, in the
 * same order). Content follows the published guides
 * of Fujian and Fuzhou in substance; it is demonstration data, not legal
 * advice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/demo/demo_services.h"
#include "app/org/org.h"
#include "app/service/catalog.h"

#define HOTLINE	"12345"

struct demo_service {
	const char	*dept;		/* department code */
	const char	*type;
	const char	*status;
	const char	*name;
	const char	*name_en;
	const char	*events;	/* comma-separated slugs */
	const char	*legal_basis;
	const char	*conditions;
	const char	*materials;	/* lines: see above */
	const char	*steps;		/* lines */
	int		 statutory;	/* working days; -1: not given */
	int		 promised;
	int		 visits;
	const char	*fee_kind;	/* NULL: not given */
	const char	*fee_text;
	const char	*depth;
	const char	*legal_basis_en;	/* the English versions; NULL */
	const char	*conditions_en;		/* or "" when not given */
	const char	*fee_text_en;
	const char	*steps_en;		/* lines, as steps */
	const char	*materials_en;		/* lines "name|notes" */
};


/* The department with code in deps, or NULL. */
static json_t *
dept(json_t *deps, const char *code)
{
	json_t	*d;
	size_t	 i;

	json_array_foreach(deps, i, d)
		if (strcmp(json_string_value(json_object_get(d, "code")),
		    code) == 0)
			return d;
	return NULL;
}

static json_t *
count(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

/* Splits text into lines; each non-empty one is handed to fn. */
static int
lines(const char *text, json_t *deps, json_t *out,
    int (*fn)(const char *line, size_t len, json_t *deps, json_t *out))
{
	const char	*nl;
	size_t		 n;

	while (text != NULL && *text != '\0') {
		nl = strchr(text, '\n');
		n = nl != NULL ? (size_t)(nl - text) : strlen(text);
		if (n > 0 && fn(text, n, deps, out) != 0)
			return -1;
		text = nl != NULL ? nl + 1 : NULL;
	}
	return 0;
}

static int
add_step(const char *line, size_t len, json_t *deps, json_t *out)
{
	(void)deps;
	return json_array_append_new(out, json_stringn(line, len));
}

/* "name|copies|form|dept|notes[|fetch resource code]" as a material
 * object. */
static int
add_material(const char *line, size_t len, json_t *deps, json_t *out)
{
	char		 buf[1024], *f[6], *p;
	json_t		*d;
	int		 i;

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	p = buf;
	for (i = 0; i < 6; i++) {
		f[i] = p != NULL ? p : (char *)"";
		p = p != NULL ? strchr(p, '|') : NULL;
		if (p == NULL && i < 4)
			return -1;
		if (p != NULL)
			*p++ = '\0';
	}
	d = f[3][0] != '\0' ? dept(deps, f[3]) : NULL;
	if (f[3][0] != '\0' && d == NULL)
		return -1;
	return json_array_append_new(out, json_pack("{s:s, s:s, s:i, s:s,"
	    " s:O, s:s}", "name", f[0], "description", f[4], "copies",
	    atoi(f[1]), "form", f[2], "shared_department_id", d != NULL ?
	    json_object_get(d, "id") : json_null(), "fetch_resource", f[5]));
}

/* "name|notes" as the English of the next material in out without one
 * (the list is filled by add_material first). */
static int
add_material_en(const char *line, size_t len, json_t *deps, json_t *out)
{
	const char	*bar;
	json_t		*m;
	size_t		 i;

	(void)deps;
	bar = memchr(line, '|', len);
	if (bar == NULL)
		return -1;
	json_array_foreach(out, i, m) {
		if (json_object_get(m, "name_en") != NULL)
			continue;
		if (json_object_set_new(m, "name_en", json_stringn(line,
		    (size_t)(bar - line))) != 0 ||
		    json_object_set_new(m, "description_en", json_stringn(
		    bar + 1, len - (size_t)(bar - line) - 1)) != 0)
			return -1;
		return 0;
	}
	return -1;	/* more English lines than materials */
}

/* The catalogue input for item it, or NULL. */
static json_t *
input(const struct demo_service *it, json_t *deps, json_t *d)
{
	json_t	*in, *mats, *steps, *steps_en, *events;
	char	 buf[256], *tok, *save;

	mats = json_array();
	steps = json_array();
	steps_en = json_array();
	events = json_array();
	(void)snprintf(buf, sizeof(buf), "%s", it->events);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		json_array_append_new(events, json_string(tok));
	if (lines(it->materials, deps, mats, add_material) != 0 ||
	    lines(it->steps, deps, steps, add_step) != 0 ||
	    lines(it->materials_en, deps, mats, add_material_en) != 0 ||
	    lines(it->steps_en, deps, steps_en, add_step) != 0) {
		json_decref(mats);
		json_decref(steps);
		json_decref(steps_en);
		json_decref(events);
		return NULL;
	}
	in = json_pack("{s:s, s:s, s:s, s:O, s:s, s:s, s:o, s:o, s:o, s:o,"
	    " s:o, s:o, s:s, s:s, s:s, s:s, s:s}",
	    "name", it->name, "name_en", it->name_en, "item_type", it->type,
	    "department_id", json_object_get(d, "id"),
	    "legal_basis", it->legal_basis, "conditions", it->conditions,
	    "materials", mats, "steps", steps, "events", events,
	    "statutory_days", count(it->statutory),
	    "promised_days", count(it->promised),
	    "visits", count(it->visits),
	    "fee_text", it->fee_text, "online_depth", it->depth,
	    "consult_phone", json_string_value(json_object_get(d, "phone")),
	    "complaint_phone", HOTLINE, "status", it->status);
	if (in != NULL && it->fee_kind != NULL)
		json_object_set_new(in, "fee_kind", json_string(it->fee_kind));
	if (in != NULL && (json_object_set_new(in, "steps_en", steps_en) != 0 ||
	    json_object_set_new(in, "legal_basis_en", json_string(
	    it->legal_basis_en != NULL ? it->legal_basis_en : "")) != 0 ||
	    json_object_set_new(in, "conditions_en", json_string(
	    it->conditions_en != NULL ? it->conditions_en : "")) != 0 ||
	    json_object_set_new(in, "fee_text_en", json_string(
	    it->fee_text_en != NULL ? it->fee_text_en : "")) != 0)) {
		json_decref(in);
		return NULL;
	}
	if (in == NULL)
		json_decref(steps_en);
	return in;
}

static const char *
text(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int
number(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (int)json_integer_value(v) : -1;
}

/* An item of the data file as the loader's struct; strings are borrowed
 * from o. */
static void
from_json(json_t *o, struct demo_service *it)
{
	it->dept = text(o, "dept");
	it->type = text(o, "type");
	it->status = text(o, "status");
	it->name = text(o, "name");
	it->name_en = text(o, "name_en");
	it->events = text(o, "events");
	it->legal_basis = text(o, "legal_basis");
	it->conditions = text(o, "conditions");
	it->materials = text(o, "materials");
	it->steps = text(o, "steps");
	it->statutory = number(o, "statutory");
	it->promised = number(o, "promised");
	it->visits = number(o, "visits");
	it->fee_kind = text(o, "fee_kind");
	it->fee_text = text(o, "fee_text");
	it->depth = text(o, "depth");
	it->legal_basis_en = text(o, "legal_basis_en");
	it->conditions_en = text(o, "conditions_en");
	it->fee_text_en = text(o, "fee_text_en");
	it->steps_en = text(o, "steps_en");
	it->materials_en = text(o, "materials_en");
}

/* 1 if list holds an item of department id named name. */
static int
exists(json_t *list, json_t *id, const char *name)
{
	json_t	*s;
	size_t	 i;

	json_array_foreach(list, i, s)
		if (json_equal(json_object_get(s, "department_id"), id) &&
		    strcmp(json_string_value(json_object_get(s, "name")),
		    name) == 0)
			return 1;
	return 0;
}

enum yw_err
yw_demo_services(struct yw_db *db, const struct yw_actor *a, const char *root,
    FILE *log)
{
	struct demo_service	 it;
	json_t			*deps = NULL, *have = NULL, *doc, *items, *in;
	json_t			*d, *errors, *o;
	json_error_t		 jerr;
	char			 path[1024], *e;
	size_t			 i;
	int			 made = 0;
	enum yw_err		 rc;

	(void)snprintf(path, sizeof(path), "%s/data/demo/services.json", root);
	doc = json_load_file(path, 0, &jerr);
	if (doc == NULL) {
		fprintf(stderr, "%s:%d: %s\n", path, jerr.line, jerr.text);
		return YW_EIO;
	}
	items = json_object_get(doc, "items");
	rc = yw_org_departments(db, NULL, &deps);
	if (rc == YW_OK)
		rc = yw_catalog_admin_list(db, a, &have);
	json_array_foreach(items, i, o) {
		if (rc != YW_OK)
			break;
		from_json(o, &it);
		d = it.dept != NULL && it.name != NULL ? dept(deps, it.dept) :
		    NULL;
		if (d == NULL) {
			fprintf(stderr, "%s: item %zu: bad department\n", path,
			    i);
			rc = YW_EINTERNAL;
			break;
		}
		if (exists(have, json_object_get(d, "id"), it.name))
			continue;
		in = input(&it, deps, d);
		if (in == NULL) {
			fprintf(stderr, "demo service %s: bad data\n", it.name);
			rc = YW_EINTERNAL;
			break;
		}
		errors = NULL;
		rc = yw_catalog_save(db, a, 0, in, NULL, &errors);
		json_decref(in);
		if (rc != YW_OK) {
			e = errors != NULL ? json_dumps(errors, 0) : NULL;
			fprintf(stderr, "demo service %s: %s %s\n", it.name,
			    yw_err_code(rc), e != NULL ? e : "");
			free(e);
		}
		json_decref(errors);
		if (rc == YW_OK)
			made++;
	}
	json_decref(doc);
	json_decref(deps);
	json_decref(have);
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo services: %d item(s) added\n", made);
	return rc;
}
