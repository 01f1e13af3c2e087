#define _POSIX_C_SOURCE 200809L
#include "address.h"

#include <arpa/inet.h>
#include <string.h>

#include "alloc.h"
#include "ctx.h"
#include "inet.h"
#include "ranges.h"

int mxtls__addr_policy_allows(const mxtls_ctx *ctx, int32_t scope)
{
    if (ctx->address_policy == MXTLS_ADDR_PUBLIC_ONLY)
        return scope == MXTLS_SCOPE_PUBLIC;
    return 1;
}

int mxtls__address_new(const mxtls_ctx *ctx, int family, const uint8_t bytes[16],
                       int32_t dnssec, mxtls_address **out)
{
    char text[INET6_ADDRSTRLEN];
    if (family != 4 && family != 6)
        return MXTLS_EINVAL;
    inet_ntop(family == 4 ? AF_INET : AF_INET6, bytes, text, sizeof text);
    mxtls_address *a = mxtls__calloc(1, sizeof *a);
    if (a == NULL || (a->text = mxtls__strdup(text)) == NULL) {
        mxtls__free(a);
        return MXTLS_ENOMEM;
    }
    a->struct_size = sizeof *a;
    a->family = family;
    memcpy(a->bytes, bytes, family == 4 ? 4 : 16);
    a->scope = mxtls__inet_scope(family, bytes);
    a->dnssec = dnssec;
    a->proxy_provider = mxtls__ranges_lookup(mxtls__ctx_proxy_ranges(ctx), family, bytes);
    /* The provider string points into ctx's table, which may be replaced or
     * freed before the address is: keep a copy the address owns. */
    if (a->proxy_provider != NULL &&
        (a->proxy_provider = mxtls__strdup(a->proxy_provider)) == NULL) {
        mxtls_address_free(a);
        return MXTLS_ENOMEM;
    }
    a->policy_allowed = mxtls__addr_policy_allows(ctx, a->scope);
    *out = a;
    return MXTLS_OK;
}

mxtls_status mxtls_address_parse(const mxtls_ctx *ctx, const char *text,
                                 mxtls_address **out)
{
    uint8_t bytes[16];
    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || text == NULL || out == NULL)
        return MXTLS_EINVAL;
    int family = mxtls__inet_parse(text, 0, bytes);
    if (family == 0)
        return MXTLS_EINVAL;
    return (mxtls_status)mxtls__address_new(ctx, family, bytes, MXTLS_DNSSEC_NONE, out);
}

void mxtls_address_free(mxtls_address *address)
{
    if (address == NULL)
        return;
    mxtls__free((char *)address->text);
    mxtls__free((char *)address->proxy_provider);
    mxtls__free(address);
}

size_t mxtls_address_struct_size(void)
{
    return sizeof(mxtls_address);
}
