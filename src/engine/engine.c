/* The batch engine: many mxtls_check_with() runs in flight on one thread.
 *
 * Each check is a task: a fiber (fiber.h) that runs mxtls_check_with() on
 * its own stack. When the stage code waits (wait.h), the task records what
 * for (a descriptor and events, libunbound's answers, a connection slot) and
 * switches back here. mxtls_engine_fds() and _timeout_ms() read those
 * records; mxtls_engine_process() resumes the tasks whose wait is over.
 *
 * Invariants:
 * - a task is in e->running from its start until its fiber finishes; its
 *   wait kind says which event resumes it;
 * - a task only ever finishes while the engine resumes it, so a snapshot
 *   of tasks to resume stays valid if each entry carries the task's wait
 *   sequence number (a reused task has a newer one);
 * - libunbound runs on the context's own loop (resolve/ub_loop.c), which
 *   the engine drives as a wait source: its sockets are among the
 *   engine's descriptors, its timers among its deadlines, and its
 *   callbacks run on the engine's stack; the engine then wakes the tasks
 *   whose query job counted new answers.
 */
#define _GNU_SOURCE
#include "mxtls/engine.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unbound.h>
#include <unbound-event.h>

#include "alloc.h"
#include "buffer.h"
#include "options.h"
#include "clock.h"
#include "ctx.h"
#include "engine_int.h"
#include "fiber.h"
#include "resolver.h"
#include "trust.h"
#include "wait.h"
#include "watch.h"

_Static_assert(sizeof(mxtls_pollfd) == sizeof(struct pollfd), "mxtls_pollfd is pollfd");
_Static_assert(offsetof(mxtls_pollfd, events) == offsetof(struct pollfd, events),
               "mxtls_pollfd is pollfd");
_Static_assert(offsetof(mxtls_pollfd, revents) == offsetof(struct pollfd, revents),
               "mxtls_pollfd is pollfd");

#define SLOT_BUCKETS 1024u
/* At most this many of the engine's checks resolve at once. Each resolve
 * job sends up to ten queries at once, and libunbound keeps a fixed number
 * in flight (num-queries-per-thread, resolver.c): past it, new queries push
 * out older ones and both sides time out, which with 1,000 checks in flight
 * ended one check in six as dns.timeout or dane.bogus. A line here keeps
 * libunbound within its capacity; waiting in it is not charged to the
 * check's resolve deadline. */
#define RESOLVE_TURNS 128
#define NO_DEADLINE INT64_MAX

/* The check running on this thread right now, or NULL (outside the engine,
 * or in the engine's own code between checks). */
static _Thread_local struct mxtls__task *mxtls__task_current;

enum wait_kind {
    W_NONE = 0,   /* running, or not started */
    W_FD,         /* fd/events until deadline */
    W_FDS,        /* any of fds[0..n_fds) until deadline (a check's probes) */
    W_RESOLVER,   /* *progress != seen, until deadline */
    W_SLOT,       /* in a line: a destination's, or the resolve turns'; no deadline */
    W_READY,      /* to be resumed with result */
    W_PROGRESS    /* wants its caller's progress callback called */
};

/* One added check, from mxtls_engine_add() to mxtls_engine_next_done(). */
struct job {
    struct job *next;               /* queue or done list */
    char *target;
    int32_t profile;
    struct mxtls_check_options *opts;   /* a copy, or NULL */
    mxtls_progress_fn progress;         /* the caller's, from its options */
    void *progress_user;
    void *user;
    mxtls_report *report;
    mxtls_status status;
    char detail[MXTLS__DETAIL_SIZE];
};

struct mxtls__task {
    struct mxtls__fiber fiber;
    struct mxtls_engine *e;
    struct job *job;
    size_t index;                   /* in e->running */
    enum wait_kind wait;
    int fd;
    short events;
    struct pollfd *fds;             /* W_FDS: the check's array, revents filled */
    size_t n_fds;
    int64_t deadline;
    const unsigned *progress;
    unsigned seen;
    int result;                     /* what the wait returns */
    unsigned seq;                   /* bumped on every wait and finish */
    struct mxtls__task *line_next;  /* in a slot's line, or the ready list */
    struct slot *granted;
    const char *progress_line;      /* W_PROGRESS: the line to pass on */
    int64_t wait_cap;               /* its check's deadline cap (wait.h) */
};

/* The connections open to one destination (address and port), or the
 * engine's resolve turns: holders in use, and the line of waiting tasks. */
struct slot {
    struct mxtls__slot held;        /* first: what a holder gets (wait.h) */
    struct slot *next;              /* bucket chain */
    struct mxtls_engine *e;
    uint8_t key[19];                /* family, port, address */
    unsigned hash;
    int32_t in_use;
    int32_t limit;                  /* 0: the engine's max_per_destination;
                                       > 0: a fixed limit (resolve turns,
                                       which live in the engine, not a bucket) */
    struct mxtls__task *line_head, *line_tail;
};

