/* The mail-sending libraries' and mail clients' own error strings, as
 * their sources spell them: a third table of rules (explain_rules.h),
 * weighed with those of explain_rules.c and explain_vocabulary.c as one
 * list (explain_match.c).
 *
 * Why: most texts pasted for "TLS Negotiation failed" come from a web
 * application's mail library or a desktop client, and they wrap the TLS
 * library's words in their own. Those fixed words say at which step the
 * client gave up (the greeting, the STARTTLS reply, the handshake) even
 * when the TLS library's words are cut off.
 *
 * As in explain_vocabulary.c: each block names the repository and file
 * it was copied from; phrases are lower-cased, in the normal form of
 * errtext_norm.h, with "%s" parts and trailing full stops left out.
 * Weights: 3 the string names the cause, 2 a strong sign, 1 a hint; a
 * string several causes can print ("Unable to connect with STARTTLS":
 * any failed handshake) gets 2 or 1. Strings the other two tables have
 * are listed in each block and not repeated (a second copy would count
 * twice). A library's string is written by the connecting program only,
 * so most rules hold for the client side (CLI); swaks is a test tool
 * (TOOL). A weight-1 rule for one side counts nothing where the side is
 * not known: those hints wait for the text to show whose it is.
 *
 * Where a phrase here contains a shorter phrase of another table, it
 * takes that phrase's place on purpose (the longer wins): aiosmtplib's
 * "Timed out waiting for server ready message" is no network timeout,
 * MailKit's "An intermediate certificate has the following errors" no
 * missing intermediate. The test mail_vocabulary_from_sources_and_near_
 * misses pins those. */
#include "explain_rules.h"

#include "mxtls/diagnose.h"

#define P(...) ((const char *const[]){__VA_ARGS__, NULL})
#define CLI SIDE_BIT(MXTLS_SIDE_CLIENT)
#define TOOL SIDE_BIT(MXTLS_SIDE_TOOL)
#define SEND SIDE_BIT(MXTLS_SIDE_SENDER)

