/*
 * cmd_serve.c - `yiwang serve` and `yiwang check`: parse every template and
 * message catalogue (a broken one stops here, naming file and line, before
 * any request is served), migrate, write kore's configuration and exec kore
 * in the foreground.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "cli/cli.h"
#include "core/mustache.h"

static int
check_files(const struct yw_cli *c)
{
	static const char	*langs[] = { "zh-CN", "en" };
	struct yw_tpl_set	*set;
	struct yw_tpl_error	 err;
	json_error_t		 jerr;
	json_t			*j;
	char			 path[700];
	size_t			 i;
	int			 ok;

	ok = 1;
	if (yw_tpl_set_create(&set) != YW_OK)
		return 0;
	(void)snprintf(path, sizeof(path), "%s/templates", c->root);
	memset(&err, 0, sizeof(err));
	if (yw_tpl_set_load_dir(set, path, &err) != YW_OK) {
		fprintf(stderr, "templates/%s.mustache:%d:%d: %s\n", err.name,
		    err.line, err.col, err.msg);
		ok = 0;
	}
	yw_tpl_set_destroy(set);
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		(void)snprintf(path, sizeof(path), "%s/locale/%s.json", c->root,
		    langs[i]);
		j = json_load_file(path, 0, &jerr);
		if (j == NULL) {
			fprintf(stderr, "%s:%d: %s\n", path, jerr.line,
			    jerr.text);
			ok = 0;
		}
		json_decref(j);
	}
	return ok;
}

int
cmd_check(struct yw_cli *c)
{
	if (cli_flag(c, "help")) {
		printf("usage: yiwang check\n\nParses every template and "
		    "message catalogue; exit 1 naming the first broken file.\n");
		return 0;
	}
	if (!check_files(c))
		return 1;
	printf("templates and catalogues ok\n");
	return 0;
}

/* The database URL with any password replaced by "***", for the console. */
static const char *
shown_url(const char *url, char *out, size_t outsz)
{
	const char	*scheme, *at, *colon;

	scheme = strstr(url, "://");
	at = scheme != NULL ? strchr(scheme + 3, '@') : NULL;
	colon = at != NULL ? memchr(scheme + 3, ':', (size_t)(at -
	    (scheme + 3))) : NULL;
	if (colon == NULL)
		return url;
	(void)snprintf(out, outsz, "%.*s:***%s", (int)(colon - url), url, at);
	return out;
}

static int
valid_bind(const char *s)
{
	size_t i;

	if (strlen(s) == 0 || strlen(s) > 45)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		    s[i] == ':' || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/*
 * The platform key that signs exchange receipts and seals department keys
 * (docs/operations.md): YIWANG_PLATFORM_KEY (64 hex characters), else the
 * file YIWANG_PLATFORM_KEY_FILE names, else var/platform.key, which is
 * created with a random key when missing (development and the demo).
 * Passed to kore's parent in the environment, which drops it before the
 * workers start.
 */
static int
platform_key(const char *var)
{
	unsigned char	 rnd[32];
	char		 path[700], hex[80];
	const char	*file;
	FILE		*f;
	size_t		 n;
	int		 fd;

	if (getenv("YIWANG_PLATFORM_KEY") != NULL)
		return 1;
	file = getenv("YIWANG_PLATFORM_KEY_FILE");
	if (file == NULL) {
		(void)snprintf(path, sizeof(path), "%s/platform.key", var);
		file = path;
		fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd >= 0) {
			randombytes_buf(rnd, sizeof(rnd));
			sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
			hex[64] = '\n';
			if (write(fd, hex, 65) != 65 || close(fd) != 0) {
				fprintf(stderr, "yiwang serve: cannot write "
				    "%s\n", file);
				return 0;
			}
			printf("generated a platform key in %s\n", file);
		}
	}
	f = fopen(file, "r");
	if (f == NULL) {
		fprintf(stderr, "yiwang serve: cannot read the platform key "
		    "%s\n", file);
		return 0;
	}
	n = fread(hex, 1, sizeof(hex) - 1, f);
	(void)fclose(f);
	hex[n] = '\0';
	while (n > 0 && (hex[n - 1] == '\n' || hex[n - 1] == '\r' ||
	    hex[n - 1] == ' '))
		hex[--n] = '\0';
	if (n != 64) {
		fprintf(stderr, "yiwang serve: %s must hold 64 hex "
		    "characters\n", file);
		return 0;
	}
	return setenv("YIWANG_PLATFORM_KEY", hex, 1) == 0;
}

