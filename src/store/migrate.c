/*
 * migrate.c - applies sql/NNNN_name.sql files in name order, each in its own
 * transaction together with its row in schema_migrations, so a file is
 * either fully applied and recorded or not at all.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "store/migrate.h"

#define DIGITS	4

/* Serialises migrating nodes on PostgreSQL; the value is arbitrary but
 * fixed ("ywmg"). SQLite's BEGIN IMMEDIATE does the same job there. */
#define PG_LOCK_SQL	"SELECT pg_advisory_xact_lock(2037937511)"

struct token {
	const char	*name;
	const char	*sqlite;
	const char	*pgsql;
};

static const struct token tokens[] = {
	{ "@ID@", "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY" },
	{ "@BLOB@", "BLOB", "BYTEA" },
};

struct names {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static void
names_free(struct names *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

static enum yw_err
names_add(struct names *ns, const char *s)
{
	char	**nv;
	size_t	  ncap;

	if (ns->n == ns->cap) {
		ncap = ns->cap ? ns->cap * 2 : 16;
		nv = realloc(ns->v, ncap * sizeof(*nv));
		if (nv == NULL)
			return YW_ENOMEM;
		ns->v = nv;
		ns->cap = ncap;
	}
	ns->v[ns->n] = strdup(s);
	if (ns->v[ns->n] == NULL)
		return YW_ENOMEM;
	ns->n++;
	return YW_OK;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* NNNN_x.sql: DIGITS digits, '_', at least one character. */
static int
good_name(const char *s)
{
	int i;

	for (i = 0; i < DIGITS; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return s[DIGITS] == '_' && strlen(s) > DIGITS + 1 + 4;
}

/* The sorted migration file names of dir. */
static enum yw_err
list_dir(const char *dir, struct names *ns)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 i;
	enum yw_err	 rc = YW_OK;

	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "migrations: %s: %s\n", dir, strerror(errno));
		return YW_EIO;
	}
	for (;;) {
		e = readdir(d);
		if (e == NULL)
			break;
		/* Editors leave .#x.sql and friends around. */
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".sql"))
			continue;
		if (!good_name(e->d_name)) {
			fprintf(stderr, "migration %s: name must be "
			    "NNNN_name.sql\n", e->d_name);
			rc = YW_EINVAL;
			break;
		}
		rc = names_add(ns, e->d_name);
		if (rc != YW_OK)
			break;
	}
	closedir(d);
	if (rc != YW_OK)
		return rc;
	qsort(ns->v, ns->n, sizeof(*ns->v), cmp_names);
	/* Two branches that both took the next number must not both land:
	 * the order between them would be an accident. */
	for (i = 1; i < ns->n; i++) {
		if (strncmp(ns->v[i - 1], ns->v[i], DIGITS) == 0) {
			fprintf(stderr, "migrations %s and %s share a number\n",
			    ns->v[i - 1], ns->v[i]);
			return YW_EINVAL;
		}
	}
	return YW_OK;
}

static enum yw_err
read_file(const char *path, struct yw_buf *b)
{
	FILE		*f;
	char		 chunk[8192];
	size_t		 n;
	enum yw_err	 rc = YW_OK;

	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "migration %s: %s\n", path, strerror(errno));
		return YW_EIO;
	}
	for (;;) {
		n = fread(chunk, 1, sizeof(chunk), f);
		if (n == 0)
			break;
		rc = yw_buf_append(b, chunk, n);
		if (rc != YW_OK)
			break;
	}
	if (rc == YW_OK && ferror(f)) {
		fprintf(stderr, "migration %s: read error\n", path);
		rc = YW_EIO;
	}
	fclose(f);
	if (rc == YW_OK && b->data == NULL)
		rc = yw_buf_appends(b, "");
	return rc;
}

enum section {
	SECTION_ALL,
	SECTION_SQLITE,
	SECTION_PGSQL
};

static const struct {
	const char	*line;
	enum section	 section;
} markers[] = {
	{ "-- @all", SECTION_ALL },
	{ "-- @sqlite", SECTION_SQLITE },
	{ "-- @pgsql", SECTION_PGSQL },
};

/* 1 and *sec set if line[0..n) is a section marker of migrate.h. */
static int
is_marker(const char *line, size_t n, enum section *sec)
{
	size_t i;

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
	    line[n - 1] == '\r'))
		n--;
	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		if (strlen(markers[i].line) == n &&
		    memcmp(markers[i].line, line, n) == 0) {
			*sec = markers[i].section;
			return 1;
		}
	}
	return 0;
}

/* Keeps the lines of src meant for db's backend; the others, and the
 * markers, become empty lines so that line numbers stay as written. */
static enum yw_err
select_dialect(struct yw_db *db, const char *src, struct yw_buf *out)
{
	enum section	 sec = SECTION_ALL, mine;
	const char	*line, *nl;
	size_t		 n;
	enum yw_err	 rc = YW_OK;

	mine = yw_db_kind(db) == YW_DB_PGSQL ? SECTION_PGSQL : SECTION_SQLITE;
	for (line = src; *line != '\0' && rc == YW_OK; line += n) {
		nl = strchr(line, '\n');
		n = nl != NULL ? (size_t)(nl - line) + 1 : strlen(line);
		if (is_marker(line, nl != NULL ? n - 1 : n, &sec) ||
		    (sec != SECTION_ALL && sec != mine))
			rc = nl != NULL ? yw_buf_appendc(out, '\n') : YW_OK;
		else
			rc = yw_buf_append(out, line, n);
	}
	if (rc == YW_OK)
		rc = yw_buf_appends(out, "");
	return rc;
}

