/* libunbound set-up from mxtls_ctx options: see resolver.h. */
#define _POSIX_C_SOURCE 200809L
#include "resolver.h"

#include <stdio.h>
#include <string.h>
#include <unbound.h>
#include <unbound-event.h>

#include "address.h"
#include "clock.h"
#include "ctx.h"
#include "inet.h"
#include "mxtls/address.h"
#include "ub_guard.h"
#include "ub_loop.h"
#include "wait.h"

static int ub_fail(mxtls_ctx *ctx, struct ub_ctx *ub, const char *what, int err)
{
    mxtls__ub_enter();
    ub_ctx_delete(ub);
    mxtls__ub_leave();
    return mxtls__ctx_fail(ctx, MXTLS_ERESOLVER, "resolver: %s: %s", what, ub_strerror(err));
}

static int set_option(struct ub_ctx *ub, const char *opt, const char *val, int *err)
{
    *err = ub_ctx_set_option(ub, opt, val);
    return *err;
}

/* unbound answers names under its built-in local zones (test., local.,
 * 10.in-addr.arpa. ...) itself, with nothing. A stub zone means the caller
 * wants real answers, so the stub zone and each of its ancestors become
 * "transparent" local zones: with no local data that is plain resolution,
 * and a configured zone keeps unbound from adding its default there. (The
 * config file's "nodefault" does not take effect through ub_ctx_set_option
 * in libunbound 1.17; "transparent" does.) */
static int lift_default_zones(struct ub_ctx *ub, const char *zone, int *err)
{
    char buf[300];
    for (const char *p = zone; p && *p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL) {
        size_t n = strlen(p);
        if (n + sizeof ". transparent" > sizeof buf)
            continue;
        memcpy(buf, p, n);
        memcpy(buf + n, ". transparent", sizeof ". transparent");
        if (set_option(ub, "local-zone:", buf, err) != 0)
            return -1;
    }
    return 0;
}

/* The local zones libunbound 1.17 answers itself by default
 * (services/localzone.c, local_zone_enter_defaults(), and the AS112 list of
 * util/as112.c) are of two kinds.
 *
 * Zones whose answers the standards fix, which no resolver may serve
 * otherwise, stay libunbound's in every mode: localhost. (127.0.0.1 and
 * ::1, RFC 6761 6.3) with the loopback reverse zones 127.in-addr.arpa. and
 * 1.0...0.ip6.arpa. (PTR localhost.), invalid. (always NXDOMAIN, RFC 6761
 * 6.4) and onion. (RFC 7686 2: never looked up in DNS, so that onion names
 * do not leak to it). The engine's warm-up query (engine.c) relies on
 * localhost. being answered here, without a packet.
 *
 * Zones that stand for "not in the public DNS, maybe served locally" are
 * lifted in forwarder and system modes: they follow, in libunbound's
 * order. test. (RFC 6761 6.2: not looked up "by default"), home.arpa.
 * (RFC 8375, the home network's own zone) and RFC 6303's locally served
 * reverse zones of private, shared (100.64/10), link-local, documentation
 * and unique-local addresses; the runs 16..31.172.in-addr.arpa. and
 * 64..127.100.in-addr.arpa. are made by lifted_zone(). */
static const char *const lifted_zones[] = {
    "home.arpa.", "test.",
    "10.in-addr.arpa.", "168.192.in-addr.arpa.", "0.in-addr.arpa.",
    "254.169.in-addr.arpa.", "2.0.192.in-addr.arpa.", "100.51.198.in-addr.arpa.",
    "113.0.203.in-addr.arpa.", "255.255.255.255.in-addr.arpa.",
    "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
    "d.f.ip6.arpa.", "8.e.f.ip6.arpa.", "9.e.f.ip6.arpa.", "a.e.f.ip6.arpa.",
    "b.e.f.ip6.arpa.", "8.b.d.0.1.0.0.2.ip6.arpa.",
};
#define N_FIXED_LIFTED_ZONES (sizeof lifted_zones / sizeof lifted_zones[0])
#define N_LIFTED_ZONES (N_FIXED_LIFTED_ZONES + 16 + 64)

