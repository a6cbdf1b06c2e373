/*
 * Tests for src/core/arena.c. ASan checks the rest: an allocation that
 * overlaps another or outlives its chunk, or a deferred cleanup that never
 * runs (the json_decref case leaks), fails the run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "core/arena.h"

#define ALIGN	_Alignof(max_align_t)

static void
test_create_destroy(void **state)
{
	struct yw_arena	*a;

	(void)state;
	a = yw_arena_create();
	assert_non_null(a);
	yw_arena_destroy(a);
	yw_arena_destroy(NULL);
}

static void
test_alloc_alignment_and_contents(void **state)
{
	struct yw_arena	*a;
	unsigned char	*p[2000];
	size_t		 i, j, n;

	(void)state;
	a = yw_arena_create();
	assert_non_null(a);
	/* 1 to 5000 bytes: many chunks, both sides of the big limit. */
	for (i = 0; i < 2000; i++) {
		n = (i * 37) % 5000 + 1;
		p[i] = yw_arena_alloc(a, n);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % ALIGN, 0);
		memset(p[i], (int)(i & 0xFF), n);
	}
	/* Nothing was overwritten by a later allocation. */
	for (i = 0; i < 2000; i++) {
		n = (i * 37) % 5000 + 1;
		for (j = 0; j < n; j++)
			if (p[i][j] != (unsigned char)(i & 0xFF))
				fail_msg("allocation %zu byte %zu clobbered",
				    i, j);
	}
	yw_arena_destroy(a);
}

static void
test_alloc_edge_sizes(void **state)
{
	struct yw_arena	*a;
	void		*p, *q, *big;

	(void)state;
	a = yw_arena_create();
	assert_non_null(a);
	p = yw_arena_alloc(a, 0);
	q = yw_arena_alloc(a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	/* Overflow is refused, not wrapped into a small allocation. */
	assert_null(yw_arena_alloc(a, SIZE_MAX));
	assert_null(yw_arena_alloc(a, SIZE_MAX - 8));
	assert_null(yw_arena_alloc(a, SIZE_MAX - 64));
	assert_null(yw_arena_alloc(a, YW_ARENA_ALLOC_MAX + 1));
	/* A large allocation gets its own chunk; small ones keep working. */
	big = yw_arena_alloc(a, 4u * 1024 * 1024);
	assert_non_null(big);
	memset(big, 0xAB, 4u * 1024 * 1024);
	p = yw_arena_alloc(a, 16);
	assert_non_null(p);
	memset(p, 0, 16);
	assert_int_equal(((unsigned char *)big)[4u * 1024 * 1024 - 1], 0xAB);
	yw_arena_destroy(a);
}

static void
test_zalloc(void **state)
{
	struct yw_arena	*a;
	unsigned char	*p;
	size_t		 i;

	(void)state;
	a = yw_arena_create();
	assert_non_null(a);
	/* Dirty some memory first so zeroing is observable. */
	memset(yw_arena_alloc(a, 100), 0xFF, 100);
	p = yw_arena_zalloc(a, 300);
	assert_non_null(p);
	for (i = 0; i < 300; i++)
		assert_int_equal(p[i], 0);
	assert_null(yw_arena_zalloc(a, SIZE_MAX));
	yw_arena_destroy(a);
}

static void
test_strndup(void **state)
{
	struct yw_arena	*a;
	char		*s;

	(void)state;
	a = yw_arena_create();
	assert_non_null(a);
	s = yw_arena_strndup(a, "福州市鼓楼区", 6);
	assert_non_null(s);
	assert_string_equal(s, "福州");
	/* Stops at a NUL inside n. */
	s = yw_arena_strndup(a, "ab\0cd", 5);
	assert_string_equal(s, "ab");
	/* n may exceed the string when it is NUL-terminated. */
	s = yw_arena_strndup(a, "xyz", 100);
	assert_string_equal(s, "xyz");
	s = yw_arena_strndup(a, NULL, 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	yw_arena_destroy(a);
}

static void
test_printf(void **state)
{
	struct yw_arena	*a;
	char		*s, *big;
	size_t		 i;

	(void)state;
	a = yw_arena_create();
	assert_non_null(a);
	s = yw_arena_printf(a, "%s-%04d/%s", "FZ", 42, "案件");
	assert_non_null(s);
	assert_string_equal(s, "FZ-0042/案件");
	s = yw_arena_printf(a, "%s", "");
	assert_non_null(s);
	assert_string_equal(s, "");
	/* Bigger than a chunk. */
	s = yw_arena_printf(a, "%50000d", 7);
	assert_non_null(s);
	assert_int_equal(strlen(s), 50000);
	assert_int_equal(s[49999], '7');
	for (i = 0; i < 49999; i++)
		assert_int_equal(s[i], ' ');
	/* Past YW_ARENA_PRINTF_MAX is refused before allocating. */
	big = yw_arena_printf(a, "%*d", (int)YW_ARENA_PRINTF_MAX, 1);
	assert_null(big);
	yw_arena_destroy(a);
}

struct order {
	int	seen[8];
	int	n;
};

struct step {
	struct order	*order;
	int		 id;
};

static void
record(void *arg)
{
	struct step	*s = arg;

	s->order->seen[s->order->n++] = s->id;
}

static void
test_defer_reverse_order(void **state)
{
	struct yw_arena	*a;
	struct order	 order;
	struct step	*s;
	int		 i;

	(void)state;
	memset(&order, 0, sizeof(order));
	a = yw_arena_create();
	assert_non_null(a);
	for (i = 1; i <= 5; i++) {
		/* arg lives in the arena: cleanups run before frees. */
		s = yw_arena_alloc(a, sizeof(*s));
		assert_non_null(s);
		s->order = &order;
		s->id = i;
		assert_int_equal(yw_arena_defer(a, record, s), YW_OK);
	}
	assert_int_equal(order.n, 0);
	yw_arena_destroy(a);
	assert_int_equal(order.n, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(order.seen[i], 5 - i);
}

static void
decref(void *arg)
{
	json_decref(arg);
}

static void
test_defer_json_decref(void **state)
{
	struct yw_arena	*a;
	json_t		*model;

	(void)state;
	a = yw_arena_create();
	assert_non_null(a);
	model = json_pack("{s:s, s:[i,i]}", "title", "办事指南", "ids", 1,
	    2);
	assert_non_null(model);
	assert_int_equal(yw_arena_defer(a, decref, model), YW_OK);
	assert_int_equal(yw_arena_defer(a, NULL, NULL), YW_EINVAL);
	/* Without the deferred decref LeakSanitizer reports the model. */
	yw_arena_destroy(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_destroy),
		cmocka_unit_test(test_alloc_alignment_and_contents),
		cmocka_unit_test(test_alloc_edge_sizes),
		cmocka_unit_test(test_zalloc),
		cmocka_unit_test(test_strndup),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_defer_reverse_order),
		cmocka_unit_test(test_defer_json_decref),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
