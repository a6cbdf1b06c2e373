/*
 * h_letter.c - government-public interaction as the public and writers see
 * it: the channels with their reply limits and responsible officers,
 * writing a letter (one optional attachment; a retried submit makes one
 * letter; a consultation first shows matching knowledge base answers),
 * downloading its attachment, following it (logged in, or by letter number and query code),
 * adding to it and rating it, the published replies with personal data
 * masked, and each department's figures. The JSON API serves the same
 * view models. Permissions are app/interact's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "app/attach/attach.h"
#include "app/interact/letter.h"
#include "app/org/org.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "web/letterview.h"
#include "web/web.h"

int	page_interact(struct http_request *);
int	api_interact_channels(struct http_request *);
int	page_letter_write(struct http_request *);
int	page_letter_track(struct http_request *);
int	page_my_letters(struct http_request *);
int	api_my_letters(struct http_request *);
int	page_my_letter(struct http_request *);
int	api_letter(struct http_request *);
int	api_letters(struct http_request *);
int	page_letter_list(struct http_request *);
int	api_letter_list(struct http_request *);
int	page_letter_public(struct http_request *);
int	page_letter_figures(struct http_request *);
int	api_letter_figures(struct http_request *);
int	page_letter_file(struct http_request *);

#define LETTER_JSON_MAX	(64 * 1024)	/* bytes of an API submit */
#define LETTER_KEY_MAX	100		/* characters of a form token */
#define LETTER_FILE_MAX	(10 * 1024 * 1024)

static int
is_channel(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && yw_letter_channels[i] != NULL; i++)
		if (strcmp(yw_letter_channels[i], s) == 0)
			return 1;
	return 0;
}

/* The channel named by the last path segment, or NULL. */
static const char *
path_channel(struct yw_req *r)
{
	const char *c = yw_req_tail(r);

	return is_channel(c) ? c : NULL;
}

/* ------------------------------------------------------------------ */
/* /interact: the channels and who answers them. */

/* The officers of channels (borrowed) grouped by department, for pages:
 * [{department_id, department_name, department_name_en, officers}]. */
static json_t *
by_department(struct yw_req *r, json_t *officers)
{
	json_t	*out, *o, *d, *row;
	size_t	 i, j;

	out = json_array();
	json_array_foreach(officers, i, o) {
		d = NULL;
		json_array_foreach(out, j, row)
			if (yw_jint(row, "department_id") ==
			    yw_jint(o, "department_id"))
				d = row;
		if (d == NULL) {
			d = json_pack("{s:O, s:O, s:O?, s:[]}", "department_id",
			    json_object_get(o, "department_id"),
			    "department_name", json_object_get(o,
			    "department_name"), "department_name_en",
			    json_object_get(o, "department_name_en"),
			    "officers");
			json_array_append_new(out, d);
		}
		row = json_deep_copy(o);
		json_object_set(row, "channel_label", yw_web_letter_text(r,
		    "channel", yw_jstr(o, "channel")));
		json_array_append_new(json_object_get(d, "officers"), row);
	}
	return out;
}

static enum yw_err
view_interact(struct yw_req *r, json_t *vm)
{
	json_t		*list, *c, *officers;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_letter_channel_list(yw_web->db, &list);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "channels", list);
	if (r->kind != YW_PAGE)
		return YW_OK;
	json_array_foreach(list, i, c) {
		json_object_set(c, "label", yw_web_letter_text(r, "channel",
		    yw_jstr(c, "code")));
		json_object_set(c, "intro", yw_web_letter_text(r,
		    "channel_intro", yw_jstr(c, "code")));
		json_object_set_new(c, "may_anonymous", json_boolean(
		    yw_jint(c, "anonymous") != 0));
	}
	rc = yw_letter_officers(yw_web->db, 0, &officers);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "departments", by_department(r, officers));
	json_decref(officers);
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* Writing a letter. */

