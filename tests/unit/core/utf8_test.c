/*
 * Tests for src/core/utf8.c: strictness is what keeps bad bytes out of the
 * database, so every class of ill-formed input has a case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/utf8.h"

#define S(lit)	(lit), (sizeof(lit) - 1)

static void
test_valid_accepts_well_formed(void **state)
{
	(void)state;
	assert_true(yw_utf8_valid(S("")));
	assert_true(yw_utf8_valid(S("hello, world")));
	assert_true(yw_utf8_valid(S("张三丰 福州市鼓楼区")));
	assert_true(yw_utf8_valid(S("\xC2\x80")));		/* U+0080 */
	assert_true(yw_utf8_valid(S("\xDF\xBF")));		/* U+07FF */
	assert_true(yw_utf8_valid(S("\xE0\xA0\x80")));		/* U+0800 */
	assert_true(yw_utf8_valid(S("\xED\x9F\xBF")));		/* U+D7FF */
	assert_true(yw_utf8_valid(S("\xEE\x80\x80")));		/* U+E000 */
	assert_true(yw_utf8_valid(S("\xEF\xBF\xBF")));		/* U+FFFF */
	assert_true(yw_utf8_valid(S("\xF0\x90\x80\x80")));	/* U+10000 */
	assert_true(yw_utf8_valid(S("\xF0\x9F\x98\x80")));	/* emoji */
	assert_true(yw_utf8_valid(S("\xF4\x8F\xBF\xBF")));	/* U+10FFFF */
	/* NUL is a valid code point; control checks are separate. */
	assert_true(yw_utf8_valid("a\0b", 3));
}

static void
test_valid_rejects_overlongs(void **state)
{
	(void)state;
	assert_false(yw_utf8_valid(S("\xC0\x80")));		/* NUL */
	assert_false(yw_utf8_valid(S("\xC0\xAF")));		/* '/' */
	assert_false(yw_utf8_valid(S("\xC1\xBF")));
	assert_false(yw_utf8_valid(S("\xE0\x80\x80")));
	assert_false(yw_utf8_valid(S("\xE0\x9F\xBF")));
	assert_false(yw_utf8_valid(S("\xF0\x80\x80\x80")));
	assert_false(yw_utf8_valid(S("\xF0\x8F\xBF\xBF")));
}

static void
test_valid_rejects_surrogates_and_range(void **state)
{
	(void)state;
	assert_false(yw_utf8_valid(S("\xED\xA0\x80")));		/* U+D800 */
	assert_false(yw_utf8_valid(S("\xED\xBF\xBF")));		/* U+DFFF */
	/* A CESU-8 pair for U+1F600. */
	assert_false(yw_utf8_valid(S("\xED\xA0\xBD\xED\xB8\x80")));
	assert_false(yw_utf8_valid(S("\xF4\x90\x80\x80")));	/* U+110000 */
	assert_false(yw_utf8_valid(S("\xF5\x80\x80\x80")));
	assert_false(yw_utf8_valid(S("\xFE")));
	assert_false(yw_utf8_valid(S("\xFF")));
}

static void
test_valid_rejects_truncated_and_stray(void **state)
{
	(void)state;
	assert_false(yw_utf8_valid(S("\x80")));
	assert_false(yw_utf8_valid(S("abc\xBF")));
	assert_false(yw_utf8_valid(S("\xE4\xB8")));		/* 中 cut */
	assert_false(yw_utf8_valid(S("\xE4\xB8" "a")));
	assert_false(yw_utf8_valid(S("\xF0\x9F\x98")));
	assert_false(yw_utf8_valid(S("\xC3")));
	/* The length bounds the read: a valid sequence cut by len. */
	assert_false(yw_utf8_valid("\xE4\xB8\xAD", 2));
}

static void
test_decode_maximal_subparts(void **state)
{
	uint32_t	cp;

	(void)state;
	assert_int_equal(yw_utf8_decode(S("A"), &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(yw_utf8_decode(S("中"), &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(yw_utf8_decode(S("\xF4\x8F\xBF\xBF"), &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
	/* A truncated sequence is one subpart of all its bytes. */
	assert_int_equal(yw_utf8_decode(S("\xE4\xB8" "a"), &cp), 2);
	assert_int_equal(cp, YW_UTF8_INVALID);
	assert_int_equal(yw_utf8_decode(S("\xF0\x9F\x98" "a"), &cp), 3);
	assert_int_equal(cp, YW_UTF8_INVALID);
	/* A lead byte whose second byte is out of range stands alone. */
	assert_int_equal(yw_utf8_decode(S("\xE0\x80\x80"), &cp), 1);
	assert_int_equal(cp, YW_UTF8_INVALID);
	assert_int_equal(yw_utf8_decode(S("\xED\xA0\x80"), &cp), 1);
	assert_int_equal(yw_utf8_decode(S("\xC0\x80"), &cp), 1);
	assert_int_equal(yw_utf8_decode("", 0, &cp), 0);
}

static void
test_count(void **state)
{
	(void)state;
	assert_int_equal(yw_utf8_count(S("")), 0);
	assert_int_equal(yw_utf8_count(S("abc")), 3);
	assert_int_equal(yw_utf8_count(S("张三")), 2);
	assert_int_equal(yw_utf8_count(S("张三abc")), 5);
	assert_int_equal(yw_utf8_count(S("\xF0\x9F\x98\x80!")), 2);
	/* Each ill-formed subpart counts once, as its U+FFFD would. */
	assert_int_equal(yw_utf8_count(S("\xE4\xB8" "a")), 2);
	assert_int_equal(yw_utf8_count(S("\xC0\x80")), 2);
}

static void
test_has_control(void **state)
{
	(void)state;
	assert_false(yw_utf8_has_control(S("plain text 中文"), 0));
	assert_false(yw_utf8_has_control(S("a\tb"), 0));
	assert_true(yw_utf8_has_control(S("a\nb"), 0));
	assert_false(yw_utf8_has_control(S("a\nb"), 1));
	assert_true(yw_utf8_has_control(S("a\r\nb"), 0));
	assert_false(yw_utf8_has_control(S("a\r\nb"), 1));
	assert_true(yw_utf8_has_control("a\0b", 3, 1));
	assert_true(yw_utf8_has_control(S("\x1B[31m"), 1));	/* ESC */
	assert_true(yw_utf8_has_control(S("\x1F"), 1));
	assert_false(yw_utf8_has_control(S("\x20"), 0));
	assert_true(yw_utf8_has_control(S("\x7F"), 1));	/* DEL */
	assert_true(yw_utf8_has_control(S("\xC2\x80"), 1));	/* C1 first */
	assert_true(yw_utf8_has_control(S("\xC2\x85"), 1));	/* NEL */
	assert_true(yw_utf8_has_control(S("\xC2\x9F"), 1));	/* C1 last */
	assert_false(yw_utf8_has_control(S("\xC2\xA0"), 0));	/* NBSP */
	/* Ill-formed bytes are the validity check's business. */
	assert_false(yw_utf8_has_control(S("\x80\x85"), 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_accepts_well_formed),
		cmocka_unit_test(test_valid_rejects_overlongs),
		cmocka_unit_test(test_valid_rejects_surrogates_and_range),
		cmocka_unit_test(test_valid_rejects_truncated_and_stray),
		cmocka_unit_test(test_decode_maximal_subparts),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_has_control),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
