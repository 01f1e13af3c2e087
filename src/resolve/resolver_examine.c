/* When the resolver is no good for DNSSEC: does it validate itself, and
 * would resolving from the root work from here? See resolver_examine.h. */
#define _POSIX_C_SOURCE 200809L
#include "resolver_examine.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "buffer.h"
#include "clock.h"
#include "ctx.h"
#include "dns_probe.h"
#include "records.h"
#include "inet.h"
#include "resolve_build.h"
#include "resolver_health.h"

#define PROBE_MS 800    /* per question: the resolver answered at once before */
#define ROOT_TRIES 2    /* root servers asked, IPv4 first */
#define T_NS 2
#define T_DNSKEY 48

/* The probes ask as the resolver does: over TCP when the context says so
 * (a network that filters UDP port 53 would else make them look silent). */
static int over_tcp(const mxtls_ctx *ctx)
{
    return ctx->dns_transport == MXTLS_DNS_TRANSPORT_TCP;
}

/* zone ("mxtls.test." or ".") is stub (lower case, no final dot) or below it. */
static int under(const char *zone, const char *stub)
{
    size_t z = strlen(zone), s = strlen(stub);
    if (z > 0 && zone[z - 1] == '.')
        z--;
    if (s > z)
        return 0;
    return strncasecmp(zone + z - s, stub, s) == 0 && (s == z || zone[z - s - 1] == '.');
}

/* The first nameserver of the resolv.conf the system mode reads. */
static int first_nameserver(const mxtls_ctx *ctx, char *out, size_t size)
{
    FILE *f = fopen(ctx->resolv_conf ? ctx->resolv_conf : "/etc/resolv.conf", "re");
    char line[512], addr[128];
    int rc = -1;
    for (int n = 0; f != NULL && rc != 0 && n < 200 && fgets(line, sizeof line, f); n++)
        if (sscanf(line, " nameserver %127s", addr) == 1)
            rc = mxtls__parse_server(addr, out, size);
    if (f != NULL)
        fclose(f);
    return rc;
}

/* The server the anchor's queries went to: the stub zone's that holds the
 * anchor's zone, else the forwarder, else resolv.conf's first. */
static int anchor_server(const mxtls_ctx *ctx, const char *zone, char *out, size_t size)
{
    size_t best = 0;
    int found = -1;
    for (uint32_t i = 0; i < ctx->n_stub_zones; i++) {
        const struct mxtls__stub_zone *s = &ctx->stub_zones[i];
        if (under(zone, s->zone) && (found < 0 || strlen(s->zone) > best)) {
            best = strlen(s->zone);
            found = (int)i;
        }
    }
    if (found >= 0) {
        mxtls__format_into(out, size, "%s", ctx->stub_zones[found].server);
        return 0;
    }
    if (ctx->resolver_mode == MXTLS_RESOLVER_FORWARDER) {
        mxtls__format_into(out, size, "%s", ctx->forwarder);
        return 0;
    }
    return first_nameserver(ctx, out, size);
}

/* Does the resolver set the AD bit on the anchor's keys? 1, 0, -1. */
static int32_t validates(const mxtls_ctx *ctx, char *note, size_t size)
{
    char zone[MXTLS__NAME_TEXT_MAX], server[96];
    struct mxtls__dns_reply reply;
    if (mxtls__resolver_anchor_zone(ctx, zone, sizeof zone) != 0 ||
        anchor_server(ctx, zone, server, sizeof server) != 0 ||
        mxtls__dns_ask(server, zone, T_DNSKEY, 1, over_tcp(ctx),
                       mxtls__deadline_after(PROBE_MS), &reply) != 0)
        return -1;
    if (reply.ad)
        mxtls__format_into(note, size, "it validates itself (AD bit set) but passes no "
                                        "usable signatures on");
    else
        mxtls__format_into(note, size, "it does not validate (no AD bit)%s",
                           reply.rrsigs == 0 ? " and sends no signatures" : "");
    return reply.ad ? 1 : 0;
}

/* The A (family 4) or AAAA (6) records of the root-hints file that the
 * policy allows, as "ADDR@53", appended to out[*n..ROOT_TRIES). */
