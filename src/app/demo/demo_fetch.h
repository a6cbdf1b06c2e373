/*
 * demo_fetch.h - demo records that the "fetch with consent" materials
 * (service/case_fetch.h) find for the demo citizen. Needs app/data.
 */
#ifndef YW_DEMO_FETCH_H
#define YW_DEMO_FETCH_H

#include <stdio.h>

#include "core/err.h"
#include "store/db.h"

/* Loads (or replaces, by certificate number) the demo citizen's birth
 * record into the Health Commission's resource wjw-0001, when it exists;
 * log (may be NULL) gets one line. */
enum yw_err	yw_demo_fetch(struct yw_db *db, FILE *log);

#endif
