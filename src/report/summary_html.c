/* mxtls_summary: many reports (a batch) as one HTML page. It keeps, per
 * target, only what its row shows (the target, the verdict, the first root
 * cause and its first fix, each cut to a bound, and a link to the target's
 * own page), and counts every root cause, so 100,000 targets take a few
 * tens of megabytes and the page stays bounded per target. The page: bar
 * charts in inline SVG of the counts by verdict and by root cause (each
 * with its table), then the targets grouped by their first cause, one
 * collapsed group per cause, filterable by verdict with radio buttons and
 * CSS alone; an optional script adds a text filter. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buffer.h"
#include "html_page.h"
#include "report_render.h"

#define TARGET_MAX 253
#define ID_MAX 48
#define FIX_MAX 240
#define LINK_MAX 512
#define CAUSES_MAX 256 /* distinct cause ids counted; more go to "other" */
#define BARS_MAX 30    /* causes drawn in the chart; the table lists all */

enum kind { K_ERROR, K_WARNING, K_OK, K_FAILED, N_KINDS };

static const char *const kind_names[N_KINDS] = {"error", "warning", "ok", "not-checked"};
static const char *const kind_words[N_KINDS] = {"\xe2\x9c\x97 error", "! warning",
                                                "\xe2\x9c\x93 ok",
                                                "\xe2\x80\x93 not (fully) checked"};
static const char *const kind_states[N_KINDS] = {"bad", "warn", "ok", "none"};
static const int kind_state_index[N_KINDS] = {3, 2, 1, 0}; /* in mxtls__html_fill */

struct target_row {
    char *target;
    char *fix;  /* the first fix of the first cause, or NULL */
    char *link; /* NULL: none */
    int32_t cause; /* index in causes, or -1 */
    int32_t kind;
};

struct cause_count {
    char *id;
    size_t count;  /* targets with it among their root causes */
    size_t first;  /* targets with it as the first */
};

struct mxtls_summary {
    struct target_row *rows;
    size_t n_rows, cap_rows;
    struct cause_count causes[CAUSES_MAX + 1]; /* the last: "other" */
    size_t n_causes;
    size_t kinds[N_KINDS];
};

mxtls_status mxtls_summary_new(mxtls_summary **out)
{
    if (out == NULL)
        return MXTLS_EINVAL;
    *out = mxtls__calloc(1, sizeof **out);
    return *out ? MXTLS_OK : MXTLS_ENOMEM;
}

void mxtls_summary_free(mxtls_summary *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_rows; i++) {
        mxtls__free(s->rows[i].target);
        mxtls__free(s->rows[i].fix);
        mxtls__free(s->rows[i].link);
    }
    mxtls__free(s->rows);
    for (size_t i = 0; i <= CAUSES_MAX; i++)
        mxtls__free(s->causes[i].id);
    mxtls__free(s);
}

/* A copy of at most max octets of s, cut at a character boundary. */
static char *cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    return mxtls__strndup(s, n);
}

/* The index of id in the counts (added when new), CAUSES_MAX for "other",
 * or -1 when out of memory. */
static int32_t cause_index(mxtls_summary *s, const char *id)
{
    char *key = cut(id, ID_MAX);
    if (key == NULL)
        return -1;
    for (size_t i = 0; i < s->n_causes; i++)
        if (strcmp(s->causes[i].id, key) == 0) {
            mxtls__free(key);
            return (int32_t)i;
        }
    size_t slot = s->n_causes < CAUSES_MAX ? s->n_causes++ : CAUSES_MAX;
    if (s->causes[slot].id == NULL) {
        if (slot == CAUSES_MAX) {
            mxtls__free(key);
            key = mxtls__strdup("(other)");
        }
        s->causes[slot].id = key;
        return key ? (int32_t)slot : -1;
    }
    mxtls__free(key);
    return (int32_t)slot;
}

static int is_problem(const mxtls_finding *f)
{
    return f != NULL && f->caused_by < 0 && f->severity >= MXTLS_SEVERITY_WARNING;
}

/* A link that is a relative path or an http(s) URL; anything with another
 * scheme (javascript:, data:) is dropped. */
static int safe_link(const char *link)
{
    size_t scheme = strcspn(link, ":/?#");
    return link[scheme] != ':' || strncmp(link, "http:", 5) == 0 ||
           strncmp(link, "https:", 6) == 0;
}

