/* The I/O half of mxtls_check(): running the probes a diagnosis asks for,
 * and reporting progress. */
#ifndef MXTLS_PROBE_H
#define MXTLS_PROBE_H

#include <stdint.h>

#include "options.h"
#include "mxtls/diagnose.h"

/* Run probe p, the one diagnosis d handed out, with the stage functions,
 * and hand the results back to d; past deadline (mxtls__now_ms() time),
 * where the waits were cut short, stop d instead (mxtls_diagnosis_stop()).
 * MXTLS_OK, or what stops the check: MXTLS_ENOMEM, or MXTLS_EIO (with ctx's
 * detail) when this process ran out of file descriptors. */
mxtls_status mxtls__probe_run(mxtls_ctx *ctx, mxtls_diagnosis *d, const mxtls_probe *p,
                              const struct mxtls_check_options *opts, int64_t deadline);

/* Report a progress line when the caller asked for them. */
void mxtls__check_progress(const struct mxtls_check_options *opts, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
