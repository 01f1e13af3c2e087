/* Address classification: scopes, proxy ranges (built-in and from a file),
 * and the PUBLIC_ONLY policy a web panel relies on. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

static mxtls_ctx *ctx;

static void setup(void)
{
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
}

static void teardown(void)
{
    mxtls_ctx_free(ctx);
}

struct scope_case {
    const char *text;
    int32_t scope;
};

static const struct scope_case scope_cases[] = {
    {"8.8.8.8", MXTLS_SCOPE_PUBLIC},
    {"1.1.1.1", MXTLS_SCOPE_PUBLIC},
    {"10.1.2.3", MXTLS_SCOPE_PRIVATE},
    {"172.16.0.1", MXTLS_SCOPE_PRIVATE},
    {"172.31.255.255", MXTLS_SCOPE_PRIVATE},
    {"172.32.0.1", MXTLS_SCOPE_PUBLIC},
    {"192.168.1.1", MXTLS_SCOPE_PRIVATE},
    {"100.64.0.1", MXTLS_SCOPE_PRIVATE},
    {"100.128.0.1", MXTLS_SCOPE_PUBLIC},
    {"127.0.0.1", MXTLS_SCOPE_LOOPBACK},
    {"127.200.1.9", MXTLS_SCOPE_LOOPBACK},
    {"169.254.169.254", MXTLS_SCOPE_LINK_LOCAL},
    {"224.0.0.1", MXTLS_SCOPE_MULTICAST},
    {"239.255.255.250", MXTLS_SCOPE_MULTICAST},
    {"0.0.0.0", MXTLS_SCOPE_RESERVED},
    {"192.0.2.7", MXTLS_SCOPE_RESERVED},
    {"198.18.0.1", MXTLS_SCOPE_RESERVED},
    {"203.0.113.9", MXTLS_SCOPE_RESERVED},
    {"240.0.0.1", MXTLS_SCOPE_RESERVED},
    {"255.255.255.255", MXTLS_SCOPE_RESERVED},
    {"2001:4860:4860::8888", MXTLS_SCOPE_PUBLIC},
    {"::1", MXTLS_SCOPE_LOOPBACK},
    {"::", MXTLS_SCOPE_RESERVED},
    {"fe80::1", MXTLS_SCOPE_LINK_LOCAL},
    {"fd00::1", MXTLS_SCOPE_PRIVATE},
    {"fc00::1", MXTLS_SCOPE_PRIVATE},
    {"ff02::1", MXTLS_SCOPE_MULTICAST},
    {"2001:db8::1", MXTLS_SCOPE_RESERVED},
    {"3fff::1", MXTLS_SCOPE_RESERVED},
    {"4000::1", MXTLS_SCOPE_RESERVED},
    /* Embedded IPv4: the address inside decides. */
    {"::ffff:10.0.0.1", MXTLS_SCOPE_PRIVATE},
    {"::ffff:127.0.0.1", MXTLS_SCOPE_LOOPBACK},
    {"::ffff:8.8.8.8", MXTLS_SCOPE_PUBLIC},
    {"64:ff9b::a00:1", MXTLS_SCOPE_PRIVATE},     /* NAT64 of 10.0.0.1 */
    {"64:ff9b::7f00:1", MXTLS_SCOPE_LOOPBACK},   /* NAT64 of 127.0.0.1 */
    {"64:ff9b::808:808", MXTLS_SCOPE_PUBLIC},    /* NAT64 of 8.8.8.8 */
    {"64:ff9b:1::1", MXTLS_SCOPE_PRIVATE},       /* local-use NAT64 */
    {"2002:c0a8:101::1", MXTLS_SCOPE_PRIVATE},   /* 6to4 of 192.168.1.1 */
    {"2002:808:808::1", MXTLS_SCOPE_PUBLIC},     /* 6to4 of 8.8.8.8 */
};

START_TEST(scopes_follow_the_special_purpose_registries)
{
    const struct scope_case *c = &scope_cases[_i];
    mxtls_address *a = NULL;
    ck_assert_int_eq(mxtls_address_parse(ctx, c->text, &a), MXTLS_OK);
    ck_assert_msg(a->scope == c->scope, "%s: scope %s, want %s", c->text,
                  mxtls_scope_name(a->scope), mxtls_scope_name(c->scope));
    ck_assert_uint_eq(a->struct_size, sizeof(mxtls_address));
    ck_assert_int_eq(a->dnssec, MXTLS_DNSSEC_NONE);
    ck_assert_int_eq(a->policy_allowed, 1); /* default policy allows all */
    mxtls_address_free(a);
}
END_TEST

START_TEST(public_only_policy_allows_only_public)
{
    const struct scope_case *c = &scope_cases[_i];
    mxtls_address *a = NULL;
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    ck_assert_int_eq(mxtls_address_parse(ctx, c->text, &a), MXTLS_OK);
    ck_assert_msg(a->policy_allowed == (c->scope == MXTLS_SCOPE_PUBLIC), "%s", c->text);
    mxtls_address_free(a);
}
END_TEST

START_TEST(parse_gives_canonical_text_and_bytes)
{
    mxtls_address *a = NULL;
    ck_assert_int_eq(mxtls_address_parse(ctx, "2001:0DB8:0:0::0001", &a), MXTLS_OK);
    ck_assert_int_eq(a->family, 6);
    ck_assert_str_eq(a->text, "2001:db8::1");
    ck_assert_uint_eq(a->bytes[0], 0x20);
    ck_assert_uint_eq(a->bytes[15], 0x01);
    mxtls_address_free(a);
    ck_assert_int_eq(mxtls_address_parse(ctx, "192.0.2.7", &a), MXTLS_OK);
    ck_assert_int_eq(a->family, 4);
    ck_assert_str_eq(a->text, "192.0.2.7");
    ck_assert_uint_eq(a->bytes[3], 7);
    ck_assert_uint_eq(a->bytes[4], 0); /* the rest is zero */
    mxtls_address_free(a);
}
END_TEST

