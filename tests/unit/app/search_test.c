/*
 * Tests for src/app/search/search.c on an in-memory SQLite database (FTS5
 * with the "yw" tokenizer) or, when YW_TEST_PG_URL is set, on PostgreSQL
 * (tsvector + GIN): Chinese substrings, words, injection attempts,
 * snippets, facets, filters, replacement, deletion, the candidate cap.
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

#include "app/search/search.h"
#include "store/db.h"
#include "store/migrate.h"
#include "testdb.h"

#define S1_TITLE	"个体工商户营业执照办理"
#define S1_BODY		"申请人持身份证到政务服务中心窗口办证，也可以在网上" \
			"申请营业执照。办理时限：3个工作日。"
#define S2_TITLE	"出生医学证明首次签发"
#define S2_BODY		"新生儿出生后，父母凭身份证和住院记录申请出生" \
			"医学证明；同时可办理社保卡。"
#define C1_TITLE	"社保卡ABC申领指南"
#define C1_BODY		"Social Security Card 申领说明：携带户口簿到社保" \
			"经办机构，或登录 ＡＰＰ 办理。热线 12345。"

static void
put(const char *kind, const char *ref, const char *title, const char *body,
    const char *facets)
{
	json_t *f = NULL;

	if (facets != NULL) {
		f = json_loads(facets, 0, NULL);
		assert_non_null(f);
	}
	assert_int_equal(yw_search_put(db, kind, ref, "350100000000", "zh",
	    title, body, f), YW_OK);
	json_decref(f);
}

static void
put_samples(void)
{
	put("service", "s1", S1_TITLE, S1_BODY,
	    "{\"dept\":\"市场监管局\",\"topic\":\"开办企业\"}");
	put("service", "s2", S2_TITLE, S2_BODY,
	    "{\"dept\":\"卫健委\",\"topic\":\"生育\"}");
	put("content", "c1", C1_TITLE, C1_BODY, "{\"dept\":\"人社局\"}");
}

/* Runs q, which must succeed; caller frees. */
static json_t *
run_q(const struct yw_search_q *q)
{
	json_t *out = NULL;

	assert_int_equal(yw_search_query(db, q, &out), YW_OK);
	assert_non_null(out);
	return out;
}

static json_t *
search(const char *text)
{
	struct yw_search_q q;

	memset(&q, 0, sizeof(q));
	q.text = text;
	return run_q(&q);
}

/* The hit for ref in res, or NULL. */
static json_t *
hit_of(json_t *res, const char *ref)
{
	json_t	*h;
	size_t	 i;

	json_array_foreach(json_object_get(res, "hits"), i, h) {
		if (strcmp(json_string_value(json_object_get(h, "ref_id")),
		    ref) == 0)
			return h;
	}
	return NULL;
}

static int
finds(const char *text, const char *ref)
{
	json_t	*res = search(text);
	int	 yes = hit_of(res, ref) != NULL;

	json_decref(res);
	return yes;
}

static int64_t
total(const char *text)
{
	json_t	*res = search(text);
	int64_t	 n = json_integer_value(json_object_get(res, "total"));

	assert_int_equal(json_array_size(json_object_get(res, "hits")),
	    n < YW_SEARCH_LIMIT_DEFAULT ? n : YW_SEARCH_LIMIT_DEFAULT);
	json_decref(res);
	return n;
}

static int
is_punct3(const char *p)
{
	static const char *const punct[] = { "，", "。", "：", "；" };
	size_t i;

	for (i = 0; i < sizeof(punct) / sizeof(punct[0]); i++)
		if (memcmp(p, punct[i], 3) == 0)
			return 1;
	return 0;
}

/* Every substring of 1..4 Chinese characters of text finds ref. */
static void
every_substring_finds(const char *text, const char *ref)
{
	const char	*a, *b;
	char		 q[16];
	size_t		 k, n;

	for (a = text; *a != '\0'; a++) {
		if (((unsigned char)*a & 0xF0) != 0xE0 || is_punct3(a))
			continue;
		for (k = 1; k <= 4; k++) {
			b = a;
			for (n = 0; n < k; n++) {
				if (((unsigned char)*b & 0xF0) != 0xE0 ||
				    is_punct3(b))
					break;
				b += 3;
			}
			if (n < k)
				break;
			memcpy(q, a, (size_t)(b - a));
			q[b - a] = '\0';
			if (!finds(q, ref))
				fail_msg("%s does not find %s", q, ref);
		}
	}
}

