/*
 * h_apply.c - bundles (一件事一次办) as the public finds them, and applying:
 * the form of an item or bundle, drafts saved by a button (and by
 * static/apply.js when scripts run), attachments uploaded one field at a
 * time into the draft, and submitting, which makes one case however often
 * it is pressed. Also the JSON submit of the API (Idempotency-Key).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/attach/attach.h"
#include "app/service/bundle.h"
#include "app/service/catalog.h"
#include "app/service/case.h"
#include "app/service/draft.h"
#include "core/base64.h"
#include "core/jsonlift.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/web.h"

int	page_bundles(struct http_request *);
int	api_bundles(struct http_request *);
int	page_bundle(struct http_request *);
int	api_bundle(struct http_request *);
int	page_apply_item(struct http_request *);
int	page_apply_bundle(struct http_request *);
int	page_draft(struct http_request *);
int	page_draft_upload(struct http_request *);
int	api_applications(struct http_request *);

/* Bytes of an API submit: files travel inline in base64 (4/3 of their
 * size), so this is the largest attachment limit and some room. */
#define APPLY_JSON_MAX	(YW_ATTACH_MAX / 3 * 4 + 1024 * 1024)

/* The inline files of a JSON submit, left in the body text as they came
 * (core/jsonlift.h): a form has fewer attachment fields than this, and
 * any beyond it are parsed as usual. */
#define APPLY_LIFT_MAX	32

struct lifted {
	struct yw_jlift	 at[APPLY_LIFT_MAX];
	size_t		 n;
};

/* The visitor's catalogue section t.<a>. */
static json_t *
tr(struct yw_req *r, const char *a)
{
	return json_object_get(json_object_get(yw_web->locales, r->lang), a);
}

/* Life event names on a bundle (pages only). */
static void
bundle_labels(struct yw_req *r, json_t *b)
{
	json_t *name;

	if (r->kind != YW_PAGE)
		return;
	name = json_object_get(json_object_get(tr(r, "life"), "name"),
	    yw_jstr(b, "event"));
	if (name != NULL)
		json_object_set(b, "event_name", name);
	json_object_set_new(b, "parallel", json_boolean(json_integer_value(
	    json_object_get(b, "stages")) <= 1));
}

enum yw_err
yw_web_life_bundles(struct yw_req *r, const char *event, json_t **out)
{
	json_t		*b;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_bundle_list(yw_web->db, event, out);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(*out, i, b)
		bundle_labels(r, b);
	return YW_OK;
}

static enum yw_err
view_bundles(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "event", 32, 0 },
	};
	json_t		*q, *list, *b;
	const char	*event;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_query_checked(r, spec, 1, &q);
	if (rc != YW_OK)
		return rc;
	event = yw_jstr(q, "event");
	if (event[0] != '\0' && yw_catalog_life_event(event) == NULL) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "event",
		    "invalid"));
		return YW_EINVAL;
	}
	rc = yw_bundle_list(yw_web->db, event, &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, b)
		bundle_labels(r, b);
	json_object_set_new(vm, "bundles", list);
	json_object_set(vm, "filter", q);
	return YW_OK;
}

