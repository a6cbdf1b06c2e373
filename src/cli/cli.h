/*
 * cli.h - the `yiwang` command: shared options and the subcommands.
 */
#ifndef YW_CLI_H
#define YW_CLI_H

#include "core/err.h"
#include "store/db.h"

struct yw_cli {
	char	root[512];	/* project folder: templates/, sql/, conf/ */
	char	db_url[1024];	/* --db, made absolute for SQLite paths */
	int	argc;		/* the subcommand's own arguments */
	char  **argv;
};

/* Opens the database and applies pending migrations. */
enum yw_err	cli_open(struct yw_cli *c, struct yw_db **db);
/* Returns the value of --name in the subcommand's arguments, or NULL. */
const char     *cli_opt(const struct yw_cli *c, const char *name);
int		cli_flag(const struct yw_cli *c, const char *name);

int		cmd_init(struct yw_cli *c);
int		cmd_migrate(struct yw_cli *c);
int		cmd_demo(struct yw_cli *c);
int		cmd_serve(struct yw_cli *c);
int		cmd_user(struct yw_cli *c);
int		cmd_backup(struct yw_cli *c);
int		cmd_audit(struct yw_cli *c);
int		cmd_check(struct yw_cli *c);
int		cmd_outbox(struct yw_cli *c);
int		cmd_search(struct yw_cli *c);
int		cmd_exchange(struct yw_cli *c);
int		cmd_letters(struct yw_cli *c);
int		cmd_data(struct yw_cli *c);
int		cmd_open311(struct yw_cli *c);
int		cmd_interviews(struct yw_cli *c);

#endif
