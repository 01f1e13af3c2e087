/* mxtls-classify-address: how mxtls sees an IP address before connecting.
 *
 *   mxtls-classify-address [--public-only] [--proxy-ranges FILE] ADDRESS...
 *
 * For each address: its scope, whether it lies in a known HTTP-only proxy
 * range (a Cloudflare-proxied mail host cannot receive SMTP), and whether the
 * address policy would let mxtls connect. No network I/O. Exit status: 0,
 * 2 for bad usage or an argument that is not an address. */
#include <stdio.h>
#include <string.h>

#include <mxtls/mxtls.h>

static int usage(void)
{
    fprintf(stderr, "usage: mxtls-classify-address [--public-only] [--proxy-ranges FILE] "
                    "ADDRESS...\n");
    return 2;
}

static int classify(const mxtls_ctx *ctx, const char *text)
{
    mxtls_address *a = NULL;
    if (mxtls_address_parse(ctx, text, &a) != MXTLS_OK) {
        fprintf(stderr, "mxtls-classify-address: \"%s\" is not an IPv4 or IPv6 address\n",
                text);
        return 2;
    }
    printf("%-28s IPv%d  %-10s  %-10s  %s\n", a->text, (int)a->family, mxtls_scope_name(a->scope),
           a->proxy_provider ? a->proxy_provider : "-",
           a->policy_allowed ? "allowed" : "refused by policy");
    if (a->proxy_provider)
        printf("%-28s ^ an HTTP-only %s proxy address: SMTP to it times out or gets an "
               "HTTP answer\n", "", a->proxy_provider);
    mxtls_address_free(a);
    return 0;
}

int main(int argc, char **argv)
{
    mxtls_ctx *ctx = NULL;
    int i = 1, status = 0;
    if (mxtls_ctx_new(&ctx) != MXTLS_OK)
        return 3;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--public-only") == 0) {
            mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY);
        } else if (strcmp(argv[i], "--proxy-ranges") == 0 && i + 1 < argc) {
            if (mxtls_ctx_set_proxy_ranges_file(ctx, argv[++i]) != MXTLS_OK) {
                fprintf(stderr, "mxtls-classify-address: %s\n", mxtls_ctx_error_detail(ctx));
                mxtls_ctx_free(ctx);
                return 2;
            }
        } else {
            mxtls_ctx_free(ctx);
            return usage();
        }
    }
    if (i == argc) {
        mxtls_ctx_free(ctx);
        return usage();
    }
    printf("%-28s %-5s %-10s  %-10s  %s\n", "ADDRESS", "", "SCOPE", "PROXY", "POLICY");
    for (; i < argc; i++)
        status |= classify(ctx, argv[i]);
    mxtls_ctx_free(ctx);
    return status;
}
