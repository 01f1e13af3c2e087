#define _POSIX_C_SOURCE 200809L
#include "ranges.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "inet.h"
#include "mxtls/common.h"

/* Cloudflare's published ranges (cloudflare.com/ips, early 2026). Cloudflare
 * proxies only HTTP(S) ports there; its real mail hosts (route*.mx.cloudflare.net)
 * are told apart by name in the resolve stage, not here. */
static const char builtin_ranges[] =
    "173.245.48.0/20 cloudflare\n103.21.244.0/22 cloudflare\n"
    "103.22.200.0/22 cloudflare\n103.31.4.0/22 cloudflare\n"
    "141.101.64.0/18 cloudflare\n108.162.192.0/18 cloudflare\n"
    "190.93.240.0/20 cloudflare\n188.114.96.0/20 cloudflare\n"
    "197.234.240.0/22 cloudflare\n198.41.128.0/17 cloudflare\n"
    "162.158.0.0/15 cloudflare\n104.16.0.0/13 cloudflare\n"
    "104.24.0.0/14 cloudflare\n172.64.0.0/13 cloudflare\n"
    "131.0.72.0/22 cloudflare\n"
    "2400:cb00::/32 cloudflare\n2606:4700::/32 cloudflare\n"
    "2803:f800::/32 cloudflare\n2405:b500::/32 cloudflare\n"
    "2405:8100::/32 cloudflare\n2a06:98c0::/29 cloudflare\n"
    "2c0f:f248::/32 cloudflare\n";

#define LINE_MAX_OCTETS 256

/* 1 when the first `prefix` bits of a and b are equal. */
static int prefix_equal(const uint8_t *a, const uint8_t *b, unsigned prefix)
{
    unsigned whole = prefix / 8, rest = prefix % 8;
    if (memcmp(a, b, whole) != 0)
        return 0;
    if (rest == 0)
        return 1;
    uint8_t mask = (uint8_t)(0xffu << (8 - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

static void mask_to_prefix(uint8_t *bytes, unsigned prefix, unsigned total_octets)
{
    for (unsigned i = 0; i < total_octets; i++) {
        unsigned bit = i * 8;
        if (bit >= prefix)
            bytes[i] = 0;
        else if (prefix - bit < 8)
            bytes[i] &= (uint8_t)(0xffu << (8 - (prefix - bit)));
    }
}

/* Parse "ADDR/PREFIX". Returns 0 on success. */
static int parse_cidr(const char *cidr, struct mxtls__range *range)
{
    char addr[64];
    const char *slash = strchr(cidr, '/');
    if (slash == NULL || (size_t)(slash - cidr) >= sizeof addr)
        return -1;
    memcpy(addr, cidr, (size_t)(slash - cidr));
    addr[slash - cidr] = '\0';
    range->family = (uint8_t)mxtls__inet_parse(addr, 0, range->bytes);
    if (range->family == 0)
        return -1;
    const char *p = slash + 1;
    unsigned max = range->family == 4 ? 32 : 128, prefix = 0;
    if (*p == '\0')
        return -1;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || (prefix = prefix * 10 + (unsigned)(*p - '0')) > max)
            return -1;
    }
    range->prefix = (uint8_t)prefix;
    mask_to_prefix(range->bytes, prefix, range->family == 4 ? 4 : 16);
    return 0;
}

static int provider_ok(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > MXTLS__PROVIDER_MAX)
        return 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

/* Parse one line (already NUL-terminated, comment stripped) into range.
 * Returns 1 for a range, 0 for a blank line, -1 for a malformed one. */
static int parse_line(char *line, struct mxtls__range *range)
{
    char *save = NULL;
    char *cidr = strtok_r(line, " \t\r", &save);
    if (cidr == NULL)
        return 0;
    char *provider = strtok_r(NULL, " \t\r", &save);
    if (provider == NULL || strtok_r(NULL, " \t\r", &save) != NULL)
        return -1;
    if (parse_cidr(cidr, range) != 0 || !provider_ok(provider))
        return -1;
    memcpy(range->provider, provider, strlen(provider) + 1);
    return 1;
}

static int append(struct mxtls__ranges *r, size_t *cap, const struct mxtls__range *item)
{
    if (r->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 32;
        struct mxtls__range *n = mxtls__realloc(r->items, ncap * sizeof *n);
        if (n == NULL)
            return -1;
        r->items = n;
        *cap = ncap;
    }
    r->items[r->count++] = *item;
    return 0;
}

static int fail(struct mxtls__ranges *r, int status, char *err, size_t err_size,
                const char *why, size_t lineno)
{
    if (err_size)
        snprintf(err, err_size, "proxy ranges, line %zu: %s", lineno, why);
    mxtls__ranges_free(r);
    return status;
}

int mxtls__ranges_parse(const char *text, size_t len, struct mxtls__ranges **out,
                        char *err, size_t err_size)
{
    struct mxtls__ranges *r = mxtls__calloc(1, sizeof *r);
    size_t cap = 0, lineno = 0, pos = 0;
    if (r == NULL)
        return MXTLS_ENOMEM;
    while (pos < len) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - start) : len - pos;
        pos += line_len + (nl ? 1 : 0);
        lineno++;
        if (line_len >= LINE_MAX_OCTETS)
            return fail(r, MXTLS_EFORMAT, err, err_size, "line too long", lineno);
        char line[LINE_MAX_OCTETS];
        memcpy(line, start, line_len);
        line[line_len] = '\0';
        if (memchr(line, '\0', line_len) != NULL)
            return fail(r, MXTLS_EFORMAT, err, err_size, "NUL byte", lineno);
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        struct mxtls__range range;
        int got = parse_line(line, &range);
        if (got < 0)
            return fail(r, MXTLS_EFORMAT, err, err_size,
                        "expected \"ADDRESS/PREFIX PROVIDER\"", lineno);
        if (got == 0)
            continue;
        if (r->count >= MXTLS__MAX_PROXY_RANGES)
            return fail(r, MXTLS_EFORMAT, err, err_size, "too many ranges", lineno);
        if (append(r, &cap, &range) != 0)
            return fail(r, MXTLS_ENOMEM, err, err_size, "out of memory", lineno);
    }
    *out = r;
    return MXTLS_OK;
}

int mxtls__ranges_builtin(struct mxtls__ranges **out)
{
    return mxtls__ranges_parse(builtin_ranges, sizeof builtin_ranges - 1, out, NULL, 0);
}

const char *mxtls__ranges_lookup(const struct mxtls__ranges *ranges, int family,
                                 const uint8_t bytes[16])
{
    if (ranges == NULL)
        return NULL;
    for (size_t i = 0; i < ranges->count; i++) {
        const struct mxtls__range *r = &ranges->items[i];
        if (r->family == family && prefix_equal(r->bytes, bytes, r->prefix))
            return r->provider;
    }
    return NULL;
}

void mxtls__ranges_free(struct mxtls__ranges *ranges)
{
    if (ranges == NULL)
        return;
    mxtls__free(ranges->items);
    mxtls__free(ranges);
}
