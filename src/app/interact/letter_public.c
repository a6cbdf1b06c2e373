/*
 * letter_public.c - what the public sees of letters (channels with their
 * limits and responsible officers, published replies with personal data
 * masked, each department's figures) and the settings behind them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/interact/letter.h"
#include "app/interact/letter_store.h"
#include "core/jsonx.h"
#include "core/redact.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

/* yw_audit_append, taking ownership of detail. */
static enum yw_err
audit(struct yw_db *db, const struct yw_actor *a, const char *action,
    const char *type, const char *oid, json_t *detail)
{
	enum yw_err rc;

	rc = yw_audit_append(db, a, action, type, oid, detail);
	json_decref(detail);
	return rc;
}

enum yw_err
yw_letter_officers(struct yw_db *db, int64_t department_id, json_t **out)
{
	return yw_letter_store_officers(db, department_id, out);
}

enum yw_err
yw_letter_channel_list(struct yw_db *db, json_t **out)
{
	json_t		*officers, *c, *o;
	size_t		 i, j;
	enum yw_err	 rc;

	rc = yw_letter_store_channels(db, out);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_officers(db, 0, &officers);
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	json_array_foreach(*out, i, c) {
		json_object_set_new(c, "officers", json_array());
		json_array_foreach(officers, j, o)
			if (strcmp(yw_jstr(o, "channel"), yw_jstr(c, "code"))
			    == 0)
				json_array_append(json_object_get(c,
				    "officers"), o);
	}
	json_decref(officers);
	return YW_OK;
}

enum yw_err
yw_letter_set_officer(struct yw_db *db, const struct yw_actor *a,
    int64_t department_id, const char *channel, int64_t account_id,
    const char *title, int64_t now, json_t **errors)
{
	char		oid[48];
	size_t		n;
	enum yw_err	rc;

	*errors = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (!(a->roles & YW_ROLE_PLATFORM_ADMIN) &&
	    !((a->roles & YW_ROLE_DEPT_ADMIN) &&
	    a->department_id == department_id))
		return YW_EFORBIDDEN;
	*errors = json_object();
	if (!yw_in_list(yw_letter_channels, channel))
		json_object_set_new(*errors, "channel", json_string("invalid"));
	n = title != NULL ? strlen(title) : 0;
	if (n == 0)
		json_object_set_new(*errors, "title", json_string("required"));
	else if (!yw_utf8_valid(title, n) || yw_utf8_has_control(title, n, 0))
		json_object_set_new(*errors, "title", json_string("invalid"));
	else if (yw_utf8_count(title, n) > 50)
		json_object_set_new(*errors, "title", json_string("too_long"));
	if (!yw_letter_store_is_staff(db, account_id, department_id))
		json_object_set_new(*errors, "account_id",
		    json_string("not_found"));
	if (json_object_size(*errors) > 0)
		return YW_EINVAL;
	json_decref(*errors);
	*errors = NULL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_officer_put(db, department_id, channel,
	    account_id, title, now);
	(void)snprintf(oid, sizeof(oid), "%lld/%s", (long long)department_id,
	    channel);
	if (rc == YW_OK)
		rc = audit(db, a, "letter.officer", "letter_officer",
		    oid, json_pack("{s:I, s:s}", "account_id",
		    (json_int_t)account_id, "title", title));
	return yw_db_end(db, rc);
}

enum yw_err
yw_letter_set_days(struct yw_db *db, const struct yw_actor *a,
    const char *channel, int64_t days, int64_t now, json_t **errors)
{
	enum yw_err rc;

	*errors = NULL;
	if (!(a->roles & YW_ROLE_PLATFORM_ADMIN))
		return a->id == 0 ? YW_EAUTH : YW_EFORBIDDEN;
	if (days < 1 || days > 60) {
		*errors = json_pack("{s:s}", "reply_days", "invalid");
		return YW_EINVAL;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_set_days(db, channel, days, now);
	if (rc == YW_OK)
		rc = audit(db, a, "letter.days", "letter_channel",
		    channel, json_pack("{s:I}", "reply_days",
		    (json_int_t)days));
	return yw_db_end(db, rc);
}

enum yw_err
yw_letter_set_route(struct yw_db *db, const struct yw_actor *a,
    const char *channel, const char *category, const char *region_code,
    int64_t department_id, json_t **errors)
{
	enum yw_err rc;

	*errors = NULL;
	if (!(a->roles & YW_ROLE_PLATFORM_ADMIN))
		return a->id == 0 ? YW_EAUTH : YW_EFORBIDDEN;
	*errors = json_object();
	if (!yw_in_list(yw_letter_channels, channel))
		json_object_set_new(*errors, "channel", json_string("invalid"));
	if (category[0] != '\0' && !yw_in_list(yw_letter_categories, category))
		json_object_set_new(*errors, "category",
		    json_string("invalid"));
	if (region_code[0] != '\0' &&
	    !yw_letter_store_region_exists(db, region_code))
		json_object_set_new(*errors, "region_code",
		    json_string("invalid"));
	if (!yw_letter_store_department_exists(db, department_id))
		json_object_set_new(*errors, "department_id",
		    json_string("not_found"));
	if (json_object_size(*errors) > 0)
		return YW_EINVAL;
	json_decref(*errors);
	*errors = NULL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_route_put(db, channel, category, region_code,
	    department_id);
	if (rc == YW_OK)
		rc = audit(db, a, "letter.route", "letter_route",
		    channel, json_pack("{s:s, s:s, s:I}", "category", category,
		    "region_code", region_code, "department_id",
		    (json_int_t)department_id));
	return yw_db_end(db, rc);
}

enum yw_err
yw_letter_set_supervisor(struct yw_db *db, const struct yw_actor *a,
    int64_t department_id)
{
	char		v[24];
	enum yw_err	rc;

	if (!(a->roles & YW_ROLE_PLATFORM_ADMIN))
		return a->id == 0 ? YW_EAUTH : YW_EFORBIDDEN;
	if (!yw_letter_store_department_exists(db, department_id))
		return YW_ENOTFOUND;
	(void)snprintf(v, sizeof(v), "%lld", (long long)department_id);
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_set_setting(db, "supervisor_department_id", v);
	if (rc == YW_OK)
		rc = audit(db, a, "letter.supervisor",
		    "letter_setting", "supervisor_department_id", NULL);
	return yw_db_end(db, rc);
}

enum yw_err
yw_letter_routes(struct yw_db *db, json_t **out)
{
	return yw_letter_store_routes(db, out);
}

/* Masks a published letter in place: every text field through the
 * redactor with the writer's name, the name itself by yw_mask_name. */
static void
mask(json_t *l)
{
	static const char *const fields[] = { "title", "body", "reply" };
	const char	*names[1];
	char		 masked[256], *text;
	size_t		 i;

	names[0] = yw_jstr(l, "writer_name");
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		text = yw_redact_dup(yw_jstr(l, fields[i]), names, 1);
		json_object_set_new(l, fields[i], json_string(text != NULL ?
		    text : ""));
		free(text);
	}
	if (names[0][0] != '\0' && yw_mask_name(names[0], strlen(names[0]),
	    masked, sizeof(masked)) == YW_OK)
		json_object_set_new(l, "writer", json_string(masked));
	json_object_del(l, "writer_name");
	if (yw_time_fmt_local(yw_jint(l, "created_at"), masked, sizeof(masked),
	    0) == YW_OK)
		json_object_set_new(l, "created_on", json_string(masked));
	if (yw_time_fmt_local(yw_jint(l, "replied_at"), masked, sizeof(masked),
	    0) == YW_OK)
		json_object_set_new(l, "replied_on", json_string(masked));
}

