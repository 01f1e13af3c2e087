/* The diagnosis of one target: the state the rules build up, and the rules.
 *
 * check/ has two halves. The diagnosis (this header) is pure: it plans the
 * probes a sending MTA makes, reads the stage results it is given, asks for
 * the follow-up probes that settle a cause, and builds the findings. It
 * performs no I/O (tests/layers.py holds it to that). The driver
 * (check.c, probe.c) runs the stages the diagnosis asks for: that is
 * mxtls_check(), and a caller that composes the stages itself drives the
 * same diagnosis through the public mxtls_diagnosis_* calls.
 *
 *   diagnosis.c        the public calls: plan, hand out probes, take results
 *   check_state.c      adding, finding and folding findings; follow-ups
 *   diagnose_dns.c     findings from the resolve stage and MTA-STS
 *   diagnose_probe.c   findings from one probe and its follow-ups
 *   diagnose_cross.c   findings across probes, and folding symptoms under
 *                      their root causes
 *
 * Follow-ups without I/O: a rule that wants a follow-up probe calls
 * mxtls__follow_up(). When the diagnosis has its result, that returns it;
 * when not, the rule's pass is abandoned (whatever it added is dropped),
 * the probe is handed out, and once its result is in, the pass runs again
 * from the start. A pass is deterministic, so it asks for the same probes
 * in the same order each time, and the report lists the probes in the
 * order they ran, each primary followed by its follow-ups.
 */
#ifndef MXTLS_DIAGNOSIS_H
#define MXTLS_DIAGNOSIS_H

#include <stddef.h>
#include <stdint.h>

#include "finding.h"
#include "mxtls/diagnose.h"
#include "options.h"
#include "report.h"
#include "verify_memo.h"

/* One probe as the rules see it: what it was for and how it runs. */
struct mxtls__probe_spec {
    int32_t purpose;
    const mxtls_mx_host *host;   /* NULL for an address target */
    const char *host_name;       /* the name the sender uses, or NULL */
    const mxtls_address *address;
    int32_t host_index, address_index;
    int32_t port, mode;
    const char *sni;             /* NULL: no SNI (for NO_SNI), see sni_default */
    int sni_default;             /* 1: the session's default SNI (host_name) */
    int32_t tls_version;         /* 0: any */
    int run_tls;                 /* 0: connect only */
    /* Why the certificate this probe received cannot be judged, when
     * mxtls_diagnosis_verify_input() found it past a limit: a finding code
     * (0: none) and its evidence. */
    int32_t unjudged_code;
    char unjudged_why[192];
};

/* What the verify stage was given for one probe: the certificates to
 * verify, then the intermediates other probes saw. A probe run ahead of the
 * diagnosis (probe_lanes.c) was verified on what was known then; its
 * result stands when the diagnosis would give the same. */
#define MXTLS__VERIFY_BASIS_MAX 40
struct mxtls__verify_basis {
    size_t n, n_certs;
    const uint8_t *der[MXTLS__VERIFY_BASIS_MAX];
    size_t len[MXTLS__VERIFY_BASIS_MAX];
    int32_t unjudged_code;
};

/* A probe the rules would ask for next, learned by looking ahead
 * (mxtls__diagnosis_look_ahead()); its SNI is copied here. */
struct mxtls__ahead {
    struct mxtls__probe_spec want;
    char sni[256];
    int asked;
};

/* Where the diagnosis is. */
enum mxtls__phase {
    MXTLS__PHASE_RESOLVE = 0,    /* waiting for the resolve result */
    MXTLS__PHASE_PRIMARY,        /* the connections a sender makes */
    MXTLS__PHASE_CROSS,          /* findings across probes, its follow-ups */
    MXTLS__PHASE_DONE,           /* nothing more to run: finish */
    MXTLS__PHASE_FINISHED        /* the report was handed out */
};

#define MXTLS__NONE ((size_t)-1)
#define MXTLS__EGRESS_SEEN_SIZE 320

struct mxtls_diagnosis {
    int32_t profile;
    struct mxtls_check_options opts;      /* a copy; sni owned */
    int64_t started_ms;
    mxtls_report *report;                 /* owns resolve, mtasts; until handed out */
    struct mxtls__finding_list findings;
    int32_t *root_of;                     /* per finding: the finding that
                                             explains it, or -1 (a root cause) */
    size_t root_cap;
    mxtls_probe **probes;                 /* the probes run, in order */
    struct mxtls__probe_spec *specs;      /* parallel to probes */
    size_t n_probes, probes_cap;
    int mtasts_enforce;                   /* the domain's policy is enforce */
    int status;                           /* first failure (MXTLS_ENOMEM), else OK */

