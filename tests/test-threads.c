/* Thread safety: N threads, each with its own context, run full checks
 * against the lab at once, and the process-wide pieces (lazy library
 * initialisation in GnuTLS, libunbound and libcurl, the built-in proxy
 * ranges, the finding catalogue, the static name tables) are used for the
 * first time from several threads together, and one report is rendered by
 * several threads at once (a report is only read by its renderers).
 *
 * What it asserts: every threaded report has the finding ids and verdict that
 * the same target gave when the main thread checked it alone first, and every
 * rendering succeeds. What it is for: the ThreadSanitizer build (scripts/test,
 * build-tsan) runs it, and there any data race fails it.
 *
 * N is 8 (2 under the valgrind setup); MXTLS_TEST_THREADS overrides it
 * (1..64).
 *
 * Run under `with_lab.py --certs --dns --smtp --https`. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

#define DEFAULT_THREADS 8
#define VALGRIND_THREADS 2
#define MAX_THREADS 64
#define IDS_SIZE 2048
#define ERROR_SIZE 1024

/* The lab, read once in the main thread: the workers never call getenv(). */
struct lab {
    char ca_file[1024];
    const char *zone;
    const char *dns;
    const char *trust_anchor;
    const char *proxy_ranges;
    const char *postfix;       /* the submission target: Postfix's address */
    const char *sts_domain;    /* a domain nginx serves an enforce policy for */
    const char *https;         /* nginx's address */
};

static struct lab lab;

/* A mix that takes every path of a check: several MX hosts with DANE and
 * MTA-STS TXT, a non-LDH MX with SNI follow-up probes, a CDN origin name,
 * IPv4 and IPv6, null MX, NXDOMAIN, DNSSEC bogus, a CNAME MX, two STS
 * records, and a submission host (587 STARTTLS, 465 implicit TLS). None of
 * them waits for a timeout, so the outcome does not depend on load. */
struct target {
    const char *name;          /* NULL: lab.postfix */
    int32_t profile;
};

static const struct target targets[] = {
    { "secure.mxtls.test", MXTLS_PROFILE_MX },
    { "cdn.mxtls.test", MXTLS_PROFILE_MX },
    { "cdn2.mxtls.test", MXTLS_PROFILE_MX },
    { "dual.mxtls.test", MXTLS_PROFILE_MX },
    { "nullmx.mxtls.test", MXTLS_PROFILE_MX },
    { "no-such-name.mxtls.test", MXTLS_PROFILE_MX },
    { "bogus.mxtls.test", MXTLS_PROFILE_MX },
    { "cname-mx.mxtls.test", MXTLS_PROFILE_MX },
    { "twosts.mxtls.test", MXTLS_PROFILE_MX },
    { NULL, MXTLS_PROFILE_SUBMISSION },
};
#define N_TARGETS (sizeof targets / sizeof targets[0])

/* What a single-threaded check of each target gave. */
struct outcome {
    char ids[IDS_SIZE];        /* finding ids in report order, space-separated */
    int32_t verdict;
};

static struct outcome expected[N_TARGETS];

/* One worker's state; the main thread reads error only after joining. */
struct worker {
    pthread_t thread;
    size_t index;
    size_t checks;             /* full checks that matched the expectation */
    char error[ERROR_SIZE];    /* first failure, "" if none */
};

/* Check's ck_assert may only fail the test from the main thread: workers
 * record their first failure here and stop. */