/* The text fields of the write form (declared in routes.conf). */
static const char *const write_fields[] = {
	"token", "category", "region_code", "title", "body", "name",
	"publish_ok", "anonymous", "income_low", "matter", "op", "suggested",
	"address",
};
#define NWRITE	(sizeof(write_fields) / sizeof(write_fields[0]))

/* A fresh form token: the idempotency key of one letter. */
static const char *
new_token(struct yw_req *r)
{
	return yw_web_form_token(r);
}

/* Fills vm with the write form of channel ch ({code, reply_days,
 * anonymous}) for the values in form (borrowed, may be NULL). */
static enum yw_err
write_form(struct yw_req *r, json_t *vm, json_t *ch, json_t *form)
{
	static const char *const yesno[] = { "yes", "no", NULL };
	json_t		*regions, *g;
	const char	*code;
	size_t		 i;
	enum yw_err	 rc;

	code = yw_jstr(ch, "code");
	json_object_set(vm, "channel", ch);
	json_object_set(ch, "label", yw_web_letter_text(r, "channel", code));
	json_object_set(ch, "intro", yw_web_letter_text(r, "channel_intro",
	    code));
	json_object_set_new(vm, "is_legal_aid", json_boolean(strcmp(code,
	    "legal_aid") == 0));
	/* Channels that are also Open311 services say where. */
	json_object_set_new(vm, "may_place", json_boolean(strcmp(code,
	    "complaint") == 0 || strcmp(code, "suggest") == 0));
	json_object_set_new(vm, "may_anonymous", json_boolean(yw_jint(ch,
	    "anonymous") != 0));
	json_object_set_new(vm, "may_attach", json_boolean(r->actor.id != 0));
	json_object_set_new(vm, "categories", yw_web_letter_choices(r,
	    "category", yw_letter_categories, form, "category"));
	json_object_set_new(vm, "matters", yw_web_letter_choices(r, "matter",
	    yw_letter_legal_matters, form, "matter"));
	json_object_set_new(vm, "incomes", yw_web_letter_choices(r, "income",
	    yesno, form, "income_low"));
	json_array_foreach(json_object_get(vm, "incomes"), i, g)
		json_object_set_new(g, "id", json_string(i == 0 ?
		    "f-income_low" : "f-income_low-no"));
	rc = yw_org_regions(yw_web->db, NULL, &regions);
	if (rc != YW_OK)
		return rc;
	yw_web_mark_selected(regions, "code", form, "region_code");
	json_object_set_new(vm, "regions", regions);
	if (form == NULL) {
		form = yw_req_keep(r, json_pack("{s:s, s:s, s:s}", "token",
		    new_token(r), "publish_ok", "1", "suggested", "0"));
		if (form == NULL)
			return YW_ENOMEM;
	}
	json_object_set_new(vm, "may_suggest", json_boolean(strcmp(code,
	    "consult") == 0));
	json_object_set(vm, "form", form);
	json_object_set_new(vm, "publish_checked", json_boolean(
	    strcmp(yw_jstr(form, "publish_ok"), "1") == 0));
	json_object_set_new(vm, "anonymous_checked", json_boolean(
	    strcmp(yw_jstr(form, "anonymous"), "1") == 0));
	/* Field names in messages as this form labels them. */
	r->labels = json_object_get(json_object_get(json_object_get(
	    yw_web->locales, r->lang), "interact"), "field");
	return YW_OK;
}

/* A field error on the write form: the form again with what was typed. */
static enum yw_err
write_again(struct yw_req *r, json_t *vm, json_t *ch, json_t *errors)
{
	enum yw_err rc;

	r->errors = errors;
	rc = write_form(r, vm, ch, r->form);
	return rc != YW_OK ? rc : YW_EINVAL;
}

static int
token_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e ||
		    i >= LETTER_KEY_MAX)
			return 0;
	return i > 0;
}

/*
 * The consultation form's results step: "查找相似问题" (op=suggest), or
 * the first send of a form that has not shown suggestions yet
 * (suggested=0) when some match, shows the knowledge base's answers
 * above the form, filled in as it was sent; the next send sends. A form
 * posted without the suggested field (scripts, API-like clients) sends
 * at once. *shown: the step was taken.
 */
