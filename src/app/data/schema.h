/*
 * schema.h - a resource's data items (数据项) and the checks a record must
 * pass against them: declared items only, required items present, each
 * value of its declared type and within its length in code points. Also
 * turns CSV rows (header = item names) into records. Pure functions over
 * jansson values; no database.
 *
 * An item is {name, label, type, length, required, personal}: name
 * [a-z][a-z0-9_]{0,31}; type one of YW_SCHEMA_TYPES; length the maximum
 * in code points (strings) or digits (integer, decimal), 0 = no limit;
 * required and personal booleans (personal items are masked for readers
 * whose grant does not cover them).
 *
 * Record values by type (JSON; CSV text is converted first):
 *   string    a string
 *   integer   an integer, or a string of an optional '-' and 1..18 digits
 *   decimal   a number, or a string "-?digits[.digits]"
 *   date      "YYYY-MM-DD" naming a real date
 *   datetime  "YYYY-MM-DDTHH:MM:SS" with an optional "Z" or "+HH:MM"
 *   boolean   true or false ("true"/"false"/"1"/"0" in CSV)
 * null and "" count as absent. Field codes: "required", "wrong_type",
 * "too_long", "unknown_field", "bad_date", "bad_datetime".
 */
#ifndef YW_SCHEMA_H
#define YW_SCHEMA_H

#include <stddef.h>

#include <jansson.h>

#include "core/err.h"

#define YW_SCHEMA_MAX_ITEMS	40
#define YW_SCHEMA_NAME_MAX	32	/* bytes */
#define YW_SCHEMA_LABEL_MAX	64	/* code points */
#define YW_SCHEMA_LENGTH_MAX	4000
#define YW_SCHEMA_VALUE_INDEX_MAX 256	/* bytes of a filterable value */

/* The type names, NULL-terminated; static. */
extern const char *const yw_schema_types[];

/*
 * Checks item definitions in (borrowed array; objects whose values may be
 * strings, as a form sends them: "1"/"on" for booleans, digits for length)
 * and gives *out, a new array (caller owns) of clean items. Codes go into
 * errors (borrowed object) as "item_<n>_<field>" (n 1-based): name
 * "required"/"invalid"/"duplicate", label "required"/"too_long", type
 * "invalid", length "invalid"; no items at all is "items": "required",
 * more than YW_SCHEMA_MAX_ITEMS "items": "too_many". Returns YW_EINVAL
 * when errors gained an entry (then *out is NULL), YW_ENOMEM.
 */
enum yw_err	yw_schema_items_clean(json_t *in, json_t *errors,
		    json_t **out);

/* The item named name in items (borrowed), or NULL. */
json_t	       *yw_schema_item(json_t *items, const char *name);

/*
 * Checks record (borrowed object) against items (borrowed, clean). On
 * YW_OK *clean is a new object (caller owns) holding the present values in
 * their stored form (integers as integers, decimals as strings, booleans
 * as booleans, text as given) and, when values is not NULL, values (a
 * borrowed object) receives item -> canonical text for each present value.
 * On YW_EINVAL *errors is a new object (caller owns) mapping each bad
 * field to its code and *clean is NULL. A record that is not an object is
 * {"record": "wrong_type"}.
 */
enum yw_err	yw_schema_check(json_t *items, json_t *record, json_t **clean,
		    json_t *values, json_t **errors);

/*
 * The canonical text of a filter value given as text for item (borrowed):
 * the same text yw_schema_check stores for that value. *out is a new
 * string (caller owns); YW_EINVAL with *code set (static) when the text is
 * not a value of the item's type.
 */
enum yw_err	yw_schema_filter_value(json_t *item, const char *text,
		    json_t **out, const char **code);

/*
 * Turns CSV records (borrowed: the first is the header, yw_csv_parse's
 * output) into record objects, one per data row, typed by items: integer
 * and boolean text is converted where it parses (else kept as text, which
 * yw_schema_check then refuses with the field named), "" is absent. A
 * header naming no item, or naming one twice, gives YW_EINVAL with
 * *bad_column set to the 1-based column and *code "unknown_field" or
 * "duplicate". *out is a new array (caller owns).
 */
enum yw_err	yw_schema_from_csv(json_t *items, json_t *csv, json_t **out,
		    size_t *bad_column, const char **code);

/*
 * A batch's view of items, so each record is checked and written without
 * building jansson values: the items by name (borrowed from the items
 * array, which must outlive the plan) and which of them is the key.
 */
struct yw_schema_field {
	const char	*name;
	int		 type;		/* index into yw_schema_types */
	json_int_t	 length;
	int		 required;
};

struct yw_schema_plan {
	struct yw_schema_field	f[YW_SCHEMA_MAX_ITEMS];
	size_t			n;
	int			key;	/* index of key_item in f, -1 = none */
};

struct yw_buf;

/* Fills p from items (borrowed, clean) and key_item (may be NULL or "");
 * YW_EINVAL for more than YW_SCHEMA_MAX_ITEMS items. */
enum yw_err	yw_schema_plan_make(json_t *items, const char *key_item,
		    struct yw_schema_plan *p);

/*
 * Checks record (borrowed) exactly as yw_schema_check does and, when it
 * passes, appends to out the text json_dumps(clean, JSON_COMPACT |
 * JSON_SORT_KEYS) would give, then a NUL; when the record has a key value,
 * its canonical text follows, NUL-terminated, at *key_off (else
 * (size_t)-1). YW_EINVAL (out unchanged) when the record fails: call
 * yw_schema_check for the field codes. YW_ENOMEM.
 */
enum yw_err	yw_schema_encode(const struct yw_schema_plan *p,
		    json_t *record, struct yw_buf *out, size_t *key_off);

/*
 * One value of a record as the checks see it, whichever parser read it
 * (jansson, or the exchange's batch scanner, exchange_parse.h). null is
 * YW_SV_ABSENT; arrays and objects are YW_SV_OTHER.
 */
enum yw_schema_vtype {
	YW_SV_ABSENT, YW_SV_STRING, YW_SV_INTEGER, YW_SV_REAL, YW_SV_BOOL,
	YW_SV_OTHER
};

struct yw_schema_value {
	enum yw_schema_vtype	 type;
	const char		*s;	/* STRING: len bytes, NUL-terminated
					 * unless the item is a string (the
					 * other types' checks read C strings) */
	size_t			 len;
	long long		 ll;	/* INTEGER */
	double			 d;	/* REAL */
	int			 y;	/* BOOL */
	json_t			*json;	/* as jansson parsed it, or NULL: then
					 * s needs no escaping in JSON */
};

/*
 * yw_schema_encode of a record whose values (borrowed) are given in plan
 * order, vals[i] for p->f[i]; the caller has checked that the record has
 * no other fields (and no field twice).
 */
enum yw_err	yw_schema_encode_values(const struct yw_schema_plan *p,
		    const struct yw_schema_value *vals, struct yw_buf *out,
		    size_t *key_off);

/*
 * A personal value as a reader without the right to see it gets it (a new
 * string, caller owns): ID numbers keep their first 6 and last 4
 * characters, mobile numbers their first 3 and last 4, other text its first
 * character; numbers, dates and booleans become "***".
 */
json_t	       *yw_schema_mask(json_t *value);

#endif
