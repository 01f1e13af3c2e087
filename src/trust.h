/* The context's CA store as a GnuTLS trust list, built once and reused.
 *
 * Loading the system store costs ~10 ms (about 140 certificates parsed); a
 * verification itself costs well under 1 ms. So the list is cached in the
 * context and rebuilt only when the CA options change, or when the CA file or
 * directory changes on disk (size or mtime), so a renewed CA file is seen.
 * Used by one thread at a time, like the context that owns it. */
#ifndef MXTLS_TRUST_H
#define MXTLS_TRUST_H

#include <gnutls/x509.h>

#include "mxtls/common.h"

struct mxtls__trust;

/* The trust list for ctx's current CA options: *out stays owned by ctx and
 * is valid until the next call on ctx. Returns 0 or a GnuTLS error. */
int mxtls__trust_get(mxtls_ctx *ctx, gnutls_x509_trust_list_t *out);

/* Free a cached trust list; NULL is a no-op (ctx.c calls this). */
void mxtls__trust_free(struct mxtls__trust *trust);

#endif
