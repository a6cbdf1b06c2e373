/*
 * Tests for src/core/form.c: every POST handler trusts what comes out, so
 * each rule of the contract in form.h has a case here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "core/form.h"

#define S(lit)	(lit), (sizeof(lit) - 1)

static const struct yw_form_field spec[] = {
	{ "name", 4, YW_FORM_REQUIRED },
	{ "note", 20, YW_FORM_MULTILINE },
	{ "pass", 16, YW_FORM_NOTRIM },
	{ "city", 10, 0 },
};
#define NSPEC	(sizeof(spec) / sizeof(spec[0]))

struct result {
	json_t	*values;
	json_t	*errors;
};

static int
teardown(void **state)
{
	struct result	*r = *state;

	if (r != NULL) {
		json_decref(r->values);
		json_decref(r->errors);
		free(r);
	}
	return 0;
}

/* Decodes body into a result owned by the test's state (freed at teardown). */
static struct result *
decode(void **state, const char *body, size_t len)
{
	struct result	*r;

	r = *state;
	if (r == NULL) {
		r = calloc(1, sizeof(*r));
		assert_non_null(r);
		*state = r;
	}
	json_decref(r->values);
	json_decref(r->errors);
	r->values = r->errors = NULL;
	assert_int_equal(yw_form_decode(body, len, spec, NSPEC, &r->values,
	    &r->errors), YW_OK);
	assert_true(json_is_object(r->values));
	assert_true(json_is_object(r->errors));
	return r;
}

static const char *
val(struct result *r, const char *name)
{
	return json_string_value(json_object_get(r->values, name));
}

static const char *
err(struct result *r, const char *name)
{
	return json_string_value(json_object_get(r->errors, name));
}

static void
test_normal(void **state)
{
	struct result	*r;

	r = decode(state, S("name=Li&note=hello&pass=pw&city=Fuzhou"));
	assert_string_equal(val(r, "name"), "Li");
	assert_string_equal(val(r, "note"), "hello");
	assert_string_equal(val(r, "pass"), "pw");
	assert_string_equal(val(r, "city"), "Fuzhou");
	assert_int_equal(json_object_size(r->values), 4);
	assert_int_equal(json_object_size(r->errors), 0);
}

static void
test_percent_utf8_chinese(void **state)
{
	struct result	*r;

	/* 张三 and 福州, upper- and lower-case hex. */
	r = decode(state,
	    S("name=%E5%BC%A0%E4%B8%89&city=%e7%a6%8f%e5%b7%9e"));
	assert_string_equal(val(r, "name"), "张三");
	assert_string_equal(val(r, "city"), "福州");
	assert_int_equal(json_object_size(r->errors), 0);
	/* Encoded names match too. */
	r = decode(state, S("%6Eame=Wu"));
	assert_string_equal(val(r, "name"), "Wu");
}

static void
test_plus_and_trim(void **state)
{
	struct result	*r;

	r = decode(state, S("name=+Li+Lei+&city=a%20b&pass=+x+&note=%09hi%0A"));
	assert_string_equal(val(r, "name"), "Li Lei");
	assert_string_equal(val(r, "city"), "a b");
	/* NOTRIM keeps the spaces a password may have. */
	assert_string_equal(val(r, "pass"), " x ");
	assert_string_equal(val(r, "note"), "hi");
	/* A literal '+' must be sent as %2B. */
	r = decode(state, S("name=a%2Bb"));
	assert_string_equal(val(r, "name"), "a+b");
	assert_int_equal(json_object_size(r->errors), 0);
}

static void
test_malformed_escape(void **state)
{
	struct result	*r;

	r = decode(state, S("name=50%&city=%zz&note=%4&pass=ok%41"));
	assert_string_equal(err(r, "name"), "malformed");
	assert_string_equal(err(r, "city"), "malformed");
	assert_string_equal(err(r, "note"), "malformed");
	assert_null(err(r, "pass"));
	/* The user's text comes back as typed. */
	assert_string_equal(val(r, "name"), "50%");
	assert_string_equal(val(r, "city"), "%zz");
	assert_string_equal(val(r, "note"), "%4");
	assert_string_equal(val(r, "pass"), "okA");
}

