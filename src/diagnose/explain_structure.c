/* What the structure of a pasted text shows: see explain_structure.h. */
#define _POSIX_C_SOURCE 200809L
#include "explain_structure.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dns_id.h"
#include "errtext.h"
#include "mxtls/diagnose.h"

/* Whether any of the NULL-terminated words is in hay. */
static int any_of(const char *hay, const char *const *words)
{
    for (; *words; words++)
        if (strstr(hay, *words) != NULL)
            return 1;
    return 0;
}

/* Where a value after a certificate's subject or issuer marker ends: at
 * the next marker of a certificate listing (openssl s_client's " i:" and
 * " a:", gnutls-cli's ", issuer"), or at the end of the text. */
static size_t dn_length(const char *v)
{
    static const char *const ends[] = {" i:", " s:", " a:", " v:", " issuer", " subject",
                                       ", issuer", "', ", " ---", " depth=", " verify",
                                       " serial", NULL};
    size_t n = strlen(v);
    for (size_t k = 0; ends[k]; k++) {
        const char *at = strstr(v, ends[k]);
        if (at != NULL && (size_t)(at - v) < n)
            n = (size_t)(at - v);
    }
    while (n > 0 && strchr(" '`\".,", v[n - 1]) != NULL)
        n--;
    return n;
}

/* The first value after any of the markers, each at the start of a word;
 * NULL if none. */
static const char *dn_after(const char *hay, const char *const *markers)
{
    const char *first = NULL;
    for (size_t k = 0; markers[k]; k++)
        for (const char *at = strstr(hay, markers[k]); at; at = strstr(at + 1, markers[k]))
            if (at == hay || at[-1] == ' ' || at[-1] == '-') {
                const char *v = at + strlen(markers[k]);
                if (first == NULL || v < first)
                    first = v;
                break;
            }
    if (first == NULL)
        return NULL;
    return first + strspn(first, " '`\"");
}

/* A certificate whose subject is its issuer signed itself: a listing
 * (Gmail's and Android's dialog, openssl s_client's chain, openssl x509,
 * gnutls-cli, whose `...' quotes the normal form writes '...') that shows
 * the first subject and issuer alike. */
static void subject_is_issuer(const char *hay, struct mxtls__explain_scores *s)
{
    static const char *const subject[] = {"subject:", "subject=", "subject '", "s:", NULL};
    static const char *const issuer[] = {"issuer:", "issuer=", "issuer '", "i:", NULL};
    const char *sv = dn_after(hay, subject), *iv = dn_after(hay, issuer);
    if (sv == NULL || iv == NULL)
        return;
    size_t sn = dn_length(sv), in = dn_length(iv);
    if (sn < 3 || sn != in || strncmp(sv, iv, sn) != 0)
        return;
    mxtls__explain_support(s, MXTLS_F_CERT_SELF_SIGNED, 3,
                           "the certificate's subject and issuer are the same");
}

/* Postfix's smtpd sums each session up at "disconnect from": a client
 * that started TLS and quit without any MAIL did not like what it found
 * once it had the certificate. The senders that quit there, rather than
 * send in any case, are those whose policy demands a verified certificate:
 * DANE above all, MTA-STS. */
static void quit_after_starttls(const char *hay, struct mxtls__explain_scores *s)
{
    for (const char *at = strstr(hay, "disconnect from "); at;
         at = strstr(at + 1, "disconnect from ")) {
        const char *end = strstr(at, "commands=");
        if (end == NULL)
            continue;
        size_t n = (size_t)(end - at);
        char session[256];
        if (n >= sizeof session)
            continue;
        memcpy(session, at, n);
        session[n] = '\0';
        if (strstr(session, " starttls=1 ") == NULL || strstr(session, " quit=") == NULL ||
            strstr(session, " mail=") != NULL)
            continue;
        static const char said[] = "the client quit right after STARTTLS (\"starttls=1 quit=1\")";
        mxtls__explain_support(s, MXTLS_F_DANE_MISMATCH, 2, said);
        mxtls__explain_support(s, MXTLS_F_MTASTS_MX_MISMATCH, 1, said);
        mxtls__explain_support(s, MXTLS_F_CERT_UNTRUSTED, 1, said);
        return;
    }
}

/* Whether an SMTP reply with this code ("221 " or "221-") starts in the
 * NUL-terminated text p, not as the tail of a longer number. */
static int reply_in(const char *p, const char *code)
{
    for (const char *at = strstr(p, code); at != NULL; at = strstr(at + 1, code))
        if ((at[3] == ' ' || at[3] == '-') && (at == p || !isdigit((unsigned char)at[-1])))
            return 1;
    return 0;
}

/* A client's transcript in which the first command after the server's go-
 * ahead for TLS ("220 2.0.0 Ready to start TLS") is the client's QUIT:
 * the client never got through its own half of the handshake, which in
 * mail programs is nearly always its check of the server's certificate
 * (Roundcube's Net_SMTP logs no reason). The normal form joins lines, so
 * the next command is the first client mark after the go-ahead, within
 * a log prefix's length. A QUIT the server answers ("221 Bye") went in
 * plain text before any handshake began: no sign of a certificate. Both
 * are looked for in a copy of what follows the go-ahead, so that a long
 * text costs no more than its first few go-aheads. */
static void quit_at_the_go_ahead(const char *hay, struct mxtls__explain_scores *s)
{
    enum { MAX_SEEN = 16, NEAR = 100 };
    static const char go_ahead[] = "ready to start tls";
    static const char *const client_marks[] = {"send: ", "-> ", "c: ", "[tx] ", "client: "};
    const char *at = strstr(hay, go_ahead);
    for (int seen = 0; at != NULL && seen < MAX_SEEN; seen++, at = strstr(at + 1, go_ahead)) {
        char after[2 * NEAR + 1];
        size_t n = strnlen(at + sizeof go_ahead - 1, sizeof after - 1);
        memcpy(after, at + sizeof go_ahead - 1, n);
        after[n] = '\0';
        const char *first = NULL, *command = NULL;
        for (size_t k = 0; k < sizeof client_marks / sizeof client_marks[0]; k++) {
            const char *m = strstr(after, client_marks[k]);
            if (m != NULL && (first == NULL || m < first)) {
                first = m;
                command = m + strlen(client_marks[k]);
            }
        }
        if (first == NULL || first - after > NEAR || strncmp(command, "quit", 4) != 0 ||
            isalnum((unsigned char)command[4]) || reply_in(command, "221"))
            continue;
        static const char said[] = "the client quit at the server's go-ahead for TLS";
        mxtls__explain_support(s, MXTLS_F_CERT_UNTRUSTED, 2, said);
        mxtls__explain_support(s, MXTLS_F_TLS_HANDSHAKE_FAILED, 1, said);
        return;
    }
}

