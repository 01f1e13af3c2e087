/* mxtls-batch-bench: the client side of the farm benchmark.
 *
 *   mxtls-batch-bench --dns ADDR@PORT --zone ZONE --anchor FILE --ca FILE
 *                     (--targets FILE --concurrency N [--out FILE] | --one DOMAIN)
 *                     [--dns-tcp yes]
 *
 * --targets: runs every domain of FILE (one a line) through one batch
 * engine (mxtls_engine_*) with at most N checks in flight, then prints one
 * JSON object: counts by verdict, wall time, and this process's own CPU
 * time (getrusage RUSAGE_SELF, around the batch only: context set-up is not
 * counted) and peak RSS (VmHWM). --out writes one line per finished check:
 * "TARGET<TAB>STATUS<TAB>VERDICT<TAB>MS<TAB>FINDING<TAB>WHY" (the
 * check's wall time and its worst root cause), so the caller can check that
 * every target got exactly one line and which ones failed.
 * Under callgrind --instr-atstart=no only the batch is instrumented, so its
 * Ir divided by the targets is the instructions per check (farm.py's floor
 * table). --one: one check of DOMAIN, for callgrind run with --instr-atstart=no
 * (prints "DOMAIN STATUS VERDICT handshakes N", N the probes whose TLS
 * handshake completed): the
 * check alone is instrumented, in every thread (libunbound resolves in one
 * of its own); --warm OTHER runs a check of another domain first,
 * uncounted, so one-time costs (the resolver's start-up and RNG seeding, the
 * trust store's first use) are not charged to the measured check.
 *
 * Before the batch it raises RLIMIT_NOFILE to what N checks in flight need;
 * when the hard limit is too low it says so and exits 3 instead of letting
 * connects fail with EMFILE halfway through. --keep-nofile yes skips that,
 * to see what the engine itself does when descriptors run out. --dns-tcp yes
 * sends every DNS query over TCP (MXTLS_DNS_TRANSPORT_TCP), to compare its
 * system calls and CPU with UDP's. --wait poll waits with poll() over
 * mxtls_engine_fds() instead of the one descriptor of
 * mxtls_engine_watch_fd() (the default, as mxtls-check --batch does), to
 * compare the two.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>

#include "bench-callgrind.h"

#include <mxtls/engine.h>
#include <mxtls/mxtls.h>

#include "bench-clock.h"

/* Descriptors: one TCP socket per check in flight (a check's probes run
 * one after another), what libunbound may hold, and a margin for stdio,
 * files and GnuTLS. */
#define FDS_PER_CHECK 1
#define FD_MARGIN (MXTLS_ENGINE_RESOLVER_FDS + 256)

struct opts {
    const char *dns, *zone, *anchor, *ca, *targets, *out, *one, *warm;
    int concurrency;
    int keep_nofile;              /* --keep-nofile yes: leave the limit alone */
    int dns_tcp;                  /* --dns-tcp yes: MXTLS_DNS_TRANSPORT_TCP */
    int wait_poll;                /* --wait poll: mxtls_engine_fds() and poll() */
};

static int parse(int argc, char **argv, struct opts *o)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (strcmp(k, "--dns") == 0)
            o->dns = v;
        else if (strcmp(k, "--zone") == 0)
            o->zone = v;
        else if (strcmp(k, "--anchor") == 0)
            o->anchor = v;
        else if (strcmp(k, "--ca") == 0)
            o->ca = v;
        else if (strcmp(k, "--targets") == 0)
            o->targets = v;
        else if (strcmp(k, "--out") == 0)
            o->out = v;
        else if (strcmp(k, "--one") == 0)
            o->one = v;
        else if (strcmp(k, "--warm") == 0)
            o->warm = v;
        else if (strcmp(k, "--keep-nofile") == 0)
            o->keep_nofile = strcmp(v, "yes") == 0;
        else if (strcmp(k, "--dns-tcp") == 0)
            o->dns_tcp = strcmp(v, "yes") == 0;
        else if (strcmp(k, "--concurrency") == 0)
            o->concurrency = atoi(v);
        else if (strcmp(k, "--wait") == 0 && (strcmp(v, "poll") == 0 || strcmp(v, "watch") == 0))
            o->wait_poll = strcmp(v, "poll") == 0;
        else
            return -1;
    }
    return o->dns && o->zone && o->anchor && o->ca && (o->one || o->targets) &&
                   (o->one || o->concurrency >= 1)
               ? 0
               : -1;
}

