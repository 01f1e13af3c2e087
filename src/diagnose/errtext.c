#include "errtext.h"

#include <string.h>

#include "mxtls/diagnose.h"

/* Case-insensitive search for needle (lower-case ASCII) in hay[0..len).
 * Returns the offset, or -1. */
static long find_ci(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++) {
        size_t j = 0;
        while (j < n) {
            char c = hay[i + j];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != needle[j])
                break;
            j++;
        }
        if (j == n)
            return (long)i;
    }
    return -1;
}

static int has(const char *t, size_t len, const char *needle)
{
    return find_ci(t, len, needle) >= 0;
}

static int has_any(const char *t, size_t len, const char *const *needles)
{
    for (; *needles; needles++)
        if (has(t, len, *needles))
            return 1;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The decimal number starting at t[pos] (at most 3 digits), or -1. */
static int32_t number_at(const char *t, size_t len, size_t pos)
{
    int32_t v = 0;
    size_t i = pos;
    for (; i < len && i < pos + 3 && is_digit(t[i]); i++)
        v = v * 10 + (t[i] - '0');
    return i == pos ? -1 : v;
}

/* The number after needle, skipping spaces and '(' : "alert number 47". */
static int32_t number_after(const char *t, size_t len, const char *needle)
{
    long at = find_ci(t, len, needle);
    if (at < 0)
        return -1;
    size_t pos = (size_t)at + strlen(needle);
    while (pos < len && (t[pos] == ' ' || t[pos] == '('))
        pos++;
    return number_at(t, len, pos);
}

/* An alert named by an OpenSSL/BoringSSL reason: "sslv3_alert_illegal_parameter",
 * "tlsv1 alert unknown ca", "TLSV1_ALERT_USER_CANCELLED". OpenSSL writes
 * these reasons for alerts received only. Returns the number or -1, and
 * where the name is in *at, *n. */
static int32_t alert_from_reason(const char *t, size_t len, size_t *at_out, size_t *n_out)
{
    static const char *const prefixes[] = {"sslv3_alert_", "tlsv1_alert_", "sslv3 alert ",
                                           "tlsv1 alert ", "tlsv13_alert_", "tlsv13 alert "};
    for (size_t p = 0; p < sizeof prefixes / sizeof *prefixes; p++) {
        long at = find_ci(t, len, prefixes[p]);
        if (at < 0)
            continue;
        size_t pos = (size_t)at + strlen(prefixes[p]);
        char name[40];
        size_t n = 0;
        for (; pos < len && n < sizeof name - 1; pos++) {
            char c = t[pos];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c == ' ')
                c = '_';
            if (!((c >= 'a' && c <= 'z') || c == '_'))
                break;
            name[n++] = c;
        }
        name[n] = '\0';
        *at_out = (size_t)at + strlen(prefixes[p]);
        if (strcmp(name, "user_cancelled") == 0) { /* OpenSSL's spelling */
            *n_out = n;
            return 90;
        }
        for (int32_t a = 0; a < 256; a++) {
            const char *known = mxtls_alert_name(a);
            /* The reason may run on ("..._parameter:SSL alert number"). */
            if (known && strncmp(name, known, strlen(known)) == 0 &&
                (name[strlen(known)] == '\0' || name[strlen(known)] == '_')) {
                *n_out = strlen(known);
                return a;
            }
        }
    }
    return -1;
}

/* An alert in an OpenSSL 1.1 / 3.x or BoringSSL packed error code,
 * "error:14094410:" or "error:1000042e:": an SSL-library reason of
 * 1000 + N means alert N was received. Returns N or -1. */
