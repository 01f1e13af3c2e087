/* The resolve stage's internals, from the non-installed build: the pure
 * record parsers and name checks on hostile input, and ENOMEM at every
 * allocation site of a real resolve against the lab zones. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unbound.h>

#include <mxtls/mxtls.h>

#include "../src/core/alloc.h"
#include "../src/core/dnsname.h"
#include "../src/resolve/dns_answer.h"
#include "../src/resolve/dns_probe.h"
#include "../src/resolve/records.h"
#include "faultinject.h"
#include "testlib.h"

START_TEST(wire_names)
{
    char out[MXTLS__NAME_TEXT_MAX];
    size_t used = 0;
    uint32_t flags = 0;
    static const uint8_t mx1[] = "\3MX1\7Example\3com";   /* + the final NUL */
    ck_assert_int_eq(mxtls__wire_name_to_text(mx1, sizeof mx1, out, sizeof out, &used, &flags), 0);
    ck_assert_str_eq(out, "mx1.example.com");
    ck_assert_uint_eq(used, sizeof mx1);
    ck_assert_uint_eq(flags, 0);
    static const uint8_t odd[] = "\7_dc-m x\1\\\0";
    ck_assert_int_eq(mxtls__wire_name_to_text(odd, sizeof odd - 1, out, sizeof out, &used, &flags), 0);
    ck_assert_str_eq(out, "_dc-m\\032x.\\092");
    ck_assert(flags & MXTLS__NAME_NON_LDH);
    static const uint8_t root[] = {0};
    ck_assert_int_eq(mxtls__wire_name_to_text(root, 1, out, sizeof out, &used, &flags), 0);
    ck_assert_str_eq(out, ".");
    ck_assert(flags & MXTLS__NAME_ROOT);
    /* Compression pointer, label past the end, no terminator, empty input. */
    static const uint8_t ptr[] = {0xc0, 0x0c};
    static const uint8_t overrun[] = {5, 'a', 'b'};
    static const uint8_t unterminated[] = {1, 'a'};
    ck_assert_int_eq(mxtls__wire_name_to_text(ptr, 2, out, sizeof out, NULL, NULL), -1);
    ck_assert_int_eq(mxtls__wire_name_to_text(overrun, 3, out, sizeof out, NULL, NULL), -1);
    ck_assert_int_eq(mxtls__wire_name_to_text(unterminated, 2, out, sizeof out, NULL, NULL), -1);
    ck_assert_int_eq(mxtls__wire_name_to_text(root, 0, out, sizeof out, NULL, NULL), -1);
    /* Over 255 octets in total. */
    uint8_t big[300];
    for (size_t i = 0; i + 64 < sizeof big; i += 64) {
        big[i] = 63;
        memset(big + i + 1, 'a', 63);
    }
    big[256] = 0;
    ck_assert_int_eq(mxtls__wire_name_to_text(big, sizeof big, out, sizeof out, NULL, NULL), -1);
    /* Output too small. */
    ck_assert_int_eq(mxtls__wire_name_to_text(mx1, sizeof mx1, out, 8, NULL, NULL), -1);
}
END_TEST

START_TEST(mx_and_tlsa_rdata)
{
    char name[MXTLS__NAME_TEXT_MAX];
    uint16_t pref = 0;
    uint32_t flags = 0;
    static const uint8_t mx[] = "\x01\x02\2mx\4test";
    ck_assert_int_eq(mxtls__mx_parse(mx, sizeof mx, &pref, name, sizeof name, &flags), 0);
    ck_assert_uint_eq(pref, 258);
    ck_assert_str_eq(name, "mx.test");
    ck_assert_int_eq(mxtls__mx_parse(mx, sizeof mx + 0, &pref, name, sizeof name, &flags), 0);
    static const uint8_t trailing[] = "\0\1\2mx\0junk";
    ck_assert_int_eq(mxtls__mx_parse(trailing, sizeof trailing, &pref, name, sizeof name,
                                     &flags), -1);
    ck_assert_int_eq(mxtls__mx_parse(mx, 2, &pref, name, sizeof name, &flags), -1);

    mxtls__tlsa_fields f;
    static const uint8_t tlsa[] = {3, 1, 1, 0xab, 0xcd};
    ck_assert_int_eq(mxtls__tlsa_parse(tlsa, sizeof tlsa, &f), 0);
    ck_assert_int_eq(f.usage, 3);
    ck_assert_uint_eq(f.data_len, 2);
    ck_assert_int_eq(mxtls__tlsa_parse(tlsa, 3, &f), -1);
    char hex[8];
    ck_assert_int_eq(mxtls__hex(f.data, f.data_len, hex, sizeof hex), 0);
    ck_assert_str_eq(hex, "abcd");
    ck_assert_int_eq(mxtls__hex(f.data, f.data_len, hex, 4), -1);
}
END_TEST

