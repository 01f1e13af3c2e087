/* The resolve stage's query state machine: see resolve_job.h.
 *
 * Round 1 asks MX, _mta-sts TXT and _smtp._tls TXT at once; each MX host
 * (or the implicit MX) then gets A, AAAA and TLSA at once. So a domain
 * costs two round trips however many hosts it has. Every answer is
 * hostile: counts are capped, lengths checked, and the caps recorded. */
#define _POSIX_C_SOURCE 200809L
#include "resolve_job.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unbound.h>
#include <unbound-event.h>

#include "address.h"
#include "alloc.h"
#include "clock.h"
#include "ctx.h"
#include "dns_answer.h"
#include "dnsname.h"
#include "inet.h"
#include "records.h"
#include "resolve_build.h"
#include "resolver.h"
#include "resolver_health.h"

#define MUT(p) ((void *)(uintptr_t)(p))
#define MAX_HOSTS MXTLS_RESOLVE_MAX_MX_HOSTS
#define MAX_ADDR MXTLS_RESOLVE_MAX_ADDRESSES
/* The anchor's DNSKEY, MX, 2 TXT, and A + AAAA + TLSA per host. */
#define MAX_QUERIES (4 + 3 * MAX_HOSTS)
/* MX records read from one answer before sorting; the rest are ignored. */
#define MAX_MX_READ 1024

enum { Q_MX, Q_STS, Q_RPT, Q_A, Q_AAAA, Q_TLSA, Q_ANCHOR };
enum { T_A = 1, T_MX = 15, T_TXT = 16, T_AAAA = 28, T_DNSKEY = 48, T_TLSA = 52 };

struct rquery {
    struct mxtls__rjob *job;
    int kind;
    size_t host;
    int async_id;
    int pending;
    mxtls_dns_lookup *lookup;    /* owned by the result, or by the job (TXT) */
    struct ub_result *parked;    /* a bogus answer held until the resolver's
                                    health is known (still pending) */
    int parked_err;
    /* The answer as libunbound delivered it, waiting to be taken
     * (mxtls__rjob_take): libunbound calls back from inside its own
     * processing, where no new query may be sent. */
    int arrived;
    struct ub_result *arrived_r;
    int arrived_err;
};

/* Addresses are kept per family until the end, so that the result lists
 * IPv4 then IPv6 whichever answer came first. */
struct rhost {
    mxtls_mx_host *h;            /* owned by job->hosts / the result */
    mxtls_address *v4[MAX_ADDR];
    mxtls_address *v6[MAX_ADDR];
    size_t n4, n6;
};

struct mxtls__rjob {
    mxtls_ctx *ctx;
    struct ub_ctx *ub;
    mxtls_resolve_result *res;
    mxtls_mx_host **hosts;       /* res->hosts, writable view */
    struct rhost rh[MAX_HOSTS];
    struct rquery q[MAX_QUERIES];
    size_t n_q;
    int n_pending;
    unsigned answers;            /* callbacks so far: the waiter's wake-up */
    unsigned n_arrived;          /* answers waiting to be taken */
    int status;                  /* first error met in a callback */
    int host_mode;               /* resolve_host rather than resolve_mx */
    int ip_family;               /* resolve_host of an IP literal */
    int mixed_null;              /* "MX 0 ." beside other MX records */
    uint16_t port;
    int64_t start, deadline;
    const mxtls_dns_lookup *sts_lk, *rpt_lk;   /* until their TXT set owns them */
    const mxtls_dns_lookup *anchor_lk;         /* the anchor's DNSKEY; the job's */
    int anchor_pending;          /* its answer has not come: bogus answers wait */
};

static void note(struct mxtls__rjob *job, int rc)
{
    if (rc != MXTLS_OK && job->status == MXTLS_OK)
        job->status = rc;
}

static void on_event(void *arg, int rcode, void *msg, int len, int sec, char *why_bogus,
                     int ratelimited);

