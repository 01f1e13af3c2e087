/* The resolve stage against the lab's real, DNSSEC-signed zones (served by
 * nsd on loopback, see tests/fixtures/lab/dns.py): every case of issue 3,
 * the dead server's timeout and every bad input. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

/* Deadline for the dead-server test, and how late a call may return. */
#define DEAD_TIMEOUT_MS 1500
#define MARGIN_MS 400

static mxtls_ctx *ctx;
static mxtls_resolve_result *res;

static void lab_ctx(mxtls_ctx *c, const char *server_env)
{
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(c, mxtls_test_env("MXTLS_LAB_DNS_ZONE"),
                                             mxtls_test_env(server_env)), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(c,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(c,
                         mxtls_test_env("MXTLS_LAB_PROXY_RANGES")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(c, MXTLS_STAGE_RESOLVE, 5000), MXTLS_OK);
}

static void setup(void)
{
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    lab_ctx(ctx, "MXTLS_LAB_DNS");
    res = NULL;
}

static void teardown(void)
{
    mxtls_resolve_result_free(res);
    mxtls_ctx_free(ctx);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const mxtls_resolve_result *mx(const char *domain)
{
    mxtls_resolve_result_free(res);
    res = NULL;
    ck_assert_msg(mxtls_resolve_mx(ctx, domain, &res) == MXTLS_OK, "%s: %s", domain,
                  mxtls_ctx_error_detail(ctx));
    ck_assert_ptr_nonnull(res);
    ck_assert_ptr_nonnull(res->detail);
    return res;
}

static const mxtls_mx_host *host(size_t i)
{
    ck_assert_uint_gt(res->n_hosts, i);
    return res->hosts[i];
}

/* The lab address of a HOSTS entry of dns.py, e.g. "MX_DUAL". */
static const char *lab_addr(const char *name)
{
    char var[96];
    snprintf(var, sizeof var, "MXTLS_LAB_ADDR_%s", name);
    return mxtls_test_env(var);
}

START_TEST(several_mx_in_preference_order)
{
    mx("multi.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_SECURE);
    ck_assert_int_eq(res->null_mx, 0);
    ck_assert_int_eq(res->implicit_mx, 0);
    ck_assert_uint_eq(res->n_hosts, 3);
    ck_assert_str_eq(host(0)->name, "mx1.secure.mxtls.test");
    ck_assert_int_eq(host(0)->preference, 10);
    ck_assert_str_eq(host(1)->name, "mx2.secure.mxtls.test");
    ck_assert_int_eq(host(1)->preference, 20);
    ck_assert_str_eq(host(2)->name, "mx3.secure.mxtls.test");
    ck_assert_int_eq(host(2)->preference, 30);
    ck_assert_uint_eq(host(1)->n_addresses, 1);
    ck_assert_str_eq(host(1)->addresses[0]->text, lab_addr("MX2_SECURE"));
    ck_assert_int_eq(host(1)->flags, 0);
}
END_TEST

START_TEST(null_mx)
{
    mx("nullmx.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->null_mx, 1);
    ck_assert_uint_eq(res->n_hosts, 0);
    ck_assert_ptr_nonnull(strstr(res->detail, "null MX"));
}
END_TEST

START_TEST(no_mx_uses_implicit_mx)
{
    mx("nomx.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NODATA);
    ck_assert_int_eq(res->implicit_mx, 1);
    ck_assert_uint_eq(res->n_hosts, 1);
    ck_assert_str_eq(host(0)->name, "nomx.mxtls.test");
    ck_assert_int_eq(host(0)->preference, -1);
    ck_assert(host(0)->flags & MXTLS_MX_IMPLICIT);
    ck_assert_uint_eq(host(0)->n_addresses, 2);
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("NOMX"));
    ck_assert_str_eq(host(0)->addresses[1]->text, "::1");
}
END_TEST

START_TEST(no_mx_and_no_address)
{
    mx("empty.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NODATA);
    ck_assert_int_eq(res->implicit_mx, 1);
    ck_assert(host(0)->flags & MXTLS_MX_NO_ADDRESS);
    ck_assert_int_eq(host(0)->a->outcome, MXTLS_DNS_NODATA);
}
END_TEST

START_TEST(mx_is_a_cname)
{
    mx("cname-mx.mxtls.test");
    ck_assert_str_eq(host(0)->name, "alias.mxtls.test");
    ck_assert(host(0)->flags & MXTLS_MX_CNAME);
    ck_assert_str_eq(host(0)->canonical_name, "real.mxtls.test");
    ck_assert_uint_eq(host(0)->n_addresses, 1);
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("REAL"));
}
END_TEST

START_TEST(mx_is_an_ip_literal)
{
    mx("iplit.mxtls.test");
    ck_assert_str_eq(host(0)->name, "127.0.0.42");
    ck_assert(host(0)->flags & MXTLS_MX_IP_LITERAL);
    ck_assert(host(0)->flags & MXTLS_MX_NO_ADDRESS);
    ck_assert_ptr_null(host(0)->a);      /* never looked up as a name */
    ck_assert_int_eq(res->n_queries, 4);   /* MX + 2 TXT, the anchor's DNSKEY */
}
END_TEST

START_TEST(mx_is_a_cdn_origin_rewrite)
{
    mx("cdn.mxtls.test");
    ck_assert_str_eq(host(0)->name, "_dc-mx.0a1b2c3d4e5f.cdn.mxtls.test");
    ck_assert(host(0)->flags & MXTLS_MX_CDN_ORIGIN);
    ck_assert(host(0)->flags & MXTLS_MX_NON_LDH);
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("_DC_MX_0A1B2C3D4E5F_CDN"));
    mx("cdn2.mxtls.test");
    ck_assert(host(0)->flags & MXTLS_MX_CDN_ORIGIN);
    ck_assert(!(host(0)->flags & MXTLS_MX_NON_LDH));
}
END_TEST

START_TEST(mx_points_at_nxdomain)
{
    mx("dangling.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_str_eq(host(0)->name, "gone.mxtls.test");
    ck_assert(host(0)->flags & MXTLS_MX_NO_ADDRESS);
    ck_assert_int_eq(host(0)->a->outcome, MXTLS_DNS_NXDOMAIN);
    ck_assert_int_eq(host(0)->aaaa->outcome, MXTLS_DNS_NXDOMAIN);
    ck_assert_int_eq(host(0)->a->dnssec, MXTLS_DNSSEC_SECURE);   /* proven by NSEC */
}
END_TEST

START_TEST(host_with_v4_and_v6)
{
    mx("dual.mxtls.test");
    const mxtls_mx_host *h = host(0);
    ck_assert_uint_eq(h->n_addresses, 2);
    ck_assert_int_eq(h->addresses[0]->family, 4);
    ck_assert_str_eq(h->addresses[0]->text, lab_addr("MX_DUAL"));
    ck_assert_int_eq(h->addresses[1]->family, 6);
    ck_assert_str_eq(h->addresses[1]->text, "::1");
    for (size_t i = 0; i < 2; i++) {
        ck_assert_uint_ge(h->addresses[i]->struct_size, sizeof(mxtls_address));
        ck_assert_int_eq(h->addresses[i]->scope, MXTLS_SCOPE_LOOPBACK);
        ck_assert_int_eq(h->addresses[i]->dnssec, MXTLS_DNSSEC_SECURE);
        ck_assert_ptr_null(h->addresses[i]->proxy_provider);
    }
}
END_TEST

START_TEST(address_in_a_proxy_range)
{
    mx("proxied.mxtls.test");
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("MX_PROXIED"));
    ck_assert_ptr_nonnull(host(0)->addresses[0]->proxy_provider);
    ck_assert_str_eq(host(0)->addresses[0]->proxy_provider, "labcdn");
}
END_TEST

static void check_tlsa(const mxtls_mx_host *h, int32_t dnssec)
{
    ck_assert_ptr_nonnull(h->tlsa_lookup);
    ck_assert_int_eq(h->tlsa_lookup->dnssec, dnssec);
    ck_assert_uint_eq(h->n_tlsa, 1);
    ck_assert_int_eq(h->tlsa[0]->usage, 3);
    ck_assert_int_eq(h->tlsa[0]->selector, 1);
    ck_assert_int_eq(h->tlsa[0]->matching_type, 1);
    ck_assert_uint_eq(h->tlsa[0]->data_len, 32);
    ck_assert_str_eq(h->tlsa[0]->data_hex,
                     "8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d");
    ck_assert_int_eq(h->tlsa[0]->data[0], 0x8d);
    ck_assert_int_eq(h->tlsa[0]->dnssec, dnssec);
}

START_TEST(provider_mail_hosts_are_not_proxies)
{
    /* The lab's ranges file marks both addresses "cloudflare"; only the
     * host that is not Cloudflare's own mail host is a proxy. */
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, "mx.cloudflare.net",
                                             mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    mx("cfproxied.mxtls.test");
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("MAIL_CFPROXIED"));
    ck_assert_str_eq(host(0)->addresses[0]->proxy_provider, "cloudflare");
    mx("cfmail.mxtls.test");
    ck_assert_str_eq(host(0)->name, "route1.mx.cloudflare.net");
    ck_assert_uint_eq(host(0)->n_addresses, 1);
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("ROUTE1_MX_CLOUDFLARE_NET"));
    ck_assert_ptr_null(host(0)->addresses[0]->proxy_provider);
    ck_assert_int_eq(host(0)->addresses[0]->dnssec, MXTLS_DNSSEC_INSECURE);
}
END_TEST

START_TEST(tlsa_secure)
{
    mx("secure.mxtls.test");
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_SECURE);
    ck_assert_uint_eq(res->n_hosts, 3);
    ck_assert_str_eq(host(0)->tlsa_name, "_25._tcp.mx1.secure.mxtls.test");
    for (size_t i = 0; i < 3; i++)
        check_tlsa(host(i), MXTLS_DNSSEC_SECURE);
    /* MX + 2 TXT, then A + AAAA + TLSA for each of the 3 hosts, and the
     * anchor's DNSKEY (the context's first resolve asks about the resolver). */
    ck_assert_int_eq(res->n_queries, 13);
    ck_assert_int_eq(res->mta_sts->valid, 1);
    ck_assert_str_eq(res->mta_sts->id, "20261123T0900");
}
END_TEST