/* The i-th lifted zone (i < N_LIFTED_ZONES), made in buf if need be. */
static const char *lifted_zone(size_t i, char *buf, size_t size)
{
    if (i < N_FIXED_LIFTED_ZONES)
        return lifted_zones[i];
    i -= N_FIXED_LIFTED_ZONES;
    if (i < 16)
        snprintf(buf, size, "%zu.172.in-addr.arpa.", 16 + i);
    else
        snprintf(buf, size, "%zu.100.in-addr.arpa.", 64 + i - 16);
    return buf;
}

/* Forwarder and system modes: the caller named the resolver that knows
 * their names, so names under the lifted zones go to it too: a company's
 * test., home.arpa. or 10.in-addr.arpa. names, which libunbound would
 * otherwise answer NXDOMAIN itself without asking (`dig @ADDR` finds
 * them). Each lifted zone becomes a "transparent" local zone with no data:
 * plain resolution, and a configured zone keeps libunbound from adding its
 * default ("nodefault" would say it directly, but libunbound 1.17's
 * ub_ctx_set_option() stores "ZONE nodefault" whole as the zone name, so
 * it never matches). Recursive mode keeps the defaults: there, the root
 * would only confirm that these names do not exist, or leak private
 * reverse lookups to the AS112 servers.
 *
 * DNSSEC: no name under these zones can be proven secure from the root
 * key. The root proves that test. does not exist, so a validator calls a
 * resolver's answer for a test. name bogus (SERVFAIL), and home.arpa. and
 * the AS112 zones are insecure delegations that a resolver serving them
 * locally often cannot prove. So each is also "domain-insecure": its names
 * are reported insecure, as they truly are, instead of bogus. A trust
 * anchor the caller adds at or below one of them (the lab's mxtls.test.)
 * is closer to the name and still wins: signed data there is validated,
 * secure or bogus. Measured on libunbound 1.17.1 forwarding to the lab's
 * nsd with the root key: without domain-insecure the MX of lab.home.arpa.
 * and of secure.mxtls.test. came back SERVFAIL, bogus ("no DNSKEY rrset
 * for trust anchor . while building chain of trust"); with it, both
 * NOERROR and insecure. With the lab's anchor for mxtls.test. as well,
 * secure.mxtls.test. stays secure and bogus.mxtls.test. bogus
 * (tests/test-resolve.c). */
static int lift_default_zones_for_mode(struct ub_ctx *ub, int *err)
{
    char zone[64], buf[128];
    for (size_t i = 0; i < N_LIFTED_ZONES; i++) {
        const char *z = lifted_zone(i, zone, sizeof zone);
        snprintf(buf, sizeof buf, "%s transparent", z);
        if (set_option(ub, "local-zone:", buf, err) != 0 ||
            set_option(ub, "domain-insecure:", z, err) != 0)
            return -1;
    }
    return 0;
}

static int configure_mode(mxtls_ctx *ctx, struct ub_ctx *ub)
{
    int err = 0;
    switch (ctx->resolver_mode) {
    case MXTLS_RESOLVER_FORWARDER:
        if ((err = ub_ctx_set_fwd(ub, ctx->forwarder)) != 0)
            return ub_fail(ctx, ub, "forwarder", err);
        break;
    case MXTLS_RESOLVER_RECURSIVE:
        /* libunbound's built-in root hints, unless a file is set; and its
         * default local zones, all of them */
        if (ctx->root_hints_file != NULL &&
            set_option(ub, "root-hints:", ctx->root_hints_file, &err) != 0)
            return ub_fail(ctx, ub, ctx->root_hints_file, err);
        return MXTLS_OK;
    default:
        if ((err = ub_ctx_resolvconf(ub, ctx->resolv_conf)) != 0)
            return ub_fail(ctx, ub, ctx->resolv_conf ? ctx->resolv_conf
                                                     : "/etc/resolv.conf", err);
    }
    if (lift_default_zones_for_mode(ub, &err) < 0)
        return ub_fail(ctx, ub, "local zones", err);
    return MXTLS_OK;
}

