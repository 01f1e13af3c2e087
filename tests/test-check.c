/* mxtls_check() against the diagnosis fixtures (tests/fixtures/lab/diag.py):
 * every finding id is produced by a real fixture, and the healthy domain and
 * the healthy submission host produce none but the informational ones.
 *
 * The stage-level evidence of each fixture is asserted separately, without
 * mxtls_check(), by tests/python/test_diag_fixtures.py: when a row here
 * fails and that test passes, the diagnosis misread the evidence.
 *
 * Run under `with_lab.py --certs --dns --smtp --https`. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <dirent.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

#define ZONE "mxtls.test"
#define ANY_VERDICT (-1)
#define UNSET (-1)

/* Per-stage timeouts of these checks: small, the lab answers at once. */
#define CONNECT_MS 3000
#define STARTTLS_MS 3000
#define RESOLVE_MS 5000
#define VERIFY_MS 5000

/* One row: check target with profile (and options), expect finding id among
 * the report's findings and, unless ANY_VERDICT, this verdict. */
struct row {
    const char *target;
    int32_t profile;
    int32_t port;         /* 0: the profile's ports */
    int32_t implicit_tls; /* UNSET, 0 or 1 */
    int32_t family;       /* 0, 4 or 6 */
    int public_only;      /* the ctx refuses loopback addresses */
    const char *id;
    int32_t verdict;
    int32_t connect_ms;   /* 0: CONNECT_MS */
    int32_t check_ms;     /* 0: the default whole-check deadline */
    int waits;            /* the evidence is a timeout running out: the
                             timeouts are not scaled by MXTLS_TEST_TIME_FACTOR
                             (valgrind slows our work, not a silent peer) */
    const char *reference; /* the reference host; NULL: REFERENCE_OPEN, "": none */
    const char *ca;       /* the CA store: NULL root.pem, else a file or
                             directory (ends in ".d") of MXTLS_LAB_CERTS */
    int32_t at_once;      /* probes side by side; 0: the default */
};

/* Reference hosts in the lab (diag.py): every check here has one, so none
 * ever looks up the default ones (big providers) on the real Internet. */
#define REFERENCE_OPEN "ref-open." ZONE       /* answers on port 25 */
#define REFERENCE_BLOCKED "ref-blocked." ZONE /* port 25 dropped */

#define MX(t, i, v) \
    {.target = t "." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET, .id = i, \
     .verdict = v}
#define MX_WAITS(t, i, v) \
    {.target = t "." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET, .id = i, \
     .verdict = v, .waits = 1}
#define SUB(t, i, v) \
    {.target = t "." ZONE, .profile = MXTLS_PROFILE_SUBMISSION, .implicit_tls = UNSET, .id = i, \
     .verdict = v}

#define E MXTLS_VERDICT_ERROR
#define W MXTLS_VERDICT_WARNING
#define OK MXTLS_VERDICT_OK

