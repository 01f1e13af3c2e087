/* mxtls_explain(): a user's pasted error text turned into the side that
 * failed, the alert, the likely causes (catalogue findings with remedies),
 * and the check to run. Through the shared library. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

static mxtls_explanation *explain(const char *text)
{
    mxtls_explanation *e = NULL;
    ck_assert_int_eq(mxtls_explain(NULL, text, &e), MXTLS_OK);
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->struct_size, sizeof(mxtls_explanation));
    return e;
}

static const char *cause_id(const mxtls_explanation *e, size_t i)
{
    ck_assert_uint_lt(i, e->n_findings);
    return e->likely_causes[i]->id;
}

static int has_cause(const mxtls_explanation *e, const char *id)
{
    for (size_t i = 0; i < e->n_findings; i++)
        if (strcmp(e->likely_causes[i]->id, id) == 0)
            return 1;
    return 0;
}

static const char gmail_47[] =
    "TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): "
    "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_ILLEGAL_PARAMETER: "
    "SSL alert number 47";

START_TEST(gmail_alert_47_points_at_the_rejected_sni)
{
    mxtls_explanation *e = explain(gmail_47);
    ck_assert_int_eq(e->recognised, 1);
    ck_assert_int_eq(e->source, MXTLS_TEXT_GMAIL);
    ck_assert_int_eq(e->alert, 47);
    ck_assert_str_eq(e->alert_name, "illegal_parameter");
    ck_assert_int_eq(e->alert_sender, MXTLS_PEER_SERVER);
    ck_assert_str_eq(cause_id(e, 0), "tls.sni-rejected");
    ck_assert(has_cause(e, "dns.mx-non-ldh"));
    ck_assert(has_cause(e, "net.proxied"));
    ck_assert(!has_cause(e, "tls.no-shared-cipher")); /* (71) is not alert 71 */
    ck_assert_ptr_nonnull(strstr(e->explanation, "not TLS alert 71"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "receiving mail server"));
    for (size_t i = 0; i < e->n_findings; i++) {
        const mxtls_finding *f = e->likely_causes[i];
        ck_assert_uint_eq(f->struct_size, sizeof(mxtls_finding));
        ck_assert_uint_ge(f->n_remedies, 2);
        ck_assert_str_ne(f->summary, "");
        ck_assert_int_eq(f->caused_by, -1);
        ck_assert_int_eq(mxtls_finding_code_of(f->id), f->code);
    }
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(gmail_certificate_mismatch_suggests_a_submission_check)
{
    mxtls_explanation *e =
        explain("TLS Negotiation failed, the certificate doesn't match the host.");
    ck_assert_int_eq(e->recognised, 1);
    ck_assert_int_eq(e->alert, -1);
    ck_assert_ptr_null(e->alert_name);
    ck_assert_str_eq(cause_id(e, 0), "cert.name-mismatch");
    ck_assert_str_eq(cause_id(e, 1), "cert.self-signed");
    ck_assert_ptr_nonnull(strstr(e->suggested_check, "--submission"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "self-signed"));
    mxtls_explanation_free(e);
}
END_TEST

/* A timeout to an address in Cloudflare's ranges is the proxy's (issue
 * 16: the address is the evidence); the same timeout to any other address
 * is a timeout, with the proxy only a check to run. */
