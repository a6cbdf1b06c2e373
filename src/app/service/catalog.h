/*
 * catalog.h - the service catalogue (政务服务事项): items with the standard
 * fields of GB/T 39554.1-2020, the fixed list of life events they are
 * browsed by, a completeness score, and the permission rules for editing.
 * Forms, bundles and cases reference an item by its id (or its code, which
 * never changes). Needs store/db.h, audit and app/org's input helpers.
 *
 * Item code: <region6>-<department code>-<type code>-<seq>, for example
 * 350100-gaj-07-0001: the GB/T 2260 code of the region the item is
 * implemented at, the implementing department's code (app/org, 1..32 of
 * [A-Za-z0-9_.-]), the two-digit code of the item type (the table below)
 * and a four-digit sequence within that region, department and type. It is
 * assigned when the item is created and never changes, so the department,
 * region and type are fixed from then on (a changed implementing subject is
 * a new item; the old one is withdrawn).
 *
 *   type            code  中文
 *   permit          01    行政许可
 *   payment         05    行政给付
 *   confirmation    07    行政确认
 *   reward          08    行政奖励
 *   adjudication    09    行政裁决
 *   other           10    其他行政权力
 *   public_service  20    公共服务
 *
 * Who may do what:
 *   anyone (even anonymous)  read published items and life-event counts
 *   platform_admin           create and edit every item
 *   dept_admin, publisher    create and edit their own department's items
 *   everyone else            YW_EFORBIDDEN; an item outside the actor's
 *                            scope reads YW_ENOTFOUND
 *
 * Field errors: on YW_EINVAL *errors receives a new object (caller owns)
 * mapping field -> code, as app/org does: "required", "too_long",
 * "invalid", "not_found", "forbidden", "fixed" (cannot change after
 * creation), "exceeds_statutory" (promised > statutory days), "too_many".
 * A material's fields are named material_<n>_<field> with n its 1-based
 * position in the input list. On any other result *errors is NULL.
 */
#ifndef YW_CATALOG_H
#define YW_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

#define YW_CATALOG_NAME_MAX		100	/* code points */
#define YW_CATALOG_NAME_EN_MAX		200
#define YW_CATALOG_TEXT_MAX		2000	/* legal basis, conditions */
#define YW_CATALOG_FEE_MAX		500
#define YW_CATALOG_PHONE_MAX		32
#define YW_CATALOG_MATERIALS_MAX	15
#define YW_CATALOG_MATERIAL_NAME_MAX	100
#define YW_CATALOG_MATERIAL_DESC_MAX	300
#define YW_CATALOG_COPIES_MAX		99
#define YW_CATALOG_STEPS_MAX		20
#define YW_CATALOG_STEP_MAX		300
#define YW_CATALOG_DAYS_MAX		999	/* working days */
#define YW_CATALOG_VISITS_MAX		9
#define YW_CATALOG_PER_PAGE		20
#define YW_CATALOG_PER_PAGE_MAX		100
#define YW_CATALOG_CODE_MAX		48	/* bytes with the NUL */

/* A life event (人生事件 / 企业生命周期): a stable slug and who it is for,
 * "individual" or "business". Names live in the message catalogues. */
struct yw_life_event {
	const char	*slug;
	const char	*audience;
};

/* The fixed list in display order, individuals first; *n = its length. */
const struct yw_life_event	*yw_catalog_life_events(size_t *n);
/* The event with this slug, or NULL (slug borrowed, may be NULL). */
const struct yw_life_event	*yw_catalog_life_event(const char *slug);

/* The enumerated fields; each list is static and NULL-terminated. */
enum yw_catalog_enum {
	YW_CATALOG_TYPE,	/* item_type, in the order of the table above */
	YW_CATALOG_STATUS,	/* draft, published, withdrawn */
	YW_CATALOG_DEPTH,	/* online_depth: full_online 全程网办,
				 * precheck 网上预审, window 窗口办理 */
	YW_CATALOG_FEE,		/* fee_kind: free, charged */
	YW_CATALOG_FORM		/* a material's form: original, copy, both
				 * (original and copy), electronic */
};
const char *const	*yw_catalog_values(enum yw_catalog_enum which);
/* 1 if value is one of which's values. */
int			 yw_catalog_value_ok(enum yw_catalog_enum which,
			    const char *value);
/* The two-digit code of item type type, or NULL when unknown. */
const char		*yw_catalog_type_code(const char *type);

