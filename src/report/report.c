/* The report model: made empty, finished from a diagnosis's findings and
 * probes (root causes first, those about the checker's environment before
 * the target's, worst first, then the symptoms they explain; the verdicts
 * and the one-line summary), and freed. It knows nothing of
 * the diagnosis that fills it (report.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "report.h"
#include "mxtls/mxtls.h"

#define SUMMARY_SIZE 512

mxtls_report *mxtls__report_new(const char *target, int32_t profile)
{
    mxtls_report *r = mxtls__calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->struct_size = sizeof *r;
    r->profile = profile;
    if ((r->target = mxtls__strdup(target)) == NULL) {
        mxtls__free(r);
        return NULL;
    }
    return r;
}

void mxtls__probe_free(mxtls_probe *p)
{
    if (p == NULL)
        return;
    mxtls__free((char *)p->host);
    mxtls__free((char *)p->address);
    mxtls__free((char *)p->sni);
    mxtls_connect_result_free((mxtls_connect_result *)p->connect);
    mxtls_tls_result_free((mxtls_tls_result *)p->tls);
    mxtls_verify_result_free((mxtls_verify_result *)p->verify);
    mxtls__free(p);
}

void mxtls_report_free(mxtls_report *r)
{
    if (r == NULL)
        return;
    mxtls__free((char *)r->target);
    mxtls__free((char *)r->domain);
    mxtls__free((char *)r->summary);
    mxtls_resolve_result_free((mxtls_resolve_result *)r->resolve);
    mxtls_mtasts_result_free((mxtls_mtasts_result *)r->mtasts);
    for (size_t i = 0; i < r->n_probes; i++)
        mxtls__probe_free((mxtls_probe *)r->probes[i]);
    mxtls__free((void *)r->probes);
    for (size_t i = 0; i < r->n_findings; i++)
        mxtls__finding_free((mxtls_finding *)r->findings[i]);
    mxtls__free((void *)r->findings);
    for (size_t i = 0; i < r->n_predictions; i++)
        mxtls__prediction_free((mxtls_prediction *)r->predictions[i]);
    mxtls__free((void *)r->predictions);
    mxtls__free(r);
}

void mxtls__prediction_free(mxtls_prediction *p)
{
    if (p == NULL)
        return;
    mxtls__free((char *)p->host);
    mxtls__free((char *)p->detail);
    mxtls__free(p);
}

/* Environment first: what this report can say of the target depends on it. */
static int32_t about_of(const mxtls_finding *f)
{
    return f->about == MXTLS_ABOUT_ENVIRONMENT ? MXTLS_ABOUT_ENVIRONMENT : MXTLS_ABOUT_TARGET;
}

/* The position of every finding in the report's order: the root causes
 * that are problems (warning or error) about the checker's environment, then
 * the target's, each by severity (worst first, otherwise as found); then the
 * info roots (tls.ok ...), which explain nothing wrong; then symptoms in the
 * order of their roots. order[k] is the old index of the k-th finding;
 * *n_problems counts the problem roots, *n_roots every root. */
static void order_findings(const struct mxtls__finding_list *findings,
                           const int32_t *root_of, size_t *order, size_t *n_problems,
                           size_t *n_roots)
{
    static const int32_t abouts[] = {MXTLS_ABOUT_ENVIRONMENT, MXTLS_ABOUT_TARGET};
    size_t k = 0, n = findings->count;
    for (int problems = 1; problems >= 0; problems--) {
        for (size_t a = 0; a < sizeof abouts / sizeof abouts[0]; a++)
            for (int32_t sev = MXTLS_SEVERITY_ERROR; sev >= 0; sev--) {
                if ((sev >= MXTLS_SEVERITY_WARNING) != problems)
                    continue;
                for (size_t i = 0; i < n; i++) {
                    int32_t s = findings->items[i]->severity;
                    int32_t clamped = s < MXTLS_SEVERITY_INFO ? 0 : s > 3 ? 3 : s;
                    if (root_of[i] < 0 && clamped == sev &&
                        about_of(findings->items[i]) == abouts[a])
                        order[k++] = i;
                }
            }
        if (problems)
            *n_problems = k;
    }
    *n_roots = k;
    for (size_t r = 0; r < *n_roots; r++)
        for (size_t i = 0; i < n; i++)
            if (root_of[i] == (int32_t)order[r])
                order[k++] = i;
}

/* A symptom is about what its root cause is about: a timeout at the MX under
 * a blocked port 25 says nothing of the MX. */
static void inherit_about(struct mxtls__finding_list *findings, const int32_t *root_of)
{
    for (size_t i = 0; i < findings->count; i++)
        if (root_of[i] >= 0 && (size_t)root_of[i] < findings->count)
            findings->items[i]->about = about_of(findings->items[root_of[i]]);
}

