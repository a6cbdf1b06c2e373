/*
 * demo_open311.c - the demo Open311 client and its requests
 * (demo_open311.h). They go through the same path a client's POST takes,
 * so they are routed, given deadlines and audited like any other.
 */
#include <stdio.h>

#include "app/calendar/calendar.h"
#include "app/demo/demo_open311.h"
#include "app/interact/open311.h"
#include "core/timeutil.h"

static const struct {
	const char *code, *lat, *lon, *address, *desc;
} requests[] = {
	{ "complaint-market", "26.0857", "119.2965", "鼓楼区东街口百货大楼",
	  "商场一楼手机柜台出售翻新机冒充新机，请市场监管部门检查。" },
	{ "complaint-housing", "26.0712", "119.3126", "台江区江滨中大道 268 号",
	  "小区电梯连续一个月时常停运，物业不予维修，联系电话 13905912345。" },
	{ "complaint-transport", "26.0921", "119.2887", "鼓楼区湖东路与五四路交叉口",
	  "路口信号灯早高峰时段故障，车辆排队很长，请尽快修复。" },
	{ "complaint-environment", "26.1033", "119.3301", "晋安区福马路",
	  "夜间有餐馆油烟直排，附近居民无法开窗。" },
	{ "complaint-public_security", "26.0598", "119.3052", "仓山区上渡路",
	  "夜里常有改装摩托车飙车，噪声很大，存在安全隐患。" },
	{ "suggest-transport", "26.0804", "119.2803", "鼓楼区西湖公园北门",
	  "建议在西湖公园北门增设公共自行车停放点。" },
	{ "suggest-environment", "26.0489", "119.3198", "仓山区闽江南岸步道",
	  "建议在闽江南岸步道增加分类垃圾桶和饮水点。" },
	{ "suggest-education", "26.0955", "119.3060", "鼓楼区温泉街道",
	  "建议学校操场在周末向周边居民有序开放。" },
	{ "suggest-civil_affairs", "26.0667", "119.2951", "台江区茶亭街道",
	  "建议社区长者食堂延长晚餐供应时间。" },
	{ "suggest-health", "26.0871", "119.3222", "晋安区茶园街道社区卫生服务中心",
	  "建议社区卫生服务中心周六上午开设慢病配药门诊。" },
};

enum yw_err
yw_demo_open311(struct yw_db *db, FILE *log)
{
	struct yw_calendar	*cal;
	json_t			*params, *out, *errors;
	const char		*why;
	char			 idem[32];
	int64_t			 client;
	size_t			 i;
	enum yw_err		 rc;

	rc = yw_open311_key_ensure(db, "演示客户端（福州随手拍）",
	    YW_DEMO_OPEN311_KEY, yw_time_now(), &client);
	if (rc != YW_OK)
		return rc;
	rc = yw_calendar_load(db, &cal);
	if (rc != YW_OK)
		return rc;
	for (i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		params = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		    "service_code", requests[i].code, "lat", requests[i].lat,
		    "long", requests[i].lon, "address_string",
		    requests[i].address, "description", requests[i].desc,
		    "first_name", "小明", "last_name", "林");
		(void)snprintf(idem, sizeof(idem), "demo-open311-%zu", i);
		out = errors = NULL;
		rc = params != NULL ? yw_open311_submit(db,
		    yw_calendar_workcal(cal), params, YW_DEMO_OPEN311_KEY, idem,
		    yw_time_now(), &out, &errors, &why) : YW_ENOMEM;
		json_decref(params);
		json_decref(out);
		json_decref(errors);
		if (rc != YW_OK) {
			if (log != NULL)
				fprintf(log, "demo open311 %s: %s %s\n",
				    requests[i].code, yw_err_code(rc), why !=
				    NULL ? why : "");
			break;
		}
	}
	yw_calendar_free(cal);
	if (rc == YW_OK && log != NULL)
		fprintf(log, "demo open311: client key %s, %zu requests\n",
		    YW_DEMO_OPEN311_KEY, i);
	return rc;
}