/* Keep in step with CASES in tests/fixtures/lab/diag.py. */
static const struct row ROWS[] = {
    MX("nxdomain", "dns.nxdomain", E),
    MX("lame", "dns.servfail", E),
    MX("nullmx", "dns.null-mx", E),
    MX("empty", "dns.no-mx", E),
    /* the alias itself is info (senders follow it); the warning is the
     * certificate, which names the alias and not the canonical host */
    MX("cname-mx", "dns.mx-cname", W),
    MX("iplit", "dns.mx-ip-literal", E),
    MX("dangling", "dns.mx-no-address", E),
    MX("cdn", "dns.mx-non-ldh", E),
    MX("bogus", "dns.dnssec-bogus", E),
    MX_WAITS("deaddns", "dns.timeout", E),
    MX_WAITS("proxied", "net.proxied", E),
    MX("net-refused", "net.refused", E),
    MX_WAITS("net-timeout", "net.timeout", E),
    /* IPv4 delivers and every sender goes on to it: info, and the refused
     * IPv6 address is a symptom that does not raise the verdict */
    MX("net-family", "net.family-mismatch", OK),
    /* the server may be fine: our network blocks port 25, for the
     * reference host as well; about the environment: the target itself
     * has no error (issue 15) */
    {.target = "net-egress." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET,
     .id = "net.egress-blocked", .verdict = OK, .waits = 1, .reference = REFERENCE_BLOCKED},
    /* Under PUBLIC_ONLY the lab's loopback DNS is refused before any query
     * (issue 14), so this row checks mx1.healthy's address as a literal, on
     * port 25; tests/test-dns-policy.c checks MX domains under the policy with
     * the lab's DNS on a public address. */
    {.target = "healthy." ZONE, .profile = MXTLS_PROFILE_SUBMISSION, .port = 25,
     .implicit_tls = UNSET, .public_only = 1, .id = "net.policy-refused",
     .verdict = ANY_VERDICT},
    MX_WAITS("smtp-tarpit", "smtp.no-banner", E),
    /* every sender defers at a 554 greeting (a real Postfix does): an
     * error, by the severity rule of issue 21 */
    MX("smtp-banner", "smtp.banner-rejected", E),
    MX("smtp-http", "smtp.not-smtp", E),
    MX("smtp-badreply", "smtp.bad-reply", W),
    /* opportunistic senders deliver in plaintext: warnings */
    MX("smtp-nostarttls", "smtp.starttls-missing", W),
    MX("smtp-masked", "smtp.starttls-masked", W),
    MX("smtp-454", "smtp.starttls-refused", W),
    /* 587 works, so Send-As can use it: a warning */
    SUB("smtp.sub-mismatch", "smtp.implicit-tls-mismatch", W),
    /* the same host with the port and mode given: 465 as implicit TLS */
    {.target = "smtp.sub-mismatch." ZONE, .profile = MXTLS_PROFILE_SUBMISSION, .port = 465,
     .implicit_tls = 1, .id = "smtp.implicit-tls-mismatch", .verdict = ANY_VERDICT},
    /* the banner after 11 s: past the 10 s a banner may take, so connect
     * must wait longer than CONNECT_MS for it; within the senders' five
     * minutes, so everyone delivers: info */
    {.target = "smtp-slow." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET,
     .id = "smtp.slow-banner", .verdict = OK, .connect_ms = 15000},
    MX("tls-alert", "tls.alert", E),
    MX("cdn", "tls.sni-rejected", E),
    /* Gmail and Postfix still offer TLS 1.0 and deliver; Microsoft 365
     * never does, and what it does then is unknown: a warning */
    MX("tls-old", "tls.protocol-old", W),
    MX("tls-nocipher", "tls.no-shared-cipher", E),
    /* every sender still delivers over TLS: a risk, info */
    MX("tls-weakdh", "tls.weak-dh", OK),
    MX("tls-handshake", "tls.handshake-failed", E),
    /* no MTA-STS, no TLSA: opportunistic senders deliver anyway */
    MX("cert-selfsigned", "cert.self-signed", W),
    MX("cert-untrusted", "cert.untrusted", W),
    MX("cert-chain", "cert.chain-incomplete", W),
    MX("cert-name", "cert.name-mismatch", W),
    MX("cert-expired", "cert.expired", W),
    /* the same defect where senders must verify: errors */
    MX("sts-expired", "cert.expired", E),
    SUB("smtp.sub-selfsigned", "cert.self-signed", E),
    SUB("smtp.sub-wrongname", "cert.name-mismatch", E),
    /* valid today: every sender delivers, a risk (info) */
    MX("cert-expiring", "cert.expires-soon", OK),
    MX("cert-notyet", "cert.not-yet-valid", W),
    MX("cert-weakkey", "cert.weak-key", OK),   /* the chain verifies: nobody stopped */
    MX("cert-sha1", "cert.weak-signature", W),
    MX("cert-inconsistent", "cert.inconsistent", W),
    MX("cert-nosni", "cert.default-without-sni", W),
    /* 17 certificates: the leaf's own defects, judged on a sender's path
     * (the 16 stray ones are ignored), never "no problems" */
    MX("cert-junkchain", "cert.self-signed", W),
    MX("cert-junkchain", "cert.expired", W),
    MX("cert-junkchain", "cert.name-mismatch", W),
    /* a path of 19 certificates: past what mxtls verifies and what a
     * verifying Postfix follows; opportunistic senders still deliver (the
     * real Postfix does), so a warning that names the limit */
    MX("cert-longchain", "cert.chain-too-long", W),
    /* an unknown critical extension: the chain fails, and says so */
    MX("cert-critext", "cert.not-checked", W),
    /* three silent MX hosts, 1 s each, in a check of 1.5 s */
    {.target = "check-deadline." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET,
     .id = "check.deadline", .verdict = ANY_VERDICT, .connect_ms = 1000, .check_ms = 1500,
     .waits = 1, .at_once = 1},
    MX("dane-mismatch", "dane.mismatch", E),
    MX("dane-bogus", "dane.bogus", E),
    /* DANE senders deliver encrypted with unusable records (RFC 7672
     * section 2.2) and with a single matching one: info */
    MX("dane-unusable", "dane.unusable", OK),
    MX("dane-norollover", "dane.no-rollover", OK),
    /* the leaf alone is also an incomplete chain for PKIX */
    MX("dane-tanotsent", "dane.ta-not-sent", E),
    /* records that break their grammar: no policy, no reports; mail flows,
     * so info */
    MX("sts-badtxt", "mtasts.txt-invalid", OK),
    MX("sts-baretxt", "mtasts.txt-invalid", OK),
    MX("rpt-invalid", "dns.tlsrpt-invalid", OK),
    MX("healthy", "dane.matched", OK),
    MX("sts-missingmx", "mtasts.mx-mismatch", E),
    /* a broken policy is no policy: senders fall back to opportunistic and
     * deliver (RFC 8461 section 5), so info */
    MX("sts-notfound", "mtasts.fetch-failed", OK),
    MX("sts-invalid", "mtasts.invalid-policy", OK),
    MX("sts-wrongcert", "mtasts.webpki-invalid", OK),
    /* mx.dual has more wrong with it (its TLSA, its IPv6) */
    MX("twosts", "mtasts.txt-multiple", ANY_VERDICT),
    MX("healthy", "mtasts.enforced", OK),
    MX("healthy", "tls.ok", OK),
    SUB("smtp", "tls.ok", OK),
    /* the checker has no CA (a slim image without ca-certificates): one
     * finding about the environment, not "untrusted" at every host */
    {.target = "healthy." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET,
     .ca = "empty-ca.pem", .id = "env.ca-store-empty", .verdict = OK},
};
#define N_ROWS ((int)(sizeof ROWS / sizeof ROWS[0]))

