/* DNS abuse: what a hostile or broken zone answers, served for real by the
 * lab's nsd (tests/fixtures/lab/dns.py, _ABUSE_RECORDS), must come out of the
 * resolve stage and of mxtls_check() as a bounded, classified result within
 * the deadline: thousands of MX records, a huge TLSA RRset with an oversized
 * record, a long CNAME chain, a CNAME loop, an MX that points at itself
 * through an alias, huge TXT records, and a resolver that never answers. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

#define RESOLVE_MS 5000
#define DEAD_MS 1500
#define MARGIN_MS 1000
#define ABUSE_MX_COUNT 1000 /* dns.py ABUSE_MX_COUNT */
#define ABUSE_TLSA_COUNT 201 /* dns.py ABUSE_TLSA_COUNT, and one oversized record */

static mxtls_ctx *ctx;
static mxtls_resolve_result *res;
static mxtls_report *report;

static void setup(void)
{
    char ca[1024];
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, mxtls_test_env("MXTLS_LAB_DNS_ZONE"),
                                             mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    snprintf(ca, sizeof ca, "%s/root.pem", mxtls_test_env("MXTLS_LAB_CERTS"));
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, ca), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, 3000), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE, RESOLVE_MS), MXTLS_OK);
    res = NULL;
    report = NULL;
}

