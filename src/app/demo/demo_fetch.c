/*
 * demo_fetch.c - the demo citizen's birth record (demo_fetch.h). The demo
 * citizen applies with the ID number 350102199003071234 (the tests and
 * benchmarks use it too); as the mother in this record, the "新生儿出生一件事"
 * application can fetch the birth medical certificate with consent.
 */
#include <jansson.h>

#include "app/data/exchange.h"
#include "app/demo/demo_fetch.h"

#define DEMO_FETCH_RESOURCE	"wjw-0001"

static const char demo_birth[] =
    "[{\"cert_no\":\"Q350100101\",\"baby_name\":\"张小满\",\"sex\":\"女\","
    "\"birth_date\":\"2026-01-15\",\"birth_place\":\"福建省妇幼保健院\","
    "\"mother_name\":\"林晓\",\"mother_idnum\":\"350102199003071234\","
    "\"father_name\":\"张三\",\"issued_on\":\"2026-01-16\"}]";

enum yw_err
yw_demo_fetch(struct yw_db *db, FILE *log)
{
	json_t		*records;
	enum yw_err	 rc;

	records = json_loads(demo_birth, 0, NULL);
	if (records == NULL)
		return YW_ENOMEM;
	rc = yw_exchange_load(db, DEMO_FETCH_RESOURCE, records);
	json_decref(records);
	if (rc == YW_ENOTFOUND)
		return YW_OK;	/* no such resource in this database */
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo fetch: 1 birth record for the demo citizen\n");
	return rc;
}
