/* MTA-STS: policies fetched from a real HTTPS server (Debian's nginx).
 *
 * Run under `with_lab.py --certs --https`: tests/fixtures/lab/https.py serves
 * one scenario per domain sts-<name>.mxtls.test at MXTLS_LAB_HTTPS:443, with
 * certificates from the lab PKI whose root is the only trusted CA here.
 * The policies list mx "mail.D" and, for enforce, "*.mx.D". */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

static const char *const txt_ok[] = { "v=STSv1; id=20260101T000000;" };
static mxtls_ctx *ctx;
static const char *https_addr;

static void setup(void)
{
    const char *certdir = getenv("MXTLS_LAB_CERTS");
    char path[1024];

    https_addr = getenv("MXTLS_LAB_HTTPS");
    ck_assert_msg(certdir && https_addr, "run under with_lab.py --certs --https");
    snprintf(path, sizeof path, "%s/root.pem", certdir);
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_VERIFY, 5000), MXTLS_OK);
}

static void teardown(void)
{
    mxtls_ctx_free(ctx);
    ctx = NULL;
}

/* The domain of scenario NAME, from the lab's environment. */
static const char *domain_of(const char *scenario)
{
    char var[64];
    const char *d;
    size_t i;

    snprintf(var, sizeof var, "MXTLS_LAB_STS_%s", scenario);
    for (i = 0; var[i]; i++)
        if (var[i] >= 'a' && var[i] <= 'z')
            var[i] = (char)(var[i] - 'a' + 'A');
    d = getenv(var);
    ck_assert_msg(d != NULL, "%s not set", var);
    return d;
}

/* Check scenario's domain with MX hosts "<prefix>.D" for each prefix. */
static mxtls_mtasts_result *check_mx(const char *scenario, const char *addr,
                                     const char *const *prefixes, size_t n)
{
    const char *d = domain_of(scenario);
    char names[4][300];
    const char *mx[4];
    mxtls_mtasts_result *res = NULL;
    size_t i;

    ck_assert_uint_le(n, 4);
    for (i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "%s.%s", prefixes[i], d);
        mx[i] = names[i];
    }
    ck_assert_int_eq(mxtls_mtasts_check(ctx, d, txt_ok, 1, addr, mx, n, &res), MXTLS_OK);
    ck_assert_ptr_nonnull(res);
    ck_assert_uint_eq(res->struct_size, sizeof *res);
    ck_assert_ptr_nonnull(res->detail);
    return res;
}

static mxtls_mtasts_result *check(const char *scenario)
{
    static const char *const two[] = { "mail", "backup" };

    return check_mx(scenario, https_addr, two, 2);
}

#define assert_outcome(res, want)                                                          \
    ck_assert_msg((res)->outcome == (want), "outcome %s, want %s (%s)",                  \
                  mxtls_mtasts_outcome_name((res)->outcome), mxtls_mtasts_outcome_name(want), \
                  (res)->detail)

static void assert_fetch_failed(mxtls_mtasts_result *res, int32_t why)
{
    assert_outcome(res, MXTLS_MTASTS_FETCH_FAILED);
    ck_assert_msg(res->fetch_error == why, "fetch_error %d, want %d (%s)", res->fetch_error, why,
                  res->detail);
    ck_assert_int_eq(res->mode, MXTLS_MTASTS_MODE_UNKNOWN);
    ck_assert_uint_eq(res->n_mx_patterns, 0);
}

