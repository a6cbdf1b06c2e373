/*
 * demo_data.c - three catalogue entries of the demo city with records and
 * grants, so the exchange has something to share after `make run`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/data/data.h"
#include "app/data/exchange.h"
#include "app/data/open.h"
#include "app/data/open_keywords.h"
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

/*
 * Open data at scale: about thirty more entries across the departments,
 * their records generated deterministically (a fixed linear congruential
 * sequence) and loaded through yw_exchange_load, so the records are real
 * and filtered as pushed ones are. Sizes are kept so that `yiwang demo`
 * stays quick on PostgreSQL too.
 */
static const char *const districts[] = {
	"鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区"
};

static unsigned
lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

#define FACILITY_ITEMS \
    "[{\"name\":\"name\",\"label\":\"名称\",\"type\":\"string\",\"length\":64," \
    "\"required\":true},{\"name\":\"category\",\"label\":\"类别\",\"type\":" \
    "\"string\",\"length\":32},{\"name\":\"district\",\"label\":\"所在区\"," \
    "\"type\":\"string\",\"length\":16,\"required\":true},{\"name\":" \
    "\"address\",\"label\":\"地址\",\"type\":\"string\",\"length\":128}," \
    "{\"name\":\"phone\",\"label\":\"联系电话\",\"type\":\"string\"," \
    "\"length\":20},{\"name\":\"capacity\",\"label\":\"规模\",\"type\":" \
    "\"integer\",\"length\":6}]"

#define AIR_ITEMS \
    "[{\"name\":\"station\",\"label\":\"监测站点\",\"type\":\"string\"," \
    "\"length\":32,\"required\":true},{\"name\":\"measured_at\",\"label\":" \
    "\"监测时间\",\"type\":\"datetime\",\"required\":true},{\"name\":\"aqi\"," \
    "\"label\":\"空气质量指数\",\"type\":\"integer\",\"length\":3," \
    "\"required\":true},{\"name\":\"pm25\",\"label\":\"PM2.5\",\"type\":" \
    "\"decimal\",\"length\":6},{\"name\":\"pm10\",\"label\":\"PM10\"," \
    "\"type\":\"decimal\",\"length\":6}]"

#define FIRM_ITEMS \
    "[{\"name\":\"uscc\",\"label\":\"统一社会信用代码\",\"type\":\"string\"," \
    "\"length\":18,\"required\":true},{\"name\":\"name\",\"label\":\"企业名称\"," \
    "\"type\":\"string\",\"length\":100,\"required\":true},{\"name\":" \
    "\"legal_rep\",\"label\":\"法定代表人\",\"type\":\"string\",\"length\":32," \
    "\"personal\":true},{\"name\":\"industry\",\"label\":\"行业\",\"type\":" \
    "\"string\",\"length\":32},{\"name\":\"district\",\"label\":\"所在区\"," \
    "\"type\":\"string\",\"length\":16},{\"name\":\"established_on\"," \
    "\"label\":\"成立日期\",\"type\":\"date\",\"required\":true}]"

#define BUS_ITEMS \
    "[{\"name\":\"line\",\"label\":\"线路\",\"type\":\"string\",\"length\":16," \
    "\"required\":true},{\"name\":\"from_stop\",\"label\":\"起点站\",\"type\":" \
    "\"string\",\"length\":32},{\"name\":\"to_stop\",\"label\":\"终点站\"," \
    "\"type\":\"string\",\"length\":32},{\"name\":\"stops\",\"label\":" \
    "\"站点数\",\"type\":\"integer\",\"length\":3},{\"name\":\"first_bus\"," \
    "\"label\":\"首班\",\"type\":\"string\",\"length\":5},{\"name\":" \
    "\"last_bus\",\"label\":\"末班\",\"type\":\"string\",\"length\":5}]"

enum shape { FACILITY, AIR, FIRM, BUS };

