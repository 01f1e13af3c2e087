/* Address literals and the scope of an address: see inet.h. */
#define _POSIX_C_SOURCE 200809L
#include "inet.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "mxtls/address.h"

/* No address text comes near this (INET6_ADDRSTRLEN is 46): longer text
 * between brackets is refused without a copy. */
#define BRACKETED_MAX 64

static int parse_bare(const char *text, uint8_t *bytes)
{
    if (inet_pton(AF_INET, text, bytes) == 1)
        return 4;
    if (inet_pton(AF_INET6, text, bytes) == 1)
        return 6;
    return 0;
}

/* "[...]": the inside of one pair of brackets, copied to be terminated. */
static int parse_bracketed(const char *text, uint8_t *bytes)
{
    char inner[BRACKETED_MAX];
    size_t n = strnlen(text, sizeof inner + 2);
    if (n < 3 || n - 2 >= sizeof inner || text[n - 1] != ']')
        return 0;
    memcpy(inner, text + 1, n - 2);
    inner[n - 2] = '\0';
    return parse_bare(inner, bytes);
}

int mxtls__inet_parse(const char *text, int flags, uint8_t bytes[16])
{
    uint8_t scratch[16]; /* for callers that only ask "is it an address?" */
    uint8_t *out = bytes ? bytes : scratch;
    memset(out, 0, 16);
    if (text == NULL)
        return 0;
    if ((flags & MXTLS__INET_BRACKETS) && text[0] == '[')
        return parse_bracketed(text, out);
    return parse_bare(text, out);
}

size_t mxtls__inet_len(int family)
{
    return family == 4 ? 4 : family == 6 ? 16 : 0;
}

/* ---- scope ------------------------------------------------------------- */

struct block {
    uint8_t prefix[16];
    uint8_t bits;
    int32_t scope;
};

/* Non-public IPv4 blocks (IANA special-purpose registry). */
static const struct block v4_blocks[] = {
    {{0}, 8, MXTLS_SCOPE_RESERVED},                  /* "this network" */
    {{10}, 8, MXTLS_SCOPE_PRIVATE},
    {{100, 64}, 10, MXTLS_SCOPE_PRIVATE},            /* shared (CGNAT) */
    {{127}, 8, MXTLS_SCOPE_LOOPBACK},
    {{169, 254}, 16, MXTLS_SCOPE_LINK_LOCAL},
    {{172, 16}, 12, MXTLS_SCOPE_PRIVATE},
    {{192, 0, 0}, 24, MXTLS_SCOPE_RESERVED},         /* protocol assignments */
    {{192, 0, 2}, 24, MXTLS_SCOPE_RESERVED},         /* TEST-NET-1 */
    {{192, 88, 99}, 24, MXTLS_SCOPE_RESERVED},       /* 6to4 relay anycast */
    {{192, 168}, 16, MXTLS_SCOPE_PRIVATE},
    {{198, 18}, 15, MXTLS_SCOPE_RESERVED},           /* benchmarking */
    {{198, 51, 100}, 24, MXTLS_SCOPE_RESERVED},      /* TEST-NET-2 */
    {{203, 0, 113}, 24, MXTLS_SCOPE_RESERVED},       /* TEST-NET-3 */
    {{224}, 4, MXTLS_SCOPE_MULTICAST},
    {{240}, 4, MXTLS_SCOPE_RESERVED},                /* incl. broadcast */
};

/* Non-public IPv6 blocks. Embedded-IPv4 forms are handled before these. */
static const struct block v6_blocks[] = {
    {{0}, 128, MXTLS_SCOPE_RESERVED},                          /* :: */
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, MXTLS_SCOPE_LOOPBACK},
    {{0}, 96, MXTLS_SCOPE_RESERVED},                           /* IPv4-compatible */
    {{0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48, MXTLS_SCOPE_PRIVATE}, /* local NAT64 */
    {{0x01, 0x00}, 64, MXTLS_SCOPE_RESERVED},                  /* discard */
    {{0x20, 0x01, 0x0d, 0xb8}, 32, MXTLS_SCOPE_RESERVED},      /* documentation */
    {{0x20, 0x01}, 23, MXTLS_SCOPE_RESERVED},                  /* protocol assignments */
    {{0x3f, 0xff}, 20, MXTLS_SCOPE_RESERVED},                  /* documentation */
    {{0x5f, 0x00}, 16, MXTLS_SCOPE_RESERVED},                  /* SRv6 SIDs */
    {{0xfc}, 7, MXTLS_SCOPE_PRIVATE},                          /* ULA */
    {{0xfe, 0x80}, 10, MXTLS_SCOPE_LINK_LOCAL},
    {{0xfe, 0xc0}, 10, MXTLS_SCOPE_PRIVATE},                   /* site-local */
    {{0xff}, 8, MXTLS_SCOPE_MULTICAST},
};