START_TEST(txt_join_and_escape)
{
    char out[64];
    size_t raw = 0;
    static const uint8_t two[] = "\7v=STSv1\7; id=ab";
    ck_assert_int_eq(mxtls__txt_join(two, sizeof two - 1, out, sizeof out, &raw), 0);
    ck_assert_str_eq(out, "v=STSv1; id=ab");
    ck_assert_uint_eq(raw, 14);
    static const uint8_t ctl[] = {3, 'a', 0, '\\'};
    ck_assert_int_eq(mxtls__txt_join(ctl, sizeof ctl, out, sizeof out, &raw), 0);
    ck_assert_str_eq(out, "a\\000\\092");
    static const uint8_t overrun[] = {9, 'a'};
    ck_assert_int_eq(mxtls__txt_join(overrun, sizeof overrun, out, sizeof out, &raw), -1);
    ck_assert_int_eq(mxtls__txt_join(two, sizeof two - 1, out, 5, &raw), -1);
    static const uint8_t empty[] = {0};
    ck_assert_int_eq(mxtls__txt_join(empty, 1, out, sizeof out, &raw), 0);
    ck_assert_str_eq(out, "");
}
END_TEST

static mxtls__sts_txt sts(const char *text)
{
    mxtls__sts_txt p;
    ck_assert_int_eq(mxtls__sts_txt_parse(text, strlen(text), &p), 0);
    return p;
}

START_TEST(mta_sts_records)
{
    ck_assert(sts("v=STSv1; id=20160831085700Z;").valid);
    ck_assert_str_eq(sts("v=STSv1; id=20160831085700Z;").id, "20160831085700Z");
    ck_assert(sts("v=STSv1;id=abc").valid);
    ck_assert(sts("v=STSv1 ;\tid=abc ; ext=1").valid);
    /* without its ';' the tag is discarded before counting (RFC 8461 3.1),
     * and said to be so */
    ck_assert(!sts("v=STSv1").is_sts && sts("v=STSv1").lookalike);
    ck_assert(!sts("v=STSv1").valid);
    ck_assert(!sts("v=STSv1;").valid);                          /* no id */
    ck_assert(!sts("v=STSv1; id=").valid);
    ck_assert(!sts("v=STSv1; id=a-b").valid);                   /* not alphanumeric */
    ck_assert(!sts("v=STSv1; id=123456789012345678901234567890123").valid);   /* 33 */
    ck_assert(sts("v=STSv1; id=12345678901234567890123456789012").valid);     /* 32 */
    ck_assert(sts("v=STSv1; id=a; id=b").valid);                /* the first counts */
    ck_assert_str_eq(sts("v=STSv1; id=a; id=b").id, "a");
    ck_assert(!sts("v=STSv1; junk").valid);
    ck_assert(!sts("v=STSv10; id=a").is_sts);
    ck_assert(!sts("v=STSv10; id=a").lookalike);               /* another version */
    ck_assert(!sts("id=a; v=STSv1").is_sts);
    ck_assert(!sts("V=STSv1; id=a").is_sts);                    /* case-sensitive */
    ck_assert(sts("V=STSv1; id=a").lookalike);
    ck_assert(!sts("").is_sts);
}
END_TEST

