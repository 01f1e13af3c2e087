/* Addresses as text and bytes, pure (no ctx, no allocation): the one
 * parser every layer uses, so that what counts as an IP address is decided
 * in one place, and the scope of an address. The callers that want more (a
 * bracketed SMTP literal, a CIDR, a resolver's "addr@port") strip their own
 * syntax and ask the parser; what a ctx decides about an address is
 * address.h. */
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

/* MXTLS_SCOPE_* of an address (family 4 or 6, bytes in network order), from
 * the IANA special-purpose registries. IPv4-mapped, NAT64 (64:ff9b::/96)
 * and 6to4 addresses take the scope of the IPv4 address they carry when
 * that is not public. */
int32_t mxtls__inet_scope(int family, const uint8_t bytes[16]);

/* Block i (0, 1, 2, ...) of the address space mxtls__inet_scope() does not
 * call public, as CIDR text ("10.0.0.0/8", "fe80::/10") in out: the IPv4
 * blocks, the same in 6to4, the IPv6 blocks, and everything outside
 * 2000::/3 (which holds the IPv4-mapped and NAT64 forms). A resolver that
 * must not query outside the public Internet refuses them all. Returns 1,
 * 0 past the last block, -1 if out is too small (64 octets suffice). */
int mxtls__inet_nonpublic_block(size_t i, char *out, size_t size);

#endif