START_TEST(tlsa_insecure)
{
    mx("insecure.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_INSECURE);
    check_tlsa(host(0), MXTLS_DNSSEC_INSECURE);
    ck_assert_int_eq(host(0)->addresses[0]->dnssec, MXTLS_DNSSEC_INSECURE);
}
END_TEST

START_TEST(tlsa_bogus)
{
    mx("bogus.mxtls.test");
    /* A validating resolver tells the sender SERVFAIL; the data is kept as
     * evidence, marked bogus, with unbound's reason. */
    ck_assert_int_eq(res->outcome, MXTLS_DNS_SERVFAIL);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_BOGUS);
    ck_assert_ptr_nonnull(res->mx->why_bogus);
    ck_assert_ptr_nonnull(strstr(res->mx->why_bogus, "expired"));
    ck_assert_str_eq(host(0)->name, "mx.bogus.mxtls.test");
    check_tlsa(host(0), MXTLS_DNSSEC_BOGUS);
    ck_assert_int_eq(host(0)->tlsa_lookup->outcome, MXTLS_DNS_SERVFAIL);
}
END_TEST

/* A context that asks only the lab's nsd, through mode (set by the caller),
 * with no stub zone: what a company does with --resolver or its resolv.conf. */
static mxtls_ctx *modal_ctx(void)
{
    mxtls_ctx *c = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&c), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(c,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(c, MXTLS_STAGE_RESOLVE, 3000), MXTLS_OK);
    return c;
}

