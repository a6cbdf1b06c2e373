/*
 * letterview.c - labels of letters for pages (letterview.h).
 */
#include <string.h>

#include <sodium.h>

#include "core/jsonx.h"
#include "web/letterview.h"

json_t *
yw_web_letter_text(struct yw_req *r, const char *section, const char *key)
{
	return json_object_get(json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "interact"), section), key);
}

/* o[out] = t.interact.<section>.<o[key]> when there is one. */
static void
name_it(struct yw_req *r, json_t *o, const char *key, const char *section,
    const char *out)
{
	json_t *l;

	l = yw_web_letter_text(r, section, yw_jstr(o, key));
	if (l != NULL)
		json_object_set(o, out, l);
}

void
yw_web_letter_labels(struct yw_req *r, json_t *l)
{
	const char	*light, *state;
	json_t		*details;

	if (r->kind != YW_PAGE)
		return;
	name_it(r, l, "channel", "channel", "channel_label");
	name_it(r, l, "category", "category", "category_label");
	name_it(r, l, "state", "state", "state_label");
	name_it(r, l, "rating", "rating", "rating_label");
	/* Mustache takes "" and 0 as true: flags for what to show. */
	json_object_set_new(l, "has_reply", json_boolean(yw_jstr(l,
	    "reply")[0] != '\0'));
	json_object_set_new(l, "has_rating", json_boolean(yw_jstr(l,
	    "rating")[0] != '\0'));
	json_object_set_new(l, "has_comment", json_boolean(yw_jstr(l,
	    "rating_comment")[0] != '\0'));
	json_object_set_new(l, "is_published", json_boolean(
	    json_integer_value(json_object_get(l, "publish_ok")) != 0));
	json_object_set_new(l, "was_transferred", json_boolean(
	    json_integer_value(json_object_get(l, "transfers")) > 0));
	state = yw_jstr(l, "state");
	json_object_set_new(l, "closed", json_boolean(
	    strcmp(state, "replied") == 0 || strcmp(state, "closed") == 0));
	light = yw_jstr(l, "light");
	if (light[0] != '\0') {
		json_object_set(l, "light_label", json_object_get(
		    json_object_get(json_object_get(json_object_get(
		    yw_web->locales, r->lang), "case"), "light"), light));
		json_object_set_new(l, "is_red", json_boolean(strcmp(light,
		    "red") == 0));
		json_object_set_new(l, "is_yellow", json_boolean(
		    strcmp(light, "yellow") == 0));
		json_object_set_new(l, "is_green", json_boolean(strcmp(light,
		    "green") == 0));
	}
	details = json_object_get(l, "details");
	if (json_is_object(details) &&
	    json_object_get(details, "matter") != NULL) {
		name_it(r, details, "matter", "matter", "matter_label");
		json_object_set_new(details, "is_legal", json_true());
	}
}

void
yw_web_letter_view_labels(struct yw_req *r, json_t *vm)
{
	json_t	*e;
	size_t	 i;

	if (r->kind != YW_PAGE)
		return;
	yw_web_letter_labels(r, json_object_get(vm, "letter"));
	json_array_foreach(json_object_get(vm, "timeline"), i, e) {
		name_it(r, e, "event", "event", "event_label");
		name_it(r, e, "state", "state", "state_label");
		if (yw_jstr(e, "note")[0] == '\0')
			json_object_del(e, "note");
		json_object_set_new(e, "is_internal", json_boolean(
		    json_integer_value(json_object_get(e, "internal")) != 0));
	}
}

json_t *
yw_web_letter_choices(struct yw_req *r, const char *section,
    const char *const *values, json_t *form, const char *field)
{
	return yw_web_choices(json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "interact"), section), values,
	    (size_t)-1, form, field);
}

const char *
yw_web_form_token(struct yw_req *r)
{
	unsigned char	raw[16];
	char		hex[33];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	return yw_arena_strndup(r->arena, hex, 32);
}
