/*
 * catalogue.c - the stewards' catalogue view (catalogue.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/jsonx.h"
#include "app/data/catalogue.h"
#include "app/data/data.h"
#include "app/data/fresh.h"
#include "app/data/fresh_store.h"
#include "app/data/request.h"

/* Copies the freshness columns of times[code] into r and marks it. */
static void
fresh_one(json_t *times, json_t *r, int64_t now)
{
	json_t *t, *one;

	t = json_object_get(times, yw_jstr(r, "code"));
	if (t == NULL)
		return;
	json_object_set(r, "records_updated_at", json_object_get(t,
	    "records_updated_at"));
	json_object_set(r, "created_at", json_object_get(t, "created_at"));
	one = json_pack("[O]", r);
	yw_data_fresh_mark(one, now);
	json_decref(one);
}

static void
bump(json_t *f, const char *k, json_int_t by)
{
	json_object_set_new(f, k, json_integer(json_integer_value(
	    json_object_get(f, k)) + by));
}

enum yw_err
yw_data_catalogue_list(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, json_t *filters, int64_t now,
    json_t **out, json_t **errors)
{
	json_t		*all = NULL, *times = NULL, *reqs = NULL, *shown, *figs;
	json_t		*r, *f, *byd, *rq;
	const char	*scope, *sharing, *cycle, *late;
	char		 key[24];
	size_t		 i;
	int		 admin, own;
	enum yw_err	 rc;

	*out = NULL;
	*errors = NULL;
	scope = yw_jstr(filters, "scope");
	sharing = yw_jstr(filters, "sharing");
	cycle = yw_jstr(filters, "update_cycle");
	late = yw_jstr(filters, "late");
	*errors = json_object();
	if (scope[0] != '\0' && strcmp(scope, "mine") != 0 &&
	    strcmp(scope, "all") != 0)
		json_object_set_new(*errors, "scope", json_string("invalid"));
	if (sharing[0] != '\0' && !yw_in_list(yw_data_sharing, sharing))
		json_object_set_new(*errors, "sharing", json_string("invalid"));
	if (cycle[0] != '\0' && !yw_in_list(yw_data_cycles, cycle))
		json_object_set_new(*errors, "update_cycle",
		    json_string("invalid"));
	if (json_object_size(*errors) > 0)
		return YW_EINVAL;
	json_decref(*errors);
	*errors = NULL;
	rc = yw_data_resource_list(db, a, 0, &all);
	if (rc == YW_OK)
		rc = yw_data_fresh_store_times(db, &times);
	if (rc == YW_OK)
		rc = yw_data_request_figures(db, cal, now, &reqs);
	if (rc != YW_OK)
		goto out;
	admin = (a->roles & YW_ROLE_PLATFORM_ADMIN) != 0;
	shown = json_array();
	figs = json_array();
	byd = json_object();
	json_array_foreach(all, i, r) {
		fresh_one(times, r, now);
		(void)snprintf(key, sizeof(key), "%lld", (long long)
		    json_integer_value(json_object_get(r, "department_id")));
		f = json_object_get(byd, key);
		if (f == NULL) {
			rq = json_object_get(reqs, key);
			f = json_pack("{s:O, s:O, s:O?, s:i, s:i, s:I, s:I}",
			    "department_id", json_object_get(r,
			    "department_id"), "department_name",
			    json_object_get(r, "department_name"),
			    "department_name_en", json_object_get(r,
			    "department_name_en"), "entries", 0, "late", 0,
			    "pending", json_integer_value(json_object_get(rq,
			    "pending")), "overdue", json_integer_value(
			    json_object_get(rq, "overdue")));
			json_object_set_new(byd, key, f);
			json_array_append(figs, f);
		}
		bump(f, "entries", 1);
		if (json_is_true(json_object_get(r, "late")))
			bump(f, "late", 1);
		own = json_integer_value(json_object_get(r, "department_id")) ==
		    a->department_id;
		json_object_set_new(r, "own", json_boolean(own));
		json_object_del(r, "created_at");
		if (!admin && !own && strcmp(yw_jstr(r, "sharing"), "none")
		    == 0)
			continue;
		if (strcmp(scope, "mine") == 0 && !own)
			continue;
		if (sharing[0] != '\0' && strcmp(sharing, yw_jstr(r,
		    "sharing")) !=
		    0)
			continue;
		if (cycle[0] != '\0' && strcmp(cycle, yw_jstr(r,
		    "update_cycle"))
		    != 0)
			continue;
		if (strcmp(late, "1") == 0 && !json_is_true(json_object_get(r,
		    "late")))
			continue;
		json_array_append(shown, r);
	}
	json_decref(byd);
	*out = json_pack("{s:o, s:o, s:b}", "resources", shown, "figures",
	    figs, "can_create", admin || (a->department_id != 0 &&
	    (a->roles & YW_ROLE_DATA_STEWARD)));
out:
	json_decref(all);
	json_decref(times);
	json_decref(reqs);
	return rc;
}

enum yw_err
yw_data_catalogue_fresh(struct yw_db *db, json_t *res, int64_t now)
{
	json_t		*times = NULL;
	enum yw_err	 rc;

	rc = yw_data_fresh_store_times(db, &times);
	if (rc != YW_OK)
		return rc;
	fresh_one(times, res, now);
	json_object_del(res, "records_updated_at");
	json_decref(times);
	return YW_OK;
}
