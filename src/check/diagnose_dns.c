/* Findings from what DNS said: the MX answer, each host's names and
 * addresses, DNSSEC, proxy ranges, and the MTA-STS policy. */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "diagnosis.h"
#include "mxtls/mxtls.h"

static long add(struct mxtls_diagnosis *c, int32_t code, int32_t severity, const char *host,
                const char *address, const char *evidence)
{
    struct mxtls__fact f = {.code = code, .severity = severity, .host = host,
                            .address = address, .evidence = evidence, .alert = -1};
    return mxtls__check_add(c, &f);
}

/* The domain-level answer. Returns 1 when nothing more can be learned. */
static int diagnose_answer(struct mxtls_diagnosis *c, const mxtls_resolve_result *res)
{
    const char *name = res->a_label;
    switch (res->outcome) {
    case MXTLS_DNS_NXDOMAIN:
        add(c, MXTLS_F_DNS_NXDOMAIN, 0, name, NULL, res->detail);
        return 1;
    case MXTLS_DNS_SERVFAIL:
    case MXTLS_DNS_ERROR:
        add(c, res->dnssec == MXTLS_DNSSEC_BOGUS ? MXTLS_F_DNS_DNSSEC_BOGUS : MXTLS_F_DNS_SERVFAIL,
            0, name, NULL, res->detail);
        return 1;
    case MXTLS_DNS_TIMEOUT:
        add(c, MXTLS_F_DNS_TIMEOUT, 0, name, NULL, res->detail);
        return 1;
    default:
        break;
    }
    if (res->null_mx) {
        add(c, MXTLS_F_DNS_NULL_MX, 0, name, NULL, res->detail);
        return 1;
    }
    return 0;
}

static int any_host_has_address(const mxtls_resolve_result *res)
{
    for (size_t i = 0; i < res->n_hosts; i++)
        if (res->hosts[i]->n_addresses > 0)
            return 1;
    return 0;
}

static int lookup_bogus(const mxtls_dns_lookup *l)
{
    return l != NULL && l->dnssec == MXTLS_DNSSEC_BOGUS;
}

static int outcome_is(const mxtls_dns_lookup *l, int32_t outcome)
{
    return l != NULL && l->outcome == outcome;
}

/* A host without an address: because DNS says so, or because DNS did not
 * answer? The second is not the zone's fault, and says so. */
static int32_t no_address_code(const mxtls_mx_host *h)
{
    if (outcome_is(h->a, MXTLS_DNS_TIMEOUT) || outcome_is(h->aaaa, MXTLS_DNS_TIMEOUT))
        return MXTLS_F_DNS_TIMEOUT;
    if (outcome_is(h->a, MXTLS_DNS_SERVFAIL) || outcome_is(h->aaaa, MXTLS_DNS_SERVFAIL) ||
        outcome_is(h->a, MXTLS_DNS_ERROR) || outcome_is(h->aaaa, MXTLS_DNS_ERROR))
        return MXTLS_F_DNS_SERVFAIL;
    return MXTLS_F_DNS_MX_NO_ADDRESS;
}

static void diagnose_addresses(struct mxtls_diagnosis *c, const mxtls_mx_host *h)
{
    long first_proxied = -1;
    for (size_t i = 0; i < h->n_addresses; i++) {
        const mxtls_address *a = h->addresses[i];
        if (a->proxy_provider == NULL)
            continue;
        long f = add(c, MXTLS_F_NET_PROXIED, 0, h->name, a->text, a->proxy_provider);
        if (first_proxied < 0)
            first_proxied = f;
        else
            mxtls__check_fold(c, f, first_proxied); /* one proxied host, one finding */
    }
}

static void diagnose_host(struct mxtls_diagnosis *c, const mxtls_resolve_result *res,
                          const mxtls_mx_host *h, int32_t no_address_severity)
{
    if (h->flags & MXTLS_MX_CNAME)
        add(c, MXTLS_F_DNS_MX_CNAME, 0, h->name, NULL, h->canonical_name);
    /* A submission target may well be an address; an MX target may not. */
    if ((h->flags & MXTLS_MX_IP_LITERAL) && c->profile == MXTLS_PROFILE_MX)
        add(c, MXTLS_F_DNS_MX_IP_LITERAL, 0, h->name, NULL, NULL);
    if (h->flags & MXTLS_MX_NON_LDH)
        add(c, MXTLS_F_DNS_MX_NON_LDH, 0, h->name, NULL,
            (h->flags & MXTLS_MX_CDN_ORIGIN) ? "the name matches a CDN's origin-record pattern"
                                             : NULL);
    if (lookup_bogus(h->a) || lookup_bogus(h->aaaa))
        add(c, MXTLS_F_DNS_DNSSEC_BOGUS, 0, h->name, NULL,
            lookup_bogus(h->a) ? h->a->detail : h->aaaa->detail);
    else if ((h->flags & MXTLS_MX_NO_ADDRESS) &&
             !(h->flags & (MXTLS_MX_IMPLICIT | MXTLS_MX_IP_LITERAL)) && res->mx != NULL)
        add(c, no_address_code(h), no_address_severity, h->name, NULL,
            h->a ? h->a->detail : NULL);
    if (lookup_bogus(h->tlsa_lookup))
        add(c, MXTLS_F_DANE_BOGUS, 0, h->name, NULL, h->tlsa_lookup->detail);
    diagnose_addresses(c, h);
}