/* What the configured resolver serves under test. and home.arpa. is found,
 * with DNSSEC judged as without the special zones: the lab's anchor makes
 * mxtls.test. secure (and its bogus child bogus), lab.home.arpa. has no
 * anchor and is insecure; a zone that is not special goes there too. */
static void check_special_use_zones_resolve(mxtls_ctx *c)
{
    ck_assert_int_eq(mxtls_resolve_mx(c, "secure.mxtls.test", &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_SECURE);
    ck_assert_uint_eq(res->n_hosts, 3);
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("MX1_SECURE"));
    mxtls_resolve_result_free(res);
    res = NULL;

    const char *home = mxtls_test_env("MXTLS_LAB_DNS_HOME_ZONE");
    ck_assert_int_eq(mxtls_resolve_mx(c, home, &res), MXTLS_OK);
    ck_assert_msg(res->outcome == MXTLS_DNS_NOERROR, "%s: %s", home, res->detail);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_INSECURE);
    ck_assert_uint_eq(res->n_hosts, 1);
    ck_assert_str_eq(host(0)->name, "mx.lab.home.arpa");
    ck_assert_uint_eq(host(0)->n_addresses, 1);
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("MX_LAB_HOME_ARPA"));
    ck_assert_int_eq(host(0)->addresses[0]->dnssec, MXTLS_DNSSEC_INSECURE);
    mxtls_resolve_result_free(res);
    res = NULL;

    ck_assert_int_eq(mxtls_resolve_mx(c, "bogus.mxtls.test", &res), MXTLS_OK);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_BOGUS);
    mxtls_resolve_result_free(res);
    res = NULL;

    ck_assert_int_eq(mxtls_resolve_host(c, "route1.mx.cloudflare.net", 25, &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("ROUTE1_MX_CLOUDFLARE_NET"));
}

START_TEST(forwarder_asks_its_server_for_special_use_zones)
{
    mxtls_ctx *c = modal_ctx();
    ck_assert_int_eq(mxtls_ctx_use_forwarder(c, mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    check_special_use_zones_resolve(c);
    mxtls_ctx_free(c);
}
END_TEST

/* With the root key (the default anchor), an internal home.arpa. zone is
 * insecure, not bogus: no chain of trust can reach it from the root. */
START_TEST(special_use_zones_are_insecure_under_the_root_key)
{
    mxtls_ctx *c = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&c), MXTLS_OK);
    if (access(mxtls_ctx_get_trust_anchor_file(c), R_OK) != 0) {
        mxtls_ctx_free(c);
        return;                         /* no root key on this machine */
    }
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(c, MXTLS_STAGE_RESOLVE, 3000), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(c, mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    const char *home = mxtls_test_env("MXTLS_LAB_DNS_HOME_ZONE");
    ck_assert_int_eq(mxtls_resolve_mx(c, home, &res), MXTLS_OK);
    ck_assert_msg(res->outcome == MXTLS_DNS_NOERROR, "%s: %s", home, res->detail);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_INSECURE);
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("MX_LAB_HOME_ARPA"));
    mxtls_ctx_free(c);
}
END_TEST

START_TEST(system_resolver_asks_its_servers_for_special_use_zones)
{
    /* resolv.conf names no port: nsd listens on 53. */
    char path[] = "/tmp/mxtls-resolv-XXXXXX", line[128];
    const char *dns = mxtls_test_env("MXTLS_LAB_DNS");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    int n = snprintf(line, sizeof line, "nameserver %.*s\n", (int)strcspn(dns, "@"), dns);
    ck_assert_int_eq(write(fd, line, (size_t)n), n);
    close(fd);
    mxtls_ctx *c = modal_ctx();
    ck_assert_int_eq(mxtls_ctx_use_system_resolver(c, path), MXTLS_OK);
    check_special_use_zones_resolve(c);
    mxtls_ctx_free(c);
    unlink(path);
}
END_TEST

