/*
 * libFuzzer target for src/core/form.c: arbitrary bytes against a fixed
 * spec must never crash, leak or break the output contract in form.h.
 * Run: make fuzz-build && build/fuzz/form_fuzz -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/form.h"
#include "core/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct yw_form_field spec[] = {
	{ "name", 8, YW_FORM_REQUIRED },
	{ "note", 200, YW_FORM_MULTILINE },
	{ "pass", 16, YW_FORM_NOTRIM },
};

static const char *const codes[] = {
	"malformed", "utf8", "control", "too_long", "required"
};

static int
declared(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(spec) / sizeof(spec[0]); i++)
		if (strcmp(spec[i].name, name) == 0)
			return 1;
	return 0;
}

static int
known_code(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strcmp(codes[i], code) == 0)
			return 1;
	return 0;
}

/* The promises callers rely on; a broken one aborts so the fuzzer stops. */
static void
check(json_t *values, json_t *errors)
{
	const char	*key, *s;
	json_t		*v;
	size_t		 n;

	json_object_foreach(values, key, v) {
		if (!declared(key) || !json_is_string(v))
			abort();
		s = json_string_value(v);
		n = json_string_length(v);
		/* Valid UTF-8 with no NUL, so C string consumers see it all. */
		if (strlen(s) != n || !yw_utf8_valid(s, n))
			abort();
		/* A value without an error is one a handler may use as is. */
		if (json_object_get(errors, key) == NULL &&
		    yw_utf8_has_control(s, n,
		    strcmp(key, "note") == 0))
			abort();
	}
	json_object_foreach(errors, key, v) {
		if (!declared(key) || !json_is_string(v) ||
		    !known_code(json_string_value(v)))
			abort();
	}
	if (json_object_get(values, "name") == NULL &&
	    json_object_get(errors, "name") == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t		*values, *errors;
	enum yw_err	 rc;

	rc = yw_form_decode((const char *)data, size, spec,
	    sizeof(spec) / sizeof(spec[0]), &values, &errors);
	if (rc == YW_OK) {
		check(values, errors);
	} else if (values != NULL || errors != NULL) {
		abort();
	}
	json_decref(values);
	json_decref(errors);
	return 0;
}
