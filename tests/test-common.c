/* Status codes, version, and every context setter's handling of good and bad
 * input, through the shared library as a caller sees it. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    ctx = NULL;
}

/* Write text to a new temporary file; return its malloc'd path. */
static char *temp_file(const char *text)
{
    char *path = strdup("/tmp/mxtls-test-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

START_TEST(status_table_round_trips)
{
#define CHECK_STATUS(name, value, text)                                       \
    ck_assert_str_eq(mxtls_status_name(value), "MXTLS_" #name);               \
    ck_assert_str_eq(mxtls_strerror(value), text);
    MXTLS_STATUS_MAP(CHECK_STATUS)
#undef CHECK_STATUS
    ck_assert_str_eq(mxtls_status_name(9999), "MXTLS_UNKNOWN");
    ck_assert_str_eq(mxtls_strerror(-1), "unknown status");
}
END_TEST

START_TEST(status_values_are_pinned)
{
    /* Bindings hard-code these numbers: they must never change. */
    ck_assert_int_eq(MXTLS_OK, 0);
    ck_assert_int_eq(MXTLS_EINVAL, 1);
    ck_assert_int_eq(MXTLS_ENOMEM, 2);
    ck_assert_int_eq(MXTLS_ENOENT, 3);
    ck_assert_int_eq(MXTLS_EACCES, 4);
    ck_assert_int_eq(MXTLS_EFORMAT, 5);
    ck_assert_int_eq(MXTLS_ERANGE, 6);
    ck_assert_int_eq(MXTLS_EPOLICY, 7);
    ck_assert_int_eq(MXTLS_ESTATE, 8);
    ck_assert_int_eq(MXTLS_ERESOLVER, 9);
    ck_assert_int_eq(MXTLS_ETLS, 10);
    ck_assert_int_eq(MXTLS_EIO, 11);
    ck_assert_int_eq(MXTLS_EINTERNAL, 12);
}
END_TEST

START_TEST(version_matches_headers)
{
    char expect[32];
    ck_assert_uint_eq(mxtls_version(), MXTLS_VERSION_NUMBER);
    ck_assert_str_eq(mxtls_version_string(), MXTLS_VERSION_STRING);
    snprintf(expect, sizeof expect, "%d.%d.%d", MXTLS_VERSION_MAJOR, MXTLS_VERSION_MINOR,
             MXTLS_VERSION_PATCH);
    ck_assert_str_eq(mxtls_version_string(), expect);
}
END_TEST

START_TEST(ctx_defaults)
{
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_RESOLVE), 10000);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_CONNECT), 30000);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_STARTTLS), 30000);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_VERIFY), 30000);
    ck_assert_str_eq(mxtls_ctx_get_helo_name(ctx), "localhost");
    ck_assert_ptr_null(mxtls_ctx_get_ca_file(ctx));
    ck_assert_ptr_null(mxtls_ctx_get_ca_dir(ctx));
    ck_assert_str_eq(mxtls_ctx_get_trust_anchor_file(ctx), "/usr/share/dns/root.key");
    ck_assert_int_eq(mxtls_ctx_get_resolver_mode(ctx), MXTLS_RESOLVER_SYSTEM);
    ck_assert_ptr_null(mxtls_ctx_get_forwarder(ctx));
    ck_assert_ptr_null(mxtls_ctx_get_proxy_ranges_file(ctx));
    ck_assert_int_eq(mxtls_ctx_get_address_policy(ctx), MXTLS_ADDR_ALLOW_ALL);
    ck_assert_int_eq(mxtls_ctx_get_dns_transport(ctx), MXTLS_DNS_TRANSPORT_UDP);
    ck_assert_str_eq(mxtls_ctx_error_detail(ctx), "");
}
END_TEST

START_TEST(null_arguments_are_einval)
{
    ck_assert_int_eq(mxtls_ctx_new(NULL), MXTLS_EINVAL);
    mxtls_ctx_free(NULL);
    ck_assert_str_eq(mxtls_ctx_error_detail(NULL), "");
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(NULL, 0, 5), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_helo_name(NULL, "a"), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_helo_name(ctx, NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(NULL, NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_use_forwarder(ctx, NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, NULL, "127.0.0.1"), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, "a.test", NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_add_trust_anchor(ctx, NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_use_recursion(NULL), MXTLS_EINVAL);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(NULL, 1), 0);
    ck_assert_ptr_null(mxtls_ctx_get_helo_name(NULL));
}
END_TEST

START_TEST(timeouts_validate_stage_and_range)
{
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, 1500), MXTLS_OK);
    for (int stage = 1; stage <= 4; stage++)
        ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, stage), 1500);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_CONNECT, 250), MXTLS_OK);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_CONNECT), 250);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_VERIFY), 1500);
    /* The whole check's deadline is its own: ALL leaves it at its default. */
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_CHECK), 120000);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_CHECK, 90000), MXTLS_OK);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_CHECK), 90000);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, MXTLS_STAGE_VERIFY), 1500);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, 6, 100), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, -1, 100), MXTLS_EINVAL);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), "unknown stage"));
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, 1, 0), MXTLS_ERANGE);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, 1, 600001), MXTLS_ERANGE);
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, 1), 1500); /* unchanged */
    ck_assert_uint_eq(mxtls_ctx_get_timeout_ms(ctx, 0), 0);
}
END_TEST