static int32_t alert_from_error_code(const char *t, size_t len)
{
    for (long at = find_ci(t, len, "error:"); at >= 0;) {
        size_t pos = (size_t)at + 6;
        uint32_t code = 0;
        size_t digits = 0;
        for (; pos < len && digits < 8 && hex_value(t[pos]) >= 0; pos++, digits++)
            code = code << 4 | (uint32_t)hex_value(t[pos]);
        uint32_t lib = code >> 24, reason = code & 0xfff;
        int ssl_lib = lib == 0x14 || lib == 0x10 || lib == 0x0A;
        if (digits == 8 && pos < len && t[pos] == ':' && ssl_lib && reason >= 1000 &&
            reason < 1256)
            return (int32_t)(reason - 1000);
        size_t next = (size_t)at + 6;
        long rest = next < len ? find_ci(t + next, len - next, "error:") : -1;
        at = rest < 0 ? -1 : (long)next + rest;
    }
    return -1;
}

/* Alert names as libraries other than OpenSSL spell them, where the
 * spelling is not the RFC's name (which is matched in any case, with '_',
 * ' ' or nothing between words: Java's "handshake_failure", rustls's
 * "HandshakeFailure"). Go: crypto/tls alert.go; GnuTLS:
 * gnutls_alert_get_name(); OpenSSL's reasons that drop "alert". */
static const struct {
    int32_t alert;
    const char *name; /* lower case letters only */
} alert_aliases[] = {
    /* Go */
    {44, "revokedcertificate"},         {45, "expiredcertificate"},
    {46, "unknowncertificate"},         {48, "unknowncertificateauthority"},
    {50, "errordecodingmessage"},       {51, "errordecryptingmessage"},
    {70, "protocolversionnotsupported"}, {71, "insufficientsecuritylevel"},
    {111, "certificateunobtainable"},   {115, "unknownpskidentity"},
    /* GnuTLS */
    {30, "decompressionfailed"},        {40, "handshakefailed"},
    {42, "certificateisbad"},           {43, "certificateisnotsupported"},
    {44, "certificatewasrevoked"},      {45, "certificateisexpired"},
    {48, "caisunknown"},                {49, "accesswasdenied"},
    {70, "errorinprotocolversion"},     {100, "norenegotiationisallowed"},
    {110, "anunsupportedextensionwassent"}, {112, "theservernamesentwasnotrecognized"},
    {109, "anextensionwasexpectedbutwasnotseen"}, {116, "certificateisrequired"},
    {120, "nosupportedapplicationprotocolcouldbenegotiated"},
    /* OpenSSL's spelling of user_canceled */
    {90, "usercancelled"},
};

/* The letters of t[pos..] up to the end of the phrase (a ':', '.', ',',
 * ')' or line end), lower case, without blanks, '_' and '-'. */
static void squeeze(const char *t, size_t len, size_t pos, char *out, size_t size)
{
    size_t n = 0;
    for (; pos < len && n + 1 < size; pos++) {
        char c = t[pos];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c >= 'a' && c <= 'z')
            out[n++] = c;
        else if (c != ' ' && c != '_' && c != '-')
            break;
    }
    out[n] = '\0';
}

static size_t squeezed_len_match(const char *text, const char *name)
{
    size_t n = strlen(name);
    return strncmp(text, name, n) == 0 ? n : 0;
}

/* The octets of t[pos..] that hold the first `letters` letters of a
 * name, the blanks, '_' and '-' between them included. */
