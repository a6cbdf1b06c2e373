/*
 * actor.h - who is acting: the identity every domain function receives and
 * checks permissions against. Built by web/ from the session (or by cli/
 * for command-line operators); plain data, no ownership.
 */
#ifndef YW_ACTOR_H
#define YW_ACTOR_H

#include <stdint.h>

enum yw_role {
	YW_ROLE_PLATFORM_ADMIN	= 1 << 0,
	YW_ROLE_DEPT_ADMIN	= 1 << 1,
	YW_ROLE_CASE_HANDLER	= 1 << 2,
	YW_ROLE_PUBLISHER	= 1 << 3,
	YW_ROLE_DATA_STEWARD	= 1 << 4,
	YW_ROLE_AUDITOR		= 1 << 5
};

struct yw_actor {
	int64_t		id;		/* account id; 0 = anonymous */
	char		kind[12];	/* "citizen", "business", "staff", "" */
	char		login[128];
	char		display_name[256];
	int64_t		department_id;	/* 0 when not staff */
	char		region_path[192];	/* the department's region path */
	unsigned	roles;		/* enum yw_role bits */
	char		source_ip[64];	/* for the audit log */
};

/* The role's stable name ("platform_admin", ...) or NULL. */
const char	*yw_role_name(enum yw_role r);
/* The role for a name, or 0 when unknown. */
enum yw_role	 yw_role_from_name(const char *name);

/* An actor for command-line operations: a platform administrator named
 * login (e.g. "cli"), so that CLI changes are audited too. */
void		 yw_actor_cli(struct yw_actor *a, const char *login);

#endif