static enum yw_err
suggest_step(struct yw_req *r, json_t *vm, json_t *ch, int with_file,
    int *shown)
{
	const char	*op, *text;
	int		 asked;
	enum yw_err	 rc;

	*shown = 0;
	op = yw_jstr(r->form, "op");
	asked = strcmp(op, "suggest") == 0;
	if (strcmp(yw_jstr(ch, "code"), "consult") != 0 || (!asked &&
	    (strcmp(yw_jstr(r->form, "suggested"), "0") != 0 || with_file)))
		return YW_OK;
	text = yw_jstr(r->form, "title");
	if (text[0] == '\0')
		text = yw_jstr(r->form, "body");
	rc = yw_web_kb_suggest(r, text, vm);
	if (rc != YW_OK || (!asked && !json_is_true(json_object_get(vm,
	    "has_suggestions"))))
		return rc;
	json_object_set_new(r->form, "suggested", json_string("1"));
	json_object_set_new(vm, "suggest_step", json_true());
	json_object_set_new(vm, "file_dropped", json_boolean(with_file));
	*shown = 1;
	return write_form(r, vm, ch, r->form);
}

/* POST /interact/write/<channel>: the letter, then its file. */
static enum yw_err
write_post(struct yw_req *r, json_t *vm, json_t *ch)
{
	struct yw_letter_input	 in;
	struct yw_actor		 anon, *who;
	struct yw_attach	 att;
	const void		*data;
	const char		*filename, *token;
	json_t			*errors, *details, *file;
	int64_t			 id, old;
	char			 no[24], code[YW_LETTER_CODE_LEN + 1];
	size_t			 len;
	int			 shown;
	enum yw_err		 rc;

	rc = yw_req_multipart(r, write_fields, NWRITE, "file", &data, &len,
	    &filename);
	if (rc != YW_OK)
		return rc;
	errors = yw_req_keep(r, json_object());
	token = yw_jstr(r->form, "token");
	if (!token_ok(token)) {
		/* A form without its token: a new one, nothing written. */
		json_object_set_new(r->form, "token", json_string(
		    new_token(r)));
		json_object_set_new(errors, "token", json_string("malformed"));
		return write_again(r, vm, ch, errors);
	}
	rc = suggest_step(r, vm, ch, data != NULL, &shown);
	if (rc != YW_OK || shown)
		return rc;
	who = &r->actor;
	if (strcmp(yw_jstr(r->form, "anonymous"), "1") == 0 &&
	    yw_jint(ch, "anonymous") != 0) {
		memset(&anon, 0, sizeof(anon));
		(void)snprintf(anon.source_ip, sizeof(anon.source_ip), "%s",
		    r->actor.source_ip);
		who = &anon;
	}
	if (data != NULL && who->id == 0) {
		json_object_set_new(errors, "file", json_string("anonymous"));
		return write_again(r, vm, ch, errors);
	}
	/* The file is checked before the letter exists, so a bad one
	 * leaves nothing behind. */
	memset(&att, 0, sizeof(att));
	if (data != NULL) {
		rc = yw_attach_put(yw_web->db, data, len, filename != NULL ?
		    filename : "file", LETTER_FILE_MAX, yw_time_now(), &att);
		if (rc == YW_EINVAL || rc == YW_ETOOBIG) {
			json_object_set_new(errors, "file", json_string(
			    rc == YW_ETOOBIG ? "too_big" : "type"));
			return write_again(r, vm, ch, errors);
		}
		if (rc != YW_OK)
			return rc;
	}
	details = yw_req_keep(r, json_pack("{s:s, s:s}", "income_low",
	    yw_jstr(r->form, "income_low"), "matter", yw_jstr(r->form,
	    "matter")));
	memset(&in, 0, sizeof(in));
	in.channel = yw_jstr(ch, "code");
	in.category = yw_jstr(r->form, "category");
	in.region_code = yw_jstr(r->form, "region_code");
	in.title = yw_jstr(r->form, "title");
	in.body = yw_jstr(r->form, "body");
	in.name = yw_jstr(r->form, "name");
	in.publish_ok = strcmp(yw_jstr(r->form, "publish_ok"), "1") == 0;
	in.details = details;
	in.idem_key = token;
	in.source = "web";
	in.address = yw_jstr(r->form, "address");
	/* A retry of a letter already written adds no second file. */
	if (yw_letter_find_key(yw_web->db, who, token, &old, no) != YW_OK)
		old = 0;
	in.key_checked = old == 0;
	errors = NULL;
	rc = yw_letter_submit(yw_web->db, who, yw_web_workcal(), &in,
	    yw_time_now(), &errors, &id, no, code);
	yw_req_keep(r, errors);
	/* Too many anonymous letters from this address: the form again,
	 * filled in, saying why (letter.h). */
	if (rc == YW_ETOOMANY && errors != NULL)
		r->status = 429;
	if (rc == YW_EINVAL || r->status == 429)
		return write_again(r, vm, ch, errors);
	if (rc != YW_OK)
		return rc;
	if (data != NULL && old == 0) {
		file = yw_attach_json(&att);
		rc = yw_letter_add_file(yw_web->db, who, id, file,
		    yw_time_now());
		json_decref(file);
		if (rc != YW_OK)
			return rc;
	}
	if (who->id != 0) {
		r->redirect = yw_arena_printf(r->arena,
		    "/my/letters/%lld?done=letter_sent", (long long)id);
		return YW_OK;
	}
	/* An anonymous writer sees the code here and nowhere else. */
	r->tpl = "interact/sent";
	json_object_set_new(vm, "letter_no", json_string(no));
	json_object_set_new(vm, "code", json_string(code));
	json_object_set(vm, "channel", ch);
	json_object_set(ch, "label", yw_web_letter_text(r, "channel",
	    yw_jstr(ch, "code")));
	return YW_OK;
}

