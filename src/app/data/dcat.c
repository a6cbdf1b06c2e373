/*
 * dcat.c - the DCAT-AP 3 description of the open data catalogue (dcat.h).
 * Controlled vocabularies are the EU Publications Office authority tables
 * (file types, frequencies, access rights, languages) that DCAT-AP names.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/data/dcat.h"
#include "app/data/open.h"

#define EU_AUTH		"http://publications.europa.eu/resource/authority/"
#define CC_BY		"https://creativecommons.org/licenses/by/4.0/"

static const struct {
	const char *prefix, *iri;
} prefixes[] = {
	{ "dcat", "http://www.w3.org/ns/dcat#" },
	{ "dct", "http://purl.org/dc/terms/" },
	{ "foaf", "http://xmlns.com/foaf/0.1/" },
	{ "vcard", "http://www.w3.org/2006/vcard/ns#" },
	{ "skos", "http://www.w3.org/2004/02/skos/core#" },
	{ "xsd", "http://www.w3.org/2001/XMLSchema#" },
};

/* The update cycle as an EU frequency. */
static const struct {
	const char *cycle, *freq;
} freqs[] = {
	{ "realtime", "UPDATE_CONT" }, { "daily", "DAILY" },
	{ "weekly", "WEEKLY" }, { "monthly", "MONTHLY" },
	{ "quarterly", "QUARTERLY" }, { "yearly", "ANNUAL" },
};

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static json_t *
node(json_t *graph, const char *id, const char *type)
{
	json_t *n = json_pack("{s:s, s:[s]}", "@id", id, "@type", type);

	json_array_append_new(graph, n);
	return n;
}

static json_t *
values(json_t *n, const char *pred)
{
	json_t *v = json_object_get(n, pred);

	if (v == NULL) {
		v = json_array();
		json_object_set_new(n, pred, v);
	}
	return v;
}

static void
iri(json_t *n, const char *pred, const char *id)
{
	json_array_append_new(values(n, pred), json_pack("{s:s}", "@id", id));
}

static void
lit(json_t *n, const char *pred, const char *s, const char *lang)
{
	if (s == NULL || s[0] == '\0')
		return;
	if (lang != NULL)
		json_array_append_new(values(n, pred), json_pack("{s:s, s:s}",
		    "@value", s, "@language", lang));
	else
		json_array_append_new(values(n, pred), json_pack("{s:s}",
		    "@value", s));
}

static void
typed(json_t *n, const char *pred, const char *s, const char *type)
{
	json_array_append_new(values(n, pred), json_pack("{s:s, s:s}",
	    "@value", s, "@type", type));
}

static void
datetime(json_t *n, const char *pred, json_t *t)
{
	struct tm	tm;
	time_t		tt;
	char		buf[32];

	if (!json_is_integer(t))
		return;
	tt = (time_t)json_integer_value(t);
	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, sizeof(buf),
	    "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return;
	typed(n, pred, buf, "xsd:dateTime");
}

/* An IRI-named node of a controlled vocabulary, typed once. */
static void
concept(json_t *graph, json_t *seen, const char *id, const char *type)
{
	if (json_object_get(seen, id) != NULL)
		return;
	json_object_set_new(seen, id, json_true());
	node(graph, id, type);
}

static void
distribution(json_t *graph, json_t *seen, json_t *ds, json_t *d,
    const char *base, int csv)
{
	json_t	*n;
	char	 id[512], url[512], page[512];

	(void)snprintf(id, sizeof(id), csv ? "%s/data/%s#csv" : "%s/data/%s#json",
	    base, str(d, "code"));
	iri(ds, "dcat:distribution", id);
	n = node(graph, id, "dcat:Distribution");
	(void)snprintf(page, sizeof(page), "%s/data/%s", base, str(d, "code"));
	iri(n, "dcat:accessURL", page);
	(void)snprintf(url, sizeof(url), csv ? "%s/data/%s.csv" :
	    "%s/api/v1/open/datasets/%s/records", base, str(d, "code"));
	iri(n, "dcat:downloadURL", url);
	lit(n, "dct:title", str(d, "name"), "zh");
	lit(n, "dct:description", csv ? "CSV 文件（UTF-8，含 BOM）" :
	    "JSON 分页接口", "zh");
	iri(n, "dct:format", csv ? EU_AUTH "file-type/CSV" :
	    EU_AUTH "file-type/JSON");
	concept(graph, seen, csv ? EU_AUTH "file-type/CSV" :
	    EU_AUTH "file-type/JSON", "dct:MediaTypeOrExtent");
	iri(n, "dcat:mediaType", csv ?
	    "http://www.iana.org/assignments/media-types/text/csv" :
	    "http://www.iana.org/assignments/media-types/application/json");
	concept(graph, seen, csv ?
	    "http://www.iana.org/assignments/media-types/text/csv" :
	    "http://www.iana.org/assignments/media-types/application/json",
	    "dct:MediaType");
	iri(n, "dct:license", CC_BY);
	datetime(n, "dct:issued", json_object_get(d, "created_at"));
	datetime(n, "dct:modified", json_object_get(d, "updated_at"));
}

