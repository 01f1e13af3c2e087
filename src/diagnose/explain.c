/* mxtls_explain(): what a pasted error text means, which side sent what,
 * the likely causes (as catalogue findings) and the check that settles it. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "alerts.h"
#include "alloc.h"
#include "buffer.h"
#include "errtext.h"
#include "errtext_delivered.h"
#include "errtext_scanners.h"
#include "errtext_headers.h"
#include "errtext_markup.h"
#include "errtext_norm.h"
#include "explain_context.h"
#include "explain_match.h"
#include "finding.h"
#include "ctx.h"
#include "inet.h"
#include "ranges.h"

/* An alert's causes, most likely first: the first is a strong sign (2),
 * the rest hints (1), so that words of the text that name a cause go
 * before what an alert number suggests. An alert whose name is the cause
 * (certificate_expired, protocol_version, certificate_required) names it
 * (3). Certificate alerts only mean something from the side that checks
 * the certificate. */
static void causes_from_alert(const struct mxtls__error_facts *f,
                              struct mxtls__explain_scores *s)
{
    int from_server = f->alert_sender == MXTLS_PEER_SERVER;
    int from_verifier = f->alert_sender == MXTLS_PEER_CLIENT; /* the sender checks the cert */

    int32_t causes[4] = {0};
    switch (f->alert) {
    case -1:
        return;
    case 47:
        if (from_server) {
            causes[0] = MXTLS_F_TLS_SNI_REJECTED;
            causes[1] = MXTLS_F_DNS_MX_NON_LDH;
            causes[2] = MXTLS_F_NET_PROXIED;
        }
        break;
    case 70:
        /* From the server, it refused every version the client offered:
         * an old server past a modern client's minimum, or an old client
         * (a library pinned to TLS 1.0) below the server's. The words
         * around it say which side's log it is (explain_rules.c). */
        causes[0] = MXTLS_F_TLS_PROTOCOL_OLD;
        causes[1] = from_server ? MXTLS_F_SENDER_TLS_CONFIG : 0;
        break;
    case 40:
    case 71:
        causes[0] = MXTLS_F_TLS_NO_SHARED_CIPHER;
        causes[1] = MXTLS_F_TLS_WEAK_DH;
        causes[2] = MXTLS_F_TLS_PROTOCOL_OLD;
        break;
    case 112:
        /* unrecognized_name: from the server, a fatal refusal of the SNI
         * name the client sent; its certificate for no SNI comes second */
        causes[0] = from_server ? MXTLS_F_TLS_SNI_REJECTED : MXTLS_F_CERT_DEFAULT_WITHOUT_SNI;
        causes[1] = from_server ? MXTLS_F_CERT_DEFAULT_WITHOUT_SNI : 0;
        break;
    case 116:
        causes[0] = MXTLS_F_TLS_CLIENT_CERT_REQUIRED;
        break;
    case 45:
        causes[0] = MXTLS_F_CERT_EXPIRED;
        causes[1] = MXTLS_F_CERT_NOT_YET_VALID;
        break;
    case 48:
        /* unknown_ca: the issuer is in no store the client has, what an
         * untrusted chain is; a self-signed certificate (a server's
         * default one) is the commonest such issuer, and comes second
         * (on the corpus the threads concluded the general cause more
         * often). */
        if (from_verifier) {
            causes[0] = MXTLS_F_CERT_UNTRUSTED;
            causes[1] = MXTLS_F_CERT_SELF_SIGNED;
            causes[2] = MXTLS_F_CERT_CHAIN_INCOMPLETE;
        } else if (from_server) {
            /* the server does not trust the client certificate's issuer */
            causes[0] = MXTLS_F_TLS_CLIENT_CERT_REQUIRED;
        }
        break;
    case 42:
    case 43:
    case 46:
        /* From the server, they reject the client's own certificate, or
         * its having none (Go's servers send bad_certificate when a
         * required client certificate is missing). */
        if (from_server)
            causes[0] = MXTLS_F_TLS_CLIENT_CERT_REQUIRED;
        /* The clients that send these during the handshake do so when
         * the chain does not verify: Go and NSS send bad_certificate for
         * an unknown issuer (on a mail server most often its own
         * self-signed certificate), Java and Android certificate_unknown
         * for any chain they do not trust. Many check the name only
         * after the handshake, with no alert at all. So trust first,
         * then the name. */
        if (from_verifier) {
            int java = f->alert == 46;
            causes[0] = java ? MXTLS_F_CERT_UNTRUSTED : MXTLS_F_CERT_SELF_SIGNED;
            causes[1] = java ? MXTLS_F_CERT_SELF_SIGNED : MXTLS_F_CERT_UNTRUSTED;
            causes[2] = MXTLS_F_CERT_NAME_MISMATCH;
        }
        break;
    case 80:
        /* A fault on the server, most often a certificate or key it could
         * not load: tls.alert says so. Not "STARTTLS refused": the server
         * accepted STARTTLS, and that finding's title names a 454 reply
         * the text does not have. */
        if (from_server)
            causes[0] = MXTLS_F_TLS_ALERT;
        break;
    default:
        break;
    }
    char said[64];
    const char *name = mxtls_alert_name(f->alert);
    snprintf(said, sizeof said, "alert %d (%s)", (int)f->alert, name ? name : "unknown");
    int names_cause = f->alert == 45 || (f->alert == 70 && !from_server) || f->alert == 116;
    for (size_t i = 0; i < 4 && causes[i]; i++)
        mxtls__explain_support(s, causes[i], i > 0 ? 1 : names_cause ? 3 : 2, said);
    mxtls__explain_support(s, MXTLS_F_TLS_ALERT, 1, said);
}

/* A reply that refuses ("550 5.4.1 Recipient address rejected: Access
 * denied", Exchange Online's directory-based edge blocking) came from a
 * host that answered, whatever its code's registry meaning says. */
static const char *const ANSWERED[] = {"rejected", "denied", NULL};

