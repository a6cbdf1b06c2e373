/*
 * data_test.c - the resource catalogue's save validation (data.c): every
 * GB/T 21063 field is required and a missing one is refused naming it;
 * conditions follow the attributes; stewards edit only their own
 * department's entries; a save is audited. Also the freshness rules
 * (fresh.c) and the exchange's filtered reads (exchange.c, below).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "app/data/data.h"
#include "app/account/session_store.h"
#include "app/data/exchange.h"
#include "app/data/exchange_cache.h"
#include "app/data/fresh.h"
#include "app/org/org.h"
#include "core/apikey.h"
#include "core/buf.h"
#include "testdb.h"

static struct yw_actor	root;
static int64_t		wjw, gaj;

static int64_t
department(const char *code, const char *name)
{
	json_t	*in, *errors = NULL;
	int64_t	 id = 0;

	in = json_pack("{s:s, s:s, s:s, s:s}", "code", code, "name", name,
	    "region_code", "350100000000", "phone", "0591-87000110");
	assert_int_equal(yw_org_department_save(db, &root, 0, in, &id,
	    &errors), YW_OK);
	json_decref(in);
	return id;
}

static void
steward(struct yw_actor *a, int64_t dept)
{
	memset(a, 0, sizeof(*a));
	(void)snprintf(a->kind, sizeof(a->kind), "staff");
	(void)snprintf(a->login, sizeof(a->login), "steward%lld",
	    (long long)dept);
	a->id = 0;
	a->department_id = dept;
	a->roles = YW_ROLE_DATA_STEWARD;
}

static int
setup(void **state)
{
	json_t *in, *errors = NULL;

	if (testdb_setup(state) != 0)
		return -1;
	yw_actor_cli(&root, "cli");
	in = json_pack("{s:s, s:s, s:i}", "code", "350000000000", "name",
	    "福建省", "level", 1);
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors), YW_OK);
	json_decref(in);
	in = json_pack("{s:s, s:s, s:i, s:s}", "code", "350100000000", "name",
	    "福州市", "level", 2, "parent_code", "350000000000");
	assert_int_equal(yw_org_region_save(db, &root, 1, in, &errors), YW_OK);
	json_decref(in);
	wjw = department("wjw", "福州市卫生健康委员会");
	gaj = department("gaj", "福州市公安局");
	return 0;
}

static json_t *
full(void)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:[{s:s, s:s, s:s, s:i, s:b, s:b}]}",
	    "name", "出生医学证明", "summary", "新生儿出生医学证明信息",
	    "classification", "base", "format", "database", "sharing",
	    "conditional", "sharing_conditions", "仅限办理出生登记",
	    "open_attr", "none", "open_conditions", "涉及个人隐私",
	    "update_cycle", "daily", "published_on", "2026-01-15", "items",
	    "name", "cert_no", "label", "证明编号", "type", "string",
	    "length", 10, "required", 1, "personal", 0);
}

static void
test_each_field_missing_is_named(void **state)
{
	static const char *const fields[] = { "name", "summary",
	    "classification", "format", "sharing", "sharing_conditions",
	    "open_attr", "open_conditions", "update_cycle", "published_on",
	    "items" };
	struct yw_actor	 a;
	char		 code[YW_DATA_CODE_MAX];
	json_t		*in, *errors;
	size_t		 i;

	(void)state;
	steward(&a, wjw);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		in = full();
		if (strcmp(fields[i], "items") == 0)
			json_object_set_new(in, "items", json_array());
		else
			json_object_set_new(in, fields[i], json_string(""));
		errors = NULL;
		assert_int_equal(yw_data_resource_save(db, &a, NULL, in, code,
		    &errors), YW_EINVAL);
		assert_non_null(errors);
		assert_string_equal(json_string_value(json_object_get(errors,
		    fields[i])), "required");
		assert_string_equal(code, "");
		json_decref(errors);
		json_decref(in);
	}
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM data_resource",
	    json_array()), 0);
}

static void
test_bad_values_and_conditions(void **state)
{
	struct yw_actor	 a;
	char		 code[YW_DATA_CODE_MAX];
	json_t		*in, *errors = NULL;

	(void)state;
	steward(&a, wjw);
	in = full();
	json_object_set_new(in, "update_cycle", json_string("hourly"));
	json_object_set_new(in, "published_on", json_string("2026-02-30"));
	json_object_set_new(in, "key_item", json_string("nope"));
	assert_int_equal(yw_data_resource_save(db, &a, NULL, in, code,
	    &errors), YW_EINVAL);
	assert_string_equal(json_string_value(json_object_get(errors,
	    "update_cycle")), "invalid");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "published_on")), "date");
	assert_string_equal(json_string_value(json_object_get(errors,
	    "key_item")), "invalid");
	json_decref(errors);
	json_decref(in);
	/* Unconditional sharing and opening need no conditions. */
	in = full();
	json_object_set_new(in, "sharing", json_string("unconditional"));
	json_object_set_new(in, "sharing_conditions", json_string(""));
	json_object_set_new(in, "open_attr", json_string("unconditional"));
	json_object_set_new(in, "open_conditions", json_string(""));
	errors = NULL;
	assert_int_equal(yw_data_resource_save(db, &a, NULL, in, code,
	    &errors), YW_OK);
	assert_string_equal(code, "wjw-0001");
	json_decref(in);
}