static void
dataset(json_t *graph, json_t *seen, json_t *cat, json_t *d,
    const char *base)
{
	json_t		*n, *c, *k;
	const char	*code = str(d, "code"), *f = NULL;
	char		 id[512], agent[512], contact[600], theme[512];
	size_t		 i;
	int		 open = json_is_true(json_object_get(d, "downloadable"));

	(void)snprintf(id, sizeof(id), "%s/data/%s", base, code);
	iri(cat, "dcat:dataset", id);
	n = node(graph, id, "dcat:Dataset");
	typed(n, "dct:identifier", code, "xsd:string");
	lit(n, "dct:title", str(d, "name"), "zh");
	lit(n, "dct:title", str(d, "name_en"), "en");
	lit(n, "dct:description", str(d, "summary"), "zh");
	json_array_foreach(json_object_get(d, "keywords"), i, k)
		lit(n, "dcat:keyword", json_string_value(k), "zh");
	iri(n, "dcat:landingPage", id);
	concept(graph, seen, id, "foaf:Document");
	(void)snprintf(agent, sizeof(agent), "%s/departments/%s", base, str(d,
	    "department_code"));
	iri(n, "dct:publisher", agent);
	if (json_object_get(seen, agent) == NULL) {
		concept(graph, seen, agent, "foaf:Agent");
		c = json_array_get(graph, json_array_size(graph) - 1);
		lit(c, "foaf:name", str(d, "department_name"), "zh");
		lit(c, "foaf:name", str(d, "department_name_en"), "en");
	}
	(void)snprintf(contact, sizeof(contact), "%s#contact", agent);
	iri(n, "dcat:contactPoint", contact);
	if (json_object_get(seen, contact) == NULL) {
		concept(graph, seen, contact, "vcard:Kind");
		c = json_array_get(graph, json_array_size(graph) - 1);
		json_array_append_new(json_object_get(c, "@type"),
		    json_string("vcard:Organization"));
		lit(c, "vcard:fn", str(d, "department_name"), "zh");
		iri(c, "vcard:hasURL", agent);
	}
	(void)snprintf(theme, sizeof(theme), "%s/data/themes#%s", base, str(d,
	    "classification"));
	iri(n, "dcat:theme", theme);
	if (json_object_get(seen, theme) == NULL) {
		concept(graph, seen, theme, "skos:Concept");
		c = json_array_get(graph, json_array_size(graph) - 1);
		lit(c, "skos:prefLabel", str(d, "classification"), "en");
		(void)snprintf(contact, sizeof(contact), "%s/data/themes", base);
		iri(c, "skos:inScheme", contact);
	}
	for (i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++)
		if (strcmp(freqs[i].cycle, str(d, "update_cycle")) == 0)
			f = freqs[i].freq;
	if (f != NULL) {
		(void)snprintf(contact, sizeof(contact), "%sfrequency/%s", EU_AUTH,
		    f);
		iri(n, "dct:accrualPeriodicity", contact);
		concept(graph, seen, contact, "dct:Frequency");
	}
	(void)snprintf(contact, sizeof(contact), "%saccess-right/%s", EU_AUTH,
	    open ? "PUBLIC" : "RESTRICTED");
	iri(n, "dct:accessRights", contact);
	concept(graph, seen, contact, "dct:RightsStatement");
	if (str(d, "published_on")[0] != '\0')
		typed(n, "dct:issued", str(d, "published_on"), "xsd:date");
	datetime(n, "dct:modified", json_object_get(d, "updated_at"));
	if (open) {
		distribution(graph, seen, n, d, base, 1);
		distribution(graph, seen, n, d, base, 0);
	}
}

