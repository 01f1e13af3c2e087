/* The wait primitive: poll() outside the engine, a fiber switch inside.
 * See wait.h. */
#define _POSIX_C_SOURCE 200809L
#include "wait.h"

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <unbound.h>

#include "clock.h"
#include "engine_int.h"

int mxtls__wait_fd(int fd, short events, int64_t deadline)
{
    if (mxtls__task_current != NULL)
        return mxtls__task_wait_fd(mxtls__task_current, fd, events, deadline);
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

int mxtls__wait_resolver(struct ub_ctx *ub, int64_t deadline, const unsigned *progress)
{
    if (mxtls__task_current != NULL)
        return mxtls__task_wait_resolver(mxtls__task_current, deadline, progress);
    struct pollfd pfd = {.fd = ub_fd(ub), .events = POLLIN};
    int left = mxtls__ms_left(deadline);
    if (pfd.fd < 0)
        return -1;
    int n = poll(&pfd, 1, left);
    if (n < 0)
        return errno == EINTR ? 1 : -1;    /* EINTR: the caller re-checks */
    if (n == 0)
        return 0;
    return ub_process(ub) == 0 ? 1 : -1;
}

int mxtls__wait_slot(const struct sockaddr *sa, socklen_t len, struct mxtls__slot **slot)
{
    *slot = NULL;
    if (mxtls__task_current == NULL)
        return 0;
    return mxtls__task_wait_slot(mxtls__task_current, sa, len, slot);
}

int mxtls__wait_resolve_turn(struct mxtls__slot **turn)
{
    *turn = NULL;
    if (mxtls__task_current == NULL)
        return 0;
    return mxtls__task_wait_resolve_turn(mxtls__task_current, turn);
}

void mxtls__slot_release(struct mxtls__slot *slot)
{
    if (slot != NULL)
        mxtls__task_slot_release(slot);
}
