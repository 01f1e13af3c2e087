/* Every name of a value of the public enums, in one file, as c-ares keeps
 * its enum strings together: a renderer or a binding asks for a name
 * without linking the stage that produced the value, a stage that wants a
 * name for its own detail line calls down to here, and a new value is named
 * in one place. The exported mxtls_*_name() come first, then the names the
 * report's JSON and text use for values that have no exported name function
 * (enum_names.h). Each function returns static text ("unknown", or
 * "UNKNOWN" for a DNS outcome, for a value this release does not know).
 *
 * Two kinds of name live elsewhere on purpose: mxtls_status_name and
 * mxtls_strerror come from the one X-macro table of common.h (status.c),
 * and mxtls_alert_name reads the TLS alert table that also holds each
 * alert's meaning (tls/alerts.c). */
#include "enum_names.h"

#include <stddef.h>

#include "mxtls/address.h"
#include "mxtls/connect.h"
#include "mxtls/diagnose.h"
#include "mxtls/resolve.h"
#include "mxtls/starttls.h"
#include "mxtls/verify.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* names[value], or `unknown` for a value outside the table or a hole (NULL). */
static const char *name_at(const char *const *names, size_t n, int32_t value,
                           const char *unknown)
{
    return value >= 0 && (size_t)value < n && names[value] ? names[value] : unknown;
}

/* ---- address.h ---------------------------------------------------------- */

const char *mxtls_scope_name(int32_t scope)
{
    static const char *const names[] = {NULL, "public", "private", "loopback",
                                        "link-local", "multicast", "reserved"};
    return name_at(names, COUNT(names), scope, "unknown");
}

const char *mxtls_dnssec_name(int32_t dnssec)
{
    static const char *const names[] = {"none", "insecure", "secure", "bogus",
                                        "indeterminate"};
    return name_at(names, COUNT(names), dnssec, "unknown");
}

/* ---- resolve.h ---------------------------------------------------------- */

const char *mxtls_dns_outcome_name(int32_t outcome)
{
    static const char *const names[] = {"NOERROR", "NXDOMAIN", "NODATA", "SERVFAIL",
                                        "TIMEOUT", "ERROR", "SKIPPED"};
    return name_at(names, COUNT(names), outcome, "UNKNOWN");
}

/* ---- verify.h ----------------------------------------------------------- */

/* One MXTLS_VERIFY_* bit; a value with no bit or several is "unknown". */
const char *mxtls_verify_flag_name(uint32_t flag)
{
    static const char *const names[] = {
        "trusted", "self-signed", "unknown-issuer", "chain-incomplete",
        "untrusted-root", "name-mismatch", "expired", "not-yet-valid",
        "weak-key", "weak-signature", "not-a-ca", "unsupported-critical-extension",
        "bad-signature", "no-certificate", "malformed", "other-failure",
        "empty-trust-store",
    };
    for (size_t i = 0; i < COUNT(names); i++)
        if (flag == (uint32_t)1 << i)
            return names[i];
    return "unknown";
}

const char *mxtls_dane_outcome_name(int32_t outcome)
{
    static const char *const names[] = {"no-tlsa", "insecure", "bogus", "matched",
                                        "mismatch", "unusable", "name-mismatch",
                                        "lookup-failed", "not-checked", "ta-not-sent"};
    return name_at(names, COUNT(names), outcome, "unknown");
}

const char *mxtls_mtasts_outcome_name(int32_t outcome)
{
    static const char *const names[] = {"not-checked", "no-policy", "txt-multiple",
                                        "txt-invalid", "fetch-failed", "webpki-invalid",
                                        "invalid-policy", "policy"};
    return name_at(names, COUNT(names), outcome, "unknown");
}

/* ---- diagnose.h --------------------------------------------------------- */

const char *mxtls_severity_name(int32_t severity)
{
    static const char *const names[] = {NULL, "info", "warning", "error"};
    return name_at(names, COUNT(names), severity, "unknown");
}

const char *mxtls_profile_name(int32_t profile)
{
    static const char *const names[] = {NULL, "mx", "submission"};
    return name_at(names, COUNT(names), profile, "unknown");
}

const char *mxtls_verdict_name(int32_t verdict)
{
    static const char *const names[] = {"ok", NULL, "warning", "error"};
    return name_at(names, COUNT(names), verdict, "unknown");
}

const char *mxtls_probe_purpose_name(int32_t purpose)
{
    static const char *const names[] = {NULL,      "primary",    "no-sni",    "ldh-sni",
                                        "version", "other-mode", "other-port"};
    return name_at(names, COUNT(names), purpose, "unknown");
}