static enum yw_err
view_bundle(struct yw_req *r, json_t *vm)
{
	json_t		*b;
	enum yw_err	 rc;

	rc = yw_bundle_get(yw_web->db, yw_req_tail(r), &b);
	if (rc != YW_OK)
		return rc;
	bundle_labels(r, b);
	json_object_set_new(vm, "bundle", b);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* The application form. */

/*
 * The POST allow-list of a form: each field but attachments arrives as
 * v_<name> (so no field can be named like a control), plus the control
 * fields. Arena-owned.
 */
static struct yw_form_field *
form_spec(struct yw_req *r, json_t *def, size_t *n)
{
	struct yw_form_field	*spec;
	json_t			*d;
	size_t			 i, k, max;

	max = json_array_size(json_object_get(def, "fields")) + 2;
	spec = yw_arena_zalloc(r->arena, max * sizeof(*spec));
	if (spec == NULL)
		return NULL;
	k = 0;
	spec[k++] = (struct yw_form_field){ "action", 16, 0 };
	spec[k++] = (struct yw_form_field){ "field", 32, 0 };
	json_array_foreach(json_object_get(def, "fields"), i, d) {
		if (strcmp(yw_jstr(d, "type"), "attachment") == 0)
			continue;
		spec[k].name = yw_arena_printf(r->arena, "v_%s",
		    yw_jstr(d, "name"));
		if (spec[k].name == NULL)
			return NULL;
		spec[k].max_chars = YW_DRAFT_VALUE_MAX;
		spec[k].flags = strcmp(yw_jstr(d, "type"), "textarea") == 0 ?
		    YW_FORM_MULTILINE : 0;
		k++;
	}
	*n = k;
	return spec;
}

/* The v_<name> values of the decoded form as {name: value}. */
static json_t *
posted_values(struct yw_req *r)
{
	json_t		*out, *v;
	const char	*k;

	out = yw_req_keep(r, json_object());
	json_object_foreach(r->form, k, v)
		if (strncmp(k, "v_", 2) == 0)
			json_object_set(out, k + 2, v);
	return out;
}

/* The decoder's codes under the field names the page uses. */
static json_t *
posted_errors(struct yw_req *r)
{
	json_t		*out, *v;
	const char	*k;

	out = yw_req_keep(r, json_object());
	json_object_foreach(r->errors, k, v)
		json_object_set(out, strncmp(k, "v_", 2) == 0 ? k + 2 : k, v);
	return out;
}

/*
 * Fills vm with the form of target (yw_case_form's object, borrowed) for
 * values and errors (borrowed, may be NULL): target, bundle (for a
 * bundle's departments), fields (the text fields, in the main form) and
 * files (attachment fields, each with its own upload form).
 */
static void
form_view(struct yw_req *r, json_t *vm, json_t *target, json_t *values,
    json_t *errors)
{
	json_t	*def, *all, *fields, *files, *f, *b;
	size_t	 i;

	def = json_object_get(target, "form");
	all = yw_web_form_fields(r, def, values, errors);
	fields = json_array();
	files = json_array();
	json_array_foreach(all, i, f)
		json_array_append(json_is_true(json_object_get(f,
		    "is_attachment")) ? files : fields, f);
	json_decref(all);
	json_object_set_new(vm, "fields", fields);
	json_object_set_new(vm, "files", files);
	json_object_set_new(vm, "has_files", json_boolean(
	    json_array_size(files) > 0));
	json_object_set_new(vm, "target", json_pack("{s:O, s:O, s:O, s:O}",
	    "kind", json_object_get(target, "kind"), "code",
	    json_object_get(target, "code"), "name", json_object_get(target,
	    "name"), "name_en", json_object_get(target, "name_en")));
	json_object_set_new(vm, "is_bundle", json_boolean(strcmp(yw_jstr(target,
	    "kind"), "bundle") == 0));
	if (strcmp(yw_jstr(target, "kind"), "bundle") == 0 &&
	    yw_bundle_get(yw_web->db, yw_jstr(target, "code"), &b) == YW_OK) {
		bundle_labels(r, b);
		json_object_set_new(vm, "bundle", b);
	}
	r->labels = yw_req_keep(r, yw_web_form_labels(r, def));
}

static enum yw_err
target_form(const char *kind, const char *code, json_t **out)
{
	int item = strcmp(kind, "item") == 0;

	return yw_case_form(yw_web->db, item ? code : NULL, item ? NULL : code,
	    out);
}

/* The draft page of id for values/errors (NULL: as stored). */
static enum yw_err
draft_view(struct yw_req *r, json_t *vm, int64_t id, json_t *values,
    json_t *errors)
{
	json_t		*d, *target;
	enum yw_err	 rc;

	rc = yw_draft_get(yw_web->db, &r->actor, id, &d);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, d);
	target = json_object_get(d, "target");
	if (!json_is_object(target))
		return YW_ENOTFOUND;	/* withdrawn since */
	if (values == NULL)
		values = json_object_get(d, "values");
	else {
		/* What was just posted, over what is stored (files). */
		json_t *merged = json_deep_copy(json_object_get(d, "values"));

		json_object_update(merged, values);
		values = yw_req_keep(r, merged);
	}
	form_view(r, vm, target, values, errors);
	json_object_set_new(vm, "draft", json_pack("{s:I, s:O}", "id",
	    (json_int_t)id, "updated_at_local", json_object_get(d,
	    "updated_at_local")));
	json_object_set_new(vm, "action", json_string(yw_arena_printf(
	    r->arena, "/apply/draft/%lld", (long long)id)));
	return YW_OK;
}

