/*
 * Tests for src/app/data/schema.c: each record check a push relies on
 * (types, lengths in code points, required, unknown fields), item
 * definitions, CSV header mapping and masking; and that the batch encoder
 * (yw_schema_encode) takes and writes exactly what yw_schema_check and
 * json_dumps of its clean record would.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "app/data/schema.h"
#include "core/buf.h"

static json_t *
items(void)
{
	json_t *in, *errors, *out = NULL;

	in = json_loads("[{\"name\":\"name\",\"label\":\"姓名\",\"type\":\"string\","
	    "\"length\":\"3\",\"required\":\"1\",\"personal\":\"on\"},"
	    "{\"name\":\"n\",\"label\":\"N\",\"type\":\"integer\",\"length\":3},"
	    "{\"name\":\"d\",\"label\":\"D\",\"type\":\"decimal\"},"
	    "{\"name\":\"day\",\"label\":\"日\",\"type\":\"date\"},"
	    "{\"name\":\"at\",\"label\":\"时\",\"type\":\"datetime\"},"
	    "{\"name\":\"ok\",\"label\":\"OK\",\"type\":\"boolean\"}]", 0, NULL);
	errors = json_object();
	assert_int_equal(yw_schema_items_clean(in, errors, &out), YW_OK);
	json_decref(in);
	json_decref(errors);
	return out;
}

static const char *
code_of(json_t *errs, const char *k)
{
	return json_string_value(json_object_get(errs, k));
}

static void
test_record_checks(void **state)
{
	json_t *it, *rec, *clean, *errs, *values;

	(void)state;
	it = items();
	rec = json_loads("{\"name\":\"张三丰\",\"n\":\"-12\",\"d\":1.5,"
	    "\"day\":\"2026-02-28\",\"at\":\"2026-02-28T23:59:59+08:00\","
	    "\"ok\":\"1\"}", 0, NULL);
	values = json_object();
	assert_int_equal(yw_schema_check(it, rec, &clean, values, &errs),
	    YW_OK);
	assert_int_equal(json_integer_value(json_object_get(clean, "n")), -12);
	assert_string_equal(json_string_value(json_object_get(clean, "d")),
	    "1.5");
	assert_true(json_is_true(json_object_get(clean, "ok")));
	assert_string_equal(json_string_value(json_object_get(values, "ok")),
	    "true");
	json_decref(clean);
	json_decref(values);
	json_decref(rec);

	rec = json_loads("{\"name\":\"张三丰丰\",\"n\":1234,\"d\":\"1.2.3\","
	    "\"day\":\"2026-02-30\",\"at\":\"2026-02-28 10:00\",\"ok\":2,"
	    "\"x\":1}", 0, NULL);
	assert_int_equal(yw_schema_check(it, rec, &clean, NULL, &errs),
	    YW_EINVAL);
	assert_null(clean);
	assert_string_equal(code_of(errs, "name"), "too_long");
	assert_string_equal(code_of(errs, "n"), "too_long");
	assert_string_equal(code_of(errs, "d"), "wrong_type");
	assert_string_equal(code_of(errs, "day"), "bad_date");
	assert_string_equal(code_of(errs, "at"), "bad_datetime");
	assert_string_equal(code_of(errs, "ok"), "wrong_type");
	assert_string_equal(code_of(errs, "x"), "unknown_field");
	json_decref(errs);
	json_decref(rec);

	rec = json_loads("{\"name\":\"\",\"n\":\"1x\"}", 0, NULL);
	assert_int_equal(yw_schema_check(it, rec, &clean, NULL, &errs),
	    YW_EINVAL);
	assert_string_equal(code_of(errs, "name"), "required");
	assert_string_equal(code_of(errs, "n"), "wrong_type");
	json_decref(errs);
	json_decref(rec);
	json_decref(it);
}

static void
test_item_definitions(void **state)
{
	json_t *in, *errors, *out;

	(void)state;
	in = json_loads("[{\"name\":\"a\",\"label\":\"A\",\"type\":\"string\"},"
	    "{\"name\":\"a\",\"label\":\"\",\"type\":\"blob\"},"
	    "{\"name\":\"9x\",\"label\":\"X\",\"type\":\"date\",\"length\":\"-1\"}]",
	    0, NULL);
	errors = json_object();
	assert_int_equal(yw_schema_items_clean(in, errors, &out), YW_EINVAL);
	assert_null(out);
	assert_string_equal(code_of(errors, "item_1_length"), "required");
	assert_string_equal(code_of(errors, "item_2_name"), "duplicate");
	assert_string_equal(code_of(errors, "item_2_label"), "required");
	assert_string_equal(code_of(errors, "item_2_type"), "invalid");
	assert_string_equal(code_of(errors, "item_3_name"), "invalid");
	assert_string_equal(code_of(errors, "item_3_length"), "invalid");
	json_decref(errors);
	json_decref(in);
}

static void
test_csv_mapping_and_mask(void **state)
{
	json_t		*it, *csv, *out, *m, *v;
	size_t		 col;
	const char	*code;

	(void)state;
	it = items();
	csv = json_loads("[[\"name\",\"n\"],[\"李四\",\"7\"],[\"王五\",\"\"]]", 0,
	    NULL);
	assert_int_equal(yw_schema_from_csv(it, csv, &out, &col, &code), YW_OK);
	assert_int_equal(json_array_size(out), 2);
	assert_null(json_object_get(json_array_get(out, 1), "n"));
	json_decref(out);
	json_decref(csv);
	csv = json_loads("[[\"name\",\"colour\"]]", 0, NULL);
	assert_int_equal(yw_schema_from_csv(it, csv, &out, &col, &code),
	    YW_EINVAL);
	assert_int_equal(col, 2);
	assert_string_equal(code, "unknown_field");
	json_decref(csv);
	v = json_string("350102199001011237");
	m = yw_schema_mask(v);
	assert_string_equal(json_string_value(m), "350102********1237");
	json_decref(m);
	json_decref(v);
	v = json_string("张三");
	m = yw_schema_mask(v);
	assert_string_equal(json_string_value(m), "张***");
	json_decref(m);
	json_decref(v);
	json_decref(it);
}

/* yw_schema_encode agrees with yw_schema_check on every record: the same
 * verdict, the stored text json_dumps(clean, JSON_COMPACT |
 * JSON_SORT_KEYS) would give, and the key's canonical text. */
