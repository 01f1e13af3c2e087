/* The engine's epoll set: see watch.h. */
#define _GNU_SOURCE
#include "watch.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "wait.h"

#ifdef __linux__
#include <sys/epoll.h>

/* What the kernel holds for one descriptor number. A registration the
 * last sync did not want stays in the kernel, dormant: most come back
 * (a check's socket between its waits for libunbound) or are closed (the
 * kernel drops them then), and either costs no call. One that shows events
 * while dormant is dropped then (watch_wait). */
struct registration {
    short events;            /* poll() events registered; 0: none */
    uint32_t generation;     /* mxtls__fd_generation() when registered */
    uint32_t sync_mark;      /* the last sync that wanted it */
    size_t held_at;          /* its place in held[] while events != 0 */
};

struct mxtls__watch {
    int epfd;
    struct registration *by_fd;
    size_t by_fd_cap;
    int *held;               /* numbers with events != 0, any order */
    size_t n_held, held_cap;
    uint32_t sync_mark;
    struct epoll_event *events;     /* epoll_wait()'s array */
    size_t events_cap;
    struct pollfd *ready;           /* what watch_wait() hands back */
    size_t ready_cap;
};

struct mxtls__watch *mxtls__watch_new(void)
{
    struct mxtls__watch *w = mxtls__calloc(1, sizeof *w);
    if (w == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    w->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (w->epfd < 0) {
        int saved = errno;
        mxtls__free(w);
        errno = saved;
        return NULL;
    }
    return w;
}

void mxtls__watch_free(struct mxtls__watch *w)
{
    if (w == NULL)
        return;
    close(w->epfd);
    mxtls__free(w->by_fd);
    mxtls__free(w->held);
    mxtls__free(w->events);
    mxtls__free(w->ready);
    mxtls__free(w);
}

int mxtls__watch_fd(const struct mxtls__watch *w)
{
    return w->epfd;
}

/* Room for n items of size in *items (capacity *cap, doubled), zeroed
 * beyond the old capacity. */
static int reserve(void **items, size_t *cap, size_t n, size_t size)
{
    if (n <= *cap)
        return 0;
    size_t grown = *cap ? *cap : 64;
    while (grown < n)
        grown *= 2;
    char *p = mxtls__realloc(*items, grown * size);
    if (p == NULL) {
        errno = ENOMEM;
        return -1;
    }
    for (size_t i = *cap * size; i < grown * size; i++)
        p[i] = 0;
    *items = p;
    *cap = grown;
    return 0;
}

static uint32_t epoll_bits(short events)
{
    return ((events & POLLIN) ? EPOLLIN : 0u) | ((events & POLLOUT) ? EPOLLOUT : 0u) |
           ((events & POLLPRI) ? EPOLLPRI : 0u);
}

static short poll_bits(uint32_t events)
{
    return (short)(((events & EPOLLIN) ? POLLIN : 0) | ((events & EPOLLOUT) ? POLLOUT : 0) |
                   ((events & EPOLLPRI) ? POLLPRI : 0) | ((events & EPOLLERR) ? POLLERR : 0) |
                   ((events & EPOLLHUP) ? POLLHUP : 0));
}

/* Register fd for events: changed in place when the kernel still holds
 * this very socket, else added (a number whose generation moved may be a
 * new socket, or the old one that was only unwatched: try both). */
static int register_fd(struct mxtls__watch *w, struct registration *r, int fd, short events,
                       uint32_t generation)
{
    struct epoll_event ev = {.events = epoll_bits(events), .data.fd = fd};
    int same_socket = r->events != 0 && r->generation == generation;
    int op = same_socket ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int rc = epoll_ctl(w->epfd, op, fd, &ev);
    if (rc < 0 && op == EPOLL_CTL_ADD && errno == EEXIST)
        rc = epoll_ctl(w->epfd, EPOLL_CTL_MOD, fd, &ev);
    else if (rc < 0 && op == EPOLL_CTL_MOD && errno == ENOENT)
        rc = epoll_ctl(w->epfd, EPOLL_CTL_ADD, fd, &ev);
    return rc;
}

static int hold(struct mxtls__watch *w, int fd)
{
    if (reserve((void **)&w->held, &w->held_cap, w->n_held + 1, sizeof *w->held) < 0)
        return -1;
    w->by_fd[fd].held_at = w->n_held;
    w->held[w->n_held++] = fd;
    return 0;
}

/* Forget fd's registration (the caller told the kernel, or it is gone). */
static void unhold(struct mxtls__watch *w, int fd)
{
    struct registration *r = &w->by_fd[fd];
    size_t at = r->held_at;
    int last = w->held[--w->n_held];
    w->held[at] = last;
    w->by_fd[last].held_at = at;
    r->events = 0;
}

int mxtls__watch_sync(struct mxtls__watch *w, const struct pollfd *want, size_t n)
{
    w->sync_mark++;
    for (size_t i = 0; i < n; i++) {
        int fd = want[i].fd;
        if (fd < 0)
            continue;
        if (reserve((void **)&w->by_fd, &w->by_fd_cap, (size_t)fd + 1, sizeof *w->by_fd) < 0)
            return -1;
        struct registration *r = &w->by_fd[fd];
        uint32_t generation = mxtls__fd_generation(fd);
        r->sync_mark = w->sync_mark;
        if (r->events == want[i].events && r->generation == generation)
            continue;                /* held as it is, dormant or not */
        if (r->events == 0 && hold(w, fd) < 0)
            return -1;
        if (register_fd(w, r, fd, want[i].events, generation) < 0) {
            int saved = errno;
            (void)epoll_ctl(w->epfd, EPOLL_CTL_DEL, fd, NULL);
            unhold(w, fd);
            errno = saved;
            return -1;
        }
        r->events = want[i].events;
        r->generation = generation;
    }
    return 0;
}

/* Is fd's registration one the last sync wanted, for the same socket? */
static int wanted_now(const struct mxtls__watch *w, int fd)
{
    if (fd < 0 || (size_t)fd >= w->by_fd_cap)
        return 0;
    const struct registration *r = &w->by_fd[fd];
    return r->events != 0 && r->sync_mark == w->sync_mark &&
           r->generation == mxtls__fd_generation(fd);
}

int mxtls__watch_wait(struct mxtls__watch *w, int ms, const struct pollfd **ready)
{
    size_t room = w->n_held ? w->n_held : 1;
    if (reserve((void **)&w->events, &w->events_cap, room, sizeof *w->events) < 0 ||
        reserve((void **)&w->ready, &w->ready_cap, room, sizeof *w->ready) < 0)
        return -1;
    if (w->n_held == 0 && ms < 0)
        ms = 0;                      /* nothing registered could ever wake it */
    int n = epoll_wait(w->epfd, w->events, (int)room, ms);
    int k = 0;
    for (int i = 0; i < n; i++) {
        int fd = w->events[i].data.fd;
        if (wanted_now(w, fd)) {
            w->ready[k++] = (struct pollfd){.fd = fd, .revents = poll_bits(w->events[i].events)};
            continue;
        }
        /* Dormant, and ready: nobody waits for it, so it leaves the set
         * rather than wake every wait. */
        (void)epoll_ctl(w->epfd, EPOLL_CTL_DEL, fd, NULL);
        if (fd >= 0 && (size_t)fd < w->by_fd_cap && w->by_fd[fd].events != 0)
            unhold(w, fd);
    }
    *ready = w->ready;
    return n < 0 ? n : k;
}

#ifdef MXTLS_FAULT_INJECTION
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int mxtls__watch_audit(const struct mxtls__watch *w)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", w->epfd);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return -1;
    /* Plain calloc: the audit is no part of what allocation failures test. */
    unsigned char *in_kernel = calloc(w->by_fd_cap + 1, 1);
    if (in_kernel == NULL) {
        fclose(f);
        return -1;
    }
    int wrong = 0;
    char line[256];
    while (fgets(line, sizeof line, f) != NULL) {
        int fd = -1;
        unsigned long long ino = 0;
        const char *at = strstr(line, " ino:");
        if (sscanf(line, "tfd: %d", &fd) != 1 || at == NULL || sscanf(at, " ino:%llx", &ino) != 1)
            continue;
        struct stat st;
        int believed = fd >= 0 && (size_t)fd < w->by_fd_cap && w->by_fd[fd].events != 0;
        if (!believed || fstat(fd, &st) != 0 || (unsigned long long)st.st_ino != ino)
            wrong++;
        else
            in_kernel[fd] = 1;
    }
    fclose(f);
    /* Every registration the last sync wanted is in the kernel. */
    for (size_t i = 0; i < w->n_held; i++)
        if (wanted_now(w, w->held[i]) && !in_kernel[w->held[i]])
            wrong++;
    free(in_kernel);
    return wrong;
}
#endif

#else /* no epoll: the engine waits with poll() */

struct mxtls__watch *mxtls__watch_new(void)
{
    errno = ENOSYS;
    return NULL;
}

void mxtls__watch_free(struct mxtls__watch *w)
{
    (void)w;
}

int mxtls__watch_fd(const struct mxtls__watch *w)
{
    (void)w;
    return -1;
}

int mxtls__watch_sync(struct mxtls__watch *w, const struct pollfd *want, size_t n)
{
    (void)w;
    (void)want;
    (void)n;
    errno = ENOSYS;
    return -1;
}

int mxtls__watch_wait(struct mxtls__watch *w, int ms, const struct pollfd **ready)
{
    (void)w;
    (void)ms;
    (void)ready;
    errno = ENOSYS;
    return -1;
}
#endif