/* A transcript in which the server answered STARTTLS with 220: the
 * client spoke the port's TLS mode, so a mere hint that it did not (a
 * connection that failed, timed out or closed) is contradicted. */
static void starttls_accepted(const char *hay, struct mxtls__explain_scores *s)
{
    int accepted = 0;
    for (const char *at = strstr(hay, "starttls"); at && !accepted;
         at = strstr(at + 1, "starttls")) {
        const char *reply = strstr(at, "220");
        accepted = reply != NULL && reply - at < 160 && (reply[3] == ' ' || reply[3] == '-') &&
                   (reply == hay || !isdigit((unsigned char)reply[-1]));
    }
    if (!accepted)
        return;
    for (size_t i = 0; i < s->n; i++)
        if (s->causes[i].cause == MXTLS_F_CLIENT_STARTTLS_MISMATCH && s->causes[i].best <= 1) {
            mxtls__explain_drop(s, MXTLS_F_CLIENT_STARTTLS_MISMATCH);
            return;
        }
}

/* The port after a URL's host ("ssl://smtp.example.com:587",
 * "smtps://[2001:db8::25]:465"): its number, or -1 if the URL names none
 * (errtext.h reads the host and port, brackets and all). */
static long url_port(const char *host)
{
    size_t at, n;
    int32_t port;
    if (mxtls__errtext_host_port(host, strlen(host), &at, &n, &port) == 0)
        return -1;
    return port;
}

/* A TLS mode that the port does not speak, as the program's own URL or
 * settings say: implicit TLS ("ssl://", "tls://" in PHP's streams,
 * "smtps://" in curl's) on the STARTTLS ports 25 and 587, or plain
 * "smtp://" on 465, the implicit-TLS port (RFC 8314). */
static void scheme_against_port(const char *hay, struct mxtls__explain_scores *s)
{
    static const char *const implicit[] = {"ssl://", "tls://", "smtps://", NULL};
    for (size_t k = 0; implicit[k]; k++)
        for (const char *at = strstr(hay, implicit[k]); at; at = strstr(at + 1, implicit[k])) {
            if (at > hay && (isalnum((unsigned char)at[-1]) || at[-1] == '+'))
                continue; /* OpenSMTPD's "smtp+tls://" is STARTTLS */
            long port = url_port(at + strlen(implicit[k]));
            if (port == 25 || port == 587) {
                mxtls__explain_support(s, MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3,
                                       "implicit TLS (a TLS URL) to a STARTTLS port");
                return;
            }
        }
    for (const char *at = strstr(hay, "smtp://"); at; at = strstr(at + 1, "smtp://"))
        if (url_port(at + strlen("smtp://")) == 465) {
            mxtls__explain_support(s, MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3,
                                   "plain smtp:// to port 465, which wants TLS at once");
            return;
        }
    /* nodemailer's options as its errors print them */
    int secure = strstr(hay, "secure: true") != NULL || strstr(hay, "secure:true") != NULL;
    int plain = strstr(hay, "secure: false") != NULL || strstr(hay, "secure:false") != NULL;
    int port_465 = strstr(hay, "port: 465") != NULL || strstr(hay, "port:465") != NULL;
    int port_587 = strstr(hay, "port: 587") != NULL || strstr(hay, "port:587") != NULL;
    if ((secure && port_587 && !plain) || (plain && port_465 && !secure))
        mxtls__explain_support(s, MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2,
                               "\"secure\" does not fit the port");
}

/* The big providers' submission hosts and the words their own greetings
 * carry. */
static const struct {
    const char *host;
    const char *const *own;
} providers[] = {
    {"smtp.gmail.com", (const char *const[]){"google", "gmail", NULL}},
    {"smtp.office365.com", (const char *const[]){"outlook", "office365", "microsoft", NULL}},
    {"smtp-mail.outlook.com", (const char *const[]){"outlook", "hotmail", "microsoft", NULL}},
    {"smtp.mail.yahoo.com", (const char *const[]){"yahoo", NULL}},
    {"smtp.mail.me.com", (const char *const[]){"apple", "icloud", "me.com", NULL}},
};

/* A program that connects to a big provider's submission host and is
 * greeted by a host of another name ("220-host.myhost.com ESMTP Exim")
 * talks to its hosting provider's own server, which intercepts outbound
 * SMTP (cPanel's "SMTP Restrictions", many shared hosts): its certificate
 * cannot name the provider's host. */
static void greeting_from_another_host(const char *hay, struct mxtls__explain_scores *s)
{
    for (size_t p = 0; p < sizeof providers / sizeof providers[0]; p++) {
        const char *to = strstr(hay, providers[p].host);
        const char *greeting = to ? strstr(to, "220") : NULL;
        while (greeting && ((greeting[3] != '-' && greeting[3] != ' ') ||
                            isdigit((unsigned char)greeting[-1])))
            greeting = strstr(greeting + 3, "220");
        if (greeting == NULL)
            continue;
        const char *name = greeting + 4;
        size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789.-");
        if (n < 4 || memchr(name, '.', n) == NULL || strspn(name, "0123456789.") == n)
            continue; /* no host name: "220 2.0.0 Ready", "220 Mailgun ready" */
        int own = 0;
        for (const char *const *w = providers[p].own; *w; w++) {
            const char *at = strstr(name, *w);
            own |= at != NULL && at < name + n;
        }
        if (own)
            continue;
        mxtls__explain_support(s, MXTLS_F_CERT_NAME_MISMATCH, 2,
                               "another host's greeting answered the provider's submission "
                               "host: outbound SMTP is intercepted");
        mxtls__explain_support(s, MXTLS_F_NET_EGRESS_BLOCKED, 1,
                               "outbound SMTP is redirected to the hosting provider's server");
        return;
    }
}