START_TEST(tlsrpt_records)
{
    mxtls__span rua[2];
    mxtls__tlsrpt_txt p;
    const char *t = "v=TLSRPTv1; rua=mailto:a@x.test , https://r.test/v1,mailto:b@x.test";
    ck_assert_int_eq(mxtls__tlsrpt_txt_parse(t, strlen(t), rua, 2, &p), 0);
    ck_assert(p.is_tlsrpt && p.valid);
    ck_assert_uint_eq(p.n_rua, 2);
    ck_assert_uint_eq(p.n_rua_seen, 3);
    ck_assert_int_eq(strncmp(t + rua[0].off, "mailto:a@x.test", rua[0].len), 0);
    ck_assert_uint_eq(rua[0].len, strlen("mailto:a@x.test"));
    ck_assert_int_eq(strncmp(t + rua[1].off, "https://r.test/v1", rua[1].len), 0);
    t = "v=TLSRPTv1;";
    ck_assert_int_eq(mxtls__tlsrpt_txt_parse(t, strlen(t), rua, 2, &p), 0);
    ck_assert(p.is_tlsrpt && !p.valid);
    t = "v=TLSRPTv2; rua=mailto:a@b";
    ck_assert_int_eq(mxtls__tlsrpt_txt_parse(t, strlen(t), rua, 2, &p), 0);
    ck_assert(!p.is_tlsrpt && !p.lookalike);
    t = "v=TLSRPTv10; rua=mailto:a@b.c";
    ck_assert_int_eq(mxtls__tlsrpt_txt_parse(t, strlen(t), rua, 2, &p), 0);
    ck_assert(!p.is_tlsrpt && !p.lookalike);
}
END_TEST

static const char *norm(const char *in, int *kind)
{
    static char out[MXTLS__NAME_MAX + 1];
    char detail[256];
    if (mxtls__name_normalize(in, out, sizeof out, kind, detail, sizeof detail) < 0)
        return NULL;
    return out;
}

START_TEST(name_normalisation)
{
    int kind = -1;
    ck_assert_str_eq(norm("Example.COM.", &kind), "example.com");
    ck_assert_int_eq(kind, MXTLS__INPUT_NAME);
    ck_assert_str_eq(norm("B\xc3\x9c" "CHER.test", &kind), "xn--bcher-kva.test");
    ck_assert_str_eq(norm("\xef\xbd\x85xample.com", &kind), "example.com");   /* fullwidth e */
    ck_assert_str_eq(norm("[IPv6:2001:db8::1]", &kind), "2001:db8::1");
    ck_assert_int_eq(kind, MXTLS__INPUT_IPV6);
    ck_assert_str_eq(norm("192.0.2.1", &kind), "192.0.2.1");
    ck_assert_int_eq(kind, MXTLS__INPUT_IPV4);
    ck_assert_ptr_null(norm("a..b", &kind));
    ck_assert_ptr_null(norm("\xc3", &kind));                   /* broken UTF-8 */
    ck_assert(mxtls__name_is_ldh("mx-1.example.com"));
    ck_assert(!mxtls__name_is_ldh("_dc-mx.abc.example.com"));
    ck_assert(mxtls__name_is_cdn_origin("_dc-mx.0a1b2c3d.example.com"));
    ck_assert(mxtls__name_is_cdn_origin("dc-0a1b2c3d4e.example.com"));
    ck_assert(!mxtls__name_is_cdn_origin("dc-mail.example.com"));
    ck_assert(!mxtls__name_is_cdn_origin("_dc-mx.xyz.example.com"));
    ck_assert(!mxtls__name_is_cdn_origin("dc-abc.example.com"));   /* too short */
    ck_assert_str_eq(mxtls__provider_mail_host("route1.mx.cloudflare.net"), "cloudflare");
    ck_assert_str_eq(mxtls__provider_mail_host("smtp.mx.cloudflare.net"), "cloudflare");
    ck_assert_ptr_null(mxtls__provider_mail_host("mx.cloudflare.net"));
    ck_assert_ptr_null(mxtls__provider_mail_host("evilmx.cloudflare.net"));
    ck_assert_ptr_null(mxtls__provider_mail_host("route1.mx.cloudflare.net.evil.test"));
}
END_TEST

static uint32_t rng_state = 2463534242u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;      /* xorshift32: repeatable runs */
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static int printable(const char *s)
{
    for (; *s; s++)
        if (*s < 0x20 || *s > 0x7e)
            return 0;
    return 1;
}

/* Random bytes, biased toward small length octets so that names and
 * character-strings sometimes parse. Under ASan this finds over-reads; the
 * outputs must always be printable ASCII. A real fuzzer comes later. */
/* The raw probe's query, and its reading of replies: what it relies on
 * (id, QR, the echoed question) and the near misses that must not count. */
