/* Weighing the evidence of a pasted text: see explain_match.h. */
#define _POSIX_C_SOURCE 200809L
#include "explain_match.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "explain_rules.h"
#include "mxtls/diagnose.h"

#define MAX_MATCHES 256  /* phrase hits kept from one text; the rest are ignored */

struct hit {
    size_t rule;
    size_t pos, len;
    int weight;
    int accepted;
};

/* ASCII lower case of the normal form, for matching. */
static char *folded(const struct mxtls__normtext *t)
{
    char *f = mxtls__malloc(t->len + 1);
    if (f == NULL)
        return NULL;
    for (size_t i = 0; i <= t->len; i++)
        f[i] = (t->text[i] >= 'A' && t->text[i] <= 'Z') ? (char)(t->text[i] + 32) : t->text[i];
    return f;
}

static int any_phrase(const char *hay, const char *const *phrases, const char **which)
{
    for (; *phrases; phrases++)
        if (strstr(hay, *phrases) != NULL) {
            if (which)
                *which = *phrases;
            return 1;
        }
    return 0;
}

/* Append `"words"` to a cause's evidence, from the text's own characters.
 * The words are a rule's phrase as the text spells it, so they hold no
 * control byte today; should a rule ever match one, it is written \xNN:
 * the pasted text is data and must not drive the terminal. */
static void quote_into(char *out, const struct mxtls__normtext *t, size_t pos, size_t len)
{
    size_t used = strlen(out);
    if (used + 4 * len + 6 >= MXTLS__EVIDENCE_MAX)
        return;
    char *o = out + used;
    if (used)
        *o++ = ',', *o++ = ' ';
    *o++ = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t->text[pos + i];
        if (c < 0x20 || c == 0x7f)
            o += snprintf(o, 5, "\\x%02x", c);
        else
            *o++ = (char)c;
    }
    *o++ = '"';
    *o = '\0';
}

static void detect_side(const char *hay, const struct mxtls__normtext *t,
                        struct mxtls__explain_scores *s)
{
    int score[5] = {0}, best[5] = {0};
    size_t first[5] = {0};
    const char *said[5] = {NULL};
    for (size_t r = 0; r < mxtls__n_side_rules; r++) {
        const struct mxtls__side_rule *rule = &mxtls__side_rules[r];
        for (const char *const *p = rule->phrases; *p; p++) {
            const char *at = strstr(hay, *p);
            if (at == NULL)
                continue;
            if (score[rule->side] == 0 || (size_t)(at - hay) < first[rule->side]) {
                first[rule->side] = (size_t)(at - hay);
                said[rule->side] = *p;
            }
            score[rule->side] += rule->weight;
            if (rule->weight > best[rule->side])
                best[rule->side] = rule->weight;
        }
    }
    s->side = MXTLS_SIDE_UNKNOWN;
    /* A phrase only one side writes (weight 3) outweighs any number of
     * phrases several sides can write; then the sum, then the earlier. */
    for (int side = MXTLS_SIDE_SENDER; side <= MXTLS_SIDE_TOOL; side++)
        if (best[side] > best[s->side] ||
            (best[side] == best[s->side] && score[side] > score[s->side]) ||
            (best[side] == best[s->side] && score[side] == score[s->side] && score[side] > 0 &&
             first[side] < first[s->side]))
            s->side = side;
    if (s->side != MXTLS_SIDE_UNKNOWN)
        quote_into(s->side_evidence, t, first[s->side], strlen(said[s->side]));
}

/* Whether the text starts with an SMTP reply ("454 4.7.0 ...", "530 Must
 * ...", "5.7.3 STARTTLS ..."), after any quote marks it was pasted in. */
static int starts_with_reply(const char *hay)
{
    hay += strspn(hay, " \"'`([<*-");
    if (hay[0] != '4' && hay[0] != '5')
        return 0;
    if (hay[1] == '.') /* an enhanced status code alone */
        return isdigit((unsigned char)hay[2]) && hay[3] == '.';
    return isdigit((unsigned char)hay[1]) && isdigit((unsigned char)hay[2]) &&
           (hay[3] == ' ' || hay[3] == '-');
}

