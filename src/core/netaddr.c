/*
 * netaddr.c - the client address behind trusted reverse proxies.
 */
#include <arpa/inet.h>
#include <string.h>

#include "core/netaddr.h"

struct addr {
	int		family;		/* 0 = not an address */
	unsigned char	bytes[16];
};

/* Parses n bytes at s (surrounding blanks ignored) as an address. */
static struct addr
parse(const char *s, size_t n)
{
	struct addr	a;
	char		buf[YW_NETADDR_MAX];

	memset(&a, 0, sizeof(a));
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return a;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, a.bytes) == 1)
		a.family = AF_INET;
	else if (inet_pton(AF_INET6, buf, a.bytes) == 1)
		a.family = AF_INET6;
	return a;
}

static int
same(const struct addr *x, const struct addr *y)
{
	return x->family != 0 && x->family == y->family &&
	    memcmp(x->bytes, y->bytes, x->family == AF_INET ? 4 : 16) == 0;
}

static int
is_trusted(const struct addr *a, const char *trusted)
{
	struct addr	t;
	size_t		n;

	while (trusted != NULL && *trusted != '\0') {
		n = strcspn(trusted, ", ");
		t = parse(trusted, n);
		if (same(a, &t))
			return 1;
		trusted += n;
		trusted += strspn(trusted, ", ");
	}
	return 0;
}

static void
format(const struct addr *a, char *out, size_t outsz)
{
	if (inet_ntop(a->family, a->bytes, out, (socklen_t)outsz) == NULL)
		out[0] = '\0';
}

void
yw_netaddr_client(const char *peer, const char *xff, const char *trusted,
    char *out, size_t outsz)
{
	struct addr	 p, hop;
	const char	*end, *comma;

	out[0] = '\0';
	p = parse(peer, peer != NULL ? strlen(peer) : 0);
	if (p.family == 0)
		return;
	format(&p, out, outsz);
	if (xff == NULL || !is_trusted(&p, trusted))
		return;
	/* Right to left: each hop was added by the proxy after it. */
	end = xff + strlen(xff);
	while (end > xff) {
		comma = end;
		while (comma > xff && comma[-1] != ',')
			comma--;
		hop = parse(comma, (size_t)(end - comma));
		if (hop.family == 0)
			return;		/* malformed: keep the proxy's own */
		if (!is_trusted(&hop, trusted)) {
			format(&hop, out, outsz);
			return;
		}
		end = comma > xff ? comma - 1 : xff;
	}
}