/* openssl s_client asked to speak STARTTLS ("-starttls") to a port that
 * wants TLS at once (465 submissions, 993 IMAPS, 995 POP3S): a server
 * there shows no STARTTLS, so its "didn't find STARTTLS" is the test's
 * own mix-up, not a server that lacks it. */
static void starttls_on_implicit_port(const char *hay, struct mxtls__explain_scores *s)
{
    if (strstr(hay, "-starttls") == NULL)
        return;
    for (const char *at = strstr(hay, "-connect "); at; at = strstr(at + 1, "-connect ")) {
        long port = url_port(at + strlen("-connect "));
        if (port == 465 || port == 993 || port == 995) {
            mxtls__explain_drop(s, MXTLS_F_SMTP_STARTTLS_MISSING);
            mxtls__explain_support(s, MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3,
                                   "STARTTLS asked of an implicit-TLS port");
            return;
        }
    }
}

/* OpenSSL's X509_V_ERR_* number that a program prints after its own
 * "verification failed" (imapfilter: "certificate verification failed;
 * 10"): the number names the cause as "verify error:num=N" does. Only a
 * bare number of one or two digits counts, not a source line
 * ("verify failed:s3_clnt.c:1264") or a longer figure. */
static void verify_code_after_failure(const char *hay, struct mxtls__explain_scores *s)
{
    static const struct {
        long code;
        int32_t cause;
        int weight;
    } codes[] = {
        {9, MXTLS_F_CERT_NOT_YET_VALID, 3},    {10, MXTLS_F_CERT_EXPIRED, 3},
        {18, MXTLS_F_CERT_SELF_SIGNED, 3},     {19, MXTLS_F_CERT_UNTRUSTED, 3},
        {20, MXTLS_F_CERT_CHAIN_INCOMPLETE, 2}, {21, MXTLS_F_CERT_CHAIN_INCOMPLETE, 3},
        {62, MXTLS_F_CERT_NAME_MISMATCH, 3},   {64, MXTLS_F_CERT_NAME_MISMATCH, 3},
    };
    static const char *const failed[] = {"verification failed", "verify failed", NULL};
    for (size_t k = 0; failed[k]; k++)
        for (const char *at = strstr(hay, failed[k]); at; at = strstr(at + 1, failed[k])) {
            const char *p = at + strlen(failed[k]);
            if (*p != ';' && *p != ':')
                continue;
            p += 1 + strspn(p + 1, " ");
            size_t n = strspn(p, "0123456789");
            if (n == 0 || n > 2 || isalnum((unsigned char)p[n]) || p[n] == '.')
                continue;
            long code = strtol(p, NULL, 10);
            for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++)
                if (codes[c].code == code) {
                    mxtls__explain_support(s, codes[c].cause, codes[c].weight,
                                           "the verification result's OpenSSL code");
                    return;
                }
        }
}

/* A resolver's extended DNS errors (RFC 8914), as dig, kdig and unbound
 * print them ("; EDE: 23 (Network Error): ..."), say why it answered
 * SERVFAIL: codes 1, 2 and 5 to 12 are DNSSEC failures, 22 (No Reachable
 * Authority) and 23 (Network Error) name servers that did not answer. */
static void extended_dns_errors(const char *hay, struct mxtls__explain_scores *s)
{
    int dnssec = 0, unreachable = 0;
    for (const char *at = strstr(hay, "ede: "); at; at = strstr(at + 1, "ede: ")) {
        const char *p = at + 5;
        size_t n = strspn(p, "0123456789");
        if (n == 0 || n > 2 || (at > hay && isalnum((unsigned char)at[-1])))
            continue;
        long code = strtol(p, NULL, 10);
        dnssec |= code == 1 || code == 2 || (code >= 5 && code <= 12);
        unreachable |= code == 22 || code == 23;
    }
    int tlsa = strstr(hay, "tlsa") != NULL || strstr(hay, "_25._tcp.") != NULL;
    if (dnssec) {
        mxtls__explain_support(s, tlsa ? MXTLS_F_DANE_BOGUS : MXTLS_F_DNS_DNSSEC_BOGUS, 3,
                               "the resolver's extended error names a DNSSEC failure");
        mxtls__explain_drop(s, MXTLS_F_DNS_SERVFAIL);
    } else if (unreachable) {
        mxtls__explain_support(s, MXTLS_F_DNS_SERVFAIL, 3,
                               "the resolver's extended error says the name servers did "
                               "not answer");
        mxtls__explain_drop(s, MXTLS_F_DANE_BOGUS);
        mxtls__explain_drop(s, MXTLS_F_DNS_DNSSEC_BOGUS);
    }
}

/* The host name in hay at p, up to the first octet that cannot be in one,
 * copied to out (cap octets with its NUL); its length, or 0 if it is
 * longer than a name can be. */
static size_t host_at(const char *p, char *out, size_t cap)
{
    size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789.-*_");
    if (n == 0 || n >= cap)
        return 0;
    memcpy(out, p, n);
    out[n] = '\0';
    return n;
}

/* The one host name the text says it connected to ("Connected to
 * HOST[ADDR]"), in host (cap octets); 0 if it names none, an address, or
 * more than one host (whose names would then be listed for which?). */
static size_t the_host_connected_to(const char *hay, char *host, size_t cap)
{
    static const char connected[] = "connected to ";
    char found[254];
    size_t n = 0;
    for (const char *at = strstr(hay, connected); at; at = strstr(at + 1, connected)) {
        const char *p = at + strlen(connected);
        size_t k = host_at(p, found, sizeof found);
        if (k == 0 || p[k] != '[')
            continue;
        if (n > 0 && (k != n || memcmp(found, host, n) != 0))
            return 0;
        if (n == 0) {
            if (k >= cap)
                return 0;
            memcpy(host, found, k + 1);
            n = k;
        }
    }
    if (n == 0 || strchr(host, '.') == NULL || strspn(host, "0123456789.") == n)
        return 0;
    return n;
}

