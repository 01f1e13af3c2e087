/* The diagnosis's findings as the rules build them: adding one from the
 * facts a rule saw, finding and folding them; and the follow-up probes a
 * rule asks for, answered from the results in hand or handed out (see
 * diagnosis.h, "Follow-ups without I/O"). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "ctx.h"
#include "diagnosis.h"
#include "mxtls/mxtls.h"

int mxtls__needs_verify(const struct mxtls__probe_spec *s, const mxtls_tls_result *tls)
{
    (void)s; /* every probe that got a certificate: a sender that gets through
                only with an older version still judges the certificate */
    return tls != NULL && tls->failure == MXTLS_TLS_OK && tls->n_peer_certs > 0;
}

int mxtls__tls_ok(const mxtls_probe *p)
{
    return p != NULL && p->tls != NULL && p->tls->failure == MXTLS_TLS_OK;
}

long mxtls__check_add(struct mxtls_diagnosis *c, const struct mxtls__fact *fact)
{
    if (c->status != MXTLS_OK || c->asked)
        return -1;
    char port[16] = "", alert[64] = "", check_args[300] = "";
    if (fact->port > 0)
        snprintf(port, sizeof port, "%d", (int)fact->port);
    if (c->report->domain != NULL)
        snprintf(check_args, sizeof check_args, "%s%s",
                 c->profile == MXTLS_PROFILE_SUBMISSION ? "--submission " : "",
                 c->report->domain);
    if (fact->alert >= 0) {
        const char *name = mxtls_alert_name(fact->alert);
        snprintf(alert, sizeof alert, "%d (%s)", (int)fact->alert, name ? name : "unknown");
    }
    struct mxtls__vars vars = {
        .host = fact->host,
        .address = fact->address,
        .port = port[0] ? port : NULL,
        .domain = c->profile == MXTLS_PROFILE_MX ? c->report->domain : NULL,
        .names = fact->names,
        .sni = fact->sni,
        .alert = alert[0] ? alert : NULL,
        .detail = fact->evidence,
        .date = fact->date,
        .sender = c->profile == MXTLS_PROFILE_SUBMISSION ? "Gmail's Send-As" : NULL,
        .recursion = fact->recursion,
        .target = c->report->domain,
        .vantage = "the network this check runs from",
        .check = check_args[0] ? check_args : NULL,
    };
    struct mxtls__finding_place place = {
        .host = fact->host, .address = fact->address, .port = fact->port,
        .evidence = fact->evidence,
    };
    if (c->findings.count == c->root_cap) {
        size_t cap = c->root_cap ? c->root_cap * 2 : 16;
        int32_t *roots = mxtls__realloc(c->root_of, cap * sizeof *roots);
        if (roots == NULL) {
            c->status = MXTLS_ENOMEM;
            return -1;
        }
        c->root_of = roots;
        c->root_cap = cap;
    }
    int status = MXTLS_OK;
    long index = mxtls__finding_list_add(&c->findings, fact->code, fact->severity, &vars,
                                         &place, &status);
    if (index < 0) {
        c->status = status;
        return -1;
    }
    c->root_of[index] = -1;
    return index;
}

static int same_or_any(const char *want, const char *have)
{
    return want == NULL || (have != NULL && strcmp(want, have) == 0);
}

long mxtls__check_find(const struct mxtls_diagnosis *c, int32_t code, const char *host,
                       const char *address)
{
    for (size_t i = 0; i < c->findings.count; i++) {
        const mxtls_finding *f = c->findings.items[i];
        if (f->code == code && same_or_any(host, f->host) && same_or_any(address, f->address))
            return (long)i;
    }
    return -1;
}

void mxtls__check_fold(struct mxtls_diagnosis *c, long symptom, long root)
{
    if (c->asked || symptom < 0 || root < 0 || symptom == root ||
        (size_t)symptom >= c->findings.count)
        return;
    /* Fold onto the root's own root, so chains stay one level deep. */
    while (c->root_of[root] >= 0)
        root = c->root_of[root];
    if (root != symptom)
        c->root_of[symptom] = (int32_t)root;
}

