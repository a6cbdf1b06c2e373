/*
 * case_fetch.h - "data travels instead of people" (数据多跑路): a catalogue
 * material marked as fetchable from a data resource (catalog.h,
 * fetch_resource) is offered on the application form as a consent
 * checkbox; when the applicant consents, the platform reads their record
 * through the exchange (exchange.h, yw_exchange_fetch_for) as the
 * department whose task needs the material, and keeps it with the case.
 * Needs app/data (data.h, exchange.h, schema.h), audit and store/db.h.
 *
 * The record is looked up by the applicant's ID number: the form's field
 * named applicant_idnum, else its first field of type idnum (a bundle's
 * merged form the same way), matched against the resource's ID number
 * item: the first item named idnum or ending in _idnum.
 */
#ifndef YW_CASE_FETCH_H
#define YW_CASE_FETCH_H

#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "app/data/receipt.h"
#include "core/err.h"
#include "store/db.h"

/*
 * Appends to form (borrowed, changed) one consent field per fetchable
 * material of tasks (borrowed array of {id, department_id}, in order; a
 * material asked by several tasks once, read as the first task's
 * department): {name "fetch_<n>", type "consent", label (the material's
 * name), material, resource, reader_department_id, provider_name,
 * provider_name_en, upload (the attachment field whose "material" names
 * it, when there is one)}. Resources that no longer exist or are no
 * longer shared are skipped.
 */
enum yw_err	yw_case_fetch_fields(struct yw_db *db, json_t *tasks,
		    json_t *form);

/*
 * For every consent given in clean (the validated values, borrowed),
 * fetches the record and stores it with case_id; call inside the case's
 * transaction. Each read writes its receipt in that transaction (purpose
 * "case <tracking>") and an audit entry "case.fetch"; every exchange call
 * is noted in calls (borrowed array) for yw_exchange_log_calls once the
 * caller committed or rolled back, so refused reads are logged too. A material with no
 * record, outside the reader's grant, or without a keyring (k NULL) is
 * YW_EINVAL with *errors (new, caller owns) {<consent field>:
 * "not_found"}; the caller rolls back.
 */
enum yw_err	yw_case_fetch_run(struct yw_db *db, const struct yw_keyring *k,
		    const struct yw_actor *a, json_t *form, json_t *clean,
		    int64_t case_id, const char *tracking, int64_t now,
		    json_t *calls, json_t **errors);

/*
 * What was fetched for case_id, as a (borrowed) sees it; staff 1 for
 * staff of the case's departments, 0 for the applicant. *out (caller
 * owns) = [{material, resource_code, provider_name, provider_name_en,
 * department_name, department_name_en, fetched_at, fetched_at_local}],
 * and for staff also receipt_seq, receipt_hash and rows [{item, label,
 * value}]: every item for the reading department, the provider and
 * platform admins; other departments see personal items their own grant
 * does not list masked.
 */
enum yw_err	yw_case_fetch_view(struct yw_db *db, const struct yw_actor *a,
		    int64_t case_id, int staff, int64_t now, json_t **out);

#endif