static int send_query(struct mxtls__rjob *job, int kind, size_t host, const char *qname,
                      int qtype, const mxtls_dns_lookup **slot)
{
    if (job->n_q >= MAX_QUERIES)
        return MXTLS_EINTERNAL;
    mxtls_dns_lookup *lk = mxtls__lookup_new(qname, qtype);
    if (lk == NULL)
        return MXTLS_ENOMEM;
    *slot = lk;
    struct rquery *q = &job->q[job->n_q++];
    *q = (struct rquery){.job = job, .kind = kind, .host = host, .lookup = lk, .pending = 1};
    job->n_pending++;
    /* An answer from libunbound's cache or local zones comes back before
     * this returns; it waits in q like any other (on_event). */
    int err = mxtls__resolver_send(job->ub, qname, qtype, q, on_event, &q->async_id);
    if (err != 0) {
        q->pending = 0;
        job->n_pending--;
        lk->outcome = MXTLS_DNS_ERROR;
        mxtls__set_text(&lk->detail, "resolver error: %s", ub_strerror(err));
        if (err == UB_INITFAIL)        /* libunbound read its setup only now */
            return mxtls__ctx_fail(job->ctx, MXTLS_ERESOLVER, "resolver: libunbound could "
                                   "not start: check the trust-anchor file \"%s\" and the "
                                   "resolver options", job->ctx->trust_anchor_file);
        return mxtls__ctx_fail(job->ctx, MXTLS_ERESOLVER, "resolver: %s: %s", qname,
                               ub_strerror(err));
    }
    job->res->n_queries++;
    return MXTLS_OK;
}

static int add_host(struct mxtls__rjob *job, const char *name, int32_t pref, uint32_t flags)
{
    size_t i = job->res->n_hosts;
    mxtls_mx_host *h = mxtls__host_new(name, pref, flags);
    if (h == NULL)
        return MXTLS_ENOMEM;
    job->hosts[i] = h;
    job->rh[i].h = h;
    job->res->n_hosts = i + 1;
    return MXTLS_OK;
}

/* resolve_host of an IP literal: the address itself, no query. */
static int literal_address(struct mxtls__rjob *job, struct rhost *rh)
{
    uint8_t bytes[16];
    int fam = mxtls__inet_parse(rh->h->name, 0, bytes);
    mxtls_address *a = NULL;
    int rc = mxtls__address_new(job->ctx, fam, bytes, MXTLS_DNSSEC_NONE, &a);
    if (rc != MXTLS_OK)
        return rc;
    if (fam == 4)
        rh->v4[rh->n4++] = a;
    else
        rh->v6[rh->n6++] = a;
    return MXTLS_OK;
}

static int start_host(struct mxtls__rjob *job, size_t i)
{
    struct rhost *rh = &job->rh[i];
    mxtls_mx_host *h = rh->h;
    char tlsa[MXTLS__NAME_TEXT_MAX + 16];
    if (h->flags & MXTLS_MX_IP_LITERAL)
        return job->host_mode ? literal_address(job, rh) : MXTLS_OK;
    int rc = send_query(job, Q_A, i, h->name, T_A, &h->a);
    if (rc == MXTLS_OK)
        rc = send_query(job, Q_AAAA, i, h->name, T_AAAA, &h->aaaa);
    snprintf(tlsa, sizeof tlsa, "_%u._tcp.%s", (unsigned)job->port, h->name);
    if (rc != MXTLS_OK || strlen(tlsa) > MXTLS__NAME_MAX)
        return rc;                     /* no room for the TLSA owner name */
    if ((h->tlsa_name = mxtls__strdup(tlsa)) == NULL)
        return MXTLS_ENOMEM;
    return send_query(job, Q_TLSA, i, tlsa, T_TLSA, &h->tlsa_lookup);
}

static uint32_t name_flags(const char *name, uint32_t wire_flags)
{
    uint32_t f = 0;
    if ((wire_flags & MXTLS__NAME_NON_LDH) || !mxtls__name_is_ldh(name))
        f |= MXTLS_MX_NON_LDH;
    if (mxtls__name_is_cdn_origin(name))
        f |= MXTLS_MX_CDN_ORIGIN;
    if (mxtls__inet_parse(name, 0, NULL))
        f |= MXTLS_MX_IP_LITERAL;
    return f;
}

struct mx_cand {
    uint16_t pref;
    int index;
};

static int cand_cmp(const void *a, const void *b)
{
    const struct mx_cand *x = a, *y = b;
    if (x->pref != y->pref)
        return x->pref < y->pref ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;   /* stable */
}

