#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/account/account.h"
#include "app/account/password.h"
#include "app/actor.h"
#include "app/calendar/calendar.h"
#include "app/demo/demo.h"
#include "app/demo/demo_data.h"
#include "app/demo/demo_kb.h"
#include "app/demo/demo_letters.h"
#include "app/demo/demo_open311.h"
#include "app/demo/demo_surveys.h"
#include "app/demo/demo_interviews.h"
#include "app/demo/demo_fetch.h"
#include "app/demo/demo_cases.h"
#include "app/demo/demo_services.h"
#include "app/demo/demo_solicit.h"
#include "app/org/org.h"
#include "app/site/site.h"

/* Codes to county level are GB/T 2260; street and community codes follow
 * the statistical pattern but are illustrative. */
static const struct {
	const char	*code, *name, *name_en, *parent;
	int		 level;
} regions[] = {
	{ "350000000000", "福建省", "Fujian Province", NULL, 1 },
	{ "350100000000", "福州市", "Fuzhou City", "350000000000", 2 },
	{ "350102000000", "鼓楼区", "Gulou District", "350100000000", 3 },
	{ "350103000000", "台江区", "Taijiang District", "350100000000", 3 },
	{ "350102001000", "鼓东街道", "Gudong Subdistrict", "350102000000", 4 },
	{ "350102002000", "鼓西街道", "Guxi Subdistrict", "350102000000", 4 },
	{ "350102001001", "虎节社区", "Hujie Community", "350102001000", 5 },
	{ "350102001002", "卫前社区", "Weiqian Community", "350102001000", 5 },
	{ "350102002001", "西湖社区", "Xihu Community", "350102002000", 5 },
	{ "350102002002", "渡鸡社区", "Duji Community", "350102002000", 5 },
};

static const struct {
	const char *code, *name, *name_en, *region, *phone, *address;
} depts[] = {
	{ "sjj", "福州市数据管理局", "Fuzhou Municipal Data Administration",
	  "350100000000", "0591-87000001", "福州市鼓楼区乌山路96号" },
	{ "gaj", "福州市公安局", "Fuzhou Public Security Bureau",
	  "350100000000", "0591-87000110", "福州市鼓楼区华林路" },
	{ "rsj", "福州市人力资源和社会保障局",
	  "Fuzhou Human Resources and Social Security Bureau",
	  "350100000000", "0591-12333", "福州市鼓楼区五四路" },
	{ "ybj", "福州市医疗保障局", "Fuzhou Healthcare Security Bureau",
	  "350100000000", "0591-12393", "福州市鼓楼区" },
	{ "wjw", "福州市卫生健康委员会", "Fuzhou Health Commission",
	  "350100000000", "0591-12320", "福州市鼓楼区" },
	{ "scjg", "福州市市场监督管理局", "Fuzhou Administration for Market "
	  "Regulation", "350100000000", "0591-12315", "福州市鼓楼区" },
	{ "zrzy", "福州市自然资源和规划局", "Fuzhou Natural Resources and "
	  "Planning Bureau", "350100000000", "0591-87000002", "福州市鼓楼区" },
	{ "sthj", "福州市生态环境局", "Fuzhou Ecology and Environment Bureau",
	  "350100000000", "0591-12369", "福州市鼓楼区" },
	{ "jtys", "福州市交通运输局", "Fuzhou Transport Bureau",
	  "350100000000", "0591-12328", "福州市鼓楼区" },
	{ "yjgl", "福州市应急管理局", "Fuzhou Emergency Management Bureau",
	  "350100000000", "0591-87000003", "福州市鼓楼区" },
	{ "czj", "福州市财政局", "Fuzhou Finance Bureau", "350100000000",
	  "0591-87000004", "福州市鼓楼区" },
	{ "jyj", "福州市教育局", "Fuzhou Education Bureau", "350100000000",
	  "0591-87000005", "福州市鼓楼区" },
	{ "mzj", "福州市民政局", "Fuzhou Civil Affairs Bureau", "350100000000",
	  "0591-87000006", "福州市鼓楼区" },
	{ "sfj", "福州市司法局", "Fuzhou Justice Bureau", "350100000000",
	  "0591-12348", "福州市鼓楼区" },
	{ "zjj", "福州市住房和城乡建设局", "Fuzhou Housing and Urban-Rural "
	  "Development Bureau", "350100000000", "0591-87000007",
	  "福州市鼓楼区" },
	{ "swj", "国家税务总局福州市税务局", "Fuzhou Taxation Bureau",
	  "350100000000", "0591-12366", "福州市鼓楼区" },
	{ "wlj", "福州市文化和旅游局", "Fuzhou Culture and Tourism Bureau",
	  "350100000000", "0591-87000008", "福州市鼓楼区" },
	{ "xfj", "福州市信访局", "Fuzhou Letters and Visits Bureau",
	  "350100000000", "0591-12345", "福州市鼓楼区" },
	{ "gl-zwfw", "鼓楼区政务服务中心", "Gulou District Government "
	  "Service Centre", "350102000000", "0591-87000009", "福州市鼓楼区" },
	{ "gl-gd", "鼓东街道办事处", "Gudong Subdistrict Office",
	  "350102001000", "0591-87000010", "福州市鼓楼区鼓东街道" },
};

