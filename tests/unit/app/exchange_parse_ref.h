/*
 * exchange_parse_ref.h - the check shared by the unit test and the fuzz
 * target of src/app/data/exchange_parse.c: the scanner may take a body
 * only when the jansson path (json_loadb, then yw_schema_encode of each
 * record, as exchange.c does) accepts every record, and must then give
 * the same bytes and offsets.
 */
#ifndef EXCHANGE_PARSE_REF_H
#define EXCHANGE_PARSE_REF_H

#include <string.h>

#include <jansson.h>

#include "app/data/exchange_parse.h"

/* Items of every type (cert_no a required string of at most max_cert
 * code points, name a string of 4, n an integer of 3 digits, d decimal,
 * day date, at datetime, ok boolean), as yw_schema_items_clean gives
 * them; a new array, or NULL. */
static json_t *
ref_items(int max_cert)
{
	json_t	*in, *errors, *out = NULL;

	in = json_pack("[{s:s, s:s, s:s, s:i, s:b}, {s:s, s:s, s:s, s:i},"
	    " {s:s, s:s, s:s, s:i}, {s:s, s:s, s:s}, {s:s, s:s, s:s},"
	    " {s:s, s:s, s:s}, {s:s, s:s, s:s}]",
	    "name", "cert_no", "label", "编号", "type", "string", "length",
	    max_cert, "required", 1,
	    "name", "name", "label", "姓名", "type", "string", "length", 4,
	    "name", "n", "label", "N", "type", "integer", "length", 3,
	    "name", "d", "label", "D", "type", "decimal",
	    "name", "day", "label", "日", "type", "date",
	    "name", "at", "label", "时", "type", "datetime",
	    "name", "ok", "label", "OK", "type", "boolean");
	errors = json_object();
	if (in != NULL && errors != NULL)
		(void)yw_schema_items_clean(in, errors, &out);
	json_decref(in);
	json_decref(errors);
	return out;
}

/* What the jansson path makes of body: YW_OK and every record in *want
 * (caller frees), else YW_EINVAL (or YW_ENOMEM) and *want empty. */
static enum yw_err
ref_parse(const struct yw_schema_plan *p, const char *body, size_t len,
    size_t max, struct yw_exchange_batch *want)
{
	json_t		*j, *recs, *rec;
	size_t		 i, off, key;
	enum yw_err	 rc = YW_EINVAL;

	memset(want, 0, sizeof(*want));
	j = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
	recs = json_object_get(j, "records");
	if (!json_is_object(j) || !json_is_array(recs) ||
	    json_array_size(recs) > max)
		goto out;
	json_array_foreach(recs, i, rec) {
		off = want->buf.len;
		rc = yw_schema_encode(p, rec, &want->buf, &key);
		if (rc == YW_OK)
			rc = yw_exchange_batch_add(want, off, key);
		if (rc != YW_OK)
			goto out;
	}
	rc = YW_OK;
out:
	json_decref(j);
	if (rc != YW_OK)
		yw_exchange_batch_free(want);
	return rc;
}

/* 1 when yw_exchange_parse agrees with ref_parse on body; *taken says
 * whether the scanner took it. */
static int
parse_agrees(const struct yw_schema_plan *p, const char *body, size_t len,
    size_t max, int *taken)
{
	struct yw_exchange_batch	 got, want;
	enum yw_err			 rc;
	int				 same;

	rc = yw_exchange_parse(p, body, len, max, &got);
	*taken = rc == YW_OK;
	if (rc != YW_OK)
		return rc == YW_EINVAL && got.n == 0 && got.buf.data == NULL;
	if (ref_parse(p, body, len, max, &want) != YW_OK) {
		yw_exchange_batch_free(&got);
		return 0;
	}
	same = got.n == want.n && got.buf.len == want.buf.len &&
	    (got.n == 0 || (memcmp(got.buf.data, want.buf.data,
	    got.buf.len) == 0 && memcmp(got.data_off, want.data_off,
	    got.n * sizeof(size_t)) == 0 && memcmp(got.key_off, want.key_off,
	    got.n * sizeof(size_t)) == 0));
	yw_exchange_batch_free(&got);
	yw_exchange_batch_free(&want);
	return same;
}

#endif
