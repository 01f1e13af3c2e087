/* Every name of a value of the public enums, in one file, as c-ares keeps
 * its enum strings together: a renderer or a binding asks for a name
 * without linking the stage that produced the value, a stage that wants a
 * name for its own detail line calls down to here, and a new value is named
 * in one place. Each function returns static text ("unknown" or
 * "UNKNOWN" for a value this release does not know, as each always has).
 *
 * Two kinds of name live elsewhere on purpose: mxtls_status_name and
 * mxtls_strerror come from the one X-macro table of common.h (status.c),
 * and mxtls_alert_name reads the TLS alert table that also holds each
 * alert's meaning (tls/alerts.c). */
#include <stddef.h>
#include <stdint.h>

#include "mxtls/address.h"
#include "mxtls/diagnose.h"
#include "mxtls/resolve.h"
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
    static const char *const names[] = {"none", "insecure", "secure", "bogus"};
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
                                        "lookup-failed"};
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
