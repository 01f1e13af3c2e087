/* mxtls_report_html(): a report as one self-contained HTML page, for people
 * who are not mail experts (a hosting panel's customer, a mail attachment).
 *
 * The path comes first, drawn in inline SVG as the checks saw it: the
 * domain and its DNSSEC state, each MX host, each address, each connection
 * (port, STARTTLS or implicit TLS, TLS version, alert and its direction),
 * the certificate, DANE and MTA-STS. Every hop says its state three ways:
 * colour, an icon and a word, and a line style, so it survives greyscale
 * and colour blindness. The hop of each root cause carries its number and
 * links to its explanation. Then who can deliver, then the causes with
 * their numbered fixes (commands in <code>, selectable in one click), then
 * the details. No script, no external resource: inline CSS only, so the
 * page works offline and under a strict Content-Security-Policy.
 *
 * Every string from the report goes through mxtls__html_append: network
 * text as data (MXTLS__HTML_DATA), our own sentences, which quote network
 * text in its shown form already, as MXTLS__HTML_OURS. Nothing of the
 * report ever becomes markup; tests/test-report-property.c checks that the
 * tag structure is the same whatever a server sends. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buffer.h"
#include "html_page.h"
#include "report_render.h"

/* The diagram's limits: past them the details below still list everything. */
#define MAX_HOSTS 16
#define MAX_ROWS 48
#define NODE_CAUSES 3
#define LABEL_CHARS 26 /* characters of one line of a node */

/* Geometry of the diagram, in SVG user units. */
#define NODE_W 190
#define NODE_H 74
#define GAP_X 34
#define PITCH_Y 88
#define TOP 8

enum state { ST_NONE, ST_OK, ST_WARN, ST_BAD };
enum col { C_DOMAIN, C_HOST, C_ADDR, C_PROBE, C_CERT, C_POLICY, N_COLS };

struct node {
    enum state state;
    int causes[NODE_CAUSES]; /* cause numbers (1-based) pinned here */
    int n_causes;
    const char *finding_id;  /* of the first cause */
};

struct row {
    int host;                  /* index in resolve->hosts */
    int addr;                  /* index in that host's addresses, or -1 */
    const mxtls_probe *probe;  /* the primary probe, or NULL */
    struct node n[N_COLS];     /* C_ADDR .. C_POLICY used */
};

struct html {
    const mxtls_report *report;
    uint32_t flags;
    struct mxtls__text out;
    struct mxtls__text line; /* a details line before escaping */
    int *number;             /* per finding: its cause number, or 0 */
    size_t n_problems;
    struct node domain;
    struct node hosts[MAX_HOSTS];
    size_t n_hosts;
    struct row rows[MAX_ROWS];
    size_t n_rows;
    size_t rows_left_out; /* connections past MAX_ROWS */
};

static const mxtls_finding *finding_at(const mxtls_report *rep, size_t i)
{
    return rep->findings != NULL && i < rep->n_findings ? rep->findings[i] : NULL;
}

static int is_problem(const mxtls_finding *f)
{
    return f != NULL && f->caused_by < 0 && f->severity >= MXTLS_SEVERITY_WARNING;
}

static void put(struct html *h, const char *s)
{
    mxtls__text_append(&h->out, s);
}

__attribute__((format(printf, 2, 3))) static void putf(struct html *h, const char *fmt, ...);

static void putf(struct html *h, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    mxtls__vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    mxtls__text_append(&h->out, buf);
}

static void data(struct html *h, const char *s)
{
    mxtls__html_append(&h->out, s, MXTLS__HTML_DATA);
}

/* Network text, or fallback (ours) when it is NULL or empty: no element is
 * left empty. */
static void data_or(struct html *h, const char *s, const char *fallback)
{
    if (s != NULL && *s)
        data(h, s);
    else
        put(h, fallback);
}

/* " <q>s</q>" for a detail from outside, nothing when there is none. */
static void quoted(struct html *h, const char *before, const char *s)
{
    if (s == NULL || *s == '\0')
        return;
    put(h, before);
    put(h, "<q class=\"data\">");
    data(h, s);
    put(h, "</q>");
}

static void ours(struct html *h, const char *s)
{
    mxtls__html_append(&h->out, s, MXTLS__HTML_OURS);
}

/* A details line built with the text renderer's conventions in h->line,
 * then written escaped. */
static struct mxtls__text *line_begin(struct html *h)
{
    h->line.len = 0;
    mxtls__text_append(&h->line, "");
    return &h->line;
}

static void line_put(struct html *h)
{
    if (h->line.failed)
        h->out.failed = 1;
    else
        mxtls__html_append_n(&h->out, h->line.data, h->line.len, MXTLS__HTML_OURS, 0);
}

static const char *state_class(enum state s)
{
    static const char *const names[] = {"none", "ok", "warn", "bad"};
    return names[s];
}

static const char *state_icon(enum state s)
{
    static const char *const icons[] = {"\xe2\x80\x93", "\xe2\x9c\x93", "!", "\xe2\x9c\x97"};
    return icons[s];
}

static const char *state_word(enum state s)
{
    static const char *const words[] = {"not checked", "ok", "warning", "failed"};
    return words[s];
}

static enum state severity_state(int32_t severity)
{
    return severity >= MXTLS_SEVERITY_ERROR     ? ST_BAD
           : severity == MXTLS_SEVERITY_WARNING ? ST_WARN
                                                : ST_OK;
}

static void raise_state(struct node *n, enum state s)
{
    if (s > n->state)
        n->state = s;
}

/* ---- the model of the diagram ------------------------------------------ */