static void
test_encode_matches_check(void **state)
{
	static const char *const recs[] = {
		"{\"name\":\"张三丰\",\"n\":\"-12\",\"d\":1.5,"
		    "\"day\":\"2026-02-28\",\"ok\":\"1\"}",
		"{\"ok\":false,\"n\":7,\"name\":\"\\\"\\\\\\n\",\"d\":\"-0.50\"}",
		"{\"name\":\"x\",\"at\":\"2026-01-01T00:00:00Z\",\"d\":null,"
		    "\"day\":\"\"}",
		"{\"name\":\"张三丰李\"}",		/* too long */
		"{\"name\":\"x\",\"n\":1234}",	/* too many digits */
		"{\"n\":1}",				/* name required */
		"{\"name\":\"x\",\"extra\":1}",	/* unknown field */
		"{\"name\":\"x\",\"ok\":\"yes\"}",	/* wrong type */
		"{\"name\":\"x\",\"day\":\"2026-02-30\"}",
		"[1]",
	};
	struct yw_schema_plan	 plan;
	struct yw_buf		 b;
	json_t			*it, *rec, *clean, *errs, *values;
	char			*want;
	size_t			 i, key;
	enum yw_err		 rc;

	(void)state;
	it = items();
	assert_int_equal(yw_schema_plan_make(it, "n", &plan), YW_OK);
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		rec = json_loads(recs[i], 0, NULL);
		assert_non_null(rec);
		values = json_object();
		rc = yw_schema_check(it, rec, &clean, values, &errs);
		yw_buf_init(&b);
		assert_int_equal(yw_schema_encode(&plan, rec, &b, &key), rc);
		if (rc == YW_OK) {
			want = json_dumps(clean, JSON_COMPACT | JSON_SORT_KEYS);
			assert_string_equal(b.data, want);
			free(want);
			if (json_object_get(values, "n") != NULL)
				assert_string_equal(b.data + key,
				    json_string_value(json_object_get(values,
				    "n")));
			else
				assert_true(key == (size_t)-1);
		} else {
			assert_int_equal(b.len, 0);
		}
		json_decref(clean);
		json_decref(errs);
		json_decref(values);
		json_decref(rec);
		yw_buf_free(&b);
	}
	json_decref(it);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_checks),
		cmocka_unit_test(test_item_definitions),
		cmocka_unit_test(test_csv_mapping_and_mask),
		cmocka_unit_test(test_encode_matches_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
