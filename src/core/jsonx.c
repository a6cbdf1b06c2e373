/*
 * jsonx.c - small JSON reads (jsonx.h).
 */
#include <string.h>

#include "core/jsonx.h"

const char *
yw_jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

int64_t
yw_jint(json_t *o, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(o, k));
}

void
yw_jerror(json_t **errors, const char *field, const char *code)
{
	if (*errors == NULL)
		*errors = json_object();
	if (json_object_get(*errors, field) == NULL)
		json_object_set_new(*errors, field, json_string(code));
}

int
yw_in_list(const char *const *list, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}