/* Run only inside tests/fixtures/unreachable.sh (MXTLS_LAB_UNREACHABLE set):
 * there the MX host's address has an "unreachable" route. Loopback
 * otherwise always routes, so the main lab cannot show net.unreachable. */
static const struct row UNREACHABLE_ROW =
    MX("net-unreachable", "net.unreachable", E);

/* The healthy targets: no warning or error of any id. */
static const struct row HEALTHY[] = {
    MX("healthy", NULL, OK),
    SUB("smtp", NULL, OK),
};
#define N_HEALTHY ((int)(sizeof HEALTHY / sizeof HEALTHY[0]))

/* A stage timeout for this row: scaled for a slow run unless it waits. */
static int32_t timeout_ms(const struct row *r, int32_t ms)
{
    return r->waits ? ms : (int32_t)mxtls_test_slack_ms(ms);
}

static mxtls_ctx *lab_ctx(const struct row *r)
{
    int32_t connect_ms = r->connect_ms ? r->connect_ms : CONNECT_MS;
    char path[1024];
    mxtls_ctx *ctx = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    const char *ca = r->ca ? r->ca : "root.pem";
    snprintf(path, sizeof path, "%s/%s", mxtls_test_env("MXTLS_LAB_CERTS"), ca);
    if (strlen(ca) > 2 && strcmp(ca + strlen(ca) - 2, ".d") == 0)
        ck_assert_int_eq(mxtls_ctx_set_ca_dir(ctx, path), MXTLS_OK);
    else
        ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, mxtls_test_env("MXTLS_LAB_DNS_ZONE"),
                                             mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(ctx,
                         mxtls_test_env("MXTLS_LAB_PROXY_RANGES")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE,
                                              timeout_ms(r, RESOLVE_MS)), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_CONNECT,
                                              timeout_ms(r, connect_ms)), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_STARTTLS,
                                              timeout_ms(r, STARTTLS_MS)), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_VERIFY,
                                              timeout_ms(r, VERIFY_MS)), MXTLS_OK);
    if (r->check_ms)
        ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_CHECK, r->check_ms),
                         MXTLS_OK);
    if (r->public_only)
        ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    const char *reference = r->reference ? r->reference : REFERENCE_OPEN;
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, &reference, reference[0] != '\0'),
                     MXTLS_OK);
    return ctx;
}

