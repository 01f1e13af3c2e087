/* The reference probe: when no MX host of a domain answers on port 25, try
 * port 25 of mail hosts known to listen there (the context's reference
 * hosts, resolved now). If none answers either, the block is near this
 * machine and the diagnosis says so (net.egress-blocked); if one answers,
 * the domain's own findings stand. The driver runs it for the diagnosis
 * (check.c), and keeps the verdict on the context: a batch of checks on one
 * context probes once. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "buffer.h"
#include "clock.h"
#include "ctx.h"
#include "egress.h"
#include "inet.h"
#include "wait.h"

#define REFERENCE_PORT 25
/* How often a check that waits for another check's probe looks again: the
 * wait seam has no "until this flag changes", and a probe takes seconds. */
#define LOOK_AGAIN_MS 50

const mxtls_address *mxtls__egress_pick(const mxtls_ctx *ctx, const mxtls_resolve_result *res)
{
    const mxtls_address *v6 = NULL;
    for (size_t h = 0; res != NULL && h < res->n_hosts; h++) {
        for (size_t i = 0; i < res->hosts[h]->n_addresses; i++) {
            const mxtls_address *a = res->hosts[h]->addresses[i];
            if (!mxtls__addr_policy_allows(ctx, mxtls__inet_scope(a->family, a->bytes)))
                continue;
            if (a->family == 4)
                return a;
            if (v6 == NULL)
                v6 = a;
        }
    }
    return v6;
}