static int already_kept(const struct mxtls__rjob *job, const char *name)
{
    for (size_t i = 0; i < job->res->n_hosts; i++)
        if (strcmp(job->hosts[i]->name, name) == 0)
            return 1;
    return 0;
}

/* One candidate MX record: parse it and keep it unless it is a duplicate,
 * the root, or over the host limit. */
static int take_mx_record(struct mxtls__rjob *job, const struct ub_result *r, int i)
{
    char name[MXTLS__NAME_TEXT_MAX];
    uint16_t pref;
    uint32_t wf = 0;
    if (r->len[i] < 0 || mxtls__mx_parse((const uint8_t *)r->data[i], (size_t)r->len[i],
                                         &pref, name, sizeof name, &wf) < 0)
        return MXTLS_OK;               /* malformed rdata: ignore it */
    if (wf & MXTLS__NAME_ROOT) {
        job->mixed_null = 1;           /* RFC 7505: only valid alone */
        return MXTLS_OK;
    }
    if (already_kept(job, name))
        return MXTLS_OK;
    if (job->res->n_hosts == MAX_HOSTS) {
        job->res->limits_hit |= MXTLS__LIMIT_BIT(MXTLS_LIMIT_MX_HOSTS);
        return MXTLS_OK;
    }
    return add_host(job, name, pref, name_flags(name, wf));
}

static int is_null_mx(const struct ub_result *r, int n)
{
    static const uint8_t null_mx[3] = {0, 0, 0};   /* preference 0, root */
    return n == 1 && r->len[0] == 3 && memcmp(r->data[0], null_mx, 3) == 0;
}

static int take_mx(struct mxtls__rjob *job, const struct ub_result *r)
{
    struct mx_cand *c = mxtls__calloc(MAX_MX_READ, sizeof *c);
    int n = 0, rc = MXTLS_OK;
    if (c == NULL)
        return MXTLS_ENOMEM;
    for (; r->data[n] && n < MAX_MX_READ; n++) {
        c[n].index = n;
        c[n].pref = r->len[n] >= 2 ? (uint16_t)(((uint8_t)r->data[n][0] << 8) |
                                                (uint8_t)r->data[n][1]) : 0;
    }
    if (r->data[n])
        job->res->limits_hit |= MXTLS__LIMIT_BIT(MXTLS_LIMIT_MX_HOSTS);
    if (is_null_mx(r, n))
        job->res->null_mx = 1;
    else {
        qsort(c, (size_t)n, sizeof *c, cand_cmp);
        for (int k = 0; k < n && rc == MXTLS_OK; k++)
            rc = take_mx_record(job, r, c[k].index);
    }
    mxtls__free(c);
    return rc;
}

static void on_mx(struct mxtls__rjob *job, const struct ub_result *r)
{
    const mxtls_dns_lookup *lk = job->res->mx;
    int rc = MXTLS_OK;
    if (lk->outcome == MXTLS_DNS_NODATA) {
        /* RFC 5321 5.1: no MX records, so the domain is its own mail host. */
        job->res->implicit_mx = 1;
        rc = add_host(job, job->res->a_label, -1,
                      MXTLS_MX_IMPLICIT | name_flags(job->res->a_label, 0));
    } else if (r->havedata) {
        rc = take_mx(job, r);          /* also for bogus data: it is evidence */
        /* The job owns the lookup it filled; the const is for callers. */
        if (job->res->limits_hit & MXTLS__LIMIT_BIT(MXTLS_LIMIT_MX_HOSTS))
            ((mxtls_dns_lookup *)lk)->limited = 1;
    }
    for (size_t i = 0; i < job->res->n_hosts && rc == MXTLS_OK; i++)
        rc = start_host(job, i);
    note(job, rc);
}

/* "mx.example.com." from libunbound against our "mx.example.com". */
static int same_name(const char *canon, const char *name)
{
    size_t n = strlen(name);
    return strncasecmp(canon, name, n) == 0 &&
           (canon[n] == '\0' || (canon[n] == '.' && canon[n + 1] == '\0'));
}

