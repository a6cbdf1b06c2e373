/*
 * Tests for src/core/valid.c. ID numbers are built by a check-digit routine
 * written here from the standard's formula (check = (12 - sum % 11) % 11,
 * weights 2^(17-i) mod 11), independent of the table in valid.c, and two
 * examples printed in GB 11643-1999 itself pin both down.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/valid.h"

#define S(lit)	(lit), (sizeof(lit) - 1)

/* 2026-11-28T07:37:00Z, 15:37 on 2026-11-28 in Shanghai. */
#define NOW		INT64_C(1795851420)
/* 2026-11-27T16:00:00Z, the first second of 2026-11-28 in Shanghai. */
#define NOW_MIDNIGHT	INT64_C(1795795200)

/* Fills id[0..18) from a 6-digit region, 8-digit birth date, 3-digit order. */
static void
make_id(char id[19], const char *region, const char *birth, const char *seq)
{
	int	i, sum, w, c;

	memcpy(id, region, 6);
	memcpy(id + 6, birth, 8);
	memcpy(id + 14, seq, 3);
	sum = 0;
	for (i = 0; i < 17; i++) {
		/* 2^(17-i) mod 11, by repeated doubling. */
		w = 1;
		for (c = 0; c < 17 - i; c++)
			w = w * 2 % 11;
		sum += (id[i] - '0') * w;
	}
	c = (12 - sum % 11) % 11;
	id[17] = c == 10 ? 'X' : (char)('0' + c);
	id[18] = '\0';
}

static int
id_ok(const char *region, const char *birth, int64_t now)
{
	char	id[19];

	make_id(id, region, birth, "123");
	return yw_valid_idnum(id, 18, now);
}

static void
test_idnum_standard_examples(void **state)
{
	(void)state;
	assert_true(yw_valid_idnum(S("11010519491231002X"), NOW));
	assert_true(yw_valid_idnum(S("11010519491231002x"), NOW));
	assert_true(yw_valid_idnum(S("440524188001010014"), NOW));
	assert_int_equal(yw_valid_idnum_check("11010519491231002"), 'X');
	assert_int_equal(yw_valid_idnum_check("44052418800101001"), '4');
	assert_int_equal(yw_valid_idnum_check("4405241880010100a"), '\0');
}

static void
test_idnum_check_digit(void **state)
{
	char	id[19], order[3];
	char	c;
	int	seq, wrong;

	(void)state;
	/* Every check value 0..10 appears among a thousand orders. */
	for (seq = 0; seq < 1000; seq++) {
		order[0] = (char)('0' + seq / 100);
		order[1] = (char)('0' + seq / 10 % 10);
		order[2] = (char)('0' + seq % 10);
		make_id(id, "350102", "19900101", order);
		assert_true(yw_valid_idnum(id, 18, NOW));
		assert_int_equal(yw_valid_idnum_check(id), id[17]);
		c = id[17];
		for (wrong = 0; wrong < 11; wrong++) {
			id[17] = wrong == 10 ? 'X' : (char)('0' + wrong);
			if (id[17] != c)
				assert_false(yw_valid_idnum(id, 18, NOW));
		}
	}
	/* One changed digit in the body breaks the check. */
	make_id(id, "350102", "19900101", "123");
	id[3] = id[3] == '9' ? '0' : (char)(id[3] + 1);
	assert_false(yw_valid_idnum(id, 18, NOW));
}

static void
test_idnum_shape(void **state)
{
	char	id[20];

	(void)state;
	make_id(id, "350102", "19900101", "123");
	assert_true(yw_valid_idnum(id, 18, NOW));
	assert_false(yw_valid_idnum(id, 17, NOW));
	assert_false(yw_valid_idnum(NULL, 18, NOW));
	id[18] = '0';
	id[19] = '\0';
	assert_false(yw_valid_idnum(id, 19, NOW));
	/* Region must not start with 0, even with a matching check. */
	make_id(id, "050102", "19900101", "123");
	assert_false(yw_valid_idnum(id, 18, NOW));
	/* X is only a check character. */
	assert_false(yw_valid_idnum(S("3501021990010112X4"), NOW));
	assert_false(yw_valid_idnum(S("35010219900101 234"), NOW));
	/* The masking example: its check character would be 8. */
	assert_false(yw_valid_idnum(S("350102199001011234"), NOW));
	assert_true(yw_valid_idnum(S("350102199001011238"), NOW));
	assert_false(yw_valid_idnum(S("１２３４５６７８９０１２３４５６"), NOW));
}

