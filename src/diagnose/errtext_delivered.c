/* Blanking the lines of a pasted log that report deliveries made
 * (errtext_delivered.h). */
#include "errtext_delivered.h"

#include <ctype.h>
#include <string.h>

#include "errtext_lines.h"

/* Relays that the log shows a message was sent to; more are not kept (a
 * longer log keeps its later TLS lines, which fails safe: they are read). */
#define RELAYS_MAX 32
#define RELAY_LEN 160

static int reports_delivery(const struct mxtls__line *l)
{
    if (mxtls__line_find(l, "status=sent (") || mxtls__line_find(l, "stat=sent ("))
        return 1;
    /* Exim: "=>" a delivery, "->" another address of it, with the reply */
    return (mxtls__line_find(l, " => ") || mxtls__line_find(l, " -> ")) &&
           mxtls__line_find(l, " c=\"250");
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

size_t mxtls__blank_delivered_lines(char *text, size_t len)
{
    char relays[RELAYS_MAX][RELAY_LEN];
    size_t n_relays = 0, blanked = 0;
    char *end = text + len, *next;
    /* First the deliveries, remembering their relays ... */
    for (char *s = text; s < end; s = next) {
        struct mxtls__line l = mxtls__line_at(s, end, &next);
        if (!reports_delivery(&l))
            continue;
        const char *relay = mxtls__line_find(&l, "relay=");
        if (relay != NULL && n_relays < RELAYS_MAX &&
            relay_token(relay + 6, l.at + l.len, relays[n_relays]) > 0)
            n_relays++;
        mxtls__line_blank(&l);
        blanked++;
    }
    /* ... then the TLS sessions those deliveries went through. */
    static const char established[] = "tls connection established to ";
    for (char *s = text; n_relays > 0 && s < end; s = next) {
        struct mxtls__line l = mxtls__line_at(s, end, &next);
        const char *at = mxtls__line_find(&l, established);
        char to[RELAY_LEN];
        if (at == NULL || relay_token(at + sizeof established - 1, l.at + l.len, to) == 0)
            continue;
        for (size_t i = 0; i < n_relays; i++)
            if (strcmp(to, relays[i]) == 0) {
                mxtls__line_blank(&l);
                blanked++;
                break;
            }
    }
    return blanked;
}
