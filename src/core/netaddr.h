/*
 * netaddr.h - the client address of a request that may have passed
 * through reverse proxies. Needs libc only.
 *
 * Behind nginx every connection comes from the proxy, so throttles keyed
 * by address (logins, /track) would count every citizen as one. The proxy
 * appends the address it saw to X-Forwarded-For; only a proxy the operator
 * names is believed, and only for the hops after it: the client is the
 * rightmost entry that is not itself a trusted proxy. Anything malformed
 * falls back to the connection's own address, so a client cannot choose
 * the address it is counted under.
 */
#ifndef YW_NETADDR_H
#define YW_NETADDR_H

#include <stddef.h>

#define YW_NETADDR_MAX	46	/* INET6_ADDRSTRLEN */

/*
 * Writes the client address to out (outsz >= YW_NETADDR_MAX): peer (the
 * connection's address, text) unless peer is in trusted (a comma- or
 * space-separated list of IPv4/IPv6 addresses; NULL or "" = none), in which
 * case the rightmost address of xff (the X-Forwarded-For header; may be
 * NULL) that is not in trusted. All borrowed. Addresses are compared by
 * value, so "::1" and "0:0::1" are the same; out is in canonical form.
 */
void	yw_netaddr_client(const char *peer, const char *xff,
	    const char *trusted, char *out, size_t outsz);

#endif
