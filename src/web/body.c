/*
 * body.c - what a request sends: urlencoded forms (decoded by core/form.c
 * against the handler's allow-list, CSRF checked), query strings, JSON
 * bodies of API writes, multipart uploads (parsed by kore, which passes on
 * only the fields conf/routes.conf declares), and ids in the path.
 */
#include <string.h>
#include <strings.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <sodium.h>

#include "core/jsonlift.h"
#include "web/web.h"

/* The body, up to max bytes, as one arena-owned string; kore has rewound
 * it for reading. */
static enum yw_err
body_read(struct yw_req *r, size_t max, const char **body, size_t *len)
{
	char	*p;
	size_t	 got;
	ssize_t	 n;

	if (r->http->http_body_fd != -1)
		return YW_ETOOBIG;	/* offloaded bodies are never forms */
	if (r->http->http_body == NULL || r->http->content_length == 0) {
		*body = "";
		*len = 0;
		return YW_OK;
	}
	if (r->http->content_length > max)
		return YW_ETOOBIG;
	p = yw_arena_alloc(r->arena, r->http->content_length + 1);
	if (p == NULL)
		return YW_ENOMEM;
	if (http_body_rewind(r->http) != KORE_RESULT_OK)
		return YW_EIO;
	got = 0;
	while (got < r->http->content_length) {
		n = http_body_read(r->http, p + got,
		    r->http->content_length - got);
		if (n < 0)
			return YW_EIO;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	p[got] = '\0';
	*body = p;
	*len = got;
	return YW_OK;
}

enum yw_err
yw_req_body(struct yw_req *r, size_t max, const char **body, size_t *len)
{
	return body_read(r, max, body, len);
}

enum yw_err
yw_req_form(struct yw_req *r, const struct yw_form_field *spec, size_t n)
{
	static const struct yw_form_field csrf_spec[] = {
		{ "csrf", 64, 0 },
	};
	const char	*body, *got;
	size_t		 len;
	json_t		*cv, *ce;
	enum yw_err	 rc;

	rc = body_read(r, YW_FORM_MAX_BODY, &body, &len);
	if (rc != YW_OK)
		return rc;
	rc = yw_form_decode(body, len, csrf_spec, 1, &cv, &ce);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, cv);
	yw_req_keep(r, ce);
	got = json_string_value(json_object_get(cv, "csrf"));
	if (got == NULL || r->csrf[0] == '\0' || r->csrf_new ||
	    strlen(got) != strlen(r->csrf) ||
	    sodium_memcmp(got, r->csrf, strlen(got)) != 0)
		return YW_EFORBIDDEN;

	rc = yw_form_decode(body, len, spec, n, &r->form, &r->errors);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, r->form);
	yw_req_keep(r, r->errors);
	return json_object_size(r->errors) > 0 ? YW_EINVAL : YW_OK;
}

enum yw_err
yw_req_query_checked(struct yw_req *r, const struct yw_form_field *spec,
    size_t n, json_t **q)
{
	json_t		*e;
	const char	*qs;
	enum yw_err	 rc;

	qs = r->http->query_string != NULL ? r->http->query_string : "";
	rc = yw_form_decode_query(qs, strlen(qs), spec, n, q, &e);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, *q);
	r->errors = yw_req_keep(r, e);
	return json_object_size(e) > 0 ? YW_EINVAL : YW_OK;
}

json_t *
yw_req_query(struct yw_req *r, const struct yw_form_field *spec, size_t n)
{
	json_t		*v, *e;
	const char	*qs;

	qs = r->http->query_string != NULL ? r->http->query_string : "";
	if (yw_form_decode_query(qs, strlen(qs), spec, n, &v, &e) != YW_OK)
		return yw_req_keep(r, json_object());
	json_decref(e);
	return yw_req_keep(r, v);
}

const char *
yw_req_idem_key(struct yw_req *r, json_t *errors)
{
	const char	*key;
	size_t		 i;

	if (!http_request_header(r->http, "idempotency-key", &key) ||
	    key[0] == '\0') {
		json_object_set_new(errors, "idempotency_key",
		    json_string("required"));
		return NULL;
	}
	for (i = 0; key[i] != '\0'; i++)
		if ((unsigned char)key[i] < 0x21 ||
		    (unsigned char)key[i] > 0x7e || i >= YW_IDEM_KEY_MAX) {
			json_object_set_new(errors, "idempotency_key",
			    json_string("invalid"));
			return NULL;
		}
	return key;
}

/* The JSON object of the body; with key, its long strings under key are
 * lifted (core/jsonlift.h). */
static enum yw_err
json_body(struct yw_req *r, size_t max, const char *key,
    struct yw_jlift *lifts, size_t maxlifts, size_t *nlifts, json_t **out)
{
	const char	*body;
	size_t		 len;
	json_t		*j;
	enum yw_err	 rc;

