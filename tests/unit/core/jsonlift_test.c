/*
 * Tests for src/core/jsonlift.c: a lifted parse must give the tree that
 * json_loadb gives once each placeholder is replaced by its span, and fail
 * exactly when json_loadb fails, whatever the text; a client must not be
 * able to forge a placeholder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/jsonlift.h"

#define MAXL	8
#define S_TEXT(lit)	(lit), (sizeof(lit) - 1)

/* The lifted parse of text agrees with json_loadb; returns the lifts. */
static size_t
agrees(const char *text, size_t len)
{
	struct yw_jlift	 l[MAXL];
	json_t		*a, *b, *r;
	size_t		 n;

	a = yw_jlift_load(text, len, "content_base64", l, MAXL, &n);
	b = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if ((a == NULL) != (b == NULL))
		fail_msg("lifted %s, plain %s: %.*s", a ? "ok" : "fails",
		    b ? "ok" : "fails", (int)(len > 200 ? 200 : len), text);
	if (a == NULL) {
		assert_int_equal(n, 0);
		return 0;
	}
	r = yw_jlift_resolve(a, l, n);
	if (!json_equal(r, b))
		fail_msg("trees differ: %.*s", (int)(len > 200 ? 200 : len),
		    text);
	json_decref(a);
	json_decref(b);
	json_decref(r);
	return n;
}

static char *
long_b64(size_t n, char fill)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, fill, n);
	s[n] = '\0';
	return s;
}

static void
test_lifts_files(void **state)
{
	struct yw_jlift	 l[MAXL], span;
	char		*b64, text[4096];
	json_t		*j, *c;
	size_t		 n;

	(void)state;
	b64 = long_b64(1000, 'Q');
	(void)snprintf(text, sizeof(text), "{\"item_code\":\"x\",\"values\":"
	    "{\"f\":{\"name\":\"a.pdf\",\"content_base64\" : \"%s\"},"
	    "\"g\":{\"content_base64\":\"%s\"}}}", b64, b64);
	j = yw_jlift_load(text, strlen(text), "content_base64", l, MAXL, &n);
	assert_non_null(j);
	assert_int_equal(n, 2);
	c = json_object_get(json_object_get(json_object_get(j, "values"), "f"),
	    "content_base64");
	assert_string_equal(json_string_value(c), "");
	assert_true(yw_jlift_get(c, l, n, &span));
	assert_int_equal(span.len, 1000);
	assert_memory_equal(span.p, b64, 1000);
	assert_ptr_equal(span.p, strstr(text, b64));
	assert_string_equal(json_string_value(json_object_get(j, "item_code")),
	    "x");
	json_decref(j);
	assert_int_equal(agrees(text, strlen(text)), 2);
	free(b64);
}

/* Each text of fmts, with 600 bytes of base64 at its %s, parses as
 * json_loadb parses it with nothing lifted; ok: whether it parses. */
static void
each_unlifted(const char *const *fmts, size_t n, int ok)
{
	const char	*p;
	char		*b64, text[2048];
	json_t		*j;
	size_t		 i;

	b64 = long_b64(600, 'A');
	for (i = 0; i < n; i++) {
		/* fmts[i] with b64 at its "%s" */
		p = strstr(fmts[i], "%s");
		assert_non_null(p);
		(void)snprintf(text, sizeof(text), "%.*s%s%s",
		    (int)(p - fmts[i]), fmts[i], b64, p + 2);
		assert_int_equal(agrees(text, strlen(text)), 0);
		j = json_loadb(text, strlen(text), JSON_REJECT_DUPLICATES, NULL);
		if ((j != NULL) != ok)
			fail_msg("%s", fmts[i]);
		json_decref(j);
	}
	free(b64);
}

static void
test_leaves_others(void **state)
{
	/* Short, escaped, non-ASCII, other keys, keys as values. */
	static const char *const fmts[] = {
		"{\"content_base64\":\"QUJD\", \"x\":\"%s\"}",
		"{\"content_base64\":\"%s\\/\"}",
		"{\"content_base64\":\"%s中\"}",
		"{\"other\":\"%s\"}",
		"[\"content_base64\",\"%s\"]",
		"{\"content\\u005fbase64\":\"%s\"}",
	};

	(void)state;
	each_unlifted(fmts, sizeof(fmts) / sizeof(fmts[0]), 1);
}