START_TEST(dns_probe_reads_only_its_own_reply)
{
    uint8_t q[300], r[400];
    size_t qlen = mxtls__dns_query_build(q, sizeof q, 0x1234, "mxtls.test.", 48, 1);
    ck_assert_uint_eq(qlen, 12 + 12 + 4 + 11);
    ck_assert_uint_eq(q[2], 0x01);               /* RD */
    ck_assert_uint_eq(q[3], 0x20);               /* AD asked for */
    ck_assert_uint_eq(q[qlen - 4], 0x80);        /* DO */
    ck_assert_uint_eq(mxtls__dns_query_build(q, sizeof q, 1, ".", 2, 0), 12 + 1 + 4 + 11);
    ck_assert_uint_eq(q[12], 0);                 /* the root: one empty label */
    ck_assert_uint_eq(mxtls__dns_query_build(q, sizeof q, 1, "a..b", 2, 0), 0);
    char label[70];
    memset(label, 'a', 64);
    label[64] = '\0';
    ck_assert_uint_eq(mxtls__dns_query_build(q, sizeof q, 1, label, 2, 0), 0);

    qlen = mxtls__dns_query_build(q, sizeof q, 0x1234, "mxtls.test", 48, 1);
    size_t qend = 12 + 12 + 4;
    /* A reply: the header, the question, one RRSIG and one DNSKEY record. */
    memcpy(r, q, qend);
    r[2] = 0x81;  /* QR, RD */
    r[3] = 0xa0;  /* RA, AD, NOERROR */
    r[6] = 0, r[7] = 2;
    r[8] = r[9] = r[10] = r[11] = 0;
    size_t n = qend;
    static const uint8_t rr_sig[] = {0xc0, 12, 0, 46, 0, 1, 0, 0, 1, 0, 0, 2, 0xaa, 0xbb};
    static const uint8_t rr_key[] = {0xc0, 12, 0, 48, 0, 1, 0, 0, 1, 0, 0, 1, 0xcc};
    memcpy(r + n, rr_sig, sizeof rr_sig);
    n += sizeof rr_sig;
    memcpy(r + n, rr_key, sizeof rr_key);
    n += sizeof rr_key;
    struct mxtls__dns_reply rep;
    ck_assert_int_eq(mxtls__dns_reply_parse(r, n, q, qlen, &rep), 0);
    ck_assert_int_eq(rep.rcode, 0);
    ck_assert_int_eq(rep.ad, 1);
    ck_assert_int_eq(rep.ra, 1);
    ck_assert_int_eq(rep.answers, 2);
    ck_assert_int_eq(rep.rrsigs, 1);
    /* Cut inside the second record: what was read still counts. */
    ck_assert_int_eq(mxtls__dns_reply_parse(r, n - 1, q, qlen, &rep), 0);
    ck_assert_int_eq(rep.rrsigs, 1);
    /* One bit off each thing a reply must echo: not ours. */
    r[3] = 0x80;   /* no AD */
    ck_assert_int_eq(mxtls__dns_reply_parse(r, n, q, qlen, &rep), 0);
    ck_assert_int_eq(rep.ad, 0);
    r[1] ^= 1;     /* another id */
    ck_assert_int_eq(mxtls__dns_reply_parse(r, n, q, qlen, &rep), -1);
    r[1] ^= 1;
    r[2] &= 0x7f;  /* no QR: a query, not a reply */
    ck_assert_int_eq(mxtls__dns_reply_parse(r, n, q, qlen, &rep), -1);
    r[2] |= 0x80;
    r[13] ^= 0x20; /* another question ("Mxtls") */
    ck_assert_int_eq(mxtls__dns_reply_parse(r, n, q, qlen, &rep), -1);
    r[13] ^= 0x20;
    ck_assert_int_eq(mxtls__dns_reply_parse(r, qend - 1, q, qlen, &rep), -1);
    ck_assert_int_eq(rep.rcode, -1);
    /* A pointer loop or a label past the end never reads out of bounds. */
    r[qend] = 0xc0, r[qend + 1] = (uint8_t)qend;
    ck_assert_int_eq(mxtls__dns_reply_parse(r, n, q, qlen, &rep), 0);
    r[qend] = 63;
    ck_assert_int_eq(mxtls__dns_reply_parse(r, qend + 5, q, qlen, &rep), 0);
    ck_assert_int_eq(rep.rrsigs, 0);
}
END_TEST

