/* The mail transfer agents' own error strings, as their sources spell
 * them: a third table of rules (explain_rules.h), weighed with those of
 * explain_rules.c and explain_vocabulary.c as one list (explain_match.c).
 *
 * Why a vocabulary of MTAs: most pasted texts are an MTA's log line or
 * bounce, and an MTA words its failures in fixed sentences around the
 * TLS library's reason ("certificate verification failed for %s: ...",
 * "TLS is required, but host %s refused to start TLS: %s"). Each block
 * below is one MTA's strings, copied from its source (the repository
 * and files are named above the block), lower-cased and put in the
 * normal form of errtext_norm.h; "%s" parts and trailing full stops are
 * left out, so a phrase is what every instance of the message shares.
 *
 * Weights as in explain_rules.c: 3 the string names the cause, 2 a strong
 * sign, 1 a hint; a string several causes can print gets 2 or 1. Sides:
 * Postfix's smtp, Exim's smtp transport and OpenSMTPD's mta are the
 * sending MTA (SEND); Postfix's smtpd the receiving one (RECV). A string
 * that is also sent to the peer as a reply holds for any side.
 *
 * Overlaps: the longer of two overlapping phrases wins across all
 * tables. Several phrases here contain a generic word of another cause
 * ("tlsa", "dnssec", "lookup "), and take its place on purpose: Postfix's
 * "TLSA records unusable" is unusable records, not a mismatch.
 *
 * Strings explain_rules.c or explain_vocabulary.c already have are listed
 * in each block, not repeated: a second copy would count twice. */
#include "explain_rules.h"

#include "mxtls/diagnose.h"

#define P(...) ((const char *const[]){__VA_ARGS__, NULL})
#define SEND SIDE_BIT(MXTLS_SIDE_SENDER)
#define RECV SIDE_BIT(MXTLS_SIDE_RECEIVER)

