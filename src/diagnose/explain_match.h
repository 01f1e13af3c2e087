/* Weighing the evidence of a pasted text: which rules of explain_rules.c
 * it matches, whose log it is, and the causes ranked by what supports
 * them, with the words that did. Pure. */
#ifndef MXTLS_EXPLAIN_MATCH_H
#define MXTLS_EXPLAIN_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "errtext_norm.h"

#define MXTLS__MAX_CAUSES 8       /* causes an explanation lists */
#define MXTLS__EVIDENCE_MAX 200   /* octets of quoted words kept per cause */

struct mxtls__cause_score {
    int32_t cause;        /* MXTLS_F_* */
    int score;            /* the weights of the rules that support it, each once */
    int best;             /* the strongest of them: 3 names it, 2 a sign, 1 a hint */
    size_t order;         /* which came first, for ties */
    int unconfirmed;      /* needs evidence the text lacks: offered as a check */
    int symptom;          /* only restates the failure: after causes as strong */
    char evidence[MXTLS__EVIDENCE_MAX]; /* the words that matched, quoted */
    int64_t start, end;   /* octets of the input the first of them came from, or -1 */
};

struct mxtls__explain_scores {
    struct mxtls__cause_score causes[2 * MXTLS__MAX_CAUSES];
    size_t n;
    int32_t side;         /* MXTLS_SIDE_* */
    int side_guessed;     /* no phrase said: the side comes from the text's form */
    char side_evidence[MXTLS__EVIDENCE_MAX];
};

/* Match the rules against t: the side first, then every cause. 0, or -1
 * when memory ran out. */
int mxtls__explain_match(const struct mxtls__normtext *t, struct mxtls__explain_scores *out);

/* Match the cause rules again, for the side s already states, with the
 * octets [pos, pos + len) of the text read as blanks, and the same words
 * wherever else they stand ('_' and ' ' alike): words the facts
 * showed to mean something else than they say alone (the name of an
 * alert that rejected the other side's certificate). 0, or -1 without
 * memory. */
int mxtls__explain_rematch_without(const struct mxtls__normtext *t, size_t pos, size_t len,
                                   struct mxtls__explain_scores *s);

/* When no phrase said whose text it is, guess it from the text's form:
 * an SMTP reply with no log around it (smtp_code, or a code that starts
 * the text) is what the connecting side received; an MTA's own wording
 * (Postfix's "TLS library problem", Exim's "(gnutls_handshake)") a
 * sending MTA's; any other text that names a cause but no program is
 * most often a program's own error. 0, or -1 without memory. */
int mxtls__explain_guess_side(const struct mxtls__normtext *t, int32_t smtp_code,
                              struct mxtls__explain_scores *s);

/* The slot of cause, new (with no support yet) if it has none; NULL when
 * all are taken. */
struct mxtls__cause_score *mxtls__explain_slot(struct mxtls__explain_scores *s, int32_t cause);

/* Take cause off the list: the text contradicts it. */
void mxtls__explain_drop(struct mxtls__explain_scores *s, int32_t cause);

/* 1 for a finding that says the line showing it is not the failure (TLS
 * that worked, a peer that closed without close_notify): it ranks after
 * every other cause and is no cause in the words of the explanation. The
 * catalogue's severity cannot say this: info there also grades real
 * causes (weak DH parameters, a missing MX). */
int mxtls__explain_benign(int32_t cause);

/* Add support for cause found another way (an alert number, a reply code). */
void mxtls__explain_support(struct mxtls__explain_scores *s, int32_t cause, int weight,
                            const char *evidence);

/* The text has what cause needs after all (an address in a proxy's
 * range): rank it with the others. */
void mxtls__explain_confirm(struct mxtls__explain_scores *s, int32_t cause);

/* Order the causes: supported ones by their strongest sign (ties: a cause
 * before what follows from it, a cause before a symptom, more support, the
 * one seen first), then the unconfirmed ones; keep at most
 * MXTLS__MAX_CAUSES. */
void mxtls__explain_rank(struct mxtls__explain_scores *s, const struct mxtls__normtext *t);

/* A text whose only support is a hint that the handshake or the
 * connection failed ("connection reset", "handshake failed") names no
 * cause: forget those hints, so that the text counts as unrecognised and
 * the command that finds the cause is offered instead of a guess. Returns
 * 1 when what it forgot held such a symptom, else 0. */
int mxtls__explain_forget_bare_symptoms(struct mxtls__explain_scores *s);

/* Whether text (any case) holds a lookup of an MTA-STS record that found
 * no such name: the domain publishes no policy. */
int mxtls__mtasts_unpublished(const char *text);

#endif
