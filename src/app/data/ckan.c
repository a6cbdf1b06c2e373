/*
 * ckan.c - the CKAN Action API subset (ckan.h). Data sets are few (the
 * open catalogue, hundreds at most), so a search reads the summaries
 * once (full text through the search index) and filters, sorts, counts
 * facets and pages them here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/data/ckan.h"
#include "app/data/open.h"
#include "app/org/org.h"
#include "core/jsonx.h"

static const char *const actions[] = {
	"package_search", "package_show", "package_list",
	"organization_list", "organization_show", "tag_list", "status_show",
	NULL
};
static const char *const writes[] = {
	"package_create", "package_update", "package_patch", "package_delete",
	"resource_create", "resource_update", "resource_patch",
	"resource_delete", "organization_create", "organization_update",
	"organization_delete", "group_create", "tag_create", NULL
};

int
yw_ckan_known(const char *name)
{
	if (yw_in_list(actions, name))
		return 1;
	return yw_in_list(writes, name) ? 2 : 0;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/* A stable UUID-shaped id for a key (BLAKE2b of it, version 8 layout). */
static json_t *
uuid(const char *kind, const char *key)
{
	unsigned char	h[16];
	char		out[37];
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)kind,
	    strlen(kind) + 1);
	crypto_generichash_update(&st, (const unsigned char *)key,
	    strlen(key));
	crypto_generichash_final(&st, h, sizeof(h));
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	(void)snprintf(out, sizeof(out), "%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x", h[0], h[1], h[2], h[3], h[4],
	    h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14],
	    h[15]);
	return json_string(out);
}

/* CKAN's datetime: isoformat() without a zone (we store UTC seconds). */
static json_t *
iso(json_t *v)
{
	struct tm	tm;
	time_t		t;
	char		buf[32];

	if (!json_is_integer(v))
		return json_null();
	t = (time_t)json_integer_value(v);
	if (gmtime_r(&t, &tm) == NULL || strftime(buf, sizeof(buf),
	    "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return json_null();
	return json_string(buf);
}

static json_t *
organization(json_t *d, const char *base)
{
	(void)base;
	return json_pack("{s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:n, s:s, s:s,"
	    " s:b, s:s}", "id", uuid("org", str(d, "department_code")),
	    "name", str(d, "department_code"), "title", str(d,
	    "department_name"), "display_name", str(d, "department_name"),
	    "description", str(d, "department_name_en"), "image_url", "",
	    "image_display_url", "", "created", "state", "active", "type",
	    "organization", "is_organization", 1, "approval_status",
	    "approved");
}

static json_t *
resource(json_t *d, const char *base, const char *fmt, int pos)
{
	const char	*code = str(d, "code");
	char		 url[512], key[96];
	int		 csv = strcmp(fmt, "CSV") == 0;

	(void)snprintf(url, sizeof(url), csv ? "%s/data/%s.csv" :
	    "%s/api/v1/open/datasets/%s/records", base, code);
	(void)snprintf(key, sizeof(key), "%s/%s", code, fmt);
	return json_pack("{s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:n, s:o, s:n,"
	    " s:i, s:s, s:n, s:n}", "id", uuid("resource", key), "package_id",
	    uuid("package", code), "url", url, "name", str(d, "name"),
	    "description", csv ? "CSV (UTF-8, BOM)" : "JSON (paged)",
	    "format", fmt, "mimetype", csv ? "text/csv" : "application/json",
	    "size", "created", iso(json_object_get(d, "created_at")),
	    "last_modified", "position", pos, "state", "active", "url_type",
	    "hash");
}

/* The package dict of a data set summary. */
static json_t *
package(json_t *d, const char *base)
{
	json_t		*p, *res, *tags, *k, *extras;
	const char	*code = str(d, "code");
	char		 url[512];
	size_t		 i;
	int		 open = json_is_true(json_object_get(d, "downloadable"));

	(void)snprintf(url, sizeof(url), "%s/data/%s", base, code);
	res = json_array();
	if (open) {
		json_array_append_new(res, resource(d, base, "CSV", 0));
		json_array_append_new(res, resource(d, base, "JSON", 1));
	}
	tags = json_array();
	json_array_foreach(json_object_get(d, "keywords"), i, k)
		json_array_append_new(tags, json_pack("{s:o, s:O, s:O, s:s,"
		    " s:n}", "id", uuid("tag", json_string_value(k)), "name",
		    k, "display_name", k, "state", "active", "vocabulary_id"));
	extras = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s},"
	    " {s:s, s:s}]", "key", "update_cycle", "value", str(d,
	    "update_cycle"), "key", "open_attr", "value", str(d, "open_attr"),
	    "key", "open_conditions", "value", str(d, "open_conditions"),
	    "key", "classification", "value", str(d, "classification"),
	    "key", "format", "value", str(d, "format"));
	p = json_pack("{s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:n,"
	    " s:n, s:s, s:n, s:s, s:s, s:s, s:b, s:o, s:o, s:n, s:o, s:o,"
	    " s:[], s:I, s:o, s:I, s:o, s:o, s:[], s:[], s:s}",
	    "id", uuid("package", code), "name", code, "title", str(d, "name"),
	    "notes", str(d, "summary"), "url", url, "version", "",
	    "state", "active", "type", "dataset", "private", 0,
	    "author", "author_email", "maintainer", str(d,
	    "department_name"), "maintainer_email",
	    "license_id", open ? "cc-by" : "other-closed",
	    "license_title", open ? "Creative Commons Attribution 4.0" :
	    "有条件开放 (conditional)", "license_url", open ?
	    "https://creativecommons.org/licenses/by/4.0/" : "", "isopen",
	    open, "metadata_created", iso(json_object_get(d, "created_at")),
	    "metadata_modified", iso(json_object_get(d, "updated_at")),
	    "creator_user_id", "owner_org", uuid("org", str(d,
	    "department_code")), "organization", organization(d, base),
	    "groups", "num_resources", (json_int_t)json_array_size(res),
	    "resources", res, "num_tags", (json_int_t)json_array_size(tags),
	    "tags", tags, "extras", extras, "relationships_as_subject",
	    "relationships_as_object", "title_en", str(d, "name_en"));
	return p;
}