static void
test_only_own_department_and_audited(void **state)
{
	struct yw_actor	 a, other;
	char		 code[YW_DATA_CODE_MAX];
	json_t		*in, *errors = NULL;

	(void)state;
	steward(&a, wjw);
	steward(&other, gaj);
	in = full();
	assert_int_equal(yw_data_resource_save(db, &a, NULL, in, code,
	    &errors), YW_OK);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log WHERE"
	    " action = 'data_resource.create' AND object_id = 'wjw-0001'",
	    json_array()), 1);
	assert_int_equal(yw_data_resource_save(db, &other, "wjw-0001", in,
	    code, &errors), YW_EFORBIDDEN);
	json_object_set_new(in, "name", json_string("出生医学证明信息"));
	assert_int_equal(yw_data_resource_save(db, &a, "wjw-0001", in, code,
	    &errors), YW_OK);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM audit_log WHERE"
	    " action = 'data_resource.update'", json_array()), 1);
	json_decref(in);
}

static void
test_freshness_limits(void **state)
{
	int64_t now = 1800000000;

	(void)state;
	assert_false(yw_data_fresh_late("daily", now - 86400, now));
	assert_false(yw_data_fresh_late("daily", now - 2 * 86400, now));
	assert_true(yw_data_fresh_late("daily", now - 2 * 86400 - 1, now));
	assert_true(yw_data_fresh_late("realtime", now - 3601, now));
	assert_false(yw_data_fresh_late("realtime", now - 3600, now));
	assert_false(yw_data_fresh_late("yearly", now - 366 * 86400, now));
	assert_true(yw_data_fresh_late("monthly", now - 33 * 86400, now));
	assert_false(yw_data_fresh_late("weekly", now - 8 * 86400, now));
	assert_true(yw_data_fresh_late("quarterly", now - 94 * 86400, now));
	assert_false(yw_data_fresh_late("sometimes", 0, now));
}

/*
 * Exchange reads (exchange.c, exchange_store.c) without a per-value index:
 * filters on every item type match exactly the records whose canonical
 * value is the filter's (not a longer number, not a prefix, quotes and
 * backslashes included), filters page with cursor, offset and limit, the
 * key item is looked up, a key item changed after records were pushed
 * still finds them, a key given twice in a batch is one record, over-long
 * values never match, personal items are masked in the written page, and
 * the page is the JSON the API promises.
 */

#define GAJ_KEY "ywk_testgaj00000000000000000000000000000000000"

static struct yw_actor	 wjw_steward;
static struct yw_keyring ring;

/* wjw's unconditional resource: key "code"; n integer, ok boolean, amt
 * decimal, note text (300), alt text, idnum personal. */
static json_t *
resource(const char *key_item)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s, s:[{s:s, s:s, s:s, s:i, s:b}, {s:s, s:s, s:s, s:i},"
	    " {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s, s:i},"
	    " {s:s, s:s, s:s, s:i, s:b}, {s:s, s:s, s:s, s:i, s:b}]}",
	    "name", "测试资源", "summary", "过滤测试", "classification", "base",
	    "format", "database", "sharing", "unconditional",
	    "sharing_conditions", "", "open_attr", "none", "open_conditions",
	    "测试", "update_cycle", "daily", "published_on", "2026-01-15",
	    "key_item", key_item, "items",
	    "name", "code", "label", "编号", "type", "string", "length", 20,
	    "required", 1,
	    "name", "n", "label", "数", "type", "integer", "length", 5,
	    "name", "ok", "label", "是否", "type", "boolean",
	    "name", "amt", "label", "金额", "type", "decimal",
	    "name", "note", "label", "备注", "type", "string", "length", 300,
	    "name", "alt", "label", "别号", "type", "string", "length", 20,
	    "required", 1,
	    "name", "idnum", "label", "身份证号", "type", "string", "length",
	    18, "personal", 1);
}

