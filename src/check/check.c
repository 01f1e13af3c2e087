/* mxtls_check(): a target checked the way a sending MTA reaches it, stage by
 * stage, then diagnosed. This file holds the entry points, the target
 * parsing, the walk over hosts and addresses of each profile, and the small
 * helpers the diagnosis files share. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diagnosis.h"
#include "ctx.h"
#include "clock.h"
#include "mxtls/mxtls.h"

#define SUBMISSION_STARTTLS_PORT 587
#define SUBMISSION_IMPLICIT_PORT 465
#define MX_PORT 25
#define MAX_TARGET 1024

/* ------------------------------------------------------------------------
 * Helpers shared by the diagnosis files
 * ------------------------------------------------------------------------ */

long mxtls__check_add(struct mxtls__check *c, const struct mxtls__fact *fact)
{
    if (c->status != MXTLS_OK)
        return -1;
    char port[16] = "", alert[64] = "";
    if (fact->port > 0)
        snprintf(port, sizeof port, "%d", (int)fact->port);
    if (fact->alert >= 0) {
        const char *name = mxtls_alert_name(fact->alert);
        snprintf(alert, sizeof alert, "%d (%s)", (int)fact->alert, name ? name : "unknown");
    }
    struct mxtls__vars vars = {
        .host = fact->host,
        .address = fact->address,
        .port = port[0] ? port : NULL,
        .domain = c->profile == MXTLS_PROFILE_MX ? c->report->domain : NULL,
        .names = fact->names,
        .sni = fact->sni,
        .alert = alert[0] ? alert : NULL,
        .detail = fact->evidence,
        .date = fact->date,
        .sender = c->profile == MXTLS_PROFILE_SUBMISSION ? "Gmail's Send-As" : NULL,
    };
    struct mxtls__finding_place place = {
        .host = fact->host, .address = fact->address, .port = fact->port,
        .evidence = fact->evidence,
    };
    if (c->findings.count == c->root_cap) {
        size_t cap = c->root_cap ? c->root_cap * 2 : 16;
        int32_t *roots = mxtls__realloc(c->root_of, cap * sizeof *roots);
        if (roots == NULL) {
            c->status = MXTLS_ENOMEM;
            return -1;
        }
        c->root_of = roots;
        c->root_cap = cap;
    }
    int status = MXTLS_OK;
    long index = mxtls__finding_list_add(&c->findings, fact->code, fact->severity, &vars,
                                         &place, &status);
    if (index < 0) {
        c->status = status;
        return -1;
    }
    c->root_of[index] = -1;
    return index;
}

static int same_or_any(const char *want, const char *have)
{
    return want == NULL || (have != NULL && strcmp(want, have) == 0);
}

long mxtls__check_find(const struct mxtls__check *c, int32_t code, const char *host,
                       const char *address)
{
    for (size_t i = 0; i < c->findings.count; i++) {
        const mxtls_finding *f = c->findings.items[i];
        if (f->code == code && same_or_any(host, f->host) && same_or_any(address, f->address))
            return (long)i;
    }
    return -1;
}

void mxtls__check_fold(struct mxtls__check *c, long symptom, long root)
{
    if (symptom < 0 || root < 0 || symptom == root || (size_t)symptom >= c->findings.count)
        return;
    /* Fold onto the root's own root, so chains stay one level deep. */
    while (c->root_of[root] >= 0)
        root = c->root_of[root];
    if (root != symptom)
        c->root_of[symptom] = (int32_t)root;
}

void mxtls__check_progress(const struct mxtls__check *c, const char *fmt, ...)
{
    if (c->opts->progress == NULL)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    c->opts->progress(c->opts->progress_user, line);
}

int32_t mxtls__check_tls_severity(const struct mxtls__check *c, int host_dane)
{
    if (c->profile == MXTLS_PROFILE_SUBMISSION || c->mtasts_enforce || host_dane)
        return MXTLS_SEVERITY_ERROR;
    return MXTLS_SEVERITY_WARNING;
}

/* ------------------------------------------------------------------------
 * Walking hosts and addresses
 * ------------------------------------------------------------------------ */

static int family_wanted(const struct mxtls__check *c, const mxtls_address *a)
{
    return c->opts->family == 0 || c->opts->family == a->family;
}

/* The sender's name for a host: its name, unless it is an address. */
static const char *sender_name(const mxtls_mx_host *h)
{
    return (h->flags & MXTLS_MX_IP_LITERAL) ? NULL : h->name;
}

