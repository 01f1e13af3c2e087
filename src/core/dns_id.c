/* The RFC 6125 (section 6.4) matcher of a certificate's DNS-ID against a
 * reference name: see dns_id.h. Pure and bounded. */
#define _POSIX_C_SOURCE 200809L
#include "dns_id.h"

#include <string.h>

#define MAX_NAME 253u

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* Length without one trailing dot; 0 if empty or too long. */
static size_t name_len(const char *s)
{
    size_t n = strnlen(s, MAX_NAME + 2);

    if (n > 0 && s[n - 1] == '.')
        n--;
    return n <= MAX_NAME ? n : 0;
}

static int eq_ci_n(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    }
    return 1;
}

/* Every label of s[0..n) non-empty: no leading dot, no "..". */
static int labels_non_empty(const char *s, size_t n)
{
    size_t i;

    if (s[0] == '.')
        return 0;
    for (i = 1; i < n; i++) {
        if (s[i] == '.' && s[i - 1] == '.')
            return 0;
    }
    return 1;
}

/* A host name label a wildcard may stand for: letters, digits, '-', '_'. */
static int wildcard_label_ok(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
    }
    return n > 0;
}

int mxtls__dns_id_match(const char *pattern, const char *ref)
{
    size_t pn, rn, rest;
    const char *dot;

    if (pattern == NULL || ref == NULL)
        return 0;
    pn = name_len(pattern);
    rn = name_len(ref);
    /* Only the reference name may end in a dot: a dNSName is in preferred
     * name syntax (RFC 5280 section 4.2.1.6), so "example.com." names
     * nothing a sender looks for. A reference is a host name: never a '*'. */
    if (pn == 0 || rn == 0 || pattern[pn] == '.' || memchr(ref, '*', rn) != NULL ||
        !labels_non_empty(pattern, pn) || !labels_non_empty(ref, rn))
        return 0;
    if (memchr(pattern, '*', pn) == NULL)
        return pn == rn && eq_ci_n(pattern, ref, pn);
    /* Only "*." + at least two labels; any other '*' never matches. */
    if (pn < 4 || pattern[0] != '*' || pattern[1] != '.' ||
        memchr(pattern + 1, '*', pn - 1) != NULL ||
        memchr(pattern + 2, '.', pn - 2) == NULL)
        return 0;
    dot = memchr(ref, '.', rn);
    if (dot == NULL || !wildcard_label_ok(ref, (size_t)(dot - ref)))
        return 0; /* the wildcard covers exactly one host name label */
    rest = rn - (size_t)(dot - ref);
    return rest == pn - 1 && eq_ci_n(dot, pattern + 1, rest);
}
