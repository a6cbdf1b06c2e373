/*
 * draft.h - application drafts: what an applicant has typed and uploaded
 * for an item or a bundle before submitting, kept in the database so that
 * nothing entered is lost (a refused submit, an upload between edits, a
 * closed browser). Submitting applies through case.h with the draft as the
 * idempotency key, so a double submit makes one case. Needs case.h (the
 * forms), formdef.h and attach.h.
 *
 * Only the applicant sees and changes their drafts; anyone else's draft
 * id reads as YW_ENOTFOUND. A submitted draft is kept (it names its case)
 * and can no longer change (YW_ECONFLICT).
 *
 * A draft's values: field name -> text as typed (not yet validated), or
 * for an attachment field the stored file {"name", "type", "size",
 * "sha256"} (attach.h).
 */
#ifndef YW_DRAFT_H
#define YW_DRAFT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "app/data/receipt.h"
#include "core/err.h"
#include "store/db.h"

#define YW_DRAFT_VALUE_MAX	2000		/* code points of one value */
#define YW_DRAFT_VALUES_MAX	(64 * 1024)	/* bytes of all values */
#define YW_DRAFT_OPEN_MAX	50		/* unsubmitted drafts a person */
#define YW_DRAFT_KEY_PREFIX	"draft-"	/* idempotency key of a draft */

/*
 * The applicant's unsubmitted draft for kind ("item" or "bundle") and
 * code: YW_OK with *id, or YW_ENOTFOUND when there is none. YW_EAUTH when
 * a is anonymous.
 */
enum yw_err	yw_draft_find(struct yw_db *db, const struct yw_actor *a,
		    const char *kind, const char *code, int64_t *id);

/*
 * Creates a draft for a published item or bundle (else YW_ENOTFOUND;
 * YW_EINVAL for a kind other than "item" and "bundle") with the text
 * values of values (borrowed, may be NULL; see yw_draft_save), or returns
 * the applicant's unsubmitted one for it after saving values into that.
 * YW_ETOOMANY when the applicant already has YW_DRAFT_OPEN_MAX open
 * drafts. *id receives the draft.
 */
enum yw_err	yw_draft_open(struct yw_db *db, const struct yw_actor *a,
		    const char *kind, const char *code, json_t *values,
		    int64_t now, int64_t *id);

/*
 * One draft as a new object (caller owns): {id, kind, code, values,
 * submitted_case_id (or null), updated_at, updated_at_local, target:
 * {kind, code, name, name_en, form, items} (yw_case_form)}. The target is
 * read as it is now; a target withdrawn since gives target null.
 */
enum yw_err	yw_draft_get(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t **out);

/*
 * Saves the text values of values (borrowed: field -> string) into draft
 * id: each field of the form that is not an attachment takes the value
 * given (an empty string clears it); fields absent from values, unknown
 * names and attachments are left as they are. Text is kept as typed, not
 * validated, except that a value over YW_DRAFT_VALUE_MAX code points or
 * not clean UTF-8 is refused (YW_EINVAL, *errors field -> "too_long" or
 * "invalid"; nothing saved) and YW_ETOOBIG when the whole would pass
 * YW_DRAFT_VALUES_MAX.
 */
enum yw_err	yw_draft_save(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t *values, int64_t now, json_t **errors);

/*
 * Stores the n bytes at p, sent as file name (borrowed), as the value of
 * attachment field field of draft id. The name must claim a type the field
 * accepts and the bytes must be of that type ("type"), within the field's
 * max_bytes ("too_big"), and not empty ("required"); field must be an
 * attachment field of the form ("invalid"). Those are YW_EINVAL with
 * *errors {field: code} (for an unknown field, {"field": "invalid"}).
 */
enum yw_err	yw_draft_upload(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, const char *field, const char *name,
		    const void *p, size_t n, int64_t now, json_t **errors);

/* Removes the file of attachment field field (nothing to remove is
 * fine). */
enum yw_err	yw_draft_detach(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, const char *field, int64_t now);

/*
 * Submits draft id: yw_case_apply with its values and the key
 * YW_DRAFT_KEY_PREFIX<id>, then remembers the case. A draft already
 * submitted returns its case again. Errors as yw_case_apply (YW_EINVAL
 * with *errors field -> code; the draft keeps everything). k (borrowed,
 * may be NULL) signs the receipts of fetched materials (case.h).
 */
enum yw_err	yw_draft_submit(struct yw_db *db, const struct yw_actor *a,
		    const struct yw_keyring *k, int64_t id, int64_t now, json_t **errors, int64_t *case_id,
		    char tracking[40]);

/* The applicant's unsubmitted drafts, newest first: a new array of {id,
 * kind, code, title, title_en, updated_at, updated_at_local}. */
enum yw_err	yw_draft_mine(struct yw_db *db, const struct yw_actor *a,
		    json_t **out);

#endif