static const struct {
	const char *login, *name, *dept, *roles;
} staff[] = {
	{ "admin", "平台管理员", "sjj", "platform_admin" },
	{ "auditor", "审计员", "sjj", "auditor" },
	{ "gaj_admin", "公安局管理员", "gaj", "dept_admin" },
	{ "gaj_handler", "公安局经办人", "gaj", "case_handler" },
	{ "rsj_admin", "人社局管理员", "rsj", "dept_admin" },
	{ "rsj_handler", "人社局经办人", "rsj", "case_handler" },
	{ "scjg_handler", "市场监管局经办人", "scjg", "case_handler" },
	{ "wjw_handler", "卫健委经办人", "wjw", "case_handler" },
	{ "ybj_handler", "医保局经办人", "ybj", "case_handler" },
	{ "swj_handler", "税务局经办人", "swj", "case_handler" },
	{ "zjj_handler", "住建局经办人", "zjj", "case_handler" },
	{ "wjw_steward", "卫健委数据专员", "wjw", "data_steward" },
	{ "scjg_steward", "市场监管局数据专员", "scjg", "data_steward" },
	{ "sthj_steward", "生态环境局数据专员", "sthj", "data_steward" },
	{ "gaj_steward", "公安局数据专员", "gaj", "data_steward" },
	{ "ybj_steward", "医保局数据专员", "ybj", "data_steward" },
	{ "sjj_publisher", "数据局信息发布员", "sjj", "publisher" },
	{ "gl_auditor", "鼓楼区审计员", "gl-zwfw", "auditor" },
};

#define DEMO_CITIZEN		"13800138000"
#define DEMO_CITIZEN_PASSWORD	"Citizen2026demo"

static enum yw_err
load_regions(struct yw_db *db, const struct yw_actor *a, int *made)
{
	json_t		*in, *got, *errors;
	size_t		 i;
	enum yw_err	 rc;

	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		if (yw_org_region_get(db, regions[i].code, &got) == YW_OK) {
			json_decref(got);
			continue;
		}
		in = json_pack("{s:s, s:s, s:s, s:i, s:s?}", "code",
		    regions[i].code, "name", regions[i].name, "name_en",
		    regions[i].name_en, "level", regions[i].level,
		    "parent_code", regions[i].parent);
		errors = NULL;
		rc = yw_org_region_save(db, a, 1, in, &errors);
		json_decref(in);
		json_decref(errors);
		if (rc != YW_OK)
			return rc;
		(*made)++;
	}
	return YW_OK;
}

int64_t
yw_demo_dept_id(json_t *list, const char *code)
{
	json_t	*d;
	size_t	 i;

	json_array_foreach(list, i, d)
		if (strcmp(json_string_value(json_object_get(d, "code")),
		    code) == 0)
			return json_integer_value(json_object_get(d, "id"));
	return 0;
}