const struct mxtls__cause_rule mxtls__mail_vocabulary_rules[] = {
    /* ==== nodemailer =====================================================
     * nodemailer/nodemailer lib/smtp-connection/index.js. Already in
     * explain_rules.c: "Greeting never received", "Connection timeout"
     * (as "connection timeout"). The error codes (ETLS for every TLS
     * step, ECONNECTION, ETIMEDOUT) are too broad to name a cause. */
    /* _actionSTARTTLS: the reply to STARTTLS was not 2xx. With requireTLS
     * nodemailer sends STARTTLS even when it was not offered. */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, CLI, P("error upgrading connection with starttls"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 1, CLI, P("error upgrading connection with starttls"), NULL},
    /* the TLS library's reason follows the dash and says why */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, CLI, P("error initiating tls"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, CLI,
     P("ehlo failed but helo does not support required starttls"), NULL},
    /* _onClose: the server hung up, during the TLS upgrade (ETLS) or
     * before its reply; as explain_rules.c weighs "connection unexpectedly
     * closed" */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, P("connection closed unexpectedly"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, CLI, P("connection closed unexpectedly"), NULL},
    /* _actionGreeting: a first reply other than 220 */
    /* (ZoneMTA, a sending MTA, is built on the same client) */
    {MXTLS_F_SMTP_BANNER_REJECTED, 2, CLI | SEND, P("invalid greeting. response="), NULL},

    /* ==== PHPMailer ======================================================
     * PHPMailer/PHPMailer src/PHPMailer.php (the English texts of
     * $language) and src/SMTP.php. Already in explain_rules.c: "SMTP Error:
     * Could not connect to SMTP host.", "SMTP connect() failed.", the
     * server's "Unrecognized command 'STARTTLS'". Left out: "Failed to
     * connect to server" (any network failure; the errno text after it
     * says which). */
    /* sendCommand('STARTTLS', ...) answered other than 220: a 454 refusal,
     * or a 5xx from a server that has no STARTTLS (PHPMailer sends it when
     * SMTPSecure is 'tls' whether offered or not); the reply says which. */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 1, CLI, P("starttls command failed"), NULL},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 1, CLI, P("starttls command failed"), NULL},

    /* ==== PHP's streams ==================================================
     * php-src main/streams/transports.c: a scheme without its transport,
     * 'Unable to find the socket transport "%s" - did you forget to enable
     * it when you configured PHP?'. For "ssl" and "tls" that is a PHP
     * built or set up without OpenSSL: the program's own installation. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("unable to find the socket transport"),
     P("transport \"ssl\"", "transport \"tls", "transport \"sslv", "transport 'ssl'",
       "transport 'tls")},

    /* ==== Symfony Mailer and SwiftMailer =================================
     * symfony/mailer Transport/Smtp/EsmtpTransport.php,
     * Transport/Smtp/Stream/SocketStream.php and AbstractStream.php;
     * swiftmailer/swiftmailer lib/classes/Swift/Transport/EsmtpTransport.php
     * and AbstractSmtpTransport.php. Already in explain_rules.c: Symfony's
     * 'Expected response code "220" but got empty code' and Swift's
     * 'Expected response code 220 but got code ""'. Left out: "Connection
     * could not be established with host" (any failure to connect; PHP's
     * reason follows). */
    /* the server said 220 to STARTTLS, then the handshake failed: only
     * that it failed, a hint as explain_rules.c's "handshake failed" */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, CLI,
     P("unable to connect with starttls", "unable to connect with tls encryption"), NULL},
    /* MailSo (RainLoop, SnappyMail): its SocketUnsuppoterdSecureConnection-
     * Exception (so spelt) says "SSL isn't supported" where PHP offers no
     * ssl:// transport, a PHP built or set up without OpenSSL: the
     * webmail host's own TLS. "STARTTLS is not supported" is the server's
     * EHLO reply, read above. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, 0, P("ssl isn't supported"),
     P("socketunsuppoterdsecureconnectionexception")},
    /* Outlook for iOS and Android, signing in to Exchange: "Secure
     * connection unavailable. Would you like to log in anyway?" when the
     * server's certificate does not verify against the Java CA store the
     * app uses (Microsoft KB 4056392: invalid, expired or untrusted). */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("secure connection unavailable. would you like to log in"),
     NULL},
    /* A program's "Unable to verify validity of certificate: <X509Name
     * ...>" (GlobaLeaks on Twisted): the chain did not verify. */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("unable to verify validity of certificate"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, P("has been closed unexpectedly"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, CLI, P("has been closed unexpectedly"), NULL},
    /* no greeting at all: a plain client on the implicit-TLS port */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 0,
     P("expected response code 220 but got an empty response"), NULL},

    /* ==== MailKit ========================================================
     * jstedfast/MailKit MailKit/Net/Smtp/SmtpClient.cs and
     * MailKit/Security/SslHandshakeException.cs. Already in
     * explain_rules.c: "An error occurred while attempting to establish an
     * SSL or TLS connection.", "port %d is typically reserved for
     * plain-text connections", "if you intended to use STARTTLS", and the
     * numbered list of possible reasons (a boilerplate rule). Left out:
     * "The SSL certificate for the server was not available." (a failed
     * handshake, which the default message before it already hints). */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("the smtp server does not support the starttls extension"),
     NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("did not match the name given in the server's ssl certificate",
       "did not match any of the names given in the server's ssl certificate"), NULL},
    /* the chain's errors follow these headings; an intermediate's are no
     * missing intermediate (explain_rules.c's "intermediate certificate") */
    {MXTLS_F_CERT_UNTRUSTED, 1, 0,
     P("an intermediate certificate has the following errors",
       "the root certificate has the following errors"), NULL},

    /* ==== .NET: System.Net.Mail and System.Net.Security =================
     * dotnet/runtime src/libraries/System.Net.Mail/src/Resources/
     * Strings.resx and src/libraries/System.Net.Security/src/Resources/
     * Strings.resx (net_ssl_io_cert_chain_validation, .NET 5 on: the chain
     * status names follow, UntrustedRoot, PartialChain, NotTimeValid, which
     * explain_rules.c reads). Already in explain_rules.c or
     * explain_vocabulary.c: "Server does not support secure connections.",
     * "The SMTP server requires a secure connection or the client was not
     * authenticated." (its "requires a secure connection"),
     * "net_io_connectionclosed", "The remote certificate is invalid
     * according to the validation procedure", "... rejected by the provided
     * RemoteCertificateValidationCallback", "The handshake failed due to an
     * unexpected packet format.", "Received an unexpected EOF" (as
     * "unexpected eof"). Left out: "Failure sending mail." (any failure). */
    {MXTLS_F_DNS_NXDOMAIN, 2, CLI, P("the smtp host was not found"), NULL},
    /* System.Net.Mail's SmtpClient speaks only STARTTLS ("SMTP over SSL on
     * port 465 ... is not currently supported", its documentation): sent to
     * an implicit-TLS port with EnableSsl, it waits for a greeting that
     * never comes until its Timeout. So its own "The operation has timed
     * out." is first that mismatch; a network that drops the connection
     * stays listed. MailKit, which speaks both, is not this class. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI, P("the operation has timed out"),
     P("system.net.mail", "smtpclient.send(mailmessage", "send-mailmessage")},
    {MXTLS_F_NET_TIMEOUT, 1, CLI, P("the operation has timed out"),
     P("system.net.mail", "smtpclient.send(mailmessage", "send-mailmessage")},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("the remote certificate is invalid because of errors in the certificate chain"), NULL},

    /* ==== Jakarta Mail / Angus Mail ======================================
     * eclipse-ee4j/angus-mail providers/smtp/src/main/java/org/eclipse/
     * angus/mail/smtp/SMTPTransport.java and core/src/main/java/org/
     * eclipse/angus/mail/util/SocketFetcher.java. Already in
     * explain_rules.c: "Could not convert socket to TLS", "Could not
     * connect to SMTP host", "STARTTLS is required but host does not
     * support STARTTLS", "response: -1", "Unable to check server identity
     * for" (as "server identity"). Left out: MailConnectException's
     * "Couldn't connect to host, port:" (any failure to connect; the
     * nested exception says which). */
    {MXTLS_F_SMTP_BANNER_REJECTED, 2, CLI, P("got bad greeting from smtp host"), NULL},
    {MXTLS_F_DNS_NXDOMAIN, 2, CLI, P("unknown smtp host:"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("server identity does not match authentication scheme"), NULL},
    /* MailSSLSocketFactory: the host is not in the program's own
     * mail.smtp.ssl.trust list, whatever its certificate */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, CLI, P("server is not trusted:"), NULL},

    /* ==== Python: smtplib and aiosmtplib =================================
     * python/cpython Lib/smtplib.py; cole/aiosmtplib src/aiosmtplib/smtp.py,
     * esmtp.py and protocol.py. Already in explain_rules.c: "STARTTLS
     * extension not supported by server.", "Connection unexpectedly
     * closed", "SMTP AUTH extension not supported by server." (as "auth
     * extension not supported"), and ssl's "The handshake operation timed
     * out"; explain_vocabulary.c has ssl's verify reasons. */
    /* connected, but no greeting: a plain client on the implicit-TLS port
     * or a tarpit, not a network timeout */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI, P("timed out waiting for server ready message"),
     NULL},
    {MXTLS_F_SMTP_SLOW_BANNER, 1, 0, P("timed out waiting for server ready message"), NULL},
    /* after the server's 220 to STARTTLS: the handshake stalled or was
     * dropped, for a reason the words do not give */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0,
     P("timed out while upgrading transport", "connection reset while upgrading transport",
       "connection aborted while upgrading transport"), NULL},
    /* starttls() on a connection that is already TLS (use_tls, or the
     * automatic STARTTLS of aiosmtplib 2) */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI, P("connection already using tls"), NULL},

    /* ==== Ruby: Net::SMTP and the mail gem ===============================
     * ruby/net-smtp lib/net/smtp.rb ("STARTTLS is not supported on this
     * server", already in explain_rules.c) and ruby/openssl
     * ext/openssl/ossl_ssl.c, which raises "SSL_connect returned=1 errno=0
     * peeraddr=... state=error: certificate verify failed (%s)" with
     * OpenSSL's verify string in the parentheses: the reason wins over the
     * generic words, as in Python's block of explain_vocabulary.c. */
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("certificate verify failed (certificate has expired)"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("certificate verify failed (certificate is not yet valid)"),
     NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("certificate verify failed (hostname mismatch)",
       "certificate verify failed (ip address mismatch)"), NULL},
    {MXTLS_F_CERT_SELF_SIGNED, 3, 0,
     P("certificate verify failed (self-signed certificate)",
       "certificate verify failed (self signed certificate)"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("certificate verify failed (self-signed certificate in certificate chain)",
       "certificate verify failed (self signed certificate in certificate chain)"), NULL},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 3, 0,
     P("certificate verify failed (unable to verify the first certificate)"), NULL},
    /* The program asked for implicit TLS and STARTTLS at once:
     * ruby/net-smtp's enable_tls/enable_starttls ("SMTPS and STARTTLS is
     * exclusive") and mikel/mail lib/mail/network/delivery_methods/smtp.rb
     * build_smtp_session (Rails, GitLab). */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, 0,
     P("smtps and starttls is exclusive", ":enable_starttls and :tls are mutually exclusive"),
     NULL},

    /* ==== Go: net/smtp, go-mail; Rust: lettre ============================
     * golang/go src/net/smtp/smtp.go and auth.go, wneessen/go-mail
     * client.go, lettre/lettre src/transport/smtp/client/connection.rs:
     * nothing new. Already in explain_rules.c: "unencrypted connection",
     * "smtp: server doesn't support AUTH", go-mail's "but target host does
     * not support STARTTLS", lettre's "STARTTLS is not supported on this
     * server"; Go's and rustls's TLS words are in explain_vocabulary.c. */
    /* Rust mail-send (stalwartlabs/mail-send src/lib.rs, Error::
     * MissingStartTls): STARTTLS required and not offered. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0, P("missingstarttls"), NULL},

    /* ==== Erlang: gen_smtp ===============================================
     * gen-smtp/gen_smtp src/gen_smtp_client.erl: with {tls, always} and no
     * STARTTLS in the EHLO reply, {missing_requirement, Host, tls}. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, 0, P("missing_requirement"), P("tls}", "tls)")},

    /* ==== Perl: Net::SMTP ================================================
     * Net::SMTP (libnet) refuses SSL without IO::Socket::SSL: "To use SSL
     * please install IO::Socket::SSL with version>=2.007": the program's
     * own installation. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("to use ssl please install io::socket::ssl"), NULL},
    /* Perl itself (perl.git pp_ctl.c) when a TLS module is not installed,
     * "Can't locate IO/Socket/SSL.pm in @INC", or is installed but does
     * not load, "Compilation failed in require" on its way (git
     * send-email's Net::SMTP::SSL, sendEmail, swaks): the sending
     * machine's own Perl. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0,
     P("can't locate io/socket/ssl.pm", "can't locate net/smtp/ssl.pm",
       "can't locate net/ssleay.pm"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, 0, P("compilation failed in require"),
     P("io/socket/ssl", "net/smtp/ssl", "net/ssleay")},
    /* LWP::Protocol::https (and so any Perl helper fetching over HTTPS)
     * with no CA bundle to verify with: "500 Can't verify SSL peers
     * without knowing which Certificate Authorities to trust". */
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0,
     P("can't verify ssl peers without knowing which certificate authorities to trust"), NULL},

    /* ==== IMAP fetchers: OfflineIMAP, isync (mbsync) ======================
     * OfflineIMAP refuses to connect with nothing to verify against ("No
     * CA certificates and no server fingerprints configured"), and with a
     * pinned cert_fingerprint the server's certificate no longer has;
     * mbsync built without OpenSSL can do no TLS at all. Each is the
     * program's own setting. */
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0,
     P("no ca certificates and no server fingerprints configured"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, 0, P("does not match configured fingerprint"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("built without openssl"), NULL},

    /* IO::Socket::SSL (IO/Socket/SSL.pm) refusing the SSL_version its
     * caller asked for ("invalid SSL_version specified"), as sendEmail's
     * hard-coded 'SSLv3 TLSv1' does on a current one: the program's own
     * TLS settings. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("invalid ssl_version specified"), NULL},

    /* ==== Command-line mailers: mailsend, sendEmail ======================
     * A build without TLS can do no STARTTLS whatever the server offers:
     * mailsend (muquit/mailsend smtp.c) "Not Compiled with OpenSSL, will
     * not try STARTTLS", the wording other C programs use too; sendEmail
     * (sendEmail.pl) "No TLS support!  SendEmail can't load required
     * libraries" without Net::SSLeay and IO::Socket::SSL. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0,
     P("not compiled with openssl", "compiled without openssl",
       "sendemail can't load required libraries",
       /* deanproxy's email: "No SSL support compiled in. Disabling TLS." */
       "no ssl support compiled in"), NULL},

    /* ==== Qt: QSslSocket =================================================
     * qtbase src/network/ssl: "TLS initialization failed" when Qt cannot
     * load the OpenSSL it was built for: the program's own TLS setup. */
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0, P("tls initialization failed"), NULL},

    /* ==== curl ===========================================================
     * curl/curl lib/strerror.c (curl_easy_strerror) and lib/smtp.c.
     * Already in explain_rules.c: "SSL connect error", "STARTTLS not
     * supported.", "SSL: no alternative certificate subject name matches
     * target host name", "SSL Client Certificate required" (as "client
     * certificate"). */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 3, CLI, P("starttls denied, code"), NULL},
    /* CURLE_USE_SSL_FAILED: --ssl-reqd, and STARTTLS not offered or
     * denied */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, CLI, P("requested ssl level failed"), NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 1, CLI, P("requested ssl level failed"), NULL},
    {MXTLS_F_SMTP_BANNER_REJECTED, 2, CLI, P("got unexpected smtp-server response"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0, P("problem with the ssl ca cert (path? access rights?)"),
     NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0,
     P("problem with the local ssl certificate", "could not use specified ssl cipher",
       "couldn't use specified ssl cipher"), NULL},
    /* curl's own CRL file, not the server's revocation */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, 0, P("failed to load crl file"), NULL},
    /* CURLE_OPERATION_TIMEDOUT and CURLE_COULDNT_RESOLVE_HOST (with
     * "Could not resolve host: H" in its detail, a lookup failure of
     * explain_structure.c's) */
    {MXTLS_F_NET_TIMEOUT, 2, 0, P("timeout was reached"), NULL},
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("couldn't resolve host name", "could not resolve host"), NULL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1, CLI | TOOL, P("couldn't resolve host name"), NULL},
    /* CURLE_PEER_FAILED_VERIFICATION: any failed verification */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("ssl peer certificate or ssh remote key was not ok"), NULL},
    {MXTLS_F_CERT_NOT_CHECKED, 2, 0, P("ssl server certificate status verification failed"),
     NULL},

    /* ==== the ESP32 Arduino mail libraries' TLS client =====================
     * ESP-Mail-Client's ESP32 ssl_client (ESP32_SSL_CLIENT_STR_4): the
     * device's own lookup of the server's name failed. */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("could not get ip from host"), NULL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1, CLI, P("could not get ip from host"), NULL},

    /* ==== Home Assistant's smtp notify ==================================
     * homeassistant/components/smtp/notify.py logs socket.gaierror as "SMTP
     * server not found (HOST:PORT)": its lookup of the host failed (a big
     * provider's host: explain_structure.c's own resolver). */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("smtp server not found ("), NULL},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1, CLI, P("smtp server not found ("), NULL},

    /* ==== nodemailer's own resolver (lib/shared) ==========================
     * No address of the family its lookup returned on any interface:
     * the machine has no route of that family ("Can not use IPv4
     * addresses with current network", an IPv6-only network). */
    {MXTLS_F_NET_UNREACHABLE, 2, 0,
     P("can not use ipv4 addresses with current network",
       "can not use ipv6 addresses with current network"), NULL},
    {MXTLS_F_NET_FAMILY_MISMATCH, 1, 0,
     P("can not use ipv4 addresses with current network",
       "can not use ipv6 addresses with current network"), NULL},

    /* ==== msmtp ==========================================================
     * marlam/msmtp src/smtp.c, src/mtls-gnutls.c, src/mtls-openssl.c.
     * Already in explain_rules.c: "the server does not support TLS via
     * the STARTTLS command" (as "does not support tls"), "TLS handshake
     * failed", "the certificate owner does not match hostname", "cannot
     * use a secure authentication method", the pinned fingerprint
     * (a boilerplate rule); the verify reasons after "TLS certificate
     * verification failed:" are GnuTLS's and OpenSSL's. */
    /* msmtp waiting for a greeting that a server on the implicit-TLS port
     * never sends in plain text, until it gives up: "the server sent an
     * empty reply" (the Arch wiki's entry: tls_starttls on port 465) */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI, P("the server sent an empty reply"), NULL},
    /* msmtp sends STARTTLS only when offered: a refusal */
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, CLI, P("command starttls failed"), NULL},
    {MXTLS_F_SMTP_BANNER_REJECTED, 2, CLI, P("cannot get initial ok message from server"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0,
     P("cannot set x509 trust file", "cannot set x509 system trust for tls session"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, 0,
     P("cannot set x509 key file", "cannot set priorities for tls session",
       "error in priority string at position"), NULL},

    /* ==== Mutt and NeoMutt ===============================================
     * neomutt/neomutt conn/ and imap/, pop/, smtp.c: with $ssl_force_tls
     * (NeoMutt's default since 2019) and no STARTTLS offered, "Encrypted
     * connection unavailable"; a GnuTLS build that cannot set its
     * priority string names the call ("gnutls_priority_set_direct(%s):
     * %s"), which is the program's own configuration. */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, CLI, P("encrypted connection unavailable"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 3, CLI,
     P("gnutls_priority_set_direct(", "gnutls_priority_init("), NULL},

    /* ==== Thunderbird ====================================================
     * mozilla/releases-comm-central mail/locales/en-US/chrome/messenger/
     * messengercompose/composeMsgs.properties. Already in
     * explain_rules.c: "Sending of the message failed." (a side rule),
     * startTlsFailed's "doesn't advertise", smtpSendTimeout's "timed
     * out"; the certificate dialog's words are NSS's (explain_vocabulary.c). */
    {MXTLS_F_SMTP_BANNER_REJECTED, 2, CLI, P("the mail server sent an incorrect greeting"), NULL},
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("is unknown. the server may be incorrectly configured"), NULL},
    {MXTLS_F_NET_REFUSED, 2, 0, P("the server may be unavailable or is refusing smtp connections"),
     NULL},
    /* NS_ERROR_NET_INTERRUPT, and the catch-all: most often a handshake
     * the server broke off */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0,
     P("was lost in the middle of the transaction",
       "for an unknown reason. please verify that your outgoing server (smtp) settings"), NULL},

    /* ==== Thunderbird for Android (K-9 Mail) =============================
     * thunderbird/thunderbird-android: the certificate error notification
     * and screen (values/strings.xml). They name no reason. Any side: its
     * "connect to" reads as a sending MTA's. */
    {MXTLS_F_CERT_UNTRUSTED, 1, 0,
     P("the app detected a potential security threat and did not continue to connect to"),
     NULL},

    /* ==== swaks ==========================================================
     * jetmore/swaks swaks. Already in explain_rules.c: "Host did not
     * advertise STARTTLS" (as "not advertise starttls"), "TLS startup
     * failed" (a side rule; OpenSSL's reason follows it). */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, TOOL, P("starttls attempted but failed"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, TOOL, P("remote host closed connection unexpectedly"), NULL},
    /* swaks without its TLS module (Net::SSLeay) */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, TOOL, P("tls requested, advertised, and locally unavailable"),
     NULL},
    /* A client that speaks plain SMTP to an implicit-TLS port waits for a
     * greeting that never comes, and the server hangs up: Go's net/smtp
     * and the libraries on it (gomail, go-simple-mail) print that as a
     * bare "EOF" after the call that failed ("smtp dial: EOF"), Ruby's
     * Net::SMTP as "EOFError: end of file reached". A sign in a program's
     * or an MTA's view, a hint where the side is unknown (a server that
     * closes after refusing the greeting reads the same); nothing in a
     * server's log, where an EOF is a client that hung up. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | SEND | TOOL, P(": eof", "end of file reached"),
     NULL},
    /* Go's net/smtp when the connection broke inside StartTLS ("StartTLS:
     * read tcp A->B:25: read: connection reset by peer"): the handshake
     * failed after the server's 220. */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("starttls: read tcp", "starttls: write tcp"), NULL},
    /* Erlang's gen_smtp (Swoosh, Bamboo): {temporary_failure, Host,
     * tls_failed} is its own TLS client failing, since OTP 26 most often
     * for want of the CA certificates and SNI in its tls_options. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, CLI, P("tls_failed"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, P("tls_failed"), NULL},
    /* ... and {network_failure, Host, {error, timeout}} when the socket
     * gave up (gen_smtp_client:try_smtp_sessions), in Elixir's and
     * Erlang's print: a connection or a greeting that never came, as
     * "etimedout" is. */
    {MXTLS_F_NET_TIMEOUT, 2, 0, P("{:error, :timeout}", "{error,timeout}"),
     P("network_failure")},
};
const size_t mxtls__n_mail_vocabulary_rules =
    sizeof mxtls__mail_vocabulary_rules / sizeof mxtls__mail_vocabulary_rules[0];
