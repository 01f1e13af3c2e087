/* The probes of one check side by side: a lane per primary probe of the
 * plan, each running its primary and the follow-ups its rules will ask for,
 * ahead of the diagnosis, which takes their results in the plan's order.
 * See probe_lanes.c. */
#ifndef MXTLS_PROBE_LANES_H
#define MXTLS_PROBE_LANES_H

#include <stdint.h>

#include "diagnosis.h"
#include "options.h"
#include "probe.h"

struct mxtls__lanes;

/* What a lane ran for the probe the diagnosis hands out: its I/O goes to
 * the caller's struct mxtls__probe_io; the verify result it got (or NULL),
 * on which basis, and when the probe ended. */
struct mxtls__lane_take {
    int verified;
    mxtls_verify_result *verify;
    const struct mxtls__verify_basis *basis;
    int64_t ended_ms;
};

/* Run drive(arg), the loop that feeds d its probes, side by side with a
 * lane per primary probe of d's plan, at most `at_once` lanes at a time
 * (0: the default). The driver takes what the lanes ran with
 * mxtls__lanes_take(). *ran is 0 when the plan has fewer than two primary
 * probes, or at_once is 1: nothing ran, and the caller runs drive itself.
 * MXTLS_OK, MXTLS_ENOMEM, or MXTLS_EIO when the wait outside failed. */
mxtls_status mxtls__lanes_run(mxtls_ctx *ctx, mxtls_diagnosis *d,
                              const struct mxtls_check_options *opts, int64_t deadline,
                              void (*drive)(struct mxtls__lanes *lanes, void *arg), void *arg,
                              int *ran);

/* The results of the probe d has handed out, if a lane runs or ran it: 1
 * with io and *take filled (waiting for the lane as needed), 0 when no
 * lane will (run it now), -1 when the check is cancelled. */
int mxtls__lanes_take(struct mxtls__lanes *lanes, mxtls_diagnosis *d, struct mxtls__probe_io *io,
                      struct mxtls__lane_take *take);

#endif
