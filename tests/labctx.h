/* A context that checks the lab as the lab expects (with_lab.py): its CA,
 * its DNS server for everything and as the stub for its zone, its DNSSEC
 * trust anchor. Suites add their own timeouts and options on top. */
#ifndef MXTLS_TEST_LABCTX_H
#define MXTLS_TEST_LABCTX_H

#include <stdio.h>

#include "mxtls/mxtls.h"
#include "testlib.h"

static inline mxtls_ctx *mxtls_test_lab_ctx(void)
{
    mxtls_ctx *ctx = NULL;
    char path[4096];
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    snprintf(path, sizeof path, "%s/root.pem", mxtls_test_env("MXTLS_LAB_CERTS"));
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(ctx, mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, mxtls_test_env("MXTLS_LAB_DNS_ZONE"),
                                             mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    return ctx;
}

#endif
