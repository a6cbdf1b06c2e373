/*
 * pgsql.c - the PostgreSQL backend of db.h over synchronous libpq.
 * Statements are prepared once per connection under a generated name and
 * run with PQexecPrepared; results come back as text, blobs go out binary.
 * A connection that broke is re-opened on the next call made outside a
 * transaction (the statement names are then prepared again).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/backend.h"

/* Type OIDs from pg_type; fixed by the PostgreSQL catalog. */
#define BOOLOID		16
#define BYTEAOID	17
#define INT8OID		20
#define INT2OID		21
#define INT4OID		23

struct pg_db {
	struct yw_db	 base;
	PGconn		*conn;
	unsigned	 next_id;	/* for statement names */
	unsigned	 gen;		/* bumped by every reconnect */
	int		 tx;		/* inside BEGIN as far as we know */
};

struct pg_stmt {
	struct yw_stmt	  base;
	char		  name[24];
	char		 *psql;		/* with $n placeholders */
	unsigned	  gen;		/* db->gen when prepared */
	int		  nparams;
	char		**vals;
	int		 *lens;
	int		 *fmts;
	PGresult	 *res;
	int		  nrows;
	int		  row;
	int		  ncols;
	unsigned char	**unesc;	/* PQunescapeBytea per column */
	size_t		 *unesclen;
	int64_t		  changes;
};

static struct pg_db *
pg_db(struct yw_db *db)
{
	return (struct pg_db *)db;
}

static struct pg_stmt *
pg_stmt(struct yw_stmt *st)
{
	return (struct pg_stmt *)st;
}

static int
ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$' ||
	    (unsigned char)c >= 0x80;
}

/* Returns the character after the quoted text that starts at p. */
static const char *
skip_quoted(const char *p, char q, int backslash)
{
	for (p++; *p != '\0'; p++) {
		if (backslash && *p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p == q) {
			if (p[1] != q)
				return p + 1;
			p++;
		}
	}
	return p;
}

static const char *
skip_block_comment(const char *p)
{
	int depth = 1;

	/* PostgreSQL nests block comments. */
	for (p += 2; *p != '\0' && depth > 0;) {
		if (p[0] == '/' && p[1] == '*') {
			depth++;
			p += 2;
		} else if (p[0] == '*' && p[1] == '/') {
			depth--;
			p += 2;
		} else
			p++;
	}
	return p;
}

/* p is at '$' starting a dollar-quote $tag$...$tag$; NULL if it is not. */
static const char *
skip_dollar_quoted(const char *start, const char *p)
{
	const char	*q, *end;
	size_t		 taglen;

	if (p > start && ident_char(p[-1]))
		return NULL;
	q = p + 1;
	if (*q != '$' && !isalpha((unsigned char)*q) && *q != '_' &&
	    (unsigned char)*q < 0x80)
		return NULL;
	while (*q != '$' && *q != '\0' && ident_char(*q))
		q++;
	if (*q != '$')
		return NULL;
	taglen = (size_t)(q - p) + 1;
	end = memmem(q + 1, strlen(q + 1), p, taglen);
	return end != NULL ? end + taglen : q + strlen(q);
}

/*
 * Rewrites the '?' placeholders of sql as $1..$n into out, leaving alone
 * any '?' in a string literal, quoted identifier, comment or dollar quote.
 */
static enum yw_err
pg_translate(const char *sql, struct yw_buf *out, int *nparams)
{
	const char	*p, *copied, *next;
	int		 n = 0, esc;
	enum yw_err	 rc = YW_OK;

	copied = sql;
	for (p = sql; *p != '\0' && rc == YW_OK;) {
		switch (*p) {
		case '\'':
			esc = p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
			    (p - 1 == sql || !ident_char(p[-2]));
			p = skip_quoted(p, '\'', esc);
			break;
		case '"':
			p = skip_quoted(p, '"', 0);
			break;
		case '-':
			if (p[1] == '-')
				p += strcspn(p, "\n");
			else
				p++;
			break;
		case '/':
			if (p[1] == '*')
				p = skip_block_comment(p);
			else
				p++;
			break;
		case '$':
			next = skip_dollar_quoted(sql, p);
			p = next != NULL ? next : p + 1;
			break;
		case '?':
			rc = yw_buf_append(out, copied, (size_t)(p - copied));
			if (rc == YW_OK)
				rc = yw_buf_appendf(out, "$%d", ++n);
			copied = ++p;
			break;
		default:
			p++;
			break;
		}
	}
	if (rc == YW_OK)
		rc = yw_buf_appends(out, copied);
	*nparams = n;
	return rc;
}