static int configure_stubs(mxtls_ctx *ctx, struct ub_ctx *ub)
{
    int err = 0;
    for (uint32_t i = 0; i < ctx->n_stub_zones; i++) {
        const struct mxtls__stub_zone *s = &ctx->stub_zones[i];
        if ((err = ub_ctx_set_stub(ub, s->zone, s->server, 0)) != 0)
            return ub_fail(ctx, ub, "stub zone", err);
        if (lift_default_zones(ub, s->zone, &err) < 0)
            return ub_fail(ctx, ub, "stub zone", err);
    }
    return MXTLS_OK;
}

static int configure_anchors(mxtls_ctx *ctx, struct ub_ctx *ub)
{
    int err = 0;
    if ((err = ub_ctx_add_ta_file(ub, ctx->trust_anchor_file)) != 0)
        return ub_fail(ctx, ub, ctx->trust_anchor_file, err);
    for (uint32_t i = 0; i < ctx->n_trust_anchors; i++)
        if ((err = ub_ctx_add_ta(ub, ctx->trust_anchors[i])) != 0)
            return ub_fail(ctx, ub, "trust anchor", err);
    return MXTLS_OK;
}

/* Under MXTLS_ADDR_PUBLIC_ONLY no query may go where the policy would not
 * connect: a referral whose glue says 127.0.0.66 or 10.1.2.3 would else
 * carry the checked name into the caller's own network. unbound checks its
 * do-not-query list for every server it selects, configured or learnt from
 * a referral, glue or an NS name's address, so every block that
 * mxtls__inet_scope() does not call public goes on it. Without the policy,
 * local resolvers (127.0.0.53, a lab on 127.x) are normal. */
static int configure_policy(mxtls_ctx *ctx, struct ub_ctx *ub)
{
    int err = 0;
    char cidr[64];
    if (ctx->address_policy != MXTLS_ADDR_PUBLIC_ONLY) {
        if (set_option(ub, "do-not-query-localhost:", "no", &err) != 0)
            return ub_fail(ctx, ub, "do-not-query-localhost", err);
        return MXTLS_OK;
    }
    if (set_option(ub, "do-not-query-localhost:", "yes", &err) != 0)
        return ub_fail(ctx, ub, "do-not-query-localhost", err);
    for (size_t i = 0; mxtls__inet_nonpublic_block(i, cidr, sizeof cidr) == 1; i++)
        if (set_option(ub, "do-not-query-address:", cidr, &err) != 0)
            return ub_fail(ctx, ub, "do-not-query-address", err);
    return MXTLS_OK;
}

static int configure(mxtls_ctx *ctx, struct ub_ctx *ub)
{
    int err = 0;
    int rc = configure_policy(ctx, ub);
    if (rc != MXTLS_OK)
        return rc;
    /* A check wants every answer in as few round trips as it can: QNAME
     * minimisation would cost one per label below a zone cut (two more for
     * _25._tcp.HOST), and fetching DNSKEYs as soon as a DS is seen saves
     * one on a cold cache. Neither matters in forwarder mode. */
    if (set_option(ub, "qname-minimisation:", "no", &err) != 0)
        return ub_fail(ctx, ub, "qname-minimisation", err);
    if (set_option(ub, "prefetch-key:", "yes", &err) != 0)
        return ub_fail(ctx, ub, "prefetch-key", err);
    /* libunbound logs errors (a bad trust-anchor file, an unreachable
     * server) to stderr; a library must not write on its caller's stderr.
     * What matters reaches the caller as a status and a detail string. */
    if (set_option(ub, "use-syslog:", "no", &err) != 0 ||
        set_option(ub, "logfile:", "/dev/null", &err) != 0)
        return ub_fail(ctx, ub, "logfile", err);
    /* A batch engine lets RESOLVE_TURNS (engine.c, 128) resolve jobs send
     * queries at once: usually 6 to 9 each, at most 51 (16 MX hosts).
     * libunbound serves 1024 queries at once by default and pushes older
     * ones out past that (jostling): a full engine timed out one check in
     * six. 8192 covers the worst case. Each query on the wire holds a UDP
     * socket; past outgoing-range sockets, queries wait for one rather than
     * fail. 256 sockets still send thousands of queries a second, and they
     * bound what libunbound takes from the caller's RLIMIT_NOFILE
     * (MXTLS_ENGINE_RESOLVER_FDS in engine.h), which the checks need. */
    if (set_option(ub, "num-queries-per-thread:", "8192", &err) != 0 ||
        set_option(ub, "outgoing-range:", "256", &err) != 0)
        return ub_fail(ctx, ub, "num-queries-per-thread", err);
    /* No RFC 8145 key-tag signalling query: one more packet per check. */
    if (set_option(ub, "trust-anchor-signaling:", "no", &err) != 0)
        return ub_fail(ctx, ub, "trust-anchor-signaling", err);
    /* The records of an RRset in the order the server sent them, not
     * rotated per answer: a report names a TLSA record by its place, and
     * two runs over the same zone must say the same. */
    if (set_option(ub, "rrset-roundrobin:", "no", &err) != 0)
        return ub_fail(ctx, ub, "rrset-roundrobin", err);
    /* Keep the reason a validation failed, for why_bogus. */
    if (set_option(ub, "val-log-level:", "2", &err) != 0)
        return ub_fail(ctx, ub, "val-log-level", err);
    /* MXTLS_DNS_TRANSPORT_TCP: every query over TCP. libunbound (since
     * 1.13) keeps such a stream open and sends the next queries to that
     * server down it, many at once: one connection instead of a socket
     * per query. */
    if (ctx->dns_transport == MXTLS_DNS_TRANSPORT_TCP &&
        set_option(ub, "tcp-upstream:", "yes", &err) != 0)
        return ub_fail(ctx, ub, "tcp-upstream", err);
    rc = configure_mode(ctx, ub);
    if (rc == MXTLS_OK)
        rc = configure_stubs(ctx, ub);
    if (rc == MXTLS_OK)
        rc = configure_anchors(ctx, ub);
    return rc;
}