/* No MX records: senders use the domain's own address, if it has one. */
static int diagnose_implicit_mx(struct mxtls_diagnosis *c, const mxtls_resolve_result *res)
{
    if (!res->implicit_mx)
        return 0;
    int usable = any_host_has_address(res);
    /* With an address, every sender delivers there (RFC 5321 5.1): the
     * catalogue's info; with none, nobody can. */
    add(c, MXTLS_F_DNS_NO_MX, usable ? 0 : MXTLS_SEVERITY_ERROR,
        res->a_label, NULL, res->detail);
    return !usable;
}

static int answer_failed(const mxtls_resolve_result *res)
{
    return res->outcome == MXTLS_DNS_TIMEOUT || res->outcome == MXTLS_DNS_SERVFAIL ||
           res->outcome == MXTLS_DNS_ERROR;
}

/* The resolver gave nothing usable about the domain: it was silent, or it
 * denies even the root and so its denial of the domain proves nothing. */
static int resolver_down(int32_t health, const mxtls_resolve_result *res)
{
    if (health == MXTLS_RESOLVER_HEALTH_SILENT)
        return answer_failed(res);
    if (health == MXTLS_RESOLVER_HEALTH_DENIES)
        return answer_failed(res) || res->outcome == MXTLS_DNS_NXDOMAIN ||
               res->outcome == MXTLS_DNS_NODATA;
    return 0;
}

/* Whether `--recursive` is the way out, as the resolve stage found it
 * (NULL: not known, the catalogue's words stand). */
static const char *recursion_advice(const struct mxtls_diagnosis *c,
                                    const mxtls_resolve_result *res, char *out, size_t size)
{
    int32_t recursion = res->struct_size >= sizeof *res ? res->recursion
                                                        : MXTLS_RECURSION_UNKNOWN;
    if (recursion == MXTLS_RECURSION_POSSIBLE)
        snprintf(out, size, "Or let mxtls resolve from the root itself, which works from "
                 "here (a root server answered): `mxtls-check --recursive %s%s`.",
                 c->profile == MXTLS_PROFILE_SUBMISSION ? "--submission " : "",
                 res->a_label ? res->a_label : "your-domain");
    else if (recursion == MXTLS_RECURSION_BLOCKED)
        snprintf(out, size, "Resolving from the root itself (`--recursive`) will not help "
                 "here: no root server answered from this network. Use a resolver "
                 "this network lets you reach, or run the check from another network.");
    else
        return NULL;
    return out;
}

/* Findings about the checker's own resolver, before any about the domain:
 * a resolver that strips DNSSEC (every DNSSEC state is then indeterminate,
 * never bogus), or one that answered neither the domain's query nor the
 * trust anchor's (or denies the root too), so the domain's failure is not
 * the domain's. Returns the index of that finding, or -1. */
static long diagnose_resolver(struct mxtls_diagnosis *c, const mxtls_resolve_result *res)
{
    int32_t health = res->struct_size >= sizeof *res ? res->resolver_health
                                                     : MXTLS_RESOLVER_HEALTH_UNKNOWN;
    int32_t code = resolver_down(health, res) ? MXTLS_F_ENV_RESOLVER_DOWN
                 : health == MXTLS_RESOLVER_HEALTH_NO_DNSSEC ||
                         health == MXTLS_RESOLVER_HEALTH_DENIES
                     ? MXTLS_F_ENV_RESOLVER_NO_DNSSEC
                     : 0;
    if (code == 0)
        return -1;
    long found = mxtls__check_find(c, code, NULL, NULL);
    if (found >= 0)
        return found;
    char recursion[300];
    struct mxtls__fact f = {.code = code, .evidence = res->resolver_detail, .alert = -1,
                            .recursion = recursion_advice(c, res, recursion, sizeof recursion)};
    return mxtls__check_add(c, &f);
}

/* The domain's TXT records senders read besides MX: a TLS-RPT record that
 * does not parse, and an STSv1 look-alike that senders discard before the
 * MTA-STS stage would ever see it ("v=STSv1" without its ';'). A record
 * that counts is judged by the MTA-STS stage itself. */
static void diagnose_txt_records(struct mxtls_diagnosis *c, const mxtls_resolve_result *res)
{
    const mxtls_tlsrpt_txt *rpt = res->tlsrpt;
    const mxtls_mta_sts_txt *sts = res->mta_sts;
    if (rpt != NULL && !rpt->valid && rpt->problem != NULL)
        add(c, MXTLS_F_DNS_TLSRPT_INVALID, 0, res->a_label, NULL, rpt->problem);
    if (sts != NULL && sts->n_sts_records == 0 && sts->problem != NULL)
        add(c, MXTLS_F_MTASTS_TXT_INVALID, 0, res->a_label, NULL, sts->problem);
}

