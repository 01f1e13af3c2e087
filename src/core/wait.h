/* The one place the library waits for I/O.
 *
 * Every wait of the stage code (sockets, GnuTLS, libunbound's answers,
 * libcurl's MTA-STS fetch) goes through these calls. Outside the batch
 * engine they poll() as any blocking-with-deadline code does. Inside an
 * engine check (a fiber, fiber.h) they record what the check waits for and
 * switch back to the engine, which resumes the check when it happened; the
 * caller cannot tell the difference, so mxtls_check() and the engine run
 * the same code and give the same report.
 */
#ifndef MXTLS_WAIT_H
#define MXTLS_WAIT_H

#include <stdint.h>
#include <sys/socket.h>

struct ub_ctx;
struct mxtls__slot;

/* Wait for events on fd until deadline (mxtls__now_ms() time). fd < 0
 * just sleeps until the deadline. Returns the poll() revents (> 0) when
 * ready, 0 at the deadline, -1 with errno on an error (ECANCELED: the
 * engine is being freed; unwind). */
int mxtls__wait_fd(int fd, short events, int64_t deadline);

/* Wait until ub has delivered answers (ub_process ran) that changed
 * *progress, or the deadline. 1 answers came, 0 deadline, -1 error. Inside
 * the engine one ub_process serves every check sharing ub; each check only
 * wakes when its own counter moved. */
int mxtls__wait_resolver(struct ub_ctx *ub, int64_t deadline, const unsigned *progress);

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

/* Give a slot or a turn back (NULL is a no-op). */
void mxtls__slot_release(struct mxtls__slot *slot);

#endif
