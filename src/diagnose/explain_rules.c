/* The rules behind mxtls_explain(), as data: see explain_rules.h.
 *
 * Phrases are lower case, in the normal form of errtext_norm.h (ASCII
 * quotes, one blank between words). Where two phrases of different causes
 * overlap in a text, the longer one wins (explain_match.c): "self signed
 * certificate in certificate chain" is an untrusted chain, not a
 * self-signed certificate; "dh key too small" is weak DH, not a weak key.
 * Weights: 3 the text names the cause, 2 a strong sign, 1 a hint. */
#include "explain_rules.h"

#include "mxtls/diagnose.h"

#define P(...) ((const char *const[]){__VA_ARGS__, NULL})
#define SEND SIDE_BIT(MXTLS_SIDE_SENDER)
#define RECV SIDE_BIT(MXTLS_SIDE_RECEIVER)
#define CLI SIDE_BIT(MXTLS_SIDE_CLIENT)
#define TOOL SIDE_BIT(MXTLS_SIDE_TOOL)

/* The hosts mail programs connect to: the big providers' documented
 * submission and mailbox hosts, and the sending services' relay hosts.
 * They take connections from anywhere on every port they document, and
 * only programs connect to them (no bounce names one as the host that
 * wrote it). */
#define PROGRAMS_HOSTS                                                             \
    "smtp.gmail.com", "imap.gmail.com", "pop.gmail.com", "smtp.office365.com",         \
      "outlook.office365.com", "smtp-mail.outlook.com", "imap-mail.outlook.com",         \
      "smtp.mail.me.com", "imap.mail.me.com", "smtp.mail.yahoo.com", "imap.mail.yahoo.com", \
      "smtp.zoho.", "imap.zoho.", "smtp.qq.com", "exmail.qq.com", "smtp.163.com",      \
      "smtp.126.com", "smtp.yandex.", "smtp.sendgrid.net", "smtp.mailgun.org",           \
      "email-smtp.", "in-v3.mailjet.com", "smtp-relay.brevo.com",                        \
      "smtp-relay.sendinblue.com", "smtp.postmarkapp.com", "smtp.sparkpostmail.com",     \
      "smtp.mandrillapp.com", "mail.smtp2go.com", "mailtrap.io"

/* The mail hosts of the largest providers, and the hosts above: they
 * answer on port 25 and present certificates every CA store trusts, so a
 * sender that cannot reach or verify them has a problem of its own. */
#define BIG_PROVIDER_HOSTS                                                         \
    "google.com", "gmail-smtp", "googlemail", "outlook.com", "hotmail", "yahoodns", \
      "yahoo.com", "icloud.com", "me.com", "aol.com", "gmx.", "mail.ru", "zoho",        \
      "office365.com", PROGRAMS_HOSTS
#define BIG_PROVIDERS P(BIG_PROVIDER_HOSTS)

/* The big providers' own MX and submission hosts, each of which offers
 * STARTTLS to everyone: a connection to one of them that finds STARTTLS
 * missing or unknown met something in between that answered for it. */
#define PROVIDER_MAIL_HOSTS                                                        \
    P("gmail-smtp-in", "aspmx.l.google.com", "smtp.gmail.com",                    \
      "mail.protection.outlook.com", "smtp.office365.com", "smtp-mail.outlook.com", \
      "yahoodns.net", "smtp.mail.yahoo.com", "mail.icloud.com", "smtp.mail.me.com")

/* A server's 220 to STARTTLS, as Postfix, Exim ("220 TLS go ahead"),
 * Sendmail and the big providers word it: the TLS mode was right. */
#define STARTTLS_ACCEPTED                                                          \
    P("ready to start tls", "220 2.0.0 ready", "220 ready for tls", "220 go ahead", \
      "tls go ahead")

/* A program's words for giving up on the handshake that follows. */
#define GAVE_UP_AFTER_STARTTLS                                                     \
    P("starttls failed", "start tls failed", "failed to enable crypto",             \
      "unable to enable crypto", "tls handshake failed")

