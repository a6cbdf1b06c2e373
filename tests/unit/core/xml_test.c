/*
 * Tests for src/core/xml.c: text that would break or inject markup comes
 * out escaped, characters XML cannot carry are left out or replaced, and
 * JSON values map to elements by the Spark convention (lists named by the
 * table, null as an empty element, key order kept).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/xml.h"

static void
check_text(const char *in, size_t n, const char *want)
{
	struct yw_buf b;

	yw_buf_init(&b);
	assert_int_equal(yw_xml_text(&b, in, n), YW_OK);
	assert_string_equal(b.data != NULL ? b.data : "", want);
	yw_buf_free(&b);
}

static void
test_escaping(void **state)
{
	(void)state;
	check_text("<script>alert('x')</script>", 27,
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	check_text("a & b \"c\"", 9, "a &amp; b &quot;c&quot;");
	check_text("]]><x/>", 7, "]]&gt;&lt;x/&gt;");
	check_text("福州市鼓楼区", strlen("福州市鼓楼区"), "福州市鼓楼区");
}

static void
test_forbidden_characters(void **state)
{
	(void)state;
	/* Tab, LF and CR stay; other C0 controls and NUL go. */
	check_text("a\tb\nc\rd", 7, "a\tb\nc\rd");
	check_text("a\x01" "b\x1f" "c\0d", 7, "abcd");
	/* U+FFFE is not an XML character. */
	check_text("x\xEF\xBF\xBEy", 5, "xy");
	/* A lone continuation byte and a cut sequence become U+FFFD. */
	check_text("a\x80" "b", 3, "a\xEF\xBF\xBD" "b");
	check_text("c\xE7\xA6", 3, "c\xEF\xBF\xBD");
}

static const struct yw_xml_names names[] = {
	{ "services", "service" }, { "values", "value" }, { NULL, NULL },
};

static void
test_spark(void **state)
{
	struct yw_buf	 b;
	json_t		*v;

	(void)state;
	v = json_pack("[{s:s, s:b, s:n, s:i, s:f, s:[{s:s}]}]", "service_code",
	    "complaint-<x>", "metadata", 1, "group", "n", 7, "lat", 26.08,
	    "values", "key", "a&b");
	assert_non_null(v);
	yw_buf_init(&b);
	assert_int_equal(yw_xml_from_json(&b, "services", v, names), YW_OK);
	assert_string_equal(b.data,
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<services><service><service_code>complaint-&lt;x&gt;"
	    "</service_code><metadata>true</metadata><group></group>"
	    "<n>7</n><lat>26.08</lat><values><value><key>a&amp;b</key>"
	    "</value></values></service></services>\n");
	yw_buf_free(&b);
	json_decref(v);
}

static void
test_unknown_list_and_bad_names(void **state)
{
	struct yw_buf	 b;
	json_t		*v;

	(void)state;
	v = json_pack("{s:[s, s]}", "things", "a", "b");
	yw_buf_init(&b);
	assert_int_equal(yw_xml_from_json(&b, "root", v, names), YW_OK);
	assert_non_null(strstr(b.data,
	    "<root><things><item>a</item><item>b</item></things></root>"));
	yw_buf_free(&b);
	json_decref(v);

	/* A member name that would open markup is refused, not written. */
	v = json_pack("{s:s}", "a><b", "x");
	yw_buf_init(&b);
	assert_int_equal(yw_xml_from_json(&b, "root", v, names), YW_EINVAL);
	yw_buf_free(&b);
	json_decref(v);
	v = json_pack("{s:s}", "1st", "x");
	yw_buf_init(&b);
	assert_int_equal(yw_xml_from_json(&b, "root", v, names), YW_EINVAL);
	yw_buf_free(&b);
	json_decref(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_forbidden_characters),
		cmocka_unit_test(test_spark),
		cmocka_unit_test(test_unknown_list_and_bad_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