enum yw_err
yw_dcat_graph(struct yw_db *db, const char *base, json_t *site,
    json_t **out)
{
	json_t		*all = NULL, *graph, *seen, *cat, *pub, *d, *scheme;
	char		 id[512];
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_open_datasets(db, NULL, &all);
	if (rc != YW_OK)
		return rc;
	graph = json_array();
	seen = json_object();
	(void)snprintf(id, sizeof(id), "%s/catalog", base);
	cat = node(graph, id, "dcat:Catalog");
	lit(cat, "dct:title", str(site, "platform_name")[0] != '\0' ?
	    str(site, "platform_name") : "政务数据开放", "zh");
	lit(cat, "dct:title", str(site, "platform_name_en"), "en");
	lit(cat, "dct:description", "政府部门依法开放的公共数据目录。", "zh");
	lit(cat, "dct:description", "Open data published by the government"
	    " departments.", "en");
	(void)snprintf(id, sizeof(id), "%s/#platform", base);
	iri(cat, "dct:publisher", id);
	pub = node(graph, id, "foaf:Agent");
	lit(pub, "foaf:name", str(site, "platform_name")[0] != '\0' ?
	    str(site, "platform_name") : "政务数据开放", "zh");
	(void)snprintf(id, sizeof(id), "%s/data", base);
	iri(cat, "foaf:homepage", id);
	concept(graph, seen, id, "foaf:Document");
	iri(cat, "dct:language", EU_AUTH "language/ZHO");
	concept(graph, seen, EU_AUTH "language/ZHO", "dct:LinguisticSystem");
	iri(cat, "dct:license", CC_BY);
	concept(graph, seen, CC_BY, "dct:LicenseDocument");
	(void)snprintf(id, sizeof(id), "%s/data/themes", base);
	iri(cat, "dcat:themeTaxonomy", id);
	scheme = node(graph, id, "skos:ConceptScheme");
	lit(scheme, "dct:title", "政务信息资源分类", "zh");
	json_array_foreach(all, i, d)
		dataset(graph, seen, cat, d, base);
	json_decref(seen);
	json_decref(all);
	*out = graph;
	return YW_OK;
}

