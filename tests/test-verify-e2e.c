/* The verify stage on what real handshakes received: connect, STARTTLS, then
 * mxtls_verify(), against the lab's Postfix and the fault servers that are
 * fine except for the certificate they serve. This is Gmail's "the
 * certificate doesn't match the host", end to end, for each of its causes.
 *
 * Run under `with_lab.py --certs --dns --smtp`. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

static mxtls_ctx *ctx;

static void setup(void)
{
    char path[1024];

    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    snprintf(path, sizeof path, "%s/root.pem", mxtls_test_env("MXTLS_LAB_CERTS"));
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, mxtls_test_env("MXTLS_LAB_DNS_ZONE"),
                                             mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, 10000), MXTLS_OK);
}

static void teardown(void)
{
    mxtls_ctx_free(ctx);
    ctx = NULL;
}

/* STARTTLS to the server in env var ("ADDR:PORT") with SNI sni. */
static mxtls_tls_result *handshake(const char *var, const char *sni)
{
    char host[64];
    const char *v = mxtls_test_env(var), *colon = strrchr(v, ':');
    mxtls_address *a = NULL;
    mxtls_session *s = NULL;
    mxtls_connect_result *cr = NULL;
    mxtls_tls_params *params = NULL;
    mxtls_tls_result *tr = NULL;

    ck_assert_ptr_nonnull(colon);
    snprintf(host, sizeof host, "%.*s", (int)(colon - v), v);
    ck_assert_int_eq(mxtls_address_parse(ctx, host, &a), MXTLS_OK);
    ck_assert_int_eq(mxtls_connect(ctx, a, atoi(colon + 1), MXTLS_MODE_STARTTLS, sni, &s, &cr),
                     MXTLS_OK);
    ck_assert_msg(s != NULL, "connect to %s: %s", v, cr->detail);
    ck_assert_int_eq(mxtls_tls_params_new(&params), MXTLS_OK);
    ck_assert_int_eq(mxtls_tls_params_set_sni(params, sni), MXTLS_OK);
    ck_assert_int_eq(mxtls_starttls(s, params, &tr), MXTLS_OK);
    ck_assert_msg(tr->failure == MXTLS_TLS_OK, "STARTTLS to %s: %s", v, tr->detail);
    mxtls_tls_params_free(params);
    mxtls_session_close(s);
    mxtls_connect_result_free(cr);
    mxtls_address_free(a);
    return tr;
}

static mxtls_verify_result *verify_server(const char *var, const char *name)
{
    mxtls_tls_result *tr = handshake(var, name);
    mxtls_verify_result *res = NULL;

    ck_assert_int_eq(mxtls_verify(ctx, tr, NULL, NULL, &res), MXTLS_OK); /* name: the SNI */
    ck_assert_str_eq(res->reference_name, name);
    mxtls_tls_result_free(tr);
    return res;
}

struct server_case {
    const char *var;
    uint32_t flags;
};

START_TEST(each_certificate_cause)
{
    static const struct server_case cases[] = {
        { "MXTLS_LAB_POSTFIX_SMTP", MXTLS_VERIFY_TRUSTED },
        { "MXTLS_LAB_FAULT_GOOD", MXTLS_VERIFY_TRUSTED },
        { "MXTLS_LAB_FAULT_SELFSIGNED", MXTLS_VERIFY_SELF_SIGNED },
        { "MXTLS_LAB_FAULT_WRONGNAME", MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH },
        { "MXTLS_LAB_FAULT_EXPIRED", MXTLS_VERIFY_EXPIRED },
        { "MXTLS_LAB_FAULT_NOTYET", MXTLS_VERIFY_NOT_YET_VALID },
        { "MXTLS_LAB_FAULT_SHA1", MXTLS_VERIFY_WEAK_SIGNATURE },
        { "MXTLS_LAB_FAULT_RSA1024", MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_WEAK_KEY },
        { "MXTLS_LAB_FAULT_UNTRUSTED", MXTLS_VERIFY_UNKNOWN_ISSUER },
        { "MXTLS_LAB_FAULT_MISSING_INTERMEDIATE", MXTLS_VERIFY_UNKNOWN_ISSUER },
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mxtls_verify_result *res = verify_server(cases[i].var, "mail.mxtls.test");
        ck_assert_msg(res->flags == cases[i].flags, "%s: flags %#x, want %#x (%s)",
                      cases[i].var, res->flags, cases[i].flags, res->detail);
        ck_assert_uint_ge(res->n_certs, 1);
        mxtls_verify_result_free(res);
    }
}
END_TEST

START_TEST(send_as_host_not_on_certificate)
{
    /* Gmail's Send-As checks the host the user typed, not the MX. */
    static const char *const names[] = { "mail.mxtls.test", "smtp.mxtls.test", "localhost" };
    mxtls_verify_result *res = verify_server("MXTLS_LAB_POSTFIX_SMTP", "submit.mxtls.test");

    ck_assert_uint_eq(res->flags, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    ck_assert_uint_eq(res->n_names, 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert_str_eq(res->names[i], names[i]);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_with_resolve_result)
{
    /* The good server's key has a 3 1 1 record at dane-ee.secure (signed). */
    const char *host = "dane-ee.secure.mxtls.test";
    mxtls_resolve_result *dns = NULL;
    mxtls_tls_result *tr = handshake("MXTLS_LAB_FAULT_GOOD", host);
    mxtls_verify_result *res = NULL;

    ck_assert_int_eq(mxtls_resolve_host(ctx, host, 25, &dns), MXTLS_OK);
    ck_assert_int_eq(mxtls_verify(ctx, tr, host, dns, &res), MXTLS_OK);
    ck_assert_int_eq(res->dane, MXTLS_DANE_MATCHED);
    ck_assert_int_eq(res->dane_usage, 3);
    mxtls_verify_result_free(res);
    /* Another name than the resolved host's: its TLSA does not apply. */
    ck_assert_int_eq(mxtls_verify(ctx, tr, "mail.mxtls.test", dns, &res), MXTLS_OK);
    ck_assert_int_eq(res->dane, MXTLS_DANE_NO_TLSA);
    ck_assert_uint_eq(res->flags, MXTLS_VERIFY_TRUSTED);
    mxtls_verify_result_free(res);
    mxtls_resolve_result_free(dns);
    mxtls_tls_result_free(tr);
}
END_TEST

START_TEST(bad_arguments)
{
    mxtls_verify_result *res = (void *)1;

    ck_assert_int_eq(mxtls_verify(ctx, NULL, "a", NULL, &res), MXTLS_EINVAL);
    ck_assert_ptr_null(res);
    ck_assert_int_eq(mxtls_verify(NULL, NULL, NULL, NULL, NULL), MXTLS_EINVAL);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("verify-e2e");
    TCase *tc = tcase_create("handshakes");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, each_certificate_cause);
    tcase_add_test(tc, send_as_host_not_on_certificate);
    tcase_add_test(tc, dane_with_resolve_result);
    tcase_add_test(tc, bad_arguments);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(suite());
}