const struct mxtls__cause_rule mxtls__cause_rules[] = {
    /* ---- certificate names ---------------------------------------------- */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("doesn't match the host", "does not match the host", "hostname mismatch",
       "host name mismatch", "name mismatch", "certificate mismatch",
       "match certificate's altnames", "not in the cert's altnames", "not in the cert's list",
       "err_tls_cert_altname_invalid", "x509: certificate is valid for",
       "does not match the server certificate", "did not match expected cn",
       /* Ruby's openssl before 2.1 */
       "hostname was not match with the server certificate",
       "host name did not match", "hostname did not match", "does not match the expected",
       "doesn't match the expected", "no alternative certificate subject name matches",
       "hostname verification failed", "legacy common name field",
       "certificate_verify_failed: hostname", "ip address mismatch",
       "wrong host name", "verify error:num=62", "certificate is not valid for",
       "doesn't match any of the subject alternative names",
       "does not match any of the subject alternative names", "no subject alternative",
       "peer certificate cn=", "remote certificate name mismatch",
       "remotecertificatenamemismatch", "name does not match", "not match the host name",
       "hostname does not verify", "cert hostname does not verify",
       "does not match hostname", "owner does not match",
       /* Outlook's and Outlook Express's dialog */
       "does not match its internet address",
       /* OkHttp and Android's HttpsURLConnection: "SSLPeerUnverifiedException:
        * Hostname H not verified" */
       "sslpeerunverifiedexception: hostname"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 2, 0,
     P("identity of", "cannot verify server identity", "server identity",
       "invalid according to the validation procedure", "hostname verification",
       "match= ", "policy match", "certificate doesn't match", "does not match the certificate"), NULL},

    /* ---- trust ---------------------------------------------------------- */
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("self signed certificate in certificate chain",
       "self-signed certificate in certificate chain", "self_signed_cert_in_chain",
       "issued by an authority that is not trusted", "sec_error_unknown_issuer",
       "unknown issuer", "verify error:num=19", "verify error:num=2:", "untrusted root",
       "not trusted by the system", "certificate is not trusted",
       "the certificate is not trusted", "certificate chain is not trusted",
       "unable to get issuer certificate", "certpathvalidatorexception",
       "certpathvalidator exception",
       "remotecertificatechainerrors", "issuer certificate of a locally looked up certificate",
       "certificate not trusted"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("certificate signed by unknown authority", "pkix path building failed",
       "unable to find valid certification path", "unknown ca", "unknown_ca",
       "certificate validation failure", "could not be validated",
       "mozilla_pkix_error", "invalid according to the validation procedure",
       "certificate verify failed", "certificate_verify_failed", "untrusted certificate",
       "untrusted issuer", "not trusted", "bad certificate", "bad_certificate",
       "certificate verification failed", "the certificate is invalid",
       "server certificate not verified", "untrusted tls connection",
       /* Go's crypto/tls name of alert 48 ("remote error: tls: unknown
        * certificate authority"); Android's (Conscrypt's) trust manager */
       "unknown certificate authority", "trust anchor for certification path not found",
       /* YAM (AmiSSL) */ "error validating server certificate"),
     NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 3, SEND | CLI,
     P("untrusted tls connection established", "certificate verification failed",
       "untrusted issuer", "verify=fail", "unable to get local issuer certificate",
       "certificate verify failed", "unknown authority", "pkix path building failed",
       "unable to find valid certification path",
       /* Android's (Conscrypt's) TrustManagerImpl */
       "trust anchor for certification path not found",
       /* Go's crypto/x509, and its crypto/tls name of alert 48: as long
        * as cert.untrusted's phrases, so that both count (a shorter one
        * inside them would lose to them) */
       "certificate signed by unknown authority", "unknown certificate authority",
       "error validating server certificate",
       /* NSS (Heirloom mailx on RHEL without its nss-config-dir) */
       "peer's certificate issuer is not recognized"),
     BIG_PROVIDERS},
    /* A program that cannot negotiate TLS at all with one of them, which
     * every current client can: its own TLS settings (a priority string,
     * a pinned old version) are what fail. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, CLI,
     P("unable to negotiate a tls connection", "could not negotiate a tls connection",
       "tls handshake failed", "ssl handshake failed"),
     BIG_PROVIDERS},
    /* Libraries saying they have no CA store to verify with at all: Go
     * with no system roots, Java with an empty trust store, curl and
     * OpenSSL with no CA file or directory to load. */
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0,
     P("failed to load system roots", "no roots provided",
       "trustanchors parameter must be non-empty", "error setting certificate verify locations",
       /* Erlang/OTP ssl: verify_peer without any CA given */
       "cacertfile/cacerts is missing",
       /* the same, as OTP 26's option check puts it (Elixir's inspect, then
        * Erlang's own term) */
       "cacerts: :undefined", "{cacerts,undefined}"), NULL},
    /* Oracle Database (UTL_SMTP, UTL_HTTP, and the mail packages built on
     * them) trusts no CA until a wallet names one: ORA-29024 "Certificate
     * validation failure" is the database's own missing or incomplete
     * wallet, and ORA-28759 "failure to open file" a wallet path it
     * cannot read. */
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0, P("ora-29024", "ora-28759"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0, P("certificate validation failure"),
     P("ora-", "utl_smtp", "utl_http", "utl_mail", "oracle wallet")},
    /* curl's verbose lines name its CA file and directory: no store only
     * when it has neither ("CApath: none" beside a CAfile is the usual
     * setup, not a missing store). */
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0, P("cafile: none"), P("capath: none")},
    {MXTLS_F_SENDER_NO_CA_STORE, 3, SEND,
     P("untrusted tls connection established", "untrusted issuer /ou=globalsign",
       "globalsign root", "isrg root", "digicert global root"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 2, SEND,
     P("untrusted tls connection established", "certificate verification failed for",
       "verify=fail", "must be signed by a valid ca",
       "unable to get local issuer certificate", "cafile", "capath",
       "ca-certificates", "ca file", "no ca", "certificate store"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 2, CLI,
     P("unable to get local issuer certificate", "cafile", "cacert.pem", "openssl.cafile",
       "curl.cainfo", "ca bundle", "ca-certificates"), NULL},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 3, 0,
     P("unable to verify the first certificate", "unable_to_verify_leaf_signature",
       "verify error:num=21", "incomplete certificate chain", "chain is incomplete",
       "missing intermediate", "intermediate certificate"), NULL},
    /* A test tool has a CA store: an issuer it cannot find locally is the
     * intermediate the server did not send. */
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 3, TOOL,
     P("unable to get local issuer certificate", "verify error:num=20",
       "verify return code: 20", "1 of 1 in chain", "certificate #1 of 1"), NULL},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 2, 0,
     P("unable to get local issuer certificate", "verify error:num=20",
       "unable_to_get_issuer_cert_locally", "untrusted tls connection"), NULL},
    {MXTLS_F_CERT_SELF_SIGNED, 3, 0,
     P("self signed certificate", "self-signed certificate", "self_signed_cert",
       "depth_zero_self_signed_cert", "verify error:num=18", "self signed cert",
       "selfsigned", "self-signed", "self signed"), NULL},
    {MXTLS_F_CERT_SELF_SIGNED, 1, 0, P("certificate signed by unknown authority"), NULL},
    /* The self-signed certificates that packages install until the admin
     * puts a real one in place: Debian's and Ubuntu's ssl-cert
     * ("ssl-cert-snakeoil.pem", named for the host) and the default of
     * Parallels' (now Plesk's) panel, "OU=Parallels Panel". */
    {MXTLS_F_CERT_SELF_SIGNED, 2, 0,
     P("ssl-cert-snakeoil", "snakeoil.pem", "snakeoil.key", "parallels panel"), NULL},
    /* Gmail says this of a self-signed certificate too (since 2020). */
    {MXTLS_F_CERT_SELF_SIGNED, 2, 0, P("doesn't match the host", "does not match the host"),
     NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("certificate has expired", "certificate expired", "cert_has_expired",
       "certificateexpired", "expired certificate", "certificate_expired",
       "verify error:num=10", "has expired", "server certificate expired",
       "certificate is expired", "expired on"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0,
     P("not yet valid", "not_yet_valid", "verify error:num=9", "cert_not_yet_valid"), NULL},
    {MXTLS_F_CERT_NOT_CHECKED, 3, 0,
     P("unable to check revocation", "revocation server was offline",
       "revocation function was unable"), NULL},
    {MXTLS_F_CERT_NOT_CHECKED, 2, 0,
     P("revocation", "crl", "ocsp"), NULL},
    {MXTLS_F_CERT_WEAK_KEY, 3, 0,
     P("ee key too small", "ca key too small", "key too small", "key_too_small",
       "weak key"), NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 3, 0,
     P("ca md too weak", "md too weak", "ca_md_too_weak", "weak signature",
       "sha1 signature", "signature algorithm is not"), NULL},
    {MXTLS_F_TLS_WEAK_DH, 3, 0,
     P("dh key too small", "dh_key_too_small", "weak ephemeral diffie-hellman",
       "ssl_error_weak_server_ephemeral_dh_key"), NULL},
    /* A server's DH parameters it could not load or was never given
     * (Dovecot 2.3's ssl_dh): its TLS set-up, not a weak group; a weak
     * group says so ("dh key too small") and outranks it. */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, 0,
     P("couldn't parse dh parameters", "can't load dh parameters", "no dh parameters provided",
       "ssl_dh: can't open file", "ssl_dh: read("), NULL},

    /* ---- the TLS mode on the port: implicit TLS against STARTTLS -------- */
    /* A TLS hello where the server waits for SMTP: what the receiving
     * server logs of a client set to implicit TLS on a STARTTLS port. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, RECV,
     P("\\026\\003", "without waiting for greeting", "non-smtp command"), NULL},
    /* The same bytes escaped in decimal, as CommuniGate Pro's log has
     * them ("inp: \022\003\001"): 22 3 1 is that record too. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, RECV, P("\\022\\003\\00"), NULL},
    /* The same hello as a byte dump (\x16\x03\x0N: a TLS handshake record)
     * in a stream that should carry SMTP: whichever side logged it, the
     * two ends disagree on the TLS mode of the port. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, 0, P("\\x16\\x03\\x0"), NULL},
    /* Postfix's smtp client told to relay to port 465 without its
     * wrapper mode ("SMTPS wrappermode (TCP port 465) requires setting
     * smtp_tls_wrappermode = yes ..."): the sending MTA's own settings
     * first, the TLS mode of the port after. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND, P("wrappermode"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, SEND, P("wrappermode"), NULL},
    /* A Go server's implicit-TLS listener given plain SMTP (maddy, mox):
     * the client that connected is set to STARTTLS or none. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, RECV,
     P("first record does not look like a tls handshake"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL,
     P("auth extension not supported", "sslzeroreturnerror", "unexpected tls packet",
       "unexpected packet format", "tls/ssl connection has been closed",
       /* mbedTLS's MBEDTLS_ERR_SSL_INVALID_RECORD (-0x7200): what a
        * plaintext greeting looks like to a TLS client (ESP32/Arduino) */
       "an invalid ssl record was received"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, CLI | TOOL,
     P("wrong version number", "wrong_version_number", "unknown protocol",
       "first record does not look like a tls handshake",
       /* OpenSSL's reason for an HTTP request where a TLS hello should be
        * ("SSL23_GET_CLIENT_HELLO:http request"), not a program's words
        * about its own web requests */
       ":http request", "http_request",
       /* Erlang/OTP's ssl reading a plaintext "220" greeting (record type
        * 50, the '2') where a TLS record should be */
       "unsupported_record_type",
       "packet length too long", "greeting never received",
       "command not permitted when tls active",
       "issue a starttls command first", "must issue a starttls command first",
       "starttls is required to send mail", "requires a secure connection"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL,
     P("did not accept starttls", "send hello first", "starttls is required",
       "must issue a starttls", "530 5.7.0", "5.7.3 "),
     P("starttls")},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, CLI,
     P("connection unexpectedly closed", "ssl connect error", "handshake failed",
       "server response timeout", "timed out", "etimedout", "could not connect to smtp host",
       "could not convert socket to tls", "remote party has closed the transport stream",
       "unexpected eof"), NULL},
    {MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH, 2, SEND | RECV | TOOL,
     P("wrong version number", "wrong_version_number", "unknown protocol",
       "first record does not look like a tls handshake", "packet length too long",
       "unsupported_record_type"), NULL},
    {MXTLS_F_SMTP_NOT_SMTP, 2, 0,
     /* an HTTP server's reply, by its status line or its page ("400 Bad
      * Request" alone is as often a web application's log of its own
      * requests); "HTTP/1.1" alone ends a request line, which a web
      * server's access log or an SMTP server that a browser reached
      * shows, and no server replies with */
     P("http/1.0 2", "http/1.0 3", "http/1.0 4", "http/1.0 5", "http/1.1 2", "http/1.1 3",
       "http/1.1 4", "http/1.1 5", "not an smtp server", "<html", "protocol error",
       /* sslscan's -starttls-smtp when the greeting is no 220 */
       "did not appear to be an smtp service"), NULL},
    /* Android's TLS stack (Conscrypt) for any handshake it gave up on:
     * "SSL handshake aborted: ssl=0x...: Failure in SSL library, usually a
     * protocol error", whose "protocol error" is no server speaking
     * another protocol. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("failure in ssl library, usually a protocol error"),
     NULL},

    /* ---- STARTTLS ------------------------------------------------------- */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0,
     P("was not offered", "starttls extension not supported",
       "does not support starttls", "doesn't support starttls", "doesn't advertise",
       "does not advertise", "not advertise starttls", "starttls not supported",
       "starttls is not supported", "host does not support starttls",
       "no starttls", "does not offer starttls", "tls is required, but was not",
       "server does not support tls", "server doesn't support tls",
       "starttls is required but", "tls is not supported", "without starttls",
       "not offer tls", "did not offer starttls", "not available or unauthenticated",
       "would not accept a tls connection", "didn't found starttls", "didn't find starttls",
       /* the same said the other way round (Stalwart, libraries) */
       "starttls not advertised", "starttls was not advertised", "starttls is not advertised",
       "starttls isn't advertised", "not advertising starttls", "starttls not offered",
       "starttls was not offered", "starttls is not offered",
       /* libetpan (Claws Mail and others): its error constant */
       "starttls_not_supported",
       /* the same "STARTTLS extension" wording as Python's smtplib, in
        * the other ways programs put its absence */
       "starttls extension not found", "starttls extension not available",
       "starttls extension is not supported", "starttls extension not present"),
     NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, 0, P("command not implemented", "command unrecognized"),
     P("starttls")},
    /* A server that does not know the STARTTLS command at all */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0,
     P("unrecognized command 'starttls'", "unrecognized command: starttls",
       "unknown command 'starttls'", "unknown command: starttls",
       "unrecognised command 'starttls'"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, 0,
     P("500 5.3.3 unrecognized command", "500 unrecognized command",
       "500 5.5.1 unrecognized command", "500 5.5.2 unrecognized command",
       "502 5.5.2 error: command not recognized"),
     P("starttls")},
    /* Postal's answer to STARTTLS when it has no TLS set up: 502 is
     * "not implemented", not the 454 of a server that failed to load its
     * certificate (longer than "tls not available", so it wins). */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("502 tls not available"), NULL},
    /* "502 5.5.1 TLS not supported": STARTTLS is a command the server
     * does not implement (502, RFC 5321 section 4.2.4). */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("tls not supported"), P("502")},
    {MXTLS_F_SMTP_STARTTLS_MASKED, 3, 0, P("xxxxxxxa", "xxxxxxxx"), NULL},
    /* The same inspection (Cisco PIX Mail Guard, ASA and FWSM "fixup
     * smtp") overwrites the greeting's text with asterisks. */
    {MXTLS_F_SMTP_STARTTLS_MASKED, 3, 0, P("220 ******", "220-******"), NULL},
    /* A client that sent EHLO before the greeting came reads the late
     * "220" as the reply to its EHLO, and every reply after it one step
     * late (PHPMailer's "EHLO not accepted from server: 220 ..."). */
    {MXTLS_F_SMTP_SLOW_BANNER, 2, 0,
     P("ehlo not accepted from server: 220", "helo not accepted from server: 220",
       "ehlo command failed: 220"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MASKED, 3, SEND | CLI | TOOL,
     P("was not offered", "does not support starttls", "doesn't support starttls",
       "starttls not supported", "starttls extension not supported", "starttls not advertised",
       "starttls command not supported", "starttls: got 5",
       "unrecognized command 'starttls'", "unrecognized command: starttls"),
     PROVIDER_MAIL_HOSTS},
    /* Cisco AsyncOS's delivery log when the EHLO reply lists no STARTTLS
     * it can read. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, 0, P("starttls command not supported"), NULL},
    /* The side that wrote the text cannot load its own key or
     * certificate: a receiver then refuses STARTTLS, a sender cannot
     * offer its client certificate. */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, RECV,
     P("cert/key setup", "no start line", "error while reading file", "pem_read_bio",
       "cannot read property 'passphrase'"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND | CLI,
     P("cert/key setup", "no start line", "pem_read_bio", "createsecurecontext",
       "tlscertificatename", "unknowncredentials", "failed to establish appropriate tls channel",
       "starttls is required for this sender", "your outbound mail server did not"), NULL},
    /* Haraka's outbound delivery when its TLS settings are not loaded
     * ("Oops, TLS config not loaded yet!"): it goes on in plain text. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("tls config not loaded"), NULL},
    /* The receiving side's words for a sender that never started TLS. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("did not establish a tls connection"), NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, 0,
     P("null ssl ctx", "tls not available due to local problem", "454 4.7.0 tls not available",
       "tls not available", "cannot get rsa certificate", "cannot get ecdsa certificate",
       "cannot load certificate", "cannot load private key", "unable to load certificate",
       "starttls refused", "ready to start tls failed"), NULL},
    /* In the receiving server's log, a hello it cannot take is the
     * connecting side's setup (an old client, a scanner, plain text). */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, RECV,
     P("version too low", "unsupported protocol",
       /* its hello was no TLS hello at all (SSLv2) */
       "unknown protocol"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, RECV, P("wrong version number"), NULL},
    /* A first record that is no TLS record at all is plain text where
     * the server waited for a TLS hello: OpenSSL's server (1.1 on) reports
     * it as a wrong version number, as 1.0 did as SSL23_GET_CLIENT_HELLO's
     * unknown protocol. The connecting side speaks the wrong TLS mode:
     * plain SMTP to an implicit-TLS port, or plain text after its own
     * STARTTLS. (1.1's tls_process_client_hello "unknown protocol" is an
     * SSLv2 hello, an old client's, above.) */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, RECV,
     P("wrong version number", "wrong_version_number",
       "ssl23_get_client_hello:unknown protocol"), NULL},
    /* The receiving server's own log of its demand for TLS: the
     * connecting side, a program or an MTA, sent its command in plain
     * text. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, RECV,
     P("must issue a starttls command first", "issue a starttls command first"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 1, RECV,
     P("must issue a starttls command first", "issue a starttls command first"), NULL},
    /* The receiver demands TLS, and the sending MTA did not start it. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND,
     P("must issue a starttls command first", "starttls is required for this sender"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND | CLI,
     P("no appropriate protocol", "protocol is disabled", "do not possess a common algorithm",
       "cannot communicate, because they do not possess", "encryption type you have specified",
       "connection encryption type", "smtp_tls_security_level", "smtp_tls_policy",
       "tls policy", "hosts_require_tls", "tls_require_ciphers", "smtp_tls_mandatory",
       "server certificate not verified", "no cipher match", "unsupported protocol",
       "unsupported_protocol", "sslv3 is disabled", "tls 1.0 is disabled",
       "ssl_ctx_use", "ssl_ctx_set", "cannot load", "couldn't kickstart handshaking",
       "sslv3 alert handshake failure"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0,
     P("no shared cipher", "no cipher suites in common", "no_shared_cipher",
       "could not negotiate a supported cipher", "no ciphers available",
       "insufficient security", "insufficient_security"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0,
     P("do not possess a common algorithm", "no common algorithm",
       "no cipher match", "handshake failure", "handshake_failure"), NULL},
    /* testssl.sh's finding for a server that still offers SSLv3 ("POODLE,
     * SSL (CVE-2014-3566) VULNERABLE (NOT ok), uses SSLv3+CBC") */
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, TOOL, P("uses sslv3"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0,
     P("unsupported protocol", "unsupported_protocol", "protocol version",
       "protocol_version", "version too low", "no appropriate protocol", "tlsv1.0",
       "tls 1.0", "inappropriate fallback",
       "do not possess a common algorithm"), NULL},
    {MXTLS_F_TLS_CLIENT_CERT_REQUIRED, 3, 0,
     P("certificate required", "certificate_required", "peer did not return a certificate",
       "no certificate returned", "client certificate", "tlsv13 alert certificate required",
       "ccert"), NULL},
    /* A client whose own certificate has run out (Thunderbird for
     * Android's "The client certificate is no longer valid"): the
     * server asked for one and got it; what fails is the client's own
     * setting, which the longer words put first. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0,
     P("client certificate is no longer valid", "client certificate has expired"), NULL},
    /* During the handshake, a close without goodbye is a failed handshake. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 3, 0, P("non-properly terminated"),
     P("gnutls_handshake", "during handshake", "in handshake")},
    {MXTLS_F_TLS_NO_CLOSE_NOTIFY, 2, 0,
     P("non-properly terminated", "unexpected eof while reading",
       "unexpected_eof_while_reading", "close_notify", "close notify"), NULL},
    /* Words that say only that the handshake failed: a symptom, so a hint
     * that any more specific sign outranks. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0,
     P("403 4.7.0", "tls session failure", "cannot start tls: handshake failure",
       "suspiciousremoteservererror", "remote server disconnected abruptly",
       /* Exim's fallback after any failed handshake, not its setting */
       "not in hosts_require_tls"), NULL},
    /* openssl s_client's summary when the server answered its hello with
     * nothing at all: it dropped the handshake (a server whose own TLS
     * setup is broken, or a filter in between), which no certificate or
     * version the client chose explains. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, TOOL, P("ssl handshake has read 0 bytes"), NULL},
    /* s_client's end of file (or a reset) before it had the server's
     * certificate: the handshake broke off, which is no missing close_notify
     * (explain_context.c sets the benign readings aside) */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 3, TOOL,
     P("unexpected eof while reading", "unexpected_eof_while_reading",
       /* a reset (ECONNRESET) while it wrote or read the handshake */
       "write:errno=104", "read:errno=104"),
     P("no peer certificate available", "cipher is (none)")},
    /* Microsoft 365 sends with TLS 1.2 or later only: a receiver that
     * drops the connection during its handshake often speaks only older
     * versions. */
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, SEND, P("suspiciousremoteservererror"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 1, SEND, P("remote server disconnected abruptly"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0,
     P("ssl_connect error", "ssl_accept error", "handshake failed", "tls negotiation failed",
       "cannot start tls", "could not convert socket to tls", "tls handshake failed",
       "ssl handshake failed", "error in tls handshake", "tls handshake failure",
       "ssl negotiation failed"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0,
     P("connection reset", "reset by peer", "lost connection", "broken pipe",
       "connection unexpectedly closed", "remote party has closed the transport stream",
       "socketerror", "socket error", "connection dropped due to", "ssl connect error",
       "handshake", "premature"), NULL},
    /* The bare names of DANE and MTA-STS say what a text is about, not
     * what failed: listed, never above a cause the text supports. */
    {MXTLS_F_DANE_MISMATCH, 1, 0, P("dane", "tlsa"), NULL},
    {MXTLS_F_MTASTS_MX_MISMATCH, 1, 0,
     P("mta-sts", "mta_sts", "sts policy", "mtasts", "policy mismatch"), NULL},

    /* ---- network -------------------------------------------------------- */
    {MXTLS_F_NET_EGRESS_BLOCKED, 2, SEND,
     P("connection timed out", "operation timed out", "timed out", "etimedout",
       "connection timeout", "timeout expired"),
     P(":25:", "]:25", ":25 ", "port 25", "port=25")},
    {MXTLS_F_NET_TIMEOUT, 2, 0,
     P("connection timed out", "timed out", "etimedout", "timeout expired",
       "connection timeout", "operation timed out", "connect: timeout",
       /* emailjs; PowerShell's Test-NetConnection, whose connect got no answer;
        * Thunderbird's network error */
       "timedout while connecting", "warning: tcp connect to (", "ns_error_net_timeout",
       /* Rust: a socket read past its timeout fails with EAGAIN */
       "resource temporarily unavailable (os error 11)",
       "did not properly respond after a period of time", "no response",
       /* Python's exception by its name alone (not aiosmtplib's
        * SMTPTimeoutError, a stalled handshake) */
       " timeouterror"), NULL},
    /* The big providers' hosts answer everyone: a sender, a program or a
     * test tool run there that cannot reach them is blocked on its own
     * network. */
    {MXTLS_F_NET_EGRESS_BLOCKED, 3, SEND | CLI | TOOL,
     P("connection timed out", "operation timed out", "timed out", "etimedout",
       "connection timeout", "timeout expired", "connection refused",
       /* Go's dialer */ "i/o timeout", "timeout connecting to",
       /* Perl's IO::Socket (swaks) */ "connect: timeout"), BIG_PROVIDERS},
    {MXTLS_F_NET_EGRESS_BLOCKED, 1, CLI,
     P("connection timed out", "operation timed out", "timed out", "etimedout",
       "connection timeout", "port 25", " timeouterror"), NULL},
    /* A program on shared hosting told there is no route to the hosts
     * every program reaches: its host's network withholds it. A firewall
     * that rejects rather than drops answers "no route to host" (an ICMP
     * host-prohibited), so that reads the same way towards these hosts. */
    {MXTLS_F_NET_EGRESS_BLOCKED, 3, CLI,
     P("network is unreachable", "no route to host", "ehostunreach", "host is unreachable"),
     P(PROGRAMS_HOSTS)},
    /* PHP's "unable to connect to H:P (Permission denied)", Swift
     * Mailer's "Connection could not be established with host H
     * [Permission denied #13]": connect() got EACCES, so the connection
     * never left the machine. Its own policy forbids it: SELinux's
     * httpd_can_network_connect off for the web server, or a firewall
     * rule that rejects outgoing connections. */
    {MXTLS_F_NET_EGRESS_BLOCKED, 2, 0, P("(permission denied)", "[permission denied #13]"),
     P("unable to connect to", "connection could not be established")},
    {MXTLS_F_NET_REFUSED, 2, 0,
     P("connection refused", "econnrefused", "actively refused", "(111)",
       "connection was refused"), NULL},
    {MXTLS_F_NET_UNREACHABLE, 2, 0,
     P("no route to host", "network is unreachable", "network unreachable", "ehostunreach",
       "enetunreach", "host is unreachable"), NULL},
    {MXTLS_F_NET_PROXIED, 2, 0, P("cloudflare", "proxied", "orange cloud"), NULL},

    /* ---- DNS ------------------------------------------------------------ */
    {MXTLS_F_DNS_SERVFAIL, 2, 0,
     P("host not found, try again", "name service error", "servfail",
       "temporary failure in name resolution", "dns lookup failed",
       "temporary failure in mx lookup", "eai_again",
       /* a resolver's rcode 2 as host, nslookup and .NET spell it; a mail
        * server's failure is none */
       "(server failure)", "server failure (2)", "dns server failure",
       "rcode: server failure"), NULL},
    {MXTLS_F_DNS_NXDOMAIN, 2, 0,
     P("type=mx: host not found", "nxdomain", "no such domain", "domain not found",
       "non-existent domain", "name or service not known", "unknown host",
       "getaddrinfo enotfound", "enotfound", "no such host", "domain does not exist",
       "domain name not found", "unknownhostexception", "no address associated with hostname",
       /* Android's UnknownHostException */
       "host is unresolved"),
     NULL},
    {MXTLS_F_DNS_NO_MX, 2, 0,
     P("no mx found", "no mx record", "no mail exchanger", "no mx for", "mx lookup failed"), NULL},
    /* The sending side's own resolver. A program's or a tool's "Temporary
     * failure in name resolution" (glibc's EAI_AGAIN, as Node prints it
     * too) is its resolver giving no answer; the usual reasons are on that
     * machine (a container's DNS, no network yet), a domain's failing name
     * servers come after. A name that does not resolve may not exist, or
     * the resolver fails: a hint. A relay host that exists for everyone
     * and does not resolve settles it (explain_structure.c). */
    {MXTLS_F_SENDER_RESOLVER_DOWN, 2, CLI | TOOL, P("temporary failure in name resolution"),
     NULL},
    /* the constant's own name: only a program prints that; Rust's
     * standard library (lettre, reqwest) prints its gai_strerror() after
     * "failed to lookup address information" */
    {MXTLS_F_SENDER_RESOLVER_DOWN, 2, 0,
     P("eai_again", "failed to lookup address information: try again"), NULL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1, CLI | TOOL,
     P("enotfound", "name or service not known", "getaddrinfo failed", "no such host",
       "nodename nor servname provided", "name does not resolve", "unknownhostexception",
       "host is unresolved",
       "could not resolve host"), NULL},
    {MXTLS_F_DNS_NULL_MX, 3, 0, P("null mx", "does not accept mail"), NULL},
    /* Momentum's "454 4.4.4 [internal] no MX or A for domain"; Exchange
     * Online's "5.4.312 ... DNS query failed(InfoNoRecords)": an answer
     * with no records, not a failed lookup (a host without an address is
     * the other reading). */
    {MXTLS_F_DNS_NO_MX, 3, 0, P("no mx or a for domain", "no mx or a record", "infonorecords"),
     NULL},
    {MXTLS_F_DNS_MX_NO_ADDRESS, 2, 0, P("infonorecords"), NULL},
    /* A sender that predates null MX (RFC 7505) takes the MX "." for a
     * host and looks the root up as one: Sendmail's "Host unknown (Name
     * server: .: host not found)". */
    {MXTLS_F_DNS_NULL_MX, 3, 0, P("name server: .: host not found"), NULL},
    {MXTLS_F_DNS_MX_NO_ADDRESS, 3, 0,
     P("type=a: host not found", "type=aaaa: host not found", "no address associated",
       "has no address", "no a record"), NULL},
    {MXTLS_F_DNS_APEX_CNAME, 3, 0, P("cname and other data", "apex cname", "cname at the apex"), NULL},
    /* Sendmail's 5.1.2 for a destination DNS does not know ("Host unknown
     * (Name server: D.: host not found)", "... (Authoritative answer from
     * name server)"), and its host map's temporary failure ("host map:
     * lookup (D): deferred", a lookup that came back TRY_AGAIN). */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0,
     P("host unknown (name server:", "host unknown (authoritative answer from name server)"),
     NULL},
    {MXTLS_F_DNS_SERVFAIL, 2, 0, P("host map: lookup"), P("deferred")},
    {MXTLS_F_DNS_TIMEOUT, 1, 0, P("host map: lookup"), P("deferred")},
    /* Exim's words when the MX hosts' own address lookups found nothing:
     * "all relevant MX records point to non-existent hosts", "some host
     * address lookups failed and retry time not reached". */
    {MXTLS_F_DNS_MX_NO_ADDRESS, 2, 0,
     P("all relevant mx records point to non-existent hosts",
       "some host address lookups failed"), NULL},
    /* DNSSEC's bare name says what a text is about (a survey's address
     * holds it too); "bogus" is a validator's verdict. */
    {MXTLS_F_DNS_DNSSEC_BOGUS, 1, 0, P("dnssec"), NULL},
    {MXTLS_F_DNS_DNSSEC_BOGUS, 2, 0, P("bogus"), NULL},

    /* A server that closed or stalled before its 220 (Postfix: "lost
     * connection with H while receiving the initial server greeting",
     * "conversation with H timed out while receiving the initial server
     * greeting"), and one that greeted with a refusal ("554 H ESMTP not
     * accepting connections", RFC 5321 section 3.1). */
    {MXTLS_F_SMTP_NO_BANNER, 2, 0, P("while receiving the initial server greeting"), NULL},
    /* Postfix's greeting timeout: the connection was made, so its "timed
     * out" is no sign of a network that drops the connection attempt */
    {MXTLS_F_SMTP_NO_BANNER, 3, 0,
     P("timed out while receiving the initial server greeting",
       /* Exim's words for the same: "SMTP timeout after initial
        * connection: Connection timed out" */
       "smtp timeout after initial connection"), NULL},
    /* A server's own log of a client that gave up waiting for a greeting
     * it held back (Kerio Connect's Spam Repellent, a tarpit). */
    {MXTLS_F_SMTP_SLOW_BANNER, 2, 0, P("closed connection before smtp greeting"), NULL},
    /* testssl.sh's protocol list: "TLS 1      offered (deprecated)". */
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, TOOL, P("offered (deprecated)"), NULL},
    {MXTLS_F_SMTP_BANNER_REJECTED, 2, 0, P("not accepting connections"), P("554")},
    /* Postfix's words for a greeting that was a refusal (smtp_proto.c:
     * "host H refused to talk to me: 421 ..."). */
    {MXTLS_F_SMTP_BANNER_REJECTED, 1, SEND, P("refused to talk to me:"), NULL},

    /* ---- limits that read like TLS failures ----------------------------- */
    /* Yahoo's deferral for an envelope sender whose domain its resolver
     * could not look up: DNS, not a limit; the whole sentence covers its
     * "temporarily deferred". */
    {MXTLS_F_DNS_SERVFAIL, 3, 0,
     P("temporarily deferred due to unresolvable rfc.5321 from domain",
       "unresolvable rfc.5321"), NULL},
    {MXTLS_F_SMTP_RATE_LIMITED, 3, 0,
     P("temporarily deferred", "user complaints", "unexpected volume", "[ts0", "[tss0",
       "too many connections", "rate limited", "ratelimit"), NULL},
    {MXTLS_F_SMTP_RATE_LIMITED, 2, 0,
     P("rate limit", "too many connections", "too many messages", "throttl", "greylist",
       "reputation", "spamhaus", "blacklist", "blocklist", "blocked using",
       /* Outlook.com's S3140 and S3150 ("part of their network is on our
        * block list") */
       "on our block list",
       /* a block for the sending address: its reverse DNS (GMX, free.fr,
        * Postfix's reject_unknown_client_hostname) or a reputation list
        * (Proofpoint's lookup page). The bare words "reverse DNS" only
        * beside a refusal (below): checkers (mail-tester, MXToolbox) use
        * them for advice. */
       "ptr resource record", "cannot find your hostname",
       "cannot find your reverse hostname", "ipcheck.proofpoint.com",
       /* Outlook.com's SC-004 ("too many unwanted messages have been sent
        * from the following IP address"), Orange's "Client host blocked
        * for spamming issues", Cloudmark's delisting page */
       "unwanted messages have been sent", "blocked for spamming", "csi.cloudmark.com",
       "4.7.500", "4.7.650", "temporarily rate",
       /* a limit or quota exceeded, not any "exceeded" (Erlang's
        * retries_exceeded wraps every kind of failure) */
       "limit exceeded", "quota exceeded", "rate exceeded", "has exceeded the",
       "exceeded the max", "exceeded the rate", "exceeded the limit", "exceeded the quota",
       "exceeded the number"), NULL},

    /* ==== Rules read from the libraries' own tables ======================
     * Each group below is one library's list of verification errors,
     * error codes or reasons, with the cause each one names. They are
     * taken from the tables themselves (the spellings the libraries
     * print), not from example texts, so that a text mxtls has never
     * seen still meets the words its library uses. */

    /* OpenSSL's X509_V_ERR_* texts (crypto/x509/x509_txt.c) and their
     * numbers as "verify error:num=N" / "Verify return code: N" print
     * them; Node's err.code is the same name without X509_V_ERR_. */
    {MXTLS_F_CERT_CHAIN_TOO_LONG, 3, 0,
     P("certificate chain too long", "cert_chain_too_long", "verify error:num=22:",
       "verify return code: 22 "), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("cert_untrusted", "unable_to_get_issuer_cert", "verify error:num=27:",
       "verify return code: 27 ", "verify return code: 19 ", "verify return code: 2 ",
       "verify error:num=24:", "invalid ca certificate", "invalid_ca",
       "certificate rejected", "cert_rejected", "verify error:num=28:"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("certificate revoked", "cert_revoked", "certificate signature failure",
       "cert_signature_failure", "path length constraint exceeded", "path_length_exceeded",
       "unsupported certificate purpose", "invalid_purpose"), NULL},
    {MXTLS_F_CERT_SELF_SIGNED, 3, 0,
     P("verify return code: 18 ", "depth_zero_self_signed"), NULL},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 3, 0,
     P("verify return code: 21 "), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("verify return code: 10 "), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0,
     P("certificate is not yet valid", "verify return code: 9 ",
       /* GnuTLS, msmtp */
       "not yet activated", "uses not yet valid certificate",
       /* Java */
       "certificatenotyetvalid",
       /* Mozilla NSS */
       "not_yet_valid_certificate"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("hostname_mismatch", "ip_address_mismatch", "verify error:num=64:",
       "verify return code: 62 ", "verify return code: 64 "), NULL},
    {MXTLS_F_CERT_WEAK_KEY, 3, 0,
     P("ee certificate key too weak", "ca certificate key too weak", "ee_key_too_small",
       "ca_key_too_small", "verify error:num=66:", "verify error:num=67:"), NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 3, 0,
     P("ca signature digest algorithm too weak", "verify error:num=68:",
       /* GnuTLS */
       "uses insecure algorithm",
       /* .NET X509ChainStatusFlags */
       "hasweaksignature"), NULL},
    {MXTLS_F_DANE_MISMATCH, 3, 0,
     P("no matching dane tlsa records", "dane_no_match", "verify error:num=65:",
       /* the DNSSEC-tools survey's notice to a domain's contacts */
       "do not match their actual certificate chains"), NULL},
    /* Exchange's send connector log when the peer and it share no
     * protocol version: Microsoft documents it for an on-premises server
     * left on TLS 1.0/1.1 talking to Microsoft 365. */
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0, P("tls negotiation failed with error socketerror"), NULL},
    {MXTLS_F_CERT_NOT_CHECKED, 3, 0,
     P("unable to get certificate crl", "unable_to_get_crl",
       /* .NET X509ChainStatusFlags */
       "revocationstatusunknown", "offlinerevocation",
       /* Windows CRYPT_E_NO_REVOCATION_CHECK, CRYPT_E_REVOCATION_OFFLINE */
       "0x80092012", "0x80092013", "-2146885614", "-2146885613",
       /* GnuTLS */
       "but the ocsp status is missing"), NULL},

    /* GnuTLS: gnutls_certificate_verification_status_print() and
     * gnutls_strerror() texts (msmtp and Exim print them). */
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("the certificate issuer is unknown", "hasn't got a known issuer",
       "has not got a known issuer", "the certificate issuer is not a ca",
       "signer not found"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("uses expired certificate"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("the name in the certificate does not match"), NULL},
    {MXTLS_F_TLS_WEAK_DH, 3, 0,
     P("diffie-hellman prime sent by the server is not acceptable",
       /* Java: the server's DH key fails the sender's constraints */
       "dhpublickey does not comply to algorithm constraints"), NULL},
    {MXTLS_F_TLS_CLIENT_CERT_REQUIRED, 3, 0,
     P("the peer did not send any certificate"), NULL},
    /* The server chose a version the client does not take: Go's client
     * ("tls: server selected unsupported protocol version 301") and
     * OpenSSL 1.1's client-side check (ssl_choose_client_version). A server
     * that can do no better is an old one. */
    {MXTLS_F_TLS_PROTOCOL_OLD, 3, 0,
     P("server selected unsupported protocol version",
       "ssl_choose_client_version:unsupported protocol"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0,
     P("error in protocol version", "packet with illegal or unsupported version",
       /* Mozilla NSS */
       "ssl_error_unsupported_version", "ssl_error_protocol_version_alert"), NULL},

    /* Plain text where TLS was expected, in each library's words: the
     * client's TLS mode does not fit the port (OpenSSL's "wrong version
     * number" is already above). GnuTLS, Java, NSS, Windows SChannel. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, CLI | TOOL,
     P("unrecognized ssl message, plaintext connection", "unsupported or unrecognized ssl message",
       "a record packet with illegal version", "ssl_error_rx_record_too_long"), NULL},
    {MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH, 2, SEND | RECV | TOOL,
     P("unrecognized ssl message, plaintext connection", "unsupported or unrecognized ssl message",
       "a record packet with illegal version", "ssl_error_rx_record_too_long"), NULL},
    /* MailKit's SslHandshakeException without a validation result: the
     * handshake failed before any certificate was checked. In SSL-on-
     * connect mode it adds that the port may not speak TLS at all. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0,
     P("an error occurred while attempting to establish an ssl or tls connection"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI,
     P("trying to connect to a port which does not support ssl/tls"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 1, 0,
     P("protocols supported by the client and server do not match"), NULL},
    /* GnuTLS's GNUTLS_E_UNEXPECTED_PACKET_LENGTH: the peer closed the
     * connection in the middle of the handshake. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("tls packet with unexpected length"), NULL},
    /* SEC_E_INVALID_TOKEN: SChannel could not read the peer's handshake:
     * most often the two share no protocol version (one side left on
     * SSL 3 or TLS 1.0, the other past it), else SslStream met an SMTP
     * greeting, not a TLS hello. */
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0,
     P("the token supplied to the function is invalid", "0x80090308", "-2146893048",
       "the token is not valid"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, CLI,
     P("the token supplied to the function is invalid", "0x80090308", "-2146893048"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, CLI,
     P("net_io_connectionclosed", "client network socket disconnected before secure tls "
       "connection was established"), NULL},

    /* Java (JSSE, java.security.cert). Java 8's PKIX checker says
     * "timestamp check failed" where later ones say "validity check
     * failed": a certificate outside its validity period. */
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("validity check failed", "certificateexpiredexception", "timestamp check failed"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("no subject alternative dns name matching", "no name matching",
       "no subject alternative names matching", "no subject alternative names present"),
     NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 2, 0,
     P("certificates do not conform to algorithm constraints"), NULL},

    /* .NET: SslPolicyErrors and X509ChainStatusFlags names, and the
     * Windows texts (winerror.h) SChannel and CertVerify print, with
     * their HRESULTs in hex and as .NET prints them, signed. */
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 3, 0, P("partialchain"), NULL},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 2, 0,
     P("could not be built to a trusted root authority", "0x800b010a", "-2146762486"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("untrustedroot", "terminated in a root certificate which is not trusted",
       "0x80090325", "-2146893019", "0x800b0109", "-2146762487"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("explicitly revoked by its issuer"), NULL},
    {MXTLS_F_CERT_SELF_SIGNED, 1, 0,
     P("untrustedroot", "terminated in a root certificate which is not trusted"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("nottimevalid", "not within its validity period", "0x80090328", "-2146893016",
       "0x800b0101", "-2146762495"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("the target principal name is incorrect", "cn name does not match the passed value",
       /* the dialog's words as people retype them */
       "the target principle name is incorrect",
       "0x80090322", "-2146893022", "0x800b010f", "-2146762481"), NULL},
    /* WinINet's certificate errors, as ActiveSync, Windows Update and
     * Outlook show them with or without "0x": 12045 INVALID_CA
     * (80072F0D), 12038 SEC_CERT_CN_INVALID (80072F06), 12037
     * SEC_CERT_DATE_INVALID (80072F05); and the certificate dialog's
     * "cannot be verified up to a trusted certification authority". */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("80072f0d", "cannot be verified up to a trusted certification authority"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("80072f06"), NULL},
    {MXTLS_F_CERT_EXPIRED, 2, 0, P("80072f05"), NULL},
    /* SEC_E_ALGORITHM_MISMATCH and SEC_E_ILLEGAL_MESSAGE, as Exchange's
     * connector logs name them ("TLS negotiation failed with error ..."). */
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0, P("0x80090331", "-2146893007", "algorithmmismatch"),
     NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("illegalmessage"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0,
     P("the message received was unexpected or badly formatted", "0x80090326",
       "-2146893018"), NULL},

    /* Mozilla NSS (Thunderbird) error names. */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("ssl_error_bad_cert_domain"), NULL},
    {MXTLS_F_CERT_SELF_SIGNED, 3, 0, P("mozilla_pkix_error_self_signed_cert"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("sec_error_expired_certificate", "sec_error_expired_issuer_certificate"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("sec_error_untrusted_issuer", "sec_error_ca_cert_invalid", "sec_error_untrusted_cert"),
     NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0, P("ssl_error_no_cypher_overlap"), NULL},

    /* Go crypto/x509 and crypto/tls. */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("doesn't contain any ip sans", "not valid for any names"), NULL},
    /* "has expired or is not yet valid: current time T is before N" */
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("or is not yet valid"), P(" is before ")},

    /* curl, Python's ssl.match_hostname(). */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("does not match target host name", "doesn't match either of"), NULL},

    /* The client's own TLS settings leave no version to offer (OpenSSL
     * NO_PROTOCOLS_AVAILABLE, Node ERR_SSL_NO_PROTOCOLS_AVAILABLE). */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND | CLI,
     P("no protocols available", "no_protocols_available"), NULL},
    /* Postfix: its own TLS engine did not start. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND, P("but our tls engine is unavailable"), NULL},

    /* A connection that was made and then got no reply in time is not a
     * network timeout: a client waiting for a greeting on a port that
     * waits for its TLS hello (or the reverse) sees exactly this. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI, P("server response timeout"), NULL},
    {MXTLS_F_NET_TIMEOUT, 1, 0, P("server response timeout"), NULL},
    /* OpenSSL's SSL_R_SSL_HANDSHAKE_FAILURE, "ssl handshake failure", is
     * its generic reason, not alert 40 ("sslv3 alert handshake failure"). */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("ssl handshake failure", "ssl_handshake_failure"),
     NULL},
    /* OpenSSL and BoringSSL reason strings (ssl_err.c) for a handshake
     * the two sides could not agree on. */
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0,
     P("no shared signature algorithms", "no suitable key share", "no shared groups",
       "handshake failure on client hello", "handshake_failure_on_client_hello"), NULL},
    {MXTLS_F_TLS_WEAK_DH, 2, 0, P("bad dh p length", "bad_dh_p_length"), NULL},
    /* A peer without secure renegotiation (RFC 5746) predates 2010. */
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0,
     P("unsafe legacy renegotiation disabled", "unsafe_legacy_renegotiation_disabled"), NULL},

    /* Windows SChannel's event texts: 36874 (no cipher suite of the
     * client's is enabled on the server), 36871 (the machine cannot set
     * up its own TLS client: protocols or suites disabled there). */
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0,
     P("none of the cipher suites supported by the client application are supported by the "
       "server"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0,
     P("fatal error occurred while creating a tls client credential",
       "fatal error occurred while creating an ssl client credential",
       /* Exchange's send connector cannot use its own certificate */
       "nocredentials"), NULL},
    /* GnuTLS: the program's own priority string or credentials. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND | CLI,
     P("no or insufficient priorities were set", "insufficient credentials for that request"),
     NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, RECV, P("insufficient credentials for that request"), NULL},

    /* What the client libraries say when the TLS mode does not fit the
     * port: JavaMail's end of stream before a greeting ("response: -1"),
     * Go's net/smtp refusing to send a password without TLS, .NET's
     * SmtpClient finding no STARTTLS. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI, P("response: -1"), NULL},
    /* Go's "unencrypted connection" is its net/smtp library's own refusal
     * (PlainAuth without TLS): a program's, whatever else its log says,
     * and whether or not anything else says whose log it is. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 0, P("unencrypted connection"), NULL},
    /* ... and as often a server that offered no STARTTLS to upgrade to. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 1, 0, P("unencrypted connection"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("server does not support secure connections"), NULL},
    /* A server that takes SMTP only over TLS, refusing the plain session
     * a client opened (mail.ru: "550 SMTP is available only with SSL or
     * TLS connection enabled"). */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 0, P("available only with ssl or tls"), NULL},

    /* nullmailer's verdict after "smtp: Failed: Connect failed" when the
     * smarthost's name did not resolve (its default "mail." never does). */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("sending failed: host not found"), NULL},
    /* .NET's WebException for a name that did not resolve (SmtpClient,
     * PowerShell's Send-MailMessage): the name first, the sender's own
     * resolver as the other reading. */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("the remote name could not be resolved"), NULL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1, 0, P("the remote name could not be resolved"), NULL},
    /* Exchange answering STARTTLS when it cannot use its own certificate
     * ("554 5.7.3 Unable to initialize security subsystem"). */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, 0, P("unable to initialize security subsystem"), NULL},
    /* Resolver errors as getaddrinfo (glibc, musl, macOS), Winsock and
     * Go print them. */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0,
     P("nodename nor servname provided", "name does not resolve", "getaddrinfo failed",
       "no such host is known", "(11001)"), NULL},
    {MXTLS_F_DNS_SERVFAIL, 2, 0,
     P("temporary error during hostname resolution", "server misbehaving", "(11002)",
       "dns query failed"), NULL},
    /* Winsock's WSAHOST_NOT_FOUND and WSATRY_AGAIN as Python prints them
     * on Windows ("[Errno 11001] getaddrinfo failed"): the number says
     * which, where the words do not. */
    {MXTLS_F_DNS_NXDOMAIN, 3, 0, P("[errno 11001]", "[error 11001]"), NULL},
    {MXTLS_F_DNS_SERVFAIL, 3, 0, P("[errno 11002]", "[error 11002]"), NULL},
    {MXTLS_F_DNS_TIMEOUT, 3, 0, P("i/o timeout"), P("lookup ")},

    /* TLS-RPT result types (RFC 8460, section 4.3), as a pasted report
     * names them. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("starttls-not-supported"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("certificate-host-mismatch"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("certificate-expired"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0, P("certificate-not-trusted"), NULL},
    {MXTLS_F_DANE_MISMATCH, 3, 0, P("tlsa-invalid"), NULL},
    {MXTLS_F_DANE_BOGUS, 3, 0, P("dnssec-invalid"), NULL},
    {MXTLS_F_MTASTS_FETCH_FAILED, 3, 0, P("sts-policy-fetch-error"), NULL},
    /* CheckTLS's MTA-STS test: "could not retrieve policy: 500 Can't
     * connect to mta-sts.D" */
    {MXTLS_F_MTASTS_FETCH_FAILED, 3, 0, P("could not retrieve policy"), P("mta-sts")},
    {MXTLS_F_MTASTS_INVALID_POLICY, 3, 0, P("sts-policy-invalid"), NULL},
    /* The failure-reason-code reporters add to a "validation-failure":
     * Microsoft's MX_HOSTS_MISMATCH, others' "mx-mismatch" (the MX host
     * is not among the policy's mx: patterns). */
    {MXTLS_F_MTASTS_MX_MISMATCH, 3, 0, P("mx_hosts_mismatch", "\"mx-mismatch\""), NULL},
    {MXTLS_F_MTASTS_WEBPKI_INVALID, 3, 0, P("sts-webpki-invalid"), NULL},
    /* A certificate or TLS handshake failure on the policy host itself
     * (mta-sts.DOMAIN, RFC 8461 3.3): senders cannot fetch the policy over
     * HTTPS with a certificate they do not trust. */
    {MXTLS_F_MTASTS_WEBPKI_INVALID, 3, 0,
     P("tls handshake error", "missing certificate", "certificate verify failed",
       "certificate has expired", "self-signed certificate", "self signed certificate",
       "x509: certificate"),
     P("mta-sts.")},

    /* Gmail's mail fetcher ("Check mail from other accounts"): a server
     * name it cannot look up, and its hint for an SSL setting that does
     * not fit the port. */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("unable to locate the other domain"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, 0, P("verify the correct port settings"), NULL},

    /* errno and Winsock texts (strerror, FormatMessage, Go, Java). */
    {MXTLS_F_NET_TIMEOUT, 2, 0,
     P("i/o timeout", "wsaetimedout", "(10060)", "net::readtimeout", "net::opentimeout"), NULL},
    {MXTLS_F_NET_TIMEOUT, 2, 0, P("10060"), P("socket", "winsock")},
    {MXTLS_F_NET_REFUSED, 2, 0, P("10061"), P("socket", "winsock")},
    /* Go's dialer, to port 25: a sending MTA's or a program's (Gophish,
     * address validators) own network most often blocks it. */
    {MXTLS_F_NET_EGRESS_BLOCKED, 2, SEND | CLI, P("i/o timeout"),
     P(":25:", "]:25", ":25 ", "port 25")},
    {MXTLS_F_NET_REFUSED, 2, 0, P("wsaeconnrefused", "(10061)"), NULL},
    {MXTLS_F_NET_UNREACHABLE, 2, 0,
     P("host is down", "ehostdown", "socket operation was attempted to an unreachable",
       "wsaenetunreach", "wsaehostunreach", "noroutetohostexception"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0,
     P("econnreset", "forcibly closed by the remote host", "wsaeconnreset",
       "epipe", "econnaborted"), NULL},

    /* ==== MTAs' and providers' own wording ================================
     * Each from the software's source or the provider's documentation of
     * its codes, for a family of texts, not one example. */

    /* The monitoring plugins' certificate check (monitoring-plugins
     * plugins/sslutils.c, behind check_smtp -D and check_http -C):
     * "Certificate 'CN' expired on DATE", "... expires in N day(s)",
     * "... expires today"; releases before 2013 left the name out. "Expires
     * today" is said of a certificate that has not expired yet (though
     * check_smtp once compared GMT with local time and said so of one that
     * had: monitoring-plugins#860). */
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("' expired on", "certificate expired on"), P("certificate")},
    {MXTLS_F_CERT_EXPIRES_SOON, 2, 0, P("' expires in", "' expires today",
                                        "certificate expires today", "certificate expires in"),
     P("certificate")},

    /* Postfix's resolver results (dns_lookup.c, smtp_addr.c): "Host or
     * domain name not found" heads both a name that does not exist and
     * one that could not be looked up; ", try again" is the second. */
    {MXTLS_F_DNS_NXDOMAIN, 1, 0, P("host or domain name not found"), NULL},
    /* Outlook.com's own DSN for a recipient domain it cannot resolve:
     * "554 The mail could not be delivered to the recipient because the
     * domain is not reachable. Please check the domain and try again". */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("because the domain is not reachable"), NULL},
    /* Gmail's bounce "... because the domain D couldn't be found. Check
     * for typos or unnecessary spaces and try again." heads a name that
     * does not exist, and also a lookup that failed and a null MX; the
     * DNS answer it quotes below ("DNS type 'mx' lookup of D responded
     * with code SERVFAIL") says which, and outranks it. Its NXDOMAIN
     * there may be for the MX host's address ("type 'a' lookup of
     * mail.D."), not the domain: no rule of its own. */
    {MXTLS_F_DNS_NXDOMAIN, 2, SEND, P("couldn't be found. check for typos"), NULL},
    {MXTLS_F_DNS_SERVFAIL, 3, 0, P("responded with code servfail"), NULL},
    {MXTLS_F_DNS_SERVFAIL, 3, 0,
     P("type=mx: host not found, try again", "type=a: host not found, try again",
       "type=aaaa: host not found, try again"), NULL},
    {MXTLS_F_DNS_MX_NO_ADDRESS, 3, 0, P("has a valid address record"), P("no mx host for")},
    /* A TLSA lookup that fails is a lookup failure, not a mismatch:
     * Postfix "TLSA lookup error for". A resolver's SERVFAIL for a
     * _25._tcp name says only that the name servers failed: broken
     * DNSSEC is one reason, name servers that do not answer TLSA queries
     * at all (Microsoft's mail.protection.outlook.com answered NOTIMP for
     * years) another, so DNSSEC comes second unless the text says more
     * (an extended DNS error, explain_structure.c). */
    {MXTLS_F_DANE_BOGUS, 3, 0, P("tlsa lookup error"), NULL},
    {MXTLS_F_DNS_SERVFAIL, 3, 0, P("servfail"), P("_25._tcp.", "type tlsa", "-t tlsa")},
    {MXTLS_F_DANE_BOGUS, 2, 0, P("servfail"), P("_25._tcp.", "type tlsa", "-t tlsa")},
    /* OpenSSL 3 reading a CA file or directory that is not there ("STORE
     * routines::unregistered scheme", "system library::No such file or
     * directory") before the verification that then fails: the program
     * has no CA store to verify with. */
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0,
     P("unregistered scheme", "system library::no such file or directory"),
     P("certificate verify failed", "certificate_verify_failed")},
    /* Gmail's bounce when no connection to any MX host got through (its
     * help page 7720): refused or timed out; the detail in brackets, when
     * the bounce has it, says which. */
    {MXTLS_F_NET_TIMEOUT, 2, 0, P("did not accept our requests to connect"), NULL},
    /* Exchange Online's NDR for the same (4.4.7, 4.4.316): "Despite
     * repeated attempts to contact the recipient's email system it didn't
     * respond ... isn't accepting connection requests from your email
     * system". Its error detail, when pasted, names refused or timed out
     * more strongly. */
    {MXTLS_F_NET_TIMEOUT, 1, 0,
     P("email system it didn't respond", "isn't accepting connection requests"), NULL},
    /* ... and its detail when the connection was made but no greeting
     * came ("[mx.example.org 192.0.2.1: unable to read banner]"). */
    {MXTLS_F_SMTP_NO_BANNER, 3, 0, P("unable to read banner"), NULL},
    {MXTLS_F_NET_REFUSED, 2, 0, P("did not accept our requests to connect"), NULL},
    /* A program on the mail server itself (a webmail, a CMS) that drops
     * the connection right after its STARTTLS: it connected to
     * "localhost", which no certificate a CA issues names. (A failed
     * SSL_accept alone is no sign: on the smtps port it is as often a
     * client that never began TLS.) */
    {MXTLS_F_CERT_NAME_MISMATCH, 2, RECV,
     P("after starttls from localhost[", "after starttls from localhost.",
       "after starttls from localhost6", "after starttls from unknown[127.0.0.1]",
       "after starttls from unknown[::1]"),
     NULL},
    /* Postfix warns of its own smtp_tls_* settings that do not fit. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("warning: smtp_tls_"), NULL},
    /* Exim's transport when hosts_require_tls holds (smtp.c). */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0,
     P("a tls session is required, but an attempt to start tls failed"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0,
     P("a tls session is required, but the server did not offer tls support"), NULL},
    /* Sendmail's tls_server ruleset: arg1 is ${verify} of the server's
     * certificate (FAIL: it did not verify, SOFTWARE: the handshake failed,
     * NONE: no STARTTLS). */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("arg1=fail"), P("ruleset=tls_")},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("arg1=software"), P("ruleset=tls_")},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, 0, P("arg1=none"), P("ruleset=tls_server")},
    /* GnuTLS's gnutls_strerror() texts (Exim, msmtp, gnutls-cli). */
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0, P("no supported cipher suites have been found"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0,
     P("error in the pull function", "error in the push function"), NULL},
    /* Microsoft 365 and Exchange: 4.4.317 carries what went wrong in
     * [Message=...] (a certificate status, or the remote reply); 5.7.64
     * TenantAttribution is a sending server that no inbound connector
     * accepts, by its certificate's name or its address; SMTPSEND.DNS.*
     * are the sending server's lookups. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0,
     P("4.4.317", /* its words, when the code is cut off */ "cannot connect to remote server"),
     P("starttls")},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("subjectmismatch"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("tenantattribution"), NULL},
    {MXTLS_F_DNS_NXDOMAIN, 3, 0, P("nonexistentdomain"), NULL},
    /* Exchange Online's 5.4.310 ("DNS domain D does not exist
     * [Message=InfoDomainNonexistent]"). */
    {MXTLS_F_DNS_NXDOMAIN, 3, 0, P("infodomainnonexistent", "5.4.310 dns domain"), NULL},
    /* An SMTP reply comes after the handshake: a server that answers
     * "certificate validation failure" checked the connecting side's
     * certificate (Exchange's 454 4.7.5 for mutual TLS). */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("4.7.5 certificate validation failure"), NULL},
    /* Exchange's "Primary target IP address responded with" carries a
     * failure its own send connector made up ("421 4.4.1 Connection
     * timed out", "421 4.2.1 Unable to connect"): a connector that must
     * use TLS and cannot load its certificate (NoCredentials) fails so
     * too, as its protocol log then shows. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, 0,
     P("connection timed out", "unable to connect", "socket error", "socketerror"),
     P("primary target ip address responded with", "attempted failover to alternate host",
       "target host responded with error")},
    /* A receiver that demands TLS before MAIL or AUTH ("530 5.7.0
     * STARTTLS required", RFC 3207; "Encryption required for requested
     * authentication mechanism", RFC 4954's 5.7.11): the connecting side
     * did not start it. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL,
     P("starttls required", "tls required", "encryption required"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND,
     P("starttls required", "tls required", "encryption required"), NULL},
    /* The same demand as providers word it when a client tries to log in
     * without TLS (QQ Mail's "A secure connection is requiered(such as
     * ssl)", Yandex's "Email sending without SSL/TLS encryption is not
     * allowed"). */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL,
     P("secure connection is requiered", "secure connection is required",
       "without ssl/tls encryption is not allowed"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND,
     P("secure connection is requiered", "secure connection is required",
       "without ssl/tls encryption is not allowed"), NULL},
    /* A vague "try again later" rides on any temporary reply. */
    {MXTLS_F_SMTP_RATE_LIMITED, 1, 0, P("try again later"), NULL},
    /* any other "exceeded" is a hint only, which any cause the text names
     * outranks: Erlang's retries_exceeded wraps every kind of failure */
    {MXTLS_F_SMTP_RATE_LIMITED, 1, 0, P("exceeded"), NULL},
    /* A server that refused the sending address for its reverse DNS. */
    {MXTLS_F_SMTP_RATE_LIMITED, 2, 0, P("reverse dns"),
     P("refused to talk to me", "refused.", "rejected", "blocked")},
    /* Gmail's 421-4.7.0 for an unusual volume from one address. */
    {MXTLS_F_SMTP_RATE_LIMITED, 3, 0, P("unusual rate of unsolicited mail"), NULL},
    /* Mozilla NSS (Thunderbird) and Apple Mail dialogs. */
    {MXTLS_F_CERT_SELF_SIGNED, 3, 0,
     P("certificate is not trusted because it is self-signed",
       "certificate is not trusted because it is self signed"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 2, 0, P("pretending to be"), NULL},
    {MXTLS_F_CERT_SELF_SIGNED, 1, 0, P("pretending to be"), NULL},
    /* Mozilla NSS's texts for its error codes and certificate dialog
     * (Thunderbird), and Windows' certificate security alert (Outlook). */
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("certificate issuer is not recognized", "issued by a company you have not chosen to trust",
       "hasn't been verified as issued by a trusted authority"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("certificate belongs to a different site", "wrong site",
       "name on the security certificate is invalid or does not match"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("certificate is not currently valid", "outdated information",
       "security certificate has expired or is not yet valid"), NULL},
    /* OpenSMTPD's relay when the remote host offers no STARTTLS. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("tls required but not supported"), NULL},
    /* OpenSSL 3's reason when no signature algorithm is shared. */
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0,
     P("no suitable signature algorithm", "no_suitable_signature_algorithm"), NULL},
    /* The peer hung up during the handshake: Exim, Python's SSLEOFError. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, P("tcp connection closed by peer"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0,
     P("eof occurred in violation of protocol",
       /* as Python's SSLEOFError prints it: not Go's bare ": EOF" */
       ": eof occurred in violation of protocol",
       /* Python 3.10+: the same, not a missing close_notify after data */
       "unexpected_eof_while_reading] eof occurred in violation of protocol"), NULL},
    /* A program's own "certificate verify failed", with nothing that
     * says why: its own CA bundle (old, missing, or not the one it
     * reads) is as often the cause as the server's chain, and the
     * maintainers' first answer (PHPMailer's troubleshooting wiki, Ruby's
     * "certificate verify failed" FAQ). Listed beside the server's
     * causes, never ahead of them: a hint. */
    {MXTLS_F_SENDER_NO_CA_STORE, 1, CLI,
     P("certificate verify failed", "certificate_verify_failed",
       /* Go's crypto/x509 (a container image without ca-certificates is
        * the classic case); as long as cert.untrusted's phrase, so that
        * both count */
       "certificate signed by unknown authority"), NULL},
    /* PHPMailer giving up right after the server's 220 to STARTTLS: the
     * TLS mode was right, and PHP (5.6 on) verifies the certificate, so
     * the verification failed; its maintainers' first answer is an old CA
     * bundle on the sending host, then the server's certificate. */
    {MXTLS_F_SENDER_NO_CA_STORE, 2, CLI,
     P("could not connect to smtp host", "smtp connect() failed"),
     STARTTLS_ACCEPTED},
    {MXTLS_F_CERT_UNTRUSTED, 1, CLI,
     P("could not connect to smtp host", "smtp connect() failed"),
     STARTTLS_ACCEPTED},
    /* Any other program that gives up once the server has said 220 to
     * STARTTLS (Roundcube's "STARTTLS failed", PHP's "failed to enable
     * crypto", DokuWiki's "Start TLS failed"): the TLS mode was right
     * and the handshake that followed failed in the program. What makes a
     * program fail there is, most often, a certificate it does not trust
     * (self-signed, or its own CA bundle old or missing in its
     * container), then its own TLS settings. */
    {MXTLS_F_CERT_UNTRUSTED, 2, CLI,
     GAVE_UP_AFTER_STARTTLS,
     STARTTLS_ACCEPTED},
    {MXTLS_F_SENDER_NO_CA_STORE, 1, CLI,
     GAVE_UP_AFTER_STARTTLS,
     STARTTLS_ACCEPTED},
    {MXTLS_F_SENDER_TLS_CONFIG, 1, CLI,
     GAVE_UP_AFTER_STARTTLS,
     STARTTLS_ACCEPTED},
    /* A program (a webmail, a PHP app) that gives up on TLS with its own
     * server on localhost: the server's certificate names its public
     * host, never "localhost", and PHP checks the name (SnappyMail's
     * "Cannot enable STARTTLS." to tcp://localhost:143). */
    {MXTLS_F_CERT_NAME_MISMATCH, 2, CLI,
     P("starttls failed", "cannot enable starttls", "failed to enable crypto",
       "unable to enable crypto", "could not open secure tls connection"),
     P("localhost", "127.0.0.1", "[::1]")},
    /* Gmail's "starttls error (N): reason" carries its TLS library's
     * reason: a protocol error there is TLS's, not a server that speaks
     * no SMTP. It says only that the handshake failed. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, P("): protocol error"), P("starttls error (")},
    /* A peer's protocol_version alert, received by the connecting side:
     * the server would not take any version the client offered, which
     * is the client's own setting (an old library or a pinned TLS 1.0);
     * a server stuck on old versions is refused by the client itself
     * ("No appropriate protocol") before any alert. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND | CLI,
     P("received fatal alert: protocol_version", "alert protocol version"), NULL},
    /* A time-out while the client waits inside its TLS layer for the
     * answer to its hello: the server never spoke TLS, as a STARTTLS or
     * plain port waiting for SMTP in the clear does when the client
     * starts with TLS (.NET's SslStream, Java's startHandshake, Python's
     * do_handshake and wrap_socket). */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, CLI | TOOL,
     P("the handshake operation timed out", "ssl handshake timed out",
       "tls handshake timed out"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, CLI | TOOL,
     P("unable to read data", "read timed out", "timed out"),
     P("sslstreaminternal", "sslstream.", "sslsocketimpl.starthandshake", "do_handshake",
       "wrap_socket")},
    /* Postfix's session cache, after an earlier failed verification. */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("with untrusted peer credential"), NULL},
    /* Sendmail's own certificate and key files (ServerCertFile and
     * ServerKeyFile to receive, ClientCertFile and ClientKeyFile to send). */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, 0, P("servercertfile", "serverkeyfile"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("clientcertfile", "clientkeyfile"), NULL},
    /* Outlook when the server lists no AUTH it can use: on port 25, or
     * before STARTTLS, a submission server offers none. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI,
     P("none of the authentication methods supported by this client are supported"), NULL},
    /* PEAR Net_SMTP (osTicket, Roundcube's older releases) with an empty
     * reply where the greeting should be: a plain connection to port 465,
     * or "tls://" to 587, whose server waits for the other mode. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 0,
     P("invalid response code received from server (code: -1",
       "(unknown error) (code: -1, response: )"), NULL},
    /* Windows' WSAEACCES (10013) for an outgoing connection: a local
     * firewall or an antivirus' mail shield refused the socket. */
    {MXTLS_F_NET_EGRESS_BLOCKED, 2, 0,
     P("access a socket in a way forbidden by its access permissions"), NULL},
    /* PHP without its openssl extension, asked to start TLS */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("this stream does not support ssl/crypto"), NULL},
    /* PHP's peer-name check finding no name in the certificate to match */
    {MXTLS_F_CERT_NAME_MISMATCH, 2, 0, P("unable to locate peer certificate cn"), NULL},
    /* Swift Mailer's and Symfony Mailer's "expected 220" with nothing
     * read: no greeting came, as when STARTTLS is used on port 465. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 0,
     P("expected response code 220 but got code \"\"",
       "expected response code \"220\" but got empty code",
       "expected response code \"220\" but got code \"\""), NULL},
    /* rustls's CertificateError names (Stalwart, lettre, Rust programs). */
    {MXTLS_F_CERT_UNTRUSTED, 3, 0, P("unknownissuer"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("notvalidforname"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("notvalidyet"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("invalid peer certificate: expired"), NULL},
    /* A server that cannot load its own certificate or key turns TLS off
     * (Postfix: "disabling TLS support"; Dovecot); a sending Postfix then
     * has no client certificate. */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, RECV,
     P("disabling tls support", "cannot get rsa private key", "cannot get ecdsa private key",
       "can't load ssl certificate", "can't load ssl private key",
       "failed to initialize ssl server context"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND, P("disabling tls support"), NULL},
    /* A server whose certificate and key do not belong together (OpenSSL's
     * X509_check_private_key), or whose TLS settings Dovecot cannot read,
     * offers no working TLS: Dovecot does not even start. */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, RECV,
     P("key values mismatch", "key is for a different cert",
       /* Dovecot 2.3, Cyrus, Postfix's older "TLS server engine: cannot
        * load RSA cert/key data" */
       "can't load private ssl_key", "cert/key data", "unable to get private key from"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND | CLI, P("cert/key data"), NULL},
    /* Cyrus' imapd and lmtpd when their TLS set-up failed: they exit */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, RECV, P("tls_init() failed"), NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, RECV,
     P("ssl_cert: can't open file", "ssl_key: can't open file", "ssl_server_cert_file: open(",
       "ssl_server_key_file: open(", "ssl_cert: can't load", "ssl_key: can't load"), NULL},
    /* Exim's the same, naming OpenSSL's call that read its tls_certificate
     * or tls_privatekey, as it logs it for each client's STARTTLS */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, RECV,
     P("(ssl_ctx_use_certificate_chain_file file=", "(ssl_ctx_use_privatekey_file file=",
       "(ssl_ctx_use_certificate_file file="), NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, RECV,
     P("invalid ssl_protocols setting", "invalid ssl_min_protocol setting",
       "invalid ssl_protocols setting: unknown protocol"), NULL},
    /* Settings and key files a server cannot start its TLS with, in
     * words only servers write: Dovecot's (a setting of another version,
     * TLS on without a certificate), OpenSMTPD's pki loading (a key file
     * others may read, or one behind a pass phrase). */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, 0,
     P("ssl enabled, but ssl_cert not set", "unknown setting: ssl_min_protocol",
       "could not find a minimum ssl_min_protocol setting", "load_pki_tree: failed",
       "load_pki_keys: failed", "insecure permissions: must be at most"), NULL},
    /* The daemon did not start at all: nothing listens. */
    {MXTLS_F_NET_REFUSED, 2, 0,
     P("doveconf: fatal: error in configuration file", "failed to start dovecot"), NULL},
    /* Exim's own words: the reply to its STARTTLS was an error; a domain
     * it could not resolve for now; a router's host that has no address;
     * a DANE-required connection whose TLSA records did not match; an ACL
     * that wants the client's certificate ("verify = certificate"). */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, 0,
     P("error from remote mail server after starttls: 4",
       "error from remote mail server after starttls: 5"), NULL},
    {MXTLS_F_DNS_TIMEOUT, 2, 0, P("cannot be resolved at this time"), NULL},
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("lookup of host"), P("router")},
    {MXTLS_F_DANE_MISMATCH, 2, 0, P("dane attempt failed"), NULL},
    {MXTLS_F_TLS_CLIENT_CERT_REQUIRED, 3, RECV, P("certificate not verified: peerdn"), NULL},
    /* OpenSMTPD's own name for the TLS handshake of each role. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, RECV, P("io_dispatch_accept_tls"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, SEND, P("io_dispatch_connect_tls"), NULL},
    /* Dovecot: the connecting client closed during the handshake, most
     * often its own TLS settings or its refusal of the certificate. */
    {MXTLS_F_SENDER_TLS_CONFIG, 1, RECV, P("tls handshaking: connection closed"), NULL},
    /* Sendmail's access map demanding encryption ("TLS_Srv:128") of a
     * peer that offered none: 0 bits is no TLS at all, not a weak one. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, SEND, P("encryption too weak 0 less than"), NULL},
    /* Programs that say their own network forbids the connection:
     * Cloudflare Workers' sockets ("Connections to port 25 are
     * prohibited"), Kerio Control's and Kerio Connect's relay check
     * ("Connection to SMTP server is blocked by traffic rules"). */
    {MXTLS_F_NET_EGRESS_BLOCKED, 3, 0,
     P("connections to port 25 are prohibited", "smtp server is blocked by traffic rules"),
     NULL},
    /* A host firewall's log of an outgoing SYN it dropped to a mail port:
     * ConfigServer Firewall ("Firewall: *TCP_OUT Blocked*", cPanel's
     * usual firewall) and UFW ("[UFW BLOCK] IN= OUT=eth0 ... DPT=25"). */
    {MXTLS_F_NET_EGRESS_BLOCKED, 3, 0,
     P("*tcp_out blocked*", "*tcp6out blocked*", "[ufw block] in= out="),
     P("dpt=25 ", "dpt=465 ", "dpt=587 ", "dpt=2525 ")},
    /* portquiz.net answers on every port: a test of it that times out on
     * one port is the tester's own network holding that port back. */
    {MXTLS_F_NET_EGRESS_BLOCKED, 3, 0, P("portquiz"),
     P("timed out", "timeout", "connection refused")},
    /* Nette Mail's "SMTP server did not accept STARTTLS with error: 500
     * ..." (or 502): the server does not know the command at all, as
     * development servers (MailDev, MailHog) and old relays answer. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0,
     P("did not accept starttls with error: 500", "did not accept starttls with error: 502"),
     NULL},
    /* A provider telling the connecting client that its TLS is too old
     * (Amazon SES: "no longer supports TLS 1.0 and TLS 1.1 connections.
     * You must update your client to use TLS version 1.2 or above"): the
     * client's own TLS settings or library. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0,
     P("update your client to use tls", "no longer supports tls 1.0",
       "no longer supports tls 1.1"), NULL},
    /* Zimbra's zmcertmgr verifycrt: the CA file given does not lead from
     * the certificate to a root it knows. */
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 3, 0, P("unable to validate certificate chain"), NULL},
    /* Texts that show TLS working, verified: a checker's OK, a sending
     * MTA's verified session. Ranked after every other cause (a
     * failure elsewhere in the text is what it is about), so it comes
     * first only when nothing failed. */
    {MXTLS_F_TLS_OK, 1, 0,
     P(/* chasquid's smtp-check */ "tls ok:",
       /* Nagios plugins: check_ssl_cert, check_smtp -S */ "ssl_cert ok", "ok - certificate",
       /* Haraka */ "secured verified=true",
       /* openssl s_client, gnutls-cli */ "verify return code: 0 (ok)",
       "status: the certificate is trusted"), NULL},
    /* OpenSSL's reason for a ClientHello key share it could not use: the
     * handshake failed, between the two TLS stacks. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("bad key share", "bad_key_share"), NULL},
    /* Dovecot with disable_plaintext_auth (its default): a client that
     * logged in without starting TLS first, in its reply and its log. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, 0,
     P("plaintext authentication not allowed without ssl/tls",
       "plaintext authentication disallowed on non-secure",
       "tried to use disallowed plaintext auth"), NULL},
    /* Servers that offer AUTH only after STARTTLS (Exchange and
     * Microsoft 365) answer a client that tries it in plain text so; Go's
     * net/smtp finds no AUTH. Postfix's "503 5.5.1 Error: authentication
     * not enabled" is not here: smtpd says it where SASL is off for the
     * whole listener (port 25 rather than submission). With
     * smtpd_tls_auth_only it says "504 5.5.4 Encryption required for
     * requested authentication mechanism" instead, read above. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI,
     P("unrecognized authentication type", "server doesn't support auth"), NULL},
    /* OkHttp and Android's HostnameVerifier (K-9 Mail, Android apps):
     * "Hostname mail.example.org not verified: certificate: sha256/...". */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("not verified: certificate"), NULL},
    /* Python's ssl.CertificateError before 3.7: "hostname 'a.example'
     * doesn't match 'b.example'" (or "either of"). */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("' doesn't match '", "' doesn't match either of"),
     P("hostname '")},
    /* Horde's IMAP client (Nextcloud Mail, Horde webmail) says only this
     * for a server whose certificate it does not accept. */
    {MXTLS_F_CERT_UNTRUSTED, 1, 0, P("could not open secure tls connection"), NULL},
    /* The testers people run on their domain: testssl.sh's "Chain of
     * trust" and validity lines, MXToolbox's "SMTP TLS" check. */
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("not ok (expired)", "validity (utc) expired"), NULL},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 3, 0, P("not ok (chain incomplete)"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0, P("not ok (self signed ca in chain)"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0,
     P("does not support tls", "starttls: not offered"), NULL},
    /* Outlook's 0x800CCC7D: the server offered no STARTTLS, or the
     * account's port and encryption type do not fit each other. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, 0,
     P("does not support ssl-secured connections", "0x800ccc7d"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, 0,
     P("does not support ssl-secured connections", "0x800ccc7d"), NULL},
    /* Postfix smtpd's reply to a second STARTTLS (smtpd.c): a client
     * that is in TLS already, from implicit TLS on 465 or its own
     * STARTTLS, and starts it again. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 0, P("tls already active"), NULL},
    /* Exim's listener guesses why a client closed the handshake cleanly:
     * it did not trust the certificate it was shown. */
    {MXTLS_F_CERT_UNTRUSTED, 1, RECV, P("rejected our certificate"), NULL},
    /* MailKit's SslHandshakeException adds this only when SSL-on-connect
     * was asked for on a port that speaks plain text first (25, 587,
     * 143, 110: MailKit/Security/SslHandshakeException.cs). */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, CLI | TOOL,
     P("is typically reserved for plain-text connections",
       "if you intended to use starttls, make sure to use"), NULL},
    /* Gmail's 421-4.7.29 and 550-5.7.29: mail that came without TLS from
     * a bulk sender (Google's sender guidelines): the sending server's
     * own TLS, not a reputation limit. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND,
     P("rate limited because this message wasn't sent", "wasn't sent over a tls connection",
       "was not sent over a tls connection", "requires all bulk email senders to use tls"),
     NULL},
    /* Exchange's event 12014: no certificate for the connector's FQDN, so
     * its receive connector offers no STARTTLS. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("unable to support the starttls smtp verb"), NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, 0,
     P("could not find a certificate that contains the domain name"), NULL},
    /* Exim's reply to STARTTLS it did not advertise: no EHLO came first
     * (a session typed by hand), or the listener has no TLS set up. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 0, P("starttls command used when not advertised"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, 0, P("starttls command used when not advertised"), NULL},
    /* GnuTLS's GNUTLS_E_RECEIVED_DISALLOWED_NAME: a server built on it
     * (Exim on Debian) refuses an SNI name with a character outside
     * letters, digits, '.' and '-', as a CDN's "_dc-mx" origin name has. */
    {MXTLS_F_TLS_SNI_REJECTED, 3, 0, P("a disallowed sni server name has been received"), NULL},
    {MXTLS_F_DNS_MX_NON_LDH, 1, 0, P("a disallowed sni server name has been received"), NULL},
    /* cPanel's Exim refuses mail on 587 from a client that did not
     * authenticate, and offers AUTH only after STARTTLS: a client with
     * TLS off never sees AUTH (hosting providers' own troubleshooting). */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, CLI,
     P("smtp auth is required for message submission"), NULL},
    /* OpenSSL 3's SSL_R_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED: the peer
     * signs its handshake only with MD5-SHA1 or SHA-1, as TLS 1.0 and 1.1
     * servers do, which security level 1 refuses. */
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0,
     P("legacy sigalg disallowed or unsupported", "legacy_sigalg_disallowed_or_unsupported"),
     NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 1, 0,
     P("legacy sigalg disallowed or unsupported", "legacy_sigalg_disallowed_or_unsupported"),
     NULL},
    /* msmtp (smtp.c) says this only when TLS is not active and the
     * server offers no mechanism safe in plain text: TLS is off. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL,
     P("cannot use a secure authentication method"), NULL},
    /* Outlook for Mac's certificate dialog: Microsoft (KB 3066652)
     * documents it for an Autodiscover endpoint whose name is not on the
     * server's certificate, despite the words about the chain. */
    {MXTLS_F_CERT_NAME_MISMATCH, 2, 0,
     P("because its intermediate or root certificate cannot be found"), NULL},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 1, 0,
     P("because its intermediate or root certificate cannot be found"), NULL},
    /* Postfix's DNS client (dns_lookup.c) on an MX whose target is no
     * valid host name; most often "10 ." (RFC 7505's null MX needs
     * preference 0, which Postfix reads as null MX). */
    {MXTLS_F_DNS_MX_NON_LDH, 2, 0, P("malformed domain name in resource data of mx record"),
     NULL},
    {MXTLS_F_DNS_NULL_MX, 1, 0, P("malformed domain name in resource data of mx record"), NULL},
    /* The certificate Google's servers present to a client that sent no
     * SNI: "OU=No SNI provided; please fix your client., CN=invalid2.
     * invalid". The client's TLS lacks SNI, not the server a name. */
    {MXTLS_F_CERT_DEFAULT_WITHOUT_SNI, 3, 0, P("no sni provided", "cn=invalid2.invalid"), NULL},
    /* .NET Framework's WebException when its own protocol list (SSL 3 and
     * TLS 1.0 by default before 4.7) holds nothing the server accepts:
     * the program's TLS settings, as the framework's guidance says */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, CLI | SEND,
     P("the underlying connection was closed: an unexpected error occurred on a send",
       "the underlying connection was closed: an unexpected error occurred on a receive"),
     NULL},
    /* Postfix's delivery agent without a working TLS setup of its own
     * ("TLS is required, but our TLS engine is unavailable", after
     * "cannot load Certificate Authority data"): the sender's settings */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND, P("our tls engine is unavailable"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 3, SEND, P("cannot load certificate authority data"), NULL},
    /* Exchange Online's 454 for a tenant that requires TLS of a sender that
     * delivered in plain text: the sender must start TLS */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND,
     P("connection is not tls encrypted", "recipient organization requires tls"), NULL},
    /* openssl s_client's own report of the key exchange: a finite-field
     * group under 2048 bits is what current senders refuse */
    {MXTLS_F_TLS_WEAK_DH, 3, 0,
     P("server temp key: dh, 512 bits", "server temp key: dh, 768 bits",
       "server temp key: dh, 1024 bits"),
     NULL},
    /* That placeholder is the only self-signed certificate Google's mail
     * hosts present: a client that finds one there sent no SNI. (A chain
     * that ends in a self-signed root, "self signed certificate in
     * certificate chain", is cert.untrusted's longer phrase.) */
    {MXTLS_F_CERT_DEFAULT_WITHOUT_SNI, 3, 0,
     P("self signed certificate", "self-signed certificate", "depth_zero_self_signed_cert",
       "verify error:num=18"),
     P("imap.gmail.com", "smtp.gmail.com", "pop.gmail.com", "gmail-smtp-in",
       "aspmx.l.google.com", "googlemail.com")},
    /* qmail's TLS patch (qmail-smtpd) when it cannot load its own
     * certificate: "454 TLS missing certificate: <reason> (#4.3.0)". */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, 0, P("tls missing certificate"), NULL},
    /* Outlook.com's DSN (status 4.4.7) when no connection to the
     * recipient's servers succeeded before the message expired. */
    {MXTLS_F_NET_TIMEOUT, 2, 0,
     P("unable to connect successfully to the destination mail server"), NULL},
    {MXTLS_F_NET_REFUSED, 1, 0,
     P("unable to connect successfully to the destination mail server"), NULL},
    /* Exchange's SecurityStatus NoCredentials (SEC_E_NO_CREDENTIALS): the
     * certificate it was told to use has no private key it can reach. A
     * receiving server then offers no working TLS; a sending one has
     * nothing to present. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, SEND | CLI, P("failed with error nocredentials"), NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, RECV, P("failed with error nocredentials"), NULL},
    /* WinRM's and WinHTTP's wording for a local Schannel that cannot do
     * what the server asks (TLS 1.2 turned off): the machine's own
     * settings. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND | CLI,
     P("encountered an internal error in the ssl library"), NULL},
    /* BoringSSL's and OpenSSL's SSL_R_BAD_SIGNATURE on the connecting
     * side: the server's handshake signature did not verify against its
     * certificate's key (a key and certificate that do not belong
     * together, or a broken TLS stack on the server). */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, SEND | CLI | TOOL,
     P(":bad_signature:", "tls_process_key_exchange:bad signature",
       "ssl routines::bad signature"),
     NULL},
    /* qmail-remote's permanent DNS failures: the domain does not exist
     * ("#5.1.2"), or neither its MX hosts nor the domain have an address
     * ("#5.4.4"; a null MX's "." has none either). */
    {MXTLS_F_DNS_NXDOMAIN, 3, 0, P("sorry, i couldn't find any host named"), NULL},
    {MXTLS_F_DNS_MX_NO_ADDRESS, 2, 0, P("sorry, i couldn't find a mail exchanger or ip address"),
     NULL},
    {MXTLS_F_DNS_NULL_MX, 1, 0, P("sorry, i couldn't find a mail exchanger or ip address"), NULL},
    {MXTLS_F_DNS_NO_MX, 1, 0, P("sorry, i couldn't find a mail exchanger or ip address"), NULL},
    /* EADDRNOTAVAIL on connect: the sending machine has no source address
     * for the destination (a container or cloud host without outbound
     * IPv6, or whose outbound mail is cut off): its own network. */
    {MXTLS_F_NET_EGRESS_BLOCKED, 2, SEND | CLI, P("cannot assign requested address"), NULL},
    {MXTLS_F_NET_FAMILY_MISMATCH, 1, SEND | CLI, P("cannot assign requested address"), NULL},
    /* EAFNOSUPPORT (Python's "[Errno 97] Address family not supported by
     * protocol", Java's "Protocol family unavailable"): the sending
     * machine has no IPv6 at all, and the host name gave it an IPv6
     * address to try first. */
    {MXTLS_F_NET_FAMILY_MISMATCH, 2, SEND | CLI,
     P("address family not supported by protocol", "protocol family unavailable",
       "eafnosupport"), NULL},
    /* Android's and Java's words for a server that hung up on the client's
     * hello: most often no version or cipher suite in common. */
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 1, 0, P("sslhandshakeexception: connection closed by peer"),
     NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 1, 0, P("sslhandshakeexception: connection closed by peer"), NULL},
    /* GnuTLS's GNUTLS_E_FATAL_ALERT_RECEIVED with no alert named (Exim on
     * Debian logs gnutls_strerror()): the peer aborted the handshake. */
    {MXTLS_F_TLS_ALERT, 2, 0, P("a tls fatal alert has been received."), NULL},
    /* OpenSMTPD's one report when every MX of the destination failed, and
     * Symantec Email Security.cloud's when its connect timed out. */
    {MXTLS_F_NET_TIMEOUT, 2, 0,
     P("network error on destination mxs", "no mxs for this domain could be reached"), NULL},
    {MXTLS_F_NET_REFUSED, 1, 0,
     P("network error on destination mxs", "no mxs for this domain could be reached"), NULL},
    /* dma's (DragonFly Mail Agent's) bounce for a name that did not
     * resolve */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("dns lookup failure: host"), P("not found")},
    /* Symantec Email Security.cloud's own TLS enforcement: the receiving
     * server showed no STARTTLS. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("starttls required but not advertised"), NULL},
    /* Cisco's AsyncOS mail log: a connection's ("ICID") TLS failed. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("tls failed"), P("icid")},
    /* Connection failures in the words of older and other MTAs' bounces:
     * IceWarp ("554 could not connect and send the mail to ADDR"),
     * Netscape Messaging Server ("not reachable within the allowed queue
     * period ... Host H is not responding"). */
    {MXTLS_F_NET_TIMEOUT, 2, 0,
     P("could not connect and send the mail to",
       "not reachable within the allowed queue period"), NULL},
    {MXTLS_F_NET_REFUSED, 1, 0, P("could not connect and send the mail to"), NULL},
    {MXTLS_F_NET_TIMEOUT, 1, 0, P("is not responding"), NULL},
    /* Postfix's DNS_INVAL ("Name service error for name=D type=MX:
     * Malformed name server reply"): a reply it would not use, most often
     * an MX target that is no host name (an address, "10 ."). */
    {MXTLS_F_DNS_MX_NON_LDH, 2, 0, P("malformed name server reply"), NULL},
    {MXTLS_F_DNS_MX_IP_LITERAL, 1, 0, P("malformed name server reply"), NULL},
    {MXTLS_F_DNS_NULL_MX, 1, 0, P("malformed name server reply"), NULL},
    /* An MX that names an alias, as checkers and bounces say it. */
    {MXTLS_F_DNS_MX_CNAME, 3, 0,
     P("cname appeared in the mx", "mx record points to a cname", "mx points to a cname",
       "mx record is a cname", "mx is a cname", "mx records point to a cname",
       "mx target is a cname", "mx points to an alias"), NULL},
    /* ZoneMTA: the MX host names resolved to no address. */
    {MXTLS_F_DNS_MX_NO_ADDRESS, 3, 0, P("could not resolve any ip addresses for the mx server"),
     NULL},
    /* A receiver that checks the sender's domain for an MX. */
    {MXTLS_F_DNS_NO_MX, 2, 0, P("no valid mx for your from address"), NULL},
    /* qmail's own lookup of aliases uses ANY queries, which many name
     * servers and resolvers no longer answer: its "CNAME lookup failed
     * temporarily (#4.4.3)" is the sender's lookup, more than the
     * destination's DNS. */
    {MXTLS_F_SENDER_RESOLVER_DOWN, 2, 0, P("cname lookup failed temporarily"), NULL},
    {MXTLS_F_DNS_SERVFAIL, 1, 0, P("cname lookup failed temporarily"), NULL},
    /* Go's resolver names the server it asked ("lookup D on
     * 192.168.0.20:53: server misbehaving"): that resolver failed,
     * perhaps relaying the domain's own failure. */
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1, CLI | TOOL, P("server misbehaving"), NULL},
    /* Go's net/smtp reads a reply without a code: an IMAP or POP3
     * greeting where an SMTP server was expected. */
    {MXTLS_F_SMTP_NOT_SMTP, 2, 0, P("short response: * ok", "short response: +ok"), NULL},
    /* Python's smtplib when the server offered no AUTH mechanism it has:
     * servers that offer AUTH only after STARTTLS, to a client that did
     * not start TLS. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI, P("no suitable authentication method found"),
     NULL},
    /* Node's own resolver (c-ares, which nodemailer uses): a query that
     * timed out or that the name server refused, for a host that must
     * exist for the program to be set up with it: the resolver the
     * program asked failed. */
    {MXTLS_F_SENDER_RESOLVER_DOWN, 2, 0,
     P("querya etimeout", "queryaaaa etimeout", "querymx etimeout", "querya econnrefused",
       "queryaaaa econnrefused", "querymx econnrefused", "querya erefused",
       "queryaaaa erefused", "querymx erefused"), NULL},
    {MXTLS_F_DNS_TIMEOUT, 1, 0, P("querya etimeout", "queryaaaa etimeout", "querymx etimeout"),
     NULL},
    /* Go's dialer that cannot look up a big provider's host, which
     * always resolves: the program's own resolver failed ("lookup
     * smtp.gmail.com: device or resource busy" in a container). */
    {MXTLS_F_SENDER_RESOLVER_DOWN, 3, 0, P("dial tcp: lookup "), BIG_PROVIDERS},
    /* The sending side's own resolver: a validating one that cannot
     * prime its root trust anchor (unbound), a local stub that refuses
     * or does not answer (systemd-resolved's 127.0.0.53, Docker's
     * 127.0.0.11), nslookup's and dig's "no servers could be reached". */
    {MXTLS_F_SENDER_RESOLVER_DOWN, 3, 0,
     P("failed to prime trust anchor", "no servers could be reached"), NULL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 3, 0, P("127.0.0.53#53", "127.0.0.11#53"), NULL},
    /* An answer with no error and no records: the name exists, its MX does
     * not (Stalwart's "Domain not found: NoError"); a sender's domain that
     * "has no A or MX records". */
    {MXTLS_F_DNS_NO_MX, 3, 0, P("domain not found: noerror"), NULL},
    {MXTLS_F_DNS_NO_MX, 2, 0, P("not found: noerror", "has no a or mx records"), NULL},
    /* Exim's DEFER for a DNS lookup that came back TRY_AGAIN. */
    {MXTLS_F_DNS_SERVFAIL, 2, 0, P("host lookup did not complete"), NULL},
    /* 1&1's (IONOS's) refusal of an envelope domain without mail records */
    {MXTLS_F_DNS_NO_MX, 2, 0, P("invalid dns mx or a/aaaa resource record"), NULL},
    /* JavaMail's MailConnectException ("Couldn't connect to host, port:
     * H, 587; timeout -1"): no connection, the nested exception (if
     * pasted) says how; most often a time-out. */
    {MXTLS_F_NET_TIMEOUT, 1, 0, P("couldn't connect to host"), NULL},
    /* IO::Socket::SSL (imapsync's FAQ): TLS from the first byte on a port
     * that waits for STARTTLS. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL, P("ssl wants a read first"), NULL},
    /* Microsoft's Remote Connectivity Analyzer: the certificate does not
     * carry the principal name the test or Outlook Anywhere expects. */
    {MXTLS_F_CERT_NAME_MISMATCH, 2, 0, P("mutual authentication could not be established"),
     NULL},
    /* ZoneMTA's "DNS server returned general failure": its resolver
     * (c-ares) got no usable answer; the domain's servers or the resolver
     * it asked. */
    {MXTLS_F_DNS_SERVFAIL, 2, 0, P("dns server returned general failure"), NULL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1, 0, P("dns server returned general failure"), NULL},
    /* A validator whose clock is behind: signatures not valid yet are
     * its own time, not the zone's keys. */
    {MXTLS_F_SENDER_RESOLVER_DOWN, 2, 0, P("rrsig validity period has not begun"), NULL},
    {MXTLS_F_DNS_DNSSEC_BOGUS, 1, 0, P("rrsig validity period has not begun"), NULL},
    /* WSAECONNREFUSED as machine translation words it. */
    {MXTLS_F_NET_REFUSED, 2, 0, P("active rejection by the target computer"), NULL},
    /* .NET: the program's own validation callback said no. */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("rejected by the provided remotecertificatevalidationcallback"),
     NULL},
    /* UW c-client (Pine, Alpine, PHP's imap_open): "TLS/SSL failure for
     * HOST: SSL negotiation failed" is its handshake failing; a
     * certificate it would not accept says "Certificate failure" instead.
     * netty-tcnative (BoringSSL) under a Java server: "Unable to find key
     * material for auth method(s)", no key of its own for any suite the
     * client offered. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("ssl negotiation failed"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0, P("unable to find key material for auth method"), NULL},
    /* Java's java.net.SocketTimeoutException, for a connect or a read
     * that ran out of time (K-9 Mail, JavaMail): a timeout, whatever
     * words follow it ("failed to connect to HOST after 30000ms"). */
    {MXTLS_F_NET_TIMEOUT, 2, 0, P("sockettimeoutexception"), NULL},
    /* A sender that enforces TLS and found none on offer (Purelymail's
     * "MinimumTlsRequirementNotMetError: Expected at least TLS1_0 but got
     * TLS_NONE"): the server offered no STARTTLS. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("but got tls_none"), NULL},
    /* SendGrid's bounce reason for a recipient domain that does not
     * exist. */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("mail domain mentioned in email address is unknown"), NULL},
    /* Stalwart's event for a handshake its listener could not complete,
     * "TLS handshake error (tls.handshake-error)", whatever the reason
     * that follows it. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("(tls.handshake-error)"), NULL},
    /* .NET's WebException (HttpWebRequest, EWS, Dynamics 365's mailbox
     * sync) "Could not create SSL/TLS secure channel", status
     * SecureChannelFailure: Schannel could not complete the handshake.
     * Often the caller's own settings (a .NET Framework left at TLS 1.0,
     * an algorithm its Windows disabled), as often the other end (a load
     * balancer that breaks Schannel's handshake): the failure first. Its
     * ConnectFailure is a connection that was refused or never answered. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0,
     P("could not create ssl/tls secure channel", "securechannelfailure"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 1, 0,
     P("could not create ssl/tls secure channel", "securechannelfailure"), NULL},
    {MXTLS_F_NET_TIMEOUT, 1, 0, P("returned connectfailure"), NULL},
    {MXTLS_F_NET_REFUSED, 1, 0, P("returned connectfailure"), NULL},

    /* ==== Round 12's rule-writing texts, each in its general form ======== */
    /* unbound's log of a failed validation, "validation failure <NAME TYPE
     * CLASS>: reason", and unbound-host's "(BOGUS (security failure))":
     * of a TLSA record, the DANE lookup fails (ranked before the zone's
     * own bogus DNSSEC, which it also is); of any other, the zone is
     * bogus. unbound's "<NAME TYPE CLASS>" ends in its class, IN: an
     * application's "Certificate validation failure" before a markup
     * tag ("</ERR_MSG>") is no DNSSEC. */
    {MXTLS_F_DANE_BOGUS, 3, 0, P("validation failure <", "bogus (security failure)"),
     P("tlsa in>", "-t tlsa", "type tlsa", "tlsa in ")},
    {MXTLS_F_DNS_DNSSEC_BOGUS, 2, 0, P("validation failure <"), P(" in>")},
    {MXTLS_F_DNS_DNSSEC_BOGUS, 2, 0, P("bogus (security failure)"), NULL},
    /* A TLS connection reported made, and made with DANE: Halon's
     * "Connection is now using TLSv1.2 ... (DANE)". Success, not a
     * mismatch, whatever "dane" alone would suggest. */
    {MXTLS_F_DANE_MATCHED, 3, 0, P("(dane)"),
     P("is now using tls", "tls connection established")},
    /* openssl s_client -dane_tlsa_rrdata: "DANE TLSA 3 1 1 ...
     * matched EE certificate at depth 0" (or a TA certificate). */
    {MXTLS_F_DANE_MATCHED, 3, 0,
     P("matched ee certificate at depth", "matched ta certificate at depth"), NULL},
    /* FortiMail's log field verify=CAFail: Fortinet documents it as a
     * chain that does not reach a CA the unit knows, either the remote
     * server's missing intermediate or the unit's own missing CA. */
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 2, 0, P("verify=cafail"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0, P("verify=cafail"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 1, SEND, P("verify=cafail"), NULL},
    /* Postfix smtpd's SNI table (tls_server.c's loader): a row whose key
     * and certificate do not belong together ("key at index N in SNI
     * data for HOST does not match next certificate", "error loading
     * chain from SNI data for HOST: key not first") aborts every
     * handshake that asks for that name; senders without SNI get
     * through. */
    {MXTLS_F_TLS_SNI_REJECTED, 3, RECV, P("sni data for"),
     P("aborting tls handshake", "does not match next certificate", "key not first")},
    /* NSS's certificate viewer, old and new ("This certificate could not
     * be verified because certificate issuer is unknown", "Could not
     * verify this certificate because the issuer is unknown"). */
    {MXTLS_F_CERT_UNTRUSTED, 3, 0, P("certificate issuer is unknown", "the issuer is unknown"),
     NULL},
    /* Cloudflare Email Routing's upstream error (and any library that
     * says so): the TLS connection to the MX could not be set up. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0,
     P("failed to establishing a tls connection", "failed to establish a tls connection",
       "failed to connect to upstream using tls"), NULL},
    /* A client that sends STARTTLS on port 465, which is implicit TLS
     * (RFC 8314): the client's TLS mode does not fit the port, whoever
     * logged the command. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 0,
     P("c starttls", "c: starttls", "> starttls", "client: starttls", "-> starttls"),
     P("port 465", ":465", " 465...")},
    /* Outlook's error numbers, the same in every language: 0x800CCC1A is
     * "Your server does not support the connection encryption type you
     * have specified" (the same causes as its English words); socket
     * error 10051 is Winsock's WSAENETUNREACH. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, 0, P("0x800ccc1a"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, 0,
     P("0x800ccc1a", "connection encryption type", "encryption type you have specified"), NULL},
    {MXTLS_F_NET_UNREACHABLE, 2, 0, P("10051"), P("socket", "winsock", "0x800ccc")},

    /* ==== Round 13's rule-writing texts ================================= */
    /* JavaMail's (and PHPMailer's) "Could not connect to SMTP host: HOST,
     * port: 25": cloud and home networks block outgoing port 25, and a
     * program should submit on 587 or 465. */
    {MXTLS_F_NET_EGRESS_BLOCKED, 2, 0, P("could not connect to smtp host"),
     P("port: 25", "port 25", ":25")},
    /* Microsoft 365's 421 4.7.66 to a client that offered TLS 1.0 or 1.1
     * only: the client's settings, not the server's versions. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("tls 1.0 and 1.1 are not supported"), NULL},
};
const size_t mxtls__n_cause_rules = sizeof mxtls__cause_rules / sizeof mxtls__cause_rules[0];

const struct mxtls__side_rule mxtls__side_rules[] = {
    {MXTLS_SIDE_SENDER, 3,
     P("postfix/smtp[", "postfix/smtp:", "postfix/lmtp[", "starttls=client",
       "tls error on connection to", "remote_smtp", "status=deferred", "status=bounced",
       "tls connection established to", "delivery temporarily suspended",
       "remote server returned", "diagnostic-code", "final-recipient",
       "delivery has failed", "couldn't be delivered", "could not be delivered",
       "undeliverable", "mailer-daemon", "delivery status notification",
       "failed_precondition", "smtpsend.", "no smtp servers were available",
       "message not delivered", "the error that the other server returned",
       "delivery to the following recipient", "no smtp servers were available",
       "ssl_connect error to", "smtp-out:", "did not accept our requests to connect",
       "support.google.com/mail", "[outbound]", "dsn=", "tls error on connection (",
       "tls error on connection to", "delivering unencrypted to", "remote delivery deferred",
       "mta delivery", "delivery attempt failed", "ongoing connection failed to",
       "lasterror", "nexthopdomain", "primary target ip")},
    /* Bounces and delivery reports: a remote server's words relayed by
     * the sending side. */
    /* Postfix's "relay=" is where it delivered; Sendmail's daemon
     * (sm-mta) both receives and delivers, and its "relay=" names the
     * peer either way: its STARTTLS=client or =server says which. */
    {MXTLS_SIDE_SENDER, 2,
     P("relay=", "smtp;", "stat=", "sendconnector", "send connector", "remote server at",
       "response from the remote server", "led=", "primary target ip",
       "unable to send messages to the following domain", "tls error from",
       "the remote server", "outbound to", "psmtp", "in reply to rcpt to",
       "in reply to end of data", "queue.expired", "connection dropped due to",
       "certificate validation failure", "delivery deferred", "connect to ", "]:25",
       /* delivery's own vocabulary: the MX hosts tried, the queue, the
        * attempt (Postal, Stalwart, ZoneMTA, mox, Haraka, OpenSMTPD) */
       "no smtp servers were available", "mx records", "mail exchanger", "mx hosts",
       "destination mxs", "mx-host", "queueid", "queue_id", "delivery attempt",
       "remote mailserver", "remote smtp server",
       /* nullmailer, a host's relay to its smarthost */
       "nullmailer[",
       /* Exim verifying the server it delivers to; ZoneMTA's sender
        * queues; Halon's recipient lookup; qmail's bounce for a domain
        * without a host */
       "ssl verify error:", "sender/default/", "smtp_lookup_rcpt",
       "couldn't find any host named")},
    {MXTLS_SIDE_RECEIVER, 3,
     P("postfix/smtpd", "postfix/smtps/smtpd", "postfix/submission/smtpd", "ssl_accept",
       "starttls=server", "tls error on connection from", "connect from",
       "connection from", "lost connection after starttls from", "receive connector",
       "smtpd_tls", "dovecot", "imap-login", "submission-login",
       /* Courier-IMAP's daemons, whose couriertls says "connect:" in
        * either role */
       "imapd:", "imapd-ssl:", "pop3d:", "pop3d-ssl:",
       "input sent without waiting for greeting", "unable to accept messages from",
       "smtp-in:", "(ssl_accept)", "tls error on connection from", "smtp connected address=",
       "ssl_accept error from", "lost connection after connect from",
       "tls server engine", "cyrus/imap", "cyrus/pop3", "cyrus/lmtp", "tls_init() failed",
       /* Dovecot's configuration checker, OpenSMTPD's certificate loading */
       "doveconf", "load_pki_", "ssl enabled, but ssl_cert not set",
       /* servers' own words for a client's session: Stalwart's listeners,
        * maddy's handlers, Exchange's receive connectors, hMailServer's
        * "RECEIVED:"/"SENT:" log, nginx's mail proxy, Dovecot's warning
        * to a client, OpenSSL's server-side parsing of a ClientHello,
        * GreenMail's and DBMail's handlers */
       "listenerid", "submission: handler error", "smtp: handler error",
       "default frontend", "client frontend", "received: ehlo", "sent: 220",
       "while in auth state", "your client did it anyway", "tls_parse_ctos",
       "extensions_srvr.c", "smtphandler", "ci_starttls")},
    {MXTLS_SIDE_CLIENT, 3,
     P("phpmailer", "stream_socket_enable_crypto", "stream_socket_client",
       "smtp error: could not connect", "nodemailer", "esocket", "tlssocket", "smtplib",
       /* smtplib's exception classes, printed without their module */
       "smtpserverdisconnected", "smtpconnecterror", "smtpnotsupportederror",
       "smtpauthenticationerror", "smtprecipientsrefused", "smtpsenderrefused",
       "ssl.sslerror", "sslcertverificationerror", "traceback (most recent call last)",
       "javax.mail", "jakarta.mail", "angus.mail", "swift_transportexception",
       "javax.net.ssl", "messagingexception", "system.net.mail",
       "smtpclient", "mailkit", "openssl::ssl::sslerror", "net/smtp", "x509:", "gomail",
       "thunderbird", "outlook", "0x800ccc", "sending of the message failed",
       "outgoing server", "security error:", "com.fsck.k9", "k9", "identity of",
       "cannot verify server identity", "curl:", "send mail as", "err_tls_",
       "ssl_connect returned=", "onconnectsecure", "_ssl.c:",
       "the remote certificate is invalid", "aiosmtplib", "django", "laravel",
       "symfony", "swiftmailer", "wp mail smtp", "actionmailer", "net::smtp",
       "mail.smtp.", "tls negotiation failed, the certificate", "server responded:",
       "sslhandshakeexception", "connection encryption type", "encryption method",
       /* libetpan's SMTP client (Claws Mail and others) */
       "mailsmtp",
       /* Python smtplib's SMTPNotSupportedError, as an app's setting page
        * shows it without the traceback */
       "smtp auth extension not supported by server")},
    {MXTLS_SIDE_CLIENT, 2,
     P("deps/openssl", "[ssl:", "error [err_", "node_modules", "at tlssocket",
       "exception", "error: ", "errno=",
       "an error occurred while attempting to establish an ssl or tls connection",
       "server's ssl certificate", "ssl23_get_server_hello", "url_easy_perform",
       "remote party has closed the transport stream", "first record does not look like",
       "command not permitted when tls active", "do not possess a common algorithm",
       "msmtp", "schannel", "secdoclienthandshake", "smtp error", "errormsg=",
       /* sSMTP, a send-only program, not a queueing MTA */
       "ssmtp", "send-mail: cannot open",
       "ssl connect attempt failed", "unexpected packet format", "certificate mismatch",
       "the settings are not valid", "send as", "sendwithtls")},
    {MXTLS_SIDE_TOOL, 3,
     P("openssl s_client", " s_client", "verify return code", "verify error:num=",
       "depth=", "gnutls-cli", "swaks", "=== trying", "testssl", "ssl-session:",
       "tls startup failed", "-> starttls", "<- 220", "<~ ", " ~> ", "*** ",
       "cert validation error", "certificate #1 of", "certificate 1 of 1 in chain",
       "host -t ", "$host ", "dig ", "cert hostname does not verify",
       "- status: the certificate", "certificate chain ---", "--- certificate chain",
       "connected(000", "ssl handshake has read", "no client certificate ca names sent",
       "server temp key:", "verification error:", "no peer certificate available",
       "testing server's", "has server cipher order",
       /* the command-line tools admins test with, by name or by their
        * output's form: unbound-host's "not found: 3(NXDOMAIN).", dig's
        * and drill's header and sections, telnet's banner */
       "unbound-host", "not found: 2(servfail)", "not found: 3(nxdomain)", ";; ->>header<<-",
       ";; answer section", ";; got answer", "drill ", "posttls-finger", "sslscan",
       "ssl-enum-ciphers", "escape character is '^]'")},

    /* ==== Whose text it is, from the form of the text ====================
     * Log formats and templates, not example texts: the program name
     * syslog writes for each daemon, the bounce templates of the MTAs
     * and providers, the exception types of the client libraries. */
    /* Postfix's daemons under any master.cf service or instance name
     * ("postfix-out/smtp[", "postfix/relay/smtp["): smtp and lmtp
     * deliver, smtpd, postscreen and tlsproxy receive. */
    {MXTLS_SIDE_SENDER, 3, P("/smtp[", "/lmtp[", "/relay[")},
    {MXTLS_SIDE_RECEIVER, 3, P("/smtpd[", "/postscreen[", "/tlsproxy[", "starttls=server")},
    /* qmail's and its forks' receiving daemon (qmail-smtpd, under
     * tcpserver or its patches' logging) */
    {MXTLS_SIDE_RECEIVER, 3, P("qmail-smtpd")},
    /* nginx's mail proxy (Mailu's front, mailcow's and others') logs the
     * client and its own listening address with each failure. */
    {MXTLS_SIDE_RECEIVER, 3,
     P("while ssl handshaking, client:", "while in starttls state, client:")},
    /* Postfix smtpd's own refusals of a client's TLS (smtpd.c), and
     * Haraka's tls plugin without a certificate */
    {MXTLS_SIDE_RECEIVER, 3,
     P("noqueue: abort: tls from", "wrapper-mode request dropped from", "noqueue: reject:",
       /* go-smtp's default server log prefix (PMail and other Go servers) */
       "smtp/server ",
       "refusing starttls request from", "[tls] no valid tls config")},
    /* Cisco AsyncOS's mail log numbers each incoming connection "ICID n"
     * and each delivery connection "DCID n". */
    {MXTLS_SIDE_RECEIVER, 2, P("icid ")},
    {MXTLS_SIDE_SENDER, 2, P("dcid ")},
    /* mox logs the package that wrote each line: smtpserver receives,
     * queue and smtpclient deliver. */
    {MXTLS_SIDE_RECEIVER, 3, P("pkg=smtpserver")},
    {MXTLS_SIDE_SENDER, 3, P("pkg=queue", "pkg=smtpclient")},
    /* maddy's remote delivery target names the host it delivers to. */
    {MXTLS_SIDE_SENDER, 3, P("\"remote_server\":")},
    /* Bounce templates (RFC 3464 reports, Postfix, Exim, Sendmail,
     * qmail, Exchange, Gmail): the sending side's report. */
    {MXTLS_SIDE_SENDER, 3,
     P("this is the mail system at host", "undelivered mail returned to sender",
       "mail delivery subsystem", "mail delivery system", "returned mail:",
       "created automatically by mail delivery software", "reporting-mta",
       "qmail-send", "i'm afraid i wasn't able to deliver", "smtp error from remote mail server",
       "retry timeout exceeded", "delivery to the following recipients failed",
       "message wasn't delivered", "there was a temporary problem delivering",
       "delivery incomplete", "action: failed", "action: delayed",
       "remote-mta", "x-postfix-queue-id")},
    /* Sendmail's DSN, Yahoo's and Exchange's NDR templates. */
    {MXTLS_SIDE_SENDER, 3,
     P("transcript of session follows", "had permanent fatal errors",
       "unable to deliver your message to the following", "generating server:",
       "diagnostic information for administrators", "your message wasn't delivered to")},
    {MXTLS_SIDE_SENDER, 2, P("status: 5.", "status: 4.", "postmaster")},
    /* The words each MTA's delivering process writes (Postfix smtp, Exim
     * transports and its retry logic), and those of its receiving
     * process (Postfix smtpd, Exim's SMTP listener, Sendmail's daemon). */
    {MXTLS_SIDE_SENDER, 3,
     P("lost connection with", "conversation with", "refused to talk to me",
       "while receiving the initial server greeting", "] said: ",
       "remote host closed connection in response to", "retry time not reached",
       "have been failing for a long time", "defer (-")},
    {MXTLS_SIDE_SENDER, 2, P("(in reply to ")},
    /* Postfix's delivery agent (smtp_proto.c, smtp_addr.c, tls_client.c),
     * Exim's transport, Sendmail's check of the server it connects to:
     * words that only the delivering side writes. */
    {MXTLS_SIDE_SENDER, 3,
     P("cannot start tls: handshake failure", "server certificate not verified",
       "tls is required, but", "name service error for name=", "no mx host for",
       "a tls session is required, but", "ruleset=tls_server")},
    /* cPanel's Exim logs each delivery it starts as "SMTP connection
     * outbound"; JavaMail's debug output prefixes "DEBUG SMTP:", old
     * PHPMailer's "SMTP -> ERROR". */
    {MXTLS_SIDE_SENDER, 3, P("smtp connection outbound")},
    {MXTLS_SIDE_CLIENT, 3, P("debug smtp:", "smtp -> error", "smtp -> from server")},
    /* The delivering side's own TLS policy refusing a connection:
     * maddy's remote target (local_policy, REQUIRETLS), OpenSMTPD's
     * relay with "tls" required. */
    {MXTLS_SIDE_SENDER, 3,
     P("not available or unauthenticated but required",
       "failed to establish the mx record authenticity", "tls required but not supported")},
    /* Postfix's tls_verify.c names the peer's role: "server
     * certificate verification failed for" is its SMTP client's, "client
     * certificate ..." its server's. */
    {MXTLS_SIDE_SENDER, 3,
     P("server certificate verification failed for", "server certificate not trusted")},
    {MXTLS_SIDE_RECEIVER, 3,
     P("client certificate verification failed for", "client certificate not trusted")},
    {MXTLS_SIDE_RECEIVER, 3,
     P("ruleset=tls_client", "couriertls: accept",
       /* Exim's listener (tls-openssl.c) when the client closes the
        * handshake without an alert */
       "tls client disconnected cleanly")},
    {MXTLS_SIDE_TOOL, 3, P("chain of trust", "certificate validity (utc)", "mxtoolbox",
                           "smtp tls warning")},
    /* Online checkers' and scanners' own words: MXToolbox's SMTP test,
     * CheckTLS, Hardenize, testssl.sh, sslscan, Mail-in-a-Box's status
     * checks, a DANE checker's TLSA lookup. */
    {MXTLS_SIDE_TOOL, 3,
     P("smtp banner check", "reverse dns does not match smtp banner", "on transaction time",
       "does not support tls", "cert hostname does not verify", "could not retrieve policy",
       "hardenize", "couldn't complete because network access was blocked",
       "while we were trying to communicate with a server", "grade capped",
       "testing protocols via sockets", "did not appear to support starttls",
       "the ssl certificate has a problem", "gettlsa:",
       /* resolvers' and scanners' command lines and output: systemd's
        * resolvectl, BIND's delv, a lookup's "; AD=1" flags, sslscan's and
        * a Nagios plugin's verdicts, testssl.sh's dialogue, s_client's
        * chain, starttls-everywhere's checker */
       "resolvectl ", "delv ", "; ad=1", "ssl_cert critical",
       "did not appear to be an smtp service", "tls not supported by server", "=== sending",
       "certificate chain 0 s:", "failure: name in cert")},
    /* Windows' Schannel on a server logging a client's hello (event
     * 36874), and Exchange's transport failing to verify its smart host
     * (event 11005): the receiving and the sending server's logs. */
    {MXTLS_SIDE_RECEIVER, 3, P("connection request was received from a remote client")},
    {MXTLS_SIDE_SENDER, 3, P("tls certificate of the smart host for the connector")},
    /* Exchange's and Exchange Online's delivery reports: the message
     * trace's and the queue's fields name the host they tried. */
    {MXTLS_SIDE_SENDER, 3,
     P("lastattemptedservername", "lastattemptedip", "outboundproxytarget",
       "dnsconnectordelivery", "cannot connect to remote server")},
    /* Exchange Online's NDRs for its DANE and MTA-STS checks
     * ("Destination mail server's certificate is expired"): the sending
     * side's bounce. */
    {MXTLS_SIDE_SENDER, 3, P("destination mail server")},
    /* A TLS-RPT report (RFC 8460) is the sending organisation's. */
    {MXTLS_SIDE_SENDER, 3, P("total-failure-session-count", "\"policy-type\"")},
    /* The monitoring plugins' status lines (monitoring-plugins sslutils.c,
     * check_smtp.c) and the widely used check_ssl_cert script. */
    {MXTLS_SIDE_TOOL, 3,
     P("check_smtp", "check_ssl_cert", "critical - certificate", "warning - certificate",
       "ok - certificate '", "smtp critical -", "smtp warning -",
       /* an SMTP dialogue typed by hand into telnet */
       "telnet ",
       /* Zimbra's certificate check, s_client failing to connect,
        * PowerShell's Test-Certificate, knot's dig, IO::Socket::SSL's
        * debug output (CheckTLS). Not nslookup: admins paste its answer
        * beside their own servers' logs. */
       "zmcertmgr", "connect:errno=", "test-certificate", "kdig ", "ssl_hostname (sni)",
       /* scanners and testers by name or their own lines: sslyze, nmap,
        * swaks's "<**" error lines,
        * s_client's and testssl.sh's words for a server without
        * STARTTLS, trustymail, mail-tester.com */
       "sslyze", "nmap scan report", "<** ",
       "didn't find starttls in server response", "couldn't establish starttls via",
       "trustymail", "mail-tester")},
    /* qmail's and Courier's delivering programs */
    {MXTLS_SIDE_SENDER, 3,
     P("qmail-remote", "couriertls: connect", "courieresmtp", /* hMailServer */ "smtpdeliverer")},
    /* PHPMailer's SMTPDebug transcript, Microsoft 365's connector NDRs. */
    {MXTLS_SIDE_CLIENT, 3,
     P("smtp inbound:", "connection: opening to", "client -> server:", "server -> client:")},
    /* fetchmail names itself in every line it logs; it fetches as a
     * mail client does */
    {MXTLS_SIDE_CLIENT, 3, P("fetchmail:")},
    /* Cyrus imapd's server-side TLS start */
    {MXTLS_SIDE_RECEIVER, 3, P("tls_start_servertls")},
    {MXTLS_SIDE_SENDER, 2, P("tenantattribution", "4.4.317")},
    /* Exchange's send connector protocol log ("TLS negotiation failed
     * with error NoCredentials"): the delivering side's. */
    {MXTLS_SIDE_SENDER, 2, P("tls negotiation failed with error")},
    /* The lookups Gmail's DNS-error bounce lists ("DNS Error: DNS type
     * 'mx' lookup of ..."): its own, as the sending side. */
    {MXTLS_SIDE_SENDER, 3, P("dns type 'mx' lookup of")},
    /* Outlook for Mac's certificate dialog */
    {MXTLS_SIDE_CLIENT, 3, P("a secure connection cannot be established with the server")},
    {MXTLS_SIDE_RECEIVER, 3,
     P("rejected connection from", "rejected ehlo", "rejected rcpt", "rejected mail from",
       "smtp protocol synchronization error", "smtp command timeout",
       "unexpected disconnection while reading smtp command", "no mail from",
       "did not issue mail/expn/vrfy/etrn", "lost input channel from",
       "improper command pipelining after")},
    {MXTLS_SIDE_RECEIVER, 2, P("disconnect from")},
    /* Postfix's smtpd and postscreen reading the PROXY protocol header a
     * load balancer sends before a client's session */
    {MXTLS_SIDE_RECEIVER, 2, P("haproxy read:")},
    /* Go's TLS servers (net/http, go-smtp based ones) log a failed
     * handshake as "TLS handshake error from <client>": the listener's
     * log, and "remote error" is the client's alert. */
    {MXTLS_SIDE_RECEIVER, 3, P("tls handshake error from", "tls handshake error for")},
    /* Servers written as libraries and plugin hosts: Haraka runs its
     * plugins' hooks for each stage of an incoming session (plugins.js:
     * "running rcpt hook in ... plugin"; its outbound hooks are get_mx,
     * delivered, deferred, bounce); Node's smtp-server, Python's aiosmtpd.
     * hMailServer names its receiving log lines "SMTPD", its delivering
     * ones "SMTPC". */
    {MXTLS_SIDE_RECEIVER, 3,
     P("running connect hook", "running helo hook", "running ehlo hook",
       "running unrecognized_command hook", "running mail hook", "running rcpt hook",
       "running data hook", "running data_post hook", "running queue hook",
       "running capabilities hook", "smtpserver instance", "at smtpserver.",
       "smtp-server/lib/", "aiosmtpd", "\"smtpd\"",
       /* Haraka writes "C:" and "S:" by role on both sides; the dialogue
        * its listener logs is under [core], its deliveries' under
        * [outbound] */
       "[core] c: ", "[core] s: ")},
    {MXTLS_SIDE_SENDER, 3, P("\"smtpc\"")},
    /* OpenSMTPD's log since 6.4: "<session> smtp ..." is its listener,
     * "<session> mta ..." its delivering side. */
    {MXTLS_SIDE_RECEIVER, 3,
     P(" smtp disconnected reason=", " smtp failed-command ", " smtp tls ciphers=",
       " smtp authentication user=", " smtp message msgid=")},
    {MXTLS_SIDE_SENDER, 3,
     P(" mta connecting address=", " mta connected", " mta error reason=",
       " mta tls ciphers=", " mta cert-check ", " mta delivery evpid=", " mta disconnected")},
    /* Exchange's front end receives; its event 12014 is about a receive
     * connector's STARTTLS. */
    {MXTLS_SIDE_RECEIVER, 3,
     P("to support the starttls smtp verb",
       /* event 12016, the same connector's certificate expired */
       "no valid smtp transport layer security (tls) certificate for the fqdn")},

    /* Mail programs' own dialogs (Outlook, Thunderbird, Apple Mail, the
     * Gmail and Android apps). */
    {MXTLS_SIDE_CLIENT, 3,
     P("send test e-mail message", "log onto incoming mail server", "outgoing mail server",
       "outgoing (smtp) server",
       "an error occurred while sending mail", "add security exception",
       "cannot send message using the server", "couldn't open connection to server",
       "the certificate for this server is invalid", "using a security certificate that",
       "incoming server", "account settings",
       /* a program's own report of a failed send, with the misspelling
        * several libraries print */
       "error occurred while sending", "error occured while sending")},
    /* A reply about submitting mail (RFC 6409) goes to a mail program. */
    {MXTLS_SIDE_CLIENT, 2, P("for message submission", "message submission on port")},
    /* A server's own log of a command it refused (Gordano GMS's alerts). */
    {MXTLS_SIDE_RECEIVER, 2, P("rejected the command with")},
    /* Postfix names its client's settings smtp_* and its server's
     * smtpd_*: a text about them is that side's. A bounce quotes the
     * remote reply as its "diagnostic code"; a queue is the sender's. */
    {MXTLS_SIDE_SENDER, 2, P("smtp_tls_", "diagnostic code", "in the queue", "mail queue")},
    /* The OpenSSL functions and source files that only the server role
     * runs (OpenSSL 1.0 to 3.x). The client-role ones can be a sending
     * MTA or a mail client, so they tell nothing here. */
    {MXTLS_SIDE_RECEIVER, 2,
     P("statem_srvr.c", "s3_srvr.c", "get_client_hello", "post_process_client_hello",
       "process_client_hello", "ssl3_accept", "process_client_certificate",
       "get_client_certificate",
       /* LibreSSL's state names ("ACCEPT_SR_CLNT_HELLO_C"): the server
        * reading the client's hello */
       "sr_clnt_hello")},
    /* Errors only a TLS server raises: the connecting side sent no hello
     * it could use. */
    {MXTLS_SIDE_RECEIVER, 1, P("no shared cipher", ":http request", "no_shared_cipher")},
    /* The OpenSSL functions and files only the client role runs: with no
     * MTA's log format around them (which outweighs this), the text is a
     * program's error. */
    {MXTLS_SIDE_CLIENT, 1,
     P("get_server_hello", "process_server_hello", "get_server_certificate",
       "process_server_certificate", "statem_clnt.c", "s3_clnt.c", "s23_clnt.c",
       "ssl3_connect", "write client hello",
       /* LibreSSL's ("CONNECT_CR_SRVR_HELLO"): the client reading it */
       "cr_srvr_hello")},
    /* Client libraries' exception types and programs that submit mail. */
    {MXTLS_SIDE_CLIENT, 3,
     P("system.security.authentication", "authenticationexception", "sslstream",
       "java.net.", "javax.", "org.apache.commons.mail", "io::socket::ssl", "net::ssleay",
       "send-mailmessage", "dial tcp", "smtp connect() failed",
       "connection could not be established with host", "transportexception",
       "swift_transport", "lettre", "neomutt", "mutt:", "s-nail", "mailx", "sendemail",
       "sec_error_", "ssl_error_", "mozilla_pkix", "socketexception", "sslexception",
       "ssl.sslerror", "sslerror", "smtplib.", "unable to connect to smtp",
       "handshakeexception", "handshake error in client",
       /* Arduino-ESP32's TLS client (WiFiClientSecure, ssl_client.cpp) */
       "wificlientsecure", "ssl_client.cpp")},
    {MXTLS_SIDE_CLIENT, 2,
     P("caused by:", " at java.", " at org.", " at com.", " at system.", "errno ",
       "[errno", "wordpress", "nextcloud", "gitlab", "grafana", "jenkins", "0x8009", "0x800b")},
};
const size_t mxtls__n_side_rules = sizeof mxtls__side_rules / sizeof mxtls__side_rules[0];

