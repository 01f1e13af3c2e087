/* mxtls_explain(): a user's pasted error text turned into the side that
 * failed, the alert, the likely causes (catalogue findings with remedies),
 * and the check to run. Through the shared library. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
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

/* A text and a cause it must not list at all: a near miss of a rule. */
struct absent_cause {
    const char *text;
    const char *cause;
};

static void check_absent_causes(const struct absent_cause *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mxtls_explanation *e = explain(cases[i].text);
        ck_assert_msg(!has_cause(e, cases[i].cause), "%zu: lists %s", i, cases[i].cause);
        mxtls_explanation_free(e);
    }
}

/* A text and the side it must be given. */
struct side_case {
    const char *text;
    int32_t side;
};

static void check_sides(const struct side_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mxtls_explanation *e = explain(cases[i].text);
        ck_assert_msg(e->side == cases[i].side, "%zu: side %d", i, (int)e->side);
        mxtls_explanation_free(e);
    }
}

/* A text, the cause it must give first (NULL: not checked), and the one
 * it must not give first (its near miss's cause; NULL: not checked). A
 * case sets at least one of the two. */
struct first_cause {
    const char *text;
    const char *first;
    const char *not_first;
};

static void check_first_causes(const struct first_cause *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(cases[i].first || cases[i].not_first, "%zu: a case that checks nothing",
                      i);
        mxtls_explanation *e = explain(cases[i].text);
        const char *first = e->n_ranked > 0 ? cause_id(e, 0) : NULL;
        if (cases[i].first)
            ck_assert_msg(first && strcmp(first, cases[i].first) == 0, "%zu: %s", i,
                          first ? first : "(none)");
        if (cases[i].not_first)
            ck_assert_msg(first == NULL || strcmp(first, cases[i].not_first) != 0, "%zu: %s",
                          i, first);
        mxtls_explanation_free(e);
    }
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
    /* unknown_ca: an issuer the client does not know, a self-signed
     * certificate the commonest one */
    ck_assert_str_eq(cause_id(e, 0), "cert.untrusted");
    ck_assert_str_eq(cause_id(e, 1), "cert.self-signed");
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

/* Alert 80 from the server is a fault on its side (an unreadable key, most
 * often); it accepted STARTTLS, so "STARTTLS refused (454)" would name a
 * reply the text does not have. The alert is quoted once. */
START_TEST(server_internal_error_alert_is_the_alert)
{
    mxtls_explanation *e = explain("TLS Negotiation failed: FAILED_PRECONDITION: starttls error "
                                   "(71): 140093095245632:error:10000438:SSL routines:"
                                   "OPENSSL_internal:TLSV1_ALERT_INTERNAL_ERROR");
    ck_assert_str_eq(cause_id(e, 0), "tls.alert");
    ck_assert(!has_cause(e, "smtp.starttls-refused"));
    ck_assert(!has_cause(e, "tls.handshake-failed")); /* "without an alert" */
    const char *ev = e->likely_causes[0]->evidence;
    const char *first = strstr(ev, "alert 80 (internal_error)");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_null(strstr(first + 1, "alert 80"));
    mxtls_explanation_free(e);
    /* The same words with no alert (10000438 is BoringSSL's code for
     * alert 80): that the negotiation failed names no cause, so the text
     * is not recognised and the command to run is offered. */
    e = explain("TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71)");
    ck_assert_uint_eq(e->n_ranked, 0);
    ck_assert_int_eq(e->recognised, 0);
    ck_assert_ptr_nonnull(strstr(e->suggested_check, "mxtls-check"));
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
    /* a text that only says the handshake failed is not "unrecognised":
     * it is read, and names no cause */
    e = explain("*** SSL/TLS handshake failed");
    ck_assert_int_eq(e->recognised, 0);
    ck_assert_uint_eq(e->n_findings, 0);
    ck_assert_ptr_nonnull(strstr(e->summary, "failed, but not why"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "it names no cause"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "Paste the whole"));
    mxtls_explanation_free(e);
    /* 64 KiB of nothing but articles: read, found to name nothing, and
     * within Check's guard for a test (it took a minute when the loose
     * match skipped a run of articles from every "a" in the text) */
    char *articles = malloc(65537);
    ck_assert_ptr_nonnull(articles);
    for (size_t i = 0; i < 65536; i += 2)
        articles[i] = 'a', articles[i + 1] = ' ';
    articles[65536] = '\0';
    e = explain(articles);
    free(articles);
    ck_assert_int_eq(e->recognised, 0);
    mxtls_explanation_free(e);
    /* near miss: a hint that needs evidence the text lacks is no
     * handshake failure the text reports */
    e = explain("99 Cannot assign requested address");
    ck_assert_int_eq(e->recognised, 0);
    ck_assert_ptr_nonnull(strstr(e->summary, "did not recognise"));
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

/* Rules read from the libraries' tables (OpenSSL X509_V_ERR texts,
 * GnuTLS, Java, .NET, Windows, NSS, Go, errno), each beside a near miss
 * that differs in a word and must not give that cause first. */
START_TEST(library_tables_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        {"verify error:num=22:certificate chain too long", "cert.chain-too-long", NULL},
        {"verify error:num=2:certificate chain too short", NULL, "cert.chain-too-long"},
        {"The remote certificate is invalid because of errors in the certificate chain: "
         "PartialChain", "cert.chain-incomplete", NULL},
        {"The remote certificate is invalid because of errors in the certificate chain: "
         "NotTimeValid", "cert.expired", NULL},
        {"A certificate chain processed, but terminated in a root certificate which is not "
         "trusted by the trust provider.", "cert.untrusted", NULL},
        {"System.Security.Authentication.AuthenticationException: The target principal name "
         "is incorrect.", "cert.name-mismatch", NULL},
        {"System.Security.Authentication.AuthenticationException: The target principal name "
         "is correct.", NULL, "cert.name-mismatch"},
        {"msmtp: TLS certificate verification failed: the certificate hasn't got a known "
         "issuer", "cert.untrusted", NULL},
        {"msmtp: the certificate is not yet activated", "cert.not-yet-valid", NULL},
        {"msmtp: the certificate is now activated", NULL, "cert.not-yet-valid"},
        {"x509: certificate has expired or is not yet valid: current time "
         "2026-01-01T00:00:00Z is before 2026-02-01T00:00:00Z", "cert.not-yet-valid", NULL},
        {"x509: certificate has expired or is not yet valid: current time "
         "2026-03-01T00:00:00Z is after 2026-02-01T00:00:00Z", "cert.expired", NULL},
        {"javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, "
         "port: 587; nested exception is: javax.net.ssl.SSLException: Unrecognized SSL "
         "message, plaintext connection?", "client.starttls-mismatch", NULL},
        {"Security error: SSL_ERROR_BAD_CERT_DOMAIN", "cert.name-mismatch", NULL},
        {"The Diffie-Hellman prime sent by the server is not acceptable (not long enough).",
         "tls.weak-dh", NULL},
        {"The Diffie-Hellman prime sent by the server is acceptable.", NULL, "tls.weak-dh"},
        {"dial tcp: lookup smtp.example.com on 127.0.0.11:53: i/o timeout", "dns.timeout",
         NULL},
        {"dial tcp 192.0.2.1:587: i/o timeout", "net.timeout", "dns.timeout"},
        {"A fatal error occurred while creating a TLS client credential. The internal error "
         "state is 10013.", "sender.tls-config", NULL},
        /* the missing STARTTLS is the cause, the TLS error its consequence */
        {"$ openssl s_client -connect mx.example.org:25 -starttls smtp\nCONNECTED(00000003)\n"
         "didn't find starttls in server response, try anyway...\n"
         "error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol",
         "smtp.starttls-missing", NULL},
        {"$ openssl s_client -connect mx.example.org:25 -starttls smtp\nCONNECTED(00000003)\n"
         "error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol",
         NULL, "smtp.starttls-missing"},
        /* MailKit's list of possible reasons is no evidence: printed when no
         * certificate was checked at all */
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nThis usually means that the SSL certificate "
         "presented by the server is not trusted by the system for one or more of\nthe "
         "following reasons:\n\n1. The server is using a self-signed certificate which cannot "
         "be verified.\n2. The local system is missing a Root or Intermediate certificate "
         "needed to verify the server's certificate.\n3. A Certificate Authority CRL server "
         "for one or more of the certificates in the chain is temporarily unavailable.\n4. The "
         "certificate presented by the server is expired or invalid.\n\nAnother possibility "
         "is that you are trying to connect to a port which does not support SSL/TLS.",
         "client.starttls-mismatch", NULL},
        /* the same list cut short by the paste: only "the handshake
         * failed" is left, which names no cause */
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nThe SSL certificate presented by the server "
         "is not trusted by the system for one or more of the following reasons:\n1. The "
         "server is using a self-signed certificate which cannot be verified.",
         NULL, "cert.self-signed"},
        /* near miss: MailKit with a real validation result */
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nThe server's SSL certificate could not be "
         "validated for the following reasons:\n\u2022 The server certificate has the "
         "following errors:\n  \u2022 A certificate chain processed, but terminated in a root "
         "certificate which is not trusted by the trust provider.",
         "cert.untrusted", NULL},
        /* TLS-RPT result types (RFC 8460) */
        {"\"result-type\": \"certificate-expired\", \"failed-session-count\": 3",
         "cert.expired", NULL},
        {"\"result-type\": \"certificate-expires\", \"failed-session-count\": 3", NULL,
         "cert.expired"},
        /* Microsoft 365's connector codes, with no words to go by */
        {"Remote Server returned '450 4.4.312'", "dns.servfail", NULL},
        {"Remote Server returned '450 4.4.313'", NULL, "dns.servfail"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Two rules of one cause may match the same words: the report quotes them
 * once. Two different phrases for one cause are both quoted. */
START_TEST(matched_words_are_quoted_once)
{
    mxtls_explanation *e = explain("postfix/smtp[1234]: Untrusted TLS connection established "
                                   "to gmail-smtp-in.l.google.com[142.250.1.26]:25: TLSv1.3");
    ck_assert_str_eq(cause_id(e, 0), "sender.no-ca-store");
    const char *ev = e->likely_causes[0]->evidence;
    const char *quoted = "\"Untrusted TLS connection established\"";
    const char *first = strstr(ev, quoted);
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_null(strstr(first + strlen(quoted), "Untrusted TLS connection established"));
    mxtls_explanation_free(e);
}
END_TEST

/* RFC 3463 / 5248 enhanced status codes: a hint where the words say
 * nothing, for the side the code's meaning holds for. */
START_TEST(enhanced_status_codes_as_hints)
{
    mxtls_explanation *e = explain("smtplib.SMTPAuthenticationError: (523, b'5.7.10 Please "
                                   "use the other door')");
    ck_assert_int_eq(e->side, MXTLS_SIDE_CLIENT);
    ck_assert_str_eq(cause_id(e, 0), "client.starttls-mismatch");
    ck_assert_ptr_nonnull(strstr(e->likely_causes[0]->evidence, "encryption needed"));
    mxtls_explanation_free(e);
    /* One digit off: 5.7.1 is "delivery not authorised", not TLS. */
    e = explain("smtplib.SMTPAuthenticationError: (550, b'5.7.1 Please use the other door')");
    ck_assert(!has_cause(e, "client.starttls-mismatch"));
    mxtls_explanation_free(e);
    /* 5.7.100 is not 5.7.10. */
    e = explain("smtplib.SMTPAuthenticationError: (550, b'5.7.100 Please use the other door')");
    ck_assert(!has_cause(e, "client.starttls-mismatch"));
    mxtls_explanation_free(e);
    /* A code repeats its reply's words: it adds nothing to what they say. */
    e = explain("postfix/smtp[1]: connect to mx.example.org[192.0.2.1]:25: Connection timed "
                "out, dsn=4.4.1, status=deferred");
    ck_assert_str_eq(cause_id(e, 0), "net.egress-blocked");
    mxtls_explanation_free(e);
}
END_TEST

/* Whose log it is, from the log's form: Postfix daemons under any service
 * name, one letter apart; bounce templates; client exception types. */
START_TEST(side_from_the_form_of_the_text)
{
    static const struct side_case cases[] = {
        {"Dec 4 mx postfix-out/smtp[12]: warning: TLS library problem: x", MXTLS_SIDE_SENDER},
        /* nginx's mail proxy names the client it served */
        {"[info] 11#11: *182 SSL_do_handshake() failed (SSL: error:1402710B:SSL "
         "routines:ACCEPT_SR_CLNT_HELLO_C:wrong version number) while SSL handshaking, client: "
         "192.168.0.254, server: 0.0.0.0:993",
         MXTLS_SIDE_RECEIVER},
        {"Dec 4 mx postfix-in/smtpd[12]: warning: TLS library problem: x", MXTLS_SIDE_RECEIVER},
        {"Dec 4 mx postfix/submission/smtpd[12]: warning: TLS library problem: x",
         MXTLS_SIDE_RECEIVER},
        {"This is the mail system at host relay.example.com. I'm sorry to have to inform you "
         "that your message could not be delivered", MXTLS_SIDE_SENDER},
        {"2026-12-04 10:00:00 1abc-00 SMTP error from remote mail server after RCPT TO",
         MXTLS_SIDE_SENDER},
        {"2026-12-04 10:00:00 SMTP protocol synchronization error (input sent without "
         "waiting for greeting): rejected connection from H=[192.0.2.1]", MXTLS_SIDE_RECEIVER},
        {"System.Security.Authentication.AuthenticationException: The remote certificate is "
         "invalid", MXTLS_SIDE_CLIENT},
        {"warning: smtp_tls_wrappermode requires a setting", MXTLS_SIDE_SENDER},
        {"warning: smtpd_tls_cert_file is not set", MXTLS_SIDE_RECEIVER},
        /* Sendmail checks the server it connects to in tls_server, the
         * client that connects to it in tls_client */
        {"ruleset=tls_server, arg1=SOFTWARE, relay=mx.example.org", MXTLS_SIDE_SENDER},
        {"ruleset=tls_client, arg1=SOFTWARE, relay=client.example.org", MXTLS_SIDE_RECEIVER},
        /* sm-mta both receives and delivers; "relay=" is its peer */
        {"Dec 4 mx sm-mta[1]: STARTTLS=server, error: accept failed=0, reason=unexpected eof "
         "while reading, relay=[192.0.2.1]", MXTLS_SIDE_RECEIVER},
        {"Dec 4 mx sm-mta[1]: STARTTLS=client, error: connect failed=0, reason=unexpected eof "
         "while reading, relay=mx.example.org", MXTLS_SIDE_SENDER},
        {"(delivery temporarily suspended: Cannot start TLS: handshake failure)",
         MXTLS_SIDE_SENDER},
        {"SMTPDeliverer - Message 4711: Relaying to host mx.example.org failed. Error: TLS/SSL "
         "handshake failed", MXTLS_SIDE_SENDER},
        {"qmail-remote: TLS connect failed: error:0A000086:SSL routines::certificate verify "
         "failed", MXTLS_SIDE_SENDER},
        {"couriertls: accept: error:0A0000C1:SSL routines::no shared cipher",
         MXTLS_SIDE_RECEIVER},
        {"2020-05-29 13:19:55 SMTP INBOUND: \"220 mx.example.org ESMTP\"\n"
         "2020-05-29 13:19:55 SERVER -> CLIENT: 220 mx.example.org ESMTP", MXTLS_SIDE_CLIENT},
    };
    check_sides(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* An SMTP dialogue shows whose it is by which way its arrows point:
 * replies received or commands sent are the connecting side's view,
 * commands received the server's. Near misses: the same line with the
 * arrow turned, a mail quote's ">" and Perl's "=>", which are no arrows,
 * and a server's "connection from" that names one end, not two. */
START_TEST(side_from_the_arrows_of_a_transcript)
{
    static const struct side_case cases[] = {
        {"<<< 220 mx.example.org ESMTP\n<<< 454 4.7.0 TLS not available due to local problem",
         MXTLS_SIDE_CLIENT},
        {"<<< STARTTLS\n>>> 454 4.7.0 TLS not available due to local problem",
         MXTLS_SIDE_RECEIVER},
        {"2026-12-04T10:00:00.000Z,EX01\\Default Frontend EX01,08DC,1,10.0.0.1:25,"
         "192.0.2.9:53210,<,STARTTLS,\n2026-12-04T10:00:00.001Z,EX01\\Default Frontend "
         "EX01,08DC,2,10.0.0.1:25,192.0.2.9:53210,>,454 4.7.0 TLS not available due to local "
         "problem,", MXTLS_SIDE_RECEIVER},
        {"SMTP (smtp.example.com): [tx] STARTTLS\nSMTP (smtp.example.com): [rx] 454 4.7.0 TLS "
         "not available due to local problem", MXTLS_SIDE_CLIENT},
        /* the connecting side is a sending MTA when the other words say so */
        {"[tx] STARTTLS\n[rx] 454 4.7.0 TLS not available due to local problem\n"
         "Delivery deferred", MXTLS_SIDE_SENDER},
        {"send: 'STARTTLS\\r\\n'\nreply: b'454 4.7.0 TLS not available due to local "
         "problem'", MXTLS_SIDE_CLIENT},
        {"Connection from 4.3.2.1:57890 to 1.2.3.4:25\n    Starting SMTP/SSL...\n"
         "SSL connect attempt failed error:1408F10B:SSL routines:ssl3_get_record:wrong "
         "version number", MXTLS_SIDE_CLIENT},
        /* one end named: the server's own log of its client */
        {"SMTP connection from 4.3.2.1:57890 lost\nTLS error on connection from "
         "4.3.2.1 (SSL_accept): wrong version number", MXTLS_SIDE_RECEIVER},
        /* a mail quote's ">" in front of a bare reply is no arrow */
        {"> 454 4.7.0 TLS not available due to local problem", MXTLS_SIDE_SENDER},
        {"ERROR => STARTTLS failed: 454 4.7.0 TLS not available due to local problem",
         MXTLS_SIDE_SENDER},
    };
    check_sides(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Servers that are libraries or plugin hosts, and more bounce templates.
 * Near misses: Haraka's outbound hooks, PowerShell's -SmtpServer option,
 * hMailServer's delivering log. */
START_TEST(side_of_servers_built_from_libraries)
{
    static const struct side_case cases[] = {
        {"[core] running rcpt hook in tls plugin\n[core] client connection error: "
         "certificate verify failed", MXTLS_SIDE_RECEIVER},
        {"[outbound] running get_mx hook in mx plugin\n[outbound] connection error: "
         "certificate verify failed", MXTLS_SIDE_SENDER},
        {"[PROTOCOL] [3F2A] [core] C: STARTTLS\n[PROTOCOL] [3F2A] [core] S: 220 Go ahead.\n"
         "[core] client connection error: sslv3 alert bad certificate", MXTLS_SIDE_RECEIVER},
        {"[PROTOCOL] [3F2A] [outbound] C: STARTTLS\n[PROTOCOL] [3F2A] [outbound] S: 220 Go "
         "ahead.\n[outbound] connection error: certificate verify failed", MXTLS_SIDE_SENDER},
        {"Error: wrong version number\nEmitted 'error' event on SMTPServer instance at:",
         MXTLS_SIDE_RECEIVER},
        {"Send-MailMessage -SmtpServer smtp.example.com : wrong version number",
         MXTLS_SIDE_CLIENT},
        {"\"SMTPD\"\t4316\t21\t\"2026-12-04 10:00:00.000\"\t\"192.0.2.1\"\t"
         "\"SENT: 454 TLS not available\"", MXTLS_SIDE_RECEIVER},
        {"\"SMTPC\"\t4316\t21\t\"2026-12-04 10:00:00.000\"\t\"192.0.2.1\"\t"
         "\"RECEIVED: 454 TLS not available\"", MXTLS_SIDE_SENDER},
        {"2026-12-04 10:00:00 TLS client disconnected cleanly (rejected our certificate?)",
         MXTLS_SIDE_RECEIVER},
        {"   ----- Transcript of session follows -----\n... while talking to "
         "mx.example.org.:\n>>> STARTTLS\n<<< 454 4.7.0 TLS not available", MXTLS_SIDE_SENDER},
    };
    check_sides(cases, sizeof cases / sizeof cases[0]);
    /* Exim's own guess at why the client went: a hint, and only with it */
    mxtls_explanation *e = explain("TLS client disconnected cleanly (rejected our certificate?)");
    ck_assert_str_eq(cause_id(e, 0), "cert.untrusted");
    ck_assert_int_eq(e->weights[0], 1);
    mxtls_explanation_free(e);
    e = explain("TLS client disconnected cleanly");
    ck_assert_uint_eq(e->n_findings, 0);
    mxtls_explanation_free(e);
}
END_TEST

/* A server that reads plain text where it waited for a TLS hello ("wrong
 * version number") meets a client in the wrong TLS mode; an old hello
 * ("version too low", OpenSSL 1.1's SSLv2 "unknown protocol") is that
 * client's old TLS settings. */
START_TEST(plain_text_to_a_tls_server_is_the_clients_tls_mode)
{
    static const struct {
        const char *text, *first;
    } cases[] = {
        {"postfix/smtps/smtpd[1]: warning: TLS library problem: error:0A00010B:SSL "
         "routines::wrong version number", "client.starttls-mismatch"},
        {"postfix/smtps/smtpd[1]: warning: TLS library problem: error:140760FC:SSL "
         "routines:SSL23_GET_CLIENT_HELLO:unknown protocol", "client.starttls-mismatch"},
        {"postfix/smtps/smtpd[1]: warning: TLS library problem: error:0A000102:SSL "
         "routines::version too low", "sender.tls-config"},
        {"postfix/smtpd[1]: warning: TLS library problem: error:1417D0FC:SSL "
         "routines:tls_process_client_hello:unknown protocol", "sender.tls-config"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mxtls_explanation *e = explain(cases[i].text);
        ck_assert_int_eq(e->side, MXTLS_SIDE_RECEIVER);
        ck_assert_msg(strcmp(cause_id(e, 0), cases[i].first) == 0, "%zu: %s", i,
                      cause_id(e, 0));
        mxtls_explanation_free(e);
    }
}
END_TEST

/* An alert number suggests a cause (a strong sign, 2) unless its name is
 * the cause (3): words of the text that name another cause go first.
 * Near misses: alert 45 and 70 name theirs; 47 and 40 only point. */
START_TEST(an_alert_number_points_where_words_name)
{
    static const struct {
        const char *text, *first;
        int weight;
    } cases[] = {
        {"Dec 4 mx postfix/smtp[1]: warning: TLS library problem: error:0A000417:SSL "
         "routines::sslv3 alert illegal parameter:SSL alert number 47:", "tls.sni-rejected", 2},
        {"Dec 4 mx postfix/smtp[1]: warning: TLS library problem: error:0A000415:SSL "
         "routines::sslv3 alert certificate expired:SSL alert number 45:", "cert.expired", 3},
        {"Dec 4 mx postfix/smtp[1]: warning: TLS library problem: error:0A00042E:SSL "
         "routines::tlsv1 alert protocol version:SSL alert number 70:", "sender.tls-config", 3},
        /* the same alert in Gmail's bounce: a sender that offers TLS 1.3
         * down to 1.2 met a server that takes none of them */
        {"TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): "
         "error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION: "
         "SSL alert number 70", "tls.protocol-old", 2},
        {"Dec 4 mx postfix/smtpd[1]: warning: TLS library problem: error:0A000418:SSL "
         "routines::tlsv1 alert unknown ca:SSL alert number 48:", "cert.untrusted", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mxtls_explanation *e = explain(cases[i].text);
        ck_assert_msg(strcmp(cause_id(e, 0), cases[i].first) == 0, "%zu: %s", i,
                      cause_id(e, 0));
        ck_assert_msg(e->weights[0] == cases[i].weight, "%zu: weight %d", i,
                      (int)e->weights[0]);
        mxtls_explanation_free(e);
    }
}
END_TEST

/* Outlook's 0x800CCC7D and Postfix's reply to a second STARTTLS. Near
 * misses: a server that does support them, a session not yet in TLS. */
START_TEST(mail_clients_tls_mode_words)
{
    static const struct {
        const char *text, *first;
    } cases[] = {
        {"Your outgoing (SMTP) server does not support SSL-secured connections. If you have "
         "been able to connect with SSL-secured connections in the past, contact your ISP",
         "smtp.starttls-missing"},
        {"Your outgoing (SMTP) server does support SSL-secured connections.", NULL},
        {"554 5.5.1 Error: TLS already active", "client.starttls-mismatch"},
        {"554 5.5.1 Error: TLS not active", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mxtls_explanation *e = explain(cases[i].text);
        if (cases[i].first == NULL)
            ck_assert_msg(e->n_ranked == 0, "%zu: %s", i, cause_id(e, 0));
        else
            ck_assert_msg(strcmp(cause_id(e, 0), cases[i].first) == 0, "%zu: %s", i,
                          cause_id(e, 0));
        if (i == 0)
            ck_assert_int_eq(e->side, MXTLS_SIDE_CLIENT);
        mxtls_explanation_free(e);
    }
}
END_TEST

/* A text no phrase places gets the side its form suggests, and says that
 * it is a guess: a bare SMTP reply is what the connecting side received
 * (a program's when the reply is about submitting mail), a bare error
 * message a program's. A text that names nothing gets no side. */
START_TEST(side_guessed_from_a_bare_text)
{
    static const struct side_case cases[] = {
        {"454 4.7.0 TLS not available due to local problem", MXTLS_SIDE_SENDER},
        {"\"451 4.7.5 4.7.0 [internal] ssl cert must be signed by a valid ca\"",
         MXTLS_SIDE_SENDER},
        {"530 5.7.0 Must issue a STARTTLS command first", MXTLS_SIDE_CLIENT},
        /* one word off: HELO, not STARTTLS, is no submission demand */
        {"530 5.7.0 Must issue a HELO command first", MXTLS_SIDE_SENDER},
        {"5.7.3 STARTTLS is required to send mail", MXTLS_SIDE_CLIENT},
        {"5.7.3 STARTTLS is required to relay mail", MXTLS_SIDE_SENDER},
        {"The issuer certificate of a locally looked up certificate could not be found",
         MXTLS_SIDE_CLIENT},
        /* an alert received: a certificate alert reaches the server, a
         * handshake alert in an MTA's log the MTA that connected */
        {"warning: TLS library problem: error:14094410:SSL routines:ssl3_read_bytes:sslv3 "
         "alert handshake failure:../ssl/record/rec_layer_s3.c:1407:SSL alert number 40:",
         MXTLS_SIDE_SENDER},
        {"warning: TLS library problem: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 "
         "alert unknown ca:../ssl/record/rec_layer_s3.c:1407:SSL alert number 48:",
         MXTLS_SIDE_RECEIVER},
        {"error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:"
         "../ssl/record/rec_layer_s3.c:1407:SSL alert number 40", MXTLS_SIDE_CLIENT},
        /* an MTA's own words with the side cut away are an MTA's, not a
         * program's: a receiving server's for a warning either side
         * writes (most come from scanners and old clients), a sending
         * server's for what only the connecting side does; the same error
         * as a library prints it a program's */
        {"(gnutls_handshake): A TLS packet with unexpected length was received",
         MXTLS_SIDE_RECEIVER},
        {"(SSL_connect): error:0A000126:SSL routines::unexpected eof while reading",
         MXTLS_SIDE_SENDER},
        {"gnutls_handshake() failed: A TLS packet with unexpected length was received",
         MXTLS_SIDE_CLIENT},
        {"warning: TLS library problem: error:0A000086:SSL routines::certificate verify "
         "failed", MXTLS_SIDE_SENDER},
        {"error:0A000086:SSL routines::certificate verify failed", MXTLS_SIDE_CLIENT},
        /* a log prefix, not the form, decides */
        {"Dec 4 mx postfix/smtpd[1]: NOQUEUE: reject: 454 4.7.0 TLS not available due to "
         "local problem", MXTLS_SIDE_RECEIVER},
        /* a version number is no reply */
        {"3.4.5 released", MXTLS_SIDE_UNKNOWN},
        {"something went wrong", MXTLS_SIDE_UNKNOWN},
    };
    check_sides(cases, sizeof cases / sizeof cases[0]);
    mxtls_explanation *e = explain("454 4.7.0 TLS not available due to local problem");
    ck_assert_ptr_nonnull(strstr(e->explanation, "A guess from the form of the text"));
    mxtls_explanation_free(e);
    e = explain("Dec 4 mx postfix/smtp[1]: 454 4.7.0 TLS not available due to local problem");
    ck_assert_ptr_null(strstr(e->explanation, "A guess"));
    mxtls_explanation_free(e);
}
END_TEST

/* "The handshake failed" restates the failure: a cause as strongly
 * supported that says why goes first. */
START_TEST(a_symptom_goes_after_a_cause_as_strong)
{
    mxtls_explanation *e = explain("TLS session failure: Connection refused");
    ck_assert_str_eq(cause_id(e, 0), "net.refused");
    ck_assert(has_cause(e, "tls.handshake-failed"));
    mxtls_explanation_free(e);
    /* near miss: nothing says why, so the symptom is all there is */
    e = explain("TLS session failure: Connection closed");
    ck_assert_str_eq(cause_id(e, 0), "tls.handshake-failed");
    mxtls_explanation_free(e);
    /* a stronger symptom still beats a weaker cause */
    e = explain("TLS session failure: server response timeout");
    ck_assert_str_eq(cause_id(e, 0), "tls.handshake-failed");
    ck_assert(has_cause(e, "net.timeout"));
    mxtls_explanation_free(e);
}
END_TEST

/* The MTAs' and providers' own wording (Postfix, Exim, Sendmail, GnuTLS,
 * Microsoft 365, Gmail, NSS), each beside a near miss one word off. */
START_TEST(mta_and_provider_wording_and_near_misses)
{
    static const struct first_cause cases[] = {
        {"(Host or domain name not found. Name service error for name=example.org type=MX: "
         "Host not found, try again)", "dns.servfail", "dns.nxdomain"},
        {"(Host or domain name not found. Name service error for name=example.org type=MX: "
         "Host not found)", "dns.nxdomain", "dns.servfail"},
        {"status=deferred (no MX host for example.org has a valid address record)",
         "dns.mx-no-address", NULL},
        {"status=deferred (no MX host for example.org has a valid TLSA record)", NULL,
         "dns.mx-no-address"},
        {"postfix/smtp[1]: warning: TLSA lookup error for mx.example.org:25", "dane.bogus",
         "dane.mismatch"},
        /* a SERVFAIL says the lookup failed, not that DNSSEC did, and never
         * that the records do not match */
        {"$ host -t TLSA _25._tcp.mx.example.org\nHost _25._tcp.mx.example.org not found: "
         "2(SERVFAIL)", "dns.servfail", "dane.mismatch"},
        {"$ host -t A mx.example.org\nHost mx.example.org not found: 2(SERVFAIL)",
         "dns.servfail", "dane.bogus"},
        {"warning: smtp_tls_wrappermode requires \"smtp_tls_security_level = encrypt\"",
         "sender.tls-config", "client.starttls-mismatch"},
        {"postfix/smtp[417]: SMTPS wrappermode (TCP port 465) requires setting "
         "\"smtp_tls_wrappermode = yes\", and \"smtp_tls_security_level = encrypt\" (or "
         "stronger)", "sender.tls-config", "client.starttls-mismatch"},
        {"defer (-38): a TLS session is required, but the server did not offer TLS support",
         "smtp.starttls-missing", NULL},
        {"defer (-38): a TLS session is required, but an attempt to start TLS failed",
         "tls.handshake-failed", "smtp.starttls-missing"},
        {"ruleset=tls_server, arg1=FAIL, relay=mx.example.org, reject=403 4.7.0 TLS "
         "handshake failed.", "cert.untrusted", NULL},
        {"ruleset=tls_server, arg1=SOFTWARE, relay=mx.example.org, reject=403 4.7.0 TLS "
         "handshake failed.", "tls.handshake-failed", "cert.untrusted"},
        {"TLS error on connection from x [192.0.2.1] (gnutls_handshake): No supported cipher "
         "suites have been found.", "tls.no-shared-cipher", NULL},
        {"450 4.4.317 Cannot connect to remote server [Message=SubjectMismatch]",
         "cert.name-mismatch", "smtp.starttls-missing"},
        {"450 4.4.317 Cannot connect to remote server [Message=451 5.7.3 STARTTLS is required "
         "to send mail]", "smtp.starttls-missing", NULL},
        {"550 5.7.64 TenantAttribution; Relay Access Denied", "sender.tls-config", NULL},
        {"550 5.7.64 Relay Access Denied", NULL, "sender.tls-config"},
        {"554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain", "dns.nxdomain", NULL},
        {"454 4.7.5 Certificate validation failure", "sender.tls-config", "cert.untrusted"},
        {"454 4.7.0 Certificate validation failure", "cert.untrusted", "sender.tls-config"},
        {"451 4.7.0 Temporary server error. Please try again later", NULL, "dns.servfail"},
        /* Microsoft 365 sends with TLS 1.2 or later only */
        {"Remote Server at example.org returned '451 4.4.0 SMTPSEND.SuspiciousRemoteServerError; "
         "remote server disconnected abruptly; retry will be delayed'", "tls.protocol-old",
         NULL},
        {"Remote Server at example.org returned '451 4.4.0 remote server disconnected abruptly; "
         "retry will be delayed'", "tls.handshake-failed", NULL},
        {"421-4.7.0 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail "
         "originating from your IP address.", "smtp.rate-limited", NULL},
        {"The email security service was unable to accept messages from the following domain, "
         "because the domain's mail server did not establish a TLS connection",
         "sender.tls-config", NULL},
        {"The certificate is not trusted because it is self-signed.", "cert.self-signed", NULL},
        {"The certificate is not trusted because the issuer certificate is unknown.",
         "cert.untrusted", "cert.self-signed"},
        {"Peer's Certificate issuer is not recognized.", "cert.untrusted", NULL},
        {"Wrong Site: The certificate belongs to a different site", "cert.name-mismatch",
         NULL},
        {"The certificate belongs to a trusted site", NULL, "cert.name-mismatch"},
        {"The security certificate has expired or is not yet valid.", "cert.expired", NULL},
        {"smtp-out: Error on session 1a2b: TLS required but not supported by remote host",
         "smtp.starttls-missing", NULL},
        {"smtp-out: Error on session 1a2b: TLS required but refused by remote host", NULL,
         "smtp.starttls-missing"},
        {"TLS error on connection from x [192.0.2.1] (SSL_accept): error:0A000076:SSL "
         "routines::no suitable signature algorithm", "tls.no-shared-cipher", NULL},
        {"[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol "
         "(_ssl.c:1006)", "tls.handshake-failed", "tls.no-close-notify"},
        {"warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while "
         "reading:ssl/record/rec_layer_s3.c:308:", "tls.no-close-notify", NULL},
        {"STARTTLS: ServerCertFile missing", "smtp.starttls-refused", "sender.tls-config"},
        {"STARTTLS: ClientCertFile missing", "sender.tls-config", "smtp.starttls-refused"},
        {"lettre: Connection error: invalid peer certificate: UnknownIssuer",
         "cert.untrusted", NULL},
        {"invalid peer certificate: NotValidForName", "cert.name-mismatch", NULL},
        {"invalid peer certificate: NotValidYet", "cert.not-yet-valid", NULL},
        {"TLS negotiation failed with error AlgorithmMismatch", "tls.no-shared-cipher", NULL},
        {"postfix/smtpd[1]: warning: cannot get RSA private key from file \"/etc/ssl/a.key\": "
         "disabling TLS support", "smtp.starttls-refused", "sender.tls-config"},
        {"postfix/smtp[1]: warning: cannot get RSA private key from file \"/etc/ssl/a.key\": "
         "disabling TLS support", "sender.tls-config", "smtp.starttls-refused"},
        /* a receiver that demands TLS: the sender's setup, a client's mode */
        {"host mx.example.org said: 530 5.7.0 STARTTLS required (in reply to MAIL FROM "
         "command)", "sender.tls-config", NULL},
        {"smtplib.SMTPSenderRefused: (530, b'5.7.0 STARTTLS required')",
         "client.starttls-mismatch", NULL},
        {"host mx.example.org said: 530 5.7.0 Authentication required (in reply to MAIL FROM "
         "command)", NULL, "sender.tls-config"},
        /* a program's "certificate verify failed" wraps the reason after it */
        {"ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
         "failed: unable to get local issuer certificate (_ssl.c:1129)", "sender.no-ca-store",
         NULL},
        {"ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
         "failed: certificate has expired (_ssl.c:1129)", "cert.expired", NULL},
        /* AUTH tried before STARTTLS */
        {"smtplib.SMTPAuthenticationError: (504, b'5.7.4 Unrecognized authentication type')",
         "client.starttls-mismatch", NULL},
        {"smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed')", NULL,
         "client.starttls-mismatch"},
        /* Postfix: SASL off on this listener is not TLS; AUTH before TLS
         * under smtpd_tls_auth_only is */
        {"smtplib.SMTPNotSupportedError: (503, b'5.5.1 Error: authentication not enabled')",
         NULL, "client.starttls-mismatch"},
        {"smtplib.SMTPNotSupportedError: (504, b'5.5.4 Encryption required for requested "
         "authentication mechanism')", "client.starttls-mismatch", NULL},
        {"javax.net.ssl.SSLPeerUnverifiedException: Hostname mail.example.org not verified: "
         "certificate: sha256/abc= DN: CN=host.example.net", "cert.name-mismatch", NULL},
        {"postfix/smtp[1]: Server certificate not verified", NULL, "cert.name-mismatch"},
        /* testers: testssl.sh, MXToolbox */
        {"Chain of trust  NOT ok (expired)", "cert.expired", NULL},
        {"Chain of trust  NOT ok (chain incomplete)", "cert.chain-incomplete", NULL},
        {"Chain of trust  NOT ok (self signed CA in chain)", "cert.untrusted",
         "cert.self-signed"},
        {"Certificate Validity (UTC) expired (2023-01-01 --> 2024-01-01)", "cert.expired",
         NULL},
        {"Certificate Validity (UTC) 89 >= 30 days (2024-01-01 --> 2024-04-01)", NULL,
         "cert.expired"},
        {"SMTP TLS Warning - Does not support TLS.", "smtp.starttls-missing", NULL},
        /* .NET names the alert the other side sent */
        {"Authentication failed because the remote party sent a TLS alert: "
         "'ProtocolVersion'.", "tls.protocol-old", NULL},
        {"Authentication failed because the remote party sent a TLS alert: "
         "'HandshakeFailure'.", "tls.no-shared-cipher", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* What the structure of a text shows: a certificate listing whose
 * subject is its issuer, a Postfix session that quit right after STARTTLS;
 * and a specific certificate fault before the "not trusted" it causes. */
START_TEST(structure_of_the_text_and_specific_before_generic)
{
    static const struct first_cause cases[] = {
        {"Certificate Not Trusted\nSubject: @commonName@\nIssuer: @commonName@",
         "cert.self-signed", NULL},
        {"Certificate Not Trusted\nSubject: mail.example.org\nIssuer: R3", "cert.untrusted",
         "cert.self-signed"},
        {"Certificate chain\n 0 s:CN = mail.example.org\n   i:CN = mail.example.org\n"
         "   a:PKEY: rsaEncryption, 2048 (bit)", "cert.self-signed", NULL},
        {"Certificate chain\n 0 s:CN = mail.example.org\n   i:C = US, O = Let's Encrypt, "
         "CN = R3\n   a:PKEY: rsaEncryption, 2048 (bit)", NULL, "cert.self-signed"},
        /* one word off: the issuer is the host's own CA */
        {"Certificate chain\n 0 s:CN = mail.example.org\n   i:CN = mail.example.org CA\n"
         "   a:PKEY: rsaEncryption, 2048 (bit)", NULL, "cert.self-signed"},
        {"- subject `CN=mail.example.org', issuer `CN=mail.example.org', serial 0x01",
         "cert.self-signed", NULL},
        {"- subject `CN=mail.example.org', issuer `CN=mail.example.net', serial 0x01", NULL,
         "cert.self-signed"},
        {"status: 200", NULL, "cert.self-signed"},
        {"postfix/smtpd[2967]: disconnect from out.example.net[192.0.2.1] ehlo=1 starttls=1 "
         "quit=1 commands=3", "dane.mismatch", NULL},
        {"postfix/smtpd[2967]: disconnect from out.example.net[192.0.2.1] ehlo=1 starttls=1 "
         "mail=1 rcpt=1 data=1 quit=1 commands=6", NULL, "dane.mismatch"},
        {"The certificate is not trusted. The certificate has expired.", "cert.expired", NULL},
        {"The certificate is not trusted. The certificate has been renewed.", "cert.untrusted",
         NULL},
        /* a TLS mode the port does not speak, in the program's own URL */
        {"Connection: opening to ssl://smtp.example.com:587, timeout=300, options=array()\n"
         "SMTP ERROR: Failed to connect to server: (0)", "client.starttls-mismatch", NULL},
        {"Connection: opening to ssl://smtp.example.com:465, timeout=300, options=array()\n"
         "SMTP ERROR: Failed to connect to server: (0)", NULL, "client.starttls-mismatch"},
        {"curl: (28) smtp://smtp.example.com:465 server response timeout",
         "client.starttls-mismatch", NULL},
        {"smtp-out: Connecting to smtp+tls://192.0.2.1:25 (mx.example.org)", NULL,
         "client.starttls-mismatch"},
        {"{ host: 'smtp.example.com', port: 465, secure: false } Error: Unexpected socket "
         "close", "client.starttls-mismatch", NULL},
        {"{ host: 'smtp.example.com', port: 465, secure: true } Error: Unexpected socket close",
         NULL, "client.starttls-mismatch"},
        /* a hosting provider's server answers for the provider's host */
        {"Connection: opening to smtp.gmail.com:587, timeout=300, options=array()\n"
         "Connection: opened\nSMTP INBOUND: \"220-host.myhost.example ESMTP Exim 4.93\"",
         "cert.name-mismatch", NULL},
        {"Connection: opening to smtp.gmail.com:587, timeout=300, options=array()\n"
         "Connection: opened\nSMTP INBOUND: \"220 smtp.gmail.com ESMTP a1-20020a05 - gsmtp\"",
         NULL, "cert.name-mismatch"},
        {"Connection: opening to smtp.office365.com:587, timeout=300\nSERVER -> CLIENT: 220 "
         "AM0PR02CA0001.outlook.office365.com Microsoft ESMTP MAIL Service ready", NULL,
         "cert.name-mismatch"},
        {"Expected response code 220 but got code \"\", with message \"\"",
         "client.starttls-mismatch", NULL},
        {"Expected response code 220 but got code \"421\", with message \"421 Too many "
         "connections\"", NULL, "client.starttls-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Exchange's failover report with a failure its connector made up: the
 * connector's own TLS certificate first (Microsoft's KB 4051498: the
 * certificate not bound to SMTP, "TLS negotiation failed with error
 * UnknownCredentials" in the protocol log), the network after it. */
START_TEST(exchange_failover_lists_the_connectors_certificate)
{
    mxtls_explanation *e = explain("451 4.4.0 Primary target IP address responded with: "
                                   "\"421 4.4.1 Connection timed out.\" Attempted failover to "
                                   "alternate host, but that did not succeed.");
    ck_assert_str_eq(cause_id(e, 0), "sender.tls-config");
    ck_assert(has_cause(e, "net.timeout"));
    ck_assert_int_eq(e->side, MXTLS_SIDE_SENDER);
    mxtls_explanation_free(e);
    e = explain("LastError : [{LED=451 4.4.395 Target host responded with error. -> 421 "
                "4.4.1 Connection timed out};{MSG=};{FQDN=contoso.mail.protection.outlook.com}]");
    ck_assert(has_cause(e, "sender.tls-config"));
    mxtls_explanation_free(e);
    /* near miss: the same failure in a Postfix log is no connector's */
    e = explain("postfix/smtp[1]: connect to mx.example.org[192.0.2.1]:25: Connection timed out");
    ck_assert(!has_cause(e, "sender.tls-config"));
    mxtls_explanation_free(e);
}
END_TEST

/* Wordings added from the third round of real texts, each beside a near
 * miss that differs in a word. */
START_TEST(round_three_wordings_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        /* MailKit's hint for SSL-on-connect to a plain-text port */
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nWhen connecting to an SMTP service, port 587 "
         "is typically reserved for plain-text connections.",
         "client.starttls-mismatch", NULL},
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nWhen connecting to an SMTP service, port 587 "
         "is typically reserved for submission.",
         NULL, "client.starttls-mismatch"},
        /* Gmail's 4.7.29 is the sender's missing TLS, 4.7.28 a rate limit */
        {"host gmail-smtp-in.l.google.com[192.0.2.1] said: 421-4.7.29 Your email has been "
         "rate limited because this message wasn't sent over a TLS connection.",
         "sender.tls-config", NULL},
        {"host gmail-smtp-in.l.google.com[192.0.2.1] said: 421-4.7.28 Your email has been "
         "rate limited because of an unusual rate of unsolicited mail.",
         "smtp.rate-limited", "sender.tls-config"},
        /* Exchange's event 12014 */
        {"Microsoft Exchange could not find a certificate that contains the domain name "
         "mail.example.org in the personal store on the local computer. Therefore, it is "
         "unable to support the STARTTLS SMTP verb for the connector Default Frontend.",
         "smtp.starttls-missing", NULL},
        {"The connector Default Frontend is able to support the STARTTLS SMTP verb.", NULL,
         "smtp.starttls-missing"},
        /* OpenSSL 3 refusing a TLS 1.0/1.1 peer's signature */
        {"postfix/smtp[1]: warning: TLS library problem: error:0A00014D:SSL routines::legacy "
         "sigalg disallowed or unsupported:ssl/t1_lib.c:1713:",
         "tls.protocol-old", NULL},
        {"postfix/smtp[1]: warning: TLS library problem: error:0A00014D:SSL routines::sigalg "
         "supported:ssl/t1_lib.c:1713:",
         NULL, "tls.protocol-old"},
        /* GnuTLS refusing the SNI name a sender sent */
        {"TLS error on connection from mx.example.org [192.0.2.1] (gnutls_handshake): A "
         "disallowed SNI server name has been received.", "tls.sni-rejected", NULL},
        {"TLS error on connection from mx.example.org [192.0.2.1] (gnutls_handshake): An "
         "unexpected TLS packet was received.", NULL, "tls.sni-rejected"},
        /* cPanel's demand for AUTH on 587, and a plain refusal */
        {"SMTP Error: The following recipients failed: a@example.org: SMTP AUTH is required "
         "for message submission on port 587", "client.starttls-mismatch", NULL},
        {"SMTP Error: The following recipients failed: a@example.org: relay not permitted",
         NULL, "client.starttls-mismatch"},
        /* msmtp with TLS off, and with TLS on */
        {"msmtp: cannot use a secure authentication method", "client.starttls-mismatch", NULL},
        {"msmtp: cannot find a usable authentication method", NULL, "client.starttls-mismatch"},
        /* a receiver's own demand for STARTTLS, and a bare reset */
        {"GMS rejected the command with\n\n530 Must issue a STARTTLS command first.",
         "client.starttls-mismatch", NULL},
        {"postfix/smtp[1]: SSL_connect error to mx.example.org[192.0.2.1]:25: Connection reset "
         "by peer", NULL, "tls.handshake-failed"},
        {"postfix/smtp[1]: SSL_connect error to mx.example.org[192.0.2.1]:25: Connection reset "
         "by peer\npostfix/smtp[1]: warning: TLS library problem: error:0A00018A:SSL "
         "routines::dh key too small", "tls.weak-dh", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* a text that only says the connection broke is not recognised */
    mxtls_explanation *e = explain("SSL_connect error to mx.example.org[192.0.2.1]:25: "
                                   "Connection reset by peer");
    ck_assert_int_eq(e->recognised, 0);
    mxtls_explanation_free(e);

    static const struct side_case sides[] = {
        {"4c2d8e1f0a smtp disconnected reason=\"io-error: handshake failed\"",
         MXTLS_SIDE_RECEIVER},
        {"4c2d8e1f0a mta error reason=\"io-error: handshake failed\"", MXTLS_SIDE_SENDER},
        /* OpenSSL's server-side function, not the s_client tool */
        {"Error: error:1420918C:SSL routines:tls_early_post_process_client_hello:version too "
         "low", MXTLS_SIDE_RECEIVER},
        {"$ openssl s_client -connect mx.example.org:25 -starttls smtp\nverify error:num=10",
         MXTLS_SIDE_TOOL},
        /* Google's reply trailer names no side; the AUTH words do */
        {"[ERROR] SMTP LOGIN AUTH: 530 5.7.0 Must issue a STARTTLS command first. "
         "x1sm2 - gsmtp", MXTLS_SIDE_CLIENT},
        {"server certificate verification failed for mx.example.org[192.0.2.1]:25: "
         "num=62:hostname mismatch", MXTLS_SIDE_SENDER},
        {"client certificate verification failed for c.example.org[192.0.2.1]: "
         "num=10:certificate has expired", MXTLS_SIDE_RECEIVER},
        {"451 4.7.1 TLS it not available or unauthenticated but required", MXTLS_SIDE_SENDER},
        {"2017-06-24 23:36:21 1dOyLV-000359-20 SMTP connection outbound 1498361781 "
         "1dOyLV-000359-20 example.org user@example.net\nTLS error on connection to "
         "mx.example.net [192.0.2.1]: certificate has expired", MXTLS_SIDE_SENDER},
        {"DEBUG SMTP: trying to connect to host \"smtp.example.org\", port 465\n"
         "javax.net.ssl.SSLHandshakeException: PKIX path building failed", MXTLS_SIDE_CLIENT},
        {"SMTP -> ERROR: Failed to connect to server: Connection refused (111)",
         MXTLS_SIDE_CLIENT},
        {"421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to "
         "support TLS 1.2. Visit https://aka.ms/smtp_auth_tls", MXTLS_SIDE_CLIENT},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
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
    ck_assert_int_eq(e->truncated, 1);   /* ... and it says so */
    ck_assert_ptr_nonnull(strstr(e->explanation, "Only the first 64 KiB of this text"));
    mxtls_explanation_free(e);
    free(big);
}
END_TEST

/* A cause past the 64 KiB read is not seen, and the explanation says the
 * text was cut rather than that nothing in it names a cause; a text of
 * exactly 64 KiB is read whole (the near miss). */
START_TEST(a_text_cut_at_64_kib_says_so)
{
    static const char cause[] = "certificate has expired";
    size_t n = MXTLS_EXPLAIN_MAX_TEXT, k = sizeof cause - 1;
    char *big = malloc(n + k + 1);
    memset(big, 'z', n);   /* not 'x': a run of X's is a firewall's masked STARTTLS */
    memcpy(big + n, cause, k + 1);   /* wholly past 64 KiB */
    mxtls_explanation *e = explain(big);
    ck_assert_int_eq(e->truncated, 1);
    ck_assert_int_eq(e->recognised, 0);
    ck_assert_str_eq(e->summary,
                     "mxtls did not recognise the first 64 KiB of this text (it read no further)");
    ck_assert_ptr_nonnull(strstr(e->explanation, "paste the lines around it"));
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_explanation_json(e, 0, &b), MXTLS_OK);
    ck_assert_ptr_nonnull(strstr(b->data, "\"truncated\":true"));
    mxtls_buffer_free(b);
    mxtls_explanation_free(e);
    /* exactly 64 KiB, the cause at its end: read whole, nothing cut */
    memcpy(big + n - k, cause, k + 1);
    ck_assert_uint_eq(strlen(big), n);
    e = explain(big);
    ck_assert_int_eq(e->truncated, 0);
    ck_assert_int_eq(e->recognised, 1);
    ck_assert_str_eq(e->likely_causes[0]->id, "cert.expired");
    ck_assert_ptr_null(strstr(e->explanation, "64 KiB"));
    ck_assert_int_eq(mxtls_explanation_json(e, 0, &b), MXTLS_OK);
    ck_assert_ptr_nonnull(strstr(b->data, "\"truncated\":false"));
    mxtls_buffer_free(b);
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

/* A retyped error drops or adds an article; the words still match, but a
 * text one word away does not. */
START_TEST(an_article_left_out_or_added_still_matches)
{
    static const struct first_cause cases[] = {
        {"smtpServer requires secure connection or client was not authenticated. the server "
         "response was: 5.7.0 must issue STARTTLS command first.",
         "client.starttls-mismatch", NULL},
        {"The server response was: 5.7.0 Must issue the STARTTLS command first.",
         "client.starttls-mismatch", NULL},
        /* near miss: another verb, so no demand for STARTTLS */
        {"the server response was: 5.7.0 must issue AUTH command first.", NULL,
         "client.starttls-mismatch"},
        {"The server response was: 5.7.0 Must issue the HELO command first.", NULL,
         "client.starttls-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Wordings added from the fourth round of real texts, each beside a near
 * miss that differs in a word. */
START_TEST(round_four_wordings_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        /* STARTTLS missing, said the other way round (Stalwart) */
        {"(TLS error from 'mx.example.org': STARTTLS not advertised by host.)",
         "smtp.starttls-missing", NULL},
        {"(TLS error from 'mx.example.org': STARTTLS advertised by host.)", NULL,
         "smtp.starttls-missing"},
        /* a resolver's server failure, and a mail server's */
        {"Host or domain name lookup for example.org failed (server failure)", "dns.servfail",
         NULL},
        {"The mail could not be sent because of the mail server failure.", NULL,
         "dns.servfail"},
        /* PHPMailer giving up after the server's 220 to STARTTLS, and before */
        {"CLIENT -> SERVER: STARTTLS\nSERVER -> CLIENT: 220 2.0.0 Ready to start TLS\n"
         "SMTP Error: Could not connect to SMTP host.",
         "sender.no-ca-store", NULL},
        {"CLIENT -> SERVER: EHLO localhost\nSMTP Error: Could not connect to SMTP host.", NULL,
         "sender.no-ca-store"},
        /* Gmail's TLS protocol error, and a server's SMTP one */
        {"TLS Negotiation failed: FAILED_PRECONDITION: starttls error (0): protocol error", NULL,
         "smtp.not-smtp"},
        {"500 5.5.1 protocol error", "smtp.not-smtp", NULL},
        /* a protocol_version alert received by the client, and another alert */
        {"javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception "
         "is:\n\tjavax.net.ssl.SSLHandshakeException: Received fatal alert: protocol_version",
         "sender.tls-config", NULL},
        {"javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception "
         "is:\n\tjavax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure",
         NULL, "sender.tls-config"},
        /* a library with no CA store at all, and one whose store lacks the issuer */
        {"error=\"x509: failed to load system roots and no roots provided\"",
         "sender.no-ca-store", NULL},
        {"error=\"x509: certificate signed by unknown authority\"", NULL,
         "sender.no-ca-store"},
        {"java.security.InvalidAlgorithmParameterException: the trustAnchors parameter must "
         "be non-empty",
         "sender.no-ca-store", NULL},
        /* a failure after the server's 220 to STARTTLS is no TLS-mode mix-up */
        {"CLIENT -> SERVER: EHLO localhost\nSERVER -> CLIENT: 250 smtp.example.org\n"
         "Connection failed. Error #2: stream_socket_enable_crypto(): SSL: Connection reset "
         "by peer\nSMTP Error: Could not connect to SMTP host.",
         "client.starttls-mismatch", NULL},
        {"CLIENT -> SERVER: STARTTLS\nSERVER -> CLIENT: 220 2.0.0 SMTP server ready\n"
         "Connection failed. Error #2: stream_socket_enable_crypto(): SSL: Connection reset "
         "by peer\nSMTP Error: Could not connect to SMTP host.",
         NULL, "client.starttls-mismatch"},
        /* a time-out inside the client's TLS layer, and one reading SMTP replies */
        {"System.IO.IOException: Unable to read data from the transport connection: A "
         "connection attempt failed because the connected party did not properly respond "
         "after a period of time\n   at System.Net.Security.SslStreamInternal.StartFrameHeader("
         "Byte[] buffer)",
         "client.starttls-mismatch", NULL},
        {"System.IO.IOException: Unable to read data from the transport connection: A "
         "connection attempt failed because the connected party did not properly respond "
         "after a period of time\n   at System.Net.Mail.SmtpReplyReaderFactory.ReadLines("
         "SmtpReplyReader caller)",
         "net.timeout", "client.starttls-mismatch"},
        {"socket.timeout: _ssl.c:1059: The handshake operation timed out",
         "client.starttls-mismatch", NULL},
        {"socket.timeout: timed out", NULL, "client.starttls-mismatch"},
        /* msmtp's pinned fingerprint, and its untrusted certificate */
        {"msmtp: TLS certificate verification failed: the certificate is not trusted",
         "cert.untrusted", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* an out-of-date pin says nothing of the certificate's chain */
    mxtls_explanation *e = explain("msmtp: TLS certificate verification failed: the "
                                   "certificate fingerprint does not match");
    ck_assert_int_eq(e->recognised, 0);
    mxtls_explanation_free(e);
}
END_TEST

/* Which way an alert went, in Go's words and OpenSSL's: "remote error:
 * tls: X" and OpenSSL's "tlsv1 alert X" / "sslv3 alert X" are alerts the
 * writer received, "local error: tls: X" one it sent. A certificate alert
 * the server sent rejects the client's own certificate, and its name says
 * nothing of the server's; the same alert from the client does. */
START_TEST(alert_direction_in_go_and_openssl_words)
{
    static const struct {
        const char *text;
        int32_t sender;    /* MXTLS_PEER_* */
        const char *first; /* the first cause */
        const char *not_listed;
    } cases[] = {
        /* a Go program: the server sent it, about the program's certificate */
        {"dial tcp 192.0.2.1:465: remote error: tls: bad certificate", MXTLS_PEER_SERVER,
         "tls.client-cert-required", "cert.untrusted"},
        {"dial tcp 192.0.2.1:465: remote error: tls: unknown certificate authority",
         MXTLS_PEER_SERVER, "tls.client-cert-required", "cert.untrusted"},
        /* the program sent it: it did not trust the server's certificate */
        {"dial tcp 192.0.2.1:465: local error: tls: bad certificate", MXTLS_PEER_CLIENT,
         "cert.self-signed", "tls.client-cert-required"},
        /* a Go server's log: the client sent it, about the server's certificate */
        {"http: TLS handshake error from 192.0.2.9:5555: remote error: tls: bad certificate",
         MXTLS_PEER_CLIENT, "cert.self-signed", "tls.client-cert-required"},
        {"http: TLS handshake error from 192.0.2.9:5555: local error: tls: bad certificate",
         MXTLS_PEER_SERVER, "tls.client-cert-required", "cert.untrusted"},
        /* OpenSSL's reason names an alert received: from the server in a
         * sending Postfix's log, from the client in its smtpd's */
        {"postfix/smtp[1]: warning: TLS library problem: error:14094418:SSL routines:"
         "ssl3_read_bytes:tlsv1 alert unknown ca:s3_pkt.c:1472:SSL alert number 48:",
         MXTLS_PEER_SERVER, "tls.client-cert-required", "cert.untrusted"},
        {"postfix/smtpd[1]: warning: TLS library problem: error:14094418:SSL routines:"
         "ssl3_read_bytes:tlsv1 alert unknown ca:s3_pkt.c:1472:SSL alert number 48:",
         MXTLS_PEER_CLIENT, "cert.untrusted", "tls.client-cert-required"},
        {"postfix/smtpd[1]: SSL_accept error from x[192.0.2.9]: -1\npostfix/smtpd[1]: "
         "warning: TLS library problem: SSL alert number 42",
         MXTLS_PEER_CLIENT, "cert.self-signed", "tls.client-cert-required"},
        /* Python names it twice, as OpenSSL's code and its reason */
        {"ssl.SSLError: [SSL: SSLV3_ALERT_BAD_CERTIFICATE] sslv3 alert bad certificate "
         "(_ssl.c:1129)", MXTLS_PEER_SERVER, "tls.client-cert-required", "cert.untrusted"},
        /* an alert that is no certificate's means the same either way */
        {"dial tcp 192.0.2.1:465: remote error: tls: handshake failure", MXTLS_PEER_SERVER,
         "tls.no-shared-cipher", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mxtls_explanation *e = explain(cases[i].text);
        ck_assert_msg(e->alert_sender == cases[i].sender, "%zu: sender %d", i,
                      (int)e->alert_sender);
        ck_assert_msg(strcmp(cause_id(e, 0), cases[i].first) == 0, "%zu: %s", i,
                      cause_id(e, 0));
        if (cases[i].not_listed)
            ck_assert_msg(!has_cause(e, cases[i].not_listed), "%zu: lists %s", i,
                          cases[i].not_listed);
        mxtls_explanation_free(e);
    }
    /* Go's "remote error: tls: " is written by clients and servers alike,
     * so it is no program's "error: ": a bare certificate alert received
     * is placed as OpenSSL's bare reason is, in the server's log */
    static const struct side_case sides[] = {
        {"remote error: tls: bad certificate", MXTLS_SIDE_RECEIVER},
        {"SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:SSL alert number 42",
         MXTLS_SIDE_RECEIVER},
        {"Error: remote error: tls: bad certificate", MXTLS_SIDE_CLIENT},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* Round 5 (5a and 5b): the rules its commits added, each with the near
 * miss that differs in one word or field and must not match. */
START_TEST(round_five_wordings_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        /* 7e43871: Erlang/OTP's verify_peer without a CA ... */
        {"=WARNING REPORT==== Authenticity is not established by certificate path "
         "validation\n Reason: Option {verify, verify_peer} and cacertfile/cacerts is missing",
         "sender.no-ca-store", NULL},
        {"=WARNING REPORT==== Authenticity is not established by certificate path "
         "validation\n Reason: Option {verify, verify_peer} and cacertfile/cacerts is given",
         NULL, "sender.no-ca-store"},
        /* ... Postal's 502 to STARTTLS, and a 454 that refuses it ... */
        {"STARTTLS: 502 TLS not available", "smtp.starttls-missing", NULL},
        {"STARTTLS: 454 TLS not available", "smtp.starttls-refused", "smtp.starttls-missing"},
        /* ... Exchange's SocketError with a TLS 1.0/1.1 peer, and its own
         * certificate missing ... */
        {"TLS negotiation failed with error SocketError", "tls.protocol-old", NULL},
        {"TLS negotiation failed with error NoCredentials", "sender.tls-config",
         "tls.protocol-old"},
        /* ... and a DANE mismatch before the CA-store guess it ties with */
        {"postfix/smtp[1]: Untrusted TLS connection established to mx.example.org"
         "[192.0.2.1]:25: TLSv1.3\npostfix/smtp[1]: mx.example.org[192.0.2.1]:25: no matching "
         "DANE TLSA records",
         "dane.mismatch", NULL},
        {"postfix/smtp[1]: Untrusted TLS connection established to mx.example.org"
         "[192.0.2.1]:25: TLSv1.3",
         "sender.no-ca-store", "dane.mismatch"},
        /* 68ee0e1: rustls's AlertReceived(...) names the alert; libetpan's
         * STARTTLS_NOT_SUPPORTED */
        {"Error: AlertReceived(ProtocolVersion)", "tls.protocol-old", NULL},
        {"Error: AlertSent(ProtocolVersion)", NULL, "tls.protocol-old"},
        {"Error: MAILSMTP_ERROR_STARTTLS_NOT_SUPPORTED", "smtp.starttls-missing", NULL},
        {"Error: MAILSMTP_ERROR_SSL", NULL, "smtp.starttls-missing"},
        /* 2b44c8e: s_client asking STARTTLS of an implicit-TLS port is the
         * test's mix-up; of 587, the server lacks it */
        {"$ openssl s_client -connect mail.example.com:465 -starttls smtp\nDidn't find "
         "STARTTLS in server response, trying anyway...",
         "client.starttls-mismatch", "smtp.starttls-missing"},
        {"$ openssl s_client -connect imap.example.com:993 -starttls imap\nDidn't find "
         "STARTTLS in server response, trying anyway...",
         "client.starttls-mismatch", NULL},
        {"$ openssl s_client -connect mail.example.com:587 -starttls smtp\nDidn't find "
         "STARTTLS in server response, trying anyway...",
         "smtp.starttls-missing", "client.starttls-mismatch"},
        /* the URL rule that reads ports as 2b44c8e does: a ':' may follow
         * the port, and a bracketed IPv6 literal's groups are no port */
        {"PHP Warning: unable to connect to ssl://smtp.example.com:587: Connection refused",
         "client.starttls-mismatch", NULL},
        {"PHP Warning: unable to connect to ssl://[2001:587::1]:465: Connection refused",
         NULL, "client.starttls-mismatch"},
        /* d92b23b: Exchange Online's words for its 4.4.317, about STARTTLS
         * or not */
        {"Cannot connect to remote server [Message=STARTTLS negotiation failed] "
         "[LastAttemptedServerName=mx.example.org]",
         "smtp.starttls-missing", NULL},
        {"Cannot connect to remote server [Message=SMTP negotiation failed] "
         "[LastAttemptedServerName=mx.example.org]",
         NULL, "smtp.starttls-missing"},
        /* 1124671: Go's name of alert 48 and Android's untrusted chain ... */
        {"verification failed: unknown certificate authority", "cert.untrusted", NULL},
        {"verification failed: unknown certificate", NULL, "cert.untrusted"},
        {"Trust anchor for certification path not found.", "cert.untrusted", NULL},
        {"Trust anchor for certification path found.", NULL, "cert.untrusted"},
        /* ... toward a big provider the sender's own CA store, toward any
         * other host the server's chain */
        {"smtp.gmail.com:465: Trust anchor for certification path not found.",
         "sender.no-ca-store", NULL},
        {"smtp.example.org:465: Trust anchor for certification path not found.",
         "cert.untrusted", "sender.no-ca-store"},
        {"status=deferred (delivery to gmail-smtp-in.l.google.com:25 failed: x509: "
         "certificate signed by unknown authority)",
         "sender.no-ca-store", NULL},
        {"status=deferred (delivery to mx.example.org:25 failed: x509: certificate signed "
         "by unknown authority)",
         "cert.untrusted", "sender.no-ca-store"},
        {"Failed to send mail: dial tcp smtp.office365.com:587: tls: failed to verify "
         "certificate: x509: certificate signed by unknown authority",
         "sender.no-ca-store", NULL},
        {"Failed to send mail: dial tcp smtp.example.org:587: tls: failed to verify "
         "certificate: x509: certificate signed by unknown authority",
         "cert.untrusted", "sender.no-ca-store"},
        /* Go's alert 48 toward a provider: sent by the sender, its own
         * store did not know the issuer; received from the provider, it
         * refused the sender's own certificate, whatever the words say */
        {"dial tcp smtp.gmail.com:587: local error: tls: unknown certificate authority",
         "sender.no-ca-store", NULL},
        {"dial tcp smtp.gmail.com:587: remote error: tls: unknown certificate authority",
         "tls.client-cert-required", "sender.no-ca-store"},
        /* d3902a6: mbedTLS's invalid record is a plain greeting read as TLS */
        {"[E][ssl_client.cpp:36] _handle_error(): [start_ssl_client():276]: (-29184) SSL - "
         "An invalid SSL record was received",
         "client.starttls-mismatch", NULL},
        {"[E][ssl_client.cpp:36] _handle_error(): [start_ssl_client():276]: (-29184) SSL - "
         "A valid SSL record was received",
         NULL, "client.starttls-mismatch"},
        /* 080712d: Haraka's outbound TLS settings not loaded */
        {"[outbound] Oops, TLS config not loaded yet!", "sender.tls-config", NULL},
        {"[outbound] Oops, TLS config loaded yet!", NULL, "sender.tls-config"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* How strongly each wording says it: 3 it names the cause, 2 a strong
     * sign; a rule weakened by mistake still ranks first when alone. */
    static const struct {
        const char *text;
        const char *cause;
        int32_t weight;
    } strengths[] = {
        {"Reason: Option {verify, verify_peer} and cacertfile/cacerts is missing",
         "sender.no-ca-store", 3},
        {"STARTTLS: 502 TLS not available", "smtp.starttls-missing", 3},
        {"TLS negotiation failed with error SocketError", "tls.protocol-old", 2},
        /* the server took none of the versions offered: which side is
         * old the words around it say, so the alert alone is a strong
         * sign, not a name */
        {"Error: AlertReceived(ProtocolVersion)", "tls.protocol-old", 2},
        {"Error: MAILSMTP_ERROR_STARTTLS_NOT_SUPPORTED", "smtp.starttls-missing", 3},
        {"Cannot connect to remote server [Message=STARTTLS negotiation failed]",
         "smtp.starttls-missing", 3},
        {"status=deferred (delivery to gmail-smtp-in.l.google.com:25 failed: x509: "
         "certificate signed by unknown authority)",
         "sender.no-ca-store", 3},
        {"[E][ssl_client.cpp:36] _handle_error(): (-29184) SSL - An invalid SSL record was "
         "received",
         "client.starttls-mismatch", 2},
        {"[outbound] Oops, TLS config not loaded yet!", "sender.tls-config", 3},
        {"Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)", "dns.mx-no-address",
         2},
    };
    for (size_t i = 0; i < sizeof strengths / sizeof strengths[0]; i++) {
        mxtls_explanation *w = explain(strengths[i].text);
        ck_assert_msg(strcmp(cause_id(w, 0), strengths[i].cause) == 0, "%zu: %s", i,
                      cause_id(w, 0));
        ck_assert_msg(w->weights[0] == strengths[i].weight, "%zu: weight %d", i,
                      (int)w->weights[0]);
        mxtls_explanation_free(w);
    }
    /* 2b44c8e with an IPv6 literal: s_client's "-connect [v6]:465" is
     * read for its host and port, and the check to run is the submission
     * check of that address and port */
    mxtls_explanation *e = explain("$ openssl s_client -connect [2001:db8::25]:465 -starttls "
                                   "smtp\nCONNECTED(00000003)\nDidn't find STARTTLS in "
                                   "server response, trying anyway...");
    ck_assert_str_eq(cause_id(e, 0), "client.starttls-mismatch");
    ck_assert_ptr_nonnull(e->host);
    ck_assert_str_eq(e->host, "2001:db8::25");
    ck_assert_str_eq(e->suggested_check, "mxtls-check --submission [2001:db8::25]:465");
    mxtls_explanation_free(e);
    /* "[::1]:25": port 25 speaks STARTTLS, so the server is the one lacking it */
    e = explain("$ openssl s_client -connect [::1]:25 -starttls smtp\nDidn't find STARTTLS "
                "in server response, trying anyway...");
    ck_assert_str_eq(cause_id(e, 0), "smtp.starttls-missing");
    ck_assert_str_eq(e->host, "::1");
    mxtls_explanation_free(e);
    /* malformed: no closing bracket, so no host and no port 465 read */
    e = explain("$ openssl s_client -connect [2001:db8::25:465 -starttls smtp\n"
                "Didn't find STARTTLS in server response, trying anyway...");
    ck_assert_ptr_null(e->host);
    ck_assert_str_eq(cause_id(e, 0), "smtp.starttls-missing");
    ck_assert_ptr_null(strstr(e->suggested_check, "465"));
    mxtls_explanation_free(e);
    static const struct side_case sides[] = {
        /* 18b6e59: libetpan's mailsmtp is a mail client's; without it, a
         * bare reply is what a sending server received */
        {"libetpan mailsmtp: 454 4.7.0 TLS not available due to local problem",
         MXTLS_SIDE_CLIENT},
        {"libetpan mail smtp: 454 4.7.0 TLS not available due to local problem",
         MXTLS_SIDE_SENDER},
        /* 1124671: a Go server's "TLS handshake error from" its client */
        {"2021/06/20 12:44:58 TLS handshake error from 192.0.2.9:5555: EOF",
         MXTLS_SIDE_RECEIVER},
        {"2021/06/20 12:44:58 TLS handshake error to 192.0.2.9:5555: EOF", MXTLS_SIDE_CLIENT},
        /* d3902a6: Arduino-ESP32's TLS client */
        {"[E][WiFiClientSecure.cpp:135] connect(): start_ssl_client: -1", MXTLS_SIDE_CLIENT},
        /* the near miss names no client library: only the form's guess
         * places it (checked below to say so) */
        {"[E][WiFiClient.cpp:135] connect(): start_ssl_client: -1", MXTLS_SIDE_CLIENT},
        {"[E][ssl_client.cpp:36] _handle_error(): [start_ssl_client():276]: (-80) UNKNOWN "
         "ERROR CODE (0050)",
         MXTLS_SIDE_CLIENT},
        {"[E][ssl_client:36] _handle_error(): [start_ssl_client():276]: (-80) UNKNOWN "
         "ERROR CODE (0050)",
         MXTLS_SIDE_CLIENT},
        /* Postal's SMTP server logs what it sent as "=>" and what it
         * received as "<=": its own log, the receiver's */
        {"[smtp.1:8397] DEBUG -- : [VMX1SS] <= STARTTLS\n"
         "[smtp.1:8397] DEBUG -- : [VMX1SS] => 502 TLS not available",
         MXTLS_SIDE_RECEIVER},
        /* the arrows the other way round: the side that connected */
        {"[smtp.1:8397] DEBUG -- : [VMX1SS] => STARTTLS\n"
         "[smtp.1:8397] DEBUG -- : [VMX1SS] <= 502 TLS not available",
         MXTLS_SIDE_CLIENT},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
    /* the library's own name places it; without it the side is only the
     * form's guess, and the explanation says so */
    e = explain("[E][WiFiClientSecure.cpp:135] connect(): start_ssl_client: -1");
    ck_assert_ptr_null(strstr(e->explanation, "A guess from the form"));
    mxtls_explanation_free(e);
    e = explain("[E][WiFiClient.cpp:135] connect(): start_ssl_client: -1");
    ck_assert_ptr_nonnull(strstr(e->explanation, "A guess from the form"));
    mxtls_explanation_free(e);
}
END_TEST

/* Round 6: the OpenSSL code a program prints after its own "verification
 * failed", Gmail's DNS-error bounce, the STARTTLS-extension wordings,
 * Outlook's dialogs as retyped and on the Mac; each with the near miss
 * that differs in one word and must not match. */
START_TEST(round_six_wordings_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        {"imapfilter: certificate verification failed; 10\nimapfilter: login request to "
         "u@example.org failed",
         "cert.expired", NULL},
        {"imapfilter: certificate verification failed; 18", "cert.self-signed", NULL},
        /* a source line or a longer figure is no verify code */
        {"imapfilter: login request failed; 10", NULL, "cert.expired"},
        {"certificate verify failed:s3_clnt.c:1264", NULL, "cert.chain-incomplete"},
        {"DNS Error: DNS type 'mx' lookup of example.org responded with code NOERROR DNS "
         "type 'a' lookup of mail.exmple.org. responded with code NXDOMAIN",
         "dns.mx-no-address", NULL},
        /* no MX at all: the domain's own name does not exist */
        {"DNS Error: DNS type 'mx' lookup of example.org responded with code NXDOMAIN DNS "
         "type 'a' lookup of example.org. responded with code NXDOMAIN",
         "dns.nxdomain", "dns.mx-no-address"},
        {"Error sending test SMTP STARTTLS extension not found", "smtp.starttls-missing", NULL},
        {"Error sending test SMTP STARTTLS extension found", NULL, "smtp.starttls-missing"},
        {"The server you are connected to is using a security certificate that cannot be "
         "verified. The target principle name is incorrect.",
         "cert.name-mismatch", NULL},
        {"The server you are connected to is using a security certificate that cannot be "
         "verified. The target principle name is correct.",
         NULL, "cert.name-mismatch"},
        {"A secure connection cannot be established with the server example.org because its "
         "intermediate or root certificate cannot be found. Do you want to continue?",
         "cert.name-mismatch", NULL},
        {"A secure connection cannot be established with the server example.org because its "
         "intermediate or root certificate can be found.",
         NULL, "cert.name-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    static const struct side_case sides[] = {
        {"TLS negotiation failed with error SocketError", MXTLS_SIDE_SENDER},
        /* Gmail's Send-As dialog says "TLS Negotiation failed" to its user */
        {"TLS Negotiation failed, the certificate doesn't match the host.", MXTLS_SIDE_CLIENT},
        {"DNS Error: DNS type 'mx' lookup of example.org responded with code NXDOMAIN",
         MXTLS_SIDE_SENDER},
        /* the same answer in a test tool's words is the tool's */
        {"$ dig -t mx example.org\nstatus: NXDOMAIN", MXTLS_SIDE_TOOL},
        {"A secure connection cannot be established with the server example.org because its "
         "intermediate or root certificate cannot be found.",
         MXTLS_SIDE_CLIENT},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* Round 7's rule-writing texts taught these; each with its near miss. */
START_TEST(round_seven_wordings_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        /* OTP 26's verify_peer with no CA given, inside a retry wrapper */
        {"{:retries_exceeded, {:network_failure, ~c\"mx.example.org\", {:error, {:options, "
         ":incompatible, [verify: :verify_peer, cacerts: :undefined]}}}}",
         "sender.no-ca-store", "smtp.rate-limited"},
        /* the wrapper's word is no rate limit: the failure it wraps comes first */
        {"{:retries_exceeded, {:network_failure, ~c\"mx.example.org\", {:error, "
         ":econnrefused}}}",
         "net.refused", "smtp.rate-limited"},
        {"domain example.org has exceeded the max emails per hour (8/7 (114%)) allowed.",
         "smtp.rate-limited", NULL},
        /* a server that does not know the STARTTLS command */
        {"SMTP Error: Could not connect to SMTP host. STARTTLS command failed Unrecognized "
         "command 'STARTTLS'",
         "smtp.starttls-missing", "client.starttls-mismatch"},
        {"SMTP Error: Unrecognized command 'AUTH'", NULL, "smtp.starttls-missing"},
        {"Sent: STARTTLS\nGot: 500 5.3.3 Unrecognized command", "smtp.starttls-missing", NULL},
        {"Sent: AUTH LOGIN\nGot: 500 5.3.3 Unrecognized command", NULL,
         "smtp.starttls-missing"},
        /* Erlang's ssl reading a plaintext 220 where a TLS record belongs */
        {"TLS :client: In state :hello generated CLIENT ALERT: Fatal - Unexpected Message\n"
         " - {:unsupported_record_type, 50}",
         "client.starttls-mismatch", NULL},
        {"TLS :client: In state :hello generated CLIENT ALERT: Fatal - Unexpected Message",
         NULL, "client.starttls-mismatch"},
        /* alert 112 from the server refuses the SNI name sent */
        {"ssl.SSLError: [SSL: TLSV1_UNRECOGNIZED_NAME] tlsv1 unrecognized name (_ssl.c:600)",
         "tls.sni-rejected", NULL},
        {"ssl.SSLError: [SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca (_ssl.c:600)",
         NULL, "tls.sni-rejected"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Round seven's leftovers, each read from the form its program prints
 * rather than from one text: a socket error as a bare errno number
 * (OpenSSL's BIO, Python), the monitoring plugins' certificate lines, and
 * a receiving server that answers a TLS hello "unrecognized command"
 * line after line. Each with the near miss one digit, one word or one
 * line off. */
START_TEST(socket_numbers_plugins_and_garbage_commands)
{
    static const struct first_cause cases[] = {
        {"write:errno=113\nno peer certificate available", "net.unreachable", NULL},
        {"connect:errno=111", "net.refused", NULL},
        {"connect:errno=110", "net.timeout", NULL},
        {"smtplib.SMTPServerDisconnected: [Errno 101] sending failed", "net.unreachable", NULL},
        {"connect:errno=1110", NULL, "net.refused"},
        {"connect:errno=11", NULL, "net.refused"},
        {"connect:errno=112", NULL, "net.unreachable"},
        {"CRITICAL - Certificate 'mail.example.org' expired on Mon 01 Dec 2026 10:00:00 AM "
         "UTC.",
         "cert.expired", NULL},
        {"WARNING - Certificate 'mail.example.org' expires in 5 day(s) (Fri 11 Dec 2026).",
         "cert.expires-soon", "cert.expired"},
        {"WARNING - Certificate expires today (01/05/2008 05:40).", "cert.expires-soon", NULL},
        {"OK - Certificate 'mail.example.org' will expire on Fri 11 Dec 2027.", NULL,
         "cert.expires-soon"},
        {"the domain example.org expires today", NULL, "cert.expires-soon"},
        {"qmail-smtpd 9514: unrecognized command:\nqmail-smtpd 9514: unrecognized command:\n"
         "qmail-smtpd 9514: unrecognized command:\nqmail-smtpd 9514: read error",
         "client.starttls-mismatch", NULL},
        {"qmail-smtpd 9514: unrecognized command:\nqmail-smtpd 9514: unrecognized command:\n"
         "qmail-smtpd 9514: read error",
         NULL, "client.starttls-mismatch"},
        {"500 5.5.1 Command unrecognized: \"GET / HTTP/1.1\"\n500 5.5.1 Command "
         "unrecognized: \"Host: mail.example.org\"\n500 5.5.1 Command unrecognized: \"\"",
         NULL, "client.starttls-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    static const struct side_case sides[] = {
        {"CRITICAL - Certificate 'mail.example.org' expired on Mon 01 Dec 2026.",
         MXTLS_SIDE_TOOL},
        {"qmail-smtpd 9514: unrecognized command:", MXTLS_SIDE_RECEIVER},
        {"qmail-remote: Connected to 192.0.2.7 but connection died", MXTLS_SIDE_SENDER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* Round eight's rule-writing texts, each learnt in its general form:
 * STARTTLS missing toward a big provider's own host is a path that hid
 * it; a server that chose a version the client refuses is old; Postfix's
 * DNSSEC probe blames the local resolver; "Trusted" but not verified is
 * a good chain and a failed match; and the log formats of Cisco AsyncOS,
 * mox and maddy say whose log it is. Each with its near miss. */
START_TEST(round_eight_wordings_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        {"l=debug m=\"queue deliverhost result\" err=\"tls error: STARTTLS: got 502, expected "
         "220, permanent: 502 5.5.1 Error: command not implemented\" pkg=queue "
         "host=gmail-smtp-in.l.google.com",
         "smtp.starttls-masked", NULL},
        {"l=debug m=\"queue deliverhost result\" err=\"tls error: STARTTLS: got 502, expected "
         "220, permanent: 502 5.5.1 Error: command not implemented\" pkg=queue "
         "host=mx.example.org",
         "smtp.starttls-missing", "smtp.starttls-masked"},
        {"TLS is required, but was not offered by host "
         "example-org.mail.protection.outlook.com[192.0.2.7]",
         "smtp.starttls-masked", NULL},
        /* Gmail's own 502 to another command is Gmail's */
        {"SMTP ERROR: smtp.gmail.com said: 502 5.5.1 Unrecognized command. a1-20020a05 - "
         "gsmtp (in reply to XAUTH)",
         NULL, "smtp.starttls-masked"},
        /* a bounce that links to Google's help is not a connection to Google */
        {"Delivery failed: the recipient server does not support STARTTLS. Learn more at "
         "https://support.google.com/mail/answer/123",
         "smtp.starttls-missing", "smtp.starttls-masked"},
        {"remote: cannot use MX {\"tls_err\":\"tls: server selected unsupported protocol "
         "version 301\",\"reason\":\"TLS it not available or unauthenticated but "
         "required\"}",
         "tls.protocol-old", "smtp.starttls-missing"},
        {"SSL_connect() failed with error 1, ret = -1 (error:1425F102:SSL "
         "routines:ssl_choose_client_version:unsupported protocol)",
         "tls.protocol-old", NULL},
        /* the server's side of the same words: the client's hello was old */
        {"postfix/smtpd[5]: warning: TLS library problem: error:0A000102:SSL "
         "routines:tls_early_post_process_client_hello:unsupported protocol",
         "sender.tls-config", "tls.protocol-old"},
        {"postfix/smtp[8523]: warning: DNSSEC validation may be unavailable\npostfix/smtp[8523]: "
         "warning: reason: dnssec_probe 'ns:.' received a response that is not DNSSEC validated",
         "sender.resolver-no-dnssec", "dns.dnssec-bogus"},
        {"postfix/smtp[8523]: dnssec_probe 'ns:.' received a response that is DNSSEC validated",
         NULL, "sender.resolver-no-dnssec"},
        {"postfix/smtp[1]: Trusted TLS connection established to mx.example.org[192.0.2.1]:25: "
         "TLSv1.2\npostfix/smtp[1]: 30E4: Server certificate not verified",
         NULL, "cert.untrusted"},
        /* "Untrusted" holds "trusted": the chain failed, as before */
        {"postfix/smtp[1]: Untrusted TLS connection established to mx.example.org[192.0.2.1]:25: "
         "TLSv1.2\npostfix/smtp[1]: 30E4: Server certificate not verified",
         "sender.no-ca-store", "cert.name-mismatch"},
        {"Info: DCID 123456 STARTTLS command not supported.", "smtp.starttls-missing", NULL},
        {"ERROR: The host mx.example.org on port 25 did not appear to be an SMTP service.",
         "smtp.not-smtp", NULL},
        {"The host mx.example.org on port 25 is an SMTP service.", NULL, "smtp.not-smtp"},
        /* an OpenSSL function name alone is no reason */
        {"CONNECTED(00000003)\n97135:error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 "
         "alert handshake failure:s23_clnt.c:593:",
         "tls.no-shared-cipher", "client.starttls-mismatch"},
        {"error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol",
         "client.starttls-mismatch", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    static const struct side_case sides[] = {
        {"Info: DCID 123456 STARTTLS command not supported.", MXTLS_SIDE_SENDER},
        {"Info: ICID 654321 TLS failed: (336109761, 'error:1408A0C1:SSL "
         "routines:ssl3_get_client_hello:no shared cipher')",
         MXTLS_SIDE_RECEIVER},
        {"l=info m=\"connection closed\" err=\"tls handshake: remote error\" pkg=smtpserver",
         MXTLS_SIDE_RECEIVER},
        {"l=info m=\"delivery failed\" err=\"tls handshake: remote error\" pkg=queue",
         MXTLS_SIDE_SENDER},
        {"remote: TLS verify error, trying without authentication {\"domain\":\"example.org\","
         "\"remote_server\":\"mx.example.org.\"}",
         MXTLS_SIDE_SENDER},
        {"NOQUEUE: abort: TLS from client.example[192.0.2.5]: Cannot start TLS: handshake "
         "failure",
         MXTLS_SIDE_RECEIVER},
        {"Refusing STARTTLS request from client.example[192.0.2.5] for service smtp",
         MXTLS_SIDE_RECEIVER},
        {"jakarta.mail.MessagingException: Could not convert socket to TLS", MXTLS_SIDE_CLIENT},
        {"Swift_TransportException: Connection could not be established with host "
         "smtp.example.org",
         MXTLS_SIDE_CLIENT},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* Round ten's rule-writing texts (pasted in other languages), each in a
 * general form: Winsock's "host not found" as Python prints it, Outlook's
 * "no authentication method" on the wrong port, a client's wait on port
 * 465 that timed out, Outlook's and Windows' certificate alerts in French,
 * Dutch, Portuguese and German, and a localised text as a JSON log or a
 * web page escapes its letters. Each with its near miss. */
START_TEST(round_ten_wordings_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        {"Netzwerkfehler [Errno 11001] getaddrinfo failed", "dns.nxdomain", NULL},
        {"Netzwerkfehler [Errno 11002] getaddrinfo failed", "dns.servfail", "dns.nxdomain"},
        {"Netzwerkfehler [Errno 11010] no buffer", NULL, "dns.nxdomain"},
        {"None of the authentication methods supported by this client are supported by your "
         "server.",
         "client.starttls-mismatch", NULL},
        {"Vom Server wird keine der von diesem Client unterstützten Authentifizierungsmethoden "
         "unterstützt.",
         "client.starttls-mismatch", NULL},
        {"All of the authentication methods supported by this client are supported by your "
         "server.",
         NULL, "client.starttls-mismatch"},
        /* a wait on 465 that timed out: a client that did not speak TLS first */
        {"smtplib.SMTPServerDisconnected: Connection unexpectedly closed: timed out (port 465)",
         "client.starttls-mismatch", NULL},
        {"Connection: opening to ssl://smtp.example.com:465\nSMTP ERROR: Failed to connect to "
         "server: timed out",
         NULL, "client.starttls-mismatch"},
        {"connect to smtp.example.com port 465: Connection timed out", NULL,
         "client.starttls-mismatch"},
        {"smtplib.SMTPServerDisconnected: Connection unexpectedly closed: timed out (port 587)",
         NULL, "client.starttls-mismatch"},
        {"Le nom du certificat de sécurité n'est pas valide ou ne correspond pas au nom du "
         "site.",
         "cert.name-mismatch", NULL},
        {"De naam van het beveiligingscertificaat is ongeldig of komt niet overeen met de naam "
         "van de site.",
         "cert.name-mismatch", NULL},
        {"O certificado de segurança foi emitido por uma empresa que não escolheu confiar.",
         "cert.untrusted", NULL},
        {"Uma cadeia de certificado foi processada, mas terminou em um certificado raiz que não "
         "é confiável para o provedor de confiança.",
         "cert.untrusted", NULL},
        {"O certificado de segurança foi emitido por uma empresa que escolheu confiar.", NULL,
         "cert.untrusted"},
        {"O nome no certificado de segurança é inválido ou não corresponde ao nome do site.",
         "cert.name-mismatch", NULL},
        {"Il nome del certificato di sicurezza non è valido o non corrisponde al nome del sito "
         "di destinazione.", "cert.name-mismatch", NULL},
        {"O nome no certificado de segurança é válido e corresponde ao nome do site.", NULL,
         "cert.name-mismatch"},
        /* the same letters escaped by a JSON log and a web page */
        {"{\"error\": \"Le certificat re\\u00e7u a expir\\u00e9.\"}", "cert.expired", NULL},
        {"Le certificat re&#231;u a expir&#xe9;.", "cert.expired", NULL},
        {"Le certificat re&#231;u n'a pas expir&#xe9;.", NULL, "cert.expired"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* The vocabulary of explain_vocabulary.c: for each TLS library, a few of
 * its own error strings as its source spells them, with the cause they
 * must give first; and near misses, the same words one word off or in
 * another context, that must not give it. The cases where a longer
 * string overrides a shorter one of another cause are here too: a named
 * reason after a generic "verify failed", Go's expiry detail, a weak
 * algorithm inside an untrusted chain. */
START_TEST(vocabulary_from_library_sources_and_near_misses)
{
    static const struct first_cause cases[] = {
        /* tokio-rustls' "tls handshake eof" is the other end leaving the
         * handshake; its timeout is no such end */
        {"TLS error from 'mail.example.org': I/O error: tls handshake eof",
         "tls.handshake-failed", NULL},
        {"TLS error from 'mail.example.org': I/O error: tls handshake timeout", NULL,
         "tls.handshake-failed"},
        /* OpenSSL: x509_txt.c and ssl_err.c */
        {"error:0A000086:SSL routines::certificate verify failed: certificate has expired",
         "cert.expired", NULL},
        {"error:0A000086:SSL routines::certificate verify failed: certificate has not expired",
         NULL, "cert.expired"},
        {"verify error:num=66:EE certificate key too weak", "cert.weak-key", NULL},
        {"CA certificate key not weak", NULL, "cert.weak-key"},
        {"error:0A00018A:SSL routines::dh key too small", "tls.weak-dh", "cert.weak-key"},
        {"verify error:num=68:CA signature digest algorithm too weak", "cert.weak-signature",
         NULL},
        {"error:0A000076:SSL routines::no suitable signature algorithm",
         "tls.no-shared-cipher", NULL},
        /* GnuTLS: lib/errors.c and the verification status */
        {"Certificate verification failed: The certificate is NOT trusted. The certificate "
         "chain uses insecure algorithm.",
         "cert.weak-signature", "cert.untrusted"},
        {"Certificate verification failed: The certificate is NOT trusted. The certificate "
         "chain uses secure algorithm.",
         NULL, "cert.weak-signature"},
        {"Certificate verification failed: The certificate is NOT trusted. The certificate "
         "chain uses expired certificate.",
         "cert.expired", "cert.untrusted"},
        {"The certificate is NOT trusted. The name in the certificate does not match the "
         "expected.",
         "cert.name-mismatch", NULL},
        /* GNUTLS_E_INSUFFICIENT_SECURITY is a weak algorithm, not alert 71 */
        {"gnutls_handshake() failed: One of the involved algorithms has insufficient security "
         "level.",
         "tls.weak-dh", "tls.no-shared-cipher"},
        {"remote error: tls: insufficient security level", "tls.no-shared-cipher",
         "tls.weak-dh"},
        {"The Diffie-Hellman prime sent by the server is not acceptable (not long enough).",
         "tls.weak-dh", NULL},
        /* Go: crypto/x509 and crypto/tls; the detail says which of the two */
        {"x509: certificate has expired or is not yet valid: current time "
         "2024-01-02T10:00:00Z is after 2023-12-31T23:59:59Z",
         "cert.expired", "cert.not-yet-valid"},
        {"x509: certificate has expired or is not yet valid: current time "
         "2020-01-02T10:00:00Z is before 2023-12-31T23:59:59Z",
         "cert.not-yet-valid", "cert.expired"},
        {"tls: failed to verify certificate: x509: certificate signed by unknown authority "
         "(possibly because of \"x509: cannot verify signature: insecure algorithm SHA1-RSA "
         "(temporarily override with GODEBUG=x509sha1=1)\" while trying to verify candidate "
         "authority certificate \"Example CA\")",
         "cert.weak-signature", "cert.untrusted"},
        {"tls: failed to verify certificate: x509: certificate signed by unknown authority",
         "cert.untrusted", "cert.weak-signature"},
        {"x509: issuer name does not match subject from issuing certificate",
         "cert.untrusted", "cert.name-mismatch"},
        {"http: TLS handshake error from 192.0.2.1:4711: tls: no cipher suite supported by "
         "both client and server",
         "tls.no-shared-cipher", NULL},
        /* rustls: Error and CertificateError */
        {"invalid peer certificate: NotValidForName", "cert.name-mismatch", NULL},
        {"invalid peer certificate: UnknownIssuer", "cert.untrusted", NULL},
        {"smtp: tls handshake: invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))",
         "cert.self-signed", NULL},
        {"invalid peer certificate: Other(OtherError(EndEntityUsedAsCa))", NULL,
         "cert.self-signed"},
        {"peer is incompatible: NoCipherSuitesInCommon", "tls.no-shared-cipher", NULL},
        {"peer is compatible: NoCipherSuitesInCommon", NULL, "tls.no-shared-cipher"},
        /* OpenJDK: the weak key inside CertPathValidatorException goes first */
        {"java.security.cert.CertPathValidatorException: Algorithm constraints check failed "
         "on keysize limits. RSA 1024bit key used with certificate: CN=mail.example.org",
         "cert.weak-key", "cert.untrusted"},
        {"javax.net.ssl.SSLHandshakeException: The server selected protocol version TLS10 is "
         "not accepted by client preferences [TLS13, TLS12]",
         "tls.protocol-old", NULL},
        {"java.security.cert.CertificateNotYetValidException: NotBefore: Mon Jan 01 00:00:00 "
         "UTC 2030",
         "cert.not-yet-valid", NULL},
        /* OpenSSL 3's s_client prints NotAfter for every certificate */
        {"Certificate chain 0 s:CN = mail.example.org i:C = US, O = Let's Encrypt, CN = R3 "
         "v:NotBefore: Jan 1 00:00:00 2024 GMT; NotAfter: Apr 1 00:00:00 2024 GMT",
         NULL, "cert.expired"},
        /* .NET: the SslPolicyErrors after the validation procedure say which */
        {"System.Security.Authentication.AuthenticationException: The remote certificate is "
         "invalid according to the validation procedure: RemoteCertificateNameMismatch",
         "cert.name-mismatch", "cert.untrusted"},
        {"System.Security.Authentication.AuthenticationException: The remote certificate is "
         "invalid according to the validation procedure: RemoteCertificateChainErrors",
         "cert.untrusted", "cert.name-mismatch"},
        /* Python ssl: the reason after the generic words wins, even to a big provider */
        {"smtplib: ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate "
         "verify failed: certificate has expired (_ssl.c:1129) connecting to smtp.gmail.com",
         "cert.expired", "sender.no-ca-store"},
        {"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate "
         "in certificate chain (_ssl.c:1129)",
         "cert.untrusted", "cert.self-signed"},
        {"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate "
         "(_ssl.c:1129)",
         "cert.self-signed", NULL},
        {"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, "
         "certificate is not valid for 'mail.example.org'. (_ssl.c:1129)",
         "cert.name-mismatch", NULL},
        /* Mbed TLS: error.c and the verify info list */
        {"The certificate is signed with an unacceptable key (eg bad curve, RSA too short).",
         "cert.weak-key", NULL},
        {"The certificate is signed with an acceptable key (eg P-256).", NULL, "cert.weak-key"},
        {"The certificate validity starts in the future", "cert.not-yet-valid", NULL},
        {"mbedtls_ssl_handshake returned -0x7380: SSL - The server has no ciphersuites in "
         "common with the client",
         "tls.no-shared-cipher", NULL},
        /* an ESP32 with no root for the provider it sends to: still its own store */
        {"smtp.gmail.com: X509 - Certificate verification failed, e.g. CRL, CA or signature "
         "check failed",
         "sender.no-ca-store", NULL},
        /* Mozilla NSS */
        {"Peer's Certificate has expired. (Error code: sec_error_expired_certificate)",
         "cert.expired", NULL},
        {"Peer's Certificate has not expired.", NULL, "cert.expired"},
        {"The server certificate included a public key that was too weak.", "cert.weak-key",
         NULL},
        {"SSL received a weak ephemeral Diffie-Hellman key in Server Key Exchange handshake "
         "message.",
         "tls.weak-dh", NULL},
        {"Unable to communicate securely with peer: requested domain name does not match the "
         "server's certificate.",
         "cert.name-mismatch", NULL},
        /* Windows SChannel */
        {"The received certificate has expired.", "cert.expired", NULL},
        {"The certificate chain was issued by an authority that is not trusted.",
         "cert.untrusted", NULL},
        /* Apple Security */
        {"The certificate for this server has expired. You might be connecting to a server "
         "that is pretending to be \"mail.example.org\" which could put your confidential "
         "information at risk.",
         "cert.expired", NULL},
        {"The certificate for this server has been renewed.", NULL, "cert.expired"},
        {"Error Domain=NSOSStatusErrorDomain Code=-9850 \"errSSLWeakPeerEphemeralDHKey\"",
         "tls.weak-dh", NULL},
        /* Microsoft 365's SMTP DANE NDRs */
        {"550 5.7.321 starttls-not-supported: Destination mail server must support TLS to "
         "receive mail.",
         "smtp.starttls-missing", NULL},
        {"450 4.7.323 tlsa-invalid: The domain failed DANE validation.", "dane.mismatch", NULL},
        {"450 4.7.324 dnssec-invalid: Destination domain returned invalid DNSSEC records.",
         "dane.bogus", NULL},
        {"550 5.7.325 certificate-host-mismatch: Remote certificate MUST have a common name or "
         "subject alternative name matching the hostname (DANE)",
         "cert.name-mismatch", NULL},
        {"Diagnostic-Code: smtp; 550 5.7.322 [BN8NAM12FT052.eop-nam12.prod.protection."
         "outlook.com]",
         "cert.expired", NULL},
        {"Release notes for version 15.7.3220", NULL, "cert.expired"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* The MTAs' own strings (explain_vocabulary_mta.c): each rule's message as
 * its source prints it, with the cause it must give first; and near
 * misses, the same words one word off, negated or in another context,
 * that must not give it. Where a phrase takes the place of a shorter one
 * of another cause ("tlsa", "dnssec"), the case pins which one wins. */
START_TEST(mta_vocabulary_from_sources_and_near_misses)
{
    static const struct first_cause cases[] = {
        /* Postfix: tls_verify.c */
        /* in a sending Postfix's log, explain_rules.c reads any failed
         * verification as the sender's CA store first */
        {"postfix/smtp[812]: certificate verification failed for mx.example.org[192.0.2.1]:25: "
         "not trusted by local or TLSA policy",
         NULL, "dane.mismatch"},
        {"postfix/smtp[812]: mx.example.org[192.0.2.1]:25: trusted by local or TLSA policy",
         NULL, "cert.untrusted"},
        {"postfix/smtpd[77]: certificate verification failed for client.example.org"
         "[192.0.2.9]: not designated for use as a client certificate",
         "cert.untrusted", NULL},
        {"postfix/smtpd[77]: certificate verification failed for client.example.org"
         "[192.0.2.9]: not trusted by local or TLSA policy",
         "cert.untrusted", "dane.mismatch"},
        {"postfix/smtp[812]: mx.example.org[192.0.2.1]:25: designated for use as a server",
         NULL, "cert.untrusted"},
        {"postfix/smtp[812]: certificate verification failed for mx.example.org[192.0.2.1]:25: "
         "certificate chain longer than limit(9)",
         "cert.chain-too-long", NULL},
        {"postfix/smtp[812]: certificate chain shorter than limit(9)", NULL,
         "cert.chain-too-long"},
        /* Postfix: DANE (tls_client.c, tls_dane.c, smtp_tls_policy.c) */
        {"postfix/smtp[812]: warning: mx.example.org[192.0.2.1]:25: all TLSA records unusable, "
         "fallback to unauthenticated TLS",
         "dane.unusable", "dane.mismatch"},
        {"postfix/smtp[812]: mx.example.org[192.0.2.1]:25: TLSA records usable", NULL,
         "dane.unusable"},
        {"postfix/smtp[812]: warning: DANE TLSA lookup problem: Host or domain name not found. "
         "Name service error for name=_25._tcp.mx.example.org type=TLSA: Host not found, try "
         "again",
         "dane.bogus", NULL},
        {"postfix/smtp[812]: DANE TLSA lookup ok for _25._tcp.mx.example.org", NULL,
         "dane.bogus"},
        {"postfix/smtp[812]: warning: mx.example.org[192.0.2.1]:25: all trust anchors unusable",
         "sender.tls-config", NULL},
        {"postfix/smtp[812]: mx.example.org[192.0.2.1]:25: trust anchors usable", NULL,
         "sender.tls-config"},
        {"postfix/smtp[812]: warning: example.org: dane configured with dnssec lookups disabled",
         "sender.tls-config", "dns.dnssec-bogus"},
        {"postfix/smtp[812]: example.org: dane configured with dnssec lookups enabled", NULL,
         "sender.tls-config"},
        {"postfix/smtp[812]: warning: example.org: dane configured, but no requisite library "
         "support",
         "sender.tls-config", NULL},
        {"postfix/smtp[812]: warning: example.org: dane configured with MX lookup errors ignored",
         "sender.tls-config", NULL},
        {"postfix/smtp[812]: warning: example.org: dns resolver options incompatible with dane TLS",
         "sender.tls-config", NULL},
        /* Postfix: smtp_proto.c, smtp_tls_policy.c */
        {"status=deferred (client TLS configuration problem)", "sender.tls-config", NULL},
        {"status=deferred (server TLS configuration problem)", NULL, "sender.tls-config"},
        {"postfix/smtp[812]: 1A2B3C: to=<a@example.org>, status=deferred (TLS is required, but "
         "unavailable)",
         "sender.tls-config", NULL},
        {"postfix/smtp[812]: 1A2B3C: to=<a@example.org>, status=bounced (Sender requested "
         "REQUIRETLS, but my configured TLS security level 'may' disables certificate matching. "
         "The last attempted server was mx.example.org[192.0.2.1]:25)",
         "sender.tls-config", NULL},
        {"postfix/smtp[812]: 1A2B3C: to=<a@example.org>, status=deferred (TLS is required, but "
         "host mx.example.org[192.0.2.1] refused to start TLS: 554 5.7.1 Go away)",
         "smtp.starttls-refused", NULL},
        {"postfix/smtp[812]: host mx.example.org[192.0.2.1] agreed to start TLS", NULL,
         "smtp.starttls-refused"},
        {"status=bounced (Sender requested REQUIRETLS, but no trusted server certificate was "
         "found. The last attempted server was mx.example.org[192.0.2.1]:25)",
         "cert.untrusted", NULL},
        {"status=bounced (Sender requested REQUIRETLS, but no matching server certificate was "
         "found. The last attempted server was mx.example.org[192.0.2.1]:25)",
         "cert.name-mismatch", NULL},
        {"status=sent (a trusted server certificate was found)", NULL, "cert.untrusted"},
        /* Postfix: smtpd.c */
        {"postfix/smtpd[77]: NOQUEUE: abort: TLS from client.example.org[192.0.2.9]: No client "
         "certificate presented",
         "tls.client-cert-required", NULL},
        {"postfix/smtpd[77]: NOQUEUE: abort: TLS from client.example.org[192.0.2.9]: Client "
         "certificate not trusted",
         "tls.client-cert-required", "cert.untrusted"},
        {"postfix/smtpd[77]: client.example.org[192.0.2.9]: server certificate presented", NULL,
         "tls.client-cert-required"},
        {"421 4.7.0 mx.example.org Error: too many new TLS sessions from 192.0.2.9",
         "smtp.rate-limited", NULL},
        {"postfix/smtpd[77]: warning: Refusing STARTTLS request from client.example.org"
         "[192.0.2.9] for service smtp",
         "smtp.rate-limited", NULL},
        {"postfix/smtpd[77]: warning: No server certs available. TLS won't be enabled",
         "smtp.starttls-refused", "smtp.starttls-missing"},
        {"postfix/smtpd[77]: server certs available. TLS will be enabled", NULL,
         "smtp.starttls-refused"},
        {"postfix/smtpd[77]: warning: Wrapper-mode request dropped from client.example.org"
         "[192.0.2.9] for service smtps. TLS context initialization failed. For details see "
         "earlier warnings in your logs.",
         "smtp.starttls-refused", NULL},
        {"postfix/smtpd[77]: TLS context initialization done", NULL, "smtp.starttls-refused"},
        /* Exim: tls-openssl.c, tls-gnu.c, transports/smtp.c */
        {"1q2w3e-000AbC-1x == a@example.org R=dnslookup T=remote_smtp defer (-37) "
         "H=mx.example.org [192.0.2.1]: TLS session: (SSL_connect) Required TLS certificate "
         "status not received",
         "cert.not-checked", NULL},
        {"Required TLS certificate status received", NULL, "cert.not-checked"},
        {"TLS session: (SSL_connect) Server certificate status is out-of-date",
         "cert.not-checked", NULL},
        {"TLS session: (SSL_connect) Server certificate has unknown status", "cert.not-checked",
         NULL},
        {"1q2w3e-000AbC-1x DANE error: No usable TLSA records", "dane.unusable", "dane.mismatch"},
        {"1q2w3e-000AbC-1x DANE ok: usable TLSA records", NULL, "dane.unusable"},
        {"H=mx.example.org [192.0.2.1]: TLS session: TLSA record problem: none usable",
         "dane.unusable", NULL},
        {"1q2w3e-000AbC-1x == a@example.org R=dnslookup T=remote_smtp defer (-1): DANE error: "
         "tlsa lookup DEFER",
         "dane.bogus", NULL},
        {"1q2w3e-000AbC-1x == a@example.org T=remote_smtp defer: TLS support not available",
         "sender.tls-config", NULL},
        /* smtp_in.c: its 454 when its own TLS set-up failed, its 220 */
        {"Expected response code \"220\" but got code \"454\", with message \"454 TLS "
         "currently unavailable\"", "smtp.starttls-refused", NULL},
        {"SERVER -> CLIENT: 220 TLS go ahead", NULL, "smtp.starttls-refused"},
        {"TLS support available", NULL, "sender.tls-config"},
        /* OpenSMTPD: mta_session.c */
        /* a reply that names no cause of its own, so the phrase is what counts */
        {"smtpd[41]: 5f3c2a1b mta error reason=STARTTLS rejected: 554 5.7.1 Go away",
         "smtp.starttls-refused", NULL},
        {"smtpd[41]: 5f3c2a1b mta STARTTLS accepted: 220 2.0.0 Ready", NULL,
         "smtp.starttls-refused"},
        {"smtpd[41]: smtp-out: Error on session 5f3c2a1b: opportunistic TLS failed, downgrading "
         "to plain",
         "tls.handshake-failed", NULL},
        {"smtpd[41]: smtp-out: opportunistic TLS succeeded, no downgrading to plain", NULL,
         "tls.handshake-failed"},
        {"smtpd[41]: 5f3c2a1b mta closing reason=tls-failure", "sender.tls-config", NULL},
        {"smtpd[41]: 5f3c2a1b mta closing reason=quit", NULL, "sender.tls-config"},
        {"smtpd[41]: 5f3c2a1b mta cert-check result=\"unverified\" fingerprint=\"SHA256:ab\"",
         "cert.untrusted", NULL},
        {"smtpd[41]: 5f3c2a1b mta cert-check result=\"valid\" fingerprint=\"SHA256:ab\"", NULL,
         "cert.untrusted"},
        /* Haraka: outbound/hmail.js, plugins/tls.js */
        {"[INFO] [outbound] TLS disabled for mx.example.org because it was marked as non-TLS on "
         "2026-01-02",
         "tls.handshake-failed", NULL},
        {"[INFO] [outbound] TLS enabled for mx.example.org because it was marked as TLS", NULL,
         "tls.handshake-failed"},
        {"[ERROR] [tls] no valid TLS config", "smtp.starttls-missing", NULL},
        {"[INFO] [tls] valid TLS config loaded", NULL, "smtp.starttls-missing"},
        /* Microsoft 365: mail flow intelligence */
        {"450 4.7.320 Certificate validation failed", "cert.untrusted", NULL},
        {"Remote server returned '450 4.7.320 Certificate validation failed'; Certificate "
         "expired",
         "cert.expired", "cert.untrusted"},
        {"version 14.7.3201 installed", NULL, "cert.untrusted"},
        {"450 4.4.318 Connection was closed abruptly", "tls.handshake-failed", NULL},
        {"450 4.4.318 Connection was closed cleanly", NULL, "tls.handshake-failed"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* A text and a cause that must be listed among its causes, but not
 * first: a hint, which alone ranks nothing. */
struct listed_cause {
    const char *text;
    const char *listed;
};

static void check_listed_causes(const struct listed_cause *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mxtls_explanation *e = explain(cases[i].text);
        ck_assert_msg(has_cause(e, cases[i].listed), "%zu: %s not listed", i, cases[i].listed);
        ck_assert_msg(strcmp(cause_id(e, 0), cases[i].listed) != 0, "%zu: %s first", i,
                      cases[i].listed);
        mxtls_explanation_free(e);
    }
}

/* The vocabulary of explain_vocabulary_mail.c: for each mail library or
 * client, its own error strings as its source spells them, with the
 * cause they must give first (or none, for a bare symptom); and near
 * misses, the same words one word off or in another context, that must
 * not give it. The cases where a longer string takes the place of a
 * shorter one of another cause are here too: a reason in Ruby's
 * parentheses, aiosmtplib's timeouts that are no network timeout,
 * MailKit's intermediate with errors, Angus Mail's own trust list. */
START_TEST(mail_vocabulary_from_sources_and_near_misses)
{
    static const struct first_cause cases[] = {
        /* nodemailer: lib/smtp-connection/index.js */
        {"Error: Error upgrading connection with STARTTLS: 454 4.7.0 TLS not available due to "
         "temporary reason\n    at SMTPConnection._formatError "
         "(node_modules/nodemailer/lib/smtp-connection/index.js:807:19) { code: 'ETLS', command: "
         "'STARTTLS' }",
         "smtp.starttls-refused", NULL},
        {"Error: Error upgrading connection with STARTTLS: 502 5.5.1 Command not "
         "implemented\n    at SMTPConnection._actionSTARTTLS "
         "(node_modules/nodemailer/lib/smtp-connection/index.js:1607:18) { code: 'ETLS' }",
         "smtp.starttls-missing", NULL},
        {"Error: Upgraded connection with STARTTLS, nodemailer", NULL, "smtp.starttls-refused"},
        {"Error: Error initiating TLS - self-signed certificate in certificate chain\n    at "
         "SMTPConnection.<anonymous> "
         "(node_modules/nodemailer/lib/smtp-connection/index.js:1613:32) { code: 'ETLS', "
         "command: 'STARTTLS' }",
         "cert.untrusted", NULL},
        {"Error: Error initiating TLS - read ECONNRESET (nodemailer)", NULL,
         "tls.handshake-failed"},
        {"Error: initiating TLS session (nodemailer) done", NULL, "tls.handshake-failed"},
        {"Error: EHLO failed but HELO does not support required STARTTLS. response=502 5.5.2 "
         "Error: command not recognized\n    at SMTPConnection._actionEHLO "
         "(node_modules/nodemailer/lib/smtp-connection/index.js:1485:21) { code: 'ECONNECTION', "
         "command: 'EHLO' }",
         "smtp.starttls-missing", NULL},
        {"Error: EHLO failed but HELO succeeded (nodemailer)", NULL, "smtp.starttls-missing"},
        {"Error: Connection closed unexpectedly\n    at SMTPConnection._onClose "
         "(node_modules/nodemailer/lib/smtp-connection/index.js:990:34) { code: 'ETLS', "
         "response: undefined, command: 'CONN' }",
         "client.starttls-mismatch", NULL},
        {"Error: Connection closed as expected (nodemailer)", NULL, "client.starttls-mismatch"},
        {"Error: Invalid greeting. response=554 5.7.1 mx.example.org ESMTP not accepting "
         "messages from 192.0.2.7\n    at SMTPConnection._actionGreeting "
         "(node_modules/nodemailer/lib/smtp-connection/index.js:1438:27) { code: 'EPROTOCOL', "
         "command: 'CONN' }",
         "smtp.banner-rejected", NULL},
        {"Error: Invalid login. response=535 5.7.8 Authentication credentials invalid "
         "(nodemailer)",
         NULL, "smtp.banner-rejected"},
        /* PHPMailer: the reply after "STARTTLS command failed" says which */
        {"2024-05-01 10:00:01 SERVER -> CLIENT: 454 4.7.0 TLS not available due to local "
         "problem\n2024-05-01 10:00:01 SMTP ERROR: STARTTLS command failed: 454 4.7.0 TLS not "
         "available due to local problem\nSMTP Error: Could not connect to SMTP host.",
         "smtp.starttls-refused", NULL},
        {"2024-05-01 10:00:01 SMTP ERROR: STARTTLS command failed: 502 5.5.1 Command not "
         "implemented\nSMTP Error: Could not connect to SMTP host. (PHPMailer)",
         "smtp.starttls-missing", NULL},
        {"PHPMailer: SMTP ERROR: MAIL FROM command failed: 550 5.7.1 Sender rejected",
         NULL, "smtp.starttls-refused"},
        /* Symfony Mailer and SwiftMailer: a bare symptom ranks nothing */
        {"PHP Fatal error:  Uncaught Symfony\\Component\\Mailer\\Exception\\TransportException: "
         "Unable to connect with STARTTLS: stream_socket_enable_crypto(): SSL operation failed "
         "with code 1. OpenSSL Error messages:\nerror:0A000086:SSL routines::certificate verify "
         "failed in /var/www/vendor/symfony/mailer/Transport/Smtp/Stream/SocketStream.php:171",
         "cert.untrusted", NULL},
        {"Symfony\\Component\\Mailer\\Exception\\TransportException: Unable to connect with "
         "STARTTLS: stream_socket_enable_crypto(): Peer certificate CN=`mail.example.net' did "
         "not match expected CN=`smtp.example.org'",
         "cert.name-mismatch", NULL},
        {"Swift_TransportException: Unable to connect with TLS encryption in "
         "vendor/swiftmailer/.../EsmtpTransport.php:349",
         NULL, "tls.handshake-failed"},
        {"Swift_TransportException: Able to connect with TLS encryption, then timed out",
         NULL, "tls.handshake-failed"},
        {"Symfony\\Component\\Mailer\\Exception\\TransportException: Connection to "
         "\"smtp.example.org:587\" has been closed unexpectedly.",
         "client.starttls-mismatch", NULL},
        {"Symfony\\Component\\Mailer\\Exception\\TransportException: Connection to "
         "\"smtp.example.org:587\" has been closed as expected.",
         NULL, "client.starttls-mismatch"},
        {"Swift_TransportException: Expected response code 220 but got an empty response in "
         "vendor/swiftmailer/.../AbstractSmtpTransport.php:447",
         "client.starttls-mismatch", NULL},
        {"Swift_TransportException: Expected response code 250 but got an empty response",
         NULL, "client.starttls-mismatch"},
        /* MailKit: an intermediate's errors are no missing intermediate */
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nThe host name (smtp.example.org) did not match "
         "the name given in the server's SSL certificate (mail.example.net).",
         "cert.name-mismatch", NULL},
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nThe host name (smtp.example.org) did not match "
         "any of the names given in the server's SSL certificate:\n  \xe2\x80\xa2" " "
         "mail.example.net\n  \xe2\x80\xa2" " www.example.net",
         "cert.name-mismatch", NULL},
        {"MailKit: The host name (smtp.example.org) matched the name given in the server's SSL "
         "certificate.",
         NULL, "cert.name-mismatch"},
        {"System.NotSupportedException: The SMTP server does not support the STARTTLS "
         "extension.\n   at MailKit.Net.Smtp.SmtpClient.PostConnect",
         "smtp.starttls-missing", NULL},
        {"System.NotSupportedException: The SMTP server does not support the 8BITMIME "
         "extension.\n   at MailKit.Net.Smtp.SmtpClient.Send",
         NULL, "smtp.starttls-missing"},
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nThe server's SSL certificate could not be "
         "validated for the following reasons:\n\xe2\x80\xa2" " An intermediate certificate has "
         "the following errors:\n  \xe2\x80\xa2" " certificate has expired",
         "cert.expired", "cert.chain-incomplete"},
        {"MailKit.Security.SslHandshakeException: An error occurred while attempting to "
         "establish an SSL or TLS connection.\n\nThe server's SSL certificate could not be "
         "validated for the following reasons:\n\xe2\x80\xa2" " The root certificate has the "
         "following errors:\n  \xe2\x80\xa2" " The certificate chain was issued by an authority "
         "that is not trusted.",
         "cert.untrusted", NULL},
        {"MailKit: the intermediate certificate was not sent by the server",
         "cert.chain-incomplete", NULL},
        /* .NET: System.Net.Mail, and the chain status after System.Net.Security's words */
        {"System.Net.Mail.SmtpException: Failure sending mail. ---> System.Net.WebException: The "
         "SMTP host was not found.",
         "dns.nxdomain", NULL},
        {"System.Net.Mail.SmtpException: The SMTP host was found but refused the mail",
         NULL, "dns.nxdomain"},
        {"System.Security.Authentication.AuthenticationException: The remote certificate is "
         "invalid because of errors in the certificate chain: PartialChain\n   at "
         "System.Net.Mail.SmtpClient.Send",
         "cert.chain-incomplete", NULL},
        {"System.Security.Authentication.AuthenticationException: The remote certificate is "
         "invalid because of errors in the certificate chain: UntrustedRoot\n   at "
         "System.Net.Mail.SmtpClient.Send",
         "cert.untrusted", NULL},
        {"System.Security.Authentication.AuthenticationException: The remote certificate is "
         "invalid because of errors in the certificate chain\n   at "
         "System.Net.Mail.SmtpClient.Send",
         "cert.untrusted", NULL},
        /* Jakarta / Angus Mail: the program's own trust list is its setting */
        {"jakarta.mail.MessagingException: Got bad greeting from SMTP host: smtp.example.org, "
         "port: 587, response: 554 5.7.1 Access denied",
         "smtp.banner-rejected", NULL},
        {"jakarta.mail.MessagingException: Got a greeting from SMTP host: smtp.example.org, "
         "port: 587, response: 220 ready",
         NULL, "smtp.banner-rejected"},
        {"jakarta.mail.MessagingException: Unknown SMTP host: smtp.exmaple.org;\n  nested "
         "exception is:\n\tjava.net.UnknownHostException: smtp.exmaple.org",
         "dns.nxdomain", NULL},
        {"javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.org, port: "
         "587;\n  nested exception is:\n\tjavax.net.ssl.SSLException: Server identity does not "
         "match authentication scheme: org.example.MyVerifier@1b6d3586 DENY",
         "cert.name-mismatch", NULL},
        {"jakarta.mail.MessagingException: Could not convert socket to TLS;\n  nested exception "
         "is:\n\tjava.io.IOException: Server is not trusted: smtp.example.org",
         "sender.tls-config", "cert.untrusted"},
        {"jakarta.mail.MessagingException: the certificate of smtp.example.org is not trusted",
         "cert.untrusted", "sender.tls-config"},
        /* aiosmtplib: no greeting, or a stalled handshake, is no network timeout */
        {"aiosmtplib.errors.SMTPConnectTimeoutError: Timed out waiting for server ready message",
         "client.starttls-mismatch", "net.timeout"},
        {"aiosmtplib.errors.SMTPConnectTimeoutError: Timed out connecting to smtp.example.org on "
         "port 587",
         NULL, "client.starttls-mismatch"},
        {"aiosmtplib.errors.SMTPTimeoutError: Timed out while upgrading transport",
         NULL, "net.timeout"},
        {"aiosmtplib.errors.SMTPServerDisconnected: Connection reset while upgrading transport",
         NULL, "tls.handshake-failed"},
        {"aiosmtplib.errors.SMTPServerDisconnected: Connection aborted while upgrading "
         "transport",
         NULL, "tls.handshake-failed"},
        {"aiosmtplib.errors.SMTPException: Connection already using TLS",
         "client.starttls-mismatch", NULL},
        {"aiosmtplib: connection not yet using TLS, sending STARTTLS",
         NULL, "client.starttls-mismatch"},
        /* Ruby's openssl: the verify reason in parentheses wins, even to a big provider */
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.25:587 "
         "state=error: certificate verify failed (certificate has expired)\n  "
         "/usr/lib/ruby/3.2.0/net/protocol.rb:46:in `connect_nonblock'",
         "cert.expired", NULL},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=142.250.27.108:587 "
         "state=error: certificate verify failed (certificate has expired) (smtp.gmail.com)",
         "cert.expired", "sender.no-ca-store"},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.25:465 "
         "state=error: certificate verify failed (self-signed certificate)",
         "cert.self-signed", NULL},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify "
         "failed (self signed certificate in certificate chain)",
         "cert.untrusted", "cert.self-signed"},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify "
         "failed (hostname mismatch) connecting to smtp.office365.com",
         "cert.name-mismatch", "sender.no-ca-store"},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.25:465 "
         "state=error: certificate verify failed (IP address mismatch)",
         "cert.name-mismatch", NULL},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.25:465 "
         "state=error: certificate verify failed (self signed certificate)",
         "cert.self-signed", NULL},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify "
         "failed (self-signed certificate in certificate chain)",
         "cert.untrusted", "cert.self-signed"},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify "
         "failed (certificate is not yet valid)",
         "cert.not-yet-valid", NULL},
        {"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify "
         "failed (unable to verify the first certificate)",
         "cert.chain-incomplete", NULL},
        {"OpenSSL::SSL::SSLError: certificate verify passed (certificate has not expired)",
         NULL, "cert.expired"},
        /* curl: lib/strerror.c and lib/smtp.c */
        {"curl: (64) STARTTLS denied, code 454", "smtp.starttls-refused", NULL},
        {"curl: (64) STARTTLS accepted, code 220", NULL, "smtp.starttls-refused"},
        {"curl: (64) Requested SSL level failed", "smtp.starttls-missing", NULL},
        {"curl: (8) Got unexpected smtp-server response: 554", "smtp.banner-rejected", NULL},
        {"curl: (77) Problem with the SSL CA cert (path? access rights?)",
         "sender.no-ca-store", NULL},
        {"curl: (58) Problem with the local SSL certificate", "sender.tls-config", NULL},
        {"curl: (59) Could not use specified SSL cipher", "sender.tls-config", NULL},
        {"curl: (59) Couldn't use specified SSL cipher", "sender.tls-config", NULL},
        {"curl: (82) Failed to load CRL file (path? access rights?, format?)",
         "sender.tls-config", "cert.not-checked"},
        {"curl: (60) SSL peer certificate or SSH remote key was not OK", "cert.untrusted", NULL},
        {"curl: (91) SSL server certificate status verification FAILED", "cert.not-checked", NULL},
        {"curl: SSL server certificate status verification passed", NULL, "cert.not-checked"},
        {"Unable to send email to (smtps://mail.example.org:465/example.org): Timeout was "
         "reached", "net.timeout", NULL},
        {"curl: (6) Couldn't resolve host name", "dns.nxdomain", NULL},
        {"curl: (6) Could not resolve host: smtp.gmail.com", "sender.resolver-down", NULL},
        {"curl: (6) Could not resolve host: mail.example.org", "dns.nxdomain",
         "sender.resolver-down"},
        /* the ESP32 mail libraries' TLS client */
        {"> C: host > smtp.gmail.com\n> C: port > 465\n> C: starting socket\n! E: could not get "
         "ip from host", "sender.resolver-down", NULL},
        {"> C: host > mail.example.org\n> C: port > 465\n> C: starting socket\n! E: could not "
         "get ip from host", "dns.nxdomain", "sender.resolver-down"},
        /* msmtp: it sends STARTTLS only when offered */
        {"msmtp: server message: 454 4.7.0 Unable to start TLS now\nmsmtp: command STARTTLS "
         "failed\nmsmtp: could not send mail (account default from /home/u/.msmtprc)",
         "smtp.starttls-refused", NULL},
        {"msmtp: command STARTTLS succeeded", NULL, "smtp.starttls-refused"},
        {"msmtp: the server sent an empty reply\nmsmtp: could not send mail (account default "
         "from /home/u/.config/msmtp/config)", "client.starttls-mismatch", NULL},
        {"msmtp: the server sent an invalid reply\nmsmtp: could not send mail (account default "
         "from /home/u/.config/msmtp/config)", NULL, "client.starttls-mismatch"},
        {"SMTP session failed: 502 5.5.1 TLS not supported", "smtp.starttls-missing", NULL},
        /* curl's verbose lines: a CA file with no CA directory is a
         * store, and the server's self-signed certificate comes first;
         * neither is no store; the near miss a directory without a file. */
        {"*  CAfile: /etc/ssl/certs/ca-certificates.crt\n*  CApath: none\n* SSL certificate "
         "problem: self-signed certificate", "cert.self-signed", "sender.no-ca-store"},
        {"*  CAfile: none\n*  CApath: none\n* SSL certificate problem: unable to get local "
         "issuer certificate", "sender.no-ca-store", NULL},
        {"*  CAfile: none\n*  CApath: /etc/ssl/certs\n* SSL certificate problem: unable to "
         "get local issuer certificate", NULL, "sender.no-ca-store"},
        /* Rust mail-send, Erlang gen_smtp: STARTTLS required, not offered;
         * near misses another error of each */
        {"thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: "
         "MissingStartTls'", "smtp.starttls-missing", NULL},
        {"thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: "
         "MissingCredentials'", NULL, "smtp.starttls-missing"},
        {"{error,retries_exceeded,{missing_requirement,\"smtp.example.org\",tls}}",
         "smtp.starttls-missing", NULL},
        {"{error,retries_exceeded,{missing_requirement,\"smtp.example.org\",auth}}", NULL,
         "smtp.starttls-missing"},
        /* Perl's Net::SMTP without IO::Socket::SSL, Qt without its OpenSSL:
         * the program's own setup; near misses the module present, TLS up */
        {"To use SSL please install IO::Socket::SSL with version>=2.007 at "
         "/usr/share/perl5/Net/SMTP.pm line 70.", "sender.tls-config", NULL},
        {"IO::Socket::SSL version 2.081 is installed", NULL, "sender.tls-config"},
        {"qt.network.ssl: QSslSocket::connectToHostEncrypted: TLS initialization failed",
         "sender.tls-config", NULL},
        {"qt.network.ssl: QSslSocket: TLS initialization done", NULL, "sender.tls-config"},
        /* NeoMutt: $ssl_force_tls and no STARTTLS offered; its GnuTLS
         * build refusing its own priority string. Near misses: TLS that
         * was available, and a handshake (not the setup) that failed. */
        {"Encrypted connection unavailable", "smtp.starttls-missing", NULL},
        {"Encrypted connection available, logging in...", NULL, "smtp.starttls-missing"},
        {"Error: no TLS socket open\ngnutls_priority_set_direct(@SYSTEM): The request is "
         "invalid.", "sender.tls-config", NULL},
        {"gnutls_handshake: The request is invalid.", NULL, "sender.tls-config"},
        {"SMTP session failed: 454 4.7.0 TLS not supported at the moment", NULL,
         "smtp.starttls-missing"},
        {"msmtp: server message: 554 5.7.1 You are not allowed to connect.\nmsmtp: cannot get "
         "initial OK message from server",
         "smtp.banner-rejected", NULL},
        {"msmtp: cannot set X509 trust file /etc/ssl/certs/ca-certificates.crt for TLS session: "
         "Error while reading file.",
         "sender.no-ca-store", NULL},
        {"msmtp: cannot set X509 system trust for TLS session: Error while reading file.",
         "sender.no-ca-store", NULL},
        {"msmtp: cannot set X509 key file /home/u/key.pem and/or X509 cert file /home/u/cert.pem "
         "for TLS session: Error while reading file.",
         "sender.tls-config", NULL},
        {"msmtp: cannot set priorities for TLS session: error in priority string at position 12",
         "sender.tls-config", NULL},
        /* Thunderbird: composeMsgs.properties */
        {"Sending of the message failed.\nAn error occurred while sending mail: The mail server "
         "sent an incorrect greeting: 554 mx.example.org Access denied.",
         "smtp.banner-rejected", NULL},
        {"Sending of the message failed.\nAn error occurred while sending mail: Outgoing server "
         "(SMTP) smtp.exmaple.org is unknown. The server may be incorrectly configured. Please "
         "verify that your Outgoing server (SMTP) settings are correct and try again.",
         "dns.nxdomain", NULL},
        {"Sending of the message failed.\nThe message could not be sent because connecting to "
         "Outgoing server (SMTP) smtp.example.org failed. The server may be unavailable or is "
         "refusing SMTP connections. Please verify that your Outgoing server (SMTP) settings are "
         "correct and try again.",
         "net.refused", NULL},
        {"Sending of the message failed.\nThe message could not be sent because the connection "
         "to Outgoing server (SMTP) smtp.example.org was lost in the middle of the transaction. "
         "Try again.",
         NULL, "tls.handshake-failed"},
        {"Sending of the message failed.\nThe message could not be sent using Outgoing server "
         "(SMTP) smtp.example.org for an unknown reason. Please verify that your Outgoing server "
         "(SMTP) settings are correct and try again.",
         NULL, "tls.handshake-failed"},
        {"Thunderbird: the reason is unknown.", NULL, "dns.nxdomain"},
        /* Thunderbird for Android */
        {"Certificate error for me@example.org\nThe app detected a potential security threat and "
         "did not continue to connect to mail.example.org.\nIf you continue, attackers could try "
         "to steal information like your password or emails.",
         "cert.untrusted", NULL},
        /* swaks: OpenSSL's reason after "TLS startup failed" goes first */
        {"=== Trying smtp.example.org:587...\n=== Connected to smtp.example.org.\n -> "
         "STARTTLS\n<-  220 2.0.0 Ready to start TLS\n*** TLS startup failed (connect(): "
         "error:0A000086:SSL routines::certificate verify failed)\n*** STARTTLS attempted but "
         "failed",
         "cert.untrusted", NULL},
        {"=== Trying smtp.example.org:587...\n -> STARTTLS\n<-  220 2.0.0 Ready to start "
         "TLS\n*** STARTTLS attempted but failed",
         NULL, "tls.handshake-failed"},
        {"=== Trying smtp.example.org:25...\n=== Connected to smtp.example.org.\n*** Remote host "
         "closed connection unexpectedly.",
         NULL, "tls.handshake-failed"},
        {"=== Trying smtp.example.org:25...\n*** TLS requested, advertised, and locally "
         "unavailable.  Exiting",
         "sender.tls-config", NULL},
        {"=== Trying smtp.example.org:25...\n*** TLS requested, advertised, and locally "
         "available.",
         NULL, "sender.tls-config"},
        /* Postfix: a temporary failure to look up a consumer service's
         * own domain is the sender's resolver; near miss another domain */
        {"status=deferred (Host or domain name not found. Name service error for name=gmail.com "
         "type=MX: Host not found, try again)",
         "sender.resolver-down", NULL},
        {"status=deferred (Host or domain name not found. Name service error for "
         "name=example.org type=MX: Host not found, try again)",
         NULL, "sender.resolver-down"},
        /* smtpd: a program on the same machine hung up after STARTTLS;
         * near miss a host whose name only begins so */
        {"postfix/smtpd[23177]: lost connection after STARTTLS from "
         "localhost6.localdomain6[::1]",
         "cert.name-mismatch", NULL},
        {"postfix/smtpd[23177]: lost connection after STARTTLS from unknown[127.0.0.1]",
         "cert.name-mismatch", NULL},
        {"postfix/smtpd[23177]: lost connection after STARTTLS from "
         "localhostname-relay[192.0.2.7]",
         NULL, "cert.name-mismatch"},
        /* Postfix on an MX target that is no host name */
        {"warning: malformed domain name in resource data of MX record for example.org",
         "dns.mx-non-ldh", NULL},
        {"warning: malformed domain name in resource data of PTR record for 7.2.0.192.in-addr.arpa",
         NULL, "dns.mx-non-ldh"},
        /* Google's certificate for a client without SNI: the SNI, not the
         * self-signed certificate; near miss an SNI that was sent */
        {"The SSL certificate of pop.gmail.com cannot be verified by the following reason:\n  "
         "self signed certificate\n\nSubject: /OU=No SNI provided; please fix your "
         "client./CN=invalid2.invalid",
         "cert.default-without-sni", NULL},
        {"SNI provided: pop.example.org\nself signed certificate", "cert.self-signed",
         "cert.default-without-sni"},
        /* Outlook.com's DSN when it could not connect at all */
        {"Unable to deliver message to the following recipients, due to being unable to connect "
         "successfully to the destination mail server.",
         "net.timeout", NULL},
        {"Connected successfully to the destination mail server.", NULL, "net.timeout"},
        /* Exchange without a private key for its certificate: its own
         * setup when it sends, no working STARTTLS when it receives */
        {"Outbound to Office 365,SessionId,22,192.168.0.78:28252,172.16.38.36:25,*,,TLS "
         "negotiation failed with error NoCredentials",
         "sender.tls-config", NULL},
        {"Outbound to Office 365,SessionId,22,192.168.0.78:28252,172.16.38.36:25,*,,TLS "
         "negotiation failed with error UnknownError",
         NULL, "sender.tls-config"},
        /* WinRM's local SSL library error, versus a peer's internal-error
         * alert */
        {"Connecting to remote server outlook.office365.com failed with the following error "
         "message: The server certificate on the destination computer (outlook.office365.com:443)"
         " has the following errors: Encountered an internal error in the SSL library.",
         "sender.tls-config", NULL},
        {"SSL routines:ssl3_read_bytes:tlsv1 alert internal error:SSL alert number 80", NULL,
         "sender.tls-config"},
        /* the server's handshake signature did not verify; near miss a
         * certificate signature in a chain check */
        {"TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): \n"
         "6919030981960:error:10000072:SSL routines:OPENSSL_internal:BAD_SIGNATURE:third_party/"
         "openssl/boringssl/src/ssl/handshake_client.cc:1197:",
         "tls.handshake-failed", NULL},
        {"TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): bad signatures", NULL,
         "tls.handshake-failed"},
        /* a client that quits at the server's go-ahead for TLS failed its
         * own half (Roundcube); near miss a client that went on */
        {"[05-Jan-2021 23:35:41 +0000]: <knedr1j4> Send: STARTTLS\n[05-Jan-2021 23:35:41 "
         "+0000]: <knedr1j4> Recv: 220 2.0.0 Ready to start TLS\n[05-Jan-2021 23:35:41 +0000]: "
         "<knedr1j4> Send: QUIT",
         "cert.untrusted", NULL},
        {"Send: STARTTLS\nRecv: 220 2.0.0 Ready to start TLS\nSend: EHLO mail.example.org\n"
         "Send: QUIT",
         NULL, "cert.untrusted"},
        /* qmail-remote's permanent DNS failures; near miss its temporary
         * one */
        {"<nekochan@cx.example.org>:\nSorry, I couldn't find any host named cx.example.org. "
         "(#5.1.2)",
         "dns.nxdomain", NULL},
        {"<nyaan@example.org>:\nSorry, I couldn't find a mail exchanger or IP address. (#5.4.4)",
         "dns.mx-no-address", NULL},
        {"<nyaan@example.org>:\nCNAME lookup failed temporarily. (#4.4.3)", NULL,
         "dns.mx-no-address"},
        /* a library pinned to an old TLS version, refused by the server
         * (the client's own log), versus a server that refused a modern
         * sender (Gmail's bounce) */
        {"PHP Warning - stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL "
         "Error messages: error:1409442E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol "
         "version",
         "sender.tls-config", NULL},
        {"TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): "
         "error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION",
         NULL, "sender.tls-config"},
        /* a connection the machine had no route for: its own network,
         * even to a proxy's address; near miss a time-out to one */
        {"Network is unreachable - connect(2) for \"2606:4700:90:0:f225:a1af:129b:4ba1\" port "
         "587 (Errno::ENETUNREACH)",
         "net.unreachable", NULL},
        {"Connection timed out - connect(2) for \"2606:4700:90:0:f225:a1af:129b:4ba1\" port 25 "
         "(Errno::ETIMEDOUT)",
         "net.proxied", NULL},
        /* GnuTLS's fatal alert with no name (Exim on Debian); near miss
         * one that names it */
        {"TLS error on connection from mout.example.net [192.0.2.15] (gnutls_handshake): A TLS "
         "fatal alert has been received.",
         "tls.alert", NULL},
        {"TLS error on connection to mx.example.org [192.0.2.15] (gnutls_handshake): A TLS "
         "fatal alert has been received: CA is unknown",
         NULL, "tls.alert"},
        /* OpenSMTPD and Symantec Email Security.cloud when no MX could be
         * reached; near miss a message delivered */
        {"kijitora@example.jp: Network error on destination MXs", "net.timeout", NULL},
        {"421 4.4.0 [internal] no MXs for this domain could be reached at this time.",
         "net.timeout", NULL},
        {"kijitora@example.jp: delivered to destination MXs", NULL, "net.timeout"},
        /* dma's bounce for a name that does not resolve */
        {"There was an error delivering your mail to <postmaster@cx.example.org>.\n\nDNS lookup "
         "failure: host cx.example.org not found",
         "dns.nxdomain", NULL},
        /* a gateway that requires TLS of a server without STARTTLS */
        {"451 4.7.6 [internal] STARTTLS required but not advertised", "smtp.starttls-missing",
         NULL},
        /* Cisco AsyncOS: a connection's TLS failed; near miss one that
         * succeeded */
        {"Tue Jun 28 19:08:49 2005 Info: ICID 282204971 TLS failed", "tls.handshake-failed", NULL},
        {"Tue Jun 28 19:08:49 2005 Info: ICID 282204971 TLS success protocol TLSv1.2", NULL,
         "tls.handshake-failed"},
        {"Tue Jun 28 19:08:49 2005 Info: MID 5 STARTTLS failed", NULL, "tls.handshake-failed"},
        /* swaks cannot reach Gmail's MX: its own network's port 25; near
         * miss a host of the domain's own */
        {"*** Error connecting to gmail-smtp-in.l.google.com:25:\n*** \tIO::Socket::INET6: "
         "connect: timeout",
         "net.egress-blocked", NULL},
        {"*** Error connecting to mail.example.org:25:\n*** \tIO::Socket::INET6: connect: "
         "timeout",
         "net.timeout", "net.egress-blocked"},
        /* a sending service's relay host takes connections from anywhere:
         * a program refused by it meets its own network's block; near
         * miss a host of the domain's own */
        {"Connection could not be established with host smtp.sendgrid.net [Connection refused "
         "#111]",
         "net.egress-blocked", NULL},
        {"Connection could not be established with host smtp.example.org [Connection refused "
         "#111]",
         "net.refused", "net.egress-blocked"},
        /* Postfix's greeting timeout at a big provider: the connection was
         * made, so no egress block; near miss the connection's own
         * timeout */
        {"status=deferred (conversation with mx00.emig.gmx.net[212.227.15.9] timed out while "
         "receiving the initial server greeting)",
         "smtp.no-banner", "net.egress-blocked"},
        {"status=deferred (connect to mx00.emig.gmx.net[212.227.15.9]:25: Connection timed out)",
         "net.egress-blocked", NULL},
        /* older MTAs' bounces for a connection that never came */
        {"554 could not connect and send the mail to 192.0.2.84", "net.timeout", NULL},
        {"Your message was not delivered because the destination computer was\nnot reachable "
         "within the allowed queue period.",
         "net.timeout", NULL},
        /* Postfix refusing an MX answer it cannot use; near miss the
         * lookup that failed for now */
        {"<user@example.org>: Name service error for name=example.org type=MX:\n    Malformed "
         "name server reply",
         "dns.mx-non-ldh", NULL},
        {"<user@example.org>: Name service error for name=example.org type=MX:\n    Host not "
         "found, try again",
         NULL, "dns.mx-non-ldh"},
        /* an MX that names an alias; near miss a CNAME elsewhere */
        {"[ERROR: A CNAME appeared in the MX records; this is not valid", "dns.mx-cname", NULL},
        {"www.example.org is a CNAME for example.org; the MX record points to mail.example.org",
         NULL, "dns.mx-cname"},
        /* ZoneMTA: MX hosts without an address */
        {"ERRCONNECT domain=example.org error=Could not resolve any IP addresses for the MX "
         "server for example.org",
         "dns.mx-no-address", NULL},
        /* a receiver checking the sender's domain for an MX */
        {"450 No valid MX for your FROM address", "dns.no-mx", NULL},
        /* qmail's own ANY lookups; near miss its permanent failure */
        {"<test@example.com>:\n\nCNAME lookup failed temporarily. (#4.4.3)",
         "sender.resolver-down", NULL},
        {"<test@example.com>:\n\nSorry, I couldn't find any host named example.com. (#5.1.2)",
         NULL, "sender.resolver-down"},
        /* Go's net/smtp reading an IMAP greeting; near miss an SMTP one */
        {"err=\"short response: * OK [CAPABILITY IMAP4rev1 LITERAL+ STARTTLS] Dovecot ready.\"",
         "smtp.not-smtp", NULL},
        {"err=\"short response: 220 mail.example.org ESMTP\"", NULL, "smtp.not-smtp"},
        {"* OK [CAPABILITY IMAP4rev1 LITERAL+ STARTTLS] Dovecot ready.\na1 LOGIN u p\na1 NO "
         "[AUTHENTICATIONFAILED] Authentication failed.",
         NULL, "smtp.not-smtp"},
        /* smtplib without starttls() where AUTH needs TLS */
        {"smtplib.SMTPException: No suitable authentication method found.",
         "client.starttls-mismatch", NULL},
        {"smtplib.SMTPAuthenticationError: (535, b'5.7.8 Authentication credentials invalid')",
         NULL, "client.starttls-mismatch"},
        /* Node's own resolver failing a host the program was set up
         * with; near miss a connection (not a query) refused */
        {"{ Error: queryA ETIMEOUT smtp.example.org\n  errno: 'ETIMEOUT',\n  code: 'EDNS',",
         "sender.resolver-down", NULL},
        {"{ Error: queryA EREFUSED email-smtp.us-east-1.amazonaws.com\n  code: 'EDNS',",
         "sender.resolver-down", NULL},
        {"Error: connect ECONNREFUSED 192.0.2.25:587\n  code: 'ESOCKET',", "net.refused",
         "sender.resolver-down"},
        /* Exim's DEFER for a lookup that came back TRY_AGAIN: of gmail.com
         * it is the sender's resolver; near miss another domain */
        {"== test@gmail.com R=dnslookup defer (-1): host lookup did not complete",
         "sender.resolver-down", NULL},
        {"== test@example.org R=dnslookup defer (-1): host lookup did not complete",
         "dns.servfail", "sender.resolver-down"},
        /* IONOS refusing an envelope domain without mail records */
        {"550-Requested action not taken: mailbox unavailable\n550 invalid DNS MX or A/AAAA "
         "resource record",
         "dns.no-mx", NULL},
        /* JavaMail without its nested exception: most often a time-out;
         * with it, what it says */
        {"... Couldn't connect to host ...", "net.timeout", NULL},
        {"com.sun.mail.util.MailConnectException: Couldn't connect to host, port: "
         "smtp.example.org, 587; timeout -1;\n  nested exception is:\n\tjava.net."
         "ConnectException: Connection refused",
         "net.refused", "net.timeout"},
        /* IO::Socket::SSL's TLS from the first byte on a STARTTLS port;
         * near miss a failed verification */
        {"fatal SSL error: SSL connect attempt failed with unknown error \n   SSL wants a read "
         "first",
         "client.starttls-mismatch", NULL},
        {"SSL connect attempt failed error:0A000086:SSL routines::certificate verify failed",
         NULL, "client.starttls-mismatch"},
        /* Microsoft's analyzer: the principal name is not on the
         * certificate */
        {"Mutual Authentication could not be established.", "cert.name-mismatch", NULL},
        {"Mutual Authentication was established.", NULL, "cert.name-mismatch"},
        /* ZoneMTA's resolver got no usable answer */
        {"550 Failed to resolve IP address for smtp.example.org of the MX server for "
         "example.org. DNS server returned general failure",
         "dns.servfail", NULL},
        /* a validator's clock behind the signatures; near miss signatures
         * that expired, which is the zone's */
        {";; validating example.org/DNSKEY: verify failed due to bad signature (keyid=48112): "
         "RRSIG validity period has not begun",
         "sender.resolver-down", NULL},
        {";; validating example.org/DNSKEY: verify failed due to bad signature (keyid=48112): "
         "RRSIG has expired",
         NULL, "sender.resolver-down"},
        {"Unable to connect due to active rejection by the target computer.", "net.refused",
         NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* the hints: listed after the cause the rest of the text names, and
     * the other reading of a string two causes can print */
    static const struct listed_cause hints[] = {
        {"Error: Error initiating TLS - self-signed certificate in certificate chain "
         "(nodemailer)",
         "tls.handshake-failed"},
        {"Swift_TransportException: Unable to connect with TLS encryption: certificate has "
         "expired",
         "tls.handshake-failed"},
        {"aiosmtplib.errors.SMTPTimeoutError: Timed out while upgrading transport (certificate "
         "has expired)",
         "tls.handshake-failed"},
        {"Outgoing server (SMTP) smtp.example.org was lost in the middle of the transaction. "
         "The certificate has expired.",
         "tls.handshake-failed"},
        {"The message could not be sent using Outgoing server (SMTP) smtp.example.org for an "
         "unknown reason. Please verify that your Outgoing server (SMTP) settings are correct "
         "and try again. certificate has expired",
         "tls.handshake-failed"},
        {"aiosmtplib: Connection aborted while upgrading transport (certificate has expired)",
         "tls.handshake-failed"},
        {"=== Connected to smtp.example.org.\n*** Remote host closed connection unexpectedly. "
         "certificate has expired",
         "tls.handshake-failed"},
        {"aiosmtplib: Timed out waiting for server ready message", "smtp.slow-banner"},
        {"Error: Error upgrading connection with STARTTLS: 454 4.7.0 TLS not available "
         "(nodemailer)",
         "smtp.starttls-missing"},
        {"curl: (64) Requested SSL level failed", "smtp.starttls-refused"},
        {"PHPMailer SMTP ERROR: STARTTLS command failed: 454 4.7.0 TLS not available",
         "smtp.starttls-missing"},
        /* a server that took none of the versions offered: the client's
         * own range is the other reading */
        {"Error: AlertReceived(ProtocolVersion)", "sender.tls-config"},
        /* qmail's "no mail exchanger or IP address": a null MX, or none */
        {"Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)", "dns.null-mx"},
        {"Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)", "dns.no-mx"},
        /* Go names the resolver that failed: it may be the machine's */
        {"dial tcp: lookup mail.example.org on 192.168.0.20:53: server misbehaving",
         "sender.resolver-down"},
        {"Name service error for name=example.org type=MX: Malformed name server reply",
         "dns.mx-ip-literal"},
        {"550 Failed to resolve IP address for smtp.example.org of the MX server for "
         "example.org. DNS server returned general failure",
         "sender.resolver-down"},
    };
    check_listed_causes(hints, sizeof hints / sizeof hints[0]);
    /* a connection refused is no DNS query refused */
    mxtls_explanation *refused = explain("Error: connect ECONNREFUSED 192.0.2.25:587");
    ck_assert(!has_cause(refused, "sender.resolver-down"));
    mxtls_explanation_free(refused);
}
END_TEST

/* Round twelve's rule-writing texts, each learnt in its general form:
 * unbound's validation failures, a DANE connection made, FortiMail's
 * verify field, Postfix's SNI table, NSS's unknown issuer, an upstream
 * TLS failure, STARTTLS sent to port 465, Outlook's numbers, a
 * self-signed certificate's wrong name, and a short phrase inside a
 * longer word; round thirteen's JavaMail to port 25 and Microsoft 365's
 * 4.7.66. Each with its near miss. */
/* Hosts that every program can reach and that present certificates every
 * store trusts (the providers' mailbox and submission hosts, the sending
 * services' relays), and the words of their own placeholders. Each with a
 * near miss: the same words about a host of the domain's own. */
START_TEST(a_server_that_cannot_load_its_tls_and_near_misses)
{
    static const struct first_cause cases[] = {
        /* a receiving server whose key is not its certificate's; near
         * miss its failure to verify a client */
        {"Dec  1 10:00:00 mx postfix/smtpd[42]: warning: TLS library problem: error:0B080074:x509 "
         "certificate routines:X509_check_private_key:key values mismatch",
         "smtp.starttls-refused", NULL},
        {"Dec  1 10:00:00 mx postfix/smtpd[42]: warning: TLS library problem: error:0A000086:SSL "
         "routines::certificate verify failed",
         NULL, "smtp.starttls-refused"},
        /* Dovecot that cannot read its certificate does not start; near
         * miss a client it turned away in the handshake */
        {"doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf line 9: "
         "ssl_cert: Can't open file /etc/ssl/mail.pem: No such file or directory",
         "smtp.starttls-refused", NULL},
        {"dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, "
         "rip=192.0.2.7, TLS handshaking: SSL_accept() failed: error:0A0000C1:SSL "
         "routines::no shared cipher",
         "tls.no-shared-cipher", "smtp.starttls-refused"},
        /* a protocol name its OpenSSL no longer knows; near miss OpenSSL's
         * "unknown protocol" of a handshake */
        {"dovecot: imap-login: Fatal: Invalid ssl_protocols setting: Unknown protocol 'SSLv3'",
         "smtp.starttls-refused", NULL},
        {"140735:error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol:s23_clnt.c:794:",
         NULL, "smtp.starttls-refused"},
        /* Exim naming OpenSSL's call that could not read its certificate;
         * near miss a firewall's masked STARTTLS, beside which an error
         * code written out as x's is no mask */
        {"1999-03-02 09:44:33 TLS error on connection from (rhu.barb) [192.0.2.7] "
         "(SSL_CTX_use_certificate_chain_file file=/non/exist): error:xxxxxxxx:system "
         "library:fopen:No such file or directory",
         "smtp.starttls-refused", "smtp.starttls-masked"},
        {"<<< 250-XXXXXXXA\n<<< 250 8BITMIME\n>>> STARTTLS\n<<< 500 5.5.1 Command unrecognized",
         "smtp.starttls-masked", NULL},
        /* OpenSMTPD's accepting handshake */
        {"debug: SSL library error: io_dispatch_accept_tls:SSL_accept: error:0A080006:SSL "
         "routines::EVP lib",
         "tls.handshake-failed", NULL},
        /* the client closed in Dovecot's handshake; near miss a
         * handshake that failed for a reason Dovecot names */
        {"dovecot: imap-login: Disconnected: Connection closed (no auth attempts in 0 secs): "
         "user=<>, rip=192.0.2.7, lip=192.0.2.1, TLS handshaking: Connection closed",
         "sender.tls-config", NULL},
        /* Gmail's refusal of an address without reverse DNS is no TLS
         * cause and no limit; near miss a reverse-hostname block */
        {"550-5.7.25 [2001:db8::25] The IP address sending this message does not have a PTR "
         "record setup, or the corresponding forward DNS entry does not point to the sending IP.",
         NULL, "smtp.rate-limited"},
        {"554 5.7.1 <unknown[192.0.2.9]>: Client host rejected: cannot find your reverse hostname",
         "smtp.rate-limited", NULL},
        /* Go's dialer timing out to port 25 from a program; near miss the
         * submission port */
        {"dial tcp 192.0.2.25:25: i/o timeout", "net.egress-blocked", NULL},
        {"dial tcp 192.0.2.25:587: i/o timeout", "net.timeout", "net.egress-blocked"},
        /* Python's old CertificateError; near miss its chain error */
        {"ssl.CertificateError: hostname 'imap.example.org' doesn't match 'mail.example.net'",
         "cert.name-mismatch", NULL},
        {"ssl.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to "
         "get local issuer certificate (_ssl.c:1006)",
         NULL, "cert.name-mismatch"},
        /* Horde's IMAP client on a certificate it refuses; near miss a
         * connection that did not open at all */
        {"Creating account failed: Could not open secure TLS connection to the IMAP server",
         "cert.untrusted", NULL},
        {"Creating account failed: Could not connect to the IMAP server", NULL,
         "cert.untrusted"},
        /* Exim: the reply to STARTTLS was an error; near miss an error
         * after a later command */
        {"H=mx.example.org [192.0.2.25]: SMTP error from remote mail server after STARTTLS: "
         "454 4.7.0 TLS not available due to local problem",
         "smtp.starttls-refused", NULL},
        {"H=mx.example.org [192.0.2.25]: SMTP error from remote mail server after RCPT "
         "TO:<a@example.org>: 550 5.1.1 User unknown",
         NULL, "smtp.starttls-refused"},
        /* Exim's temporary and router lookup failures; near miss a
         * lookup that is no router's */
        {"a@example.org cannot be resolved at this time", "dns.timeout", NULL},
        {"lookup of host \"relay.example.org\" failed in smarthost router", "dns.nxdomain",
         NULL},
        {"lookup of host \"relay.example.org\" took 12 seconds", NULL, "dns.nxdomain"},
        /* Exim's DANE failure; its ACL wanting a client certificate, near
         * miss Postfix's "server certificate not verified" */
        {"DANE attempt failed; TLS connection to mx.example.org [192.0.2.25]: (certificate "
         "verification failed): Verification failed.",
         "dane.mismatch", NULL},
        {"H=(client.example) [192.0.2.7] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 F=<a@example.org> "
         "rejected RCPT <b@example.org>: certificate not verified: peerdn=",
         "tls.client-cert-required", NULL},
        {"postfix/smtp[1]: 3F2A1: to=<a@example.org>, status=deferred (server certificate not "
         "verified)",
         NULL, "tls.client-cert-required"},
        /* Go cannot resolve Gmail's submission host: its own resolver;
         * near miss a host of the program's own that may not exist */
        {"failed to connect via SMTP: dial tcp: lookup smtp.gmail.com: device or resource busy",
         "sender.resolver-down", NULL},
        {"failed to connect via SMTP: dial tcp: lookup mail.example.org: no such host", NULL,
         "sender.resolver-down"},
        /* a 454 that refuses relaying is no refused STARTTLS; near miss
         * the 454 that is */
        {"Server Error: 454\nServer Response: 454 4.7.1 <a@example.org>: Relay access denied",
         NULL, "smtp.starttls-refused"},
        {"Server Error: 454\nServer Response: 454 4.3.0 TLS not available", "smtp.starttls-refused",
         NULL},
        /* K-9 Mail's dialog */
        {"certpathvalidator exception", "cert.untrusted", NULL},
        /* the checker's own resolver; near miss a name server elsewhere
         * that does not answer */
        {"unbound[1:0] info: failed to prime trust anchor -- DNSKEY rrset is not secure . DNSKEY "
         "IN",
         "sender.resolver-down", NULL},
        {";; connection timed out; no servers could be reached", "sender.resolver-down", NULL},
        {";; Connection to 127.0.0.53#53(127.0.0.53) for example.org failed: connection refused.",
         "sender.resolver-down", NULL},
        {";; Connection to 192.0.2.53#53(192.0.2.53) for example.org failed: timed out.", NULL,
         "sender.resolver-down"},
        /* an answer without records is no missing domain */
        {"failed to lookup 'example.org': Domain not found: NoError", "dns.no-mx", NULL},
        /* a program with no route to Gmail's submission host; near miss
         * its own relay's host */
        {"stream_socket_client(): unable to connect to smtp.gmail.com:465 (Network is "
         "unreachable)",
         "net.egress-blocked", NULL},
        {"stream_socket_client(): unable to connect to mail.example.org:465 (Network is "
         "unreachable)",
         NULL, "net.egress-blocked"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    static const struct side_case sides[] = {
        {"SYSLOG 3[TLS server engine: cannot load cert/key data, may be a cert/key mismatch?]",
         MXTLS_SIDE_RECEIVER},
        {"Jun 06 13:41:06 alpha1 cyrus/imaps[2388]: imaps TLS negotiation failed: client.example",
         MXTLS_SIDE_RECEIVER},
        /* delivery's own vocabulary is a sending MTA's; near miss a
         * program that could not reach its submission host */
        {"No SMTP servers were available for example.org. Tried mx1.example.org and "
         "mx2.example.org SSL_connect returned=1 errno=0 state=error: dh key too small",
         MXTLS_SIDE_SENDER},
        {"INFO TLSA record not found queueId = 1950736, domain = \"example.org\"",
         MXTLS_SIDE_SENDER},
        {"javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.org, "
         "port: 587",
         MXTLS_SIDE_CLIENT},
        /* a resolver's and a scanner's own output is a tool's */
        {"% resolvectl query --type=mx example.org\nexample.org: resolve call failed: DNSSEC "
         "validation failed: invalid",
         MXTLS_SIDE_TOOL},
        {"ERROR: The host mx.example.org on port 25 did not appear to be an SMTP service.",
         MXTLS_SIDE_TOOL},
        /* Exchange Online's message trace names the host it tried */
        {"450 4.4.317 Cannot connect to remote server [Message=451 4.4.0 TLS negotiation failed "
         "with error ConnectionAborted] [LastAttemptedServerName=mail.example.org]",
         MXTLS_SIDE_SENDER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

START_TEST(hosts_every_program_reaches_and_near_misses)
{
    static const struct first_cause cases[] = {
        /* Gmail's only self-signed certificate is its no-SNI placeholder;
         * near misses: another host's self-signed certificate, and a chain
         * that ends in a self-signed root (interception, a private CA) */
        {"SSL error connecting imap.gmail.com (74.125.71.109:993): self signed certificate",
         "cert.default-without-sni", NULL},
        {"SSL error connecting mail.example.org (192.0.2.1:993): self signed certificate",
         "cert.self-signed", "cert.default-without-sni"},
        {"SSL error connecting imap.gmail.com (74.125.71.109:993): self signed certificate in "
         "certificate chain",
         "cert.untrusted", "cert.default-without-sni"},
        /* a certificate check that fails against Gmail's POP host is the
         * program's own store; near miss another host */
        {"Error validating server certificate for 'pop.gmail.com:995'", "sender.no-ca-store",
         NULL},
        {"Error validating server certificate for 'pop.example.org:995'", "cert.untrusted",
         "sender.no-ca-store"},
        /* qmail's TLS patch without its own certificate; near miss a
         * client certificate that is missing */
        {"454 TLS missing certificate: error:0200100D:system library:fopen:Permission denied "
         "(#4.3.0)",
         "smtp.starttls-refused", NULL},
        {"TLS handshake failed: client certificate missing", NULL, "smtp.starttls-refused"},
        /* Gmail's "Send mail as" check of a server without AUTH is no
         * missing STARTTLS; near miss the same words about STARTTLS */
        {"Unspecified Error (SENT_EHLO): Smtp server does not advertise AUTH capability, code: 0",
         NULL, "smtp.starttls-missing"},
        {"Unspecified Error (SENT_EHLO): Smtp server does not advertise STARTTLS, code: 0",
         "smtp.starttls-missing", NULL},
        /* QQ's enterprise relay refuses no one; near miss in the
         * sending-service case above */
        {"Connection could not be established with host hwsmtp.exmail.qq.com [Connection refused "
         "#111]",
         "net.egress-blocked", NULL},
        /* s_client's report of a finite-field group under 2048 bits;
         * near misses 2048 bits and an elliptic curve */
        {"Peer signature type: RSA\nServer Temp Key: DH, 1024 bits\n---", "tls.weak-dh", NULL},
        {"Peer signature type: RSA\nServer Temp Key: DH, 2048 bits\n---", NULL, "tls.weak-dh"},
        {"Peer signature type: RSA\nServer Temp Key: X25519, 253 bits\n---", NULL,
         "tls.weak-dh"},
        /* .NET Framework's own protocol list; near miss the same
         * exception for a connection the server closed */
        {"Error: The underlying connection was closed: An unexpected error occurred on a receive.",
         "sender.tls-config", NULL},
        {"Error: The underlying connection was closed: The connection was closed unexpectedly.",
         NULL, "sender.tls-config"},
        /* a code's registry meaning yields to the reply's words: Exchange
         * Online's 5.4.1 refusal answered; near miss a 4.4.1 that did not */
        {"550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", NULL,
         "net.timeout"},
        {"451 4.4.1 No answer from host", "net.timeout", NULL},
        /* a mail loop is no sending limit; near miss a limit */
        {"554 5.4.14 Hop count exceeded - possible mail loop", NULL, "smtp.rate-limited"},
        {"452 4.5.3 Recipient limit exceeded", "smtp.rate-limited", NULL},
        /* s_client's DANE success; near miss its failure */
        {"Verification: OK\nVerified peername: mail.example.org\nDANE TLSA 3 0 2 "
         "...a2bb34d67fbbf1778581a389 matched EE certificate at depth 0",
         "dane.matched", NULL},
        {"Verification error: No matching DANE TLSA records", "dane.mismatch", "dane.matched"},
        /* the DNSSEC-tools survey's notice: "dnssec" in its address names
         * no failure; near miss a validator's verdict */
        {"The TLSA RRsets of some of your email servers do not match their actual certificate "
         "chains.\n    https://stats.dnssec-tools.org/explore/?example.org",
         "dane.mismatch", "dns.dnssec-bogus"},
        {"$ dig +dnssec mx example.org\n;; connection timed out; no servers could be reached",
         NULL, "dns.dnssec-bogus"},
        {"DNSSEC signed: yes (see https://stats.dnssec-tools.org/explore/?example.org)\n"
         "connect to mx.example.org[192.0.2.1]:25: Connection refused",
         "net.refused", "dns.dnssec-bogus"},
        {"validation failure <example.org. A IN>: signature expired from 192.0.2.53 for key "
         "example.org. while building chain of trust",
         "dns.dnssec-bogus", NULL},
        /* Postfix without a TLS setup of its own; near miss a server that
         * offered no STARTTLS */
        {"postfix/smtp[8416]: cannot load Certificate Authority data\npostfix/smtp[8416]: "
         "5AB7D8E2B0: TLS is required, but our TLS engine is unavailable",
         "sender.no-ca-store", NULL},
        {"postfix/smtp[8416]: 5AB7D8E2B0: to=<user@example.org>, relay=mx.example.org"
         "[192.0.2.1]:25, status=deferred (TLS is required, but our TLS engine is unavailable)",
         "sender.tls-config", NULL},
        {"postfix/smtp[1]: 5AB7: TLS is required, but was not offered by host mx.example.org"
         "[192.0.2.1]",
         "smtp.starttls-missing", NULL},
        /* Exchange Online's tenant that requires TLS of a plain-text
         * sender; near miss a server that cannot start TLS */
        {"status=deferred (host example.mail.protection.outlook.com[52.101.68.0] said: 454 "
         "4.7.0 Connection is not TLS encrypted. Recipient organization requires TLS.",
         "sender.tls-config", "smtp.starttls-refused"},
        {"status=deferred (host mx.example.org[192.0.2.1] said: 454 4.7.0 TLS not available due "
         "to local problem)",
         "smtp.starttls-refused", "sender.tls-config"},
        /* Outlook.com's block list */
        {"550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your "
         "Internet service provider since part of their network is on our block list (S3140).",
         "smtp.rate-limited", NULL},
        /* certificate names in Outlook's dialog and OkHttp's exception;
         * near misses the untrusted dialog and an unauthenticated peer */
        {"The server you are connected to is using a security certificate that does not\n  "
         "match its Internet address, do you want to continue using this server?",
         "cert.name-mismatch", NULL},
        {"The server you are connected to is using a security certificate that could not be "
         "verified.",
         NULL, "cert.name-mismatch"},
        {"javax.net.ssl.SSLPeerUnverifiedException: Hostname autoconfig.example.de not "
         "verified:\n    DN: CN=*.strato.de",
         "cert.name-mismatch", NULL},
        {"javax.net.ssl.SSLPeerUnverifiedException: peer not authenticated", NULL,
         "cert.name-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    mxtls_explanation *e = explain(
        "Unspecified Error (SENT_EHLO): Smtp server does not advertise AUTH capability, code: 0");
    ck_assert_uint_eq(e->n_findings, 0);
    mxtls_explanation_free(e);
    static const struct side_case sides[] = {
        {"fetchmail: Server certificate verification error: unable to get local issuer "
         "certificate",
         MXTLS_SIDE_CLIENT},
        /* without its name, a verify error reads as a test tool's */
        {"Server certificate verification error: unable to get local issuer certificate",
         MXTLS_SIDE_TOOL},
        /* LibreSSL's state names: the server reading the client's hello,
         * and the client reading the server's */
        {"SSL: error:1402710B:SSL routines:ACCEPT_SR_CLNT_HELLO_C:wrong version number",
         MXTLS_SIDE_RECEIVER},
        {"error:14004410:SSL routines:CONNECT_CR_SRVR_HELLO:sslv3 alert handshake failure",
         MXTLS_SIDE_CLIENT},
        /* Cyrus imapd's own TLS start */
        {"cyrus/imaps[8988]: Fatal error: tls_start_servertls() failed", MXTLS_SIDE_RECEIVER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

START_TEST(round_twelve_wordings_and_their_near_misses)
{
    static const struct first_cause cases[] = {
        {"validation failure <_25._tcp.mx.example.org. TLSA IN>: signature crypto failed "
         "from 192.0.2.1 for <example.org. SOA IN>",
         "dane.bogus", NULL},
        {"validation failure <example.org. MX IN>: signature crypto failed from 192.0.2.1 "
         "for <example.org. SOA IN>",
         "dns.dnssec-bogus", "dane.bogus"},
        {"hsh: smtp_lookup_rcpt: Connection is now using TLSv1.3 with cipher "
         "TLS_AES_256_GCM_SHA384 (256 bits) (DANE)",
         "dane.matched", NULL},
        {"hsh: smtp_lookup_rcpt: Connecting to [192.0.2.7]:25 (DANE)", NULL, "dane.matched"},
        {"verify=CAFail", "cert.chain-incomplete", NULL},
        {"verify=NONE", NULL, "cert.chain-incomplete"},
        {"postfix/smtpd[571]: warning: error loading chain from SNI data for mail.example.org: "
         "key not first\npostfix/smtpd[571]: warning: aborting TLS handshake",
         "tls.sni-rejected", NULL},
        {"pktmon capture file not found after stop: no SNI data for this run", NULL,
         "tls.sni-rejected"},
        {"This certificate could not be verified because certificate issuer is unknown.",
         "cert.untrusted", NULL},
        {"Could not verify this certificate because the issuer is known to be revoked.", NULL,
         "cert.untrusted"},
        {"upstream (mx.example.org.) error: failed to initalize: Failed to connect to upstream "
         "using TLS: failed to establishing a TLS connection",
         "tls.handshake-failed", NULL},
        {"upstream (mx.example.org.) error: established a TLS connection", NULL,
         "tls.handshake-failed"},
        {"Connecting to SMTP server \"smtp.example.org\" port 465...\nS 220 ready\nC EHLO "
         "client\nS 250 STARTTLS\nC STARTTLS\nS 220 Go ahead",
         "client.starttls-mismatch", NULL},
        {"Connecting to SMTP server \"smtp.example.org\" port 587...\nS 220 ready\nC EHLO "
         "client\nS 250 STARTTLS\nC STARTTLS\nS 220 Go ahead",
         NULL, "client.starttls-mismatch"},
        {"El servidor no admite el tipo de cifrado de conexión (Error 0x800CCC1A)",
         "sender.tls-config", NULL},
        {"(Error 0x800CCC1B)", NULL, "sender.tls-config"},
        {"Server: 'smtp.example.org', Protocol: SMTP, Port: 25, Secure(SSL): No, Socket Error: "
         "10051, Error Number: 0x800CCC0E",
         "net.unreachable", NULL},
        {"10051 messages queued", NULL, "net.unreachable"},
        {"Certificate 1 of 1 in chain: Cert VALIDATION ERROR(S): self signed certificate\n"
         "Cert Hostname DOES NOT VERIFY (mail.example.org != 2d5296e1d9a6 | DNS:2d5296e1d9a6)",
         "cert.self-signed", NULL},
        {"Cert Hostname DOES NOT VERIFY (mail.example.org != mx.example.net | DNS:mx.example.net)",
         "cert.name-mismatch", "cert.self-signed"},
        {"the CRL could not be retrieved", "cert.not-checked", NULL},
        {"<< 535 5.7.8 Error: authentication failed: (reason unavailable)<CRLF>", NULL,
         "cert.not-checked"},
        /* round thirteen */
        {"Could not connect to SMTP host: smtp.example.com, port: 25", "net.egress-blocked",
         NULL},
        {"Could not connect to SMTP host: smtp.example.com, port: 587", NULL,
         "net.egress-blocked"},
        {"421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to "
         "support TLS 1.2.",
         "sender.tls-config", NULL},
        {"TLS 1.0 and 1.1 are supported", NULL, "sender.tls-config"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* A program's bare "certificate verify failed" lists its own CA store
 * beside the server's chain, never first; the same words in a server's
 * log, or another failure in a program's, do not. */
START_TEST(a_programs_own_ca_store_is_listed_not_first)
{
    static const struct listed_cause listed[] = {
        {"SSL_connect returned=1 errno=0 state=error: certificate verify failed",
         "sender.no-ca-store"},
        {"Warning: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL "
         "Error messages: error:1416F086:SSL routines:tls_process_server_certificate:"
         "certificate verify failed",
         "sender.no-ca-store"},
        {"ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
         "failed (_ssl.c:1129)",
         "sender.no-ca-store"},
    };
    check_listed_causes(listed, sizeof listed / sizeof listed[0]);
    static const char *const not_listed[] = {
        /* a receiving server's log: the client's certificate, not a CA store */
        ("postfix/smtpd[4242]: warning: TLS library problem: error:0A000086:SSL routines::"
         "certificate verify failed:ssl/statem/statem_srvr.c:3511:"),
        /* a program's other failure */
        "SSL_connect returned=1 errno=0 state=error: wrong version number",
        "SSL_connect returned=1 errno=0 state=error: certificate verification skipped",
    };
    for (size_t i = 0; i < sizeof not_listed / sizeof not_listed[0]; i++) {
        mxtls_explanation *e = explain(not_listed[i]);
        ck_assert_msg(!has_cause(e, "sender.no-ca-store"), "%zu: listed", i);
        mxtls_explanation_free(e);
    }
}
END_TEST

/* Windows', .NET's and Thunderbird's messages in other languages
 * (explain_vocabulary_l10n.c): each as its source wrote it, and the cause
 * the English text gives; near misses one word off, negated, or another
 * message of the same language. */
START_TEST(localised_messages_and_near_misses)
{
    static const struct first_cause cases[] = {
        /* capitals outside ASCII are lowered too: a dialog in capitals */
        {"LE CERTIFICAT REÇU A EXPIRÉ.", "cert.expired", NULL},
        {"LE CERTIFICAT REÇU A EXPIRE BIENTÔT.", NULL, "cert.expired"},
        /* Outlook's 0x800CCC1A without its number (ja, es); the near miss
         * says the server does support it */
        {"このサーバーは、指定した種類の接続暗号化をサポートしていません。",
         "sender.tls-config", NULL},
        {"El servidor no admite el tipo de cifrado de conexión que ha especificado.",
         "sender.tls-config", NULL},
        {"El servidor admite el tipo de cifrado de conexión que ha especificado.", NULL,
         "sender.tls-config"},
        /* round 18: Windows on Chinese, Outlook on Japanese, Polish, Greek
         * and Bulgarian (capitals fold); near misses */
        {"The server certificate has the following errors: 根据当前系统时钟或签名文件中的时间戳"
         "验证时要求的证书不在有效期内", "cert.expired", NULL},
        {"根据当前系统时钟验证时证书在有效期内", NULL, "cert.expired"},
        {"[WinError 10060] 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。",
         "net.timeout", NULL},
        {"証明書チェーンは処理されましたが、信頼プロバイダが信頼していないルート証明書で "
         "強制終了しました。", "cert.untrusted", NULL},
        {"セキュリティ証明書は、信頼された証明機関からのものです。", NULL, "cert.untrusted"},
        {"Nazwa certyfikatu zabezpieczeń jest nieprawidłowa lub niezgodna z nazwą witryny.",
         "cert.name-mismatch", NULL},
        {"Το όνομα του πιστοποιητικού ασφαλείας δεν είναι έγκυρο ή δεν συμφωνεί με το όνομα "
         "της τοποθεσίας.", "cert.name-mismatch", NULL},
        {"Името на сертификата за защитата е невалиден или не отговаря на името на сайта.",
         "cert.name-mismatch", NULL},
        {"Името на сертификата за защитата е валиден.", NULL, "cert.name-mismatch"},
        /* round 32: WSAECONNREFUSED on Chinese Windows, Outlook's name
         * alert in Japanese; near misses another Winsock text and a name
         * that is valid */
        {"ConnectionRefusedError: [WinError 10061] 由于目标计算机积极拒绝，无法连接。",
         "net.refused", NULL},
        {"由于目标计算机已关闭，无法连接。", NULL, "net.refused"},
        {"プロキシ サーバーのセキュリティ証明書 mail.example.org に問題があります。 セキュリティ"
         "証明書の名前が無効であるか、サイトの名前と一致しません。",
         "cert.name-mismatch", NULL},
        {"セキュリティ証明書の名前は有効で、サイトの名前と一致します。", NULL,
         "cert.name-mismatch"},
        {"ŁAŃCUCH CERTYFIKATÓW ZOSTAŁ WYSTAWIONY PRZEZ URZĄD, KTÓRY NIE JEST ZAUFANY.",
         "cert.untrusted", NULL},
        /* SEC_E_WRONG_PRINCIPAL: Outlook's alert (de), Microsoft Learn */
        {"Internetsicherheitswarnung: Von dem Server, mit dem Sie verbunden sind, wird ein "
         "Sicherheitszertifikat verwendet, das nicht überprüft werden kann. Der "
         "Zielprinzipalname ist falsch. Möchten Sie diesen Server weiterhin verwenden?",
         "cert.name-mismatch", NULL},
        {"Der Zielprinzipalname ist richtig.", NULL, "cert.name-mismatch"},
        {"Le nom du principal cible est incorrect.", "cert.name-mismatch", NULL},
        {"El nombre principal de destino es incorrecto.", "cert.name-mismatch", NULL},
        {"El nombre principal de destino es correcto.", NULL, "cert.name-mismatch"},
        /* SEC_E_UNTRUSTED_ROOT */
        {"Die Zertifikatkette wurde von einer nicht vertrauenswürdigen Zertifizierungsstelle "
         "ausgestellt. (os error -2146762487)",
         "cert.untrusted", NULL},
        {"Die Zertifikatkette wurde von einer vertrauenswürdigen Zertifizierungsstelle "
         "ausgestellt.",
         NULL, "cert.untrusted"},
        {"curl: (60) schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - La chaîne de certificats a "
         "été fournie par une autorité qui n'est pas approuvée.",
         "cert.untrusted", NULL},
        {"La chaîne de certificats a été fournie par une autorité approuvée.", NULL,
         "cert.untrusted"},
        {"A connection was successfully established with the server, but then an error "
         "occurred during the login process. (provider: SSL Provider, error: 0 - La cadena de "
         "certificación fue emitida por una entidad en la que no se confía.)",
         "cert.untrusted", NULL},
        /* the accents are the words: without them it is not the message */
        {"La cadena de certificacion fue emitida por una entidad en la que no se confia.", NULL,
         "cert.untrusted"},
        {"Sqlcmd: Error: Microsoft ODBC Driver 17 for SQL Server : SSL Provider: A cadeia de "
         "certificação foi emitida por uma autoridade que não é de confiança.",
         "cert.untrusted", NULL},
        {"(provider: SSL Provider, error: 0 - Łańcuch certyfikatów został wystawiony przez "
         "urząd, którego nie jest zaufany.)",
         "cert.untrusted", NULL},
        /* SEC_E_CERT_EXPIRED */
        {"Das empfangene Zertifikat ist abgelaufen. (os error -2146762495)", "cert.expired",
         NULL},
        {"Das empfangene Zertifikat ist gültig.", NULL, "cert.expired"},
        {"Le certificat reçu a expiré.", "cert.expired", NULL},
        /* SEC_E_ALGORITHM_MISMATCH: as the English text, from a client */
        {"System.ComponentModel.Win32Exception: Client und Server können nicht kommunizieren, "
         "da sie keinen gemeinsamen Algorithmus besitzen.",
         "sender.tls-config", NULL},
        {"Client und Server können kommunizieren.", NULL, "sender.tls-config"},
        /* .NET's "invalid according to the validation procedure" */
        {"System.Security.Authentication.AuthenticationException: Das Remotezertifikat ist "
         "laut Validierungsverfahren ungültig.",
         "cert.name-mismatch", NULL},
        {"System.Security.Authentication.AuthenticationException: Das Remotezertifikat ist "
         "laut Validierungsverfahren gültig.",
         NULL, "cert.name-mismatch"},
        {"System.Security.Authentication.AuthenticationException: Le certificat distant n’est "
         "pas valide selon la procédure de validation.",
         "cert.name-mismatch", NULL},
        {"System.Security.Authentication.AuthenticationException: El certificado remoto no es "
         "válido según el procedimiento de validación.",
         "cert.name-mismatch", NULL},
        {"System.Security.Authentication.AuthenticationException: O certificado remoto é "
         "inválido de acordo com o procedimento de validação.",
         "cert.name-mismatch", NULL},
        {"Detalhes: 'O certificado remoto é inválido, de acordo com o procedimento de "
         "validação.'",
         "cert.name-mismatch", NULL},
        {"System.Security.Authentication.AuthenticationException: Il certificato remoto non è "
         "valido in base alla procedura di convalida.",
         "cert.name-mismatch", NULL},
        {"Het externe certificaat is ongeldig volgens de validatieprocedure",
         "cert.name-mismatch", NULL},
        {"System.Security.Authentication.AuthenticationException: Certyfikat zdalny jest "
         "nieprawidłowy zgodnie z procedurą sprawdzania poprawności.",
         "cert.name-mismatch", NULL},
        /* Winsock 10060; its near miss the same language's 10061 */
        {"TimeoutError: [WinError 10060] Ein Verbindungsversuch ist fehlgeschlagen, da die "
         "Gegenstelle nach einer bestimmten Zeitspanne nicht richtig reagiert hat, oder die "
         "hergestellte Verbindung war fehlerhaft, da der verbundene Host nicht reagiert hat",
         "net.timeout", "net.refused"},
        {"System.Net.Sockets.SocketException : Une tentative de connexion a échoué car la "
         "partie connectée n'a pas répondu convenablement au-delà d'une certaine durée ou une "
         "connexion établie a échoué car l'hôte de connexion n'a pas répondu.",
         "net.timeout", NULL},
        {"TimeoutError: [WinError 10060] Se produjo un error durante el intento de conexión ya "
         "que la parte conectada no respondió adecuadamente tras un periodo de tiempo, o bien "
         "se produjo un error en la conexión establecida ya que el host conectado no ha podido "
         "responder",
         "net.timeout", NULL},
        {"System.Net.Sockets.SocketException: Uma tentativa de conexão falhou porque a parte "
         "conectada não respondeu corretamente após um período de tempo, ou conexão "
         "estabelecida falhou porque o host conectado não respondeu.",
         "net.timeout", NULL},
        {"[WinError 10060] Impossibile stabilire la connessione. Risposta non corretta della "
         "parte connessa dopo l'intervallo di tempo oppure mancata risposta dall'host "
         "collegato",
         "net.timeout", "net.refused"},
        {"Een verbindingspoging is mislukt omdat de verbonden partij niet correct heeft "
         "gereageerd na een bepaalde periode, of omdat de tot stand gebrachte verbinding is "
         "mislukt omdat de verbonden host niet heeft gereageerd. (api.bimsync.com:443)",
         "net.timeout", NULL},
        {"TCP Provider: Próba połączenia nie powiodła się, ponieważ połączona strona nie "
         "odpowiedziała poprawnie po ustalonym okresie czasu lub utworzone połączenie nie "
         "powiodło się, ponieważ połączony host nie odpowiedział. (10060)",
         "net.timeout", NULL},
        /* Winsock 10061; its near miss the same language's 10060 */
        {"Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung "
         "verweigerte. (os error 10061)",
         "net.refused", "net.timeout"},
        {"Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung "
         "annahm.",
         NULL, "net.refused"},
        {"[WinError 10061] Aucune connexion n'a pu être établie car l'ordinateur cible l'a "
         "expressément refusée",
         "net.refused", NULL},
        {"[WinError 10061] No se puede establecer una conexión ya que el equipo de destino "
         "denegó expresamente dicha conexión",
         "net.refused", NULL},
        {"ConnectionRefusedError: [WinError 10061] Nenhuma conexão pôde ser feita porque a "
         "máquina de destino as recusou ativamente",
         "net.refused", NULL},
        {"[WinError 10061] Impossibile stabilire la connessione. Rifiuto persistente del "
         "computer di destinazione",
         "net.refused", "net.timeout"},
        {"[WinError 10061] Kan geen verbinding maken omdat de doelcomputer de verbinding actief "
         "heeft geweigerd",
         "net.refused", NULL},
        {"[WinError 10061] Nie można nawiązać połączenia, ponieważ komputer docelowy aktywnie "
         "go odmawia",
         "net.refused", NULL},
        /* .NET SmtpClient: "requires a secure connection" */
        {"System.Net.Mail.SmtpException: Der SMTP-Server erfordert eine sichere Verbindung oder "
         "der Client wurde nicht authentifiziert.",
         "client.starttls-mismatch", NULL},
        {"Der SMTP-Server erfordert keine sichere Verbindung.", NULL, "client.starttls-mismatch"},
        {"System.Net.Mail.SmtpException: Le serveur SMTP requiert une connexion sécurisée ou le "
         "client n'était pas authentifié. La réponse du serveur était : 5.7.0 Must issue a "
         "STARTTLS command first",
         "client.starttls-mismatch", NULL},
        {"El servidor SMTP requiere una conexión segura o el cliente no se autenticó.",
         "client.starttls-mismatch", NULL},
        {"System.Net.Mail.SmtpException: O servidor SMTP requer uma conexão segura ou o "
         "cliente não foi autenticado.",
         "client.starttls-mismatch", NULL},
        /* the server's reply about the login alone: a refused login */
        {"El servidor SMTP requiere una conexión segura o el cliente no se autenticó. La "
         "respuesta del servidor fue: 5.7.0 Authentication Required.",
         NULL, "client.starttls-mismatch"},
        {"System.Net.Mail.SmtpException: O servidor SMTP requer uma conexão segura ou o "
         "cliente não foi autenticado. A resposta do servidor foi: 5.5.1 Authentication "
         "Required.",
         NULL, "client.starttls-mismatch"},
        {"Il server SMTP richiede una connessione protetta oppure il client non è stato "
         "autenticato.",
         "client.starttls-mismatch", NULL},
        {"serwer SMTP wymaga bezpiecznego połączenia lub klient nie został uwierzytelniony",
         "client.starttls-mismatch", NULL},
        /* .NET's "unable to read data", only with SslStream in the stack */
        {"System.IO.IOException: Von der Übertragungsverbindung können keine Daten gelesen "
         "werden: Eine vorhandene Verbindung wurde vom Remotehost geschlossen. bei "
         "System.Net.Security._SslStream.StartReadFrame",
         "client.starttls-mismatch", NULL},
        {"System.IO.IOException: Von der Übertragungsverbindung können keine Daten gelesen "
         "werden: Eine vorhandene Verbindung wurde vom Remotehost geschlossen.",
         NULL, "client.starttls-mismatch"},
        /* NSS's texts as Thunderbird prints them */
        {"Das Zertifikat der Gegenstelle ist abgelaufen.", "cert.expired", NULL},
        {"Der Zertifikat-Aussteller der Gegenstelle wurde nicht erkannt.", "cert.untrusted",
         NULL},
        {"Sichere Kommunikation mit der Gegenstelle ist nicht möglich: Angeforderter "
         "Domainname stimmt nicht mit dem Zertifikat des Servers überein.",
         "cert.name-mismatch", NULL},
        {"Sichere Kommunikation mit der Gegenstelle ist nicht möglich: Keine gemeinsamen "
         "Verschlüsselungsalgorithmen.",
         "tls.no-shared-cipher", NULL},
        /* SSL_ERROR_BAD_CERTIFICATE, the same words around another reason */
        {"Sichere Kommunikation mit der Gegenstelle ist nicht möglich: Das Zertifikat der "
         "Gegenstelle wurde abgelehnt.",
         NULL, "cert.name-mismatch"},
        {"Le certificat du pair a expiré.", "cert.expired", NULL},
        {"Le certificat du pair est valide.", NULL, "cert.expired"},
        {"L'autorité de délivrance du certificat du pair n'est pas reconnue.",
         "cert.untrusted", NULL},
        {"Impossible de communiquer en mode sécurisé avec le pair : le nom de domaine demandé "
         "ne correspond pas au certificat du serveur.",
         "cert.name-mismatch", NULL},
        {"Impossible de communiquer en mode sécurisé avec le pair : aucun algorithme de "
         "chiffrement en commun.",
         "tls.no-shared-cipher", NULL},
        {"El certificado de la otra parte ha caducado.", "cert.expired", NULL},
        {"El emisor del certificado de la otra parte no se reconoce.", "cert.untrusted", NULL},
        {"No es posible comunicar de forma segura con el otro extremo de la conexión porque el "
         "nombre de dominio solicitado no coincide con el certificado del servidor.",
         "cert.name-mismatch", NULL},
        {"No se puede comunicar de forma segura con la otra parte: no hay algoritmos de cifrado "
         "comunes.",
         "tls.no-shared-cipher", NULL},
        {"Il certificato del peer è scaduto.", "cert.expired", NULL},
        {"L'autorità emittente del certificato del peer non è stata riconosciuta.",
         "cert.untrusted", NULL},
        {"Impossibile stabilire una connessione sicura con il peer: il nome di dominio "
         "richiesto non corrisponde al certificato del server.",
         "cert.name-mismatch", NULL},
        {"Impossibile stabilire una connessione sicura con il peer: non esistono algoritmi di "
         "cifratura in comune.",
         "tls.no-shared-cipher", NULL},
        {"Certificaat van peer is verlopen.", "cert.expired", NULL},
        {"Uitgever van certificaat van peer wordt niet herkend.", "cert.untrusted", NULL},
        {"Uitgever van certificaat van peer wordt herkend.", NULL, "cert.untrusted"},
        {"Beveiligde communicatie met peer niet mogelijk: opgevraagde domeinnaam komt niet "
         "overeen met het certificaat van de server.",
         "cert.name-mismatch", NULL},
        {"Kan niet beveiligd communiceren met peer: geen algeme(e)n(e) "
         "versleutelingsalgoritme(n).",
         "tls.no-shared-cipher", NULL},
        {"O certificado do sistema remoto está com a validade vencida.", "cert.expired", NULL},
        {"O expedidor do certificado do sistema remoto não é reconhecido.", "cert.untrusted",
         NULL},
        {"Não é possível comunicar-se de forma segura com o sistema remoto: o nome de domínio "
         "solicitado não corresponde ao certificado do servidor.",
         "cert.name-mismatch", NULL},
        {"Não foi possível comunicar-se de forma segura com o sistema remoto: não há "
         "algoritmos de criptografia em comum.",
         "tls.no-shared-cipher", NULL},
        /* Windows and .NET in Japanese, Chinese, Korean, Russian, Turkish,
         * Czech and Swedish; each near miss one word off or another message
         * of the same language. SEC_E_WRONG_PRINCIPAL: */
        {"接続しているサーバーはチェックできないセキュリティ証明書を使用しています。"
         "対象のプリンシパル名が間違っています。",
         "cert.name-mismatch", NULL},
        {"プリンシパル名が見つかりません", NULL, "cert.name-mismatch"},
        {"SQL Server 连接错误：目标主体名称不正确。", "cert.name-mismatch", NULL},
        {"目标主体名称正确。", NULL, "cert.name-mismatch"},
        {"目標主體名稱不正確。", "cert.name-mismatch", NULL},
        {"目標主體名稱正確。", NULL, "cert.name-mismatch"},
        {"대상 보안 주체 이름이 잘못되었습니다.", "cert.name-mismatch", NULL},
        {"대상 보안 주체 이름이 확인되었습니다.", NULL, "cert.name-mismatch"},
        /* Cyrillic capitals are lowered: the phrase is "главное ..." */
        {"Главное конечное имя неверно.", "cert.name-mismatch", NULL},
        {"ГЛАВНОЕ КОНЕЧНОЕ ИМЯ НЕВЕРНО.", "cert.name-mismatch", NULL},
        {"Главное конечное имя верно.", NULL, "cert.name-mismatch"},
        /* SEC_E_UNTRUSTED_ROOT */
        {"System.ComponentModel.Win32Exception (0x80004005): 証明書チェーンは、信頼されていない"
         "機関によって発行されました",
         "cert.untrusted", NULL},
        {"証明書チェーンは、信頼されている機関によって発行されました", NULL, "cert.untrusted"},
        {"A connection was successfully established with the server, but then an error "
         "occurred during the login process. (provider: SSL Provider, error: 0 - "
         "证书链是由不受信任的颁发机构颁发的。)",
         "cert.untrusted", NULL},
        {"证书链是由受信任的颁发机构颁发的。", NULL, "cert.untrusted"},
        {"(provider: SSL Provider, error: 0 - 此憑證鏈結是由不受信任的授權單位發出的。)",
         "cert.untrusted", NULL},
        {"인증서 체인이 신뢰할 수 없는 인증 기관으로부터 발급되었습니다.", "cert.untrusted", NULL},
        {"Цепочка сертификатов выпущена центром сертификации, не имеющим доверия.",
         "cert.untrusted", NULL},
        {"Цепочка сертификатов выпущена центром сертификации, имеющим доверие.", NULL,
         "cert.untrusted"},
        {"(provider: SSL Provider, error: 0 - Sertifika zinciri güvenilmeyen bir yetkili "
         "tarafından verildi.)",
         "cert.untrusted", NULL},
        {"Sertifika zinciri güvenilen bir yetkili tarafından verildi.", NULL, "cert.untrusted"},
        {"(poskytovatel: poskytovatel SSL, chyba: 0 – řetěz certifikátů byl vydán "
         "nedůvěryhodnou autoritou.)",
         "cert.untrusted", NULL},
        {"Řetěz certifikátů byl vydán autoritou, která není důvěryhodná.", "cert.untrusted",
         NULL},
        {"Řetěz certifikátů byl odvolán.", NULL, "cert.untrusted"},
        {"(provider: SSL Provider, error: 0 - Certifikatkedjan utfärdades av en icke betrodd "
         "certifikatutfärdare.)",
         "cert.untrusted", NULL},
        {"Certifikatkedjan utfärdades av en betrodd certifikatutfärdare.", NULL,
         "cert.untrusted"},
        /* SEC_E_CERT_EXPIRED */
        {"Получен сертификат с истекшим сроком действия.", "cert.expired", NULL},
        {"Получен сертификат с длительным сроком действия.", NULL, "cert.expired"},
        {"受信した証明書の有効期限が切れています。", "cert.expired", NULL},
        {"受信した証明書の有効期限が近づいています。", NULL, "cert.expired"},
        {"收到的证书已过期。", "cert.expired", NULL},
        {"收到的证书已吊销。", NULL, "cert.expired"},
        {"收到的憑證已過期。", "cert.expired", NULL},
        {"받은 인증서가 만료되었습니다.", "cert.expired", NULL},
        /* SEC_E_ALGORITHM_MISMATCH, from a client as the English text */
        {"System.ComponentModel.Win32Exception: クライアントとサーバーは共通のアルゴリズムを"
         "保持していないため通信できません。",
         "sender.tls-config", NULL},
        {"クライアントとサーバーは通信できます。", NULL, "sender.tls-config"},
        {"System.ComponentModel.Win32Exception: 客户端和服务器无法通信，因为它们不具有通用"
         "算法。",
         "sender.tls-config", NULL},
        {"客户端和服务器可以通信。", NULL, "sender.tls-config"},
        {"System.ComponentModel.Win32Exception: 用戶端和伺服器無法通訊,因為它們沒有通用演算法。",
         "sender.tls-config", NULL},
        {"System.ComponentModel.Win32Exception: 클라이언트와 서버는 공통 알고리즘을 가지고 있지 "
         "않으므로 통신할 수 없습니다.",
         "sender.tls-config", NULL},
        /* .NET's "invalid according to the validation procedure" */
        {"System.Security.Authentication.AuthenticationException: 検証プロシージャによると、"
         "リモート証明書は無効です。",
         "cert.name-mismatch", NULL},
        {"検証プロシージャによると、リモート証明書は有効です。", NULL, "cert.name-mismatch"},
        {"System.Security.Authentication.AuthenticationException: 根据验证过程，远程证书无效。",
         "cert.name-mismatch", NULL},
        {"根据验证过程，远程证书有效。", NULL, "cert.name-mismatch"},
        {"System.Security.Authentication.AuthenticationException: 根據驗證程序，遠端憑證是無效"
         "的。",
         "cert.name-mismatch", NULL},
        {"System.Security.Authentication.AuthenticationException: 유효성 검사 절차에 따르면 "
         "원격 인증서가 잘못되었습니다.",
         "cert.name-mismatch", NULL},
        {"System.Security.Authentication.AuthenticationException: Удаленный сертификат "
         "недействителен согласно результатам проверки подлинности.",
         "cert.name-mismatch", NULL},
        {"Удаленный сертификат действителен согласно результатам проверки подлинности.", NULL,
         "cert.name-mismatch"},
        /* .NET SmtpClient: "requires a secure connection" */
        {"SMTP サーバーにセキュリティで保護された接続が必要であるか、またはクライアントが認証"
         "されていません。 サーバーの応答:5.7.0 Authentication Required.",
         "client.starttls-mismatch", NULL},
        {"SMTP サーバーにセキュリティで保護された接続は不要です。", NULL,
         "client.starttls-mismatch"},
        {"System.Net.Mail.SmtpException: SMTP 服务器要求安全连接或客户端未通过身份验证。",
         "client.starttls-mismatch", NULL},
        {"Сбой при отправке электронной почты: SMTP-серверу требуется безопасное соединение "
         "или клиент не прошел проверку подлинности.",
         "client.starttls-mismatch", NULL},
        {"SMTP-серверу не требуется безопасное соединение.", NULL, "client.starttls-mismatch"},
        /* .NET's "unable to read data", only with SslStream in the stack */
        {"System.IO.IOException: 転送接続からデータを読み取れません: 既存の接続はリモート "
         "ホストに強制的に切断されました。 場所 System.Net.Security._SslStream.StartReadFrame",
         "client.starttls-mismatch", NULL},
        {"System.IO.IOException: 転送接続からデータを読み取れません: 既存の接続はリモート "
         "ホストに強制的に切断されました。",
         NULL, "client.starttls-mismatch"},
        {"System.IO.IOException: 无法从传输连接中读取数据: 远程主机强迫关闭了一个现有的连接。 "
         "在 System.Net.Security.SslStream.StartReadFrame",
         "client.starttls-mismatch", NULL},
        {"System.IO.IOException: Не удается прочитать данные из транспортного соединения: "
         "Удаленный хост принудительно разорвал существующее подключение. в "
         "System.Net.Security.SslStreamInternal.StartReadFrame",
         "client.starttls-mismatch", NULL},
        {"System.IO.IOException: Не удается прочитать данные из транспортного соединения: "
         "Удаленный хост принудительно разорвал существующее подключение.",
         NULL, "client.starttls-mismatch"},
        /* NSS's texts in Thunderbird's other languages; near misses: the
         * same language's revoked certificate, and capitals lowered */
        /* ru */
        {"Сертификат узла истёк.", "cert.expired", NULL},
        {"Издатель сертификата узла не распознан.", "cert.untrusted", NULL},
        {"Не удалось установить защищённое соединение с этим узлом: запрошенное имя "
         "домена не соответствует указанному в сертификате сервера.",
         "cert.name-mismatch", NULL},
        {"Установка защищённого соединения с этим узлом не удалась: отсутствуют общие "
         "алгоритм(ы) шифрования.",
         "tls.no-shared-cipher", NULL},
        {"Сертификат узла был отозван.", NULL, "cert.expired"},
        /* uk */
        {"Сертифікат вузла протермінований.", "cert.expired", NULL},
        {"Нерозпізнаний видавець сертифіката вузла.", "cert.untrusted", NULL},
        {"Неможливо встановити безпечне з'єднання з вузлом: запитане доменне ім'я не "
         "відповідає сертифікату сервера.",
         "cert.name-mismatch", NULL},
        {"Не вдається встановити безпечне з'єднання з вузлом: відсутні загальні "
         "алгоритми шифрування.",
         "tls.no-shared-cipher", NULL},
        {"Сертифікат вузла був відкликаний.", NULL, "cert.expired"},
        /* pl */
        {"Certyfikat uczestnika komunikacji stracił ważność.", "cert.expired", NULL},
        {"Wystawca certyfikatu uczestnika komunikacji nie został rozpoznany.",
         "cert.untrusted", NULL},
        {"Nie można nawiązać bezpiecznego połączenia: żądana nazwa domeny nie pasuje do "
         "certyfikatu serwera.",
         "cert.name-mismatch", NULL},
        {"Nie można nawiązać bezpiecznego połączenia: brak wspólnych algorytmów "
         "szyfrowania.",
         "tls.no-shared-cipher", NULL},
        {"Certyfikat uczestnika komunikacji został odwołany.", NULL, "cert.expired"},
        /* cs */
        {"Platnost certifikátu partnera už vypršela.", "cert.expired", NULL},
        {"Vydavatel certifikátu partnera nebyl rozpoznán.", "cert.untrusted", NULL},
        {"Bezpečná komunikace s partnerem není možná: Požadované doménové jméno "
         "nesouhlasí s certifikátem serveru.",
         "cert.name-mismatch", NULL},
        {"Bezpečná komunikace s partnerem není možná: Nenalezen žádný společný šifrovací "
         "algoritmus.",
         "tls.no-shared-cipher", NULL},
        {"Certifikát partnera byl zneplatněný.", NULL, "cert.expired"},
        /* sv */
        {"Den andra partens certifikat har förfallit.", "cert.expired", NULL},
        {"Den andra partens certifikat är utfärdat av en okänd utfärdare.", "cert.untrusted", NULL},
        {"Kan inte kommunicera säkert med den andra parten: det efterfrågade domännamnet "
         "matchar inte serverns certifikat.",
         "cert.name-mismatch", NULL},
        {"Kan inte kommunicera säkert med den andra parten: ingen gemensam "
         "krypteringsalgoritm.",
         "tls.no-shared-cipher", NULL},
        {"Den andra partens certifikat har återkallats.", NULL, "cert.expired"},
        /* da */
        {"Modpartens certifikat er udløbet.", "cert.expired", NULL},
        {"Modpartens certifikatudsteder kendes ikke.", "cert.untrusted", NULL},
        {"Kunne ikke kommunikere sikkert med modparten: det forespurgte domænenavn "
         "matcher ikke serverens certifikat.",
         "cert.name-mismatch", NULL},
        {"Kunne ikke kommunikere sikkert med modparten: ingen fælles "
         "krypteringsalgoritmer.",
         "tls.no-shared-cipher", NULL},
        {"Modpartens certifikat er tilbagekaldt.", NULL, "cert.expired"},
        /* nn */
        {"Sertifikatet til motparten er gått ut på dato.", "cert.expired", NULL},
        {"Sertifikatutskrivaren til motparten vart ikkje gjenkjent.", "cert.untrusted", NULL},
        {"Klarte ikkje å kommunisere trygt med verten: Domenenamnet stemmer ikkje med "
         "sertifikatet åt tenaren.",
         "cert.name-mismatch", NULL},
        {"Kan ikkje kommunisere trygt med motparten: Har ingen felles "
         "krypteringsalgoritme.",
         "tls.no-shared-cipher", NULL},
        {"Sertifikatet til motparten er tilbakekalt.", NULL, "cert.expired"},
        /* hu */
        {"A partner tanúsítványa lejárt.", "cert.expired", NULL},
        {"A partner tanúsítványának kiadója nem elismert.", "cert.untrusted", NULL},
        {"Nem lehet biztonságosan kommunikálni a partnerrel: a kért tartománynév nem "
         "egyezik a kiszolgáló tanúsítványában levővel.",
         "cert.name-mismatch", NULL},
        {"Nem lehet biztonságosan kommunikálni a partnerrel: nincs közös titkosító "
         "algoritmus.",
         "tls.no-shared-cipher", NULL},
        {"A partner tanúsítványát visszavonták.", NULL, "cert.expired"},
        /* ko */
        {"피어의 인증서가 만료되었습니다.", "cert.expired", NULL},
        {"피어의 인증서 발급자가 인식되지 않습니다.", "cert.untrusted", NULL},
        {"피어와 안전하게 통신을 할 수 없음: 요청된 도메인 이름이 서버 인증서와 일치하지 않습니다.", "cert.name-mismatch", NULL},
        {"피어와 안전하게 통신을 할 수 없음: 일반 암호화 알고리즘이 없습니다.", "tls.no-shared-cipher", NULL},
        {"피어의 인증서가 폐기되었습니다.", NULL, "cert.expired"},
        /* zh-CN */
        {"对等端的证书已过期。", "cert.expired", NULL},
        {"对等端的证书颁发者不受认可。", "cert.untrusted", NULL},
        {"无法安全地与对等端通信：请求的域名与服务器的证书不匹配。", "cert.name-mismatch", NULL},
        {"无法安全地与对等端通信：没有双方共用的加密算法。", "tls.no-shared-cipher", NULL},
        {"对等端的证书已被吊销。", NULL, "cert.expired"},
        /* zh-TW */
        {"節點的憑證已過期。", "cert.expired", NULL},
        {"無法辨認節點的憑證簽發者。", "cert.untrusted", NULL},
        {"無法安全與節點通訊: 請求的網域名稱與伺服器的憑證不符。", "cert.name-mismatch", NULL},
        {"無法安全地與對方通訊: 無雙方接受的加密演算法。", "tls.no-shared-cipher", NULL},
        {"節點的憑證已廢止。", NULL, "cert.expired"},
        /* Cyrillic capitals: "Ё" and "І" are lowered; "е" is not "ё" */
        {"СЕРТИФИКАТ УЗЛА ИСТЁК.", "cert.expired", NULL},
        {"Сертификат узла истек.", NULL, "cert.expired"},
        {"СЕРТИФІКАТ ВУЗЛА ПРОТЕРМІНОВАНИЙ.", "cert.expired", NULL},
        {"Сертифікат вузла протермінованний.", NULL, "cert.expired"},
        /* SSL_ERROR_BAD_CERTIFICATE: the same prefix, another reason */
        {"Kan inte kommunicera säkert med den andra parten: partens certifikat förkastades.", NULL,
         "cert.name-mismatch"},
        {"无法安全地与对等端通信：对等端的证书已被拒绝。", NULL, "cert.name-mismatch"},
        {"Не удалось установить защищённое соединение с этим узлом: сертификат другой стороны "
         "был отклонён.",
         NULL, "cert.name-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* The command-line tools admins test with show by name or by their
 * output's form; a near miss of each, one word off, is a program's. */
START_TEST(command_line_tools_by_their_output)
{
    static const struct side_case cases[] = {
        {"Host _25._tcp.mx.example.org not found: 3(NXDOMAIN). (secure)", MXTLS_SIDE_TOOL},
        {"Host mx.example.org not found: 2(SERVFAIL).", MXTLS_SIDE_TOOL},
        {";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 4242", MXTLS_SIDE_TOOL},
        {"Trying 192.0.2.7...\nConnected to mx.example.org.\nEscape character is '^]'.\n"
         "220 mx.example.org ESMTP", MXTLS_SIDE_TOOL},
        {"posttls-finger: certificate verification failed for mx.example.org",
         MXTLS_SIDE_TOOL},
        /* near misses: no status in parentheses, a program's "not found" */
        {"Error: host not found: 3 (retrying)", MXTLS_SIDE_CLIENT},
        {"Error: connect: mx.example.org not found: Drilled", MXTLS_SIDE_CLIENT},
    };
    check_sides(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* The self-signed certificates that packages install are named by their
 * files or their issuer; the near misses name another file or company. */
START_TEST(packages_default_self_signed_certificates)
{
    static const struct first_cause cases[] = {
        {"smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem\n"
         "TLS Negotiation failed", "cert.self-signed", NULL},
        {"Issuer: C=CH, O=Parallels, OU=Parallels Panel, CN=Parallels Panel",
         "cert.self-signed", NULL},
        {"smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-mail.pem\nTLS Negotiation failed", NULL,
         "cert.self-signed"},
        {"Issuer: C=US, O=Let's Encrypt, CN=R11 (mail control panel)", NULL,
         "cert.self-signed"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* posttls-finger's list of the certificate's names against the host it
 * connected to, by the senders' wildcard rule; the near misses are one
 * label or one mark away: a name that matches, a wildcard over two
 * labels, its own "Matched", a host given as an address. */
START_TEST(certificate_names_listed_by_posttls_finger)
{
#define FINGER(host, name, more)                                                   \
    "posttls-finger: Connected to " host "[192.0.2.25]:25\n"                        \
    "posttls-finger: < 220 mx.example.net ESMTP\n"                                  \
    "posttls-finger: > STARTTLS\n"                                                  \
    "posttls-finger: < 220 2.0.0 Ready to start TLS\n"                               \
    "posttls-finger: " host "[192.0.2.25]:25: subjectAltName: mail.example.com\n"   \
    "posttls-finger: " host "[192.0.2.25]:25: subjectAltName: " name "\n" more
    static const struct first_cause cases[] = {
        {FINGER("mx.example.net", "*.example.org", ""), "cert.name-mismatch", NULL},
        {FINGER("mx.example.net", "*.xample.net", ""), "cert.name-mismatch", NULL},
        {FINGER("a.mx.example.net", "*.example.net", ""), "cert.name-mismatch", NULL},
        {FINGER("mx.example.net", "*.example.net", ""), NULL, "cert.name-mismatch"},
        {FINGER("mx.example.net", "MX.example.net", ""), NULL, "cert.name-mismatch"},
        {FINGER("mx.example.net", "*.example.org",
                "posttls-finger: mx.example.net[192.0.2.25]:25: Matched subjectAltName: "
                "*.example.org\n"),
         NULL, "cert.name-mismatch"},
        {FINGER("192.0.2.25", "*.example.org", ""), NULL, "cert.name-mismatch"},
        /* two hosts in one paste: whose names are listed is not known */
        {FINGER("mx.example.net", "*.example.org",
                "posttls-finger: Connected to mx2.example.org[192.0.2.26]:25\n"),
         NULL, "cert.name-mismatch"},
        {FINGER("mx.example.net", "*.example.org",
                "posttls-finger: Connected to mx.example.net[192.0.2.26]:25\n"),
         "cert.name-mismatch", NULL},
    };
#undef FINGER
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* What a program, a tool or Erlang's TLS says when a handshake fails for
 * a reason it does not name, with the context each rule needs; each near
 * miss lacks one part of it. */
START_TEST(handshakes_that_fail_where_a_reason_is_implied)
{
    static const struct first_cause cases[] = {
        /* a program that gives up after the server's 220 to STARTTLS */
        {"Recv: 250 STARTTLS\nSend: STARTTLS\nRecv: 220 2.0.0 Ready to start TLS\n"
         "SMTP Error: STARTTLS failed (Code: 220)", "cert.untrusted", NULL},
        {"Recv: 250 STARTTLS\nSend: STARTTLS\nRecv: 454 4.7.0 TLS not available\n"
         "SMTP Error: STARTTLS failed (Code: 454)", NULL, "cert.untrusted"},
        {"Send: STARTTLS\nRecv: 220 2.0.0 Ready to start TLS\nSend: QUIT\n"
         "Recv: 221 2.0.0 Bye", NULL, "cert.untrusted"},
        /* Exim's 220 is "TLS go ahead"; its 454 is a refusal */
        {"authentication failure [SMTP: STARTTLS failed (code: 220, response: TLS go ahead)]",
         "cert.untrusted", NULL},
        {"authentication failure [SMTP: STARTTLS failed (code: 454, response: TLS currently "
         "unavailable)]", "smtp.starttls-refused", "cert.untrusted"},
        /* no TLS with a provider every client reaches is the program's */
        {"(error \"Unable to negotiate a TLS connection with smtp.gmail.com/587\")",
         "sender.tls-config", NULL},
        {"(error \"Unable to negotiate a TLS connection with mail.example.org/587\")", NULL,
         "sender.tls-config"},
        /* openssl s_client: the server answered the hello with nothing */
        {"CONNECTED(00000003)\nno peer certificate available\n---\n"
         "SSL handshake has read 0 bytes and written 305 bytes\n"
         "New, (NONE), Cipher is (NONE)", "tls.handshake-failed", NULL},
        {"CONNECTED(00000003)\nno peer certificate available\n---\n"
         "SSL handshake has read 10 bytes and written 305 bytes\n"
         "New, (NONE), Cipher is (NONE)", NULL, "tls.handshake-failed"},
        /* ... or reset the connection while s_client wrote it (ECONNRESET);
         * near miss a write that timed out */
        {"CONNECTED(00000003)\nwrite:errno=104\n---\nno peer certificate available\n---\n"
         "SSL handshake has read 142 bytes and written 340 bytes\n"
         "New, (NONE), Cipher is (NONE)", "tls.handshake-failed", NULL},
        {"CONNECTED(00000003)\nwrite:errno=110\n---\nno peer certificate available\n---\n"
         "SSL handshake has read 142 bytes and written 340 bytes\n"
         "New, (NONE), Cipher is (NONE)", NULL, "tls.handshake-failed"},
        /* Java 8's word for a certificate outside its validity period;
         * near miss its failed signature */
        {"javax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: PKIX "
         "path validation failed: java.security.cert.CertPathValidatorException: timestamp "
         "check failed", "cert.expired", NULL},
        {"javax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: PKIX "
         "path validation failed: java.security.cert.CertPathValidatorException: signature "
         "check failed", NULL, "cert.expired"},
        /* Erlang/OTP's verify reasons, as Erlang and Elixir print them */
        {"{error,{tls_alert,{handshake_failure,\"TLS client: {bad_cert,hostname_check_failed}\"}}}",
         "cert.name-mismatch", NULL},
        {"{:error, {:bad_cert, :cert_expired}}", "cert.expired", NULL},
        {"{:error, {:bad_cert, :unknown_ca}}", NULL, "cert.expired"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* A resolver's SERVFAIL for a TLSA name is a lookup failure unless its
 * extended error (RFC 8914) names DNSSEC; near misses: another extended
 * error, a code of three digits, a DNSSEC code on another name. */
START_TEST(a_failed_tlsa_lookup_and_the_resolvers_extended_error)
{
#define DIG(ede)                                                                    \
    "; <<>> DiG 9.18.24 <<>> TLSA _25._tcp.mx.example.net\n"                         \
    ";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 4242\n" ede                \
    ";; QUESTION SECTION:\n;_25._tcp.mx.example.net. IN TLSA\n"
    static const struct first_cause cases[] = {
        {DIG(""), "dns.servfail", "dane.bogus"},
        {DIG("; EDE: 6 (DNSSEC Bogus)\n"), "dane.bogus", NULL},
        {DIG("; EDE: 7 (Signature Expired): (validation failure)\n"), "dane.bogus", NULL},
        {DIG("; EDE: 23 (Network Error): ([192.0.2.53] rcode=NOTIMP)\n"), "dns.servfail",
         NULL},
        {DIG("; EDE: 3 (Stale Answer)\n"), "dns.servfail", NULL},
        {DIG("; EDE: 106 (Private)\n"), "dns.servfail", NULL},
        {";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 4242\n"
         "; EDE: 6 (DNSSEC Bogus)\n;; QUESTION SECTION:\n;example.net. IN MX\n",
         "dns.dnssec-bogus", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* DNSSEC stays listed behind a bare SERVFAIL, and goes when the
     * resolver says the name servers did not answer */
    mxtls_explanation *e = explain(DIG(""));
    ck_assert(has_cause(e, "dane.bogus"));
    mxtls_explanation_free(e);
    e = explain(DIG("; EDE: 22 (No Reachable Authority): (at delegation example.net)\n"));
    ck_assert(!has_cause(e, "dane.bogus"));
    ck_assert_str_eq(cause_id(e, 0), "dns.servfail");
    mxtls_explanation_free(e);
#undef DIG
}
END_TEST

/* Round 15's lessons in general forms: a CA file OpenSSL cannot open, a
 * local program that drops after STARTTLS, Gmail's bounce for
 * connections that failed; each near miss lacks one part. */
START_TEST(missing_ca_files_local_clients_and_failed_connections)
{
    static const struct first_cause cases[] = {
        {"stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error "
         "messages: error:16000069:STORE routines::unregistered scheme "
         "error:0A000086:SSL routines::certificate verify failed",
         "sender.no-ca-store", NULL},
        {"error:16000069:STORE routines::unregistered scheme", NULL, "sender.no-ca-store"},
        {"stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error "
         "messages: error:0A000086:SSL routines::certificate verify failed",
         NULL, "sender.no-ca-store"},
        {"postfix/smtpd[4242]: connect from localhost[127.0.0.1]\n"
         "postfix/smtpd[4242]: lost connection after STARTTLS from localhost[127.0.0.1]",
         "cert.name-mismatch", NULL},
        {"postfix/smtpd[4242]: connect from mail.example.org[192.0.2.7]\n"
         "postfix/smtpd[4242]: lost connection after STARTTLS from mail.example.org[192.0.2.7]",
         NULL, "cert.name-mismatch"},
        {"postfix/smtpd[4242]: lost connection after CONNECT from localhost[127.0.0.1]", NULL,
         "cert.name-mismatch"},
        {"postfix/smtps/smtpd[4242]: SSL_accept error from localhost[127.0.0.1]: lost "
         "connection", NULL, "cert.name-mismatch"},
        {"The recipient server did not accept our requests to connect. Learn more at "
         "https://support.google.com/mail/answer/7720", "net.timeout", NULL},
        {"The recipient server did not accept our message. Learn more at "
         "https://support.google.com/mail/answer/7720", NULL, "net.timeout"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Round 16's lessons in general forms: a sender that looks the null MX
 * "." up as a host, a block for the sending address's reverse DNS or
 * reputation, a program set to implicit TLS and STARTTLS at once; each
 * near miss is one word off. */
START_TEST(null_mx_lookups_address_blocks_and_exclusive_tls_modes)
{
    static const struct first_cause cases[] = {
        {"stat=Deferred: Host unknown (Name server: .: host not found)", "dns.null-mx", NULL},
        {"stat=Deferred: Host unknown (Name server: mx.example.org: host not found)", NULL,
         "dns.null-mx"},
        {"host mx1.example.net[192.0.2.6] refused to talk to me: 421 Refused. Your reverse "
         "DNS entry does not resolve to an IP.", "smtp.rate-limited", NULL},
        {"host mx1.example.net[192.0.2.6] refused to talk to me: 554 Bad DNS PTR resource "
         "record.", "smtp.rate-limited", NULL},
        {"said: 550 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.6",
         "smtp.rate-limited", NULL},
        {"host mx1.example.net[192.0.2.6] refused to talk to me: 421 Refused. Your DNS entry "
         "does not resolve to an IP.", NULL, "smtp.rate-limited"},
        {"ArgumentError: :enable_starttls and :tls are mutually exclusive. Set :tls if you're "
         "on an SMTPS connection.", "client.starttls-mismatch", NULL},
        {"ArgumentError (SMTPS and STARTTLS is exclusive)", "client.starttls-mismatch", NULL},
        {"ArgumentError: :enable_starttls and :tls are both set", NULL,
         "client.starttls-mismatch"},
        /* Exim's dnslookup router on a null MX; a near miss that has one */
        {"neko@example.org\n    an MX or SRV record indicated no SMTP service", "dns.null-mx",
         NULL},
        {"an MX or SRV record indicated the SMTP service", NULL, "dns.null-mx"},
        /* reputation blocks in Outlook.com's and Orange's words */
        {"550 SC-004 Unfortunately, messages from 192.0.2.22 weren't sent. The problem is "
         "that too many unwanted messages have been sent from the following IP address "
         "above.", "smtp.rate-limited", NULL},
        {"550 mwinf5c04 ME Client host blocked for spamming issues. OFR006_102",
         "smtp.rate-limited", NULL},
        {"550 5.1.1 Unfortunately, messages from 192.0.2.22 weren't sent: no such user",
         NULL, "smtp.rate-limited"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Round 19's lessons: a firewall's SMTP inspection overwrites the
 * greeting with asterisks; a client that sent EHLO before a late greeting
 * reads the 220 as EHLO's reply. Near misses one mark or code off. */
START_TEST(masked_greetings_and_a_greeting_read_as_the_ehlo_reply)
{
    static const struct first_cause cases[] = {
        {"220 *************************************", "smtp.starttls-masked", NULL},
        {"220-*****************************************\n*********************",
         "smtp.starttls-masked", NULL},
        {"220 ** mx.example.org ESMTP **", NULL, "smtp.starttls-masked"},
        {"SMTP -> ERROR: EHLO not accepted from server: 220 mx.example.org ESMTP",
         "smtp.slow-banner", NULL},
        {"SMTP ERROR: EHLO command failed: 220 mx.example.org ESMTP", "smtp.slow-banner",
         NULL},
        {"SMTP -> ERROR: EHLO not accepted from server: 550 5.7.1 Access denied", NULL,
         "smtp.slow-banner"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* The sending side's own resolver: a relay host that exists for everyone
 * and does not resolve there, and a program's EAI_AGAIN; the near misses
 * are a name of its own that does not resolve, and a relay host named far
 * from the failure. Exchange Online's 5.4.310, and
 * Gmail's address lookup of a host other than the recipient's domain;
 * Postfix smtpd's transcript for the postmaster is the receiver's. */
START_TEST(the_senders_own_resolver_and_lookups_of_hosts)
{
    static const struct first_cause cases[] = {
        {"{ [Error: getaddrinfo ENOTFOUND smtp.gmail.com]\n  code: 'ENOTFOUND',\n"
         "  syscall: 'getaddrinfo',\n  hostname: 'smtp.gmail.com' }",
         "sender.resolver-down", NULL},
        {"{ [Error: getaddrinfo ENOTFOUND smtp.example.org]\n  code: 'ENOTFOUND' }",
         "dns.nxdomain", "sender.resolver-down"},
        /* Sendmail's Host unknown: a domain DNS does not know, and the near
         * miss of a consumer service's own MX host, which resolves for
         * everyone; a tenant's MX host is the domain's own. */
        {"550 5.1.2 <a@example.org>... Host unknown (Name server: example.org.: host not "
         "found)", "dns.nxdomain", "sender.resolver-down"},
        {"554 <a@example.org>... 550 Host unknown (Authoritative answer from name server)",
         "dns.nxdomain", NULL},
        {"550 5.1.2 <a@hotmail.com>... Host unknown (Name server: "
         "hotmail-com.olc.protection.outlook.com.: host not found)",
         "sender.resolver-down", "dns.nxdomain"},
        {"550 5.1.2 <a@example.org>... Host unknown (Name server: "
         "example-org.mail.protection.outlook.com.: host not found)",
         NULL, "sender.resolver-down"},
        {"550 5.1.1 <a@example.org>... User unknown", NULL, "dns.nxdomain"},
        /* A lookup in a big provider's own name space that failed for now
         * (a tenant's MX host too); near miss the same failure for a
         * domain's own host */
        {"Host or domain name not found. Name service error for "
         "name=example-org.mail.protection.outlook.com type=A: Host not found, try again)",
         "sender.resolver-down", NULL},
        {"Host or domain name not found. Name service error for name=mx.example.org type=A: "
         "Host not found, try again)", NULL, "sender.resolver-down"},
        /* mox's check of the machine's resolver, and its near miss */
        {"WARNING: It looks like the DNS resolvers configured on your system do not\nverify "
         "DNSSEC, or aren't trusted. Without DNSSEC, SMTP STARTTLS connections cannot verify "
         "the TLS certificate with DANE", "sender.resolver-no-dnssec", NULL},
        {"The DNS resolvers configured on your system verify DNSSEC.", NULL,
         "sender.resolver-no-dnssec"},
        /* postfix-mta-sts-resolver's fetch result, and another of its values */
        {"MTA-STS policy is missing: STSFetchResult.FETCH_ERROR", "mtasts.fetch-failed", NULL},
        {"MTA-STS policy: STSFetchResult.VALID", NULL, "mtasts.fetch-failed"},
        /* Sendmail's host map coming back TRY_AGAIN, and Exim's MX hosts
         * without addresses; near misses a lookup that worked, and Exim's
         * hosts that failed to answer. */
        {"host map: lookup (example.org): deferred", "dns.servfail", NULL},
        {"host map: lookup (example.org): found mail.example.org", NULL, "dns.servfail"},
        {"a@example.org\n    all relevant MX records point to non-existent hosts",
         "dns.mx-no-address", NULL},
        {"== a@example.org R=dnslookup T=remote_smtp defer (-53): retry time not reached for "
         "any host for 'example.org'", NULL, "dns.mx-no-address"},
        {"Failed to send email. Reason: getaddrinfo EAI_AGAIN smtp.sendgrid.net:587",
         "sender.resolver-down", NULL},
        {"Failed to send email. Reason: getaddrinfo EAI_AGAIN mail.example.org:587",
         "sender.resolver-down", "dns.servfail"},
        {"postfix/smtp[7]: warning: relayhost configuration problem: Host or domain name not "
         "found. Name service error for name=smtp.office365.com type=A: Host not found, try "
         "again", "sender.resolver-down", NULL},
        {"postfix/smtp[7]: 4B1: to=<a@example.org>, status=deferred (Host or domain name not "
         "found. Name service error for name=example.org type=MX: Host not found, try again)",
         "dns.servfail", "sender.resolver-down"},
        {"Sent through smtp.gmail.com, which accepted the message for the recipient's server "
         "and then tried it for two days in a row without success.\n"
         "DNS Error: Domain name not found", "dns.nxdomain", "sender.resolver-down"},
        {"Remote server returned '550 5.4.310 DNS domain example.invalid does not exist "
         "[Message=InfoDomainNonexistent] [LastAttemptedServerName=example.invalid]'",
         "dns.nxdomain", NULL},
        {"Delivery to the following recipient has been delayed:\nuser@example.org\n"
         "DNS Error: Address resolution of smtp.example.org. failed: Domain name not found",
         "dns.mx-no-address", NULL},
        {"Delivery to the following recipient failed permanently:\nuser@example.org\n"
         "DNS Error: Address resolution of example.org. failed: Domain name not found",
         "dns.nxdomain", "dns.mx-no-address"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    static const struct side_case sides[] = {
        {" Out: 220 mx.example.org ESMTP Postfix\n In:  EHLO 192.0.2.1\n Out: 250-STARTTLS\n"
         " In:  STARTTLS\n Out: 454 4.7.0 TLS not available due to local problem",
         MXTLS_SIDE_RECEIVER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* Round 21's bounces: one a large provider wrote itself is not about its
 * own port 25; answers with no records; a server that closed before its
 * greeting or greeted with a refusal; Postfix's address lookup of the
 * recipient's domain itself. Each with its near miss. */
START_TEST(provider_bounces_empty_answers_and_greetings)
{
    static const struct first_cause cases[] = {
        /* Postfix's words for a greeting that was a refusal, alone and
         * with a block list's words; the near miss a greeting it took. */
        {"<a@example.org>: host mx.example.org[192.0.2.1] refused to talk to me: 421 4.2.1 "
         "Service refused, LPN006_107", "smtp.banner-rejected", NULL},
        {"<a@example.org>: host mx.example.org[192.0.2.1] refused to talk to me: 550 Client "
         "host blocked for spamming issues", "smtp.rate-limited", NULL},
        {"<a@example.org>: host mx.example.org[192.0.2.1] said: 250 2.0.0 Ok: queued", NULL,
         "smtp.banner-rejected"},
        {"Generating server: SG2APC01HT007.mail.protection.outlook.com\nuser@example.org\n"
         "Server at SG2APC01HT007.eop-APC01.prod.protection.outlook.com returned '550 5.4.316 "
         "Message expired, connection refused(Socket error code 10061)' "
         "[LastAttemptedServerIP=192.0.2.25:25]",
         "net.refused", "net.egress-blocked"},
        {"postfix/smtp[9]: connect to gmail-smtp-in.l.google.com[142.250.1.27]:25: Connection "
         "refused", "net.egress-blocked", NULL},
        {"Remote server returned '550 5.4.312 Message expired, DNS query failed(InfoNoRecords)'",
         "dns.no-mx", "dns.servfail"},
        /* Gmail's DNS bounce: the domain's own MX lookup empty, and the near
         * miss where the MX was found and its host's lookup was empty. */
        {"DNS Error: 1234 DNS type 'mx' lookup of example.org responded with code NOERROR "
         "1234 DNS type 'mx' lookup of example.org had no relevant answers. 1234 DNS type 'a' "
         "lookup of example.org had no relevant answers.",
         "dns.no-mx", NULL},
        {"DNS Error: 1234 DNS type 'mx' lookup of example.org responded with code NOERROR "
         "1234 DNS type 'a' lookup of mx.example.org had no relevant answers.",
         NULL, "dns.no-mx"},
        /* Gmail's "did not accept our requests to connect" with the reason
         * in brackets: no greeting, and the near miss of a timeout. */
        {"The recipient server did not accept our requests to connect. Learn more at "
         "https://support.google.com/mail/answer/7720 [mx1.example.org 192.0.2.1: unable to "
         "read banner]", "smtp.no-banner", NULL},
        {"The recipient server did not accept our requests to connect. Learn more at "
         "https://support.google.com/mail/answer/7720 [mx1.example.org 192.0.2.1: timed out]",
         NULL, "smtp.no-banner"},
        {"Remote server returned '550 5.4.312 Message expired, DNS query failed(ServerFailure)'",
         NULL, "dns.no-mx"},
        {"<user@example.org>: 454 4.4.4 [internal] no MX or A for domain", "dns.no-mx", NULL},
        {"<user@example.org>: lost connection with mx.example.org[192.0.2.1] while receiving "
         "the initial server greeting", "smtp.no-banner", NULL},
        {"<user@example.org>: lost connection with mx.example.org[192.0.2.1] while sending end "
         "of data -- message may be sent more than once", NULL, "smtp.no-banner"},
        {"... while talking to mx1.example.org.:\n<<< 554 mx1.example.org ESMTP not accepting "
         "connections", "smtp.banner-rejected", NULL},
        {"Error: the server is not accepting connections", NULL, "smtp.banner-rejected"},
        {"<user@example.org>: Host or domain name not found. Name service error for "
         "name=example.org type=A: Host not found", "dns.nxdomain", "dns.mx-no-address"},
        {"<user@example.org>: Host or domain name not found. Name service error for "
         "name=mx.example.org type=A: Host not found", "dns.mx-no-address", NULL},
        /* AAAA's "Host not found" of the domain itself is no such name
         * too (a name with only an IPv4 address has no AAAA data, no
         * error); a DNS server that denies it keeps the address listed */
        {"<user@example.org>: Host or domain name not found. Name service error for "
         "name=example.org type=AAAA: Host not found", "dns.nxdomain", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Round 22's checkers: MXToolbox giving up on a held-back greeting (the
 * near miss: a quick transaction, where STARTTLS really is missing), a
 * server's log of a client that left before the greeting, CheckTLS's
 * MTA-STS fetch, testssl.sh's protocol list; and whose view each is. */
START_TEST(online_checkers_and_what_they_waited_for)
{
    static const struct first_cause cases[] = {
        {"SMTP Banner Check Reverse DNS does not match SMTP Banner\nSMTP TLS Warning - Does not "
         "support TLS.\nSMTP Transaction Time 15.341 seconds - Not good! on Transaction Time",
         "smtp.slow-banner", "smtp.starttls-missing"},
        {"SMTP TLS Warning - Does not support TLS.\nSMTP Transaction Time 1.207 seconds - Good "
         "on Transaction Time", "smtp.starttls-missing", "smtp.slow-banner"},
        {"{smtps} Client checker.example.net:49265 closed connection before SMTP greeting, "
         "connection rejected", "smtp.slow-banner", NULL},
        {"could not retrieve policy: 500 Can't connect to mta-sts.example.org",
         "mtasts.fetch-failed", "mtasts.mx-mismatch"},
        {"could not retrieve policy from the domain controller", NULL, "mtasts.fetch-failed"},
        /* The policy host's own certificate, and near misses: the same
         * words about the mail host, and the policy host unreachable. */
        {"http: TLS handshake error from 192.0.2.7:63530: acme/autocert: missing certificate "
         "servername=mta-sts.example.org", "mtasts.webpki-invalid", NULL},
        {"Get \"https://mta-sts.example.org/.well-known/mta-sts.txt\": x509: certificate "
         "signed by unknown authority", "mtasts.webpki-invalid", NULL},
        {"http: TLS handshake error from 192.0.2.7:63530: acme/autocert: missing certificate "
         "servername=mail.example.org", NULL, "mtasts.webpki-invalid"},
        {"Get \"https://mta-sts.example.org/.well-known/mta-sts.txt\": dial tcp "
         "192.0.2.8:443: connect: connection refused", NULL, "mtasts.webpki-invalid"},
        {" Testing protocols via sockets\n\n SSLv3      not offered (OK)\n TLS 1      offered "
         "(deprecated)\n TLS 1.2    offered (OK)", "tls.protocol-old", NULL},
        {" Testing protocols via sockets\n\n SSLv3      not offered (OK)\n TLS 1      not "
         "offered\n TLS 1.2    offered (OK)", NULL, "tls.protocol-old"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    static const struct side_case sides[] = {
        {"SMTP Banner Check Reverse DNS does not match SMTP Banner", MXTLS_SIDE_TOOL},
        {"Grade capped to T. Encryption via STARTTLS is not mandatory (opportunistic).",
         MXTLS_SIDE_TOOL},
        {"{\"policies\": [{\"policy\": {\"policy-type\": \"sts\", \"policy-domain\": "
         "\"example.org\"}, \"summary\": {\"total-successful-session-count\": 0, "
         "\"total-failure-session-count\": 2}}]}", MXTLS_SIDE_SENDER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* Round 24's Windows mail servers: Exchange's transport events for its
 * STARTTLS certificate, its own transport certificate and a connector that
 * cannot offer TLS; Kerio's alert relay it cannot resolve; whose log
 * Schannel's and Exchange's events are. Each with its near miss. */
START_TEST(windows_mail_servers_events)
{
    static const struct first_cause cases[] = {
        {"Event ID: 12018\nThe STARTTLS certificate will expire soon: subject: mail.example.org, "
         "thumbprint: 0123, hours remaining: 72.", "cert.expires-soon", NULL},
        {"Event ID: 12017\nThe STARTTLS certificate has expired: subject: mail.example.org",
         NULL, "cert.expires-soon"},
        {"Microsoft Exchange could not load the certificate with thumbprint of 0123 from the "
         "personal store on the local computer.", "sender.tls-config", NULL},
        {"The Receive connector requires TLS before the MailFrom command can be run. However, the "
         "connector is not configured to accept TLS.", "smtp.starttls-missing", NULL},
        {"The IP address of specified SMTP server cannot be resolved", "dns.nxdomain", NULL},
        {"The IP address of specified SMTP server has been resolved", NULL, "dns.nxdomain"},
        /* System.Net.Mail speaks no implicit TLS: its timeout is first a
         * port 465; near miss MailKit's, which speaks both */
        {"System.Net.Mail.SmtpException: The operation has timed out.\n   at "
         "System.Net.Mail.SmtpClient.Send(MailMessage message)", "client.starttls-mismatch", NULL},
        {"System.TimeoutException: The operation has timed out.\n   at "
         "MailKit.Net.Smtp.SmtpClient.Connect(String host, Int32 port, SecureSocketOptions options)",
         NULL, "client.starttls-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    static const struct side_case sides[] = {
        {"Source: Schannel\nEvent ID: 36874\nAn TLS 1.0 connection request was received from a "
         "remote client application, but none of the cipher suites supported by the client "
         "application are supported by the server.", MXTLS_SIDE_RECEIVER},
        {"Unable to validate the TLS certificate of the smart host for the connector Internet "
         "Send. The certificate validation error for the certificate is UntrustedRoot.",
         MXTLS_SIDE_SENDER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* "Network is unreachable" to a big provider is a blocked port, unless
 * the address tried is IPv6: then the host has no IPv6 route. Near misses:
 * the same over IPv4, and IPv6 beside an IPv4 connection that timed out.
 * EAFNOSUPPORT is a host without IPv6. A program's words without its name
 * are still a program's. */
START_TEST(missing_ipv6_and_a_programs_words_without_its_name)
{
    static const struct first_cause cases[] = {
        {"java.net.ConnectException: failed to connect to smtp.gmail.com/2404:6800:4003:c02::6c "
         "(port 465) after 90000ms: isConnected failed: ENETUNREACH (Network is unreachable)",
         "net.unreachable", "net.egress-blocked"},
        {"java.net.ConnectException: failed to connect to smtp.gmail.com/142.250.4.108 "
         "(port 465) after 90000ms: isConnected failed: ENETUNREACH (Network is unreachable)",
         "net.egress-blocked", NULL},
        /* EAFNOSUPPORT: a machine without IPv6 given an IPv6 address;
         * near miss the refused connection of the same program */
        {"Notification email failed:[Errno 97] Address family not supported by protocol",
         "net.family-mismatch", NULL},
        {"Notification email failed:[Errno 111] Connection refused", NULL,
         "net.family-mismatch"},
        /* a receiver refusing the envelope sender's domain is no
         * nonexistent domain of the recipient's; near miss the
         * recipient's */
        {"450 4.1.8 <www-data@ip-172-31-2-61.internal>: Sender address rejected: Domain not found",
         NULL, "dns.nxdomain"},
        {"450 4.1.2 <a@example.invalid>: Recipient address rejected: Domain not found",
         "dns.nxdomain", NULL},
        /* .NET's "secure connection or not authenticated" with a reply
         * about the login is a refused login; near miss a reply about
         * STARTTLS */
        {"System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the "
         "client was not authenticated. The server response was: 5.7.57 Client not "
         "authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful",
         NULL, "client.starttls-mismatch"},
        {"System.Net.Mail.SmtpException: Le serveur SMTP requiert une connexion sécurisée ou le "
         "client n'était pas authentifié. La réponse du serveur était : 5.7.1 Le client n'était "
         "pas authentifié", NULL, "client.starttls-mismatch"},
        {"System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the "
         "client was not authenticated. The server response was: 5.7.0 Must issue a STARTTLS "
         "command first", "client.starttls-mismatch", NULL},
        {"System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the "
         "client was not authenticated. The server response was: 5.7.0 Authentication "
         "required after STARTTLS", "client.starttls-mismatch", NULL},
        /* Python's TimeoutError by its name alone; near miss its refusal */
        {"FAILED smtp.example.net 465 TimeoutError", "net.timeout", NULL},
        {"FAILED smtp.example.net 465 ConnectionRefusedError", NULL, "net.timeout"},
        {"SMTP -> ERROR: Failed to connect to server: Network is unreachable (101) "
         "smtp.gmail.com [2a00:1450:400c:c0a::6c]:587\nSMTP -> ERROR: Failed to connect to "
         "server: Connection timed out (110) smtp.gmail.com [142.250.4.108]:587",
         "net.egress-blocked", NULL},
        /* "No route to host" is what a rejecting firewall answers: towards
         * a big provider a blocked port; near misses the same towards an
         * unknown host and towards the provider's IPv6 address */
        {"SocketException: OS Error: No route to host, errno = 113, address = smtp.gmail.com, "
         "port = 41822", "net.egress-blocked", NULL},
        {"SocketException: OS Error: No route to host, errno = 113, address = mail.example.org, "
         "port = 41822", "net.unreachable", "net.egress-blocked"},
        {"java.net.NoRouteToHostException: No route to host (Host unreachable) connecting to "
         "smtp.gmail.com/2a00:1450:400c:c0a::6c:587", "net.unreachable", "net.egress-blocked"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* Python smtplib's words without its name, as an app's test button
     * shows them, are a program's; near miss Postfix's own "connect to" */
    static const struct side_case sides[] = {
        {"Test Failed: Connection failed: Unable to connect to mail.example.org:587. (SMTP AUTH "
         "extension not supported by server.)", MXTLS_SIDE_CLIENT},
        {"connect to mail.example.org[192.0.2.7]:25: Connection timed out", MXTLS_SIDE_SENDER},
        /* Courier-IMAP's daemons are a server's, though couriertls says
         * "connect:" */
        {"Mar  5 13:35:30 localhost imapd: couriertls: connect: error:14094418:SSL "
         "routines:SSL3_READ_BYTES:tlsv1 alert unknown ca", MXTLS_SIDE_RECEIVER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* Sendmail's verify=FAIL is an unverified certificate over a session it
 * used anyway: beside a delivery refused for another reason it is not the
 * failure. Near misses: the mail sent (then it is what the paste asks
 * about) and a refusal that is TLS's own. Dovecot's refusal of a login
 * before TLS is a client that did not start it. */
#define SENDMAIL_UNVERIFIED(stat)                                                           \
    "Sep 14 11:59:33 mx sm-mta[7425]: STARTTLS=client, relay=mx.example.org., "            \
    "version=TLSv1.2, verify=FAIL, cipher=AES256-SHA, bits=256/256\nSep 14 11:59:34 mx "   \
    "sm-mta[7425]: l8E3xVpO007423: to=<a@example.org>, delay=00:00:03, mailer=esmtp, "     \
    "pri=120344, relay=mx.example.org. [192.0.2.7], dsn=" stat "\n"
START_TEST(lines_that_are_not_the_failure_and_logins_before_tls)
{
    static const struct first_cause cases[] = {
        {SENDMAIL_UNVERIFIED("5.1.1, stat=User unknown"), NULL, "sender.no-ca-store"},
        {SENDMAIL_UNVERIFIED("4.1.8, stat=Deferred: 450 4.1.8 <root@localhost.localdomain>: "
                             "Sender address rejected: Domain not found"),
         NULL, "sender.no-ca-store"},
        {SENDMAIL_UNVERIFIED("2.0.0, stat=Sent (ok)"), "sender.no-ca-store", NULL},
        /* a missing close_notify is benign: a refusal beside it is the
         * failure; near miss the same line alone */
        {"SMTP<< 550 5.7.1 Unfortunately, messages from [192.0.2.7] weren't sent. Please contact "
         "your Internet service provider since part of their network is on our block list "
         "(S3140).\nLOG: MAIN TLS error on connection (recv): The TLS connection was "
         "non-properly terminated.", "smtp.rate-limited", NULL},
        {"LOG: MAIN TLS error on connection (recv): The TLS connection was non-properly "
         "terminated.", "tls.no-close-notify", NULL},
        /* Sendmail's access map met a peer without TLS (0 bits); near
         * miss a weak cipher */
        {"m675MXpo001370      536 Mon Jul  7 05:22\n   (Deferred: 403 4.7.0 encryption too weak 0 "
         "less than 128)", "smtp.starttls-missing", NULL},
        {"m675MXpo001370      536 Mon Jul  7 05:22\n   (Deferred: 403 4.7.0 encryption too weak "
         "56 less than 128)", NULL, "smtp.starttls-missing"},
        /* a test of portquiz.net that times out on one port; near miss
         * the same test passing */
        {"# curl -m 5 portquiz.net:25\ncurl: (28) Connection timed out after 5001 milliseconds",
         "net.egress-blocked", NULL},
        {"# curl -m 5 portquiz.net:587\nPort 587 test successful!", NULL, "net.egress-blocked"},
        /* a program told by its own network that the connection is
         * forbidden; near miss a rule that lets it through */
        {"Error: Connections to port 25 are prohibited", "net.egress-blocked", NULL},
        {"Connection to SMTP server is blocked by traffic rules", "net.egress-blocked", NULL},
        {"Connection to SMTP server is allowed by traffic rules", NULL, "net.egress-blocked"},
        /* OpenSSL's bad key share */
        {"Error: 4018A2B5E97F0000:error:0A00006C:SSL routines:tls_parse_ctos_key_share:bad key "
         "share:../deps/openssl/openssl/ssl/statem/extensions_srvr.c:646:",
         "tls.handshake-failed", NULL},
        /* Dovecot refusing a login before TLS; near miss its refusal of
         * the password itself */
        {"* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client "
         "did it anyway. If anyone was listening, the password was exposed.",
         "client.starttls-mismatch", NULL},
        {"dovecot: imap-login: Disconnected (tried to use disallowed plaintext auth): user=<>, "
         "rip=192.0.2.7, lip=192.0.2.1, session=<a1b2>", "client.starttls-mismatch", NULL},
        {"dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<a@b.c>, "
         "method=PLAIN, rip=192.0.2.7, lip=192.0.2.1, TLS, session=<a1b2>",
         NULL, "client.starttls-mismatch"},
        {SENDMAIL_UNVERIFIED("4.7.0, stat=Deferred: 403 4.7.0 authentication failed"),
         "sender.no-ca-store", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* and it says so, not "did not recognise"; near miss the mail sent */
    mxtls_explanation *e = explain(SENDMAIL_UNVERIFIED("5.1.1, stat=User unknown"));
    ck_assert_int_eq(e->recognised, 1);
    ck_assert_ptr_nonnull(strstr(e->summary, "verify=FAIL is not the failure"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "the reason after \"stat=\""));
    mxtls_explanation_free(e);
    e = explain(SENDMAIL_UNVERIFIED("2.0.0, stat=Sent (ok)"));
    ck_assert_ptr_null(strstr(e->explanation, "the reason after \"stat=\""));
    mxtls_explanation_free(e);
}
END_TEST

/* A receiving server's log of an internet scanner's visit is no fault of
 * the server: its lines are set aside, and said to be; a real client's
 * failure in the same log is still read. */
START_TEST(an_internet_scanners_visit_is_set_aside)
{
    static const char scanner_only[] =
        "Jan 23 15:46:04 mx postfix/smtps/smtpd[51302]: connect from "
        "scanner-06.ch1.censys-scanner.com[167.94.138.43]\n"
        "Jan 23 15:46:04 mx postfix/smtps/smtpd[51302]: SSL_accept error from "
        "scanner-06.ch1.censys-scanner.com[167.94.138.43]: -1\n"
        "Jan 23 15:46:04 mx postfix/smtps/smtpd[51302]: warning: TLS library problem: "
        "error:142090C1:SSL routines:tls_early_post_process_client_hello:no shared cipher\n";
    mxtls_explanation *e = explain(scanner_only);
    ck_assert_int_eq(e->recognised, 1);
    ck_assert_uint_eq(e->n_findings, 0);
    ck_assert_ptr_nonnull(strstr(e->summary, "internet scanner's probes (censys-scanner.com)"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "were set aside"));
    mxtls_explanation_free(e);
    /* the same log with a real sender turned away after it */
    char mixed[2048];
    snprintf(mixed, sizeof mixed, "%s%s", scanner_only,
             "Jan 23 15:47:10 mx postfix/smtps/smtpd[51302]: connect from "
             "mail.example.org[192.0.2.7]\n"
             "Jan 23 15:47:10 mx postfix/smtps/smtpd[51302]: warning: TLS library problem: "
             "error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:SSL alert "
             "number 48\n");
    e = explain(mixed);
    ck_assert_uint_gt(e->n_findings, 0);
    ck_assert_ptr_null(strstr(e->summary, "scanner"));
    ck_assert_ptr_nonnull(strstr(e->explanation, "were set aside"));
    ck_assert_int_eq(e->alert, 48);
    mxtls_explanation_free(e);
    /* near miss: a host that only holds the scanner's name is read */
    e = explain("Jan 23 15:46:04 mx postfix/smtpd[7]: connect from "
                "censys-scanner.com.example.net[192.0.2.1]\n"
                "Jan 23 15:46:04 mx postfix/smtpd[7]: warning: TLS library problem: "
                "error:142090C1:SSL routines:tls_early_post_process_client_hello:no shared "
                "cipher\n");
    ck_assert(has_cause(e, "tls.no-shared-cipher"));
    ck_assert_ptr_null(strstr(e->explanation, "were set aside"));
    mxtls_explanation_free(e);
}
END_TEST

/* Round 25's Gmail and Microsoft 365 texts: the mail fetcher's words for
 * a name it cannot find and for an SSL setting that does not fit the
 * port; Exchange Online's DANE bounces are the sender's view. */
START_TEST(gmail_fetcher_and_exchange_online_dane_bounces)
{
    static const struct first_cause cases[] = {
        {"There was a problem connecting to mail.example.org\nServer returned error: \"We were "
         "unable to locate the other domain.\nPlease contact your other provider.\"",
         "dns.nxdomain", NULL},
        {"There was a problem connecting to mail.example.org\nServer returned error: \"SSL "
         "protocol error. Please try disabling SSL, \nor contact your other provider to verify "
         "the correct port settings.\"", "client.starttls-mismatch", NULL},
        {"There was a problem connecting to mail.example.org\nServer returned error: \"SSL "
         "protocol error.\"", NULL, "client.starttls-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    static const struct side_case sides[] = {
        {"certificate-expired: Destination mail server's certificate is expired.",
         MXTLS_SIDE_SENDER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

/* The mail and the page a text comes in do not vote (issue 16), but a
 * server's own HTML reply inside an SMTP dialogue still shows a web server
 * where SMTP was due; the same text as a page's source is read as words. */
START_TEST(wrappers_do_not_vote_but_a_servers_html_reply_does)
{
    static const struct first_cause cases[] = {
        {"EHLO client.example.org\nHTTP/1.1 400 Bad Request\nServer: cloudflare\n\n"
         "<html>\n<head><title>400 Bad Request</title></head>\n<body>\n"
         "<center><h1>400 Bad Request</h1></center>\n<hr><center>cloudflare</center>\n"
         "</body>\n</html>", "smtp.not-smtp", NULL},
        {"<html><head><title>Undeliverable</title></head><body><div>" "TLS Negotiation failed, "
         "the certificate doesn&#39;t match the host.</div></body></html>",
         "cert.name-mismatch", "smtp.not-smtp"},
        {"Received: from a.example (a.example [192.0.2.1])\n"
         "\t(No client certificate requested)\n\tby mx.example.net (Postfix)\n\n"
         "TLS Negotiation failed, the certificate doesn't match the host.",
         "cert.name-mismatch", "tls.client-cert-required"},
        /* words that say no client certificate was asked for are no
         * evidence that one was required, wherever they stand; the near
         * miss, a server that asked and got none, is */
        {"(No client certificate requested)", NULL, "tls.client-cert-required"},
        {"depth=0 CN = mx.example.org\n---\nNo client certificate CA names sent\n"
         "Verify return code: 0 (ok)", NULL, "tls.client-cert-required"},
        {"SSL_accept error: peer did not return a certificate", "tls.client-cert-required",
         NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Round 30: providers that refuse a login without TLS, in their own
 * words, and Go's net/smtp refusing to send a password in the clear; Go's
 * dialer timing out on a big provider's submission host. */
START_TEST(providers_demanding_tls_and_go_dialer_timeouts)
{
    static const struct first_cause cases[] = {
        {"javax.mail.AuthenticationFailedException: 530 Login fail. A secure connection is "
         "requiered(such as ssl).", "client.starttls-mismatch", NULL},
        {"SMTP -> ERROR: AUTH not accepted from server: 530 5.7.7 Email sending without SSL/TLS "
         "encryption is not allowed.", "client.starttls-mismatch", NULL},
        {"250 AUTH LOGIN PLAIN: a secure connection is preferred", NULL,
         "client.starttls-mismatch"},
        {"failed to send to email: from \"a@example.org\" at server smtp.example.org:587, "
         "failed to auth to smtp smtp.example.org:587: unencrypted connection",
         "client.starttls-mismatch", NULL},
        /* A program's log that reads as a sender's (Go's log prefix and "with
         * username ... at server"): still the library's refusal. */
        {"2020/06/08 17:11:58.886 [WARN]  {notify/notify.go:122 notify.(*Service).do.func1} "
         "failed to send to email: from \"a@example.org\" with username 'postmaster@example.org' "
         "at server smtp.example.org:587, failed to make smtp Create: failed to auth to smtp "
         "smtp.example.org:587: unencrypted connection", "client.starttls-mismatch", NULL},
        {"failed to send to email: from \"a@example.org\" at server smtp.example.org:587: "
         "encrypted connection established, 535 authentication failed", NULL,
         "client.starttls-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    mxtls_explanation *e = explain("smtp: dial smtp.mail.me.com:587: dial tcp "
                                   "17.57.155.28:587: i/o timeout");
    ck_assert(has_cause(e, "net.egress-blocked"));
    mxtls_explanation_free(e);
    /* The near miss: the same timeout to a host of no big provider. */
    e = explain("smtp: dial smtp.example.org:587: dial tcp 192.0.2.28:587: i/o timeout");
    ck_assert(!has_cause(e, "net.egress-blocked"));
    mxtls_explanation_free(e);
}
END_TEST

/* Round 85 and 86: Go's and Ruby's bare end of file, rustls' older
 * names for a plain greeting read as a record, gen_smtp's tls_failed,
 * Zimbra's chain check, and checkers that say TLS works; each beside the
 * text that differs in the one word that decides. */
START_TEST(bare_eof_rustls_gen_smtp_and_checkers_that_say_ok)
{
    static const struct first_cause cases[] = {
        {"Mail Error on smtp dial: EOF", "client.starttls-mismatch", NULL},
        {"EOFError: end of file reached", "client.starttls-mismatch", NULL},
        /* a Go server's EOF is a client that hung up, not its TLS mode */
        {"2021/06/20 12:44:58 http: TLS handshake error from 192.0.2.9:5555: EOF", NULL,
         "client.starttls-mismatch"},
        /* Python's SSLEOFError is a handshake cut short, not Go's EOF */
        {"ssl.SSLEOFError: EOF occurred in violation of protocol (_ssl.c:1131)",
         "tls.handshake-failed", NULL},
        {"gomail: could not send email 1: StartTLS: read tcp 10.0.0.1:31542->10.0.0.2:25: "
         "read: connection reset by peer", "tls.handshake-failed", NULL},
        {"gomail: could not send email 1: read tcp 10.0.0.1:31542->10.0.0.2:25: "
         "read: connection reset by peer", NULL, "tls.handshake-failed"},
        {"lettre::transport::smtp::Error { kind: Network, source: Custom { kind: InvalidData, "
         "error: CorruptMessage } }", "client.starttls-mismatch", NULL},
        {"lettre::transport::smtp::Error { kind: Network, source: Custom { kind: InvalidData, "
         "error: CorruptMessagePayload(Handshake) } }", NULL, "client.starttls-mismatch"},
        {"Failed to send email: {:retries_exceeded, {:temporary_failure, ~c\"192.0.2.1\", "
         ":tls_failed}}", "sender.tls-config", NULL},
        /* retries_exceeded is the wrapper, not a limit; a limit is one */
        {"Failed to send email: {:retries_exceeded, {:temporary_failure, ~c\"192.0.2.1\", "
         ":tls_failed}}", NULL, "smtp.rate-limited"},
        {"Failed to send email: {:retries_exceeded, {:permanent_failure, ~c\"192.0.2.1\", "
         "\"421 4.7.0 Rate limit exceeded\"}}", "smtp.rate-limited", NULL},
        {"Unable to validate certificate chain: /tmp/tmp.x/0000_cert.pem: C = US, "
         "O = Internet Security Research Group, CN = ISRG Root X1", "cert.chain-incomplete",
         NULL},
        {"2023/09/01 20:21:17 TLS OK: TLS-1.3 - TLS_AES_128_GCM_SHA256", "tls.ok", NULL},
        {"SSL_CERT OK - mx.example.org:587, smtp, x509 certificate 'mx.example.org' from "
         "'Let's Encrypt' valid until Aug  2 20:03:27 2025 GMT", "tls.ok", NULL},
        /* a failure beside the OK goes first */
        {"TLS OK: TLS-1.3 - TLS_AES_128_GCM_SHA256\ncertificate has expired", "cert.expired",
         NULL},
        /* ... however weak its sign */
        {"TLS OK: TLS-1.3 - TLS_AES_128_GCM_SHA256\nMail Error on smtp dial: EOF",
         "client.starttls-mismatch", NULL},
        {"SSL_CERT CRITICAL - mx.example.org:587: x509 certificate has expired", NULL,
         "tls.ok"},
        /* a big provider's MX host is port 25 without saying so */
        {"stat=Deferred: Connection timed out with alt4.gmail-smtp-in.l.google.com.",
         "net.egress-blocked", NULL},
        {"stat=Deferred: Connection timed out with mx.example.org.", NULL,
         "net.egress-blocked"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* Go's "unencrypted connection" lists a server without STARTTLS too,
     * after the client's own mode */
    mxtls_explanation *e = explain(
        "2020/06/08 17:11:58.886 [WARN]  {notify/notify.go:122 notify.(*Service).do.func1} "
        "failed to send to email: from \"a@example.org\" with username 'postmaster@example.org' "
        "at server smtp.example.org:587, failed to make smtp Create: failed to auth to smtp "
        "smtp.example.org:587: unencrypted connection");
    ck_assert_str_eq(cause_id(e, 0), "client.starttls-mismatch");
    ck_assert(has_cause(e, "smtp.starttls-missing"));
    mxtls_explanation_free(e);
    /* What worked is not called a cause */
    e = explain("TLS OK: TLS-1.3 - TLS_AES_128_GCM_SHA256");
    mxtls_buffer *b = NULL;
    ck_assert_int_eq(mxtls_explanation_text(e, &b), MXTLS_OK);
    ck_assert_ptr_nonnull(strstr(b->data, "Not a fault 1:"));
    ck_assert_ptr_null(strstr(b->data, "Most likely cause"));
    mxtls_buffer_free(b);
    mxtls_explanation_free(e);
    /* a real cause whose catalogue severity is info is still a cause */
    e = explain("tlsv1 alert: dh key too small");
    ck_assert_str_eq(cause_id(e, 0), "tls.weak-dh");
    ck_assert_int_eq(mxtls_explanation_text(e, &b), MXTLS_OK);
    ck_assert_ptr_nonnull(strstr(b->data, "Most likely cause 1:"));
    ck_assert_ptr_null(strstr(b->data, "Not a fault"));
    mxtls_buffer_free(b);
    mxtls_explanation_free(e);
}
END_TEST

/* Round 87 and 88: a refused greeting name is said for what it is, not
 * a limit; Exchange's STARTTLS refusal and .NET's unresolved name. Each
 * beside its near miss. */
START_TEST(refused_greeting_names_and_dotnet_words)
{
    static const char *const refused[] = {
        "EHLO [127.0.0.1]\n421 4.7.0 Try again later, closing connection. (EHLO)",
        "NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 504 5.5.2 <localhost>: Helo command "
        "rejected: need fully-qualified hostname",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        mxtls_explanation *e = explain(refused[i]);
        ck_assert_int_eq(e->recognised, 1);
        ck_assert_msg(e->n_findings == 0, "%zu: %s", i, e->n_findings ? cause_id(e, 0) : "");
        ck_assert_ptr_nonnull(strstr(e->summary, "refused the name the client greeted"));
        ck_assert_ptr_nonnull(strstr(e->explanation, "not a TLS failure"));
        mxtls_explanation_free(e);
    }
    /* The near miss: Google's same reply to another command is a limit. */
    static const struct first_cause cases[] = {
        {"421 4.7.0 Try again later, closing connection.", "smtp.rate-limited", NULL},
        {"MailError: Error: Error upgrading connection with STARTTLS: 554 5.7.3 Unable to "
         "initialize security subsystem", "smtp.starttls-refused", NULL},
        {"MailError: Error: 530 5.7.3 Client was not authenticated", NULL,
         "smtp.starttls-refused"},
        {"The remote name could not be resolved: 'smtp.example.org'", "dns.nxdomain", NULL},
        {"Unable to connect to the remote server", NULL, "dns.nxdomain"},
        /* Round 94: a webmail's TLS with its own server on localhost is a
         * certificate that does not name "localhost"; the same words to a
         * named host are not */
        {"\"ErrorMessageAdditional\":\"Cannot enable STARTTLS.\" IMAP[INFO]: Disconnected "
         "from \"tcp://localhost:143\"", "cert.name-mismatch", NULL},
        {"\"ErrorMessageAdditional\":\"Cannot enable STARTTLS.\" IMAP[INFO]: Disconnected "
         "from \"tcp://mail.example.org:143\"", NULL, "cert.name-mismatch"},
        /* glibc's "Connection refused" in the user's language; ECONNRESET's
         * French words are no refusal */
        {"PHP Error: Failed to connect socket: \u0412 \u0441\u043e\u0435\u0434\u0438\u043d"
         "\u0435\u043d\u0438\u0438 \u043e\u0442\u043a\u0430\u0437\u0430\u043d\u043e",
         "net.refused", NULL},
        {"bash: connect: Connexion refus\u00e9e", "net.refused", NULL},
        /* Round 100: a provider telling the client its TLS is too old;
         * the near miss, a server that offers only old TLS itself */
        {"SmtpCommandException: Access denied: Amazon SES no longer supports TLS 1.0 and "
         "TLS 1.1 connections. You must update your client to use TLS version 1.2 or above.",
         "sender.tls-config", NULL},
        {"ssl3_get_record: server selected unsupported protocol version", NULL,
         "sender.tls-config"},
        /* a checker's advice about reverse DNS is no refusal; a server's
         * refusal for it still reads as one */
        {"Your reverse DNS does not match with your sending domain.", NULL,
         "smtp.rate-limited"},
        {"450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1]",
         "smtp.rate-limited", NULL},
        /* Round 96: a server that does not know STARTTLS at all; the near
         * miss, the same library told to say hello first */
        {"SMTP server did not accept STARTTLS with error: 500 Error: command not recognized",
         "smtp.starttls-missing", NULL},
        {"SMTP server did not accept STARTTLS with error: 503 5.5.2 Send hello first", NULL,
         "smtp.starttls-missing"},
        {"PHP Error: Failed to connect socket: Connexion r\u00e9initialis\u00e9e par le "
         "correspondant", NULL, "net.refused"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* Round 89: nullmailer's verdict on a smarthost name that does not
     * resolve, and its log is a sending MTA's; sSMTP is a program's. The
     * near miss, Postfix's temporary "Host not found, try again", is no
     * NXDOMAIN. */
    static const struct first_cause relays[] = {
        {"Mar 12 16:28:37 laptop nullmailer[5247]: Sending failed:  Host not found",
         "dns.nxdomain", NULL},
        {"status=deferred (Host or domain name not found. Name service error for "
         "name=example.org type=MX: Host not found, try again)", NULL, "dns.nxdomain"},
    };
    check_first_causes(relays, sizeof relays / sizeof relays[0]);
    mxtls_explanation *e = explain("Mar 12 16:27:36 laptop nullmailer[5247]: smtp: Failed: "
                                   "Connect failed");
    ck_assert_int_eq(e->side, MXTLS_SIDE_SENDER);
    mxtls_explanation_free(e);
    e = explain("ssmtp: Cannot open smtp.gmail.com:587");
    ck_assert_int_eq(e->side, MXTLS_SIDE_CLIENT);
    mxtls_explanation_free(e);
    /* Exim verifying the server it delivers to, and ZoneMTA (a sending MTA
     * built on nodemailer's client) refused at the greeting */
    e = explain("2017-08-24 15:13:46 1dktpD-0006ot-H2 [192.0.2.88] SSL verify error: "
                "certificate name mismatch: DN=\"/CN=*.example.net\" H=\"mail.example.org\"");
    ck_assert_int_eq(e->side, MXTLS_SIDE_SENDER);
    mxtls_explanation_free(e);
    e = explain("Feb 11 08:39:37 zmta1 zone-mta: ERR! Sender/default/827[14] "
                "17ee78226740009630.001 SMTPERR src=192.0.2.1 error=\"Invalid greeting. "
                "response=554 5.7.0 Blocked\"");
    ck_assert_int_eq(e->side, MXTLS_SIDE_SENDER);
    ck_assert_str_eq(cause_id(e, 0), "smtp.banner-rejected");
    mxtls_explanation_free(e);
    /* Round 95: NSS (mailx) not trusting Gmail's issuer is the sender's
     * own CA store; another host's issuer is not */
    e = explain("Connecting to 108.177.97.108:465 . . . connected.\nError in certificate: "
                "Peer's certificate issuer is not recognized.\nComparing DNS name: "
                "\"smtp.gmail.com\"");
    ck_assert(has_cause(e, "sender.no-ca-store"));
    mxtls_explanation_free(e);
    e = explain("Connecting to 192.0.2.7:465 . . . connected.\nError in certificate: "
                "Peer's certificate issuer is not recognized.\nComparing DNS name: "
                "\"mail.example.org\"");
    ck_assert(!has_cause(e, "sender.no-ca-store"));
    mxtls_explanation_free(e);
    e = explain("421 4.7.0 Try again later, closing connection.");
    ck_assert_ptr_null(strstr(e->summary, "refused the name"));
    mxtls_explanation_free(e);
}
END_TEST

/* The port a text names with its host is the one the explanation says;
 * a text that names none keeps the catalogue's port 25. */
START_TEST(the_port_the_text_names_is_the_one_said)
{
    mxtls_explanation *e = explain("dial tcp 192.0.2.108:587: connect: connection timed out");
    ck_assert_str_eq(cause_id(e, 0), "net.timeout");
    ck_assert_ptr_nonnull(strstr(e->summary, "port 587"));
    ck_assert_ptr_null(strstr(e->summary, "port 25"));
    mxtls_explanation_free(e);
    e = explain("dial tcp 192.0.2.108: connect: connection timed out");
    ck_assert_ptr_nonnull(strstr(e->summary, "port 25"));
    mxtls_explanation_free(e);
    /* PHPMailer's debug output and PHP's streams name the target too */
    e = explain("Connection: opening to smtp.example.org:587, timeout=300\n"
                "SMTP ERROR: Failed to connect to server: Connection timed out (110)");
    ck_assert_str_eq(e->host, "smtp.example.org");
    ck_assert_ptr_nonnull(strstr(e->summary, "port 587"));
    mxtls_explanation_free(e);
    e = explain("stream_socket_client(): unable to connect to ssl://smtp.example.org:465 "
                "(Connection timed out)");
    ck_assert_str_eq(e->host, "smtp.example.org");
    ck_assert_ptr_nonnull(strstr(e->summary, "port 465"));
    mxtls_explanation_free(e);
}
END_TEST

/* A log of deliveries that worked says so, instead of "did not
 * recognise"; the near miss, the same log with the delivery deferred,
 * does not. */
START_TEST(a_log_of_deliveries_made_says_so)
{
    static const char made[] =
        "Mar  3 10:00:01 mx postfix/smtp[1234]: Verified TLS connection established to "
        "mx.example.net[192.0.2.7]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384\n"
        "Mar  3 10:00:02 mx postfix/smtp[1234]: ABC123: to=<a@example.net>, "
        "relay=mx.example.net[192.0.2.7]:25, delay=1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n";
    mxtls_explanation *e = explain(made);
    ck_assert_int_eq(e->recognised, 1);
    ck_assert_uint_eq(e->n_findings, 0);
    ck_assert_ptr_nonnull(strstr(e->summary, "deliveries this text shows succeeded"));
    mxtls_explanation_free(e);
    static const char deferred[] =
        "Mar  3 10:00:02 mx postfix/smtp[1234]: ABC123: to=<a@example.net>, "
        "relay=mx.example.net[192.0.2.7]:25, delay=1, dsn=4.4.2, status=deferred (lost "
        "connection with mx.example.net[192.0.2.7] while receiving the initial server greeting)\n";
    e = explain(deferred);
    ck_assert_ptr_null(strstr(e->summary, "succeeded"));
    mxtls_explanation_free(e);
}
END_TEST

/* A dialogue typed into telnet, Zimbra's certificate check and s_client
 * failing to connect are a test tool's; the same dialogue without the
 * telnet command is not. */
START_TEST(tools_by_their_own_words)
{
    static const struct side_case cases[] = {
        {"telnet smtp.example.org 587\n220 smtp.example.org ESMTP\nAUTH LOGIN\n"
         "530 5.7.0 Must issue a STARTTLS command first", MXTLS_SIDE_TOOL},
        {"220 smtp.example.org ESMTP\nAUTH LOGIN\n530 5.7.0 Must issue a STARTTLS command "
         "first", MXTLS_SIDE_CLIENT},
        {"Testing with zmcertmgr. ** Verifying '/tmp/cert.pem' against '/tmp/privkey.pem'",
         MXTLS_SIDE_TOOL},
        {"140663099892160:error:0200206F:system library:connect:Connection refused:"
         "../crypto/bio/b_sock2.c:110:\nconnect:errno=111", MXTLS_SIDE_TOOL},
        /* a program's "Could not connect to" is no Postfix "connect to" */
        {"Could not connect to SMTP host: smtp.example.org, port: 25", MXTLS_SIDE_CLIENT},
        /* nor is its step "connect to SMTP server" */
        {"connect to smtp server: Mail Error on dialing with encryption type SSL/TLS: remote "
         "error: tls: handshake failure", MXTLS_SIDE_CLIENT},
        {"connect to mx.example.org[192.0.2.1]:25: Connection timed out", MXTLS_SIDE_SENDER},
        /* servers' own words for a client's session (Stalwart's listener,
         * maddy's submission handler); without the listener, only the
         * form's guess */
        {"DEBUG TLS handshake error (tls.handshake-error) listenerId = \"smtp\", localPort = "
         "25, remoteIp = 192.0.2.9", MXTLS_SIDE_RECEIVER},
        {"DEBUG TLS handshake error (tls.handshake-error) localPort = 25, remoteIp = 192.0.2.9",
         MXTLS_SIDE_CLIENT},
        {"Jul 13 18:28:06 vps maddy[2617]: submission: handler error: tls: first record does "
         "not look like a TLS handshake", MXTLS_SIDE_RECEIVER},
    };
    check_sides(cases, sizeof cases / sizeof cases[0]);
    /* a Go server given plain SMTP on its TLS port: the client's mode */
    mxtls_explanation *e = explain("Jul 13 18:28:06 vps maddy[2617]: submission: handler "
                                   "error: tls: first record does not look like a TLS "
                                   "handshake");
    ck_assert_str_eq(cause_id(e, 0), "client.starttls-mismatch");
    mxtls_explanation_free(e);
}
END_TEST

/* Platforms' own numbers and programs' own words for a network or TLS
 * failure (Secure Transport's OSStatus, Home Assistant, nodemailer, a
 * byte dump of a TLS record), each with the near miss one digit, one word
 * or one byte off. */
START_TEST(platform_numbers_and_programs_words)
{
    static const struct first_cause cases[] = {
        /* Rust's getaddrinfo error: EAI_AGAIN is the resolver; a name
         * that does not exist is not its fault first */
        {"email_send_failed: Connection error: failed to lookup address information: Try again",
         "sender.resolver-down", NULL},
        {"email_send_failed: Connection error: failed to lookup address information: Name does "
         "not resolve", NULL, "sender.resolver-down"},
        /* Java's socket timeout, and its reset that is none */
        {"SocketTimeoutException: failed to connect to mail.example.org/192.0.2.1 (port 587) "
         "after 30000ms", "net.timeout", NULL},
        {"java.net.SocketException: Connection reset by peer", NULL, "net.timeout"},
        /* TLS enforced and none offered; offered but too old is not that */
        {"remote mailserver example.org (192.0.2.1): MinimumTlsRequirementNotMetError: Expected "
         "at least TLS1_0 but got TLS_NONE (5.0.0)", "smtp.starttls-missing", NULL},
        {"remote mailserver example.org (192.0.2.1): MinimumTlsRequirementNotMetError: Expected "
         "at least TLS1_2 but got TLS1_0 (5.0.0)", NULL, "smtp.starttls-missing"},
        /* SendGrid's unknown recipient domain; an unknown mailbox is not */
        {"{\"reason\": \"Mail domain mentioned in email address is unknown\", \"email\": "
         "\"a@example.invalid\"}", "dns.nxdomain", NULL},
        {"{\"reason\": \"Mailbox mentioned in email address is unknown\", \"email\": "
         "\"a@example.org\"}", NULL, "dns.nxdomain"},
        /* Exchange Online's NDR in Spanish: a domain that does not exist,
         * and a mailbox that does not */
        {"El mensaje no se pudo entregar. El sistema de nombres de dominio (DNS) ha informado que "
         "el dominio del destinatario no existe.", "dns.nxdomain", NULL},
        {"El mensaje no se pudo entregar. El servidor ha informado que el buzón del destinatario "
         "no existe.", NULL, "dns.nxdomain"},
        /* c-client's failed handshake, and its certificate failure */
        {"TLS/SSL failure: myserver: SSL negotiation failed", "tls.handshake-failed", NULL},
        {"Certificate failure for myserver: self signed certificate: /CN=myserver", NULL,
         "tls.handshake-failed"},
        {"SSH handshake rejected javax.net.ssl.SSLHandshakeException: Unable to find key "
         "material for auth method(s): [ECDHE_ECDSA, ECDHE_RSA, RSA]", "tls.no-shared-cipher",
         NULL},
        /* Stalwart's handshake error event, and its near miss the event of
         * one that completed */
        {"DEBUG TLS handshake error (tls.handshake-error) listenerId = \"smtp\", localPort = 25",
         "tls.handshake-failed", NULL},
        {"DEBUG TLS handshake (tls.handshake) listenerId = \"smtp\", localPort = 25", NULL,
         "tls.handshake-failed"},
        /* .NET's WebException for a channel Schannel could not set up:
         * a failed handshake, at either end; a channel it set up is no
         * fault */
        {"Exception The request failed. The request was aborted: Could not create SSL/TLS "
         "secure channel.", "tls.handshake-failed", NULL},
        {"System.Net Information: Created SSL/TLS secure channel to mail.example.org.", NULL,
         "tls.handshake-failed"},
        {"Email Server Error Code: Web server returned ConnectFailure exception.", "net.timeout",
         NULL},
        /* Outlook's certificate-name warning in German; a certificate
         * merely named is no mismatch */
        {"Der Name des Sicherheitszertifikats ist ungültig oder entspricht nicht dem Namen der "
         "Zielwebsite 'autodiscover.example.org'.", "cert.name-mismatch", NULL},
        {"Der Name des Sicherheitszertifikats lautet mail.example.org.", NULL,
         "cert.name-mismatch"},
        /* Android Email's one dialog for any failed account check names
         * ActiveSync's protocol version; TLS's still counts */
        {"You've typed an incorrect server address or the server requires a protocol version "
         "that Email doesn't support.", NULL, "tls.protocol-old"},
        {"TLS handshake failed: the server requires a protocol version the client does not "
         "support", "tls.protocol-old", NULL},
        /* the client's own certificate run out, not one it failed to send */
        {"The client certificate is no longer valid", "sender.tls-config", NULL},
        {"SSL alert number 116: client certificate required", "tls.client-cert-required",
         NULL},
        /* Oracle Database's wallet is its CA store; the same words
         * without Oracle are the server's certificate */
        {"ORA-29024: Certificate validation failure\nORA-06512: at \"SYS.UTL_SMTP\", line 21",
         "sender.no-ca-store", NULL},
        {"ORA-28759: failure to open file\nORA-06512: at \"SYS.UTL_SMTP\", line 21",
         "sender.no-ca-store", NULL},
        {"DBK_SYS_MAIL.begin_session.open SMTP connection: Certificate validation failure",
         "cert.untrusted", "sender.no-ca-store"},
        {"SYS.UTL_SMTP.starttls: Certificate validation failure", "sender.no-ca-store", NULL},
        /* Postfix's master holding back a daemon that died is no rate
         * limit; a server's throttling is */
        {"postfix/master[4146]: warning: /usr/libexec/postfix/tlsmgr: bad command startup -- "
         "throttling", NULL, "smtp.rate-limited"},
        {"host mx.example.org said: 421 4.7.0 Throttling: too many messages from your IP",
         "smtp.rate-limited", NULL},
        /* Exchange's proxy reply is no rate limit; a plain 451 "try again
         * later" still hints one */
        {"451 4.7.0 Temporary server error. Please try again later. PRX4", NULL,
         "smtp.rate-limited"},
        {"451 4.7.0 Temporary server error. Please try again later.", "smtp.rate-limited", NULL},
        /* Exchange Online's NDR for a host that never answered; its detail
         * names a refusal more strongly */
        {"Despite repeated attempts to contact the recipient's email system it didn't respond.",
         "net.timeout", NULL},
        {"Despite repeated attempts to contact the recipient's email system it didn't respond.\n"
         "Remote Server returned '550 4.4.316 Connection refused [Message=Socket error code "
         "10061]'", "net.refused", NULL},
        /* Secure Transport's OSStatus numbers, as CFNetwork and NSError
         * print them; near misses a longer number that starts the same */
        {"CFNetwork SSLHandshake failed (-9801)", "tls.no-shared-cipher", NULL},
        {"CFNetwork SSLHandshake failed (-98011)", NULL, "tls.no-shared-cipher"},
        {"NSUnderlyingError=0x6000 {Error Domain=kCFErrorDomainCFNetwork Code=-1202 \"(null)\" "
         "UserInfo={_kCFStreamErrorDomainKey=3, _kCFStreamErrorCodeKey=-9813, "
         "NSErrorPeerAddress=192.0.2.7:993}}", "cert.untrusted", NULL},
        {"NSUnderlyingError=0x6000 {Error Domain=kCFErrorDomainCFNetwork Code=-1202 \"(null)\" "
         "UserInfo={_kCFStreamErrorDomainKey=3, _kCFStreamErrorCodeKey=-98130, "
         "NSErrorPeerAddress=192.0.2.7:993}}", NULL, "cert.untrusted"},
        {"Error Domain=kCFStreamErrorDomainSSL Code=-9814 \"(null)\"", "cert.expired", NULL},
        /* fetchers' and Perl's own missing CA store and TLS build; near
         * misses with the words one off */
        {"500 Can't verify SSL peers without knowing which Certificate Authorities to trust",
         "sender.no-ca-store", NULL},
        {"ERROR: No CA certificates and no server fingerprints configured.  You must configure "
         "at least something, otherwise having SSL helps nothing.", "sender.no-ca-store", NULL},
        {"ERROR: CA certificates and server fingerprints configured.", NULL,
         "sender.no-ca-store"},
        {"Error: mbsync built without OpenSSL; only TLSType None is supported.",
         "sender.tls-config", NULL},
        {"Error: mbsync built with OpenSSL; TLSType STARTTLS is supported.", NULL,
         "sender.tls-config"},
        /* a connection to an address of Google's mail servers that got no
         * answer was stopped on the connecting side; near misses another
         * address, a Google address outside its mail networks, and a
         * receiving server's log of Google's own sending host */
        {"dial tcp 74.125.24.108:587: i/o timeout", "net.egress-blocked", NULL},
        {"dial tcp 192.0.2.7:587: i/o timeout", "net.timeout", "net.egress-blocked"},
        {"dial tcp 142.251.9.26:587: i/o timeout", "net.timeout", "net.egress-blocked"},
        {"Mar  1 10:00:00 mx postfix/smtpd[1]: timeout after DATA from "
         "mail-ua1-f54.google.com[209.85.222.54]", NULL, "net.egress-blocked"},
        /* no MTA-STS record is an answer, not a missing domain; near
         * misses another name's lookup, and both together */
        {"=== STS policy\nNot available (lookup _mta-sts.example.com on 192.0.2.53:53: no such "
         "host)\nTLS OK: TLS-1.3 - TLS_AES_128_GCM_SHA256\n=== Success", "tls.ok", NULL},
        {"lookup mail.example.com on 192.0.2.53:53: no such host", "dns.nxdomain", NULL},
        {"Not available (lookup _mta-sts.example.com on 192.0.2.53:53: no such host)\n"
         "dial tcp: lookup mail.example.com on 192.0.2.53:53: no such host", "dns.nxdomain",
         NULL},
        /* WinINet's certificate errors by number and the certificate
         * dialog's words; near misses the next number and the dialog's
         * words for a chain that verified */
        {"ActiveSync error 0x80072f0d", "cert.untrusted", NULL},
        {"ActiveSync error 0x80072f0e", NULL, "cert.untrusted"},
        {"Support code: 80072F06", "cert.name-mismatch", NULL},
        {"This certificate cannot be verified up to a trusted certification authority",
         "cert.untrusted", NULL},
        {"This certificate is verified up to a trusted certification authority", NULL,
         "cert.untrusted"},
        /* a version number of the enhanced status code's form is none;
         * near miss the code after a reply */
        {"Android version: 4.4.4\ncom.fsck.k9.mail.MessagingException: IO Error", NULL,
         "dns.nxdomain"},
        {"451 4.4.4 Unable to route", "dns.nxdomain", NULL},
        /* Android's generic handshake failure is no other protocol; near
         * miss a server's protocol error */
        {"javax.net.ssl.SSLHandshakeException: SSL handshake aborted: ssl=0xa9f14210: Failure "
         "in SSL library, usually a protocol error", "tls.handshake-failed", "smtp.not-smtp"},
        {"SMTP protocol error", "smtp.not-smtp", NULL},
        /* Yahoo's deferral for a sender domain it could not resolve is
         * DNS; near miss its deferral for volume, a limit */
        {"451 Message temporarily deferred due to unresolvable RFC.5321 from domain; see "
         "https://postmaster.yahooinc.com/error-codes", "dns.servfail", NULL},
        {"421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected "
         "volume or user complaints", "smtp.rate-limited", "dns.servfail"},
        /* testssl.sh's POODLE finding is SSLv3 still offered; near miss the
         * same finding not vulnerable */
        {"testssl.sh --starttls smtp mail.example.org:25\nPOODLE, SSL (CVE-2014-3566)    "
         "VULNERABLE (NOT ok), uses SSLv3+CBC", "tls.protocol-old", NULL},
        {"testssl.sh --starttls smtp mail.example.org:25\nPOODLE, SSL (CVE-2014-3566)    "
         "not vulnerable (OK), no SSLv3 support", NULL, "tls.protocol-old"},
        /* a Haraka plugin that never called back is no network timeout;
         * near miss a connection that timed out */
        {"[CRIT] [-] [core] Plugin tls timed out on hook unrecognized_command - make sure it "
         "calls the callback", NULL, "net.timeout"},
        {"[CRIT] [-] [core] connect to mx.example.org timed out", "net.timeout", NULL},
        /* a server that takes SMTP only over TLS; near miss its plain offer */
        {"550 SMTP is available only with SSL or TLS connection enabled.",
         "client.starttls-mismatch", NULL},
        {"250 SMTP is available with or without TLS.", NULL, "client.starttls-mismatch"},
        /* Home Assistant's failed lookup of a provider's host, which
         * resolves everywhere: its own resolver; near miss another host */
        {"ERROR (Thread-2) [homeassistant.components.notify.smtp] SMTP server not found "
         "(smtp.gmail.com:587). Please check the IP address or hostname of your SMTP server",
         "sender.resolver-down", NULL},
        {"ERROR (Thread-2) [homeassistant.components.notify.smtp] SMTP server not found "
         "(mail.example.org:587). Please check the IP address or hostname of your SMTP server",
         "dns.nxdomain", "sender.resolver-down"},
        /* nodemailer on a network without IPv4; near miss its words cut
         * short of the network */
        {"Error: Can not use IPv4 addresses with current network", "net.unreachable", NULL},
        {"Error: Can not use IPv4 addresses", NULL, "net.unreachable"},
        /* a refusal in other words; near miss a reset */
        {"Class = StSmtpException, Msg = SMTP: Open failure.\n[SMTP Failure] = The connection "
         "was refused by the server", "net.refused", NULL},
        {"Class = StSmtpException, Msg = SMTP: Open failure.\n[SMTP Failure] = The connection "
         "was reset by the server", NULL, "net.refused"},
        /* a TLS handshake record dumped as bytes where SMTP was read: the
         * two ends disagree on the port's TLS mode; near misses the same
         * dump of plain SMTP and of a record whose version byte is not 3 */
        {"mail.log - INFO - ('192.0.2.9', 51088) >> b'\\x16\\x03\\x01\\x05\\xc9\\x01\\x00'",
         "client.starttls-mismatch", NULL},
        {"mail.log - INFO - ('192.0.2.9', 51088) >> b'EHLO printer\\r\\n'", NULL,
         "client.starttls-mismatch"},
        {"mail.log - INFO - ('192.0.2.9', 51088) >> b'\\x16\\x30\\x01\\x05\\xc9\\x01\\x00'",
         NULL, "client.starttls-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* an address with the port a program wrote after it is still found */
    mxtls_explanation *a = explain("dial tcp 192.0.2.7:587: i/o timeout");
    ck_assert_uint_eq(a->n_addresses, 1);
    ck_assert_str_eq(a->addresses[0], "192.0.2.7");
    mxtls_explanation_free(a);
    /* Go's net/smtp refusing PLAIN without TLS, whoever's log it is: the
     * program's mode first, a server without STARTTLS listed after it */
    mxtls_explanation *e = explain("err=\"*smtp.plainAuth failed: unencrypted connection\"");
    ck_assert_str_eq(cause_id(e, 0), "client.starttls-mismatch");
    ck_assert(has_cause(e, "smtp.starttls-missing"));
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(redactions_and_a_programs_own_words_are_no_cause)
{
    static const struct first_cause cases[] = {
        /* a redacted address and a masked error number are runs of X,
         * not Cisco's masked STARTTLS */
        {"2022-03-08 23:35:04: Not sending to xxxxxxxxxx@example.com today, already passed "
         "sending limits.", NULL, "smtp.starttls-masked"},
        {"(SSL_connect): error:xxxxxxxx:SSL routines:ssl3_read_bytes:sslv3 alert bad "
         "certificate", NULL, "smtp.starttls-masked"},
        {"port: 587\nstart-tls: yes\nuser: xxxxx\npassword: xxxxxxxx\nlast-status: failed",
         NULL, "smtp.starttls-masked"},
        /* Winsock's numbers as Python on Windows prints them; a number
         * that is none of them says nothing */
        {"Error connecting to smtp.example.org on port 587: [Errno 10061] Connect call failed "
         "('192.0.2.1', 587)", "net.refused", NULL},
        {"Error connecting to smtp.example.org on port 587: [Errno 10610] Connect call failed "
         "('192.0.2.1', 587)", NULL, "net.refused"},
        /* emailjs' and Test-NetConnection's words for a connect that got no
         * answer; an answered connection that failed later is no timeout */
        {"{ [Error: timedout while connecting to smtp server] code: 4, smtp: undefined }",
         "net.timeout", NULL},
        {"WARNING: TCP connect to (192.0.2.1 : 587) failed", "net.timeout", NULL},
        {"WARNING: Ping to 192.0.2.1 failed with status: TimedOut", NULL, "net.timeout"},
        /* Thunderbird's and Rust's words for a wait that timed out */
        {"Connection to mail.example.org:465 failed\"  nsresult: \"0x804b000e "
         "(NS_ERROR_NET_TIMEOUT)\"", "net.timeout", NULL},
        {"[ERROR] SMTP IO error: Resource temporarily unavailable (os error 11)",
         "net.timeout", NULL},
        /* Rust's error number, whatever language the words are in */
        {"[ERROR] SMTP IO error: Connessione rifiutata (os error 111)", "net.refused", NULL},
        /* PHPMailer reading nothing where the greeting of port 465 should
         * be: a plain client on the implicit-TLS port; its near miss spoke
         * TLS first */
        {"Connection: opening to mail.example.org:465, timeout=20, options=array()\n"
         "Connection: opened\nSMTP INBOUND: \"\"\nSERVER -> CLIENT: ",
         "client.starttls-mismatch", NULL},
        {"Connection: opening to ssl://mail.example.org:465, timeout=20, options=array()\n"
         "Connection: opened\nSMTP INBOUND: \"\"\nSERVER -> CLIENT: ", NULL,
         "client.starttls-mismatch"},
        /* its near misses: the command and the EHLO keyword the
         * inspection wrote */
        {"Error upgrading connection with STARTTLS: 500 5.0.0 'XXXXXXXX': command not "
         "understood.", "smtp.starttls-masked", NULL},
        {"250-mx.example.org\n250-PIPELINING\n250-XXXXXXXA\n250 8BITMIME",
         "smtp.starttls-masked", NULL},
        /* a web application's own HTTP request is not OpenSSL's reason
         * for an HTTP request where a TLS hello should be (a server's) */
        {"WARN Error encountered while processing the incoming HTTP request: email_send_failed: "
         "Connection error: Connection refused (os error 111)", "net.refused", NULL},
        /* PEAR Net_SMTP's empty greeting: the client's TLS mode does not
         * fit the port; Roundcube's bare "(Code: -1)" says nothing of it */
        {"Failed to connect to mail.example.org:465 [SMTP: Invalid response code received from "
         "server (code: -1, response: )]", "client.starttls-mismatch", NULL},
        {"SMTP Error: Connection failed:  (Code: -1) in rcube.php on line 1795", NULL,
         "client.starttls-mismatch"},
        /* a server whose key and certificate do not go together, or that
         * cannot load them, has no working TLS */
        {"dovecot: imap-login: Fatal: Can't load private ssl_key: Key is for a different cert "
         "than ssl_cert", "smtp.starttls-refused", NULL},
        {"mail imaps[546]: TLS server engine: cannot load server cert/key data.",
         "smtp.starttls-refused", NULL},
        {"mail imaps[546]: Fatal error: tls_init() failed", "smtp.starttls-refused", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* a web application's log of its own request is no HTTP server
     * answering SMTP; an HTTP status line is */
    mxtls_explanation *w = explain("[ERROR] SMTP IO error: Connection refused (os error 111)\n"
                                   "[INFO] POST /admin/test/smtp (test_smtp) => 400 Bad Request");
    ck_assert(!has_cause(w, "smtp.not-smtp"));
    mxtls_explanation_free(w);
    w = explain("SMTP -> ERROR: HTTP/1.1 400 Bad Request");
    ck_assert(has_cause(w, "smtp.not-smtp"));
    mxtls_explanation_free(w);
    /* a request line ends in "HTTP/1.0": a web server's access log */
    w = explain("notice | [2260]: 192.0.2.5 \"POST /SOGo/Microsoft-Server-ActiveSync?x=1 "
                "HTTP/1.0\" 200 1080/124 772.506 - - 4145M - 12");
    ck_assert(!has_cause(w, "smtp.not-smtp"));
    mxtls_explanation_free(w);
    w = explain("SMTP -> ERROR: HTTP/1.0 200 OK");
    ck_assert(has_cause(w, "smtp.not-smtp"));
    mxtls_explanation_free(w);
    /* a program that connected to port 25 met no outgoing block; its
     * near miss timed out there */
    mxtls_explanation *e = explain("INFO: Connected to smtp.example.org at address 192.0.2.1, "
                                   "port 25\nos_sendmail(1764): WARN: Mail from not accepted "
                                   "by server\nossec-maild(1223): ERROR: Error Sending email "
                                   "to smtp.example.org (smtp server)");
    ck_assert(!has_cause(e, "net.egress-blocked"));
    mxtls_explanation_free(e);
    e = explain("INFO: Connecting to smtp.example.org at address 192.0.2.1, port 25\n"
                "ERROR: Connection timed out");
    ck_assert(has_cause(e, "net.egress-blocked"));
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(an_end_of_file_before_the_certificate_is_a_failed_handshake)
{
    /* s_client's end of file with no certificate yet: the handshake broke
     * off; neither "TLS works" nor "no close_notify" holds */
    mxtls_explanation *e = explain(
        "CONNECTED(00000003)\n"
        "40E7A1C2:error:0A000126:SSL routines:ssl3_read_n:unexpected eof while reading:"
        "ssl/record/rec_layer_s3.c:303:\n---\nno peer certificate available\n---\n"
        "No client certificate CA names sent\nVerify return code: 0 (ok)");
    ck_assert_str_eq(cause_id(e, 0), "tls.handshake-failed");
    ck_assert(!has_cause(e, "tls.no-close-notify"));
    ck_assert(!has_cause(e, "tls.ok"));
    mxtls_explanation_free(e);
    /* its near miss: after a session, the same end of file is benign */
    e = explain("Verify return code: 0 (ok)\n---\n250 2.0.0 Ok: queued\n"
                "40E7A1C2:error:0A000126:SSL routines:ssl3_read_n:unexpected eof while reading:"
                "ssl/record/rec_layer_s3.c:303:");
    ck_assert(has_cause(e, "tls.no-close-notify"));
    ck_assert(!has_cause(e, "tls.handshake-failed"));
    mxtls_explanation_free(e);
    static const struct side_case sides[] = {
        /* Postfix reading a load balancer's PROXY header */
        {"Mar  1 10:00:00 mx postfix/smtpd[901]: warning: haproxy read: lost connection",
         MXTLS_SIDE_RECEIVER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
}
END_TEST

START_TEST(php_words_go_smtp_servers_and_a_refusing_socket)
{
    static const struct first_cause cases[] = {
        /* PHP without its openssl extension; PHP's peer-name check with no
         * name in the certificate */
        {"stream_socket_enable_crypto(): this stream does not support SSL/crypto",
         "sender.tls-config", NULL},
        {"Warning: stream_socket_enable_crypto(): Unable to locate peer certificate CN",
         "cert.name-mismatch", NULL},
        /* PEAR Net_SMTP's empty reply after a socket that never connected
         * (Windows' WSAEACCES) is no TLS mode: the socket was refused */
        {"Failed to connect to mail.example.org:587. [SMTP: Failed to connect socket: An "
         "attempt was made to access a socket in a way forbidden by its access permissions. "
         "(code: -1, response: )]", "net.egress-blocked", "client.starttls-mismatch"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* Go's dialer timing out is the TCP connect, not a wait for the
     * greeting of an implicit-TLS port; a read that timed out there is */
    static const struct first_cause waits[] = {
        {"the receiver timed out: failed to send notification to email address "
         "ops@example.org: dial tcp 192.0.2.1:465: i/o timeout", NULL,
         "client.starttls-mismatch"},
        {"the receiver timed out: failed to send notification to email address "
         "ops@example.org: read tcp 198.51.100.7:51234->192.0.2.1:465: i/o timeout",
         "client.starttls-mismatch", NULL},
    };
    check_first_causes(waits, sizeof waits / sizeof waits[0]);
    static const struct side_case sides[] = {
        /* go-smtp's server log; without its prefix, a program's line */
        {"smtp/server 2023/11/23 16:08:43 handler error: remote error: tls: bad certificate",
         MXTLS_SIDE_RECEIVER},
        {"2023/11/23 16:08:43 handler error: remote error: tls: bad certificate",
         MXTLS_SIDE_CLIENT},
        /* Postfix smtpd's own refusal, and the sender's bounce quoting it */
        {"NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 450 4.7.25 Client host rejected: "
         "cannot find your hostname, [192.0.2.1]", MXTLS_SIDE_RECEIVER},
        {"host mx.example.org[192.0.2.1] said: 450 4.7.25 Client host rejected: cannot find "
         "your hostname, [198.51.100.7] (in reply to RCPT TO command)", MXTLS_SIDE_SENDER},
    };
    check_sides(sides, sizeof sides / sizeof sides[0]);
    /* MesaLink names the alert it received in one word */
    mxtls_explanation *e = explain("error:[0x3000907]:[mesalink]:[src/libssl/ssl.rs:344]:"
                                   "[TLSErrorAlertReceivedHandshakeFailure]");
    ck_assert_int_eq(e->alert, 40);
    ck_assert_int_eq(e->alert_sender, MXTLS_PEER_SERVER);
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(schannel_invalid_token_is_a_version_mismatch_first)
{
    /* SEC_E_INVALID_TOKEN: most often no shared protocol version; a
     * client's TLS meeting a plain greeting stays listed */
    mxtls_explanation *e = explain("System.Security.Authentication.AuthenticationException: A "
                                   "call to SSPI failed ---> System.ComponentModel."
                                   "Win32Exception (0x80090308): The token supplied to the "
                                   "function is invalid");
    ck_assert_str_eq(cause_id(e, 0), "tls.protocol-old");
    ck_assert(has_cause(e, "client.starttls-mismatch"));
    mxtls_explanation_free(e);
    e = explain("SSL error 0x80090308 The token is not valid");
    ck_assert_str_eq(cause_id(e, 0), "tls.protocol-old");
    mxtls_explanation_free(e);
    /* its near miss: another SSPI failure names no version problem */
    e = explain("System.ComponentModel.Win32Exception (0x80090326): The message received was "
                "unexpected or badly formatted");
    ck_assert(e->n_ranked == 0 || strcmp(cause_id(e, 0), "tls.protocol-old") != 0);
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(a_host_firewalls_log_of_a_dropped_mail_connection)
{
    /* ConfigServer Firewall's outgoing block to port 465: the summary
     * names that port, and the check offered is for that host and port */
    mxtls_explanation *e = explain(
        "Aug  4 08:40:02 server kernel: [335054.478160] Firewall: *TCP_OUT Blocked* IN= "
        "OUT=eth0 SRC=192.0.2.10 DST=198.51.100.9 LEN=60 PROTO=TCP SPT=25190 DPT=465 "
        "WINDOW=42340 SYN URGP=0 UID=1001");
    ck_assert_str_eq(cause_id(e, 0), "net.egress-blocked");
    ck_assert_ptr_nonnull(strstr(e->likely_causes[0]->summary, "port 465"));
    ck_assert_ptr_nonnull(strstr(e->suggested_check, "198.51.100.9:465"));
    mxtls_explanation_free(e);
    static const struct first_cause cases[] = {
        {"[UFW BLOCK] IN= OUT=eth0 SRC=192.0.2.10 DST=198.51.100.9 LEN=60 PROTO=TCP "
         "SPT=40000 DPT=25 WINDOW=64240 SYN", "net.egress-blocked", NULL},
        /* near misses: a web port, and a block of incoming mail (a
         * receiving server's firewall, no outgoing block) */
        {"Firewall: *TCP_OUT Blocked* IN= OUT=eth0 SRC=192.0.2.10 DST=198.51.100.9 LEN=60 "
         "PROTO=TCP SPT=25190 DPT=443 WINDOW=42340 SYN", NULL, "net.egress-blocked"},
        {"[UFW BLOCK] IN=eth0 OUT= SRC=198.51.100.9 DST=192.0.2.10 LEN=60 PROTO=TCP "
         "SPT=40000 DPT=25 WINDOW=64240 SYN", NULL, "net.egress-blocked"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(a_servers_tls_settings_it_cannot_start_with)
{
    static const struct first_cause cases[] = {
        {"doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf: ssl enabled, "
         "but ssl_cert not set", "smtp.starttls-refused", NULL},
        {"warn: /etc/mail/host.key: insecure permissions: must be at most rwx------\n"
         "fatal: load_pki_tree: failed to load key file", "smtp.starttls-refused", NULL},
        /* DH parameters missing or unreadable are the server's set-up, not
         * a weak group; a weak group says so and goes first */
        {"imap-login: Error: Diffie-Hellman key exchange requested, but no DH parameters "
         "provided. Set ssl_dh=</path/to/dh.pem", NULL, "tls.weak-dh"},
        {"cyrus/imaps[2393]: inittls: Loading hard-coded DH parameters\ncyrus/imaps[2388]: "
         "imaps TLS negotiation failed: client.example.org [192.0.2.203]", NULL, "tls.weak-dh"},
        {"imap-login: Error: Failed to initialize SSL server context: Can't load DH parameters "
         "(ssl_dh setting): error:1408518A:SSL routines:ssl3_ctx_ctrl:dh key too small",
         "tls.weak-dh", NULL},
        /* gen_smtp's socket timeout; the same tuple from anything else
         * (a database pool) is no network timeout */
        {"{:retries_exceeded, {:network_failure, ~c\"192.0.2.45\", {:error, :timeout}}}",
         "net.timeout", NULL},
        {"DBConnection.ConnectionError: {:error, :timeout} checking out a connection", NULL,
         "net.timeout"},
        /* PHP without OpenSSL has no "ssl" or "tls" transport; a missing
         * other transport says nothing of TLS */
        {"Connection could not be established with host smtp-relay.example.org [Unable to find "
         "the socket transport \"TLS\" - did you forget to enable it when you configured PHP? "
         "#-2125693976]", "sender.tls-config", NULL},
        {"stream_socket_client(): Unable to find the socket transport \"udg\" - did you forget "
         "to enable it when you configured PHP?", NULL, "sender.tls-config"},
        /* Perl without its TLS modules, or with one that does not load;
         * another module that fails to load is no TLS fault */
        {"Can't locate Net/SMTP/SSL.pm in @INC (@INC contains: /etc/perl /usr/share/perl5) at "
         "/usr/lib/git-core/git-send-email line 1441.", "sender.tls-config", NULL},
        {"Scalar::Util::weaken is only avaliable with the XS version at "
         "/Library/Perl/5.8.8/IO/Socket/SSL.pm line 30.\nBEGIN failed--compilation aborted.\n"
         "Compilation failed in require at /Library/Perl/5.8.8/Net/SMTP/SSL.pm line 8.",
         "sender.tls-config", NULL},
        {"Can't locate Authen/SASL.pm in @INC at /usr/lib/git-core/git-send-email line 1441.",
         NULL, "sender.tls-config"},
        /* IO::Socket::SSL refusing the program's own SSL_version */
        {"invalid SSL_version specified at /System/Library/Perl/Extras/5.34/IO/Socket/SSL.pm "
         "line 728.", "sender.tls-config", NULL},
        {"DEBUG: IO::Socket::SSL SSL_version SSLv23:!SSLv2 in use", NULL, "sender.tls-config"},
        {"email: WARNING: No SSL support compiled in. Disabling TLS.", "sender.tls-config", NULL},
        {"email: SSL support compiled in. Starting TLS.", NULL, "sender.tls-config"},
        /* command-line mailers built or installed without TLS */
        {"[C] STARTTLS\n[S] 220 2.0.0 Ready to start TLS\nError: Not Compiled with OpenSSL, "
         "will not try STARTTLS", "sender.tls-config", NULL},
        {"Error: Compiled with OpenSSL 3.0.2, STARTTLS failed", NULL, "sender.tls-config"},
        {"sendEmail[4309]: ERROR => No TLS support!  SendEmail can't load required libraries. "
         "(try installing Net::SSLeay and IO::Socket::SSL)", "sender.tls-config", NULL},
        {"sendEmail[4309]: ERROR => SendEmail can't load the attachment", NULL,
         "sender.tls-config"},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    mxtls_explanation *e = explain("dovecot[25342]: doveconf: Fatal: Error in configuration "
                                   "file /etc/dovecot/dovecot.conf line 12: Unknown setting: "
                                   "ssl_min_protocol");
    ck_assert_int_eq(e->side, MXTLS_SIDE_RECEIVER);
    ck_assert_str_eq(cause_id(e, 0), "smtp.starttls-refused");
    ck_assert(has_cause(e, "net.refused")); /* the daemon did not start */
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(tls_reports_and_dane_probes)
{
    static const struct first_cause cases[] = {
        {"\"failure-details\": [{\"result-type\": \"validation-failure\", "
         "\"receiving-mx-hostname\": \"mail2.example.org\", \"failure-reason-code\": "
         "\"mx-mismatch\"}]", "mtasts.mx-mismatch", NULL},
        {"\"failure-reason-code\" : \"MX_HOSTS_MISMATCH\",\n\"result-type\" : "
         "\"validation-failure\"", "mtasts.mx-mismatch", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* a probe that found no TLSA records: DANE not in use, no fault */
    mxtls_explanation *e = explain("hsh: smtp_lookup_rcpt: Connecting to [192.0.2.85]:25 "
                                   "(DNSSEC)\nhsh: smtp_lookup_rcpt: DANE: No TLSA RR for "
                                   "example.org (falling back to optional TLS)");
    ck_assert(!has_cause(e, "dane.mismatch"));
    ck_assert(!has_cause(e, "dns.dnssec-bogus"));
    mxtls_explanation_free(e);
    /* unbound's "validation failure <NAME TYPE IN>" is DNSSEC; an
     * application's "Certificate validation failure" before a closing tag
     * is not */
    e = explain("unbound[812]: info: validation failure <mail.example.org. A IN>: signature "
                "expired");
    ck_assert_str_eq(cause_id(e, 0), "dns.dnssec-bogus");
    mxtls_explanation_free(e);
    e = explain("<ERR_MSG>open SMTP connection: Certificate validation failure\n</ERR_MSG>");
    ck_assert(!has_cause(e, "dns.dnssec-bogus"));
    mxtls_explanation_free(e);
    /* its near miss found some: the DANE hint stays */
    e = explain("hsh: smtp_lookup_rcpt: Connecting to [192.0.2.85]:25 (DNSSEC)\nhsh: "
                "smtp_lookup_rcpt: DANE: TLSA RR for example.org (verifying the chain)");
    ck_assert(has_cause(e, "dane.mismatch"));
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(gmail_dns_bounces_dotnet_trust_and_decimal_hellos)
{
    static const struct first_cause cases[] = {
        /* Gmail's bounce for a domain that does not exist, wrapped as a
         * mail client quotes it */
        {"Your message wasn't delivered to a@example.org because the\ndomain example.org "
         "couldn't be found. Check for typos or unnecessary\nspaces and try again.",
         "dns.nxdomain", NULL},
        /* the same words over a lookup that failed: its answer decides */
        {"Your message wasn't delivered to a@example.org because the domain example.org "
         "couldn't be found. Check for typos or unnecessary spaces and try again.\n\nThe "
         "response was:\n\nDNS Error: DNS type 'mx' lookup of example.org responded with "
         "code SERVFAIL", "dns.servfail", "dns.nxdomain"},
        /* System.Net's TrustFailure */
        {"System.Net.WebException: The underlying connection was closed: Could not establish "
         "trust relationship for the SSL/TLS secure channel.", "cert.untrusted", NULL},
        /* a TLS hello as CommuniGate Pro logs it, in decimal */
        {"10:06:40.691 5 SMTPI-011473([192.0.2.11]) inp: \\022\\003\\001\n10:06:42.693 5 "
         "SMTPI-011473([192.0.2.11]) out: 501 Unknown command\\r\\n", "client.starttls-mismatch",
         NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* near misses: Gmail's words for a mailbox that does not exist; an
     * NXDOMAIN for the MX host's address, not the domain; trust
     * established; 23 (application data), not 22, before the version */
    static const struct absent_cause near[] = {
        {"Your message wasn't delivered to a@example.org because the address couldn't be "
         "found, or is unable to receive mail.", "dns.nxdomain"},
        {"DNS Error: DNS type 'a' lookup of mail.example.org. responded with code NOERROR",
         "dns.servfail"},
        {"System.Net.WebException: established trust relationship for the SSL/TLS secure "
         "channel", "cert.untrusted"},
        {"10:06:40.691 5 SMTPI-011473([192.0.2.11]) inp: \\023\\003\\001\n10:06:42.693 5 "
         "SMTPI-011473([192.0.2.11]) out: 501 Unknown command\\r\\n", "client.starttls-mismatch"},
    };
    check_absent_causes(near, sizeof near / sizeof near[0]);
}
END_TEST

START_TEST(a_tls_accept_that_timed_out_and_clients_words)
{
    static const struct first_cause cases[] = {
        /* a receiving server's TLS accept that timed out: the
         * connection was made, the handshake stalled */
        {"Jun 12 18:24:28 mx postfix/smtpd[4839]: SSL_accept error from "
         "mail.example.net[192.0.2.7]: Connection timed out\nJun 12 18:24:28 mx "
         "postfix/smtpd[4839]: lost connection after STARTTLS from mail.example.net[192.0.2.7]",
         "tls.handshake-failed", "net.timeout"},
        {"2012-07-11 13:12:25 TLS error on connection from [192.0.2.1] (SSL_accept): timed out",
         "tls.handshake-failed", "net.timeout"},
        /* Exim's greeting timeout: connected, no 220 */
        {"H=192.0.2.7 [192.0.2.7]: SMTP timeout after initial connection: Connection timed out",
         "smtp.no-banner", "net.timeout"},
        /* Exim's own handshake as the connecting side */
        {"1999-03-02 09:44:33 TLS session: (tls lib connect fn): timed out: callout "
         "unencrypted to 127.0.0.1 [127.0.0.1] (not in hosts_require_tls)",
         "tls.handshake-failed", "net.timeout"},
        /* PHP's connect() refused by the machine's own policy */
        {"stream_socket_client(): unable to connect to ssl://mail.example.org:465 (Permission "
         "denied)", "net.egress-blocked", NULL},
        /* MailSo without PHP's ssl:// transport */
        {"IMAP[ERROR]: exception 'MailSo\\Net\\Exceptions\\"
         "SocketUnsuppoterdSecureConnectionException' with message 'SSL isn't supported'",
         "sender.tls-config", NULL},
        {"[E] Unable to verify validity of certificate: <X509Name object "
         "'/CN=SRV.EXAMPLE.LOCAL'>", "cert.untrusted", NULL},
        /* Postfix's words for a failed address lookup, quoted without
         * the name: most often the domain itself does not exist */
        {"Host or domain name not found / Type=A: Host not found", "dns.nxdomain", NULL},
        /* with the name of another host than the recipient's domain: an
         * MX host without an address */
        {"<a@example.org>: Host or domain name not found. Name service error for "
         "name=mx1.example.net type=A: Host not found", "dns.mx-no-address", NULL},
        /* smtplib's exception class alone names a Python client */
        {"SMTPServerDisconnected: Connection unexpectedly closed", "client.starttls-mismatch",
         NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* near misses: a sender's connection that timed out is a timeout; a
     * receiver's timeout on another line than its TLS accept is not the
     * accept's */
    mxtls_explanation *e = explain("postfix/smtp[4839]: connect to mx.example.net[192.0.2.7]:25: "
                                   "Connection timed out");
    ck_assert(has_cause(e, "net.timeout"));
    ck_assert(!has_cause(e, "tls.handshake-failed"));
    mxtls_explanation_free(e);
    e = explain("Jun 12 18:24:28 mx postfix/smtpd[4839]: SSL_accept error from "
                "mail.example.net[192.0.2.7]: lost connection\nJun 12 18:25:28 mx "
                "postfix/smtpd[4839]: timeout after END-OF-MESSAGE from other.example[192.0.2.8]: "
                "Connection timed out");
    ck_assert(has_cause(e, "net.timeout"));
    mxtls_explanation_free(e);
    /* ... listed after it, as a hint, not as a named cause */
    e = explain("Host or domain name not found / Type=A: Host not found");
    ck_assert(has_cause(e, "dns.mx-no-address"));
    for (size_t i = 0; i < e->n_findings; i++)
        if (strcmp(cause_id(e, i), "dns.mx-no-address") == 0)
            ck_assert_int_eq(e->weights[i], 1);
    mxtls_explanation_free(e);
    /* near misses: refused by the server, not the machine; a file the
     * program may not read; the server's own EHLO without STARTTLS; a
     * certificate whose validity was verified */
    static const struct absent_cause near[] = {
        {"stream_socket_client(): unable to connect to ssl://mail.example.org:465 (Connection "
         "refused)", "net.egress-blocked"},
        {"fopen(/etc/ssl/certs/ca.pem): failed to open stream: (Permission denied)",
         "net.egress-blocked"},
        {"IMAP[ERROR]: exception 'MailSo\\Net\\Exceptions\\"
         "SocketUnsuppoterdSecureConnectionException' with message 'STARTTLS is not supported'",
         "sender.tls-config"},
        {"IMAP[ERROR]: exception 'MailSo\\Net\\Exceptions\\"
         "SocketUnsuppoterdSecureConnectionException' with message 'AUTH=PLAIN isn't supported'",
         "sender.tls-config"},
        {"[I] Able to verify validity of certificate: <X509Name object '/CN=SRV.EXAMPLE.LOCAL'>",
         "cert.untrusted"},
        /* without the class's name no program is named, and the words
         * alone say nothing of the TLS mode */
        {"SMTPServer: Connection unexpectedly closed", "client.starttls-mismatch"},
    };
    check_absent_causes(near, sizeof near / sizeof near[0]);
    /* Exim's session failing for another reason, a timeout later on:
     * not the handshake's */
    e = explain("TLS session: (SSL_connect): error: bad record mac\nsmtp.example.org:25: "
                "Connection timed out");
    ck_assert(has_cause(e, "net.timeout") || has_cause(e, "net.egress-blocked"));
    mxtls_explanation_free(e);
    /* Outlook's words for 0x800CCC1A list the port's TLS mode after the
     * client's own settings, as its number does */
    e = explain("Send test email message: Your server does not support the connection "
                "encryption type you have specified. Try changing the encryption method.");
    ck_assert_str_eq(cause_id(e, 0), "sender.tls-config");
    ck_assert(has_cause(e, "client.starttls-mismatch"));
    mxtls_explanation_free(e);
    /* scanners' and testers' own words are a tool's; the same words
     * without the name or the marker are not */
    static const struct side_case tools[] = {
        {"<** Timeout (30 secs) waiting for server response", MXTLS_SIDE_TOOL},
        {"** Timeout (30 secs) waiting for server response", MXTLS_SIDE_CLIENT},
        {"sslyze.errors.ServerRejectedOpportunisticTlsNegotiation: mail.example.org:25 -> "
         "\"SMTP EHLO was rejected\".", MXTLS_SIDE_TOOL},
        {"errors.ServerRejectedOpportunisticTlsNegotiation: mail.example.org:25 -> \"SMTP "
         "EHLO was rejected\".", MXTLS_SIDE_CLIENT},
        {"Nmap scan report for mx.example.org (192.0.2.1)\nHost is up.", MXTLS_SIDE_TOOL},
        {"Fatal error: ./bin/openssl.Linux.x86_64 couldn't establish STARTTLS via smtp to "
         "192.0.2.1:443", MXTLS_SIDE_TOOL},
        {"didn't find starttls in server response, try anyway...", MXTLS_SIDE_TOOL},
        {"| ssl-enum-ciphers:\n|   TLSv1.0:\n|     ciphers:", MXTLS_SIDE_TOOL},
        {"| ssl-enum:\n|   TLSv1.0:\n|     ciphers:", MXTLS_SIDE_CLIENT},
        {"[STARTTLS] In starttls_scan at trustymail.py:117: [Errno 111] Connection refused",
         MXTLS_SIDE_TOOL},
        {"mail-tester: Your reverse DNS does not match with your sending domain.",
         MXTLS_SIDE_TOOL},
    };
    check_sides(tools, sizeof tools / sizeof tools[0]);
    e = explain("SMTPServerDisconnected: Connection unexpectedly closed");
    ck_assert_int_eq(e->side, MXTLS_SIDE_CLIENT);
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(lookups_that_time_out_and_words_of_no_certificate)
{
    static const struct first_cause cases[] = {
        /* Go's resolver timing out inside its dialer, for a host that
         * always resolves: the program's own resolver, not a blocked
         * port */
        {"dial tcp: lookup smtp.sendgrid.net: i/o timeout", "sender.resolver-down",
         "net.egress-blocked"},
        /* the dialer's own timeout to an address stays a connection's */
        {"dial tcp 192.0.2.1:25: i/o timeout", NULL, "sender.resolver-down"},
        /* Swift Mailer's EACCES */
        {"Connection could not be established with host smtp.example.org [Permission denied "
         "#13]", "net.egress-blocked", NULL},
        /* Ruby's openssl before 2.1 */
        {"OpenSSL::SSL::SSLError (hostname was not match with the server certificate)",
         "cert.name-mismatch", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    mxtls_explanation *e = explain("dial tcp: lookup smtp.sendgrid.net: i/o timeout");
    ck_assert(!has_cause(e, "net.egress-blocked"));
    ck_assert(!has_cause(e, "net.timeout"));
    mxtls_explanation_free(e);
    /* a lookup's timeout beside a connection's: the connection's stays */
    e = explain("dial tcp: lookup smtp.sendgrid.net: i/o timeout\ndial tcp 192.0.2.1:25: i/o "
                "timeout");
    ck_assert(has_cause(e, "net.timeout") || has_cause(e, "net.egress-blocked"));
    mxtls_explanation_free(e);
    e = explain("dial tcp: lookup smtp.sendgrid.net: i/o timeout\nsmtp.example.org:587: "
                "Connection timed out");
    ck_assert(has_cause(e, "net.timeout") || has_cause(e, "net.egress-blocked"));
    mxtls_explanation_free(e);
    /* "has expired" said of a timeout, a password, a token: no
     * certificate expired */
    static const struct absent_cause not_certificates[] = {
        {"AH01075: Error dispatching request to : (polling), (70007)The timeout specified has "
         "expired", "cert.expired"},
        {"535 5.7.8 Your password has expired", "cert.expired"},
        {"invalid_grant: Token has expired or revoked", "cert.expired"},
        /* Swift's refusal for another reason is not the machine's policy */
        {"Connection could not be established with host smtp.example.org [Connection refused "
         "#111]", "net.egress-blocked"},
    };
    check_absent_causes(not_certificates, sizeof not_certificates / sizeof not_certificates[0]);
    /* their near miss: a certificate's */
    e = explain("The certificate for this server has expired");
    ck_assert_str_eq(cause_id(e, 0), "cert.expired");
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(bounces_of_missing_domains_and_resolvers_that_do_not_validate)
{
    static const struct first_cause cases[] = {
        /* Postfix's AAAA lookup of the recipient's own domain: no such
         * name */
        {"<a@neko.example.org>: Host or domain name not found. Name service error for "
         "name=neko.example.org type=AAAA: Host not found", "dns.nxdomain", "dns.mx-no-address"},
        /* of another host's: an MX host without an address */
        {"<a@neko.example.org>: Host or domain name not found. Name service error for "
         "name=mx.example.net type=AAAA: Host not found", "dns.mx-no-address", NULL},
        /* Outlook.com's DSN */
        {"Diagnostic-Code: smtp;554 The mail could not be delivered to the recipient because the "
         "domain is not reachable. Please check the domain and try again", "dns.nxdomain", NULL},
        /* a resolver that does not validate at all */
        {"Critical: your DNS resolver isn't doing DNSSEC validation", "sender.resolver-no-dnssec",
         "dns.dnssec-bogus"},
        /* Android's words, as FairEmail shows them */
        {"... Network unreachable ...", "net.unreachable", NULL},
        {"... Host is unresolved ...", "dns.nxdomain", NULL},
        /* the Postfix/TLS patch's own word for a chain that did not
         * verify */
        {"smtp[812]: Unverified: subject_CN=mx.example.org, issuer_CN=Example-CA",
         "cert.untrusted", NULL},
        /* Outlook for iOS and Android */
        {"Secure connection unavailable. Would you like to log in anyway?", "cert.untrusted",
         NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* near misses: the AAAA lookup's "try again" is a failed lookup; the
     * MX host's address stays listed after the domain's own */
    mxtls_explanation *e = explain("<a@neko.example.org>: Host or domain name not found. Name "
                                   "service error for name=neko.example.org type=AAAA: Host not "
                                   "found, try again");
    ck_assert(cause_id(e, 0) == NULL || strcmp(cause_id(e, 0), "dns.nxdomain") != 0);
    mxtls_explanation_free(e);
    e = explain("<a@neko.example.org>: Host or domain name not found. Name service error for "
                "name=neko.example.org type=AAAA: Host not found");
    ck_assert(has_cause(e, "dns.mx-no-address"));
    mxtls_explanation_free(e);
    e = explain("javax.mail.MessagingException: Host is unresolved: imap.example.org");
    ck_assert(has_cause(e, "sender.resolver-down"));
    mxtls_explanation_free(e);
    /* a full mailbox, Exim's retries running out and cPanel's list of
     * every possible reason name no sending limit */
    static const struct absent_cause near[] = {
        {"save to xxxx\n  generated by xxxx\n  mailbox is full: retry timeout exceeded",
         "smtp.rate-limited"},
        {"The number of messages in recipient's mailbox exceeded the local limit.",
         "smtp.rate-limited"},
        {"552 5.2.2 <a@example.org>: quota exceeded", "smtp.rate-limited"},
        {"a@example.org: retry time exceeded", "smtp.rate-limited"},
        {"The mail server could not deliver mail to a@example.net.  The account or domain may "
         "not exist, they may be blacklisted, or missing the proper dns entries.",
         "smtp.rate-limited"},
        /* a validation that failed is still a validation; a network
         * reached; a chain that verified; a secure connection there */
        {"Critical: your DNS resolver is doing DNSSEC validation and it failed",
         "sender.resolver-no-dnssec"},
        {"... Network reachable ...", "net.unreachable"},
        {"smtp[812]: Verified: subject_CN=mx.example.org, issuer_CN=Example-CA",
         "cert.untrusted"},
        {"Secure connection available. Would you like to log in?", "cert.untrusted"},
    };
    check_absent_causes(near, sizeof near / sizeof near[0]);
    /* their near misses: a sending limit exceeded; a block list named
     * outside cPanel's list */
    e = explain("452 4.5.3 Your message rate limit exceeded, try again later");
    ck_assert(has_cause(e, "smtp.rate-limited"));
    mxtls_explanation_free(e);
    e = explain("The mail server could not deliver mail to a@example.net. The sending address is "
                "blacklisted.");
    ck_assert(has_cause(e, "smtp.rate-limited"));
    mxtls_explanation_free(e);
}
END_TEST

START_TEST(test_tools_own_verdicts_and_near_misses)
{
    static const struct first_cause cases[] = {
        {"*** TLS startup failed (connect(): server certificate did not match target host "
         "badhost.example.com)\n*** STARTTLS attempted but failed", "cert.name-mismatch", NULL},
        {"*** --tls-ca-path: /path/to/CAFile is not a valid file or directory.  Exiting.",
         "sender.no-ca-store", NULL},
        {"At least one of your mail server domains does *not* provide DNSSEC proof that DANE "
         "TLSA records do not exist.", "dane.bogus", "dane.mismatch"},
        {"At least one of your mail server domains does *not* have an active DANE scheme for a "
         "reliable rollover of certificate keys.", "dane.no-rollover", "dane.mismatch"},
        {"The trust chain of at least one of your mail server certificates is *not* \ncomplete "
         "and/or *not* signed by a trusted root certificate authority.", "cert.untrusted", NULL},
        {"|   Diffie-Hellman Key Exchange Insufficient Diffie-Hellman Group Strength\n|     "
         "State: VULNERABLE", "tls.weak-dh", NULL},
        {"Accepted  TLSv1.2  256 bits  DHE-RSA-AES256-GCM-SHA384     DHE 1024 bits",
         "tls.weak-dh", NULL},
    };
    check_first_causes(cases, sizeof cases / sizeof cases[0]);
    /* near misses: a file argument of another option; a 2048-bit group */
    static const struct absent_cause near[] = {
        {"*** --attach: /path/to/file is not a valid file or directory.  Exiting.",
         "sender.no-ca-store"},
        {"Accepted  TLSv1.2  256 bits  DHE-RSA-AES256-GCM-SHA384     DHE 2048 bits",
         "tls.weak-dh"},
    };
    check_absent_causes(near, sizeof near / sizeof near[0]);
}
END_TEST

static Suite *explain_suite(void)
{
    Suite *s = suite_create("explain");
    TCase *tc = tcase_create("explain");
    tcase_add_test(tc, gmail_alert_47_points_at_the_rejected_sni);
    tcase_add_test(tc, bare_eof_rustls_gen_smtp_and_checkers_that_say_ok);
    tcase_add_test(tc, refused_greeting_names_and_dotnet_words);
    tcase_add_test(tc, the_port_the_text_names_is_the_one_said);
    tcase_add_test(tc, a_log_of_deliveries_made_says_so);
    tcase_add_test(tc, tools_by_their_own_words);
    tcase_add_test(tc, redactions_and_a_programs_own_words_are_no_cause);
    tcase_add_test(tc, platform_numbers_and_programs_words);
    tcase_add_test(tc, an_end_of_file_before_the_certificate_is_a_failed_handshake);
    tcase_add_test(tc, php_words_go_smtp_servers_and_a_refusing_socket);
    tcase_add_test(tc, schannel_invalid_token_is_a_version_mismatch_first);
    tcase_add_test(tc, a_host_firewalls_log_of_a_dropped_mail_connection);
    tcase_add_test(tc, a_servers_tls_settings_it_cannot_start_with);
    tcase_add_test(tc, tls_reports_and_dane_probes);
    tcase_add_test(tc, gmail_dns_bounces_dotnet_trust_and_decimal_hellos);
    tcase_add_test(tc, a_tls_accept_that_timed_out_and_clients_words);
    tcase_add_test(tc, lookups_that_time_out_and_words_of_no_certificate);
    tcase_add_test(tc, bounces_of_missing_domains_and_resolvers_that_do_not_validate);
    tcase_add_test(tc, test_tools_own_verdicts_and_near_misses);
    tcase_add_test(tc, gmail_certificate_mismatch_suggests_a_submission_check);
    tcase_add_test(tc, timeouts_point_at_a_proxy_only_with_its_address);
    tcase_add_test(tc, certificate_alert_from_the_sender_is_about_the_servers_certificate);
    tcase_add_test(tc, smtp_454_is_starttls_refused);
    tcase_add_test(tc, unrecognised_text_says_what_to_paste);
    tcase_add_test(tc, text_rendering_has_numbered_steps_and_the_check);
    tcase_add_test(tc, bad_arguments_and_huge_input);
    tcase_add_test(tc, a_text_cut_at_64_kib_says_so);
    tcase_add_test(tc, alert_names);
    tcase_add_test(tc, the_side_that_wrote_the_text);
    tcase_add_test(tc, library_tables_and_their_near_misses);
    tcase_add_test(tc, enhanced_status_codes_as_hints);
    tcase_add_test(tc, side_from_the_form_of_the_text);
    tcase_add_test(tc, side_guessed_from_a_bare_text);
    tcase_add_test(tc, side_from_the_arrows_of_a_transcript);
    tcase_add_test(tc, side_of_servers_built_from_libraries);
    tcase_add_test(tc, plain_text_to_a_tls_server_is_the_clients_tls_mode);
    tcase_add_test(tc, an_alert_number_points_where_words_name);
    tcase_add_test(tc, mail_clients_tls_mode_words);
    tcase_add_test(tc, a_symptom_goes_after_a_cause_as_strong);
    tcase_add_test(tc, mta_and_provider_wording_and_near_misses);
    tcase_add_test(tc, structure_of_the_text_and_specific_before_generic);
    tcase_add_test(tc, exchange_failover_lists_the_connectors_certificate);
    tcase_add_test(tc, matched_words_are_quoted_once);
    tcase_add_test(tc, server_internal_error_alert_is_the_alert);
    tcase_add_test(tc, round_three_wordings_and_their_near_misses);
    tcase_add_test(tc, an_article_left_out_or_added_still_matches);
    tcase_add_test(tc, round_four_wordings_and_their_near_misses);
    tcase_add_test(tc, round_five_wordings_and_their_near_misses);
    tcase_add_test(tc, round_six_wordings_and_their_near_misses);
    tcase_add_test(tc, round_seven_wordings_and_their_near_misses);
    tcase_add_test(tc, socket_numbers_plugins_and_garbage_commands);
    tcase_add_test(tc, round_eight_wordings_and_their_near_misses);
    tcase_add_test(tc, round_ten_wordings_and_their_near_misses);
    tcase_add_test(tc, vocabulary_from_library_sources_and_near_misses);
    tcase_add_test(tc, mta_vocabulary_from_sources_and_near_misses);
    tcase_add_test(tc, mail_vocabulary_from_sources_and_near_misses);
    tcase_add_test(tc, a_programs_own_ca_store_is_listed_not_first);
    tcase_add_test(tc, hosts_every_program_reaches_and_near_misses);
    tcase_add_test(tc, a_server_that_cannot_load_its_tls_and_near_misses);
    tcase_add_test(tc, round_twelve_wordings_and_their_near_misses);
    tcase_add_test(tc, localised_messages_and_near_misses);
    tcase_add_test(tc, alert_direction_in_go_and_openssl_words);
    tcase_add_test(tc, wrappers_do_not_vote_but_a_servers_html_reply_does);
    tcase_add_test(tc, packages_default_self_signed_certificates);
    tcase_add_test(tc, command_line_tools_by_their_output);
    tcase_add_test(tc, certificate_names_listed_by_posttls_finger);
    tcase_add_test(tc, handshakes_that_fail_where_a_reason_is_implied);
    tcase_add_test(tc, a_failed_tlsa_lookup_and_the_resolvers_extended_error);
    tcase_add_test(tc, missing_ca_files_local_clients_and_failed_connections);
    tcase_add_test(tc, null_mx_lookups_address_blocks_and_exclusive_tls_modes);
    tcase_add_test(tc, masked_greetings_and_a_greeting_read_as_the_ehlo_reply);
    tcase_add_test(tc, the_senders_own_resolver_and_lookups_of_hosts);
    tcase_add_test(tc, providers_demanding_tls_and_go_dialer_timeouts);
    tcase_add_test(tc, provider_bounces_empty_answers_and_greetings);
    tcase_add_test(tc, online_checkers_and_what_they_waited_for);
    tcase_add_test(tc, windows_mail_servers_events);
    tcase_add_test(tc, gmail_fetcher_and_exchange_online_dane_bounces);
    tcase_add_test(tc, missing_ipv6_and_a_programs_words_without_its_name);
    tcase_add_test(tc, an_internet_scanners_visit_is_set_aside);
    tcase_add_test(tc, lines_that_are_not_the_failure_and_logins_before_tls);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(explain_suite());
}
