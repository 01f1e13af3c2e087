/* The engine's side of the wait primitive (wait.h): what a wait inside an
 * engine check calls. Internal. */
#ifndef MXTLS_ENGINE_INT_H
#define MXTLS_ENGINE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct mxtls__task;
struct mxtls__slot;
struct ub_ctx;

/* The check running on this thread right now, or NULL (outside the engine,
 * or in the engine's own code between checks). */
extern _Thread_local struct mxtls__task *mxtls__task_current;

int mxtls__task_wait_fd(struct mxtls__task *t, int fd, short events, int64_t deadline);
int mxtls__task_wait_resolver(struct mxtls__task *t, int64_t deadline,
                              const unsigned *progress);
int mxtls__task_wait_slot(struct mxtls__task *t, const struct sockaddr *sa, socklen_t len,
                          struct mxtls__slot **slot);
int mxtls__task_wait_resolve_turn(struct mxtls__task *t, struct mxtls__slot **turn);
void mxtls__task_slot_release(struct mxtls__slot *slot);

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
#endif

#endif