enum yw_err
yw_dcat_turtle_string(struct yw_buf *out, const char *s)
{
	const unsigned char	*p;
	enum yw_err		 rc;

	rc = yw_buf_appendc(out, '"');
	for (p = (const unsigned char *)s; rc == YW_OK && *p != '\0'; p++) {
		switch (*p) {
		case '\\':
			rc = yw_buf_appends(out, "\\\\");
			break;
		case '"':
			rc = yw_buf_appends(out, "\\\"");
			break;
		case '\n':
			rc = yw_buf_appends(out, "\\n");
			break;
		case '\r':
			rc = yw_buf_appends(out, "\\r");
			break;
		case '\t':
			rc = yw_buf_appends(out, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				rc = yw_buf_appendf(out, "\\u%04X",
				    (unsigned)*p);
			else
				rc = yw_buf_appendc(out, (char)*p);
		}
	}
	if (rc == YW_OK)
		rc = yw_buf_appendc(out, '"');
	return rc;
}

/* An object of a triple: <iri> or a literal. */
static enum yw_err
term(struct yw_buf *out, json_t *v)
{
	const char	*id = json_string_value(json_object_get(v, "@id"));
	const char	*lang, *type;
	enum yw_err	 rc;

	if (id != NULL)
		return yw_buf_appendf(out, "<%s>", id);
	rc = yw_dcat_turtle_string(out, str(v, "@value"));
	lang = json_string_value(json_object_get(v, "@language"));
	type = json_string_value(json_object_get(v, "@type"));
	if (rc == YW_OK && lang != NULL)
		rc = yw_buf_appendf(out, "@%s", lang);
	if (rc == YW_OK && type != NULL)
		rc = yw_buf_appendf(out, "^^%s", type);
	return rc;
}

enum yw_err
yw_dcat_turtle(json_t *graph, struct yw_buf *out)
{
	json_t		*n, *vals, *v;
	const char	*k;
	size_t		 i, j;
	enum yw_err	 rc = YW_OK;

	for (i = 0; rc == YW_OK && i < sizeof(prefixes) /
	    sizeof(prefixes[0]); i++)
		rc = yw_buf_appendf(out, "@prefix %s: <%s> .\n",
		    prefixes[i].prefix, prefixes[i].iri);
	json_array_foreach(graph, i, n) {
		if (rc == YW_OK)
			rc = yw_buf_appendf(out, "\n<%s> a", str(n, "@id"));
		json_array_foreach(json_object_get(n, "@type"), j, v)
			if (rc == YW_OK)
				rc = yw_buf_appendf(out, "%s %s", j > 0 ?
				    "," : "", json_string_value(v));
		json_object_foreach(n, k, vals) {
			if (k[0] == '@')
				continue;
			if (rc == YW_OK)
				rc = yw_buf_appendf(out, " ;\n    %s ", k);
			json_array_foreach(vals, j, v) {
				if (rc == YW_OK && j > 0)
					rc = yw_buf_appends(out, ", ");
				if (rc == YW_OK)
					rc = term(out, v);
			}
		}
		if (rc == YW_OK)
			rc = yw_buf_appends(out, " .\n");
	}
	return rc;
}

/* Classes as the reference context names them (its term for the IRI). */
static const struct {
	const char *curie, *term;
} ref_types[] = {
	{ "dcat:Catalog", "Catalogue" }, { "dcat:Dataset", "Dataset" },
	{ "dcat:Distribution", "Distribution" }, { "foaf:Agent", "Agent" },
	{ "foaf:Document", "Document" }, { "vcard:Kind", "Kind" },
	{ "skos:ConceptScheme", "ConceptScheme" }, { "skos:Concept", "Concept" },
	{ "dct:LinguisticSystem", "LinguisticSystem" },
	{ "dct:LicenseDocument", "LicenceDocument" },
	{ "dct:Frequency", "Frequency" }, { "dct:RightsStatement",
	  "RightsStatement" }, { "dct:MediaTypeOrExtent", "MediaTypeOrExtent" },
	{ "dct:MediaType", "MediaType" },
};

/* Properties as the reference context's type-scoped contexts name them:
 * only inside a node of that class does the term mean the property. */
static const struct {
	const char *type, *curie, *term;
} ref_props[] = {
	{ "dcat:Catalog", "dcat:dataset", "dataset" },
	{ "dcat:Catalog", "dcat:themeTaxonomy", "themes" },
	{ "dcat:Catalog", "dct:description", "description" },
	{ "dcat:Catalog", "dct:language", "language" },
	{ "dcat:Catalog", "dct:license", "licence" },
	{ "dcat:Catalog", "dct:publisher", "publisher" },
	{ "dcat:Catalog", "dct:title", "title" },
	{ "dcat:Catalog", "dct:issued", "releaseDate" },
	{ "dcat:Catalog", "dct:modified", "modificationDate" },
	{ "dcat:Catalog", "foaf:homepage", "homepage" },
	{ "foaf:Agent", "foaf:name", "name" },
	{ "skos:ConceptScheme", "dct:title", "title" },
	{ "skos:Concept", "skos:prefLabel", "preferredLabel" },
	{ "dcat:Dataset", "dcat:contactPoint", "contactPoint" },
	{ "dcat:Dataset", "dcat:distribution", "datasetDistribution" },
	{ "dcat:Dataset", "dcat:keyword", "keyword" },
	{ "dcat:Dataset", "dcat:landingPage", "landingPage" },
	{ "dcat:Dataset", "dcat:theme", "theme" },
	{ "dcat:Dataset", "dct:accessRights", "accessRights" },
	{ "dcat:Dataset", "dct:accrualPeriodicity", "frequency" },
	{ "dcat:Dataset", "dct:description", "description" },
	{ "dcat:Dataset", "dct:identifier", "identifier" },
	{ "dcat:Dataset", "dct:issued", "releaseDate" },
	{ "dcat:Dataset", "dct:modified", "modificationDate" },
	{ "dcat:Dataset", "dct:publisher", "publisher" },
	{ "dcat:Dataset", "dct:title", "title" },
	{ "dcat:Dataset", "dct:language", "language" },
	{ "dcat:Distribution", "dcat:accessURL", "accessUrl" },
	{ "dcat:Distribution", "dcat:downloadURL", "downloadUrl" },
	{ "dcat:Distribution", "dcat:mediaType", "mediaType" },
	{ "dcat:Distribution", "dct:description", "description" },
	{ "dcat:Distribution", "dct:format", "format" },
	{ "dcat:Distribution", "dct:issued", "releaseDate" },
	{ "dcat:Distribution", "dct:license", "licence" },
	{ "dcat:Distribution", "dct:modified", "modificationDate" },
	{ "dcat:Distribution", "dct:title", "title" },
};

static const char *
ref_type(const char *curie)
{
	size_t i;

	for (i = 0; i < sizeof(ref_types) / sizeof(ref_types[0]); i++)
		if (strcmp(ref_types[i].curie, curie) == 0)
			return ref_types[i].term;
	return curie;
}

static const char *
ref_prop(const char *type, const char *curie)
{
	size_t i;

	for (i = 0; i < sizeof(ref_props) / sizeof(ref_props[0]); i++)
		if (strcmp(ref_props[i].type, type) == 0 &&
		    strcmp(ref_props[i].curie, curie) == 0)
			return ref_props[i].term;
	return curie;
}

/* curie with a known prefix as a new full IRI string. */
static json_t *
expand(const char *curie)
{
	const char	*colon = strchr(curie, ':');
	size_t		 i;

	for (i = 0; colon != NULL && i < sizeof(prefixes) /
	    sizeof(prefixes[0]); i++)
		if (strlen(prefixes[i].prefix) == (size_t)(colon - curie) &&
		    strncmp(prefixes[i].prefix, curie, (size_t)(colon -
		    curie)) == 0)
			return json_sprintf("%s%s", prefixes[i].iri, colon + 1);
	return json_string(curie);
}

/* The inline context: the prefixes, and the reference context's
 * definitions of the classes and (type-scoped) properties used. */
static json_t *
context(void)
{
	json_t	*ctx, *scoped, *def;
	size_t	 i, j;

	ctx = json_pack("{s:f}", "@version", 1.1);
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		json_object_set_new(ctx, prefixes[i].prefix, json_string(
		    prefixes[i].iri));
	for (i = 0; i < sizeof(ref_types) / sizeof(ref_types[0]); i++) {
		scoped = json_object();
		for (j = 0; j < sizeof(ref_props) / sizeof(ref_props[0]); j++)
			if (strcmp(ref_props[j].type, ref_types[i].curie) == 0)
				json_object_set_new(scoped, ref_props[j].term,
				    json_pack("{s:o}", "@id",
				    expand(ref_props[j].curie)));
		if (json_object_size(scoped) == 0) {
			json_decref(scoped);
			def = expand(ref_types[i].curie);
		} else
			def = json_pack("{s:o, s:o}", "@id",
			    expand(ref_types[i].curie), "@context", scoped);
		json_object_set_new(ctx, ref_types[i].term, def);
	}
	return ctx;
}

json_t *
yw_dcat_jsonld(json_t *graph)
{
	json_t		*out, *n, *m, *types, *v;
	const char	*k, *scope;
	size_t		 i, j;

	out = json_array();
	json_array_foreach(graph, i, n) {
		types = json_array();
		json_array_foreach(json_object_get(n, "@type"), j, v)
			json_array_append_new(types, json_string(ref_type(
			    json_string_value(v))));
		/* The first class's scoped context names the properties. */
		scope = json_string_value(json_array_get(json_object_get(n,
		    "@type"), 0));
		m = json_pack("{s:O, s:o}", "@id", json_object_get(n, "@id"),
		    "@type", types);
		json_object_foreach(n, k, v)
			if (k[0] != '@')
				json_object_set(m, scope != NULL ?
				    ref_prop(scope, k) : k, v);
		json_array_append_new(out, m);
	}
	return json_pack("{s:o, s:o}", "@context", context(), "@graph", out);
}
