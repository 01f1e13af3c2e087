/* Findings from one primary probe: what the connection, the SMTP dialogue,
 * the handshake and the certificate showed. Where the evidence alone cannot
 * name the cause, the rules here ask for follow-up probes: SNI variants
 * after alert 47, one protocol version at a time after a failed handshake,
 * the other TLS mode on a submission port, and the handshake without SNI
 * (mxtls__follow_up(), diagnosis.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "diagnosis.h"
#include "names.h"
#include "mxtls/mxtls.h"

#define ALERT_HANDSHAKE_FAILURE 40
#define ALERT_ILLEGAL_PARAMETER 47
#define ALERT_PROTOCOL_VERSION 70
#define ALERT_INSUFFICIENT_SECURITY 71
#define MIN_DH_BITS 2048
#define SLOW_BANNER_MS 10000
#define EXPIRES_SOON_MS (30LL * 24 * 3600 * 1000)
#define NAMES_TEXT 512

/* The facts every finding of a probe shares. */
static struct mxtls__fact fact_of(const mxtls_probe *p, int32_t code, const char *evidence)
{
    struct mxtls__fact f = {.code = code, .host = p->host ? p->host : p->address,
                            .address = p->address, .port = p->port, .evidence = evidence,
                            .sni = p->sni, .alert = -1};
    return f;
}

static long add(struct mxtls_diagnosis *c, const mxtls_probe *p, int32_t code, int32_t severity,
                const char *evidence)
{
    struct mxtls__fact f = fact_of(p, code, evidence);
    f.severity = severity;
    return mxtls__check_add(c, &f);
}

/* A follow-up probe: the primary's target with another purpose. */
static const mxtls_probe *follow_up(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *primary,
                                    struct mxtls__probe_spec spec)
{
    spec.host = primary->host;
    spec.host_name = primary->host_name;
    spec.address = primary->address;
    spec.host_index = primary->host_index;
    spec.address_index = primary->address_index;
    if (spec.port == 0)
        spec.port = primary->port;
    if (spec.mode == 0)
        spec.mode = primary->mode;
    return mxtls__follow_up(c, &spec);
}

/* ------------------------------------------------------------------------
 * Connect and SMTP
 * ------------------------------------------------------------------------ */

static int other_mode(int32_t mode)
{
    return mode == MXTLS_MODE_IMPLICIT_TLS ? MXTLS_MODE_STARTTLS : MXTLS_MODE_IMPLICIT_TLS;
}

/* A submission port that is silent, or speaks TLS where SMTP was expected
 * (or the reverse): does the other mode work there? */
static int mode_mismatch(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                         const mxtls_probe *p, long symptom)
{
    if (c->profile != MXTLS_PROFILE_SUBMISSION)
        return 0;
    struct mxtls__probe_spec other = {.purpose = MXTLS_PROBE_OTHER_MODE,
                                      .mode = other_mode(spec->mode), .run_tls = 1,
                                      .sni = spec->sni, .sni_default = spec->sni_default};
    const mxtls_probe *o = follow_up(c, spec, other);
    if (!mxtls__tls_ok(o))
        return 0;
    const char *words = spec->mode == MXTLS_MODE_STARTTLS
                            ? "the port speaks implicit TLS (like 465), not STARTTLS"
                            : "the port speaks plaintext SMTP with STARTTLS, not implicit TLS";
    long root = add(c, p, MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH, 0, words);
    mxtls__check_fold(c, symptom, root);
    return 1;
}

static int32_t connect_code(const mxtls_connect_result *r)
{
    switch (r->failure) {
    case MXTLS_CONN_REFUSED: return MXTLS_F_NET_REFUSED;
    case MXTLS_CONN_UNREACHABLE:
    case MXTLS_CONN_ERROR: return MXTLS_F_NET_UNREACHABLE;
    case MXTLS_CONN_TIMEOUT:
        return r->failure_phase == MXTLS_PHASE_TCP ? MXTLS_F_NET_TIMEOUT : MXTLS_F_SMTP_NO_BANNER;
    case MXTLS_CONN_RESET:
    case MXTLS_CONN_EOF:
        return r->banner_code ? MXTLS_F_SMTP_BAD_REPLY : MXTLS_F_SMTP_NO_BANNER;
    case MXTLS_CONN_NOT_SMTP: return MXTLS_F_SMTP_NOT_SMTP;
    case MXTLS_CONN_REJECTED: return MXTLS_F_SMTP_BANNER_REJECTED;
    default: return MXTLS_F_SMTP_BAD_REPLY;
    }
}

