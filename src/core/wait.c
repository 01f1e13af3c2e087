/* The wait primitive: poll() unless a waiter (the engine) installed its
 * own operations on this thread. See wait.h. */
#define _POSIX_C_SOURCE 200809L
#include "wait.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <poll.h>
#include <stdatomic.h>
#include <stddef.h>

#include "clock.h"

/* The deadline every wait of this thread is cut to (wait.h). */
static _Thread_local int64_t cap = INT64_MAX;

int64_t mxtls__wait_set_cap(int64_t new_cap)
{
    int64_t old = cap;
    cap = new_cap;
    return old;
}

int64_t mxtls__wait_cap(void)
{
    return cap;
}

static int64_t capped(int64_t deadline)
{
    return deadline < cap ? deadline : cap;
}

/* The installed waiter of this thread, or NULL for poll(). */
static _Thread_local const struct mxtls__wait_ops *installed;
static _Thread_local void *installed_self;

int mxtls__wait_is_installed(void)
{
    return installed != NULL;
}

const struct mxtls__wait_ops *mxtls__wait_install(const struct mxtls__wait_ops *ops, void *self,
                                                  void **old_self)
{
    const struct mxtls__wait_ops *old = installed;
    if (old_self != NULL)
        *old_self = installed_self;
    installed = ops;
    installed_self = ops != NULL ? self : NULL;
    return old;
}

int mxtls__wait_fd(int fd, short events, int64_t deadline)
{
    deadline = capped(deadline);
    if (installed != NULL)
        return installed->wait_fd(installed_self, fd, events, deadline);
    for (;;) {
        int left = mxtls__ms_left(deadline);
        if (left <= 0)
            return 0;
        struct pollfd p = {.fd = fd, .events = events};
        int r = poll(&p, 1, left);
        if (r > 0)
            return p.revents;    /* POLLERR/POLLHUP: the next call says why */
        if (r < 0 && errno != EINTR)
            return -1;
    }
}

int mxtls__wait_resolver(struct mxtls__wait_source *src, int64_t deadline,
                         const unsigned *progress)
{
    deadline = capped(deadline);
    if (installed != NULL)
        return installed->wait_resolver(installed_self, src, deadline, progress);
    unsigned seen = *progress;
    for (;;) {
        size_t n = 0;
        struct pollfd *fds = src->fds(src, &n);
        if (fds == NULL) {
            errno = ENOMEM;
            return -1;
        }
        int64_t timer = src->next_deadline(src);
        int r = poll(fds, (nfds_t)n, mxtls__ms_left(timer < deadline ? timer : deadline));
        if (r < 0 && errno != EINTR)
            return -1;
        if (r < 0)
            continue;
        (void)src->dispatch(src);
        if (*progress != seen)
            return 1;
        if (mxtls__ms_left(deadline) == 0)
            return 0;
    }
}

int mxtls__wait_slot(const struct sockaddr *sa, socklen_t len, struct mxtls__slot **slot)
{
    *slot = NULL;
    if (installed == NULL)
        return 0;
    return installed->wait_slot(installed_self, sa, len, slot);
}

int mxtls__wait_resolve_turn(struct mxtls__slot **turn)
{
    *turn = NULL;
    if (installed == NULL)
        return 0;
    return installed->wait_resolve_turn(installed_self, turn);
}

int mxtls__wait_fds(struct pollfd *fds, size_t n, int64_t deadline)
{
    deadline = capped(deadline);
    if (installed != NULL)
        return installed->wait_fds(installed_self, fds, n, deadline);
    for (;;) {
        int left = mxtls__ms_left(deadline);
        if (left <= 0)
            return 0;
        int r = poll(fds, (nfds_t)n, left);
        if (r >= 0 || errno != EINTR)
            return r;
    }
}

int mxtls__wait_try_slot(const struct sockaddr *sa, socklen_t len, struct mxtls__slot **slot)
{
    *slot = NULL;
    if (installed == NULL)
        return 1;
    return installed->try_slot(installed_self, sa, len, slot);
}

void mxtls__slot_release(struct mxtls__slot *slot)
{
    if (slot != NULL)
        slot->release(slot);
}

void mxtls__destination_key(const struct sockaddr *sa, socklen_t len, uint8_t key[19])
{
    memset(key, 0, 19);
    if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in = (const void *)sa;
        key[0] = 4;
        memcpy(key + 1, &in->sin_port, 2);
        memcpy(key + 3, &in->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *in6 = (const void *)sa;
        key[0] = 6;
        memcpy(key + 1, &in6->sin6_port, 2);
        memcpy(key + 3, &in6->sin6_addr, 16);
    }
}

/* Counters by descriptor number, folded into a small table: a collision
 * only makes a watcher register again for nothing (wait.h). Shared by all
 * threads rather than per thread, so that an engine driven from another
 * thread than before still sees every close: a close elsewhere of the same
 * number costs it one needless registration, never a missed one. */
#define FD_GENERATIONS 1024u
static _Atomic uint32_t fd_generations[FD_GENERATIONS];

void mxtls__fd_forget(int fd)
{
    if (fd >= 0)
        atomic_fetch_add_explicit(&fd_generations[(unsigned)fd % FD_GENERATIONS], 1u,
                                  memory_order_relaxed);
}

uint32_t mxtls__fd_generation(int fd)
{
    return atomic_load_explicit(&fd_generations[(unsigned)fd % FD_GENERATIONS],
                                memory_order_relaxed);
}