/* The names the standards answer stay local in forwarder mode: a server
 * that never answers is not asked for localhost., invalid. or onion.
 * names (RFC 6761, RFC 7686), while a test. name waits for it. */
START_TEST(forwarder_keeps_the_fixed_special_use_names_local)
{
    mxtls_ctx *c = modal_ctx();
    ck_assert_int_eq(mxtls_ctx_use_forwarder(c, mxtls_test_env("MXTLS_LAB_DNS_DEAD")),
                     MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(c, MXTLS_STAGE_RESOLVE, 800), MXTLS_OK);
    ck_assert_int_eq(mxtls_resolve_host(c, "localhost", 25, &res), MXTLS_OK);
    ck_assert_msg(res->outcome == MXTLS_DNS_NOERROR, "localhost: %s", res->detail);
    ck_assert_uint_ge(host(0)->n_addresses, 1);
    ck_assert_str_eq(host(0)->addresses[0]->text, "127.0.0.1");
    mxtls_resolve_result_free(res);
    res = NULL;
    const char *names[] = {"mail.invalid", "mailhost.onion"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        ck_assert_int_eq(mxtls_resolve_mx(c, names[i], &res), MXTLS_OK);
        ck_assert_msg(res->outcome == MXTLS_DNS_NXDOMAIN, "%s: %s", names[i], res->detail);
        mxtls_resolve_result_free(res);
        res = NULL;
    }
    /* No time bound: the resolve stage also asks the server for the trust
     * anchor's DNSKEY (its health) and waits for that. The answers above
     * came from no server: this one never answers. */
    ck_assert_int_eq(mxtls_resolve_mx(c, "mail.example.test", &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_TIMEOUT);
    mxtls_ctx_free(c);
}
END_TEST

/* The near miss: full recursion keeps libunbound's local zones, which
 * answer NXDOMAIN for test. and home.arpa. names at once, with no query
 * (there is no root to ask here: a query would time out). */
START_TEST(recursion_keeps_the_built_in_local_zones)
{
    mxtls_ctx *c = modal_ctx();
    ck_assert_int_eq(mxtls_ctx_use_recursion(c), MXTLS_OK);
    const char *names[] = { "secure.mxtls.test", mxtls_test_env("MXTLS_LAB_DNS_HOME_ZONE"),
                            "mail.invalid" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int64_t t0 = now_ms();
        ck_assert_int_eq(mxtls_resolve_mx(c, names[i], &res), MXTLS_OK);
        ck_assert_msg(res->outcome == MXTLS_DNS_NXDOMAIN, "%s: %s", names[i], res->detail);
        ck_assert_uint_eq(res->n_hosts, 0);
        ck_assert_int_lt(now_ms() - t0, 1000);
        mxtls_resolve_result_free(res);
        res = NULL;
    }
    mxtls_ctx_free(c);
}
END_TEST

START_TEST(two_sts_records_mean_no_policy)
{
    mx("twosts.mxtls.test");
    ck_assert_ptr_nonnull(res->mta_sts);
    ck_assert_uint_eq(res->mta_sts->txt->n_records, 2);
    ck_assert_int_eq(res->mta_sts->n_sts_records, 2);
    ck_assert_int_eq(res->mta_sts->valid, 0);
    ck_assert_str_eq(res->mta_sts->version, "STSv1");
}
END_TEST

START_TEST(tls_rpt)
{
    mx("rpt.mxtls.test");
    ck_assert_int_eq(res->tlsrpt->valid, 1);
    ck_assert_int_eq(res->tlsrpt->n_tlsrpt_records, 1);
    ck_assert_str_eq(res->tlsrpt->version, "TLSRPTv1");
    ck_assert_uint_eq(res->tlsrpt->n_rua, 2);
    ck_assert_str_eq(res->tlsrpt->rua[0], "mailto:tlsrpt@mxtls.test");
    ck_assert_str_eq(res->tlsrpt->rua[1], "https://rpt.mxtls.test/v1");
    ck_assert_int_eq(res->tlsrpt->txt->lookup->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->mta_sts->valid, 1);
    ck_assert_str_eq(res->mta_sts->id, "abc123");
    /* And a domain without one: NXDOMAIN at _smtp._tls, no records. */
    mx("multi.mxtls.test");
    ck_assert_int_eq(res->tlsrpt->valid, 0);
    ck_assert_int_eq(res->tlsrpt->txt->lookup->outcome, MXTLS_DNS_NXDOMAIN);
}
END_TEST

START_TEST(idn_domain)
{
    mx("b\xc3\xbc" "cher.mxtls.test");
    ck_assert_str_eq(res->query, "b\xc3\xbc" "cher.mxtls.test");
    ck_assert_str_eq(res->a_label, "xn--bcher-kva.mxtls.test");
    ck_assert_str_eq(host(0)->name, "mx.xn--bcher-kva.mxtls.test");
    ck_assert_str_eq(host(0)->addresses[0]->text, lab_addr("MX_XN__BCHER_KVA"));
}
END_TEST

START_TEST(trailing_dot_and_case_are_normalised)
{
    mx("MULTI.MxTls.Test.");
    ck_assert_str_eq(res->query, "MULTI.MxTls.Test.");
    ck_assert_str_eq(res->a_label, "multi.mxtls.test");
    ck_assert_uint_eq(res->n_hosts, 3);
}
END_TEST

START_TEST(nxdomain)
{
    mx("nope.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NXDOMAIN);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_SECURE);
    ck_assert_int_eq(res->mx->rcode, 3);
    ck_assert_uint_eq(res->n_hosts, 0);
}
END_TEST

START_TEST(limits_are_noted)
{
    mx("manymx.mxtls.test");
    ck_assert_uint_eq(res->n_hosts, MXTLS_RESOLVE_MAX_MX_HOSTS);
    ck_assert(res->limits_hit & (1u << MXTLS_LIMIT_MX_HOSTS));
    ck_assert_int_eq(host(0)->preference, 1);
    ck_assert_int_eq(host(15)->preference, 16);
    mx("bigtxt.mxtls.test");
    ck_assert(res->limits_hit & (1u << MXTLS_LIMIT_TXT_BYTES));
    ck_assert_uint_eq(res->mta_sts->txt->n_records, 0);
    ck_assert_int_eq(res->mta_sts->txt->lookup->limited, 1);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_MX_HOSTS), MXTLS_RESOLVE_MAX_MX_HOSTS);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_ADDRESSES), MXTLS_RESOLVE_MAX_ADDRESSES);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_TLSA), MXTLS_RESOLVE_MAX_TLSA);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_TLSA_DATA), MXTLS_RESOLVE_MAX_TLSA_DATA);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_TXT_RECORDS), MXTLS_RESOLVE_MAX_TXT_RECORDS);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_TXT_BYTES), MXTLS_RESOLVE_MAX_TXT_BYTES);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_RUA), MXTLS_RESOLVE_MAX_RUA);
}
END_TEST