static int same(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static const mxtls_mx_host *host_at(const mxtls_report *rep, size_t i)
{
    const mxtls_resolve_result *res = rep->resolve;
    return res != NULL && res->hosts != NULL && i < res->n_hosts ? res->hosts[i] : NULL;
}

static const mxtls_address *addr_at(const mxtls_mx_host *host, int i)
{
    return host != NULL && host->addresses != NULL && i >= 0 && (size_t)i < host->n_addresses
               ? host->addresses[i]
               : NULL;
}

static void add_row(struct html *h, int host, int addr, const mxtls_probe *probe)
{
    if (h->n_rows == MAX_ROWS) {
        h->rows_left_out++;
        return;
    }
    struct row *r = &h->rows[h->n_rows++];
    memset(r, 0, sizeof *r);
    r->host = host;
    r->addr = addr;
    r->probe = probe;
}

/* One row per primary connection, grouped by host and address; an address
 * no connection reached, and a host without addresses, get a row too. */
static void build_rows(struct html *h)
{
    const mxtls_report *rep = h->report;
    size_t n_hosts = rep->resolve && rep->resolve->hosts ? rep->resolve->n_hosts : 0;
    h->n_hosts = n_hosts < MAX_HOSTS ? n_hosts : MAX_HOSTS;
    for (size_t hi = 0; hi < h->n_hosts; hi++) {
        const mxtls_mx_host *host = host_at(rep, hi);
        size_t n_addr = host && host->addresses ? host->n_addresses : 0;
        if (n_addr == 0)
            add_row(h, (int)hi, -1, NULL);
        for (size_t ai = 0; ai < n_addr && ai < MAX_ROWS; ai++) {
            int any = 0;
            for (size_t p = 0; rep->probes && p < rep->n_probes; p++) {
                const mxtls_probe *pr = rep->probes[p];
                if (pr != NULL && pr->purpose == MXTLS_PROBE_PRIMARY &&
                    pr->host_index == (int32_t)hi && pr->address_index == (int32_t)ai) {
                    add_row(h, (int)hi, (int)ai, pr);
                    any = 1;
                }
            }
            if (!any)
                add_row(h, (int)hi, (int)ai, NULL);
        }
    }
}

static enum state domain_state(const mxtls_report *rep)
{
    const mxtls_resolve_result *res = rep->resolve;
    if (res == NULL)
        return ST_NONE;
    if (res->outcome != MXTLS_DNS_NOERROR || res->dnssec == MXTLS_DNSSEC_BOGUS)
        return ST_BAD;
    return ST_OK;
}

static enum state probe_state(const mxtls_probe *p)
{
    if (p == NULL || p->status == MXTLS_EPOLICY || p->connect == NULL)
        return ST_NONE;
    if (p->connect->failure != MXTLS_CONN_OK)
        return ST_BAD;
    if (p->tls != NULL && p->tls->failure != MXTLS_TLS_OK)
        return ST_BAD;
    return ST_OK;
}

static enum state cert_state(const mxtls_probe *p)
{
    const mxtls_verify_result *v = p ? p->verify : NULL;
    if (v == NULL)
        return ST_NONE;
    uint32_t bad = MXTLS_VERIFY_SELF_SIGNED | MXTLS_VERIFY_UNKNOWN_ISSUER |
                   MXTLS_VERIFY_CHAIN_INCOMPLETE | MXTLS_VERIFY_UNTRUSTED_ROOT |
                   MXTLS_VERIFY_NAME_MISMATCH | MXTLS_VERIFY_EXPIRED |
                   MXTLS_VERIFY_NOT_YET_VALID | MXTLS_VERIFY_BAD_SIGNATURE |
                   MXTLS_VERIFY_NO_CERTIFICATE | MXTLS_VERIFY_MALFORMED;
    return (v->flags & MXTLS_VERIFY_TRUSTED) && !(v->flags & bad) ? ST_OK : ST_WARN;
}

static enum state policy_state(const mxtls_report *rep, const mxtls_probe *p)
{
    const mxtls_verify_result *v = p ? p->verify : NULL;
    if (v != NULL) {
        switch (v->dane) {
        case MXTLS_DANE_MATCHED:
            return ST_OK;
        case MXTLS_DANE_BOGUS:
        case MXTLS_DANE_MISMATCH:
        case MXTLS_DANE_NAME_MISMATCH:
        case MXTLS_DANE_LOOKUP_FAILED:
        case MXTLS_DANE_TA_NOT_SENT:
            return ST_BAD;
        default:
            break;
        }
    }
    const mxtls_mtasts_result *m = rep->mtasts;
    if (m != NULL && m->outcome == MXTLS_MTASTS_POLICY)
        return ST_OK;
    if (m != NULL && m->outcome > MXTLS_MTASTS_TXT_MULTIPLE)
        return ST_WARN;
    return ST_NONE;
}

static void intrinsic_states(struct html *h)
{
    const mxtls_report *rep = h->report;
    h->domain.state = domain_state(rep);
    for (size_t i = 0; i < h->n_hosts; i++) {
        const mxtls_mx_host *host = host_at(rep, i);
        h->hosts[i].state = host == NULL ? ST_NONE : host->n_addresses == 0 ? ST_BAD : ST_OK;
    }
    for (size_t i = 0; i < h->n_rows; i++) {
        struct row *r = &h->rows[i];
        const mxtls_address *a = addr_at(host_at(rep, (size_t)r->host), r->addr);
        r->n[C_ADDR].state = a == NULL ? ST_NONE : a->proxy_provider ? ST_WARN : ST_OK;
        r->n[C_PROBE].state = probe_state(r->probe);
        r->n[C_CERT].state = cert_state(r->probe);
        r->n[C_POLICY].state = policy_state(rep, r->probe);
    }
}

/* The column a finding is about, from its code's hundreds. */
static int finding_column(const mxtls_finding *f)
{
    int32_t c = f->code;
    if (c == MXTLS_F_DNS_MX_CNAME || c == MXTLS_F_DNS_MX_IP_LITERAL ||
        c == MXTLS_F_DNS_MX_NO_ADDRESS || c == MXTLS_F_DNS_MX_NON_LDH)
        return C_HOST;
    switch (c / 100) {
    case 1: return C_DOMAIN;
    case 2: return f->address ? C_ADDR : C_HOST;
    case 3: case 4: case 8: return C_PROBE;
    case 5: return C_CERT;
    case 6: case 7: return C_POLICY;
    default: return -1; /* the environment, the sender, tls.ok: no hop */
    }
}

static void pin(struct node *n, const mxtls_finding *f, int number)
{
    raise_state(n, severity_state(f->severity));
    if (number > 0 && n->n_causes < NODE_CAUSES) {
        if (n->n_causes == 0)
            n->finding_id = f->id;
        n->causes[n->n_causes++] = number;
    }
}

/* Does row r match what f is about? Unknown parts match everything. */
static int row_matches(const struct html *h, const struct row *r, const mxtls_finding *f,
                       int col)
{
    const mxtls_mx_host *host = host_at(h->report, (size_t)r->host);
    if (f->host != NULL && (host == NULL || !same(f->host, host->name)))
        return 0;
    if (col >= C_ADDR && f->address != NULL) {
        const mxtls_address *a = addr_at(host, r->addr);
        if (a == NULL || !same(f->address, a->text))
            return 0;
    }
    if (col >= C_PROBE && f->port > 0 && (r->probe == NULL || r->probe->port != f->port))
        return 0;
    return 1;
}

/* Put every finding on the hops it is about: a root cause with its number,
 * a symptom only with its severity. A finding about a host that matches no
 * row (or about the whole domain's policy) goes on the first row. */
static void pin_findings(struct html *h)
{
    const mxtls_report *rep = h->report;
    for (size_t i = 0; i < rep->n_findings; i++) {
        const mxtls_finding *f = finding_at(rep, i);
        int col = f ? finding_column(f) : -1;
        if (col < 0 || (f->caused_by < 0 && f->severity < MXTLS_SEVERITY_WARNING))
            continue;
        int number = h->number[i];
        if (col == C_DOMAIN) {
            pin(&h->domain, f, number);
            continue;
        }
        int done = 0;
        if (col == C_HOST) {
            for (size_t k = 0; k < h->n_hosts; k++) {
                const mxtls_mx_host *host = host_at(rep, k);
                if (f->host == NULL || (host && same(f->host, host->name))) {
                    pin(&h->hosts[k], f, number);
                    done = 1;
                    if (f->host == NULL)
                        break;
                }
            }
        } else {
            int last_addr = -2, last_host = -2;
            for (size_t k = 0; k < h->n_rows; k++) {
                struct row *r = &h->rows[k];
                if (!row_matches(h, r, f, col))
                    continue;
                /* an address node is drawn once, on its first row */
                if (col == C_ADDR && r->host == last_host && r->addr == last_addr)
                    continue;
                last_host = r->host, last_addr = r->addr;
                pin(&r->n[col], f, number);
                done = 1;
            }
        }
        if (!done && h->n_rows > 0 && col != C_HOST)
            pin(&h->rows[0].n[col], f, number);
        else if (!done && col == C_HOST && h->n_hosts > 0)
            pin(&h->hosts[0], f, number);
        else if (!done)
            pin(&h->domain, f, number);
    }
}

/* Cause numbers, as the text report numbers its problems: those about the
 * environment first, then the target's. */
static int number_causes(struct html *h)
{
    const mxtls_report *rep = h->report;
    if (rep->n_findings > 0) {
        h->number = mxtls__calloc(rep->n_findings, sizeof *h->number);
        if (h->number == NULL)
            return -1;
    }
    int n = 0;
    for (int about = MXTLS_ABOUT_ENVIRONMENT; about >= MXTLS_ABOUT_TARGET; about--)
        for (size_t i = 0; i < rep->n_findings; i++) {
            const mxtls_finding *f = finding_at(rep, i);
            if (is_problem(f) && mxtls__finding_about(f) == about)
                h->number[i] = ++n;
        }
    h->n_problems = (size_t)n;
    return 0;
}

/* ---- the diagram -------------------------------------------------------- */

/* Text lines of one node: kind, then up to three lines of the hop. */
struct label {
    struct mxtls__text text[3];
    int n;
};

static struct mxtls__text *label_line(struct label *l)
{
    struct mxtls__text *t = &l->text[l->n < 3 ? l->n++ : 2];
    t->len = 0;
    mxtls__text_append(t, "");
    return t;
}

static void label_data(struct label *l, const char *s)
{
    mxtls__html_append_n(label_line(l), s ? s : "", s ? strlen(s) : 0, MXTLS__HTML_DATA,
                         LABEL_CHARS);
}

__attribute__((format(printf, 2, 3))) static void label_printf(struct label *l,
                                                               const char *fmt, ...);

static void label_printf(struct label *l, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    mxtls__vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    mxtls__html_append_n(label_line(l), buf, strlen(buf), MXTLS__HTML_OURS, LABEL_CHARS + 6);
}

static void label_free(struct label *l)
{
    for (int i = 0; i < 3; i++)
        mxtls__free(l->text[i].data);
}

static double col_x(int col)
{
    return 4 + col * (NODE_W + GAP_X);
}

static double row_y(double row)
{
    return TOP + row * PITCH_Y;
}

/* One node at column col, centred on row (fractional for a group). */
static void node(struct html *h, int col, double row, const char *kind_class,
                 const char *kind, const struct node *n, struct label *l)
{
    double x = col_x(col), y = row_y(row);
    int linked = n->n_causes > 0;
    put(h, "<g class=\"node ");
    put(h, kind_class);
    putf(h, " st-%s%s\" data-state=\"%s\"", state_class(n->state), linked ? " cause" : "",
         state_class(n->state));
    if (linked) {
        put(h, " data-finding=\"");
        data(h, n->finding_id);
        put(h, "\"");
    }
    put(h, ">");
    if (linked)
        putf(h, "<a href=\"#cause-%d\">", n->causes[0]);
    put(h, "<title>");
    ours(h, kind);
    putf(h, ": %s", state_word(n->state));
    for (int i = 0; i < l->n; i++) {
        put(h, ", ");
        if (!l->text[i].failed && l->text[i].data)
            put(h, l->text[i].data);
    }
    for (int i = 0; i < n->n_causes; i++)
        putf(h, "%s problem %d", i ? "," : "; see", n->causes[i]);
    put(h, "</title>");
    static const char *const dashes[] = {"2 3", "none", "7 4", "none"};
    putf(h, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%d\" height=\"%d\" rx=\"7\" fill=\"%s\" "
            "stroke=\"%s\" stroke-width=\"%s\" stroke-dasharray=\"%s\"/>",
         x, y, NODE_W, NODE_H, mxtls__html_fill[n->state], mxtls__html_stroke[n->state],
         linked ? "4.5" : n->state == ST_BAD ? "3.5" : "1.5", dashes[n->state]);
    putf(h, "<text x=\"%.0f\" y=\"%.0f\" class=\"k\">%s ", x + 9, y + 17,
         state_icon(n->state));
    ours(h, kind);
    putf(h, " \xc2\xb7 %s</text>", state_word(n->state));
    for (int i = 0; i < l->n; i++) {
        putf(h, "<text x=\"%.0f\" y=\"%.0f\">", x + 9, y + 34 + 15 * i);
        if (!l->text[i].failed && l->text[i].data)
            put(h, l->text[i].data);
        put(h, "</text>");
    }
    if (linked) {
        putf(h, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"11\" class=\"badge\" fill=\"%s\"/>",
             x + NODE_W - 4, y + 4, mxtls__html_stroke[n->state]);
        putf(h, "<text x=\"%.0f\" y=\"%.0f\" class=\"badge\" fill=\"#fff\" "
                "text-anchor=\"middle\">%d</text>",
             x + NODE_W - 4, y + 8, n->causes[0]);
        put(h, "</a>");
    }
    put(h, "</g>\n");
    for (int i = 0; i < 3; i++)
        if (l->text[i].failed)
            h->out.failed = 1;
}

static void edge(struct html *h, int col, double from_row, double to_row)
{
    double x1 = col_x(col) + NODE_W, x2 = col_x(col + 1);
    double y1 = row_y(from_row) + NODE_H / 2.0, y2 = row_y(to_row) + NODE_H / 2.0;
    double xm = (x1 + x2) / 2;
    putf(h, "<path d=\"M%.0f %.1fH%.0fV%.1fH%.0f\" fill=\"none\" stroke=\"#8c959f\"/>\n", x1,
         y1, xm, y2, x2);
}

static void domain_node(struct html *h, double row)
{
    const mxtls_report *rep = h->report;
    const mxtls_resolve_result *res = rep->resolve;
    struct label l = {0};
    label_data(&l, rep->domain ? rep->domain : rep->target);
    if (res != NULL) {
        label_printf(&l, "DNS %s", mxtls_dns_outcome_name(res->outcome));
        label_printf(&l, "DNSSEC %s%s", mxtls_dnssec_name(res->dnssec),
                     res->null_mx ? ", null MX" : res->implicit_mx ? ", no MX" : "");
    } else
        label_printf(&l, "not resolved");
    node(h, C_DOMAIN, row, "domain", "Domain", &h->domain, &l);
    label_free(&l);
}

static void host_node(struct html *h, size_t i, double row)
{
    const mxtls_mx_host *host = host_at(h->report, i);
    struct label l = {0};
    label_data(&l, host ? host->name : NULL);
    if (host && host->preference >= 0)
        label_printf(&l, "MX preference %d", (int)host->preference);
    else
        label_printf(&l, "%s", h->report->profile == MXTLS_PROFILE_SUBMISSION
                                   ? "submission host"
                                   : "no MX record: the domain");
    if (host && host->canonical_name) {
        struct mxtls__text *t = label_line(&l);
        mxtls__text_append(t, "alias of ");
        mxtls__html_append_n(t, host->canonical_name, strlen(host->canonical_name),
                             MXTLS__HTML_DATA, LABEL_CHARS - 9);
    } else if (host)
        label_printf(&l, "%zu address%s", host->n_addresses,
                     host->n_addresses == 1 ? "" : "es");
    node(h, C_HOST, row, "host", "MX host", &h->hosts[i], &l);
    label_free(&l);
}

static void addr_node(struct html *h, const struct row *r, double row)
{
    const mxtls_address *a = addr_at(host_at(h->report, (size_t)r->host), r->addr);
    struct label l = {0};
    label_data(&l, a ? a->text : "?");
    if (a) {
        label_printf(&l, "IPv%d, %s", (int)a->family, mxtls_scope_name(a->scope));
        if (a->proxy_provider) {
            struct mxtls__text *t = label_line(&l);
            mxtls__text_append(t, "proxy: ");
            mxtls__html_append_n(t, a->proxy_provider, strlen(a->proxy_provider),
                                 MXTLS__HTML_DATA, LABEL_CHARS - 7);
        } else
            label_printf(&l, "no proxy range");
    }
    node(h, C_ADDR, row, "addr", "Address", &r->n[C_ADDR], &l);
    label_free(&l);
}

/* Two lines: the alert, who sent it, and its name. */
static void alert_lines(struct label *l, int32_t alert, const char *name, const char *who)
{
    label_printf(l, "alert %d %s", (int)alert, who);
    const char *nm = name ? name : mxtls_alert_name(alert);
    label_data(l, nm ? nm : "unknown");
}

static void probe_node(struct html *h, const struct row *r, double row)
{
    const mxtls_probe *p = r->probe;
    struct label l = {0};
    if (p == NULL)
        label_printf(&l, "no connection made");
    else {
        label_printf(&l, "port %d, %s", (int)p->port,
                     p->mode == MXTLS_MODE_IMPLICIT_TLS ? "implicit TLS"
                     : p->mode == MXTLS_MODE_STARTTLS   ? "STARTTLS"
                                                        : "plain SMTP");
        const mxtls_connect_result *c = p->connect;
        const mxtls_tls_result *t = p->tls;
        if (t != NULL && t->alert_received >= 0)
            alert_lines(&l, t->alert_received, t->alert_received_name, "from the server");
        else if (t != NULL && t->alert_sent >= 0)
            alert_lines(&l, t->alert_sent, t->alert_sent_name, "sent by mxtls");
        else if (p->status == MXTLS_EPOLICY)
            label_printf(&l, "refused by address policy");
        else if (c == NULL)
            label_printf(&l, "not connected");
        else if (c->failure != MXTLS_CONN_OK)
            label_printf(&l, "%s at %s", mxtls__conn_failure_name(c->failure),
                         mxtls__phase_name(c->failure_phase));
        else if (c->mode == MXTLS_MODE_STARTTLS && c->caps && !c->caps->starttls)
            label_printf(&l, "STARTTLS not offered");
        else if (t == NULL)
            label_printf(&l, "banner %d", (int)c->banner_code);
        else if (t->version != 0)
            label_printf(&l, "%s", mxtls__tls_version_name(t->version));
        else if (t->failure == MXTLS_TLS_STARTTLS_REFUSED)
            label_printf(&l, "STARTTLS answered %d", (int)t->starttls_code);
        else
            label_printf(&l, "handshake failed");
    }
    node(h, C_PROBE, row, "probe", "Connection", &r->n[C_PROBE], &l);
    label_free(&l);
}

static void cert_node(struct html *h, const struct row *r, double row)
{
    const mxtls_verify_result *v = r->probe ? r->probe->verify : NULL;
    struct label l = {0};
    const mxtls_cert_info *leaf = v && v->certs && v->n_certs > 0 ? v->certs[0] : NULL;
    if (leaf == NULL)
        label_printf(&l, "%s", r->probe && r->probe->tls && r->probe->tls->n_peer_certs
                                   ? "not verified"
                                   : "none seen");
    else {
        label_data(&l, leaf->n_dns_names > 0 && leaf->dns_names ? leaf->dns_names[0]
                                                                : leaf->subject);
        label_printf(&l, "chain of %zu%s", v->n_certs,
                     v->flags & MXTLS_VERIFY_TRUSTED ? ", trusted" : ", not trusted");
        struct mxtls__text *t = label_line(&l);
        uint32_t shown = v->flags & ~(uint32_t)MXTLS_VERIFY_TRUSTED;
        struct mxtls__text flags = {0};
        mxtls__append_verify_flags(&flags, shown, ", ");
        if (shown == 0)
            mxtls__text_append(t, v->matched_name ? "name matches" : "no problem found");
        else if (!flags.failed)
            mxtls__html_append_n(t, flags.data, flags.len, MXTLS__HTML_OURS, LABEL_CHARS);
        if (flags.failed)
            h->out.failed = 1;
        mxtls__free(flags.data);
    }
    node(h, C_CERT, row, "cert", "Certificate", &r->n[C_CERT], &l);
    label_free(&l);
}

static void policy_node(struct html *h, const struct row *r, double row)
{
    const mxtls_report *rep = h->report;
    const mxtls_verify_result *v = r->probe ? r->probe->verify : NULL;
    const mxtls_mx_host *host = host_at(rep, (size_t)r->host);
    struct label l = {0};
    if (v != NULL)
        label_printf(&l, "DANE %s", mxtls_dane_outcome_name(v->dane));
    else
        label_printf(&l, "DANE: %zu TLSA record%s", host ? host->n_tlsa : 0,
                     host && host->n_tlsa == 1 ? "" : "s");
    const mxtls_mtasts_result *m = rep->mtasts;
    if (m == NULL)
        label_printf(&l, "MTA-STS: %s", rep->profile == MXTLS_PROFILE_MX ? "no policy"
                                                                         : "n/a");
    else if (m->outcome == MXTLS_MTASTS_POLICY)
        label_printf(&l, "MTA-STS %s", mxtls__mtasts_mode_name(m->mode));
    else
        label_printf(&l, "MTA-STS %s", mxtls_mtasts_outcome_name(m->outcome));
    if (v != NULL && m != NULL && m->outcome == MXTLS_MTASTS_POLICY)
        label_printf(&l, "%s", v->mtasts_mx_matched == 1   ? "MX covered by policy"
                               : v->mtasts_mx_matched == 0 ? "MX not in policy"
                                                           : "");
    node(h, C_POLICY, row, "policy", "Policy", &r->n[C_POLICY], &l);
    label_free(&l);
}

/* The drawing in two passes over the rows, grouped by host and then by
 * address: the edges first (nodes == 0), so that the nodes (nodes == 1)
 * are drawn over them. A group's node sits in the middle of its rows. */
static void draw(struct html *h, int nodes, double all_mid)
{
    size_t start = 0;
    while (start < h->n_rows) {
        int host = h->rows[start].host;
        size_t end = start;
        while (end < h->n_rows && h->rows[end].host == host)
            end++;
        double host_mid = ((double)start + (double)end - 1) / 2;
        if (nodes)
            host_node(h, (size_t)host, host_mid);
        else
            edge(h, C_DOMAIN, all_mid, host_mid);
        for (size_t a = start, b; a < end; a = b) {
            for (b = a; b < end && h->rows[b].addr == h->rows[a].addr;)
                b++;
            if (h->rows[a].addr < 0)
                continue;
            double addr_mid = ((double)a + (double)b - 1) / 2;
            if (nodes)
                addr_node(h, &h->rows[a], addr_mid);
            else
                edge(h, C_HOST, host_mid, addr_mid);
            for (size_t k = a; k < b; k++) {
                const struct row *r = &h->rows[k];
                if (nodes)
                    probe_node(h, r, (double)k);
                else
                    edge(h, C_ADDR, addr_mid, (double)k);
                if (r->probe == NULL)
                    continue;
                if (nodes) {
                    cert_node(h, r, (double)k);
                    policy_node(h, r, (double)k);
                } else {
                    edge(h, C_PROBE, (double)k, (double)k);
                    edge(h, C_CERT, (double)k, (double)k);
                }
            }
        }
        start = end;
    }
}

static void diagram(struct html *h)
{
    size_t rows = h->n_rows > 0 ? h->n_rows : 1;
    int width = (int)col_x(N_COLS) + 4;
    int height = (int)row_y((double)rows) + TOP;
    double all_mid = ((double)rows - 1) / 2;
    put(h, "<figure class=\"path\">\n");
    putf(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
            "role=\"group\" aria-label=\"The mail path, hop by hop\">\n",
         width, height, width);
    put(h, "<title>The mail path as the checks saw it: domain, MX hosts, addresses, "
           "connections, certificates, policy</title>\n<g class=\"edges\">\n");
    draw(h, 0, all_mid);
    put(h, "</g>\n<g font-size=\"12\" font-family=\"sans-serif\">\n");
    domain_node(h, all_mid);
    draw(h, 1, all_mid);
    put(h, "</g>\n</svg>\n<figcaption>");
    put(h, "Each box is one hop; its state is in its colour, its icon (\xe2\x9c\x93 ok, ! "
           "warning, \xe2\x9c\x97 failed, \xe2\x80\x93 not checked) and its first line. A "
           "numbered badge marks the hop of a problem and links to it.");
    size_t all_hosts = h->report->resolve ? h->report->resolve->n_hosts : 0;
    if (all_hosts > h->n_hosts || h->rows_left_out > 0)
        putf(h, " The drawing shows the first %zu hosts and %zu connections; the details "
                "list all of them.",
             h->n_hosts, h->n_rows);
    put(h, "</figcaption>\n</figure>\n");
}

/* The same path in words, for readers who do not see the drawing. */
static void path_list(struct html *h)
{
    const mxtls_report *rep = h->report;
    put(h, "<details class=\"path-text\"><summary>The path in words</summary>\n<ol>\n");
    put(h, "<li>Domain ");
    data(h, rep->domain ? rep->domain : rep->target);
    putf(h, ": %s", state_word(h->domain.state));
    if (rep->resolve)
        putf(h, ", DNSSEC %s", mxtls_dnssec_name(rep->resolve->dnssec));
    if (h->n_rows > 0)
        put(h, "<ol>\n");
    for (size_t k = 0; k < h->n_rows; k++) {
        const struct row *r = &h->rows[k];
        const mxtls_mx_host *host = host_at(rep, (size_t)r->host);
        const mxtls_address *a = addr_at(host, r->addr);
        put(h, "<li>");
        data_or(h, host ? host->name : NULL, "(no name)");
        if (a) {
            put(h, " [");
            data(h, a->text);
            put(h, "]");
        }
        if (r->probe)
            putf(h, " port %d", (int)r->probe->port);
        const int cols[] = {C_ADDR, C_PROBE, C_CERT, C_POLICY};
        const char *names[] = {"address", "connection", "certificate", "policy"};
        for (size_t c = 0; c < 4; c++) {
            const struct node *n = &r->n[cols[c]];
            putf(h, "; %s %s", names[c], state_word(n->state));
            for (int i = 0; i < n->n_causes; i++)
                putf(h, " (<a href=\"#cause-%d\">problem %d</a>)", n->causes[i],
                     n->causes[i]);
        }
        put(h, "</li>\n");
    }
    put(h, h->n_rows > 0 ? "</ol></li>\n</ol>\n</details>\n" : "</li>\n</ol>\n</details>\n");
}

/* ---- the page ----------------------------------------------------------- */

static void heading(struct html *h)
{
    const mxtls_report *rep = h->report;
    const char *target = rep->target ? rep->target : rep->domain;
    int incomplete = mxtls__report_environment_verdict(rep) == MXTLS_VERDICT_ERROR;
    enum state s = severity_state(rep->verdict);
    /* "OK" would overstate a check the environment cut short. */
    const char *word = rep->verdict == MXTLS_VERDICT_OK ? "OK" : mxtls_verdict_name(rep->verdict);
    if (incomplete && rep->verdict == MXTLS_VERDICT_OK)
        s = ST_NONE, word = "not checked fully";
    put(h, "<header>\n<h1>");
    data(h, target ? target : "(no target)");
    putf(h, " <span class=\"verdict st-%s\">%s %s%s</span></h1>\n", state_class(s),
         state_icon(s), word,
         incomplete && rep->verdict != MXTLS_VERDICT_OK ? ", not checked fully" : "");
    put(h, "<p class=\"summary\">");
    ours(h, rep->summary);
    put(h, "</p>\n");
    if (incomplete)
        put(h, "<p class=\"note\">Not checked fully: where this check ran kept part of it "
               "from running (see below), so what is not listed was not checked, not found "
               "fine.</p>\n");
    if (rep->strict)
        put(h, "<p class=\"note\">Senders must see a valid certificate here: MTA-STS enforce "
               "or DNSSEC-secure TLSA records make TLS mandatory for this domain.</p>\n");
    putf(h, "<p class=\"meta\">%s profile, %zu problem%s, checked in %lld ms.</p>\n",
         mxtls_profile_name(rep->profile), h->n_problems, h->n_problems == 1 ? "" : "s",
         (long long)rep->elapsed_ms);
    put(h, "</header>\n");
}

static const char *delivery_words(int32_t outcome, enum state *s)
{
    switch (outcome) {
    case MXTLS_DELIVERY_TLS: *s = ST_OK; return "delivers over TLS";
    case MXTLS_DELIVERY_PLAINTEXT: *s = ST_WARN; return "delivers without TLS";
    case MXTLS_DELIVERY_DEFERS: *s = ST_BAD; return "defers";
    case MXTLS_DELIVERY_BOUNCES: *s = ST_BAD; return "bounces";
    default: *s = ST_NONE; return "unknown";
    }
}

static void predictions(struct html *h)
{
    const mxtls_report *rep = h->report;
    if (rep->struct_size < offsetof(mxtls_report, predictions) + sizeof rep->predictions ||
        rep->n_predictions == 0 || rep->predictions == NULL)
        return;
    put(h, "<section id=\"senders\">\n<h2>Who can deliver</h2>\n<p>Predicted from what this "
           "check saw; <code>mxtls-check --senders</code> lists the sources.</p>\n"
           "<table class=\"senders\">\n<thead><tr><th scope=\"col\">Sender</th>"
           "<th scope=\"col\">Outcome</th><th scope=\"col\">Turns on</th>"
           "<th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < rep->n_predictions; i++) {
        const mxtls_prediction *p = rep->predictions[i];
        if (p == NULL)
            continue;
        enum state s;
        const char *words = delivery_words(p->outcome, &s);
        put(h, "<tr><th scope=\"row\">");
        data(h, p->sender && p->sender->name ? p->sender->name : "?");
        putf(h, "</th><td class=\"st-%s\" data-outcome=\"%s\">%s %s%s</td><td>",
             state_class(s), mxtls_delivery_name(p->outcome), state_icon(s), words,
             p->delayed ? " (on a retry)" : "");
        const mxtls_finding *f =
            p->finding >= 0 ? finding_at(rep, (size_t)p->finding) : NULL;
        if (f != NULL) {
            int n = h->number[p->finding];
            if (n > 0)
                putf(h, "<a href=\"#cause-%d\">", n);
            put(h, "<code>");
            data_or(h, f->id, "(no id)");
            put(h, "</code>");
            if (n > 0)
                put(h, "</a>");
        } else
            put(h, "\xe2\x80\x93");
        put(h, "</td><td>");
        ours(h, p->detail);
        put(h, "</td></tr>\n");
    }
    put(h, "</tbody>\n</table>\n</section>\n");
}

/* Our text with `commands` as <code>: a backtick inside a quoted span (the
 * shown form of what a server sent, "...", with \" inside) is the
 * server's, and stays text. */
static void prose(struct html *h, const char *s, size_t n)
{
    size_t i = 0, from = 0;
    int quoted = 0;
    while (i < n) {
        if (s[i] == '\\' && i + 1 < n) {
            i += 2;
            continue;
        }
        if (s[i] == '"')
            quoted = !quoted;
        const char *close = NULL;
        if (!quoted && s[i] == '`')
            close = memchr(s + i + 1, '`', n - i - 1);
        if (close == NULL) {
            i++;
            continue;
        }
        mxtls__html_append_n(&h->out, s + from, i - from, MXTLS__HTML_OURS, 0);
        put(h, "<code class=\"cmd\">");
        mxtls__html_append_n(&h->out, s + i + 1, (size_t)(close - s - i - 1), MXTLS__HTML_OURS,
                             0);
        put(h, "</code>");
        i = from = (size_t)(close - s) + 1;
    }
    mxtls__html_append_n(&h->out, s + from, n - from, MXTLS__HTML_OURS, 0);
}

/* Paragraphs at '\n' (blank lines between them dropped). */
static void paragraphs(struct html *h, const char *s, const char *cls)
{
    while (s != NULL && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (n > 0) {
            putf(h, "<p class=\"%s\">", cls);
            prose(h, s, n);
            put(h, "</p>\n");
        }
        s = nl ? nl + 1 : NULL;
    }
}

static void where(struct html *h, const mxtls_finding *f)
{
    if (f->host == NULL && f->address == NULL)
        return;
    put(h, " at <span class=\"where\">");
    data(h, f->host);
    if (f->address) {
        put(h, f->host ? " [" : "[");
        data(h, f->address);
        put(h, "]");
    }
    if (f->port > 0)
        putf(h, ":%d", (int)f->port);
    put(h, "</span>");
}

/* One finding briefly: severity, id, where, summary. */
static void finding_item(struct html *h, const mxtls_finding *f)
{
    putf(h, "<li><span class=\"sev\">%s</span> <code>", mxtls_severity_name(f->severity));
    data_or(h, f->id, "(no id)");
    put(h, "</code>");
    where(h, f);
    put(h, ": ");
    prose(h, f->summary ? f->summary : "", f->summary ? strlen(f->summary) : 0);
    put(h, "</li>\n");
}

static void symptoms_of(struct html *h, size_t cause)
{
    const mxtls_report *rep = h->report;
    const char *open = "<h4>Also seen, explained by the above</h4>\n<ul class=\"symptoms\">\n";
    for (size_t i = 0; i < rep->n_findings; i++) {
        const mxtls_finding *s = finding_at(rep, i);
        if (s == NULL || s->caused_by < 0 || (size_t)s->caused_by != cause)
            continue;
        put(h, open);
        open = "";
        finding_item(h, s);
    }
    if (*open == '\0')
        put(h, "</ul>\n");
}

static void cause(struct html *h, size_t index)
{
    const mxtls_finding *f = finding_at(h->report, index);
    enum state s = severity_state(f->severity);
    int number = h->number[index];
    putf(h, "<article class=\"cause st-%s\" id=\"cause-%d\" data-finding=\"", state_class(s),
         number);
    data(h, f->id);
    putf(h, "\">\n<h3><span class=\"num\">%d</span> <span class=\"sev\">%s %s</span> "
            "<code class=\"id\">",
         number, state_icon(s), mxtls_severity_name(f->severity));
    data_or(h, f->id, "(no id)");
    put(h, "</code>");
    where(h, f);
    put(h, "</h3>\n");
    paragraphs(h, f->summary, "summary");
    paragraphs(h, f->explanation, "explanation");
    if (f->n_remedies > 0 && f->remedies != NULL) {
        put(h, "<h4>How to fix it</h4>\n<ol class=\"fixes\">\n");
        for (size_t i = 0; i < f->n_remedies; i++) {
            const char *r = f->remedies[i] && *f->remedies[i] ? f->remedies[i] : "(empty)";
            put(h, "<li>");
            prose(h, r, strlen(r));
            put(h, "</li>\n");
        }
        put(h, "</ol>\n");
    }
    if (f->n_references > 0 && f->references != NULL) {
        put(h, "<h4>References</h4>\n<ul class=\"refs\">\n");
        for (size_t i = 0; i < f->n_references; i++) {
            put(h, "<li>");
            if (f->references[i] && *f->references[i])
                ours(h, f->references[i]);
            else
                put(h, "(empty)");
            put(h, "</li>\n");
        }
        put(h, "</ul>\n");
    }
    if (f->evidence && *f->evidence) {
        put(h, "<p class=\"evidence\">What mxtls saw: ");
        quoted(h, "", f->evidence);
        put(h, "</p>\n");
    }
    symptoms_of(h, index);
    put(h, "<p class=\"back\"><a href=\"#path\">Back to the path</a></p>\n</article>\n");
}

static void causes(struct html *h)
{
    const mxtls_report *rep = h->report;
    put(h, "<section id=\"causes\">\n<h2>What is wrong and how to fix it</h2>\n");
    if (h->n_problems == 0)
        put(h, "<p>No problem found.</p>\n");
    for (int n = 1; (size_t)n <= h->n_problems; n++)
        for (size_t i = 0; i < rep->n_findings; i++)
            if (h->number[i] == n) {
                if (n == 1 && mxtls__finding_about(finding_at(rep, i)) ==
                                  MXTLS_ABOUT_ENVIRONMENT)
                    put(h, "<p class=\"note\">Problems where this check ran come first: "
                           "they say nothing about the target itself.</p>\n");
                cause(h, i);
            }
    /* info root causes, and symptoms whose cause is not a root cause */
    const char *open = "<h3>Notes</h3>\n<ul class=\"notes\">\n";
    for (size_t i = 0; i < rep->n_findings; i++) {
        const mxtls_finding *f = finding_at(rep, i);
        if (f == NULL || h->number[i] > 0)
            continue;
        if (f->caused_by >= 0 && (size_t)f->caused_by < rep->n_findings &&
            h->number[f->caused_by] > 0)
            continue;
        put(h, open);
        open = "";
        finding_item(h, f);
    }
    if (*open == '\0')
        put(h, "</ul>\n");
    put(h, "</section>\n");
}

/* ---- details ------------------------------------------------------------ */

static void dns_details(struct html *h, const mxtls_resolve_result *res)
{
    put(h, "<h3>DNS</h3>\n<ul>\n<li>");
    data_or(h, res->a_label ? res->a_label : res->query, "(no name)");
    putf(h, ": %s, DNSSEC %s%s", mxtls_dns_outcome_name(res->outcome),
         mxtls_dnssec_name(res->dnssec), res->null_mx ? ", null MX" : "");
    if (res->detail) {
        put(h, " \xe2\x80\x94 ");
        ours(h, res->detail);
    }
    put(h, "</li>\n");
    for (size_t i = 0; res->hosts && i < res->n_hosts; i++) {
        const mxtls_mx_host *host = res->hosts[i];
        if (host == NULL)
            continue;
        put(h, "<li>");
        if (host->preference >= 0)
            putf(h, "MX %d ", (int)host->preference);
        data_or(h, host->name, "(no name)");
        if (host->canonical_name) {
            put(h, " \xe2\x86\x92 ");
            data(h, host->canonical_name);
        }
        const char *open = "<ul>\n";
        for (size_t k = 0; host->addresses && k < host->n_addresses; k++) {
            const mxtls_address *a = host->addresses[k];
            if (a == NULL)
                continue;
            put(h, open);
            open = "";
            put(h, "<li>");
            data_or(h, a->text, "?");
            putf(h, " (IPv%d, %s, DNSSEC %s", (int)a->family, mxtls_scope_name(a->scope),
                 mxtls_dnssec_name(a->dnssec));
            if (a->proxy_provider) {
                put(h, ", inside a proxy range of ");
                data(h, a->proxy_provider);
            }
            put(h, ")</li>\n");
        }
        for (size_t k = 0; host->tlsa && k < host->n_tlsa; k++) {
            const mxtls_tlsa *t = host->tlsa[k];
            if (t == NULL)
                continue;
            put(h, open);
            open = "";
            put(h, "<li>TLSA ");
            data_or(h, host->tlsa_name, "?");
            putf(h, " %u %u %u <span class=\"hex\">", t->usage, t->selector, t->matching_type);
            data_or(h, t->data_hex, "-");
            putf(h, "</span> (DNSSEC %s)</li>\n", mxtls_dnssec_name(t->dnssec));
        }
        put(h, *open ? "</li>\n" : "</ul></li>\n");
    }
    const struct {
        const char *name;
        const char *problem;
        int32_t n, valid;
    } txt[] = {
        {"_mta-sts TXT", res->mta_sts ? res->mta_sts->problem : NULL,
         res->mta_sts ? res->mta_sts->n_sts_records : -1, res->mta_sts && res->mta_sts->valid},
        {"_smtp._tls TXT", res->tlsrpt ? res->tlsrpt->problem : NULL,
         res->tlsrpt ? res->tlsrpt->n_tlsrpt_records : -1, res->tlsrpt && res->tlsrpt->valid},
    };
    for (size_t i = 0; i < sizeof txt / sizeof txt[0]; i++) {
        if (txt[i].n < 0)
            continue;
        putf(h, "<li>%s: %d record%s, %s", txt[i].name, (int)txt[i].n,
             txt[i].n == 1 ? "" : "s", txt[i].valid ? "valid" : "not valid");
        if (txt[i].problem) {
            put(h, ": ");
            ours(h, txt[i].problem);
        }
        put(h, "</li>\n");
    }
    put(h, "</ul>\n");
}

static void mtasts_details(struct html *h, const mxtls_mtasts_result *m)
{
    putf(h, "<h3>MTA-STS</h3>\n<ul>\n<li>%s", mxtls_mtasts_outcome_name(m->outcome));
    if (m->outcome == MXTLS_MTASTS_POLICY)
        putf(h, ", mode %s", mxtls__mtasts_mode_name(m->mode));
    quoted(h, ": ", m->detail);
    put(h, "</li>\n");
    for (size_t i = 0; m->mx_patterns && i < m->n_mx_patterns; i++) {
        put(h, "<li>mx: ");
        data_or(h, m->mx_patterns[i], "(empty)");
        put(h, "</li>\n");
    }
    for (size_t i = 0; m->unmatched_mx && i < m->n_unmatched; i++) {
        put(h, "<li>not covered by the policy: ");
        data_or(h, m->unmatched_mx[i], "(empty)");
        put(h, "</li>\n");
    }
    put(h, "</ul>\n");
}

static int transcript_line(void *user, const char *line)
{
    struct html *h = user;
    ours(h, line);
    put(h, "\n");
    return h->out.failed ? -1 : 0;
}

static void probe_details(struct html *h, const mxtls_probe *p, size_t index)
{
    enum state s = probe_state(p);
    putf(h, "<section class=\"probe st-%s\" id=\"probe-%zu\">\n<h4>%s ", state_class(s),
         index + 1, state_icon(s));
    data(h, p->host);
    put(h, p->host ? " [" : "[");
    data(h, p->address ? p->address : "?");
    putf(h, "]:%d %s (%s", (int)p->port, mxtls__mode_name(p->mode),
         mxtls_probe_purpose_name(p->purpose));
    if (p->purpose == MXTLS_PROBE_VERSION)
        putf(h, " %s only", mxtls__tls_version_name(p->tls_version));
    put(h, p->sni ? ", SNI " : ", no SNI");
    data(h, p->sni);
    put(h, ")</h4>\n<ul>\n<li>purpose: ");
    put(h, mxtls_probe_purpose_name(p->purpose));
    put(h, "</li>\n");
    if (p->status == MXTLS_EPOLICY)
        put(h, "<li>not connected: the address policy refused it</li>\n");
    if (p->connect) {
        const mxtls_connect_result *c = p->connect;
        put(h, "<li>connect: ");
        if (c->banner_code)
            putf(h, "banner %d, ", (int)c->banner_code);
        if (c->mode == MXTLS_MODE_STARTTLS && c->ehlo_code)
            putf(h, "STARTTLS %s, ", c->caps && c->caps->starttls ? "offered" : "not offered");
        quoted(h, "", c->detail);
        put(h, "</li>\n");
    }
    if (p->tls) {
        const mxtls_tls_result *t = p->tls;
        put(h, "<li>TLS: ");
        if (t->version)
            putf(h, "%s, ", mxtls__tls_version_name(t->version));
        if (t->cipher_suite) {
            data(h, t->cipher_suite);
            put(h, ", ");
        }
        if (t->alert_received >= 0) {
            putf(h, "alert %d (", (int)t->alert_received);
            data(h, t->alert_received_name ? t->alert_received_name
                                           : mxtls_alert_name(t->alert_received));
            put(h, ") received from the server, ");
        }
        if (t->alert_sent >= 0) {
            putf(h, "alert %d (", (int)t->alert_sent);
            data(h, t->alert_sent_name ? t->alert_sent_name : mxtls_alert_name(t->alert_sent));
            put(h, ") sent by mxtls, ");
        }
        quoted(h, "", t->detail);
        put(h, "</li>\n");
    }
    if (p->verify) {
        const mxtls_verify_result *v = p->verify;
        for (size_t i = 0; v->certs && i < v->n_certs; i++)
            if (v->certs[i]) {
                put(h, i == 0 ? "<li>certificate: " : "<li>then: ");
                mxtls__append_cert_line(line_begin(h), v->certs[i]);
                line_put(h);
                put(h, "</li>\n");
            }
        put(h, "<li>verify: ");
        struct mxtls__text *t = line_begin(h);
        mxtls__append_verify_flags(t, v->flags, ", ");
        mxtls__text_printf(t, "; DANE %s; MTA-STS %s", mxtls_dane_outcome_name(v->dane),
                           mxtls_mtasts_outcome_name(v->mtasts));
        line_put(h);
        quoted(h, " ", v->detail);
        put(h, "</li>\n");
    }
    put(h, "</ul>\n");
    put(h, "<details class=\"transcript\"><summary>SMTP/TLS dialogue</summary>\n<pre>");
    if (mxtls__transcript(p, &h->line, transcript_line, h) != 0)
        h->out.failed = 1;
    put(h, "</pre></details>\n</section>\n");
}

static void details(struct html *h)
{
    const mxtls_report *rep = h->report;
    put(h, "<section id=\"details\">\n<h2>Details</h2>\n");
    if (rep->resolve)
        dns_details(h, rep->resolve);
    if (rep->mtasts)
        mtasts_details(h, rep->mtasts);
    if (rep->probes && rep->n_probes > 0)
        put(h, "<h3>Connections</h3>\n");
    for (size_t i = 0; rep->probes && i < rep->n_probes; i++)
        if (rep->probes[i])
            probe_details(h, rep->probes[i], i);
    put(h, "</section>\n");
}

mxtls_status mxtls_report_html(const mxtls_report *report, uint32_t flags, mxtls_buffer **out)
{
    if (out != NULL)
        *out = NULL;
    if (report == NULL || out == NULL)
        return MXTLS_EINVAL;
    struct html h = {.report = report, .flags = flags};
    if (number_causes(&h) != 0)
        return MXTLS_ENOMEM;
    build_rows(&h);
    intrinsic_states(&h);
    pin_findings(&h);

    const char *target = report->target ? report->target : report->domain;
    put(&h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"mxtls ");
    put(&h, mxtls_version_string());
    put(&h, "\">\n<title>Mail TLS check: ");
    data(&h, target ? target : "(no target)");
    put(&h, "</title>\n<style>\n");
    put(&h, mxtls__html_style);
    put(&h, "</style>\n</head>\n<body>\n<main>\n");
    heading(&h);
    put(&h, "<section id=\"path\">\n<h2>The mail path</h2>\n");
    diagram(&h);
    path_list(&h);
    put(&h, "</section>\n");
    predictions(&h);
    causes(&h);
    details(&h);
    put(&h, "</main>\n<footer><p>Made by mxtls ");
    put(&h, mxtls_version_string());
    put(&h, ". This page loads nothing and runs no script.</p></footer>\n</body>\n</html>\n");
    if (h.line.failed)
        h.out.failed = 1;
    mxtls__free(h.line.data);
    mxtls__free(h.number);
    return (mxtls_status)mxtls__text_finish(&h.out, out);
}
