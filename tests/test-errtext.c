/* The error-text parser behind mxtls_explain(), on texts as users paste them. */
#include <stdio.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "../src/diagnose/errtext.h"
#include "../src/diagnose/errtext_delivered.h"
#include "../src/diagnose/errtext_headers.h"
#include "../src/diagnose/errtext_markup.h"
#include "../src/diagnose/errtext_norm.h"
#include "../src/diagnose/errtext_scanners.h"
#include "../src/diagnose/explain_rules.h"
#include "testlib.h"

static struct mxtls__error_facts parse(const char *text)
{
    struct mxtls__error_facts f;
    mxtls__errtext_parse(text, strlen(text), &f);
    return f;
}

START_TEST(gmail_alert_47_is_sent_by_the_server_and_71_is_not_an_alert)
{
    struct mxtls__error_facts f = parse(
        "TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): "
        "generic::failed_precondition: starttls error (71): "
        "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_ILLEGAL_PARAMETER: "
        "error:1000009a:SSL routines:OPENSSL_internal:HANDSHAKE_FAILURE_ON_CLIENT_HELLO: "
        "SSL alert number 47");
    ck_assert_int_eq(f.source, MXTLS_TEXT_GMAIL);
    ck_assert_int_eq(f.alert, 47);
    ck_assert_int_eq(f.alert_sender, MXTLS_PEER_SERVER);
    ck_assert_int_eq(f.gmail_starttls_error, 71);
    ck_assert(f.flags & ERR_TLS_NEGOTIATION_FAILED);
    ck_assert(!(f.flags & ERR_NO_SHARED_CIPHER)); /* 71 must not read as insufficient_security */
}
END_TEST

START_TEST(gmail_71_without_alert_has_no_alert)
{
    struct mxtls__error_facts f =
        parse("TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71)");
    ck_assert_int_eq(f.alert, -1);
    ck_assert_int_eq(f.alert_sender, MXTLS_PEER_UNKNOWN);
    ck_assert_int_eq(f.gmail_starttls_error, 71);
}
END_TEST

START_TEST(gmail_certificate_does_not_match)
{
    struct mxtls__error_facts f =
        parse("TLS Negotiation failed, the certificate doesn't match the host.");
    ck_assert_int_eq(f.source, MXTLS_TEXT_GMAIL);
    ck_assert(f.flags & ERR_CERT_NAME_MISMATCH);
    ck_assert_int_eq(f.alert, -1);
}
END_TEST

START_TEST(gmail_bounce_names_the_host_and_timeout)
{
    struct mxtls__error_facts f = parse(
        "The recipient server did not accept our requests to connect. "
        "[mx1.example.com. 104.16.1.1: timed out]");
    ck_assert_str_eq(f.host, "mx1.example.com");
    ck_assert(f.flags & ERR_TIMEOUT);
}
END_TEST

START_TEST(boringssl_packed_codes_and_names)
{
    struct mxtls__error_facts f = parse(
        "error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION");
    ck_assert_int_eq(f.source, MXTLS_TEXT_BORINGSSL);
    ck_assert_int_eq(f.alert, 70);
    ck_assert_int_eq(f.alert_sender, MXTLS_PEER_SERVER);
    f = parse("error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA");
    ck_assert_int_eq(f.alert, 48);
    f = parse("SSL routines:OPENSSL_internal:TLSV1_ALERT_USER_CANCELLED");
    ck_assert_int_eq(f.alert, 90);
    /* A packed code alone, with an unhelpful reason text. */
    f = parse("error:10000470:SSL routines:OPENSSL_internal:reason(1136)");
    ck_assert_int_eq(f.alert, 136);
}
END_TEST

START_TEST(openssl_1_1_and_3_codes)
{
    struct mxtls__error_facts f = parse(
        "140353:error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:"
        "../ssl/record/rec_layer_s3.c:1543:SSL alert number 40");
    ck_assert_int_eq(f.source, MXTLS_TEXT_OPENSSL);
    ck_assert_int_eq(f.alert, 40);
    f = parse("error:0A00042E:SSL routines::tlsv1 alert protocol version");
    ck_assert_int_eq(f.alert, 70);
    ck_assert(f.flags & ERR_PROTOCOL_VERSION);
    f = parse("error:0A00010B:SSL routines::wrong version number");
    ck_assert_int_eq(f.alert, -1); /* reason 0x10b is not an alert */
    ck_assert(f.flags & ERR_NOT_TLS);
    /* A non-SSL library's code is not an alert. */
    f = parse("error:0480006C:PEM routines::no start line");
    ck_assert_int_eq(f.alert, -1);
}
END_TEST

START_TEST(postfix_client_log)
{
    struct mxtls__error_facts f = parse(
        "Nov 23 10:01:02 relay postfix/smtp[4242]: SSL_connect error to "
        "mx.example.net[192.0.2.25]:25: -1\n"
        "Nov 23 10:01:02 relay postfix/smtp[4242]: warning: TLS library problem: "
        "error:0A000418:SSL routines::tlsv1 alert unknown ca:ssl/record/rec_layer_s3.c:1584:"
        "SSL alert number 48:");
    ck_assert_int_eq(f.source, MXTLS_TEXT_POSTFIX);
    ck_assert_str_eq(f.host, "mx.example.net");
    ck_assert_int_eq(f.alert, 48);
    ck_assert_int_eq(f.alert_sender, MXTLS_PEER_SERVER);
    ck_assert_int_eq(f.logged_by_server, 0);
}
END_TEST

START_TEST(postfix_server_log_alert_comes_from_the_client)
{
    struct mxtls__error_facts f = parse(
        "postfix/smtpd[99]: SSL_accept error from mail-ed1.google.com[209.85.1.1]: -1\n"
        "postfix/smtpd[99]: warning: TLS library problem: error:0A000416:SSL routines::"
        "sslv3 alert certificate unknown:SSL alert number 46:");
    ck_assert_int_eq(f.logged_by_server, 1);
    ck_assert_int_eq(f.alert, 46);
    ck_assert_int_eq(f.alert_sender, MXTLS_PEER_CLIENT);
    ck_assert_str_eq(f.host, "mail-ed1.google.com");
}
END_TEST

