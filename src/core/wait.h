/* The one place the library waits for I/O: the wait seam.
 *
 * Every wait of the stage code (sockets, GnuTLS, libunbound's answers,
 * libcurl's MTA-STS fetch) goes through these calls. Outside the batch
 * engine they poll() as any blocking-with-deadline code does. Inside an
 * engine check (a fiber) they record what the check waits for and switch
 * back to the engine, which resumes the check when it happened; the caller
 * cannot tell the difference, so mxtls_check() and the engine run the same
 * code and give the same report.
 *
 * core/ sits at the bottom and may not call the engine, which sits at the
 * top. So this header declares the operations a waiter provides (struct
 * mxtls__wait_ops), and the engine installs its own table on the thread
 * while it runs a check (mxtls__wait_install); with none installed, the
 * blocking path's poll() answers. The engine reaches down; core never
 * reaches up.
 */
#ifndef MXTLS_WAIT_H
#define MXTLS_WAIT_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* Something whose descriptors and timers change as it works, which a
 * waiter drives by calling back into it: libunbound's event loop
 * (resolve/ub_loop.c). A lower layer cannot name the resolve stage, so it
 * reaches the loop through these operations. */
struct mxtls__wait_source {
    /* The descriptors to watch now, in an array the source owns and
     * rebuilds on each call (*n may be 0). NULL on out of memory. */
    struct pollfd *(*fds)(struct mxtls__wait_source *src, size_t *n);
    /* The soonest timer (mxtls__now_ms() time), INT64_MAX for none. */
    int64_t (*next_deadline)(const struct mxtls__wait_source *src);
    /* Run the callbacks of the descriptors whose revents the caller set
     * in the array of the last fds() call, and of the timers that are due.
     * Returns how many ran. */
    size_t (*dispatch)(struct mxtls__wait_source *src);
    /* Free the source; the owner of the events is gone first. */
    void (*free)(struct mxtls__wait_source *src);
};

/* A place held in one of the engine's lines (a destination's connection
 * slots, or the resolve turns). The engine's own slot type starts with this
 * member, so a holder can give it back from anywhere, also after the check
 * that took it has left the engine's thread-local table. */
struct mxtls__slot {
    void (*release)(struct mxtls__slot *slot);
};

/* What a waiter other than poll() does for each wait below; self is the
 * pointer given to mxtls__wait_install(). Each has the contract of the
 * mxtls__wait_* call of the same name. */
struct mxtls__wait_ops {
    int (*wait_fd)(void *self, int fd, short events, int64_t deadline);
    int (*wait_resolver)(void *self, struct mxtls__wait_source *src, int64_t deadline,
                         const unsigned *progress);
    int (*wait_slot)(void *self, const struct sockaddr *sa, socklen_t len,
                     struct mxtls__slot **slot);
    int (*wait_resolve_turn)(void *self, struct mxtls__slot **turn);
    int (*wait_fds)(void *self, struct pollfd *fds, size_t n, int64_t deadline);
    int (*try_slot)(void *self, const struct sockaddr *sa, socklen_t len,
                    struct mxtls__slot **slot);
};

/* The latest moment any wait of this thread may last to (the check's own
 * deadline, set by the driver of a check): every deadline below is cut to
 * it; INT64_MAX for none. Returns the cap that was set before. The engine
 * keeps one per check and swaps it with the check's fiber. The lines of
 * mxtls__wait_slot() and mxtls__wait_resolve_turn() have no deadline and
 * are not cut (each holder is bounded by its own). */
int64_t mxtls__wait_set_cap(int64_t cap);

/* The cap in force on this thread (INT64_MAX: none). */
int64_t mxtls__wait_cap(void);

/* Make ops (with self) answer this thread's waits, until the next call;
 * NULL ops restore poll(). Returns the table that was installed before, so
 * a caller can put it back (*old_self gets its self). */
const struct mxtls__wait_ops *mxtls__wait_install(const struct mxtls__wait_ops *ops, void *self,
                                                  void **old_self);

