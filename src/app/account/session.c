#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/account/account.h"
#include "app/account/account_store.h"
#include "app/account/session.h"
#include "app/account/session_store.h"
#include "app/audit/audit.h"
#include "app/org/org.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#define TOKEN_BYTES	32

/* A well-formed token is 43 base64url characters; anything else is refused
 * before it costs a hash and a query. */
static int
token_shape_ok(const char *t)
{
	size_t	i;

	if (t == NULL)
		return 0;
	for (i = 0; t[i] != '\0'; i++) {
		if (i >= YW_SESSION_TOKEN_LEN)
			return 0;
		if (!((t[i] >= 'A' && t[i] <= 'Z') ||
		    (t[i] >= 'a' && t[i] <= 'z') ||
		    (t[i] >= '0' && t[i] <= '9') || t[i] == '-' || t[i] == '_'))
			return 0;
	}
	return i == YW_SESSION_TOKEN_LEN;
}

static void
token_hash(const char *token, char hex[YW_SESSION_STORE_HASH_LEN + 1])
{
	unsigned char	h[crypto_generichash_BYTES];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(hex, YW_SESSION_STORE_HASH_LEN + 1, h, sizeof(h));
}

static void
random_token(char out[64])
{
	unsigned char	raw[TOKEN_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 64, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/*
 * The User-Agent as stored: at most YW_SESSION_UA_MAX bytes, cut on a
 * character boundary; "" when it is not UTF-8 or holds control characters
 * (it is shown back to the user and is not worth repairing).
 */
static void
clean_agent(const char *ua, char *out, size_t outsz)
{
	size_t	n;

	out[0] = '\0';
	if (ua == NULL)
		return;
	n = strlen(ua);
	if (n >= outsz) {
		n = outsz - 1;
		while (n > 0 && ((unsigned char)ua[n] & 0xC0) == 0x80)
			n--;
	}
	if (!yw_utf8_valid(ua, n) || yw_utf8_has_control(ua, n, 0))
		return;
	memcpy(out, ua, n);
	out[n] = '\0';
}

enum yw_err
yw_session_create(struct yw_db *db, int64_t account_id,
    const char *source_ip, const char *user_agent, int64_t now,
    char token[64], char csrf[64])
{
	char		hex[YW_SESSION_STORE_HASH_LEN + 1];
	char		ua[YW_SESSION_UA_MAX + 1];
	char		ip[64];
	enum yw_err	rc;

	token[0] = '\0';
	csrf[0] = '\0';
	if (sodium_init() < 0)
		return YW_EINTERNAL;
	if (account_id <= 0)
		return YW_EINVAL;
	ip[0] = '\0';
	if (source_ip != NULL &&
	    (size_t)snprintf(ip, sizeof(ip), "%s", source_ip) >= sizeof(ip))
		return YW_EINVAL;
	clean_agent(user_agent, ua, sizeof(ua));
	random_token(token);
	random_token(csrf);
	token_hash(token, hex);
	rc = yw_session_store_insert(db, hex, account_id, csrf, now,
	    now + YW_SESSION_ABSOLUTE, ip, ua);
	if (rc != YW_OK) {
		sodium_memzero(token, 64);
		sodium_memzero(csrf, 64);
	}
	return rc;
}

/* The lookup by token hash; on YW_OK *row holds the session as it now
 * stands (last_seen after a touch). Leaves actor->source_ip alone. */
static enum yw_err
lookup_hex(struct yw_db *db, const char *hex, int64_t now,
    struct yw_actor *actor, char csrf[64], struct yw_session_store_row *row)
{
	enum yw_err rc;

	rc = yw_session_store_find(db, hex, row);
	if (rc == YW_ENOTFOUND)
		return YW_EAUTH;
	if (rc != YW_OK)
		return rc;
	if (!row->account_active || now >= row->expires_at ||
	    now - row->last_seen > YW_SESSION_IDLE) {
		rc = yw_session_store_delete(db, hex);
		return rc == YW_OK ? YW_EAUTH : rc;
	}
	if (now - row->last_seen >= YW_SESSION_TOUCH) {
		rc = yw_session_store_touch(db, hex, now);
		if (rc != YW_OK)
			return rc;
		row->last_seen = now;
	}
	rc = yw_org_actor_load(db, row->account_id, actor);
	if (rc == YW_ENOTFOUND)
		return YW_EAUTH;
	if (rc != YW_OK)
		return rc;
	memcpy(csrf, row->csrf, sizeof(row->csrf));
	return YW_OK;
}

#define CACHE_SLOTS	64

struct cache_entry {
	char			hex[YW_SESSION_STORE_HASH_LEN + 1];
	int64_t			version[2];
	int64_t			last_seen;
	int64_t			expires_at;
	char			csrf[64];
	struct yw_actor		actor;
};

struct yw_session_cache {
	struct cache_entry	e[CACHE_SLOTS];
};

struct yw_session_cache *
yw_session_cache_create(void)
{
	return calloc(1, sizeof(struct yw_session_cache));
}

void
yw_session_cache_destroy(struct yw_session_cache *c)
{
	if (c == NULL)
		return;
	sodium_memzero(c, sizeof(*c));
	free(c);
}

/* The slot a token hash lives in: its first hex digits, already random. */
static struct cache_entry *
cache_slot(struct yw_session_cache *c, const char *hex)
{
	unsigned long	v;
	char		head[5];

	memcpy(head, hex, 4);
	head[4] = '\0';
	v = strtoul(head, NULL, 16);
	return &c->e[v % CACHE_SLOTS];
}

enum yw_err
yw_session_lookup_cached(struct yw_db *db, struct yw_session_cache *c,
    const char *token, int64_t now, struct yw_actor *actor, char csrf[64])
{
	struct yw_session_store_row	 row;
	struct cache_entry		*e = NULL;
	char				 hex[YW_SESSION_STORE_HASH_LEN + 1];
	char				 ip[sizeof(actor->source_ip)];
	int64_t				 v[2];
	enum yw_err			 rc;

	memcpy(ip, actor->source_ip, sizeof(ip));
	ip[sizeof(ip) - 1] = '\0';
	csrf[0] = '\0';
	if (!token_shape_ok(token)) {
		rc = YW_EAUTH;
		goto out;
	}
	token_hash(token, hex);
	if (c != NULL && yw_session_store_version(db, v) == YW_OK) {
		e = cache_slot(c, hex);
		/* The rules of lookup_hex, on the times it last read; a
		 * touch due goes to the database. */
		if (strcmp(e->hex, hex) == 0 && e->version[0] == v[0] &&
		    e->version[1] == v[1] && now < e->expires_at &&
		    now - e->last_seen < YW_SESSION_TOUCH &&
		    now >= e->last_seen) {
			*actor = e->actor;
			memcpy(csrf, e->csrf, sizeof(e->csrf));
			rc = YW_OK;
			goto out;
		}
		e->hex[0] = '\0';
	}
	rc = lookup_hex(db, hex, now, actor, csrf, &row);
	if (rc == YW_OK && e != NULL) {
		memcpy(e->hex, hex, sizeof(hex));
		e->version[0] = v[0];
		e->version[1] = v[1];
		e->last_seen = row.last_seen;
		e->expires_at = row.expires_at;
		memcpy(e->csrf, csrf, sizeof(e->csrf));
		e->actor = *actor;
	}
out:
	if (rc != YW_OK)
		memset(actor, 0, sizeof(*actor));
	memcpy(actor->source_ip, ip, sizeof(ip));
	return rc;
}

enum yw_err
yw_session_lookup(struct yw_db *db, const char *token, int64_t now,
    struct yw_actor *actor, char csrf[64])
{
	return yw_session_lookup_cached(db, NULL, token, now, actor, csrf);
}

enum yw_err
yw_session_logout(struct yw_db *db, const char *token)
{
	char	hex[YW_SESSION_STORE_HASH_LEN + 1];

	if (!token_shape_ok(token))
		return YW_OK;
	token_hash(token, hex);
	return yw_session_store_delete(db, hex);
}

enum yw_err
yw_session_end_others(struct yw_db *db, int64_t account_id,
    const char *keep_token, int64_t *n)
{
	char	hex[YW_SESSION_STORE_HASH_LEN + 1];

	hex[0] = '\0';
	if (token_shape_ok(keep_token))
		token_hash(keep_token, hex);
	return yw_session_store_delete_account(db, account_id, hex, n);
}

enum yw_err
yw_session_logout_all(struct yw_db *db, const struct yw_actor *a)
{
	json_t		*detail = NULL;
	char		 id[24];
	int64_t		 n = 0;
	enum yw_err	 rc;

	if (a == NULL || a->id <= 0)
		return YW_EAUTH;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_session_store_delete_account(db, a->id, NULL, &n);
	if (rc != YW_OK)
		goto out;
	if (strcmp(a->kind, "staff") == 0) {
		(void)snprintf(id, sizeof(id), "%lld", (long long)a->id);
		detail = json_pack("{sI}", "sessions", (json_int_t)n);
		if (detail == NULL) {
			rc = YW_ENOMEM;
			goto out;
		}
		rc = yw_audit_append(db, a, "session.logout_all", "account",
		    id, detail);
		if (rc != YW_OK)
			goto out;
	}
	rc = yw_db_commit(db);
out:
	if (rc != YW_OK)
		(void)yw_db_rollback(db);
	json_decref(detail);
	return rc;
}

/* ua shortened for display to YW_SESSION_UA_SHOW code points. */
static json_t *
short_agent(const char *ua)
{
	static const char	 ell[] = "\xE2\x80\xA6";	/* U+2026 */
	char			 buf[YW_SESSION_UA_MAX + sizeof(ell)];
	size_t			 len = strlen(ua), i = 0, k = 0, step;
	uint32_t		 cp;

	if (yw_utf8_count(ua, len) <= YW_SESSION_UA_SHOW)
		return json_stringn(ua, len);
	while (k < YW_SESSION_UA_SHOW - 1 && i < len) {
		step = yw_utf8_decode(ua + i, len - i, &cp);
		i += step;
		k++;
	}
	if (i + sizeof(ell) > sizeof(buf))
		return NULL;
	memcpy(buf, ua, i);
	memcpy(buf + i, ell, sizeof(ell));
	return json_string(buf);
}

static enum yw_err
local_time(json_t *o, const char *key, json_t *t)
{
	char	buf[20];

	if (yw_time_fmt_local((int64_t)json_integer_value(t), buf,
	    sizeof(buf), 1) != YW_OK)
		buf[0] = '\0';
	if (json_object_set_new(o, key, json_string(buf)) != 0)
		return YW_ENOMEM;
	return YW_OK;
}

enum yw_err
yw_session_list(struct yw_db *db, const struct yw_actor *a,
    const char *current_token, int64_t now, json_t **out)
{
	json_t		*rows = NULL, *list = NULL, *r, *o;
	char		 hex[YW_SESSION_STORE_HASH_LEN + 1];
	const char	*h, *ua;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	if (a == NULL || a->id <= 0)
		return YW_EAUTH;
	hex[0] = '\0';
	if (token_shape_ok(current_token))
		token_hash(current_token, hex);
	rc = yw_session_store_list(db, a->id, now, now - YW_SESSION_IDLE,
	    &rows);
	if (rc != YW_OK)
		goto out;
	list = json_array();
	if (list == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	json_array_foreach(rows, i, r) {
		h = json_string_value(json_object_get(r, "token_hash"));
		ua = json_string_value(json_object_get(r, "user_agent"));
		o = json_object();
		if (o == NULL || json_array_append_new(list, o) != 0) {
			rc = YW_ENOMEM;
			goto out;
		}
		rc = local_time(o, "created_at_local",
		    json_object_get(r, "created_at"));
		if (rc == YW_OK)
			rc = local_time(o, "last_seen_local",
			    json_object_get(r, "last_seen"));
		if (rc != YW_OK)
			goto out;
		if (json_object_set(o, "source_ip",
		    json_object_get(r, "source_ip")) != 0 ||
		    json_object_set_new(o, "user_agent",
		    short_agent(ua != NULL ? ua : "")) != 0 ||
		    json_object_set_new(o, "current", json_boolean(
		    hex[0] != '\0' && h != NULL && strcmp(h, hex) == 0)) != 0) {
			rc = YW_ENOMEM;
			goto out;
		}
	}
	*out = list;
	list = NULL;
out:
	json_decref(rows);
	json_decref(list);
	return rc;
}

enum yw_err
yw_session_purge(struct yw_db *db, int64_t now)
{
	int64_t		keep = YW_LOGIN_WINDOW;
	enum yw_err	rc;

	if (YW_REGISTER_WINDOW > keep)
		keep = YW_REGISTER_WINDOW;
	rc = yw_session_store_purge(db, now, now - YW_SESSION_IDLE);
	if (rc != YW_OK)
		return rc;
	return yw_account_store_failure_purge(db, now - keep);
}