static void
test_every_chinese_substring_finds_its_document(void **state)
{
	(void)state;
	put_samples();
	every_substring_finds(S1_TITLE, "s1");
	every_substring_finds(S1_BODY, "s1");
	every_substring_finds(S2_TITLE, "s2");
	every_substring_finds(S2_BODY, "s2");
	every_substring_finds(C1_TITLE, "c1");
	assert_true(finds("办证", "s1"));
	assert_true(finds("社保", "c1"));
	assert_true(finds("社保", "s2"));
	assert_true(finds("营业执照", "s1"));
	assert_true(finds("出生医学证明", "s2"));
	/* Each one only where it occurs. */
	assert_false(finds("营业执照", "s2"));
	assert_int_equal(total("出生医学证明"), 1);
	assert_int_equal(total("营业执照"), 1);
}

static void
test_non_substrings_do_not_match(void **state)
{
	(void)state;
	put_samples();
	assert_int_equal(total("证办"), 0);
	assert_int_equal(total("照执"), 0);
	/* Across punctuation is not a substring. */
	assert_int_equal(total("办证也"), 0);
	assert_int_equal(total("医学出生"), 0);
	/* Both words, anywhere: AND between groups. */
	assert_int_equal(total("办证 网上"), 1);
	assert_int_equal(total("办证 新生儿"), 0);
}

static void
test_words_digits_and_mixed(void **state)
{
	(void)state;
	put_samples();
	assert_true(finds("social", "c1"));
	assert_true(finds("SECURITY card", "c1"));
	assert_true(finds("ＳＯＣＩＡＬ", "c1"));
	assert_true(finds("app", "c1"));
	assert_true(finds("12345", "c1"));
	assert_true(finds("３个工作日", "s1"));
	assert_false(finds("soc", "c1"));	/* words, not prefixes */
	assert_false(finds("1234", "c1"));
	assert_true(finds("社保卡 ABC", "c1"));
	assert_true(finds("社保卡ABC", "c1"));
	assert_true(finds("abc 申领", "c1"));
	assert_int_equal(total("社保卡 XYZ"), 0);
}

static void
test_injection_is_text(void **state)
{
	static const char *const evil[] = {
		"\"", "\"\"", "'", "NEAR(办证 社保)", "办证*", "-社保",
		"title:办证", "(办证", "办证)", "办证 OR 社保", "^办证",
		"'; DROP TABLE search_doc; --", "办证 AND", "NOT", "*", ":",
		"\\", "{title body}: 办证", "办证 + 社保", "a'b", "x\\'y",
		"办证 & 社保 | 出生", "!办证", "办证:*", "<->", "'办证':*A",
	};
	size_t i;

	(void)state;
	put_samples();
	put("qa", "q1", "NEAR 办证 问答", "title body OR not a", NULL);
	for (i = 0; i < sizeof(evil) / sizeof(evil[0]); i++)
		json_decref(search(evil[i]));
	/* Operators are words to look for, punctuation separates. */
	assert_true(finds("NEAR(办证", "q1"));
	assert_false(finds("NEAR(办证", "s1"));
	assert_true(finds("办证*", "s1"));
	assert_true(finds("-办证", "s1"));
	assert_true(finds("(\"办证\")", "s1"));
	assert_true(finds("'办证':*A", "q1"));
	assert_false(finds("'办证':*A", "s1"));
	assert_true(finds("title:办证", "q1"));
	assert_false(finds("title:办证", "s1"));
	assert_true(finds("办证 OR", "q1"));
	assert_false(finds("办证 OR 社保", "s1"));
	/* The table is still there. */
	assert_int_equal(total("社保"), 2);
}

