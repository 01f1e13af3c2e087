#define _POSIX_C_SOURCE 200809L
/* MTA-STS policy and TXT record parsers (RFC 8461 sections 3.1 and 3.2).
 *
 * Everything here reads attacker-supplied bytes: the policy comes from any web
 * server that holds a certificate for mta-sts.<domain>. The parsers never read
 * past len, never trust a NUL, cap every count and copy only what they check.
 * Strict by design: a line the grammar does not allow makes the policy
 * invalid and is reported, because a sender that guesses differs from Gmail.
 */
#include "mtasts_policy.h"

#include <string.h>

#include "alloc.h"
#include "mxtls/verify.h"

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_wsp(int c)
{
    return c == ' ' || c == '\t';
}

/* Case-insensitive compare of a counted string with a literal. */
static int eq_ci(const char *s, size_t n, const char *lit)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (lit[i] == '\0' || lower((unsigned char)s[i]) != lower((unsigned char)lit[i]))
            return 0;
    }
    return lit[n] == '\0';
}

/* RFC 5321 Domain: LDH labels of 1..63 octets, no leading/trailing hyphen,
 * 253 octets at most, no trailing dot. */
static int valid_domain(const char *s, size_t n)
{
    size_t i, label = 0;

    if (n == 0 || n > 253)
        return 0;
    for (i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '.') {
            if (label == 0 || s[i - 1] == '-')
                return 0;
            label = 0;
            continue;
        }
        if (!(is_alpha(c) || is_digit(c) || (c == '-' && label > 0)))
            return 0;
        if (++label > 63)
            return 0;
    }
    return label > 0 && s[n - 1] != '-';
}

static int valid_mx_pattern(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '*' && s[1] == '.')
        return valid_domain(s + 2, n - 2);
    return valid_domain(s, n);
}

/* RFC 8461 sts-policy-ext-value: VCHAR or UTF-8 (bytes >= 0x80) with inner WSP. */
static int valid_ext_value(const char *s, size_t n)
{
    size_t i;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (!(c >= 0x21 && c != 0x7f) && !is_wsp(c))
            return 0;
    }
    return 1;
}

