/* mxtls_report_text() and mxtls_report_json() on hand-built reports: the
 * text a mail admin reads (verdict first, numbered fixes, symptoms under
 * their cause, nothing raw from a server), the JSON read back with json-c,
 * hostile and NULL-filled reports, and MXTLS_ENOMEM at every allocation.
 * Linked with the internal build for the allocation-failure injection. */
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "../src/report/report.h"
#include "faultinject.h"
#include "report-samples.h"
#include "testlib.h"

static char *render(int which, uint32_t flags, int json)
{
    mxtls_buffer *b = NULL;
    const mxtls_report *r = sample_report(which, NULL);
    mxtls_status s = json ? mxtls_report_json(r, flags, &b) : mxtls_report_text(r, flags, &b);
    ck_assert_int_eq(s, MXTLS_OK);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(b->struct_size, sizeof(mxtls_buffer));
    ck_assert_uint_eq(strlen(b->data), b->length);
    char *copy = strdup(b->data);
    mxtls_buffer_free(b);
    return copy;
}

/* Position of needle in hay, failing the test when it is not there. */
static size_t at(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    ck_assert_msg(p != NULL, "missing: \"%s\"", needle);
    return (size_t)(p - hay);
}

/* 1 if s is valid UTF-8 with no control byte but '\n', no DEL, no C1. */
static int clean_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
                             : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        if (n == 0 || (c < 0x20 && c != '\n') || c == 0x7f || (c == 0xc2 && p[1] < 0xa0))
            return 0;
        uint32_t cp = n == 1 ? c : c & (0x7f >> n);
        for (size_t i = 1; i < n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i] & 0x3f);
        }
        static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        p += n;
    }
    return 1;
}

static json_object *parse(const char *text)
{
    json_tokener *tok = json_tokener_new();
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    json_object *o = json_tokener_parse_ex(tok, text, (int)strlen(text));
    ck_assert_msg(o != NULL, "JSON does not parse: %s",
                  json_tokener_error_desc(json_tokener_get_error(tok)));
    json_tokener_free(tok);
    return o;
}

static json_object *get(json_object *o, const char *path)
{
    /* "a.b.0.c": object keys and array indexes */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *part = strtok(buf, "."); part; part = strtok(NULL, ".")) {
        if (json_object_is_type(o, json_type_array))
            o = json_object_array_get_idx(o, (size_t)atoi(part));
        else
            ck_assert_msg(json_object_object_get_ex(o, part, &o), "no %s in %s", part, path);
        ck_assert_msg(o != NULL || strtok(NULL, ".") == NULL, "%s runs through null", path);
    }
    return o;
}

static const char *str(json_object *o, const char *path)
{
    json_object *v = get(o, path);
    ck_assert_msg(json_object_is_type(v, json_type_string), "%s is not a string", path);
    return json_object_get_string(v);
}

static int64_t num(json_object *o, const char *path)
{
    json_object *v = get(o, path);
    ck_assert_msg(json_object_is_type(v, json_type_int), "%s is not an integer", path);
    return json_object_get_int64(v);
}

/* A report finished from findings: the environment's root causes come
 * first, a symptom under one is about the environment too, and each side
 * has its own verdict. with_target_error adds an error at the MX host. */
static mxtls_report *finished(int with_target_error)
{
    struct mxtls__finding_list list = {0};
    struct mxtls__vars vars = {.domain = "example.test", .host = "mx.example.test"};
    struct mxtls__finding_place at_mx = {.host = "mx.example.test", .address = "192.0.2.7",
                                         .port = 25};
    int st = 0;
    ck_assert_int_eq(mxtls__finding_list_add(&list, MXTLS_F_NET_TIMEOUT, 0, &vars, &at_mx, &st), 0);
    ck_assert_int_eq(mxtls__finding_list_add(&list, MXTLS_F_CERT_EXPIRES_SOON,
                                             MXTLS_SEVERITY_WARNING, &vars, &at_mx, &st), 1);
    ck_assert_int_eq(mxtls__finding_list_add(&list, MXTLS_F_NET_EGRESS_BLOCKED, 0, &vars, NULL,
                                             &st), 2);
    int32_t root_of[4] = {2, -1, -1, -1};
    if (with_target_error)
        ck_assert_int_eq(mxtls__finding_list_add(&list, MXTLS_F_CERT_SELF_SIGNED, 0, &vars,
                                                 &at_mx, &st), 3);
    mxtls_report *r = mxtls__report_new("example.test", MXTLS_PROFILE_MX);
    ck_assert_ptr_nonnull(r);
    mxtls_probe **probes = NULL;
    size_t n_probes = 0;
    ck_assert_int_eq(mxtls__report_finish(r, &list, root_of, &probes, &n_probes, 0), MXTLS_OK);
    return r;
}

