#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/gzip.h"
#include "web/cache.h"

#define CACHE_ENTRIES	64
#define CACHE_KEY_MAX	480
#define CACHE_BODY_MAX	(512 * 1024)

struct entry {
	char	 key[CACHE_KEY_MAX];
	int64_t	 ver[3];
	char	*body;
	size_t	 len;
	char	*gz;		/* gzip form of body, or NULL */
	size_t	 gzlen;
	int	 gz_tried;
};

struct table {
	struct entry	e[CACHE_ENTRIES];
	size_t		next;
};

/* Per worker (kore workers are processes); the STYLE.md exception. */
static struct table	public_pages, private_answers;
static struct yw_gzip	*compressor;	/* made on first use, kept */

static struct entry *
find(struct table *t, const char *key, const int64_t ver[3])
{
	size_t i;

	for (i = 0; i < CACHE_ENTRIES; i++)
		if (t->e[i].body != NULL &&
		    memcmp(t->e[i].ver, ver, sizeof(t->e[i].ver)) == 0 &&
		    strcmp(t->e[i].key, key) == 0)
			return &t->e[i];
	return NULL;
}

static const char *
get(struct table *t, const char *key, const int64_t ver[3], size_t *len)
{
	struct entry *e;

	if ((e = find(t, key, ver)) == NULL)
		return NULL;
	*len = e->len;
	return e->body;
}

/* The entry's gzip form, made once; NULL when it would not pay. */
static const char *
gzipped_body(struct entry *e, size_t *len)
{
	struct yw_buf b;

	if (!e->gz_tried) {
		e->gz_tried = 1;
		yw_buf_init(&b);
		if (compressor == NULL)
			compressor = yw_gzip_new();
		if (e->len >= YW_GZIP_MIN && compressor != NULL &&
		    yw_gzip(compressor, e->body, e->len, &b) == YW_OK &&
		    b.len < e->len) {
			e->gz = b.data;
			e->gzlen = b.len;
		} else
			yw_buf_free(&b);
	}
	*len = e->gzlen;
	return e->gz;
}

static void
put(struct table *t, const char *key, const int64_t ver[3], const char *body,
    size_t len)
{
	struct entry	*e;
	char		*copy;
	size_t		 i;

	if (strlen(key) >= CACHE_KEY_MAX || len > CACHE_BODY_MAX)
		return;
	e = NULL;
	for (i = 0; i < CACHE_ENTRIES && e == NULL; i++)
		if (t->e[i].body != NULL && strcmp(t->e[i].key, key) == 0)
			e = &t->e[i];
	if (e == NULL) {
		e = &t->e[t->next];
		t->next = (t->next + 1) % CACHE_ENTRIES;
	}
	copy = malloc(len);
	if (copy == NULL)
		return;
	memcpy(copy, body, len);
	free(e->body);
	free(e->gz);
	e->gz = NULL;
	e->gzlen = 0;
	e->gz_tried = 0;
	(void)snprintf(e->key, sizeof(e->key), "%s", key);
	memcpy(e->ver, ver, sizeof(e->ver));
	e->body = copy;
	e->len = len;
}

const char *
yw_cache_get(const char *key, int64_t epoch, int gzip, size_t *len,
    int *gzipped)
{
	const int64_t	 ver[3] = { epoch, 0, 0 };
	struct entry	*e;
	const char	*z;

	*gzipped = 0;
	if ((e = find(&public_pages, key, ver)) == NULL)
		return NULL;
	if (gzip && (z = gzipped_body(e, len)) != NULL) {
		*gzipped = 1;
		return z;
	}
	*len = e->len;
	return e->body;
}

void
yw_cache_put(const char *key, int64_t epoch, const char *body, size_t len)
{
	const int64_t ver[3] = { epoch, 0, 0 };

	put(&public_pages, key, ver, body, len);
}

const char *
yw_cache_private_get(const char *key, const int64_t ver[3], size_t *len)
{
	return get(&private_answers, key, ver, len);
}

void
yw_cache_private_put(const char *key, const int64_t ver[3], const char *body,
    size_t len)
{
	put(&private_answers, key, ver, body, len);
}
