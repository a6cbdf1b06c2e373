/*
 * demo_cases.c - the demo's application forms and bundles as data. Forms
 * are built from shared field definitions, so a field asked by several
 * items of a bundle is the same field and the bundle's one form asks it
 * once (formdef.h merges by name). Field text follows the published
 * guides of Fuzhou in substance; it is demonstration data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/demo/demo_cases.h"
#include "app/service/bundle.h"
#include "app/service/catalog.h"

#define F_APPLICANT_NAME \
	"{\"name\":\"applicant_name\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"申请人姓名\",\"en\":\"Applicant's name\"}," \
	"\"required\":true,\"max\":50}"

#define F_APPLICANT_IDNUM \
	"{\"name\":\"applicant_idnum\",\"type\":\"idnum\"," \
	"\"label\":{\"zh\":\"申请人身份证号码\"," \
	"\"en\":\"Applicant's ID card number\"},\"required\":true," \
	"\"hint\":{\"zh\":\"18 位居民身份证号码，最后一位可能是 X。\"," \
	"\"en\":\"18 characters; the last one may be X.\"}}"

#define F_PHONE \
	"{\"name\":\"phone\",\"type\":\"phone\"," \
	"\"label\":{\"zh\":\"手机号码\"," \
	"\"en\":\"Mobile phone number\"},\"required\":true," \
	"\"hint\":{\"zh\":\"用于接收办理进度通知，也用于凭办件编号查询进度。\"," \
	"\"en\":\"For progress messages," \
	" and to look the case up with its tracking number.\"}}"

#define F_EMAIL \
	"{\"name\":\"email\",\"type\":\"email\"," \
	"\"label\":{\"zh\":\"电子邮箱\",\"en\":\"E-mail address\"}," \
	"\"hint\":{\"zh\":\"选填，用于接收办结通知。\"," \
	"\"en\":\"Optional; for the notice when the case is done.\"}}"

#define F_CHILD_NAME \
	"{\"name\":\"child_name\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"新生儿姓名\",\"en\":\"Baby's name\"}," \
	"\"required\":true,\"max\":50}"

#define F_CHILD_GENDER \
	"{\"name\":\"child_gender\",\"type\":\"choice\"," \
	"\"label\":{\"zh\":\"新生儿性别\",\"en\":\"Baby's sex\"}," \
	"\"required\":true,\"options\":[{\"value\":\"m\"," \
	"\"label\":{\"zh\":\"男\",\"en\":\"Male\"}}," \
	"{\"value\":\"f\",\"label\":{\"zh\":\"女\"," \
	"\"en\":\"Female\"}}]}"

#define F_CHILD_BIRTH_DATE \
	"{\"name\":\"child_birth_date\",\"type\":\"date\"," \
	"\"label\":{\"zh\":\"出生日期\",\"en\":\"Date of birth\"}," \
	"\"required\":true,\"past\":true}"

#define F_BIRTH_HOSPITAL \
	"{\"name\":\"birth_hospital\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"出生医院\",\"en\":\"Hospital of birth\"}," \
	"\"required\":true,\"max\":100}"

#define F_RELATION \
	"{\"name\":\"relation\",\"type\":\"choice\"," \
	"\"label\":{\"zh\":\"申请人与新生儿关系\"," \
	"\"en\":\"Your relation to the baby\"},\"required\":true," \
	"\"options\":[{\"value\":\"father\"," \
	"\"label\":{\"zh\":\"父亲\",\"en\":\"Father\"}}," \
	"{\"value\":\"mother\",\"label\":{\"zh\":\"母亲\"," \
	"\"en\":\"Mother\"}},{\"value\":\"guardian\"," \
	"\"label\":{\"zh\":\"其他监护人\"," \
	"\"en\":\"Other guardian\"}}]}"

#define F_BIRTH_RECORD \
	"{\"name\":\"birth_record\",\"type\":\"attachment\"," \
	"\"label\":{\"zh\":\"新生儿出生信息登记表（扫描件）\"," \
	"\"en\":\"Birth registration record (scan)\"}," \
	"\"required\":true," \
	"\"hint\":{\"zh\":\"由出生医院提供、父母签字确认的登记表，拍照或扫描上传。\"," \
	"\"en\":\"The record the hospital gives you," \
	" signed by the parents: a photo or scan.\"}," \
	"\"accept\":[\"pdf\",\"jpeg\",\"png\"]," \
	"\"max_bytes\":5242880,\"material\":\"出生医学证明\"}"

#define F_HUKOU_REGION \
	"{\"name\":\"hukou_region\",\"type\":\"region\"," \
	"\"label\":{\"zh\":\"落户地区\"," \
	"\"en\":\"District to register in\"},\"required\":true," \
	"\"hint\":{\"zh\":\"父亲或母亲常住户口所在地。\"," \
	"\"en\":\"Where the father's or mother's household is registered.\"}}"

#define F_HUKOU_ADDRESS \
	"{\"name\":\"hukou_address\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"落户详细地址\"," \
	"\"en\":\"Registered address\"},\"required\":true," \
	"\"max\":200}"

#define F_HOUSEHOLD_BOOK \
	"{\"name\":\"household_book\",\"type\":\"attachment\"," \
	"\"label\":{\"zh\":\"户口簿户主页和本人页（扫描件）\"," \
	"\"en\":\"Household register: head's and own page (scan)\"}," \
	"\"hint\":{\"zh\":\"选填；已由公安部门共享获取的可不上传。\"," \
	"\"en\":\"Optional when the police already hold it.\"}," \
	"\"accept\":[\"pdf\",\"jpeg\",\"png\"]," \
	"\"max_bytes\":5242880}"

#define F_BANK \
	"{\"name\":\"bank\",\"type\":\"choice\"," \
	"\"label\":{\"zh\":\"社会保障卡合作银行\"," \
	"\"en\":\"Bank for the social security card\"}," \
	"\"required\":true,\"options\":[{\"value\":\"icbc\"," \
	"\"label\":{\"zh\":\"中国工商银行\",\"en\":\"ICBC\"}}," \
	"{\"value\":\"abc\",\"label\":{\"zh\":\"中国农业银行\"," \
	"\"en\":\"Agricultural Bank of China\"}}," \
	"{\"value\":\"boc\",\"label\":{\"zh\":\"中国银行\"," \
	"\"en\":\"Bank of China\"}},{\"value\":\"ccb\"," \
	"\"label\":{\"zh\":\"中国建设银行\"," \
	"\"en\":\"China Construction Bank\"}},{\"value\":\"fjnx\"," \
	"\"label\":{\"zh\":\"福建省农村信用社\"," \
	"\"en\":\"Fujian Rural Credit Union\"}}," \
	"{\"value\":\"hxb\",\"label\":{\"zh\":\"华夏银行\"," \
	"\"en\":\"Hua Xia Bank\"}}]}"

#define F_MAIL_ADDRESS \
	"{\"name\":\"mail_address\",\"type\":\"textarea\"," \
	"\"label\":{\"zh\":\"证件邮寄地址\"," \
	"\"en\":\"Postal address for the card\"}," \
	"\"required\":true," \
	"\"hint\":{\"zh\":\"办结后户口簿、社会保障卡免费邮寄到此地址。\"," \
	"\"en\":\"The household register page and the card are posted here free of charge.\"}," \
	"\"max\":300}"

#define F_COMPANY_NAME \
	"{\"name\":\"company_name\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"企业名称\",\"en\":\"Company name\"}," \
	"\"required\":true,\"hint\":{\"zh\":\"须已通过名称自主申报。\"," \
	"\"en\":\"As reserved through name self-declaration.\"}," \
	"\"max\":100}"

#define F_CAPITAL \
	"{\"name\":\"registered_capital\",\"type\":\"number\"," \
	"\"label\":{\"zh\":\"注册资本（万元）\"," \
	"\"en\":\"Registered capital (10,000 yuan)\"}," \
	"\"required\":true,\"min\":0.01,\"max\":10000000}"

#define F_SCOPE \
	"{\"name\":\"business_scope\",\"type\":\"textarea\"," \
	"\"label\":{\"zh\":\"经营范围\",\"en\":\"Business scope\"}," \
	"\"required\":true,\"max\":1000}"

#define F_COMPANY_REGION \
	"{\"name\":\"company_region\",\"type\":\"region\"," \
	"\"label\":{\"zh\":\"住所所在地区\"," \
	"\"en\":\"District of the registered address\"}," \
	"\"required\":true}"

#define F_COMPANY_ADDRESS \
	"{\"name\":\"company_address\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"住所详细地址\"," \
	"\"en\":\"Registered address\"},\"required\":true," \
	"\"max\":200}"

#define F_ARTICLES \
	"{\"name\":\"articles\",\"type\":\"attachment\"," \
	"\"label\":{\"zh\":\"公司章程（全体股东签字）\"," \
	"\"en\":\"Articles of association (signed by all shareholders)\"}," \
	"\"required\":true,\"accept\":[\"pdf\"]," \
	"\"max_bytes\":10485760}"

#define F_SEAL_COUNT \
	"{\"name\":\"seal_count\",\"type\":\"number\"," \
	"\"label\":{\"zh\":\"刻制印章枚数\",\"en\":\"Number of seals\"}," \
	"\"required\":true,\"min\":1,\"max\":10,\"integer\":true}"

#define F_EMPLOYEES \
	"{\"name\":\"employee_count\",\"type\":\"number\"," \
	"\"label\":{\"zh\":\"参保职工人数\"," \
	"\"en\":\"Employees to insure\"},\"required\":true," \
	"\"min\":0,\"max\":100000,\"integer\":true}"

#define F_FUND_RATIO \
	"{\"name\":\"fund_ratio\",\"type\":\"choice\"," \
	"\"label\":{\"zh\":\"住房公积金缴存比例\"," \
	"\"en\":\"Housing fund contribution rate\"}," \
	"\"required\":true,\"options\":[{\"value\":\"5\"," \
	"\"label\":{\"zh\":\"5%\",\"en\":\"5%\"}}," \
	"{\"value\":\"8\",\"label\":{\"zh\":\"8%\"," \
	"\"en\":\"8%\"}},{\"value\":\"12\"," \
	"\"label\":{\"zh\":\"12%\",\"en\":\"12%\"}}]}"

#define F_ACCOUNTANT \
	"{\"name\":\"accountant_name\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"办税人员姓名\"," \
	"\"en\":\"Tax contact's name\"},\"max\":50}"

#define F_BIRTH_DATE \
	"{\"name\":\"birth_date\",\"type\":\"date\"," \
	"\"label\":{\"zh\":\"本人出生日期\"," \
	"\"en\":\"Your date of birth\"},\"required\":true," \
	"\"past\":true}"

#define F_EMPLOYER \
	"{\"name\":\"employer\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"参保单位名称\",\"en\":\"Employer\"}," \
	"\"required\":true,\"max\":100}"

#define F_YEARS \
	"{\"name\":\"contribution_years\",\"type\":\"number\"," \
	"\"label\":{\"zh\":\"累计缴费年限（年）\"," \
	"\"en\":\"Years of contributions\"},\"required\":true," \
	"\"min\":0,\"max\":60}"

#define F_RETIRE_KIND \
	"{\"name\":\"retirement_kind\",\"type\":\"choice\"," \
	"\"label\":{\"zh\":\"退休类别\"," \
	"\"en\":\"Kind of retirement\"},\"required\":true," \
	"\"options\":[{\"value\":\"normal\"," \
	"\"label\":{\"zh\":\"正常退休\",\"en\":\"At pension age\"}}," \
	"{\"value\":\"special\",\"label\":{\"zh\":\"特殊工种提前退休\"," \
	"\"en\":\"Early: special work\"}},{\"value\":\"illness\"," \
	"\"label\":{\"zh\":\"因病提前退休\"," \
	"\"en\":\"Early: illness\"}}]}"

#define F_BANK_ACCOUNT \
	"{\"name\":\"bank_account\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"养老金发放银行账号\"," \
	"\"en\":\"Bank account for the pension\"}," \
	"\"required\":true,\"max\":30}"

#define F_ID_SCAN \
	"{\"name\":\"id_scan\",\"type\":\"attachment\"," \
	"\"label\":{\"zh\":\"居民身份证正反面（扫描件）\",\"en\":\"ID card," \
	" both sides (scan)\"},\"required\":true," \
	"\"accept\":[\"pdf\",\"jpeg\",\"png\"]," \
	"\"max_bytes\":5242880}"

#define F_FUND_ACCOUNT \
	"{\"name\":\"fund_account\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"住房公积金个人账号\"," \
	"\"en\":\"Housing fund account number\"}," \
	"\"hint\":{\"zh\":\"选填；不填写的按身份证号码查找。\"," \
	"\"en\":\"Optional; looked up by ID number otherwise.\"}," \
	"\"max\":30}"

#define F_PARTNER_NAME \
	"{\"name\":\"partner_name\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"对方姓名\",\"en\":\"Partner's name\"}," \
	"\"required\":true,\"max\":50}"

#define F_PARTNER_IDNUM \
	"{\"name\":\"partner_idnum\",\"type\":\"idnum\"," \
	"\"label\":{\"zh\":\"对方身份证号码\"," \
	"\"en\":\"Partner's ID card number\"},\"required\":true}"

#define F_VISIT_DATE \
	"{\"name\":\"visit_date\",\"type\":\"date\"," \
	"\"label\":{\"zh\":\"预约登记日期\"," \
	"\"en\":\"Appointment date\"},\"required\":true," \
	"\"future\":true}"

#define F_DEST \
	"{\"name\":\"destination\",\"type\":\"text\"," \
	"\"label\":{\"zh\":\"就医地（省市）\"," \
	"\"en\":\"Where you will be treated\"},\"required\":true," \
	"\"max\":100}"

#define F_START_DATE \
	"{\"name\":\"start_date\",\"type\":\"date\"," \
	"\"label\":{\"zh\":\"备案开始日期\",\"en\":\"Starting from\"}," \
	"\"required\":true,\"future\":true}"

/* An item of the demo catalogue, by department code and name. */
struct demo_ref {
	const char	*dept;
	const char	*name;
};

