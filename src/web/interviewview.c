/*
 * interviewview.c - labels of online interview pages (interviewview.h).
 */
#include <string.h>

#include "web/interviewview.h"

/* t.interview.<section>.<key> of r's language (borrowed), or NULL. */
static json_t *
text(struct yw_req *r, const char *section, const char *key)
{
	return json_object_get(json_object_get(json_object_get(
	    json_object_get(yw_web->locales, r->lang), "interview"), section),
	    key != NULL ? key : "");
}

void
yw_web_interview_list_labels(struct yw_req *r, json_t *vm)
{
	static const char *const lists[] = { "upcoming", "live", "past" };
	json_t	*iv;
	size_t	 i, l;

	if (r->kind != YW_PAGE)
		return;
	for (l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		json_array_foreach(json_object_get(vm, lists[l]), i, iv)
			json_object_set(iv, "phase_label", text(r, "phase",
			    json_string_value(json_object_get(iv, "phase"))));
}

void
yw_web_interview_labels(struct yw_req *r, json_t *vm)
{
	json_t		*iv, *q;
	const char	*phase;
	size_t		 i;

	if (r->kind != YW_PAGE)
		return;
	iv = json_object_get(vm, "interview");
	phase = json_string_value(json_object_get(iv, "phase"));
	if (phase == NULL)
		return;
	json_object_set_new(vm, "is_upcoming", json_boolean(strcmp(phase,
	    "upcoming") == 0));
	json_object_set_new(vm, "is_live", json_boolean(strcmp(phase,
	    "live") == 0));
	json_object_set_new(vm, "is_ended", json_boolean(strcmp(phase,
	    "ended") == 0));
	json_object_set(iv, "phase_label", text(r, "phase", phase));
	json_array_foreach(json_object_get(vm, "mine"), i, q)
		json_object_set(q, "state_label", text(r, "state",
		    json_string_value(json_object_get(q, "state"))));
}
