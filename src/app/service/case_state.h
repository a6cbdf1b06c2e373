/*
 * case_state.h - the life cycle of a case (办件) and of each department's
 * task in it, as a pure table: which event may move which state, who may
 * send it, whether a reason is required, and whether the deadline clock
 * runs. No storage; the case store asks this module before every change.
 *
 *   submitted --accept--> accepted --review--> under_review
 *   submitted --refuse--> refused                  (不予受理, reason)
 *   accepted | under_review --request_supplement--> supplement_requested
 *                                                  (补正, reason; clock stops)
 *   supplement_requested --supplement--> under_review (the applicant answers)
 *   under_review --approve--> approved | --deny--> denied (reason)
 *   approved | denied --complete--> completed      (办结)
 *   submitted | supplement_requested --withdraw--> withdrawn (applicant)
 */
#ifndef YW_CASE_STATE_H
#define YW_CASE_STATE_H

#include "core/err.h"

enum yw_case_state {
	YW_CASE_SUBMITTED,
	YW_CASE_ACCEPTED,
	YW_CASE_REFUSED,
	YW_CASE_UNDER_REVIEW,
	YW_CASE_SUPPLEMENT,
	YW_CASE_APPROVED,
	YW_CASE_DENIED,
	YW_CASE_COMPLETED,
	YW_CASE_WITHDRAWN,
	YW_CASE_NSTATES
};

enum yw_case_event {
	YW_CASE_EV_ACCEPT,
	YW_CASE_EV_REFUSE,
	YW_CASE_EV_REVIEW,
	YW_CASE_EV_REQUEST_SUPPLEMENT,
	YW_CASE_EV_SUPPLEMENT,
	YW_CASE_EV_APPROVE,
	YW_CASE_EV_DENY,
	YW_CASE_EV_COMPLETE,
	YW_CASE_EV_WITHDRAW,
	YW_CASE_NEVENTS
};

enum yw_case_party {
	YW_CASE_BY_APPLICANT,
	YW_CASE_BY_HANDLER	/* staff of the department the task belongs to */
};

/* Stable names ("submitted", "accept", ...) for storage and the API;
 * static strings, NULL when out of range. */
const char	*yw_case_state_name(enum yw_case_state s);
const char	*yw_case_event_name(enum yw_case_event e);
/* Parses a name; YW_EINVAL when unknown. */
enum yw_err	 yw_case_state_parse(const char *name, enum yw_case_state *s);
enum yw_err	 yw_case_event_parse(const char *name, enum yw_case_event *e);

/*
 * The state event e leads to from s when sent by party p. YW_ECONFLICT when
 * e does not apply to s (an illegal transition), YW_EFORBIDDEN when it
 * applies but not from this party, YW_EINVAL when it needs a reason and
 * has_reason is 0.
 */
enum yw_err	 yw_case_next(enum yw_case_state s, enum yw_case_event e,
		     enum yw_case_party p, int has_reason,
		     enum yw_case_state *next);

/* 1 when e must carry a reason (refuse, request_supplement, deny). */
int		 yw_case_event_needs_reason(enum yw_case_event e);
/* 1 while the working-day clock runs: accepted and under review. Before
 * acceptance the statutory clock has not started; 补正 stops it. */
int		 yw_case_clock_runs(enum yw_case_state s);
/* 1 for states no event leaves. */
int		 yw_case_terminal(enum yw_case_state s);

#endif
