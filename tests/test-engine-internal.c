/* The engine's insides against the lab: how deep the stage code goes on a
 * fiber's stack (so that MXTLS__FIBER_STACK has a measured margin), and
 * the engine's own count of connections per destination. Internal build:
 * new fiber stacks are filled with a canary there. */
#define _GNU_SOURCE
#include <check.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../src/engine/engine_int.h"
#include "../src/core/fiber.h"
#include "../src/core/wait.h"
#include "../src/engine/watch.h"
#include "faultinject.h"
#include "mxtls/mxtls.h"
#include "labctx.h"
#include "testlib.h"

static mxtls_ctx *lab_ctx(void)
{
    mxtls_ctx *ctx = mxtls_test_lab_ctx();
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL,
                                              (uint32_t)mxtls_test_slack_ms(10000)), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_CONNECT,
                                              (uint32_t)mxtls_test_slack_ms(1500)), MXTLS_OK);
    return ctx;
}

/* ---- stack depth ------------------------------------------------------------ */

struct deep {
    struct mxtls__fiber f;     /* first: the entry gets &f */
    mxtls_ctx *ctx;
    const char *sts_domain, *https;
};

/* The MTA-STS fetch (libcurl, GnuTLS, certificate checks) on a fiber's
 * stack. Outside the engine its waits poll as usual. */
static void fetch_entry(struct mxtls__fiber *f)
{
    struct deep *d = (struct deep *)(void *)f;
    static const char *const txt[] = {"v=STSv1; id=20261123"};
    char mx[300];
    snprintf(mx, sizeof mx, "mail.%s", d->sts_domain);
    const char *mxs[] = {mx};
    mxtls_mtasts_result *res = NULL;
    ck_assert_int_eq(mxtls_mtasts_check(d->ctx, d->sts_domain, txt, 1, d->https, mxs, 1, &res),
                     MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_MTASTS_POLICY);
    mxtls_mtasts_result_free(res);
}

START_TEST(stack_depth_has_a_margin)
{
    /* Whole checks, through the engine: the handshakes, verification, DANE. */
    mxtls_ctx *ctx = lab_ctx();
    mxtls_engine *e = NULL;
    ck_assert_int_eq(mxtls_engine_new(ctx, &e), MXTLS_OK);
    char sub[300], self[300];
    snprintf(sub, sizeof sub, "%s:465", mxtls_test_env("MXTLS_LAB_POSTFIX"));
    snprintf(self, sizeof self, "%s", mxtls_test_env("MXTLS_LAB_FAULT_SELFSIGNED"));
    const char *mx[] = {"secure.mxtls.test", "cdn.mxtls.test", "dual.mxtls.test"};
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(mxtls_engine_add(e, mx[i], MXTLS_PROFILE_MX, NULL, NULL), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_add(e, sub, MXTLS_PROFILE_SUBMISSION, NULL, NULL), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_add(e, self, MXTLS_PROFILE_SUBMISSION, NULL, NULL), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_run(e), MXTLS_OK);
    ck_assert_uint_eq(mxtls__engine_watch_late(e), 0);
    ck_assert_uint_eq(mxtls__engine_watch_stale(e), 0);
    size_t untouched = mxtls__engine_least_stack_untouched(e);
    mxtls_report *r;
    mxtls_status st;
    void *user;
    while (mxtls_engine_next_done(e, &r, &st, &user, NULL) == MXTLS_OK) {
        ck_assert_int_eq(st, MXTLS_OK);
        mxtls_report_free(r);
    }
    mxtls_engine_free(e);

    /* The MTA-STS fetch alone (the lab's policy domains have no MX of their
     * own to reach it through a check). */
    struct deep d = {.ctx = ctx, .sts_domain = mxtls_test_env("MXTLS_LAB_STS_ENFORCE"),
                     .https = mxtls_test_env("MXTLS_LAB_HTTPS")};
    struct mxtls__fiber_context home;
    ck_assert_int_eq(mxtls__fiber_stack_new(&d.f), 0);
    mxtls__fiber_prepare(&d.f, &home, fetch_entry);
    mxtls__fiber_resume(&d.f);
    ck_assert(d.f.finished);
    size_t fetch_untouched = mxtls__fiber_stack_untouched(&d.f);
    mxtls__fiber_stack_free(&d.f);
    mxtls_ctx_free(ctx);

    size_t used = MXTLS__FIBER_STACK - untouched;
    size_t fetch_used = MXTLS__FIBER_STACK - fetch_untouched;
    printf("# fiber stack %u bytes; deepest check used %zu, MTA-STS fetch used %zu\n",
           MXTLS__FIBER_STACK, used, fetch_used);
    ck_assert_uint_gt(used, 4096);   /* the canary did measure something */
    ck_assert_uint_lt(used, MXTLS__FIBER_STACK / 2);
    ck_assert_uint_lt(fetch_used, MXTLS__FIBER_STACK / 2);
}
END_TEST

