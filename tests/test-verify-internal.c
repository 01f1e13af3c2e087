/* The verify stage under allocation failure: every allocation site of
 * mxtls_verify_run() and mxtls_mtasts_check() must give MXTLS_ENOMEM and
 * leak nothing (ASan / valgrind runs see to the second part). Linked from the
 * non-installed static build with failure injection. Runs under
 * `with_lab.py --certs --https` for real certificates and a real policy. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <mxtls/mxtls.h>

#include "../src/core/alloc.h"
#include "../src/core/trust.h"
#include "../src/verify/verify_facts.h"
#include "../src/verify/verify_memo.h"
#include "faultinject.h"
#include "testlib.h"

#define MAXC 4

static uint8_t *der[MAXC];
static size_t der_len[MAXC];
static size_t n_der;
static char ca_path[1024];
static char empty_ca_dir[64];
static gnutls_datum_t empty_dn_der; /* a self-signed leaf whose subject DN is empty */

static void load(const char *name)
{
    char path[1024];
    gnutls_datum_t pem, d;
    gnutls_x509_crt_t *crts = NULL;
    unsigned n = 0, i;

    snprintf(path, sizeof path, "%s/%s", mxtls_test_env("MXTLS_LAB_CERTS"), name);
    ck_assert_int_eq(gnutls_load_file(path, &pem), 0);
    ck_assert_int_ge(gnutls_x509_crt_list_import2(&crts, &n, &pem, GNUTLS_X509_FMT_PEM, 0), 0);
    for (i = 0; i < n; i++) {
        ck_assert_uint_lt(n_der, MAXC);
        ck_assert_int_eq(gnutls_x509_crt_export2(crts[i], GNUTLS_X509_FMT_DER, &d), 0);
        der[n_der] = d.data; /* gnutls_free'd in teardown */
        der_len[n_der++] = d.size;
        gnutls_x509_crt_deinit(crts[i]);
    }
    gnutls_free(crts);
    gnutls_free(pem.data);
}

/* RFC 5280 allows an empty subject when the SAN is present; GnuTLS then
 * fails to print the DN, and verify must still report it (as ""). */
static void make_empty_dn_cert(void)
{
    static const unsigned char serial = 1;
    gnutls_x509_privkey_t key;
    gnutls_x509_crt_t crt;
    time_t now = time(NULL);

    ck_assert_int_eq(gnutls_x509_privkey_init(&key), 0);
    ck_assert_int_eq(gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
                        GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), 0);
    ck_assert_int_eq(gnutls_x509_crt_init(&crt), 0);
    ck_assert_int_eq(gnutls_x509_crt_set_version(crt, 3), 0);
    ck_assert_int_eq(gnutls_x509_crt_set_serial(crt, &serial, 1), 0);
    ck_assert_int_eq(gnutls_x509_crt_set_activation_time(crt, now - 3600), 0);
    ck_assert_int_eq(gnutls_x509_crt_set_expiration_time(crt, now + 86400), 0);
    ck_assert_int_eq(gnutls_x509_crt_set_key(crt, key), 0);
    ck_assert_int_eq(gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, "a.mxtls.test",
                                                         12, GNUTLS_FSAN_SET), 0);
    ck_assert_int_eq(gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0), 0);
    ck_assert_int_eq(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &empty_dn_der), 0);
    gnutls_x509_crt_deinit(crt);
    gnutls_x509_privkey_deinit(key);
}

