/* mxtls_check(): a target checked the way a sending MTA reaches it. The
 * driver: it resolves, fetches the MTA-STS policy, and runs the probes the
 * diagnosis (diagnosis.h) asks for with the stage functions, until the
 * diagnosis has its report. The rules themselves do no I/O and live in the
 * diagnosis files. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "ctx.h"
#include "diagnosis.h"
#include "egress.h"
#include "probe.h"
#include "probe_lanes.h"
#include "wait.h"
#include "mxtls/mxtls.h"

#define SUBMISSION_STARTTLS_PORT 587
#define MAX_TARGET 1024

/* The _mta-sts TXT strings, the policy host's address, and the fetch. */
static mxtls_status fetch_mtasts(mxtls_ctx *ctx, mxtls_diagnosis *d,
                                 const mxtls_resolve_result *res,
                                 const struct mxtls_check_options *opts)
{
    char host[MXTLS__MAX_NAME + 16];
    snprintf(host, sizeof host, "mta-sts.%s", res->a_label);
    mxtls__check_progress(opts, "%s: MTA-STS policy", host);
    mxtls_resolve_result *where = NULL;
    const char *address = NULL;
    mxtls_status found = mxtls_resolve_host(ctx, host, 443, &where);
    if (found == MXTLS_ENOMEM)  /* not "the policy host has no address" */
        return MXTLS_ENOMEM;
    if (found == MXTLS_OK && where->n_hosts > 0 && where->hosts[0]->n_addresses > 0)
        address = where->hosts[0]->addresses[0]->text;
    const char **mx = mxtls__calloc(res->n_hosts + 1, sizeof *mx);
    mxtls_mtasts_result *sts = NULL;
    mxtls_status st = MXTLS_ENOMEM;
    if (mx != NULL) {
        for (size_t i = 0; i < res->n_hosts; i++)
            mx[i] = res->hosts[i]->name;
        const mxtls_txt_set *txt = res->mta_sts->txt;
        st = mxtls_mtasts_check(ctx, res->a_label, txt->records, txt->n_records, address, mx,
                                res->n_hosts, &sts);
    }
    mxtls__free(mx);
    mxtls_resolve_result_free(where);
    if (st == MXTLS_ENOMEM) {
        mxtls_mtasts_result_free(sts);
        return MXTLS_ENOMEM;
    }
    return sts != NULL ? mxtls_diagnosis_add_mtasts(d, sts) : MXTLS_OK;
}

/* The reference probe the diagnosis asked for: from the context's cache,
 * or run now (egress.c). */
static mxtls_status answer_egress(mxtls_ctx *ctx, mxtls_diagnosis *d,
                                  const struct mxtls_check_options *opts, int64_t deadline)
{
    char seen[MXTLS__EGRESS_SEEN_SIZE];
    int32_t verdict = MXTLS__EGRESS_UNKNOWN;
    mxtls__check_progress(opts, "no MX host answers on port 25: trying the reference hosts");
    mxtls_status st = mxtls__egress_verdict(ctx, deadline, &verdict, seen, sizeof seen);
    if (st != MXTLS_OK)
        return st;
    return mxtls__diagnosis_add_egress(d, verdict, seen);
}

struct drive {
    mxtls_ctx *ctx;
    mxtls_diagnosis *d;
    const struct mxtls_check_options *opts;
    int64_t deadline;
    mxtls_status status;
};

/* Run what the diagnosis asks for until it needs nothing more, or the
 * check's deadline: every wait is cut to it (wait.h), and what it left
 * unchecked is reported, not blamed on the servers. Probes a lane ran
 * ahead (lanes non-NULL) are taken from it. */
static void drive(struct mxtls__lanes *lanes, void *arg)
{
    struct drive *dr = arg;
    mxtls_diagnosis *d = dr->d;
    mxtls_status st = MXTLS_OK;
    for (;;) {
        const mxtls_probe *p = NULL;
        if (mxtls__now_ms() >= dr->deadline && (st = mxtls_diagnosis_stop(d)) != MXTLS_OK)
            break;
        if ((st = mxtls_diagnosis_next_probe(d, &p)) != MXTLS_OK)
            break;
        if (p == NULL && mxtls__diagnosis_wants_egress(d)) {
            if ((st = answer_egress(dr->ctx, d, dr->opts, dr->deadline)) != MXTLS_OK)
                break;
            continue;
        }
        if (p == NULL)
            break;
        if ((st = mxtls__probe_run(dr->ctx, d, p, dr->opts, dr->deadline, lanes)) != MXTLS_OK)
            break;
    }
    dr->status = st;
}

/* The probes of a target with several addresses run side by side
 * (probe_lanes.h); with one, or one at a time asked for, in turn. */
static mxtls_status run_probes(mxtls_ctx *ctx, mxtls_diagnosis *d,
                               const struct mxtls_check_options *opts, int64_t deadline)
{
    int64_t outer = mxtls__wait_set_cap(deadline);
    struct drive dr = {.ctx = ctx, .d = d, .opts = opts, .deadline = deadline};
    int ran = 0;
    mxtls_status st = mxtls__lanes_run(ctx, d, opts, deadline, drive, &dr, &ran);
    if (st == MXTLS_OK && !ran)
        drive(NULL, &dr);
    mxtls__wait_set_cap(outer);
    return st != MXTLS_OK ? st : dr.status;
}

/* The check's deadline: its start plus the context's whole-check timeout. */
static int64_t check_deadline(const mxtls_ctx *ctx)
{
    return mxtls__now_ms() + (int64_t)ctx->timeout_ms[MXTLS_STAGE_CHECK];
}

