/*
 * demo_services.c - the demo catalogue as data. Each item names its
 * department by code; its consultation phone is the department's and its
 * complaint phone the city's 12345 hotline. Lists are written one entry a
 * line: materials as "name|copies|form|sharing department code|notes",
 * steps as plain lines. Content follows the published guides of Fujian
 * and Fuzhou in substance; it is demonstration data, not legal advice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/demo/demo_services.h"
#include "app/org/org.h"
#include "app/service/catalog.h"

#define HOTLINE	"12345"

struct demo_service {
	const char	*dept;		/* department code */
	const char	*type;
	const char	*status;
	const char	*name;
	const char	*name_en;
	const char	*events;	/* comma-separated slugs */
	const char	*legal_basis;
	const char	*conditions;
	const char	*materials;	/* lines: see above */
	const char	*steps;		/* lines */
	int		 statutory;	/* working days; -1: not given */
	int		 promised;
	int		 visits;
	const char	*fee_kind;	/* NULL: not given */
	const char	*fee_text;
	const char	*depth;
};

static const struct demo_service items[] = {
	{ "gaj", "confirmation", "published",
	  "出生登记（新生儿落户）",
	  "Household registration of a newborn",
	  "birth",
	  "《中华人民共和国户口登记条例》第七条：婴儿出生后一个月以"
	  "内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关"
	  "申报出生登记。",
	  "在福州市出生或父母一方户籍在福州市的新生儿，由父母一方或"
	  "监护人向父亲或母亲常住户口所在地公安派出所申报出生登记。",
	  "出生医学证明|1|original|wjw|由卫健委出生医学证明信息共享"
	  "获取\n"
	  "父母双方居民户口簿|1|original||\n"
	  "父母双方居民身份证|1|original||\n"
	  "父母结婚证|1|original|mzj|由民政部门婚姻登记信息共享获取"
	  "；非婚生育的无需提供\n",
	  "申请：通过平台“新生儿出生一件事”或到派出所户籍窗口提出"
	  "申请\n"
	  "受理：户籍民警核对申请信息和共享获取的出生医学证明\n"
	  "审核：派出所审核申报事项\n"
	  "办结：登记户口，打印户口簿新生儿页并邮寄送达\n",
	  20, 1, 0, "free",
	  "", "full_online" },
	{ "gaj", "other", "published",
	  "居民身份证首次申领",
	  "First resident identity card",
	  "school",
	  "《中华人民共和国居民身份证法》第二条、第八条、第十四条。",
	  "具有福州市常住户口的中国公民。未满十六周岁的公民可以申请"
	  "领取，年满十六周岁的应当申请领取。",
	  "居民户口簿|1|original||\n"
	  "本人近期免冠彩色照片|1|electronic||现场采集，或使用经认"
	  "证的照相馆回传的数码照片\n"
	  "监护人居民身份证|1|original||未满十六周岁的由监护人陪同\n",
	  "申请：到户籍所在地派出所或区政务服务中心公安窗口申请\n"
	  "采集：现场采集人像和指纹信息\n"
	  "审核：户籍民警审核申请信息\n"
	  "制证：省公安厅统一制证\n"
	  "领取：凭办证回执到受理窗口领取，或选择邮政寄递\n",
	  60, 15, 1, "charged",
	  "工本费每证20元，按国家规定的居民身份证工本费标准收取；享"
	  "受最低生活保障的困难群众免收。", "precheck" },
	{ "gaj", "permit", "published",
	  "普通护照签发",
	  "Issuing an ordinary passport",
	  "school,employment",
	  "《中华人民共和国护照法》第五条、第六条；《中华人民共和国"
	  "出境入境管理法》第九条。",
	  "因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非"
	  "公务原因出国的中国公民；国家工作人员按规定须经单位审批。",
	  "居民身份证|1|original||\n"
	  "出入境证件照片|1|original||可在出入境窗口现场拍摄\n"
	  "中国公民出入境证件申请表|1|original||可在平台网上预填后"
	  "打印\n",
	  "预约：在平台或“移民局”政务服务平台网上预约\n"
	  "申请：到出入境窗口采集指纹和照片、提交材料\n"
	  "审批：出入境管理部门审查\n"
	  "制证：统一制作护照\n"
	  "领取：到窗口领取或邮寄送达\n",
	  15, 7, 1, "charged",
	  "普通护照每本120元。", "precheck" },
	{ "gaj", "permit", "published",
	  "购房户口迁入",
	  "Moving household registration after buying a home",
	  "housing",
	  "《中华人民共和国户口登记条例》第十条；《国务院关于进一步"
	  "推进户籍制度改革的意见》（国发〔2014〕25号）。",
	  "在福州市城区购买合法稳定住所并取得不动产权证书的人员，本"
	  "人及其共同居住生活的配偶、子女、父母可申请迁入。",
	  "居民户口簿|1|original||\n"
	  "居民身份证|1|original||\n"
	  "不动产权证书|1|original|zrzy|由自然资源和规划局不动产登"
	  "记信息共享获取\n"
	  "户口迁移申请表|1|original||网上填写\n",
	  "申请：网上提交迁移申请\n"
	  "受理：迁入地派出所受理\n"
	  "审核：核实不动产登记信息\n"
	  "迁移：迁入地和迁出地网上办理迁移手续\n"
	  "办结：在新户口簿上登记\n",
	  20, 5, 1, "free",
	  "", "precheck" },
	{ "gaj", "confirmation", "published",
	  "死亡人员户口注销",
	  "Closing the household record of a deceased person",
	  "death",
	  "《中华人民共和国户口登记条例》第八条：公民死亡，城市在葬"
	  "前，农村在一个月以内，由户主、亲属、抚养人或者邻居向户口"
	  "登记机关申报死亡登记，注销户口。",
	  "福州市户籍人员死亡后，由其亲属、户主或抚养人向户籍所在地"
	  "公安派出所申报注销户口。",
	  "居民死亡医学证明（推断）书|1|original|wjw|由卫健委共享获"
	  "取\n"
	  "死者居民户口簿|1|original||\n"
	  "死者居民身份证|1|original||无法交回的说明原因\n"
	  "申报人居民身份证|1|original||\n",
	  "申请：网上或到派出所户籍窗口申报\n"
	  "核验：核验共享获取的死亡医学证明\n"
	  "办结：注销户口，出具户口注销证明\n",
	  20, 0, 0, "free",
	  "", "full_online" },
	{ "gaj", "other", "published",
	  "公章刻制备案",
	  "Registering company seals",
	  "business-start",
	  "《国务院关于第三批取消中央指定地方实施行政许可事项的决定"
	  "》（国发〔2017〕7号）；《印铸刻字业暨制发印章管理办法》"
	  "。",
	  "依法设立的企业、个体工商户和其他组织，需要刻制公章、财务"
	  "专用章、发票专用章等印章的。",
	  "营业执照|1|electronic|scjg|由市场监管局登记信息共享获取\n"
	  "法定代表人居民身份证|1|copy||\n"
	  "印章印模|1|electronic||由刻章企业上传\n",
	  "申请：在“开办企业一件事”中勾选刻制印章并选择刻章企业\n"
	  "刻制：刻章企业按备案信息刻制\n"
	  "备案：刻章企业上传印模，公安机关备案\n"
	  "交付：印章免费寄递到企业\n",
	  1, 0, 0, "free",
	  "", "full_online" },
	{ "wjw", "public_service", "published",
	  "出生医学证明首次签发",
	  "First issue of a birth medical certificate",
	  "birth",
	  "《中华人民共和国母婴保健法》第二十三条；《中华人民共和国"
	  "母婴保健法实施办法》第二十八条。",
	  "在福州市具有助产技术服务资质的医疗机构内出生的新生儿；新"
	  "生儿父母或监护人申领。",
	  "父母双方居民身份证|1|copy||\n"
	  "新生儿出生信息登记表|1|original||由出生医院提供，父母核"
	  "对签字\n",
	  "登记：出生医院登记新生儿出生信息\n"
	  "核对：父母核对出生信息并签字确认\n"
	  "签发：医院签发出生医学证明\n"
	  "共享：出生信息同步推送公安、医保部门\n",
	  30, 3, 1, "free",
	  "", "window" },
	{ "wjw", "public_service", "published",
	  "生育登记",
	  "Registering a birth plan",
	  "marriage,birth",
	  "《中华人民共和国人口与计划生育法》第十八条；《福建省人口"
	  "与计划生育条例》。",
	  "夫妻双方至少一方户籍在福州市，或女方在福州市居住的，生育"
	  "子女均可登记，不设前置条件。",
	  "夫妻双方居民身份证|1|electronic||\n"
	  "结婚证|1|electronic|mzj|由民政部门婚姻登记信息共享获取\n",
	  "申请：在平台填写生育登记信息\n"
	  "核验：系统核验身份和婚姻信息\n"
	  "办结：生成生育服务登记凭证\n",
	  1, 0, 0, "free",
	  "", "full_online" },
	{ "wjw", "public_service", "published",
	  "预防接种证办理",
	  "Vaccination certificate",
	  "birth,school",
	  "《中华人民共和国疫苗管理法》第四十七条：国家对儿童实行预"
	  "防接种证制度。",
	  "在福州市居住的适龄儿童，出生后一个月内由监护人到居住地接"
	  "种单位办理。",
	  "出生医学证明|1|original|wjw|由出生医学证明信息共享获取\n"
	  "监护人居民身份证|1|original||\n",
	  "申请：到居住地社区卫生服务中心预防接种门诊申请\n"
	  "建档：建立儿童预防接种档案\n"
	  "发证：当场发放预防接种证\n",
	  1, 0, 1, "free",
	  "", "window" },
	{ "wjw", "permit", "published",
	  "医疗机构执业登记",
	  "Practising registration of a medical institution",
	  "business-start,business-operate",
	  "《医疗机构管理条例》第十五条、第十六条；《医疗机构管理条"
	  "例实施细则》。",
	  "已依法设立、符合医疗机构基本标准，具有相应场所、设备、资"
	  "金和医务人员的医疗机构。",
	  "医疗机构执业登记申请书|1|original||\n"
	  "营业执照或事业单位法人证书|1|electronic|scjg|由市场监管"
	  "局登记信息共享获取\n"
	  "医疗机构用房产权证明或使用证明|1|copy||\n"
	  "医疗机构建筑设计平面图|1|original||\n"
	  "医务人员执业资格证书|1|copy||按科室设置提供\n"
	  "医疗机构规章制度|1|original||\n",
	  "申请：网上提交申请材料\n"
	  "受理：卫健委受理\n"
	  "核查：组织现场审核\n"
	  "审批：作出是否准予登记的决定\n"
	  "发证：核发《医疗机构执业许可证》\n",
	  45, 20, 1, "free",
	  "", "precheck" },
	{ "rsj", "public_service", "published",
	  "社会保障卡申领",
	  "Applying for a social security card",
	  "birth,social-security",
	  "《中华人民共和国社会保险法》第五十八条：国家建立全国统一"
	  "的个人社会保障号码。个人社会保障号码为公民身份号码。",
	  "在福州市参加社会保险的人员；新生儿可在“新生儿出生一件事"
	  "”中一并申领。",
	  "居民身份证或居民户口簿|1|original||\n"
	  "本人近期免冠照片|1|electronic|gaj|可由公安人口信息共享获"
	  "取\n",
	  "申请：在平台或合作银行网点申请\n"
	  "核验：核验身份信息和参保信息\n"
	  "制卡：即时制卡或统一制卡\n"
	  "领卡：网点领取或邮寄送达\n",
	  20, 5, 0, "free",
	  "", "full_online" },
	{ "rsj", "public_service", "published",
	  "城乡居民基本养老保险参保登记",
	  "Enrolling in the basic pension scheme for urban and rura"
	  "l residents",
	  "social-security",
	  "《中华人民共和国社会保险法》第二十条、第二十一条；《国务"
	  "院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔"
	  "2014〕8号）。",
	  "年满16周岁（不含在校学生），非国家机关和事业单位工作人员"
	  "及不属于职工基本养老保险制度覆盖范围的福州市户籍居民。",
	  "居民身份证|1|original||\n"
	  "居民户口簿|1|original|gaj|可由公安户籍信息共享获取\n",
	  "申请：在平台填写参保信息\n"
	  "核验：核验户籍和参保状态\n"
	  "办结：完成参保登记，选择缴费档次\n",
	  15, 0, 0, "free",
	  "", "full_online" },
	{ "rsj", "public_service", "published",
	  "单位社会保险参保登记",
	  "Employer registration for social insurance",
	  "business-start",
	  "《中华人民共和国社会保险法》第五十七条：用人单位应当自成"
	  "立之日起三十日内凭营业执照、登记证书或者单位印章，向当地"
	  "社会保险经办机构申请办理社会保险登记。社会保险经办机构应"
	  "当自收到申请之日起十五日内予以审核。",
	  "在福州市依法设立的企业、个体经济组织、民办非企业单位等用"
	  "人单位。",
	  "营业执照|1|electronic|scjg|由市场监管局登记信息共享获取\n"
	  "单位银行结算账户信息|1|electronic||\n"
	  "经办人居民身份证|1|electronic||\n",
	  "申请：在“开办企业一件事”中一并申请\n"
	  "核验：核验共享获取的登记信息\n"
	  "办结：完成社会保险登记，生成单位社保编号\n",
	  15, 1, 0, "free",
	  "", "full_online" },
	{ "rsj", "public_service", "published",
	  "失业登记",
	  "Registering as unemployed",
	  "employment",
	  "《中华人民共和国就业促进法》第四十二条；《就业服务与就业"
	  "管理规定》第六十三条。",
	  "在法定劳动年龄内、有劳动能力、有就业要求、处于无业状态的"
	  "人员，可在常住地进行失业登记。",
	  "居民身份证|1|electronic||\n"
	  "终止或解除劳动关系证明|1|electronic||已有就业登记的可免"
	  "于提供\n",
	  "申请：在平台提交失业登记申请\n"
	  "核验：系统核验就业和参保状态\n"
	  "办结：完成失业登记，推荐岗位和培训信息\n",
	  1, 0, 0, "free",
	  "", "full_online" },
	{ "rsj", "payment", "published",
	  "失业保险金申领",
	  "Claiming unemployment benefit",
	  "employment",
	  "《中华人民共和国社会保险法》第四十五条、第五十条；《失业"
	  "保险条例》第十四条。",
	  "失业前用人单位和本人已经缴纳失业保险费满一年，非因本人意"
	  "愿中断就业，已经进行失业登记并有求职要求的人员。",
	  "居民身份证|1|electronic||\n"
	  "终止或解除劳动关系证明|1|electronic||\n"
	  "社会保障卡（金融账户已激活）|1|electronic|rsj|\n",
	  "申请：在平台提交申领申请\n"
	  "审核：经办机构核定领取资格和期限\n"
	  "发放：按月发放到社会保障卡金融账户\n",
	  10, 3, 0, "free",
	  "", "full_online" },
	{ "rsj", "public_service", "published",
	  "就业创业证申领",
	  "Applying for an employment and entrepreneurship certific"
	  "ate",
	  "employment",
	  "《就业服务与就业管理规定》第六十五条；《人力资源社会保障"
	  "部关于进一步做好就业创业证管理工作的通知》。",
	  "在福州市登记就业、失业或创业的劳动者。",
	  "居民身份证|1|electronic||\n",
	  "申请：在平台申请\n"
	  "审核：核验就业失业状态\n"
	  "办结：发放电子就业创业证\n",
	  5, 0, 0, "free",
	  "", "full_online" },
	{ "rsj", "confirmation", "published",
	  "职工正常退休（职）核准",
	  "Approving an employee's retirement",
	  "retirement",
	  "《中华人民共和国社会保险法》第十六条；《全国人民代表大会"
	  "常务委员会关于实施渐进式延迟法定退休年龄的决定》。",
	  "参加福州市企业职工基本养老保险，达到法定退休年龄，且累计"
	  "缴费达到国家规定最低缴费年限的职工。",
	  "居民身份证|1|electronic||\n"
	  "职工退休申报表|1|original||单位或本人填写\n"
	  "本人人事档案|1|original||由档案保管机构提交\n",
	  "申报：单位或本人在平台申报\n"
	  "审核：核定出生时间、参加工作时间和缴费年限\n"
	  "公示：按规定公示\n"
	  "核准：出具退休核准结果\n",
	  20, 10, 0, "free",
	  "", "precheck" },
	{ "rsj", "payment", "published",
	  "职工基本养老金申领",
	  "Claiming the basic pension",
	  "retirement",
	  "《中华人民共和国社会保险法》第十六条：参加基本养老保险的"
	  "个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本"
	  "养老金。",
	  "已核准退休的企业职工基本养老保险参保人员。",
	  "居民身份证|1|electronic||\n"
	  "退休核准结果|1|electronic|rsj|由退休核准信息共享获取\n"
	  "社会保障卡（金融账户已激活）|1|electronic||\n",
	  "申请：在“退休一件事”中一并申请\n"
	  "核定：计算基本养老金待遇\n"
	  "发放：次月起按月发放\n",
	  20, 5, 0, "free",
	  "", "full_online" },
	{ "rsj", "payment", "published",
	  "丧葬补助金、抚恤金申领",
	  "Claiming funeral and survivor grants",
	  "death",
	  "《中华人民共和国社会保险法》第十七条：参加基本养老保险的"
	  "个人，因病或者非因工死亡的，其遗属可以领取丧葬补助金和抚"
	  "恤金。",
	  "参加福州市基本养老保险的人员因病或非因工死亡的，其符合条"
	  "件的遗属。",
	  "居民死亡医学证明（推断）书|1|electronic|wjw|由卫健委共享"
	  "获取\n"
	  "户口注销证明|1|electronic|gaj|由公安户籍信息共享获取\n"
	  "申领人居民身份证|1|electronic||\n"
	  "申领人与死者的关系证明|1|copy||\n",
	  "申请：网上提交申请\n"
	  "审核：核定待遇标准\n"
	  "发放：一次性发放到申领人账户\n",
	  20, 5, 0, "free",
	  "", "precheck" },
	{ "rsj", "public_service", "published",
	  "企业职工基本养老保险关系转移接续",
	  "Transferring pension insurance records",
	  "social-security,employment",
	  "《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发"
	  "〔2009〕66号）。",
	  "跨省、市流动就业并在转入地参加企业职工基本养老保险的人员"
	  "。",
	  "居民身份证|1|electronic||\n"
	  "参保缴费凭证|1|electronic|rsj|由社保信息系统共享获取\n",
	  "申请：向转入地经办机构提出申请\n"
	  "联系：转入地向转出地发联系函\n"
	  "转出：转出地办理转出手续\n"
	  "接续：转入地办理接续\n",
	  45, 15, 0, "free",
	  "", "full_online" },
	{ "rsj", "other", "published",
	  "劳动人事争议仲裁申请",
	  "Applying for labour dispute arbitration",
	  "employment",
	  "《中华人民共和国劳动争议调解仲裁法》第二十七条、第二十八"
	  "条、第二十九条、第五十三条。",
	  "与用人单位发生劳动争议的劳动者，或与劳动者发生劳动争议的"
	  "用人单位，在仲裁时效期间内提出申请。",
	  "仲裁申请书|1|original||按被申请人人数提交副本\n"
	  "申请人居民身份证|1|copy||\n"
	  "劳动关系证明材料|1|copy||劳动合同、工资单等\n",
	  "申请：网上或到仲裁院窗口提交申请\n"
	  "受理：五日内决定是否受理\n"
	  "调解：仲裁前先行调解\n"
	  "开庭：依法开庭审理\n"
	  "裁决：作出仲裁裁决\n",
	  5, 5, 1, "free",
	  "", "precheck" },
	{ "rsj", "public_service", "published",
	  "单位社会保险注销登记",
	  "Closing an employer's social insurance registration",
	  "business-close",
	  "《中华人民共和国社会保险法》第五十七条第三款：用人单位依"
	  "法终止的，应当自终止之日起三十日内，到社会保险经办机构办"
	  "理注销社会保险登记。",
	  "依法终止或注销的用人单位，且已结清应缴社会保险费。",
	  "注销或终止证明|1|electronic|scjg|由市场监管局注销信息共"
	  "享获取\n"
	  "经办人居民身份证|1|electronic||\n",
	  "申请：在“企业注销”中一并申请\n"
	  "核查：核查欠费情况\n"
	  "办结：注销社会保险登记\n",
	  15, 3, 0, "free",
	  "", "full_online" },
	{ "ybj", "public_service", "published",
	  "新生儿城乡居民基本医疗保险参保登记",
	  "Enrolling a newborn in basic medical insurance",
	  "birth,medical",
	  "《中华人民共和国社会保险法》第二十五条；《国务院关于整合"
	  "城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）。",
	  "在福州市出生的新生儿或父母一方参加福州市基本医疗保险的新"
	  "生儿，可在出生后三个月内参保，自出生之日起享受待遇。",
	  "出生医学证明|1|electronic|wjw|由卫健委共享获取\n"
	  "新生儿户口信息|1|electronic|gaj|由公安户籍信息共享获取\n"
	  "监护人居民身份证|1|electronic||\n",
	  "申请：在“新生儿出生一件事”中一并申请\n"
	  "核验：核验出生和户籍信息\n"
	  "缴费：监护人缴纳居民医保个人缴费\n"
	  "办结：完成参保登记\n",
	  5, 0, 0, "free",
	  "", "full_online" },
	{ "ybj", "public_service", "published",
	  "单位职工基本医疗保险参保登记",
	  "Employer registration for employee medical insurance",
	  "business-start,medical",
	  "《中华人民共和国社会保险法》第二十三条、第五十七条。",
	  "在福州市依法设立的用人单位。",
	  "营业执照|1|electronic|scjg|由市场监管局登记信息共享获取\n"
	  "经办人居民身份证|1|electronic||\n",
	  "申请：在“开办企业一件事”中一并申请\n"
	  "核验：核验单位登记信息\n"
	  "办结：完成医保参保登记\n",
	  15, 0, 0, "free",
	  "", "full_online" },
	{ "ybj", "public_service", "published",
	  "异地就医备案",
	  "Registering for medical treatment in another city",
	  "medical,retirement",
	  "《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就"
	  "医直接结算工作的通知》（医保发〔2022〕22号）。",
	  "参加福州市基本医疗保险，异地长期居住、常驻异地工作或临时"
	  "外出就医的参保人员。",
	  "医保电子凭证或社会保障卡|1|electronic||\n"
	  "异地就医备案承诺书|1|electronic||网上签署\n",
	  "申请：在平台或国家医保服务平台提交备案\n"
	  "审核：即时审核\n"
	  "办结：备案生效，可在备案地直接结算\n",
	  1, 0, 0, "free",
	  "", "full_online" },
	{ "ybj", "confirmation", "published",
	  "退休人员基本医疗保险待遇核定",
	  "Health insurance entitlement on retirement",
	  "retirement,medical",
	  "《中华人民共和国社会保险法》第二十七条：参加职工基本医疗"
	  "保险的个人，达到法定退休年龄时累计缴费达到国家规定年限的"
	  "，退休后不再缴纳基本医疗保险费，按照国家规定享受基本医疗"
	  "保险待遇。",
	  "已核准退休、参加福州市职工基本医疗保险的人员。",
	  "退休核准结果|1|electronic|rsj|由人社局退休核准信息共享获"
	  "取\n"
	  "居民身份证|1|electronic||\n",
	  "申请：在“退休一件事”中一并申请\n"
	  "核定：核定医保缴费年限\n"
	  "办结：享受退休人员医保待遇\n",
	  20, 5, 0, "free",
	  "", "full_online" },
	{ "ybj", "payment", "published",
	  "医疗费用零星报销",
	  "Reimbursing medical expenses paid in full",
	  "medical",
	  "《中华人民共和国社会保险法》第二十八条、第二十九条。",
	  "参保人员因急诊、异地就医未直接结算等原因全额垫付的、符合"
	  "基本医疗保险支付范围的医疗费用。",
	  "医疗费用发票|1|original||\n"
	  "费用明细清单|1|original||\n"
	  "出院小结或门诊病历|1|copy||\n"
	  "社会保障卡|1|original||\n",
	  "申请：网上预审后邮寄或到窗口提交\n"
	  "审核：审核费用和支付范围\n"
	  "结算：核定报销金额\n"
	  "支付：支付到参保人账户\n",
	  30, 20, 1, "free",
	  "", "precheck" },
	{ "scjg", "permit", "published",
	  "有限责任公司设立登记",
	  "Registering a limited liability company",
	  "business-start",
	  "《中华人民共和国公司法》第二十九条；《中华人民共和国市场"
	  "主体登记管理条例》第三条、第十九条。",
	  "符合《中华人民共和国公司法》规定的有限责任公司设立条件的"
	  "申请人。",
	  "公司登记（备案）申请书|1|electronic||网上填写，电子签名\n"
	  "公司章程|1|electronic||可选用标准化章程\n"
	  "股东的主体资格文件或自然人身份证明|1|electronic||\n"
	  "法定代表人、董事、监事和经理的任职文件|1|electronic||\n"
	  "住所使用相关文件|1|electronic|zrzy|自有房产由不动产登记"
	  "信息共享获取\n",
	  "申请：在“开办企业一件事”中填写设立登记信息\n"
	  "审查：登记机关对申请材料进行形式审查\n"
	  "登记：材料齐全的当场登记\n"
	  "发照：发放电子营业执照，纸质执照免费寄递\n",
	  3, 1, 0, "free",
	  "", "full_online" },
	{ "scjg", "permit", "published",
	  "个体工商户设立登记",
	  "Registering a sole proprietorship",
	  "business-start",
	  "《促进个体工商户发展条例》第五条；《中华人民共和国市场主"
	  "体登记管理条例》第十九条。",
	  "有经营能力的公民，从事工商业经营的。",
	  "个体工商户登记（备案）申请书|1|electronic||\n"
	  "经营者居民身份证|1|electronic||\n"
	  "经营场所使用证明|1|electronic||\n",
	  "申请：在平台填写登记信息\n"
	  "审查：形式审查\n"
	  "登记：当场登记\n"
	  "发照：发放电子营业执照\n",
	  3, 0, 0, "free",
	  "", "full_online" },
	{ "scjg", "permit", "published",
	  "公司变更登记",
	  "Registering changes to a company",
	  "business-change",
	  "《中华人民共和国市场主体登记管理条例》第二十四条：市场主"
	  "体变更登记事项，应当自作出变更决议、决定或者法定变更事项"
	  "发生之日起30日内向登记机关申请变更登记。",
	  "名称、住所、法定代表人、注册资本、经营范围、股东等登记事"
	  "项发生变更的公司。",
	  "公司变更登记申请书|1|electronic||\n"
	  "变更决议或决定|1|electronic||\n"
	  "修改后的公司章程或章程修正案|1|electronic||涉及章程修改"
	  "的提供\n",
	  "申请：网上提交变更申请\n"
	  "审查：形式审查\n"
	  "登记：当场或三个工作日内登记\n"
	  "换照：换发营业执照\n",
	  3, 1, 0, "free",
	  "", "full_online" },
	{ "scjg", "permit", "published",
	  "公司注销登记",
	  "Deregistering a company",
	  "business-close",
	  "《中华人民共和国公司法》第二百三十九条；《中华人民共和国"
	  "市场主体登记管理条例》第三十一条、第三十二条。",
	  "已依法清算完毕、结清税款和社会保险费的公司；未发生债权债"
	  "务的可适用简易注销。",
	  "公司注销登记申请书|1|electronic||\n"
	  "清算报告|1|electronic||简易注销提交全体投资人承诺书\n"
	  "清税证明|1|electronic|swj|由税务部门清税信息共享获取\n",
	  "申请：在“企业注销”中提交申请\n"
	  "公告：简易注销公示20日\n"
	  "审查：形式审查\n"
	  "注销：作出注销登记决定\n",
	  3, 1, 0, "free",
	  "", "full_online" },
	{ "scjg", "permit", "published",
	  "食品经营许可",
	  "Food business licence",
	  "business-start,business-operate",
	  "《中华人民共和国食品安全法》第三十五条；《食品经营许可和"
	  "备案管理办法》第二十五条。",
	  "在福州市从事食品销售和餐饮服务，具有与经营的食品品种、数"
	  "量相适应的场所、设备、人员和管理制度的经营者。",
	  "食品经营许可申请书|1|electronic||\n"
	  "营业执照|1|electronic|scjg|由登记信息共享获取\n"
	  "经营场所平面布局图|1|electronic||\n"
	  "食品安全管理制度|1|electronic||\n",
	  "申请：网上提交申请\n"
	  "受理：材料齐全的当场受理\n"
	  "核查：必要时现场核查\n"
	  "决定：作出许可决定\n"
	  "发证：发放电子食品经营许可证\n",
	  10, 5, 0, "free",
	  "", "full_online" },
	{ "scjg", "other", "published",
	  "企业年度报告公示",
	  "Filing a company's annual report",
	  "business-operate",
	  "《企业信息公示暂行条例》第八条：企业应当于每年1月1日至6"
	  "月30日，通过企业信用信息公示系统向市场监督管理部门报送上"
	  "一年度年度报告，并向社会公示。",
	  "上一年度12月31日前在福州市登记的企业。",
	  "年度报告|1|electronic||网上填报\n",
	  "填报：通过企业信用信息公示系统填报\n"
	  "公示：提交后即向社会公示\n",
	  1, 0, 0, "free",
	  "", "full_online" },
	{ "swj", "confirmation", "published",
	  "新办纳税人涉税事项",
	  "Tax set-up for a new business",
	  "business-start",
	  "《中华人民共和国税收征收管理法》第十五条；《国家税务总局"
	  "关于进一步简化新办纳税人涉税事项的通知》。",
	  "在福州市新设立的企业、个体工商户等纳税人。",
	  "营业执照|1|electronic|scjg|由市场监管局登记信息共享获取\n"
	  "法定代表人和财务负责人居民身份证|1|electronic||\n",
	  "确认：确认共享获取的登记信息\n"
	  "补充：补充财务会计制度、存款账户等信息\n"
	  "办结：完成税务信息确认和税种认定\n",
	  1, 0, 0, "free",
	  "", "full_online" },
	{ "swj", "other", "published",
	  "首次申领发票",
	  "First issue of invoices",
	  "business-start,business-operate",
	  "《中华人民共和国发票管理办法》第十五条：需要领用发票的单"
	  "位和个人，应当持设立登记证件或者税务登记证件，以及经办人"
	  "身份证明，向主管税务机关办理发票领用手续。",
	  "已完成税务信息确认的纳税人。",
	  "经办人居民身份证|1|electronic||\n",
	  "申请：在“开办企业一件事”中申请税控设备和发票\n"
	  "核定：核定发票种类和数量\n"
	  "发放：免费邮寄发票或开通全面数字化电子发票\n",
	  5, 0, 0, "free",
	  "", "full_online" },
	{ "swj", "confirmation", "published",
	  "纳税人登记信息变更",
	  "Updating a taxpayer's registration",
	  "business-change",
	  "《中华人民共和国税收征收管理法》第十六条：从事生产、经营"
	  "的纳税人，税务登记内容发生变化的，自工商行政管理机关办理"
	  "变更登记之日起三十日内，向税务机关申报办理变更。",
	  "登记信息发生变化的纳税人。",
	  "变更后的营业执照|1|electronic|scjg|由市场监管局变更信息"
	  "共享获取\n",
	  "申请：网上确认变更信息\n"
	  "办结：即时完成变更\n",
	  1, 0, 0, "free",
	  "", "full_online" },
	{ "swj", "confirmation", "published",
	  "清税证明开具",
	  "Tax clearance certificate",
	  "business-close",
	  "《中华人民共和国税收征收管理法》第十六条；《国家税务总局"
	  "关于深化“放管服”改革更大力度推进优化税务注销办理程序工"
	  "作的通知》（税总发〔2019〕64号）。",
	  "拟注销的纳税人，已结清应纳税款、滞纳金、罚款，缴销发票和"
	  "税控设备。",
	  "清税申报表|1|electronic||\n"
	  "经办人居民身份证|1|electronic||\n",
	  "申请：在“企业注销”中提交清税申报\n"
	  "核查：核查未办结事项\n"
	  "出证：即时出具清税文书\n",
	  20, 0, 0, "free",
	  "", "full_online" },
	{ "mzj", "confirmation", "published",
	  "内地居民结婚登记",
	  "Marriage registration",
	  "marriage",
	  "《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例"
	  "》第四条、第七条。",
	  "男女双方完全自愿，男方年满二十二周岁、女方年满二十周岁，"
	  "均无配偶，且无禁止结婚的亲属关系。",
	  "双方居民身份证|1|original||\n"
	  "双方居民户口簿|1|original|gaj|由公安户籍信息共享获取\n"
	  "双方近期半身免冠合影照片|3|original||二寸\n",
	  "预约：在平台预约登记时间\n"
	  "申请：双方共同到婚姻登记处申请\n"
	  "审查：登记员审查并询问\n"
	  "登记：符合条件的当场登记，发给结婚证\n",
	  1, 0, 1, "free",
	  "", "precheck" },
	{ "mzj", "confirmation", "published",
	  "内地居民离婚登记",
	  "Divorce registration",
	  "marriage",
	  "《中华人民共和国民法典》第一千零七十六条、第一千零七十七"
	  "条；《婚姻登记条例》第十条至第十三条。",
	  "夫妻双方自愿离婚，对子女抚养、财产及债务处理等事项协商一"
	  "致，并签订书面离婚协议的。",
	  "双方居民身份证|1|original||\n"
	  "结婚证|1|original||\n"
	  "离婚协议书|3|original||\n"
	  "双方近期二寸单人免冠照片|2|original||\n",
	  "申请：双方共同到婚姻登记处申请，领取受理回执\n"
	  "冷静期：自受理之日起三十日内任何一方可撤回\n"
	  "确认：冷静期届满后三十日内双方共同到场申请发证\n"
	  "登记：发给离婚证\n",
	  30, 30, 2, "free",
	  "", "precheck" },
	{ "mzj", "confirmation", "published",
	  "补领婚姻登记证",
	  "Replacing a marriage or divorce certificate",
	  "marriage",
	  "《婚姻登记条例》第十七条。",
	  "结婚证、离婚证遗失或者损毁的当事人。",
	  "居民身份证|1|original||\n"
	  "居民户口簿|1|original|gaj|由公安户籍信息共享获取\n"
	  "近期二寸免冠照片|3|original||补领结婚证的为双方合影\n",
	  "申请：到婚姻登记处申请\n"
	  "核查：查询婚姻登记档案\n"
	  "补发：当场补发\n",
	  1, 0, 1, "free",
	  "", "window" },
	{ "mzj", "payment", "published",
	  "惠民殡葬基本服务费用减免",
	  "Waiving basic funeral service fees",
	  "death",
	  "《殡葬管理条例》；《民政部等关于进一步推动殡葬改革促进殡"
	  "葬事业发展的指导意见》（民发〔2018〕5号）。",
	  "福州市户籍居民及在福州市死亡的人员，遗体在本市殡仪馆火化"
	  "的。",
	  "居民死亡医学证明（推断）书|1|electronic|wjw|由卫健委共享"
	  "获取\n"
	  "户口注销证明|1|electronic|gaj|由公安户籍信息共享获取\n"
	  "经办人居民身份证|1|original||\n",
	  "申请：在殡仪馆办理业务时申请\n"
	  "核验：核验死亡和户籍信息\n"
	  "减免：直接减免遗体接运、存放、火化等基本服务费\n",
	  1, 0, 1, "free",
	  "", "window" },
	{ "mzj", "payment", "published",
	  "高龄老人津贴申领",
	  "Allowance for people aged 80 and over",
	  "retirement",
	  "《中华人民共和国老年人权益保障法》第三十三条。",
	  "年满八十周岁、具有福州市户籍的老年人。",
	  "居民身份证|1|electronic||\n"
	  "本人银行账户信息|1|electronic||\n",
	  "申请：本人或家属在平台申请\n"
	  "审核：街道（乡镇）初审，区民政局审核\n"
	  "发放：次月起按月发放\n",
	  20, 10, 0, "free",
	  "", "full_online" },
	{ "jyj", "public_service", "published",
	  "小学一年级新生入学登记",
	  "Primary school enrolment",
	  "school",
	  "《中华人民共和国义务教育法》第十二条：适龄儿童、少年免试"
	  "入学。地方各级人民政府应当保障适龄儿童、少年在户籍所在地"
	  "学校就近入学。",
	  "当年8月31日前年满六周岁、户籍或居住地在福州市城区的适龄"
	  "儿童。",
	  "居民户口簿|1|electronic|gaj|由公安户籍信息共享获取\n"
	  "不动产权证书或房屋租赁登记备案证明|1|electronic|zrzy|由"
	  "不动产登记信息共享获取\n"
	  "预防接种证查验证明|1|electronic|wjw|由卫健委接种信息共享"
	  "获取\n"
	  "监护人居民身份证|1|electronic||\n",
	  "登记：在平台填写入学信息\n"
	  "审核：教育局会同相关部门核验户籍和住房信息\n"
	  "派位：按学区划分和入学政策确定学校\n"
	  "通知：发放入学通知\n",
	  30, 20, 0, "free",
	  "", "full_online" },
	{ "jyj", "permit", "published",
	  "教师资格认定",
	  "Teacher qualification certification",
	  "employment",
	  "《中华人民共和国教师法》第十条、第十三条；《教师资格条例"
	  "》。",
	  "具有中华人民共和国国籍，遵守宪法和法律，热爱教育事业，具"
	  "备规定学历并通过教师资格考试的人员。",
	  "居民身份证|1|electronic||\n"
	  "学历证书|1|electronic||可在线核验\n"
	  "普通话水平测试等级证书|1|electronic||\n"
	  "教师资格考试合格证明|1|electronic||\n"
	  "体检合格证明|1|original||到指定医院体检\n",
	  "申报：网上申报\n"
	  "体检：到指定医院体检\n"
	  "审核：教育局审核材料\n"
	  "认定：作出认定决定\n"
	  "发证：颁发教师资格证书\n",
	  30, 20, 1, "free",
	  "", "precheck" },
	{ "zjj", "public_service", "published",
	  "住房公积金单位缴存登记",
	  "Opening a housing provident fund account for an employer",
	  "business-start",
	  "《住房公积金管理条例》第十四条：新设立的单位应当自设立之"
	  "日起30日内到住房公积金管理中心办理住房公积金缴存登记，住"
	  "房公积金管理中心应当自收到申请之日起5日内予以审核。",
	  "在福州市新设立的单位。",
	  "营业执照|1|electronic|scjg|由市场监管局登记信息共享获取\n"
	  "经办人居民身份证|1|electronic||\n",
	  "申请：在“开办企业一件事”中一并申请\n"
	  "审核：审核单位信息\n"
	  "办结：开立单位住房公积金账户\n",
	  5, 1, 0, "free",
	  "", "full_online" },
	{ "zjj", "public_service", "published",
	  "住房公积金单位缴存信息变更",
	  "Updating an employer's provident fund record",
	  "business-change",
	  "《住房公积金管理条例》第十四条。",
	  "单位名称、地址、法定代表人等缴存信息发生变化的缴存单位。",
	  "变更后的营业执照|1|electronic|scjg|由市场监管局变更信息"
	  "共享获取\n",
	  "申请：网上提交变更\n"
	  "办结：即时变更\n",
	  5, 0, 0, "free",
	  "", "full_online" },
	{ "zjj", "payment", "published",
	  "购买自住住房提取住房公积金",
	  "Withdrawing provident fund to buy a home",
	  "housing",
	  "《住房公积金管理条例》第二十四条、第二十五条：住房公积金"
	  "管理中心应当自受理申请之日起3日内作出准予提取或者不准提"
	  "取的决定。",
	  "在福州市购买自住住房的缴存职工及其配偶。",
	  "居民身份证|1|electronic||\n"
	  "商品房买卖合同|1|electronic|zjj|由商品房网签备案信息共享"
	  "获取\n"
	  "不动产权证书|1|electronic|zrzy|已登记的由不动产登记信息"
	  "共享获取\n"
	  "本人银行账户信息|1|electronic||\n",
	  "申请：在平台提交提取申请\n"
	  "审核：核验购房信息\n"
	  "决定：作出准予提取决定\n"
	  "转账：划入本人账户\n",
	  3, 1, 0, "free",
	  "", "full_online" },
	{ "zjj", "payment", "published",
	  "退休提取住房公积金",
	  "Withdrawing provident fund on retirement",
	  "retirement,housing",
	  "《住房公积金管理条例》第二十四条第一款第（二）项：离休、"
	  "退休的，职工可以提取职工住房公积金账户内的存储余额。",
	  "已办理退休手续的缴存职工。",
	  "居民身份证|1|electronic||\n"
	  "退休核准结果|1|electronic|rsj|由人社局退休信息共享获取\n",
	  "申请：在“退休一件事”中一并申请\n"
	  "核验：核验退休信息\n"
	  "办结：销户提取，余额划入本人账户\n",
	  3, 0, 0, "free",
	  "", "full_online" },
	{ "zjj", "public_service", "published",
	  "个人住房公积金贷款",
	  "Provident fund home loan",
	  "housing",
	  "《住房公积金管理条例》第二十六条：住房公积金管理中心应当"
	  "自受理申请之日起15日内作出准予贷款或者不准贷款的决定。",
	  "连续足额缴存住房公积金满6个月，在福州市购买、建造、翻建"
	  "、大修自住住房的缴存职工。",
	  "借款人及配偶居民身份证|1|original||\n"
	  "婚姻状况证明|1|electronic|mzj|由民政婚姻登记信息共享获取"
	  "\n"
	  "购房合同|1|electronic|zjj|由网签备案信息共享获取\n"
	  "首付款凭证|1|copy||\n",
	  "申请：网上提交贷款申请\n"
	  "审核：审核贷款条件和额度\n"
	  "面签：到受托银行面签合同\n"
	  "放款：办理抵押登记后放款\n",
	  15, 10, 1, "free",
	  "", "precheck" },
	{ "zjj", "public_service", "published",
	  "公共租赁住房申请",
	  "Applying for public rental housing",
	  "housing",
	  "《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七"
	  "条、第八条、第九条。",
	  "在福州市无房或住房困难，收入、财产符合规定标准的城镇中等"
	  "偏下收入家庭、新就业无房职工和稳定就业的外来务工人员。",
	  "申请人及共同申请人居民身份证|1|copy||\n"
	  "居民户口簿|1|electronic|gaj|由公安户籍信息共享获取\n"
	  "家庭住房情况|1|electronic|zrzy|由不动产登记信息共享获取\n"
	  "收入证明|1|original||\n",
	  "申请：网上提交申请\n"
	  "初审：街道初审\n"
	  "审核：住建局会同相关部门审核\n"
	  "公示：公示审核结果\n"
	  "轮候：进入轮候，按序配租\n",
	  60, 30, 1, "free",
	  "", "precheck" },
	{ "zjj", "permit", "published",
	  "商品房预售许可",
	  "Licence to sell housing before completion",
	  "business-operate",
	  "《中华人民共和国城市房地产管理法》第四十五条；《城市商品"
	  "房预售管理办法》第七条。",
	  "已交付全部土地使用权出让金，取得土地使用权证书、建设工程"
	  "规划许可证和施工许可证，投入开发建设资金达到规定比例的房"
	  "地产开发企业。",
	  "商品房预售许可申请表|1|original||\n"
	  "营业执照和房地产开发企业资质证书|1|electronic|scjg|营业"
	  "执照由市场监管局共享获取\n"
	  "建设工程规划许可证|1|electronic|zrzy|由自然资源和规划局"
	  "共享获取\n"
	  "建筑工程施工许可证|1|copy||\n"
	  "商品房预售方案|1|original||\n",
	  "申请：网上提交申请\n"
	  "受理：材料齐全的予以受理\n"
	  "审核：审核并现场查勘\n"
	  "决定：作出许可决定\n"
	  "发证：核发商品房预售许可证\n",
	  10, 5, 1, "free",
	  "", "precheck" },
	{ "zrzy", "confirmation", "published",
	  "二手房转移登记",
	  "Registering the transfer of a resold home",
	  "housing",
	  "《中华人民共和国民法典》第二百零九条、第二百一十四条；《"
	  "不动产登记暂行条例》第十四条、第二十条。",
	  "因买卖取得已登记不动产的当事人，由买卖双方共同申请。",
	  "不动产登记申请书|1|original||\n"
	  "买卖双方居民身份证|1|original||\n"
	  "不动产权证书|1|original||\n"
	  "存量房买卖合同|1|electronic|zjj|由住建局网签备案信息共享"
	  "获取\n"
	  "完税凭证|1|electronic|swj|由税务部门共享获取\n",
	  "申请：网上预审，预约到不动产登记窗口\n"
	  "受理：交易、缴税、登记“一窗受理”\n"
	  "审核：登记机构审核\n"
	  "登簿：记载于不动产登记簿\n"
	  "发证：发放不动产权证书\n",
	  30, 3, 1, "charged",
	  "不动产登记费：住宅每件80元，非住宅每件550元（依据《国家"
	  "发展改革委 财政部关于不动产登记收费标准等有关问题的通知"
	  "》）。", "precheck" },
	{ "jtys", "permit", "published",
	  "道路货物运输经营许可",
	  "Road freight transport licence",
	  "business-start,business-operate",
	  "《中华人民共和国道路运输条例》第二十一条、第二十四条。",
	  "有与其经营业务相适应并经检测合格的车辆，有符合规定条件的"
	  "驾驶人员，有健全的安全生产管理制度的经营者。",
	  "道路货物运输经营申请表|1|original||\n"
	  "营业执照|1|electronic|scjg|由市场监管局共享获取\n"
	  "机动车行驶证|1|electronic|gaj|由公安交管信息共享获取\n"
	  "驾驶人员从业资格证|1|copy||\n"
	  "安全生产管理制度文本|1|original||\n",
	  "申请：网上提交申请\n"
	  "受理：受理申请\n"
	  "审查：审查车辆和人员条件\n"
	  "决定：作出许可决定\n"
	  "发证：核发道路运输经营许可证\n",
	  20, 10, 1, "free",
	  "", "precheck" },
	{ "jtys", "permit", "published",
	  "出租汽车驾驶员从业资格证核发",
	  "Taxi driver qualification certificate",
	  "employment",
	  "《出租汽车驾驶员从业资格管理规定》第十条、第十一条、第十"
	  "二条。",
	  "取得相应准驾车型机动车驾驶证1年以上，无交通肇事犯罪、危"
	  "险驾驶犯罪记录，通过从业资格考试的人员。",
	  "居民身份证|1|original||\n"
	  "机动车驾驶证|1|electronic|gaj|由公安交管信息共享获取\n"
	  "无犯罪记录证明|1|electronic|gaj|由公安机关共享获取\n"
	  "从业资格考试合格证明|1|electronic||\n",
	  "报名：网上报名\n"
	  "考试：参加全国公共科目和区域科目考试\n"
	  "申请：考试合格后申请发证\n"
	  "发证：核发从业资格证\n",
	  20, 10, 1, "free",
	  "", "precheck" },
	{ "sfj", "public_service", "published",
	  "法律援助申请",
	  "Applying for legal aid",
	  "employment,death",
	  "《中华人民共和国法律援助法》第三十一条、第四十一条、第四"
	  "十三条：法律援助机构应当自收到法律援助申请之日起七日内进"
	  "行审查，作出是否给予法律援助的决定。",
	  "经济困难，因请求支付劳动报酬、给予社会保险待遇、给付抚恤"
	  "金等事项需要代理的公民；请求支付劳动报酬等事项的不受经济"
	  "困难条件限制。",
	  "居民身份证|1|electronic||\n"
	  "经济困难状况说明表|1|original||个人诚信承诺\n"
	  "与申请事项有关的材料|1|copy||\n",
	  "申请：网上或到法律援助中心申请\n"
	  "审查：七日内审查\n"
	  "决定：作出给予或不予法律援助的决定\n"
	  "指派：指派律师或法律援助机构人员承办\n",
	  7, 3, 0, "free",
	  "", "full_online" },
	{ "sthj", "permit", "published",
	  "建设项目环境影响报告表审批",
	  "Approving an environmental impact report form",
	  "business-operate",
	  "《中华人民共和国环境影响评价法》第二十二条：审批部门应当"
	  "自收到环境影响报告表之日起三十日内，作出审批决定并书面通"
	  "知建设单位。",
	  "依法应当编制环境影响报告表的建设项目的建设单位。",
	  "建设项目环境影响报告表|1|electronic||\n"
	  "建设单位营业执照|1|electronic|scjg|由市场监管局共享获取\n"
	  "报批申请函|1|electronic||\n",
	  "申请：网上提交\n"
	  "受理：材料齐全的受理\n"
	  "公示：受理公示\n"
	  "审查：技术评估和审查\n"
	  "决定：作出审批决定\n",
	  30, 15, 0, "free",
	  "", "full_online" },
	{ "gl-gd", "public_service", "published",
	  "老年人优待证办理",
	  "Senior citizen concession card",
	  "retirement",
	  "《中华人民共和国老年人权益保障法》第五十八条；《福建省老"
	  "年人权益保障条例》。",
	  "年满六十周岁、户籍或居住地在鼓东街道的老年人。",
	  "居民身份证|1|electronic||\n"
	  "本人近期免冠照片|1|electronic|gaj|可由公安人口信息共享获"
	  "取\n",
	  "申请：本人或家属在平台或街道便民服务中心申请\n"
	  "审核：街道审核\n"
	  "制证：制作优待证\n"
	  "领取：到街道领取或邮寄\n",
	  10, 5, 0, "free",
	  "", "full_online" },
	{ "gl-zwfw", "public_service", "draft",
	  "居住证申领",
	  "Residence permit",
	  "",
	  "",
	  "非福州市户籍，在鼓楼区居住半年以上，符合有合法稳定就业、"
	  "合法稳定住所、连续就读条件之一的人员。",
	  "",
	  "申请：到居住地派出所或网上申请\n"
	  "审核：派出所审核\n"
	  "制证：制作居住证\n",
	  15, -1, -1, "free",
	  "", "precheck" },
	{ "jtys", "permit", "draft",
	  "城市道路临时占用许可",
	  "Temporary use of a city road",
	  "business-operate",
	  "",
	  "",
	  "临时占用城市道路申请表|1|original||\n",
	  "",
	  20, 10, 1, NULL,
	  "", "" },
};

