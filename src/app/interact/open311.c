/*
 * open311.c - GeoReport v2 services, requests and client keys over
 * letters (open311.h). SQL lives in open311_store.c; writing goes through
 * yw_letter_submit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/actor.h"
#include "app/audit/audit.h"
#include "app/interact/letter.h"
#include "app/interact/letter_store.h"
#include "app/interact/open311.h"
#include "app/interact/open311_store.h"
#include "core/jsonx.h"
#include "core/redact.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#define TITLE_FROM_DESC	30	/* code points of the description */
#define REGION_LEVEL_MAX 3	/* province, city, district */

/* The channels that are Open311 services, and categories that are not. */
static const char *const channels[] = { "complaint", "suggest", NULL };
static const char *const left_out[] = { "website", NULL };

static const char *
find(const char *const *list, const char *s, size_t n)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
			return list[i];
	return NULL;
}

enum yw_err
yw_open311_service_parse(const char *code, const char **channel,
    const char **category)
{
	const char	*dash, *ch, *cat;

	*channel = *category = NULL;
	dash = code != NULL ? strchr(code, '-') : NULL;
	if (dash == NULL)
		return YW_ENOTFOUND;
	ch = find(channels, code, (size_t)(dash - code));
	cat = find(yw_letter_categories, dash + 1, strlen(dash + 1));
	if (ch == NULL || cat == NULL || find(left_out, cat, strlen(cat)))
		return YW_ENOTFOUND;
	*channel = ch;
	*category = cat;
	return YW_OK;
}

enum yw_err
yw_open311_code(const char *channel, const char *category,
    char code[YW_OPEN311_CODE_MAX])
{
	const char *ch, *cat;

	code[0] = '\0';
	if (channel == NULL || category == NULL)
		return YW_EINVAL;
	(void)snprintf(code, YW_OPEN311_CODE_MAX, "%s-%s", channel, category);
	if (yw_open311_service_parse(code, &ch, &cat) != YW_OK) {
		code[0] = '\0';
		return YW_EINVAL;
	}
	return YW_OK;
}

enum yw_err
yw_open311_services(json_t **out)
{
	char	code[YW_OPEN311_CODE_MAX];
	size_t	i, j;

	*out = json_array();
	if (*out == NULL)
		return YW_ENOMEM;
	for (i = 0; channels[i] != NULL; i++)
		for (j = 0; yw_letter_categories[j] != NULL; j++) {
			if (yw_open311_code(channels[i],
			    yw_letter_categories[j], code) != YW_OK)
				continue;
			json_array_append_new(*out, json_pack("{s:s, s:s, s:s, "
			    "s:b, s:s}", "service_code", code, "channel",
			    channels[i], "category", yw_letter_categories[j],
			    "metadata", 1, "type", "realtime"));
		}
	return YW_OK;
}

