/* Running one probe the diagnosis hands out: a connection to one address
 * and port, through the connect, STARTTLS and verify stages as far as it
 * gets, with the results handed back to the diagnosis. This is the I/O half
 * of mxtls_check(); a caller composing the stages does the same with the
 * public calls (examples/compose.c). The connection itself is probe_io.c;
 * a lane may have run it already (probe_lanes.c). */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "clock.h"
#include "ctx.h"
#include "diagnosis.h"
#include "probe.h"
#include "probe_lanes.h"
#include "mxtls/mxtls.h"

/* The first status that stops the check: MXTLS_ENOMEM, else OK. */
static mxtls_status worst(mxtls_status so_far, mxtls_status st)
{
    return so_far == MXTLS_OK && st == MXTLS_ENOMEM ? MXTLS_ENOMEM : so_far;
}

/* Verify the certificate the pending probe got, unless the lane that ran it
 * ahead verified it on the same basis (*ahead, taken over or freed). */
static mxtls_status verify_pending(mxtls_ctx *ctx, mxtls_diagnosis *d, const mxtls_tls_result *tls,
                                   struct mxtls__lane_take *ahead, mxtls_verify_result **out)
{
    mxtls_verify_input *in = NULL;
    struct mxtls__verify_basis basis;
    mxtls_status st = mxtls__verify_input_for(d, &d->pending_spec, tls, d->probes, d->n_probes,
                                              &in, ahead ? &basis : NULL);
    if (st == MXTLS_OK && in != NULL) {
        if (ahead != NULL && ahead->verified && mxtls__verify_basis_same(&basis, ahead->basis)) {
            *out = ahead->verify;
            ahead->verify = NULL;
        } else {
            st = mxtls__verify_run_memo(ctx, &d->verify_memo, in, out);
        }
    }
    mxtls_verify_input_free(in);
    if (ahead != NULL)
        mxtls_verify_result_free(ahead->verify);
    return st;
}

mxtls_status mxtls__probe_run(mxtls_ctx *ctx, mxtls_diagnosis *d, const mxtls_probe *p,
                              const struct mxtls_check_options *opts, int64_t deadline,
                              struct mxtls__lanes *lanes)
{
    const struct mxtls__probe_spec *s = &d->pending_spec;
    struct mxtls__probe_io io;
    struct mxtls__lane_take ahead = {0};
    int64_t ended = 0;
    int taken = lanes != NULL ? mxtls__lanes_take(lanes, d, &io, &ahead) : 0;
    if (taken < 0)
        return mxtls__ctx_fail(ctx, MXTLS_EIO, "the check was cancelled");
    if (taken) {
        ended = ahead.ended_ms;
    } else {
        mxtls__check_progress(opts, "%s [%s]:%d%s", p->host ? p->host : p->address, p->address,
                              (int)p->port, mxtls__purpose_words(p->purpose));
        mxtls__probe_io(ctx, s, p, &io);
    }
    mxtls_verify_result *verify = NULL;
    mxtls_status stop = io.stop;
    if (stop == MXTLS_OK)
        stop = worst(MXTLS_OK, verify_pending(ctx, d, io.tls, taken ? &ahead : NULL, &verify));
    else if (taken)
        mxtls_verify_result_free(ahead.verify);
    if (stop == MXTLS_EIO)  /* our limit, not the server's fault: the check cannot run */
        stop = mxtls__ctx_fail(ctx, MXTLS_EIO,
                               "out of file descriptors (%s): raise RLIMIT_NOFILE "
                               "(ulimit -n) or check fewer targets at once",
                               strerror(io.sys_errno));
    /* Past the check's deadline its waits were cut short: the server is not
     * to blame for what they missed. */
    if (!taken)
        ended = mxtls__now_ms();
    int cut_short = stop == MXTLS_OK && ended >= deadline;
    if (stop != MXTLS_OK || cut_short) {
        mxtls__probe_io_free(&io);
        mxtls_verify_result_free(verify);
        return cut_short ? mxtls_diagnosis_stop(d) : stop;
    }
    return mxtls_diagnosis_add_probe_result(d, io.connected, io.cr, io.tls, verify);
}