/* Envelope helpers. */
static json_t *
envelope(const char *base, const char *action)
{
	char help[512];

	(void)snprintf(help, sizeof(help), "%s/api/3/action/help_show?name=%s",
	    base, action);
	return json_pack("{s:s}", "help", help);
}

static void
fail(json_t *env, int *status, int code, const char *type,
    const char *message)
{
	json_object_set_new(env, "success", json_false());
	json_object_set_new(env, "error", json_pack("{s:s, s:s}", "__type",
	    type, "message", message));
	*status = code;
}

/* 409 with {field: [message]}. */
static void
invalid(json_t *env, int *status, const char *field, const char *message)
{
	json_object_set_new(env, "success", json_false());
	json_object_set_new(env, "error", json_pack("{s:s, s:[s]}", "__type",
	    "Validation Error", field, message));
	*status = 409;
}

/*
 * An integer parameter: absent -> def; an integer or digits (with an
 * optional '-') -> its value; anything else -> "Invalid integer".
 * Returns 0 and fills *out, or -1 with the message in *why.
 */
static int
int_param(json_t *params, const char *k, long long def, long long *out,
    const char **why)
{
	json_t		*v = json_object_get(params, k);
	const char	*s, *p;
	char		*end;

	*out = def;
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	s = json_string_value(v);
	if (s == NULL || s[0] == '\0') {
		if (s != NULL)
			return 0;
		*why = "Invalid integer";
		return -1;
	}
	p = s[0] == '-' ? s + 1 : s;
	if (*p == '\0' || strspn(p, "0123456789") != strlen(p) ||
	    strlen(p) > 15) {
		*why = "Invalid integer";
		return -1;
	}
	*out = strtoll(s, &end, 10);
	return 0;
}

static int
bool_param(json_t *params, const char *k, int def)
{
	json_t		*v = json_object_get(params, k);
	const char	*s;

	if (json_is_boolean(v))
		return json_is_true(v);
	s = json_string_value(v);
	if (s == NULL || s[0] == '\0')
		return def;
	return strcmp(s, "true") == 0 || strcmp(s, "True") == 0 ||
	    strcmp(s, "1") == 0 || strcmp(s, "yes") == 0;
}