/* Append one "; "-separated note to evidence, cut to fit. */
static void note(char *evidence, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(char *evidence, size_t size, const char *fmt, ...)
{
    size_t used = strnlen(evidence, size);
    if (used + 3 >= size)
        return;
    if (used > 0) {
        memcpy(evidence + used, "; ", 3);
        used += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    mxtls__vformat(evidence + used, size - used, fmt, ap);
    va_end(ap);
}

static const char *failure_words(const mxtls_connect_result *cr)
{
    switch (cr->failure) {
    case MXTLS_CONN_TIMEOUT: return "timed out";
    case MXTLS_CONN_REFUSED: return "refused";
    default: return "unreachable";
    }
}

/* A TCP connection opened: whatever the server said after it, the path
 * was open. */
static int opened(const mxtls_connect_result *cr)
{
    return cr->failure == MXTLS_CONN_OK || cr->failure_phase != MXTLS_PHASE_TCP;
}

/* The connect failed the way a block makes it fail: no answer, a reset,
 * or no route. */
static int path_failed(const mxtls_connect_result *cr)
{
    return cr->failure == MXTLS_CONN_TIMEOUT || cr->failure == MXTLS_CONN_REFUSED ||
           cr->failure == MXTLS_CONN_UNREACHABLE;
}

enum tried { NOT_TRIED, FAILED, ANSWERED, OUT_OF_MEMORY };

/* Port 25 of one reference host: did a TCP connection open? */
static enum tried try_reference(mxtls_ctx *ctx, const char *name, char *evidence, size_t size)
{
    mxtls_resolve_result *res = NULL;
    mxtls_status st = mxtls_resolve_host(ctx, name, REFERENCE_PORT, &res);
    if (st == MXTLS_ENOMEM)
        return OUT_OF_MEMORY;
    const mxtls_address *a = st == MXTLS_OK ? mxtls__egress_pick(ctx, res) : NULL;
    if (a == NULL) {
        int any = st == MXTLS_OK && res->n_hosts > 0 && res->hosts[0]->n_addresses > 0;
        note(evidence, size, "%s: %s", name,
             any ? "no address the address policy allows" : "no address");
        mxtls_resolve_result_free(res);
        return NOT_TRIED;
    }
    mxtls_session *session = NULL;
    mxtls_connect_result *cr = NULL;
    st = mxtls_connect(ctx, a, REFERENCE_PORT, MXTLS_MODE_PLAIN, name, &session, &cr);
    enum tried out = NOT_TRIED;
    if (st == MXTLS_ENOMEM) {
        out = OUT_OF_MEMORY;
    } else if (st == MXTLS_OK && opened(cr)) {
        out = ANSWERED;
        note(evidence, size, "%s [%s]:25 answered", name, a->text);
    } else if (st == MXTLS_OK && path_failed(cr)) {
        out = FAILED;
        note(evidence, size, "%s [%s]:25 %s", name, a->text, failure_words(cr));
    } else if (st == MXTLS_OK) {
        /* A local error (no descriptor left, the engine going away) says
         * nothing about the path. */
        note(evidence, size, "%s [%s]:25 not tried (%s)", name, a->text, cr->detail);
    }
    mxtls_session_close(session);
    mxtls_connect_result_free(cr);
    mxtls_resolve_result_free(res);
    return out;
}

/* Try the reference hosts one after the other until one answers. Returns
 * the verdict, or -1 when memory ran out; *cut_short when the check's
 * deadline cut a wait short (then the verdict says nothing). */
static int32_t probe_references(mxtls_ctx *ctx, int64_t deadline, char *evidence, size_t size,
                                int *cut_short)
{
    size_t tried = 0;
    evidence[0] = '\0';
    for (uint32_t i = 0; i < ctx->n_reference_hosts; i++) {
        enum tried t = try_reference(ctx, ctx->reference_hosts[i], evidence, size);
        if (t == OUT_OF_MEMORY)
            return -1;
        if (mxtls__now_ms() >= deadline) {
            *cut_short = 1;
            return MXTLS__EGRESS_UNKNOWN;
        }
        if (t == ANSWERED)
            return MXTLS__EGRESS_OPEN;
        tried += t == FAILED;
    }
    if (ctx->n_reference_hosts == 0)
        note(evidence, size, "no reference hosts are set");
    return tried > 0 ? MXTLS__EGRESS_BLOCKED : MXTLS__EGRESS_UNKNOWN;
}

/* Wait while another check of this engine probes; 0 when it has finished,
 * -1 at the deadline (or when the engine is going away). Outside an engine
 * nobody else can be probing: one thread uses a context at a time. */
static int wait_for_other(const struct mxtls__egress_cache *e, int64_t deadline)
{
    while (e->running) {
        int64_t now = mxtls__now_ms();
        if (now >= deadline)
            return -1;
        int64_t until = now + LOOK_AGAIN_MS < deadline ? now + LOOK_AGAIN_MS : deadline;
        if (mxtls__wait_fd(-1, 0, until) < 0)
            return -1;
    }
    return 0;
}

mxtls_status mxtls__egress_verdict(mxtls_ctx *ctx, int64_t deadline, int32_t *verdict,
                                   char *evidence, size_t size)
{
    struct mxtls__egress_cache *e = &ctx->egress;
    *verdict = MXTLS__EGRESS_UNKNOWN;
    if (wait_for_other(e, deadline) != 0) {
        snprintf(evidence, size, "%s", "the check ran out of time while another check "
                 "probed the reference hosts");
        return MXTLS_OK;
    }
    uint64_t key = mxtls__egress_key(ctx);
    if (e->done && e->key == key) {
        *verdict = e->verdict;
        snprintf(evidence, size, "%s", e->evidence);
        return MXTLS_OK;
    }
    e->running = 1;
    int cut_short = 0;
    int32_t found = probe_references(ctx, deadline, e->evidence, sizeof e->evidence,
                                     &cut_short);
    e->running = 0;
    if (found < 0)
        return MXTLS_ENOMEM;
    /* A probe the check's deadline cut short says nothing about the
     * network: the next check tries again. */
    e->done = !cut_short;
    e->key = key;
    e->verdict = found;
    *verdict = found;
    snprintf(evidence, size, "%s", e->evidence);
    return MXTLS_OK;
}