int32_t mxtls__check_tls_severity(const struct mxtls_diagnosis *c, int host_dane)
{
    if (c->profile == MXTLS_PROFILE_SUBMISSION || c->mtasts_enforce || host_dane)
        return MXTLS_SEVERITY_ERROR;
    return MXTLS_SEVERITY_WARNING;
}

/* ------------------------------------------------------------------------
 * Follow-up probes and rule passes
 * ------------------------------------------------------------------------ */

void mxtls__pass_begin(struct mxtls_diagnosis *c, size_t base)
{
    c->follow_up_base = base;
    c->follow_ups_asked = 0;
    c->asked = 0;
}

int mxtls__pass_end(struct mxtls_diagnosis *c, size_t findings_before)
{
    if (!c->asked)
        return 0;
    /* Drop what the abandoned pass added; it runs again once the probe
     * it asked for has its result. */
    while (c->findings.count > findings_before)
        mxtls__finding_free(c->findings.items[--c->findings.count]);
    c->asked = 0;
    return 1;
}

/* The probe a follow-up was asked as: the same question, asked the same
 * way. A caller that added results for another probe is refused. */
static int same_question(const mxtls_probe *p, const struct mxtls__probe_spec *s)
{
    return p->purpose == s->purpose && p->port == s->port && p->mode == s->mode &&
           p->tls_version == s->tls_version;
}

mxtls_probe *mxtls__probe_new_for(const struct mxtls__probe_spec *s)
{
    mxtls_probe *p = mxtls__calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->struct_size = sizeof *p;
    p->purpose = s->purpose;
    p->port = s->port;
    p->mode = s->mode;
    p->tls_version = s->tls_version;
    p->host_index = s->host_index;
    p->address_index = s->address_index;
    const char *sni = s->sni_default ? s->host_name : s->sni;
    if ((s->host_name && (p->host = mxtls__strdup(s->host_name)) == NULL) ||
        (p->address = mxtls__strdup(s->address->text)) == NULL ||
        (sni && (p->sni = mxtls__strdup(sni)) == NULL)) {
        mxtls__probe_free(p);
        return NULL;
    }
    return p;
}

/* While looking ahead, the probe asked for is noted, not handed out. */
static void note_ahead(struct mxtls__ahead *ahead, const struct mxtls__probe_spec *spec)
{
    ahead->want = *spec;
    ahead->asked = 1;
    if (!spec->sni_default && spec->sni != NULL) {
        snprintf(ahead->sni, sizeof ahead->sni, "%s", spec->sni);
        ahead->want.sni = ahead->sni;
    }
}

int mxtls__hand_out(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec)
{
    if (c->ahead != NULL) {
        note_ahead(c->ahead, spec);
        return 0;
    }
    mxtls_probe *p = mxtls__probe_new_for(spec);
    if (p == NULL) {
        c->status = MXTLS_ENOMEM;
        return -1;
    }
    c->pending = p;
    c->pending_spec = *spec;
    /* The spec outlives the rule that made it: its SNI is the probe's copy. */
    if (!spec->sni_default)
        c->pending_spec.sni = p->sni;
    return 0;
}

const mxtls_probe *mxtls__follow_up(struct mxtls_diagnosis *c,
                                    const struct mxtls__probe_spec *spec)
{
    if (c->status != MXTLS_OK || c->asked)
        return NULL;
    size_t k = c->follow_up_base + c->follow_ups_asked++;
    if (k < c->n_probes) {
        if (same_question(c->probes[k], spec))
            return c->probes[k];
        c->status = MXTLS_EINTERNAL;   /* a pass asked differently the second time */
        return NULL;
    }
    if (c->stopped)
        return NULL;    /* out of time: the rule goes on without it */
    c->asked = 1;
    if (mxtls__hand_out(c, spec) != 0)
        c->asked = 0;
    return NULL;
}

int32_t mxtls__ask_egress(struct mxtls_diagnosis *c, const char **seen)
{
    *seen = "";
    if (c->status != MXTLS_OK || c->asked || !c->serves_egress || c->stopped)
        return MXTLS__EGRESS_UNKNOWN;
    if (c->egress_known) {
        *seen = c->egress_evidence;
        return c->egress_verdict;
    }
    c->asked = 1;
    c->wants_egress = 1;
    return -1;
}
