/* mxtls-check --batch: many targets from a file, JSON Lines out.
 *
 * The batch mode of mxtls-check (see doc/mxtls-check.1): reads one target a
 * line, streams them through an mxtls_engine, and writes one JSON object per
 * target line in completion order. Kept apart from mxtls-check.c so that the
 * one-target-at-a-time path stays as simple as it was. */
#ifndef MXTLS_CHECK_BATCH_H
#define MXTLS_CHECK_BATCH_H

#include <stdint.h>

#include <mxtls/mxtls.h>

#include "mxtls-check-html.h"

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_USAGE 2
#define EXIT_INTERNAL 3

/* The exit status a report gives: 1 for an error found in the target, else
 * 3 when the checker's environment (its resolver, network, CA store) kept
 * part of the check from running, else 0. */
static inline int report_exit_status(const mxtls_report *report)
{
    if (report->verdict == MXTLS_VERDICT_ERROR)
        return EXIT_FINDINGS;
    return report->environment_verdict == MXTLS_VERDICT_ERROR ? EXIT_INTERNAL : EXIT_CLEAN;
}

#define BATCH_CONCURRENCY_MAX 100000
#define BATCH_CONCURRENCY_DEFAULT 64

/* What the command line asked of a batch run. */
struct batch_config {
    mxtls_ctx *ctx;
    const mxtls_check_options *options; /* may be NULL */
    int32_t profile;
    uint32_t render_flags;              /* MXTLS_RENDER_TRANSCRIPT or 0 */
    const char *input;                  /* a path, or "-" for stdin */
    int32_t concurrency;                /* checks in flight at once */
    uint64_t shard, shards;             /* check shard K (1-based) of N; N = 0: all */
    int csv;                            /* --format csv: a header, then one row a target */
    int progress;                       /* -1 on a terminal, 0 never, 1 always */
    struct html_batch *html;            /* --html: the summary page, or NULL */
};

/* "N" for --concurrency: 1..BATCH_CONCURRENCY_MAX. 0, or -1 when invalid. */
int batch_parse_concurrency(const char *arg, int32_t *out);

/* "K/N" for --shard: 1 <= K <= N <= 2^32. 0, or -1 when invalid. */
int batch_parse_shard(const char *arg, uint64_t *k, uint64_t *n);

/* The shard (1..n) a target line belongs to: FNV-1a 64 of the normalised
 * target (ASCII upper case folded to lower, one trailing '.' dropped),
 * modulo n, plus 1. The same on every machine and in every run. */
uint64_t batch_shard_of(const char *target, size_t len, uint64_t n);

/* Run the batch. Returns the exit status (EXIT_*). */
int batch_run(const struct batch_config *config);

#endif
