/*
 * Tests for src/core/tokenize.c: the exact token streams the index and
 * the query side rely on (texts, positions, byte offsets), folding, what
 * separates, ill-formed input, and that a query expression can never carry
 * the user's operators. A small phrase matcher checks the promise that
 * every CJK substring of a document finds it and nothing else does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/tokenize.h"

#define S(lit)	(lit), (sizeof(lit) - 1)

/* Tokens rendered as "text@pos[start,end)#run" separated by spaces. */
static enum yw_err
render_cb(void *ctx, const struct yw_token *t)
{
	struct yw_buf *b = ctx;

	if (b->len > 0)
		assert_int_equal(yw_buf_appendc(b, ' '), YW_OK);
	assert_int_equal(yw_buf_append(b, t->text, t->len), YW_OK);
	assert_int_equal(yw_buf_appendf(b, "@%u[%zu,%zu)#%u", t->pos, t->start,
	    t->end, t->run), YW_OK);
	return YW_OK;
}

static void
expect(const char *text, size_t len, enum yw_tok_mode mode, const char *want)
{
	struct yw_buf b;

	yw_buf_init(&b);
	assert_int_equal(yw_buf_appends(&b, ""), YW_OK);
	assert_int_equal(yw_tokenize(text, len, mode, render_cb, &b), YW_OK);
	assert_string_equal(b.data, want);
	yw_buf_free(&b);
}

static void
expect_fts(const char *text, const char *want)
{
	struct yw_buf b;

	yw_buf_init(&b);
	assert_int_equal(yw_buf_appends(&b, ""), YW_OK);
	assert_int_equal(yw_tokenize_fts_query(text, strlen(text), &b), YW_OK);
	assert_string_equal(b.data, want);
	yw_buf_free(&b);
}

static void
test_document_cjk_bigrams_and_unigrams(void **state)
{
	(void)state;
	expect(S("办证"), YW_TOK_DOCUMENT,
	    "办@0[0,3)#0 办证@0[0,6)#0 证@1[3,6)#0");
	expect(S("社保卡"), YW_TOK_DOCUMENT,
	    "社@0[0,3)#0 社保@0[0,6)#0 保@1[3,6)#0 保卡@1[3,9)#0 "
	    "卡@2[6,9)#0");
	expect(S("证"), YW_TOK_DOCUMENT, "证@0[0,3)#0");
	/* Supplementary-plane Han (U+20BB7) is one character, four bytes. */
	expect(S("\xF0\xA0\xAE\xB7家"), YW_TOK_DOCUMENT,
	    "\xF0\xA0\xAE\xB7@0[0,4)#0 \xF0\xA0\xAE\xB7家@0[0,7)#0 "
	    "家@1[4,7)#0");
}

static void
test_query_cjk(void **state)
{
	(void)state;
	expect(S("证"), YW_TOK_QUERY, "证@0[0,3)#0");
	expect(S("办证"), YW_TOK_QUERY, "办证@0[0,6)#0");
	expect(S("营业执照"), YW_TOK_QUERY,
	    "营业@0[0,6)#0 业执@1[3,9)#0 执照@2[6,12)#0");
	/* Two runs: a lone character keeps its unigram. */
	expect(S("证 社保"), YW_TOK_QUERY, "证@0[0,3)#0 社保@1[4,10)#1");
}

static void
test_punctuation_separates_runs(void **state)
{
	(void)state;
	/* Fullwidth comma, ideographic full stop and space, brackets. */
	expect(S("证，社"), YW_TOK_DOCUMENT, "证@0[0,3)#0 社@1[6,9)#1");
	expect(S("证。「社」\xE3\x80\x80保"), YW_TOK_QUERY,
	    "证@0[0,3)#0 社@1[9,12)#1 保@2[18,21)#2");
	/* The iteration mark and the prolonged sound mark are letters;
	 * the katakana middle dot is punctuation. */
	expect(S("人々"), YW_TOK_QUERY, "人々@0[0,6)#0");
	expect(S("データ・ベース"), YW_TOK_QUERY,
	    "デー@0[0,6)#0 ータ@1[3,9)#0 ベー@2[12,18)#1 ース@3[15,21)#1");
	expect(S("한국"), YW_TOK_QUERY, "한국@0[0,6)#0");
	/* Emoji and symbols separate too. */
	expect(S("办\xF0\x9F\x98\x80证"), YW_TOK_QUERY,
	    "办@0[0,3)#0 证@1[7,10)#1");
}

