/*
 * site.h - site settings: the platform's name, its home region and the
 * responsible department shown in every page's header and footer.
 */
#ifndef YW_SITE_H
#define YW_SITE_H

#include "core/err.h"
#include "store/db.h"

/* Inserts every default setting that is not set yet. */
enum yw_err	yw_site_defaults(struct yw_db *db);
/* Sets key to value (insert or replace). Both borrowed. */
enum yw_err	yw_site_set(struct yw_db *db, const char *key,
		    const char *value);

#endif
