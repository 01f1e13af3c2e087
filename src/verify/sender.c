/* The path a sender builds from the certificates a server sends (sender.h):
 * a server may send stray extras, and a sender ignores them, so a chain
 * longer than the verify stage takes is judged by the path a sender uses. */
#include "sender.h"

#include <gnutls/x509.h>

#include "alloc.h"

static void free_all(gnutls_x509_crt_t *crt, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (crt[i] != NULL)
            gnutls_x509_crt_deinit(crt[i]);
    mxtls__free(crt);
}

/* Each certificate decoded, or NULL where it does not parse. */
static gnutls_x509_crt_t *decode_all(const uint8_t *const *der, const size_t *len, size_t n)
{
    gnutls_x509_crt_t *crt = mxtls__calloc(n, sizeof *crt);
    for (size_t i = 0; crt != NULL && i < n; i++) {
        gnutls_datum_t d = {(unsigned char *)der[i], (unsigned)len[i]};
        if (gnutls_x509_crt_init(&crt[i]) < 0) {
            free_all(crt, i);
            return NULL;
        }
        if (gnutls_x509_crt_import(crt[i], &d, GNUTLS_X509_FMT_DER) < 0) {
            gnutls_x509_crt_deinit(crt[i]);
            crt[i] = NULL;
        }
    }
    return crt;
}

/* The unused certificate that issued crt[cur], or n. */
static size_t issuer_of(gnutls_x509_crt_t *crt, const uint8_t *used, size_t n, size_t cur)
{
    for (size_t j = 0; j < n; j++)
        if (!used[j] && crt[j] != NULL && gnutls_x509_crt_check_issuer(crt[cur], crt[j]))
            return j;
    return n;
}

long mxtls__sender_path(const uint8_t *const *der, const size_t *len, size_t n, size_t *path,
                        size_t max)
{
    if (n == 0)
        return 0;
    gnutls_x509_crt_t *crt = decode_all(der, len, n);
    uint8_t *used = mxtls__calloc(n, 1);
    if (crt == NULL || used == NULL) {
        if (crt != NULL)
            free_all(crt, n);
        mxtls__free(used);
        return -1;
    }
    long length = 0;
    size_t cur = 0;
    if (crt[0] != NULL) {
        for (;;) {
            used[cur] = 1;
            if ((size_t)length < max)
                path[length] = cur;
            length++;
            if (gnutls_x509_crt_check_issuer(crt[cur], crt[cur]))
                break;   /* self-signed: the top */
            size_t next = issuer_of(crt, used, n, cur);
            if (next == n)
                break;
            cur = next;
        }
    }
    free_all(crt, n);
    mxtls__free(used);
    return length;
}
