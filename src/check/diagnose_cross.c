/* Findings no single probe can show: one address family failing where the
 * other works, no port-25 connect answering here or at the reference hosts,
 * different certificates behind one name; and folding the repeats and
 * symptoms under the finding that explains them. */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "diagnosis.h"
#include "mxtls/mxtls.h"

#define EGRESS_OTHER_PORTS 2
#define EGRESS_MAX_ADDRESSES 2

static int is_primary(const mxtls_probe *p)
{
    return p->purpose == MXTLS_PROBE_PRIMARY;
}

static int family_of(const mxtls_probe *p)
{
    return strchr(p->address, ':') ? 6 : 4;
}

static int connected(const mxtls_probe *p)
{
    return p->connect != NULL && p->connect->failure == MXTLS_CONN_OK;
}

static int tcp_timed_out(const mxtls_probe *p)
{
    return p->connect != NULL && p->connect->failure == MXTLS_CONN_TIMEOUT &&
           p->connect->failure_phase == MXTLS_PHASE_TCP;
}

/* Fold every finding about (host, address) under root. */
static void fold_address(struct mxtls_diagnosis *c, const char *host, const char *address,
                         long root, int32_t min_code, int32_t max_code)
{
    for (size_t i = 0; i < c->findings.count; i++) {
        const mxtls_finding *f = c->findings.items[i];
        if ((long)i == root || f->code < min_code || f->code > max_code)
            continue;
        if (f->address && strcmp(f->address, address) == 0 &&
            (host == NULL || (f->host && strcmp(f->host, host) == 0)))
            mxtls__check_fold(c, (long)i, root);
    }
}

/* ------------------------------------------------------------------------
 * One address family broken
 * ------------------------------------------------------------------------ */

struct family_tally {
    int tried[7], worked[7];
};

static void family_mismatch_at(struct mxtls_diagnosis *c, int32_t host_index, int32_t port)
{
    struct family_tally t = {{0}, {0}};
    const mxtls_probe *any = NULL;
    for (size_t i = 0; i < c->n_probes; i++) {
        const mxtls_probe *p = c->probes[i];
        if (!is_primary(p) || p->host_index != host_index || p->port != port ||
            p->status != MXTLS_OK)
            continue;
        t.tried[family_of(p)]++;
        t.worked[family_of(p)] += connected(p);
        any = p;
    }
    int broken = 0;
    if (t.tried[4] && t.tried[6] && t.worked[4] && !t.worked[6])
        broken = 6;
    else if (t.tried[4] && t.tried[6] && t.worked[6] && !t.worked[4])
        broken = 4;
    if (!broken)
        return;
    struct mxtls__fact f = {.code = MXTLS_F_NET_FAMILY_MISMATCH, .host = any->host,
                            .port = port, .alert = -1,
                            .evidence = broken == 6 ? "IPv6 fails while IPv4 works"
                                                    : "IPv4 fails while IPv6 works"};
    long root = mxtls__check_add(c, &f);
    for (size_t i = 0; i < c->n_probes; i++) {
        const mxtls_probe *p = c->probes[i];
        if (is_primary(p) && p->host_index == host_index && family_of(p) == broken)
            fold_address(c, p->host, p->address, root, MXTLS_F_NET_PROXIED,
                         MXTLS_F_SMTP_SLOW_BANNER);
    }
}

static void family_mismatches(struct mxtls_diagnosis *c)
{
    for (size_t i = 0; i < c->n_probes; i++) {
        const mxtls_probe *p = c->probes[i];
        if (!is_primary(p) || !strchr(p->address, ':'))
            continue;
        /* Once per host and port: at its first IPv6 probe. */
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = is_primary(c->probes[j]) && c->probes[j]->host_index == p->host_index &&
                   c->probes[j]->port == p->port && strchr(c->probes[j]->address, ':');
        if (!seen && mxtls__check_find(c, MXTLS_F_NET_FAMILY_MISMATCH, p->host, NULL) < 0)
            family_mismatch_at(c, p->host_index, p->port);
    }
}

/* ------------------------------------------------------------------------
 * Outgoing port 25 blocked where this check runs
 * ------------------------------------------------------------------------ */

/* The TCP connect failed: it timed out, or a reset came back (from the
 * host, or from a firewall that rejects on its behalf). */
static int tcp_failed(const mxtls_probe *p)
{
    return p->connect != NULL && p->connect->failure_phase == MXTLS_PHASE_TCP &&
           (p->connect->failure == MXTLS_CONN_TIMEOUT ||
            p->connect->failure == MXTLS_CONN_REFUSED);
}

/* No MX address answered on port 25: every primary probe is a port-25
 * connect that failed in TCP. */
