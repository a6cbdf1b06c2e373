/*
 * app.c - worker start-up (database, templates, message catalogues, static
 * files), the seccomp allow-list, static files and the language switch.
 * Configuration comes from the environment that `yiwang serve` sets:
 * YIWANG_DB (SQLite path or postgresql:// URL) and YIWANG_ROOT (the folder
 * holding templates/, static/ and locale/).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/seccomp.h>
#include <sodium.h>

#include "app/account/password.h"
#include "core/mustache.h"
#include "web/group.h"
#include "web/web.h"

struct yw_web	*yw_web;

/*
 * What SQLite and libpq need beyond kore's base filter (DESIGN.md, "Kore
 * facts that bite"), found with YIWANG_SECCOMP_TRACE=1 (seccomp_tracing)
 * while the HTTP and browser suites ran on both backends. rseq and clone3
 * are glibc's thread start for the Argon2id task; fchown is SQLite, which
 * running as root gives the -wal and -shm files the database's owner.
 * unlink and fsync are for SQLite's temporary files and non-WAL journals,
 * which the tests do not reach. mlock and munlock are sodium_malloc's and
 * sodium_free's, for the exchange's cache of unsealed department keys.
 */
KORE_SECCOMP_FILTER("yiwang",
	KORE_SYSCALL_ALLOW(pread64),
	KORE_SYSCALL_ALLOW(pwrite64),
	KORE_SYSCALL_ALLOW(newfstatat),
	KORE_SYSCALL_ALLOW(fdatasync),
	KORE_SYSCALL_ALLOW(fsync),
	KORE_SYSCALL_ALLOW(ftruncate),
	KORE_SYSCALL_ALLOW(fchown),
	KORE_SYSCALL_ALLOW(unlink),
	KORE_SYSCALL_ALLOW(rseq),
	KORE_SYSCALL_ALLOW(clone3),
	KORE_SYSCALL_ALLOW(mlock),
	KORE_SYSCALL_ALLOW(munlock)
);

void	kore_parent_configure(int, char **);
void	kore_worker_configure(void);

static const struct {
	const char *ext;
	const char *type;
} media[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	p = NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		goto out;
	p = malloc((size_t)n + 1);
	if (p == NULL)
		goto out;
	if (fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
		goto out;
	}
	p[n] = '\0';
	*len = (size_t)n;
out:
	fclose(f);
	return p;
}

/* Reads path into a new entry served at url (an exact path). */
static void
add_static(const char *path, const char *url, const char *type)
{
	struct yw_static	*f;
	unsigned char		 h[8];
	size_t			 len;

	f = realloc(yw_web->files, (yw_web->nfiles + 1) *
	    sizeof(*yw_web->files));
	if (f == NULL)
		fatal("out of memory");
	yw_web->files = f;
	f = &yw_web->files[yw_web->nfiles];
	f->data = slurp(path, &f->len);
	if (f->data == NULL)
		fatal("cannot read %s", path);
	(void)snprintf(f->path, sizeof(f->path), "%s", url);
	f->type = type;
	crypto_generichash(h, sizeof(h), (unsigned char *)f->data, f->len,
	    NULL, 0);
	f->etag[0] = '"';
	sodium_bin2hex(f->etag + 1, sizeof(f->etag) - 2, h, sizeof(h));
	len = strlen(f->etag);
	f->etag[len] = '"';
	f->etag[len + 1] = '\0';
	yw_web->nfiles++;
}

static void
load_static(const char *root)
{
	char		 dir[512], path[1024], url[128];
	DIR		*d;
	struct dirent	*e;
	size_t		 i, len, n;

	(void)snprintf(dir, sizeof(dir), "%s/static", root);
	d = opendir(dir);
	if (d == NULL)
		fatal("cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		n = strlen(e->d_name);
		for (i = 0; i < sizeof(media) / sizeof(media[0]); i++) {
			len = strlen(media[i].ext);
			if (n > len && strcmp(e->d_name + n - len,
			    media[i].ext) == 0)
				break;
		}
		if (i == sizeof(media) / sizeof(media[0]))
			continue;
		(void)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		(void)snprintf(url, sizeof(url), "/static/%s", e->d_name);
		add_static(path, url, media[i].type);
	}
	closedir(d);
	(void)snprintf(path, sizeof(path), "%s/api/openapi.json", root);
	add_static(path, "/api/v1/openapi.json",
	    "application/json; charset=utf-8");
}

