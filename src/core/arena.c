#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

/*
 * 16 KiB covers a typical request (a few view-model strings and a rendered
 * page fragment) in one malloc without wasting much for small ones.
 */
#define ARENA_CHUNK	(16u * 1024)
/*
 * Requests above this get their own chunk: putting them in the shared one
 * would throw away the rest of the current chunk.
 */
#define ARENA_BIG	(ARENA_CHUNK / 4)
#define ARENA_ALIGN	(_Alignof(max_align_t))

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 cap;
	size_t			 used;
	/* Flexible array of max_align_t so data starts suitably aligned. */
	max_align_t		 data[];
};

struct arena_defer {
	struct arena_defer	*next;
	void			(*fn)(void *);
	void			*arg;
};

struct yw_arena {
	struct arena_chunk	*chunks;	/* every chunk, newest first */
	struct arena_chunk	*cur;		/* where small requests go */
	struct arena_defer	*defers;	/* newest first */
};

struct yw_arena *
yw_arena_create(void)
{
	struct yw_arena	*a;

	a = malloc(sizeof(*a));
	if (a == NULL)
		return NULL;
	a->chunks = NULL;
	a->cur = NULL;
	a->defers = NULL;
	return a;
}

void
yw_arena_destroy(struct yw_arena *a)
{
	struct arena_chunk	*c, *cnext;
	struct arena_defer	*d;

	if (a == NULL)
		return;
	/*
	 * Every cleanup runs before any chunk is freed: the defer records live
	 * in chunks, and so may whatever the cleanups touch.
	 */
	for (d = a->defers; d != NULL; d = d->next)
		d->fn(d->arg);
	for (c = a->chunks; c != NULL; c = cnext) {
		cnext = c->next;
		free(c);
	}
	free(a);
}

static struct arena_chunk *
arena_chunk_new(struct yw_arena *a, size_t cap)
{
	struct arena_chunk	*c;

	c = malloc(sizeof(*c) + cap);
	if (c == NULL)
		return NULL;
	c->cap = cap;
	c->used = 0;
	c->next = a->chunks;
	a->chunks = c;
	return c;
}

void *
yw_arena_alloc(struct yw_arena *a, size_t n)
{
	struct arena_chunk	*c;
	void			*p;

	if (n == 0)
		n = 1;
	/* Also keeps the rounding and the chunk header from overflowing. */
	if (n > YW_ARENA_ALLOC_MAX)
		return NULL;
	n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (n > ARENA_BIG) {
		/* Own chunk; the current small chunk keeps serving. */
		c = arena_chunk_new(a, n);
		if (c == NULL)
			return NULL;
		c->used = n;
		return (void *)c->data;
	}
	c = a->cur;
	if (c == NULL || c->cap - c->used < n) {
		/* The old chunk's tail is wasted: at most ARENA_BIG bytes. */
		c = arena_chunk_new(a, ARENA_CHUNK);
		if (c == NULL)
			return NULL;
		a->cur = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void *
yw_arena_zalloc(struct yw_arena *a, size_t n)
{
	void	*p;

	p = yw_arena_alloc(a, n);
	if (p != NULL)
		memset(p, 0, n);
	return p;
}

char *
yw_arena_strndup(struct yw_arena *a, const char *s, size_t n)
{
	const char	*nul;
	char		*p;

	if (n > 0) {
		nul = memchr(s, '\0', n);
		if (nul != NULL)
			n = (size_t)(nul - s);
	}
	if (n >= YW_ARENA_ALLOC_MAX)
		return NULL;
	p = yw_arena_alloc(a, n + 1);
	if (p == NULL)
		return NULL;
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
yw_arena_vprintf(struct yw_arena *a, const char *fmt, va_list ap)
{
	va_list	 cp;
	char	*p;
	int	 n, m;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || (size_t)n >= YW_ARENA_PRINTF_MAX)
		return NULL;
	p = yw_arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	m = vsnprintf(p, (size_t)n + 1, fmt, ap);
	/* A differing second count means an argument changed under us. */
	if (m != n)
		return NULL;
	return p;
}

char *
yw_arena_printf(struct yw_arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = yw_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

enum yw_err
yw_arena_defer(struct yw_arena *a, void (*fn)(void *), void *arg)
{
	struct arena_defer	*d;

	if (fn == NULL)
		return YW_EINVAL;
	d = yw_arena_alloc(a, sizeof(*d));
	if (d == NULL)
		return YW_ENOMEM;
	d->fn = fn;
	d->arg = arg;
	d->next = a->defers;
	a->defers = d;
	return YW_OK;
}
