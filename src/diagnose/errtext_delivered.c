/* Blanking the lines of a pasted log that report deliveries made
 * (errtext_delivered.h). */
#include "errtext_delivered.h"

#include <ctype.h>
#include <string.h>

#include "errtext_headers.h"

/* Relays that the log shows a message was sent to; more are not kept (a
 * longer log keeps its later TLS lines, which fails safe: they are read). */
#define RELAYS_MAX 32
#define RELAY_LEN 160

struct line {
    char *at;
    size_t len;   /* without its end */
};

/* The first case-blind occurrence of lower-case needle in the line, or
 * NULL. */
static const char *line_find(const struct line *l, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= l->len && i + n <= l->len; i++) {
        size_t k = 0;
        while (k < n && tolower((unsigned char)l->at[i + k]) == needle[k])
            k++;
        if (k == n)
            return l->at + i;
    }
    return NULL;
}

/* The line starting at s; *next is where the one after it starts. */
static struct line line_at(char *s, const char *end, char **next)
{
    struct line l = {s, 0};
    size_t e = 0;
    while (s + l.len < end && (e = mxtls__line_end_at(s + l.len, end)) == 0)
        l.len++;
    *next = s + l.len + e;
    return l;
}

static int reports_delivery(const struct line *l)
{
    if (line_find(l, "status=sent (") || line_find(l, "stat=sent ("))
        return 1;
    /* Exim: "=>" a delivery, "->" another address of it, with the reply */
    return (line_find(l, " => ") || line_find(l, " -> ")) && line_find(l, " c=\"250");
}

/* The token that starts at s and ends at a blank, a comma, ": " or the
 * line's end, lower-cased into out; its length, 0 when too long. */
static size_t relay_token(const char *s, const char *line_end, char out[RELAY_LEN])
{
    size_t n = 0;
    while (s + n < line_end && s[n] != ' ' && s[n] != ',' &&
           !(s[n] == ':' && (s + n + 1 == line_end || s[n + 1] == ' '))) {
        if (n + 1 >= RELAY_LEN)
            return 0;
        out[n] = (char)tolower((unsigned char)s[n]);
        n++;
    }
    out[n] = '\0';
    return n;
}

static void blank(const struct line *l)
{
    memset(l->at, ' ', l->len);
}

size_t mxtls__blank_delivered_lines(char *text, size_t len)
{
    char relays[RELAYS_MAX][RELAY_LEN];
    size_t n_relays = 0, blanked = 0;
    char *end = text + len, *next;
    /* First the deliveries, remembering their relays ... */
    for (char *s = text; s < end; s = next) {
        struct line l = line_at(s, end, &next);
        if (!reports_delivery(&l))
            continue;
        const char *relay = line_find(&l, "relay=");
        if (relay != NULL && n_relays < RELAYS_MAX &&
            relay_token(relay + 6, l.at + l.len, relays[n_relays]) > 0)
            n_relays++;
        blank(&l);
        blanked++;
    }
    /* ... then the TLS sessions those deliveries went through. */
    static const char established[] = "tls connection established to ";
    for (char *s = text; n_relays > 0 && s < end; s = next) {
        struct line l = line_at(s, end, &next);
        const char *at = line_find(&l, established);
        char to[RELAY_LEN];
        if (at == NULL || relay_token(at + sizeof established - 1, l.at + l.len, to) == 0)
            continue;
        for (size_t i = 0; i < n_relays; i++)
            if (strcmp(to, relays[i]) == 0) {
                blank(&l);
                blanked++;
                break;
            }
    }
    return blanked;
}