static json_t *
load_locales(const char *root)
{
	static const char	*langs[] = { "zh-CN", "en" };
	json_t			*all, *one;
	json_error_t		 jerr;
	char			 path[512];
	size_t			 i;

	all = json_object();
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		(void)snprintf(path, sizeof(path), "%s/locale/%s.json", root,
		    langs[i]);
		one = json_load_file(path, 0, &jerr);
		if (one == NULL)
			fatal("%s:%d: %s", path, jerr.line, jerr.text);
		json_object_set_new(all, langs[i], one);
	}
	return all;
}

static json_t *
load_site(struct yw_db *db)
{
	json_t	*rows, *site, *row;
	size_t	 i;

	site = json_object();
	if (yw_db_query_json(db, "SELECT key, value FROM site_setting",
	    NULL, &rows) != YW_OK)
		fatal("cannot read site settings: %s", yw_db_errmsg(db));
	json_array_foreach(rows, i, row)
		json_object_set(site, json_string_value(json_object_get(row,
		    "key")), json_object_get(row, "value"));
	json_decref(rows);
	return site;
}

/*
 * Templates, catalogues and static files are read once in the parent,
 * before the workers fork, so the workers' sandbox needs no directory
 * listing; each worker opens its own database connection.
 */
void
kore_parent_configure(int argc, char **argv)
{
	const char		*root;
	struct yw_tpl_error	 terr;
	char			 dir[512];

	(void)argc;
	(void)argv;
	root = getenv("YIWANG_ROOT");
	if (root == NULL || getenv("YIWANG_DB") == NULL)
		fatal("YIWANG_DB and YIWANG_ROOT must be set (use yiwang serve)");
	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
	yw_web = calloc(1, sizeof(*yw_web));
	if (yw_web == NULL)
		fatal("out of memory");
	yw_web->secure = getenv("YIWANG_TLS") != NULL;
	yw_web->trusted_proxies = getenv("YIWANG_TRUSTED_PROXIES");
	if (yw_tpl_set_create(&yw_web->tpl) != YW_OK)
		fatal("out of memory");
	(void)snprintf(dir, sizeof(dir), "%s/templates", root);
	if (yw_tpl_set_load_dir(yw_web->tpl, dir, &terr) != YW_OK)
		fatal("%s:%d:%d: %s", terr.name, terr.line, terr.col,
		    terr.msg);
	yw_web->locales = load_locales(root);
	load_static(root);
	/* The platform key signs exchange receipts; `yiwang serve` passes
	 * it (docs/operations.md). Kept out of the workers' environment. */
	if (getenv("YIWANG_PLATFORM_KEY") != NULL) {
		if (yw_keyring_from_hex(getenv("YIWANG_PLATFORM_KEY"),
		    &yw_web->keyring) != YW_OK)
			fatal("YIWANG_PLATFORM_KEY must be 64 hex characters");
		(void)unsetenv("YIWANG_PLATFORM_KEY");
	}
	/* Computed once here so no worker pays ~60 ms on its first login. */
	(void)yw_password_dummy_hash();
}

/*
 * A worker's heap: glibc gives freed memory at the top of the heap back
 * to the kernel (brk) once it passes 128 KiB, and maps blocks over 128 KiB
 * with mmap. A request with a body of some 100 KiB (an application with an
 * attachment) grew and shrank the heap every time, and each shrink flushes
 * the TLB of both cores: 22% of a worker's time in a submit benchmark.
 * A worker keeps what it has used instead, up to these limits.
 */
#define WORKER_TRIM_THRESHOLD	(64 * 1024 * 1024)
#define WORKER_MMAP_THRESHOLD	(32 * 1024 * 1024)