static void probe_address(struct mxtls__check *c, const mxtls_mx_host *h, int32_t hi,
                          int32_t ai, int32_t port, int32_t mode)
{
    const char *sni = c->opts->sni;
    struct mxtls__probe_spec spec = {
        .purpose = MXTLS_PROBE_PRIMARY, .host = h, .host_name = sender_name(h),
        .address = h->addresses[ai], .host_index = hi, .address_index = ai,
        .port = port, .mode = mode, .sni = sni, .sni_default = sni == NULL, .run_tls = 1,
    };
    const mxtls_probe *probe = mxtls__probe_run(c, &spec);
    if (probe != NULL)
        mxtls__diagnose_probe(c, &spec, probe);
}

static void probe_host(struct mxtls__check *c, const mxtls_resolve_result *res, size_t hi,
                       int32_t port, int32_t mode)
{
    const mxtls_mx_host *h = res->hosts[hi];
    for (size_t ai = 0; ai < h->n_addresses && c->status == MXTLS_OK; ai++)
        if (family_wanted(c, h->addresses[ai]))
            probe_address(c, h, (int32_t)hi, (int32_t)ai, port, mode);
}

/* -4 or -6 left no address to probe: say so rather than report "no
 * problems" about nothing. */
static void nothing_probed(struct mxtls__check *c, const mxtls_resolve_result *res)
{
    if (c->n_probes > 0 || c->opts->family == 0 || c->status != MXTLS_OK)
        return;
    char why[64];
    snprintf(why, sizeof why, "no IPv%d address (only IPv%d was asked for)",
             (int)c->opts->family, (int)c->opts->family);
    for (size_t i = 0; i < res->n_hosts; i++) {
        struct mxtls__fact f = {.code = MXTLS_F_DNS_MX_NO_ADDRESS, .host = res->hosts[i]->name,
                                .evidence = why, .alert = -1,
                                .severity = MXTLS_SEVERITY_ERROR};
        mxtls__check_add(c, &f);
    }
}

static int32_t chosen_mode(const struct mxtls__check *c, int32_t port)
{
    if (c->opts->implicit_tls == 1)
        return MXTLS_MODE_IMPLICIT_TLS;
    if (c->opts->implicit_tls == -1 && port == SUBMISSION_IMPLICIT_PORT)
        return MXTLS_MODE_IMPLICIT_TLS;
    return MXTLS_MODE_STARTTLS;
}

/* The _mta-sts TXT strings, the policy host's address, and the fetch. */
static void check_mtasts(struct mxtls__check *c, const mxtls_resolve_result *res)
{
    const mxtls_mta_sts_txt *txt = res->mta_sts;
    if (txt == NULL || txt->n_sts_records == 0 || txt->txt == NULL)
        return;
    if (txt->n_sts_records > 1) {
        mxtls__diagnose_mtasts(c, NULL, res->a_label);
        return;
    }
    char host[MXTLS__MAX_NAME + 16];
    snprintf(host, sizeof host, "mta-sts.%s", res->a_label);
    mxtls__check_progress(c, "%s: MTA-STS policy", host);
    mxtls_resolve_result *where = NULL;
    const char *address = NULL;
    mxtls_status found = mxtls_resolve_host(c->ctx, host, 443, &where);
    if (found == MXTLS_ENOMEM) {
        /* Not "the policy host has no address": the report would blame DNS. */
        c->status = MXTLS_ENOMEM;
        return;
    }
    if (found == MXTLS_OK && where->n_hosts > 0 && where->hosts[0]->n_addresses > 0)
        address = where->hosts[0]->addresses[0]->text;
    const char **mx = mxtls__calloc(res->n_hosts + 1, sizeof *mx);
    mxtls_mtasts_result *sts = NULL;
    if (mx == NULL) {
        c->status = MXTLS_ENOMEM;
    } else {
        for (size_t i = 0; i < res->n_hosts; i++)
            mx[i] = res->hosts[i]->name;
        int st = mxtls_mtasts_check(c->ctx, res->a_label, txt->txt->records,
                                    txt->txt->n_records, address, mx, res->n_hosts, &sts);
        if (st == MXTLS_ENOMEM)
            c->status = MXTLS_ENOMEM;
    }
    mxtls__free(mx);
    mxtls_resolve_result_free(where);
    if (sts != NULL) {
        c->report->mtasts = sts;
        c->mtasts_enforce = sts->outcome == MXTLS_MTASTS_POLICY &&
                            sts->mode == MXTLS_MTASTS_MODE_ENFORCE;
        mxtls__diagnose_mtasts(c, sts, res->a_label);
    }
}

