/* Fibers of one caller side by side, over one private wait: see
 * fiber_group.h. */
#define _GNU_SOURCE
#include "fiber_group.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "fiber.h"
#include "wait.h"
#include "mxtls/engine.h"

/* How soon a fiber tries again for a connection slot that was full. */
#define SLOT_RETRY_MS 20
#define PER_DESTINATION MXTLS_ENGINE_DEFAULT_PER_DESTINATION

enum member_wait {
    M_READY = 0,  /* to be resumed (new, or its wait is over) */
    M_FD,         /* fd/events (fd < 0: a timer) until deadline */
    M_FLAG,       /* *flag != 0 */
    M_HOME,       /* wants home_fn run on the caller's stack */
    M_DONE
};

struct member {
    struct mxtls__fiber fiber;     /* first: the fiber's entry gets it */
    struct mxtls__fiber_group *g;
    void (*fn)(void *arg);
    void *arg;
    enum member_wait wait;
    int fd;
    short events;
    int64_t deadline;
    int result;
    const int *flag;
    void (*home_fn)(void *arg);
    void *home_arg;
    int exempt;                    /* called mxtls__group_cancel(): runs on */
};

/* The group's connections open to one destination. */
struct destination {
    struct destination *next;
    uint8_t key[19];
    int32_t in_use;
};

/* A slot the group handed out: its destination's count, and the engine's
 * slot under it (NULL outside the engine). */
struct group_slot {
    struct mxtls__slot held;       /* first: what the holder gets */
    struct destination *dest;
    struct mxtls__slot *outer;
};

struct mxtls__fiber_group {
    struct member **members;
    size_t n, cap;
    struct mxtls__fiber_context home;
    int cancelled;
    struct destination *destinations;
    struct pollfd *fds;            /* the outer wait's array, one per member */
};

/* The member running on this thread now, or NULL. */
static _Thread_local struct member *running;

struct mxtls__fiber_group *mxtls__group_new(void)
{
    return mxtls__calloc(1, sizeof(struct mxtls__fiber_group));
}

static void member_main(struct mxtls__fiber *f)
{
    struct member *m = (struct member *)(void *)f;
    m->fn(m->arg);
}

int mxtls__group_spawn(struct mxtls__fiber_group *g, void (*fn)(void *arg), void *arg)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 8;
        struct member **members = mxtls__realloc(g->members, cap * sizeof *members);
        if (members == NULL)
            return -1;
        g->members = members;
        g->cap = cap;
    }
    struct member *m = mxtls__calloc(1, sizeof *m);
    if (m == NULL)
        return -1;
    if (mxtls__fiber_stack_new(&m->fiber) < 0) {
        mxtls__free(m);
        return -1;
    }
    m->g = g;
    m->fn = fn;
    m->arg = arg;
    m->fd = -1;
    mxtls__fiber_prepare(&m->fiber, &g->home, member_main);
    g->members[g->n++] = m;
    return 0;
}

void mxtls__group_free(struct mxtls__fiber_group *g)
{
    if (g == NULL)
        return;
    for (size_t i = 0; i < g->n; i++) {
        mxtls__fiber_stack_free(&g->members[i]->fiber);
        mxtls__free(g->members[i]);
    }
    while (g->destinations != NULL) {
        struct destination *d = g->destinations;
        g->destinations = d->next;
        mxtls__free(d);
    }
    mxtls__free(g->members);
    mxtls__free(g->fds);
    mxtls__free(g);
}

/* ------------------------------------------------------------------------
 * A member's side: its waits, answered by the group
 * ------------------------------------------------------------------------ */

static int member_cancelled(const struct member *m)
{
    return m->g->cancelled && !m->exempt;
}

/* Switch to the group until it resumes us; the wait's result. */
static int block(struct member *m)
{
    mxtls__fiber_yield(&m->fiber);
    if (m->result < 0)
        errno = ECANCELED;
    return m->result;
}

static int group_wait_fd(void *self, int fd, short events, int64_t deadline)
{
    struct member *m = self;
    if (member_cancelled(m)) {
        errno = ECANCELED;
        return -1;
    }
    if (mxtls__ms_left(deadline) <= 0)
        return 0;
    m->wait = M_FD;
    m->fd = fd;
    m->events = events;
    m->deadline = deadline;
    return block(m);
}

void mxtls__group_call_home(void (*fn)(void *arg), void *arg)
{
    struct member *m = running;
    if (m == NULL) {
        fn(arg);
        return;
    }
    m->wait = M_HOME;
    m->home_fn = fn;
    m->home_arg = arg;
    m->result = 0;
    mxtls__fiber_yield(&m->fiber);
}

