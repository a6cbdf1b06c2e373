/*
 * magic.h - what a file really is, from its first bytes. Attachments are
 * accepted only when their bytes match the type they claim, so a script
 * renamed to .pdf is refused. libc only.
 */
#ifndef YW_MAGIC_H
#define YW_MAGIC_H

#include <stddef.h>

/* The type of the bytes: "pdf", "png", "jpeg", "gif", "webp", "zip"
 * (also .docx/.xlsx/.ofd containers), "ole" (old .doc/.xls), or NULL when
 * unknown. Static strings. */
const char	*yw_magic_type(const void *p, size_t n);

/* The type a file name or MIME type claims ("a.PDF", "image/jpeg", "jpg"),
 * in the same vocabulary, or NULL. */
const char	*yw_magic_claimed(const char *name_or_mime);

/* 1 when the bytes are of the claimed type (file name or MIME type). */
int		 yw_magic_matches(const char *claimed, const void *p, size_t n);

#endif
