/* The findings catalogue: every finding code has complete, well-formed text,
 * its id and number are the ones the API promises, and the templates expand
 * to readable English whether or not the facts are known. Linked with the
 * internal build, since the catalogue itself is not exported. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "../src/check/diagnosis.h"
#include "../src/core/alloc.h"
#include "../src/diagnose/catalog.h"
#include "../src/diagnose/finding.h"
#include "../src/diagnose/template.h"
#include "../src/report/report.h"
#include "testlib.h"

/* Every code diagnose.h declares, with the id and number its comment
 * promises. Bindings and saved JSON reports rely on both. */
static const struct {
    int32_t code;
    int32_t number;
    const char *id;
} codes[] = {
    {MXTLS_F_DNS_NXDOMAIN, 101, "dns.nxdomain"},
    {MXTLS_F_DNS_SERVFAIL, 102, "dns.servfail"},
    {MXTLS_F_DNS_NULL_MX, 103, "dns.null-mx"},
    {MXTLS_F_DNS_NO_MX, 104, "dns.no-mx"},
    {MXTLS_F_DNS_MX_CNAME, 105, "dns.mx-cname"},
    {MXTLS_F_DNS_MX_IP_LITERAL, 106, "dns.mx-ip-literal"},
    {MXTLS_F_DNS_MX_NO_ADDRESS, 107, "dns.mx-no-address"},
    {MXTLS_F_DNS_MX_NON_LDH, 108, "dns.mx-non-ldh"},
    {MXTLS_F_DNS_DNSSEC_BOGUS, 109, "dns.dnssec-bogus"},
    {MXTLS_F_DNS_TIMEOUT, 110, "dns.timeout"},
    {MXTLS_F_NET_PROXIED, 201, "net.proxied"},
    {MXTLS_F_NET_REFUSED, 202, "net.refused"},
    {MXTLS_F_NET_TIMEOUT, 203, "net.timeout"},
    {MXTLS_F_NET_UNREACHABLE, 204, "net.unreachable"},
    {MXTLS_F_NET_FAMILY_MISMATCH, 205, "net.family-mismatch"},
    {MXTLS_F_NET_EGRESS_BLOCKED, 206, "net.egress-blocked"},
    {MXTLS_F_NET_POLICY_REFUSED, 207, "net.policy-refused"},
    {MXTLS_F_SMTP_NO_BANNER, 301, "smtp.no-banner"},
    {MXTLS_F_SMTP_BANNER_REJECTED, 302, "smtp.banner-rejected"},
    {MXTLS_F_SMTP_NOT_SMTP, 303, "smtp.not-smtp"},
    {MXTLS_F_SMTP_BAD_REPLY, 304, "smtp.bad-reply"},
    {MXTLS_F_SMTP_STARTTLS_MISSING, 305, "smtp.starttls-missing"},
    {MXTLS_F_SMTP_STARTTLS_MASKED, 306, "smtp.starttls-masked"},
    {MXTLS_F_SMTP_STARTTLS_REFUSED, 307, "smtp.starttls-refused"},
    {MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH, 308, "smtp.implicit-tls-mismatch"},
    {MXTLS_F_SMTP_SLOW_BANNER, 309, "smtp.slow-banner"},
    {MXTLS_F_TLS_ALERT, 401, "tls.alert"},
    {MXTLS_F_TLS_SNI_REJECTED, 402, "tls.sni-rejected"},
    {MXTLS_F_TLS_PROTOCOL_OLD, 403, "tls.protocol-old"},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 404, "tls.no-shared-cipher"},
    {MXTLS_F_TLS_WEAK_DH, 405, "tls.weak-dh"},
    {MXTLS_F_TLS_HANDSHAKE_FAILED, 406, "tls.handshake-failed"},
    {MXTLS_F_CERT_SELF_SIGNED, 501, "cert.self-signed"},
    {MXTLS_F_CERT_UNTRUSTED, 502, "cert.untrusted"},
    {MXTLS_F_CERT_CHAIN_INCOMPLETE, 503, "cert.chain-incomplete"},
    {MXTLS_F_CERT_NAME_MISMATCH, 504, "cert.name-mismatch"},
    {MXTLS_F_CERT_EXPIRED, 505, "cert.expired"},
    {MXTLS_F_CERT_EXPIRES_SOON, 506, "cert.expires-soon"},
    {MXTLS_F_CERT_NOT_YET_VALID, 507, "cert.not-yet-valid"},
    {MXTLS_F_CERT_WEAK_KEY, 508, "cert.weak-key"},
    {MXTLS_F_CERT_WEAK_SIGNATURE, 509, "cert.weak-signature"},
    {MXTLS_F_CERT_INCONSISTENT, 510, "cert.inconsistent"},
    {MXTLS_F_CERT_DEFAULT_WITHOUT_SNI, 511, "cert.default-without-sni"},
    {MXTLS_F_CERT_CHAIN_TOO_LONG, 512, "cert.chain-too-long"},
    {MXTLS_F_CERT_NOT_CHECKED, 513, "cert.not-checked"},
    {MXTLS_F_CHECK_DEADLINE, 801, "check.deadline"},
    {MXTLS_F_DANE_MISMATCH, 601, "dane.mismatch"},
    {MXTLS_F_DANE_BOGUS, 602, "dane.bogus"},
    {MXTLS_F_DANE_UNUSABLE, 603, "dane.unusable"},
    {MXTLS_F_DANE_NO_ROLLOVER, 604, "dane.no-rollover"},
    {MXTLS_F_DANE_TA_NOT_SENT, 605, "dane.ta-not-sent"},
    {MXTLS_F_DANE_MATCHED, 610, "dane.matched"},
    {MXTLS_F_MTASTS_MX_MISMATCH, 701, "mtasts.mx-mismatch"},
    {MXTLS_F_MTASTS_FETCH_FAILED, 702, "mtasts.fetch-failed"},
    {MXTLS_F_MTASTS_INVALID_POLICY, 703, "mtasts.invalid-policy"},
    {MXTLS_F_MTASTS_WEBPKI_INVALID, 704, "mtasts.webpki-invalid"},
    {MXTLS_F_MTASTS_TXT_MULTIPLE, 705, "mtasts.txt-multiple"},
    {MXTLS_F_MTASTS_TXT_INVALID, 706, "mtasts.txt-invalid"},
    {MXTLS_F_MTASTS_ENFORCED, 710, "mtasts.enforced"},
    {MXTLS_F_TLS_OK, 901, "tls.ok"},
    {MXTLS_F_ENV_RESOLVER_DOWN, 1001, "env.resolver-down"},
    {MXTLS_F_ENV_RESOLVER_NO_DNSSEC, 1002, "env.resolver-no-dnssec"},
    {MXTLS_F_ENV_CA_STORE_EMPTY, 1003, "env.ca-store-empty"},
    {MXTLS_F_DNS_APEX_CNAME, 111, "dns.apex-cname"},
    {MXTLS_F_DNS_TLSRPT_INVALID, 112, "dns.tlsrpt-invalid"},
    {MXTLS_F_SMTP_RATE_LIMITED, 310, "smtp.rate-limited"},
    {MXTLS_F_TLS_CLIENT_CERT_REQUIRED, 407, "tls.client-cert-required"},
    {MXTLS_F_TLS_NO_CLOSE_NOTIFY, 408, "tls.no-close-notify"},
    {MXTLS_F_SENDER_NO_CA_STORE, 1101, "sender.no-ca-store"},
    {MXTLS_F_SENDER_TLS_CONFIG, 1102, "sender.tls-config"},
    {MXTLS_F_SENDER_RESOLVER_DOWN, 1103, "sender.resolver-down"},
    {MXTLS_F_SENDER_RESOLVER_NO_DNSSEC, 1104, "sender.resolver-no-dnssec"},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1201, "client.starttls-mismatch"},
};
#define N_CODES (sizeof codes / sizeof codes[0])