static const struct {
	struct demo_ref	 item;
	const char	*fields;	/* the members of "fields": [...] */
} forms[] = {
	{ { "wjw", "出生医学证明首次签发" },
	  F_CHILD_NAME "," F_CHILD_GENDER "," F_CHILD_BIRTH_DATE ","
	  F_BIRTH_HOSPITAL "," F_APPLICANT_NAME "," F_APPLICANT_IDNUM ","
	  F_RELATION "," F_PHONE "," F_BIRTH_RECORD },
	{ { "gaj", "出生登记（新生儿落户）" },
	  F_CHILD_NAME "," F_CHILD_GENDER "," F_CHILD_BIRTH_DATE ","
	  F_APPLICANT_NAME "," F_APPLICANT_IDNUM "," F_RELATION "," F_PHONE
	  "," F_HUKOU_REGION "," F_HUKOU_ADDRESS "," F_HOUSEHOLD_BOOK },
	{ { "ybj", "新生儿城乡居民基本医疗保险参保登记" },
	  F_CHILD_NAME "," F_CHILD_GENDER "," F_CHILD_BIRTH_DATE ","
	  F_APPLICANT_NAME "," F_APPLICANT_IDNUM "," F_PHONE },
	{ { "rsj", "社会保障卡申领" },
	  F_CHILD_NAME "," F_APPLICANT_NAME "," F_APPLICANT_IDNUM ","
	  F_PHONE "," F_BANK "," F_MAIL_ADDRESS },
	{ { "scjg", "有限责任公司设立登记" },
	  F_COMPANY_NAME "," F_CAPITAL "," F_SCOPE "," F_COMPANY_REGION ","
	  F_COMPANY_ADDRESS "," F_APPLICANT_NAME "," F_APPLICANT_IDNUM ","
	  F_PHONE "," F_EMAIL "," F_ARTICLES },
	{ { "gaj", "公章刻制备案" },
	  F_COMPANY_NAME "," F_APPLICANT_NAME "," F_APPLICANT_IDNUM ","
	  F_PHONE "," F_SEAL_COUNT },
	{ { "swj", "新办纳税人涉税事项" },
	  F_COMPANY_NAME "," F_APPLICANT_NAME "," F_APPLICANT_IDNUM ","
	  F_PHONE "," F_ACCOUNTANT },
	{ { "rsj", "单位社会保险参保登记" },
	  F_COMPANY_NAME "," F_APPLICANT_NAME "," F_APPLICANT_IDNUM ","
	  F_PHONE "," F_EMPLOYEES },
	{ { "zjj", "住房公积金单位缴存登记" },
	  F_COMPANY_NAME "," F_APPLICANT_NAME "," F_APPLICANT_IDNUM ","
	  F_PHONE "," F_EMPLOYEES "," F_FUND_RATIO },
	{ { "rsj", "职工正常退休（职）核准" },
	  F_APPLICANT_NAME "," F_APPLICANT_IDNUM "," F_BIRTH_DATE ","
	  F_EMPLOYER "," F_YEARS "," F_RETIRE_KIND "," F_PHONE "," F_ID_SCAN },
	{ { "rsj", "职工基本养老金申领" },
	  F_APPLICANT_NAME "," F_APPLICANT_IDNUM "," F_EMPLOYER "," F_YEARS
	  "," F_BANK_ACCOUNT "," F_PHONE },
	{ { "ybj", "退休人员基本医疗保险待遇核定" },
	  F_APPLICANT_NAME "," F_APPLICANT_IDNUM "," F_EMPLOYER "," F_PHONE },
	{ { "zjj", "退休提取住房公积金" },
	  F_APPLICANT_NAME "," F_APPLICANT_IDNUM "," F_PHONE ","
	  F_FUND_ACCOUNT "," F_BANK_ACCOUNT },
	{ { "mzj", "内地居民结婚登记" },
	  F_APPLICANT_NAME "," F_APPLICANT_IDNUM "," F_PARTNER_NAME ","
	  F_PARTNER_IDNUM "," F_VISIT_DATE "," F_PHONE "," F_EMAIL },
	{ { "ybj", "异地就医备案" },
	  F_APPLICANT_NAME "," F_APPLICANT_IDNUM "," F_DEST "," F_START_DATE
	  "," F_PHONE "," F_EMAIL },
};

