/* Verify stage: PKIX verdicts, names and DANE against the lab's certificates.
 *
 * Run under `with_lab.py --certs`: MXTLS_LAB_CERTS holds a root, an
 * intermediate, an untrusted root and leaves made at test time (see
 * tests/fixtures/lab/certs.py). The trust store is root.pem only. Chains are
 * fed in as DER, so no network stage is involved; TLSA data is built here
 * from the certificates, as the resolve stage's signed zone would hold it. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

#define MAXC 8

static const char *certdir;
static mxtls_ctx *ctx;

/* A PEM file (one or more certificates) as DER blobs. */
struct der_chain {
    size_t n;
    uint8_t *der[MAXC];
    size_t len[MAXC];
};

static void chain_add_file(struct der_chain *c, const char *name)
{
    char path[1024];
    gnutls_datum_t pem;
    gnutls_x509_crt_t *crts = NULL;
    unsigned n = 0, i;

    snprintf(path, sizeof path, "%s/%s", certdir, name);
    ck_assert_msg(gnutls_load_file(path, &pem) == 0, "cannot read %s", path);
    ck_assert_int_ge(gnutls_x509_crt_list_import2(&crts, &n, &pem, GNUTLS_X509_FMT_PEM, 0), 0);
    for (i = 0; i < n; i++) {
        gnutls_datum_t d;
        ck_assert_uint_lt(c->n, MAXC);
        ck_assert_int_eq(gnutls_x509_crt_export2(crts[i], GNUTLS_X509_FMT_DER, &d), 0);
        c->der[c->n] = malloc(d.size);
        memcpy(c->der[c->n], d.data, d.size);
        c->len[c->n++] = d.size;
        gnutls_free(d.data);
        gnutls_x509_crt_deinit(crts[i]);
    }
    gnutls_free(crts);
    gnutls_free(pem.data);
}

static void chain_free(struct der_chain *c)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        free(c->der[i]);
    c->n = 0;
}

/* SHA-256 or SHA-512 of the SPKI, computed by GnuTLS's key-id, independently
 * of the library's own SPKI code. */
static void spki_hash(const char *file, size_t index, int sha512, uint8_t *out, size_t *len)
{
    struct der_chain c = { 0 };
    gnutls_x509_crt_t crt;
    gnutls_datum_t d;

    chain_add_file(&c, file);
    ck_assert_uint_lt(index, c.n);
    d.data = c.der[index];
    d.size = (unsigned)c.len[index];
    gnutls_x509_crt_init(&crt);
    ck_assert_int_eq(gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER), 0);
    *len = 64;
    ck_assert_int_eq(gnutls_x509_crt_get_key_id(crt, sha512 ? GNUTLS_KEYID_USE_SHA512
                                                            : GNUTLS_KEYID_USE_SHA256,
                                                out, len), 0);
    gnutls_x509_crt_deinit(crt);
    chain_free(&c);
}

/* The certificate and SPKI hashes, against GnuTLS computing them its own way. */
static void assert_hashes(const mxtls_cert_info *ci, const char *file)
{
    struct der_chain c = { 0 };
    uint8_t h[64];
    size_t n;

    chain_add_file(&c, file);
    ck_assert_uint_eq(ci->der_len, c.len[0]);
    ck_assert_mem_eq(ci->der, c.der[0], c.len[0]);
    ck_assert_int_eq(gnutls_hash_fast(GNUTLS_DIG_SHA256, c.der[0], c.len[0], h), 0);
    ck_assert_mem_eq(ci->sha256, h, 32);
    spki_hash(file, 0, 0, h, &n);
    ck_assert_uint_eq(n, 32);
    ck_assert_mem_eq(ci->spki_sha256, h, 32);
    chain_free(&c);
}

static mxtls_verify_input *input_for(const char *files, const char *ref)
{
    mxtls_verify_input *in = NULL;
    struct der_chain c = { 0 };
    char buf[256], *save = NULL, *f;
    size_t i;

    ck_assert_int_eq(mxtls_verify_input_new(&in), MXTLS_OK);
    snprintf(buf, sizeof buf, "%s", files);
    for (f = strtok_r(buf, " ", &save); f; f = strtok_r(NULL, " ", &save))
        chain_add_file(&c, f);
    for (i = 0; i < c.n; i++)
        ck_assert_int_eq(mxtls_verify_input_add_cert(in, c.der[i], c.len[i]), MXTLS_OK);
    chain_free(&c);
    ck_assert_int_eq(mxtls_verify_input_set_reference_name(in, ref), MXTLS_OK);
    return in;
}

static mxtls_verify_result *run(mxtls_verify_input *in)
{
    mxtls_verify_result *res = NULL;

    ck_assert_int_eq(mxtls_verify_run(ctx, in, &res), MXTLS_OK);
    ck_assert_ptr_nonnull(res);
    ck_assert_uint_eq(res->struct_size, sizeof *res);
    ck_assert_ptr_nonnull(res->detail);
    mxtls_verify_input_free(in);
    return res;
}

/* Verify files (space-separated PEM files, in send order) for ref. */
static mxtls_verify_result *verify(const char *files, const char *ref)
{
    return run(input_for(files, ref));
}

static void flags_str(uint32_t flags, char *buf, size_t size)
{
    uint32_t bit;

    buf[0] = '\0';
    for (bit = 1; bit; bit <<= 1) {
        if (flags & bit) {
            strncat(buf, mxtls_verify_flag_name(bit), size - strlen(buf) - 1);
            strncat(buf, " ", size - strlen(buf) - 1);
        }
    }
}

#define assert_flags(res, want)                                                            \
    do {                                                                                   \
        char got_[512], want_[512];                                                        \
        flags_str((res)->flags, got_, sizeof got_);                                        \
        flags_str((want), want_, sizeof want_);                                            \
        ck_assert_msg((res)->flags == (uint32_t)(want), "flags: got [%s] want [%s] (%s)",  \
                      got_, want_, (res)->detail);                                         \
    } while (0)