/* The enhanced status codes of RFC 3463 and the IANA registry (RFC 5248)
 * whose meaning points at a cause, for any class (4 or 5): the "subject.
 * detail" part, the cause, how strongly, and the sides it holds for
 * (0: any). A code alone is a hint; the words beside it decide. */
static const struct {
    int subject, detail;
    int32_t cause;
    int weight;
    uint32_t sides;
    const char *meaning;
    const char *const *unless; /* NULL, or words that show the reply meant
                                  something else by the code */
} status_codes[] = {
    /* X.7.10 Encryption needed, X.7.11 Encryption required for the
     * requested authentication mechanism: no TLS was started. */
    {7, 10, MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 1u << MXTLS_SIDE_CLIENT, "encryption needed",
     NULL},
    {7, 11, MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, 1u << MXTLS_SIDE_CLIENT,
     "encryption required for the authentication mechanism", NULL},
    {7, 10, MXTLS_F_SENDER_TLS_CONFIG, 1, 1u << MXTLS_SIDE_SENDER, "encryption needed", NULL},
    /* X.7.5 Cryptographic failure, X.7.6 Cryptographic algorithm not
     * supported. */
    {7, 5, MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, "cryptographic failure", NULL},
    {7, 6, MXTLS_F_TLS_NO_SHARED_CIPHER, 1, 0, "cryptographic algorithm not supported", NULL},
    /* X.4.1 No answer from host, X.4.3 Directory server failure, X.4.4
     * Unable to route, X.4.5 Mail system congestion, X.7.28 Mail flood
     * detected. */
    {4, 1, MXTLS_F_NET_TIMEOUT, 1, 0, "no answer from host", ANSWERED},
    {4, 3, MXTLS_F_DNS_SERVFAIL, 1, 0, "directory server failure", NULL},
    {4, 4, MXTLS_F_DNS_NXDOMAIN, 1, 0, "unable to route", NULL},
    {4, 5, MXTLS_F_SMTP_RATE_LIMITED, 1, 0, "mail system congestion", NULL},
    {7, 28, MXTLS_F_SMTP_RATE_LIMITED, 2, 0, "mail flood detected", NULL},
    /* Microsoft 365's own codes for delivery over connectors ("mail flow
     * intelligence", Microsoft's documentation). Not 4.7.320, "certificate
     * validation failed": it covers an expired certificate, a subject
     * mismatch and an untrusted one alike, so it names none of them. */
    {4, 312, MXTLS_F_DNS_SERVFAIL, 2, 0, "Microsoft 365: DNS query failed", NULL},
    {4, 315, MXTLS_F_NET_TIMEOUT, 2, 0, "Microsoft 365: connection timed out", NULL},
    {4, 316, MXTLS_F_NET_REFUSED, 2, 0, "Microsoft 365: connection refused", NULL},
    {4, 318, MXTLS_F_TLS_HANDSHAKE_FAILED, 1, 0, "Microsoft 365: connection closed abruptly", NULL},
};

/* The number at t[*i] (at most 3 digits), advancing *i; -1 if none. */
static int small_number(const char *t, size_t *i)
{
    int v = 0, n = 0;
    while (isdigit((unsigned char)t[*i]) && n < 3)
        v = v * 10 + (t[(*i)++] - '0'), n++;
    return n ? v : -1;
}

/* Words that, right before "4.4.4", make it a version number: "Android
 * version: 4.4.4", "Android 4.4.4", "v5.1.1". */
static const char *const version_words[] = {"version", "ver", "v",    "android", "ios",
                                            "release", "build", "php", "python",  NULL};

/* Whether the word before t[i] (past spaces, ':' and '=') is one of
 * version_words. */
static int after_version_word(const char *t, size_t i)
{
    size_t end = i;
    while (end > 0 && (t[end - 1] == ' ' || t[end - 1] == ':' || t[end - 1] == '='))
        end--;
    size_t start = end;
    while (start > 0 && isalpha((unsigned char)t[start - 1]))
        start--;
    for (const char *const *w = version_words; *w; w++)
        if (end - start == strlen(*w) && strncasecmp(t + start, *w, end - start) == 0)
            return 1;
    return 0;
}

/* Support the causes the text's enhanced status codes point at, each
 * code once, where the words of the text do not already (a code repeats
 * what its reply text says: it must not count twice). A version number
 * of the same form is none. */
static void causes_from_status_codes(const char *t, struct mxtls__explain_scores *s)
{
    uint32_t seen = 0;
    for (size_t i = 0; t[i] != '\0'; i++) {
        if ((t[i] != '4' && t[i] != '5') || t[i + 1] != '.' ||
            (i > 0 && (isalnum((unsigned char)t[i - 1]) || t[i - 1] == '.')))
            continue;
        size_t j = i + 2;
        int subject = small_number(t, &j);
        if (subject < 0 || t[j] != '.')
            continue;
        j++;
        int detail = small_number(t, &j);
        if (detail < 0 || isalnum((unsigned char)t[j]) ||
            (t[j] == '.' && isdigit((unsigned char)t[j + 1])) || after_version_word(t, i))
            continue;
        for (size_t k = 0; k < sizeof status_codes / sizeof status_codes[0]; k++) {
            if (status_codes[k].subject != subject || status_codes[k].detail != detail ||
                (seen & (1u << k)))
                continue;
            if (status_codes[k].sides &&
                (s->side == MXTLS_SIDE_UNKNOWN || !(status_codes[k].sides & (1u << s->side))))
                continue;
            if (mxtls__contains_any(t, status_codes[k].unless))
                continue;
            seen |= 1u << k;
            int known = 0;
            for (size_t c = 0; c < s->n; c++)
                known |= s->causes[c].cause == status_codes[k].cause;
            if (known)
                continue; /* the words already say it */
            char said[96];
            snprintf(said, sizeof said, "status %c.%d.%d (%s)", t[i], subject, detail,
                     status_codes[k].meaning);
            mxtls__explain_support(s, status_codes[k].cause, status_codes[k].weight, said);
        }
        i = j - 1;
    }
}

