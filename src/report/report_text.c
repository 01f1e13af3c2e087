/* mxtls_report_text(): a report as a mail admin reads it at a terminal, with
 * the sender's error in front of them. The verdict comes first, then each
 * root cause with its explanation and numbered fix, the symptoms it
 * explains under it, minor notes, and last the per-address details (and,
 * when asked, the reconstructed SMTP/TLS dialogue). Everything that came
 * from outside is escaped, so a hostile banner cannot drive the terminal,
 * and what a server sent (evidence, stage details, certificate names,
 * policy lines; {detail} in the catalogue's sentences) is quoted and never
 * broken across lines (word_end), so it cannot pass for a heading or a
 * numbered fix of ours. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buffer.h"
#include "report_render.h"

#define WIDTH 78

struct render {
    const mxtls_report *report;
    uint32_t flags;
    struct mxtls__text out;
    struct mxtls__text scratch; /* escaped text before wrapping */
    struct mxtls__text line;    /* one transcript line */
};

static const mxtls_finding *finding_at(const mxtls_report *rep, size_t i)
{
    return rep->findings != NULL && i < rep->n_findings ? rep->findings[i] : NULL;
}

static int is_root(const mxtls_finding *f)
{
    return f->caused_by < 0;
}

/* The root cause f is listed under, or -1 when f is one, or its cause is
 * out of range or not itself a root (then it is listed on its own). */
static long listed_under(const mxtls_report *rep, const mxtls_finding *f)
{
    if (is_root(f) || (size_t)f->caused_by >= rep->n_findings)
        return -1;
    const mxtls_finding *cause = finding_at(rep, (size_t)f->caused_by);
    return cause != NULL && cause != f && is_root(cause) ? (long)f->caused_by : -1;
}


/* Display columns of n octets of UTF-8 (one per character). */
static size_t columns(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

static void append_n(struct mxtls__text *t, const char *s, size_t n)
{
    while (n > 0) {
        int chunk = n > 65536 ? 65536 : (int)n;
        mxtls__text_printf(t, "%.*s", chunk, s);
        s += chunk;
        n -= (size_t)chunk;
    }
}

/* The end of the word at s[i]: the next space outside double quotes. A
 * server's words are quoted (MXTLS__ESCAPE_QUOTED, and {detail} in the
 * catalogue's sentences), and a quoted span is never broken, so no part of
 * it can start a line of its own and pass for a heading or a numbered fix.
 * Inside and outside quotes a backslash takes the next octet with it (\"
 * is a quote that the server sent). */
static size_t word_end(const char *s, size_t i, size_t n)
{
    int quoted = 0;
    while (i < n && (s[i] != ' ' || quoted)) {
        if (s[i] == '\\' && i + 1 < n)
            i++;
        else if (s[i] == '"')
            quoted = !quoted;
        i++;
    }
    return i;
}

/* One paragraph line wrapped at WIDTH: the first output line starts with
 * *indent, later ones with rest (*indent becomes rest once used). */
static void wrap_line(struct render *r, const char *s, size_t n, const char **indent,
                      const char *rest)
{
    size_t col = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t start = i;
        i = word_end(s, i, n);
        if (i == start)
            break;
        size_t w = columns(s + start, i - start);
        if (col > 0 && col + 1 + w > WIDTH) {
            mxtls__text_append(&r->out, "\n");
            col = 0;
        }
        if (col == 0) {
            mxtls__text_append(&r->out, *indent);
            col = strlen(*indent);
            *indent = rest;
        } else {
            mxtls__text_append(&r->out, " ");
            col++;
        }
        append_n(&r->out, s + start, i - start);
        col += w;
    }
    if (col == 0 && *indent != rest) { /* an empty first line still takes its indent */
        mxtls__text_append(&r->out, *indent);
        *indent = rest;
    }
    mxtls__text_append(&r->out, "\n");
}

/* A details line is built (escaped) in r->line, then wrapped into out. */
static struct mxtls__text *detail(struct render *r)
{
    r->line.len = 0;
    mxtls__text_append(&r->line, "");
    return &r->line;
}