static const char *const var_names[] = {"host", "address", "port", "domain", "names",
                                        "sni", "alert", "detail", "date", "sender",
                                        "recursion", "target", "vantage", "check"};

/* Facts as the diagnose stage would fill them, for the expansion checks. */
static const char *const sample_facts[] = {
    "mx1.example.com", "192.0.2.7", "25", "example.com", "mail.example.com, example.com",
    "_dc-mx.0a1b2c3d.example.com", "47 (illegal_parameter)", "TLS 1.0, TLS 1.1",
    "2026-01-31", "Gmail",
    "Resolving from the root works here: `mxtls-check --recursive example.com`.",
    "smtp.example.com", "the network this check runs from", "--submission smtp.example.com"};

static int var_index(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof var_names / sizeof *var_names; i++)
        if (strlen(var_names[i]) == len && memcmp(var_names[i], name, len) == 0) {
            /* A name the expander does not know would be shown as written. */
            ck_assert_msg(mxtls__template_var_known(name, len), "%s unknown to the expander",
                          var_names[i]);
            return (int)i;
        }
    return -1;
}

/* Expand a template the way the library does: {name} or {name|fallback}.
 * facts == NULL means no fact is known, so every fallback is used. Fails the
 * test on a malformed template; `where` names it in the message. */
static void expand(const char *tpl, const char *const *facts, char *out, size_t size,
                   const char *where)
{
    size_t o = 0;
    int in_code = 0;
    for (const char *p = tpl; *p; p++) {
        if (*p == '}')
            ck_abort_msg("%s: '}' without '{' in \"%s\"", where, tpl);
        if (*p == '`')
            in_code = !in_code;
        if (*p != '{') {
            ck_assert_msg(o + 1 < size, "%s: expansion too long", where);
            out[o++] = *p;
            continue;
        }
        const char *end = strchr(p, '}');
        ck_assert_msg(end != NULL, "%s: unbalanced '{' in \"%s\"", where, tpl);
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *name_end = bar ? bar : end;
        ck_assert_msg(memchr(p + 1, '{', (size_t)(end - p - 1)) == NULL,
                      "%s: nested '{' in \"%s\"", where, tpl);
        int v = var_index(p + 1, (size_t)(name_end - p - 1));
        ck_assert_msg(v >= 0, "%s: unknown variable \"%.*s\"", where,
                      (int)(name_end - p - 1), p + 1);
        /* Every placeholder has a fallback: the stage that fills the facts
         * may not know this one, and the text must still read. */
        ck_assert_msg(bar != NULL && end - bar > 1, "%s: {%s} has no fallback", where,
                      var_names[v]);
        ck_assert_msg(memchr(bar + 1, '|', (size_t)(end - bar - 1)) == NULL,
                      "%s: two '|' in one placeholder", where);
        /* Inside `code` a fallback is part of a command or record the admin
         * may paste: it must be one word, such as your-domain. */
        if (in_code)
            ck_assert_msg(memchr(bar + 1, ' ', (size_t)(end - bar - 1)) == NULL,
                          "%s: fallback with a space inside `code`: \"%.*s\"", where,
                          (int)(end - bar - 1), bar + 1);
        const char *value = facts ? facts[v] : bar + 1;
        size_t len = facts ? strlen(value) : (size_t)(end - bar - 1);
        ck_assert_msg(o + len + 1 < size, "%s: expansion too long", where);
        /* names and detail may be a server's words: the library quotes them. */
        int quoted = facts && (v == 4 || v == 7);
        ck_assert_msg(o + len + 3 < size, "%s: expansion too long", where);
        if (quoted)
            out[o++] = '"';
        memcpy(out + o, value, len);
        o += len;
        if (quoted)
            out[o++] = '"';
        p = end;
    }
    ck_assert_msg(!in_code, "%s: unbalanced backtick in \"%s\"", where, tpl);
    out[o] = '\0';
}

/* Checks on the text as the admin reads it. */
static void check_rendered(const char *text, const char *where)
{
    /* The prose, without `code` (a record such as `MX 0 .` may hold any
     * punctuation) and with an ellipsis ("...", in quoted errors) as one
     * word. */
    char prose[8192];
    size_t o = 0;
    int in_code = 0;
    for (const char *p = text; *p && o + 1 < sizeof prose; p++) {
        if (*p == '`') {
            in_code = !in_code;
            prose[o++] = 'C';
        } else if (in_code) {
            continue;
        } else if (strncmp(p, "...", 3) == 0) {
            prose[o++] = 'E';
            p += 2;
        } else {
            prose[o++] = *p;
        }
    }
    prose[o] = '\0';
    ck_assert_msg(strstr(text, "  ") == NULL, "%s: double space: %s", where, text);
    ck_assert_msg(strstr(prose, " .") == NULL && strstr(prose, " ,") == NULL &&
                      strstr(prose, "..") == NULL && strstr(prose, ",.") == NULL &&
                      strstr(prose, ".,") == NULL,
                  "%s: stray punctuation: %s", where, text);
    ck_assert_msg(strchr(text, '{') == NULL && strchr(text, '}') == NULL,
                  "%s: unexpanded brace: %s", where, text);
    size_t n = strlen(text);
    ck_assert_msg(n > 0 && !isspace((unsigned char)text[0]) &&
                      !isspace((unsigned char)text[n - 1]),
                  "%s: leading or trailing space", where);
}

/* A text in both renderings: every fallback, and every fact known. */
static void check_template(const char *tpl, const char *where, char *with_fallbacks,
                           size_t size)
{
    char with_facts[8192];
    ck_assert_ptr_nonnull(tpl);
    for (const char *p = tpl; *p; p++) {
        /* Printable ASCII; newlines only as "\n\n" between paragraphs. */
        if (*p == '\n') {
            ck_assert_msg(p[1] == '\n' && p[2] != '\n' && p > tpl && p[-1] != '\n',
                          "%s: a newline that is not a paragraph break", where);
            p++;
            continue;
        }
        ck_assert_msg(*p >= 0x20 && *p < 0x7f, "%s: byte 0x%02x is not printable ASCII",
                      where, (unsigned char)*p);
    }
    expand(tpl, NULL, with_fallbacks, size, where);
    expand(tpl, sample_facts, with_facts, sizeof with_facts, where);
    /* The library's expander renders the same text. */
    static const struct mxtls__vars unknown = {0};
    const struct mxtls__vars known = {
        .host = sample_facts[0], .address = sample_facts[1], .port = sample_facts[2],
        .domain = sample_facts[3], .names = sample_facts[4], .sni = sample_facts[5],
        .alert = sample_facts[6], .detail = sample_facts[7], .date = sample_facts[8],
        .sender = sample_facts[9], .recursion = sample_facts[10], .target = sample_facts[11],
        .vantage = sample_facts[12], .check = sample_facts[13]};
    char *lib = mxtls__template_expand(tpl, &unknown);
    ck_assert_ptr_nonnull(lib);
    ck_assert_msg(strcmp(lib, with_fallbacks) == 0, "%s: the library renders \"%s\"", where,
                  lib);
    mxtls__free(lib);
    lib = mxtls__template_expand(tpl, &known);
    ck_assert_ptr_nonnull(lib);
    ck_assert_msg(strcmp(lib, with_facts) == 0, "%s: the library renders \"%s\"", where, lib);
    mxtls__free(lib);
    check_rendered(with_fallbacks, where);
    check_rendered(with_facts, where);
}

static size_t count_list(const char *const *list, size_t max, const char *where)
{
    size_t n = 0;
    while (n < max && list[n] != NULL)
        n++;
    /* NULL-terminated within the array, and nothing after the terminator. */
    ck_assert_msg(n < max, "%s: list fills every slot, so it has no NULL terminator",
                  where);
    for (size_t i = n; i < max; i++)
        ck_assert_msg(list[i] == NULL, "%s: entry after the NULL terminator", where);
    return n;
}