/* A server the caller configured ("ADDR@PORT", or a resolv.conf line's
 * address) that the address policy refuses. unbound would skip it through
 * the do-not-query list and answer SERVFAIL for every name, which looks like
 * a broken domain; the caller gets MXTLS_EPOLICY and the reason instead.
 * Text that is no address (a zone id, junk) is refused too: fail closed. */
static int check_server(mxtls_ctx *ctx, const char *what, const char *server)
{
    char addr[64];
    uint8_t bytes[16];
    size_t n = strcspn(server, "@");
    if (ctx->address_policy != MXTLS_ADDR_PUBLIC_ONLY)
        return MXTLS_OK;
    if (n >= sizeof addr)
        n = sizeof addr - 1;
    memcpy(addr, server, n);
    addr[n] = '\0';
    int family = mxtls__inet_parse(addr, 0, bytes);
    int32_t scope = family ? mxtls__inet_scope(family, bytes) : MXTLS_SCOPE_RESERVED;
    if (family != 0 && mxtls__addr_policy_allows(ctx, scope))
        return MXTLS_OK;
    return mxtls__ctx_fail(ctx, MXTLS_EPOLICY,
                           "resolver: the %s %s is a %s address, which the address "
                           "policy PUBLIC_ONLY refuses: no DNS query may go there",
                           what, addr, family ? mxtls_scope_name(scope) : "non-public");
}

/* The nameserver lines of the resolv.conf the system mode reads. A file
 * that cannot be read is left for ub_ctx_resolvconf() to report. */
static int check_resolv_conf(mxtls_ctx *ctx)
{
    FILE *f = fopen(ctx->resolv_conf ? ctx->resolv_conf : "/etc/resolv.conf", "re");
    char line[512], addr[128];
    int rc = MXTLS_OK;
    while (f != NULL && rc == MXTLS_OK && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, " nameserver %127s", addr) == 1)
            rc = check_server(ctx, "system resolver", addr);
    if (f != NULL)
        fclose(f);
    return rc;
}

/* Every server the options name, before libunbound is built. */
static int check_servers(mxtls_ctx *ctx)
{
    int rc = MXTLS_OK;
    if (ctx->resolver_mode == MXTLS_RESOLVER_FORWARDER)
        rc = check_server(ctx, "forwarder", ctx->forwarder);
    else if (ctx->resolver_mode == MXTLS_RESOLVER_SYSTEM)
        rc = check_resolv_conf(ctx);
    for (uint32_t i = 0; rc == MXTLS_OK && i < ctx->n_stub_zones; i++)
        rc = check_server(ctx, "stub-zone server", ctx->stub_zones[i].server);
    return rc;
}