/* The report keeps what DNS said, and its findings; returns 1 when there is
 * nothing to probe (or memory ran out: c->status says which). */
static int adopt_resolve(struct mxtls__check *c, mxtls_resolve_result *res)
{
    c->report->resolve = res;
    if (mxtls__replace_string((char **)&c->report->domain, res->a_label) != 0) {
        c->status = MXTLS_ENOMEM;
        return 1;
    }
    return mxtls__diagnose_resolve(c, res);
}

static int check_mx(struct mxtls__check *c, const char *domain)
{
    mxtls_resolve_result *res = NULL;
    mxtls__check_progress(c, "%s: DNS", domain);
    int st = mxtls_resolve_mx(c->ctx, domain, &res);
    if (st != MXTLS_OK)
        return st;
    if (adopt_resolve(c, res))
        return c->status;
    check_mtasts(c, res);
    int32_t port = c->opts->port ? c->opts->port : MX_PORT;
    int32_t mode = c->opts->implicit_tls == 1 ? MXTLS_MODE_IMPLICIT_TLS : MXTLS_MODE_STARTTLS;
    for (size_t hi = 0; hi < res->n_hosts && c->status == MXTLS_OK; hi++)
        probe_host(c, res, hi, port, mode);
    nothing_probed(c, res);
    return c->status;
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

static int check_submission(struct mxtls__check *c, const char *target)
{
    char host[MAX_TARGET];
    int32_t port = 0;
    int st = split_target(c->ctx, target, host, sizeof host, &port);
    if (st != MXTLS_OK)
        return st;
    if (c->opts->port)
        port = c->opts->port;
    int32_t ports[2] = {SUBMISSION_STARTTLS_PORT, SUBMISSION_IMPLICIT_PORT};
    size_t n_ports = 2;
    if (port) {
        ports[0] = port;
        n_ports = 1;
    }
    mxtls_resolve_result *res = NULL;
    mxtls__check_progress(c, "%s: DNS", host);
    if ((st = mxtls_resolve_host(c->ctx, host, (uint16_t)ports[0], &res)) != MXTLS_OK)
        return st;
    if (adopt_resolve(c, res))
        return c->status;
    for (size_t i = 0; i < n_ports && c->status == MXTLS_OK; i++)
        probe_host(c, res, 0, ports[i], chosen_mode(c, ports[i]));
    nothing_probed(c, res);
    return c->status;
}

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

static void check_release(struct mxtls__check *c)
{
    mxtls__finding_list_free(&c->findings);
    mxtls__free(c->root_of);
    for (size_t i = 0; i < c->n_probes; i++)
        mxtls__probe_free(c->probes[i]);
    mxtls__free(c->probes);
    mxtls_report_free(c->report);
}

static int check_run(struct mxtls__check *c, const char *target)
{
    int64_t started = mxtls__now_ms();
    int st = c->profile == MXTLS_PROFILE_MX ? check_mx(c, target)
                                            : check_submission(c, target);
    if (st != MXTLS_OK)
        return st;
    mxtls__diagnose_cross(c);
    if (c->status != MXTLS_OK)
        return c->status;
    c->report->elapsed_ms = mxtls__now_ms() - started;
    return mxtls__report_finish(c);
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
    if (target[0] == '\0' || strlen(target) >= MAX_TARGET)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "the target is empty or too long");
    struct mxtls_check_options defaults = {.implicit_tls = -1};
    struct mxtls__check c = {
        .ctx = ctx, .opts = options ? options : &defaults, .profile = profile,
        .status = MXTLS_OK,
    };
    if ((c.report = mxtls__report_new(target, profile)) == NULL)
        return MXTLS_ENOMEM;
    int st = check_run(&c, target);
    if (st == MXTLS_OK) {
        *out = c.report;
        c.report = NULL;
    }
    check_release(&c);
    return st;
}

mxtls_status mxtls_check(mxtls_ctx *ctx, const char *target, int32_t profile,
                         mxtls_report **out)
{
    return mxtls_check_with(ctx, target, profile, NULL, out);
}