static void
test_snippet_marks_and_escapes(void **state)
{
	json_t		*res, *h;
	char		 body[2048];
	const char	*s;
	size_t		 n = 0, i;

	(void)state;
	put("content", "c9", "<社保> & \"Card\"",
	    "第一段<b>办证</b> & 社保ABC；“办证”须知", NULL);
	res = search("办证");
	h = hit_of(res, "c9");
	assert_non_null(h);
	assert_string_equal(json_string_value(json_object_get(h, "snippet")),
	    "第一段&lt;b&gt;<mark>办证</mark>&lt;/b&gt; &amp; 社保ABC；“"
	    "<mark>办证</mark>”须知");
	assert_string_equal(json_string_value(json_object_get(h, "title")),
	    "<社保> & \"Card\"");
	assert_string_equal(json_string_value(json_object_get(h,
	    "title_html")), "&lt;社保&gt; &amp; &quot;Card&quot;");
	json_decref(res);

	/* A phrase is marked whole, a word by its original bytes. */
	res = search("社保abc card");
	h = hit_of(res, "c9");
	assert_non_null(h);
	assert_string_equal(json_string_value(json_object_get(h, "snippet")),
	    "第一段&lt;b&gt;办证&lt;/b&gt; &amp; <mark>社保ABC</mark>；“办证”"
	    "须知");
	assert_string_equal(json_string_value(json_object_get(h,
	    "title_html")), "&lt;<mark>社保</mark>&gt; &amp; &quot;"
	    "<mark>Card</mark>&quot;");
	json_decref(res);

	/* Far into a long body: a window around the match, cut with …
	 * on character boundaries. */
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(body + n, sizeof(body) - n, "政务");
	n += (size_t)snprintf(body + n, sizeof(body) - n, "营业执照");
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(body + n, sizeof(body) - n, "服务");
	put("content", "c10", "长文", body, NULL);
	res = search("营业执照");
	h = hit_of(res, "c10");
	assert_non_null(h);
	s = json_string_value(json_object_get(h, "snippet"));
	assert_memory_equal(s, "…政务政务", strlen("…政务政务"));
	assert_non_null(strstr(s, "政务<mark>营业执照</mark>服务"));
	assert_int_equal(strcmp(s + strlen(s) - strlen("服务…"), "服务…"), 0);
	/* 80 characters shown, plus two ellipses and the marks. */
	assert_int_equal(strlen(s), 80 * 3 + 2 * 3 + strlen("<mark></mark>"));
	json_decref(res);
}

static void
test_facets_and_filters(void **state)
{
	struct yw_search_q		 q;
	struct yw_search_facet		 f[2];
	static const char *const	 kinds[] = { "content", "qa" };
	json_t				*res, *fc;

	(void)state;
	put_samples();
	res = search("社保");
	fc = json_object_get(res, "facets");
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 2);
	assert_false(json_is_true(json_object_get(res, "capped")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc,
	    "kind"), "service")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc,
	    "kind"), "content")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc,
	    "dept"), "人社局")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc,
	    "dept"), "卫健委")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc,
	    "topic"), "生育")), 1);
	assert_null(json_object_get(json_object_get(fc, "dept"), "市场监管局"));
	json_decref(res);

	memset(&q, 0, sizeof(q));
	q.text = "身份证";
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 2);
	json_decref(res);
	/* A facet filter is exact: a value that merely contains it, or the
	 * same value under another name, does not pass. */
	f[0].name = "dept";
	f[0].value = "卫健委";
	q.facets = f;
	q.nfacets = 1;
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
	assert_non_null(hit_of(res, "s2"));
	json_decref(res);
	f[0].value = "卫健";
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 0);
	json_decref(res);
	f[0].name = "topic";
	f[0].value = "卫健委";
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 0);
	json_decref(res);
	f[0].name = "dept";
	f[0].value = "卫健委";
	f[1].name = "topic";
	f[1].value = "生育";
	q.nfacets = 2;
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
	json_decref(res);

	/* Kinds. */
	memset(&q, 0, sizeof(q));
	q.text = "社保";
	q.kinds = kinds;
	q.nkinds = 2;
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
	assert_non_null(hit_of(res, "c1"));
	json_decref(res);
	q.nkinds = 1;
	q.kinds = &kinds[1];
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 0);
	json_decref(res);

	/* Region and language. */
	memset(&q, 0, sizeof(q));
	q.text = "社保";
	q.region = "350100000000";
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 2);
	json_decref(res);
	q.region = "350200000000";
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 0);
	json_decref(res);
	q.region = NULL;
	q.lang = "en";
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 0);
	json_decref(res);
}