static void
test_controls(void **state)
{
	struct result	*r;
	json_t		*v;

	r = decode(state, S("name=a%00b&city=x%1By&pass=%7F&note=a%0D%0Ab"));
	assert_string_equal(err(r, "name"), "control");
	assert_string_equal(err(r, "city"), "control");
	assert_string_equal(err(r, "pass"), "control");
	/* MULTILINE lets CR LF through. */
	assert_null(err(r, "note"));
	assert_string_equal(val(r, "note"), "a\r\nb");
	/* The kept value never holds a NUL: it became U+FFFD. */
	v = json_object_get(r->values, "name");
	assert_int_equal(json_string_length(v), 5);
	assert_string_equal(json_string_value(v), "a\xEF\xBF\xBD" "b");

	r = decode(state, S("city=a%0Ab&name=ok&note=tab%09ok&pass=%C2%85"));
	assert_string_equal(err(r, "city"), "control");
	assert_null(err(r, "note"));
	assert_string_equal(val(r, "note"), "tab\tok");
	assert_string_equal(err(r, "pass"), "control");	/* C1 NEL */
}

static void
test_invalid_utf8(void **state)
{
	struct result	*r;

	/* Overlong '/', a surrogate, a bare continuation, a cut sequence. */
	r = decode(state,
	    S("name=%C0%AF&city=%ED%A0%80&note=a%80b&pass=%E5%BC"));
	assert_string_equal(err(r, "name"), "utf8");
	assert_string_equal(err(r, "city"), "utf8");
	assert_string_equal(err(r, "note"), "utf8");
	assert_string_equal(err(r, "pass"), "utf8");
	assert_string_equal(val(r, "note"), "a\xEF\xBF\xBD" "b");
	assert_string_equal(val(r, "pass"), "\xEF\xBF\xBD");
	assert_string_equal(val(r, "name"), "\xEF\xBF\xBD\xEF\xBF\xBD");
	/* Raw (unescaped) high bytes are checked the same way. */
	r = decode(state, S("city=\xFF"));
	assert_string_equal(err(r, "city"), "utf8");
}

static void
test_too_long_counts_code_points(void **state)
{
	struct result	*r;

	/* name allows 4 characters: four Chinese ones are 12 bytes. */
	r = decode(state, S("name=%E6%AC%A7%E9%98%B3%E4%BF%AE%E8%BF%9C"));
	assert_null(err(r, "name"));
	assert_string_equal(val(r, "name"), "欧阳修远");
	r = decode(state,
	    S("name=%E6%AC%A7%E9%98%B3%E4%BF%AE%E8%BF%9C%E5%B1%B1"));
	assert_string_equal(err(r, "name"), "too_long");
	assert_string_equal(val(r, "name"), "欧阳修远山");
	/* Trimming happens before counting. */
	r = decode(state, S("name=++abcd++"));
	assert_null(err(r, "name"));
	r = decode(state, S("name=abcde"));
	assert_string_equal(err(r, "name"), "too_long");
}

static void
test_required(void **state)
{
	struct result	*r;

	r = decode(state, S("city=Xiamen"));
	assert_string_equal(err(r, "name"), "required");
	assert_null(json_object_get(r->values, "name"));
	assert_int_equal(json_object_size(r->errors), 1);
	r = decode(state, S("name=&city=x"));
	assert_string_equal(err(r, "name"), "required");
	assert_string_equal(val(r, "name"), "");
	r = decode(state, S("name=+%20%09+"));
	assert_string_equal(err(r, "name"), "required");
	/* Optional fields may be empty. */
	r = decode(state, S("name=x&city="));
	assert_null(err(r, "city"));
	assert_string_equal(val(r, "city"), "");
}

static void
test_undeclared_dropped(void **state)
{
	struct result	*r;

	r = decode(state, S("name=Li&admin=1&Name=x&name2=y&nam=z&=v"));
	assert_string_equal(val(r, "name"), "Li");
	assert_int_equal(json_object_size(r->values), 1);
	assert_int_equal(json_object_size(r->errors), 0);
	/* A name with a bad escape cannot be declared. */
	r = decode(state, S("name=Li&ci%ty=x"));
	assert_int_equal(json_object_size(r->values), 1);
	assert_int_equal(json_object_size(r->errors), 0);
}

static void
test_duplicates_keep_first(void **state)
{
	struct result	*r;

	r = decode(state, S("name=Li&name=Wu&city=a&city=%zz"));
	assert_string_equal(val(r, "name"), "Li");
	/* The ignored repeat does not bring its error along. */
	assert_string_equal(val(r, "city"), "a");
	assert_int_equal(json_object_size(r->errors), 0);
	/* Even when the first one is in error. */
	r = decode(state, S("name=&name=second"));
	assert_string_equal(val(r, "name"), "");
	assert_string_equal(err(r, "name"), "required");
}

