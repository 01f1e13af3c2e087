/* Shared by the Check runners: run a suite with TAP on stdout for meson. */
#ifndef MXTLS_TESTLIB_H
#define MXTLS_TESTLIB_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Run the suite; TAP goes to stdout when CK_TAP_LOG_FILE_NAME=- (meson
 * sets it), so Check's own summary is kept quiet. Returns the exit status. */
static inline int mxtls_test_run(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_ENV);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Getenv that fails the test with a clear message when the lab did not set it. */
static inline const char *mxtls_test_env(const char *name)
{
    const char *value = getenv(name);
    ck_assert_msg(value != NULL && *value, "%s is not set: run under tests/fixtures/with_lab.py",
                  name);
    return value;
}

/* Time a test may allow past a deadline for the code's own work after it,
 * scaled by MXTLS_TEST_TIME_FACTOR (the valgrind setup sets it: the deadline
 * logic does not change under valgrind, but everything around it is ~20x
 * slower). */
static inline long long mxtls_test_slack_ms(long long base)
{
    const char *factor = getenv("MXTLS_TEST_TIME_FACTOR");
    long long f = factor ? atoll(factor) : 1;
    return base * (f > 0 ? f : 1);
}

/* 1 under the valgrind test setup (it sets MXTLS_TEST_TIME_FACTOR), which
 * virtualises process limits such as RLIMIT_NOFILE. */
static inline int mxtls_test_under_valgrind(void)
{
    const char *factor = getenv("MXTLS_TEST_TIME_FACTOR");
    return factor != NULL && atoi(factor) > 1;
}

/* How many times needle occurs in hay, overlapping ones included. */
static inline size_t mxtls_test_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *at = strstr(hay, needle); at; at = strstr(at + 1, needle))
        n++;
    return n;
}

#endif
