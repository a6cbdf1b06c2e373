/*
 * jsonlift.h - parsing a JSON body whose large string values (files in
 * base64) stay in the text instead of passing through jansson's lexer,
 * which copies and checks one byte at a time (~0.9 ms for the 68 KB of a
 * 50 KB file). Needs jansson; the text is only read.
 */
#ifndef YW_JSONLIFT_H
#define YW_JSONLIFT_H

#include <stddef.h>

#include <jansson.h>

/* A lifted string: its bytes in the text (no quotes, no escapes). */
struct yw_jlift {
	const char	*p;
	size_t		 len;
};

/* Strings shorter than this are parsed as usual. */
#define YW_JLIFT_MIN	256

/*
 * Parses text[0..len) as json_loadb(..., JSON_REJECT_DUPLICATES, NULL)
 * does, except that up to max string values of members named key, each
 * at least YW_JLIFT_MIN bytes of printable ASCII without a backslash, are
 * left out: the tree holds a placeholder in their place, which
 * yw_jlift_get turns into the span (stored in lifts[0..*n)), and which
 * json_string_value reads as "". The caller must resolve every
 * placeholder or refuse the body: never store a tree that holds one.
 * Returns a new reference (caller owns), or NULL (and *n 0) exactly when
 * json_loadb would. text must outlive the spans.
 */
json_t	*yw_jlift_load(const char *text, size_t len, const char *key,
	    struct yw_jlift *lifts, size_t max, size_t *n);

/* 1 and the span in *out when v is a placeholder of lifts[0..n), else 0. */
int	 yw_jlift_get(json_t *v, const struct yw_jlift *lifts, size_t n,
	    struct yw_jlift *out);

/* A copy of v (new reference) with every placeholder of lifts[0..n)
 * replaced by its string: the tree json_loadb gives. For a caller that
 * needs the whole tree, and for tests. */
json_t	*yw_jlift_resolve(json_t *v, const struct yw_jlift *lifts, size_t n);

#endif