static void
test_empty_and_odd_shapes(void **state)
{
	struct result	*r;

	r = decode(state, "", 0);
	assert_int_equal(json_object_size(r->values), 0);
	assert_string_equal(err(r, "name"), "required");
	assert_int_equal(json_object_size(r->errors), 1);
	r = decode(state, NULL, 0);
	assert_int_equal(json_object_size(r->values), 0);
	/* No '=': present with an empty value. */
	r = decode(state, S("city&name=x"));
	assert_string_equal(val(r, "city"), "");
	assert_null(err(r, "city"));
	r = decode(state, S("name"));
	assert_string_equal(err(r, "name"), "required");
	/* Empty pairs are skipped wherever they are. */
	r = decode(state, S("&&name=x&&&city=y&"));
	assert_string_equal(val(r, "name"), "x");
	assert_string_equal(val(r, "city"), "y");
	assert_int_equal(json_object_size(r->errors), 0);
	/* Only the first '=' splits. */
	r = decode(state, S("name=a=b"));
	assert_string_equal(val(r, "name"), "a=b");
	/* The body is length-delimited, not NUL-terminated. */
	r = decode(state, "name=abc&city=zzz", 8);
	assert_string_equal(val(r, "name"), "abc");
	assert_null(json_object_get(r->values, "city"));
}

static void
test_limits(void **state)
{
	static const struct yw_form_field one[] = { { "a", 10, 0 } };
	json_t	*v, *e;
	char	*body;
	size_t	 i, n;

	(void)state;
	body = malloc(YW_FORM_MAX_BODY + 1);
	assert_non_null(body);
	memset(body, 'x', YW_FORM_MAX_BODY + 1);
	v = e = (json_t *)1;
	assert_int_equal(yw_form_decode(body, YW_FORM_MAX_BODY + 1, one, 1, &v,
	    &e), YW_ETOOBIG);
	assert_null(v);
	assert_null(e);
	/* Exactly the limit is fine (one long undeclared pair). */
	assert_int_equal(yw_form_decode(body, YW_FORM_MAX_BODY, one, 1, &v,
	    &e), YW_OK);
	json_decref(v);
	json_decref(e);

	/* 256 pairs "a&a&...": fine; 257: refused; empty ones do not count. */
	n = 0;
	for (i = 0; i < YW_FORM_MAX_PAIRS; i++) {
		memcpy(body + n, "a&&", 3);
		n += 3;
	}
	assert_int_equal(yw_form_decode(body, n, one, 1, &v, &e), YW_OK);
	assert_string_equal(json_string_value(json_object_get(v, "a")), "");
	json_decref(v);
	json_decref(e);
	body[n] = 'b';
	assert_int_equal(yw_form_decode(body, n + 1, one, 1, &v, &e),
	    YW_ETOOBIG);
	assert_null(v);
	assert_null(e);
	assert_int_equal(yw_form_decode(NULL, 3, one, 1, &v, &e), YW_EINVAL);
	free(body);
}

static void
test_query(void **state)
{
	json_t	*v, *e;

	(void)state;
	assert_int_equal(yw_form_decode_query(S("q=%E6%94%BF%E5%8A%A1&page=2"),
	    (const struct yw_form_field[]){ { "q", 50, 0 } }, 1, &v, &e),
	    YW_OK);
	assert_string_equal(json_string_value(json_object_get(v, "q")),
	    "政务");
	assert_int_equal(json_object_size(v), 1);
	assert_int_equal(json_object_size(e), 0);
	json_decref(v);
	json_decref(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_normal, teardown),
		cmocka_unit_test_teardown(test_percent_utf8_chinese, teardown),
		cmocka_unit_test_teardown(test_plus_and_trim, teardown),
		cmocka_unit_test_teardown(test_malformed_escape, teardown),
		cmocka_unit_test_teardown(test_controls, teardown),
		cmocka_unit_test_teardown(test_invalid_utf8, teardown),
		cmocka_unit_test_teardown(test_too_long_counts_code_points,
		    teardown),
		cmocka_unit_test_teardown(test_required, teardown),
		cmocka_unit_test_teardown(test_undeclared_dropped, teardown),
		cmocka_unit_test_teardown(test_duplicates_keep_first, teardown),
		cmocka_unit_test_teardown(test_empty_and_odd_shapes, teardown),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_query),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