    enum mxtls__phase phase;
    int nothing_to_probe;                 /* the resolve result rules out mail */
    int mtasts_wanted;                    /* wants_mtasts() says 1 */
    int stopped;                          /* mxtls_diagnosis_stop(): out of time */
    /* The plan of primary probes: the next host, address and port. */
    size_t next_host, next_address, next_port;
    int32_t ports[2];
    size_t n_ports;
    /* A rule pass: the primary it diagnoses (MXTLS__NONE in the cross
     * phase), the probes before its follow-ups, how many follow-ups it has
     * asked for so far, and whether it asked for one that has not run. */
    size_t current;
    size_t follow_up_base, follow_ups_asked;
    int asked;
    size_t cross_step;                    /* which cross rule runs next */
    size_t cross_base;                    /* the probes before the cross rules' */
    /* The probe handed out, and how it runs, until its results come. */
    mxtls_probe *pending;
    struct mxtls__probe_spec pending_spec;
    /* The reference probe (egress.c): whether the driver runs it for this
     * diagnosis (mxtls_check() does; a caller of the public calls does
     * not, and gets no egress verdict), whether a rule waits for it, and
     * its verdict (enum mxtls__egress) with what it tried. */
    int serves_egress;
    int wants_egress;
    int egress_known;
    int32_t egress_verdict;
    char egress_evidence[MXTLS__EGRESS_SEEN_SIZE];
    /* Per prediction, the finding it turns on, between mxtls__predict()
     * and mxtls__predict_link() (the findings move into the report). */
    const mxtls_finding **predicted_cause;
    /* While looking ahead: where a follow-up asked for goes instead of
     * being handed out. */
    struct mxtls__ahead *ahead;
    /* The chains this check's driver and lanes verified (probe.c,
     * probe_lanes.c): each distinct input is judged once. */
    struct mxtls__verify_memo verify_memo;
};

/* Where a finding is about; all but code may be NULL/0. */
struct mxtls__fact {
    int32_t code;
    int32_t severity;      /* 0: the catalogue's default */
    const char *host;
    const char *address;
    int32_t port;
    const char *evidence;  /* what was seen, one line */
    const char *names;     /* names the certificate carries */
    const char *sni;
    int32_t alert;         /* -1: none */
    const char *date;      /* "2026-01-31" */
    const char *recursion; /* our sentence on --recursive, or NULL */
};

/* diagnosis.c: the primary probes of the plan still to run, in order, at
 * most max into out; how many. */
size_t mxtls__diagnosis_plan(struct mxtls_diagnosis *d, struct mxtls__probe_spec *out,
                             size_t max);
/* The TLS parameters of probe s (*out NULL when it runs no TLS). */
mxtls_status mxtls__tls_params_for(const struct mxtls__probe_spec *s, mxtls_tls_params **out);
/* The verify input of probe s, which got tls, with the intermediates of
 * seen[0..n_seen) (the probes before it); *out NULL when there is nothing
 * to verify (s->unjudged_* may say why). basis (or NULL) gets what it was
 * given. */
mxtls_status mxtls__verify_input_for(const struct mxtls_diagnosis *d,
                                     struct mxtls__probe_spec *s, const mxtls_tls_result *tls,
                                     mxtls_probe *const *seen, size_t n_seen,
                                     mxtls_verify_input **out, struct mxtls__verify_basis *basis);
/* 1 when both bases hold the same certificates in the same order. */
int mxtls__verify_basis_same(const struct mxtls__verify_basis *a,
                             const struct mxtls__verify_basis *b);

/* diagnosis_ahead.c: run the rules of the primary probe view[current] over
 * view[0..n_view) (the probes the diagnosis has, then those run ahead of
 * it, each primary followed by its follow-ups), and leave d as it was. 1
 * with ahead->want filled when the pass asks for a probe past the view; 0
 * when it asks for none more or the view does not settle it; -1 when
 * memory ran out. */
int mxtls__diagnosis_look_ahead(struct mxtls_diagnosis *d, mxtls_probe **view,
                                struct mxtls__probe_spec *view_specs, size_t n_view,
                                size_t current, struct mxtls__ahead *ahead);

/* diagnosis_ahead.c: the follow-up the rules most likely ask of primary,
 * to run beside it before they do: 1 with *out filled, else 0. Only for
 * the first address of each host and port (the rules ask once per host). */
int mxtls__diagnosis_likely_follow_up(const struct mxtls_diagnosis *d,
                                      const struct mxtls__probe_spec *primary,
                                      struct mxtls__probe_spec *out);

/* check_state.c */
/* A new probe object for spec, with no results yet; NULL when memory ran
 * out. */
mxtls_probe *mxtls__probe_new_for(const struct mxtls__probe_spec *spec);
/* 1 when the probe ran TLS and the handshake succeeded. */
int mxtls__tls_ok(const mxtls_probe *p);