#define BUNDLE_ITEMS	5

static const struct {
	const char	*code, *name, *name_en, *event, *summary, *summary_en;
	struct {
		struct demo_ref	item;
		int		stage;
	} items[BUNDLE_ITEMS];
} bundles[] = {
	{ "birth", "新生儿出生一件事", "Having a baby: one application",
	  "birth",
	  "一次填写、一次提交，同时申请出生医学证明、出生登记（落户）和新生儿"
	  "医保参保；落户和参保完成后自动申领社会保障卡。",
	  "Fill in one form once to apply for the birth certificate, the "
	  "baby's household registration and health insurance together; the "
	  "social security card follows once those are done.",
	  { { { "wjw", "出生医学证明首次签发" }, 1 },
	    { { "gaj", "出生登记（新生儿落户）" }, 1 },
	    { { "ybj", "新生儿城乡居民基本医疗保险参保登记" }, 1 },
	    { { "rsj", "社会保障卡申领" }, 2 } } },
	{ "business-start", "开办企业一件事", "Starting a business: one "
	  "application", "business-start",
	  "设立登记后，印章刻制、税务、社保和公积金开户同步办理，一般 3 个"
	  "工作日内全部办结。",
	  "After the company is registered, seals, tax, social insurance and "
	  "housing fund accounts are set up at the same time, usually within "
	  "3 working days.",
	  { { { "scjg", "有限责任公司设立登记" }, 1 },
	    { { "gaj", "公章刻制备案" }, 2 },
	    { { "swj", "新办纳税人涉税事项" }, 2 },
	    { { "rsj", "单位社会保险参保登记" }, 2 },
	    { { "zjj", "住房公积金单位缴存登记" }, 2 } } },
	{ "retirement", "退休一件事", "Retiring: one application", "retirement",
	  "退休核准后，养老金申领、退休医保待遇核定和住房公积金提取一并办理。",
	  "Once retirement is approved, the pension, retirees' health "
	  "insurance and the housing fund withdrawal follow together.",
	  { { { "rsj", "职工正常退休（职）核准" }, 1 },
	    { { "rsj", "职工基本养老金申领" }, 2 },
	    { { "ybj", "退休人员基本医疗保险待遇核定" }, 2 },
	    { { "zjj", "退休提取住房公积金" }, 2 } } },
};