static enum yw_err
load_departments(struct yw_db *db, const struct yw_actor *a, int *made)
{
	json_t		*list, *in, *errors;
	int64_t		 id;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_org_departments(db, NULL, &list);
	if (rc != YW_OK)
		return rc;
	for (i = 0; i < sizeof(depts) / sizeof(depts[0]); i++) {
		if (yw_demo_dept_id(list, depts[i].code) != 0)
			continue;
		in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code",
		    depts[i].code, "name", depts[i].name, "name_en",
		    depts[i].name_en, "region_code", depts[i].region, "phone",
		    depts[i].phone, "address", depts[i].address);
		errors = NULL;
		rc = yw_org_department_save(db, a, 0, in, &id, &errors);
		json_decref(in);
		json_decref(errors);
		if (rc != YW_OK)
			break;
		(*made)++;
	}
	json_decref(list);
	return rc;
}

static enum yw_err
load_staff(struct yw_db *db, const struct yw_actor *a, char *pwhash,
    int *made)
{
	json_t		*deps, *list, *in, *errors, *s;
	int64_t		 id;
	size_t		 i, j;
	int		 exists;
	enum yw_err	 rc;

	rc = yw_org_departments(db, NULL, &deps);
	if (rc != YW_OK)
		return rc;
	rc = yw_org_staff_list(db, a, 0, &list);
	if (rc != YW_OK) {
		json_decref(deps);
		return rc;
	}
	for (i = 0; i < sizeof(staff) / sizeof(staff[0]); i++) {
		exists = 0;
		json_array_foreach(list, j, s)
			if (strcmp(json_string_value(json_object_get(s,
			    "login")), staff[i].login) == 0)
				exists = 1;
		if (exists)
			continue;
		in = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "login",
		    staff[i].login, "display_name", staff[i].name,
		    "department_id", (json_int_t)yw_demo_dept_id(deps,
		    staff[i].dept), "roles", staff[i].roles, "password",
		    YW_DEMO_PASSWORD, "status", "active");
		errors = NULL;
		rc = yw_demo_staff_hash(pwhash, YW_PASSWORD_HASH_MAX);
		if (rc == YW_OK)
			rc = yw_org_staff_save_hashed(db, a, 0, in, pwhash, &id,
			    &errors);
		json_decref(in);
		if (rc != YW_OK) {
			if (errors != NULL) {
				char *e = json_dumps(errors, 0);
				fprintf(stderr, "demo staff %s: %s\n",
				    staff[i].login, e ? e : "");
				free(e);
			}
			json_decref(errors);
			break;
		}
		json_decref(errors);
		(*made)++;
	}
	json_decref(list);
	json_decref(deps);
	return rc;
}

enum yw_err
yw_demo_staff_hash(char *hash, size_t size)
{
	if (hash[0] != '\0')
		return YW_OK;
	return yw_password_hash(YW_DEMO_PASSWORD, strlen(YW_DEMO_PASSWORD),
	    hash, size);
}