START_TEST(environment_first_with_its_own_verdict)
{
    mxtls_report *r = finished(0);
    ck_assert_uint_eq(r->n_findings, 3);
    ck_assert_uint_eq(r->n_root_causes, 2);
    ck_assert_str_eq(r->findings[0]->id, "net.egress-blocked");
    ck_assert_int_eq(r->findings[0]->about, MXTLS_ABOUT_ENVIRONMENT);
    ck_assert_str_eq(r->findings[1]->id, "cert.expires-soon");
    ck_assert_int_eq(r->findings[1]->about, MXTLS_ABOUT_TARGET);
    /* The timeout at the MX is the blocked port's symptom, not the MX's. */
    ck_assert_str_eq(r->findings[2]->id, "net.timeout");
    ck_assert_int_eq(r->findings[2]->caused_by, 0);
    ck_assert_int_eq(r->findings[2]->about, MXTLS_ABOUT_ENVIRONMENT);
    ck_assert_int_eq(r->verdict, MXTLS_VERDICT_WARNING);
    ck_assert_int_eq(r->environment_verdict, MXTLS_VERDICT_ERROR);
    ck_assert_ptr_nonnull(strstr(r->summary, "not checked fully"));

    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_report_text(r, 0, &b), MXTLS_OK);
    const char *env = strstr(b->data, "Where this check ran (not about the target)");
    const char *blocked = strstr(b->data, "net.egress-blocked");
    const char *target = strstr(b->data, "About example.test");
    const char *soon = strstr(b->data, "cert.expires-soon");
    ck_assert(env != NULL && blocked != NULL && target != NULL && soon != NULL);
    ck_assert(env < blocked && blocked < target && target < soon);
    ck_assert_ptr_nonnull(strstr(b->data, "WARNING, 1 problem found, NOT CHECKED FULLY"));
    mxtls_buffer_free(b);

    ck_assert_int_eq(mxtls_report_json(r, 0, &b), MXTLS_OK);
    json_object *doc = json_tokener_parse(b->data), *v = NULL, *f = NULL;
    ck_assert_ptr_nonnull(doc);
    ck_assert(json_object_object_get_ex(doc, "environment_verdict", &v));
    ck_assert_str_eq(json_object_get_string(v), "error");
    ck_assert(json_object_object_get_ex(doc, "verdict", &v));
    ck_assert_str_eq(json_object_get_string(v), "warning");
    ck_assert(json_object_object_get_ex(doc, "findings", &f));
    static const char *const abouts[] = {"environment", "target", "environment"};
    for (size_t i = 0; i < 3; i++) {
        ck_assert(json_object_object_get_ex(json_object_array_get_idx(f, i), "about", &v));
        ck_assert_str_eq(json_object_get_string(v), abouts[i]);
    }
    json_object_put(doc);
    mxtls_buffer_free(b);
    mxtls_report_free(r);
}
END_TEST

/* issue 18: --verbose shows the bytes sent and received, as recorded in the
 * results' exchanges, escaped as data: one transcript line per CRLF line,
 * control bytes and '\' as \xNN, a bare LF kept visible, a last line
 * without its end said so, and a cut transcript said so. */
#define EXCHANGE(dir, tls, text) \
    {.struct_size = sizeof(mxtls_exchange), .direction = (dir), .over_tls = (tls), \
     .length = sizeof(text) - 1, .data = (const uint8_t *)(text)}
static const mxtls_exchange plain_x[] = {
    EXCHANGE(MXTLS_EXCHANGE_RECEIVED, 0, "220 mx ESMTP \x1b[31mred\\\r\n"),
    EXCHANGE(MXTLS_EXCHANGE_SENT, 0, "EHLO probe.example\r\n"),
    EXCHANGE(MXTLS_EXCHANGE_RECEIVED, 0, "250-mx\r\n250 STARTTLS\r\n"),
};
static const mxtls_exchange tls_x[] = {
    EXCHANGE(MXTLS_EXCHANGE_SENT, 0, "STARTTLS\r\n"),
    EXCHANGE(MXTLS_EXCHANGE_RECEIVED, 0, "220 go\nahead"),
    EXCHANGE(MXTLS_EXCHANGE_SENT, 1, "EHLO probe.example\r\n"),
    EXCHANGE(MXTLS_EXCHANGE_RECEIVED, 1, "250 ok\r\n"),
};

START_TEST(transcript_shows_the_bytes_sent_and_received)
{
    const mxtls_exchange *plain[] = {&plain_x[0], &plain_x[1], &plain_x[2]};
    const mxtls_exchange *tls[] = {&tls_x[0], &tls_x[1], &tls_x[2], &tls_x[3]};
    mxtls_capabilities caps = {.struct_size = sizeof caps, .starttls = 1};
    mxtls_connect_result c = {
        .struct_size = sizeof c, .address = "192.0.2.7", .port = 25,
        .mode = MXTLS_MODE_STARTTLS, .connect_ms = 1, .banner_ms = 1, .ehlo_ms = 1,
        .banner_code = 220, .banner = "rebuilt, not shown", .ehlo_code = 250, .caps = &caps,
        .detail = "ok", .n_exchanges = 3, .exchanges = plain};
    mxtls_tls_result t = {
        .struct_size = sizeof t, .starttls_code = 220, .starttls_text = "go",
        .version = 0x0304, .version_name = "TLS1.3", .cipher_suite = "TLS_AES_128_GCM_SHA256",
        .alert_received = -1, .alert_sent = -1, .caps = &caps, .ehlo_code = 250,
        .sni = "mx.example.test", .detail = "ok", .n_exchanges = 4, .exchanges = tls,
        .transcript_truncated = 1};
    mxtls_probe p = {.struct_size = sizeof p, .purpose = MXTLS_PROBE_PRIMARY,
                     .host = "mx.example.test", .address = "192.0.2.7", .port = 25,
                     .mode = MXTLS_MODE_STARTTLS, .sni = "mx.example.test", .status = MXTLS_OK,
                     .host_index = -1, .address_index = -1, .connect = &c, .tls = &t};
    const mxtls_probe *probes[] = {&p};
    mxtls_report r = {.struct_size = sizeof r, .target = "example.test",
                      .profile = MXTLS_PROFILE_MX, .domain = "example.test", .n_probes = 1,
                      .probes = probes, .summary = "example.test: no problems found"};
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_report_text(&r, MXTLS_RENDER_TRANSCRIPT, &b), MXTLS_OK);
    at(b->data, "    connected in 1 ms\n"
                "    < 220 mx ESMTP \\x1b[31mred\\x5c\n"
                "    > EHLO probe.example\n"
                "    < 250-mx\n"
                "    < 250 STARTTLS\n"
                "    > STARTTLS\n"
                "    < 220 go\\x0a\n"
                "    < ahead\n"
                "    (the server's last line had no line end)\n"
                "    TLS handshake (SNI mx.example.test): TLSv1.3 TLS_AES_128_GCM_SHA256\n"
                "    > EHLO probe.example\n"
                "    < 250 ok\n"
                "    (transcript cut: the dialogue went on past 8192 bytes)\n");
    ck_assert_ptr_null(strstr(b->data, "rebuilt, not shown"));
    ck_assert(clean_utf8(b->data));
    mxtls_buffer_free(b);

    ck_assert_int_eq(mxtls_report_json(&r, MXTLS_RENDER_TRANSCRIPT, &b), MXTLS_OK);
    json_object *doc = json_tokener_parse(b->data);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(str(doc, "probes.0.transcript.3"), "> EHLO probe.example");
    ck_assert_str_eq(str(doc, "probes.0.transcript.2"), "< 220 mx ESMTP \\x1b[31mred\\x5c");
    json_object_put(doc);
    mxtls_buffer_free(b);

    /* Without exchanges (an older library's results): rebuilt, as before. */
    c.n_exchanges = 0;
    t.n_exchanges = 0;
    ck_assert_int_eq(mxtls_report_text(&r, MXTLS_RENDER_TRANSCRIPT, &b), MXTLS_OK);
    at(b->data, "    < 220 rebuilt, not shown\n    > EHLO\n");
    mxtls_buffer_free(b);
}
END_TEST

