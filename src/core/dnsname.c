/* Caller-supplied names: see dnsname.h. */
#define _POSIX_C_SOURCE 200809L
#include "dnsname.h"

#include "inet.h"

#include <idn2.h>
#include <stdio.h>
#include <string.h>

/* Inputs longer than this are refused before IDNA sees them: no valid
 * name comes close, and it bounds libidn2's work on hostile input. */
#define MAX_INPUT 1024

static int is_name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static int has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

/* "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 address literals) and
 * bare addresses. Writes the address text to out. Laxer than
 * mxtls__is_address_literal (names.h), on purpose: a target typed by hand
 * may leave out the "IPv6:" tag ("[2001:db8::1]"), and the tag is not
 * checked against the family ("[IPv6:192.0.2.1]" is 192.0.2.1). */
static int try_ip(const char *in, size_t n, char *out, size_t cap)
{
    char tmp[64];
    if (n >= 2 && in[0] == '[' && in[n - 1] == ']') {
        in++;
        n -= 2;
        if (n > 5 && strncmp(in, "IPv6:", 5) == 0) {
            in += 5;
            n -= 5;
        }
    }
    if (n == 0 || n >= sizeof tmp || n >= cap)
        return 0;
    memcpy(tmp, in, n);
    tmp[n] = '\0';
    int fam = mxtls__inet_parse(tmp, 0, NULL);
    if (fam)
        memcpy(out, tmp, n + 1);
    return fam;
}

/* The input, quoted for a detail string: at most 80 bytes, and bytes that
 * are not printable ASCII as \xNN so the detail is always valid UTF-8. */
static void quote(const char *in, char *q, size_t cap)
{
    size_t o = 0, i = 0;
    for (; in[i] && i < 80 && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            q[o++] = (char)c;
        else
            o += (size_t)snprintf(q + o, cap - o, "\\x%02x", c);
    }
    if (in[i] && o + 4 < cap)
        o += (size_t)snprintf(q + o, cap - o, "...");
    q[o] = '\0';
}

static int fail(char *detail, size_t dcap, const char *what, const char *in)
{
    char q[400];
    quote(in, q, sizeof q);
    if (detail && dcap)
        snprintf(detail, dcap, "invalid name \"%s\": %s", q, what);
    return -1;
}

/* Label and character checks on an ASCII name with no trailing dot. */
static int check_ascii(const char *s, char *detail, size_t dcap, const char *orig)
{
    size_t label = 0, n = strlen(s);
    char what[96];
    if (n == 0)
        return fail(detail, dcap, "it is empty", orig);
    if (n > MXTLS__NAME_MAX) {
        snprintf(what, sizeof what, "%zu octets, more than %d", n, MXTLS__NAME_MAX);
        return fail(detail, dcap, what, orig);
    }
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' || c == '\0') {
            if (label == 0)
                return fail(detail, dcap, "it has an empty label (\"..\" or a leading dot)", orig);
            if (label > 63) {
                snprintf(what, sizeof what, "a label of %zu octets, more than 63", label);
                return fail(detail, dcap, what, orig);
            }
            label = 0;
            continue;
        }
        if (!is_name_char(c)) {
            snprintf(what, sizeof what, "character 0x%02x at offset %zu is not allowed", c, i);
            return fail(detail, dcap, what, orig);
        }
        label++;
    }
    return 0;
}

/* IDNA2008 with UTS#46 mapping (what browsers and mail clients do). */
static int to_alabel(const char *in, char *out, size_t cap, char *detail, size_t dcap)
{
    char *a = NULL;
    int rc = idn2_to_ascii_8z(in, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    if (rc != IDN2_OK) {
        char what[160];
        snprintf(what, sizeof what, "IDNA conversion failed: %s", idn2_strerror(rc));
        return fail(detail, dcap, what, in);
    }
    size_t n = strlen(a);
    int ok = n < cap;
    if (ok)
        memcpy(out, a, n + 1);
    idn2_free(a);
    return ok ? 0 : fail(detail, dcap, "its A-label form is too long", in);
}

int mxtls__name_normalize(const char *in, char *out, size_t cap, int *kind,
                          char *detail, size_t dcap)
{
    char buf[MAX_INPUT + 1];
    if (!in || !*in)
        return fail(detail, dcap, "it is empty", in ? in : "");
    size_t n = strnlen(in, MAX_INPUT + 1);
    if (n > MAX_INPUT)
        return fail(detail, dcap, "it is far longer than any DNS name", in);
    if (cap <= MXTLS__NAME_MAX)
        return -1;
    memcpy(buf, in, n + 1);
    if (n > 1 && buf[n - 1] == '.' && buf[n - 2] != '.')
        buf[--n] = '\0';               /* one trailing dot: fully qualified */
    *kind = try_ip(buf, n, out, cap);
    if (*kind)
        return 0;
    if (has_non_ascii(buf)) {
        char a[MAX_INPUT + 1];
        if (to_alabel(buf, a, sizeof a, detail, dcap) < 0)
            return -1;
        memcpy(buf, a, strlen(a) + 1);
    }
    if (check_ascii(buf, detail, dcap, in) < 0)
        return -1;
    for (size_t i = 0; buf[i]; i++)
        out[i] = (buf[i] >= 'A' && buf[i] <= 'Z') ? (char)(buf[i] + 32) : buf[i];
    out[strlen(buf)] = '\0';
    return 0;
}

int mxtls__name_is_ldh(const char *name)
{
    for (; *name; name++)
        if (*name != '.' && (!is_name_char((unsigned char)*name) || *name == '_'))
            return 0;
    return 1;
}

static size_t hex_run(const char *s)
{
    size_t n = 0;
    while ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f') ||
           (s[n] >= 'A' && s[n] <= 'F'))
        n++;
    return n;
}

/* Cloudflare's origin labels carry a hash of at least 6 hex digits. */
int mxtls__name_is_cdn_origin(const char *name)
{
    size_t h;
    if (strncmp(name, "_dc-mx.", 7) == 0) {
        h = hex_run(name + 7);
        return h >= 6 && (name[7 + h] == '.' || name[7 + h] == '\0');
    }
    if (strncmp(name, "dc-", 3) == 0) {
        h = hex_run(name + 3);
        return h >= 6 && (name[3 + h] == '.' || name[3 + h] == '\0');
    }
    return 0;
}

/* Name suffixes of providers' real mail hosts (lower case, leading dot). */
static const struct {
    const char *suffix;
    const char *provider;
} mail_hosts[] = {
    {".mx.cloudflare.net", "cloudflare"},
};

const char *mxtls__provider_mail_host(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    for (size_t i = 0; i < sizeof mail_hosts / sizeof mail_hosts[0]; i++) {
        size_t k = strlen(mail_hosts[i].suffix);
        if (n > k && strcmp(name + n - k, mail_hosts[i].suffix) == 0)
            return mail_hosts[i].provider;
    }
    return NULL;
}
