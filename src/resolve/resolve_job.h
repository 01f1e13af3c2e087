/* The resolve stage's query state: one job per resolve call, advanced by
 * libunbound callbacks (ub_process) and by its deadline, never blocking.
 *
 * mxtls_resolve_mx/host are thin loops around this; a batch engine runs
 * many jobs from one poll loop on the ctx's shared ub_fd(), calls
 * ub_process() when it is readable and mxtls__rjob_expire() on jobs whose
 * deadline passed, and collects finished jobs with mxtls__rjob_finish().
 * Changing the ctx's resolver options rebuilds ctx->ub on the next start,
 * so it must not happen while jobs are in flight. */
#ifndef MXTLS_RESOLVE_JOB_H
#define MXTLS_RESOLVE_JOB_H

#include <stdint.h>

#include "mxtls/resolve.h"

struct mxtls__rjob;

/* Start resolving the mail route of a_label (normalised) or, when port is
 * nonzero, the one host a_label (ip_family 4/6 for an IP literal). query
 * is the caller's text. The deadline is the ctx's resolve timeout from now.
 * Returns MXTLS_OK with *out, MXTLS_ENOMEM or MXTLS_ERESOLVER. */
int mxtls__rjob_start(mxtls_ctx *ctx, const char *query, const char *a_label,
                      uint16_t port, int ip_family, struct mxtls__rjob **out);

/* 1 when no query is outstanding. */
int mxtls__rjob_done(const struct mxtls__rjob *job);

/* The job's deadline on the mxtls__now_ms() clock. */
int64_t mxtls__rjob_deadline(const struct mxtls__rjob *job);

/* The libunbound context the job's queries run on. */
struct ub_ctx *mxtls__rjob_ub(const struct mxtls__rjob *job);
/* Answers delivered to the job so far (grows with each callback). */
const unsigned *mxtls__rjob_progress(const struct mxtls__rjob *job);

/* The deadline passed: cancel what is outstanding; those lookups stay
 * MXTLS_DNS_TIMEOUT. */
void mxtls__rjob_expire(struct mxtls__rjob *job);

/* Complete the result and free the job (expiring it first if needed).
 * Returns MXTLS_OK with *out, or the first error a callback met. */
int mxtls__rjob_finish(struct mxtls__rjob *job, mxtls_resolve_result **out);

#endif
