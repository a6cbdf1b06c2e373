/*
 * Tests for src/app/notify/send_smtp.c's message format: the headers a
 * mail client needs, a Chinese subject as RFC 2047 encoded-words that
 * decode back to the exact text (long ones split on whole characters, in
 * lines a relay accepts), and a base64 body that decodes to the text with
 * CRLF line ends. Delivery itself is tested against a real SMTP server in
 * tests/http/notify.test.mjs.
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
#include <sodium.h>

#include "app/notify/send_smtp.h"
#include "core/buf.h"
#include "core/utf8.h"

#define T0	INT64_C(1767225600)	/* Thu, 01 Jan 2026 00:00:00 +0000 */

static json_t *
msg(const char *to, const char *subject, const char *body)
{
	json_t *m;

	m = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)42,
	    "recipient", to, "subject", subject, "body", body);
	assert_non_null(m);
	return m;
}

static char *
format(const char *subject, const char *body)
{
	struct yw_buf	 b;
	json_t		*m;

	yw_buf_init(&b);
	m = msg("zhang@example.com", subject, body);
	assert_int_equal(yw_send_smtp_format("noreply@gov.example.cn", m, T0,
	    &b), YW_OK);
	json_decref(m);
	return yw_buf_steal(&b);
}

/* The value of header name (unfolded), or NULL; caller frees. */
static char *
header(const char *text, const char *name)
{
	struct yw_buf	 v;
	const char	*p, *end, *eol;
	size_t		 n = strlen(name);

	end = strstr(text, "\r\n\r\n");
	assert_non_null(end);
	for (p = text; p < end; p = eol + 2) {
		eol = strstr(p, "\r\n");
		if (strncmp(p, name, n) == 0 && p[n] == ':')
			break;
	}
	if (p >= end)
		return NULL;
	yw_buf_init(&v);
	p += n + 2;
	for (;;) {
		eol = strstr(p, "\r\n");
		assert_int_equal(yw_buf_append(&v, p, (size_t)(eol - p)), YW_OK);
		if (eol[2] != ' ' && eol[2] != '\t')
			break;
		p = eol + 2;
	}
	return yw_buf_steal(&v);
}

/* Decodes a run of =?UTF-8?B?...?= words separated by white space. */
static char *
decode_words(const char *s)
{
	struct yw_buf	 out;
	unsigned char	 bin[256];
	const char	*p = s, *end;
	size_t		 n;

	yw_buf_init(&out);
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		assert_int_equal(strncmp(p, "=?UTF-8?B?", 10), 0);
		p += 10;
		end = strstr(p, "?=");
		assert_non_null(end);
		/* RFC 2047: an encoded-word is at most 75 characters. */
		assert_true(end - p + 12 <= 75);
		assert_int_equal(sodium_base642bin(bin, sizeof(bin), p,
		    (size_t)(end - p), NULL, &n, NULL,
		    sodium_base64_VARIANT_ORIGINAL), 0);
		/* Each word holds whole characters. */
		assert_true(yw_utf8_valid((const char *)bin, n));
		assert_int_equal(yw_buf_append(&out, bin, n), YW_OK);
		p = end + 2;
	}
	return yw_buf_steal(&out);
}

static char *
decode_body(const char *text)
{
	const char	*b;
	unsigned char	*bin;
	size_t		 n, len;

	b = strstr(text, "\r\n\r\n") + 4;
	len = strlen(b);
	bin = malloc(len + 1);
	assert_non_null(bin);
	assert_int_equal(sodium_base642bin(bin, len, b, len, "\r\n", &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL), 0);
	bin[n] = '\0';
	return (char *)bin;
}

static void
assert_lines_within(const char *text, size_t max)
{
	const char *p, *eol;

	for (p = text; *p != '\0'; p = eol + 2) {
		eol = strstr(p, "\r\n");
		assert_non_null(eol);
		/* No bare LF or CR anywhere. */
		assert_null(memchr(p, '\n', (size_t)(eol - p)));
		assert_null(memchr(p, '\r', (size_t)(eol - p)));
		if (strncmp(p, "To:", 3) != 0 && strncmp(p, "From:", 5) != 0 &&
		    strncmp(p, "Message-ID:", 11) != 0)
			assert_true((size_t)(eol - p) <= max);
	}
}

