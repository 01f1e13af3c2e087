/* The TLS libraries' own error strings, as the libraries spell them: a
 * second table of rules (explain_rules.h), weighed with the hand-written
 * ones of explain_rules.c as one list (explain_match.c).
 *
 * Why a vocabulary: a text pasted from a program mxtls has never seen
 * still carries its TLS library's fixed words. Each block below is one
 * library's table, copied from its source (the repository and file are
 * named above the block), lower-cased and put in the normal form of
 * errtext_norm.h (ASCII quotes, one blank between words); "%s" parts and
 * trailing full stops are left out, so a phrase is what every instance
 * of the message shares.
 *
 * Weights as in explain_rules.c: 3 the string names the cause, 2 a strong
 * sign, 1 a hint. A string several causes can print (a generic "verify
 * failed", a "chain errors" flag) gets 2 or 1, never 3.
 *
 * Where two phrases of different causes overlap, the longer wins across
 * both tables: Python's "certificate verify failed: certificate has
 * expired" is an expired certificate, not the generic failed
 * verification inside it. So a phrase here that contains a shorter
 * phrase of another cause (in either table) takes that cause's place in
 * the text; the test vocabulary_from_library_sources_and_near_misses
 * pins the cases where that matters.
 *
 * Left out on purpose:
 * - TLS alert texts ("tlsv1 alert unknown ca", Go's "remote error: tls:
 *   bad certificate", Java's "Received fatal alert: handshake_failure",
 *   .NET's "sent a TLS alert"): errtext.c reads them into an alert
 *   number and which side sent it, and explain.c weighs an alert by its
 *   sender; a phrase here would weigh it the same from either side.
 * - Strings explain_rules.c already has: each block lists them. A second
 *   copy would count its support twice, and support breaks ties between
 *   equally strong causes (a sender's "unsupported protocol" would turn
 *   from its own setting into an old server); a longer copy would
 *   override the side split several of them have ("wrong version number"
 *   on a server and on a client, SChannel's "do not possess a common
 *   algorithm"). */
#include "explain_rules.h"

#include "mxtls/diagnose.h"

#define P(...) ((const char *const[]){__VA_ARGS__, NULL})
#define SEND SIDE_BIT(MXTLS_SIDE_SENDER)
#define RECV SIDE_BIT(MXTLS_SIDE_RECEIVER)
#define CLI SIDE_BIT(MXTLS_SIDE_CLIENT)
#define TOOL SIDE_BIT(MXTLS_SIDE_TOOL)