/* posttls-finger lists the certificate's names ("HOST[ADDR]:25:
 * subjectAltName: NAME") after "Connected to HOST[ADDR]:25", and writes
 * "Matched subjectAltName: NAME" only when one names the host. A listing
 * of names none of which matches the host connected to, by the rules
 * senders use (RFC 6125: one whole leftmost wildcard label), is a
 * certificate for another name. A host given as an address is left
 * alone: a certificate names host names. */
static void names_listed_without_the_host(const char *hay, struct mxtls__explain_scores *s)
{
    static const char san[] = "subjectaltname: ";
    char host[254], name[254];
    if (strstr(hay, "matched subjectaltname") != NULL ||
        strstr(hay, "matched commonname") != NULL || strstr(hay, "verified tls connection") != NULL)
        return;
    if (the_host_connected_to(hay, host, sizeof host) == 0)
        return;
    size_t listed = 0;
    for (const char *p = strstr(hay, san); p && listed < 64; p = strstr(p + 1, san)) {
        if (host_at(p + strlen(san), name, sizeof name) == 0)
            continue;
        if (mxtls__dns_id_match(name, host))
            return;
        listed++;
    }
    if (listed > 0)
        mxtls__explain_support(s, MXTLS_F_CERT_NAME_MISMATCH, 2,
                               "none of the certificate's names (subjectAltName) is the host "
                               "connected to");
}

/* Postfix's smtp client names how far verification got: "Untrusted"
 * (the chain does not lead to a trusted CA), "Trusted" (it does, but the
 * host was not matched), "Verified". A "Trusted TLS connection" that ends
 * in "Server certificate not verified" had a good chain and failed the
 * match: the certificate's names, or under DANE its TLSA records. The
 * causes of a bad chain are then contradicted. */
static void trusted_but_not_verified(const char *hay, struct mxtls__explain_scores *s)
{
    static const char trusted[] = "trusted tls connection established";
    int chain_was_trusted = 0;
    for (const char *at = strstr(hay, trusted); at; at = strstr(at + 1, trusted)) {
        if (at - hay >= 2 && strncmp(at - 2, "un", 2) == 0)
            return; /* an "Untrusted" one in the same log: the chain failed there */
        chain_was_trusted = 1;
    }
    if (!chain_was_trusted || strstr(hay, "server certificate not verified") == NULL)
        return;
    static const char said[] = "Postfix trusted the certificate's chain (\"Trusted TLS "
                               "connection\") but did not verify the host";
    mxtls__explain_support(s, MXTLS_F_CERT_NAME_MISMATCH, 2, said);
    mxtls__explain_support(s, MXTLS_F_DANE_MISMATCH, 2, said);
    mxtls__explain_drop(s, MXTLS_F_CERT_UNTRUSTED);
    mxtls__explain_drop(s, MXTLS_F_CERT_SELF_SIGNED);
    mxtls__explain_drop(s, MXTLS_F_SENDER_NO_CA_STORE);
    mxtls__explain_drop(s, MXTLS_F_CERT_CHAIN_INCOMPLETE);
}

/* A TLS hello sent to a plain-text SMTP port reads, to the server, as
 * lines of garbage: it answers each "unrecognized command" (qmail,
 * Postfix's 502, Exim's "unrecognized command", Sendmail's 500 5.5.1).
 * Three or more such lines in one text, with no HTTP request among them
 * (a web client's headers draw the same answers), are a client that
 * speaks TLS where STARTTLS is due. */
static void unrecognized_commands_in_a_row(const char *hay, struct mxtls__explain_scores *s)
{
    static const char *const replies[] = {"unrecognized command", "command unrecognized",
                                          "command not recognized", NULL};
    if (strstr(hay, "http/1.") != NULL)
        return;
    size_t seen = 0;
    for (size_t k = 0; replies[k]; k++)
        for (const char *at = strstr(hay, replies[k]); at; at = strstr(at + 1, replies[k]))
            seen++;
    if (seen >= 3)
        mxtls__explain_support(s, MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2,
                               "\"unrecognized command\" line after line, as a server "
                               "answers a TLS hello on a plain-text port");
}

/* A client that waited on port 465 until it timed out (or read nothing),
 * with no sign that it spoke TLS first (an "ssl://" or "smtps://" URL,
 * "secure: true"): it waited for the SMTP greeting while the server
 * waited for its TLS hello, a plain or STARTTLS client on the
 * implicit-TLS port. A connection that timed out is another matter (a
 * firewall, a dead host): its words are left to the network rules. */
static void waited_on_the_implicit_tls_port(const char *hay, struct mxtls__explain_scores *s)
{
    static const char *const port_465[] = {"port 465", ":465", "port=465", "port: 465", NULL};
    static const char *const spoke_tls_first[] = {"ssl://", "smtps://", "tls://", "secure: true",
                                                  "secure=true", "implicit", NULL};
    static const char *const connecting[] = {"connection timed out", "connect timed out",
                                             "connect() timed out", "etimedout",
                                             /* Go's dialer: the TCP connect itself */
                                             "dial tcp", NULL};
    /* PHPMailer's debug output shows the wait as a read that came back
     * empty ("SMTP INBOUND: \"\"") */
    static const char *const waited[] = {"timed out", "smtp inbound: \"\"", NULL};
    if (!any_of(hay, waited) || !any_of(hay, port_465) || any_of(hay, spoke_tls_first) ||
        any_of(hay, connecting))
        return;
    mxtls__explain_support(s, MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3,
                           "a wait on port 465 that timed out, as when a client waits for the "
                           "greeting that an implicit-TLS server sends only after the TLS "
                           "handshake");
}

