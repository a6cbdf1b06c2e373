/*
 * interviewview.h - what the public and staff pages of an online
 * interview (h_interview.c, h_interview_staff.c) share: the phase as
 * flags and a name from the visitor's catalogue (t.interview.*), and the
 * names of question states. Pages only: the API keeps the raw codes.
 */
#ifndef YW_INTERVIEWVIEW_H
#define YW_INTERVIEWVIEW_H

#include <jansson.h>

#include "web/web.h"

/* Labels yw_interview_get's view in vm (borrowed) in place: is_upcoming,
 * is_live, is_ended and phase_label on vm, state_label on each of mine. */
void	yw_web_interview_labels(struct yw_req *r, json_t *vm);
/* Labels yw_interview_list's lists in vm (borrowed) in place: each
 * interview's phase_label. */
void	yw_web_interview_list_labels(struct yw_req *r, json_t *vm);

#endif
