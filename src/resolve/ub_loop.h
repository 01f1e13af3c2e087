/* libunbound's event loop, run by mxtls itself.
 *
 * libunbound can run its resolver in a thread of its own and hand every
 * query and answer over a pipe (ub_ctx_async), or on an event base the
 * caller provides (ub_ctx_create_ub_event). The second is used: no thread,
 * no pipe, no copy of each answer through the kernel. libunbound registers
 * its sockets and timers here as events; whoever waits for answers drives
 * them through the core's wait source (core/wait.h): the blocking path's
 * poll(), or the batch engine's loop, which then sees and reports
 * libunbound's own descriptors.
 *
 * One loop serves one ub_ctx, on one thread at a time (as a mxtls_ctx is
 * used). */
#ifndef MXTLS_UB_LOOP_H
#define MXTLS_UB_LOOP_H

#include "wait.h"

struct ub_event_base;

/* A new, empty loop; NULL on out of memory. Its wait source is the first
 * member, and its source's free() frees it: call that after ub_ctx_delete()
 * of the context created on it, which frees every event first. */
struct mxtls__ub_loop *mxtls__ub_loop_new(void);

/* The event base to give ub_ctx_create_ub_event(). */
struct ub_event_base *mxtls__ub_loop_base(struct mxtls__ub_loop *loop);

/* The loop as a wait source (core/wait.h). */
struct mxtls__wait_source *mxtls__ub_loop_source(struct mxtls__ub_loop *loop);

#endif
