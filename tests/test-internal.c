/* Internals, linked from the non-installed static build with allocation
 * failure injection: the proxy-range parser, and ENOMEM at every allocation
 * site of the foundation's calls. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include <mxtls/mxtls.h>

#include "../src/core/alloc.h"
#include "../src/core/ranges.h"
#include "faultinject.h"
#include "testlib.h"

START_TEST(ranges_parser_accepts_and_rejects)
{
    struct mxtls__ranges *r = NULL;
    char err[128];
    const char *good = "10.0.0.0/8 a\r\n  # c\n\t2001:db8::/32\tb  \n0.0.0.0/0 all";
    ck_assert_int_eq(mxtls__ranges_parse(good, strlen(good), &r, err, sizeof err), MXTLS_OK);
    ck_assert_uint_eq(r->count, 3);
    ck_assert_uint_eq(r->items[1].prefix, 32);
    ck_assert_str_eq(r->items[2].provider, "all");
    mxtls__ranges_free(r);

    static const char *bad[] = {"10.0.0.0 a", "10.0.0.0/ a", "10.0.0.0/8", "10.0.0.0/8 a b",
                                "10.0.0.0/8x a", "::/129 a", "10.0.0.0/8 bad!name",
                                "10.0.0.0/8 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x/8 a"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        r = NULL;
        ck_assert_msg(mxtls__ranges_parse(bad[i], strlen(bad[i]), &r, err, sizeof err) ==
                          MXTLS_EFORMAT, "%s", bad[i]);
        ck_assert_ptr_null(r);
        ck_assert_ptr_nonnull(strstr(err, "line 1"));
    }
    /* A NUL inside a line is malformed, not a silent truncation. */
    const char nul[] = "10.0.0.0/8 a\0junk\n";
    ck_assert_int_eq(mxtls__ranges_parse(nul, sizeof nul - 1, &r, err, sizeof err),
                     MXTLS_EFORMAT);
}
END_TEST

START_TEST(host_bits_are_masked)
{
    struct mxtls__ranges *r = NULL;
    const char *text = "127.9.8.77/29 lab";
    uint8_t inside[16] = {127, 9, 8, 72}, outside[16] = {127, 9, 8, 80};
    ck_assert_int_eq(mxtls__ranges_parse(text, strlen(text), &r, NULL, 0), MXTLS_OK);
    ck_assert_str_eq(mxtls__ranges_lookup(r, 4, inside), "lab");
    ck_assert_ptr_null(mxtls__ranges_lookup(r, 4, outside));
    ck_assert_ptr_null(mxtls__ranges_lookup(r, 6, inside));
    mxtls__ranges_free(r);
}
END_TEST

static int ctx_and_address_op(void)
{
    mxtls_ctx *ctx = NULL;
    mxtls_address *a = NULL;
    int status = mxtls_ctx_new(&ctx);
    if (status != MXTLS_OK)
        return status;
    if ((status = mxtls_ctx_set_helo_name(ctx, "probe.example")) == MXTLS_OK &&
        (status = mxtls_ctx_use_forwarder(ctx, "127.0.0.1@53")) == MXTLS_OK &&
        (status = mxtls_ctx_add_stub_zone(ctx, "lab.test", "127.0.0.1")) == MXTLS_OK &&
        (status = mxtls_ctx_add_trust_anchor(ctx, "lab.test. DS 1 13 2 00")) == MXTLS_OK)
        status = mxtls_address_parse(ctx, "104.16.1.1", &a);
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);
    return status;
}

START_TEST(every_allocation_failure_is_enomem)
{
    int sites = mxtls_test_each_allocation_failing(ctx_and_address_op, 10000);
    ck_assert_int_ge(sites, 8);
}
END_TEST

static Suite *internal_suite(void)
{
    Suite *s = suite_create("internal");
    TCase *tc = tcase_create("internal");
    tcase_add_test(tc, ranges_parser_accepts_and_rejects);
    tcase_add_test(tc, host_bits_are_masked);
    tcase_add_test(tc, every_allocation_failure_is_enomem);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(internal_suite());
}