const char *const mxtls__submission_phrases[] = {
    /* Microsoft 365's 5.7.3 and 5.7.57 to SMTP AUTH clients */
    "to send mail", "authenticat", "auth ", "submission",
    /* Microsoft 365's replies to SMTP AUTH programs (4.7.66, 5.7.139) */
    "smtp_auth", "smtp auth", "update your client",
    /* Postfix's and Gmail's 530 5.7.0 before AUTH or MAIL: a public MX
     * may not demand STARTTLS (RFC 3207, section 4), a submission port
     * does */
    "starttls command first", NULL};

const char *const mxtls__mta_phrases[] = {
    /* Exim names the TLS call that failed in parentheses (tls-gnu.c,
     * tls-openssl.c): SSL_connect and the peer's certificate check are
     * its transport's; "TLS session failure" its fallback when
     * delivering */
    "(ssl_connect)", "(gnutls_certificate_verify_peers)", "tls session failure", NULL};

const char *const mxtls__mta_server_phrases[] = {
    /* Postfix's tls_print_errors() in every daemon */
    "tls library problem",
    /* Exim's GnuTLS calls and its record layer, on either side */
    "(gnutls_handshake)", "(gnutls_record_recv)", "(gnutls_record_send)", "(tls_read)",
    "(tls_write)", NULL};

