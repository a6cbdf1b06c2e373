/*
 * cmd_open311.c - `yiwang open311 key add NAME | revoke ID | list`: the
 * keys Open311 clients post requests with (app/interact/open311.h). The
 * secret is printed once; only its hash is kept. Audited as the system.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/interact/open311.h"
#include "cli/cli.h"
#include "core/timeutil.h"

static int
usage(void)
{
	fprintf(stderr, "usage: yiwang [--db URL] open311 key add NAME\n"
	    "       yiwang [--db URL] open311 key revoke ID\n"
	    "       yiwang [--db URL] open311 key list\n");
	return 2;
}

static int
key_list(struct yw_db *db)
{
	json_t		*list, *k;
	char		 when[20];
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_open311_key_list(db, NULL, &list);
	if (rc != YW_OK) {
		fprintf(stderr, "open311 key list: %s\n", yw_err_code(rc));
		return 1;
	}
	json_array_foreach(list, i, k) {
		(void)yw_time_fmt_local(json_integer_value(json_object_get(k,
		    "created_at")), when, sizeof(when), 1);
		printf("%lld\t%s\t%s\t%s\t%s\n", (long long)json_integer_value(
		    json_object_get(k, "id")), json_string_value(
		    json_object_get(k, "prefix")), when, json_is_null(
		    json_object_get(k, "revoked_at")) ? "active" : "revoked",
		    json_string_value(json_object_get(k, "name")));
	}
	json_decref(list);
	return 0;
}

int
cmd_open311(struct yw_cli *c)
{
	struct yw_db	*db;
	char		 token[YW_APIKEY_MAX], *end;
	const char	*why;
	int64_t		 id;
	int		 ret;
	enum yw_err	 rc;

	if (c->argc < 2 || strcmp(c->argv[0], "key") != 0)
		return usage();
	if (strcmp(c->argv[1], "list") != 0 && c->argc < 3)
		return usage();
	if (strcmp(c->argv[1], "add") != 0 && strcmp(c->argv[1], "revoke") !=
	    0 && strcmp(c->argv[1], "list") != 0)
		return usage();
	if (cli_open(c, &db) != YW_OK)
		return 1;
	ret = 0;
	if (strcmp(c->argv[1], "list") == 0)
		ret = key_list(db);
	else if (strcmp(c->argv[1], "add") == 0) {
		rc = yw_open311_key_add(db, NULL, c->argv[2], yw_time_now(),
		    token, &id, &why);
		if (rc == YW_OK)
			printf("open311 key %lld for %s (shown once):\n%s\n",
			    (long long)id, c->argv[2], token);
		else {
			fprintf(stderr, "open311 key add: %s%s\n", rc ==
			    YW_EINVAL ? "NAME must be 1 to 64 characters of "
			    "text: " : yw_err_code(rc), rc == YW_EINVAL ? why :
			    "");
			ret = 1;
		}
	} else {
		id = strtoll(c->argv[2], &end, 10);
		rc = *end == '\0' && id > 0 ? yw_open311_key_revoke(db, NULL,
		    id, yw_time_now()) : YW_ENOTFOUND;
		if (rc == YW_OK)
			printf("open311 key %lld revoked\n", (long long)id);
		else {
			fprintf(stderr, "open311 key revoke: %s\n", rc ==
			    YW_ENOTFOUND ? "no such key" : rc == YW_ECONFLICT ?
			    "already revoked" : yw_err_code(rc));
			ret = 1;
		}
	}
	yw_db_close(db);
	return ret;
}
