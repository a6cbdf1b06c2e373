#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/magic.h"

static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj";
static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
static const char jpg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
static const char webp[] = "RIFF\x24\0\0\0WEBPVP8 ";
static const char script[] = "#!/bin/sh\nrm -rf /\n";

static void
test_types(void **state)
{
	(void)state;
	assert_string_equal(yw_magic_type(pdf, sizeof(pdf) - 1), "pdf");
	assert_string_equal(yw_magic_type(png, sizeof(png) - 1), "png");
	assert_string_equal(yw_magic_type(jpg, sizeof(jpg) - 1), "jpeg");
	assert_string_equal(yw_magic_type(webp, sizeof(webp) - 1), "webp");
	assert_null(yw_magic_type(script, sizeof(script) - 1));
	assert_null(yw_magic_type(pdf, 3));	/* too short to tell */
	assert_null(yw_magic_type(NULL, 0));
	assert_null(yw_magic_type("", 0));
}

static void
test_claims(void **state)
{
	(void)state;
	assert_string_equal(yw_magic_claimed("出生证明.PDF"), "pdf");
	assert_string_equal(yw_magic_claimed("photo.JPG"), "jpeg");
	assert_string_equal(yw_magic_claimed("image/jpeg"), "jpeg");
	assert_string_equal(yw_magic_claimed("licence.docx"), "zip");
	assert_null(yw_magic_claimed("run.sh"));
	assert_null(yw_magic_claimed("noextension"));
	assert_null(yw_magic_claimed(NULL));
}

static void
test_matches(void **state)
{
	(void)state;
	assert_true(yw_magic_matches("a.pdf", pdf, sizeof(pdf) - 1));
	assert_true(yw_magic_matches("application/pdf", pdf, sizeof(pdf) - 1));
	/* A script or a PNG renamed to .pdf is not a PDF. */
	assert_false(yw_magic_matches("a.pdf", script, sizeof(script) - 1));
	assert_false(yw_magic_matches("a.pdf", png, sizeof(png) - 1));
	assert_false(yw_magic_matches("a.sh", script, sizeof(script) - 1));
	assert_true(yw_magic_matches("b.jpeg", jpg, sizeof(jpg) - 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_claims),
		cmocka_unit_test(test_matches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
