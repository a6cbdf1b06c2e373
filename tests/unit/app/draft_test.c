/*
 * Drafts and bundles: a draft keeps what was typed (text merged, files kept,
 * nothing validated until submit), files are accepted only of the field's
 * types and size, submitting twice makes one case, and only the applicant
 * sees a draft. Bundles: defined by platform admins only, over existing
 * items whose forms can be merged; forms are checked and audited.
 */
#include "testdb.h"

#include "app/audit/audit.h"
#include "app/service/bundle.h"
#include "app/service/draft.h"

static struct yw_actor citizen, other, admin, gaj_admin;
static int64_t dept_gaj, dept_rsj;

static const unsigned char pdf[] = "%PDF-1.4\n%demo\n";
static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

static const char *form =
    "{\"fields\": ["
    "{\"name\": \"child_name\", \"type\": \"text\", \"required\": true,"
    " \"label\": {\"zh\": \"姓名\"}},"
    "{\"name\": \"note\", \"type\": \"textarea\", \"label\": {\"zh\": \"备注\"}},"
    "{\"name\": \"scan\", \"type\": \"attachment\", \"required\": true,"
    " \"accept\": [\"pdf\"], \"max_bytes\": 100, \"label\": {\"zh\": \"扫描件\"}}"
    "]}";

static int64_t
seed_account(const char *kind, const char *login, int64_t dept)
{
	return q_int("INSERT INTO account (kind, login, display_name, "
	    "password_hash, department_id, created_at, updated_at) VALUES "
	    "(?, ?, ?, 'x', ?, 0, 0) RETURNING id",
	    json_pack("[ssso]", kind, login, login, dept != 0 ?
	    json_integer((json_int_t)dept) : json_null()));
}

static void
seed_item(const char *code, int64_t dept, int64_t seq, const char *status,
    const char *def)
{
	json_decref(q("INSERT INTO service_item (code, seq, name, item_type, "
	    "department_id, region_code, statutory_days, promised_days, "
	    "status, completeness, created_at, updated_at, form_def) VALUES "
	    "(?, ?, ?, 'permit', ?, '350100000000', 20, 5, ?, 100, 0, 0, ?) "
	    "RETURNING id", json_pack("[sIsIss]", code, (json_int_t)seq, code,
	    (json_int_t)dept, status, def)));
}

static void
staff(struct yw_actor *a, const char *login, int64_t dept, unsigned roles)
{
	memset(a, 0, sizeof(*a));
	a->id = seed_account("staff", login, dept);
	(void)snprintf(a->kind, sizeof(a->kind), "staff");
	(void)snprintf(a->login, sizeof(a->login), "%s", login);
	(void)snprintf(a->region_path, sizeof(a->region_path),
	    "/350000000000/350100000000/");
	a->department_id = dept;
	a->roles = roles;
}