START_TEST(every_code_has_its_entry)
{
    ck_assert_uint_eq(mxtls__catalog_count(), N_CODES);
    for (size_t i = 0; i < N_CODES; i++) {
        ck_assert_msg(codes[i].code == codes[i].number, "%s: enum value %d, promised %d",
                      codes[i].id, codes[i].code, codes[i].number);
        const struct mxtls__catalog_entry *e = mxtls__catalog_find(codes[i].code);
        ck_assert_msg(e != NULL, "no catalogue entry for %s", codes[i].id);
        ck_assert_int_eq(e->code, codes[i].code);
        ck_assert_str_eq(e->id, codes[i].id);
        ck_assert_ptr_eq(mxtls__catalog_find_id(codes[i].id), e);
        ck_assert_str_eq(mxtls_finding_id(codes[i].code), codes[i].id);
        ck_assert_int_eq(mxtls_finding_code_of(codes[i].id), codes[i].code);
    }
    /* Walking the catalogue by index visits exactly those entries. */
    for (size_t i = 0; i < mxtls__catalog_count(); i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_at(i);
        ck_assert_ptr_nonnull(e);
        ck_assert_ptr_eq(mxtls__catalog_find(e->code), e);
    }
    ck_assert_ptr_null(mxtls__catalog_at(mxtls__catalog_count()));
}
END_TEST

START_TEST(ids_are_unique_and_well_formed)
{
    static const char *const groups[13] = {NULL,   "dns",    "net",   "smtp", "tls",
                                           "cert", "dane",   "mtasts", "check", "tls",
                                           "env",  "sender", "client"};
    size_t n = mxtls__catalog_count();
    for (size_t i = 0; i < n; i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_at(i);
        for (size_t j = i + 1; j < n; j++) {
            ck_assert_int_ne(e->code, mxtls__catalog_at(j)->code);
            ck_assert_str_ne(e->id, mxtls__catalog_at(j)->id);
        }
        /* group.name: lower-case letters, digits and single inner hyphens. */
        const char *dot = strchr(e->id, '.');
        ck_assert_msg(dot != NULL && strchr(dot + 1, '.') == NULL, "%s: not group.name",
                      e->id);
        for (const char *p = e->id; *p; p++)
            ck_assert_msg(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
                              *p == '.' || *p == '-',
                          "%s: not lower-case LDH", e->id);
        ck_assert_msg(dot[1] != '\0' && dot[1] != '-' && e->id[strlen(e->id) - 1] != '-' &&
                          strstr(e->id, "--") == NULL,
                      "%s: bad hyphen", e->id);
        /* The group is the code's hundred: dns 1xx ... mtasts 7xx, the check
         * as a whole 8xx, tls.ok 9xx, the checker's environment 10xx, the
         * sending side 11xx and mail clients 12xx (explained texts). */
        int hundred = e->code / 100;
        ck_assert_msg(hundred >= 1 && hundred <= 12 && groups[hundred] != NULL &&
                          strlen(groups[hundred]) == (size_t)(dot - e->id) &&
                          strncmp(e->id, groups[hundred], (size_t)(dot - e->id)) == 0,
                      "%s: group does not match code %d", e->id, e->code);
    }
}
END_TEST

/* The env group, and net.egress-blocked, are about where the check ran;
 * everything else is about the target. A finding about the environment
 * never blames the domain, so the exit status and verdict depend on it. */
START_TEST(about_fits_the_group)
{
    for (size_t i = 0; i < mxtls__catalog_count(); i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_at(i);
        int env = e->code / 100 == 10 || e->code == MXTLS_F_NET_EGRESS_BLOCKED;
        ck_assert_msg(e->about == (env ? MXTLS_ABOUT_ENVIRONMENT : MXTLS_ABOUT_TARGET),
                      "%s: about %d", e->id, e->about);
        mxtls_finding *f = NULL;
        struct mxtls__vars vars = {0};
        ck_assert_int_eq(mxtls__finding_new(e->code, 0, &vars, NULL, &f), MXTLS_OK);
        ck_assert_int_eq(f->about, e->about);
        ck_assert_str_eq(mxtls_about_name(f->about), env ? "environment" : "target");
        mxtls__finding_free(f);
    }
    ck_assert_str_eq(mxtls_about_name(2), "unknown");
    ck_assert_str_eq(mxtls_about_name(-1), "unknown");
}
END_TEST

START_TEST(severities_and_stages)
{
    for (size_t i = 0; i < mxtls__catalog_count(); i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_at(i);
        ck_assert_msg(e->severity == MXTLS_SEVERITY_INFO ||
                          e->severity == MXTLS_SEVERITY_WARNING ||
                          e->severity == MXTLS_SEVERITY_ERROR,
                      "%s: severity %d", e->id, e->severity);
        ck_assert_msg(e->stage >= MXTLS_STAGE_RESOLVE && e->stage <= MXTLS_STAGE_VERIFY,
                      "%s: stage %d", e->id, e->stage);
        /* The stage is where the evidence shows up, so it fits the group. */
        int ok;
        switch (e->code / 100) {
        case 1: ok = e->stage == MXTLS_STAGE_RESOLVE; break;
        case 2: ok = e->stage == MXTLS_STAGE_RESOLVE || e->stage == MXTLS_STAGE_CONNECT; break;
        case 3: ok = e->stage == MXTLS_STAGE_CONNECT || e->stage == MXTLS_STAGE_STARTTLS; break;
        case 4: ok = e->stage == MXTLS_STAGE_STARTTLS; break;
        case 5: ok = e->stage == MXTLS_STAGE_VERIFY; break;
        case 8: ok = e->stage == MXTLS_STAGE_CONNECT; break;   /* the probes it cut */
        case 11: /* the sending side's own resolver, TLS settings, CA store */
            ok = e->stage == MXTLS_STAGE_RESOLVE || e->stage == MXTLS_STAGE_STARTTLS ||
                 e->stage == MXTLS_STAGE_VERIFY;
            break;
        case 12:
            ok = e->stage == MXTLS_STAGE_STARTTLS || e->stage == MXTLS_STAGE_VERIFY;
            break;
        default: ok = e->stage == MXTLS_STAGE_RESOLVE || e->stage == MXTLS_STAGE_VERIFY; break;
        }
        ck_assert_msg(ok, "%s: stage %d does not fit its group", e->id, e->stage);
    }
    /* Which severity each entry has is the rule's to say:
     * severities_follow_the_rule below. */
}
END_TEST

/* ------------------------------------------------------------------------
 * Each entry's default severity follows the severity rule (issue 21,
 * src/check/README.md "Who can deliver, and the severity rule"):
 *
 *   error    when a mainstream sender (Gmail, Gmail's Send-As, Microsoft 365,
 *            Postfix and Exim defaults) does not deliver, or a sender that
 *            honours the domain's own published policy (its DNSSEC-secure
 *            TLSA records, its MTA-STS policy in enforce mode) does not;
 *   warning  when only senders that verify by their own choice do not;
 *   info     when every sender delivers: a risk that stops nobody yet.
 *
 * Which senders an entry stops is not written here: the test builds the
 * evidence the check sees for the entry (below: the probe results, the
 * resolve and MTA-STS results), on an otherwise healthy target, and asks the
 * library's own predictions (mxtls__predict(), check/diagnose_predict.c,
 * over the sender profiles of diagnose/senders.c) how each sender's delivery
 * ends. The entry is judged over every profile it can arise in (MX
 * delivery, and submission for Gmail's Send-As), so the default is the
 * severity where it matters most; a report lowers it where the context
 * shows fewer senders are stopped. A sender whose prediction is "unknown"
 * leaves the rule undecided between the severity without it and with it;
 * the catalogue may then be anywhere in that range (the README's "the
 * catalogue's severity stands").
 * ------------------------------------------------------------------------ */

