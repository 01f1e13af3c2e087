#define _POSIX_C_SOURCE 200809L
/* The thin seam between the other stages and the verify stage: the chain a
 * STARTTLS handshake received, and DANE inputs from one resolved MX host.
 * Kept apart from verify.c so that verify.c knows nothing of other stages'
 * results, and this file nothing of certificates. */
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
    else if (lookup_is(t, MXTLS_DNSSEC_INDETERMINATE) ||
             lookup_is(h->a, MXTLS_DNSSEC_INDETERMINATE) ||
             lookup_is(h->aaaa, MXTLS_DNSSEC_INDETERMINATE))
        in->tlsa_dnssec = MXTLS_DNSSEC_INDETERMINATE;
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

/* Names equal as DNS names: case-insensitive, one trailing dot ignored. */
static int same_name(const char *a, const char *b)
{
    size_t na = strnlen(a, 256), nb = strnlen(b, 256), i;

    na -= na > 0 && a[na - 1] == '.';
    nb -= nb > 0 && b[nb - 1] == '.';
    if (na != nb)
        return 0;
    for (i = 0; i < na; i++) {
        char x = a[i], y = b[i];
        x = (char)(x >= 'A' && x <= 'Z' ? x + 32 : x);
        y = (char)(y >= 'A' && y <= 'Z' ? y + 32 : y);
        if (x != y)
            return 0;
    }
    return 1;
}

/* The resolved host the sender connects to by this name, or NULL. */
static const mxtls_mx_host *find_host(const mxtls_resolve_result *dns, const char *name)
{
    size_t i;

    if (dns == NULL || name == NULL || dns->hosts == NULL)
        return NULL;
    for (i = 0; i < dns->n_hosts; i++) {
        if (dns->hosts[i] != NULL && dns->hosts[i]->name != NULL &&
            same_name(dns->hosts[i]->name, name))
            return dns->hosts[i];
    }
    return NULL;
}

static mxtls_status input_from(const mxtls_tls_result *tls, const char *ref,
                               const mxtls_resolve_result *dns, mxtls_verify_input *in)
{
    const mxtls_mx_host *host = find_host(dns, ref);
    mxtls_status st = mxtls_verify_input_set_reference_name(in, ref);
    size_t i, n = tls->n_peer_certs;

    /* More than we verify is the peer's problem, not the call's: the first
     * ones (leaf first) are what a sender builds its path from. */
    if (n > MXTLS__VERIFY_MAX_CERTS)
        n = MXTLS__VERIFY_MAX_CERTS;
    for (i = 0; st == MXTLS_OK && i < n && tls->peer_certs && tls->peer_cert_lens; i++)
        st = mxtls_verify_input_add_cert(in, tls->peer_certs[i], tls->peer_cert_lens[i]);
    if (st == MXTLS_OK && host != NULL)
        st = mxtls_verify_input_set_mx_host(in, host);
    return st;
}

mxtls_status mxtls_verify(mxtls_ctx *ctx, const mxtls_tls_result *tls, const char *reference_name,
                          const mxtls_resolve_result *resolve_result, mxtls_verify_result **out)
{
    mxtls_verify_input *in = NULL;
    mxtls_status st;

    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || tls == NULL || out == NULL || tls->struct_size < sizeof(uint32_t))
        return MXTLS_EINVAL;
    st = mxtls_verify_input_new(&in);
    if (st == MXTLS_OK)
        st = input_from(tls, reference_name ? reference_name : tls->sni, resolve_result, in);
    if (st == MXTLS_OK)
        st = mxtls_verify_run(ctx, in, out);
    mxtls_verify_input_free(in);
    return st;
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
