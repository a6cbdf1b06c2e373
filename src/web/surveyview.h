/*
 * surveyview.h - the pieces of survey pages that the public and staff
 * handlers (h_survey.c, h_survey_staff.c) share: words from the visitor's
 * catalogue (t.survey.*), status labels, and error messages placed next
 * to the question they belong to. Pages only: for the API the labelling
 * functions do nothing, so clients get the raw codes.
 */
#ifndef YW_SURVEYVIEW_H
#define YW_SURVEYVIEW_H

#include <jansson.h>

#include "web/web.h"

/* t.survey.<key> of r's language as a string, "" when missing. */
const char	*yw_web_survey_word(struct yw_req *r, const char *key);
/* t.error.<code> of r's language, "" when missing. */
const char	*yw_web_error_text(struct yw_req *r, const char *code);
/* Labels a survey object s (borrowed) in place: status_label, is_<status>
 * flags, results_label. */
void		 yw_web_survey_labels(struct yw_req *r, json_t *s);
/* Merges a list of surveys v (takes ownership: {surveys: [...]}) into vm
 * with each survey labelled, and has_surveys. */
void		 yw_web_survey_list(struct yw_req *r, json_t *vm, json_t *v);
/* "12.5%" from tenths of a percent (arena-owned). */
const char	*yw_web_percent(struct yw_req *r, int64_t tenths);

#endif
