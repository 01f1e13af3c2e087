/* Fuzz target for the proxy-ranges parser (mxtls_ctx_set_proxy_ranges_file's
 * "ADDRESS/PREFIX PROVIDER" lines): a file the user names, often fetched from
 * a CDN's web page, so any bytes at all.
 *
 * Built two ways by tests/fuzz/meson.build (see fuzz-errtext.c); the replay
 * test is fuzz-ranges-replay over tests/fuzz/corpus/ranges.
 *
 * Properties beyond "no crash, no leak": a parsed range has family 4 or 6, a
 * prefix within it, no bit set past the prefix and a valid provider name, and
 * its own address looks up to a provider; a rejection names a line and
 * leaves *out alone; a lookup of any address gives NULL or a parsed provider. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mxtls/common.h"
#include "../../src/core/ranges.h"
#include "replay.h"

static int provider_valid(const char *p)
{
    size_t n = strnlen(p, MXTLS__PROVIDER_MAX + 1);
    if (n == 0 || n > MXTLS__PROVIDER_MAX)
        return 0;
    return strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == n;
}

static int masked(const struct mxtls__range *r)
{
    unsigned octets = r->family == 4 ? 4 : 16;
    for (unsigned bit = r->prefix; bit < 128; bit++) {
        unsigned i = bit / 8;
        if (i >= octets ? r->bytes[i] != 0 : (r->bytes[i] >> (7 - bit % 8)) & 1)
            return 0;
    }
    return 1;
}

static void check_ranges(const struct mxtls__ranges *r)
{
    if (r->count > MXTLS__MAX_PROXY_RANGES || (r->count && r->items == NULL))
        abort();
    for (size_t i = 0; i < r->count; i++) {
        const struct mxtls__range *it = &r->items[i];
        if ((it->family != 4 && it->family != 6) ||
            it->prefix > (it->family == 4 ? 32 : 128) || !masked(it) ||
            !provider_valid(it->provider) ||
            mxtls__ranges_lookup(r, it->family, it->bytes) == NULL)
            abort();
    }
}

/* The provider a lookup gives must be one of the parsed ranges' names. */
static void check_lookup(const struct mxtls__ranges *r, int family, const uint8_t addr[16])
{
    const char *p = mxtls__ranges_lookup(r, family, addr);
    if (p == NULL)
        return;
    for (size_t i = 0; i < r->count; i++)
        if (p == r->items[i].provider)
            return;
    abort();
}

static void parse(const char *buf, size_t size, size_t err_size, const uint8_t addr[16])
{
    struct mxtls__ranges *r = NULL, *const untouched = NULL;
    char err[128];
    memset(err, 'x', sizeof err);
    int rc = mxtls__ranges_parse(buf, size, &r, err, err_size);
    if (rc == MXTLS_OK) {
        if (r == NULL)
            abort();
        check_ranges(r);
        check_lookup(r, 4, addr);
        check_lookup(r, 6, addr);
        mxtls__ranges_free(r);
        return;
    }
    if ((rc != MXTLS_EFORMAT && rc != MXTLS_ENOMEM) || r != untouched)
        abort();
    if (err_size && (memchr(err, '\0', err_size) == NULL ||
                     (err_size > 20 && strncmp(err, "proxy ranges, line ", 19) != 0)))
        abort();
    if (err_size < sizeof err && err[err_size] != 'x')
        abort();                           /* wrote past the size it was given */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t addr[16] = {0};
    char *buf = malloc(size ? size : 1);   /* exact size: over-reads are findings */
    if (buf == NULL)
        return 0;
    memcpy(buf, data, size);
    /* The last 16 octets double as an address to look up. */
    memcpy(addr, data + (size > 16 ? size - 16 : 0), size > 16 ? 16 : size);
    parse(buf, size, 127, addr);
    parse(buf, size, size % 24, addr);     /* small and zero error buffers */
    free(buf);
    return 0;
}

#ifndef MXTLS_LIBFUZZER
int main(int argc, char **argv)
{
    static const char alphabet[] = "0123456789abcdef:./# \t\r\n-_\x00\xff";
    return mxtls_fuzz_replay(argc, argv, alphabet, sizeof alphabet - 1, 400);
}
#endif
