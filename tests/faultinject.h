/* Allocation-failure injection for the internal test builds (linked with
 * libmxtls-internal, built with MXTLS_FAULT_INJECTION), as c-ares tests it.
 *
 * Every loop here also checks, from alloc.c's own block count, that a run
 * leaves no mxtls allocation behind (ASan and valgrind see the same from
 * outside, and also see GnuTLS's and libunbound's memory). At exit each
 * runner prints "# enomem: N allocations failed, M distinct call sites"
 * (TAP comment) and, when MXTLS_ENOMEM_SITES names a file, appends the
 * file:line of every call site it failed there, one per line, so that
 * scripts/enomem-sites can add the suites up against a grep of src/. */
#ifndef MXTLS_TEST_FAULTINJECT_H
#define MXTLS_TEST_FAULTINJECT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include <mxtls/mxtls.h>

#include "../src/core/alloc.h"

static inline void mxtls_test_enomem_report(void)
{
    printf("# enomem: %ld allocations failed, %d distinct call sites\n",
           mxtls__alloc_failures(), mxtls__alloc_failed_sites());
    fflush(stdout);
    const char *path = getenv("MXTLS_ENOMEM_SITES");
    FILE *f = path && *path ? fopen(path, "a") : NULL;
    if (f == NULL)
        return;
    int line;
    const char *file;
    for (int s = 0; (file = mxtls__alloc_site_file(s, &line)) != NULL; s++)
        if (mxtls__alloc_site_failures(s) > 0)
            fprintf(f, "%s:%d\n", file, line);
    fclose(f);
}

/* Check forks a process per test (CK_FORK=no under valgrind runs them all in
 * one): the report runs at exit of whichever process ran the loops. */
static inline void mxtls_test_enomem_report_at_exit(void)
{
    static int registered;
    if (!registered && atexit(mxtls_test_enomem_report) == 0)
        registered = 1;
}

/* "file:line xN, ..." of the sites that hold more blocks than in before[]. */
static inline void mxtls_test_sites_grown(const long *before, int n_before, char *buf,
                                          size_t size)
{
    int line;
    const char *file;
    size_t used = 0;
    buf[0] = '\0';
    for (int s = 0; (file = mxtls__alloc_site_file(s, &line)) != NULL && used < size; s++) {
        long grown = mxtls__alloc_site_live(s) - (s < n_before ? before[s] : 0);
        if (grown > 0)
            used += (size_t)snprintf(buf + used, size - used, "%s:%d x%ld ", file, line, grown);
    }
}

/* One run of op with allocation n failing (-1: none). Returns op's status
 * and sets *used to the allocations it made; fails the test when the run
 * left mxtls blocks allocated. */
static inline int mxtls_test_run_failing(int (*op)(void), long n, long *used)
{
    enum { MAX_SITE_INDEX = 1024 };
    static long site_live[MAX_SITE_INDEX];
    int line, n_sites = 0;
    while (n_sites < MAX_SITE_INDEX && mxtls__alloc_site_file(n_sites, &line) != NULL) {
        site_live[n_sites] = mxtls__alloc_site_live(n_sites);
        n_sites++;
    }
    long live_before = mxtls__alloc_live_blocks();
    mxtls__alloc_fail_after(n);
    int status = op();
    *used = mxtls__alloc_count();
    mxtls__alloc_stop_failing();
    long left = mxtls__alloc_live_blocks() - live_before;
    if (left != 0) {
        char where[1024];
        mxtls_test_sites_grown(site_live, n_sites, where, sizeof where);
        ck_abort_msg("allocation %ld failing: %ld mxtls blocks left allocated: %s", n, left,
                     where);
    }
    return status;
}

/* The call site of a failed allocation, for messages. */
static inline const char *mxtls_test_site_name(int site, char *buf, size_t size)
{
    int line = 0;
    const char *file = mxtls__alloc_site_file(site, &line);
    snprintf(buf, size, "%s:%d", file ? file : "?", line);
    return buf;
}

/* Run op with allocation N failing, for N = 0, 1, ... until op completes
 * without reaching an injected failure (then it must return MXTLS_OK).
 * Every run that hit a failure must return MXTLS_ENOMEM; ASan and valgrind
 * then show that nothing leaked on those paths. Returns the number of
 * allocations failed in turn; fails the test if op needs more than max_sites. */
static inline int mxtls_test_each_allocation_failing(int (*op)(void), long max_sites)
{
    int sites = 0;
    mxtls_test_enomem_report_at_exit();
    for (long n = 0; n < max_sites; n++) {
        long used;
        int status = mxtls_test_run_failing(op, n, &used);
        if (used <= n) {
            ck_assert_int_eq(status, MXTLS_OK);
            return sites;
        }
        char where[256];
        ck_assert_msg(status == MXTLS_ENOMEM, "allocation %ld (%s) failed, status %s", n,
                      mxtls_test_site_name(mxtls__alloc_site_of(n), where, sizeof where),
                      mxtls_status_name(status));
        sites++;
    }
    ck_abort_msg("op never completed within %ld allocations", max_sites);
    return sites;
}

/* The same for an op that makes thousands of allocations and talks to
 * servers (a whole mxtls_check), after c-ares's per-site approach: a clean
 * run traces the call site of every allocation, then allocation k fails only
 * when it is the first in that trace with its call site AND the call site of
 * the allocation before it. Keying on the site alone would fail a helper
 * (resolve, buffer growth) only where the op first reaches it and miss the
 * callers that come later and handle its failure differently; the pair tells
 * most of those callers apart at a tenth of the exhaustive loop's runs.
 * Sets *allocations to the clean run's count; returns the runs that failed. */
static inline int mxtls_test_each_site_failing(int (*op)(void), long *allocations)
{
    enum { MAX_TRACE = 65536, MAX_SITE_INDEX = 1024 };
    mxtls_test_enomem_report_at_exit();
    long n_clean;
    ck_assert_int_eq(mxtls_test_run_failing(op, -1, &n_clean), MXTLS_OK);
    ck_assert_msg(n_clean <= MAX_TRACE, "%ld allocations: past the trace", n_clean);
    int *first = calloc((size_t)n_clean + 1, sizeof *first);
    unsigned char *seen = calloc((size_t)MAX_SITE_INDEX * (MAX_SITE_INDEX + 1), 1);
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(seen);
    int previous = MAX_SITE_INDEX;      /* "none" for the first allocation */
    for (long k = 0; k < n_clean; k++) {
        int site = mxtls__alloc_site_of(k);
        ck_assert_msg(site >= 0 && site < MAX_SITE_INDEX, "allocation %ld: no site", k);
        size_t key = (size_t)site * (MAX_SITE_INDEX + 1) + (size_t)previous;
        first[k] = !seen[key];
        seen[key] = 1;
        previous = site;
    }
    free(seen);
    int runs = 0;
    for (long k = 0; k < n_clean; k++) {
        if (!first[k])
            continue;
        long used;
        int status = mxtls_test_run_failing(op, k, &used);
        if (used <= k) {      /* this run took a shorter path: nothing failed */
            ck_assert_int_eq(status, MXTLS_OK);
            continue;
        }
        char where[256];
        ck_assert_msg(status == MXTLS_ENOMEM, "allocation %ld of %ld (%s) failed, status %s",
                      k, n_clean,
                      mxtls_test_site_name(mxtls__alloc_site_of(k), where, sizeof where),
                      mxtls_status_name(status));
        runs++;
    }
    free(first);
    *allocations = n_clean;
    return runs;
}

#endif
