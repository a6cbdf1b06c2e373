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

static struct yw_schema_plan plan;	/* key item cert_no */
static json_t *it;

static int
setup(void **state)
{
	(void)state;
	it = ref_items(20);
	return it != NULL && yw_schema_plan_make(it, "cert_no", &plan) ==
	    YW_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	json_decref(it);
	return 0;
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
	struct yw_schema_plan		 nokey;
	struct yw_exchange_batch	 b;

	(void)state;
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
	assert_int_equal(yw_schema_plan_make(it, "", &nokey), YW_OK);
	expect(&nokey, batch, 1);
	assert_int_equal(yw_exchange_parse(&nokey, batch, strlen(batch), 10,
	    &b), YW_OK);
	assert_true(b.key_off[0] == (size_t)-1);
	yw_exchange_batch_free(&b);
	expect(&plan, "{\"records\":[]}", 1);
	expect(&plan, "{\"records\":[{\"cert_no\":\"x\"}]}", 1);
}

/* Bodies the scanner leaves to jansson: good ones it does not handle and
 * bad ones, which the jansson path then refuses (at most 2 records). */
static void
test_others_left_to_jansson(void **state)
{
	static const struct {
		const char	*body;
		int		 good;
	} cases[] = {
		{ "{\"records\":[{\"cert_no\":\"a\\\"b\"}]}", 1 },	/* escape */
		{ "{\"records\":[{\"cert_no\":\"\\u00e9\"}]}", 1 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"d\":1.5}]}", 1 },	/* real */
		{ "{\"records\":[{\"cert_no\":\"x\",\"d\":1e2}]}", 1 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"d\":1234567890123456789}]}",
		    1 },
		{ "{\"records\":[],\"note\":1}", 1 },	/* another member */
		{ "{\"note\":1,\"records\":[]}", 1 },
		{ "{\"rec\\u006frds\":[]}", 1 },
		{ "", 0 },
		{ "[]", 0 },
		{ "{\"records\":{}}", 0 },
		{ "{\"records\":[1]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"cert_no\":\"y\"}]}", 0 },
		{ "{\"records\":[],\"records\":[]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"extra\":1}]}", 0 },
		{ "{\"records\":[{\"name\":\"x\"}]}", 0 },		/* required */
		{ "{\"records\":[{\"cert_no\":\"x\",\"name\":\"张三丰李四\"}]}",
		    0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"n\":1234}]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"n\":01}]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"n\":-}]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"ok\":truex}]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"ok\":\"yes\"}]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"day\":\"2026-02-30\"}]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\",\"at\":[]}]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"\xc3\"}]}", 0 },	/* UTF-8 */
		{ "{\"records\":[{\"cert_no\":\"\xed\xa0\x80\"}]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"a\tb\"}]}", 0 },	/* control */
		{ "{\"records\":[{\"cert_no\":\"x\"},]}", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\"}]} x", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\"}]", 0 },
		{ "{\"records\":[{\"cert_no\":\"x\"}, {\"cert_no\":\"y\"}, "
		    "{\"cert_no\":\"z\"}]}", 0 },		/* over max */
	};
	struct yw_exchange_batch	 want;
	size_t				 i, len;
	int				 taken;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = strlen(cases[i].body);
		assert_true(parse_agrees(&plan, cases[i].body, len, 2,
		    &taken));
		if (taken)
			fail_msg("taken: %s", cases[i].body);
		assert_int_equal(ref_parse(&plan, cases[i].body, len, 2, &want),
		    cases[i].good ? YW_OK : YW_EINVAL);
		yw_exchange_batch_free(&want);
	}
}

/* Random byte edits of a good batch: whatever the scanner takes, the
 * jansson path stores the same way. */
static void
test_mutations_agree(void **state)
{
	static const char alphabet[] = "{}[]\":,-0123456789tfnule. \\\t\xe5\xbc";
	char	 buf[sizeof(batch) + 8];
	size_t	 i, k, n, len, pos;
	int	 taken, ntaken = 0;

	(void)state;
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
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_batch_taken_as_jansson_stores_it),
		cmocka_unit_test(test_others_left_to_jansson),
		cmocka_unit_test(test_mutations_agree),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
