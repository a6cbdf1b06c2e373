/*
 * tokenize.h - the search tokenizer, shared by SQLite FTS5, PostgreSQL
 * tsvector/tsquery and snippet highlighting so that all three agree.
 * CJK runs (Han, kana, Hangul; CJK punctuation excluded) become overlapping
 * bigrams plus unigrams, so that any Chinese substring of a document is
 * found by a phrase of its bigrams; other scripts become words (letter and
 * digit runs) folded to lower case (ASCII, Latin-1, Latin Extended-A, basic
 * Greek and Cyrillic; fullwidth ASCII to halfwidth: ＡＢＣ１２３ -> abc123).
 * Everything else separates tokens; ill-formed UTF-8 is skipped as a
 * separator. Other scripts written without spaces (Thai, Khmer, ...) come
 * out as one word per run: they would need ICU's dictionaries. Needs only
 * libc; nothing allocates except the yw_buf outputs.
 */
#ifndef YW_TOKENIZE_H
#define YW_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

/*
 * DOCUMENT: what an index stores. Each CJK character gives its unigram
 * and, except the last of its run, the bigram it starts, both at the
 * character's position. QUERY: what a search looks for. A one-character
 * CJK run gives its unigram, a longer run only its bigrams, one position
 * each, so that the run read as a phrase matches exactly the documents
 * holding that character sequence. Words are the same in both modes.
 */
enum yw_tok_mode {
	YW_TOK_DOCUMENT,
	YW_TOK_QUERY
};

/* Bytes of a folded word kept in its token; the rest of a longer word is
 * still covered by the token's offsets but not compared. Applied alike to
 * documents and queries, so a long word still finds itself. */
#define YW_TOK_WORD_MAX	64

/* Terms a query expression keeps; the rest are dropped, which can only
 * widen the search (a long CJK run keeps its first bigrams). */
#define YW_TOK_QUERY_TERMS_MAX	32

struct yw_token {
	const char	*text;	/* normalised bytes, not NUL-terminated;
				 * borrowed for the callback only */
	size_t		 len;
	size_t		 start;	/* input bytes [start, end) it came from */
	size_t		 end;
	uint32_t	 pos;	/* 0-based; a unigram and the bigram it
				 * starts share one */
	uint32_t	 run;	/* 0-based number of the word or CJK run */
	int		 cjk;	/* 1 for CJK unigrams and bigrams */
};

/* Called once per token, in position order; anything but YW_OK stops the
 * walk and is returned by yw_tokenize. */
typedef enum yw_err (*yw_tok_cb)(void *ctx, const struct yw_token *t);

/*
 * Walks text[0..len) (borrowed, any bytes, NUL needs not end it; NULL
 * only with len 0) and calls cb for each token. Within one position the
 * unigram comes before the bigram. Returns YW_OK or cb's first non-OK
 * code.
 */
enum yw_err	yw_tokenize(const char *text, size_t len, enum yw_tok_mode mode,
		    yw_tok_cb cb, void *ctx);

/*
 * How yw_tokenize_expr writes a query: each term between quote
 * characters (a quote inside doubled, and a backslash doubled when
 * escape_backslash), the terms of one CJK run joined by join_phrase,
 * groups (runs and words) joined by join_group.
 */
struct yw_tok_syntax {
	char		 quote;
	int		 escape_backslash;
	const char	*join_phrase;
	const char	*join_group;
};

/* FTS5's: "社保" + "保卡" AND "abc". */
extern const struct yw_tok_syntax yw_tok_fts5;

/*
 * Appends to out the query expression for the user's text (borrowed;
 * NULL only with len 0) in syntax syn: the QUERY tokens, each quoted, so
 * nothing the user types is read as operators. At most
 * YW_TOK_QUERY_TERMS_MAX terms are written. Appends nothing when the
 * text holds no token; compare out->len before and after. YW_ENOMEM
 * leaves out holding part of the expression.
 */
enum yw_err	yw_tokenize_expr(const char *text, size_t len,
		    const struct yw_tok_syntax *syn, struct yw_buf *out);

/* yw_tokenize_expr with yw_tok_fts5: a string for FTS5's MATCH. */
enum yw_err	yw_tokenize_fts_query(const char *text, size_t len,
		    struct yw_buf *out);

#endif
