/*
 * cmd_data.c - the data-sharing jobs, meant for cron on one node:
 * `yiwang data escalate` escalates overdue sharing-request steps and
 * `yiwang data freshness` tells stewards about late resources. Both are
 * idempotent: running either again sends nothing new.
 */
#include <stdio.h>
#include <string.h>

#include "app/calendar/calendar.h"
#include "app/data/fresh.h"
#include "app/data/request.h"
#include "cli/cli.h"
#include "core/timeutil.h"

int
cmd_data(struct yw_cli *c)
{
	struct yw_calendar	*cal = NULL;
	struct yw_db		*db;
	int			 n = 0, escalate;
	enum yw_err		 rc;

	if (c->argc < 1 || (strcmp(c->argv[0], "escalate") != 0 &&
	    strcmp(c->argv[0], "freshness") != 0)) {
		fprintf(stderr, "usage: yiwang [--db URL] data escalate | "
		    "freshness\n\n  escalate   inbox messages for sharing "
		    "requests past a step's deadline\n  freshness  inbox "
		    "messages to stewards of resources late for their update "
		    "cycle\n");
		return 2;
	}
	escalate = strcmp(c->argv[0], "escalate") == 0;
	rc = cli_open(c, &db);
	if (rc != YW_OK)
		return 1;
	if (escalate) {
		rc = yw_calendar_load(db, &cal);
		if (rc == YW_OK)
			rc = yw_data_request_escalate(db,
			    yw_calendar_workcal(cal), yw_time_now(), &n);
		if (cal != NULL)
			yw_calendar_free(cal);
	} else
		rc = yw_data_fresh_run(db, yw_time_now(), &n);
	yw_db_close(db);
	if (rc != YW_OK) {
		fprintf(stderr, "data %s: %s\n", c->argv[0], yw_err_code(rc));
		return 1;
	}
	if (escalate)
		printf("data escalate: %d overdue step(s) escalated\n", n);
	else
		printf("data freshness: %d late resource(s)\n", n);
	return 0;
}
