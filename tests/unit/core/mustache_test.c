/*
 * mustache_test.c - the official Mustache spec, read at run time from
 * $YW_SPEC_DIR/mustache (default ../shared/spec/mustache), plus what the
 * spec leaves open: syntax errors, loading a directory, limits.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/mustache.h"

#define MAIN	"__spec_main__"

static const char *
spec_dir(char *buf, size_t len)
{
	const char	*env = getenv("YW_SPEC_DIR");
	int		 w;

	if (env != NULL && *env != '\0')
		w = snprintf(buf, len, "%s/mustache", env);
	else
		w = snprintf(buf, len, "../shared/spec/mustache");
	assert_true(w > 0 && (size_t)w < len);
	return buf;
}

/* JSON-quoted so that whitespace differences are visible. */
static void
show(const char *label, const char *s)
{
	json_t	*j = json_string(s);
	char	*d = j != NULL ? json_dumps(j, JSON_ENCODE_ANY) : NULL;

	fprintf(stderr, "    %-9s %s\n", label, d != NULL ? d : "(not UTF-8)");
	free(d);
	json_decref(j);
}

static int
run_case(const char *file, json_t *tc)
{
	const char		*name, *tsrc, *want, *pname;
	json_t			*partials, *pv;
	struct yw_tpl_set	*set = NULL;
	struct yw_tpl_error	 err;
	struct yw_buf		 out;
	enum yw_err		 rc;
	int			 ok = 0;

	yw_buf_init(&out);
	name = json_string_value(json_object_get(tc, "name"));
	tsrc = json_string_value(json_object_get(tc, "template"));
	want = json_string_value(json_object_get(tc, "expected"));
	assert_non_null(name);
	assert_non_null(tsrc);
	assert_non_null(want);
	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	memset(&err, 0, sizeof(err));
	rc = YW_OK;
	partials = json_object_get(tc, "partials");
	json_object_foreach(partials, pname, pv) {
		rc = yw_tpl_set_add(set, pname, json_string_value(pv),
		    json_string_length(pv), &err);
		if (rc != YW_OK)
			break;
	}
	if (rc == YW_OK)
		rc = yw_tpl_set_add(set, MAIN, tsrc, strlen(tsrc), &err);
	if (rc == YW_OK)
		rc = yw_tpl_render(set, MAIN, json_object_get(tc, "data"),
		    &out);
	if (rc == YW_OK && out.len == strlen(want) &&
	    memcmp(out.len ? out.data : "", want, out.len) == 0)
		ok = 1;
	if (!ok) {
		fprintf(stderr, "FAIL %s: \"%s\"\n", file, name);
		show("template:", tsrc);
		show("expected:", want);
		if (rc != YW_OK)
			fprintf(stderr, "    error:    %s (%s %d:%d %s)\n",
			    yw_err_code(rc), err.name, err.line, err.col,
			    err.msg);
		else
			show("got:", out.data != NULL ? out.data : "");
	}
	yw_buf_free(&out);
	yw_tpl_set_destroy(set);
	return ok;
}

static void
run_spec(const char *file)
{
	char		 dir[4096], path[4200];
	struct stat	 sb;
	json_error_t	 jerr;
	json_t		*root, *tests;
	size_t		 i, pass = 0;

	spec_dir(dir, sizeof(dir));
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		printf("SKIPPED: mustache spec not found at %s\n", dir);
		fflush(stdout);
		skip();
	}
	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) <
	    sizeof(path));
	root = json_load_file(path, 0, &jerr);
	if (root == NULL)
		fail_msg("%s: %s (line %d)", path, jerr.text, jerr.line);
	tests = json_object_get(root, "tests");
	assert_true(json_array_size(tests) > 0);
	for (i = 0; i < json_array_size(tests); i++)
		pass += (size_t)run_case(file, json_array_get(tests, i));
	i = json_array_size(tests);
	json_decref(root);
	printf("mustache spec %s: %zu/%zu passed\n", file, pass, i);
	fflush(stdout);
	assert_int_equal(pass, i);
}

static void
spec_interpolation(void **state)
{
	(void)state;
	run_spec("interpolation.json");
}

static void
spec_sections(void **state)
{
	(void)state;
	run_spec("sections.json");
}

static void
spec_inverted(void **state)
{
	(void)state;
	run_spec("inverted.json");
}

static void
spec_comments(void **state)
{
	(void)state;
	run_spec("comments.json");
}

static void
spec_partials(void **state)
{
	(void)state;
	run_spec("partials.json");
}

static void
spec_delimiters(void **state)
{
	(void)state;
	run_spec("delimiters.json");
}

static void
spec_inheritance(void **state)
{
	(void)state;
	run_spec("~inheritance.json");
}