	*out = NULL;
	*nlifts = 0;
	if (r->http->content_length > max)
		return YW_ETOOBIG;
	rc = body_read(r, max, &body, &len);
	if (rc != YW_OK)
		return rc;
	if (key != NULL)
		j = yw_jlift_load(body, len, key, lifts, maxlifts, nlifts);
	else
		j = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(j)) {
		json_decref(j);
		r->errors = yw_req_keep(r, json_pack("{s:s}", "body",
		    "invalid"));
		return YW_EINVAL;
	}
	*out = yw_req_keep(r, j);
	return YW_OK;
}

enum yw_err
yw_req_json(struct yw_req *r, size_t max, json_t **out)
{
	size_t none;

	return json_body(r, max, NULL, NULL, 0, &none, out);
}

enum yw_err
yw_req_json_lifted(struct yw_req *r, size_t max, const char *key,
    struct yw_jlift *lifts, size_t maxlifts, size_t *nlifts, json_t **out)
{
	return json_body(r, max, key, lifts, maxlifts, nlifts, out);
}

/* The bytes of a file part of a multipart body, copied into the arena
 * (kore keeps them in the body buffer, read through its cursor). */
static enum yw_err
file_bytes(struct yw_req *r, struct http_file *f, const void **data,
    size_t *len)
{
	char	*p;
	size_t	 got;
	ssize_t	 k;

	*data = NULL;
	*len = 0;
	if (f->length == 0)
		return YW_OK;
	p = yw_arena_alloc(r->arena, f->length);
	if (p == NULL)
		return YW_ENOMEM;
	http_file_rewind(f);
	got = 0;
	while (got < f->length) {
		k = http_file_read(f, p + got, f->length - got);
		if (k < 0)
			return YW_EIO;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	*data = p;
	*len = got;
	return YW_OK;
}

enum yw_err
yw_req_multipart(struct yw_req *r, const char *const *names, size_t n,
    const char *file, const void **data, size_t *len, const char **filename)
{
	struct http_file	*f;
	char			*v;
	size_t			 i;

	*data = NULL;
	*len = 0;
	*filename = NULL;
	http_populate_multipart_form(r->http);
	if (!http_argument_get_string(r->http, "csrf", &v) ||
	    r->csrf[0] == '\0' || r->csrf_new || strlen(v) != strlen(r->csrf) ||
	    sodium_memcmp(v, r->csrf, strlen(v)) != 0)
		return YW_EFORBIDDEN;
	r->form = yw_req_keep(r, json_object());
	r->errors = yw_req_keep(r, json_object());
	for (i = 0; i < n; i++)
		if (http_argument_get_string(r->http, names[i], &v))
			json_object_set_new(r->form, names[i], json_string(v));
	f = http_file_lookup(r->http, file);
	if (f == NULL || f->length == 0)
		return YW_OK;
	*filename = f->filename;
	return file_bytes(r, f, data, len);
}

enum yw_err
yw_req_multipart_json(struct yw_req *r, const char *field, json_t **out,
    struct yw_req_file **files, size_t *nfiles)
{
	struct http_file	*f;
	struct yw_req_file	*list;
	char			*v;
	size_t			 n;
	json_t			*j;
	enum yw_err		 rc;

	*out = NULL;
	*files = NULL;
	*nfiles = 0;
	http_populate_multipart_form(r->http);
	if (!http_argument_get_string(r->http, field, &v))
		v = "";
	j = json_loads(v, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(j)) {
		json_decref(j);
		r->errors = yw_req_keep(r, json_pack("{s:s}", field,
		    v[0] == '\0' ? "required" : "invalid"));
		return YW_EINVAL;
	}
	*out = yw_req_keep(r, j);
	n = 0;
	TAILQ_FOREACH(f, &r->http->files, list)
		n++;
	if (n == 0)
		return YW_OK;
	list = yw_arena_zalloc(r->arena, n * sizeof(*list));
	if (list == NULL)
		return YW_ENOMEM;
	n = 0;
	TAILQ_FOREACH(f, &r->http->files, list) {
		list[n].name = f->name;
		list[n].filename = f->filename;
		rc = file_bytes(r, f, &list[n].data, &list[n].len);
		if (rc != YW_OK)
			return rc;
		n++;
	}
	*files = list;
	*nfiles = n;
	return YW_OK;
}

int64_t
yw_req_path_id(struct yw_req *r, int n)
{
	const char	*p, *end;
	char		 buf[24];
	int		 i;

	p = r->http->path;
	for (i = 0; i <= n; i++) {
		p = strchr(p, '/');
		if (p == NULL)
			return 0;
		p++;
	}
	end = strchr(p, '/');
	if (end == NULL)
		end = p + strlen(p);
	if ((size_t)(end - p) >= sizeof(buf))
		return 0;
	memcpy(buf, p, (size_t)(end - p));
	buf[end - p] = '\0';
	return yw_web_id(buf);
}

int
yw_req_is_multipart(struct yw_req *r)
{
	const char *ct;

	return http_request_header(r->http, "content-type", &ct) &&
	    strncasecmp(ct, "multipart/form-data", 19) == 0;
}
