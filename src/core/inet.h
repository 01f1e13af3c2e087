/* Address literals: text to bytes, pure (no ctx, no allocation). The one
 * parser every layer uses, so that what counts as an IP address is decided
 * in one place; the callers that want more (a bracketed SMTP literal, a
 * CIDR, a resolver's "addr@port") strip their own syntax and ask it. */
#ifndef MXTLS_INET_H
#define MXTLS_INET_H

#include <stddef.h>
#include <stdint.h>

/* Also take the address inside one pair of brackets, "[2001:db8::1]" or
 * "[192.0.2.1]", as a URL writes it (certificate reference names). Without
 * this flag brackets are refused. */
#define MXTLS__INET_BRACKETS 1

/* The family of the IPv4 or IPv6 address text is, 4 or 6; 0 when it is not
 * one (or is NULL). The forms are inet_pton(3)'s and nothing else: a full
 * dotted quad without leading zeros ("1.2.3" and "01.2.3.4" are refused),
 * RFC 4291 text for IPv6, no zone id ("fe80::1%eth0" is refused). bytes,
 * when not NULL, gets the address in network order and zeros after it (all
 * 16 octets are written, also on failure), so two addresses of one family
 * compare with memcmp over 16. */
int mxtls__inet_parse(const char *text, int flags, uint8_t bytes[16]);

/* The octets of an address of this family: 4, 16, or 0 for another. */
size_t mxtls__inet_len(int family);

#endif