static void setup(void)
{
    strcpy(empty_ca_dir, "/tmp/mxtls-empty-ca.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(empty_ca_dir));
    make_empty_dn_cert();
    n_der = 0;
    load("wildcard.chain.pem"); /* leaf + intermediate */
    load("intermediate.pem");   /* as a known intermediate */
    snprintf(ca_path, sizeof ca_path, "%s/root.pem", mxtls_test_env("MXTLS_LAB_CERTS"));
}

static void teardown(void)
{
    rmdir(empty_ca_dir);
    gnutls_free(empty_dn_der.data);
    empty_dn_der.data = NULL;
    for (size_t i = 0; i < n_der; i++)
        gnutls_free(der[i]);
    n_der = 0;
}

/* The full input: leaf + intermediate, a known intermediate, a DANE-EE
 * record of the leaf (DNSSEC secure) and an enforce policy naming it; or
 * that input changed in one field at a time, for the memo's near misses
 * (the reference name, one bit of the TLSA datum, the MTA-STS mode), and
 * the same input with its known intermediate given twice. */
enum variant { SAME, OTHER_NAME, OTHER_TLSA_BIT, OTHER_STS_MODE, INTERMEDIATE_TWICE, NO_POOL };

static int fill_variant(mxtls_verify_input *in, enum variant v)
{
    static const char *const patterns[] = { "*.mxtls.test" };
    mxtls_mtasts_result sts;
    uint8_t h[32];
    int st = MXTLS_OK;

    memset(&sts, 0, sizeof sts);
    sts.struct_size = sizeof sts;
    sts.outcome = MXTLS_MTASTS_POLICY;
    sts.mode = v == OTHER_STS_MODE ? MXTLS_MTASTS_MODE_TESTING : MXTLS_MTASTS_MODE_ENFORCE;
    sts.n_mx_patterns = 1;
    sts.mx_patterns = patterns;
    gnutls_hash_fast(GNUTLS_DIG_SHA256, der[0], der_len[0], h);
    if (v == OTHER_TLSA_BIT)
        h[31] ^= 1;
    for (size_t i = 0; st == MXTLS_OK && i < 2; i++)
        st = mxtls_verify_input_add_cert(in, der[i], der_len[i]);
    for (int i = 0; st == MXTLS_OK && i < (v == INTERMEDIATE_TWICE ? 2 : v == NO_POOL ? 0 : 1);
         i++)
        st = mxtls_verify_input_add_intermediate(in, der[2], der_len[2]);
    if (st == MXTLS_OK)
        st = mxtls_verify_input_set_reference_name(in, v == OTHER_NAME ? "a.mxtls.tesu"
                                                                        : "a.mxtls.test");
    if (st == MXTLS_OK)
        st = mxtls_verify_input_set_tlsa_dnssec(in, MXTLS_DNSSEC_SECURE);
    if (st == MXTLS_OK)
        st = mxtls_verify_input_add_tlsa(in, 3, 0, 1, h, sizeof h);
    if (st == MXTLS_OK)
        st = mxtls_verify_input_set_mtasts(in, &sts);
    return st;
}

static int fill_full(mxtls_verify_input *in)
{
    return fill_variant(in, SAME);
}

/* A chain whose issuer is missing (the leaf alone, its intermediate only
 * known): the issuer-analysis paths. */
static int fill_incomplete(mxtls_verify_input *in)
{
    int st = mxtls_verify_input_add_cert(in, der[0], der_len[0]);
    if (st == MXTLS_OK)
        st = mxtls_verify_input_add_intermediate(in, der[2], der_len[2]);
    if (st == MXTLS_OK)
        st = mxtls_verify_input_set_reference_name(in, "b.mxtls.test");
    return st;
}

/* A self-signed leaf with an empty subject: the DN-less path. */
static int fill_empty_dn(mxtls_verify_input *in)
{
    int st = mxtls_verify_input_add_cert(in, empty_dn_der.data, empty_dn_der.size);
    if (st == MXTLS_OK)
        st = mxtls_verify_input_set_reference_name(in, "a.mxtls.test");
    return st;
}

/* One verification, every allocation of it failable: a new context that
 * trusts root.pem (and ca_dir, if given), an input that fill() builds,
 * mxtls_verify_run. On MXTLS_OK *res is the result, else NULL. */
static int verify_times(const char *ca_dir, int (*fill)(mxtls_verify_input *), int times,
                        mxtls_verify_result **res)
{
    mxtls_ctx *ctx = NULL;
    mxtls_verify_input *in = NULL;
    int st = mxtls_ctx_new(&ctx);

    *res = NULL;
    if (st == MXTLS_OK)
        st = mxtls_ctx_set_ca_file(ctx, ca_path);
    if (st == MXTLS_OK && ca_dir != NULL)
        st = mxtls_ctx_set_ca_dir(ctx, ca_dir);
    if (st == MXTLS_OK)
        st = mxtls_verify_input_new(&in);
    if (st == MXTLS_OK)
        st = fill(in);
    /* Again on the same context: the chain's facts are then recalled from
     * it (verify_facts.c), and their copy may fail too. */
    for (int i = 0; st == MXTLS_OK && i < times; i++) {
        mxtls_verify_result_free(*res);
        st = mxtls_verify_run(ctx, in, res);
    }
    if (st != MXTLS_OK)
        ck_assert_ptr_null(*res);
    mxtls_verify_input_free(in);
    mxtls_ctx_free(ctx);
    return st;
}

static int verify_with(const char *ca_dir, int (*fill)(mxtls_verify_input *),
                       mxtls_verify_result **res)
{
    return verify_times(ca_dir, fill, 1, res);
}

static int verify_op(void)
{
    mxtls_verify_result *res;
    int st = verify_with(NULL, fill_full, &res);

    if (st == MXTLS_OK) {
        ck_assert_uint_eq(res->flags, MXTLS_VERIFY_TRUSTED);
        ck_assert_int_eq(res->dane, MXTLS_DANE_MATCHED);
        ck_assert_int_eq(res->mtasts_mx_matched, 1);
    }
    mxtls_verify_result_free(res);
    return st;
}

static int verify_incomplete_op(void)
{
    mxtls_verify_result *res;
    /* With a CA directory too, so that its name is copied as well. */
    int st = verify_with(empty_ca_dir, fill_incomplete, &res);

    if (st == MXTLS_OK)
        ck_assert_uint_eq(res->flags,
                          MXTLS_VERIFY_UNKNOWN_ISSUER | MXTLS_VERIFY_CHAIN_INCOMPLETE);
    mxtls_verify_result_free(res);
    return st;
}

static int verify_incomplete_again_op(void)
{
    mxtls_verify_result *res;
    int st = verify_times(empty_ca_dir, fill_incomplete, 2, &res);

    if (st == MXTLS_OK) {
        ck_assert_uint_eq(res->flags,
                          MXTLS_VERIFY_UNKNOWN_ISSUER | MXTLS_VERIFY_CHAIN_INCOMPLETE);
        ck_assert_ptr_nonnull(res->missing_issuer);
    }
    mxtls_verify_result_free(res);
    return st;
}

static int verify_empty_dn_op(void)
{
    mxtls_verify_result *res;
    int st = verify_with(NULL, fill_empty_dn, &res);

    if (st == MXTLS_OK) {
        ck_assert_uint_eq(res->n_certs, 1);
        ck_assert_str_eq(res->certs[0]->subject, "");
        ck_assert_str_eq(res->certs[0]->issuer, "");
        ck_assert_str_eq(res->matched_name, "a.mxtls.test");
        ck_assert(res->flags & MXTLS_VERIFY_SELF_SIGNED);
    }
    mxtls_verify_result_free(res);
    return st;
}

static int mtasts_op(void)
{
    static const char *const txt[] = { "v=STSv1; id=1" };
    const char *domain = mxtls_test_env("MXTLS_LAB_STS_MISSINGMX");
    char mx[2][300];
    const char *mxv[2] = { mx[0], mx[1] };
    mxtls_ctx *ctx = NULL;
    mxtls_mtasts_result *res = NULL;
    int st = mxtls_ctx_new(&ctx);

    snprintf(mx[0], sizeof mx[0], "mail.%s", domain);
    snprintf(mx[1], sizeof mx[1], "backup.%s", domain);
    if (st == MXTLS_OK)
        st = mxtls_ctx_set_ca_file(ctx, ca_path);
    if (st == MXTLS_OK)
        st = mxtls_mtasts_check(ctx, domain, txt, 1, mxtls_test_env("MXTLS_LAB_HTTPS"), mxv, 2,
                                &res);
    if (st == MXTLS_OK) {
        ck_assert_int_eq(res->outcome, MXTLS_MTASTS_POLICY);
        ck_assert_uint_eq(res->n_unmatched, 1);
    }
    mxtls_mtasts_result_free(res);
    mxtls_ctx_free(ctx);
    return st;
}

/* ---- the memo of one check (verify_memo.h) ---------------------------- */

static int run_variant(mxtls_ctx *ctx, struct mxtls__verify_memo *memo, enum variant v,
                       mxtls_verify_result **res)
{
    mxtls_verify_input *in = NULL;
    int st = mxtls_verify_input_new(&in);
    *res = NULL;
    if (st == MXTLS_OK)
        st = fill_variant(in, v);
    if (st == MXTLS_OK)
        st = mxtls__verify_run_memo(ctx, memo, in, res);
    mxtls_verify_input_free(in);
    return st;
}

static void assert_same_strings(const char *const *a, const char *const *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_ne(a[i], b[i]);
        ck_assert_str_eq(a[i], b[i]);
    }
}

