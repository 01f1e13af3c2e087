/* A verify result's memory: freeing it, and copying it whole or in part
 * (verify_result.h). Kept apart from verify.c so that the files that
 * remember results (verify_memo.c, verify_facts.c) need nothing of the
 * stage itself. */
#include "verify_result.h"

#include <string.h>

#include "alloc.h"

void mxtls__cert_info_free(mxtls_cert_info *ci)
{
    if (ci == NULL)
        return;
    mxtls__free((void *)ci->subject);
    mxtls__free((void *)ci->issuer);
    mxtls__free_strings(ci->dns_names, ci->n_dns_names);
    mxtls__free_strings(ci->ip_addresses, ci->n_ip_addresses);
    mxtls__free((void *)ci->key_algorithm);
    mxtls__free((void *)ci->signature_algorithm);
    mxtls__free((void *)ci->der);
    mxtls__free(ci);
}

void mxtls_verify_result_free(mxtls_verify_result *res)
{
    size_t i;

    if (res == NULL)
        return;
    if (res->certs != NULL) {
        for (i = 0; i < res->n_certs; i++)
            mxtls__cert_info_free((mxtls_cert_info *)res->certs[i]);
        mxtls__free((void *)res->certs);
    }
    mxtls__free((void *)res->reference_name);
    mxtls__free((void *)res->matched_name);
    mxtls__free_strings(res->names, res->n_names);
    mxtls__free((void *)res->missing_issuer);
    mxtls__free((void *)res->detail);
    mxtls__free(res);
}

/* ---- copying ------------------------------------------------------------- */

/* *dst = a copy of src; 0, or -1 when out of memory. NULL copies as NULL. */
static int copy_string(const char **dst, const char *src)
{
    *dst = NULL;
    if (src == NULL)
        return 0;
    return (*dst = mxtls__strdup(src)) != NULL ? 0 : -1;
}

static int copy_strings(const char *const **dst, const char *const *src, size_t n)
{
    *dst = NULL;
    if (src == NULL || n == 0)
        return 0;
    const char **v = mxtls__calloc(n, sizeof *v);
    if (v == NULL)
        return -1;
    *dst = v;   /* filled as far as memory lasts; freed whole with its owner */
    for (size_t i = 0; i < n; i++)
        if (copy_string(&v[i], src[i]) < 0)
            return -1;
    return 0;
}

static int copy_der(const uint8_t **dst, const uint8_t *src, size_t len)
{
    *dst = NULL;
    if (src == NULL)
        return 0;
    uint8_t *d = mxtls__malloc(len ? len : 1);
    if (d == NULL)
        return -1;
    if (len)
        memcpy(d, src, len);
    *dst = d;
    return 0;
}

/* A copy of ci into *dst; on failure what was made stays in *dst for the
 * result's free to take. */
static int copy_cert_info(const mxtls_cert_info **dst, const mxtls_cert_info *ci)
{
    *dst = NULL;
    if (ci == NULL)
        return 0;
    mxtls_cert_info *c = mxtls__malloc(sizeof *c);
    if (c == NULL)
        return -1;
    *c = *ci;
    c->subject = c->issuer = c->key_algorithm = c->signature_algorithm = NULL;
    c->dns_names = c->ip_addresses = NULL;
    c->der = NULL;
    *dst = c;
    if (copy_string(&c->subject, ci->subject) < 0 || copy_string(&c->issuer, ci->issuer) < 0 ||
        copy_string(&c->key_algorithm, ci->key_algorithm) < 0 ||
        copy_string(&c->signature_algorithm, ci->signature_algorithm) < 0 ||
        copy_der(&c->der, ci->der, ci->der_len) < 0)
        return -1;
    if (copy_strings(&c->dns_names, ci->dns_names, ci->n_dns_names) < 0)
        return -1;
    return copy_strings(&c->ip_addresses, ci->ip_addresses, ci->n_ip_addresses);
}

static int copy_certs(mxtls_verify_result *r, const mxtls_verify_result *res)
{
    r->certs = NULL;
    if (res->certs == NULL || res->n_certs == 0)
        return 0;
    const mxtls_cert_info **v = mxtls__calloc(res->n_certs, sizeof *v);
    if (v == NULL)
        return -1;
    r->certs = v;
    for (size_t i = 0; i < res->n_certs; i++)
        if (copy_cert_info(&v[i], res->certs[i]) < 0)
            return -1;
    return 0;
}

int mxtls__verify_copy_pkix(mxtls_verify_result *dst, const mxtls_verify_result *src)
{
    dst->flags = src->flags;
    dst->gnutls_status = src->gnutls_status;
    dst->gnutls_error = src->gnutls_error;
    dst->time_invalid_cert = src->time_invalid_cert;
    dst->n_certs = src->n_certs;
    if (copy_string(&dst->missing_issuer, src->missing_issuer) < 0)
        return -1;
    return copy_certs(dst, src);
}

mxtls_verify_result *mxtls__verify_result_copy(const mxtls_verify_result *res)
{
    mxtls_verify_result *r = mxtls__malloc(sizeof *r);
    if (r == NULL)
        return NULL;
    *r = *res;
    /* Nothing of res's may stay behind in r when a copy below fails. */
    r->reference_name = r->matched_name = r->missing_issuer = r->detail = NULL;
    r->names = NULL;
    r->certs = NULL;
    if (copy_string(&r->reference_name, res->reference_name) < 0 ||
        copy_string(&r->matched_name, res->matched_name) < 0 ||
        copy_string(&r->missing_issuer, res->missing_issuer) < 0 ||
        copy_string(&r->detail, res->detail) < 0 ||
        copy_strings(&r->names, res->names, res->n_names) < 0 || copy_certs(r, res) < 0) {
        mxtls_verify_result_free(r);
        return NULL;
    }
    return r;
}
