/*
 * mustache.h - Mustache v1.4 templates: a named set of pre-parsed templates
 * rendered against a jansson context into a yw_buf.
 * Needs jansson and core/buf. Implements the spec's interpolation, sections,
 * inverted sections, comments, partials, set delimiters, inheritance
 * (parents and blocks) and dynamic names; lambdas are not supported.
 *
 * Parse once at start-up, render many times: rendering walks a node tree,
 * allocates nothing but output, and only reads the set, so one set may be
 * shared by any number of concurrent renders once it is built.
 *
 * Data model (the spec leaves some of it to the host language):
 *   - falsy: missing, null, false and the empty array; everything else,
 *     including 0, 0.0, "" and {}, is truthy, as in the reference
 *     implementation.
 *   - {{x}} renders a string as itself, an integer in decimal, a real in the
 *     shortest form that reads back to the same double (1.21 -> "1.21",
 *     2.0 -> "2"), true/false as "true"/"false", and null, missing values,
 *     objects and arrays as nothing.
 *   - {{x}} escapes & < > " ' for HTML; {{{x}}} and {{&x}} do not.
 */
#ifndef YW_MUSTACHE_H
#define YW_MUSTACHE_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* Partials and parents nested deeper than this render as nothing, so a
   template that includes itself on data that never runs out stops. */
#define YW_TPL_MAX_EXPAND	64
/* Sections, inverted sections, parents and blocks nested deeper than this
   in one template are a syntax error. */
#define YW_TPL_MAX_NEST		100

struct yw_tpl_set;

/* Where and why a template failed to load. line and col are 1-based; col
   counts characters (UTF-8), not bytes; both are 0 when the failure is not
   about a position (a file that cannot be read). name and msg are
   truncated to fit. */
struct yw_tpl_error {
	char	name[128];
	int	line;
	int	col;
	char	msg[160];
};

/* *out: caller destroys with yw_tpl_set_destroy. */
enum yw_err	yw_tpl_set_create(struct yw_tpl_set **out);
/* Frees the set and every template in it; NULL is a no-op. */
void		yw_tpl_set_destroy(struct yw_tpl_set *set);

/*
 * Caps for one yw_tpl_render call; 0 keeps the current value. A render
 * that would append more than max_out bytes or visit more than max_steps
 * template nodes fails with YW_ETOOBIG, which bounds the cost of templates
 * whose partials fan out exponentially. Defaults: 64 MiB and 50 million.
 */
void		yw_tpl_set_limits(struct yw_tpl_set *set, size_t max_out,
		    size_t max_steps);

/*
 * Parses src[0..len) and stores it as name, replacing a template of the
 * same name. name and src are borrowed: the set copies what it keeps.
 * A syntax error (unclosed or mismatched section, unclosed tag, bad
 * delimiter change, empty tag, ...) returns YW_EINVAL and fills *err (if
 * err is not NULL) with name, position and a short English message; the
 * set is then unchanged. YW_ETOOBIG if src is over 1 GiB.
 */
enum yw_err	yw_tpl_set_add(struct yw_tpl_set *set, const char *name,
		    const char *src, size_t len, struct yw_tpl_error *err);

/*
 * Adds every *.mustache file under dir, recursively, in name order; the
 * name is the path relative to dir without the extension ("portal/home",
 * "layout/base"). Entries whose name starts with '.' are skipped. Stops at
 * the first file that cannot be read (YW_EIO) or parsed (YW_EINVAL) and
 * describes it in *err; templates added before it stay in the set.
 */
enum yw_err	yw_tpl_set_load_dir(struct yw_tpl_set *set, const char *dir,
		    struct yw_tpl_error *err);

/* 1 if the set holds a template called name, else 0. */
int		yw_tpl_set_has(const struct yw_tpl_set *set, const char *name);

/*
 * Renders template name with ctx (borrowed; NULL is an empty context) and
 * appends the result to out (caller-owned, initialised). Partials ({{>x}})
 * and parents ({{<x}}) are looked up by name in the same set; a missing one
 * renders as nothing, as the spec asks. YW_ENOTFOUND if name itself is
 * missing; YW_ETOOBIG past the set's limits; YW_ENOMEM. On error out is
 * left as it was before the call.
 */
enum yw_err	yw_tpl_render(const struct yw_tpl_set *set, const char *name,
		    json_t *ctx, struct yw_buf *out);

#endif