/* issue 18: root_causes counts only real causes. An info root (tls.ok)
 * listed first among the findings would have counted; it follows the
 * problems, keeps caused_by -1, and the verdict is unchanged. */
START_TEST(info_roots_are_no_root_causes)
{
    struct mxtls__finding_list list = {0};
    struct mxtls__vars vars = {.domain = "example.test", .host = "mx.example.test"};
    struct mxtls__finding_place at_mx = {.host = "mx.example.test", .address = "192.0.2.7",
                                         .port = 25};
    int st = 0;
    ck_assert_int_eq(mxtls__finding_list_add(&list, MXTLS_F_TLS_OK, 0, &vars, &at_mx, &st), 0);
    ck_assert_int_eq(mxtls__finding_list_add(&list, MXTLS_F_CERT_EXPIRES_SOON,
                                             MXTLS_SEVERITY_WARNING, &vars, &at_mx, &st), 1);
    int32_t root_of[2] = {-1, -1};
    mxtls_report *r = mxtls__report_new("example.test", MXTLS_PROFILE_MX);
    ck_assert_ptr_nonnull(r);
    mxtls_probe **probes = NULL;
    size_t n_probes = 0;
    ck_assert_int_eq(mxtls__report_finish(r, &list, root_of, &probes, &n_probes, 0), MXTLS_OK);
    ck_assert_uint_eq(r->n_findings, 2);
    ck_assert_uint_eq(r->n_root_causes, 1);
    ck_assert_str_eq(r->findings[0]->id, "cert.expires-soon");
    ck_assert_str_eq(r->findings[1]->id, "tls.ok");
    ck_assert_int_eq(r->findings[1]->caused_by, -1);
    ck_assert_int_eq(r->verdict, MXTLS_VERDICT_WARNING);
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_report_json(r, 0, &b), MXTLS_OK);
    json_object *doc = json_tokener_parse(b->data);
    ck_assert_int_eq(num(doc, "root_causes"), 1);
    json_object_put(doc);
    mxtls_buffer_free(b);
    mxtls_report_free(r);

    /* Only tls.ok: no root cause at all, verdict ok. */
    struct mxtls__finding_list ok = {0};
    ck_assert_int_eq(mxtls__finding_list_add(&ok, MXTLS_F_TLS_OK, 0, &vars, &at_mx, &st), 0);
    int32_t ok_root[1] = {-1};
    r = mxtls__report_new("example.test", MXTLS_PROFILE_MX);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(mxtls__report_finish(r, &ok, ok_root, &probes, &n_probes, 0), MXTLS_OK);
    ck_assert_uint_eq(r->n_root_causes, 0);
    ck_assert_int_eq(r->verdict, MXTLS_VERDICT_OK);
    mxtls_report_free(r);
}
END_TEST

/* The near miss: an error at the target is the target's verdict whatever
 * the environment says, and is listed after the environment's. */
START_TEST(target_error_stays_the_targets)
{
    mxtls_report *r = finished(1);
    ck_assert_uint_eq(r->n_root_causes, 3);
    ck_assert_str_eq(r->findings[0]->id, "net.egress-blocked");
    ck_assert_str_eq(r->findings[1]->id, "cert.self-signed");
    ck_assert_int_eq(r->findings[1]->about, MXTLS_ABOUT_TARGET);
    ck_assert_int_eq(r->verdict, MXTLS_VERDICT_ERROR);
    ck_assert_int_eq(r->environment_verdict, MXTLS_VERDICT_ERROR);
    mxtls_report_free(r);
    /* A report a caller built before the members existed: target, ok. */
    mxtls_finding old = {.struct_size = offsetof(mxtls_finding, about), .id = "x.y",
                         .severity = MXTLS_SEVERITY_ERROR, .caused_by = -1,
                         .about = MXTLS_ABOUT_ENVIRONMENT};
    const mxtls_finding *list[] = {&old};
    mxtls_report rep = {.struct_size = offsetof(mxtls_report, environment_verdict),
                        .target = "old.test", .findings = list, .n_findings = 1,
                        .n_root_causes = 1, .verdict = MXTLS_VERDICT_ERROR,
                        .environment_verdict = MXTLS_VERDICT_ERROR};
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_report_json(&rep, 0, &b), MXTLS_OK);
    ck_assert_ptr_nonnull(strstr(b->data, "\"environment_verdict\":\"ok\""));
    ck_assert_ptr_nonnull(strstr(b->data, "\"about\":\"target\""));
    mxtls_buffer_free(b);
}
END_TEST

