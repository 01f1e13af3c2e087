/* What the text around a cause's words changes (explain_context.h). */
#define _GNU_SOURCE /* strcasestr */
#include "explain_context.h"

#include <string.h>
#include <strings.h>

int mxtls__contains_any(const char *t, const char *const *strings)
{
    for (const char *const *w = strings; w != NULL && *w != NULL; w++) {
        size_t n = strlen(*w);
        for (const char *at = t; *at != '\0'; at++)
            if (strncasecmp(at, *w, n) == 0)
                return 1;
    }
    return 0;
}

/* Drop cause from s when no more than a hint (weight 1) supports it:
 * the context below rules out what a bare word suggested, not what the
 * text names. */
static void drop_if_only_hinted(struct mxtls__explain_scores *s, int32_t cause)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->causes[i].cause == cause) {
            if (s->causes[i].best <= 1)
                mxtls__explain_drop(s, cause);
            return;
        }
}

/* "Network is unreachable" (or "no route to host") towards an IPv6
 * address is a host without an IPv6 route (the AAAA record tried first),
 * not an outbound block, which shows as connections that time out or are
 * refused; with those words beside it the block stays. */
static const char *const UNREACHABLE_WORDS[] = {"network is unreachable", "enetunreach",
                                                 "no route to host", "ehostunreach",
                                                 "host is unreachable", NULL};
static const char *const BLOCKED_PORT_WORDS[] = {"timed out", "etimedout", "i/o timeout",
                                                 "connection refused", "econnrefused", NULL};

static void unreachable_over_ipv6(const char *text, const mxtls_explanation *e,
                                  struct mxtls__explain_scores *s)
{
    if (!mxtls__contains_any(text, UNREACHABLE_WORDS) ||
        mxtls__contains_any(text, BLOCKED_PORT_WORDS))
        return;
    for (size_t i = 0; i < e->n_addresses; i++)
        if (strchr(e->addresses[i], ':') != NULL) {
            mxtls__explain_drop(s, MXTLS_F_NET_EGRESS_BLOCKED);
            return;
        }
}

/* Sendmail logs "verify=FAIL" for every STARTTLS=client session whose
 * certificate it could not verify, and delivers over that session anyway
 * (opportunistic TLS, its default). When the same log's delivery ended
 * for a reason in the reply ("stat=User unknown", "stat=Deferred: 450
 * ... Sender address rejected"), that is the failure, and the unverified
 * certificate only the line above it. A stat that is TLS's own
 * ("Deferred: 403 4.7.0 authentication failed", "encryption too weak")
 * keeps it, and so does a log whose mail was sent: then the unverified
 * certificate is what the paste asks about. */
static const char *const TLS_STAT_WORDS[] = {"tls", "ssl", "certificate", "verif", "encrypt",
                                             "authentication failed", NULL};

static int failed_for_another_reason(const char *stat)
{
    char reason[96];
    size_t n = 0;
    stat += strlen("stat=");
    while (n + 1 < sizeof reason && stat[n] != '\0' && stat[n] != ',' && stat[n] != '\n')
        reason[n] = stat[n], n++;
    reason[n] = '\0';
    return strncasecmp(reason, "sent", 4) != 0 && !mxtls__contains_any(reason, TLS_STAT_WORDS);
}

static void unverified_beside_another_failure(const char *text, struct mxtls__error_facts *f,
                                              struct mxtls__explain_scores *s)
{
    static const char *const session[] = {"starttls=client", NULL};
    static const char *const unverified[] = {"verify=fail", NULL};
    if (!mxtls__contains_any(text, session) || !mxtls__contains_any(text, unverified))
        return;
    for (const char *at = text; *at != '\0'; at++)
        if (strncasecmp(at, "stat=", 5) == 0 && failed_for_another_reason(at)) {
            mxtls__explain_drop(s, MXTLS_F_SENDER_NO_CA_STORE);
            f->unverified_aside = 1;
            return;
        }
}

