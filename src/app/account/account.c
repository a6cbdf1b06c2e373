#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/account/account.h"
#include "app/account/account_store.h"
#include "app/account/session.h"
#include "app/audit/audit.h"
#include "app/org/org.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

/* GB 32100-2015: the 31 characters of a credit code, in value order. */
static const char credit_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/* Weight of position i is 3^i mod 31. */
static const int credit_weights[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

static int
credit_value(char c)
{
	const char	*p;

	if (c == '\0')
		return -1;
	p = strchr(credit_chars, c);
	return p == NULL ? -1 : (int)(p - credit_chars);
}

char
yw_account_credit_code_check(const char *d)
{
	int	i, v, sum = 0;

	for (i = 0; i < 17; i++) {
		v = credit_value(d[i]);
		if (v < 0)
			return '\0';
		sum += v * credit_weights[i];
	}
	return credit_chars[(31 - sum % 31) % 31];
}

int
yw_account_credit_code_valid(const char *s, size_t len)
{
	char	c;

	if (len != 18 || memchr(s, '\0', len) != NULL)
		return 0;
	c = yw_account_credit_code_check(s);
	return c != '\0' && s[17] == c;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

/* s[0..*len) without surrounding ASCII white space. */
static const char *
trim(const char *s, size_t *len)
{
	while (*len > 0 && is_space(s[0])) {
		s++;
		(*len)--;
	}
	while (*len > 0 && is_space(s[*len - 1]))
		(*len)--;
	return s;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

enum yw_err
yw_account_login_normalise(const char *s, size_t len, char *out,
    size_t outsz)
{
	char	 digits[32];
	size_t	 i, n = 0;
	int	 phone = 1;

	if (outsz == 0)
		return YW_ETOOBIG;
	out[0] = '\0';
	s = trim(s, &len);
	if (len == 0 || !yw_utf8_valid(s, len) ||
	    yw_utf8_has_control(s, len, 0))
		return YW_EINVAL;
	/* A phone number as people write it: "+86 138-1234-5678". */
	for (i = 0; i < len && phone; i++) {
		if (s[i] == ' ' || s[i] == '-')
			continue;
		if (n + 1 >= sizeof(digits))
			phone = 0;
		else
			digits[n++] = s[i];
	}
	if (phone && yw_valid_phone(digits, n)) {
		if (n == 14)	/* "+86" */
			memmove(digits, digits + 3, 11);
		if (outsz <= 11)
			return YW_ETOOBIG;
		memcpy(out, digits, 11);
		out[11] = '\0';
		return YW_OK;
	}
	/* E-mail addresses and staff user names ([a-z0-9_.-], see org.h)
	 * both compare in ASCII lower case. */
	if (len >= outsz)
		return YW_ETOOBIG;
	for (i = 0; i < len; i++)
		out[i] = lower(s[i]);
	out[len] = '\0';
	return YW_OK;
}

/* Sets errors[field] = code, creating the object on first use. */
static enum yw_err
field_error(json_t **errors, const char *field, const char *code)
{
	if (*errors == NULL) {
		*errors = json_object();
		if (*errors == NULL)
			return YW_ENOMEM;
	}
	if (json_object_set_new(*errors, field, json_string(code)) != 0)
		return YW_ENOMEM;
	return YW_OK;
}

/* The string field key of in; NULL with *len 0 when absent, null or not a
 * string (a form never sends anything else). */
static const char *
field(json_t *in, const char *key, size_t *len)
{
	json_t	*v = json_object_get(in, key);

	*len = 0;
	if (!json_is_string(v))
		return NULL;
	*len = json_string_length(v);
	return json_string_value(v);
}

static int
same_ci(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t	i;

	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++)
		if (lower(a[i]) != lower(b[i]))
			return 0;
	return 1;
}

/*
 * Why pw is not acceptable as a new password, or NULL when it is.
 * "Letter" means an ASCII letter or any character from U+00C0 up that is
 * not a full-width digit: a Chinese character counts, punctuation does not.
 */
static const char *
password_problem(const char *pw, size_t len, const char *login)
{
	size_t		i = 0, n;
	uint32_t	cp;
	int		letter = 0, digit = 0;

	if (!yw_utf8_valid(pw, len) || yw_utf8_has_control(pw, len, 0))
		return "invalid";
	n = yw_utf8_count(pw, len);
	if (n > YW_PASSWORD_MAX)
		return "too_long";
	if (n < YW_PASSWORD_MIN)
		return "weak";
	while (i < len) {
		i += yw_utf8_decode(pw + i, len - i, &cp);
		if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
			digit = 1;
		else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    cp >= 0xC0)
			letter = 1;
	}
	if (!letter || !digit)
		return "weak";
	if (login != NULL && same_ci(pw, len, login, strlen(login)))
		return "weak";
	return NULL;
}

/* Checks password and password2 of in against the rules; a problem goes
 * into *errors. */
static enum yw_err
check_new_password(json_t *in, const char *login, json_t **errors)
{
	const char	*pw, *pw2, *why;
	size_t		 len, len2;

	pw = field(in, "password", &len);
	pw2 = field(in, "password2", &len2);
	if (pw == NULL || len == 0)
		return field_error(errors, "password", "required");
	why = password_problem(pw, len, login);
	if (why != NULL)
		return field_error(errors, "password", why);
	if (pw2 == NULL || len2 == 0)
		return field_error(errors, "password2", "required");
	if (len != len2 || sodium_memcmp(pw, pw2, len) != 0)
		return field_error(errors, "password2", "mismatch");
	return YW_OK;
}

/*
 * Checks a free-text field (trimmed, 1..max code points, UTF-8 without
 * controls) and copies it into out; a problem goes into *errors.
 */
static enum yw_err
check_text(json_t *in, const char *key, size_t max, char *out, size_t outsz,
    json_t **errors)
{
	const char	*s;
	size_t		 len;

	out[0] = '\0';
	s = field(in, key, &len);
	if (s == NULL)
		return field_error(errors, key, "required");
	s = trim(s, &len);
	if (len == 0)
		return field_error(errors, key, "required");
	if (!yw_utf8_valid(s, len) || yw_utf8_has_control(s, len, 0))
		return field_error(errors, key, "invalid");
	if (yw_utf8_count(s, len) > max || len >= outsz)
		return field_error(errors, key, "too_long");
	memcpy(out, s, len);
	out[len] = '\0';
	return YW_OK;
}

/* The login of a registration: a mobile number or an e-mail address,
 * normalised into out ("" when it has a problem, which goes into
 * *errors). */
static enum yw_err
check_login(json_t *in, char *out, size_t outsz, json_t **errors)
{
	const char	*s;
	size_t		 len;
	enum yw_err	 rc;
	int		 ok;

	out[0] = '\0';
	s = field(in, "login", &len);
	if (s != NULL)
		s = trim(s, &len);
	if (s == NULL || len == 0)
		return field_error(errors, "login", "required");
	rc = yw_account_login_normalise(s, len, out, outsz);
	if (rc == YW_ETOOBIG)
		return field_error(errors, "login", "too_long");
	if (rc != YW_OK)
		return field_error(errors, "login", "invalid");
	len = strlen(out);
	if (strchr(out, '@') != NULL)
		ok = yw_valid_email(out, len);
	else
		ok = len == 11 && yw_valid_phone(out, len);
	if (ok)
		return YW_OK;
	out[0] = '\0';
	return field_error(errors, "login", "invalid");
}

/* The credit code upper-cased and without spaces, as people copy it from
 * a licence, into code (19 bytes); a problem goes into *errors. */
static enum yw_err
check_credit_code(json_t *in, char code[19], json_t **errors)
{
	const char	*s;
	size_t		 len, i, n = 0;

	code[0] = '\0';
	s = field(in, "credit_code", &len);
	for (i = 0; s != NULL && i < len; i++) {
		if (s[i] == ' ')
			continue;
		if (n == 18)
			return field_error(errors, "credit_code", "invalid");
		code[n++] = s[i] >= 'a' && s[i] <= 'z' ?
		    (char)(s[i] - 'a' + 'A') : s[i];
	}
	code[n] = '\0';
	if (n == 0)
		return field_error(errors, "credit_code", "required");
	if (!yw_account_credit_code_valid(code, n))
		return field_error(errors, "credit_code", "invalid");
	return YW_OK;
}

/* Builds "prefix:value" into out; YW_EINVAL when it does not fit. */
static enum yw_err
scope_key(char *out, size_t outsz, const char *prefix, const char *value)
{
	int	n;

	n = snprintf(out, outsz, "%s:%s", prefix, value);
	if (n < 0 || (size_t)n >= outsz)
		return YW_EINVAL;
	return YW_OK;
}

/* YW_ETOOMANY when key has max or more rows newer than since. */
static enum yw_err
throttled(struct yw_db *db, const char *key, int64_t since, int64_t max)
{
	int64_t		n;
	enum yw_err	rc;

	rc = yw_account_store_failure_count(db, key, since, &n);
	if (rc != YW_OK)
		return rc;
	return n >= max ? YW_ETOOMANY : YW_OK;
}

enum yw_err
yw_account_throttle_check(struct yw_db *db, const char *scope,
    const char *value, int64_t window, int64_t max, int64_t now)
{
	char		key[192];
	enum yw_err	rc;

	rc = scope_key(key, sizeof(key), scope, value);
	if (rc != YW_OK)
		return rc;
	return throttled(db, key, now - window, max);
}

enum yw_err
yw_account_throttle_fail(struct yw_db *db, const char *scope,
    const char *value, int64_t now)
{
	char		key[192];
	enum yw_err	rc;

	rc = scope_key(key, sizeof(key), scope, value);
	if (rc != YW_OK)
		return rc;
	return yw_account_store_failure_add(db, key, now);
}

enum yw_err
yw_account_register(struct yw_db *db, json_t *in, const char *source_ip,
    int64_t *id_out, json_t **errors)
{
	struct yw_account_store_new	 n;
	struct yw_account_store_auth	 old;
	char				 login[YW_ACCOUNT_LOGIN_MAX + 1];
	char				 name[YW_ACCOUNT_NAME_MAX * 4 + 1];
	char				 org[YW_ACCOUNT_ORG_MAX * 4 + 1];
	char				 code[19];
	char				 hash[YW_PASSWORD_HASH_MAX];
	char				 key[128];
	const char			*kind, *pw;
	size_t				 len;
	int64_t				 id = 0;
	int				 business = 0;
	enum yw_err			 rc;

	*errors = NULL;
	if (id_out != NULL)
		*id_out = 0;
	memset(&n, 0, sizeof(n));
	login[0] = code[0] = org[0] = key[0] = '\0';
	if (!json_is_object(in)) {
		rc = field_error(errors, "kind", "required");
		return rc != YW_OK ? rc : YW_EINVAL;
	}

	kind = field(in, "kind", &len);
	if (kind == NULL || len == 0)
		rc = field_error(errors, "kind", "required");
	else if (strcmp(kind, "citizen") == 0 || strcmp(kind, "business") == 0)
		rc = YW_OK;
	else
		rc = field_error(errors, "kind", "invalid");
	if (rc != YW_OK)
		goto out;
	business = kind != NULL && strcmp(kind, "business") == 0;

	rc = check_login(in, login, sizeof(login), errors);
	if (rc != YW_OK)
		goto out;
	n.phone = n.email = "";
	if (strchr(login, '@') != NULL)
		n.email = login;
	else if (login[0] != '\0')
		n.phone = login;

	rc = check_text(in, "display_name", YW_ACCOUNT_NAME_MAX, name,
	    sizeof(name), errors);
	if (rc != YW_OK)
		goto out;

	if (business) {
		rc = check_text(in, "org_name", YW_ACCOUNT_ORG_MAX, org,
		    sizeof(org), errors);
		if (rc != YW_OK)
			goto out;
		rc = check_credit_code(in, code, errors);
		if (rc != YW_OK)
			goto out;
	}

	rc = check_new_password(in, login, errors);
	if (rc != YW_OK)
		goto out;
	if (*errors != NULL) {
		rc = YW_EINVAL;
		goto out;
	}

	if (source_ip != NULL && source_ip[0] != '\0') {
		/* Only a forged address is too long for the key. */
		if (scope_key(key, sizeof(key), "register", source_ip) !=
		    YW_OK) {
			rc = field_error(errors, "source_ip", "invalid");
			goto out;
		}
		rc = throttled(db, key, yw_time_now() - YW_REGISTER_WINDOW,
		    YW_REGISTER_MAX_PER_ADDR);
		if (rc != YW_OK)
			goto out;
	}
	/* Cheap check first, so a taken login costs no Argon2id time; the
	 * UNIQUE constraint still decides a race. */
	rc = yw_account_store_auth_by_login(db, login, &old);
	if (rc == YW_OK) {
		rc = field_error(errors, "login", "taken");
		if (rc == YW_OK)
			rc = YW_EINVAL;
		goto out;
	}
	if (rc != YW_ENOTFOUND)
		goto out;

	pw = field(in, "password", &len);
	rc = yw_password_hash(pw, len, hash, sizeof(hash));
	if (rc != YW_OK)
		goto out;

	n.kind = business ? "business" : "citizen";
	n.login = login;
	n.display_name = name;
	n.org_name = org;
	n.credit_code = business ? code : "";
	n.password_hash = hash;
	n.now = yw_time_now();
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = yw_account_store_insert(db, &n, &id);
	if (rc == YW_OK && key[0] != '\0')
		rc = yw_account_store_failure_add(db, key, n.now);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	if (rc != YW_OK) {
		(void)yw_db_rollback(db);
		if (rc == YW_ECONFLICT) {
			rc = field_error(errors, "login", "taken");
			if (rc == YW_OK)
				rc = YW_EINVAL;
		}
		goto out;
	}
	if (id_out != NULL)
		*id_out = id;
out:
	sodium_memzero(hash, sizeof(hash));
	if (rc == YW_OK && *errors != NULL)
		rc = YW_EINVAL;
	if (rc != YW_EINVAL) {
		json_decref(*errors);
		*errors = NULL;
	}
	return rc;
}

enum yw_err
yw_account_login_begin(struct yw_db *db, const char *login,
    const char *source_ip, int64_t now, struct yw_login *out)
{
	struct yw_account_store_auth	 acc;
	char				 key[192];
	enum yw_err			 rc;

	memset(out, 0, sizeof(*out));
	if (login == NULL)
		return YW_EINVAL;
	rc = yw_account_login_normalise(login, strlen(login), out->login,
	    sizeof(out->login));
	if (rc != YW_OK)
		return YW_EINVAL;
	rc = scope_key(key, sizeof(key), "login", out->login);
	if (rc != YW_OK)
		return rc;
	rc = throttled(db, key, now - YW_LOGIN_WINDOW, YW_LOGIN_MAX_PER_LOGIN);
	if (rc != YW_OK)
		return rc;
	if (source_ip != NULL && source_ip[0] != '\0') {
		rc = scope_key(key, sizeof(key), "ip", source_ip);
		if (rc != YW_OK)
			return rc;
		rc = throttled(db, key, now - YW_LOGIN_WINDOW,
		    YW_LOGIN_MAX_PER_ADDR);
		if (rc != YW_OK)
			return rc;
	}
	rc = yw_account_store_auth_by_login(db, out->login, &acc);
	if (rc == YW_OK && acc.active) {
		out->account_id = acc.id;
		memcpy(out->hash, acc.hash, sizeof(out->hash));
		sodium_memzero(&acc, sizeof(acc));
		return YW_OK;
	}
	if (rc != YW_OK && rc != YW_ENOTFOUND)
		return rc;
	/* Unknown or disabled: verify against a hash nobody's password
	 * matches, taking the same time as a real account. */
	(void)snprintf(out->hash, sizeof(out->hash), "%s",
	    yw_password_dummy_hash());
	return YW_OK;
}

/* Stores a failed attempt against the login and the address. */
static enum yw_err
record_failure(struct yw_db *db, const char *login, const char *source_ip,
    int64_t now)
{
	char		key[192];
	enum yw_err	rc;

	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = scope_key(key, sizeof(key), "login", login);
	if (rc == YW_OK)
		rc = yw_account_store_failure_add(db, key, now);
	if (rc == YW_OK && source_ip != NULL && source_ip[0] != '\0') {
		rc = scope_key(key, sizeof(key), "ip", source_ip);
		if (rc == YW_OK)
			rc = yw_account_store_failure_add(db, key, now);
	}
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	if (rc != YW_OK)
		(void)yw_db_rollback(db);
	return rc;
}

/* Writes an audit entry about account id for staff actor a (borrowed);
 * inside the caller's transaction. */
static enum yw_err
audit_self(struct yw_db *db, const struct yw_actor *a, const char *action)
{
	char	id[24];

	(void)snprintf(id, sizeof(id), "%lld", (long long)a->id);
	return yw_audit_append(db, a, action, "account", id, NULL);
}

enum yw_err
yw_account_login_finish(struct yw_db *db, const struct yw_login *l, int ok,
    const char *source_ip, const char *user_agent, int64_t now,
    char token[64], char csrf[64])
{
	struct yw_account_store_auth	 acc;
	struct yw_actor			 actor;
	char				 key[192];
	enum yw_err			 rc;

	token[0] = '\0';
	csrf[0] = '\0';
	if (!ok || l->account_id <= 0) {
		rc = record_failure(db, l->login, source_ip, now);
		return rc != YW_OK ? rc : YW_EAUTH;
	}
	rc = scope_key(key, sizeof(key), "login", l->login);
	if (rc != YW_OK)
		return rc;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_account_store_auth_by_id(db, l->account_id, &acc);
	if (rc == YW_ENOTFOUND || (rc == YW_OK && !acc.active))
		rc = YW_EAUTH;
	if (rc != YW_OK)
		goto out;
	rc = yw_account_store_failure_clear(db, key);
	if (rc != YW_OK)
		goto out;
	rc = yw_session_create(db, acc.id, source_ip, user_agent, now, token,
	    csrf);
	if (rc != YW_OK)
		goto out;
	if (strcmp(acc.kind, "staff") == 0) {
		rc = yw_org_actor_load(db, acc.id, &actor);
		if (rc != YW_OK)
			goto out;
		actor.source_ip[0] = '\0';
		if (source_ip != NULL)
			(void)snprintf(actor.source_ip, sizeof(actor.source_ip),
			    "%s", source_ip);
		rc = audit_self(db, &actor, "session.login");
		if (rc != YW_OK)
			goto out;
	}
	rc = yw_db_commit(db);
out:
	sodium_memzero(&acc, sizeof(acc));
	if (rc != YW_OK) {
		(void)yw_db_rollback(db);
		sodium_memzero(token, 64);
		sodium_memzero(csrf, 64);
	}
	return rc;
}

/* Sets o[key] to the masked form of s (or "" when s is empty). */
static enum yw_err
set_masked(json_t *o, const char *key, const char *s, int email)
{
	char		buf[300];
	size_t		len = s != NULL ? strlen(s) : 0;
	enum yw_err	rc = YW_OK;

	buf[0] = '\0';
	if (len > 0) {
		if (email)
			rc = yw_mask_email(s, len, buf, sizeof(buf));
		else
			rc = yw_mask_phone(s, len, buf, sizeof(buf));
	}
	/* A value the mask refuses is not shown at all. */
	if (rc != YW_OK)
		buf[0] = '\0';
	if (json_object_set_new(o, key, json_string(buf)) != 0)
		return YW_ENOMEM;
	return YW_OK;
}

static const char *
str(json_t *row, const char *key)
{
	const char	*s = json_string_value(json_object_get(row, key));

	return s != NULL ? s : "";
}

enum yw_err
yw_account_me(struct yw_db *db, const struct yw_actor *a, json_t **out)
{
	json_t		*row = NULL, *o = NULL, *roles;
	const char	*kind, *login, *name;
	char		 when[20];
	unsigned	 bit;
	int		 staff;
	enum yw_err	 rc;

	*out = NULL;
	if (a == NULL || a->id <= 0)
		return YW_EAUTH;
	rc = yw_account_store_profile(db, a->id, &row);
	if (rc != YW_OK)
		return rc;
	kind = str(row, "kind");
	login = str(row, "login");
	staff = strcmp(kind, "staff") == 0;
	if (yw_time_fmt_local((int64_t)json_integer_value(
	    json_object_get(row, "created_at")), when, sizeof(when), 1) !=
	    YW_OK)
		when[0] = '\0';
	o = json_pack("{sIssssssssss}",
	    "id", (json_int_t)a->id,
	    "kind", kind,
	    "display_name", str(row, "display_name"),
	    "org_name", str(row, "org_name"),
	    "credit_code", str(row, "credit_code"),
	    "created_at_local", when);
	if (o == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	/* Staff user names are not personal data; phones and e-mails are. */
	if (staff) {
		if (json_object_set_new(o, "login_masked",
		    json_string(login)) != 0)
			rc = YW_ENOMEM;
	} else {
		rc = set_masked(o, "login_masked", login,
		    strchr(login, '@') != NULL);
	}
	if (rc == YW_OK)
		rc = set_masked(o, "phone_masked", str(row, "phone"), 0);
	if (rc == YW_OK)
		rc = set_masked(o, "email_masked", str(row, "email"), 1);
	if (rc != YW_OK || !staff)
		goto out;
	roles = json_array();
	if (roles == NULL || json_object_set_new(o, "roles", roles) != 0 ||
	    json_object_set_new(o, "department_name",
	    json_string(str(row, "department_name"))) != 0) {
		rc = YW_ENOMEM;
		goto out;
	}
	for (bit = 1; bit != 0 && bit <= a->roles; bit <<= 1) {
		if ((a->roles & bit) == 0)
			continue;
		name = yw_role_name((enum yw_role)bit);
		if (name != NULL &&
		    json_array_append_new(roles, json_string(name)) != 0) {
			rc = YW_ENOMEM;
			goto out;
		}
	}
out:
	json_decref(row);
	if (rc != YW_OK)
		json_decref(o);
	else
		*out = o;
	return rc;
}

enum yw_err
yw_account_change_password(struct yw_db *db, const struct yw_actor *a,
    json_t *in, const char *current_token, json_t **errors)
{
	struct yw_account_store_auth	 acc;
	char				 hash[YW_PASSWORD_HASH_MAX];
	char				 key[192];
	const char			*cur, *pw;
	size_t				 curlen, len;
	int64_t				 now = yw_time_now();
	enum yw_err			 rc;

	*errors = NULL;
	memset(&acc, 0, sizeof(acc));
	memset(hash, 0, sizeof(hash));
	if (a == NULL || a->id <= 0)
		return YW_EAUTH;
	if (!json_is_object(in)) {
		rc = field_error(errors, "current", "required");
		return rc != YW_OK ? rc : YW_EINVAL;
	}
	cur = field(in, "current", &curlen);
	if (cur == NULL || curlen == 0)
		rc = field_error(errors, "current", "required");
	else
		rc = YW_OK;
	if (rc == YW_OK)
		rc = check_new_password(in, a->login, errors);
	if (rc != YW_OK)
		goto out;
	if (*errors != NULL) {
		rc = YW_EINVAL;
		goto out;
	}

	/* Guessing the current password through a stolen session is a
	 * login attempt like any other. */
	rc = scope_key(key, sizeof(key), "login", a->login);
	if (rc != YW_OK)
		goto out;
	rc = throttled(db, key, now - YW_LOGIN_WINDOW, YW_LOGIN_MAX_PER_LOGIN);
	if (rc != YW_OK)
		goto out;
	rc = yw_account_store_auth_by_id(db, a->id, &acc);
	if (rc == YW_ENOTFOUND || (rc == YW_OK && !acc.active))
		rc = YW_EAUTH;
	if (rc != YW_OK)
		goto out;
	rc = yw_password_verify(acc.hash, cur, curlen);
	if (rc == YW_EAUTH) {
		rc = record_failure(db, a->login, a->source_ip, now);
		if (rc == YW_OK)
			rc = field_error(errors, "current", "invalid");
		goto out;
	}
	if (rc == YW_EINVAL)	/* the stored hash is not one of ours */
		rc = YW_EINTERNAL;
	if (rc != YW_OK)
		goto out;

	pw = field(in, "password", &len);
	rc = yw_password_hash(pw, len, hash, sizeof(hash));
	if (rc != YW_OK)
		goto out;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = yw_account_store_set_password(db, a->id, hash, now);
	if (rc == YW_OK)
		rc = yw_session_end_others(db, a->id, current_token, NULL);
	if (rc == YW_OK && strcmp(acc.kind, "staff") == 0)
		rc = audit_self(db, a, "account.password_change");
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	if (rc != YW_OK)
		(void)yw_db_rollback(db);
out:
	sodium_memzero(&acc, sizeof(acc));
	sodium_memzero(hash, sizeof(hash));
	if (rc == YW_OK && *errors != NULL)
		rc = YW_EINVAL;
	if (rc != YW_EINVAL) {
		json_decref(*errors);
		*errors = NULL;
	}
	return rc;
}