/* A socket error printed as a bare number: OpenSSL's BIO ("connect:errno=
 * 111", "write:errno=113") and Python ("[Errno 110]") give the errno
 * value, often with no words. The numbers are Linux's; the BSD and macOS
 * numbers of the same errors (60, 61, 65, 51) mean nothing a socket
 * returns on Linux, so they are read too, and so are Winsock's (100xx).
 * Another number ("errno=1110") is no socket error's. */
static void socket_errno_number(const char *hay, struct mxtls__explain_scores *s)
{
    static const struct {
        long code;
        int32_t cause;
        int weight;
        const char *meaning;
    } codes[] = {
        {110, MXTLS_F_NET_TIMEOUT, 2, "socket error 110: connection timed out"},
        {60, MXTLS_F_NET_TIMEOUT, 2, "socket error 60: operation timed out"},
        {111, MXTLS_F_NET_REFUSED, 2, "socket error 111: connection refused"},
        {61, MXTLS_F_NET_REFUSED, 2, "socket error 61: connection refused"},
        {113, MXTLS_F_NET_UNREACHABLE, 2, "socket error 113: no route to host"},
        {65, MXTLS_F_NET_UNREACHABLE, 2, "socket error 65: no route to host"},
        {101, MXTLS_F_NET_UNREACHABLE, 2, "socket error 101: network is unreachable"},
        {51, MXTLS_F_NET_UNREACHABLE, 2, "socket error 51: network is unreachable"},
        {104, MXTLS_F_TLS_HANDSHAKE_FAILED, 1, "socket error 104: connection reset by peer"},
        {54, MXTLS_F_TLS_HANDSHAKE_FAILED, 1, "socket error 54: connection reset by peer"},
        /* Winsock's, as Python on Windows prints them ("[Errno 10061]
         * Connect call failed", "[WinError 10060]") */
        {10060, MXTLS_F_NET_TIMEOUT, 2, "socket error 10060: connection timed out"},
        {10061, MXTLS_F_NET_REFUSED, 2, "socket error 10061: connection refused"},
        {10065, MXTLS_F_NET_UNREACHABLE, 2, "socket error 10065: no route to host"},
        {10051, MXTLS_F_NET_UNREACHABLE, 2, "socket error 10051: network is unreachable"},
        {10054, MXTLS_F_TLS_HANDSHAKE_FAILED, 1, "socket error 10054: connection reset by peer"},
    };
    static const char *const markers[] = {"errno=", "[errno ", "errno: -", "[winerror ",
                                          /* Rust's io::Error */ "(os error ", NULL};
    for (size_t k = 0; markers[k]; k++)
        for (const char *at = strstr(hay, markers[k]); at; at = strstr(at + 1, markers[k])) {
            const char *p = at + strlen(markers[k]);
            size_t n = strspn(p, "0123456789");
            if (n == 0 || n > 5 || isalnum((unsigned char)p[n]))
                continue;
            long code = strtol(p, NULL, 10);
            for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++)
                if (codes[c].code == code) {
                    mxtls__explain_support(s, codes[c].cause, codes[c].weight,
                                           codes[c].meaning);
                    return;
                }
        }
}

/* Gmail's bounce for a domain it cannot deliver to lists its lookups:
 * "DNS type 'mx' lookup of D responded with code NOERROR DNS type 'a'
 * lookup of H responded with code NXDOMAIN". An MX that was found, whose
 * host then has no address, is an MX without an address, not a domain
 * that does not exist. */
static void mx_host_without_address(const char *hay, struct mxtls__explain_scores *s)
{
    static const char mx[] = "dns type 'mx' lookup of ", code[] = "responded with code ";
    const char *at = strstr(hay, mx);
    const char *reply = at ? strstr(at, code) : NULL;
    if (reply == NULL || strncmp(reply + strlen(code), "noerror", 7) != 0)
        return;
    static const char *const host[] = {"dns type 'a' lookup of ", "dns type 'aaaa' lookup of ",
                                       NULL};
    for (size_t k = 0; host[k]; k++) {
        const char *h = strstr(reply, host[k]);
        const char *r = h ? strstr(h, code) : NULL;
        if (r != NULL && strncmp(r + strlen(code), "nxdomain", 8) == 0) {
            mxtls__explain_support(s, MXTLS_F_DNS_MX_NO_ADDRESS, 3,
                                   "the MX was found, and its host's address lookup found "
                                   "no such name");
            return;
        }
    }
}

/* The same bounce when the domain's own MX lookup found nothing: "DNS
 * type 'mx' lookup of D responded with code NOERROR DNS type 'mx' lookup
 * of D had no relevant answers". Only the words between this lookup and
 * the next one count: "no relevant answers" of an A lookup is another
 * lookup's. */
static void mx_lookup_without_answers(const char *hay, struct mxtls__explain_scores *s)
{
    enum { MAX_SEEN = 16 };   /* a bounce lists a few lookups, not thousands */
    static const char mx[] = "dns type 'mx' lookup of ", none[] = " had no relevant answers";
    const char *found = strstr(hay, none);
    const char *at = found ? strstr(hay, mx) : NULL;
    for (int seen = 0; at && found && seen < MAX_SEEN; seen++, at = strstr(at + 1, mx)) {
        if (found < at)
            found = strstr(at, none);
        const char *next = strstr(at + 1, "dns type '");
        if (found != NULL && (next == NULL || found < next)) {
            mxtls__explain_support(s, MXTLS_F_DNS_NO_MX, 3,
                                   "the domain's MX lookup had no answers");
            return;
        }
    }
}

/* Submission and relay hosts of the large providers and sending services
 * (Amazon SES's are email-smtp.REGION.amazonaws.com), and the consumer
 * services' own MX hosts, which resolve for everyone. (Not a tenant's MX
 * host such as D.mail.protection.outlook.com: one that does not exist is
 * the domain's own mistake.) */
