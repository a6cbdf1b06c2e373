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
test_field_writer(void **state)
{
	struct yw_buf b;

	(void)state;
	yw_buf_init(&b);
	assert_int_equal(yw_csv_field(&b, "plain", 1), YW_OK);
	assert_int_equal(yw_csv_field(&b, "|a,\"b\"", 0), YW_OK);
	/* Formulas are defused with an apostrophe, inside the quotes. */
	assert_int_equal(yw_csv_field(&b, "|=SUM(A1)", 1), YW_OK);
	assert_int_equal(yw_csv_field(&b, "+1,2", 1), YW_OK);
	assert_int_equal(yw_csv_field(&b, "-3@", 1), YW_OK);
	assert_int_equal(yw_csv_field(&b, "@x", 1), YW_OK);
	assert_int_equal(yw_csv_field(&b, "=1", 0), YW_OK);
	assert_int_equal(yw_buf_appendc(&b, '\0'), YW_OK);
	assert_string_equal(b.data, "plain\"|a,\"\"b\"\"\"|=SUM(A1)"
	    "\"'+1,2\"'-3@'@x=1");
	yw_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting_and_line_ends),
		cmocka_unit_test(test_refusals_name_the_line),
		cmocka_unit_test(test_field_writer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