START_TEST(parsers_survive_random_input)
{
    uint8_t in[300];
    char out[MXTLS__NAME_TEXT_MAX], txt[4 * 300 + 1], name[MXTLS__NAME_MAX + 1];
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = rng() % sizeof in;
        for (size_t i = 0; i < len; i++)
            in[i] = (uint8_t)(rng() % 4 == 0 ? rng() % 8 : rng());
        uint16_t pref;
        uint32_t flags;
        size_t raw;
        mxtls__tlsa_fields f;
        mxtls__sts_txt st;
        mxtls__tlsrpt_txt rp;
        mxtls__span rua[4];
        if (mxtls__wire_name_to_text(in, len, out, sizeof out, &raw, &flags) == 0)
            ck_assert(printable(out) && raw <= len && raw <= 255);
        if (mxtls__mx_parse(in, len, &pref, out, sizeof out, &flags) == 0)
            ck_assert(printable(out));
        if (mxtls__tlsa_parse(in, len, &f) == 0)
            ck_assert(f.data + f.data_len == in + len);
        if (mxtls__txt_join(in, len, txt, sizeof txt, &raw) == 0) {
            ck_assert(printable(txt) && raw <= len);
            mxtls__sts_txt_parse(txt, strlen(txt), &st);
            mxtls__tlsrpt_txt_parse(txt, strlen(txt), rua, 4, &rp);
            for (size_t k = 0; k < rp.n_rua; k++)
                ck_assert(rua[k].off + rua[k].len <= strlen(txt));
        }
        mxtls__sts_txt_parse((const char *)in, len, &st);
        mxtls__tlsrpt_txt_parse((const char *)in, len, rua, 4, &rp);
        if (iter % 4 == 0) {
            char cstr[sizeof in + 1];
            int kind;
            memcpy(cstr, in, len);
            cstr[len] = '\0';
            if (mxtls__name_normalize(cstr, name, sizeof name, &kind, txt, sizeof txt) == 0)
                ck_assert(printable(name) && strlen(name) <= MXTLS__NAME_MAX);
        }
    }
}
END_TEST

/* DNS messages as libunbound's event API hands them over, built here:
 * header, one question, then answer records given as raw bytes (owner
 * names may point back at the question, 0xc00c). */
struct msg {
    uint8_t b[512];
    size_t n;
};

static void put(struct msg *m, const void *p, size_t n)
{
    ck_assert_uint_le(m->n + n, sizeof m->b);
    memcpy(m->b + m->n, p, n);
    m->n += n;
}

static void put16(struct msg *m, unsigned v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    put(m, b, 2);
}

/* Header (rcode, qdcount 1, ancount) and the question qname (wire). */
static void msg_start(struct msg *m, unsigned rcode, unsigned ancount, const char *qname,
                      size_t qlen, unsigned qtype)
{
    m->n = 0;
    uint8_t h[12] = {0x12, 0x34, 0x81, (uint8_t)(0x80 | rcode), 0, 1, 0, (uint8_t)ancount};
    put(m, h, sizeof h);
    put(m, qname, qlen);
    put16(m, qtype);
    put16(m, 1);
}

/* One record: owner (wire or pointer), type, class, TTL, rdata. */
static void msg_rr(struct msg *m, const char *owner, size_t olen, unsigned type,
                   unsigned klass, const void *rdata, size_t rdlen)
{
    put(m, owner, olen);
    put16(m, type);
    put16(m, klass);
    put16(m, 0);
    put16(m, 300);
    put16(m, (unsigned)rdlen);
    put(m, rdata, rdlen);
}

#define W(s) s, sizeof(s) - 1
static const char ptr_q[] = "\xc0\x0c";   /* points at the question's name */

static struct ub_result *answer(const struct msg *m, int rcode, int sec, const char *why)
{
    struct ub_result *r = NULL;
    ck_assert_int_eq(mxtls__answer_new(m->b, m->n, rcode, sec, why, &r), 0);
    ck_assert_ptr_nonnull(r);
    return r;
}

static int n_data(const struct ub_result *r)
{
    int n = 0;
    while (r->data[n] != NULL)
        n++;
    return n;
}

