/*
 * Tests for src/core/svgchart.c: shares that add up to 100.0% for one
 * answer each, labels escaped everywhere they appear and cut without
 * splitting a character, an accessible name and description, and a chart
 * of zero responses that still draws.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/svgchart.h"
#include "core/utf8.h"

static char *
chart(const struct yw_chart_bar *bars, size_t n, int64_t total)
{
	struct yw_buf b;

	yw_buf_init(&b);
	assert_int_equal(yw_chart_bars_svg(&b, "chart-7", "题目 <b>&",
	    "作答人数 3", bars, n, total), YW_OK);
	assert_non_null(b.data);
	assert_true(yw_utf8_valid(b.data, b.len));
	return yw_buf_steal(&b);
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_shares_sum_to_100(void **state)
{
	static const int64_t thirds[] = { 1, 1, 1 };
	static const int64_t odd[] = { 2, 2, 2, 1 };
	static const int64_t many[] = { 3, 1 };
	int t[4], sum, i;

	(void)state;
	yw_chart_shares(thirds, 3, 3, t);
	assert_int_equal(t[0] + t[1] + t[2], 1000);
	for (i = 0; i < 3; i++)
		assert_true(t[i] == 333 || t[i] == 334);
	yw_chart_shares(odd, 4, 7, t);
	for (sum = 0, i = 0; i < 4; i++)
		sum += t[i];
	assert_int_equal(sum, 1000);
	assert_int_equal(t[3], 143);	/* 1/7 = 14.29% */
	/* Several answers each (multiple choice): each rounded alone. */
	yw_chart_shares(many, 2, 3, t);
	assert_int_equal(t[0], 1000);
	assert_int_equal(t[1], 333);
	yw_chart_shares(many, 2, 0, t);
	assert_int_equal(t[0], 0);
	assert_int_equal(t[1], 0);
}

static void
test_labels_escaped(void **state)
{
	static const struct yw_chart_bar bars[] = {
		{ "<script>alert(1)</script>", 2 },
		{ "\"quoted\" & 'single'", 1 },
	};
	char *svg;

	(void)state;
	svg = chart(bars, 2, 3);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<b>"));
	assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(svg, "&quot;quoted&quot; &amp; &#39;single"));
	assert_non_null(strstr(svg, "<title id=\"chart-7-t\">题目 &lt;b&gt;&amp;"
	    "</title>"));
	/* The description spells out every bar with its figures. */
	assert_non_null(strstr(svg, "<desc id=\"chart-7-d\">作答人数 3 "));
	assert_non_null(strstr(svg, "2 (66.7%)"));
	assert_non_null(strstr(svg, "1 (33.3%)"));
	assert_non_null(strstr(svg, "role=\"img\""));
	assert_non_null(strstr(svg, "aria-labelledby=\"chart-7-t chart-7-d\""));
	assert_int_equal(count(svg, "<rect "), 2);
	free(svg);
}

static void
test_long_label_cut_on_a_character(void **state)
{
	static const struct yw_chart_bar bars[] = {
		{ "一二三四五六七八九十一二三四五六七八", 1 },
	};
	char *svg;

	(void)state;
	svg = chart(bars, 1, 1);
	/* Drawn: 13 characters and an ellipsis; the description: all. */
	assert_non_null(strstr(svg, ">一二三四五六七八九十一二三…</text>"));
	assert_non_null(strstr(svg, "一二三四五六七八九十一二三四五六七八: 1 "
	    "(100.0%)"));
	free(svg);
}

static void
test_zero_responses(void **state)
{
	static const struct yw_chart_bar bars[] = {
		{ "甲", 0 }, { "乙", 0 },
	};
	struct yw_buf	 b;
	char		*svg;

	(void)state;
	svg = chart(bars, 2, 0);
	assert_int_equal(count(svg, "width=\"0\""), 2);
	assert_int_equal(count(svg, ">0 (0.0%)</text>"), 2);
	assert_non_null(strstr(svg, "</svg>"));
	free(svg);
	/* No bars at all still makes a well-formed, named image. */
	svg = chart(NULL, 0, 0);
	assert_non_null(strstr(svg, "<title"));
	assert_non_null(strstr(svg, "</g></svg>"));
	free(svg);
	/* An id that could break out of the attribute is refused. */
	yw_buf_init(&b);
	assert_int_equal(yw_chart_bars_svg(&b, "x\" onload=\"y", "t", "s",
	    bars, 2, 0), YW_EINVAL);
	yw_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shares_sum_to_100),
		cmocka_unit_test(test_labels_escaped),
		cmocka_unit_test(test_long_label_cut_on_a_character),
		cmocka_unit_test(test_zero_responses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
