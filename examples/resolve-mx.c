/* mxtls-resolve-mx: what a sending MTA finds in DNS for a mail domain.
 *
 *   mxtls-resolve-mx [OPTIONS] DOMAIN
 *   mxtls-resolve-mx [OPTIONS] --host HOST PORT
 *
 *   --forwarder ADDR[@PORT]    resolve through this server (default: resolv.conf)
 *   --recursive                resolve from the root
 *   --stub ZONE ADDR[@PORT]    send queries for ZONE to this server
 *   --trust-anchor FILE        DNSSEC trust anchors instead of the root key
 *   --proxy-ranges FILE        proxy ranges instead of the built-in ones
 *   --timeout MS               the resolve deadline
 *
 * Prints the MX hosts in preference order with their flags, addresses
 * (scope, proxy provider, DNSSEC) and TLSA records, then the MTA-STS and
 * TLS-RPT TXT records. Exit status: 0 when the lookups ran (whatever DNS
 * said), 2 for bad usage or input, 3 when mxtls could not run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

static const char *prog = "mxtls-resolve-mx";

static int usage(void)
{
    fprintf(stderr, "usage: %s [--forwarder ADDR[@PORT] | --recursive] [--stub ZONE SERVER]\n"
                    "       [--trust-anchor FILE] [--proxy-ranges FILE] [--timeout MS]\n"
                    "       (DOMAIN | --host HOST PORT)\n", prog);
    return 2;
}

static void print_lookup(const char *what, const mxtls_dns_lookup *lk)
{
    if (lk == NULL)
        return;
    printf("    %-5s %-9s %-8s %s\n", what, mxtls_dns_outcome_name(lk->outcome),
           mxtls_dnssec_name(lk->dnssec), lk->detail);
}

static void print_flags(uint32_t f)
{
    static const struct { uint32_t bit; const char *name; } names[] = {
        {MXTLS_MX_CNAME, "cname"}, {MXTLS_MX_IP_LITERAL, "ip-literal"},
        {MXTLS_MX_NON_LDH, "non-ldh"}, {MXTLS_MX_CDN_ORIGIN, "cdn-origin"},
        {MXTLS_MX_NO_ADDRESS, "no-address"}, {MXTLS_MX_IMPLICIT, "implicit"},
        {MXTLS_MX_LIMITED, "limited"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (f & names[i].bit)
            printf(" [%s]", names[i].name);
}

static void print_host(const mxtls_mx_host *h)
{
    if (h->preference >= 0)
        printf("  MX %d %s", (int)h->preference, h->name);
    else
        printf("  host %s", h->name);
    print_flags(h->flags);
    printf("\n");
    if (h->canonical_name)
        printf("    alias of %s\n", h->canonical_name);
    print_lookup("A", h->a);
    print_lookup("AAAA", h->aaaa);
    for (size_t i = 0; i < h->n_addresses; i++) {
        const mxtls_address *a = h->addresses[i];
        printf("      %-39s %-10s %-8s%s%s\n", a->text, mxtls_scope_name(a->scope),
               mxtls_dnssec_name(a->dnssec), a->proxy_provider ? " proxy:" : "",
               a->proxy_provider ? a->proxy_provider : "");
    }
    print_lookup("TLSA", h->tlsa_lookup);
    for (size_t i = 0; i < h->n_tlsa; i++) {
        const mxtls_tlsa *t = h->tlsa[i];
        printf("      %s %u %u %u %.64s%s\n", h->tlsa_name, t->usage, t->selector,
               t->matching_type, t->data_hex, t->data_len > 32 ? "..." : "");
    }
}

static void print_txt(const char *what, const mxtls_txt_set *txt)
{
    print_lookup(what, txt->lookup);
    for (size_t i = 0; i < txt->n_records; i++)
        printf("      \"%s\"\n", txt->records[i]);
}

static void print_result(const mxtls_resolve_result *r)
{
    printf("%s (%s): %s\n", r->query, r->a_label, r->detail);
    printf("  outcome %s, DNSSEC %s, %d queries in %lld ms%s\n",
           mxtls_dns_outcome_name(r->outcome), mxtls_dnssec_name(r->dnssec),
           (int)r->n_queries, (long long)r->elapsed_ms,
           r->limits_hit ? ", some limits hit" : "");
    if (r->mx)
        print_lookup("MX", r->mx);
    for (size_t i = 0; i < r->n_hosts; i++)
        print_host(r->hosts[i]);
    if (r->mta_sts) {
        printf("  MTA-STS: %d v=STSv1 record(s), %s, id %s\n", (int)r->mta_sts->n_sts_records,
               r->mta_sts->valid ? "valid" : "no valid policy record",
               r->mta_sts->id ? r->mta_sts->id : "-");
        print_txt("TXT", r->mta_sts->txt);
    }
    if (r->tlsrpt) {
        printf("  TLS-RPT: %s\n", r->tlsrpt->valid ? "valid" : "no valid record");
        print_txt("TXT", r->tlsrpt->txt);
        for (size_t i = 0; i < r->tlsrpt->n_rua; i++)
            printf("      rua %s\n", r->tlsrpt->rua[i]);
    }
}

/* Apply one option at argv[*i]; returns 0, 1 for unknown, -1 on error. */
static int option(mxtls_ctx *ctx, int argc, char **argv, int *i)
{
    const char *o = argv[*i];
    int have1 = *i + 1 < argc, have2 = *i + 2 < argc;
    mxtls_status s;
    if (strcmp(o, "--forwarder") == 0 && have1)
        s = mxtls_ctx_use_forwarder(ctx, argv[++*i]);
    else if (strcmp(o, "--recursive") == 0)
        s = mxtls_ctx_use_recursion(ctx);
    else if (strcmp(o, "--stub") == 0 && have2) {
        s = mxtls_ctx_add_stub_zone(ctx, argv[*i + 1], argv[*i + 2]);
        *i += 2;
    } else if (strcmp(o, "--trust-anchor") == 0 && have1)
        s = mxtls_ctx_set_trust_anchor_file(ctx, argv[++*i]);
    else if (strcmp(o, "--proxy-ranges") == 0 && have1)
        s = mxtls_ctx_set_proxy_ranges_file(ctx, argv[++*i]);
    else if (strcmp(o, "--timeout") == 0 && have1)
        s = mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE,
                                     (uint32_t)strtoul(argv[++*i], NULL, 10));
    else
        return 1;
    if (s == MXTLS_OK)
        return 0;
    fprintf(stderr, "%s: %s: %s\n", prog, o, mxtls_ctx_error_detail(ctx));
    return -1;
}

int main(int argc, char **argv)
{
    mxtls_ctx *ctx = NULL;
    mxtls_resolve_result *res = NULL;
    int i = 1, rc;
    if (mxtls_ctx_new(&ctx) != MXTLS_OK)
        return 3;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i], "--host"); i++)
        if ((rc = option(ctx, argc, argv, &i)) != 0) {
            mxtls_ctx_free(ctx);
            return rc > 0 ? usage() : 2;
        }
    mxtls_status s;
    if (i + 3 == argc && strcmp(argv[i], "--host") == 0)
        s = mxtls_resolve_host(ctx, argv[i + 1], (uint16_t)atoi(argv[i + 2]), &res);
    else if (i + 1 == argc)
        s = mxtls_resolve_mx(ctx, argv[i], &res);
    else {
        mxtls_ctx_free(ctx);
        return usage();
    }
    if (s != MXTLS_OK)
        fprintf(stderr, "%s: %s: %s\n", prog, mxtls_status_name(s), mxtls_ctx_error_detail(ctx));
    else
        print_result(res);
    mxtls_resolve_result_free(res);
    mxtls_ctx_free(ctx);
    return s == MXTLS_OK ? 0 : s == MXTLS_EINVAL ? 2 : 3;
}