enum { IN_MX = 1, IN_SUBMISSION = 2 };

/* What the check sees when the entry's cause is present; zero fields are
 * the healthy default: one MX host with one address, STARTTLS, TLS 1.3 and
 * a certificate that verifies. */
struct evidence {
    const char *id;
    unsigned profiles;
    /* resolve */
    int32_t dns_outcome, dns_dnssec;
    int null_mx, no_address, ip_literal, implicit_mx, non_ldh_name;
    int tlsa;                   /* 1: DNSSEC-secure TLSA records; 2: bogus */
    /* MTA-STS */
    int32_t mtasts;             /* MXTLS_MTASTS_* outcome; 0: no record */
    int mx_not_in_policy;
    /* the first address (a second, healthy one follows when set) */
    int second_address;
    int32_t probe_status, conn_failure;
    int no_starttls;
    int32_t tls_failure, starttls_code, alert, version;
    int ok_without_sni;         /* the handshake fails only with SNI */
    int bad_cert_without_sni;   /* the default certificate does not verify */
    int no_verify_result, chain_too_long;
    uint32_t verify_flags;      /* 0: trusted */
    int32_t dane;               /* MXTLS_DANE_* of the verify result */
};

static const struct evidence evidence[] = {
    {.id = "dns.nxdomain", .profiles = IN_MX | IN_SUBMISSION, .dns_outcome = MXTLS_DNS_NXDOMAIN},
    {.id = "dns.servfail", .profiles = IN_MX | IN_SUBMISSION, .dns_outcome = MXTLS_DNS_SERVFAIL},
    {.id = "dns.null-mx", .profiles = IN_MX, .null_mx = 1},
    /* No MX: the domain's own address is the implicit MX (RFC 5321 5.1). */
    {.id = "dns.no-mx", .profiles = IN_MX, .implicit_mx = 1},
    /* Senders follow an MX that is an alias (the sender lab's Postfix does). */
    {.id = "dns.mx-cname", .profiles = IN_MX},
    /* mxtls does not connect to an address written as an MX name. */
    {.id = "dns.mx-ip-literal", .profiles = IN_MX, .ip_literal = 1},
    {.id = "dns.mx-no-address", .profiles = IN_MX, .no_address = 1},
    /* The _dc-mx origin name as SNI gets alert 47; without SNI it works. */
    {.id = "dns.mx-non-ldh", .profiles = IN_MX, .non_ldh_name = 1,
     .tls_failure = MXTLS_TLS_HANDSHAKE_FAILED, .alert = 47, .ok_without_sni = 1},
    {.id = "dns.dnssec-bogus", .profiles = IN_MX | IN_SUBMISSION,
     .dns_outcome = MXTLS_DNS_SERVFAIL, .dns_dnssec = MXTLS_DNSSEC_BOGUS},
    {.id = "dns.timeout", .profiles = IN_MX | IN_SUBMISSION, .dns_outcome = MXTLS_DNS_TIMEOUT},
    /* The apex alias hides the MX: senders go to the alias target's
     * address, a web host that takes no SMTP. */
    {.id = "dns.apex-cname", .profiles = IN_MX, .conn_failure = MXTLS_CONN_REFUSED},
    /* Delivery does not depend on the TLS-RPT record. */
    {.id = "dns.tlsrpt-invalid", .profiles = IN_MX},
    /* A proxy that carries no SMTP: port 25 times out. */
    {.id = "net.proxied", .profiles = IN_MX | IN_SUBMISSION, .conn_failure = MXTLS_CONN_TIMEOUT},
    {.id = "net.refused", .profiles = IN_MX | IN_SUBMISSION, .conn_failure = MXTLS_CONN_REFUSED},
    {.id = "net.timeout", .profiles = IN_MX | IN_SUBMISSION, .conn_failure = MXTLS_CONN_TIMEOUT},
    {.id = "net.unreachable", .profiles = IN_MX | IN_SUBMISSION,
     .conn_failure = MXTLS_CONN_UNREACHABLE},
    /* One address family fails, the other works: senders go on to it. */
    {.id = "net.family-mismatch", .profiles = IN_MX | IN_SUBMISSION, .second_address = 1,
     .conn_failure = MXTLS_CONN_TIMEOUT},
    /* The context's address policy kept mxtls from connecting. */
    {.id = "net.policy-refused", .profiles = IN_MX | IN_SUBMISSION, .probe_status = MXTLS_EPOLICY},
    {.id = "smtp.no-banner", .profiles = IN_MX | IN_SUBMISSION, .conn_failure = MXTLS_CONN_TIMEOUT},
    {.id = "smtp.banner-rejected", .profiles = IN_MX | IN_SUBMISSION,
     .conn_failure = MXTLS_CONN_REJECTED},
    {.id = "smtp.not-smtp", .profiles = IN_MX | IN_SUBMISSION, .conn_failure = MXTLS_CONN_NOT_SMTP},
    {.id = "smtp.bad-reply", .profiles = IN_MX | IN_SUBMISSION, .conn_failure = MXTLS_CONN_PROTOCOL},
    {.id = "smtp.starttls-missing", .profiles = IN_MX | IN_SUBMISSION, .no_starttls = 1},
    {.id = "smtp.starttls-masked", .profiles = IN_MX | IN_SUBMISSION, .no_starttls = 1},
    {.id = "smtp.starttls-refused", .profiles = IN_MX | IN_SUBMISSION,
     .tls_failure = MXTLS_TLS_STARTTLS_REFUSED, .starttls_code = 454},
    /* Implicit TLS on a port that speaks plaintext SMTP (or the reverse):
     * the handshake fails. */
    {.id = "smtp.implicit-tls-mismatch", .profiles = IN_SUBMISSION,
     .tls_failure = MXTLS_TLS_HANDSHAKE_FAILED},
    {.id = "smtp.slow-banner", .profiles = IN_MX | IN_SUBMISSION},
    {.id = "tls.alert", .profiles = IN_MX | IN_SUBMISSION,
     .tls_failure = MXTLS_TLS_HANDSHAKE_FAILED, .alert = 80},
    {.id = "tls.sni-rejected", .profiles = IN_MX, .non_ldh_name = 1,
     .tls_failure = MXTLS_TLS_HANDSHAKE_FAILED, .alert = 47, .ok_without_sni = 1},
    {.id = "tls.protocol-old", .profiles = IN_MX | IN_SUBMISSION, .version = MXTLS_TLS_1_0},
    {.id = "tls.no-shared-cipher", .profiles = IN_MX | IN_SUBMISSION,
     .tls_failure = MXTLS_TLS_HANDSHAKE_FAILED, .alert = 40},
    {.id = "tls.weak-dh", .profiles = IN_MX | IN_SUBMISSION},
    {.id = "tls.handshake-failed", .profiles = IN_MX | IN_SUBMISSION,
     .tls_failure = MXTLS_TLS_HANDSHAKE_FAILED},
    {.id = "tls.client-cert-required", .profiles = IN_MX | IN_SUBMISSION,
     .tls_failure = MXTLS_TLS_HANDSHAKE_FAILED, .alert = 116},
    {.id = "tls.no-close-notify", .profiles = IN_MX | IN_SUBMISSION},
    {.id = "cert.self-signed", .profiles = IN_MX | IN_SUBMISSION,
     .verify_flags = MXTLS_VERIFY_SELF_SIGNED},
    {.id = "cert.untrusted", .profiles = IN_MX | IN_SUBMISSION,
     .verify_flags = MXTLS_VERIFY_UNKNOWN_ISSUER},
    {.id = "cert.chain-incomplete", .profiles = IN_MX | IN_SUBMISSION,
     .verify_flags = MXTLS_VERIFY_UNKNOWN_ISSUER | MXTLS_VERIFY_CHAIN_INCOMPLETE},
    {.id = "cert.name-mismatch", .profiles = IN_MX | IN_SUBMISSION,
     .verify_flags = MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_NAME_MISMATCH},
    {.id = "cert.expired", .profiles = IN_MX | IN_SUBMISSION, .verify_flags = MXTLS_VERIFY_EXPIRED},
    /* Valid today. */
    {.id = "cert.expires-soon", .profiles = IN_MX | IN_SUBMISSION},
    {.id = "cert.not-yet-valid", .profiles = IN_MX | IN_SUBMISSION,
     .verify_flags = MXTLS_VERIFY_NOT_YET_VALID},
    /* A small key in a chain that verifies (verify.c flags it apart). */
    {.id = "cert.weak-key", .profiles = IN_MX | IN_SUBMISSION,
     .verify_flags = MXTLS_VERIFY_TRUSTED | MXTLS_VERIFY_WEAK_KEY},
    /* GnuTLS fails a SHA-1 signature (insecure algorithm): not trusted. */
    {.id = "cert.weak-signature", .profiles = IN_MX | IN_SUBMISSION,
     .verify_flags = MXTLS_VERIFY_WEAK_SIGNATURE},
    /* The first address serves a certificate that does not verify, the
     * second a good one: whoever reaches the first (DNS rotates them). */
    {.id = "cert.inconsistent", .profiles = IN_MX | IN_SUBMISSION, .second_address = 1,
     .verify_flags = MXTLS_VERIFY_SELF_SIGNED},
    {.id = "cert.default-without-sni", .profiles = IN_MX, .bad_cert_without_sni = 1},
    {.id = "cert.chain-too-long", .profiles = IN_MX | IN_SUBMISSION, .no_verify_result = 1,
     .chain_too_long = 1},
    {.id = "cert.not-checked", .profiles = IN_MX | IN_SUBMISSION,
     .verify_flags = MXTLS_VERIFY_OTHER_FAILURE},
    {.id = "dane.mismatch", .profiles = IN_MX, .tlsa = 1, .dane = MXTLS_DANE_MISMATCH},
    {.id = "dane.bogus", .profiles = IN_MX, .tlsa = 2, .dane = MXTLS_DANE_BOGUS},
    {.id = "dane.unusable", .profiles = IN_MX, .tlsa = 1, .dane = MXTLS_DANE_UNUSABLE},
    {.id = "dane.no-rollover", .profiles = IN_MX, .tlsa = 1, .dane = MXTLS_DANE_MATCHED},
    {.id = "dane.ta-not-sent", .profiles = IN_MX, .tlsa = 1, .dane = MXTLS_DANE_TA_NOT_SENT},
    {.id = "dane.matched", .profiles = IN_MX, .tlsa = 1, .dane = MXTLS_DANE_MATCHED},
    {.id = "mtasts.mx-mismatch", .profiles = IN_MX, .mtasts = MXTLS_MTASTS_POLICY,
     .mx_not_in_policy = 1},
    /* A policy that cannot be had, or does not parse, is no policy
     * (RFC 8461 section 5): senders deliver as without one. */
    {.id = "mtasts.fetch-failed", .profiles = IN_MX, .mtasts = MXTLS_MTASTS_FETCH_FAILED},
    {.id = "mtasts.invalid-policy", .profiles = IN_MX, .mtasts = MXTLS_MTASTS_INVALID_POLICY},
    {.id = "mtasts.webpki-invalid", .profiles = IN_MX, .mtasts = MXTLS_MTASTS_WEBPKI_INVALID},
    {.id = "mtasts.txt-multiple", .profiles = IN_MX, .mtasts = MXTLS_MTASTS_TXT_MULTIPLE},
    {.id = "mtasts.txt-invalid", .profiles = IN_MX, .mtasts = MXTLS_MTASTS_TXT_INVALID},
    {.id = "mtasts.enforced", .profiles = IN_MX, .mtasts = MXTLS_MTASTS_POLICY},
    {.id = "tls.ok", .profiles = IN_MX | IN_SUBMISSION},
};
#define N_EVIDENCE (sizeof evidence / sizeof evidence[0])

