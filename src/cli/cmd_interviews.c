/*
 * cmd_interviews.c - `yiwang interviews close`, for cron: every approved
 * question of an ended online interview that was not answered becomes a
 * letter to the interview's department, due in 5 working days
 * (app/interact/interview.h). Idempotent: a question becomes one letter
 * however often this runs, on however many nodes.
 */
#include <stdio.h>
#include <string.h>

#include "app/calendar/calendar.h"
#include "app/interact/interview.h"
#include "cli/cli.h"
#include "core/timeutil.h"

int
cmd_interviews(struct yw_cli *c)
{
	struct yw_calendar	*cal;
	struct yw_db		*db;
	int			 letters = 0;
	enum yw_err		 rc;

	if (c->argc != 1 || strcmp(c->argv[0], "close") != 0) {
		fprintf(stderr, "usage: yiwang [--db URL] interviews close\n\n"
		    "  close  turn the unanswered approved questions of ended "
		    "interviews into letters\n");
		return 2;
	}
	if (cli_open(c, &db) != YW_OK)
		return 1;
	cal = NULL;
	rc = yw_calendar_load(db, &cal);
	if (rc == YW_OK)
		rc = yw_interview_close(db, yw_calendar_workcal(cal),
		    yw_time_now(), &letters);
	yw_calendar_free(cal);
	yw_db_close(db);
	if (rc == YW_OK) {
		printf("interviews close: %d question(s) became letters\n",
		    letters);
		return 0;
	}
	fprintf(stderr, "interviews close: %s\n", yw_err_code(rc));
	return 1;
}
