/*
 * demo_kb.c - the demo city's knowledge base answers (demo_kb.h).
 */
#include <string.h>

#include "app/demo/demo.h"
#include "app/demo/demo_kb.h"
#include "app/interact/kb.h"
#include "app/org/org.h"
#include "core/timeutil.h"

static const struct {
	const char *dept, *category, *question, *answer;
} answers[] = {
	{ "rsj", "social_security", "社保卡丢了怎么补办？",
	  "可携带本人身份证到任一社保卡服务网点办理挂失和补卡，也可在“闽政通”"
	  "App 或本平台“社会保障卡补换”事项在线申请，补卡工本费按规定收取，"
	  "一般 5 个工作日内可领取新卡。" },
	{ "rsj", "social_security", "灵活就业人员怎么缴纳社保？",
	  "灵活就业人员可凭身份证到户籍地或居住地社保经办机构办理参保登记，"
	  "按月或按年缴纳基本养老保险费和医疗保险费，缴费基数可在当地公布的"
	  "上下限之间自行选择。" },
	{ "rsj", "social_security", "社保缴费记录怎么查询？",
	  "登录本平台“我的账户”或社保卡服务网点的自助终端，凭身份证号码即可"
	  "查询个人社保缴费明细，也可拨打 12333 热线查询。" },
	{ "rsj", "social_security", "离职后社保怎么转移？",
	  "跨统筹地区就业的，由新参保地社保经办机构受理养老保险关系转移申请，"
	  "个人无需回原参保地办理，转移手续一般在 15 个工作日内办结。" },
	{ "rsj", "social_security", "失业保险金怎么申领？",
	  "非因本人意愿中断就业、已办理失业登记并有求职要求的参保人员，"
	  "可在本平台或社保经办机构申领失业保险金，审核通过后按月发放。" },
	{ "rsj", "social_security", "退休养老金什么时候开始领取？",
	  "达到法定退休年龄且累计缴费满 15 年的，可在退休前一个月申请办理"
	  "退休手续，审批通过后次月起按月领取基本养老金。" },
	{ "gaj", "public_security", "户口迁入福州需要什么条件？",
	  "在本市有合法稳定住所并连续居住、或有合法稳定就业并参加社保的人员，"
	  "可申请户口迁入；具体材料以“户口迁入”办事指南为准。" },
	{ "gaj", "public_security", "新生儿怎么办理户口登记？",
	  "婴儿出生后一个月内，由父母一方持出生医学证明、父母身份证和户口簿"
	  "到户籍派出所申报出生登记，也可通过“新生儿出生一件事”一次办理。" },
	{ "gaj", "public_security", "身份证丢了怎么补办？",
	  "可到任一户籍派出所或出入境窗口申请补领居民身份证，现场采集照片和"
	  "指纹，一般 20 个工作日内制证完成，可选择邮寄到家。" },
	{ "gaj", "public_security", "户籍证明在哪里开？",
	  "户籍证明可在本平台在线申请电子证明，也可到户籍所在地派出所窗口"
	  "办理，当场出具。" },
	{ "gaj", "public_security", "居住证怎么办理？",
	  "在本市居住半年以上并有合法稳定就业、住所或连续就读的，可向居住地"
	  "派出所申领居住证，办理时需提供身份证和居住证明材料。" },
	{ "zjj", "housing", "住房公积金怎么提取？",
	  "购房、租房、偿还住房贷款等情形可申请提取住房公积金。职工可通过"
	  "本平台、公积金 App 或柜台办理，资料齐全的一般 3 个工作日内到账。" },
	{ "zjj", "housing", "租房可以提取公积金吗？",
	  "无自有住房且租房自住的职工可按规定额度提取住房公积金支付房租，"
	  "每年可提取一次，需提供无房证明或租赁备案材料。" },
	{ "zjj", "housing", "公积金贷款额度怎么计算？",
	  "公积金贷款额度按缴存余额倍数、还款能力和房价比例计算，取三者中的"
	  "最低值，且不超过本市公布的最高贷款额度。" },
	{ "zjj", "housing", "离职后公积金账户怎么处理？",
	  "离职后公积金账户将封存，新单位可办理转移接续；与单位终止劳动关系"
	  "且符合条件的，也可申请提取。" },
	{ "scjg", "market", "个体工商户营业执照怎么办理？",
	  "经营者可通过本平台“开办企业一件事”或市场监管局窗口申请个体工商户"
	  "登记，材料齐全的当场或 1 个工作日内发放营业执照。" },
	{ "scjg", "market", "营业执照地址变更怎么办？",
	  "企业变更住所的，应在变更之日起 30 日内向登记机关申请变更登记，"
	  "可全程网上办理，换发新的营业执照。" },
	{ "scjg", "market", "营业执照丢失怎么补办？",
	  "可通过国家企业信用信息公示系统发布遗失公告，再向登记机关申请补领"
	  "营业执照，也可直接申领电子营业执照。" },
	{ "scjg", "market", "公司注销需要哪些流程？",
	  "一般经过清算、税务注销、公告和登记注销等环节；未开业或无债权债务的"
	  "企业可适用简易注销程序，公示期 20 日。" },
	{ "scjg", "market", "消费者权益受到侵害怎么投诉？",
	  "可拨打 12315 热线、登录全国 12315 平台或在本平台投诉栏目提交投诉，"
	  "市场监管部门会在规定时间内处理并答复。" },
	{ "ybj", "health", "异地就医怎么备案？",
	  "参保人可通过国家医保服务平台 App 或本平台办理异地就医备案，备案后"
	  "在就医地定点医疗机构可直接结算。" },
	{ "ybj", "health", "医保报销比例是多少？",
	  "职工医保和城乡居民医保在不同级别医院的报销比例不同，具体以本市"
	  "当年公布的医保待遇政策为准。" },
	{ "ybj", "health", "新生儿怎么参加医保？",
	  "新生儿办理户口登记后即可参加城乡居民医保，可通过“新生儿出生一件事”"
	  "一并办理，出生当年的医保费用可按规定报销。" },
	{ "swj", "general", "个人所得税怎么办理年度汇算？",
	  "每年 3 月 1 日至 6 月 30 日，纳税人可通过个人所得税 App 办理上一年度"
	  "综合所得年度汇算，多退少补。" },
	{ "swj", "general", "发票丢失怎么处理？",
	  "丢失增值税发票的，可凭对方加盖发票专用章的记账联复印件作为记账"
	  "凭证，具体按税务机关规定办理。" },
	{ "jyj", "education", "小学入学报名需要什么材料？",
	  "一般需要儿童户口簿、出生医学证明、房产证明或居住证等材料，具体以"
	  "当年教育局公布的招生工作方案为准。" },
	{ "jyj", "education", "随迁子女怎么入学？",
	  "持有本市居住证的随迁子女可按规定申请在居住地入学，由教育部门统筹"
	  "安排学位。" },
	{ "mzj", "civil_affairs", "结婚登记需要什么材料？",
	  "双方本人持身份证、户口簿和近期半身免冠合影照片，到婚姻登记机关"
	  "办理，目前已实行全国通办。" },
	{ "mzj", "civil_affairs", "低保怎么申请？",
	  "共同生活的家庭成员人均收入低于当地低保标准且财产符合规定的，可向"
	  "户籍所在地乡镇（街道）提出申请。" },
	{ "mzj", "civil_affairs", "高龄津贴怎么领取？",
	  "80 周岁以上老年人可向户籍所在地社区申请高龄津贴，审核通过后按月"
	  "发放到本人社保卡。" },
};

