/* mxtls_check_with() and the report renderings with allocations failing,
 * against the lab's signed zones, Postfix and fault servers: every failed
 * mxtls allocation makes the whole check return MXTLS_ENOMEM with *out
 * NULL, leaves no mxtls block allocated (alloc.c's count; ASan and valgrind
 * check the rest), and never crashes.
 *
 * There is no best-effort allocation in a check: a failure anywhere, also in
 * a follow-up probe, the MTA-STS lookup or a rendering, is MXTLS_ENOMEM, so
 * that a caller never mistakes a report that is missing something for what
 * the servers did.
 *
 * A check makes hundreds to thousands of allocations and opens connections
 * each run: failing every allocation in turn took 106 s for these three
 * targets (1579 runs; 90 s of it secure.mxtls.test), too slow for every
 * test run and far too slow under valgrind. The loops fail each distinct
 * pair (call site, call site of the allocation before it) once instead
 * (faultinject.h, mxtls_test_each_site_failing), c-ares's per-site approach
 * made a little finer: ~300 runs, a few seconds. MXTLS_TEST_EXHAUSTIVE=1
 * fails every allocation in turn.
 * Linked from the internal build; run under with_lab.py --certs --dns
 * --smtp --https. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mxtls/mxtls.h>

#include "../src/core/alloc.h"
#include "faultinject.h"
#include "testlib.h"

static mxtls_ctx *g_ctx;
static const char *g_target;
static int32_t g_profile;
static int32_t g_port;          /* 0: the profile's ports */
static int32_t g_implicit;      /* -1: not set */