struct mxtls_engine {
    mxtls_ctx *ctx;
    int32_t max_in_flight, max_per_destination;
    struct job *queue_head, *queue_tail;
    size_t n_queued;
    struct mxtls__task **running;
    size_t n_running, running_cap;
    struct job *done_head, *done_tail;
    size_t n_done;
    struct mxtls__task **spare;     /* finished tasks, stacks kept for reuse */
    size_t n_spare;
    struct mxtls__task *ready_head, *ready_tail;
    struct slot *slots[SLOT_BUCKETS];
    struct slot resolve_turns;
    int cancelling;
    struct mxtls__fiber_context home;
    /* The kernel's copy of the descriptors to watch (watch.h), from the
     * first mxtls_engine_watch_fd() or _run() on; NULL before. Out of sync
     * after a failed update, until one succeeds: waits then use poll(). */
    struct mxtls__watch *watch;
    int watch_in_sync;
    mxtls_status watch_failure;     /* why the last update failed, else OK */
    size_t watch_late;              /* waits the set missed (see late_events) */
    size_t watch_stale;             /* internal tests: registrations found wrong */
    /* For the internal tests: the most connections seen open at once to one
     * destination, and the least stack left untouched by any task. */
    int32_t peak_per_destination;
    int32_t peak_resolving;         /* resolve turns held at once */
    size_t least_untouched;
};

static void slot_release(struct mxtls__slot *held);

/* ------------------------------------------------------------------------
 * Task side: waits, called on a task's stack through wait.c
 * ------------------------------------------------------------------------ */

/* Switch to the engine until it resumes us with a result. */
static int block(struct mxtls__task *t)
{
    t->seq++;
    mxtls__fiber_yield(&t->fiber);
    t->wait = W_NONE;
    if (t->result < 0)
        errno = ECANCELED;
    return t->result;
}

/* Wait as kind until deadline: -1 (ECANCELED) while the engine is being
 * freed, 0 when the deadline has passed, else what the wait ends with. */
static int wait_until(struct mxtls__task *t, enum wait_kind kind, int64_t deadline)
{
    if (t->e->cancelling) {
        errno = ECANCELED;
        return -1;
    }
    if (mxtls__ms_left(deadline) <= 0)
        return 0;
    t->wait = kind;
    t->deadline = deadline;
    return block(t);
}

static int task_wait_fd(void *self, int fd, short events, int64_t deadline)
{
    struct mxtls__task *t = self;
    t->fd = fd;
    t->events = events;
    return wait_until(t, W_FD, deadline);
}

static int task_wait_fds(void *self, struct pollfd *fds, size_t n, int64_t deadline)
{
    struct mxtls__task *t = self;
    t->fds = fds;
    t->n_fds = n;
    return wait_until(t, W_FDS, deadline);
}

static int task_wait_resolver(void *self, struct mxtls__wait_source *src, int64_t deadline,
                              const unsigned *progress)
{
    (void)src;                   /* the engine drives ctx->ub_loop itself */
    struct mxtls__task *t = self;
    t->progress = progress;
    t->seen = *progress;
    return wait_until(t, W_RESOLVER, deadline);
}

static unsigned slot_key(const struct sockaddr *sa, socklen_t len, uint8_t key[19])
{
    mxtls__destination_key(sa, len, key);
    unsigned h = 2166136261u;   /* FNV-1a */
    for (size_t i = 0; i < 19; i++)
        h = (h ^ key[i]) * 16777619u;
    return h;
}

static struct slot *slot_find(struct mxtls_engine *e, const uint8_t key[19],
                                     unsigned hash)
{
    struct slot *s = e->slots[hash % SLOT_BUCKETS];
    while (s != NULL && (s->hash != hash || memcmp(s->key, key, 19) != 0))
        s = s->next;
    if (s != NULL)
        return s;
    if ((s = mxtls__calloc(1, sizeof *s)) == NULL)
        return NULL;
    s->held.release = slot_release;
    s->e = e;
    memcpy(s->key, key, 19);
    s->hash = hash;
    s->next = e->slots[hash % SLOT_BUCKETS];
    e->slots[hash % SLOT_BUCKETS] = s;
    return s;
}

static int32_t slot_limit(const struct slot *s)
{
    return s->limit > 0 ? s->limit : s->e->max_per_destination;
}

static void slot_drop_if_idle(struct slot *s)
{
    if (s->limit > 0 || s->in_use > 0 || s->line_head != NULL)
        return;
    struct slot **p = &s->e->slots[s->hash % SLOT_BUCKETS];
    while (*p != s)
        p = &(*p)->next;
    *p = s->next;
    mxtls__free(s);
}

static void slot_take(struct slot *s)
{
    s->in_use++;
    int32_t *peak = s->limit == 0 ? &s->e->peak_per_destination : &s->e->peak_resolving;
    if (s->in_use > *peak)
        *peak = s->in_use;
}

/* Take s now if it has room, else join its line until a holder hands it on. */
static int slot_take_or_wait(struct mxtls__task *t, struct slot *s,
                             struct mxtls__slot **out)
{
    if (s->in_use < slot_limit(s)) {
        slot_take(s);
        *out = &s->held;
        return 0;
    }
    t->line_next = NULL;
    if (s->line_tail)
        s->line_tail->line_next = t;
    else
        s->line_head = t;
    s->line_tail = t;
    t->wait = W_SLOT;
    t->deadline = NO_DEADLINE;
    t->granted = NULL;
    if (block(t) < 0)
        return -1;
    *out = &t->granted->held;   /* slot_take() was done for us by the releaser */
    return 0;
}

/* The slot of destination sa for a wait of t; NULL (errno) when the
 * engine is being freed or memory ran out. */
static struct slot *slot_of(struct mxtls__task *t, const struct sockaddr *sa, socklen_t len)
{
    if (t->e->cancelling) {
        errno = ECANCELED;
        return NULL;
    }
    uint8_t key[19];
    unsigned hash = slot_key(sa, len, key);
    struct slot *s = slot_find(t->e, key, hash);
    if (s == NULL)
        errno = ENOMEM;
    return s;
}

