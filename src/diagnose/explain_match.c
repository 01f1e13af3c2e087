/* Weighing the evidence of a pasted text: see explain_match.h. */
#define _GNU_SOURCE /* strcasestr */
#include "explain_match.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "explain_rules.h"
#include "explain_structure.h"
#include "mxtls/diagnose.h"

#define MAX_MATCHES 512  /* phrase hits kept from one text; the rest are ignored */

struct hit {
    size_t rule;
    size_t pos, len;
    int weight;
    int accepted;
};

/* The small letter of a capital that is two octets in UTF-8, as its small
 * letter is, or cp itself: the Latin capitals from U+00C0 to U+017F (the
 * letters of the European languages whose messages the vocabularies
 * read: "Ü", "É", "Ç", "Ł", "Ż"), the Cyrillic capitals from U+0400 to
 * U+042F ("С", "Н", "І", "Є") and the Greek capitals from U+0391 to U+03A9.
 * Folding keeps every offset. */
static unsigned small_letter(unsigned cp)
{
    if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
        return cp + 0x20;
    if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177)) && cp % 2 == 0)
        return cp + 1;
    if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e)) && cp % 2 == 1)
        return cp + 1;
    if (cp == 0x178)
        return 0xff;
    if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2) /* U+03A2 is unassigned */
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40f) /* "Ѐ".."Џ": "ѐ".."џ" */
        return cp + 0x50;
    if (cp >= 0x410 && cp <= 0x42f) /* "А".."Я": "а".."я" */
        return cp + 0x20;
    return cp;
}

/* Lower case of the normal form, for matching: ASCII, and the capitals
 * above, so that "LE CERTIFICAT REÇU A EXPIRÉ", a German noun
 * ("Übertragungsverbindung") or a Russian sentence ("Сертификат узла
 * истёк") match the small-letter phrases. */
static char *folded(const struct mxtls__normtext *t)
{
    char *f = mxtls__malloc(t->len + 1);
    if (f == NULL)
        return NULL;
    const unsigned char *in = (const unsigned char *)t->text;
    for (size_t i = 0; i <= t->len; i++) {
        if (in[i] >= 0xc3 && in[i] <= 0xd0 && i + 1 < t->len && (in[i + 1] & 0xc0) == 0x80) {
            unsigned cp = small_letter((unsigned)(in[i] & 0x1f) << 6 | (in[i + 1] & 0x3f));
            f[i] = (char)(0xc0 | cp >> 6);
            f[i + 1] = (char)(0x80 | (cp & 0x3f));
            i++;
            continue;
        }
        f[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] + 32) : (char)in[i];
    }
    return f;
}

/* The length of an article ("a ", "an ", "the ") at s, or 0. */
static size_t article(const char *s)
{
    if (s[0] == 'a' && s[1] == ' ')
        return 2;
    if (s[0] == 'a' && s[1] == 'n' && s[2] == ' ')
        return 3;
    if (s[0] == 't' && s[1] == 'h' && s[2] == 'e' && s[3] == ' ')
        return 4;
    return 0;
}

/* How many characters of h spell phrase p, where an article that only one
 * of them has at the start of a later word does not count; 0: no match.
 * The text gets one article skipped per word, not a run of them: "a a a
 * ..." would otherwise be skipped to its end from every place a phrase's
 * first letter stands, which made a 64 KiB paste take a minute. */
static size_t match_loosely(const char *h, const char *p)
{
    const char *from = h;
    int word_start = 0;
    while (*p) {
        if (word_start) {
            size_t ha = article(h), pa = article(p);
            if (pa && !(ha == pa && strncmp(h, p, pa) == 0)) {
                p += pa;
                continue;
            }
            if (ha && !pa) {
                h += ha;
                word_start = 0;
                continue;
            }
        }
        if (*h != *p)
            return 0;
        word_start = *p == ' ';
        h++;
        p++;
    }
    return (size_t)(h - from);
}

/* Where phrase is in hay, and how long it is there (*len): as written, or
 * else with an article left out or added, as people retyping an error do
 * ("must issue STARTTLS command first", "requires secure connection"). */
static int ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Phrases shorter than this that end in a letter do not match where the
 * text's word goes on with a letter: "crl" is not in "<crlf>", which
 * every SMTP transcript prints. Longer phrases, and a short one followed
 * by a digit ("[ts0" in "[TS01]"), match inside words as before: real
 * texts glue words ("certificate verify failedSMTP server error"), and
 * phrases are cut to a stem on purpose ("starttls: got 5"). */
