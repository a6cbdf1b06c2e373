#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

void
yw_buf_init(struct yw_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
yw_buf_free(struct yw_buf *b)
{
	free(b->data);
	yw_buf_init(b);
}

void
yw_buf_reset(struct yw_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

enum yw_err
yw_buf_reserve(struct yw_buf *b, size_t extra)
{
	size_t	 need, ncap;
	char	*p;

	if (extra > ((size_t)-1) / 2 - b->len)
		return YW_ETOOBIG;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return YW_OK;
	ncap = b->cap ? b->cap : 256;
	while (ncap < need)
		ncap *= 2;
	p = realloc(b->data, ncap);
	if (p == NULL)
		return YW_ENOMEM;
	b->data = p;
	b->cap = ncap;
	return YW_OK;
}

enum yw_err
yw_buf_append(struct yw_buf *b, const void *p, size_t n)
{
	enum yw_err rc;

	rc = yw_buf_reserve(b, n);
	if (rc != YW_OK)
		return rc;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return YW_OK;
}

enum yw_err
yw_buf_appends(struct yw_buf *b, const char *s)
{
	return yw_buf_append(b, s, strlen(s));
}

enum yw_err
yw_buf_appendc(struct yw_buf *b, char c)
{
	return yw_buf_append(b, &c, 1);
}

enum yw_err
yw_buf_vappendf(struct yw_buf *b, const char *fmt, va_list ap)
{
	va_list		 cp;
	int		 n;
	enum yw_err	 rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return YW_EINVAL;
	rc = yw_buf_reserve(b, (size_t)n);
	if (rc != YW_OK)
		return rc;
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	if (n < 0 || (size_t)n >= b->cap - b->len)
		return YW_EINTERNAL;
	b->len += (size_t)n;
	return YW_OK;
}

enum yw_err
yw_buf_appendf(struct yw_buf *b, const char *fmt, ...)
{
	va_list		ap;
	enum yw_err	rc;

	va_start(ap, fmt);
	rc = yw_buf_vappendf(b, fmt, ap);
	va_end(ap);
	return rc;
}

enum yw_err
yw_buf_append_html(struct yw_buf *b, const char *s, size_t n)
{
	size_t		 i, start;
	const char	*rep;
	enum yw_err	 rc;

	start = 0;
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		rc = yw_buf_append(b, s + start, i - start);
		if (rc == YW_OK)
			rc = yw_buf_appends(b, rep);
		if (rc != YW_OK)
			return rc;
		start = i + 1;
	}
	return yw_buf_append(b, s + start, n - start);
}

char *
yw_buf_steal(struct yw_buf *b)
{
	char *p;

	if (b->data == NULL && yw_buf_reserve(b, 0) != YW_OK)
		return NULL;
	p = b->data;
	yw_buf_init(b);
	return p;
}
