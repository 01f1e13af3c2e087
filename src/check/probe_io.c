/* The I/O of one probe: its connection through connect and STARTTLS, for
 * the driver (probe.c) and the lanes that run probes ahead of it
 * (probe_lanes.c); and the progress lines both report. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diagnosis.h"
#include "fiber_group.h"
#include "probe.h"
#include "starttls_int.h"
#include "mxtls/mxtls.h"

struct progress_line {
    const struct mxtls_check_options *opts;
    char text[512];
};

static void say_progress(void *arg)
{
    struct progress_line *line = arg;
    line->opts->progress(line->opts->progress_user, line->text);
}

void mxtls__check_progress(const struct mxtls_check_options *opts, const char *fmt, ...)
{
    if (opts->progress == NULL)
        return;
    struct progress_line line = {.opts = opts};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line.text, sizeof line.text, fmt, ap);
    va_end(ap);
    /* The caller's callback runs on the check's own stack, not a probe's
     * fiber (fiber_group.h): the engine hops stacks to call it. */
    mxtls__group_call_home(say_progress, &line);
}

const char *mxtls__purpose_words(int32_t purpose)
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

void mxtls__probe_io(mxtls_ctx *ctx, const struct mxtls__probe_spec *s, const mxtls_probe *p,
                     struct mxtls__probe_io *io)
{
    *io = (struct mxtls__probe_io){.stop = MXTLS_OK};
    mxtls_session *session = NULL;
    io->connected = mxtls_connect(ctx, s->address, p->port, p->mode, p->host, &session,
                                  &io->cr);
    io->stop = worst(MXTLS_OK, io->connected);
    if (io->cr != NULL && out_of_descriptors(io->cr)) {
        io->stop = MXTLS_EIO;
        io->sys_errno = io->cr->sys_errno;
    }
    if (io->stop == MXTLS_OK && session != NULL && s->run_tls && p->mode != MXTLS_MODE_PLAIN) {
        mxtls_tls_params *params = NULL;
        mxtls_status st = mxtls__tls_params_for(s, &params);
        if (st == MXTLS_OK && params != NULL) {
            /* The session ends below, before the check does. */
            mxtls__tls_params_share(params, ctx);
            st = mxtls_starttls(session, params, &io->tls);
        }
        mxtls_tls_params_free(params);
        io->stop = worst(io->stop, st);
    }
    mxtls_session_close(session);
}

void mxtls__probe_io_free(struct mxtls__probe_io *io)
{
    mxtls_connect_result_free(io->cr);
    mxtls_tls_result_free(io->tls);
    io->cr = NULL;
    io->tls = NULL;
}