/* Returns 1 when the connection failed (nothing more to learn from it). */
static int diagnose_connect(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                            const mxtls_probe *p)
{
    if (p->status == MXTLS_EPOLICY) {
        add(c, p, MXTLS_F_NET_POLICY_REFUSED, 0, "the context's address policy refused it");
        return 1;
    }
    const mxtls_connect_result *r = p->connect;
    if (r == NULL)
        return 1;
    if (r->failure == MXTLS_CONN_OK) {
        if (r->banner_ms > SLOW_BANNER_MS)
            add(c, p, MXTLS_F_SMTP_SLOW_BANNER, 0, r->detail);
        return 0;
    }
    long f = add(c, p, connect_code(r), 0, r->detail);
    /* For implicit TLS only TCP ran here; a silent STARTTLS port may be an
     * implicit-TLS one. */
    int silent_or_tls = r->seen == MXTLS_SEEN_SILENCE || r->seen == MXTLS_SEEN_TLS;
    if (spec->mode == MXTLS_MODE_STARTTLS && silent_or_tls &&
        r->failure_phase == MXTLS_PHASE_BANNER)
        mode_mismatch(c, spec, p, f);
    return 1;
}

/* EHLO's capabilities: STARTTLS offered, masked, or missing. */
static void diagnose_capabilities(struct mxtls_diagnosis *c, const mxtls_probe *p)
{
    const mxtls_capabilities *caps = p->connect->caps;
    if (caps->malformed)
        add(c, p, MXTLS_F_SMTP_BAD_REPLY, MXTLS_SEVERITY_WARNING,
            "the EHLO reply lists capabilities before its greeting line");
    if (p->mode != MXTLS_MODE_STARTTLS || caps->starttls)
        return;
    int32_t severity = mxtls__check_tls_severity(c, 0);
    if (caps->starttls_masked)
        add(c, p, MXTLS_F_SMTP_STARTTLS_MASKED, severity, "an EHLO line reads XXXXXXXA");
    else
        add(c, p, MXTLS_F_SMTP_STARTTLS_MISSING, severity, "EHLO does not offer STARTTLS");
}

/* ------------------------------------------------------------------------
 * The handshake
 * ------------------------------------------------------------------------ */

/* "_dc-mx.0a1b.example.com" -> "dc-mx.0a1b.example.com": the name with
 * every character outside LDH dropped, and labels left empty removed. */
static void ldh_form(const char *name, char *out, size_t size)
{
    size_t n = 0;
    for (const char *s = name; *s && n + 1 < size; s++) {
        int ldh = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                  (*s >= '0' && *s <= '9') || *s == '-';
        if (ldh || (*s == '.' && n > 0 && out[n - 1] != '.'))
            out[n++] = *s;
    }
    while (n > 0 && (out[n - 1] == '.' || out[n - 1] == '-'))
        n--;
    out[n] = '\0';
}

/* Alert 47 on a non-LDH SNI: does the same server answer without SNI, or
 * with an LDH name? Then the name was the problem. */
static int sni_rejected(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                        const mxtls_probe *p)
{
    if (p->tls->alert_received != ALERT_ILLEGAL_PARAMETER || p->sni == NULL ||
        mxtls__name_is_valid(p->sni, 0))
        return 0;
    struct mxtls__probe_spec none = {.purpose = MXTLS_PROBE_NO_SNI, .run_tls = 1};
    int passed = mxtls__tls_ok(follow_up(c, spec, none));
    char ldh[256];
    ldh_form(p->sni, ldh, sizeof ldh);
    if (ldh[0] != '\0') {
        struct mxtls__probe_spec alt = {.purpose = MXTLS_PROBE_LDH_SNI, .sni = ldh, .run_tls = 1};
        passed |= mxtls__tls_ok(follow_up(c, spec, alt));
    }
    if (!passed)
        return 0;
    struct mxtls__fact f = fact_of(p, MXTLS_F_TLS_SNI_REJECTED, p->tls->detail);
    f.alert = ALERT_ILLEGAL_PARAMETER;
    long finding = mxtls__check_add(c, &f);
    /* The rewritten MX name is the cause the admin can fix. */
    mxtls__check_fold(c, finding, mxtls__check_find(c, MXTLS_F_DNS_MX_NON_LDH, p->host, NULL));
    return 1;
}

