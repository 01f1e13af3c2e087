/* The conformance driver: runs one of mxtls's real parsers or matchers on
 * each request line and prints mxtls's verdict as one JSON object per line.
 * tests/conformance/run.py feeds it the peer vectors and compares.
 *
 * Request: KIND, then arguments, separated by TABs; every argument is hex
 * (so any byte, NUL and CR included, reaches the parser as the peer had it).
 *   sts-txt TXT | sts-txt-set TXT... | tlsrpt-txt TXT | tlsrpt-txt-set TXT...
 *   sts-policy BODY | mx-pattern PATTERN HOST | cert-name PATTERN REFERENCE
 *   smtp-reply BYTES | ehlo BYTES | tlsa-rdata RDATA | mx-rdata RDATA
 *   dane REFERENCE PEM-CHAIN TLSA...   (TLSA: usage, selector, mtype, data
 *                                       as one hex string of the RDATA)
 * Answer: {"kind":...,...} or {"error":"..."} for a request it cannot read.
 *
 * Linked with the internal library, like the fuzz targets: these functions
 * are what the stages call on network bytes. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "mxtls/mxtls.h"
#include "../../src/connect/smtp.h"
#include "../../src/core/dns_id.h"
#include "../../src/mtasts/mtasts_policy.h"
#include "../../src/resolve/records.h"
#include "../../src/verify/verify_int.h"

#define MAX_ARGS 16
#define MAX_LINE (1u << 20)

struct arg {
    uint8_t *data;
    size_t len;
};

/* ---- output ------------------------------------------------------------- */

static void put_str(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            printf("\\u%04x", c); /* bytes as code points: run.py reads latin-1 */
        else
            putchar((int)c);
    }
    putchar('"');
}

static void put_key_str(const char *key, const char *s)
{
    printf(",\"%s\":", key);
    if (s == NULL)
        fputs("null", stdout);
    else
        put_str(s, strlen(s));
}

static void put_key_int(const char *key, long long v)
{
    printf(",\"%s\":%lld", key, v);
}

static void put_key_bool(const char *key, int v)
{
    printf(",\"%s\":%s", key, v ? "true" : "false");
}

