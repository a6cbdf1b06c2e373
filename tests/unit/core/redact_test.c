/*
 * Tests for src/core/redact.c: phone and ID numbers however they are
 * written (plain, spaced, hyphenated, full-width), e-mail addresses, the
 * writer's name, text that must stay as it is (dates, amounts), and bad
 * UTF-8 that must come out valid without a code point split.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/redact.h"
#include "core/utf8.h"

static void
check(const char *in, const char *want)
{
	static const char *const names[] = { "张三丰", "李四" };
	char *got;

	got = yw_redact_dup(in, names, 2);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_phones(void **state)
{
	(void)state;
	check("电话13800138000谢谢", "电话138****8000谢谢");
	check("call 138 0013 8000 now", "call 138 **** 8000 now");
	check("138-0013-8000", "138-****-8000");
	check("１３８００１３８０００", "１３８****８０００");
	check("1380013 8000", "138**** 8000");
	/* A landline with its area code, local number alone. */
	check("0591-87000001", "0591-87****01");
}

static void
test_ids(void **state)
{
	(void)state;
	check("身份证350102199003071234。", "身份证350102********1234。");
	check("35010219900307123X", "350102********123X");
	check("350102 19900307 1234", "350102 ******** 1234");
	check("350102-1990-0307-123x", "350102-****-****-123x");
}

static void
test_left_alone(void **state)
{
	(void)state;
	check("2026-11-28 下午3点", "2026-11-28 下午3点");
	check("罚款 500000 元", "罚款 500000 元");
	check("1,500,000", "1,500,000");
	check("2026年11月28日", "2026年11月28日");
	check("", "");
	/* A date and then a phone: the phone alone is masked. */
	check("2026-11-28 13800138000", "2026-11-28 138****8000");
}

static void
test_email_and_names(void **state)
{
	(void)state;
	check("写信给 zhang.san@example.com。", "写信给 z***@example.com。");
	check("13800138000@qq.com", "***@qq.com");
	check("１２３４５６7a@b.cn", "１２３４５６***@b.cn");
	check("a@b", "a@b");
	check("我是张三丰，李四是邻居", "我是张**，李*是邻居");
	/* A one-character surname alone is not a name to mask. */
	check("张先生", "张先生");
}

static void
test_bad_utf8(void **state)
{
	char	*got;
	char	 in[] = "ab\xe5\x8c" "13800138000\xff";

	(void)state;
	got = yw_redact_dup(in, NULL, 0);
	assert_non_null(got);
	assert_true(yw_utf8_valid(got, strlen(got)));
	assert_string_equal(got, "ab\xEF\xBF\xBD" "138****8000\xEF\xBF\xBD");
	free(got);
	got = yw_redact_dup(NULL, NULL, 0);
	assert_string_equal(got, "");
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phones),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_left_alone),
		cmocka_unit_test(test_email_and_names),
		cmocka_unit_test(test_bad_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