static void
test_idnum_birth_date(void **state)
{
	(void)state;
	assert_true(id_ok("350102", "20000229", NOW));
	assert_false(id_ok("350102", "19000229", NOW));
	assert_true(id_ok("350102", "20240229", NOW));
	assert_false(id_ok("350102", "20230229", NOW));
	assert_false(id_ok("350102", "19900431", NOW));
	assert_false(id_ok("350102", "19901301", NOW));
	assert_false(id_ok("350102", "19900001", NOW));
	assert_false(id_ok("350102", "19900100", NOW));
	assert_false(id_ok("350102", "19900132", NOW));
	assert_true(id_ok("350102", "18000101", NOW));
	assert_false(id_ok("350102", "17991231", NOW));
	assert_false(id_ok("350102", "00000101", NOW));
}

static void
test_idnum_future_birth(void **state)
{
	(void)state;
	assert_true(id_ok("350102", "20261128", NOW));
	assert_false(id_ok("350102", "20261129", NOW));
	assert_false(id_ok("350102", "20270101", NOW));
	assert_false(id_ok("350102", "29991231", NOW));
	/* "Today" is the Shanghai date, which begins at 16:00Z. */
	assert_true(id_ok("350102", "20261128", NOW_MIDNIGHT));
	assert_false(id_ok("350102", "20261128", NOW_MIDNIGHT - 1));
	assert_true(id_ok("350102", "20261127", NOW_MIDNIGHT - 1));
}

static void
test_phone(void **state)
{
	(void)state;
	assert_true(yw_valid_phone(S("13812345678")));
	assert_true(yw_valid_phone(S("19912345678")));
	assert_true(yw_valid_phone(S("+8613812345678")));
	assert_false(yw_valid_phone(S("12812345678")));
	assert_false(yw_valid_phone(S("10000000000")));
	assert_false(yw_valid_phone(S("23812345678")));
	assert_false(yw_valid_phone(S("1381234567")));
	assert_false(yw_valid_phone(S("138123456789")));
	assert_false(yw_valid_phone(S("1381234567a")));
	assert_false(yw_valid_phone(S("138 1234 5678")));
	assert_false(yw_valid_phone(S("+86 13812345678")));
	assert_false(yw_valid_phone(S("8613812345678")));
	assert_false(yw_valid_phone(S("+86")));
	assert_false(yw_valid_phone(S("+8513812345678")));
	assert_false(yw_valid_phone(S("")));
	assert_false(yw_valid_phone(NULL, 11));
}

static void
test_office_phone(void **state)
{
	(void)state;
	assert_true(yw_valid_office_phone(S("0591-87000110")));
	assert_true(yw_valid_office_phone(S("12345")));
	assert_true(yw_valid_office_phone(S("+86 (591) 8700 0110")));
	assert_true(yw_valid_office_phone(S("123")));
	assert_true(yw_valid_office_phone(S("0591-888888888888888888888888888")));
	assert_false(yw_valid_office_phone(S("0591-8888888888888888888888888888")));
	assert_false(yw_valid_office_phone(S("12")));
	assert_false(yw_valid_office_phone(S("--()")));
	assert_false(yw_valid_office_phone(S("0591-8700011O")));
	assert_false(yw_valid_office_phone(S("0591\n8700")));
	assert_false(yw_valid_office_phone(S("")));
	assert_false(yw_valid_office_phone(NULL, 5));
}

/*
 * Builds "aaa@bbb.bbb.cn"-shaped addresses in buf: a local part of local
 * characters, then labels labels of label characters each, then ".cn".
 */
static int
email_of(char *buf, size_t local, size_t label, size_t labels)
{
	size_t	n, i;

	memset(buf, 'a', local);
	n = local;
	buf[n++] = '@';
	for (i = 0; i < labels; i++) {
		memset(buf + n, 'b', label);
		n += label;
		buf[n++] = '.';
	}
	memcpy(buf + n, "cn", 2);
	return yw_valid_email(buf, n + 2);
}