static void
test_words_fold_case(void **state)
{
	(void)state;
	expect(S("Hello, WORLD!"), YW_TOK_DOCUMENT,
	    "hello@0[0,5)#0 world@1[7,12)#1");
	/* Fullwidth letters and digits become ASCII. */
	expect(S("ＡＢＣ１２３"), YW_TOK_DOCUMENT, "abc123@0[0,18)#0");
	expect(S("Ｅｍａｉｌ：Ｘ"), YW_TOK_DOCUMENT,
	    "email@0[0,15)#0 x@1[18,21)#1");
	/* Latin-1 and Extended-A, Greek, Cyrillic; no full folding (ß). */
	expect(S("ÀÉÎ Straße ŁÓDŹ ΑΘΗΝΑ ПРИВЕТ"), YW_TOK_DOCUMENT,
	    "àéî@0[0,6)#0 straße@1[7,14)#1 łódź@2[15,22)#2 "
	    "αθηνα@3[23,33)#3 привет@4[34,46)#4");
	/* × and ÷ separate, ª is a letter. */
	expect(S("2×3ª"), YW_TOK_DOCUMENT, "2@0[0,1)#0 3ª@1[3,6)#1");
	expect(S("a_b-c.d'e"), YW_TOK_DOCUMENT,
	    "a@0[0,1)#0 b@1[2,3)#1 c@2[4,5)#2 d@3[6,7)#3 e@4[8,9)#4");
}

static void
test_mixed_scripts(void **state)
{
	(void)state;
	expect(S("社保卡ABC"), YW_TOK_QUERY,
	    "社保@0[0,6)#0 保卡@1[3,9)#0 abc@2[9,12)#1");
	expect(S("3号楼"), YW_TOK_DOCUMENT,
	    "3@0[0,1)#0 号@1[1,4)#1 号楼@1[1,7)#1 楼@2[4,7)#1");
	expect(S("第２期"), YW_TOK_QUERY, "第@0[0,3)#0 2@1[3,6)#1 期@2[6,9)#2");
}

static void
test_ill_formed_input_is_skipped(void **state)
{
	(void)state;
	expect(S("a\xFF" "b"), YW_TOK_DOCUMENT, "a@0[0,1)#0 b@1[2,3)#1");
	/* A truncated 办 (E5 8A 9E) at the end, and in the middle of a run. */
	expect(S("\xE5\x8A"), YW_TOK_DOCUMENT, "");
	expect(S("办\xE8证"), YW_TOK_QUERY, "办@0[0,3)#0 证@1[4,7)#1");
	/* Surrogates and overlongs are not letters. */
	expect(S("x\xED\xA0\x80y\xC0\xAFz"), YW_TOK_DOCUMENT,
	    "x@0[0,1)#0 y@1[4,5)#1 z@2[7,8)#2");
	/* NUL separates like any control. */
	expect("ab\0cd", 5, YW_TOK_DOCUMENT, "ab@0[0,2)#0 cd@1[3,5)#1");
	expect(NULL, 0, YW_TOK_DOCUMENT, "");
	expect(S(" \t,.;"), YW_TOK_QUERY, "");
}