mxtls_status mxtls_summary_add(mxtls_summary *s, const char *target, const mxtls_report *report,
                               const char *link)
{
    if (s == NULL || target == NULL)
        return MXTLS_EINVAL;
    if (s->n_rows == s->cap_rows) {
        size_t cap = s->cap_rows ? s->cap_rows * 2 : 64;
        struct target_row *rows = mxtls__realloc(s->rows, cap * sizeof *rows);
        if (rows == NULL)
            return MXTLS_ENOMEM;
        s->rows = rows;
        s->cap_rows = cap;
    }
    struct target_row row = {.cause = -1, .kind = K_FAILED};
    row.target = cut(target, TARGET_MAX);
    if (link != NULL && *link && safe_link(link))
        row.link = cut(link, LINK_MAX);
    if (row.target == NULL || (link && *link && safe_link(link) && row.link == NULL))
        goto nomem;
    if (report != NULL) {
        row.kind = report->verdict == MXTLS_VERDICT_ERROR     ? K_ERROR
                   : report->verdict == MXTLS_VERDICT_WARNING ? K_WARNING
                                                              : K_OK;
        /* an OK the checker's environment cut short is not an OK */
        if (row.kind == K_OK &&
            mxtls__report_environment_verdict(report) == MXTLS_VERDICT_ERROR)
            row.kind = K_FAILED;
        /* the target's root causes; the environment's say nothing of it */
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; report->findings && i < report->n_findings; i++) {
                const mxtls_finding *f = report->findings[i];
                if (!is_problem(f) || f->id == NULL ||
                    mxtls__finding_about(f) != (pass ? MXTLS_ABOUT_ENVIRONMENT
                                                     : MXTLS_ABOUT_TARGET))
                    continue;
                int32_t c = cause_index(s, f->id);
                if (c < 0)
                    goto nomem;
                s->causes[c].count++;
                if (row.cause < 0) {
                    row.cause = c;
                    s->causes[c].first++;
                    if (f->n_remedies > 0 && f->remedies && f->remedies[0] &&
                        (row.fix = cut(f->remedies[0], FIX_MAX)) == NULL)
                        goto nomem;
                }
            }
    }
    s->kinds[row.kind]++;
    s->rows[s->n_rows++] = row;
    return MXTLS_OK;
nomem:
    mxtls__free(row.target);
    mxtls__free(row.fix);
    mxtls__free(row.link);
    return MXTLS_ENOMEM;
}

/* ---- the page ----------------------------------------------------------- */

static void put(struct mxtls__text *t, const char *s)
{
    mxtls__text_append(t, s);
}

static const char *kind_states_of(const int *states, size_t i)
{
    static const char *const names[] = {"none", "ok", "warn", "bad"};
    return names[states ? states[i] : 0];
}

/* A horizontal bar chart: n bars of label[i] and value[i], coloured by
 * states[i] (an index in mxtls__html_fill; NULL: all neutral). */
static void bars(struct mxtls__text *t, const char *title, size_t n, const char *const *labels,
                 const size_t *values, const int *states)
{
    size_t max = 1;
    for (size_t i = 0; i < n; i++)
        if (values[i] > max)
            max = values[i];
    const int label_w = 230, bar_w = 520, pitch = 24;
    int height = (int)n * pitch + 8;
    mxtls__text_printf(t, "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" "
                          "viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\" aria-label=\"",
                       label_w + bar_w + 90, height, label_w + bar_w + 90);
    mxtls__html_append(t, title, MXTLS__HTML_OURS);
    put(t, " (the table below has the same numbers)\">\n<g font-size=\"13\" "
           "font-family=\"sans-serif\">\n");
    for (size_t i = 0; i < n; i++) {
        int y = 4 + (int)i * pitch;
        double w = (double)bar_w * (double)values[i] / (double)max;
        mxtls__text_printf(t, "<g class=\"st-%s\"><text x=\"%d\" y=\"%d\" "
                              "text-anchor=\"end\">",
                           kind_states_of(states, i), label_w - 8, y + 15);
        mxtls__html_append_n(t, labels[i], strlen(labels[i]), MXTLS__HTML_OURS, 34);
        mxtls__text_printf(t, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" "
                              "fill=\"%s\"/><text x=\"%.1f\" y=\"%d\">%zu</text></g>\n",
                           label_w, y + 2, w < 1 && values[i] ? 1.0 : w,
                           mxtls__html_stroke[states ? states[i] : 0],
                           label_w + w + 6, y + 15, values[i]);
    }
    put(t, "</g>\n</svg>\n");
}

/* Causes in order of their counts, most first (ties by name). */
struct ranked {
    size_t count;
    const char *id;
    size_t index;
};

static int by_count(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->id, y->id);
}

