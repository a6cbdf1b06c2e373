/*
 * Tests for src/app/data/dcat.c and the CSV field writer of open.c: Turtle
 * string literals escape what Turtle requires (quotes, backslashes,
 * newlines, other control characters) and keep Chinese text as it is; a
 * graph serialises with its prefixes, types and typed or tagged literals;
 * CSV fields are quoted exactly when RFC 4180 needs it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "app/data/dcat.h"
#include "app/data/open.h"
#include "core/buf.h"

static void
lit_is(const char *in, const char *want)
{
	struct yw_buf b;

	yw_buf_init(&b);
	assert_int_equal(yw_dcat_turtle_string(&b, in), YW_OK);
	assert_int_equal(yw_buf_appendc(&b, '\0'), YW_OK);
	assert_string_equal(b.data, want);
	yw_buf_free(&b);
}

static void
test_turtle_literals(void **state)
{
	(void)state;
	lit_is("", "\"\"");
	lit_is("空气质量监测", "\"空气质量监测\"");
	lit_is("say \"hi\"", "\"say \\\"hi\\\"\"");
	lit_is("a\\b", "\"a\\\\b\"");
	lit_is("line1\nline2\r\n", "\"line1\\nline2\\r\\n\"");
	lit_is("tab\there", "\"tab\\there\"");
	lit_is("bell\x07 del\x7f", "\"bell\\u0007 del\\u007F\"");
	lit_is("混合 \"引号\"\\反斜杠\n换行", "\"混合 \\\"引号\\\"\\\\反斜杠\\n换行\"");
}

static void
test_turtle_graph(void **state)
{
	struct yw_buf	 b;
	json_t		*g;

	(void)state;
	g = json_loads("[{\"@id\":\"http://x/d\",\"@type\":[\"dcat:Dataset\"],"
	    "\"dct:title\":[{\"@value\":\"标题\\\"\",\"@language\":\"zh\"}],"
	    "\"dct:issued\":[{\"@value\":\"2026-01-01\",\"@type\":\"xsd:date\"}],"
	    "\"dcat:distribution\":[{\"@id\":\"http://x/d#csv\"},"
	    "{\"@id\":\"http://x/d#json\"}]}]", 0, NULL);
	assert_non_null(g);
	yw_buf_init(&b);
	assert_int_equal(yw_dcat_turtle(g, &b), YW_OK);
	assert_int_equal(yw_buf_appendc(&b, '\0'), YW_OK);
	assert_non_null(strstr(b.data, "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"));
	assert_non_null(strstr(b.data, "<http://x/d> a dcat:Dataset ;\n"
	    "    dct:title \"标题\\\"\"@zh ;\n"
	    "    dct:issued \"2026-01-01\"^^xsd:date ;\n"
	    "    dcat:distribution <http://x/d#csv>, <http://x/d#json> .\n"));
	yw_buf_free(&b);
	json_decref(g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_turtle_literals),
		cmocka_unit_test(test_turtle_graph),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