/* Error text and code from a failed result (or the connection). */
static enum yw_err
pg_fail(struct yw_db *db, const PGresult *res)
{
	const char	*msg = NULL, *state = NULL;
	size_t		 n;

	if (res != NULL) {
		/* The primary message only: DETAIL repeats the values of a
		 * violated key, which may be personal data bound for logs. */
		msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	}
	if (msg == NULL)
		msg = PQerrorMessage(pg_db(db)->conn);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	yw_db_seterr(db, "%.*s", (int)n, msg);
	if (state != NULL && (strcmp(state, "23505") == 0 ||
	    strcmp(state, "23503") == 0))
		return YW_ECONFLICT;
	return YW_EDB;
}

/* Remembers whether the session is inside a transaction. */
static void
pg_note_tx(struct pg_db *db)
{
	switch (PQtransactionStatus(db->conn)) {
	case PQTRANS_IDLE:
		db->tx = 0;
		break;
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
	case PQTRANS_ACTIVE:
		db->tx = 1;
		break;
	case PQTRANS_UNKNOWN:
	default:
		break;	/* connection lost: keep what we knew */
	}
}

/*
 * Makes sure the connection is up. A lost connection is re-opened only
 * outside a transaction: inside one, the statements that follow would
 * silently run without the ones before.
 */
static enum yw_err
pg_ensure(struct pg_db *db)
{
	if (PQstatus(db->conn) == CONNECTION_OK)
		return YW_OK;
	if (db->tx) {
		yw_db_seterr(&db->base, "connection lost inside a transaction");
		return YW_EDB;
	}
	PQreset(db->conn);
	if (PQstatus(db->conn) != CONNECTION_OK)
		return pg_fail(&db->base, NULL);
	db->gen++;
	return YW_OK;
}

static void
pg_notice(void *arg, const PGresult *res)
{
	const char *sev;

	(void)arg;
	/* NOTICEs ("relation exists, skipping") are noise in a server log;
	 * WARNINGs are worth a line. */
	sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	if (sev != NULL && strcmp(sev, "WARNING") == 0)
		fprintf(stderr, "pgsql: %s", PQresultErrorMessage(res));
}

static int
is_local_host(const char *h)
{
	if (h == NULL || *h == '\0' || *h == '/' || *h == '@')
		return 1;
	return strcmp(h, "localhost") == 0 || strcmp(h, "127.0.0.1") == 0 ||
	    strcmp(h, "::1") == 0;
}

/* host may be a comma-separated list; local only if every entry is. */
static int
all_local(const char *hosts)
{
	char	 one[256];
	size_t	 n;

	if (hosts == NULL)
		return 1;
	for (;;) {
		n = strcspn(hosts, ",");
		if (n >= sizeof(one))
			return 0;
		memcpy(one, hosts, n);
		one[n] = '\0';
		if (!is_local_host(one))
			return 0;
		if (hosts[n] == '\0')
			return 1;
		hosts += n + 1;
	}
}

