/*
 * cmd_letters.c - `yiwang letters escalate`: flags every open letter past
 * its reply deadline and tells the department head and the supervising
 * office (app/interact/letter.h). Idempotent: run it from cron as often
 * as you like; an escalated letter is not escalated again.
 */
#include <stdio.h>
#include <string.h>

#include "app/calendar/calendar.h"
#include "app/interact/letter.h"
#include "cli/cli.h"
#include "core/timeutil.h"

int
cmd_letters(struct yw_cli *c)
{
	struct yw_calendar	*cal;
	struct yw_db		*db;
	int			 n;
	enum yw_err		 rc;

	if (c->argc < 1 || strcmp(c->argv[0], "escalate") != 0) {
		fprintf(stderr, "usage: yiwang [--db URL] letters escalate\n");
		return 2;
	}
	rc = cli_open(c, &db);
	if (rc != YW_OK)
		return 1;
	rc = yw_calendar_load(db, &cal);
	if (rc == YW_OK) {
		rc = yw_letter_escalate(db, yw_calendar_workcal(cal),
		    yw_time_now(), &n);
		yw_calendar_free(cal);
	}
	yw_db_close(db);
	if (rc != YW_OK) {
		fprintf(stderr, "letters escalate: %s\n", yw_err_code(rc));
		return 1;
	}
	printf("letters: %d overdue letter(s) escalated\n", n);
	return 0;
}