START_TEST(postfix_454_and_missing_starttls)
{
    struct mxtls__error_facts f = parse(
        "postfix/smtp[1]: host mx.example.org[192.0.2.2] said: 454 4.7.0 TLS not available "
        "due to local problem (in reply to STARTTLS command)");
    ck_assert_int_eq(f.smtp_code, 454);
    ck_assert(f.flags & ERR_CERT_LOAD);
    ck_assert_str_eq(f.host, "mx.example.org");
    f = parse("postfix/smtp[1]: TLS is required, but was not offered by host "
              "mx.example.org[192.0.2.2]");
    ck_assert(f.flags & ERR_STARTTLS_NOT_OFFERED);
    ck_assert_int_eq(f.smtp_code, 0);
    f = parse("postfix/smtp[1]: connect to mx.example.org[192.0.2.2]:25: Connection refused");
    ck_assert(f.flags & ERR_REFUSED);
}
END_TEST

START_TEST(exim_gnutls_server_rejecting_sni)
{
    /* The receiving Exim logs that it found an illegal parameter: it sent 47. */
    struct mxtls__error_facts f = parse(
        "2026-11-20 10:00:00 TLS error on connection from mail-wm1.google.com "
        "[209.85.1.2] (gnutls_handshake): An illegal parameter has been received.");
    ck_assert_int_eq(f.source, MXTLS_TEXT_EXIM);
    ck_assert_int_eq(f.alert, 47);
    ck_assert_int_eq(f.alert_sender, MXTLS_PEER_SERVER);
    ck_assert_str_eq(f.host, "mail-wm1.google.com");
}
END_TEST

START_TEST(exim_client_receiving_alert)
{
    struct mxtls__error_facts f = parse(
        "TLS error on connection to mx.example.com [192.0.2.9] (gnutls_handshake): "
        "A TLS fatal alert has been received.");
    ck_assert_int_eq(f.source, MXTLS_TEXT_EXIM);
    ck_assert_int_eq(f.logged_by_server, 0);
    ck_assert_str_eq(f.host, "mx.example.com");
    ck_assert_int_eq(f.alert, -1); /* GnuTLS did not say which */
}
END_TEST

START_TEST(certificate_words)
{
    struct mxtls__error_facts f = parse("certificate verify failed: self-signed certificate");
    ck_assert(f.flags & ERR_CERT_SELF_SIGNED);
    ck_assert(f.flags & ERR_CERT_UNTRUSTED);
    f = parse("verify error:num=10:certificate has expired");
    ck_assert(f.flags & ERR_CERT_EXPIRED);
    f = parse("The certificate is NOT trusted. The certificate issuer is unknown.");
    ck_assert(f.flags & ERR_CERT_UNTRUSTED);
}
END_TEST

/* Alerts in the spellings of Go, Java, rustls, GnuTLS and SChannel, and
 * which side sent them. Near misses: a text that is not an alert name
 * after the same words, and one word off the phrase. */