#define SHORT_PHRASE 6

static int ends_where_a_word_ends(const char *at, size_t len, const char *phrase)
{
    size_t plen = strlen(phrase);
    return plen == 0 || plen >= SHORT_PHRASE || !ascii_letter(phrase[plen - 1]) ||
           !ascii_letter(at[len]);
}

static const char *find_phrase(const char *hay, const char *phrase, size_t *len)
{
    size_t plen = strlen(phrase);
    for (const char *at = strstr(hay, phrase); at != NULL; at = strstr(at + 1, phrase))
        if (ends_where_a_word_ends(at, plen, phrase)) {
            *len = plen;
            return at;
        }
    if (strchr(phrase, ' ') == NULL)
        return NULL;
    for (const char *at = strchr(hay, phrase[0]); at != NULL; at = strchr(at + 1, phrase[0])) {
        size_t n = match_loosely(at, phrase);
        if (n > 0 && ends_where_a_word_ends(at, n, phrase)) {
            *len = n;
            return at;
        }
    }
    return NULL;
}

static int any_phrase(const char *hay, const char *const *phrases, const char **which)
{
    size_t len;
    for (; *phrases; phrases++)
        if (find_phrase(hay, *phrases, &len) != NULL) {
            if (which)
                *which = *phrases;
            return 1;
        }
    return 0;
}

/* Append `"words"` to a cause's evidence, from the text's own characters,
 * once: two rules of one cause may match the same words. The words are a
 * rule's phrase as the text spells it, so they hold no control byte today;
 * should a rule ever match one, it is written \xNN: the pasted text is
 * data and must not drive the terminal. */
static void quote_into(char *out, const struct mxtls__normtext *t, size_t pos, size_t len)
{
    size_t used = strlen(out);
    if (used + 4 * len + 6 >= MXTLS__EVIDENCE_MAX)
        return;
    char quoted[MXTLS__EVIDENCE_MAX];
    char *o = quoted;
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
    if (strstr(out, quoted) != NULL)
        return;
    snprintf(out + used, MXTLS__EVIDENCE_MAX - used, "%s%s", used ? ", " : "", quoted);
}

/* A server's "connection from" its client names one end; "connection
 * from A to B", both, is the connecting program's (smtp-cli). */
static int names_both_ends(const char *phrase, const char *at)
{
    size_t n = strlen(phrase);
    return n >= 5 && strcmp(phrase + n - 5, " from") == 0 && at[n] == ' ' &&
           mxtls__explain_names_both_ends(at + n + 1);
}

/* Words that hold a side's phrase but that either side writes: Go's
 * crypto/tls prefixes every alert, in clients and servers alike, with
 * "remote error: tls: " (received) or "local error: tls: " (sent), which
 * is no program's "error: " of its own. */
static const char *const side_neutral[] = {
    "remote error: tls: ", "local error: tls: ",
    /* and a program's own "could not connect to HOST", which holds the
     * "connect to " of Postfix's "connect to HOST[ADDR]:25" */
    "could not connect to ", "couldn't connect to ", "unable to connect to ",
    "can't connect to ", "cannot connect to ", "failed to connect to ",
    /* a program's step ("connect to smtp server: ..."), not a host */
    "connect to smtp server", NULL};

static int inside_neutral(const char *hay, const char *at, size_t len)
{
    for (const char *const *w = side_neutral; *w; w++) {
        size_t n = strlen(*w);
        if (len > n)
            continue;
        for (size_t back = 0; back + len <= n; back++)
            if ((size_t)(at - hay) >= back && strncmp(at - back, *w, n) == 0)
                return 1;
    }
    return 0;
}

/* The first place of a side's phrase that is not inside such words. */
static const char *find_side_phrase(const char *hay, const char *phrase)
{
    const char *at = strstr(hay, phrase);
    while (at != NULL && inside_neutral(hay, at, strlen(phrase)))
        at = strstr(at + 1, phrase);
    return at;
}

