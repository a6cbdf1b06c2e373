/*
 * solicit_clock.h - the clock of an opinion solicitation (意见征集) as a
 * pure function of its days, the working-day calendar and the time now:
 * whether it takes comments, and whether its feedback (采纳情况) is late.
 * No storage and no job: every reader computes the phase, so a
 * solicitation closes itself at its deadline. Needs core/workday.
 *
 *   draft      not published
 *   upcoming   published, before the opening day
 *   open       from the opening day through the closing day, both
 *              included (Asia/Shanghai days)
 *   closed     after the closing day, feedback not yet published
 *   answered   feedback published
 *
 * The feedback is due feedback_days working days after the closing day
 * (core/workday.h's counting: the closing day itself never counts). A
 * closed solicitation is overdue once today is past the due day; an
 * answered one is late when its feedback was published after it.
 */
#ifndef YW_SOLICIT_CLOCK_H
#define YW_SOLICIT_CLOCK_H

#include <stdint.h>

#include "core/err.h"
#include "core/workday.h"

#define YW_SOLICIT_FEEDBACK_DAYS	15	/* the default */
#define YW_SOLICIT_FEEDBACK_DAYS_MAX	60

enum yw_solicit_phase {
	YW_SOLICIT_DRAFT,
	YW_SOLICIT_UPCOMING,
	YW_SOLICIT_OPEN,
	YW_SOLICIT_CLOSED,
	YW_SOLICIT_ANSWERED
};

struct yw_solicit_clock {
	enum yw_solicit_phase	phase;
	int32_t			feedback_due;	/* day number */
	int			overdue;	/* closed, past feedback_due */
	int			late;		/* answered after feedback_due */
	int			days_left;	/* open: calendar days to the
						 * closing day (0 on it);
						 * closed: working days to
						 * feedback_due (< 0 past it) */
};

/*
 * The clock on now (UTC seconds) of a solicitation open from open_day to
 * close_day (day numbers, open_day <= close_day), published when
 * published is not 0, whose feedback was published at feedback_at (UTC
 * seconds; 0 when not yet). cal is borrowed. YW_EINVAL for days out of
 * order or feedback_days outside 1..YW_SOLICIT_FEEDBACK_DAYS_MAX.
 */
enum yw_err	yw_solicit_clock(const struct yw_workday_cal *cal,
		    int published, int32_t open_day, int32_t close_day,
		    int feedback_days, int64_t feedback_at, int64_t now,
		    struct yw_solicit_clock *out);

/* The phase's stable name ("open"); NULL when out of range. */
const char	*yw_solicit_phase_name(enum yw_solicit_phase p);

/* 1 while the text may still change: a draft, or published and not yet
 * open. */
int		 yw_solicit_editable(enum yw_solicit_phase p);

#endif
