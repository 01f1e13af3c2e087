/* What a sending MTA takes from the certificates a server sends: the limits
 * of the TLS libraries senders are built on, and the path a sender builds.
 * The diagnosis uses this to verify what a sender would verify, and to
 * name the limit when a server goes past it. */
#ifndef MXTLS_SENDER_H
#define MXTLS_SENDER_H

#include <stddef.h>
#include <stdint.h>

/* OpenSSL's and BoringSSL's default max_cert_list: a sender built on them
 * (Postfix, Exim, Gmail) refuses a Certificate message of more bytes. */
#define MXTLS__SENDER_MAX_CERT_LIST (100u * 1024u)

/* The longest path the verify stage judges (mxtls_verify_max_certs(); a
 * static assertion in verify.c keeps the two equal). */
#define MXTLS__SENDER_PATH_MAX 16u

/* The path a sender builds from the n certificates sent: the leaf (index
 * 0), then the issuer of the last one among the others, each used once,
 * until a self-signed certificate or one whose issuer was not sent.
 * Certificates off that path are what a sender ignores. path gets up to
 * max indexes. Returns the path's length, which exceeds max when the path
 * is longer (path then holds its first max); 0 when the leaf does not
 * parse; -1 when memory ran out. */
long mxtls__sender_path(const uint8_t *const *der, const size_t *len, size_t n, size_t *path,
                        size_t max);

#endif