/* b is a copy of a that owns all its memory: equal in every field, sharing
 * no pointer. */
static void assert_deep_copy(const mxtls_verify_result *a, const mxtls_verify_result *b)
{
    ck_assert_ptr_ne(a, b);
    ck_assert_uint_eq(a->flags, b->flags);
    ck_assert_uint_eq(a->gnutls_status, b->gnutls_status);
    ck_assert_int_eq(a->dane, b->dane);
    ck_assert_int_eq(a->dane_record, b->dane_record);
    ck_assert_int_eq(a->mtasts, b->mtasts);
    ck_assert_int_eq(a->mtasts_mx_matched, b->mtasts_mx_matched);
    ck_assert_int_eq(a->time_invalid_cert, b->time_invalid_cert);
    ck_assert_str_eq(a->reference_name, b->reference_name);
    ck_assert_str_eq(a->matched_name, b->matched_name);
    ck_assert_str_eq(a->detail, b->detail);
    ck_assert_ptr_ne(a->detail, b->detail);
    ck_assert_uint_eq(a->n_names, b->n_names);
    assert_same_strings(a->names, b->names, a->n_names);
    ck_assert_uint_eq(a->n_certs, b->n_certs);
    for (size_t i = 0; i < a->n_certs; i++) {
        const mxtls_cert_info *x = a->certs[i], *y = b->certs[i];
        ck_assert_ptr_ne(x, y);
        ck_assert_str_eq(x->subject, y->subject);
        ck_assert_str_eq(x->issuer, y->issuer);
        ck_assert_str_eq(x->key_algorithm, y->key_algorithm);
        ck_assert_mem_eq(x->sha256, y->sha256, 32);
        ck_assert_uint_eq(x->der_len, y->der_len);
        ck_assert_ptr_ne(x->der, y->der);
        ck_assert_mem_eq(x->der, y->der, x->der_len);
        ck_assert_uint_eq(x->n_dns_names, y->n_dns_names);
        assert_same_strings(x->dns_names, y->dns_names, x->n_dns_names);
    }
}