/* The code of the item ref in list (yw_catalog_admin_list), or NULL:
 * codes read <region6>-<department code>-<type>-<seq>. */
static const char *
find(json_t *list, const struct demo_ref *ref)
{
	json_t		*it;
	const char	*code, *name;
	size_t		 i, n, d;

	d = strlen(ref->dept);
	json_array_foreach(list, i, it) {
		code = json_string_value(json_object_get(it, "code"));
		name = json_string_value(json_object_get(it, "name"));
		if (code == NULL || name == NULL || strcmp(name, ref->name) != 0)
			continue;
		n = strlen(code);
		if (n == 7 + d + 8 && strncmp(code + 7, ref->dept, d) == 0)
			return code;
	}
	fprintf(stderr, "demo: no item %s of %s\n", ref->name, ref->dept);
	return NULL;
}

static void
report(const char *what, const char *name, json_t *errors)
{
	char *e = errors != NULL ? json_dumps(errors, JSON_COMPACT) : NULL;

	fprintf(stderr, "demo %s %s: %s\n", what, name, e != NULL ? e : "");
	free(e);
}

static enum yw_err
load_forms(struct yw_db *db, const struct yw_actor *a, json_t *list)
{
	json_t		*def, *errors;
	const char	*code;
	char		*text;
	size_t		 i, len;
	enum yw_err	 rc;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		code = find(list, &forms[i].item);
		if (code == NULL)
			continue;
		len = strlen(forms[i].fields) + 16;
		text = malloc(len);
		if (text == NULL)
			return YW_ENOMEM;
		(void)snprintf(text, len, "{\"fields\":[%s]}", forms[i].fields);
		def = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
		free(text);
		if (def == NULL) {
			fprintf(stderr, "demo form %s: not JSON\n",
			    forms[i].item.name);
			return YW_EINTERNAL;
		}
		errors = NULL;
		rc = yw_bundle_set_form(db, a, code, def, &errors);
		json_decref(def);
		if (rc != YW_OK) {
			report("form", forms[i].item.name, errors);
			json_decref(errors);
			return rc;
		}
	}
	return YW_OK;
}