/* ---- a stack overflow faults in the fiber's own guard --------------------- */

/* Shared with the forked child: where its fiber's guard is, and where the
 * fault landed. */
struct overflow_report {
    uintptr_t guard_low, guard_high;    /* [low, high) */
    uintptr_t fault;
};
static struct overflow_report *overflow_seen;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    overflow_seen->fault = (uintptr_t)si->si_addr;
    signal(sig, SIG_DFL);   /* the access is retried and kills the child */
}

/* A deep stack, then one 64 KiB frame (libunbound's sldns parser has one)
 * whose first touch is at its bottom: the stack is used down to its last
 * page a page at a time, as ordinary frames use it, then the big frame
 * lands about 60 KiB below the stack's end. Written by hand, so no
 * compiler's stack probing changes the pattern. */
#define BIG_FRAME (64u * 1024u)
static void overflow_entry(struct mxtls__fiber *f)
{
    (void)f;
    uint8_t here = 0;
    volatile uint8_t *p = &here;
    while ((uintptr_t)p - 4096u >= overflow_seen->guard_high) {
        p -= 4096u;
        *p = 1;
    }
    p -= BIG_FRAME;
    *p = 1;
}

static void overflow_child(void)
{
    /* Two stacks, as the engine maps them for two checks: mmap usually
     * puts the second right below the first, so with a one-page guard the
     * first's overflow wrote into the second's stack. */
    struct mxtls__fiber a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    if (mxtls__fiber_stack_new(&a) < 0 || mxtls__fiber_stack_new(&b) < 0)
        _exit(2);
    overflow_seen->guard_low = (uintptr_t)a.map;
    overflow_seen->guard_high = (uintptr_t)a.map + (a.map_size - MXTLS__FIBER_STACK);
    static uint8_t alt[64 * 1024];
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    if (sigaltstack(&ss, NULL) != 0 || sigaction(SIGSEGV, &sa, NULL) != 0)
        _exit(3);
    struct mxtls__fiber_context home;
    mxtls__fiber_prepare(&a, &home, overflow_entry);
    mxtls__fiber_resume(&a);
    _exit(4);   /* the big frame wrote below the guard, unnoticed */
}

START_TEST(stack_overflow_faults_in_its_own_guard)
{
    if (mxtls_test_under_valgrind())
        return;   /* valgrind reports the wild write itself */
    overflow_seen = mmap(NULL, sizeof *overflow_seen, PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(overflow_seen, MAP_FAILED);
    memset(overflow_seen, 0, sizeof *overflow_seen);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        overflow_child();
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status), "the child exited with %d", WEXITSTATUS(status));
    ck_assert_int_eq(WTERMSIG(status), SIGSEGV);
    struct overflow_report r = *overflow_seen;
    munmap(overflow_seen, sizeof *overflow_seen);
    printf("# guard %zu bytes; a 64 KiB frame's first touch faulted %zu bytes into it\n",
           (size_t)(r.guard_high - r.guard_low), (size_t)(r.guard_high - r.fault));
    ck_assert_msg(r.fault >= r.guard_low && r.fault < r.guard_high,
                  "fault at %#lx, outside the fiber's guard [%#lx, %#lx)",
                  (unsigned long)r.fault, (unsigned long)r.guard_low,
                  (unsigned long)r.guard_high);
    ck_assert_uint_ge(r.guard_high - r.guard_low, BIG_FRAME);
}
END_TEST

/* ---- the engine's per-destination count -------------------------------------- */

