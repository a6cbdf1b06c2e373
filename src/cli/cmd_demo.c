/*
 * cmd_demo.c - `yiwang demo` and `yiwang user add`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/account/account.h"
#include "app/actor.h"
#include "app/demo/demo.h"
#include "app/org/org.h"
#include "cli/cli.h"

int
cmd_demo(struct yw_cli *c)
{
	struct yw_db	*db;
	enum yw_err	 rc;

	if (cli_flag(c, "help")) {
		printf("usage: yiwang [--db URL] demo [--quiet]\n\nLoads the demo "
		    "city (regions, departments, staff, a citizen, the holiday\n"
		    "calendar from data/holidays/). Running it again adds only "
		    "what is\nmissing.\n");
		return 0;
	}
	if (cli_open(c, &db) != YW_OK)
		return 1;
	rc = yw_demo_load(db, c->root, stdout);
	yw_db_close(db);
	if (rc != YW_OK) {
		fprintf(stderr, "yiwang demo: %s\n", yw_err_code(rc));
		return 1;
	}
	if (!cli_flag(c, "quiet"))
		yw_demo_accounts(stdout);
	return 0;
}

static void
print_errors(json_t *errors)
{
	const char	*k;
	json_t		*v;

	json_object_foreach(errors, k, v)
		fprintf(stderr, "  --%s: %s\n", k, json_string_value(v));
}

int
cmd_user(struct yw_cli *c)
{
	struct yw_db	*db;
	struct yw_actor	 a;
	json_t		*in, *errors, *deps, *d;
	const char	*kind, *dept;
	int64_t		 id, dept_id;
	size_t		 i;
	enum yw_err	 rc;

	if (cli_flag(c, "help") || c->argc < 1 || strcmp(c->argv[0], "add")) {
		printf("usage: yiwang [--db URL] user add --login L --name N "
		    "--password P\n          [--kind staff|citizen|business] "
		    "[--department CODE] [--roles r1,r2]\n\n"
		    "Staff (the default kind) need --department and --roles "
		    "from: platform_admin,\ndept_admin, case_handler, publisher, "
		    "data_steward, auditor.\n");
		return cli_flag(c, "help") ? 0 : 2;
	}
	kind = cli_opt(c, "kind");
	if (kind == NULL)
		kind = "staff";
	if (cli_open(c, &db) != YW_OK)
		return 1;
	errors = NULL;
	id = 0;
	if (strcmp(kind, "staff") == 0) {
		dept = cli_opt(c, "department");
		dept_id = 0;
		if (dept != NULL && yw_org_departments(db, NULL, &deps) ==
		    YW_OK) {
			json_array_foreach(deps, i, d)
				if (strcmp(json_string_value(json_object_get(d,
				    "code")), dept) == 0)
					dept_id = json_integer_value(
					    json_object_get(d, "id"));
			json_decref(deps);
		}
		in = json_pack("{s:s?, s:s?, s:s?, s:s?, s:I, s:s}", "login",
		    cli_opt(c, "login"), "display_name", cli_opt(c, "name"),
		    "password", cli_opt(c, "password"), "roles",
		    cli_opt(c, "roles"), "department_id", (json_int_t)dept_id,
		    "status", "active");
		yw_actor_cli(&a, "cli");
		rc = yw_org_staff_save(db, &a, 0, in, &id, &errors);
	} else {
		in = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?}", "kind", kind,
		    "login", cli_opt(c, "login"), "display_name",
		    cli_opt(c, "name"), "password", cli_opt(c, "password"),
		    "password2", cli_opt(c, "password"));
		rc = yw_account_register(db, in, "cli", &id, &errors);
	}
	json_decref(in);
	yw_db_close(db);
	if (rc != YW_OK) {
		fprintf(stderr, "yiwang user add: %s\n", yw_err_code(rc));
		print_errors(errors);
		json_decref(errors);
		return 1;
	}
	json_decref(errors);
	printf("account %lld created\n", (long long)id);
	return 0;
}
