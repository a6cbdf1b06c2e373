#include <string.h>

#include "app/service/case_state.h"

static const char *const state_names[YW_CASE_NSTATES] = {
	"submitted", "accepted", "refused", "under_review",
	"supplement_requested", "approved", "denied", "completed", "withdrawn",
};

static const char *const event_names[YW_CASE_NEVENTS] = {
	"accept", "refuse", "review", "request_supplement", "supplement",
	"approve", "deny", "complete", "withdraw",
};

/* The whole life cycle; anything not listed is illegal. */
static const struct {
	enum yw_case_state	from;
	enum yw_case_event	event;
	enum yw_case_party	by;
	enum yw_case_state	to;
} moves[] = {
	{ YW_CASE_SUBMITTED, YW_CASE_EV_ACCEPT, YW_CASE_BY_HANDLER,
	  YW_CASE_ACCEPTED },
	{ YW_CASE_SUBMITTED, YW_CASE_EV_REFUSE, YW_CASE_BY_HANDLER,
	  YW_CASE_REFUSED },
	{ YW_CASE_SUBMITTED, YW_CASE_EV_WITHDRAW, YW_CASE_BY_APPLICANT,
	  YW_CASE_WITHDRAWN },
	{ YW_CASE_ACCEPTED, YW_CASE_EV_REVIEW, YW_CASE_BY_HANDLER,
	  YW_CASE_UNDER_REVIEW },
	{ YW_CASE_ACCEPTED, YW_CASE_EV_REQUEST_SUPPLEMENT, YW_CASE_BY_HANDLER,
	  YW_CASE_SUPPLEMENT },
	{ YW_CASE_UNDER_REVIEW, YW_CASE_EV_REQUEST_SUPPLEMENT,
	  YW_CASE_BY_HANDLER, YW_CASE_SUPPLEMENT },
	{ YW_CASE_UNDER_REVIEW, YW_CASE_EV_APPROVE, YW_CASE_BY_HANDLER,
	  YW_CASE_APPROVED },
	{ YW_CASE_UNDER_REVIEW, YW_CASE_EV_DENY, YW_CASE_BY_HANDLER,
	  YW_CASE_DENIED },
	{ YW_CASE_SUPPLEMENT, YW_CASE_EV_SUPPLEMENT, YW_CASE_BY_APPLICANT,
	  YW_CASE_UNDER_REVIEW },
	{ YW_CASE_SUPPLEMENT, YW_CASE_EV_WITHDRAW, YW_CASE_BY_APPLICANT,
	  YW_CASE_WITHDRAWN },
	{ YW_CASE_APPROVED, YW_CASE_EV_COMPLETE, YW_CASE_BY_HANDLER,
	  YW_CASE_COMPLETED },
	{ YW_CASE_DENIED, YW_CASE_EV_COMPLETE, YW_CASE_BY_HANDLER,
	  YW_CASE_COMPLETED },
};

const char *
yw_case_state_name(enum yw_case_state s)
{
	return (unsigned)s < YW_CASE_NSTATES ? state_names[s] : NULL;
}

const char *
yw_case_event_name(enum yw_case_event e)
{
	return (unsigned)e < YW_CASE_NEVENTS ? event_names[e] : NULL;
}

enum yw_err
yw_case_state_parse(const char *name, enum yw_case_state *s)
{
	int i;

	for (i = 0; i < YW_CASE_NSTATES; i++) {
		if (strcmp(state_names[i], name) == 0) {
			*s = (enum yw_case_state)i;
			return YW_OK;
		}
	}
	return YW_EINVAL;
}

enum yw_err
yw_case_event_parse(const char *name, enum yw_case_event *e)
{
	int i;

	for (i = 0; i < YW_CASE_NEVENTS; i++) {
		if (strcmp(event_names[i], name) == 0) {
			*e = (enum yw_case_event)i;
			return YW_OK;
		}
	}
	return YW_EINVAL;
}

int
yw_case_event_needs_reason(enum yw_case_event e)
{
	return e == YW_CASE_EV_REFUSE || e == YW_CASE_EV_REQUEST_SUPPLEMENT ||
	    e == YW_CASE_EV_DENY;
}

enum yw_err
yw_case_next(enum yw_case_state s, enum yw_case_event e,
    enum yw_case_party p, int has_reason, enum yw_case_state *next)
{
	size_t	i;
	int	applies;

	applies = 0;
	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		if (moves[i].from != s || moves[i].event != e)
			continue;
		applies = 1;
		if (moves[i].by != p)
			continue;
		if (yw_case_event_needs_reason(e) && !has_reason)
			return YW_EINVAL;
		*next = moves[i].to;
		return YW_OK;
	}
	return applies ? YW_EFORBIDDEN : YW_ECONFLICT;
}

int
yw_case_clock_runs(enum yw_case_state s)
{
	return s == YW_CASE_ACCEPTED || s == YW_CASE_UNDER_REVIEW;
}

int
yw_case_terminal(enum yw_case_state s)
{
	return s == YW_CASE_REFUSED || s == YW_CASE_COMPLETED ||
	    s == YW_CASE_WITHDRAWN;
}