START_TEST(per_destination_count_matches_the_limit)
{
    mxtls_ctx *ctx = lab_ctx();
    mxtls_engine *e = NULL;
    ck_assert_int_eq(mxtls_engine_new(ctx, &e), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_set_limits(e, 32, 3), MXTLS_OK);
    for (int i = 0; i < 12; i++)
        ck_assert_int_eq(mxtls_engine_add(e, mxtls_test_env("MXTLS_LAB_FAULT_GOOD"),
                                          MXTLS_PROFILE_SUBMISSION, NULL, NULL), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_run(e), MXTLS_OK);
    ck_assert_uint_eq(mxtls__engine_watch_late(e), 0);
    ck_assert_uint_eq(mxtls__engine_watch_stale(e), 0);
    printf("# peak per destination %d (limit 3)\n", (int)mxtls__engine_peak_per_destination(e));
    ck_assert_int_eq(mxtls__engine_peak_per_destination(e), 3);
    mxtls_report *r;
    mxtls_status st;
    void *user;
    int n = 0;
    while (mxtls_engine_next_done(e, &r, &st, &user, NULL) == MXTLS_OK) {
        ck_assert_int_eq(st, MXTLS_OK);
        mxtls_report_free(r);
        n++;
    }
    ck_assert_int_eq(n, 12);
    mxtls_engine_free(e);
    mxtls_ctx_free(ctx);
}
END_TEST

/* ---- the engine's resolve turns -------------------------------------------- */

/* With fewer turns than checks, the rest wait in line: no more resolve at
 * once than the turns allow, and waiting is not charged to their resolve
 * deadline, so every check still gets its answers. */
START_TEST(resolve_turns_bound_the_checks_resolving_at_once)
{
    mxtls_ctx *ctx = lab_ctx();
    mxtls_engine *e = NULL;
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE,
                                              (uint32_t)mxtls_test_slack_ms(3000)), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_new(ctx, &e), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_set_limits(e, 32, 4), MXTLS_OK);
    mxtls__engine_set_resolve_turns(e, 2);
    const char *mx[] = {"secure.mxtls.test", "dual.mxtls.test"};
    for (int i = 0; i < 12; i++)
        ck_assert_int_eq(mxtls_engine_add(e, mx[i % 2], MXTLS_PROFILE_MX, NULL, NULL),
                         MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_run(e), MXTLS_OK);
    ck_assert_uint_eq(mxtls__engine_watch_late(e), 0);
    ck_assert_uint_eq(mxtls__engine_watch_stale(e), 0);
    printf("# peak resolving %d (turns 2)\n", (int)mxtls__engine_peak_resolving(e));
    ck_assert_int_eq(mxtls__engine_peak_resolving(e), 2);
    mxtls_report *r;
    mxtls_status st;
    void *user;
    int done = 0;
    while (mxtls_engine_next_done(e, &r, &st, &user, NULL) == MXTLS_OK) {
        ck_assert_int_eq(st, MXTLS_OK);
        ck_assert_ptr_nonnull(r->resolve);
        ck_assert_uint_gt(r->resolve->n_hosts, 0);
        for (size_t f = 0; f < r->n_findings; f++)
            ck_assert_msg(strncmp(r->findings[f]->id, "dns.", 4) != 0, "%s: %s",
                          r->target, r->findings[f]->id);
        mxtls_report_free(r);
        done++;
    }
    ck_assert_int_eq(done, 12);
    mxtls_engine_free(e);
    mxtls_ctx_free(ctx);
}
END_TEST

/* A check whose DNS never answers gives its turn back after
 * MXTLS__RESOLVE_TURN_MS rather than at its resolve deadline: with one turn,
 * the checks behind it finish while it still waits for its answers. */
START_TEST(a_dead_zone_does_not_hold_its_turn_to_the_deadline)
{
    mxtls_ctx *ctx = lab_ctx();
    mxtls_engine *e = NULL;
    /* Long enough that the others, one at a time, finish well inside it
     * even under valgrind. */
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE,
                                              (uint32_t)mxtls_test_slack_ms(5000)), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_new(ctx, &e), MXTLS_OK);
    mxtls__engine_set_resolve_turns(e, 1);
    ck_assert_int_eq(mxtls_engine_add(e, "deaddns.mxtls.test", MXTLS_PROFILE_MX, NULL,
                                      (void *)"dead"), MXTLS_OK);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(mxtls_engine_add(e, "secure.mxtls.test", MXTLS_PROFILE_MX, NULL,
                                          (void *)"live"), MXTLS_OK);
    ck_assert_int_eq(mxtls_engine_run(e), MXTLS_OK);
    mxtls_report *r;
    mxtls_status st;
    void *user;
    int done = 0;
    int64_t dead_ms = -1, slowest_live_ms = -1;
    while (mxtls_engine_next_done(e, &r, &st, &user, NULL) == MXTLS_OK) {
        ck_assert_int_eq(st, MXTLS_OK);
        if (strcmp(user, "dead") == 0) {
            ck_assert_int_eq(done, 4);     /* it finished last */
            ck_assert_str_eq(r->findings[0]->id, "dns.timeout");
            dead_ms = r->elapsed_ms;
        } else if (r->elapsed_ms > slowest_live_ms) {
            slowest_live_ms = r->elapsed_ms;
        }
        mxtls_report_free(r);
        done++;
    }
    printf("# one turn: the dead zone's check took %lld ms, the slowest check behind it "
           "%lld ms (turn given back after %d ms)\n", (long long)dead_ms,
           (long long)slowest_live_ms, MXTLS__RESOLVE_TURN_MS);
    ck_assert_int_eq(done, 5);
    ck_assert_int_lt(slowest_live_ms, dead_ms);
    mxtls_engine_free(e);
    mxtls_ctx_free(ctx);
}
END_TEST