const char *const mxtls__client_role_phrases[] = {
    "certificate verify failed", "certificate_verify_failed", "get_server_certificate",
    "process_server_certificate", "get_server_hello", "process_server_hello", "ssl3_connect",
    "statem_clnt.c", "s3_clnt.c", "s23_clnt.c", NULL};

const struct mxtls__needs_rule mxtls__needs_rules[] = {
    /* A proxy in front of the MX shows as its name, an HTTP reply, or a
     * proxy's address; a bare timeout or alert does not. */
    {MXTLS_F_NET_PROXIED,
     P("cloudflare", "proxied", "proxy", "http/1.", "cdn", "<html")},
    /* A network that drops port 25 shows as that port, as a host that
     * answers everyone on every port it documents, or as a firewall
     * that says it blocked the connection, or as a socket the machine
     * refused to open. */
    {MXTLS_F_NET_EGRESS_BLOCKED,
     P("port 25", ":25", "[25]", " 25 ", "port: 25", "blocked by traffic rules",
       /* Windows' WSAEACCES: the sending machine itself refused the
        * socket; EACCES as PHP prints it */
       "forbidden by its access permissions", "(permission denied)", "[permission denied #13]",
       /* a host firewall's own log of the dropped connection */
       "tcp_out blocked", "tcp6out blocked", "[ufw block]",
       /* the big providers' MX hosts: a connection to one is to port 25 */
       "gmail-smtp-in", "aspmx.l.google.com", "mail.protection.outlook.com", "yahoodns.net",
       PROGRAMS_HOSTS)},
};
const size_t mxtls__n_needs_rules = sizeof mxtls__needs_rules / sizeof mxtls__needs_rules[0];