START_TEST(resolve_host_by_name)
{
    ck_assert_int_eq(mxtls_resolve_host(ctx, "Mail.Submit.mxtls.test", 587, &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_SECURE);
    ck_assert_int_eq(res->port, 587);
    ck_assert_ptr_null(res->mx);
    ck_assert_ptr_null(res->mta_sts);
    ck_assert_uint_eq(res->n_hosts, 1);
    ck_assert_str_eq(host(0)->name, "mail.submit.mxtls.test");
    ck_assert_int_eq(host(0)->preference, -1);
    ck_assert_uint_eq(host(0)->n_addresses, 2);
    ck_assert_str_eq(host(0)->tlsa_name, "_587._tcp.mail.submit.mxtls.test");
    check_tlsa(host(0), MXTLS_DNSSEC_SECURE);
    ck_assert_int_eq(res->n_queries, 4);   /* A, AAAA, TLSA, the anchor's DNSKEY */
}
END_TEST

/* The resolver is asked about itself beside a context's first resolve and
 * never again while its options stay: the lab's nsd carries DNSSEC. */
START_TEST(resolver_health_is_learnt_once_per_context)
{
    mx("secure.mxtls.test");
    ck_assert_int_eq(res->resolver_health, MXTLS_RESOLVER_HEALTH_DNSSEC);
    ck_assert_ptr_nonnull(strstr(res->resolver_detail, "mxtls.test. DNSKEY: validated"));
    ck_assert_int_eq(res->n_queries, 13);
    mx("secure.mxtls.test");
    ck_assert_int_eq(res->resolver_health, MXTLS_RESOLVER_HEALTH_DNSSEC);
    ck_assert_int_eq(res->n_queries, 12);
    /* A bogus zone behind a resolver that carries DNSSEC is bogus. */
    mx("bogus.mxtls.test");
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_BOGUS);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_SERVFAIL);
}
END_TEST

static int any_bogus(const mxtls_resolve_result *r)
{
    int bogus = r->mx->dnssec == MXTLS_DNSSEC_BOGUS;
    for (size_t i = 0; i < r->n_hosts; i++) {
        const mxtls_mx_host *h = r->hosts[i];
        bogus |= (h->a && h->a->dnssec == MXTLS_DNSSEC_BOGUS) ||
                 (h->aaaa && h->aaaa->dnssec == MXTLS_DNSSEC_BOGUS) ||
                 (h->tlsa_lookup && h->tlsa_lookup->dnssec == MXTLS_DNSSEC_BOGUS);
        for (size_t k = 0; k < h->n_addresses; k++)
            bogus |= h->addresses[k]->dnssec == MXTLS_DNSSEC_BOGUS;
    }
    return bogus;
}

/* Through a resolver that strips DNSSEC (issue 15) nothing is bogus: every
 * state is indeterminate, the data is used as unsigned, and what DNS said
 * (NOERROR, NODATA, NXDOMAIN) is kept. The same holds for a zone that is
 * really bogus: this resolver cannot tell. */
