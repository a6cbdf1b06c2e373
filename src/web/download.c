/*
 * download.c - a stored attachment (app/attach) sent as the view's file
 * (run.c sends it as a download: attachment, nosniff, private), once the
 * domain has said who may read it.
 */
#include <stdlib.h>
#include <string.h>

#include "app/attach/attach.h"
#include "web/web.h"

/* The media type of an attach type code. */
static const char *
media_type(const char *type)
{
	static const struct {
		const char *type, *mime;
	} types[] = {
		{ "pdf", "application/pdf" },
		{ "png", "image/png" },
		{ "jpeg", "image/jpeg" },
		{ "gif", "image/gif" },
		{ "webp", "image/webp" },
		{ "zip", "application/zip" },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].type, type) == 0)
			return types[i].mime;
	return "application/octet-stream";
}

enum yw_err
yw_web_attachment(struct yw_req *r, const char *sha, const char *name)
{
	void		*data;
	size_t		 n;
	char		 type[8];
	enum yw_err	 rc;

	rc = yw_attach_get(yw_web->db, sha, &data, &n, type);
	if (rc != YW_OK)
		return rc == YW_EINVAL ? YW_ENOTFOUND : rc;
	if (yw_arena_defer(r->arena, free, data) != YW_OK) {
		free(data);
		return YW_ENOMEM;
	}
	r->file = data;
	r->file_len = n;
	r->file_type = media_type(type);
	r->file_name = yw_arena_strndup(r->arena, name, strlen(name));
	return YW_OK;
}
