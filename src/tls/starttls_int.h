/* The TLS stage's private entry points for the layers above it. */
#ifndef MXTLS_STARTTLS_INT_H
#define MXTLS_STARTTLS_INT_H

#include "mxtls/starttls.h"

/* Let the handshake that p starts borrow ctx's parsed priority strings and
 * empty credentials (core/tls_shared.h) instead of making its own. For a
 * check's probes: the session must be closed before ctx is freed, and ctx
 * used by this thread alone meanwhile. */
void mxtls__tls_params_share(mxtls_tls_params *p, mxtls_ctx *ctx);

#endif