/* setup, and wjw-0001 (resource("code")) with a key for gaj. */
static int
xsetup(void **state)
{
	char	 code[YW_DATA_CODE_MAX], hash[YW_APIKEY_HASH_LEN];
	json_t	*in, *errors = NULL;

	if (setup(state) != 0)
		return -1;
	steward(&wjw_steward, wjw);
	in = resource("code");
	assert_int_equal(yw_data_resource_save(db, &wjw_steward, NULL, in,
	    code, &errors), YW_OK);
	assert_string_equal(code, "wjw-0001");
	json_decref(in);
	yw_apikey_hash(GAJ_KEY, hash);
	assert_int_equal(yw_db_run(db, NULL, "INSERT INTO exchange_key"
	    " (department_id, name, prefix, hash, created_at) VALUES (?, 't',"
	    " 'ywk_testgaj0', ?, 0)", "is", gaj, hash), YW_OK);
	assert_int_equal(yw_keyring_from_hex("0101010101010101010101010101010"
	    "101010101010101010101010101010101", &ring), YW_OK);
	return 0;
}

static int
xteardown(void **state)
{
	yw_keyring_wipe(&ring);
	return testdb_teardown(state);
}

static void
load(const char *records)
{
	json_t *recs = json_loads(records, 0, NULL);

	assert_non_null(recs);
	assert_int_equal(yw_exchange_load(db, "wjw-0001", recs), YW_OK);
	json_decref(recs);
}

/* A read by gaj with filters (JSON text) and paging: the page, parsed. */
static json_t *
page(const char *filters, int64_t after, int64_t offset, int64_t limit)
{
	struct yw_exchange_query	 q;
	struct yw_buf			 b;
	json_t				*report = NULL, *out;

	memset(&q, 0, sizeof(q));
	q.filters = json_loads(filters, 0, NULL);
	q.after = after;
	q.offset = offset;
	q.limit = limit;
	yw_buf_init(&b);
	assert_int_equal(yw_exchange_read(db, &ring, GAJ_KEY, &q, "wjw-0001",
	    &b, &report), YW_OK);
	out = json_loads(b.data, 0, NULL);
	assert_non_null(out);
	yw_buf_free(&b);
	json_decref(q.filters);
	return out;
}

/* The codes of a page's records, joined by ','. */
static const char *
codes(json_t *p)
{
	static char	 buf[256];
	json_t		*r;
	size_t		 i, n = 0;

	buf[0] = '\0';
	json_array_foreach(json_object_get(p, "records"), i, r)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i > 0 ? "," : "", json_string_value(json_object_get(
		    json_object_get(r, "data"), "code")));
	return buf;
}

static void
expect(const char *filters, const char *want)
{
	json_t *p = page(filters, 0, 0, 0);

	assert_string_equal(codes(p), want);
	json_decref(p);
}

static const char records[] = "["
    "{\"code\":\"A1\",\"alt\":\"x1\",\"n\":5,\"ok\":true,\"amt\":\"1.50\","
    "\"note\":\"say \\\"hi\\\"\\\\\",\"idnum\":\"350102199001011237\"},"
    "{\"code\":\"A2\",\"alt\":\"x2\",\"n\":50,\"ok\":false,\"amt\":\"1.5\","
    "\"note\":\"say\"},"
    "{\"code\":\"A3\",\"alt\":\"x3\",\"n\":\"5\",\"ok\":\"1\","
    "\"note\":\"say \\\"hi\\\"\"},"
    "{\"code\":\"A4\",\"alt\":\"n\",\"n\":-5,\"note\":\"\\\"n\\\":5,\"}]";

