/*
 * demo_surveys.h - the online surveys of the demo city: a closed one of
 * the human resources and social security bureau (人社局) with a few
 * hundred responses and public results, and an open one of the letters
 * and visits bureau (信访局). Idempotent: a survey already there (by
 * title) is left alone.
 */
#ifndef YW_DEMO_SURVEYS_H
#define YW_DEMO_SURVEYS_H

#include <stdio.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/* Loads the surveys as a (borrowed, a platform administrator) after the
 * departments and the demo citizen; prints what it did to log (may be
 * NULL). */
enum yw_err	yw_demo_surveys(struct yw_db *db, const struct yw_actor *a,
		    FILE *log);

#endif
