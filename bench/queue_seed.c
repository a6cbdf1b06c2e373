/*
 * queue_seed.c - fills a department's work queue for `make bench`: n open
 * cases of one published item, written through the case store (the rows
 * and indexes users' submits make), in one transaction. A third are still
 * waiting for acceptance (受理); the rest were accepted, with deadlines
 * spread over the next months, as a busy department's queue looks.
 *
 *   build/queue_seed DB-URL ITEM-CODE APPLICANT-LOGIN N
 *
 * DB-URL is a SQLite file or a postgresql:// URL of a migrated database
 * holding the demo data. Prints the time taken; exits 1 on failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "app/account/account_store.h"
#include "app/service/case_store.h"
#include "core/timeutil.h"
#include "store/db.h"

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static enum yw_err
seed(struct yw_db *db, json_t *item, int64_t applicant, long n, int64_t now)
{
	char		 tracking[40];
	int64_t		 id, item_id, dept, days;
	long		 i;
	enum yw_err	 rc;

	item_id = (int64_t)json_integer_value(json_object_get(item, "id"));
	dept = (int64_t)json_integer_value(json_object_get(item,
	    "department_id"));
	days = (int64_t)json_integer_value(json_object_get(item,
	    "promised_days"));
	if (days <= 0)
		days = 10;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	for (i = 0; i < n; i++) {
		/* A date no real submit uses, so numbers never collide. */
		(void)snprintf(tracking, sizeof(tracking),
		    "350100-20000101-%06ld", i + 1);
		rc = yw_case_store_insert(db, tracking, item_id, 0, applicant,
		    "13800138000", "350100000000",
		    "{\"applicant_name\":\"张三\",\"phone\":\"13800138000\"}",
		    NULL, now - (n - i), &id);
		if (rc == YW_OK)
			rc = yw_case_store_add_task(db, id, item_id, dept, 1, 1,
			    days, now - (n - i));
		if (rc == YW_OK)
			rc = yw_case_store_event(db, id, 0, applicant,
			    "applicant", "submit", "submitted", "", 0,
			    now - (n - i));
		if (rc != YW_OK)
			goto fail;
	}
	/* Accept two thirds, deadlines over the next ~3 months. */
	rc = yw_db_run(db, NULL, "UPDATE case_task SET state = 'accepted', "
	    "accepted_day = ?, due_day = ? + (case_id % 90) WHERE "
	    "department_id = ? AND case_id % 3 <> 0 AND state = 'submitted'",
	    "iii", (int64_t)yw_time_local_days(now),
	    (int64_t)yw_time_local_days(now) + 1, dept);
	if (rc != YW_OK)
		goto fail;
	return yw_db_commit(db);
fail:
	(void)yw_db_rollback(db);
	return rc;
}

int
main(int argc, char **argv)
{
	struct yw_account_store_auth	 who;
	struct yw_db			*db;
	json_t				*item;
	double				 t0;
	long				 n;
	enum yw_err			 rc;

	if (argc != 5 || (n = strtol(argv[4], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: queue_seed DB-URL ITEM-CODE "
		    "APPLICANT-LOGIN N\n");
		return 2;
	}
	if (yw_db_open(argv[1], &db) != YW_OK)
		return 1;
	item = NULL;
	rc = yw_case_store_item(db, argv[2], &item);
	if (rc == YW_OK)
		rc = yw_account_store_auth_by_login(db, argv[3], &who);
	t0 = seconds();
	if (rc == YW_OK)
		rc = seed(db, item, who.id, n, (int64_t)time(NULL));
	if (rc != YW_OK)
		fprintf(stderr, "queue_seed: %s\n", yw_db_errmsg(db));
	else
		printf("seeded %ld open cases in %.1f s\n", n, seconds() - t0);
	json_decref(item);
	yw_db_close(db);
	return rc == YW_OK ? 0 : 1;
}
