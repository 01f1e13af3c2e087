/* DANE with real DNSSEC: TLSA records from the lab's signed zones (nsd, signed
 * at test time) through the resolve stage, into the verify stage.
 *
 * Run under `with_lab.py --certs --dns`: the dns part publishes TLSA records
 * made from the lab PKI's keys (tests/fixtures/lab/dns.py, dane_records):
 *   dane-ee.secure.mxtls.test   3 1 1 good.pem's key        signed zone
 *   dane-ta.secure.mxtls.test   2 1 1 intermediate's key    signed zone
 *   dane.insecure.mxtls.test    3 1 1 good.pem's key        unsigned zone
 *   dane.bogus.mxtls.test       3 1 1 good.pem's key        expired signatures
 * and mx1.secure.mxtls.test carries a TLSA that matches no lab key. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

#define MAXC 4

static mxtls_ctx *ctx;

static void setup(void)
{
    char path[1024];

    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_add_stub_zone(ctx, mxtls_test_env("MXTLS_LAB_DNS_ZONE"),
                                             mxtls_test_env("MXTLS_LAB_DNS")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_trust_anchor_file(ctx,
                         mxtls_test_env("MXTLS_LAB_TRUST_ANCHOR")), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE, 5000), MXTLS_OK);
    snprintf(path, sizeof path, "%s/root.pem", mxtls_test_env("MXTLS_LAB_CERTS"));
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
}

static void teardown(void)
{
    mxtls_ctx_free(ctx);
    ctx = NULL;
}

/* Add the certificates of a lab PEM file to in, in file order. */
static void add_chain(mxtls_verify_input *in, const char *name)
{
    char path[1024];
    gnutls_datum_t pem, d;
    gnutls_x509_crt_t *crts = NULL;
    unsigned n = 0, i;

    snprintf(path, sizeof path, "%s/%s", mxtls_test_env("MXTLS_LAB_CERTS"), name);
    ck_assert_int_eq(gnutls_load_file(path, &pem), 0);
    ck_assert_int_ge(gnutls_x509_crt_list_import2(&crts, &n, &pem, GNUTLS_X509_FMT_PEM, 0), 0);
    for (i = 0; i < n; i++) {
        ck_assert_int_eq(gnutls_x509_crt_export2(crts[i], GNUTLS_X509_FMT_DER, &d), 0);
        ck_assert_int_eq(mxtls_verify_input_add_cert(in, d.data, d.size), MXTLS_OK);
        gnutls_free(d.data);
        gnutls_x509_crt_deinit(crts[i]);
    }
    gnutls_free(crts);
    gnutls_free(pem.data);
}

/* Resolve host (port 25), verify chain file against it; ref NULL: the host. */
static mxtls_verify_result *verify_at(const char *host, const char *chain, const char *ref)
{
    mxtls_resolve_result *dns = NULL;
    mxtls_verify_input *in = NULL;
    mxtls_verify_result *res = NULL;

    ck_assert_int_eq(mxtls_resolve_host(ctx, host, 25, &dns), MXTLS_OK);
    ck_assert_uint_eq(dns->n_hosts, 1);
    ck_assert_int_eq(mxtls_verify_input_new(&in), MXTLS_OK);
    add_chain(in, chain);
    if (ref != NULL)
        ck_assert_int_eq(mxtls_verify_input_set_reference_name(in, ref), MXTLS_OK);
    ck_assert_int_eq(mxtls_verify_input_set_mx_host(in, dns->hosts[0]), MXTLS_OK);
    mxtls_resolve_result_free(dns); /* the input holds copies */
    ck_assert_int_eq(mxtls_verify_run(ctx, in, &res), MXTLS_OK);
    mxtls_verify_input_free(in);
    return res;
}

#define assert_dane(res, want)                                                          \
    ck_assert_msg((res)->dane == (want), "dane %s, want %s",                            \
                  mxtls_dane_outcome_name((res)->dane), mxtls_dane_outcome_name(want))

