/*
 * csv.h - an RFC 4180 reader for CSV uploads (the exchange's text/csv
 * batches), and the field writer of CSV downloads. The reader takes
 * quoted fields with "" escapes and embedded line breaks, CRLF or LF line
 * ends, UTF-8 with or without a byte order mark. Anything else is
 * refused with the line where it went wrong, never guessed at: a file in
 * another encoding (GBK, Latin-1) is an "encoding" error, not mojibake.
 * Needs jansson.
 */
#ifndef YW_CSV_H
#define YW_CSV_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* Why a CSV text was refused; line is 1-based (physical lines). */
struct yw_csv_error {
	long		 line;
	const char	*code;	/* static: "encoding", "quote", "columns",
				 * "empty", "too_many" */
};

/*
 * Parses text (len bytes, borrowed, no NUL needed). A final line break is
 * optional; blank lines (outside quotes) are skipped. Every record must
 * have as many fields as the first (the header). At most max_records
 * records, the header included (0 = no limit).
 *
 * On YW_OK *records is a new array (caller owns) of arrays of strings and
 * *lines a new array (caller owns) of the 1-based line each record starts
 * on. On YW_EINVAL both are NULL and *err says why and where:
 *   "encoding"  the bytes are not UTF-8 (the line of the first bad byte)
 *   "quote"     a quote inside an unquoted field, text after a closing
 *               quote, or a quoted field still open at the end
 *   "columns"   a record with a different number of fields than the header
 *   "empty"     no record at all
 *   "too_many"  more than max_records records
 * YW_ENOMEM when allocation fails.
 */
enum yw_err	yw_csv_parse(const char *text, size_t len, size_t max_records,
		    json_t **records, json_t **lines, struct yw_csv_error *err);

/*
 * Appends s (borrowed, NUL-terminated) to out as one RFC 4180 field:
 * quoted when it holds a comma, a quote or a line break, quotes doubled.
 * With guard, a value a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe
 * first (OWASP CSV injection), for files people open in Excel or WPS.
 * YW_ENOMEM when out cannot grow.
 */
enum yw_err	yw_csv_field(struct yw_buf *out, const char *s, int guard);

#endif