static size_t raw_length(const char *t, size_t len, size_t pos, size_t letters)
{
    size_t i = pos;
    for (size_t seen = 0; i < len && seen < letters; i++) {
        char c = t[i];
        seen += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return i - pos;
}

/* The alert whose name, in any library's spelling, starts t[pos..]; the
 * longest name wins ("bad certificate status response" over "bad
 * certificate"). -1 if none; *n: the octets the name takes. */
static int32_t alert_named_at(const char *t, size_t len, size_t pos, size_t *n_out)
{
    char text[64], rfc[64];
    squeeze(t, len, pos, text, sizeof text);
    int32_t best = -1;
    size_t best_len = 0;
    for (int32_t a = 0; a < 256; a++) {
        const char *known = mxtls_alert_name(a);
        if (known == NULL)
            continue;
        squeeze(known, strlen(known), 0, rfc, sizeof rfc);
        size_t n = squeezed_len_match(text, rfc);
        if (n > best_len)
            best = a, best_len = n;
    }
    for (size_t i = 0; i < sizeof alert_aliases / sizeof *alert_aliases; i++) {
        size_t n = squeezed_len_match(text, alert_aliases[i].name);
        if (n > best_len)
            best = alert_aliases[i].alert, best_len = n;
    }
    *n_out = raw_length(t, len, pos, best_len);
    return best;
}

/* Phrases after which a library names an alert, and whether the side that
 * wrote the text received it (1) or sent it (0). */
static const struct {
    const char *phrase;
    int received;
    int numeric; /* a number follows, not a name */
} alert_phrases[] = {
    {"remote error: tls: ", 1, 0},           /* Go */
    {"local error: tls: ", 0, 0},            /* Go, its own alert */
    {"received fatal alert: ", 1, 0},        /* Java, rustls */
    {"alertreceived(", 1, 0},                /* rustls's Error in Debug form */
    {"erroralertreceived", 1, 0},            /* MesaLink: TLSErrorAlertReceivedHandshakeFailure */
    {"sent a tls alert: ", 1, 0},            /* .NET SslStream: 'HandshakeFailure' */
    {"received alert: ", 1, 0},
    {"alert has been received: ", 1, 0},     /* GnuTLS callers adding the name */
    {"rxd alert: ", 1, 0},                   /* Exim with GnuTLS (tls-gnu.c) */
    {"tlsv1 unrecognized name", 1, 0},       /* OpenSSL: reasons without "alert" */
    {"tlsv1_unrecognized_name", 1, 0},
    {"received alert [", 1, 1},              /* gnutls-cli "*** Received alert [47]" */
    {"fatal alert was received from the remote endpoint. the tls protocol defined fatal "
     "alert code is", 1, 1},                  /* Windows SChannel */
    {"fatal alert was generated and sent to the remote endpoint. the tls protocol "
     "defined fatal alert code is", 0, 1},
    {"tls protocol defined fatal alert code is", 1, 1},
    /* SChannel's event 36888, the alert it sent, as older Windows words
     * it ("The fatal Warning has the following code defined for the TLS
     * protocol: 10") and as newer does ("... fatal error code is 10") */
    {"code defined for the tls protocol:", 0, 1},
    {"tls protocol defined fatal error code is", 0, 1},
    {"the following fatal alert was generated:", 0, 1},
    {"the following fatal alert was received:", 1, 1},
    {"fatal alert code is", 1, 1},
};

/* An alert named by one of alert_phrases. Sets *received, and where the
 * name is (*at, *n; n 0 for a number). -1 if none. */
static int32_t alert_from_phrase(const char *t, size_t len, int *received, size_t *at_out,
                                 size_t *n_out)
{
    for (size_t i = 0; i < sizeof alert_phrases / sizeof *alert_phrases; i++) {
        long at = find_ci(t, len, alert_phrases[i].phrase);
        if (at < 0)
            continue;
        size_t pos = (size_t)at + strlen(alert_phrases[i].phrase);
        int32_t a;
        size_t n = 0;
        if (alert_phrases[i].numeric)
            a = number_after(t + at, len - (size_t)at, alert_phrases[i].phrase);
        else if (strncmp(alert_phrases[i].phrase, "tlsv1", 5) == 0)
            a = 112;
        else {
            while (pos < len && (t[pos] == '\'' || t[pos] == '"'))
                pos++; /* .NET quotes the name */
            a = alert_named_at(t, len, pos, &n);
        }
        if (a >= 0) {
            *received = alert_phrases[i].received;
            *at_out = pos;
            *n_out = n;
            return a;
        }
    }
    return -1;
}

static int host_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' ||
           c == '-' || c == '_';
}

/* Copy the host name that ends just before t[end] into out, if it looks like
 * one (has a dot and a letter, is not an IP address). */