int mxtls__group_on_fiber(void)
{
    return running != NULL;
}

/* The waits that only the waiter outside can answer run at home. */
struct home_wait {
    struct mxtls__wait_source *src;
    int64_t deadline;
    const unsigned *progress;
    const struct sockaddr *sa;
    socklen_t len;
    struct mxtls__slot **slot;
    struct pollfd *fds;
    size_t n;
    int result;
    int error;
};

static void home_wait_resolver(void *arg)
{
    struct home_wait *w = arg;
    w->result = mxtls__wait_resolver(w->src, w->deadline, w->progress);
    w->error = errno;
}

static void home_resolve_turn(void *arg)
{
    struct home_wait *w = arg;
    w->result = mxtls__wait_resolve_turn(w->slot);
    w->error = errno;
}

static void home_try_slot(void *arg)
{
    struct home_wait *w = arg;
    w->result = mxtls__wait_try_slot(w->sa, w->len, w->slot);
    w->error = errno;
}

static void home_wait_fds(void *arg)
{
    struct home_wait *w = arg;
    w->result = mxtls__wait_fds(w->fds, w->n, w->deadline);
    w->error = errno;
}

static int at_home(struct member *m, void (*fn)(void *), struct home_wait *w)
{
    if (member_cancelled(m)) {
        errno = ECANCELED;
        return -1;
    }
    mxtls__group_call_home(fn, w);
    errno = w->error;
    return w->result;
}

static int group_wait_resolver(void *self, struct mxtls__wait_source *src, int64_t deadline,
                               const unsigned *progress)
{
    struct home_wait w = {.src = src, .deadline = deadline, .progress = progress};
    return at_home(self, home_wait_resolver, &w);
}

static int group_wait_resolve_turn(void *self, struct mxtls__slot **turn)
{
    struct home_wait w = {.slot = turn};
    return at_home(self, home_resolve_turn, &w);
}

static int group_wait_fds(void *self, struct pollfd *fds, size_t n, int64_t deadline)
{
    struct home_wait w = {.fds = fds, .n = n, .deadline = deadline};
    return at_home(self, home_wait_fds, &w);
}

static int group_try_slot(void *self, const struct sockaddr *sa, socklen_t len,
                          struct mxtls__slot **slot)
{
    struct home_wait w = {.sa = sa, .len = len, .slot = slot};
    return at_home(self, home_try_slot, &w);
}

static struct destination *destination_of(struct mxtls__fiber_group *g, const uint8_t key[19])
{
    for (struct destination *d = g->destinations; d != NULL; d = d->next)
        if (memcmp(d->key, key, 19) == 0)
            return d;
    struct destination *d = mxtls__calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    memcpy(d->key, key, 19);
    d->next = g->destinations;
    g->destinations = d;
    return d;
}

static void group_slot_release(struct mxtls__slot *held)
{
    struct group_slot *s = (struct group_slot *)(void *)held;
    s->dest->in_use--;
    mxtls__slot_release(s->outer);
    mxtls__free(s);
}

/* Both the group's own count and, inside the engine, one of its slots;
 * while either is full, sleep a little and try again. */
static int group_wait_slot(void *self, const struct sockaddr *sa, socklen_t len,
                           struct mxtls__slot **out)
{
    struct member *m = self;
    uint8_t key[19];
    mxtls__destination_key(sa, len, key);
    struct destination *d = destination_of(m->g, key);
    struct group_slot *s = mxtls__calloc(1, sizeof *s);
    if (d == NULL || s == NULL) {
        mxtls__free(s);
        errno = ENOMEM;
        return -1;
    }
    for (;;) {
        int taken = 0;
        if (d->in_use < PER_DESTINATION &&
            (taken = group_try_slot(m, sa, len, &s->outer)) < 0)
            break;
        if (taken) {
            d->in_use++;
            s->dest = d;
            s->held.release = group_slot_release;
            *out = &s->held;
            return 0;
        }
        /* Past the check's deadline no connection may start. */
        int64_t now = mxtls__now_ms(), cap = mxtls__wait_cap();
        if (now >= cap) {
            errno = ETIMEDOUT;
            break;
        }
        m->wait = M_FD;
        m->fd = -1;
        m->events = 0;
        m->deadline = now + SLOT_RETRY_MS < cap ? now + SLOT_RETRY_MS : cap;
        if (member_cancelled(m) || block(m) < 0) {
            errno = ECANCELED;
            break;
        }
    }
    mxtls__free(s);
    return -1;
}

