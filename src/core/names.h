/* Syntax checks for host names given as options (EHLO name, stub zones). */
#ifndef MXTLS_NAMES_H
#define MXTLS_NAMES_H

#include <stddef.h>

#define MXTLS__NAME_ALLOW_UNDERSCORE 1

/* 1 when name is a syntactically valid DNS name: labels of 1..63 octets of
 * letters, digits and '-' (and '_' with MXTLS__NAME_ALLOW_UNDERSCORE), no
 * leading or trailing '-', at most 253 octets, one optional trailing dot. */
int mxtls__name_is_valid(const char *name, int flags);

/* 1 for an SMTP address literal (RFC 5321 4.1.3), as it goes on the wire in
 * EHLO: "[192.0.2.1]", or "[IPv6:2001:db8::1]" with the tag spelt so and
 * naming the family. Stricter than a target's literal (dnsname.c). */
int mxtls__is_address_literal(const char *text);

/* 1 when name may be sent as SNI as given: 1..255 octets of printable
 * ASCII (underscores allowed: senders send them, and that is what the
 * alert-47 diagnosis needs to reproduce). */
int mxtls__sni_is_valid(const char *name);

#endif