static int
setup(void **state)
{
	if (testdb_setup(state) != 0)
		return -1;
	json_decref(q("INSERT INTO region (code, name, level, path) VALUES "
	    "('350000000000', '福建省', 1, '/350000000000/'), "
	    "('350100000000', '福州市', 2, '/350000000000/350100000000/')",
	    json_array()));
	dept_gaj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('gaj', '公安局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	dept_rsj = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('rsj', '人社局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	memset(&citizen, 0, sizeof(citizen));
	citizen.id = seed_account("citizen", "13800138000", 0);
	(void)snprintf(citizen.kind, sizeof(citizen.kind), "citizen");
	other = citizen;
	other.id = seed_account("citizen", "13900139000", 0);
	staff(&admin, "admin", dept_gaj, YW_ROLE_PLATFORM_ADMIN);
	staff(&gaj_admin, "gaj_admin", dept_gaj, YW_ROLE_DEPT_ADMIN);
	seed_item("350100-gaj-01-0001", dept_gaj, 1, "published", form);
	seed_item("350100-rsj-01-0001", dept_rsj, 1, "published",
	    "{\"fields\": []}");
	seed_item("350100-gaj-01-0002", dept_gaj, 2, "draft", form);
	return 0;
}

static const char *
value(int64_t id, const char *field)
{
	static char	 buf[256];
	json_t		*d;

	assert_int_equal(yw_draft_get(db, &citizen, id, &d), YW_OK);
	(void)snprintf(buf, sizeof(buf), "%s", json_string_value(
	    json_object_get(json_object_get(d, "values"), field)) ?
	    json_string_value(json_object_get(json_object_get(d, "values"),
	    field)) : "(none)");
	json_decref(d);
	return buf;
}

static void
test_open_save_find(void **state)
{
	json_t		*v, *errors, *d;
	int64_t		 id, again, found;
	char		 big[YW_DRAFT_VALUE_MAX + 2];
	enum yw_err	 rc;

	(void)state;
	v = json_pack("{s:s, s:s, s:s}", "child_name", "王小明", "nope", "x",
	    "scan", "not a file");
	assert_int_equal(yw_draft_open(db, &citizen, "item",
	    "350100-gaj-01-0001", v, 100, &id), YW_OK);
	json_decref(v);
	assert_string_equal(value(id, "child_name"), "王小明");
	assert_string_equal(value(id, "nope"), "(none)");
	assert_string_equal(value(id, "scan"), "(none)");
	/* The same target again is the same open draft. */
	assert_int_equal(yw_draft_open(db, &citizen, "item",
	    "350100-gaj-01-0001", NULL, 101, &again), YW_OK);
	assert_int_equal(again, id);
	assert_int_equal(yw_draft_find(db, &citizen, "item",
	    "350100-gaj-01-0001", &found), YW_OK);
	assert_int_equal(found, id);
	assert_int_equal(yw_draft_find(db, &other, "item",
	    "350100-gaj-01-0001", &found), YW_ENOTFOUND);
	/* Saving merges: given fields change, an empty one clears, others
	 * stay; nothing is validated yet (a blank required name is kept). */
	v = json_pack("{s:s}", "note", "第一行\n第二行");
	assert_int_equal(yw_draft_save(db, &citizen, id, v, 102, &errors),
	    YW_OK);
	json_decref(v);
	assert_string_equal(value(id, "child_name"), "王小明");
	assert_string_equal(value(id, "note"), "第一行\n第二行");
	v = json_pack("{s:s}", "child_name", "");
	assert_int_equal(yw_draft_save(db, &citizen, id, v, 103, &errors),
	    YW_OK);
	json_decref(v);
	assert_string_equal(value(id, "child_name"), "(none)");
	/* Too long, or a control character: refused, nothing saved. */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	v = json_pack("{s:s, s:s}", "child_name", big, "note", "ok");
	rc = yw_draft_save(db, &citizen, id, v, 104, &errors);
	json_decref(v);
	assert_int_equal(rc, YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "child_name")), "too_long");
	json_decref(errors);
	assert_string_equal(value(id, "note"), "第一行\n第二行");
	v = json_pack("{s:s}", "child_name", "a\001b");
	assert_int_equal(yw_draft_save(db, &citizen, id, v, 104, &errors),
	    YW_EINVAL);
	json_decref(v);
	json_decref(errors);
	/* Only the applicant. */
	assert_int_equal(yw_draft_get(db, &other, id, &d), YW_ENOTFOUND);
	assert_int_equal(yw_draft_save(db, &other, id, NULL, 105, &errors),
	    YW_ENOTFOUND);
	memset(&other.id, 0, sizeof(other.id));
	assert_int_equal(yw_draft_get(db, &other, id, &d), YW_EAUTH);
	other.id = citizen.id + 1;
	/* Only published targets; only the two kinds. */
	assert_int_equal(yw_draft_open(db, &citizen, "item",
	    "350100-gaj-01-0002", NULL, 100, &again), YW_ENOTFOUND);
	assert_int_equal(yw_draft_open(db, &citizen, "case", "x", NULL, 100,
	    &again), YW_EINVAL);
}