static int take_host_before(const char *t, size_t end, char *out, size_t out_size)
{
    size_t start = end;
    while (start > 0 && host_char(t[start - 1]) && end - start < out_size - 1)
        start--;
    size_t n = end - start;
    while (n > 0 && t[start + n - 1] == '.')
        n--; /* "mx.example.com." as Gmail writes it */
    int dot = 0, letter = 0;
    for (size_t i = start; i < start + n; i++) {
        dot |= t[i] == '.';
        letter |= (t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z');
    }
    if (n == 0 || !dot || !letter)
        return 0;
    memcpy(out, t + start, n);
    out[n] = '\0';
    return 1;
}

static int hex_or_colon(char c)
{
    return hex_value(c) >= 0 || c == ':' || c == '.';
}

/* The port after a ':' at t[pos] (pos < len): 1..65535 in at most five
 * digits, with no more of a name after it ("mx:0db8", "mx:25x"); a ':' or
 * a full stop may follow, as in Go's "dial tcp mx.example.org:465: i/o
 * timeout". A bare IPv6 literal's groups never come here: the caller
 * takes "2001:25::1" whole. -1 if none. */
static int32_t port_at(const char *t, size_t len, size_t pos)
{
    if (pos >= len || t[pos] != ':')
        return -1;
    size_t i = pos + 1;
    int32_t v = 0;
    while (i < len && is_digit(t[i]) && i - pos <= 5)
        v = v * 10 + (t[i++] - '0');
    if (i == pos + 1 ||
        (i < len && t[i] != '.' && host_char(t[i])) ||
        (i + 1 < len && t[i] == '.' && host_char(t[i + 1])))
        return -1; /* a sentence's full stop may follow, not more of a name */
    return v >= 1 && v <= 65535 ? v : -1;
}

size_t mxtls__errtext_host_port(const char *t, size_t len, size_t *host_at, size_t *host_len,
                                int32_t *port)
{
    *host_at = *host_len = 0;
    *port = -1;
    if (len == 0)
        return 0;
    if (t[0] == '[') {
        /* an IPv6 (or IPv4) literal: only its characters up to ']' */
        size_t n = 0;
        while (1 + n < len && n < 64 && hex_or_colon(t[1 + n]))
            n++;
        if (n < 2 || 1 + n >= len || t[1 + n] != ']')
            return 0; /* no closing bracket: what follows is no port */
        *host_at = 1;
        *host_len = n;
        *port = port_at(t, len, n + 2);
        return n + 2;
    }
    /* a bare IPv6 literal ("2001:db8::25", "::1", "::ffff:192.0.2.1"): no
     * port can follow. A lone colon at its end is the text's ("...::7:
     * refused"), and dots come only after its last colon: "192.0.2.7:465:"
     * (Go's "dial tcp ADDR:PORT: ...") is an IPv4 address and its port. */
    size_t v6 = 0, colons = 0;
    while (v6 < len && v6 < 64 && hex_or_colon(t[v6]))
        colons += t[v6++] == ':';
    if (v6 >= 2 && t[v6 - 1] == ':' && t[v6 - 2] != ':')
        v6--, colons--;
    const char *dot = memchr(t, '.', v6), *colon = t + v6;
    while (colon > t && colon[-1] != ':')
        colon--;
    if (colons >= 2 && (dot == NULL || dot >= colon) && (v6 >= len || !host_char(t[v6]))) {
        *host_len = v6;
        return v6;
    }
    size_t n = 0;
    while (n < len && host_char(t[n]))
        n++;
    if (n == 0)
        return 0;
    *host_len = n;
    *port = port_at(t, len, n);
    return n;
}

/* Words that a program writes right before the host:port it was
 * connecting to: openssl s_client's "-connect", Go's net.Dial errors
 * ("dial tcp 192.0.2.1:25: i/o timeout", "dial tcp: lookup mx.example.com
 * on ..."), Node's (nodemailer's) "connect ETIMEDOUT 192.0.2.1:587" and
 * the lookup before it ("getaddrinfo EAI_AGAIN smtp.example.com:587"). */
static const char *const target_markers[] = {
    "-connect ", "dial tcp ", "dial tcp4 ", "dial tcp6 ", "dial tcp: lookup ",
    /* PHPMailer's debug output ("Connection: opening to smtp.example.com:587")
     * and PHP's streams ("unable to connect to ssl://smtp.example.com:465") */
    "opening to ssl://", "opening to tls://", "opening to ",
    "unable to connect to ssl://", "unable to connect to tls://", "unable to connect to ",
    "connect etimedout ", "connect econnrefused ", "connect ehostunreach ",
    "connect enetunreach ", "connect econnreset ", "getaddrinfo enotfound ",
    "getaddrinfo eai_again ",
};

/* The first target after marker: a name or an address literal (with a
 * dot or a colon, so no bare word), and its port. */
static int target_after(const char *t, size_t len, const char *marker,
                        struct mxtls__error_facts *f)
{
    for (long at = find_ci(t, len, marker); at >= 0;) {
        size_t pos = (size_t)at + strlen(marker);
        size_t host_at, host_len;
        int32_t port;
        size_t n = mxtls__errtext_host_port(t + pos, len - pos, &host_at, &host_len, &port);
        int dot_or_colon = memchr(t + pos + host_at, '.', host_len) != NULL ||
                           memchr(t + pos + host_at, ':', host_len) != NULL;
        if (n > 0 && dot_or_colon && host_len < sizeof f->host) {
            memcpy(f->host, t + pos + host_at, host_len);
            f->host[host_len] = '\0';
            f->port = port;
            return 1;
        }
        long rest = pos < len ? find_ci(t + pos, len - pos, marker) : -1;
        at = rest < 0 ? -1 : (long)pos + rest;
    }
    return 0;
}

/* A firewall's log of a packet it dropped (netfilter's LOG target, as
 * ConfigServer Firewall and UFW write it): "DST=198.51.100.9 ... DPT=465",
 * the address and port the connection was for. */
static int firewall_target(const char *t, size_t len, struct mxtls__error_facts *f)
{
    long dst = find_ci(t, len, " dst="), dpt = find_ci(t, len, " dpt=");
    if (dst < 0 || dpt < 0)
        return 0;
    size_t pos = (size_t)dst + 5, n = 0;
    while (pos + n < len && host_char(t[pos + n]))
        n++;
    int dot_or_colon = memchr(t + pos, '.', n) != NULL || memchr(t + pos, ':', n) != NULL;
    int32_t port = 0;
    size_t d = (size_t)dpt + 5, digits = 0;
    while (d + digits < len && digits < 5 && is_digit(t[d + digits]))
        port = port * 10 + (t[d + digits++] - '0');
    if (!dot_or_colon || n >= sizeof f->host || digits == 0 || port < 1 || port > 65535)
        return 0;
    memcpy(f->host, t + pos, n);
    f->host[n] = '\0';
    f->port = port;
    return 1;
}

/* The host a tool or library says it was connecting to, and its port. */
static int connect_target(const char *t, size_t len, struct mxtls__error_facts *f)
{
    for (size_t i = 0; i < sizeof target_markers / sizeof target_markers[0]; i++)
        if (target_after(t, len, target_markers[i], f))
            return 1;
    return firewall_target(t, len, f);
}

/* A host the text names: Postfix "to mx.example.com[192.0.2.1]:25",
 * Exim "connection to mx.example.com [192.0.2.1]", Gmail
 * "[mx.example.com. 192.0.2.1: timed out]", "host mx.example.com said". */
static void find_host(const char *t, size_t len, char *out, size_t out_size)
{
    out[0] = '\0';
    for (size_t i = 1; i < len; i++) {
        if (t[i] == '[' && take_host_before(t, t[i - 1] == ' ' ? i - 1 : i, out, out_size))
            return;
        if (t[i] == ' ' && t[i - 1] == '.' && i + 1 < len && is_digit(t[i + 1]) &&
            take_host_before(t, i, out, out_size))
            return;
    }
    long at = find_ci(t, len, "host ");
    if (at >= 0) {
        size_t pos = (size_t)at + 5, end = pos;
        while (end < len && host_char(t[end]))
            end++;
        take_host_before(t, end, out, out_size);
    }
}

/* The first SMTP reply code: "454 4.7.0 ..." or "said: 530 ...". */
static int32_t find_smtp_code(const char *t, size_t len)
{
    for (size_t i = 0; i + 5 <= len; i++) {
        if ((t[i] != '4' && t[i] != '5') || (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == '.')))
            continue;
        if (!is_digit(t[i + 1]) || !is_digit(t[i + 2]) || (t[i + 3] != ' ' && t[i + 3] != '-'))
            continue;
        /* An enhanced status code after it ("4.7.0") confirms an SMTP reply. */
        if (i + 6 < len && t[i + 4] == t[i] && t[i + 5] == '.' && is_digit(t[i + 6]))
            return number_at(t, len, i);
        if (i >= 6 && find_ci(t + i - 6, 6, "said: ") == 0)
            return number_at(t, len, i);
    }
    return 0;
}