/* One connection per protocol version: which does the server accept? A
 * bit per version: 1 << (minor - 1) for TLS 1.0 (minor 1) .. 1.3 (minor 4). */
static unsigned versions_accepted(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec)
{
    static const int32_t versions[] = {MXTLS_TLS_1_3, MXTLS_TLS_1_2, MXTLS_TLS_1_1,
                                       MXTLS_TLS_1_0};
    unsigned accepted = 0;
    for (size_t i = 0; i < sizeof versions / sizeof versions[0]; i++) {
        struct mxtls__probe_spec one = {.purpose = MXTLS_PROBE_VERSION, .run_tls = 1,
                                        .tls_version = versions[i], .sni = spec->sni,
                                        .sni_default = spec->sni_default};
        const mxtls_probe *v = follow_up(c, spec, one);
        if (mxtls__tls_ok(v))
            accepted |= 1u << ((versions[i] & 0xff) - 1);
        if (v == NULL)
            break;
    }
    return accepted;
}

#define MODERN_VERSIONS (1u << 2 | 1u << 3) /* TLS 1.2 and 1.3 */

static void handshake_failed(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                             const mxtls_probe *p)
{
    const mxtls_tls_result *t = p->tls;
    if (sni_rejected(c, spec, p))
        return;
    unsigned accepted = versions_accepted(c, spec);
    struct mxtls__fact f = fact_of(p, MXTLS_F_TLS_HANDSHAKE_FAILED, t->detail);
    f.alert = t->alert_received;
    if (accepted != 0 && !(accepted & MODERN_VERSIONS)) {
        /* Who still gets through (Gmail and Postfix offer TLS 1.0,
         * Microsoft 365 never) is the predictions' to say, and the
         * severity follows them. */
        f.code = MXTLS_F_TLS_PROTOCOL_OLD;
    } else if (t->alert_received == ALERT_HANDSHAKE_FAILURE ||
               t->alert_received == ALERT_INSUFFICIENT_SECURITY) {
        f.code = MXTLS_F_TLS_NO_SHARED_CIPHER;
    } else if (t->alert_received >= 0) {
        f.code = MXTLS_F_TLS_ALERT;
    }
    mxtls__check_add(c, &f);
}

/* Implicit TLS on a port that speaks plaintext SMTP shows up here. */
static int implicit_got_smtp(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                             const mxtls_probe *p)
{
    if (spec->mode != MXTLS_MODE_IMPLICIT_TLS || p->tls->seen != MXTLS_SEEN_SMTP)
        return 0;
    long f = add(c, p, MXTLS_F_TLS_HANDSHAKE_FAILED, 0, p->tls->detail);
    if (!mode_mismatch(c, spec, p, f))
        return 0;
    return 1;
}

static void diagnose_tls_failure(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                                 const mxtls_probe *p)
{
    const mxtls_tls_result *t = p->tls;
    const mxtls_capabilities *caps = p->connect ? p->connect->caps : NULL;
    if (t->failure == MXTLS_TLS_STARTTLS_REFUSED) {
        if (caps != NULL && caps->starttls)
            add(c, p, MXTLS_F_SMTP_STARTTLS_REFUSED, mxtls__check_tls_severity(c, 0),
                t->starttls_text);
        return;
    }
    if (implicit_got_smtp(c, spec, p))
        return;
    if (t->failure_phase == MXTLS_PHASE_HANDSHAKE || t->failure == MXTLS_TLS_HANDSHAKE_FAILED) {
        handshake_failed(c, spec, p);
        return;
    }
    /* Banner or EHLO after TLS (or over implicit TLS) went wrong. */
    add(c, p, t->failure == MXTLS_CONN_REJECTED ? MXTLS_F_SMTP_BANNER_REJECTED
                                               : MXTLS_F_SMTP_BAD_REPLY, 0, t->detail);
}

/* ------------------------------------------------------------------------
 * The certificate
 * ------------------------------------------------------------------------ */

/* DANE senders verify this host: its TLSA records for this port are
 * DNSSEC-secure. */
static int host_has_dane(const struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec)
{
    const mxtls_mx_host *h = spec->host;
    return h != NULL && spec->port == c->report->resolve->port && h->n_tlsa > 0 &&
           h->tlsa_lookup != NULL && h->tlsa_lookup->dnssec == MXTLS_DNSSEC_SECURE;
}

