/* One process-wide lock around whatever runs libunbound's code.
 *
 * libunbound's own arc4random (compat/arc4_lock.c, which Debian's build
 * uses) keeps one process-wide mutex. It creates that mutex on first use
 * without a lock ("if(!arc4lockinit) { arc4lockinit = 1;
 * lock_quick_init(&arc4lock); }") and destroys it in every ub_ctx_delete()
 * (util/random.c: ub_randfree() calls _ARC4_LOCK_DESTROY()). So one
 * thread deleting its context while another draws a query ID, or two
 * threads' first queries, race on that mutex; ThreadSanitizer shows it in
 * test-threads. Creating, configuring and deleting a libunbound context,
 * sending and cancelling queries, and the callbacks our loop fires for it
 * all hold this lock. In one thread (the engine) it is never contended;
 * threads with contexts of their own take turns for their DNS work only,
 * never for TLS.
 *
 * Re-entrant within a thread: a callback may cancel a query. Never held
 * across a wait or a fiber switch. */
#ifndef MXTLS_UB_GUARD_H
#define MXTLS_UB_GUARD_H

void mxtls__ub_enter(void);
void mxtls__ub_leave(void);

#endif
