#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>
#include <sodium.h>

#include "app/attach/attach.h"
#include "app/attach/attach_store.h"
#include "core/magic.h"
#include "core/utf8.h"

static int
hash_ok(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return 1;
}

/* Checks the n bytes at p sent as name and fills *out; stores nothing. */
static enum yw_err
describe(const void *p, size_t n, const char *name, size_t max,
    struct yw_attach *out)
{
	unsigned char	 h[SHA256_DIGEST_LENGTH];
	const char	*type;

	memset(out, 0, sizeof(*out));
	if (max == 0 || max > YW_ATTACH_MAX)
		max = YW_ATTACH_MAX;
	if (p == NULL || n == 0 || name == NULL)
		return YW_EINVAL;
	if (n > max)
		return YW_ETOOBIG;
	type = yw_magic_type(p, n);
	if (type == NULL || !yw_magic_matches(name, p, n))
		return YW_EINVAL;
	/* OpenSSL's SHA-256 uses the CPU's SHA instructions: 4x libsodium's
	 * portable code on a 50 KB file (0.05 ms instead of 0.19). */
	SHA256(p, n, h);
	sodium_bin2hex(out->sha256, sizeof(out->sha256), h, sizeof(h));
	(void)snprintf(out->type, sizeof(out->type), "%s", type);
	/* Keep the name for display only if it is clean text. */
	if (yw_utf8_valid(name, strlen(name)) &&
	    !yw_utf8_has_control(name, strlen(name), 0))
		(void)snprintf(out->name, sizeof(out->name), "%s", name);
	else
		(void)snprintf(out->name, sizeof(out->name), "file.%s", type);
	out->size = (int64_t)n;
	return YW_OK;
}

enum yw_err
yw_attach_put(struct yw_db *db, const void *p, size_t n, const char *name,
    size_t max, int64_t now, struct yw_attach *out)
{
	enum yw_err rc;

	rc = describe(p, n, name, max, out);
	if (rc != YW_OK)
		return rc;
	return yw_attach_store_put(db, out->sha256, out->type, p, n, now);
}

enum yw_err
yw_attach_save(struct yw_db *db, const struct yw_attach *a, const void *p,
    int64_t now)
{
	return yw_attach_store_put(db, a->sha256, a->type, p, (size_t)a->size,
	    now);
}

#define ATTACH_FIELD_DEFAULT	(5 * 1024 * 1024)

size_t
yw_attach_field_max(json_t *field)
{
	json_t *max = json_object_get(field, "max_bytes");

	if (!json_is_integer(max) || json_integer_value(max) <= 0 ||
	    json_integer_value(max) > YW_ATTACH_MAX)
		return ATTACH_FIELD_DEFAULT;
	return (size_t)json_integer_value(max);
}

enum yw_err
yw_attach_check_field(json_t *field, const void *p, size_t n,
    const char *name, struct yw_attach *out, const char **why)
{
	const char	*type, *want;
	char		 fallback[16];
	json_t		*acc;
	size_t		 i, max;
	int		 ok;
	enum yw_err	 rc;

	*why = NULL;
	memset(out, 0, sizeof(*out));
	max = yw_attach_field_max(field);
	if (p == NULL || n == 0) {
		*why = "required";
		return YW_EINVAL;
	}
	if (n > max) {
		*why = "too_big";
		return YW_EINVAL;
	}
	type = yw_magic_type(p, n);
	ok = 0;
	json_array_foreach(json_object_get(field, "accept"), i, acc) {
		want = yw_magic_claimed(json_string_value(acc));
		if (type != NULL && want != NULL && strcmp(want, type) == 0)
			ok = 1;
	}
	if (!ok) {
		*why = "type";
		return YW_EINVAL;
	}
	if (name == NULL || name[0] == '\0') {
		/* "ole" is no extension; its files are .doc or .xls. */
		(void)snprintf(fallback, sizeof(fallback), "file.%s",
		    strcmp(type, "ole") == 0 ? "doc" : type);
		name = fallback;
	}
	rc = describe(p, n, name, max, out);
	if (rc == YW_EINVAL || rc == YW_ETOOBIG) {
		*why = rc == YW_EINVAL ? "type" : "too_big";
		rc = YW_EINVAL;
	}
	return rc;
}

enum yw_err
yw_attach_get(struct yw_db *db, const char *sha256, void **data, size_t *n,
    char type[8])
{
	*data = NULL;
	*n = 0;
	if (!hash_ok(sha256))
		return YW_EINVAL;
	return yw_attach_store_get(db, sha256, data, n, type);
}

json_t *
yw_attach_json(const struct yw_attach *a)
{
	return json_pack("{s:s, s:s, s:I, s:s}", "name", a->name, "type",
	    a->type, "size", (json_int_t)a->size, "sha256", a->sha256);
}
