/* Fuzz target for the DNS record data the resolve stage reads from any
 * authoritative server: names, MX, TLSA and TXT rdata, the `_mta-sts` and
 * `_smtp._tls` TXT records, and resolve_build.c, which turns libunbound's
 * answers into the public structs.
 *
 * Input: byte 0 sets the answer's flags (rcode, secure, bogus, havedata),
 * byte 1 an output size; the rest is given whole to every pure parser of
 * records.c, and split into records (each a 2-octet big-endian length, then
 * that many octets) that form a libunbound answer for resolve_build.c.
 *
 * Built two ways by tests/fuzz/meson.build (see fuzz-errtext.c); the replay
 * test is fuzz-records-replay over tests/fuzz/corpus/records.
 *
 * Properties beyond "no crash, no leak": names and joined texts are printable
 * ASCII within the buffer they were given; spans and ids stay in their
 * bounds; a valid record is one of its kind; the built structs keep their
 * limits and point at what they count. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unbound.h>

#include "mxtls/mxtls.h"
#include "../../src/resolve/records.h"
#include "../../src/resolve/resolve_build.h"
#include "replay.h"

#define MAX_RECORDS 24 /* a few past MXTLS_RESOLVE_MAX_TLSA and _TXT_RECORDS */

static void check_printable(const char *s, size_t cap)
{
    size_t n = strnlen(s, cap);
    if (n == cap)
        abort();
    for (size_t i = 0; i < n; i++)
        if (s[i] < 0x20 || s[i] > 0x7e)
            abort();
}

static void pure_name(const uint8_t *p, size_t len, size_t cap)
{
    char out[MXTLS__NAME_TEXT_MAX];
    size_t used = SIZE_MAX;
    uint32_t flags = 0;
    uint16_t pref;
    if (cap > sizeof out)
        cap = sizeof out;
    if (mxtls__wire_name_to_text(p, len, out, cap, &used, &flags) == 0) {
        check_printable(out, cap);
        if (used > len || used > 255 || (flags & ~3u) ||
            (!!(flags & MXTLS__NAME_ROOT) != !strcmp(out, ".")))
            abort();
    }
    if (mxtls__mx_parse(p, len, &pref, out, cap, &flags) == 0)
        check_printable(out, cap);
}

static void pure_txt(const uint8_t *p, size_t len, size_t cap)
{
    char *out = malloc(cap ? cap : 1);
    size_t raw = SIZE_MAX;
    if (out == NULL)
        return;
    if (mxtls__txt_join(p, len, out, cap, &raw) == 0) {
        check_printable(out, cap);
        if (raw > len)
            abort();
    }
    free(out);
}

/* What a record parser says of a broken field: a printable quote within
 * its buffer, and a reason exactly when the record is not valid. */
static void check_verdict(int is_kind, int lookalike, int valid, const char *bad, size_t cap,
                          const char *why)
{
    if (strnlen(bad, cap) == cap || (lookalike && is_kind) || (valid && (why || bad[0])) ||
        (is_kind && !valid && why == NULL) || (lookalike && why == NULL))
        abort();
    for (const char *b = bad; *b; b++)
        if (*b < 0x20 || *b > 0x7e)
            abort();
}

static void pure_policy_records(const char *txt, size_t len, size_t max_rua)
{
    mxtls__sts_txt sts;
    mxtls__span rua[8];
    mxtls__tlsrpt_txt rpt;
    if (mxtls__sts_txt_parse(txt, len, &sts) != 0 || (sts.valid && !sts.is_sts) ||
        strnlen(sts.id, sizeof sts.id) == sizeof sts.id || (sts.valid && !sts.id[0]))
        abort();
    check_verdict(sts.is_sts, sts.lookalike, sts.valid, sts.bad, sizeof sts.bad, sts.why);
    if (max_rua > 8)
        max_rua = 8;
    if (mxtls__tlsrpt_txt_parse(txt, len, max_rua ? rua : NULL, max_rua, &rpt) != 0 ||
        rpt.n_rua > max_rua || rpt.n_rua > rpt.n_rua_seen || (rpt.valid && !rpt.is_tlsrpt) ||
        (!rpt.valid && rpt.n_rua_seen != 0))
        abort();
    check_verdict(rpt.is_tlsrpt, rpt.lookalike, rpt.valid, rpt.bad, sizeof rpt.bad, rpt.why);
    /* a URI passed on is one URI: no separator, no space, a known scheme */
    for (size_t i = 0; i < rpt.n_rua; i++) {
        if (rua[i].len == 0 || rua[i].off > len || rua[i].len > len - rua[i].off)
            abort();
        const char *u = txt + rua[i].off;
        for (size_t k = 0; k < rua[i].len; k++)
            if (u[k] == ',' || u[k] == ';' || u[k] == ' ' || u[k] == '!' || u[k] == '\0')
                abort();
        if (rua[i].len < 7 || (strncasecmp(u, "mailto:", 7) && strncasecmp(u, "https:", 6)))
            abort();
    }
}

