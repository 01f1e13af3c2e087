/* The address object of the stages (mxtls_address) and the context's
 * policy over addresses: what a ctx decides about an address, its proxy
 * provider and whether connecting is allowed. The ctx-free part, parsing and
 * scope, is inet.h. */
#ifndef MXTLS__ADDRESS_H /* MXTLS_ADDRESS_H is the public mxtls/address.h */
#define MXTLS__ADDRESS_H

#include <stdint.h>

#include "mxtls/address.h"

/* 1 when ctx's policy allows connecting to an address of this scope. */
int mxtls__addr_policy_allows(const mxtls_ctx *ctx, int32_t scope);

/* A new classified address. dnssec is the MXTLS_DNSSEC_* of the answer it
 * came from. Returns MXTLS_OK or MXTLS_ENOMEM; MXTLS_EINVAL for a bad family. */
int mxtls__address_new(const mxtls_ctx *ctx, int family, const uint8_t bytes[16],
                       int32_t dnssec, mxtls_address **out);

#endif