static void detail_end(struct render *r, const char *first, const char *rest)
{
    if (!r->line.failed)
        wrap_line(r, r->line.data, r->line.len, &first, rest);
}

/* One line of s, escaped as how says (QUOTED: the server's words), wrapped
 * under prefix. */
static void line_of(struct render *r, const char *prefix, const char *rest, const char *s,
                    enum mxtls__escape how)
{
    mxtls__escape_append(detail(r), s, how);
    detail_end(r, prefix, rest);
}

/* Text of our own (with values from outside in it), escaped, split into
 * paragraphs at '\n' and wrapped with the given indents. */
static void wrap(struct render *r, const char *s, const char *first, const char *rest)
{
    r->scratch.len = 0;
    mxtls__text_append(&r->scratch, "");
    mxtls__escape_append(&r->scratch, s ? s : "", MXTLS__ESCAPE_TEXT_PARAGRAPHS);
    if (r->scratch.failed)
        return;
    const char *p = r->scratch.data;
    const char *indent = first;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n == 0 && indent == rest)
            mxtls__text_append(&r->out, "\n"); /* a blank line between paragraphs */
        else
            wrap_line(r, p, n, &indent, rest);
        if (nl == NULL)
            return;
        p = nl + 1;
    }
}

/* "mx1.example.com [192.0.2.7]:25", as much of it as is known. */
static void where(struct mxtls__text *t, const char *host, const char *address, int32_t port)
{
    mxtls__escape_append(t, host, MXTLS__ESCAPE_TEXT_LINE);
    if (address) {
        mxtls__text_append(t, host ? " [" : "[");
        mxtls__escape_append(t, address, MXTLS__ESCAPE_TEXT_LINE);
        mxtls__text_append(t, "]");
    }
    if (port > 0)
        mxtls__text_printf(t, ":%d", (int)port);
}

static int is_problem(const mxtls_finding *f)
{
    return f != NULL && is_root(f) && f->severity >= MXTLS_SEVERITY_WARNING;
}

/* Root causes of warning or error about what (MXTLS_ABOUT_*). */
static size_t problem_count(const mxtls_report *rep, int32_t about)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->n_findings; i++) {
        const mxtls_finding *f = finding_at(rep, i);
        n += is_problem(f) && mxtls__finding_about(f) == about;
    }
    return n;
}

