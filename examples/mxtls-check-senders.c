/* mxtls-check --senders and --sender NAME (see mxtls-check-senders.h).
 * The profiles are the library's static text. What comes from a report
 * (a prediction's detail, a finding's texts) can quote DNS names and
 * server replies, so it is printed with control characters shown as '?':
 * nothing from the network may move the cursor or start a new line. */
#include "mxtls-check-senders.h"

#include <string.h>

static void put_safe(FILE *out, const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        fputc(*c < 0x20 || *c == 0x7f ? '?' : *c, out);
}

static const char *fact(int32_t value)
{
    switch (value) {
    case MXTLS_FACT_YES: return "yes";
    case MXTLS_FACT_NO: return "no";
    case MXTLS_FACT_WITH_POLICY: return "where the domain's DANE or MTA-STS policy applies";
    case MXTLS_FACT_LATER: return "on a retry, minutes later";
    default: return "unknown (no public source says)";
    }
}

static const char *version(int32_t v)
{
    switch (v) {
    case MXTLS_TLS_1_0: return "1.0";
    case MXTLS_TLS_1_1: return "1.1";
    case MXTLS_TLS_1_2: return "1.2";
    case MXTLS_TLS_1_3: return "1.3";
    default: return "unknown";
    }
}

static void facts(FILE *out, const mxtls_sender *s)
{
    fprintf(out, "%s (%s): %s\n", s->name, s->id, s->summary);
    fprintf(out, "  delivers to:                   %s\n",
            s->profile == MXTLS_PROFILE_SUBMISSION ? "a submission server (Send-As)"
                                                   : "MX hosts, port 25");
    fprintf(out, "  sends SNI:                     %s\n", fact(s->sends_sni));
    fprintf(out, "  TLS versions:                  %s to %s\n", version(s->tls_min),
            version(s->tls_max));
    fprintf(out, "  a bad certificate stops it:    %s\n", fact(s->verifies_certificate));
    fprintf(out, "  honours MTA-STS:               %s\n", fact(s->honours_mtasts));
    fprintf(out, "  honours DANE:                  %s\n", fact(s->honours_dane));
    fprintf(out, "  plaintext without STARTTLS:    %s\n", fact(s->plaintext_without_starttls));
    fprintf(out, "  plaintext after a TLS failure: %s\n", fact(s->plaintext_after_tls_failure));
    if (s->retry_hours > 0)
        fprintf(out, "  retries for:                   %d hours, then bounces\n",
                (int)s->retry_hours);
    else if (s->retry_hours == 0)
        fprintf(out, "  retries for:                   no retry: the error goes back at once\n");
    else
        fprintf(out, "  retries for:                   unknown\n");
    fprintf(out, "  sources:\n");
    for (size_t i = 0; i < s->n_sources; i++)
        fprintf(out, "    - %s\n", s->sources[i]);
}

int senders_list(FILE *out)
{
    fprintf(out, "Sender profiles: how each sender delivers, and where that is documented.\n"
                 "Every report predicts, for each, whether it delivers to the target.\n\n");
    for (size_t i = 0; i < mxtls_sender_count(); i++) {
        if (i > 0)
            fputc('\n', out);
        facts(out, mxtls_sender_at(i));
    }
    return 0;
}

static const char *outcome_words(int32_t outcome)
{
    switch (outcome) {
    case MXTLS_DELIVERY_TLS: return "delivers over TLS";
    case MXTLS_DELIVERY_PLAINTEXT: return "delivers, without TLS";
    case MXTLS_DELIVERY_DEFERS: return "defers: keeps the mail queued, then bounces it";
    case MXTLS_DELIVERY_BOUNCES: return "bounces: the mail goes back to its author";
    default: return "unknown";
    }
}

int sender_view(FILE *out, const mxtls_report *report, const mxtls_sender *s)
{
    const mxtls_prediction *p = NULL;
    for (size_t i = 0; i < report->n_predictions; i++)
        if (report->predictions[i]->sender == s)
            p = report->predictions[i];
    if (p == NULL)
        return -1;
    facts(out, s);
    fputc('\n', out);
    put_safe(out, report->target ? report->target : "the target");
    fprintf(out, ": %s\n", outcome_words(p->outcome));
    if (p->detail) {
        fputs("  ", out);
        put_safe(out, p->detail);
        fputc('\n', out);
    }
    if (p->finding < 0 || (size_t)p->finding >= report->n_findings)
        return 0;
    const mxtls_finding *f = report->findings[p->finding];
    fputs("\nWhat stops it: ", out);
    put_safe(out, f->summary);
    fprintf(out, " (%s)\n  ", f->id);
    put_safe(out, f->explanation);
    fputc('\n', out);
    for (size_t i = 0; i < f->n_remedies; i++) {
        fprintf(out, "  %zu. ", i + 1);
        put_safe(out, f->remedies[i]);
        fputc('\n', out);
    }
    return 0;
}

const char *senders_ids(void)
{
    static char ids[256];
    if (ids[0] == '\0') {
        for (size_t i = 0; i < mxtls_sender_count(); i++) {
            if (i > 0)
                strncat(ids, ", ", sizeof ids - strlen(ids) - 1);
            strncat(ids, mxtls_sender_at(i)->id, sizeof ids - strlen(ids) - 1);
        }
    }
    return ids;
}
