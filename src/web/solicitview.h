/*
 * solicitview.h - the pieces of the solicitation pages that the public
 * and staff handlers (h_solicit.c, h_solicit_staff.c) share: names of
 * phases, outcomes and comment states from the visitor's catalogue
 * (t.solicit.*), and flags Mustache needs. Pages only: for the API these
 * do nothing, so clients get the raw codes.
 */
#ifndef YW_SOLICITVIEW_H
#define YW_SOLICITVIEW_H

#include <jansson.h>

#include "web/web.h"

/* t.solicit.<section>.<key> of r's language (borrowed), or NULL. */
json_t	*yw_web_solicit_text(struct yw_req *r, const char *section,
	    const char *key);
/* Labels one solicitation s (borrowed; a list row or yw_solicit_get's
 * "solicitation") in place: phase_label and is_<phase>, and for its
 * clauses and comments outcome_label, state_label, is_pending. */
void	 yw_web_solicit_labels(struct yw_req *r, json_t *s);
/* The clause choices of a comment form for s (borrowed): a new array of
 * {value, no, is_whole, selected}, the one equal to chosen selected. */
json_t	*yw_web_solicit_clauses(json_t *s, const char *chosen);

#endif
