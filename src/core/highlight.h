/*
 * highlight.h - marks where a search query matches a text, the way the
 * index matched it (core/tokenize.h): a word, a single CJK character, or
 * a CJK run's bigrams at consecutive positions; so what is marked is what
 * was found. Output is HTML-escaped text with <mark>...</mark>. Needs
 * only libc.
 */
#ifndef YW_HIGHLIGHT_H
#define YW_HIGHLIGHT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* The query's terms; from yw_highlight_create, freed by
 * yw_highlight_destroy. Read-only once made. */
struct yw_highlight;

/* Compiles the user's query text (borrowed; NULL only with len 0). A
 * query with no terms marks nothing. Caller destroys *out. YW_ENOMEM. */
enum yw_err	yw_highlight_create(const char *query, size_t len,
		    struct yw_highlight **out);
void		yw_highlight_destroy(struct yw_highlight *h);

/*
 * Appends all of text (borrowed, UTF-8; an ill-formed sequence comes out
 * as U+FFFD) HTML-escaped, with <mark> around each match. Overlapping
 * and touching matches share one mark. YW_ENOMEM.
 */
enum yw_err	yw_highlight_html(const struct yw_highlight *h,
		    const char *text, size_t len, struct yw_buf *out);

/*
 * As yw_highlight_html for a window of about chars characters: from a
 * few characters before the first match (or from the start when nothing
 * matches, or earlier when the text ends first), widened only so as not
 * to cut a mark. "…" stands where the text was cut. YW_ENOMEM.
 */
enum yw_err	yw_highlight_snippet(const struct yw_highlight *h,
		    const char *text, size_t len, size_t chars,
		    struct yw_buf *out);

#endif