/* ---- every allocation failing in turn ------------------------------------------ */

static mxtls_ctx *g_ctx;
static char g_good[300];

/* An engine with two checks (one runs a handshake, one is an invalid
 * target), its options copied, run to the end. MXTLS_ENOMEM when any call
 * or any check said so; each added check must still give one done item. */
static int engine_op(void)
{
    mxtls_engine *e = NULL;
    int st = mxtls_engine_new(g_ctx, &e);
    if (st != MXTLS_OK)
        return st;
    int enomem = 0, seen[2] = {0, 0}, added[2] = {0, 0};
    mxtls_check_options *o = NULL;
    if ((st = mxtls_check_options_new(&o)) == MXTLS_OK)
        st = mxtls_check_options_set_sni(o, "mail.mxtls.test");
    enomem |= st == MXTLS_ENOMEM;
    const char *targets[2] = {g_good, "a..b"};
    for (int i = 0; i < 2 && o != NULL; i++) {
        st = mxtls_engine_add(e, targets[i], MXTLS_PROFILE_SUBMISSION, o, (void *)(intptr_t)i);
        ck_assert(st == MXTLS_OK || st == MXTLS_ENOMEM);
        enomem |= st == MXTLS_ENOMEM;
        added[i] = st == MXTLS_OK;
    }
    mxtls_check_options_free(o);
    int ran = 0;
    for (;;) {
        st = mxtls_engine_run(e);
        ck_assert(st == MXTLS_OK || st == MXTLS_ENOMEM);
        if (st == MXTLS_OK) {
            ran = 1;
            break;
        }
        enomem = 1;
        break;   /* free it mid-flight then: that path must not leak either */
    }
    mxtls_report *r;
    mxtls_status cs;
    void *user;
    mxtls_buffer *detail = NULL;
    for (;;) {
        st = mxtls_engine_next_done(e, &r, &cs, &user, &detail);
        if (st == MXTLS_ENOENT)
            break;
        if (st == MXTLS_ENOMEM) {   /* the detail buffer: the item stays */
            enomem = 1;
            st = mxtls_engine_next_done(e, &r, &cs, &user, NULL);
        }
        ck_assert_int_eq(st, MXTLS_OK);
        seen[(intptr_t)user]++;
        enomem |= cs == MXTLS_ENOMEM;
        ck_assert(cs == MXTLS_OK || cs == MXTLS_ENOMEM || (cs == MXTLS_EINVAL && user != NULL));
        mxtls_report_free(r);
        mxtls_buffer_free(detail);
        detail = NULL;
    }
    for (int i = 0; i < 2 && ran; i++)
        ck_assert_int_eq(seen[i], added[i]);
    mxtls_engine_free(e);
    return enomem ? MXTLS_ENOMEM : MXTLS_OK;
}

START_TEST(enomem_anywhere_yields_enomem_and_leaks_nothing)
{
    g_ctx = lab_ctx();
    snprintf(g_good, sizeof g_good, "%s", mxtls_test_env("MXTLS_LAB_FAULT_GOOD"));
    ck_assert_int_eq(engine_op(), MXTLS_OK);   /* warm: one-time set-up is not counted */
    int sites = mxtls_test_each_allocation_failing(engine_op, 5000);
    printf("# engine with a check: %d allocation sites\n", sites);
    ck_assert_int_ge(sites, 30);
    mxtls_ctx_free(g_ctx);
}
END_TEST

