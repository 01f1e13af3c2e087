/* Result pieces of the resolve stage: see resolve_build.h. */
#define _POSIX_C_SOURCE 200809L
#include "resolve_build.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unbound.h>

#include "alloc.h"
#include "buffer.h"
#include "records.h"

/* Public members are const views; the builder owns and frees them. */
#define MUT(p) ((void *)(uintptr_t)(p))

int mxtls__set_text(const char **slot, const char *fmt, ...)
{
    char buf[MXTLS__LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    mxtls__vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *copy = mxtls__strdup(buf);
    if (copy == NULL)
        return MXTLS_ENOMEM;
    mxtls__free(MUT(*slot));
    *slot = copy;
    return MXTLS_OK;
}

mxtls_dns_lookup *mxtls__lookup_new(const char *qname, int qtype)
{
    mxtls_dns_lookup *lk = mxtls__calloc(1, sizeof *lk);
    if (lk == NULL)
        return NULL;
    lk->struct_size = sizeof *lk;
    lk->qtype = qtype;
    lk->outcome = MXTLS_DNS_TIMEOUT;
    lk->rcode = -1;
    lk->dnssec = MXTLS_DNSSEC_NONE;
    lk->qname = mxtls__strdup(qname);
    if (lk->qname == NULL ||
        mxtls__set_text(&lk->detail, "no answer before the deadline") != MXTLS_OK) {
        mxtls__lookup_free(lk);
        return NULL;
    }
    return lk;
}

void mxtls__lookup_free(mxtls_dns_lookup *lk)
{
    if (lk == NULL)
        return;
    mxtls__free(MUT(lk->qname));
    mxtls__free(MUT(lk->why_bogus));
    mxtls__free(MUT(lk->detail));
    mxtls__free(lk);
}

static int32_t outcome_of(const struct ub_result *r, int no_dnssec)
{
    if (r->bogus && !no_dnssec)
        return MXTLS_DNS_SERVFAIL;   /* what a validating resolver tells a sender */
    if (r->bogus && r->havedata)
        return MXTLS_DNS_NOERROR;    /* libunbound says SERVFAIL over the data */
    switch (r->rcode) {
    case 0: return r->havedata ? MXTLS_DNS_NOERROR : MXTLS_DNS_NODATA;
    case 2: return MXTLS_DNS_SERVFAIL;
    case 3: return MXTLS_DNS_NXDOMAIN;
    default: return MXTLS_DNS_ERROR;
    }
}

static int count_records(const struct ub_result *r)
{
    int n = 0;
    /* libunbound caps an RRset far below this; the bound is for safety. */
    while (r->havedata && r->data && r->data[n] && n < 65535)
        n++;
    return n;
}

/* libunbound's reason strings are printable text, but not promised to be
 * UTF-8: keep printable ASCII only, bounded. */
static char *clean_copy(const char *s)
{
    char buf[400];
    size_t o = 0;
    for (; s && *s && o + 1 < sizeof buf; s++)
        buf[o++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
    buf[o] = '\0';
    return mxtls__strdup(buf);
}

int mxtls__lookup_fill(mxtls_dns_lookup *lk, int err, const struct ub_result *r,
                       int64_t elapsed_ms, int no_dnssec)
{
    lk->elapsed_ms = elapsed_ms;
    if (err != 0 || r == NULL) {
        lk->outcome = MXTLS_DNS_ERROR;
        return mxtls__set_text(&lk->detail, "resolver error: %s", ub_strerror(err));
    }
    lk->rcode = r->rcode;
    lk->n_records = count_records(r);
    lk->dnssec = r->secure ? MXTLS_DNSSEC_SECURE
               : r->bogus ? MXTLS_DNSSEC_BOGUS : MXTLS_DNSSEC_INSECURE;
    lk->outcome = outcome_of(r, no_dnssec);
    if (r->bogus && no_dnssec) {
        /* The resolver strips DNSSEC: a failed validation says nothing of
         * the zone, so the answer is used as unsigned data, marked unknown. */
        lk->dnssec = MXTLS_DNSSEC_INDETERMINATE;
        const char *what = lk->outcome == MXTLS_DNS_NOERROR ? "NOERROR" :
                           mxtls_dns_outcome_name(lk->outcome);
        return mxtls__set_text(&lk->detail, "%s, %d record%s; DNSSEC unknown: the resolver "
                               "strips it", what, lk->n_records, lk->n_records == 1 ? "" : "s");
    }
    if (r->bogus) {
        lk->why_bogus = clean_copy(r->why_bogus ? r->why_bogus : "no reason given");
        if (lk->why_bogus == NULL)
            return MXTLS_ENOMEM;
        return mxtls__set_text(&lk->detail, "DNSSEC validation failed: %s", lk->why_bogus);
    }
    if (lk->outcome == MXTLS_DNS_NOERROR)
        return mxtls__set_text(&lk->detail, "NOERROR, %d record%s", lk->n_records,
                               lk->n_records == 1 ? "" : "s");
    if (lk->outcome == MXTLS_DNS_ERROR)
        return mxtls__set_text(&lk->detail, "rcode %d", r->rcode);
    return mxtls__set_text(&lk->detail, "%s", mxtls_dns_outcome_name(lk->outcome));
}

mxtls_mx_host *mxtls__host_new(const char *name, int32_t preference, uint32_t flags)
{
    mxtls_mx_host *h = mxtls__calloc(1, sizeof *h);
    if (h == NULL)
        return NULL;
    h->struct_size = sizeof *h;
    h->preference = preference;
    h->flags = flags;
    if ((h->name = mxtls__strdup(name)) == NULL) {
        mxtls__free(h);
        return NULL;
    }
    return h;
}

static void tlsa_free(mxtls_tlsa *t)
{
    if (t == NULL)
        return;
    mxtls__free(MUT(t->data));
    mxtls__free(MUT(t->data_hex));
    mxtls__free(t);
}

void mxtls__host_free(mxtls_mx_host *h)
{
    if (h == NULL)
        return;
    for (size_t i = 0; i < h->n_addresses; i++)
        mxtls_address_free(MUT(h->addresses[i]));
    mxtls__free(MUT(h->addresses));
    for (size_t i = 0; i < h->n_tlsa; i++)
        tlsa_free(MUT(h->tlsa[i]));
    mxtls__free(MUT(h->tlsa));
    mxtls__lookup_free(MUT(h->a));
    mxtls__lookup_free(MUT(h->aaaa));
    mxtls__lookup_free(MUT(h->tlsa_lookup));
    mxtls__free(MUT(h->name));
    mxtls__free(MUT(h->canonical_name));
    mxtls__free(MUT(h->tlsa_name));
    mxtls__free(h);
}

static mxtls_tlsa *tlsa_new(const mxtls__tlsa_fields *f, int32_t dnssec)
{
    mxtls_tlsa *t = mxtls__calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->struct_size = sizeof *t;
    t->usage = f->usage;
    t->selector = f->selector;
    t->matching_type = f->matching_type;
    t->dnssec = dnssec;
    t->data_len = f->data_len;
    uint8_t *data = mxtls__malloc(f->data_len);
    char *hex = mxtls__malloc(2 * f->data_len + 1);
    t->data = data;
    t->data_hex = hex;
    if (data == NULL || hex == NULL) {
        tlsa_free(t);
        return NULL;
    }
    memcpy(data, f->data, f->data_len);
    mxtls__hex(f->data, f->data_len, hex, 2 * f->data_len + 1);
    return t;
}

int mxtls__host_take_tlsa(mxtls_mx_host *h, const struct ub_result *r, int32_t dnssec,
                          uint32_t *hit)
{
    int n = count_records(r);
    size_t keep = 0;
    mxtls_tlsa **arr = mxtls__calloc(MXTLS_RESOLVE_MAX_TLSA, sizeof *arr);
    if (arr == NULL)
        return MXTLS_ENOMEM;
    h->tlsa = (const mxtls_tlsa *const *)arr;
    for (int i = 0; i < n; i++) {
        mxtls__tlsa_fields f;
        if (r->len[i] < 0 ||
            mxtls__tlsa_parse((const uint8_t *)r->data[i], (size_t)r->len[i], &f) < 0)
            continue;                      /* malformed rdata: skip it */
        if (f.data_len > MXTLS_RESOLVE_MAX_TLSA_DATA) {
            *hit |= MXTLS__LIMIT_BIT(MXTLS_LIMIT_TLSA_DATA);
            continue;
        }
        if (keep == MXTLS_RESOLVE_MAX_TLSA) {
            *hit |= MXTLS__LIMIT_BIT(MXTLS_LIMIT_TLSA);
            continue;
        }
        if ((arr[keep] = tlsa_new(&f, dnssec)) == NULL)
            return MXTLS_ENOMEM;
        h->n_tlsa = ++keep;
    }
    return MXTLS_OK;
}

int mxtls__host_set_addresses(mxtls_mx_host *h, mxtls_address **addrs, size_t n)
{
    mxtls_address **arr = mxtls__calloc(n ? n : 1, sizeof *arr);
    if (arr == NULL) {
        for (size_t i = 0; i < n; i++)
            mxtls_address_free(addrs[i]);
        return MXTLS_ENOMEM;
    }
    memcpy(arr, addrs, n * sizeof *arr);
    h->addresses = (const mxtls_address *const *)arr;
    h->n_addresses = n;
    return MXTLS_OK;
}

static void txt_set_free(mxtls_txt_set *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_records; i++)
        mxtls__free(MUT(s->records[i]));
    mxtls__free(MUT(s->records));
    mxtls__lookup_free(MUT(s->lookup));
    mxtls__free(s);
}

/* Join one TXT record into text; NULL with *limited when it is too long. */
static char *txt_text(const struct ub_result *r, int i, uint32_t *hit, int *nomem)
{
    /* Escaping may quadruple the text; size for the worst case. */
    static const size_t cap = 4 * MXTLS_RESOLVE_MAX_TXT_BYTES + 1;
    size_t raw = 0;
    char *buf = mxtls__malloc(cap);
    if (buf == NULL) {
        *nomem = 1;
        return NULL;
    }
    if (r->len[i] < 0 ||
        mxtls__txt_join((const uint8_t *)r->data[i], (size_t)r->len[i], buf, cap, &raw) < 0 ||
        raw > MXTLS_RESOLVE_MAX_TXT_BYTES) {
        *hit |= MXTLS__LIMIT_BIT(MXTLS_LIMIT_TXT_BYTES);   /* too long (or malformed) */
        mxtls__free(buf);
        return NULL;
    }
    char *text = mxtls__strdup(buf);
    mxtls__free(buf);
    *nomem = text == NULL;
    return text;
}

int mxtls__txt_set_new(mxtls_dns_lookup *lk, const struct ub_result *r,
                       mxtls_txt_set **out, uint32_t *hit)
{
    mxtls_txt_set *s = mxtls__calloc(1, sizeof *s);
    char **arr = mxtls__calloc(MXTLS_RESOLVE_MAX_TXT_RECORDS, sizeof *arr);
    if (s == NULL || arr == NULL) {
        mxtls__free(s);
        mxtls__free(arr);
        return MXTLS_ENOMEM;
    }
    s->struct_size = sizeof *s;
    s->records = (const char *const *)arr;
    s->lookup = lk;
    *out = s;
    int n = r ? count_records(r) : 0, nomem = 0;
    for (int i = 0; i < n && !nomem; i++) {
        if (s->n_records == MXTLS_RESOLVE_MAX_TXT_RECORDS) {
            *hit |= MXTLS__LIMIT_BIT(MXTLS_LIMIT_TXT_RECORDS);
            break;
        }
        char *text = txt_text(r, i, hit, &nomem);
        if (text != NULL)
            arr[s->n_records++] = text;
    }
    return nomem ? MXTLS_ENOMEM : MXTLS_OK;
}

/* What broke the record set, for people, or NULL when it is fine. */
static char *txt_problem(int count, int valid, const char *tag, const char *why,
                         const char *bad)
{
    char text[512];
    if (count > 1)
        mxtls__format_into(text, sizeof text, "%d TXT records begin \"%s;\": senders "
                           "treat more than one as none", count, tag);
    else if (valid || why == NULL)
        return NULL;
    else if (bad[0])
        mxtls__format_into(text, sizeof text, "\"%s\": %s", bad, why);
    else
        mxtls__format_into(text, sizeof text, "%s", why);
    return mxtls__strdup(text);
}

int mxtls__mta_sts_new(mxtls_txt_set *txt, mxtls_mta_sts_txt **out)
{
    mxtls_mta_sts_txt *s = mxtls__calloc(1, sizeof *s);
    if (s == NULL) {
        txt_set_free(txt);
        return MXTLS_ENOMEM;
    }
    s->struct_size = sizeof *s;
    s->txt = txt;
    *out = s;
    mxtls__sts_txt first;
    s->n_sts_records = mxtls__sts_txt_judge(txt->records, txt->n_records, &first);
    if (s->n_sts_records > 0 && ((s->version = mxtls__strdup("STSv1")) == NULL ||
                                 (first.valid && (s->id = mxtls__strdup(first.id)) == NULL)))
        return MXTLS_ENOMEM;
    s->valid = s->n_sts_records == 1 && first.valid;
    s->problem = txt_problem(s->n_sts_records, s->valid, "v=STSv1", first.why, first.bad);
    if (s->problem == NULL && !s->valid && first.why != NULL)
        return MXTLS_ENOMEM;
    return MXTLS_OK;
}

static int take_rua(mxtls_tlsrpt_txt *t, const char *text)
{
    mxtls__span spans[MXTLS_RESOLVE_MAX_RUA];
    mxtls__tlsrpt_txt p;
    mxtls__tlsrpt_txt_parse(text, strlen(text), spans, MXTLS_RESOLVE_MAX_RUA, &p);
    char **arr = mxtls__calloc(p.n_rua ? p.n_rua : 1, sizeof *arr);
    if (arr == NULL)
        return MXTLS_ENOMEM;
    t->rua = (const char *const *)arr;
    for (size_t i = 0; i < p.n_rua; i++) {
        if ((arr[i] = mxtls__strndup(text + spans[i].off, spans[i].len)) == NULL)
            return MXTLS_ENOMEM;
        t->n_rua = i + 1;
    }
    return p.n_rua_seen > p.n_rua ? 1 : 0;
}

int mxtls__tlsrpt_new(mxtls_txt_set *txt, mxtls_tlsrpt_txt **out, uint32_t *hit)
{
    mxtls_tlsrpt_txt *t = mxtls__calloc(1, sizeof *t);
    if (t == NULL) {
        txt_set_free(txt);
        return MXTLS_ENOMEM;
    }
    t->struct_size = sizeof *t;
    t->txt = txt;
    *out = t;
    mxtls__tlsrpt_txt first;
    t->n_tlsrpt_records = mxtls__tlsrpt_txt_judge(txt->records, txt->n_records, &first);
    for (size_t i = 0; t->n_tlsrpt_records > 0 && i < txt->n_records; i++) {
        mxtls__tlsrpt_txt p;
        const char *text = txt->records[i];
        mxtls__tlsrpt_txt_parse(text, strlen(text), NULL, 0, &p);
        if (!p.is_tlsrpt)
            continue;                      /* the first record is the one reported */
        if ((t->version = mxtls__strdup("TLSRPTv1")) == NULL)
            return MXTLS_ENOMEM;
        int rc = take_rua(t, text);
        if (rc == MXTLS_ENOMEM)
            return rc;
        if (rc)
            *hit |= MXTLS__LIMIT_BIT(MXTLS_LIMIT_RUA);
        break;
    }
    t->valid = t->n_tlsrpt_records == 1 && first.valid && t->n_rua > 0;
    t->problem = txt_problem(t->n_tlsrpt_records, t->valid, "v=TLSRPTv1", first.why,
                             first.bad);
    if (t->problem == NULL && !t->valid && first.why != NULL)
        return MXTLS_ENOMEM;
    return MXTLS_OK;
}

void mxtls__mta_sts_free(mxtls_mta_sts_txt *s)
{
    if (s == NULL)
        return;
    txt_set_free(MUT(s->txt));
    mxtls__free(MUT(s->version));
    mxtls__free(MUT(s->id));
    mxtls__free(MUT(s->problem));
    mxtls__free(s);
}

void mxtls__tlsrpt_free(mxtls_tlsrpt_txt *t)
{
    if (t == NULL)
        return;
    txt_set_free(MUT(t->txt));
    mxtls__free(MUT(t->version));
    for (size_t i = 0; i < t->n_rua; i++)
        mxtls__free(MUT(t->rua[i]));
    mxtls__free(MUT(t->rua));
    mxtls__free(MUT(t->problem));
    mxtls__free(t);
}

mxtls_resolve_result *mxtls__result_new(const char *query, const char *a_label,
                                        int32_t port)
{
    mxtls_resolve_result *res = mxtls__calloc(1, sizeof *res);
    if (res == NULL)
        return NULL;
    res->struct_size = sizeof *res;
    res->port = port;
    res->outcome = MXTLS_DNS_TIMEOUT;
    res->resolver_validates = -1;
    res->query = mxtls__strdup(query);
    res->a_label = mxtls__strdup(a_label);
    if (res->query == NULL || res->a_label == NULL ||
        mxtls__set_text(&res->detail, "not resolved") != MXTLS_OK ||
        mxtls__set_text(&res->resolver_detail, "the resolver was not asked about itself") !=
            MXTLS_OK) {
        mxtls_resolve_result_free(res);
        return NULL;
    }
    return res;
}

void mxtls_resolve_result_free(mxtls_resolve_result *res)
{
    if (res == NULL)
        return;
    for (size_t i = 0; i < res->n_hosts; i++)
        mxtls__host_free(MUT(res->hosts[i]));
    mxtls__free(MUT(res->hosts));
    mxtls__lookup_free(MUT(res->mx));
    mxtls__mta_sts_free(MUT(res->mta_sts));
    mxtls__tlsrpt_free(MUT(res->tlsrpt));
    mxtls__free(MUT(res->query));
    mxtls__free(MUT(res->a_label));
    mxtls__free(MUT(res->detail));
    mxtls__free(MUT(res->resolver_detail));
    mxtls__free(res);
}