int
cmd_serve(struct yw_cli *c)
{
	struct yw_db	*db;
	const char	*port, *bind, *workers;
	char		 var[600], conf[700], pid[700], shown[1024];
	char		*end;
	long		 p, w;
	FILE		*f;

	if (cli_flag(c, "help")) {
		printf("usage: yiwang [--db URL] serve [--port N] [--bind ADDR] "
		    "[--workers N]\n\nChecks templates, applies migrations and "
		    "runs kore in the foreground\n(default 127.0.0.1:8080, 2 "
		    "workers). Stop it with Ctrl-C.\n");
		return 0;
	}
	port = cli_opt(c, "port");
	bind = cli_opt(c, "bind");
	workers = cli_opt(c, "workers");
	p = strtol(port != NULL ? port : "8080", &end, 10);
	if (*end != '\0' || p < 1 || p > 65535) {
		fprintf(stderr, "yiwang serve: --port must be 1-65535\n");
		return 2;
	}
	w = strtol(workers != NULL ? workers : "2", &end, 10);
	if (*end != '\0' || w < 1 || w > 64) {
		fprintf(stderr, "yiwang serve: --workers must be 1-64\n");
		return 2;
	}
	if (bind == NULL)
		bind = "127.0.0.1";
	if (!valid_bind(bind)) {
		fprintf(stderr, "yiwang serve: --bind takes an IP address\n");
		return 2;
	}
	if (!check_files(c))
		return 1;
	if (cli_open(c, &db) != YW_OK)
		return 1;
	yw_db_close(db);

	(void)snprintf(var, sizeof(var), "%s/var", c->root);
	if (mkdir(var, 0750) != 0 && errno != EEXIST) {
		fprintf(stderr, "yiwang serve: cannot create %s\n", var);
		return 1;
	}
	if (!platform_key(var))
		return 1;
	(void)snprintf(conf, sizeof(conf), "%s/kore-%ld.conf", var, p);
	(void)snprintf(pid, sizeof(pid), "%s/kore-%ld.pid", var, p);
	f = fopen(conf, "w");
	if (f == NULL) {
		fprintf(stderr, "yiwang serve: cannot write %s\n", conf);
		return 1;
	}
	fprintf(f, "# written by yiwang serve; edits are overwritten\n"
	    "server main {\n\tbind %s %ld\n\ttls no\n}\n"
	    "load %s/build/yiwang.so\n"
	    "workers %ld\n"
	    "worker_max_connections 2048\n"
	    "worker_rlimit_nofiles 4096\n"
	    "pidfile %s\n"
	    "http_server_version yiwang\n"
	    "http_hsts_enable 0\n"
	    /* Attachment uploads (multipart) up to 25 MB; urlencoded
	     * forms keep core/form.c's 1 MiB (YW_FORM_MAX_BODY). */
	    "http_body_max 26214400\n"
	    "http_header_timeout 10\n"
	    "http_body_timeout 30\n"
	    "http_keepalive_time 20\n"
	    /* kore stops a round of queued requests after http_request_ms
	     * (10 by default) and the rest wait for the next event or its
	     * 100 ms tick: with 64 connections of logged-in pages that was
	     * a p99 of almost a second. A round holds at most one request
	     * per connection, so let it finish. */
	    "http_request_ms 1000\n"
	    "task_threads 2\n"
	    "%s"
	    "include %s/conf/routes.conf\n",
	    bind, p, c->root, w, pid,
	    getenv("YIWANG_SECCOMP_TRACE") != NULL ? "seccomp_tracing yes\n" :
	    "", c->root);
	if (fclose(f) != 0) {
		fprintf(stderr, "yiwang serve: cannot write %s\n", conf);
		return 1;
	}
	if (setenv("YIWANG_DB", c->db_url, 1) != 0 ||
	    setenv("YIWANG_ROOT", c->root, 1) != 0)
		return 1;
	printf("serving on http://%s:%ld/ (database %s)\n", bind, p,
	    shown_url(c->db_url, shown, sizeof(shown)));
	fflush(stdout);
	execlp("kore", "kore", "-f", "-n", "-r", "-c", conf, (char *)NULL);
	fprintf(stderr, "yiwang serve: cannot run kore: %s\n", strerror(errno));
	return 1;
}
