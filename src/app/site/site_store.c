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

enum yw_err
yw_site_defaults(struct yw_db *db)
{
	size_t		i;
	enum yw_err	rc;

	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		rc = yw_db_run(db, NULL,
		    "INSERT INTO site_setting (key, value) VALUES (?, ?) "
		    "ON CONFLICT (key) DO NOTHING", "ss", defaults[i].key,
		    defaults[i].value);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

enum yw_err
yw_site_set(struct yw_db *db, const char *key, const char *value)
{
	return yw_db_run(db, NULL,
	    "INSERT INTO site_setting (key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "ss",
	    key, value);
}