static int note_cname(mxtls_mx_host *h, const struct ub_result *r)
{
    if (r->canonname == NULL || same_name(r->canonname, h->name) || h->canonical_name)
        return MXTLS_OK;
    char canon[MXTLS__NAME_TEXT_MAX];
    size_t n = strnlen(r->canonname, sizeof canon - 1);
    memcpy(canon, r->canonname, n);
    canon[n] = '\0';
    if (n > 1 && canon[n - 1] == '.')
        canon[n - 1] = '\0';
    for (char *p = canon; *p; p++)
        *p = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
    h->flags |= MXTLS_MX_CNAME;
    h->canonical_name = mxtls__strdup(canon);
    return h->canonical_name ? MXTLS_OK : MXTLS_ENOMEM;
}

/* An address of a provider's own mail host (route1.mx.cloudflare.net) lies
 * in that provider's proxy ranges but is a real SMTP server: unflag it. */
static void unflag_provider_mail_host(const mxtls_mx_host *h, mxtls_address *a)
{
    const char *own = mxtls__provider_mail_host(h->name);
    if (own == NULL && h->canonical_name)
        own = mxtls__provider_mail_host(h->canonical_name);
    if (own == NULL || a->proxy_provider == NULL || strcmp(own, a->proxy_provider) != 0)
        return;
    mxtls__free(MUT(a->proxy_provider));
    a->proxy_provider = NULL;
}

static void on_addr(struct mxtls__rjob *job, struct rquery *q, const struct ub_result *r)
{
    struct rhost *rh = &job->rh[q->host];
    int v4 = q->kind == Q_A, rc = note_cname(rh->h, r);
    mxtls_address **slot = v4 ? rh->v4 : rh->v6;
    size_t *n = v4 ? &rh->n4 : &rh->n6, want = v4 ? 4 : 16;
    for (int i = 0; r->havedata && r->data[i] && rc == MXTLS_OK; i++) {
        uint8_t bytes[16] = {0};
        if (r->len[i] != (int)want)
            continue;                  /* malformed rdata */
        if (*n == MAX_ADDR) {
            q->lookup->limited = 1;
            rh->h->flags |= MXTLS_MX_LIMITED;
            job->res->limits_hit |= MXTLS__LIMIT_BIT(MXTLS_LIMIT_ADDRESSES);
            break;
        }
        memcpy(bytes, r->data[i], want);
        rc = mxtls__address_new(job->ctx, v4 ? 4 : 6, bytes, q->lookup->dnssec, &slot[*n]);
        if (rc == MXTLS_OK)
            unflag_provider_mail_host(rh->h, slot[(*n)++]);
    }
    note(job, rc);
}

static void on_tlsa(struct mxtls__rjob *job, struct rquery *q, const struct ub_result *r)
{
    mxtls_mx_host *h = job->rh[q->host].h;
    uint32_t hit = 0;
    if (!r->havedata)
        return;
    note(job, mxtls__host_take_tlsa(h, r, q->lookup->dnssec, &hit));
    if (hit) {
        q->lookup->limited = 1;
        h->flags |= MXTLS_MX_LIMITED;
        job->res->limits_hit |= hit;
    }
}

/* Turn a TXT answer (r may be NULL: none came) into the parsed record. */
static int make_txt(struct mxtls__rjob *job, int sts, const struct ub_result *r)
{
    const mxtls_dns_lookup **lk = sts ? &job->sts_lk : &job->rpt_lk;
    mxtls_dns_lookup *own = MUT(*lk);
    mxtls_txt_set *set = NULL;
    uint32_t hit = 0;
    int rc = mxtls__txt_set_new(own, r, &set, &hit);
    if (set == NULL)
        return rc;
    *lk = NULL;                        /* the set owns it now */
    int rc2 = sts ? mxtls__mta_sts_new(set, (mxtls_mta_sts_txt **)&job->res->mta_sts)
                  : mxtls__tlsrpt_new(set, (mxtls_tlsrpt_txt **)&job->res->tlsrpt, &hit);
    if (hit) {
        own->limited = 1;
        job->res->limits_hit |= hit;
    }
    return rc != MXTLS_OK ? rc : rc2;
}

/* Under PUBLIC_ONLY the resolver skips name servers at non-public
 * addresses (resolver.c), and a zone delegated only to such servers ends in
 * a SERVFAIL that unbound does not tell apart from a broken zone. Say so in
 * the detail, so that the finding does not blame the domain alone. */
