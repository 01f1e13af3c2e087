/* Names given by the caller: validation, normalisation and IDNA (libidn2),
 * and the classifications the resolve stage reports about MX targets. */
#ifndef MXTLS_DNSNAME_H
#define MXTLS_DNSNAME_H

#include <stddef.h>
#include <stdint.h>

/* A normalised host name: lower-case A-labels, no trailing dot. */
#define MXTLS__NAME_MAX 253

/* What a caller-supplied name turned out to be. */
enum {
    MXTLS__INPUT_NAME = 0,
    MXTLS__INPUT_IPV4 = 4,
    MXTLS__INPUT_IPV6 = 6
};

/* Validate and normalise `in` into out (cap > MXTLS__NAME_MAX; for an IP
 * literal, the address text without brackets). *kind says which it was.
 * Returns 0, or -1 with a sentence in detail explaining what is wrong. A
 * trailing dot, upper case and Unicode (through IDNA2008/UTS#46) are
 * normalised; empty names and labels, over-long names and labels, and
 * characters outside letters, digits, '-' and '_' are refused. */
int mxtls__name_normalize(const char *in, char *out, size_t cap, int *kind,
                          char *detail, size_t dcap);

/* 1 when every label is letters, digits and '-' only. */
int mxtls__name_is_ldh(const char *name);

/* 1 when the name has a CDN origin-rewrite shape: `_dc-mx.<hex>.` or
 * `dc-<hex>.` as its first label(s) (Cloudflare, DIAGNOSES.md row 1). */
int mxtls__name_is_cdn_origin(const char *name);

/* The proxy provider whose own real mail host this name is ("cloudflare"
 * for *.mx.cloudflare.net, Cloudflare's Email Routing and sending hosts), or
 * NULL. Their addresses lie in the provider's proxy ranges but carry SMTP,
 * so they must not be flagged as proxies (DIAGNOSES.md). */
const char *mxtls__provider_mail_host(const char *name);

#endif
