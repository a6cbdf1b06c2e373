/*
 * solicitview.c - labels of solicitations for pages (solicitview.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/jsonx.h"
#include "web/solicitview.h"

json_t *
yw_web_solicit_text(struct yw_req *r, const char *section, const char *key)
{
	return json_object_get(json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "solicit"), section), key);
}

/* o[out] = t.solicit.<section>.<o[key]> when there is one. */
static void
name_it(struct yw_req *r, json_t *o, const char *key, const char *section,
    const char *out)
{
	json_t *l;

	l = yw_web_solicit_text(r, section, yw_jstr(o, key));
	if (l != NULL)
		json_object_set(o, out, l);
}

static void
group_labels(struct yw_req *r, json_t *g)
{
	json_t	*c;
	size_t	 i;

	name_it(r, json_object_get(g, "outcome"), "outcome", "outcome",
	    "outcome_label");
	json_object_set_new(g, "is_whole", json_boolean(json_integer_value(
	    json_object_get(g, "no")) == 0));
	json_object_set_new(g, "has_comments", json_boolean(
	    json_array_size(json_object_get(g, "comments")) > 0));
	json_array_foreach(json_object_get(g, "comments"), i, c) {
		name_it(r, c, "state", "state", "state_label");
		json_object_set_new(c, "is_pending", json_boolean(strcmp(
		    yw_jstr(c, "state"), "pending") == 0));
		json_object_set_new(c, "is_rejected", json_boolean(strcmp(
		    yw_jstr(c, "state"), "rejected") == 0));
	}
}

void
yw_web_solicit_labels(struct yw_req *r, json_t *s)
{
	static const char *const phases[] = { "draft", "upcoming", "open",
	    "closed", "answered" };
	json_t		*g;
	const char	*phase;
	char		 key[16];
	size_t		 i;

	if (r->kind != YW_PAGE)
		return;
	phase = yw_jstr(s, "phase");
	name_it(r, s, "phase", "phase", "phase_label");
	for (i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
		(void)snprintf(key, sizeof(key), "is_%s", phases[i]);
		json_object_set_new(s, key, json_boolean(strcmp(phase,
		    phases[i]) == 0));
	}
	json_object_set_new(s, "last_day", json_boolean(strcmp(phase,
	    "open") == 0 && json_integer_value(json_object_get(s,
	    "days_left")) == 0));
	json_object_set_new(s, "has_feedback", json_boolean(
	    yw_jstr(s, "feedback")[0] != '\0'));
	json_array_foreach(json_object_get(s, "clauses"), i, g)
		group_labels(r, g);
	if (json_object_get(s, "general") != NULL)
		group_labels(r, json_object_get(s, "general"));
}

json_t *
yw_web_solicit_clauses(json_t *s, const char *chosen)
{
	json_t	*out, *g;
	char	 v[24];
	size_t	 i;

	out = json_array();
	json_array_append_new(out, json_pack("{s:s, s:i, s:b, s:b}", "value",
	    "0", "no", 0, "is_whole", 1, "selected", chosen == NULL ||
	    chosen[0] == '\0' || strcmp(chosen, "0") == 0));
	json_array_foreach(json_object_get(s, "clauses"), i, g) {
		(void)snprintf(v, sizeof(v), "%lld", (long long)
		    json_integer_value(json_object_get(g, "no")));
		json_array_append_new(out, json_pack("{s:s, s:O, s:b, s:b}",
		    "value", v, "no", json_object_get(g, "no"), "is_whole", 0,
		    "selected", chosen != NULL && strcmp(chosen, v) == 0));
	}
	return out;
}