START_TEST(a_resolver_that_strips_dnssec_makes_nothing_bogus)
{
    mxtls_ctx_free(ctx);
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    lab_ctx(ctx, "MXTLS_LAB_DNS_NODNSSEC");
    /* Tests only ever reach loopback: the lab's stand-in root. */
    ck_assert_int_eq(mxtls_ctx_set_root_hints_file(ctx, mxtls_test_env("MXTLS_LAB_ROOT_HINTS")),
                     MXTLS_OK);
    static const char *const domains[] = {"secure.mxtls.test", "bogus.mxtls.test"};
    for (size_t i = 0; i < 2; i++) {
        mx(domains[i]);
        ck_assert_int_eq(res->resolver_health, MXTLS_RESOLVER_HEALTH_NO_DNSSEC);
        ck_assert_ptr_nonnull(strstr(res->resolver_detail, "no DNSKEY rrset"));
        ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
        ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_INDETERMINATE);
        ck_assert_uint_gt(host(0)->n_addresses, 0);
        ck_assert_int_eq(host(0)->addresses[0]->dnssec, MXTLS_DNSSEC_INDETERMINATE);
        ck_assert_msg(!any_bogus(res), "%s: a bogus state", domains[i]);
        ck_assert_str_eq(mxtls_dnssec_name(res->dnssec), "indeterminate");
    }
    mx("nomx.mxtls.test");
    ck_assert_int_eq(res->mx->outcome, MXTLS_DNS_NODATA);
    ck_assert_int_eq(res->implicit_mx, 1);
    ck_assert_uint_gt(host(0)->n_addresses, 0);
    mx("nope.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NXDOMAIN);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_INDETERMINATE);
    ck_assert_int_eq(res->recursion, MXTLS_RECURSION_POSSIBLE);
    ck_assert_int_eq(res->resolver_validates, 0);   /* nsd sets no AD bit */
    ck_assert_ptr_nonnull(strstr(res->resolver_detail, "it does not validate (no AD bit)"));
}
END_TEST

/* Would --recursive help? Asked of a root server only when the resolver is
 * no good for DNSSEC: one that answers (the lab's stand-in), one that does
 * not (the dead server), and never for a resolver that carries DNSSEC. */
START_TEST(whether_the_root_answers_from_here)
{
    static const struct {
        const char *server, *hints;
        int32_t recursion;
        const char *says;
    } cases[] = {
        {"MXTLS_LAB_DNS_NODNSSEC", "MXTLS_LAB_ROOT_HINTS", MXTLS_RECURSION_POSSIBLE,
         "answers from here, so --recursive works"},
        {"MXTLS_LAB_DNS_NODNSSEC", "MXTLS_LAB_ROOT_HINTS_BLOCKED", MXTLS_RECURSION_BLOCKED,
         "no root server answered from here"},
        {"MXTLS_LAB_DNS", "MXTLS_LAB_ROOT_HINTS", MXTLS_RECURSION_UNKNOWN, "validated"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mxtls_ctx_free(ctx);
        ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
        lab_ctx(ctx, cases[i].server);
        ck_assert_int_eq(mxtls_ctx_set_root_hints_file(ctx, mxtls_test_env(cases[i].hints)),
                         MXTLS_OK);
        ck_assert_str_eq(mxtls_ctx_get_root_hints_file(ctx), mxtls_test_env(cases[i].hints));
        mx("secure.mxtls.test");
        ck_assert_int_eq(res->recursion, cases[i].recursion);
        ck_assert_msg(strstr(res->resolver_detail, cases[i].says) != NULL, "%zu: %s", i,
                      res->resolver_detail);
        if (cases[i].recursion == MXTLS_RECURSION_UNKNOWN)
            ck_assert_int_eq(res->resolver_validates, -1);
    }
    ck_assert_int_eq(mxtls_ctx_set_root_hints_file(ctx, "/nonexistent/root.hints"),
                     MXTLS_ENOENT);
    ck_assert_int_eq(mxtls_ctx_set_root_hints_file(ctx, NULL), MXTLS_OK);
    ck_assert_ptr_null(mxtls_ctx_get_root_hints_file(ctx));
}
END_TEST

START_TEST(resolve_host_nxdomain_and_literal)
{
    ck_assert_int_eq(mxtls_resolve_host(ctx, "nope.mxtls.test", 25, &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NXDOMAIN);
    ck_assert(host(0)->flags & MXTLS_MX_NO_ADDRESS);
    mxtls_resolve_result_free(res);
    res = NULL;
    ck_assert_int_eq(mxtls_resolve_host(ctx, "[192.0.2.1]", 465, &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->n_queries, 0);
    ck_assert(host(0)->flags & MXTLS_MX_IP_LITERAL);
    ck_assert_uint_eq(host(0)->n_addresses, 1);
    ck_assert_int_eq(host(0)->addresses[0]->scope, MXTLS_SCOPE_RESERVED);
    ck_assert_int_eq(host(0)->addresses[0]->dnssec, MXTLS_DNSSEC_NONE);
}
END_TEST

START_TEST(ipv6_server)
{
    mxtls_ctx *c6 = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&c6), MXTLS_OK);
    lab_ctx(c6, "MXTLS_LAB_DNS6");
    ck_assert_int_eq(mxtls_resolve_mx(c6, "secure.mxtls.test", &res), MXTLS_OK);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_SECURE);
    ck_assert_uint_eq(res->n_hosts, 3);
    mxtls_ctx_free(c6);
}
END_TEST