START_TEST(alert_names_in_every_library_spelling)
{
    static const struct {
        const char *text;
        int32_t alert;
        int32_t sender;
    } cases[] = {
        /* a client's (sender's) log: the server sent what it received */
        {"x509 ok; remote error: tls: bad certificate", 42, MXTLS_PEER_SERVER},
        {"remote error: tls: unknown certificate authority", 48, MXTLS_PEER_SERVER},
        {"remote error: tls: protocol version not supported", 70, MXTLS_PEER_SERVER},
        /* the longest name wins over its prefix */
        {"remote error: tls: bad certificate status response", 113, MXTLS_PEER_SERVER},
        {"local error: tls: unexpected message", 10, MXTLS_PEER_CLIENT},
        {"javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure", 40,
         MXTLS_PEER_SERVER},
        {"rustls: received fatal alert: HandshakeFailure", 40, MXTLS_PEER_SERVER},
        {"*** Received alert [112]: The server name sent was not recognized", 112,
         MXTLS_PEER_SERVER},
        {"A TLS fatal alert has been received: CA is unknown", 48, MXTLS_PEER_SERVER},
        {"R=client T=send_to_server defer (-37) H=mx.example.org [192.0.2.7]: TLS session: "
         "(gnutls_handshake): rxd alert: Internal error", 80, MXTLS_PEER_SERVER},
        {"A fatal alert was received from the remote endpoint. The TLS protocol defined "
         "fatal alert code is 40.", 40, MXTLS_PEER_SERVER},
        {"A fatal alert was generated and sent to the remote endpoint. The TLS protocol "
         "defined fatal alert code is 48.", 48, MXTLS_PEER_CLIENT},
        {"error:0A000458:SSL routines::tlsv1 unrecognized name", 112, MXTLS_PEER_SERVER},
        /* SChannel's 36888 and 36887 as older Windows words them */
        {"A fatal warning has been generated and sent to the remote endpoint. This may result "
         "in the connection being terminated. The fatal\nWarning has the following code defined "
         "for the TLS protocol: 10. The Windows-SChannel error status is: 1203",
         10, MXTLS_PEER_CLIENT},
        {"A fatal alert was generated and sent to the remote endpoint. The TLS protocol defined "
         "fatal error code is 20. The Windows SChannel error state is 960.", 20,
         MXTLS_PEER_CLIENT},
        {"The following fatal alert was generated: 40. The internal error state is 252.", 40,
         MXTLS_PEER_CLIENT},
        {"The following fatal alert was received: 46.", 46, MXTLS_PEER_SERVER},
        /* near misses */
        {"The following fatal alert was generated: . The internal error state is 252.", -1, 0},
        {"The Warning has the following code defined for the TLS protocol: none", -1, 0},
        {"remote error: tls: something odd happened", -1, 0},
        {"remote error: tcp: bad certificate", -1, 0},
        {"Received fatal alert: ", -1, 0},
        {"A TLS fatal alert has been received.", -1, 0},
        {"TLS session: (gnutls_handshake): rxd alert: ", -1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct mxtls__error_facts f = parse(cases[i].text);
        ck_assert_msg(f.alert == cases[i].alert, "%zu: alert %d", i, (int)f.alert);
        if (cases[i].alert >= 0)
            ck_assert_msg(f.alert_sender == cases[i].sender, "%zu: sender %d", i,
                          (int)f.alert_sender);
    }
    /* In the receiving server's own log, a received alert came from the client. */
    struct mxtls__error_facts f = parse("Dec 4 postfix/smtpd[1]: connection from x: "
                                        "Received fatal alert: certificate_unknown");
    ck_assert_int_eq(f.alert, 46);
    ck_assert_int_eq(f.alert_sender, MXTLS_PEER_CLIENT);
}
END_TEST

START_TEST(unknown_and_hostile_text)
{
    struct mxtls__error_facts f = parse("the printer is on fire");
    ck_assert_int_eq(f.source, MXTLS_TEXT_UNKNOWN);
    ck_assert_uint_eq(f.flags, 0);
    ck_assert_int_eq(f.alert, -1);
    ck_assert_str_eq(f.host, "");
    mxtls__errtext_parse(NULL, 0, &f);
    ck_assert_int_eq(f.alert, -1);
    /* Bounded: a huge host-like token and unterminated numbers do not overflow. */
    static char big[100000];
    memset(big, 'a', sizeof big);
    memcpy(big + 50000, ".example[", 9);
    memcpy(big + sizeof big - 20, "alert number 9999", 17);
    mxtls__errtext_parse(big, sizeof big, &f);
    ck_assert_uint_lt(strlen(f.host), sizeof f.host);
    f = parse("SSL alert number ");
    ck_assert_int_eq(f.alert, -1);
    f = parse("error:1000042");
    ck_assert_int_eq(f.alert, -1);
}
END_TEST

/* Where the text names its alert: the words a certificate alert from the
 * other side must not lend to a cause about this side's certificate. */
START_TEST(where_the_alert_is_named)
{
    static const struct {
        const char *text;
        int32_t alert;
        const char *words; /* "": named by number only */
    } cases[] = {
        {"dial tcp 192.0.2.1:465: remote error: tls: unknown certificate authority", 48,
         "unknown certificate authority"},
        {"local error: tls: bad certificate", 42, "bad certificate"},
        {"error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:s3_pkt.c:1472:"
         "SSL alert number 48:", 48, "unknown ca"},
        {"[SSL: SSLV3_ALERT_BAD_CERTIFICATE] sslv3 alert bad certificate (_ssl.c:1129)", 42,
         "BAD_CERTIFICATE"},
        {"warning: TLS library problem: SSL alert number 48", 48, ""},
        /* the number and the reason disagree: the number's alert, no words */
        {"tlsv1 alert unknown ca: SSL alert number 42", 42, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct mxtls__error_facts f = parse(cases[i].text);
        ck_assert_msg(f.alert == cases[i].alert, "%zu: alert %d", i, (int)f.alert);
        ck_assert_msg(f.alert_words_len == strlen(cases[i].words) &&
                          strncmp(cases[i].text + f.alert_words_at, cases[i].words,
                                  f.alert_words_len) == 0,
                      "%zu: words \"%.*s\"", i, (int)f.alert_words_len,
                      cases[i].text + f.alert_words_at);
    }
}
END_TEST

/* host:port as URLs and openssl s_client's -connect write it, IPv6
 * literals in brackets; a malformed one gives no host and no port. */
START_TEST(host_and_port_with_ipv6_literals)
{
    static const struct {
        const char *text;
        const char *host; /* NULL: none */
        int32_t port;
    } cases[] = {
        {"[2001:db8::25]:465 -starttls smtp", "2001:db8::25", 465},
        {"[::1]:25", "::1", 25},
        {"[2001:25::1]:993", "2001:25::1", 993},   /* a group is no port */
        {"[2001:db8::25]", "2001:db8::25", -1},
        {"mail.example.com:587 -crlf", "mail.example.com", 587},
        {"192.0.2.25:465.", "192.0.2.25", 465},    /* a sentence's full stop */
        {"smtp.example.com:465: i/o timeout", "smtp.example.com", 465}, /* Go's dial */
        {"2001:25::1", "2001:25::1", -1},          /* bare: its groups are no port */
        {"::ffff:192.0.2.1", "::ffff:192.0.2.1", -1},
        {"192.0.2.7:465: i/o timeout", "192.0.2.7", 465}, /* no IPv6 in it */
        {"2001:db8::7: refused", "2001:db8::7", -1},   /* Go's bare v6 then ':' */
        {"2001:db8::25 -port 25", "2001:db8::25", -1},
        {"mx.example.org:99999", "mx.example.org", -1},
        {"mx.example.org:0db8", "mx.example.org", -1},
        /* malformed: no closing bracket, so neither host nor port */
        {"[2001:db8::25:465 -starttls smtp", NULL, -1},
        {"[2001:db8::25", NULL, -1},
        {"[", NULL, -1},
        {"[]:25", NULL, -1},
        {"", NULL, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t at = 99, n = 99;
        int32_t port = 0;
        size_t read = mxtls__errtext_host_port(cases[i].text, strlen(cases[i].text), &at, &n,
                                               &port);
        ck_assert_msg(port == cases[i].port, "%zu: port %d", i, (int)port);
        if (cases[i].host == NULL) {
            ck_assert_msg(read == 0, "%zu: read %zu", i, read);
            continue;
        }
        ck_assert_msg(read > 0 && n == strlen(cases[i].host) &&
                          strncmp(cases[i].text + at, cases[i].host, n) == 0,
                      "%zu: host %.*s", i, (int)n, cases[i].text + at);
    }
    /* openssl s_client's target is the host of the facts, with its port */
    struct mxtls__error_facts f =
        parse("$ openssl s_client -connect [2001:db8::25]:465 -starttls smtp\n"
              "Didn't find STARTTLS in server response, trying anyway...");
    ck_assert_str_eq(f.host, "2001:db8::25");
    ck_assert_int_eq(f.port, 465);
    f = parse("$ openssl s_client -connect [2001:db8::25:465 -starttls smtp");
    ck_assert_str_eq(f.host, "");
    ck_assert_int_eq(f.port, -1);
    f = parse("postfix/smtp[1]: connect to mx.example.org[192.0.2.1]:25: Connection refused");
    ck_assert_str_eq(f.host, "mx.example.org");
    ck_assert_int_eq(f.port, -1);
    /* Go's net.Dial and Node's connect errors name their target too */
    f = parse("send failed: dial tcp 192.0.2.7:465: i/o timeout");
    ck_assert_str_eq(f.host, "192.0.2.7");
    ck_assert_int_eq(f.port, 465);
    f = parse("dial tcp [2001:db8::7]:25: connect: connection refused");
    ck_assert_str_eq(f.host, "2001:db8::7");
    ck_assert_int_eq(f.port, 25);
    f = parse("dial tcp: lookup smtp.example.net on 127.0.0.53:53: no such host");
    ck_assert_str_eq(f.host, "smtp.example.net");
    ck_assert_int_eq(f.port, -1);
    f = parse("Error: connect ETIMEDOUT 198.51.100.4:587");
    ck_assert_str_eq(f.host, "198.51.100.4");
    ck_assert_int_eq(f.port, 587);
    f = parse("Failed to send email. Reason: getaddrinfo EAI_AGAIN smtp.example.net:587");
    ck_assert_str_eq(f.host, "smtp.example.net");
    ck_assert_int_eq(f.port, 587);
    f = parse("{ [Error: getaddrinfo ENOTFOUND smtp.example.net]\n  code: 'ENOTFOUND' }");
    ck_assert_str_eq(f.host, "smtp.example.net");
    /* near misses: no target after the words, or a bare word */
    f = parse("dial tcp: i/o timeout");
    ck_assert_str_eq(f.host, "");
    f = parse("connect ETIMEDOUT localhost");
    ck_assert_str_eq(f.host, "");
    f = parse("getaddrinfo ENOTFOUND http http:587");
    ck_assert_str_eq(f.host, "");
}
END_TEST

static char *normal(const char *in)
{
    struct mxtls__normtext t;
    ck_assert_int_eq(mxtls__errtext_normalize(in, strlen(in), &t), 0);
    ck_assert_uint_eq(strlen(t.text), t.len);
    ck_assert_uint_le(t.len, strlen(in));
    for (size_t i = 0; i < t.len; i++)   /* origins move forward, inside the input */
        ck_assert(t.origin[i] < strlen(in) && (i == 0 || t.origin[i] > t.origin[i - 1]));
    static char copy[512];
    snprintf(copy, sizeof copy, "%s", t.text);
    mxtls__normtext_free(&t);
    return copy;
}

/* How a text was copied does not change it (issue 16): a web page's quotes
 * and entities, a mail client's wrapping and quote marks, quoted-printable. */
START_TEST(normal_form_of_pasted_text)
{
    ck_assert_str_eq(normal("the certificate doesn\xe2\x80\x99t match the host"),
                     "the certificate doesn't match the host");
    ck_assert_str_eq(normal("\xe2\x80\x9cTLS\xc2\xa0Negotiation failed\xe2\x80\x9d"),
                     "\"TLS Negotiation failed\"");
    ck_assert_str_eq(normal("doesn&#39;t match &amp; &lt;host&gt;<br/>next"),
                     "doesn't match & <host> next");
    ck_assert_str_eq(normal("TLS Negotiation fa=\niled: starttls error (71)=3D"),
                     "TLS Negotiation failed: starttls error (71)=");
    ck_assert_str_eq(normal("doesn=E2=80=99t match"), "doesn't match");
    ck_assert_str_eq(normal("> SSL alert\n>    number 47\r\n\n  end"),
                     "> SSL alert number 47 end");
    ck_assert_str_eq(normal("a\t\t b\xe2\x80\x8b" "c\xef\xbb\xbf"), "a bc");
    /* Numeric references to typography or ASCII, and the apostrophes of
     * other keyboards. */
    ck_assert_str_eq(normal("doesn&#8217;t doesn&#x2019;t doesn&#X2019;t &#60;x&#62;&#160;y"),
                     "doesn't doesn't doesn't <x> y");
    ck_assert_str_eq(normal("doesn\xc2\xb4t doesn`t doesn\xca\xbct doesn\xef\xbc\x87t"),
                     "doesn't doesn't doesn't doesn't");
    /* Near misses: an '=' that is no quoted-printable, an address in <>,
     * and UTF-8 that is not typography stay as they are. */
    ck_assert_str_eq(normal("key=value a=b"), "key=value a=b");
    /* ... references that are not well formed, or name a control
     * character or one beyond U+FFFF, stay as text; one that names a
     * letter of another language is that letter, in UTF-8 (a forum's
     * copy of "Le certificat reçu a expiré"). */
    ck_assert_str_eq(normal("&#8217 &#; &#x; &#xZ; &#99999999; &#x1F600; &#7; &#x9f;"),
                     "&#8217 &#; &#x; &#xZ; &#99999999; &#x1F600; &#7; &#x9f;");
    ck_assert_str_eq(normal("re&#231;u a expir&#xe9; &#x4e2d;"),
                     "re\xc3\xa7u a expir\xc3\xa9 \xe4\xb8\xad");
    ck_assert_str_eq(normal("x &#"), "x &#");
    /* A text copied out of JSON (a webhook's bounce event): its escapes
     * read as what they stand for, a letter as that letter; a log's own
     * octal escapes, \uXXXX of a control character or half a surrogate
     * pair, and a cut escape stay as they are. */
    ck_assert_str_eq(normal("\\\"doesn\\u2019t match\\\"\\nSSL alert\\r\\n\\tnumber 47 a\\/b"),
                     "\"doesn't match\" SSL alert number 47 a/b");
    ck_assert_str_eq(normal("\\\\026\\\\003"), "\\026\\003");
    ck_assert_str_eq(normal("\\026\\003 caf\\u00e9 \\u12 \\u12g4 \\x \\"),
                     "\\026\\003 caf\xc3\xa9 \\u12 \\u12g4 \\x \\");
    ck_assert_str_eq(normal("\\u0007 \\ud83d \\u0141a\\u0144cuch"),
                     "\\u0007 \\ud83d \xc5\x81" "a\xc5\x84" "cuch");
    /* ... and escaped once more (an HTML page's copy of a JSON log, a
     * JSON string holding one), a quote is still a quote; a backslash
     * before anything else stays. */
    ck_assert_str_eq(normal("got code \\&quot;\\&quot;, with message \\\\\\\"x\\\\\\\""),
                     "got code \"\", with message \"x\"");
    ck_assert_str_eq(normal("C:\\\\dir\\\\ x \\&amp;"), "C:\\dir\\ x \\&");
    ck_assert_str_eq(normal("from=<user@example.com> caf\xc3\xa9 x"),
                     "from=<user@example.com> caf\xc3\xa9 x");
    /* "=20" is quoted-printable only where an encoder writes it, at the
     * end of a line; OpenSSL's verify code and an address are values. */
    ck_assert_str_eq(normal("a blank=20\nnext=C3=A9"), "a blank next\xc3\xa9");
    ck_assert_str_eq(normal("verify error:num=20:unable to get local issuer certificate"),
                     "verify error:num=20:unable to get local issuer certificate");
    ck_assert_str_eq(normal("rip=203.0.113.2, t=2022-04-12"), "rip=203.0.113.2, t=2022-04-12");
    ck_assert_str_eq(normal(""), "");
    ck_assert_str_eq(normal("   \n\n  "), "");
}
END_TEST

/* A phrase of the rules or of the libraries' vocabulary is matched
 * against the normal form of a text, folded to lower case: a phrase that
 * is not in that form itself (a capital, a typographic quote, two
 * blanks) can never match, and nothing else would say so. Blanks at its
 * ends are kept on purpose (" 5.7.321 "), so they are not compared. */
static void check_phrases_are_normal(const struct mxtls__cause_rule *rules, size_t n,
                                     const char *table)
{
    for (size_t r = 0; r < n; r++)
        for (const char *const *p = rules[r].phrases; *p; p++) {
            size_t len = strlen(*p), from = 0;
            while (from < len && (*p)[from] == ' ')
                from++;
            while (len > from && (*p)[len - 1] == ' ')
                len--;
            char inner[512];
            ck_assert_uint_lt(len - from, sizeof inner);
            memcpy(inner, *p + from, len - from);
            inner[len - from] = '\0';
            for (const char *c = inner; *c; c++)
                ck_assert_msg(!(*c >= 'A' && *c <= 'Z'), "%s rule %zu: \"%s\" has a capital",
                              table, r, *p);
            ck_assert_msg(strcmp(normal(inner), inner) == 0, "%s rule %zu: \"%s\" is not normal",
                          table, r, *p);
        }
}

/* Is the two-octet UTF-8 letter at s upper case (Latin-1 and Latin
 * Extended-A: "Ü", "É", "Ł", "Ż"; Cyrillic "С", "І"; Greek "Σ")? Matching
 * lowers those letters in the text, so a phrase holding one could never
 * match. */
static int upper_outside_ascii(const unsigned char *s)
{
    if (s[0] < 0xc2 || s[0] > 0xdf || (s[1] & 0xc0) != 0x80)
        return 0;
    unsigned cp = (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
    if (cp >= 0xc0 && cp <= 0xde)
        return cp != 0xd7;
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177))
        return cp % 2 == 0;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
        return cp % 2 == 1;
    if (cp >= 0x391 && cp <= 0x3a9)
        return cp != 0x3a2;
    return cp == 0x178 || (cp >= 0x400 && cp <= 0x42f);
}

static void check_no_upper_outside_ascii(const struct mxtls__cause_rule *rules, size_t n,
                                         const char *table)
{
    for (size_t r = 0; r < n; r++)
        for (const char *const *p = rules[r].phrases; *p; p++)
            for (const unsigned char *c = (const unsigned char *)*p; *c; c++)
                ck_assert_msg(!upper_outside_ascii(c), "%s rule %zu: \"%s\" has a capital",
                              table, r, *p);
}

START_TEST(rule_and_vocabulary_phrases_are_in_normal_form)
{
    ck_assert_uint_gt(mxtls__n_vocabulary_rules, 0);
    check_phrases_are_normal(mxtls__vocabulary_rules, mxtls__n_vocabulary_rules, "vocabulary");
    check_phrases_are_normal(mxtls__cause_rules, mxtls__n_cause_rules, "rules");
    ck_assert_uint_gt(mxtls__n_mta_vocabulary_rules, 0);
    check_phrases_are_normal(mxtls__mta_vocabulary_rules, mxtls__n_mta_vocabulary_rules,
                             "mta vocabulary");
    ck_assert_uint_gt(mxtls__n_mail_vocabulary_rules, 0);
    check_phrases_are_normal(mxtls__mail_vocabulary_rules, mxtls__n_mail_vocabulary_rules,
                             "mail vocabulary");
    ck_assert_uint_gt(mxtls__n_l10n_vocabulary_rules, 0);
    check_phrases_are_normal(mxtls__l10n_vocabulary_rules, mxtls__n_l10n_vocabulary_rules,
                             "l10n vocabulary");
    check_no_upper_outside_ascii(mxtls__l10n_vocabulary_rules, mxtls__n_l10n_vocabulary_rules,
                                 "l10n vocabulary");
    /* the check itself: capitals and their small letters */
    ck_assert(upper_outside_ascii((const unsigned char *)"\xc3\x9c"));  /* Ü */
    ck_assert(!upper_outside_ascii((const unsigned char *)"\xc3\xbc")); /* ü */
    ck_assert(upper_outside_ascii((const unsigned char *)"\xc5\x81"));  /* Ł */
    ck_assert(!upper_outside_ascii((const unsigned char *)"\xc5\x82")); /* ł */
    ck_assert(upper_outside_ascii((const unsigned char *)"\xc5\xbb"));  /* Ż */
    ck_assert(!upper_outside_ascii((const unsigned char *)"\xc4\x85")); /* ą */
    ck_assert(upper_outside_ascii((const unsigned char *)"\xd0\xa1"));  /* С */
    ck_assert(!upper_outside_ascii((const unsigned char *)"\xd1\x81")); /* с */
    ck_assert(upper_outside_ascii((const unsigned char *)"\xd0\x86"));  /* І */
    ck_assert(!upper_outside_ascii((const unsigned char *)"\xd1\x96")); /* і */
    ck_assert(upper_outside_ascii((const unsigned char *)"\xce\xa3"));  /* Σ */
    ck_assert(!upper_outside_ascii((const unsigned char *)"\xcf\x83")); /* σ */
}
END_TEST

/* in with its routine header fields blanked, and how many there were. */
static const char *blanked(const char *in, size_t *fields)
{
    static char copy[1024];
    size_t n = strlen(in);
    ck_assert_uint_lt(n, sizeof copy);
    memcpy(copy, in, n + 1);
    *fields = mxtls__blank_routine_header_fields(copy, n);
    ck_assert_uint_eq(strlen(copy), n);   /* nothing moves */
    return copy;
}

/* What blanked() should give, built piece by piece: kept text as it is,
 * blanked text as as many blanks. */
static char want[1024];

static void want_kept(const char *s)
{
    ck_assert_uint_lt(strlen(want) + strlen(s), sizeof want);
    strcat(want, s);
}

static void want_blank(const char *s)
{
    size_t n = strlen(want), k = strlen(s);
    ck_assert_uint_lt(n + k, sizeof want);
    memset(want + n, ' ', k);
    want[n + k] = '\0';
}

/* The mail a text comes in (issue 16): the routine fields of a whole bounce
 * or of an NDR's original headers are blanked with their continuation
 * lines; the bounce's own diagnosis, and any field or line that only looks
 * like one, stay. */
START_TEST(routine_header_fields_are_blanked)
{
    size_t k;
    want[0] = '\0';
    want_blank("Received: from a (b [192.0.2.1])");
    want_kept("\n");
    want_blank("\t(No client certificate requested)");
    want_kept("\n");
    want_blank("        by mx with ESMTPS");
    want_kept("\nDiagnostic-Code: smtp; 454 4.7.0 TLS not available\n");
    ck_assert_str_eq(blanked("Received: from a (b [192.0.2.1])\n"
                             "\t(No client certificate requested)\n"
                             "        by mx with ESMTPS\n"
                             "Diagnostic-Code: smtp; 454 4.7.0 TLS not available\n", &k), want);
    ck_assert_uint_eq(k, 1);
    /* quoted by a mail client, with CRLF */
    want[0] = '\0';
    want_kept("> ");
    want_blank("X-Received: by 2002 with SMTP");
    want_kept("\r\n> ");
    want_blank(" id s12");
    want_kept("\r\n> end");
    ck_assert_str_eq(blanked("> X-Received: by 2002 with SMTP\r\n>  id s12\r\n> end", &k), want);
    ck_assert_uint_eq(k, 1);
    /* an escaped string's "\n" and "\t" (a JSON log) */
    want[0] = '\0';
    want_kept("x\\n");
    want_blank("DKIM-Signature: v=1");
    want_kept("\\n");
    want_blank("\\tb=AbC");
    want_kept("\\nrest");
    ck_assert_str_eq(blanked("x\\nDKIM-Signature: v=1\\n\\tb=AbC\\nrest", &k), want);
    ck_assert_uint_eq(k, 1);
    /* names that begin a family, and a blank line that ends a field */
    want[0] = '\0';
    want_blank("ARC-Seal: i=1");
    want_kept("\n");
    want_blank("X-MS-Exchange-Organization-AuthAs: x");
    want_kept("\n\n  SSL alert number 47");
    ck_assert_str_eq(blanked("ARC-Seal: i=1\nX-MS-Exchange-Organization-AuthAs: x\n\n"
                             "  SSL alert number 47", &k), want);
    ck_assert_uint_eq(k, 2);
    /* near misses, one character off: not at a line's start, no colon, a
     * longer name, a family's prefix alone, a continuation of a kept field */
    static const char *const kept[] = {
        "Data received: 220 ready\n",
        "Received from a by b\n",
        "Received-Bytes: 12\n",
        "ARC-: x\n",
        "Subject: Undelivered Mail\n  (No client certificate requested)\n",
        "Reporting-MTA: dns; mx.example.org\n",
    };
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        ck_assert_str_eq(blanked(kept[i], &k), kept[i]);
        ck_assert_uint_eq(k, 0);
    }
}
END_TEST

/* A copy of in that a blanking pass may change, in a buffer of its own;
 * *n its length. */
static char *copy_for_blanking(const char *in, size_t *n)
{
    static char copy[2048];
    *n = strlen(in);
    ck_assert_uint_lt(*n, sizeof copy);
    memcpy(copy, in, *n + 1);
    return copy;
}

/* in with the lines of deliveries made blanked, and how many. */
static const char *delivered(const char *in, size_t *lines)
{
    size_t n;
    char *copy = copy_for_blanking(in, &n);
    *lines = mxtls__blank_delivered_lines(copy, n);
    ck_assert_uint_eq(strlen(copy), n);
    return copy;
}

#define TRUSTED_TO(relay) "postfix/smtp[21]: Trusted TLS connection established to " relay \
                          ": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)"
#define SENT_VIA(relay) "postfix/smtp[21]: 4Y2k: to=<a@gmail.com>, relay=" relay \
                        ", dsn=2.0.0, status=sent (250 2.0.0 OK - gsmtp)"
#define GMAIL "gmail-smtp-in.l.google.com[142.250.27.26]:25"
#define FAILED "postfix/smtp[22]: Untrusted TLS connection established to mx.example.org" \
               "[192.0.2.7]:25: TLSv1.2"

/* A pasted log's deliveries that worked (issue 16): the lines of a message
 * sent, and the TLS session of the same relay, are blanked; the failure
 * and every line one field away from a delivery stay. */
START_TEST(lines_of_deliveries_made_are_blanked)
{
    size_t k;
    want[0] = '\0';
    want_blank(TRUSTED_TO(GMAIL));
    want_kept("\n");
    want_blank(SENT_VIA(GMAIL));
    want_kept("\n" FAILED);
    ck_assert_str_eq(delivered(TRUSTED_TO(GMAIL) "\n" SENT_VIA(GMAIL) "\n" FAILED, &k), want);
    ck_assert_uint_eq(k, 2);
    /* Exim's delivery and Sendmail's, CRLF */
    want[0] = '\0';
    want_blank("1tIa => b@outlook.com H=x.outlook.com [52.101.68.7] C=\"250 2.6.0 Queued\"");
    want_kept("\r\n");
    want_blank("sm-mta[33]: 4B3H: to=<x@yahoo.com>, relay=mta7.yahoodns.net., stat=Sent (ok)");
    want_kept("\r\nend");
    ck_assert_str_eq(delivered("1tIa => b@outlook.com H=x.outlook.com [52.101.68.7] "
                               "C=\"250 2.6.0 Queued\"\r\n"
                               "sm-mta[33]: 4B3H: to=<x@yahoo.com>, relay=mta7.yahoodns.net., "
                               "stat=Sent (ok)\r\nend", &k), want);
    ck_assert_uint_eq(k, 2);
    /* near misses: the TLS line of another relay (one port, one address
     * octet, one letter off), a message deferred or bounced, Exim's
     * delivery line without its 250, and a TLS line with no delivery */
    static const char *const kept[] = {
        TRUSTED_TO("gmail-smtp-in.l.google.com[142.250.27.26]:587") "\n" SENT_VIA(GMAIL),
        TRUSTED_TO("gmail-smtp-in.l.google.com[142.250.27.27]:25") "\n" SENT_VIA(GMAIL),
        TRUSTED_TO("gmail-smtp-in.l.google.con[142.250.27.26]:25") "\n" SENT_VIA(GMAIL),
    };
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        const char *out = delivered(kept[i], &k);
        ck_assert_uint_eq(k, 1);   /* the delivery only */
        ck_assert(strncmp(out, kept[i], strlen(TRUSTED_TO(GMAIL)) - 2) == 0);
    }
    static const char *const untouched[] = {
        "postfix/smtp[21]: 4Y2k: to=<a@b>, relay=" GMAIL ", status=deferred (TLS failed)",
        "postfix/smtp[21]: 4Y2k: to=<a@b>, relay=" GMAIL ", status=bounced (host said)",
        "1tIa == b@outlook.com R=dnslookup T=remote_smtp defer (-53): retry time not reached",
        "1tIa => b@outlook.com H=x.outlook.com [52.101.68.7] C=\"451 4.7.0 TLS required\"",
        TRUSTED_TO(GMAIL) "\n" FAILED,
    };
    for (size_t i = 0; i < sizeof untouched / sizeof *untouched; i++) {
        ck_assert_str_eq(delivered(untouched[i], &k), untouched[i]);
        ck_assert_uint_eq(k, 0);
    }
}
END_TEST

