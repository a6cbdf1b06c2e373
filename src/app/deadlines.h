/*
 * deadlines.h - the open clocks of every domain follow a change of the
 * holiday calendar. Time limits count working days (DOMAIN.md): when a
 * year's holidays or adjusted working days change, a limit still running
 * keeps the working days it had left after today (core/workday.h,
 * yw_workday_follow), so its due day moves later when a working day
 * becomes a holiday and earlier when one is given back. The clocks: case
 * tasks in the queue, open rectifications after a bad rating, open
 * letters, data-sharing requests under review or awaiting the provider.
 * Days already spent, and limits due today or before, stay as they were.
 */
#ifndef YW_DEADLINES_H
#define YW_DEADLINES_H

#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

/*
 * Inside the caller's transaction (the one that changed the calendar;
 * app/calendar.h, yw_calendar_set_year_then): moves every open clock from
 * before to after as of now's day and, when any moved, audits
 * "calendar.deadlines_moved" for calendar_year/<year> as a, with the
 * count per clock and the first moves.
 */
enum yw_err	yw_deadlines_follow(struct yw_db *db, const struct yw_actor *a,
		    int year, const struct yw_workday_cal *before,
		    const struct yw_workday_cal *after, int64_t now);

#endif