START_TEST(memo_judges_one_input_once)
{
    mxtls_ctx *ctx = NULL;
    struct mxtls__verify_memo memo = {0};
    mxtls_verify_result *first, *again, *twice;

    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, ca_path), MXTLS_OK);
    ck_assert_int_eq(run_variant(ctx, &memo, SAME, &first), MXTLS_OK);
    ck_assert_uint_eq(first->flags, MXTLS_VERIFY_TRUSTED);
    ck_assert_uint_eq(memo.n, 1);
    ck_assert_int_eq(run_variant(ctx, &memo, SAME, &again), MXTLS_OK);
    ck_assert_uint_eq(memo.n, 1);
    assert_deep_copy(first, again);
    /* The same intermediate twice is the same input. */
    ck_assert_int_eq(run_variant(ctx, &memo, INTERMEDIATE_TWICE, &twice), MXTLS_OK);
    ck_assert_uint_eq(memo.n, 1);
    assert_deep_copy(first, twice);
    /* Each result is the caller's own: freeing one leaves the rest whole. */
    mxtls_verify_result_free(first);
    mxtls__verify_memo_clear(&memo);
    ck_assert_str_eq(again->certs[0]->subject, twice->certs[0]->subject);
    mxtls_verify_result_free(again);
    mxtls_verify_result_free(twice);
    mxtls_ctx_free(ctx);
}
END_TEST

/* The same name, TLSA and policy over another set of certificates (the
 * pooled intermediate left out) is another input: the memo's key holds the
 * chain, through the chain key it is built on. */
START_TEST(memo_tells_chains_apart)
{
    mxtls_ctx *ctx = NULL;
    struct mxtls__verify_memo memo = {0};
    mxtls_verify_result *base, *no_pool;

    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, ca_path), MXTLS_OK);
    ck_assert_int_eq(run_variant(ctx, &memo, SAME, &base), MXTLS_OK);
    ck_assert_int_eq(run_variant(ctx, &memo, NO_POOL, &no_pool), MXTLS_OK);
    ck_assert_uint_eq(memo.n, 2);
    ck_assert_uint_eq(base->n_certs, no_pool->n_certs);
    mxtls_verify_result_free(base);
    mxtls_verify_result_free(no_pool);
    mxtls__verify_memo_clear(&memo);
    mxtls_ctx_free(ctx);
}
END_TEST