START_TEST(answer_mx_names_are_uncompressed)
{
    struct msg m;
    msg_start(&m, 0, 1, W("\x02mx\x04test\x00"), 15);
    /* exchange "mail" + pointer to the question name */
    msg_rr(&m, W(ptr_q), 15, 1, W("\x00\x0a\x04mail\xc0\x0c"));
    struct ub_result *r = answer(&m, 0, 2, NULL);
    ck_assert_int_eq(n_data(r), 1);
    ck_assert(r->havedata && r->secure && !r->bogus && !r->nxdomain);
    ck_assert_int_eq(r->rcode, 0);
    ck_assert_ptr_null(r->canonname);
    static const uint8_t want[] = "\x00\x0a\x04mail\x02mx\x04test\x00";
    ck_assert_int_eq(r->len[0], (int)sizeof want - 1);
    ck_assert_mem_eq(r->data[0], want, sizeof want - 1);
    mxtls__answer_free(r);
}
END_TEST

START_TEST(answer_follows_the_cname_chain)
{
    struct msg m;
    msg_start(&m, 0, 3, W("\x01" "a\x04test\x00"), 1);
    msg_rr(&m, W(ptr_q), 5, 1, W("\x01" "b\xc0\x0e"));            /* a CNAME b.test */
    msg_rr(&m, W("\x01" "B\x04TEST\x00"), 1, 1, W("\x7f\x00\x00\x01"));  /* case differs */
    msg_rr(&m, W("\x01" "b\x04test\x00"), 1, 1, W("\x7f\x00\x00\x02"));
    struct ub_result *r = answer(&m, 0, 0, NULL);
    ck_assert_int_eq(n_data(r), 2);
    ck_assert_str_eq(r->canonname, "b.test.");
    ck_assert(!r->secure && !r->bogus);
    mxtls__answer_free(r);
}
END_TEST

/* Each record differs from the match in one field: none is taken. */
START_TEST(answer_near_misses_are_not_data)
{
    static const struct {
        const char *owner;
        size_t olen;
        unsigned type, klass;
    } miss[] = {
        {"\x01" "a\x04tesu\x00", 8, 1, 1},   /* one letter of the owner */
        {"\x01" "a\x04test\x00", 8, 28, 1},  /* AAAA, not A */
        {"\x01" "a\x04test\x00", 8, 1, 3},   /* class CH */
        {"\x01" "b\x04test\x00", 8, 1, 1},   /* no CNAME leads there */
    };
    for (size_t i = 0; i < sizeof miss / sizeof miss[0]; i++) {
        struct msg m;
        msg_start(&m, 0, 1, W("\x01" "a\x04test\x00"), 1);
        msg_rr(&m, miss[i].owner, miss[i].olen, miss[i].type, miss[i].klass,
               W("\x7f\x00\x00\x01"));
        struct ub_result *r = answer(&m, 0, 2, NULL);
        ck_assert_msg(n_data(r) == 0 && !r->havedata, "near miss %zu taken", i);
        ck_assert_int_eq(r->rcode, 0);
        mxtls__answer_free(r);
        /* and the exact match is */
        msg_start(&m, 0, 1, W("\x01" "a\x04test\x00"), 1);
        msg_rr(&m, W("\x01" "a\x04test\x00"), 1, 1, W("\x7f\x00\x00\x01"));
        r = answer(&m, 0, 2, NULL);
        ck_assert_int_eq(n_data(r), 1);
        mxtls__answer_free(r);
    }
}
END_TEST

/* Malformed messages give SERVFAIL and no data, never a crash or a read
 * past the message; nor a word on DNSSEC. */
START_TEST(answer_malformed_is_servfail)
{
    struct msg m;
    struct ub_result *r;
    /* a pointer forward, at itself, a record cut short, no question */
    msg_start(&m, 0, 1, W("\x01" "a\x04test\x00"), 1);
    msg_rr(&m, W("\xc0\x30"), 1, 1, W("\x7f\x00\x00\x01"));
    r = answer(&m, 0, 2, NULL);
    ck_assert(r->rcode == 2 && n_data(r) == 0 && !r->secure);
    mxtls__answer_free(r);
    msg_start(&m, 0, 1, W("\x01" "a\x04test\x00"), 1);
    size_t self = m.n;
    uint8_t loop[2] = {0xc0, (uint8_t)self};
    put(&m, loop, 2);
    r = answer(&m, 0, 2, NULL);
    ck_assert(r->rcode == 2 && n_data(r) == 0);
    mxtls__answer_free(r);
    msg_start(&m, 0, 1, W("\x01" "a\x04test\x00"), 1);
    msg_rr(&m, W(ptr_q), 1, 1, W("\x7f\x00\x00\x01"));
    r = answer(&(struct msg){.n = m.n - 2}, 0, 2, NULL);   /* empty buffer: no header */
    ck_assert_int_eq(r->rcode, 2);
    mxtls__answer_free(r);
    ck_assert_int_eq(mxtls__answer_new(m.b, m.n - 2, 0, 2, NULL, &r), 0);   /* rdata cut */
    ck_assert(r->rcode == 2 && n_data(r) == 0);
    mxtls__answer_free(r);
}
END_TEST