int mxtls__diagnose_resolve(struct mxtls_diagnosis *c, const mxtls_resolve_result *res)
{
    long resolver = diagnose_resolver(c, res);
    /* Nothing was learnt about the domain: what the resolver said of it
     * (a timeout, NXDOMAIN from one that denies the root too) is no finding
     * about the domain, not even a symptom, only evidence in the details. */
    if (resolver >= 0 && c->findings.items[resolver]->code == MXTLS_F_ENV_RESOLVER_DOWN)
        return 1;
    if (diagnose_answer(c, res) || diagnose_implicit_mx(c, res))
        return 1;
    int32_t no_address = any_host_has_address(res) ? MXTLS_SEVERITY_WARNING
                                                   : MXTLS_SEVERITY_ERROR;
    for (size_t i = 0; i < res->n_hosts; i++)
        diagnose_host(c, res, res->hosts[i], no_address);
    diagnose_txt_records(c, res);
    if (res->mx == NULL && res->n_hosts > 0 && res->hosts[0]->n_addresses == 0 &&
        !lookup_bogus(res->hosts[0]->a)) /* mxtls_resolve_host(): no address */
        add(c, MXTLS_F_DNS_MX_NO_ADDRESS, MXTLS_SEVERITY_ERROR, res->hosts[0]->name, NULL,
            res->detail);
    return !any_host_has_address(res);
}

static int32_t mtasts_mismatch_severity(const mxtls_mtasts_result *sts)
{
    return sts->mode == MXTLS_MTASTS_MODE_ENFORCE ? MXTLS_SEVERITY_ERROR
                                                  : MXTLS_SEVERITY_WARNING;
}

void mxtls__diagnose_mtasts(struct mxtls_diagnosis *c, const mxtls_mtasts_result *sts,
                            const char *domain)
{
    if (sts == NULL) {
        add(c, MXTLS_F_MTASTS_TXT_MULTIPLE, 0, domain, NULL, NULL);
        return;
    }
    switch (sts->outcome) {
    case MXTLS_MTASTS_TXT_MULTIPLE:
        add(c, MXTLS_F_MTASTS_TXT_MULTIPLE, 0, domain, NULL, sts->detail);
        break;
    case MXTLS_MTASTS_FETCH_FAILED:
        add(c, MXTLS_F_MTASTS_FETCH_FAILED, 0, domain, NULL, sts->detail);
        break;
    case MXTLS_MTASTS_WEBPKI_INVALID:
        add(c, MXTLS_F_MTASTS_WEBPKI_INVALID, 0, domain, NULL, sts->detail);
        break;
    case MXTLS_MTASTS_TXT_INVALID:
        add(c, MXTLS_F_MTASTS_TXT_INVALID, 0, domain, NULL, sts->detail);
        break;
    case MXTLS_MTASTS_INVALID_POLICY:
        add(c, MXTLS_F_MTASTS_INVALID_POLICY, 0, domain, NULL, sts->detail);
        break;
    case MXTLS_MTASTS_POLICY:
        for (size_t i = 0; i < sts->n_unmatched; i++)
            add(c, MXTLS_F_MTASTS_MX_MISMATCH, mtasts_mismatch_severity(sts),
                sts->unmatched_mx[i], NULL, sts->detail);
        if (sts->mode == MXTLS_MTASTS_MODE_ENFORCE)
            add(c, MXTLS_F_MTASTS_ENFORCED, 0, domain, NULL, sts->detail);
        break;
    default:
        break;
    }
}

/* -4 or -6 left no address to probe: say so rather than report "no
 * problems" about nothing. */
void mxtls__diagnose_nothing_probed(struct mxtls_diagnosis *c)
{
    const mxtls_resolve_result *res = c->report->resolve;
    if (c->n_probes > 0 || c->opts.family == 0 || c->status != MXTLS_OK)
        return;
    char why[64];
    snprintf(why, sizeof why, "no IPv%d address (only IPv%d was asked for)",
             (int)c->opts.family, (int)c->opts.family);
    for (size_t i = 0; i < res->n_hosts; i++) {
        struct mxtls__fact f = {.code = MXTLS_F_DNS_MX_NO_ADDRESS, .host = res->hosts[i]->name,
                                .evidence = why, .alert = -1,
                                .severity = MXTLS_SEVERITY_ERROR};
        mxtls__check_add(c, &f);
    }
}

void mxtls__diagnose_mtasts_missing(struct mxtls_diagnosis *c)
{
    add(c, MXTLS_F_MTASTS_FETCH_FAILED, 0, c->report->resolve->a_label, NULL,
        "the domain publishes an MTA-STS record, but its policy was not checked "
        "(the MTA-STS stage gave no result)");
}

void mxtls__diagnose_deadline(struct mxtls_diagnosis *c, size_t not_run, const char *which)
{
    char evidence[768];
    snprintf(evidence, sizeof evidence, "stopped after %lld ms; %zu connection%s not made or "
             "cut short%s%s", (long long)(mxtls__now_ms() - c->started_ms), not_run,
             not_run == 1 ? "" : "s", which[0] ? ": " : "", which);
    add(c, MXTLS_F_CHECK_DEADLINE, 0, c->report->domain, NULL, evidence);
}
