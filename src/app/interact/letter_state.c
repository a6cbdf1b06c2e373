#include <string.h>

#include "app/interact/letter_state.h"

static const char *const state_names[YW_LETTER_NSTATES] = {
	"received", "assigned", "in_progress", "replied", "closed",
};

static const char *const event_names[YW_LETTER_NEVENTS] = {
	"assign", "start", "reply", "transfer", "return", "supplement",
	"rate", "reopen", "close",
};

#define R	YW_LETTER_RECEIVED
#define A	YW_LETTER_ASSIGNED
#define P	YW_LETTER_IN_PROGRESS
#define D	YW_LETTER_REPLIED
#define C	YW_LETTER_CLOSED
#define STAFF	YW_LETTER_BY_STAFF
#define WRITER	YW_LETTER_BY_WRITER

/* The whole life cycle; anything not listed is illegal. */
static const struct {
	enum yw_letter_state	from;
	enum yw_letter_event	event;
	enum yw_letter_party	by;
	enum yw_letter_state	to;
} moves[] = {
	{ R, YW_LETTER_EV_ASSIGN, STAFF, A },
	{ A, YW_LETTER_EV_START, STAFF, P },
	{ R, YW_LETTER_EV_REPLY, STAFF, D },
	{ A, YW_LETTER_EV_REPLY, STAFF, D },
	{ P, YW_LETTER_EV_REPLY, STAFF, D },
	{ R, YW_LETTER_EV_TRANSFER, STAFF, R },
	{ A, YW_LETTER_EV_TRANSFER, STAFF, R },
	{ P, YW_LETTER_EV_TRANSFER, STAFF, R },
	{ R, YW_LETTER_EV_RETURN, STAFF, R },
	{ A, YW_LETTER_EV_RETURN, STAFF, R },
	{ P, YW_LETTER_EV_RETURN, STAFF, R },
	{ R, YW_LETTER_EV_SUPPLEMENT, WRITER, R },
	{ A, YW_LETTER_EV_SUPPLEMENT, WRITER, A },
	{ P, YW_LETTER_EV_SUPPLEMENT, WRITER, P },
	{ D, YW_LETTER_EV_RATE, WRITER, C },
	{ D, YW_LETTER_EV_REOPEN, WRITER, P },
	{ D, YW_LETTER_EV_CLOSE, STAFF, C },
};

const char *
yw_letter_state_name(enum yw_letter_state s)
{
	return (unsigned)s < YW_LETTER_NSTATES ? state_names[s] : NULL;
}

const char *
yw_letter_event_name(enum yw_letter_event e)
{
	return (unsigned)e < YW_LETTER_NEVENTS ? event_names[e] : NULL;
}

enum yw_err
yw_letter_state_parse(const char *name, enum yw_letter_state *s)
{
	int i;

	for (i = 0; name != NULL && i < YW_LETTER_NSTATES; i++) {
		if (strcmp(state_names[i], name) == 0) {
			*s = (enum yw_letter_state)i;
			return YW_OK;
		}
	}
	return YW_EINVAL;
}

enum yw_err
yw_letter_event_parse(const char *name, enum yw_letter_event *e)
{
	int i;

	for (i = 0; name != NULL && i < YW_LETTER_NEVENTS; i++) {
		if (strcmp(event_names[i], name) == 0) {
			*e = (enum yw_letter_event)i;
			return YW_OK;
		}
	}
	return YW_EINVAL;
}

int
yw_letter_event_needs_reason(enum yw_letter_event e)
{
	return e == YW_LETTER_EV_REPLY || e == YW_LETTER_EV_TRANSFER ||
	    e == YW_LETTER_EV_RETURN || e == YW_LETTER_EV_SUPPLEMENT ||
	    e == YW_LETTER_EV_REOPEN;
}

enum yw_err
yw_letter_next(enum yw_letter_state s, enum yw_letter_event e,
    enum yw_letter_party p, int has_reason, enum yw_letter_state *next)
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
		if (yw_letter_event_needs_reason(e) && !has_reason)
			return YW_EINVAL;
		*next = moves[i].to;
		return YW_OK;
	}
	return applies ? YW_EFORBIDDEN : YW_ECONFLICT;
}

int
yw_letter_open(enum yw_letter_state s)
{
	return s == R || s == A || s == P;
}