START_TEST(parse_rejects_what_is_not_a_literal)
{
    static const char *bad[] = {"", "mail.example.com", "192.0.2", "192.0.2.256", "[::1]",
                                "::1%lo", "192.0.2.1:25", " 192.0.2.1", "1.2.3.4.5"};
    mxtls_address *a = (mxtls_address *)0x1;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_msg(mxtls_address_parse(ctx, bad[i], &a) == MXTLS_EINVAL, "%s", bad[i]);
        ck_assert_ptr_null(a);
    }
    ck_assert_int_eq(mxtls_address_parse(NULL, "1.2.3.4", &a), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_address_parse(ctx, NULL, &a), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_address_parse(ctx, "1.2.3.4", NULL), MXTLS_EINVAL);
    mxtls_address_free(NULL);
}
END_TEST

START_TEST(builtin_ranges_mark_cloudflare)
{
    static const char *inside[] = {"104.16.132.229", "172.67.1.1", "162.159.1.1",
                                   "2606:4700::6810:84e5", "2a06:98c7::1"};
    static const char *outside[] = {"104.32.0.1", "8.8.8.8", "2606:4800::1", "127.0.0.1"};
    mxtls_address *a = NULL;
    for (size_t i = 0; i < sizeof inside / sizeof *inside; i++) {
        ck_assert_int_eq(mxtls_address_parse(ctx, inside[i], &a), MXTLS_OK);
        ck_assert_msg(a->proxy_provider && strcmp(a->proxy_provider, "cloudflare") == 0, "%s",
                      inside[i]);
        mxtls_address_free(a);
    }
    for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
        ck_assert_int_eq(mxtls_address_parse(ctx, outside[i], &a), MXTLS_OK);
        ck_assert_msg(a->proxy_provider == NULL, "%s", outside[i]);
        mxtls_address_free(a);
    }
}
END_TEST

START_TEST(ranges_file_replaces_builtin_and_outlives_ctx_changes)
{
    char path[] = "/tmp/mxtls-ranges-XXXXXX";
    int fd = mkstemp(path);
    const char *text = "127.9.8.0/29 labcdn\n::1/128 labcdn6\n";
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(ctx, path), MXTLS_OK);
    unlink(path);

    mxtls_address *in = NULL, *edge = NULL, *out = NULL, *v6 = NULL, *cf = NULL;
    ck_assert_int_eq(mxtls_address_parse(ctx, "127.9.8.3", &in), MXTLS_OK);
    ck_assert_int_eq(mxtls_address_parse(ctx, "127.9.8.7", &edge), MXTLS_OK);
    ck_assert_int_eq(mxtls_address_parse(ctx, "127.9.8.8", &out), MXTLS_OK);
    ck_assert_int_eq(mxtls_address_parse(ctx, "::1", &v6), MXTLS_OK);
    ck_assert_int_eq(mxtls_address_parse(ctx, "104.16.1.1", &cf), MXTLS_OK);
    /* Replace the ranges: addresses made earlier keep their own copy. */
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(ctx, NULL), MXTLS_OK);
    ck_assert_str_eq(in->proxy_provider, "labcdn");
    ck_assert_str_eq(edge->proxy_provider, "labcdn");
    ck_assert_ptr_null(out->proxy_provider);
    ck_assert_str_eq(v6->proxy_provider, "labcdn6");
    ck_assert_ptr_null(cf->proxy_provider); /* the file replaced the built-in list */
    mxtls_address_free(in);
    mxtls_address_free(edge);
    mxtls_address_free(out);
    mxtls_address_free(v6);
    mxtls_address_free(cf);
}
END_TEST

START_TEST(names_of_enums)
{
    ck_assert_str_eq(mxtls_scope_name(MXTLS_SCOPE_LINK_LOCAL), "link-local");
    ck_assert_str_eq(mxtls_scope_name(0), "unknown");
    ck_assert_str_eq(mxtls_scope_name(99), "unknown");
    ck_assert_str_eq(mxtls_dnssec_name(MXTLS_DNSSEC_BOGUS), "bogus");
    ck_assert_str_eq(mxtls_dnssec_name(-1), "unknown");
    ck_assert_uint_eq(mxtls_address_struct_size(), sizeof(mxtls_address));
}
END_TEST

static Suite *address_suite(void)
{
    Suite *s = suite_create("address");
    TCase *tc = tcase_create("address");
    tcase_add_checked_fixture(tc, setup, teardown);
    int n = (int)(sizeof scope_cases / sizeof scope_cases[0]);
    tcase_add_loop_test(tc, scopes_follow_the_special_purpose_registries, 0, n);
    tcase_add_loop_test(tc, public_only_policy_allows_only_public, 0, n);
    tcase_add_test(tc, parse_gives_canonical_text_and_bytes);
    tcase_add_test(tc, parse_rejects_what_is_not_a_literal);
    tcase_add_test(tc, builtin_ranges_mark_cloudflare);
    tcase_add_test(tc, ranges_file_replaces_builtin_and_outlives_ctx_changes);
    tcase_add_test(tc, names_of_enums);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(address_suite());
}
