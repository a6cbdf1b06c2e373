/*
 * demo_data.c - three catalogue entries of the demo city with records and
 * grants, so the exchange has something to share after `make run`.
 */
#include <stdlib.h>
#include <string.h>

#include "app/data/data.h"
#include "app/data/exchange.h"
#include "app/demo/demo_data.h"
#include "app/org/org.h"

static const char birth_items[] =
    "[{\"name\":\"cert_no\",\"label\":\"出生医学证明编号\",\"type\":\"string\","
    "\"length\":20,\"required\":true},"
    "{\"name\":\"baby_name\",\"label\":\"新生儿姓名\",\"type\":\"string\","
    "\"length\":32,\"required\":true,\"personal\":true},"
    "{\"name\":\"sex\",\"label\":\"性别\",\"type\":\"string\",\"length\":2,"
    "\"required\":true},"
    "{\"name\":\"birth_date\",\"label\":\"出生日期\",\"type\":\"date\","
    "\"required\":true},"
    "{\"name\":\"birth_place\",\"label\":\"出生地点\",\"type\":\"string\","
    "\"length\":64},"
    "{\"name\":\"mother_name\",\"label\":\"母亲姓名\",\"type\":\"string\","
    "\"length\":32,\"required\":true,\"personal\":true},"
    "{\"name\":\"mother_idnum\",\"label\":\"母亲身份证号码\",\"type\":\"string\","
    "\"length\":18,\"required\":true,\"personal\":true},"
    "{\"name\":\"father_name\",\"label\":\"父亲姓名\",\"type\":\"string\","
    "\"length\":32,\"personal\":true},"
    "{\"name\":\"issued_on\",\"label\":\"签发日期\",\"type\":\"date\","
    "\"required\":true}]";

static const char birth_records[] =
    "[{\"cert_no\":\"Q350100001\",\"baby_name\":\"林小雨\",\"sex\":\"女\","
    "\"birth_date\":\"2026-03-02\",\"birth_place\":\"福建省妇幼保健院\","
    "\"mother_name\":\"陈丽\",\"mother_idnum\":\"350102199001011237\","
    "\"father_name\":\"林强\",\"issued_on\":\"2026-03-05\"},"
    "{\"cert_no\":\"Q350100002\",\"baby_name\":\"王子涵\",\"sex\":\"男\","
    "\"birth_date\":\"2026-03-11\",\"birth_place\":\"福州市第一医院\","
    "\"mother_name\":\"张敏\",\"mother_idnum\":\"35010219920315002X\","
    "\"issued_on\":\"2026-03-13\"},"
    "{\"cert_no\":\"Q350100003\",\"baby_name\":\"郑一诺\",\"sex\":\"女\","
    "\"birth_date\":\"2026-04-20\",\"birth_place\":\"福建省妇幼保健院\","
    "\"mother_name\":\"黄静\",\"mother_idnum\":\"350103198807120021\","
    "\"father_name\":\"郑伟\",\"issued_on\":\"2026-04-22\"}]";

static const char firm_items[] =
    "[{\"name\":\"uscc\",\"label\":\"统一社会信用代码\",\"type\":\"string\","
    "\"length\":18,\"required\":true},"
    "{\"name\":\"name\",\"label\":\"企业名称\",\"type\":\"string\","
    "\"length\":100,\"required\":true},"
    "{\"name\":\"legal_rep\",\"label\":\"法定代表人\",\"type\":\"string\","
    "\"length\":32,\"required\":true,\"personal\":true},"
    "{\"name\":\"reg_capital\",\"label\":\"注册资本（万元）\","
    "\"type\":\"decimal\",\"length\":18},"
    "{\"name\":\"established_on\",\"label\":\"成立日期\",\"type\":\"date\","
    "\"required\":true},"
    "{\"name\":\"status\",\"label\":\"登记状态\",\"type\":\"string\","
    "\"length\":16,\"required\":true}]";

static const char firm_records[] =
    "[{\"uscc\":\"91350100MA2XYZ0001\",\"name\":\"福州闽江科技有限公司\","
    "\"legal_rep\":\"李明\",\"reg_capital\":\"500\","
    "\"established_on\":\"2019-06-18\",\"status\":\"存续\"},"
    "{\"uscc\":\"91350100MA2XYZ0002\",\"name\":\"福州三坊七巷文旅有限公司\","
    "\"legal_rep\":\"吴芳\",\"reg_capital\":\"1200.5\","
    "\"established_on\":\"2021-01-08\",\"status\":\"存续\"},"
    "{\"uscc\":\"91350100MA2XYZ0003\",\"name\":\"鼓楼区榕树餐饮店\","
    "\"legal_rep\":\"陈建\",\"reg_capital\":\"10\","
    "\"established_on\":\"2016-09-30\",\"status\":\"注销\"}]";

static const char air_items[] =
    "[{\"name\":\"station\",\"label\":\"监测站点\",\"type\":\"string\","
    "\"length\":32,\"required\":true},"
    "{\"name\":\"measured_at\",\"label\":\"监测时间\",\"type\":\"datetime\","
    "\"required\":true},"
    "{\"name\":\"aqi\",\"label\":\"空气质量指数\",\"type\":\"integer\","
    "\"length\":3,\"required\":true},"
    "{\"name\":\"pm25\",\"label\":\"PM2.5（微克/立方米）\",\"type\":\"decimal\","
    "\"length\":6},"
    "{\"name\":\"good\",\"label\":\"是否优良\",\"type\":\"boolean\"}]";