enum yw_err
yw_letter_public_list(struct yw_db *db, const char *channel, int64_t page,
    json_t **out)
{
	json_t		*list, *l;
	int64_t		 total;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	if (channel == NULL)
		channel = "";
	if (channel[0] != '\0' && !yw_in_list(yw_letter_channels, channel))
		return YW_ENOTFOUND;
	if (page < 1)
		page = 1;
	rc = yw_letter_store_public_count(db, channel, &total);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_public(db, channel, 0, YW_LETTER_PAGE,
	    (page - 1) * YW_LETTER_PAGE, &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, l)
		mask(l);
	*out = json_pack("{s:o, s:I, s:I, s:I}", "letters", list, "total",
	    (json_int_t)total, "page", (json_int_t)page, "pages",
	    (json_int_t)((total + YW_LETTER_PAGE - 1) / YW_LETTER_PAGE));
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_letter_public_get(struct yw_db *db, int64_t id, json_t **out)
{
	json_t		*list;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_letter_store_public(db, "", id, 1, 0, &list);
	if (rc != YW_OK)
		return rc;
	if (json_array_size(list) == 0) {
		json_decref(list);
		return YW_ENOTFOUND;
	}
	*out = json_incref(json_array_get(list, 0));
	json_decref(list);
	mask(*out);
	return YW_OK;
}

static int
cmp_int(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The median reply time of dept in working days (half days rounded up
 * to one decimal as a string is not needed: a .5 shows as such). */
static json_t *
median(json_t *days, int64_t dept)
{
	json_t	*r;
	int64_t	*v;
	size_t	 i, n;
	double	 m;

	v = calloc(json_array_size(days) + 1, sizeof(*v));
	if (v == NULL)
		return json_null();
	n = 0;
	json_array_foreach(days, i, r)
		if (yw_jint(r, "department_id") == dept)
			v[n++] = yw_jint(r, "reply_days");
	if (n == 0) {
		free(v);
		return json_null();
	}
	qsort(v, n, sizeof(*v), cmp_int);
	m = n % 2 ? (double)v[n / 2] : (double)(v[n / 2 - 1] + v[n / 2]) / 2;
	free(v);
	return json_real(m);
}

enum yw_err
yw_letter_figures(struct yw_db *db, int64_t department_id, json_t **out)
{
	json_t		*rows, *days, *r, *keep;
	size_t		 i;
	int64_t		 n;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_letter_store_figures(db, &rows);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_reply_days(db, &days);
	if (rc != YW_OK) {
		json_decref(rows);
		return rc;
	}
	keep = json_array();
	json_array_foreach(rows, i, r) {
		if (department_id != 0 && yw_jint(r, "department_id") !=
		    department_id)
			continue;
		n = yw_jint(r, "replied");
		json_object_set_new(r, "on_time_percent", n > 0 ?
		    json_integer(yw_jint(r, "on_time") * 100 / n)
		    : json_null());
		n = yw_jint(r, "rated");
		json_object_set_new(r, "satisfied_percent", n > 0 ?
		    json_integer(yw_jint(r, "satisfied") * 100 / n) :
		    json_null());
		json_object_set_new(r, "median_days", median(days,
		    yw_jint(r, "department_id")));
		json_array_append(keep, r);
	}
	json_decref(rows);
	json_decref(days);
	*out = keep;
	return YW_OK;
}
