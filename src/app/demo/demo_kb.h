/*
 * demo_kb.h - the demo city's consultation knowledge base: about thirty
 * answers that departments keep (社保, 户籍, 公积金, 营业执照, 医保, 税务,
 * 教育, 民政), saved through app/interact/kb (audited, indexed), and the
 * published consultation replies of the demo letters put into the index.
 * Idempotent: an answer already there is left as it is.
 */
#ifndef YW_DEMO_KB_H
#define YW_DEMO_KB_H

#include <stdio.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/* Loads the answers as a (borrowed, a platform administrator) after the
 * departments and the demo letters; prints what it did to log (may be
 * NULL). */
enum yw_err	yw_demo_kb(struct yw_db *db, const struct yw_actor *a,
		    FILE *log);

#endif