static void detect_side(const char *hay, const struct mxtls__normtext *t,
                        struct mxtls__explain_scores *s)
{
    int score[5] = {0}, best[5] = {0};
    size_t first[5] = {0};
    size_t said_len[5] = {0}; /* the length of the first words that said it */
    for (size_t r = 0; r < mxtls__n_side_rules; r++) {
        const struct mxtls__side_rule *rule = &mxtls__side_rules[r];
        for (const char *const *p = rule->phrases; *p; p++) {
            const char *at = find_side_phrase(hay, *p);
            if (at == NULL || names_both_ends(*p, at))
                continue;
            if (score[rule->side] == 0 || (size_t)(at - hay) < first[rule->side]) {
                first[rule->side] = (size_t)(at - hay);
                said_len[rule->side] = strlen(*p);
            }
            score[rule->side] += rule->weight;
            if (rule->weight > best[rule->side])
                best[rule->side] = rule->weight;
        }
    }
    struct mxtls__side_vote form;
    mxtls__explain_transcript_side(hay, &form);
    if (form.side == MXTLS_SIDE_CLIENT) {
        /* The connecting side's view: a program's, a sending MTA's or a
         * tool's, whichever the other words already point to. */
        if (score[MXTLS_SIDE_SENDER] > score[form.side])
            form.side = MXTLS_SIDE_SENDER;
        if (score[MXTLS_SIDE_TOOL] > score[form.side])
            form.side = MXTLS_SIDE_TOOL;
    }
    if (form.side != MXTLS_SIDE_UNKNOWN) {
        if (score[form.side] == 0 || form.pos < first[form.side]) {
            first[form.side] = form.pos;
            said_len[form.side] = form.len;
        }
        score[form.side] += form.weight;
        if (form.weight > best[form.side])
            best[form.side] = form.weight;
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
        quote_into(s->side_evidence, t, first[s->side], said_len[s->side]);
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

/* Words that make a text about mail, a server or a connection. */
static const char *const mail_words[] = {"mail", "smtp", "imap", "pop3", "server", "connect",
                                         "certificat", "ssl", "tls", "host", NULL};

int mxtls__explain_guess_side(const struct mxtls__normtext *t, int32_t smtp_code,
                              struct mxtls__explain_scores *s)
{
    if (s->side != MXTLS_SIDE_UNKNOWN)
        return 0;
    char *hay = folded(t);
    if (hay == NULL)
        return -1;
    const char *why = NULL;
    if (smtp_code != 0 || starts_with_reply(hay)) {
        /* A reply with no log around it is what the connecting side
         * received from the server it connected to. */
        int submitting = any_phrase(hay, mxtls__submission_phrases, NULL);
        s->side = submitting ? MXTLS_SIDE_CLIENT : MXTLS_SIDE_SENDER;
        why = submitting ? "an SMTP reply about submitting mail, with no log around it"
                         : "an SMTP reply with no log around it, as a sending server "
                           "received it";
    } else if (s->n > 0 && (any_phrase(hay, mxtls__mta_phrases, NULL) ||
                            (any_phrase(hay, mxtls__mta_server_phrases, NULL) &&
                             any_phrase(hay, mxtls__client_role_phrases, NULL)))) {
        /* An MTA's call that only the connecting side makes, or its TLS
         * warning about what only the connecting side does (check the
         * server's certificate), with the lines that said which side cut
         * away. */
        s->side = MXTLS_SIDE_SENDER;
        why = "an MTA's own wording for a connection it made, as a sending server logs it";
    } else if (s->n > 0 && any_phrase(hay, mxtls__mta_server_phrases, NULL)) {
        /* An MTA's TLS warning that either side writes, with the lines
         * that said which cut away: a receiving server writes most of
         * them (scanners, old clients), and a handshake alert received
         * already placed the rest (side_from_alert). */
        s->side = MXTLS_SIDE_RECEIVER;
        why = "an MTA's TLS warning with nothing to say which side, as a receiving server "
              "most often logs it";
    } else if (s->n > 0 || (any_phrase(hay, mail_words, NULL) &&
                            !any_phrase(hay, mxtls__mta_phrases, NULL) &&
                            !any_phrase(hay, mxtls__mta_server_phrases, NULL))) {
        /* An error message with no log prefix, program name or bounce
         * around it: most people who paste one had it from a program
         * that sends mail, whether or not its words name a cause (when
         * they name none, they must at least be about mail or a
         * connection: "something went wrong" has no side). */
        s->side = MXTLS_SIDE_CLIENT;
        why = "an error message with no log prefix or bounce around it, as programs "
              "print them";
    }
    if (why != NULL) {
        s->side_guessed = 1;
        snprintf(s->side_evidence, sizeof s->side_evidence, "%s", why);
    }
    mxtls__free(hay);
    return 0;
}

/* The hand-written rules and the vocabularies as one list: the first
 * table's rules, then the next table's, and so on. A hit names its rule by
 * this index, so that overlaps are resolved across all tables alike. */
static const struct {
    const struct mxtls__cause_rule *rules;
    const size_t *n;
} rule_tables[] = {
    {mxtls__cause_rules, &mxtls__n_cause_rules},
    {mxtls__vocabulary_rules, &mxtls__n_vocabulary_rules},
    {mxtls__mta_vocabulary_rules, &mxtls__n_mta_vocabulary_rules},
    {mxtls__mail_vocabulary_rules, &mxtls__n_mail_vocabulary_rules},
    {mxtls__l10n_vocabulary_rules, &mxtls__n_l10n_vocabulary_rules},
};

static size_t n_rules(void)
{
    size_t n = 0;
    for (size_t t = 0; t < sizeof rule_tables / sizeof rule_tables[0]; t++)
        n += *rule_tables[t].n;
    return n;
}

static const struct mxtls__cause_rule *rule_at(size_t r)
{
    for (size_t t = 0; t < sizeof rule_tables / sizeof rule_tables[0]; t++) {
        if (r < *rule_tables[t].n)
            return &rule_tables[t].rules[r];
        r -= *rule_tables[t].n;
    }
    return NULL; /* not reached: r < n_rules() */
}

/* The weight a rule has for a text of this side: its own where it holds,
 * one less when the side is not known (the words still point that way),
 * none for another side. */
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
    for (size_t r = 0; r < n_rules(); r++) {
        const struct mxtls__cause_rule *rule = rule_at(r);
        int weight = rule_weight(rule, side);
        if (weight <= 0 || (rule->with && !any_phrase(hay, rule->with, NULL)))
            continue;
        for (const char *const *p = rule->phrases; *p && n < MAX_MATCHES; p++) {
            size_t len;
            const char *at = find_phrase(hay, *p, &len);
            if (at != NULL)
                hits[n++] = (struct hit){r, (size_t)(at - hay), len, weight, 0};
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
        int32_t cause = rule_at(hits[i].rule)->cause;
        hits[i].accepted = 1;
        for (size_t k = 0; k < i && hits[i].accepted; k++)
            if (hits[k].accepted && rule_at(hits[k].rule)->cause != cause &&
                hits[k].len > hits[i].len && hits[i].pos >= hits[k].pos &&
                hits[i].pos + hits[i].len <= hits[k].pos + hits[k].len)
                hits[i].accepted = 0;
    }
}

static void score_hits(const struct hit *hits, size_t n, const struct mxtls__normtext *t,
                       struct mxtls__explain_scores *s)
{
    for (size_t r = 0; r < n_rules(); r++) {
        const struct hit *best = NULL;
        for (size_t i = 0; i < n; i++)
            if (hits[i].accepted && hits[i].rule == r &&
                (best == NULL || hits[i].pos < best->pos))
                best = &hits[i];
        if (best == NULL)
            continue;
        const struct mxtls__cause_rule *rule = rule_at(r);
        struct mxtls__cause_score *c = mxtls__explain_slot(s, rule->cause);
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

/* Every cause rule over hay (which this blanks in places), for the side
 * already in s. */
static int match_causes(char *hay, const struct mxtls__normtext *t,
                        struct mxtls__explain_scores *s)
{
    struct hit *hits = mxtls__calloc(MAX_MATCHES, sizeof *hits);
    if (hits == NULL)
        return -1;
    blank_boilerplate(hay);
    size_t n = collect(hay, s->side, hits);
    resolve_overlaps(hits, n);
    score_hits(hits, n, t, s);
    mxtls__explain_structure(hay, s);
    for (size_t i = 0; i < mxtls__n_needs_rules; i++) {
        struct mxtls__cause_score *c = NULL;
        for (size_t k = 0; k < s->n; k++)
            if (s->causes[k].cause == mxtls__needs_rules[i].cause)
                c = &s->causes[k];
        if (c != NULL && !any_phrase(hay, mxtls__needs_rules[i].phrases, NULL))
            c->unconfirmed = 1;
    }
    mxtls__free(hits);
    return 0;
}

/* Words that hold a cause's phrase but report that all is well, or a
 * problem that is not one of TLS: Postfix's "(No client certificate
 * requested)" in every Received line it writes and openssl s_client's "No
 * client certificate CA names sent" hold "client certificate", and say
 * that none was asked for; Gmail's "Smtp server does not advertise AUTH
 * capability" holds STARTTLS's "does not advertise", and a loop's "hop
 * count exceeded" a limit's "exceeded". They still tell whose
 * view a text is (detect_side reads them first). */
static const char *const no_cause_words[] = {"no client certificate requested",
                                             "no client certificate ca names sent",
                                             /* Gmail's "Send mail as" check: a server
                                              * without AUTH, not without STARTTLS */
                                             "does not advertise auth capability",
                                             /* a mail loop: "Hop count exceeded",
                                              * not a sending limit */
                                             "hop count exceeded",
                                             /* Erlang's gen_smtp: its retries ran out,
                                              * whatever failed each time */
                                             "retries_exceeded",
                                             /* Exim's: retries ran out, whatever failed */
                                             "retry timeout exceeded", "retry time exceeded",
                                             /* a full mailbox's quota, no sending limit */
                                             "mailbox is full", "quota exceeded",
                                             "over quota", "exceeded storage allocation",
                                             "messages in recipient's mailbox exceeded",
                                             /* an OpenSSL error code written out of a
                                              * log ("error:xxxxxxxx:system library"),
                                              * not a firewall's masked command */
                                             "error:xxxxxxxx:",
                                             /* Postfix's reject_unknown_sender_domain: the
                                              * envelope sender's domain, not the one mail
                                              * went to */
                                             "sender address rejected: domain not found",
                                             /* Haraka: a plugin that never called back,
                                              * not a connection that timed out */
                                             "timed out on hook",
                                             /* "has expired" said of no certificate:
                                              * APR's timeout (Apache's "The timeout
                                              * specified has expired"), a login's
                                              * password or an OAuth token */
                                             "timeout specified has expired",
                                             "password has expired", "token has expired",
                                             NULL};

/* A lookup of a policy record that found no such name ("lookup
 * _mta-sts.example.com on 192.0.2.53:53: no such host") is an answer: the
 * domain publishes no MTA-STS or TLS-RPT record, which are optional. Its
 * "no such host" is no nonexistent domain. (A TLSA name's NXDOMAIN stays:
 * DANE reads it, and a denial that should not have validated is a
 * fault.) */
static const char *const policy_labels[] = {"_mta-sts.", "_smtp._tls.", NULL};
static const char *const no_such_name[] = {"no such host", "nxdomain", "non-existent domain",
                                           "no such domain", "domain not found", NULL};
#define POLICY_LOOKUP_WINDOW 160 /* octets from the name to its lookup's error */

/* The octets from a policy name at `at` to the end of its own lookup's
 * words: its line, at most POLICY_LOOKUP_WINDOW, and not past the next
 * lookup (lines a paste joined). */
static size_t policy_lookup_span(const char *at)
{
    size_t n = 0; /* never past the window: a long paste costs no more */
    while (n < POLICY_LOOKUP_WINDOW && at[n] != '\0' && at[n] != '\n' &&
           (n == 0 || strncasecmp(at + n, "lookup ", 7) != 0))
        n++;
    return n;
}

/* Where in at[0..span) a no-such-name word starts (its length in *len),
 * or NULL. */
static const char *no_such_name_in(const char *at, size_t span, size_t *len)
{
    for (size_t i = 0; i < span; i++)
        for (const char *const *w = no_such_name; *w; w++) {
            size_t n = strlen(*w);
            if (i + n <= span && strncasecmp(at + i, *w, n) == 0) {
                *len = n;
                return at + i;
            }
        }
    return NULL;
}

static void blank_unpublished_policies(char *hay)
{
    for (const char *const *l = policy_labels; *l; l++)
        for (char *at = strstr(hay, *l); at != NULL; at = strstr(at + 1, *l)) {
            size_t span = policy_lookup_span(at), len;
            for (const char *w = no_such_name_in(at, span, &len); w != NULL;
                 w = no_such_name_in(at, span, &len))
                memset(at + (w - at), ' ', len);
        }
}

int mxtls__mtasts_unpublished(const char *text)
{
    for (const char *at = strcasestr(text, "_mta-sts."); at != NULL;
         at = strcasestr(at + 1, "_mta-sts.")) {
        size_t len;
        if (no_such_name_in(at, policy_lookup_span(at), &len) != NULL)
            return 1;
    }
    return 0;
}

static void blank_no_cause_words(char *hay)
{
    for (const char *const *w = no_cause_words; *w; w++) {
        size_t n = strlen(*w);
        for (char *at = strstr(hay, *w); at != NULL; at = strstr(at + n, *w))
            memset(at, ' ', n);
    }
    blank_unpublished_policies(hay);
}

int mxtls__explain_match(const struct mxtls__normtext *t, struct mxtls__explain_scores *s)
{
    memset(s, 0, sizeof *s);
    char *hay = folded(t);
    if (hay == NULL)
        return -1;
    detect_side(hay, t, s);
    blank_no_cause_words(hay);
    int rc = match_causes(hay, t, s);
    mxtls__free(hay);
    return rc;
}

int mxtls__explain_rematch_without(const struct mxtls__normtext *t, size_t pos, size_t len,
                                   struct mxtls__explain_scores *s)
{
    char *hay = folded(t);
    if (hay == NULL)
        return -1;
    if (pos <= t->len && len > 0 && len <= t->len - pos && len < 64) {
        /* the words wherever the text repeats them, '_' or ' ' between
         * ("[SSL: SSLV3_ALERT_BAD_CERTIFICATE] sslv3 alert bad
         * certificate"), as whole words */
        char words[2][64];
        for (size_t i = 0; i < len; i++) {
            char c = hay[pos + i];
            words[0][i] = c == '_' ? ' ' : c;
            words[1][i] = c == ' ' ? '_' : c;
        }
        words[0][len] = words[1][len] = '\0';
        for (size_t k = 0; k < 2; k++)
            for (char *at = strstr(hay, words[k]); at; at = strstr(at + len, words[k]))
                if ((at == hay || !isalpha((unsigned char)at[-1])) &&
                    !isalpha((unsigned char)at[len]))
                    memset(at, ' ', len);
        memset(hay + pos, ' ', len);
    }
    memset(s->causes, 0, sizeof s->causes);
    s->n = 0;
    blank_no_cause_words(hay);
    int rc = match_causes(hay, t, s);
    mxtls__free(hay);
    return rc;
}

/* Whether the rules say cause goes before over, as its cause. */
static int goes_before(int32_t cause, int32_t over)
{
    for (size_t r = 0; r < mxtls__n_precedence_rules; r++)
        if (mxtls__precedence_rules[r].cause == cause && mxtls__precedence_rules[r].over == over)
            return 1;
    return 0;
}

int mxtls__explain_benign(int32_t cause)
{
    return cause == MXTLS_F_TLS_NO_CLOSE_NOTIFY || cause == MXTLS_F_TLS_OK;
}

/* Confirmed before unconfirmed; then the strongest sign; between equally
 * strong ones, a cause before what follows from it, a cause that says why
 * before a symptom, then more support, then the one seen first. */
static int by_rank(const void *a, const void *b)
{
    const struct mxtls__cause_score *x = a, *y = b;
    if (x->unconfirmed != y->unconfirmed)
        return x->unconfirmed ? 1 : -1;
    /* A benign finding (a peer that closed without close_notify, TLS that
     * worked) says the line that shows it is not the failure: any other
     * cause goes first. */
    int x_benign = mxtls__explain_benign(x->cause);
    int y_benign = mxtls__explain_benign(y->cause);
    if (x_benign != y_benign)
        return x_benign ? 1 : -1;
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

/* Whether cause only restates the failure (explain_rules.h). */
static int is_symptom(int32_t cause)
{
    for (size_t k = 0; k < mxtls__n_symptom_causes; k++)
        if (cause == mxtls__symptom_causes[k])
            return 1;
    return 0;
}

void mxtls__explain_rank(struct mxtls__explain_scores *s, const struct mxtls__normtext *t)
{
    (void)t;
    for (size_t i = 0; i < s->n; i++)
        s->causes[i].symptom = is_symptom(s->causes[i].cause);
    qsort(s->causes, s->n, sizeof s->causes[0], by_rank);
    if (s->n > MXTLS__MAX_CAUSES)
        s->n = MXTLS__MAX_CAUSES;
}

int mxtls__explain_forget_bare_symptoms(struct mxtls__explain_scores *s)
{
    int symptoms = 0;
    for (size_t i = 0; i < s->n; i++) {
        int symptom = is_symptom(s->causes[i].cause);
        if (!s->causes[i].unconfirmed && (!symptom || s->causes[i].best > 1))
            return 0;
        symptoms |= symptom;
    }
    s->n = 0;
    return symptoms;
}
