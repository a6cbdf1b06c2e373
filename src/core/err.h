/*
 * err.h - the one error enum of Yiwang.
 * Fallible functions return enum yw_err and give results through
 * out-parameters. Only web/ turns a code into an HTTP status.
 */
#ifndef YW_ERR_H
#define YW_ERR_H

enum yw_err {
	YW_OK = 0,
	YW_EINVAL,	/* input failed validation (a field is named) */
	YW_ENOTFOUND,	/* no such object, or not visible to the actor */
	YW_EFORBIDDEN,	/* the actor may not do this */
	YW_EAUTH,	/* not logged in, or the session has expired */
	YW_ECONFLICT,	/* duplicate or stale state */
	YW_ETOOMANY,	/* throttled */
	YW_ETOOBIG,	/* input over a size limit */
	YW_EMETHOD,	/* the resource does not take this request method */
	YW_ENOMEM,
	YW_EDB,		/* the database failed */
	YW_EIO,		/* a file or socket failed */
	YW_EINTERNAL	/* a broken invariant */
};

/* Stable machine-readable code ("invalid", "not_found", ...); static. */
const char *yw_err_code(enum yw_err e);

#endif