START_TEST(enforce_all_matched)
{
    static const char *const mx[] = { "mail", "a.mx", "B.MX" };
    mxtls_mtasts_result *res = check_mx("enforce", https_addr, mx, 3);
    char want[300];

    assert_outcome(res, MXTLS_MTASTS_POLICY);
    ck_assert_int_eq(res->mode, MXTLS_MTASTS_MODE_ENFORCE);
    ck_assert_int_eq(res->fetch_error, MXTLS_MTASTS_FETCH_OK);
    ck_assert_int_eq(res->http_status, 200);
    ck_assert_str_eq(res->content_type, "text/plain");
    ck_assert_int_eq(res->max_age_s, 86400);
    ck_assert_str_eq(res->txt_id, "20260101T000000");
    ck_assert_uint_eq(res->n_mx_patterns, 2);
    snprintf(want, sizeof want, "mail.%s", domain_of("enforce"));
    ck_assert_str_eq(res->mx_patterns[0], want);
    snprintf(want, sizeof want, "*.mx.%s", domain_of("enforce"));
    ck_assert_str_eq(res->mx_patterns[1], want);
    ck_assert_uint_eq(res->n_unmatched, 0);
    snprintf(want, sizeof want, "https://mta-sts.%s/.well-known/mta-sts.txt",
             domain_of("enforce"));
    ck_assert_str_eq(res->policy_url, want);
    ck_assert_str_eq(res->detail, "mode enforce; every MX host matches the policy");
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(enforce_wildcard_one_label)
{
    static const char *const mx[] = { "a.b.mx", "mx" };
    mxtls_mtasts_result *res = check_mx("enforce", https_addr, mx, 2);
    char want[300];

    assert_outcome(res, MXTLS_MTASTS_POLICY);
    ck_assert_uint_eq(res->n_unmatched, 2);
    snprintf(want, sizeof want, "a.b.mx.%s", domain_of("enforce"));
    ck_assert_str_eq(res->unmatched_mx[0], want);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(mx_missing)
{
    mxtls_mtasts_result *res = check("missingmx");
    char want[300];

    assert_outcome(res, MXTLS_MTASTS_POLICY);
    ck_assert_int_eq(res->mode, MXTLS_MTASTS_MODE_ENFORCE);
    ck_assert_uint_eq(res->n_unmatched, 1);
    snprintf(want, sizeof want, "backup.%s", domain_of("missingmx"));
    ck_assert_str_eq(res->unmatched_mx[0], want);
    ck_assert_ptr_nonnull(strstr(res->detail, want));
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(testing_mode)
{
    mxtls_mtasts_result *res = check("testing");

    assert_outcome(res, MXTLS_MTASTS_POLICY);
    ck_assert_int_eq(res->mode, MXTLS_MTASTS_MODE_TESTING);
    ck_assert_uint_eq(res->n_unmatched, 1);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(none_mode)
{
    mxtls_mtasts_result *res = check("none");

    assert_outcome(res, MXTLS_MTASTS_POLICY);
    ck_assert_int_eq(res->mode, MXTLS_MTASTS_MODE_NONE);
    ck_assert_uint_eq(res->n_unmatched, 0);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(redirect_refused)
{
    mxtls_mtasts_result *res = check("redirect");

    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_REDIRECT);
    ck_assert_int_eq(res->http_status, 301);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(invalid_line)
{
    mxtls_mtasts_result *res = check("invalid");

    assert_outcome(res, MXTLS_MTASTS_INVALID_POLICY);
    ck_assert_int_eq(res->invalid_line, 2);
    ck_assert_str_eq(res->invalid_text, "mode: enforcing");
    ck_assert_str_eq(res->detail, "invalid policy, line 2 \"mode: enforcing\": mode is not "
                                  "enforce, testing or none");
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(wrong_certificate)
{
    mxtls_mtasts_result *res = check("wrongcert");

    assert_outcome(res, MXTLS_MTASTS_WEBPKI_INVALID);
    ck_assert_int_eq(res->http_status, 0);
    ck_assert_int_eq(res->curl_error, 60);
    mxtls_mtasts_result_free(res);
    res = check("selfsigned");
    assert_outcome(res, MXTLS_MTASTS_WEBPKI_INVALID);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(server_down)
{
    static const char *const mx[] = { "mail" };
    mxtls_mtasts_result *res = check_mx("down", getenv("MXTLS_LAB_HTTPS_DOWN"), mx, 1);

    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_CONNECT);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(body_70k)
{
    mxtls_mtasts_result *res = check("big");

    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_TOO_LARGE);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(content_type)
{
    mxtls_mtasts_result *res = check("ctype");

    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_CONTENT_TYPE);
    ck_assert_str_eq(res->content_type, "text/html");
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(not_found)
{
    mxtls_mtasts_result *res = check("notfound");

    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_HTTP_STATUS);
    ck_assert_int_eq(res->http_status, 404);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(slow_server_deadline)
{
    mxtls_mtasts_result *res;

    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_VERIFY, 800), MXTLS_OK);
    res = check("slow");
    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_TIMEOUT);
    ck_assert_int_ge(res->elapsed_ms, 700);
    ck_assert_int_lt(res->elapsed_ms, 3000);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(txt_records)
{
    static const char *const none[] = { "v=spf1 -all", "v=STSv10; id=1" };
    static const char *const two[] = { "v=STSv1; id=1", "v=STSv1; id=2" };
    static const char *const bad[] = { "v=STSv1; id=not-alnum" };
    const char *d = domain_of("enforce");
    mxtls_mtasts_result *res = NULL;

    ck_assert_int_eq(mxtls_mtasts_check(ctx, d, NULL, 0, https_addr, NULL, 0, &res), MXTLS_OK);
    assert_outcome(res, MXTLS_MTASTS_NO_POLICY);
    mxtls_mtasts_result_free(res);
    ck_assert_int_eq(mxtls_mtasts_check(ctx, d, none, 2, https_addr, NULL, 0, &res), MXTLS_OK);
    assert_outcome(res, MXTLS_MTASTS_NO_POLICY);
    mxtls_mtasts_result_free(res);
    ck_assert_int_eq(mxtls_mtasts_check(ctx, d, two, 2, https_addr, NULL, 0, &res), MXTLS_OK);
    assert_outcome(res, MXTLS_MTASTS_TXT_MULTIPLE);
    mxtls_mtasts_result_free(res);
    ck_assert_int_eq(mxtls_mtasts_check(ctx, d, bad, 1, https_addr, NULL, 0, &res), MXTLS_OK);
    assert_outcome(res, MXTLS_MTASTS_TXT_INVALID);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(address_required)
{
    const char *d = domain_of("enforce");
    mxtls_mtasts_result *res = NULL;

    ck_assert_int_eq(mxtls_mtasts_check(ctx, d, txt_ok, 1, NULL, NULL, 0, &res), MXTLS_OK);
    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_NO_ADDRESS);
    mxtls_mtasts_result_free(res);
    /* A name is not an address: our resolver, not libcurl's, finds it. */
    ck_assert_int_eq(mxtls_mtasts_check(ctx, d, txt_ok, 1, "localhost", NULL, 0, &res),
                     MXTLS_OK);
    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_NO_ADDRESS);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(address_policy_applies)
{
    static const char *const mx[] = { "mail" };
    mxtls_mtasts_result *res;

    /* A web panel checking strangers' domains must not fetch from loopback. */
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    res = check_mx("enforce", https_addr, mx, 1);
    assert_fetch_failed(res, MXTLS_MTASTS_FETCH_ADDRESS_REFUSED);
    ck_assert_int_eq(res->elapsed_ms, 0);
    mxtls_mtasts_result_free(res);
}
END_TEST

START_TEST(bad_arguments)
{
    mxtls_mtasts_result *res = (void *)1;

    ck_assert_int_eq(mxtls_mtasts_check(NULL, "a.test", NULL, 0, NULL, NULL, 0, &res),
                     MXTLS_EINVAL);
    ck_assert_ptr_null(res);
    ck_assert_int_eq(mxtls_mtasts_check(ctx, "", NULL, 0, NULL, NULL, 0, &res), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_mtasts_check(ctx, "a b.test", NULL, 0, NULL, NULL, 0, &res),
                     MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_mtasts_check(ctx, "a.test/x", NULL, 0, NULL, NULL, 0, &res),
                     MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_mtasts_check(ctx, "a.test", NULL, 1, NULL, NULL, 0, &res),
                     MXTLS_EINVAL);
    mxtls_mtasts_result_free(NULL);
}
END_TEST

static Suite *mtasts_suite(void)
{
    Suite *s = suite_create("mtasts");
    TCase *tc = tcase_create("fetch");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, enforce_all_matched);
    tcase_add_test(tc, enforce_wildcard_one_label);
    tcase_add_test(tc, mx_missing);
    tcase_add_test(tc, testing_mode);
    tcase_add_test(tc, none_mode);
    tcase_add_test(tc, redirect_refused);
    tcase_add_test(tc, invalid_line);
    tcase_add_test(tc, wrong_certificate);
    tcase_add_test(tc, server_down);
    tcase_add_test(tc, body_70k);
    tcase_add_test(tc, content_type);
    tcase_add_test(tc, not_found);
    tcase_add_test(tc, slow_server_deadline);
    tcase_add_test(tc, txt_records);
    tcase_add_test(tc, address_required);
    tcase_add_test(tc, address_policy_applies);
    tcase_add_test(tc, bad_arguments);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(mtasts_suite());
}