START_TEST(null_arguments_are_einval)
{
    mxtls_buffer *b = (mxtls_buffer *)1;
    ck_assert_int_eq(mxtls_report_text(NULL, 0, &b), MXTLS_EINVAL);
    ck_assert_ptr_null(b);
    b = (mxtls_buffer *)1;
    ck_assert_int_eq(mxtls_report_json(NULL, 0, &b), MXTLS_EINVAL);
    ck_assert_ptr_null(b);
    ck_assert_int_eq(mxtls_report_text(sample_report(0, NULL), 0, NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_report_json(sample_report(0, NULL), 0, NULL), MXTLS_EINVAL);
    b = (mxtls_buffer *)1;
    ck_assert_int_eq(mxtls_report_html(NULL, 0, &b), MXTLS_EINVAL);
    ck_assert_ptr_null(b);
    ck_assert_int_eq(mxtls_report_html(sample_report(0, NULL), 0, NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_summary_new(NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_summary_add(NULL, "x", NULL, NULL), MXTLS_EINVAL);
    b = (mxtls_buffer *)1;
    ck_assert_int_eq(mxtls_summary_html(NULL, 0, &b), MXTLS_EINVAL);
    ck_assert_ptr_null(b);
    mxtls_summary_free(NULL);
}
END_TEST

START_TEST(text_starts_with_the_verdict)
{
    char *t = render(SAMPLE_ALERT47, 0, 0);
    ck_assert_uint_eq(at(t, "example.test: ERROR, 2 problems found (mx profile)\n"), 0);
    at(t, "\nMail to example.test fails: its MX is a CDN origin name");
    free(t);
    t = render(SAMPLE_SUBMISSION, 0, 0);
    ck_assert_uint_eq(at(t, "smtp.example.test:465: OK, no problems found (submission profile)\n"),
                      0);
    at(t, "Senders must see a valid certificate here");
    free(t);
}
END_TEST

START_TEST(text_root_causes_have_numbered_fixes_and_their_symptoms)
{
    char *t = render(SAMPLE_ALERT47, 0, 0);
    size_t p1 = at(t, "Problem 1 of 2 [error] dns.mx-non-ldh at _dc-mx.2f1e3d.example.test\n");
    size_t p2 = at(t, "Problem 2 of 2 [warning] cert.weak-key at _dc-mx.2f1e3d.example.test\n"
                      "  [192.0.2.7]:25\n");
    size_t fix = at(t, "  How to fix it:\n  1. In your DNS provider's panel");
    size_t two = at(t, "\n  2. Point the MX record at mail.example.test");
    size_t three = at(t, "\n  3. Wait for the old MX");
    size_t also = at(t, "  Also seen, explained by the above:\n");
    size_t sni = at(t, "    - [error] _dc-mx.2f1e3d.example.test [192.0.2.7]:25: The server "
                       "refused\n      the SNI name");
    size_t mism = at(t, "(cert.name-mismatch)");
    ck_assert(p1 < fix && fix < two && two < three && three < also);
    ck_assert(also < sni && sni < mism && mism < p2);
    at(t, "  References:\n    RFC 5321 section 2.3.5\n    RFC 6066 section 3\n");
    at(t, "  What mxtls saw: \"MX 10 _dc-mx.2f1e3d.example.test\"\n");
    /* the explanation's two paragraphs, wrapped, with a blank line between */
    at(t, "\n  Your DNS provider rewrote the MX record");
    at(t, "\n\n  Without SNI the same server");
    /* the info finding is a brief note, after the problems */
    size_t note = at(t, "Notes:\n  [info] mtasts.enforced: The domain publishes");
    ck_assert(note > p2);
    /* symptoms appear once, under their cause, not again as notes */
    ck_assert_ptr_null(strstr(t + note, "sni-rejected"));
    free(t);
}
END_TEST

START_TEST(text_lines_fit_78_columns)
{
    char *t = render(SAMPLE_ALERT47, 0, 0);
    size_t col = 0, longest = 0;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p == '\n')
            col = 0;
        else if ((*p & 0xc0) != 0x80 && ++col > longest)
            longest = col;
    }
    ck_assert_uint_le(longest, 78);
    ck_assert_uint_ge(longest, 60); /* wrapped, not chopped short */
    free(t);
}
END_TEST

START_TEST(text_details_per_address)
{
    char *t = render(SAMPLE_ALERT47, 0, 0);
    size_t d = at(t, "\nDetails\nDNS: example.test NOERROR, DNSSEC insecure\n");
    at(t, "  MX 10 _dc-mx.2f1e3d.example.test; non-LDH name; CDN origin name\n");
    at(t, "    192.0.2.7 (IPv4, reserved, DNSSEC insecure, inside a proxy range of\n"
          "      cloudflare)\n");
    at(t, "    TLSA _25._tcp._dc-mx.2f1e3d.example.test 3 1 1 deadbeef (DNSSEC insecure)\n");
    at(t, "\n_dc-mx.2f1e3d.example.test [192.0.2.7]:25 starttls (primary, SNI\n"
          "  _dc-mx.2f1e3d.example.test)\n");
    at(t, "  connect: banner 220, STARTTLS offered,\n    \"220 banner, EHLO accepted, STARTTLS offered\"\n");
    at(t, "  TLS: alert 47 (illegal_parameter) received from the server,\n");
    at(t, "(no-sni, no SNI)\n");
    at(t, "  TLS: TLSv1.3 TLS_AES_256_GCM_SHA384 X25519, \"TLS1.3 without SNI\"\n");
    at(t, "  certificate: subject \"CN=mx.example.test\"; names \"mx.example.test\",\n"
          "    \"example.test\"; issuer \"CN=Example Test CA,O=mxtls lab\"; valid until\n"
          "    2025-12-01T00:00:00Z\n");
    at(t, "  verify: unknown-issuer, name-mismatch, weak-key; DANE insecure;");
    ck_assert(d > at(t, "Notes:"));
    ck_assert_ptr_null(strstr(t, "transcript:"));
    ck_assert_ptr_null(strstr(t, "> STARTTLS"));
    free(t);
}
END_TEST

START_TEST(text_transcript_stops_where_the_probe_failed)
{
    char *t = render(SAMPLE_ALERT47, MXTLS_RENDER_TRANSCRIPT, 0);
    size_t first = at(t, "  transcript:\n"
                         "    connecting to _dc-mx.2f1e3d.example.test[192.0.2.7]:25 (starttls)\n"
                         "    connected in 3 ms\n"
                         "    < 220-mx.example.test ESMTP Exim 4.96\n"
                         "    < 220 second banner line\n"
                         "    > EHLO\n"
                         "    < 250-mx.example.test\n"
                         "    < 250-PIPELINING\n"
                         "    < 250-SIZE 10240000\n"
                         "    < 250-STARTTLS\n"
                         "    < 250 8BITMIME\n"
                         "    > STARTTLS\n"
                         "    < 220 TLS go ahead\n"
                         "    TLS handshake (SNI _dc-mx.2f1e3d.example.test): failed\n"
                         "    TLS alert received from the server: 47 illegal_parameter\n"
                         "    failed: \"the server sent TLS alert 47 (illegal_parameter) during "
                         "the handshake\"\n\n");
    size_t second = at(t, "    TLS handshake (no SNI): TLSv1.3 TLS_AES_256_GCM_SHA384 X25519\n"
                          "    certificate: subject \"CN=mx.example.test\"; names "
                          "\"mx.example.test\", \"example.test\"; issuer \"CN=Example Test CA,O=mxtls lab\"; valid until "
                          "2025-12-01T00:00:00Z\n"
                          "    verification: unknown-issuer, name-mismatch, weak-key\n"
                          "    > EHLO\n"
                          "    < 250-mx.example.test\n"
                          "    < 250-PIPELINING\n"
                          "    < 250 8BITMIME\n");
    ck_assert(first < second);
    free(t);

    t = render(SAMPLE_SUBMISSION, MXTLS_RENDER_TRANSCRIPT, 0);
    at(t, "    connecting to smtp.example.test[127.0.0.1]:465 (implicit-tls)\n"
          "    connected in 1 ms\n"
          "    TLS handshake (SNI smtp.example.test): TLSv1.2 TLS_ECDHE_RSA_AES_128_GCM_SHA256 "
          "SECP256R1\n");
    at(t, "    verification: trusted\n"
          "    < 220 smtp.example.test ESMTP Postfix\n"
          "    > EHLO\n");
    ck_assert_ptr_null(strstr(t, "STARTTLS\n"));
    free(t);
}
END_TEST

START_TEST(text_escapes_hostile_bytes)
{
    for (uint32_t flags = 0; flags <= MXTLS_RENDER_TRANSCRIPT; flags++) {
        char *t = render(SAMPLE_HOSTILE, flags, 0);
        ck_assert_msg(clean_utf8(t), "raw control byte or invalid UTF-8 in the text");
        at(t, "evil\\x1b[31m\"\\\\xff.test: UNKNOWN, 1 problem found (unknown profile)\n");
        at(t, "STARTTLS refused: \\x1b[2J\"454\"\\ \\xff\\xfe");
        at(t, "issuer \"CN=Mu\xc3\xb1oz \xe2\x80\x94 valid UTF-8\"");
        at(t, "[unknown] made.up: orphan \\x1b symptom");
        at(t, "0x80000000"); /* a flag this release has no name for */
        /* a word longer than a line is kept whole on a line of its own */
        char *word = malloc(strlen(sample_long_word) + 32);
        ck_assert_ptr_nonnull(word);
        sprintf(word, "\n  What mxtls saw: \"%s\"\n", sample_long_word);
        ck_assert_msg(strstr(t, word) != NULL, "the 10 kB word was broken up");
        free(word);
        at(t, "valid until (time 9223372036854775807 ms)");
        if (flags & MXTLS_RENDER_TRANSCRIPT) {
            /* Server text: only printable ASCII, the backslash escaped too. */
            at(t, "    < 220 evil \\x1b[2J\\x1b]0;owned\\x07 \"quoted\" back\\x5cslash "
                  "\\x0d\\x7f \\xc3( \\xff\\xfe \\xed\\xa0\\x80 \\xc2\\x9b31m end\n");
            at(t, "    < 250-\\xf4\\x90\\x80\\x80 too high\n");
            at(t, "    < 454 TLS not available \\x1b[5m\\xfe now\n"
                  "    failed: \"STARTTLS answered 454 \\x01\\x02\"\n");
        }
        free(t);
    }
}
END_TEST

START_TEST(nulls_render_without_crashing)
{
    for (uint32_t flags = 0; flags <= 3; flags++) {
        char *t = render(SAMPLE_NULLS, flags, 0);
        ck_assert(clean_utf8(t));
        ck_assert_uint_eq(at(t, "(no target): ERROR, 1 problem found (mx profile)\n"), 0);
        at(t, "not connected: the address policy refused it\n");
        if (flags & MXTLS_RENDER_TRANSCRIPT) {
            at(t, "    not connected: the address policy refused this address\n");
            at(t, "    no connection was made\n");
            at(t, "    failed: (no detail)\n");
        }
        free(t);
        char *j = render(SAMPLE_NULLS, flags, 1);
        json_object *o = parse(j);
        ck_assert(json_object_is_type(get(o, "target"), json_type_null));
        ck_assert(json_object_is_type(get(o, "findings.0.id"), json_type_null));
        ck_assert_uint_eq(json_object_array_length(get(o, "findings.0.remedies")), 0);
        ck_assert_uint_eq(json_object_array_length(get(o, "dns.hosts")), 1);
        ck_assert(json_object_is_type(get(o, "probes.1.connect"), json_type_null));
        ck_assert_str_eq(str(o, "probes.0.status"), "MXTLS_EPOLICY");
        json_object_put(o);
        free(j);
    }
}
END_TEST

START_TEST(json_carries_the_report)
{
    char *j = render(SAMPLE_ALERT47, 0, 1);
    ck_assert_ptr_null(strchr(j, '\n') == j + strlen(j) - 1 ? NULL : strchr(j, '\n'));
    json_object *o = parse(j);
    ck_assert_str_eq(str(o, "schema"), "mxtls-report/1");
    ck_assert_str_eq(str(o, "profile"), "mx");
    ck_assert_str_eq(str(o, "verdict"), "error");
    ck_assert(!json_object_get_boolean(get(o, "strict")));
    ck_assert_int_eq(num(o, "elapsed_ms"), 1234);
    ck_assert_uint_eq(json_object_array_length(get(o, "findings")), 5);
    ck_assert(json_object_is_type(get(o, "findings.0.caused_by"), json_type_null));
    ck_assert_int_eq(num(o, "findings.3.caused_by"), 0);
    ck_assert_str_eq(str(o, "findings.3.id"), "tls.sni-rejected");
    ck_assert_str_eq(str(o, "findings.0.stage"), "resolve");
    ck_assert_str_eq(str(o, "findings.0.remedies.2"),
                     "Wait for the old MX record's TTL to pass, then run mxtls-check again.");
    ck_assert_ptr_nonnull(strstr(str(o, "findings.0.explanation"), "deliver.\n\nWithout SNI"));
    ck_assert_str_eq(str(o, "dns.hosts.0.flags.0"), "non-ldh");
    ck_assert_str_eq(str(o, "dns.hosts.0.flags.1"), "cdn-origin");
    ck_assert_str_eq(str(o, "dns.hosts.0.addresses.0.proxy_provider"), "cloudflare");
    ck_assert_str_eq(str(o, "dns.hosts.0.tlsa.0.data"), "deadbeef");
    ck_assert_str_eq(str(o, "dns.tlsrpt.rua.0"), "mailto:tlsrpt@example.test");
    ck_assert_str_eq(str(o, "probes.0.purpose"), "primary");
    ck_assert_str_eq(str(o, "probes.0.connect.banner"),
                     "mx.example.test ESMTP Exim 4.96\nsecond banner line");
    ck_assert_int_eq(num(o, "probes.0.tls.alert_received.number"), 47);
    ck_assert_str_eq(str(o, "probes.0.tls.alert_received.name"), "illegal_parameter");
    ck_assert_str_eq(str(o, "probes.0.tls.failure"), "handshake-failed");
    ck_assert(json_object_is_type(get(o, "probes.1.sni"), json_type_null));
    ck_assert_str_eq(str(o, "probes.1.tls.version"), "TLSv1.3");
    ck_assert_str_eq(str(o, "probes.1.certificates.0.not_after"), "2025-12-01T00:00:00Z");
    ck_assert_str_eq(str(o, "probes.1.certificates.0.sha256"),
                     "0102030000000000000000000000000000000000000000000000000000000000");
    ck_assert_str_eq(str(o, "probes.1.certificates.1.flags.0"), "weak-key");
    ck_assert_str_eq(str(o, "probes.1.verify.flags.1"), "name-mismatch");
    ck_assert_str_eq(str(o, "probes.1.verify.dane.outcome"), "insecure");
    ck_assert(!json_object_object_get_ex(get(o, "probes.0"), "transcript", NULL));
    json_object_put(o);
    free(j);
}
END_TEST

START_TEST(json_transcript_matches_the_text)
{
    char *j = render(SAMPLE_ALERT47, MXTLS_RENDER_TRANSCRIPT | MXTLS_RENDER_PRETTY, 1);
    at(j, "\n  \"schema\": \"mxtls-report/1\",\n"); /* indented */
    char *t = render(SAMPLE_ALERT47, MXTLS_RENDER_TRANSCRIPT, 0);
    json_object *o = parse(j);
    json_object *lines = get(o, "probes.0.transcript");
    ck_assert_uint_eq(json_object_array_length(lines), 15);
    for (size_t i = 0; i < json_object_array_length(lines); i++) {
        char want[512];
        snprintf(want, sizeof want, "    %s\n",
                 json_object_get_string(json_object_array_get_idx(lines, i)));
        at(t, want);
    }
    ck_assert_str_eq(str(o, "probes.0.transcript.13"),
                     "TLS alert received from the server: 47 illegal_parameter");
    json_object_put(o);
    free(j);
    free(t);
}
END_TEST

START_TEST(json_of_hostile_text_is_valid)
{
    for (uint32_t flags = 0; flags <= 3; flags++) {
        char *j = render(SAMPLE_HOSTILE, flags, 1);
        ck_assert_msg(clean_utf8(j), "raw control byte or invalid UTF-8 in the JSON");
        json_object *o = parse(j);
        ck_assert_str_eq(str(o, "probes.0.connect.banner"),
                         "evil \\x1b[2J\\x1b]0;owned\\x07 \"quoted\" back\\x5cslash \\x0d\\x7f "
                         "\\xc3( \\xff\\xfe \\xed\\xa0\\x80 \\xc2\\x9b31m end");
        ck_assert_str_eq(str(o, "target"), "evil\\x1b[31m\"\\\\xff.test");
        ck_assert_str_eq(str(o, "profile"), "unknown");
        ck_assert_str_eq(str(o, "verdict"), "unknown");
        ck_assert_str_eq(str(o, "probes.0.certificates.0.issuer"),
                         "CN=Mu\xc3\xb1oz \xe2\x80\x94 valid UTF-8");
        ck_assert_str_eq(str(o, "probes.0.certificates.0.key.algorithm"), "RSA\\x0a");
        ck_assert(json_object_is_type(get(o, "probes.0.certificates.0.not_after"),
                                      json_type_null));
        ck_assert_str_eq(str(o, "probes.0.certificates.0.not_before"), "0000-12-31T23:59:59Z");
        ck_assert_str_eq(str(o, "probes.0.connect.first_bytes"), "16030100ff");
        size_t escaped = 0; /* each becomes \xNN: three more octets */
        for (const char *c = sample_long_text; *c; c++)
            escaped += (unsigned char)*c < 0x20 || (unsigned char)*c >= 0x80;
        ck_assert_uint_ge(escaped, 10);
        ck_assert_uint_eq(strlen(str(o, "findings.0.explanation")),
                          strlen(sample_long_text) + 3 * escaped);
        ck_assert_str_eq(str(o, "findings.0.evidence"), sample_long_word);
        ck_assert_uint_eq(json_object_array_length(get(o, "findings")), 2);
        ck_assert_int_eq(num(o, "findings.1.caused_by"), 7);
        ck_assert_uint_eq(json_object_array_length(get(o, "probes")), 1);
        ck_assert_uint_eq(json_object_array_length(get(o, "probes.0.verify.flags")), 32);
        json_object_put(o);
        free(j);
    }
}
END_TEST

/* ---- HTML ---------------------------------------------------------------- */

static char *render_html(int which)
{
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_report_html(sample_report(which, NULL), 0, &b), MXTLS_OK);
    ck_assert_uint_eq(strlen(b->data), b->length);
    char *copy = strdup(b->data);
    mxtls_buffer_free(b);
    return copy;
}


