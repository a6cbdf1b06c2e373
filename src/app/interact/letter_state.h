/*
 * letter_state.h - the life cycle of a letter (诉求) as a pure table:
 * which event may move which state, who may send it and whether it needs
 * a reason. No storage; letter.c asks this module before every change.
 *
 *   received --assign--> assigned --start--> in_progress     (staff)
 *   received | assigned | in_progress --reply--> replied     (text)
 *   received | assigned | in_progress --transfer--> received (转办,
 *       reason; to another department, counted and limited by letter.c)
 *   received | assigned | in_progress --return--> received   (退回 to the
 *       routing office, reason)
 *   received | assigned | in_progress --supplement--> itself (补充, writer)
 *   replied --rate--> closed                                 (writer)
 *   replied --reopen--> in_progress     (writer, unsatisfied; once: letter.c)
 *   replied --close--> closed                                (staff)
 */
#ifndef YW_LETTER_STATE_H
#define YW_LETTER_STATE_H

#include "core/err.h"

enum yw_letter_state {
	YW_LETTER_RECEIVED,
	YW_LETTER_ASSIGNED,
	YW_LETTER_IN_PROGRESS,
	YW_LETTER_REPLIED,
	YW_LETTER_CLOSED,
	YW_LETTER_NSTATES
};

enum yw_letter_event {
	YW_LETTER_EV_ASSIGN,
	YW_LETTER_EV_START,
	YW_LETTER_EV_REPLY,
	YW_LETTER_EV_TRANSFER,
	YW_LETTER_EV_RETURN,
	YW_LETTER_EV_SUPPLEMENT,
	YW_LETTER_EV_RATE,
	YW_LETTER_EV_REOPEN,
	YW_LETTER_EV_CLOSE,
	YW_LETTER_NEVENTS
};

enum yw_letter_party {
	YW_LETTER_BY_STAFF,
	YW_LETTER_BY_WRITER
};

/* Stable names ("received", "transfer"); NULL when out of range. */
const char	*yw_letter_state_name(enum yw_letter_state s);
const char	*yw_letter_event_name(enum yw_letter_event e);
/* YW_EINVAL for an unknown name. */
enum yw_err	 yw_letter_state_parse(const char *name,
		     enum yw_letter_state *s);
enum yw_err	 yw_letter_event_parse(const char *name,
		     enum yw_letter_event *e);

/* 1 when e needs a reason or text (reply, transfer, return, supplement,
 * reopen). */
int		 yw_letter_event_needs_reason(enum yw_letter_event e);

/*
 * The state after event e sent by party p in state s: YW_OK with *next;
 * YW_ECONFLICT when e is not possible in s at all, YW_EFORBIDDEN when it
 * is but not for p, YW_EINVAL when it needs a reason and has_reason is 0.
 */
enum yw_err	 yw_letter_next(enum yw_letter_state s,
		     enum yw_letter_event e, enum yw_letter_party p,
		     int has_reason, enum yw_letter_state *next);

/* 1 while the reply clock runs (not yet replied). */
int		 yw_letter_open(enum yw_letter_state s);

#endif
