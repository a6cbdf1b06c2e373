/*
 * surveyview.c - labels of survey pages (surveyview.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/jsonx.h"
#include "web/surveyview.h"

/* t.<section>.<key> of r's language, "" when missing. */
static const char *
word(struct yw_req *r, const char *section, const char *key)
{
	return yw_jstr(json_object_get(json_object_get(yw_web->locales,
	    r->lang), section), key);
}

const char *
yw_web_survey_word(struct yw_req *r, const char *key)
{
	return word(r, "survey", key);
}

const char *
yw_web_error_text(struct yw_req *r, const char *code)
{
	return word(r, "error", code);
}

void
yw_web_survey_list(struct yw_req *r, json_t *vm, json_t *v)
{
	json_t	*s;
	size_t	 i;

	json_object_update(vm, v);
	json_decref(v);
	json_array_foreach(json_object_get(vm, "surveys"), i, s)
		yw_web_survey_labels(r, s);
	json_object_set_new(vm, "has_surveys", json_boolean(json_array_size(
	    json_object_get(vm, "surveys")) > 0));
}

void
yw_web_survey_labels(struct yw_req *r, json_t *s)
{
	const char	*st;
	char		 key[32];

	if (r->kind != YW_PAGE)
		return;
	st = json_string_value(json_object_get(s, "status"));
	if (st == NULL)
		return;
	(void)snprintf(key, sizeof(key), "status_%s", st);
	json_object_set_new(s, "status_label", json_string(
	    yw_web_survey_word(r, key)));
	(void)snprintf(key, sizeof(key), "is_%s", st);
	json_object_set_new(s, key, json_true());
	json_object_set_new(s, "has_description", json_boolean(
	    json_string_length(json_object_get(s, "description")) > 0));
	(void)snprintf(key, sizeof(key), "results_%s", json_string_value(
	    json_object_get(s, "results")) != NULL ? json_string_value(
	    json_object_get(s, "results")) : "closed");
	json_object_set_new(s, "results_label", json_string(
	    yw_web_survey_word(r, key)));
}

const char *
yw_web_percent(struct yw_req *r, int64_t tenths)
{
	return yw_arena_printf(r->arena, "%lld.%lld%%", (long long)(tenths /
	    10), (long long)(tenths % 10));
}
