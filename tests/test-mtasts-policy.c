/* The MTA-STS parsers and the name matchers, alone: pure functions over
 * bounded buffers (src/mtasts/mtasts_policy.c, src/core/dns_id.c, and the
 * address parser of src/core/inet.c). Linked against the
 * non-installed build with internals visible; no lab needed. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/dns_id.h"
#include "../src/core/inet.h"
#include "../src/mtasts/mtasts_policy.h"
#include "../src/resolve/records.h"
#include "../src/verify/verify_int.h"
#include "testlib.h"

static int parse(const char *text, mxtls__sts_policy *p)
{
    return mxtls__sts_policy_parse(text, strlen(text), p);
}

#define CASE_SPLIT                                                                  \
    ": the policy's grammar is case-sensitive (RFC 8461 section 3.2); some senders " \
    "accept this spelling, strict ones ignore the whole policy"

#define OK_POLICY "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n"

START_TEST(policy_valid_lf_and_crlf)
{
    mxtls__sts_policy p;

    ck_assert_int_eq(parse(OK_POLICY, &p), MXTLS__STS_PARSE_OK);
    ck_assert_int_eq(p.mode, MXTLS_MTASTS_MODE_ENFORCE);
    ck_assert_int_eq(p.max_age, 604800);
    ck_assert_uint_eq(p.n_mx, 1);
    ck_assert_str_eq(p.mx[0], "mail.example.com");
    mxtls__sts_policy_clear(&p);
    ck_assert_int_eq(parse("version: STSv1\r\nmode:testing\r\nmx: *.Example.COM \r\n"
                           "mx: b.example.net\r\nmax_age:\t86400",
                           &p),
                     MXTLS__STS_PARSE_OK);
    ck_assert_int_eq(p.mode, MXTLS_MTASTS_MODE_TESTING);
    ck_assert_uint_eq(p.n_mx, 2);
    ck_assert_str_eq(p.mx[0], "*.example.com");
    mxtls__sts_policy_clear(&p);
    /* Unknown fields are extensions, ignored; one line end may close it. */
    ck_assert_int_eq(parse("version: STSv1\nmode: none\nmax_age: 0\nfuture_field: x y\n", &p),
                     MXTLS__STS_PARSE_OK);
    ck_assert_int_eq(p.mode, MXTLS_MTASTS_MODE_NONE);
    ck_assert_uint_eq(p.n_mx, 0);
    mxtls__sts_policy_clear(&p);
}
END_TEST

struct bad_case {
    const char *text;
    int line;
    const char *reason;
};