static void
test_upload(void **state)
{
	json_t		*errors, *d, *f;
	int64_t		 id;
	unsigned char	 big[101];

	(void)state;
	assert_int_equal(yw_draft_open(db, &citizen, "item",
	    "350100-gaj-01-0001", NULL, 100, &id), YW_OK);
	/* A PNG where only PDF is accepted, PNG bytes called .pdf, too big,
	 * empty, a field that takes no file. */
	assert_int_equal(yw_draft_upload(db, &citizen, id, "scan", "a.png",
	    png, sizeof(png), 101, &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "scan")), "type");
	json_decref(errors);
	assert_int_equal(yw_draft_upload(db, &citizen, id, "scan", "a.pdf",
	    png, sizeof(png), 101, &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "scan")), "type");
	json_decref(errors);
	memcpy(big, pdf, sizeof(pdf));
	memset(big + sizeof(pdf), ' ', sizeof(big) - sizeof(pdf));
	assert_int_equal(yw_draft_upload(db, &citizen, id, "scan", "b.pdf",
	    big, sizeof(big), 101, &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "scan")), "too_big");
	json_decref(errors);
	assert_int_equal(yw_draft_upload(db, &citizen, id, "scan", "c.pdf",
	    pdf, 0, 101, &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "scan")), "required");
	json_decref(errors);
	assert_int_equal(yw_draft_upload(db, &citizen, id, "child_name",
	    "c.pdf", pdf, sizeof(pdf), 101, &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "field")), "invalid");
	json_decref(errors);
	assert_int_equal(q_int("SELECT COUNT(*) FROM attachment",
	    json_array()), 0);
	assert_int_equal(yw_draft_upload(db, &other, id, "scan", "s.pdf", pdf,
	    sizeof(pdf), 101, &errors), YW_ENOTFOUND);
	/* A good one, kept as a reference. */
	assert_int_equal(yw_draft_upload(db, &citizen, id, "scan", "扫描件.pdf",
	    pdf, sizeof(pdf), 102, &errors), YW_OK);
	assert_null(errors);
	assert_int_equal(yw_draft_get(db, &citizen, id, &d), YW_OK);
	f = json_object_get(json_object_get(d, "values"), "scan");
	assert_string_equal(json_string_value(json_object_get(f, "name")),
	    "扫描件.pdf");
	assert_string_equal(json_string_value(json_object_get(f, "type")),
	    "pdf");
	assert_int_equal(strlen(json_string_value(json_object_get(f,
	    "sha256"))), 64);
	json_decref(d);
	/* Saving text leaves the file alone; detaching removes it. */
	d = json_pack("{s:s}", "child_name", "王小明");
	assert_int_equal(yw_draft_save(db, &citizen, id, d, 103, &errors),
	    YW_OK);
	json_decref(d);
	assert_int_equal(yw_draft_get(db, &citizen, id, &d), YW_OK);
	assert_true(json_is_object(json_object_get(json_object_get(d,
	    "values"), "scan")));
	json_decref(d);
	assert_int_equal(yw_draft_detach(db, &citizen, id, "scan", 104),
	    YW_OK);
	assert_string_equal(value(id, "scan"), "(none)");
}

static void
test_submit_once(void **state)
{
	json_t		*v, *errors, *list;
	int64_t		 id, case_id, again;
	char		 tracking[40], tr2[40];

	(void)state;
	v = json_pack("{s:s}", "note", "备注");
	assert_int_equal(yw_draft_open(db, &citizen, "item",
	    "350100-gaj-01-0001", v, 100, &id), YW_OK);
	json_decref(v);
	/* Missing name and file: refused field by field; the draft keeps
	 * what it had. */
	assert_int_equal(yw_draft_submit(db, &citizen, NULL, id, 101, &errors,
	    &case_id, tracking), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "child_name")), "required");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "scan")), "required");
	json_decref(errors);
	assert_string_equal(value(id, "note"), "备注");
	assert_int_equal(q_int("SELECT COUNT(*) FROM service_case",
	    json_array()), 0);
	v = json_pack("{s:s}", "child_name", "王小明");
	assert_int_equal(yw_draft_save(db, &citizen, id, v, 102, &errors),
	    YW_OK);
	json_decref(v);
	assert_int_equal(yw_draft_upload(db, &citizen, id, "scan", "s.pdf",
	    pdf, sizeof(pdf), 102, &errors), YW_OK);
	assert_int_equal(yw_draft_mine(db, &citizen, &list), YW_OK);
	assert_int_equal(json_array_size(list), 1);
	json_decref(list);
	assert_int_equal(yw_draft_submit(db, &citizen, NULL, id, 103, &errors,
	    &case_id, tracking), YW_OK);
	/* Pressed twice: the same case. */
	assert_int_equal(yw_draft_submit(db, &citizen, NULL, id, 104, &errors,
	    &again, tr2), YW_OK);
	assert_int_equal(again, case_id);
	assert_string_equal(tr2, tracking);
	assert_int_equal(q_int("SELECT COUNT(*) FROM service_case",
	    json_array()), 1);
	/* A submitted draft no longer changes and is no longer open. */
	v = json_pack("{s:s}", "child_name", "x");
	assert_int_equal(yw_draft_save(db, &citizen, id, v, 105, &errors),
	    YW_ECONFLICT);
	json_decref(v);
	assert_int_equal(yw_draft_mine(db, &citizen, &list), YW_OK);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	assert_int_equal(yw_draft_find(db, &citizen, "item",
	    "350100-gaj-01-0001", &again), YW_ENOTFOUND);
	assert_int_equal(yw_draft_submit(db, &other, NULL, id, 106, &errors,
	    &again, tr2), YW_ENOTFOUND);
}

