/* The resolve stage's public calls: check the input, then run one query
 * job to completion against the stage deadline (resolve_job.c does the
 * work; a batch engine drives the same jobs from its own loop). */
#define _POSIX_C_SOURCE 200809L
#include "mxtls/resolve.h"

#include <errno.h>
#include <stdio.h>
#include <unbound.h>

#include "clock.h"
#include "ctx.h"
#include "dnsname.h"
#include "resolve_job.h"
#include "resolver.h"
#include "resolver_examine.h"
#include "wait.h"

/* The next time to wake: the job's deadline, or sooner while it holds a
 * resolve turn it must give back. */
static int64_t wake_at(const struct mxtls__rjob *job, const struct mxtls__slot *turn,
                       int64_t turn_until)
{
    int64_t deadline = mxtls__rjob_deadline(job);
    return turn != NULL && turn_until < deadline ? turn_until : deadline;
}

/* Wait for the job's answers until it is done or its deadline passes. In
 * the batch engine it first takes a resolve turn, and gives it back when it
 * is done or after MXTLS__RESOLVE_TURN_MS: a job still waiting then has
 * only its slow queries left (a dead server), and should not keep the
 * checks in line waiting for the whole resolve deadline. */
static int run(mxtls_ctx *ctx, const char *query, const char *a_label, uint16_t port,
               int ip_family, mxtls_resolve_result **out)
{
    struct mxtls__rjob *job = NULL;
    struct mxtls__slot *turn = NULL;
    if (mxtls__wait_resolve_turn(&turn) < 0)
        return mxtls__ctx_fail(ctx, MXTLS_ERESOLVER, "resolver: the check was cancelled");
    int64_t turn_until = mxtls__now_ms() + MXTLS__RESOLVE_TURN_MS;
    int rc = mxtls__rjob_start(ctx, query, a_label, port, ip_family, &job);
    if (rc != MXTLS_OK) {
        mxtls__slot_release(turn);
        return rc;
    }
    for (;;) {
        mxtls__rjob_take(job);
        if (mxtls__rjob_done(job))
            break;
        if (mxtls__ms_left(mxtls__rjob_deadline(job)) == 0)
            break;                     /* finish marks the rest TIMEOUT */
        if (turn != NULL && mxtls__ms_left(turn_until) == 0) {
            mxtls__slot_release(turn);
            turn = NULL;
        }
        if (mxtls__resolver_wait(mxtls__rjob_source(job), wake_at(job, turn, turn_until),
                                 mxtls__rjob_progress(job)) < 0) {
            rc = errno == ENOMEM ? mxtls__ctx_fail(ctx, MXTLS_ENOMEM, "resolver: out of memory")
               : mxtls__ctx_fail(ctx, MXTLS_ERESOLVER, "resolver: waiting for answers failed");
            break;
        }
    }
    mxtls_resolve_result *res = NULL;
    int frc = mxtls__rjob_finish(job, &res);
    mxtls__slot_release(turn);
    /* Outside the resolve turn: it waits on its own sockets. */
    if (rc == MXTLS_OK && frc == MXTLS_OK)
        frc = mxtls__resolver_examine(ctx, res);
    if (rc == MXTLS_OK && frc == MXTLS_OK) {
        *out = res;
        return MXTLS_OK;
    }
    mxtls_resolve_result_free(res);
    return rc != MXTLS_OK ? rc : frc;
}

/* Normalise a caller's name; EINVAL with the reason in ctx otherwise. */
static int check_name(mxtls_ctx *ctx, const char *what, const char *name, char *out,
                      size_t cap, int *kind)
{
    char detail[MXTLS__DETAIL_SIZE];
    if (name == NULL)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "%s: no name given", what);
    if (mxtls__name_normalize(name, out, cap, kind, detail, sizeof detail) < 0)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "%s: %s", what, detail);
    return MXTLS_OK;
}

mxtls_status mxtls_resolve_mx(mxtls_ctx *ctx, const char *domain,
                              mxtls_resolve_result **out)
{
    char a_label[MXTLS__NAME_MAX + 1];
    int kind = 0;
    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || out == NULL)
        return ctx ? mxtls__ctx_fail(ctx, MXTLS_EINVAL, "resolve_mx: out is NULL")
                   : MXTLS_EINVAL;
    int rc = check_name(ctx, "resolve_mx", domain, a_label, sizeof a_label, &kind);
    if (rc != MXTLS_OK)
        return rc;
    if (kind != MXTLS__INPUT_NAME)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "resolve_mx: \"%s\" is an IP address, "
                               "not a mail domain", a_label);
    return run(ctx, domain, a_label, 0, 0, out);
}

mxtls_status mxtls_resolve_host(mxtls_ctx *ctx, const char *host,
                                uint16_t port, mxtls_resolve_result **out)
{
    char a_label[MXTLS__NAME_MAX + 1];
    int kind = 0;
    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || out == NULL)
        return ctx ? mxtls__ctx_fail(ctx, MXTLS_EINVAL, "resolve_host: out is NULL")
                   : MXTLS_EINVAL;
    if (port == 0)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "resolve_host: port 0");
    int rc = check_name(ctx, "resolve_host", host, a_label, sizeof a_label, &kind);
    if (rc != MXTLS_OK)
        return rc;
    return run(ctx, host, a_label, port, kind, out);
}

size_t mxtls_resolve_struct_size(int32_t which)
{
    switch (which) {
    case 0: return sizeof(mxtls_resolve_result);
    case 1: return sizeof(mxtls_mx_host);
    case 2: return sizeof(mxtls_tlsa);
    case 3: return sizeof(mxtls_dns_lookup);
    case 4: return sizeof(mxtls_txt_set);
    case 5: return sizeof(mxtls_mta_sts_txt);
    case 6: return sizeof(mxtls_tlsrpt_txt);
    default: return 0;
    }
}