START_TEST(policy_invalid)
{
    static const struct bad_case cases[] = {
        { "version: STSv1\nmode: enforcing\nmx: a.example\nmax_age: 1\n", 2,
          "mode is not enforce, testing or none" },
        { "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n", 1, "version is not STSv1" },
        { "version: STSv1\nmode: enforce\nmx a.example\nmax_age: 1\n", 3,
          "line is not \"field: value\"" },
        { "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n", 4,
          "max_age is not an integer 0..31557600" },
        { "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n", 4,
          "max_age is not an integer 0..31557600" },
        { "version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 1\n", 3,
          "mx is not a host name or *.domain pattern" },
        { "version: STSv1\nmode: enforce\nmx: *a.example\nmax_age: 1\n", 3,
          "mx is not a host name or *.domain pattern" },
        { "version: STSv1\nmode: enforce\nmx: a.example.\nmax_age: 1\n", 3,
          "mx is not a host name or *.domain pattern" },
        { "version: STSv1\n\nmode: enforce\nmx: a.example\nmax_age: 1\n", 2,
          "empty line inside the policy" },
        { "version: STSv1\nmode: enforce\nmax_age: 1\n", 0, "no mx field" },
        { "mode: enforce\nmx: a.example\nmax_age: 1\n", 0, "no version field" },
        { "version: STSv1\nmx: a.example\nmax_age: 1\n", 0, "no mode field" },
        { "version: STSv1\nmode: enforce\nmx: a.example\n", 0, "no max_age field" },
        { "version: STSv1\n-bad: x\nmode: enforce\n", 2, "invalid field name" },
        /* RFC 8461 3.2's literals are case-sensitive: a variant that leaves
         * a field missing for strict senders, or comes before the exact one,
         * or names an mx, is invalid, with the line quoted. */
        { "version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n", 2,
          "mode must be enforce, testing or none in lower case" CASE_SPLIT },
        { "version: STSv1\nMODE: enforce\nmx: a.example\nmax_age: 1\n", 2,
          "field names are lower-case" CASE_SPLIT },
        { "version: STSv1\nMode: none\nmode: enforce\nmx: a.example\nmax_age: 1\n", 2,
          "field names are lower-case" CASE_SPLIT },
        { "version: STSv1\nmode: enforce\nmx: a.example\nMx: b.example\nmax_age: 1\n", 4,
          "field names are lower-case" CASE_SPLIT },
        { "version: StSv1\nmode: enforce\nmx: a.example\nmax_age: 1\n", 1,
          "version must be written \"STSv1\"" CASE_SPLIT },
        { "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\n\n", 5,
          "a blank line at the end: only one line end may follow the last field; strict "
          "senders reject the policy" },
        { "version: STSv1\nmode : enforce\nmx: a.example\nmax_age: 1\n", 2,
          "invalid field name" },
        { "", 0, "no version field" },
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mxtls__sts_policy p;
        ck_assert_msg(parse(cases[i].text, &p) == MXTLS__STS_PARSE_INVALID, "case %zu", i);
        ck_assert_msg(p.bad_line == cases[i].line, "case %zu: line %d", i, (int)p.bad_line);
        ck_assert_str_eq(p.reason, cases[i].reason);
        mxtls__sts_policy_clear(&p);
    }
}
END_TEST

/* RFC 8461 3.2: of a duplicated field other than mx, every entry but the
 * first SHALL be ignored, even a malformed one; a variant in case after the
 * exact field changes nothing either. */
START_TEST(policy_duplicates_first_counts)
{
    mxtls__sts_policy p;

    ck_assert_int_eq(parse(OK_POLICY "mode: bogus\nmax_age: x\nversion: STSv9\n", &p),
                     MXTLS__STS_PARSE_OK);
    ck_assert_int_eq(p.mode, MXTLS_MTASTS_MODE_ENFORCE);
    ck_assert_int_eq(p.max_age, 604800);
    mxtls__sts_policy_clear(&p);
    ck_assert_int_eq(parse(OK_POLICY "mode: testing\n", &p), MXTLS__STS_PARSE_OK);
    ck_assert_int_eq(p.mode, MXTLS_MTASTS_MODE_ENFORCE);
    mxtls__sts_policy_clear(&p);
    ck_assert_int_eq(parse(OK_POLICY "MODE: none\n", &p), MXTLS__STS_PARSE_OK);
    ck_assert_int_eq(p.mode, MXTLS_MTASTS_MODE_ENFORCE);
    mxtls__sts_policy_clear(&p);
    /* mx repeats by design: every line counts, and is checked */
    ck_assert_int_eq(parse(OK_POLICY "mx: b.example\n", &p), MXTLS__STS_PARSE_OK);
    ck_assert_uint_eq(p.n_mx, 2);
    mxtls__sts_policy_clear(&p);
    ck_assert_int_eq(parse(OK_POLICY "mx: b..example\n", &p), MXTLS__STS_PARSE_INVALID);
    mxtls__sts_policy_clear(&p);
}
END_TEST