static enum yw_err
load_site(struct yw_db *db)
{
	static const char *kv[][2] = {
		{ "platform_name", "福州市数字政府治理平台" },
		{ "platform_name_en", "Fuzhou Digital Government Platform" },
		{ "region_code", "350100000000" },
		{ "region_name", "福州市" },
		{ "region_name_en", "Fuzhou" },
		{ "responsible_dept", "福州市数据管理局" },
		{ "responsible_dept_en", "Fuzhou Municipal Data Administration" },
		{ "contact_phone", "0591-12345" },
		{ "contact_email", "service@fuzhou.example.gov.cn" },
	};
	size_t		i;
	enum yw_err	rc;

	for (i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
		rc = yw_site_set(db, kv[i][0], kv[i][1]);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

/* The years whose calendar ships in data/holidays/. */
static const int calendar_years[] = { 2026 };

static enum yw_err
load_calendar(struct yw_db *db, const struct yw_actor *a, const char *root,
    int *made)
{
	json_t		*year, *errors;
	char		 path[1024];
	size_t		 i;
	int		 n;
	enum yw_err	 rc;

	for (i = 0; i < sizeof(calendar_years) / sizeof(calendar_years[0]);
	    i++) {
		rc = yw_calendar_year(db, calendar_years[i], &year);
		json_decref(year);
		if (rc == YW_OK)
			continue;
		if (rc != YW_ENOTFOUND)
			return rc;
		n = snprintf(path, sizeof(path), "%s/data/holidays/%d.json",
		    root, calendar_years[i]);
		if (n < 0 || (size_t)n >= sizeof(path))
			return YW_ETOOBIG;
		errors = NULL;
		rc = yw_calendar_import_file(db, a, path, &errors);
		if (rc != YW_OK) {
			char *e = errors != NULL ? json_dumps(errors, 0) : NULL;

			fprintf(stderr, "demo calendar %s: %s %s\n", path,
			    yw_err_code(rc), e != NULL ? e : "");
			free(e);
			json_decref(errors);
			return rc;
		}
		(*made)++;
	}
	return YW_OK;
}

enum yw_err
yw_demo_load(struct yw_db *db, const char *root, FILE *log)
{
	char		 pwhash[YW_PASSWORD_HASH_MAX] = "";
	struct yw_actor	 a;
	json_t		*in, *errors;
	int64_t		 id;
	int		 nr, nd, ns, nc;
	enum yw_err	 rc;

	yw_actor_cli(&a, "demo");
	nr = nd = ns = nc = 0;
	rc = yw_site_defaults(db);
	if (rc == YW_OK)
		rc = load_site(db);
	if (rc == YW_OK)
		rc = load_regions(db, &a, &nr);
	if (rc == YW_OK)
		rc = load_departments(db, &a, &nd);
	if (rc == YW_OK)
		rc = load_staff(db, &a, pwhash, &ns);
	/* Data resources first: catalogue materials name the ones they can
	 * be fetched from. */
	if (rc == YW_OK)
		rc = yw_demo_data(db, &a, log);
	if (rc == YW_OK)
		rc = yw_demo_fetch(db, log);
	/* The catalogue and the bundles built on it come from data files. */
	if (rc == YW_OK && root != NULL)
		rc = yw_demo_services(db, &a, root, log);
	if (rc == YW_OK && root != NULL)
		rc = yw_demo_cases(db, &a, log);
	if (rc == YW_OK && root != NULL)
		rc = load_calendar(db, &a, root, &nc);
	if (rc != YW_OK)
		return rc;
	in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "citizen",
	    "login", DEMO_CITIZEN, "display_name", "张三", "password",
	    DEMO_CITIZEN_PASSWORD, "password2", DEMO_CITIZEN_PASSWORD);
	errors = NULL;
	rc = yw_account_register(db, in, "demo", &id, &errors);
	json_decref(in);
	json_decref(errors);
	if (rc != YW_OK && rc != YW_EINVAL)	/* EINVAL: already there */
		return rc;
	rc = root != NULL ? yw_demo_letters(db, &a, pwhash, log) : YW_OK;
	if (rc == YW_OK && root != NULL)
		rc = yw_demo_kb(db, &a, log);
	if (rc == YW_OK && root != NULL)
		rc = yw_demo_open311(db, log);
	if (rc != YW_OK)
		return rc;
	/* Solicitations after the letters, whose writers comment on them. */
	rc = root != NULL ? yw_demo_solicit(db, log) : YW_OK;
	if (rc != YW_OK)
		return rc;
	rc = yw_demo_surveys(db, &a, log);
	if (rc != YW_OK)
		return rc;
	rc = root != NULL ? yw_demo_interviews(db, log) : YW_OK;
	if (rc != YW_OK)
		return rc;
	if (log != NULL)
		fprintf(log, "demo city: %d regions, %d departments, %d staff "
		    "added\n", nr, nd, ns);
	if (log != NULL && root != NULL)
		fprintf(log, "demo calendar: %d year(s) imported\n", nc);
	return YW_OK;
}

void
yw_demo_accounts(FILE *out)
{
	size_t i;

	fprintf(out, "Demo accounts (password for staff: %s)\n",
	    YW_DEMO_PASSWORD);
	for (i = 0; i < sizeof(staff) / sizeof(staff[0]); i++)
		fprintf(out, "  %-14s %-10s %s\n", staff[i].login,
		    staff[i].roles, staff[i].name);
	yw_demo_letters_staff(out);
	fprintf(out, "  citizen: %s / %s\n", DEMO_CITIZEN,
	    DEMO_CITIZEN_PASSWORD);
	yw_demo_letters_citizens(out, DEMO_CITIZEN_PASSWORD);
	fprintf(out, "  Open311 client key (api_key): %s\n",
	    YW_DEMO_OPEN311_KEY);
}
