/* The I/O half of mxtls_check(): running the probes a diagnosis asks for,
 * and reporting progress. */
#ifndef MXTLS_PROBE_H
#define MXTLS_PROBE_H

#include <stdint.h>

#include "options.h"
#include "mxtls/diagnose.h"

struct mxtls__probe_spec;
struct mxtls__lanes;

/* What the I/O of one probe gave: connect, then STARTTLS or the implicit
 * handshake; verify comes after, on what the diagnosis knows. stop is
 * MXTLS_OK, MXTLS_ENOMEM, or MXTLS_EIO when this process ran out of file
 * descriptors (sys_errno says how). */
struct mxtls__probe_io {
    mxtls_status stop;
    int sys_errno;
    int32_t connected;
    mxtls_connect_result *cr;
    mxtls_tls_result *tls;
};

/* Run the connection of probe p (made for spec s) through connect and
 * STARTTLS. */
void mxtls__probe_io(mxtls_ctx *ctx, const struct mxtls__probe_spec *s, const mxtls_probe *p,
                     struct mxtls__probe_io *io);
void mxtls__probe_io_free(struct mxtls__probe_io *io);

/* Run probe p, the one diagnosis d handed out, with the stage functions,
 * and hand the results back to d; past deadline (mxtls__now_ms() time),
 * where the waits were cut short, stop d instead (mxtls_diagnosis_stop()).
 * With lanes (or NULL), a probe a lane ran ahead is taken from there.
 * MXTLS_OK, or what stops the check: MXTLS_ENOMEM, or MXTLS_EIO (with ctx's
 * detail) when this process ran out of file descriptors. */
mxtls_status mxtls__probe_run(mxtls_ctx *ctx, mxtls_diagnosis *d, const mxtls_probe *p,
                              const struct mxtls_check_options *opts, int64_t deadline,
                              struct mxtls__lanes *lanes);

/* " (again without SNI)" and the like, for progress lines. */
const char *mxtls__purpose_words(int32_t purpose);

/* Report a progress line when the caller asked for them. */
void mxtls__check_progress(const struct mxtls_check_options *opts, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