/* Creation holds the libunbound lock too: ub_ctx_create() sets up its
 * logging globals on first use without a lock (util/log.c log_init()). */
/* libunbound runs on mxtls's own loop (ub_loop.h): no thread of its own,
 * no pipe, and its sockets in the caller's poll set. */
static struct ub_ctx *create_ub(struct mxtls__ub_loop *loop)
{
    mxtls__ub_enter();
    struct ub_ctx *ub = ub_ctx_create_ub_event(mxtls__ub_loop_base(loop));
    mxtls__ub_leave();
    return ub;
}

/* See ub_guard.h for why every query holds the libunbound lock. */
int mxtls__resolver_send(struct ub_ctx *ub, const char *qname, int qtype, void *arg,
                         ub_event_callback_type cb, int *async_id)
{
    mxtls__ub_enter();
    int err = ub_resolve_event(ub, qname, qtype, 1, arg, cb, async_id);
    mxtls__ub_leave();
    return err;
}

void mxtls__resolver_cancel(struct ub_ctx *ub, int async_id)
{
    mxtls__ub_enter();
    (void)ub_cancel(ub, async_id);
    mxtls__ub_leave();
}

static void drop_ub(mxtls_ctx *ctx)
{
    if (ctx->ub != NULL) {
        mxtls__ub_enter();
        ub_ctx_delete(ctx->ub);        /* frees its events first */
        mxtls__ub_leave();
    }
    if (ctx->ub_loop != NULL)
        ctx->ub_loop->free(ctx->ub_loop);
    ctx->ub = NULL;
    ctx->ub_loop = NULL;
}

int mxtls__resolver_get(mxtls_ctx *ctx, struct ub_ctx **out)
{
    /* The engine's ub is driven by the engine's loop: a blocking lookup
     * beside it (mxtls_resolve_*() or mxtls_check() with the engine's
     * context) would drive its loop and take the answers its checks
     * wait for. Only the engine's own checks may use it. */
    if (ctx->engines > 0 && !mxtls__wait_is_installed())
        return mxtls__ctx_fail(ctx, MXTLS_ESTATE,
                               "the context has an engine attached: use it through the "
                               "engine until mxtls_engine_free(), or use another context");
    if (ctx->ub != NULL && ctx->ub_generation == ctx->resolver_generation) {
        *out = ctx->ub;
        return MXTLS_OK;
    }
    /* An engine built ub on the caller's stack before any fiber ran, and
     * its context's setters refuse: never (re)build here, on a fiber,
     * under the engine's queries in flight. */
    if (ctx->engines > 0 && ctx->ub != NULL)
        return mxtls__ctx_fail(ctx, MXTLS_ESTATE,
                               "resolver: the context's options changed under its engine");
    drop_ub(ctx);
    int rc = check_servers(ctx);
    if (rc != MXTLS_OK)
        return rc;
    struct mxtls__ub_loop *loop = mxtls__ub_loop_new();
    if (loop == NULL)
        return mxtls__ctx_fail(ctx, MXTLS_ENOMEM, "resolver: out of memory");
    struct mxtls__wait_source *source = mxtls__ub_loop_source(loop);
    struct ub_ctx *ub = create_ub(loop);
    if (ub == NULL) {
        source->free(source);
        return mxtls__ctx_fail(ctx, MXTLS_ERESOLVER, "resolver: ub_ctx_create failed");
    }
    mxtls__ub_enter();         /* libunbound's code runs: ub_guard.h */
    rc = configure(ctx, ub);   /* frees ub on failure */
    mxtls__ub_leave();
    if (rc != MXTLS_OK) {
        source->free(source);
        return rc;
    }
    ctx->ub = ub;
    ctx->ub_loop = source;
    ctx->ub_generation = ctx->resolver_generation;
    *out = ub;
    return MXTLS_OK;
}

int mxtls__resolver_wait(struct mxtls__wait_source *source, int64_t deadline,
                         const unsigned *progress)
{
    return mxtls__wait_resolver(source, deadline, progress);
}
