/*
 * solicit_store.h - the SQL of opinion solicitations (solicit.c calls it).
 * Rows come back as new JSON objects or arrays (caller owns); nothing
 * here checks permissions.
 */
#ifndef YW_SOLICIT_STORE_H
#define YW_SOLICIT_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* Inserts s (title, summary, clauses, open_day, close_day, feedback_days,
 * department_id, created_by, idem_key, created_at) and gives its id. */
enum yw_err	yw_solicit_store_insert(struct yw_db *db, json_t *s,
		    int64_t *id);
/* The solicitation created_by made with form token key: YW_ENOTFOUND. */
enum yw_err	yw_solicit_store_by_key(struct yw_db *db, int64_t created_by,
		    const char *key, int64_t *id);
/* One solicitation with its department's names; YW_ENOTFOUND. */
enum yw_err	yw_solicit_store_get(struct yw_db *db, int64_t id,
		    json_t **out);
/* Writes the changeable columns of s if its version is still version
 * (YW_ECONFLICT otherwise). */
enum yw_err	yw_solicit_store_update(struct yw_db *db, json_t *s,
		    int64_t version, int64_t now);
/* Solicitations without their texts, newest opening first, with the
 * counts of approved and pending comments: of one department (0: all),
 * published only when published_only. */
enum yw_err	yw_solicit_store_list(struct yw_db *db, int64_t department_id,
		    int published_only, json_t **out);

enum yw_err	yw_solicit_store_comment_insert(struct yw_db *db, json_t *c,
		    int64_t *id);
/* The comment account_id wrote with form token key: YW_ENOTFOUND. */
enum yw_err	yw_solicit_store_comment_by_key(struct yw_db *db,
		    int64_t account_id, const char *key, int64_t *id);
enum yw_err	yw_solicit_store_comment_get(struct yw_db *db, int64_t id,
		    json_t **out);
/* The comments of a solicitation in clause order, oldest first; state
 * NULL for all. */
enum yw_err	yw_solicit_store_comments(struct yw_db *db,
		    int64_t solicitation_id, const char *state, json_t **out);
/* Moves a pending comment to state with reason; YW_ECONFLICT when it was
 * no longer pending. */
enum yw_err	yw_solicit_store_moderate(struct yw_db *db, int64_t id,
		    const char *state, const char *reason, int64_t by,
		    int64_t now);

#endif