static void
test_long_words_are_cut_alike(void **state)
{
	char		 text[200], want[200];
	struct yw_buf	 b;
	size_t		 i;

	(void)state;
	memset(text, 'A', 100);
	memset(want, 'a', YW_TOK_WORD_MAX);
	(void)snprintf(want + YW_TOK_WORD_MAX, sizeof(want) - YW_TOK_WORD_MAX,
	    "@0[0,100)#0");
	expect(text, 100, YW_TOK_DOCUMENT, want);
	/* Two-byte letters are never split: 32 of 40 É fit. */
	for (i = 0; i < 40; i++)
		memcpy(text + 2 * i, "\xC3\x89", 2);
	for (i = 0; i < 32; i++)
		memcpy(want + 2 * i, "\xC3\xA9", 2);
	(void)snprintf(want + 64, sizeof(want) - 64, "@0[0,80)#0");
	expect(text, 80, YW_TOK_DOCUMENT, want);
	/* The query for the long word is its cut form. */
	yw_buf_init(&b);
	assert_int_equal(yw_tokenize_fts_query(text, 80, &b), YW_OK);
	assert_int_equal(b.len, 66);
	assert_memory_equal(b.data + 1, want, 64);
	yw_buf_free(&b);
}

static void
test_fts_query_groups(void **state)
{
	(void)state;
	expect_fts("办证", "\"办证\"");
	expect_fts("证", "\"证\"");
	expect_fts("营业执照", "\"营业\" + \"业执\" + \"执照\"");
	expect_fts("社保卡 ABC", "\"社保\" + \"保卡\" AND \"abc\"");
	expect_fts("社保卡ABC", "\"社保\" + \"保卡\" AND \"abc\"");
	expect_fts("出生医学证明", "\"出生\" + \"生医\" + \"医学\" + "
	    "\"学证\" + \"证明\"");
	expect_fts("", "");
	expect_fts("!!! ，。", "");
}

/* Whatever the user types, the expression is quoted terms joined by the
 * two fixed operators: FTS5 sees no syntax of theirs. */
static void
test_fts_query_injection_is_text(void **state)
{
	(void)state;
	expect_fts("a\" OR b", "\"a\" AND \"or\" AND \"b\"");
	expect_fts("NEAR(办证 社保, 2)",
	    "\"near\" AND \"办证\" AND \"社保\" AND \"2\"");
	expect_fts("abc* -def title:x ^y", "\"abc\" AND \"def\" AND "
	    "\"title\" AND \"x\" AND \"y\"");
	expect_fts("(\"\"\")", "");
	expect_fts("a AND NOT b", "\"a\" AND \"and\" AND \"not\" AND \"b\"");
	expect_fts("'x' \\y", "\"x\" AND \"y\"");
}

static void
test_query_term_limit(void **state)
{
	struct yw_buf	b;
	char		text[400];
	size_t		i, n = 0, quotes = 0;

	(void)state;
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "w%zu ", i);
	yw_buf_init(&b);
	assert_int_equal(yw_tokenize_fts_query(text, n, &b), YW_OK);
	for (i = 0; i < b.len; i++)
		quotes += b.data[i] == '"';
	assert_int_equal(quotes, 2 * YW_TOK_QUERY_TERMS_MAX);
	assert_non_null(strstr(b.data, "\"w31\""));
	assert_null(strstr(b.data, "\"w32\""));
	yw_buf_free(&b);
}

static void
test_other_syntax_escapes(void **state)
{
	static const struct yw_tok_syntax syn = { 'o', 1, " <-> ", " & " };
	struct yw_buf b;

	(void)state;
	yw_buf_init(&b);
	/* A quote character inside a term is doubled. */
	assert_int_equal(yw_tokenize_expr(S("Foo 社保"), &syn, &b), YW_OK);
	assert_string_equal(b.data, "ofooooo & o社保o");
	yw_buf_free(&b);
}

static enum yw_err
stop_at_second(void *ctx, const struct yw_token *t)
{
	int *n = ctx;

	(void)t;
	return ++*n == 2 ? YW_ECONFLICT : YW_OK;
}

static void
test_callback_error_stops(void **state)
{
	int n = 0;

	(void)state;
	assert_int_equal(yw_tokenize(S("a b c"), YW_TOK_DOCUMENT,
	    stop_at_second, &n), YW_ECONFLICT);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(yw_tokenize(S("办证中心"), YW_TOK_DOCUMENT,
	    stop_at_second, &n), YW_ECONFLICT);
	assert_int_equal(n, 2);
}

/* A toy index: tokens with positions, and phrase matching over them. */
#define MAXTOK	512

