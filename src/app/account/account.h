/*
 * account.h - citizen and business accounts: registration, the three-step
 * login with throttling, the "my account" view and password changes.
 * Needs store/db.h, the session module (a login creates a session) and, for
 * staff, org (actor loading) and audit. Sessions themselves: session.h.
 */
#ifndef YW_ACCOUNT_H
#define YW_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/account/password.h"
#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/* Login throttling: failures counted over a sliding window. */
#define YW_LOGIN_WINDOW		(15 * 60)
#define YW_LOGIN_MAX_PER_LOGIN	5	/* same account name */
#define YW_LOGIN_MAX_PER_ADDR	30	/* same source address */
/*
 * Registrations per source address per hour. Generous on purpose: a service
 * hall registers many citizens from one address; this only stops a script
 * from filling the table (and burning Argon2id time).
 */
#define YW_REGISTER_WINDOW	(60 * 60)
#define YW_REGISTER_MAX_PER_ADDR 30

/*
 * The same counters for other things worth throttling (progress lookups
 * without an account): failures of scope ("track") from value (a client
 * address), kept in the database so every worker and node shares them.
 * throttle_check gives YW_ETOOMANY when value has max or more failures
 * in the window seconds before now, YW_EINVAL when scope:value is too
 * long for a key; throttle_fail records one failure at now.
 */
enum yw_err	yw_account_throttle_check(struct yw_db *db, const char *scope,
		    const char *value, int64_t window, int64_t max,
		    int64_t now);
enum yw_err	yw_account_throttle_fail(struct yw_db *db, const char *scope,
		    const char *value, int64_t now);

/* Limits on what an account holds (code points, except login in bytes). */
#define YW_ACCOUNT_NAME_MAX	64	/* display_name */
#define YW_ACCOUNT_ORG_MAX	128	/* org_name */
#define YW_ACCOUNT_LOGIN_MAX	127	/* bytes; fits struct yw_actor.login */
#define YW_PASSWORD_MIN		8
#define YW_PASSWORD_MAX		128

/*
 * Registers a citizen or a business. in (borrowed) = {kind: "citizen" |
 * "business", login (mobile number or e-mail address), display_name,
 * org_name and credit_code (business only), password, password2}. The
 * login is normalised (phone: 11 digits without +86, spaces or hyphens;
 * e-mail: lower case) and stored in account.login and in phone or email.
 * On YW_OK *id_out (may be NULL) receives the new id. On YW_EINVAL *errors
 * receives a new object field -> code ("required", "too_long", "invalid",
 * "weak", "mismatch", "taken"); caller owns it. A password is "weak" when
 * under YW_PASSWORD_MIN code points, without a letter or a digit, or equal
 * to the login (ignoring ASCII case). Other failures leave
 * *errors NULL. YW_ETOOMANY when source_ip (borrowed, may be NULL) has
 * registered too often. Hashes the password: ~60 ms, keep it off the event
 * loop.
 */
enum yw_err	yw_account_register(struct yw_db *db, json_t *in,
		    const char *source_ip, int64_t *id_out, json_t **errors);

/*
 * Normalises a login as typed: surrounding white space dropped; a mobile
 * number becomes 11 digits; anything else (e-mail addresses, staff user
 * names) has its ASCII letters lower-cased. Writes a NUL-terminated result
 * into out (outsz bytes). YW_EINVAL when s is empty, not valid UTF-8 or
 * holds a control character; YW_ETOOBIG when the result does not fit.
 */
enum yw_err	yw_account_login_normalise(const char *s, size_t len,
		    char *out, size_t outsz);

/*
 * 1 if s is an 18-character unified social credit code (GB 32100-2015):
 * characters from 0-9A-HJ-NPQRTUWXY (upper case) and a valid check
 * character. Only the check is verified, not the registration authority.
 */
int		yw_account_credit_code_valid(const char *s, size_t len);

/* The check character for the first 17 characters d, or '\0' when one of
 * them is outside the code's character set. */
char		yw_account_credit_code_check(const char *d);

/*
 * Login in three steps so the web layer can run the slow verification in a
 * kore task, off the event loop:
 *   1. yw_account_login_begin (db, fast)
 *   2. yw_password_verify(l.hash, pw, len) (CPU only, no db; any thread)
 *   3. yw_account_login_finish (db, fast)
 */
struct yw_login {
	int64_t	account_id;	/* 0: unknown or disabled (dummy hash) */
	char	hash[YW_PASSWORD_HASH_MAX];
	char	login[128];	/* normalised */
};

/*
 * Normalises login, checks throttling (failures in the last
 * YW_LOGIN_WINDOW seconds: YW_LOGIN_MAX_PER_LOGIN for the same login or
 * YW_LOGIN_MAX_PER_ADDR for source_ip give YW_ETOOMANY) and loads the
 * account's hash into *out. An unknown or disabled account gets account_id
 * 0 and yw_password_dummy_hash(), so the response time does not reveal it.
 * YW_EINVAL when login is empty or malformed. Inputs borrowed; source_ip
 * may be NULL.
 */
enum yw_err	yw_account_login_begin(struct yw_db *db, const char *login,
		    const char *source_ip, int64_t now, struct yw_login *out);

/*
 * Records the outcome of step 2 (ok = 1 when yw_password_verify said
 * YW_OK). On failure (or account_id 0) stores a login_failure row for the
 * login and one for the address and returns YW_EAUTH. On success clears
 * that login's failures, creates a session and writes its cookie token and
 * CSRF token (43 characters each, NUL-terminated) into token and csrf; for
 * staff the audit entry "session.login" is written in the same transaction.
 * YW_EAUTH also when the account was disabled between the steps.
 */
enum yw_err	yw_account_login_finish(struct yw_db *db,
		    const struct yw_login *l, int ok, const char *source_ip,
		    const char *user_agent, int64_t now, char token[64],
		    char csrf[64]);

/*
 * The account page's view model for a (borrowed) into *out (caller owns):
 * {id, kind, login_masked, display_name, phone_masked, email_masked,
 * org_name, credit_code, created_at_local} plus, for staff,
 * {department_name, roles: [name...]}. YW_EAUTH for an anonymous actor,
 * YW_ENOTFOUND when the account is gone.
 */
enum yw_err	yw_account_me(struct yw_db *db, const struct yw_actor *a,
		    json_t **out);

/*
 * Changes a's password. in (borrowed) = {current, password, password2};
 * the rules are those of registration. A wrong current password counts as
 * a login failure for throttling and gives errors {current: "invalid"};
 * once the login is throttled the call returns YW_ETOOMANY. On success
 * every session of the account except current_token's (borrowed, may be
 * NULL to end them all) is ended; staff changes are audited
 * ("account.password_change"). *errors as for registration. Runs
 * Argon2id twice (~120 ms): keep it off the event loop.
 */
enum yw_err	yw_account_change_password(struct yw_db *db,
		    const struct yw_actor *a, json_t *in,
		    const char *current_token, json_t **errors);

#endif
