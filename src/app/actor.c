#include <stdio.h>
#include <string.h>

#include "app/actor.h"

static const struct {
	enum yw_role	 role;
	const char	*name;
} roles[] = {
	{ YW_ROLE_PLATFORM_ADMIN, "platform_admin" },
	{ YW_ROLE_DEPT_ADMIN, "dept_admin" },
	{ YW_ROLE_CASE_HANDLER, "case_handler" },
	{ YW_ROLE_PUBLISHER, "publisher" },
	{ YW_ROLE_DATA_STEWARD, "data_steward" },
	{ YW_ROLE_AUDITOR, "auditor" },
};

const char *
yw_role_name(enum yw_role r)
{
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i].role == r)
			return roles[i].name;
	return NULL;
}

enum yw_role
yw_role_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].role;
	return 0;
}

void
yw_actor_cli(struct yw_actor *a, const char *login)
{
	memset(a, 0, sizeof(*a));
	(void)snprintf(a->kind, sizeof(a->kind), "%s", "staff");
	(void)snprintf(a->login, sizeof(a->login), "%s", login);
	(void)snprintf(a->display_name, sizeof(a->display_name), "%s", login);
	(void)snprintf(a->source_ip, sizeof(a->source_ip), "%s", "cli");
	a->roles = YW_ROLE_PLATFORM_ADMIN;
}
