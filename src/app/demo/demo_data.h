/*
 * demo_data.h - demo catalogue entries (政务信息资源目录), grants and records
 * for the data exchange. Idempotent: an entry already there is left alone.
 */
#ifndef YW_DEMO_DATA_H
#define YW_DEMO_DATA_H

#include <stdio.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/* a (borrowed) is the demo's platform-admin actor; log may be NULL. */
enum yw_err	yw_demo_data(struct yw_db *db, const struct yw_actor *a,
		    FILE *log);

#endif