static int no_mx_answers_on_25(const struct mxtls_diagnosis *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_probes; i++) {
        const mxtls_probe *p = c->probes[i];
        if (!is_primary(p))
            continue;
        if (p->port != 25 || !tcp_failed(p))
            return 0;
        n++;
    }
    return n > 0;
}

/* Does the address answer on another port? Refused counts: the host's
 * reset came back, so the path is open. */
static int answers_elsewhere(struct mxtls_diagnosis *c, const mxtls_probe *p)
{
    static const int32_t ports[EGRESS_OTHER_PORTS] = {587, 443};
    const mxtls_resolve_result *res = c->report->resolve;
    if (res == NULL || p->host_index < 0 || (size_t)p->host_index >= res->n_hosts)
        return 0;
    const mxtls_mx_host *h = res->hosts[p->host_index];
    for (size_t i = 0; i < EGRESS_OTHER_PORTS; i++) {
        struct mxtls__probe_spec spec = {
            .purpose = MXTLS_PROBE_OTHER_PORT, .host = h, .host_name = p->host,
            .address = h->addresses[p->address_index], .host_index = p->host_index,
            .address_index = p->address_index, .port = ports[i], .mode = MXTLS_MODE_PLAIN,
        };
        const mxtls_probe *o = mxtls__follow_up(c, &spec);
        if (o == NULL)
            return 0;
        if (o->connect && !tcp_timed_out(o) && o->connect->failure != MXTLS_CONN_UNREACHABLE)
            return 1;
    }
    return 0;
}

/* Port 25 of the MX hosts failed. A guess from that alone would blame the
 * network for a dead domain, so it is confirmed on the reference hosts
 * (mail hosts known to listen on 25, which the driver tries): only when
 * they fail too is the block here, and the finding is about the checker's
 * environment. When one answers, or there is none to try, the MX hosts'
 * own findings stand. The other ports of the MX addresses add evidence. */
static void egress_blocked(struct mxtls_diagnosis *c)
{
    if (c->profile != MXTLS_PROFILE_MX || !no_mx_answers_on_25(c))
        return;
    int answered = 0;
    size_t n_primary = c->cross_base, tried = 0;
    for (size_t i = 0; i < n_primary && !answered && tried < EGRESS_MAX_ADDRESSES; i++) {
        if (!is_primary(c->probes[i]))
            continue;
        tried++;
        answered = answers_elsewhere(c, c->probes[i]);
    }
    const char *seen = "";
    if (mxtls__ask_egress(c, &seen) != MXTLS__EGRESS_BLOCKED)
        return;
    char evidence[MXTLS__EGRESS_SEEN_SIZE + 160];
    snprintf(evidence, sizeof evidence,
             "no MX host answered on port 25, nor did the reference hosts (%s)%s", seen,
             answered ? "; port 587 or 443 of the MX addresses answered" : "");
    struct mxtls__fact f = {.code = MXTLS_F_NET_EGRESS_BLOCKED, .port = 25, .alert = -1,
                            .evidence = evidence};
    long root = mxtls__check_add(c, &f);
    for (size_t i = 0; i < c->findings.count; i++) {
        int32_t code = c->findings.items[i]->code;
        if (code == MXTLS_F_NET_TIMEOUT || code == MXTLS_F_NET_REFUSED)
            mxtls__check_fold(c, (long)i, root);
    }
}

/* ------------------------------------------------------------------------
 * Different certificates behind one name
 * ------------------------------------------------------------------------ */

static int cert_good(const mxtls_verify_result *v)
{
    return (v->flags & MXTLS_VERIFY_TRUSTED) && !(v->flags & MXTLS_VERIFY_NAME_MISMATCH);
}

static void inconsistent_at(struct mxtls_diagnosis *c, const mxtls_probe *first)
{
    int good = 0, bad = 0, differ = 0;
    for (size_t i = 0; i < c->n_probes; i++) {
        const mxtls_probe *p = c->probes[i];
        if (!is_primary(p) || p->verify == NULL || p->host_index != first->host_index ||
            p->port != first->port)
            continue;
        good += cert_good(p->verify);
        bad += !cert_good(p->verify);
        if (p->verify->n_certs && first->verify->n_certs &&
            memcmp(p->verify->certs[0]->sha256, first->verify->certs[0]->sha256, 32))
            differ = 1;
    }
    if (!differ || !good || !bad)
        return;
    struct mxtls__fact f = {.code = MXTLS_F_CERT_INCONSISTENT, .host = first->host,
                            .port = first->port, .alert = -1,
                            .evidence = "addresses of this host serve different certificates; "
                                        "some verify and some do not"};
    long root = mxtls__check_add(c, &f);
    for (size_t i = 0; i < c->n_probes; i++) {
        const mxtls_probe *p = c->probes[i];
        if (is_primary(p) && p->verify && p->host_index == first->host_index &&
            !cert_good(p->verify))
            fold_address(c, p->host, p->address, root, MXTLS_F_CERT_SELF_SIGNED,
                         MXTLS_F_CERT_WEAK_SIGNATURE);
    }
}

