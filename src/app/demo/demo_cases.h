/*
 * demo_cases.h - what the demo city needs for applying: the application
 * forms of the items the bundles join (and a few more), and the three
 * bundles 新生儿出生一件事, 开办企业一件事 and 退休一件事. Items are found by
 * department and name in the demo catalogue (demo_services.c), so their
 * generated codes need not be known here. Idempotent: forms and bundles
 * equal to what is stored change nothing.
 */
#ifndef YW_DEMO_CASES_H
#define YW_DEMO_CASES_H

#include <stdio.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/* Loads the forms and bundles as a (borrowed, a platform administrator)
 * after the catalogue; prints what it did to log (may be NULL). An item
 * the catalogue lacks is reported on stderr and skipped. */
enum yw_err	yw_demo_cases(struct yw_db *db, const struct yw_actor *a,
		    FILE *log);

#endif
