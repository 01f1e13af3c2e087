#define _POSIX_C_SOURCE 200809L
/* The thin seam between the resolve stage and the verify stage: DANE inputs
 * from one resolved MX host. Kept apart from verify.c so that verify.c knows
 * nothing of resolve results, and this file nothing of certificates. */
#include <string.h>

#include "alloc.h"
#include "verify_int.h"

static int lookup_is(const mxtls_dns_lookup *l, int32_t dnssec)
{
    return l != NULL && l->dnssec == dnssec;
}

/* RFC 7672 2.2.2: TLSA is only trusted for a host whose address records are
 * themselves validated; an attacker who can forge A can forge the rest. */
static int addresses_secure(const mxtls_mx_host *h)
{
    return (lookup_is(h->a, MXTLS_DNSSEC_SECURE) && h->a->outcome == MXTLS_DNS_NOERROR) ||
           (lookup_is(h->aaaa, MXTLS_DNSSEC_SECURE) && h->aaaa->outcome == MXTLS_DNS_NOERROR);
}

static int lookup_failed(const mxtls_dns_lookup *l)
{
    return l->outcome == MXTLS_DNS_SERVFAIL || l->outcome == MXTLS_DNS_TIMEOUT ||
           l->outcome == MXTLS_DNS_ERROR || l->outcome == MXTLS_DNS_SKIPPED;
}

/* The state DANE sees, from the three lookups. */
static void set_state(mxtls_verify_input *in, const mxtls_mx_host *h)
{
    const mxtls_dns_lookup *t = h->tlsa_lookup;

    in->tlsa_lookup_failed = 0;
    if (lookup_is(t, MXTLS_DNSSEC_BOGUS) || lookup_is(h->a, MXTLS_DNSSEC_BOGUS) ||
        lookup_is(h->aaaa, MXTLS_DNSSEC_BOGUS))
        in->tlsa_dnssec = MXTLS_DNSSEC_BOGUS;
    else if (t == NULL || !addresses_secure(h))
        in->tlsa_dnssec = MXTLS_DNSSEC_INSECURE;
    else if (lookup_failed(t))
        in->tlsa_lookup_failed = 1;
    else
        in->tlsa_dnssec = t->dnssec;
}

static void clear_tlsa(mxtls_verify_input *in)
{
    size_t i;

    for (i = 0; i < in->n_tlsa; i++) {
        mxtls__free(in->tlsa[i].data.data);
        in->tlsa[i].data.data = NULL;
    }
    in->n_tlsa = 0;
}

mxtls_status mxtls_verify_input_set_mx_host(mxtls_verify_input *in, const mxtls_mx_host *host)
{
    mxtls_status st = MXTLS_OK;
    size_t i;

    if (in == NULL || host == NULL || host->struct_size < sizeof(uint32_t))
        return MXTLS_EINVAL;
    if (in->reference == NULL && host->name != NULL)
        st = mxtls_verify_input_set_reference_name(in, host->name);
    clear_tlsa(in);
    for (i = 0; st == MXTLS_OK && i < host->n_tlsa && host->tlsa != NULL; i++) {
        const mxtls_tlsa *t = host->tlsa[i];
        if (t == NULL)
            continue;
        st = mxtls_verify_input_add_tlsa(in, t->usage, t->selector, t->matching_type, t->data,
                                         t->data_len);
    }
    if (st == MXTLS_ERANGE)
        st = MXTLS_OK; /* more records than we match: the first ones count */
    if (st == MXTLS_OK)
        set_state(in, host);
    return st;
}