/* Entries the rule does not judge, because no sender's delivery to the
 * target turns on them: findings about the checker's own environment
 * (about, env.*, net.egress-blocked), about the check itself (8xx: it ran
 * out of time), and the texts of mxtls_explain() about the sending side
 * (11xx sender, 12xx mail client). smtp.rate-limited is a refusal aimed at
 * one sending address (its rate or reputation), not at any sender profile. */
static int outside_the_rule(const struct mxtls__catalog_entry *e)
{
    int group = e->code / 100;
    return e->about != MXTLS_ABOUT_TARGET || group == 8 || group == 11 || group == 12 ||
           e->code == MXTLS_F_SMTP_RATE_LIMITED;
}

/* The objects of one scenario, all in one place. */
struct scenario {
    mxtls_address addr[2];
    const mxtls_address *addrs[2];
    mxtls_dns_lookup a, tlsa_lookup;
    mxtls_tlsa tlsa_rec;
    const mxtls_tlsa *tlsas[1];
    mxtls_mx_host host;
    const mxtls_mx_host *hosts[1];
    mxtls_resolve_result res;
    mxtls_mtasts_result sts;
    const char *unmatched[1];
    mxtls_capabilities caps[2];
    mxtls_connect_result conn[2];
    mxtls_tls_result tls[3];
    mxtls_verify_result ver[3];
    mxtls_probe probe[3];
    mxtls_probe *probes[3];
    size_t n_probes;
};

static void healthy_probe(struct scenario *s, size_t i, int32_t purpose, int32_t profile,
                          size_t address)
{
    int32_t port = profile == MXTLS_PROFILE_MX ? 25 : 587;
    s->tls[i] = (mxtls_tls_result){
        .struct_size = sizeof s->tls[0], .starttls_code = 220, .starttls_text = "",
        .version = MXTLS_TLS_1_3, .version_name = "TLS1.3",
        .sni = purpose == MXTLS_PROBE_NO_SNI ? NULL : s->host.name, .alert_received = -1,
        .alert_sent = -1, .caps = &s->caps[address], .detail = "as seen"};
    s->ver[i] = (mxtls_verify_result){.struct_size = sizeof s->ver[0],
                                      .flags = MXTLS_VERIFY_TRUSTED, .dane = MXTLS_DANE_NO_TLSA,
                                      .detail = "as seen"};
    s->probe[i] = (mxtls_probe){
        .struct_size = sizeof s->probe[0], .purpose = purpose, .host = s->host.name,
        .address = s->addrs[address]->text, .port = port, .mode = MXTLS_MODE_STARTTLS,
        .sni = s->tls[i].sni, .status = MXTLS_OK, .host_index = 0,
        .address_index = (int32_t)address, .connect = &s->conn[address], .tls = &s->tls[i],
        .verify = &s->ver[i]};
    s->probes[i] = &s->probe[i];
}

