/* The engine's descriptors kept registered with the kernel (Linux epoll),
 * so that a wait costs the kernel the sockets that are ready, not every
 * socket of every check in flight.
 *
 * poll() walks its whole array on every call: with 64 checks in flight
 * that is about 130 sockets per wait, 4% of the client's CPU measured. An
 * epoll set is told only what changed since the last wait. Its risk is a
 * registration that outlives its socket: after a close the number may
 * name a new socket the kernel's set does not hold, whose wait would then
 * run to its deadline. Every owner of a watched descriptor calls
 * mxtls__fd_forget() before closing it (wait.h), and a sync registers a
 * number again whenever its generation moved.
 */
#ifndef MXTLS_ENGINE_WATCH_H
#define MXTLS_ENGINE_WATCH_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

struct mxtls__watch;

/* A new, empty set. NULL with errno (ENOSYS where there is no epoll). */
struct mxtls__watch *mxtls__watch_new(void);

/* Close the set. NULL is a no-op. */
void mxtls__watch_free(struct mxtls__watch *w);

/* The descriptor that polls readable while any registered one is ready. */
int mxtls__watch_fd(const struct mxtls__watch *w);

/* Make the kernel's set hold exactly want[0..n) (fds unique, events as
 * poll()'s): add what is new, change what changed, drop what is gone.
 * 0, or -1 with errno (the set is then unreliable until a sync succeeds;
 * the caller waits with poll() meanwhile). */
int mxtls__watch_sync(struct mxtls__watch *w, const struct pollfd *want, size_t n);

/* Wait up to ms (-1: no limit, unless nothing is registered; 0: just
 * look) for ready descriptors; on
 * return *ready points at an array the set owns, valid until the next
 * call, with fd and revents (as poll() sets them) of each. The count (>= 0),
 * or -1 with errno (EINTR included). */
int mxtls__watch_wait(struct mxtls__watch *w, int ms, const struct pollfd **ready);

#ifdef MXTLS_FAULT_INJECTION
/* For the internal tests: how many registrations the kernel holds that are
 * not what the set believes: a number registered for a socket that is no
 * longer the one the number names (read from /proc/self/fdinfo), or a
 * number the set believes registered that the kernel does not hold. Must
 * be 0 after every sync. -1 when it cannot tell. */
int mxtls__watch_audit(const struct mxtls__watch *w);
#endif

#endif