static int task_wait_slot(void *self, const struct sockaddr *sa, socklen_t len,
                          struct mxtls__slot **out)
{
    struct mxtls__task *t = self;
    struct slot *s = slot_of(t, sa, len);
    return s != NULL ? slot_take_or_wait(t, s, out) : -1;
}

/* A slot now, or none: the probes of one check that run side by side wait
 * in their own group rather than in the engine's line, where a sibling
 * that holds another destination's slot could not move (fiber_group.c). */
static int task_try_slot(void *self, const struct sockaddr *sa, socklen_t len,
                         struct mxtls__slot **out)
{
    struct slot *s = slot_of(self, sa, len);
    if (s == NULL)
        return -1;
    if (s->line_head != NULL || s->in_use >= slot_limit(s)) {
        slot_drop_if_idle(s);
        return 0;
    }
    slot_take(s);
    *out = &s->held;
    return 1;
}

static int task_wait_resolve_turn(void *self, struct mxtls__slot **out)
{
    struct mxtls__task *t = self;
    if (t->e->cancelling) {
        errno = ECANCELED;
        return -1;
    }
    return slot_take_or_wait(t, &t->e->resolve_turns, out);
}

/* What a check's waits do while the engine runs it: installed on the
 * thread around each resume (wait.h). */
static const struct mxtls__wait_ops task_wait_ops = {
    .wait_fd = task_wait_fd,
    .wait_resolver = task_wait_resolver,
    .wait_slot = task_wait_slot,
    .wait_resolve_turn = task_wait_resolve_turn,
    .wait_fds = task_wait_fds,
    .try_slot = task_try_slot,
};

static void make_ready(struct mxtls_engine *e, struct mxtls__task *t, int result)
{
    t->wait = W_READY;
    t->result = result;
    t->line_next = NULL;
    if (e->ready_tail)
        e->ready_tail->line_next = t;
    else
        e->ready_head = t;
    e->ready_tail = t;
}

/* mxtls__slot.release: give a held slot back (wait.h). */
static void slot_release(struct mxtls__slot *held)
{
    struct slot *s = (struct slot *)(void *)held;
    struct mxtls_engine *e = s->e;
    s->in_use--;
    /* Hand the slot straight to the first in line (we may be on a task's
     * stack: the engine resumes it after this task yields). */
    while (!e->cancelling && s->line_head != NULL && s->in_use < slot_limit(s)) {
        struct mxtls__task *t = s->line_head;
        s->line_head = t->line_next;
        if (s->line_head == NULL)
            s->line_tail = NULL;
        slot_take(s);
        t->granted = s;
        make_ready(e, t, 0);
    }
    slot_drop_if_idle(s);
}

/* Remove t from s's line; 0 when it was not in it. */
static int line_remove(struct slot *s, struct mxtls__task *t)
{
    struct mxtls__task **p = &s->line_head, *prev = NULL;
    while (*p != NULL && *p != t) {
        prev = *p;
        p = &(*p)->line_next;
    }
    if (*p == NULL)
        return 0;
    *p = t->line_next;
    if (s->line_tail == t)
        s->line_tail = prev;
    slot_drop_if_idle(s);
    return 1;
}

/* Remove t from whichever line it waits in (cancelling). */
static void slot_leave_line(struct mxtls_engine *e, struct mxtls__task *t)
{
    if (line_remove(&e->resolve_turns, t))
        return;
    for (size_t b = 0; b < SLOT_BUCKETS; b++)
        for (struct slot *s = e->slots[b]; s != NULL; s = s->next)
            if (line_remove(s, t))
                return;
}

/* ------------------------------------------------------------------------
 * Jobs
 * ------------------------------------------------------------------------ */

static void job_free(struct job *j)
{
    if (j == NULL)
        return;
    mxtls__free(j->target);
    mxtls_check_options_free(j->opts);
    mxtls_report_free(j->report);
    mxtls__free(j);
}

static void job_append(struct job **head, struct job **tail, struct job *j)
{
    j->next = NULL;
    if (*tail)
        (*tail)->next = j;
    else
        *head = j;
    *tail = j;
}

static struct job *job_pop(struct job **head, struct job **tail)
{
    struct job *j = *head;
    if (j != NULL) {
        *head = j->next;
        if (*head == NULL)
            *tail = NULL;
        j->next = NULL;
    }
    return j;
}

/* A check's progress line: hop back to the engine's stack, where the
 * caller's callback runs (it may be Python through ctypes, or anything else
 * that wants more stack than a check's own). */
static void progress_hop(void *user, const char *line)
{
    struct job *j = user;
    struct mxtls__task *t = mxtls__task_current;
    if (t == NULL) {                 /* not on a task: cannot happen; stay safe */
        j->progress(j->progress_user, line);
        return;
    }
    t->progress_line = line;
    t->wait = W_PROGRESS;
    mxtls__fiber_yield(&t->fiber);
    t->wait = W_NONE;
}

static int copy_options(const mxtls_check_options *from, struct job *j)
{
    j->opts = NULL;
    if (from == NULL)
        return MXTLS_OK;
    struct mxtls_check_options *o = mxtls__calloc(1, sizeof *o);
    if (o == NULL)
        return MXTLS_ENOMEM;
    *o = *from;
    o->sni = NULL;
    if (from->sni != NULL && (o->sni = mxtls__strdup(from->sni)) == NULL) {
        mxtls__free(o);
        return MXTLS_ENOMEM;
    }
    if (from->progress != NULL) {
        j->progress = from->progress;
        j->progress_user = from->progress_user;
        o->progress = progress_hop;
        o->progress_user = j;
    }
    j->opts = o;
    return MXTLS_OK;
}