const struct mxtls__precedence_rule mxtls__precedence_rules[] = {
    /* A server that does not offer STARTTLS answers the client's TLS
     * hello in plain SMTP: the TLS library then reports a wrong version
     * or an unknown protocol, which is the consequence, not the cause. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, MXTLS_F_CLIENT_STARTTLS_MISMATCH},
    {MXTLS_F_SMTP_STARTTLS_MISSING, MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH},
    /* A connection to port 25 that timed out, as strongly a block on the
     * connecting side's network as a dead host: the block is the cause
     * to look at first, and mxtls-check from elsewhere tells them apart. */
    {MXTLS_F_NET_EGRESS_BLOCKED, MXTLS_F_NET_TIMEOUT},
    /* STARTTLS missing where the host always offers it: the path hid it. */
    {MXTLS_F_SMTP_STARTTLS_MASKED, MXTLS_F_SMTP_STARTTLS_MISSING},
    /* A greeting held back until the client gave up also hides STARTTLS
     * from it (a checker's "Does not support TLS" after 15 s). */
    {MXTLS_F_SMTP_SLOW_BANNER, MXTLS_F_SMTP_STARTTLS_MISSING},
    /* "Not trusted" is what any failed verification reports; a certificate
     * that signed itself, has expired, is not valid yet, names another
     * host or lacks its intermediate says why. */
    {MXTLS_F_CERT_SELF_SIGNED, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_F_CERT_EXPIRED, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_F_CERT_NOT_YET_VALID, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_F_CERT_NAME_MISMATCH, MXTLS_F_CERT_UNTRUSTED},
    /* The certificate a server keeps for clients that send no SNI is
     * often self-signed and names no real host ("No SNI provided"): the
     * missing SNI is why the client met it. */
    {MXTLS_F_CERT_DEFAULT_WITHOUT_SNI, MXTLS_F_CERT_SELF_SIGNED},
    {MXTLS_F_CERT_DEFAULT_WITHOUT_SNI, MXTLS_F_CERT_NAME_MISMATCH},
    /* A key or a signature too weak is why the chain was refused: Java's
     * CertPathValidatorException and Go's unknown authority name the
     * weak algorithm inside the generic failure. */
    {MXTLS_F_CERT_WEAK_KEY, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_F_CERT_WEAK_SIGNATURE, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_F_CERT_WEAK_KEY, MXTLS_F_SENDER_NO_CA_STORE},
    {MXTLS_F_CERT_WEAK_SIGNATURE, MXTLS_F_SENDER_NO_CA_STORE},
    /* A server that could not load its DH parameters because the group
     * is too small ("Can't load DH parameters ... dh key too small"): the
     * weak group is why its TLS set-up failed. */
    {MXTLS_F_TLS_WEAK_DH, MXTLS_F_SMTP_STARTTLS_REFUSED},
    /* Where the sender's own store is in doubt (its side, its words), an
     * issuer it cannot find is its store before the server's chain. */
    {MXTLS_F_SENDER_NO_CA_STORE, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_F_SENDER_NO_CA_STORE, MXTLS_F_CERT_CHAIN_INCOMPLETE},
    /* A CA store that cannot be loaded is why the sender's TLS settings
     * fail as a whole (Postfix's "cannot load Certificate Authority data",
     * then "our TLS engine is unavailable"). */
    {MXTLS_F_SENDER_NO_CA_STORE, MXTLS_F_SENDER_TLS_CONFIG},
    /* Where the sending side's own resolver is in doubt (a program's
     * EAI_AGAIN, a relay host that exists for everyone), its resolver
     * before the name's. */
    {MXTLS_F_SENDER_RESOLVER_DOWN, MXTLS_F_DNS_SERVFAIL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, MXTLS_F_DNS_TIMEOUT},
    /* An answer refused for the name it holds ("Malformed name server
     * reply" after Postfix's "Name service error") is why that lookup
     * failed. */
    {MXTLS_F_DNS_MX_NON_LDH, MXTLS_F_DNS_SERVFAIL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, MXTLS_F_DNS_NXDOMAIN},
    {MXTLS_F_SENDER_RESOLVER_DOWN, MXTLS_F_DNS_MX_NO_ADDRESS},
    /* Exchange makes up "421 4.4.1 Connection timed out" and "421 4.2.1
     * Unable to connect" for its own send connector's failed TLS
     * (Microsoft's KB 4051498): in its failover report the connector's
     * certificate goes before the network. */
    /* A DANE check that found no matching TLSA record says why the
     * certificate was not verified: DANE does not use the CA store, and
     * Postfix logs the same connection "Untrusted" as well. */
    {MXTLS_F_DANE_MISMATCH, MXTLS_F_SENDER_NO_CA_STORE},
    {MXTLS_F_DANE_MISMATCH, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_F_DANE_MISMATCH, MXTLS_F_CERT_CHAIN_INCOMPLETE},
    /* A TLSA lookup that fails validation is the DANE failure senders
     * act on; the zone's bogus DNSSEC is why. */
    {MXTLS_F_DANE_BOGUS, MXTLS_F_DNS_DNSSEC_BOGUS},
    {MXTLS_F_CERT_SELF_SIGNED, MXTLS_F_CERT_NAME_MISMATCH},
    {MXTLS_F_CERT_SELF_SIGNED, MXTLS_F_CERT_CHAIN_INCOMPLETE},
    {MXTLS_F_DANE_MATCHED, MXTLS_F_DANE_MISMATCH},
    {MXTLS_F_SENDER_TLS_CONFIG, MXTLS_F_NET_TIMEOUT},
    {MXTLS_F_SENDER_TLS_CONFIG, MXTLS_F_NET_REFUSED},
};
const size_t mxtls__n_precedence_rules =
    sizeof mxtls__precedence_rules / sizeof mxtls__precedence_rules[0];

