/* Address classification shared by the stages: scope, proxy provider and
 * whether the context's address policy allows connecting. */
#ifndef MXTLS__ADDRESS_H /* MXTLS_ADDRESS_H is the public mxtls/address.h */
#define MXTLS__ADDRESS_H

#include <stdint.h>

#include "mxtls/address.h"

/* MXTLS_SCOPE_* of an address (family 4 or 6, bytes in network order).
 * IPv4-mapped, NAT64 (64:ff9b::/96) and 6to4 addresses take the scope of the
 * IPv4 address they carry when that is not public. */
int32_t mxtls__addr_scope(int family, const uint8_t bytes[16]);

/* 1 when ctx's policy allows connecting to an address of this scope. */
int mxtls__addr_policy_allows(const mxtls_ctx *ctx, int32_t scope);

/* A new classified address. dnssec is the MXTLS_DNSSEC_* of the answer it
 * came from. Returns MXTLS_OK or MXTLS_ENOMEM; MXTLS_EINVAL for a bad family. */
int mxtls__address_new(const mxtls_ctx *ctx, int family, const uint8_t bytes[16],
                       int32_t dnssec, mxtls_address **out);

#endif