/* ------------------------------------------------------------------------
 * Engine side: starting, resuming and finishing tasks
 * ------------------------------------------------------------------------ */

/* The task's whole life: one mxtls_check_with(). The reason a check could
 * not run is copied from the shared ctx at once, before any other task can
 * run and overwrite it. */
static void task_main(struct mxtls__fiber *f)
{
    struct mxtls__task *t = (struct mxtls__task *)(void *)f;
    struct job *j = t->job;
    j->status = mxtls_check_with(t->e->ctx, j->target, j->profile, j->opts, &j->report);
    if (j->status != MXTLS_OK)
        snprintf(j->detail, sizeof j->detail, "%s", t->e->ctx->detail);
}

static void task_finish(struct mxtls_engine *e, struct mxtls__task *t)
{
#ifdef MXTLS_FAULT_INJECTION
    size_t untouched = mxtls__fiber_stack_untouched(&t->fiber);
    if (untouched < e->least_untouched)
        e->least_untouched = untouched;
#endif
    t->seq++;
    job_append(&e->done_head, &e->done_tail, t->job);
    e->n_done++;
    t->job = NULL;
    size_t i = t->index;
    e->running[i] = e->running[--e->n_running];
    e->running[i]->index = i;
    if (e->n_spare < (size_t)e->max_in_flight && !e->cancelling) {
        e->spare[e->n_spare++] = t;
        return;
    }
    mxtls__fiber_stack_free(&t->fiber);
    mxtls__free(t);
}

static void resume(struct mxtls_engine *e, struct mxtls__task *t)
{
    struct mxtls__task *outer = mxtls__task_current;
    for (;;) {
        void *outer_self = NULL;
        const struct mxtls__wait_ops *outer_ops = mxtls__wait_install(&task_wait_ops, t,
                                                                      &outer_self);
        int64_t outer_cap = mxtls__wait_set_cap(t->wait_cap);
        mxtls__task_current = t;
        mxtls__fiber_resume(&t->fiber);
        mxtls__task_current = outer;
        t->wait_cap = mxtls__wait_set_cap(outer_cap);
        mxtls__wait_install(outer_ops, outer_self, NULL);
        if (t->fiber.finished || t->wait != W_PROGRESS)
            break;
        /* A progress line: the callback runs here, on the engine's stack,
         * then the check goes on at once. Not while cancelling. */
        if (!e->cancelling)
            t->job->progress(t->job->progress_user, t->progress_line);
    }
    if (t->fiber.finished)
        task_finish(e, t);
}

static struct mxtls__task *task_get(struct mxtls_engine *e)
{
    if (e->n_spare > 0)
        return e->spare[--e->n_spare];
    struct mxtls__task *t = mxtls__calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    if (mxtls__fiber_stack_new(&t->fiber) < 0) {
        mxtls__free(t);
        return NULL;
    }
    t->e = e;
    return t;
}

static int grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *p = mxtls__realloc(*items, n * size);
    if (p == NULL)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}

/* Start queued checks while fewer than max_in_flight run. A check that
 * cannot get memory for its task finishes at once with MXTLS_ENOMEM. */
static void start_queued(struct mxtls_engine *e)
{
    while (e->queue_head != NULL && e->n_running < (size_t)e->max_in_flight) {
        struct job *j = job_pop(&e->queue_head, &e->queue_tail);
        e->n_queued--;
        struct mxtls__task *t = NULL;
        if (grow((void **)&e->running, &e->running_cap, e->n_running + 1,
                 sizeof *e->running) < 0 ||
            (t = task_get(e)) == NULL) {
            j->status = MXTLS_ENOMEM;
            snprintf(j->detail, sizeof j->detail, "out of memory starting the check");
            job_append(&e->done_head, &e->done_tail, j);
            e->n_done++;
            continue;
        }
        t->job = j;
        t->wait = W_NONE;
        t->wait_cap = INT64_MAX;    /* the check sets its own deadline */
        t->index = e->n_running;
        e->running[e->n_running++] = t;
        mxtls__fiber_prepare(&t->fiber, &e->home, task_main);
        resume(e, t);
    }
}

static void run_ready(struct mxtls_engine *e)
{
    while (e->ready_head != NULL) {
        struct mxtls__task *t = e->ready_head;
        e->ready_head = t->line_next;
        if (e->ready_head == NULL)
            e->ready_tail = NULL;
        resume(e, t);
    }
}

/* ------------------------------------------------------------------------
 * The public calls
 * ------------------------------------------------------------------------ */

static void ignore_answer(void *arg, int rcode, void *msg, int len, int sec, char *why_bogus,
                          int ratelimited)
{
    (void)arg;
    (void)rcode;
    (void)msg;
    (void)len;
    (void)sec;
    (void)why_bogus;
    (void)ratelimited;
}

/* libunbound reads its configuration and trust anchors, and builds its
 * event worker, at the first query: about 200 KiB of stack, far more than
 * any check needs later. Do that here, on the caller's stack, with a query
 * answered from libunbound's own localhost zone and dropped at once. If it
 * fails, every check would retry it on its small fiber stack, and
 * libunbound's failing set-up needs more stack than a fiber has: refuse the
 * engine instead, with the detail a single check gives. */
static mxtls_status warm_up(mxtls_ctx *ctx, struct ub_ctx *ub)
{
    int id = 0;
    int err = mxtls__resolver_send(ub, "localhost.", 1, NULL, ignore_answer, &id);
    if (err == 0) {
        if (id != 0)             /* answered at once from the local zone: 0 */
            mxtls__resolver_cancel(ub, id);
        return MXTLS_OK;
    }
    if (err == UB_INITFAIL)
        return mxtls__ctx_fail(ctx, MXTLS_ERESOLVER, "resolver: libunbound could not start: "
                               "check the trust-anchor file \"%s\" and the resolver options",
                               ctx->trust_anchor_file ? ctx->trust_anchor_file : "");
    return mxtls__ctx_fail(ctx, MXTLS_ERESOLVER, "resolver: %s", ub_strerror(err));
}