/* A 454 that refuses relaying or a sender, not TLS: Postfix answers an
 * unauthenticated client's relay attempt "454 4.7.1 ...: Relay access
 * denied" when the refusal is soft. */
static const char *const NOT_ABOUT_TLS_454[] = {"relay access denied", "relaying denied",
                                                "relay not permitted", "address rejected",
                                                "access denied", NULL};

/* What the parsed facts add to the phrases: the alert, a 454 reply (of
 * text), and Gmail's bare "TLS Negotiation failed". */
static void find_causes(const struct mxtls__error_facts *f, const char *text,
                        struct mxtls__explain_scores *s)
{
    causes_from_alert(f, s);
    /* "Fails without an alert" cannot hold for a text that names one. */
    if (f->alert >= 0)
        mxtls__explain_drop(s, MXTLS_F_TLS_HANDSHAKE_FAILED);
    if (f->smtp_code == 454 && !mxtls__contains_any(text, NOT_ABOUT_TLS_454))
        mxtls__explain_support(s, MXTLS_F_SMTP_STARTTLS_REFUSED, 1, "reply 454");
    if (s->n == 0 && (f->gmail_starttls_error >= 0 || (f->flags & ERR_TLS_NEGOTIATION_FAILED)))
        mxtls__explain_support(s, MXTLS_F_TLS_HANDSHAKE_FAILED, 1, "\"TLS Negotiation failed\"");
}

static const char *side_name(int32_t peer)
{
    return peer == MXTLS_PEER_SERVER   ? "the receiving mail server"
           : peer == MXTLS_PEER_CLIENT ? "the sending side"
                                       : "one side";
}

static void explain_alert(const struct mxtls__error_facts *f, struct mxtls__text *t)
{
    const char *name = mxtls_alert_name(f->alert);
    const char *meaning = mxtls__alert_meaning(f->alert);
    mxtls__text_printf(t, "TLS alert %d (%s) was sent by %s%s%s%s.", (int)f->alert,
                       name ? name : "not a defined alert", side_name(f->alert_sender),
                       f->host[0] ? " (" : "", f->host, f->host[0] ? ")" : "");
    if (meaning)
        mxtls__text_printf(t, " It usually means: %s.", meaning);
    if (mxtls__alert_is_certificate_rejection(f->alert))
        mxtls__text_append(t, " Certificate alerts come from the side that checks the "
                              "certificate, so the side that sent it is the one that "
                              "refused.");
    mxtls__text_append(t, "\n");
}

/* Whose text it is decides whose fix it is. */
static const char *const side_sentence[] = {
    [MXTLS_SIDE_SENDER] = "This is the sending side's view: a sending server's log, or the "
                          "bounce it wrote. The receiving server is the one it could not "
                          "deliver to, unless the causes below say the sender's own setup.",
    [MXTLS_SIDE_RECEIVER] = "This is the receiving server's own log: \"from\" there is the "
                            "sending side, and what it reports was seen while a sender or "
                            "client connected to it.",
    [MXTLS_SIDE_CLIENT] = "This is a mail client's or program's view (Gmail's Send-As "
                          "included): the server is the SMTP server it submits mail to, and "
                          "the client's own settings (port, TLS mode, CA store) are often the "
                          "cause.",
    [MXTLS_SIDE_TOOL] = "This is a test tool's output (openssl, gnutls-cli, swaks): it shows "
                        "what the server presents to any client.",
};

/* Whose view the text is, and whether the text says so or its form
 * suggests it. */
static void explain_side(const struct mxtls__explain_scores *s, struct mxtls__text *t)
{
    if (s->side == MXTLS_SIDE_UNKNOWN)
        return;
    mxtls__text_append(t, side_sentence[s->side]);
    mxtls__text_printf(t, s->side_guessed ? " (A guess from the form of the text: %s.)\n"
                                          : " (The text says %s.)\n",
                       s->side_evidence);
}

static void explain_text(const struct mxtls__error_facts *f,
                         const struct mxtls__explain_scores *s, const char *status,
                         struct mxtls__text *t)
{
    explain_side(s, t);
    if (f->alert >= 0)
        explain_alert(f, t);
    if (f->gmail_starttls_error >= 0)
        mxtls__text_printf(t, "\"starttls error (%d)\" is Gmail's own error number for the "
                              "failed STARTTLS step; it is not TLS alert %d.%s\n",
                           (int)f->gmail_starttls_error, (int)f->gmail_starttls_error,
                           f->alert >= 0 ? " The alert number is the one after "
                                           "\"SSL alert number\"."
                                         : "");
    if (f->source == MXTLS_TEXT_GMAIL && (f->flags & ERR_CERT_NAME_MISMATCH))
        mxtls__text_append(t, "Gmail uses these words both for a certificate that does not "
                              "name the host it connects to and, since April 2020, for a "
                              "self-signed certificate. For Send-As, the host is the SMTP "
                              "server you typed in, not your MX host.\n");
    if (f->smtp_code)
        mxtls__text_printf(t, "The server answered with SMTP reply %d%s%s, a %s failure.\n",
                           (int)f->smtp_code, status ? " " : "", status ? status : "",
                           f->smtp_code >= 500 ? "permanent" : "temporary");
}

_Static_assert(MXTLS__ERRTEXT_MAX == MXTLS_EXPLAIN_MAX_TEXT && MXTLS_EXPLAIN_MAX_TEXT == 65536,
               "the summary of a cut text says 64 KiB");

/* Said first when the text was cut: a cause further down was not seen. */
static void explain_truncated(struct mxtls__text *t)
{
    mxtls__text_printf(t, "Only the first %d KiB of this text were read; the rest was not. "
                          "If the failure is further down, paste the lines around it (for a "
                          "log, those of the one message or connection: grep its queue ID or "
                          "the host).\n",
                       MXTLS_EXPLAIN_MAX_TEXT / 1024);
}

/* Said first when lines of a scanner's visits were set aside: why they do
 * not count. The name is mxtls's own constant, never the text's. */
