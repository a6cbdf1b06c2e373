/*
 * demo_services.h - the demo city's service catalogue: about fifty
 * published items of the demo departments with every standard field
 * filled (among them the items of the bundles 新生儿出生一件事, 开办企业一件事
 * and 退休一件事), and two incomplete drafts. Idempotent: an item whose
 * department already has one of the same name is left alone.
 */
#ifndef YW_DEMO_SERVICES_H
#define YW_DEMO_SERVICES_H

#include <stdio.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/* Loads the items of root/data/demo/services.json as a (borrowed, a
 * platform administrator) through the audited catalogue API, after the
 * departments exist; prints how many were added to log (may be NULL). A
 * refused item is reported on stderr. */
enum yw_err	yw_demo_services(struct yw_db *db, const struct yw_actor *a,
		    const char *root, FILE *log);

#endif
