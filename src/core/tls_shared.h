/* The GnuTLS objects every handshake of a context's checks shares: the
 * parsed priority strings and the empty client credentials.
 *
 * A check's handshakes all use one of a few priority strings (the default,
 * or one TLS version for a version probe), and GnuTLS parses the string
 * anew for every gnutls_priority_set_direct(): about 90,000 instructions
 * of allocation and string work per handshake, 0.8% of a check. The
 * credentials are empty (the verify stage judges the chain, so GnuTLS gets
 * no trust store, and mxtls sends no client certificate), yet allocating
 * them builds a trust list each time. Both are made once per context
 * here and lent to each session, which must end before the context does.
 *
 * Used by one thread at a time, like the context that owns it. GnuTLS
 * counts the sessions that use a priority itself: one this cache lets go
 * while a session still holds it lives until that session ends. */
#ifndef MXTLS_TLS_SHARED_H
#define MXTLS_TLS_SHARED_H

#include <gnutls/gnutls.h>

#include "mxtls/common.h"

struct mxtls__tls_shared;

/* The parsed form of priority text, kept in ctx. 0 with *out set (lent:
 * gnutls_priority_set() it, never deinit it), GNUTLS_E_MEMORY_ERROR, or
 * the error GnuTLS gave parsing text. */
int mxtls__tls_shared_priority(mxtls_ctx *ctx, const char *text, gnutls_priority_t *out);

/* ctx's empty certificate credentials: 0 with *out set (lent: never free
 * it), or a GnuTLS error. */
int mxtls__tls_shared_credentials(mxtls_ctx *ctx, gnutls_certificate_credentials_t *out);

/* Free what ctx lent; NULL is a no-op (ctx.c calls this). */
void mxtls__tls_shared_free(struct mxtls__tls_shared *shared);

#endif