/* Run the check a row describes; the caller frees the report. */
static mxtls_report *run_check(const struct row *r)
{
    mxtls_ctx *ctx = lab_ctx(r);
    mxtls_check_options *opt = NULL;
    mxtls_report *report = NULL;

    ck_assert_int_eq(mxtls_check_options_new(&opt), MXTLS_OK);
    if (r->port)
        ck_assert_int_eq(mxtls_check_options_set_port(opt, r->port), MXTLS_OK);
    if (r->implicit_tls != UNSET)
        ck_assert_int_eq(mxtls_check_options_set_implicit_tls(opt, r->implicit_tls), MXTLS_OK);
    if (r->family)
        ck_assert_int_eq(mxtls_check_options_set_family(opt, r->family), MXTLS_OK);
    if (r->at_once)
        ck_assert_int_eq(mxtls_check_options_set_probes_at_once(opt, r->at_once), MXTLS_OK);
    const char *target = r->public_only ? mxtls_test_env("MXTLS_LAB_DIAG_ADDR_MX1_HEALTHY")
                                        : r->target;
    mxtls_status st = mxtls_check_with(ctx, target, r->profile, opt, &report);
    ck_assert_msg(st == MXTLS_OK, "%s: %s (%s)", r->target, mxtls_status_name(st),
                  mxtls_ctx_error_detail(ctx));
    ck_assert_ptr_nonnull(report);
    mxtls_check_options_free(opt);
    mxtls_ctx_free(ctx);
    return report;
}

/* "id(severity) id(severity) ..." of a report, for failure messages. */
static const char *finding_list(const mxtls_report *report)
{
    static char buf[2048];
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < report->n_findings && used < sizeof buf - 64; i++) {
        const mxtls_finding *f = report->findings[i];
        int n = snprintf(buf + used, sizeof buf - used, "%s%s(%s)", i ? " " : "", f->id,
                         mxtls_severity_name(f->severity));
        if (n > 0)
            used += (size_t)n;
    }
    return report->n_findings ? buf : "(none)";
}

static const mxtls_finding *find_id(const mxtls_report *report, const char *id)
{
    for (size_t i = 0; i < report->n_findings; i++)
        if (strcmp(report->findings[i]->id, id) == 0)
            return report->findings[i];
    return NULL;
}

/* The verdict is the severity of the worst root cause about the target (or
 * about the environment, for environment_verdict), or OK: a symptom
 * (net.refused on the IPv6 address of a host whose IPv4 works) is explained
 * by its root cause (net.family-mismatch, info) and does not raise it. */
static int32_t worst_severity(const mxtls_report *report, int32_t about)
{
    int32_t worst = MXTLS_VERDICT_OK;
    for (size_t i = 0; i < report->n_root_causes; i++) {
        int32_t s = report->findings[i]->severity;
        if (report->findings[i]->about == about && s >= MXTLS_SEVERITY_WARNING && s > worst)
            worst = s;
    }
    return worst;
}

static void assert_consistent(const struct row *r, const mxtls_report *report)
{
    ck_assert_int_eq(report->profile, r->profile);
    if (!r->public_only)      /* that row checks an address (run_check) */
        ck_assert_str_eq(report->target, r->target);
    ck_assert_ptr_nonnull(report->summary);
    ck_assert_msg(report->n_root_causes <= report->n_findings, "%s: %zu root causes of %zu",
                  r->target, report->n_root_causes, report->n_findings);
    for (size_t i = 0; i < report->n_findings; i++) {
        const mxtls_finding *f = report->findings[i];
        ck_assert_int_eq(mxtls_finding_code_of(f->id), f->code);
        ck_assert_msg(f->caused_by >= -1 && f->caused_by < (int32_t)report->n_findings,
                      "%s: %s caused_by %d", r->target, f->id, f->caused_by);
    }
    ck_assert_msg(report->verdict == worst_severity(report, MXTLS_ABOUT_TARGET),
                  "%s: verdict %s, worst finding %s: %s", r->target,
                  mxtls_verdict_name(report->verdict),
                  mxtls_verdict_name(worst_severity(report, MXTLS_ABOUT_TARGET)),
                  finding_list(report));
    ck_assert_msg(report->environment_verdict ==
                      worst_severity(report, MXTLS_ABOUT_ENVIRONMENT),
                  "%s: environment verdict %s: %s", r->target,
                  mxtls_verdict_name(report->environment_verdict), finding_list(report));
    /* Environment first; a symptom is about what its cause is about. */
    int seen_target = 0;
    for (size_t i = 0; i < report->n_findings; i++) {
        const mxtls_finding *f = report->findings[i];
        if (f->caused_by >= 0)
            ck_assert_int_eq(f->about, report->findings[f->caused_by]->about);
        else if (f->about == MXTLS_ABOUT_TARGET)
            seen_target = 1;
        else
            ck_assert_msg(!seen_target, "%s: %s listed after the target's", r->target, f->id);
    }
}

