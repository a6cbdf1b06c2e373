/*
 * exchange_parse.h - a pushed JSON batch checked and encoded straight from
 * its text, without a jansson tree per record: the common case of a push
 * (every record good, plain values) at a fraction of json_loadb's cost.
 * It answers only what it is sure of; anything else (a bad record, an
 * escape, a real number, another member beside "records", ...) is left to
 * the jansson path, which gives the same result for what this accepts and
 * the error report for what it does not. Needs schema.h and core/buf.
 */
#ifndef YW_EXCHANGE_PARSE_H
#define YW_EXCHANGE_PARSE_H

#include <stddef.h>

#include "app/data/schema.h"
#include "core/buf.h"

/* A batch's records as checked: each one's stored text and key (canonical
 * text, or none) in one buffer, in the order given. */
struct yw_exchange_batch {
	struct yw_buf	 buf;
	size_t		*data_off;
	size_t		*key_off;	/* (size_t)-1: no key */
	size_t		 n;
	size_t		 cap;		/* of data_off and key_off */
};

/* Releases what b holds and empties it. */
void		yw_exchange_batch_free(struct yw_exchange_batch *b);

/* Appends a record (offsets into b->buf); YW_ENOMEM. */
enum yw_err	yw_exchange_batch_add(struct yw_exchange_batch *b,
		    size_t data_off, size_t key_off);

/*
 * Reads body (borrowed, len bytes: {"records": [...]}) against plan p.
 * YW_OK when json_loadb(JSON_REJECT_DUPLICATES) would take it and every
 * record passes yw_schema_encode, at most max of them: then b (empty on
 * entry; caller frees) holds what yw_schema_encode gives for each.
 * YW_EINVAL when this scanner does not take it: the body may still be
 * good, the caller reads it with jansson (b is then emptied). YW_ENOMEM.
 */
enum yw_err	yw_exchange_parse(const struct yw_schema_plan *p,
		    const char *body, size_t len, size_t max,
		    struct yw_exchange_batch *b);

#endif
