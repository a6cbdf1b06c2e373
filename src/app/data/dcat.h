/*
 * dcat.h - the open data catalogue described in DCAT-AP 3: the catalogue,
 * each open data set (open.h) with its distributions (CSV and JSON, for
 * 无条件开放 only), publishers (foaf:Agent, one per department), licence,
 * contact point, theme (its classification as a skos:Concept), update
 * frequency and dates; served as Turtle and as JSON-LD from one graph.
 * Needs open.h.
 *
 * The graph is an array of nodes in JSON-LD's shape with compact IRIs:
 * {"@id": iri, "@type": ["dcat:Dataset"], "dct:title": [{"@value": s,
 * "@language": "zh"}], "dcat:distribution": [{"@id": iri}], ...}.
 */
#ifndef YW_DCAT_H
#define YW_DCAT_H

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "store/db.h"

/*
 * The graph of the catalogue as a new array (caller owns). base is the
 * site's URL without a trailing '/', site the site settings (borrowed).
 */
enum yw_err	yw_dcat_graph(struct yw_db *db, const char *base, json_t *site,
		    json_t **out);

/* The graph (borrowed) as Turtle, appended to out. */
enum yw_err	yw_dcat_turtle(json_t *graph, struct yw_buf *out);

/*
 * The graph (borrowed) as a new JSON-LD document {"@context", "@graph"}
 * (caller owns) in the terms of the DCAT-AP 3.0.1 reference context
 * ("@type": "Dataset", "title", "releaseDate", "datasetDistribution", ...),
 * whose definitions of the terms used are inline, with the namespace
 * prefixes for what it does not name (vcard:fn, skos:inScheme, xsd
 * datatypes). Inline rather than by the reference's URL: the published
 * 3.0.1 context file is refused by conforming JSON-LD 1.1 processors
 * (jsonld.js, jsonld-streaming-parser: terms like "Xsd:dateTime" map one
 * IRI to another), and a catalogue must parse without a download. Texts
 * keep their language tags as value objects.
 */
json_t	       *yw_dcat_jsonld(json_t *graph);

/*
 * Appends s (UTF-8, borrowed) as a Turtle string literal: in double
 * quotes, with \\ \" \n \r \t escaped and every other control character
 * (U+0000..U+001F, U+007F) as \uXXXX; other characters, Chinese included,
 * as they are.
 */
enum yw_err	yw_dcat_turtle_string(struct yw_buf *out, const char *s);

#endif