/* The input's lines as the TXT records at one name, judged as senders
 * count them: never more than there are, and a first record only when
 * one counts or a look-alike was seen. */
static void pure_judges(const char *txt, size_t len)
{
    char *copy = malloc(len + 1);
    const char *records[8];
    size_t n = 0;
    if (copy == NULL)
        return;
    memcpy(copy, txt, len);
    copy[len] = '\0';
    for (char *line = copy, *nl; line != NULL && n < 8; line = nl) {
        nl = strchr(line, '\n');
        if (nl != NULL)
            *nl++ = '\0';
        records[n++] = line;
    }
    mxtls__sts_txt sts;
    mxtls__tlsrpt_txt rpt;
    int k = mxtls__sts_txt_judge(records, n, &sts);
    if (k < 0 || (size_t)k > n || (k == 0 && (sts.valid || (!sts.lookalike && sts.why))))
        abort();
    k = mxtls__tlsrpt_txt_judge(records, n, &rpt);
    if (k < 0 || (size_t)k > n || (k == 0 && (rpt.valid || (!rpt.lookalike && rpt.why))))
        abort();
    free(copy);
}

static void pure_parsers(const uint8_t *p, size_t len, size_t cap)
{
    mxtls__tlsa_fields t;
    pure_name(p, len, cap);
    pure_txt(p, len, cap * 4);
    if (mxtls__tlsa_parse(p, len, &t) == 0 && (t.data != p + 3 || t.data_len + 3 != len))
        abort();
    pure_policy_records((const char *)p, len, cap % 10);
    pure_judges((const char *)p, len);
    char *hex = malloc(2 * len + 1);
    if (hex == NULL)
        return;
    if (mxtls__hex(p, len, hex, 2 * len + 1) != 0 || strlen(hex) != 2 * len)
        abort();
    free(hex);
}

/* The records of the answer: 2-octet length, then the rdata (cut at the end). */
static int split(const uint8_t *p, size_t len, char **data, int *lens)
{
    int n = 0;
    size_t i = 0;
    while (i + 2 <= len && n < MAX_RECORDS) {
        size_t l = (size_t)p[i] << 8 | p[i + 1];
        i += 2;
        if (l > len - i)
            l = len - i;
        data[n] = (char *)(uintptr_t)(p + i);
        lens[n++] = (int)l;
        i += l;
    }
    data[n] = NULL;
    return n;
}

static void check_txt_set(const mxtls_txt_set *s)
{
    if (s->n_records > MXTLS_RESOLVE_MAX_TXT_RECORDS || s->records == NULL)
        abort();
    for (size_t i = 0; i < s->n_records; i++)
        check_printable(s->records[i], 4 * MXTLS_RESOLVE_MAX_TXT_BYTES + 1);
}

static void build_mta_sts(const struct ub_result *r)
{
    mxtls_txt_set *txt = NULL;
    mxtls_mta_sts_txt *sts = NULL;
    uint32_t hit = 0;
    mxtls_dns_lookup *lk = mxtls__lookup_new("_mta-sts.example.com", 16);
    if (lk == NULL)
        return;
    if (mxtls__txt_set_new(lk, r, &txt, &hit) != MXTLS_OK || txt == NULL)
        abort();                           /* no allocation fails here */
    check_txt_set(txt);
    if (mxtls__mta_sts_new(txt, &sts) != MXTLS_OK || sts == NULL)
        abort();
    if (sts->n_sts_records < 0 || (size_t)sts->n_sts_records > txt->n_records ||
        (sts->valid && (sts->n_sts_records != 1 || sts->id == NULL)) ||
        (sts->n_sts_records > 0) != (sts->version != NULL))
        abort();
    if (sts->id && (strlen(sts->id) < 1 || strlen(sts->id) > MXTLS__STS_ID_MAX))
        abort();
    mxtls__mta_sts_free(sts);
}

