/* MXTLS_ADDR_PUBLIC_ONLY covers DNS too (issue 14): libunbound never sends a
 * query to an address the policy refuses.
 *
 * 1. A resolver the caller configured (forwarder, stub-zone server,
 *    resolv.conf nameserver) that the policy refuses fails the resolve with
 *    MXTLS_EPOLICY and a detail naming it, whichever was set first: the
 *    policy rebuilds a resolver built before it.
 * 2. A referral whose glue is loopback (lo-referral.mxtls.test, NS at
 *    127.0.0.66) or private (priv-referral.mxtls.test, NS at 10.66.0.66):
 *    a listener on that address (tests/fixtures/dnscount.py, started and
 *    stopped here by PID) counts the queries. Under PUBLIC_ONLY none
 *    arrive, the answer is SERVFAIL whose detail names the policy, and
 *    mxtls_check() says so in its dns.servfail evidence; the control, the
 *    same lookup without the policy, reaches the listener.
 *    This part needs the lab's DNS on a public address and 10.66.0.66 on
 *    this machine, so it runs inside a network namespace of its own
 *    (tests/fixtures/dns_netns.sh: MXTLS_NETNS_PUBLIC and
 *    MXTLS_NETNS_PRIVATE are set there, and both are checked to be local
 *    before anything is sent). Outside, only the loopback control runs.
 * 3. In the namespace, a check of a lab domain resolves under PUBLIC_ONLY
 *    (its DNS is public there) and every probe of its loopback MX hosts is
 *    refused with net.policy-refused.
 *
 * Run under with_lab.py --dns (and, for 2 and 3, dns_netns.sh). */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "labctx.h"
#include "mxtls/mxtls.h"
#include "testlib.h"

#define LOOPBACK_NS "127.0.0.66"
#define LO_REFERRAL "lo-referral.mxtls.test"
#define PRIV_REFERRAL "priv-referral.mxtls.test"

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* 1 when addr is assigned to this network namespace: bindable. Nothing is
 * ever sent to an address that is not, so a broken namespace set-up cannot
 * send a packet off the machine. */
static int is_local(const char *addr)
{
    struct sockaddr_in sin = {.sin_family = AF_INET};
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0 || inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    int ok = bind(fd, (struct sockaddr *)&sin, sizeof sin) == 0;
    close(fd);
    return ok;
}

struct listener {
    pid_t pid;
    char log[4200];
};

/* dnscount.py MODE ADDR [UPSTREAM] LOG, ready once LOG exists. */
static void listener_start(struct listener *l, const char *mode, const char *addr,
                           const char *upstream)
{
    ck_assert_msg(is_local(addr), "%s is not an address of this namespace", addr);
    snprintf(l->log, sizeof l->log, "%s/dnscount-%s.log", mxtls_test_env("MXTLS_LAB_DIR"),
             addr);
    unlink(l->log);
    const char *script = mxtls_test_env("MXTLS_DNSCOUNT");
    l->pid = fork();
    ck_assert_int_ge(l->pid, 0);
    if (l->pid == 0) {
        if (upstream)
            execlp("python3", "python3", script, mode, addr, upstream, l->log, (char *)NULL);
        else
            execlp("python3", "python3", script, mode, addr, l->log, (char *)NULL);
        _exit(127);
    }
    struct stat st;
    for (int i = 0; i < 500 && stat(l->log, &st) != 0; i++)
        sleep_ms(10);
    ck_assert_msg(stat(l->log, &st) == 0, "dnscount.py %s %s did not start", mode, addr);
}

/* Queries the listener has logged so far. */
static long listener_count(const struct listener *l)
{
    long n = 0;
    char line[512];
    FILE *f = fopen(l->log, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f) != NULL)
        n++;
    fclose(f);
    return n;
}

static void listener_stop(struct listener *l)
{
    kill(l->pid, SIGTERM);
    waitpid(l->pid, NULL, 0);
    unlink(l->log);
}

static mxtls_ctx *timed(mxtls_ctx *ctx)
{
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, 5000), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_helo_name(ctx, "probe.mxtls.test"), MXTLS_OK);
    return ctx;
}

static void assert_epolicy(mxtls_ctx *ctx, const char *what)
{
    mxtls_resolve_result *res = NULL;
    ck_assert_int_eq(mxtls_resolve_mx(ctx, "secure.mxtls.test", &res), MXTLS_EPOLICY);
    ck_assert_ptr_null(res);
    const char *d = mxtls_ctx_error_detail(ctx);
    ck_assert_msg(strstr(d, what) && strstr(d, "PUBLIC_ONLY"), "detail: %s", d);
    printf("# %s\n", d);
}

/* ---- 1. a configured resolver the policy refuses ------------------------- */