static void explain_scanner(const char *scanner, struct mxtls__text *t)
{
    mxtls__text_printf(t, "Lines about connections from an internet scanner (%s) were set "
                          "aside: scanners offer old protocol versions, odd cipher suites "
                          "and plain text on purpose, and quit right after STARTTLS, so the "
                          "handshakes they break off say nothing about this server or its "
                          "senders.\n",
                       scanner);
}

/* Said when the only lines mxtls could place were deliveries that worked. */
static void explain_delivered(struct mxtls__text *t)
{
    mxtls__text_append(t, "The deliveries this text reports as made (Postfix's "
                          "\"status=sent\", Sendmail's \"stat=Sent\", Exim's \"=>\" with a "
                          "250 reply) succeeded; their lines, and the TLS lines of the same "
                          "connections, were set aside. mxtls found no failure it knows in "
                          "the rest. If a message did fail, paste the lines of that message "
                          "or connection (grep its queue ID or the host).\n");
}

/* Said first when the server refused the client's greeting name. */
static void explain_helo_refused(struct mxtls__text *t)
{
    mxtls__text_append(t, "The server refused the name the client greeted it with (HELO or "
                          "EHLO). Servers refuse \"localhost\", a bare IP address and names "
                          "that do not resolve. Have the sending host or program greet with "
                          "its full host name, one whose DNS points back at its address "
                          "(Postfix: myhostname; PHPMailer: Hostname or Helo; Go's net/smtp: "
                          "Hello() before anything else). This is not a TLS failure.\n");
}

/* Said first when Sendmail's verify=FAIL was set aside: why it is not the
 * failure, and where the failure is. */
static void explain_unverified_aside(struct mxtls__text *t)
{
    mxtls__text_append(t, "Sendmail's \"verify=FAIL\" only says that it could not verify the "
                          "receiving server's certificate; it went on over that TLS session "
                          "anyway. The delivery failed for the reason after \"stat=\" in the "
                          "same log, which is the one to act on.\n");
}

static void explain_unrecognised(const struct mxtls__error_facts *f, struct mxtls__text *t)
{
    mxtls__text_append(t, f->bare_symptom
                              ? "The text says only that the connection or its TLS handshake "
                                "failed; it names no cause. "
                              : "Nothing in this text names a cause mxtls knows. ");
    mxtls__text_append(t, "It reads Gmail, "
                          "Microsoft 365 and Yahoo bounces, Postfix, Exim, Sendmail and "
                          "OpenSMTPD logs, mail clients' and libraries' errors (PHPMailer, "
                          "nodemailer, Python, Java, .NET, Go, Ruby), and OpenSSL and GnuTLS "
                          "messages. Paste the whole bounce message or log line, including "
                          "any \"SSL alert number\" or \"error:...\" part, or run the check "
                          "below against the domain or server directly.\n");
}

/* The first "4.7.5"-like enhanced status code (RFC 3463) of the text. */
static int enhanced_status(const char *t, char out[16])
{
    for (size_t i = 0; t[i] != '\0'; i++) {
        if ((t[i] != '2' && t[i] != '4' && t[i] != '5') || t[i + 1] != '.' ||
            (i > 0 && (isalnum((unsigned char)t[i - 1]) || t[i - 1] == '.')))
            continue;
        size_t j = i + 2, a = 0, b = 0;
        while (isdigit((unsigned char)t[j]) && a < 3)
            j++, a++;
        if (a == 0 || t[j] != '.')
            continue;
        j++;
        while (isdigit((unsigned char)t[j]) && b < 3)
            j++, b++;
        if (b == 0 || isalnum((unsigned char)t[j]) || (t[j] == '.' && isdigit((unsigned char)t[j + 1])))
            continue;
        snprintf(out, 16, "%.*s", (int)(j - i), t + i);
        return 1;
    }
    return 0;
}

/* The domain of the recipient a text names ("to=<a@example.com>", "for
 * <a@example.com>"), else of the first mail address in it. */
