/* The report model: a report made empty, filled from the findings and
 * probes of a diagnosis, and freed. Renderers (report_text.c,
 * report_json.c) only read it. */
#ifndef MXTLS_REPORT_H
#define MXTLS_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "finding.h"
#include "mxtls/diagnose.h"

mxtls_report *mxtls__report_new(const char *target, int32_t profile);

/* Move findings and probes into r: root causes first (worst first, else as
 * found), then the symptoms in the order of their roots; root_of[i] is the
 * index of the finding that explains finding i, or -1. Sets the verdict,
 * strict (mtasts_enforce, or DNSSEC-secure TLSA in r->resolve) and the
 * summary. On MXTLS_OK r owns the findings and the probes, and *findings
 * and *probes are left empty; on MXTLS_ENOMEM nothing moved. */
int mxtls__report_finish(mxtls_report *r, struct mxtls__finding_list *findings,
                         const int32_t *root_of, mxtls_probe ***probes, size_t *n_probes,
                         int mtasts_enforce);

/* Free a probe and its stage results. NULL is a no-op. */
void mxtls__probe_free(mxtls_probe *probe);

/* Free one prediction (check/diagnose_predict.c makes them). NULL is a no-op. */
void mxtls__prediction_free(mxtls_prediction *prediction);

#endif