/* .NET's SmtpException says "requires a secure connection or the client
 * was not authenticated" for either, then quotes the server: a reply about
 * authentication alone ("5.7.57 Client not authenticated", "535 5.7.139
 * Authentication unsuccessful") is a refused login, not a client that
 * skipped STARTTLS; a reply about STARTTLS or TLS keeps it. */
static const char *const RESPONSE_MARKERS[] = {
    "server response was:", "réponse du serveur était", "serverantwort war",
    "resposta do servidor foi", "respuesta del servidor fue", "risposta del server",
    "odpowiedź serwera", NULL};
static const char *const AUTH_WORDS[] = {"authenticat", "authentifi", "autentic", "uwierzyteln",
                                         NULL};
static const char *const TLS_WORDS[] = {"starttls", "tls", "ssl", "secure", "encrypt", NULL};

static void dotnet_reply_about_login(const char *text, struct mxtls__explain_scores *s)
{
    for (const char *const *m = RESPONSE_MARKERS; *m != NULL; m++) {
        size_t n = strlen(*m);
        for (const char *at = text; *at != '\0'; at++) {
            if (strncasecmp(at, *m, n) != 0)
                continue;
            char reply[160];
            size_t k = 0;
            for (const char *r = at + n; *r != '\0' && k + 1 < sizeof reply; r++)
                reply[k++] = *r;
            reply[k] = '\0';
            if (mxtls__contains_any(reply, AUTH_WORDS) && !mxtls__contains_any(reply, TLS_WORDS))
                mxtls__explain_drop(s, MXTLS_F_CLIENT_STARTTLS_MISMATCH);
            return;
        }
    }
}

/* A server that refuses the name a client greets it with (HELO or EHLO:
 * "localhost", a bare address, a name that does not resolve): Postfix's
 * "Helo command rejected", Google's 421 "Try again later, closing
 * connection. (EHLO)". Not TLS, and no limit on sending: a vague "try
 * again later" that only hints at one is set aside, and the text says
 * what was refused. */
static const char *const HELO_REFUSED_WORDS[] = {
    "helo command rejected", "ehlo command rejected", "invalid helo", "bad helo",
    "helo rejected", "ehlo rejected", "try again later, closing connection. (ehlo)", NULL};

static void greeting_name_refused(const char *text, struct mxtls__error_facts *f,
                                  struct mxtls__explain_scores *s)
{
    if (!mxtls__contains_any(text, HELO_REFUSED_WORDS))
        return;
    f->helo_refused = 1;
    drop_if_only_hinted(s, MXTLS_F_SMTP_RATE_LIMITED);
}

/* openssl s_client prints "Verify return code: 0 (ok)" and, on an end of
 * file, "unexpected eof while reading" whether or not the handshake got
 * anywhere. Beside "no peer certificate available" or "Cipher is
 * (NONE)" it did not: TLS did not work, and the end of file broke off the
 * handshake, so neither benign reading holds. */
static const char *const NO_SESSION_WORDS[] = {"no peer certificate available",
                                               "cipher is (none)", NULL};

static void handshake_never_done(const char *text, struct mxtls__explain_scores *s)
{
    if (!mxtls__contains_any(text, NO_SESSION_WORDS))
        return;
    mxtls__explain_drop(s, MXTLS_F_TLS_OK);
    mxtls__explain_drop(s, MXTLS_F_TLS_NO_CLOSE_NOTIFY);
}

/* Cisco's ESMTP inspection overwrites STARTTLS with eight X's: the
 * command "XXXXXXXX", the EHLO keyword "XXXXXXXA". Redacted addresses
 * ("xxxxxxxxx@gmail.com") and masked error numbers ("error:xxxxxxxx:SSL
 * routines") are runs of X too: only a word of exactly that form counts. */
static int masking_boundary(char c)
{
    return c == '\0' || c == ' ' || c == '\n' || c == '\t' || c == '\'' || c == '"' ||
           c == '-' || c == '>' || c == '<';
}