START_TEST(policy_hostile_bytes)
{
    static const char nul[] = "version: STSv1\nmode: en\0force\nmx: a.example\nmax_age: 1\n";
    static const char ctl[] = "version: STSv1\nx: \x01\n";
    mxtls__sts_policy p;
    char *big;
    size_t i, n = MXTLS__STS_MAX_BODY + 1;

    ck_assert_int_eq(mxtls__sts_policy_parse(nul, sizeof nul - 1, &p), MXTLS__STS_PARSE_INVALID);
    ck_assert_int_eq(p.bad_line, 2);
    ck_assert_str_eq(p.bad_text, "mode: en?force");
    mxtls__sts_policy_clear(&p);
    ck_assert_int_eq(mxtls__sts_policy_parse(ctl, sizeof ctl - 1, &p), MXTLS__STS_PARSE_INVALID);
    mxtls__sts_policy_clear(&p);
    /* Not NUL-terminated, and read exactly to len: the byte after is poison. */
    big = malloc(n);
    memcpy(big, OK_POLICY, strlen(OK_POLICY));
    big[strlen(OK_POLICY)] = 'X';
    ck_assert_int_eq(mxtls__sts_policy_parse(big, strlen(OK_POLICY), &p), MXTLS__STS_PARSE_OK);
    mxtls__sts_policy_clear(&p);
    for (i = 0; i < n; i++)
        big[i] = 'a';
    ck_assert_int_eq(mxtls__sts_policy_parse(big, n, &p), MXTLS__STS_PARSE_INVALID);
    ck_assert_str_eq(p.reason, "policy larger than 64 KiB");
    mxtls__sts_policy_clear(&p);
    /* One long line is shown truncated. */
    ck_assert_int_eq(mxtls__sts_policy_parse(big, n - 1, &p), MXTLS__STS_PARSE_INVALID);
    ck_assert_uint_eq(strlen(p.bad_text), MXTLS__STS_MAX_LINE_TEXT);
    mxtls__sts_policy_clear(&p);
    free(big);
}
END_TEST

START_TEST(policy_mx_cap)
{
    size_t cap = (MXTLS__STS_MAX_MX + 2) * 20 + 64, len = 0, i;
    char *buf = malloc(cap);
    mxtls__sts_policy p;

    len += (size_t)sprintf(buf + len, "version: STSv1\nmode: enforce\nmax_age: 1\n");
    for (i = 0; i < MXTLS__STS_MAX_MX + 1; i++)
        len += (size_t)sprintf(buf + len, "mx: h%zu.example\n", i);
    ck_assert_int_eq(mxtls__sts_policy_parse(buf, len, &p), MXTLS__STS_PARSE_INVALID);
    ck_assert_str_eq(p.reason, "too many mx lines");
    ck_assert_uint_eq(p.n_mx, MXTLS__STS_MAX_MX);
    mxtls__sts_policy_clear(&p);
    free(buf);
}
END_TEST

START_TEST(mx_patterns)
{
    ck_assert_int_eq(mxtls__sts_mx_match("mail.example.com", "mail.example.com"), 1);
    ck_assert_int_eq(mxtls__sts_mx_match("mail.example.com", "MAIL.Example.com."), 1);
    ck_assert_int_eq(mxtls__sts_mx_match("*.example.com", "a.example.com"), 1);
    ck_assert_int_eq(mxtls__sts_mx_match("*.example.com", "example.com"), 0);
    ck_assert_int_eq(mxtls__sts_mx_match("*.example.com", "a.b.example.com"), 0);
    ck_assert_int_eq(mxtls__sts_mx_match("*.example.com", ".example.com"), 0);
    ck_assert_int_eq(mxtls__sts_mx_match("*.example.com", "aexample.com"), 0);
    ck_assert_int_eq(mxtls__sts_mx_match("mail.example.com", "mail.example.co"), 0);
    ck_assert_int_eq(mxtls__sts_mx_match(NULL, "a"), 0);
    ck_assert_int_eq(mxtls__sts_mx_match("a", ""), 0);
}
END_TEST

/* How the MTA-STS check classifies one TXT string, through the parser it
 * shares with the resolve stage (records.c): 0 not MTA-STS, 1 valid, -1 not. */
static int txt_kind(const char *txt, char id[MXTLS__STS_ID_MAX + 1])
{
    mxtls__sts_txt t;

    ck_assert_int_eq(mxtls__sts_txt_parse(txt, strlen(txt), &t), 0);
    memcpy(id, t.id, MXTLS__STS_ID_MAX + 1);
    return !t.is_sts ? 0 : t.valid ? 1 : -1;
}