enum yw_err
yw_open311_service_def(struct yw_db *db, const char *code, json_t **out,
    const char **why)
{
	const char	*ch, *cat;
	json_t		*regions, *values, *r;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	*why = NULL;
	if (yw_open311_service_parse(code, &ch, &cat) != YW_OK) {
		*why = "service_code_unknown";
		return YW_ENOTFOUND;
	}
	rc = yw_open311_store_regions(db, REGION_LEVEL_MAX, &regions);
	if (rc != YW_OK)
		return rc;
	values = json_array();
	json_array_foreach(regions, i, r)
		json_array_append_new(values, json_pack("{s:O, s:O}", "key",
		    json_object_get(r, "code"), "name", json_object_get(r,
		    "name")));
	json_decref(regions);
	*out = json_pack("{s:s, s:[{s:b, s:s, s:s, s:b, s:n, s:i, s:s, s:o}, "
	    "{s:b, s:s, s:s, s:b, s:n, s:i, s:s}]}", "service_code", code,
	    "attributes", "variable", 1, "code", "region", "datatype",
	    "singlevaluelist", "required", 0, "datatype_description", "order",
	    1, "description", "", "values", values, "variable", 1, "code",
	    "title", "datatype", "string", "required", 0,
	    "datatype_description", "order", 2, "description", "");
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Reading requests. */

static json_t *
w3c(int64_t t)
{
	char buf[32];

	if (yw_time_fmt_w3c_local(t, buf, sizeof(buf)) != YW_OK)
		return json_null();
	return json_string(buf);
}

/* Masked text, or null for none. */
static json_t *
masked(const char *s, const char *name)
{
	const char	*names[1];
	char		*m;
	json_t		*v;

	if (s == NULL || s[0] == '\0')
		return json_null();
	names[0] = name;
	m = yw_redact_dup(s, names, 1);
	v = m != NULL ? json_string(m) : json_null();
	free(m);
	return v;
}

static json_t *
number(json_t *row, const char *k)
{
	const char	*s = json_string_value(json_object_get(row, k));
	char		*end;
	double		 v;

	if (s == NULL || s[0] == '\0')
		return json_null();
	v = strtod(s, &end);
	return *end == '\0' ? json_real(v) : json_null();
}

/* A letter row as a GeoReport request, in the spec's field order. */
static json_t *
request(json_t *row)
{
	const char	*state, *name;
	char		 code[YW_OPEN311_CODE_MAX];
	int64_t		 due;
	int		 closed;

	state = yw_jstr(row, "state");
	closed = strcmp(state, "replied") == 0 || strcmp(state, "closed") == 0;
	name = yw_jstr(row, "writer_name");
	(void)yw_open311_code(yw_jstr(row, "channel"), yw_jstr(row, "category"),
	    code);
	/* Expected by the end of the due day, Shanghai time. */
	due = json_integer_value(json_object_get(row, "due_day")) * 86400 +
	    86399 - YW_TIME_LOCAL_OFFSET;
	return json_pack("{s:O, s:s, s:o, s:n, s:s, s:o, s:O, s:n, s:o, s:o, "
	    "s:o, s:o, s:n, s:n, s:o, s:o, s:n}", "service_request_id",
	    json_object_get(row, "letter_no"), "status", closed ? "closed" :
	    "open", "status_notes", closed ? masked(yw_jstr(row, "reply"),
	    name) :
	    json_null(), "service_name", "service_code", code, "description",
	    masked(yw_jstr(row, "body"), name), "agency_responsible",
	    json_object_get(row, "department_name"), "service_notice",
	    "requested_datetime", w3c(json_integer_value(json_object_get(row,
	    "created_at"))), "updated_datetime", w3c(json_integer_value(
	    json_object_get(row, "updated_at"))), "expected_datetime",
	    w3c(due), "address", masked(yw_jstr(row, "address"), name),
	    "address_id", "zipcode", "lat", number(row, "lat"), "long",
	    number(row, "lon"), "media_url");
}

static enum yw_err
requests_of(json_t *rows, json_t **out)
{
	json_t	*row, *r;
	size_t	 i;

	json_array_foreach(rows, i, row) {
		r = request(row);
		if (r == NULL)
			return YW_ENOMEM;
		json_array_append_new(*out, r);
	}
	return YW_OK;
}

/*
 * The next item of the comma list at *p into buf (empty items skipped):
 * 1 with an item, 0 at the end, -1 for an item of sz bytes or more.
 */
static int
next_item(const char **p, char *buf, size_t sz)
{
	const char	*e;
	size_t		 n;

	for (;;) {
		if (**p == '\0')
			return 0;
		e = strchr(*p, ',');
		if (e == NULL)
			e = *p + strlen(*p);
		n = (size_t)(e - *p);
		*p = *e != '\0' ? e + 1 : e;
		if (n == 0)
			continue;
		if (n >= sz)
			return -1;
		memcpy(buf, e - n, n);
		buf[n] = '\0';
		return 1;
	}
}

/* A comma list of service codes as ",a,b,"; every code must be one. */
static enum yw_err
code_list(const char *s, char *out, size_t outsz)
{
	const char	*ch, *cat;
	char		 one[YW_OPEN311_CODE_MAX];
	size_t		 o;
	int		 k;

	out[0] = '\0';
	o = 0;
	while (s != NULL && (k = next_item(&s, one, sizeof(one))) != 0) {
		if (k < 0 || yw_open311_service_parse(one, &ch, &cat) != YW_OK ||
		    o + strlen(one) + 3 > outsz)
			return YW_EINVAL;
		o += (size_t)snprintf(out + o, outsz - o, ",%s", one);
	}
	if (o > 0)
		(void)snprintf(out + o, outsz - o, ",");
	return YW_OK;
}

/* "open", "closed", or "" for both or none; YW_EINVAL for other words. */
static enum yw_err
status_filter(const char *s, const char **out)
{
	char	one[8];
	int	open, closed, k;

	open = closed = 0;
	while (s != NULL && (k = next_item(&s, one, sizeof(one))) != 0) {
		if (k > 0 && strcmp(one, "open") == 0)
			open = 1;
		else if (k > 0 && strcmp(one, "closed") == 0)
			closed = 1;
		else
			return YW_EINVAL;
	}
	*out = open == closed ? "" : open ? "open" : "closed";
	return YW_OK;
}

static enum yw_err
by_ids(struct yw_db *db, const char *ids, json_t **out, const char **why)
{
	char		 no[24];
	json_t		*rows = NULL;
	size_t		 count;
	int		 k;
	enum yw_err	 rc;

	count = 0;
	while ((k = next_item(&ids, no, sizeof(no))) != 0) {
		if (k < 0 || ++count > YW_OPEN311_IDS_MAX) {
			*why = "service_request_id";
			return YW_EINVAL;
		}
		rows = NULL;
		rc = yw_open311_store_request(db, no, &rows);
		if (rc == YW_OK)
			rc = requests_of(rows, out);
		json_decref(rows);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

enum yw_err
yw_open311_requests(struct yw_db *db, const struct yw_workday_cal *cal,
    const struct yw_open311_query *q, int64_t now, json_t **out,
    const char **why)
{
	const char	*status;
	char		 codes[1024];
	json_t		*rows = NULL;
	int64_t		 start, end;
	enum yw_err	 rc;

	(void)cal;
	*why = NULL;
	*out = json_array();
	if (*out == NULL)
		return YW_ENOMEM;
	if (q->ids != NULL && q->ids[0] != '\0') {
		rc = by_ids(db, q->ids, out, why);
		goto out;
	}
	rc = YW_EINVAL;
	if (code_list(q->service_codes, codes, sizeof(codes)) != YW_OK) {
		*why = "service_code_unknown";
		goto out;
	}
	if (status_filter(q->status, &status) != YW_OK) {
		*why = "status";
		goto out;
	}
	end = now + 1;
	if (q->end_date != NULL && q->end_date[0] != '\0' &&
	    !yw_time_parse_w3c(q->end_date, strlen(q->end_date), &end)) {
		*why = "end_date";
		goto out;
	}
	start = end - (int64_t)YW_OPEN311_SPAN_DAYS * 86400;
	if (q->start_date != NULL && q->start_date[0] != '\0') {
		if (!yw_time_parse_w3c(q->start_date, strlen(q->start_date),
		    &start)) {
			*why = "start_date";
			goto out;
		}
		/* A start alone: the window reaches 90 days forward. */
		if (q->end_date == NULL || q->end_date[0] == '\0')
			end = start + (int64_t)YW_OPEN311_SPAN_DAYS * 86400;
	}
	if (start > end || end - start > (int64_t)YW_OPEN311_SPAN_DAYS *
	    86400) {
		*why = "date_span";
		goto out;
	}
	rc = yw_open311_store_requests(db, start, end, codes, status,
	    YW_OPEN311_LIMIT, &rows);
	if (rc == YW_OK)
		rc = requests_of(rows, out);
	json_decref(rows);
out:
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

enum yw_err
yw_open311_request(struct yw_db *db, const struct yw_workday_cal *cal,
    const char *id, json_t **out)
{
	json_t		*rows;
	enum yw_err	 rc;

	(void)cal;
	*out = NULL;
	rc = yw_open311_store_request(db, id, &rows);
	if (rc != YW_OK)
		return rc;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return YW_ENOTFOUND;
	}
	*out = json_array();
	rc = requests_of(rows, out);
	json_decref(rows);
	if (rc != YW_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Posting requests. */

enum yw_err
yw_open311_client(struct yw_db *db, const char *api_key, int64_t now,
    int64_t *client, const char **why)
{
	char		 hash[YW_APIKEY_HASH_LEN];
	json_t		*row = NULL;
	enum yw_err	 rc;

	*client = 0;
	if (api_key == NULL || api_key[0] == '\0') {
		*why = "api_key_missing";
		return YW_EFORBIDDEN;
	}
	yw_apikey_hash(api_key, hash);
	rc = yw_open311_store_client_find(db, hash, &row);
	if (rc == YW_ENOTFOUND || (rc == YW_OK &&
	    !json_is_null(json_object_get(row, "revoked_at")))) {
		json_decref(row);
		*why = "api_key_invalid";
		return YW_EFORBIDDEN;
	}
	if (rc != YW_OK)
		return rc;
	*client = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	(void)yw_open311_store_client_used(db, *client, now);
	return YW_OK;
}

/* A decimal degree, the whole of s: 1 with *v. */
static int
degree(const char *s, double *v)
{
	char *end;

	if (s == NULL || s[0] == '\0' || strlen(s) > 32)
		return 0;
	*v = strtod(s, &end);
	return *end == '\0' && end != s;
}

/* The location: lat and long together, or an address (string or id). */
static enum yw_err
location(json_t *params, struct yw_letter_input *in, char *addr,
    size_t addrsz, const char **why)
{
	const char *lat, *lon, *as, *aid;

	lat = yw_jstr(params, "lat");
	lon = yw_jstr(params, "long");
	as = yw_jstr(params, "address_string");
	aid = yw_jstr(params, "address_id");
	if (lat[0] != '\0' || lon[0] != '\0') {
		if (!degree(lat, &in->lat) || !degree(lon, &in->lon) ||
		    !(in->lat >= -90 && in->lat <= 90) ||
		    !(in->lon >= -180 && in->lon <= 180)) {
			*why = "lat_long_invalid";
			return YW_EINVAL;
		}
		in->has_position = 1;
	}
	/* No address register here: an address_id is kept as text. */
	if (as[0] != '\0')
		(void)snprintf(addr, addrsz, "%s", as);
	else if (aid[0] != '\0')
		(void)snprintf(addr, addrsz, "%s", aid);
	else
		addr[0] = '\0';
	if (strlen(as) >= addrsz || strlen(aid) >= addrsz) {
		*why = "address_too_long";
		return YW_EINVAL;
	}
	if (!in->has_position && addr[0] == '\0') {
		*why = "location_missing";
		return YW_EINVAL;
	}
	in->address = addr;
	return YW_OK;
}

/* The first n code points of s (valid UTF-8) into out. */
static void
prefix_of(const char *s, size_t n, char *out, size_t outsz)
{
	size_t	i, k, len;
	uint32_t cp;

	len = strlen(s);
	for (i = 0, k = 0; i < len && k < n; k++) {
		i += yw_utf8_decode(s + i, len - i, &cp);
		if (cp == '\n' || cp == '\r')
			break;
	}
	(void)snprintf(out, outsz, "%.*s", (int)(i < outsz ? i : outsz - 1),
	    s);
	/* A line break ends the title; drop it. */
	len = strlen(out);
	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
}

/* The writer's name: family name first when either part is not ASCII
 * (张 三 is 张三), else "first last". */
static void
writer_name(json_t *params, char *out, size_t outsz)
{
	const char	*first = yw_jstr(params, "first_name");
	const char	*last = yw_jstr(params, "last_name");
	size_t		 i;
	int		 ascii = 1;

	for (i = 0; first[i] != '\0'; i++)
		ascii &= (unsigned char)first[i] < 0x80;
	for (i = 0; last[i] != '\0'; i++)
		ascii &= (unsigned char)last[i] < 0x80;
	if (ascii)
		(void)snprintf(out, outsz, "%s%s%s", first, first[0] != '\0' &&
		    last[0] != '\0' ? " " : "", last);
	else
		(void)snprintf(out, outsz, "%s%s", last, first);
}

/* The description: required here (a letter says something), at most
 * YW_OPEN311_DESC_MAX code points, text without markup meaning. */
static enum yw_err
description(const char *d, const char **why)
{
	size_t n = strlen(d);

	if (n == 0) {
		*why = "description_missing";
		return YW_EINVAL;
	}
	if (!yw_utf8_valid(d, n) || yw_utf8_has_control(d, n, 1)) {
		*why = "description_invalid";
		return YW_EINVAL;
	}
	if (yw_utf8_count(d, n) > YW_OPEN311_DESC_MAX) {
		*why = "description_too_long";
		return YW_EINVAL;
	}
	return YW_OK;
}

/*
 * The letter's idempotency key: the client's Idempotency-Key bound to its
 * own api key, so nobody else can derive the query code from it; a fresh
 * random one without the header.
 */
static void
idem_key(const char *api_key, const char *idem, char out[65])
{
	unsigned char h[32];

	if (idem != NULL && idem[0] != '\0')
		crypto_generichash(h, sizeof(h), (const unsigned char *)idem,
		    strlen(idem), (const unsigned char *)api_key,
		    strlen(api_key) < crypto_generichash_KEYBYTES_MAX ?
		    strlen(api_key) : crypto_generichash_KEYBYTES_MAX);
	else
		randombytes_buf(h, sizeof(h));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

enum yw_err
yw_open311_submit(struct yw_db *db, const struct yw_workday_cal *cal,
    json_t *params, const char *api_key, const char *idem, int64_t now,
    json_t **out, json_t **errors, const char **why)
{
	struct yw_letter_input	 in;
	struct yw_actor		 anon;
	const char		*code, *region;
	char			 addr[YW_LETTER_ADDRESS_MAX * 4 + 1];
	char			 title[TITLE_FROM_DESC * 4 + 1], name[160];
	char			 top[32], key[65], no[24];
	char			 qcode[YW_LETTER_CODE_LEN + 1], due[16];
	int64_t			 client, id;
	int			 y, m, d;
	json_t			*l;
	enum yw_err		 rc;

	*out = *errors = NULL;
	*why = NULL;
	rc = yw_open311_client(db, api_key, now, &client, why);
	if (rc != YW_OK)
		return rc;
	memset(&in, 0, sizeof(in));
	code = yw_jstr(params, "service_code");
	if (code[0] == '\0') {
		*why = "service_code_missing";
		return YW_EINVAL;
	}
	if (yw_open311_service_parse(code, &in.channel, &in.category) !=
	    YW_OK) {
		*why = "service_code_unknown";
		return YW_ENOTFOUND;
	}
	rc = location(params, &in, addr, sizeof(addr), why);
	if (rc == YW_OK)
		rc = description(yw_jstr(params, "description"), why);
	if (rc != YW_OK)
		return rc;
	in.body = yw_jstr(params, "description");
	in.title = yw_jstr(params, "attribute[title]");
	if (in.title[0] == '\0') {
		prefix_of(in.body, TITLE_FROM_DESC, title, sizeof(title));
		in.title = title;
	}
	region = yw_jstr(params, "attribute[region]");
	if (region[0] == '\0') {
		rc = yw_open311_store_top_region(db, top);
		if (rc != YW_OK)
			return rc;
		region = top;
	}
	in.region_code = region;
	writer_name(params, name, sizeof(name));
	in.name = name;
	in.email = yw_jstr(params, "email");
	in.phone = yw_jstr(params, "phone");
	in.publish_ok = 1;
	in.source = "open311";
	in.client_id = client;
	in.service_code = code;
	idem_key(api_key, idem, key);
	in.idem_key = key;
	memset(&anon, 0, sizeof(anon));
	rc = yw_letter_submit(db, &anon, cal, &in, now, errors, &id, no,
	    qcode);
	if (rc == YW_EINVAL) {
		*why = "field";
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_get(db, id, &l);
	if (rc != YW_OK)
		return rc;
	yw_time_civil_from_days(json_integer_value(json_object_get(l,
	    "due_day")), &y, &m, &d);
	json_decref(l);
	(void)snprintf(due, sizeof(due), "%04d-%02d-%02d", y, m, d);
	*out = json_pack("{s:s, s:s, s:s, s:s}", "service_request_id", no,
	    "service_code", code, "due", due, "code", qcode);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Client keys. */

/* The console (a NULL) or a platform admin. */
static enum yw_err
may_manage(const struct yw_actor *a)
{
	return a == NULL || (a->roles & YW_ROLE_PLATFORM_ADMIN) != 0 ? YW_OK :
	    YW_EFORBIDDEN;
}

static enum yw_err
audit_key(struct yw_db *db, const struct yw_actor *a, const char *action,
    int64_t id, json_t *detail)
{
	char		oid[24];
	enum yw_err	rc;

	(void)snprintf(oid, sizeof(oid), "%lld", (long long)id);
	rc = yw_audit_append(db, a, action, "open311_client", oid, detail);
	json_decref(detail);
	return rc;
}

/* Why name is no client name, or NULL when it is one. */
static const char *
bad_name(const char *name)
{
	size_t n;

	n = name != NULL ? strlen(name) : 0;
	if (n == 0)
		return "required";
	if (!yw_utf8_valid(name, n) || yw_utf8_has_control(name, n, 0))
		return "invalid";
	if (yw_utf8_count(name, n) > YW_OPEN311_NAME_MAX)
		return "too_long";
	return NULL;
}

static enum yw_err
key_insert(struct yw_db *db, const struct yw_actor *a, const char *name,
    const char *token, const char *hash, int64_t now, int64_t *id)
{
	char		prefix[YW_APIKEY_PREFIX_LEN];
	enum yw_err	rc;

	if (bad_name(name) != NULL)
		return YW_EINVAL;
	(void)snprintf(prefix, sizeof(prefix), "%.12s", token);
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_open311_store_client_insert(db, name, prefix, hash, now, id);
	if (rc == YW_OK)
		rc = audit_key(db, a, "open311_key.create", *id, json_pack(
		    "{s:s, s:s}", "name", name, "prefix", prefix));
	return yw_db_end(db, rc);
}

enum yw_err
yw_open311_key_add(struct yw_db *db, const struct yw_actor *a,
    const char *name, int64_t now, char token[YW_APIKEY_MAX], int64_t *id,
    const char **why)
{
	char		hash[YW_APIKEY_HASH_LEN], prefix[YW_APIKEY_PREFIX_LEN];
	enum yw_err	rc;

	*id = 0;
	token[0] = '\0';
	*why = NULL;
	rc = may_manage(a);
	if (rc != YW_OK)
		return rc;
	if ((*why = bad_name(name)) != NULL)
		return YW_EINVAL;
	rc = yw_apikey_new("ywo_", token, hash, prefix);
	if (rc == YW_OK)
		rc = key_insert(db, a, name, token, hash, now, id);
	if (rc != YW_OK)
		token[0] = '\0';
	return rc;
}

enum yw_err
yw_open311_key_ensure(struct yw_db *db, const char *name, const char *token,
    int64_t now, int64_t *id)
{
	char		 hash[YW_APIKEY_HASH_LEN];
	json_t		*row = NULL;
	enum yw_err	 rc;

	*id = 0;
	yw_apikey_hash(token, hash);
	rc = yw_open311_store_client_find(db, hash, &row);
	if (rc == YW_OK)
		*id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	if (rc != YW_ENOTFOUND)
		return rc;
	return key_insert(db, NULL, name, token, hash, now, id);
}

enum yw_err
yw_open311_key_revoke(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t now)
{
	json_t		*row = NULL;
	enum yw_err	 rc;

	rc = may_manage(a);
	if (rc != YW_OK)
		return rc;
	rc = yw_open311_store_client_get(db, id, &row);
	if (rc != YW_OK)
		return rc;
	rc = json_is_null(json_object_get(row, "revoked_at")) ? YW_OK :
	    YW_ECONFLICT;
	json_decref(row);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_open311_store_client_revoke(db, id, now);
	if (rc == YW_OK)
		rc = audit_key(db, a, "open311_key.revoke", id, NULL);
	return yw_db_end(db, rc);
}

enum yw_err
yw_open311_key_list(struct yw_db *db, const struct yw_actor *a, json_t **out)
{
	enum yw_err rc;

	*out = NULL;
	rc = may_manage(a);
	if (rc != YW_OK)
		return rc;
	return yw_open311_store_clients(db, out);
}