static void teardown(void)
{
    mxtls_resolve_result_free(res);
    mxtls_report_free(report);
    mxtls_ctx_free(ctx);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Resolve domain, asserting the call itself ran within the deadline. */
static const mxtls_resolve_result *resolve(const char *domain)
{
    mxtls_resolve_result_free(res);
    res = NULL;
    int64_t t0 = now_ms();
    ck_assert_msg(mxtls_resolve_mx(ctx, domain, &res) == MXTLS_OK, "%s: %s", domain,
                  mxtls_ctx_error_detail(ctx));
    int64_t took = now_ms() - t0;
    ck_assert_msg(took < RESOLVE_MS + mxtls_test_slack_ms(MARGIN_MS), "%s took %lld ms", domain,
                  (long long)took);
    return res;
}

/* mxtls_check() on domain; the report must hold finding id. */
static const mxtls_report *check_has(const char *domain, const char *id)
{
    mxtls_report_free(report);
    report = NULL;
    ck_assert_msg(mxtls_check(ctx, domain, MXTLS_PROFILE_MX, &report) == MXTLS_OK, "%s: %s",
                  domain, mxtls_ctx_error_detail(ctx));
    for (size_t i = 0; i < report->n_findings; i++)
        if (strcmp(report->findings[i]->id, id) == 0)
            return report;
    ck_abort_msg("%s: no %s finding (%s)", domain, id, report->summary);
    return NULL;
}

START_TEST(thousands_of_mx_records_are_cut_to_the_limit)
{
    resolve("thousandmx.mxtls.test");
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    ck_assert_int_eq(res->mx->n_records, ABUSE_MX_COUNT);
    ck_assert_int_eq(res->mx->limited, 1);
    ck_assert_uint_eq(res->n_hosts, mxtls_limit(MXTLS_LIMIT_MX_HOSTS));
    ck_assert(res->limits_hit & (1u << MXTLS_LIMIT_MX_HOSTS));
    /* The best preferences are the ones kept. */
    ck_assert_int_eq(res->hosts[0]->preference, 1);
    ck_assert_int_eq(res->hosts[res->n_hosts - 1]->preference, (int)res->n_hosts);
    /* None of them has an address: one finding per kept host, no probe. */
    check_has("thousandmx.mxtls.test", "dns.mx-no-address");
    ck_assert_uint_eq(report->n_probes, 0);
    ck_assert_int_eq(report->verdict, MXTLS_VERDICT_ERROR);
}
END_TEST

START_TEST(a_huge_tlsa_rrset_is_cut_to_the_limit)
{
    resolve("manytlsa.mxtls.test");
    ck_assert_uint_eq(res->n_hosts, 1);
    const mxtls_mx_host *h = res->hosts[0];
    ck_assert_int_eq(h->tlsa_lookup->n_records, ABUSE_TLSA_COUNT);
    ck_assert_int_eq(h->tlsa_lookup->limited, 1);
    ck_assert_uint_eq(h->n_tlsa, mxtls_limit(MXTLS_LIMIT_TLSA));
    ck_assert(h->flags & MXTLS_MX_LIMITED);
    for (size_t i = 0; i < h->n_tlsa; i++)
        ck_assert_uint_le(h->tlsa[i]->data_len, mxtls_limit(MXTLS_LIMIT_TLSA_DATA));
    /* The server's key is in none of the records kept. */
    check_has("manytlsa.mxtls.test", "dane.mismatch");
}
END_TEST

START_TEST(a_long_cname_chain_is_followed)
{
    resolve("cnamechain.mxtls.test");
    ck_assert_uint_eq(res->n_hosts, 1);
    ck_assert(res->hosts[0]->flags & MXTLS_MX_CNAME);
    ck_assert_str_eq(res->hosts[0]->canonical_name, "real.mxtls.test");
    ck_assert_uint_ge(res->hosts[0]->n_addresses, 1);
    check_has("cnamechain.mxtls.test", "dns.mx-cname");
}
END_TEST

START_TEST(a_cname_loop_ends_without_an_address)
{
    resolve("cnameloop.mxtls.test");
    ck_assert_uint_eq(res->n_hosts, 1);
    const mxtls_mx_host *h = res->hosts[0];
    ck_assert_uint_eq(h->n_addresses, 0);
    ck_assert(h->flags & MXTLS_MX_NO_ADDRESS);
    ck_assert_int_eq(h->a->outcome, MXTLS_DNS_SERVFAIL);
    /* The resolver gave up on the loop: a DNS failure, not "no address". */
    check_has("cnameloop.mxtls.test", "dns.servfail");
    ck_assert_uint_eq(report->n_probes, 0);
}
END_TEST

START_TEST(an_mx_pointing_at_itself_through_an_alias)
{
    resolve("selfmx.mxtls.test");
    ck_assert_uint_eq(res->n_hosts, 1);
    const mxtls_mx_host *h = res->hosts[0];
    ck_assert(h->flags & MXTLS_MX_CNAME);
    ck_assert_uint_eq(h->n_addresses, 0);
    check_has("selfmx.mxtls.test", "dns.mx-cname");
    check_has("selfmx.mxtls.test", "dns.mx-no-address");
    ck_assert_uint_eq(report->n_probes, 0);
}
END_TEST

START_TEST(huge_txt_records_are_cut_to_the_limit)
{
    resolve("bigtxt.mxtls.test");
    ck_assert(res->limits_hit & (1u << MXTLS_LIMIT_TXT_BYTES));
    ck_assert_int_eq(res->mta_sts->txt->lookup->limited, 1);
    mxtls_report_free(report);
    report = NULL;
    ck_assert_int_eq(mxtls_check(ctx, "bigtxt.mxtls.test", MXTLS_PROFILE_MX, &report),
                     MXTLS_OK);
}
END_TEST

START_TEST(a_resolver_that_never_answers)
{
    mxtls_ctx *dead = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&dead), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(dead, mxtls_test_env("MXTLS_LAB_DNS_DEAD")),
                     MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(dead, MXTLS_STAGE_RESOLVE, DEAD_MS), MXTLS_OK);
    int64_t t0 = now_ms();
    ck_assert_int_eq(mxtls_check(dead, "mail.example.org", MXTLS_PROFILE_MX, &report),
                     MXTLS_OK);
    int64_t took = now_ms() - t0;
    ck_assert_msg(took < DEAD_MS + mxtls_test_slack_ms(MARGIN_MS), "took %lld ms",
                  (long long)took);
    /* The checker's resolver is at fault, not the domain (issue 15): one
     * finding about the environment, none about the domain (its timeout is
     * the resolver's, in the details), and no verdict against the domain. */
    ck_assert_uint_eq(report->n_findings, 1);
    ck_assert_str_eq(report->findings[0]->id, "env.resolver-down");
    ck_assert_int_eq(report->findings[0]->about, MXTLS_ABOUT_ENVIRONMENT);
    ck_assert_int_eq(report->resolve->outcome, MXTLS_DNS_TIMEOUT);
    ck_assert_int_eq(report->verdict, MXTLS_VERDICT_OK);
    ck_assert_int_eq(report->environment_verdict, MXTLS_VERDICT_ERROR);
    ck_assert_int_eq(report->resolve->resolver_health, MXTLS_RESOLVER_HEALTH_SILENT);
    ck_assert_uint_eq(report->n_probes, 0);
    mxtls_ctx_free(dead);
}
END_TEST

static Suite *abuse_suite(void)
{
    Suite *s = suite_create("dns-abuse");
    TCase *tc = tcase_create("abuse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, thousands_of_mx_records_are_cut_to_the_limit);
    tcase_add_test(tc, a_huge_tlsa_rrset_is_cut_to_the_limit);
    tcase_add_test(tc, a_long_cname_chain_is_followed);
    tcase_add_test(tc, a_cname_loop_ends_without_an_address);
    tcase_add_test(tc, an_mx_pointing_at_itself_through_an_alias);
    tcase_add_test(tc, huge_txt_records_are_cut_to_the_limit);
    tcase_add_test(tc, a_resolver_that_never_answers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(abuse_suite());
}