/* A list parameter: a JSON array, or a string holding one (GET). */
static json_t *
list_param(json_t *params, const char *k, int *bad)
{
	json_t		*v = json_object_get(params, k), *l;
	const char	*s;

	*bad = 0;
	if (v == NULL || json_is_null(v))
		return NULL;
	if (json_is_array(v))
		return json_incref(v);
	s = json_string_value(v);
	if (s == NULL) {
		*bad = 1;
		return NULL;
	}
	if (s[0] == '\0')
		return json_array();
	l = json_loads(s, JSON_DECODE_ANY, NULL);
	if (json_is_string(l)) {
		json_t *a = json_array();

		json_array_append_new(a, l);
		return a;
	}
	if (!json_is_array(l)) {
		json_decref(l);
		*bad = 1;
		return NULL;
	}
	return l;
}

/* The values of a facet field for one package. */
static json_t *
field_values(json_t *p, const char *field)
{
	json_t	*out = json_array(), *v;
	size_t	 i;

	if (strcmp(field, "organization") == 0)
		json_array_append(out, json_object_get(json_object_get(p,
		    "organization"), "name"));
	else if (strcmp(field, "tags") == 0) {
		json_array_foreach(json_object_get(p, "tags"), i, v)
			json_array_append(out, json_object_get(v, "name"));
	} else if (strcmp(field, "res_format") == 0) {
		json_array_foreach(json_object_get(p, "resources"), i, v)
			json_array_append(out, json_object_get(v, "format"));
	} else if (strcmp(field, "license_id") == 0)
		json_array_append(out, json_object_get(p, "license_id"));
	else if (strcmp(field, "name") == 0)
		json_array_append(out, json_object_get(p, "name"));
	return out;
}

static int
fq_field_ok(const char *f)
{
	static const char *const ok[] = { "organization", "tags",
	    "res_format", "license_id", "name", NULL };

	return yw_in_list(ok, f);
}

/*
 * Parses an fq string of terms "field:value" or field:"value", separated
 * by spaces (optionally "+field:..."), into an array of [field, value];
 * NULL when it is malformed or names an unsupported field.
 */
static json_t *
parse_fq(const char *s)
{
	json_t		*out = json_array();
	const char	*p = s, *colon, *v, *e;
	char		 field[32];

	for (;;) {
		while (*p == ' ' || *p == '+')
			p++;
		if (*p == '\0')
			return out;
		colon = strchr(p, ':');
		if (colon == NULL || colon == p || (size_t)(colon - p) >=
		    sizeof(field))
			goto bad;
		memcpy(field, p, (size_t)(colon - p));
		field[colon - p] = '\0';
		if (!fq_field_ok(field))
			goto bad;
		v = colon + 1;
		if (*v == '"') {
			v++;
			e = strchr(v, '"');
			if (e == NULL)
				goto bad;
			p = e + 1;
		} else {
			e = v + strcspn(v, " ");
			p = e;
		}
		if (e == v)
			goto bad;
		json_array_append_new(out, json_pack("[s, s%]", field, v,
		    (size_t)(e - v)));
	}
bad:
	json_decref(out);
	return NULL;
}

static int
matches(json_t *p, json_t *fq)
{
	json_t	*t, *vals, *v;
	size_t	 i, j;
	int	 hit;

	json_array_foreach(fq, i, t) {
		vals = field_values(p, json_string_value(json_array_get(t,
		    0)));
		hit = 0;
		json_array_foreach(vals, j, v)
			if (json_equal(v, json_array_get(t, 1)))
				hit = 1;
		json_decref(vals);
		if (!hit)
			return 0;
	}
	return 1;
}

/* One sort key: field and direction. */
struct sort_key {
	char	field[32];
	int	desc;
};

struct sort_spec {
	struct sort_key	keys[4];
	size_t		n;
};