static const char *const relay_hosts[] = {
    "gmail-smtp-in.l.google.com", "aspmx.l.google.com", "hotmail-com.olc.protection.outlook.com",
    "outlook-com.olc.protection.outlook.com", "am0.yahoodns.net", "mx01.mail.icloud.com",
    "mx02.mail.icloud.com",
    "smtp.gmail.com", "smtp-relay.gmail.com", "smtp.googlemail.com", "smtp.office365.com",
    "smtp-mail.outlook.com", "smtp.mail.yahoo.com", "smtp.mail.me.com", "smtp.mailgun.org",
    "smtp.eu.mailgun.org", "smtp.sendgrid.net", "smtp.postmarkapp.com",
    "smtp.sparkpostmail.com", "smtp-relay.brevo.com", "smtp-relay.sendinblue.com",
    "in-v3.mailjet.com", "smtp.mandrillapp.com", "smtp.zoho.com", "smtp.zoho.eu",
    "smtp.fastmail.com", "email-smtp.", NULL};

/* The big providers' own name spaces, whose DNS answers everyone: a
 * temporary failure to look up a name in one of them (a tenant's MX host
 * D.mail.protection.outlook.com included) is the asking machine's
 * resolver failing, not the provider's name servers. So is one of the
 * domains of their consumer mail services ("name=gmail.com type=MX").
 * A "host not found" without "try again" is not temporary, and may be
 * the domain's mistake. */
static const char *const provider_zones[] = {
    /* found as parts of the text: "outlook.com" takes in
     * mail.protection.outlook.com's tenants and olc.protection.outlook.
     * com, "icloud.com" mail.icloud.com's hosts */
    ".google.com", "gmail.com", "googlemail.com", ".yahoodns.net", "yahoo.com",
    "outlook.com", "hotmail.com", "icloud.com", NULL};

/* How resolvers and programs say a lookup failed for now (TRY_AGAIN,
 * EAI_AGAIN, SERVFAIL as Postfix and Exim report it). */
static const char *const lookup_failed_for_now[] = {
    "host not found, try again", "eai_again", "temporary failure in name resolution",
    "host lookup did not complete", NULL};

/* How resolvers and the programs that ask them say a name did not
 * resolve. */
static const char *const lookup_failed[] = {
    "eai_again", "temporary failure in name resolution", "enotfound", "name or service not known",
    "getaddrinfo failed", "no such host", "nodename nor servname provided",
    "name does not resolve", "unknownhostexception", "could not resolve host", "host not found",
    "domain name not found", "no address associated with hostname", "unable to resolve",
    "failed to resolve", "couldn't resolve host name", "could not get ip from host",
    "smtp server not found (", NULL};

/* Whether any of words is in the n octets at p: searched in a copy, so
 * that the search never reads past them. */
static int any_within(const char *p, size_t n, const char *const *words)
{
    char window[256];
    if (n >= sizeof window)
        n = sizeof window - 1;
    memcpy(window, p, n);
    window[n] = '\0';
    return any_of(window, words);
}

/* Whether one of failures is within NEAR octets of one of hosts; at most
 * the first MAX_SEEN of each failure wording are looked at, so that a
 * text made of them costs no more than a few. */
static int failure_near(const char *hay, const char *const *failures,
                        const char *const *hosts)
{
    enum { NEAR = 80, MAX_SEEN = 16 };
    size_t len = strlen(hay);
    for (size_t k = 0; failures[k]; k++) {
        const char *at = strstr(hay, failures[k]);
        for (int seen = 0; at != NULL && seen < MAX_SEEN;
             seen++, at = strstr(at + 1, failures[k])) {
            size_t from = (size_t)(at - hay) > NEAR ? (size_t)(at - hay) - NEAR : 0;
            size_t to = (size_t)(at - hay) + strlen(failures[k]) + NEAR;
            if (any_within(hay + from, (to < len ? to : len) - from, hosts))
                return 1;
        }
    }
    return 0;
}

/* A relay host that resolves for everyone and did not resolve where the
 * text was written ("getaddrinfo ENOTFOUND smtp.gmail.com", "Name service
 * error for name=smtp.office365.com ... Host not found"), or a name in a
 * big provider's own name space that failed for now ("name=D.mail.
 * protection.outlook.com type=A: Host not found, try again"): that
 * machine's own resolver fails. The host must be near the failure: a
 * bounce's headers name smtp.gmail.com for other reasons. */
static void relay_host_not_resolved(const char *hay, struct mxtls__explain_scores *s)
{
    if (failure_near(hay, lookup_failed, relay_hosts))
        mxtls__explain_support(s, MXTLS_F_SENDER_RESOLVER_DOWN, 3,
                               "a relay host that resolves everywhere did not resolve there");
    else if (failure_near(hay, lookup_failed_for_now, provider_zones))
        mxtls__explain_support(s, MXTLS_F_SENDER_RESOLVER_DOWN, 3,
                               "a lookup in a big provider's own name space failed for "
                               "now there");
}

/* The host name at p, without a final dot, into out (host_at); its
 * length, 0 if it is none, too long or a single label. */
static size_t dns_name_at(const char *p, char *out, size_t cap)
{
    size_t n = host_at(p, out, cap);
    while (n > 0 && out[n - 1] == '.')
        out[--n] = '\0';
    return n > 0 && memchr(out, '.', n) != NULL ? n : 0;
}

/* Whether the text holds an address ("@domain"), and, with name, whether
 * name is the domain of one. */
static int an_addresses_domain(const char *hay, const char *name)
{
    enum { MAX_SEEN = 64 };   /* a bounce names a few: bounds hostile text */
    char domain[256];
    const char *a = strchr(hay, '@');
    for (int seen = 0; a != NULL && seen < MAX_SEEN; seen++, a = strchr(a + 1, '@'))
        if (dns_name_at(a + 1, domain, sizeof domain) > 0 &&
            (name == NULL || strcmp(domain, name) == 0))
            return 1;
    return 0;
}

/* Gmail's "DNS Error: Address resolution of H. failed" names the host
 * whose address it looked up: the recipient's domain itself when that has
 * no MX, or else an MX host. H other than the domain of every address in
 * the text is an MX host without an address, not a domain that does not
 * exist. */
