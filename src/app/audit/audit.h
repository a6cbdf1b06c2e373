/*
 * audit.h - the append-only, hash-chained audit log of staff actions.
 * Each entry's hash covers the previous entry's hash and the entry's own
 * canonical content; audit_head holds the tip, so an edited, inserted,
 * reordered or deleted entry (the newest included) breaks verification.
 * Needs store/db.h, libsodium (BLAKE2b) and jansson.
 */
#ifndef YW_AUDIT_H
#define YW_AUDIT_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

#define YW_AUDIT_HASH_HEX	64	/* hex BLAKE2b-256, without the NUL */
#define YW_AUDIT_LIST_DEFAULT	50
#define YW_AUDIT_LIST_MAX	200

/*
 * Appends one entry for actor a (borrowed; NULL records a system entry
 * with no actor). Must run inside a transaction the caller opened with
 * yw_db_begin, so that a change and its entry commit or roll back
 * together; two writers are serialised by SQLite's BEGIN IMMEDIATE or, on
 * PostgreSQL, by a row lock on audit_head (SELECT ... FOR UPDATE).
 *
 * id = last_id + 1, at = yw_time_now(), actor_id / actor_login /
 * department_id / source_ip from a (actor id 0 and department 0 are stored
 * as NULL), prev_hash = the head's hash, and
 *   hash = hex(BLAKE2b-256(prev_hash || canonical))
 * where prev_hash is the 64 hex characters and canonical is
 * json_dumps(JSON_SORT_KEYS | JSON_COMPACT) of {id, at, actor_id,
 * actor_login, department_id, action, object_type, object_id, detail,
 * source_ip}. detail enters the canonical form as the exact text stored in
 * the row (a JSON string holding compact sorted JSON), so the hash covers
 * the stored bytes, not a re-serialisation of them.
 *
 * action (required), object_type and object_id (NULL = "") and detail
 * (NULL = {}) are borrowed. YW_EINVAL for an empty action or text that is
 * not UTF-8; YW_ECONFLICT if the head moved under us (a writer that did
 * not lock); YW_EDB.
 */
enum yw_err	yw_audit_append(struct yw_db *db, const struct yw_actor *a,
		    const char *action, const char *object_type,
		    const char *object_id, json_t *detail);

/*
 * yw_audit_append for an object named by its numeric id, taking detail
 * (a new reference, or NULL): the helper every domain that audits rows
 * by id wants.
 */
enum yw_err	yw_audit_append_id(struct yw_db *db, const struct yw_actor *a,
		    const char *action, const char *object_type, int64_t id,
		    json_t *detail);

/*
 * Walks the whole chain in id order, reading the rows and the head in one
 * statement (one consistent snapshot, so concurrent appends cause no false
 * alarm). Intact means: ids are 1..n without gaps, each prev_hash equals
 * the previous row's hash (the first row's equals 64 zeros), each hash
 * recomputes, and audit_head equals (n, hash of row n). Returns YW_OK with
 * *count = n; or YW_ECONFLICT with *bad_id = the first bad entry: the row
 * whose content or link is wrong, the first missing id for a gap or a
 * deleted tail, or the first row past the head for appended rows. Either
 * out-parameter may be NULL. YW_EDB when the walk itself fails.
 */
enum yw_err	yw_audit_verify(struct yw_db *db, int64_t *count,
		    int64_t *bad_id);

/*
 * Filter for yw_audit_list; borrowed. Strings NULL or "" and numbers 0
 * mean "any". Times are unix seconds: from <= at < to. before_id pages
 * backwards: pass the previous page's next_before_id. limit 0 means
 * YW_AUDIT_LIST_DEFAULT; larger than YW_AUDIT_LIST_MAX is clamped.
 */
struct yw_audit_filter {
	const char	*actor_login;	/* exact */
	const char	*action;	/* exact, "staff.create" */
	const char	*object_type;	/* exact */
	int64_t		 department_id;
	int64_t		 from;
	int64_t		 to;
	int64_t		 before_id;
	int		 limit;
};

/*
 * Entries newest first, for a platform administrator (all entries) or an
 * auditor (entries whose department's region path starts with the
 * auditor's a->region_path, plus entries without a department when the
 * auditor's region is a top-level one). Anyone else, and an auditor
 * without a region, gets YW_EFORBIDDEN. f may be NULL.
 *
 * *out (caller owns) = {entries: [{id, at, at_local ("2026-11-28 15:37",
 * Asia/Shanghai), actor_login, department_id (or null), department_name
 * (or null), action, object_type, object_id, detail (the stored JSON
 * text), source_ip, hash (first 12 hex characters)}], next_before_id (id to
 * pass as before_id for the next page, or null on the last page)}.
 */
enum yw_err	yw_audit_list(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_audit_filter *f, json_t **out);

/*
 * The id of the newest entry: a version number for everything public. Every
 * change to public data (regions, departments, and later catalogues and
 * content) is a staff action and so appends an entry; page caches compare
 * this number to know they are stale. A plain read, no lock.
 */
enum yw_err	yw_audit_epoch(struct yw_db *db, int64_t *epoch);

/*
 * The epoch as yw_audit_epoch, and in *changed whether any entry newer
 * than since is about object_type, in one read: a cache of one kind of
 * object (the working-day calendar) stays valid while other actions (a
 * letter submitted every millisecond) move the epoch.
 */
enum yw_err	yw_audit_since(struct yw_db *db, int64_t since,
		    const char *object_type, int64_t *epoch, int *changed);

#endif
