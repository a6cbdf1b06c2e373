#include <string.h>
#include <strings.h>

#include "core/magic.h"

static const struct {
	const char	*type;
	size_t		 off;
	const char	*sig;
	size_t		 len;
} sigs[] = {
	{ "pdf", 0, "%PDF-", 5 },
	{ "png", 0, "\x89PNG\r\n\x1a\n", 8 },
	{ "jpeg", 0, "\xff\xd8\xff", 3 },
	{ "gif", 0, "GIF87a", 6 },
	{ "gif", 0, "GIF89a", 6 },
	{ "zip", 0, "PK\x03\x04", 4 },
	{ "ole", 0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8 },
};

/* Names and MIME types people and browsers use for each type. */
static const struct {
	const char *claim;
	const char *type;
} claims[] = {
	{ "pdf", "pdf" }, { "application/pdf", "pdf" },
	{ "png", "png" }, { "image/png", "png" },
	{ "jpg", "jpeg" }, { "jpeg", "jpeg" }, { "image/jpeg", "jpeg" },
	{ "gif", "gif" }, { "image/gif", "gif" },
	{ "webp", "webp" }, { "image/webp", "webp" },
	{ "zip", "zip" }, { "application/zip", "zip" },
	{ "docx", "zip" }, { "xlsx", "zip" }, { "ofd", "zip" },
	{ "application/vnd.openxmlformats-officedocument."
	  "wordprocessingml.document", "zip" },
	{ "application/vnd.openxmlformats-officedocument."
	  "spreadsheetml.sheet", "zip" },
	{ "doc", "ole" }, { "xls", "ole" }, { "application/msword", "ole" },
	{ "application/vnd.ms-excel", "ole" },
};

const char *
yw_magic_type(const void *p, size_t n)
{
	const unsigned char	*b = p;
	size_t			 i;

	if (p == NULL)
		return NULL;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (n >= sigs[i].off + sigs[i].len &&
		    memcmp(b + sigs[i].off, sigs[i].sig, sigs[i].len) == 0)
			return sigs[i].type;
	if (n >= 12 && memcmp(b, "RIFF", 4) == 0 &&
	    memcmp(b + 8, "WEBP", 4) == 0)
		return "webp";
	return NULL;
}

const char *
yw_magic_claimed(const char *s)
{
	const char	*dot;
	size_t		 i;

	if (s == NULL)
		return NULL;
	/* A MIME type has a slash; a file name is judged by its extension. */
	if (strchr(s, '/') == NULL && (dot = strrchr(s, '.')) != NULL)
		s = dot + 1;
	for (i = 0; i < sizeof(claims) / sizeof(claims[0]); i++)
		if (strcasecmp(claims[i].claim, s) == 0)
			return claims[i].type;
	return NULL;
}

int
yw_magic_matches(const char *claimed, const void *p, size_t n)
{
	const char *want, *got;

	want = yw_magic_claimed(claimed);
	got = yw_magic_type(p, n);
	return want != NULL && got != NULL && strcmp(want, got) == 0;
}