static int in_block(const uint8_t *bytes, const struct block *b)
{
    unsigned whole = b->bits / 8, rest = b->bits % 8;
    if (memcmp(bytes, b->prefix, whole) != 0)
        return 0;
    if (rest == 0)
        return 1;
    uint8_t mask = (uint8_t)(0xffu << (8 - rest));
    return (bytes[whole] & mask) == (b->prefix[whole] & mask);
}

static int32_t scope_v4(const uint8_t *bytes)
{
    for (size_t i = 0; i < sizeof v4_blocks / sizeof v4_blocks[0]; i++)
        if (in_block(bytes, &v4_blocks[i]))
            return v4_blocks[i].scope;
    return MXTLS_SCOPE_PUBLIC;
}

/* The IPv4 address an IPv6 address carries, if it is a form that does:
 * IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16. */
static const uint8_t *embedded_v4(const uint8_t *b)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const uint8_t nat64[12] = {0x00, 0x64, 0xff, 0x9b};
    if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0)
        return b + 12;
    if (b[0] == 0x20 && b[1] == 0x02)
        return b + 2;
    return NULL;
}

static int32_t scope_v6(const uint8_t *bytes)
{
    /* A mapped, NAT64 or 6to4 address reaches the IPv4 address inside it. */
    const uint8_t *v4 = embedded_v4(bytes);
    if (v4 != NULL)
        return scope_v4(v4);
    for (size_t i = 0; i < sizeof v6_blocks / sizeof v6_blocks[0]; i++)
        if (in_block(bytes, &v6_blocks[i]))
            return v6_blocks[i].scope;
    /* Only 2000::/3 is allocated global unicast. */
    return (bytes[0] & 0xe0) == 0x20 ? MXTLS_SCOPE_PUBLIC : MXTLS_SCOPE_RESERVED;
}

int32_t mxtls__inet_scope(int family, const uint8_t bytes[16])
{
    return family == 4 ? scope_v4(bytes) : scope_v6(bytes);
}

/* ---- non-public blocks as CIDR text ------------------------------------ */

static int block_text(int family, const uint8_t *prefix, unsigned bits, char *out,
                      size_t size)
{
    char addr[INET6_ADDRSTRLEN];
    if (inet_ntop(family == 4 ? AF_INET : AF_INET6, prefix, addr, sizeof addr) == NULL)
        return -1;
    int n = snprintf(out, size, "%s/%u", addr, bits);
    return n > 0 && (size_t)n < size ? 1 : -1;
}

/* The v4 block i carried in 6to4 (2002:AABB:CCDD::/16+bits). */
static int sixtofour_text(const struct block *b, char *out, size_t size)
{
    uint8_t v6[16] = {0x20, 0x02};
    memcpy(v6 + 2, b->prefix, 4);
    return block_text(6, v6, 16u + b->bits, out, size);
}

/* Outside 2000::/3 nothing is global unicast (scope_v6's last line). This
 * also covers every IPv4-mapped and NAT64 address, public ones too: the
 * caller wants no query on a path the policy cannot judge. */
static const struct block v6_outside[] = {
    {{0x00}, 3, MXTLS_SCOPE_RESERVED},
    {{0x40}, 2, MXTLS_SCOPE_RESERVED},
    {{0x80}, 1, MXTLS_SCOPE_RESERVED},
};

#define NV4 (sizeof v4_blocks / sizeof v4_blocks[0])
#define NV6 (sizeof v6_blocks / sizeof v6_blocks[0])
#define NOUT (sizeof v6_outside / sizeof v6_outside[0])

int mxtls__inet_nonpublic_block(size_t i, char *out, size_t size)
{
    if (i < NV4)
        return block_text(4, v4_blocks[i].prefix, v4_blocks[i].bits, out, size);
    i -= NV4;
    if (i < NV4)
        return sixtofour_text(&v4_blocks[i], out, size);
    i -= NV4;
    if (i < NV6)
        return block_text(6, v6_blocks[i].prefix, v6_blocks[i].bits, out, size);
    i -= NV6;
    if (i < NOUT)
        return block_text(6, v6_outside[i].prefix, v6_outside[i].bits, out, size);
    return 0;
}