static void assert_finding(const struct row *r)
{
    mxtls_report *report = run_check(r);
    const mxtls_finding *f = find_id(report, r->id);

    ck_assert_msg(f != NULL, "%s (%s): no %s among: %s", r->target,
                  mxtls_profile_name(r->profile), r->id, finding_list(report));
    assert_consistent(r, report);
    if (r->verdict != ANY_VERDICT)
        ck_assert_msg(report->verdict == r->verdict, "%s: verdict %s, expected %s: %s",
                      r->target, mxtls_verdict_name(report->verdict),
                      mxtls_verdict_name(r->verdict), finding_list(report));
    mxtls_report_free(report);
}

START_TEST(finding_is_produced)
{
    assert_finding(&ROWS[_i]);
}
END_TEST

START_TEST(unreachable_is_produced)
{
    ck_assert_str_eq(mxtls_test_env("MXTLS_LAB_UNREACHABLE"),
                     mxtls_test_env("MXTLS_LAB_DIAG_ADDR_MX_NET_UNREACHABLE"));
    assert_finding(&UNREACHABLE_ROW);
}
END_TEST

START_TEST(healthy_has_no_warning_or_error)
{
    const struct row *r = &HEALTHY[_i];
    mxtls_report *report = run_check(r);

    ck_assert_msg(report->verdict == MXTLS_VERDICT_OK, "%s: verdict %s: %s", r->target,
                  mxtls_verdict_name(report->verdict), finding_list(report));
    for (size_t i = 0; i < report->n_findings; i++)
        ck_assert_msg(report->findings[i]->severity == MXTLS_SEVERITY_INFO,
                      "%s: %s is a %s: %s", r->target, report->findings[i]->id,
                      mxtls_severity_name(report->findings[i]->severity), finding_list(report));
    assert_consistent(r, report);
    mxtls_report_free(report);
}
END_TEST

/* Separately, code by code over the whole catalogue: what is not info is
 * absent from the healthy reports, so a new id is covered the day it lands. */
START_TEST(healthy_lacks_every_problem_id)
{
    const struct row *r = &HEALTHY[_i];
    mxtls_report *report = run_check(r);
    int codes = 0;

    for (int32_t code = 100; code < 1300; code++) {
        const char *id = mxtls_finding_id(code);
        if (id == NULL)
            continue;
        codes++;
        const mxtls_finding *f = find_id(report, id);
        if (f != NULL)
            ck_assert_msg(f->severity == MXTLS_SEVERITY_INFO, "%s: %s (%s) present: %s",
                          r->target, id, mxtls_severity_name(f->severity),
                          finding_list(report));
    }
    ck_assert_int_gt(codes, 50);
    mxtls_report_free(report);
}
END_TEST

/* Every catalogue id of the target (1xx to 9xx) has a row, and so has
 * env.ca-store-empty; the resolver's env findings need resolvers of their
 * own (test-dns-abuse.c, test_cli.py), and 11xx and 12xx come from
 * explained texts only. */
START_TEST(every_id_has_a_row)
{
    /* Causes only a pasted text shows (mxtls_explain()): no check raises them. */
    static const char *const explain_only[] = {"dns.apex-cname", "smtp.rate-limited",
                                               "tls.client-cert-required",
                                               "tls.no-close-notify"};
    for (int32_t code = 100; code < 1100; code++) {
        const char *id = mxtls_finding_id(code);
        if (id == NULL || code == MXTLS_F_ENV_RESOLVER_DOWN ||
            code == MXTLS_F_ENV_RESOLVER_NO_DNSSEC)
            continue;
        int found = strcmp(UNREACHABLE_ROW.id, id) == 0;
        for (size_t i = 0; i < sizeof explain_only / sizeof *explain_only; i++)
            found |= strcmp(explain_only[i], id) == 0;
        for (int i = 0; i < N_ROWS && !found; i++)
            found = strcmp(ROWS[i].id, id) == 0;
        ck_assert_msg(found, "no fixture row for %s", id);
    }
}
END_TEST