mxtls_status mxtls_engine_new(mxtls_ctx *ctx, mxtls_engine **out)
{
    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || out == NULL)
        return MXTLS_EINVAL;
    struct ub_ctx *ub = NULL;
    int rc = mxtls__resolver_get(ctx, &ub);   /* fail early, with ctx's detail */
    if (rc != MXTLS_OK)
        return rc;
    if ((rc = warm_up(ctx, ub)) != MXTLS_OK)
        return rc;
    mxtls_engine *e = mxtls__calloc(1, sizeof *e);
    if (e == NULL)
        return MXTLS_ENOMEM;
    /* From here ctx's setters refuse, so ub stays the one warmed up. The CA
     * store (the system's goes through p11-kit) is built here too and
     * pinned for the engine's life, rather than on a check's fiber. A CA
     * file that does not load is left for the checks to report. */
    mxtls__ctx_attach(ctx);
    if (mxtls__trust_pin(ctx) == GNUTLS_E_MEMORY_ERROR) {
        mxtls__ctx_detach(ctx);
        mxtls__free(e);
        return MXTLS_ENOMEM;
    }
    e->ctx = ctx;
    e->max_in_flight = MXTLS_ENGINE_DEFAULT_IN_FLIGHT;
    e->max_per_destination = MXTLS_ENGINE_DEFAULT_PER_DESTINATION;
    e->resolve_turns = (struct slot){.held.release = slot_release, .e = e,
                                     .limit = RESOLVE_TURNS};
    e->least_untouched = SIZE_MAX;
    *out = e;
    return MXTLS_OK;
}

/* Unwind every running check: each wait returns -1 (ECANCELED) from now
 * on, so one resume runs the stage code back out, freeing what it holds. */
static void cancel_running(mxtls_engine *e)
{
    e->cancelling = 1;
    e->ready_head = e->ready_tail = NULL;
    while (e->n_running > 0) {
        struct mxtls__task *t = e->running[e->n_running - 1];
        if (t->wait == W_SLOT)
            slot_leave_line(e, t);
        t->result = -1;
        if (t->fiber.finished)          /* cannot happen; stay safe */
            task_finish(e, t);
        else
            resume(e, t);
    }
}

void mxtls_engine_free(mxtls_engine *e)
{
    if (e == NULL)
        return;
    cancel_running(e);
    mxtls__watch_free(e->watch);
    struct job *j;
    while ((j = job_pop(&e->queue_head, &e->queue_tail)) != NULL)
        job_free(j);
    while ((j = job_pop(&e->done_head, &e->done_tail)) != NULL)
        job_free(j);
    for (size_t i = 0; i < e->n_spare; i++) {
        mxtls__fiber_stack_free(&e->spare[i]->fiber);
        mxtls__free(e->spare[i]);
    }
    for (size_t b = 0; b < SLOT_BUCKETS; b++)
        while (e->slots[b] != NULL) {   /* none should be left; stay safe */
            struct slot *s = e->slots[b];
            e->slots[b] = s->next;
            mxtls__free(s);
        }
    mxtls__free(e->spare);
    mxtls__free(e->running);
    mxtls__ctx_detach(e->ctx);
    mxtls__free(e);
}

mxtls_status mxtls_engine_set_limits(mxtls_engine *e, int32_t max_in_flight,
                                     int32_t max_per_destination)
{
    if (e == NULL)
        return MXTLS_EINVAL;
    if (max_in_flight < 1 || max_per_destination < 1)
        return MXTLS_ERANGE;
    void *spare = mxtls__realloc(e->spare, (size_t)max_in_flight * sizeof *e->spare);
    if (spare == NULL)
        return MXTLS_ENOMEM;
    e->spare = spare;
    while (e->n_spare > (size_t)max_in_flight) {
        struct mxtls__task *t = e->spare[--e->n_spare];
        mxtls__fiber_stack_free(&t->fiber);
        mxtls__free(t);
    }
    e->max_in_flight = max_in_flight;
    e->max_per_destination = max_per_destination;
    return MXTLS_OK;
}

mxtls_status mxtls_engine_add(mxtls_engine *e, const char *target, int32_t profile,
                              const mxtls_check_options *options, void *user)
{
    if (e == NULL || target == NULL ||
        (profile != MXTLS_PROFILE_MX && profile != MXTLS_PROFILE_SUBMISSION))
        return MXTLS_EINVAL;
    if (e->spare == NULL && mxtls_engine_set_limits(e, e->max_in_flight,
                                                    e->max_per_destination) != MXTLS_OK)
        return MXTLS_ENOMEM;
    struct job *j = mxtls__calloc(1, sizeof *j);
    if (j == NULL)
        return MXTLS_ENOMEM;
    j->profile = profile;
    j->user = user;
    if ((j->target = mxtls__strdup(target)) == NULL ||
        copy_options(options, j) != MXTLS_OK) {
        job_free(j);
        return MXTLS_ENOMEM;
    }
    job_append(&e->queue_head, &e->queue_tail, j);
    e->n_queued++;
    return MXTLS_OK;
}

/* The context's libunbound loop while checks run (NULL when idle: what a
 * cancelled query still does then waits for the next batch, so an idle
 * engine asks for no wake-ups, as mxtls_engine_timeout_ms() promises). */