/* One field differs: the memo runs the input, and its result says so. */
START_TEST(memo_near_misses_are_judged_anew)
{
    mxtls_ctx *ctx = NULL;
    struct mxtls__verify_memo memo = {0};
    mxtls_verify_result *base, *name, *tlsa, *mode;

    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, ca_path), MXTLS_OK);
    ck_assert_int_eq(run_variant(ctx, &memo, SAME, &base), MXTLS_OK);
    ck_assert_int_eq(run_variant(ctx, &memo, OTHER_NAME, &name), MXTLS_OK);
    ck_assert(name->flags & MXTLS_VERIFY_NAME_MISMATCH);
    ck_assert(!(base->flags & MXTLS_VERIFY_NAME_MISMATCH));
    ck_assert_int_eq(run_variant(ctx, &memo, OTHER_TLSA_BIT, &tlsa), MXTLS_OK);
    ck_assert_int_eq(base->dane, MXTLS_DANE_MATCHED);
    ck_assert_int_ne(tlsa->dane, MXTLS_DANE_MATCHED);
    ck_assert_int_eq(run_variant(ctx, &memo, OTHER_STS_MODE, &mode), MXTLS_OK);
    ck_assert_int_eq(base->mtasts_mode, MXTLS_MTASTS_MODE_ENFORCE);
    ck_assert_int_eq(mode->mtasts_mode, MXTLS_MTASTS_MODE_TESTING);
    ck_assert_uint_eq(memo.n, 4);
    mxtls_verify_result_free(base);
    mxtls_verify_result_free(name);
    mxtls_verify_result_free(tlsa);
    mxtls_verify_result_free(mode);
    /* A fifth input takes the oldest slot: the memo stays bounded. */
    ck_assert_int_eq(run_variant(ctx, &memo, SAME, &base), MXTLS_OK);
    ck_assert_uint_eq(memo.n, MXTLS__VERIFY_MEMO_SLOTS);
    mxtls_verify_result_free(base);
    mxtls__verify_memo_clear(&memo);
    ck_assert_uint_eq(memo.n, 0);
    mxtls_ctx_free(ctx);
}
END_TEST

/* A run, then the same input recalled: every allocation of both, the copy
 * included, failable. */
static int memo_op(void)
{
    mxtls_ctx *ctx = NULL;
    struct mxtls__verify_memo memo = {0};
    mxtls_verify_result *a = NULL, *b = NULL;
    int st = mxtls_ctx_new(&ctx);

    if (st == MXTLS_OK)
        st = mxtls_ctx_set_ca_file(ctx, ca_path);
    if (st == MXTLS_OK)
        st = run_variant(ctx, &memo, SAME, &a);
    if (st == MXTLS_OK)
        st = run_variant(ctx, &memo, SAME, &b);
    if (st == MXTLS_OK)
        assert_deep_copy(a, b);
    else
        ck_assert_ptr_null(b);
    mxtls_verify_result_free(a);
    mxtls_verify_result_free(b);
    mxtls__verify_memo_clear(&memo);
    mxtls_ctx_free(ctx);
    return st;
}

START_TEST(memo_enomem_at_every_site)
{
    ck_assert_int_gt(mxtls_test_each_allocation_failing(memo_op, 10000), 10);
}
END_TEST

START_TEST(verify_enomem_at_every_site)
{
    ck_assert_int_gt(mxtls_test_each_allocation_failing(verify_op, 10000), 10);
    ck_assert_int_gt(mxtls_test_each_allocation_failing(verify_incomplete_op, 10000), 5);
    ck_assert_int_gt(mxtls_test_each_allocation_failing(verify_incomplete_again_op, 10000), 5);
    ck_assert_int_gt(mxtls_test_each_allocation_failing(verify_empty_dn_op, 10000), 5);
}
END_TEST

START_TEST(mtasts_enomem_at_every_site)
{
    ck_assert_int_gt(mxtls_test_each_allocation_failing(mtasts_op, 10000), 5);
}
END_TEST

/* ---- chains remembered in the context (verify_facts.h) ------------------ */

