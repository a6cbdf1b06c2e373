/*
 * csv.c - RFC 4180 reader. One pass over the bytes; a field is collected in
 * a growable buffer and becomes a JSON string when it ends.
 */
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/utf8.h"

struct csv {
	const char		*p, *end;
	long			 line;
	struct yw_buf		 field;
	json_t			*record;
	json_t			*records;
	json_t			*lines;
	size_t			 ncols;
	size_t			 max;
	struct yw_csv_error	*err;
};

static enum yw_err
fail(struct csv *c, const char *code, long line)
{
	c->err->code = code;
	c->err->line = line;
	return YW_EINVAL;
}

/* The line of the first byte that breaks UTF-8, or 0 when all is well. */
static long
bad_utf8_line(const char *s, size_t len)
{
	size_t		 i, n;
	uint32_t	 cp;
	long		 line = 1;

	for (i = 0; i < len; i += n) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\n')
				line++;
			n = 1;
			continue;
		}
		n = yw_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp == YW_UTF8_INVALID)
			return line;
	}
	return 0;
}

static enum yw_err
end_field(struct csv *c)
{
	json_t *s;

	s = json_stringn(c->field.data != NULL ? c->field.data : "",
	    c->field.len);
	if (s == NULL || json_array_append_new(c->record, s) != 0)
		return YW_ENOMEM;
	yw_buf_reset(&c->field);
	return YW_OK;
}

static enum yw_err
end_record(struct csv *c, long start)
{
	size_t n;

	n = json_array_size(c->record);
	/* A line holding nothing at all is skipped, not a one-field record. */
	if (n == 1 && json_string_length(json_array_get(c->record, 0)) == 0 &&
	    c->ncols != 1) {
		json_array_clear(c->record);
		return YW_OK;
	}
	if (c->ncols == 0)
		c->ncols = n;
	else if (n != c->ncols)
		return fail(c, "columns", start);
	if (c->max > 0 && json_array_size(c->records) >= c->max)
		return fail(c, "too_many", start);
	if (json_array_append_new(c->records, c->record) != 0 ||
	    json_array_append_new(c->lines, json_integer(start)) != 0) {
		c->record = NULL;
		return YW_ENOMEM;
	}
	c->record = json_array();
	return c->record == NULL ? YW_ENOMEM : YW_OK;
}

static enum yw_err
parse(struct csv *c)
{
	enum yw_err	 rc;
	long		 start, qline;
	int		 quoted, had_quote;
	char		 ch;

	while (c->p < c->end) {
		start = c->line;
		/* one record */
		for (;;) {
			quoted = 0;
			had_quote = 0;
			qline = c->line;
			if (c->p < c->end && *c->p == '"') {
				quoted = 1;
				c->p++;
			}
			/* one field */
			for (;;) {
				if (c->p >= c->end) {
					if (quoted && !had_quote)
						return fail(c, "quote", qline);
					break;
				}
				ch = *c->p;
				if (quoted && !had_quote) {
					c->p++;
					if (ch == '"') {
						if (c->p < c->end && *c->p == '"') {
							c->p++;
							rc = yw_buf_appendc(&c->field,
							    '"');
						} else {
							had_quote = 1;
							continue;
						}
					} else {
						if (ch == '\n')
							c->line++;
						rc = yw_buf_appendc(&c->field, ch);
					}
					if (rc != YW_OK)
						return rc;
					continue;
				}
				if (ch == ',' || ch == '\n' || (ch == '\r' &&
				    c->p + 1 < c->end && c->p[1] == '\n') ||
				    (ch == '\r' && c->p + 1 == c->end))
					break;
				if (had_quote || ch == '"')
					return fail(c, "quote", c->line);
				rc = yw_buf_appendc(&c->field, ch);
				if (rc != YW_OK)
					return rc;
				c->p++;
			}
			rc = end_field(c);
			if (rc != YW_OK)
				return rc;
			if (c->p < c->end && *c->p == ',') {
				c->p++;
				continue;
			}
			break;
		}
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n') {
			c->p++;
			c->line++;
		}
		rc = end_record(c, start);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

enum yw_err
yw_csv_parse(const char *text, size_t len, size_t max_records,
    json_t **records, json_t **lines, struct yw_csv_error *err)
{
	struct csv	 c;
	enum yw_err	 rc;
	long		 bad;

	*records = NULL;
	*lines = NULL;
	err->code = NULL;
	err->line = 0;
	if (text == NULL)
		len = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	bad = bad_utf8_line(text, len);
	if (bad != 0) {
		err->code = "encoding";
		err->line = bad;
		return YW_EINVAL;
	}
	memset(&c, 0, sizeof(c));
	c.p = text;
	c.end = text + len;
	c.line = 1;
	c.max = max_records;
	c.err = err;
	yw_buf_init(&c.field);
	c.record = json_array();
	c.records = json_array();
	c.lines = json_array();
	if (c.record == NULL || c.records == NULL || c.lines == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	rc = len == 0 ? YW_OK : parse(&c);
	if (rc == YW_OK && json_array_size(c.records) == 0)
		rc = fail(&c, "empty", 1);
	if (rc == YW_OK) {
		*records = c.records;
		*lines = c.lines;
		c.records = NULL;
		c.lines = NULL;
	}
out:
	yw_buf_free(&c.field);
	json_decref(c.record);
	json_decref(c.records);
	json_decref(c.lines);
	return rc;
}

enum yw_err
yw_csv_field(struct yw_buf *out, const char *s, int guard)
{
	enum yw_err	 rc = YW_OK;
	const char	*p;
	int		 quote;

	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		rc = yw_buf_appendc(out, '"');
	if (rc == YW_OK && guard && s[0] != '\0' && strchr("=+-@\t\r",
	    s[0]) != NULL)
		rc = yw_buf_appendc(out, '\'');
	for (p = s; rc == YW_OK && *p != '\0'; p++) {
		if (*p == '"')
			rc = yw_buf_appendc(out, '"');
		if (rc == YW_OK)
			rc = yw_buf_appendc(out, *p);
	}
	if (rc == YW_OK && quote)
		rc = yw_buf_appendc(out, '"');
	return rc;
}
