/*
 * fresh.h - freshness of catalogue entries (时效性): a resource whose
 * records were last updated longer ago than its update cycle allows is
 * late; its department's stewards are told once per lateness. Needs
 * store/db.h, notify and fresh_store.h.
 *
 * Limits: realtime 1 hour; daily 1, weekly 7, monthly 31, quarterly 92,
 * yearly 366 days, each plus YW_DATA_FRESH_GRACE. The last update is
 * records_updated_at (set by pushes), or the entry's creation when nothing
 * was ever pushed.
 */
#ifndef YW_DATA_FRESH_H
#define YW_DATA_FRESH_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

#define YW_DATA_FRESH_GRACE	86400	/* seconds, for day-based cycles */

/* Seconds after its last update at which a resource of update_cycle is
 * late; 0 for an unknown cycle (never late). */
int64_t		yw_data_fresh_limit(const char *update_cycle);

/* 1 if a resource of update_cycle last updated at last is late at now. */
int		yw_data_fresh_late(const char *update_cycle, int64_t last,
		    int64_t now);

/*
 * Adds to each catalogue row of list (borrowed; rows with update_cycle,
 * records_updated_at and created_at) "late" (bool) and "last_update"
 * (YYYY-MM-DD, Asia/Shanghai).
 */
void		yw_data_fresh_mark(json_t *list, int64_t now);

/*
 * The freshness job: every active late resource's data stewards (its
 * department's dept_admins when it has none) get an inbox message, once
 * per lateness (a later push starts a new one). Running it again sends
 * nothing new. *late receives the late resources found.
 */
enum yw_err	yw_data_fresh_run(struct yw_db *db, int64_t now, int *late);

#endif
