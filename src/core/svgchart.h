/*
 * svgchart.h - horizontal bar charts as inline SVG for result pages that
 * must read without JavaScript: role="img" with a <title> and a <desc>
 * that spells out every bar, so a screen reader hears the numbers the
 * eye sees. Colours pass WCAG 2.1 AA (bars 7:1 and text 16:1 on white).
 * Every label is escaped; the output is safe to insert into HTML as is.
 * Needs only libc and core/buf, core/utf8.
 */
#ifndef YW_SVGCHART_H
#define YW_SVGCHART_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define YW_CHART_LABEL_MAX	14	/* code points drawn; the rest "…" */

struct yw_chart_bar {
	const char	*label;		/* UTF-8, borrowed */
	int64_t		 count;
};

/*
 * Each count's share of total in tenths of a percent into tenths[0..n).
 * When the counts add up to total (one answer per respondent), the
 * largest-remainder method makes the shares add up to exactly 1000, so a
 * table's percentages sum to 100.0%; otherwise (several answers each)
 * every share is rounded on its own. total <= 0 gives all zeros.
 */
void		yw_chart_shares(const int64_t *counts, size_t n, int64_t total,
		    int *tenths);

/*
 * Appends the chart of bars[0..n) to out: bar lengths relative to the
 * largest count, each bar labelled with its count and share of total.
 * id (ASCII letters, digits, '-') makes the element ids of the title and
 * the description unique on the page; title and summary (borrowed) are
 * the caller's words (the summary starts the description). YW_EINVAL for
 * a bad id, YW_ENOMEM when out cannot grow.
 */
enum yw_err	yw_chart_bars_svg(struct yw_buf *out, const char *id,
		    const char *title, const char *summary,
		    const struct yw_chart_bar *bars, size_t n, int64_t total);

#endif