static void
spec_dynamic_names(void **state)
{
	(void)state;
	run_spec("~dynamic-names.json");
}

/* ---- beyond the spec ---------------------------------------------------- */

static void
add(struct yw_tpl_set *set, const char *name, const char *src)
{
	assert_int_equal(yw_tpl_set_add(set, name, src, strlen(src), NULL),
	    YW_OK);
}

/* Renders src (added as "t") with the JSON text data; returns a copy. */
static char *
render_str(struct yw_tpl_set *set, const char *src, const char *data)
{
	json_t		*ctx = json_loads(data, 0, NULL);
	struct yw_buf	 out;
	char		*s;

	assert_non_null(ctx);
	add(set, "t", src);
	yw_buf_init(&out);
	assert_int_equal(yw_tpl_render(set, "t", ctx, &out), YW_OK);
	s = strdup(out.data != NULL ? out.data : "");
	assert_non_null(s);
	yw_buf_free(&out);
	json_decref(ctx);
	return s;
}

static void
expect(struct yw_tpl_set *set, const char *src, const char *data,
    const char *want)
{
	char *got = render_str(set, src, data);

	if (strcmp(got, want) != 0)
		fail_msg("template %s: expected \"%s\", got \"%s\"", src, want,
		    got);
	free(got);
}

static void
test_syntax_errors(void **state)
{
	static const struct {
		const char	*src;
		int		 line, col;
		const char	*msg;
	} cases[] = {
		{ "{{#a}}x", 1, 1, "unclosed section \"a\"" },
		{ "ab\n  {{#a}}{{/b}}", 2, 9, "does not match open tag \"a\"" },
		{ "x {{/a}}", 1, 3, "without an open section" },
		{ "a\nb {{name", 2, 3, "unclosed tag" },
		{ "a {{{name}}", 1, 3, "unclosed tag" },
		{ "{{", 1, 1, "unclosed tag" },
		{ "\n\n {{=<% =}}", 3, 2, "bad delimiter change" },
		{ "{{= a b c =}}", 1, 1, "bad delimiter change" },
		{ "{{=<%= %>=}}", 1, 1, "bad delimiter change" },
		{ "{{}}", 1, 1, "empty tag" },
		{ "{{# }}", 1, 1, "empty tag" },
		{ "{{a b}}", 1, 1, "space in tag name" },
		{ "{{a..b}}", 1, 1, "bad name" },
		{ "\xc3\xa9\xc3\xa9{{/x}}", 1, 3, "without an open section" },
		{ "{{<p}}{{$b}}{{/p}}", 1, 13, "does not match" },
		{ "{{=[ ]=}}\n[#a]", 2, 1, "unclosed section" },
	};
	struct yw_tpl_set	*set;
	struct yw_tpl_error	 err;
	char			 deep[12 * (YW_TPL_MAX_NEST + 1) + 1];
	size_t			 i;

	(void)state;
	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&err, 0, sizeof(err));
		if (yw_tpl_set_add(set, "bad/one", cases[i].src,
		    strlen(cases[i].src), &err) != YW_EINVAL)
			fail_msg("case %zu: %s parsed", i, cases[i].src);
		if (err.line != cases[i].line || err.col != cases[i].col ||
		    strstr(err.msg, cases[i].msg) == NULL ||
		    strcmp(err.name, "bad/one") != 0)
			fail_msg("case %zu: %s: got %s %d:%d %s", i,
			    cases[i].src, err.name, err.line, err.col, err.msg);
	}
	assert_false(yw_tpl_set_has(set, "bad/one"));
	/* The error pointer is optional. */
	assert_int_equal(yw_tpl_set_add(set, "x", "{{#a}}", 6, NULL),
	    YW_EINVAL);

	deep[0] = '\0';
	for (i = 0; i <= YW_TPL_MAX_NEST; i++)
		memcpy(deep + i * 6, "{{#a}}", 7);
	assert_int_equal(yw_tpl_set_add(set, "deep", deep, strlen(deep), &err),
	    YW_EINVAL);
	assert_non_null(strstr(err.msg, "nested"));
	yw_tpl_set_destroy(set);
}

