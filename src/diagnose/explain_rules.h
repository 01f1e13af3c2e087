/* What in a pasted error text supports which cause, and whose log the text
 * is: the rules behind mxtls_explain(), as data (explain_rules.c), and the
 * matcher that weighs them (explain_match.c). Pure. */
#ifndef MXTLS_EXPLAIN_RULES_H
#define MXTLS_EXPLAIN_RULES_H

#include <stddef.h>
#include <stdint.h>

/* Sides a rule holds for (bits 1 << MXTLS_SIDE_*); 0: any side. */
#define SIDE_BIT(s) (1u << (s))

/* A cause, and the phrases (lower case, in the normal form of
 * errtext_norm.h) any of which supports it with this weight:
 * 3 the text names the cause, 2 a strong sign, 1 a hint. */
struct mxtls__cause_rule {
    int32_t cause;            /* MXTLS_F_* */
    uint8_t weight;
    uint8_t sides;            /* SIDE_BIT()s, or 0 */
    const char *const *phrases; /* NULL-terminated */
    const char *const *with;    /* NULL, or phrases one of which must be in
                                   the text too */
};

/* Phrases that show whose log or view a text is. */
struct mxtls__side_rule {
    int32_t side;             /* MXTLS_SIDE_* */
    uint8_t weight;
    const char *const *phrases;
};

extern const struct mxtls__cause_rule mxtls__cause_rules[];
extern const size_t mxtls__n_cause_rules;

/* The TLS libraries' own error strings, family by family, as their
 * sources spell them (explain_vocabulary.c): the same kind of rule,
 * weighed with mxtls__cause_rules as one list, so that the longer of two
 * overlapping phrases wins whichever table it is in. */
extern const struct mxtls__cause_rule mxtls__vocabulary_rules[];
extern const size_t mxtls__n_vocabulary_rules;
/* The mail transfer agents' own error strings (Postfix, Exim, OpenSMTPD,
 * Haraka, Microsoft 365's connectors), as their sources spell them
 * (explain_vocabulary_mta.c): weighed in the same list. */
extern const struct mxtls__cause_rule mxtls__mta_vocabulary_rules[];
extern const size_t mxtls__n_mta_vocabulary_rules;

/* The mail-sending libraries' and mail clients' own error strings
 * (explain_vocabulary_mail.c): nodemailer, PHPMailer, MailKit, curl,
 * Thunderbird and the like, weighed in the same list. */
extern const struct mxtls__cause_rule mxtls__mail_vocabulary_rules[];
extern const size_t mxtls__n_mail_vocabulary_rules;

/* The same messages as Windows, .NET and Thunderbird print them in other
 * languages, each copied from a public source
 * (explain_vocabulary_l10n.c): weighed with the tables above as one list. */
extern const struct mxtls__cause_rule mxtls__l10n_vocabulary_rules[];
extern const size_t mxtls__n_l10n_vocabulary_rules;
extern const struct mxtls__side_rule mxtls__side_rules[];
extern const size_t mxtls__n_side_rules;

/* Words of an SMTP reply that is about submitting mail (RFC 6409): with
 * no log around the reply, a program submitting mail received it, not a
 * sending MTA. */
extern const char *const mxtls__submission_phrases[];

/* Words only an MTA's own log has, on either side: a text with them and
 * nothing that says which side is an MTA's, not a program's. The first
 * list's calls are the connecting side's (a sending MTA's); the second's
 * are written by both, and most often by a receiving server, whose TLS
 * warnings every scanner and old client sets off. */
extern const char *const mxtls__mta_phrases[];
extern const char *const mxtls__mta_server_phrases[];

/* OpenSSL functions and reasons of the connecting role: in an MTA's TLS
 * warning with no side named, the MTA that connected wrote it. */
extern const char *const mxtls__client_role_phrases[];

/* Causes that a text can only hint at: ranked only when one of these
 * phrases is there too (a proxy's name or an HTTP reply for net.proxied),
 * else offered as a check to run. */
struct mxtls__needs_rule {
    int32_t cause;
    const char *const *phrases;
};
extern const struct mxtls__needs_rule mxtls__needs_rules[];
extern const size_t mxtls__n_needs_rules;

/* A library's fixed list of possible reasons, printed whatever the
 * reason was: from start up to and with end (or the end of the text, when
 * the paste was cut) it is no evidence for any one cause. */
struct mxtls__boilerplate_rule {
    const char *start, *end;
};
extern const struct mxtls__boilerplate_rule mxtls__boilerplate_rules[];
extern const size_t mxtls__n_boilerplate_rules;

/* Between two causes the text supports equally, the first of a pair goes
 * first: it is the cause, the second what follows from it. */
struct mxtls__precedence_rule {
    int32_t cause, over;
};
extern const struct mxtls__precedence_rule mxtls__precedence_rules[];
extern const size_t mxtls__n_precedence_rules;

/* Causes that only restate the failure ("the handshake failed", "an alert
 * was sent"): between equally strong signs, any cause that says why goes
 * before them. */
extern const int32_t mxtls__symptom_causes[];
extern const size_t mxtls__n_symptom_causes;

#endif
