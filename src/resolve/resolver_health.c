/* What the resolver showed of itself: see resolver_health.h. */
#define _POSIX_C_SOURCE 200809L
#include "resolver_health.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "buffer.h"
#include "ctx.h"
#include "mxtls/resolve.h"

/* The owner of one zone-file line: the first field, when it is a domain
 * name. Comments, blank lines, $ directives and continuation lines (which
 * start with a blank) have none. */
static int owner_of(const char *line, char *out, size_t size)
{
    size_t n = 0;
    if (*line == ';' || *line == '$' || isspace((unsigned char)*line) || *line == '\0')
        return -1;
    while (line[n] != '\0' && !isspace((unsigned char)line[n])) {
        unsigned char c = (unsigned char)line[n];
        if (!(isalnum(c) || c == '.' || c == '-' || c == '_') || n + 1 >= size)
            return -1;
        out[n] = (char)c;
        n++;
    }
    out[n] = '\0';
    return 0;
}

int mxtls__resolver_anchor_zone(const mxtls_ctx *ctx, char *out, size_t size)
{
    if (ctx->n_trust_anchors > 0)
        return owner_of(ctx->trust_anchors[0], out, size);
    FILE *f = fopen(ctx->trust_anchor_file, "re");
    if (f == NULL)
        return -1;
    char line[1024];
    int rc = -1;
    /* A bounded read: an anchor file is a few lines; a huge one is not ours
     * to scan through. */
    for (int lines = 0; rc != 0 && lines < 200 && fgets(line, sizeof line, f) != NULL; lines++)
        rc = owner_of(line, out, size);
    fclose(f);
    return rc;
}

int32_t mxtls__resolver_health_of(const mxtls_dns_lookup *anchor)
{
    /* The root, or the zone a key is configured for, exists: a resolver
     * that denies it denies what exists. */
    if (anchor->rcode == 3)
        return MXTLS_RESOLVER_HEALTH_DENIES;
    if (anchor->dnssec == MXTLS_DNSSEC_SECURE && anchor->outcome == MXTLS_DNS_NOERROR)
        return MXTLS_RESOLVER_HEALTH_DNSSEC;
    if (anchor->dnssec == MXTLS_DNSSEC_BOGUS)
        return MXTLS_RESOLVER_HEALTH_NO_DNSSEC;
    if (anchor->outcome == MXTLS_DNS_TIMEOUT || anchor->outcome == MXTLS_DNS_SERVFAIL ||
        anchor->outcome == MXTLS_DNS_ERROR)
        return MXTLS_RESOLVER_HEALTH_SILENT;
    /* An insecure or denied answer for a zone we hold a key for: no verdict
     * on the resolver from this alone. */
    return MXTLS_RESOLVER_HEALTH_UNKNOWN;
}

void mxtls__resolver_health_describe(const mxtls_dns_lookup *anchor, int32_t health,
                                     char *out, size_t size)
{
    switch (health) {
    case MXTLS_RESOLVER_HEALTH_DNSSEC:
        mxtls__format_into(out, size, "%s DNSKEY: validated (DNSSEC secure)", anchor->qname);
        break;
    case MXTLS_RESOLVER_HEALTH_NO_DNSSEC:
        mxtls__format_into(out, size, "%s DNSKEY: the resolver's answer does not validate: %s",
                           anchor->qname,
                           anchor->why_bogus ? anchor->why_bogus : "no reason given");
        break;
    case MXTLS_RESOLVER_HEALTH_DENIES:
        mxtls__format_into(out, size,
                           "%s DNSKEY: the resolver says %s does not exist (NXDOMAIN)",
                           anchor->qname,
                           strcmp(anchor->qname, ".") == 0 ? "the DNS root" : "the zone");
        break;
    case MXTLS_RESOLVER_HEALTH_SILENT:
        mxtls__format_into(out, size, "%s DNSKEY: %s", anchor->qname, anchor->detail);
        break;
    default:
        mxtls__format_into(out, size, "%s DNSKEY: %s, DNSSEC %s", anchor->qname,
                           anchor->detail, mxtls_dnssec_name(anchor->dnssec));
        break;
    }
}

int32_t mxtls__resolver_health_cached(const mxtls_ctx *ctx, const char **detail)
{
    if (ctx->resolver_health == MXTLS_RESOLVER_HEALTH_UNKNOWN ||
        ctx->health_generation != ctx->ub_generation)
        return MXTLS_RESOLVER_HEALTH_UNKNOWN;
    *detail = ctx->health_detail;
    return ctx->resolver_health;
}

void mxtls__resolver_health_keep(mxtls_ctx *ctx, int32_t health, const char *detail)
{
    /* A silent resolver may come back: only what it proved is kept. */
    if (health != MXTLS_RESOLVER_HEALTH_DNSSEC && health != MXTLS_RESOLVER_HEALTH_NO_DNSSEC &&
        health != MXTLS_RESOLVER_HEALTH_DENIES)
        return;
    ctx->resolver_health = health;
    ctx->health_generation = ctx->ub_generation;
    mxtls__format_into(ctx->health_detail, sizeof ctx->health_detail, "%s", detail);
}