/* in with the records of scanners' visits blanked, how many, and whose. */
static const char *unscanned(const char *in, size_t *records, const char **scanner)
{
    size_t n;
    char *copy = copy_for_blanking(in, &n);
    *records = mxtls__blank_scanner_visits(copy, n, scanner);
    ck_assert_uint_eq(strlen(copy), n);
    return copy;
}


#define SMTPD(pid) "Jan 23 15:46:04 mx postfix/smtps/smtpd[" pid "]: "
#define CENSYS "scanner-06.ch1.censys-scanner.com[167.94.138.43]"
#define NO_CIPHER "warning: TLS library problem: error:142090C1:SSL routines:" \
                  "tls_early_post_process_client_hello:no shared cipher"
#define VISIT SMTPD("51302") "connect from " CENSYS "\n" \
              SMTPD("51302") "SSL_accept error from " CENSYS ": -1\n" \
              SMTPD("51302") NO_CIPHER "\n" \
              SMTPD("51303") NO_CIPHER "\n" \
              SMTPD("51302") "connect from mail.example.org[192.0.2.7]\n" \
              SMTPD("51302") NO_CIPHER

/* A server's log of a scanner's visit (issue 16): the records that name
 * the scanner's host, and the later records of the same smtpd process, are
 * blanked until that process takes a new client; the scanner is named.
 * Records, not lines: the same log wrapped, or in one line, gives the
 * same. */
