/*
 * jsonx.h - the small reads of view models and inputs that every module
 * repeats: a member as a string or an integer with a default, a field
 * error added once, membership of a NULL-terminated list. Needs jansson.
 * New code uses these instead of its own static copies.
 */
#ifndef YW_JSONX_H
#define YW_JSONX_H

#include <stdint.h>

#include <jansson.h>

/* o[k] as a string (borrowed), "" when absent or not a string. */
const char	*yw_jstr(json_t *o, const char *k);
/* o[k] as an integer, 0 when absent or not an integer. */
int64_t		 yw_jint(json_t *o, const char *k);
/* Sets (*errors)[field] = code unless the field has an error already;
 * creates *errors (caller owns) on the first one. */
void		 yw_jerror(json_t **errors, const char *field, const char *code);
/* 1 when s (may be NULL) is one of list's strings (NULL-terminated). */
int		 yw_in_list(const char *const *list, const char *s);

#endif
