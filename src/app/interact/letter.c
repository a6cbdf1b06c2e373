/*
 * letter.c - writing, following and handling letters, deadlines and
 * escalation (letter.h). SQL lives in letter_store.c, the public side in
 * letter_public.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/account/account.h"
#include "app/audit/audit.h"
#include "app/interact/interact.h"
#include "app/interact/kb.h"
#include "app/interact/letter.h"
#include "app/interact/letter_state.h"
#include "app/interact/letter_store.h"
#include "app/notify/notify.h"
#include "core/jsonx.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/valid.h"

const char *const yw_letter_channels[] = {
	"mailbox", "consult", "complaint", "suggest", "report", "legal_aid",
	"site_error", NULL,
};

const char *const yw_letter_categories[] = {
	"general", "public_security", "social_security", "health", "market",
	"environment", "transport", "housing", "education", "civil_affairs",
	"legal", "website", NULL,
};

const char *const yw_letter_legal_matters[] = {
	"wages", "injury", "family", "consumer", "other", NULL,
};

static int
is_staff_of(const struct yw_actor *a, int64_t dept)
{
	return strcmp(a->kind, "staff") == 0 &&
	    ((a->roles & YW_ROLE_PLATFORM_ADMIN) || a->department_id == dept);
}

static int
is_handler(const struct yw_actor *a, int64_t dept)
{
	if (strcmp(a->kind, "staff") != 0)
		return 0;
	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	return a->department_id == dept &&
	    (a->roles & (YW_ROLE_CASE_HANDLER | YW_ROLE_DEPT_ADMIN)) != 0;
}

/* Staff of the supervising office see every letter. */
static int
is_supervisor(struct yw_db *db, const struct yw_actor *a)
{
	int64_t sup;

	if (strcmp(a->kind, "staff") != 0 || a->department_id == 0)
		return 0;
	sup = yw_letter_store_setting(db, "supervisor_department_id");
	return sup != 0 && sup == a->department_id;
}

/* The query code for an anonymous letter from its form token. */
static void
query_code(const char *key, char code[YW_LETTER_CODE_LEN + 1])
{
	static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	unsigned char	h[16];
	size_t		i, o;

	crypto_generichash(h, sizeof(h), (const unsigned char *)key,
	    strlen(key), (const unsigned char *)"yiwang-letter-code", 18);
	for (i = 0, o = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			code[o++] = '-';
		code[o++] = alphabet[h[i] % (sizeof(alphabet) - 1)];
	}
	code[o] = '\0';
}

