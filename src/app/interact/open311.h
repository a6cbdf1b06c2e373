/*
 * open311.h - Open311 GeoReport v2 over letters. The complaint and
 * suggestion channels' categories are the services ("complaint-market");
 * a service request is a letter, its service_request_id the letter
 * number, open while the letter waits for its reply and closed once
 * replied or closed, with the published reply as its status_notes.
 *
 * Requests are posted by client applications holding a key (table
 * open311_client, core/apikey.h; issued and revoked with `yiwang open311
 * key`) and written by yw_letter_submit like the web form's letters: the
 * same routing, deadline, query code and idempotency. The client's users
 * write for publication: their letters are published (publish_ok) with
 * personal data masked (core/redact.h); contact details never leave.
 * Lists show those letters from the moment they arrive and other
 * published complaint and suggestion letters once replied.
 *
 * Language-free: service names and messages are the web layer's. Refusals
 * come with *why, a stable reason the web layer words: api_key_missing,
 * api_key_invalid (YW_EFORBIDDEN), service_code_missing,
 * location_missing, lat_long_invalid, description_missing,
 * description_too_long, description_invalid, attribute_invalid,
 * start_date, end_date, date_span, status, service_request_id (YW_EINVAL),
 * service_code_unknown, not_found (YW_ENOTFOUND); or, for a letter field
 * the letter domain refused, "field" with *errors {field: code}.
 */
#ifndef YW_OPEN311_H
#define YW_OPEN311_H

#include <stdint.h>

#include <jansson.h>

#include "core/apikey.h"
#include "core/err.h"
#include "core/workday.h"
#include "store/db.h"

#define YW_OPEN311_DESC_MAX	4000	/* code points, as the spec says */
#define YW_OPEN311_LIMIT	1000	/* requests per answer */
#define YW_OPEN311_SPAN_DAYS	90	/* default and widest date window */
#define YW_OPEN311_IDS_MAX	50	/* service_request_id list */
#define YW_OPEN311_CODE_MAX	48	/* "complaint-public_security" */
struct yw_actor;

#define YW_OPEN311_NAME_MAX	64	/* client name */

/* "channel-category" into code; YW_EINVAL when either is not one of the
 * Open311 channels or the letter categories. */
enum yw_err	yw_open311_code(const char *channel, const char *category,
		    char code[YW_OPEN311_CODE_MAX]);
/* The channel and category of a service code (borrowed from the letter
 * tables): YW_ENOTFOUND when it is no service. */
enum yw_err	yw_open311_service_parse(const char *code,
		    const char **channel, const char **category);

/* The services: a new array of {service_code, channel, category,
 * metadata: true, type: "realtime"}. */
enum yw_err	yw_open311_services(json_t **out);

/*
 * The definition of service code: a new {service_code, attributes: [...]}
 * of the attributes a request may carry: "region" (singlevaluelist of the
 * regions down to districts, not required: the top region otherwise) and
 * "title" (string, not required: the description's start otherwise).
 * Each attribute's description is left "" for the web layer.
 */
enum yw_err	yw_open311_service_def(struct yw_db *db, const char *code,
		    json_t **out, const char **why);

/* GET requests: the query's parameters as sent (borrowed; NULL or ""
 * when absent). */
struct yw_open311_query {
	const char	*ids;		/* comma list: overrides the rest */
	const char	*service_codes;	/* comma list */
	const char	*start_date;	/* W3C */
	const char	*end_date;
	const char	*status;	/* "open", "closed" or both */
};

/*
 * The matching requests, newest first, at most YW_OPEN311_LIMIT, in the
 * window [start, end] of at most YW_OPEN311_SPAN_DAYS (default: the last
 * 90 days up to now): a new array of request objects in the spec's field
 * order, times as W3C with +08:00, lat and long numbers or null. The
 * service_name field is left null for the web layer.
 */
enum yw_err	yw_open311_requests(struct yw_db *db,
		    const struct yw_workday_cal *cal,
		    const struct yw_open311_query *q, int64_t now,
		    json_t **out, const char **why);
/* One request by its id as a one-element array; YW_ENOTFOUND. */
enum yw_err	yw_open311_request(struct yw_db *db,
		    const struct yw_workday_cal *cal, const char *id,
		    json_t **out);

/*
 * POST requests: params (borrowed) holds the form's fields as strings
 * (attributes as "attribute[code]"); api_key and idem (an Idempotency-Key
 * header, NULL when none) as sent. A retry with the same key and
 * Idempotency-Key gives the first letter. On YW_OK *out (new) is
 * {service_request_id, service_code, due (YYYY-MM-DD), code (the query
 * code, shown once)}.
 */
enum yw_err	yw_open311_submit(struct yw_db *db,
		    const struct yw_workday_cal *cal, json_t *params,
		    const char *api_key, const char *idem, int64_t now,
		    json_t **out, json_t **errors, const char **why);

/* The client holding api_key (borrowed): *client its id, or *why
 * (api_key_missing, api_key_invalid) and YW_EFORBIDDEN. */
enum yw_err	yw_open311_client(struct yw_db *db, const char *api_key,
		    int64_t now, int64_t *client, const char **why);

/*
 * Client keys, managed by the operator at the console (a NULL) or by a
 * platform admin (else YW_EFORBIDDEN); every change audited as a's.
 * Add: name 1 to YW_OPEN311_NAME_MAX characters of text, else YW_EINVAL
 * with *why "required", "too_long" or "invalid"; the secret is in token,
 * to be shown once.
 */
enum yw_err	yw_open311_key_add(struct yw_db *db, const struct yw_actor *a,
		    const char *name, int64_t now, char token[YW_APIKEY_MAX],
		    int64_t *id, const char **why);
/* Revokes key id; YW_ENOTFOUND, YW_ECONFLICT when already revoked. */
enum yw_err	yw_open311_key_revoke(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, int64_t now);
/* A new array of {id, name, prefix, created_at, revoked_at,
 * last_used_at}, newest first. */
enum yw_err	yw_open311_key_list(struct yw_db *db, const struct yw_actor *a,
		    json_t **out);
/*
 * Adds the client named name with the given secret unless a client with
 * that secret exists (the demo's published key): *id either way.
 */
enum yw_err	yw_open311_key_ensure(struct yw_db *db, const char *name,
		    const char *token, int64_t now, int64_t *id);

#endif