static void address_lookup_of_another_host(const char *hay, struct mxtls__explain_scores *s)
{
    static const char marker[] = "address resolution of ";
    const char *at = strstr(hay, marker);
    char host[256];
    if (at == NULL || dns_name_at(at + strlen(marker), host, sizeof host) == 0 ||
        !an_addresses_domain(hay, NULL) || an_addresses_domain(hay, host))
        return;
    mxtls__explain_support(s, MXTLS_F_DNS_MX_NO_ADDRESS, 3,
                           "the address lookup failed for a host, not for the "
                           "recipient's domain");
}

/* Postfix's "Name service error for name=D type=A: Host not found" after
 * an MX lookup that found none: when D is the recipient's domain itself
 * (the address's), the name does not exist, which is not an MX host
 * without an address. The same for type=AAAA's "Host not found"
 * (HOST_NOT_FOUND, not its "try again"): a name with an IPv4 address only
 * has no AAAA data, which is no such error; only a DNS server that
 * answers NXDOMAIN for it (a private one) says so of a name that exists,
 * so an address missing there stays listed, as a hint. */
static void address_lookup_of_the_domain(const char *hay, struct mxtls__explain_scores *s)
{
    static const char marker[] = "name service error for name=";
    enum { MAX_SEEN = 16 };
    char name[256];
    const char *at = strstr(hay, marker);
    for (int seen = 0; at != NULL && seen < MAX_SEEN; seen++, at = strstr(at + 1, marker)) {
        const char *p = at + strlen(marker);
        size_t n = dns_name_at(p, name, sizeof name);
        const char *type = p + n;
        int ipv6 = strncmp(type, " type=aaaa: host not found", 26) == 0 &&
                   strncmp(type + 26, ", try again", 11) != 0;
        if (n == 0 || (strncmp(type, " type=a:", 8) != 0 && !ipv6) ||
            !an_addresses_domain(hay, name))
            continue;
        mxtls__explain_drop(s, MXTLS_F_DNS_MX_NO_ADDRESS);
        mxtls__explain_support(s, MXTLS_F_DNS_NXDOMAIN, 3,
                               "the address lookup was of the recipient's domain itself");
        if (ipv6)
            mxtls__explain_support(s, MXTLS_F_DNS_MX_NO_ADDRESS, 1,
                                   "a DNS server may deny an IPv6 address that way");
        return;
    }
    /* The same words with no name (a help page's or a panel's quote of
     * them): Postfix looks the domain's own address up after an MX lookup
     * that found nothing, so a domain that does not exist, the commoner
     * case, says so too; an MX host without an address stays second. */
    if (strstr(hay, "type=a: host not found") != NULL && strstr(hay, "name=") == NULL &&
        strstr(hay, "type=a: host not found, try again") == NULL) {
        mxtls__explain_drop(s, MXTLS_F_DNS_MX_NO_ADDRESS);
        mxtls__explain_support(s, MXTLS_F_DNS_NXDOMAIN, 3,
                               "an address lookup that found no such name");
        mxtls__explain_support(s, MXTLS_F_DNS_MX_NO_ADDRESS, 1,
                               "the name looked up may be an MX host's");
    }
}

/* A bounce that a large provider wrote itself (Exchange Online's
 * "Generating server: ...outlook.com", Gmail's "Technical details of
 * permanent failure") was sent from its own network, whose port 25 is
 * open: the connection it could not make is the receiver's doing. */
static void provider_wrote_the_bounce(const char *hay, struct mxtls__explain_scores *s)
{
    static const char generating[] = "generating server: ";
    const char *g = strstr(hay, generating);
    size_t n = g ? strspn(g + strlen(generating), "abcdefghijklmnopqrstuvwxyz0123456789.-") : 0;
    const char *name = g ? g + strlen(generating) : NULL;
    int microsoft = n > 12 && memcmp(name + n - 12, ".outlook.com", 12) == 0;
    int gmail = strstr(hay, "technical details of permanent failure") != NULL ||
                strstr(hay, "technical details of temporary failure") != NULL;
    if (microsoft || gmail)
        mxtls__explain_drop(s, MXTLS_F_NET_EGRESS_BLOCKED);
}

/* MXToolbox's SMTP test waits 15 s for a server: a server that holds its
 * greeting back longer (a tarpit, Exim's delay for unknown hosts, Kerio's
 * Spam Repellent) gets "Does not support TLS" and a banner that does not
 * match, after a transaction time of 10 s or more. That is the late
 * greeting, not a server without STARTTLS. */
static void checker_waited_for_the_greeting(const char *hay, struct mxtls__explain_scores *s)
{
    if (strstr(hay, "does not support tls") == NULL || strstr(hay, "transaction time") == NULL)
        return;
    for (const char *at = strstr(hay, " seconds"); at; at = strstr(at + 1, " seconds")) {
        const char *p = at;
        while (p > hay && (isdigit((unsigned char)p[-1]) || p[-1] == '.'))
            p--;
        /* the whole seconds: strtol, unlike atof, ignores the locale */
        if (p < at && isdigit((unsigned char)*p) && strtol(p, NULL, 10) >= 10) {
            mxtls__explain_support(s, MXTLS_F_SMTP_SLOW_BANNER, 3,
                                   "the checker waited 10 s or more before it gave up on "
                                   "STARTTLS");
            return;
        }
    }
}

void mxtls__explain_structure(const char *hay, struct mxtls__explain_scores *s)
{
    starttls_on_implicit_port(hay, s);
    subject_is_issuer(hay, s);
    quit_after_starttls(hay, s);
    quit_at_the_go_ahead(hay, s);
    starttls_accepted(hay, s);
    scheme_against_port(hay, s);
    greeting_from_another_host(hay, s);
    verify_code_after_failure(hay, s);
    mx_host_without_address(hay, s);
    mx_lookup_without_answers(hay, s);
    socket_errno_number(hay, s);
    unrecognized_commands_in_a_row(hay, s);
    trusted_but_not_verified(hay, s);
    waited_on_the_implicit_tls_port(hay, s);
    names_listed_without_the_host(hay, s);
    extended_dns_errors(hay, s);
    relay_host_not_resolved(hay, s);
    address_lookup_of_another_host(hay, s);
    address_lookup_of_the_domain(hay, s);
    provider_wrote_the_bounce(hay, s);
    checker_waited_for_the_greeting(hay, s);
}