static const char air_records[] =
    "[{\"station\":\"鼓楼五四北\",\"measured_at\":\"2026-05-01T08:00:00+08:00\","
    "\"aqi\":42,\"pm25\":\"18.5\",\"good\":true},"
    "{\"station\":\"鼓楼五四北\",\"measured_at\":\"2026-05-01T09:00:00+08:00\","
    "\"aqi\":55,\"pm25\":\"24\",\"good\":true},"
    "{\"station\":\"仓山师大\",\"measured_at\":\"2026-05-01T08:00:00+08:00\","
    "\"aqi\":108,\"pm25\":\"80.2\",\"good\":false}]";

static const struct {
	const char *code, *dept, *name, *name_en, *summary, *classification;
	const char *format, *sharing, *sharing_conditions, *open_attr;
	const char *open_conditions, *cycle, *published, *key, *items;
	const char *records;
} entries[] = {
	{ "wjw-0001", "wjw", "出生医学证明", "Birth Medical Certificates",
	  "本市医疗机构签发的出生医学证明信息，用于新生儿户籍登记、医保参保等。",
	  "department", "database", "conditional",
	  "用于户籍登记、社会保险参保等法定职责，经申请审核后共享所列数据项。",
	  "none", "涉及个人隐私，不予开放。", "realtime", "2026-01-15",
	  "cert_no", birth_items, birth_records },
	{ "scjg-0001", "scjg", "企业登记信息", "Business Registrations",
	  "市场主体的统一社会信用代码、名称、法定代表人、注册资本、成立日期和登记状态。",
	  "base", "database", "unconditional", "", "conditional",
	  "法定代表人信息不予开放，其余项目可申请开放。", "daily", "2026-01-10",
	  "uscc", firm_items, firm_records },
	{ "sthj-0001", "sthj", "空气质量监测", "Air Quality Monitoring",
	  "各监测站点逐小时的空气质量指数和 PM2.5 浓度。",
	  "theme", "api", "unconditional", "", "unconditional", "",
	  "realtime", "2026-02-01", "", air_items, air_records },
};

/* Grants of the birth certificates: 公安局 all items, 医保局 none of the
 * personal ones (so its reads come back masked). */
static const struct {
	const char *code, *dept, *items, *purpose;
} grants[] = {
	{ "wjw-0001", "gaj", "[\"cert_no\",\"baby_name\",\"sex\","
	  "\"birth_date\",\"birth_place\",\"mother_name\",\"mother_idnum\","
	  "\"father_name\",\"issued_on\"]", "新生儿户籍登记" },
	{ "wjw-0001", "ybj", "[\"cert_no\",\"sex\",\"birth_date\","
	  "\"issued_on\"]", "新生儿医保参保资格核验" },
};

static int64_t
dept_id(json_t *depts, const char *code)
{
	json_t	*d;
	size_t	 i;

	json_array_foreach(depts, i, d)
		if (strcmp(json_string_value(json_object_get(d, "code")),
		    code) == 0)
			return json_integer_value(json_object_get(d, "id"));
	return 0;
}

enum yw_err
yw_demo_data(struct yw_db *db, const struct yw_actor *a, FILE *log)
{
	json_t		*depts = NULL, *in = NULL, *errors = NULL, *got, *v;
	char		 code[YW_DATA_CODE_MAX];
	size_t		 i;
	int		 made = 0;
	enum yw_err	 rc;

	rc = yw_org_departments(db, NULL, &depts);
	if (rc != YW_OK)
		return rc;
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		if (yw_data_resource_get(db, a, entries[i].code, &got) ==
		    YW_OK) {
			json_decref(got);
			continue;
		}
		in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
		    " s:s, s:s, s:s, s:o}", "department_id",
		    (json_int_t)dept_id(depts, entries[i].dept), "name",
		    entries[i].name, "name_en", entries[i].name_en, "summary",
		    entries[i].summary, "classification",
		    entries[i].classification, "format", entries[i].format,
		    "sharing", entries[i].sharing, "sharing_conditions",
		    entries[i].sharing_conditions, "open_attr",
		    entries[i].open_attr, "open_conditions",
		    entries[i].open_conditions, "update_cycle",
		    entries[i].cycle, "published_on", entries[i].published,
		    "items", json_loads(entries[i].items, 0, NULL));
		json_object_set_new(in, "key_item",
		    json_string(entries[i].key));
		rc = yw_data_resource_save(db, a, NULL, in, code, &errors);
		json_decref(in);
		if (rc != YW_OK)
			goto out;
		v = json_loads(entries[i].records, 0, NULL);
		rc = yw_exchange_load(db, code, v);
		json_decref(v);
		if (rc != YW_OK)
			goto out;
		made++;
	}
	for (i = 0; made > 0 && i < sizeof(grants) / sizeof(grants[0]); i++) {
		v = json_loads(grants[i].items, 0, NULL);
		rc = yw_data_grant_save(db, a, grants[i].code, dept_id(depts,
		    grants[i].dept), v, grants[i].purpose, &errors);
		json_decref(v);
		if (rc != YW_OK)
			goto out;
	}
	if (log != NULL)
		fprintf(log, "demo data: %d catalogue entries added\n", made);
out:
	if (rc != YW_OK && log != NULL && errors != NULL) {
		char *e = json_dumps(errors, 0);

		fprintf(log, "demo data: %s %s\n", yw_err_code(rc),
		    e != NULL ? e : "");
		free(e);
	}
	json_decref(errors);
	json_decref(depts);
	return rc;
}
