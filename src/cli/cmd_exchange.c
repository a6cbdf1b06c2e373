/*
 * cmd_exchange.c - `yiwang exchange verify FILE [--public-key HEX]`: checks
 * a receipts file downloaded from /api/v1/exchange/receipts offline: every
 * signature, the hash chain and the signed head. Needs no database.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "app/data/receipt.h"
#include "cli/cli.h"

static const char *const why_text[][2] = {
	{ "format", "not a receipts file" },
	{ "key", "the public key is malformed" },
	{ "sequence", "an entry is missing or out of order (deleted or "
	    "inserted)" },
	{ "link", "prev_hash does not match the previous entry (deleted or "
	    "inserted)" },
	{ "hash", "the entry's content does not match its hash (edited)" },
	{ "signature", "the platform signature does not verify" },
	{ "department_signature", "the department signature does not "
	    "verify" },
	{ "head", "the signed head does not match the last entry (entries "
	    "cut or added at the end)" },
};

int
cmd_exchange(struct yw_cli *c)
{
	json_error_t	 jerr;
	json_t		*file;
	const char	*path, *pk, *why, *text;
	int64_t		 count, bad;
	size_t		 i;
	enum yw_err	 rc;

	if (cli_flag(c, "help") || c->argc < 2 ||
	    strcmp(c->argv[0], "verify") != 0) {
		printf("usage: yiwang exchange verify FILE [--public-key HEX]\n\n"
		    "Checks a receipts file from GET /api/v1/exchange/receipts:"
		    "\nevery entry's hash, the chain, the platform and "
		    "department\nsignatures and the signed head. --public-key "
		    "is the platform key\npublished at "
		    "/api/v1/exchange/public-key; without it the file's own\n"
		    "key is used, which only shows the file is consistent.\n"
		    "Exit 0 when intact, 1 naming the first bad entry.\n");
		return cli_flag(c, "help") ? 0 : 2;
	}
	path = c->argv[1];
	pk = cli_opt(c, "public-key");
	file = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (file == NULL) {
		fprintf(stderr, "%s:%d: %s\n", path, jerr.line, jerr.text);
		return 1;
	}
	rc = yw_receipt_verify(file, pk, &count, &bad, &why);
	json_decref(file);
	if (rc == YW_OK) {
		printf("%s: %lld receipts intact%s\n", path, (long long)count,
		    pk == NULL ? " (checked against the file's own key)" : "");
		return 0;
	}
	text = why;
	for (i = 0; why != NULL && i < sizeof(why_text) / sizeof(why_text[0]);
	    i++)
		if (strcmp(why_text[i][0], why) == 0)
			text = why_text[i][1];
	fprintf(stderr, "%s: receipt %lld is bad: %s\n", path, (long long)bad,
	    text != NULL ? text : yw_err_code(rc));
	return 1;
}
