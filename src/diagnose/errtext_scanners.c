/* Blanking the records of a pasted server log about visits from internet
 * scanners (errtext_scanners.h). */
#include "errtext_scanners.h"

#include <ctype.h>
#include <string.h>

#include "errtext_lines.h"

/* The research scanners that name their hosts after themselves, as their
 * own pages describe them: Censys (scanner-NN.chN.censys-scanner.com),
 * Shodan (census*.shodan.io), Shadowserver (scan-*.shadowserver.org),
 * Driftnet (internet-measurement.com), Stretchoid, BinaryEdge, ONYPHE,
 * IPIP, the Internet Census, Alphastrike, Recyber and Net Systems
 * Research. A host is one when its name is, or ends in ".", one of these. */
static const char *const scanner_domains[] = {
    "censys-scanner.com", "shodan.io", "shadowserver.org", "internet-measurement.com",
    "stretchoid.com", "binaryedge.ninja", "onyphe.net", "security.ipip.net",
    "internet-census.org", "alphastrike.io", "recyber.net", "netsystemsresearch.com",
    NULL,
};

/* Processes followed at once; a log with more keeps the later lines of
 * the others, which fails safe: they are read. */
#define PROCESSES_MAX 16
#define PROCESS_LEN 64

static int host_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '.' || c == '_';
}

/* The scanner domain one of whose hosts the line names, or NULL. */
static const char *names_scanner(const struct mxtls__line *l)
{
    for (const char *const *d = scanner_domains; *d != NULL; d++) {
        size_t n = strlen(*d);
        struct mxtls__line rest = *l;
        const char *at;
        while ((at = mxtls__line_find(&rest, *d)) != NULL) {
            const char *after = at + n, *end = l->at + l->len;
            int starts = at == l->at || at[-1] == '.' || !host_char(at[-1]);
            /* "censys-scanner.com.example" is someone else's host */
            int ends = after == end || !host_char(*after) ||
                       (*after == '.' && (after + 1 == end || !host_char(after[1])));
            if (starts && ends)
                return *d;
            rest.len -= (size_t)(at + 1 - rest.at);
            rest.at = (char *)at + 1;
        }
    }
    return NULL;
}

/* A time of day at t ("15:46:04" of "Jan 23 15:46:04" or
 * "2023-08-13T16:38:30"). */
static int time_at(const char *t, const char *end)
{
    return end - t >= 8 && isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
           t[2] == ':' && isdigit((unsigned char)t[3]) && isdigit((unsigned char)t[4]) &&
           t[5] == ':' && isdigit((unsigned char)t[6]) && isdigit((unsigned char)t[7]);
}

/* The length of the syslog process tag starting at t ("smtpd[51302]:"
 * without the ':'), 0 when none starts there. */
static size_t tag_at(const char *t, const char *end)
{
    const char *p = t;
    while (p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
        p++;
    if (p == t || p >= end || *p != '[' || p + 1 >= end || !isdigit((unsigned char)p[1]))
        return 0;
    p++;
    while (p < end && isdigit((unsigned char)*p))
        p++;
    return p + 1 < end && *p == ']' && p[1] == ':' ? (size_t)(p + 1 - t) : 0;
}

static int starts_word(const char *text, const char *t)
{
    return t == text || !(isalnum((unsigned char)t[-1]) || t[-1] == '-' || t[-1] == '_');
}

/* Where the next log record starts, past at (at < end): a time of day or
 * a syslog process tag; end when none. Records, not lines: how a mail
 * client wrapped a pasted log must not matter, and the normal form
 * (errtext_norm.h) has no line ends at all. */
static char *next_record(char *text, char *at, const char *end)
{
    for (char *t = at + 1; t < end; t++)
        if (starts_word(text, t) && (time_at(t, end) || tag_at(t, end) > 0))
            return t;
    return (char *)end;
}

/* The first process tag of the record, lower-cased into out; its length,
 * 0 when it has none. */
static size_t process_of(const char *text, const struct mxtls__line *r, char out[PROCESS_LEN])
{
    for (size_t i = 0; i < r->len; i++) {
        if (!starts_word(text, r->at + i))
            continue;
        size_t n = tag_at(r->at + i, r->at + r->len);
        if (n == 0)
            continue;
        if (n >= PROCESS_LEN)
            return 0;
        for (size_t k = 0; k < n; k++)
            out[k] = (char)tolower((unsigned char)r->at[i + k]);
        out[n] = '\0';
        return n;
    }
    return 0;
}

/* A process's log of a new client: from then on its records are that
 * client's ("disconnect from" ends the scanner's visit, it starts none). */
static int starts_connection(const struct mxtls__line *r)
{
    return mxtls__line_find(r, "]: connect from") != NULL;
}

struct processes {
    char tag[PROCESSES_MAX][PROCESS_LEN];
    size_t n;
};

static int find_process(const struct processes *p, const char *tag)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->tag[i], tag) == 0)
            return (int)i;
    return -1;
}

static void forget_process(struct processes *p, int i)
{
    p->n--;
    if ((size_t)i != p->n)
        memcpy(p->tag[i], p->tag[p->n], PROCESS_LEN);
}

/* Blank the record, line ends kept. */
static void blank_record(const struct mxtls__line *r)
{
    for (size_t i = 0; i < r->len; i++)
        if (r->at[i] != '\n' && r->at[i] != '\r')
            r->at[i] = ' ';
}

size_t mxtls__blank_scanner_visits(char *text, size_t len, const char **scanner)
{
    struct processes visiting = {.n = 0};
    size_t blanked = 0;
    char *end = text + len;
    *scanner = NULL;
    for (char *s = text, *next; s < end; s = next) {
        next = next_record(text, s, end);
        struct mxtls__line r = {s, (size_t)(next - s)};
        char tag[PROCESS_LEN] = {0};
        int tagged = process_of(text, &r, tag) > 0;
        int known = tagged ? find_process(&visiting, tag) : -1;
        const char *who = names_scanner(&r);
        if (who == NULL && known >= 0 && starts_connection(&r))
            forget_process(&visiting, known);
        else if (who != NULL || known >= 0) {
            if (who != NULL && *scanner == NULL)
                *scanner = who;
            if (who != NULL && tagged && known < 0 && visiting.n < PROCESSES_MAX)
                memcpy(visiting.tag[visiting.n++], tag, PROCESS_LEN);
            blank_record(&r);
            blanked++;
        }
    }
    return blanked;
}