static int32_t verdict_of(mxtls_finding *const *roots, size_t n_roots, int32_t about)
{
    int32_t worst = MXTLS_VERDICT_OK;
    for (size_t i = 0; i < n_roots; i++)
        if (about_of(roots[i]) == about && roots[i]->severity >= MXTLS_SEVERITY_WARNING &&
            roots[i]->severity > worst)
            worst = roots[i]->severity > MXTLS_SEVERITY_ERROR ? MXTLS_SEVERITY_ERROR
                                                             : roots[i]->severity;
    return worst;
}

/* "2 errors, 1 warning", or "" for none. */
static void count_text(char *buf, size_t size, size_t errors, size_t warnings)
{
    if (errors + warnings == 0)
        snprintf(buf, size, "%s", "");
    else if (warnings == 0)
        snprintf(buf, size, "%zu error%s", errors, errors == 1 ? "" : "s");
    else if (errors == 0)
        snprintf(buf, size, "%zu warning%s", warnings, warnings == 1 ? "" : "s");
    else
        snprintf(buf, size, "%zu error%s, %zu warning%s", errors, errors == 1 ? "" : "s",
                 warnings, warnings == 1 ? "" : "s");
}

static char *summary_of(const mxtls_report *r)
{
    size_t errors[2] = {0, 0}, warnings[2] = {0, 0};
    for (size_t i = 0; i < r->n_root_causes; i++) {
        int32_t a = about_of(r->findings[i]);
        errors[a] += r->findings[i]->severity == MXTLS_SEVERITY_ERROR;
        warnings[a] += r->findings[i]->severity == MXTLS_SEVERITY_WARNING;
    }
    const char *who = r->domain ? r->domain : r->target;
    char target[128], env[128], line[SUMMARY_SIZE];
    count_text(target, sizeof target, errors[MXTLS_ABOUT_TARGET], warnings[MXTLS_ABOUT_TARGET]);
    count_text(env, sizeof env, errors[MXTLS_ABOUT_ENVIRONMENT],
               warnings[MXTLS_ABOUT_ENVIRONMENT]);
    if (*env == '\0')
        snprintf(line, sizeof line, "%s: %s", who, *target ? target : "no problems found");
    else if (errors[MXTLS_ABOUT_ENVIRONMENT] > 0)
        snprintf(line, sizeof line,
                 "%s: %s in what could be checked; not checked fully, because of %s "
                 "where this check ran", who, *target ? target : "no problems found", env);
    else
        snprintf(line, sizeof line, "%s: %s; and %s where this check ran", who,
                 *target ? target : "no problems found", env);
    return mxtls__strdup(line);
}

/* DANE senders must verify a host whose TLSA records are DNSSEC-secure. */
static int any_secure_tlsa(const mxtls_resolve_result *res)
{
    for (size_t i = 0; res != NULL && i < res->n_hosts; i++) {
        const mxtls_mx_host *h = res->hosts[i];
        if (h->n_tlsa > 0 && h->tlsa_lookup && h->tlsa_lookup->dnssec == MXTLS_DNSSEC_SECURE)
            return 1;
    }
    return 0;
}

int mxtls__report_finish(mxtls_report *r, struct mxtls__finding_list *findings,
                         const int32_t *root_of, mxtls_probe ***probes, size_t *n_probes,
                         int mtasts_enforce)
{
    size_t n = findings->count;
    size_t *order = mxtls__calloc(n + 1, sizeof *order);
    size_t *where = mxtls__calloc(n + 1, sizeof *where);
    mxtls_finding **items = mxtls__calloc(n + 1, sizeof *items);
    if (order == NULL || where == NULL || items == NULL) {
        mxtls__free(order);
        mxtls__free(where);
        mxtls__free(items);
        return MXTLS_ENOMEM;
    }
    size_t n_problems = 0, n_roots = 0;
    inherit_about(findings, root_of);
    order_findings(findings, root_of, order, &n_problems, &n_roots);
    for (size_t k = 0; k < n; k++)
        where[order[k]] = k;
    for (size_t k = 0; k < n; k++) {
        items[k] = findings->items[order[k]];
        int32_t root = root_of[order[k]];
        items[k]->caused_by = root < 0 ? -1 : (int32_t)where[root];
    }
    mxtls__free(order);
    mxtls__free(where);
    /* The report owns the findings and probes from here on. */
    mxtls__free(findings->items);
    findings->items = NULL;
    findings->count = findings->capacity = 0;
    r->findings = (const mxtls_finding *const *)items;
    r->n_findings = n;
    r->n_root_causes = n_problems;   /* info roots (tls.ok) are no cause */
    r->probes = (const mxtls_probe *const *)*probes;
    r->n_probes = *n_probes;
    *probes = NULL;
    *n_probes = 0;
    r->verdict = verdict_of(items, n_problems, MXTLS_ABOUT_TARGET);
    r->environment_verdict = verdict_of(items, n_problems, MXTLS_ABOUT_ENVIRONMENT);
    r->strict = mtasts_enforce || any_secure_tlsa(r->resolve);
    r->summary = summary_of(r);
    return r->summary ? MXTLS_OK : MXTLS_ENOMEM;
}