static int masked_starttls_word(const char *text)
{
    for (const char *at = text; *at != '\0'; at++) {
        if (strncasecmp(at, "xxxxxxx", 7) != 0 || (at > text && !masking_boundary(at[-1])))
            continue;
        /* a field's redacted value ("password: xxxxxxxx") */
        if (at > text + 1 && at[-1] == ' ' && (at[-2] == ':' || at[-2] == '='))
            continue;
        char last = (char)(at[7] | 0x20);
        if ((last == 'x' || last == 'a') && masking_boundary(at[8]))
            return 1;
    }
    return 0;
}

static void masking_without_its_word(const char *text, struct mxtls__explain_scores *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct mxtls__cause_score *c = &s->causes[i];
        /* the X's rule alone (weight 3, once) said it */
        if (c->cause == MXTLS_F_SMTP_STARTTLS_MASKED && c->score == 3 &&
            strcasestr(c->evidence, "xxxxxxx") != NULL && !masked_starttls_word(text)) {
            mxtls__explain_drop(s, MXTLS_F_SMTP_STARTTLS_MASKED);
            return;
        }
    }
}

/* A program that says it connected ("Connected to smtp.gmail.com at
 * address ..., port 25", PHPMailer's "Connection: opened") got through:
 * its mention of port 25 hints at no outgoing block. Stronger signs of
 * one (a timeout towards a big provider) stay. */
static const char *const CONNECTED_WORDS[] = {"connected to ", "connection: opened",
                                              "connection established", NULL};

static void connected_after_all(const char *text, struct mxtls__explain_scores *s)
{
    if (mxtls__contains_any(text, CONNECTED_WORDS))
        drop_if_only_hinted(s, MXTLS_F_NET_EGRESS_BLOCKED);
}

/* "No TLSA records" (Postfix's "no TLSA records found", a DANE probe's
 * "No TLSA RR for D") is an answer: the domain does not use DANE, and the
 * lookup that gave it was not bogus. The bare words "DANE" and "DNSSEC"
 * around it hint at neither fault. */
static const char *const NO_TLSA_WORDS[] = {"no tlsa", NULL};

static void dane_not_in_use(const char *text, struct mxtls__explain_scores *s)
{
    if (!mxtls__contains_any(text, NO_TLSA_WORDS))
        return;
    drop_if_only_hinted(s, MXTLS_F_DANE_MISMATCH);
    drop_if_only_hinted(s, MXTLS_F_DNS_DNSSEC_BOGUS);
}

/* A lookup of the MTA-STS record that found no such name ("lookup
 * _mta-sts.example.com ...: no such host", whose words explain_match.c
 * sets aside) means the domain has no policy, so none whose MX list
 * could leave a host out: the bare words "STS policy" around it hint at
 * no mismatch. */
static void mtasts_not_published(const char *text, struct mxtls__explain_scores *s)
{
    if (mxtls__mtasts_unpublished(text))
        drop_if_only_hinted(s, MXTLS_F_MTASTS_MX_MISMATCH);
}

/* A receiving server's log of a TLS accept that timed out (Postfix's
 * "SSL_accept error from H: Connection timed out", Exim's "TLS error on
 * connection from H (SSL_accept): timed out"), or Exim's own handshake
 * as a client ("TLS session: (SSL_connect): timed out"): the connection
 * was made, and the handshake on it stalled (a peer that never sent its
 * hello, a filter in the path). No connection to a mail server timed out, so
 * the words "timed out" name the failed handshake, not net.timeout. The
 * words are a server's own, so they say so in any paste that holds them. */
static const char *const ACCEPT_WORDS[] = {"ssl_accept error", "tls error on connection from",
                                           /* Exim's on the connecting side: "TLS
                                            * session: (SSL_connect): timed out" */
                                           "tls session: (", NULL};

/* Whether the reason after one of words (what follows the next ": ",
 * as in "SSL_accept error from H[A]: Connection timed out" and
 * "(SSL_accept): timed out") says it timed out. The normal form has no
 * line breaks, so the reason is read where it stands, not on a line, and
 * no further than a host name and an address away: each search is
 * bounded, however often hostile text repeats the words. */