START_TEST(dead_server_times_out_within_the_deadline)
{
    mxtls_ctx *dead = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&dead), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(dead, mxtls_test_env("MXTLS_LAB_DNS_DEAD")),
                     MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(dead, MXTLS_STAGE_RESOLVE, DEAD_TIMEOUT_MS),
                     MXTLS_OK);
    int64_t t0 = now_ms();
    ck_assert_int_eq(mxtls_resolve_mx(dead, "secure.example.org", &res), MXTLS_OK);
    int64_t elapsed = now_ms() - t0;
    ck_assert_int_eq(res->outcome, MXTLS_DNS_TIMEOUT);
    ck_assert_int_eq(res->mx->outcome, MXTLS_DNS_TIMEOUT);
    ck_assert_int_eq(res->mx->dnssec, MXTLS_DNSSEC_NONE);
    ck_assert_int_eq(res->mta_sts->txt->lookup->outcome, MXTLS_DNS_TIMEOUT);
    ck_assert_msg(elapsed >= DEAD_TIMEOUT_MS - 50, "returned early: %lld ms", (long long)elapsed);
    ck_assert_msg(elapsed < DEAD_TIMEOUT_MS + mxtls_test_slack_ms(MARGIN_MS), "took %lld ms",
                  (long long)elapsed);
    ck_assert_int_le(res->elapsed_ms, elapsed);
    mxtls_ctx_free(dead);
}
END_TEST

START_TEST(late_answers_after_the_deadline_are_dropped)
{
    /* A 1 ms deadline cancels queries whose answers are already on their
     * way; libunbound must drop them (no callback into freed state), and
     * the ctx must keep working. Run under ASan/valgrind to mean anything. */
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE, 1), MXTLS_OK);
    for (int i = 0; i < 20; i++) {
        char name[64];
        snprintf(name, sizeof name, "n%d.secure.mxtls.test", i);
        mx(name);
        ck_assert(res->outcome == MXTLS_DNS_TIMEOUT || res->outcome == MXTLS_DNS_NXDOMAIN);
    }
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE, 5000), MXTLS_OK);
    mx("secure.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_uint_eq(res->n_hosts, 3);
}
END_TEST

START_TEST(unusable_trust_anchor_is_a_resolver_error)
{
    char path[] = "/tmp/mxtls-anchor-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "not a key\n", 10), 10);
    close(fd);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx, path), MXTLS_OK);
    res = (mxtls_resolve_result *)1;
    ck_assert_int_eq(mxtls_resolve_mx(ctx, "secure.mxtls.test", &res), MXTLS_ERESOLVER);
    ck_assert_ptr_null(res);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), path));
    unlink(path);
}
END_TEST

START_TEST(changed_options_rebuild_the_resolver)
{
    mxtls_ctx *c = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&c), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(c, mxtls_test_env("MXTLS_LAB_DNS_DEAD")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(c, MXTLS_STAGE_RESOLVE, 300), MXTLS_OK);
    /* The forwarder is asked even for a test. name, and never answers. */
    ck_assert_int_eq(mxtls_resolve_mx(c, "secure.mxtls.test", &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_TIMEOUT);
    mxtls_resolve_result_free(res);
    res = NULL;
    lab_ctx(c, "MXTLS_LAB_DNS");
    ck_assert_int_eq(mxtls_resolve_mx(c, "secure.mxtls.test", &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->dnssec, MXTLS_DNSSEC_SECURE);
    mxtls_ctx_free(c);
}
END_TEST

/* Every bad input: EINVAL at once, a reason, no result, no query. The ctx
 * points at the dead server, so a query would cost the whole deadline. */
static const char *const bad_domains[] = {
    "",
    "a..b.example",
    ".example.com",
    "example.com..",
    ".",
    "exa mple.com",
    "exa$mple.com",
    "mail@example.com",
    "example.com/x",
    "192.0.2.1",
    "192.0.2.1.",
    "[192.0.2.1]",
    "2001:db8::1",
    "[IPv6:2001:db8::1]",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example",  /* 64 */
    "\xff\xfe.example",
};

START_TEST(bad_input_is_refused_without_a_query)
{
    const char *name = bad_domains[_i];
    mxtls_ctx *dead = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&dead), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(dead, mxtls_test_env("MXTLS_LAB_DNS_DEAD")),
                     MXTLS_OK);
    res = (mxtls_resolve_result *)1;    /* must be reset to NULL */
    int64_t t0 = now_ms();
    ck_assert_int_eq(mxtls_resolve_mx(dead, name, &res), MXTLS_EINVAL);
    ck_assert_int_lt(now_ms() - t0, 100);
    ck_assert_ptr_null(res);
    ck_assert_msg(strlen(mxtls_ctx_error_detail(dead)) > 10, "no reason for \"%s\"", name);
    mxtls_ctx_free(dead);
}
END_TEST

START_TEST(overlong_names_are_refused)
{
    char name[400] = "";
    /* 48 labels "abcd." (240) + "abc." + "mxtls.test" = 254 octets. */
    for (int i = 0; i < 48; i++)
        strcat(name, "abcd.");
    strcat(name, "abc.mxtls.test");
    ck_assert_uint_eq(strlen(name), 254);
    ck_assert_int_eq(mxtls_resolve_mx(ctx, name, &res), MXTLS_EINVAL);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), "253"));
    /* One octet less is a valid name: it is looked up, and does not exist. */
    memmove(name + 240, name + 241, strlen(name + 241) + 1);
    ck_assert_uint_eq(strlen(name), 253);
    ck_assert_int_eq(mxtls_resolve_mx(ctx, name, &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NXDOMAIN);
}
END_TEST