static void build(const struct evidence *e, int32_t profile, struct scenario *s)
{
    memset(s, 0, sizeof *s);
    static const char *const texts[2] = {"2001:db8::25", "192.0.2.25"};
    for (size_t i = 0; i < 2; i++) {
        s->addr[i] = (mxtls_address){.struct_size = sizeof s->addr[0], .family = i ? 4 : 6,
                                     .text = texts[i], .policy_allowed = 1};
        s->addrs[i] = &s->addr[i];
    }
    s->a = (mxtls_dns_lookup){.struct_size = sizeof s->a, .outcome = MXTLS_DNS_NOERROR,
                              .detail = "NOERROR"};
    if (e->no_address)
        s->a.outcome = MXTLS_DNS_NODATA;
    s->tlsa_lookup = (mxtls_dns_lookup){
        .struct_size = sizeof s->tlsa_lookup, .outcome = MXTLS_DNS_NOERROR,
        .dnssec = e->tlsa == 1 ? MXTLS_DNSSEC_SECURE
                  : e->tlsa == 2 ? MXTLS_DNSSEC_BOGUS : MXTLS_DNSSEC_INSECURE,
        .detail = "TLSA"};
    s->tlsa_rec = (mxtls_tlsa){.struct_size = sizeof s->tlsa_rec, .usage = 3, .selector = 1,
                               .matching_type = 1, .dnssec = s->tlsa_lookup.dnssec};
    s->tlsas[0] = &s->tlsa_rec;
    s->host = (mxtls_mx_host){
        .struct_size = sizeof s->host,
        .name = e->ip_literal ? "192.0.2.25"
                : e->non_ldh_name ? "_dc-mx.0a1b2c3d.example.com"
                : e->implicit_mx ? "example.com" : "mx.example.com",
        .preference = e->implicit_mx ? -1 : 10, .flags = e->ip_literal ? MXTLS_MX_IP_LITERAL : 0,
        .n_addresses = e->no_address || e->ip_literal ? 0 : e->second_address ? 2 : 1,
        .addresses = s->addrs, .a = e->ip_literal ? NULL : &s->a,
        .n_tlsa = e->tlsa ? 1 : 0, .tlsa = s->tlsas,
        .tlsa_lookup = profile == MXTLS_PROFILE_MX ? &s->tlsa_lookup : NULL};
    if (!e->second_address)
        s->addrs[0] = &s->addr[1];   /* one address: IPv4 */
    s->hosts[0] = &s->host;
    int answered = e->dns_outcome == MXTLS_DNS_NOERROR && !e->null_mx;
    s->res = (mxtls_resolve_result){
        .struct_size = sizeof s->res, .query = "example.com", .a_label = "example.com",
        .port = profile == MXTLS_PROFILE_MX ? 25 : 587, .outcome = e->dns_outcome,
        .dnssec = e->dns_dnssec, .null_mx = e->null_mx, .implicit_mx = e->implicit_mx,
        .n_hosts = answered ? 1 : 0, .hosts = s->hosts, .detail = "as seen",
        .resolver_detail = ""};
    if (e->mtasts != 0) {
        s->unmatched[0] = s->host.name;
        s->sts = (mxtls_mtasts_result){
            .struct_size = sizeof s->sts, .outcome = e->mtasts,
            .mode = e->mtasts == MXTLS_MTASTS_POLICY ? MXTLS_MTASTS_MODE_ENFORCE
                                                     : MXTLS_MTASTS_MODE_UNKNOWN,
            .domain = "example.com", .n_unmatched = e->mx_not_in_policy ? 1 : 0,
            .unmatched_mx = s->unmatched, .max_age_s = -1, .detail = "as seen"};
    }
    if (!answered || s->host.n_addresses == 0)
        return;   /* no connection: the DNS answer decides */

    /* The first address carries the evidence; a second, healthy one may
     * follow it. */
    for (size_t i = 0; i < s->host.n_addresses; i++) {
        s->caps[i] = (mxtls_capabilities){.struct_size = sizeof s->caps[0], .starttls = 1};
        s->conn[i] = (mxtls_connect_result){
            .struct_size = sizeof s->conn[0], .address = s->addrs[i]->text,
            .port = s->res.port, .mode = MXTLS_MODE_STARTTLS, .banner = "",
            .caps = &s->caps[i], .detail = "as seen"};
    }
    healthy_probe(s, 0, MXTLS_PROBE_PRIMARY, profile, 0);
    s->probe[0].status = e->probe_status ? e->probe_status : MXTLS_OK;
    s->conn[0].failure = e->conn_failure;
    s->caps[0].starttls = !e->no_starttls;
    s->tls[0].failure = e->tls_failure;
    s->tls[0].starttls_code = e->tls_failure == MXTLS_TLS_STARTTLS_REFUSED ? e->starttls_code
                                                                          : 220;
    if (e->alert) {
        s->tls[0].alert_received = e->alert;
        s->tls[0].alert_received_name = mxtls_alert_name(e->alert);
    }
    if (e->version) {
        s->tls[0].version = e->version;
        s->tls[0].version_name = "TLS1.0";
    }
    if (e->verify_flags)
        s->ver[0].flags = e->verify_flags;
    if (e->tlsa)
        s->ver[0].dane = e->dane;
    if (e->tls_failure != MXTLS_TLS_OK || e->no_verify_result)
        s->probe[0].verify = NULL;
    if (e->conn_failure != MXTLS_CONN_OK || e->no_starttls)
        s->probe[0].tls = NULL;
    if (e->probe_status) {
        s->probe[0].connect = NULL;
        s->probe[0].tls = NULL;
        s->probe[0].verify = NULL;
    }
    s->n_probes = 1;
    /* The follow-up without SNI. */
    if (e->ok_without_sni || e->bad_cert_without_sni) {
        healthy_probe(s, 1, MXTLS_PROBE_NO_SNI, profile, 0);
        if (e->bad_cert_without_sni)
            s->ver[1].flags = MXTLS_VERIFY_SELF_SIGNED;
        s->n_probes = 2;
    }
    if (e->second_address) {
        size_t i = s->n_probes++;
        healthy_probe(s, i, MXTLS_PROBE_PRIMARY, profile, 1);
        s->probe[i].address_index = 1;
    }
}

/* What the rule makes of the predictions over the profiles an entry
 * arises in, and which senders they stop (or leave unknown). */
struct verdict {
    int32_t decided, if_unknown_stop; /* the rule's severity, and with the
                                         unknown senders stopped too */
    char who[512];
};

static int32_t severity_of(const mxtls_sender *s, const struct scenario *sc)
{
    int policy = (s->honours_dane == MXTLS_FACT_YES && sc->host.n_tlsa > 0 &&
                  sc->host.tlsa_lookup != NULL) ||
                 (s->honours_mtasts == MXTLS_FACT_YES && sc->sts.outcome == MXTLS_MTASTS_POLICY &&
                  sc->sts.mode == MXTLS_MTASTS_MODE_ENFORCE);
    return s->mainstream || policy ? MXTLS_SEVERITY_ERROR : MXTLS_SEVERITY_WARNING;
}

/* How each sender's delivery ends for this evidence in this profile, by
 * the library's own predictions, folded into v. */
static void predict(const struct evidence *e, const struct mxtls__catalog_entry *entry,
                    int32_t profile, struct verdict *v)
{
    struct scenario sc;
    build(e, profile, &sc);
    struct mxtls_diagnosis d;
    memset(&d, 0, sizeof d);
    d.profile = profile;
    d.report = mxtls__report_new("example.com", profile);
    ck_assert_ptr_nonnull(d.report);
    d.report->resolve = &sc.res;
    d.report->mtasts = e->mtasts ? &sc.sts : NULL;
    d.probes = sc.probes;
    d.n_probes = sc.n_probes;
    /* The entry itself, as the one root cause, about the host the evidence
     * is at; an error so that the predictions may name it. */
    struct mxtls__vars vars = {.host = sc.host.name};
    struct mxtls__finding_place place = {.host = sc.host.name};
    int status = MXTLS_OK;
    ck_assert_int_eq(mxtls__finding_list_add(&d.findings, entry->code, MXTLS_SEVERITY_ERROR,
                                             &vars, &place, &status), 0);
    int32_t root_of[1] = {-1};
    d.root_of = root_of;
    ck_assert_int_eq(mxtls__predict(&d), MXTLS_OK);
    const mxtls_report *r = d.report;
    ck_assert_uint_gt(r->n_predictions, 0);
    for (size_t k = 0; k < r->n_predictions; k++) {
        const mxtls_prediction *p = r->predictions[k];
        int stopped = p->outcome == MXTLS_DELIVERY_DEFERS || p->outcome == MXTLS_DELIVERY_BOUNCES;
        int32_t sev = severity_of(p->sender, &sc);
        if (stopped && sev > v->decided)
            v->decided = sev;
        if ((stopped || p->outcome == MXTLS_DELIVERY_UNKNOWN) && sev > v->if_unknown_stop)
            v->if_unknown_stop = sev;
        if (stopped || p->outcome == MXTLS_DELIVERY_UNKNOWN) {
            size_t n = strlen(v->who);
            snprintf(v->who + n, sizeof v->who - n, "%s%s%s", n ? ", " : "", p->sender->id,
                     stopped ? "" : " (unknown)");
        }
    }
    mxtls__free(d.predicted_cause);
    for (size_t k = 0; k < r->n_predictions; k++)
        mxtls__prediction_free((mxtls_prediction *)r->predictions[k]);
    mxtls__free((void *)r->predictions);
    d.report->predictions = NULL;
    d.report->n_predictions = 0;
    d.report->resolve = NULL;
    d.report->mtasts = NULL;
    mxtls_report_free(d.report);
    mxtls__finding_list_free(&d.findings);
}

