/* mxtls_check() inside: the state one check builds up while it runs the
 * stages, and the steps that turn what they saw into findings.
 *
 *   check.c            the entry points, target parsing, the two profiles
 *   check_options.c    the options object
 *   check_probe.c      one connection (connect, STARTTLS, verify) and the
 *                      follow-up probes that settle a cause
 *   diagnose_dns.c     findings from the resolve stage and MTA-STS
 *   diagnose_probe.c   findings from one probe
 *   diagnose_cross.c   findings across probes, and folding symptoms under
 *                      their root causes
 *   report.c           finishing (ordering, verdict) and freeing a report
 */
#ifndef MXTLS_CHECK_H
#define MXTLS_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "finding.h"
#include "mxtls/diagnose.h"

struct mxtls_check_options {
    int32_t port;          /* 0: the profile's ports */
    int32_t implicit_tls;  /* -1 unset, 0 STARTTLS, 1 implicit TLS */
    char *sni;             /* NULL: the host's name */
    int32_t family;        /* 0, 4 or 6 */
    mxtls_progress_fn progress;
    void *progress_user;
};

/* Per finding: which finding explains it (-1: none, it is a root cause). */
struct mxtls__check {
    mxtls_ctx *ctx;
    const struct mxtls_check_options *opts;
    int32_t profile;
    mxtls_report *report;                 /* owned until handed out */
    struct mxtls__finding_list findings;
    int32_t *root_of;                     /* parallel to findings.items */
    size_t root_cap;
    mxtls_probe **probes;
    size_t n_probes, probes_cap;
    int mtasts_enforce;                   /* the domain's policy is enforce */
    int status;                           /* first MXTLS_ENOMEM, else MXTLS_OK */
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
};

/* Add a finding; returns its index, or -1 when memory ran out (c->status
 * then says so and later calls do nothing). */
long mxtls__check_add(struct mxtls__check *c, const struct mxtls__fact *fact);
/* The first finding with code about host (NULL: any) and address (NULL:
 * any), or -1. */
long mxtls__check_find(const struct mxtls__check *c, int32_t code, const char *host,
                       const char *address);
/* Say that finding symptom is explained by finding root. */
void mxtls__check_fold(struct mxtls__check *c, long symptom, long root);
/* Report a progress line when the caller asked for them. */
void mxtls__check_progress(const struct mxtls__check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The severity a certificate or TLS problem has at host: an error where
 * senders must verify (submission, MTA-STS enforce, DANE), else a warning,
 * because opportunistic senders still deliver. */
int32_t mxtls__check_tls_severity(const struct mxtls__check *c, int host_dane);

/* check_probe.c */
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
};
/* Run one probe and append it to the report; returns it (owned by c), or
 * NULL when memory ran out. */
mxtls_probe *mxtls__probe_run(struct mxtls__check *c, const struct mxtls__probe_spec *spec);
void mxtls__probe_free(mxtls_probe *probe);

/* diagnose_dns.c: returns 1 when the domain cannot take mail at all (no
 * point probing). */
int mxtls__diagnose_resolve(struct mxtls__check *c, const mxtls_resolve_result *res);
void mxtls__diagnose_mtasts(struct mxtls__check *c, const mxtls_mtasts_result *sts,
                            const char *domain);

/* diagnose_probe.c: findings of one primary probe and its follow-ups. */
void mxtls__diagnose_probe(struct mxtls__check *c, const struct mxtls__probe_spec *spec,
                           const mxtls_probe *probe);

/* diagnose_cross.c */
void mxtls__diagnose_cross(struct mxtls__check *c);

/* report.c */
mxtls_report *mxtls__report_new(const char *target, int32_t profile);
/* Move findings and probes into the report, roots first; set the verdict. */
int mxtls__report_finish(struct mxtls__check *c);

#endif