static enum yw_err
view_write(struct yw_req *r, json_t *vm)
{
	const char	*channel;
	json_t		*list, *c, *ch;
	size_t		 i;
	enum yw_err	 rc;

	channel = path_channel(r);
	if (channel == NULL)
		return YW_ENOTFOUND;
	rc = yw_letter_channel_list(yw_web->db, &list);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, list);
	ch = NULL;
	json_array_foreach(list, i, c)
		if (strcmp(yw_jstr(c, "code"), channel) == 0)
			ch = c;
	if (ch == NULL)
		return YW_ENOTFOUND;
	json_object_del(ch, "officers");
	if (r->actor.id == 0 && yw_jint(ch, "anonymous") == 0)
		return YW_EAUTH;
	/* Letters come from the public; staff answer them. */
	if (strcmp(r->actor.kind, "staff") == 0)
		return YW_EFORBIDDEN;
	if (yw_req_is_post(r))
		return write_post(r, vm, ch);
	return write_form(r, vm, ch, NULL);
}

/* ------------------------------------------------------------------ */
/* Following a letter: the writer's page, and the anonymous lookup. */

/* The choices of the rating form. */
static json_t *
ratings(struct yw_req *r)
{
	static const char *const values[] = { "satisfied", "basic",
	    "unsatisfied", NULL };
	json_t	*list, *g;
	size_t	 i;

	list = yw_web_letter_choices(r, "rating", values, r->form, "rating");
	json_array_foreach(list, i, g)
		json_object_set_new(g, "id", json_string(i == 0 ? "f-rating" :
		    i == 1 ? "f-rating-basic" : "f-rating-unsatisfied"));
	return list;
}

/* The writer's part of a letter page: labels and the forms' choices. */
static void
writer_view(struct yw_req *r, json_t *vm)
{
	json_t *files, *f;
	size_t	i;

	yw_web_letter_view_labels(r, vm);
	if (r->kind != YW_PAGE)
		return;
	json_object_set_new(vm, "ratings", ratings(r));
	files = json_object_get(json_object_get(vm, "letter"), "files");
	json_array_foreach(files, i, f)
		json_object_set_new(f, "size_text", json_string(
		    yw_arena_printf(r->arena, "%lld KB",
		    (long long)((yw_jint(f, "size") + 1023) / 1024))));
}