static void
test_render_api(void **state)
{
	struct yw_tpl_set	*set;
	struct yw_buf		 out;

	(void)state;
	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	yw_buf_init(&out);
	assert_int_equal(yw_buf_appends(&out, "keep"), YW_OK);
	assert_int_equal(yw_tpl_render(set, "nope", NULL, &out), YW_ENOTFOUND);
	assert_string_equal(out.data, "keep");
	add(set, "a", "A{{x}}");
	assert_true(yw_tpl_set_has(set, "a"));
	assert_false(yw_tpl_set_has(set, "A"));
	/* Appends; NULL context renders misses as empty. */
	assert_int_equal(yw_tpl_render(set, "a", NULL, &out), YW_OK);
	assert_string_equal(out.data, "keepA");
	/* Adding the same name replaces the template. */
	add(set, "a", "B");
	assert_int_equal(yw_tpl_render(set, "a", NULL, &out), YW_OK);
	assert_string_equal(out.data, "keepAB");
	yw_buf_free(&out);
	yw_tpl_set_destroy(set);
	yw_tpl_set_destroy(NULL);
}

static void
test_data_model(void **state)
{
	struct yw_tpl_set *set;

	(void)state;
	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	/* Only missing, null, false and [] are falsy. */
	expect(set, "{{#z}}z{{/z}}{{#e}}e{{/e}}{{#o}}o{{/o}}{{#f}}f{{/f}}"
	    "{{#n}}n{{/n}}{{#l}}l{{/l}}{{#m}}m{{/m}}",
	    "{\"z\":0,\"e\":\"\",\"o\":{},\"f\":0.0,\"n\":null,\"l\":[],"
	    "\"m\":false}", "zeof");
	expect(set, "{{a}}|{{b}}|{{c}}|{{d}}|{{t}}|{{f}}|{{o}}|{{l}}|{{big}}",
	    "{\"a\":2.0,\"b\":0.1,\"c\":-7,\"d\":1e21,\"t\":true,"
	    "\"f\":false,\"o\":{\"x\":1},\"l\":[1],"
	    "\"big\":9007199254740993}",
	    "2|0.1|-7|1e+21|true|false|||9007199254740993");
	expect(set, "{{s}}|{{{s}}}|{{&s}}", "{\"s\":\"<a href='x'>&\\\"\"}",
	    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;|<a href='x'>&\"|"
	    "<a href='x'>&\"");
	expect(set, "{{#l}}{{.}},{{/l}}", "{\"l\":[\"\\u4e2d\\u6587\",1]}",
	    "\xe4\xb8\xad\xe6\x96\x87,1,");
	yw_tpl_set_destroy(set);
}

static void
test_indentation(void **state)
{
	struct yw_tpl_set *set;

	(void)state;
	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	/* Standalone partials indent every line, nested ones cumulatively,
	   but not the lines of interpolated data. */
	add(set, "outer", "<ul>\n  {{>inner}}\n"
	    "</ul>\n");
	add(set, "inner", "{{#l}}\n<li>{{{.}}}</li>\n{{/l}}\n");
	expect(set, "<div>\n  {{>outer}}\n</div>\n",
	    "{\"l\":[\"a\",\"b\\nc\"]}",
	    "<div>\n  <ul>\n    <li>a</li>\n    <li>b\nc</li>\n  </ul>\n"
	    "</div>\n");
	/* An inline partial is not indented. */
	expect(set, "  x {{>inner}}", "{\"l\":[1,2]}",
	    "  x <li>1</li>\n<li>2</li>\n");
	yw_tpl_set_destroy(set);
}

static void
test_recursion_guard(void **state)
{
	struct yw_tpl_set	*set;
	char			*got, want[YW_TPL_MAX_EXPAND + 2];

	(void)state;
	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	/* The data never runs out: a true value stays on the stack. */
	add(set, "r", "{{#a}}x{{>r}}{{/a}}");
	got = render_str(set, "{{>r}}", "{\"a\":true}");
	memset(want, 'x', YW_TPL_MAX_EXPAND);
	want[YW_TPL_MAX_EXPAND] = '\0';
	assert_string_equal(got, want);
	free(got);
	/* Blocks that override themselves stop the same way. */
	add(set, "p", "{{$b}}{{/b}}");
	got = render_str(set, "{{<p}}{{$b}}y{{$b}}{{/b}}{{/b}}{{/p}}", "{}");
	assert_true(strlen(got) >= 10 && strspn(got, "y") == strlen(got));
	free(got);
	yw_tpl_set_destroy(set);
}

static void
test_limits(void **state)
{
	struct yw_tpl_set	*set;
	struct yw_buf		 out;

	(void)state;
	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	/* 2^64 expansions: only the step budget stops it. */
	add(set, "e", "{{>e}}{{>e}}");
	add(set, "big", "0123456789{{>big}}");
	yw_tpl_set_limits(set, 1000, 100000);
	yw_buf_init(&out);
	assert_int_equal(yw_buf_appends(&out, "keep"), YW_OK);
	assert_int_equal(yw_tpl_render(set, "e", NULL, &out), YW_ETOOBIG);
	assert_string_equal(out.data, "keep");
	assert_int_equal(yw_tpl_render(set, "big", NULL, &out), YW_OK);
	assert_int_equal(out.len, 4 + 10 * (YW_TPL_MAX_EXPAND + 1));
	yw_tpl_set_limits(set, 100, 0);
	assert_int_equal(yw_tpl_render(set, "big", NULL, &out), YW_ETOOBIG);
	assert_int_equal(out.len, 4 + 10 * (YW_TPL_MAX_EXPAND + 1));
	yw_buf_free(&out);
	yw_tpl_set_destroy(set);
}