static mxtls_ctx *make_ctx(const struct opts *o)
{
    mxtls_ctx *ctx = NULL;
    if (mxtls_ctx_new(&ctx) != MXTLS_OK)
        return NULL;
    if (mxtls_ctx_set_ca_file(ctx, o->ca) != MXTLS_OK ||
        mxtls_ctx_add_stub_zone(ctx, o->zone, o->dns) != MXTLS_OK ||
        mxtls_ctx_set_trust_anchor_file(ctx, o->anchor) != MXTLS_OK ||
        mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, 20000) != MXTLS_OK ||
        mxtls_ctx_set_dns_transport(ctx, o->dns_tcp ? MXTLS_DNS_TRANSPORT_TCP
                                                    : MXTLS_DNS_TRANSPORT_UDP) != MXTLS_OK) {
        fprintf(stderr, "mxtls-batch-bench: context: %s\n", mxtls_ctx_error_detail(ctx));
        mxtls_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

/* Raise the soft (and, if allowed, hard) descriptor limit for n in flight. */
static int ensure_nofile(int n)
{
    struct rlimit rl;
    rlim_t need = (rlim_t)n * FDS_PER_CHECK + FD_MARGIN;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return -1;
    if (rl.rlim_cur >= need)
        return 0;
    struct rlimit want = {need, rl.rlim_max > need ? rl.rlim_max : need};
    if (setrlimit(RLIMIT_NOFILE, &want) == 0)
        return 0;
    fprintf(stderr,
            "mxtls-batch-bench: error: RLIMIT_NOFILE is %llu (hard %llu) but %d checks in "
            "flight need about %llu descriptors (EMFILE otherwise); raise the hard limit "
            "(ulimit -Hn) or lower --concurrency\n",
            (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max, n,
            (unsigned long long)need);
    return -1;
}

static char **read_targets(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    char line[512];
    char **t = NULL;
    size_t cap = 0;
    *n = 0;
    if (!f)
        return NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0])
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            char **bigger = realloc(t, cap * sizeof *t);
            if (!bigger)
                break;
            t = bigger;
        }
        if (!(t[*n] = strdup(line)))
            break;
        (*n)++;
    }
    fclose(f);
    return t;
}

struct tally {
    size_t done, ok, warning, error, not_run;
};

static void record(FILE *out, struct tally *t, const char *target, mxtls_status st,
                   const mxtls_report *r, const mxtls_buffer *detail)
{
    t->done++;
    if (st != MXTLS_OK || !r)
        t->not_run++;
    else if (r->verdict == MXTLS_VERDICT_OK)
        t->ok++;
    else if (r->verdict == MXTLS_VERDICT_WARNING)
        t->warning++;
    else
        t->error++;
    /* The worst root cause says why a check failed: "1 error" would not. */
    const mxtls_finding *why = r && r->n_root_causes ? r->findings[0] : NULL;
    if (out)
        fprintf(out, "%s\t%s\t%s\t%lld\t%s\t%s\n", target, mxtls_status_name(st),
                r ? mxtls_verdict_name(r->verdict) : "-",
                r ? (long long)r->elapsed_ms : -1LL,
                why ? why->id : "-",
                why ? why->summary : (detail && detail->data ? detail->data : ""));
}

/* Write and free every finished report. */
static void drain(mxtls_engine *e, FILE *out, struct tally *t)
{
    mxtls_report *rep;
    mxtls_status st;
    void *user;
    mxtls_buffer *detail;
    while (mxtls_engine_next_done(e, &rep, &st, &user, &detail) == MXTLS_OK) {
        record(out, t, user, st, rep, detail);
        mxtls_report_free(rep);
        mxtls_buffer_free(detail);
    }
}

/* The loop mxtls-check --batch runs: wait on the engine's one descriptor,
 * let it work, and take each report as it finishes, so that memory holds
 * the checks in flight and not every report of the batch. */
static mxtls_status drive_watch(mxtls_engine *e, FILE *out, struct tally *t)
{
    int fd = -1;
    mxtls_status st = mxtls_engine_watch_fd(e, &fd);
    for (; st == MXTLS_OK;) {
        drain(e, out, t);
        if (mxtls_engine_pending(e) == 0)
            break;
        int64_t timeout = mxtls_engine_timeout_ms(e);
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, timeout > INT_MAX ? INT_MAX : (int)timeout) < 0 && errno != EINTR)
            return MXTLS_EIO;
        st = mxtls_engine_dispatch(e);
    }
    return st;
}

/* The same with poll() over every descriptor of mxtls_engine_fds(). */
static mxtls_status drive_poll(mxtls_engine *e, FILE *out, struct tally *t)
{
    mxtls_pollfd *fds = NULL;
    size_t cap = 0;
    mxtls_status st = MXTLS_OK;
    for (;;) {
        drain(e, out, t);
        if (mxtls_engine_pending(e) == 0)
            break;
        size_t n = 0;
        if ((st = mxtls_engine_fds(e, NULL, 0, &n)) != MXTLS_OK)
            break;
        if (n > cap) {
            mxtls_pollfd *grown = realloc(fds, n * sizeof *fds);
            if (grown == NULL) {
                st = MXTLS_ENOMEM;
                break;
            }
            fds = grown;
            cap = n;
        }
        if ((st = mxtls_engine_fds(e, fds, n, &n)) != MXTLS_OK)
            break;
        int64_t timeout = mxtls_engine_timeout_ms(e);
        if (poll((struct pollfd *)fds, n, timeout > INT_MAX ? INT_MAX : (int)timeout) < 0 &&
            errno != EINTR) {
            st = MXTLS_EIO;
            break;
        }
        if ((st = mxtls_engine_process(e, fds, n)) != MXTLS_OK)
            break;
    }
    free(fds);
    return st;
}

