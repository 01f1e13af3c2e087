/* libunbound's pluggable event base, over the wait seam: see ub_loop.h.
 *
 * The semantics are libevent's, which libunbound was written against (its
 * util/ub_event.c maps these calls onto libevent one to one):
 * - an event is added (active) or not; add() with a time also arms a
 *   timeout, whatever the event's bits;
 * - a non-persistent event is deactivated before its callback runs, so the
 *   callback may add it again; a persistent one stays, and its timeout, if
 *   any, starts over;
 * - del() drops an activation that is due but has not run yet.
 *
 * Active events are a doubly linked list. Callbacks run from dispatch() may
 * add, delete or free any event, the next one in the walk included: the
 * walk keeps its cursor in the loop, and unlinking moves the cursor on. */
#define _POSIX_C_SOURCE 200809L
#include "ub_loop.h"

#include <poll.h>
#include <stdlib.h>
#include <stdint.h>
#include <sys/time.h>
#include <unbound-event.h>

#include "alloc.h"
#include "clock.h"
#include "ub_guard.h"

#define NO_DEADLINE INT64_MAX

struct loop_event {
    struct ub_event super;          /* libunbound's view: magic and methods */
    struct mxtls__ub_loop *loop;
    struct loop_event *prev, *next; /* in loop->active while added */
    int added;
    int fd;                         /* -1 for a timer */
    short bits;                     /* UB_EV_* */
    int64_t deadline;               /* NO_DEADLINE: no timeout armed */
    int64_t interval_ms;            /* the timeout, for a persistent event */
    short due;                      /* bits to deliver in this dispatch */
    void (*cb)(int, short, void *);
    void *arg;
};

struct mxtls__ub_loop {
    struct mxtls__wait_source source;  /* first: the core holds this */
    struct ub_event_base base;
    struct loop_event *active;
    struct loop_event *cursor;      /* dispatch()'s next event, or NULL */
    size_t n_active;
    struct pollfd *fds;             /* rebuilt by fds() */
    struct loop_event **fd_events;  /* the event of each fds[] entry */
    size_t fds_valid;               /* entries still true to their events */
    size_t cap;
};

#define LOOP_OF_BASE(b) \
    ((struct mxtls__ub_loop *)(void *)((char *)(b) - offsetof(struct mxtls__ub_loop, base)))

static struct loop_event *event_of(struct ub_event *ev)
{
    return (struct loop_event *)(void *)ev;
}

static void link_event(struct loop_event *ev)
{
    struct mxtls__ub_loop *loop = ev->loop;
    ev->prev = NULL;
    ev->next = loop->active;
    if (loop->active != NULL)
        loop->active->prev = ev;
    loop->active = ev;
    ev->added = 1;
    ev->due = 0;
    loop->n_active++;
}

static void unlink_event(struct loop_event *ev)
{
    if (!ev->added)
        return;
    /* libunbound deletes a socket's event before it closes the socket
     * (comm_point_close): a watcher of the number must look again. */
    mxtls__fd_forget(ev->fd);
    struct mxtls__ub_loop *loop = ev->loop;
    if (loop->cursor == ev)
        loop->cursor = ev->next;
    if (ev->prev != NULL)
        ev->prev->next = ev->next;
    else
        loop->active = ev->next;
    if (ev->next != NULL)
        ev->next->prev = ev->prev;
    ev->prev = ev->next = NULL;
    ev->added = 0;
    ev->due = 0;
    loop->n_active--;
}

static int64_t ms_of(const struct timeval *tv)
{
    if (tv->tv_sec < 0 || tv->tv_usec < 0)
        return 0;
    /* Rounded up: a timer never fires before its time. */
    return (int64_t)tv->tv_sec * 1000 + ((int64_t)tv->tv_usec + 999) / 1000;
}

/* ---- the event methods ------------------------------------------------ */

static void ev_add_bits(struct ub_event *ev, short bits)
{
    event_of(ev)->bits |= bits;
}

static void ev_del_bits(struct ub_event *ev, short bits)
{
    event_of(ev)->bits &= (short)~bits;
}

static void ev_set_fd(struct ub_event *ev, int fd)
{
    mxtls__fd_forget(event_of(ev)->fd);
    event_of(ev)->fd = fd;
    event_of(ev)->loop->fds_valid = 0;   /* revents of the old fd are not its */
}

static void ev_free(struct ub_event *ev)
{
    if (ev == NULL)
        return;
    unlink_event(event_of(ev));
    event_of(ev)->loop->fds_valid = 0;   /* fd_events[] may point at it */
    free(ev);
}