static int recalled(mxtls_ctx *ctx, const uint8_t key[32], int64_t now_ms)
{
    mxtls_verify_result *res = mxtls__calloc(1, sizeof *res);
    ck_assert_ptr_nonnull(res);
    res->struct_size = sizeof *res;
    res->now_ms = now_ms;
    int known = mxtls__chain_facts_recall(ctx, key, res);

    ck_assert_int_ge(known, 0);
    if (known)
        ck_assert_uint_eq(res->flags, MXTLS_VERIFY_TRUSTED);
    mxtls_verify_result_free(res);   /* with whatever the recall copied */
    return known;
}

START_TEST(facts_hold_for_their_time_and_trust_list_only)
{
    mxtls_ctx *ctx = NULL;
    gnutls_x509_trust_list_t tl;
    mxtls_verify_result judged = { .struct_size = sizeof judged,
                                   .flags = MXTLS_VERIFY_TRUSTED, .now_ms = 1000,
                                   .time_invalid_cert = -1,
                                   .missing_issuer = "CN=judged" };
    uint8_t key[32], other[32];

    memset(key, 0x5a, sizeof key);
    memcpy(other, key, sizeof other);
    other[31] ^= 1;                    /* one bit off */
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, ca_path), MXTLS_OK);
    ck_assert_int_eq(mxtls__trust_get(ctx, &tl), 0);
    ck_assert_int_eq(mxtls__chain_facts_remember(ctx, key, 5000, &judged), 0);
    ck_assert_int_eq(recalled(ctx, key, 1000), 1);
    ck_assert_int_eq(recalled(ctx, key, 4999), 1);
    ck_assert_int_eq(recalled(ctx, key, 5000), 0);    /* a certificate's date reached */
    ck_assert_int_eq(recalled(ctx, key, 999), 0);     /* the clock set back */
    ck_assert_int_eq(recalled(ctx, other, 1000), 0);
    /* Remembered again, the same chain keeps one slot: the old copy is freed
     * (ASan and valgrind see a leak otherwise), the new bound holds. */
    judged.now_ms = 6000;
    ck_assert_int_eq(mxtls__chain_facts_remember(ctx, key, 9000, &judged), 0);
    ck_assert_int_eq(recalled(ctx, key, 8999), 1);
    /* A chain too large to keep is judged each time: one DER octet over
     * the bound is not remembered, the bound itself is. */
    static uint8_t big_der[MXTLS__CHAIN_FACTS_MAX_DER + 1];
    mxtls_cert_info big = { .struct_size = sizeof big, .subject = "", .issuer = "",
                            .key_algorithm = "", .signature_algorithm = "", .der = big_der,
                            .der_len = sizeof big_der };
    const mxtls_cert_info *chain[1] = { &big };
    uint8_t big_key[32];
    memset(big_key, 0x3c, sizeof big_key);
    judged.n_certs = 1;
    judged.certs = chain;
    ck_assert_int_eq(mxtls__chain_facts_remember(ctx, big_key, 9000, &judged), 0);
    ck_assert_int_eq(recalled(ctx, big_key, 8999), 0);
    big.der_len = MXTLS__CHAIN_FACTS_MAX_DER;
    ck_assert_int_eq(mxtls__chain_facts_remember(ctx, big_key, 9000, &judged), 0);
    ck_assert_int_eq(recalled(ctx, big_key, 8999), 1);
    judged.n_certs = 0;
    judged.certs = NULL;
    /* Another trust list: what was judged against the old one is stale. */
    ck_assert_int_eq(mxtls_ctx_set_ca_dir(ctx, empty_ca_dir), MXTLS_OK);
    ck_assert_int_eq(mxtls__trust_get(ctx, &tl), 0);
    ck_assert_int_eq(recalled(ctx, key, 8999), 0);
    mxtls_ctx_free(ctx);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("verify-internal");
    TCase *tc = tcase_create("enomem");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, verify_enomem_at_every_site);
    tcase_add_test(tc, mtasts_enomem_at_every_site);
    tcase_add_test(tc, memo_enomem_at_every_site);
    suite_add_tcase(s, tc);
    tc = tcase_create("memo");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, memo_judges_one_input_once);
    tcase_add_test(tc, memo_tells_chains_apart);
    tcase_add_test(tc, memo_near_misses_are_judged_anew);
    tcase_add_test(tc, facts_hold_for_their_time_and_trust_list_only);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(suite());
}
