/*
 * session.h - server-side sessions. The browser holds a random cookie token;
 * the database keeps only its BLAKE2b-256 (hex), so a leaked table cannot be
 * replayed. Sessions end after an idle period or an absolute lifetime,
 * whichever comes first. Needs store/db.h, org (actor loading) and audit.
 */
#ifndef YW_SESSION_H
#define YW_SESSION_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

#define YW_SESSION_IDLE		(30 * 60)	/* seconds without a request */
#define YW_SESSION_ABSOLUTE	(12 * 60 * 60)	/* seconds since login */
/* last_seen is written at most this often, so a page view is not a write;
 * the idle timeout is therefore exact only to within this margin. */
#define YW_SESSION_TOUCH	60
#define YW_SESSION_TOKEN_LEN	43	/* base64url of 32 random bytes */
#define YW_SESSION_UA_MAX	255	/* bytes of User-Agent kept */
#define YW_SESSION_UA_SHOW	80	/* code points shown in the list */

/*
 * Creates a session for account_id and writes its cookie token and CSRF
 * token (YW_SESSION_TOKEN_LEN characters, NUL-terminated) into token and
 * csrf. source_ip and user_agent are borrowed and may be NULL; the agent is
 * cut to YW_SESSION_UA_MAX bytes and dropped if it is not UTF-8. Opens no
 * transaction, so it can run inside the caller's (yw_account_login_finish
 * does). Most callers want yw_account_login_finish instead.
 */
enum yw_err	yw_session_create(struct yw_db *db, int64_t account_id,
		    const char *source_ip, const char *user_agent, int64_t now,
		    char token[64], char csrf[64]);

/*
 * Looks up the session for a cookie token (borrowed). YW_EAUTH when it is
 * missing, malformed, expired (idle or absolute) or its account is
 * disabled; the rows of the last two are deleted. On YW_OK fills *actor
 * through yw_org_actor_load and copies the session's CSRF token into csrf;
 * on any error *actor is anonymous and csrf "". Either way the caller's
 * actor->source_ip is kept. Writes last_seen at most once every
 * YW_SESSION_TOUCH seconds.
 */
enum yw_err	yw_session_lookup(struct yw_db *db, const char *token,
		    int64_t now, struct yw_actor *actor, char csrf[64]);

/*
 * A per-process memory of recent lookups (a kore worker's), so a request
 * need not read the session and its account again: an entry is used only
 * while the database is unchanged since it was read (any write by any
 * process, a logout or a disabled account included, drops them all, see
 * yw_session_store_version) and while the entry's own times still pass
 * the idle, absolute and touch rules. On PostgreSQL every lookup reads.
 */
struct yw_session_cache;

/* A new, empty cache (caller frees with yw_session_cache_destroy), or
 * NULL when out of memory. */
struct yw_session_cache	*yw_session_cache_create(void);
void			 yw_session_cache_destroy(struct yw_session_cache *c);

/* yw_session_lookup through c (borrowed; NULL reads every time): the same
 * results for the same database state. */
enum yw_err	yw_session_lookup_cached(struct yw_db *db,
		    struct yw_session_cache *c, const char *token, int64_t now,
		    struct yw_actor *actor, char csrf[64]);

/* Ends this session (token borrowed). YW_OK also when there was none. */
enum yw_err	yw_session_logout(struct yw_db *db, const char *token);

/*
 * Ends account_id's sessions except keep_token's (borrowed; NULL or
 * malformed ends them all); *n (may be NULL) receives how many ended.
 * Opens no transaction and writes no audit entry: for callers that do both
 * (a password change ends the other sessions).
 */
enum yw_err	yw_session_end_others(struct yw_db *db, int64_t account_id,
		    const char *keep_token, int64_t *n);

/*
 * Ends every session of a's account ("log out everywhere"), the caller's
 * own included; for staff writes the audit entry "session.logout_all".
 * YW_EAUTH for an anonymous actor.
 */
enum yw_err	yw_session_logout_all(struct yw_db *db,
		    const struct yw_actor *a);

/*
 * a's sessions, most recently used first, as a new array (caller owns
 * *out) of {created_at_local, last_seen_local, source_ip, user_agent (at
 * most YW_SESSION_UA_SHOW code points, "…" when cut), current: true for
 * current_token's (borrowed, may be NULL)}. Sessions already expired but
 * not yet purged are left out; now is the current time.
 * YW_EAUTH for an anonymous actor.
 */
enum yw_err	yw_session_list(struct yw_db *db, const struct yw_actor *a,
		    const char *current_token, int64_t now, json_t **out);

/* Deletes expired sessions and login_failure rows no throttle still
 * counts. Meant for a periodic job. */
enum yw_err	yw_session_purge(struct yw_db *db, int64_t now);

#endif
