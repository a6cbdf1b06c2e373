/*
 * demo_solicit.h - opinion solicitations of the demo city: one open draft
 * of the human resources bureau (人社局) with clauses and approved and
 * pending comments, one closed with its feedback published, and one
 * closed whose feedback is overdue. Made through app/interact with the
 * clock set back, so every row and audit entry is what the domain writes.
 * Idempotent: nothing is added twice.
 */
#ifndef YW_DEMO_SOLICIT_H
#define YW_DEMO_SOLICIT_H

#include <stdio.h>

#include "core/err.h"
#include "store/db.h"

/* Loads the solicitations after the staff and the letters' demo writers;
 * prints what it did to log (may be NULL). */
enum yw_err	yw_demo_solicit(struct yw_db *db, FILE *log);

#endif
