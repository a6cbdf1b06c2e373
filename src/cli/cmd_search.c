/*
 * cmd_search.c - `yiwang search reindex`: puts every published catalogue
 * item, knowledge base entry and solicitation into the search index again and removes
 * the other items (after a
 * restore, or for a database filled before the index existed). Saving an
 * item keeps the index current by itself.
 */
#include <stdio.h>
#include <string.h>

#include "app/interact/kb.h"
#include "app/interact/solicit.h"
#include "app/service/catalog.h"
#include "cli/cli.h"

int
cmd_search(struct yw_cli *c)
{
	struct yw_db	*db;
	size_t		 n, k, sol;
	enum yw_err	 rc;

	if (c->argc < 1 || strcmp(c->argv[0], "reindex") != 0) {
		fprintf(stderr, "usage: yiwang [--db URL] search reindex\n");
		return 2;
	}
	rc = cli_open(c, &db);
	if (rc != YW_OK)
		return 1;
	rc = yw_catalog_reindex(db, &n);
	if (rc == YW_OK)
		rc = yw_kb_reindex(db, &k);
	if (rc == YW_OK)
		rc = yw_solicit_reindex(db, &sol);
	yw_db_close(db);
	if (rc != YW_OK) {
		fprintf(stderr, "search reindex: %s\n", yw_err_code(rc));
		return 1;
	}
	printf("search: %zu service item(s), %zu knowledge base entries, "
	    "%zu solicitation(s) indexed\n", n, k, sol);
	return 0;
}
