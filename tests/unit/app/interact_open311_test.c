/*
 * Open311 over letters in the domain: service codes, client keys (missing,
 * unknown, revoked), a posted request becoming a routed letter with its
 * place and contact kept private, idempotent retries, the open/closed
 * mapping and the published reply as status notes, which letters the
 * public lists hold, and the query's refusals.
 */
#include "testdb.h"

#include "app/interact/letter.h"
#include "app/interact/open311.h"
#include "core/timeutil.h"

static struct yw_workday_cal cal;	/* weekday rules */
static struct yw_actor handler, citizen;
static int64_t dept;

static int64_t
account(const char *kind, const char *login, int64_t d, const char *role)
{
	int64_t id;

	id = q_int("INSERT INTO account (kind, login, display_name, "
	    "password_hash, department_id, created_at, updated_at) VALUES "
	    "(?, ?, ?, 'x', ?, 0, 0) RETURNING id", json_pack("[ssso]", kind,
	    login, login, d != 0 ? json_integer(d) : json_null()));
	if (role != NULL)
		json_decref(q("INSERT INTO staff_role (account_id, role) VALUES "
		    "(?, ?)", json_pack("[Is]", (json_int_t)id, role)));
	return id;
}

static int
setup(void **state)
{
	if (testdb_setup(state) != 0)
		return -1;
	json_decref(q("INSERT INTO region (code, name, level, path) VALUES "
	    "('350100000000', '福州市', 1, '/350100000000/'), "
	    "('350102000000', '鼓楼区', 2, '/350100000000/350102000000/')",
	    json_array()));
	dept = q_int("INSERT INTO department (code, name, region_code, "
	    "created_at, updated_at) VALUES ('xfj', '信访局', '350100000000', "
	    "0, 0) RETURNING id", json_array());
	json_decref(q("INSERT INTO letter_route (channel, category, "
	    "region_code, department_id) VALUES ('complaint', '', '', ?), "
	    "('suggest', '', '', ?)", json_pack("[II]", (json_int_t)dept,
	    (json_int_t)dept)));
	memset(&handler, 0, sizeof(handler));
	handler.id = account("staff", "xfj_handler", dept, "case_handler");
	(void)snprintf(handler.kind, sizeof(handler.kind), "staff");
	handler.department_id = dept;
	handler.roles = YW_ROLE_CASE_HANDLER;
	memset(&citizen, 0, sizeof(citizen));
	citizen.id = account("citizen", "13800138000", 0, NULL);
	(void)snprintf(citizen.kind, sizeof(citizen.kind), "citizen");
	(void)snprintf(citizen.login, sizeof(citizen.login), "13800138000");
	(void)snprintf(citizen.display_name, sizeof(citizen.display_name),
	    "张三丰");
	return 0;
}

static void
test_service_codes(void **state)
{
	const char	*ch, *cat;
	char		 code[YW_OPEN311_CODE_MAX];
	json_t		*list;

	(void)state;
	assert_int_equal(yw_open311_service_parse("complaint-public_security",
	    &ch, &cat), YW_OK);
	assert_string_equal(ch, "complaint");
	assert_string_equal(cat, "public_security");
	assert_int_equal(yw_open311_service_parse("suggest-transport", &ch,
	    &cat), YW_OK);
	/* Other channels, the website category and malformed codes. */
	assert_int_equal(yw_open311_service_parse("mailbox-general", &ch,
	    &cat), YW_ENOTFOUND);
	assert_int_equal(yw_open311_service_parse("complaint-website", &ch,
	    &cat), YW_ENOTFOUND);
	assert_int_equal(yw_open311_service_parse("complaint-", &ch, &cat),
	    YW_ENOTFOUND);
	assert_int_equal(yw_open311_service_parse("complaintmarket", &ch,
	    &cat), YW_ENOTFOUND);
	assert_int_equal(yw_open311_code("report", "market", code), YW_EINVAL);
	assert_int_equal(yw_open311_code("complaint", "market", code), YW_OK);
	assert_string_equal(code, "complaint-market");
	assert_int_equal(yw_open311_services(&list), YW_OK);
	assert_int_equal(json_array_size(list), 22);
	json_decref(list);
}

static json_t *
params(const char *code, const char *desc)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "service_code", code, "lat", "26.0856", "long", "119.2961",
	    "description", desc, "email", "lin@example.cn", "phone",
	    "13912345678", "first_name", "三丰", "last_name", "张");
}

static enum yw_err
submit(json_t *p, const char *key, const char *idem, json_t **out,
    const char **why)
{
	json_t		*errors = NULL;
	enum yw_err	 rc;

	rc = yw_open311_submit(db, &cal, p, key, idem, yw_time_now(), out,
	    &errors, why);
	json_decref(errors);
	return rc;
}