START_TEST(helo_name_accepts_hosts_and_literals_only)
{
    static const char *good[] = {"mail.example.com", "mail.example.com.", "localhost",
                                 "[192.0.2.1]", "[IPv6:2001:db8::1]", "xn--bcher-kva.example"};
    static const char *bad[] = {"", "-bad.example", "bad-.example", "a..b", "under_score.example",
                                "[192.0.2.1", "[2001:db8::1]", "[IPv6:192.0.2.1]", "sp ace",
                                "bücher.example"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        ck_assert_msg(mxtls_ctx_set_helo_name(ctx, good[i]) == MXTLS_OK, "%s", good[i]);
        ck_assert_str_eq(mxtls_ctx_get_helo_name(ctx), good[i]);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_msg(mxtls_ctx_set_helo_name(ctx, bad[i]) == MXTLS_EINVAL, "%s", bad[i]);
        ck_assert_str_ne(mxtls_ctx_error_detail(ctx), "");
    }
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    ck_assert_int_eq(mxtls_ctx_set_helo_name(ctx, longname), MXTLS_EINVAL);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), "longer than"));
    /* A label of 64 octets is too long even when the name is short. */
    char label64[80] = {0};
    memset(label64, 'b', 64);
    strcat(label64, ".example");
    ck_assert_int_eq(mxtls_ctx_set_helo_name(ctx, label64), MXTLS_EINVAL);
    ck_assert_str_eq(mxtls_ctx_get_helo_name(ctx), good[5]); /* last good kept */
}
END_TEST

START_TEST(file_options_report_missing_and_wrong_kind)
{
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, "/nonexistent/ca.pem"), MXTLS_ENOENT);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), "/nonexistent/ca.pem"));
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, "/tmp"), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, ""), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_ca_dir(ctx, "/etc/hostname"), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_ca_dir(ctx, "/nonexistent"), MXTLS_ENOENT);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx, "/nonexistent.key"), MXTLS_ENOENT);
    ck_assert_int_eq(mxtls_ctx_use_system_resolver(ctx, "/nonexistent/resolv.conf"),
                     MXTLS_ENOENT);
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(ctx, "/nonexistent"), MXTLS_ENOENT);

    char *path = temp_file("-----BEGIN CERTIFICATE-----\n");
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
    ck_assert_str_eq(mxtls_ctx_get_ca_file(ctx), path);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, NULL), MXTLS_OK);
    ck_assert_ptr_null(mxtls_ctx_get_ca_file(ctx));
    ck_assert_int_eq(mxtls_ctx_set_ca_dir(ctx, "/tmp"), MXTLS_OK);
    ck_assert_str_eq(mxtls_ctx_get_ca_dir(ctx), "/tmp");
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx, path), MXTLS_OK);
    ck_assert_str_eq(mxtls_ctx_get_trust_anchor_file(ctx), path);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx, NULL), MXTLS_OK);
    ck_assert_str_eq(mxtls_ctx_get_trust_anchor_file(ctx), "/usr/share/dns/root.key");
    unlink(path);
    free(path);

    char longpath[5000];
    memset(longpath, 'p', sizeof longpath - 1);
    longpath[0] = '/';
    longpath[sizeof longpath - 1] = '\0';
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, longpath), MXTLS_EINVAL);
}
END_TEST

START_TEST(unreadable_file_is_eacces)
{
    if (geteuid() == 0)
        return; /* root reads everything; nothing to observe */
    char *path = temp_file("x");
    chmod(path, 0);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_EACCES);
    unlink(path);
    free(path);
}
END_TEST