static void counts(struct mxtls__text *t, const mxtls_summary *s, const size_t *order,
                   size_t n_order)
{
    put(t, "<section id=\"counts\">\n<h2>By verdict</h2>\n");
    const char *labels[N_KINDS];
    for (int k = 0; k < N_KINDS; k++)
        labels[k] = kind_words[k];
    bars(t, "Targets by verdict", N_KINDS, labels, s->kinds, kind_state_index);
    put(t, "<table class=\"counts\"><thead><tr><th scope=\"col\">Verdict</th>"
           "<th scope=\"col\">Targets</th></tr></thead><tbody>\n");
    for (int k = 0; k < N_KINDS; k++)
        mxtls__text_printf(t, "<tr><td class=\"st-%s\">%s</td><td>%zu</td></tr>\n",
                           kind_states[k], kind_words[k], s->kinds[k]);
    put(t, "</tbody></table>\n<h2>By root cause</h2>\n");
    if (n_order == 0)
        put(t, "<p>No target has a problem.</p>\n");
    else {
        const char *cl[BARS_MAX];
        size_t cv[BARS_MAX];
        size_t nb = n_order < BARS_MAX ? n_order : BARS_MAX;
        for (size_t i = 0; i < nb; i++) {
            cl[i] = s->causes[order[i]].id;
            cv[i] = s->causes[order[i]].count;
        }
        bars(t, "Targets by root cause", nb, cl, cv, NULL);
        put(t, "<table class=\"counts\"><thead><tr><th scope=\"col\">Root cause</th>"
               "<th scope=\"col\">Targets with it</th><th scope=\"col\">as the first cause"
               "</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < n_order; i++) {
            const struct cause_count *c = &s->causes[order[i]];
            put(t, "<tr><td><code>");
            mxtls__html_append(t, c->id, MXTLS__HTML_DATA);
            mxtls__text_printf(t, "</code></td><td>%zu</td><td>", c->count);
            if (c->first > 0)
                mxtls__text_printf(t, "<a href=\"#g-%zu\">%zu</a>", order[i], c->first);
            else
                put(t, "0");
            put(t, "</td></tr>\n");
        }
        put(t, "</tbody></table>\n");
    }
    put(t, "</section>\n");
}

static void row_html(struct mxtls__text *t, const mxtls_summary *s, size_t i)
{
    const struct target_row *r = &s->rows[i];
    mxtls__text_printf(t, "<tr class=\"t v-%s\" id=\"t-%zu\"><th scope=\"row\">",
                       kind_names[r->kind], i + 1);
    if (r->link) {
        put(t, "<a href=\"");
        mxtls__html_append(t, r->link, MXTLS__HTML_DATA);
        put(t, "\">");
    }
    mxtls__html_append(t, r->target, MXTLS__HTML_DATA);
    if (r->link)
        put(t, "</a>");
    mxtls__text_printf(t, "</th><td class=\"st-%s\">%s</td><td>", kind_states[r->kind],
                       kind_words[r->kind]);
    if (r->cause >= 0) {
        put(t, "<code>");
        mxtls__html_append(t, s->causes[r->cause].id, MXTLS__HTML_DATA);
        put(t, "</code>");
    } else
        put(t, "\xe2\x80\x93");
    put(t, "</td><td>");
    if (r->fix)
        mxtls__html_append(t, r->fix, MXTLS__HTML_OURS);
    else
        put(t, "\xe2\x80\x93");
    put(t, "</td></tr>\n");
}

static void group(struct mxtls__text *t, const mxtls_summary *s, int32_t cause, size_t count,
                  int open)
{
    if (count == 0)
        return;
    if (cause >= 0)
        mxtls__text_printf(t, "<details class=\"g\" id=\"g-%d\"%s><summary><code>", (int)cause,
                           open ? " open" : "");
    else
        mxtls__text_printf(t, "<details class=\"g\" id=\"g-none\"%s><summary>",
                           open ? " open" : "");
    if (cause >= 0) {
        mxtls__html_append(t, s->causes[cause].id, MXTLS__HTML_DATA);
        put(t, "</code>");
    } else
        put(t, "No problem as first cause");
    mxtls__text_printf(t, ": %zu target%s</summary>\n<table><thead><tr>"
                          "<th scope=\"col\">Target</th><th scope=\"col\">Verdict</th>"
                          "<th scope=\"col\">First cause</th><th scope=\"col\">First fix</th>"
                          "</tr></thead><tbody>\n",
                       count, count == 1 ? "" : "s");
    for (size_t i = 0; i < s->n_rows && !t->failed; i++)
        if (s->rows[i].cause == cause)
            row_html(t, s, i);
    put(t, "</tbody></table></details>\n");
}