static int run_batch(mxtls_ctx *ctx, const struct opts *o)
{
    size_t n = 0;
    char **targets = read_targets(o->targets, &n);
    if (!targets || n == 0) {
        fprintf(stderr, "mxtls-batch-bench: no targets in %s\n", o->targets);
        return 2;
    }
    if (!o->keep_nofile && ensure_nofile(o->concurrency) != 0)
        return 3;
    FILE *out = o->out ? fopen(o->out, "w") : NULL;
    mxtls_engine *e = NULL;
    struct tally t = {0};
    struct rusage r0, r1;
    CALLGRIND_START_INSTRUMENTATION;
    getrusage(RUSAGE_SELF, &r0);
    double w0 = bench_now_s();
    if (mxtls_engine_new(ctx, &e) != MXTLS_OK ||
        mxtls_engine_set_limits(e, o->concurrency, MXTLS_ENGINE_DEFAULT_PER_DESTINATION) !=
            MXTLS_OK)
        return 2;
    for (size_t i = 0; i < n; i++)
        if (mxtls_engine_add(e, targets[i], MXTLS_PROFILE_MX, NULL, targets[i]) != MXTLS_OK)
            return 2;
    mxtls_status run = o->wait_poll ? drive_poll(e, out, &t) : drive_watch(e, out, &t);
    double wall = bench_now_s() - w0;
    mxtls_engine_free(e);
    getrusage(RUSAGE_SELF, &r1);
    CALLGRIND_STOP_INSTRUMENTATION;
    if (out)
        fclose(out);
    printf("{\"checks\": %zu, \"done\": %zu, \"ok\": %zu, \"warning\": %zu, \"error\": %zu, "
           "\"not_run\": %zu, \"run_status\": \"%s\", \"concurrency\": %d, "
           "\"wall_s\": %.4f, \"user_s\": %.4f, \"sys_s\": %.4f, \"maxrss_kib\": %ld}\n",
           n, t.done, t.ok, t.warning, t.error, t.not_run, mxtls_status_name(run),
           o->concurrency, wall, bench_tv_s(r1.ru_utime) - bench_tv_s(r0.ru_utime),
           bench_tv_s(r1.ru_stime) - bench_tv_s(r0.ru_stime), bench_peak_rss_kib());
    for (size_t i = 0; i < n; i++)
        free(targets[i]);
    free(targets);
    return run == MXTLS_OK && t.done == n ? 0 : 1;
}

static mxtls_status measured_check(mxtls_ctx *ctx, const char *domain, mxtls_report **r)
{
    CALLGRIND_START_INSTRUMENTATION;
    mxtls_status st = mxtls_check_with(ctx, domain, MXTLS_PROFILE_MX, NULL, r);
    CALLGRIND_STOP_INSTRUMENTATION;
    return st;
}

static int run_one(mxtls_ctx *ctx, const char *domain, const char *warm)
{
    mxtls_report *r = NULL;
    if (warm) {
        mxtls_check_with(ctx, warm, MXTLS_PROFILE_MX, NULL, &r);
        mxtls_report_free(r);
        r = NULL;
    }
    mxtls_status st = measured_check(ctx, domain, &r);
    size_t handshakes = 0; /* completed: farm.py divides the handshake Ir by it */
    for (size_t i = 0; r && i < r->n_probes; i++)
        handshakes += r->probes[i]->tls && r->probes[i]->tls->failure == MXTLS_TLS_OK;
    printf("%s %s %s handshakes %zu\n", domain, mxtls_status_name(st),
           r ? mxtls_verdict_name(r->verdict) : "-", handshakes);
    int ok = st == MXTLS_OK && r && r->verdict == MXTLS_VERDICT_OK;
    mxtls_report_free(r);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct opts o = {0};
    if (parse(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: mxtls-batch-bench --dns ADDR@PORT --zone ZONE --anchor FILE "
                        "--ca FILE (--targets FILE --concurrency N [--out FILE] [--wait poll|watch] "
                        "| --one D [--warm D])\n");
        return 2;
    }
    mxtls_ctx *ctx = make_ctx(&o);
    if (!ctx)
        return 2;
    int rc = o.one ? run_one(ctx, o.one, o.warm) : run_batch(ctx, &o);
    mxtls_ctx_free(ctx);
    return rc;
}
