/*
 * account_store.h - SQL for the account and login_failure tables; internal
 * to the account domain. Opens no transactions: callers group statements.
 */
#ifndef YW_ACCOUNT_STORE_H
#define YW_ACCOUNT_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "app/account/password.h"
#include "core/err.h"
#include "store/db.h"

/* What a login needs to know about an account. */
struct yw_account_store_auth {
	int64_t	id;
	char	kind[12];
	int	active;		/* status = 'active' */
	char	hash[YW_PASSWORD_HASH_MAX];
};

/* A new citizen or business account; strings borrowed, "" when unused. */
struct yw_account_store_new {
	const char	*kind;
	const char	*login;
	const char	*phone;
	const char	*email;
	const char	*display_name;
	const char	*org_name;
	const char	*credit_code;
	const char	*password_hash;
	int64_t		 now;
};

/* YW_ENOTFOUND when no account has that login / id. */
enum yw_err	yw_account_store_auth_by_login(struct yw_db *db,
		    const char *login, struct yw_account_store_auth *out);
enum yw_err	yw_account_store_auth_by_id(struct yw_db *db, int64_t id,
		    struct yw_account_store_auth *out);
/* YW_ECONFLICT when the login is taken (the UNIQUE constraint). */
enum yw_err	yw_account_store_insert(struct yw_db *db,
		    const struct yw_account_store_new *n, int64_t *id);
enum yw_err	yw_account_store_set_password(struct yw_db *db, int64_t id,
		    const char *hash, int64_t now);
/* The profile row as a new object (caller owns): {id, kind, login, phone,
 * email, display_name, org_name, credit_code, created_at,
 * department_name}. YW_ENOTFOUND when gone. */
enum yw_err	yw_account_store_profile(struct yw_db *db, int64_t id,
		    json_t **out);

/* login_failure rows, keyed "login:<login>", "ip:<address>" or
 * "register:<address>" (registrations use the same counter table). */
enum yw_err	yw_account_store_failure_count(struct yw_db *db,
		    const char *key, int64_t since, int64_t *n);
enum yw_err	yw_account_store_failure_add(struct yw_db *db,
		    const char *key, int64_t at);
enum yw_err	yw_account_store_failure_clear(struct yw_db *db,
		    const char *key);
/* Deletes rows older than before. */
enum yw_err	yw_account_store_failure_purge(struct yw_db *db,
		    int64_t before);

#endif
