/*
 * Forms as data: definitions are checked, submitted values validated field
 * by field with the codes users see, bundles merged into one form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/service/formdef.h"
#include "core/timeutil.h"

/* 2026-11-28 12:00 Beijing time. */
#define NOW	((int64_t)(yw_time_days_from_civil(2026, 11, 28) * 86400 + 4 * 3600))

static const char *birth_form =
    "{\"fields\": ["
    "{\"name\": \"child_name\", \"type\": \"text\", \"required\": true,"
    " \"max\": 8, \"label\": {\"zh\": \"新生儿姓名\", \"en\": \"Name\"}},"
    "{\"name\": \"birth_date\", \"type\": \"date\", \"required\": true,"
    " \"past\": true, \"label\": {\"zh\": \"出生日期\"}},"
    "{\"name\": \"weight\", \"type\": \"number\", \"min\": 300,"
    " \"max\": 8000, \"integer\": true, \"label\": {\"zh\": \"体重（克）\"}},"
    "{\"name\": \"gender\", \"type\": \"choice\", \"required\": true,"
    " \"options\": [{\"value\": \"f\", \"label\": {\"zh\": \"女\"}},"
    "  {\"value\": \"m\", \"label\": {\"zh\": \"男\"}}],"
    " \"label\": {\"zh\": \"性别\"}},"
    "{\"name\": \"mother_id\", \"type\": \"idnum\", \"required\": true,"
    " \"label\": {\"zh\": \"母亲身份证号\"}},"
    "{\"name\": \"phone\", \"type\": \"phone\", \"label\": {\"zh\": \"电话\"}},"
    "{\"name\": \"email\", \"type\": \"email\", \"label\": {\"zh\": \"邮箱\"}},"
    "{\"name\": \"home\", \"type\": \"region\", \"label\": {\"zh\": \"住址\"}},"
    "{\"name\": \"cert\", \"type\": \"attachment\", \"required\": true,"
    " \"accept\": [\"pdf\", \"jpeg\"], \"max_bytes\": 1000,"
    " \"label\": {\"zh\": \"出生医学证明\"}}"
    "]}";

static const char *sha =
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

static json_t *
load(const char *s)
{
	json_error_t	 e;
	json_t		*j;

	j = json_loads(s, 0, &e);
	if (j == NULL)
		fail_msg("bad test JSON at %d: %s", e.position, e.text);
	return j;
}

static json_t *
good_values(void)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:{s:s, s:s, s:i, s:s}}",
	    "child_name", "王小明", "birth_date", "2026-11-20", "weight", "3200",
	    "gender", "m", "mother_id", "11010519491231002x",
	    "phone", "+86 138-0013-8000", "email", "mum@example.com",
	    "home", "350102001001",
	    "cert", "name", "证明.pdf", "type", "pdf", "size", 900,
	    "sha256", sha);
}

static int
known_region(void *arg, const char *code)
{
	(void)arg;
	return strcmp(code, "350102001001") == 0;
}

static const char *
code_of(const char *field, json_t *values)
{
	struct yw_formdef_ctx	 ctx = { NOW, known_region, NULL };
	json_t			*def, *clean, *errors;
	static char		 got[32];
	enum yw_err		 rc;

	def = load(birth_form);
	rc = yw_formdef_validate(def, values, &ctx, &clean, &errors);
	got[0] = '\0';
	if (rc == YW_EINVAL && json_string_value(json_object_get(errors,
	    field)) != NULL)
		(void)snprintf(got, sizeof(got), "%s", json_string_value(
		    json_object_get(errors, field)));
	json_decref(clean);
	json_decref(errors);
	json_decref(def);
	json_decref(values);
	return got;
}

static json_t *
with(const char *field, const char *value)
{
	json_t *v = good_values();

	json_object_set_new(v, field, json_string(value));
	return v;
}

static void
test_definition_checked(void **state)
{
	json_t *def, *errors;

	(void)state;
	def = load(birth_form);
	assert_int_equal(yw_formdef_check(def, &errors), YW_OK);
	assert_null(errors);
	json_decref(def);

	def = load("{\"fields\": [{\"name\": \"Bad Name\", \"type\": \"text\","
	    " \"label\": {\"zh\": \"x\"}}, {\"name\": \"a\", \"type\": \"blob\","
	    " \"label\": {\"zh\": \"x\"}}, {\"name\": \"a\", \"type\": \"text\"},"
	    " {\"name\": \"c\", \"type\": \"choice\", \"options\": [],"
	    " \"label\": {\"zh\": \"x\"}}, {\"name\": \"d\","
	    " \"type\": \"attachment\", \"accept\": [\"exe\"],"
	    " \"label\": {\"zh\": \"x\"}}]}");
	assert_int_equal(yw_formdef_check(def, &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "fields[0].name")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "fields[1].type")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "fields[2].name")), "duplicate");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "fields[2].label")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "fields[3].options")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "fields[4].accept")), "invalid");
	json_decref(errors);
	json_decref(def);
}

static void
test_good_values_normalised(void **state)
{
	struct yw_formdef_ctx	 ctx = { NOW, known_region, NULL };
	json_t			*def, *v, *clean, *errors;

	(void)state;
	def = load(birth_form);
	v = good_values();
	assert_int_equal(yw_formdef_validate(def, v, &ctx, &clean, &errors),
	    YW_OK);
	assert_null(errors);
	assert_int_equal(json_integer_value(json_object_get(clean, "weight")),
	    3200);
	assert_string_equal(json_string_value(json_object_get(clean,
	    "mother_id")), "11010519491231002X");
	assert_string_equal(json_string_value(json_object_get(clean, "phone")),
	    "13800138000");
	json_object_set_new(v, "not_in_form", json_string("x"));
	json_decref(clean);
	assert_int_equal(yw_formdef_validate(def, v, &ctx, &clean, &errors),
	    YW_OK);
	assert_null(json_object_get(clean, "not_in_form"));
	json_decref(clean);
	json_decref(v);
	json_decref(def);
}

