/*
 * fts.h - core/tokenize.h inside the databases. SQLite: the FTS5
 * tokenizer "yw", registered on every connection sqlite.c opens, so
 * "CREATE VIRTUAL TABLE t USING fts5(..., tokenize='yw')" works. PostgreSQL
 * cannot run our C: its side gets the same tokens as text literals, bound
 * as parameters and read with CAST(? AS tsvector) / CAST(? AS tsquery),
 * which take lexemes as given (no parser, no dictionary, no stemming).
 */
#ifndef YW_STORE_FTS_H
#define YW_STORE_FTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct sqlite3;

/*
 * Registers the "yw" FTS5 tokenizer on h (borrowed). FTS5 documents and
 * its auxiliary functions get YW_TOK_DOCUMENT tokens, with a unigram and
 * the bigram it starts at one position (FTS5_TOKEN_COLOCATED); MATCH
 * strings get YW_TOK_QUERY tokens. It takes no arguments. YW_EDB (reason
 * on stderr) when this SQLite has no FTS5.
 */
enum yw_err	yw_fts_sqlite_register(struct sqlite3 *h);

/* tsvector positions run from 1 to this; PostgreSQL clamps larger ones. */
#define YW_FTS_PG_POS_MAX	16383

/*
 * Appends to out the tsvector literal entries of text's DOCUMENT tokens
 * ("'社':1A '社保':1A '保':2A"), separated by spaces (one before the first
 * when out is not empty). The first token's position is *pos (1-based);
 * on return *pos is one past the last position used, so a caller can
 * append a second text after a gap. weight is 'A'..'D' ('D', the default,
 * is left out). text is borrowed. YW_EINVAL for a bad weight or *pos 0;
 * YW_ENOMEM.
 */
enum yw_err	yw_fts_tsvector(const char *text, size_t len, char weight,
		    uint32_t *pos, struct yw_buf *out);

/*
 * Appends to out the tsquery for the user's text: as yw_tokenize_expr,
 * with terms 'quoted', a CJK run's bigrams joined by <-> and groups by &
 * ("'社保' <-> '保卡' & 'abc'"). Appends nothing when the text holds no
 * token. YW_ENOMEM.
 */
enum yw_err	yw_fts_tsquery(const char *text, size_t len,
		    struct yw_buf *out);

#endif