static struct mxtls__wait_source *resolver_source(const mxtls_engine *e)
{
    return e->n_running > 0 ? e->ctx->ub_loop : NULL;
}

/* libunbound's sockets as the engine's context has them now; NULL with *n
 * 0 when there is no loop to drive, and NULL with *n 1 when its array could
 * not grow. */
static struct pollfd *resolver_fds(const mxtls_engine *e, size_t *n)
{
    struct mxtls__wait_source *src = resolver_source(e);
    *n = 0;
    if (src == NULL)
        return NULL;
    struct pollfd *fds = src->fds(src, n);
    if (fds == NULL)
        *n = 1;
    return fds;
}

static int by_fd(const void *a, const void *b)
{
    const struct pollfd *x = a, *y = b;
    return (x->fd > y->fd) - (x->fd < y->fd);
}

/* Every descriptor a waiting check or libunbound needs, each once with the
 * union of its events, sorted by number (libunbound's read and write events
 * on one socket merge into one entry). A new array in *out with *count
 * entries; MXTLS_ENOMEM. */
static mxtls_status wanted(mxtls_engine *e, struct pollfd **out, size_t *count)
{
    size_t n_ub = 0;
    struct pollfd *ub = resolver_fds(e, &n_ub);
    if (ub == NULL && n_ub > 0)
        return MXTLS_ENOMEM;
    size_t total = 1 + n_ub;
    for (size_t i = 0; i < e->n_running; i++)
        total += e->running[i]->wait == W_FDS ? e->running[i]->n_fds : 1;
    struct pollfd *all = mxtls__malloc(total * sizeof *all);
    if (all == NULL)
        return MXTLS_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < e->n_running; i++) {
        const struct mxtls__task *t = e->running[i];
        if (t->wait == W_FD && t->fd >= 0)
            all[k++] = (struct pollfd){.fd = t->fd, .events = t->events};
        else if (t->wait == W_FDS) {
            for (size_t f = 0; f < t->n_fds; f++) {
                if (t->fds[f].fd >= 0)
                    all[k++] = (struct pollfd){.fd = t->fds[f].fd, .events = t->fds[f].events};
            }
        }
    }
    for (size_t i = 0; i < n_ub; i++)
        all[k++] = (struct pollfd){.fd = ub[i].fd, .events = ub[i].events};
    qsort(all, k, sizeof *all, by_fd);
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (m > 0 && all[m - 1].fd == all[i].fd)
            all[m - 1].events |= all[i].events;
        else
            all[m++] = all[i];
    }
    *out = all;
    *count = m;
    return MXTLS_OK;
}

mxtls_status mxtls_engine_fds(mxtls_engine *e, mxtls_pollfd *fds, size_t n, size_t *count)
{
    if (e == NULL || count == NULL || (fds == NULL && n > 0))
        return MXTLS_EINVAL;
    struct pollfd *all = NULL;
    size_t m = 0;
    mxtls_status st = wanted(e, &all, &m);
    if (st != MXTLS_OK)
        return st;
    for (size_t i = 0; i < m && i < n; i++)
        fds[i] = (mxtls_pollfd){.fd = all[i].fd, .events = all[i].events, .revents = 0};
    *count = m;
    mxtls__free(all);
    return MXTLS_OK;
}

/* Bring the kernel's set up to date with what the checks now wait for.
 * On failure the waits use poll() until an update succeeds, and
 * watch_failure says why: ENOMEM is told to the caller (it may free
 * memory and call again), anything else (a descriptor epoll refuses) only
 * costs the kernel set's saving. */
static void watch_update(mxtls_engine *e)
{
    struct pollfd *all = NULL;
    size_t m = 0;
    mxtls_status st = wanted(e, &all, &m);
    if (st == MXTLS_OK && mxtls__watch_sync(e->watch, all, m) < 0)
        st = errno == ENOMEM ? MXTLS_ENOMEM : MXTLS_EIO;
    mxtls__free(all);
    e->watch_in_sync = st == MXTLS_OK;
    e->watch_failure = st;
#ifdef MXTLS_FAULT_INJECTION
    if (e->watch_in_sync) {
        int wrong = mxtls__watch_audit(e->watch);
        e->watch_stale += wrong < 0 ? 1u : (size_t)wrong;
    }
#endif
}

int64_t mxtls_engine_timeout_ms(const mxtls_engine *e)
{
    if (e == NULL)
        return -1;
    if (e->ready_head != NULL ||
        (e->queue_head != NULL && e->n_running < (size_t)e->max_in_flight) ||
        (e->watch != NULL && !e->watch_in_sync))
        return 0;
    int64_t soonest = NO_DEADLINE;
    for (size_t i = 0; i < e->n_running; i++) {
        const struct mxtls__task *t = e->running[i];
        if (t->wait == W_RESOLVER && *t->progress != t->seen)
            return 0;            /* answers came in since it waited */
        if ((t->wait == W_FD || t->wait == W_FDS || t->wait == W_RESOLVER) &&
            t->deadline < soonest)
            soonest = t->deadline;
    }
    const struct mxtls__wait_source *src = resolver_source(e);
    if (src != NULL && src->next_deadline(src) < soonest)
        soonest = src->next_deadline(src);
    if (soonest == NO_DEADLINE)
        return -1;
    int64_t left = soonest - mxtls__now_ms();
    return left > 0 ? left : 0;
}