static void assert_names(const mxtls_verify_result *res, const char *const *want, size_t n)
{
    size_t i;

    ck_assert_uint_eq(res->n_names, n);
    for (i = 0; i < n; i++)
        ck_assert_str_eq(res->names[i], want[i]);
}

static void setup(void)
{
    char path[1024];

    certdir = getenv("MXTLS_LAB_CERTS");
    ck_assert_msg(certdir != NULL, "run under with_lab.py --certs");
    snprintf(path, sizeof path, "%s/root.pem", certdir);
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
}

static void teardown(void)
{
    mxtls_ctx_free(ctx);
    ctx = NULL;
}

/* ---- PKIX and names ----------------------------------------------------- */

START_TEST(good_chain)
{
    static const char *const names[] = { "mail.mxtls.test", "smtp.mxtls.test", "localhost" };
    mxtls_verify_result *res = verify("good.chain.pem", "mail.mxtls.test");
    const mxtls_cert_info *leaf, *ca;

    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    ck_assert_uint_eq(res->gnutls_status, 0);
    ck_assert_str_eq(res->matched_name, "mail.mxtls.test");
    assert_names(res, names, 3);
    ck_assert_int_eq(res->time_invalid_cert, -1);
    ck_assert_ptr_null(res->missing_issuer);
    ck_assert_int_eq(res->dane, MXTLS_DANE_NO_TLSA);
    ck_assert_int_eq(res->mtasts, MXTLS_MTASTS_NOT_CHECKED);
    ck_assert_uint_eq(res->n_certs, 2);
    leaf = res->certs[0];
    ca = res->certs[1];
    ck_assert_uint_eq(leaf->struct_size, sizeof *leaf);
    ck_assert_str_eq(leaf->subject, "CN=mail.mxtls.test");
    ck_assert_str_eq(leaf->issuer, "CN=mxtls lab intermediate CA,O=mxtls lab");
    ck_assert_str_eq(ca->subject, leaf->issuer);
    ck_assert_uint_eq(leaf->n_dns_names, 3);
    ck_assert_uint_eq(leaf->n_ip_addresses, 0);
    ck_assert_uint_eq(leaf->is_ca, 0);
    ck_assert_uint_eq(ca->is_ca, 1);
    ck_assert_uint_eq(leaf->self_signed, 0);
    ck_assert_str_eq(leaf->key_algorithm, "EC/ECDSA");
    ck_assert_int_eq(leaf->key_bits, 256);
    ck_assert_str_eq(leaf->signature_algorithm, "ECDSA-SHA256");
    ck_assert_uint_eq(leaf->flags, 0);
    ck_assert_int_lt(leaf->not_before_ms, res->now_ms);
    ck_assert_int_gt(leaf->not_after_ms, res->now_ms + 300LL * 86400 * 1000);
    ck_assert_uint_gt(leaf->der_len, 100);
    assert_hashes(leaf, "good.pem");
    assert_hashes(ca, "intermediate.pem");
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(good_other_names)
{
    mxtls_verify_result *res = verify("good.chain.pem", "SMTP.mxtls.test.");

    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    ck_assert_str_eq(res->matched_name, "smtp.mxtls.test");
    mxtls_verify_result_free(res);
    res = verify("good.chain.pem", "imap.mxtls.test");
    assert_flags(res, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    ck_assert_ptr_null(res->matched_name);
    ck_assert_ptr_nonnull(strstr(res->detail, "does not name imap.mxtls.test"));
    mxtls_verify_result_free(res);
    /* No reference name: no name verdict at all. */
    res = verify("good.chain.pem", NULL);
    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    ck_assert_uint_eq(res->n_names, 3);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(self_signed)
{
    mxtls_verify_result *res = verify("selfsigned.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_SELF_SIGNED);
    ck_assert_uint_ne(res->gnutls_status & GNUTLS_CERT_SIGNER_NOT_FOUND, 0);
    ck_assert_str_eq(res->matched_name, "mail.mxtls.test");
    ck_assert_uint_eq(res->certs[0]->self_signed, 1);
    ck_assert_ptr_null(res->missing_issuer);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(wrong_name)
{
    static const char *const names[] = { "other.example.net" };
    mxtls_verify_result *res = verify("wrongname.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    assert_names(res, names, 1);
    ck_assert_ptr_null(res->matched_name);
    ck_assert_str_eq(res->detail, "the certificate does not name mail.mxtls.test; it names "
                                  "other.example.net");
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(wildcard)
{
    static const char *const names[] = { "*.mxtls.test" };
    mxtls_verify_result *res = verify("wildcard.chain.pem", "a.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    ck_assert_str_eq(res->matched_name, "*.mxtls.test");
    assert_names(res, names, 1);
    mxtls_verify_result_free(res);
    /* The wildcard covers exactly one label: not the bare domain, not two. */
    res = verify("wildcard.chain.pem", "mxtls.test");
    assert_flags(res, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    assert_names(res, names, 1);
    mxtls_verify_result_free(res);
    res = verify("wildcard.chain.pem", "a.b.mxtls.test");
    assert_flags(res, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(expired)
{
    mxtls_verify_result *res = verify("expired.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_EXPIRED);
    ck_assert_uint_ne(res->gnutls_status & GNUTLS_CERT_EXPIRED, 0);
    ck_assert_int_eq(res->time_invalid_cert, 0);
    ck_assert_int_lt(res->certs[0]->not_after_ms, res->now_ms - 30LL * 86400 * 1000);
    ck_assert_uint_eq(res->certs[0]->flags, MXTLS_VERIFY_EXPIRED);
    ck_assert_str_eq(res->detail, "certificate expired");
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(not_yet_valid)
{
    mxtls_verify_result *res = verify("notyet.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_NOT_YET_VALID);
    ck_assert_int_eq(res->time_invalid_cert, 0);
    ck_assert_int_gt(res->certs[0]->not_before_ms, res->now_ms + 29LL * 86400 * 1000);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(stray_expired_extra_ignored)
{
    /* A stray expired certificate after the chain, as with old cross-signs. */
    mxtls_verify_result *res = verify("good.chain.pem expired.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    ck_assert_uint_eq(res->n_certs, 3);
    ck_assert_uint_eq(res->certs[2]->flags, MXTLS_VERIFY_EXPIRED);
    ck_assert_int_eq(res->time_invalid_cert, -1);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(expiring_still_valid)
{
    mxtls_verify_result *res = verify("expiring.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    ck_assert_int_lt(res->certs[0]->not_after_ms, res->now_ms + 6LL * 86400 * 1000);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(sha1_signature)
{
    mxtls_verify_result *res = verify("sha1.chain.pem", "mail.mxtls.test");

    /* GnuTLS, like Gmail's TLS stack, no longer accepts SHA-1 signatures. */
    assert_flags(res, MXTLS_VERIFY_WEAK_SIGNATURE);
    ck_assert_uint_ne(res->gnutls_status & GNUTLS_CERT_INSECURE_ALGORITHM, 0);
    ck_assert_str_eq(res->certs[0]->signature_algorithm, "ECDSA-SHA1");
    ck_assert_uint_eq(res->certs[0]->flags, MXTLS_VERIFY_WEAK_SIGNATURE);
    ck_assert_uint_eq(res->certs[1]->flags, 0);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(rsa1024)
{
    mxtls_verify_result *res = verify("rsa1024.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_WEAK_KEY);
    ck_assert_str_eq(res->certs[0]->key_algorithm, "RSA");
    ck_assert_int_eq(res->certs[0]->key_bits, 1024);
    ck_assert_uint_eq(res->certs[0]->flags, MXTLS_VERIFY_WEAK_KEY);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(missing_intermediate)
{
    mxtls_verify_input *in;
    mxtls_verify_result *res = verify("good.pem", "mail.mxtls.test");
    struct der_chain inter = { 0 };

    /* Alone, a leaf whose issuer is unknown could come from any private CA. */
    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER);
    ck_assert_str_eq(res->missing_issuer, "CN=mxtls lab intermediate CA,O=mxtls lab");
    ck_assert_str_eq(res->matched_name, "mail.mxtls.test");
    mxtls_verify_result_free(res);
    /* An intermediate known from elsewhere proves the chain is just short. */
    in = input_for("good.pem", "mail.mxtls.test");
    chain_add_file(&inter, "intermediate.pem");
    ck_assert_int_eq(mxtls_verify_input_add_intermediate(in, inter.der[0], inter.len[0]),
                     MXTLS_OK);
    chain_free(&inter);
    res = run(in);
    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER | MXTLS_VERIFY_CHAIN_INCOMPLETE);
    ck_assert_str_eq(res->detail, "the server did not send the intermediate certificate");
    ck_assert_uint_eq(res->n_certs, 1);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(missing_intermediate_aia)
{
    mxtls_verify_result *res = verify("aia.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER | MXTLS_VERIFY_CHAIN_INCOMPLETE);
    ck_assert_str_eq(res->missing_issuer, "CN=mxtls lab intermediate CA,O=mxtls lab");
    mxtls_verify_result_free(res);
    res = verify("aia.chain.pem", "mail.mxtls.test");
    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(untrusted_root)
{
    mxtls_verify_input *in;
    struct der_chain inter = { 0 };
    mxtls_verify_result *res = verify("untrusted.pem untrusted-root.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER | MXTLS_VERIFY_UNTRUSTED_ROOT);
    ck_assert_uint_eq(res->certs[1]->self_signed, 1);
    ck_assert_ptr_null(res->missing_issuer);
    mxtls_verify_result_free(res);
    /* Without the root sent, and no intermediate that helps: only "unknown". */
    in = input_for("untrusted.pem", "mail.mxtls.test");
    chain_add_file(&inter, "intermediate.pem");
    mxtls_verify_input_add_intermediate(in, inter.der[0], inter.len[0]);
    chain_free(&inter);
    res = run(in);
    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER);
    ck_assert_str_eq(res->missing_issuer, "CN=unknown lab root CA,O=mxtls lab");
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(ip_only)
{
    static const char *const names[] = { "127.0.0.1" };
    mxtls_verify_result *res = verify("iponly.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    assert_names(res, names, 1);
    ck_assert_uint_eq(res->certs[0]->n_dns_names, 0);
    ck_assert_str_eq(res->certs[0]->ip_addresses[0], "127.0.0.1");
    ck_assert_str_eq(res->detail, "the certificate does not name mail.mxtls.test; it names "
                                  "127.0.0.1");
    mxtls_verify_result_free(res);
    res = verify("iponly.chain.pem", "127.0.0.1");
    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    ck_assert_str_eq(res->matched_name, "127.0.0.1");
    mxtls_verify_result_free(res);
    /* An IP reference never matches a dNSName spelled like it. */
    res = verify("good.chain.pem", "127.0.0.1");
    assert_flags(res, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(not_a_ca)
{
    mxtls_verify_result *res = verify("notca.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_NOT_A_CA);
    ck_assert_uint_eq(res->n_certs, 3);
    ck_assert_uint_eq(res->certs[1]->is_ca, 0);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(critical_extension)
{
    mxtls_verify_result *res = verify("critext.chain.pem", "mail.mxtls.test");

    assert_flags(res, MXTLS_VERIFY_UNSUPPORTED_CRITICAL_EXT);
    ck_assert_uint_ne(res->gnutls_status & GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS, 0);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(no_and_bad_certificates)
{
    static const uint8_t junk[] = { 0x30, 0x82, 0x01, 0x00, 0x01, 0x02 };
    const uint8_t *der[1] = { junk };
    size_t len[1] = { sizeof junk };
    mxtls_verify_result *res = NULL;

    ck_assert_int_eq(mxtls_verify_der(ctx, NULL, NULL, 0, "mail.mxtls.test", &res), MXTLS_OK);
    assert_flags(res, MXTLS_VERIFY_NO_CERTIFICATE);
    ck_assert_uint_eq(res->n_certs, 0);
    mxtls_verify_result_free(res);
    ck_assert_int_eq(mxtls_verify_der(ctx, der, len, 1, "mail.mxtls.test", &res), MXTLS_OK);
    assert_flags(res, MXTLS_VERIFY_MALFORMED);
    ck_assert_int_lt(res->gnutls_error, 0);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(bad_arguments)
{
    mxtls_verify_result *res = (void *)1;
    mxtls_verify_input *in = NULL;
    uint8_t b = 0;

    ck_assert_int_eq(mxtls_verify_der(NULL, NULL, NULL, 0, NULL, &res), MXTLS_EINVAL);
    ck_assert_ptr_null(res);
    ck_assert_int_eq(mxtls_verify_der(ctx, NULL, NULL, 1, NULL, &res), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_verify_run(ctx, NULL, &res), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_verify_input_new(&in), MXTLS_OK);
    ck_assert_int_eq(mxtls_verify_input_add_cert(in, NULL, 10), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_verify_input_add_cert(in, &b, 0), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_verify_input_set_tlsa_dnssec(in, 7), MXTLS_EINVAL);
    for (size_t i = 0; i < mxtls_verify_max_certs(); i++)
        ck_assert_int_eq(mxtls_verify_input_add_cert(in, &b, 1), MXTLS_OK);
    ck_assert_int_eq(mxtls_verify_input_add_cert(in, &b, 1), MXTLS_ERANGE);
    for (size_t i = 0; i < mxtls_verify_max_tlsa(); i++)
        ck_assert_int_eq(mxtls_verify_input_add_tlsa(in, 3, 1, 1, &b, 1), MXTLS_OK);
    ck_assert_int_eq(mxtls_verify_input_add_tlsa(in, 3, 1, 1, &b, 1), MXTLS_ERANGE);
    mxtls_verify_input_free(in);
    mxtls_verify_input_free(NULL);
    mxtls_verify_result_free(NULL);
    ck_assert_str_eq(mxtls_verify_flag_name(MXTLS_VERIFY_CHAIN_INCOMPLETE), "chain-incomplete");
    ck_assert_str_eq(mxtls_verify_flag_name(3), "unknown");
    ck_assert_str_eq(mxtls_dane_outcome_name(MXTLS_DANE_BOGUS), "bogus");
    ck_assert_str_eq(mxtls_mtasts_outcome_name(99), "unknown");
}
END_TEST

/* ---- DANE ------------------------------------------------------------------ */

static mxtls_verify_input *dane_input(const char *files, const char *ref, int32_t dnssec)
{
    mxtls_verify_input *in = input_for(files, ref);

    ck_assert_int_eq(mxtls_verify_input_set_tlsa_dnssec(in, dnssec), MXTLS_OK);
    return in;
}

/* Add "usage selector mtype" for certificate index of file (SPKI hashes). */
static void add_spki_tlsa(mxtls_verify_input *in, uint8_t usage, int sha512, const char *file,
                          size_t index)
{
    uint8_t h[64];
    size_t n;

    spki_hash(file, index, sha512, h, &n);
    ck_assert_int_eq(mxtls_verify_input_add_tlsa(in, usage, 1, sha512 ? 2 : 1, h, n), MXTLS_OK);
}

static void assert_dane(const mxtls_verify_result *res, int32_t outcome, int32_t record,
                        int32_t usage, int32_t cert)
{
    ck_assert_msg(res->dane == outcome, "dane %s, want %s", mxtls_dane_outcome_name(res->dane),
                  mxtls_dane_outcome_name(outcome));
    ck_assert_int_eq(res->dane_record, record);
    ck_assert_int_eq(res->dane_usage, usage);
    ck_assert_int_eq(res->dane_cert, cert);
}

START_TEST(dane_ee_match)
{
    mxtls_verify_input *in = dane_input("good.chain.pem", "mail.mxtls.test",
                                        MXTLS_DNSSEC_SECURE);
    mxtls_verify_result *res;

    add_spki_tlsa(in, 0, 0, "good.pem", 0); /* unusable, skipped */
    add_spki_tlsa(in, 3, 0, "good.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MATCHED, 1, 3, 0);
    /* The only usable record matches: nothing ready for the next key. */
    ck_assert_int_eq(res->dane_usable_records, 1);
    ck_assert_int_eq(res->dane_matching_records, 1);
    mxtls_verify_result_free(res);
    /* 3 1 2 and 3 0 0 as well. */
    in = dane_input("good.chain.pem", "mail.mxtls.test", MXTLS_DNSSEC_SECURE);
    add_spki_tlsa(in, 3, 1, "good.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MATCHED, 0, 3, 0);
    ck_assert_int_eq(mxtls_verify_input_new(&in), MXTLS_OK);
    mxtls_verify_input_add_cert(in, res->certs[0]->der, res->certs[0]->der_len);
    mxtls_verify_input_set_tlsa_dnssec(in, MXTLS_DNSSEC_SECURE);
    mxtls_verify_input_add_tlsa(in, 3, 0, 0, res->certs[0]->der, res->certs[0]->der_len);
    mxtls_verify_result_free(res);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MATCHED, 0, 3, 0);
    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER); /* PKIX says what it says */
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_ee_skips_name_and_dates)
{
    mxtls_verify_input *in = dane_input("expired.chain.pem", "other.mxtls.test",
                                        MXTLS_DNSSEC_SECURE);
    mxtls_verify_result *res;

    add_spki_tlsa(in, 3, 0, "expired.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MATCHED, 0, 3, 0);
    assert_flags(res, MXTLS_VERIFY_EXPIRED | MXTLS_VERIFY_NAME_MISMATCH);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_ee_rotation_mismatch)
{
    /* The TLSA still holds the old key; the server now sends the new one. */
    mxtls_verify_input *in = dane_input("rotated.chain.pem", "mail.mxtls.test",
                                        MXTLS_DNSSEC_SECURE);
    mxtls_verify_result *res;

    add_spki_tlsa(in, 3, 0, "good.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MISMATCH, -1, -1, -1);
    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    ck_assert_int_eq(res->dane_matching_records, 0);
    mxtls_verify_result_free(res);
    /* Done right: the next key's record published beside the current one. */
    in = dane_input("good.chain.pem", "mail.mxtls.test", MXTLS_DNSSEC_SECURE);
    add_spki_tlsa(in, 3, 0, "good.pem", 0);
    add_spki_tlsa(in, 3, 0, "rotated.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MATCHED, 0, 3, 0);
    ck_assert_int_eq(res->dane_usable_records, 2);
    ck_assert_int_eq(res->dane_matching_records, 1);
    mxtls_verify_result_free(res);
    in = dane_input("rotated.chain.pem", "mail.mxtls.test", MXTLS_DNSSEC_SECURE);
    add_spki_tlsa(in, 3, 0, "good.pem", 0);
    add_spki_tlsa(in, 3, 0, "rotated.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MATCHED, 1, 3, 0);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_ta_intermediate)
{
    mxtls_verify_input *in = dane_input("good.chain.pem", "mail.mxtls.test",
                                        MXTLS_DNSSEC_SECURE);
    mxtls_verify_result *res;

    add_spki_tlsa(in, 2, 0, "intermediate.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MATCHED, 0, 2, 1);
    ck_assert_uint_eq(res->dane_gnutls_status, 0);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_ta_wrong_name_fails)
{
    mxtls_verify_input *in = dane_input("wrongname.chain.pem", "mail.mxtls.test",
                                        MXTLS_DNSSEC_SECURE);
    mxtls_verify_result *res;

    add_spki_tlsa(in, 2, 0, "intermediate.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_NAME_MISMATCH, 0, 2, 1);
    assert_flags(res, MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH);
    mxtls_verify_result_free(res);
}
END_TEST

/* Add a DANE-TA Full(0) record holding file's certificate (selector 0) or
 * its key (selector 1) whole; with flip, one bit of the key is inverted
 * (any other bit of an anchor's certificate changes nothing a chain is
 * verified with). */
static void add_full_ta(mxtls_verify_input *in, uint8_t selector, const char *file, int flip)
{
    struct der_chain c = { 0 };
    gnutls_x509_crt_t crt;
    gnutls_pubkey_t key;
    gnutls_datum_t cert, spki = { NULL, 0 };

    chain_add_file(&c, file);
    cert.data = c.der[0];
    cert.size = (unsigned)c.len[0];
    gnutls_x509_crt_init(&crt);
    gnutls_pubkey_init(&key);
    ck_assert_int_eq(gnutls_x509_crt_import(crt, &cert, GNUTLS_X509_FMT_DER), 0);
    ck_assert_int_eq(gnutls_pubkey_import_x509(key, crt, 0), 0);
    ck_assert_int_eq(gnutls_pubkey_export2(key, GNUTLS_X509_FMT_DER, &spki), 0);
    gnutls_pubkey_deinit(key);
    gnutls_x509_crt_deinit(crt);
    uint8_t *at = NULL;
    for (size_t i = 0; at == NULL && i + spki.size <= cert.size; i++)
        if (memcmp(cert.data + i, spki.data, spki.size) == 0)
            at = cert.data + i;
    ck_assert_ptr_nonnull(at);
    if (flip) {
        at[spki.size - 2] ^= 0x10;
        spki.data[spki.size - 2] ^= 0x10;
    }
    if (selector == 1)
        ck_assert_int_eq(mxtls_verify_input_add_tlsa(in, 2, 1, 0, spki.data, spki.size),
                         MXTLS_OK);
    else
        ck_assert_int_eq(mxtls_verify_input_add_tlsa(in, 2, 0, 0, cert.data, cert.size),
                         MXTLS_OK);
    gnutls_free(spki.data);
    chain_free(&c);
}

/* RFC 7672 3.1.2: a server with DANE-TA records must send the anchor. 2 1 1
 * for the intermediate, but the server sent only the leaf: the finding is
 * the unsent anchor, not a plain mismatch. */
START_TEST(dane_ta_not_in_chain)
{
    mxtls_verify_input *in = dane_input("good.pem", "mail.mxtls.test",
                                        MXTLS_DNSSEC_SECURE);
    mxtls_verify_result *res;

    add_spki_tlsa(in, 2, 0, "intermediate.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_TA_NOT_SENT, -1, -1, -1);
    ck_assert_str_eq(mxtls_dane_outcome_name(res->dane), "ta-not-sent");
    ck_assert_int_eq(res->dane_matching_records, 0);
    mxtls_verify_result_free(res);
    /* Its near miss: a chain that reaches a self-signed root, sent, and a
     * record for some other CA: nothing is missing, the record is wrong. */
    in = dane_input("good.chain.pem root.pem", "mail.mxtls.test", MXTLS_DNSSEC_SECURE);
    add_spki_tlsa(in, 2, 0, "untrusted-root.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MISMATCH, -1, -1, -1);
    mxtls_verify_result_free(res);
    /* A DANE-EE record alone never says "anchor not sent". */
    in = dane_input("good.pem", "mail.mxtls.test", MXTLS_DNSSEC_SECURE);
    add_spki_tlsa(in, 3, 0, "rotated.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_MISMATCH, -1, -1, -1);
    mxtls_verify_result_free(res);
}
END_TEST

/* A Full(0) DANE-TA record carries its anchor: a sender can complete the
 * chain from DNS, as Postfix and OpenSSL do, whether or not it is sent. */
START_TEST(dane_ta_anchor_from_dns)
{
    for (uint8_t selector = 0; selector <= 1; selector++) {
        mxtls_verify_input *in = dane_input("good.pem", "mail.mxtls.test",
                                            MXTLS_DNSSEC_SECURE);
        mxtls_verify_result *res;

        add_full_ta(in, selector, "intermediate.pem", 0);
        res = run(in);
        assert_dane(res, MXTLS_DANE_MATCHED, 0, 2, -1);
        ck_assert_int_eq(res->dane_matching_records, 1);
        mxtls_verify_result_free(res);
        /* one bit off in the anchor: nothing verifies, and nothing was sent */
        in = dane_input("good.pem", "mail.mxtls.test", MXTLS_DNSSEC_SECURE);
        add_full_ta(in, selector, "intermediate.pem", 1);
        res = run(in);
        assert_dane(res, MXTLS_DANE_TA_NOT_SENT, -1, -1, -1);
        mxtls_verify_result_free(res);
        /* the root is an anchor too, but it did not sign the leaf */
        in = dane_input("good.pem", "mail.mxtls.test", MXTLS_DNSSEC_SECURE);
        add_full_ta(in, selector, "root.pem", 0);
        res = run(in);
        assert_dane(res, MXTLS_DANE_TA_NOT_SENT, -1, -1, -1);
        mxtls_verify_result_free(res);
        /* ...yet it completes a chain whose intermediate is sent */
        in = dane_input("good.chain.pem", "mail.mxtls.test", MXTLS_DNSSEC_SECURE);
        add_full_ta(in, selector, "root.pem", 0);
        res = run(in);
        assert_dane(res, MXTLS_DANE_MATCHED, 0, 2, -1);
        mxtls_verify_result_free(res);
        /* DANE-TA keeps the name check */
        in = dane_input("good.pem", "other.mxtls.test", MXTLS_DNSSEC_SECURE);
        add_full_ta(in, selector, "intermediate.pem", 0);
        res = run(in);
        assert_dane(res, MXTLS_DANE_NAME_MISMATCH, 0, 2, -1);
        mxtls_verify_result_free(res);
    }
}
END_TEST

START_TEST(dane_usage_0_1_only)
{
    mxtls_verify_input *in = dane_input("good.chain.pem", "mail.mxtls.test",
                                        MXTLS_DNSSEC_SECURE);
    mxtls_verify_result *res;
    uint8_t h[32] = { 0 };

    add_spki_tlsa(in, 0, 0, "intermediate.pem", 0);
    add_spki_tlsa(in, 1, 0, "good.pem", 0);
    ck_assert_int_eq(mxtls_verify_input_add_tlsa(in, 3, 7, 1, h, 32), MXTLS_OK); /* selector */
    ck_assert_int_eq(mxtls_verify_input_add_tlsa(in, 3, 1, 9, h, 32), MXTLS_OK); /* mtype */
    ck_assert_int_eq(mxtls_verify_input_add_tlsa(in, 3, 1, 1, h, 31), MXTLS_OK); /* length */
    res = run(in);
    assert_dane(res, MXTLS_DANE_UNUSABLE, -1, -1, -1);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_insecure_ignored)
{
    int32_t states[] = { MXTLS_DNSSEC_INSECURE, MXTLS_DNSSEC_NONE };
    size_t i;

    for (i = 0; i < 2; i++) {
        mxtls_verify_input *in = dane_input("good.chain.pem", "mail.mxtls.test", states[i]);
        mxtls_verify_result *res;
        add_spki_tlsa(in, 3, 0, "good.pem", 0);
        res = run(in);
        assert_dane(res, MXTLS_DANE_INSECURE, -1, -1, -1);
        mxtls_verify_result_free(res);
    }
}
END_TEST

START_TEST(dane_bogus)
{
    mxtls_verify_input *in = dane_input("good.chain.pem", "mail.mxtls.test",
                                        MXTLS_DNSSEC_BOGUS);
    mxtls_verify_result *res;

    /* Even a record that would match is not used: bogus means defer. */
    add_spki_tlsa(in, 3, 0, "good.pem", 0);
    res = run(in);
    assert_dane(res, MXTLS_DANE_BOGUS, -1, -1, -1);
    mxtls_verify_result_free(res);
    res = run(dane_input("good.chain.pem", "mail.mxtls.test", MXTLS_DNSSEC_BOGUS));
    assert_dane(res, MXTLS_DANE_BOGUS, -1, -1, -1);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(dane_no_tlsa)
{
    mxtls_verify_result *res = run(dane_input("good.chain.pem", "mail.mxtls.test",
                                              MXTLS_DNSSEC_SECURE));

    assert_dane(res, MXTLS_DANE_NO_TLSA, -1, -1, -1);
    mxtls_verify_result_free(res);
}
END_TEST

START_TEST(mtasts_given)
{
    const char *patterns[] = { "mail.example.org", "*.mxtls.test" };
    mxtls_mtasts_result sts;
    mxtls_verify_input *in;
    mxtls_verify_result *res;

    memset(&sts, 0, sizeof sts);
    sts.struct_size = sizeof sts;
    sts.outcome = MXTLS_MTASTS_POLICY;
    sts.mode = MXTLS_MTASTS_MODE_ENFORCE;
    sts.n_mx_patterns = 2;
    sts.mx_patterns = patterns;
    in = input_for("good.chain.pem", "mail.mxtls.test");
    ck_assert_int_eq(mxtls_verify_input_set_mtasts(in, &sts), MXTLS_OK);
    res = run(in);
    ck_assert_int_eq(res->mtasts, MXTLS_MTASTS_POLICY);
    ck_assert_int_eq(res->mtasts_mode, MXTLS_MTASTS_MODE_ENFORCE);
    ck_assert_int_eq(res->mtasts_mx_matched, 1);
    mxtls_verify_result_free(res);
    in = input_for("good.chain.pem", "a.b.mxtls.test");
    ck_assert_int_eq(mxtls_verify_input_set_mtasts(in, &sts), MXTLS_OK);
    res = run(in);
    ck_assert_int_eq(res->mtasts_mx_matched, 0);
    mxtls_verify_result_free(res);
}
END_TEST

/* ---- measure (prints; not a timed assertion) ------------------------------- */

static double elapsed_us(clockid_t clock, const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(clock, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e6 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e3;
}

/* CPU time per call is the figure to quote: the machine is shared, so wall
 * time says as much about the neighbours as about us. */
START_TEST(measure_three_cert_chain)
{
    struct der_chain c = { 0 };
    mxtls_verify_result *res = NULL;
    struct timespec cpu0, wall0;
    const int rounds = 200;
    int i;

    chain_add_file(&c, "good.chain.pem");
    chain_add_file(&c, "root.pem");
    ck_assert_uint_eq(c.n, 3);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
    clock_gettime(CLOCK_MONOTONIC, &wall0);
    for (i = 0; i < rounds; i++) {
        ck_assert_int_eq(mxtls_verify_der(ctx, (const uint8_t *const *)c.der, c.len, c.n,
                                          "mail.mxtls.test", &res), MXTLS_OK);
        ck_assert_uint_eq(res->flags, MXTLS_VERIFY_TRUSTED);
        mxtls_verify_result_free(res);
    }
    printf("# verify, 3-certificate chain (leaf, intermediate, root), CA file of 1, the "
           "PKIX outcome remembered after the first call: "
           "%.0f us CPU, %.0f us wall per call over %d calls\n",
           elapsed_us(CLOCK_PROCESS_CPUTIME_ID, &cpu0) / rounds,
           elapsed_us(CLOCK_MONOTONIC, &wall0) / rounds, rounds);
    chain_free(&c);
}
END_TEST

START_TEST(trust_store_follows_the_ca_option)
{
    char path[1024];
    mxtls_verify_result *res = verify("untrusted.pem", "mail.mxtls.test");

    /* The CA store is cached in the context; a new CA option must rebuild it. */
    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER);
    mxtls_verify_result_free(res);
    snprintf(path, sizeof path, "%s/untrusted-root.pem", certdir);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
    res = verify("untrusted.pem", "mail.mxtls.test");
    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    mxtls_verify_result_free(res);
    res = verify("good.chain.pem", "mail.mxtls.test");
    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER);
    mxtls_verify_result_free(res);
    /* A directory beside the file adds its CAs. */
    ck_assert_int_eq(mxtls_ctx_set_ca_dir(ctx, certdir), MXTLS_OK);
    res = verify("good.chain.pem", "mail.mxtls.test");
    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    mxtls_verify_result_free(res);
}
END_TEST

/* ---- chains met again (verify_facts.c) ------------------------------------ */

/* One verify: files sent (in order), intermediates known from other
 * probes (NULL: none), the reference name. */
struct combo {
    const char *files, *pool, *ref;
};

static mxtls_verify_result *verify_on(mxtls_ctx *on, const struct combo *k)
{
    mxtls_verify_input *in = input_for(k->files, k->ref);
    mxtls_verify_result *res = NULL;

    if (k->pool != NULL) {
        struct der_chain p = { 0 };
        chain_add_file(&p, k->pool);
        for (size_t i = 0; i < p.n; i++)
            ck_assert_int_eq(mxtls_verify_input_add_intermediate(in, p.der[i], p.len[i]),
                             MXTLS_OK);
        chain_free(&p);
    }
    ck_assert_int_eq(mxtls_verify_run(on, in, &res), MXTLS_OK);
    mxtls_verify_input_free(in);
    return res;
}

static void assert_str_same(const char *what, const char *a, const char *b)
{
    ck_assert_msg((a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0),
                  "%s: [%s] vs [%s]", what, a ? a : "(null)", b ? b : "(null)");
}

/* Everything a caller reads of a verdict, but the time it was made. */
static void assert_same_verdict(const struct combo *k, const mxtls_verify_result *a,
                                const mxtls_verify_result *b)
{
    ck_assert_msg(a->flags == b->flags, "%s for %s: flags %#x vs %#x", k->files, k->ref,
                  a->flags, b->flags);
    ck_assert_uint_eq(a->gnutls_status, b->gnutls_status);
    ck_assert_int_eq(a->gnutls_error, b->gnutls_error);
    ck_assert_int_eq(a->time_invalid_cert, b->time_invalid_cert);
    assert_str_same("matched_name", a->matched_name, b->matched_name);
    assert_str_same("missing_issuer", a->missing_issuer, b->missing_issuer);
    assert_str_same("detail", a->detail, b->detail);
    ck_assert_uint_eq(a->n_names, b->n_names);
    for (size_t i = 0; i < a->n_names; i++)
        assert_str_same("name", a->names[i], b->names[i]);
    ck_assert_int_eq(a->dane, b->dane);
    ck_assert_uint_eq(a->n_certs, b->n_certs);
    for (size_t i = 0; i < a->n_certs; i++) {
        const mxtls_cert_info *x = a->certs[i], *y = b->certs[i];
        assert_str_same("subject", x->subject, y->subject);
        assert_str_same("issuer", x->issuer, y->issuer);
        ck_assert_uint_eq(x->flags, y->flags);
        ck_assert_uint_eq(x->self_signed, y->self_signed);
        ck_assert_int_eq(x->not_after_ms, y->not_after_ms);
        ck_assert_uint_eq(x->n_dns_names, y->n_dns_names);
        ck_assert_uint_eq(x->der_len, y->der_len);
        ck_assert_mem_eq(x->der, y->der, x->der_len);
        ck_assert_mem_eq(x->spki_sha256, y->spki_sha256, 32);
    }
}

START_TEST(a_chain_met_again_is_judged_as_when_new)
{
    /* Each pair differs in one thing: the name asked for, one certificate
     * of the chain, the order sent, or the intermediates known. */
    static const struct combo combos[] = {
        /* A name that does not match first: what is remembered of the
         * chain must not carry the verdict on the name. */
        { "good.chain.pem", NULL, "imap.mxtls.test" },
        { "good.chain.pem", NULL, "mail.mxtls.test" },
        { "good.chain.pem", NULL, "127.0.0.1" },
        { "iponly.chain.pem", NULL, "mail.mxtls.test" },
        { "iponly.chain.pem", NULL, "127.0.0.1" },
        { "good.pem", NULL, "mail.mxtls.test" },
        { "good.pem", "intermediate.pem", "mail.mxtls.test" },
        { "good.pem", "intermediate.pem", "imap.mxtls.test" },
        { "good.chain.pem expired.pem", NULL, "mail.mxtls.test" },
        { "expired.chain.pem", NULL, "mail.mxtls.test" },
        { "wrongname.chain.pem", NULL, "mail.mxtls.test" },
        { "wildcard.chain.pem", NULL, "a.b.mxtls.test" },
        { "wildcard.chain.pem", NULL, "a.mxtls.test" },
        { "selfsigned.chain.pem", NULL, "mail.mxtls.test" },
        { "untrusted.pem untrusted-root.pem", NULL, "mail.mxtls.test" },
        { "untrusted.pem", NULL, "mail.mxtls.test" },
        { "untrusted.pem", "intermediate.pem", "mail.mxtls.test" },
        { "aia.pem", NULL, "mail.mxtls.test" },
        { "notca.chain.pem", NULL, "mail.mxtls.test" },
        { "sha1.chain.pem", NULL, "mail.mxtls.test" },
    };
    const size_t n = sizeof combos / sizeof combos[0];
    char path[1024];

    /* Twice round on one context, so that every chain is met again after
     * others; each verdict against a context that never saw a chain. */
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < n; i++) {
            mxtls_ctx *fresh = NULL;
            ck_assert_int_eq(mxtls_ctx_new(&fresh), MXTLS_OK);
            snprintf(path, sizeof path, "%s/root.pem", certdir);
            ck_assert_int_eq(mxtls_ctx_set_ca_file(fresh, path), MXTLS_OK);
            mxtls_verify_result *again = verify_on(ctx, &combos[i]);
            mxtls_verify_result *new_ = verify_on(fresh, &combos[i]);
            assert_same_verdict(&combos[i], again, new_);
            mxtls_verify_result_free(again);
            mxtls_verify_result_free(new_);
            mxtls_ctx_free(fresh);
        }
    }
}
END_TEST

START_TEST(a_chain_met_again_after_the_ca_file_changed)
{
    static const struct combo good = { "good.chain.pem", NULL, "mail.mxtls.test" };
    char path[1024], cmd[2300];
    mxtls_verify_result *res;

    /* A CA file of its own, rewritten on disk between two verifies of one
     * chain: the second is judged against the new store, not remembered. */
    snprintf(path, sizeof path, "%s/facts-ca-%ld.pem", mxtls_test_env("MXTLS_LAB_CERTS"),
             (long)getpid());
    snprintf(cmd, sizeof cmd, "cp '%s/root.pem' '%s'", certdir, path);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, path), MXTLS_OK);
    res = verify_on(ctx, &good);
    assert_flags(res, MXTLS_VERIFY_TRUSTED);
    mxtls_verify_result_free(res);
    /* Another size, so that the store's identity (size, mtime) changes
     * even within one tick of the file system's clock. */
    snprintf(cmd, sizeof cmd, "cat '%s/untrusted-root.pem' '%s/untrusted-root.pem' > '%s'",
             certdir, certdir, path);
    ck_assert_int_eq(system(cmd), 0);
    res = verify_on(ctx, &good);
    assert_flags(res, MXTLS_VERIFY_UNKNOWN_ISSUER);
    mxtls_verify_result_free(res);
    ck_assert_int_eq(unlink(path), 0);
}
END_TEST

static Suite *verify_suite(void)
{
    Suite *s = suite_create("verify");
    TCase *pkix = tcase_create("pkix");
    TCase *dane = tcase_create("dane");
    TCase *perf = tcase_create("measure");

    tcase_add_checked_fixture(pkix, setup, teardown);
    tcase_add_test(pkix, good_chain);
    tcase_add_test(pkix, good_other_names);
    tcase_add_test(pkix, self_signed);
    tcase_add_test(pkix, wrong_name);
    tcase_add_test(pkix, wildcard);
    tcase_add_test(pkix, expired);
    tcase_add_test(pkix, not_yet_valid);
    tcase_add_test(pkix, expiring_still_valid);
    tcase_add_test(pkix, stray_expired_extra_ignored);
    tcase_add_test(pkix, sha1_signature);
    tcase_add_test(pkix, rsa1024);
    tcase_add_test(pkix, missing_intermediate);
    tcase_add_test(pkix, missing_intermediate_aia);
    tcase_add_test(pkix, untrusted_root);
    tcase_add_test(pkix, ip_only);
    tcase_add_test(pkix, not_a_ca);
    tcase_add_test(pkix, critical_extension);
    tcase_add_test(pkix, no_and_bad_certificates);
    tcase_add_test(pkix, bad_arguments);
    tcase_add_test(pkix, mtasts_given);
    tcase_add_test(pkix, trust_store_follows_the_ca_option);
    tcase_add_test(pkix, a_chain_met_again_is_judged_as_when_new);
    tcase_add_test(pkix, a_chain_met_again_after_the_ca_file_changed);
    suite_add_tcase(s, pkix);

    tcase_add_checked_fixture(dane, setup, teardown);
    tcase_add_test(dane, dane_ee_match);
    tcase_add_test(dane, dane_ee_skips_name_and_dates);
    tcase_add_test(dane, dane_ee_rotation_mismatch);
    tcase_add_test(dane, dane_ta_intermediate);
    tcase_add_test(dane, dane_ta_wrong_name_fails);
    tcase_add_test(dane, dane_ta_not_in_chain);
    tcase_add_test(dane, dane_ta_anchor_from_dns);
    tcase_add_test(dane, dane_usage_0_1_only);
    tcase_add_test(dane, dane_insecure_ignored);
    tcase_add_test(dane, dane_bogus);
    tcase_add_test(dane, dane_no_tlsa);
    suite_add_tcase(s, dane);

    tcase_add_checked_fixture(perf, setup, teardown);
    tcase_add_test(perf, measure_three_cert_chain);
    tcase_set_timeout(perf, 60);
    suite_add_tcase(s, perf);
    return s;
}

int main(void)
{
    return mxtls_test_run(verify_suite());
}