static const struct evidence *evidence_for(const char *id)
{
    for (size_t i = 0; i < N_EVIDENCE; i++)
        if (strcmp(evidence[i].id, id) == 0)
            return &evidence[i];
    return NULL;
}

/* The rule's verdict on an entry with this severity: 1 when it agrees,
 * else 0 with the reason in msg. */
static int judge(const struct mxtls__catalog_entry *entry, int32_t severity, char *msg,
                 size_t size)
{
    const struct evidence *e = evidence_for(entry->id);
    ck_assert_msg(e != NULL, "%s: no evidence to judge its severity by", entry->id);
    struct verdict v = {.decided = MXTLS_SEVERITY_INFO, .if_unknown_stop = MXTLS_SEVERITY_INFO};
    if (e->profiles & IN_MX)
        predict(e, entry, MXTLS_PROFILE_MX, &v);
    if (e->profiles & IN_SUBMISSION)
        predict(e, entry, MXTLS_PROFILE_SUBMISSION, &v);
    if (severity >= v.decided && severity <= v.if_unknown_stop)
        return 1;
    if (v.decided == v.if_unknown_stop)
        snprintf(msg, size, "%s: stops [%s]: the rule gives %s, the catalogue says %s",
                 entry->id, v.who[0] ? v.who : "nobody", mxtls_severity_name(v.decided),
                 mxtls_severity_name(severity));
    else
        snprintf(msg, size, "%s: stops [%s]: the rule gives %s to %s, the catalogue says %s",
                 entry->id, v.who[0] ? v.who : "nobody", mxtls_severity_name(v.decided),
                 mxtls_severity_name(v.if_unknown_stop), mxtls_severity_name(severity));
    return 0;
}

START_TEST(severities_follow_the_rule)
{
    char msg[1024], all[8192] = "";
    size_t judged = 0, wrong = 0;
    for (size_t i = 0; i < mxtls__catalog_count(); i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_at(i);
        if (outside_the_rule(e)) {
            ck_assert_msg(evidence_for(e->id) == NULL, "%s: evidence for an entry the rule "
                          "does not judge", e->id);
            continue;
        }
        judged++;
        if (judge(e, e->severity, msg, sizeof msg))
            continue;
        /* Every disagreement in one message, one per line. */
        size_t n = strlen(all);
        snprintf(all + n, sizeof all - n, "%s%s", wrong++ ? "\n" : "", msg);
    }
    ck_assert_msg(wrong == 0, "%zu entries disagree with the severity rule:\n%s", wrong, all);
    /* Every piece of evidence belongs to an entry that exists. */
    ck_assert_uint_eq(judged, N_EVIDENCE);
}
END_TEST

/* The check itself: a wrong severity in any judged entry is caught, and
 * the message names the entry, the senders and both severities. */
START_TEST(a_wrong_severity_is_caught)
{
    char msg[1024];
    for (size_t i = 0; i < N_EVIDENCE; i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_find_id(evidence[i].id);
        ck_assert_ptr_nonnull(e);
        int32_t wrong = e->severity == MXTLS_SEVERITY_ERROR ? MXTLS_SEVERITY_INFO
                                                            : MXTLS_SEVERITY_ERROR;
        msg[0] = '\0';
        int agrees = judge(e, wrong, msg, sizeof msg);
        /* An entry the rule leaves undecided (a sender's prediction is
         * unknown) may take the other end of its range. */
        if (agrees)
            continue;
        ck_assert_msg(strstr(msg, e->id) == msg && strstr(msg, "stops [") &&
                          strstr(msg, mxtls_severity_name(wrong)),
                      "%s", msg);
    }
    /* One by name: Gmail stops at alert 47, so dns.mx-non-ldh as a warning
     * is wrong. */
    const struct mxtls__catalog_entry *ldh = mxtls__catalog_find_id("dns.mx-non-ldh");
    ck_assert_int_eq(judge(ldh, MXTLS_SEVERITY_WARNING, msg, sizeof msg), 0);
    ck_assert_msg(strstr(msg, "gmail") && strstr(msg, "the rule gives error") &&
                      strstr(msg, "the catalogue says warning"),
                  "%s", msg);
}
END_TEST

START_TEST(texts_are_complete_and_read_well)
{
    char text[8192], where[128];
    for (size_t i = 0; i < mxtls__catalog_count(); i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_at(i);

        snprintf(where, sizeof where, "%s summary", e->id);
        check_template(e->summary, where, text, sizeof text);
        ck_assert_msg(strchr(e->summary, '\n') == NULL, "%s: more than one line", where);
        ck_assert_msg(isupper((unsigned char)text[0]), "%s: starts in lower case: %s", where,
                      text);
        ck_assert_msg(text[strlen(text) - 1] != '.', "%s: ends with a full stop", where);
        ck_assert_msg(strlen(text) <= 110, "%s: %zu characters is not a one-line summary",
                      where, strlen(text));

        snprintf(where, sizeof where, "%s explanation", e->id);
        check_template(e->explanation, where, text, sizeof text);
        ck_assert_msg(isupper((unsigned char)text[0]), "%s: starts in lower case", where);
        ck_assert_msg(text[strlen(text) - 1] == '.', "%s: no final full stop", where);
        ck_assert_msg(strlen(text) >= 120, "%s: too short to explain anything", where);

        size_t n = count_list(e->remedies, MXTLS__MAX_REMEDIES, e->id);
        ck_assert_msg(n >= (e->severity == MXTLS_SEVERITY_INFO ? 1u : 2u),
                      "%s: %zu remedies", e->id, n);
        for (size_t r = 0; r < n; r++) {
            snprintf(where, sizeof where, "%s remedy %zu", e->id, r + 1);
            check_template(e->remedies[r], where, text, sizeof text);
            ck_assert_msg(strchr(e->remedies[r], '\n') == NULL, "%s: a newline", where);
            /* The renderer numbers the steps; a step that numbers itself
             * would read "1. 1. ...". */
            ck_assert_msg(isupper((unsigned char)text[0]), "%s: does not start with a "
                          "capital: %s", where, text);
            ck_assert_msg(text[strlen(text) - 1] == '.', "%s: no final full stop: %s", where,
                          text);
        }
        /* A fix ends with how to see that it worked. */
        if (e->severity != MXTLS_SEVERITY_INFO)
            ck_assert_msg(strstr(e->remedies[n - 1], "mxtls-check") != NULL,
                          "%s: the last remedy does not say how to verify", e->id);
    }
}
END_TEST