static void
test_filters_match_exactly(void **state)
{
	(void)state;
	load(records);
	expect("{\"n\":\"5\"}", "A1,A3");
	expect("{\"n\":\"-5\"}", "A4");
	expect("{\"n\":\"50\"}", "A2");
	expect("{\"ok\":\"true\"}", "A1,A3");
	expect("{\"ok\":\"1\"}", "A1,A3");
	expect("{\"ok\":\"false\"}", "A2");
	expect("{\"amt\":\"1.50\"}", "A1");
	expect("{\"amt\":\"1.5\"}", "A2");
	expect("{\"note\":\"say\"}", "A2");
	expect("{\"note\":\"say \\\"hi\\\"\"}", "A3");
	expect("{\"note\":\"say \\\"hi\\\"\\\\\"}", "A1");
	expect("{\"alt\":\"n\"}", "A4");
	expect("{\"code\":\"A3\"}", "A3");
	expect("{\"code\":\"A3\", \"n\":\"5\"}", "A3");
	expect("{\"code\":\"A3\", \"n\":\"50\"}", "");
	expect("{\"n\":\"5\", \"ok\":\"true\", \"alt\":\"x3\"}", "A3");
	expect("{\"n\":\"7\"}", "");
}

static void
test_filtered_paging(void **state)
{
	json_t	*p;
	int64_t	 next;

	(void)state;
	load(records);
	p = page("{\"n\":\"5\"}", 0, 0, 1);
	assert_string_equal(codes(p), "A1");
	next = json_integer_value(json_object_get(p, "next_cursor"));
	assert_true(next > 0);
	json_decref(p);
	p = page("{\"n\":\"5\"}", next, 0, 1);
	assert_string_equal(codes(p), "A3");
	json_decref(p);
	p = page("{\"n\":\"5\"}", 0, 1, 5);
	assert_string_equal(codes(p), "A3");
	assert_true(json_is_null(json_object_get(p, "next_cursor")));
	json_decref(p);
	p = page("{\"n\":\"5\"}", 0, 2, 5);
	assert_string_equal(codes(p), "");
	json_decref(p);
	p = page("{}", 0, 1, 2);
	assert_string_equal(codes(p), "A2,A3");
	json_decref(p);
}

static void
test_page_masks_and_logs(void **state)
{
	json_t	*p, *r;

	(void)state;
	load(records);
	p = page("{\"code\":\"A1\"}", 0, 0, 0);
	assert_string_equal(json_string_value(json_object_get(p, "resource")),
	    "wjw-0001");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    p, "masked"), 0)), "idnum");
	assert_int_equal(json_array_size(json_object_get(p, "omitted")), 0);
	r = json_array_get(json_object_get(p, "records"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "key")),
	    "A1");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    r, "data"), "idnum")), "350102********1237");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    r, "data"), "note")), "say \"hi\"\\");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    p, "receipt"), "department_id")), gaj);
	assert_int_equal(q_int("SELECT row_count AS n FROM exchange_log WHERE"
	    " department_id = ? AND seq = ?", json_pack("[I, O]",
	    (json_int_t)gaj, json_object_get(json_object_get(p, "receipt"),
	    "seq"))), 1);
	json_decref(p);
}

static void
test_keys_and_long_values(void **state)
{
	char	 code[YW_DATA_CODE_MAX], note[302];
	json_t	*in, *errors = NULL, *recs;

	(void)state;
	/* A key twice in a batch: one record, where it first came, with the
	 * last values. */
	load("[{\"code\":\"K1\",\"alt\":\"a\",\"n\":1},{\"code\":\"K2\","
	    "\"alt\":\"b\"},{\"code\":\"K1\",\"alt\":\"c\",\"n\":2}]");
	expect("{}", "K1,K2");
	expect("{\"alt\":\"c\"}", "K1");
	expect("{\"alt\":\"a\"}", "");
	/* The key item changes after records were pushed: filters on the
	 * new key item still find the earlier records. */
	in = resource("alt");
	assert_int_equal(yw_data_resource_save(db, &wjw_steward, "wjw-0001",
	    in, code, &errors), YW_OK);
	json_decref(in);
	expect("{\"alt\":\"c\"}", "K1");
	load("[{\"code\":\"K3\",\"alt\":\"d\"}]");
	expect("{\"alt\":\"d\"}", "K3");
	expect("{\"code\":\"K2\"}", "K2");
	/* Values over 256 bytes were never filterable. */
	memset(note, 'z', 300);
	note[300] = '\0';
	recs = json_pack("[{s:s, s:s, s:s}]", "code", "L1", "alt", "e",
	    "note", note);
	assert_int_equal(yw_exchange_load(db, "wjw-0001", recs), YW_OK);
	json_decref(recs);
	in = json_pack("{s:s}", "note", note);
	{
		char *f = json_dumps(in, 0);

		expect(f, "");
		free(f);
	}
	json_decref(in);
}

