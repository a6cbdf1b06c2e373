/*
 * group.h - group commit in the workers. A request's transactions commit
 * without waiting for the disk (store/db.h, yw_db_defer_sync); a request
 * that committed something has its answer parked while it sleeps, and a
 * zero-delay kore timer, at the start of the event loop's next pass,
 * makes every commit so far durable with one fdatasync and wakes the
 * parked requests, which then send their answers (or 503 when the sync
 * failed). So the requests one pass handles share one disk flush, each
 * keeps its own transaction, and no answer says "saved" before it is on
 * disk. On PostgreSQL, or with YIWANG_GROUP_COMMIT=0, every commit waits
 * for the disk itself and every answer goes out at once.
 */
#ifndef YW_WEB_GROUP_H
#define YW_WEB_GROUP_H

#include <stddef.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "store/db.h"

/* At worker start, once db is open. */
void	yw_group_init(struct yw_db *db);

/*
 * First thing in a handler: 1 when req had been parked and its answer (or
 * the 503) has now been sent: the handler returns KORE_RESULT_OK. Else
 * the request's work starts (0).
 */
int	yw_group_start(struct http_request *req);

/*
 * Instead of http_response: 0 when the caller sends the answer now
 * (nothing committed since yw_group_start, or committed and synced). 1
 * when it is taken care of: parked until the sync (headers already set on
 * req are kept; the handler returns KORE_RESULT_RETRY and kore calls it
 * again once the sync is done), or replaced by a 503 when a request that
 * cannot be parked (it holds a kore task) failed to sync.
 */
int	yw_group_park(struct http_request *req, int status, const void *body,
	    size_t len);

/* 1 when req's answer is parked (its handler returns KORE_RESULT_RETRY). */
int	yw_group_parked(struct http_request *req);

/*
 * Work that requests of a pass queue instead of committing each (the
 * exchange reads' log entries): at each sync, flush(arg) first writes it
 * in one transaction, then the disk is synced, the parked answers are
 * completed (yw_group_park_finish) and woken, and done(arg) frees what
 * they used. One flusher per worker.
 */
void	yw_group_flusher(enum yw_err (*flush)(void *),
	    void (*done)(void *), void *arg);

/* 1 when req's answer may wait for the next sync with
 * yw_group_park_finish: group commit is on and req can be parked. */
int	yw_group_can_hold(struct http_request *req);

/*
 * Parks req's answer (status, the first len bytes of body) until the next
 * sync, which always comes: after the flush and a good sync,
 * finish(arg, end, &n) writes the rest of the body at end (n bytes, at
 * most room) or fails, and the answer becomes the 503. Only after
 * yw_group_can_hold said 1; the handler returns KORE_RESULT_RETRY.
 */
void	yw_group_park_finish(struct http_request *req, int status,
	    const void *body, size_t len, size_t room,
	    enum yw_err (*finish)(void *, char *, size_t *), void *arg);

#endif