static void
test_keys_and_submit(void **state)
{
	char		 key[YW_APIKEY_MAX];
	const char	*why;
	json_t		*p, *out, *again, *rows, *list;
	int64_t		 client, id;

	(void)state;
	/* Only the console (NULL) and a platform admin manage keys. */
	assert_int_equal(yw_open311_key_add(db, &handler, "App", 1000, key,
	    &client, &why), YW_EFORBIDDEN);
	assert_int_equal(client, 0);
	assert_string_equal(key, "");
	assert_int_equal(yw_open311_key_list(db, &citizen, &list),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_open311_key_add(db, NULL, "App", 1000, key,
	    &client, &why), YW_OK);
	assert_memory_equal(key, "ywo_", 4);
	p = params("complaint-market", "商家拒绝退货，我的电话 13912345678。");
	assert_int_equal(submit(p, NULL, NULL, &out, &why), YW_EFORBIDDEN);
	assert_string_equal(why, "api_key_missing");
	assert_int_equal(submit(p, "ywo_unknown", NULL, &out, &why),
	    YW_EFORBIDDEN);
	assert_string_equal(why, "api_key_invalid");

	assert_int_equal(submit(p, key, "k1", &out, &why), YW_OK);
	assert_int_equal(submit(p, key, "k1", &again, &why), YW_OK);
	assert_string_equal(json_string_value(json_object_get(out,
	    "service_request_id")), json_string_value(json_object_get(again,
	    "service_request_id")));
	/* The same retry gives the same query code, shown once per answer. */
	assert_string_equal(json_string_value(json_object_get(out, "code")),
	    json_string_value(json_object_get(again, "code")));
	json_decref(again);
	assert_int_equal(submit(p, key, "k2", &again, &why), YW_OK);
	assert_string_not_equal(json_string_value(json_object_get(out,
	    "service_request_id")), json_string_value(json_object_get(again,
	    "service_request_id")));
	json_decref(again);

	/* The letter: routed, kept with its place, contact and client. */
	rows = q("SELECT id, department_id, source, client_id, publish_ok, "
	    "writer_name, writer_phone, writer_email, state, title FROM letter "
	    "WHERE letter_no = ?", json_pack("[O]", json_object_get(out,
	    "service_request_id")));
	assert_int_equal(json_array_size(rows), 1);
	id = json_integer_value(json_object_get(json_array_get(rows, 0), "id"));
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    rows, 0), "department_id")), dept);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    rows, 0), "client_id")), client);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    rows, 0), "source")), "open311");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    rows, 0), "writer_name")), "张三丰");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    rows, 0), "writer_email")), "lin@example.cn");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    rows, 0), "title")), "商家拒绝退货，我的电话 13912345678。");
	json_decref(rows);

	/* Open while unanswered; the reply closes it, masked. */
	assert_int_equal(yw_open311_request(db, &cal, json_string_value(
	    json_object_get(out, "service_request_id")), &list), YW_OK);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    list, 0), "status")), "open");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    list, 0), "description")), "商家拒绝退货，我的电话 139****5678。");
	assert_true(json_is_null(json_object_get(json_array_get(list, 0),
	    "status_notes")));
	assert_true(json_real_value(json_object_get(json_array_get(list, 0),
	    "lat")) > 26.08);
	json_decref(list);
	assert_int_equal(yw_letter_act(db, &handler, &cal, id, "reply",
	    "已处理，张三丰请致电 13800001111。", 0, yw_time_now(), &rows), YW_OK);
	assert_int_equal(yw_open311_request(db, &cal, json_string_value(
	    json_object_get(out, "service_request_id")), &list), YW_OK);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    list, 0), "status")), "closed");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    list, 0), "status_notes")), "已处理，张**请致电 138****1111。");
	json_decref(list);
	json_decref(out);

	assert_int_equal(yw_open311_key_revoke(db, &handler, client, 2000),
	    YW_EFORBIDDEN);
	assert_int_equal(yw_open311_key_revoke(db, NULL, client, 2000), YW_OK);
	assert_int_equal(yw_open311_key_revoke(db, NULL, client, 2000),
	    YW_ECONFLICT);
	assert_int_equal(yw_open311_key_revoke(db, NULL, client + 100, 2000),
	    YW_ENOTFOUND);
	assert_int_equal(submit(p, key, "k3", &out, &why), YW_EFORBIDDEN);
	assert_string_equal(why, "api_key_invalid");
	json_decref(p);
}

