/* The sender profiles: what real sending systems do on the way to a mail
 * server, as data (include/mxtls/senders.h). Each fact names the public
 * source it comes from; what no source settles is MXTLS_FACT_UNKNOWN, and
 * a prediction that turns on it says "unknown" rather than guess.
 *
 * Sources were read in December 2026: vendor documentation for Gmail and
 * Microsoft 365, the Postfix 3.7 and Exim 4.96 documentation and sources,
 * and Debian 12's packages for their defaults. "Observed" marks a fact
 * known from public bounces and logs rather than from the vendor. */
#include <string.h>

#include "mxtls/diagnose.h"
#include "mxtls/senders.h"
#include "mxtls/starttls.h"

#define Y MXTLS_FACT_YES
#define N MXTLS_FACT_NO
#define U MXTLS_FACT_UNKNOWN
#define P MXTLS_FACT_WITH_POLICY
#define L MXTLS_FACT_LATER

#define POSTFIX_TLS_README "https://www.postfix.org/TLS_README.html"
#define POSTCONF "https://www.postfix.org/postconf.5.html"
#define POSTFIX_PROTO "postfix 3.7 src/smtp/smtp_proto.c (github.com/vdukhovni/postfix)"
#define EXIM_SMTP \
    "https://www.exim.org/exim-html-4.96/doc/html/spec_html/ch-the_smtp_transport.html"

static const char *const GMAIL_SOURCES[] = {
    "sends_sni (observed): receivers' logs of Gmail's SNI, e.g. "
    "github.com/mailcow/mailcow-dockerized/issues/3407; sauleau.com/notes/smtp-sni.html",
    "tls_versions: https://support.google.com/a/answer/9795993 (\"Gmail tells the receiving "
    "server that it supports TLS versions 1.3, 1.2, 1.1, and 1.0\")",
    "verifies_certificate: https://support.google.com/a/answer/2520500 (TLS is "
    "opportunistic; certificates are checked where MTA-STS requires it)",
    "honours_mtasts: https://support.google.com/a/answer/9261504",
    "honours_dane: unknown; Google documents MTA-STS only",
    "plaintext_without_starttls: https://support.google.com/a/answer/2520500 (\"If the "
    "receiving server doesn't use TLS, Gmail still sends messages\")",
    "plaintext_after_tls_failure (observed): Gmail returns \"TLS Negotiation failed\" "
    "bounces after retrying, rather than sending in clear",
    "retry_hours (observed): Gmail's delay notices, about 72 hours",
};

static const char *const SENDAS_SOURCES[] = {
    "sends_sni, tls_versions: unknown; Google documents nothing for Send-As connections",
    "verifies_certificate (observed): \"TLS Negotiation failed, the certificate doesn't "
    "match the host\" for self-signed and wrong-name certificates (since April 2020)",
    "plaintext_without_starttls: https://support.google.com/mail/answer/1074635 (the user "
    "must choose an unsecured connection)",
    "plaintext_after_tls_failure (observed): the error goes back to the user at once",
};

static const char *const M365_SOURCES[] = {
    "sends_sni: unknown; Microsoft does not document it",
    "tls_versions: techcommunity.microsoft.com, \"Understanding email scenarios if TLS "
    "versions cannot be agreed on with Exchange Online\" (\"Exchange Online will never use "
    "TLS 1.0 or 1.1 to send outbound email\")",
    "verifies_certificate: the same post; opportunistic TLS unless MTA-STS, DANE or a "
    "connector requires it",
    "honours_mtasts: techcommunity.microsoft.com, \"Introducing MTA-STS for Exchange Online\" "
    "(2022)",
    "honours_dane: techcommunity.microsoft.com, \"Releasing outbound SMTP DANE with DNSSEC\" "
    "(2022)",
    "plaintext_without_starttls: the TLS versions post (no STARTTLS: sent without TLS)",
    "plaintext_after_tls_failure: unknown; not documented",
    "retry_hours: Exchange Online's default message expiration, 24 hours",
};

static const char *const POSTFIX_SOURCES[] = {
    "configuration: Debian 12 postfix 3.7 main.cf (smtp_tls_security_level = may)",
    "sends_sni: " POSTCONF "#smtp_tls_servername (empty by default: no SNI)",
    "tls_versions: " POSTCONF "#smtp_tls_protocols (TLSv1 and later; OpenSSL 3 at "
    "security level 2 on Debian 12)",
    "verifies_certificate: " POSTFIX_TLS_README "#client_tls_may (opportunistic: no "
    "verification)",
    "honours_mtasts: no; needs a policy service such as postfix-mta-sts-resolver",
    "honours_dane: " POSTCONF "#smtp_dns_support_level (off by default)",
    "plaintext_without_starttls: " POSTFIX_TLS_README "#client_tls_may",
    "plaintext_after_tls_failure: " POSTFIX_PROTO ": after a failed handshake other MX hosts "
    "are tried, and the same server in clear only on a retry (minimal_backoff_time, 300 s)",
    "retry_hours: " POSTCONF "#maximal_queue_lifetime (5 days)",
};

