/* Adding to the scores of explain_match.h: one slot per cause, the
 * support each rule or fact gives it. */
#define _POSIX_C_SOURCE 200809L
#include "explain_match.h"

#include <stdio.h>
#include <string.h>

struct mxtls__cause_score *mxtls__explain_slot(struct mxtls__explain_scores *s, int32_t cause)
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
    struct mxtls__cause_score *c = mxtls__explain_slot(s, cause);
    if (c == NULL)
        return;
    c->score += weight;
    if (weight > c->best)
        c->best = weight;
    size_t used = strlen(c->evidence);
    if (evidence && strstr(c->evidence, evidence) == NULL &&
        used + strlen(evidence) + 3 < MXTLS__EVIDENCE_MAX)
        snprintf(c->evidence + used, MXTLS__EVIDENCE_MAX - used, "%s%s", used ? ", " : "",
                 evidence);
}

void mxtls__explain_drop(struct mxtls__explain_scores *s, int32_t cause)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->causes[i].cause != cause)
            s->causes[k++] = s->causes[i];
    s->n = k;
}

void mxtls__explain_confirm(struct mxtls__explain_scores *s, int32_t cause)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->causes[i].cause == cause)
            s->causes[i].unconfirmed = 0;
}