static void root_servers_of(const mxtls_ctx *ctx, FILE *f, int family,
                            char out[ROOT_TRIES][72], size_t *n)
{
    char line[512], type[8], addr[64];
    rewind(f);
    for (int lines = 0; *n < ROOT_TRIES && lines < 1000 && fgets(line, sizeof line, f);
         lines++) {
        uint8_t bytes[16];
        if (line[0] == ';' || sscanf(line, "%*s %*s %7s %63s", type, addr) != 2 ||
            strcmp(type, family == 4 ? "A" : "AAAA") != 0 ||
            mxtls__inet_parse(addr, 0, bytes) != family ||
            !mxtls__addr_policy_allows(ctx, mxtls__inet_scope(family, bytes)))
            continue;
        mxtls__format_into(out[(*n)++], 72, "%s@53", addr);
    }
}

/* Up to ROOT_TRIES root-server addresses, IPv4 first. */
static size_t root_servers(const mxtls_ctx *ctx, char out[ROOT_TRIES][72])
{
    const char *path = ctx->root_hints_file ? ctx->root_hints_file : MXTLS__DEFAULT_ROOT_HINTS;
    FILE *f = fopen(path, "re");
    size_t n = 0;
    if (f == NULL)
        return 0;
    root_servers_of(ctx, f, 4, out, &n);
    root_servers_of(ctx, f, 6, out, &n);
    fclose(f);
    return n;
}

/* Does a root server answer ". NS" (no recursion) from here? */
static int32_t recursion(const mxtls_ctx *ctx, char *note, size_t size)
{
    char servers[ROOT_TRIES][72];
    size_t n = root_servers(ctx, servers);
    struct mxtls__dns_reply reply;
    for (size_t i = 0; i < n; i++)
        if (mxtls__dns_ask(servers[i], ".", T_NS, 0, over_tcp(ctx),
                           mxtls__deadline_after(PROBE_MS), &reply) == 0 &&
            reply.rcode == 0) {
            mxtls__format_into(note, size,
                               "a root server (%.*s) answers from here, so --recursive works",
                               (int)strcspn(servers[i], "@"), servers[i]);
            return MXTLS_RECURSION_POSSIBLE;
        }
    if (n == 0)
        return MXTLS_RECURSION_UNKNOWN;
    mxtls__format_into(note, size,
                       "no root server answered from here (%zu asked), so --recursive will "
                       "not work on this network",
                       n);
    return MXTLS_RECURSION_BLOCKED;
}

static void learn(mxtls_ctx *ctx)
{
    char ad_note[MXTLS__DETAIL_SIZE] = "", root_note[MXTLS__DETAIL_SIZE] = "";
    ctx->exam_validates = validates(ctx, ad_note, sizeof ad_note);
    ctx->exam_recursion = ctx->resolver_mode == MXTLS_RESOLVER_RECURSIVE
                              ? MXTLS_RECURSION_UNKNOWN
                              : recursion(ctx, root_note, sizeof root_note);
    mxtls__format_into(ctx->exam_note, sizeof ctx->exam_note, "%s%s%s", ad_note,
                       *ad_note && *root_note ? "; " : "", root_note);
}

int mxtls__resolver_examine(mxtls_ctx *ctx, mxtls_resolve_result *res)
{
    if (res->resolver_health != MXTLS_RESOLVER_HEALTH_NO_DNSSEC &&
        res->resolver_health != MXTLS_RESOLVER_HEALTH_DENIES)
        return MXTLS_OK;
    if (ctx->exam_generation != ctx->ub_generation + 1) {
        /* Claimed before the first wait: the engine's other checks on this
         * context go on without the answer (not learnt) instead of asking
         * the same questions at once. */
        ctx->exam_generation = ctx->ub_generation + 1;
        ctx->exam_validates = -1;
        ctx->exam_recursion = MXTLS_RECURSION_UNKNOWN;
        ctx->exam_note[0] = '\0';
        learn(ctx);
    }
    res->resolver_validates = ctx->exam_validates;
    res->recursion = ctx->exam_recursion;
    if (ctx->exam_note[0] == '\0')
        return MXTLS_OK;
    char detail[2 * MXTLS__DETAIL_SIZE];
    mxtls__format_into(detail, sizeof detail, "%s; %s", res->resolver_detail, ctx->exam_note);
    return mxtls__set_text(&res->resolver_detail, "%s", detail);
}