/*
 * Writes the item code for the given parts into out (outsz bytes,
 * YW_CATALOG_CODE_MAX suffice): region_code is the 12-digit statistical
 * code (its first six digits are used), seq 1..9999. YW_EINVAL for parts
 * that do not fit the scheme, YW_ETOOBIG when out is too small.
 */
enum yw_err	yw_catalog_code(const char *region_code, const char *dept_code,
		    const char *type, int64_t seq, char *out, size_t outsz);

/*
 * The standard fields, in the order the edit form shows them; each counts
 * the same towards the completeness score: name, name_en, item_type,
 * department_id, region_code, events, legal_basis, conditions, materials,
 * steps, statutory_days, promised_days, fee, visits, consult_phone,
 * complaint_phone. (online_depth is optional.) "fee" is filled when
 * fee_kind is "free", or "charged" with a fee_text.
 */
#define YW_CATALOG_STANDARD_FIELDS	16

/*
 * The completeness score 0..100 (rounded) of item, a borrowed object
 * shaped like yw_catalog_admin_get's (strings non-empty, integers not
 * null, lists non-empty count as filled). When missing is not NULL it
 * receives a new array (caller owns) of the names of the fields not
 * filled, in the order above; "fee" is reported as fee_kind when no kind
 * is chosen and as fee_text when a charged item lacks its description.
 */
int		yw_catalog_completeness(json_t *item, json_t **missing);

/* 1 if a holds a role that may edit catalogue items at all. */
int		yw_catalog_may_edit(const struct yw_actor *a);

/* A public listing's filter; borrowed. NULL, "" and 0 mean "any". */
struct yw_catalog_filter {
	const char	*event;		/* a life event slug */
	int64_t		 department_id;
	const char	*region_code;	/* the region and everything below */
	int64_t		 level;		/* 1..5: the item's region level */
	const char	*type;		/* an item_type */
	int64_t		 page;		/* 1-based; 0 = 1 */
	int64_t		 per_page;	/* 0 = YW_CATALOG_PER_PAGE */
};

/*
 * Published items matching f, ordered by code, one page of them. *out
 * (caller owns) = {services: [{id, code, name, name_en, item_type,
 * department_id, department_name, department_name_en, region_code,
 * region_name, level, statutory_days, promised_days, visits,
 * online_depth}], paging: {page, per_page, total, pages, prev_page,
 * next_page (null at either end)}}. An unknown event or type, a level
 * outside 1..5, a page below 1 or a per_page outside 1..100 is YW_EINVAL
 * with *errors naming event, type, level, page or per_page; an unknown
 * department or region YW_ENOTFOUND. A page past the end is empty.
 */
enum yw_err	yw_catalog_list(struct yw_db *db,
		    const struct yw_catalog_filter *f, json_t **out,
		    json_t **errors);

/*
 * The life events with the number of published items in each, as a new
 * object (caller owns) {individual: [{slug, audience, count}], business:
 * [...]}, in the fixed order.
 */
enum yw_err	yw_catalog_event_counts(struct yw_db *db, json_t **out);

/*
 * One published item by code as a new object (caller owns) {id, code,
 * name, name_en, item_type, status, department_id, region_code,
 * department: {id, code, name, name_en, phone, address}, region: {code,
 * name, name_en, level}, legal_basis, conditions, materials: [{seq, name,
 * description, copies, form, shared (bool), shared_department_id (or
 * null), shared_department_name, shared_department_name_en}], steps:
 * [{seq, text}], statutory_days, promised_days, visits (each an integer or
 * null), fee_kind, fee_text, online_depth, consult_phone,
 * complaint_phone, events: [{slug, audience}], updated_at, updated_local
 * ("YYYY-MM-DD HH:MM", Asia/Shanghai)}. YW_ENOTFOUND for an unknown code
 * and for an item that is not published.
 */
enum yw_err	yw_catalog_get(struct yw_db *db, const char *code,
		    json_t **out);

/*
 * Every item in a's scope (all for platform_admin, the own department's
 * otherwise), any status, ordered by code: a new array (caller owns) of
 * the list fields plus status, completeness, updated_at, updated_local.
 * YW_EFORBIDDEN when a may not edit the catalogue.
 */
enum yw_err	yw_catalog_admin_list(struct yw_db *db,
		    const struct yw_actor *a, json_t **out);

/*
 * One item in a's scope, any status: the object of yw_catalog_get plus
 * completeness and missing (the standard fields not filled). YW_ENOTFOUND
 * when it does not exist or lies outside a's scope; YW_EFORBIDDEN when a
 * may not edit the catalogue.
 */