static void
test_email(void **state)
{
	char	buf[300];

	(void)state;
	assert_true(yw_valid_email(S("zhang@example.com")));
	assert_true(yw_valid_email(S("zhang.san+tag@mail.fuzhou.gov.cn")));
	assert_true(yw_valid_email(S("a@b.co")));
	assert_true(yw_valid_email(S("o'brien_1@xn--fiqs8s.cn")));
	assert_true(yw_valid_email(S("x@my-host.example")));
	assert_false(yw_valid_email(S("")));
	assert_false(yw_valid_email(S("zhang")));
	assert_false(yw_valid_email(S("@example.com")));
	assert_false(yw_valid_email(S("zhang@")));
	assert_false(yw_valid_email(S("a@b@example.com")));
	assert_false(yw_valid_email(S("zhang@localhost")));
	assert_false(yw_valid_email(S("zhang san@example.com")));
	assert_false(yw_valid_email(S("zhang@exa mple.com")));
	assert_false(yw_valid_email(S(".zhang@example.com")));
	assert_false(yw_valid_email(S("zhang.@example.com")));
	assert_false(yw_valid_email(S("zh..ang@example.com")));
	assert_false(yw_valid_email(S("zhang@.example.com")));
	assert_false(yw_valid_email(S("zhang@example..com")));
	assert_false(yw_valid_email(S("zhang@example.com.")));
	assert_false(yw_valid_email(S("zhang@-example.com")));
	assert_false(yw_valid_email(S("zhang@example-.com")));
	assert_false(yw_valid_email(S("zhang@ex_ample.com")));
	assert_false(yw_valid_email(S("zhang@10.0.0.1")));
	assert_false(yw_valid_email(S("\"zhang\"@example.com")));
	assert_false(yw_valid_email(S("<zhang>@example.com")));
	assert_false(yw_valid_email(S("张三@example.com")));
	assert_false(yw_valid_email(S("zhang@例子.中国")));
	assert_false(yw_valid_email("zh\0ang@example.com", 18));
	assert_false(yw_valid_email(S("zhang@example.com\n")));

	/* Local part: 64 characters pass, 65 do not. */
	assert_true(email_of(buf, 64, 10, 1));
	assert_false(email_of(buf, 65, 10, 1));
	/* Domain label: 63 pass, 64 do not. */
	assert_true(email_of(buf, 1, 63, 1));
	assert_false(email_of(buf, 1, 64, 1));
	/* Total: 254 pass, 255 do not (64 + 1 + 3 * 60 + 3 + 6 = 254). */
	assert_true(email_of(buf, 64, 60, 3));
	assert_false(email_of(buf, 65, 60, 3));
}

