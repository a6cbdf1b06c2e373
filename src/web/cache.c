#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/cache.h"

#define CACHE_ENTRIES	64
#define CACHE_KEY_MAX	480
#define CACHE_BODY_MAX	(512 * 1024)

struct entry {
	char	 key[CACHE_KEY_MAX];
	int64_t	 ver[3];
	char	*body;
	size_t	 len;
};

struct table {
	struct entry	e[CACHE_ENTRIES];
	size_t		next;
};

/* Per worker (kore workers are processes); the STYLE.md exception. */
static struct table	public_pages, private_answers;

static const char *
get(struct table *t, const char *key, const int64_t ver[3], size_t *len)
{
	size_t i;

	for (i = 0; i < CACHE_ENTRIES; i++) {
		if (t->e[i].body == NULL ||
		    memcmp(t->e[i].ver, ver, sizeof(t->e[i].ver)) != 0 ||
		    strcmp(t->e[i].key, key) != 0)
			continue;
		*len = t->e[i].len;
		return t->e[i].body;
	}
	return NULL;
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
	(void)snprintf(e->key, sizeof(e->key), "%s", key);
	memcpy(e->ver, ver, sizeof(e->ver));
	e->body = copy;
	e->len = len;
}

const char *
yw_cache_get(const char *key, int64_t epoch, size_t *len)
{
	const int64_t ver[3] = { epoch, 0, 0 };

	return get(&public_pages, key, ver, len);
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
