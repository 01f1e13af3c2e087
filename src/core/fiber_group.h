/* Fibers of one caller that run side by side: the probes of one check.
 *
 * A check of a domain with many addresses makes one connection per address,
 * and each waits on the network for round trips, greeting delays and
 * handshakes. A group runs such blocking-with-deadline code on fibers
 * (fiber.h) over one private wait: while its fibers run, the group answers
 * their waits (wait.h); when all of them wait, it waits for the lot through
 * the waiter outside it, mxtls__wait_fds(). Outside the engine that is
 * poll(); inside, the engine's own loop, so a check on an engine fiber runs
 * its probes side by side without blocking the engine's thread.
 *
 * What only the outside may do runs on the caller's stack, not a fiber's
 * (mxtls__group_call_home()): the engine switches stacks on every wait of
 * its own and calls progress callbacks there.
 *
 * Connection slots: at most MXTLS_ENGINE_DEFAULT_PER_DESTINATION of the
 * group's connections go to one address and port at once, and inside the
 * engine each takes one of the engine's slots too. A fiber never waits in
 * the engine's line (a sibling holding another slot could not move while
 * the whole group waited there): it tries, and tries again a little later.
 */
#ifndef MXTLS_FIBER_GROUP_H
#define MXTLS_FIBER_GROUP_H

#include <stddef.h>
#include <stdint.h>

struct mxtls__fiber_group;

/* A new, empty group on this thread; NULL when memory ran out. */
struct mxtls__fiber_group *mxtls__group_new(void);

/* Add a fiber that runs fn(arg) at the next mxtls__group_run(). 0, or -1
 * when memory ran out (nothing was added). */
int mxtls__group_spawn(struct mxtls__fiber_group *g, void (*fn)(void *arg), void *arg);

/* Run every fiber to its end. 0, or -1 when the waiter outside failed
 * (errno; ECANCELED while an engine is being freed): the fibers' waits
 * then fail with ECANCELED too, so they unwind, and this returns once
 * all have. */
int mxtls__group_run(struct mxtls__fiber_group *g);

/* Free g; its fibers must have finished (mxtls__group_run() returned). */
void mxtls__group_free(struct mxtls__fiber_group *g);

/* From a fiber of a running group: wait until *flag is non-zero (another
 * fiber of the group sets it). 0, or -1 (ECANCELED) when the group is
 * cancelled. Outside a group: returns at once, *flag as it is. */
int mxtls__group_wait_flag(const int *flag);

/* From a fiber of a running group: make every wait of the group's other
 * fibers fail with ECANCELED from now on, so they unwind (their results
 * are no longer wanted). */
void mxtls__group_cancel(void);

/* Run fn(arg) on the stack of the code that called mxtls__group_run(),
 * with the waiter outside the group installed; at once when not on a
 * group's fiber. */
void mxtls__group_call_home(void (*fn)(void *arg), void *arg);

/* 1 on a fiber of a running group, else 0. */
int mxtls__group_on_fiber(void);

#endif