/* sts-policy-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".") */
static int valid_field_name(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || n > 32 || !(is_alpha((unsigned char)s[0]) || is_digit((unsigned char)s[0])))
        return 0;
    for (i = 1; i < n; i++) {
        int c = (unsigned char)s[i];
        if (!(is_alpha(c) || is_digit(c) || c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

static int fail(mxtls__sts_policy *p, int32_t line, const char *text, size_t n,
                const char *reason)
{
    size_t i, k = n < MXTLS__STS_MAX_LINE_TEXT ? n : MXTLS__STS_MAX_LINE_TEXT;

    p->bad_line = line;
    p->reason = reason;
    /* Shown to people and written to JSON: keep it printable ASCII. */
    for (i = 0; i < k; i++) {
        int c = (unsigned char)text[i];
        p->bad_text[i] = (char)((c >= 0x20 && c < 0x7f) ? c : '?');
    }
    p->bad_text[k] = '\0';
    return MXTLS__STS_PARSE_INVALID;
}

static int add_mx(mxtls__sts_policy *p, const char *v, size_t n)
{
    char *copy;
    size_t i;

    if (p->mx == NULL) {
        p->mx = mxtls__calloc(MXTLS__STS_MAX_MX, sizeof *p->mx);
        if (p->mx == NULL)
            return MXTLS__STS_PARSE_NOMEM;
    }
    copy = mxtls__malloc(n + 1);
    if (copy == NULL)
        return MXTLS__STS_PARSE_NOMEM;
    for (i = 0; i < n; i++)
        copy[i] = (char)lower((unsigned char)v[i]);
    copy[n] = '\0';
    p->mx[p->n_mx++] = copy;
    return MXTLS__STS_PARSE_OK;
}

static int parse_max_age(const char *v, size_t n, int64_t *out)
{
    int64_t age = 0;
    size_t i;

    if (n == 0 || n > 10)
        return 0;
    for (i = 0; i < n; i++) {
        if (!is_digit((unsigned char)v[i]))
            return 0;
        age = age * 10 + (v[i] - '0');
    }
    if (age > MXTLS__STS_MAX_AGE)
        return 0;
    *out = age;
    return 1;
}

/* Exact compare of a counted string with a literal: the policy's grammar
 * is case-sensitive (RFC 8461 section 3.2 writes every literal %s"..."). */
static int eq_cs(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* mode's value, exactly: enforce, testing or none; 0 for anything else. */
static int32_t parse_mode(const char *v, size_t n)
{
    if (eq_cs(v, n, "enforce"))
        return MXTLS_MTASTS_MODE_ENFORCE;
    if (eq_cs(v, n, "testing"))
        return MXTLS_MTASTS_MODE_TESTING;
    if (eq_cs(v, n, "none"))
        return MXTLS_MTASTS_MODE_NONE;
    return 0;
}

#define CASE_SPLITS_SENDERS \
    ": the policy's grammar is case-sensitive (RFC 8461 section 3.2); some senders " \
    "accept this spelling, strict ones ignore the whole policy"

/* A known field or value spelt in another case: said apart from other
 * errors, because here senders disagree and the admin must hear that. */
static int case_variant(const char *s, size_t n, const char *const *known)
{
    for (; *known != NULL; known++)
        if (eq_ci(s, n, *known) && !eq_cs(s, n, *known))
            return 1;
    return 0;
}

static const char *const FIELD_NAMES[] = {"version", "mode", "max_age", "mx", NULL};
static const char *const MODE_VALUES[] = {"enforce", "testing", "none", NULL};
static const char *const VERSION_VALUES[] = {"STSv1", NULL};

/* What a field was seen: the non-repeated ones count once (section 3.2: of
 * a duplicated field, every entry but the first SHALL be ignored). */
struct seen_fields {
    int version, mode, max_age;
    /* The first line whose name is a required field's in another case
     * ("Mode:"): an extension by the grammar, but a strict sender then
     * misses the field a lenient one reads. */
    int32_t variant_line;
    const char *variant;
    size_t variant_len, variant_name_len;
};

/* The exact field name comes after its variant ("Mode: x", then "mode:
 * y"): lenient senders took the first one, strict ones the second. */
static int after_its_variant(const struct seen_fields *seen, const char *name, size_t n)
{
    size_t i;

    if (seen->variant == NULL || seen->variant_name_len != n)
        return 0;
    for (i = 0; i < n; i++)
        if (lower((unsigned char)seen->variant[i]) != lower((unsigned char)name[i]))
            return 0;
    return 1;
}

static int parse_version(mxtls__sts_policy *p, int32_t lineno, const char *l, size_t n,
                         const char *v, size_t vn)
{
    if (eq_cs(v, vn, "STSv1"))
        return MXTLS__STS_PARSE_OK;
    if (case_variant(v, vn, VERSION_VALUES))
        return fail(p, lineno, l, n, "version must be written \"STSv1\"" CASE_SPLITS_SENDERS);
    return fail(p, lineno, l, n, "version is not STSv1");
}

/* Parse "name: value" (line without its terminator). */
static int parse_field(mxtls__sts_policy *p, int32_t lineno, const char *l, size_t n,
                       struct seen_fields *seen)
{
    const char *colon = memchr(l, ':', n);
    const char *v;
    size_t name_len, vn;

    if (colon == NULL)
        return fail(p, lineno, l, n, "line is not \"field: value\"");
    name_len = (size_t)(colon - l);
    if (!valid_field_name(l, name_len))
        return fail(p, lineno, l, n, "invalid field name");
    if (case_variant(l, name_len, FIELD_NAMES)) {
        /* mx: strict senders drop the pattern, lenient ones use it, so the
         * MX hosts the policy allows differ between them. */
        if (eq_ci(l, name_len, "mx"))
            return fail(p, lineno, l, n, "field names are lower-case" CASE_SPLITS_SENDERS);
        if (seen->variant == NULL) {
            seen->variant_line = lineno;
            seen->variant = l;
            seen->variant_len = n;
            seen->variant_name_len = name_len;
        }
        return MXTLS__STS_PARSE_OK;
    }
    v = colon + 1;
    vn = n - name_len - 1;
    while (vn > 0 && is_wsp((unsigned char)*v)) {
        v++;
        vn--;
    }
    while (vn > 0 && is_wsp((unsigned char)v[vn - 1]))
        vn--;

    if ((eq_cs(l, name_len, "version") && !seen->version) ||
        (eq_cs(l, name_len, "mode") && !seen->mode) ||
        (eq_cs(l, name_len, "max_age") && !seen->max_age)) {
        if (after_its_variant(seen, l, name_len))
            return fail(p, seen->variant_line, seen->variant, seen->variant_len,
                        "field names are lower-case" CASE_SPLITS_SENDERS);
    }
    if (eq_cs(l, name_len, "version")) {
        if (seen->version++)
            return MXTLS__STS_PARSE_OK;
        return parse_version(p, lineno, l, n, v, vn);
    }
    if (eq_cs(l, name_len, "mode")) {
        if (seen->mode++)
            return MXTLS__STS_PARSE_OK;
        p->mode = parse_mode(v, vn);
        if (p->mode == 0 && case_variant(v, vn, MODE_VALUES))
            return fail(p, lineno, l, n,
                        "mode must be enforce, testing or none in lower case" CASE_SPLITS_SENDERS);
        if (p->mode == 0)
            return fail(p, lineno, l, n, "mode is not enforce, testing or none");
        return MXTLS__STS_PARSE_OK;
    }
    if (eq_cs(l, name_len, "max_age")) {
        if (seen->max_age++)
            return MXTLS__STS_PARSE_OK;
        if (!parse_max_age(v, vn, &p->max_age)) {
            p->max_age = -1;
            return fail(p, lineno, l, n, "max_age is not an integer 0..31557600");
        }
        return MXTLS__STS_PARSE_OK;
    }
    if (eq_cs(l, name_len, "mx")) {
        if (!valid_mx_pattern(v, vn))
            return fail(p, lineno, l, n, "mx is not a host name or *.domain pattern");
        if (p->n_mx >= MXTLS__STS_MAX_MX)
            return fail(p, lineno, l, n, "too many mx lines");
        return add_mx(p, v, vn);
    }
    /* Unknown fields are extensions and are ignored, if well-formed. */
    if (!valid_ext_value(v, vn))
        return fail(p, lineno, l, n, "invalid extension field value");
    return MXTLS__STS_PARSE_OK;
}

static int only_blank_lines(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] != '\r' && s[i] != '\n')
            return 0;
    }
    return 1;
}

static int check_required(mxtls__sts_policy *p, const struct seen_fields *seen)
{
    int missing = !seen->version || p->mode == 0 || p->max_age < 0;

    if (missing && seen->variant != NULL)
        return fail(p, seen->variant_line, seen->variant, seen->variant_len,
                    "field names are lower-case" CASE_SPLITS_SENDERS);
    if (!seen->version)
        return fail(p, 0, "", 0, "no version field");
    if (p->mode == 0)
        return fail(p, 0, "", 0, "no mode field");
    if (p->max_age < 0)
        return fail(p, 0, "", 0, "no max_age field");
    if (p->mode != MXTLS_MTASTS_MODE_NONE && p->n_mx == 0)
        return fail(p, 0, "", 0, "no mx field");
    return MXTLS__STS_PARSE_OK;
}

int mxtls__sts_policy_parse(const char *buf, size_t len, mxtls__sts_policy *out)
{
    size_t pos = 0;
    int32_t lineno = 0;
    struct seen_fields seen = {0, 0, 0, 0, NULL, 0, 0};

    memset(out, 0, sizeof *out);
    out->max_age = -1;
    if (buf == NULL || len > MXTLS__STS_MAX_BODY)
        return fail(out, 0, "", 0, "policy larger than 64 KiB");
    while (pos < len) {
        const char *l = buf + pos;
        const char *nl = memchr(l, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - l) : len - pos;
        int rc;

        pos += n + (nl ? 1 : 0);
        lineno++;
        if (n > 0 && l[n - 1] == '\r') /* sts-policy-term = CRLF / LF */
            n--;
        if (memchr(l, '\0', n) != NULL)
            return fail(out, lineno, l, n, "NUL byte in policy");
        if (n == 0) {
            /* One line end may close the policy; a blank line is in the
             * grammar nowhere, not even last (sts-policy-term is optional
             * once). Senders that read the grammar strictly reject it. */
            if (only_blank_lines(buf + pos, len - pos))
                return fail(out, lineno, l, n, "a blank line at the end: only one line end may "
                            "follow the last field; strict senders reject the policy");
            return fail(out, lineno, l, n, "empty line inside the policy");
        }
        rc = parse_field(out, lineno, l, n, &seen);
        if (rc != MXTLS__STS_PARSE_OK)
            return rc;
    }
    return check_required(out, &seen);
}

void mxtls__sts_policy_clear(mxtls__sts_policy *p)
{
    size_t i;

    if (p == NULL)
        return;
    for (i = 0; i < p->n_mx; i++)
        mxtls__free(p->mx[i]);
    mxtls__free(p->mx);
    p->mx = NULL;
    p->n_mx = 0;
}

/* Compare host[0..n) with s case-insensitively; s is NUL-terminated. */
static int host_eq(const char *host, size_t n, const char *s)
{
    return strlen(s) == n && eq_ci(host, n, s);
}

int mxtls__sts_mx_match(const char *pattern, const char *host)
{
    size_t hn;
    const char *dot;

    if (pattern == NULL || host == NULL)
        return 0;
    hn = strnlen(host, 256);
    if (hn == 0 || hn > 254)
        return 0;
    if (host[hn - 1] == '.')
        hn--;
    if (pattern[0] != '*' || pattern[1] != '.')
        return host_eq(host, hn, pattern);
    /* "*.example.com" covers exactly one label left of example.com. */
    dot = memchr(host, '.', hn);
    if (dot == NULL || dot == host)
        return 0;
    return host_eq(dot + 1, hn - (size_t)(dot + 1 - host), pattern + 2);
}