static const struct mxtls__wait_ops group_ops = {
    .wait_fd = group_wait_fd,
    .wait_resolver = group_wait_resolver,
    .wait_slot = group_wait_slot,
    .wait_resolve_turn = group_wait_resolve_turn,
    .wait_fds = group_wait_fds,
    .try_slot = group_try_slot,
};

int mxtls__group_wait_flag(const int *flag)
{
    struct member *m = running;
    if (m == NULL || *flag)
        return 0;
    if (member_cancelled(m)) {
        errno = ECANCELED;
        return -1;
    }
    m->wait = M_FLAG;
    m->flag = flag;
    return block(m) < 0 ? -1 : 0;
}

void mxtls__group_cancel(void)
{
    if (running == NULL)
        return;
    running->exempt = 1;
    running->g->cancelled = 1;
}

/* ------------------------------------------------------------------------
 * The caller's side: the scheduler
 * ------------------------------------------------------------------------ */

static void resume(struct member *m)
{
    struct member *outer = running;
    void *outer_self = NULL;
    const struct mxtls__wait_ops *outer_ops = mxtls__wait_install(&group_ops, m, &outer_self);
    running = m;
    m->wait = M_READY;
    mxtls__fiber_resume(&m->fiber);
    running = outer;
    mxtls__wait_install(outer_ops, outer_self, NULL);
    if (m->fiber.finished)
        m->wait = M_DONE;
}

/* Resume every member that can go on; 1 when one did, -1 when all are done. */
static int run_ready(struct mxtls__fiber_group *g)
{
    int ran = 0, live = 0;
    for (size_t i = 0; i < g->n; i++) {
        struct member *m = g->members[i];
        if (m->wait == M_DONE)
            continue;
        live = 1;
        if (member_cancelled(m) && (m->wait == M_FD || m->wait == M_FLAG)) {
            m->result = -1;
            m->wait = M_READY;
        }
        if (m->wait == M_HOME) {
            m->home_fn(m->home_arg);    /* the outer waiter is installed here */
            m->wait = M_READY;
        }
        if (m->wait == M_FLAG && *m->flag) {
            m->result = 0;
            m->wait = M_READY;
        }
        if (m->wait == M_READY) {
            resume(m);
            ran = 1;
        }
    }
    return live ? ran : -1;
}

/* Every member waits: wait for the first fd or deadline through the waiter
 * outside, and mark who is due. */
static int wait_outside(struct mxtls__fiber_group *g)
{
    size_t k = 0;
    int64_t soonest = INT64_MAX;
    for (size_t i = 0; i < g->n; i++) {
        const struct member *m = g->members[i];
        if (m->wait != M_FD)
            continue;
        if (m->deadline < soonest)
            soonest = m->deadline;
        if (m->fd >= 0)
            g->fds[k++] = (struct pollfd){.fd = m->fd, .events = m->events};
    }
    if (soonest == INT64_MAX && k == 0) {
        /* Only flags nobody can set any more: a bug; unwind, never hang. */
        g->cancelled = 1;
        return 0;
    }
    int r = mxtls__wait_fds(g->fds, k, soonest);
    if (r < 0) {
        g->cancelled = 1;
        for (size_t i = 0; i < g->n; i++)
            g->members[i]->exempt = 0;
        return -1;
    }
    int64_t now = mxtls__now_ms();
    k = 0;
    for (size_t i = 0; i < g->n; i++) {
        struct member *m = g->members[i];
        if (m->wait != M_FD)
            continue;
        short rev = 0;
        if (m->fd >= 0)
            rev = (short)(g->fds[k++].revents & (m->events | POLLERR | POLLHUP | POLLNVAL));
        if (rev != 0 || m->deadline <= now) {
            m->result = rev;
            m->wait = M_READY;
        }
    }
    return 0;
}

int mxtls__group_run(struct mxtls__fiber_group *g)
{
    if (g->n > 0 && (g->fds = mxtls__calloc(g->n, sizeof *g->fds)) == NULL) {
        errno = ENOMEM;
        return -1;
    }
    int failed = 0, error = 0;
    for (;;) {
        int ran = run_ready(g);
        if (ran < 0)
            break;
        if (ran == 0 && wait_outside(g) < 0 && !failed) {
            failed = 1;
            error = errno;
        }
    }
    if (failed)
        errno = error;
    return failed ? -1 : 0;
}