/* Hex BLAKE2b of a code with case and hyphens ignored; 0 if malformed. */
static int
code_hash(const char *code, char out[65])
{
	unsigned char	h[32];
	char		norm[32];
	size_t		i, n;

	for (i = 0, n = 0; code != NULL && code[i] != '\0'; i++) {
		if (code[i] == '-' || code[i] == ' ')
			continue;
		if (n >= 16)
			return 0;
		norm[n++] = (code[i] >= 'a' && code[i] <= 'z') ?
		    (char)(code[i] - 32) : code[i];
	}
	if (n != 16)
		return 0;
	crypto_generichash(h, sizeof(h), (unsigned char *)norm, n, NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
	return 1;
}

/* Deadline facts as of today: due, light, days_left (open letters). */
static void
decorate(json_t *l, const struct yw_workday_cal *cal, int32_t today)
{
	enum yw_letter_state	s;
	enum yw_workday_light	light;
	char			buf[32];
	int			used, total, left;
	int32_t			due;

	due = (int32_t)yw_jint(l, "due_day");
	yw_interact_day_text(due, buf);
	json_object_set_new(l, "due", json_string(buf));
	if (json_is_integer(json_object_get(l, "created_at")) &&
	    yw_time_fmt_local(yw_jint(l, "created_at"), buf, sizeof(buf), 1) ==
	    YW_OK)
		json_object_set_new(l, "created_at_local", json_string(buf));
	if (yw_letter_state_parse(yw_jstr(l, "state"), &s) != YW_OK ||
	    !yw_letter_open(s))
		return;
	used = total = left = 0;
	(void)yw_workday_progress(cal, (int32_t)yw_jint(l, "received_day"), due,
	    today, NULL, 0, &used, &total, NULL);
	(void)yw_workday_count(cal, today, due, &left, NULL);
	light = yw_workday_light_for(due, today, used, total,
	    YW_LETTER_WARN_PERCENT);
	json_object_set_new(l, "days_left", json_integer(left));
	json_object_set_new(l, "light", json_string(light == YW_WORKDAY_RED ?
	    "red" : light == YW_WORKDAY_YELLOW ? "yellow" : "green"));
}

/* The audit entry of letter id (interact.h). */
static enum yw_err
audit(struct yw_db *db, const struct yw_actor *a, const char *action,
    int64_t id, json_t *detail)
{
	return yw_interact_audit(db, a, action, "letter", id, detail);
}

enum yw_err
yw_letter_route(struct yw_db *db, const char *channel, const char *category,
    const char *region_code, int64_t *department_id)
{
	return yw_letter_store_route(db, channel, category, region_code,
	    department_id);
}

static void
check_details(const struct yw_letter_input *in, json_t **errors)
{
	const char *income, *matter;

	if (strcmp(in->channel, "legal_aid") != 0)
		return;
	income = yw_jstr(in->details, "income_low");
	matter = yw_jstr(in->details, "matter");
	if (income[0] == '\0')
		yw_jerror(errors, "income_low", "required");
	else if (strcmp(income, "yes") != 0 && strcmp(income, "no") != 0)
		yw_jerror(errors, "income_low", "invalid");
	if (matter[0] == '\0')
		yw_jerror(errors, "matter", "required");
	else if (!yw_in_list(yw_letter_legal_matters, matter))
		yw_jerror(errors, "matter", "invalid");
}

static enum yw_err
check_input(struct yw_db *db, const struct yw_letter_input *in,
    json_t **errors)
{
	if (!yw_in_list(yw_letter_channels, in->channel))
		yw_jerror(errors, "channel", "invalid");
	if (in->category == NULL || in->category[0] == '\0')
		yw_jerror(errors, "category", "required");
	else if (!yw_in_list(yw_letter_categories, in->category))
		yw_jerror(errors, "category", "invalid");
	if (in->region_code == NULL || in->region_code[0] == '\0')
		yw_jerror(errors, "region_code", "required");
	else if (!yw_letter_store_region_exists(db, in->region_code))
		yw_jerror(errors, "region_code", "invalid");
	(void)yw_interact_text_ok(in->title, YW_LETTER_TITLE_MAX, 1, 0, errors,
	    "title");
	(void)yw_interact_text_ok(in->body, YW_LETTER_BODY_MAX, 1, 1, errors,
	    "body");
	(void)yw_interact_text_ok(in->name, 50, 0, 0, errors, "name");
	(void)yw_interact_text_ok(in->address, YW_LETTER_ADDRESS_MAX, 0, 0,
	    errors, "address");
	if (yw_interact_text_ok(in->email, 100, 0, 0, errors, "email") &&
	    in->email != NULL && in->email[0] != '\0' &&
	    !yw_valid_email(in->email, strlen(in->email)))
		yw_jerror(errors, "email", "invalid");
	(void)yw_interact_text_ok(in->phone, 30, 0, 0, errors, "phone");
	if (in->has_position && !(in->lat >= -90 && in->lat <= 90))
		yw_jerror(errors, "lat", "invalid");
	if (in->has_position && !(in->lon >= -180 && in->lon <= 180))
		yw_jerror(errors, "long", "invalid");
	if (in->channel != NULL && yw_in_list(yw_letter_channels, in->channel))
		check_details(in, errors);
	return *errors != NULL ? YW_EINVAL : YW_OK;
}

enum yw_err
yw_letter_insert_tx(struct yw_db *db, json_t *l, int64_t now, int64_t *id,
    char letter_no[24])
{
	char		day[16];
	int64_t		seq;
	int		y, m, d;
	enum yw_err	rc;

	yw_time_civil_from_days(yw_time_local_days(now), &y, &m, &d);
	(void)snprintf(day, sizeof(day), "%04d%02d%02d", y, m, d);
	rc = yw_letter_store_next_no(db, day, &seq);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(letter_no, 24, "L%s%05lld", day, (long long)seq);
	json_object_set_new(l, "letter_no", json_string(letter_no));
	rc = yw_letter_store_insert(db, l, id);
	if (rc != YW_OK)
		return rc;
	return yw_letter_store_event(db, *id, yw_jint(l, "writer_id"), "writer",
	    "submit", "received", yw_jint(l, "department_id"), "", 0, now);
}

/* Whose idempotency keys a key is told apart from: an account's, a
 * posting client's, or every anonymous writer's. */
static void
idem_scope(const struct yw_actor *a, int64_t client_id, char scope[32])
{
	if (a->id != 0)
		(void)snprintf(scope, 32, "a%lld", (long long)a->id);
	else if (client_id != 0)
		(void)snprintf(scope, 32, "c%lld", (long long)client_id);
	else
		(void)snprintf(scope, 32, "anon");
}

static enum yw_err
find_key(struct yw_db *db, const struct yw_actor *a, int64_t client_id,
    const char *key, int64_t *id, char letter_no[24])
{
	char scope[32];

	*id = 0;
	letter_no[0] = '\0';
	if (key == NULL || key[0] == '\0')
		return YW_ENOTFOUND;
	idem_scope(a, client_id, scope);
	return yw_letter_store_by_key(db, scope, key, id, letter_no);
}

enum yw_err
yw_letter_find_key(struct yw_db *db, const struct yw_actor *a,
    const char *key, int64_t *id, char letter_no[24])
{
	return find_key(db, a, 0, key, id, letter_no);
}

/* Where and through whom: the columns of in beyond the form's. */
static enum yw_err
place(json_t *l, const struct yw_letter_input *in)
{
	char lat[32], lon[32];

	(void)snprintf(lat, sizeof(lat), "%.7f", in->lat);
	(void)snprintf(lon, sizeof(lon), "%.7f", in->lon);
	return json_object_update_new(l, json_pack("{s:s, s:s, s:s?, s:s?, "
	    "s:s?, s:I}", "address", in->address != NULL ? in->address : "",
	    "writer_email", in->email != NULL ? in->email : "",
	    "service_code", in->service_code, "lat", in->has_position ? lat :
	    NULL, "lon", in->has_position ? lon : NULL, "client_id",
	    (json_int_t)in->client_id)) == 0 ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_letter_submit(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, const struct yw_letter_input *in,
    int64_t now, json_t **errors, int64_t *id, char letter_no[24],
    char code[YW_LETTER_CODE_LEN + 1])
{
	json_t		*ch, *l, *details;
	char		 scope[32], hash[65], *dj;
	const char	*phone;
	int64_t		 dept;
	int32_t		 today, due;
	int		 anon;
	enum yw_err	 rc;

	*errors = NULL;
	*id = 0;
	letter_no[0] = code[0] = '\0';
	ch = l = NULL;
	if (in->idem_key != NULL && (in->idem_key[0] == '\0' ||
	    strlen(in->idem_key) > 100)) {
		yw_jerror(errors, "idempotency_key", "invalid");
		return YW_EINVAL;
	}
	if (a->id == 0 && in->idem_key == NULL) {
		yw_jerror(errors, "idempotency_key", "required");
		return YW_EINVAL;
	}
	if (in->client_id != 0 && a->id != 0)
		return YW_EFORBIDDEN;
	if (!in->key_checked && find_key(db, a, in->client_id, in->idem_key,
	    id, letter_no) == YW_OK) {
		if (a->id == 0)
			query_code(in->idem_key, code);
		return YW_OK;
	}
	if (check_input(db, in, errors) != YW_OK)
		return YW_EINVAL;
	rc = yw_letter_store_channel(db, in->channel, &ch);
	if (rc != YW_OK)
		return rc;
	if (a->id == 0 && in->client_id == 0 && yw_jint(ch, "anonymous") == 0) {
		json_decref(ch);
		return YW_EAUTH;
	}
	if (a->id != 0 && strcmp(a->kind, "staff") == 0) {
		json_decref(ch);
		return YW_EFORBIDDEN;
	}
	rc = yw_letter_store_route(db, in->channel, in->category,
	    in->region_code, &dept);
	if (rc == YW_ENOTFOUND) {
		yw_jerror(errors, "channel", "not_routed");
		json_decref(ch);
		return YW_EINVAL;
	}
	if (rc != YW_OK)
		goto out;
	today = (int32_t)yw_time_local_days(now);
	rc = yw_workday_add(cal, today, (int)yw_jint(ch, "reply_days"), &due,
	    NULL);
	if (rc != YW_OK)
		goto out;
	idem_scope(a, in->client_id, scope);
	if (a->id == 0) {
		query_code(in->idem_key, code);
		(void)code_hash(code, hash);
	}
	phone = a->id != 0 && strcmp(a->kind, "citizen") == 0 &&
	    strlen(a->login) == 11 ? a->login : (in->phone != NULL ?
	    in->phone : "");
	details = strcmp(in->channel, "legal_aid") == 0 ? json_pack(
	    "{s:s, s:s, s:b}", "income_low", yw_jstr(in->details, "income_low"),
	    "matter", yw_jstr(in->details, "matter"), "eligible",
	    strcmp(yw_jstr(in->details, "income_low"), "yes") == 0) :
	    json_object();
	dj = json_dumps(details, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(details);
	if (dj == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	l = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s?, s:I, "
	    "s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:s?, s:I}", "channel",
	    in->channel, "category", in->category, "region_code",
	    in->region_code, "title", in->title, "body", in->body, "writer_id",
	    (json_int_t)a->id, "writer_name", a->id != 0 ? a->display_name :
	    (in->name != NULL ? in->name : ""), "writer_phone", phone,
	    "query_hash", a->id == 0 ? hash : NULL, "publish_ok",
	    (json_int_t)(in->publish_ok != 0), "details", dj, "files", "[]",
	    "source", in->source != NULL ? in->source : "web", "department_id",
	    (json_int_t)dept, "received_day", (json_int_t)today, "due_day",
	    (json_int_t)due, "idem_scope", scope, "idem_key", in->idem_key,
	    "created_at", (json_int_t)now);
	free(dj);
	if (l == NULL || place(l, in) != YW_OK) {
		rc = YW_ENOMEM;
		goto out;
	}
	anon = a->id == 0 && in->client_id == 0 && a->source_ip[0] != '\0';
	if (anon) {
		rc = yw_account_throttle_check(db, "letter", a->source_ip,
		    YW_LETTER_ANON_WINDOW, YW_LETTER_ANON_MAX, now);
		if (rc == YW_ETOOMANY)
			yw_jerror(errors, "throttle", "anon_letters");
		if (rc != YW_OK)
			goto out;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		goto out;
	rc = yw_letter_insert_tx(db, l, now, id, letter_no);
	if (rc == YW_OK)
		rc = audit(db, a, "letter.submit", *id, json_pack("{s:s, s:I}",
		    "channel", in->channel, "department_id", (json_int_t)dept));
	if (rc == YW_OK && anon)
		rc = yw_account_throttle_fail(db, "letter", a->source_ip, now);
	rc = yw_db_end(db, rc);
	/* A twin request that won the race on the same key: that letter. */
	if (rc == YW_ECONFLICT && find_key(db, a, in->client_id, in->idem_key,
	    id, letter_no) == YW_OK)
		rc = YW_OK;
out:
	if (rc != YW_OK) {
		*id = 0;
		letter_no[0] = code[0] = '\0';
	}
	json_decref(ch);
	json_decref(l);
	return rc;
}

/* What a may do with letter l now, as flags. */
static json_t *
abilities(const struct yw_actor *a, json_t *l, int writer)
{
	static const enum yw_letter_event staff_ev[] = {
		YW_LETTER_EV_ASSIGN, YW_LETTER_EV_START, YW_LETTER_EV_REPLY,
		YW_LETTER_EV_TRANSFER, YW_LETTER_EV_RETURN, YW_LETTER_EV_CLOSE,
	};
	enum yw_letter_state	s, next;
	json_t			*can;
	size_t			i;
	int			handler;

	can = json_object();
	if (yw_letter_state_parse(yw_jstr(l, "state"), &s) != YW_OK)
		return can;
	handler = is_handler(a, yw_jint(l, "department_id"));
	json_object_set_new(can, "act", json_boolean(handler));
	for (i = 0; i < sizeof(staff_ev) / sizeof(staff_ev[0]); i++)
		json_object_set_new(can, yw_letter_event_name(staff_ev[i]),
		    json_boolean(handler && yw_letter_next(s, staff_ev[i],
		    YW_LETTER_BY_STAFF, 1, &next) == YW_OK));
	if (yw_jint(l, "transfers") >= YW_LETTER_TRANSFER_MAX)
		json_object_set_new(can, "transfer", json_false());
	json_object_set_new(can, "note", json_boolean(handler &&
	    s != YW_LETTER_CLOSED));
	json_object_set_new(can, "supplement", json_boolean(writer &&
	    yw_letter_open(s)));
	json_object_set_new(can, "rate", json_boolean(writer &&
	    s == YW_LETTER_REPLIED));
	json_object_set_new(can, "upload", json_boolean(writer &&
	    a->id != 0 && yw_letter_open(s) &&
	    json_array_size(json_object_get(l, "files")) <
	    YW_LETTER_FILES_MAX));
	return can;
}

static int	may_assign(struct yw_db *, const struct yw_actor *, json_t *);

/* The view of letter l (borrowed) for a: staff (2), writer (1). */
static enum yw_err
view(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, json_t *l, int rel, int64_t now,
    json_t **out)
{
	json_t		*events, *e;
	char		 buf[32];
	size_t		 i;
	enum yw_err	 rc;

	rc = yw_letter_store_events(db, yw_jint(l, "id"), rel == 2, &events);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(events, i, e)
		if (yw_time_fmt_local(yw_jint(e, "at"), buf, sizeof(buf), 1) ==
		    YW_OK)
			json_object_set_new(e, "at_local", json_string(buf));
	json_object_set_new(l, "details", json_loads(yw_jstr(l, "details"), 0,
	    NULL));
	json_object_set_new(l, "files", json_loads(yw_jstr(l, "files"), 0,
	    NULL));
	if (!json_is_array(json_object_get(l, "files")))
		json_object_set_new(l, "files", json_array());
	decorate(l, cal, (int32_t)yw_time_local_days(now));
	if (json_is_integer(json_object_get(l, "replied_at")) &&
	    yw_time_fmt_local(yw_jint(l, "replied_at"), buf, sizeof(buf), 1) ==
	    YW_OK)
		json_object_set_new(l, "replied_at_local", json_string(buf));
	json_object_set_new(l, "can", abilities(a, l, rel == 1));
	json_object_set_new(json_object_get(l, "can"), "assign_to",
	    json_boolean(rel == 2 && json_object_get(l, "light") != NULL &&
	    may_assign(db, a, l)));
	json_object_del(l, "version");
	*out = json_pack("{s:O, s:o}", "letter", l, "timeline", events);
	return *out != NULL ? YW_OK : YW_ENOMEM;
}

enum yw_err
yw_letter_get(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, int64_t now, json_t **out)
{
	json_t		*l;
	int		 rel;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_letter_store_get(db, id, &l);
	if (rc != YW_OK)
		return rc;
	if (is_staff_of(a, yw_jint(l, "department_id")) || is_supervisor(db, a))
		rel = 2;
	else if (a->id != 0 && a->id == yw_jint(l, "writer_id"))
		rel = 1;
	else
		rel = 0;
	rc = rel == 0 ? YW_ENOTFOUND : view(db, a, cal, l, rel, now, out);
	json_decref(l);
	return rc;
}

enum yw_err
yw_letter_track(struct yw_db *db, const struct yw_workday_cal *cal,
    const char *letter_no, const char *code, int64_t now, int64_t *id,
    json_t **out)
{
	struct yw_actor	 anon;
	json_t		*l;
	char		 hash[65];
	enum yw_err	 rc;

	*out = NULL;
	*id = 0;
	if (letter_no == NULL || !code_hash(code, hash))
		return YW_ENOTFOUND;
	rc = yw_letter_store_by_code(db, letter_no, hash, &l);
	if (rc != YW_OK)
		return rc;
	memset(&anon, 0, sizeof(anon));
	*id = yw_jint(l, "id");
	rc = view(db, &anon, cal, l, 1, now, out);
	json_decref(l);
	return rc;
}

enum yw_err
yw_letter_mine(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t now, json_t **out)
{
	json_t		*l;
	size_t		 i;
	enum yw_err	 rc;

	*out = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_letter_store_mine(db, a->id, out);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(*out, i, l)
		decorate(l, cal, (int32_t)yw_time_local_days(now));
	return YW_OK;
}

enum yw_err
yw_letter_queue(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int overdue, int64_t now, json_t **out)
{
	json_t		*l;
	int32_t		 today;
	size_t		 i;
	int64_t		 dept;
	enum yw_err	 rc;

	*out = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	if (strcmp(a->kind, "staff") != 0)
		return YW_EFORBIDDEN;
	dept = (a->roles & YW_ROLE_PLATFORM_ADMIN) || is_supervisor(db, a) ?
	    0 : a->department_id;
	today = (int32_t)yw_time_local_days(now);
	rc = yw_letter_store_queue(db, dept, overdue ? today : 0, out);
	if (rc != YW_OK)
		return rc;
	json_array_foreach(*out, i, l)
		decorate(l, cal, today);
	return YW_OK;
}

/* The writer of l is told about a change in their inbox (zh-CN text, as
 * the message centre keeps one language). */
static enum yw_err
notify_writer(struct yw_db *db, json_t *l, const char *event,
    const char *note, int64_t now)
{
	static const struct {
		const char *event, *zh;
	} words[] = {
		{ "assign", "已有专人办理" }, { "start", "正在办理" },
		{ "reply", "已答复" }, { "transfer", "已转交其他部门办理" },
		{ "return", "已退回分办机构重新分办" }, { "close", "已办结" },
		{ "reopen", "已重新办理" },
	};
	struct yw_notify_msg	 m;
	char			 subject[160], body[400], key[96];
	const char		*zh;
	size_t			 i;
	enum yw_err		 rc;

	if (yw_jint(l, "writer_id") == 0)
		return YW_OK;
	zh = NULL;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].event, event) == 0)
			zh = words[i].zh;
	if (zh == NULL)
		return YW_OK;
	(void)snprintf(subject, sizeof(subject), "您的来信 %s %s",
	    yw_jstr(l, "letter_no"), zh);
	(void)snprintf(body, sizeof(body), "《%.60s》%s。", yw_jstr(l, "title"),
	    zh);
	(void)snprintf(key, sizeof(key), "letter/%lld/%lld/%s",
	    (long long)yw_jint(l, "id"), (long long)yw_jint(l, "version"),
	    event);
	memset(&m, 0, sizeof(m));
	m.channel = "inbox";
	m.account_id = yw_jint(l, "writer_id");
	m.subject = subject;
	m.body = body;
	m.dedup_key = key;
	m.payload = json_pack("{s:I, s:s, s:s}", "letter_id",
	    (json_int_t)yw_jint(l, "id"), "letter_no", yw_jstr(l, "letter_no"),
	    "event", event);
	rc = yw_notify_enqueue(db, &m, now, NULL);
	json_decref(m.payload);
	(void)note;
	return rc;
}

/* Sets l's reply facts on its first reply. */
static void
replied(json_t *l, const struct yw_workday_cal *cal, const char *text,
    int64_t now)
{
	int32_t	today;
	int	n;

	json_object_set_new(l, "reply", json_string(text));
	if (json_is_integer(json_object_get(l, "replied_at")))
		return;
	today = (int32_t)yw_time_local_days(now);
	n = 0;
	(void)yw_workday_count(cal, (int32_t)yw_jint(l, "received_day"), today,
	    &n, NULL);
	json_object_set_new(l, "replied_at", json_integer(now));
	json_object_set_new(l, "reply_days", json_integer(n < 0 ? 0 : n));
	json_object_set_new(l, "on_time", json_integer(today <=
	    yw_jint(l, "due_day")));
}

/* A consultation's published reply is a knowledge base entry: kept in
 * step with the letter in its transaction. */
static enum yw_err
kb_sync(struct yw_db *db, json_t *l)
{
	if (strcmp(yw_jstr(l, "channel"), "consult") != 0)
		return YW_OK;
	return yw_kb_letter_sync(db, yw_jint(l, "id"));
}

/* Moves l by a staff event inside the open transaction. */
static enum yw_err
staff_move(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, json_t *l, enum yw_letter_event e,
    const char *note, int64_t to_dept, int64_t now, json_t **errors)
{
	enum yw_letter_state	s, next;
	int64_t			version, dept;
	enum yw_err		rc;

	if (yw_letter_state_parse(yw_jstr(l, "state"), &s) != YW_OK)
		return YW_EINTERNAL;
	rc = yw_letter_next(s, e, YW_LETTER_BY_STAFF, note != NULL &&
	    note[0] != '\0', &next);
	if (rc == YW_EINVAL) {
		yw_jerror(errors, "note", "required");
		return rc;
	}
	if (rc != YW_OK)
		return rc;
	dept = yw_jint(l, "department_id");
	if (e == YW_LETTER_EV_TRANSFER) {
		if (yw_jint(l, "transfers") >= YW_LETTER_TRANSFER_MAX) {
			yw_jerror(errors, "department_id",
			    "transfer_limit");
			return YW_EINVAL;
		}
		if (to_dept == 0) {
			yw_jerror(errors, "department_id",
			    "required");
			return YW_EINVAL;
		}
		if (to_dept == dept) {
			yw_jerror(errors, "department_id",
			    "same");
			return YW_EINVAL;
		}
		if (!yw_letter_store_department_exists(db, to_dept)) {
			yw_jerror(errors, "department_id",
			    "not_found");
			return YW_EINVAL;
		}
		json_object_set_new(l, "transfers", json_integer(
		    yw_jint(l, "transfers") + 1));
		json_object_set_new(l, "department_id", json_integer(to_dept));
		json_object_set_new(l, "assignee_id", json_integer(0));
	} else if (e == YW_LETTER_EV_RETURN) {
		to_dept = yw_letter_store_setting(db,
		    "supervisor_department_id");
		if (to_dept == 0 || to_dept == dept)
			return YW_ECONFLICT;
		json_object_set_new(l, "department_id", json_integer(to_dept));
		json_object_set_new(l, "assignee_id", json_integer(0));
	} else if (e == YW_LETTER_EV_ASSIGN)
		json_object_set_new(l, "assignee_id", json_integer(a->id));
	else if (e == YW_LETTER_EV_REPLY)
		replied(l, cal, note, now);
	json_object_set_new(l, "state", json_string(
	    yw_letter_state_name(next)));
	version = yw_jint(l, "version");
	rc = yw_letter_store_update(db, l, version, now);
	if (rc == YW_OK)
		rc = yw_letter_store_event(db, yw_jint(l, "id"), a->id, "staff",
		    yw_letter_event_name(e), yw_letter_state_name(next),
		    yw_jint(l, "department_id"), note, 0, now);
	if (rc == YW_OK)
		rc = audit(db, a, e == YW_LETTER_EV_ASSIGN ? "letter.assign" :
		    e == YW_LETTER_EV_START ? "letter.start" :
		    e == YW_LETTER_EV_REPLY ? "letter.reply" :
		    e == YW_LETTER_EV_TRANSFER ? "letter.transfer" :
		    e == YW_LETTER_EV_RETURN ? "letter.return" : "letter.close",
		    yw_jint(l, "id"), json_pack("{s:I, s:I, s:s}",
		    "from_department",
		    (json_int_t)dept, "department_id", (json_int_t)yw_jint(l,
		    "department_id"), "state", yw_letter_state_name(next)));
	if (rc == YW_OK)
		rc = notify_writer(db, l, yw_letter_event_name(e), note, now);
	if (rc == YW_OK)
		rc = kb_sync(db, l);
	return rc;
}

enum yw_err
yw_letter_act(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, const char *event,
    const char *note, int64_t department_id, int64_t now, json_t **errors)
{
	enum yw_letter_event	 e;
	json_t			*l;
	int			 is_note;
	enum yw_err		 rc;

	*errors = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	is_note = event != NULL && strcmp(event, "note") == 0;
	if (!is_note && yw_letter_event_parse(event, &e) != YW_OK)
		return YW_ENOTFOUND;
	if (!yw_interact_text_ok(note, YW_LETTER_NOTE_MAX, is_note, 1, errors,
	    "note"))
		return YW_EINVAL;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	l = NULL;
	rc = yw_letter_store_get(db, id, &l);
	if (rc == YW_OK && !is_staff_of(a, yw_jint(l, "department_id")))
		rc = YW_ENOTFOUND;
	if (rc == YW_OK && !is_handler(a, yw_jint(l, "department_id")))
		rc = YW_EFORBIDDEN;
	if (rc == YW_OK && is_note) {
		if (strcmp(yw_jstr(l, "state"), "closed") == 0)
			rc = YW_ECONFLICT;
		if (rc == YW_OK)
			rc = yw_letter_store_event(db, id, a->id, "staff",
			    "note", yw_jstr(l, "state"), yw_jint(l,
			    "department_id"), note, 1, now);
		if (rc == YW_OK)
			rc = audit(db, a, "letter.note", id, NULL);
	} else if (rc == YW_OK)
		rc = staff_move(db, a, cal, l, e, note, department_id, now,
		    errors);
	json_decref(l);
	return yw_db_end(db, rc);
}

/* 1 when a names the officer of l's channel in l's department. */
static int
is_officer(struct yw_db *db, const struct yw_actor *a, json_t *l)
{
	json_t	*list, *o;
	size_t	 i;
	int	 yes = 0;

	if (yw_letter_store_officers(db, yw_jint(l, "department_id"), &list) !=
	    YW_OK)
		return 0;
	json_array_foreach(list, i, o)
		if (strcmp(yw_jstr(o, "channel"), yw_jstr(l, "channel")) == 0 &&
		    yw_jint(o, "account_id") == a->id)
			yes = 1;
	json_decref(list);
	return yes;
}

/* 1 when account is an active handler (case_handler, dept_admin) of
 * dept. */
static int
handles(struct yw_db *db, int64_t account, int64_t dept)
{
	json_t	*list, *o;
	size_t	 i;
	int	 yes = 0;

	if (yw_letter_store_handlers(db, dept, &list) != YW_OK)
		return 0;
	json_array_foreach(list, i, o)
		if (yw_jint(o, "id") == account)
			yes = 1;
	json_decref(list);
	return yes;
}

/* Who may hand l to a colleague: its department's dept_admins, the
 * channel's responsible officer there, platform admins. */
static int
may_assign(struct yw_db *db, const struct yw_actor *a, json_t *l)
{
	int64_t dept = yw_jint(l, "department_id");

	if (a->roles & YW_ROLE_PLATFORM_ADMIN)
		return 1;
	if (a->department_id != dept)
		return 0;
	return (a->roles & YW_ROLE_DEPT_ADMIN) || is_officer(db, a, l);
}

/* Why assignee cannot take a letter of dept, or NULL when they can. */
static const char *
assignee_problem(struct yw_db *db, int64_t assignee, int64_t dept)
{
	if (assignee == 0)
		return "required";
	if (!yw_letter_store_is_staff(db, assignee, dept))
		return "not_colleague";
	if (!handles(db, assignee, dept))
		return "cannot_handle";
	return NULL;
}

enum yw_err
yw_letter_colleagues(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t **out)
{
	json_t		*l;
	enum yw_err	 rc;

	*out = NULL;
	rc = yw_letter_store_get(db, id, &l);
	if (rc != YW_OK)
		return rc;
	if (!is_staff_of(a, yw_jint(l, "department_id")))
		rc = YW_ENOTFOUND;
	else if (!may_assign(db, a, l))
		rc = YW_EFORBIDDEN;
	else
		rc = yw_letter_store_handlers(db, yw_jint(l, "department_id"),
		    out);
	json_decref(l);
	return rc;
}

enum yw_err
yw_letter_assign(struct yw_db *db, const struct yw_actor *a, int64_t id,
    int64_t assignee_id, int64_t now, json_t **errors)
{
	enum yw_letter_state	 s;
	json_t			*l = NULL;
	const char		*why;
	int64_t			 dept, before;
	enum yw_err		 rc;

	*errors = NULL;
	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_get(db, id, &l);
	if (rc != YW_OK)
		goto out;
	dept = yw_jint(l, "department_id");
	if (!is_staff_of(a, dept)) {
		rc = YW_ENOTFOUND;
		goto out;
	}
	if (!may_assign(db, a, l)) {
		rc = YW_EFORBIDDEN;
		goto out;
	}
	if (yw_letter_state_parse(yw_jstr(l, "state"), &s) != YW_OK ||
	    !yw_letter_open(s)) {
		rc = YW_ECONFLICT;
		goto out;
	}
	why = assignee_problem(db, assignee_id, dept);
	if (why != NULL) {
		yw_jerror(errors, "assignee_id", why);
		rc = YW_EINVAL;
		goto out;
	}
	before = yw_jint(l, "assignee_id");
	json_object_set_new(l, "assignee_id", json_integer(assignee_id));
	if (s == YW_LETTER_RECEIVED)
		json_object_set_new(l, "state", json_string(
		    yw_letter_state_name(YW_LETTER_ASSIGNED)));
	rc = yw_letter_store_update(db, l, yw_jint(l, "version"), now);
	if (rc == YW_OK)
		rc = yw_letter_store_event(db, id, a->id, "staff", "assign",
		    yw_jstr(l, "state"), dept, "", 0, now);
	if (rc == YW_OK)
		rc = audit(db, a, "letter.assign", id, json_pack("{s:I, s:I, "
		    "s:s}", "assignee_id", (json_int_t)assignee_id,
		    "previous_assignee_id", (json_int_t)before, "state",
		    yw_jstr(l, "state")));
	if (rc == YW_OK && s == YW_LETTER_RECEIVED)
		rc = notify_writer(db, l, "assign", NULL, now);
out:
	json_decref(l);
	return yw_db_end(db, rc);
}

enum yw_err
yw_letter_writer_act(struct yw_db *db, const struct yw_actor *a,
    const struct yw_workday_cal *cal, int64_t id, const char *code,
    const char *event, const char *note, const char *rating, int64_t now,
    json_t **errors)
{
	enum yw_letter_state	 s, next;
	enum yw_letter_event	 e;
	json_t			*l, *ch;
	char			 hash[65];
	int32_t			 due;
	enum yw_err		 rc;

	*errors = NULL;
	if (yw_letter_event_parse(event, &e) != YW_OK ||
	    (e != YW_LETTER_EV_SUPPLEMENT && e != YW_LETTER_EV_RATE))
		return YW_ENOTFOUND;
	if (!yw_interact_text_ok(note, YW_LETTER_NOTE_MAX,
	    e == YW_LETTER_EV_SUPPLEMENT, 1,
	    errors, e == YW_LETTER_EV_RATE ? "comment" : "note"))
		return YW_EINVAL;
	if (e == YW_LETTER_EV_RATE && (rating == NULL || rating[0] == '\0')) {
		yw_jerror(errors, "rating", "required");
		return YW_EINVAL;
	}
	if (e == YW_LETTER_EV_RATE && strcmp(rating, "satisfied") != 0 &&
	    strcmp(rating, "basic") != 0 && strcmp(rating, "unsatisfied") != 0) {
		yw_jerror(errors, "rating", "invalid");
		return YW_EINVAL;
	}
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	l = ch = NULL;
	rc = yw_letter_store_get(db, id, &l);
	if (rc == YW_OK) {
		if (a->id != 0)
			rc = a->id == yw_jint(l, "writer_id") ? YW_OK :
			    YW_ENOTFOUND;
		else
			rc = yw_jint(l, "writer_id") == 0 && code_hash(code,
			    hash) &&
			    yw_letter_store_by_code(db, yw_jstr(l, "letter_no"),
			    hash, &ch) == YW_OK ? YW_OK : YW_ENOTFOUND;
	}
	if (rc != YW_OK)
		goto out;
	if (yw_letter_state_parse(yw_jstr(l, "state"), &s) != YW_OK) {
		rc = YW_EINTERNAL;
		goto out;
	}
	if (e == YW_LETTER_EV_RATE && s == YW_LETTER_CLOSED &&
	    json_is_string(json_object_get(l, "rating"))) {
		yw_jerror(errors, "rating", "already");
		rc = YW_EINVAL;
		goto out;
	}
	if (e == YW_LETTER_EV_RATE && strcmp(rating, "unsatisfied") == 0 &&
	    yw_jint(l, "reopened") == 0 && s == YW_LETTER_REPLIED)
		e = YW_LETTER_EV_REOPEN;
	rc = yw_letter_next(s, e, YW_LETTER_BY_WRITER, 1, &next);
	if (rc != YW_OK)
		goto out;
	if (e != YW_LETTER_EV_SUPPLEMENT) {
		json_object_set_new(l, "rating", json_string(rating));
		json_object_set_new(l, "rating_comment", json_string(
		    note != NULL ? note : ""));
	}
	if (e == YW_LETTER_EV_REOPEN) {
		json_decref(ch);
		ch = NULL;
		rc = yw_letter_store_channel(db, yw_jstr(l, "channel"), &ch);
		if (rc == YW_OK)
			rc = yw_workday_add(cal,
			    (int32_t)yw_time_local_days(now),
			    (int)yw_jint(ch, "reply_days"), &due, NULL);
		if (rc != YW_OK)
			goto out;
		json_object_set_new(l, "reopened", json_integer(1));
		json_object_set_new(l, "due_day", json_integer(due));
		json_object_set_new(l, "escalated_at", json_integer(0));
	}
	json_object_set_new(l, "state", json_string(
	    yw_letter_state_name(next)));
	if (e != YW_LETTER_EV_SUPPLEMENT)
		rc = yw_letter_store_update(db, l, yw_jint(l, "version"), now);
	if (rc == YW_OK)
		rc = yw_letter_store_event(db, id, a->id, "writer",
		    yw_letter_event_name(e), yw_letter_state_name(next),
		    yw_jint(l, "department_id"), e == YW_LETTER_EV_SUPPLEMENT ?
		    note : (note != NULL ? note : ""), 0, now);
	if (rc == YW_OK)
		rc = audit(db, a, e == YW_LETTER_EV_SUPPLEMENT ?
		    "letter.supplement" : e == YW_LETTER_EV_REOPEN ?
		    "letter.reopen" : "letter.rate", id, e ==
		    YW_LETTER_EV_SUPPLEMENT ? NULL : json_pack("{s:s}",
		    "rating", rating));
	if (rc == YW_OK && e == YW_LETTER_EV_REOPEN)
		rc = notify_writer(db, l, "reopen", NULL, now);
	if (rc == YW_OK)
		rc = kb_sync(db, l);
out:
	json_decref(l);
	json_decref(ch);
	return yw_db_end(db, rc);
}

enum yw_err
yw_letter_add_file(struct yw_db *db, const struct yw_actor *a, int64_t id,
    json_t *file, int64_t now)
{
	enum yw_letter_state	 s;
	json_t			*l, *files;
	char			*text;
	enum yw_err		 rc;

	if (a->id == 0)
		return YW_EAUTH;
	rc = yw_db_begin(db);
	if (rc != YW_OK)
		return rc;
	rc = yw_letter_store_get(db, id, &l);
	if (rc != YW_OK)
		return yw_db_end(db, rc);
	files = json_loads(yw_jstr(l, "files"), 0, NULL);
	if (a->id != yw_jint(l, "writer_id"))
		rc = YW_ENOTFOUND;
	else if (yw_letter_state_parse(yw_jstr(l, "state"), &s) != YW_OK ||
	    !yw_letter_open(s) || !json_is_array(files) ||
	    json_array_size(files) >= YW_LETTER_FILES_MAX)
		rc = YW_ECONFLICT;
	if (rc == YW_OK) {
		json_array_append(files, file);
		text = json_dumps(files, JSON_COMPACT);
		json_object_set_new(l, "files", json_string(text != NULL ?
		    text : "[]"));
		free(text);
		rc = yw_letter_store_update(db, l, yw_jint(l, "version"), now);
	}
	if (rc == YW_OK)
		rc = yw_letter_store_event(db, id, a->id, "writer", "upload",
		    yw_jstr(l, "state"), yw_jint(l, "department_id"),
		    yw_jstr(file, "name"), 0, now);
	if (rc == YW_OK)
		rc = audit(db, a, "letter.upload", id, json_pack("{s:s}",
		    "sha256", yw_jstr(file, "sha256")));
	json_decref(files);
	json_decref(l);
	return yw_db_end(db, rc);
}

/* Inbox messages to the dept_admins of dept about overdue letter l. */
static enum yw_err
tell_admins(struct yw_db *db, json_t *l, int64_t dept, int64_t now)
{
	struct yw_notify_msg	 m;
	json_t			*ids, *row;
	char			 subject[160], key[96];
	size_t			 i;
	enum yw_err		 rc;

	if (dept == 0)
		return YW_OK;
	rc = yw_letter_store_role_holders(db, dept, "dept_admin", &ids);
	if (rc != YW_OK)
		return rc;
	(void)snprintf(subject, sizeof(subject), "来信 %s 已超过答复期限",
	    yw_jstr(l, "letter_no"));
	json_array_foreach(ids, i, row) {
		(void)snprintf(key, sizeof(key), "letter/%lld/escalate/%lld/"
		    "%lld", (long long)yw_jint(l, "id"), (long long)yw_jint(l,
		    "due_day"), (long long)yw_jint(row, "id"));
		memset(&m, 0, sizeof(m));
		m.channel = "inbox";
		m.account_id = yw_jint(row, "id");
		m.subject = subject;
		m.body = yw_jstr(l, "title");
		m.dedup_key = key;
		m.payload = json_pack("{s:I, s:s}", "letter_id",
		    (json_int_t)yw_jint(l, "id"), "event", "escalate");
		rc = yw_notify_enqueue(db, &m, now, NULL);
		json_decref(m.payload);
		if (rc != YW_OK)
			break;
	}
	json_decref(ids);
	return rc;
}

enum yw_err
yw_letter_escalate(struct yw_db *db, const struct yw_workday_cal *cal,
    int64_t now, int *n)
{
	json_t		*list, *row, *l;
	int64_t		 sup, changes;
	size_t		 i;
	enum yw_err	 rc;

	(void)cal;
	if (n != NULL)
		*n = 0;
	rc = yw_letter_store_overdue_new(db, yw_time_local_days(now), &list);
	if (rc != YW_OK)
		return rc;
	sup = yw_letter_store_setting(db, "supervisor_department_id");
	json_array_foreach(list, i, row) {
		rc = yw_db_begin(db);
		if (rc != YW_OK)
			break;
		l = NULL;
		rc = yw_letter_store_get(db, yw_jint(row, "id"), &l);
		/* Someone else escalated or answered it meanwhile. */
		if (rc == YW_OK && (json_is_integer(json_object_get(l,
		    "escalated_at")) || yw_jint(l, "version") != yw_jint(row,
		    "version"))) {
			json_decref(l);
			(void)yw_db_rollback(db);
			continue;
		}
		if (rc == YW_OK) {
			json_object_set_new(l, "escalated_at",
			    json_integer(now));
			rc = yw_letter_store_update(db, l, yw_jint(l,
			    "version"),
			    now);
		}
		if (rc == YW_OK)
			rc = yw_letter_store_event(db, yw_jint(l, "id"), 0,
			    "system", "escalate", yw_jstr(l, "state"),
			    yw_jint(l, "department_id"), "", 1, now);
		if (rc == YW_OK)
			rc = tell_admins(db, l, yw_jint(l, "department_id"),
			    now);
		if (rc == YW_OK && sup != yw_jint(l, "department_id"))
			rc = tell_admins(db, l, sup, now);
		if (rc == YW_OK)
			rc = audit(db, NULL, "letter.escalate", yw_jint(l,
			    "id"),
			    json_pack("{s:I}", "department_id",
			    (json_int_t)yw_jint(l, "department_id")));
		json_decref(l);
		changes = rc == YW_OK;
		rc = yw_db_end(db, rc);
		if (rc == YW_ECONFLICT) {
			rc = YW_OK;
			continue;
		}
		if (rc != YW_OK)
			break;
		if (n != NULL)
			*n += (int)changes;
	}
	json_decref(list);
	return rc;
}
