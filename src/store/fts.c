/*
 * fts.c - the search tokenizer inside SQLite (an FTS5 tokenizer) and next
 * to PostgreSQL (tsvector and tsquery literals).
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/tokenize.h"
#include "store/fts.h"

#define FTS_NAME	"yw"

static const struct yw_tok_syntax tsquery_syntax = {
	.quote = '\'',
	.escape_backslash = 1,
	.join_phrase = " <-> ",
	.join_group = " & ",
};

/* FTS5 keeps one instance per table; the tokenizer has no settings, but
 * a NULL instance would make FTS5 fall back to its default tokenizer. */
struct fts_tok {
	int	unused;
};

struct fts_call {
	void		*ctx;
	int		(*token)(void *, int, const char *, int, int, int);
	int		 rc;
	int		 any;
	uint32_t	 pos;
};

static int
fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct fts_tok *t;

	(void)ctx;
	(void)argv;
	*out = NULL;
	if (argc != 0)
		return SQLITE_ERROR;
	t = sqlite3_malloc(sizeof(*t));
	if (t == NULL)
		return SQLITE_NOMEM;
	t->unused = 0;
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
fts_delete(Fts5Tokenizer *t)
{
	sqlite3_free(t);
}

static enum yw_err
fts_token(void *ctx, const struct yw_token *t)
{
	struct fts_call	*c = ctx;
	int		 flags;

	flags = c->any && t->pos == c->pos ? FTS5_TOKEN_COLOCATED : 0;
	c->any = 1;
	c->pos = t->pos;
	/* Offsets fit in int: FTS5 hands us at most INT_MAX bytes. */
	c->rc = c->token(c->ctx, flags, t->text, (int)t->len, (int)t->start,
	    (int)t->end);
	/* Any code stops the walk; FTS5 wants its own back (SQLITE_DONE
	 * included, which some auxiliary functions use to stop early). */
	return c->rc == SQLITE_OK ? YW_OK : YW_EINTERNAL;
}

static int
fts_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text,
    int len, int (*token)(void *, int, const char *, int, int, int))
{
	struct fts_call	c;
	enum yw_err	rc;

	(void)tok;
	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	c.token = token;
	c.rc = SQLITE_OK;
	if (len < 0 || (text == NULL && len > 0))
		return SQLITE_ERROR;
	/* Documents and the auxiliary functions (highlight, snippet) see
	 * the document's tokens; MATCH strings, prefix or not, the query's. */
	rc = yw_tokenize(text, (size_t)len, (flags & FTS5_TOKENIZE_QUERY) ?
	    YW_TOK_QUERY : YW_TOK_DOCUMENT, fts_token, &c);
	if (rc == YW_OK)
		return SQLITE_OK;
	return c.rc != SQLITE_OK ? c.rc : SQLITE_ERROR;
}

static fts5_api *
fts5_api_of(sqlite3 *h)
{
	sqlite3_stmt	*st = NULL;
	fts5_api	*api = NULL;

	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	if (sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL) ==
	    SQLITE_OK)
		(void)sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

enum yw_err
yw_fts_sqlite_register(struct sqlite3 *h)
{
	fts5_tokenizer	 t;
	fts5_api	*api;

	api = fts5_api_of(h);
	if (api == NULL || api->iVersion < 2) {
		fprintf(stderr, "sqlite: FTS5 is missing: %s\n",
		    sqlite3_errmsg(h));
		return YW_EDB;
	}
	t.xCreate = fts_create;
	t.xDelete = fts_delete;
	t.xTokenize = fts_tokenize;
	if (api->xCreateTokenizer(api, FTS_NAME, NULL, &t, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "sqlite: FTS5 tokenizer %s: %s\n", FTS_NAME,
		    sqlite3_errmsg(h));
		return YW_EDB;
	}
	return YW_OK;
}

struct tsv {
	struct yw_buf	*out;
	uint32_t	 base;
	uint32_t	 next;
	char		 weight;
};

/* Appends s between single quotes, doubling ' and \ as tsvector and
 * tsquery input wants. */
static enum yw_err
quote_lexeme(struct yw_buf *out, const char *s, size_t n)
{
	size_t		i, from;
	enum yw_err	rc;

	rc = yw_buf_appendc(out, '\'');
	for (from = 0, i = 0; rc == YW_OK && i < n; i++) {
		if (s[i] != '\'' && s[i] != '\\')
			continue;
		rc = yw_buf_append(out, s + from, i + 1 - from);
		if (rc == YW_OK)
			rc = yw_buf_appendc(out, s[i]);
		from = i + 1;
	}
	if (rc == YW_OK)
		rc = yw_buf_append(out, s + from, n - from);
	if (rc == YW_OK)
		rc = yw_buf_appendc(out, '\'');
	return rc;
}

static enum yw_err
tsv_token(void *ctx, const struct yw_token *t)
{
	struct tsv	*v = ctx;
	uint32_t	 p;
	enum yw_err	 rc = YW_OK;

	p = v->base + t->pos;
	if (p < v->base || p > YW_FTS_PG_POS_MAX)
		p = YW_FTS_PG_POS_MAX;
	if (p + 1 > v->next)
		v->next = p + 1;
	if (v->out->len > 0)
		rc = yw_buf_appendc(v->out, ' ');
	if (rc == YW_OK)
		rc = quote_lexeme(v->out, t->text, t->len);
	if (rc == YW_OK)
		rc = yw_buf_appendf(v->out, ":%u", (unsigned)p);
	if (rc == YW_OK && v->weight != 'D')
		rc = yw_buf_appendc(v->out, v->weight);
	return rc;
}

enum yw_err
yw_fts_tsvector(const char *text, size_t len, char weight, uint32_t *pos,
    struct yw_buf *out)
{
	struct tsv	v;
	enum yw_err	rc;

	if (weight < 'A' || weight > 'D' || *pos < 1)
		return YW_EINVAL;
	v.out = out;
	v.base = *pos;
	v.next = *pos;
	v.weight = weight;
	rc = yw_tokenize(text, len, YW_TOK_DOCUMENT, tsv_token, &v);
	if (rc == YW_OK)
		*pos = v.next;
	return rc;
}

enum yw_err
yw_fts_tsquery(const char *text, size_t len, struct yw_buf *out)
{
	return yw_tokenize_expr(text, len, &tsquery_syntax, out);
}