static const struct {
	const char *dept, *name, *name_en, *summary, *classification;
	const char *format, *open_attr, *cycle, *keywords, *kind;
	enum shape shape;
	int rows;
} open_sets[] = {
	{ "sthj", "空气质量小时数据", "Hourly Air Quality", "全市 10 个国控、省控监测站点逐小时的空气质量指数、PM2.5 和 PM10 浓度。", "theme", "api", "unconditional", "realtime", "空气质量,环境,PM2.5", NULL, AIR, 1000 },
	{ "scjg", "市场主体登记信息", "Registered Businesses", "本市市场主体的统一社会信用代码、名称、行业、所在区和成立日期（法定代表人不开放）。", "base", "database", "unconditional", "daily", "企业,市场主体,营商环境", NULL, FIRM, 1000 },
	{ "jtys", "公交线路", "Bus Lines", "市区公交线路的起讫站点、站点数和首末班时间。", "theme", "spreadsheet", "unconditional", "monthly", "公交,交通,出行", NULL, BUS, 200 },
	{ "wjw", "医疗机构名录", "Hospitals and Clinics", "本市医疗机构的名称、类别、地址、联系电话和床位数。", "theme", "spreadsheet", "unconditional", "quarterly", "医院,医疗,卫生", "医院", FACILITY, 60 },
	{ "jyj", "中小学校名录", "Schools", "全市中小学校的名称、学段、地址和联系电话。", "theme", "spreadsheet", "unconditional", "yearly", "学校,教育", "学校", FACILITY, 75 },
	{ "scjg", "药店名录", "Pharmacies", "取得药品经营许可的零售药店名称、地址和联系电话。", "department", "spreadsheet", "unconditional", "monthly", "药店,药品", "药店", FACILITY, 100 },
	{ "jtys", "公共停车场", "Public Car Parks", "公共停车场的位置和泊位数。", "theme", "api", "unconditional", "daily", "停车,交通", "停车场", FACILITY, 60 },
	{ "wlj", "A 级旅游景区", "Rated Tourist Sites", "A 级旅游景区的名称、等级、地址和咨询电话。", "theme", "spreadsheet", "unconditional", "quarterly", "旅游,景区,文化", "景区", FACILITY, 20 },
	{ "mzj", "养老服务机构", "Elderly Care Homes", "养老机构和社区养老服务站的名称、地址、电话和床位数。", "theme", "spreadsheet", "unconditional", "quarterly", "养老,民政", "养老院", FACILITY, 30 },
	{ "sfj", "公共法律服务站点", "Public Legal Service Points", "公共法律服务中心、工作站的地址和电话。", "department", "spreadsheet", "unconditional", "yearly", "法律援助,公共法律服务", "法律服务站", FACILITY, 15 },
	{ "yjgl", "应急避难场所", "Emergency Shelters", "应急避难场所的位置和可容纳人数。", "theme", "spreadsheet", "unconditional", "yearly", "应急,避难,安全", "避难场所", FACILITY, 25 },
	{ "rsj", "社会保险经办网点", "Social Insurance Offices", "社会保险经办服务网点的地址和咨询电话。", "department", "spreadsheet", "unconditional", "yearly", "社保,人社", "社保网点", FACILITY, 12 },
	{ "ybj", "医保定点医药机构", "Designated Medical Insurance Providers", "医保定点医疗机构和定点零售药店名录。", "department", "spreadsheet", "unconditional", "monthly", "医保,定点机构", "定点机构", FACILITY, 75 },
	{ "zjj", "保障性住房项目", "Affordable Housing Projects", "公共租赁住房、保障性租赁住房项目的位置和套数。", "theme", "spreadsheet", "unconditional", "quarterly", "住房,保障房", "住房项目", FACILITY, 20 },
	{ "zrzy", "公园绿地", "Parks", "城市公园和绿地的名称、位置和面积（亩）。", "theme", "spreadsheet", "unconditional", "yearly", "公园,绿地,自然资源", "公园", FACILITY, 40 },
	{ "gaj", "出入境接待大厅", "Exit-Entry Service Halls", "出入境证件办理大厅的地址和咨询电话。", "department", "spreadsheet", "unconditional", "yearly", "出入境,公安", "出入境大厅", FACILITY, 10 },
	{ "gaj", "交通违法处理点", "Traffic Violation Service Points", "交通违法处理窗口的地址和电话。", "department", "spreadsheet", "unconditional", "yearly", "交通违法,交警", "处理点", FACILITY, 10 },
	{ "czj", "政府采购代理机构", "Procurement Agencies", "在本市登记的政府采购代理机构名录。", "department", "spreadsheet", "unconditional", "quarterly", "政府采购,财政", "代理机构", FACILITY, 30 },
	{ "wjw", "疫苗接种门诊", "Vaccination Clinics", "预防接种门诊的地址、电话和服务时间。", "theme", "spreadsheet", "unconditional", "monthly", "疫苗,接种,卫生", "接种门诊", FACILITY, 35 },
	{ "jyj", "幼儿园名录", "Kindergartens", "公办和民办幼儿园的名称、地址和学位数。", "theme", "spreadsheet", "unconditional", "yearly", "幼儿园,教育,学前", "幼儿园", FACILITY, 60 },
	{ "wlj", "公共图书馆和文化馆", "Libraries and Cultural Centres", "公共图书馆、文化馆（站）的地址和开放信息。", "theme", "spreadsheet", "unconditional", "yearly", "图书馆,文化", "图书馆", FACILITY, 15 },
	{ "sthj", "水环境质量月报", "Monthly Water Quality", "主要河流、湖库断面的水质类别（按月发布）。", "theme", "document", "unconditional", "monthly", "水质,环境", "监测断面", FACILITY, 20 },
	{ "jtys", "出租车企业名录", "Taxi Companies", "出租汽车经营企业的名称、地址和车辆数。", "department", "spreadsheet", "unconditional", "yearly", "出租车,交通", "出租车公司", FACILITY, 12 },
	{ "mzj", "婚姻登记处", "Marriage Registries", "婚姻登记机关的地址、电话和办公时间。", "department", "spreadsheet", "unconditional", "yearly", "婚姻登记,民政", "婚姻登记处", FACILITY, 10 },
	{ "zrzy", "不动产登记服务网点", "Real Estate Registration Offices", "不动产登记服务窗口的地址和电话。", "department", "spreadsheet", "unconditional", "yearly", "不动产,登记", "登记网点", FACILITY, 10 },
	{ "rsj", "职业技能培训机构", "Vocational Training Providers", "可申领培训补贴的职业技能培训机构名录。", "department", "spreadsheet", "conditional", "quarterly", "培训,就业", "培训机构", FACILITY, 0 },
	{ "zjj", "建筑施工企业资质", "Construction Firm Qualifications", "建筑施工企业资质等级（有条件开放，需申请）。", "base", "database", "conditional", "monthly", "建筑,资质", "施工企业", FACILITY, 0 },
};