static void
test_each_field_refused_with_its_code(void **state)
{
	json_t *v;

	(void)state;
	v = good_values();
	json_object_del(v, "child_name");
	assert_string_equal(code_of("child_name", v), "required");
	assert_string_equal(code_of("child_name", with("child_name", "  ")),
	    "required");
	assert_string_equal(code_of("child_name", with("child_name",
	    "一二三四五六七八九")), "too_long");
	assert_string_equal(code_of("child_name", with("child_name", "a\001")),
	    "invalid");
	assert_string_equal(code_of("birth_date", with("birth_date",
	    "2026-11-29")), "future");
	assert_string_equal(code_of("birth_date", with("birth_date",
	    "2026-02-30")), "date");
	assert_string_equal(code_of("weight", with("weight", "3.5")),
	    "invalid");
	assert_string_equal(code_of("weight", with("weight", "12e3")),
	    "invalid");
	assert_string_equal(code_of("weight", with("weight", "90000")),
	    "out_of_range");
	assert_string_equal(code_of("gender", with("gender", "x")), "invalid");
	/* The last digit of a real number, changed: the check digit fails. */
	assert_string_equal(code_of("mother_id", with("mother_id",
	    "110105194912310021")), "idnum");
	assert_string_equal(code_of("phone", with("phone", "12345")), "phone");
	assert_string_equal(code_of("email", with("email", "a@b")), "email");
	assert_string_equal(code_of("home", with("home", "350102009009")),
	    "region");
	/* A date that is today is not in the future. */
	assert_string_equal(code_of("birth_date", with("birth_date",
	    "2026-11-28")), "");
}

static void
test_attachments(void **state)
{
	json_t *v;

	(void)state;
	v = good_values();
	json_object_set_new(v, "cert", json_pack("{s:s, s:s, s:i, s:s}",
	    "name", "a.png", "type", "png", "size", 10, "sha256", sha));
	assert_string_equal(code_of("cert", v), "type");
	v = good_values();
	json_object_set_new(v, "cert", json_pack("{s:s, s:s, s:i, s:s}",
	    "name", "a.pdf", "type", "pdf", "size", 1001, "sha256", sha));
	assert_string_equal(code_of("cert", v), "too_big");
	v = good_values();
	json_object_set_new(v, "cert", json_string("a.pdf"));
	assert_string_equal(code_of("cert", v), "invalid");
	v = good_values();
	json_object_del(v, "cert");
	assert_string_equal(code_of("cert", v), "required");
}

static void
test_union_asks_once(void **state)
{
	json_t	*defs[2], *out, *errors, *f, *byname;
	size_t	 i;

	(void)state;
	defs[0] = load("{\"fields\": ["
	    "{\"name\": \"child_name\", \"type\": \"text\", \"max\": 20,"
	    " \"label\": {\"zh\": \"姓名\"}},"
	    "{\"name\": \"cert\", \"type\": \"attachment\","
	    " \"accept\": [\"pdf\", \"jpeg\", \"png\"], \"label\": {\"zh\": \"证\"}}]}");
	defs[1] = load("{\"fields\": ["
	    "{\"name\": \"child_name\", \"type\": \"text\", \"max\": 8,"
	    " \"required\": true, \"label\": {\"zh\": \"姓名\"}},"
	    "{\"name\": \"cert\", \"type\": \"attachment\","
	    " \"accept\": [\"jpeg\", \"pdf\"], \"label\": {\"zh\": \"证\"}},"
	    "{\"name\": \"bank\", \"type\": \"text\", \"label\": {\"zh\": \"银行\"}}]}");
	assert_int_equal(yw_formdef_union(defs, 2, &out, &errors), YW_OK);
	assert_null(errors);
	assert_int_equal(json_array_size(json_object_get(out, "fields")), 3);
	byname = json_object();
	json_array_foreach(json_object_get(out, "fields"), i, f)
		json_object_set(byname, json_string_value(json_object_get(f,
		    "name")), f);
	f = json_object_get(byname, "child_name");
	assert_true(json_is_true(json_object_get(f, "required")));
	assert_int_equal(json_integer_value(json_object_get(f, "max")), 8);
	f = json_object_get(byname, "cert");
	assert_int_equal(json_array_size(json_object_get(f, "accept")), 2);
	json_decref(byname);
	json_decref(out);
	json_decref(defs[1]);

	defs[1] = load("{\"fields\": [{\"name\": \"child_name\","
	    " \"type\": \"date\", \"label\": {\"zh\": \"x\"}}]}");
	assert_int_equal(yw_formdef_union(defs, 2, &out, &errors),
	    YW_ECONFLICT);
	assert_null(out);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "child_name")), "conflict");
	json_decref(errors);
	json_decref(defs[0]);
	json_decref(defs[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_definition_checked),
		cmocka_unit_test(test_good_values_normalised),
		cmocka_unit_test(test_each_field_refused_with_its_code),
		cmocka_unit_test(test_attachments),
		cmocka_unit_test(test_union_asks_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