START_TEST(resolver_modes)
{
    ck_assert_int_eq(mxtls_ctx_use_forwarder(ctx, "127.0.0.53"), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_get_resolver_mode(ctx), MXTLS_RESOLVER_FORWARDER);
    ck_assert_str_eq(mxtls_ctx_get_forwarder(ctx), "127.0.0.53@53");
    ck_assert_int_eq(mxtls_ctx_use_forwarder(ctx, "::1@5353"), MXTLS_OK);
    ck_assert_str_eq(mxtls_ctx_get_forwarder(ctx), "::1@5353");
    static const char *bad[] = {"", "localhost", "127.0.0.1@", "127.0.0.1@0", "127.0.0.1@65536",
                                "127.0.0.1@53x", "[::1]@53", "256.1.1.1", "@53"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(mxtls_ctx_use_forwarder(ctx, bad[i]) == MXTLS_EINVAL, "%s", bad[i]);
    ck_assert_str_eq(mxtls_ctx_get_forwarder(ctx), "::1@5353");
    ck_assert_int_eq(mxtls_ctx_use_recursion(ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_get_resolver_mode(ctx), MXTLS_RESOLVER_RECURSIVE);
    ck_assert_ptr_null(mxtls_ctx_get_forwarder(ctx));
    ck_assert_int_eq(mxtls_ctx_use_system_resolver(ctx, NULL), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_get_resolver_mode(ctx), MXTLS_RESOLVER_SYSTEM);
}
END_TEST

START_TEST(stub_zones_and_trust_anchors_are_bounded)
{
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, "mxtls.test.", "127.0.0.1@5300"), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, "bad..zone", "127.0.0.1"), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, "ok.test", "nameserver"), MXTLS_EINVAL);
    uint32_t max_zones = mxtls_limit(MXTLS_LIMIT_STUB_ZONES);
    ck_assert_uint_eq(max_zones, 64);
    for (uint32_t i = 1; i < max_zones; i++) {
        char zone[32];
        snprintf(zone, sizeof zone, "z%u.test", i);
        ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, zone, "127.0.0.1"), MXTLS_OK);
    }
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, "one-more.test", "127.0.0.1"), MXTLS_ERANGE);

    const char *ds = "mxtls.test. IN DS 12345 13 2 0123456789abcdef";
    ck_assert_int_eq(mxtls_ctx_add_trust_anchor(ctx, "not a record"), MXTLS_EINVAL);
    for (uint32_t i = 0; i < mxtls_limit(MXTLS_LIMIT_TRUST_ANCHORS); i++)
        ck_assert_int_eq(mxtls_ctx_add_trust_anchor(ctx, ds), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_trust_anchor(ctx, ds), MXTLS_ERANGE);
}
END_TEST

START_TEST(proxy_ranges_file_errors_name_the_line)
{
    char *good = temp_file("# lab ranges\n127.1.2.0/24 labcdn\n\n::1/128 labcdn # v6\n");
    char *bad = temp_file("127.1.2.0/24 labcdn\n10.0.0.0/33 labcdn\n");
    char *noprov = temp_file("10.0.0.0/8\n");
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(ctx, good), MXTLS_OK);
    ck_assert_str_eq(mxtls_ctx_get_proxy_ranges_file(ctx), good);
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(ctx, bad), MXTLS_EFORMAT);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), "line 2"));
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(ctx, noprov), MXTLS_EFORMAT);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), "line 1"));
    ck_assert_str_eq(mxtls_ctx_get_proxy_ranges_file(ctx), good); /* kept */
    ck_assert_int_eq(mxtls_ctx_set_proxy_ranges_file(ctx, NULL), MXTLS_OK);
    ck_assert_ptr_null(mxtls_ctx_get_proxy_ranges_file(ctx));
    unlink(good);
    unlink(bad);
    unlink(noprov);
    free(good);
    free(bad);
    free(noprov);
}
END_TEST

START_TEST(address_policy_values)
{
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_get_address_policy(ctx), MXTLS_ADDR_PUBLIC_ONLY);
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, 7), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_get_address_policy(ctx), MXTLS_ADDR_PUBLIC_ONLY);
}
END_TEST

START_TEST(dns_transport_values)
{
    ck_assert_int_eq(mxtls_ctx_set_dns_transport(ctx, MXTLS_DNS_TRANSPORT_TCP), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_get_dns_transport(ctx), MXTLS_DNS_TRANSPORT_TCP);
    /* the values either side of the known ones are refused, and leave
     * the setting as it was */
    ck_assert_int_eq(mxtls_ctx_set_dns_transport(ctx, 2), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_dns_transport(ctx, -1), MXTLS_EINVAL);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), "DNS transport"));
    ck_assert_int_eq(mxtls_ctx_get_dns_transport(ctx), MXTLS_DNS_TRANSPORT_TCP);
    ck_assert_int_eq(mxtls_ctx_set_dns_transport(ctx, MXTLS_DNS_TRANSPORT_UDP), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_get_dns_transport(ctx), MXTLS_DNS_TRANSPORT_UDP);
    ck_assert_int_eq(mxtls_ctx_set_dns_transport(NULL, MXTLS_DNS_TRANSPORT_TCP), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_get_dns_transport(NULL), MXTLS_DNS_TRANSPORT_UDP);
}
END_TEST