const struct mxtls__cause_rule mxtls__vocabulary_rules[] = {
    /* ==== OpenSSL: X509_verify_cert_error_string() ======================
     * openssl/openssl crypto/x509/x509_txt.c (3.x texts; 1.1 spelled
     * "self signed" without the hyphen). Already in explain_rules.c, so
     * not repeated: "certificate has expired", "certificate is not yet
     * valid", "self-signed certificate" (and in certificate chain),
     * "unable to get issuer certificate", "unable to get local issuer
     * certificate", "unable to verify the first certificate", "certificate
     * not trusted", "certificate rejected", "invalid ca certificate",
     * "certificate revoked", "certificate signature failure", "path length
     * constraint exceeded", "certificate chain too long", "unable to get
     * certificate crl", "hostname mismatch", "ip address mismatch", "no
     * matching dane tlsa records", "ee (ca) certificate key too weak", "ca
     * signature digest algorithm too weak". */
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0,
     P("certificate is not yet valid or the system clock is incorrect"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("unable to decrypt certificate's signature", "unable to decode issuer public key",
       "unsuitable certificate purpose", "authority and subject key identifier mismatch"),
     NULL},
    {MXTLS_F_CERT_NOT_CHECKED, 2, 0,
     P("unable to get crl issuer certificate", "ocsp verification needed",
       "no ocsp response available for certificate"), NULL},

    /* ==== OpenSSL: SSL reason strings ===================================
     * openssl/openssl ssl/ssl_err.c (the same texts are in the installed
     * libssl.so.3, OpenSSL 3.0). Already in explain_rules.c, weighed by
     * the side that wrote them: "dh key too small", "bad dh p length",
     * "ee (ca) key too small", "ca md too weak", "no shared cipher", "no
     * shared signature algorithms", "no suitable signature algorithm",
     * "unsupported protocol", "version too low", "no protocols available",
     * "no cipher match", "wrong version number", "unknown protocol",
     * "packet length too long", "http request", "unexpected eof while
     * reading", "certificate verify failed", "inappropriate fallback",
     * "unsafe legacy renegotiation disabled", "no shared groups", "no
     * suitable key share", "no ciphers available". New here: the server's
     * demand for a client certificate, and a key that does not fit its
     * certificate (a receiver then offers no working TLS; a sender has no
     * client certificate to show). */
    {MXTLS_F_TLS_CLIENT_CERT_REQUIRED, 2, 0, P("no certificates returned"), NULL},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 2, RECV, P("private key mismatch"), NULL},
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND | CLI, P("private key mismatch"), NULL},

    /* ==== GnuTLS: gnutls_strerror() =====================================
     * gnutls/gnutls lib/errors.c (the same texts are in the installed
     * libgnutls.so.30). Already in explain_rules.c: "The TLS connection
     * was non-properly terminated." (a failed handshake or a missing
     * close_notify, by the call that failed), "No supported cipher suites
     * have been found.", "No or insufficient priorities were set.",
     * "Insufficient credentials for that request.", "A disallowed SNI
     * server name has been received.", "Error in the pull (push)
     * function.", "A TLS packet with unexpected length was received.". */
    {MXTLS_F_TLS_WEAK_DH, 3, 0,
     P("the diffie-hellman prime sent by the server is not acceptable (not long enough)"),
     NULL},
    {MXTLS_F_TLS_ALERT, 1, 0, P("a tls fatal alert has been received"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0,
     P("a packet with illegal or unsupported version was received",
       "safe renegotiation failed", "unsafe renegotiation denied"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 1, 0,
     P("a connection with inappropriate fallback was attempted"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0, P("could not negotiate a supported cipher suite"),
     NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0,
     P("no supported ecc curves were found", "the curve is unsupported"), NULL},
    /* GNUTLS_E_INSUFFICIENT_SECURITY: an algorithm below the priority
     * string's level, on a mail server most often its DH group or its
     * certificate's key (not alert 71's "insufficient security", whose
     * words it contains). */
    {MXTLS_F_TLS_WEAK_DH, 2, 0,
     P("one of the involved algorithms has insufficient security level"), NULL},
    {MXTLS_F_CERT_WEAK_KEY, 1, 0,
     P("one of the involved algorithms has insufficient security level"), NULL},
    {MXTLS_F_CERT_EXPIRED, 2, 0, P("the session or certificate has expired"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("the certificate is not yet activated"), NULL},
    {MXTLS_F_TLS_SNI_REJECTED, 2, 0, P("the sni host name not recognised"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL,
     P("an unexpected tls packet was received"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, P("peer has terminated the connection"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0,
     P("error in the certificate verification", "could not authenticate peer",
       "key usage violation in certificate has been detected"), NULL},

    /* ==== GnuTLS: gnutls_certificate_verification_status_print() ========
     * gnutls/gnutls lib/cert-session.c ("The certificate is NOT trusted."
     * opens every failed status, so it says nothing on its own; the
     * sentences after it say why). Already in explain_rules.c: "The
     * certificate issuer is unknown.", "The certificate issuer is not a
     * CA.", "The certificate is NOT trusted.". */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("the certificate chain is revoked", "the signature in the certificate is invalid"),
     NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0, P("the certificate chain violates the signer's constraints"),
     NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 3, 0, P("the certificate chain uses insecure algorithm"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("the certificate chain uses not yet valid certificate"),
     NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("the certificate chain uses expired certificate"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("the name in the certificate does not match the expected"),
     NULL},
    {MXTLS_F_CERT_NOT_CHECKED, 3, 0,
     P("the certificate requires the server to include an ocsp status in its response, but "
       "the ocsp status is missing"), NULL},

    /* ==== Go: crypto/x509 and crypto/tls ================================
     * golang/go src/crypto/x509/verify.go (CertificateInvalidError,
     * HostnameError, SystemRootsError), src/crypto/x509/x509.go
     * (InsecureAlgorithmError), src/crypto/tls/handshake_server.go.
     * Already in explain_rules.c: "x509: certificate is valid for",
     * "x509: certificate signed by unknown authority", "tls: first record
     * does not look like a TLS handshake", "tls: server selected
     * unsupported protocol version". */
    /* "x509: certificate has expired or is not yet valid: current time T
     * is after (before) D": the detail says which. */
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("x509: certificate has expired or is not yet valid: current time"), P(" is after ")},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0,
     P("x509: certificate has expired or is not yet valid: current time"), P(" is before ")},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("x509: certificate is not valid for any names",
       "because it doesn't contain any ip sans",
       "x509: certificate relies on legacy common name field"), NULL},
    {MXTLS_F_SENDER_NO_CA_STORE, 3, 0,
     P("x509: failed to load system roots and no roots provided"), NULL},
    /* Go names a SHA-1 or MD5 signature it refuses inside the unknown
     * authority error ("(possibly because of "x509: cannot verify
     * signature: insecure algorithm SHA1-RSA" ...)"): the weak signature
     * is why. */
    {MXTLS_F_CERT_WEAK_SIGNATURE, 3, 0, P("x509: cannot verify signature: insecure algorithm"),
     NULL},
    {MXTLS_F_CERT_CHAIN_TOO_LONG, 2, 0,
     P("x509: too many intermediates for path length constraint"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("x509: issuer name does not match subject from issuing certificate"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0,
     P("x509: certificate is not authorized to sign other certificates",
       "x509: certificate specifies an incompatible key usage"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0,
     P("tls: no cipher suite supported by both client and server"), NULL},

    /* ==== rustls: Error and CertificateError ============================
     * rustls/rustls rustls/src/error.rs (Display: "invalid peer
     * certificate: {:?}", "peer is incompatible: {:?}"; the variants'
     * names, as Debug prints them). Already in explain_rules.c: "invalid
     * peer certificate: Expired", and the bare names UnknownIssuer,
     * NotValidForName, NotValidYet. */
    {MXTLS_F_CERT_UNTRUSTED, 3, 0, P("invalid peer certificate: unknownissuer"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("invalid peer certificate: badsignature"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0, P("invalid peer certificate: unhandledcriticalextension"),
     NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("invalid peer certificate: notvalidforname"), NULL},
    /* webpki's Error::CaUsedAsEndEntity (rustls/webpki src/error.rs), which
     * rustls wraps as Other(OtherError(...)): the server's own certificate
     * says CA:TRUE, as `openssl req -x509` makes a self-signed one. */
    {MXTLS_F_CERT_SELF_SIGNED, 3, 0, P("causedasendentity"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("invalid peer certificate: notvalidyet"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0, P("peer is incompatible: nociphersuitesincommon"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0,
     P("peer is incompatible: nokxgroupsincommon",
       "peer is incompatible: nosignatureschemesincommon"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 3, 0, P("peer is incompatible: serverdoesnotsupporttls12or13"),
     NULL},
    /* rustls reading a plain "220" greeting as a record: "received
     * corrupt message", and older releases' bare CorruptMessage and
     * InvalidContentType as Rust's Debug form prints them. */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, CLI | TOOL,
     P("received corrupt message", "error: corruptmessage }", "invalidcontenttype"), NULL},
    /* tokio-rustls (rustls/tokio-rustls src/common/handshake.rs): the
     * other end closed the connection before the handshake completed,
     * UnexpectedEof "tls handshake eof" (Stalwart, lettre, Rust clients). */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 2, 0, P("tls handshake eof"), NULL},

    /* ==== Erlang/OTP: ssl and public_key ================================
     * erlang/otp lib/ssl/src/ssl_certificate.erl (verify_hostname's
     * {bad_cert, hostname_check_failed}) and lib/public_key/src/
     * pubkey_cert.erl (validate_time's {bad_cert, cert_expired}): the
     * reasons a verify fun gets, which Erlang and Elixir (with a ':'
     * before each atom) print as they are. Already in explain_rules.c:
     * "unknown_ca", "cert_revoked", and "selfsigned", inside
     * selfsigned_peer. */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("hostname_check_failed"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("cert_expired"), NULL},

    /* ==== OpenJDK: sun.security.* =======================================
     * openjdk/jdk src/java.base/share/classes/sun/security/:
     * util/HostnameChecker.java, x509/CertificateValidity.java
     * ("NotAfter: ", "NotBefore: "), provider/certpath/AlgorithmChecker.java
     * and util/DisabledAlgorithmConstraints.java ("Algorithm constraints
     * check failed on ..."), ssl/ServerHello.java. Already in
     * explain_rules.c: "PKIX path building failed", "unable to find valid
     * certification path to requested target", "No appropriate protocol
     * (protocol is disabled or cipher suites are inappropriate)" (split by
     * side), "No subject alternative DNS name matching", "No subject
     * alternative names present", "No name matching", "Unsupported or
     * unrecognized SSL message", "validity check failed". */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("no subject alternative names matching ip address"),
     NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("certificateexpiredexception: notafter:"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("certificatenotyetvalidexception: notbefore:"), NULL},
    {MXTLS_F_CERT_WEAK_KEY, 3, 0, P("algorithm constraints check failed on keysize limits"), NULL},
    {MXTLS_F_CERT_WEAK_KEY, 2, 0,
     P("algorithm constraints check failed on disabled public key algorithm"), NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 3, 0,
     P("algorithm constraints check failed on signature algorithm",
       "algorithm constraints check failed on disabled signature algorithm"), NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 1, 0, P("algorithm constraints check failed on"), NULL},
    /* Java 11 on refuses TLS 1.0 and 1.1 ("The server selected protocol
     * version TLS10 is not accepted by client preferences [TLS13, TLS12]"). */
    {MXTLS_F_TLS_PROTOCOL_OLD, 3, 0, P("is not accepted by client preferences"),
     P("the server selected protocol version")},

    /* ==== .NET: System.Net.Security ======================================
     * dotnet/runtime src/libraries/System.Net.Security/src/Resources/
     * Strings.resx (net_ssl_io_cert_validation: "The remote certificate is
     * invalid according to the validation procedure: {0}", where {0} is
     * the SslPolicyErrors; net_ssl_io_frame; net_ssl_io_cert_custom_validation)
     * and the X509ChainStatusFlags names (src/libraries/System.Security.
     * Cryptography/.../X509ChainStatusFlags.cs). */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("invalid according to the validation procedure: remotecertificatenamemismatch"), NULL},
    /* Chain errors are any failed chain: expired, self-signed, untrusted. */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("invalid according to the validation procedure: remotecertificatechainerrors"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("the remote certificate was rejected by remotecertificatevalidationcallback"), NULL},
    /* System.Net's WebException of status TrustFailure (HttpWebRequest,
     * WebClient, and EWS on top of them): "Could not establish trust
     * relationship for the SSL/TLS secure channel". It says no more than
     * that the validation above failed, for any of its reasons. */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("could not establish trust relationship for the ssl/tls secure channel"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL,
     P("the handshake failed due to an unexpected packet format"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("notsignaturevalid", "explicitdistrust"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0, P("notvalidforusage"), NULL},

    /* ==== Python: ssl ====================================================
     * python/cpython Modules/_ssl.c (fill_and_set_sslerror: "[%S: %S] %s:
     * %S (_ssl.c:%d)", the verify message after "certificate verify
     * failed", its own for a name). A reason after the generic words says
     * why, and wins over them. */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("certificate verify failed: hostname mismatch, certificate is not valid for",
       "certificate verify failed: ip address mismatch, certificate is not valid for"),
     NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("certificate verify failed: certificate has expired"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("certificate verify failed: certificate is not yet valid"),
     NULL},
    {MXTLS_F_CERT_SELF_SIGNED, 3, 0,
     P("certificate verify failed: self-signed certificate",
       "certificate verify failed: self signed certificate"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("certificate verify failed: self-signed certificate in certificate chain",
       "certificate verify failed: self signed certificate in certificate chain"), NULL},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 3, 0,
     P("certificate verify failed: unable to verify the first certificate"), NULL},
    {MXTLS_F_CERT_WEAK_KEY, 3, 0,
     P("certificate verify failed: ee certificate key too weak",
       "certificate verify failed: ca certificate key too weak"), NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 3, 0,
     P("certificate verify failed: ca signature digest algorithm too weak"), NULL},

    /* ==== Mbed TLS =======================================================
     * Mbed-TLS/mbedtls library/error.c (mbedtls_strerror()) and
     * include/mbedtls/x509_crt.h (MBEDTLS_X509_CRT_ERROR_INFO_LIST, what
     * mbedtls_x509_crt_verify_info() prints). */
    /* MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, "X509 - Certificate verification
     * failed, e.g. CRL, CA or signature check failed", from its tail: the
     * whole string would hide explain_rules.c's reading of "certificate
     * verification failed" by a sender with no CA store (ESP32 boards
     * must be given their root). */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("e.g. crl, ca or signature check failed"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0, P("the certificate is not correctly signed by the trusted ca"),
     NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("the certificate has been revoked (is on a crl)"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("the certificate validity has expired"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P("the certificate validity starts in the future"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("the certificate common name (cn) does not match with the expected cn"), NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 3, 0, P("the certificate is signed with an unacceptable hash"),
     NULL},
    {MXTLS_F_CERT_WEAK_KEY, 3, 0, P("the certificate is signed with an unacceptable key"), NULL},
    {MXTLS_F_CERT_WEAK_KEY, 2, 0, P("the certificate is signed with an unacceptable pk alg"),
     NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0,
     P("ssl - the server has no ciphersuites in common with the client"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0, P("ssl - handshake protocol not within min/max boundaries"),
     NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI | TOOL, P("ssl - an invalid ssl record was received"),
     NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0,
     P("ssl - the connection indicated an eof", "ssl - the handshake negotiation failed"),
     NULL},

    /* ==== Mozilla NSS ====================================================
     * nss-dev/nss lib/util/SECerrs.h and lib/ssl/SSLerrs.h (the texts and
     * names, as in the installed libnssutil3.so and libssl3.so). */
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("peer's certificate has expired", "the certificate issuer's certificate has expired"),
     NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("peer's certificate issuer is not recognized",
       "peer's certificate issuer has been marked as not trusted by the user",
       "peer's certificate has been marked as not trusted by the user"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, P("issuer certificate is invalid"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("requested domain name does not match the server's certificate"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0,
     P("cannot communicate securely with peer: no common encryption algorithm(s)"), NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0,
     P("server requires ciphers more secure than those supported by client"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0,
     P("peer using unsupported version of security protocol",
       "peer reports incompatible or unsupported protocol version"), NULL},
    /* The second is the peer's protocol_version alert, received: as
     * explain_rules.c reads that alert, the connecting side's own setting
     * as much as an old server. */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND | CLI,
     P("peer reports incompatible or unsupported protocol version"), NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, CLI | TOOL,
     P("ssl received a record that exceeded the maximum permissible length"), NULL},
    {MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH, 2, SEND | RECV | TOOL,
     P("ssl received a record that exceeded the maximum permissible length"), NULL},
    {MXTLS_F_TLS_WEAK_DH, 3, 0,
     P("ssl received a weak ephemeral diffie-hellman key in server key exchange handshake "
       "message"), NULL},
    {MXTLS_F_CERT_WEAK_KEY, 3, 0,
     P("the server certificate included a public key that was too weak",
       "ssl_error_weak_server_cert_key"), NULL},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 3, 0,
     P("the certificate was signed using a signature algorithm that is disabled because it is "
       "not secure",
       "sec_error_cert_signature_algorithm_disabled"), NULL},

    /* ==== Windows SChannel and CryptoAPI =================================
     * winerror.h message texts (SEC_E_*, CERT_E_*), as the Windows SDK
     * ships them. Already in explain_rules.c: "The target principal name
     * is incorrect.", "The message received was unexpected or badly
     * formatted.", "The client and server cannot communicate, because
     * they do not possess a common algorithm." (split by side), "A
     * certificate chain processed, but terminated in a root certificate
     * which is not trusted by the trust provider.", "A certificate chain
     * could not be built to a trusted root authority.", "The revocation
     * function was unable to check revocation because the revocation
     * server was offline.", "The token supplied to the function is
     * invalid", and the HRESULTs. */
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("the received certificate has expired",
       "a required certificate is not within its validity period"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("the certificate's cn name does not match the passed value"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("the certificate chain was issued by an authority that is not trusted"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0,
     P("an unknown error occurred while processing the certificate"), NULL},
    /* SEC_E_UNSUPPORTED_FUNCTION: what SChannel returns when the two
     * sides share no protocol version it has enabled. */
    {MXTLS_F_TLS_PROTOCOL_OLD, 1, 0, P("the function requested is not supported"), NULL},

    /* ==== Apple Security framework =======================================
     * SecureTransport.h (errSSL* names), SecTrust.h (SecTrustResultType),
     * and the Keychain and Mail strings for them ("The certificate for
     * this server has expired. You might be connecting to a server that
     * is pretending to be ..."). */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("errsslhostnamemismatch", "the certificate hostname does not match"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("errsslcertexpired", "the certificate for this server has expired"), NULL},
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0,
     P("errsslcertnotyetvalid", "the certificate for this server is not yet valid"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0, P("errsslunknownrootcert"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P("errsslnorootcert", "errsslxcertchaininvalid",
       "there is no root certificate for this server"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 1, 0,
     P("the certificate for this server is invalid", "ksectrustresultrecoverabletrustfailure",
       "ksectrustresultfataltrustfailure"), NULL},
    {MXTLS_F_TLS_WEAK_DH, 3, 0, P("errsslweakpeerephemeraldhkey"), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0, P("errsslpeerprotocolversion"), NULL},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, P("errsslclosedabort"), NULL},
    /* The same errors by their OSStatus numbers, as CFNetwork and
     * NSError print them ("CFNetwork SSLHandshake failed (-9801)",
     * "_kCFStreamErrorCodeKey=-9813,", "Code=-9806 \"(null)\""): closed on
     * both sides, so that a longer number is not read as one. */
#define OSSTATUS(n) "(" n ")", "=" n ",", "=" n "}", "=" n ")", "=" n " "
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0, P(OSSTATUS("-9801")), NULL}, /* errSSLNegotiation */
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, P(OSSTATUS("-9806")), NULL}, /* errSSLClosedAbort */
    {MXTLS_F_CERT_UNTRUSTED, 2, 0,
     P(OSSTATUS("-9807"), OSSTATUS("-9813")), NULL}, /* errSSLXCertChainInvalid, NoRootCert */
    {MXTLS_F_CERT_UNTRUSTED, 3, 0, P(OSSTATUS("-9812")), NULL}, /* errSSLUnknownRootCert */
    {MXTLS_F_CERT_EXPIRED, 3, 0, P(OSSTATUS("-9814")), NULL},   /* errSSLCertExpired */
    {MXTLS_F_CERT_NOT_YET_VALID, 3, 0, P(OSSTATUS("-9815")), NULL}, /* errSSLCertNotYetValid */
    /* errSSLPeerHandshakeFail: the server's handshake_failure alert */
    {MXTLS_F_TLS_ALERT, 2, 0, P(OSSTATUS("-9824")), NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0, P(OSSTATUS("-9836")), NULL}, /* errSSLPeerProtocolVersion */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P(OSSTATUS("-9843")), NULL}, /* errSSLHostNameMismatch */
    {MXTLS_F_TLS_WEAK_DH, 3, 0, P(OSSTATUS("-9850")), NULL}, /* errSSLWeakPeerEphemeralDHKey */
#undef OSSTATUS

    /* ==== Microsoft 365 / Exchange Online: SMTP DANE NDRs ================
     * MicrosoftDocs: "Email non-delivery reports and SMTP errors in
     * Exchange Online" and "How SMTP DANE works" (4/5.7.321 to 4/5.7.325,
     * the RFC 8460 result type, then the description). */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 3, 0,
     P("starttls-not-supported: destination mail server must support tls to receive mail"),
     NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("certificate-expired: destination mail server's certificate is expired",
       "certificate-expired: destination mail server's certificate has expired"), NULL},
    {MXTLS_F_DANE_MISMATCH, 3, 0, P("tlsa-invalid: the domain failed dane validation"), NULL},
    {MXTLS_F_DANE_BOGUS, 3, 0,
     P("dnssec-invalid: destination domain returned invalid dnssec records"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("certificate-host-mismatch: remote certificate must have a common name or subject "
       "alternative name matching the hostname (dane)"), NULL},
    {MXTLS_F_DANE_MISMATCH, 1, 0,
     P("certificate-host-mismatch: remote certificate must have a common name or subject "
       "alternative name matching the hostname (dane)"), NULL},
    /* The codes alone, when the words were cut off: as a reply writes
     * them ("550 5.7.321 ...") or the documentation does ("4/5.7.321"),
     * never inside a longer figure (a version "15.7.3210"). */
    {MXTLS_F_SMTP_STARTTLS_MISSING, 2, 0, P(" 5.7.321 ", " 4.7.321 ", "/5.7.321 "), NULL},
    {MXTLS_F_CERT_EXPIRED, 2, 0, P(" 5.7.322 ", " 4.7.322 ", "/5.7.322 "), NULL},
    {MXTLS_F_DANE_MISMATCH, 2, 0, P(" 5.7.323 ", " 4.7.323 ", "/5.7.323 "), NULL},
    {MXTLS_F_DANE_BOGUS, 2, 0, P(" 5.7.324 ", " 4.7.324 ", "/5.7.324 "), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 2, 0, P(" 5.7.325 ", " 4.7.325 ", "/5.7.325 "), NULL},
};
const size_t mxtls__n_vocabulary_rules =
    sizeof mxtls__vocabulary_rules / sizeof mxtls__vocabulary_rules[0];