static int32_t detect_source(const char *t, size_t len)
{
    static const char *const gmail[] = {"tls negotiation failed", "failed_precondition",
                                        "gsmtp", "starttls error (", NULL};
    static const char *const exim[] = {"tls error on connection", "exim", " h=", NULL};
    static const char *const gnutls[] = {"gnutls", "a tls fatal alert has been received",
                                         "an illegal parameter has been received", NULL};
    if (has_any(t, len, gmail))
        return MXTLS_TEXT_GMAIL;
    if (has(t, len, "postfix/"))
        return MXTLS_TEXT_POSTFIX;
    if (has_any(t, len, exim))
        return MXTLS_TEXT_EXIM;
    if (has(t, len, "openssl_internal"))
        return MXTLS_TEXT_BORINGSSL;
    if (has(t, len, "ssl routines") || has(t, len, "ssl alert number") ||
        has(t, len, "ssl3_") || has(t, len, "ssl_connect"))
        return MXTLS_TEXT_OPENSSL;
    if (has_any(t, len, gnutls))
        return MXTLS_TEXT_GNUTLS;
    return MXTLS_TEXT_UNKNOWN;
}

struct flag_words {
    uint32_t flag;
    const char *const words[10];
};

static const struct flag_words flag_table[] = {
    {ERR_TLS_NEGOTIATION_FAILED, {"tls negotiation failed", "starttls error", NULL}},
    {ERR_CERT_NAME_MISMATCH, {"doesn't match the host", "does not match the host",
                              "name mismatch", "hostname mismatch", "doesn't match",
                              "does not match", "not match the expected", NULL}},
    {ERR_CERT_SELF_SIGNED, {"self-signed", "self signed", "self_signed", NULL}},
    {ERR_CERT_EXPIRED, {"certificate has expired", "certificate expired", "expired certificate",
                        "certificate_expired", "has expired", NULL}},
    {ERR_CERT_NOT_YET_VALID, {"not yet valid", "not_yet_valid", NULL}},
    {ERR_CERT_UNTRUSTED, {"unable to get local issuer", "untrusted issuer", "unknown ca",
                          "unknown_ca", "certificate verify failed", "verification failed",
                          "not trusted", "issuer is unknown", "untrusted tls connection", NULL}},
    {ERR_TIMEOUT, {"timed out", "timeout", NULL}},
    {ERR_REFUSED, {"connection refused", NULL}},
    {ERR_STARTTLS_NOT_OFFERED, {"was not offered", "starttls not supported",
                                "does not support starttls", "starttls is not supported",
                                "not advertise starttls", "no starttls", NULL}},
    {ERR_NO_SHARED_CIPHER, {"no shared cipher", "no cipher suites in common",
                            "could not negotiate a supported cipher",
                            "insufficient security", "insufficient_security", NULL}},
    {ERR_PROTOCOL_VERSION, {"unsupported protocol", "wrong ssl version", "protocol version",
                            "protocol_version", "version too low", NULL}},
    {ERR_NOT_TLS, {"wrong version number", "unknown protocol", "http request",
                   "packet length too long", "unexpected length", NULL}},
    {ERR_RESET, {"connection reset", "reset by peer", "lost connection", "unexpected eof",
                 "premature termination", NULL}},
    {ERR_DANE, {"dane", "tlsa", NULL}},
    {ERR_MTA_STS, {"mta-sts", "mta_sts", "sts policy", NULL}},
    {ERR_CERT_LOAD, {"tls not available due to local problem", "cannot get rsa certificate",
                     "cannot get ecdsa certificate", "cannot load certificate",
                     "cannot load private key", "unable to load certificate", NULL}},
};

