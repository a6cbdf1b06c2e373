/*
 * draft_store.h - SQL of the draft module (internal to src/app/service).
 * Functions returning json_t ** give a new reference (caller owns).
 */
#ifndef YW_DRAFT_STORE_H
#define YW_DRAFT_STORE_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "store/db.h"

/* The open draft of an applicant for a target; YW_ENOTFOUND if none. */
enum yw_err	yw_draft_store_find(struct yw_db *db, int64_t applicant,
		    const char *kind, const char *code, int64_t *id);
enum yw_err	yw_draft_store_count_open(struct yw_db *db, int64_t applicant,
		    int64_t *n);
enum yw_err	yw_draft_store_insert(struct yw_db *db, int64_t applicant,
		    const char *kind, const char *code, const char *values,
		    int64_t now, int64_t *id);
/* {id, applicant_id, kind, code, form_values, submitted_case_id,
 * updated_at}. */
enum yw_err	yw_draft_store_get(struct yw_db *db, int64_t id,
		    json_t **out);
/* Writes the values of an unsubmitted draft; YW_ECONFLICT otherwise. */
enum yw_err	yw_draft_store_set_values(struct yw_db *db, int64_t id,
		    const char *values, int64_t now);
enum yw_err	yw_draft_store_submitted(struct yw_db *db, int64_t id,
		    int64_t case_id, int64_t now);
enum yw_err	yw_draft_store_mine(struct yw_db *db, int64_t applicant,
		    json_t **out);

#endif