const struct mxtls__cause_rule mxtls__mta_vocabulary_rules[] = {
    /* ==== Postfix: certificate verification ==============================
     * vdukhovni/postfix postfix/src/tls/tls_verify.c (tls_log_verify_error:
     * "certificate verification failed for %s: ..."). Already in
     * explain_rules.c: "certificate verification failed for", "untrusted
     * issuer", "self-signed certificate", "certificate not yet valid" (as
     * "not yet valid"), "certificate has expired"; tls_misc.c's "Untrusted
     * TLS connection established"; old Postfix's "Server certificate not
     * trusted" (as "certificate not trusted"). */
    /* X509_V_ERR_CERT_UNTRUSTED: no CA, or at the dane level no TLSA
     * record, vouched for the certificate. */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("not trusted by local or tlsa policy"), NULL},
    {MXTLS_F_DANE_MISMATCH, 1, 0, P("not trusted by local or tlsa policy"), NULL},
    /* "not designated for use as a %s certificate", PURPOSE: spelled out,
     * so that a client's certificate of the wrong kind is that, not a
     * client certificate missing (whose "client certificate" it holds). */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("not designated for use as a server certificate",
       "not designated for use as a client certificate",
       "not designated for use as a ca certificate"), NULL},
    {MXTLS_F_CERT_CHAIN_TOO_LONG, 3, 0, P("certificate chain longer than limit("), NULL},

    /* ==== Postfix: DANE ===================================================
     * postfix/src/tls/tls_client.c ("%s: all TLSA records unusable",
     * "... fallback to unauthenticated TLS", "all trust anchors unusable",
     * "all fingerprints unusable"), postfix/src/tls/tls_dane.c ("DANE TLSA
     * lookup problem: %s"), postfix/src/smtp/smtp_tls_policy.c
     * (dane_incompat(): "TLSA records unusable", and the settings that
     * rule DANE out). Already in explain_rules.c: "TLSA lookup error for". */
    {MXTLS_F_DANE_UNUSABLE, 3, 0, P("tlsa records unusable"), NULL},
    /* A TLSA lookup that fails, as explain_rules.c reads "TLSA lookup
     * error for": its DNS words after it ("Host or domain name not
     * found") are the TLSA query's, not the domain's. */
    {MXTLS_F_DANE_BOGUS, 3, 0, P("dane tlsa lookup problem"), NULL},
    /* Trust anchors and fingerprints are the sender's own settings
     * (smtp_tls_trust_anchor_file, smtp_tls_fingerprint_digest). */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND,
     P("all trust anchors unusable", "all fingerprints unusable"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND,
     P("configured with dnssec lookups disabled", "configured, but no requisite library support",
       "configured with mx lookup errors ignored", "dns resolver options incompatible with"),
     NULL},

    /* ==== Postfix: the DNSSEC probe ======================================
     * postfix/src/dns/dns_sec.c: a process whose DNS answers never carry
     * the "validated" bit probes its resolver and warns "DNSSEC validation
     * may be unavailable", then "reason: dnssec_probe '%s' received a
     * response that is not DNSSEC validated" (or "received no response").
     * The resolver Postfix asks does not validate: the machine's own
     * setup, not the destination (DANE_README, "DNSSEC probe"). */
    {MXTLS_F_SENDER_RESOLVER_NO_DNSSEC, 3, 0,
     P("dnssec validation may be unavailable",
       "received a response that is not dnssec validated"), NULL},

    /* ==== test tools' own verdicts ========================================
     * swaks (its "*** TLS startup failed (connect(): ...)" reasons and its
     * option check), Internet.nl's email test, Nmap's ssl-dh-params
     * script and sslscan's key-exchange column. */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("server certificate did not match target host"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 2, 0, P("is not a valid file or directory"),
     P("--tls-ca-path", "--tls-ca-file")},
    {MXTLS_F_DANE_BOGUS, 3, 0, P("dnssec proof that dane tlsa records do not exist"), NULL},
    {MXTLS_F_DANE_NO_ROLLOVER, 3, 0, P("dane scheme for a reliable rollover"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("trust chain of at least one of your mail server certificates"),
     NULL},
    {MXTLS_F_TLS_WEAK_DH, 3, 0,
     P("insufficient diffie-hellman group strength", "dhe 1024 bits", "dhe 768 bits",
       "dhe 512 bits"), NULL},

    /* ==== Postfix/TLS before Postfix 2.2 ==================================
     * Lutz Jaenicke's patch logged a peer certificate that did not verify
     * as "Unverified: subject_CN=..., issuer_CN=..." (TLS_CHANGES). */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("unverified: subject_cn="), NULL},

    /* ==== mox: its resolver check =========================================
     * mjl-/mox quickstart.go: "It looks like the DNS resolvers configured
     * on your system do not verify DNSSEC, or aren't trusted": the same
     * finding, the same side. */
    {MXTLS_F_SENDER_RESOLVER_NO_DNSSEC, 3, 0,
     P("dns resolvers configured on your system do not verify dnssec"), NULL},
    /* Mailu's admin at start (since 1.9): "Critical: your DNS resolver
     * isn't doing DNSSEC validation" -- no validation at all, not a
     * validation that failed. */
    {MXTLS_F_SENDER_RESOLVER_NO_DNSSEC, 3, 0,
     P("resolver isn't doing dnssec validation", "resolver is not doing dnssec validation"),
     NULL},

    /* ==== postfix-mta-sts-resolver ========================================
     * Snawoot/postfix-mta-sts-resolver's STSFetchResult, as tools that use
     * it print it ("MTA-STS policy is missing: STSFetchResult.FETCH_ERROR"):
     * the policy could not be fetched. */
    {MXTLS_F_MTASTS_FETCH_FAILED, 3, 0, P("stsfetchresult.fetch_error"), NULL},

    /* ==== Postfix: the smtp client's delivery status ======================
     * postfix/src/smtp/smtp_proto.c, smtp_connect.c, smtp_tls_policy.c
     * (TLS_LEV_INVALID: "client TLS configuration problem"). Already in
     * explain_rules.c: "TLS is required, but was not offered by host",
     * "Cannot start TLS: handshake failure", "Server certificate not
     * verified", "TLS is required, but our TLS engine is unavailable";
     * smtp_addr.c's "no MX host for %s has a valid address record";
     * dns_lookup.c's "Host or domain name not found. Name service error
     * for name=%s type=%s: %s". */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND, P("client tls configuration problem"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND,
     P("tls is required, but unavailable", "but my configured tls security level"), NULL},
    /* "TLS is required, but host %s refused to start TLS: %s": the
     * server's reply to STARTTLS follows and may say more. */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, SEND, P("refused to start tls"), NULL},
    /* REQUIRETLS (RFC 8689): "but no %s server certificate was found" */
    {MXTLS_F_CERT_UNTRUSTED, 2, SEND, P("but no trusted server certificate was found"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 2, SEND, P("but no matching server certificate was found"),
     NULL},

    /* ==== Postfix: the smtpd server =======================================
     * postfix/src/smtpd/smtpd.c. The first two are also the 421 reply the
     * client gets. Already in explain_rules.c: "454 4.7.0 TLS not
     * available due to local problem", "Must issue a STARTTLS command
     * first", "SSL_accept error" (tls_server.c). */
    {MXTLS_F_TLS_CLIENT_CERT_REQUIRED, 3, 0, P("no client certificate presented"), NULL},
    {MXTLS_F_TLS_CLIENT_CERT_REQUIRED, 2, 0, P("client certificate not trusted"), NULL},
    {MXTLS_F_SMTP_RATE_LIMITED, 3, 0, P("too many new tls sessions from"), NULL},
    {MXTLS_F_SMTP_RATE_LIMITED, 2, RECV, P("refusing starttls request from"), NULL},
    /* The server has no certificate. smtpd still lists STARTTLS in its
     * EHLO reply, as do postscreen and tlsproxy, and answers the command
     * "454 4.7.0 TLS not available due to local problem" (smtpd.c,
     * postscreen_starttls.c): STARTTLS is refused, not missing. */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, RECV, P("no server certs available. tls won't be enabled"),
     NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, RECV, P("tls context initialization failed"), NULL},

    /* ==== Exim ============================================================
     * Exim/exim src/src/tls-openssl.c (OCSP stapling required by
     * hosts_require_ocsp; "DANE error: No usable TLSA records"),
     * src/src/tls-gnu.c ("TLSA record problem: %s", "none usable"),
     * src/src/transports/smtp.c ("DANE error: tlsa lookup %s", "TLS
     * support not available"). Already in explain_rules.c: "a TLS session
     * is required, but an attempt to start TLS failed", "... but the
     * server did not offer TLS support", "cert/key setup", "TCP connection
     * closed by peer", "not in hosts_require_tls"; "SSL verify error: certificate
     * name mismatch" (as "name mismatch"); explain_vocabulary.c: "A TLS
     * fatal alert has been received". */
    {MXTLS_F_CERT_NOT_CHECKED, 3, SEND, P("required tls certificate status not received"), NULL},
    {MXTLS_F_CERT_NOT_CHECKED, 2, SEND,
     P("server certificate status is out-of-date", "server certificate has unknown status"),
     NULL},
    {MXTLS_F_DANE_UNUSABLE, 3, 0,
     P("dane error: no usable tlsa records", "tlsa record problem: none usable"), NULL},
    {MXTLS_F_DANE_BOGUS, 3, SEND, P("dane error: tlsa lookup"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND, P("tls support not available"), NULL},
    /* src/src/routers/dnslookup.c: the null MX (RFC 7505). */
    {MXTLS_F_DNS_NULL_MX, 3, 0, P("an mx or srv record indicated no smtp service"), NULL},
    /* src/src/smtp_in.c: its reply to STARTTLS ("454 TLS currently
     * unavailable") when its own TLS set-up failed before any handshake
     * (a certificate or key it cannot read); the words alone, since
     * programs quote the code apart ("code: 454, response: ..."). */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, 0, P("tls currently unavailable"), NULL},

    /* ==== OpenSMTPD =======================================================
     * OpenSMTPD/OpenSMTPD usr.sbin/smtpd/mta_session.c (mta_error(),
     * mta_tls_init(), mta_tls_started(), the IO_ERROR downgrade). Already
     * in explain_rules.c: "TLS required but not supported by remote host"
     * (as "tls required but not supported"); mta.c's "Temporary failure
     * in MX lookup", "No MX found for domain", "Domain does not exist",
     * "Domain does not accept mail". */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, SEND, P("starttls rejected:"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, SEND, P("opportunistic tls failed, downgrading to plain"),
     NULL},
    /* tls_client() or tls_configure() failed: the relay's own TLS setup */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND, P("mta closing reason=tls-failure"), NULL},
    /* opportunistic TLS goes on with a certificate it could not verify */
    {MXTLS_F_CERT_UNTRUSTED, 1, SEND, P("mta cert-check result=\"unverified\""), NULL},

    /* ==== Haraka ==========================================================
     * haraka/Haraka outbound/hmail.js (a host marked after a failed TLS
     * upgrade gets plain text), plugins/tls.js (no STARTTLS without a
     * valid certificate and key). Already in explain_rules.c: "Oops, TLS
     * config not loaded yet!" (as "tls config not loaded"). */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, SEND, P("because it was marked as non-tls on"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, RECV, P("no valid tls config"), NULL},

    /* ==== Microsoft 365: connector errors (mail flow intelligence) ========
     * MicrosoftDocs/defender-docs defender-office-365/
     * connectors-mail-flow-intelligence.md. Already in explain_rules.c:
     * "4.4.312 DNS query failed" (as "dns query failed"), "4.4.315
     * Connection timed out", "4.4.316 Connection refused", "4.4.317 Cannot
     * connect to remote server". */
    /* Any certificate failure (expired, subject mismatch, untrusted):
     * the error details say which. */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("4.7.320 certificate validation failed"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0, P(" 4.7.320 "), NULL},
    /* A firewall's SMTP inspection, a crashing server, the network: as
     * strong a sign as explain_rules.c's "remote server disconnected
     * abruptly", and no more. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("4.4.318 connection was closed abruptly"), NULL},

    /* ==== Exchange Server on premises: MSExchangeTransport events =========
     * As Microsoft's event reference words them: 12018
     * STARTTLSCertificateExpiresSoon, 12013 (its own internal transport
     * certificate that it cannot load), 1032 (a Receive connector that
     * requires TLS it is not set up to offer). */
    {MXTLS_F_CERT_EXPIRES_SOON, 3, 0, P("the starttls certificate will expire soon"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("could not load the certificate with thumbprint"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("connector is not configured to accept tls"), NULL},

    /* ==== Kerio WinRoute / Control: the alert relay's status ==============
     * Its manual's words for a relay name its resolver cannot look up. */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("ip address of specified smtp server cannot be resolved"),
     NULL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1, 0,
     P("ip address of specified smtp server cannot be resolved"), NULL},
};
const size_t mxtls__n_mta_vocabulary_rules =
    sizeof mxtls__mta_vocabulary_rules / sizeof mxtls__mta_vocabulary_rules[0];
