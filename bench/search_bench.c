/*
 * search_bench.c - indexing and query timing of src/app/search on SQLite
 * with synthetic Chinese documents. Prints figures; asserts nothing.
 *
 *   make all && cc -O2 -std=c11 -D_GNU_SOURCE -Isrc -o build/search_bench \
 *       bench/search_bench.c build/libyiwang.a -ljansson -lsodium \
 *       -lsqlite3 -lpq -lm && build/search_bench [docs] [db-file]
 *
 * db-file (default /tmp/yw-search-bench.db) is removed first. A
 * postgresql:// URL instead must name an empty database (migrated here).
 *
 * Documents are titles and bodies drawn from a vocabulary of service words
 * (so common bigrams occur in a large share of documents, as in real
 * catalogues) mixed with random characters (rare bigrams). Queries are
 * two-character words, timed through yw_search_query: candidates, ranking
 * and ten snippets.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "app/search/search.h"
#include "core/buf.h"
#include "store/db.h"
#include "store/migrate.h"

static const char *const words[] = {
	"办理", "申请", "材料", "证明", "服务", "政务", "窗口", "社保",
	"医保", "公积金", "户籍", "身份证", "营业执照", "出生医学证明",
	"不动产", "登记", "许可", "备案", "变更", "注销", "补领", "换领",
	"企业", "个人", "法人", "居民", "老年人", "残疾人", "退役军人",
	"教育", "入学", "就业", "失业", "养老", "退休", "婚姻", "生育",
	"交通", "驾驶证", "车辆", "税务", "发票", "纳税", "缴费", "补贴",
	"住房", "租赁", "建设", "工程", "消防", "环境", "卫生", "食品",
	"药品", "经营", "市场", "监管", "投诉", "咨询", "预约", "查询",
	"线上", "线下", "一网通办", "跑一次", "时限", "工作日", "收费",
	"免费", "流程", "条件", "对象", "依据", "部门", "地址", "电话",
};

/* A few hundred common characters for the random part. */
static const char chars[] =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对"
    "成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之"
    "进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业"
    "本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与"
    "关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解"
    "问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常"
    "文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别"
    "她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光"
    "门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认"
    "六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目";