struct toks {
	char		text[MAXTOK][16];
	uint32_t	pos[MAXTOK];
	uint32_t	run[MAXTOK];
	size_t		n;
};

static enum yw_err
collect_cb(void *ctx, const struct yw_token *t)
{
	struct toks *k = ctx;

	assert_true(k->n < MAXTOK);
	assert_true(t->len < sizeof(k->text[0]));
	memcpy(k->text[k->n], t->text, t->len);
	k->text[k->n][t->len] = '\0';
	k->pos[k->n] = t->pos;
	k->run[k->n] = t->run;
	k->n++;
	return YW_OK;
}

static int
has_at(const struct toks *d, const char *text, uint32_t pos)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->pos[i] == pos && strcmp(d->text[i], text) == 0)
			return 1;
	return 0;
}

/* 1 if every run of q's tokens occurs in d as a phrase. */
static int
matches(const char *doc, const char *query)
{
	static struct toks	 d, q;
	size_t			 i, j, first;
	uint32_t		 p;
	int			 found;

	memset(&d, 0, sizeof(d));
	memset(&q, 0, sizeof(q));
	assert_int_equal(yw_tokenize(doc, strlen(doc), YW_TOK_DOCUMENT,
	    collect_cb, &d), YW_OK);
	assert_int_equal(yw_tokenize(query, strlen(query), YW_TOK_QUERY,
	    collect_cb, &q), YW_OK);
	if (q.n == 0)
		return 0;
	for (first = 0; first < q.n; first = j) {
		for (j = first; j < q.n && q.run[j] == q.run[first]; j++)
			;
		found = 0;
		for (p = 0; p < 400 && !found; p++) {
			found = 1;
			for (i = first; i < j && found; i++)
				found = has_at(&d, q.text[i],
				    p + (uint32_t)(i - first));
		}
		if (!found)
			return 0;
	}
	return 1;
}

static void
test_every_cjk_substring_matches(void **state)
{
	static const char *const docs[] = {
		"个体工商户营业执照办理（新办）",
		"出生医学证明首次签发，社保卡申领",
		"居民身份证换领、补领：办证须知",
	};
	char		 q[32];
	const char	*d, *a, *b;
	size_t		 i, k, n;

	(void)state;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		d = docs[i];
		/* Every substring of 1..4 characters (3 bytes each here)
		 * that holds no punctuation. */
		for (a = d; *a != '\0'; a += 3) {
			for (k = 1; k <= 4; k++) {
				b = a;
				for (n = 0; n < k && *b != '\0'; n++)
					b += 3;
				if (n < k)
					break;
				memcpy(q, a, (size_t)(b - a));
				q[b - a] = '\0';
				if (strstr(q, "（") || strstr(q, "）") ||
				    strstr(q, "，") || strstr(q, "、") ||
				    strstr(q, "："))
					continue;
				if (!matches(d, q))
					fail_msg("%s not found in %s", q, d);
			}
		}
	}
	assert_false(matches(docs[2], "证办"));
	assert_false(matches(docs[0], "执营"));
	assert_false(matches(docs[0], "照办理新"));	/* across （ */
	assert_false(matches(docs[1], "签发社保"));	/* across ， */
	assert_true(matches(docs[1], "签发 社保"));
	assert_false(matches(docs[1], "社保证"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_cjk_bigrams_and_unigrams),
		cmocka_unit_test(test_query_cjk),
		cmocka_unit_test(test_punctuation_separates_runs),
		cmocka_unit_test(test_words_fold_case),
		cmocka_unit_test(test_mixed_scripts),
		cmocka_unit_test(test_ill_formed_input_is_skipped),
		cmocka_unit_test(test_long_words_are_cut_alike),
		cmocka_unit_test(test_fts_query_groups),
		cmocka_unit_test(test_fts_query_injection_is_text),
		cmocka_unit_test(test_query_term_limit),
		cmocka_unit_test(test_other_syntax_escapes),
		cmocka_unit_test(test_callback_error_stops),
		cmocka_unit_test(test_every_cjk_substring_matches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