__attribute__((format(printf, 2, 3)))
static int worker_fail(struct worker *w, const char *fmt, ...)
{
    va_list ap;

    if (w->error[0] == '\0') {
        va_start(ap, fmt);
        vsnprintf(w->error, sizeof w->error, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* MXTLS_TEST_THREADS, else 8; else 2 under valgrind (the valgrind setup
 * sets MXTLS_TEST_TIME_FACTOR): memcheck runs one thread at a time, so 8
 * would find no more leaks, only take four times as long. */
static int thread_count(void)
{
    const char *env = getenv("MXTLS_TEST_THREADS");
    int n = env ? atoi(env) : mxtls_test_slack_ms(1) > 1 ? VALGRIND_THREADS : DEFAULT_THREADS;

    ck_assert_msg(n >= 1 && n <= MAX_THREADS, "MXTLS_TEST_THREADS=%s: want 1..%d", env,
                  MAX_THREADS);
    return n;
}

static void read_lab(void)
{
    snprintf(lab.ca_file, sizeof lab.ca_file, "%s/root.pem",
             mxtls_test_env("MXTLS_LAB_CERTS"));
    lab.zone = mxtls_test_env("MXTLS_LAB_DNS_ZONE");
    lab.dns = mxtls_test_env("MXTLS_LAB_DNS");
    lab.trust_anchor = mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR");
    lab.proxy_ranges = mxtls_test_env("MXTLS_LAB_PROXY_RANGES");
    lab.postfix = mxtls_test_env("MXTLS_LAB_POSTFIX");
    lab.sts_domain = mxtls_test_env("MXTLS_LAB_STS_ENFORCE");
    lab.https = mxtls_test_env("MXTLS_LAB_HTTPS");
}

static const char *target_name(const struct target *t)
{
    return t->name ? t->name : lab.postfix;
}

/* A context set up as the other lab tests set theirs up. NULL on failure,
 * with the reason in w. */
static mxtls_ctx *lab_ctx(struct worker *w)
{
    mxtls_ctx *ctx = NULL;
    mxtls_status s = mxtls_ctx_new(&ctx);

    if (s != MXTLS_OK) {
        worker_fail(w, "mxtls_ctx_new: %s", mxtls_strerror(s));
        return NULL;
    }
    if ((s = mxtls_ctx_use_forwarder(ctx, lab.dns)) != MXTLS_OK ||
        (s = mxtls_ctx_add_stub_zone(ctx, lab.zone, lab.dns)) != MXTLS_OK ||
        (s = mxtls_ctx_set_trust_anchor_file(ctx, lab.trust_anchor)) != MXTLS_OK ||
        (s = mxtls_ctx_set_ca_file(ctx, lab.ca_file)) != MXTLS_OK ||
        (s = mxtls_ctx_set_proxy_ranges_file(ctx, lab.proxy_ranges)) != MXTLS_OK ||
        (s = mxtls_ctx_set_helo_name(ctx, "probe.mxtls.test")) != MXTLS_OK ||
        (s = mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, 20000)) != MXTLS_OK) {
        worker_fail(w, "configuring a context: %s: %s", mxtls_status_name(s),
             mxtls_ctx_error_detail(ctx));
        mxtls_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

static void report_ids(const mxtls_report *r, struct outcome *out)
{
    size_t used = 0;

    out->ids[0] = '\0';
    out->verdict = r->verdict;
    for (size_t i = 0; i < r->n_findings && used < sizeof out->ids; i++)
        used += (size_t)snprintf(out->ids + used, sizeof out->ids - used, "%s%s",
                                 i ? " " : "", r->findings[i]->id);
}

/* Both renderings: they must succeed and say what the report says. */
static int render(struct worker *w, const mxtls_report *r, const char *name)
{
    mxtls_buffer *text = NULL, *json = NULL;
    char verdict[64];
    int rc = 0;

    snprintf(verdict, sizeof verdict, "\"%s\"", mxtls_verdict_name(r->verdict));
    if (mxtls_report_text(r, MXTLS_RENDER_TRANSCRIPT, &text) != MXTLS_OK ||
        mxtls_report_json(r, 0, &json) != MXTLS_OK)
        rc = worker_fail(w, "%s: rendering failed", name);
    else if (text->length != strlen(text->data) || strstr(text->data, r->summary) == NULL)
        rc = worker_fail(w, "%s: the text lacks the summary \"%s\"", name, r->summary);
    else if (json->data[0] != '{' || strstr(json->data, "mxtls-report/1") == NULL ||
             strstr(json->data, verdict) == NULL)
        rc = worker_fail(w, "%s: the JSON lacks the schema or verdict %s", name, verdict);
    mxtls_buffer_free(text);
    mxtls_buffer_free(json);
    return rc;
}

/* Progress lines from every thread, through one shared options object. */
static atomic_long progress_lines;

static void count_line(void *user, const char *line)
{
    (void)user;
    if (line != NULL && line[0] != '\0')
        atomic_fetch_add(&progress_lines, 1);
}

static mxtls_check_options *shared_options;

/* Check target i in ctx (with the shared options, from a worker) and render
 * the report; what it found goes to got. */
static int check_one(struct worker *w, mxtls_ctx *ctx, size_t i, const mxtls_check_options *opts,
                     struct outcome *got)
{
    const char *name = target_name(&targets[i]);
    mxtls_report *r = NULL;
    mxtls_status s = mxtls_check_with(ctx, name, targets[i].profile, opts, &r);
    int rc;

    if (s != MXTLS_OK) {
        mxtls_report_free(r);
        return worker_fail(w, "check %s: %s: %s", name, mxtls_status_name(s),
                           mxtls_ctx_error_detail(ctx));
    }
    report_ids(r, got);
    rc = render(w, r, name);
    mxtls_report_free(r);
    return rc;
}

/* 0 when got is what target i gave the main thread alone. */
static int compare(struct worker *w, size_t i, const struct outcome *got)
{
    if (got->verdict != expected[i].verdict || strcmp(got->ids, expected[i].ids) != 0)
        return worker_fail(w, "check %s: verdict %s, findings [%s]; alone it gave %s, [%s]",
                           target_name(&targets[i]), mxtls_verdict_name(got->verdict), got->ids,
                           mxtls_verdict_name(expected[i].verdict), expected[i].ids);
    w->checks++;
    return 0;
}

/* What each target gives when the main thread checks it alone. */
static void expect_single_threaded(void)
{
    struct worker main_worker = { .index = 0 };
    mxtls_ctx *ctx = lab_ctx(&main_worker);

    ck_assert_msg(ctx != NULL, "%s", main_worker.error);
    for (size_t i = 0; i < N_TARGETS; i++) {
        check_one(&main_worker, ctx, i, NULL, &expected[i]);
        ck_assert_msg(main_worker.error[0] == '\0', "%s", main_worker.error);
        /* The lab gives each of these a finding; an empty list would mean
         * that the comparisons compare nothing. */
        ck_assert_msg(expected[i].ids[0] != '\0', "%s: no findings", target_name(&targets[i]));
    }
    mxtls_ctx_free(ctx);
}

/* A bad target fails with a reason in this ctx's own detail buffer, whatever
 * other threads' contexts hold in theirs. */
static int bad_target(struct worker *w, mxtls_ctx *ctx)
{
    char target[64];
    mxtls_report *r = NULL;

    snprintf(target, sizeof target, "t%zu..invalid", w->index);
    if (mxtls_check(ctx, target, MXTLS_PROFILE_MX, &r) != MXTLS_EINVAL || r != NULL)
        return worker_fail(w, "check %s: not MXTLS_EINVAL", target);
    if (strstr(mxtls_ctx_error_detail(ctx), target) == NULL)
        return worker_fail(w, "check %s: the detail \"%s\" is not about it", target,
                           mxtls_ctx_error_detail(ctx));
    return 0;
}

/* Every target once, starting at a different one in each thread, so that
 * different checks overlap. */
static void *check_all(void *arg)
{
    struct worker *w = arg;
    mxtls_ctx *ctx = lab_ctx(w);

    for (size_t k = 0; ctx != NULL && k < N_TARGETS; k++) {
        size_t i = (w->index + k) % N_TARGETS;
        struct outcome got;

        if (check_one(w, ctx, i, shared_options, &got) < 0 || compare(w, i, &got) < 0 ||
            (k == N_TARGETS / 2 && bad_target(w, ctx) < 0))
            break;
    }
    mxtls_ctx_free(ctx);
    return NULL;
}

/* Start n workers on fn, join them, and fail with the first error. Returns
 * the number of checks that matched. */
static size_t run_workers(int n, void *(*fn)(void *))
{
    struct worker workers[MAX_THREADS];
    size_t checks = 0;

    memset(workers, 0, sizeof workers);
    for (int i = 0; i < n; i++) {
        workers[i].index = (size_t)i;
        ck_assert_int_eq(pthread_create(&workers[i].thread, NULL, fn, &workers[i]), 0);
    }
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(pthread_join(workers[i].thread, NULL), 0);
    for (int i = 0; i < n; i++) {
        ck_assert_msg(workers[i].error[0] == '\0', "thread %d: %s", i, workers[i].error);
        checks += workers[i].checks;
    }
    return checks;
}

START_TEST(threads_with_their_own_contexts_agree_with_one_thread)
{
    int n = thread_count();

    read_lab();
    expect_single_threaded();
    ck_assert_int_eq(mxtls_check_options_new(&shared_options), MXTLS_OK);
    ck_assert_int_eq(mxtls_check_options_set_progress(shared_options, count_line, NULL),
                     MXTLS_OK);
    atomic_store(&progress_lines, 0);
    ck_assert_uint_eq(run_workers(n, check_all), (size_t)n * N_TARGETS);
    ck_assert_int_ge(atomic_load(&progress_lines), n * (long)N_TARGETS);
    mxtls_check_options_free(shared_options);
    shared_options = NULL;
}
END_TEST

/* ---- first use of the library from several threads at once --------------- */

/* Workers wait here, so that their first calls into the library overlap. */
static pthread_barrier_t start_line;

static const char gmail_47[] =
    "TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): "
    "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_ILLEGAL_PARAMETER: "
    "SSL alert number 47";

/* The static tables: status texts, finding ids, alert names, profile names. */
static int static_tables(struct worker *w)
{
    if (strcmp(mxtls_strerror(MXTLS_EINVAL), "invalid argument") != 0 ||
        strcmp(mxtls_status_name(MXTLS_ETLS), "MXTLS_ETLS") != 0 ||
        strcmp(mxtls_version_string(), MXTLS_VERSION_STRING) != 0 ||
        mxtls_finding_code_of(mxtls_finding_id(MXTLS_F_CERT_EXPIRED)) != MXTLS_F_CERT_EXPIRED ||
        strcmp(mxtls_alert_name(47), "illegal_parameter") != 0 ||
        strcmp(mxtls_severity_name(MXTLS_SEVERITY_ERROR), "error") != 0 ||
        strcmp(mxtls_profile_name(MXTLS_PROFILE_SUBMISSION), "submission") != 0 ||
        mxtls_limit(MXTLS_LIMIT_MX_HOSTS) != 16)
        return worker_fail(w, "a static table gave a wrong answer");
    return 0;
}

/* The explanation catalogue, as a user's pasted text reaches it. */
static int explain(struct worker *w)
{
    mxtls_explanation *e = NULL;
    mxtls_buffer *text = NULL;
    int rc = 0;

    if (mxtls_explain(NULL, gmail_47, &e) != MXTLS_OK ||
        mxtls_explanation_text(e, &text) != MXTLS_OK)
        rc = worker_fail(w, "mxtls_explain failed");
    else if (e->alert != 47 || e->n_findings == 0 ||
             strcmp(e->likely_causes[0]->id, "tls.sni-rejected") != 0 ||
             strstr(text->data, "illegal_parameter") == NULL)
        rc = worker_fail(w, "mxtls_explain: alert %d, first cause %s", (int)e->alert,
                         e->n_findings ? e->likely_causes[0]->id : "(none)");
    mxtls_buffer_free(text);
    mxtls_explanation_free(e);
    return rc;
}

/* libcurl's global init, through an MTA-STS fetch from nginx. */
static int mtasts(struct worker *w, mxtls_ctx *ctx)
{
    static const char *const txt[] = { "v=STSv1; id=20260101T000000;" };
    char mx[300];
    const char *mxs[1] = { mx };
    mxtls_mtasts_result *res = NULL;
    int rc = 0;

    snprintf(mx, sizeof mx, "mail.%s", lab.sts_domain);
    if (mxtls_mtasts_check(ctx, lab.sts_domain, txt, 1, lab.https, mxs, 1, &res) != MXTLS_OK)
        rc = worker_fail(w, "mxtls_mtasts_check: %s", mxtls_ctx_error_detail(ctx));
    else if (res->outcome != MXTLS_MTASTS_POLICY || res->mode != MXTLS_MTASTS_MODE_ENFORCE)
        rc = worker_fail(w, "mxtls_mtasts_check: %s", res->detail);
    mxtls_mtasts_result_free(res);
    return rc;
}

/* The built-in proxy ranges: a default context classifies Cloudflare's
 * published address space. */
static int builtin_ranges(struct worker *w)
{
    mxtls_ctx *ctx = NULL;
    mxtls_address *a = NULL;
    int rc = 0;

    if (mxtls_ctx_new(&ctx) != MXTLS_OK || mxtls_address_parse(ctx, "104.16.1.1", &a) != MXTLS_OK)
        rc = worker_fail(w, "a default context or an address failed");
    else if (a->proxy_provider == NULL || strcmp(a->proxy_provider, "cloudflare") != 0)
        rc = worker_fail(w, "104.16.1.1 is not in the built-in Cloudflare ranges");
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);
    return rc;
}

/* The two targets the first-use workers check: an MX domain (libunbound,
 * then GnuTLS) and the submission host (GnuTLS without DNS). */
#define FIRST_MX 0
#define FIRST_SUBMISSION (N_TARGETS - 1)

/* What a first-use worker's checks gave, compared after the join. */
static struct outcome first_outcomes[MAX_THREADS][2];

static void *first_use(void *arg)
{
    struct worker *w = arg;
    struct outcome *got = first_outcomes[w->index];
    mxtls_ctx *ctx;

    pthread_barrier_wait(&start_line);
    if (static_tables(w) < 0 || explain(w) < 0 || builtin_ranges(w) < 0)
        return NULL;
    ctx = lab_ctx(w);
    /* Half the threads start with HTTPS (libcurl), half with a check
     * (libunbound and GnuTLS), so each first use overlaps the others. */
    if (ctx != NULL && w->index % 2 == 0)
        (void)(mtasts(w, ctx) == 0 && check_one(w, ctx, FIRST_MX, NULL, &got[0]) == 0 &&
               check_one(w, ctx, FIRST_SUBMISSION, NULL, &got[1]) == 0);
    else if (ctx != NULL)
        (void)(check_one(w, ctx, FIRST_SUBMISSION, NULL, &got[1]) == 0 &&
               check_one(w, ctx, FIRST_MX, NULL, &got[0]) == 0 && mtasts(w, ctx) == 0);
    mxtls_ctx_free(ctx);
    return NULL;
}

START_TEST(first_use_from_several_threads_at_once)
{
    struct worker main_worker = { .index = 0 };
    int n = thread_count();

    /* Check forks each test, so the workers' calls are this process's first
     * calls into the library (with CK_FORK=no they are merely early). */
    read_lab();
    ck_assert_int_eq(pthread_barrier_init(&start_line, NULL, (unsigned)n), 0);
    run_workers(n, first_use);
    ck_assert_int_eq(pthread_barrier_destroy(&start_line), 0);

    /* Only now does the main thread learn what the targets give alone. */
    expect_single_threaded();
    for (int i = 0; i < n; i++) {
        struct worker *w = &main_worker;
        w->index = (size_t)i;
        compare(w, FIRST_MX, &first_outcomes[i][0]);
        compare(w, FIRST_SUBMISSION, &first_outcomes[i][1]);
        ck_assert_msg(w->error[0] == '\0', "thread %d: %s", i, w->error);
    }
}
END_TEST

/* ---- one report, rendered by several threads at once ----------------------- */

/* The report the workers share, and its renderings made by the main thread. */
static const mxtls_report *shared_report;
static mxtls_buffer *want_text, *want_json;

static void *render_shared(void *arg)
{
    struct worker *w = arg;

    for (int k = 0; k < 4; k++) {
        mxtls_buffer *text = NULL, *json = NULL;

        if (mxtls_report_text(shared_report, MXTLS_RENDER_TRANSCRIPT, &text) != MXTLS_OK ||
            mxtls_report_json(shared_report, MXTLS_RENDER_PRETTY, &json) != MXTLS_OK)
            worker_fail(w, "rendering the shared report failed");
        else if (strcmp(text->data, want_text->data) != 0 ||
                 strcmp(json->data, want_json->data) != 0)
            worker_fail(w, "a rendering differs from the main thread's");
        mxtls_buffer_free(text);
        mxtls_buffer_free(json);
        w->checks++;
    }
    return NULL;
}

START_TEST(threads_render_one_report_at_once)
{
    struct worker main_worker = { .index = 0 };
    mxtls_report *r = NULL;
    mxtls_ctx *ctx;
    int n = thread_count();

    read_lab();
    ctx = lab_ctx(&main_worker);
    ck_assert_msg(ctx != NULL, "%s", main_worker.error);
    /* secure.mxtls.test: several probes, transcripts and findings. */
    ck_assert_int_eq(mxtls_check(ctx, targets[0].name, targets[0].profile, &r), MXTLS_OK);
    ck_assert_int_eq(mxtls_report_text(r, MXTLS_RENDER_TRANSCRIPT, &want_text), MXTLS_OK);
    ck_assert_int_eq(mxtls_report_json(r, MXTLS_RENDER_PRETTY, &want_json), MXTLS_OK);
    shared_report = r;
    ck_assert_uint_eq(run_workers(n, render_shared), (size_t)n * 4);
    mxtls_buffer_free(want_text);
    mxtls_buffer_free(want_json);
    mxtls_report_free(r);
    mxtls_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");

    /* Several rounds of full checks in 8 threads; ThreadSanitizer makes the
     * instrumented parts several times slower. */
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, first_use_from_several_threads_at_once);
    tcase_add_test(tc, threads_with_their_own_contexts_agree_with_one_thread);
    tcase_add_test(tc, threads_render_one_report_at_once);
    suite_add_tcase(s, tc);
    return mxtls_test_run(s);
}
