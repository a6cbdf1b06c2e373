#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/cache.h"

#define CACHE_ENTRIES	64
#define CACHE_KEY_MAX	480
#define CACHE_BODY_MAX	(512 * 1024)

struct entry {
	char	 key[CACHE_KEY_MAX];
	int64_t	 epoch;
	char	*body;
	size_t	 len;
};

/* Per worker (kore workers are processes); the STYLE.md exception. */
static struct entry	entries[CACHE_ENTRIES];
static size_t		next_slot;

const char *
yw_cache_get(const char *key, int64_t epoch, size_t *len)
{
	size_t i;

	for (i = 0; i < CACHE_ENTRIES; i++) {
		if (entries[i].body == NULL || entries[i].epoch != epoch ||
		    strcmp(entries[i].key, key) != 0)
			continue;
		*len = entries[i].len;
		return entries[i].body;
	}
	return NULL;
}

void
yw_cache_put(const char *key, int64_t epoch, const char *body, size_t len)
{
	struct entry	*e;
	char		*copy;
	size_t		 i;

	if (strlen(key) >= CACHE_KEY_MAX || len > CACHE_BODY_MAX)
		return;
	e = NULL;
	for (i = 0; i < CACHE_ENTRIES && e == NULL; i++)
		if (entries[i].body != NULL &&
		    strcmp(entries[i].key, key) == 0)
			e = &entries[i];
	if (e == NULL) {
		e = &entries[next_slot];
		next_slot = (next_slot + 1) % CACHE_ENTRIES;
	}
	copy = malloc(len);
	if (copy == NULL)
		return;
	memcpy(copy, body, len);
	free(e->body);
	(void)snprintf(e->key, sizeof(e->key), "%s", key);
	e->epoch = epoch;
	e->body = copy;
	e->len = len;
}
