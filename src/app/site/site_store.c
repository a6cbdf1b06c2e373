#include <stddef.h>

#include "app/site/site.h"

static const struct {
	const char *key;
	const char *value;
} defaults[] = {
	{ "platform_name", "数字政府治理平台" },
	{ "platform_name_en", "Digital Government Platform" },
	{ "region_code", "" },
	{ "region_name", "" },
	{ "region_name_en", "" },
	{ "responsible_dept", "" },
	{ "responsible_dept_en", "" },
	{ "contact_phone", "" },
	{ "contact_email", "" },
};

static enum yw_err
site_put(struct yw_db *db, const char *sql, const char *key,
    const char *value)
{
	struct yw_stmt	*st;
	enum yw_err	 rc;
	int		 row;

	rc = yw_db_prepare(db, sql, &st);
	if (rc != YW_OK)
		return rc;
	rc = yw_stmt_bind_text(st, 1, key, -1);
	if (rc == YW_OK)
		rc = yw_stmt_bind_text(st, 2, value, -1);
	if (rc == YW_OK)
		rc = yw_stmt_step(st, &row);
	yw_stmt_done(st);
	return rc;
}

enum yw_err
yw_site_defaults(struct yw_db *db)
{
	size_t		i;
	enum yw_err	rc;

	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		rc = site_put(db, "INSERT INTO site_setting (key, value) "
		    "VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
		    defaults[i].key, defaults[i].value);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

enum yw_err
yw_site_set(struct yw_db *db, const char *key, const char *value)
{
	return site_put(db, "INSERT INTO site_setting (key, value) "
	    "VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
	    "excluded.value", key, value);
}