static int ev_add(struct ub_event *uev, struct timeval *tv)
{
    struct loop_event *ev = event_of(uev);
    unlink_event(ev);
    ev->interval_ms = tv != NULL ? ms_of(tv) : -1;
    ev->deadline = tv != NULL ? mxtls__now_ms() + ev->interval_ms : NO_DEADLINE;
    link_event(ev);
    return 0;
}

static int ev_del(struct ub_event *ev)
{
    unlink_event(event_of(ev));
    return 0;
}

static int ev_add_timer(struct ub_event *uev, struct ub_event_base *base,
                        void (*cb)(int, short, void *), void *arg, struct timeval *tv)
{
    struct loop_event *ev = event_of(uev);
    if (base == NULL || LOOP_OF_BASE(base) != ev->loop || cb == NULL || tv == NULL)
        return -1;
    unlink_event(ev);
    ev->fd = -1;
    ev->bits = UB_EV_TIMEOUT;
    ev->cb = cb;
    ev->arg = arg;
    return ev_add(uev, tv);
}

/* Signals are for unbound's daemon only; libunbound never asks. */
static int ev_add_signal(struct ub_event *ev, struct timeval *tv)
{
    (void)ev;
    (void)tv;
    return -1;
}

static void ev_winsock_unregister(struct ub_event *ev)
{
    (void)ev;
}

static void ev_winsock_wouldblock(struct ub_event *ev, int bits)
{
    (void)ev;
    (void)bits;
}

static struct ub_event_vmt event_methods = {
    .add_bits = ev_add_bits,
    .del_bits = ev_del_bits,
    .set_fd = ev_set_fd,
    .free = ev_free,
    .add = ev_add,
    .del = ev_del,
    .add_timer = ev_add_timer,
    .del_timer = ev_del,
    .add_signal = ev_add_signal,
    .del_signal = ev_del,
    .winsock_unregister_wsaevent = ev_winsock_unregister,
    .winsock_tcp_wouldblock = ev_winsock_wouldblock,
};

/* ---- the base methods ------------------------------------------------- */

/* The loop is ours: libunbound neither frees nor runs it. */
static void base_free(struct ub_event_base *base)
{
    (void)base;
}

static int base_dispatch(struct ub_event_base *base)
{
    (void)base;
    return -1;
}

static int base_loopexit(struct ub_event_base *base, struct timeval *tv)
{
    (void)base;
    (void)tv;
    return 0;
}

static struct ub_event *base_new_event(struct ub_event_base *base, int fd, short bits,
                                       void (*cb)(int, short, void *), void *arg)
{
    /* An event is libunbound's object, made and freed at its call: like
     * libunbound's own allocations it is not ours to inject failures into
     * (alloc.c), since libunbound can only report one as a resolver
     * failure. */
    struct loop_event *ev = calloc(1, sizeof *ev);
    if (ev == NULL)
        return NULL;            /* libunbound reports it and fails the query */
    ev->super.magic = UB_EVENT_MAGIC;
    ev->super.vmt = &event_methods;
    ev->loop = LOOP_OF_BASE(base);
    ev->fd = fd;
    ev->bits = bits;
    ev->deadline = NO_DEADLINE;
    ev->interval_ms = -1;
    ev->cb = cb;
    ev->arg = arg;
    return &ev->super;
}

static struct ub_event *base_new_signal(struct ub_event_base *base, int fd,
                                        void (*cb)(int, short, void *), void *arg)
{
    (void)base;
    (void)fd;
    (void)cb;
    (void)arg;
    return NULL;
}

static struct ub_event *base_register_wsaevent(struct ub_event_base *base, void *wsaevent,
                                               void (*cb)(int, short, void *), void *arg)
{
    (void)base;
    (void)wsaevent;
    (void)cb;
    (void)arg;
    return NULL;
}

static struct ub_event_base_vmt base_methods = {
    .free = base_free,
    .dispatch = base_dispatch,
    .loopexit = base_loopexit,
    .new_event = base_new_event,
    .new_signal = base_new_signal,
    .winsock_register_wsaevent = base_register_wsaevent,
};

/* ---- the wait source -------------------------------------------------- */

#define LOOP_OF_SOURCE(s) ((struct mxtls__ub_loop *)(void *)(s))

static int grow(struct mxtls__ub_loop *loop, size_t want)
{
    if (want <= loop->cap)
        return 0;
    size_t cap = loop->cap ? loop->cap : 16;
    while (cap < want)
        cap *= 2;
    struct pollfd *fds = mxtls__realloc(loop->fds, cap * sizeof *fds);
    if (fds == NULL)
        return -1;
    loop->fds = fds;
    struct loop_event **evs = mxtls__realloc(loop->fd_events, cap * sizeof *evs);
    if (evs == NULL)
        return -1;
    loop->fd_events = evs;
    loop->cap = cap;
    return 0;
}