/* The checker's CA store is empty, as a file with no certificate or a
 * directory with none (what a missing system bundle gives): exactly one
 * env.ca-store-empty; at each host trust is "not checked", folded under
 * it, never blamed on the server; the policy host's certificate, which
 * could not verify either, is folded under it too. */
START_TEST(an_empty_ca_store_is_one_finding_about_the_checker)
{
    static const char *const stores[] = {"empty-ca.pem", "empty-ca.d"};
    struct row r = {.target = "healthy." ZONE, .profile = MXTLS_PROFILE_MX,
                    .implicit_tls = UNSET, .ca = stores[_i]};
    mxtls_report *report = run_check(&r);
    long env = -1;
    int not_checked = 0;
    assert_consistent(&r, report);
    for (size_t i = 0; i < report->n_findings; i++) {
        const mxtls_finding *f = report->findings[i];
        if (f->code == MXTLS_F_ENV_CA_STORE_EMPTY) {
            ck_assert_msg(env < 0, "%s: two env.ca-store-empty: %s", stores[_i],
                          finding_list(report));
            env = (long)i;
            ck_assert_int_eq(f->severity, MXTLS_SEVERITY_ERROR);
            ck_assert_int_eq(f->caused_by, -1);
            ck_assert_ptr_null(f->host);
        }
    }
    ck_assert_msg(env >= 0, "%s: no env.ca-store-empty: %s", stores[_i], finding_list(report));
    for (size_t i = 0; i < report->n_findings; i++) {
        const mxtls_finding *f = report->findings[i];
        ck_assert_msg(f->code != MXTLS_F_CERT_UNTRUSTED && f->code != MXTLS_F_CERT_SELF_SIGNED &&
                          f->code != MXTLS_F_CERT_CHAIN_INCOMPLETE,
                      "%s: %s at %s: %s", stores[_i], f->id, f->host, finding_list(report));
        if (f->code == MXTLS_F_CERT_NOT_CHECKED || f->code == MXTLS_F_MTASTS_WEBPKI_INVALID)
            ck_assert_msg(f->caused_by == env, "%s: %s at %s not under the env finding",
                          stores[_i], f->id, f->host);
        not_checked += f->code == MXTLS_F_CERT_NOT_CHECKED;
        /* the rest is the environment's, or the server's own good news */
        if (f->caused_by < 0 && (size_t)env != i)
            ck_assert_msg(f->severity == MXTLS_SEVERITY_INFO, "%s: root %s: %s", stores[_i],
                          f->id, finding_list(report));
    }
    ck_assert_int_eq(not_checked, 2);      /* mx1 and mx2 */
    /* The checker's error, not the domain's: healthy is OK. */
    ck_assert_int_eq(report->findings[env]->about, MXTLS_ABOUT_ENVIRONMENT);
    ck_assert_int_eq(report->environment_verdict, MXTLS_VERDICT_ERROR);
    ck_assert_msg(report->verdict == MXTLS_VERDICT_OK, "%s: verdict %s: %s", stores[_i],
                  mxtls_verdict_name(report->verdict), finding_list(report));
    mxtls_report_free(report);
}
END_TEST

static int open_descriptors(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    ck_assert_ptr_nonnull(d);
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n - 3; /* ".", ".." and the directory's own descriptor */
}

/* Out of descriptors is our limit, not the server's fault: the check says
 * so (MXTLS_EIO and how to fix it) instead of blaming the network. */
/* The whole-check deadline: three silent MX hosts at 1 s each, probed one
 * after the other, would take 3 s; a 1.5 s check stops, says what it did
 * not check, blames no server for the probe it cut short, and is never "no
 * problems". */
