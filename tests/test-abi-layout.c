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
    tcase_add_test(tc, status_is_int_sized);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(layout_suite());
}