static int policy_note(const struct mxtls__rjob *job, mxtls_dns_lookup *lk)
{
    if (job->ctx->address_policy != MXTLS_ADDR_PUBLIC_ONLY ||
        lk->outcome != MXTLS_DNS_SERVFAIL || lk->dnssec == MXTLS_DNSSEC_BOGUS)
        return MXTLS_OK;
    return mxtls__set_text(&lk->detail,
                           "SERVFAIL under the address policy PUBLIC_ONLY, which keeps the "
                           "resolver from querying name servers at non-public addresses: "
                           "the zone's servers may be such addresses, or may be down");
}

static void set_health(struct mxtls__rjob *job, int32_t health, const char *detail)
{
    job->res->resolver_health = health;
    note(job, mxtls__set_text(&job->res->resolver_detail, "%s", detail));
}

static void handle_answer(struct mxtls__rjob *job, struct rquery *q, int err,
                          struct ub_result *r);

/* The anchor's answer tells whether the resolver carries DNSSEC: learn it,
 * keep it in the context, then take the bogus answers that waited for it. */
static void learn_health(struct mxtls__rjob *job)
{
    char detail[MXTLS__DETAIL_SIZE];
    int32_t health = mxtls__resolver_health_of(job->anchor_lk);
    mxtls__resolver_health_describe(job->anchor_lk, health, detail, sizeof detail);
    job->anchor_pending = 0;
    set_health(job, health, detail);
    mxtls__resolver_health_keep(job->ctx, health, detail);
    for (size_t i = 0; i < job->n_q; i++) {
        struct rquery *q = &job->q[i];
        if (q->parked == NULL)
            continue;
        struct ub_result *r = q->parked;
        q->parked = NULL;
        handle_answer(job, q, q->parked_err, r);
    }
}

static void handle_answer(struct mxtls__rjob *job, struct rquery *q, int err,
                          struct ub_result *r)
{
    q->pending = 0;
    job->n_pending--;
    int no_dnssec = job->res->resolver_health == MXTLS_RESOLVER_HEALTH_NO_DNSSEC ||
                    job->res->resolver_health == MXTLS_RESOLVER_HEALTH_DENIES;
    note(job, mxtls__lookup_fill(q->lookup, err, r, mxtls__now_ms() - job->start, no_dnssec));
    note(job, policy_note(job, q->lookup));
    if (err == 0 && r != NULL) {
        switch (q->kind) {
        case Q_MX: on_mx(job, r); break;
        case Q_STS: note(job, make_txt(job, 1, r)); break;
        case Q_RPT: note(job, make_txt(job, 0, r)); break;
        case Q_A: case Q_AAAA: on_addr(job, q, r); break;
        case Q_TLSA: on_tlsa(job, q, r); break;
        default: break;
        }
    }
    mxtls__answer_free(r);
    if (q->kind == Q_ANCHOR)
        learn_health(job);
}

static void on_answer(void *arg, int err, struct ub_result *r)
{
    struct rquery *q = arg;
    struct mxtls__rjob *job = q->job;
    if (!q->pending) {                 /* cancelled: nothing waits for it */
        mxtls__answer_free(r);
        return;
    }
    /* A failed validation means a broken zone only if the resolver carries
     * DNSSEC: until the anchor's answer says so, the answer waits. */
    if (q->kind != Q_ANCHOR && job->anchor_pending && err == 0 && r != NULL && r->bogus) {
        q->parked = r;
        q->parked_err = err;
        return;
    }
    handle_answer(job, q, err, r);
}

/* libunbound's callback (ub_resolve_event): keep the answer in the query
 * until the job's owner takes it. The message is libunbound's, valid only
 * now: it is parsed into the job's own result here. */
static void on_event(void *arg, int rcode, void *msg, int len, int sec, char *why_bogus,
                     int ratelimited)
{
    (void)ratelimited;
    struct rquery *q = arg;
    struct ub_result *r = NULL;
    int err = mxtls__answer_new(msg, len > 0 ? (size_t)len : 0, rcode, sec, why_bogus, &r) == 0
                  ? 0 : UB_NOMEM;
    if (q->arrived || !q->pending) {   /* libunbound answers a query once */
        mxtls__answer_free(r);
        return;
    }
    q->arrived = 1;
    q->arrived_r = r;
    q->arrived_err = err;
    if (err != 0)
        note(q->job, MXTLS_ENOMEM);
    q->job->n_arrived++;
    q->job->answers++;
}

