/*
 * Tests for src/app/data/exchange_store.c, the record writes of a push:
 * a batch goes in as several multi-row statements on SQLite (chunks of
 * 64, 32, ... 1) and as one statement on PostgreSQL; on both every record
 * is stored once, with its key, in the order given (ids rise with it),
 * and a key already stored is updated in place.
 */
#include <stdio.h>

#include "testdb.h"

#include "app/data/exchange_store.h"

static int64_t rid;

static int
setup(void **state)
{
	if (testdb_setup(state) != 0)
		return -1;
	assert_int_equal(yw_db_exec(db, "INSERT INTO region (code, name,"
	    " level, path) VALUES ('350000000000', '福建省', 1,"
	    " '/350000000000/');"
	    "INSERT INTO department (code, name, region_code, created_at,"
	    " updated_at) VALUES ('wjw', '卫健委', '350000000000', 0, 0);"
	    "INSERT INTO data_resource (code, name, summary, department_id,"
	    " classification, items, format, sharing, open_attr,"
	    " update_cycle, published_on, created_at, updated_at) VALUES"
	    " ('wjw-0001', 'r', 's', (SELECT id FROM department), 'base', '[]',"
	    " 'database', 'unconditional', 'none', 'daily', '2026-01-01', 0,"
	    " 0)"), YW_OK);
	rid = q_int("SELECT id FROM data_resource", json_array());
	return 0;
}

/* Puts n records keyed "<p>NNNN" (every seventh without a key), data
 * {"i":NNNN,"v":"<v>"}, at time now. */
static void
put(const char *p, size_t first, size_t n, const char *v, int64_t now)
{
	char	**keys, **datas;
	size_t	  i;

	keys = calloc(n + 1, sizeof(*keys));
	datas = calloc(n + 1, sizeof(*datas));
	assert_non_null(keys);
	assert_non_null(datas);
	for (i = 0; i < n; i++) {
		datas[i] = malloc(64);
		assert_non_null(datas[i]);
		(void)snprintf(datas[i], 64, "{\"i\":%zu,\"v\":\"%s\"}",
		    first + i, v);
		if ((first + i) % 7 == 6)
			continue;
		keys[i] = malloc(32);
		assert_non_null(keys[i]);
		(void)snprintf(keys[i], 32, "%s%04zu", p, first + i);
	}
	assert_int_equal(yw_db_begin(db), YW_OK);
	assert_int_equal(yw_exchange_store_records_put(db, rid, keys, datas, n,
	    now), YW_OK);
	assert_int_equal(yw_db_commit(db), YW_OK);
	for (i = 0; i < n; i++) {
		free(keys[i]);
		free(datas[i]);
	}
	free(keys);
	free(datas);
}

static void
test_records_put_order_and_upsert(void **state)
{
	json_t		*rows, *row;
	size_t		 i;
	char		 want[64];

	(void)state;
	put("k", 0, 0, "a", 10);
	/* 64 + 64 + 32 + 16 + 8 + 4 + 2 + 1 rows, then one of each size. */
	put("k", 0, 191, "a", 10);
	put("k", 191, 1, "a", 10);
	assert_int_equal(q_int("SELECT COUNT(*) FROM exchange_record",
	    json_array()), 192);
	rows = q("SELECT rkey, data, updated_at FROM exchange_record ORDER BY"
	    " id", json_array());
	assert_int_equal(json_array_size(rows), 192);
	json_array_foreach(rows, i, row) {
		(void)snprintf(want, sizeof(want), "{\"i\":%zu,\"v\":\"a\"}", i);
		assert_string_equal(json_string_value(json_object_get(row,
		    "data")), want);
		if (i % 7 == 6) {
			assert_true(json_is_null(json_object_get(row, "rkey")));
			continue;
		}
		(void)snprintf(want, sizeof(want), "k%04zu", i);
		assert_string_equal(json_string_value(json_object_get(row,
		    "rkey")), want);
	}
	json_decref(rows);
	/* Records 100..229: the stored ones change in place, keyless ones
	 * and new keys are added after them. */
	put("k", 100, 130, "b", 20);
	assert_int_equal(q_int("SELECT COUNT(*) FROM exchange_record",
	    json_array()), 192 + 38 + 13);
	assert_int_equal(q_int("SELECT COUNT(*) FROM exchange_record WHERE"
	    " rkey = 'k0150' AND data = '{\"i\":150,\"v\":\"b\"}' AND"
	    " updated_at = 20", json_array()), 1);
	assert_int_equal(q_int("SELECT COUNT(*) FROM exchange_record WHERE"
	    " rkey = 'k0099' AND updated_at = 10", json_array()), 1);
	assert_int_equal(q_int("SELECT COUNT(*) FROM exchange_record a,"
	    " exchange_record b WHERE a.rkey = 'k0150' AND b.rkey = 'k0200'"
	    " AND a.id < b.id AND a.id < (SELECT MIN(id) FROM exchange_record"
	    " WHERE updated_at = 20 AND rkey IS NULL)", json_array()), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_records_put_order_and_upsert, setup, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