/* The side whose log the text is: the receiving server's own, or a sender's. */
static int logged_by_server(const char *t, size_t len)
{
    static const char *const server[] = {"postfix/smtpd", "ssl_accept", "connection from",
                                         "tls error on connection from", NULL};
    return has_any(t, len, server);
}

static void find_alert(const char *t, size_t len, struct mxtls__error_facts *f)
{
    int32_t alert = number_after(t, len, "ssl alert number");
    size_t words_at = 0, words_len = 0, reason_at = 0, reason_len = 0;
    int32_t named = alert_from_reason(t, len, &reason_at, &reason_len);
    if (alert < 0)
        alert = named;
    if (alert >= 0 && named == alert)
        words_at = reason_at, words_len = reason_len;
    if (alert < 0)
        alert = alert_from_error_code(t, len);
    int received = 1;
    if (alert < 0)
        alert = alert_from_phrase(t, len, &received, &words_at, &words_len);
    if (alert >= 0 && alert < 256 && words_at + words_len <= len) {
        f->alert_words_at = (uint32_t)words_at;
        f->alert_words_len = (uint32_t)words_len;
    }
    if (alert >= 0 && alert < 256 && !received) {
        /* The side that wrote the text sent it. */
        f->alert = alert;
        f->alert_sender = f->logged_by_server ? MXTLS_PEER_SERVER : MXTLS_PEER_CLIENT;
        return;
    }
    if (alert >= 0 && alert < 256) {
        /* Reasons and "alert number N" report an alert that was received: it
         * came from the other side than the one that logged it. */
        f->alert = alert;
        f->alert_sender = f->logged_by_server ? MXTLS_PEER_CLIENT : MXTLS_PEER_SERVER;
        return;
    }
    if (has(t, len, "an illegal parameter has been received")) {
        /* GnuTLS found the parameter itself and answers with alert 47. */
        f->alert = 47;
        f->alert_sender = f->logged_by_server ? MXTLS_PEER_SERVER : MXTLS_PEER_CLIENT;
    }
}