/* Parses "name asc, metadata_modified desc"; -1 when malformed. */
static int
parse_sort(const char *s, struct sort_spec *sp)
{
	static const char *const fields[] = { "score", "name",
	    "title_string", "title", "metadata_modified",
	    "metadata_created", NULL };
	char		 buf[256], *tok, *save = NULL, *f, *d, *save2 = NULL;

	sp->n = 0;
	if (strlen(s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, strlen(s) + 1);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		f = strtok_r(tok, " ", &save2);
		d = strtok_r(NULL, " ", &save2);
		if (f == NULL || d == NULL || strtok_r(NULL, " ", &save2) !=
		    NULL || !yw_in_list(fields, f) || sp->n == 4 ||
		    (strcmp(d, "asc") != 0 && strcmp(d, "desc") != 0))
			return -1;
		(void)snprintf(sp->keys[sp->n].field, sizeof(sp->keys[0].field),
		    "%s", f);
		sp->keys[sp->n].desc = strcmp(d, "desc") == 0;
		sp->n++;
	}
	return sp->n > 0 ? 0 : -1;
}

/* A package wrapped with its rank for sorting. */
struct ranked {
	json_t	*p;
	size_t	 rank;	/* position in the search's order: 0 = best */
};

static int
cmp_packages(const void *a, const void *b, void *ctx)
{
	const struct ranked	*x = a, *y = b;
	const struct sort_spec	*sp = ctx;
	const char		*k;
	size_t			 i;
	int			 c;

	for (i = 0; i < sp->n; i++) {
		k = sp->keys[i].field;
		if (strcmp(k, "score") == 0)
			c = x->rank < y->rank ? 1 : x->rank > y->rank ? -1 : 0;
		else {
			if (strcmp(k, "title_string") == 0)
				k = "title";
			c = strcmp(str(x->p, k), str(y->p, k));
		}
		if (sp->keys[i].desc)
			c = -c;
		if (c != 0)
			return c;
	}
	return strcmp(str(x->p, "name"), str(y->p, "name"));
}

/* The facets of field over the hits: {value: count} and the items. */
static void
facet(json_t *hits, const char *field, long long limit, long long mincount,
    json_t *facets, json_t *search_facets)
{
	json_t		*counts = json_object(), *titles = json_object();
	json_t		*vals, *v, *p, *items, *kept, *e;
	const char	*k;
	size_t		 i, j, n;

	json_array_foreach(hits, i, p) {
		vals = field_values(p, field);
		json_array_foreach(vals, j, v) {
			k = json_string_value(v);
			if (k == NULL)
				continue;
			json_object_set_new(counts, k, json_integer(
			    json_integer_value(json_object_get(counts, k)) +
			    1));
			if (strcmp(field, "organization") == 0)
				json_object_set(titles, k, json_object_get(
				    json_object_get(p, "organization"),
				    "title"));
			else if (strcmp(field, "license_id") == 0)
				json_object_set(titles, k, json_object_get(p,
				    "license_title"));
		}
		json_decref(vals);
	}
	/* The top limit by count (then name), as Solr gives them... */
	items = json_array();
	json_object_foreach(counts, k, v)
		if (json_integer_value(v) >= mincount)
			json_array_append_new(items, json_pack("{s:s, s:O,"
			    " s:O}", "name", k, "display_name",
			    json_object_get(titles, k) != NULL ?
			    json_object_get(titles, k) : json_string(k),
			    "count", v));
	n = json_array_size(items);
	for (i = 1; i < n; i++)	/* insertion sort: few values */
		for (j = i; j > 0; j--) {
			json_t *a = json_array_get(items, j - 1);
			json_t *b = json_array_get(items, j);
			json_int_t ca = json_integer_value(json_object_get(a,
			    "count")), cb = json_integer_value(
			    json_object_get(b, "count"));

			if (ca > cb || (ca == cb && strcmp(str(a, "name"),
			    str(b, "name")) <= 0))
				break;
			json_incref(a);
			json_array_set(items, j - 1, b);
			json_array_set_new(items, j, a);
		}
	kept = json_object();
	json_array_foreach(items, i, e) {
		if (limit >= 0 && (long long)i >= limit) {
			json_array_remove(items, i);
			i--;
			continue;
		}
		json_object_set(kept, str(e, "name"), json_object_get(e,
		    "count"));
	}
	/* ...then by display_name descending, as CKAN shows them. */
	n = json_array_size(items);
	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			json_t *a = json_array_get(items, j - 1);
			json_t *b = json_array_get(items, j);

			if (strcmp(str(a, "display_name"), str(b,
			    "display_name")) >= 0)
				break;
			json_incref(a);
			json_array_set(items, j - 1, b);
			json_array_set_new(items, j, a);
		}
	json_object_set_new(facets, field, kept);
	json_object_set_new(search_facets, field, json_pack("{s:s, s:o}",
	    "title", field, "items", items));
	json_decref(counts);
	json_decref(titles);
}

