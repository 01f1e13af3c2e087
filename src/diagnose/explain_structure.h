/* What the structure of a pasted text shows, beyond its phrases: a
 * certificate listing whose subject is its issuer, a Postfix session that
 * quit right after STARTTLS, a program's URL whose TLS mode the port does
 * not speak, a greeting from another host than the one connected to. Each
 * adds support to explain_match.h's scores. Pure. */
#ifndef MXTLS_EXPLAIN_STRUCTURE_H
#define MXTLS_EXPLAIN_STRUCTURE_H

#include "explain_match.h"

/* hay: the text's normal form in ASCII lower case. */
void mxtls__explain_structure(const char *hay, struct mxtls__explain_scores *s);

/* Whose view a text's form shows, with no program named: the side, how
 * strongly (the weights of explain_rules.h's side rules), and the words of
 * hay that show it. */
struct mxtls__side_vote {
    int32_t side;     /* MXTLS_SIDE_*; MXTLS_SIDE_UNKNOWN: the form tells nothing */
    int weight;
    size_t pos, len;
};

/* An SMTP dialogue tells whose it is by which way its arrows point:
 * commands marked as sent ("-> EHLO", "[tx] STARTTLS", "send: 'ehlo")
 * or replies marked as received ("<- 220", "<<< 454", "reply: b'250")
 * are the connecting side's view (MXTLS_SIDE_CLIENT here; the caller
 * tells a program from a sending MTA or a tool by the other words);
 * commands received or replies sent
 * ("<,EHLO" in Exchange's receive log) the server's. "C:"/"S:" name the
 * roles, not the direction, and tell nothing. A "connection from A to B"
 * that names both ends is the connecting program's. */
void mxtls__explain_transcript_side(const char *hay, struct mxtls__side_vote *out);

/* Whether the words after a "... from " phrase name a pair of ends
 * ("4.3.2.1:57890 to 1.2.3.4:25"): then the phrase is the connecting
 * program's, not a server's "connection from" its client. */
int mxtls__explain_names_both_ends(const char *after_from);

#endif