START_TEST(answer_errors_and_bogus)
{
    struct ub_result *r = NULL;
    ck_assert_int_eq(mxtls__answer_new(NULL, 0, 3, 2, NULL, &r), 0);
    ck_assert(r->rcode == 3 && r->nxdomain && !r->havedata && !r->secure);
    mxtls__answer_free(r);
    ck_assert_int_eq(mxtls__answer_new(NULL, 0, 2, 0, "no DNSKEY", &r), 0);
    ck_assert(r->rcode == 2 && !r->nxdomain);
    ck_assert_str_eq(r->why_bogus, "no DNSKEY");
    mxtls__answer_free(r);
    struct msg m;
    msg_start(&m, 3, 0, W("\x01" "a\x04test\x00"), 1);      /* NXDOMAIN in the message */
    r = answer(&m, 0, 1, "signature expired");
    ck_assert(r->nxdomain && r->bogus && !r->secure);
    ck_assert_str_eq(r->why_bogus, "signature expired");
    mxtls__answer_free(r);
}
END_TEST

/* ENOMEM at every allocation of a full resolve (as test-internal.c does for
 * the foundation): each failing run returns MXTLS_ENOMEM and no result;
 * ASan/valgrind show that nothing leaks on those paths. */
static int resolve_op(void)
{
    mxtls_ctx *ctx = NULL;
    mxtls_resolve_result *res = NULL;
    int rc = mxtls_ctx_new(&ctx);
    if (rc == MXTLS_OK)
        rc = mxtls_ctx_add_stub_zone(ctx, "mxtls.test", getenv("MXTLS_LAB_DNS"));
    if (rc == MXTLS_OK)
        rc = mxtls_ctx_set_trust_anchor_file(ctx, getenv("MXTLS_LAB_TRUST_ANCHOR"));
    if (rc == MXTLS_OK)
        rc = mxtls_resolve_mx(ctx, "secure.mxtls.test", &res);
    if (rc == MXTLS_OK && (res == NULL || res->n_hosts != 3))
        rc = MXTLS_EINTERNAL;
    if (rc != MXTLS_OK && res != NULL)
        rc = MXTLS_EINTERNAL;          /* a failed call must not hand back a result */
    mxtls_resolve_result_free(res);
    mxtls_ctx_free(ctx);
    return rc;
}

START_TEST(enomem_at_every_allocation)
{
    mxtls_test_env("MXTLS_LAB_DNS");
    ck_assert_int_gt(mxtls_test_each_allocation_failing(resolve_op, 5000), 50);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("resolve-internal");
    TCase *tc = tcase_create("parsers");
    tcase_add_test(tc, wire_names);
    tcase_add_test(tc, mx_and_tlsa_rdata);
    tcase_add_test(tc, txt_join_and_escape);
    tcase_add_test(tc, mta_sts_records);
    tcase_add_test(tc, tlsrpt_records);
    tcase_add_test(tc, name_normalisation);
    tcase_add_test(tc, parsers_survive_random_input);
    tcase_add_test(tc, answer_mx_names_are_uncompressed);
    tcase_add_test(tc, answer_follows_the_cname_chain);
    tcase_add_test(tc, answer_near_misses_are_not_data);
    tcase_add_test(tc, answer_malformed_is_servfail);
    tcase_add_test(tc, answer_errors_and_bogus);
    tcase_add_test(tc, dns_probe_reads_only_its_own_reply);
    suite_add_tcase(s, tc);
    tc = tcase_create("enomem");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, enomem_at_every_allocation);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(suite());
}