/* revents for fd in the caller's array, sorted by fd (0 if absent). */
static short revents_of(const struct pollfd *sorted, size_t n, int fd)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid].fd < fd)
            lo = mid + 1;
        else
            hi = mid;
    }
    short r = 0;
    for (; lo < n && sorted[lo].fd == fd; lo++)
        r |= sorted[lo].revents;
    return r;
}

/* Run libunbound's callbacks for its sockets that are ready (from the
 * caller's sorted ready set) and its timers that are due. */
static void drive_resolver(mxtls_engine *e, const struct pollfd *ready, size_t n_ready)
{
    size_t n = 0;
    struct pollfd *fds = resolver_fds(e, &n);
    struct mxtls__wait_source *src = resolver_source(e);
    if (src == NULL)
        return;
    for (size_t i = 0; fds != NULL && i < n; i++)
        fds[i].revents = (short)(revents_of(ready, n_ready, fds[i].fd) &
                                 (fds[i].events | POLLERR | POLLHUP | POLLNVAL));
    (void)src->dispatch(src);
}

struct wake {
    struct mxtls__task *t;
    unsigned seq;
    int result;
};

/* A wait whose deadline came with no events while the kernel's set
 * watched for them: look once more with poll(). The set should never miss
 * an event (watch.h); if it did, the check still gets its event instead of
 * a timeout, and the internal tests see the count. How many are ready. */