START_TEST(txt_parse)
{
    char id[MXTLS__STS_ID_MAX + 1];

    ck_assert_int_eq(txt_kind("v=STSv1; id=abc123", id), 1);
    ck_assert_str_eq(id, "abc123");
    ck_assert_int_eq(txt_kind("v=STSv1;id=X;", id), 1);
    ck_assert_int_eq(txt_kind("v=STSv1; id=1; ext=val ;", id), 1);
    ck_assert_int_eq(txt_kind("v=spf1 -all", id), 0);
    ck_assert_int_eq(txt_kind("v=STSv10; id=1", id), 0);
    ck_assert_int_eq(txt_kind("v=STSv1", id), 0);      /* discarded: no ';' after the tag */
    ck_assert_int_eq(txt_kind("v=stsv1; id=1", id), 0);
    ck_assert_int_eq(txt_kind("v=STSv1 ; id=1", id), 1);
    ck_assert_int_eq(txt_kind("v=STSv1; id=", id), -1);
    ck_assert_int_eq(txt_kind("v=STSv1; id=a-b", id), -1);
    ck_assert_int_eq(txt_kind("v=STSv1; id=123456789012345678901234567890123", id), -1);
    ck_assert_int_eq(txt_kind("v=STSv1; garbage", id), -1);
    /* one trailing ';' at most, WSP only around one */
    ck_assert_int_eq(txt_kind("v=STSv1; id=a;", id), 1);
    ck_assert_int_eq(txt_kind("v=STSv1; id=a;;", id), -1);
    ck_assert_int_eq(txt_kind("v=STSv1; id=a ", id), -1);
    /* the first id counts; a later one is not judged */
    ck_assert_int_eq(txt_kind("v=STSv1; id=a; id=b", id), 1);
    ck_assert_str_eq(id, "a");
    ck_assert_int_eq(txt_kind("v=STSv1; id=a; id=b-c", id), 1);
}
END_TEST

/* What broke a record is quoted, printable, for the finding to show. */
static void assert_txt_broken(const char *txt, const char *bad, const char *why_part)
{
    mxtls__sts_txt t;

    ck_assert_int_eq(mxtls__sts_txt_parse(txt, strlen(txt), &t), 0);
    ck_assert_msg(!t.valid, "%s: valid", txt);
    ck_assert_str_eq(t.bad, bad);
    ck_assert_ptr_nonnull(t.why);
    ck_assert_msg(strstr(t.why, why_part) != NULL, "%s: %s", txt, t.why);
}

START_TEST(txt_broken_field_quoted)
{
    assert_txt_broken("v=STSv1; id=a; more=", "more=", "1 or more printable");
    assert_txt_broken("v=STSv1; id=a; 1%=a", "1%=a", "field name");
    assert_txt_broken("v=STSv1; id=a; test==", "test==", "other than '=' and ';'");
    assert_txt_broken("v=STSv1; id=a;;", "id=a;;", "empty field");
    assert_txt_broken("v=STSv1; id=a; ext=a b", "ext=a b", "space inside a field");
    assert_txt_broken("v=STSv1; id=a; eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee=1",
                      "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee=1", "1-32");
    assert_txt_broken("v=STSv1; ID=a", "ID=a", "case-sensitive");
    assert_txt_broken("v=STSv1; id=a\\001", "id=a\\001", "letters or digits");
    assert_txt_broken("v=STSv1; x=\\009", "x=\\009", "printable");
    /* its near miss: 32 characters is the longest name */
    char id[MXTLS__STS_ID_MAX + 1];
    ck_assert_int_eq(txt_kind("v=STSv1; id=a; eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee=1", id), 1);
    /* a control byte in the text is quoted as '?', never raw */
    mxtls__sts_txt t;
    static const char ctl[] = "v=STSv1; id=a; x=\x01";
    ck_assert_int_eq(mxtls__sts_txt_parse(ctl, sizeof ctl - 1, &t), 0);
    ck_assert_str_eq(t.bad, "x=?");
}
END_TEST

/* RFC 8461 3.1 / RFC 8460 3: records not beginning with the tag and its
 * ';' are discarded before counting; only when nothing counts is the
 * look-alike reported. */
