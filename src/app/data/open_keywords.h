/*
 * open_keywords.h - the keywords of an open data set (CKAN tags,
 * dcat:keyword, words of its search document), edited by the data
 * stewards of its department. Needs store/db.h, audit, open.h.
 *
 * Keywords are entered as one text separated by commas (, ，), 、, ; ；
 * or line breaks; each is trimmed, empty ones dropped and repeats kept
 * once, in the order given. Stored comma-separated.
 */
#ifndef YW_OPEN_KEYWORDS_H
#define YW_OPEN_KEYWORDS_H

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

#define YW_OPEN_KEYWORD_MAX	32	/* code points of one keyword */
#define YW_OPEN_KEYWORDS_COUNT	20	/* keywords of a data set */

/*
 * The data set code as its editor sees it: *out (caller owns) =
 * {dataset: {code, name, name_en, department_name, department_name_en,
 * open_attr, keywords: [..]}, keywords_text: "a, b"}. For a's
 * department's data_steward and a platform_admin: YW_EAUTH without a
 * login, YW_EFORBIDDEN for other accounts, YW_ENOTFOUND for a data set
 * of another department (or not open).
 */
enum yw_err	yw_open_keywords_get(struct yw_db *db,
		    const struct yw_actor *a, const char *code, json_t **out);

/*
 * Replaces the keywords of code by text (borrowed, see above), reindexes
 * its search document and appends the audit entry
 * "open_dataset.keywords", in one transaction. Who may: as for
 * yw_open_keywords_get. YW_EINVAL with *errors (caller owns)
 * {"keywords": code}: "control", "keyword_too_long" (one is over
 * YW_OPEN_KEYWORD_MAX), "too_many" (over YW_OPEN_KEYWORDS_COUNT).
 */
enum yw_err	yw_open_keywords_set(struct yw_db *db,
		    const struct yw_actor *a, const char *code,
		    const char *text, json_t **errors);

#endif
