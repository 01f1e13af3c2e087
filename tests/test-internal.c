/* Internals, linked from the non-installed static build with allocation
 * failure injection: the proxy-range parser, and ENOMEM at every allocation
 * site of the foundation's calls; the non-public blocks the resolver
 * refuses under PUBLIC_ONLY. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "../src/check/egress.h"
#include "../src/core/alloc.h"
#include "../src/core/ctx.h"
#include "../src/core/inet.h"
#include "../src/core/ranges.h"
#include "../src/core/tls_shared.h"
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

/* The resolver's do-not-query list under PUBLIC_ONLY (resolve/resolver.c)
 * is mxtls__inet_nonpublic_block(): it must hold every address the policy
 * refuses and no public one, judged against mxtls__inet_scope() itself. */
struct cidr {
    int family;
    uint8_t bytes[16];
    unsigned bits;
};

static size_t load_blocks(struct cidr *out, size_t max)
{
    char text[64];
    size_t n = 0;
    for (size_t i = 0; mxtls__inet_nonpublic_block(i, text, sizeof text) == 1; i++) {
        ck_assert_uint_lt(n, max);
        char *slash = strchr(text, '/');
        ck_assert_ptr_nonnull(slash);
        *slash = '\0';
        out[n].bits = (unsigned)atoi(slash + 1);
        out[n].family = mxtls__inet_parse(text, 0, out[n].bytes);
        ck_assert_msg(out[n].family != 0, "block %zu: %s", i, text);
        ck_assert_uint_le(out[n].bits, out[n].family == 4 ? 32 : 128);
        n++;
    }
    char tiny[4];
    ck_assert_int_eq(mxtls__inet_nonpublic_block(0, tiny, sizeof tiny), -1);
    return n;
}

static int listed(const struct cidr *b, size_t n, int family, const uint8_t *a)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i].family != family)
            continue;
        unsigned whole = b[i].bits / 8, rest = b[i].bits % 8;
        if (memcmp(a, b[i].bytes, whole) != 0)
            continue;
        if (rest == 0 || ((a[whole] ^ b[i].bytes[whole]) & (0xffu << (8 - rest)) & 0xff) == 0)
            return 1;
    }
    return 0;
}

START_TEST(nonpublic_blocks_match_scope)
{
    struct cidr b[128];
    size_t n = load_blocks(b, 128);
    /* Every IPv4 address (sampled) and its 6to4 form: listed iff not public. */
    srand(14);
    for (int k = 0; k < 200000; k++) {
        uint8_t a[16] = {0}, six[16] = {0x20, 0x02};
        for (int j = 0; j < 4; j++)
            a[j] = (uint8_t)(k < 256 ? (j == 0 ? k : rand()) : rand());
        memcpy(six + 2, a, 4);
        int public = mxtls__inet_scope(4, a) == MXTLS_SCOPE_PUBLIC;
        ck_assert_msg(listed(b, n, 4, a) == !public, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
        ck_assert_int_eq(listed(b, n, 6, six), !public);
    }
    /* IPv6: listed iff not public, except mapped and NAT64 forms, which
     * are all listed (a stricter line than the scope's). */
    static const char *const v6[] = {"::", "::1", "fe80::1", "fc00::1", "fd12::1", "ff02::1",
                                     "::ffff:127.0.0.1", "::ffff:8.8.8.8", "64:ff9b::a00:1",
                                     "64:ff9b::808:808", "2001:db8::1", "2001::1", "3fff::1",
                                     "5f00::1", "fec0::1", "2a00:1450::1", "2606:4700::1",
                                     "2002:b42:35::1", "2002:7f00:1::1", "100::1", "4000::1"};
    for (size_t i = 0; i < sizeof v6 / sizeof *v6; i++) {
        uint8_t a[16];
        ck_assert_int_eq(mxtls__inet_parse(v6[i], 0, a), 6);
        int embedded = strncmp(v6[i], "::ffff:", 7) == 0 || strncmp(v6[i], "64:ff9b::", 9) == 0;
        int public = mxtls__inet_scope(6, a) == MXTLS_SCOPE_PUBLIC;
        ck_assert_msg(listed(b, n, 6, a) == (embedded || !public), "%s", v6[i]);
    }
}
END_TEST

START_TEST(every_allocation_failure_is_enomem)
{
    int sites = mxtls_test_each_allocation_failing(ctx_and_address_op, 10000);
    ck_assert_int_ge(sites, 8);
}
END_TEST

/* A reference host's address is chosen under the context's policy: under
 * PUBLIC_ONLY one that resolved to loopback only is not connected to. The
 * addresses are only classified here, never connected to. */
START_TEST(shared_priorities_outlive_their_slot_while_a_session_holds_one)
{
    static const char *const versions[] = {
        "NORMAL", "NORMAL:-VERS-ALL:+VERS-TLS1.3", "NORMAL:-VERS-ALL:+VERS-TLS1.2",
        "NORMAL:-VERS-ALL:+VERS-TLS1.1", "NORMAL:-VERS-ALL:+VERS-TLS1.0",
        "NORMAL:-GROUP-DH-ALL", "NORMAL:-VERS-TLS1.3", "NORMAL:-VERS-TLS1.2",
        "NORMAL:-CIPHER-ALL:+AES-128-GCM", "NORMAL:-CIPHER-ALL:+AES-256-GCM"};
    mxtls_ctx *ctx = NULL;
    gnutls_priority_t first, again, p;
    gnutls_certificate_credentials_t cred, cred_again;
    gnutls_session_t held;

    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls__tls_shared_priority(ctx, versions[0], &first), 0);
    ck_assert_int_eq(mxtls__tls_shared_priority(ctx, versions[0], &again), 0);
    ck_assert_ptr_eq(first, again);                 /* parsed once */
    ck_assert_int_eq(mxtls__tls_shared_priority(ctx, versions[1], &p), 0);
    ck_assert_ptr_ne(p, first);                     /* one option apart: its own */
    /* A string GnuTLS refuses is an error, and takes no slot. */
    ck_assert_int_lt(mxtls__tls_shared_priority(ctx, "NORMAL:+NO-SUCH-THING", &p), 0);
    ck_assert_int_eq(mxtls__tls_shared_credentials(ctx, &cred), 0);
    ck_assert_int_eq(mxtls__tls_shared_credentials(ctx, &cred_again), 0);
    ck_assert_ptr_eq(cred, cred_again);
    /* A session holds the first; more strings than slots push it out of
     * the cache, and the session goes on using it (ASan and valgrind would
     * see a use after free), then ends after the context. */
    ck_assert_int_eq(gnutls_init(&held, GNUTLS_CLIENT), 0);
    ck_assert_int_eq(gnutls_priority_set(held, first), 0);
    for (size_t i = 1; i < sizeof versions / sizeof versions[0]; i++)
        ck_assert_int_eq(mxtls__tls_shared_priority(ctx, versions[i], &p), 0);
    const unsigned *protocols = NULL;
    ck_assert_int_gt(gnutls_priority_protocol_list(first, &protocols), 0);
    /* Asked for again, the string is parsed anew into a slot of its own. */
    ck_assert_int_eq(mxtls__tls_shared_priority(ctx, versions[0], &again), 0);
    ck_assert_int_eq(gnutls_priority_set(held, again), 0);
    mxtls_ctx_free(ctx);
    ck_assert_int_eq(gnutls_server_name_set(held, GNUTLS_NAME_DNS, "a.example", 9), 0);
    gnutls_deinit(held);
}
END_TEST