/* A writer's action (supplement or rate) on letter id; code for an
 * anonymous writer. *again: re-show the page with the errors. */
static enum yw_err
writer_post(struct yw_req *r, int64_t id, const char *code)
{
	json_t		*errors;
	const char	*op, *note;
	enum yw_err	 rc;

	op = yw_jstr(r->form, "op");
	if (strcmp(op, "supplement") != 0 && strcmp(op, "rate") != 0)
		return YW_ENOTFOUND;
	note = strcmp(op, "rate") == 0 ? yw_jstr(r->form, "comment") :
	    yw_jstr(r->form, "note");
	errors = NULL;
	rc = yw_letter_writer_act(yw_web->db, &r->actor, yw_web_workcal(), id,
	    code, op, note, yw_jstr(r->form, "rating"), yw_time_now(), &errors);
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	/* A rating on a letter that moved on: say so by the field. */
	if (rc == YW_ECONFLICT && strcmp(op, "rate") == 0) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "rating",
		    "conflict"));
		rc = YW_EINVAL;
	}
	return rc;
}

static const struct yw_form_field writer_spec[] = {
	{ "op", 16, YW_FORM_REQUIRED },
	{ "note", YW_LETTER_NOTE_MAX, YW_FORM_MULTILINE },
	{ "rating", 16, 0 },
	{ "comment", YW_LETTER_NOTE_MAX, YW_FORM_MULTILINE },
	{ "letter_no", 23, 0 },
	{ "code", 24, 0 },
};
#define NWRITER	(sizeof(writer_spec) / sizeof(writer_spec[0]))

