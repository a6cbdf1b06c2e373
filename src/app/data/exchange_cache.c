/*
 * exchange_cache.c - a worker's cache of exchange lookups
 * (exchange_cache.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account/session_store.h"
#include "app/data/data_store.h"
#include "app/data/exchange_cache.h"
#include "app/data/exchange_store.h"

#define SLOTS	16	/* per kind, chosen by a hash of the lookup */
#define PAGES	8	/* pages kept, in turn */
#define PAGE_MAX (256 * 1024)	/* bigger pages are not kept */

struct slot {
	char		 key[72];	/* what was looked up; "" = empty */
	int64_t		 v[2];		/* the counters then */
	json_t		*row;		/* NULL: not found */
	json_t		*items;		/* parsed; NULL when not asked */
	int64_t		 expires;	/* a grant's expires_at, 0 = never */
};

struct page {
	char		*key;		/* NULL = empty */
	int64_t		 v[2];
	char		*text;
	size_t		 len;
	int64_t		 rows;
};

struct yw_xcache {
	int		 on;		/* the counters were read */
	int64_t		 v[2];
	struct slot	 keys[SLOTS];
	struct slot	 resources[SLOTS];
	struct slot	 grants[SLOTS];
	struct page	 pages[PAGES];
	size_t		 next;		/* the page slot to fill next */
};

struct yw_xcache *
yw_xcache_new(void)
{
	return calloc(1, sizeof(struct yw_xcache));
}

static void
slot_clear(struct slot *s)
{
	json_decref(s->row);
	json_decref(s->items);
	memset(s, 0, sizeof(*s));
}

static void
page_clear(struct page *p)
{
	free(p->key);
	free(p->text);
	memset(p, 0, sizeof(*p));
}

void
yw_xcache_free(struct yw_xcache *xc)
{
	size_t i;

	if (xc == NULL)
		return;
	for (i = 0; i < SLOTS; i++) {
		slot_clear(&xc->keys[i]);
		slot_clear(&xc->resources[i]);
		slot_clear(&xc->grants[i]);
	}
	for (i = 0; i < PAGES; i++)
		page_clear(&xc->pages[i]);
	free(xc);
}

void
yw_xcache_begin(struct yw_xcache *xc, struct yw_db *db)
{
	xc->on = yw_session_store_version(db, xc->v) == YW_OK;
}

static void
restamp(int64_t v[2], const int64_t before[2], const int64_t after[2])
{
	if (v[0] == before[0] && v[1] == before[1]) {
		v[0] = after[0];
		v[1] = after[1];
	}
}

void
yw_xcache_own_write(struct yw_xcache *xc, const int64_t before[2],
    const int64_t after[2])
{
	size_t i;

	for (i = 0; i < SLOTS; i++) {
		restamp(xc->resources[i].v, before, after);
		restamp(xc->grants[i].v, before, after);
	}
	for (i = 0; i < PAGES; i++)
		restamp(xc->pages[i].v, before, after);
}