static void
write_file(const char *dir, const char *rel, const char *text)
{
	char	 path[4096];
	FILE	*f;

	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dir, rel) <
	    sizeof(path));
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void
remove_file(const char *dir, const char *rel)
{
	char path[4096];

	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dir, rel) <
	    sizeof(path));
	assert_int_equal(remove(path), 0);
}

static void
test_load_dir(void **state)
{
	char			 dir[] = "/tmp/yw_mustache_XXXXXX", sub[4200];
	struct yw_tpl_set	*set;
	struct yw_tpl_error	 err;
	struct yw_buf		 out;
	json_t			*ctx;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/layout", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/portal", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(dir, "layout/base.mustache",
	    "<html>\n<head><title>{{$title}}Yiwang{{/title}}</title></head>\n"
	    "<body>\n  {{$body}}\n  {{/body}}\n</body>\n</html>\n");
	write_file(dir, "portal/home.mustache",
	    "{{<layout/base}}\n{{$title}}{{site}}{{/title}}\n{{$body}}\n"
	    "<h1>{{greeting}}</h1>\n{{>portal/news}}\n{{/body}}\n"
	    "{{/layout/base}}\n");
	write_file(dir, "portal/news.mustache",
	    "<ul>\n{{#news}}\n  <li>{{.}}</li>\n{{/news}}\n</ul>\n");
	write_file(dir, ".hidden.mustache", "{{#broken");
	write_file(dir, "notes.txt", "{{#broken");

	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	memset(&err, 0, sizeof(err));
	assert_int_equal(yw_tpl_set_load_dir(set, dir, &err), YW_OK);
	assert_true(yw_tpl_set_has(set, "layout/base"));
	assert_true(yw_tpl_set_has(set, "portal/home"));
	assert_true(yw_tpl_set_has(set, "portal/news"));
	assert_false(yw_tpl_set_has(set, ".hidden"));
	assert_false(yw_tpl_set_has(set, "notes"));

	ctx = json_pack("{s:s, s:s, s:[s,s]}", "site", "<Yiwang>",
	    "greeting", "Hello", "news", "one", "two");
	assert_non_null(ctx);
	yw_buf_init(&out);
	assert_int_equal(yw_tpl_render(set, "portal/home", ctx, &out), YW_OK);
	assert_string_equal(out.data,
	    "<html>\n<head><title>&lt;Yiwang&gt;</title></head>\n<body>\n"
	    "  <h1>Hello</h1>\n  <ul>\n    <li>one</li>\n    <li>two</li>\n"
	    "  </ul>\n</body>\n</html>\n");
	yw_buf_free(&out);
	json_decref(ctx);
	yw_tpl_set_destroy(set);

	/* A broken file stops the load and is named relative to dir. */
	write_file(dir, "portal/zz.mustache", "ok\n{{#x}}\n");
	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	assert_int_equal(yw_tpl_set_load_dir(set, dir, &err), YW_EINVAL);
	assert_string_equal(err.name, "portal/zz");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 1);
	yw_tpl_set_destroy(set);

	assert_int_equal(yw_tpl_set_create(&set), YW_OK);
	assert_int_equal(yw_tpl_set_load_dir(set, "/nonexistent/yw", &err),
	    YW_EIO);
	yw_tpl_set_destroy(set);

	remove_file(dir, "portal/zz.mustache");
	remove_file(dir, "portal/news.mustache");
	remove_file(dir, "portal/home.mustache");
	remove_file(dir, "layout/base.mustache");
	remove_file(dir, ".hidden.mustache");
	remove_file(dir, "notes.txt");
	remove_file(dir, "portal");
	remove_file(dir, "layout");
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spec_interpolation),
		cmocka_unit_test(spec_sections),
		cmocka_unit_test(spec_inverted),
		cmocka_unit_test(spec_comments),
		cmocka_unit_test(spec_partials),
		cmocka_unit_test(spec_delimiters),
		cmocka_unit_test(spec_inheritance),
		cmocka_unit_test(spec_dynamic_names),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_render_api),
		cmocka_unit_test(test_data_model),
		cmocka_unit_test(test_indentation),
		cmocka_unit_test(test_recursion_guard),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_load_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