#define REASON_WINDOW 320 /* octets from the words to their reason's ": " */

static int reason_timed_out(const char *text, const char *const *words)
{
    size_t text_len = strlen(text);
    for (const char *const *w = words; *w != NULL; w++)
        for (const char *at = strcasestr(text, *w); at != NULL;
             at = strcasestr(at + 1, *w)) {
            const char *after = at + strlen(*w);
            size_t left = text_len - (size_t)(after - text);
            const char *colon = memmem(after, left < REASON_WINDOW ? left : REASON_WINDOW, ": ", 2);
            if (colon != NULL && (strncasecmp(colon + 2, "timed out", 9) == 0 ||
                                  strncasecmp(colon + 2, "connection timed out", 20) == 0))
                return 1;
        }
    return 0;
}

static void accept_timed_out(const char *text, struct mxtls__explain_scores *s)
{
    if (!reason_timed_out(text, ACCEPT_WORDS))
        return;
    mxtls__explain_drop(s, MXTLS_F_NET_TIMEOUT);
    mxtls__explain_support(s, MXTLS_F_TLS_HANDSHAKE_FAILED, 2, "\"timed out\" in the TLS accept");
}

/* Go's resolver fails inside its dialer: "dial tcp: lookup H: i/o
 * timeout", "lookup H on 127.0.0.11:53: read udp ...: i/o timeout". That
 * "i/o timeout" is the DNS query's, not a connection's to a mail server
 * ("dial tcp 192.0.2.1:25: i/o timeout"), so it shows no blocked port and
 * no timeout on port 25. Only when every "i/o timeout" is a lookup's and
 * no other words of a connection that failed are in the text. */
#define GO_LOOKUP_WINDOW 300 /* octets back from "i/o timeout" to its clause's start */
static const char *const CONNECT_FAILED_WORDS[] = {"timed out", "etimedout",
                                                   "connection refused", "econnrefused",
                                                   "timeout connecting", NULL};

/* The last word in [from, at), or NULL: searched within that window only. */
static const char *last_before(const char *from, const char *at, const char *word)
{
    const char *last = NULL;
    size_t n = strlen(word);
    for (const char *w = memmem(from, (size_t)(at - from), word, n); w != NULL;
         w = memmem(w + 1, (size_t)(at - (w + 1)), word, n))
        last = w;
    return last;
}

static int timeout_of_a_lookup(const char *text, const char *at)
{
    const char *from = at - text > GO_LOOKUP_WINDOW ? at - GO_LOOKUP_WINDOW : text;
    const char *lookup = last_before(from, at, "lookup ");
    const char *dial = last_before(from, at, "dial tcp ");
    return lookup != NULL && (dial == NULL || lookup > dial);
}

static void go_lookup_timed_out(const char *text, struct mxtls__explain_scores *s)
{
    const char *at = strstr(text, "i/o timeout");
    if (at == NULL || mxtls__contains_any(text, CONNECT_FAILED_WORDS))
        return;
    for (; at != NULL; at = strstr(at + 1, "i/o timeout"))
        if (!timeout_of_a_lookup(text, at))
            return;
    mxtls__explain_drop(s, MXTLS_F_NET_EGRESS_BLOCKED);
    mxtls__explain_drop(s, MXTLS_F_NET_TIMEOUT);
}

void mxtls__explain_context(const char *text, const mxtls_explanation *e,
                            struct mxtls__error_facts *f, struct mxtls__explain_scores *s)
{
    unreachable_over_ipv6(text, e, s);
    unverified_beside_another_failure(text, f, s);
    dotnet_reply_about_login(text, s);
    greeting_name_refused(text, f, s);
    handshake_never_done(text, s);
    masking_without_its_word(text, s);
    connected_after_all(text, s);
    dane_not_in_use(text, s);
    mtasts_not_published(text, s);
    accept_timed_out(text, s);
    go_lookup_timed_out(text, s);
}