/*
 * Queued reads (yw_exchange_read_queued, yw_exchange_flush): nothing is
 * logged until the flush, which appends the entries after a refusal logged
 * meanwhile, in order, moving the chain head once; each answer completes
 * with its own entry's seq and hash, the chain verifies, and a read
 * without the queue carries on after them. The worker's lookups are
 * served again only while nothing changed: a key revoked on the same
 * connection is refused by the next queued read.
 */
static void
test_queued_reads(void **state)
{
	struct yw_exchange_queue	*xq;
	struct yw_exchange_pending	*pend[3], *none;
	struct yw_exchange_query	 q;
	struct yw_buf			 b[3], one;
	json_t				*report = NULL, *p, *file = NULL;
	const char			*hash, *why;
	char				 tail[YW_EXCHANGE_TAIL_MAX + 1];
	int64_t				 count, bad;
	size_t				 n, i;

	(void)state;
	load("[{\"code\":\"A1\",\"alt\":\"x\"},{\"code\":\"A2\",\"alt\":\"y\"}]");
	xq = yw_exchange_queue_new();
	assert_non_null(xq);
	memset(&q, 0, sizeof(q));
	for (i = 0; i < 3; i++) {
		yw_buf_init(&b[i]);
		q.limit = (int64_t)i + 1;
		assert_int_equal(yw_exchange_read_queued(db, &ring, GAJ_KEY,
		    &q, "wjw-0001", &b[i], &report, xq, &pend[i]), YW_OK);
		assert_non_null(pend[i]);
		assert_int_equal(yw_exchange_pending_tail(pend[i], tail, &n),
		    YW_EINTERNAL);
	}
	assert_int_equal(yw_exchange_queue_len(xq), 3);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM exchange_log",
	    json_array()), 0);
	/* A refusal is logged at once, before the queued reads. */
	q.filters = json_pack("{s:s}", "nonesuch", "1");
	yw_buf_init(&one);
	assert_int_equal(yw_exchange_read_queued(db, &ring, GAJ_KEY, &q,
	    "wjw-0001", &one, &report, xq, &none), YW_EINVAL);
	assert_null(none);
	json_decref(report);
	json_decref(q.filters);
	q.filters = NULL;
	assert_int_equal(yw_exchange_queue_len(xq), 3);
	assert_int_equal(yw_exchange_flush(db, &ring, xq), YW_OK);
	assert_int_equal(yw_exchange_queue_len(xq), 0);
	assert_int_equal(q_int("SELECT last_seq AS n FROM exchange_chain"
	    " WHERE department_id = ?", json_pack("[I]", (json_int_t)gaj)), 4);
	for (i = 0; i < 3; i++) {
		assert_int_equal(yw_exchange_pending_seq(pend[i], &hash),
		    (int64_t)i + 2);
		assert_int_equal(q_int("SELECT COUNT(*) AS n FROM exchange_log"
		    " WHERE department_id = ? AND seq = ? AND hash = ? AND"
		    " row_count = ?", json_pack("[I, I, s, I]",
		    (json_int_t)gaj, (json_int_t)i + 2, hash,
		    (json_int_t)(i < 2 ? i + 1 : 2))), 1);
		assert_int_equal(yw_exchange_pending_tail(pend[i], tail, &n),
		    YW_OK);
		assert_int_equal(yw_buf_append(&b[i], tail, n), YW_OK);
		p = json_loads(b[i].data, 0, NULL);
		assert_non_null(p);
		assert_int_equal(json_integer_value(json_object_get(
		    json_object_get(p, "receipt"), "seq")), (int64_t)i + 2);
		assert_string_equal(json_string_value(json_object_get(
		    json_object_get(p, "receipt"), "hash")), hash);
		json_decref(p);
		yw_buf_free(&b[i]);
	}
	yw_exchange_queue_done(xq);
	p = page("{}", 0, 0, 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    p, "receipt"), "seq")), 5);
	json_decref(p);
	assert_int_equal(yw_exchange_receipts(db, &ring, GAJ_KEY, 0, &file,
	    &report), YW_OK);
	assert_int_equal(yw_receipt_verify(file, NULL, &count, &bad, &why),
	    YW_OK);
	assert_int_equal(count, 5);
	json_decref(file);
	/* Cached lookups end with the change. */
	assert_int_equal(yw_exchange_read_queued(db, &ring, GAJ_KEY, &q,
	    "wjw-0001", &one, &report, xq, &none), YW_OK);
	assert_int_equal(yw_db_run(db, NULL, "UPDATE exchange_key SET"
	    " revoked_at = 1 WHERE department_id = ?", "i", gaj), YW_OK);
	assert_int_equal(yw_exchange_read_queued(db, &ring, GAJ_KEY, &q,
	    "wjw-0001", &one, &report, xq, &none), YW_EAUTH);
	assert_string_equal(json_string_value(json_object_get(report,
	    "reason")), "key_revoked");
	json_decref(report);
	yw_buf_free(&one);
	assert_int_equal(yw_exchange_flush(db, &ring, xq), YW_OK);
	assert_int_equal(q_int("SELECT last_seq AS n FROM exchange_chain"
	    " WHERE department_id = ?", json_pack("[I]", (json_int_t)gaj)), 7);
	yw_exchange_queue_destroy(xq);
}