static enum yw_err
pg_open(const char *url, struct yw_db **out)
{
	PQconninfoOption	*opts = NULL, *o;
	const char		**keys = NULL, **vals = NULL;
	const char		*host = NULL, *hostaddr = NULL;
	struct pg_db		*db = NULL;
	char			*perr = NULL;
	int			 n, k, has_gss = 0, has_ssl = 0, has_enc = 0;
	enum yw_err		 rc = YW_EDB;

	opts = PQconninfoParse(url, &perr);
	if (opts == NULL) {
		fprintf(stderr, "pgsql: bad connection URL: %s",
		    perr != NULL ? perr : "out of memory\n");
		rc = perr != NULL ? YW_EINVAL : YW_ENOMEM;
		goto out;
	}
	for (n = 0, o = opts; o->keyword != NULL; o++)
		n++;
	keys = calloc((size_t)n + 4, sizeof(*keys));
	vals = calloc((size_t)n + 4, sizeof(*vals));
	db = calloc(1, sizeof(*db));
	if (keys == NULL || vals == NULL || db == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	yw_buf_init(&db->base.err);
	for (k = 0, o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL)
			continue;
		if (strcmp(o->keyword, "gssencmode") == 0)
			has_gss = 1;
		else if (strcmp(o->keyword, "sslmode") == 0)
			has_ssl = 1;
		else if (strcmp(o->keyword, "client_encoding") == 0)
			has_enc = 1;
		else if (strcmp(o->keyword, "host") == 0)
			host = o->val;
		else if (strcmp(o->keyword, "hostaddr") == 0)
			hostaddr = o->val;
		keys[k] = o->keyword;
		vals[k++] = o->val;
	}
	if (host == NULL)
		host = getenv("PGHOST");
	if (hostaddr == NULL)
		hostaddr = getenv("PGHOSTADDR");
	/* Kore's seccomp sandbox kills a worker whose libpq probes GSSAPI. */
	if (!has_gss && getenv("PGGSSENCMODE") == NULL) {
		keys[k] = "gssencmode";
		vals[k++] = "disable";
	}
	if (!has_ssl && getenv("PGSSLMODE") == NULL &&
	    (hostaddr != NULL ? all_local(hostaddr) : all_local(host))) {
		keys[k] = "sslmode";
		vals[k++] = "disable";
	}
	/* Everything in Yiwang is UTF-8, whatever the environment says. */
	if (!has_enc) {
		keys[k] = "client_encoding";
		vals[k++] = "UTF8";
	}
	keys[k] = NULL;
	vals[k] = NULL;

	db->conn = PQconnectdbParams(keys, vals, 0);
	if (db->conn == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	if (PQstatus(db->conn) != CONNECTION_OK) {
		fprintf(stderr, "pgsql: connect: %s", PQerrorMessage(db->conn));
		goto out;
	}
	PQsetNoticeReceiver(db->conn, pg_notice, NULL);
	*out = &db->base;
	db = NULL;
	rc = YW_OK;
out:
	if (db != NULL) {
		PQfinish(db->conn);
		free(db);
	}
	free(keys);
	free(vals);
	PQconninfoFree(opts);
	PQfreemem(perr);
	return rc;
}

static void
pg_close(struct yw_db *db)
{
	PQfinish(pg_db(db)->conn);
	free(db);
}

static enum yw_err
pg_command(struct pg_db *db, const char *sql, PGresult **keep)
{
	PGresult	*res;
	enum yw_err	 rc = YW_OK;

	rc = pg_ensure(db);
	if (rc != YW_OK)
		return rc;
	res = PQexec(db->conn, sql);
	pg_note_tx(db);
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		break;
	default:
		rc = pg_fail(&db->base, res);
		break;
	}
	if (keep != NULL && rc == YW_OK)
		*keep = res;
	else
		PQclear(res);
	return rc;
}

static enum yw_err
pg_exec(struct yw_db *db, const char *sql)
{
	return pg_command(pg_db(db), sql, NULL);
}

static enum yw_err
pg_begin(struct yw_db *db)
{
	struct pg_db *pdb = pg_db(db);

	/* PostgreSQL would only warn; SQLite refuses, and so do we. */
	if (pdb->tx) {
		yw_db_seterr(db, "begin inside a transaction");
		return YW_EINTERNAL;
	}
	return pg_command(pdb, "BEGIN", NULL);
}

