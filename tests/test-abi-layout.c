/* Pin the layout of every public struct on LP64 (x86_64, aarch64): a changed
 * offset or size here means a caller built against an older header reads the
 * wrong bytes. Appended members only ever raise sizeof; every offset below
 * stays forever. The Python binding's ctypes Structures are checked against
 * the same numbers in tests/python. */
#include <stddef.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

#define PIN_OFFSET(type, member, value) ck_assert_uint_eq(offsetof(type, member), value)

START_TEST(address_layout)
{
    PIN_OFFSET(mxtls_address, struct_size, 0);
    PIN_OFFSET(mxtls_address, family, 4);
    PIN_OFFSET(mxtls_address, text, 8);
    PIN_OFFSET(mxtls_address, bytes, 16);
    PIN_OFFSET(mxtls_address, scope, 32);
    PIN_OFFSET(mxtls_address, dnssec, 36);
    PIN_OFFSET(mxtls_address, proxy_provider, 40);
    PIN_OFFSET(mxtls_address, policy_allowed, 48);
    ck_assert_uint_eq(sizeof(mxtls_address), 56);
}
END_TEST

START_TEST(resolve_layout)
{
    PIN_OFFSET(mxtls_resolve_result, struct_size, 0);
    PIN_OFFSET(mxtls_resolve_result, query, 8);
    PIN_OFFSET(mxtls_resolve_result, a_label, 16);
    PIN_OFFSET(mxtls_resolve_result, port, 24);
    PIN_OFFSET(mxtls_resolve_result, outcome, 28);
    PIN_OFFSET(mxtls_resolve_result, dnssec, 32);
    PIN_OFFSET(mxtls_resolve_result, mx, 40);
    PIN_OFFSET(mxtls_resolve_result, null_mx, 48);
    PIN_OFFSET(mxtls_resolve_result, implicit_mx, 52);
    PIN_OFFSET(mxtls_resolve_result, n_hosts, 56);
    PIN_OFFSET(mxtls_resolve_result, hosts, 64);
    PIN_OFFSET(mxtls_resolve_result, mta_sts, 72);
    PIN_OFFSET(mxtls_resolve_result, tlsrpt, 80);
    PIN_OFFSET(mxtls_resolve_result, limits_hit, 88);
    PIN_OFFSET(mxtls_resolve_result, n_queries, 92);
    PIN_OFFSET(mxtls_resolve_result, elapsed_ms, 96);
    PIN_OFFSET(mxtls_resolve_result, detail, 104);
    ck_assert_uint_eq(sizeof(mxtls_resolve_result), 112);

    PIN_OFFSET(mxtls_mx_host, name, 8);
    PIN_OFFSET(mxtls_mx_host, preference, 16);
    PIN_OFFSET(mxtls_mx_host, flags, 20);
    PIN_OFFSET(mxtls_mx_host, canonical_name, 24);
    PIN_OFFSET(mxtls_mx_host, n_addresses, 32);
    PIN_OFFSET(mxtls_mx_host, addresses, 40);
    PIN_OFFSET(mxtls_mx_host, a, 48);
    PIN_OFFSET(mxtls_mx_host, aaaa, 56);
    PIN_OFFSET(mxtls_mx_host, tlsa_name, 64);
    PIN_OFFSET(mxtls_mx_host, n_tlsa, 72);
    PIN_OFFSET(mxtls_mx_host, tlsa, 80);
    PIN_OFFSET(mxtls_mx_host, tlsa_lookup, 88);
    ck_assert_uint_eq(sizeof(mxtls_mx_host), 96);

    PIN_OFFSET(mxtls_tlsa, usage, 4);
    PIN_OFFSET(mxtls_tlsa, selector, 5);
    PIN_OFFSET(mxtls_tlsa, matching_type, 6);
    PIN_OFFSET(mxtls_tlsa, data_len, 8);
    PIN_OFFSET(mxtls_tlsa, data, 16);
    PIN_OFFSET(mxtls_tlsa, data_hex, 24);
    PIN_OFFSET(mxtls_tlsa, dnssec, 32);
    ck_assert_uint_eq(sizeof(mxtls_tlsa), 40);

    PIN_OFFSET(mxtls_dns_lookup, qname, 8);
    PIN_OFFSET(mxtls_dns_lookup, qtype, 16);
    PIN_OFFSET(mxtls_dns_lookup, outcome, 20);
    PIN_OFFSET(mxtls_dns_lookup, rcode, 24);
    PIN_OFFSET(mxtls_dns_lookup, dnssec, 28);
    PIN_OFFSET(mxtls_dns_lookup, why_bogus, 32);
    PIN_OFFSET(mxtls_dns_lookup, detail, 40);
    PIN_OFFSET(mxtls_dns_lookup, n_records, 48);
    PIN_OFFSET(mxtls_dns_lookup, limited, 52);
    PIN_OFFSET(mxtls_dns_lookup, elapsed_ms, 56);
    ck_assert_uint_eq(sizeof(mxtls_dns_lookup), 64);

    PIN_OFFSET(mxtls_txt_set, lookup, 8);
    PIN_OFFSET(mxtls_txt_set, n_records, 16);
    PIN_OFFSET(mxtls_txt_set, records, 24);
    ck_assert_uint_eq(sizeof(mxtls_txt_set), 32);

    PIN_OFFSET(mxtls_mta_sts_txt, txt, 8);
    PIN_OFFSET(mxtls_mta_sts_txt, n_sts_records, 16);
    PIN_OFFSET(mxtls_mta_sts_txt, valid, 20);
    PIN_OFFSET(mxtls_mta_sts_txt, version, 24);
    PIN_OFFSET(mxtls_mta_sts_txt, id, 32);
    ck_assert_uint_eq(sizeof(mxtls_mta_sts_txt), 40);

    PIN_OFFSET(mxtls_tlsrpt_txt, txt, 8);
    PIN_OFFSET(mxtls_tlsrpt_txt, n_tlsrpt_records, 16);
    PIN_OFFSET(mxtls_tlsrpt_txt, valid, 20);
    PIN_OFFSET(mxtls_tlsrpt_txt, version, 24);
    PIN_OFFSET(mxtls_tlsrpt_txt, n_rua, 32);
    PIN_OFFSET(mxtls_tlsrpt_txt, rua, 40);
    ck_assert_uint_eq(sizeof(mxtls_tlsrpt_txt), 48);
}
END_TEST

START_TEST(status_is_int_sized)
{
    ck_assert_uint_eq(sizeof(mxtls_status), sizeof(int));
}
END_TEST

static Suite *layout_suite(void)
{
    Suite *s = suite_create("abi-layout");
    TCase *tc = tcase_create("layout");
    tcase_add_test(tc, address_layout);
    tcase_add_test(tc, resolve_layout);
    tcase_add_test(tc, status_is_int_sized);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(layout_suite());
}
