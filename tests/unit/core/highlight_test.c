/*
 * Tests for src/core/highlight.c: marks exactly where the index matches
 * (phrases only where their bigrams follow one another), escapes the rest,
 * repairs ill-formed text, and cuts snippet windows on characters.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/highlight.h"

static void
expect_html(const char *query, const char *text, size_t len,
    const char *want)
{
	struct yw_highlight	*h;
	struct yw_buf		 b;

	yw_buf_init(&b);
	assert_int_equal(yw_highlight_create(query, strlen(query), &h), YW_OK);
	assert_int_equal(yw_highlight_html(h, text, len, &b), YW_OK);
	assert_string_equal(b.data, want);
	yw_highlight_destroy(h);
	yw_buf_free(&b);
}

static void
expect_snippet(const char *query, const char *text, size_t chars,
    const char *want)
{
	struct yw_highlight	*h;
	struct yw_buf		 b;

	yw_buf_init(&b);
	assert_int_equal(yw_highlight_create(query, strlen(query), &h), YW_OK);
	assert_int_equal(yw_highlight_snippet(h, text, strlen(text), chars,
	    &b), YW_OK);
	assert_string_equal(b.data, want);
	yw_highlight_destroy(h);
	yw_buf_free(&b);
}

#define H(q, t, w)	expect_html((q), (t), strlen(t), (w))

static void
test_phrases_only_where_consecutive(void **state)
{
	(void)state;
	H("营业执照", "业执 营业执照 执照营业",
	    "业执 <mark>营业执照</mark> 执照营业");
	H("办证", "办理证件，办证", "办理证件，<mark>办证</mark>");
	/* Each group on its own; a lone character everywhere. */
	H("社保 abc", "ABC 社保卡、社会保障", "<mark>ABC</mark> "
	    "<mark>社保</mark>卡、社会保障");
	H("证", "办证证明", "办<mark>证证</mark>明");
}

static void
test_words_fold_and_keep_original_bytes(void **state)
{
	(void)state;
	H("abc", "ABC abcd ＡＢＣ",
	    "<mark>ABC</mark> abcd <mark>ＡＢＣ</mark>");
	H("ＳＯＣＩＡＬ card", "Social Security Card",
	    "<mark>Social</mark> Security <mark>Card</mark>");
	H("12345", "热线12345。", "热线<mark>12345</mark>。");
}

static void
test_escapes_and_repairs(void **state)
{
	(void)state;
	H("办证", "<a href=\"x\">办证</a> & 'y'",
	    "&lt;a href=&quot;x&quot;&gt;<mark>办证</mark>&lt;/a&gt; &amp; "
	    "&#39;y&#39;");
	expect_html("证", "办\xFF证\xE5\x8A", 9,
	    "办\xEF\xBF\xBD<mark>证</mark>\xEF\xBF\xBD");
	/* A query with no terms marks nothing. */
	H("，。", "<办证>", "&lt;办证&gt;");
	H("", "", "");
}

static void
test_snippet_windows(void **state)
{
	(void)state;
	/* Short text: all of it, no ellipsis. */
	expect_snippet("办证", "窗口办证", 10, "窗口<mark>办证</mark>");
	/* No match: the start. */
	expect_snippet("xyz", "一二三四五六七八九十", 4, "一二三四…");
	/* A fifth of the window before the match. */
	expect_snippet("七", "一二三四五六七八九十甲乙丙丁", 5,
	    "…六<mark>七</mark>八九十…");
	/* Near the end the window slides back to stay full. */
	expect_snippet("十", "一二三四五六七八九十", 5,
	    "…六七八九<mark>十</mark>");
	/* A mark is never cut: the window grows to its end. */
	expect_snippet("三四五六七", "一二三四五六七八九十", 5,
	    "…二<mark>三四五六七</mark>…");
	expect_snippet("x", "", 80, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phrases_only_where_consecutive),
		cmocka_unit_test(test_words_fold_and_keep_original_bytes),
		cmocka_unit_test(test_escapes_and_repairs),
		cmocka_unit_test(test_snippet_windows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