static mxtls_status check_mx(mxtls_ctx *ctx, mxtls_diagnosis *d, const char *domain,
                             const struct mxtls_check_options *opts)
{
    int64_t deadline = check_deadline(ctx);
    mxtls_resolve_result *res = NULL;
    mxtls__check_progress(opts, "%s: DNS", domain);
    mxtls_status st = mxtls_resolve_mx(ctx, domain, &res);
    if (st != MXTLS_OK)
        return st;
    if ((st = mxtls_diagnosis_add_resolve(d, res)) != MXTLS_OK)
        return st;
    if (mxtls_diagnosis_wants_mtasts(d) && (st = fetch_mtasts(ctx, d, res, opts)) != MXTLS_OK)
        return st;
    return run_probes(ctx, d, opts, deadline);
}

/* Split "host", "host:port", "[v6]:port" or a bare IPv6 literal. */
static int split_target(mxtls_ctx *ctx, const char *target, char *host, size_t host_size,
                        int32_t *port)
{
    *port = 0;
    const char *end = NULL, *colon = NULL;
    size_t n = strlen(target);
    const char *given = target; /* for messages */
    if (target[0] == '[') {
        end = strchr(target, ']');
        if (end == NULL)
            return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "target \"%s\": no closing ']'", given);
        colon = end[1] == ':' ? end + 1 : NULL;
        if (end[1] != '\0' && colon == NULL)
            return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "target \"%s\": junk after ']'", given);
        n = (size_t)(end - target - 1);
        target++;
    } else if ((colon = strchr(target, ':')) != NULL && strchr(colon + 1, ':') != NULL) {
        colon = NULL; /* more than one ':': a bare IPv6 literal */
    } else if (colon != NULL) {
        n = (size_t)(colon - target);
    }
    if (n == 0 || n >= host_size)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "target \"%s\": empty or too long", given);
    memcpy(host, target, n);
    host[n] = '\0';
    if (colon != NULL) {
        char *stop = NULL;
        long p = strtol(colon + 1, &stop, 10);
        if (colon[1] == '\0' || *stop != '\0' || p < 1 || p > 65535)
            return mxtls__ctx_fail(ctx, MXTLS_EINVAL,
                                   "target \"%s\": the port must be 1..65535", given);
        *port = (int32_t)p;
    }
    return MXTLS_OK;
}

/* The submission host's address, and its ports; a port in the target
 * counts unless the options name one. */
static mxtls_status check_submission(mxtls_ctx *ctx, const char *target,
                                     const struct mxtls_check_options *opts,
                                     mxtls_report **out)
{
    char host[MAX_TARGET];
    int32_t port = 0;
    mxtls_status st = split_target(ctx, target, host, sizeof host, &port);
    if (st != MXTLS_OK)
        return st;
    struct mxtls_check_options effective = *opts;
    if (opts->port == 0)
        effective.port = port;
    int64_t deadline = check_deadline(ctx);
    mxtls_diagnosis *d = NULL;
    if ((st = mxtls_diagnosis_new(target, MXTLS_PROFILE_SUBMISSION, &effective, &d)) != MXTLS_OK)
        return st;
    mxtls_resolve_result *res = NULL;
    mxtls__check_progress(opts, "%s: DNS", host);
    int32_t first_port = effective.port ? effective.port : SUBMISSION_STARTTLS_PORT;
    st = mxtls_resolve_host(ctx, host, (uint16_t)first_port, &res);
    if (st == MXTLS_OK && (st = mxtls_diagnosis_add_resolve(d, res)) == MXTLS_OK &&
        (st = run_probes(ctx, d, opts, deadline)) == MXTLS_OK)
        st = mxtls_diagnosis_finish(d, out);
    mxtls_diagnosis_free(d);
    return st;
}

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

static mxtls_status check_domain(mxtls_ctx *ctx, const char *target,
                                 const struct mxtls_check_options *opts, mxtls_report **out)
{
    mxtls_diagnosis *d = NULL;
    mxtls_status st = mxtls_diagnosis_new(target, MXTLS_PROFILE_MX, opts, &d);
    if (st != MXTLS_OK)
        return st;
    mxtls__diagnosis_serve_egress(d);
    if ((st = check_mx(ctx, d, target, opts)) == MXTLS_OK)
        st = mxtls_diagnosis_finish(d, out);
    mxtls_diagnosis_free(d);
    return st;
}

mxtls_status mxtls_check_with(mxtls_ctx *ctx, const char *target, int32_t profile,
                              const mxtls_check_options *options, mxtls_report **out)
{
    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || target == NULL || out == NULL)
        return ctx ? mxtls__ctx_fail(ctx, MXTLS_EINVAL, "NULL target or result pointer")
                   : MXTLS_EINVAL;
    if (profile != MXTLS_PROFILE_MX && profile != MXTLS_PROFILE_SUBMISSION)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "unknown profile %d", (int)profile);
    /* Only the engine's own checks may use a context it is attached to. */
    if (ctx->engines > 0 && !mxtls__wait_is_installed())
        return mxtls__ctx_fail(ctx, MXTLS_ESTATE,
                               "the context has an engine attached: add the check to the "
                               "engine, or use another context");
    if (target[0] == '\0' || strlen(target) >= MAX_TARGET)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "the target is empty or too long");
    struct mxtls_check_options defaults = {.implicit_tls = -1};
    const struct mxtls_check_options *opts = options ? options : &defaults;
    return profile == MXTLS_PROFILE_MX ? check_domain(ctx, target, opts, out)
                                       : check_submission(ctx, target, opts, out);
}

mxtls_status mxtls_check(mxtls_ctx *ctx, const char *target, int32_t profile,
                         mxtls_report **out)
{
    return mxtls_check_with(ctx, target, profile, NULL, out);
}