static enum yw_err
load_bundles(struct yw_db *db, const struct yw_actor *a, json_t *list)
{
	json_t		*in, *items, *errors;
	const char	*code;
	size_t		 i, j;
	enum yw_err	 rc;

	for (i = 0; i < sizeof(bundles) / sizeof(bundles[0]); i++) {
		items = json_array();
		for (j = 0; j < BUNDLE_ITEMS && bundles[i].items[j].stage > 0;
		    j++) {
			code = find(list, &bundles[i].items[j].item);
			if (code != NULL)
				json_array_append_new(items, json_pack(
				    "{s:s, s:i}", "code", code, "stage",
				    bundles[i].items[j].stage));
		}
		in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
		    "code", bundles[i].code, "name", bundles[i].name,
		    "name_en", bundles[i].name_en, "event", bundles[i].event,
		    "summary", bundles[i].summary, "summary_en",
		    bundles[i].summary_en, "region_code", "350100000000",
		    "items", items);
		errors = NULL;
		rc = yw_bundle_define(db, a, in, NULL, &errors);
		json_decref(in);
		if (rc != YW_OK) {
			report("bundle", bundles[i].code, errors);
			json_decref(errors);
			return rc;
		}
	}
	return YW_OK;
}

enum yw_err
yw_demo_cases(struct yw_db *db, const struct yw_actor *a, FILE *log)
{
	json_t		*list;
	enum yw_err	 rc;

	rc = yw_catalog_admin_list(db, a, &list);
	if (rc != YW_OK)
		return rc;
	rc = load_forms(db, a, list);
	if (rc == YW_OK)
		rc = load_bundles(db, a, list);
	json_decref(list);
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo applying: %zu forms, %zu bundles\n",
		    sizeof(forms) / sizeof(forms[0]),
		    sizeof(bundles) / sizeof(bundles[0]));
	return rc;
}
