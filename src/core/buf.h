/*
 * buf.h - growable byte buffer with bounded, checked appends.
 * A yw_buf owns its memory (malloc); yw_buf_free releases it. All appends
 * keep the content NUL-terminated so it can be handed to C string APIs.
 */
#ifndef YW_BUF_H
#define YW_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

struct yw_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void		yw_buf_init(struct yw_buf *b);
void		yw_buf_free(struct yw_buf *b);
void		yw_buf_reset(struct yw_buf *b);
enum yw_err	yw_buf_reserve(struct yw_buf *b, size_t extra);
enum yw_err	yw_buf_append(struct yw_buf *b, const void *p, size_t n);
enum yw_err	yw_buf_appends(struct yw_buf *b, const char *s);
enum yw_err	yw_buf_appendc(struct yw_buf *b, char c);
enum yw_err	yw_buf_appendf(struct yw_buf *b, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
enum yw_err	yw_buf_vappendf(struct yw_buf *b, const char *fmt, va_list ap)
		    __attribute__((format(printf, 2, 0)));
/* Appends s with & < > " ' escaped for HTML text and attributes. */
enum yw_err	yw_buf_append_html(struct yw_buf *b, const char *s, size_t n);
/* Detaches the data (caller frees); the buffer is left empty. */
char	       *yw_buf_steal(struct yw_buf *b);

#endif