START_TEST(records_of_scanners_visits_are_blanked)
{
    size_t k;
    const char *who;
    static const char *const forms[] = {
        VISIT,
        /* as the normal form has it: one line */
        SMTPD("51302") "connect from " CENSYS " " SMTPD("51302") "SSL_accept error from " CENSYS
        ": -1 " SMTPD("51302") NO_CIPHER " " SMTPD("51303") NO_CIPHER " " SMTPD("51302")
        "connect from mail.example.org[192.0.2.7] " SMTPD("51302") NO_CIPHER,
        /* wrapped by a mail client: a record's tag and its words apart */
        "> Jan 23 15:46:04 mx postfix/smtps/smtpd[51302]:\n> connect from " CENSYS "\n> Jan 23 "
        "15:46:04 mx\n> postfix/smtps/smtpd[51302]: SSL_accept error from\n> " CENSYS ": -1\n> "
        "Jan 23 15:46:04 mx postfix/smtps/smtpd[51302]: warning: TLS\n> library problem: "
        "error:142090C1:SSL routines:tls_early_post_process_client_hello:no shared cipher\n> "
        SMTPD("51303") NO_CIPHER "\n> " SMTPD("51302") "connect from\n> "
        "mail.example.org[192.0.2.7] " SMTPD("51302") NO_CIPHER,
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        const char *out = unscanned(forms[i], &k, &who);
        ck_assert_msg(k == 3, "%zu: %zu records: %s", i, k, out);
        ck_assert_str_eq(who, "censys-scanner.com");
        ck_assert_ptr_null(strstr(out, "censys"));
        ck_assert_msg(mxtls_test_count(out, "no shared cipher") == 2, "%zu: %s", i, out);
        ck_assert_ptr_nonnull(strstr(out, "smtpd[51303]: warning"));
        ck_assert_ptr_nonnull(strstr(out, "mail.example.org[192.0.2.7]"));
        ck_assert_uint_eq(mxtls_test_count(out, "\n"), mxtls_test_count(forms[i], "\n"));
    }
    /* a host in Shodan's domain, in an Exim log without process tags */
    const char *out = unscanned("2024-01-02 10:00:00 TLS error on connection from "
                                "census12.shodan.io [198.20.69.74] (SSL_accept): error:0A00010B"
                                ":SSL routines::wrong version number\n2024-01-02 10:00:05 TLS "
                                "error on connection from (mail.example.org) [192.0.2.7] "
                                "(SSL_accept): error:0A000412:SSL routines::sslv3 alert bad "
                                "certificate", &k, &who);
    ck_assert_uint_eq(k, 1);
    ck_assert_str_eq(who, "shodan.io");
    ck_assert_ptr_null(strstr(out, "wrong version number"));
    ck_assert_ptr_nonnull(strstr(out, "sslv3 alert bad certificate"));
    /* near misses: a host under someone else's name that holds the
     * scanner's, one letter off, the name run on without a dot, a name
     * that goes on after it, and the next process of the same program */
    static const char *const kept[] = {
        SMTPD("9") "connect from censys-scanner.com.example.net[192.0.2.1]",
        SMTPD("9") "connect from scanner-06.ch1.censys-scanner.co[192.0.2.1]",
        SMTPD("9") "connect from notcensys-scanner.com[192.0.2.1]",
        SMTPD("9") "connect from shadowserver.org-mail.example[192.0.2.1]",
        SMTPD("51303") NO_CIPHER,
    };
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        ck_assert_str_eq(unscanned(kept[i], &k, &who), kept[i]);
        ck_assert_uint_eq(k, 0);
        ck_assert_ptr_null(who);
    }
}
END_TEST