START_TEST(html_of_every_sample_is_one_clean_page)
{
    for (int i = 0; i < SAMPLE_COUNT; i++) {
        char *h = render_html(i);
        ck_assert_msg(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0, "%.40s", h);
        ck_assert_msg(clean_utf8(h), "sample %d: raw control byte or invalid UTF-8", i);
        /* one drawing, nothing that loads or runs */
        ck_assert_uint_eq(mxtls_test_count(h, "<svg"), 1);
        ck_assert_uint_eq(mxtls_test_count(h, "</svg>"), 1);
        ck_assert_uint_eq(mxtls_test_count(h, "<script"), 0);
        ck_assert_uint_eq(mxtls_test_count(h, "<img"), 0);
        ck_assert_uint_eq(mxtls_test_count(h, "href=\"http"), 0);
        ck_assert_uint_eq(mxtls_test_count(h, "@import"), 0);
        ck_assert_uint_eq(mxtls_test_count(h, "url("), 0);
        ck_assert_ptr_nonnull(strstr(h, "</html>\n"));
        free(h);
    }
}
END_TEST

/* The case: the root cause's hop is marked, numbered and linked;
 * its id and numbered fixes follow; symptoms sit under it. */
START_TEST(html_marks_the_hop_of_the_cause)
{
    char *h = render_html(SAMPLE_ALERT47);
    at(h, "<g class=\"node host st-bad cause\" data-state=\"bad\" "
          "data-finding=\"dns.mx-non-ldh\"><a href=\"#cause-1\">");
    at(h, "<article class=\"cause st-bad\" id=\"cause-1\" data-finding=\"dns.mx-non-ldh\">");
    at(h, "<ol class=\"fixes\">\n<li>In your DNS provider&#39;s panel");
    at(h, "<code>tls.sni-rejected</code> at <span class=\"where\">");
    /* the alert, with who sent it, on the connection's hop */
    at(h, ">alert 47 from the server</text>");
    at(h, ">illegal_parameter</text>");
    ck_assert_uint_eq(mxtls_test_count(h, "<g class=\"node host "), 1);
    ck_assert_uint_eq(mxtls_test_count(h, "<g class=\"node addr "), 1);
    free(h);
}
END_TEST