static void names_text(const mxtls_verify_result *v, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < v->n_names && n + 4 < size; i++) {
        int w = snprintf(out + n, size - n, "%s%s", i ? ", " : "", v->names[i]);
        if (w < 0 || (size_t)w >= size - n)
            break;
        n += (size_t)w;
    }
}

static void date_text(int64_t ms, char *out, size_t size)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(out, size, "%Y-%m-%d", &tm) == 0)
        snprintf(out, size, "unknown");
}

struct cert_rule {
    uint32_t flag;
    int32_t code;
};

/* Verdict bits in the order a fix would take them. Every bit that makes a
 * chain fail has a finding: a certificate that is not trusted and gets none
 * would read as "no problems" (fail closed). */
static const struct cert_rule cert_rules[] = {
    {MXTLS_VERIFY_SELF_SIGNED, MXTLS_F_CERT_SELF_SIGNED},
    {MXTLS_VERIFY_CHAIN_INCOMPLETE, MXTLS_F_CERT_CHAIN_INCOMPLETE},
    {MXTLS_VERIFY_UNTRUSTED_ROOT, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_VERIFY_UNKNOWN_ISSUER, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_VERIFY_NOT_A_CA, MXTLS_F_CERT_UNTRUSTED},
    {MXTLS_VERIFY_BAD_SIGNATURE, MXTLS_F_CERT_NOT_CHECKED},
    {MXTLS_VERIFY_UNSUPPORTED_CRITICAL_EXT, MXTLS_F_CERT_NOT_CHECKED},
    {MXTLS_VERIFY_MALFORMED, MXTLS_F_CERT_NOT_CHECKED},
    {MXTLS_VERIFY_NO_CERTIFICATE, MXTLS_F_CERT_NOT_CHECKED},
    {MXTLS_VERIFY_OTHER_FAILURE, MXTLS_F_CERT_NOT_CHECKED},
    {MXTLS_VERIFY_EXPIRED, MXTLS_F_CERT_EXPIRED},
    {MXTLS_VERIFY_NOT_YET_VALID, MXTLS_F_CERT_NOT_YET_VALID},
    {MXTLS_VERIFY_NAME_MISMATCH, MXTLS_F_CERT_NAME_MISMATCH},
    {MXTLS_VERIFY_WEAK_KEY, MXTLS_F_CERT_WEAK_KEY},
    {MXTLS_VERIFY_WEAK_SIGNATURE, MXTLS_F_CERT_WEAK_SIGNATURE},
};

static int already_said(const struct mxtls_diagnosis *c, const mxtls_probe *p, int32_t code)
{
    return mxtls__check_find(c, code, p->host ? p->host : p->address, p->address) >= 0;
}

/* A chain that is not trusted, with no rule that says why (a verdict bit
 * the rules above do not know, or none at all): still never "no
 * problems". */
static void not_judged(struct mxtls_diagnosis *c, const mxtls_probe *p, int matched,
                       int32_t severity)
{
    const mxtls_verify_result *v = p->verify;
    if ((v->flags & MXTLS_VERIFY_TRUSTED) || matched ||
        already_said(c, p, MXTLS_F_CERT_NOT_CHECKED))
        return;
    add(c, p, MXTLS_F_CERT_NOT_CHECKED, severity, v->detail);
}

/* The checker's CA store is empty (verify.h, EMPTY_TRUST_STORE): one
 * finding about the environment for the whole check, and at each host a
 * "not checked" folded under it instead of an "untrusted" that blames the
 * server. Returns 1: the trust verdict is accounted for. */
static int trust_not_judged(struct mxtls_diagnosis *c, const mxtls_probe *p,
                            int32_t severity)
{
    long root = mxtls__check_find(c, MXTLS_F_ENV_CA_STORE_EMPTY, NULL, NULL);
    if (root < 0) {
        struct mxtls__fact env = {.code = MXTLS_F_ENV_CA_STORE_EMPTY, .alert = -1,
                                  .evidence = "0 CA certificates in the trust store"};
        root = mxtls__check_add(c, &env);
    }
    if (!already_said(c, p, MXTLS_F_CERT_NOT_CHECKED))
        mxtls__check_fold(c, add(c, p, MXTLS_F_CERT_NOT_CHECKED, severity,
                                 "trust not checked: the checker's CA store holds no "
                                 "certificate"),
                          root);
    return 1;
}