static json_t *
bundle_in(const char *second_code)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:i}, {s:s, s:i}]}",
	    "code", "birth", "name", "新生儿出生一件事", "event", "birth",
	    "region_code", "350100000000", "items", "code",
	    "350100-gaj-01-0001", "stage", 1, "code", second_code, "stage", 2);
}

static void
test_bundles(void **state)
{
	json_t		*in, *errors, *list, *b;
	int64_t		 id, audits;

	(void)state;
	in = bundle_in("350100-rsj-01-0001");
	assert_int_equal(yw_bundle_define(db, &gaj_admin, in, &id, &errors),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_bundle_define(db, &admin, in, &id, &errors),
	    YW_OK);
	audits = q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'bundle.define'", json_array());
	assert_int_equal(audits, 1);
	/* The same definition again changes nothing. */
	assert_int_equal(yw_bundle_define(db, &admin, in, &id, &errors),
	    YW_OK);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'bundle.define'", json_array()), 1);
	json_decref(in);
	assert_int_equal(yw_bundle_get(db, "birth", &b), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(b, "stages")), 2);
	assert_int_equal(json_integer_value(json_object_get(b,
	    "departments")), 2);
	assert_int_equal(json_array_size(json_object_get(b, "items")), 2);
	json_decref(b);
	assert_int_equal(yw_bundle_list(db, "retirement", &list), YW_OK);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	assert_int_equal(yw_bundle_list(db, "birth", &list), YW_OK);
	assert_int_equal(json_array_size(list), 1);
	json_decref(list);
	/* An unknown item, an unknown event. */
	in = bundle_in("350100-xxx-01-0001");
	json_object_set_new(in, "event", json_string("nope"));
	assert_int_equal(yw_bundle_define(db, &admin, in, &id, &errors),
	    YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "items[1]")), "not_found");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "event")), "invalid");
	json_decref(errors);
	json_decref(in);
	/* Forms that cannot be merged (scan: attachment vs text). */
	in = json_pack("{s:[{s:s, s:s, s:{s:s}}]}", "fields", "name", "scan",
	    "type", "text", "label", "zh", "扫描件编号");
	assert_int_equal(yw_bundle_set_form(db, &admin, "350100-rsj-01-0001",
	    in, &errors), YW_OK);
	json_decref(in);
	in = bundle_in("350100-rsj-01-0001");
	assert_int_equal(yw_bundle_define(db, &admin, in, &id, &errors),
	    YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "items")), "conflict");
	json_decref(errors);
	json_decref(in);
}

static void
test_set_form(void **state)
{
	json_t	*def, *errors;

	(void)state;
	def = json_pack("{s:[{s:s, s:s}]}", "fields", "name", "Bad Name",
	    "type", "text");
	assert_int_equal(yw_bundle_set_form(db, &admin, "350100-gaj-01-0001",
	    def, &errors), YW_EINVAL);
	assert_non_null(json_object_get(errors, "fields[0].name"));
	json_decref(errors);
	json_decref(def);
	def = json_pack("{s:[]}", "fields");
	/* A dept_admin only for their own department's items. */
	assert_int_equal(yw_bundle_set_form(db, &gaj_admin,
	    "350100-rsj-01-0001", def, &errors), YW_ENOTFOUND);
	assert_int_equal(yw_bundle_set_form(db, &citizen,
	    "350100-gaj-01-0001", def, &errors), YW_EFORBIDDEN);
	assert_int_equal(yw_bundle_set_form(db, &gaj_admin,
	    "350100-gaj-01-0001", def, &errors), YW_OK);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'service.form'", json_array()), 1);
	assert_int_equal(yw_bundle_set_form(db, &gaj_admin,
	    "350100-gaj-01-0001", def, &errors), YW_OK);
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'service.form'", json_array()), 1);
	json_decref(def);
	assert_int_equal(yw_audit_verify(db, NULL, NULL), YW_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_save_find, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_upload, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_submit_once, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_bundles, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_set_form, setup,
		    testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