static const char *const POSTFIX_DANE_SOURCES[] = {
    "configuration: smtp_tls_security_level = dane, smtp_dns_support_level = dnssec, a "
    "validating resolver",
    "sends_sni, verifies_certificate: " POSTFIX_TLS_README "#client_tls_dane (with usable "
    "TLSA records only; the MX host name as SNI)",
    "honours_dane: " POSTCONF "#smtp_tls_security_level",
    "plaintext: " POSTFIX_PROTO " (never where TLSA records apply; otherwise as may)",
    "retry_hours: " POSTCONF "#maximal_queue_lifetime (5 days)",
};

static const char *const POSTFIX_MTASTS_SOURCES[] = {
    "configuration: postfix-mta-sts-resolver (Debian 12, 1.1.2) as smtp_tls_policy_maps: "
    "enforce policies become \"secure match=<mx patterns> servername=hostname\"",
    "honours_mtasts: https://github.com/Snawoot/postfix-mta-sts-resolver (enforce mode only)",
    "sends_sni, verifies_certificate: " POSTFIX_TLS_README "#client_tls_secure (for domains "
    "with a policy in enforce mode)",
    "plaintext: " POSTFIX_PROTO " (never for enforce domains; otherwise as may)",
    "retry_hours: " POSTCONF "#maximal_queue_lifetime (5 days)",
};

static const char *const EXIM_SOURCES[] = {
    "configuration: Debian 12 exim4-daemon-light 4.96 with GnuTLS, exim4-config's "
    "remote_smtp transport (no TLS options: the smtp transport's defaults)",
    "sends_sni: " EXIM_SMTP " (tls_sni: only where DANE applies)",
    "tls_versions: GnuTLS 3.7's NORMAL priority (TLS 1.0 to 1.3)",
    "verifies_certificate: " EXIM_SMTP " (tls_try_verify_hosts: tries, does not require)",
    "honours_dane: " EXIM_SMTP " (hosts_try_dane = * by default; Debian sets "
    "dns_dnssec_ok)",
    "honours_mtasts: no; Exim has no MTA-STS support",
    "plaintext_after_tls_failure: " EXIM_SMTP " (tls_tempfail_tryclear, true by default: "
    "the same host again in clear, at once)",
    "retry_hours: Debian exim4-config retry rule (F,4d,6h: 4 days)",
};