static enum yw_err
my_letter_page(struct yw_req *r, json_t *vm, int64_t id)
{
	json_t		*v;
	enum yw_err	 rc;

	rc = yw_letter_get(yw_web->db, &r->actor, yw_web_workcal(), id,
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	/* This page is the writer's; staff use theirs. */
	if (yw_jint(json_object_get(vm, "letter"), "writer_id") != r->actor.id)
		return YW_ENOTFOUND;
	writer_view(r, vm);
	return YW_OK;
}

static enum yw_err
view_my_letter(struct yw_req *r, json_t *vm)
{
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	if (yw_req_is_post(r)) {
		rc = yw_req_form(r, writer_spec, NWRITER);
		if (rc == YW_OK)
			rc = writer_post(r, id, NULL);
		if (rc == YW_EINVAL)
			(void)my_letter_page(r, vm, id);
		if (rc != YW_OK)
			return rc;
		r->redirect = yw_arena_printf(r->arena,
		    "/my/letters/%lld?done=letter_%s", (long long)id,
		    yw_jstr(r->form, "op"));
		return YW_OK;
	}
	return my_letter_page(r, vm, id);
}

/* GET /letters/<id>/files/<sha256>: a file of the letter for its writer
 * and the staff who see the letter; a hash the letter does not name is
 * not found, whoever asks. */
static enum yw_err
view_letter_file(struct yw_req *r, json_t *vm)
{
	json_t		*v, *f;
	const char	*sha, *name;
	size_t		 i;
	enum yw_err	 rc;

	(void)vm;
	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_get(yw_web->db, &r->actor, yw_web_workcal(),
	    yw_req_path_id(r, 1), yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	yw_req_keep(r, v);
	sha = yw_req_tail(r);
	name = NULL;
	json_array_foreach(json_object_get(json_object_get(v, "letter"),
	    "files"), i, f)
		if (strcmp(yw_jstr(f, "sha256"), sha) == 0)
			name = yw_jstr(f, "name");
	if (name == NULL)
		return YW_ENOTFOUND;
	return yw_web_attachment(r, sha, name);
}

/* GET /api/v1/letters/<id>: the letter as its writer or staff see it. */
static enum yw_err
view_api_letter(struct yw_req *r, json_t *vm)
{
	json_t		*v;
	int64_t		 id;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	id = yw_web_id(yw_req_tail(r));
	if (id == 0)
		return YW_ENOTFOUND;
	rc = yw_letter_get(yw_web->db, &r->actor, yw_web_workcal(), id,
	    yw_time_now(), &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	return YW_OK;
}

static enum yw_err
view_my_letters(struct yw_req *r, json_t *vm)
{
	json_t		*list, *l;
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_req_need_login(r);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_mine(yw_web->db, &r->actor, yw_web_workcal(),
	    yw_time_now(), &list);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(list, i, l)
		yw_web_letter_labels(r, l);
	json_object_set_new(vm, "letters", list);
	return YW_OK;
}

/*
 * /interact/track: letter number and query code, posted (so the code stays
 * out of addresses and logs). A wrong code and an unknown number give the
 * same answer. The anonymous writer adds to the letter and rates it here.
 */
static enum yw_err
view_track(struct yw_req *r, json_t *vm)
{
	json_t		*v, *e;
	const char	*no, *code, *op;
	int64_t		 id;
	enum yw_err	 rc;

	if (!yw_req_is_post(r))
		return YW_OK;
	rc = yw_req_form(r, writer_spec, NWRITER);
	if (rc != YW_OK)
		return rc;
	json_object_set(vm, "form", r->form);
	no = yw_jstr(r->form, "letter_no");
	code = yw_jstr(r->form, "code");
	e = json_object();
	if (no[0] == '\0')
		json_object_set_new(e, "letter_no", json_string("required"));
	if (code[0] == '\0')
		json_object_set_new(e, "code", json_string("required"));
	if (json_object_size(e) > 0) {
		r->errors = yw_req_keep(r, e);
		return YW_EINVAL;
	}
	json_decref(e);
	rc = yw_letter_track(yw_web->db, yw_web_workcal(), no, code,
	    yw_time_now(), &id, &v);
	if (rc == YW_ENOTFOUND) {
		json_object_set_new(vm, "not_found", json_true());
		r->status = 404;
		return YW_OK;
	}
	if (rc != YW_OK)
		return rc;
	json_decref(v);
	op = yw_jstr(r->form, "op");
	if (strcmp(op, "lookup") != 0) {
		rc = writer_post(r, id, code);
		if (rc != YW_OK && rc != YW_EINVAL)
			return rc;
		if (rc == YW_OK) {
			json_object_set(vm, "done_text", json_object_get(
			    json_object_get(json_object_get(yw_web->locales,
			    r->lang), "done"), yw_arena_printf(r->arena,
			    "letter_%s", op)));
			/* The forms start empty again. */
			json_object_del(r->form, "note");
			json_object_del(r->form, "comment");
			json_object_del(r->form, "rating");
		}
	}
	rc = yw_letter_track(yw_web->db, yw_web_workcal(), no, code,
	    yw_time_now(), &id, &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	json_object_set_new(vm, "found", json_true());
	json_object_set_new(vm, "by_code", json_true());
	writer_view(r, vm);
	return r->errors != NULL && json_object_size(r->errors) > 0 ?
	    YW_EINVAL : YW_OK;
}

/* ------------------------------------------------------------------ */
/* POST /api/v1/letters */

static enum yw_err
view_api_letters(struct yw_req *r, json_t *vm)
{
	struct yw_letter_input	 in;
	json_t			*body, *errors, *details;
	const char		*key;
	int64_t			 id;
	char			 no[24], code[YW_LETTER_CODE_LEN + 1];
	enum yw_err		 rc;

	rc = yw_req_json(r, LETTER_JSON_MAX, &body);
	if (rc != YW_OK)
		return rc;
	errors = yw_req_keep(r, json_object());
	r->errors = errors;
	key = yw_req_idem_key(r, errors);
	details = json_object_get(body, "details");
	if (details != NULL && !json_is_object(details))
		json_object_set_new(errors, "details", json_string("invalid"));
	if (json_object_get(body, "publish_ok") != NULL &&
	    !json_is_boolean(json_object_get(body, "publish_ok")))
		json_object_set_new(errors, "publish_ok",
		    json_string("invalid"));
	if (json_object_size(errors) > 0)
		return YW_EINVAL;
	memset(&in, 0, sizeof(in));
	in.channel = yw_jstr(body, "channel");
	in.category = yw_jstr(body, "category");
	in.region_code = yw_jstr(body, "region_code");
	in.title = yw_jstr(body, "title");
	in.body = yw_jstr(body, "body");
	in.publish_ok = json_is_true(json_object_get(body, "publish_ok"));
	in.details = details != NULL ? details : yw_req_keep(r,
	    json_object());
	in.idem_key = key;
	in.source = "api";
	/* The same key again is a retry: the first answer, with 200. */
	if (yw_letter_find_key(yw_web->db, &r->actor, key, &id, no) == YW_OK) {
		json_object_set_new(vm, "letter_id", json_integer(id));
		json_object_set_new(vm, "letter_no", json_string(no));
		return YW_OK;
	}
	in.key_checked = 1;
	errors = NULL;
	rc = yw_letter_submit(yw_web->db, &r->actor, yw_web_workcal(), &in,
	    yw_time_now(), &errors, &id, no, code);
	if (errors != NULL)
		r->errors = yw_req_keep(r, errors);
	if (rc != YW_OK)
		return rc;
	json_object_set_new(vm, "letter_id", json_integer(id));
	json_object_set_new(vm, "letter_no", json_string(no));
	r->status = 201;
	return YW_OK;
}

/* ------------------------------------------------------------------ */
/* Published replies and figures. */

static enum yw_err
view_list(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "page", 6, 0 },
	};
	json_t		*q, *v, *l;
	const char	*channel, *p;
	int64_t		 page;
	size_t		 i;
	enum yw_err	 rc;

	/* /interact/<channel> or /api/v1/interact/<channel>/letters (the
	 * route has checked the shape). */
	if (r->kind == YW_API)
		channel = yw_arena_strndup(r->arena, r->http->path + 17,
		    strlen(r->http->path) - 17 - 8);
	else
		channel = yw_req_tail(r);
	if (!is_channel(channel))
		return YW_ENOTFOUND;
	rc = yw_req_query_checked(r, spec, 1, &q);
	if (rc != YW_OK)
		return rc;
	p = yw_jstr(q, "page");
	page = p[0] != '\0' ? yw_web_id(p) : 1;
	if (page < 1) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "page",
		    "invalid"));
		return YW_EINVAL;
	}
	rc = yw_letter_public_list(yw_web->db, channel, page, &v);
	if (rc != YW_OK)
		return rc;
	json_object_update(vm, v);
	json_decref(v);
	json_object_set_new(vm, "channel", json_pack("{s:s, s:O?, s:O?}",
	    "code", channel, "label", yw_web_letter_text(r, "channel",
	    channel), "intro", yw_web_letter_text(r, "channel_intro",
	    channel)));
	if (r->kind != YW_PAGE)
		return YW_OK;
	json_array_foreach(json_object_get(vm, "letters"), i, l)
		yw_web_letter_labels(r, l);
	if (page > 1)
		json_object_set_new(vm, "prev_page", json_integer(page - 1));
	if (page < yw_jint(vm, "pages"))
		json_object_set_new(vm, "next_page", json_integer(page + 1));
	return YW_OK;
}