/* A banner and a certificate subject that are markup (issue 19): text,
 * with the bidi controls shown, never tags. */
START_TEST(html_markup_from_a_server_is_text)
{
    char *h = render_html(SAMPLE_MARKUP);
    const char *shown = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/svg&gt;&lt;/text&gt;&lt;img "
                        "src=x onerror=alert(2)&gt; &quot;dq&quot; &#39;sq&#39; &amp;amp; "
                        "\\u202e\\u2066RTL\\u200b end";
    /* banner (transcript), subject, evidence, details, the proxy label cut */
    ck_assert_uint_ge(mxtls_test_count(h, shown), 6);
    ck_assert_ptr_nonnull(strstr(h, ">&lt;script&gt;alert(1)&lt;/script&gt;&lt;/svg&gt;&lt;/"));
    ck_assert_uint_eq(mxtls_test_count(h, "<script"), 0);
    ck_assert_uint_eq(mxtls_test_count(h, "<img"), 0);
    ck_assert_uint_eq(mxtls_test_count(h, "</svg>"), 1);
    ck_assert_ptr_null(strstr(h, "\xe2\x80\xae"));
    ck_assert_ptr_null(strstr(h, "\xe2\x81\xa6"));
    ck_assert_ptr_null(strstr(h, "\xe2\x80\x8b"));
    /* the diagram's address and its certificate */
    ck_assert_uint_eq(mxtls_test_count(h, "<g class=\"node addr "), 1);
    at(h, "<g class=\"node cert st-bad cause\"");
    /* a fix's commands are code, one click selects each */
    at(h, "<code class=\"cmd\">postfix reload</code>");
    free(h);
}
END_TEST