void mxtls__rjob_take(struct mxtls__rjob *job)
{
    /* An answer taken may send new queries (an MX host's addresses), and
     * their answers may be in already: go round until none waits. */
    while (job->n_arrived > 0) {
        for (size_t i = 0; i < job->n_q; i++) {
            struct rquery *q = &job->q[i];
            if (!q->arrived)
                continue;
            struct ub_result *r = q->arrived_r;
            q->arrived = 0;
            q->arrived_r = NULL;
            job->n_arrived--;
            on_answer(q, q->arrived_err, r);
        }
    }
}

/* Ask about the resolver itself, unless the context already knows. */
static int start_health(struct mxtls__rjob *job)
{
    const char *detail = NULL;
    char zone[MXTLS__NAME_TEXT_MAX];
    int32_t known = mxtls__resolver_health_cached(job->ctx, &detail);
    if (known != MXTLS_RESOLVER_HEALTH_UNKNOWN) {
        set_health(job, known, detail);
        return job->status;
    }
    if (mxtls__resolver_anchor_zone(job->ctx, zone, sizeof zone) != 0)
        return MXTLS_OK;
    job->anchor_pending = 1;
    int rc = send_query(job, Q_ANCHOR, 0, zone, T_DNSKEY, &job->anchor_lk);
    if (rc != MXTLS_OK)
        job->anchor_pending = 0;
    return rc;
}

static int start_mx(struct mxtls__rjob *job)
{
    char name[MXTLS__NAME_MAX + 16];
    const char *d = job->res->a_label;
    int rc = send_query(job, Q_MX, 0, d, T_MX, &job->res->mx);
    snprintf(name, sizeof name, "_mta-sts.%s", d);
    if (rc == MXTLS_OK && strlen(name) <= MXTLS__NAME_MAX)
        rc = send_query(job, Q_STS, 0, name, T_TXT, &job->sts_lk);
    snprintf(name, sizeof name, "_smtp._tls.%s", d);
    if (rc == MXTLS_OK && strlen(name) <= MXTLS__NAME_MAX)
        rc = send_query(job, Q_RPT, 0, name, T_TXT, &job->rpt_lk);
    return rc;
}

static int start_host_mode(struct mxtls__rjob *job)
{
    uint32_t f = job->ip_family ? MXTLS_MX_IP_LITERAL : name_flags(job->res->a_label, 0);
    int rc = add_host(job, job->res->a_label, -1, f);
    return rc == MXTLS_OK ? start_host(job, 0) : rc;
}

static void job_free(struct mxtls__rjob *job)
{
    for (size_t i = 0; i < MAX_HOSTS; i++) {
        for (size_t k = 0; k < job->rh[i].n4; k++)
            mxtls_address_free(job->rh[i].v4[k]);
        for (size_t k = 0; k < job->rh[i].n6; k++)
            mxtls_address_free(job->rh[i].v6[k]);
    }
    for (size_t i = 0; i < job->n_q; i++) {
        mxtls__answer_free(job->q[i].parked);
        mxtls__answer_free(job->q[i].arrived_r);
    }
    mxtls__lookup_free(MUT(job->sts_lk));
    mxtls__lookup_free(MUT(job->rpt_lk));
    mxtls__lookup_free(MUT(job->anchor_lk));
    mxtls_resolve_result_free(job->res);
    mxtls__free(job);
}

int mxtls__rjob_start(mxtls_ctx *ctx, const char *query, const char *a_label,
                      uint16_t port, int ip_family, struct mxtls__rjob **out)
{
    struct ub_ctx *ub = NULL;
    int rc = ip_family ? MXTLS_OK : mxtls__resolver_get(ctx, &ub);
    if (rc != MXTLS_OK)
        return rc;
    struct mxtls__rjob *job = mxtls__calloc(1, sizeof *job);
    if (job == NULL)
        return MXTLS_ENOMEM;
    job->ctx = ctx;
    job->ub = ub;
    job->host_mode = port != 0;
    job->ip_family = ip_family;
    job->port = port ? port : 25;
    job->start = mxtls__now_ms();
    job->deadline = mxtls__deadline_after(ctx->timeout_ms[MXTLS_STAGE_RESOLVE]);
    job->res = mxtls__result_new(query, a_label, job->port);
    job->hosts = mxtls__calloc(MAX_HOSTS, sizeof *job->hosts);
    if (job->res == NULL || job->hosts == NULL) {
        mxtls__free(job->hosts);
        job_free(job);
        return MXTLS_ENOMEM;
    }
    job->res->hosts = (const mxtls_mx_host *const *)job->hosts;
    rc = ub != NULL ? start_health(job) : MXTLS_OK;
    if (rc == MXTLS_OK)
        rc = job->host_mode ? start_host_mode(job) : start_mx(job);
    if (rc != MXTLS_OK) {
        mxtls__rjob_expire(job);
        job_free(job);
        return rc;
    }
    *out = job;
    return MXTLS_OK;
}