START_TEST(reference_address_obeys_the_policy)
{
    mxtls_ctx *ctx = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    const char *texts[] = {"::1", "127.0.0.25", "2001:4860:4860::8888"};
    mxtls_address *addrs[3];
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(mxtls_address_parse(ctx, texts[i], &addrs[i]), MXTLS_OK);
    mxtls_mx_host host = {.struct_size = sizeof host, .name = "ref.example.test",
                          .n_addresses = 2, .addresses = (const mxtls_address *const *)addrs};
    const mxtls_mx_host *hosts[] = {&host};
    mxtls_resolve_result res = {.struct_size = sizeof res, .n_hosts = 1, .hosts = hosts};

    /* allowed: IPv4 first */
    ck_assert_ptr_eq(mxtls__egress_pick(ctx, &res), addrs[1]);
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    ck_assert_ptr_null(mxtls__egress_pick(ctx, &res));      /* loopback only */
    host.n_addresses = 3;
    ck_assert_ptr_eq(mxtls__egress_pick(ctx, &res), addrs[2]);
    ck_assert_ptr_null(mxtls__egress_pick(ctx, NULL));

    /* no reference hosts: unknown, without I/O, and never "blocked" */
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, NULL, 0), MXTLS_OK);
    int32_t verdict = -1;
    char seen[128];
    ck_assert_int_eq(mxtls__egress_verdict(ctx, INT64_MAX, &verdict, seen, sizeof seen),
                     MXTLS_OK);
    ck_assert_int_eq(verdict, MXTLS__EGRESS_UNKNOWN);
    ck_assert_str_eq(seen, "no reference hosts are set");

    /* the cached verdict's key follows every option it depends on */
    uint64_t key = mxtls__egress_key(ctx);
    const char *one[] = {"ref.example.test"};
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, one, 1), MXTLS_OK);
    ck_assert(mxtls__egress_key(ctx) != key);
    key = mxtls__egress_key(ctx);
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_ALLOW_ALL), MXTLS_OK);
    ck_assert(mxtls__egress_key(ctx) != key);
    key = mxtls__egress_key(ctx);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_CONNECT, 1234), MXTLS_OK);
    ck_assert(mxtls__egress_key(ctx) != key);
    key = mxtls__egress_key(ctx);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(ctx, "127.0.0.1@5353"), MXTLS_OK);
    ck_assert(mxtls__egress_key(ctx) != key);
    for (size_t i = 0; i < 3; i++)
        mxtls_address_free(addrs[i]);
    mxtls_ctx_free(ctx);
}
END_TEST

static Suite *internal_suite(void)
{
    Suite *s = suite_create("internal");
    TCase *tc = tcase_create("internal");
    tcase_add_test(tc, ranges_parser_accepts_and_rejects);
    tcase_add_test(tc, host_bits_are_masked);
    tcase_add_test(tc, nonpublic_blocks_match_scope);
    tcase_add_test(tc, every_allocation_failure_is_enomem);
    tcase_add_test(tc, reference_address_obeys_the_policy);
    tcase_add_test(tc, shared_priorities_outlive_their_slot_while_a_session_holds_one);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(internal_suite());
}
