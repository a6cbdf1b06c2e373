/*
 * cmd_db.c - init, migrate, backup and audit verify.
 */
#include <stdio.h>
#include <string.h>

#include "app/audit/audit.h"
#include "app/site/site.h"
#include "cli/cli.h"
#include "store/backup.h"
#include "store/migrate.h"

int
cmd_init(struct yw_cli *c)
{
	struct yw_db	*db;
	enum yw_err	 rc;

	if (cli_flag(c, "help")) {
		printf("usage: yiwang [--db URL] init\n\n"
		    "Creates the database if needed, applies every migration "
		    "and sets default\nsite settings where none exist.\n");
		return 0;
	}
	if (cli_open(c, &db) != YW_OK)
		return 1;
	rc = yw_site_defaults(db);
	yw_db_close(db);
	if (rc != YW_OK) {
		fprintf(stderr, "yiwang init: %s\n", yw_err_code(rc));
		return 1;
	}
	printf("database ready: %s\n", c->db_url);
	return 0;
}

int
cmd_migrate(struct yw_cli *c)
{
	struct yw_db	*db;
	char		 dir[600];
	int		 n;

	if (cli_flag(c, "help")) {
		printf("usage: yiwang [--db URL] migrate\n\n"
		    "Applies the migrations in sql/ that the database has not "
		    "seen yet.\n");
		return 0;
	}
	if (yw_db_open(c->db_url, &db) != YW_OK) {
		fprintf(stderr, "yiwang migrate: cannot open %s\n", c->db_url);
		return 1;
	}
	(void)snprintf(dir, sizeof(dir), "%s/sql", c->root);
	n = 0;
	if (yw_migrate(db, dir, &n) != YW_OK) {
		yw_db_close(db);
		return 1;
	}
	yw_db_close(db);
	printf("%d migration(s) applied\n", n);
	return 0;
}

int
cmd_backup(struct yw_cli *c)
{
	if (cli_flag(c, "help") || c->argc != 1) {
		printf("usage: yiwang [--db URL] backup FILE\n\n"
		    "Writes a consistent copy of a SQLite database to FILE "
		    "while the server runs.\nOn PostgreSQL use: pg_dump -Fc "
		    "-f FILE 'postgresql://...'\n");
		return cli_flag(c, "help") ? 0 : 2;
	}
	if (strncmp(c->db_url, "postgres", 8) == 0) {
		fprintf(stderr, "yiwang backup: the database is PostgreSQL; "
		    "use pg_dump -Fc -f %s '%s'\n", c->argv[0], c->db_url);
		return 2;
	}
	switch (yw_backup_sqlite(c->db_url, c->argv[0])) {
	case YW_OK:
		printf("backup written to %s\n", c->argv[0]);
		return 0;
	case YW_ECONFLICT:
		fprintf(stderr, "yiwang backup: %s exists; choose a new file\n",
		    c->argv[0]);
		return 1;
	default:
		return 1;
	}
}

int
cmd_audit(struct yw_cli *c)
{
	struct yw_db	*db;
	int64_t		 count, bad;
	enum yw_err	 rc;

	if (cli_flag(c, "help") || c->argc < 1 ||
	    strcmp(c->argv[0], "verify") != 0) {
		printf("usage: yiwang [--db URL] audit verify\n\n"
		    "Recomputes the audit log's hash chain. Exit 0 when intact; "
		    "exit 1 and the\nid of the first bad entry when any entry "
		    "was edited, inserted or deleted.\n");
		return cli_flag(c, "help") ? 0 : 2;
	}
	if (cli_open(c, &db) != YW_OK)
		return 2;
	count = 0;
	bad = 0;
	rc = yw_audit_verify(db, &count, &bad);
	yw_db_close(db);
	if (rc == YW_OK) {
		printf("audit log intact: %lld entries\n", (long long)count);
		return 0;
	}
	if (rc == YW_ECONFLICT) {
		printf("audit log BROKEN at entry %lld\n", (long long)bad);
		return 1;
	}
	fprintf(stderr, "yiwang audit verify: %s\n", yw_err_code(rc));
	return 2;
}
