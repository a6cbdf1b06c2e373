/*
 * demo_interviews.h - the demo city's online interviews: a past one of
 * 人社局 with its transcript (and a question left over that became a
 * letter), and an upcoming one with questions asked in advance, some
 * approved, one waiting for moderation. Made through app/interact with
 * the clock set to when each step would have happened. Idempotent.
 */
#ifndef YW_DEMO_INTERVIEWS_H
#define YW_DEMO_INTERVIEWS_H

#include <stdio.h>

#include "core/err.h"
#include "store/db.h"

/* Loads the interviews after the staff and the letters' citizens;
 * prints what it did to log (may be NULL). */
enum yw_err	yw_demo_interviews(struct yw_db *db, FILE *log);

#endif