static const char *
done_at(struct yw_req *r, const char *path, int64_t id, const char *done)
{
	const char *loc;

	loc = yw_arena_printf(r->arena, "%s/%lld?done=%s", path,
	    (long long)id, done);
	return loc != NULL ? loc : "/my/cases";
}

/* Submits draft id; a refusal re-shows the form with every value kept. */
static enum yw_err
submit(struct yw_req *r, json_t *vm, int64_t id)
{
	json_t		*errors;
	int64_t		 case_id;
	char		 tracking[40];
	enum yw_err	 rc;

	rc = yw_draft_submit(yw_web->db, &r->actor, &yw_web->keyring, id,
	    yw_time_now(),
	    &errors, &case_id, tracking);
	yw_req_keep(r, errors);
	if (rc == YW_EINVAL) {
		r->errors = errors;
		r->form = NULL;
		(void)draft_view(r, vm, id, NULL, errors);
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = done_at(r, "/cases", case_id, "submitted");
	return YW_OK;
}

/* POST to a draft: save, submit or remove a file. */
static enum yw_err
draft_post(struct yw_req *r, json_t *vm, int64_t id, json_t *def)
{
	struct yw_form_field	*spec;
	json_t			*values, *errors;
	const char		*action;
	size_t			 n;
	enum yw_err		 rc;

	spec = form_spec(r, def, &n);
	if (spec == NULL)
		return YW_ENOMEM;
	rc = yw_req_form(r, spec, n);
	if (rc != YW_OK && rc != YW_EINVAL)
		return rc;
	values = posted_values(r);
	if (rc == YW_EINVAL) {
		errors = posted_errors(r);
		r->errors = errors;
		(void)draft_view(r, vm, id, values, errors);
		return YW_EINVAL;
	}
	action = yw_jstr(r->form, "action");
	if (strcmp(action, "detach") == 0) {
		rc = yw_draft_detach(yw_web->db, &r->actor, id,
		    yw_jstr(r->form, "field"), yw_time_now());
		if (rc == YW_OK)
			r->redirect = done_at(r, "/apply/draft", id,
			    "file_removed");
		return rc;
	}
	rc = yw_draft_save(yw_web->db, &r->actor, id, values, yw_time_now(),
	    &errors);
	yw_req_keep(r, errors);
	if (rc == YW_EINVAL) {
		r->errors = errors;
		(void)draft_view(r, vm, id, values, errors);
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	if (strcmp(action, "submit") == 0)
		return submit(r, vm, id);
	r->redirect = done_at(r, "/apply/draft", id, "draft_saved");
	return YW_OK;
}

/*
 * /apply/<item code> and /apply/bundle/<code>: the blank form, or the
 * applicant's open draft for it. The first POST makes the draft (so files
 * can follow) and goes on as a POST to the draft.
 */
static enum yw_err
apply(struct yw_req *r, json_t *vm, const char *kind)
{
	struct yw_form_field	*spec;
	json_t			*target;
	const char		*code;
	int64_t			 id;
	size_t			 n;
	enum yw_err		 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	code = yw_req_tail(r);
	rc = target_form(kind, code, &target);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, target);
	if (!yw_req_is_post(r)) {
		rc = yw_draft_find(yw_web->db, &r->actor, kind, code, &id);
		if (rc == YW_OK) {
			r->redirect = yw_arena_printf(r->arena,
			    "/apply/draft/%lld", (long long)id);
			return YW_OK;
		}
		if (rc != YW_ENOTFOUND)
			return rc;
		form_view(r, vm, target, NULL, NULL);
		json_object_set_new(vm, "action", json_string(r->http->path));
		return YW_OK;
	}
	spec = form_spec(r, json_object_get(target, "form"), &n);
	if (spec == NULL)
		return YW_ENOMEM;
	rc = yw_req_form(r, spec, n);
	if (rc != YW_OK && rc != YW_EINVAL)
		return rc;
	/* Whatever was typed is kept, even what the decoder refused. */
	rc = yw_draft_open(yw_web->db, &r->actor, kind, code,
	    posted_values(r), yw_time_now(), &id);
	if (rc == YW_ETOOMANY) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "draft",
		    "too_many_drafts"));
		r->status = 429;
		form_view(r, vm, target, posted_values(r), NULL);
		json_object_set_new(vm, "action", json_string(r->http->path));
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	r->form = NULL;
	r->errors = NULL;
	return draft_post(r, vm, id, json_object_get(target, "form"));
}

