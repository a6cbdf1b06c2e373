/*
 * Tests for src/app/data/exchange_parse.c: a push batch read by the
 * scanner is stored exactly as the jansson path would store it (same
 * bytes, same keys), plain batches take the fast path, and everything the
 * scanner does not handle, good or bad, is left to the jansson path
 * (which then gives the error report). Random mutations of a batch keep
 * the two paths in agreement.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "exchange_parse_ref.h"

static json_t *
items(void)
{
	json_t *in, *errors, *out = NULL;

	in = json_loads("[{\"name\":\"cert_no\",\"label\":\"编号\",\"type\":"
	    "\"string\",\"length\":20,\"required\":true},"
	    "{\"name\":\"name\",\"label\":\"姓名\",\"type\":\"string\","
	    "\"length\":4},"
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

static const char batch[] =
    " {\"records\" : [\n"
    "  {\"cert_no\":\"B0001\",\"name\":\"张三丰\",\"n\":-12,\"d\":7,"
    "\"day\":\"2026-02-28\",\"at\":\"2026-02-28T23:59:59+08:00\","
    "\"ok\":true},\n"
    "  { \"ok\" : false , \"cert_no\" : \"B0002\" , \"n\" : \"007\","
    " \"d\" : \"-0.50\", \"name\": null, \"day\": \"\" },\r\n"
    "\t{\"cert_no\":\"B0001\",\"n\":0,\"ok\":\"1\",\"d\":-0},"
    "{\"cert_no\":\"é\x7f\"}]}  ";

static void
expect(const struct yw_schema_plan *p, const char *body, int taken_want)
{
	int taken;

	assert_true(parse_agrees(p, body, strlen(body), 10, &taken));
	if (taken != taken_want)
		fail_msg("%s: taken %d, want %d", body, taken, taken_want);
}

static void
test_plain_batch_taken_as_jansson_stores_it(void **state)
{
	struct yw_schema_plan		 plan;
	struct yw_exchange_batch	 b;
	json_t				*it;

	(void)state;
	it = items();
	assert_int_equal(yw_schema_plan_make(it, "cert_no", &plan), YW_OK);
	expect(&plan, batch, 1);
	assert_int_equal(yw_exchange_parse(&plan, batch, strlen(batch), 10,
	    &b), YW_OK);
	assert_int_equal(b.n, 4);
	assert_string_equal(b.buf.data + b.data_off[1], "{\"cert_no\":"
	    "\"B0002\",\"d\":\"-0.50\",\"n\":7,\"ok\":false}");
	assert_string_equal(b.buf.data + b.key_off[1], "B0002");
	assert_string_equal(b.buf.data + b.data_off[2], "{\"cert_no\":"
	    "\"B0001\",\"d\":\"0\",\"n\":0,\"ok\":true}");
	yw_exchange_batch_free(&b);
	/* Without a key item no record has a key. */
	assert_int_equal(yw_schema_plan_make(it, "", &plan), YW_OK);
	expect(&plan, batch, 1);
	assert_int_equal(yw_exchange_parse(&plan, batch, strlen(batch), 10,
	    &b), YW_OK);
	assert_true(b.key_off[0] == (size_t)-1);
	yw_exchange_batch_free(&b);
	expect(&plan, "{\"records\":[]}", 1);
	expect(&plan, "{\"records\":[{\"cert_no\":\"x\"}]}", 1);
	json_decref(it);
}

static void
test_other_good_bodies_left_to_jansson(void **state)
{
	static const char *const bodies[] = {
		"{\"records\":[{\"cert_no\":\"a\\\"b\"}]}",	/* escape */
		"{\"records\":[{\"cert_no\":\"\\u00e9\"}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"d\":1.5}]}",	/* real */
		"{\"records\":[{\"cert_no\":\"x\",\"d\":1e2}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"d\":1234567890123456789}]}",
		"{\"records\":[],\"note\":1}",		/* another member */
		"{\"note\":1,\"records\":[]}",
		"{\"rec\\u006frds\":[]}",
	};
	struct yw_schema_plan	 plan;
	struct yw_exchange_batch want;
	json_t			*it;
	size_t			 i;

	(void)state;
	it = items();
	assert_int_equal(yw_schema_plan_make(it, "cert_no", &plan), YW_OK);
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		expect(&plan, bodies[i], 0);
		/* Still a good batch: the jansson path stores it. */
		assert_int_equal(ref_parse(&plan, bodies[i], strlen(bodies[i]),
		    10, &want), YW_OK);
		yw_exchange_batch_free(&want);
	}
	json_decref(it);
}

