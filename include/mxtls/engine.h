/* mxtls — the batch engine: many checks in flight on one thread.
 *
 * An engine runs mxtls_check_with() for many targets at once. It never
 * starts a thread of its own that calls back into the caller and never
 * blocks except in mxtls_engine_run(). It follows the pull model (as c-ares'
 * ares_process_fds and curl's multi interface do): the caller asks which file
 * descriptors to watch (mxtls_engine_fds) and for how long at most
 * (mxtls_engine_timeout_ms), waits with poll(), epoll, select or an event
 * loop such as Python's asyncio, hands the ready events back
 * (mxtls_engine_process) and collects finished checks
 * (mxtls_engine_next_done). With many checks in flight, one descriptor
 * that stands for all (mxtls_engine_watch_fd, then mxtls_engine_dispatch)
 * costs the kernel less per wait. Each finished check yields the same report that
 * mxtls_check_with() gives for the same target, profile and options.
 *
 * Two limits keep a run from hammering one server: checks in flight at once
 * (further added checks wait in a first-in first-out queue of any length)
 * and SMTP connections open at once to one destination address and port. A
 * check whose destination is at its limit waits in line for a connection
 * slot; the time in line does not count against its connect timeout (each
 * holder is bounded by its own timeouts, so the line always moves). The
 * MTA-STS policy fetch (one HTTPS request per checked domain) is not counted.
 *
 * Cost: each check in flight runs on its own 128 KiB stack (address space;
 * only the pages it touches, about 10 KiB, take memory; the deepest use
 * measured is 20.5 KiB, a 6x margin) above a 256 KiB guard region
 * (address space only, no memory), so a stack overflow faults at once,
 * even from a 64 KiB frame, and never writes into another check's stack.
 * Each check in flight holds its
 * socket and TLS session: about 36 KiB of memory per check stalled in a
 * TLS handshake, measured. Each check in flight needs one file descriptor
 * (two during an MTA-STS fetch), and the resolver up to
 * MXTLS_ENGINE_RESOLVER_FDS more for all checks together; a check that
 * finds none ends with a probe whose detail says "too many open files
 * (raise RLIMIT_NOFILE)".
 *
 * An engine and its context are used by one thread at a time. While an
 * engine exists, its context is the engine's: do not run mxtls_check() or a
 * stage function with the same context until mxtls_engine_free().
 * mxtls_check(), mxtls_check_with() and every call that resolves through
 * the context (mxtls_resolve_*()) return MXTLS_ESTATE meanwhile, since they
 * would drive the engine's resolver and take its checks' answers, and so do
 * the context's setters (common.h): the engine
 * builds the resolver and the CA store once, in mxtls_engine_new(), on the
 * caller's stack (libunbound's first-use set-up needs about 200 KiB, far
 * more than a check's stack), and every check uses them as they are, even
 * if the CA file changes on disk. Change options after mxtls_engine_free(),
 * or use a second context.
 */
#ifndef MXTLS_ENGINE_H
#define MXTLS_ENGINE_H

#include "common.h"
#include "diagnose.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An engine (opaque). */
typedef struct mxtls_engine mxtls_engine;

/** One descriptor to watch. Same members, sizes and order as POSIX
 *  struct pollfd on Linux (int fd; short events; short revents), so an array
 *  of these may be passed to poll() as is; events and revents carry the
 *  system's POLLIN, POLLOUT, POLLERR, POLLHUP, POLLNVAL bits. */
typedef struct mxtls_pollfd {
    int32_t fd;
    int16_t events;
    int16_t revents;
} mxtls_pollfd;

/** The most file descriptors the context's resolver (libunbound) holds at
 *  once, whatever the number of checks in flight: 256 UDP sockets (queries
 *  past them wait for one) and 10 TCP connections, with room to spare.
 *  libunbound runs on the engine's own loop, with no thread or pipe of its
 *  own: while checks run, mxtls_engine_fds() lists each of its sockets and
 *  mxtls_engine_timeout_ms() counts its timers. Since 0.1. */
#define MXTLS_ENGINE_RESOLVER_FDS 288