static int late_events(mxtls_engine *e, struct pollfd *fds, size_t n)
{
    if (e->watch == NULL || n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        fds[i].revents = 0;
    int r = poll(fds, (nfds_t)n, 0);
    if (r <= 0)
        return 0;
    e->watch_late++;
    return r;
}

/* Which waiting tasks are due now, and with what result. */
static size_t collect(mxtls_engine *e, const struct pollfd *ready, size_t n_ready,
                      struct wake *w)
{
    int64_t now = mxtls__now_ms();
    size_t k = 0;
    for (size_t i = 0; i < e->n_running; i++) {
        struct mxtls__task *t = e->running[i];
        int result = -2;
        if (t->wait == W_FD) {
            short rev = t->fd >= 0 ? revents_of(ready, n_ready, t->fd) : 0;
            rev &= (short)(t->events | POLLERR | POLLHUP | POLLNVAL);
            if (rev)
                result = rev;
            else if (t->deadline <= now) {
                struct pollfd p = {.fd = t->fd, .events = t->events};
                result = t->fd >= 0 && late_events(e, &p, 1) > 0
                             ? (short)(p.revents & (t->events | POLLERR | POLLHUP | POLLNVAL))
                             : 0;
            }
        } else if (t->wait == W_FDS) {
            int n = 0;
            for (size_t f = 0; f < t->n_fds; f++) {
                struct pollfd *p = &t->fds[f];
                short rev = p->fd >= 0 ? revents_of(ready, n_ready, p->fd) : 0;
                p->revents = (short)(rev & (p->events | POLLERR | POLLHUP | POLLNVAL));
                n += p->revents != 0;
            }
            if (n == 0 && t->deadline <= now && late_events(e, t->fds, t->n_fds) > 0) {
                for (size_t f = 0; f < t->n_fds; f++) {
                    struct pollfd *p = &t->fds[f];
                    p->revents &= (short)(p->events | POLLERR | POLLHUP | POLLNVAL);
                    n += p->revents != 0;
                }
            }
            if (n > 0)
                result = n;
            else if (t->deadline <= now)
                result = 0;
        } else if (t->wait == W_RESOLVER) {
            if (*t->progress != t->seen)
                result = 1;
            else if (t->deadline <= now)
                result = 0;
        }
        if (result != -2)
            w[k++] = (struct wake){.t = t, .seq = t->seq, .result = result};
    }
    return k;
}

mxtls_status mxtls_engine_process(mxtls_engine *e, const mxtls_pollfd *fds, size_t n)
{
    if (e == NULL || (fds == NULL && n > 0))
        return MXTLS_EINVAL;
    struct pollfd *ready = mxtls__malloc((n ? n : 1) * sizeof *ready);
    struct wake *w = mxtls__malloc((e->n_running ? e->n_running : 1) * sizeof *w);
    if (ready == NULL || w == NULL) {
        mxtls__free(ready);
        mxtls__free(w);
        return MXTLS_ENOMEM;
    }
    size_t n_ready = 0;
    for (size_t i = 0; i < n; i++)
        if (fds[i].revents != 0 && fds[i].fd >= 0)
            ready[n_ready++] = (struct pollfd){.fd = fds[i].fd, .revents = fds[i].revents};
    qsort(ready, n_ready, sizeof *ready, by_fd);
    /* libunbound's events first: its callbacks move the jobs' counters. */
    drive_resolver(e, ready, n_ready);
    size_t k = collect(e, ready, n_ready, w);
    for (size_t i = 0; i < k; i++) {
        struct mxtls__task *t = w[i].t;
        if (t->seq != w[i].seq ||
            (t->wait != W_FD && t->wait != W_FDS && t->wait != W_RESOLVER))
            continue;
        t->result = w[i].result;
        resume(e, t);
        run_ready(e);
    }
    mxtls__free(ready);
    mxtls__free(w);
    run_ready(e);
    start_queued(e);
    run_ready(e);
    /* The checks just run sent queries: libunbound sends them from timers
     * due at once. Fire those now, so its sockets are listed before the
     * caller's next poll. */
    drive_resolver(e, NULL, 0);
    if (e->watch != NULL)
        watch_update(e);
    return MXTLS_OK;
}

/* The kernel's set, made and filled on first use. */
static mxtls_status watch_start(mxtls_engine *e)
{
    if (e->watch != NULL)
        return MXTLS_OK;
    e->watch = mxtls__watch_new();
    if (e->watch == NULL)
        return errno == ENOMEM ? MXTLS_ENOMEM : MXTLS_EIO;
    watch_update(e);
    return e->watch_failure == MXTLS_ENOMEM ? MXTLS_ENOMEM : MXTLS_OK;
}

mxtls_status mxtls_engine_watch_fd(mxtls_engine *e, int *fd)
{
    if (fd != NULL)
        *fd = -1;
    if (e == NULL || fd == NULL)
        return MXTLS_EINVAL;
    mxtls_status st = watch_start(e);
    if (st == MXTLS_OK)
        *fd = mxtls__watch_fd(e->watch);
    return st;
}

/* One round with poll() over every wanted descriptor, waiting up to ms:
 * mxtls_engine_run() without a kernel set, and any round while the set is
 * out of sync. */
static mxtls_status poll_round(mxtls_engine *e, int ms)
{
    struct pollfd *all = NULL;
    size_t count = 0;
    mxtls_status st = wanted(e, &all, &count);
    if (st != MXTLS_OK)
        return st;
    if (count == 0 && ms < 0)
        ms = 0;   /* nothing to wait for: let process() start work */
    int r = poll(all, (nfds_t)count, ms);
    if (r < 0 && errno != EINTR)
        st = MXTLS_EIO;
    else
        st = mxtls_engine_process(e, (const mxtls_pollfd *)(const void *)all, r > 0 ? count : 0);
    mxtls__free(all);
    return st;
}

/* One round over the kernel's set, waiting up to ms. MXTLS_ENOMEM when
 * the set could not be brought up to date for lack of memory (the round's
 * work was done; the next round uses poll() and tries again). */
static mxtls_status watch_round(mxtls_engine *e, int ms)
{
    mxtls_status st;
    if (!e->watch_in_sync)
        st = poll_round(e, ms);
    else {
        const struct pollfd *ready = NULL;
        int r = mxtls__watch_wait(e->watch, ms, &ready);
        if (r < 0 && errno != EINTR)
            return errno == ENOMEM ? MXTLS_ENOMEM : MXTLS_EIO;
        st = mxtls_engine_process(e, (const mxtls_pollfd *)(const void *)ready,
                                  r > 0 ? (size_t)r : 0);
    }
    if (st == MXTLS_OK && e->watch_failure == MXTLS_ENOMEM)
        st = MXTLS_ENOMEM;
    return st;
}

mxtls_status mxtls_engine_dispatch(mxtls_engine *e)
{
    if (e == NULL)
        return MXTLS_EINVAL;
    mxtls_status st = watch_start(e);
    return st == MXTLS_OK ? watch_round(e, 0) : st;
}

static mxtls_status detail_buffer(const char *text, mxtls_buffer **out)
{
    struct mxtls__text t = {0};
    mxtls__text_append(&t, text);
    return mxtls__text_finish(&t, out);
}

mxtls_status mxtls_engine_next_done(mxtls_engine *e, mxtls_report **report,
                                    mxtls_status *status, void **user, mxtls_buffer **detail)
{
    if (e == NULL || report == NULL || status == NULL || user == NULL)
        return MXTLS_EINVAL;
    if (e->done_head == NULL)
        return MXTLS_ENOENT;
    if (detail != NULL) {
        *detail = NULL;
        mxtls_status st = detail_buffer(e->done_head->detail, detail);
        if (st != MXTLS_OK)
            return st;
    }
    struct job *j = job_pop(&e->done_head, &e->done_tail);
    e->n_done--;
    *report = j->report;
    *status = j->status;
    *user = j->user;
    j->report = NULL;
    job_free(j);
    return MXTLS_OK;
}

size_t mxtls_engine_pending(const mxtls_engine *e)
{
    return e ? e->n_queued + e->n_running + e->n_done : 0;
}

size_t mxtls_engine_running(const mxtls_engine *e)
{
    return e ? e->n_queued + e->n_running : 0;
}

static int timeout_for_wait(const mxtls_engine *e)
{
    int64_t timeout = mxtls_engine_timeout_ms(e);
    return timeout < 0 ? -1 : timeout > INT32_MAX ? INT32_MAX : (int)timeout;
}

mxtls_status mxtls_engine_run(mxtls_engine *e)
{
    if (e == NULL)
        return MXTLS_EINVAL;
    /* Without a kernel set (no epoll) poll() serves. */
    mxtls_status st = watch_start(e);
    int use_watch = st == MXTLS_OK;
    if (st == MXTLS_EIO)
        st = MXTLS_OK;
    while (st == MXTLS_OK && mxtls_engine_running(e) > 0) {
        int ms = timeout_for_wait(e);
        st = use_watch ? watch_round(e, ms) : poll_round(e, ms);
    }
    return st;
}

#ifdef MXTLS_FAULT_INJECTION
/* For tests/test-engine-internal.c only. */
int32_t mxtls__engine_peak_per_destination(const mxtls_engine *e)
{
    return e->peak_per_destination;
}

size_t mxtls__engine_least_stack_untouched(const mxtls_engine *e)
{
    return e->least_untouched;
}

int32_t mxtls__engine_peak_resolving(const mxtls_engine *e)
{
    return e->peak_resolving;
}

void mxtls__engine_set_resolve_turns(mxtls_engine *e, int32_t turns)
{
    e->resolve_turns.limit = turns;
}

size_t mxtls__engine_watch_late(const mxtls_engine *e)
{
    return e->watch_late;
}

size_t mxtls__engine_watch_stale(const mxtls_engine *e)
{
    return e->watch_stale;
}
#endif