static enum yw_err
view_apply_item(struct yw_req *r, json_t *vm)
{
	return apply(r, vm, "item");
}

static enum yw_err
view_apply_bundle(struct yw_req *r, json_t *vm)
{
	return apply(r, vm, "bundle");
}

static enum yw_err
view_draft(struct yw_req *r, json_t *vm)
{
	json_t		*d;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_web_id(yw_req_tail(r));
	rc = yw_draft_get(yw_web->db, &r->actor, id, &d);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, d);
	if (json_is_integer(json_object_get(d, "submitted_case_id"))) {
		r->redirect = yw_arena_printf(r->arena, "/cases/%lld",
		    (long long)json_integer_value(json_object_get(d,
		    "submitted_case_id")));
		return YW_OK;
	}
	if (!json_is_object(json_object_get(d, "target")))
		return YW_ENOTFOUND;
	if (yw_req_is_post(r))
		return draft_post(r, vm, id, json_object_get(json_object_get(d,
		    "target"), "form"));
	return draft_view(r, vm, id, NULL, NULL);
}

/* POST /apply/draft/<id>/upload: one file for one attachment field. */
static enum yw_err
view_draft_upload(struct yw_req *r, json_t *vm)
{
	static const char *const names[] = { "field" };
	const void	*data;
	const char	*filename, *field;
	json_t		*errors;
	size_t		 len;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	if (!yw_req_is_post(r))
		return YW_ENOTFOUND;
	id = yw_req_path_id(r, 2);
	rc = yw_req_multipart(r, names, 1, "file", &data, &len, &filename);
	if (rc != YW_OK)
		return rc;
	field = yw_jstr(r->form, "field");
	rc = yw_draft_upload(yw_web->db, &r->actor, id, field, filename, data,
	    len, yw_time_now(), &errors);
	yw_req_keep(r, errors);
	if (rc == YW_EINVAL) {
		r->errors = errors;
		r->form = NULL;
		rc = draft_view(r, vm, id, NULL, errors);
		return rc != YW_OK ? rc : YW_EINVAL;
	}
	if (rc != YW_OK)
		return rc;
	r->redirect = done_at(r, "/apply/draft", id, "uploaded");
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* POST /api/v1/applications */

/* An attachment value that carries its file: {"name", "content_base64"}. */
static int
is_inline(json_t *v)
{
	return json_is_object(v) && json_object_get(v, "content_base64") !=
	    NULL;
}

/* Attachments named in an API submit must be files the platform holds,
 * as they were stored: a client cannot make up a reference. */
static void
check_files(json_t *values, json_t *errors)
{
	json_t		*v;
	const char	*k;
	void		*data;
	size_t		 n;
	char		 type[8];

	json_object_foreach(values, k, v) {
		if (!json_is_object(v) || is_inline(v))
			continue;
		if (yw_attach_get(yw_web->db, yw_jstr(v, "sha256"), &data, &n,
		    type) != YW_OK) {
			json_object_set_new(errors, k, json_string("not_found"));
			continue;
		}
		free(data);
		if (strcmp(type, yw_jstr(v, "type")) != 0 || (json_int_t)n !=
		    json_integer_value(json_object_get(v, "size")))
			json_object_set_new(errors, k, json_string("invalid"));
	}
}

/* The field named name of a form definition, or NULL. */
static json_t *
form_field(json_t *def, const char *name)
{
	json_t	*f;
	size_t	 i;

	json_array_foreach(json_object_get(def, "fields"), i, f)
		if (strcmp(yw_jstr(f, "name"), name) == 0)
			return f;
	return NULL;
}

/* Checks the n bytes sent for field k of form definition def (inline or
 * as a part) into *file; the value becomes the reference the case keeps,
 * and yw_case_apply stores the bytes in the case's transaction. Returns
 * the field's error code, or NULL. */
static const char *
accept_file(json_t *def, json_t *values, const char *k, const void *bin,
    size_t n, const char *name, struct yw_case_file *file)
{
	json_t		*f;
	const char	*why;

	f = form_field(def, k);
	if (f == NULL || strcmp(yw_jstr(f, "type"), "attachment") != 0)
		return "invalid";
	if (yw_attach_check_field(f, bin, n, name, &file->att, &why) != YW_OK)
		return why;
	file->data = bin;
	json_object_set_new(values, k, yw_attach_json(&file->att));
	return NULL;
}

/* Decodes one inline file {name, content_base64} for field k (see
 * accept_file), its base64 lifted out of the body or in the tree. */
static const char *
decode_inline(struct yw_req *r, json_t *def, json_t *values, const char *k,
    json_t *v, const struct lifted *lift, struct yw_case_file *file,
    enum yw_err *rc)
{
	struct yw_jlift	 span;
	const char	*name;
	unsigned char	*bin;
	size_t		 max, n;
	json_t		*f, *c64;

	*rc = YW_OK;
	f = form_field(def, k);
	c64 = json_object_get(v, "content_base64");
	if (!yw_jlift_get(c64, lift->at, lift->n, &span)) {
		span.p = json_string_value(c64);
		span.len = json_string_length(c64);
	}
	name = json_string_value(json_object_get(v, "name"));
	if (f == NULL || strcmp(yw_jstr(f, "type"), "attachment") != 0 ||
	    span.p == NULL || (json_object_get(v, "name") != NULL &&
	    name == NULL))
		return "invalid";
	max = yw_attach_field_max(f);
	/* Four characters carry three bytes; refuse before decoding. */
	if (span.len / 4 * 3 > max + 3)
		return "too_big";
	bin = yw_arena_alloc(r->arena, YW_BASE64_MAX(span.len));
	if (bin == NULL) {
		*rc = YW_ENOMEM;
		return NULL;
	}
	if (yw_base64_decode(span.p, span.len, bin, YW_BASE64_MAX(span.len),
	    &n) != 0)
		return "invalid";
	return accept_file(def, values, k, bin, n, name, file);
}

/* Sets field k's error code; a part name that cannot be a JSON key
 * (not UTF-8) is blamed on the part that names the files. */
static void
file_error(json_t *errors, const char *k, const char *why)
{
	if (json_object_set_new(errors, k, json_string(why)) != 0)
		json_object_set_new(errors, "data", json_string("invalid"));
}

/* The files an API submit carries: the parts of a multipart body, each
 * named after its field, then those inline in the values (see
 * decode_inline), into in->files. */
static enum yw_err
submit_files(struct yw_req *r, struct yw_case_input *in,
    const struct yw_req_file *parts, size_t nparts, const struct lifted *lift,
    json_t *errors)
{
	struct yw_case_file	*files;
	json_t			*v, *def;
	const char		*k, *why;
	size_t			 i, n;
	enum yw_err		 rc;

	def = json_object_get(in->target, "form");
	files = yw_arena_zalloc(r->arena, (json_object_size(in->values) +
	    nparts + 1) * sizeof(*files));
	if (files == NULL)
		return YW_ENOMEM;
	n = 0;
	for (i = 0; i < nparts; i++) {
		why = accept_file(def, in->values, parts[i].name,
		    parts[i].data, parts[i].len, parts[i].filename, &files[n]);
		if (why != NULL)
			file_error(errors, parts[i].name, why);
		else
			n++;
	}
	json_object_foreach(in->values, k, v) {
		if (!is_inline(v))
			continue;
		why = decode_inline(r, def, in->values, k, v, lift, &files[n],
		    &rc);
		if (rc != YW_OK)
			return rc;
		if (why != NULL)
			json_object_set_new(errors, k, json_string(why));
		else
			n++;
	}
	in->files = files;
	in->nfiles = n;
	return YW_OK;
}

/* The body of an API submit: JSON with any files inline in base64, or
 * multipart/form-data with the same JSON object in the part "data" and
 * each file as a part named after its field (no base64 to decode and no
 * large JSON string to parse: a third of the bytes and CPU). */
static enum yw_err
submit_body(struct yw_req *r, json_t **body, struct yw_req_file **parts,
    size_t *nparts, struct lifted *lift)
{
	*parts = NULL;
	*nparts = 0;
	lift->n = 0;
	if (yw_req_is_multipart(r))
		return yw_req_multipart_json(r, "data", body, parts, nparts);
	return yw_req_json_lifted(r, APPLY_JSON_MAX, "content_base64",
	    lift->at, APPLY_LIFT_MAX, &lift->n, body);
}

static enum yw_err
view_api_apply(struct yw_req *r, json_t *vm)
{
	struct yw_case_input	 in;
	struct yw_req_file	*parts;
	struct lifted		 lift;
	json_t			*body, *errors, *target;
	const char		*key;
	size_t			 nparts;
	int64_t			 id;
	char			 tracking[40];
	enum yw_err		 rc;

	rc = submit_body(r, &body, &parts, &nparts, &lift);
	if (rc != YW_OK)
		return rc;
	errors = yw_req_keep(r, json_object());
	r->errors = errors;
	key = yw_req_idem_key(r, errors);
	memset(&in, 0, sizeof(in));
	in.item_code = json_string_value(json_object_get(body, "item_code"));
	in.bundle_code = json_string_value(json_object_get(body,
	    "bundle_code"));
	in.values = json_object_get(body, "values");
	in.idem_key = key;
	in.keyring = &yw_web->keyring;
	if ((in.item_code == NULL) == (in.bundle_code == NULL))
		json_object_set_new(errors, in.item_code == NULL ? "item_code" :
		    "bundle_code", json_string(in.item_code == NULL ?
		    "required" : "invalid"));
	if (in.values == NULL)
		in.values = yw_req_keep(r, json_object());
	else if (!json_is_object(in.values))
		json_object_set_new(errors, "values", json_string("invalid"));
	if (json_object_size(errors) > 0)
		return YW_EINVAL;
	/* The same key again is a retry: the first answer, with 200. */
	if (yw_case_find_key(yw_web->db, &r->actor, key, &id, tracking) ==
	    YW_OK) {
		json_object_set_new(vm, "case_id", json_integer(id));
		json_object_set_new(vm, "tracking_no", json_string(tracking));
		return YW_OK;
	}
	in.key_checked = 1;
	/* Read once: the files are checked against its form, and
	 * yw_case_apply takes it as it is. */
	rc = yw_case_target(yw_web->db, in.item_code, in.bundle_code,
	    &target);
	if (rc != YW_OK)
		return rc;
	in.target = yw_req_keep(r, target);
	check_files(in.values, errors);
	rc = submit_files(r, &in, parts, nparts, &lift, errors);
	if (rc != YW_OK)
		return rc;
	if (json_object_size(errors) > 0)
		return YW_EINVAL;
	rc = yw_case_apply(yw_web->db, &r->actor, &in, yw_time_now(),
	    &errors, &id, tracking);
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "case_id", json_integer(id));
	json_object_set_new(vm, "tracking_no", json_string(tracking));
	r->status = 201;
	return YW_OK;
}

int
page_bundles(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "case/bundles", view_bundles);
}

int
api_bundles(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_bundles);
}

int
page_bundle(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "case/bundle", view_bundle);
}

int
api_bundle(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_bundle);
}

int
page_apply_item(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "case/apply", view_apply_item);
}

int
page_apply_bundle(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "case/apply", view_apply_bundle);
}

int
page_draft(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "case/apply", view_draft);
}

int
page_draft_upload(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "case/apply", view_draft_upload);
}

int
api_applications(struct http_request *req)
{
	return yw_web_run_api_write(req, view_api_apply);
}