/* Replaces the dialect tokens of migrate.h in src for db's backend. */
static enum yw_err
rewrite(struct yw_db *db, const char *src, struct yw_buf *out)
{
	const struct token	*t;
	const char		*p, *copied;
	size_t			 i, n;
	enum yw_err		 rc = YW_OK;

	copied = src;
	for (p = strchr(src, '@'); p != NULL && rc == YW_OK;
	    p = strchr(p, '@')) {
		t = NULL;
		for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
			n = strlen(tokens[i].name);
			if (strncmp(p, tokens[i].name, n) == 0) {
				t = &tokens[i];
				break;
			}
		}
		if (t == NULL) {
			p++;
			continue;
		}
		rc = yw_buf_append(out, copied, (size_t)(p - copied));
		if (rc == YW_OK)
			rc = yw_buf_appends(out, yw_db_kind(db) == YW_DB_PGSQL ?
			    t->pgsql : t->sqlite);
		p += strlen(t->name);
		copied = p;
	}
	if (rc == YW_OK)
		rc = yw_buf_appends(out, copied);
	return rc;
}

static enum yw_err
is_applied(struct yw_db *db, const char *version, int *yes)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;

	*yes = 0;
	rc = yw_db_prepare(db,
	    "SELECT 1 FROM schema_migrations WHERE version = ?", &st);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 1, version, -1);
	if (rc == YW_OK)
		rc = yw_stmt_step(st, yes);
	yw_stmt_done(st);
	return rc;
}

static enum yw_err
record(struct yw_db *db, const char *version)
{
	struct yw_stmt	*st = NULL;
	enum yw_err	 rc;
	int		 row;

	rc = yw_db_prepare(db, "INSERT INTO schema_migrations "
	    "(version, applied_at) VALUES (?, ?)", &st);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 1, version, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_int64(st, 2, (int64_t)time(NULL));
	if (rc == YW_OK)
		rc = yw_stmt_step(st, &row);
	yw_stmt_done(st);
	return rc;
}

static enum yw_err
lock(struct yw_db *db)
{
	if (yw_db_kind(db) != YW_DB_PGSQL)
		return YW_OK;
	return yw_db_exec(db, PG_LOCK_SQL);
}

static enum yw_err
create_table(struct yw_db *db)
{
	enum yw_err rc;

	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = lock(db);
	if (rc == YW_OK)
		rc = yw_db_exec(db, "CREATE TABLE IF NOT EXISTS "
		    "schema_migrations (version TEXT PRIMARY KEY, "
		    "applied_at BIGINT NOT NULL)");
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	if (rc != YW_OK)
		(void)yw_db_rollback(db);
out:
	if (rc != YW_OK)
		fprintf(stderr, "migrations: schema_migrations: %s\n",
		    yw_db_errmsg(db));
	return rc;
}

/* Applies one file unless recorded; *did tells whether it ran. */
static enum yw_err
apply(struct yw_db *db, const char *dir, const char *name, int *did)
{
	struct yw_buf	 path, src, mine, sql, version;
	int		 yes, began = 0;
	enum yw_err	 rc;

	*did = 0;
	yw_buf_init(&path);
	yw_buf_init(&src);
	yw_buf_init(&mine);
	yw_buf_init(&sql);
	yw_buf_init(&version);
	rc = yw_buf_append(&version, name, strlen(name) - 4);
	if (rc != YW_OK)
		goto out;
	/* Fast path for start-up: no transaction for what is done. */
	rc = is_applied(db, version.data, &yes);
	if (rc != YW_OK || yes)
		goto out;

	rc = yw_buf_appendf(&path, "%s/%s", dir, name);
	if (rc == YW_OK)
		rc = read_file(path.data, &src);
	if (rc == YW_OK)
		rc = select_dialect(db, src.data, &mine);
	if (rc == YW_OK)
		rc = rewrite(db, mine.data, &sql);
	if (rc != YW_OK)
		goto out;

	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	began = 1;
	rc = lock(db);
	if (rc == YW_OK)	/* another node may have been first */
		rc = is_applied(db, version.data, &yes);
	if (rc != YW_OK || yes)
		goto out;
	rc = yw_db_exec(db, sql.data);
	if (rc == YW_OK)
		rc = record(db, version.data);
	if (rc == YW_OK)
		rc = yw_db_commit(db);
	if (rc == YW_OK) {
		began = 0;
		*did = 1;
	}
out:
	/* read_file and list_dir have said why for EIO and EINVAL. */
	if (rc == YW_EDB || rc == YW_ECONFLICT || rc == YW_EINTERNAL)
		fprintf(stderr, "migration %s failed: %s\n", name,
		    yw_db_errmsg(db));
	else if (rc == YW_ENOMEM || rc == YW_ETOOBIG)
		fprintf(stderr, "migration %s failed: %s\n", name,
		    yw_err_code(rc));
	if (began)
		(void)yw_db_rollback(db);
	yw_buf_free(&path);
	yw_buf_free(&src);
	yw_buf_free(&mine);
	yw_buf_free(&sql);
	yw_buf_free(&version);
	/* Every database failure of a migration is reported as such. */
	if (rc == YW_ECONFLICT)
		rc = YW_EDB;
	return rc;
}

enum yw_err
yw_migrate(struct yw_db *db, const char *dir, int *applied)
{
	struct names	 ns = { 0 };
	size_t		 i;
	int		 did, count = 0;
	enum yw_err	 rc;

	rc = list_dir(dir, &ns);
	if (rc != YW_OK)
		goto out;
	rc = create_table(db);
	for (i = 0; rc == YW_OK && i < ns.n; i++) {
		rc = apply(db, dir, ns.v[i], &did);
		count += did;
	}
out:
	if (applied != NULL)
		*applied = count;
	names_free(&ns);
	return rc;
}