static enum yw_err
pg_commit(struct yw_db *db)
{
	struct pg_db	*pdb = pg_db(db);
	PGresult	*res = NULL;
	enum yw_err	 rc;

	if (!pdb->tx) {
		yw_db_seterr(db, "commit outside a transaction");
		return YW_EINTERNAL;
	}
	rc = pg_command(pdb, "COMMIT", &res);
	/* Whatever happened, the transaction is over on the server. */
	pdb->tx = 0;
	if (rc != YW_OK)
		return rc;
	/* COMMIT of a transaction an earlier error aborted "succeeds" with
	 * the tag ROLLBACK; the caller must not think the data is saved. */
	if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		yw_db_seterr(db, "transaction was aborted by an earlier error "
		    "and rolled back");
		rc = YW_EDB;
	}
	PQclear(res);
	return rc;
}

static enum yw_err
pg_rollback(struct yw_db *db)
{
	struct pg_db *pdb = pg_db(db);

	/* A lost connection has rolled back already; ROLLBACK outside a
	 * transaction would only log a WARNING. */
	if (PQstatus(pdb->conn) != CONNECTION_OK ||
	    PQtransactionStatus(pdb->conn) == PQTRANS_IDLE) {
		pdb->tx = 0;
		return YW_OK;
	}
	return pg_command(pdb, "ROLLBACK", NULL);
}

