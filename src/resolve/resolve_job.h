/* The resolve stage's query state: one job per resolve call, advanced by
 * the answers libunbound's callbacks leave in it (taken with
 * mxtls__rjob_take()) and by its deadline, never blocking.
 *
 * mxtls_resolve_mx/host are thin loops around this (resolve.c): take the
 * answers, stop when done or at the deadline, else wait on the ctx's
 * libunbound loop (ub_loop.h), which the blocking path polls and a batch
 * engine drives from its own loop.
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

/* Take the answers that arrived since the last call: each fills its
 * lookup, and may send the next queries (an MX host's A, AAAA and TLSA).
 * Call it outside libunbound's callbacks, before mxtls__rjob_done(). */
void mxtls__rjob_take(struct mxtls__rjob *job);

/* 1 when no query is outstanding (answers not yet taken count as
 * outstanding). */
int mxtls__rjob_done(const struct mxtls__rjob *job);

/* The job's deadline on the mxtls__now_ms() clock. */
int64_t mxtls__rjob_deadline(const struct mxtls__rjob *job);

/* The loop that drives the job's queries, as a wait source (ub_loop.h). */
struct mxtls__wait_source *mxtls__rjob_source(const struct mxtls__rjob *job);
/* Answers delivered to the job so far (grows with each callback). */
const unsigned *mxtls__rjob_progress(const struct mxtls__rjob *job);

/* The deadline passed: cancel what is outstanding; those lookups stay
 * MXTLS_DNS_TIMEOUT. */
void mxtls__rjob_expire(struct mxtls__rjob *job);

/* Complete the result and free the job (expiring it first if needed).
 * Returns MXTLS_OK with *out, or the first error a callback met. */
int mxtls__rjob_finish(struct mxtls__rjob *job, mxtls_resolve_result **out);

#endif