/* The department with code in deps, or NULL. */
static json_t *
dept(json_t *deps, const char *code)
{
	json_t	*d;
	size_t	 i;

	json_array_foreach(deps, i, d)
		if (strcmp(json_string_value(json_object_get(d, "code")),
		    code) == 0)
			return d;
	return NULL;
}

static json_t *
count(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

/* Splits text into lines; each non-empty one is handed to fn. */
static int
lines(const char *text, json_t *deps, json_t *out,
    int (*fn)(const char *line, size_t len, json_t *deps, json_t *out))
{
	const char	*nl;
	size_t		 n;

	while (text != NULL && *text != '\0') {
		nl = strchr(text, '\n');
		n = nl != NULL ? (size_t)(nl - text) : strlen(text);
		if (n > 0 && fn(text, n, deps, out) != 0)
			return -1;
		text = nl != NULL ? nl + 1 : NULL;
	}
	return 0;
}

static int
add_step(const char *line, size_t len, json_t *deps, json_t *out)
{
	(void)deps;
	return json_array_append_new(out, json_stringn(line, len));
}

/* "name|copies|form|dept|notes" as a material object. */
static int
add_material(const char *line, size_t len, json_t *deps, json_t *out)
{
	char		 buf[1024], *f[5], *p;
	json_t		*d;
	int		 i;

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	p = buf;
	for (i = 0; i < 5; i++) {
		f[i] = p;
		p = strchr(p, '|');
		if (p == NULL && i < 4)
			return -1;
		if (p != NULL)
			*p++ = '\0';
	}
	d = f[3][0] != '\0' ? dept(deps, f[3]) : NULL;
	if (f[3][0] != '\0' && d == NULL)
		return -1;
	return json_array_append_new(out, json_pack("{s:s, s:s, s:i, s:s,"
	    " s:O}", "name", f[0], "description", f[4], "copies", atoi(f[1]),
	    "form", f[2], "shared_department_id", d != NULL ?
	    json_object_get(d, "id") : json_null()));
}

/* The catalogue input for item it, or NULL. */
static json_t *
input(const struct demo_service *it, json_t *deps, json_t *d)
{
	json_t	*in, *mats, *steps, *events;
	char	 buf[256], *tok, *save;

	mats = json_array();
	steps = json_array();
	events = json_array();
	(void)snprintf(buf, sizeof(buf), "%s", it->events);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		json_array_append_new(events, json_string(tok));
	if (lines(it->materials, deps, mats, add_material) != 0 ||
	    lines(it->steps, deps, steps, add_step) != 0) {
		json_decref(mats);
		json_decref(steps);
		json_decref(events);
		return NULL;
	}
	in = json_pack("{s:s, s:s, s:s, s:O, s:s, s:s, s:o, s:o, s:o, s:o,"
	    " s:o, s:o, s:s, s:s, s:s, s:s, s:s}",
	    "name", it->name, "name_en", it->name_en, "item_type", it->type,
	    "department_id", json_object_get(d, "id"),
	    "legal_basis", it->legal_basis, "conditions", it->conditions,
	    "materials", mats, "steps", steps, "events", events,
	    "statutory_days", count(it->statutory),
	    "promised_days", count(it->promised),
	    "visits", count(it->visits),
	    "fee_text", it->fee_text, "online_depth", it->depth,
	    "consult_phone", json_string_value(json_object_get(d, "phone")),
	    "complaint_phone", HOTLINE, "status", it->status);
	if (in != NULL && it->fee_kind != NULL)
		json_object_set_new(in, "fee_kind", json_string(it->fee_kind));
	return in;
}

/* 1 if list holds an item of department id named name. */
static int
exists(json_t *list, json_t *id, const char *name)
{
	json_t	*s;
	size_t	 i;

	json_array_foreach(list, i, s)
		if (json_equal(json_object_get(s, "department_id"), id) &&
		    strcmp(json_string_value(json_object_get(s, "name")),
		    name) == 0)
			return 1;
	return 0;
}

enum yw_err
yw_demo_services(struct yw_db *db, const struct yw_actor *a, FILE *log)
{
	json_t		*deps = NULL, *have = NULL, *in, *d, *errors;
	char		*e;
	size_t		 i;
	int		 made = 0;
	enum yw_err	 rc;

	rc = yw_org_departments(db, NULL, &deps);
	if (rc == YW_OK)
		rc = yw_catalog_admin_list(db, a, &have);
	for (i = 0; rc == YW_OK && i < sizeof(items) / sizeof(items[0]);
	    i++) {
		d = dept(deps, items[i].dept);
		if (d == NULL) {
			rc = YW_EINTERNAL;
			break;
		}
		if (exists(have, json_object_get(d, "id"), items[i].name))
			continue;
		in = input(&items[i], deps, d);
		if (in == NULL) {
			fprintf(stderr, "demo service %s: bad data\n",
			    items[i].name);
			rc = YW_EINTERNAL;
			break;
		}
		errors = NULL;
		rc = yw_catalog_save(db, a, 0, in, NULL, &errors);
		json_decref(in);
		if (rc != YW_OK) {
			e = errors != NULL ? json_dumps(errors, 0) : NULL;
			fprintf(stderr, "demo service %s: %s %s\n",
			    items[i].name, yw_err_code(rc), e != NULL ? e : "");
			free(e);
		}
		json_decref(errors);
		if (rc == YW_OK)
			made++;
	}
	json_decref(deps);
	json_decref(have);
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo services: %d item(s) added\n", made);
	return rc;
}
