/*
 * letterview.h - the pieces of a letter's pages that the public, writer
 * and staff handlers (h_letter.c, h_letter_staff.c) share: names of
 * channels, categories, states and timeline events from the visitor's
 * catalogue (t.interact.*), and the deadline light flags. Pages only: for
 * the API these do nothing, so clients get the raw codes.
 */
#ifndef YW_LETTERVIEW_H
#define YW_LETTERVIEW_H

#include <jansson.h>

#include "web/web.h"

/* t.interact.<section>.<key> of r's language (borrowed), or NULL. */
json_t	*yw_web_letter_text(struct yw_req *r, const char *section,
	    const char *key);
/* Labels one letter row l (borrowed) in place: channel_label,
 * category_label, state_label, closed, light flags, matter_label. */
void	 yw_web_letter_labels(struct yw_req *r, json_t *l);
/* Labels yw_letter_get's view in vm: its letter and its timeline. */
void	 yw_web_letter_view_labels(struct yw_req *r, json_t *vm);
/* A new array (caller owns) of {value, label, selected} for the NULL-
 * terminated values, labelled from t.interact.<section>. */
json_t	*yw_web_letter_choices(struct yw_req *r, const char *section,
	    const char *const *values, json_t *form, const char *field);

/* A fresh form token (32 hex characters, arena-owned): the idempotency
 * key of the one record a form creates, so a retried submit makes one. */
const char *yw_web_form_token(struct yw_req *r);
/* Puts into vm (borrowed) the knowledge base's suggestions for text
 * (borrowed, cut to a search's length): suggestions, has_suggestions
 * (h_kb.c). */
enum yw_err yw_web_kb_suggest(struct yw_req *r, const char *text,
	    json_t *vm);

#endif