START_TEST(null_arguments)
{
    ck_assert_int_eq(mxtls_resolve_mx(NULL, "example.com", &res), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_resolve_mx(ctx, NULL, &res), MXTLS_EINVAL);
    ck_assert_ptr_null(res);
    ck_assert_int_eq(mxtls_resolve_mx(ctx, "example.com", NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_resolve_host(ctx, "mail.example.com", 0, &res), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_resolve_host(ctx, NULL, 25, &res), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_resolve_host(ctx, "a..b", 25, &res), MXTLS_EINVAL);
    mxtls_resolve_result_free(NULL);
}
END_TEST

START_TEST(names_and_sizes)
{
    ck_assert_str_eq(mxtls_dns_outcome_name(MXTLS_DNS_NXDOMAIN), "NXDOMAIN");
    ck_assert_str_eq(mxtls_dns_outcome_name(MXTLS_DNS_TIMEOUT), "TIMEOUT");
    ck_assert_str_eq(mxtls_dns_outcome_name(99), "UNKNOWN");
    ck_assert_uint_eq(mxtls_resolve_struct_size(0), sizeof(mxtls_resolve_result));
    ck_assert_uint_eq(mxtls_resolve_struct_size(1), sizeof(mxtls_mx_host));
    ck_assert_uint_eq(mxtls_resolve_struct_size(2), sizeof(mxtls_tlsa));
    ck_assert_uint_eq(mxtls_resolve_struct_size(3), sizeof(mxtls_dns_lookup));
    ck_assert_uint_eq(mxtls_resolve_struct_size(7), 0);
    mx("secure.mxtls.test");
    ck_assert_uint_eq(res->struct_size, sizeof(mxtls_resolve_result));
    ck_assert_uint_eq(host(0)->struct_size, sizeof(mxtls_mx_host));
    ck_assert_uint_eq(host(0)->tlsa[0]->struct_size, sizeof(mxtls_tlsa));
    ck_assert_uint_eq(res->mx->struct_size, sizeof(mxtls_dns_lookup));
    ck_assert_uint_eq(res->mta_sts->struct_size, sizeof(mxtls_mta_sts_txt));
    ck_assert_uint_eq(res->mta_sts->txt->struct_size, sizeof(mxtls_txt_set));
    ck_assert_uint_eq(res->tlsrpt->struct_size, sizeof(mxtls_tlsrpt_txt));
}
END_TEST

static Suite *resolve_suite(void)
{
    Suite *s = suite_create("resolve");
    TCase *tc = tcase_create("lab");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, several_mx_in_preference_order);
    tcase_add_test(tc, null_mx);
    tcase_add_test(tc, no_mx_uses_implicit_mx);
    tcase_add_test(tc, no_mx_and_no_address);
    tcase_add_test(tc, mx_is_a_cname);
    tcase_add_test(tc, mx_is_an_ip_literal);
    tcase_add_test(tc, mx_is_a_cdn_origin_rewrite);
    tcase_add_test(tc, mx_points_at_nxdomain);
    tcase_add_test(tc, host_with_v4_and_v6);
    tcase_add_test(tc, address_in_a_proxy_range);
    tcase_add_test(tc, provider_mail_hosts_are_not_proxies);
    tcase_add_test(tc, tlsa_secure);
    tcase_add_test(tc, tlsa_insecure);
    tcase_add_test(tc, tlsa_bogus);
    tcase_add_test(tc, two_sts_records_mean_no_policy);
    tcase_add_test(tc, tls_rpt);
    tcase_add_test(tc, idn_domain);
    tcase_add_test(tc, trailing_dot_and_case_are_normalised);
    tcase_add_test(tc, nxdomain);
    tcase_add_test(tc, limits_are_noted);
    tcase_add_test(tc, resolve_host_by_name);
    tcase_add_test(tc, resolve_host_nxdomain_and_literal);
    tcase_add_test(tc, ipv6_server);
    tcase_add_test(tc, dead_server_times_out_within_the_deadline);
    tcase_add_test(tc, late_answers_after_the_deadline_are_dropped);
    tcase_add_test(tc, changed_options_rebuild_the_resolver);
    tcase_add_test(tc, unusable_trust_anchor_is_a_resolver_error);
    tcase_add_loop_test(tc, bad_input_is_refused_without_a_query, 0,
                        (int)(sizeof bad_domains / sizeof bad_domains[0]));
    tcase_add_test(tc, overlong_names_are_refused);
    tcase_add_test(tc, null_arguments);
    tcase_add_test(tc, names_and_sizes);
    tcase_add_test(tc, resolver_health_is_learnt_once_per_context);
    tcase_add_test(tc, a_resolver_that_strips_dnssec_makes_nothing_bogus);
    tcase_add_test(tc, whether_the_root_answers_from_here);
    tcase_add_test(tc, forwarder_asks_its_server_for_special_use_zones);
    tcase_add_test(tc, system_resolver_asks_its_servers_for_special_use_zones);
    tcase_add_test(tc, special_use_zones_are_insecure_under_the_root_key);
    tcase_add_test(tc, recursion_keeps_the_built_in_local_zones);
    tcase_add_test(tc, forwarder_keeps_the_fixed_special_use_names_local);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(resolve_suite());
}