int mxtls__rjob_done(const struct mxtls__rjob *job)
{
    return job->n_pending == 0;
}

int64_t mxtls__rjob_deadline(const struct mxtls__rjob *job)
{
    return job->deadline;
}

const unsigned *mxtls__rjob_progress(const struct mxtls__rjob *job)
{
    return &job->answers;
}

struct mxtls__wait_source *mxtls__rjob_source(const struct mxtls__rjob *job)
{
    return job->ctx->ub_loop;
}

void mxtls__rjob_expire(struct mxtls__rjob *job)
{
    mxtls__rjob_take(job);            /* what came in time counts */
    int64_t elapsed = mxtls__now_ms() - job->start;
    if (job->anchor_pending) {
        /* No word from the resolver about itself: the answers that waited
         * for it are taken as they came (their queries are done). */
        for (size_t i = 0; i < job->n_q; i++)
            if (job->q[i].kind == Q_ANCHOR && job->q[i].pending) {
                mxtls__resolver_cancel(job->ub, job->q[i].async_id);
                job->q[i].pending = 0;
                job->n_pending--;
                mxtls_dns_lookup *lk = job->q[i].lookup;
                lk->elapsed_ms = elapsed;
                mxtls__set_text(&lk->detail, "no answer within %" PRId64 " ms", elapsed);
            }
        learn_health(job);
    }
    for (size_t i = 0; i < job->n_q; i++) {
        struct rquery *q = &job->q[i];
        if (!q->pending)
            continue;
        /* After ub_cancel libunbound drops the answer: no callback comes. */
        mxtls__resolver_cancel(job->ub, q->async_id);
        q->pending = 0;
        q->lookup->elapsed_ms = elapsed;
        mxtls__set_text(&q->lookup->detail, "no answer within %" PRId64 " ms", elapsed);
        job->n_pending--;
    }
}

static int merge_addresses(struct mxtls__rjob *job)
{
    int rc = MXTLS_OK;
    for (size_t i = 0; i < job->res->n_hosts; i++) {
        struct rhost *rh = &job->rh[i];
        mxtls_address *all[2 * MAX_ADDR];
        size_t n = 0;
        for (size_t k = 0; k < rh->n4; k++)
            all[n++] = rh->v4[k];
        for (size_t k = 0; k < rh->n6; k++)
            all[n++] = rh->v6[k];
        rh->n4 = rh->n6 = 0;           /* moved to the host below */
        int r = mxtls__host_set_addresses(rh->h, all, n);
        rc = rc != MXTLS_OK ? rc : r;
        if (n == 0)
            rh->h->flags |= MXTLS_MX_NO_ADDRESS;
    }
    return rc;
}

/* Worse outcomes win when combining A and AAAA with no address found. */
static int outcome_rank(int32_t o)
{
    static const int rank[] = {0, 2, 1, 4, 5, 3, 6};  /* by MXTLS_DNS_* value */
    return (o >= 0 && o <= MXTLS_DNS_SKIPPED) ? rank[o] : 7;
}

static int dnssec_rank(int32_t d)
{
    switch (d) {
    case MXTLS_DNSSEC_SECURE: return 3;
    case MXTLS_DNSSEC_INSECURE: return 2;
    case MXTLS_DNSSEC_NONE: return 1;
    default: return 0;                 /* bogus */
    }
}