static enum yw_err
package_search(struct yw_db *db, const char *base, json_t *params,
    json_t *env, int *status)
{
	json_t		*all = NULL, *fq = NULL, *ff = NULL, *hits, *res, *f;
	json_t		*facets, *sfacets, *fql, *t;
	struct ranked	*rk = NULL;
	struct sort_spec sp;
	const char	*q, *why = NULL, *sort, *text;
	long long	 rows, start, flimit, fmin;
	size_t		 i, n, m;
	int		 bad;
	enum yw_err	 rc = YW_OK;

	if (int_param(params, "rows", YW_CKAN_ROWS_DEFAULT, &rows, &why) < 0) {
		invalid(env, status, "rows", why);
		return YW_OK;
	}
	if (int_param(params, "start", 0, &start, &why) < 0 || start < 0) {
		invalid(env, status, "start", why != NULL ? why :
		    "Must be a natural number");
		return YW_OK;
	}
	if (rows < 0) {
		invalid(env, status, "rows", "Must be a natural number");
		return YW_OK;
	}
	if (rows > YW_CKAN_ROWS_MAX)
		rows = YW_CKAN_ROWS_MAX;
	if (int_param(params, "facet.limit", YW_CKAN_FACET_LIMIT, &flimit,
	    &why) < 0) {
		invalid(env, status, "facet.limit", why);
		return YW_OK;
	}
	if (int_param(params, "facet.mincount", 1, &fmin, &why) < 0) {
		invalid(env, status, "facet.mincount", why);
		return YW_OK;
	}
	ff = list_param(params, "facet.field", &bad);
	if (bad) {
		invalid(env, status, "facet.field",
		    "Could not parse as valid JSON");
		return YW_OK;
	}
	sort = str(params, "sort");
	if (sort[0] == '\0')
		sort = "score desc, metadata_modified desc";
	if (parse_sort(sort, &sp) < 0) {
		fail(env, status, 400, "Search Query Error",
		    "Search Query is invalid: \"Can't determine a Sort Order"
		    " in sort\"");
		goto out;
	}
	/* fq and every entry of fq_list must all hold. */
	fq = json_array();
	fql = list_param(params, "fq_list", &bad);
	if (!bad && str(params, "fq")[0] != '\0') {
		if (fql == NULL)
			fql = json_array();
		json_array_append(fql, json_object_get(params, "fq"));
	}
	json_array_foreach(fql, i, f) {
		t = json_is_string(f) ? parse_fq(json_string_value(f)) : NULL;
		if (t == NULL) {
			bad = 1;
			break;
		}
		json_array_extend(fq, t);
		json_decref(t);
	}
	json_decref(fql);
	if (bad) {
		fail(env, status, 400, "Search Query Error",
		    "Search Query is invalid: fq supports field:value terms"
		    " on organization, tags, res_format, license_id, name");
		goto out;
	}
	q = str(params, "q");
	text = (q[0] == '\0' || strcmp(q, "*:*") == 0) ? NULL : q;
	rc = yw_open_datasets(db, text, &all);
	if (rc == YW_EINVAL) {
		fail(env, status, 400, "Search Query Error",
		    "Search Query is invalid: q is too long");
		rc = YW_OK;
		goto out;
	}
	if (rc != YW_OK)
		goto out;
	n = json_array_size(all);
	rk = calloc(n + 1, sizeof(*rk));
	if (rk == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	for (i = 0, m = 0; i < n; i++) {
		res = package(json_array_get(all, i), base);
		if (!matches(res, fq)) {
			json_decref(res);
			continue;
		}
		rk[m].p = res;
		rk[m].rank = i;
		m++;
	}
	qsort_r(rk, m, sizeof(*rk), cmp_packages, &sp);
	hits = json_array();
	for (i = 0; i < m; i++)
		json_array_append(hits, rk[i].p);
	res = json_pack("{s:I, s:[], s:s}", "count", (json_int_t)m,
	    "results", "sort", sort);
	for (i = (size_t)start; i < m && i < (size_t)(start + rows); i++)
		json_array_append(json_object_get(res, "results"), rk[i].p);
	facets = json_object();
	sfacets = json_object();
	if (bool_param(params, "facet", 1))
		json_array_foreach(ff, i, f)
			if (json_is_string(f))
				facet(hits, json_string_value(f), flimit,
				    fmin, facets, sfacets);
	json_object_set_new(res, "facets", facets);
	json_object_set_new(res, "search_facets", sfacets);
	json_decref(hits);
	for (i = 0; i < m; i++)
		json_decref(rk[i].p);
	json_object_set_new(env, "success", json_true());
	json_object_set_new(env, "result", res);
out:
	free(rk);
	json_decref(all);
	json_decref(fq);
	json_decref(ff);
	return rc;
}

/* The package of id (a name or the package's id), or NULL. */
static json_t *
find_package(json_t *all, const char *base, const char *id)
{
	json_t	*d, *p;
	size_t	 i;

	json_array_foreach(all, i, d) {
		p = package(d, base);
		if (strcmp(str(p, "name"), id) == 0 || strcmp(str(p, "id"),
		    id) == 0)
			return p;
		json_decref(p);
	}
	return NULL;
}

static enum yw_err
package_show(struct yw_db *db, const char *base, json_t *params,
    json_t *env, int *status)
{
	json_t		*all = NULL, *p;
	const char	*id = str(params, "id");
	enum yw_err	 rc;

	if (id[0] == '\0') {
		invalid(env, status, "id", "Missing value");
		return YW_OK;
	}
	rc = yw_open_datasets(db, NULL, &all);
	if (rc != YW_OK)
		return rc;
	p = find_package(all, base, id);
	json_decref(all);
	if (p == NULL) {
		fail(env, status, 404, "Not Found Error", "Not found");
		return YW_OK;
	}
	json_object_set_new(env, "success", json_true());
	json_object_set_new(env, "result", p);
	return YW_OK;
}

static enum yw_err
package_list(struct yw_db *db, json_t *params, json_t *env, int *status)
{
	json_t		*all = NULL, *out, *d;
	long long	 limit, offset;
	const char	*why = NULL;
	size_t		 i;
	enum yw_err	 rc;

	if (int_param(params, "limit", -1, &limit, &why) < 0 || (limit < 0 &&
	    json_object_get(params, "limit") != NULL &&
	    str(params, "limit")[0] != '\0')) {
		invalid(env, status, "limit", why != NULL ? why :
		    "Must be a natural number");
		return YW_OK;
	}
	if (int_param(params, "offset", 0, &offset, &why) < 0 || offset < 0) {
		invalid(env, status, "offset", why != NULL ? why :
		    "Must be a natural number");
		return YW_OK;
	}
	rc = yw_open_datasets(db, NULL, &all);
	if (rc != YW_OK)
		return rc;
	out = json_array();
	json_array_foreach(all, i, d) {
		if ((long long)i < offset)
			continue;
		if (limit >= 0 && (long long)json_array_size(out) >= limit)
			break;
		json_array_append(out, json_object_get(d, "code"));
	}
	json_decref(all);
	json_object_set_new(env, "success", json_true());
	json_object_set_new(env, "result", out);
	return YW_OK;
}

/* Departments as org dicts with their package counts. */
static enum yw_err
org_dicts(struct yw_db *db, const char *base, json_t **out)
{
	json_t		*depts = NULL, *all = NULL, *d, *o, *fake;
	size_t		 i, j;
	json_int_t	 n;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_org_departments(db, NULL, &depts);
	if (rc == YW_OK)
		rc = yw_open_datasets(db, NULL, &all);
	if (rc != YW_OK)
		goto out;
	*out = json_array();
	json_array_foreach(depts, i, d) {
		fake = json_pack("{s:O, s:O, s:O}", "department_code",
		    json_object_get(d, "code"), "department_name",
		    json_object_get(d, "name"), "department_name_en",
		    json_object_get(d, "name_en"));
		o = organization(fake, base);
		json_decref(fake);
		for (j = 0, n = 0; j < json_array_size(all); j++)
			if (strcmp(str(json_array_get(all, j),
			    "department_code"), str(d, "code")) == 0)
				n++;
		json_object_set_new(o, "package_count", json_integer(n));
		json_array_append_new(*out, o);
	}
out:
	json_decref(depts);
	json_decref(all);
	return rc;
}

static int
cmp_orgs(const void *a, const void *b, void *ctx)
{
	json_t		*x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const struct sort_key *k = ctx;
	int		 c;

	if (strcmp(k->field, "package_count") == 0) {
		json_int_t cx = json_integer_value(json_object_get(x,
		    "package_count")), cy = json_integer_value(
		    json_object_get(y, "package_count"));

		c = cx < cy ? -1 : cx > cy;
	} else
		c = strcmp(str(x, k->field), str(y, k->field));
	if (k->desc)
		c = -c;
	return c != 0 ? c : strcmp(str(x, "name"), str(y, "name"));
}

static enum yw_err
organization_list(struct yw_db *db, const char *base, json_t *params,
    json_t *env, int *status)
{
	json_t		*orgs = NULL, *out, **v = NULL, *names;
	struct sort_key	 key;
	const char	*sort = str(params, "sort"), *why = NULL;
	char		 dir[8];
	long long	 limit, offset;
	size_t		 i, n;
	int		 all_fields, bad;
	enum yw_err	 rc;

	all_fields = bool_param(params, "all_fields", 0);
	if (sort[0] == '\0')
		sort = "title asc";
	memset(&key, 0, sizeof(key));
	dir[0] = '\0';
	if (sscanf(sort, "%31s %7s", key.field, dir) < 1 ||
	    (strcmp(key.field, "name") != 0 && strcmp(key.field, "title") !=
	    0 && strcmp(key.field, "package_count") != 0) || (dir[0] !=
	    '\0' && strcmp(dir, "asc") != 0 && strcmp(dir, "desc") != 0)) {
		invalid(env, status, "sort", "Invalid sort");
		return YW_OK;
	}
	key.desc = strcmp(dir, "desc") == 0;
	if (int_param(params, "limit", all_fields ? 25 : 1000, &limit,
	    &why) < 0 || limit < 0) {
		invalid(env, status, "limit", why != NULL ? why :
		    "Must be a natural number");
		return YW_OK;
	}
	if (int_param(params, "offset", 0, &offset, &why) < 0 || offset < 0) {
		invalid(env, status, "offset", why != NULL ? why :
		    "Must be a natural number");
		return YW_OK;
	}
	names = list_param(params, "organizations", &bad);
	rc = org_dicts(db, base, &orgs);
	if (rc != YW_OK) {
		json_decref(names);
		return rc;
	}
	n = json_array_size(orgs);
	v = calloc(n + 1, sizeof(*v));
	if (v == NULL) {
		json_decref(orgs);
		json_decref(names);
		return YW_ENOMEM;
	}
	for (i = 0; i < n; i++)
		v[i] = json_array_get(orgs, i);
	qsort_r(v, n, sizeof(*v), cmp_orgs, &key);
	out = json_array();
	for (i = 0; i < n; i++) {
		if (names != NULL) {
			size_t	 j;
			json_t	*nm;
			int	 hit = 0;

			json_array_foreach(names, j, nm)
				if (json_equal(nm, json_object_get(v[i],
				    "name")))
					hit = 1;
			if (!hit)
				continue;
		}
		json_array_append(out, all_fields ? v[i] : json_object_get(v[i],
		    "name"));
	}
	free(v);
	/* Paging after the filter. */
	while (offset > 0 && json_array_size(out) > 0) {
		json_array_remove(out, 0);
		offset--;
	}
	while ((long long)json_array_size(out) > limit)
		json_array_remove(out, json_array_size(out) - 1);
	json_object_set_new(env, "success", json_true());
	json_object_set_new(env, "result", out);
	json_decref(orgs);
	json_decref(names);
	return YW_OK;
}

static enum yw_err
organization_show(struct yw_db *db, const char *base, json_t *params,
    json_t *env, int *status)
{
	json_t		*orgs = NULL, *o, *found = NULL, *all = NULL, *d, *pk;
	const char	*id = str(params, "id");
	size_t		 i;
	enum yw_err	 rc;

	if (id[0] == '\0') {
		invalid(env, status, "id", "Missing value");
		return YW_OK;
	}
	rc = org_dicts(db, base, &orgs);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(orgs, i, o)
		if (strcmp(str(o, "name"), id) == 0 || strcmp(str(o, "id"),
		    id) == 0)
			found = o;
	if (found == NULL) {
		fail(env, status, 404, "Not Found Error",
		    "Not found: Group not found");
		goto out;
	}
	if (bool_param(params, "include_datasets", 0)) {
		rc = yw_open_datasets(db, NULL, &all);
		if (rc != YW_OK)
			goto out;
		pk = json_array();
		json_array_foreach(all, i, d)
			if (strcmp(str(d, "department_code"), str(found,
			    "name")) == 0)
				json_array_append_new(pk, package(d, base));
		json_object_set_new(found, "packages", pk);
	}
	json_object_set_new(found, "users", json_array());
	json_object_set_new(found, "extras", json_array());
	json_object_set_new(found, "groups", json_array());
	json_object_set_new(found, "tags", json_array());
	json_object_set_new(env, "success", json_true());
	json_object_set(env, "result", found);
out:
	json_decref(all);
	json_decref(orgs);
	return rc;
}

static enum yw_err
tag_list(struct yw_db *db, json_t *params, json_t *env)
{
	json_t		*all = NULL, *seen, *d, *k, *out;
	const char	*q = str(params, "query"), *name;
	size_t		 i, j;
	int		 all_fields = bool_param(params, "all_fields", 0);
	enum yw_err	 rc;

	if (q[0] == '\0')
		q = str(params, "q");
	rc = yw_open_datasets(db, NULL, &all);
	if (rc != YW_OK)
		return rc;
	seen = json_object();
	json_array_foreach(all, i, d)
		json_array_foreach(json_object_get(d, "keywords"), j, k)
			if (q[0] == '\0' || strstr(json_string_value(k), q) !=
			    NULL)
				json_object_set(seen, json_string_value(k), k);
	out = json_array();
	json_object_foreach(seen, name, k)
		json_array_append_new(out, all_fields ? json_pack("{s:o, s:s,"
		    " s:n}", "id", uuid("tag", name), "name", name,
		    "vocabulary_id") : json_string(name));
	json_decref(seen);
	json_decref(all);
	json_object_set_new(env, "success", json_true());
	json_object_set_new(env, "result", out);
	return YW_OK;
}

enum yw_err
yw_ckan_call(struct yw_db *db, const char *base, json_t *site,
    const char *action, json_t *params, int post, int *status, json_t **out)
{
	json_t		*env;
	enum yw_err	 rc = YW_OK;

	*out = NULL;
	*status = 200;
	if (yw_ckan_known(action) == 0)
		return YW_ENOTFOUND;
	env = envelope(base, action);
	if (yw_ckan_known(action) == 2) {
		if (!post) {
			json_decref(env);
			return YW_EMETHOD;
		}
		fail(env, status, 403, "Authorization Error",
		    "Access denied: this portal's CKAN API is read-only");
	} else if (strcmp(action, "package_search") == 0)
		rc = package_search(db, base, params, env, status);
	else if (strcmp(action, "package_show") == 0)
		rc = package_show(db, base, params, env, status);
	else if (strcmp(action, "package_list") == 0)
		rc = package_list(db, params, env, status);
	else if (strcmp(action, "organization_list") == 0)
		rc = organization_list(db, base, params, env, status);
	else if (strcmp(action, "organization_show") == 0)
		rc = organization_show(db, base, params, env, status);
	else if (strcmp(action, "tag_list") == 0)
		rc = tag_list(db, params, env);
	else {
		json_object_set_new(env, "success", json_true());
		json_object_set_new(env, "result", json_pack("{s:s, s:s, s:s,"
		    " s:n, s:s, s:[], s:s}", "site_title", str(site,
		    "platform_name"), "site_description", str(site,
		    "platform_name_en"), "site_url", base, "error_emails_to",
		    "locale_default", "zh_Hans_CN", "extensions",
		    "ckan_version", "2.11.0"));
	}
	if (rc != YW_OK) {
		json_decref(env);
		return rc;
	}
	*out = env;
	return YW_OK;
}