static const char filter_style[] =
    ".filters{margin:1rem 0}.filters label{margin-right:1rem}\n"
    "#f-error:checked~.groups tr.t:not(.v-error),#f-warning:checked~.groups tr.t:not(.v-warning),"
    "#f-ok:checked~.groups tr.t:not(.v-ok),"
    "#f-not-checked:checked~.groups tr.t:not(.v-not-checked){display:none}\n"
    "#f-error:checked~.groups details.g:not(:has(tr.v-error)),"
    "#f-warning:checked~.groups details.g:not(:has(tr.v-warning)),"
    "#f-ok:checked~.groups details.g:not(:has(tr.v-ok)),"
    "#f-not-checked:checked~.groups details.g:not(:has(tr.v-not-checked)){display:none}\n"
    "table.counts{width:auto;min-width:24rem}details.g{margin:.4rem 0}details.g>summary{cursor:pointer;font-weight:600}\n"
    "input[type=search]{font:inherit;padding:.2rem .4rem;min-width:18rem}\n"
    "@media print{.filters{display:none}}\n";

/* Optional: a text filter. Without script (or under a CSP that forbids
 * it) the page works the same, with the verdict filter and the groups. */
static const char filter_script[] =
    "(function(){var q=document.getElementById('q');if(!q)return;q.hidden=false;"
    "q.addEventListener('input',function(){var v=q.value.toLowerCase();"
    "var rows=document.querySelectorAll('tr.t');for(var i=0;i<rows.length;i++){"
    "rows[i].hidden=v!==''&&rows[i].textContent.toLowerCase().indexOf(v)<0;}"
    "var g=document.querySelectorAll('details.g');for(var j=0;j<g.length;j++){"
    "if(v!=='')g[j].open=true;}});})();\n";

mxtls_status mxtls_summary_html(const mxtls_summary *s, uint32_t flags, mxtls_buffer **out)
{
    (void)flags;
    if (out != NULL)
        *out = NULL;
    if (s == NULL || out == NULL)
        return MXTLS_EINVAL;
    struct ranked ranked[CAUSES_MAX + 1];
    size_t order[CAUSES_MAX + 1], n_order = 0;
    for (size_t i = 0; i <= CAUSES_MAX; i++)
        if (s->causes[i].id != NULL)
            ranked[n_order++] = (struct ranked){s->causes[i].count, s->causes[i].id, i};
    qsort(ranked, n_order, sizeof ranked[0], by_count);
    for (size_t i = 0; i < n_order; i++)
        order[i] = ranked[i].index;

    struct mxtls__text t = {0};
    put(&t, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    mxtls__text_printf(&t, "<title>Mail TLS checks: %zu targets</title>\n<style>\n", s->n_rows);
    put(&t, mxtls__html_style);
    put(&t, filter_style);
    put(&t, "</style>\n</head>\n<body>\n<main>\n<header>\n");
    mxtls__text_printf(&t, "<h1>Mail TLS checks: %zu target%s</h1>\n<p class=\"summary\">",
                       s->n_rows, s->n_rows == 1 ? "" : "s");
    mxtls__text_printf(&t, "%zu with errors, %zu with warnings, %zu OK, %zu not (fully) "
                           "checked.</p>\n</header>\n",
                       s->kinds[K_ERROR], s->kinds[K_WARNING], s->kinds[K_OK],
                       s->kinds[K_FAILED]);
    counts(&t, s, order, n_order);
    put(&t, "<section id=\"targets\">\n<h2>Targets, by first root cause</h2>\n"
            "<p>Each group lists the targets whose first problem is that cause, with the first "
            "fix; a target's name links to its own page with its mail path drawn.</p>\n"
            "<div class=\"filters\" role=\"group\" aria-label=\"Show\">\n");
    put(&t, "<input type=\"radio\" name=\"f\" id=\"f-all\" checked><label for=\"f-all\">"
            "all</label>\n");
    for (int k = 0; k < N_KINDS; k++)
        mxtls__text_printf(&t, "<input type=\"radio\" name=\"f\" id=\"f-%s\"><label "
                               "for=\"f-%s\">%s only</label>\n",
                           kind_names[k], kind_names[k], kind_words[k]);
    put(&t, "<input type=\"search\" id=\"q\" hidden placeholder=\"Filter by text\" "
            "aria-label=\"Filter targets by text\">\n");
    put(&t, "<div class=\"groups\">\n");
    for (size_t i = 0; i < n_order; i++)
        group(&t, s, (int32_t)order[i], s->causes[order[i]].first, i == 0 &&
              s->causes[order[i]].first <= 1000);
    size_t none = 0;
    for (size_t i = 0; i < s->n_rows; i++)
        none += s->rows[i].cause < 0;
    group(&t, s, -1, none, n_order == 0 && none <= 1000);
    put(&t, "</div>\n</div>\n</section>\n</main>\n<footer><p>Made by mxtls ");
    put(&t, mxtls_version_string());
    put(&t, ". This page loads nothing; its one script only adds the text filter.</p>"
            "</footer>\n<script>\n");
    put(&t, filter_script);
    put(&t, "</script>\n</body>\n</html>\n");
    return (mxtls_status)mxtls__text_finish(&t, out);
}