static struct pollfd *source_fds(struct mxtls__wait_source *src, size_t *n)
{
    struct mxtls__ub_loop *loop = LOOP_OF_SOURCE(src);
    *n = 0;
    loop->fds_valid = 0;
    if (grow(loop, loop->n_active ? loop->n_active : 1) < 0)
        return NULL;
    size_t k = 0;
    for (struct loop_event *ev = loop->active; ev != NULL; ev = ev->next) {
        short want = (short)(((ev->bits & UB_EV_READ) ? POLLIN : 0) |
                             ((ev->bits & UB_EV_WRITE) ? POLLOUT : 0));
        if (ev->fd < 0 || want == 0)
            continue;
        loop->fds[k] = (struct pollfd){.fd = ev->fd, .events = want};
        loop->fd_events[k++] = ev;
    }
    *n = k;
    loop->fds_valid = k;
    return loop->fds;
}

static int64_t source_next_deadline(const struct mxtls__wait_source *src)
{
    const struct mxtls__ub_loop *loop = (const struct mxtls__ub_loop *)(const void *)src;
    int64_t soonest = NO_DEADLINE;
    for (const struct loop_event *ev = loop->active; ev != NULL; ev = ev->next)
        if (ev->deadline < soonest)
            soonest = ev->deadline;
    return soonest;
}

/* Which bits a descriptor's revents deliver to ev. An error or hang-up
 * wakes whichever direction ev waits for: its read or write says why. */
static short due_bits(const struct loop_event *ev, short revents)
{
    short bits = 0;
    if ((ev->bits & UB_EV_READ) && (revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL)))
        bits |= UB_EV_READ;
    if ((ev->bits & UB_EV_WRITE) && (revents & (POLLOUT | POLLERR | POLLHUP | POLLNVAL)))
        bits |= UB_EV_WRITE;
    return bits;
}

static void mark_due(struct mxtls__ub_loop *loop)
{
    int64_t now = mxtls__now_ms();
    for (size_t i = 0; i < loop->fds_valid; i++)
        if (loop->fds[i].revents != 0)
            loop->fd_events[i]->due |= due_bits(loop->fd_events[i], loop->fds[i].revents);
    for (struct loop_event *ev = loop->active; ev != NULL; ev = ev->next)
        if (ev->deadline <= now && ev->due == 0)
            ev->due = UB_EV_TIMEOUT;
}

static void fire(struct loop_event *ev, short bits)
{
    if (!(ev->bits & UB_EV_PERSIST))
        unlink_event(ev);
    else if (ev->interval_ms >= 0)
        ev->deadline = mxtls__now_ms() + ev->interval_ms;
    mxtls__ub_enter();               /* libunbound's code runs: ub_guard.h */
    ev->cb(ev->fd, bits, ev->arg);   /* may free ev */
    mxtls__ub_leave();
}

static size_t source_dispatch(struct mxtls__wait_source *src)
{
    struct mxtls__ub_loop *loop = LOOP_OF_SOURCE(src);
    mark_due(loop);
    loop->fds_valid = 0;             /* callbacks change the events */
    size_t ran = 0;
    for (struct loop_event *ev = loop->active; ev != NULL; ev = loop->cursor) {
        loop->cursor = ev->next;
        short bits = ev->due;
        ev->due = 0;
        if (bits != 0) {
            fire(ev, bits);
            ran++;
        }
    }
    loop->cursor = NULL;
    return ran;
}

static void source_free(struct mxtls__wait_source *src)
{
    struct mxtls__ub_loop *loop = LOOP_OF_SOURCE(src);
    if (loop == NULL)
        return;
    /* libunbound frees its events in ub_ctx_delete(); any left are lost
     * to it, so they are unhooked and freed here. */
    while (loop->active != NULL) {
        struct loop_event *ev = loop->active;
        unlink_event(ev);
        free(ev);
    }
    mxtls__free(loop->fds);
    mxtls__free(loop->fd_events);
    mxtls__free(loop);
}

struct mxtls__ub_loop *mxtls__ub_loop_new(void)
{
    struct mxtls__ub_loop *loop = mxtls__calloc(1, sizeof *loop);
    if (loop == NULL)
        return NULL;
    loop->source = (struct mxtls__wait_source){
        .fds = source_fds,
        .next_deadline = source_next_deadline,
        .dispatch = source_dispatch,
        .free = source_free,
    };
    loop->base.magic = UB_EVENT_MAGIC;
    loop->base.vmt = &base_methods;
    return loop;
}

struct ub_event_base *mxtls__ub_loop_base(struct mxtls__ub_loop *loop)
{
    return &loop->base;
}

struct mxtls__wait_source *mxtls__ub_loop_source(struct mxtls__ub_loop *loop)
{
    return &loop->source;
}