/* ---- input -------------------------------------------------------------- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode hex in place; the decoded bytes get a NUL after them. */
static int unhex(char *s, size_t n, struct arg *out)
{
    if (n % 2)
        return -1;
    uint8_t *d = (uint8_t *)s;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexval((unsigned char)s[i]), lo = hexval((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        d[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    d[n / 2] = '\0';
    out->data = d;
    out->len = n / 2;
    return 0;
}

/* ---- the kinds ---------------------------------------------------------- */

static void sts_txt(const struct arg *a)
{
    mxtls__sts_txt t;
    mxtls__sts_txt_parse((const char *)a->data, a->len, &t);
    put_key_bool("is_sts", t.is_sts);
    put_key_bool("valid", t.valid);
    put_key_str("id", t.valid ? t.id : NULL);
    put_key_str("bad", t.bad[0] ? t.bad : NULL);
}

static const char *set_outcome(int n_records, int first_valid)
{
    if (n_records == 0 || n_records > 1)
        return "no-policy";
    return first_valid ? "policy" : "invalid";
}

static void sts_txt_set(const struct arg *a, size_t n)
{
    const char *txt[MAX_ARGS];
    mxtls__sts_txt first;
    for (size_t i = 0; i < n; i++)
        txt[i] = (const char *)a[i].data;
    int count = mxtls__sts_txt_judge(txt, n, &first);
    put_key_int("records", count);
    put_key_str("outcome", set_outcome(count, first.valid));
}

static void tlsrpt_txt(const struct arg *a)
{
    mxtls__span rua[MXTLS_RESOLVE_MAX_RUA];
    mxtls__tlsrpt_txt t;
    mxtls__tlsrpt_txt_parse((const char *)a->data, a->len, rua, MXTLS_RESOLVE_MAX_RUA, &t);
    put_key_bool("is_tlsrpt", t.is_tlsrpt);
    put_key_bool("valid", t.valid);
    fputs(",\"rua\":[", stdout);
    for (size_t i = 0; i < t.n_rua; i++) {
        if (i)
            putchar(',');
        put_str((const char *)a->data + rua[i].off, rua[i].len);
    }
    putchar(']');
    put_key_str("bad", t.bad[0] ? t.bad : NULL);
}

static void tlsrpt_txt_set(const struct arg *a, size_t n)
{
    const char *txt[MAX_ARGS];
    mxtls__tlsrpt_txt first;
    for (size_t i = 0; i < n; i++)
        txt[i] = (const char *)a[i].data;
    int count = mxtls__tlsrpt_txt_judge(txt, n, &first);
    put_key_int("records", count);
    put_key_str("outcome", set_outcome(count, first.valid));
}

static const char *mode_name(int32_t mode)
{
    switch (mode) {
    case MXTLS_MTASTS_MODE_ENFORCE: return "enforce";
    case MXTLS_MTASTS_MODE_TESTING: return "testing";
    case MXTLS_MTASTS_MODE_NONE: return "none";
    default: return NULL;
    }
}

static void sts_policy(const struct arg *a)
{
    mxtls__sts_policy p;
    int rc = mxtls__sts_policy_parse((const char *)a->data, a->len, &p);
    put_key_bool("valid", rc == MXTLS__STS_PARSE_OK);
    if (rc == MXTLS__STS_PARSE_OK) {
        put_key_str("mode", mode_name(p.mode));
        put_key_int("max_age", p.max_age);
        fputs(",\"mx\":[", stdout);
        for (size_t i = 0; i < p.n_mx; i++) {
            if (i)
                putchar(',');
            put_str(p.mx[i], strlen(p.mx[i]));
        }
        putchar(']');
    } else {
        put_key_str("reason", p.reason);
        put_key_int("line", p.bad_line);
    }
    mxtls__sts_policy_clear(&p);
}

static void smtp_reply(const struct arg *a)
{
    static struct mxtls__reply_parser p;
    mxtls__reply_reset(&p);
    size_t used = mxtls__reply_feed(&p, a->data, a->len);
    int valid = p.done && p.error == MXTLS__REPLY_OK;
    put_key_bool("valid", valid);
    put_key_int("reply_error", p.error);
    put_key_int("used", (long long)used);
    if (!valid)
        return;
    put_key_int("code", p.reply.code);
    fputs(",\"lines\":[", stdout);
    for (size_t i = 0; i < p.reply.n_lines; i++) {
        const char *l = mxtls__reply_line(&p.reply, i);
        if (i)
            putchar(',');
        put_str(l, strlen(l));
    }
    putchar(']');
}

static void ehlo(const struct arg *a)
{
    static struct mxtls__reply_parser p;
    struct mxtls__caps caps;
    mxtls__reply_reset(&p);
    mxtls__reply_feed(&p, a->data, a->len);
    if (!p.done || p.error != MXTLS__REPLY_OK) {
        put_key_bool("valid", 0);
        return;
    }
    mxtls__ehlo_parse(&p.reply, &caps);
    put_key_bool("valid", 1);
    put_key_bool("starttls", caps.flags & MXTLS__CAP_STARTTLS);
    put_key_bool("pipelining", caps.flags & MXTLS__CAP_PIPELINING);
    put_key_bool("8bitmime", caps.flags & MXTLS__CAP_8BITMIME);
    put_key_bool("smtputf8", caps.flags & MXTLS__CAP_SMTPUTF8);
    put_key_bool("chunking", caps.flags & MXTLS__CAP_CHUNKING);
    put_key_bool("enhancedstatuscodes", caps.flags & MXTLS__CAP_ENHANCEDSTATUSCODES);
    put_key_bool("dsn", caps.flags & MXTLS__CAP_DSN);
    put_key_bool("requiretls", caps.flags & MXTLS__CAP_REQUIRETLS);
    if (caps.flags & MXTLS__CAP_SIZE)
        put_key_int("size", caps.size_limit);
    fputs(",\"auth\":[", stdout);
    for (size_t i = 0; i < caps.n_auth; i++) {
        if (i)
            putchar(',');
        put_str(caps.auth[i], strlen(caps.auth[i]));
    }
    putchar(']');
}

static void tlsa_rdata(const struct arg *a)
{
    mxtls__tlsa_fields t;
    char hex[2 * 65535 + 1];
    int ok = mxtls__tlsa_parse(a->data, a->len, &t) == 0;
    put_key_bool("valid", ok);
    if (!ok)
        return;
    put_key_int("usage", t.usage);
    put_key_int("selector", t.selector);
    put_key_int("mtype", t.matching_type);
    if (mxtls__hex(t.data, t.data_len, hex, sizeof hex) == 0)
        put_key_str("data", hex);
}

static void mx_rdata(const struct arg *a)
{
    char name[MXTLS__NAME_TEXT_MAX];
    uint16_t pref;
    uint32_t flags;
    int ok = mxtls__mx_parse(a->data, a->len, &pref, name, sizeof name, &flags) == 0;
    put_key_bool("valid", ok);
    if (!ok)
        return;
    put_key_int("pref", pref);
    put_key_str("name", name);
}

/* ---- DANE through the public verify stage ------------------------------- */

static void dane(const struct arg *a, size_t n)
{
    static mxtls_ctx *ctx;
    mxtls_verify_input *in = NULL;
    mxtls_verify_result *res = NULL;
    gnutls_x509_crt_t *crts = NULL;
    unsigned n_crts = 0;
    gnutls_datum_t pem = {a[1].data, (unsigned)a[1].len};

    if ((ctx == NULL && mxtls_ctx_new(&ctx) != MXTLS_OK) || mxtls_verify_input_new(&in) != MXTLS_OK ||
        gnutls_x509_crt_list_import2(&crts, &n_crts, &pem, GNUTLS_X509_FMT_PEM, 0) < 0) {
        put_key_str("error", "setup or PEM import failed");
        mxtls_verify_input_free(in);
        return;
    }
    for (unsigned i = 0; i < n_crts; i++) {
        gnutls_datum_t der;
        if (gnutls_x509_crt_export2(crts[i], GNUTLS_X509_FMT_DER, &der) >= 0) {
            mxtls_verify_input_add_cert(in, der.data, der.size);
            gnutls_free(der.data);
        }
        gnutls_x509_crt_deinit(crts[i]);
    }
    gnutls_free(crts);
    if (a[0].len)
        mxtls_verify_input_set_reference_name(in, (const char *)a[0].data);
    mxtls_verify_input_set_tlsa_dnssec(in, MXTLS_DNSSEC_SECURE);
    for (size_t i = 2; i < n; i++)
        if (a[i].len >= 3)
            mxtls_verify_input_add_tlsa(in, a[i].data[0], a[i].data[1], a[i].data[2],
                                        a[i].data + 3, a[i].len - 3);
    if (mxtls_verify_run(ctx, in, &res) != MXTLS_OK) {
        put_key_str("error", "verify failed to run");
    } else {
        put_key_bool("match", res->dane == MXTLS_DANE_MATCHED);
        put_key_str("dane", mxtls_dane_outcome_name(res->dane));
        put_key_int("usage", res->dane_usage);
    }
    mxtls_verify_result_free(res);
    mxtls_verify_input_free(in);
}

/* ---- the loop ----------------------------------------------------------- */

static int run(const char *kind, struct arg *a, size_t n)
{
    printf("{\"kind\":");
    put_str(kind, strlen(kind));
    if (strcmp(kind, "sts-txt") == 0 && n == 1)
        sts_txt(a);
    else if (strcmp(kind, "sts-txt-set") == 0)
        sts_txt_set(a, n);
    else if (strcmp(kind, "tlsrpt-txt") == 0 && n == 1)
        tlsrpt_txt(a);
    else if (strcmp(kind, "tlsrpt-txt-set") == 0)
        tlsrpt_txt_set(a, n);
    else if (strcmp(kind, "sts-policy") == 0 && n == 1)
        sts_policy(a);
    else if (strcmp(kind, "mx-pattern") == 0 && n == 2)
        put_key_bool("match", mxtls__sts_mx_match((const char *)a[0].data,
                                                   (const char *)a[1].data));
    else if (strcmp(kind, "cert-name") == 0 && n == 2)
        put_key_bool("match", mxtls__san_dns_name_kept((const char *)a[0].data, a[0].len) &&
                                  mxtls__dns_id_match((const char *)a[0].data,
                                                      (const char *)a[1].data));
    else if (strcmp(kind, "smtp-reply") == 0 && n == 1)
        smtp_reply(a);
    else if (strcmp(kind, "ehlo") == 0 && n == 1)
        ehlo(a);
    else if (strcmp(kind, "tlsa-rdata") == 0 && n == 1)
        tlsa_rdata(a);
    else if (strcmp(kind, "mx-rdata") == 0 && n == 1)
        mx_rdata(a);
    else if (strcmp(kind, "dane") == 0 && n >= 2)
        dane(a, n);
    else
        put_key_str("error", "unknown kind or wrong argument count");
    puts("}");
    return fflush(stdout) == 0 ? 0 : -1;
}

int main(void)
{
    static char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t len = strcspn(line, "\n");
        struct arg args[MAX_ARGS];
        size_t n = 0;
        char *kind = line, *p;
        line[len] = '\0';
        if ((p = strchr(line, '\t')) != NULL)
            *p++ = '\0';
        while (p != NULL && n < MAX_ARGS) {
            char *next = strchr(p, '\t');
            if (next != NULL)
                *next++ = '\0';
            if (unhex(p, strlen(p), &args[n]) != 0)
                break;
            n++;
            p = next;
        }
        if (p != NULL) {
            puts("{\"error\":\"bad hex or too many arguments\"}");
            fflush(stdout);
            continue;
        }
        if (run(kind, args, n) != 0)
            return 1;
    }
    return 0;
}