const char *mxtls_about_name(int32_t about)
{
    static const char *const names[] = {"target", "environment"};
    return name_at(names, COUNT(names), about, "unknown");
}

/* ---- senders.h ---------------------------------------------------------- */

const char *mxtls_delivery_name(int32_t outcome)
{
    static const char *const names[] = {"unknown", "tls", "plaintext", "defers", "bounces"};
    return name_at(names, COUNT(names), outcome, "unknown");
}

/* ---- names without an exported function (enum_names.h) ------------------ */

const char *mxtls__resolver_health_name(int32_t health)
{
    static const char *const names[] = {"unknown", "dnssec", "no-dnssec", "silent",
                                        "denies"};
    return name_at(names, COUNT(names), health, "unknown");
}

const char *mxtls__recursion_name(int32_t recursion)
{
    static const char *const names[] = {"unknown", "possible", "blocked"};
    return name_at(names, COUNT(names), recursion, "unknown");
}

const char *mxtls__side_name(int32_t side)
{
    static const char *const names[] = {"unknown", "sender", "receiver", "client", "tool"};
    return name_at(names, COUNT(names), side, "unknown");
}

const char *mxtls__text_source_name(int32_t source)
{
    static const char *const names[] = {"unknown", "gmail", "boringssl", "openssl",
                                        "postfix", "exim",  "gnutls"};
    return name_at(names, COUNT(names), source, "unknown");
}

const char *mxtls__peer_name(int32_t peer)
{
    static const char *const names[] = {"unknown", "server", "client"};
    return name_at(names, COUNT(names), peer, "unknown");
}

const char *mxtls__stage_name(int32_t stage)
{
    static const char *const names[] = {"none", "resolve", "connect", "starttls", "verify"};
    return name_at(names, COUNT(names), stage, "unknown");
}

const char *mxtls__mode_name(int32_t mode)
{
    static const char *const names[] = {NULL, "starttls", "implicit-tls", "plain"};
    return name_at(names, COUNT(names), mode, "unknown");
}

const char *mxtls__tls_version_name(int32_t version)
{
    switch (version) {
    case MXTLS_TLS_1_0:
        return "TLSv1.0";
    case MXTLS_TLS_1_1:
        return "TLSv1.1";
    case MXTLS_TLS_1_2:
        return "TLSv1.2";
    case MXTLS_TLS_1_3:
        return "TLSv1.3";
    default:
        return "unknown";
    }
}

/* MXTLS_CONN_*, and the two MXTLS_TLS_* failures a TLS result adds. */
const char *mxtls__conn_failure_name(int32_t failure)
{
    static const char *const names[] = {"ok",      "refused",     "timeout",  "reset",
                                        "eof",     "unreachable", "not-smtp", "protocol",
                                        "rejected", "error",      "tls"};
    if (failure == MXTLS_TLS_STARTTLS_REFUSED)
        return "starttls-refused";
    if (failure == MXTLS_TLS_HANDSHAKE_FAILED)
        return "handshake-failed";
    return name_at(names, COUNT(names), failure, "unknown");
}

const char *mxtls__phase_name(int32_t phase)
{
    static const char *const names[] = {"none",     "tcp",       "banner",   "ehlo", "helo",
                                        "starttls", "handshake", "ehlo-tls", "quit"};
    return name_at(names, COUNT(names), phase, "unknown");
}

const char *mxtls__conn_seen_name(int32_t seen)
{
    static const char *const names[] = {"nothing", "silence", "http", "tls",
                                        "binary",  "text",    "smtp"};
    return name_at(names, COUNT(names), seen, "unknown");
}

const char *mxtls__conn_reply_error_name(int32_t error)
{
    static const char *const names[] = {"ok",         "line-too-long", "too-many-lines",
                                        "too-big",    "bad-syntax",    "code-mismatch",
                                        "nul"};
    return name_at(names, COUNT(names), error, "unknown");
}

const char *mxtls__mtasts_mode_name(int32_t mode)
{
    static const char *const names[] = {"unknown", "none", "testing", "enforce"};
    return name_at(names, COUNT(names), mode, "unknown");
}

const char *mxtls__mtasts_fetch_error_name(int32_t error)
{
    static const char *const names[] = {"ok",       "no-address",  "address-refused",
                                        "connect",  "timeout",     "tls",
                                        "redirect", "http-status", "content-type",
                                        "too-large", "other"};
    return name_at(names, COUNT(names), error, "unknown");
}

const char *mxtls__mx_flag_name(unsigned bit)
{
    static const char *const names[] = {"cname",      "ip-literal", "non-ldh", "cdn-origin",
                                        "no-address", "implicit",   "limited"};
    return bit < COUNT(names) ? names[bit] : "unknown";
}
