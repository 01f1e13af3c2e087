/* mxtls — who can deliver to the target: sender profiles and predictions.
 *
 * A sender profile says what one real sending system does on the way to a
 * domain's MX hosts (or, for Gmail's Send-As, to a submission server):
 * whether it sends SNI, which TLS versions it offers, whether it verifies
 * the certificate, honours MTA-STS and DANE, falls back to plaintext, and
 * how long it retries. Every fact names its public source; a fact no public
 * source settles is MXTLS_FACT_UNKNOWN, never a guess. The profiles are
 * static data compiled into the library.
 *
 * Every report of mxtls_check() carries one prediction per profile of its
 * kind (mxtls_report.predictions): how that sender's delivery would end,
 * judged from what the check saw, and the finding that stops it.
 */
#ifndef MXTLS_SENDERS_H
#define MXTLS_SENDERS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The value of a yes/no fact about a sender. Values never change. */
#define MXTLS_FACT_UNKNOWN (-1) /* no public source settles it */
#define MXTLS_FACT_NO 0
#define MXTLS_FACT_YES 1
#define MXTLS_FACT_WITH_POLICY 2 /* only where the domain's own policy applies:
                                    DNSSEC-secure TLSA records it honours, or
                                    an MTA-STS policy in enforce mode */
#define MXTLS_FACT_LATER 3       /* plaintext_after_tls_failure: not on the
                                    first attempt, on a retry minutes later */

/** One sender profile. Static: never freed, the same pointer for the life
 *  of the process; read-only. */
typedef struct mxtls_sender {
    uint32_t struct_size;
    const char *id;              /* "gmail", "postfix-dane", ... */
    const char *name;            /* "Gmail (MX delivery)" */
    int32_t profile;             /* MXTLS_PROFILE_MX or _SUBMISSION: what it
                                    delivers to */
    int32_t mainstream;          /* 1: a large share of the world's mail comes
                                    this way (Gmail, Microsoft 365, Postfix and
                                    Exim defaults); 0: a choice some senders make */
    int32_t sends_sni;           /* MXTLS_FACT_*: SNI with the MX host name */
    int32_t tls_min;             /* MXTLS_TLS_1_0 .. _1_3 it offers; 0 unknown */
    int32_t tls_max;
    int32_t verifies_certificate;       /* MXTLS_FACT_*: a bad certificate stops it */
    int32_t honours_mtasts;             /* MXTLS_FACT_* */
    int32_t honours_dane;               /* MXTLS_FACT_* */
    int32_t plaintext_without_starttls; /* MXTLS_FACT_*: no STARTTLS offered */
    int32_t plaintext_after_tls_failure;/* MXTLS_FACT_* (LATER: on a retry) */
    int32_t retry_hours;         /* how long it retries before it bounces; -1 unknown */
    const char *summary;         /* one line: what it is and how it is set up */
    size_t n_sources;
    const char *const *sources;  /* "fact: where it is documented", one per fact */
    /* Members are only ever appended here. */
} mxtls_sender;

/** How many sender profiles there are. Thread-safe. Since 0.1. */
MXTLS_EXPORT size_t mxtls_sender_count(void);

/** Profile i (0 .. count-1), or NULL past the end. Thread-safe. Since 0.1. */
MXTLS_EXPORT const mxtls_sender *mxtls_sender_at(size_t i);

/** The profile with this id ("gmail"), or NULL. Thread-safe. Since 0.1. */
MXTLS_EXPORT const mxtls_sender *mxtls_sender_find(const char *id);

/* How a sender's delivery would end (mxtls_prediction.outcome). */
#define MXTLS_DELIVERY_UNKNOWN 0   /* it turns on a fact no source settles, or
                                      on a step the check could not see */
#define MXTLS_DELIVERY_TLS 1       /* delivers over TLS */
#define MXTLS_DELIVERY_PLAINTEXT 2 /* delivers, without TLS */
#define MXTLS_DELIVERY_DEFERS 3    /* keeps the mail queued and retries; it
                                      bounces when retry_hours run out */
#define MXTLS_DELIVERY_BOUNCES 4   /* returns the mail to its author at once */

/** Name of an MXTLS_DELIVERY_* value ("tls", "plaintext", "defers",
 *  "bounces", "unknown"). Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_delivery_name(int32_t outcome);

/** One sender's predicted delivery to the checked target. Library-
 *  allocated, owned by the report. */
typedef struct mxtls_prediction {
    uint32_t struct_size;
    const mxtls_sender *sender; /* static */
    int32_t outcome;            /* MXTLS_DELIVERY_* */
    int32_t finding;            /* index in the report's findings of what
                                   stops it (or sends it without TLS), or -1 */
    const char *host;           /* the host it delivers to, or where it stops;
                                   NULL when no host was reached */
    const char *detail;         /* one line, for people: the step that decides */
    int32_t delayed;            /* 1: it gets through only on a retry, after a
                                   first attempt that defers (Postfix sends in
                                   clear after a failed handshake only once
                                   the mail is minutes old) */
    /* Members are only ever appended here. */
} mxtls_prediction;

#ifdef __cplusplus
}
#endif

#endif /* MXTLS_SENDERS_H */