START_TEST(the_deadline_bounds_a_check)
{
    const struct row *r = NULL;
    for (int i = 0; i < N_ROWS && r == NULL; i++)
        if (ROWS[i].check_ms != 0)
            r = &ROWS[i];
    ck_assert_ptr_nonnull(r);
    mxtls_report *report = run_check(r);
    const mxtls_finding *f = find_id(report, "check.deadline");
    ck_assert_msg(f != NULL, "no check.deadline: %s", finding_list(report));
    ck_assert_ptr_nonnull(strstr(f->evidence, "not made or cut short"));
    ck_assert_int_ne(report->verdict, MXTLS_VERDICT_OK);
    size_t primaries = 0, timeouts = 0;
    for (size_t i = 0; i < report->n_probes; i++)
        primaries += report->probes[i]->purpose == MXTLS_PROBE_PRIMARY;
    for (size_t i = 0; i < report->n_findings; i++)
        timeouts += report->findings[i]->code == MXTLS_F_SMTP_NO_BANNER ||
                    report->findings[i]->code == MXTLS_F_NET_TIMEOUT;
    ck_assert_msg(primaries < 3, "%zu of 3 hosts probed in a 1.5 s check", primaries);
    ck_assert_msg(timeouts == primaries, "%zu timeouts for %zu probes made: %s", timeouts,
                  primaries, finding_list(report));
    if (!mxtls_test_under_valgrind())   /* DNS under valgrind takes seconds */
        ck_assert_msg(report->elapsed_ms < r->check_ms + 700, "took %lld ms",
                      (long long)report->elapsed_ms);
    mxtls_report_free(report);
}
END_TEST

/* Side by side (the default), the same three hosts take one probe's time,
 * and the deadline still bounds them: with a check shorter than one
 * probe's timeout every probe is cut short, none is blamed, and the check
 * says so. Longer, all three are made, and each silent host is named. */
START_TEST(side_by_side_probes_keep_the_deadline)
{
    const struct row *base = NULL;
    for (int i = 0; i < N_ROWS && base == NULL; i++)
        if (ROWS[i].check_ms != 0)
            base = &ROWS[i];
    ck_assert_ptr_nonnull(base);
    struct row r = *base;
    r.at_once = 0;
    r.check_ms = 600;
    mxtls_report *report = run_check(&r);
    ck_assert_msg(find_id(report, "check.deadline") != NULL, "no check.deadline: %s",
                  finding_list(report));
    ck_assert_msg(find_id(report, "net.timeout") == NULL &&
                      find_id(report, "smtp.no-banner") == NULL,
                  "a probe cut short was blamed: %s", finding_list(report));
    if (!mxtls_test_under_valgrind())
        ck_assert_msg(report->elapsed_ms < r.check_ms + 700, "took %lld ms",
                      (long long)report->elapsed_ms);
    mxtls_report_free(report);

    r.check_ms = 2500;
    report = run_check(&r);
    size_t primaries = 0;
    for (size_t i = 0; i < report->n_probes; i++)
        primaries += report->probes[i]->purpose == MXTLS_PROBE_PRIMARY;
    ck_assert_msg(primaries == 3, "%zu of 3 hosts probed: %s", primaries, finding_list(report));
    ck_assert_msg(find_id(report, "smtp.no-banner") != NULL &&
                      find_id(report, "net.timeout") != NULL,
                  "silent hosts not named: %s", finding_list(report));
    mxtls_report_free(report);
}
END_TEST

/* net.egress-blocked is confirmed, never guessed: the same silent MX hosts
 * (port 587 answers) with a reference host that answers on port 25, or
 * with none to try, keep their own net.timeout and get no egress finding;
 * a refused MX with a silent reference host does get it, with the refusal
 * folded under it. */
static const struct row EGRESS_CASES[] = {
    {.target = "net-egress." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET,
     .waits = 1, .reference = REFERENCE_OPEN},
    {.target = "net-egress." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET,
     .waits = 1, .reference = ""},
    {.target = "net-refused." ZONE, .profile = MXTLS_PROFILE_MX, .implicit_tls = UNSET,
     .waits = 1, .reference = REFERENCE_BLOCKED},
};
#define N_EGRESS_CASES ((int)(sizeof EGRESS_CASES / sizeof EGRESS_CASES[0]))

