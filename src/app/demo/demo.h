/*
 * demo.h - the demo city of DOMAIN.md: 福建省 → 福州市 → 鼓楼区 → two
 * streets → communities, about twenty departments, staff with every role,
 * a citizen and the working-day calendar. Loading is idempotent: what
 * exists is left alone. Later domains add their own demo data here.
 */
#ifndef YW_DEMO_H
#define YW_DEMO_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* The password every demo staff account gets; printed by `make run`. */
#define YW_DEMO_PASSWORD	"Yiwang2026demo"

/*
 * Fills hash (size >= YW_PASSWORD_HASH_MAX, borrowed) with the Argon2id
 * hash of YW_DEMO_PASSWORD unless hash[0] is already set: the demo's
 * staff accounts share one hash, computed once a load, since Argon2id
 * per account was most of the time `yiwang demo` took.
 */
enum yw_err	yw_demo_staff_hash(char *hash, size_t size);

/* Loads the demo city; prints a line per created object group to log
 * (may be NULL). root (borrowed) is the project folder: the holiday
 * calendar of each demo year missing from the database is imported from
 * root/data/holidays/YYYY.json (NULL skips the calendar). */
enum yw_err	yw_demo_load(struct yw_db *db, const char *root, FILE *log);
/* Prints the demo accounts and their passwords. */
void		yw_demo_accounts(FILE *out);

/* The id of the department with code in list (yw_org_departments' rows,
 * borrowed), or 0. */
int64_t		yw_demo_dept_id(json_t *list, const char *code);

#endif
