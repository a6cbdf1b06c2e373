/*
 * arena.h - per-request memory. A handler allocates from its request's arena
 * and never frees; yw_arena_destroy releases everything at once and first
 * runs the cleanups registered with yw_arena_defer (json_decref of view
 * models, closing statements). Memory comes in chunks; large allocations get
 * a chunk of their own. Not thread-safe: one arena belongs to one request.
 * Needs only libc.
 */
#ifndef YW_ARENA_H
#define YW_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

struct yw_arena;

/* A new, empty arena; NULL when out of memory. Caller destroys it. */
struct yw_arena	*yw_arena_create(void);

/*
 * Runs the deferred cleanups, newest first, then frees every allocation and
 * the arena. a may be NULL.
 */
void		 yw_arena_destroy(struct yw_arena *a);

/* No single allocation is larger: a size above this is a computation bug. */
#define YW_ARENA_ALLOC_MAX	((size_t)1 << 30)

/*
 * n bytes aligned for any type (max_align_t), uninitialised, arena-owned.
 * n == 0 gives a unique non-NULL pointer. NULL when out of memory or when n
 * exceeds YW_ARENA_ALLOC_MAX.
 */
void		*yw_arena_alloc(struct yw_arena *a, size_t n);

/* Like yw_arena_alloc, zero-filled. */
void		*yw_arena_zalloc(struct yw_arena *a, size_t n);

/*
 * A NUL-terminated copy of at most n bytes of s (borrowed), stopping early
 * at a NUL like strndup(3). Arena-owned; NULL when out of memory. s may be
 * NULL only when n is 0.
 */
char		*yw_arena_strndup(struct yw_arena *a, const char *s, size_t n);

/*
 * Formats like snprintf into a string sized to fit, arena-owned. NULL when
 * out of memory, on an encoding error, or when the result would exceed
 * YW_ARENA_PRINTF_MAX bytes (a format bug, not a legitimate page).
 */
#define YW_ARENA_PRINTF_MAX	(16u * 1024 * 1024)
char		*yw_arena_printf(struct yw_arena *a, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
char		*yw_arena_vprintf(struct yw_arena *a, const char *fmt,
		    va_list ap) __attribute__((format(printf, 2, 0)));

/*
 * Registers fn(arg) to run at yw_arena_destroy; cleanups run in reverse
 * order of registration, before any memory is freed, so a cleanup may still
 * use arena memory; it must not register further cleanups. On YW_ENOMEM
 * nothing was registered and fn was not called: the caller still owns arg
 * and must release it.
 */
enum yw_err	 yw_arena_defer(struct yw_arena *a, void (*fn)(void *),
		    void *arg);

#endif
