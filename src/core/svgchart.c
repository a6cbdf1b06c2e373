/*
 * svgchart.c - bar charts as inline SVG (svgchart.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/svgchart.h"
#include "core/utf8.h"

#define W		640	/* view box width */
#define LABEL_W		200	/* label column, right-aligned */
#define BAR_MAX		300	/* the longest bar */
#define ROW_H		30
#define BAR_H		18
#define PAD		8
#define BAR_FILL	"#1d4f91"	/* 8.6:1 on white */
#define TEXT_FILL	"#1a1a1a"	/* 17:1 on white */

void
yw_chart_shares(const int64_t *counts, size_t n, int64_t total, int *tenths)
{
	int64_t	 sum, left, rem, best;
	size_t	 i, pick;
	char	*used;

	sum = 0;
	for (i = 0; i < n; i++) {
		tenths[i] = total > 0 ? (int)(counts[i] * 1000 / total) : 0;
		sum += counts[i];
	}
	if (total <= 0)
		return;
	if (sum != total) {
		for (i = 0; i < n; i++)
			tenths[i] = (int)((counts[i] * 2000 + total) /
			    (2 * total));
		return;
	}
	/* Hand the tenths lost to truncation to the largest remainders. */
	left = 1000;
	for (i = 0; i < n; i++)
		left -= tenths[i];
	used = calloc(n > 0 ? n : 1, 1);
	if (used == NULL)
		return;
	while (left-- > 0) {
		pick = n;
		best = -1;
		for (i = 0; i < n; i++) {
			rem = counts[i] * 1000 % total;
			if (!used[i] && rem > best) {
				best = rem;
				pick = i;
			}
		}
		if (pick == n)
			break;
		used[pick] = 1;
		tenths[pick]++;
	}
	free(used);
}

static int
id_ok(const char *id)
{
	size_t i;

	for (i = 0; id[i] != '\0'; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= 'A' &&
		    id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9') ||
		    id[i] == '-'))
			return 0;
	return i > 0 && i < 64;
}

static enum yw_err
text(struct yw_buf *out, const char *s)
{
	return yw_buf_append_html(out, s, strlen(s));
}

/* The label cut to YW_CHART_LABEL_MAX code points, never mid-character. */
static enum yw_err
short_label(struct yw_buf *out, const char *s)
{
	size_t		 len, off, k, cps;
	uint32_t	 cp;

	len = strlen(s);
	if (yw_utf8_count(s, len) <= YW_CHART_LABEL_MAX)
		return yw_buf_append_html(out, s, len);
	off = 0;
	for (cps = 0; cps < YW_CHART_LABEL_MAX - 1 && off < len; cps++) {
		k = yw_utf8_decode(s + off, len - off, &cp);
		off += k;
	}
	if (yw_buf_append_html(out, s, off) != YW_OK)
		return YW_ENOMEM;
	return yw_buf_appends(out, "\xE2\x80\xA6");
}

static enum yw_err
figure(struct yw_buf *out, int64_t count, int tenths)
{
	return yw_buf_appendf(out, "%lld (%d.%d%%)", (long long)count,
	    tenths / 10, tenths % 10);
}

enum yw_err
yw_chart_bars_svg(struct yw_buf *out, const char *id, const char *title,
    const char *summary, const struct yw_chart_bar *bars, size_t n,
    int64_t total)
{
	int64_t		*counts, max;
	int		*tenths, w, y;
	size_t		 i;
	enum yw_err	 rc;

	if (!id_ok(id))
		return YW_EINVAL;
	counts = calloc(n + 1, sizeof(*counts));
	tenths = calloc(n + 1, sizeof(*tenths));
	rc = YW_ENOMEM;
	if (counts == NULL || tenths == NULL)
		goto out;
	max = 0;
	for (i = 0; i < n; i++) {
		counts[i] = bars[i].count > 0 ? bars[i].count : 0;
		if (counts[i] > max)
			max = counts[i];
	}
	yw_chart_shares(counts, n, total, tenths);
	rc = yw_buf_appendf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
	    "aria-labelledby=\"%s-t %s-d\" focusable=\"false\">"
	    "<title id=\"%s-t\">", W, (int)n * ROW_H + 2 * PAD, id, id, id);
	if (rc == YW_OK)
		rc = text(out, title);
	if (rc == YW_OK)
		rc = yw_buf_appendf(out, "</title><desc id=\"%s-d\">", id);
	if (rc == YW_OK)
		rc = text(out, summary);
	for (i = 0; rc == YW_OK && i < n; i++) {
		rc = yw_buf_appends(out, i == 0 ? " " : "; ");
		if (rc == YW_OK)
			rc = text(out, bars[i].label);
		if (rc == YW_OK)
			rc = yw_buf_appends(out, ": ");
		if (rc == YW_OK)
			rc = figure(out, counts[i], tenths[i]);
	}
	if (rc == YW_OK)
		rc = yw_buf_appendf(out, "</desc><g font-size=\"14\" fill=\"%s\">",
		    TEXT_FILL);
	for (i = 0; rc == YW_OK && i < n; i++) {
		y = PAD + (int)i * ROW_H;
		w = max > 0 ? (int)(counts[i] * BAR_MAX / max) : 0;
		if (counts[i] > 0 && w < 2)
			w = 2;	/* a count above zero stays visible */
		rc = yw_buf_appendf(out, "<text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\">", LABEL_W - 8, y + BAR_H - 4);
		if (rc == YW_OK)
			rc = short_label(out, bars[i].label);
		if (rc == YW_OK)
			rc = yw_buf_appendf(out, "</text><rect x=\"%d\" "
			    "y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
			    "<text x=\"%d\" y=\"%d\">", LABEL_W, y, w, BAR_H,
			    BAR_FILL, LABEL_W + w + 6, y + BAR_H - 4);
		if (rc == YW_OK)
			rc = figure(out, counts[i], tenths[i]);
		if (rc == YW_OK)
			rc = yw_buf_appends(out, "</text>");
	}
	if (rc == YW_OK)
		rc = yw_buf_appends(out, "</g></svg>");
out:
	free(counts);
	free(tenths);
	return rc;
}
