/*
 * Attachments: bytes must be what the name claims, within the limit;
 * stored once per content; read back byte for byte (zero bytes included).
 */
#include "testdb.h"

#include "app/attach/attach.h"

static const unsigned char pdf[] = "%PDF-1.4\n\0\1\2\3binary\xff\xfe trailer";
static const char script[] = "#!/bin/sh\necho pwned\n";

static void
test_put_get_round_trip(void **state)
{
	struct yw_attach	 a, b;
	void			*data;
	size_t			 n;
	char			 type[8];

	(void)state;
	assert_int_equal(yw_attach_put(db, pdf, sizeof(pdf), "出生证明.pdf", 0,
	    100, &a), YW_OK);
	assert_string_equal(a.type, "pdf");
	assert_string_equal(a.name, "出生证明.pdf");
	assert_int_equal(a.size, sizeof(pdf));
	assert_int_equal(strlen(a.sha256), 64);
	/* The same bytes under another name are the same file. */
	assert_int_equal(yw_attach_put(db, pdf, sizeof(pdf), "copy.PDF", 0,
	    200, &b), YW_OK);
	assert_string_equal(a.sha256, b.sha256);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM attachment",
	    json_array()), 1);
	assert_int_equal(yw_attach_get(db, a.sha256, &data, &n, type), YW_OK);
	assert_int_equal(n, sizeof(pdf));
	assert_memory_equal(data, pdf, n);
	assert_string_equal(type, "pdf");
	free(data);
}

static void
test_refusals(void **state)
{
	struct yw_attach	 a;
	void			*data;
	size_t			 n;
	char			 type[8];

	(void)state;
	/* A script renamed to .pdf, a PDF called .png, an unknown kind. */
	assert_int_equal(yw_attach_put(db, script, sizeof(script) - 1,
	    "a.pdf", 0, 1, &a), YW_EINVAL);
	assert_int_equal(yw_attach_put(db, pdf, sizeof(pdf), "a.png", 0, 1,
	    &a), YW_EINVAL);
	assert_int_equal(yw_attach_put(db, script, sizeof(script) - 1,
	    "a.sh", 0, 1, &a), YW_EINVAL);
	assert_int_equal(yw_attach_put(db, pdf, 0, "a.pdf", 0, 1, &a),
	    YW_EINVAL);
	assert_int_equal(yw_attach_put(db, pdf, sizeof(pdf), "a.pdf", 10, 1,
	    &a), YW_ETOOBIG);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM attachment",
	    json_array()), 0);
	assert_int_equal(yw_attach_get(db, "../etc/passwd", &data, &n, type),
	    YW_EINVAL);
	assert_int_equal(yw_attach_get(db, "0000000000000000000000000000000000"
	    "000000000000000000000000000000", &data, &n, type), YW_ENOTFOUND);
	assert_null(data);
}

static void
test_unclean_names_replaced(void **state)
{
	struct yw_attach a;

	(void)state;
	assert_int_equal(yw_attach_put(db, pdf, sizeof(pdf), "a\001b.pdf", 0,
	    1, &a), YW_OK);
	assert_string_equal(a.name, "file.pdf");
}

/* A file for a form's attachment field: type from the bytes against the
 * field's accept list, the field's max_bytes, a name that may be absent;
 * checking stores nothing, saving stores it. */
static void
test_check_for_field(void **state)
{
	struct yw_attach	 a;
	const char		*why;
	json_t			*f;

	(void)state;
	f = json_pack("{s:s, s:s, s:[s], s:i}", "name", "scan", "type",
	    "attachment", "accept", "pdf", "max_bytes", 64);
	assert_int_equal(yw_attach_check_field(f, pdf, sizeof(pdf), NULL, &a,
	    &why), YW_OK);
	assert_null(why);
	assert_string_equal(a.type, "pdf");
	assert_string_equal(a.name, "file.pdf");
	assert_int_equal(a.size, sizeof(pdf));
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM attachment",
	    json_array()), 0);
	assert_int_equal(yw_attach_save(db, &a, pdf, 1), YW_OK);
	assert_int_equal(yw_attach_check_field(f, pdf, sizeof(pdf),
	    "a.png", &a, &why), YW_EINVAL);
	assert_string_equal(why, "type");
	assert_int_equal(yw_attach_check_field(f, script, sizeof(script) - 1,
	    NULL, &a, &why), YW_EINVAL);
	assert_string_equal(why, "type");
	assert_int_equal(yw_attach_check_field(f, pdf, 0, NULL, &a, &why),
	    YW_EINVAL);
	assert_string_equal(why, "required");
	json_object_set_new(f, "max_bytes", json_integer(10));
	assert_int_equal(yw_attach_check_field(f, pdf, sizeof(pdf), "a.pdf",
	    &a, &why), YW_EINVAL);
	assert_string_equal(why, "too_big");
	assert_int_equal(yw_attach_field_max(f), 10);
	json_object_del(f, "max_bytes");
	assert_int_equal(yw_attach_field_max(f), 5 * 1024 * 1024);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM attachment",
	    json_array()), 1);
	json_decref(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_get_round_trip,
		    testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, testdb_setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_unclean_names_replaced,
		    testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_check_for_field,
		    testdb_setup, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