/* Defaults of mxtls_engine_set_limits(). */
#define MXTLS_ENGINE_DEFAULT_IN_FLIGHT 256
#define MXTLS_ENGINE_DEFAULT_PER_DESTINATION 4

/** A new engine that runs checks with ctx's settings (resolver, trust store,
 *  timeouts, address policy). ctx must outlive the engine. Builds ctx's
 *  resolver and CA store now, on the caller's stack, and attaches the
 *  engine to ctx: until mxtls_engine_free(), ctx's setters return
 *  MXTLS_ESTATE. *out owns the engine; free it with mxtls_engine_free().
 *  MXTLS_EINVAL for a NULL argument, MXTLS_ERESOLVER when ctx's resolver
 *  cannot be set up, MXTLS_EPOLICY when ctx's address policy refuses a
 *  resolver its options name (see mxtls_resolve_mx()), MXTLS_ESTATE when
 *  another engine is attached to ctx (one resolver cannot be driven by two
 *  loops), MXTLS_ENOMEM. Thread-safe for distinct ctx. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_new(mxtls_ctx *ctx, mxtls_engine **out);

/** Free an engine and detach it from its context, whose setters work again
 *  (once no other engine is attached). Checks still queued or in flight are cancelled: their
 *  sockets are closed and everything they allocated is freed; their reports
 *  and the finished ones not yet collected are discarded (their user
 *  pointers are not touched). NULL is a no-op. Since 0.1. */
MXTLS_EXPORT void mxtls_engine_free(mxtls_engine *engine);

/** Set the most checks in flight at once (default 256) and the most TCP
 *  connections open at once to one destination address and port (default
 *  4). Both >= 1, else MXTLS_ERANGE and nothing changes. Takes effect for
 *  checks started and connections opened afterwards. MXTLS_EINVAL for a NULL
 *  engine. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_set_limits(mxtls_engine *engine,
                                                 int32_t max_in_flight,
                                                 int32_t max_per_destination);

/** Add a check: target and profile as mxtls_check_with() takes them.
 *  options may be NULL (the profile's defaults); when given, the engine
 *  copies it, so the caller may free or change it right after the call. A
 *  progress callback set in it is called from mxtls_engine_process() (or
 *  _run()), on the calling thread and stack; it must not call
 *  mxtls_engine_process(), _run() or _free() on the same engine. target is copied. user is handed back with
 *  the finished check and never dereferenced.
 *  Every added check yields exactly one done item: a target that is not a
 *  valid domain or host yields one with status MXTLS_EINVAL and its reason in
 *  the report-less item (see mxtls_engine_next_done()). The check starts
 *  when fewer than max_in_flight checks run; it does no I/O inside this
 *  call. MXTLS_EINVAL for a NULL engine or target or an unknown profile
 *  (nothing is added), MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_add(mxtls_engine *engine, const char *target,
                                          int32_t profile,
                                          const mxtls_check_options *options, void *user);

/** The descriptors to watch now, each once with the union of the events
 *  the checks waiting on it need. Writes min(n, count) entries to fds
 *  (revents 0) and sets *count to how many there are; n = 0 (fds may then
 *  be NULL) asks for the count only. There is no fixed limit. The set
 *  changes after every mxtls_engine_process() call: ask again each round.
 *  MXTLS_EINVAL for a NULL engine or count, or NULL fds with n > 0;
 *  MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_fds(mxtls_engine *engine, mxtls_pollfd *fds,
                                          size_t n, size_t *count);

/** Milliseconds until the engine next needs mxtls_engine_process() even
 *  if no descriptor becomes ready: 0 when something is due now (a deadline
 *  passed, a check is ready to start), -1 when nothing is queued or in
 *  flight (no waiting needed), -1 also for a NULL engine. Every wait of a
 *  check has a deadline, so while checks run the value is >= 0. Since 0.1. */
MXTLS_EXPORT int64_t mxtls_engine_timeout_ms(const mxtls_engine *engine);