static void
test_bad_bodies_not_taken(void **state)
{
	static const char *const bodies[] = {
		"",
		"[]",
		"{\"records\":{}}",
		"{\"records\":[1]}",
		"{\"records\":[{\"cert_no\":\"x\",\"cert_no\":\"y\"}]}",
		"{\"records\":[],\"records\":[]}",
		"{\"records\":[{\"cert_no\":\"x\",\"extra\":1}]}",
		"{\"records\":[{\"name\":\"x\"}]}",		/* required */
		"{\"records\":[{\"cert_no\":\"x\",\"name\":\"张三丰李四\"}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"n\":1234}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"n\":01}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"n\":-}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"ok\":truex}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"ok\":\"yes\"}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"day\":\"2026-02-30\"}]}",
		"{\"records\":[{\"cert_no\":\"x\",\"at\":[]}]}",
		"{\"records\":[{\"cert_no\":\"\xc3\"}]}",		/* UTF-8 */
		"{\"records\":[{\"cert_no\":\"\xed\xa0\x80\"}]}",	/* surrogate */
		"{\"records\":[{\"cert_no\":\"a\tb\"}]}",	/* control */
		"{\"records\":[{\"cert_no\":\"x\"},]}",
		"{\"records\":[{\"cert_no\":\"x\"}]} x",
		"{\"records\":[{\"cert_no\":\"x\"}]",
		"{\"records\":[{\"cert_no\":\"x\"}, {\"cert_no\":\"y\"}, "
		    "{\"cert_no\":\"z\"}]}",			/* over max */
	};
	struct yw_schema_plan	 plan;
	json_t			*it;
	size_t			 i;

	(void)state;
	it = items();
	assert_int_equal(yw_schema_plan_make(it, "cert_no", &plan), YW_OK);
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		int taken;

		assert_true(parse_agrees(&plan, bodies[i], strlen(bodies[i]), 2,
		    &taken));
		if (taken)
			fail_msg("taken: %s", bodies[i]);
	}
	json_decref(it);
}

/* Random byte edits of a good batch: whatever the scanner takes, the
 * jansson path stores the same way. */
static void
test_mutations_agree(void **state)
{
	static const char alphabet[] = "{}[]\":,-0123456789tfnule. \\\t\xe5\xbc";
	struct yw_schema_plan	 plan;
	json_t			*it;
	char			 buf[sizeof(batch) + 8];
	size_t			 i, k, n, len, pos;
	int			 taken, ntaken = 0;

	(void)state;
	it = items();
	assert_int_equal(yw_schema_plan_make(it, "cert_no", &plan), YW_OK);
	srand(4);
	for (i = 0; i < 20000; i++) {
		len = strlen(batch);
		memcpy(buf, batch, len);
		n = 1 + (size_t)rand() % 3;
		for (k = 0; k < n; k++) {
			pos = (size_t)rand() % len;
			switch (rand() % 3) {
			case 0:		/* replace */
				buf[pos] = alphabet[rand() %
				    (int)(sizeof(alphabet) - 1)];
				break;
			case 1:		/* delete */
				memmove(buf + pos, buf + pos + 1, len - pos -
				    1);
				len--;
				break;
			default:	/* insert */
				if (len + 1 >= sizeof(buf))
					break;
				memmove(buf + pos + 1, buf + pos, len - pos);
				buf[pos] = alphabet[rand() %
				    (int)(sizeof(alphabet) - 1)];
				len++;
				break;
			}
		}
		if (!parse_agrees(&plan, buf, len, 10, &taken))
			fail_msg("disagree: %.*s", (int)len, buf);
		ntaken += taken;
	}
	/* The edits left many batches good (a changed digit, a space). */
	assert_true(ntaken > 500);
	json_decref(it);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_batch_taken_as_jansson_stores_it),
		cmocka_unit_test(test_other_good_bodies_left_to_jansson),
		cmocka_unit_test(test_bad_bodies_not_taken),
		cmocka_unit_test(test_mutations_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
