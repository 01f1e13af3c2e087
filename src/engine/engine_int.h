/* The engine's internals that its own tests read. Internal. */
#ifndef MXTLS_ENGINE_INT_H
#define MXTLS_ENGINE_INT_H

#include <stddef.h>
#include <stdint.h>

#ifdef MXTLS_FAULT_INJECTION
struct mxtls_engine;
/* Internal tests: the most connections seen open at once to one
 * destination, and the least stack any finished check left untouched. */
int32_t mxtls__engine_peak_per_destination(const struct mxtls_engine *e);
size_t mxtls__engine_least_stack_untouched(const struct mxtls_engine *e);
/* The most resolve turns held at once, and a smaller number of turns (> 0)
 * than RESOLVE_TURNS, so a test can see checks wait in the line. */
int32_t mxtls__engine_peak_resolving(const struct mxtls_engine *e);
void mxtls__engine_set_resolve_turns(struct mxtls_engine *e, int32_t turns);
/* Waits that reached their deadline although their descriptor was ready:
 * events the kernel's set (watch.h) missed. Must stay 0. */
size_t mxtls__engine_watch_late(const struct mxtls_engine *e);
/* Registrations the kernel's set held wrongly after a sync (a number
 * registered for a socket it no longer names), read from /proc after every
 * sync: see mxtls__watch_audit(). Must stay 0. */
size_t mxtls__engine_watch_stale(const struct mxtls_engine *e);
#endif

#endif