START_TEST(summary_counts_and_groups)
{
    mxtls_summary *s = NULL;
    ck_assert_int_eq(mxtls_summary_new(&s), MXTLS_OK);
    for (int i = 0; i < SAMPLE_COUNT; i++)
        ck_assert_int_eq(mxtls_summary_add(s, "t<b>\"x", sample_report(i, NULL), "p/1.html"),
                         MXTLS_OK);
    ck_assert_int_eq(mxtls_summary_add(s, "failed.test", NULL, "javascript:alert(1)"),
                     MXTLS_OK);
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_summary_html(s, 0, &b), MXTLS_OK);
    const char *h = b->data;
    ck_assert(clean_utf8(h));
    at(h, "<h1>Mail TLS checks: 6 targets</h1>");
    at(h, "<td class=\"st-bad\">\xe2\x9c\x97 error</td><td>3</td>");
    at(h, "<td class=\"st-none\">\xe2\x80\x93 not (fully) checked</td><td>1</td>");
    at(h, "<tr><td><code>dns.mx-non-ldh</code></td><td>1</td>");
    at(h, "<a href=\"p/1.html\">t&lt;b&gt;&quot;x</a>");
    ck_assert_ptr_null(strstr(h, "javascript:alert"));
    ck_assert_uint_eq(mxtls_test_count(h, "<script"), 1); /* the optional filter */
    ck_assert_uint_eq(mxtls_test_count(h, "<tr class=\"t "), 6);
    mxtls_buffer_free(b);
    mxtls_summary_free(s);
}
END_TEST