/* in with its markup blanked, and how many tags there were. */
static const char *unmarked(const char *in, size_t *tags)
{
    static char copy[1024];
    size_t n = strlen(in);
    ck_assert_uint_lt(n, sizeof copy);
    memcpy(copy, in, n + 1);
    *tags = mxtls__blank_markup(copy, n);
    ck_assert_uint_eq(strlen(copy), n);
    return copy;
}

/* A text pasted as a page's markup (issue 16): tags, comments, the doctype
 * and style sheets are blanked, the words between them and angle brackets
 * that are no HTML tag stay; a text with fewer than two kinds of
 * structural tag is not markup and stays whole. */
START_TEST(markup_of_a_pasted_page_is_blanked)
{
    size_t k;
    want[0] = '\0';
    want_blank("<!DOCTYPE html><html><head><style>p{margin:0}</style><!-- x<y -->");
    want_kept("\n");
    want_blank("<title>");
    want_kept("Undeliverable");
    want_blank("</title></head><body><div class=\"a\">");
    want_kept("To <user@example.com>: TLS Negotiation failed<CRLF>");
    want_blank("<br/></div></body></html>");
    ck_assert_str_eq(unmarked("<!DOCTYPE html><html><head><style>p{margin:0}</style>"
                              "<!-- x<y -->\n<title>Undeliverable</title></head>"
                              "<body><div class=\"a\">To <user@example.com>: TLS Negotiation "
                              "failed<CRLF><br/></div></body></html>", &k), want);
    ck_assert_uint_eq(k, 15);
    /* near misses, one character off, in a page: a longer name, a blank
     * before the name, an address, a tag that never ends */
    static const char *const kept_in_page[] = {"<htmlx>", "< div>", "<a@b.example>",
                                               "<div class=x"};
    for (size_t i = 0; i < sizeof kept_in_page / sizeof *kept_in_page; i++) {
        char page[128];
        snprintf(page, sizeof page, "<td>%s</td><tr>", kept_in_page[i]);
        const char *out = unmarked(page, &k);
        ck_assert_uint_eq(k, 3);
        ck_assert(strstr(out, kept_in_page[i]) != NULL);
    }
    /* not markup: one kind of structural tag, or none */
    static const char *const not_markup[] = {
        "<p>SMTP Error: <b>certificate verify failed</b></p><p>again</p>",
        "SERVER -> CLIENT: <html> 220 <host> ready <br>",
        "Connecting to <mail.example.com> <CRLF>",
    };
    for (size_t i = 0; i < sizeof not_markup / sizeof *not_markup; i++) {
        ck_assert_str_eq(unmarked(not_markup[i], &k), not_markup[i]);
        ck_assert_uint_eq(k, 0);
    }
}
END_TEST