static int mail_domain(const char *t, char *out, size_t size)
{
    static const char *const marks[] = {"to=<", "for <", "recipient <", "rcpt to:<", NULL};
    const char *at = NULL;
    for (size_t m = 0; marks[m] && at == NULL; m++) {
        const char *p = strstr(t, marks[m]);
        if (p != NULL)
            at = strchr(p, '@');
    }
    if (at == NULL)
        at = strchr(t, '@');
    if (at == NULL)
        return 0;
    size_t n = 0;
    while (at[1 + n] != '\0' && (isalnum((unsigned char)at[1 + n]) || at[1 + n] == '.' ||
                                 at[1 + n] == '-') && n + 1 < size)
        n++;
    while (n > 0 && at[n] == '.')
        n--;
    if (n < 3 || memchr(at + 1, '.', n) == NULL || strstr(at + 1, "*") == at + 1)
        return 0;
    memcpy(out, at + 1, n);
    out[n] = '\0';
    for (char *c = out; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return 1;
}

/* The length of an IPv4 address at p[0..n) without the ":PORT" a program
 * wrote after it ("192.0.2.7:587"); n for anything else, IPv6 included. */
static size_t without_port(const char *p, size_t n)
{
    const char *colon = memchr(p, ':', n);
    if (colon == NULL || colon == p)
        return n;
    size_t dots = 0;
    for (const char *q = p; q < colon; q++)
        dots += *q == '.';
    return dots == 3 ? (size_t)(colon - p) : n;
}

/* The IP addresses the text names (Postfix's "[192.0.2.7]", Exim's
 * "[2001:db8::7]", a bare "192.0.2.7"), each once, at most
 * MXTLS_EXPLAIN_MAX_ADDRESSES. */
static int find_addresses(const char *t, mxtls_explanation *e)
{
    char **list = mxtls__calloc(MXTLS_EXPLAIN_MAX_ADDRESSES, sizeof *list);
    e->addresses = (const char *const *)list;
    if (list == NULL)
        return MXTLS_ENOMEM;
    for (size_t i = 0; t[i] != '\0' && e->n_addresses < MXTLS_EXPLAIN_MAX_ADDRESSES; i++) {
        if (!isxdigit((unsigned char)t[i]) && t[i] != ':')
            continue;
        if (i > 0 && (isalnum((unsigned char)t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ':'))
            continue;
        size_t n = strspn(t + i, "0123456789abcdefABCDEF.:");
        while (n > 0 && (t[i + n - 1] == '.' || t[i + n - 1] == ':') &&
               !(n >= 2 && t[i + n - 2] == ':'))
            n--;                      /* "192.0.2.7:25", "...7." */
        n = without_port(t + i, n);   /* "dial tcp 192.0.2.7:587: i/o timeout" */
        char addr[64];
        if (n < 3 || n >= sizeof addr)
            continue;
        memcpy(addr, t + i, n);
        addr[n] = '\0';
        if (strchr(addr, ':') != NULL && strchr(addr, '.') == NULL && n >= 2 &&
            addr[n - 1] == ':' && addr[n - 2] != ':')
            continue;
        int known = 0;
        for (size_t k = 0; k < e->n_addresses; k++)
            known |= strcmp(list[k], addr) == 0;
        if (mxtls__inet_parse(addr, 0, NULL) == 0 || known)
            continue;
        if ((list[e->n_addresses] = mxtls__strdup(addr)) == NULL)
            return MXTLS_ENOMEM;
        e->n_addresses++;
        i += n - 1;
    }
    return MXTLS_OK;
}

/* The exact command that would confirm the causes, for whoever holds the
 * text. */
static char *suggest_check(const struct mxtls__error_facts *f, int32_t side, const char *domain)
{
    char buf[400];
    const char *host = f->host[0] ? f->host : NULL;
    /* the host as --submission takes it, with the port a tool connected
     * to: "[2001:db8::25]:465" for an IPv6 literal */
    char target[300];
    if (host && f->port > 0)
        snprintf(target, sizeof target, strchr(host, ':') ? "[%s]:%d" : "%s:%d", host,
                 (int)f->port);
    else
        snprintf(target, sizeof target, "%s", host ? host : "smtp.your-provider.example");
    int submission_port = f->port == 465 || f->port == 587;
    int send_as = host && f->source == MXTLS_TEXT_GMAIL &&
                  (f->flags & (ERR_CERT_NAME_MISMATCH | ERR_CERT_SELF_SIGNED));
    if (side == MXTLS_SIDE_CLIENT || send_as ||
        (host && submission_port && side != MXTLS_SIDE_RECEIVER))
        snprintf(buf, sizeof buf, "mxtls-check --submission %s", target);
    else if (domain && side != MXTLS_SIDE_RECEIVER)
        snprintf(buf, sizeof buf, "mxtls-check %s", domain);
    else if (host && side != MXTLS_SIDE_RECEIVER)
        snprintf(buf, sizeof buf, "mxtls-check RECIPIENT-DOMAIN (the domain whose mail goes "
                                  "to %s)", host);
    else
        snprintf(buf, sizeof buf, "mxtls-check %s", domain ? domain : "YOUR-DOMAIN");
    return mxtls__strdup(buf);
}

static char *make_summary(const struct mxtls__error_facts *f,
                          const struct mxtls__finding_list *found, size_t n_ranked,
                          int truncated)
{
    char buf[300];
    if (f->alert >= 0) {
        const char *name = mxtls_alert_name(f->alert);
        snprintf(buf, sizeof buf, "%s sent fatal TLS alert %d (%s)",
                 side_name(f->alert_sender), (int)f->alert, name ? name : "unknown");
        buf[0] = (char)toupper((unsigned char)buf[0]); /* a sentence */
        return mxtls__strdup(buf);
    }
    if (n_ranked > 0 && found->count > 0)
        return mxtls__strdup(found->items[0]->summary);
    if (found->count > 0)
        return mxtls__strdup("The text fits several causes; the check below tells which");
    if (f->scanner != NULL) {
        snprintf(buf, sizeof buf, "The failed connections in this text are an internet "
                                  "scanner's probes (%s), not a fault", f->scanner);
        return mxtls__strdup(buf);
    }
    if (f->unverified_aside)
        return mxtls__strdup("Sendmail's verify=FAIL is not the failure here: the delivery "
                             "failed for the reason in its stat=");
    if (f->helo_refused)
        return mxtls__strdup("The server refused the name the client greeted it with "
                             "(HELO/EHLO); not a TLS failure");
    if (f->delivered)
        return mxtls__strdup("The deliveries this text shows succeeded; mxtls found no "
                             "failure it knows in the rest");
    if (f->bare_symptom && !truncated)
        return mxtls__strdup("The text says the connection or its TLS handshake failed, but "
                             "not why");
    return mxtls__strdup(truncated ? "mxtls did not recognise the first 64 KiB of this text "
                                     "(it read no further)"
                                   : "mxtls did not recognise this error text");
}

void mxtls_explanation_free(mxtls_explanation *e)
{
    if (e == NULL)
        return;
    struct mxtls__finding_list list = {(mxtls_finding **)e->likely_causes, e->n_findings,
                                       e->n_findings};
    mxtls__finding_list_free(&list);
    mxtls__free((char *)e->host);
    mxtls__free((char *)e->summary);
    mxtls__free((char *)e->explanation);
    mxtls__free((char *)e->suggested_check);
    mxtls__free((void *)e->weights);
    mxtls__free((void *)e->evidence_start);
    mxtls__free((void *)e->evidence_end);
    mxtls__free((char *)e->enhanced_status);
    mxtls__free((char *)e->domain);
    mxtls__free_strings(e->addresses, e->n_addresses);
    mxtls__free(e);
}

static int build_causes(const struct mxtls__error_facts *f,
                        const struct mxtls__explain_scores *s, const char *domain,
                        struct mxtls__finding_list *list)
{
    char alert[64] = "";
    if (f->alert >= 0)
        snprintf(alert, sizeof alert, "%d (%s)", (int)f->alert,
                 mxtls_alert_name(f->alert) ? mxtls_alert_name(f->alert) : "unknown");
    char port[16] = "";
    if (f->port > 0) /* the port the text names with its host ("dial tcp A:587") */
        snprintf(port, sizeof port, "%d", (int)f->port);
    struct mxtls__vars vars = {0};
    vars.host = f->host[0] ? f->host : NULL;
    vars.port = port[0] ? port : NULL;
    vars.domain = domain;
    vars.alert = alert[0] ? alert : NULL;
    vars.sender = f->source == MXTLS_TEXT_GMAIL ? "Gmail" : NULL;
    int status = MXTLS_OK;
    for (size_t i = 0; i < s->n; i++) {
        char said[MXTLS__EVIDENCE_MAX + 32];
        snprintf(said, sizeof said, "the text says %s", s->causes[i].evidence);
        struct mxtls__finding_place place = {vars.host, NULL, 0,
                                             s->causes[i].evidence[0] ? said : NULL};
        if (mxtls__finding_list_add(list, s->causes[i].cause, 0, &vars, &place, &status) < 0)
            return status;
    }
    return MXTLS_OK;
}

/* The per-cause arrays of the explanation. */
static int fill_arrays(mxtls_explanation *e, const struct mxtls__explain_scores *s)
{
    int32_t *w = mxtls__calloc(s->n + 1, sizeof *w);
    int64_t *start = mxtls__calloc(s->n + 1, sizeof *start);
    int64_t *end = mxtls__calloc(s->n + 1, sizeof *end);
    e->weights = w;
    e->evidence_start = start;
    e->evidence_end = end;
    if (w == NULL || start == NULL || end == NULL)
        return MXTLS_ENOMEM;
    for (size_t i = 0; i < s->n; i++) {
        w[i] = s->causes[i].best;
        start[i] = s->causes[i].start;
        end[i] = s->causes[i].end;
        e->n_ranked += !s->causes[i].unconfirmed;
    }
    return MXTLS_OK;
}

/* The provider whose range holds the first address of the text that any
 * range holds (that address in *address), or NULL. */
static const char *address_in_ranges(const mxtls_explanation *e,
                                     const struct mxtls__ranges *ranges, const char **address)
{
    for (size_t i = 0; i < e->n_addresses; i++) {
        uint8_t bytes[16];
        int family = mxtls__inet_parse(e->addresses[i], 0, bytes);
        const char *provider = family ? mxtls__ranges_lookup(ranges, family, bytes) : NULL;
        if (provider != NULL) {
            *address = e->addresses[i];
            return provider;
        }
    }
    return NULL;
}

/* An address of the text in a proxy's range (the context's ranges, else
 * the built-in ones) is what net.proxied needs: a mail host behind an HTTP
 * proxy times out or answers in HTTP. */
static int proxied_addresses(mxtls_ctx *ctx, const mxtls_explanation *e,
                             struct mxtls__explain_scores *s)
{
    /* A connection that found no route ("Network is unreachable",
     * ENETUNREACH) never reached the address: whose address it is says
     * little of why it failed, and a proxy answers on every route. */
    const struct mxtls__cause_score *unreachable = NULL;
    for (size_t i = 0; i < s->n && unreachable == NULL; i++)
        if (s->causes[i].cause == MXTLS_F_NET_UNREACHABLE)
            unreachable = &s->causes[i];
    int never_left = unreachable != NULL && unreachable->best >= 2;
    struct mxtls__ranges *own = NULL;
    const struct mxtls__ranges *ranges = ctx ? mxtls__ctx_proxy_ranges(ctx) : NULL;
    if (ranges == NULL && e->n_addresses > 0) {
        if (mxtls__ranges_builtin(&own) != MXTLS_OK)
            return MXTLS_ENOMEM;
        ranges = own;
    }
    const char *address = NULL;
    const char *provider = address_in_ranges(e, ranges, &address);
    if (provider != NULL) {
        char said[128];
        snprintf(said, sizeof said, "%s, an address of %s's proxies", address, provider);
        mxtls__explain_support(s, MXTLS_F_NET_PROXIED, never_left ? 1 : 3, said);
        mxtls__explain_confirm(s, MXTLS_F_NET_PROXIED);
    }
    mxtls__ranges_free(own);
    return MXTLS_OK;
}

/* The mail networks of the providers every sender reaches, as their SPF
 * records publish them (_netblocks.google.com and its siblings;
 * Microsoft's spf.protection.outlook.com): only these, not every address
 * the provider has ("smtp.google.com" is a web front end that answers no
 * mail port). */
static const char provider_mail_ranges[] =
    "64.233.160.0/19 Google\n66.102.0.0/20 Google\n66.249.80.0/20 Google\n"
    "72.14.192.0/18 Google\n74.125.0.0/16 Google\n108.177.8.0/21 Google\n"
    "108.177.96.0/19 Google\n172.217.0.0/19 Google\n172.217.32.0/20 Google\n"
    "172.217.128.0/19 Google\n172.217.160.0/20 Google\n172.217.192.0/19 Google\n"
    "172.253.56.0/21 Google\n172.253.112.0/20 Google\n173.194.0.0/16 Google\n"
    "209.85.128.0/17 Google\n216.58.192.0/19 Google\n216.239.32.0/19 Google\n"
    "2001:4860:4000::/36 Google\n2404:6800:4000::/36 Google\n2607:f8b0:4000::/36 Google\n"
    "2800:3f0:4000::/36 Google\n2a00:1450:4000::/36 Google\n2c0f:fb50:4000::/36 Google\n"
    "40.92.0.0/15 Microsoft\n40.107.0.0/16 Microsoft\n52.100.0.0/14 Microsoft\n"
    "104.47.0.0/17 Microsoft\n2a01:111:f400::/48 Microsoft\n2a01:111:f403::/48 Microsoft\n";

/* Words for a connection that got no answer or was turned away; wider
 * than explain_context.c's list for an IPv6 route, which a bare
 * "timeout" must not override. */
static const char *const unanswered_words[] = {"timed out", "timeout", "etimedout",
                                               "connection refused", "econnrefused", NULL};

/* A connection to one of those addresses that timed out or was refused,
 * in the connecting side's view: those hosts answer everyone, so the
 * connecting side's own network stopped it, as for their host names
 * (explain_rules.c, BIG_PROVIDERS). A receiving server's log of the
 * providers' own outgoing servers ("timeout after DATA from
 * mail-....google.com[209.85...]") is no such thing. */
static int provider_addresses_unanswered(const char *text, const mxtls_explanation *e,
                                         struct mxtls__explain_scores *s)
{
    if (e->n_addresses == 0 || s->side == MXTLS_SIDE_RECEIVER ||
        !mxtls__contains_any(text, unanswered_words))
        return MXTLS_OK;
    struct mxtls__ranges *ranges = NULL;
    int rc = mxtls__ranges_parse(provider_mail_ranges, sizeof provider_mail_ranges - 1, &ranges,
                                 NULL, 0);
    if (rc != MXTLS_OK)
        return rc;
    const char *address = NULL;
    const char *provider = address_in_ranges(e, ranges, &address);
    if (provider != NULL) {
        char said[128];
        snprintf(said, sizeof said, "%s, an address of %s's mail servers, which answer everyone",
                 address, provider);
        mxtls__explain_support(s, MXTLS_F_NET_EGRESS_BLOCKED, 3, said);
        mxtls__explain_confirm(s, MXTLS_F_NET_EGRESS_BLOCKED);
    }
    mxtls__ranges_free(ranges);
    return MXTLS_OK;
}

/* Whose log reports an alert received, when no phrase said. A certificate
 * alert comes from the side that verifies, and on SMTP that is the
 * connecting side: servers rarely ask for a client certificate, so a text
 * that received one is the server's own log. Any other alert received in
 * an MTA's log (Postfix's "TLS library problem") is one a server sends
 * about a client's hello: that MTA was the one connecting. */
static void side_from_alert(const struct mxtls__error_facts *f, const char *text,
                            struct mxtls__explain_scores *s)
{
    if (s->side != MXTLS_SIDE_UNKNOWN || f->alert_sender != MXTLS_PEER_SERVER)
        return;
    const char *why = NULL;
    if (mxtls__alert_is_certificate_rejection(f->alert)) {
        s->side = MXTLS_SIDE_RECEIVER;
        why = "a certificate alert received, which only the side that checks a certificate "
              "sends";
    } else if (f->source == MXTLS_TEXT_POSTFIX || strstr(text, "TLS library problem")) {
        s->side = MXTLS_SIDE_SENDER;
        why = "an MTA's log that received an alert a server sends about a client's hello";
    }
    if (why != NULL) {
        s->side_guessed = 1;
        snprintf(s->side_evidence, sizeof s->side_evidence, "%s", why);
    }
}

/* A certificate alert that the receiving server sent (Go's "remote
 * error: tls: bad certificate" in a program's log, OpenSSL's "sslv3 alert
 * bad certificate" in a sending MTA's, "local error: tls: ..." in the
 * server's own) is about the connecting side's certificate: its name says
 * nothing of the server's. Alerts 42, 43, 46 and 48, whose causes
 * causes_from_alert() gives only from the side that verifies. */
static int rejects_clients_certificate(const struct mxtls__error_facts *f)
{
    return f->alert_sender == MXTLS_PEER_SERVER &&
           (f->alert == 42 || f->alert == 43 || f->alert == 46 || f->alert == 48);
}

/* Read the text: its normal form, the facts the parser finds in it, the
 * rules it matches, ranked. */
static int read_text(mxtls_ctx *ctx, const char *text, struct mxtls__error_facts *f,
                     struct mxtls__explain_scores *s, char status[16], char *domain,
                     size_t domain_size, mxtls_explanation *e)
{
    struct mxtls__normtext norm;
    /* The mail a text came in (a whole bounce, an NDR's original headers),
     * the deliveries that worked in a pasted log and a page's markup are
     * blanked, offsets kept; how it was copied (a web page's quotes, a
     * mail client's wrapping) must not change what it means. */
    size_t len = strnlen(text, MXTLS__ERRTEXT_MAX);
    char *own = mxtls__malloc(len + 1);
    if (own == NULL)
        return MXTLS_ENOMEM;
    memcpy(own, text, len);
    own[len] = '\0';
    mxtls__blank_routine_header_fields(own, len);
    size_t delivered = mxtls__blank_delivered_lines(own, len);
    mxtls__blank_markup(own, len);
    int failed = mxtls__errtext_normalize(own, len, &norm) != 0;
    mxtls__free(own);
    if (failed)
        return MXTLS_ENOMEM;
    /* a scanner's visits, by records of the normal form: wrapping moved
     * the line ends of a pasted log */
    const char *scanner = NULL;
    mxtls__blank_scanner_visits(norm.text, norm.len, &scanner);
    mxtls__errtext_parse(norm.text, norm.len, f);
    f->scanner = scanner;
    f->delivered = delivered > 0;
    if (mxtls__explain_match(&norm, s) != 0) {
        mxtls__normtext_free(&norm);
        return MXTLS_ENOMEM;
    }
    side_from_alert(f, norm.text, s);
    if (s->side == MXTLS_SIDE_RECEIVER)
        mxtls__errtext_from_receiver(f);
    if (mxtls__explain_guess_side(&norm, f->smtp_code, s) != 0) {
        mxtls__normtext_free(&norm);
        return MXTLS_ENOMEM;
    }
    if (s->side == MXTLS_SIDE_UNKNOWN && f->scanner != NULL) {
        /* scanners visit servers: the text is a receiving server's log */
        s->side = MXTLS_SIDE_RECEIVER;
        s->side_guessed = 1;
        snprintf(s->side_evidence, sizeof s->side_evidence,
                 "it records a scanner's visit, and scanners visit servers");
    }
    if (s->side == MXTLS_SIDE_RECEIVER)
        mxtls__errtext_from_receiver(f); /* guessed so from the text's form */
    if (rejects_clients_certificate(f) && f->alert_words_len > 0 &&
        mxtls__explain_rematch_without(&norm, f->alert_words_at, f->alert_words_len, s) != 0) {
        mxtls__normtext_free(&norm);
        return MXTLS_ENOMEM;
    }
    causes_from_status_codes(norm.text, s);
    find_causes(f, norm.text, s);
    /* An alert received is evidence of its own (explain_alert); a bare
     * "TLS Negotiation failed" from Gmail is not. */
    if (f->alert < 0)
        f->bare_symptom = mxtls__explain_forget_bare_symptoms(s);
    status[0] = '\0';
    enhanced_status(norm.text, status);
    domain[0] = '\0';
    mail_domain(norm.text, domain, domain_size);
    int rc = find_addresses(norm.text, e);
    if (rc == MXTLS_OK)
        rc = proxied_addresses(ctx, e, s);
    if (rc == MXTLS_OK)
        rc = provider_addresses_unanswered(norm.text, e, s);
    mxtls__explain_context(norm.text, e, f, s);
    mxtls__explain_rank(s, &norm);
    mxtls__normtext_free(&norm);
    return rc;
}

mxtls_status mxtls_explain(mxtls_ctx *ctx, const char *text,
                           mxtls_explanation **out)
{
    if (out == NULL)
        return MXTLS_EINVAL;
    *out = NULL;
    if (text == NULL)
        return MXTLS_EINVAL;
    struct mxtls__error_facts f;
    struct mxtls__explain_scores s;
    char status_code[16], domain[256];
    mxtls_explanation *e = mxtls__calloc(1, sizeof *e);
    struct mxtls__finding_list list = {0};
    struct mxtls__text t = {0};
    if (e == NULL)
        return MXTLS_ENOMEM;
    e->struct_size = sizeof *e;
    int status = read_text(ctx, text, &f, &s, status_code, domain, sizeof domain, e);
    if (status != MXTLS_OK) {
        mxtls_explanation_free(e);
        return (mxtls_status)status;
    }
    e->source = f.source;
    e->alert = f.alert;
    e->alert_name = f.alert >= 0 ? mxtls_alert_name(f.alert) : NULL;
    e->alert_sender = f.alert_sender;
    e->smtp_code = f.smtp_code;
    e->side = s.side;
    e->recognised = s.n > 0 || f.alert >= 0 || f.scanner != NULL || f.unverified_aside ||
                    f.helo_refused || f.delivered;
    e->truncated = strnlen(text, MXTLS__ERRTEXT_MAX + 1) > MXTLS__ERRTEXT_MAX;
    if (e->truncated)
        explain_truncated(&t);
    if (f.scanner != NULL)
        explain_scanner(f.scanner, &t);
    if (f.unverified_aside)
        explain_unverified_aside(&t);
    if (f.helo_refused)
        explain_helo_refused(&t);
    if (f.delivered && s.n == 0 && f.alert < 0)
        explain_delivered(&t);
    status = build_causes(&f, &s, domain[0] ? domain : NULL, &list);
    e->likely_causes = (const mxtls_finding *const *)list.items;
    e->n_findings = list.count;
    if (status == MXTLS_OK)
        status = fill_arrays(e, &s);
    if (e->recognised)
        explain_text(&f, &s, status_code[0] ? status_code : NULL, &t);
    else {
        explain_side(&s, &t);
        explain_unrecognised(&f, &t);
    }
    mxtls__text_append(&t, ""); /* an empty explanation is "", never NULL */
    if (status == MXTLS_OK && t.failed)
        status = MXTLS_ENOMEM;
    e->explanation = t.data;
    e->summary = make_summary(&f, &list, e->n_ranked, e->truncated);
    e->suggested_check = suggest_check(&f, s.side, domain[0] ? domain : NULL);
    if (f.host[0])
        e->host = mxtls__strdup(f.host);
    if (status_code[0])
        e->enhanced_status = mxtls__strdup(status_code);
    if (domain[0])
        e->domain = mxtls__strdup(domain);
    if (status == MXTLS_OK &&
        (e->summary == NULL || e->suggested_check == NULL || e->explanation == NULL ||
         (f.host[0] && e->host == NULL) || (status_code[0] && e->enhanced_status == NULL) ||
         (domain[0] && e->domain == NULL)))
        status = MXTLS_ENOMEM;
    if (status != MXTLS_OK) {
        mxtls_explanation_free(e);
        return (mxtls_status)status;
    }
    *out = e;
    return MXTLS_OK;
}

mxtls_status mxtls_explanation_text(const mxtls_explanation *e, mxtls_buffer **out)
{
    if (out == NULL)
        return MXTLS_EINVAL;
    *out = NULL;
    if (e == NULL)
        return MXTLS_EINVAL;
    struct mxtls__text t = {0};
    mxtls__text_printf(&t, "%s\n\n", e->summary);
    if (e->explanation[0])
        mxtls__text_printf(&t, "%s\n", e->explanation);
    for (size_t i = 0; i < e->n_findings; i++) {
        const mxtls_finding *f = e->likely_causes[i];
        if (mxtls__explain_benign(f->code))
            mxtls__text_printf(&t, "Not a fault %zu: %s [%s]\n", i + 1, f->summary, f->id);
        else if (i < e->n_ranked)
            mxtls__text_printf(&t, "%s cause %zu: %s [%s]\n",
                               i == 0 ? "Most likely" : "Possible", i + 1, f->summary, f->id);
        else
            mxtls__text_printf(&t, "To check (the text alone cannot tell): %s [%s]\n",
                               f->summary, f->id);
        if (f->evidence)
            mxtls__text_printf(&t, "  Why: %s.\n", f->evidence);
        mxtls__text_printf(&t, "  %s\n", f->explanation);
        for (size_t r = 0; r < f->n_remedies; r++)
            mxtls__text_printf(&t, "  %zu. %s\n", r + 1, f->remedies[r]);
        mxtls__text_append(&t, "\n");
    }
    mxtls__text_printf(&t, "To find out for sure, run: %s\n", e->suggested_check);
    return (mxtls_status)mxtls__text_finish(&t, out);
}