static int op_sample, op_flags, op_json;

static int render_once(void)
{
    mxtls_buffer *b = NULL;
    const mxtls_report *r = sample_report(op_sample, NULL);
    int s = op_json == 2 ? mxtls_report_html(r, (uint32_t)op_flags, &b)
            : op_json    ? mxtls_report_json(r, (uint32_t)op_flags, &b)
                         : mxtls_report_text(r, (uint32_t)op_flags, &b);
    ck_assert(s == MXTLS_OK ? b != NULL : b == NULL);
    mxtls_buffer_free(b);
    return s;
}

START_TEST(enomem_at_every_allocation)
{
    op_sample = _i / 3;
    op_json = _i % 3;
    for (op_flags = 0; op_flags <= 3; op_flags += 3) {
        int sites = mxtls_test_each_allocation_failing(render_once, 2000);
        ck_assert_int_ge(sites, 2);
    }
}
END_TEST

START_TEST(static_names_and_sizes)
{
    ck_assert_str_eq(mxtls_profile_name(MXTLS_PROFILE_MX), "mx");
    ck_assert_str_eq(mxtls_profile_name(MXTLS_PROFILE_SUBMISSION), "submission");
    ck_assert_str_eq(mxtls_profile_name(0), "unknown");
    ck_assert_str_eq(mxtls_profile_name(3), "unknown");
    ck_assert_str_eq(mxtls_verdict_name(MXTLS_VERDICT_OK), "ok");
    ck_assert_str_eq(mxtls_verdict_name(MXTLS_VERDICT_WARNING), "warning");
    ck_assert_str_eq(mxtls_verdict_name(MXTLS_VERDICT_ERROR), "error");
    ck_assert_str_eq(mxtls_verdict_name(1), "unknown");
    ck_assert_str_eq(mxtls_verdict_name(-1), "unknown");
    static const char *const purposes[] = {"unknown",  "primary",    "no-sni",     "ldh-sni",
                                           "version", "other-mode", "other-port", "unknown"};
    for (int32_t i = 0; i < 8; i++)
        ck_assert_str_eq(mxtls_probe_purpose_name(i), purposes[i]);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(0), sizeof(mxtls_report));
    ck_assert_uint_eq(mxtls_diagnose_struct_size(1), sizeof(mxtls_probe));
    ck_assert_uint_eq(mxtls_diagnose_struct_size(2), sizeof(mxtls_finding));
    ck_assert_uint_eq(mxtls_diagnose_struct_size(3), sizeof(mxtls_explanation));
    ck_assert_uint_eq(mxtls_diagnose_struct_size(4), sizeof(mxtls_buffer));
    ck_assert_uint_eq(mxtls_diagnose_struct_size(7), 0);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(-1), 0);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("render");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, null_arguments_are_einval);
    tcase_add_test(tc, text_starts_with_the_verdict);
    tcase_add_test(tc, text_root_causes_have_numbered_fixes_and_their_symptoms);
    tcase_add_test(tc, info_roots_are_no_root_causes);
    tcase_add_test(tc, transcript_shows_the_bytes_sent_and_received);
    tcase_add_test(tc, text_lines_fit_78_columns);
    tcase_add_test(tc, text_details_per_address);
    tcase_add_test(tc, text_transcript_stops_where_the_probe_failed);
    tcase_add_test(tc, text_escapes_hostile_bytes);
    tcase_add_test(tc, nulls_render_without_crashing);
    tcase_add_test(tc, json_carries_the_report);
    tcase_add_test(tc, json_transcript_matches_the_text);
    tcase_add_test(tc, json_of_hostile_text_is_valid);
    tcase_add_loop_test(tc, enomem_at_every_allocation, 0, 3 * SAMPLE_COUNT);
    tcase_add_test(tc, html_of_every_sample_is_one_clean_page);
    tcase_add_test(tc, html_marks_the_hop_of_the_cause);
    tcase_add_test(tc, html_markup_from_a_server_is_text);
    tcase_add_test(tc, summary_counts_and_groups);
    tcase_add_test(tc, static_names_and_sizes);
    tcase_add_test(tc, environment_first_with_its_own_verdict);
    tcase_add_test(tc, target_error_stays_the_targets);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    sample_report(0, NULL); /* fills the long sample text */
    return mxtls_test_run(report_suite());
}