static const char *const VERIFYING_SOURCES[] = {
    "configuration: Postfix 3.7 with smtp_tls_security_level = secure, as a client that "
    "verifies by its own choice",
    "verifies_certificate: " POSTCONF "#smtp_tls_secure_cert_match",
    "sends_sni: " POSTCONF "#smtp_tls_servername (empty by default)",
    "plaintext: " POSTFIX_PROTO " (never: TLS is mandatory)",
    "tls_versions (measured): Debian 12's Postfix 3.7 at this level fails the handshake "
    "with a server that speaks only TLS 1.0, where \"may\" gets through "
    "(tests/python/test_sender_postfix.py)",
    "retry_hours: " POSTCONF "#maximal_queue_lifetime (5 days)",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define SOURCES(a) .n_sources = COUNT(a), .sources = (a)

static const mxtls_sender SENDERS[] = {
    {.struct_size = sizeof(mxtls_sender), .id = "gmail", .name = "Gmail", .profile = MXTLS_PROFILE_MX, .mainstream = 1,
     .sends_sni = Y, .tls_min = MXTLS_TLS_1_0, .tls_max = MXTLS_TLS_1_3,
     .verifies_certificate = P, .honours_mtasts = Y, .honours_dane = U,
     .plaintext_without_starttls = Y, .plaintext_after_tls_failure = N, .retry_hours = 72,
     .summary = "Gmail's outbound servers delivering to MX hosts: SNI with the MX name, "
                "opportunistic TLS, MTA-STS honoured",
     SOURCES(GMAIL_SOURCES)},
    {.struct_size = sizeof(mxtls_sender), .id = "gmail-sendas", .name = "Gmail Send-As", .profile = MXTLS_PROFILE_SUBMISSION,
     .mainstream = 1, .sends_sni = U, .tls_min = 0, .tls_max = 0, .verifies_certificate = Y,
     .honours_mtasts = N, .honours_dane = N, .plaintext_without_starttls = N,
     .plaintext_after_tls_failure = N, .retry_hours = 0,
     .summary = "Gmail's \"Send mail as\" through your submission server (587 STARTTLS or "
                "465): a valid certificate naming the host is required",
     SOURCES(SENDAS_SOURCES)},
    {.struct_size = sizeof(mxtls_sender), .id = "m365", .name = "Microsoft 365", .profile = MXTLS_PROFILE_MX, .mainstream = 1,
     .sends_sni = U, .tls_min = MXTLS_TLS_1_2, .tls_max = 0, .verifies_certificate = P,
     .honours_mtasts = Y, .honours_dane = Y, .plaintext_without_starttls = Y,
     .plaintext_after_tls_failure = U, .retry_hours = 24,
     .summary = "Exchange Online outbound: TLS 1.2 or later, opportunistic unless MTA-STS "
                "or DANE applies",
     SOURCES(M365_SOURCES)},
    {.struct_size = sizeof(mxtls_sender), .id = "postfix", .name = "Postfix default", .profile = MXTLS_PROFILE_MX, .mainstream = 1,
     .sends_sni = N, .tls_min = MXTLS_TLS_1_0, .tls_max = MXTLS_TLS_1_3,
     .verifies_certificate = N, .honours_mtasts = N, .honours_dane = N,
     .plaintext_without_starttls = Y, .plaintext_after_tls_failure = L, .retry_hours = 120,
     .summary = "Postfix 3.7 as Debian 12 ships it: opportunistic TLS (may), no SNI",
     SOURCES(POSTFIX_SOURCES)},
    {.struct_size = sizeof(mxtls_sender), .id = "postfix-dane", .name = "Postfix with DANE", .profile = MXTLS_PROFILE_MX,
     .mainstream = 0, .sends_sni = P, .tls_min = MXTLS_TLS_1_0, .tls_max = MXTLS_TLS_1_3,
     .verifies_certificate = P, .honours_mtasts = N, .honours_dane = Y,
     .plaintext_without_starttls = Y, .plaintext_after_tls_failure = L, .retry_hours = 120,
     .summary = "Postfix 3.7 with smtp_tls_security_level = dane and a validating resolver",
     SOURCES(POSTFIX_DANE_SOURCES)},
    {.struct_size = sizeof(mxtls_sender), .id = "postfix-mtasts", .name = "Postfix with MTA-STS", .profile = MXTLS_PROFILE_MX,
     .mainstream = 0, .sends_sni = P, .tls_min = MXTLS_TLS_1_0, .tls_max = MXTLS_TLS_1_3,
     .verifies_certificate = P, .honours_mtasts = Y, .honours_dane = N,
     .plaintext_without_starttls = Y, .plaintext_after_tls_failure = L, .retry_hours = 120,
     .summary = "Postfix 3.7 with postfix-mta-sts-resolver as its TLS policy service",
     SOURCES(POSTFIX_MTASTS_SOURCES)},
    {.struct_size = sizeof(mxtls_sender), .id = "exim", .name = "Exim default", .profile = MXTLS_PROFILE_MX, .mainstream = 1,
     .sends_sni = P, .tls_min = MXTLS_TLS_1_0, .tls_max = MXTLS_TLS_1_3,
     .verifies_certificate = P, .honours_mtasts = N, .honours_dane = Y,
     .plaintext_without_starttls = Y, .plaintext_after_tls_failure = Y, .retry_hours = 96,
     .summary = "Exim 4.96 as Debian 12 ships it (GnuTLS): opportunistic TLS, DANE where "
                "the resolver validates, a failed handshake retried in clear",
     SOURCES(EXIM_SOURCES)},
    {.struct_size = sizeof(mxtls_sender), .id = "verifying", .name = "Verifying client", .profile = MXTLS_PROFILE_MX,
     .mainstream = 0, .sends_sni = N, .tls_min = MXTLS_TLS_1_2, .tls_max = MXTLS_TLS_1_3,
     .verifies_certificate = Y, .honours_mtasts = N, .honours_dane = N,
     .plaintext_without_starttls = N, .plaintext_after_tls_failure = N, .retry_hours = 120,
     .summary = "A sender that requires a valid certificate by its own choice (Postfix "
                "smtp_tls_security_level = secure)",
     SOURCES(VERIFYING_SOURCES)},
};

size_t mxtls_sender_count(void)
{
    return COUNT(SENDERS);
}

const mxtls_sender *mxtls_sender_at(size_t i)
{
    return i < COUNT(SENDERS) ? &SENDERS[i] : NULL;
}

const mxtls_sender *mxtls_sender_find(const char *id)
{
    for (size_t i = 0; id != NULL && i < COUNT(SENDERS); i++)
        if (strcmp(SENDERS[i].id, id) == 0)
            return &SENDERS[i];
    return NULL;
}