/* ==== Whose view a transcript is ======================================= */

/* The marks SMTP dialogues put before a line, and whether the writer sent
 * what follows (swaks, Outlook's [tx], Python smtplib's "send:",
 * Thunderbird's "SMTP Send:", Exchange's protocol logs, Postal's SMTP
 * server's "[VMX1SS] => 250" and "[VMX1SS] <= STARTTLS") or received it.
 * "=>" and "<=" count only after a bracketed session id, as Postal writes
 * them: sendemail's "ERROR => STARTTLS failed" is a message, not a line
 * sent, and Exim's "<=" and "=>" (a message's arrival and delivery) are
 * followed by an address.
 * A bare ">" or ">>>" is no mark here: the normal form drops it at the
 * start of a line as a mail quote's, so it could only be read on a text's
 * first line, and there a quote's ("> 454 ...") looks the same. */
static const struct {
    const char *mark;
    int sent;
    int after_id; /* only after "] ", a bracketed session id */
} transcript_marks[] = {
    {"->", 1, 0},     {"[tx]", 1, 0},      {"send:", 1, 0}, {"sent:", 1, 0},
    {"<-", 0, 0},     {"<<<", 0, 0},       {"<", 0, 0},     {"[rx]", 0, 0},
    {"reply:", 0, 0}, {"response:", 0, 0}, {"recv:", 0, 0}, {"received:", 0, 0},
    {"=>", 1, 1},     {"<=", 0, 1},
    /* Postfix smtpd's transcript for the postmaster ("Transcript of
     * session follows": "Out: 220 ...", "In: EHLO ...") */
    {"out:", 1, 0},   {"in:", 0, 0},
};

static const char *const smtp_commands[] = {"ehlo", "helo", "lhlo", "starttls", "mail from",
                                            "rcpt to", "auth", "quit", "rset", "noop", NULL};

/* A mark stands at the start of a word: "x->y" and "a<=b" are no marks. */
static int mark_at_word_start(const char *hay, const char *at)
{
    return at == hay || at[-1] == ' ' || at[-1] == ',' || at[-1] == '\t';
}

/* What follows a mark, past blanks, commas and the quotes a debug print
 * puts round a line (Python's b'...'): 1 an SMTP command, 2 a reply, 0
 * anything else. */
static int line_kind(const char *p)
{
    p += strspn(p, " ,'\"`");
    if (p[0] == 'b' && (p[1] == '\'' || p[1] == '"'))
        p += 2;
    for (size_t k = 0; smtp_commands[k]; k++) {
        size_t n = strlen(smtp_commands[k]);
        if (strncmp(p, smtp_commands[k], n) == 0 && !isalnum((unsigned char)p[n]) &&
            p[n] != '_')
            return 1;
    }
    if (p[0] >= '2' && p[0] <= '5' && isdigit((unsigned char)p[1]) &&
        isdigit((unsigned char)p[2]) && (p[3] == ' ' || p[3] == '-' || p[3] == '\0' ||
                                         p[3] == '\'' || p[3] == '\\'))
        return 2;
    return 0;
}

int mxtls__explain_names_both_ends(const char *p)
{
    static const char end_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789.:-[]_";
    size_t a = strspn(p, end_chars);
    if (a == 0 || strncmp(p + a, " to ", 4) != 0)
        return 0;
    size_t b = strspn(p + a + 4, end_chars);
    /* an address or a host name on both sides, not "from you to us" */
    return b > 0 && strpbrk(p, ".:") != NULL && strpbrk(p, ".:") < p + a &&
           memchr(p + a + 4, '.', b) != NULL;
}

/* "connection from A to B": the program that connected names both ends. */
static int connection_between(const char *hay, struct mxtls__side_vote *out)
{
    static const char phrase[] = "connection from ";
    for (const char *at = strstr(hay, phrase); at; at = strstr(at + 1, phrase))
        if (mxtls__explain_names_both_ends(at + strlen(phrase))) {
            out->side = MXTLS_SIDE_CLIENT;
            out->weight = 2;
            out->pos = (size_t)(at - hay);
            out->len = strlen(phrase) - 1;
            return 1;
        }
    return 0;
}

void mxtls__explain_transcript_side(const char *hay, struct mxtls__side_vote *out)
{
    memset(out, 0, sizeof *out);
    out->side = MXTLS_SIDE_UNKNOWN;
    int count[2] = {0, 0}; /* [0] the connecting side's view, [1] the server's */
    size_t first[2] = {0, 0}, mark_len[2] = {0, 0};
    for (size_t m = 0; m < sizeof transcript_marks / sizeof transcript_marks[0]; m++) {
        const char *mark = transcript_marks[m].mark;
        for (const char *at = strstr(hay, mark); at; at = strstr(at + 1, mark)) {
            int kind = mark_at_word_start(hay, at) ? line_kind(at + strlen(mark)) : 0;
            if (transcript_marks[m].after_id && (at - hay < 2 || at[-2] != ']'))
                kind = 0;
            if (kind == 0)
                continue;
            /* the connecting side sends commands and receives replies */
            int view = (kind == 1) == (transcript_marks[m].sent != 0) ? 0 : 1;
            if (count[view] == 0 || (size_t)(at - hay) < first[view]) {
                first[view] = (size_t)(at - hay);
                mark_len[view] = strlen(mark);
            }
            count[view]++;
        }
    }
    if (count[0] > 0 && count[1] == 0) {
        /* a sending MTA or a tool connects too: their names outweigh this */
        out->side = MXTLS_SIDE_CLIENT;
        out->weight = 2;
    } else if (count[1] > 0 && count[0] == 0) {
        out->side = MXTLS_SIDE_RECEIVER;
        out->weight = 3;
    } else {
        connection_between(hay, out);
        return;
    }
    int view = out->side == MXTLS_SIDE_CLIENT ? 0 : 1;
    out->pos = first[view];
    out->len = mark_len[view];
}