static void setup(void)
{
    char path[1024];
    ck_assert_int_eq(mxtls_ctx_new(&g_ctx), MXTLS_OK);
    snprintf(path, sizeof path, "%s/root.pem", mxtls_test_env("MXTLS_LAB_CERTS"));
    ck_assert_int_eq(mxtls_ctx_set_ca_file(g_ctx, path), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(g_ctx, mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(g_ctx, mxtls_test_env("MXTLS_LAB_DNS_ZONE"),
                                             mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(g_ctx,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(g_ctx,
                         mxtls_test_env("MXTLS_LAB_PROXY_RANGES")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_helo_name(g_ctx, "probe.mxtls.test"), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(g_ctx, MXTLS_STAGE_ALL, 10000), MXTLS_OK);
    g_port = 0;
    g_implicit = -1;
}

static void teardown(void)
{
    mxtls_ctx_free(g_ctx);
    g_ctx = NULL;
}

static int render(const mxtls_report *r)
{
    static const uint32_t flags[] = {0, MXTLS_RENDER_TRANSCRIPT,
                                     MXTLS_RENDER_TRANSCRIPT | MXTLS_RENDER_PRETTY};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        for (int json = 0; json <= 1; json++) {
            mxtls_buffer *b = (mxtls_buffer *)&b;   /* must come back NULL on failure */
            int st = json ? mxtls_report_json(r, flags[i], &b) : mxtls_report_text(r, flags[i], &b);
            if (st != MXTLS_OK) {
                ck_assert_ptr_null(b);
                return st;
            }
            ck_assert_uint_gt(b->length, 0);
            mxtls_buffer_free(b);
        }
    }
    return MXTLS_OK;
}

/* Options (when any are set), the check, then every rendering of it. */
static int check_op(void)
{
    mxtls_check_options *o = NULL;
    int st = MXTLS_OK;
    if (g_port || g_implicit >= 0) {
        if ((st = mxtls_check_options_new(&o)) != MXTLS_OK)
            return st;
        if (g_port)
            ck_assert_int_eq(mxtls_check_options_set_port(o, g_port), MXTLS_OK);
        if (g_implicit >= 0)
            ck_assert_int_eq(mxtls_check_options_set_implicit_tls(o, g_implicit), MXTLS_OK);
    }
    mxtls_report *r = (mxtls_report *)&r;
    st = mxtls_check_with(g_ctx, g_target, g_profile, o, &r);
    mxtls_check_options_free(o);
    if (st != MXTLS_OK) {
        ck_assert_msg(r == NULL, "%s with *out not NULL", mxtls_status_name(st));
        return st;
    }
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_gt(r->n_findings, 0);   /* a real report, not an empty one */
    st = render(r);
    mxtls_report_free(r);
    return st;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Fail each call site the check of target reaches; print what it did. */
static void each_site(const char *what, int min_runs)
{
    /* The first check fills the ctx's trust-list cache (trust.c), which
     * lives as long as the ctx: warm it, so each run starts alike. */
    ck_assert_int_eq(check_op(), MXTLS_OK);
    double t0 = now_s();
    long allocations = 0;
    const char *exhaustive = getenv("MXTLS_TEST_EXHAUSTIVE");
    int runs;
    if (exhaustive && strcmp(exhaustive, "1") == 0)
        allocations = runs = mxtls_test_each_allocation_failing(check_op, 100000);
    else
        runs = mxtls_test_each_site_failing(check_op, &allocations);
    printf("# %s: %ld allocations in a clean run, %d failed in turn (one per call site and predecessor), "
           "%.1f s\n", what, allocations, runs, now_s() - t0);
    ck_assert_int_ge(runs, min_runs);
}

START_TEST(secure_domain)
{
    /* Three MX hosts, DNSSEC-signed, DANE TLSA, an MTA-STS TXT record whose
     * policy host has no address (the fetch fails: another path). */
    g_target = "secure.mxtls.test";
    g_profile = MXTLS_PROFILE_MX;
    each_site("secure.mxtls.test", 100);
}
END_TEST

START_TEST(cdn_domain_with_follow_ups)
{
    /* Alert 47 to the non-LDH SNI: the no-SNI and LDH-SNI follow-up probes,
     * and the findings that fold onto one root cause. */
    g_target = "cdn.mxtls.test";
    g_profile = MXTLS_PROFILE_MX;
    each_site("cdn.mxtls.test", 50);
}
END_TEST

START_TEST(cname_mx_domain)
{
    /* The MX host is a CNAME (dns.mx-cname): the canonical name's copy. */
    g_target = "cname-mx.mxtls.test";
    g_profile = MXTLS_PROFILE_MX;
    each_site("cname-mx.mxtls.test", 50);
}
END_TEST

START_TEST(submission_implicit_tls)
{
    static char target[128];
    snprintf(target, sizeof target, "%s", mxtls_test_env("MXTLS_LAB_POSTFIX"));
    g_target = target;
    g_profile = MXTLS_PROFILE_SUBMISSION;
    g_port = 465;
    g_implicit = 1;
    each_site("submission [postfix]:465", 50);
}
END_TEST

START_TEST(policy_and_dns_failures)
{
    /* An MTA-STS policy that does not parse (the invalid line's copy), a
     * bogus zone (libunbound's reason, sanitised), and implicit TLS to a
     * port that answers in plaintext SMTP (that failure's detail). */
    g_profile = MXTLS_PROFILE_MX;
    g_target = "sts-invalid.mxtls.test";
    each_site(g_target, 50);
    g_target = "bogus.mxtls.test";
    each_site(g_target, 10);
    /* 17 certificates: the sender's path through them (verify/sender.c) */
    g_target = "cert-junkchain.mxtls.test";
    each_site(g_target, 10);
    g_target = "smtp.sub-mismatch.mxtls.test";
    g_profile = MXTLS_PROFILE_SUBMISSION;
    g_port = 465;
    g_implicit = 1;
    each_site(g_target, 50);
}
END_TEST

/* What a web panel does before its checks: a ctx set up as the lab's (the
 * proxy ranges file is read and parsed) and options with an SNI. */
static int setup_op(void)
{
    mxtls_ctx *ctx = NULL;
    mxtls_check_options *o = NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/root.pem", mxtls_test_env("MXTLS_LAB_CERTS"));
    int st = mxtls_ctx_new(&ctx);
    if (st == MXTLS_OK)
        st = mxtls_ctx_set_ca_file(ctx, path);
    if (st == MXTLS_OK)
        st = mxtls_ctx_set_ca_dir(ctx, mxtls_test_env("MXTLS_LAB_CERTS"));
    if (st == MXTLS_OK)
        st = mxtls_ctx_set_proxy_ranges_file(ctx, mxtls_test_env("MXTLS_LAB_PROXY_RANGES"));
    if (st == MXTLS_OK)
        st = mxtls_ctx_set_helo_name(ctx, "probe.mxtls.test");
    if (st == MXTLS_OK)
        st = mxtls_check_options_new(&o);
    if (st == MXTLS_OK)
        st = mxtls_check_options_set_sni(o, "mail.mxtls.test");
    mxtls_check_options_free(o);
    mxtls_ctx_free(ctx);
    return st;
}

/* Error texts a user pastes, explained and rendered. */
static int explain_op(void)
{
    static const char *const texts[] = {
        "TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): "
        "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_ILLEGAL_PARAMETER: "
        "SSL alert number 47",
        "TLS Negotiation failed, the certificate doesn't match the host.",
        "postfix/smtpd[9]: SSL_accept error from mail.example.net[192.0.2.3]: -1",
        /* matched twice: the alert's name rejects the client's certificate */
        "dial tcp 192.0.2.1:465: remote error: tls: bad certificate",
        "nothing anyone would recognise",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        mxtls_explanation *e = (mxtls_explanation *)&e;
        int st = mxtls_explain(NULL, texts[i], &e);
        if (st != MXTLS_OK) {
            ck_assert_ptr_null(e);
            return st;
        }
        mxtls_buffer *b = NULL;
        st = mxtls_explanation_text(e, &b);
        mxtls_buffer_free(b);
        mxtls_explanation_free(e);
        if (st != MXTLS_OK)
            return st;
    }
    return MXTLS_OK;
}

START_TEST(setup_and_explain)
{
    /* Small enough to fail every allocation in turn. */
    printf("# ctx setup: %d allocations failed in turn\n",
           mxtls_test_each_allocation_failing(setup_op, 10000));
    printf("# explain: %d allocations failed in turn\n",
           mxtls_test_each_allocation_failing(explain_op, 10000));
}
END_TEST

static Suite *check_enomem_suite(void)
{
    Suite *s = suite_create("check-enomem");
    TCase *t = tcase_create("enomem");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 600);
    tcase_add_test(t, secure_domain);
    tcase_add_test(t, cdn_domain_with_follow_ups);
    tcase_add_test(t, cname_mx_domain);
    tcase_add_test(t, submission_implicit_tls);
    tcase_add_test(t, policy_and_dns_failures);
    tcase_add_test(t, setup_and_explain);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return mxtls_test_run(check_enomem_suite());
}
