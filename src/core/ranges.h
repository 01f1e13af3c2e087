/* Known HTTP-only proxy ranges (a CDN's published address blocks), parsed from
 * text. The parser is a pure function over a bounded buffer so that it can be
 * fuzzed on its own. */
#ifndef MXTLS_RANGES_H
#define MXTLS_RANGES_H

#include <stddef.h>
#include <stdint.h>

#define MXTLS__MAX_PROXY_RANGES 65536u
#define MXTLS__PROVIDER_MAX 31 /* octets in a provider name */

struct mxtls__range {
    uint8_t bytes[16]; /* network order, masked to the prefix */
    uint8_t family;    /* 4 or 6 */
    uint8_t prefix;    /* 0..32 or 0..128 */
    char provider[MXTLS__PROVIDER_MAX + 1];
};

struct mxtls__ranges {
    size_t count;
    struct mxtls__range *items;
};

/* Parse "CIDR PROVIDER" lines ('#' comments, blank lines ignored) from
 * text[0..len). Returns MXTLS_OK with *out set, MXTLS_ENOMEM, or
 * MXTLS_EFORMAT with a message naming the line in err. */
int mxtls__ranges_parse(const char *text, size_t len, struct mxtls__ranges **out,
                        char *err, size_t err_size);
/* Cloudflare's published ranges, as DIAGNOSES.md lists them (early 2026). */
int mxtls__ranges_builtin(struct mxtls__ranges **out);
/* The provider whose range holds the address, or NULL. */
const char *mxtls__ranges_lookup(const struct mxtls__ranges *ranges, int family,
                                 const uint8_t bytes[16]);
void mxtls__ranges_free(struct mxtls__ranges *ranges);

#endif