static void
test_put_replaces_and_delete_removes(void **state)
{
	json_t *res;

	(void)state;
	put_samples();
	assert_true(finds("营业执照", "s1"));
	put("service", "s1", "食品经营许可证", "餐饮服务许可", NULL);
	assert_false(finds("营业执照", "s1"));
	assert_true(finds("食品经营", "s1"));
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM search_doc "
	    "WHERE ref_id = 's1'", json_array()), 1);
	/* The facets went with the old version. */
	res = search("许可");
	assert_null(json_object_get(json_object_get(res, "facets"), "dept"));
	json_decref(res);

	/* Another language is another document. */
	assert_int_equal(yw_search_put(db, "service", "s1", NULL, "en",
	    "Food business licence", NULL, NULL), YW_OK);
	assert_true(finds("licence", "s1"));
	assert_true(finds("许可证", "s1"));
	assert_int_equal(yw_search_delete(db, "service", "s1", "en"), YW_OK);
	assert_false(finds("licence", "s1"));
	assert_true(finds("许可证", "s1"));

	assert_int_equal(yw_search_delete(db, "service", "s1", NULL), YW_OK);
	assert_false(finds("许可证", "s1"));
	assert_int_equal(yw_search_delete(db, "service", "s1", NULL),
	    YW_ENOTFOUND);
	assert_true(finds("社保", "c1"));
	if (yw_db_kind(db) != YW_DB_SQLITE)
		return;
	/* The triggers kept the external-content index true to its table,
	 * and it can be rebuilt from it (a tokenizer change needs that). */
	json_decref(q("INSERT INTO search_fts (search_fts) "
	    "VALUES ('integrity-check')", json_array()));
	json_decref(q("INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
	    json_array()));
	assert_true(finds("社保", "c1"));
	assert_false(finds("许可证", "s1"));
}

static void
test_title_ranks_above_body(void **state)
{
	json_t *res, *hits;

	(void)state;
	put("content", "body", "住房政策解读",
	    "本文介绍住房公积金的缴存比例和提取条件。", NULL);
	put("service", "title", "住房公积金提取", "办理所需材料清单。", NULL);
	res = search("公积金");
	hits = json_object_get(res, "hits");
	assert_int_equal(json_array_size(hits), 2);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(hits, 0), "ref_id")), "title");
	assert_true(json_real_value(json_object_get(json_array_get(hits, 0),
	    "rank")) > json_real_value(json_object_get(json_array_get(hits,
	    1), "rank")));
	json_decref(res);
}

static void
test_paging_and_candidate_cap(void **state)
{
	struct yw_search_q	 q;
	json_t			*res;
	char			 ref[16];
	int			 i;

	(void)state;
	assert_int_equal(yw_db_begin(db), YW_OK);
	for (i = 0; i < YW_SEARCH_CANDIDATES + 5; i++) {
		(void)snprintf(ref, sizeof(ref), "d%d", i);
		assert_int_equal(yw_search_put(db, "dataset", ref, NULL, NULL,
		    "统计数据", "年度公报", NULL), YW_OK);
	}
	assert_int_equal(yw_db_commit(db), YW_OK);
	memset(&q, 0, sizeof(q));
	q.text = "公报";
	q.limit = 3;
	q.offset = 2;
	res = run_q(&q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")),
	    YW_SEARCH_CANDIDATES);
	assert_true(json_is_true(json_object_get(res, "capped")));
	assert_int_equal(json_array_size(json_object_get(res, "hits")), 3);
	/* Equal ranks: newest first, so the last put is first. */
	(void)snprintf(ref, sizeof(ref), "d%d", YW_SEARCH_CANDIDATES + 5 - 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(res, "hits"), 0), "ref_id")), ref);
	json_decref(res);
	q.limit = 1000;
	q.offset = 990;
	res = run_q(&q);
	assert_int_equal(json_array_size(json_object_get(res, "hits")), 10);
	assert_int_equal(json_integer_value(json_object_get(res, "limit")),
	    YW_SEARCH_LIMIT_MAX);
	json_decref(res);
	/* A re-put document is the newest again. */
	assert_int_equal(yw_search_put(db, "dataset", "d0", NULL, NULL,
	    "统计数据", "年度公报", NULL), YW_OK);
	q.limit = 1;
	q.offset = 0;
	res = run_q(&q);
	assert_non_null(hit_of(res, "d0"));
	json_decref(res);
}

static void
test_long_body_is_cut(void **state)
{
	char	*body;
	size_t	 i, n = YW_SEARCH_BODY_MAX + 4096;

	(void)state;
	body = malloc(n + 1);
	assert_non_null(body);
	for (i = 0; i + 3 <= n; i += 3)
		memcpy(body + i, "政", 3);
	body[i] = '\0';
	memcpy(body + 300, "早前", 6);
	memcpy(body + YW_SEARCH_BODY_MAX + 300, "末尾", 6);
	assert_int_equal(yw_search_put(db, "content", "long", NULL, NULL,
	    "长文", body, NULL), YW_OK);
	free(body);
	assert_true(finds("早前", "long"));
	assert_false(finds("末尾", "long"));
	assert_int_equal(q_int("SELECT length(body) AS n FROM search_doc",
	    json_array()), YW_SEARCH_BODY_MAX / 3);
}