static void build_tlsrpt(const struct ub_result *r)
{
    mxtls_txt_set *txt = NULL;
    mxtls_tlsrpt_txt *rpt = NULL;
    uint32_t hit = 0;
    mxtls_dns_lookup *lk = mxtls__lookup_new("_smtp._tls.example.com", 16);
    if (lk == NULL)
        return;
    if (mxtls__txt_set_new(lk, r, &txt, &hit) != MXTLS_OK || txt == NULL)
        abort();
    if (mxtls__tlsrpt_new(txt, &rpt, &hit) != MXTLS_OK || rpt == NULL)
        abort();
    if (rpt->n_rua > MXTLS_RESOLVE_MAX_RUA || (rpt->n_rua && rpt->rua == NULL) ||
        (rpt->valid && (rpt->n_tlsrpt_records != 1 || rpt->n_rua == 0)))
        abort();
    for (size_t i = 0; i < rpt->n_rua; i++)
        if (rpt->rua[i] == NULL || rpt->rua[i][0] == '\0')
            abort();
    mxtls__tlsrpt_free(rpt);
}

static void build_tlsa(const struct ub_result *r)
{
    uint32_t hit = 0;
    mxtls_mx_host *h = mxtls__host_new("mx.example.com", 10, 0);
    if (h == NULL)
        return;
    if (mxtls__host_take_tlsa(h, r, r->secure ? MXTLS_DNSSEC_SECURE : MXTLS_DNSSEC_INSECURE,
                              &hit) != MXTLS_OK)
        abort();
    if (h->n_tlsa > MXTLS_RESOLVE_MAX_TLSA)
        abort();
    for (size_t i = 0; i < h->n_tlsa; i++) {
        const mxtls_tlsa *t = h->tlsa[i];
        if (t->data_len < 1 || t->data_len > MXTLS_RESOLVE_MAX_TLSA_DATA ||
            strlen(t->data_hex) != 2 * t->data_len)
            abort();
    }
    mxtls__host_free(h);
}

static void build_lookup(const struct ub_result *r, int no_dnssec)
{
    mxtls_dns_lookup *lk = mxtls__lookup_new("example.com", 16);
    if (lk == NULL)
        return;
    if (mxtls__lookup_fill(lk, 0, r, 5, no_dnssec) != MXTLS_OK || lk->detail == NULL ||
        (r->bogus && !no_dnssec && lk->why_bogus == NULL))
        abort();
    /* A resolver that strips DNSSEC never makes an answer bogus. */
    if (no_dnssec && (lk->dnssec == MXTLS_DNSSEC_BOGUS ||
                      (r->bogus && lk->dnssec != MXTLS_DNSSEC_INDETERMINATE)))
        abort();
    if (lk->why_bogus)
        check_printable(lk->why_bogus, 400);
    mxtls__lookup_free(lk);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *rdata[MAX_RECORDS + 1], why[64];
    int lens[MAX_RECORDS + 1];
    if (size < 2)
        return 0;
    uint8_t bits = data[0];
    size_t cap = data[1] ? data[1] * 4u : MXTLS__NAME_TEXT_MAX;
    size_t len = size - 2;
    uint8_t *body = malloc(len ? len : 1);   /* exact size: over-reads are findings */
    if (body == NULL)
        return 0;
    memcpy(body, data + 2, len);
    pure_parsers(body, len, cap);

    struct ub_result r;
    memset(&r, 0, sizeof r);
    r.qname = (char *)"example.com";
    r.qtype = 16;
    r.qclass = 1;
    r.rcode = bits & 7;
    r.secure = (bits >> 3) & 1;
    r.bogus = (bits >> 4) & 1;
    r.havedata = (bits >> 5) & 1;
    r.nxdomain = r.rcode == 3;
    r.data = rdata;
    r.len = lens;
    split(body, len, rdata, lens);
    /* The bogus reason: the first record as a C string, at most 63 octets. */
    size_t wl = rdata[0] == NULL ? 0 : lens[0] < 64 ? (size_t)lens[0] : 63;
    if (wl)
        memcpy(why, rdata[0], wl);
    why[wl] = '\0';
    r.why_bogus = (bits & 0x40) ? why : NULL;
    build_lookup(&r, (bits >> 7) & 1);
    build_mta_sts(&r);
    build_tlsrpt(&r);
    build_tlsa(&r);
    free(body);
    return 0;
}

#ifndef MXTLS_LIBFUZZER
int main(int argc, char **argv)
{
    static const char alphabet[] = "v=STSv1;TLSRPTv1 rua:,id\x00\x01\x03\x10\x3f\x40\xff\\";
    return mxtls_fuzz_replay(argc, argv, alphabet, sizeof alphabet - 1, 400);
}
#endif