static void cert_findings(struct mxtls_diagnosis *c, const mxtls_probe *p, int32_t severity)
{
    int matched = 0;
    const mxtls_verify_result *v = p->verify;
    char names[NAMES_TEXT], date[32] = "";
    names_text(v, names, sizeof names);
    if (v->n_certs > 0)
        date_text(v->certs[0]->not_after_ms, date, sizeof date);
    if (v->flags & MXTLS_VERIFY_EMPTY_TRUST_STORE)
        matched = trust_not_judged(c, p, severity);
    /* An unknown issuer is what a self-signed leaf or a left-out
     * intermediate looks like: that is the finding, not "untrusted". */
    uint32_t flags = v->flags;
    if (flags & (MXTLS_VERIFY_SELF_SIGNED | MXTLS_VERIFY_CHAIN_INCOMPLETE))
        flags &= ~(MXTLS_VERIFY_UNKNOWN_ISSUER | MXTLS_VERIFY_UNTRUSTED_ROOT);
    for (size_t i = 0; i < sizeof cert_rules / sizeof cert_rules[0]; i++) {
        /* A name or a key size does not explain an untrusted chain. */
        if (!(cert_rules[i].flag & (MXTLS_VERIFY_NAME_MISMATCH | MXTLS_VERIFY_WEAK_KEY)))
            matched |= (flags & cert_rules[i].flag) != 0;
        if (!(flags & cert_rules[i].flag) || already_said(c, p, cert_rules[i].code))
            continue;
        struct mxtls__fact f = fact_of(p, cert_rules[i].code, v->detail);
        /* A weak key alone stops no sender (the chain still verifies):
         * the catalogue's info, whatever the TLS severity of the host. */
        f.severity = cert_rules[i].flag == MXTLS_VERIFY_WEAK_KEY ? 0 : severity;
        f.names = names;
        f.date = date;
        mxtls__check_add(c, &f);
    }
    not_judged(c, p, matched, severity);
    int64_t left = v->n_certs > 0 ? v->certs[0]->not_after_ms - v->now_ms : 0;
    if (!(v->flags & MXTLS_VERIFY_EXPIRED) && v->n_certs > 0 && left < EXPIRES_SOON_MS) {
        struct mxtls__fact f = fact_of(p, MXTLS_F_CERT_EXPIRES_SOON, v->detail);
        f.date = date;
        mxtls__check_add(c, &f);
    }
}

/* "2 certificates, the last issued by CN=...": where the chain stops. */
static const char *chain_as_sent(const mxtls_verify_result *v, char *out, size_t size)
{
    const mxtls_cert_info *top = v->n_certs > 0 ? v->certs[v->n_certs - 1] : NULL;
    snprintf(out, size, "%zu certificate%s, the last issued by %.300s", v->n_certs,
             v->n_certs == 1 ? "" : "s", top != NULL ? top->issuer : "(none)");
    return out;
}

static void dane_findings(struct mxtls_diagnosis *c, const mxtls_probe *p)
{
    const mxtls_verify_result *v = p->verify;
    char evidence[400];
    switch (v->dane) {
    case MXTLS_DANE_MISMATCH:
    case MXTLS_DANE_NAME_MISMATCH:
        add(c, p, MXTLS_F_DANE_MISMATCH, 0, v->detail);
        break;
    case MXTLS_DANE_BOGUS:
    case MXTLS_DANE_LOOKUP_FAILED:
        if (!already_said(c, p, MXTLS_F_DANE_BOGUS) &&
            mxtls__check_find(c, MXTLS_F_DANE_BOGUS, p->host, NULL) < 0)
            add(c, p, MXTLS_F_DANE_BOGUS, 0, v->detail);
        break;
    case MXTLS_DANE_UNUSABLE:
        add(c, p, MXTLS_F_DANE_UNUSABLE, 0, v->detail);
        break;
    case MXTLS_DANE_TA_NOT_SENT:
        add(c, p, MXTLS_F_DANE_TA_NOT_SENT, 0, chain_as_sent(v, evidence, sizeof evidence));
        break;
    case MXTLS_DANE_MATCHED:
        add(c, p, MXTLS_F_DANE_MATCHED, 0, v->detail);
        if (v->dane_usable_records > 0 && v->dane_matching_records == v->dane_usable_records)
            add(c, p, MXTLS_F_DANE_NO_ROLLOVER, 0, v->detail);
        break;
    default:
        break;
    }
}

