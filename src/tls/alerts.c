#include "alerts.h"

#include <stddef.h>

#include "mxtls/diagnose.h"

struct alert_info {
    int32_t number;
    const char *name;
    const char *meaning;
};

/* RFC 8446 section 6, plus the TLS 1.2-and-earlier alerts senders still see. */
static const struct alert_info alerts[] = {
    {0, "close_notify", "the side closed the TLS connection normally"},
    {10, "unexpected_message", "a message arrived out of order, often a middlebox or a "
                               "server that is not speaking TLS where TLS was expected"},
    {20, "bad_record_mac", "a record failed its integrity check: a broken middlebox, or "
                           "a TLS library bug"},
    {21, "decryption_failed", "a record could not be decrypted (obsolete alert)"},
    {22, "record_overflow", "a record was larger than allowed"},
    {30, "decompression_failure", "compressed data could not be decompressed (obsolete)"},
    {40, "handshake_failure", "the two sides could not agree on a protocol version, cipher "
                              "suite or key exchange; often an old server with no modern "
                              "cipher suites, or a server that accepts only DHE"},
    {41, "no_certificate", "no certificate was sent (SSLv3 only)"},
    {42, "bad_certificate", "the verifying side rejected the certificate it was shown"},
    {43, "unsupported_certificate", "the certificate is of a type the verifying side does "
                                    "not support"},
    {44, "certificate_revoked", "the certificate was revoked by its issuer"},
    {45, "certificate_expired", "the verifying side found the certificate expired or not "
                                "yet valid"},
    {46, "certificate_unknown", "the verifying side rejected the certificate for another "
                                "reason, such as a name mismatch"},
    {47, "illegal_parameter", "a field of the handshake was refused; on mail servers this "
                              "is most often a GnuTLS-based server (Exim on Debian or cPanel) "
                              "refusing an SNI name that holds a character other than letters, "
                              "digits, '.' and '-', such as the underscore in a CDN's "
                              "_dc-mx origin name"},
    {48, "unknown_ca", "the verifying side does not trust the certificate's issuer: a "
                       "self-signed certificate, a private CA, or a missing intermediate"},
    {49, "access_denied", "the handshake was refused by policy"},
    {50, "decode_error", "a handshake message could not be decoded; often a middlebox "
                         "mangling a large or unusual ClientHello"},
    {51, "decrypt_error", "a signature or key exchange check failed"},
    {60, "export_restriction", "an export-grade setting was refused (obsolete)"},
    {70, "protocol_version", "the server supports none of the TLS versions offered: it "
                             "accepts only old versions (SSLv3, TLS 1.0 or 1.1) that modern "
                             "senders no longer offer"},
    {71, "insufficient_security", "the server requires stronger (or different) cipher "
                                  "suites than were offered"},
    {80, "internal_error", "the side that sent it hit an internal error, often a "
                           "certificate or key file it could not load"},
    {86, "inappropriate_fallback", "a version fallback was refused"},
    {90, "user_canceled", "the handshake was cancelled"},
    {100, "no_renegotiation", "renegotiation was refused"},
    {109, "missing_extension", "a required TLS extension was missing"},
    {110, "unsupported_extension", "an extension was sent that was not offered"},
    {111, "certificate_unobtainable", "a certificate could not be fetched (obsolete)"},
    {112, "unrecognized_name", "the server has no certificate for the SNI name it was sent"},
    {113, "bad_certificate_status_response", "an OCSP response was invalid"},
    {114, "bad_certificate_hash_value", "a certificate hash did not match (obsolete)"},
    {115, "unknown_psk_identity", "a pre-shared key was not recognised"},
    {116, "certificate_required", "a certificate was required but none was sent"},
    {120, "no_application_protocol", "no ALPN protocol was acceptable"},
};

static const struct alert_info *find(int32_t alert)
{
    for (size_t i = 0; i < sizeof alerts / sizeof alerts[0]; i++)
        if (alerts[i].number == alert)
            return &alerts[i];
    return NULL;
}

const char *mxtls_alert_name(int32_t alert)
{
    const struct alert_info *a = find(alert);
    return a ? a->name : NULL;
}

const char *mxtls__alert_meaning(int32_t alert)
{
    const struct alert_info *a = find(alert);
    return a ? a->meaning : NULL;
}

int mxtls__alert_is_certificate_rejection(int32_t alert)
{
    return (alert >= 42 && alert <= 46) || alert == 48;
}
