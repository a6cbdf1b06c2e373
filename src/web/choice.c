/*
 * choice.c - the options of a form's selects and check boxes: which one is
 * chosen, and their labels from a message catalogue section. Mustache
 * cannot compare values, so the view marks the chosen entries.
 */
#include <stdio.h>
#include <string.h>

#include "web/web.h"

/* The value as text for comparing: strings as they are, integers in
 * decimal, anything else "". */
static void
value_text(json_t *v, char *out, size_t outsz)
{
	if (json_is_integer(v))
		(void)snprintf(out, outsz, "%lld",
		    (long long)json_integer_value(v));
	else
		(void)snprintf(out, outsz, "%s",
		    json_string_value(v) ? json_string_value(v) : "");
}

void
yw_web_mark_selected(json_t *list, const char *key, json_t *form,
    const char *field)
{
	json_t	*item, *want;
	char	 a[64], b[64];
	size_t	 i;

	want = json_object_get(form, field);
	if (want == NULL)
		return;
	value_text(want, a, sizeof(a));
	json_array_foreach(list, i, item) {
		value_text(json_object_get(item, key), b, sizeof(b));
		if (strcmp(a, b) == 0)
			json_object_set_new(item, "selected", json_true());
	}
}

json_t *
yw_web_choices(json_t *labels, const char *const *values, size_t n,
    json_t *form, const char *field)
{
	json_t	*list;
	size_t	 i;

	list = json_array();
	for (i = 0; i < n && values[i] != NULL; i++)
		json_array_append_new(list, json_pack("{s:s, s:O?}", "value",
		    values[i], "label", json_object_get(labels, values[i])));
	yw_web_mark_selected(list, "value", form, field);
	return list;
}