/* ---- the kernel's set of descriptors ---------------------------------------- */

/* A connected pair whose first end takes the lowest free number. */
static void pair(int sv[2])
{
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
}

/* Close the pair sv (telling the watchers first when tell), and make a
 * new one in its place: its first end takes the same number, and has a
 * byte to read. */
static void reopen_with_data(int sv[2], int tell)
{
    int number = sv[0];
    if (tell)
        mxtls__fd_forget(sv[0]);
    close(sv[0]);
    close(sv[1]);
    pair(sv);
    ck_assert_int_eq(sv[0], number);
    ck_assert_int_eq(write(sv[1], "y", 1), 1);
}

/* Is fd among the set's ready descriptors, looked at without waiting? */
static int ready_in(struct mxtls__watch *w, int fd)
{
    const struct pollfd *ready = NULL;
    int n = mxtls__watch_wait(w, 0, &ready);
    ck_assert_int_ge(n, 0);
    for (int i = 0; i < n; i++)
        if (ready[i].fd == fd && (ready[i].revents & POLLIN))
            return 1;
    return 0;
}

START_TEST(watch_follows_a_reused_number_only_when_told)
{
    struct mxtls__watch *w = mxtls__watch_new();
    ck_assert_ptr_nonnull(w);
    int a[2];
    pair(a);
    struct pollfd want = {.fd = a[0], .events = POLLIN};
    ck_assert_int_eq(mxtls__watch_sync(w, &want, 1), 0);
    ck_assert_int_eq(ready_in(w, a[0]), 0);
    ck_assert_int_eq(write(a[1], "x", 1), 1);
    ck_assert_int_eq(ready_in(w, a[0]), 1);

    /* Closed after mxtls__fd_forget(), the number taken by a new socket
     * with data waiting: the same want finds it. */
    reopen_with_data(a, 1);
    ck_assert_int_eq(mxtls__watch_sync(w, &want, 1), 0);
    ck_assert_int_eq(ready_in(w, a[0]), 1);

    /* The near miss: closed without telling, the same number and want. The
     * kernel dropped the old socket, the set believes it holds it, and the
     * new socket's data goes unseen: what every close site's call prevents. */
    reopen_with_data(a, 0);
    ck_assert_int_eq(mxtls__watch_sync(w, &want, 1), 0);
    ck_assert_int_eq(ready_in(w, a[0]), 0);
    mxtls__fd_forget(a[0]);                 /* told late, seen at the next sync */
    ck_assert_int_eq(mxtls__watch_sync(w, &want, 1), 0);
    ck_assert_int_eq(ready_in(w, a[0]), 1);

    /* Not wanted for a round, then wanted again: the registration left in
     * the kernel meanwhile still serves. */
    ck_assert_int_eq(mxtls__watch_sync(w, NULL, 0), 0);
    ck_assert_int_eq(mxtls__watch_sync(w, &want, 1), 0);
    ck_assert_int_eq(ready_in(w, a[0]), 1);

    /* A number no longer wanted is not reported, ready or not; one changed
     * from reading to writing follows. */
    ck_assert_int_eq(mxtls__watch_sync(w, NULL, 0), 0);
    ck_assert_int_eq(ready_in(w, a[0]), 0);
    want.events = POLLOUT;
    ck_assert_int_eq(mxtls__watch_sync(w, &want, 1), 0);
    const struct pollfd *ready = NULL;
    ck_assert_int_eq(mxtls__watch_wait(w, 0, &ready), 1);
    ck_assert_int_eq(ready[0].fd, a[0]);
    ck_assert_int_eq(ready[0].revents & (POLLIN | POLLOUT), POLLOUT);
    close(a[0]);
    close(a[1]);
    mxtls__watch_free(w);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("engine-internal");
    TCase *tc = tcase_create("engine-internal");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, watch_follows_a_reused_number_only_when_told);
    tcase_add_test(tc, stack_depth_has_a_margin);
    tcase_add_test(tc, stack_overflow_faults_in_its_own_guard);
    tcase_add_test(tc, per_destination_count_matches_the_limit);
    tcase_add_test(tc, resolve_turns_bound_the_checks_resolving_at_once);
    tcase_add_test(tc, a_dead_zone_does_not_hold_its_turn_to_the_deadline);
    tcase_add_test(tc, enomem_anywhere_yields_enomem_and_leaks_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(suite());
}