/* key's slot among s (FNV-1a), or NULL when the cache is off. */
static struct slot *
slot_of(struct yw_xcache *xc, struct slot *s, const char *key)
{
	const unsigned char	*p;
	uint32_t		 h = 2166136261u;

	if (xc == NULL || !xc->on || strlen(key) >= sizeof(s->key))
		return NULL;
	for (p = (const unsigned char *)key; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	return &s[h % SLOTS];
}

static int
slot_hit(const struct yw_xcache *xc, const struct slot *s, const char *key)
{
	return s != NULL && s->key[0] != '\0' && strcmp(s->key, key) == 0 &&
	    s->v[0] == xc->v[0] && s->v[1] == xc->v[1];
}

static void
slot_fill(const struct yw_xcache *xc, struct slot *s, const char *key,
    json_t *row, json_t *items)
{
	if (s == NULL)
		return;
	slot_clear(s);
	(void)snprintf(s->key, sizeof(s->key), "%s", key);
	s->v[0] = xc->v[0];
	s->v[1] = xc->v[1];
	s->row = json_incref(row);
	s->items = json_incref(items);
}

/* row's "items" text parsed; an empty array when absent or malformed. */
static json_t *
items_of(json_t *row)
{
	json_t *items;

	items = json_loads(json_string_value(json_object_get(row, "items")),
	    0, NULL);
	return items != NULL ? items : json_array();
}

enum yw_err
yw_xcache_key(struct yw_xcache *xc, struct yw_db *db, const char *hash,
    json_t **row)
{
	struct slot	*s = slot_of(xc, xc != NULL ? xc->keys : NULL, hash);
	enum yw_err	 rc;

	if (slot_hit(xc, s, hash)) {
		*row = json_incref(s->row);
		return YW_OK;
	}
	rc = yw_exchange_store_key_find(db, hash, row);
	if (rc == YW_OK)
		slot_fill(xc, s, hash, *row, NULL);
	return rc;
}

enum yw_err
yw_xcache_resource(struct yw_xcache *xc, struct yw_db *db, const char *code,
    json_t **row, json_t **items)
{
	struct slot	*s = slot_of(xc, xc != NULL ? xc->resources : NULL,
			    code);
	json_t		*parsed;
	enum yw_err	 rc;

	if (items != NULL)
		*items = NULL;
	if (slot_hit(xc, s, code)) {
		*row = json_incref(s->row);
		if (items != NULL)
			*items = json_incref(s->items);
		return YW_OK;
	}
	rc = yw_data_store_get(db, code, row);
	if (rc != YW_OK)
		return rc;
	parsed = items_of(*row);
	slot_fill(xc, s, code, *row, parsed);
	if (items != NULL)
		*items = parsed;
	else
		json_decref(parsed);
	return YW_OK;
}

enum yw_err
yw_xcache_grant(struct yw_xcache *xc, struct yw_db *db, int64_t resource_id,
    int64_t department_id, int64_t now, json_t **row, json_t **items)
{
	struct slot	*s;
	char		 key[48];
	enum yw_err	 rc;

	*row = NULL;
	*items = NULL;
	(void)snprintf(key, sizeof(key), "%lld:%lld", (long long)resource_id,
	    (long long)department_id);
	s = slot_of(xc, xc != NULL ? xc->grants : NULL, key);
	if (slot_hit(xc, s, key) && (s->expires == 0 || now < s->expires)) {
		*row = json_incref(s->row);
		*items = json_incref(s->items);
		return *row != NULL ? YW_OK : YW_ENOTFOUND;
	}
	rc = yw_data_store_grant_get(db, resource_id, department_id, now, row);
	if (rc != YW_OK && rc != YW_ENOTFOUND)
		return rc;
	*items = rc == YW_OK ? items_of(*row) : json_array();
	if (*items == NULL)
		return YW_ENOMEM;
	slot_fill(xc, s, key, *row, *items);
	if (s != NULL && *row != NULL)
		s->expires = json_integer_value(json_object_get(*row,
		    "expires_at"));
	return rc;
}

int
yw_xcache_page_get(struct yw_xcache *xc, const char *key, struct yw_buf *out,
    int64_t *rows)
{
	struct page	*p;
	size_t		 i;

	if (xc == NULL || !xc->on)
		return 0;
	for (i = 0; i < PAGES; i++) {
		p = &xc->pages[i];
		if (p->key == NULL || p->v[0] != xc->v[0] ||
		    p->v[1] != xc->v[1] || strcmp(p->key, key) != 0)
			continue;
		if (yw_buf_append(out, p->text, p->len) != YW_OK)
			return 0;
		*rows = p->rows;
		return 1;
	}
	return 0;
}

void
yw_xcache_page_put(struct yw_xcache *xc, const char *key, const char *text,
    size_t len, int64_t rows)
{
	struct page *p;

	if (xc == NULL || !xc->on || len > PAGE_MAX)
		return;
	p = &xc->pages[xc->next];
	xc->next = (xc->next + 1) % PAGES;
	page_clear(p);
	p->key = strdup(key);
	p->text = malloc(len > 0 ? len : 1);
	if (p->key == NULL || p->text == NULL) {
		page_clear(p);
		return;
	}
	memcpy(p->text, text, len);
	p->len = len;
	p->rows = rows;
	p->v[0] = xc->v[0];
	p->v[1] = xc->v[1];
}