START_TEST(configured_forwarder_refused)
{
    mxtls_resolve_result *res = NULL;
    /* The policy after a resolver was built: it is rebuilt, and refused. */
    mxtls_ctx *ctx = timed(mxtls_test_lab_ctx());
    ck_assert_int_eq(mxtls_resolve_mx(ctx, "secure.mxtls.test", &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    mxtls_resolve_result_free(res);
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    assert_epolicy(ctx, "forwarder");
    /* mxtls_check() stops at the same place, with the same status. */
    mxtls_report *r = NULL;
    ck_assert_int_eq(mxtls_check(ctx, "secure.mxtls.test", MXTLS_PROFILE_MX, &r),
                     MXTLS_EPOLICY);
    ck_assert_ptr_null(r);
    /* And back: the default policy resolves again. */
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_ALLOW_ALL), MXTLS_OK);
    ck_assert_int_eq(mxtls_resolve_mx(ctx, "secure.mxtls.test", &res), MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_NOERROR);
    mxtls_resolve_result_free(res);
    mxtls_ctx_free(ctx);
}
END_TEST

/* Recursion and the system mode would query public servers if the check
 * were broken, so these run only in the namespace, where nothing routes. */
START_TEST(configured_stub_and_system_refused_in_netns)
{
    mxtls_ctx *ctx = NULL;
    /* The policy first, a stub-zone server after it (recursion mode). */
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_recursion(ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, "mxtls.test",
                                             mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    assert_epolicy(ctx, "stub-zone server");
    mxtls_ctx_free(ctx);

    /* The system mode's resolv.conf: a public line does not excuse a
     * private one. */
    char conf[4200];
    snprintf(conf, sizeof conf, "%s/resolv.conf", mxtls_test_env("MXTLS_LAB_DIR"));
    FILE *f = fopen(conf, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "# test\nnameserver %s\nnameserver %s\n", mxtls_test_env("MXTLS_NETNS_PUBLIC"),
            mxtls_test_env("MXTLS_NETNS_PRIVATE"));
    fclose(f);
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_system_resolver(ctx, conf), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    assert_epolicy(ctx, "system resolver 10.66.0.66");
    mxtls_ctx_free(ctx);
    unlink(conf);
}
END_TEST

/* ---- 2. referrals to refused addresses ------------------------------------ */

/* Resolve domain's MX under policy with ctx; return the queries that
 * reached the listener meanwhile. */
static long queries_during(mxtls_ctx *ctx, int32_t policy, const char *domain,
                           const struct listener *l, mxtls_resolve_result **out)
{
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, policy), MXTLS_OK);
    long before = listener_count(l);
    ck_assert_int_eq(mxtls_resolve_mx(ctx, domain, out), MXTLS_OK);
    sleep_ms(200);            /* a query still in flight reaches the log */
    return listener_count(l) - before;
}

/* Outside the namespace only the control can run: the lab's DNS is on
 * loopback, which PUBLIC_ONLY refuses before any query (case 1). */
START_TEST(loopback_referral_control)
{
    struct listener l;
    listener_start(&l, "count", LOOPBACK_NS, NULL);
    mxtls_ctx *ctx = timed(mxtls_test_lab_ctx());
    mxtls_resolve_result *res = NULL;
    long n = queries_during(ctx, MXTLS_ADDR_ALLOW_ALL, LO_REFERRAL, &l, &res);
    printf("# allow-all: %ld queries to %s (%s)\n", n, LOOPBACK_NS, res->detail);
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(res->outcome, MXTLS_DNS_SERVFAIL);
    mxtls_resolve_result_free(res);
    mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY);
    long before = listener_count(&l);
    ck_assert_int_eq(mxtls_resolve_mx(ctx, LO_REFERRAL, &res), MXTLS_EPOLICY);
    sleep_ms(200);
    ck_assert_int_eq(listener_count(&l), before);
    mxtls_ctx_free(ctx);
    listener_stop(&l);
}
END_TEST

/* The namespace's context: recursion, the lab zone through the relay on a
 * public address, the lab's trust anchor. */
static mxtls_ctx *public_dns_ctx(void)
{
    char stub[80];
    mxtls_ctx *ctx = NULL;
    snprintf(stub, sizeof stub, "%s@53", mxtls_test_env("MXTLS_NETNS_PUBLIC"));
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_recursion(ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, "mxtls.test", stub), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    return timed(ctx);
}

static const mxtls_finding *find(const mxtls_report *r, int32_t code)
{
    for (size_t i = 0; i < r->n_findings; i++)
        if (r->findings[i]->code == code)
            return r->findings[i];
    return NULL;
}