START_TEST(references_are_rfcs)
{
    for (size_t i = 0; i < mxtls__catalog_count(); i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_at(i);
        size_t n = count_list(e->references, MXTLS__MAX_REFERENCES, e->id);
        ck_assert_msg(n >= 1, "%s: no reference", e->id);
        for (size_t r = 0; r < n; r++) {
            const char *ref = e->references[r];
            /* "RFC 1234" or "RFC 1234 section 5.1.2": nothing invented. */
            const char *p = ref;
            ck_assert_msg(strncmp(p, "RFC ", 4) == 0, "%s: \"%s\" is not an RFC", e->id, ref);
            p += 4;
            ck_assert_msg(isdigit((unsigned char)*p) && *p != '0', "%s: \"%s\"", e->id, ref);
            while (isdigit((unsigned char)*p))
                p++;
            if (*p) {
                ck_assert_msg(strncmp(p, " section ", 9) == 0, "%s: \"%s\"", e->id, ref);
                p += 9;
                ck_assert_msg(isdigit((unsigned char)*p), "%s: \"%s\"", e->id, ref);
                while (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1])))
                    p++;
                ck_assert_msg(*p == '\0', "%s: \"%s\"", e->id, ref);
            }
            for (size_t s = 0; s < r; s++)
                ck_assert_str_ne(e->references[s], ref);
        }
    }
}
END_TEST

/* The facts the texts exist to tell. A rewording may change the words
 * around them, never drop them. */
START_TEST(texts_tell_the_facts_admins_need)
{
    static const struct {
        const char *id, *needle;
    } facts[] = {
        /* Gmail's Send-As words for both certificate causes. */
        {"cert.self-signed", "\"TLS Negotiation failed, the certificate doesn't match the host.\""},
        {"cert.name-mismatch", "\"TLS Negotiation failed, the certificate doesn't match the host.\""},
        {"cert.name-mismatch", "not the MX host"},
        {"cert.self-signed", "snakeoil"},
        /* The alert-47 error, and that "(71)" is not an alert. */
        {"tls.sni-rejected", "SSL alert number 47"},
        {"tls.sni-rejected", "not TLS alert 71"},
        {"tls.sni-rejected", "_dc-mx."},
        {"tls.sni-rejected", "GnuTLS"},
        {"dns.mx-non-ldh", "not TLS alert 71"},
        {"dns.mx-non-ldh", "_dc-mx."},
        {"dns.mx-non-ldh", "Exim"},
        /* The Cloudflare chain and its cure. */
        {"net.proxied", "_dc-mx."},
        {"net.proxied", "time out"},
        {"net.proxied", "DNS only (grey cloud)"},
        {"dns.mx-non-ldh", "DNS only (grey cloud)"},
        {"tls.sni-rejected", "DNS only (grey cloud)"},
        /* Renewed is not loaded. */
        {"cert.expired", "a renewed file is not a loaded one"},
        {"cert.expired", "postfix reload"},
        {"cert.expires-soon", "reload"},
        {"cert.chain-incomplete", "fullchain.pem"},
        {"cert.self-signed", "smtpd_tls_chain_files"},
        {"cert.self-signed", "tls_certificate"},
        /* DANE rollover, and that bogus means defer, not downgrade. */
        {"dane.no-rollover", "3 1 1 current + next"},
        {"dane.no-rollover", "two TTLs"},
        {"dane.mismatch", "beside the existing records"},
        {"dane.bogus", "must not fall back"},
        /* MTA-STS: senders cache the policy until the id changes. */
        {"mtasts.mx-mismatch", "id="},
        {"mtasts.txt-multiple", "no MTA-STS policy"},
        /* Strict record grammars: what breaks a record, and where a DANE-TA
         * anchor must be (sent by the server, not looked up). */
        {"mtasts.txt-invalid", "case-sensitive"},
        {"mtasts.txt-invalid", "v=STSv1;"},
        {"dns.tlsrpt-invalid", "%21"},
        {"dns.tlsrpt-invalid", "Delivery itself does not depend"},
        {"dane.ta-not-sent", "smtpd_tls_chain_files"},
        {"dane.ta-not-sent", "3 1 1"},
        /* Which Send-As choice is which. */
        {"smtp.implicit-tls-mismatch", "\"Secured connection using SSL\""},
        {"smtp.implicit-tls-mismatch", "smtpd_tls_wrappermode"},
        {"smtp.starttls-missing", "STARTTLS not supported"},
        {"smtp.starttls-masked", "no inspect esmtp"},
        {"smtp.banner-rejected", "not a TLS fault"},
        {"dns.null-mx", "`0 .`"},
        {"dns.mx-cname", "alias"},
    };
    for (size_t i = 0; i < sizeof facts / sizeof *facts; i++) {
        const struct mxtls__catalog_entry *e = mxtls__catalog_find_id(facts[i].id);
        ck_assert_ptr_nonnull(e);
        int found = strstr(e->summary, facts[i].needle) || strstr(e->explanation, facts[i].needle);
        for (size_t r = 0; !found && e->remedies[r]; r++)
            found = strstr(e->remedies[r], facts[i].needle) != NULL;
        ck_assert_msg(found, "%s no longer says \"%s\"", facts[i].id, facts[i].needle);
    }
}
END_TEST

START_TEST(public_lookups_of_unknowns)
{
    static const int32_t bad_codes[] = {0,   -1,   100,  113,  600,  900,
                                        902, 1000, 1004, 1100, 1105, 0x7fffffff};
    for (size_t i = 0; i < sizeof bad_codes / sizeof *bad_codes; i++) {
        ck_assert_ptr_null(mxtls_finding_id(bad_codes[i]));
        ck_assert_ptr_null(mxtls__catalog_find(bad_codes[i]));
    }
    static const char *const bad_ids[] = {"", "cert", "cert.", "CERT.SELF-SIGNED",
                                          "cert.self-signed ", "cert.self-signe",
                                          "cert.self-signedx"};
    for (size_t i = 0; i < sizeof bad_ids / sizeof *bad_ids; i++)
        ck_assert_int_eq(mxtls_finding_code_of(bad_ids[i]), 0);
    ck_assert_int_eq(mxtls_finding_code_of(NULL), 0);
    ck_assert_ptr_null(mxtls__catalog_find_id(NULL));

    ck_assert_str_eq(mxtls_severity_name(MXTLS_SEVERITY_INFO), "info");
    ck_assert_str_eq(mxtls_severity_name(MXTLS_SEVERITY_WARNING), "warning");
    ck_assert_str_eq(mxtls_severity_name(MXTLS_SEVERITY_ERROR), "error");
    ck_assert_str_eq(mxtls_severity_name(0), "unknown");
    ck_assert_str_eq(mxtls_severity_name(4), "unknown");
    ck_assert_str_eq(mxtls_severity_name(-1), "unknown");
    /* Severities are ordered: a caller may compare them. */
    ck_assert_int_lt(MXTLS_SEVERITY_INFO, MXTLS_SEVERITY_WARNING);
    ck_assert_int_lt(MXTLS_SEVERITY_WARNING, MXTLS_SEVERITY_ERROR);
}
END_TEST

static Suite *catalog_suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *tc = tcase_create("catalog");
    tcase_add_test(tc, every_code_has_its_entry);
    tcase_add_test(tc, ids_are_unique_and_well_formed);
    tcase_add_test(tc, severities_and_stages);
    tcase_add_test(tc, severities_follow_the_rule);
    tcase_add_test(tc, a_wrong_severity_is_caught);
    tcase_add_test(tc, about_fits_the_group);
    tcase_add_test(tc, texts_are_complete_and_read_well);
    tcase_add_test(tc, references_are_rfcs);
    tcase_add_test(tc, texts_tell_the_facts_admins_need);
    tcase_add_test(tc, public_lookups_of_unknowns);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(catalog_suite());
}