static enum yw_err
view_public(struct yw_req *r, json_t *vm)
{
	json_t		*l;
	enum yw_err	 rc;

	rc = yw_letter_public_get(yw_web->db, yw_web_id(yw_req_tail(r)), &l);
	if (rc != YW_OK)
		return rc;
	yw_web_letter_labels(r, l);
	json_object_set_new(vm, "letter", l);
	return YW_OK;
}

/* <0 when row a comes before b sorted by key: a column descending
 * (shortest median first), the department code ascending; no figure
 * last. */
static int
before(json_t *a, json_t *b, const char *key)
{
	json_t	*x, *y;
	double	 u, v;
	int	 asc;

	if (strcmp(key, "name") != 0) {
		x = json_object_get(a, key);
		y = json_object_get(b, key);
		asc = strcmp(key, "median_days") == 0;
		if (json_is_number(x) != json_is_number(y))
			return json_is_number(x) ? -1 : 1;
		u = json_number_value(x);
		v = json_number_value(y);
		if (u != v)
			return (u < v) == asc ? -1 : 1;
	}
	return strcmp(yw_jstr(a, "code"), yw_jstr(b, "code"));
}

static enum yw_err
view_figures(struct yw_req *r, json_t *vm)
{
	static const struct yw_form_field spec[] = {
		{ "sort", 20, 0 },
	};
	static const char *const sorts[] = { "name", "received", "replied",
	    "on_time_percent", "satisfied_percent", "median_days" };
	json_t		*q, *rows, *sorted, *row;
	const char	*sort;
	size_t		 i, j;
	int		 ok;
	enum yw_err	 rc;

	rc = yw_req_query_checked(r, spec, 1, &q);
	if (rc != YW_OK)
		return rc;
	sort = yw_jstr(q, "sort");
	if (sort[0] == '\0')
		sort = "name";
	ok = 0;
	for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (strcmp(sorts[i], sort) == 0) {
			ok = 1;
			sort = sorts[i];
		}
	if (!ok) {
		r->errors = yw_req_keep(r, json_pack("{s:s}", "sort",
		    "invalid"));
		return YW_EINVAL;
	}
	rc = yw_letter_figures(yw_web->db, 0, &rows);
	if (rc != YW_OK)
		return rc;
	/* A few dozen departments: insertion sort keeps it simple. */
	sorted = json_array();
	json_array_foreach(rows, i, row) {
		for (j = 0; j < json_array_size(sorted); j++)
			if (before(row, json_array_get(sorted, j), sort) < 0)
				break;
		json_array_insert(sorted, j, row);
		if (r->kind == YW_PAGE && json_is_real(json_object_get(row,
		    "median_days")))
			json_object_set_new(row, "median_text", json_string(
			    yw_arena_printf(r->arena, "%.1f", json_real_value(
			    json_object_get(row, "median_days")))));
	}
	json_decref(rows);
	json_object_set_new(vm, "figures", sorted);
	json_object_set_new(vm, "sort", json_string(sort));
	if (r->kind == YW_PAGE)
		for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
			json_object_set_new(vm, yw_arena_printf(r->arena,
			    "sorted_%s", sorts[i]), json_boolean(strcmp(sorts[i],
			    sort) == 0));
	return YW_OK;
}

int
page_interact(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "interact/index",
	    view_interact);
}

int
api_interact_channels(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_interact);
}

int
page_letter_write(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/write", view_write);
}

int
page_letter_track(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/track", view_track);
}

int
page_my_letters(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/mine", view_my_letters);
}

int
api_my_letters(struct http_request *req)
{
	return yw_web_run(req, YW_API, NULL, view_my_letters);
}

int
page_my_letter(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, "interact/letter", view_my_letter);
}

int
api_letter(struct http_request *req)
{
	return yw_web_run_private(req, view_api_letter);
}

int
api_letters(struct http_request *req)
{
	return yw_web_run_api_write(req, view_api_letters);
}

int
page_letter_list(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "interact/list", view_list);
}

int
api_letter_list(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_list);
}

int
page_letter_public(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "interact/public",
	    view_public);
}

int
page_letter_figures(struct http_request *req)
{
	return yw_web_run_public(req, YW_PAGE, "interact/figures",
	    view_figures);
}

int
api_letter_figures(struct http_request *req)
{
	return yw_web_run_public(req, YW_API, NULL, view_figures);
}

int
page_letter_file(struct http_request *req)
{
	return yw_web_run(req, YW_PAGE, NULL, view_letter_file);
}