/* The records of open_sets[i] as a new array (caller owns). */
static json_t *
open_rows(size_t i)
{
	json_t		*out = json_array();
	unsigned	 seed = 20260501u + (unsigned)i * 7919u, r;
	static const char *const brands[] = { "榕城", "闽都", "海峡",
	    "三山", "鼓山", "乌山" };
	static const char *const trades[] = { "科技", "贸易", "餐饮",
	    "物流", "文化", "建材", "软件", "医药" };
	static const char *const industries[] = { "信息技术", "批发零售",
	    "住宿餐饮", "交通物流", "文化旅游", "制造业" };
	static const char *const roads[] = { "五一", "八一七", "工业", "华林",
	    "六一", "福新" };
	char		 a[96], b[96], c[48], d[24];
	int		 n, h;

	for (n = 0; n < open_sets[i].rows; n++) {
		r = lcg(&seed);
		switch (open_sets[i].shape) {
		case AIR:
			h = n / 10;
			(void)snprintf(a, sizeof(a), "%s监测站%d",
			    districts[n % 6], n % 10 + 1);
			(void)snprintf(b, sizeof(b),
			    "2026-04-%02dT%02d:00:00+08:00", 1 + h / 24,
			    h % 24);
			(void)snprintf(c, sizeof(c), "%u.%u", 5 + r % 90,
			    r % 10);
			(void)snprintf(d, sizeof(d), "%u", 10 + (r >> 7) % 120);
			json_array_append_new(out, json_pack("{s:s, s:s, s:i,"
			    " s:s, s:s}", "station", a, "measured_at", b,
			    "aqi", (int)(20 + r % 130), "pm25", c, "pm10", d));
			break;
		case FIRM:
			(void)snprintf(a, sizeof(a), "91350100MA3%07d", n + 1);
			(void)snprintf(b, sizeof(b), "福州%s%s%d号有限公司",
			    brands[r % 6], trades[(r >> 4) % 8], n + 1);
			(void)snprintf(c, sizeof(c), "20%02u-%02u-%02u",
			    10 + r % 16, 1 + (r >> 5) % 12, 1 + (r >> 9) % 28);
			json_array_append_new(out, json_pack("{s:s, s:s, s:s,"
			    " s:s, s:s, s:s}", "uscc", a, "name", b,
			    "legal_rep", "（个人信息）", "industry",
			    industries[(r >> 3) % 6], "district",
			    districts[(r >> 11) % 6], "established_on", c));
			break;
		case BUS:
			(void)snprintf(a, sizeof(a), "%d路", n + 1);
			(void)snprintf(b, sizeof(b), "%s公交总站",
			    districts[r % 6]);
			(void)snprintf(c, sizeof(c), "%s枢纽站",
			    districts[(r >> 5) % 6]);
			json_array_append_new(out, json_pack("{s:s, s:s, s:s,"
			    " s:i, s:s, s:s}", "line", a, "from_stop", b,
			    "to_stop", c, "stops", (int)(8 + r % 40),
			    "first_bus", r % 2 ? "06:00" : "06:30",
			    "last_bus", r % 3 ? "21:30" : "22:30"));
			break;
		case FACILITY:
			(void)snprintf(a, sizeof(a), "%s第%d%s",
			    districts[n % 6], n + 1, open_sets[i].kind);
			(void)snprintf(b, sizeof(b), "福州市%s%s路%u号",
			    districts[n % 6], roads[r % 6],
			    1 + r % 300);
			(void)snprintf(c, sizeof(c), "0591-8%07u",
			    (r * 7u) % 10000000u);
			json_array_append_new(out, json_pack("{s:s, s:s, s:s,"
			    " s:s, s:s, s:i}", "name", a, "category",
			    open_sets[i].kind, "district", districts[n % 6],
			    "address", b, "phone", c, "capacity",
			    (int)(10 + r % 990)));
			break;
		}
	}
	return out;
}