/* 1 when the probe's handshake gave a certificate that must be verified. */
int mxtls__needs_verify(const struct mxtls__probe_spec *spec, const mxtls_tls_result *tls);

/* Add a finding; returns its index, or -1 when memory ran out (c->status
 * then says so and later calls do nothing) or the pass has asked for a
 * follow-up (it will run again). */
long mxtls__check_add(struct mxtls_diagnosis *c, const struct mxtls__fact *fact);
/* The first finding with code about host (NULL: any) and address (NULL:
 * any), or -1. */
long mxtls__check_find(const struct mxtls_diagnosis *c, int32_t code, const char *host,
                       const char *address);
/* Say that finding symptom is explained by finding root. */
void mxtls__check_fold(struct mxtls_diagnosis *c, long symptom, long root);

/* The severity a certificate or TLS problem has at host: an error where
 * senders must verify (submission, MTA-STS enforce, DANE), else a warning,
 * because opportunistic senders still deliver. */
int32_t mxtls__check_tls_severity(const struct mxtls_diagnosis *c, int host_dane);

/* The result of the follow-up probe spec, the next one this pass asks for;
 * NULL when it has not run yet (the pass is then abandoned and spec is
 * handed out) or memory ran out. */
const mxtls_probe *mxtls__follow_up(struct mxtls_diagnosis *c,
                                    const struct mxtls__probe_spec *spec);

/* Hand out spec as the next probe to run (c->pending); -1 when memory ran
 * out. */
int mxtls__hand_out(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec);

/* The reference probe's verdict (enum mxtls__egress, ctx.h), with what
 * it tried in *seen; MXTLS__EGRESS_UNKNOWN when the driver does not run
 * it, or the check is out of time. When the verdict is not in yet, the
 * pass is abandoned as for a follow-up (returns -1) and the driver is
 * asked for it (c->wants_egress). */
int32_t mxtls__ask_egress(struct mxtls_diagnosis *c, const char **seen);

/* The driver's side of the reference probe (check.c): run it for d; does
 * d wait for it; its verdict, with what it tried (copied, cut to fit). */
void mxtls__diagnosis_serve_egress(struct mxtls_diagnosis *d);
int mxtls__diagnosis_wants_egress(const struct mxtls_diagnosis *d);
mxtls_status mxtls__diagnosis_add_egress(struct mxtls_diagnosis *d, int32_t verdict,
                                         const char *seen);

/* Start a rule pass whose follow-ups are the probes from index base on;
 * end it: 1 when it asked for a probe (its findings were dropped). */
void mxtls__pass_begin(struct mxtls_diagnosis *c, size_t base);
int mxtls__pass_end(struct mxtls_diagnosis *c, size_t findings_before);

/* diagnose_dns.c: returns 1 when the domain cannot take mail at all (no
 * point probing). */
int mxtls__diagnose_resolve(struct mxtls_diagnosis *c, const mxtls_resolve_result *res);
void mxtls__diagnose_mtasts(struct mxtls_diagnosis *c, const mxtls_mtasts_result *sts,
                            const char *domain);
/* The domain has an MTA-STS record, but no MTA-STS result was added. */
void mxtls__diagnose_mtasts_missing(struct mxtls_diagnosis *c);
/* The check stopped at its deadline with `not_run` connections not made
 * (listed in `which`). */
void mxtls__diagnose_deadline(struct mxtls_diagnosis *c, size_t not_run, const char *which);
/* -4 or -6 left no address to probe. */
void mxtls__diagnose_nothing_probed(struct mxtls_diagnosis *c);

/* diagnose_probe.c: findings of one primary probe and its follow-ups. */
void mxtls__diagnose_probe(struct mxtls_diagnosis *c, const struct mxtls__probe_spec *spec,
                           const mxtls_probe *probe);

/* diagnose_cross.c: the cross-probe rules, in order; step says which one
 * runs (from 0, while it returns 1). Only the rules whose pass may ask for
 * follow-ups run more than once. */
int mxtls__diagnose_cross_step(struct mxtls_diagnosis *c, size_t step);

/* diagnose_predict.c */
/* One prediction per sender profile of the report's kind (senders.h), read
 * from the probes before the report is finished, and the severity rule
 * applied to the findings they turn on (so the ordering and the verdict
 * follow it). MXTLS_OK or MXTLS_ENOMEM (what was made stays in the report,
 * for mxtls_report_free()). */
int mxtls__predict(struct mxtls_diagnosis *d);

/* After mxtls__report_finish(): each prediction's finding index in r. */
void mxtls__predict_link(struct mxtls_diagnosis *d, mxtls_report *r);

#endif