void
kore_worker_configure(void)
{
	(void)mallopt(M_TRIM_THRESHOLD, WORKER_TRIM_THRESHOLD);
	(void)mallopt(M_MMAP_THRESHOLD, WORKER_MMAP_THRESHOLD);
	if (yw_db_open(getenv("YIWANG_DB"), &yw_web->db) != YW_OK)
		fatal("cannot open database %s", getenv("YIWANG_DB"));
	yw_group_init(yw_web->db);
	yw_web_exchange_init();
	yw_web->site = load_site(yw_web->db);
	yw_web->sessions = yw_session_cache_create();
	if (yw_web->sessions == NULL)
		fatal("cannot allocate the session cache");
	/* Unsealed department keys stay in this worker's locked memory. */
	if (yw_web->keyring.ready &&
	    yw_keycache_create(&yw_web->keyring) != YW_OK)
		fatal("cannot allocate the exchange key cache");
}

void	kore_worker_teardown(void);

/* A worker leaves no key material behind, and no commit unsynced (the
 * group commit's last pass, web/group.h). */
void
kore_worker_teardown(void)
{
	yw_web_exchange_fini();
	if (yw_web->db != NULL)
		(void)yw_db_sync(yw_web->db);
	yw_keyring_wipe(&yw_web->keyring);
	yw_session_cache_destroy(yw_web->sessions);
	yw_web->sessions = NULL;
}

int	page_static(struct http_request *);
int	page_lang(struct http_request *);

int
page_static(struct http_request *req)
{
	size_t		 i;
	const char	*inm;

	yw_web_headers(req);
	for (i = 0; i < yw_web->nfiles; i++) {
		if (strcmp(yw_web->files[i].path, req->path) != 0)
			continue;
		http_response_header(req, "etag", yw_web->files[i].etag);
		http_response_header(req, "cache-control",
		    "public, max-age=3600");
		if (http_request_header(req, "if-none-match", &inm) &&
		    strcmp(inm, yw_web->files[i].etag) == 0) {
			http_response(req, 304, NULL, 0);
			return KORE_RESULT_OK;
		}
		http_response_header(req, "content-type",
		    yw_web->files[i].type);
		http_response(req, 200, yw_web->files[i].data,
		    yw_web->files[i].len);
		return KORE_RESULT_OK;
	}
	http_response_header(req, "content-type", "text/plain; charset=utf-8");
	http_response(req, 404, "not found\n", 10);
	return KORE_RESULT_OK;
}

/* Only a local path may be a redirect target: no scheme, no "//host". */
static int
local_path(const char *p)
{
	size_t i;

	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return 0;
	for (i = 0; p[i] != '\0'; i++)
		if ((unsigned char)p[i] < 0x21 || p[i] == '\\' || i > 400)
			return 0;
	return 1;
}

/* GET /lang/en?next=/path sets the language cookie and goes back. A
 * preference, not server state, so GET is right and no CSRF is needed. */
int
page_lang(struct http_request *req)
{
	static const struct yw_form_field spec[] = {
		{ "next", 400, 0 },
	};
	const char	*lang, *next, *qs;
	json_t		*v, *e;
	char		 hdr[128];

	yw_web_headers(req);
	lang = strcmp(req->path, "/lang/en") == 0 ? "en" : "zh-CN";
	qs = req->query_string != NULL ? req->query_string : "";
	v = NULL;
	e = NULL;
	next = "/";
	if (yw_form_decode_query(qs, strlen(qs), spec, 1, &v, &e) == YW_OK &&
	    local_path(json_string_value(json_object_get(v, "next"))))
		next = json_string_value(json_object_get(v, "next"));
	(void)snprintf(hdr, sizeof(hdr),
	    "%s=%s; Path=/; Max-Age=31536000; SameSite=Lax", YW_LANG_COOKIE,
	    lang);
	http_response_header(req, "set-cookie", hdr);
	http_response_header(req, "location", next);
	http_response(req, 303, NULL, 0);
	json_decref(v);
	json_decref(e);
	return KORE_RESULT_OK;
}