enum yw_err
yw_demo_kb(struct yw_db *db, const struct yw_actor *a, FILE *log)
{
	json_t		*deps, *in, *errors;
	size_t		 i, n;
	int		 added = 0;
	enum yw_err	 rc;

	rc = yw_org_departments(db, NULL, &deps);
	if (rc != YW_OK)
		return rc;
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		in = json_pack("{s:I, s:s, s:s, s:s, s:b}", "department_id",
		    (json_int_t)yw_demo_dept_id(deps, answers[i].dept), "category",
		    answers[i].category, "question", answers[i].question,
		    "answer", answers[i].answer, "published", 1);
		errors = NULL;
		rc = yw_kb_save(db, a, 0, in, yw_time_now(), NULL, &errors);
		json_decref(in);
		/* Already there: the department has that question. */
		if (rc == YW_EINVAL && json_object_get(errors, "question") !=
		    NULL) {
			json_decref(errors);
			rc = YW_OK;
			continue;
		}
		json_decref(errors);
		if (rc != YW_OK)
			break;
		added++;
	}
	json_decref(deps);
	if (rc == YW_OK)
		rc = yw_kb_reindex(db, &n);
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo knowledge base: %d answer(s) added, %zu "
		    "entries indexed\n", added, n);
	return rc;
}
