/*
 * demo_open311.h - the demo's Open311 client and the requests it posted
 * (app/interact/open311.h): complaints and suggestions placed in 福州.
 */
#ifndef YW_DEMO_OPEN311_H
#define YW_DEMO_OPEN311_H

#include <stdio.h>

#include "core/err.h"
#include "store/db.h"

/* The demo client's key: published, so never use it outside a demo. */
#define YW_DEMO_OPEN311_KEY	"ywo_demo-fuzhou-311-client-not-secret"

/*
 * Adds the demo client (once) and posts its requests through
 * yw_open311_submit with fixed idempotency keys, so running it again adds
 * nothing. log (may be NULL) gets one line.
 */
enum yw_err	yw_demo_open311(struct yw_db *db, FILE *log);

#endif