static void
test_refuses_as_before(void **state)
{
	/* Broken after a file, a duplicate key, a NUL escape, unclosed. */
	static const char *const fmts[] = {
		"{\"content_base64\":\"%s\",}",
		"{\"content_base64\":\"%s\",\"content_base64\":\"x\"}",
		"{\"content_base64\":\"%s\",\"a\":\"\\u0000\"}",
		"{\"content_base64\":\"%s",
		"{\"a\":\"%s\\",
	};

	(void)state;
	each_unlifted(fmts, sizeof(fmts) / sizeof(fmts[0]), 0);
}

static void
test_no_forged_placeholder(void **state)
{
	struct yw_jlift	 l[MAXL], span;
	json_t		*j;
	size_t		 n;
	char		*b64, text[2048];

	(void)state;
	/* "\u00000" is what a placeholder looks like: refused as before. */
	b64 = long_b64(600, 'A');
	(void)snprintf(text, sizeof(text), "{\"x\":{\"content_base64\":"
	    "\"\\u00000\"},\"y\":{\"content_base64\":\"%s\"}}", b64);
	j = yw_jlift_load(text, strlen(text), "content_base64", l, MAXL, &n);
	assert_null(j);
	assert_int_equal(n, 0);
	/* Strings and numbers never read as placeholders. */
	j = json_pack("[s, i, s]", "0", 0, "");
	assert_false(yw_jlift_get(json_array_get(j, 0), l, 1, &span));
	assert_false(yw_jlift_get(json_array_get(j, 1), l, 1, &span));
	assert_false(yw_jlift_get(json_array_get(j, 2), l, 1, &span));
	json_decref(j);
	free(b64);
}

/* Random texts: pieces of JSON, files among them, then random damage. */
static void
test_random_texts(void **state)
{
	static const char *const piece[] = {
		"{", "}", "[", "]", ":", ",", " ", "\n", "\"content_base64\"",
		"\"name\"", "\"a\"", "1", "null", "\"\\u0000\"", "\"\\\\\"",
		"\"\\\"\"", "\\", "\"", "\"中\"", "FILE", "\"\\u00000\"",
	};
	char		*b64, text[8192], *p;
	size_t		 i, k, m, len, lifted = 0;
	unsigned	 seed = 311;

	(void)state;
	b64 = long_b64(300, 'B');
	for (i = 0; i < 20000; i++) {
		p = text;
		m = (size_t)rand_r(&seed) % 24;
		for (k = 0; k < m; k++) {
			const char *s = piece[(size_t)rand_r(&seed) %
			    (sizeof(piece) / sizeof(piece[0]))];

			if (strcmp(s, "FILE") == 0)
				p += snprintf(p, 400, "\"%s\"", b64);
			else
				p += snprintf(p, 400, "%s", s);
		}
		len = (size_t)(p - text);
		assert_true(len < sizeof(text));
		lifted += agrees(text, len);
	}
	/* And well-formed bodies with damage here and there. */
	for (i = 0; i < 5000; i++) {
		len = (size_t)snprintf(text, sizeof(text), "{\"values\":{\"f\":"
		    "{\"name\":\"a\",\"content_base64\":\"%s\"},\"g\":[1,"
		    "{\"content_base64\":\"%s\"}]}}", b64, b64);
		k = (size_t)rand_r(&seed) % len;
		text[k] = "\"\\{}:,x \x01\x80"[(size_t)rand_r(&seed) % 11];
		lifted += agrees(text, len);
	}
	assert_true(lifted > 1000);	/* the cases that matter were hit */
	free(b64);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lifts_files),
		cmocka_unit_test(test_leaves_others),
		cmocka_unit_test(test_refuses_as_before),
		cmocka_unit_test(test_no_forged_placeholder),
		cmocka_unit_test(test_random_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