START_TEST(dane_ee_from_signed_zone)
{
    mxtls_verify_result *res = verify_at("dane-ee.secure.mxtls.test", "good.chain.pem", NULL);

    assert_dane(res, MXTLS_DANE_MATCHED);
    ck_assert_int_eq(res->dane_usage, 3);
    ck_assert_int_eq(res->dane_cert, 0);
    /* The reference name defaulted to the host, which the certificate does
     * not name: DANE-EE does not care, PKIX says so. */
    ck_assert_str_eq(res->reference_name, "dane-ee.secure.mxtls.test");
    ck_assert_uint_eq(res->flags, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_ee_after_rotation)
{
    mxtls_verify_result *res = verify_at("dane-ee.secure.mxtls.test", "rotated.chain.pem", NULL);

    assert_dane(res, MXTLS_DANE_MISMATCH);
    ck_assert_int_eq(res->dane_usable_records, 1);
    ck_assert_int_eq(res->dane_matching_records, 0);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_ta_name_checked)
{
    mxtls_verify_result *res = verify_at("dane-ta.secure.mxtls.test", "good.chain.pem",
                                         "mail.mxtls.test");

    assert_dane(res, MXTLS_DANE_MATCHED);
    ck_assert_int_eq(res->dane_usage, 2);
    ck_assert_int_eq(res->dane_cert, 1);
    mxtls_verify_result_free(res);
    /* The host's own name is not on the certificate: DANE-TA fails. */
    res = verify_at("dane-ta.secure.mxtls.test", "good.chain.pem", NULL);
    assert_dane(res, MXTLS_DANE_NAME_MISMATCH);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_insecure_zone_ignored)
{
    mxtls_verify_result *res = verify_at("dane.insecure.mxtls.test", "good.chain.pem", NULL);

    assert_dane(res, MXTLS_DANE_INSECURE);
    ck_assert_int_eq(res->dane_record, -1);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_bogus_zone)
{
    mxtls_verify_result *res = verify_at("dane.bogus.mxtls.test", "good.chain.pem", NULL);

    assert_dane(res, MXTLS_DANE_BOGUS);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_other_key_and_none)
{
    mxtls_verify_result *res = verify_at("mx1.secure.mxtls.test", "good.chain.pem", NULL);

    assert_dane(res, MXTLS_DANE_MISMATCH);
    mxtls_verify_result_free(res);
    res = verify_at("nomx.mxtls.test", "good.chain.pem", NULL); /* signed, no TLSA */
    assert_dane(res, MXTLS_DANE_NO_TLSA);
    mxtls_verify_result_free(res);
}
END_TEST

/* The mapping itself, on hand-built hosts: every combination a resolver can
 * hand over, without needing a server to misbehave on cue. */
static mxtls_dns_lookup lookup(int32_t outcome, int32_t dnssec)
{
    mxtls_dns_lookup l;

    memset(&l, 0, sizeof l);
    l.struct_size = sizeof l;
    l.outcome = outcome;
    l.dnssec = dnssec;
    l.detail = "";
    return l;
}

static int32_t dane_for(const mxtls_dns_lookup *a, const mxtls_dns_lookup *tl, size_t n_tlsa)
{
    static const uint8_t data[32] = { 1 };
    mxtls_tlsa rec;
    const mxtls_tlsa *recs[1] = { &rec };
    mxtls_mx_host h;
    mxtls_verify_input *in = NULL;
    mxtls_verify_result *res = NULL;
    int32_t outcome;

    memset(&rec, 0, sizeof rec);
    rec.struct_size = sizeof rec;
    rec.usage = 3;
    rec.selector = 1;
    rec.matching_type = 1;
    rec.data_len = sizeof data;
    rec.data = data;
    memset(&h, 0, sizeof h);
    h.struct_size = sizeof h;
    h.name = "mx.example.test";
    h.a = a;
    h.tlsa_lookup = tl;
    h.n_tlsa = n_tlsa;
    h.tlsa = recs;
    ck_assert_int_eq(mxtls_verify_input_new(&in), MXTLS_OK);
    add_chain(in, "good.chain.pem");
    ck_assert_int_eq(mxtls_verify_input_set_mx_host(in, &h), MXTLS_OK);
    ck_assert_int_eq(mxtls_verify_run(ctx, in, &res), MXTLS_OK);
    ck_assert_str_eq(res->reference_name, "mx.example.test");
    outcome = res->dane;
    mxtls_verify_result_free(res);
    mxtls_verify_input_free(in);
    return outcome;
}

START_TEST(host_state_mapping)
{
    mxtls_dns_lookup a_sec = lookup(MXTLS_DNS_NOERROR, MXTLS_DNSSEC_SECURE);
    mxtls_dns_lookup a_ins = lookup(MXTLS_DNS_NOERROR, MXTLS_DNSSEC_INSECURE);
    mxtls_dns_lookup a_bog = lookup(MXTLS_DNS_SERVFAIL, MXTLS_DNSSEC_BOGUS);
    mxtls_dns_lookup t_sec = lookup(MXTLS_DNS_NOERROR, MXTLS_DNSSEC_SECURE);
    mxtls_dns_lookup t_nodata = lookup(MXTLS_DNS_NODATA, MXTLS_DNSSEC_SECURE);
    mxtls_dns_lookup t_fail = lookup(MXTLS_DNS_SERVFAIL, MXTLS_DNSSEC_NONE);
    mxtls_dns_lookup t_timeout = lookup(MXTLS_DNS_TIMEOUT, MXTLS_DNSSEC_NONE);
    mxtls_dns_lookup t_bog = lookup(MXTLS_DNS_SERVFAIL, MXTLS_DNSSEC_BOGUS);

    ck_assert_int_eq(dane_for(&a_sec, &t_sec, 1), MXTLS_DANE_MISMATCH);
    ck_assert_int_eq(dane_for(&a_sec, &t_nodata, 0), MXTLS_DANE_NO_TLSA);
    ck_assert_int_eq(dane_for(&a_sec, &t_fail, 0), MXTLS_DANE_LOOKUP_FAILED);
    ck_assert_int_eq(dane_for(&a_sec, &t_timeout, 0), MXTLS_DANE_LOOKUP_FAILED);
    ck_assert_int_eq(dane_for(&a_sec, &t_bog, 0), MXTLS_DANE_BOGUS);
    /* Insecure addresses: TLSA cannot be trusted, whatever it says. */
    ck_assert_int_eq(dane_for(&a_ins, &t_sec, 1), MXTLS_DANE_INSECURE);
    ck_assert_int_eq(dane_for(&a_ins, &t_fail, 0), MXTLS_DANE_NO_TLSA);
    ck_assert_int_eq(dane_for(&a_bog, &t_sec, 1), MXTLS_DANE_BOGUS);
    ck_assert_int_eq(dane_for(NULL, &t_sec, 1), MXTLS_DANE_INSECURE); /* IP literal */
    ck_assert_int_eq(dane_for(&a_sec, NULL, 0), MXTLS_DANE_NO_TLSA);  /* not asked */
    ck_assert_str_eq(mxtls_dane_outcome_name(MXTLS_DANE_LOOKUP_FAILED), "lookup-failed");
    ck_assert_int_eq(mxtls_verify_input_set_mx_host(NULL, NULL), MXTLS_EINVAL);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("verify-dns");
    TCase *tc = tcase_create("dane");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, dane_ee_from_signed_zone);
    tcase_add_test(tc, dane_ee_after_rotation);
    tcase_add_test(tc, dane_ta_name_checked);
    tcase_add_test(tc, dane_insecure_zone_ignored);
    tcase_add_test(tc, dane_bogus_zone);
    tcase_add_test(tc, dane_other_key_and_none);
    tcase_add_test(tc, host_state_mapping);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(suite());
}