/*
 * The worker's lookup cache (exchange_cache.h) on SQLite: a page is
 * served while the change counters stand still and not after a write; a
 * write the connection declares its own (the log's, yw_xcache_own_write)
 * keeps pages, but keys are read again after it, so a revocation shows.
 * On PostgreSQL nothing is kept.
 */
static void
test_cache_counters(void **state)
{
	struct yw_xcache	*xc;
	struct yw_buf		 b;
	json_t			*row = NULL;
	char			 hash[YW_APIKEY_HASH_LEN];
	int64_t			 v1[2], v2[2], rows = 0;
	int			 sq = yw_db_kind(db) == YW_DB_SQLITE;

	(void)state;
	xc = yw_xcache_new();
	assert_non_null(xc);
	yw_buf_init(&b);
	yw_apikey_hash(GAJ_KEY, hash);
	yw_xcache_begin(xc, db);
	assert_int_equal(yw_xcache_key(xc, db, hash, &row), YW_OK);
	assert_true(json_is_null(json_object_get(row, "revoked_at")));
	json_decref(row);
	yw_xcache_page_put(xc, "p", "[1]", 3, 1);
	yw_xcache_begin(xc, db);
	assert_int_equal(yw_xcache_page_get(xc, "p", &b, &rows), sq);
	assert_int_equal(yw_xcache_page_get(xc, "q", &b, &rows), 0);
	if (sq) {
		assert_string_equal(b.data, "[1]");
		assert_int_equal(rows, 1);
	}
	/* Any write ends them. */
	assert_int_equal(yw_session_store_version(db, v1), sq ? YW_OK :
	    YW_ENOTFOUND);
	assert_int_equal(yw_db_run(db, NULL, "UPDATE exchange_key SET"
	    " revoked_at = 5 WHERE department_id = ?", "i", gaj), YW_OK);
	assert_int_equal(yw_session_store_version(db, v2), sq ? YW_OK :
	    YW_ENOTFOUND);
	yw_xcache_begin(xc, db);
	assert_int_equal(yw_xcache_page_get(xc, "p", &b, &rows), 0);
	/* Declared the connection's own: pages stay, keys are read again. */
	yw_xcache_own_write(xc, v1, v2);
	assert_int_equal(yw_xcache_page_get(xc, "p", &b, &rows), sq);
	assert_int_equal(yw_xcache_key(xc, db, hash, &row), YW_OK);
	assert_int_equal(json_integer_value(json_object_get(row,
	    "revoked_at")), 5);
	json_decref(row);
	yw_buf_free(&b);
	yw_xcache_free(xc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, testdb_teardown)
		T(test_each_field_missing_is_named),
		T(test_bad_values_and_conditions),
		T(test_only_own_department_and_audited),
		T(test_freshness_limits),
#undef T
#define T(fn) cmocka_unit_test_setup_teardown(fn, xsetup, xteardown)
		T(test_filters_match_exactly),
		T(test_filtered_paging),
		T(test_page_masks_and_logs),
		T(test_keys_and_long_values),
		T(test_queued_reads),
		T(test_cache_counters),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