static void
test_mask_idnum(void **state)
{
	char	out[32];

	(void)state;
	assert_int_equal(yw_mask_idnum(S("350102199001011234"), out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "350102********1234");
	assert_int_equal(yw_mask_idnum(S("11010519491231002X"), out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "110105********002X");
	/* Exactly 19 bytes fit; 18 would drop the NUL. */
	assert_int_equal(yw_mask_idnum(S("350102199001011234"), out, 19),
	    YW_OK);
	assert_int_equal(yw_mask_idnum(S("350102199001011234"), out, 18),
	    YW_ETOOBIG);
	assert_string_equal(out, "");
	assert_int_equal(yw_mask_idnum(S("350102199001011234"), NULL, 0),
	    YW_ETOOBIG);
	/* Too short to keep both ends: nothing is shown. */
	assert_int_equal(yw_mask_idnum(S("3501021234"), out, sizeof(out)),
	    YW_OK);
	assert_string_equal(out, "**********");
	assert_int_equal(yw_mask_idnum(S(""), out, sizeof(out)), YW_OK);
	assert_string_equal(out, "");
	assert_int_equal(yw_mask_idnum(S("35010219900101123\xE4"), out,
	    sizeof(out)), YW_EINVAL);
	assert_string_equal(out, "");
}

static void
test_mask_phone(void **state)
{
	char	out[32];

	(void)state;
	assert_int_equal(yw_mask_phone(S("13812345678"), out, sizeof(out)),
	    YW_OK);
	assert_string_equal(out, "138****5678");
	assert_int_equal(yw_mask_phone(S("+8613812345678"), out, sizeof(out)),
	    YW_OK);
	assert_string_equal(out, "+86138****5678");
	assert_int_equal(yw_mask_phone(S("13812345678"), out, 12), YW_OK);
	assert_int_equal(yw_mask_phone(S("13812345678"), out, 11), YW_ETOOBIG);
	assert_string_equal(out, "");
	assert_int_equal(yw_mask_phone(S("+8613812345678"), out, 15), YW_OK);
	assert_int_equal(yw_mask_phone(S("+8613812345678"), out, 14),
	    YW_ETOOBIG);
	assert_string_equal(out, "");
	assert_int_equal(yw_mask_phone(S("+8613812345678"), out, 3),
	    YW_ETOOBIG);
	assert_string_equal(out, "");
	assert_int_equal(yw_mask_phone(S("1234567"), out, sizeof(out)), YW_OK);
	assert_string_equal(out, "*******");
	assert_int_equal(yw_mask_phone(S("+86\n3812345678"), out, sizeof(out)),
	    YW_EINVAL);
	assert_string_equal(out, "");
}

static void
test_mask_email(void **state)
{
	char	out[64];

	(void)state;
	assert_int_equal(yw_mask_email(S("zhang@example.com"), out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "z***@example.com");
	assert_int_equal(yw_mask_email(S("z@example.com"), out, sizeof(out)),
	    YW_OK);
	assert_string_equal(out, "z***@example.com");
	assert_int_equal(yw_mask_email(S("张三@example.com"), out,
	    sizeof(out)), YW_OK);
	assert_string_equal(out, "张***@example.com");
	/* Everything before the last '@' is local part. */
	assert_int_equal(yw_mask_email(S("a@b@example.com"), out, sizeof(out)),
	    YW_OK);
	assert_string_equal(out, "a***@example.com");
	assert_int_equal(yw_mask_email(S("zhang@example.com"), out, 17),
	    YW_OK);
	assert_int_equal(yw_mask_email(S("zhang@example.com"), out, 16),
	    YW_ETOOBIG);
	assert_string_equal(out, "");
	assert_int_equal(yw_mask_email(S("zhang"), out, sizeof(out)),
	    YW_EINVAL);
	assert_int_equal(yw_mask_email(S("@example.com"), out, sizeof(out)),
	    YW_EINVAL);
	assert_int_equal(yw_mask_email(S("\xE5@example.com"), out,
	    sizeof(out)), YW_EINVAL);
	assert_string_equal(out, "");
}

static void
test_mask_name(void **state)
{
	char	out[32];

	(void)state;
	assert_int_equal(yw_mask_name(S("张三丰"), out, sizeof(out)), YW_OK);
	assert_string_equal(out, "张**");
	assert_int_equal(yw_mask_name(S("张三"), out, sizeof(out)), YW_OK);
	assert_string_equal(out, "张*");
	assert_int_equal(yw_mask_name(S("欧阳修远"), out, sizeof(out)),
	    YW_OK);
	assert_string_equal(out, "欧***");
	assert_int_equal(yw_mask_name(S("Li Lei"), out, sizeof(out)), YW_OK);
	assert_string_equal(out, "L*****");
	/* A single character would be shown whole: mask it. */
	assert_int_equal(yw_mask_name(S("张"), out, sizeof(out)), YW_OK);
	assert_string_equal(out, "*");
	assert_int_equal(yw_mask_name(S(""), out, sizeof(out)), YW_OK);
	assert_string_equal(out, "");
	/* "张**" is 5 bytes plus the NUL. */
	assert_int_equal(yw_mask_name(S("张三丰"), out, 6), YW_OK);
	assert_int_equal(yw_mask_name(S("张三丰"), out, 5), YW_ETOOBIG);
	assert_string_equal(out, "");
	assert_int_equal(yw_mask_name(S("\xE5\xBC"), out, sizeof(out)),
	    YW_EINVAL);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idnum_standard_examples),
		cmocka_unit_test(test_idnum_check_digit),
		cmocka_unit_test(test_idnum_shape),
		cmocka_unit_test(test_idnum_birth_date),
		cmocka_unit_test(test_idnum_future_birth),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_office_phone),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_mask_idnum),
		cmocka_unit_test(test_mask_phone),
		cmocka_unit_test(test_mask_email),
		cmocka_unit_test(test_mask_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