START_TEST(txt_judge_discards)
{
    const char *both[] = {"v=STSv1", "v=STSv1; id=a"};
    const char *bare[] = {"v=spf1 -all", "v=STSv1"};
    const char *two[] = {"v=STSv1; id=a", "v=STSv1; id=b"};
    mxtls__sts_txt first;

    ck_assert_int_eq(mxtls__sts_txt_judge(both, 2, &first), 1);
    ck_assert(first.valid);
    ck_assert_int_eq(mxtls__sts_txt_judge(bare, 2, &first), 0);
    ck_assert(first.lookalike && !first.valid);
    ck_assert_str_eq(first.bad, "v=STSv1");
    ck_assert_int_eq(mxtls__sts_txt_judge(two, 2, &first), 2);
    ck_assert_int_eq(mxtls__sts_txt_judge(bare, 1, &first), 0);
    ck_assert(!first.lookalike && first.why == NULL);

    const char *rpt[] = {"v=TLSRPTv1", "v=TLSRPTv1; rua=mailto:a@example.com"};
    mxtls__tlsrpt_txt r;
    ck_assert_int_eq(mxtls__tlsrpt_txt_judge(rpt, 2, &r), 1);
    ck_assert(r.valid);
    ck_assert_int_eq(mxtls__tlsrpt_txt_judge(rpt, 1, &r), 0);
    ck_assert(r.lookalike);
}
END_TEST

/* rua: mailto: and https: URIs in RFC 3986 syntax, ',' and '!' encoded; a
 * broken record passes no URI on, so its text never becomes an address. */
static void assert_rua(const char *txt, int valid, size_t n, const char *bad)
{
    mxtls__span rua[4];
    mxtls__tlsrpt_txt t;

    ck_assert_int_eq(mxtls__tlsrpt_txt_parse(txt, strlen(txt), rua, 4, &t), 0);
    ck_assert_msg(t.valid == valid, "%s: valid %d", txt, (int)t.valid);
    ck_assert_msg(t.n_rua == n, "%s: %zu URIs", txt, t.n_rua);
    ck_assert_str_eq(t.bad, bad);
}

START_TEST(tlsrpt_uris)
{
    assert_rua("v=TLSRPTv1; rua=mailto:a@example.com", 1, 1, "");
    assert_rua("v=TLSRPTv1; rua=MAILTO:a@example.com", 1, 1, "");
    assert_rua("v=TLSRPTv1; rua=mailto:a@example.com , https://r.example/x;", 1, 2, "");
    assert_rua("v=TLSRPTv1; rua=https://r.example/a%20b", 1, 1, "");
    assert_rua("v=TLSRPTv1; rua=mailto:a@example.com%2110m", 1, 1, "");
    assert_rua("v=TLSRPTv1; rua=noscheme", 0, 0, "noscheme");
    assert_rua("v=TLSRPTv1; rua=xhttps://r.example/x", 0, 0, "xhttps://r.example/x");
    assert_rua("v=TLSRPTv1; rua=https://example.com/a b", 0, 0, "https://example.com/a b");
    assert_rua("v=TLSRPTv1; rua=mailto:a@example.com!10m", 0, 0, "mailto:a@example.com!10m");
    assert_rua("v=TLSRPTv1; rua=mailto:a@example.com,", 0, 0, "rua=mailto:a@example.com,");
    assert_rua("v=TLSRPTv1; rua=https://a%2", 0, 0, "https://a%2");
    assert_rua("v=TLSRPTv1; rua=https://", 0, 0, "https://");
    assert_rua("v=TLSRPTv1; rua=mailto:example.com", 0, 0, "mailto:example.com");
    assert_rua("v=TLSRPTv1; rua=mailto:a@b.example; rua=mailto:c@b.example", 0, 0,
               "rua=mailto:c@b.example");
    assert_rua("v=TLSRPTv1; RUA=mailto:a@b.example", 0, 0, "RUA=mailto:a@b.example");
    assert_rua("v=TLSRPTv1; ext=1", 0, 0, "v=TLSRPTv1; ext=1");
}
END_TEST

