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

#include "../src/core/alloc.h"
#include "../src/diagnose/catalog.h"
#include "../src/diagnose/finding.h"
#include "../src/diagnose/template.h"
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
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1201, "client.starttls-mismatch"},
};
#define N_CODES (sizeof codes / sizeof codes[0])

/* The only positive findings: a healthy domain may get these and nothing
 * else, so they alone may be info. */
static const char *const info_ids[] = {"dane.matched", "mtasts.enforced", "tls.ok",
                                       "tls.no-close-notify"};

static const char *const var_names[] = {"host", "address", "port", "domain", "names",
                                        "sni", "alert", "detail", "date", "sender",
                                        "recursion", "target", "check"};

/* Facts as the diagnose stage would fill them, for the expansion checks. */
static const char *const sample_facts[] = {
    "mx1.example.com", "192.0.2.7", "25", "example.com", "mail.example.com, example.com",
    "_dc-mx.0a1b2c3d.example.com", "47 (illegal_parameter)", "TLS 1.0, TLS 1.1",
    "2026-01-31", "Gmail",
    "Resolving from the root works here: `mxtls-check --recursive example.com`.",
    "smtp.example.com", "--submission smtp.example.com"};

static int is_info_id(const char *id)
{
    for (size_t i = 0; i < sizeof info_ids / sizeof *info_ids; i++)
        if (strcmp(id, info_ids[i]) == 0)
            return 1;
    return 0;
}

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
        .check = sample_facts[12]};
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
        /* Positive findings (and tls.no-close-notify, which needs no fix)
         * are info, and nothing else is: a healthy domain must come out
         * with no warning or error. */
        ck_assert_msg((e->severity == MXTLS_SEVERITY_INFO) == is_info_id(e->id),
                      "%s: severity %s", e->id, mxtls_severity_name(e->severity));
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
        case 11: case 12:
            ok = e->stage == MXTLS_STAGE_STARTTLS || e->stage == MXTLS_STAGE_VERIFY;
            break;
        default: ok = e->stage == MXTLS_STAGE_RESOLVE || e->stage == MXTLS_STAGE_VERIFY; break;
        }
        ck_assert_msg(ok, "%s: stage %d does not fit its group", e->id, e->stage);
    }
    /* The causes that make mail fail, or make a strict sender refuse, are
     * errors; the ones that will fail later or weaken security are warnings. */
    static const char *const errors[] = {"net.proxied", "dns.mx-non-ldh", "tls.sni-rejected",
                                         "cert.self-signed", "cert.name-mismatch",
                                         "cert.expired", "cert.chain-incomplete",
                                         "smtp.starttls-missing", "dane.mismatch",
                                         "dane.bogus", "mtasts.mx-mismatch",
                                         "net.egress-blocked", "env.resolver-down",
                                         "env.resolver-no-dnssec", "env.ca-store-empty"};
    static const char *const warnings[] = {"cert.expires-soon", "tls.weak-dh",
                                           "dane.no-rollover", "tls.protocol-old"};
    for (size_t i = 0; i < sizeof errors / sizeof *errors; i++)
        ck_assert_msg(mxtls__catalog_find_id(errors[i])->severity == MXTLS_SEVERITY_ERROR,
                      "%s should be an error", errors[i]);
    for (size_t i = 0; i < sizeof warnings / sizeof *warnings; i++)
        ck_assert_msg(mxtls__catalog_find_id(warnings[i])->severity == MXTLS_SEVERITY_WARNING,
                      "%s should be a warning", warnings[i]);
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
                                        902, 1000, 1004, 1100, 1103, 0x7fffffff};
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
