/*
 * Tests for src/core/csv.c: RFC 4180 quoting, line ends, the byte order
 * mark, and refusals that name the line (encoding, quoting, columns).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/csv.h"

#define S(lit)	(lit), (sizeof(lit) - 1)

static const char *
cell(json_t *recs, size_t r, size_t c)
{
	return json_string_value(json_array_get(json_array_get(recs, r), c));
}

static void
test_quoting_and_line_ends(void **state)
{
	struct yw_csv_error	 e;
	json_t			*recs, *lines;

	(void)state;
	assert_int_equal(yw_csv_parse(S("\xEF\xBB\xBF" "a,b\r\n\"x, \"\"y\"\"\",\"two\r\nlines\"\n"
	    "\n3,\r\n"), 0, &recs, &lines, &e), YW_OK);
	assert_int_equal(json_array_size(recs), 3);
	assert_string_equal(cell(recs, 0, 0), "a");	/* BOM dropped */
	assert_string_equal(cell(recs, 1, 0), "x, \"y\"");
	assert_string_equal(cell(recs, 1, 1), "two\r\nlines");
	assert_string_equal(cell(recs, 2, 0), "3");
	assert_string_equal(cell(recs, 2, 1), "");
	assert_int_equal(json_integer_value(json_array_get(lines, 1)), 2);
	assert_int_equal(json_integer_value(json_array_get(lines, 2)), 5);
	json_decref(recs);
	json_decref(lines);
	assert_int_equal(yw_csv_parse(S("\xE5\xA7\x93\xE5\x90\x8D,x"), 0, &recs,
	    &lines, &e), YW_OK);		/* "姓名", no final newline */
	assert_string_equal(cell(recs, 0, 0), "姓名");
	json_decref(recs);
	json_decref(lines);
}

static void
test_refusals_name_the_line(void **state)
{
	struct yw_csv_error	 e;
	json_t			*recs, *lines;

	(void)state;
	/* GBK "李" (C0 EE) is not UTF-8. */
	assert_int_equal(yw_csv_parse(S("a,b\n1,2\n\xC0\xEE,3\n"), 0, &recs,
	    &lines, &e), YW_EINVAL);
	assert_string_equal(e.code, "encoding");
	assert_int_equal(e.line, 3);
	assert_null(recs);
	assert_int_equal(yw_csv_parse(S("a,b\n1,x\"y\n"), 0, &recs, &lines,
	    &e), YW_EINVAL);
	assert_string_equal(e.code, "quote");
	assert_int_equal(e.line, 2);
	assert_int_equal(yw_csv_parse(S("a,b\n\"1\"x,2\n"), 0, &recs, &lines,
	    &e), YW_EINVAL);
	assert_string_equal(e.code, "quote");
	assert_int_equal(yw_csv_parse(S("a,b\n1,2\n\"open,3\n"), 0, &recs,
	    &lines, &e), YW_EINVAL);
	assert_string_equal(e.code, "quote");
	assert_int_equal(e.line, 3);
	assert_int_equal(yw_csv_parse(S("a,b\n1,2\n1,2,3\n"), 0, &recs, &lines,
	    &e), YW_EINVAL);
	assert_string_equal(e.code, "columns");
	assert_int_equal(e.line, 3);
	assert_int_equal(yw_csv_parse(S("\n\n"), 0, &recs, &lines, &e),
	    YW_EINVAL);
	assert_string_equal(e.code, "empty");
	assert_int_equal(yw_csv_parse(S("a\n1\n2\n"), 2, &recs, &lines, &e),
	    YW_EINVAL);
	assert_string_equal(e.code, "too_many");
}

static void
field_is(const char *in, const char *want)
{
	struct yw_buf b;

	yw_buf_init(&b);
	assert_int_equal(yw_csv_write_field(&b, in), YW_OK);
	assert_int_equal(yw_buf_appendc(&b, '\0'), YW_OK);
	assert_string_equal(b.data, want);
	yw_buf_free(&b);
}

static void
test_written_fields(void **state)
{
	(void)state;
	field_is("plain 文本", "plain 文本");
	field_is("", "");
	field_is("a,b", "\"a,b\"");
	field_is("say \"x\"", "\"say \"\"x\"\"\"");
	field_is("two\nlines", "\"two\nlines\"");
	field_is("cr\r", "\"cr\r\"");
}

/* What a spreadsheet would run is written as text; numbers stay. */
static void
test_formulas_are_neutralised(void **state)
{
	(void)state;
	field_is("=1+1", "'=1+1");
	field_is("+86 591", "'+86 591");
	field_is("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0");
	field_is("@SUM(A1:A2)", "'@SUM(A1:A2)");
	field_is("\t=1", "'\t=1");
	field_is("\r=1", "\"'\r=1\"");
	field_is("=HYPERLINK(\"http://x\",\"y\")",
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	field_is("-3", "-3");
	field_is("+1.5", "+1.5");
	field_is("-", "'-");
	field_is("-1.2.3", "'-1.2.3");
	field_is("a=1", "a=1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting_and_line_ends),
		cmocka_unit_test(test_refusals_name_the_line),
		cmocka_unit_test(test_written_fields),
		cmocka_unit_test(test_formulas_are_neutralised),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