START_TEST(dns_id_rules)
{
    ck_assert_int_eq(mxtls__dns_id_match("mail.example.com", "MAIL.example.com."), 1);
    ck_assert_int_eq(mxtls__dns_id_match("*.example.com", "a.example.com"), 1);
    ck_assert_int_eq(mxtls__dns_id_match("*.example.com", "example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("*.example.com", "a.b.example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("f*.example.com", "foo.example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("*.com", "example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("a.*.example.com", "a.b.example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("*.*.example.com", "a.b.example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("*.example.com", "*.example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("mail.example.com", "mail.example.com.."), 0);
    ck_assert_int_eq(mxtls__dns_id_match("", "a"), 0);
    /* only the reference may end in a dot (RFC 5280 4.2.1.6) */
    ck_assert_int_eq(mxtls__dns_id_match("example.com", "example.com."), 1);
    ck_assert_int_eq(mxtls__dns_id_match("example.com.", "example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("*.bar.foo.com.", "www.bar.foo.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("*.bar.foo.com", "www.bar.foo.com"), 1);
    /* the wildcard stands for a host name label, never an empty one */
    ck_assert_int_eq(mxtls__dns_id_match("*.example.com", "https://www.example.com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match("*.example.com", "w_w.example.com"), 1);
    ck_assert_int_eq(mxtls__dns_id_match("www.example..com", "www.example..com"), 0);
    ck_assert_int_eq(mxtls__dns_id_match(".example.com", ".example.com"), 0);
    ck_assert_int_eq(mxtls__san_dns_name_kept("a.example", 9), 1);
    ck_assert_int_eq(mxtls__san_dns_name_kept("a.ex\0ample", 10), 0);
    ck_assert_int_eq(mxtls__san_dns_name_kept("a example", 9), 0);
}
END_TEST

START_TEST(ip_literals)
{
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
    uint8_t b[16];
    const int br = MXTLS__INET_BRACKETS;

    ck_assert_int_eq(mxtls__inet_parse("192.0.2.7", br, b), 4);
    ck_assert_uint_eq(mxtls__inet_len(4), 4);
    ck_assert_int_eq(b[0], 192);
    ck_assert_int_eq(b[4], 0);
    ck_assert_int_eq(mxtls__inet_parse("[2001:db8::1]", br, b), 6);
    ck_assert_uint_eq(mxtls__inet_len(6), 16);
    ck_assert_mem_eq(b, v6, 16);
    ck_assert_int_eq(mxtls__inet_parse("[192.0.2.7]", br, b), 4);
    ck_assert_int_eq(mxtls__inet_parse("mail.example.com", br, b), 0);
    ck_assert_int_eq(mxtls__inet_parse("1.2.3", br, b), 0);
    /* What the parser refuses, whoever asks. */
    ck_assert_int_eq(mxtls__inet_parse("[2001:db8::1]", 0, b), 0);
    ck_assert_int_eq(mxtls__inet_parse("[[::1]]", br, b), 0);
    ck_assert_int_eq(mxtls__inet_parse("[::1", br, b), 0);
    ck_assert_int_eq(mxtls__inet_parse("[]", br, b), 0);
    ck_assert_int_eq(mxtls__inet_parse("01.2.3.4", br, b), 0);
    ck_assert_int_eq(mxtls__inet_parse("fe80::1%eth0", br, b), 0);
    ck_assert_int_eq(mxtls__inet_parse(" 192.0.2.7", br, b), 0);
    ck_assert_int_eq(mxtls__inet_parse(NULL, br, NULL), 0);
    ck_assert_uint_eq(mxtls__inet_len(0), 0);
}
END_TEST

static Suite *policy_suite(void)
{
    Suite *s = suite_create("mtasts-policy");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, policy_valid_lf_and_crlf);
    tcase_add_test(tc, policy_invalid);
    tcase_add_test(tc, policy_duplicates_first_counts);
    tcase_add_test(tc, policy_hostile_bytes);
    tcase_add_test(tc, policy_mx_cap);
    tcase_add_test(tc, mx_patterns);
    tcase_add_test(tc, txt_parse);
    tcase_add_test(tc, txt_broken_field_quoted);
    tcase_add_test(tc, txt_judge_discards);
    tcase_add_test(tc, tlsrpt_uris);
    tcase_add_test(tc, dns_id_rules);
    tcase_add_test(tc, ip_literals);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(policy_suite());
}