void mxtls__errtext_from_receiver(struct mxtls__error_facts *f)
{
    if (f->logged_by_server)
        return;
    f->logged_by_server = 1;
    if (f->alert_sender == MXTLS_PEER_SERVER)
        f->alert_sender = MXTLS_PEER_CLIENT;
    else if (f->alert_sender == MXTLS_PEER_CLIENT)
        f->alert_sender = MXTLS_PEER_SERVER;
}

void mxtls__errtext_parse(const char *text, size_t len, struct mxtls__error_facts *f)
{
    memset(f, 0, sizeof *f);
    f->alert = -1;
    f->gmail_starttls_error = -1;
    if (text == NULL)
        return;
    if (len > MXTLS__ERRTEXT_MAX)
        len = MXTLS__ERRTEXT_MAX;
    f->source = detect_source(text, len);
    f->logged_by_server = logged_by_server(text, len);
    f->gmail_starttls_error = number_after(text, len, "starttls error");
    find_alert(text, len, f);
    for (size_t i = 0; i < sizeof flag_table / sizeof flag_table[0]; i++)
        if (has_any(text, len, flag_table[i].words))
            f->flags |= flag_table[i].flag;
    f->smtp_code = find_smtp_code(text, len);
    f->port = -1;
    if (!connect_target(text, len, f))
        find_host(text, len, f->host, sizeof f->host);
}