void mxtls__explain_guess_side(const struct mxtls__normtext *t, int32_t smtp_code,
                               struct mxtls__explain_scores *s)
{
    if (s->side != MXTLS_SIDE_UNKNOWN)
        return;
    char *hay = folded(t);
    if (hay == NULL)
        return; /* no guess: the side stays unknown */
    const char *why = NULL;
    if (smtp_code != 0 || starts_with_reply(hay)) {
        /* A reply with no log around it is what the connecting side
         * received from the server it connected to. */
        int submitting = any_phrase(hay, mxtls__submission_phrases, NULL);
        s->side = submitting ? MXTLS_SIDE_CLIENT : MXTLS_SIDE_SENDER;
        why = submitting ? "an SMTP reply about submitting mail, with no log around it"
                         : "an SMTP reply with no log around it, as a sending server "
                           "received it";
    } else if (s->n > 0) {
        /* An error message with no log prefix, program name or bounce
         * around it: most people who paste one had it from a program
         * that sends mail. */
        s->side = MXTLS_SIDE_CLIENT;
        why = "an error message with no log prefix or bounce around it, as programs "
              "print them";
    }
    if (why != NULL) {
        s->side_guessed = 1;
        snprintf(s->side_evidence, sizeof s->side_evidence, "%s", why);
    }
    mxtls__free(hay);
}

static struct mxtls__cause_score *slot_of(struct mxtls__explain_scores *s, int32_t cause)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->causes[i].cause == cause)
            return &s->causes[i];
    if (s->n == sizeof s->causes / sizeof s->causes[0])
        return NULL;
    struct mxtls__cause_score *c = &s->causes[s->n];
    memset(c, 0, sizeof *c);
    c->cause = cause;
    c->order = s->n++;
    c->start = c->end = -1;
    return c;
}

void mxtls__explain_support(struct mxtls__explain_scores *s, int32_t cause, int weight,
                            const char *evidence)
{
    struct mxtls__cause_score *c = slot_of(s, cause);
    if (c == NULL)
        return;
    c->score += weight;
    if (weight > c->best)
        c->best = weight;
    size_t used = strlen(c->evidence);
    if (evidence && used + strlen(evidence) + 3 < MXTLS__EVIDENCE_MAX)
        snprintf(c->evidence + used, MXTLS__EVIDENCE_MAX - used, "%s%s", used ? ", " : "",
                 evidence);
}

/* The weight a rule has for a text of this side: its own where it holds,
 * one less when the side is not known (the words still point that way),
 * none for another side. */
void mxtls__explain_confirm(struct mxtls__explain_scores *s, int32_t cause)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->causes[i].cause == cause)
            s->causes[i].unconfirmed = 0;
}

static int rule_weight(const struct mxtls__cause_rule *rule, int32_t side)
{
    if (rule->sides == 0 || (side != MXTLS_SIDE_UNKNOWN && (rule->sides & SIDE_BIT(side))))
        return rule->weight;
    return side == MXTLS_SIDE_UNKNOWN ? rule->weight - 1 : 0;
}

/* Every first hit of every phrase of the rules that hold for the side. */
static size_t collect(const char *hay, int32_t side, struct hit *hits)
{
    size_t n = 0;
    for (size_t r = 0; r < mxtls__n_cause_rules; r++) {
        int weight = rule_weight(&mxtls__cause_rules[r], side);
        if (weight <= 0 ||
            (mxtls__cause_rules[r].with && !any_phrase(hay, mxtls__cause_rules[r].with, NULL)))
            continue;
        for (const char *const *p = mxtls__cause_rules[r].phrases; *p && n < MAX_MATCHES; p++) {
            const char *at = strstr(hay, *p);
            if (at != NULL)
                hits[n++] = (struct hit){r, (size_t)(at - hay), strlen(*p), weight, 0};
        }
    }
    return n;
}