static void referral_case(const char *domain, const char *ns_addr, const struct listener *relay)
{
    struct listener l;
    listener_start(&l, "count", ns_addr, NULL);
    mxtls_ctx *ctx = public_dns_ctx();
    mxtls_resolve_result *res = NULL;

    long relayed = listener_count(relay);
    long n = queries_during(ctx, MXTLS_ADDR_PUBLIC_ONLY, domain, &l, &res);
    printf("# public-only: %s: %ld queries to %s, %ld through the public relay; %s\n",
           domain, n, ns_addr, listener_count(relay) - relayed, res->detail);
    ck_assert_int_eq(n, 0);
    ck_assert_int_gt(listener_count(relay), relayed);     /* it did resolve */
    ck_assert_int_eq(res->outcome, MXTLS_DNS_SERVFAIL);
    ck_assert_msg(strstr(res->detail, "PUBLIC_ONLY") != NULL, "detail: %s", res->detail);
    mxtls_resolve_result_free(res);

    mxtls_report *r = NULL;
    ck_assert_int_eq(mxtls_check(ctx, domain, MXTLS_PROFILE_MX, &r), MXTLS_OK);
    const mxtls_finding *f = find(r, MXTLS_F_DNS_SERVFAIL);
    ck_assert_ptr_nonnull(f);
    ck_assert_msg(f->evidence && strstr(f->evidence, "PUBLIC_ONLY"), "evidence: %s",
                  f->evidence ? f->evidence : "(null)");
    ck_assert_uint_eq(r->n_probes, 0);
    mxtls_report_free(r);
    sleep_ms(200);
    ck_assert_int_eq(listener_count(&l), 0);

    /* The control: the same lookup without the policy reaches the listener. */
    n = queries_during(ctx, MXTLS_ADDR_ALLOW_ALL, domain, &l, &res);
    printf("# allow-all: %s: %ld queries to %s\n", domain, n, ns_addr);
    ck_assert_int_gt(n, 0);
    mxtls_resolve_result_free(res);
    mxtls_ctx_free(ctx);
    listener_stop(&l);
}

START_TEST(referrals_refused_in_netns)
{
    struct listener relay;
    listener_start(&relay, "relay", mxtls_test_env("MXTLS_NETNS_PUBLIC"),
                   mxtls_test_env("MXTLS_LAB_DNS"));
    referral_case(LO_REFERRAL, LOOPBACK_NS, &relay);
    referral_case(PRIV_REFERRAL, mxtls_test_env("MXTLS_NETNS_PRIVATE"), &relay);
    listener_stop(&relay);
}
END_TEST

/* ---- 3. resolved under PUBLIC_ONLY, probes refused ------------------------- */

START_TEST(public_only_mx_probes_refused_in_netns)
{
    static const char *const domains[] = {"secure.mxtls.test", "multi.mxtls.test",
                                          "cname-mx.mxtls.test", "dual.mxtls.test"};
    struct listener relay;
    listener_start(&relay, "relay", mxtls_test_env("MXTLS_NETNS_PUBLIC"),
                   mxtls_test_env("MXTLS_LAB_DNS"));
    mxtls_ctx *ctx = public_dns_ctx();
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    size_t probes = 0;
    for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++) {
        mxtls_report *r = NULL;
        ck_assert_int_eq(mxtls_check(ctx, domains[i], MXTLS_PROFILE_MX, &r), MXTLS_OK);
        ck_assert_msg(r->n_probes > 0, "%s: no probe", domains[i]);
        for (size_t k = 0; k < r->n_probes; k++) {
            const mxtls_probe *p = r->probes[k];
            ck_assert_int_eq(p->status, MXTLS_EPOLICY);
            ck_assert_ptr_null(p->connect);
        }
        ck_assert_ptr_nonnull(find(r, MXTLS_F_NET_POLICY_REFUSED));
        probes += r->n_probes;
        mxtls_report_free(r);
    }
    printf("# public-only: %zu probes refused after a public-DNS resolve\n", probes);
    mxtls_ctx_free(ctx);
    listener_stop(&relay);
}
END_TEST

static Suite *dns_policy_suite(void)
{
    Suite *s = suite_create("dns-policy");
    TCase *t = tcase_create("dns-policy");
    tcase_set_timeout(t, 60);
    const char *ns = getenv("MXTLS_NETNS_PUBLIC");
    const char *priv = getenv("MXTLS_NETNS_PRIVATE");
    if (ns != NULL && *ns) {
        /* Both must be this namespace's own, or nothing is sent. */
        if (priv == NULL || !is_local(ns) || !is_local(priv)) {
            fprintf(stderr, "MXTLS_NETNS_PUBLIC/PRIVATE are not local here: run "
                            "under tests/fixtures/dns_netns.sh\n");
            exit(EXIT_FAILURE);
        }
        tcase_add_test(t, configured_stub_and_system_refused_in_netns);
        tcase_add_test(t, referrals_refused_in_netns);
        tcase_add_test(t, public_only_mx_probes_refused_in_netns);
    } else {
        tcase_add_test(t, configured_forwarder_refused);
        tcase_add_test(t, loopback_referral_control);
    }
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return mxtls_test_run(dns_policy_suite());
}
