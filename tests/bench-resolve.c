/* How long mxtls_resolve_mx takes, and how many queries it sends, for the
 * lab's 3-MX domain (secure.mxtls.test: each host with TLSA, and both TXT
 * records), through a proxy that adds a WAN-like delay to every query.
 *
 *   meson test -C build --benchmark resolve
 *
 * Parallel queries cost one delay per round of dependent lookups; serial
 * ones would cost one per query. "upstream" counts every packet libunbound
 * sent, including the DNSKEY/DS lookups validation needs. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <mxtls/mxtls.h>

#define DOMAIN "secure.mxtls.test"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static long log_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    long n = 0;
    int c;
    if (f == NULL)
        return -1;
    while ((c = fgetc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

static mxtls_ctx *lab_ctx(const char *server)
{
    mxtls_ctx *ctx = NULL;
    if (mxtls_ctx_new(&ctx) != MXTLS_OK ||
        mxtls_ctx_add_stub_zone(ctx, "mxtls.test", server) != MXTLS_OK ||
        mxtls_ctx_set_trust_anchor_file(ctx, getenv("MXTLS_LAB_TRUST_ANCHOR")) != MXTLS_OK) {
        mxtls_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

static int measure(mxtls_ctx *ctx, const char *what, const char *log)
{
    mxtls_resolve_result *res = NULL;
    long before = log ? log_lines(log) : -1;
    double t0 = now_ms();
    if (mxtls_resolve_mx(ctx, DOMAIN, &res) != MXTLS_OK || res->n_hosts != 3)
        return 1;
    double ms = now_ms() - t0;
    long upstream = log ? log_lines(log) - before : -1;
    printf("  %-22s wall %7.1f ms  stage queries %2d  upstream packets %3ld  DNSSEC %s\n",
           what, ms, (int)res->n_queries, upstream, mxtls_dnssec_name(res->dnssec));
    mxtls_resolve_result_free(res);
    return 0;
}

/* Three states of the resolver's cache: empty; holding only the zone keys
 * (after an unrelated name in the same zone); holding everything. */
static int one(const char *server, const char *log)
{
    mxtls_resolve_result *res = NULL;
    mxtls_ctx *ctx = lab_ctx(server);
    int rc = ctx == NULL || measure(ctx, "cold", log) || measure(ctx, "cached", log);
    mxtls_ctx_free(ctx);
    if (rc || (ctx = lab_ctx(server)) == NULL)
        return 1;
    rc = mxtls_resolve_host(ctx, "www.secure.mxtls.test", 443, &res) != MXTLS_OK ||
         measure(ctx, "keys cached, not data", log);
    mxtls_resolve_result_free(res);
    mxtls_ctx_free(ctx);
    return rc;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 3;
    const char *slow = getenv("MXTLS_LAB_DNS_SLOW"), *fast = getenv("MXTLS_LAB_DNS");
    if (slow == NULL || fast == NULL) {
        fprintf(stderr, "run under tests/fixtures/with_lab.py --dns\n");
        return 77;
    }
    printf("# %s on loopback, nsd direct:\n", DOMAIN);
    for (int i = 0; i < runs; i++)
        if (one(fast, NULL))
            return 1;
    printf("# through a proxy adding %s ms per query:\n",
           getenv("MXTLS_LAB_DNS_SLOW_DELAY_MS"));
    for (int i = 0; i < runs; i++)
        if (one(slow, getenv("MXTLS_LAB_DNS_SLOW_LOG")))
            return 1;
    return 0;
}