START_TEST(reference_hosts_are_names_and_bounded)
{
    /* the default list: big providers' MX hosts */
    ck_assert_uint_eq(mxtls_ctx_get_reference_host_count(ctx), 3);
    ck_assert_str_eq(mxtls_ctx_get_reference_host(ctx, 0), "gmail-smtp-in.l.google.com");
    ck_assert_ptr_null(mxtls_ctx_get_reference_host(ctx, 3));
    const char *two[] = {"ref-a.example.test", "ref-b.example.test"};
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, two, 2), MXTLS_OK);
    ck_assert_uint_eq(mxtls_ctx_get_reference_host_count(ctx), 2);
    ck_assert_str_eq(mxtls_ctx_get_reference_host(ctx, 1), "ref-b.example.test");
    /* refused: the list stays as it was, and the detail says why */
    const char *bad[] = {"ok.example.test", "not a name"};
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, bad, 2), MXTLS_EINVAL);
    ck_assert_ptr_nonnull(strstr(mxtls_ctx_error_detail(ctx), "not a name"));
    const char *empty[] = {""};
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, empty, 1), MXTLS_EINVAL);
    const char *null_name[] = {NULL};
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, null_name, 1), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, NULL, 1), MXTLS_EINVAL);
    const char *nine[9];
    for (size_t i = 0; i < 9; i++)
        nine[i] = "ref.example.test";
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, nine, 9), MXTLS_ERANGE);
    ck_assert_uint_eq(mxtls_ctx_get_reference_host_count(ctx), 2);
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, nine, 8), MXTLS_OK);
    ck_assert_uint_eq(mxtls_ctx_get_reference_host_count(ctx), 8);
    /* none: allowed, with or without a list pointer */
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(ctx, NULL, 0), MXTLS_OK);
    ck_assert_uint_eq(mxtls_ctx_get_reference_host_count(ctx), 0);
    ck_assert_ptr_null(mxtls_ctx_get_reference_host(ctx, 0));
    ck_assert_int_eq(mxtls_ctx_set_reference_hosts(NULL, two, 2), MXTLS_EINVAL);
    ck_assert_uint_eq(mxtls_ctx_get_reference_host_count(NULL), 0);
    ck_assert_ptr_null(mxtls_ctx_get_reference_host(NULL, 0));
}
END_TEST

START_TEST(limits_are_exported)
{
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_REFERENCE_HOSTS), 8);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_NAME_LENGTH), 253);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_PATH_LENGTH), 4095);
    ck_assert_uint_eq(mxtls_limit(MXTLS_LIMIT_PROXY_RANGES), 65536);
    ck_assert_uint_eq(mxtls_limit(0), 0);
    ck_assert_uint_eq(mxtls_limit(999), 0);
}
END_TEST

static Suite *common_suite(void)
{
    Suite *s = suite_create("common");
    TCase *tc = tcase_create("status-version");
    tcase_add_test(tc, status_table_round_trips);
    tcase_add_test(tc, status_values_are_pinned);
    tcase_add_test(tc, version_matches_headers);
    tcase_add_test(tc, limits_are_exported);
    suite_add_tcase(s, tc);
    tc = tcase_create("ctx");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, ctx_defaults);
    tcase_add_test(tc, null_arguments_are_einval);
    tcase_add_test(tc, timeouts_validate_stage_and_range);
    tcase_add_test(tc, helo_name_accepts_hosts_and_literals_only);
    tcase_add_test(tc, file_options_report_missing_and_wrong_kind);
    tcase_add_test(tc, unreadable_file_is_eacces);
    tcase_add_test(tc, resolver_modes);
    tcase_add_test(tc, stub_zones_and_trust_anchors_are_bounded);
    tcase_add_test(tc, proxy_ranges_file_errors_name_the_line);
    tcase_add_test(tc, address_policy_values);
    tcase_add_test(tc, dns_transport_values);
    tcase_add_test(tc, reference_hosts_are_names_and_bounded);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(common_suite());
}