START_TEST(egress_is_confirmed_not_guessed)
{
    const struct row *r = &EGRESS_CASES[_i];
    int blocked = strcmp(r->reference, REFERENCE_BLOCKED) == 0;
    const char *own = strstr(r->target, "refused") ? "net.refused" : "net.timeout";
    mxtls_report *report = run_check(r);
    const mxtls_finding *egress = find_id(report, "net.egress-blocked");
    const mxtls_finding *symptom = find_id(report, own);
    printf("# %s, reference \"%s\": %s\n", r->target, r->reference, finding_list(report));
    ck_assert_msg(symptom != NULL, "%s: no %s: %s", r->target, own, finding_list(report));
    ck_assert_msg((egress != NULL) == blocked, "%s with reference \"%s\": %s", r->target,
                  r->reference, finding_list(report));
    if (blocked) {
        ck_assert_ptr_nonnull(strstr(egress->evidence, REFERENCE_BLOCKED));
        ck_assert_ptr_nonnull(strstr(egress->evidence, "timed out"));
        ck_assert_int_ge(symptom->caused_by, 0);
        ck_assert_ptr_eq(report->findings[symptom->caused_by], egress);
        /* about where the check ran, not the domain (issue 15) */
        ck_assert_int_eq(egress->about, MXTLS_ABOUT_ENVIRONMENT);
        ck_assert_int_eq(symptom->about, MXTLS_ABOUT_ENVIRONMENT);
        ck_assert_int_eq(report->environment_verdict, MXTLS_VERDICT_ERROR);
        ck_assert_int_eq(report->verdict, MXTLS_VERDICT_OK);
    } else {
        ck_assert_int_lt(symptom->caused_by, 0);
        ck_assert_int_eq(symptom->about, MXTLS_ABOUT_TARGET);
        ck_assert_int_eq(report->environment_verdict, MXTLS_VERDICT_OK);
        ck_assert_int_eq(report->verdict, MXTLS_VERDICT_ERROR);
    }
    mxtls_report_free(report);
}
END_TEST

START_TEST(out_of_descriptors_is_a_clear_error)
{
    static const struct row healthy = {.target = "healthy." ZONE, .profile = MXTLS_PROFILE_MX};
    mxtls_ctx *ctx = lab_ctx(&healthy);
    mxtls_report *report = NULL;
    struct rlimit old, tight;
    if (mxtls_test_under_valgrind()) {
        printf("# skipped: valgrind keeps its own descriptor limit\n");
        mxtls_ctx_free(ctx);
        return;
    }
    /* Once: the resolver's sockets and answers are then in place. */
    ck_assert_int_eq(mxtls_check(ctx, healthy.target, MXTLS_PROFILE_MX, &report), MXTLS_OK);
    mxtls_report_free(report);
    report = NULL;
    ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &old), 0);
    tight = old;
    tight.rlim_cur = (rlim_t)open_descriptors();
    ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &tight), 0);
    mxtls_status st = mxtls_check(ctx, healthy.target, MXTLS_PROFILE_MX, &report);
    ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &old), 0);
    ck_assert_int_eq(st, MXTLS_EIO);
    ck_assert_ptr_null(report);
    ck_assert_msg(strstr(mxtls_ctx_error_detail(ctx), "RLIMIT_NOFILE") != NULL, "%s",
                  mxtls_ctx_error_detail(ctx));
    mxtls_ctx_free(ctx);
}
END_TEST

static Suite *check_suite(void)
{
    Suite *s = suite_create("check");
    /* A row probes every address and its follow-ups, each bounded by the
     * stage timeouts above; a timeout row needs a few of them. */
    double budget = (double)mxtls_test_slack_ms(60000) / 1000.0;

    if (getenv("MXTLS_LAB_UNREACHABLE") != NULL) {   /* only certs and dns run */
        TCase *unreachable = tcase_create("unreachable");
        tcase_set_timeout(unreachable, budget);
        tcase_add_test(unreachable, unreachable_is_produced);
        suite_add_tcase(s, unreachable);
        return s;
    }
    TCase *table = tcase_create("table");
    tcase_add_test(table, every_id_has_a_row);
    tcase_add_test(table, out_of_descriptors_is_a_clear_error);
    tcase_add_test(table, the_deadline_bounds_a_check);
    tcase_add_test(table, side_by_side_probes_keep_the_deadline);
    suite_add_tcase(s, table);
    TCase *healthy = tcase_create("healthy");
    tcase_set_timeout(healthy, budget);
    tcase_add_loop_test(healthy, healthy_has_no_warning_or_error, 0, N_HEALTHY);
    tcase_add_loop_test(healthy, healthy_lacks_every_problem_id, 0, N_HEALTHY);
    tcase_add_loop_test(healthy, an_empty_ca_store_is_one_finding_about_the_checker, 0, 2);
    suite_add_tcase(s, healthy);
    TCase *rows = tcase_create("findings");
    tcase_set_timeout(rows, budget);
    tcase_add_loop_test(rows, finding_is_produced, 0, N_ROWS);
    tcase_add_loop_test(rows, egress_is_confirmed_not_guessed, 0, N_EGRESS_CASES);
    suite_add_tcase(s, rows);
    return s;
}

int main(void)
{
    return mxtls_test_run(check_suite());
}
