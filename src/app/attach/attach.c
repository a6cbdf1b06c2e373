#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

enum yw_err
yw_attach_put(struct yw_db *db, const void *p, size_t n, const char *name,
    size_t max, int64_t now, struct yw_attach *out)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
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
	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out->sha256, sizeof(out->sha256), h, sizeof(h));
	(void)snprintf(out->type, sizeof(out->type), "%s", type);
	/* Keep the name for display only if it is clean text. */
	if (yw_utf8_valid(name, strlen(name)) &&
	    !yw_utf8_has_control(name, strlen(name), 0))
		(void)snprintf(out->name, sizeof(out->name), "%s", name);
	else
		(void)snprintf(out->name, sizeof(out->name), "file.%s", type);
	out->size = (int64_t)n;
	return yw_attach_store_put(db, out->sha256, type, p, n, now);
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
