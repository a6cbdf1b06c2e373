#include "core/err.h"

const char *
yw_err_code(enum yw_err e)
{
	switch (e) {
	case YW_OK:
		return "ok";
	case YW_EINVAL:
		return "invalid";
	case YW_ENOTFOUND:
		return "not_found";
	case YW_EFORBIDDEN:
		return "forbidden";
	case YW_EAUTH:
		return "unauthenticated";
	case YW_ECONFLICT:
		return "conflict";
	case YW_ETOOMANY:
		return "too_many_requests";
	case YW_ETOOBIG:
		return "too_large";
	case YW_EMETHOD:
		return "method_not_allowed";
	case YW_ENOMEM:
		return "no_memory";
	case YW_EDB:
		return "database";
	case YW_EIO:
		return "io";
	case YW_EINTERNAL:
		return "internal";
	}
	return "internal";
}