static int longer_first(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Where a phrase of one cause lies inside a longer (more specific) phrase
 * of another, the longer wins; the same words can support two causes. */
static void resolve_overlaps(struct hit *hits, size_t n)
{
    qsort(hits, n, sizeof *hits, longer_first);
    for (size_t i = 0; i < n; i++) {
        int32_t cause = mxtls__cause_rules[hits[i].rule].cause;
        hits[i].accepted = 1;
        for (size_t k = 0; k < i && hits[i].accepted; k++)
            if (hits[k].accepted && mxtls__cause_rules[hits[k].rule].cause != cause &&
                hits[k].len > hits[i].len && hits[i].pos >= hits[k].pos &&
                hits[i].pos + hits[i].len <= hits[k].pos + hits[k].len)
                hits[i].accepted = 0;
    }
}

static void score_hits(const struct hit *hits, size_t n, const struct mxtls__normtext *t,
                       struct mxtls__explain_scores *s)
{
    for (size_t r = 0; r < mxtls__n_cause_rules; r++) {
        const struct hit *best = NULL;
        for (size_t i = 0; i < n; i++)
            if (hits[i].accepted && hits[i].rule == r &&
                (best == NULL || hits[i].pos < best->pos))
                best = &hits[i];
        if (best == NULL)
            continue;
        const struct mxtls__cause_rule *rule = &mxtls__cause_rules[r];
        struct mxtls__cause_score *c = slot_of(s, rule->cause);
        if (c == NULL)
            continue;
        c->score += best->weight;
        if (best->weight > c->best)
            c->best = best->weight;
        if (c->start < 0 || t->origin[best->pos] < (uint32_t)c->start) {
            c->start = t->origin[best->pos];
            c->end = t->origin[best->pos + best->len - 1] + 1;
        }
        quote_into(c->evidence, t, best->pos, best->len);
    }
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
 * gnutls-cli) that shows the first subject and issuer alike. */
static void subject_is_issuer(const char *hay, struct mxtls__explain_scores *s)
{
    static const char *const subject[] = {"subject:", "subject=", "subject `", "s:", NULL};
    static const char *const issuer[] = {"issuer:", "issuer=", "issuer `", "i:", NULL};
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

/* The port after a URL's host ("ssl://smtp.example.com:587"): its
 * number, or -1 if the URL names none. */
static long url_port(const char *host)
{
    size_t n = strspn(host, "abcdefghijklmnopqrstuvwxyz0123456789.-[]");
    if (host[n] != ':' || !isdigit((unsigned char)host[n + 1]))
        return -1;
    return strtol(host + n + 1, NULL, 10);
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

/* Blank a library's fixed list of possible reasons (explain_rules.h), so
 * that none of its words counts as evidence. Offsets stay as they were. */
static void blank_boilerplate(char *hay)
{
    for (size_t r = 0; r < mxtls__n_boilerplate_rules; r++) {
        char *from = strstr(hay, mxtls__boilerplate_rules[r].start);
        while (from != NULL) {
            char *to = strstr(from, mxtls__boilerplate_rules[r].end);
            char *stop = to ? to + strlen(mxtls__boilerplate_rules[r].end) : from + strlen(from);
            memset(from, ' ', (size_t)(stop - from));
            from = strstr(stop, mxtls__boilerplate_rules[r].start);
        }
    }
}

int mxtls__explain_match(const struct mxtls__normtext *t, struct mxtls__explain_scores *s)
{
    memset(s, 0, sizeof *s);
    char *hay = folded(t);
    struct hit *hits = mxtls__calloc(MAX_MATCHES, sizeof *hits);
    if (hay == NULL || hits == NULL) {
        mxtls__free(hay);
        mxtls__free(hits);
        return -1;
    }
    detect_side(hay, t, s);
    blank_boilerplate(hay);
    size_t n = collect(hay, s->side, hits);
    resolve_overlaps(hits, n);
    score_hits(hits, n, t, s);
    subject_is_issuer(hay, s);
    quit_after_starttls(hay, s);
    scheme_against_port(hay, s);
    greeting_from_another_host(hay, s);
    for (size_t i = 0; i < mxtls__n_needs_rules; i++) {
        struct mxtls__cause_score *c = NULL;
        for (size_t k = 0; k < s->n; k++)
            if (s->causes[k].cause == mxtls__needs_rules[i].cause)
                c = &s->causes[k];
        if (c != NULL && !any_phrase(hay, mxtls__needs_rules[i].phrases, NULL))
            c->unconfirmed = 1;
    }
    mxtls__free(hay);
    mxtls__free(hits);
    return 0;
}

/* Whether the rules say cause goes before over, as its cause. */
static int goes_before(int32_t cause, int32_t over)
{
    for (size_t r = 0; r < mxtls__n_precedence_rules; r++)
        if (mxtls__precedence_rules[r].cause == cause && mxtls__precedence_rules[r].over == over)
            return 1;
    return 0;
}

/* Confirmed before unconfirmed; then the strongest sign; between equally
 * strong ones, a cause before what follows from it, a cause that says why
 * before a symptom, then more support, then the one seen first. */
static int by_rank(const void *a, const void *b)
{
    const struct mxtls__cause_score *x = a, *y = b;
    if (x->unconfirmed != y->unconfirmed)
        return x->unconfirmed ? 1 : -1;
    if (x->best != y->best)
        return x->best > y->best ? -1 : 1;
    if (goes_before(x->cause, y->cause))
        return -1;
    if (goes_before(y->cause, x->cause))
        return 1;
    if (x->symptom != y->symptom)
        return x->symptom ? 1 : -1;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

void mxtls__explain_rank(struct mxtls__explain_scores *s, const struct mxtls__normtext *t)
{
    (void)t;
    for (size_t i = 0; i < s->n; i++)
        for (size_t k = 0; k < mxtls__n_symptom_causes; k++)
            s->causes[i].symptom |= s->causes[i].cause == mxtls__symptom_causes[k];
    qsort(s->causes, s->n, sizeof s->causes[0], by_rank);
    if (s->n > MXTLS__MAX_CAUSES)
        s->n = MXTLS__MAX_CAUSES;
}