static Suite *errtext_suite(void)
{
    Suite *s = suite_create("errtext");
    TCase *tc = tcase_create("errtext");
    tcase_add_test(tc, gmail_alert_47_is_sent_by_the_server_and_71_is_not_an_alert);
    tcase_add_test(tc, normal_form_of_pasted_text);
    tcase_add_test(tc, routine_header_fields_are_blanked);
    tcase_add_test(tc, lines_of_deliveries_made_are_blanked);
    tcase_add_test(tc, markup_of_a_pasted_page_is_blanked);
    tcase_add_test(tc, gmail_71_without_alert_has_no_alert);
    tcase_add_test(tc, gmail_certificate_does_not_match);
    tcase_add_test(tc, gmail_bounce_names_the_host_and_timeout);
    tcase_add_test(tc, boringssl_packed_codes_and_names);
    tcase_add_test(tc, openssl_1_1_and_3_codes);
    tcase_add_test(tc, postfix_client_log);
    tcase_add_test(tc, postfix_server_log_alert_comes_from_the_client);
    tcase_add_test(tc, postfix_454_and_missing_starttls);
    tcase_add_test(tc, exim_gnutls_server_rejecting_sni);
    tcase_add_test(tc, exim_client_receiving_alert);
    tcase_add_test(tc, certificate_words);
    tcase_add_test(tc, unknown_and_hostile_text);
    tcase_add_test(tc, host_and_port_with_ipv6_literals);
    tcase_add_test(tc, where_the_alert_is_named);
    tcase_add_test(tc, alert_names_in_every_library_spelling);
    tcase_add_test(tc, rule_and_vocabulary_phrases_are_in_normal_form);
    tcase_add_test(tc, records_of_scanners_visits_are_blanked);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(errtext_suite());
}
