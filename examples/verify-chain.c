/* mxtls-verify-chain: what a sending MTA would think of a certificate chain.
 *
 *   mxtls-verify-chain [--ca FILE] [--intermediate FILE] CHAIN.pem NAME
 *
 * CHAIN.pem holds the certificates a server sends, leaf first (a Postfix
 * smtpd_tls_chain_files or a fullchain.pem). NAME is the host name senders
 * use: the MX host, or the SMTP server typed into Gmail's Send-As dialog.
 * --ca trusts only FILE (default: the system store); --intermediate names a
 * known intermediate, so a missing one is reported as such. No network I/O.
 * Exit status: 0 trusted and the name matches, 1 a problem, 2 bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#define MAX_CERTS 16
#define MAX_PEM (1u << 20)

static int usage(void)
{
    fprintf(stderr, "usage: mxtls-verify-chain [--ca FILE] [--intermediate FILE] "
                    "CHAIN.pem NAME\n");
    return 2;
}

static int b64(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decode base64 from s up to end into out; returns the length. */
static size_t unbase64(const char *s, const char *end, uint8_t *out)
{
    unsigned acc = 0, bits = 0;
    size_t n = 0;

    for (; s < end; s++) {
        int v = b64((unsigned char)*s);
        if (v < 0)
            continue; /* newlines, '=' padding */
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (uint8_t)(acc >> bits);
        }
    }
    return n;
}

/* Read every "CERTIFICATE" PEM block of path as DER. Returns the count or -1. */
static int read_pem(const char *path, uint8_t **der, size_t *len, int max)
{
    static const char begin[] = "-----BEGIN CERTIFICATE-----", end[] = "-----END CERTIFICATE-----";
    FILE *f = fopen(path, "rb");
    char *text = malloc(MAX_PEM + 1), *p;
    size_t size;
    int n = 0;

    if (f == NULL || text == NULL) {
        if (f)
            fclose(f);
        free(text);
        return -1;
    }
    size = fread(text, 1, MAX_PEM, f);
    fclose(f);
    text[size] = '\0';
    for (p = strstr(text, begin); p && n < max; p = strstr(p, begin)) {
        char *e = strstr(p, end);
        if (e == NULL)
            break;
        p += sizeof begin - 1;
        der[n] = malloc((size_t)(e - p));
        len[n] = unbase64(p, e, der[n]);
        n++;
        p = e;
    }
    free(text);
    return n;
}

static void print_result(const mxtls_verify_result *r)
{
    size_t i;
    uint32_t bit;

    printf("verdict:");
    for (bit = 1; bit; bit <<= 1)
        if (r->flags & bit)
            printf(" %s", mxtls_verify_flag_name(bit));
    printf("\n%s\n", r->detail);
    if (r->missing_issuer)
        printf("missing issuer: %s\n", r->missing_issuer);
    printf("names on the certificate:");
    for (i = 0; i < r->n_names; i++)
        printf(" %s", r->names[i]);
    printf("%s\n", r->n_names ? "" : " (none)");
    for (i = 0; i < r->n_certs; i++) {
        const mxtls_cert_info *c = r->certs[i];
        printf("[%zu] %s\n    issuer %s\n    %s %d bits, %s%s%s\n", i, c->subject, c->issuer,
               c->key_algorithm, (int)c->key_bits, c->signature_algorithm,
               c->is_ca ? ", CA" : "", c->self_signed ? ", self-signed" : "");
    }
}

static void free_all(uint8_t **der, int n)
{
    while (n > 0)
        free(der[--n]);
}

static int load_intermediate(mxtls_verify_input *in, const char *path)
{
    uint8_t *der[MAX_CERTS];
    size_t len[MAX_CERTS];
    int n = read_pem(path, der, len, MAX_CERTS), i, rc = 0;

    if (n <= 0)
        rc = -1;
    for (i = 0; i < n && rc == 0; i++)
        rc = mxtls_verify_input_add_intermediate(in, der[i], len[i]) == MXTLS_OK ? 0 : -1;
    free_all(der, n);
    return rc;
}

static int run(mxtls_ctx *ctx, mxtls_verify_input *in, const char *chain, const char *name)
{
    uint8_t *der[MAX_CERTS];
    size_t len[MAX_CERTS];
    mxtls_verify_result *r = NULL;
    int n = read_pem(chain, der, len, MAX_CERTS), i, ok;

    if (n < 0) {
        fprintf(stderr, "mxtls-verify-chain: cannot read %s\n", chain);
        return 2;
    }
    for (i = 0; i < n; i++)
        mxtls_verify_input_add_cert(in, der[i], len[i]);
    free_all(der, n);
    mxtls_verify_input_set_reference_name(in, name);
    if (mxtls_verify_run(ctx, in, &r) != MXTLS_OK)
        return 2;
    print_result(r);
    ok = (r->flags & MXTLS_VERIFY_TRUSTED) && !(r->flags & MXTLS_VERIFY_NAME_MISMATCH);
    mxtls_verify_result_free(r);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    mxtls_ctx *ctx = NULL;
    mxtls_verify_input *in = NULL;
    int i = 1, status = 2;

    if (mxtls_ctx_new(&ctx) != MXTLS_OK || mxtls_verify_input_new(&in) != MXTLS_OK)
        return 3;
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--ca") == 0 && mxtls_ctx_set_ca_file(ctx, argv[i + 1]) == MXTLS_OK)
            continue;
        if (strcmp(argv[i], "--intermediate") == 0 && load_intermediate(in, argv[i + 1]) == 0)
            continue;
        fprintf(stderr, "mxtls-verify-chain: bad option %s %s %s\n", argv[i], argv[i + 1],
                mxtls_ctx_error_detail(ctx));
        goto out;
    }
    if (argc - i != 2) {
        usage();
        goto out;
    }
    status = run(ctx, in, argv[i], argv[i + 1]);
out:
    mxtls_verify_input_free(in);
    mxtls_ctx_free(ctx);
    return status;
}
