/*
 * group.c - group commit in the workers (group.h).
 */
#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "web/group.h"

/* A parked answer; it is the request's hdlr_extra, so kore frees it with
 * the request (after onfree has unlinked it). */
struct parked {
	TAILQ_ENTRY(parked)	 link;
	struct http_request	*req;
	int			 linked;
	int			 failed;
	int			 status;
	size_t			 len;
	enum yw_err		(*finish)(void *, char *, size_t *);
	void			*arg;
	char			 body[];
};

static struct {
	struct yw_db		*db;
	int			 on;
	int			 timer;		/* the sync timer is armed */
	uint64_t		 mark;		/* commits when the request began */
	TAILQ_HEAD(parked_list, parked) parked;
	enum yw_err		(*flush)(void *);
	void			(*done)(void *);
	void			*arg;
} group;

static void
parked_onfree(struct http_request *req)
{
	struct parked *p = req->hdlr_extra;

	if (p != NULL && p->linked) {
		TAILQ_REMOVE(&group.parked, p, link);
		p->linked = 0;
	}
}

/* The answer when the disk could not confirm the commit. */
static void
unavailable(struct http_request *req)
{
	static const char msg[] = "503 service unavailable: the change "
	    "could not be confirmed on disk; please try again\n";

	http_response_header(req, "content-type", "text/plain; charset=utf-8");
	http_response_header(req, "retry-after", "1");
	http_response(req, 503, msg, sizeof(msg) - 1);
}

/* The flusher's queued work, then one fdatasync for every commit so
 * far; completes and wakes the parked requests. */
static enum yw_err
sync_all(void)
{
	struct parked	*p;
	size_t		 n;
	enum yw_err	 rc;

	if (group.flush != NULL && group.flush(group.arg) != YW_OK)
		kore_log(LOG_ERR, "group flush: %s", yw_db_errmsg(group.db));
	rc = yw_db_sync(group.db);
	if (rc != YW_OK)
		kore_log(LOG_ERR, "group commit: %s", yw_db_errmsg(group.db));
	while ((p = TAILQ_FIRST(&group.parked)) != NULL) {
		TAILQ_REMOVE(&group.parked, p, link);
		p->linked = 0;
		p->failed = rc != YW_OK;
		if (!p->failed && p->finish != NULL) {
			n = 0;
			p->failed = p->finish(p->arg, p->body + p->len, &n) !=
			    YW_OK;
			p->len += n;
		}
		http_request_wakeup(p->req);
	}
	if (group.done != NULL)
		group.done(group.arg);
	return rc;
}

static void
timer_fired(void *arg, u_int64_t now)
{
	(void)arg;
	(void)now;
	group.timer = 0;
	/* With a flusher, work may be queued by a request gone since. */
	if (!TAILQ_EMPTY(&group.parked) || group.flush != NULL)
		(void)sync_all();
}

static void
arm(void)
{
	if (!group.timer) {
		group.timer = 1;
		(void)kore_timer_add(timer_fired, 0, NULL, KORE_TIMER_ONESHOT);
	}
}

void
yw_group_init(struct yw_db *db)
{
	const char *v = getenv("YIWANG_GROUP_COMMIT");

	TAILQ_INIT(&group.parked);
	group.db = db;
	if (v != NULL && strcmp(v, "0") == 0)
		return;
	group.on = yw_db_defer_sync(db);
}

int
yw_group_start(struct http_request *req)
{
	struct parked *p;

	if (req->onfree != parked_onfree) {
		group.mark = yw_db_commits(group.db);
		return 0;
	}
	p = req->hdlr_extra;
	req->onfree = NULL;
	req->hdlr_extra = NULL;
	if (p->failed)
		unavailable(req);
	else
		http_response(req, p->status, p->len > 0 ? p->body : NULL,
		    p->len);
	kore_free(p);
	return 1;
}

/* Parks req with its answer (room bytes more for a finish) until the
 * next sync. */
static struct parked *
park(struct http_request *req, int status, const void *body, size_t len,
    size_t room)
{
	struct parked *p;

	p = kore_malloc(sizeof(*p) + len + room);
	memset(p, 0, sizeof(*p));
	p->req = req;
	p->status = status;
	p->len = len;
	if (len > 0)
		memcpy(p->body, body, len);
	p->linked = 1;
	TAILQ_INSERT_TAIL(&group.parked, p, link);
	req->hdlr_extra = p;
	req->onfree = parked_onfree;
	http_request_sleep(req);
	arm();
	return p;
}

int
yw_group_park(struct http_request *req, int status, const void *body,
    size_t len)
{
	if (!group.on || yw_db_commits(group.db) == group.mark)
		return 0;
	/* The request keeps state of its own there (a kore task): it
	 * cannot be parked, so it waits for the disk now. */
	if (req->hdlr_extra != NULL || req->onfree != NULL) {
		if (sync_all() == YW_OK)
			return 0;
		unavailable(req);
		return 1;
	}
	park(req, status, body, len, 0);
	return 1;
}

void
yw_group_flusher(enum yw_err (*flush)(void *), void (*done)(void *),
    void *arg)
{
	group.flush = flush;
	group.done = done;
	group.arg = arg;
}

int
yw_group_can_hold(struct http_request *req)
{
	return group.on && req->hdlr_extra == NULL && req->onfree == NULL;
}

void
yw_group_park_finish(struct http_request *req, int status, const void *body,
    size_t len, size_t room, enum yw_err (*finish)(void *, char *, size_t *),
    void *arg)
{
	struct parked *p;

	p = park(req, status, body, len, room);
	p->finish = finish;
	p->arg = arg;
}

int
yw_group_parked(struct http_request *req)
{
	return req->onfree == parked_onfree;
}
