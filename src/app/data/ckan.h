/*
 * ckan.h - a subset of the CKAN Action API (v3) over the open data sets
 * (open.h), so tools written for CKAN portals work unchanged:
 * package_search, package_show, package_list, organization_list,
 * organization_show, tag_list and status_show. A package is an open data
 * set (name = its code), an organization a department, tags its keywords,
 * resources its CSV and JSON distributions (none for 有条件开放). Needs
 * open.h and org.
 *
 * Every answer is CKAN's envelope {help, success, result | error}; errors
 * carry CKAN's __type and status: 404 Not Found Error, 409 Validation
 * Error (one key per parameter, each a list of messages), 400 Search
 * Query Error, 403 Authorization Error (write actions). Dates are
 * isoformat without a zone (UTC). rows is limited to YW_CKAN_ROWS_MAX
 * (a larger value is clamped, as CKAN does).
 */
#ifndef YW_CKAN_H
#define YW_CKAN_H

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

#define YW_CKAN_ROWS_DEFAULT	10
#define YW_CKAN_ROWS_MAX	1000
#define YW_CKAN_FACET_LIMIT	50

/* 1 when name is an action of the subset, 2 for a CKAN write action
 * (refused), 0 when CKAN would not know it. */
int		yw_ckan_known(const char *name);

/*
 * Runs action with params (borrowed object: strings as a query string
 * gives them, or any JSON of a POST body). base is the site's URL
 * ("http://host", no trailing '/'), site the site settings (both
 * borrowed); post says the call came as a POST. *status gets the HTTP
 * status and *out (caller owns) the envelope. YW_OK unless the database
 * fails or memory runs out; YW_ENOTFOUND for an unknown action (the
 * caller answers 400 with a bare string, as CKAN does).
 */
enum yw_err	yw_ckan_call(struct yw_db *db, const char *base, json_t *site,
		    const char *action, json_t *params, int post, int *status,
		    json_t **out);

#endif