static void
test_headers(void **state)
{
	char *t, *v;

	(void)state;
	t = format("Case accepted", "Hello");
	v = header(t, "Date");
	assert_string_equal(v, "Thu, 01 Jan 2026 00:00:00 +0000");
	free(v);
	v = header(t, "From");
	assert_string_equal(v, "noreply@gov.example.cn");
	free(v);
	v = header(t, "To");
	assert_string_equal(v, "zhang@example.com");
	free(v);
	/* Short ASCII subjects go as they are. */
	v = header(t, "Subject");
	assert_string_equal(v, "Case accepted");
	free(v);
	v = header(t, "Content-Type");
	assert_string_equal(v, "text/plain; charset=UTF-8");
	free(v);
	v = header(t, "Content-Transfer-Encoding");
	assert_string_equal(v, "base64");
	free(v);
	v = header(t, "MIME-Version");
	assert_string_equal(v, "1.0");
	free(v);
	v = header(t, "Message-ID");
	assert_non_null(strstr(v, "@gov.example.cn>"));
	assert_int_equal(v[0], '<');
	free(v);
	assert_lines_within(t, 78);
	free(t);
}

static void
test_chinese_subject_round_trips(void **state)
{
	static const char *subjects[] = {
		"您的申请已受理",
		"【一网通办】新生儿出生一件事：受理编号 350100-20260101-0001 "
		    "已进入审核阶段，请留意办理进度与补正通知",
		"=?UTF-8?B?looks-encoded?=",
		"😀 emoji and 中文 mixed with a long ASCII tail to force a split",
	};
	char	*t, *v, *d;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		t = format(subjects[i], "正文");
		v = header(t, "Subject");
		assert_non_null(v);
		d = decode_words(v);
		assert_string_equal(d, subjects[i]);
		assert_lines_within(t, 78);
		free(d);
		free(v);
		free(t);
	}
}

static void
test_body_base64_with_crlf(void **state)
{
	char	*t, *d, body[3000];
	size_t	 i;

	(void)state;
	t = format("s", "您好：\n您的申请已受理。\r\n受理编号：0001\r\r末行");
	d = decode_body(t);
	assert_string_equal(d,
	    "您好：\r\n您的申请已受理。\r\n受理编号：0001\r\n\r\n末行");
	free(d);
	free(t);
	/* A long body is wrapped at 76 characters and still decodes. */
	for (i = 0; i + 3 < sizeof(body); i += 3)
		memcpy(body + i, "长", 3);
	body[i] = '\0';
	t = format("s", body);
	assert_lines_within(t, 78);
	d = decode_body(t);
	assert_string_equal(d, body);
	free(d);
	free(t);
}

static void
test_bad_addresses_refused(void **state)
{
	struct yw_buf	 b;
	json_t		*m;

	(void)state;
	yw_buf_init(&b);
	m = msg("not an address", "s", "b");
	assert_int_equal(yw_send_smtp_format("noreply@gov.example.cn", m, T0,
	    &b), YW_EINVAL);
	json_decref(m);
	m = msg("zhang@example.com", "two\r\nBcc: x@example.com", "b");
	assert_int_equal(yw_send_smtp_format("noreply@gov.example.cn", m, T0,
	    &b), YW_EINVAL);
	json_decref(m);
	m = msg("zhang@example.com", "s", "b");
	assert_int_equal(yw_send_smtp_format("noreply", m, T0, &b),
	    YW_EINVAL);
	json_decref(m);
	yw_buf_free(&b);
}

static void
test_create_checks_settings(void **state)
{
	struct yw_smtp_conf	c = { .url = "http://127.0.0.1:25",
		.from = "noreply@gov.example.cn" };
	struct yw_sender	s;

	(void)state;
	assert_int_equal(yw_send_smtp_create(&c, &s), YW_EINVAL);
	c.url = "smtp://127.0.0.1:2525";
	c.from = "nobody";
	assert_int_equal(yw_send_smtp_create(&c, &s), YW_EINVAL);
	c.from = "noreply@gov.example.cn";
	assert_int_equal(yw_send_smtp_create(&c, &s), YW_OK);
	assert_string_equal(s.channel, "email");
	yw_send_smtp_destroy(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_chinese_subject_round_trips),
		cmocka_unit_test(test_body_base64_with_crlf),
		cmocka_unit_test(test_bad_addresses_refused),
		cmocka_unit_test(test_create_checks_settings),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