static enum yw_err
pg_do_prepare(struct pg_db *db, struct pg_stmt *ps)
{
	PGresult	*res;
	enum yw_err	 rc = YW_OK;

	res = PQprepare(db->conn, ps->name, ps->psql, ps->nparams, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_fail(&db->base, res);
	else
		ps->gen = db->gen;
	PQclear(res);
	return rc;
}

static enum yw_err
pg_reprepare(struct pg_db *db, struct pg_stmt *ps)
{
	char sql[48];

	(void)snprintf(sql, sizeof(sql), "DEALLOCATE %s", ps->name);
	PQclear(PQexec(db->conn, sql));
	return pg_do_prepare(db, ps);
}

static void
pg_free_stmt(struct pg_stmt *ps)
{
	free(ps->psql);
	free(ps->vals);
	free(ps->lens);
	free(ps->fmts);
	free(ps);
}

static enum yw_err
pg_prepare(struct yw_db *db, const char *sql, struct yw_stmt **out)
{
	struct pg_db	*pdb = pg_db(db);
	struct pg_stmt	*ps;
	struct yw_buf	 b;
	size_t		 n;
	enum yw_err	 rc;

	yw_buf_init(&b);
	ps = calloc(1, sizeof(*ps));
	if (ps == NULL)
		return YW_ENOMEM;
	rc = pg_translate(sql, &b, &ps->nparams);
	if (rc != YW_OK)
		goto out;
	ps->psql = yw_buf_steal(&b);
	n = ps->nparams > 0 ? (size_t)ps->nparams : 1;
	ps->vals = calloc(n, sizeof(*ps->vals));
	ps->lens = calloc(n, sizeof(*ps->lens));
	ps->fmts = calloc(n, sizeof(*ps->fmts));
	if (ps->psql == NULL || ps->vals == NULL || ps->lens == NULL ||
	    ps->fmts == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	(void)snprintf(ps->name, sizeof(ps->name), "yw_%u", ++pdb->next_id);
	rc = pg_ensure(pdb);
	if (rc == YW_OK)
		rc = pg_do_prepare(pdb, ps);
out:
	yw_buf_free(&b);
	if (rc != YW_OK) {
		pg_free_stmt(ps);
		return rc;
	}
	*out = &ps->base;
	return YW_OK;
}

static void
pg_free_unesc(struct pg_stmt *ps)
{
	int i;

	for (i = 0; ps->unesc != NULL && i < ps->ncols; i++) {
		PQfreemem(ps->unesc[i]);
		ps->unesc[i] = NULL;
	}
}

static void
pg_reset(struct yw_stmt *st)
{
	struct pg_stmt	*ps = pg_stmt(st);
	int		 i;

	pg_free_unesc(ps);
	free(ps->unesc);
	free(ps->unesclen);
	ps->unesc = NULL;
	ps->unesclen = NULL;
	ps->ncols = 0;
	PQclear(ps->res);
	ps->res = NULL;
	for (i = 0; i < ps->nparams; i++) {
		free(ps->vals[i]);
		ps->vals[i] = NULL;
		ps->lens[i] = 0;
		ps->fmts[i] = 0;
	}
	ps->changes = 0;
}

static void
pg_finalize(struct yw_stmt *st)
{
	struct pg_stmt	*ps = pg_stmt(st);
	struct pg_db	*pdb = pg_db(st->db);
	char		 sql[48];

	pg_reset(st);
	/* Evicted from a live connection: free the server side too. When
	 * the connection closes the server forgets them all anyway. */
	if (!st->db->closing && ps->gen == pdb->gen &&
	    PQstatus(pdb->conn) == CONNECTION_OK) {
		(void)snprintf(sql, sizeof(sql), "DEALLOCATE %s", ps->name);
		PQclear(PQexec(pdb->conn, sql));
	}
	pg_free_stmt(ps);
}

static enum yw_err
pg_bind(struct yw_stmt *st, int idx, const struct yw_db_val *v)
{
	struct pg_stmt	*ps = pg_stmt(st);
	char		*copy = NULL;
	size_t		 n = 0;
	int		 fmt = 0;

	if (idx > ps->nparams) {
		yw_db_seterr(st->db, "parameter index %d out of range", idx);
		return YW_EINVAL;
	}
	switch (v->type) {
	case YW_DB_VINT:
		copy = malloc(24);
		if (copy == NULL)
			return YW_ENOMEM;
		(void)snprintf(copy, 24, "%lld", (long long)v->i);
		n = strlen(copy);
		break;
	case YW_DB_VTEXT:
	case YW_DB_VBLOB:
		if (v->len > 0x3fffffff) {
			yw_db_seterr(st->db, "parameter %d too big", idx);
			return YW_ETOOBIG;
		}
		n = v->len;
		copy = malloc(n + 1);
		if (copy == NULL)
			return YW_ENOMEM;
		memcpy(copy, v->p, n);
		copy[n] = '\0';
		/* Blobs go binary: no escaping, zero bytes survive. */
		fmt = v->type == YW_DB_VBLOB;
		break;
	case YW_DB_VNULL:
	default:
		break;
	}
	free(ps->vals[idx - 1]);
	ps->vals[idx - 1] = copy;
	ps->lens[idx - 1] = (int)n;
	ps->fmts[idx - 1] = fmt;
	return YW_OK;
}

static int
is_plan_changed(const PGresult *res)
{
	const char *state, *msg;

	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	return state != NULL && msg != NULL && strcmp(state, "0A000") == 0 &&
	    strstr(msg, "cached plan must not change result type") != NULL;
}

static int64_t
pg_parse_changes(PGresult *res)
{
	const char *tag = PQcmdStatus(res);

	if (strncmp(tag, "INSERT", 6) != 0 && strncmp(tag, "UPDATE", 6) != 0 &&
	    strncmp(tag, "DELETE", 6) != 0 && strncmp(tag, "MERGE", 5) != 0)
		return 0;
	return strtoll(PQcmdTuples(res), NULL, 10);
}

static enum yw_err
pg_execute(struct pg_db *db, struct pg_stmt *ps)
{
	PGresult	*res;
	enum yw_err	 rc;
	int		 retried = 0;

	rc = pg_ensure(db);
	if (rc != YW_OK)
		return rc;
again:
	if (ps->gen != db->gen) {
		rc = pg_do_prepare(db, ps);
		if (rc != YW_OK)
			return rc;
	}
	res = PQexecPrepared(db->conn, ps->name, ps->nparams,
	    (const char *const *)ps->vals, ps->lens, ps->fmts, 0);
	pg_note_tx(db);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		break;
	default:
		/* A `SELECT *` whose table gained a column (another node
		 * migrated) fails at plan time, before running: prepare it
		 * again once. Inside a transaction the error has already
		 * aborted it, so there is nothing to save. */
		if (!retried && !db->tx && is_plan_changed(res)) {
			PQclear(res);
			retried = 1;
			rc = pg_reprepare(db, ps);
			if (rc != YW_OK)
				return rc;
			goto again;
		}
		rc = pg_fail(&db->base, res);
		PQclear(res);
		return rc;
	}
	ps->res = res;
	ps->nrows = PQntuples(res);
	ps->row = -1;
	ps->ncols = PQnfields(res);
	ps->changes = pg_parse_changes(res);
	if (ps->ncols > 0) {
		ps->unesc = calloc((size_t)ps->ncols, sizeof(*ps->unesc));
		ps->unesclen = calloc((size_t)ps->ncols,
		    sizeof(*ps->unesclen));
		if (ps->unesc == NULL || ps->unesclen == NULL)
			return YW_ENOMEM;
	}
	return YW_OK;
}

static enum yw_err
pg_step(struct yw_stmt *st, int *row)
{
	struct pg_stmt	*ps = pg_stmt(st);
	enum yw_err	 rc;

	*row = 0;
	if (ps->res == NULL) {
		rc = pg_execute(pg_db(st->db), ps);
		if (rc != YW_OK)
			return rc;
	}
	pg_free_unesc(ps);
	if (ps->row < ps->nrows)
		ps->row++;
	*row = ps->row < ps->nrows;
	return YW_OK;
}

static int
pg_col_count(struct yw_stmt *st)
{
	return pg_stmt(st)->ncols;
}

static const char *
pg_col_name(struct yw_stmt *st, int i)
{
	return PQfname(pg_stmt(st)->res, i);
}

static enum yw_db_vtype
pg_col_type(struct yw_stmt *st, int i)
{
	struct pg_stmt *ps = pg_stmt(st);

	if (PQgetisnull(ps->res, ps->row, i))
		return YW_DB_VNULL;
	switch (PQftype(ps->res, i)) {
	case INT2OID:
	case INT4OID:
	case INT8OID:
	case BOOLOID:
		return YW_DB_VINT;
	case BYTEAOID:
		return YW_DB_VBLOB;
	default:
		return YW_DB_VTEXT;
	}
}

static const char *
pg_col_text(struct yw_stmt *st, int i)
{
	struct pg_stmt	*ps = pg_stmt(st);
	const char	*v;

	if (PQgetisnull(ps->res, ps->row, i))
		return NULL;
	v = PQgetvalue(ps->res, ps->row, i);
	/* Booleans read like SQLite's 0/1 comparison results. */
	if (PQftype(ps->res, i) == BOOLOID)
		return v[0] == 't' ? "1" : "0";
	return v;
}

static size_t
pg_col_len(struct yw_stmt *st, int i)
{
	struct pg_stmt *ps = pg_stmt(st);

	if (PQftype(ps->res, i) == BOOLOID)
		return PQgetisnull(ps->res, ps->row, i) ? 0 : 1;
	return (size_t)PQgetlength(ps->res, ps->row, i);
}

static int64_t
pg_col_int64(struct yw_stmt *st, int i)
{
	const char *v;

	v = pg_col_text(st, i);
	if (v == NULL)
		return 0;
	return strtoll(v, NULL, 10);
}

static const void *
pg_col_blob(struct yw_stmt *st, int i, size_t *len)
{
	struct pg_stmt	*ps = pg_stmt(st);
	const char	*v;

	if (PQgetisnull(ps->res, ps->row, i))
		return NULL;
	v = PQgetvalue(ps->res, ps->row, i);
	if (PQftype(ps->res, i) != BYTEAOID) {
		*len = (size_t)PQgetlength(ps->res, ps->row, i);
		return v;
	}
	if (ps->unesc[i] == NULL) {
		ps->unesc[i] = PQunescapeBytea((const unsigned char *)v,
		    &ps->unesclen[i]);
		if (ps->unesc[i] == NULL)
			return NULL;
	}
	*len = ps->unesclen[i];
	return ps->unesc[i];
}

static int64_t
pg_changes(struct yw_stmt *st)
{
	return pg_stmt(st)->changes;
}

const struct yw_db_ops yw_pgsql_ops = {
	.kind = YW_DB_PGSQL,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind = pg_bind,
	.step = pg_step,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.col_type = pg_col_type,
	.col_text = pg_col_text,
	.col_len = pg_col_len,
	.col_int64 = pg_col_int64,
	.col_blob = pg_col_blob,
	.changes = pg_changes,
	.reset = pg_reset,
};