static uint64_t rng = 88172645463325252ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void
add_text(struct yw_buf *b, size_t pieces)
{
	size_t i, nchars = (sizeof(chars) - 1) / 3, k;

	for (i = 0; i < pieces; i++) {
		switch (next() % 4) {
		case 0:
		case 1:
			(void)yw_buf_appends(b,
			    words[next() % (sizeof(words) / sizeof(words[0]))]);
			break;
		case 2:
			k = next() % nchars;
			(void)yw_buf_append(b, chars + 3 * k, 3);
			k = next() % nchars;
			(void)yw_buf_append(b, chars + 3 * k, 3);
			break;
		default:
			(void)yw_buf_appends(b, next() % 3 ? "，" : "。");
			break;
		}
	}
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
time_raw(struct yw_db *db, const char *sql, const char *match)
{
	struct yw_stmt	*st;
	double		 t0;
	int		 row;

	t0 = now_ms();
	if (yw_db_prepare(db, sql, &st) != YW_OK ||
	    yw_stmt_bind_text(st, 1, match, -1) != YW_OK)
		return -1;
	do {
		if (yw_stmt_step(st, &row) != YW_OK)
			row = 0;
	} while (row);
	yw_stmt_done(st);
	return now_ms() - t0;
}

int
main(int argc, char **argv)
{
	static const char *const queries[] = {
		"办理", "申请", "服务", "社保", "证明", "材料", "营业", "执照",
		"出生", "医学", "户籍", "登记", "公积", "积金", "残疾", "退役",
		"发票", "消防", "食品", "药品", "投诉", "预约", "网通", "工作",
		"的一", "国我", "党程", "革位", "自二", "电力", "证办", "理申",
	};
	struct yw_search_q	 q;
	struct yw_buf		 title, body;
	struct yw_db		*db;
	json_t			*res;
	const char		*path;
	char			 ref[32], match[64];
	double			 lat[sizeof(queries) / sizeof(queries[0]) * 5];
	double			 t0, t1;
	size_t			 ndocs, i, j, n = 0, bytes = 0;
	int			 capped;

	ndocs = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	path = argc > 2 ? argv[2] : "/tmp/yw-search-bench.db";
	if (strncmp(path, "postgres", 8) != 0) {
		(void)unlink(path);
		(void)snprintf(ref, sizeof(ref), "%s-wal", path);
		(void)unlink(ref);
	}
	if (yw_db_open(path, &db) != YW_OK || yw_migrate(db, "sql", NULL) !=
	    YW_OK)
		return 1;
	yw_buf_init(&title);
	yw_buf_init(&body);

	t0 = now_ms();
	for (i = 0; i < ndocs; i++) {
		if (i % 1000 == 0 && yw_db_begin(db) != YW_OK)
			return 1;
		yw_buf_reset(&title);
		yw_buf_reset(&body);
		add_text(&title, 3 + next() % 4);
		add_text(&body, 40 + next() % 80);
		bytes += title.len + body.len;
		(void)snprintf(ref, sizeof(ref), "r%zu", i);
		if (yw_search_put(db, i % 3 ? "content" : "service", ref, NULL,
		    NULL, title.data, body.data, NULL) != YW_OK) {
			fprintf(stderr, "put: %s\n", yw_db_errmsg(db));
			return 1;
		}
		if ((i % 1000 == 999 || i + 1 == ndocs) &&
		    yw_db_commit(db) != YW_OK)
			return 1;
	}
	t1 = now_ms();
	printf("indexed %zu documents (%.1f MB of text) in %.1f s: "
	    "%.0f docs/s\n", ndocs, bytes / 1e6, (t1 - t0) / 1e3,
	    ndocs / ((t1 - t0) / 1e3));

	printf("%-8s %8s %7s %9s\n", "query", "total", "capped", "ms");
	memset(&q, 0, sizeof(q));
	for (j = 0; j < 5; j++) {
		for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
			q.text = queries[i];
			t0 = now_ms();
			if (yw_search_query(db, &q, &res) != YW_OK)
				return 1;
			lat[n++] = now_ms() - t0;
			capped = json_is_true(json_object_get(res, "capped"));
			if (j == 4)
				printf("%-8s %8lld %7s %9.2f\n", queries[i],
				    (long long)json_integer_value(
				    json_object_get(res, "total")),
				    capped ? "yes" : "no", lat[n - 1]);
			json_decref(res);
		}
	}
	qsort(lat, n, sizeof(lat[0]), cmp_double);
	printf("yw_search_query, %zu runs: p50 %.2f ms, p95 %.2f ms, "
	    "max %.2f ms\n", n, lat[n / 2], lat[(n * 95) / 100], lat[n - 1]);

	/* What the bound saves: every match of the most common bigram. */
	if (yw_db_kind(db) != YW_DB_SQLITE)
		goto out;
	(void)snprintf(match, sizeof(match), "\"%s\"", "办理");
	printf("\"办理\": COUNT(*) of all matches %.1f ms; ORDER BY rank "
	    "LIMIT 10 over all matches %.1f ms; newest %d then bm25 %.1f ms\n",
	    time_raw(db, "SELECT COUNT(*) FROM search_fts WHERE search_fts "
	    "MATCH ?", match),
	    time_raw(db, "SELECT rowid FROM search_fts WHERE search_fts "
	    "MATCH ? ORDER BY rank LIMIT 10", match),
	    YW_SEARCH_CANDIDATES,
	    time_raw(db, "SELECT rowid, bm25(search_fts) FROM search_fts "
	    "WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 1000", match));
out:
	yw_buf_free(&title);
	yw_buf_free(&body);
	yw_db_close(db);
	return 0;
}
