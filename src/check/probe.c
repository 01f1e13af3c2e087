/* Running one probe the diagnosis hands out: a connection to one address
 * and port, through the connect, STARTTLS and verify stages as far as it
 * gets, with the results handed back to the diagnosis. This is the I/O half
 * of mxtls_check(); a caller composing the stages does the same with the
 * public calls (examples/compose.c). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "ctx.h"
#include "diagnosis.h"
#include "probe.h"
#include "mxtls/mxtls.h"

void mxtls__check_progress(const struct mxtls_check_options *opts, const char *fmt, ...)
{
    if (opts->progress == NULL)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    opts->progress(opts->progress_user, line);
}

static const char *purpose_words(int32_t purpose)
{
    switch (purpose) {
    case MXTLS_PROBE_NO_SNI: return " (again without SNI)";
    case MXTLS_PROBE_LDH_SNI: return " (again with an LDH name as SNI)";
    case MXTLS_PROBE_VERSION: return " (one protocol version)";
    case MXTLS_PROBE_OTHER_MODE: return " (the other TLS mode)";
    case MXTLS_PROBE_OTHER_PORT: return " (another port)";
    default: return "";
    }
}

static int out_of_descriptors(const mxtls_connect_result *r)
{
    return r->failure == MXTLS_CONN_ERROR && (r->sys_errno == EMFILE || r->sys_errno == ENFILE);
}

/* The first status that stops the check: MXTLS_ENOMEM, else OK. */
static mxtls_status worst(mxtls_status so_far, mxtls_status st)
{
    return so_far == MXTLS_OK && st == MXTLS_ENOMEM ? MXTLS_ENOMEM : so_far;
}

/* STARTTLS (or the implicit handshake) and verify on an open session. */
static mxtls_status run_tls(mxtls_ctx *ctx, mxtls_diagnosis *d, mxtls_session *session,
                            mxtls_tls_result **tls, mxtls_verify_result **verify)
{
    mxtls_tls_params *params = NULL;
    mxtls_status st = mxtls_diagnosis_tls_params(d, &params);
    if (st != MXTLS_OK || params == NULL)
        return st;
    st = mxtls_starttls(session, params, tls);
    mxtls_tls_params_free(params);
    mxtls_verify_input *in = NULL;
    mxtls_status vst = mxtls_diagnosis_verify_input(d, *tls, &in);
    if (vst == MXTLS_OK && in != NULL)
        vst = mxtls_verify_run(ctx, in, verify);
    mxtls_verify_input_free(in);
    return worst(worst(MXTLS_OK, st), vst);
}

mxtls_status mxtls__probe_run(mxtls_ctx *ctx, mxtls_diagnosis *d, const mxtls_probe *p,
                              const struct mxtls_check_options *opts, int64_t deadline)
{
    const struct mxtls__probe_spec *s = &d->pending_spec;
    mxtls__check_progress(opts, "%s [%s]:%d%s", p->host ? p->host : p->address, p->address,
                          (int)p->port, purpose_words(p->purpose));
    mxtls_session *session = NULL;
    mxtls_connect_result *cr = NULL;
    mxtls_tls_result *tls = NULL;
    mxtls_verify_result *verify = NULL;
    mxtls_status connected = mxtls_connect(ctx, s->address, p->port, p->mode, p->host,
                                           &session, &cr);
    mxtls_status stop = worst(MXTLS_OK, connected);
    if (cr != NULL && out_of_descriptors(cr)) {
        /* Our limit, not the server's fault: the check cannot run. */
        stop = mxtls__ctx_fail(ctx, MXTLS_EIO,
                               "out of file descriptors (%s): raise RLIMIT_NOFILE "
                               "(ulimit -n) or check fewer targets at once",
                               strerror(cr->sys_errno));
    }
    if (stop == MXTLS_OK && session != NULL && s->run_tls && p->mode != MXTLS_MODE_PLAIN)
        stop = run_tls(ctx, d, session, &tls, &verify);
    mxtls_session_close(session);
    /* Past the check's deadline its waits were cut short: the server is not
     * to blame for what they missed. */
    int cut_short = stop == MXTLS_OK && mxtls__now_ms() >= deadline;
    if (stop != MXTLS_OK || cut_short) {
        mxtls_connect_result_free(cr);
        mxtls_tls_result_free(tls);
        mxtls_verify_result_free(verify);
        return cut_short ? mxtls_diagnosis_stop(d) : stop;
    }
    return mxtls_diagnosis_add_probe_result(d, connected, cr, tls, verify);
}
