/*
 * fresh.c - freshness of catalogue entries against their update cycles
 * (fresh.h).
 */
#include <stdio.h>
#include <string.h>

#include "app/data/fresh.h"
#include "app/data/fresh_store.h"
#include "app/data/request_store.h"
#include "app/notify/notify.h"
#include "core/timeutil.h"

static const struct {
	const char	*cycle;
	int64_t		 days;
} cycles[] = {
	{ "daily", 1 }, { "weekly", 7 }, { "monthly", 31 },
	{ "quarterly", 92 }, { "yearly", 366 },
};

int64_t
yw_data_fresh_limit(const char *update_cycle)
{
	size_t i;

	if (update_cycle == NULL)
		return 0;
	if (strcmp(update_cycle, "realtime") == 0)
		return 3600;
	for (i = 0; i < sizeof(cycles) / sizeof(cycles[0]); i++)
		if (strcmp(cycles[i].cycle, update_cycle) == 0)
			return cycles[i].days * 86400 + YW_DATA_FRESH_GRACE;
	return 0;
}

int
yw_data_fresh_late(const char *update_cycle, int64_t last, int64_t now)
{
	int64_t limit = yw_data_fresh_limit(update_cycle);

	return limit > 0 && now - last > limit;
}

static int64_t
last_update(json_t *r)
{
	json_t *v = json_object_get(r, "records_updated_at");

	return json_is_integer(v) ? (int64_t)json_integer_value(v) :
	    (int64_t)json_integer_value(json_object_get(r, "created_at"));
}

void
yw_data_fresh_mark(json_t *list, int64_t now)
{
	json_t	*r;
	char	 buf[16];
	size_t	 i;

	json_array_foreach(list, i, r) {
		int64_t last = last_update(r);

		json_object_set_new(r, "late", json_boolean(yw_data_fresh_late(
		    json_string_value(json_object_get(r, "update_cycle")), last,
		    now)));
		if (yw_time_fmt_local(last, buf, sizeof(buf), 0) == YW_OK)
			json_object_set_new(r, "last_update", json_string(buf));
	}
}

/* The inbox message to each steward of r's department, once per last. */
static enum yw_err
tell(struct yw_db *db, json_t *r, int64_t last, int64_t now)
{
	struct yw_notify_msg	 m;
	json_t			*who = NULL, *w, *payload;
	int64_t			 dept;
	char			 subject[240], key[96], day[16];
	size_t			 i;
	enum yw_err		 rc;

	dept = (int64_t)json_integer_value(json_object_get(r,
	    "department_id"));
	rc = yw_data_request_store_staff(db, dept, "data_steward", &who);
	if (rc == YW_OK && json_array_size(who) == 0) {
		json_decref(who);
		who = NULL;
		rc = yw_data_request_store_staff(db, dept, "dept_admin", &who);
	}
	if (rc != YW_OK)
		return rc;
	if (yw_time_fmt_local(last, day, sizeof(day), 0) != YW_OK)
		day[0] = '\0';
	/* zh-CN text, as the case messages: the inbox has no templates. */
	(void)snprintf(subject, sizeof(subject), "数据资源 %s（%s）未按更新周期"
	    "更新，最近更新于 %s", json_string_value(json_object_get(r,
	    "code")), json_string_value(json_object_get(r, "name")), day);
	payload = json_pack("{s:O, s:I}", "data_resource", json_object_get(r,
	    "code"), "last_update", (json_int_t)last);
	json_array_foreach(who, i, w) {
		memset(&m, 0, sizeof(m));
		(void)snprintf(key, sizeof(key), "data_fresh/%lld/%lld/inbox/"
		    "%lld", (long long)json_integer_value(json_object_get(r,
		    "id")), (long long)last, (long long)json_integer_value(
		    json_object_get(w, "id")));
		m.channel = "inbox";
		m.account_id = (int64_t)json_integer_value(json_object_get(w,
		    "id"));
		m.subject = subject;
		m.payload = payload;
		m.dedup_key = key;
		rc = yw_notify_enqueue(db, &m, now, NULL);
		if (rc != YW_OK)
			break;
	}
	json_decref(payload);
	json_decref(who);
	return rc;
}

enum yw_err
yw_data_fresh_run(struct yw_db *db, int64_t now, int *late)
{
	json_t		*rows = NULL, *r;
	size_t		 i;
	enum yw_err	 rc;

	*late = 0;
	rc = yw_data_fresh_store_resources(db, &rows);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(rows, i, r) {
		int64_t last = last_update(r);

		if (!yw_data_fresh_late(json_string_value(json_object_get(r,
		    "update_cycle")), last, now))
			continue;
		(*late)++;
		rc = tell(db, r, last, now);
		if (rc != YW_OK)
			break;
	}
	json_decref(rows);
	return rc;
}