static const char *
open_items_of(enum shape s)
{
	switch (s) {
	case AIR:
		return AIR_ITEMS;
	case FIRM:
		return FIRM_ITEMS;
	case BUS:
		return BUS_ITEMS;
	default:
		return FACILITY_ITEMS;
	}
}

/* Adds the open sets; an entry whose name its department already has is
 * left alone, so a second run adds nothing. */
static enum yw_err
demo_open(struct yw_db *db, const struct yw_actor *a, json_t *depts,
    int *made, json_t **errors)
{
	json_t		*list = NULL, *in, *v, *e;
	char		 code[YW_DATA_CODE_MAX];
	size_t		 i, j;
	int		 have;
	enum yw_err	 rc;

	rc = yw_data_resource_list(db, a, 0, &list);
	if (rc != YW_OK)
		return rc;
	for (i = 0; i < sizeof(open_sets) / sizeof(open_sets[0]); i++) {
		have = 0;
		json_array_foreach(list, j, e)
			if (strcmp(json_string_value(json_object_get(e,
			    "name")), open_sets[i].name) == 0)
				have = 1;
		if (have)
			continue;
		in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
		    " s:s, s:s, s:o}", "department_id",
		    (json_int_t)dept_id(depts, open_sets[i].dept), "name",
		    open_sets[i].name, "name_en", open_sets[i].name_en,
		    "summary", open_sets[i].summary, "classification",
		    open_sets[i].classification, "format",
		    open_sets[i].format, "sharing", "unconditional",
		    "open_attr", open_sets[i].open_attr, "open_conditions",
		    strcmp(open_sets[i].open_attr, "conditional") == 0 ?
		    "用于科研或公益用途，经提供部门审核同意后开放。" : "",
		    "update_cycle", open_sets[i].cycle, "published_on",
		    "2026-03-01", "items", json_loads(open_items_of(
		    open_sets[i].shape), 0, NULL));
		rc = yw_data_resource_save(db, a, NULL, in, code, errors);
		json_decref(in);
		if (rc == YW_OK)
			rc = yw_open_keywords_set(db, a, code,
			    open_sets[i].keywords, errors);
		if (rc == YW_OK && open_sets[i].rows > 0) {
			v = open_rows(i);
			rc = yw_exchange_load(db, code, v);
			json_decref(v);
		}
		if (rc != YW_OK)
			break;
		(*made)++;
	}
	json_decref(list);
	return rc;
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
	rc = demo_open(db, a, depts, &made, &errors);
	if (rc != YW_OK)
		goto out;
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
