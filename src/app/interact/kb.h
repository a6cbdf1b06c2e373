/*
 * kb.h - the consultation knowledge base (咨询知识库): answers that a
 * department's staff keep (question, answer, category, published or not)
 * and the published replies of the consultation channel (a letter whose
 * writer allowed publication, once replied; personal data masked as on
 * the public letter pages). Both are documents of the search index
 * (app/search: kinds "kb_answer" and "kb_letter"), put in the same
 * transaction as the change that makes them, and searched by the public
 * knowledge pages and by the suggestions shown while a citizen writes.
 *
 * An entry's id names its source: "a<answer id>" or "l<letter id>".
 * Staff of a department holding dept_admin, publisher or case_handler
 * edit its answers; platform admins edit all. Another department's
 * answer reads as YW_ENOTFOUND. Every change is audited in its
 * transaction.
 */
#ifndef YW_KB_H
#define YW_KB_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

#define YW_KB_QUESTION_MAX	200	/* code points */
#define YW_KB_ANSWER_MAX	5000
#define YW_KB_PAGE		10	/* entries per results page */
#define YW_KB_SUGGEST		5	/* suggestions at most */
#define YW_KB_ID_MAX		24	/* bytes of an entry id with its NUL */

/* 1 when a may edit the answers of department_id. */
int		yw_kb_may_edit(const struct yw_actor *a, int64_t department_id);

/* The answers a may edit (their department's; platform admins: all),
 * newest change first. YW_EAUTH, YW_EFORBIDDEN. */
enum yw_err	yw_kb_staff_list(struct yw_db *db, const struct yw_actor *a,
		    json_t **out);
/* One answer as a may edit it; YW_ENOTFOUND outside a's scope. */
enum yw_err	yw_kb_staff_get(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t **out);

/*
 * Creates (id 0) or changes an answer from in (borrowed): {department_id
 * (platform admins choose; others' is their own), category, question,
 * answer, published ("1"/true or not)}. Field errors (YW_EINVAL, *errors
 * new): question, answer ("required", "too_long", "invalid"), category
 * ("required", "invalid"), department_id ("not_found"), question
 * "duplicate" (the department already has it). Indexed when published,
 * removed from the index when not. *out_id (may be NULL) the answer.
 */
enum yw_err	yw_kb_save(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t *in, int64_t now, int64_t *out_id,
		    json_t **errors);
/* Deletes an answer (and its index document). */
enum yw_err	yw_kb_delete(struct yw_db *db, const struct yw_actor *a,
		    int64_t id);

/*
 * Public search: text must occur in an entry (core/tokenize.h: a two
 * character Chinese word finds the entries holding it); when nothing
 * does and the text has several terms, entries sharing any of them,
 * best first (loose: 1). *out = {entries: [entry + {title_html,
 * snippet}], total, page, pages, loose}. An empty text lists the newest
 * published answers. page from 1.
 */
enum yw_err	yw_kb_search(struct yw_db *db, const char *text,
		    int64_t page, json_t **out);
/* Up to YW_KB_SUGGEST entries for a question being written (as
 * yw_kb_search page 1); {entries: [...]} with none for an empty text. */
enum yw_err	yw_kb_suggest(struct yw_db *db, const char *text,
		    json_t **out);
/*
 * One entry by id: {id, source ("answer", "letter"), question, body
 * (the letter's text, "" for answers), answer, category,
 * department_id, department_name, department_name_en, updated_on,
 * url}. YW_ENOTFOUND for an unknown, unpublished or malformed id.
 */
enum yw_err	yw_kb_entry(struct yw_db *db, const char *id, json_t **out);

/* Puts letter_id into the index when it is a published consultation
 * reply, removes it otherwise. Call inside the letter's transaction. */
enum yw_err	yw_kb_letter_sync(struct yw_db *db, int64_t letter_id);
/* Indexes every published answer and consultation reply again; *n (may
 * be NULL) the entries indexed. */
enum yw_err	yw_kb_reindex(struct yw_db *db, size_t *n);

/* Parses an entry id: 'a' or 'l' and a positive number. 0 if malformed. */
int		yw_kb_parse_id(const char *id, char *source, int64_t *n);

#endif