static int cert_is_good(const mxtls_verify_result *v)
{
    return v != NULL && (v->flags & MXTLS_VERIFY_TRUSTED) &&
           !(v->flags & MXTLS_VERIFY_NAME_MISMATCH);
}

static int same_leaf(const mxtls_verify_result *a, const mxtls_verify_result *b)
{
    return a->n_certs > 0 && b->n_certs > 0 &&
           memcmp(a->certs[0]->sha256, b->certs[0]->sha256, 32) == 0;
}

/* One handshake without SNI per host and port is enough: the addresses of
 * a host serve one configuration, and cert.inconsistent covers the rest.
 * Only the probes before this primary count: its own follow-ups come after
 * it, and the one asked for here is among them. */
static int already_probed_without_sni(const struct mxtls_diagnosis *c,
                                      const struct mxtls__probe_spec *spec)
{
    for (size_t i = 0; i < c->current; i++)
        if (c->probes[i]->purpose == MXTLS_PROBE_NO_SNI &&
            c->probes[i]->host_index == spec->host_index && c->probes[i]->port == spec->port)
            return 1;
    return 0;
}

/* Many MTAs send no SNI: they get the server's default certificate. */
static void default_without_sni(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                                const mxtls_probe *p)
{
    if (c->profile != MXTLS_PROFILE_MX || p->sni == NULL || !cert_is_good(p->verify) ||
        already_probed_without_sni(c, spec))
        return;
    struct mxtls__probe_spec none = {.purpose = MXTLS_PROBE_NO_SNI, .run_tls = 1};
    const mxtls_probe *o = follow_up(c, spec, none);
    if (!mxtls__tls_ok(o) || o->verify == NULL || same_leaf(o->verify, p->verify) ||
        cert_is_good(o->verify))
        return;
    char names[NAMES_TEXT];
    names_text(o->verify, names, sizeof names);
    struct mxtls__fact f = fact_of(p, MXTLS_F_CERT_DEFAULT_WITHOUT_SNI, o->verify->detail);
    f.names = names;
    mxtls__check_add(c, &f);
}

/* The handshake gave a certificate but no verify result came back: the
 * chain is past what senders take, or verify did not run. Never OK. */
static void verify_missing(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                           const mxtls_probe *p)
{
    if (!mxtls__needs_verify(spec, p->tls))
        return;
    int32_t code = spec->unjudged_code ? spec->unjudged_code : MXTLS_F_CERT_NOT_CHECKED;
    const char *why = spec->unjudged_code ? spec->unjudged_why
                                          : "the verify stage gave no result";
    if (!already_said(c, p, code))
        add(c, p, code, 0, why);
}

static void diagnose_tls_success(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                                 const mxtls_probe *p)
{
    const mxtls_tls_result *t = p->tls;
    int dane = host_has_dane(c, spec);
    if (t->version != 0 && t->version < MXTLS_TLS_1_2)
        add(c, p, MXTLS_F_TLS_PROTOCOL_OLD, 0, t->detail);
    if (t->dh_prime_bits > 0 && t->dh_prime_bits < MIN_DH_BITS)
        add(c, p, MXTLS_F_TLS_WEAK_DH, 0, t->detail);
    if (p->verify == NULL) {
        verify_missing(c, spec, p);
        return;
    }
    /* A matching DANE record makes PKIX moot for DANE senders only. */
    int32_t severity = mxtls__check_tls_severity(
        c, dane && p->verify->dane != MXTLS_DANE_MATCHED);
    cert_findings(c, p, severity);
    dane_findings(c, p);
    if (cert_is_good(p->verify) && !already_said(c, p, MXTLS_F_TLS_OK))
        add(c, p, MXTLS_F_TLS_OK, 0, t->detail);
    default_without_sni(c, spec, p);
}

void mxtls__diagnose_probe(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                           const mxtls_probe *p)
{
    if (diagnose_connect(c, spec, p))
        return;
    if (spec->mode != MXTLS_MODE_IMPLICIT_TLS)
        diagnose_capabilities(c, p);
    if (p->tls == NULL)
        return;
    if (p->tls->failure != MXTLS_TLS_OK)
        diagnose_tls_failure(c, spec, p);
    else
        diagnose_tls_success(c, spec, p);
}