static void inconsistent_certificates(struct mxtls_diagnosis *c)
{
    for (size_t i = 0; i < c->n_probes; i++) {
        const mxtls_probe *p = c->probes[i];
        if (!is_primary(p) || p->verify == NULL)
            continue;
        int first = 1;
        for (size_t j = 0; j < i && first; j++)
            first = !(is_primary(c->probes[j]) && c->probes[j]->verify &&
                      c->probes[j]->host_index == p->host_index &&
                      c->probes[j]->port == p->port);
        if (first)
            inconsistent_at(c, p);
    }
}

/* ------------------------------------------------------------------------
 * Folding repeats, and the submission profile's second port
 * ------------------------------------------------------------------------ */

static int same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* The same finding about the same host on another address is one finding. */
static void fold_repeats(struct mxtls_diagnosis *c)
{
    for (size_t i = 0; i < c->findings.count; i++) {
        const mxtls_finding *f = c->findings.items[i];
        if (c->root_of[i] >= 0)
            continue;
        for (size_t j = 0; j < i; j++) {
            const mxtls_finding *g = c->findings.items[j];
            if (c->root_of[j] < 0 && g->code == f->code && same_text(g->host, f->host) &&
                g->port == f->port) {
                mxtls__check_fold(c, (long)i, (long)j);
                break;
            }
        }
    }
}

/* Gmail's Send-As needs one working port: when one works, the other's
 * errors are warnings. */
static void relax_second_port(struct mxtls_diagnosis *c)
{
    if (c->profile != MXTLS_PROFILE_SUBMISSION || c->opts.port != 0)
        return;
    int32_t good_port = 0;
    for (size_t i = 0; i < c->n_probes && !good_port; i++) {
        const mxtls_probe *p = c->probes[i];
        if (is_primary(p) && p->verify && cert_good(p->verify))
            good_port = p->port;
    }
    if (!good_port)
        return;
    for (size_t i = 0; i < c->findings.count; i++) {
        mxtls_finding *f = c->findings.items[i];
        if (f->port != 0 && f->port != good_port && f->severity == MXTLS_SEVERITY_ERROR)
            f->severity = MXTLS_SEVERITY_WARNING;
    }
}

/* A proxy that does not carry SMTP explains whatever the connection did. */
static void fold_under_proxies(struct mxtls_diagnosis *c)
{
    for (size_t i = 0; i < c->findings.count; i++) {
        const mxtls_finding *f = c->findings.items[i];
        if (f->code == MXTLS_F_NET_PROXIED && f->address != NULL)
            fold_address(c, NULL, f->address, (long)i, MXTLS_F_NET_REFUSED,
                         MXTLS_F_TLS_HANDSHAKE_FAILED);
    }
}

/* With no CA in the checker's store (env.ca-store-empty), the MTA-STS
 * policy host's certificate cannot verify either: curl's verification
 * fails (webpki-invalid), or curl refuses the missing or empty CA file
 * itself (CURLE_SSL_CACERT_BADFILE, 77: a fetch failure). Both are the
 * environment's doing, not the domain's. */
static void fold_under_environment(struct mxtls_diagnosis *c)
{
    long root = mxtls__check_find(c, MXTLS_F_ENV_CA_STORE_EMPTY, NULL, NULL);
    const mxtls_mtasts_result *sts = c->report->mtasts;
    if (root < 0)
        return;
    for (size_t i = 0; i < c->findings.count; i++) {
        int32_t code = c->findings.items[i]->code;
        if (code == MXTLS_F_MTASTS_WEBPKI_INVALID ||
            (code == MXTLS_F_MTASTS_FETCH_FAILED && sts != NULL && sts->curl_error == 77))
            mxtls__check_fold(c, (long)i, root);
    }
}

/* In this order; egress_blocked asks for follow-ups (other ports) and the
 * reference probe, so its pass may run more than once, and whatever runs
 * before it must not. */
static void (*const cross_rules[])(struct mxtls_diagnosis *) = {
    fold_under_proxies, family_mismatches, egress_blocked, inconsistent_certificates,
    fold_repeats, relax_second_port, fold_under_environment,
};

int mxtls__diagnose_cross_step(struct mxtls_diagnosis *c, size_t step)
{
    size_t n = sizeof cross_rules / sizeof cross_rules[0];
    if (step >= n)
        return 0;
    cross_rules[step](c);
    return step + 1 < n;
}