/** Let the engine work: resumes the checks whose descriptor shows events
 *  in fds[0..n-1] (as poll() filled revents; entries with revents 0 and fds
 *  the engine did not ask for are ignored), and those whose deadline
 *  passed, and starts queued checks while slots are free. Never blocks for
 *  I/O. fds may be NULL when n is 0 (deadlines only). Finished checks are
 *  then available from mxtls_engine_next_done(). A check that runs out of
 *  memory ends with status MXTLS_ENOMEM like any other. MXTLS_EINVAL for a
 *  NULL engine, or NULL fds with n > 0; MXTLS_ENOMEM when the engine itself
 *  could not allocate its scratch arrays (nothing was done: call again).
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_process(mxtls_engine *engine,
                                              const mxtls_pollfd *fds, size_t n);

/** Take one finished check, in the order they finished. MXTLS_OK with
 *  *status the mxtls_check_with() status of that check (MXTLS_OK, or
 *  MXTLS_EINVAL for an invalid target, MXTLS_ENOMEM ...), *report the
 *  report the caller now owns (free with mxtls_report_free(); NULL when
 *  *status is not MXTLS_OK) and *user the pointer given to
 *  mxtls_engine_add(). detail, when not NULL, gets a new buffer (free with
 *  mxtls_buffer_free()) with the reason a check could not run (the text
 *  mxtls_ctx_error_detail() gives after mxtls_check_with()), empty for a
 *  check that ran. MXTLS_ENOENT when no finished check is waiting (the out
 *  parameters are then untouched). MXTLS_EINVAL for a NULL engine, report,
 *  status or user; MXTLS_ENOMEM when the detail buffer could not be made
 *  (the check stays first in line: ask again, or pass detail NULL).
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_next_done(mxtls_engine *engine,
                                                mxtls_report **report,
                                                mxtls_status *status, void **user,
                                                mxtls_buffer **detail);

/** Checks added and not yet taken with mxtls_engine_next_done() (queued, in
 *  flight, or finished and waiting). 0 for a NULL engine. Since 0.1. */
MXTLS_EXPORT size_t mxtls_engine_pending(const mxtls_engine *engine);

/** Checks added and not yet finished (queued or in flight). 0 for a NULL
 *  engine. Since 0.1. */
MXTLS_EXPORT size_t mxtls_engine_running(const mxtls_engine *engine);

/** One descriptor that stands for all of the engine's: it polls readable
 *  while any descriptor a check waits for is ready (on Linux it is an epoll
 *  set the engine keeps up to date, so a wait costs the kernel the ready
 *  sockets only, not every socket of every check as with
 *  mxtls_engine_fds()). Watch it for reading, with
 *  mxtls_engine_timeout_ms() as the timeout, then call
 *  mxtls_engine_dispatch(). The engine owns it: do not close it or read
 *  it; it stays the same until mxtls_engine_free(). Use this pair or the
 *  mxtls_engine_fds() / _process() pair in one round, not both.
 *  MXTLS_EINVAL for a NULL engine or fd (*fd is then -1 if fd is not NULL),
 *  MXTLS_EIO where the system has no such set (then use
 *  mxtls_engine_fds()), MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_watch_fd(mxtls_engine *engine, int *fd);

/** mxtls_engine_process() for the mxtls_engine_watch_fd() way: takes the
 *  ready events itself, without waiting, resumes the checks they and the
 *  passed deadlines concern, and starts queued checks. Call it when the
 *  descriptor polled readable or the timeout passed; a call with nothing
 *  ready is harmless. Never blocks for I/O. MXTLS_EINVAL for a NULL engine,
 *  MXTLS_EIO where the system has no such set, MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_dispatch(mxtls_engine *engine);

/** Drive the engine with its own loop until every added check has
 *  finished; then collect them with mxtls_engine_next_done(). Waits on the
 *  set of mxtls_engine_watch_fd() where the system has one, else with
 *  poll(). Blocks for as long as the slowest check takes (each bounded by
 *  ctx's timeouts). MXTLS_EINVAL for a NULL engine, MXTLS_EIO when the wait
 *  fails other than with EINTR, MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_engine_run(mxtls_engine *engine);

#ifdef __cplusplus
}
#endif
#endif /* MXTLS_ENGINE_H */