static void
test_bad_requests(void **state)
{
	char		 key[YW_APIKEY_MAX];
	const char	*why;
	json_t		*p, *out;
	int64_t		 client;

	(void)state;
	assert_int_equal(yw_open311_key_add(db, NULL, "App", 1000, key,
	    &client, &why), YW_OK);
	assert_int_equal(yw_open311_key_add(db, NULL, "", 1000, key, &client,
	    &why), YW_EINVAL);
	assert_string_equal(why, "required");
	assert_int_equal(yw_open311_key_add(db, NULL, "a\001b", 1000, key,
	    &client, &why), YW_EINVAL);
	assert_string_equal(why, "invalid");
	assert_int_equal(yw_open311_key_add(db, NULL,
	    "12345678901234567890123456789012345678901234567890123456789012345",
	    1000, key, &client, &why), YW_EINVAL);
	assert_string_equal(why, "too_long");
	assert_int_equal(yw_open311_key_add(db, NULL, "App", 1000, key,
	    &client, &why), YW_OK);
	p = params("", "路灯不亮");
	assert_int_equal(submit(p, key, NULL, &out, &why), YW_EINVAL);
	assert_string_equal(why, "service_code_missing");
	json_object_set_new(p, "service_code", json_string("complaint-nope"));
	assert_int_equal(submit(p, key, NULL, &out, &why), YW_ENOTFOUND);
	assert_string_equal(why, "service_code_unknown");
	json_object_set_new(p, "service_code", json_string("suggest-general"));
	json_object_set_new(p, "lat", json_string("26.08x"));
	assert_int_equal(submit(p, key, NULL, &out, &why), YW_EINVAL);
	assert_string_equal(why, "lat_long_invalid");
	json_object_set_new(p, "lat", json_string(""));
	assert_int_equal(submit(p, key, NULL, &out, &why), YW_EINVAL);
	assert_string_equal(why, "lat_long_invalid");
	json_object_set_new(p, "long", json_string(""));
	assert_int_equal(submit(p, key, NULL, &out, &why), YW_EINVAL);
	assert_string_equal(why, "location_missing");
	json_object_set_new(p, "address_string", json_string("五四路"));
	json_object_set_new(p, "email", json_string("nope"));
	assert_int_equal(submit(p, key, NULL, &out, &why), YW_EINVAL);
	assert_string_equal(why, "field");
	json_object_set_new(p, "email", json_string(""));
	json_object_set_new(p, "attribute[region]", json_string("350102000000"));
	assert_int_equal(submit(p, key, NULL, &out, &why), YW_OK);
	json_decref(out);
	json_decref(p);
}

static void
test_lists(void **state)
{
	struct yw_letter_input		 in;
	struct yw_open311_query		 oq;
	json_t				*errors, *list;
	const char			*why;
	char				 no[24], code[YW_LETTER_CODE_LEN + 1];
	int64_t				 id, now;

	(void)state;
	now = yw_time_now();
	/* A published web complaint shows once replied; an unpublished one
	 * never. */
	memset(&in, 0, sizeof(in));
	in.channel = "complaint";
	in.category = "market";
	in.region_code = "350102000000";
	in.title = "标题";
	in.body = "正文";
	in.publish_ok = 1;
	in.idem_key = "w1";
	assert_int_equal(yw_letter_submit(db, &citizen, &cal, &in, now,
	    &errors, &id, no, code), YW_OK);
	memset(&oq, 0, sizeof(oq));
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now, &list, &why),
	    YW_OK);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	assert_int_equal(yw_letter_act(db, &handler, &cal, id, "reply", "好",
	    0, now, &errors), YW_OK);
	in.publish_ok = 0;
	in.idem_key = "w2";
	assert_int_equal(yw_letter_submit(db, &citizen, &cal, &in, now,
	    &errors, &id, no, code), YW_OK);
	assert_int_equal(yw_letter_act(db, &handler, &cal, id, "reply", "好",
	    0, now, &errors), YW_OK);
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now + 1, &list,
	    &why), YW_OK);
	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    list, 0), "service_code")), "complaint-market");
	json_decref(list);
	oq.status = "open";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now + 1, &list,
	    &why), YW_OK);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	oq.status = "closed,open";
	oq.service_codes = "suggest-general,complaint-market";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now + 1, &list,
	    &why), YW_OK);
	assert_int_equal(json_array_size(list), 1);
	json_decref(list);
	oq.service_codes = "suggest-general";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now + 1, &list,
	    &why), YW_OK);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);

	/* Refusals. */
	memset(&oq, 0, sizeof(oq));
	oq.status = "open,pending";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now, &list, &why),
	    YW_EINVAL);
	assert_string_equal(why, "status");
	oq.status = NULL;
	oq.start_date = "2026-01-01T00:00:00Z";
	oq.end_date = "2026-04-02T00:00:00Z";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now, &list, &why),
	    YW_EINVAL);
	assert_string_equal(why, "date_span");
	oq.end_date = "2026-03-31T00:00:00+08:00";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now, &list, &why),
	    YW_OK);
	json_decref(list);
	oq.end_date = "2026-03-31";
	oq.start_date = "2026-04-01";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now, &list, &why),
	    YW_EINVAL);
	assert_string_equal(why, "date_span");
	memset(&oq, 0, sizeof(oq));
	oq.ids = "L1,L2,L3,L4,L5,L6,L7,L8,L9,L10,L11,L12,L13,L14,L15,L16,L17,"
	    "L18,L19,L20,L21,L22,L23,L24,L25,L26,L27,L28,L29,L30,L31,L32,L33,"
	    "L34,L35,L36,L37,L38,L39,L40,L41,L42,L43,L44,L45,L46,L47,L48,L49,"
	    "L50,L51";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now, &list, &why),
	    YW_EINVAL);
	assert_string_equal(why, "service_request_id");
	oq.ids = ",,";
	assert_int_equal(yw_open311_requests(db, &cal, &oq, now, &list, &why),
	    YW_OK);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_service_codes),
		cmocka_unit_test_setup_teardown(test_keys_and_submit, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_bad_requests, setup,
		    testdb_teardown),
		cmocka_unit_test_setup_teardown(test_lists, setup,
		    testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