static void upper_name(struct mxtls__text *t, const char *name)
{
    for (const char *c = name; *c; c++)
        mxtls__text_printf(t, "%c", *c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
}

/* The line about where the check ran, when something there went wrong. */
static void environment_verdict(struct render *r)
{
    size_t n = problem_count(r->report, MXTLS_ABOUT_ENVIRONMENT);
    if (n == 0)
        return;
    char line[512];
    int incomplete = mxtls__report_environment_verdict(r->report) == MXTLS_VERDICT_ERROR;
    snprintf(line, sizeof line,
             "Where this check ran: %zu problem%s of this machine, its resolver or its "
             "network, listed first. %s",
             n, n == 1 ? "" : "s",
             incomplete ? "They kept part of the check from running, so what is not "
                          "listed under the target was not checked, not found fine. "
                          "They say nothing about the target itself."
                        : "They say nothing about the target itself.");
    wrap(r, line, "", "");
}

static void verdict(struct render *r)
{
    const mxtls_report *rep = r->report;
    size_t problems = problem_count(rep, MXTLS_ABOUT_TARGET);
    const char *target = rep->target ? rep->target : rep->domain;
    mxtls__escape_append(&r->out, target ? target : "(no target)", MXTLS__ESCAPE_TEXT_LINE);
    mxtls__text_append(&r->out, ": ");
    int incomplete = mxtls__report_environment_verdict(rep) == MXTLS_VERDICT_ERROR;
    /* "OK" would overstate a check the environment cut short. */
    if (incomplete && problems == 0)
        mxtls__text_append(&r->out, "NOT CHECKED FULLY, no problems found in what could be "
                                    "checked");
    else {
        upper_name(&r->out, mxtls_verdict_name(rep->verdict));
        if (problems == 0)
            mxtls__text_append(&r->out, ", no problems found");
        else
            mxtls__text_printf(&r->out, ", %zu problem%s found", problems,
                               problems == 1 ? "" : "s");
        if (incomplete)
            mxtls__text_append(&r->out, ", NOT CHECKED FULLY");
    }
    mxtls__text_printf(&r->out, " (%s profile)\n", mxtls_profile_name(rep->profile));
    if (rep->summary)
        wrap(r, rep->summary, "", "");
    environment_verdict(r);
    if (rep->strict)
        wrap(r, "Senders must see a valid certificate here: MTA-STS enforce or DNSSEC-secure "
                "TLSA records make TLS mandatory for this domain.", "", "");
    mxtls__text_append(&r->out, "\n");
}

static const char *delivery_words(int32_t outcome)
{
    switch (outcome) {
    case MXTLS_DELIVERY_TLS: return "delivers";
    case MXTLS_DELIVERY_PLAINTEXT: return "no TLS";
    case MXTLS_DELIVERY_DEFERS: return "defers";
    case MXTLS_DELIVERY_BOUNCES: return "bounces";
    default: return "unknown";
    }
}

/* Who can deliver: one line per sender profile, its outcome, the step that
 * decides it and the finding behind it. */
static void senders(struct render *r)
{
    const mxtls_report *rep = r->report;
    if (rep->n_predictions == 0)
        return;
    size_t width = 0;
    for (size_t i = 0; i < rep->n_predictions; i++)
        if (strlen(rep->predictions[i]->sender->name) > width)
            width = strlen(rep->predictions[i]->sender->name);
    wrap(r, "Who can deliver (predicted from what this check saw; mxtls-check --senders "
            "for the sources):", "", "");
    for (size_t i = 0; i < rep->n_predictions; i++) {
        const mxtls_prediction *p = rep->predictions[i];
        const mxtls_finding *f = p->finding >= 0 ? finding_at(rep, (size_t)p->finding) : NULL;
        /* The columns by hand: the wrapped detail goes on its own lines. */
        mxtls__text_printf(&r->out, "  %-*s  ", (int)width, p->sender->name);
        if (f != NULL)
            mxtls__text_printf(&r->out, "%-8s  (%s)\n", delivery_words(p->outcome), f->id);
        else
            mxtls__text_printf(&r->out, "%s\n", delivery_words(p->outcome));
        struct mxtls__text *d = detail(r);
        mxtls__escape_append(d, p->detail ? p->detail : "", MXTLS__ESCAPE_TEXT_LINE);
        detail_end(r, "      ", "      ");
    }
    mxtls__text_append(&r->out, "\n");
}

static void symptoms_of(struct render *r, size_t cause)
{
    const char *heading = "  Also seen, explained by the above:\n";
    for (size_t i = 0; i < r->report->n_findings; i++) {
        const mxtls_finding *s = finding_at(r->report, i);
        if (s == NULL || listed_under(r->report, s) != (long)cause)
            continue;
        mxtls__text_append(&r->out, heading);
        heading = "";
        struct mxtls__text *d = detail(r);
        mxtls__text_printf(d, "[%s] ", mxtls_severity_name(s->severity));
        where(d, s->host, s->address, s->port);
        mxtls__text_append(d, s->host || s->address ? ": " : "");
        mxtls__escape_append(d, s->summary, MXTLS__ESCAPE_TEXT_LINE);
        mxtls__text_append(d, " (");
        mxtls__escape_append(d, s->id, MXTLS__ESCAPE_TEXT_LINE);
        mxtls__text_append(d, ")");
        detail_end(r, "    - ", "      ");
    }
}

static void remedies(struct render *r, const mxtls_finding *f)
{
    if (f->n_remedies == 0 || f->remedies == NULL)
        return;
    mxtls__text_append(&r->out, "  How to fix it:\n");
    for (size_t i = 0; i < f->n_remedies; i++) {
        char number[32];
        snprintf(number, sizeof number, "  %zu. ", i + 1);
        wrap(r, f->remedies[i] ? f->remedies[i] : "", number, "     ");
    }
}

static void references(struct render *r, const mxtls_finding *f)
{
    if (f->n_references == 0 || f->references == NULL)
        return;
    mxtls__text_append(&r->out, "  References:\n");
    for (size_t i = 0; i < f->n_references; i++)
        line_of(r, "    ", "      ", f->references[i] ? f->references[i] : "",
                MXTLS__ESCAPE_TEXT_LINE);
}

static void root_cause(struct render *r, size_t index, size_t number, size_t count)
{
    const mxtls_finding *f = finding_at(r->report, index);
    struct mxtls__text *d = detail(r);
    mxtls__text_printf(d, "Problem %zu of %zu [%s] ", number, count,
                       mxtls_severity_name(f->severity));
    mxtls__escape_append(d, f->id, MXTLS__ESCAPE_TEXT_LINE);
    if (f->host || f->address) {
        mxtls__text_append(d, " at ");
        where(d, f->host, f->address, f->port);
    }
    detail_end(r, "", "  ");
    wrap(r, f->summary, "  ", "  ");
    if (f->explanation && *f->explanation) {
        mxtls__text_append(&r->out, "\n");
        wrap(r, f->explanation, "  ", "  ");
    }
    mxtls__text_append(&r->out, "\n");
    remedies(r, f);
    references(r, f);
    if (f->evidence)
        line_of(r, "  What mxtls saw: ", "    ", f->evidence, MXTLS__ESCAPE_QUOTED);
    symptoms_of(r, index);
    mxtls__text_append(&r->out, "\n");
}

/* The root causes about one side, numbered on from *number. */
static void problems_about(struct render *r, int32_t about, size_t *number, size_t count)
{
    for (size_t i = 0; i < r->report->n_findings; i++) {
        const mxtls_finding *f = finding_at(r->report, i);
        if (is_problem(f) && mxtls__finding_about(f) == about)
            root_cause(r, i, ++*number, count);
    }
}

/* Problems of the checker's environment first, under their own heading:
 * the target's findings are read in their light. */
static void problems(struct render *r)
{
    const mxtls_report *rep = r->report;
    size_t n_env = problem_count(rep, MXTLS_ABOUT_ENVIRONMENT);
    size_t n_target = problem_count(rep, MXTLS_ABOUT_TARGET), number = 0;
    if (n_env > 0) {
        mxtls__text_append(&r->out, "Where this check ran (not about the target)\n\n");
        problems_about(r, MXTLS_ABOUT_ENVIRONMENT, &number, n_env + n_target);
        if (n_target > 0) {
            const char *target = rep->domain ? rep->domain : rep->target;
            mxtls__text_append(&r->out, "About ");
            mxtls__escape_append(&r->out, target ? target : "the target",
                                 MXTLS__ESCAPE_TEXT_LINE);
            mxtls__text_append(&r->out, "\n\n");
        }
    }
    problems_about(r, MXTLS_ABOUT_TARGET, &number, n_env + n_target);
}

/* Info root causes, and findings whose cause is not a root cause: briefly. */
static void notes(struct render *r)
{
    const char *heading = "Notes:\n";
    for (size_t i = 0; i < r->report->n_findings; i++) {
        const mxtls_finding *f = finding_at(r->report, i);
        int brief = f != NULL && ((is_root(f) && f->severity < MXTLS_SEVERITY_WARNING) ||
                                  (!is_root(f) && listed_under(r->report, f) < 0));
        if (!brief)
            continue;
        mxtls__text_append(&r->out, heading);
        heading = "";
        struct mxtls__text *d = detail(r);
        mxtls__text_printf(d, "[%s] ", mxtls_severity_name(f->severity));
        mxtls__escape_append(d, f->id, MXTLS__ESCAPE_TEXT_LINE);
        if (f->host || f->address) {
            mxtls__text_append(d, " at ");
            where(d, f->host, f->address, f->port);
        }
        mxtls__text_append(d, ": ");
        mxtls__escape_append(d, f->summary, MXTLS__ESCAPE_TEXT_LINE);
        detail_end(r, "  ", "    ");
        if (is_root(f))
            symptoms_of(r, i);
    }
    if (*heading == '\0')
        mxtls__text_append(&r->out, "\n");
}

static void host_flags(struct mxtls__text *t, uint32_t flags)
{
    static const struct {
        uint32_t flag;
        const char *name;
    } names[] = {
        {MXTLS_MX_CNAME, "alias (CNAME)"},        {MXTLS_MX_IP_LITERAL, "IP literal"},
        {MXTLS_MX_NON_LDH, "non-LDH name"},       {MXTLS_MX_CDN_ORIGIN, "CDN origin name"},
        {MXTLS_MX_NO_ADDRESS, "no address"},      {MXTLS_MX_IMPLICIT, "implicit MX"},
        {MXTLS_MX_LIMITED, "limits cut answers"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].flag)
            mxtls__text_printf(t, "; %s", names[i].name);
}

static void dns_host(struct render *r, const mxtls_mx_host *h)
{
    struct mxtls__text *d = detail(r);
    if (h->preference >= 0)
        mxtls__text_printf(d, "MX %d ", (int)h->preference);
    mxtls__escape_append(d, h->name ? h->name : "(no name)", MXTLS__ESCAPE_TEXT_LINE);
    if (h->canonical_name) {
        mxtls__text_append(d, " -> ");
        mxtls__escape_append(d, h->canonical_name, MXTLS__ESCAPE_TEXT_LINE);
    }
    host_flags(d, h->flags);
    detail_end(r, "  ", "      ");
    for (size_t i = 0; h->addresses && i < h->n_addresses; i++) {
        const mxtls_address *a = h->addresses[i];
        if (a == NULL)
            continue;
        d = detail(r);
        mxtls__escape_append(d, a->text ? a->text : "?", MXTLS__ESCAPE_TEXT_LINE);
        mxtls__text_printf(d, " (IPv%d, %s, DNSSEC %s", (int)a->family,
                           mxtls_scope_name(a->scope), mxtls_dnssec_name(a->dnssec));
        if (a->proxy_provider) {
            mxtls__text_append(d, ", inside a proxy range of ");
            mxtls__escape_append(d, a->proxy_provider, MXTLS__ESCAPE_TEXT_LINE);
        }
        mxtls__text_append(d, ")");
        detail_end(r, "    ", "      ");
    }
    for (size_t i = 0; h->tlsa && i < h->n_tlsa; i++) {
        const mxtls_tlsa *t = h->tlsa[i];
        if (t == NULL)
            continue;
        d = detail(r);
        mxtls__text_append(d, "TLSA ");
        mxtls__escape_append(d, h->tlsa_name, MXTLS__ESCAPE_TEXT_LINE);
        mxtls__text_printf(d, " %u %u %u ", t->usage, t->selector, t->matching_type);
        mxtls__escape_append(d, t->data_hex ? t->data_hex : "", MXTLS__ESCAPE_SERVER);
        mxtls__text_printf(d, " (DNSSEC %s)", mxtls_dnssec_name(t->dnssec));
        detail_end(r, "    ", "      ");
    }
}

static void txt_line(struct render *r, const char *name, const char *kind, int32_t n, int valid,
                     const char *problem)
{
    mxtls__text_printf(detail(r), "%s TXT: %d %s record%s, %s", name, (int)n, kind,
                       n == 1 ? "" : "s", valid ? "valid" : "not valid");
    detail_end(r, "  ", "    ");
    if (problem != NULL) /* quotes the record: network text, escaped */
        line_of(r, "    ", "      ", problem, MXTLS__ESCAPE_TEXT_LINE);
}

static void dns_details(struct render *r, const mxtls_resolve_result *res)
{
    struct mxtls__text *d = detail(r);
    mxtls__text_append(d, "DNS: ");
    mxtls__escape_append(d, res->a_label ? res->a_label : res->query, MXTLS__ESCAPE_TEXT_LINE);
    mxtls__text_printf(d, " %s, DNSSEC %s%s", mxtls_dns_outcome_name(res->outcome),
                       mxtls_dnssec_name(res->dnssec), res->null_mx ? ", null MX" : "");
    detail_end(r, "", "  ");
    if (res->detail)
        line_of(r, "  ", "    ", res->detail, MXTLS__ESCAPE_TEXT_LINE);
    /* What the resolver showed of itself frames every answer below. */
    if (res->struct_size >= offsetof(mxtls_resolve_result, resolver_detail) +
                                sizeof res->resolver_detail &&
        res->resolver_detail != NULL)
        line_of(r, "  the resolver: ", "    ", res->resolver_detail, MXTLS__ESCAPE_TEXT_LINE);
    for (size_t i = 0; res->hosts && i < res->n_hosts; i++)
        if (res->hosts[i])
            dns_host(r, res->hosts[i]);
    if (res->mta_sts)
        txt_line(r, "_mta-sts", "STSv1", res->mta_sts->n_sts_records, res->mta_sts->valid,
                 res->mta_sts->problem);
    if (res->tlsrpt)
        txt_line(r, "_smtp._tls", "TLSRPTv1", res->tlsrpt->n_tlsrpt_records,
                 res->tlsrpt->valid, res->tlsrpt->problem);
}

static void mtasts_details(struct render *r, const mxtls_mtasts_result *m)
{
    mxtls__text_printf(&r->out, "MTA-STS: %s", mxtls_mtasts_outcome_name(m->outcome));
    if (m->outcome == MXTLS_MTASTS_POLICY)
        mxtls__text_printf(&r->out, ", mode %s", mxtls__mtasts_mode_name(m->mode));
    mxtls__text_append(&r->out, "\n");
    if (m->detail)
        line_of(r, "  ", "    ", m->detail, MXTLS__ESCAPE_QUOTED);
    for (size_t i = 0; m->mx_patterns && i < m->n_mx_patterns; i++)
        line_of(r, "  mx: ", "    ", m->mx_patterns[i], MXTLS__ESCAPE_QUOTED);
    for (size_t i = 0; m->unmatched_mx && i < m->n_unmatched; i++)
        line_of(r, "  not covered by the policy: ", "    ", m->unmatched_mx[i],
                MXTLS__ESCAPE_QUOTED);
}

static void connect_details(struct render *r, const mxtls_connect_result *c)
{
    struct mxtls__text *d = detail(r);
    if (c->banner_code)
        mxtls__text_printf(d, "banner %d, ", (int)c->banner_code);
    if (c->mode == MXTLS_MODE_STARTTLS && c->ehlo_code)
        mxtls__text_printf(d, "STARTTLS %s, ",
                           c->caps && c->caps->starttls ? "offered" : "not offered");
    mxtls__escape_append(d, c->detail, MXTLS__ESCAPE_QUOTED);
    detail_end(r, "  connect: ", "    ");
}

static void alert_words(struct mxtls__text *d, int32_t alert, const char *name, const char *who)
{
    if (alert < 0)
        return;
    if (name == NULL)
        name = mxtls_alert_name(alert);
    /* The name is the report's, not necessarily ours: escaped like the rest. */
    mxtls__text_printf(d, "alert %d (", (int)alert);
    mxtls__escape_append(d, name ? name : "unknown", MXTLS__ESCAPE_TEXT_LINE);
    mxtls__text_printf(d, ") %s, ", who);
}

static void tls_details(struct render *r, const mxtls_tls_result *t)
{
    struct mxtls__text *d = detail(r);
    if (t->version) {
        mxtls__text_append(d, mxtls__tls_version_name(t->version));
        const char *parts[] = {t->cipher_suite, t->group};
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
            if (parts[i]) {
                mxtls__text_append(d, " ");
                mxtls__escape_append(d, parts[i], MXTLS__ESCAPE_TEXT_LINE);
            }
        mxtls__text_append(d, ", ");
    }
    alert_words(d, t->alert_received, t->alert_received_name, "received from the server");
    alert_words(d, t->alert_sent, t->alert_sent_name, "sent by mxtls");
    mxtls__escape_append(d, t->detail, MXTLS__ESCAPE_QUOTED);
    detail_end(r, "  TLS: ", "    ");
}

static void verify_details(struct render *r, const mxtls_verify_result *v)
{
    for (size_t i = 0; v->certs && i < v->n_certs; i++)
        if (v->certs[i]) {
            mxtls__append_cert_line(detail(r), v->certs[i]);
            detail_end(r, i == 0 ? "  certificate: " : "  then: ", "    ");
        }
    struct mxtls__text *d = detail(r);
    mxtls__append_verify_flags(d, v->flags, ", ");
    mxtls__text_printf(d, "; DANE %s; MTA-STS %s", mxtls_dane_outcome_name(v->dane),
                       mxtls_mtasts_outcome_name(v->mtasts));
    detail_end(r, "  verify: ", "    ");
    if (v->detail)
        line_of(r, "    ", "      ", v->detail, MXTLS__ESCAPE_QUOTED);
}

static int transcript_line(void *user, const char *line)
{
    struct render *r = user;
    mxtls__text_printf(&r->out, "    %s\n", line);
    return r->out.failed ? -1 : 0;
}

static void probe_details(struct render *r, const mxtls_probe *p)
{
    struct mxtls__text *d = detail(r);
    where(d, p->host, p->address, p->port);
    mxtls__text_printf(d, " %s (%s", mxtls__mode_name(p->mode),
                       mxtls_probe_purpose_name(p->purpose));
    if (p->purpose == MXTLS_PROBE_VERSION)
        mxtls__text_printf(d, " %s only", mxtls__tls_version_name(p->tls_version));
    mxtls__text_append(d, p->sni ? ", SNI " : ", no SNI");
    mxtls__escape_append(d, p->sni, MXTLS__ESCAPE_SERVER);
    mxtls__text_append(d, ")");
    detail_end(r, "", "  ");
    if (p->status == MXTLS_EPOLICY)
        mxtls__text_append(&r->out, "  not connected: the address policy refused it\n");
    if (p->connect)
        connect_details(r, p->connect);
    if (p->tls)
        tls_details(r, p->tls);
    if (p->verify)
        verify_details(r, p->verify);
    if (r->flags & MXTLS_RENDER_TRANSCRIPT) {
        mxtls__text_append(&r->out, "  transcript:\n");
        if (mxtls__transcript(p, &r->line, transcript_line, r) != 0)
            r->out.failed = 1;
    }
}

static void details(struct render *r)
{
    const mxtls_report *rep = r->report;
    mxtls__text_append(&r->out, "Details\n");
    if (rep->resolve)
        dns_details(r, rep->resolve);
    if (rep->mtasts)
        mtasts_details(r, rep->mtasts);
    for (size_t i = 0; rep->probes && i < rep->n_probes; i++)
        if (rep->probes[i]) {
            mxtls__text_append(&r->out, "\n");
            probe_details(r, rep->probes[i]);
        }
    mxtls__text_printf(&r->out, "\nChecked in %lld ms.\n", (long long)rep->elapsed_ms);
}

mxtls_status mxtls_report_text(const mxtls_report *report, uint32_t flags,
                               mxtls_buffer **out)
{
    if (out != NULL)
        *out = NULL;
    if (report == NULL || out == NULL)
        return MXTLS_EINVAL;
    struct render r = {.report = report, .flags = flags};
    verdict(&r);
    senders(&r);
    problems(&r);
    notes(&r);
    details(&r);
    if (r.scratch.failed || r.line.failed)
        r.out.failed = 1;
    mxtls__free(r.scratch.data);
    mxtls__free(r.line.data);
    return (mxtls_status)mxtls__text_finish(&r.out, out);
}