static void host_outcome(mxtls_resolve_result *res, const mxtls_mx_host *h)
{
    const mxtls_dns_lookup *a = h->a, *aaaa = h->aaaa;
    if (a == NULL || aaaa == NULL) {   /* an IP literal: nothing asked */
        res->outcome = MXTLS_DNS_NOERROR;
        res->dnssec = MXTLS_DNSSEC_NONE;
        return;
    }
    res->outcome = outcome_rank(a->outcome) >= outcome_rank(aaaa->outcome)
                 ? a->outcome : aaaa->outcome;
    if (h->n_addresses > 0)
        res->outcome = MXTLS_DNS_NOERROR;
    res->dnssec = dnssec_rank(a->dnssec) <= dnssec_rank(aaaa->dnssec) ? a->dnssec
                                                                       : aaaa->dnssec;
}

static size_t hosts_with_addresses(const mxtls_resolve_result *res)
{
    size_t n = 0;
    for (size_t i = 0; i < res->n_hosts; i++)
        n += res->hosts[i]->n_addresses > 0;
    return n;
}

static int host_detail(mxtls_resolve_result *res)
{
    const mxtls_mx_host *h = res->hosts[0];
    if (h->a == NULL)
        return mxtls__set_text(&res->detail, "%s is an IP address; nothing to look up",
                               h->name);
    return mxtls__set_text(&res->detail, "%s: %zu address%s (A: %s; AAAA: %s); DNSSEC %s",
                           h->name, h->n_addresses, h->n_addresses == 1 ? "" : "es",
                           h->a->detail, h->aaaa->detail, mxtls_dnssec_name(res->dnssec));
}

static int mx_detail(const struct mxtls__rjob *job, mxtls_resolve_result *res)
{
    const mxtls_dns_lookup *mx = res->mx;
    const char *d = res->a_label;
    switch (res->outcome) {
    case MXTLS_DNS_NXDOMAIN:
        if (res->resolver_health == MXTLS_RESOLVER_HEALTH_DENIES)
            return mxtls__set_text(&res->detail, "NXDOMAIN for %s, from a resolver that says "
                                   "the same of the trust anchor's zone: no evidence", d);
        return mxtls__set_text(&res->detail, "%s does not exist (NXDOMAIN)", d);
    case MXTLS_DNS_NODATA:
        return mxtls__set_text(&res->detail, "%s has no MX records: its own address is its "
                               "mail host (implicit MX), %zu address%s found", d,
                               res->n_hosts ? res->hosts[0]->n_addresses : 0,
                               res->n_hosts && res->hosts[0]->n_addresses == 1 ? "" : "es");
    case MXTLS_DNS_NOERROR:
        break;
    default:
        return mxtls__set_text(&res->detail, "the MX query for %s failed: %s", d, mx->detail);
    }
    if (res->null_mx)
        return mxtls__set_text(&res->detail, "%s has a null MX (\"MX 0 .\"): it accepts no "
                               "mail (RFC 7505)", d);
    return mxtls__set_text(&res->detail, "%s: %zu MX host%s, %zu with addresses; MX records "
                           "DNSSEC %s%s", d, res->n_hosts, res->n_hosts == 1 ? "" : "s",
                           hosts_with_addresses(res), mxtls_dnssec_name(res->dnssec),
                           job->mixed_null ? "; a null MX beside other MX records was "
                                             "ignored" : "");
}

static int complete(struct mxtls__rjob *job)
{
    mxtls_resolve_result *res = job->res;
    int rc = merge_addresses(job);
    if (!job->host_mode && rc == MXTLS_OK && job->sts_lk)
        rc = make_txt(job, 1, NULL);   /* no answer came: an empty set */
    if (!job->host_mode && rc == MXTLS_OK && job->rpt_lk)
        rc = make_txt(job, 0, NULL);
    if (rc != MXTLS_OK)
        return rc;
    if (job->host_mode) {
        host_outcome(res, res->hosts[0]);
        rc = host_detail(res);
    } else {
        res->outcome = res->mx->outcome;
        res->dnssec = res->mx->dnssec;
        rc = mx_detail(job, res);
    }
    res->elapsed_ms = mxtls__now_ms() - job->start;
    return rc;
}

int mxtls__rjob_finish(struct mxtls__rjob *job, mxtls_resolve_result **out)
{
    if (job->n_pending > 0)
        mxtls__rjob_expire(job);
    int rc = job->status;
    if (rc == MXTLS_OK)
        rc = complete(job);
    if (rc == MXTLS_OK) {
        *out = job->res;
        job->res = NULL;
    }
    job_free(job);
    return rc;
}