enum yw_err	yw_catalog_admin_get(struct yw_db *db,
		    const struct yw_actor *a, int64_t id, json_t **out);

/*
 * Creates (id 0) or updates an item. in (borrowed) = {name, name_en,
 * item_type, department_id, region_code, legal_basis, conditions,
 * materials: [{name, description, copies, form, shared_department_id}],
 * steps: ["..."], statutory_days, promised_days, fee_kind, fee_text,
 * visits, online_depth, consult_phone, complaint_phone, events: ["slug"],
 * status}. Text values are strings (trimmed); numbers are JSON integers or
 * strings of digits, "" or null meaning "not filled". On update a field
 * absent from in keeps its stored value.
 *
 * Always required: name, item_type and department_id (which defaults to
 * a's own department for anyone but a platform_admin); region_code
 * defaults to the department's region and must be it or lie below it
 * ("invalid"). The department must exist ("not_found") and be a's own
 * unless a is a platform_admin ("forbidden"). department_id, region_code
 * and item_type are "fixed" after creation. Limits: the YW_CATALOG_*
 * sizes ("too_long"; "too_many" for the lists); legal_basis, conditions
 * and fee_text may hold line breaks. Days are 0..999 and visits 0..9
 * ("invalid" otherwise); promised_days must not exceed statutory_days
 * ("exceeds_statutory"). Phones are office numbers: digits, spaces and
 * "+-()", at least 3 digits. events are known slugs ("invalid"),
 * duplicates ignored. A material needs a name; copies is 1..99 (default
 * 1), form one of YW_CATALOG_FORM (default "original"),
 * shared_department_id 0/""/null or an existing department; a material
 * whose name, description and shared_department_id are all empty is
 * skipped. status is draft (default), published or withdrawn (not on
 * create). A published item must have every standard field filled: each
 * one missing is reported "required" (materials and events by those
 * names; fee as fee_kind or fee_text).
 *
 * Audited as service.create, or on update service.publish /
 * service.withdraw / service.unpublish when the status changes and
 * service.update otherwise, with the changed fields; an update that
 * changes nothing writes nothing. On YW_OK *id_out (may be NULL) gets the
 * id. YW_ENOTFOUND for an id that does not exist or lies outside a's
 * scope; YW_ECONFLICT if a concurrent creation took the same code.
 */
enum yw_err	yw_catalog_save(struct yw_db *db, const struct yw_actor *a,
		    int64_t id, json_t *in, int64_t *id_out, json_t **errors);

/*
 * The catalogue in the search index (app/search), kind "service": the
 * item's document when it is published, none otherwise. yw_catalog_save
 * calls it inside its transaction; call it inside one too. Facets:
 * department (code), level ("1".."5"), type, and "event_<slug>" = "1"
 * for each life event ('-' in the slug as '_'). YW_EDB, YW_ENOMEM.
 */
enum yw_err	yw_catalog_index(struct yw_db *db, int64_t id);
/* Indexes every item again in one transaction (after a restore or an
 * upgrade); *n (may be NULL) = the published items indexed. */
enum yw_err	yw_catalog_reindex(struct yw_db *db, size_t *n);

/* A catalogue search; borrowed, NULL/""/0 mean "any". */
struct yw_catalog_search_q {
	const char	*text;		/* the visitor's words */
	const char	*event;		/* a life event slug */
	const char	*department;	/* a department code */
	int64_t		 level;		/* 1..5 */
	const char	*type;		/* an item_type */
	int64_t		 page;		/* 1-based, 10 hits a page */
};

/*
 * Published items matching q from the index, best first. *out (caller
 * owns) = {total, capped, hits: [{id, code, name, name_en, item_type,
 * department_code, department_name, department_name_en, region_name,
 * region_name_en, level, title_html, snippet}], events: [{slug,
 * audience, count}], departments: [{code, count}], levels: [{level,
 * count}], types: [{type, count}], paging: {page, per_page, total, pages,
 * prev_page, next_page}}. title_html and snippet are HTML-escaped with
 * <mark> around matches. Counts, total and paging are over the ranked
 * candidates (search.h): capped says there may be more. YW_EINVAL with
 * *errors (caller owns) naming q (over YW_SEARCH_TEXT_MAX bytes), event,
 * department, level, type or page; YW_EDB.
 */
enum yw_err	yw_catalog_search(struct yw_db *db,
		    const struct yw_catalog_search_q *q, json_t **out,
		    json_t **errors);

#endif