/* 1 while a waiter other than poll() answers this thread's waits (an
 * engine is running one of its checks here), else 0. */
int mxtls__wait_is_installed(void);

/* Wait for events on fd until deadline (mxtls__now_ms() time). fd < 0
 * just sleeps until the deadline. Returns the poll() revents (> 0) when
 * ready, 0 at the deadline, -1 with errno on an error (ECANCELED: the
 * engine is being freed; unwind). */
int mxtls__wait_fd(int fd, short events, int64_t deadline);

/* Drive src (libunbound's loop) until its callbacks changed *progress, or
 * the deadline. 1 callbacks ran (the caller re-checks), 0 deadline, -1
 * error. Inside the engine the engine's loop drives the one source that
 * serves every check; each check only wakes when its own counter moved. */
int mxtls__wait_resolver(struct mxtls__wait_source *src, int64_t deadline,
                         const unsigned *progress);

/* Take one of the engine's connection slots for the destination sa (address
 * and port), waiting in line without a deadline while all are in use: each
 * holder is bounded by its own deadlines, so the line moves, and the wait
 * is not charged to this check's connect timeout (the caller starts its
 * deadline after this returns). *slot is NULL outside the engine. Returns
 * 0, or -1 with errno ECANCELED. */
int mxtls__wait_slot(const struct sockaddr *sa, socklen_t len, struct mxtls__slot **slot);

/* Take one of the engine's resolve turns before sending a resolve job's
 * queries, waiting in line while all are in use (the engine bounds how many
 * checks resolve at once, so libunbound is never asked for more queries
 * than it keeps in flight). Not charged to the resolve deadline, which the
 * caller starts after this returns. *turn is NULL outside the engine; give
 * it back with mxtls__slot_release() when the job is done, or after
 * MXTLS__RESOLVE_TURN_MS: by then the job's answers have come but for the
 * slow ones, and those few queries must not hold up the line (with 5% of a
 * list on dead DNS and a 10 s deadline, turns held to the end would cap a
 * batch at 128 / (0.05 * 10 s) = 256 checks/s). Returns 0, or -1 with errno
 * ECANCELED. */
#define MXTLS__RESOLVE_TURN_MS 2000
int mxtls__wait_resolve_turn(struct mxtls__slot **turn);

/* Wait until any of fds[0..n) has events, or deadline: the probes of one
 * check that run side by side (fiber_group.h) wait together through this.
 * Fills each revents; returns how many are ready (> 0), 0 at the deadline,
 * -1 with errno (ECANCELED: the engine is being freed). */
int mxtls__wait_fds(struct pollfd *fds, size_t n, int64_t deadline);

/* mxtls__wait_slot() without the line: take one of the destination's
 * connection slots if one is free and nobody waits for it. 1 taken (*slot
 * NULL outside the engine, which has no limit of its own), 0 all in use
 * (try again later), -1 with errno. */
int mxtls__wait_try_slot(const struct sockaddr *sa, socklen_t len, struct mxtls__slot **slot);

/* The key of a destination (address and port) that its slots are counted
 * by: family (4 or 6), port, address; zeros for another family. */
void mxtls__destination_key(const struct sockaddr *sa, socklen_t len, uint8_t key[19]);

/* Say that fd's owner is about to close it, or stops watching it: call it
 * before close(). A watcher that keeps descriptors registered with the
 * kernel between waits (the engine's epoll set, engine/watch.c) compares
 * mxtls__fd_generation() to the one it registered under, and registers
 * the number again when it moved: after a close, the same number may
 * name a new socket that the kernel's set does not hold. Thread-safe. */
void mxtls__fd_forget(int fd);

/* A counter that mxtls__fd_forget(fd) moves (numbers share counters, so
 * one may also move for another descriptor: a watcher then registers
 * again for nothing, never too seldom). fd >= 0. */
uint32_t mxtls__fd_generation(int fd);

/* Give a slot or a turn back (NULL is a no-op). */
void mxtls__slot_release(struct mxtls__slot *slot);

#endif