static void
test_bad_input_is_refused(void **state)
{
	struct yw_search_q	 q;
	struct yw_search_facet	 f = { "dept", "" };
	static const char *const bad_kinds[] = { "Service" };
	char			 long_text[YW_SEARCH_TEXT_MAX + 2];
	json_t			*fa, *out = NULL;

	(void)state;
	assert_int_equal(yw_search_put(db, "Service", "x", NULL, NULL, "t",
	    NULL, NULL), YW_EINVAL);
	assert_int_equal(yw_search_put(db, "", "x", NULL, NULL, "t", NULL,
	    NULL), YW_EINVAL);
	assert_int_equal(yw_search_put(db, "service", "", NULL, NULL, "t",
	    NULL, NULL), YW_EINVAL);
	assert_int_equal(yw_search_put(db, "service", "x", NULL, NULL, "",
	    NULL, NULL), YW_EINVAL);
	assert_int_equal(yw_search_put(db, "service", "x", NULL, NULL,
	    "a\nb", NULL, NULL), YW_EINVAL);
	assert_int_equal(yw_search_put(db, "service", "x", NULL, NULL, "t",
	    "\xFF", NULL), YW_EINVAL);
	assert_int_equal(yw_search_put(db, "service", "x", NULL, "z h", "t",
	    NULL, NULL), YW_EINVAL);
	fa = json_pack("{s:i}", "dept", 3);
	assert_int_equal(yw_search_put(db, "service", "x", NULL, NULL, "t",
	    NULL, fa), YW_EINVAL);
	json_decref(fa);
	fa = json_pack("{s:s}", "kind", "x");
	assert_int_equal(yw_search_put(db, "service", "x", NULL, NULL, "t",
	    NULL, fa), YW_EINVAL);
	json_decref(fa);
	fa = json_pack("[s]", "x");
	assert_int_equal(yw_search_put(db, "service", "x", NULL, NULL, "t",
	    NULL, fa), YW_EINVAL);
	json_decref(fa);
	assert_int_equal(q_int("SELECT COUNT(*) AS n FROM search_doc",
	    json_array()), 0);
	assert_int_equal(yw_search_delete(db, "service", "", NULL), YW_EINVAL);

	memset(&q, 0, sizeof(q));
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	q.text = long_text;
	assert_int_equal(yw_search_query(db, &q, &out), YW_EINVAL);
	assert_null(out);
	q.text = "x";
	q.kinds = bad_kinds;
	q.nkinds = 1;
	assert_int_equal(yw_search_query(db, &q, &out), YW_EINVAL);
	q.nkinds = 0;
	q.facets = &f;
	q.nfacets = 1;
	assert_int_equal(yw_search_query(db, &q, &out), YW_EINVAL);
	q.nfacets = YW_SEARCH_FILTERS_MAX + 1;
	assert_int_equal(yw_search_query(db, &q, &out), YW_EINVAL);
	q.nfacets = 0;
	q.limit = -1;
	assert_int_equal(yw_search_query(db, &q, &out), YW_EINVAL);
}

static void
test_empty_query_finds_nothing(void **state)
{
	json_t *res;

	(void)state;
	put_samples();
	assert_int_equal(total(""), 0);
	assert_int_equal(total("，。！ ?"), 0);
	assert_int_equal(total(NULL), 0);
	/* Ill-formed bytes are skipped, the rest still searched. */
	assert_int_equal(total("办\xFF证"), 2);
	res = search("");
	assert_non_null(json_object_get(json_object_get(res, "facets"),
	    "kind"));
	json_decref(res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, testdb_setup, \
    testdb_teardown)
		T(test_every_chinese_substring_finds_its_document),
		T(test_non_substrings_do_not_match),
		T(test_words_digits_and_mixed),
		T(test_injection_is_text),
		T(test_snippet_marks_and_escapes),
		T(test_facets_and_filters),
		T(test_put_replaces_and_delete_removes),
		T(test_title_ranks_above_body),
		T(test_paging_and_candidate_cap),
		T(test_long_body_is_cut),
		T(test_bad_input_is_refused),
		T(test_empty_query_finds_nothing),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
