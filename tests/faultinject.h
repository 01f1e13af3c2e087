/* Allocation-failure injection for the internal test builds (linked with
 * libmxtls-internal, built with MXTLS_FAULT_INJECTION), as c-ares tests it. */
#ifndef MXTLS_TEST_FAULTINJECT_H
#define MXTLS_TEST_FAULTINJECT_H

#include <check.h>

#include <mxtls/mxtls.h>

#include "../src/alloc.h"

/* Run op with allocation N failing, for N = 0, 1, ... until op completes
 * without reaching an injected failure (then it must return MXTLS_OK).
 * Every run that hit a failure must return MXTLS_ENOMEM; ASan and valgrind
 * then show that nothing leaked on those paths. Returns the number of
 * allocation sites exercised; fails the test if op needs more than max_sites. */
static inline int mxtls_test_each_allocation_failing(int (*op)(void), long max_sites)
{
    int sites = 0;
    for (long n = 0; n < max_sites; n++) {
        mxtls__alloc_fail_after(n);
        int status = op();
        long used = mxtls__alloc_count();
        mxtls__alloc_fail_after(-1);
        if (used <= n) {
            ck_assert_int_eq(status, MXTLS_OK);
            return sites;
        }
        ck_assert_msg(status == MXTLS_ENOMEM, "allocation %ld failed, status %s", n,
                      mxtls_status_name(status));
        sites++;
    }
    ck_abort_msg("op never completed within %ld allocations", max_sites);
    return sites;
}

#endif