START_TEST(timeouts_point_at_a_proxy_only_with_its_address)
{
    mxtls_explanation *e = explain("The recipient server did not accept our requests to "
                                   "connect. [mx1.example.com. 104.16.1.1: timed out]");
    ck_assert_str_eq(e->host, "mx1.example.com");
    ck_assert_str_eq(cause_id(e, 0), "net.proxied");
    ck_assert_ptr_nonnull(strstr(e->likely_causes[0]->evidence, "104.16.1.1"));
    ck_assert(has_cause(e, "net.timeout"));
    ck_assert_str_eq(e->likely_causes[0]->host, "mx1.example.com");
    ck_assert_ptr_nonnull(strstr(e->suggested_check, "mx1.example.com"));
    ck_assert_uint_eq(e->n_addresses, 1);
    ck_assert_str_eq(e->addresses[0], "104.16.1.1");
    mxtls_explanation_free(e);

    e = explain("The recipient server did not accept our requests to "
                "connect. [mx1.example.com. 192.0.2.1: timed out]");
    ck_assert_str_eq(cause_id(e, 0), "net.timeout");
    for (size_t i = 0; i < e->n_findings; i++)
        if (strcmp(cause_id(e, i), "net.proxied") == 0)
            ck_assert_uint_ge(i, e->n_ranked);   /* offered as a check, not ranked */
    mxtls_explanation_free(e);
    /* PHPMailer's "timeout=300" is a setting, not a timeout. */
    e = explain("Connection: opening to ssl://smtp.example.com:465, timeout=300, "
                "options=array() Connection failed. Error #2: Connection refused (111)");
    ck_assert_str_eq(cause_id(e, 0), "net.refused");
    ck_assert(!has_cause(e, "net.proxied"));
    ck_assert(!has_cause(e, "net.timeout"));
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(certificate_alert_from_the_sender_is_about_the_servers_certificate)
{
    mxtls_explanation *e = explain(
        "postfix/smtpd[9]: SSL_accept error from mail.example.net[192.0.2.3]: -1\n"
        "postfix/smtpd[9]: warning: TLS library problem: error:0A000418:SSL routines::"
        "tlsv1 alert unknown ca:SSL alert number 48:");
    ck_assert_int_eq(e->alert, 48);
    ck_assert_int_eq(e->alert_sender, MXTLS_PEER_CLIENT);
    ck_assert_str_eq(cause_id(e, 0), "cert.self-signed");
    ck_assert(has_cause(e, "cert.chain-incomplete"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "own log"));
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(smtp_454_is_starttls_refused)
{
    mxtls_explanation *e = explain("host mx.example.org[192.0.2.2] said: 454 4.7.0 TLS not "
                                   "available due to local problem");
    ck_assert_int_eq(e->smtp_code, 454);
    ck_assert_str_eq(cause_id(e, 0), "smtp.starttls-refused");
    ck_assert_uint_eq(e->n_findings, 1);
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(unrecognised_text_says_what_to_paste)
{
    mxtls_explanation *e = explain("my mail is broken");
    ck_assert_int_eq(e->recognised, 0);
    ck_assert_uint_eq(e->n_findings, 0);
    ck_assert_ptr_nonnull(strstr(e->summary, "did not recognise"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "Paste the whole"));
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_explanation_text(e, &b), MXTLS_OK);
    ck_assert_uint_eq(strlen(b->data), b->length);
    mxtls_buffer_free(b);
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(text_rendering_has_numbered_steps_and_the_check)
{
    mxtls_explanation *e = explain(gmail_47);
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_explanation_text(e, &b), MXTLS_OK);
    ck_assert_uint_eq(b->struct_size, sizeof(mxtls_buffer));
    ck_assert_uint_eq(strlen(b->data), b->length);
    ck_assert_ptr_nonnull(strstr(b->data, "Most likely cause 1:"));
    ck_assert_ptr_nonnull(strstr(b->data, "  1. "));
    ck_assert_ptr_nonnull(strstr(b->data, "  2. "));
    ck_assert_ptr_nonnull(strstr(b->data, "To find out for sure, run: mxtls-check"));
    mxtls_buffer_free(b);
    mxtls_explanation_free(e);
}
END_TEST

/* Whose log a text is decides whose fix it is (issue 16). The near miss:
 * postfix/smtp and postfix/smtpd differ in one letter and in every fix. */
START_TEST(the_side_that_wrote_the_text)
{
    static const struct {
        const char *text;
        int32_t side;
        const char *first;
    } cases[] = {
        {"Dec  4 14:44:07 mx postfix/smtp[2097]: Untrusted TLS connection established to "
         "gmail-smtp-in.l.google.com[142.250.1.26]:25: TLSv1.3",
         MXTLS_SIDE_SENDER, "sender.no-ca-store"},
        {"Dec  4 14:44:07 mx postfix/smtpd[2097]: warning: TLS library problem: "
         "error:0A000102:SSL routines::version too low",
         MXTLS_SIDE_RECEIVER, "sender.tls-config"},
        {"Dec  4 14:44:07 mx postfix/smtp[2097]: warning: TLS library problem: "
         "error:0A000102:SSL routines::unsupported protocol",
         MXTLS_SIDE_SENDER, "sender.tls-config"},
        {"ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1131)",
         MXTLS_SIDE_CLIENT, "client.starttls-mismatch"},
        {"depth=0 CN = mail.example.org\nverify error:num=10:certificate has expired",
         MXTLS_SIDE_TOOL, "cert.expired"},
        {"something went wrong", MXTLS_SIDE_UNKNOWN, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mxtls_explanation *e = explain(cases[i].text);
        ck_assert_msg(e->side == cases[i].side, "%zu: side %d", i, (int)e->side);
        if (cases[i].first == NULL) {
            ck_assert_uint_eq(e->n_findings, 0);
            ck_assert_int_eq(e->recognised, 0);
        } else {
            ck_assert_msg(strcmp(cause_id(e, 0), cases[i].first) == 0, "%zu: %s", i,
                          cause_id(e, 0));
            ck_assert_uint_ge(e->n_ranked, 1);
            ck_assert_int_ge(e->weights[0], 2);
            ck_assert_ptr_nonnull(e->likely_causes[0]->evidence);
            ck_assert_int_ge(e->evidence_start[0], 0);
            ck_assert_int_le(e->evidence_end[0], (int64_t)strlen(cases[i].text));
        }
        mxtls_explanation_free(e);
    }
    mxtls_explanation *e = explain("to=<a@Example.ORG>, relay=mx.example.org[192.0.2.7]:25, "
                                   "dsn=4.7.5, status=deferred (certificate has expired)");
    ck_assert_str_eq(e->domain, "example.org");
    ck_assert_str_eq(e->enhanced_status, "4.7.5");
    ck_assert_uint_eq(e->n_addresses, 1);
    ck_assert_str_eq(e->addresses[0], "192.0.2.7");
    ck_assert_str_eq(e->suggested_check, "mxtls-check example.org");
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(bad_arguments_and_huge_input)
{
    mxtls_explanation *e = (mxtls_explanation *)0x1;
    ck_assert_int_eq(mxtls_explain(NULL, NULL, &e), MXTLS_EINVAL);
    ck_assert_ptr_null(e);
    ck_assert_int_eq(mxtls_explain(NULL, "x", NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_explanation_text(NULL, NULL), MXTLS_EINVAL);
    mxtls_buffer *b = (mxtls_buffer *)0x1;
    ck_assert_int_eq(mxtls_explanation_text(NULL, &b), MXTLS_EINVAL);
    ck_assert_ptr_null(b);
    mxtls_explanation_free(NULL);
    mxtls_buffer_free(NULL);
    /* 1 MiB of text: read up to 64 KiB, answered quickly, host bounded. */
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    memset(big, 'x', n);
    memcpy(big, gmail_47, sizeof gmail_47 - 1);
    memcpy(big + 100000, "[evil.example. 1.2.3.4: timed out]", 34); /* past 64 KiB */
    big[n] = '\0';
    e = explain(big);
    ck_assert_int_eq(e->alert, 47);
    ck_assert_ptr_null(e->host); /* beyond the bound: not read */
    mxtls_explanation_free(e);
    free(big);
}
END_TEST

START_TEST(alert_names)
{
    ck_assert_str_eq(mxtls_alert_name(47), "illegal_parameter");
    ck_assert_str_eq(mxtls_alert_name(70), "protocol_version");
    ck_assert_str_eq(mxtls_alert_name(0), "close_notify");
    ck_assert_ptr_null(mxtls_alert_name(-1));
    ck_assert_ptr_null(mxtls_alert_name(99));
    ck_assert_ptr_null(mxtls_alert_name(256));
}
END_TEST

static Suite *explain_suite(void)
{
    Suite *s = suite_create("explain");
    TCase *tc = tcase_create("explain");
    tcase_add_test(tc, gmail_alert_47_points_at_the_rejected_sni);
    tcase_add_test(tc, gmail_certificate_mismatch_suggests_a_submission_check);
    tcase_add_test(tc, timeouts_point_at_a_proxy_only_with_its_address);
    tcase_add_test(tc, certificate_alert_from_the_sender_is_about_the_servers_certificate);
    tcase_add_test(tc, smtp_454_is_starttls_refused);
    tcase_add_test(tc, unrecognised_text_says_what_to_paste);
    tcase_add_test(tc, text_rendering_has_numbered_steps_and_the_check);
    tcase_add_test(tc, bad_arguments_and_huge_input);
    tcase_add_test(tc, alert_names);
    tcase_add_test(tc, the_side_that_wrote_the_text);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(explain_suite());
}
