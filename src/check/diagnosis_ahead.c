/* Looking ahead of the diagnosis: which follow-up the rules of one primary
 * probe will ask for, before the diagnosis has reached that primary.
 *
 * The probes of a check run side by side (probe_lanes.c), but the rules
 * read them in the plan's order, so the report stays the same as when they
 * ran one after the other. A primary whose rules want a follow-up (the
 * handshake again without SNI, one protocol version at a time, ...) should
 * not wait for every primary before it to be read: its lane runs the same
 * rules early, over what is known by then, learns what they ask, and runs
 * that at once. When the diagnosis reaches the primary it asks again; a
 * probe run ahead answers only the same question (mxtls__follow_up()), and
 * a wrong guess costs a connection, never a different report.
 *
 * The pass runs on the real diagnosis with its probe list swapped for the
 * view, and everything it changed is put back: findings added are dropped,
 * and folds of earlier findings undone. No I/O here (tests/layers.py). */
#include <string.h>

#include "alloc.h"
#include "diagnosis.h"
#include "mxtls/mxtls.h"

int mxtls__diagnosis_look_ahead(struct mxtls_diagnosis *d, mxtls_probe **view,
                                struct mxtls__probe_spec *view_specs, size_t n_view,
                                size_t current, struct mxtls__ahead *ahead)
{
    if (d->status != MXTLS_OK || current >= n_view ||
        view[current]->purpose != MXTLS_PROBE_PRIMARY)
        return 0;
    size_t kept = d->findings.count;
    int32_t *roots = NULL;
    if (kept > 0) {
        if ((roots = mxtls__malloc(kept * sizeof *roots)) == NULL)
            return -1;
        memcpy(roots, d->root_of, kept * sizeof *roots);
    }
    struct mxtls_diagnosis saved = *d;
    d->probes = view;
    d->specs = view_specs;
    d->n_probes = n_view;
    d->probes_cap = n_view;
    d->current = current;
    d->pending = NULL;
    *ahead = (struct mxtls__ahead){0};
    d->ahead = ahead;

    mxtls__pass_begin(d, current + 1);
    mxtls__diagnose_probe(d, &view_specs[current], view[current]);
    int asked = d->asked && d->status == MXTLS_OK;
    int failed = d->status == MXTLS_ENOMEM;   /* else a pass that asks differently: no guess */

    /* Put d back: the findings list and root_of may have moved (realloc),
     * so keep their storage, cut to what it held, with the old folds. */
    while (d->findings.count > kept)
        mxtls__finding_free(d->findings.items[--d->findings.count]);
    struct mxtls__finding_list findings = d->findings;
    int32_t *root_of = d->root_of;
    size_t root_cap = d->root_cap;
    *d = saved;
    d->findings = findings;
    d->root_of = root_of;
    d->root_cap = root_cap;
    if (kept > 0)
        memcpy(d->root_of, roots, kept * sizeof *roots);
    mxtls__free(roots);
    if (failed)
        return -1;
    return asked && ahead->asked ? 1 : 0;   /* EINTERNAL and the like: no guess */
}

int mxtls__diagnosis_likely_follow_up(const struct mxtls_diagnosis *d,
                                      const struct mxtls__probe_spec *primary,
                                      struct mxtls__probe_spec *out)
{
    /* diagnose_probe.c, default_without_sni(): over MX, the first address
     * of a host with a good certificate gets a handshake without SNI, and
     * most do have one. */
    int sends_sni = primary->sni_default ? primary->host_name != NULL : primary->sni != NULL;
    if (d->profile != MXTLS_PROFILE_MX || !primary->run_tls || !sends_sni ||
        primary->mode == MXTLS_MODE_PLAIN)
        return 0;
    *out = (struct mxtls__probe_spec){
        .purpose = MXTLS_PROBE_NO_SNI, .host = primary->host, .host_name = primary->host_name,
        .address = primary->address, .host_index = primary->host_index,
        .address_index = primary->address_index, .port = primary->port, .mode = primary->mode,
        .run_tls = 1,
    };
    return 1;
}