const int32_t mxtls__symptom_causes[] = {MXTLS_F_TLS_HANDSHAKE_FAILED, MXTLS_F_TLS_ALERT};
const size_t mxtls__n_symptom_causes =
    sizeof mxtls__symptom_causes / sizeof mxtls__symptom_causes[0];

const struct mxtls__boilerplate_rule mxtls__boilerplate_rules[] = {
    /* cPanel's Exim bounce text lists every reason it can think of ("The
     * account or domain may not exist, they may be blacklisted, or
     * missing the proper dns entries"): it names none. */
    {"the account or domain may not exist, they may be blacklisted", "proper dns entries"},
    /* MailKit's SslHandshakeException lists four certificate problems
     * when it has no validation result at all: the handshake failed
     * before any certificate was checked (MailKit/Security/
     * SslHandshakeException.cs). */
    {"not trusted by the system for one or more of", "expired or invalid."},
    /* msmtp's pinned tls_fingerprint no longer matching: the pin is out
     * of date, which says nothing of the certificate's chain. */
    {"tls certificate verification failed: the certificate fingerprint", "does not match"},
    /* Exchange's Front End Transport when it cannot proxy the session to
     * a Mailbox server (PRX1 to PRX5: its own DNS, its connectors, a
     * hybrid set-up out of date): the same reply whatever the reason, and
     * its "try again later" is no rate limit. */
    {"temporary server error. please try again later. prx", ". prx"},
    /* Android's Email app (AOSP, LineageOS) and the Gmail app's Exchange
     * set-up: one dialog for a failed account check whatever failed,
     * where "protocol version" is ActiveSync's, not TLS's. */
    {"incorrect server address or the server requires a protocol version",
     "doesn't support"},
    /* Postfix's master when one of its daemons dies at start ("warning:
     * /usr/libexec/postfix/tlsmgr: bad command startup -- throttling"):
     * it waits before restarting it, which is no rate limit of anyone's;
     * the daemon's own fatal line says why. */
    {"bad command startup -- throttling", "throttling"},
};
const size_t mxtls__n_boilerplate_rules =
    sizeof mxtls__boilerplate_rules / sizeof mxtls__boilerplate_rules[0];
