/*
 * main.c - `yiwang [--db URL] COMMAND [options]`: option parsing shared by
 * every subcommand, and dispatch.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "store/migrate.h"

static const struct {
	const char	*name;
	int		(*fn)(struct yw_cli *);
	const char	*help;
} cmds[] = {
	{ "init", cmd_init, "create the database and apply migrations" },
	{ "migrate", cmd_migrate, "apply pending migrations" },
	{ "demo", cmd_demo, "load the demo city (idempotent)" },
	{ "serve", cmd_serve, "serve the platform with kore [--port N] "
	    "[--bind ADDR] [--workers N]" },
	{ "user", cmd_user, "manage accounts: user add ..." },
	{ "backup", cmd_backup, "online backup of a SQLite database: backup FILE" },
	{ "audit", cmd_audit, "audit verify: check the hash chain" },
	{ "check", cmd_check, "parse every template and catalogue, then exit" },
	{ "outbox", cmd_outbox, "send queued e-mail and webhooks: outbox drain "
	    "[--once] ..." },
	{ "search", cmd_search, "search reindex: index the published "
	    "catalogue again" },
	{ "exchange", cmd_exchange, "exchange verify FILE: check downloaded "
	    "receipts offline" },
	{ "letters", cmd_letters, "letters escalate: flag overdue letters and "
	    "tell the department head and the supervising office" },
	{ "data", cmd_data, "data escalate | freshness: overdue sharing "
	    "requests, late resources" },
	{ "open311", cmd_open311, "open311 key add NAME | revoke ID | list: "
	    "keys of Open311 clients" },
	{ "interviews", cmd_interviews, "interviews close: unanswered "
	    "questions of ended interviews become letters" },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: yiwang [--db URL] COMMAND [options]\n\n"
	    "  --db URL   a SQLite file path or a postgresql:// URL\n"
	    "             (default: var/yiwang.db, or $YIWANG_DB)\n\n"
	    "commands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-8s %s\n", cmds[i].name, cmds[i].help);
	fprintf(f, "\n'yiwang COMMAND --help' describes each command.\n");
}

const char *
cli_opt(const struct yw_cli *c, const char *name)
{
	int	i;
	size_t	n;

	n = strlen(name);
	for (i = 0; i < c->argc; i++) {
		if (strncmp(c->argv[i], "--", 2) != 0 ||
		    strncmp(c->argv[i] + 2, name, n) != 0)
			continue;
		if (c->argv[i][2 + n] == '=')
			return c->argv[i] + 3 + n;
		if (c->argv[i][2 + n] == '\0' && i + 1 < c->argc)
			return c->argv[i + 1];
	}
	return NULL;
}

int
cli_flag(const struct yw_cli *c, const char *name)
{
	int i;

	for (i = 0; i < c->argc; i++)
		if (strncmp(c->argv[i], "--", 2) == 0 &&
		    strcmp(c->argv[i] + 2, name) == 0)
			return 1;
	return 0;
}

/* The project folder is the parent of the folder holding the binary
 * (build/yiwang), unless YIWANG_ROOT says otherwise. */
static int
find_root(struct yw_cli *c)
{
	char		 exe[PATH_MAX];
	ssize_t		 n;
	char		*slash;
	const char	*env;

	env = getenv("YIWANG_ROOT");
	if (env != NULL) {
		if (realpath(env, c->root) == NULL)
			return -1;
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	for (int i = 0; i < 2; i++) {
		slash = strrchr(exe, '/');
		if (slash == NULL)
			return -1;
		*slash = '\0';
	}
	if ((size_t)snprintf(c->root, sizeof(c->root), "%s", exe) >=
	    sizeof(c->root))
		return -1;
	return 0;
}

static int
is_pg(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0;
}

/* SQLite paths are made absolute (workers must find the same file) and
 * their folder is created. */
static int
resolve_db(struct yw_cli *c, const char *url)
{
	char	 cwd[PATH_MAX], dir[PATH_MAX];
	char	*slash;
	int	 n;

	if (is_pg(url) || strcmp(url, ":memory:") == 0) {
		n = snprintf(c->db_url, sizeof(c->db_url), "%s", url);
		return n > 0 && (size_t)n < sizeof(c->db_url) ? 0 : -1;
	}
	if (url[0] == '/') {
		n = snprintf(c->db_url, sizeof(c->db_url), "%s", url);
	} else {
		if (getcwd(cwd, sizeof(cwd)) == NULL)
			return -1;
		n = snprintf(c->db_url, sizeof(c->db_url), "%s/%s", cwd, url);
	}
	if (n <= 0 || (size_t)n >= sizeof(c->db_url))
		return -1;
	(void)snprintf(dir, sizeof(dir), "%s", c->db_url);
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
			fprintf(stderr, "yiwang: cannot create %s: %s\n", dir,
			    strerror(errno));
			return -1;
		}
	}
	return 0;
}

enum yw_err
cli_open(struct yw_cli *c, struct yw_db **db)
{
	char		dir[600];
	enum yw_err	rc;

	rc = yw_db_open(c->db_url, db);
	if (rc != YW_OK) {
		fprintf(stderr, "yiwang: cannot open database %s: %s\n",
		    c->db_url, *db != NULL ? yw_db_errmsg(*db) :
		    yw_err_code(rc));
		return rc;
	}
	(void)snprintf(dir, sizeof(dir), "%s/sql", c->root);
	rc = yw_migrate(*db, dir, NULL);
	if (rc != YW_OK) {
		yw_db_close(*db);
		*db = NULL;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct yw_cli	 c;
	const char	*url;
	int		 i;
	size_t		 k;

	memset(&c, 0, sizeof(c));
	if (sodium_init() < 0) {
		fprintf(stderr, "yiwang: libsodium failed to initialise\n");
		return 1;
	}
	url = getenv("YIWANG_DB");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			url = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			url = argv[i] + 5;
		else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else
			break;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (find_root(&c) != 0) {
		fprintf(stderr, "yiwang: cannot find the project folder\n");
		return 1;
	}
	if (url == NULL || url[0] == '\0')
		url = "var/yiwang.db";
	if (resolve_db(&c, url) != 0) {
		fprintf(stderr, "yiwang: bad --db value\n");
		return 2;
	}
	c.argc = argc - i - 1;
	c.argv = argv + i + 1;
	for (k = 0; k < sizeof(cmds) / sizeof(cmds[0]); k++)
		if (strcmp(cmds[k].name, argv[i]) == 0)
			return cmds[k].fn(&c);
	fprintf(stderr, "yiwang: unknown command '%s'\n\n", argv[i]);
	usage(stderr);
	return 2;
}
